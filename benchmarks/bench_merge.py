"""Story-event merging speed: 10k mentions merged incrementally, and one article's update on a
database that already holds 100k story events.

The baseline, measured in the same run, is the same one-article update on an empty database, so the
ratio shows what a large store costs.

Usage: python benchmarks/bench_merge.py [--articles 1000] [--existing 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from entente.models import Actor, Analysis, Article, DateValue, Event, PublishedDate, Span
from entente.store import articles as store
from entente.store.database import open_engine
from entente.store.schema import articles, story_events
from entente.stories.merge import record_analysis

STATES = [
    "CHN",
    "RUS",
    "USA",
    "IND",
    "BRA",
    "JPN",
    "DEU",
    "FRA",
    "TUR",
    "IRN",
    "EGY",
    "KEN",
    "MEX",
    "IDN",
    "AUS",
    "CAN",
    "POL",
    "ZAF",
    "VNM",
    "NGA",
    "ARG",
    "SAU",
    "UKR",
    "ISR",
]
ROOTS = ["03", "04", "05", "06", "11", "13", "16", "19"]


def _article(engine, aid: str, day: str, rng: random.Random, n_events: int) -> Analysis:
    sentences = [f"Sentence {i} about talks number {rng.random()}." for i in range(n_events)]
    text = " ".join(sentences)
    art = Article(
        id=aid,
        text=text,
        raw=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published=PublishedDate(day, "given"),
        outlet=f"Outlet {rng.randint(1, 50)}",
    )
    store.write_article(engine, art)
    events = []
    for i, s in enumerate(sentences):
        a, b = rng.sample(STATES, 2)
        root = rng.choice(ROOTS)
        start = text.index(s)
        events.append(
            Event(
                id=f"{aid}:{i}",
                source=Actor(a, a, a, kind="state"),
                target=Actor(b, b, b, kind="state"),
                cameo=root + "0",
                cameo_root=root,
                modality="occurred",
                date=DateValue(day, "day"),
                evidence=Span(s, start, start + len(s)),
                quad_class=1,
                goldstein=1.0,
                confidence=0.8,
            )
        )
    return Analysis(art, events=events)


def _bulk_story_events(engine, n: int, rng: random.Random) -> None:
    rows = []
    with engine.begin() as conn:
        conn.execute(
            insert(articles),
            [
                {
                    "id": "bulk",
                    "text": "x",
                    "raw": "x",
                    "content_hash": "bulk",
                    "published_method": "given",
                    "ingested_at": "2024-01-01",
                    "seq": 0,
                }
            ],
        )
        for _ in range(n):
            a, b = rng.sample(STATES, 2)
            day = f"20{rng.randint(10, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            rows.append(
                {
                    "dyad": "|".join(sorted([a, b])),
                    "source_country": a,
                    "target_country": b,
                    "source_name": a,
                    "target_name": b,
                    "cameo": "040",
                    "cameo_root": rng.choice(ROOTS),
                    "status": "occurred",
                    "symmetric": 0,
                    "date_value": day,
                    "date_precision": "day",
                    "date_earliest": day,
                    "date_latest": day,
                    "sort_date": day,
                    "summary": "bulk",
                    "num_mentions": 1,
                    "num_articles": 1,
                    "num_sources": 1,
                    "history": "[]",
                }
            )
            if len(rows) == 5000:
                conn.execute(insert(story_events), rows)
                rows = []
        if rows:
            conn.execute(insert(story_events), rows)


def _one_update(engine, rng: random.Random) -> float:
    analysis = _article(engine, f"probe-{rng.random()}", "2020-06-15", rng, 12)
    start = time.perf_counter()
    record_analysis(engine, analysis)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="articles of 10 events each")
    parser.add_argument("--existing", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(11)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'merge.db'}")
        start = time.perf_counter()
        for i in range(args.articles):
            day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            record_analysis(engine, _article(engine, f"a{i}", day, rng, 10))
        secs = time.perf_counter() - start
        results["incremental_mentions"] = args.articles * 10
        results["incremental_seconds"] = secs
        results["mentions_per_second"] = args.articles * 10 / secs
        base = sorted(_one_update(engine, rng) for _ in range(5))[2]
        engine.dispose()
        engine = open_engine(f"sqlite:///{Path(tmp) / 'big.db'}")
        empty = sorted(_one_update(engine, rng) for _ in range(5))[2]
        _bulk_story_events(engine, args.existing, rng)
        big = sorted(_one_update(engine, rng) for _ in range(5))[2]
        results.update(
            small_db_update_s=base,
            empty_db_update_s=empty,
            big_db_update_s=big,
            big_db_story_events=args.existing,
            ratio_big_to_empty=big / empty,
        )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

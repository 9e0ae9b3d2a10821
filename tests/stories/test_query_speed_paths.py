"""The index-walking query paths give the same rows, in the same order, as the plain filters.

A seeded synthetic store (source and target countries, self-pairs, one-sided and name-only actors,
undated events, winters and multi-year windows that cross a new year) is queried through
:func:`query_story_events` and :func:`event_mentions_page`, and every page is compared with a
reference written in Python from the documented contract: dated story events by (sort_date, id),
then undated ones by id; event mentions newest article first, then by evidence offset and id.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event

from entente.store.database import open_engine
from entente.store.schema import articles, event_mentions, story_events
from entente.stories.queries import EventFilter, event_mentions_page, roots_for
from entente.stories.timeline import TimelineQuery, query_story_events

COUNTRIES = ["USA", "CHN", "RUS", "UKR"]
N_ARTICLES, N_EVENTS = 30, 260


def _window(rng: random.Random) -> tuple[str | None, str | None, str | None]:
    """(value, earliest, latest): undated, a day, a winter, or a range of years."""
    y, m, d = rng.randint(2018, 2023), rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.12:
        return None, None, None
    if kind < 0.22:
        return str(y), f"{y}-12-01", f"{y + 1}-02-28"
    if kind < 0.28:
        return str(y), f"{y}-01-01", f"{y + rng.randint(1, 3)}-12-31"
    day = f"{y}-{m:02d}-{d:02d}"
    return day, day, day


def _sides(rng: random.Random) -> tuple[str | None, str | None, str, str]:
    """(source country, target country, source name, target name)."""
    kind = rng.random()
    a, b = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
    if kind < 0.08:
        return a, a, a, a  # a self-pair: found once, not twice, by an actor filter
    if kind < 0.16:
        return a, None, a, "Unnamed militia"
    if kind < 0.22:
        return None, b, "Unnamed militia", b
    while b == a:
        b = rng.choice(COUNTRIES)
    return a, b, a, b


def _fill(engine: Engine, seed: int = 3) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    arts = [
        {
            "id": f"a{i:02d}",
            "title": f"Article {i}",
            "outlet": f"Outlet {i % 4}",
            "text": "x",
            "raw": "",
            "content_hash": f"{i:064d}",
            "published_method": "given",
            "published_date": f"2023-01-{i % 28 + 1:02d}",
            "ingested_at": "2025-01-01T00:00:00",
            # seq is not the id's order, so that ordering by it is tested
            "seq": (i * 7) % N_ARTICLES + 1,
        }
        for i in range(N_ARTICLES)
    ]
    stories, mentions = [], []
    for i in range(1, N_EVENTS + 1):
        src, tgt, src_name, tgt_name = _sides(rng)
        value, earliest, latest = _window(rng)
        root = rng.choice(["01", "04", "12", "19"])
        status = rng.choice(["occurred", "occurred", "planned", "negated"])
        stories.append(
            {
                "id": i,
                "dyad": "|".join(sorted([src or src_name, tgt or tgt_name])),
                "source_name": src_name,
                "source_country": src,
                "source_code": src,
                "target_name": tgt_name,
                "target_country": tgt,
                "target_code": tgt,
                "cameo": root + "0",
                "cameo_root": root,
                "quad_class": {"01": 1, "04": 1, "12": 3, "19": 4}[root],
                "status": status,
                "symmetric": 0,
                "date_value": value,
                "date_earliest": earliest,
                "date_latest": latest,
                "sort_date": earliest,
                "summary": f"Event {i}",
                "num_mentions": 1,
                "num_articles": 1,
                "num_sources": 1,
            }
        )
        art = rng.choice(arts)
        mentions.append(
            {
                **{k: stories[-1][k] for k in ("cameo", "cameo_root", "quad_class", "symmetric")},
                **{k: stories[-1][k] for k in ("date_value", "date_earliest", "date_latest")},
                "id": f"{art['id']}:{i}",
                "article_id": art["id"],
                "article_seq": art["seq"],
                "story_id": i,
                "source_name": src_name,
                "source_code": src,
                "source_country": src,
                "target_name": tgt_name,
                "target_code": tgt,
                "target_country": tgt,
                "modality": status,
                "evidence": f"Event {i}",
                "evidence_start": rng.randint(0, 3) * 10,
                "evidence_end": 99,
            }
        )
    with engine.begin() as conn:
        conn.execute(articles.insert(), arts)
        conn.execute(story_events.insert(), stories)
        conn.execute(event_mentions.insert(), mentions)
    return stories, mentions


@pytest.fixture
def store(db_url: str) -> Iterator[tuple[Engine, list[dict[str, Any]], list[dict[str, Any]]]]:
    engine = open_engine(db_url)
    stories, mentions = _fill(engine)
    yield engine, stories, mentions
    engine.dispose()


def _actor_matches(row: dict[str, Any], actor: str) -> bool:
    if len(actor) == 3 and actor.isupper():
        return actor in (row["source_country"], row["target_country"])
    names = (row["source_name"] or "", row["target_name"] or "")
    return any(actor.lower() in n.lower() for n in names)


def _expected_stories(stories: list[dict[str, Any]], q: TimelineQuery) -> list[int]:
    def keep(s: dict[str, Any]) -> bool:
        if not all(_actor_matches(s, a) for a in q.actors):
            return False
        if q.dyad and s["dyad"] != "|".join(sorted(q.dyad)):
            return False
        if q.since and not (s["date_latest"] and s["date_latest"] >= q.since):
            return False
        if q.until and not (s["date_earliest"] and s["date_earliest"] <= q.until):
            return False
        if q.roots and s["cameo_root"] not in q.roots:
            return False
        return not (q.statuses and s["status"] not in q.statuses)

    kept = [s for s in stories if keep(s)]
    dated = sorted((s for s in kept if s["sort_date"]), key=lambda s: (s["sort_date"], s["id"]))
    undated = sorted((s for s in kept if not s["sort_date"]), key=lambda s: s["id"])
    ids = [s["id"] for s in [*dated, *undated]]
    end = None if q.limit is None else q.offset + q.limit
    return ids[q.offset : end]


def _expected_mentions(mentions: list[dict[str, Any]], f: EventFilter) -> list[tuple[str, str]]:
    roots = roots_for(f.roots, f.quad_classes)

    def keep(m: dict[str, Any]) -> bool:
        if not all(_actor_matches(m, a) for a in f.actors):
            return False
        if f.dyad and {m["source_country"], m["target_country"]} != set(f.dyad):
            return False
        if roots and m["cameo_root"] not in roots:
            return False
        if f.modalities and m["modality"] not in f.modalities:
            return False
        if f.since and not ((m["date_latest"] or m["date_value"] or "") >= f.since):
            return False
        return not (f.until and not (m["date_earliest"] or m["date_value"] or "~") <= f.until)

    kept = sorted(
        (m for m in mentions if keep(m)),
        key=lambda m: (-m["article_seq"], m["evidence_start"], m["id"]),
    )
    return [(m["id"], m["article_id"]) for m in kept[f.offset : f.offset + f.limit]]


TIMELINE_CASES = [
    TimelineQuery(actors=["USA"]),
    TimelineQuery(actors=["CHN"], limit=7),
    TimelineQuery(actors=["RUS"], since="2020-01-01", until="2020-06-30"),
    TimelineQuery(actors=["UKR"], since="2021-03-15"),
    TimelineQuery(actors=["USA"], until="2019-12-31", statuses=["occurred"]),
    TimelineQuery(actors=["CHN", "RUS"], since="2019-01-01"),
    TimelineQuery(actors=["USA", "militia"], limit=5),
    TimelineQuery(actors=["militia"], since="2022-01-01"),
    TimelineQuery(dyad=("USA", "CHN")),
    TimelineQuery(dyad=("RUS", "UKR"), since="2021-01-01", until="2021-12-31", limit=4),
    TimelineQuery(dyad=("CHN", "CHN"), roots=["04", "12"]),
    TimelineQuery(since="2020-02-01", limit=12),
    TimelineQuery(since="2019-01-01", until="2022-12-31", roots=["19"]),
    TimelineQuery(),
]


@pytest.mark.parametrize("q", TIMELINE_CASES, ids=lambda q: repr(q)[13:80])
def test_story_events_match_the_plain_filter(store, q: TimelineQuery) -> None:
    engine, stories, _ = store
    got = [e.id for e in query_story_events(engine, q, with_sources=False)]
    assert got == _expected_stories(stories, q)


@pytest.mark.parametrize(
    "q",
    [
        TimelineQuery(actors=["USA"]),
        TimelineQuery(dyad=("CHN", "RUS")),
        TimelineQuery(actors=["RUS"], since="2020-01-01"),
    ],
)
def test_pages_join_up_across_their_parts(store, q: TimelineQuery) -> None:
    engine, stories, _ = store
    everything = _expected_stories(stories, q)
    by_id = {s["id"]: s for s in stories}
    if q.since:  # events crossing into since's year, read apart, come first
        assert by_id[everything[0]]["sort_date"] < q.since[:4]
    else:  # undated events come last
        assert by_id[everything[-1]]["sort_date"] is None
    size, seen, offset = 6, [], 0
    while True:
        page = TimelineQuery(**{**q.__dict__, "limit": size, "offset": offset})
        ids = [e.id for e in query_story_events(engine, page, with_sources=False)]
        assert ids == everything[offset : offset + size]
        seen += ids
        if len(ids) < size:
            break
        offset += size
    assert seen == everything
    past = TimelineQuery(**{**q.__dict__, "limit": size, "offset": len(everything) + 2})
    assert query_story_events(engine, past) == []


def test_an_actor_timeline_lists_a_self_pair_once(store) -> None:
    engine, stories, _ = store
    selfs = {s["id"] for s in stories if s["source_country"] == s["target_country"] == "CHN"}
    assert selfs
    got = [e.id for e in query_story_events(engine, TimelineQuery(actors=["CHN"]))]
    assert len(got) == len(set(got))
    assert selfs <= set(got)


def test_events_crossing_a_new_year_reach_a_later_start_date(store) -> None:
    engine, stories, _ = store
    # a window that starts in an earlier year and still runs on the start date is found apart
    since = "2021-01-15"
    straddling = {
        s["id"]
        for s in stories
        if s["sort_date"] and s["sort_date"] < "2021" and s["date_latest"] >= since
    }
    assert straddling
    got = [e.id for e in query_story_events(engine, TimelineQuery(since=since, limit=None))]
    assert straddling <= set(got)
    first = got[: len(straddling)]
    assert set(first) == straddling  # they start earliest, so they come first


MENTION_CASES = [
    EventFilter(actors=["USA"]),
    EventFilter(actors=["CHN"], quad_classes=[1], modalities=["occurred"]),
    EventFilter(actors=["RUS"], offset=7, limit=9),
    EventFilter(dyad=("USA", "CHN")),
    EventFilter(dyad=("UKR", "RUS"), offset=2, limit=3),
    EventFilter(dyad=("CHN", "CHN")),
    EventFilter(actors=["USA", "militia"]),
    EventFilter(actors=["UKR"], since="2021-01-01", until="2022-06-30"),
    EventFilter(roots=["19"]),
    EventFilter(),
]


@pytest.mark.parametrize("f", MENTION_CASES, ids=lambda f: repr(f)[12:80])
def test_event_mentions_match_the_plain_filter(store, f: EventFilter) -> None:
    engine, _, mentions = store
    got = event_mentions_page(engine, f)
    assert [(m["id"], m["article"]["id"]) for m in got] == _expected_mentions(mentions, f)
    for m in got:
        assert m["article"]["title"] == f"Article {int(m['article']['id'][1:])}"


def _union_plans(engine: Engine, run: Any) -> list[str]:
    """EXPLAIN QUERY PLAN of each UNION statement that ``run`` executes (SQLite)."""
    captured: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        if "UNION ALL" in statement:
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    with engine.connect() as conn:
        return [
            " / ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
            for sql, params in captured
        ]


def test_actor_and_pair_pages_walk_indexes_in_order(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    _fill(engine)
    runs = {
        "actor timeline": lambda: query_story_events(
            engine, TimelineQuery(actors=["USA"], since="2020-01-01", limit=10)
        ),
        "actor mentions": lambda: event_mentions_page(
            engine, EventFilter(actors=["USA"], quad_classes=[4], modalities=["occurred"])
        ),
        "pair mentions": lambda: event_mentions_page(engine, EventFilter(dyad=("USA", "CHN"))),
    }
    for name, run in runs.items():
        plans = _union_plans(engine, run)
        assert plans, name
        for plan in plans:
            # without statistics (ANALYZE never ran) each branch still walks its own index in
            # the page's order and the database merges them: no sort of every match
            assert "MERGE (UNION ALL)" in plan, (name, plan)
            assert "TEMP B-TREE" not in plan, (name, plan)
    engine.dispose()

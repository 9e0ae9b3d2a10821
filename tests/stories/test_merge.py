"""Cross-article merging, timelines, trends, exports and briefings over hand-built analyses."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.models import (
    Analysis,
)
from entente.store import articles as store
from entente.store.database import open_engine
from entente.stories.brief import build_brief
from entente.stories.export import export
from entente.stories.merge import record_analysis, story_count
from entente.stories.support import citations, unsupported
from entente.stories.timeline import TimelineQuery, timeline
from entente.stories.trend import dyad_trend
from helpers.stories_corpus import (
    CHINA,
    MEDVEDEV,
    PUTIN,
    RUSSIA,
    XI,
    _article,
    _event,
    build_corpus,
)


@pytest.fixture
def engine(db_url: str):
    eng = open_engine(db_url)
    yield eng
    eng.dispose()


def test_same_event_from_several_articles_is_one_story_event(engine) -> None:
    build_corpus(engine)
    tl = timeline(engine, TimelineQuery(dyad=("CHN", "RUS")))
    visit = [e for e in tl.entries if e.cameo_root == "04"]
    assert len(visit) == 1, [e.summary for e in tl.entries]
    entry = visit[0]
    assert entry.date["value"] == "2023-03-20" and entry.status == "occurred"
    docs = {s["doc_id"]: s["role"] for s in entry.sources}
    # both reports and the announcement, which is linked as such
    assert docs == {"report1": "report", "report2": "report", "announce": "announcement"}
    assert entry.num_articles == 3 and entry.num_sources == 3
    assert entry.history[0]["status"] == "announced"
    # one step per article and status, however often an article names the event
    steps = [(h["status"], h["article_id"]) for h in entry.history]
    assert len(steps) == len(set(steps)) == 3
    # the signing on the next day is part of the same visit, not a second entry
    assert not [e for e in tl.entries if e.cameo_root == "05"]
    # a different person's undated visit is not merged into Xi's
    assert [e.sources[0]["doc_id"] for e in tl.undated] == ["medvedev"]


def test_merging_is_incremental_and_idempotent(engine) -> None:
    build_corpus(engine)
    before = story_count(engine)
    # re-recording an article replaces its mentions and leaves the same story events
    art = store.get_article(engine, "report2")
    s3 = art.text
    record_analysis(
        engine,
        Analysis(
            art, events=[_event(art, 0, XI, RUSSIA, "042", "occurred", "2023-03-20", "day", s3)]
        ),
    )
    assert story_count(engine) == before


def test_planned_event_without_fulfilment_stays_planned(engine) -> None:
    s = "Putin will visit Beijing next month, the Kremlin said."
    a = _article(engine, "plan-only", s, "2024-04-10", "Wire E")
    record_analysis(
        engine,
        Analysis(a, events=[_event(a, 0, PUTIN, CHINA, "042", "planned", "2024-05", "month", s)]),
    )
    tl = timeline(engine, TimelineQuery(statuses=["planned"]))
    assert len(tl.entries) == 1 and tl.entries[0].status == "planned"
    # the report of the visit, ingested later, absorbs the announcement
    s2 = "Putin arrived in Beijing on Thursday for a two-day state visit."
    b = _article(engine, "visit", s2, "2024-05-16", "Wire F")
    record_analysis(
        engine,
        Analysis(
            b, events=[_event(b, 0, PUTIN, CHINA, "042", "occurred", "2024-05-16", "day", s2)]
        ),
    )
    tl = timeline(engine, TimelineQuery(dyad=("CHN", "RUS")))
    assert len(tl.entries) == 1
    assert {s["doc_id"] for s in tl.entries[0].sources} == {"plan-only", "visit"}


def test_trend_export_and_brief(engine, tmp_path: Path) -> None:
    build_corpus(engine)
    points = dyad_trend(engine, "CHN", "RUS")
    assert [p.month for p in points] == ["2023-03"] and points[0].counts[1] == 1
    import pandas as pd

    for table in ("events", "mentions", "timeline"):
        for fmt in ("csv", "parquet", "jsonl"):
            out = tmp_path / f"{table}.{fmt}"
            n = export(engine, table, fmt, out)  # type: ignore[arg-type]
            frame = {
                "csv": pd.read_csv,
                "parquet": pd.read_parquet,
                "jsonl": lambda p: pd.read_json(p, lines=True),
            }[fmt](out)
            assert len(frame) == n > 0
    events = pd.read_parquet(tmp_path / "events.parquet")
    assert events["NumArticles"].max() == 3
    brief = build_brief(engine, ["CHN", "RUS"])
    assert brief.sentences(), brief.dropped
    texts = {r.number: store.get_article(engine, r.doc_id).text for r in brief.references}
    for sentence in brief.sentences():
        _, cited = citations(sentence)
        assert cited, sentence
        assert not unsupported(sentence, [texts[n] for n in cited]), sentence


def test_support_check_catches_invented_facts() -> None:
    source = "Xi Jinping met Vladimir Putin in Moscow on March 21, 2023, and signed 14 documents."
    assert unsupported("Xi Jinping met Vladimir Putin in Moscow. [1]", [source]) == []
    assert unsupported("They signed 14 documents on March 21, 2023. [1]", [source]) == []
    assert unsupported("Xi met Putin in Beijing. [1]", [source]) == ["Beijing"]
    assert "15" in unsupported("They signed 15 documents. [1]", [source])
    assert citations("A sentence. [2][3]")[1] == [2, 3]


def test_a_day_passed_on_from_context_keeps_the_mention_in_that_days_episode(engine) -> None:
    # An article with no year: the trip is dated "On Dec. 21"; the talks in the next sentence
    # carry that day from context ("(context: Dec. 21)") and belong to the same episode, while
    # the drills of Dec. 22 stay apart.
    s1 = "On Dec. 21, Dmitry Medvedev traveled to China for a meeting with Xi Jinping."
    s2 = "Medvedev and Xi discussed the partnership between Moscow and Beijing."
    s3 = "On Dec. 22, Russian and Chinese forces began joint drills."
    a = _article(engine, "noyear", f"{s1} {s2} {s3}", None, "Wire G")
    record_analysis(
        engine,
        Analysis(
            a,
            events=[
                _event(a, 0, MEDVEDEV, CHINA, "042", "occurred", None, None, s1, text="On Dec. 21"),
                _event(
                    a,
                    1,
                    MEDVEDEV,
                    XI,
                    "040",
                    "occurred",
                    None,
                    None,
                    s2,
                    True,
                    text="(context: Dec. 21)",
                ),
                _event(a, 2, RUSSIA, CHINA, "062", "occurred", None, None, s3, True, "Dec. 22"),
            ],
        ),
    )
    tl = timeline(engine, TimelineQuery(dyad=("CHN", "RUS")))
    assert len(tl.undated) == 2, [e.summary for e in tl.undated]
    assert {e.cameo_root for e in tl.undated} == {"04", "06"}

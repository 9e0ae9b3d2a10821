"""The CHN–RUS timeline built from the example corpus by the real pipeline, in a browser and the API.

Expectations come from the database the pipeline wrote, queried here, never from hard-coded text:
the tests check that the pages and the API show what the pipeline stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import create_engine, select

from entente.store.schema import articles, event_mentions, story_events
from helpers.example_corpus import ExampleBuild

from .conftest import LiveServer, collect_errors, shot

pytestmark = pytest.mark.model
DYAD = "CHN|RUS"  # the stored unordered pair key of the dyad


@dataclass
class Source:
    """One article cited by a story event, as the database holds it."""

    title: str | None
    outlet: str | None
    evidence: list[str] = field(default_factory=list)


@dataclass
class Story:
    """One CHN–RUS story event and the articles whose mentions it merged."""

    id: int
    cameo: str
    date: str | None
    sources: dict[str, Source] = field(default_factory=dict)


def _stories(db_url: str) -> dict[int, Story]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(story_events.c.id, story_events.c.cameo, story_events.c.date_value).where(
                    story_events.c.dyad == DYAD
                )
            ).all()
            stories = {r.id: Story(r.id, r.cameo, r.date_value) for r in rows}
            cited = conn.execute(
                select(
                    event_mentions.c.story_id,
                    event_mentions.c.article_id,
                    event_mentions.c.evidence,
                    articles.c.title,
                    articles.c.outlet,
                )
                .join(articles, articles.c.id == event_mentions.c.article_id)
                .where(event_mentions.c.story_id.in_(list(stories)))
            ).all()
    finally:
        engine.dispose()
    for m in cited:
        src = stories[m.story_id].sources.setdefault(m.article_id, Source(m.title, m.outlet))
        src.evidence.append(m.evidence)
    return stories


@pytest.fixture(scope="module")
def stories(example_build: ExampleBuild) -> dict[int, Story]:
    found = _stories(example_build.url)
    if not found:
        pytest.fail("the example corpus produced no CHN–RUS story events")
    return found


def _words(text: str) -> str:
    return " ".join(text.split())


def _quotes_evidence(shown: str, evidence: list[str]) -> bool:
    """Whether a panel's quotation is one of the article's evidence sentences (maybe shortened)."""
    start = _words(shown).removesuffix(" …")[:60]
    return any(start in _words(e) for e in evidence)


def _open_entry(page) -> int:  # type: ignore[no-untyped-def]
    match = re.search(r"[?&]entry=(\d+)", page.url)
    return int(match.group(1)) if match else -1


def _check_panel(page, story: Story) -> None:  # type: ignore[no-untyped-def]
    panel = page.locator("#entry-panel")
    assert f"({story.cameo})" in panel.locator("h3").inner_text()
    assert panel.locator(".date").inner_text().startswith(story.date or "undated")
    items = panel.locator("li.source")
    assert items.count() == len(story.sources), (story.id, items.all_inner_texts())
    for i in range(items.count()):
        item = items.nth(i)
        link = item.locator("a").first
        doc_id = next(
            d for d in story.sources if link.get_attribute("href") == f"/articles/{quote(d)}"
        )
        source = story.sources[doc_id]
        assert link.inner_text() == (source.title or doc_id)
        assert (source.outlet or "unknown outlet") in item.locator(".meta").inner_text()
        assert _quotes_evidence(item.locator("blockquote").inner_text(), source.evidence)


@pytest.mark.browser
def test_example_timeline_opens_each_entry_with_its_sources(
    browser: object, page, example_server: LiveServer, stories: dict[int, Story]
) -> None:
    errors = collect_errors(page)
    page.goto(f"{example_server.url}/timeline?dyad=CHN,RUS")
    page.wait_for_selector(".vis-item .tl-item")
    dated = {s.id for s in stories.values() if s.date}
    items = page.locator(".vis-item:has(.tl-item)")
    assert items.count() == len(dated)
    assert page.locator("ol.entries li.entry").count() == len(stories)
    shot(page, "example-timeline")

    opened: set[int] = set()
    for i in range(items.count()):
        before = _open_entry(page)
        items.nth(i).click()
        page.wait_for_function(
            "prev => new URL(location.href).searchParams.get('entry') !== prev",
            arg=None if before < 0 else str(before),
        )
        page.locator("#entry-panel").wait_for(state="visible")
        entry = _open_entry(page)
        _check_panel(page, stories[entry])
        opened.add(entry)
    assert opened == dated

    # the entry most sources report, reopened from its shareable URL
    richest = max(sorted(dated), key=lambda s: len(stories[s].sources))
    page.goto(f"{example_server.url}/timeline?dyad=CHN,RUS&entry={richest}")
    page.locator("#entry-panel").wait_for(state="visible")
    _check_panel(page, stories[richest])
    shot(page, "example-timeline-entry")

    first = page.locator("#entry-panel li.source a").first
    doc_id = first.get_attribute("href").removeprefix("/articles/")
    first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("#text").inner_text().strip()
    assert page.url.endswith(f"/articles/{doc_id}")
    shot(page, "example-article")
    assert not errors, errors


def test_example_timeline_api_cites_ingested_articles(
    example_server: LiveServer, example_build: ExampleBuild, stories: dict[int, Story]
) -> None:
    r = httpx.get(f"{example_server.url}/api/timeline", params={"dyad": "CHN,RUS"}, timeout=30)
    assert r.status_code == 200, r.text
    data = r.json()
    entries = data["entries"] + data["undated"]
    assert {e["id"] for e in entries} == set(stories)
    assert all(e["date"]["value"] for e in data["entries"])
    for e in entries:
        cited = {s["doc_id"] for s in e["sources"]}
        assert cited <= example_build.ingested_ids, cited - example_build.ingested_ids
        assert cited == set(stories[e["id"]].sources), e["id"]
    # story merging: at least one event is reported by more than one article
    assert max(len(e["sources"]) for e in entries) >= 2

"""The pages in a real browser: the CHN-RUS timeline opens an entry's sources; views render."""

from __future__ import annotations

import re

import pytest

from .conftest import collect_errors, shot

pytestmark = pytest.mark.browser


def test_timeline_entry_opens_its_sources(live_server, page) -> None:
    errors = collect_errors(page)
    page.goto(f"{live_server.url}/timeline?dyad=CHN,RUS")
    page.wait_for_selector(".vis-item")
    assert page.locator(".vis-item").count() >= 2
    shot(page, "timeline")
    visit = page.locator(".vis-item", has_text="RUS").filter(has_text="CHN").first
    visit.click()
    panel = page.locator("#entry-panel")
    panel.wait_for(state="visible")
    sources = panel.locator("li.source")
    assert sources.count() >= 1
    links = [
        sources.nth(i).locator("a").first.get_attribute("href") for i in range(sources.count())
    ]
    assert all(h and h.startswith("/articles/") for h in links)
    assert re.search(r"[?&]entry=\d+", page.url)  # the open entry is in the shareable URL
    shot(page, "timeline-entry")
    # the shared URL reopens the same entry
    shared = page.url
    page.goto(shared)
    page.locator("#entry-panel").wait_for(state="visible")
    assert page.locator("#entry-panel li.source").count() == sources.count()
    page.locator("#entry-panel li.source a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("#text").inner_text()
    assert not errors, errors


def test_timeline_zooms(live_server, page) -> None:
    page.goto(f"{live_server.url}/timeline?dyad=CHN,RUS")
    page.wait_for_selector(".vis-item")
    box = page.locator("#timeline .vis-center").bounding_box()
    before = page.locator(".vis-time-axis .vis-text").all_inner_texts()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(6):
        page.mouse.wheel(0, -400)
    page.wait_for_timeout(300)
    after = page.locator(".vis-time-axis .vis-text").all_inner_texts()
    assert after != before


def test_every_view_renders(live_server, page) -> None:
    errors = collect_errors(page)
    for path, name, wait in [
        ("/", "dashboard", "table.list"),
        ("/network", "network", "#network canvas"),
        ("/trend?a=CHN&b=RUS", "trend", "img.chart"),
        ("/articles/report1", "article", "#text"),
        ("/search?q=Moscow", "search", "ol.hits"),
        ("/articles", "articles", "table.list"),
        ("/docs", "api-docs", ".swagger-ui .opblock"),
    ]:
        page.goto(live_server.url + path)
        page.wait_for_selector(wait)
        if name == "trend":
            assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 0
        shot(page, name)
    assert not errors, errors


def test_article_hover_shows_codes(live_server, page) -> None:
    page.goto(f"{live_server.url}/articles/report1")
    page.locator("#text .hl-event").first.hover()
    card = page.locator(".tipcard")
    card.wait_for(state="visible")
    assert "event 042" in card.inner_text()
    shot(page, "article-hover", full_page=False)

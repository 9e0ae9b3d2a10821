"""Web pages rendered in-process: content, shareable query-string state, errors as pages."""

from __future__ import annotations

import json
import re


def _json_block(html: str, element_id: str) -> dict:  # type: ignore[type-arg]
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert m, element_id
    return json.loads(m.group(1))


def test_dashboard_shows_counts_latest_events_and_dyads(client) -> None:
    html = client.get("/").text
    assert "story events" in html and "Most active dyads" in html
    assert "/timeline?dyad=CHN,RUS" in html and "China – Russia" in html
    assert "&entry=" in html  # latest events link to their entry on the timeline


def test_timeline_page_embeds_entries_with_sources(client) -> None:
    html = client.get("/timeline", params={"dyad": "CHN,RUS", "since": "2023-03"}).text
    assert "Timeline: China – Russia" in html
    data = _json_block(html, "timeline-data")
    assert data["entries"] and all(e["sources"] for e in data["entries"])
    assert 'value="2023-03"' in html  # the form keeps the state of the URL
    assert "vis-timeline-graph2d.min.js" in html and "cdn" not in html.lower()


def test_timeline_page_without_choice_suggests_dyads(client) -> None:
    html = client.get("/timeline").text
    assert "Choose a dyad" in html and "/timeline?dyad=CHN,RUS" in html


def test_bad_page_parameters_render_an_error_page(client) -> None:
    r = client.get("/timeline", params={"dyad": "CHN,RUS", "since": "soon"})
    assert r.status_code == 422 and "is not a date" in r.text and "<html" in r.text
    r = client.get("/articles/missing")
    assert r.status_code == 404 and "no article with id" in r.text


def test_article_page_highlights_with_tips(client) -> None:
    html = client.get("/articles/annotated").text
    assert 'class="hl-entity"' in html
    assert re.search(r'data-tip="PERSON → Vladimir Putin \(RUSGOV', html)
    assert 'id="ev-0"' in html and 'id="q-0"' in html
    assert "event 042" in html and "event date: 2023-03-20 (day)" in html
    assert "quote · speaker: Xi Jinping (CHNGOV)" in html


def test_network_trend_search_articles_docs(client) -> None:
    net = _json_block(client.get("/network").text, "network-data")
    assert net["nodes"][0]["name"] in {"China", "Russia"}
    trend = client.get("/trend", params={"a": "chn", "b": "RUS"}).text
    assert 'src="/api/trend.png?a=CHN&b=RUS"' in trend
    search = client.get("/search", params={"q": "Medvedev"}).text
    assert "<mark>Medvedev</mark>" in search
    assert "/articles/annotated" in client.get("/articles").text
    docs = client.get("/docs").text
    assert "swagger-ui-bundle.js" in docs and "js/docs.js" in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200

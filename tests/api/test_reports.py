"""Quotes by speaker, search, briefings and statistics."""

from __future__ import annotations


def test_quotes_by_speaker_country_and_text(client) -> None:
    by_name = client.get("/api/quotes", params={"speaker": "jinping"}).json()["items"]
    assert {q["article"]["id"] for q in by_name} == {"report1", "annotated"}
    assert by_name[0]["speaker"]["country"] == "CHN"
    assert client.get("/api/quotes", params={"country": "RUS"}).json()["items"] == []
    words = client.get("/api/quotes", params={"text": "are partners"}).json()["items"]
    assert [q["text"] for q in words] == ["We are partners."]
    assert client.get("/api/quotes", params={"country": "Russia"}).status_code == 422


def test_search_finds_articles_best_first(client) -> None:
    data = client.get("/api/search", params={"q": "Medvedev China"}).json()
    assert data["items"][0]["id"] == "medvedev"
    assert client.get("/api/search").status_code == 422


def test_search_input_is_never_query_syntax(client) -> None:
    r = client.get("/api/search", params={"q": 'Xi" OR title:* NEAR('})
    assert r.status_code == 200


def test_brief_json_html_markdown(client) -> None:
    data = client.get("/api/brief", params={"actor": ["CHN", "RUS"]}).json()
    assert data["title"] == "Briefing: China and Russia"
    sentences = [s for sec in data["sections"] for s in sec["sentences"]]
    assert sentences and all("[" in s for s in sentences)
    assert data["references"]
    html = client.get("/api/brief", params={"actor": ["CHN", "RUS"], "format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "<h1>" in html.text
    md = client.get("/api/brief", params={"actor": "CHN", "format": "md"})
    assert md.text.startswith("# Briefing")
    three = client.get("/api/brief", params={"actor": ["CHN", "RUS", "USA"]})
    assert three.status_code == 422 and "one actor or one pair" in three.json()["error"]["message"]


def test_stats_counts_everything(client) -> None:
    data = client.get("/api/stats").json()
    assert data["articles"] == 5 and data["analysed_articles"] == 5
    assert data["event_mentions"] == 6 and data["quotes"] == 2
    assert data["story_events"] == sum(data["story_events_by_status"].values()) > 0


def test_openapi_lists_every_resource(client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/story-events",
        "/api/timeline",
        "/api/trend",
        "/api/trend.png",
        "/api/quotes",
        "/api/search",
        "/api/brief",
        "/api/network",
        "/api/stats",
        "/api/ingest",
    ):
        assert path in paths, path
    assert all(not p.startswith("/articles") for p in paths)  # pages stay out of the API docs

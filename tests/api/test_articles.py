"""Articles: listing, filters, pagination, one article with its analysis, JSON errors."""

from __future__ import annotations


def test_list_articles_pages_with_next_offset(client) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert [a["id"] for a in first["items"]] == ["announce", "report1"]
    assert first["next_offset"] == 2
    assert "text" not in first["items"][0]
    rest = client.get("/api/articles", params={"limit": 50, "offset": 2}).json()
    assert [a["id"] for a in rest["items"]] == ["report2", "medvedev", "annotated"]
    assert rest["next_offset"] is None


def test_list_articles_filters(client) -> None:
    got = client.get("/api/articles", params={"outlet": "Wire C"}).json()["items"]
    assert [a["id"] for a in got] == ["report2"]
    got = client.get("/api/articles", params={"since": "2023-03-21"}).json()["items"]
    assert {a["id"] for a in got} == {"report1", "report2", "annotated"}


def test_get_article_with_analysis_offsets(client) -> None:
    data = client.get("/api/articles/annotated").json()
    text = data["text"]
    analysis = data["analysis"]
    assert "raw" not in data and "doc" not in analysis
    ent = analysis["entities"][1]
    assert text[ent["start"] : ent["end"]] == "Xi Jinping"
    ev = analysis["events"][0]
    assert ev["cameo"] == "042" and ev["date"]["value"] == "2023-03-20"
    assert text[ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
    quote = analysis["quotes"][0]
    assert text[quote["start"] : quote["end"]] == "We are partners."


def test_unanalysed_article_has_null_analysis(client, db_path) -> None:
    from entente.models import Article, PublishedDate
    from entente.store import articles as store
    from entente.store.database import open_engine

    engine = open_engine(f"sqlite:///{db_path}")
    store.write_article(
        engine,
        Article(
            id="plain",
            text="Nothing happened.",
            raw="x",
            content_hash="h" * 64,
            published=PublishedDate(),
        ),
    )
    engine.dispose()
    data = client.get("/api/articles/plain", params={"raw": True}).json()
    assert data["analysis"] is None and data["raw"] == "x"


def test_missing_article_is_a_json_404(client) -> None:
    r = client.get("/api/articles/no-such-id")
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["code"] == "E021" and "no-such-id" in err["message"] and err["hint"]


def test_unknown_endpoint_is_json_404(client) -> None:
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["message"] == "no such endpoint or page"


def test_page_size_limit_is_refused_with_a_reason(client) -> None:
    r = client.get("/api/articles", params={"limit": 501})
    assert r.status_code == 422
    assert "maximum page size 500" in r.json()["error"]["message"]
    r = client.get("/api/articles", params={"limit": 0})
    assert r.status_code == 422 and r.json()["error"]["problems"][0]["field"] == "limit"

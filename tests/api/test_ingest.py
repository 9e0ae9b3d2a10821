"""The write endpoint: read-only without a token, bearer token checks, body and batch limits."""

from __future__ import annotations

import pytest

from entente.api import create_app
from entente.api.settings import ApiSettings

from .conftest import TOKEN, article_ids, make_client

TEXT = (
    "Russia and China held naval drills in the Sea of Japan on Monday, the defence "
    "ministry said. The exercise lasted four days."
)
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_read_only_without_configured_token(client, db_path) -> None:
    before = article_ids(db_path)
    r = client.post(
        "/api/ingest",
        json={"documents": [{"text": TEXT}]},
        headers={"Authorization": "Bearer anything"},
    )
    assert r.status_code == 403
    err = r.json()["error"]
    assert "read-only" in err["message"] and "ENTENTE_API_TOKEN" in err["hint"]
    assert article_ids(db_path) == before


def test_token_from_environment(monkeypatch, db_path) -> None:
    monkeypatch.setenv("ENTENTE_API_TOKEN", "from-env")
    app = create_app(ApiSettings(db_url=f"sqlite:///{db_path}"))
    assert app.state.settings.token == "from-env"
    monkeypatch.delenv("ENTENTE_API_TOKEN")
    assert create_app(str(db_path)).state.settings.token is None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
    ],
)
def test_missing_or_wrong_token_is_401(writer, db_path, headers) -> None:
    before = article_ids(db_path)
    r = writer.post("/api/ingest", json={"documents": [{"text": TEXT}]}, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert article_ids(db_path) == before


def test_ingest_text_and_html_with_token(writer, db_path) -> None:
    html = (
        "<html><head><title>Drills end</title></head><body><article><p>"
        + TEXT.replace("Monday", "Friday")
        + " Officials in Beijing described the drills "
        "as routine and said more would follow later in the year.</p></article></body></html>"
    )
    body = {
        "documents": [
            {
                "text": TEXT,
                "title": "Naval drills",
                "outlet": "Test Wire",
                "published": "2024-07-15",
                "source_url": "https://example.org/drills",
            },
            {"html": html, "published": "2024-07-19"},
        ]
    }
    r = writer.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    outcomes = r.json()["outcomes"]
    assert [o["status"] for o in outcomes] == ["ingested", "ingested"]
    new = writer.get(f"/api/articles/{outcomes[0]['id']}").json()
    assert new["title"] == "Naval drills" and new["outlet"] == "Test Wire"
    assert new["published"]["date"] == "2024-07-15" and new["url"] == "https://example.org/drills"
    again = writer.post("/api/ingest", json=body, headers=AUTH).json()["outcomes"]
    assert [o["status"] for o in again] == ["duplicate", "duplicate"]
    assert len(article_ids(db_path)) == 7


def test_bad_documents_fail_one_by_one(writer) -> None:
    body = {
        "documents": [
            {"url": "file:///etc/passwd"},
            {"url": "http://127.0.0.1:9/x"},
            {"text": "   "},
            {"text": TEXT},
        ]
    }
    r = writer.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    outcomes = r.json()["outcomes"]
    assert [o["status"] for o in outcomes] == ["failed", "failed", "failed", "ingested"]
    assert "http" in outcomes[0]["reason"]
    assert "private" in outcomes[1]["reason"] or "loopback" in outcomes[1]["reason"]


def test_bad_published_date_is_400(writer) -> None:
    r = writer.post(
        "/api/ingest", json={"documents": [{"text": TEXT, "published": "soon"}]}, headers=AUTH
    )
    assert r.status_code == 400 and "published" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"documents": []},
        {"documents": [{}]},
        {"documents": [{"text": "a", "html": "<p>a</p>"}]},
    ],
)
def test_invalid_bodies_are_422(writer, body) -> None:
    r = writer.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code == 422 and r.json()["error"]["problems"]


def test_body_size_limit(db_path) -> None:
    with make_client(db_path, token=TOKEN, max_body_bytes=1000) as c:
        big = {"documents": [{"text": "word " * 400}]}
        r = c.post("/api/ingest", json=big, headers=AUTH)
        assert r.status_code == 413 and "1000 bytes" in r.json()["error"]["message"]

        def chunks():  # no Content-Length: the limit counts streamed bytes
            yield b'{"documents": [{"text": "'
            for _ in range(50):
                yield b"x" * 100
            yield b'"}]}'

        r = c.post(
            "/api/ingest", content=chunks(), headers={**AUTH, "content-type": "application/json"}
        )
        assert r.status_code == 413


def test_batch_size_limit(db_path) -> None:
    with make_client(db_path, token=TOKEN, max_ingest_documents=2) as c:
        docs = [{"text": f"{TEXT} Number {i}."} for i in range(3)]
        r = c.post("/api/ingest", json={"documents": docs}, headers=AUTH)
        assert r.status_code == 413 and "at most 2" in r.json()["error"]["message"]


def test_get_on_ingest_is_405(writer) -> None:
    assert writer.get("/api/ingest").status_code == 405

"""Safety: security headers, no CORS by default, untrusted text escaped in every page."""

from __future__ import annotations

import json
import re

from entente.models import Actor, Analysis, EntityMention
from entente.store.database import open_engine
from entente.stories.merge import record_analysis
from helpers.stories_corpus import RUSSIA, _article, _event

from .conftest import make_client

PAYLOAD = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    "</script><svg onload=alert(1)>"
)


def _hostile(db_path) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(f"sqlite:///{db_path}")
    sentence = f"China {PAYLOAD} met Russia in Moscow."
    art = _article(engine, "hostile", sentence, "2023-04-01", f"Evil {PAYLOAD}")
    evil = Actor(f"China {PAYLOAD}", "CHN", "CHN", kind="state")
    record_analysis(
        engine,
        Analysis(
            art,
            entities=[EntityMention(PAYLOAD, 6, 6 + len(PAYLOAD), "ORG", evil)],
            events=[_event(art, 0, evil, RUSSIA, "040", "occurred", "2023-04-01", "day", sentence)],
        ),
    )
    engine.dispose()


def test_security_headers_everywhere(client) -> None:
    for path in ("/", "/api/stats", "/static/app.css", "/api/nothing"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert script.strip() == "script-src 'self'"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


def test_no_cors_by_default(client) -> None:
    r = client.get("/api/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/api/stats",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in pre.headers


def test_cors_only_for_configured_origins(db_path) -> None:
    with make_client(db_path, cors_origins=["https://ok.example"]) as c:
        ok = c.get("/api/stats", headers={"Origin": "https://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.example"
        bad = c.get("/api/stats", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in bad.headers


def _no_live_markup(html: str) -> None:
    assert "<script>window.__pwned" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    # JSON embedded in pages must not be able to close its <script> element
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
        assert "<" not in block
        json.loads(block)


def test_pages_escape_untrusted_text(client, db_path) -> None:
    _hostile(db_path)
    for path in (
        "/",
        "/articles",
        "/articles/hostile",
        "/timeline?dyad=CHN,RUS",
        "/timeline?actor=CHN",
        "/network",
        "/search?q=pwned",
        "/search?q=" + PAYLOAD,
        "/trend?a=CHN&b=RUS",
    ):
        r = client.get(path)
        assert r.status_code == 200, path
        _no_live_markup(r.text)
    page = client.get("/articles/hostile").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_javascript_urls_are_never_links(client, db_path) -> None:
    engine = open_engine(f"sqlite:///{db_path}")
    from entente.models import Article, PublishedDate
    from entente.store import articles as store

    store.write_article(
        engine,
        Article(
            id="jsurl",
            text="Some text.",
            raw="x",
            content_hash="j" * 64,
            url="javascript:alert(1)",
            published=PublishedDate(),
        ),
    )
    engine.dispose()
    assert 'href="javascript:' not in client.get("/articles/jsurl").text

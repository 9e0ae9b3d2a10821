"""Untrusted article text stays inert in a real browser: no dialog, no injected element runs."""

from __future__ import annotations

import httpx
import pytest

from entente.models import Actor, Analysis, EntityMention, Quote
from entente.store import articles as store
from entente.store.database import open_engine
from entente.stories.merge import record_analysis
from helpers.stories_corpus import RUSSIA, _event

from .conftest import TOKEN, shot

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned = 'script'; alert('script')</script>",
    "<img src=x onerror=\"window.__pwned='img'; alert('img')\">",
    "<svg onload=\"window.__pwned='svg'; alert('svg')\"></svg>",
    "</script><script>window.__pwned='breakout'; alert('breakout')</script>",
    "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>",
    '<a href="javascript:window.__pwned=\'href\'" id="evil-link">click</a>',
    '"><body onload=alert(\'attr\')><div onmouseover="window.__pwned=\'hover\'" id="evil-div">x</div>',
    "{{7*7}} ${alert('tpl')} '\"--></style><style>body{display:none}</style>",
]
HOSTILE_TEXT = (
    "China and Russia met in Moscow on Monday. "
    + " ".join(PAYLOADS)
    + " The talks ended on Tuesday with a joint statement."
)
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));
"""
INJECTED = (
    "script:not([src]):not([type='application/json']), img[src='x'], svg[onload], "
    "iframe, #evil-link, #evil-div, body[onload], div[onmouseover]"
)
INJECTED_STYLE = (
    "[...document.querySelectorAll('style')].some(s => s.textContent.includes("
    "'body{display:none}'))"
)


@pytest.fixture(scope="module")
def hostile_id(live_server, live_db) -> str:  # type: ignore[no-untyped-def]
    """Ingest the article through the real write endpoint, then give it a hostile analysis."""
    r = httpx.post(
        f"{live_server.url}/api/ingest",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={
            "documents": [
                {
                    "text": HOSTILE_TEXT,
                    "title": PAYLOADS[0],
                    "outlet": PAYLOADS[1],
                    "published": "2024-02-05",
                    "source_url": "javascript:window.__pwned='url'",
                }
            ]
        },
        timeout=30,
    )
    assert r.status_code == 200, r.text
    outcome = r.json()["outcomes"][0]
    assert outcome["status"] == "ingested", outcome
    engine = open_engine(live_db)
    art = store.get_article(engine, outcome["id"])
    evil = Actor("China " + PAYLOADS[2], "CHN", "CHN", kind="state")
    first = art.text.split(". ")[0] + "."
    start = art.text.index(PAYLOADS[1])
    record_analysis(
        engine,
        Analysis(
            art,
            entities=[EntityMention(PAYLOADS[1], start, start + len(PAYLOADS[1]), "ORG", evil)],
            events=[_event(art, 0, evil, RUSSIA, "036", "occurred", "2024-02-05", "day", first)],
            quotes=[
                Quote(
                    PAYLOADS[3],
                    art.text.index(PAYLOADS[3]),
                    art.text.index(PAYLOADS[3]) + len(PAYLOADS[3]),
                    evil,
                    PAYLOADS[4],
                )
            ],
        ),
    )
    engine.dispose()
    return str(outcome["id"])


def test_hostile_article_is_inert_everywhere(live_server, page, hostile_id) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH)
    paths = [
        f"/articles/{hostile_id}",
        "/timeline?dyad=CHN,RUS&since=2024",
        "/timeline?actor=CHN",
        "/",
        "/articles",
        "/network",
        "/search?q=pwned",
        "/search?q=" + httpx.QueryParams({"x": PAYLOADS[0]})["x"],
    ]
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        # hover and click over everything a user might touch
        for sel in ("#text span", ".vis-item", "a"):
            if page.locator(sel).count():
                page.locator(sel).first.hover()
        if page.locator(".vis-item").count():
            page.locator(".vis-item").first.click()
        assert page.evaluate("window.__pwned === undefined"), path
        assert page.locator(INJECTED).count() == 0, path
        assert not page.evaluate(INJECTED_STYLE), path
        assert page.evaluate("window.__csp") == [], path  # inert by escaping, not just by CSP
        assert page.locator("body").is_visible()
    assert dialogs == []
    page.goto(f"{live_server.url}/articles/{hostile_id}")
    text = page.locator("#text").inner_text()
    assert PAYLOADS[0] in text and PAYLOADS[1] in text  # shown as text, exactly
    assert page.locator("a[href^='javascript:']").count() == 0
    shot(page, "xss-article")
    entry = httpx.get(
        f"{live_server.url}/api/timeline", params={"dyad": "CHN,RUS", "since": "2024"}
    ).json()["entries"][0]
    page.goto(f"{live_server.url}/timeline?dyad=CHN,RUS&since=2024&entry={entry['id']}")
    page.locator("#entry-panel").wait_for(state="visible")
    assert PAYLOADS[2] in page.locator("#entry-panel").inner_text()  # the actor's name, as text
    assert page.evaluate("window.__pwned === undefined") and dialogs == []
    shot(page, "xss-timeline")

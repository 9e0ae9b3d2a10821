"""A live server on 127.0.0.1 and a headless Chromium driven by Playwright.

Browser tests skip when Debian's Chromium or Playwright is missing, unless
``ENTENTE_REQUIRE_BROWSER=1`` (CI), where a missing browser fails the run instead.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from entente.api import ApiSettings, create_app
from entente.store.database import open_engine
from helpers.example_corpus import ExampleBuild, build_example_corpus
from helpers.stories_corpus import build_corpus

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE = os.environ.get("ENTENTE_REQUIRE_BROWSER") == "1"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TOKEN = "browser-test-token"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving the app in a thread; ``url`` is its base address."""

    def __init__(self, db_url: str) -> None:
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(ApiSettings(db_url=db_url, token=TOKEN))
        self.server = uvicorn.Server(
            uvicorn.Config(
                app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="module")
def live_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("web") / "web.db"
    url = f"sqlite:///{path}"
    engine = open_engine(url)
    build_corpus(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def live_server(live_db: str) -> Iterator[LiveServer]:
    with LiveServer(live_db) as server:
        yield server


@pytest.fixture(scope="module")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> ExampleBuild:
    """The example corpus ingested and analysed with the shipped model (a few seconds)."""
    build = build_example_corpus(tmp_path_factory.mktemp("examples") / "examples.db")
    assert not build.ingest.failed, [o.to_dict() for o in build.ingest.failed]
    return build


@pytest.fixture(scope="module")
def example_server(example_build: ExampleBuild) -> Iterator[LiveServer]:
    """A live server on the example-corpus database."""
    with LiveServer(example_build.url) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    why = None
    if not CHROMIUM.exists():
        why = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = why or "the playwright package is not installed"
    if why:
        if REQUIRE:
            pytest.fail(f"ENTENTE_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


def collect_errors(page: object) -> list[str]:
    """Page errors and console errors seen from now on, as a list that keeps filling."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))  # type: ignore[attr-defined]
    page.on(  # type: ignore[attr-defined]
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    return errors


def shot(page: object, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under artifacts/screenshots/ (kept by CI as a test artifact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    return path

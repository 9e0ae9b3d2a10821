"""An app over a small hand-built China-Russia corpus (no NLP model), driven in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from entente.api import ApiSettings, create_app
from entente.models import Analysis, EntityMention
from entente.store import articles as store
from entente.store.database import open_engine
from entente.stories.merge import record_analysis
from helpers.stories_corpus import PUTIN, RUSSIA, XI, _event, build_corpus

TOKEN = "s3cret-token-for-tests"


def add_annotated_article(engine) -> None:  # type: ignore[no-untyped-def]
    """An article whose analysis has entities, an event with a date phrase, and a quote."""
    from helpers.stories_corpus import _article

    sentence = "Vladimir Putin hosted Xi Jinping in the Kremlin on Monday."
    quote = "We are partners."
    text = f"{sentence} Xi said: “{quote}”"
    art = _article(engine, "annotated", text, "2023-03-21", "Wire E")
    ev = _event(
        art, 0, PUTIN, XI, "042", "occurred", "2023-03-20", "day", sentence, text="on Monday"
    )
    ents = [
        EntityMention("Vladimir Putin", 0, 14, "PERSON", PUTIN),
        EntityMention("Xi Jinping", 22, 32, "PERSON", XI),
        EntityMention("Kremlin", 40, 47, "FAC", RUSSIA),
    ]
    q_start = text.index(quote)
    from entente.models import Quote

    record_analysis(
        engine,
        Analysis(
            art,
            entities=ents,
            events=[ev],
            quotes=[Quote(quote, q_start, q_start + len(quote), XI, "Xi")],
        ),
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "api.db"
    engine = open_engine(f"sqlite:///{path}")
    build_corpus(engine)
    add_annotated_article(engine)
    engine.dispose()
    return path


def make_client(db_path: Path, **settings: object) -> TestClient:
    app = create_app(ApiSettings(db_url=f"sqlite:///{db_path}", **settings))  # type: ignore[arg-type]
    return TestClient(app)


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    """A read-only app (no token configured)."""
    with make_client(db_path, token=None) as c:
        yield c


@pytest.fixture
def writer(db_path: Path) -> Iterator[TestClient]:
    """An app with a write token configured."""
    with make_client(db_path, token=TOKEN) as c:
        yield c


def article_ids(db_path: Path) -> list[str]:
    engine = open_engine(f"sqlite:///{db_path}")
    try:
        return [a.id for a in store.list_articles(engine)]
    finally:
        engine.dispose()

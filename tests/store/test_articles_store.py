"""Storage contract tests, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from entente.errors import NotFoundError, StorageError
from entente.models import Article, CitedSource, PublishedDate
from entente.store import articles as store
from entente.store.articles import ArticleFilter
from entente.store.database import open_engine
from entente.store.migrations import MIGRATIONS


def make_article(aid: str, body: str, **kw: object) -> Article:
    digest = hashlib.sha256(body.encode()).hexdigest()
    return Article(id=aid, text=body, raw=body, content_hash=digest, **kw)  # type: ignore[arg-type]


def test_migrations_recorded_and_idempotent(db_url: str) -> None:
    engine = open_engine(db_url)
    engine2 = open_engine(db_url)  # second open applies nothing new and does not fail
    with engine2.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM schema_migrations"))}
    assert names == {name for name, _ in MIGRATIONS}
    engine.dispose()
    engine2.dispose()


def test_round_trip_with_sources(db_url: str) -> None:
    engine = open_engine(db_url)
    art = make_article(
        "a1",
        "Ministers met in Geneva on Monday.",
        title="Talks in Geneva",
        outlet="Harbour Post",
        authors=["Jane Roe"],
        language="en",
        language_confidence=0.99,
        published=PublishedDate("2023-05-02", "text", "2023-05-02", None, "dateline"),
        cited_sources=[CitedSource(0, "A title", "Outlet", "2023-05-01", None, "0. raw")],
        removed=["Advertisement"],
        meta={"byline": "By Jane Roe"},
    )
    assert (
        store.write_article(engine, art, minhash=b"\x00" * 16, band_keys=["0:ab", "1:cd"]) == "a1"
    )
    back = store.get_article(engine, "a1")
    assert back.text == art.text and back.title == "Talks in Geneva"
    assert back.published == art.published
    assert back.cited_sources[0].title == "A title" and back.cited_sources[0].date == "2023-05-01"
    assert back.authors == ["Jane Roe"] and back.removed == ["Advertisement"]
    assert store.id_for_hash(engine, art.content_hash) == "a1"
    cands = store.band_candidates(engine, ["1:cd", "9:zz"])
    assert [c[0] for c in cands] == ["a1"]
    engine.dispose()


def test_colliding_ids_are_made_unique(db_url: str) -> None:
    engine = open_engine(db_url)
    store.write_article(engine, make_article("same", "first text"))
    assert store.write_article(engine, make_article("same", "second text")) == "same-2"
    with pytest.raises(NotFoundError):
        store.get_article(engine, "nope")
    engine.dispose()


def test_filters_and_order(db_url: str) -> None:
    engine = open_engine(db_url)
    for i, (day, lang) in enumerate([("2023-01-05", "en"), ("2023-03-01", "fr"), (None, "en")]):
        pub = PublishedDate(day, "given" if day else "unknown")
        store.write_article(
            engine,
            make_article(
                f"x{i}", f"body {i}", language=lang, published=pub, outlet="O" if i else "P"
            ),
        )
    ids = [a.id for a in store.list_articles(engine)]
    assert ids == ["x0", "x1", "x2"]
    assert [a.id for a in store.list_articles(engine, ArticleFilter(language="fr"))] == ["x1"]
    assert [a.id for a in store.list_articles(engine, ArticleFilter(since="2023-02-01"))] == ["x1"]
    assert [a.id for a in store.list_articles(engine, ArticleFilter(outlet="O"))] == ["x1", "x2"]
    assert [a.id for a in store.list_articles(engine, ArticleFilter(limit=1, offset=1))] == ["x1"]
    stats = store.corpus_stats(engine)
    assert stats["articles"] == 3 and stats["languages"] == {"en": 2, "fr": 1}
    assert stats["published_methods"] == {"given": 2, "unknown": 1}
    engine.dispose()


def test_full_text_search(db_url: str) -> None:
    engine = open_engine(db_url)
    store.write_article(
        engine,
        make_article("g", "The summit in Geneva produced a ceasefire deal.", title="Geneva summit"),
    )
    store.write_article(engine, make_article("h", "Trade figures rose sharply in March."))
    hits = store.search_articles(engine, "ceasefire Geneva")
    assert [h.id for h in hits] == ["g"]
    assert "ceasefire" in hits[0].snippet.lower()
    # Query syntax characters are treated as words, never as FTS operators.
    assert [h.id for h in store.search_articles(engine, 'trade" OR (NEAR')] == []
    assert [h.id for h in store.search_articles(engine, "trade")] == ["h"]
    assert store.search_articles(engine, "  ?! ") == []
    engine.dispose()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        open_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}")


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=printable,
    title=st.none() | printable,
    authors=st.lists(printable, max_size=3),
    date=st.none() | st.dates().map(lambda d: d.isoformat()),
)
def test_round_trip_property(
    tmp_path: Path, body: str, title: str | None, authors: list[str], date: str | None
) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'prop.db'}")
    with engine.begin() as conn:  # the same file is reused across examples
        for table in ("articles_fts", "cited_sources", "article_bands", "articles"):
            conn.execute(text(f"DELETE FROM {table}"))
    art = make_article(
        "p",
        body,
        title=title,
        authors=authors,
        published=PublishedDate(date, "given" if date else "unknown"),
    )
    store.write_article(engine, art)
    back = store.get_article(engine, "p")
    assert (back.text, back.title, back.authors, back.published.date) == (
        body,
        title,
        authors,
        date,
    )
    engine.dispose()


def test_a_reused_connection_writes_in_its_own_transactions(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert store.write_article(conn, make_article("c1", "one text")) == "c1"
        assert not conn.in_transaction()  # committed before write_article returned
        assert store.write_article(conn, make_article("c1", "other text")) == "c1-2"
        digest = hashlib.sha256(b"one text").hexdigest()
        assert store.id_for_hash(conn, digest) == "c1"
    # Inside the caller's transaction nothing is committed until the caller commits.
    with engine.connect() as conn, conn.begin() as transaction:
        store.write_article(conn, make_article("c2", "third text"), band_keys=["0:aa"])
        assert [c[0] for c in store.band_candidates(conn, ["0:aa"])] == ["c2"]
        transaction.rollback()
    assert [a.id for a in store.list_articles(engine)] == ["c1", "c1-2"]
    engine.dispose()


def _stored_rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {
            "articles": [
                (*tuple(r)[:-2], r.seq)  # all but ingested_at (a clock) and seq, then seq
                for r in conn.execute(text("SELECT * FROM articles ORDER BY seq"))
            ],
            "sources": [tuple(r) for r in conn.execute(text("SELECT * FROM cited_sources"))],
            "bands": [tuple(r) for r in conn.execute(text("SELECT * FROM article_bands"))],
            "fts": [tuple(r) for r in conn.execute(text("SELECT * FROM articles_fts"))],
        }


def test_sqlite_fast_path_writes_what_the_portable_statements_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [CitedSource(0, "A title", "Outlet", "2023-05-01", "http://x", "0. raw")]
    batch = [
        make_article("d", "first body", title="T", cited_sources=sources, meta={"k": 1}),
        make_article("d", "second body", authors=["A"], language="en", similarity=0.9),
        make_article("e", "third body", published=PublishedDate("2023-01-02", "text")),
    ]
    engines = {}
    for name in ("fast", "portable"):
        if name == "portable":
            # The statements other databases use, run on SQLite.
            monkeypatch.setattr(store, "_write_sqlite", store._write_portable)
        engine = open_engine(f"sqlite:///{tmp_path / (name + '.db')}")
        for art in batch:
            copy = Article(**{**art.__dict__, "cited_sources": list(art.cited_sources)})
            store.write_article(engine, copy, minhash=b"\x01\x02", band_keys=["0:k", "1:j"])
        engines[name] = engine
    assert _stored_rows(engines["fast"]) == _stored_rows(engines["portable"])
    assert [a.id for a in store.list_articles(engines["fast"])] == ["d", "d-2", "e"]
    for engine in engines.values():
        engine.dispose()


def test_sqlite_pragmas_apply_to_every_connection(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()

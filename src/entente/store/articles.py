"""Reading and writing articles. Every write goes through :func:`write_article`, one transaction each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Row
from sqlalchemy.sql.expression import Executable

from entente.errors import NotFoundError
from entente.models import Article, CitedSource, PublishedDate
from entente.store.schema import analyses, article_bands, articles, cited_sources

# An engine, or a connection to reuse (a batch keeps one open: checking a connection out of the
# pool and back costs more than the statements of an article). A connection inside a transaction
# is used as it is and the caller commits; one outside opens its own.
Database = Engine | Connection

_NEXT_SEQ = select(func.coalesce(func.max(articles.c.seq), 0) + 1).scalar_subquery()
_BY_HASH = select(articles.c.id).where(articles.c.content_hash == bindparam("content_hash"))
_BY_ID = select(articles.c.id).where(articles.c.id == bindparam("id"))
_BAND_MATCHES = (
    select(articles.c.id, articles.c.minhash, articles.c.duplicate_of)
    .where(
        articles.c.id.in_(
            select(article_bands.c.article_id).where(
                article_bands.c.key.in_(bindparam("keys", expanding=True))
            )
        )
    )
    .order_by(articles.c.seq)
)
_FTS_INSERT = text("INSERT INTO articles_fts(article_id, title, text) VALUES (:id, :title, :text)")
_TSV_UPDATE = text(
    "UPDATE articles SET tsv = to_tsvector('english', coalesce(title, '') || ' ' || text)"
    " WHERE id = :id"
)


@dataclass
class SearchHit:
    """One full-text search result."""

    id: str
    title: str | None
    published: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "snippet": self.snippet,
            "score": self.score,
        }


@dataclass
class ArticleFilter:
    """Filters for listing articles; None means no constraint."""

    language: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    include_duplicates: bool = True
    limit: int | None = None
    offset: int = 0


def _row_to_article(row: Row[Any], sources: list[CitedSource], *, with_text: bool) -> Article:
    m = row._mapping
    return Article(
        id=m["id"],
        text=m["text"] if with_text else "",
        raw=m["raw"] if with_text else "",
        content_hash=m["content_hash"],
        title=m["title"],
        path=m["path"],
        url=m["url"],
        outlet=m["outlet"],
        authors=json.loads(m["authors"] or "[]"),
        language=m["language"],
        language_confidence=m["language_confidence"],
        published=PublishedDate(
            date=m["published_date"],
            method=m["published_method"],
            earliest=m["published_earliest"],
            latest=m["published_latest"],
            evidence=m["published_evidence"],
        ),
        cited_sources=sources,
        duplicate_of=m["duplicate_of"],
        similarity=m["similarity"],
        removed=json.loads(m["removed"] or "[]") if with_text else [],
        meta=json.loads(m["meta"] or "{}"),
    )


@contextmanager
def _transaction(db: Database) -> Iterator[Connection]:
    if isinstance(db, Engine):
        with db.begin() as conn:
            yield conn
    elif db.in_transaction():
        yield db
    else:
        with db.begin():
            yield db


@contextmanager
def _reading(db: Database) -> Iterator[Connection]:
    if isinstance(db, Engine):
        with db.connect() as conn:
            yield conn
    else:
        yield db


def write_article(
    db: Database,
    article: Article,
    *,
    minhash: bytes | None = None,
    band_keys: Sequence[str] = (),
) -> str:
    """Store one article with its cited sources, LSH bands and search index, in one transaction.

    Args:
        db: the database, or a connection (see :data:`Database`).
        article: the prepared article; its id is made unique if it collides with another text.
        minhash: the serialised MinHash signature.
        band_keys: LSH band keys to index (originals only; duplicates are found through them).

    Returns:
        The id under which the article was stored.
    """
    row = {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "authors": json.dumps(article.authors),
        "language": article.language,
        "language_confidence": article.language_confidence,
        "text": article.text,
        "raw": article.raw,
        "content_hash": article.content_hash,
        "published_date": article.published.date,
        "published_method": article.published.method,
        "published_earliest": article.published.earliest,
        "published_latest": article.published.latest,
        "published_evidence": article.published.evidence,
        "duplicate_of": article.duplicate_of,
        "similarity": article.similarity,
        "minhash": minhash,
        "removed": json.dumps(article.removed),
        "meta": json.dumps(article.meta, default=str),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with _transaction(db) as conn:
        if conn.dialect.name == "sqlite":
            _write_sqlite(conn, article, row, band_keys)
        else:
            _write_portable(conn, article, row, band_keys)
    return article.id


def _write_portable(
    conn: Connection, article: Article, row: dict[str, Any], band_keys: Sequence[str]
) -> None:
    # The id is tried as it is first: taken ids are rare, so the look-up is made only then.
    insert = _insert_unless_id_taken(conn.dialect.name)
    # RETURNING tells whether the row went in (rowcount is not reliable for ON CONFLICT inserts
    # through every driver)
    if insert is None or conn.execute(insert, row).first() is None:
        article.id = row["id"] = _unique_id(conn, article.id)
        conn.execute(_insert_article(), row)
    if article.cited_sources:
        conn.execute(cited_sources.insert(), _source_rows(article))
    if band_keys:
        conn.execute(
            article_bands.insert(), [{"key": k, "article_id": article.id} for k in band_keys]
        )
    _index_text(conn, article)


def _source_rows(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article.id,
            "position": i,
            "idx": s.index,
            "title": s.title,
            "outlet": s.outlet,
            "date": s.date,
            "url": s.url,
            "raw": s.raw,
        }
        for i, s in enumerate(article.cited_sources)
    ]


# SQLite fast path. SQLAlchemy's execution machinery costs several times what SQLite itself spends
# on these small statements (some 0.15 ms a statement against 0.04 ms), and ingest runs them for
# every article; on SQLite they go to the driver's cursor instead, inside the same transaction.
# They write the same rows as the portable statements above, which other databases use.
_ARTICLE_COLUMNS = [c.name for c in articles.columns if c.name != "seq"]
_SQLITE_INSERT = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}, seq)"
    f" VALUES ({', '.join('?' for _ in _ARTICLE_COLUMNS)},"
    " (SELECT coalesce(max(seq), 0) + 1 FROM articles))"
)
_SQLITE_INSERT_NEW = _SQLITE_INSERT + " ON CONFLICT (id) DO NOTHING"
_SQLITE_SOURCE_COLUMNS = [c.name for c in cited_sources.columns]
_SQLITE_INSERT_SOURCE = (
    f"INSERT INTO cited_sources ({', '.join(_SQLITE_SOURCE_COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in _SQLITE_SOURCE_COLUMNS)})"
)
_SQLITE_INSERT_BAND = "INSERT INTO article_bands (key, article_id) VALUES (?, ?)"
_SQLITE_INSERT_FTS = "INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)"
_SQLITE_BY_HASH = "SELECT id FROM articles WHERE content_hash = ?"
_SQLITE_BY_ID = "SELECT 1 FROM articles WHERE id = ?"


def _sqlite_cursor(conn: Connection) -> Any:
    return conn.connection.cursor()


def _write_sqlite(
    conn: Connection, article: Article, row: dict[str, Any], band_keys: Sequence[str]
) -> None:
    cursor = _sqlite_cursor(conn)
    try:
        # The id is tried as it is first: taken ids are rare, so the look-up is made only then.
        cursor.execute(_SQLITE_INSERT_NEW, [row[c] for c in _ARTICLE_COLUMNS])
        if cursor.rowcount != 1:
            base, n = article.id, 1
            while cursor.execute(_SQLITE_BY_ID, (article.id,)).fetchone():
                n += 1
                article.id = f"{base}-{n}"
            row["id"] = article.id
            cursor.execute(_SQLITE_INSERT, [row[c] for c in _ARTICLE_COLUMNS])
        if article.cited_sources:
            cursor.executemany(
                _SQLITE_INSERT_SOURCE,
                [[r[c] for c in _SQLITE_SOURCE_COLUMNS] for r in _source_rows(article)],
            )
        if band_keys:
            cursor.executemany(_SQLITE_INSERT_BAND, [(k, article.id) for k in band_keys])
        cursor.execute(_SQLITE_INSERT_FTS, (article.id, article.title or "", article.text))
    finally:
        cursor.close()


@cache
def _insert_article() -> Executable:
    # seq is computed in the insert itself: one statement less, and taken under the write lock.
    return articles.insert().values(seq=_NEXT_SEQ)


@cache
def _insert_unless_id_taken(dialect: str) -> Executable | None:
    """An insert that does nothing when the id is taken (rowcount 0); None where not supported."""
    if dialect == "postgresql":
        return (
            postgresql.insert(articles)
            .values(seq=_NEXT_SEQ)
            .on_conflict_do_nothing(index_elements=[articles.c.id])
            .returning(articles.c.id)
        )
    return None


def _index_text(conn: Connection, article: Article) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            _FTS_INSERT, {"id": article.id, "title": article.title or "", "text": article.text}
        )
    else:
        conn.execute(_TSV_UPDATE, {"id": article.id})


def _unique_id(conn: Connection, base: str) -> str:
    candidate, n = base, 1
    while conn.execute(_BY_ID, {"id": candidate}).first():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def id_for_hash(db: Database, content_hash: str) -> str | None:
    """The id of the article with this exact normalised text, if stored."""
    with _reading(db) as conn:
        if conn.dialect.name == "sqlite":
            cursor = _sqlite_cursor(conn)
            try:
                found = cursor.execute(_SQLITE_BY_HASH, (content_hash,)).fetchone()
            finally:
                cursor.close()
            return str(found[0]) if found else None
        return conn.execute(_BY_HASH, {"content_hash": content_hash}).scalar_one_or_none()


def band_candidates(db: Database, keys: Sequence[str]) -> list[tuple[str, bytes, str | None]]:
    """Articles sharing at least one LSH band key: (id, minhash, duplicate_of), in ingest order."""
    if not keys:
        return []
    with _reading(db) as conn:
        if conn.dialect.name == "sqlite":
            cursor = _sqlite_cursor(conn)
            try:
                rows = cursor.execute(_sqlite_band_matches(len(keys)), list(keys)).fetchall()
            finally:
                cursor.close()
        else:
            rows = conn.execute(_BAND_MATCHES, {"keys": list(keys)}).all()
    return [(r[0], r[1], r[2]) for r in rows]


@cache
def _sqlite_band_matches(count: int) -> str:
    marks = ", ".join("?" for _ in range(count))
    return (
        "SELECT id, minhash, duplicate_of FROM articles WHERE id IN"
        f" (SELECT article_id FROM article_bands WHERE key IN ({marks})) ORDER BY seq"
    )


def _sources_for(conn: Connection, ids: Sequence[str]) -> dict[str, list[CitedSource]]:
    out: dict[str, list[CitedSource]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = conn.execute(
        select(cited_sources)
        .where(cited_sources.c.article_id.in_(list(ids)))
        .order_by(cited_sources.c.article_id, cited_sources.c.position)
    )
    for r in rows:
        m = r._mapping
        out[m["article_id"]].append(
            CitedSource(
                index=m["idx"],
                title=m["title"],
                outlet=m["outlet"],
                date=m["date"],
                url=m["url"],
                raw=m["raw"] or "",
            )
        )
    return out


def get_article(engine: Engine, article_id: str) -> Article:
    """One article with its text and raw input.

    Raises:
        NotFoundError: no article has that id.
    """
    with engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(
                f"no article with id {article_id!r}", hint="list ids with `entente articles`"
            )
        return _row_to_article(row, _sources_for(conn, [article_id])[article_id], with_text=True)


def list_articles(
    engine: Engine, flt: ArticleFilter | None = None, *, with_text: bool = False
) -> list[Article]:
    """Articles in ingest order, filtered."""
    flt = flt or ArticleFilter()
    query = select(articles).order_by(articles.c.seq)
    if flt.language:
        query = query.where(articles.c.language == flt.language)
    if flt.outlet:
        query = query.where(articles.c.outlet == flt.outlet)
    if flt.since:
        query = query.where(articles.c.published_date >= flt.since)
    if flt.until:
        query = query.where(articles.c.published_date <= flt.until)
    if not flt.include_duplicates:
        query = query.where(articles.c.duplicate_of.is_(None))
    if flt.limit is not None:
        query = query.limit(flt.limit)
    if flt.offset:
        query = query.offset(flt.offset)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        sources = _sources_for(conn, [r._mapping["id"] for r in rows])
    return [_row_to_article(r, sources[r._mapping["id"]], with_text=with_text) for r in rows]


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def search_articles(engine: Engine, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Full-text search over titles and texts, best first."""
    terms = _FTS_TOKEN.findall(query)
    if not terms:
        return []
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # Quote every term so user input can never be read as FTS5 query syntax.
            match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
            rows = conn.execute(
                text(
                    "SELECT f.article_id, a.title, a.published_date,"
                    " snippet(articles_fts, 2, '[', ']', ' … ', 12) AS snip, bm25(articles_fts) AS s"
                    " FROM articles_fts f JOIN articles a ON a.id = f.article_id"
                    " WHERE articles_fts MATCH :q ORDER BY s LIMIT :n"
                ),
                {"q": match, "n": limit},
            ).all()
            return [SearchHit(r[0], r[1], r[2], r[3], -float(r[4])) for r in rows]
        rows = conn.execute(
            text(
                "SELECT id, title, published_date,"
                " ts_headline('english', text, q, 'StartSel=[,StopSel=],MaxFragments=1') AS snip,"
                " ts_rank(tsv, q) AS s"
                " FROM articles, plainto_tsquery('english', :q) q"
                " WHERE tsv @@ q ORDER BY s DESC LIMIT :n"
            ),
            {"q": " ".join(terms), "n": limit},
        ).all()
        return [SearchHit(r[0], r[1], r[2], r[3], float(r[4])) for r in rows]


def corpus_stats(engine: Engine) -> dict[str, Any]:
    """Counts for `entente stats`: articles, duplicates, languages, date coverage, outlets."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        dups = conn.execute(
            select(func.count()).select_from(articles).where(articles.c.duplicate_of.is_not(None))
        ).scalar_one()
        langs: dict[Any, int] = dict(
            conn.execute(
                select(articles.c.language, func.count()).group_by(articles.c.language)
            ).all()
        )
        methods: dict[Any, int] = dict(
            conn.execute(
                select(articles.c.published_method, func.count()).group_by(
                    articles.c.published_method
                )
            ).all()
        )
        first, last = conn.execute(
            select(func.min(articles.c.published_date), func.max(articles.c.published_date))
        ).one()
        outlets = conn.execute(
            select(articles.c.outlet, func.count())
            .where(articles.c.outlet.is_not(None))
            .group_by(articles.c.outlet)
            .order_by(func.count().desc())
            .limit(10)
        ).all()
    return {
        "articles": total,
        "duplicates": dups,
        "languages": {str(k): v for k, v in langs.items()},
        "published_methods": {str(k): v for k, v in methods.items()},
        "published_range": [first, last],
        "top_outlets": [[o, n] for o, n in outlets],
    }


def pending_analysis(
    engine: Engine, ids: Iterable[str] | None = None, *, redo: bool = False
) -> list[str]:
    """Ids of original articles to analyse: not yet analysed (all with ``redo``), ingest order."""
    query = select(articles.c.id).where(articles.c.duplicate_of.is_(None)).order_by(articles.c.seq)
    if ids is not None:
        query = query.where(articles.c.id.in_(list(ids)))
    if not redo:
        query = query.where(~articles.c.id.in_(select(analyses.c.article_id)))
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]

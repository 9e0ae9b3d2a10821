"""Reading and writing articles. Every write goes through :func:`write_article`, one transaction each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.engine import Row

from entente.errors import NotFoundError
from entente.models import Article, CitedSource, PublishedDate
from entente.store.schema import analyses, article_bands, articles, cited_sources


@dataclass
class SearchHit:
    """One full-text search result."""

    id: str
    title: str | None
    published: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "published": self.published,
                "snippet": self.snippet, "score": self.score}


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


def write_article(
    engine: Engine,
    article: Article,
    *,
    minhash: bytes | None = None,
    band_keys: Sequence[str] = (),
) -> str:
    """Store one article with its cited sources, LSH bands and search index, in one transaction.

    Args:
        engine: the database.
        article: the prepared article; its id is made unique if it collides with another text.
        minhash: the serialised MinHash signature.
        band_keys: LSH band keys to index (originals only; duplicates are found through them).

    Returns:
        The id under which the article was stored.
    """
    with engine.begin() as conn:
        article.id = _unique_id(conn, article.id)
        seq = conn.execute(select(func.coalesce(func.max(articles.c.seq), 0))).scalar_one() + 1
        conn.execute(
            articles.insert().values(
                id=article.id,
                path=article.path,
                url=article.url,
                title=article.title,
                outlet=article.outlet,
                authors=json.dumps(article.authors),
                language=article.language,
                language_confidence=article.language_confidence,
                text=article.text,
                raw=article.raw,
                content_hash=article.content_hash,
                published_date=article.published.date,
                published_method=article.published.method,
                published_earliest=article.published.earliest,
                published_latest=article.published.latest,
                published_evidence=article.published.evidence,
                duplicate_of=article.duplicate_of,
                similarity=article.similarity,
                minhash=minhash,
                removed=json.dumps(article.removed),
                meta=json.dumps(article.meta, default=str),
                ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                seq=seq,
            )
        )
        if article.cited_sources:
            conn.execute(
                cited_sources.insert(),
                [
                    {"article_id": article.id, "position": i, "idx": s.index, "title": s.title,
                     "outlet": s.outlet, "date": s.date, "url": s.url, "raw": s.raw}
                    for i, s in enumerate(article.cited_sources)
                ],
            )
        if band_keys:
            conn.execute(article_bands.insert(),
                         [{"key": k, "article_id": article.id} for k in band_keys])
        _index_text(conn, article)
    return article.id


def _index_text(conn: Connection, article: Article) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT INTO articles_fts(article_id, title, text) VALUES (:id, :title, :text)"),
            {"id": article.id, "title": article.title or "", "text": article.text},
        )
    else:
        conn.execute(
            text(
                "UPDATE articles SET tsv = to_tsvector('english', coalesce(title, '') || ' ' || text)"
                " WHERE id = :id"
            ),
            {"id": article.id},
        )


def _unique_id(conn: Connection, base: str) -> str:
    candidate, n = base, 1
    while conn.execute(select(articles.c.id).where(articles.c.id == candidate)).first():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def id_for_hash(engine: Engine, content_hash: str) -> str | None:
    """The id of the article with this exact normalised text, if stored."""
    with engine.connect() as conn:
        return conn.execute(
            select(articles.c.id).where(articles.c.content_hash == content_hash)
        ).scalar_one_or_none()


def band_candidates(engine: Engine, keys: Sequence[str]) -> list[tuple[str, bytes, str | None]]:
    """Articles sharing at least one LSH band key: (id, minhash, duplicate_of), in ingest order."""
    if not keys:
        return []
    with engine.connect() as conn:
        ids = select(article_bands.c.article_id).where(article_bands.c.key.in_(list(keys)))
        rows = conn.execute(
            select(articles.c.id, articles.c.minhash, articles.c.duplicate_of)
            .where(articles.c.id.in_(ids))
            .order_by(articles.c.seq)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def _sources_for(conn: Connection, ids: Sequence[str]) -> dict[str, list[CitedSource]]:
    out: dict[str, list[CitedSource]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = conn.execute(
        select(cited_sources).where(cited_sources.c.article_id.in_(list(ids)))
        .order_by(cited_sources.c.article_id, cited_sources.c.position)
    )
    for r in rows:
        m = r._mapping
        out[m["article_id"]].append(
            CitedSource(index=m["idx"], title=m["title"], outlet=m["outlet"], date=m["date"],
                        url=m["url"], raw=m["raw"] or "")
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
            raise NotFoundError(f"no article with id {article_id!r}",
                                hint="list ids with `entente articles`")
        return _row_to_article(row, _sources_for(conn, [article_id])[article_id], with_text=True)


def list_articles(engine: Engine, flt: ArticleFilter | None = None, *,
                  with_text: bool = False) -> list[Article]:
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
        langs = dict(
            conn.execute(
                select(articles.c.language, func.count()).group_by(articles.c.language)
            ).all()
        )
        methods = dict(
            conn.execute(
                select(articles.c.published_method, func.count())
                .group_by(articles.c.published_method)
            ).all()
        )
        first, last = conn.execute(
            select(func.min(articles.c.published_date), func.max(articles.c.published_date))
        ).one()
        outlets = conn.execute(
            select(articles.c.outlet, func.count()).where(articles.c.outlet.is_not(None))
            .group_by(articles.c.outlet).order_by(func.count().desc()).limit(10)
        ).all()
    return {
        "articles": total,
        "duplicates": dups,
        "languages": {str(k): v for k, v in langs.items()},
        "published_methods": {str(k): v for k, v in methods.items()},
        "published_range": [first, last],
        "top_outlets": [[o, n] for o, n in outlets],
    }


def pending_analysis(engine: Engine, ids: Iterable[str] | None = None, *, redo: bool = False
                     ) -> list[str]:
    """Ids of original articles to analyse: not yet analysed (all with ``redo``), ingest order."""
    query = select(articles.c.id).where(articles.c.duplicate_of.is_(None)).order_by(articles.c.seq)
    if ids is not None:
        query = query.where(articles.c.id.in_(list(ids)))
    if not redo:
        query = query.where(~articles.c.id.in_(select(analyses.c.article_id)))
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]

"""Timelines: story events in date order, each with its sources, read from the store."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, and_, or_, select

from entente.events.cameo import cameo_table
from entente.store.schema import articles, event_mentions, story_events

_CITATION = re.compile(r"\s*\[\d{1,3}\]")
_SPACES = re.compile(r"\s+")


@dataclass
class TimelineQuery:
    """Which story events a timeline shows. Actors are ISO3 codes, CAMEO codes or names."""

    actors: Sequence[str] = ()
    dyad: tuple[str, str] | None = None
    since: str | None = None
    until: str | None = None
    roots: Sequence[str] = ()
    statuses: Sequence[str] = ()
    text: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass
class Entry:
    """One story event as a timeline shows it."""

    id: int
    date: dict[str, Any]
    summary: str
    cameo: str
    cameo_root: str
    cameo_name: str
    plover: str | None
    quad_class: int | None
    goldstein: float | None
    actors: list[dict[str, Any]]
    status: str
    history: list[dict[str, Any]]
    location: dict[str, Any] | None
    num_mentions: int
    num_articles: int
    num_sources: int
    sources: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Timeline:
    """Dated entries in order, and the undated ones apart."""

    entries: list[Entry]
    undated: list[Entry]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": [e.to_dict() for e in self.entries],
            "undated": [e.to_dict() for e in self.undated],
        }


def one_line(text: str, limit: int = 220) -> str:
    """A sentence made fit for one line: citation markers out, whitespace collapsed, cut at a word."""
    text = _SPACES.sub(" ", _CITATION.sub("", text)).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def _actor_clause(actor: str) -> Any:
    a = actor.strip()
    cols = story_events.c
    if re.fullmatch(r"[A-Z]{3}", a):
        return or_(cols.source_country == a, cols.target_country == a)
    if re.fullmatch(r"[A-Z]{3}[A-Z]{3}", a):
        return or_(cols.source_code == a, cols.target_code == a)
    like = f"%{a}%"
    return or_(cols.source_name.ilike(like), cols.target_name.ilike(like))


def _where(q: TimelineQuery) -> list[Any]:
    cols = story_events.c
    clauses: list[Any] = [_actor_clause(a) for a in q.actors]
    if q.dyad:
        a, b = q.dyad
        if re.fullmatch(r"[A-Z]{3}", a) and re.fullmatch(r"[A-Z]{3}", b):
            # the stored unordered pair key, indexed with the date
            clauses.append(cols.dyad == "|".join(sorted([a, b])))
        else:
            clauses.append(and_(_actor_clause(a), _actor_clause(b)))
    if q.since:
        clauses.append(cols.date_latest >= q.since)
    if q.until:
        clauses.append(cols.date_earliest <= q.until)
    if q.roots:
        clauses.append(cols.cameo_root.in_([r.zfill(2) for r in q.roots]))
    if q.statuses:
        clauses.append(cols.status.in_(list(q.statuses)))
    if q.text:
        clauses.append(cols.summary.ilike(f"%{q.text}%"))
    return clauses


def query_story_events(
    engine: Engine, q: TimelineQuery, *, with_sources: bool = True
) -> list[Entry]:
    """Story events matching ``q``, dated ones first in date order, then undated ones."""
    clauses = _where(q)
    c = story_events.c
    # Dated and undated entries are read by two queries so each can walk an index in order
    # (a single ORDER BY "sort_date IS NULL, sort_date" makes the database sort every match).
    dated = select(story_events).where(*clauses, c.sort_date.is_not(None))
    dated = dated.order_by(c.sort_date, c.id)
    undated = select(story_events).where(*clauses, c.sort_date.is_(None)).order_by(c.id)
    names = cameo_table()
    with engine.connect() as conn:
        if q.limit is None:
            rows = [*conn.execute(dated.offset(q.offset or 0)), *conn.execute(undated)]
        else:
            rows = list(conn.execute(dated.offset(q.offset).limit(q.limit)))
            if len(rows) < q.limit:
                skip = max(0, q.offset - _count(conn, clauses)) if q.offset else 0
                rows += list(conn.execute(undated.offset(skip).limit(q.limit - len(rows))))
        sources = _sources(conn, [r._mapping["id"] for r in rows]) if with_sources else {}
    out = []
    for r in rows:
        m = r._mapping
        info = names.get(m["cameo"])
        out.append(
            Entry(
                id=m["id"],
                date={
                    "value": m["date_value"],
                    "precision": m["date_precision"],
                    "earliest": m["date_earliest"],
                    "latest": m["date_latest"],
                },
                summary=one_line(m["summary"] or ""),
                cameo=m["cameo"],
                cameo_root=m["cameo_root"],
                cameo_name=info.name if info else m["cameo"],
                plover=m["plover"],
                quad_class=m["quad_class"],
                goldstein=m["goldstein"],
                actors=[
                    {
                        "role": "source",
                        "name": m["source_name"],
                        "country": m["source_country"],
                        "code": m["source_code"],
                    },
                    {
                        "role": "target",
                        "name": m["target_name"],
                        "country": m["target_country"],
                        "code": m["target_code"],
                    },
                ],
                status=m["status"],
                history=json.loads(m["history"] or "[]"),
                location=(
                    {"name": m["location_name"], "country": m["location_country"]}
                    if m["location_name"]
                    else None
                ),
                num_mentions=m["num_mentions"],
                num_articles=m["num_articles"],
                num_sources=m["num_sources"],
                sources=sources.get(m["id"], []),
            )
        )
    return out


def _count(conn: Any, clauses: list[Any]) -> int:
    """How many dated story events match (to page on into the undated ones)."""
    from sqlalchemy import func

    query = (
        select(func.count())
        .select_from(story_events)
        .where(*clauses, story_events.c.sort_date.is_not(None))
    )
    return int(conn.execute(query).scalar_one())


def _sources(conn: Any, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    if not ids:
        return out
    rows = conn.execute(
        select(
            event_mentions.c.story_id,
            event_mentions.c.article_id,
            event_mentions.c.evidence,
            event_mentions.c.evidence_start,
            event_mentions.c.evidence_end,
            event_mentions.c.modality,
            articles.c.path,
            articles.c.url,
            articles.c.title,
            articles.c.outlet,
            articles.c.published_date,
        )
        .join(articles, articles.c.id == event_mentions.c.article_id)
        .where(event_mentions.c.story_id.in_(ids))
        .order_by(event_mentions.c.story_id, articles.c.published_date, event_mentions.c.id)
    ).all()
    for r in rows:
        m = r._mapping
        bucket = out.setdefault(m["story_id"], [])
        if any(s["doc_id"] == m["article_id"] for s in bucket):
            continue  # one source entry per article; its first mention is the evidence
        bucket.append(
            {
                "doc_id": m["article_id"],
                "path": m["path"],
                "url": m["url"],
                "title": m["title"],
                "outlet": m["outlet"],
                "published": m["published_date"],
                "evidence": one_line(m["evidence"], 400),
                "offsets": [m["evidence_start"], m["evidence_end"]],
                "role": "announcement" if m["modality"] == "planned" else "report",
            }
        )
    return out


def timeline(engine: Engine, q: TimelineQuery | None = None) -> Timeline:
    """The timeline for a query: dated entries in order, undated entries apart."""
    entries = query_story_events(engine, q or TimelineQuery())
    return Timeline(
        entries=[e for e in entries if e.date["value"]],
        undated=[e for e in entries if not e.date["value"]],
    )

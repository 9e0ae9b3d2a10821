"""Timelines: story events in date order, each with its sources, read from the store."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, and_, or_, select

from entente.events.cameo import cameo_table
from entente.store.schema import STORY_CROSSES_YEAR, articles, event_mentions, story_events
from entente.stories.paging import Segment, read_page

_CITATION = re.compile(r"\s*\[\d{1,3}\]")
_SPACES = re.compile(r"\s+")
_ISO3 = re.compile(r"[A-Z]{3}")
_CAMEO_ACTOR = re.compile(r"[A-Z]{3}[A-Z]{3}")


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
    if _ISO3.fullmatch(a):
        return or_(cols.source_country == a, cols.target_country == a)
    if _CAMEO_ACTOR.fullmatch(a):
        return or_(cols.source_code == a, cols.target_code == a)
    like = f"%{a}%"
    return or_(cols.source_name.ilike(like), cols.target_name.ilike(like))


@dataclass
class _Filter:
    """A timeline query as SQL: clauses every match meets, plus disjoint side branches.

    ``sides`` are lists of clauses whose union is the actor filter (one empty branch when there
    is none to split).
    """

    common: list[Any]
    sides: list[list[Any]]


def _filter(q: TimelineQuery) -> _Filter:
    cols = story_events.c
    actors = [a.strip() for a in q.actors]
    common: list[Any] = []
    sides: list[list[Any]] = [[]]
    if q.dyad:
        a, b = q.dyad
        if _ISO3.fullmatch(a) and _ISO3.fullmatch(b):
            # the stored unordered pair key, indexed with the date
            common.append(cols.dyad == "|".join(sorted([a, b])))
        else:
            common.append(and_(_actor_clause(a), _actor_clause(b)))
    elif country := next((a for a in actors if _ISO3.fullmatch(a)), None):
        # as source, or as target of an event it is not also the source of: each branch walks its
        # (country, date) index, where an OR of the two columns would sort every match
        actors.remove(country)
        sides = [
            [cols.source_country == country],
            [cols.target_country == country, cols.source_country.is_distinct_from(country)],
        ]
    common += [_actor_clause(a) for a in actors]
    if q.since:
        common.append(cols.date_latest >= q.since)
    if q.until:
        common.append(cols.date_earliest <= q.until)
    if q.roots:
        common.append(cols.cameo_root.in_([r.zfill(2) for r in q.roots]))
    if q.statuses:
        common.append(cols.status.in_(list(q.statuses)))
    if q.text:
        common.append(cols.summary.ilike(f"%{q.text}%"))
    return _Filter(common, sides)


def _segments(q: TimelineQuery) -> list[Segment]:
    """The dated story events in date order, then the undated ones by id."""
    f = _filter(q)
    c = story_events.c
    dated: list[Any] = [c.sort_date.is_not(None)]
    if q.until:
        # sort_date never sorts after date_earliest, so this ends the date walk at ``until``
        dated.append(c.sort_date <= q.until)
    spans: list[list[Any]] = [[]]
    if q.since:
        # An event that reaches ``since`` starts in since's year or later, or its window crosses
        # into a later year: each branch is walked from the year's start, and its few crossing
        # events that start earlier are walked apart, in the same order, on a partial index.
        year = q.since[:4]
        spans = [[c.sort_date >= year], [STORY_CROSSES_YEAR, c.sort_date < year]]
    return [
        Segment(
            [
                select(story_events).where(*f.common, *side, *dated, *span)
                for side in f.sides
                for span in spans
            ],
            (c.sort_date, c.id),
        ),
        Segment(
            [select(story_events).where(*f.common, *s, c.sort_date.is_(None)) for s in f.sides],
            (c.id,),
        ),
    ]


def query_story_events(
    engine: Engine, q: TimelineQuery, *, with_sources: bool = True
) -> list[Entry]:
    """Story events matching ``q``, dated ones first in date order, then undated ones."""
    names = cameo_table()
    with engine.connect() as conn:
        rows = read_page(conn, _segments(q), q.limit, q.offset or 0)
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

"""Read-only queries the REST API and web pages need beyond timelines, trends and briefings.

Event mentions filtered like story events, quotes by speaker, the actor network, dashboard counts
and an article's stored analysis. Every function takes an engine and returns plain dicts that the
API serialises as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from entente.events.cameo import cameo_table
from entente.store.schema import analyses, articles, event_mentions, quotes, story_events
from entente.stories.paging import Segment, read_page
from entente.stories.timeline import TimelineQuery, one_line

_ISO3 = re.compile(r"[A-Z]{3}")
_CAMEO_ACTOR = re.compile(r"[A-Z]{3}[A-Z]{3}")
QUAD_CLASSES = (1, 2, 3, 4)


@cache
def roots_of_quad_class() -> dict[int, tuple[str, ...]]:
    """CAMEO root codes by QuadClass, read from the CAMEO table (the class is fixed by the root)."""
    out: dict[int, list[str]] = {q: [] for q in QUAD_CLASSES}
    for code in cameo_table().values():
        if len(code.code) == 2:
            out[code.quad_class].append(code.code)
    return {q: tuple(sorted(v)) for q, v in out.items()}


def roots_for(roots: Sequence[str] = (), quad_classes: Sequence[int] = ()) -> list[str]:
    """The CAMEO roots a filter allows: the given roots, narrowed to the given QuadClasses.

    Args:
        roots: CAMEO root codes ("4" and "04" both mean 04); empty allows every root.
        quad_classes: QuadClasses 1-4; empty allows every class.

    Returns:
        The allowed roots, or an empty list when neither filter is given. A filter that allows
        nothing returns ``["--"]``, a root no event has, so that the query finds nothing.
    """
    wanted = [r.zfill(2) for r in roots]
    if not quad_classes:
        return wanted
    by_quad = roots_of_quad_class()
    allowed = [r for q in quad_classes for r in by_quad.get(int(q), ())]
    if wanted:
        allowed = [r for r in wanted if r in allowed]
    return allowed or ["--"]


@dataclass
class EventFilter:
    """Filters shared by event mentions and story events; None or empty means no constraint.

    Actors are ISO3 country codes, CAMEO actor codes (``RUSGOV``) or parts of names. ``modalities``
    are occurred, planned, negated, hypothetical (a story event's status).
    """

    actors: Sequence[str] = ()
    dyad: tuple[str, str] | None = None
    roots: Sequence[str] = ()
    quad_classes: Sequence[int] = ()
    modalities: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    text: str | None = None
    article_id: str | None = None
    limit: int = 50
    offset: int = 0

    def timeline_query(self) -> TimelineQuery:
        """The same filter for :func:`entente.stories.timeline.query_story_events`."""
        return TimelineQuery(
            actors=list(self.actors),
            dyad=self.dyad,
            since=self.since,
            until=self.until,
            roots=roots_for(self.roots, self.quad_classes),
            statuses=list(self.modalities),
            text=self.text,
            limit=self.limit,
            offset=self.offset,
        )


def _actor_clause(actor: str) -> Any:
    c = event_mentions.c
    a = actor.strip()
    if _ISO3.fullmatch(a):
        return or_(c.source_country == a, c.target_country == a)
    if _CAMEO_ACTOR.fullmatch(a):
        return or_(c.source_code == a, c.target_code == a)
    like = f"%{a}%"
    return or_(c.source_name.ilike(like), c.target_name.ilike(like))


def _mention_filter(f: EventFilter) -> tuple[list[Any], list[list[Any]]]:
    """Clauses every matching mention meets, and disjoint branches whose union is the rest.

    A pair of countries is matched one direction per branch, and a country as the actor as source
    or as target only, so that each branch walks its own (countries, article seq) index in the
    page's order instead of sorting every match of an OR across columns.
    """
    c = event_mentions.c
    actors = [a.strip() for a in f.actors]
    clauses: list[Any] = []
    sides: list[list[Any]] = [[]]
    if f.dyad:
        a, b = f.dyad
        if _ISO3.fullmatch(a) and _ISO3.fullmatch(b):
            sides = [[c.source_country == a, c.target_country == b]]
            if a != b:
                sides.append([c.source_country == b, c.target_country == a])
        else:
            clauses.append(and_(_actor_clause(a), _actor_clause(b)))
    elif country := next((a for a in actors if _ISO3.fullmatch(a)), None):
        actors.remove(country)
        sides = [
            [c.source_country == country],
            [c.target_country == country, c.source_country.is_distinct_from(country)],
        ]
    clauses += [_actor_clause(a) for a in actors]
    roots = roots_for(f.roots, f.quad_classes)
    if roots:
        clauses.append(c.cameo_root.in_(roots))
    if f.modalities:
        clauses.append(c.modality.in_(list(f.modalities)))
    # an event counts when its date window reaches into the asked range
    if f.since:
        clauses.append(func.coalesce(c.date_latest, c.date_value) >= f.since)
    if f.until:
        clauses.append(func.coalesce(c.date_earliest, c.date_value) <= f.until)
    if f.text:
        clauses.append(c.evidence.ilike(f"%{f.text}%"))
    if f.article_id:
        clauses.append(c.article_id == f.article_id)
    return clauses, sides


def _side(m: Any, prefix: str) -> dict[str, Any] | None:
    if not m[f"{prefix}_name"]:
        return None
    return {
        "name": m[f"{prefix}_name"],
        "code": m[f"{prefix}_code"],
        "country": m[f"{prefix}_country"],
        "id": m[f"{prefix}_id"],
    }


def event_mentions_page(engine: Engine, f: EventFilter) -> list[dict[str, Any]]:
    """Event mentions (one per article and sentence) matching ``f``, newest article first.

    Args:
        engine: the database.
        f: filters, limit and offset.

    Returns:
        One dict per mention with its actors, codes, modality, date, evidence and article.
    """
    c = event_mentions.c
    clauses, sides = _mention_filter(f)
    # newest article first: the article's seq is copied onto each mention for its indexes
    page = Segment(
        [select(event_mentions).where(*clauses, *side) for side in sides],
        (c.article_seq.desc(), c.evidence_start, c.id),
    )
    names = cameo_table()
    out = []
    with engine.connect() as conn:
        rows = read_page(conn, [page], f.limit, f.offset)
        ids = sorted({r._mapping["article_id"] for r in rows})
        arts = {
            a.id: a
            for a in conn.execute(
                select(
                    articles.c.id, articles.c.title, articles.c.outlet, articles.c.published_date
                ).where(articles.c.id.in_(ids))
            )
        }
        for row in rows:
            m = row._mapping
            art = arts[m["article_id"]]
            info = names.get(m["cameo"])
            out.append(
                {
                    "id": m["id"],
                    "story_id": m["story_id"],
                    "source": _side(m, "source"),
                    "target": _side(m, "target"),
                    "cameo": m["cameo"],
                    "cameo_root": m["cameo_root"],
                    "cameo_name": info.name if info else m["cameo"],
                    "quad_class": m["quad_class"],
                    "goldstein": m["goldstein"],
                    "plover": m["plover"],
                    "modality": m["modality"],
                    "date": {
                        "value": m["date_value"],
                        "precision": m["date_precision"],
                        "earliest": m["date_earliest"],
                        "latest": m["date_latest"],
                        "text": m["date_text"],
                    },
                    "location": (
                        {"name": m["location_name"], "country": m["location_country"]}
                        if m["location_name"]
                        else None
                    ),
                    "evidence": {
                        "text": m["evidence"],
                        "start": m["evidence_start"],
                        "end": m["evidence_end"],
                    },
                    "article": {
                        "id": m["article_id"],
                        "title": art.title,
                        "outlet": art.outlet,
                        "published": art.published_date,
                    },
                }
            )
    return out


def quotes_page(
    engine: Engine,
    *,
    speaker: str | None = None,
    country: str | None = None,
    article_id: str | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotations, newest article first, filtered by speaker name (part of it), country or text.

    Args:
        engine: the database.
        speaker: part of the resolved speaker's name or of the words naming the speaker.
        country: the speaker's ISO3 country.
        article_id: quotations of one article.
        text: words inside the quotation.
        limit: page size.
        offset: rows to skip.

    Returns:
        One dict per quotation with its speaker and article.
    """
    q = quotes.c
    clauses: list[Any] = []
    if speaker:
        like = f"%{speaker}%"
        clauses.append(or_(q.speaker_name.ilike(like), q.speaker_text.ilike(like)))
    if country:
        clauses.append(q.speaker_country == country)
    if article_id:
        clauses.append(q.article_id == article_id)
    if text:
        clauses.append(q.text.ilike(f"%{text}%"))
    query = (
        select(quotes, articles.c.title, articles.c.outlet, articles.c.published_date)
        .join(articles, articles.c.id == q.article_id)
        .where(*clauses)
        .order_by(articles.c.seq.desc(), q.position)
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as conn:
        rows = [r._mapping for r in conn.execute(query)]
    return [
        {
            "text": m["text"],
            "start": m["start"],
            "end": m["end"],
            "speaker": (
                {"name": m["speaker_name"], "country": m["speaker_country"], "id": m["speaker_id"]}
                if m["speaker_name"]
                else None
            ),
            "speaker_text": m["speaker_text"],
            "article": {
                "id": m["article_id"],
                "title": m["title"],
                "outlet": m["outlet"],
                "published": m["published_date"],
            },
        }
        for m in rows
    ]


def actor_network(
    engine: Engine,
    *,
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] = ("occurred",),
    min_events: int = 1,
    max_edges: int = 200,
) -> dict[str, Any]:
    """Countries as nodes and story-event counts between them as edges, split by QuadClass.

    Args:
        engine: the database.
        since: only events whose date window reaches this date or later.
        until: only events whose date window starts on or before this date.
        statuses: story-event statuses counted (occurred by default).
        min_events: leave out pairs with fewer events.
        max_edges: keep the busiest pairs only.

    Returns:
        ``{"nodes": [{id, events}], "edges": [{source, target, events, cooperation, conflict,
        by_quad_class, mean_goldstein}]}``; an edge's pair is sorted, so A–B and B–A are one edge.
    """
    c = story_events.c
    query = (
        select(
            c.source_country, c.target_country, c.quad_class, func.count(), func.avg(c.goldstein)
        )
        .where(
            c.source_country.is_not(None),
            c.target_country.is_not(None),
            c.source_country != c.target_country,
        )
        .group_by(c.source_country, c.target_country, c.quad_class)
    )
    if statuses:
        query = query.where(c.status.in_(list(statuses)))
    if since:
        query = query.where(c.date_latest >= since)
    if until:
        query = query.where(c.date_earliest <= until)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    with engine.connect() as conn:
        for a, b, quad, n, gold in conn.execute(query):
            pair = (a, b) if a < b else (b, a)
            edge = edges.setdefault(
                pair,
                {
                    "source": pair[0],
                    "target": pair[1],
                    "events": 0,
                    "cooperation": 0,
                    "conflict": 0,
                    "by_quad_class": {str(q): 0 for q in QUAD_CLASSES},
                    "_gold": 0.0,
                },
            )
            edge["events"] += n
            edge["_gold"] += (gold or 0.0) * n
            if quad in QUAD_CLASSES:
                edge["by_quad_class"][str(quad)] += n
                edge["cooperation" if quad <= 2 else "conflict"] += n
    kept = sorted(
        (e for e in edges.values() if e["events"] >= min_events),
        key=lambda e: (-e["events"], e["source"], e["target"]),
    )[:max_edges]
    totals: dict[str, int] = {}
    for e in kept:
        e["mean_goldstein"] = round(e.pop("_gold") / e["events"], 2)
        for side in (e["source"], e["target"]):
            totals[side] = totals.get(side, 0) + e["events"]
    nodes = [{"id": k, "events": v} for k, v in sorted(totals.items(), key=lambda kv: -kv[1])]
    return {"nodes": nodes, "edges": kept}


def top_dyads(engine: Engine, *, limit: int = 10) -> list[dict[str, Any]]:
    """The pairs of countries with the most story events (either direction), busiest first."""
    network = actor_network(engine, statuses=(), max_edges=limit)
    return [
        {
            "a": e["source"],
            "b": e["target"],
            "events": e["events"],
            "cooperation": e["cooperation"],
            "conflict": e["conflict"],
        }
        for e in network["edges"]
    ]


def latest_story_events(engine: Engine, *, limit: int = 10) -> list[dict[str, Any]]:
    """The most recent dated story events, newest first (without sources, for a dashboard)."""
    c = story_events.c
    query = (
        select(
            c.id,
            c.sort_date,
            c.date_precision,
            c.cameo,
            c.status,
            c.summary,
            c.source_name,
            c.source_country,
            c.target_name,
            c.target_country,
            c.quad_class,
            c.num_articles,
        )
        .where(c.sort_date.is_not(None))
        .order_by(c.sort_date.desc(), c.id.desc())
        .limit(limit)
    )
    names = cameo_table()
    out = []
    with engine.connect() as conn:
        for row in conn.execute(query):
            m = dict(row._mapping)
            info = names.get(m["cameo"])
            m["cameo_name"] = info.name if info else m["cameo"]
            m["summary"] = one_line(m["summary"] or "")
            out.append(m)
    return out


def story_counts(engine: Engine) -> dict[str, Any]:
    """Counts of analyses, event mentions, story events (by status) and quotations."""
    with engine.connect() as conn:

        def count(table: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

        by_status: dict[Any, int] = dict(
            conn.execute(
                select(story_events.c.status, func.count()).group_by(story_events.c.status)
            ).all()
        )
        return {
            "analysed_articles": count(analyses),
            "event_mentions": count(event_mentions),
            "story_events": sum(by_status.values()),
            "story_events_by_status": {str(k): int(v) for k, v in by_status.items()},
            "quotes": count(quotes),
        }


def stored_analysis(engine: Engine, article_id: str) -> dict[str, Any] | None:
    """The extract-schema analysis stored for an article, or None when it was not analysed."""
    with engine.connect() as conn:
        row = conn.execute(
            select(analyses.c.analysis, analyses.c.pipeline, analyses.c.created_at).where(
                analyses.c.article_id == article_id
            )
        ).first()
    if row is None:
        return None
    data: dict[str, Any] = json.loads(row[0])
    data["pipeline"] = row[1]
    data["analysed_at"] = row[2]
    return data

"""Exports for analysts: story events (GDELT-style event table), mentions, and timelines."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, select

from entente.errors import ConfigError
from entente.store.schema import articles, event_mentions, story_events
from entente.stories.timeline import TimelineQuery, timeline

Table = Literal["events", "mentions", "timeline"]
Format = Literal["csv", "parquet", "jsonl"]


def event_rows(engine: Engine) -> list[dict[str, Any]]:
    """One row per story event, with NumMentions / NumArticles / NumSources kept current."""
    c = story_events.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(story_events).order_by(c.sort_date.is_(None), c.sort_date, c.id)
        ).all()
    out = []
    for r in rows:
        m = r._mapping
        out.append(
            {
                "GlobalEventID": m["id"],
                "Day": m["date_value"],
                "DatePrecision": m["date_precision"],
                "DateEarliest": m["date_earliest"],
                "DateLatest": m["date_latest"],
                "Actor1Name": m["source_name"],
                "Actor1Code": m["source_code"],
                "Actor1CountryCode": m["source_country"],
                "Actor2Name": m["target_name"],
                "Actor2Code": m["target_code"],
                "Actor2CountryCode": m["target_country"],
                "EventCode": m["cameo"],
                "EventRootCode": m["cameo_root"],
                "QuadClass": m["quad_class"],
                "GoldsteinScale": m["goldstein"],
                "PloverType": m["plover"],
                "Status": m["status"],
                "IsSymmetric": bool(m["symmetric"]),
                "ActionGeoName": m["location_name"],
                "ActionGeoCountryCode": m["location_country"],
                "NumMentions": m["num_mentions"],
                "NumSources": m["num_sources"],
                "NumArticles": m["num_articles"],
                "Confidence": m["confidence"],
                "Summary": m["summary"],
            }
        )
    return out


def mention_rows(engine: Engine) -> list[dict[str, Any]]:
    """One row per event mention, with the article and character offsets of its evidence."""
    c = event_mentions.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                event_mentions,
                articles.c.url,
                articles.c.outlet,
                articles.c.published_date,
                articles.c.title,
            )
            .join(articles, articles.c.id == c.article_id)
            .order_by(c.article_id, c.id)
        ).all()
    return [
        {
            "MentionID": m["id"],
            "GlobalEventID": m["story_id"],
            "ArticleID": m["article_id"],
            "URL": m["url"],
            "Outlet": m["outlet"],
            "Published": m["published_date"],
            "Title": m["title"],
            "EventCode": m["cameo"],
            "Modality": m["modality"],
            "Actor1Name": m["source_name"],
            "Actor1CountryCode": m["source_country"],
            "Actor2Name": m["target_name"],
            "Actor2CountryCode": m["target_country"],
            "Date": m["date_value"],
            "DatePrecision": m["date_precision"],
            "DateText": m["date_text"],
            "Evidence": m["evidence"],
            "EvidenceStart": m["evidence_start"],
            "EvidenceEnd": m["evidence_end"],
            "Confidence": m["confidence"],
        }
        for m in (r._mapping for r in rows)
    ]


def timeline_rows(engine: Engine, q: TimelineQuery | None = None) -> list[dict[str, Any]]:
    """One row per timeline entry, sources joined into one column."""
    tl = timeline(engine, q)
    out = []
    for e in [*tl.entries, *tl.undated]:
        out.append(
            {
                "id": e.id,
                "date": e.date["value"],
                "precision": e.date["precision"],
                "summary": e.summary,
                "cameo": e.cameo,
                "cameo_root": e.cameo_root,
                "cameo_name": e.cameo_name,
                "status": e.status,
                "source": e.actors[0]["name"],
                "target": e.actors[1]["name"],
                "sources": "; ".join(s["doc_id"] for s in e.sources),
                "num_articles": e.num_articles,
            }
        )
    return out


def export(
    engine: Engine, table: Table, fmt: Format, path: str | Path, q: TimelineQuery | None = None
) -> int:
    """Write a table to ``path`` as CSV, Parquet or JSON lines; returns the number of rows."""
    rows = {"events": event_rows, "mentions": mention_rows}.get(table)
    data = rows(engine) if rows else timeline_rows(engine, q)
    if table not in {"events", "mentions", "timeline"}:
        raise ConfigError(f"unknown export table {table!r}", hint="events, mentions or timeline")
    import pandas as pd

    frame = pd.DataFrame(data)
    path = Path(path)
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    elif fmt == "jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        raise ConfigError(f"unknown export format {fmt!r}", hint="csv, parquet or jsonl")
    return len(frame)

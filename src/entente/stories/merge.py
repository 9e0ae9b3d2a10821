"""Cross-article merging: event mentions become story events, incrementally.

Every analysed article goes through :func:`record_analysis`, one transaction: its analysis, event
mentions and quotes are stored, and each mention is placed in a story event:

- an occurred (or negated, hypothetical) mention joins a story event of the same status between the
  same parties (either order when symmetric), with the same CAMEO root and an overlapping date window;
  cooperative roots (03–06) between the same parties within a day are one episode (the meeting where
  they also signed and praised);
- an undated mention joins the one dated story event that fits, if exactly one does;
- a planned mention ("will visit") is linked to the occurred story event that fulfils it — after the
  announcing article's publication, inside any season or month it names — when exactly one fits;
  otherwise it is kept as a planned story event, which a later report of the visit absorbs.

People matter: two visits to China by different Russian officials are not merged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select, update

from entente.models import Analysis, DateValue
from entente.store.schema import analyses, articles, event_mentions, quotes, story_events
from entente.stories.keys import (
    EPISODE_ROOTS,
    PRECISION_RANK,
    dyad_key,
    months_named,
    overlaps,
    side_key,
    window,
)


def record_analysis(engine: Engine, analysis: Analysis, *, pipeline: str | None = None) -> set[int]:
    """Store one article's analysis and merge its events into story events (one transaction).

    Re-recording an article replaces its earlier analysis and re-merges its mentions.

    Returns:
        The ids of the story events created or updated.
    """
    art = analysis.article
    with engine.begin() as conn:
        touched = _forget(conn, art.id)
        conn.execute(
            analyses.insert().values(
                article_id=art.id,
                analysis=json.dumps(analysis.to_dict(), ensure_ascii=False),
                pipeline=pipeline,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
        rows = [_mention_row(art.id, n, ev) for n, ev in enumerate(analysis.events)]
        if rows:
            # mention pages are ordered by the article's seq, kept on each mention for its index
            seq = conn.execute(select(articles.c.seq).where(articles.c.id == art.id)).scalar()
            conn.execute(
                event_mentions.insert(),
                [
                    {"article_seq": seq, **{k: v for k, v in r.items() if not k.startswith("_")}}
                    for r in rows
                ],
            )
        if analysis.quotes:
            conn.execute(
                quotes.insert(),
                [
                    {
                        "article_id": art.id,
                        "position": i,
                        "text": q.text,
                        "start": q.start,
                        "end": q.end,
                        "speaker_name": q.speaker.name if q.speaker else None,
                        "speaker_country": q.speaker.country if q.speaker else None,
                        "speaker_id": q.speaker.id if q.speaker else None,
                        "speaker_text": q.speaker_text,
                    }
                    for i, q in enumerate(analysis.quotes)
                ],
            )
        published = art.published.date
        for row in rows:
            touched |= _place(conn, row, published)
        for sid in sorted(touched):
            _refresh(conn, sid)
    return touched


def _forget(conn: Connection, article_id: str) -> set[int]:
    """Remove an article's earlier analysis; return the story events that lose mentions."""
    ids = {
        r[0]
        for r in conn.execute(
            select(event_mentions.c.story_id).where(event_mentions.c.article_id == article_id)
        )
        if r[0] is not None
    }
    conn.execute(delete(event_mentions).where(event_mentions.c.article_id == article_id))
    conn.execute(delete(quotes).where(quotes.c.article_id == article_id))
    conn.execute(delete(analyses).where(analyses.c.article_id == article_id))
    return ids


def _mention_row(article_id: str, n: int, ev: Any) -> dict[str, Any]:
    src, tgt = ev.source, ev.target
    loc = ev.location or {}
    return {
        "id": f"{article_id}:{n}",
        "article_id": article_id,
        "story_id": None,
        "source_name": src.name if src else None,
        "source_code": src.code if src else None,
        "source_country": src.country if src else None,
        "source_id": src.id if src and src.kind == "person" else None,
        "target_name": tgt.name if tgt else None,
        "target_code": tgt.code if tgt else None,
        "target_country": tgt.country if tgt else None,
        "target_id": tgt.id if tgt and tgt.kind == "person" else None,
        "cameo": ev.cameo,
        "cameo_root": ev.cameo_root,
        "quad_class": ev.quad_class,
        "goldstein": ev.goldstein,
        "plover": ev.plover,
        "modality": ev.modality,
        "date_value": ev.date.value,
        "date_precision": ev.date.precision,
        "date_earliest": ev.date.earliest,
        "date_latest": ev.date.latest,
        "date_text": ev.date.text,
        "location_name": loc.get("name"),
        "location_country": loc.get("country"),
        "evidence": ev.evidence.text,
        "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end,
        "symmetric": int(bool(ev.symmetric)),
        "confidence": ev.confidence,
        # not columns: used while placing
        "_source_key": side_key(src),
        "_target_key": side_key(tgt),
    }


def _dv(row: Any, prefix: str = "date_") -> DateValue:
    m = row._mapping if hasattr(row, "_mapping") else row
    return DateValue(
        value=m[f"{prefix}value"],
        precision=m[f"{prefix}precision"],
        earliest=m[f"{prefix}earliest"],
        latest=m[f"{prefix}latest"],
    )


def _direction_ok(m: dict[str, Any], s: Any) -> bool:
    sm = s._mapping
    if m["symmetric"] or sm["symmetric"]:
        return True
    return m["_source_key"] == side_key(
        {"country": sm["source_country"], "code": sm["source_code"], "name": sm["source_name"]}
    )


def _people_ok(m: dict[str, Any], s: Any) -> bool:
    """Named people must not contradict each other: Putin meeting Xi is not Putin meeting Wang."""
    sm = s._mapping
    mine = {m["source_id"], m["target_id"]} - {None}
    theirs = {sm["source_id"], sm["target_id"]} - {None}
    if not mine or not theirs:
        return True
    return mine <= theirs or theirs <= mine


def _same_pair(m: dict[str, Any], s: Any) -> bool:
    sm = s._mapping
    mine = {m["source_id"], m["target_id"]}
    return None not in mine and mine == {sm["source_id"], sm["target_id"]}


def _people_same(m: Mapping[str, Any], s: Any) -> bool:
    sm = s._mapping
    mine = {m["source_id"], m["target_id"]} - {None}
    return bool(mine) and bool(mine & ({sm["source_id"], sm["target_id"]} - {None}))


_STOP = frozenset(
    "the a an of in on at to and or for with by from as that this its their his her "
    "is are was were be been has have had will would said says".split()
)


def _similar(a: str | None, b: str | None, threshold: float = 0.3) -> bool:
    """Two sentences share enough content words to tell the same thing."""
    wa = {w for w in re.findall(r"\w+", (a or "").lower()) if w not in _STOP}
    wb = {w for w in re.findall(r"\w+", (b or "").lower()) if w not in _STOP}
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= threshold


def _candidates(conn: Connection, m: dict[str, Any], roots: set[str]) -> list[Any]:
    dyad = dyad_key(m["_source_key"], m["_target_key"])
    query = select(story_events).where(
        story_events.c.dyad == dyad, story_events.c.cameo_root.in_(sorted(roots))
    )
    win = window(_dv(m))
    if win is not None:
        lo = (win[0] - dt.timedelta(days=3)).isoformat()
        hi = (win[1] + dt.timedelta(days=3)).isoformat()
        query = query.where(
            or_(
                story_events.c.sort_date.is_(None),
                and_(story_events.c.date_earliest <= hi, story_events.c.date_latest >= lo),
            )
        )
    return list(conn.execute(query.limit(500)))


def _day_words(text: str | None) -> str:
    """The day a date text names, as words: "On Dec. 21" and "(context: Dec. 21)" → "dec 21"."""
    plain = (text or "").lower().removeprefix("(context: ").removesuffix(")").removeprefix("on ")
    return " ".join(re.findall(r"[a-z]+|\d+", plain))


def _same_article_episode(conn: Connection, m: dict[str, Any], same: list[Any]) -> Any:
    """An undated mention joins an undated story event of the same article between the same
    parties, unless the two name different days ("Dec. 21" and "Dec. 22"): an article that gives
    no year still tells one episode from another by its day and month."""
    mine = _day_words(m["date_text"])
    best: tuple[int, Any] | None = None
    for s in same:
        sm = s._mapping
        if sm["sort_date"] is not None or not _people_ok(m, s):
            continue
        rows = conn.execute(
            select(event_mentions.c.date_text, event_mentions.c.evidence_start).where(
                event_mentions.c.story_id == sm["id"],
                event_mentions.c.article_id == m["article_id"],
            )
        ).all()
        if not rows:
            continue
        # a mention that names its day joins only the episode of that day; one that names none
        # joins the episode it follows most closely
        if mine and mine not in {_day_words(r[0]) for r in rows}:
            continue
        before = [r[1] for r in rows if r[1] <= m["evidence_start"]]
        position = max(before) if before else -1
        if best is None or position > best[0]:
            best = (position, s)
    return best[1] if best else None


def _fits_dated(m: dict[str, Any], s: Any) -> bool:
    mine, theirs = window(_dv(m)), window(_dv(s))
    if mine is None or theirs is None:
        return False
    sm = s._mapping
    if sm["cameo_root"] == m["cameo_root"]:
        slack = 1 if m["date_precision"] == "day" and sm["date_precision"] == "day" else 0
        return overlaps(mine, theirs, slack)
    # another cooperative root: the same episode only when both are dated to the day
    return (
        m["date_precision"] == "day" and sm["date_precision"] == "day" and overlaps(mine, theirs, 1)
    )


def _place(conn: Connection, m: dict[str, Any], published: str | None) -> set[int]:
    status = m["modality"]
    roots = EPISODE_ROOTS if m["cameo_root"] in EPISODE_ROOTS else {m["cameo_root"]}
    # the same root must go the same way between the same people (Xi's visit to Russia is not
    # Putin's to China, nor Medvedev's); another root of the same day's episode may go either
    # way and involve others (the host praising the guest)
    cands = [
        s
        for s in _candidates(conn, m, roots)
        if s._mapping["cameo_root"] != m["cameo_root"] or (_direction_ok(m, s) and _people_ok(m, s))
    ]
    chosen: Any = None
    if status == "planned":
        chosen = _fulfilment(m, cands, published)
    if chosen is None:
        same = [s for s in cands if s._mapping["status"] == status]
        dated = [s for s in same if _fits_dated(m, s)]
        if dated:
            chosen = min(
                dated,
                key=lambda s: (
                    s._mapping["cameo_root"] != m["cameo_root"],
                    PRECISION_RANK.get(s._mapping["date_precision"], 9),
                ),
            )
        elif window(_dv(m)) is None:
            # an article reports only what happened by its publication date
            fits = [
                s
                for s in same
                if s._mapping["cameo_root"] == m["cameo_root"]
                and s._mapping["sort_date"] is not None
                and (status != "occurred" or not published or s._mapping["sort_date"] <= published)
                # an undated mention must say much the same thing, or name the same people on
                # both sides (one shared leader is not enough: Putin is in most China stories)
                and (_same_pair(m, s) or _similar(m["evidence"], s._mapping["summary"]))
            ]
            undated = [
                s
                for s in same
                if s._mapping["cameo_root"] == m["cameo_root"]
                and s._mapping["sort_date"] is None
                and _people_same(m, s)
                and _similar(m["evidence"], s._mapping["summary"])
            ]
            if len(fits) == 1:
                chosen = fits[0]
            elif not fits and undated:
                chosen = undated[0]
            elif not fits:
                chosen = _same_article_episode(conn, m, same)
    touched: set[int] = set()
    sid = _new_story(conn, m) if chosen is None else chosen._mapping["id"]
    conn.execute(update(event_mentions).where(event_mentions.c.id == m["id"]).values(story_id=sid))
    touched.add(sid)
    if status == "occurred":
        touched |= _absorb_planned(conn, sid, m)
    return touched


_VISITS = {"042", "043"}


def _visitor(cameo: str | None, source: str | None, target: str | None) -> str | None:
    """Who travels: the source of "make a visit", the target of "host a visit"."""
    return target if cameo == "043" else source


def _announces(p: Any, published: str | None, s: Any) -> bool:
    """Does planned mention ``p`` (from an article published on ``published``) announce story
    event ``s``? Same kind of event, after the announcement, inside any month or season it names;
    for a visit, the same visitor; when nothing dates the announcement, the same people or the
    same words."""
    sm = s._mapping
    if sm["status"] != "occurred" or sm["cameo_root"] != p["cameo"][:2]:
        return False
    if p["cameo"] in _VISITS:
        if sm["cameo"] not in _VISITS:
            return False
        if _visitor(p["cameo"], p["source_country"], p["target_country"]) != _visitor(
            sm["cameo"], sm["source_country"], sm["target_country"]
        ):
            return False
    months = months_named(p["date_text"])
    mine, theirs = window(_dv(p)), window(_dv(s))
    if theirs is None:
        return _people_same(p, s)
    if published and theirs[1].isoformat() < published:
        return False
    if mine is not None and not overlaps(mine, theirs, 3):
        return False
    if months and not ({theirs[0].month, theirs[1].month} & months):
        return False
    if not published and mine is None and not months:
        # an undated announcement in an undated article: only the same people or words tie it
        return (p["cameo"] in _VISITS and _people_same(p, s)) or _similar(
            p["evidence"], sm["summary"]
        )
    return True


def _fulfilment(m: dict[str, Any], cands: list[Any], published: str | None) -> Any:
    """The one occurred story event a planned mention announces, if exactly one fits."""
    fits = [s for s in cands if _announces(m, published, s)]
    return fits[0] if len(fits) == 1 else None


def _absorb_planned(conn: Connection, sid: int, m: dict[str, Any]) -> set[int]:
    """Planned story events this occurred one fulfils are folded into it."""
    story = conn.execute(select(story_events).where(story_events.c.id == sid)).first()
    if story is None:
        return set()
    planned = [
        s
        for s in _candidates(conn, m, {m["cameo_root"]})
        if s._mapping["status"] == "planned" and s._mapping["id"] != sid and _people_ok(m, s)
    ]
    done: set[int] = set()
    for p in planned:
        pid = p._mapping["id"]
        rows = conn.execute(
            select(event_mentions, articles.c.published_date)
            .join(articles, articles.c.id == event_mentions.c.article_id)
            .where(event_mentions.c.story_id == pid)
        ).all()
        if rows and all(_announces(r._mapping, r._mapping["published_date"], story) for r in rows):
            conn.execute(
                update(event_mentions).where(event_mentions.c.story_id == pid).values(story_id=sid)
            )
            conn.execute(delete(story_events).where(story_events.c.id == pid))
            done.add(sid)
    return done


def _new_story(conn: Connection, m: dict[str, Any]) -> int:
    values = {
        k: m[k]
        for k in (
            "source_name",
            "source_country",
            "source_code",
            "source_id",
            "target_name",
            "target_country",
            "target_code",
            "target_id",
            "cameo",
            "cameo_root",
            "quad_class",
            "goldstein",
            "plover",
            "symmetric",
            "date_value",
            "date_precision",
            "date_earliest",
            "date_latest",
            "location_name",
            "location_country",
            "confidence",
        )
    }
    win = window(_dv(m))
    values.update(
        dyad=dyad_key(m["_source_key"], m["_target_key"]),
        status=m["modality"],
        date_earliest=win[0].isoformat() if win else None,
        date_latest=win[1].isoformat() if win else None,
        sort_date=win[0].isoformat() if win else None,
        summary=m["evidence"],
        num_mentions=0,
        num_articles=0,
        num_sources=0,
        history="[]",
    )
    result = conn.execute(story_events.insert().values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def _refresh(conn: Connection, sid: int) -> None:
    """Recompute a story event's aggregates from its mentions (or drop it when it has none)."""
    rows = conn.execute(
        select(event_mentions, articles.c.outlet, articles.c.published_date)
        .join(articles, articles.c.id == event_mentions.c.article_id)
        .where(event_mentions.c.story_id == sid)
        .order_by(articles.c.published_date, event_mentions.c.id)
    ).all()
    if not rows:
        conn.execute(delete(story_events).where(story_events.c.id == sid))
        return
    ms = [r._mapping for r in rows]
    statuses = Counter(m["modality"] for m in ms)
    status = "occurred" if statuses["occurred"] else statuses.most_common(1)[0][0]
    main = [m for m in ms if m["modality"] == status]
    dated = [m for m in main if m["date_value"]]
    best_date = (
        min(
            dated,
            key=lambda m: (
                PRECISION_RANK.get(m["date_precision"], 9),
                -sum(1 for o in dated if o["date_value"] == m["date_value"]),
                m["date_value"],
            ),
        )
        if dated
        else None
    )
    # the primary mention: the event's own root first (a visit over what was said during it)
    root_rank = Counter(m["cameo_root"] for m in main)
    lead = max(
        main,
        key=lambda m: (
            m["cameo"] in _VISITS,
            m["cameo_root"] == "04",
            root_rank[m["cameo_root"]],
            m["confidence"] or 0,
            -len(m["evidence"]),
        ),
    )
    win = window(_dv(best_date)) if best_date else None
    history: list[dict[str, Any]] = []
    for m in ms:
        step = {
            "status": "announced" if m["modality"] == "planned" else m["modality"],
            "article_id": m["article_id"],
            "published": m["published_date"],
            "date": m["date_value"],
        }
        # one step per article and status: an article that names the visit three times
        # announced it once
        if not any(
            h["status"] == step["status"] and h["article_id"] == step["article_id"] for h in history
        ):
            history.append(step)
    conn.execute(
        update(story_events)
        .where(story_events.c.id == sid)
        .values(
            status=status,
            source_name=lead["source_name"],
            source_country=lead["source_country"],
            source_code=lead["source_code"],
            source_id=lead["source_id"],
            target_name=lead["target_name"],
            target_country=lead["target_country"],
            target_code=lead["target_code"],
            target_id=lead["target_id"],
            cameo=lead["cameo"],
            cameo_root=lead["cameo_root"],
            quad_class=lead["quad_class"],
            goldstein=lead["goldstein"],
            plover=lead["plover"],
            symmetric=lead["symmetric"],
            date_value=best_date["date_value"] if best_date else None,
            date_precision=best_date["date_precision"] if best_date else None,
            date_earliest=win[0].isoformat() if win else None,
            date_latest=win[1].isoformat() if win else None,
            sort_date=win[0].isoformat() if win else None,
            summary=lead["evidence"],
            location_name=next((m["location_name"] for m in ms if m["location_name"]), None),
            location_country=next(
                (m["location_country"] for m in ms if m["location_country"]), None
            ),
            num_mentions=len(ms),
            num_articles=len({m["article_id"] for m in ms}),
            num_sources=len({m["outlet"] or m["article_id"] for m in ms}),
            confidence=max((m["confidence"] or 0) for m in ms),
            history=json.dumps(history),
            updated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )


def story_count(engine: Engine) -> int:
    """How many story events the store holds."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(story_events)).scalar_one())

"""Events: event mentions, story events, timelines, trends and the actor network."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from entente.api.errors import ApiError
from entente.api.params import CorpusDep, FilterDep, PageDep, check_date, check_modalities
from entente.stories.queries import actor_network, event_mentions_page
from entente.stories.timeline import query_story_events, timeline
from entente.stories.trend import dyad_trend, trend_png

router = APIRouter(prefix="/api", tags=["events"])

# matplotlib's pyplot keeps global state; requests run in a thread pool, so drawing is serialised.
_DRAWING = threading.Lock()
Country = Annotated[str, Query(pattern=r"^[A-Z]{3}$", description="ISO3 country code, e.g. CHN")]


@router.get("/events", summary="Event mentions")
def list_events(
    corpus: CorpusDep,
    flt: FilterDep,
    page: PageDep,
    article: Annotated[str | None, Query(description="Only this article's events.")] = None,
) -> dict[str, Any]:
    """Every coded event mention (one per article and sentence), newest article first."""
    flt.limit, flt.offset, flt.article_id = page.limit + 1, page.offset, article
    return page.wrap(event_mentions_page(corpus.engine, flt))


@router.get("/story-events", summary="Story events")
def list_story_events(
    corpus: CorpusDep,
    flt: FilterDep,
    page: PageDep,
    sources: Annotated[bool, Query(description="Include each event's sources.")] = True,
) -> dict[str, Any]:
    """Real-world events merged across articles, in date order (undated last)."""
    flt.limit, flt.offset = page.limit + 1, page.offset
    entries = query_story_events(corpus.engine, flt.timeline_query(), with_sources=sources)
    return page.wrap([e.to_dict() for e in entries])


@router.get("/timeline", summary="Timeline for an actor or dyad")
def get_timeline(corpus: CorpusDep, flt: FilterDep, page: PageDep) -> dict[str, Any]:
    """Dated story events in order and undated ones apart, each with every source reporting it."""
    flt.limit, flt.offset = page.limit + 1, page.offset
    tl = timeline(corpus.engine, flt.timeline_query())
    rows = [*tl.entries, *tl.undated]
    more = len(rows) > page.limit
    kept = {id(e) for e in rows[: page.limit]}
    return {
        "entries": [e.to_dict() for e in tl.entries if id(e) in kept],
        "undated": [e.to_dict() for e in tl.undated if id(e) in kept],
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if more else None,
    }


@router.get("/trend", summary="Cooperation-conflict trend of a dyad")
def get_trend(
    corpus: CorpusDep, a: Country, b: Country, since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """Monthly counts by QuadClass, mean Goldstein score and a cooperation-conflict index."""
    points = dyad_trend(
        corpus.engine, a, b, since=check_date(since, "since"), until=check_date(until, "until")
    )
    return {"a": a, "b": b, "months": [p.to_dict() for p in points]}


@router.get(
    "/trend.png", summary="Trend chart (PNG)", responses={200: {"content": {"image/png": {}}}}
)
def get_trend_png(
    corpus: CorpusDep, a: Country, b: Country, since: str | None = None, until: str | None = None
) -> Response:
    """The trend drawn as a chart: stacked QuadClass counts and mean Goldstein by month."""
    points = dyad_trend(
        corpus.engine, a, b, since=check_date(since, "since"), until=check_date(until, "until")
    )
    if not points:
        raise ApiError(
            404,
            f"no dated story events between {a} and {b}",
            hint="check the country codes or widen the date range",
        )
    try:
        with _DRAWING, tempfile.TemporaryDirectory() as tmp:
            path = trend_png(points, a, b, Path(tmp) / "trend.png")
            data = path.read_bytes()
    except ImportError as exc:
        raise ApiError(
            501, "drawing charts needs matplotlib", hint="pip install 'entente[analysis]'"
        ) from exc
    return Response(data, media_type="image/png", headers={"cache-control": "no-store"})


@router.get("/network", summary="Actor network")
def get_network(
    corpus: CorpusDep,
    since: str | None = None,
    until: str | None = None,
    modality: Annotated[list[str] | None, Query(description="Statuses counted (occurred).")] = None,
    min_events: Annotated[int, Query(ge=1, le=100_000)] = 1,
    max_edges: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> dict[str, Any]:
    """Countries as nodes, story-event counts between them as edges (cooperation vs conflict)."""
    return actor_network(
        corpus.engine,
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        statuses=check_modalities(modality or ["occurred"]),
        min_events=min_events,
        max_edges=max_edges,
    )

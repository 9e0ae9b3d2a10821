"""Server-rendered pages. Each view reads its state from the query string (so every page has a
shareable URL), calls the library and renders a Jinja2 template with autoescaping on."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from entente.api.errors import ApiError
from entente.api.params import (
    CorpusDep,
    check_date,
    check_modalities,
    check_roots,
    parse_dyad,
)
from entente.errors import NotFoundError
from entente.store.articles import ArticleFilter
from entente.stories.queries import (
    EventFilter,
    actor_network,
    latest_story_events,
    quotes_page,
    stored_analysis,
    story_counts,
    top_dyads,
)
from entente.stories.timeline import query_story_events, timeline
from entente.stories.trend import dyad_trend
from entente.web import TEMPLATES_DIR
from entente.web.format import actor_label, country_name, quad_label, safe_url, snippet_parts
from entente.web.highlight import marks_of, segments

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))  # autoescape on for .html
templates.env.filters.update(
    country=country_name, safe_url=safe_url, quad=quad_label, actor=actor_label
)
templates.env.globals.update(snippet_parts=snippet_parts)
TIMELINE_PAGE_LIMIT = 500
ARTICLES_PAGE = 50


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _problem(request: Request, status: int, message: str, hint: str | None = None) -> HTMLResponse:
    return _page(request, "error.html", status=status, message=message, hint=hint)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, corpus: CorpusDep) -> HTMLResponse:
    """Corpus size, latest story events, most active dyads."""
    return _page(
        request,
        "dashboard.html",
        stats=corpus.stats(),
        counts=story_counts(corpus.engine),
        latest=latest_story_events(corpus.engine, limit=12),
        dyads=top_dyads(corpus.engine, limit=10),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    corpus: CorpusDep,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    dyad: Annotated[str | None, Query(max_length=200)] = None,
    since: str | None = None,
    until: str | None = None,
    root: Annotated[list[str] | None, Query()] = None,
    modality: Annotated[list[str] | None, Query()] = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    """The zoomable timeline of an actor or dyad; ``entry=ID`` opens one entry's sources."""
    try:
        flt = EventFilter(
            actors=[actor] if actor else [],
            dyad=parse_dyad(dyad),
            roots=check_roots(root or []),
            modalities=check_modalities(modality or []),
            since=check_date(since, "since"),
            until=check_date(until, "until"),
            text=text or None,
            limit=TIMELINE_PAGE_LIMIT + 1,
        )
    except ApiError as exc:
        return _problem(request, exc.status, exc.message, exc.hint)
    asked = bool(flt.actors or flt.dyad)
    tl = timeline(corpus.engine, flt.timeline_query()) if asked else None
    data = tl.to_dict() if tl else {"entries": [], "undated": []}
    shown = len(data["entries"]) + len(data["undated"])
    title = (
        "Timeline: " + " – ".join(country_name(x) for x in flt.dyad)
        if flt.dyad
        else f"Timeline: {country_name(actor)}"
        if actor
        else "Timeline"
    )
    return _page(
        request,
        "timeline.html",
        title=title,
        data=data,
        asked=asked,
        truncated=shown > TIMELINE_PAGE_LIMIT,
        limit=TIMELINE_PAGE_LIMIT,
        form={
            "actor": actor or "",
            "dyad": dyad or "",
            "since": since or "",
            "until": until or "",
            "text": text or "",
        },
        dyads=top_dyads(corpus.engine, limit=8) if not asked else [],
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    corpus: CorpusDep,
    since: str | None = None,
    until: str | None = None,
    modality: Annotated[list[str] | None, Query()] = None,
    min_events: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Countries as nodes, story-event counts as edges coloured by cooperation and conflict."""
    try:
        statuses = check_modalities(modality or ["occurred"])
        net = actor_network(
            corpus.engine,
            since=check_date(since, "since"),
            until=check_date(until, "until"),
            statuses=statuses,
            min_events=min_events,
        )
    except ApiError as exc:
        return _problem(request, exc.status, exc.message, exc.hint)
    for node in net["nodes"]:
        node["name"] = country_name(node["id"])
    return _page(
        request,
        "network.html",
        network=net,
        form={
            "since": since or "",
            "until": until or "",
            "min_events": min_events,
            "modality": statuses,
        },
    )


@router.get("/trend", response_class=HTMLResponse)
def trend_page(
    request: Request,
    corpus: CorpusDep,
    a: Annotated[str | None, Query(max_length=3)] = None,
    b: Annotated[str | None, Query(max_length=3)] = None,
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    """The cooperation-conflict chart of a dyad by month, with its numbers."""
    points: list[Any] = []
    if a and b:
        try:
            points = dyad_trend(
                corpus.engine,
                a.upper(),
                b.upper(),
                since=check_date(since, "since"),
                until=check_date(until, "until"),
            )
        except ApiError as exc:
            return _problem(request, exc.status, exc.message, exc.hint)
    return _page(
        request,
        "trend.html",
        a=(a or "").upper(),
        b=(b or "").upper(),
        since=since or "",
        until=until or "",
        points=[p.to_dict() for p in points],
        dyads=top_dyads(corpus.engine, limit=8),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request, corpus: CorpusDep, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0
) -> HTMLResponse:
    """Articles in ingest order, a page at a time."""
    rows = corpus.articles(ArticleFilter(limit=ARTICLES_PAGE + 1, offset=offset))
    return _page(
        request,
        "articles.html",
        articles=rows[:ARTICLES_PAGE],
        offset=offset,
        next_offset=offset + ARTICLES_PAGE if len(rows) > ARTICLES_PAGE else None,
        prev_offset=max(0, offset - ARTICLES_PAGE) if offset else None,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, corpus: CorpusDep) -> HTMLResponse:
    """The cleaned text with entities, events, dates and quotes highlighted."""
    try:
        article = corpus.article(article_id)
    except NotFoundError as exc:
        return _problem(request, 404, exc.message, "see the article list")
    analysis = stored_analysis(corpus.engine, article_id)
    return _page(
        request,
        "article.html",
        article=article,
        analysis=analysis,
        segments=segments(article.text, marks_of(analysis)),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, corpus: CorpusDep, q: Annotated[str, Query(max_length=300)] = ""
) -> HTMLResponse:
    """Articles, story events and quotations matching words."""
    q = q.strip()
    hits = corpus.search(q, limit=30) if q else []
    events = (
        query_story_events(
            corpus.engine, EventFilter(text=q, limit=30).timeline_query(), with_sources=False
        )
        if q
        else []
    )
    said = quotes_page(corpus.engine, text=q, limit=20) if q else []
    return _page(request, "search.html", q=q, hits=hits, events=events, quotes=said)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI reference (Swagger UI, served from the package)."""
    return _page(request, "docs.html")


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon; answering 204 keeps browser consoles free of 404s."""
    return Response(status_code=204)

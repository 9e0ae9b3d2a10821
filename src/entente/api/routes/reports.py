"""Quotes, full-text search, briefings and corpus statistics."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from entente.api.errors import ApiError
from entente.api.params import CorpusDep, PageDep, check_date
from entente.stories.brief import build_brief, render_html, render_markdown
from entente.stories.queries import quotes_page, story_counts

router = APIRouter(prefix="/api", tags=["reports"])


@router.get("/quotes", summary="Quotations by speaker")
def list_quotes(
    corpus: CorpusDep,
    page: PageDep,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Part of the speaker's name.")
    ] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Z]{3}$", description="The speaker's ISO3 country.")
    ] = None,
    article: Annotated[str | None, Query(description="Only this article's quotations.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the quote.")] = None,
) -> dict[str, Any]:
    """Direct quotations with who said them, newest article first."""
    rows = quotes_page(
        corpus.engine,
        speaker=speaker,
        country=country,
        article_id=article,
        text=text,
        limit=page.limit + 1,
        offset=page.offset,
    )
    return page.wrap(rows)


@router.get("/search", summary="Full-text search")
def search(
    corpus: CorpusDep,
    q: Annotated[str, Query(min_length=1, max_length=300, description="Words to find.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Articles matching the words, best first, with a snippet."""
    return {"query": q, "items": [h.to_dict() for h in corpus.search(q, limit=limit)]}


@router.get("/brief", summary="Cited briefing", response_model=None)
def brief(
    corpus: CorpusDep,
    actor: Annotated[list[str], Query(description="One or two actors (ISO3 codes or names).")],
    since: str | None = None,
    until: str | None = None,
    format: Annotated[Literal["json", "html", "md"], Query()] = "json",
) -> dict[str, Any] | Response:
    """An extractive briefing whose every sentence cites the articles it comes from."""
    actors = [a.strip() for a in actor if a.strip()]
    if not 1 <= len(actors) <= 2:
        raise ApiError(
            422,
            "a briefing is about one actor or one pair",
            hint="pass actor=CHN or actor=CHN&actor=RUS",
        )
    result = build_brief(
        corpus.engine, actors, since=check_date(since, "since"), until=check_date(until, "until")
    )
    if format == "html":
        return HTMLResponse(render_html(result))
    if format == "md":
        return PlainTextResponse(render_markdown(result), media_type="text/markdown")
    return result.to_dict()


@router.get("/stats", summary="Corpus statistics")
def stats(corpus: CorpusDep) -> dict[str, Any]:
    """Article counts (languages, dates, outlets) and analysis counts."""
    return {**corpus.stats(), **story_counts(corpus.engine)}

"""Articles: list with filters, one article with its stored analysis."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from entente.api.params import CorpusDep, PageDep, check_date
from entente.store.articles import ArticleFilter
from entente.stories.queries import stored_analysis

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", summary="List articles")
def list_articles(
    corpus: CorpusDep,
    page: PageDep,
    language: Annotated[str | None, Query(max_length=16, description="e.g. en")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[
        str | None, Query(description="Published on or after (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[str | None, Query(description="Published on or before.")] = None,
    include_duplicates: Annotated[bool, Query(description="List near duplicates too.")] = True,
) -> dict[str, Any]:
    """Articles in ingest order, without their text (get one article for that)."""
    flt = ArticleFilter(
        language=language,
        outlet=outlet,
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        include_duplicates=include_duplicates,
        limit=page.limit + 1,
        offset=page.offset,
    )
    rows = [a.to_dict(with_text=False) for a in corpus.articles(flt)]
    return page.wrap(rows)


@router.get("/{article_id}", summary="One article with its analysis")
def get_article(
    article_id: str,
    corpus: CorpusDep,
    raw: Annotated[bool, Query(description="Include the raw input as received.")] = False,
) -> dict[str, Any]:
    """The cleaned text, metadata, cited sources and, when analysed, entities, events and quotes
    with character offsets into the text."""
    article = corpus.article(article_id)
    data = article.to_dict(with_text=True)
    if not raw:
        data.pop("raw", None)
    analysis = stored_analysis(corpus.engine, article_id)
    if analysis is not None:
        analysis.pop("doc", None)  # the article itself is already above
    data["analysis"] = analysis
    return data

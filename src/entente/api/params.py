"""Query-string parameters shared by routes and pages: filters, dates, pagination."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from entente.api.errors import ApiError
from entente.api.settings import ApiSettings
from entente.corpus import Corpus
from entente.stories.queries import EventFilter

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ROOT = re.compile(r"\d{1,2}")
MODALITIES = ("occurred", "planned", "negated", "hypothetical")


# The dependencies below only read the request and parse the query string, never block, so they
# are ``async def``: FastAPI runs plain ``def`` dependencies in its thread pool, and that hop cost
# more than the work itself under load.


def app_settings(request: Request) -> ApiSettings:
    """The app's settings (a plain function, for use outside dependency injection)."""
    settings: ApiSettings = request.app.state.settings
    return settings


async def settings_of(request: Request) -> ApiSettings:
    """The app's settings."""
    return app_settings(request)


async def corpus_of(request: Request) -> Corpus:
    """The app's corpus (one engine and connection pool per app)."""
    corpus: Corpus = request.app.state.corpus
    return corpus


CorpusDep = Annotated[Corpus, Depends(corpus_of)]
SettingsDep = Annotated[ApiSettings, Depends(settings_of)]


def check_date(value: str | None, name: str) -> str | None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; a partial ``until`` date means the end of its period.

    Dates are compared as ISO strings, so "until=2023-03" becomes 2023-03-31 (no real day sorts
    after it within March) and "since=2023" becomes 2023-01-01.
    """
    if value is None or value == "":
        return None
    value = value.strip()
    if not _DATE.fullmatch(value):
        raise ApiError(
            422, f"{name} {value!r} is not a date", hint="write it as YYYY-MM-DD, YYYY-MM or YYYY"
        )
    pad = {4: ("-12-31", "-01-01"), 7: ("-31", "-01")}.get(len(value), ("", ""))
    return value + (pad[0] if name == "until" else pad[1])


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """``CHN,RUS`` (or ``CHN-RUS`` for two country codes) -> ("CHN", "RUS")."""
    if not value:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 1 and re.fullmatch(r"[A-Z]{3}-[A-Z]{3}", value.strip()):
        parts = value.strip().split("-")
    if len(parts) != 2 or not all(parts):
        raise ApiError(
            422,
            f"dyad {value!r} must name two actors",
            hint="separate them with a comma, e.g. dyad=CHN,RUS",
        )
    return parts[0], parts[1]


def check_roots(values: Sequence[str]) -> list[str]:
    """CAMEO root codes 01-20."""
    out = []
    for v in values:
        if not _ROOT.fullmatch(v.strip()) or not 1 <= int(v) <= 20:
            raise ApiError(
                422,
                f"root {v!r} is not a CAMEO root code",
                hint="CAMEO roots are 01 to 20, e.g. root=04",
            )
        out.append(v.strip().zfill(2))
    return out


def check_modalities(values: Sequence[str]) -> list[str]:
    """Modalities (story-event statuses)."""
    bad = [v for v in values if v not in MODALITIES]
    if bad:
        raise ApiError(
            422, f"modality {bad[0]!r} is not known", hint="use one of " + ", ".join(MODALITIES)
        )
    return list(values)


def check_quad_classes(values: Sequence[int]) -> list[int]:
    """QuadClasses 1-4."""
    bad = [v for v in values if not 1 <= v <= 4]
    if bad:
        raise ApiError(
            422,
            f"quad_class {bad[0]} is not 1, 2, 3 or 4",
            hint="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
            "4 material conflict",
        )
    return list(values)


@dataclass
class Page:
    """A limit and offset, checked against the app's maximum page size."""

    limit: int
    offset: int

    def wrap(self, rows: list[Any], key: str = "items", **extra: Any) -> dict[str, Any]:
        """The response for rows fetched with ``limit + 1``: the page and where the next starts."""
        more = len(rows) > self.limit
        return {
            key: rows[: self.limit],
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.offset + self.limit if more else None,
            **extra,
        }


async def page_params(
    request: Request,
    limit: Annotated[int | None, Query(ge=1, description="Rows per page.")] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")] = 0,
) -> Page:
    """Pagination from the query string; ``limit`` above the maximum is refused, not clipped."""
    settings = app_settings(request)
    if limit is None:
        limit = settings.default_page_size
    if limit > settings.max_page_size:
        raise ApiError(
            422,
            f"limit {limit} is above the maximum page size {settings.max_page_size}",
            hint="page through with offset and next_offset",
        )
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page_params)]


async def event_filter(
    actor: Annotated[
        list[str] | None,
        Query(
            description="ISO3 country, CAMEO actor code (RUSGOV) or part of a name; repeatable, "
            "all must match."
        ),
    ] = None,
    dyad: Annotated[str | None, Query(description="Two actors, either direction: CHN,RUS")] = None,
    root: Annotated[list[str] | None, Query(description="CAMEO root code(s), e.g. 04.")] = None,
    quad_class: Annotated[
        list[int] | None,
        Query(
            description="QuadClass: 1 verbal cooperation, 2 material cooperation, "
            "3 verbal conflict, 4 material conflict."
        ),
    ] = None,
    modality: Annotated[
        list[str] | None, Query(description="occurred, planned, negated or hypothetical.")
    ] = None,
    since: Annotated[str | None, Query(description="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="Up to this date (YYYY[-MM[-DD]]).")] = None,
    text: Annotated[
        str | None, Query(max_length=200, description="Words in the evidence or summary.")
    ] = None,
) -> EventFilter:
    """The event filters of the query string."""
    return EventFilter(
        actors=[a for a in actor or [] if a.strip()],
        dyad=parse_dyad(dyad),
        roots=check_roots(root or []),
        quad_classes=check_quad_classes(quad_class or []),
        modalities=check_modalities(modality or []),
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        text=text or None,
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]

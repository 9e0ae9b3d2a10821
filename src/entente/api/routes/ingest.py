"""The one write endpoint: ``POST /api/ingest``, allowed only with the configured bearer token."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, model_validator

from entente.api.errors import ApiError
from entente.api.params import CorpusDep, SettingsDep, app_settings
from entente.config import IngestOptions, parse_date_option
from entente.errors import EntenteError
from entente.ingest.sources import (
    apply_overrides,
    html_document,
    is_url,
    iter_inputs,
    text_document,
)
from entente.models import IngestFailure, RawDocument

router = APIRouter(prefix="/api", tags=["ingest"])


class IngestDocument(BaseModel):
    """One document: exactly one of ``text``, ``html`` or ``url`` (fetched by the server)."""

    text: str | None = Field(None, description="Plain text of an article.")
    html: str | None = Field(None, description="An article's HTML page.")
    url: str | None = Field(None, description="An http(s) URL to fetch (public addresses only).")
    source_url: str | None = Field(
        None, max_length=2000, description="Where a text or HTML document came from."
    )
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _one_content(self) -> IngestDocument:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class IngestRequest(BaseModel):
    """Documents to ingest, and whether to analyse them straight away."""

    documents: list[IngestDocument] = Field(min_length=1)
    analyse: bool = Field(False, description="Run the NLP analysis on the new articles.")


def require_token(request: Request) -> None:
    """Refuse writes when no token is configured (403) or the request lacks it (401)."""
    token = app_settings(request).token
    if not token:
        raise ApiError(
            403,
            "this server is read-only: no ENTENTE_API_TOKEN is configured",
            hint="start `entente serve` with ENTENTE_API_TOKEN set to enable writes",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise ApiError(
            401,
            "missing or wrong bearer token",
            hint="send the header Authorization: Bearer <ENTENTE_API_TOKEN>",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _documents(
    doc: IngestDocument, n: int, options: IngestOptions
) -> list[RawDocument | IngestFailure]:
    label = f"documents[{n}]"
    if doc.url is not None:
        if not is_url(doc.url):
            return [IngestFailure(label, "url must start with http:// or https://")]
        # iter_inputs fetches with the private-address guard on (options.allow_private is False)
        return list(iter_inputs([doc.url], options))
    try:
        if doc.html is not None:
            raw = html_document(doc.html, path=None, url=doc.source_url, label=label)
        else:
            raw = text_document(doc.text or "", path=None, url=doc.source_url, label=label)
    except EntenteError as exc:  # one bad document fails alone, as in a CLI batch
        return [IngestFailure(label, exc.message)]
    raw.extra["label"] = label
    return [raw]


@router.post(
    "/ingest", summary="Ingest documents (needs the token)", dependencies=[Depends(require_token)]
)
def ingest(body: IngestRequest, corpus: CorpusDep, settings: SettingsDep) -> dict[str, Any]:
    """Clean, date, deduplicate and store documents; optionally analyse them.

    Needs ``Authorization: Bearer <token>`` where the server runs with ``ENTENTE_API_TOKEN``;
    without that variable the API is read-only and this endpoint answers 403.
    """
    if len(body.documents) > settings.max_ingest_documents:
        raise ApiError(
            413,
            f"at most {settings.max_ingest_documents} documents per request",
            hint="split the batch",
        )
    outcomes = []
    for n, doc in enumerate(body.documents):
        options = IngestOptions(
            published=parse_date_option(doc.published, option="published")
            if doc.published
            else None,
            outlet=doc.outlet,
        )
        for item in _documents(doc, n, options):
            if isinstance(item, RawDocument):
                if doc.url is None:
                    item = apply_overrides(item, options)
                if doc.title:
                    item.title = doc.title
            outcomes.append(corpus.add(item, options))
    result: dict[str, Any] = {"outcomes": [o.to_dict() for o in outcomes]}
    new_ids = [o.id for o in outcomes if o.status == "ingested" and o.id]
    if body.analyse and new_ids:
        report = corpus.analyse(new_ids, analyzer=settings.analyzer)
        result["analysis"] = report.to_dict()
    return result

"""JSON and JSON Lines records: one article per object, with its metadata beside the text.

Field names vary between exporters (scrapers, news APIs, spreadsheets saved as JSON), so each
RawDocument field is read from the first of several common names that is present.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from entente.errors import InputError
from entente.ingest.html import extract_html
from entente.models import IngestFailure, RawDocument

TEXT_FIELDS = ("text", "content", "body", "article", "full_text", "maintext")
HTML_FIELDS = ("html", "raw_html", "content_html", "body_html")
TITLE_FIELDS = ("title", "headline", "name")
URL_FIELDS = ("url", "link", "uri", "source_url")
PUBLISHED_FIELDS = (
    "published",
    "date",
    "published_at",
    "publishedAt",
    "published_date",
    "publish_date",
    "datePublished",
    "pubDate",
    "date_publish",
)
OUTLET_FIELDS = ("outlet", "source", "sitename", "site_name", "publisher", "source_name")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
LANGUAGE_FIELDS = ("language", "lang")
# A top-level object wrapping the record list, as news APIs and exporters often return.
WRAPPER_FIELDS = ("articles", "items", "records", "documents", "data", "results")


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str | None:
    """A scalar, a list of names or a ``{"name": ...}`` object as one string."""
    if value is None:
        return None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title") or value.get("id"))
    if isinstance(value, list):
        parts = [part for part in (_as_text(item) for item in value) if part]
        return "; ".join(parts) or None
    text = str(value).strip()
    return text or None


def record_to_document(record: Any, *, path: str | None = None, label: str) -> RawDocument:
    """Turn one JSON object into a RawDocument.

    Args:
        record: the decoded JSON value (must be an object).
        path: the file the record came from, if any.
        label: where the record is (``file.jsonl:3``), kept in ``extra["label"]``.

    Returns:
        The document. HTML records are extracted (``extra["extracted_text"]``) and record metadata
        overrides what the HTML says.

    Raises:
        InputError: not an object, no text, or HTML that yields no text.
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    text = _first(record, TEXT_FIELDS)
    html = _first(record, HTML_FIELDS)
    if text is not None and not isinstance(text, str):
        raise InputError(f"the text field is a {type(text).__name__}, not a string")
    if html is not None and not isinstance(html, str):
        raise InputError(f"the html field is a {type(html).__name__}, not a string")
    if not (text and text.strip()) and not (html and html.strip()):
        raise InputError(
            "the record has no text",
            hint="add a 'text' field (or 'content', 'body', 'html')",
        )
    url = _as_text(_first(record, URL_FIELDS))
    published = _as_text(_first(record, PUBLISHED_FIELDS))
    extra: dict[str, Any] = {"label": label}
    if published:
        extra["published_source"] = "metadata"
    if record.get("id") is not None:
        extra["record_id"] = record["id"]
    document = RawDocument(
        content=text or "",
        content_type="text",
        path=path,
        url=url,
        title=_as_text(_first(record, TITLE_FIELDS)),
        outlet=_as_text(_first(record, OUTLET_FIELDS)),
        author=_as_text(_first(record, AUTHOR_FIELDS)),
        published=published,
        language=_as_text(_first(record, LANGUAGE_FIELDS)),
        extra=extra,
    )
    if html and not (text and text.strip()):
        _fill_from_html(document, html)
    return document


def _fill_from_html(document: RawDocument, html: str) -> None:
    """Make an HTML record's document: extracted text, metadata the record did not give."""
    extracted = extract_html(html, url=document.url)
    document.content = html
    document.content_type = "html"
    document.extra["extracted_text"] = extracted.text
    document.title = document.title or extracted.title
    document.outlet = document.outlet or extracted.outlet
    document.author = document.author or extracted.author
    document.url = document.url or extracted.url
    document.language = document.language or extracted.language
    if not document.published and extracted.date:
        document.published = extracted.date
        document.extra["published_source"] = "metadata"


def _unwrap(value: Any) -> Any:
    """``{"articles": [...]}`` -> the list; anything else unchanged."""
    if isinstance(value, dict) and not _first(value, TEXT_FIELDS + HTML_FIELDS):
        for name in WRAPPER_FIELDS:
            if isinstance(value.get(name), list):
                return value[name]
    return value


def iter_json(text: str, *, path: str | None, label: str) -> Iterator[RawDocument | IngestFailure]:
    """Read a JSON document holding one record or a list of records.

    A record that cannot be used yields an IngestFailure labelled ``label[index]``; the rest go on.

    Raises:
        InputError: the whole text is not valid JSON.
    """
    try:
        value = _unwrap(json.loads(text))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc}", hint="give an object or a list") from exc
    if not isinstance(value, list):
        yield _one(value, path=path, label=label)
        return
    if not value:
        raise InputError("the JSON list is empty", hint="nothing to ingest")
    for index, record in enumerate(value):
        yield _one(record, path=path, label=f"{label}[{index}]", index=index)


def iter_jsonl(text: str, *, path: str | None, label: str) -> Iterator[RawDocument | IngestFailure]:
    """Read JSON Lines: one record per non-blank line; a bad line yields ``label:LINE`` failure."""
    seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{label}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestFailure(where, f"not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _one(record, path=path, label=where, index=number)
    if not seen:
        raise InputError("the JSON Lines file has no records", hint="nothing to ingest")


def _one(
    record: Any, *, path: str | None, label: str, index: int | None = None
) -> RawDocument | IngestFailure:
    try:
        document = record_to_document(record, path=path, label=label)
    except InputError as exc:
        return IngestFailure(label, exc.message + (f" ({exc.hint})" if exc.hint else ""))
    if index is not None:
        document.extra["record_index"] = index
    return document


def looks_like_jsonl(text: str) -> bool:
    """True when the text's first two non-blank lines each hold a complete JSON object."""
    lines = [line for line in text.splitlines()[:50] if line.strip()][:2]
    if len(lines) < 2:
        return False
    for line in lines:
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except json.JSONDecodeError:
            return False
    return True

"""RSS and Atom feeds, with feedparser: every item becomes an article.

An item's link is fetched and extracted like any HTML page; the item's own title, date and author
are kept as metadata, since the feed states them explicitly. When the page cannot be fetched, the
item's content or summary stands in for it if it is long enough to be the article itself.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.html

from entente.errors import InputError
from entente.ingest.fetch import FetchedResource
from entente.ingest.html import extract_html
from entente.models import IngestFailure, RawDocument

Fetcher = Callable[[str], FetchedResource]
"""Fetches one item link (sources.py passes one bound to the batch's client and options)."""

MIN_SUMMARY_WORDS = 100
"""A feed text this long is taken as the article; shorter ones are teasers."""

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
_XML_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']")


def looks_like_feed(text: str) -> bool:
    """True when the text's root element is an RSS, Atom or RDF (RSS 1.0) feed."""
    head = text.lstrip()[:4096]
    match = _FEED_ROOT.search(head)
    if not match:
        return False
    # the feed element must be the document's first element, not something inside a page
    before = head[: match.start()]
    return "<html" not in before.lower() and "<body" not in before.lower()


def feed_date(entry: Any) -> tuple[str | None, str | None]:
    """An item's publication date as (ISO ``YYYY-MM-DD``, the string the feed gave).

    The date is read in the feed's own time zone (a post at 23:30 -05:00 stays on its local day);
    ``updated`` stands in for ``published`` because Atom requires only the former.
    """
    raw = entry.get("published") or entry.get("updated") or entry.get("created")
    if not raw:
        return None, None
    for parse in (parsedate_to_datetime, datetime.fromisoformat):
        try:
            return parse(raw).date().isoformat(), raw
        except (TypeError, ValueError, IndexError):
            continue
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}", raw
    return None, raw


def _entry_body(entry: Any) -> tuple[str, bool] | None:
    """The longest text the feed gives for an item, and whether it is HTML."""
    candidates: list[tuple[str, str]] = [
        (part.get("value") or "", part.get("type") or "") for part in entry.get("content") or []
    ]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    candidates = [(value, kind) for value, kind in candidates if value.strip()]
    if not candidates:
        return None
    value, _kind = max(candidates, key=lambda item: len(item[0]))
    # feedparser labels most summaries text/html whether or not they hold markup
    return value, bool(_TAG.search(value))


def _entry_metadata(entry: Any, feed_title: str | None, label: str) -> RawDocument:
    published, raw_date = feed_date(entry)
    extra: dict[str, Any] = {"label": label, "feed": label}
    if feed_title:
        extra["feed_title"] = feed_title
    if published:
        extra["published_source"] = "metadata"
    if raw_date:
        extra["published_raw"] = raw_date
    return RawDocument(
        content="",
        url=entry.get("link") or None,
        title=(entry.get("title") or "").strip() or None,
        author=(entry.get("author") or "").strip() or None,
        published=published,
        outlet=feed_title,
        extra=extra,
    )


def _from_page(document: RawDocument, resource: FetchedResource) -> RawDocument:
    """Fill an item's document from its fetched page; the item's own metadata wins."""
    text = resource.text()
    document.url = resource.url
    if resource.kind == "text":
        document.content, document.content_type = text, "text"
        return document
    if resource.kind not in ("html", "xml", None):
        raise InputError(f"the item link is {resource.media_type}, not a web page")
    extracted = extract_html(text, url=resource.url)
    document.content, document.content_type = text, "html"
    document.extra["extracted_text"] = extracted.text
    document.title = document.title or extracted.title
    document.author = document.author or extracted.author
    # the page's site name is a better outlet than the feed's title ("Example News - World")
    document.outlet = extracted.outlet or document.outlet
    document.language = extracted.language
    if extracted.url and extracted.url != resource.url:
        document.extra["canonical_url"] = extracted.url
    if not document.published and extracted.date:
        document.published = extracted.date
        document.extra["published_source"] = "metadata"
    return document


def _from_feed_text(document: RawDocument, entry: Any) -> RawDocument | None:
    """Fill an item's document from the feed's own text, or None when that is only a teaser."""
    body = _entry_body(entry)
    if body is None:
        return None
    value, is_html = body
    if is_html:
        try:
            text = extract_html(value, url=document.url).text
        except InputError:
            # too small or odd for trafilatura: the fragment's plain text will do
            text = lxml.html.fromstring(value).text_content().strip()
    else:
        text = value.strip()
    if len(text.split()) < MIN_SUMMARY_WORDS:
        return None
    document.content = value if is_html else text
    document.content_type = "html" if is_html else "text"
    if is_html:
        document.extra["extracted_text"] = text
    document.extra["from_feed_text"] = True
    return document


def iter_feed(
    content: bytes | str,
    *,
    label: str,
    fetcher: Fetcher | None = None,
    base_url: str | None = None,
) -> Iterator[RawDocument | IngestFailure]:
    """Turn each item of an RSS/Atom feed into a RawDocument.

    Args:
        content: the feed's bytes or text.
        label: where the feed came from (path or URL), for messages.
        fetcher: fetches an item's link; None means do not fetch and use the feed's own text.
        base_url: the feed's URL, to resolve relative item links.

    Yields:
        One document per usable item, an IngestFailure (``label#N``) for the others.

    Raises:
        InputError: the content is not a feed or holds no items.
    """
    if isinstance(content, str):
        # the text is already decoded: an encoding declaration would now be a lie
        content = _XML_ENCODING.sub(r"\1", content, count=1).encode("utf-8")
    data = content
    headers = {"content-location": base_url} if base_url else None
    # a stream, never a string: feedparser fetches strings that look like URLs or paths
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({problem})" if parsed.get("bozo") and problem else ""
        raise InputError(f"no items found in the feed{reason}", hint="is it an RSS or Atom feed?")
    feed_title = (parsed.get("feed", {}).get("title") or "").strip() or None
    # a feed read from a file has no URL of its own: its <link> is the next best base
    base = base_url or parsed.get("feed", {}).get("link") or ""
    for number, entry in enumerate(entries, start=1):
        where = f"{label}#{number}"
        yield _item(entry, feed_title, label, where, fetcher, base)


def _item(
    entry: Any,
    feed_title: str | None,
    label: str,
    where: str,
    fetcher: Fetcher | None,
    base: str,
) -> RawDocument | IngestFailure:
    document = _entry_metadata(entry, feed_title, label)
    document.extra["label"] = where
    if document.url and base:
        document.url = urljoin(base, document.url)
    problem = "the item has no link to fetch"
    if fetcher is not None and document.url:
        try:
            return _from_page(document, fetcher(document.url))
        except InputError as exc:  # FetchError included
            problem = exc.message
    elif fetcher is None:
        problem = "fetching feed items is switched off"
    stand_in = _from_feed_text(document, entry)
    if stand_in is not None:
        stand_in.extra["fetch_problem"] = problem
        return stand_in
    return IngestFailure(
        where,
        f"{problem}, and the feed's own text for it is too short to stand in for the article",
    )

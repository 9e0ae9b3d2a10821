"""RawDocument -> Article: clean, detect language, hash, date. Pure: no database.

This is the ingest stage contract; storage and duplicate linking happen in :mod:`entente.corpus`.
"""

from __future__ import annotations

import re
from pathlib import Path

from entente.config import IngestOptions
from entente.dating.publication import infer_publication_date
from entente.errors import InputError
from entente.ingest.clean import clean_text
from entente.ingest.dedup import content_hash
from entente.ingest.language import detect_language
from entente.models import Article, RawDocument

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_EXTENSIONS = re.compile(
    r"(\.(txt|text|md|html?|json|jsonl|ndjson|xml|rss|atom|warc))+(\.gz)?$", re.IGNORECASE
)


def article_id(raw: RawDocument, digest: str) -> str:
    """A readable, stable id: a record's own id, else the file name, else a content hash prefix."""
    given = raw.extra.get("record_id") or raw.extra.get("id")
    if given:
        return _ID_UNSAFE.sub("-", str(given)).strip("-")[:150] or digest[:16]
    if raw.path and raw.path != "-":
        stem = _EXTENSIONS.sub("", Path(raw.path).name)
        stem = _ID_UNSAFE.sub("-", stem).strip("-")[:120]
        index = raw.extra.get("record_index")
        if stem:
            return f"{stem}-{index}" if index is not None else stem
    return digest[:16]


def _text_of(raw: RawDocument) -> str:
    if raw.content_type == "html":
        extracted = raw.extra.get("extracted_text")
        if extracted is None:
            from entente.ingest.html import extract_html

            result = extract_html(raw.content, raw.url)
            extracted = result.text
            raw.title = raw.title or result.title
            raw.author = raw.author or result.author
            raw.outlet = raw.outlet or result.outlet
            if result.date and not raw.published:
                raw.published = result.date
                raw.extra["published_source"] = "metadata"
        return str(extracted)
    return raw.content


def prepare_article(raw: RawDocument, options: IngestOptions | None = None) -> Article:
    """Turn one raw input into a cleaned, dated article ready to store or analyse.

    Args:
        raw: what a source yielded.
        options: batch options (``published``/``outlet``/``url`` given by hand override the source).

    Returns:
        The article (``duplicate_of`` is left for the caller to decide).

    Raises:
        InputError: nothing readable is left after cleaning.
    """
    options = options or IngestOptions()
    cleaned = clean_text(_text_of(raw))
    if not cleaned.text.strip():
        raise InputError(
            f"{raw.label}: no article text left after cleaning",
            hint="is this a navigation page or an empty document?",
        )
    language, confidence = detect_language(cleaned.text)
    if raw.language and not language:
        language, confidence = raw.language, 1.0
    digest = content_hash(cleaned.text)
    given = options.published
    if not given and raw.extra.get("published_source") == "given":
        given = raw.published
    metadata_date = None if given else raw.published
    title = raw.title or cleaned.title
    published = infer_publication_date(
        cleaned.text,
        given=given,
        metadata_date=metadata_date,
        cited_sources=cleaned.cited_sources,
        title=title,
    )
    authors = list(cleaned.authors)
    if raw.author and raw.author not in authors:
        authors.insert(0, raw.author)
    meta = {k: v for k, v in raw.extra.items() if k not in {"extracted_text", "record_id", "id"}}
    if cleaned.byline:
        meta["byline"] = cleaned.byline
    return Article(
        id=article_id(raw, digest),
        text=cleaned.text,
        raw=raw.content,
        content_hash=digest,
        title=title,
        path=raw.path,
        url=options.url or raw.url,
        outlet=options.outlet or raw.outlet,
        authors=authors,
        language=language,
        language_confidence=confidence,
        published=published,
        cited_sources=list(cleaned.cited_sources),
        removed=list(cleaned.removed),
        meta=meta,
    )

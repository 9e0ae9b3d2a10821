"""WARC web archives, with warcio: each archived HTML or text page becomes an article.

Only ``response`` records with HTTP status 200 and a page-like content type are read; requests,
metadata, redirects and images in the same archive are skipped silently. The WARC-Date is when the
page was crawled, which only bounds the publication date from above, so it goes to
``extra["crawl_date"]`` and never to ``published``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from entente.errors import InputError
from entente.ingest.fetch import classify_media_type, decode_bytes, parse_content_type
from entente.ingest.html import extract_html
from entente.models import IngestFailure, RawDocument

WARC_MAGIC = b"WARC/"


def _media_type(record: Any) -> tuple[str, str | None]:
    return parse_content_type(record.http_headers.get_header("Content-Type"))


def _is_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    media_type, _ = _media_type(record)
    return classify_media_type(media_type) in ("html", "text")


def _document(record: Any, *, path: str | None, max_bytes: int) -> RawDocument:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    media_type, charset = _media_type(record)
    # content_stream undoes chunked transfer and gzip/deflate content encoding
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise InputError(f"the archived page is larger than the {max_bytes:,}-byte limit")
    text = decode_bytes(payload, declared=charset)
    extra: dict[str, Any] = {"label": uri or path}
    crawl_date = record.rec_headers.get_header("WARC-Date")
    if crawl_date:
        extra["crawl_date"] = crawl_date
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    if record_id:
        extra["warc_record_id"] = record_id
    document = RawDocument(content=text, content_type="text", path=path, url=uri, extra=extra)
    if classify_media_type(media_type) != "html":
        return document
    extracted = extract_html(text, url=uri)
    document.content_type = "html"
    document.extra["extracted_text"] = extracted.text
    document.title = extracted.title
    document.author = extracted.author
    document.outlet = extracted.outlet
    document.language = extracted.language
    if extracted.url and extracted.url != uri:
        document.extra["canonical_url"] = extracted.url
    if extracted.date:
        document.published = extracted.date
        document.extra["published_source"] = "metadata"
    return document


def iter_warc(
    stream: IO[bytes], *, path: str | None, label: str, max_bytes: int = 10_000_000
) -> Iterator[RawDocument | IngestFailure]:
    """Turn each archived 200 HTML/text response of a WARC (plain or gzipped) into a RawDocument.

    Args:
        stream: the open WARC file, in binary mode.
        path: the file's path as given, recorded on each document.
        label: the file's name for messages.
        max_bytes: archived pages larger than this are refused.

    Yields:
        One document per page; an IngestFailure (``label#URI``) for a page that cannot be read,
        and one for the archive itself when it turns out to be corrupt part-way.
    """
    pages = 0
    try:
        for record in ArchiveIterator(stream):
            if not _is_page(record):
                continue
            pages += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {pages}"
            try:
                yield _document(record, path=path, max_bytes=max_bytes)
            except InputError as exc:
                reason = exc.message + (f" ({exc.hint})" if exc.hint else "")
                yield IngestFailure(f"{label}#{uri}", reason)
    except ArchiveLoadFailed as exc:
        yield IngestFailure(label, f"not a readable WARC file: {exc}")
        return
    if pages == 0:
        yield IngestFailure(label, "the WARC file holds no HTML or text responses with status 200")

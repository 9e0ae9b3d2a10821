"""Every kind of input read into RawDocuments: files, directories, URLs, feeds, WARC, JSON, stdin.

:func:`iter_inputs` is the one entry point. It never raises for a single bad input: an input that
cannot be read yields an :class:`~entente.models.IngestFailure` and the batch goes on.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Literal, TextIO

import httpx

from entente.config import IngestOptions
from entente.errors import EntenteError, InputError
from entente.ingest.feeds import Fetcher, iter_feed, looks_like_feed
from entente.ingest.fetch import FetchedResource, Resolver, binary_reason, decode_bytes, fetch
from entente.ingest.html import extract_html
from entente.ingest.records import iter_json, iter_jsonl, looks_like_jsonl
from entente.ingest.warc import WARC_MAGIC, iter_warc
from entente.models import IngestFailure, RawDocument

InputKind = Literal["text", "html", "json", "jsonl", "feed", "warc", "xml"]
Item = RawDocument | IngestFailure

STDIN = "-"
STDIN_LABEL = "<stdin>"

EXTENSION_KINDS: dict[str, InputKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".xml": "xml",
    ".rss": "feed",
    ".atom": "feed",
}

# A headline is short; longer first lines are the start of the body.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
TITLE_MIN_WORDS = 3
_TITLE_BAD_ENDINGS = (".", ",", ";", ":", "-", "–", "—")
_BULLETS = ("•", "·", "-", "*", "–", "—", ">")
_CLOSING_QUOTES = "\"'”’»)]"

_HTML_START = re.compile(r"^(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_ELEMENT = re.compile(r"<(p|div|article|section|h1|h2|title|meta|span|br)\b[^>]*>", re.I)
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def is_url(value: str) -> bool:
    """True for an http(s) URL."""
    return value.lower().startswith(("http://", "https://"))


def kind_from_name(name: str) -> InputKind | None:
    """The input kind a file name's extension names, None when it names none."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return EXTENSION_KINDS.get(os.path.splitext(lower)[1])


def sniff_kind(text: str) -> InputKind:
    """Guess the kind of decoded content: JSON, JSON Lines, a feed, HTML, else text."""
    head = text.lstrip()[:4096]
    if head.startswith(("{", "[")):
        if looks_like_jsonl(text):
            return "jsonl"
        try:
            json.loads(text)
        except json.JSONDecodeError:
            return "text"  # prose can start with a bracket ("[Updated] ...")
        return "json"
    if head.startswith("<"):
        if looks_like_feed(head):
            return "feed"
        if _HTML_START.match(head) or _HTML_ELEMENT.search(head):
            return "html"
        if head.startswith("<?xml"):
            return "xml"
    elif _HTML_START.match(head):
        return "html"
    return "text"


def guess_title(text: str) -> str | None:
    """The first non-empty line when it looks like a headline, else None.

    A headline is short, has a few words, does not end like a sentence or a dateline, and is
    followed by a blank line or by a longer line (the body). A lone line is never a title.
    """
    lines = text.splitlines()
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return None
    first = lines[index].strip()
    if first.startswith("#"):  # Markdown heading
        first = first.lstrip("#").strip()
    rest = [line.strip() for line in lines[index + 1 :] if line.strip()]
    if not first or not rest or first.startswith(_BULLETS):
        return None
    words = first.split()
    if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS or len(first) > TITLE_MAX_CHARS:
        return None
    if first.rstrip(_CLOSING_QUOTES).endswith(_TITLE_BAD_ENDINGS) or first.endswith("..."):
        return None
    if not any(char.isalpha() for char in first):
        return None
    blank_follows = index + 1 < len(lines) and not lines[index + 1].strip()
    return first if blank_follows or len(rest[0]) > len(first) else None


def text_document(text: str, *, path: str | None, url: str | None, label: str) -> RawDocument:
    """A plain-text input: the whole text as content, a title when the first line is a headline."""
    if not text.strip():
        raise InputError("the input is empty", hint="nothing to ingest")
    return RawDocument(
        content=text,
        content_type="text",
        path=path,
        url=url,
        title=guess_title(text),
        extra={"label": label},
    )


def html_document(html: str, *, path: str | None, url: str | None, label: str) -> RawDocument:
    """An HTML input: raw markup as content, trafilatura's text in ``extra["extracted_text"]``."""
    extracted = extract_html(html, url=url)
    extra: dict[str, object] = {"label": label, "extracted_text": extracted.text}
    if extracted.date:
        extra["published_source"] = "metadata"
    if url and extracted.url and extracted.url != url:
        extra["canonical_url"] = extracted.url
    return RawDocument(
        content=html,
        content_type="html",
        path=path,
        url=url or extracted.url,
        title=extracted.title,
        outlet=extracted.outlet,
        author=extracted.author,
        published=extracted.date,
        language=extracted.language,
        extra=extra,
    )


def _reason(exc: EntenteError) -> str:
    return exc.message + (f" ({exc.hint})" if exc.hint else "")


def _guarded(label: str, produce: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one input's reader, turning any error into an IngestFailure for that input."""
    try:
        yield from produce()
    except EntenteError as exc:
        yield IngestFailure(label, _reason(exc))
    except (OSError, EOFError) as exc:
        yield IngestFailure(label, f"could not read it: {exc}")
    except Exception as exc:  # a library bug on one odd input must not end the whole batch
        yield IngestFailure(label, f"unexpected {exc.__class__.__name__}: {exc}")


class _Batch:
    """State shared by the inputs of one call: options, and an HTTP client opened on first use."""

    def __init__(
        self, options: IngestOptions, client: httpx.Client | None, resolver: Resolver | None
    ) -> None:
        self.options = options
        self.resolver = resolver
        self._client = client
        self._own_client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._own_client = httpx.Client(timeout=self.options.timeout, follow_redirects=False)
            self._client = self._own_client
        return self._client

    def close(self) -> None:
        if self._own_client is not None:
            self._own_client.close()

    def fetch(self, url: str) -> FetchedResource:
        return fetch(url, self.options, self.client, resolver=self.resolver)

    @property
    def feed_fetcher(self) -> Fetcher | None:
        return self.fetch if self.options.fetch_feed_items else None

    def documents(
        self,
        kind: InputKind,
        data: bytes,
        text: str,
        *,
        path: str | None,
        url: str | None,
        label: str,
    ) -> Iterator[Item]:
        """Documents from one input's content, once its kind is known."""
        if kind == "xml":
            if not looks_like_feed(text):
                raise InputError("XML that is not an RSS or Atom feed", hint="nothing to ingest")
            kind = "feed"
        if kind == "text":
            yield text_document(text, path=path, url=url, label=label)
        elif kind == "html":
            yield html_document(text, path=path, url=url, label=label)
        elif kind == "json":
            yield from iter_json(text, path=path, label=label)
        elif kind == "jsonl":
            yield from iter_jsonl(text, path=path, label=label)
        elif kind == "feed":
            # bytes, so that feedparser honours the feed's own encoding declaration
            yield from iter_feed(data, label=label, fetcher=self.feed_fetcher, base_url=url)
        else:
            raise InputError(f"cannot read {kind} content here")

    def read_file(self, path: Path, given: str) -> Iterator[Item]:
        kind = kind_from_name(path.name)
        if kind is None:
            kind = _sniff_file(path)
        if kind == "warc":
            with path.open("rb") as stream:
                yield from iter_warc(
                    stream, path=given, label=given, max_bytes=self.options.max_bytes
                )
            return
        data = path.read_bytes()
        single = kind in ("text", "html", None)
        if single and len(data) > self.options.max_bytes:
            raise InputError(
                f"the file is larger than the {self.options.max_bytes:,}-byte limit",
                hint="raise max_bytes (--max-bytes) if this really is one article",
            )
        text = decode_bytes(data, declared=_declared_charset(data))
        yield from self.documents(
            kind or sniff_kind(text), data, text, path=given, url=None, label=given
        )

    def read_directory(self, root: Path, given: str) -> Iterator[Item]:
        files = list(iter_directory(root, self.options.glob))
        if not files:
            yield IngestFailure(given, f"no files matching {self.options.glob!r} in the directory")
        for file in files:
            label = os.path.join(given, os.path.relpath(file, root))
            yield from _guarded(label, partial(self.read_file, file, label))

    def read_path(self, given: str) -> Iterator[Item]:
        path = Path(given).expanduser()
        if path.is_dir():
            yield from self.read_directory(path, given)
        elif path.is_file():
            yield from _guarded(given, partial(self.read_file, path, given))
        elif path.exists():
            yield IngestFailure(given, "not a regular file or directory")
        else:
            yield IngestFailure(given, "no such file or directory")

    def read_url(self, url: str) -> Iterator[Item]:
        resource = self.fetch(url)
        text = decode_bytes(resource.content, declared=resource.charset)
        kind = _url_kind(resource, text)
        for item in self.documents(
            kind, resource.content, text, path=None, url=resource.url, label=url
        ):
            if isinstance(item, RawDocument) and resource.url != url:
                item.extra.setdefault("requested_url", url)
            yield item

    def read_stdin(self, stdin: TextIO) -> Iterator[Item]:
        buffer = getattr(stdin, "buffer", None)
        if buffer is not None:
            data = buffer.read()
            text = decode_bytes(data, declared=_declared_charset(data))
        else:
            text = stdin.read()
            if not text.strip():
                raise InputError("standard input is empty", hint="nothing to ingest")
            data = text.encode("utf-8")
        yield from self.documents(
            sniff_kind(text), data, text, path=None, url=None, label=STDIN_LABEL
        )


def _url_kind(resource: FetchedResource, text: str) -> InputKind:
    """The kind of a fetched body: the Content-Type, corrected by the content when it is vague.

    Servers often send HTML or JSON as text/plain, feeds as text/html or text/xml, and JSON Lines
    as application/json.
    """
    declared = resource.kind
    sniffed = sniff_kind(text)
    if declared == "json":
        return "jsonl" if sniffed == "jsonl" else "json"
    if declared in (None, "text", "xml") or (declared == "html" and sniffed == "feed"):
        return (declared or "text") if sniffed == "text" else sniffed
    return declared


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML meta tag or XML declaration names near the top, if any."""
    match = _DECLARED_CHARSET.search(data[:2048])
    return match.group(1).decode("ascii") if match else None


def _sniff_file(path: Path) -> InputKind | None:
    """WARC by its magic bytes (plain or gzipped); None leaves the decision to the text."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(WARC_MAGIC):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as stream:
                if stream.read(len(WARC_MAGIC)) == WARC_MAGIC:
                    return "warc"
        except (OSError, EOFError):
            pass
        raise InputError("a gzip file that is not a WARC archive", hint="decompress it first")
    reason = binary_reason(head)
    if reason:
        raise InputError(f"not a text input: {reason}")
    return None


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def iter_directory(root: Path, pattern: str = "*") -> Iterator[Path]:
    """Files under ``root`` (recursive) matching ``pattern``, hidden ones skipped, sorted."""
    found = (
        path
        for path in root.rglob(pattern)
        if path.is_file() and not _is_hidden(path.relative_to(root))
    )
    yield from sorted(found)


def apply_overrides(document: RawDocument, options: IngestOptions) -> RawDocument:
    """Put the batch's manual metadata (published, outlet, url) over what the source said."""
    if options.published:
        if document.published and document.published != options.published:
            document.extra["source_published"] = document.published
        document.published = options.published
        document.extra["published_source"] = "given"
    if options.outlet:
        document.outlet = options.outlet
    if options.url:
        document.url = options.url
    return document


def iter_inputs(
    inputs: Iterable[str],
    options: IngestOptions | None = None,
    *,
    client: httpx.Client | None = None,
    stdin: TextIO | None = None,
    resolver: Resolver | None = None,
) -> Iterator[RawDocument | IngestFailure]:
    """Read every input (path, directory, URL or ``-`` for stdin) into RawDocuments.

    Args:
        inputs: file or directory paths, http(s) URLs, ``-`` for standard input.
        options: glob, fetch limits and the batch's manual metadata (applied to every document).
        client: an httpx client for URLs and feed items; one is opened (and closed) when needed.
        stdin: the stream ``-`` reads (``sys.stdin`` when None).
        resolver: host -> addresses for the private-address check (DNS when None).

    Yields:
        A RawDocument per article read, an IngestFailure per input (or record) that could not be.
    """
    options = options or IngestOptions()
    batch = _Batch(options, client, resolver)
    try:
        for given in inputs:
            items: Iterator[Item]
            if given == STDIN:
                stream = stdin or sys.stdin
                items = _guarded(STDIN_LABEL, partial(batch.read_stdin, stream))
            elif is_url(given):
                items = _guarded(given, partial(batch.read_url, given))
            else:
                items = batch.read_path(given)
            for item in items:
                yield apply_overrides(item, options) if isinstance(item, RawDocument) else item
    finally:
        batch.close()


def count_inputs(inputs: Iterable[str], options: IngestOptions | None = None) -> int | None:
    """How many files the inputs name, for a progress bar; None when a URL or stdin is among them.

    A JSON, feed or WARC file counts once although it may yield many documents.
    """
    options = options or IngestOptions()
    total = 0
    for given in inputs:
        if given == STDIN or is_url(given):
            return None
        path = Path(given).expanduser()
        if path.is_dir():
            total += sum(1 for _ in iter_directory(path, options.glob))
        else:
            total += 1
    return total

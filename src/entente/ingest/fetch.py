"""Getting bytes in safely: HTTP(S) fetching with guards, and turning bytes into text.

Fetching refuses addresses a news article has no business living at (loopback, private, link-local,
reserved), re-checks every redirect hop, caps the download size while streaming and refuses content
types that cannot hold an article. Decoding refuses binary data and falls back to charset detection.
Both the HTTP client and the host resolver are injectable so tests need neither network nor DNS.
"""

from __future__ import annotations

import codecs
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx
from charset_normalizer import from_bytes

from entente.config import IngestOptions
from entente.errors import FetchError, InputError, UnsafeURLError

ContentKind = Literal["html", "text", "json", "feed", "xml"]
Resolver = Callable[[str], list[str]]
"""Turns a host name into the IP addresses it would be reached at."""

MAX_REDIRECTS = 10
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# Media types a news article can arrive as; anything else is refused before the body is read.
_MEDIA_KINDS: dict[str, ContentKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
    "application/json": "json",
    "application/ld+json": "json",
    "application/x-ndjson": "json",
    "application/jsonl": "json",
    "application/jsonlines": "json",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "text/xml": "xml",
    "application/xml": "xml",
}

# Leading bytes of formats people commonly point the tool at by mistake, for a precise refusal.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (DOC/XLS)"),
    (b"\x7fELF", "an executable"),
)
_BINARY_SAMPLE = 8192
_CONTROL_RATIO = 0.05
# Control bytes ordinary text does contain: tab, newline, vertical tab, form feed, CR, escape.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_BINARY_CONTROLS = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS)
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
_LATIN_NON_ASCII_RATIO = 0.3
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


@dataclass
class FetchedResource:
    """The body of a successful fetch and what the server said about it."""

    url: str
    """The final URL, after redirects."""
    requested_url: str
    content: bytes
    media_type: str
    charset: str | None
    kind: ContentKind | None
    """What the Content-Type says the body is; None when the server did not say (sniff it)."""
    status: int = 200

    def text(self) -> str:
        """The body decoded to text (declared charset used when the bytes are not UTF-8)."""
        return decode_bytes(self.content, declared=self.charset)


def resolve_host(host: str) -> list[str]:
    """Resolve a host name to the IP addresses ``getaddrinfo`` returns for it.

    Raises:
        FetchError: the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"could not resolve host {host!r}: {exc}", hint="check the URL and your connection"
        ) from exc
    return sorted({str(info[4][0]) for info in infos})


def _address_problem(address: str) -> str | None:
    """Say why an IP address is not a public one, or None when it is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone index
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # most specific first: is_private is also true of link-local, unspecified and reserved ranges
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        # shared (carrier-grade NAT) and other special ranges are not global either
        ("non-public", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver | None = None) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address.

    Args:
        url: the URL about to be requested.
        allow_private: accept loopback/private/link-local/reserved addresses.
        resolver: host -> addresses; defaults to :func:`resolve_host` (DNS).

    Raises:
        FetchError: not an http(s) URL, or the host does not resolve.
        UnsafeURLError: some address of the host is not public and ``allow_private`` is False.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"unsupported URL scheme in {url!r}", hint="only http and https are fetched"
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"URL {url!r} has no host")
    if allow_private:
        return
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = (resolver or resolve_host)(host)
    if not addresses:
        raise FetchError(f"host {host!r} resolved to no address", hint="check the URL")
    for address in addresses:
        problem = _address_problem(address)
        if problem:
            raise UnsafeURLError(
                f"refusing {url}: host {host!r} resolves to {problem} address {address}",
                hint="pass --allow-private (allow_private=True) if you trust this address",
            )


def classify_media_type(media_type: str) -> ContentKind | None:
    """Map a media type (``text/html``) to the kind of input it holds, None when refused."""
    media_type = media_type.strip().lower()
    if media_type in _MEDIA_KINDS:
        return _MEDIA_KINDS[media_type]
    if media_type.endswith("+json"):
        return "json"
    if media_type.endswith("+xml"):
        return "xml"
    if media_type.startswith("text/"):
        return "text"
    return None


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into (media type, charset)."""
    if not header:
        return "", None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _refusal(media_type: str) -> str:
    """A user-facing reason for refusing a content type."""
    if media_type == "application/pdf":
        return "it is a PDF; extract its text first (e.g. with pdftotext) and ingest the .txt"
    if media_type.startswith(("image/", "audio/", "video/", "font/")):
        return f"it is {media_type.split('/')[0]} content, not an article"
    return f"content type {media_type!r} is not HTML, text, JSON or a feed"


def fetch(
    url: str,
    options: IngestOptions | None = None,
    client: httpx.Client | None = None,
    *,
    resolver: Resolver | None = None,
) -> FetchedResource:
    """Fetch one URL with address checks on every hop, a size cap and content-type checks.

    Args:
        url: an http(s) URL.
        options: timeout, max_bytes, user_agent and allow_private are used.
        client: an httpx client to reuse (tests pass one built on ``httpx.MockTransport``); a
            private one is opened and closed when None. Redirects are followed here, not by it.
        resolver: host -> addresses, for the address check; DNS when None.

    Returns:
        The body and its content type.

    Raises:
        UnsafeURLError: the URL or a redirect target points at a non-public address.
        FetchError: unreachable, timed out, HTTP error, too many redirects, refused content type
            or larger than ``options.max_bytes``.
    """
    options = options or IngestOptions()
    own_client = client is None
    http = client or httpx.Client(timeout=options.timeout, follow_redirects=False)
    try:
        return _fetch_with_redirects(url, options, http, resolver)
    finally:
        if own_client:
            http.close()


def _fetch_with_redirects(
    url: str, options: IngestOptions, client: httpx.Client, resolver: Resolver | None
) -> FetchedResource:
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(current, allow_private=options.allow_private, resolver=resolver)
        outcome = _fetch_once(current, url, options, client)
        if isinstance(outcome, FetchedResource):
            return outcome
        current = outcome
    raise FetchError(f"too many redirects fetching {url}", hint=f"stopped after {MAX_REDIRECTS}")


def _fetch_once(
    url: str, requested: str, options: IngestOptions, client: httpx.Client
) -> FetchedResource | str:
    """One request: the resource, or the URL a redirect points to."""
    headers = {"User-Agent": options.user_agent, "Accept": "text/html,application/xhtml+xml,*/*"}
    try:
        with client.stream(
            "GET", url, headers=headers, timeout=options.timeout, follow_redirects=False
        ) as response:
            if response.status_code in _REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"{url} redirected (HTTP {response.status_code}) nowhere")
                return urljoin(url, location)
            if response.status_code >= 400:
                raise FetchError(
                    f"{url} answered HTTP {response.status_code} {response.reason_phrase}",
                    hint="check the URL; the page may be gone or need a login",
                )
            media_type, charset = parse_content_type(response.headers.get("content-type"))
            kind = classify_media_type(media_type) if media_type else None
            if media_type and kind is None:
                raise FetchError(f"refusing {url}: {_refusal(media_type)}")
            content = _read_capped(response, url, options.max_bytes)
            return FetchedResource(
                url=url,
                requested_url=requested,
                content=content,
                media_type=media_type,
                charset=charset,
                kind=kind,
                status=response.status_code,
            )
    except httpx.TimeoutException as exc:
        raise FetchError(
            f"timed out fetching {url} after {options.timeout:g}s", hint="raise the timeout"
        ) from exc
    except httpx.HTTPError as exc:
        raise FetchError(
            f"could not fetch {url}: {exc.__class__.__name__}: {exc}",
            hint="check the URL and your connection",
        ) from exc


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """Read a streamed body, stopping as soon as it grows past ``max_bytes``."""
    too_big = FetchError(
        f"refusing {url}: larger than the {max_bytes:,}-byte limit",
        hint="raise max_bytes (--max-bytes) if this really is one article",
    )
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def binary_reason(data: bytes) -> str | None:
    """Say why bytes look binary (a known format, NUL bytes, control characters), else None."""
    for magic, name in _MAGIC_NUMBERS:
        if data.startswith(magic):
            return f"it is {name}, not text"
    if data.startswith(_UTF16_32_BOMS):
        return None
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return "it looks binary (contains NUL bytes)"
    # Counted in C: deleting the bytes and comparing lengths (a Python loop cost ~1 ms a file).
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    if sample and controls / len(sample) > _CONTROL_RATIO:
        return "it looks binary (too many control characters)"
    return None


def _mostly_ascii(data: bytes) -> bool:
    """True when few bytes are non-ASCII, as in Latin-script text (Cyrillic or CJK are not)."""
    sample = data[:65536]
    non_ascii = len(sample) - len(sample.translate(None, _NON_ASCII_BYTES))
    return non_ascii <= _LATIN_NON_ASCII_RATIO * len(sample)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode text bytes: BOM, UTF-8, the declared charset, Windows-1252, then detection.

    UTF-8 is tried before a declared charset because stale declarations (a page saved as UTF-8
    that still says ``windows-1252``) are more common than Latin-1 bytes that happen to be valid
    UTF-8.

    Args:
        data: the raw bytes.
        declared: a charset named by the source (HTTP header, XML/HTML declaration), if any.

    Returns:
        The text, without a byte-order mark.

    Raises:
        InputError: empty, binary, or no encoding decodes it.
    """
    if not data.strip():
        raise InputError("the input is empty", hint="nothing to ingest")
    reason = binary_reason(data)
    if reason:
        raise InputError(f"not a text input: {reason}")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"broken {encoding} text: {exc}") from exc
    candidates = ["utf-8-sig"]
    if declared:
        candidates.append(declared)
    if _mostly_ascii(data):
        # Latin-script text; Windows-1252 is its commonest legacy encoding (browsers read
        # "latin-1" as it too), and charset_normalizer guesses poorly on short Western text.
        candidates.append("cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            "could not work out the text encoding", hint="convert the file to UTF-8 and retry"
        )
    return str(best)

"""Fetching with guards (no network, no DNS) and decoding bytes into text."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import httpx
import pytest

from entente.config import IngestOptions
from entente.errors import FetchError, InputError, UnsafeURLError
from entente.ingest import fetch as fetch_module
from entente.ingest.fetch import (
    check_url,
    classify_media_type,
    decode_bytes,
    fetch,
    parse_content_type,
    resolve_host,
)

PAGE = b"<html><head><title>T</title></head><body><p>Hello.</p></body></html>"

HOSTS = {
    "news.example.org": ["93.184.216.34"],
    "mirror.example.org": ["93.184.216.35", "2606:2800:220:1::1"],
    "intranet.example.org": ["10.1.2.3"],
    "sneaky.example.org": ["93.184.216.36", "192.168.0.7"],
    "cgnat.example.org": ["100.64.0.9"],
}


def resolver(host: str) -> list[str]:
    try:
        return HOSTS[host]
    except KeyError:
        raise FetchError(f"could not resolve host {host!r}") from None


def make_client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def html_response(content: bytes = PAGE, **headers: str) -> httpx.Response:
    return httpx.Response(
        200, content=content, headers={"content-type": "text/html; charset=utf-8", **headers}
    )


def test_fetches_html_with_user_agent_and_charset() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html_response()

    options = IngestOptions(user_agent="entente-test/1")
    resource = fetch("https://news.example.org/a", options, make_client(handler), resolver=resolver)
    assert resource.kind == "html"
    assert resource.charset == "utf-8"
    assert resource.content == PAGE
    assert resource.url == resource.requested_url == "https://news.example.org/a"
    assert seen[0].headers["user-agent"] == "entente-test/1"


def test_follows_redirect_and_records_final_url() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        if request.url.host == "news.example.org":
            return httpx.Response(302, headers={"location": "https://mirror.example.org/final"})
        return html_response()

    resource = fetch(
        "https://news.example.org/old", IngestOptions(), make_client(handler), resolver=resolver
    )
    assert resource.url == "https://mirror.example.org/final"
    assert resource.requested_url == "https://news.example.org/old"


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1/admin",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://intranet.example.org/",
        "http://sneaky.example.org/",
    ],
)
def test_redirect_to_private_address_is_refused(target: str) -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(302, headers={"location": target})

    with pytest.raises(UnsafeURLError) as caught:
        fetch("https://news.example.org/", IngestOptions(), make_client(handler), resolver=resolver)
    assert requested == ["https://news.example.org/"]  # the private hop is never requested
    assert "allow-private" in str(caught.value)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://localhost.test/", "loopback"),
        ("http://127.0.0.1/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.1.1/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://cgnat.example.org/", "non-public"),
        ("http://240.0.0.1/", "reserved"),
    ],
)
def test_non_public_addresses_are_refused(url: str, problem: str) -> None:
    def local_resolver(host: str) -> list[str]:
        return ["127.0.0.1"] if host == "localhost.test" else resolver(host)

    with pytest.raises(UnsafeURLError, match=problem):
        check_url(url, resolver=local_resolver)


def test_allow_private_lets_a_local_address_through() -> None:
    client = make_client(lambda request: html_response())
    options = IngestOptions(allow_private=True)
    resource = fetch("http://127.0.0.1:8000/page", options, client, resolver=resolver)
    assert resource.kind == "html"


def test_public_addresses_pass() -> None:
    check_url("https://mirror.example.org/x", resolver=resolver)
    check_url("http://93.184.216.34/x", resolver=resolver)


@pytest.mark.parametrize("url", ["ftp://news.example.org/a", "file:///etc/passwd", "https:///x"])
def test_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url, resolver=resolver)


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="could not resolve"):
        resolve_host("nowhere.invalid")
    with pytest.raises(FetchError, match="could not resolve"):
        check_url("https://nowhere.invalid/")


def test_declared_size_over_limit_is_refused() -> None:
    client = make_client(lambda request: html_response(b"x" * 2000))
    with pytest.raises(FetchError, match="limit") as caught:
        fetch("https://news.example.org/", IngestOptions(max_bytes=1000), client, resolver=resolver)
    assert "max-bytes" in str(caught.value)


def test_streamed_body_stops_at_the_limit() -> None:
    produced: list[int] = []

    def chunks() -> Iterator[bytes]:
        for index in range(1000):
            produced.append(index)
            yield b"y" * 100

    def handler(request: httpx.Request) -> httpx.Response:
        # an iterator body has no Content-Length: the cap must work while streaming
        return httpx.Response(200, headers={"content-type": "text/html"}, content=chunks())

    with pytest.raises(FetchError, match="limit"):
        fetch(
            "https://news.example.org/",
            IngestOptions(max_bytes=1000),
            make_client(handler),
            resolver=resolver,
        )
    assert len(produced) < 1000


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("image/png", "image"),
        ("application/pdf", "pdftotext"),
        ("application/octet-stream", "octet-stream"),
        ("video/mp4", "video"),
    ],
)
def test_wrong_content_type_is_refused(content_type: str, expected: str) -> None:
    client = make_client(
        lambda request: httpx.Response(
            200, content=b"\x00\x01", headers={"content-type": content_type}
        )
    )
    with pytest.raises(FetchError, match=expected):
        fetch("https://news.example.org/file", IngestOptions(), client, resolver=resolver)


def test_missing_content_type_is_left_to_sniffing() -> None:
    client = make_client(lambda request: httpx.Response(200, content=b"plain words"))
    resource = fetch("https://news.example.org/", IngestOptions(), client, resolver=resolver)
    assert resource.kind is None
    assert resource.text() == "plain words"


def test_http_error_status() -> None:
    client = make_client(lambda request: httpx.Response(404))
    with pytest.raises(FetchError, match="404"):
        fetch("https://news.example.org/gone", IngestOptions(), client, resolver=resolver)


def test_timeout_and_connection_errors() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(FetchError, match="timed out"):
        fetch(
            "https://news.example.org/",
            IngestOptions(timeout=3),
            make_client(slow),
            resolver=resolver,
        )
    with pytest.raises(FetchError, match="ConnectError"):
        fetch("https://news.example.org/", IngestOptions(), make_client(down), resolver=resolver)


def test_redirect_loop_stops() -> None:
    client = make_client(lambda request: httpx.Response(302, headers={"location": "/again"}))
    with pytest.raises(FetchError, match="too many redirects"):
        fetch("https://news.example.org/", IngestOptions(), client, resolver=resolver)


def test_redirect_without_location() -> None:
    client = make_client(lambda request: httpx.Response(302))
    with pytest.raises(FetchError, match="nowhere"):
        fetch("https://news.example.org/", IngestOptions(), client, resolver=resolver)


@pytest.mark.parametrize(
    ("media_type", "kind"),
    [
        ("text/html", "html"),
        ("application/xhtml+xml", "html"),
        ("text/plain", "text"),
        ("text/csv", "text"),
        ("application/json", "json"),
        ("application/x-ndjson", "json"),
        ("application/rss+xml", "feed"),
        ("application/atom+xml", "feed"),
        ("text/xml", "xml"),
        ("application/xml", "xml"),
        ("image/jpeg", None),
        ("application/pdf", None),
        ("application/zip", None),
    ],
)
def test_classify_media_type(media_type: str, kind: str | None) -> None:
    assert classify_media_type(media_type) == kind


def test_parse_content_type() -> None:
    assert parse_content_type('Text/HTML; Charset="ISO-8859-1"') == ("text/html", "ISO-8859-1")
    assert parse_content_type(None) == ("", None)


class TestDecodeBytes:
    def test_utf8_and_bom(self) -> None:
        assert decode_bytes("Genève".encode()) == "Genève"
        assert decode_bytes(b"\xef\xbb\xbfHello") == "Hello"

    def test_utf16_with_bom(self) -> None:
        assert decode_bytes("Zürich talks".encode("utf-16")) == "Zürich talks"

    def test_latin1_is_detected(self) -> None:
        text = "Le ministre a déclaré que la réunion à Genève était très importante. " * 5
        assert decode_bytes(text.encode("latin-1")) == text

    def test_declared_charset_used_when_not_utf8(self) -> None:
        assert decode_bytes("café".encode("cp1252"), declared="cp1252") == "café"

    def test_unknown_declared_charset_is_ignored(self) -> None:
        assert decode_bytes(b"plain", declared="no-such-charset") == "plain"

    @pytest.mark.parametrize(
        ("data", "reason"),
        [
            (b"", "empty"),
            (b"  \n\t ", "empty"),
            (b"%PDF-1.7\n...", "PDF"),
            (b"\x89PNG\r\n\x1a\n", "PNG"),
            (b"text\x00with nul", "NUL"),
            (bytes(range(1, 32)) * 10, "control"),
        ],
    )
    def test_refused(self, data: bytes, reason: str) -> None:
        with pytest.raises(InputError, match=reason):
            decode_bytes(data)

    def test_cp1252_punctuation_in_english(self) -> None:
        text = "The minister’s visit — “historic”, aides said — ended on Friday."
        assert decode_bytes(text.encode("cp1252")) == text

    def test_cyrillic_legacy_encoding_is_detected(self) -> None:
        text = "Министр иностранных дел провёл переговоры с коллегой в столице. " * 4
        assert decode_bytes(text.encode("cp1251")) == text

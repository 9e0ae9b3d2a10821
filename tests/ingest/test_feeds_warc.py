"""RSS/Atom feeds (items fetched through a mock client) and WARC archives written by warcio."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from entente.config import IngestOptions
from entente.errors import InputError
from entente.ingest.feeds import MIN_SUMMARY_WORDS, feed_date, iter_feed, looks_like_feed
from entente.ingest.sources import iter_inputs
from entente.models import IngestFailure, RawDocument

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "article.html").read_bytes()
PUBLIC = {"ledger.example.org": ["93.184.216.34"], "gazette.example.net": ["93.184.216.35"]}


def resolver(host: str) -> list[str]:
    return PUBLIC.get(host, ["10.0.0.1"])


def site(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/world/fisheries-accord":
        return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})
    if request.url.path == "/feed.rss":
        rss = (FIXTURES / "feed.rss").read_bytes()
        return httpx.Response(200, content=rss, headers={"content-type": "application/rss+xml"})
    return httpx.Response(404)


def read(inputs: list[str], options: IngestOptions) -> list[RawDocument | IngestFailure]:
    client = httpx.Client(transport=httpx.MockTransport(site))
    return list(iter_inputs(inputs, options, client=client, resolver=resolver))


class TestFeeds:
    def test_rss_items_fetched_with_fallbacks(self) -> None:
        items = read([str(FIXTURES / "feed.rss")], IngestOptions())
        fetched, from_feed, failed = items
        assert isinstance(fetched, RawDocument)
        assert fetched.content_type == "html"
        assert fetched.url == "https://ledger.example.org/world/fisheries-accord"
        assert "Norway and Iceland" in fetched.extra["extracted_text"]
        # the feed's own date, on the local day it gives (23:30 at -05:00 is still the 7th)
        assert fetched.published == "2022-11-07"
        assert fetched.extra["published_source"] == "metadata"
        assert fetched.extra["published_raw"] == "Mon, 07 Nov 2022 23:30:00 -0500"
        assert fetched.author == "Ingrid Solberg"
        assert fetched.outlet == "The Northern Ledger"  # the page's site name beats the feed title

        # 404, but the feed carries the full article (content:encoded); relative link resolved
        assert isinstance(from_feed, RawDocument)
        assert from_feed.url == "https://ledger.example.org/world/arctic-council"
        assert from_feed.extra["from_feed_text"] is True
        assert "404" in from_feed.extra["fetch_problem"]
        assert from_feed.extra["extracted_text"].count("\n\n") == 3
        assert from_feed.title == "Arctic council meets in Tromso"
        assert from_feed.outlet == "Northern Ledger - World"
        assert from_feed.published == "2022-11-08"

        # 404 and only a one-line teaser: a failure naming the item
        assert isinstance(failed, IngestFailure)
        assert failed.label == f"{FIXTURES / 'feed.rss'}#3"
        assert "404" in failed.reason
        assert "too short" in failed.reason

    def test_feed_from_url_resolves_relative_links_against_it(self) -> None:
        items = read(["https://ledger.example.org/feed.rss"], IngestOptions())
        assert len(items) == 3
        second = items[1]
        assert isinstance(second, RawDocument)
        assert second.url == "https://ledger.example.org/world/arctic-council"

    def test_atom_without_fetching(self) -> None:
        items = read([str(FIXTURES / "feed.atom")], IngestOptions(fetch_feed_items=False))
        document, teaser = items
        assert isinstance(document, RawDocument)
        assert document.content_type == "text"
        assert document.published == "2023-02-14"  # from <updated>, Atom's required date
        assert document.author == "Tomas Berg"
        assert document.outlet == "Harbour Gazette"
        assert len(document.content.split()) >= MIN_SUMMARY_WORDS
        assert isinstance(teaser, IngestFailure)
        assert "switched off" in teaser.reason

    def test_item_link_to_private_address_is_not_fetched(self, tmp_path: Path) -> None:
        path = tmp_path / "inside.rss"
        path.write_text(
            "<rss version='2.0'><channel><title>T</title><item><title>Inside job</title>"
            "<link>http://intranet.example.org/secret</link><description>x</description>"
            "</item></channel></rss>"
        )
        (failure,) = read([str(path)], IngestOptions())
        assert isinstance(failure, IngestFailure)
        assert "private address 10.0.0.1" in failure.reason

    def test_not_a_feed(self) -> None:
        with pytest.raises(InputError, match="no items"):
            list(iter_feed(b"<html><body>hello</body></html>", label="x"))

    def test_encoding_declaration_of_decoded_text_is_ignored(self) -> None:
        rss = (
            '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>T'
            "</title><item><title>Réunion à Genève</title><link>https://x.example/a</link>"
            f"<description>{'mot ' * MIN_SUMMARY_WORDS}</description></item></channel></rss>"
        )
        (document,) = iter_feed(rss, label="f")
        assert isinstance(document, RawDocument)
        assert document.title == "Réunion à Genève"

    @pytest.mark.parametrize(
        ("entry", "expected"),
        [
            ({"published": "Tue, 08 Nov 2022 23:30:00 -0500"}, "2022-11-08"),
            ({"published": "2022-11-08T23:30:00-05:00"}, "2022-11-08"),
            ({"updated": "2023-02-14T10:00:00Z"}, "2023-02-14"),
            ({"published": "yesterday-ish"}, None),
            ({}, None),
        ],
    )
    def test_feed_date(self, entry: dict[str, str], expected: str | None) -> None:
        assert feed_date(entry)[0] == expected

    def test_feed_date_falls_back_to_parsed_struct(self) -> None:
        parsed = SimpleNamespace(tm_year=2021, tm_mon=3, tm_mday=9)
        assert feed_date({"published": "9 Mar 2021 odd", "published_parsed": parsed}) == (
            "2021-03-09",
            "9 Mar 2021 odd",
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ('<?xml version="1.0"?>\n<rss version="2.0">', True),
            ('<feed xmlns="http://www.w3.org/2005/Atom">', True),
            ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
            ("<html><body><p>about the rss feed</p><rss></body></html>", False),
            ("plain text", False),
        ],
    )
    def test_looks_like_feed(self, text: str, expected: bool) -> None:
        assert looks_like_feed(text) is expected


def write_warc(path: Path, *, compress: bool) -> None:
    """A small archive: two pages, a 404, an image, a request record and a broken page."""
    page = ARTICLE
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)

        def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-01-15T12:00:00Z"},
            )
            writer.write_record(record)

        response(
            "https://ledger.example.org/world/fisheries-accord", page, "text/html; charset=utf-8"
        )
        request = writer.create_warc_record(
            "https://ledger.example.org/world/fisheries-accord",
            "request",
            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
        )
        writer.write_record(request)
        response(
            "https://ledger.example.org/missing", b"<html>gone</html>", "text/html", "404 Not Found"
        )
        response("https://ledger.example.org/logo.png", b"\x89PNG\r\n", "image/png")
        response("https://ledger.example.org/empty", b"<html><body></body></html>", "text/html")
        notes = b"Port officials met on Tuesday to agree on new inspection rules for ferries."
        response("https://ledger.example.org/notes.txt", notes, "text/plain")


class TestWarc:
    @pytest.mark.parametrize(
        ("name", "compress"), [("crawl.warc", False), ("crawl.warc.gz", True), ("crawl.bin", True)]
    )
    def test_pages_become_documents(self, tmp_path: Path, name: str, compress: bool) -> None:
        path = tmp_path / name
        write_warc(path, compress=compress)
        items = list(iter_inputs([str(path)], IngestOptions()))
        page, broken, notes = items
        assert isinstance(page, RawDocument)
        assert page.url == "https://ledger.example.org/world/fisheries-accord"
        assert page.path == str(path)
        assert page.content_type == "html"
        assert "Norway and Iceland" in page.extra["extracted_text"]
        assert page.extra["crawl_date"] == "2024-01-15T12:00:00Z"
        # the page's own metadata date, never the crawl date
        assert page.published == "2022-11-08"
        assert isinstance(broken, IngestFailure)
        assert broken.label == f"{path}#https://ledger.example.org/empty"
        assert isinstance(notes, RawDocument)
        assert notes.content_type == "text"
        assert notes.published is None
        assert notes.extra["crawl_date"] == "2024-01-15T12:00:00Z"

    def test_crawl_date_never_becomes_published(self, tmp_path: Path) -> None:
        path = tmp_path / "crawl.warc"
        write_warc(path, compress=False)
        notes = list(iter_inputs([str(path)], IngestOptions()))[-1]
        assert isinstance(notes, RawDocument)
        assert "published_source" not in notes.extra

    def test_corrupt_archive(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.warc.gz"
        path.write_bytes(gzip.compress(b"WARC/1.0\r\nnot really a record header\r\n\r\n"))
        items = list(iter_inputs([str(path)], IngestOptions()))
        assert items and all(isinstance(item, IngestFailure) for item in items)

    def test_archive_without_pages(self, tmp_path: Path) -> None:
        path = tmp_path / "images.warc"
        with path.open("wb") as stream:
            writer = WARCWriter(stream, gzip=False)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    "https://x.example/a.png",
                    "response",
                    payload=io.BytesIO(b"\x89PNG"),
                    http_headers=headers,
                )
            )
        (failure,) = list(iter_inputs([str(path)], IngestOptions()))
        assert isinstance(failure, IngestFailure)
        assert "no HTML or text responses" in failure.reason

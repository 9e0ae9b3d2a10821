"""iter_inputs over every kind of input, bad inputs becoming failures, and the batch going on."""

from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import pytest

from entente.config import IngestOptions
from entente.errors import FetchError
from entente.ingest import sources
from entente.ingest.sources import (
    count_inputs,
    guess_title,
    iter_inputs,
    kind_from_name,
    sniff_kind,
)
from entente.models import IngestFailure, RawDocument

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
BODY = (
    "The two foreign ministers met in the capital on Monday and agreed to resume regular "
    "consultations, their offices said in a joint statement.\n\nThey also discussed trade."
)


def read(inputs: list[str], **kwargs: object) -> list[RawDocument | IngestFailure]:
    options = kwargs.pop("options", None) or IngestOptions(fetch_feed_items=False)
    return list(iter_inputs(inputs, options, **kwargs))  # type: ignore[arg-type]


def documents(items: list[RawDocument | IngestFailure]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def failures(items: list[RawDocument | IngestFailure]) -> list[IngestFailure]:
    return [item for item in items if isinstance(item, IngestFailure)]


def only_document(items: list[RawDocument | IngestFailure]) -> RawDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


class TestGuessTitle:
    @pytest.mark.parametrize(
        "text",
        [
            "Ministers agree to resume talks\n\n" + BODY,
            "Ministers agree to resume talks\n" + BODY,
            "  \n\nMinisters agree to resume talks?\n\n" + BODY,
            "# Ministers agree to resume talks\n\n" + BODY,
        ],
    )
    def test_headline(self, text: str) -> None:
        assert guess_title(text) == "Ministers agree to resume talks" + ("?" if "?" in text else "")

    @pytest.mark.parametrize(
        "text",
        [
            BODY,  # first line is a sentence
            "Ministers agree to resume talks",  # nothing after it
            "Ministers agree to resume talks\nOn Monday.\nYes.",  # followed by shorter lines
            "• Ministers agree to resume talks\n\n" + BODY,  # a bullet
            "MOSCOW, March 3 -\n\n" + BODY,  # a dateline
            "Talks\n\n" + BODY,  # too few words
            " ".join(["word"] * 40) + "\n\n" + BODY,  # too long
            "",
        ],
    )
    def test_not_a_headline(self, text: str) -> None:
        assert guess_title(text) is None


def test_text_file(tmp_path: Path) -> None:
    text = "Ministers agree to resume talks\n\n" + BODY + "\n"
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    document = only_document(read([str(path)]))
    assert document.content == text  # the whole text, title line included
    assert document.content_type == "text"
    assert document.title == "Ministers agree to resume talks"
    assert document.path == str(path)
    assert document.published is None


def test_latin1_and_utf16_files(tmp_path: Path) -> None:
    text = "La réunion à Genève a duré trois heures, selon le ministère des affaires étrangères."
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    items = read([str(tmp_path / "latin.txt"), str(tmp_path / "wide.txt")])
    assert [document.content for document in documents(items)] == [text, text]


def test_html_file(tmp_path: Path) -> None:
    source = FIXTURES / "article.html"
    document = only_document(read([str(source)]))
    assert document.content_type == "html"
    assert document.content == source.read_text(encoding="utf-8")
    assert document.extra["extracted_text"].startswith("Ministers agree on fisheries accord")
    assert document.title == "Ministers agree on fisheries accord"
    assert document.outlet == "The Northern Ledger"
    assert document.author == "Ingrid Solberg"
    assert document.url == "https://ledger.example.org/world/fisheries-accord"
    assert document.published == "2022-11-08"
    assert document.extra["published_source"] == "metadata"
    assert document.language == "en"


def test_html_declared_charset(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Café talks</title></head><body>'
        "<article><p>Delegates met at a café in Genève to continue the talks on trade and "
        "energy, officials said on Tuesday evening.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1252"))
    document = only_document(read([str(path)]))
    assert "café in Genève" in document.extra["extracted_text"]


class TestRecords:
    def test_json_object(self, tmp_path: Path) -> None:
        record = {
            "content": BODY,
            "headline": "Talks resume",
            "link": "https://news.example.org/talks",
            "published_at": "2023-04-05T10:00:00Z",
            "source": {"id": "ex", "name": "Example News"},
            "authors": ["A. Writer", "B. Reporter"],
            "id": 17,
        }
        path = tmp_path / "one.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        document = only_document(read([str(path)]))
        assert document.content == BODY
        assert document.title == "Talks resume"
        assert document.url == "https://news.example.org/talks"
        assert document.published == "2023-04-05T10:00:00Z"
        assert document.extra["published_source"] == "metadata"
        assert document.outlet == "Example News"
        assert document.author == "A. Writer; B. Reporter"
        assert document.extra["record_id"] == 17
        assert document.path == str(path)

    def test_json_list_with_a_bad_record(self, tmp_path: Path) -> None:
        records = [
            {"text": BODY, "date": "2023-01-02"},
            {"title": "no text"},
            "a string",
            {"body": BODY},
        ]
        path = tmp_path / "many.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        items = read([str(path)])
        assert [type(item).__name__ for item in items] == [
            "RawDocument",
            "IngestFailure",
            "IngestFailure",
            "RawDocument",
        ]
        failure = items[1]
        assert isinstance(failure, IngestFailure)
        assert failure.label == f"{path}[1]"
        assert "no text" in failure.reason
        assert documents(items)[0].published == "2023-01-02"

    def test_wrapped_list(self, tmp_path: Path) -> None:
        path = tmp_path / "api.json"
        path.write_text(json.dumps({"status": "ok", "articles": [{"text": BODY}]}))
        assert only_document(read([str(path)])).content == BODY

    def test_jsonl_with_a_bad_line(self, tmp_path: Path) -> None:
        lines = [json.dumps({"text": BODY}), "{not json", "", json.dumps({"text": BODY + " More."})]
        path = tmp_path / "feed.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        items = read([str(path)])
        assert len(documents(items)) == 2
        (failure,) = failures(items)
        assert failure.label == f"{path}:2"
        assert "not valid JSON" in failure.reason

    def test_html_record_is_extracted(self, tmp_path: Path) -> None:
        html = (FIXTURES / "article.html").read_text(encoding="utf-8")
        path = tmp_path / "pages.ndjson"
        path.write_text(json.dumps({"html": html, "outlet": "Given Outlet"}) + "\n")
        document = only_document(read([str(path)]))
        assert document.content_type == "html"
        assert document.content == html
        assert "Norway and Iceland" in document.extra["extracted_text"]
        assert document.outlet == "Given Outlet"  # the record beats the page
        assert document.published == "2022-11-08"

    def test_invalid_json_file(self, tmp_path: Path) -> None:
        path = tmp_path / "broken.json"
        path.write_text('{"text": "unterminated')
        (failure,) = read([str(path)])
        assert isinstance(failure, IngestFailure)
        assert "not valid JSON" in failure.reason


class TestBadInputs:
    @pytest.mark.parametrize(
        ("name", "data", "reason"),
        [
            ("empty.txt", b"", "empty"),
            ("blank.txt", b"\n\n   \n", "empty"),
            ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
            ("blob.bin", bytes(range(256)) * 4, "binary"),
            ("doc.html", b"%PDF-1.4 binary", "PDF"),
            ("broken.html", b"<html><body><nav></nav></body></html>", "no main text"),
            ("noise.html", b"<<<>>>", "HTML"),
            ("data.gz", b"\x1f\x8b\x08\x00garbage", "gzip"),
            ("feed.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", "not an RSS"),
        ],
    )
    def test_failure_and_batch_goes_on(
        self, tmp_path: Path, name: str, data: bytes, reason: str
    ) -> None:
        bad = tmp_path / name
        bad.write_bytes(data)
        good = tmp_path / "good.txt"
        good.write_text(BODY)
        items = read([str(bad), str(good)])
        assert len(items) == 2
        assert isinstance(items[0], IngestFailure)
        assert items[0].label == str(bad)
        assert reason in items[0].reason
        assert isinstance(items[1], RawDocument)

    def test_missing_path(self) -> None:
        (failure,) = read(["/no/such/file.txt"])
        assert isinstance(failure, IngestFailure)
        assert "no such file" in failure.reason

    def test_unexpected_error_in_a_reader_is_contained(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def explode(*args: object, **kwargs: object) -> None:
            raise RuntimeError("parser bug")

        monkeypatch.setattr(sources, "extract_html", explode)
        (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
        (tmp_path / "b.txt").write_text(BODY)
        items = read([str(tmp_path / "a.html"), str(tmp_path / "b.txt")])
        assert isinstance(items[0], IngestFailure)
        assert "RuntimeError: parser bug" in items[0].reason
        assert isinstance(items[1], RawDocument)

    def test_oversized_single_file(self, tmp_path: Path) -> None:
        path = tmp_path / "big.txt"
        path.write_text(BODY * 10)
        (failure,) = read([str(path)], options=IngestOptions(max_bytes=100))
        assert isinstance(failure, IngestFailure)
        assert "limit" in failure.reason


def test_directory_recursion_glob_hidden_and_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text(BODY)
    (tmp_path / "a" / "one.txt").write_text(BODY)
    (tmp_path / "zero.txt").write_text(BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / ".git" / "config.txt").write_text(BODY)
    (tmp_path / "a" / "notes.md").write_text(BODY)
    options = IngestOptions(glob="*.txt")
    paths = [document.path for document in documents(read([str(tmp_path)], options=options))]
    assert paths == [
        str(tmp_path / "a" / "one.txt"),
        str(tmp_path / "b" / "two.txt"),
        str(tmp_path / "zero.txt"),
    ]
    everything = read([str(tmp_path)])
    assert len(documents(everything)) == 4
    assert count_inputs([str(tmp_path)], options) == 3


def test_directory_without_matches(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (failure,) = read([str(tmp_path)], options=IngestOptions(glob="*.html"))
    assert isinstance(failure, IngestFailure)
    assert "no files matching" in failure.reason


def test_sniffing_unknown_extensions(tmp_path: Path) -> None:
    (tmp_path / "a.dat").write_text(json.dumps([{"text": BODY}]))
    (tmp_path / "b.dat").write_text((FIXTURES / "article.html").read_text(encoding="utf-8"))
    (tmp_path / "c").write_text(BODY)
    (tmp_path / "d.log").write_text("\n".join(json.dumps({"text": BODY}) for _ in range(2)))
    items = read([str(tmp_path)])
    kinds = [document.content_type for document in documents(items)]
    assert kinds == ["text", "html", "text", "text", "text"]
    assert len(items) == 5


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"text": "x"}', "json"),
        ('[{"text": "x"}]', "json"),
        ('{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("[Updated] Ministers met on Monday.", "text"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<div><p>A fragment.</p></div>", "html"),
        ('<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ('<?xml version="1.0"?><catalog/>', "xml"),
        ("Ministers met. <b>Not</b> HTML really.", "text"),
    ],
)
def test_sniff_kind(text: str, kind: str) -> None:
    assert sniff_kind(text) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.TXT", "text"),
        ("a.htm", "html"),
        ("a.warc.gz", "warc"),
        ("a.ndjson", "jsonl"),
        ("a", None),
    ],
)
def test_kind_from_name(name: str, kind: str | None) -> None:
    assert kind_from_name(name) == kind


class TestStdin:
    def test_text_stream(self) -> None:
        document = only_document(
            read(["-"], stdin=io.StringIO("Ministers agree to resume talks\n\n" + BODY))
        )
        assert document.label == "<stdin>"
        assert document.path is None
        assert document.title == "Ministers agree to resume talks"

    def test_binary_backed_stream_html(self) -> None:
        html = (FIXTURES / "article.html").read_bytes()
        stream = io.TextIOWrapper(io.BytesIO(html), encoding="utf-8")
        document = only_document(read(["-"], stdin=stream))
        assert document.content_type == "html"
        assert document.published == "2022-11-08"

    def test_json_stream(self) -> None:
        items = read(["-"], stdin=io.StringIO(json.dumps([{"text": BODY}, {"text": BODY}])))
        assert len(documents(items)) == 2

    def test_empty_stream(self) -> None:
        (failure,) = read(["-"], stdin=io.StringIO(""))
        assert isinstance(failure, IngestFailure)
        assert failure.label == "<stdin>"
        assert "empty" in failure.reason


def test_overrides_apply_to_every_document(tmp_path: Path) -> None:
    options = IngestOptions(
        published="2020-02-02", outlet="Manual Outlet", url="https://given.example/"
    )
    document = only_document(read([str(FIXTURES / "article.html")], options=options))
    assert document.published == "2020-02-02"
    assert document.extra["published_source"] == "given"
    assert document.extra["source_published"] == "2022-11-08"
    assert document.outlet == "Manual Outlet"
    assert document.url == "https://given.example/"


class TestURLs:
    PAGE = (FIXTURES / "article.html").read_bytes()

    @staticmethod
    def resolver(host: str) -> list[str]:
        addresses = {"news.example.org": ["93.184.216.34"], "local.example.org": ["127.0.0.1"]}
        if host not in addresses:
            raise FetchError(f"could not resolve host {host!r}")
        return addresses[host]

    def client(self) -> httpx.Client:
        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/story":
                return httpx.Response(200, content=self.PAGE, headers={"content-type": "text/html"})
            if request.url.path == "/moved":
                return httpx.Response(301, headers={"location": "/story"})
            if request.url.path == "/notes.txt":
                return httpx.Response(200, text="Ministers agree to resume talks\n\n" + BODY)
            if request.url.path == "/records.json":
                return httpx.Response(200, json=[{"text": BODY}, {"nothing": 1}])
            if request.url.path == "/evil":
                return httpx.Response(302, headers={"location": "http://local.example.org/admin"})
            if request.url.path == "/mislabelled.txt":
                return httpx.Response(
                    200, content=self.PAGE, headers={"content-type": "text/plain"}
                )
            if request.url.path == "/feed-as-html":
                rss = (FIXTURES / "feed.atom").read_bytes()
                return httpx.Response(200, content=rss, headers={"content-type": "text/html"})
            if request.url.path == "/photo":
                return httpx.Response(
                    200, content=b"\xff\xd8\xff", headers={"content-type": "image/jpeg"}
                )
            return httpx.Response(404)

        return httpx.Client(transport=httpx.MockTransport(handler))

    def read_urls(self, *urls: str) -> list[RawDocument | IngestFailure]:
        return read(list(urls), client=self.client(), resolver=self.resolver)

    def test_html_page(self) -> None:
        document = only_document(self.read_urls("https://news.example.org/story"))
        assert document.url == "https://news.example.org/story"
        assert document.path is None
        assert document.content_type == "html"
        assert (
            document.extra["canonical_url"] == "https://ledger.example.org/world/fisheries-accord"
        )
        assert document.published == "2022-11-08"

    def test_redirect_keeps_requested_url(self) -> None:
        document = only_document(self.read_urls("https://news.example.org/moved"))
        assert document.url == "https://news.example.org/story"
        assert document.extra["requested_url"] == "https://news.example.org/moved"

    def test_text_and_json(self) -> None:
        items = self.read_urls(
            "https://news.example.org/notes.txt", "https://news.example.org/records.json"
        )
        assert [type(item).__name__ for item in items] == [
            "RawDocument",
            "RawDocument",
            "IngestFailure",
        ]
        assert documents(items)[0].title == "Ministers agree to resume talks"

    def test_vague_content_types_are_corrected_by_sniffing(self) -> None:
        page, feed_item, _teaser = self.read_urls(
            "https://news.example.org/mislabelled.txt", "https://news.example.org/feed-as-html"
        )
        assert isinstance(page, RawDocument)
        assert page.content_type == "html"
        assert isinstance(feed_item, RawDocument)
        assert feed_item.title == "Port authority signs cooperation memorandum"

    def test_bad_urls_fail_and_batch_goes_on(self) -> None:
        items = self.read_urls(
            "https://news.example.org/evil",
            "https://news.example.org/photo",
            "https://news.example.org/missing",
            "https://unknown.example.org/",
            "https://news.example.org/story",
        )
        reasons = [item.reason for item in failures(items)]
        assert len(reasons) == 4
        assert "loopback" in reasons[0]
        assert "image" in reasons[1]
        assert "404" in reasons[2]
        assert "resolve" in reasons[3]
        assert isinstance(items[-1], RawDocument)

    def test_count_is_unknown_with_urls(self, tmp_path: Path) -> None:
        assert count_inputs(["https://news.example.org/story", str(tmp_path)]) is None
        assert count_inputs(["-"]) is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus ../shared/seeds not present")
def test_seed_texts_read_whole_with_titles_only_for_headlines() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    items = read([str(path) for path in paths])
    docs = documents(items)
    assert len(docs) == len(paths) == 5
    for path, document in zip(paths, docs, strict=True):
        text = path.read_text(encoding="utf-8")
        assert document.content == text
        first_line = next(line.strip() for line in text.splitlines() if line.strip())
        if document.title is not None:
            assert document.title == first_line
    # four of the seeds open with a headline; one opens straight into its first paragraph
    assert sum(document.title is not None for document in docs) == 4
    assert docs[-1].title is None

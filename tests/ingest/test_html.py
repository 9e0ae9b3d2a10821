"""HTML extraction: main text with paragraph breaks, metadata, dates from markup only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from entente.errors import InputError
from entente.ingest.html import date_params, extract_html, metadata_date, states_date

FIXTURES = Path(__file__).parent / "fixtures"
BODY = "".join(
    f"<p>Paragraph {n}: delegates discussed trade, energy and transport at length during the "
    "talks, officials said after the session closed.</p>"
    for n in range(1, 4)
)


def page(head: str = "", before_body: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Talks go on</title>{head}</head>"
        f"<body><article><h1>Talks go on</h1>{before_body}{BODY}</article></body></html>"
    )


@pytest.fixture(scope="module")
def article() -> str:
    return (FIXTURES / "article.html").read_text(encoding="utf-8")


def test_metadata_from_the_fixture(article: str) -> None:
    extracted = extract_html(article)
    assert extracted.title == "Ministers agree on fisheries accord"
    assert extracted.author == "Ingrid Solberg"
    assert extracted.outlet == "The Northern Ledger"
    assert extracted.url == "https://ledger.example.org/world/fisheries-accord"
    assert extracted.date == "2022-11-08"
    assert extracted.language == "en"


def test_main_text_keeps_paragraphs_and_drops_boilerplate(article: str) -> None:
    text = extract_html(article).text
    paragraphs = text.split("\n\n")
    assert any(p.startswith("The foreign ministers of Norway") for p in paragraphs)
    # a <br> is a line break inside its paragraph, not a new paragraph
    second = next(p for p in paragraphs if p.startswith("The accord, first signed"))
    assert "\nBoth governments said" in second
    assert "Sport" not in text
    assert "All rights reserved" not in text


def test_given_url_is_kept_when_page_has_no_canonical() -> None:
    extracted = extract_html(page(), url="https://news.example.org/talks")
    assert extracted.url == "https://news.example.org/talks"


def test_date_in_the_prose_is_not_the_publication_date() -> None:
    prose = "<p>On 2021-05-04 the ministers met again to sign the accord they negotiated.</p>"
    assert extract_html(page(before_body=prose)).date is None
    assert extract_html(page(before_body="<p>It was signed on March 3, 2020.</p>")).date is None


@pytest.mark.parametrize(
    ("head", "before_body"),
    [
        ('<meta property="article:published_time" content="2021-05-04T08:00:00Z">', ""),
        ('<meta name="date" content="2021-05-04">', ""),
        ("", '<time datetime="2021-05-04T10:00">4 May</time>'),
        ("", '<div class="article-meta"><span>Published 4 May 2021</span></div>'),
        (
            "",
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2021-05-04T10:00:00Z"}</script>',
        ),
    ],
)
def test_date_from_metadata_and_markup(head: str, before_body: str) -> None:
    assert extract_html(page(head, before_body)).date == "2021-05-04"


def test_date_from_url() -> None:
    extracted = extract_html(page(), url="https://news.example.org/2022/07/15/talks-go-on")
    assert extracted.date == "2022-07-15"


def test_no_metadata_means_no_date() -> None:
    assert extract_html(page()).date is None


def test_future_date_is_refused() -> None:
    head = '<meta property="article:published_time" content="2999-01-01">'
    assert extract_html(page(head)).date is None


def test_metadata_date_respects_today() -> None:
    from lxml.html import fromstring

    tree = fromstring(page('<meta name="date" content="2021-05-04">'))
    assert metadata_date(tree, today=date(2021, 5, 5)) == "2021-05-04"
    # the only date is after "today": no date, and no invented 1st of the month either
    assert metadata_date(tree, today=date(2021, 5, 3)) is None
    assert date_params(date(2021, 5, 5))["extensive_search"] is False


def test_fragment_without_html_element() -> None:
    extracted = extract_html(BODY)
    assert extracted.text.count("\n\n") == 2
    assert extracted.title is None


def test_language_from_meta() -> None:
    head = '<meta http-equiv="Content-Language" content="fr-FR">'
    assert extract_html(page(head)).language == "fr"


@pytest.mark.parametrize(
    "broken",
    [
        "",
        "   ",
        "<html><body></body></html>",
        "<html><head><title>Only a title</title></head><body><nav></nav></body></html>",
        "\x00\x01\x02\x03",
        "<<<>>>",
    ],
)
def test_nothing_usable_raises_input_error(broken: str) -> None:
    with pytest.raises(InputError):
        extract_html(broken)


def test_unclosed_tags_still_extract() -> None:
    html = "<html><body><div><p>Unclosed paragraph about a ministerial visit to the port.<p>More"
    extracted = extract_html(html)
    assert "ministerial visit" in extracted.text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<meta name="date" content="2021-05">', None),  # a month is not a day
        ('<meta name="date" content="2021-05-01">', "2021-05-01"),
        ('<meta name="date" content="May 1, 2021">', "2021-05-01"),
        ('<meta name="date" content="1 May 2021">', "2021-05-01"),
        ('<meta name="date" content="01.05.2021">', "2021-05-01"),
    ],
)
def test_first_of_month_needs_the_page_to_say_so(markup: str, expected: str | None) -> None:
    assert extract_html(page(markup)).date == expected


def test_partial_date_is_not_completed_with_todays_day() -> None:
    # dateutil, under htmldate, fills a missing day from today's date
    head = '<meta name="date" content="2021-03">'
    assert extract_html(page(head)).date is None


@pytest.mark.parametrize(
    ("markup", "day"),
    [
        ("2021-05-04T10:00:00Z", True),
        ("/2021/5/4/", True),
        ("20210504", True),
        ("04.05.2021", True),
        ("Tuesday, 4th May 2021", True),
        ("May 4, 2021", True),
        ("Sept. 4, 2021", False),  # not May
        ("2021-05-14", False),
        ("2021-05", False),
    ],
)
def test_states_date(markup: str, day: bool) -> None:
    assert states_date(markup, 2021, 5, 4) is day

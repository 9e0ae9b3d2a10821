"""Reference lists at the end of texts, their dates, and inline citation markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.ingest.references import (
    citation_markers,
    extract_references,
    parse_reference,
    parse_reference_date,
)

BODY = (
    "Chile and Norway agreed on Tuesday to set up a fisheries group.[1] "
    "Critics called the plan too slow.[2]"
)


def test_numbered_list_with_quoted_titles_one_based() -> None:
    text = (
        f"{BODY}\n\n"
        "1. “Oslo talks end in fisheries deal” Nordic Wire, 3 Mar. 2023,\n\n"
        "2. “Critics say the plan is ‘too slow'” The Southern Post, 4 March 2023,"
    )
    body, sources = extract_references(text)
    assert body == BODY
    assert [s.index for s in sources] == [1, 2]
    assert sources[0].title == "Oslo talks end in fisheries deal"
    assert sources[1].title == "Critics say the plan is ‘too slow'"
    assert [s.outlet for s in sources] == ["Nordic Wire", "The Southern Post"]
    assert [s.date for s in sources] == ["2023-03-03", "2023-03-04"]
    assert sources[0].raw.startswith("1. “Oslo talks")


def test_bracketed_entries_with_urls_and_retrieval_dates() -> None:
    text = (
        f"{BODY}\n\nReferences\n\n"
        "[1] Oslo talks end in deal. Nordic Wire. Mar 3, 2023. "
        "https://example.com/news/oslo-deal Retrieved April 2, 2023.\n"
        "[2] Critics pan fisheries plan, The Southern Post, 2023-03-04\n"
        "https://example.org/south/critics"
    )
    body, sources = extract_references(text)
    assert body == BODY
    first, second = sources
    assert (first.title, first.outlet, first.date) == (
        "Oslo talks end in deal",
        "Nordic Wire",
        "2023-03-03",
    )
    assert first.url == "https://example.com/news/oslo-deal"
    assert (second.title, second.outlet, second.date) == (
        "Critics pan fisheries plan",
        "The Southern Post",
        "2023-03-04",
    )
    assert second.url == "https://example.org/south/critics"


def test_apa_style_entry() -> None:
    source = parse_reference(
        "Doe, J. (2023, February 21). Fisheries pact signed. Nordic Review. https://example.com/p"
    )
    assert (source.title, source.outlet, source.date) == (
        "Fisheries pact signed",
        "Nordic Review",
        "2023-02-21",
    )


def test_title_dash_outlet_entry_with_month_only() -> None:
    source = parse_reference("Fisheries pact signed - Nordic Wire, March 2023", index=3)
    assert (source.index, source.title, source.outlet, source.date) == (
        3,
        "Fisheries pact signed",
        "Nordic Wire",
        "2023-03",
    )


def test_date_inside_a_quoted_title_is_not_the_source_date() -> None:
    source = parse_reference("“Talks set for 1 May 2023” Nordic Wire, 21 Feb. 2023,")
    assert source.title == "Talks set for 1 May 2023"
    assert source.date == "2023-02-21"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21 Feb. 2023", "2023-02-21"),
        ("21st February 2023", "2023-02-21"),
        ("Feb 21, 2023", "2023-02-21"),
        ("Sept. 3, 2022", "2022-09-03"),
        ("2023-02-21", "2023-02-21"),
        ("2023/2/1", "2023-02-01"),
        ("21/02/2023", "2023-02-21"),
        ("02/21/2023", "2023-02-21"),
        ("03/04/2023", "2023"),  # day and month cannot be told apart: only the year is certain
        ("February 2023", "2023-02"),
        ("(2023)", "2023"),
        ("31 Feb. 2023", None),  # no such day: nothing is invented
        ("2023-13-01", None),
        ("in 2023", None),  # a bare year in running words is not a date of publication
    ],
)
def test_reference_dates_are_strict(text: str, expected: str | None) -> None:
    assert parse_reference_date(text)[0] == expected


def test_trailing_numbered_prose_is_not_a_reference_list() -> None:
    text = (
        f"{BODY}\n\nThe plan has two parts:\n\n"
        "1. Quotas will fall by a tenth by 2025.\n"
        "2. Inspections will start in March 2024."
    )
    assert extract_references(text) == (text, [])


def test_single_dated_entry_needs_a_heading_or_a_marker() -> None:
    lone = "Chile and Norway met.\n\n1. Oslo talks end, Nordic Wire, 3 Mar. 2023"
    assert extract_references(lone) == (lone, [])
    headed = "Chile and Norway met.\n\nSources:\n1. Oslo talks end, Nordic Wire, 3 Mar. 2023"
    body, sources = extract_references(headed)
    assert body == "Chile and Norway met."
    assert sources[0].outlet == "Nordic Wire"
    cited = "Chile and Norway met.[1]\n\n1. Oslo talks end, Nordic Wire, 3 Mar. 2023"
    assert extract_references(cited)[0] == "Chile and Norway met.[1]"


def test_broken_numbering_is_not_a_list() -> None:
    text = (
        f"{BODY}\n\n1. “Oslo talks” Nordic Wire, 3 Mar. 2023,\n"
        "3. “Critics” The Southern Post, 4 Mar. 2023,"
    )
    assert extract_references(text) == (text, [])


def test_text_without_list_is_unchanged() -> None:
    assert extract_references(BODY) == (BODY, [])
    assert extract_references("") == ("", [])


def test_citation_markers() -> None:
    text = "One.[0] Two.[1, 2] Three.[3-5] Too wide.[7-90] Not one.[2000]"
    markers = citation_markers(text)
    assert [m[2] for m in markers] == [0, 1, 2, 3, 4, 5, 7]
    start, end, _ = markers[0]
    assert text[start:end] == "[0]"
    assert markers[1][:2] == markers[2][:2]


def test_seed_000_reference_list(seeds_dir: Path) -> None:
    raw = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    body, sources = extract_references(raw)
    assert [s.index for s in sources] == [0, 1, 2, 3, 4]
    assert all(s.date is not None and s.date.startswith("2023-02-") for s in sources)
    assert all(s.title and s.outlet for s in sources)
    for source in sources:
        assert source.raw in raw
        assert source.title not in body
    assert raw.startswith(body)
    assert [m[2] for m in citation_markers(body)] == [0, 1, 2, 3, 4]

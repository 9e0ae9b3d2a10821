"""Publication dates: precedence of evidence, bounds, and honest unknowns."""

from __future__ import annotations

import datetime as dt

import pytest

from entente.dating.publication import infer_publication_date, parse_date_string
from entente.errors import InputError
from entente.models import CitedSource

BODY = "Lima and Quito agreed to reopen border crossings, officials said."


def source(day: str | None, outlet: str = "Andes Wire") -> CitedSource:
    return CitedSource(index=0, title="Border talks", outlet=outlet, date=day)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-19", dt.date(2024, 6, 19)),
        ("2024-06-19T23:30:00-05:00", dt.date(2024, 6, 19)),  # the day as written, not UTC
        ("2024-06-19 08:00", dt.date(2024, 6, 19)),
        ("20240619", dt.date(2024, 6, 19)),
        ("Wed, 19 Jun 2024 10:00:00 GMT", dt.date(2024, 6, 19)),
        ("June 19, 2024", dt.date(2024, 6, 19)),
        ("19 Jun 2024 10:32 BST", dt.date(2024, 6, 19)),
        ("June 2024", None),
        ("yesterday", None),
        ("not a date", None),
        ("2024-02-30", None),
    ],
)
def test_parse_date_string(value: str, expected: dt.date | None) -> None:
    assert parse_date_string(value) == expected


def test_given_beats_metadata_and_text() -> None:
    text = "Published June 1, 2024\n" + BODY
    dated = infer_publication_date(text, given="2024-06-19", metadata_date="2024-06-18")
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (
        "2024-06-19",
        "given",
        "2024-06-19",
        "2024-06-19",
    )
    assert "2024-06-19" in (dated.evidence or "")


def test_unreadable_given_date_is_a_user_error() -> None:
    with pytest.raises(InputError, match="someday"):
        infer_publication_date(BODY, given="someday")


def test_metadata_beats_the_text() -> None:
    dated = infer_publication_date(
        "Published June 1, 2024\n" + BODY, metadata_date="Tue, 18 Jun 2024 09:00:00 +0000"
    )
    assert (dated.date, dated.method) == ("2024-06-18", "metadata")


def test_unreadable_metadata_falls_back_to_the_text_and_says_so() -> None:
    dated = infer_publication_date("Published June 1, 2024\n" + BODY, metadata_date="soon")
    assert (dated.date, dated.method) == ("2024-06-01", "text")


@pytest.mark.parametrize(
    "text",
    [
        "LIMA, Peru, June 19, 2024 (AP) — " + BODY,
        "Border deal\nPublished: 19 June 2024\n" + BODY,
        "June 19, 2024 — " + BODY,
        "By Ana Ruiz | June 19, 2024\n" + BODY,
    ],
)
def test_text_stating_its_date(text: str) -> None:
    dated = infer_publication_date(text)
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (
        "2024-06-19",
        "text",
        "2024-06-19",
        "2024-06-19",
    )
    evidence = dated.evidence or ""
    assert "June 19, 2024" in evidence or "19 June 2024" in evidence


def test_update_stamp_is_an_upper_bound() -> None:
    text = "Updated: 2024-06-21\nThe ministers met in Lima on June 18, 2024."
    dated = infer_publication_date(text)
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (
        "2024-06-21",
        "text",
        "2024-06-18",
        "2024-06-21",
    )


def test_yearless_dateline_takes_its_year_from_close_evidence() -> None:
    text = "LIMA, June 19 (Reuters) - Officials said talks held on June 17, 2024 went well."
    dated = infer_publication_date(text)
    assert (dated.date, dated.method) == ("2024-06-19", "inferred")
    assert "without a year" in (dated.evidence or "")


def test_yearless_dateline_alone_gives_no_year() -> None:
    dated = infer_publication_date("LIMA, June 19 (Reuters) - " + BODY)
    assert (dated.date, dated.method) == (None, "unknown")
    assert "June 19" in (dated.evidence or "")


def test_yearless_dateline_far_from_evidence_is_not_given_a_year() -> None:
    text = "LIMA, June 19 (Reuters) - The accord signed on March 3, 2019 still holds."
    dated = infer_publication_date(text)
    assert (dated.date, dated.method) == (None, "unknown")
    assert dated.earliest == "2019-06-19"  # the first June 19 on or after the evidence


def test_yearless_dateline_is_not_given_a_year_from_a_month() -> None:
    text = "LIMA, June 19 (Reuters) - The accord reached in May 2024 still holds."
    dated = infer_publication_date(text)
    assert (dated.date, dated.earliest) == (None, "2024-06-19")


def test_dated_byline_beats_a_dateline_without_year() -> None:
    text = "By Ana Ruiz | June 19, 2024, 9:41 AM\nLIMA, June 19 (Reuters) - " + BODY
    dated = infer_publication_date(text)
    assert (dated.date, dated.method) == ("2024-06-19", "text")


def test_newest_cited_source_is_a_lower_bound_and_the_date() -> None:
    sources = [source("2024-06-17"), source("2024-06-18", "Quito Daily"), source(None)]
    dated = infer_publication_date(BODY, cited_sources=sources)
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (
        "2024-06-18",
        "inferred",
        "2024-06-18",
        None,
    )
    assert "Quito Daily" in (dated.evidence or "")


def test_weekday_of_the_newest_evidence_bounds_the_window() -> None:
    text = "The ministers met in Lima on Tuesday and agreed to reopen the border."
    dated = infer_publication_date(text, cited_sources=[source("2024-06-18")])  # a Tuesday
    assert (dated.date, dated.earliest, dated.latest) == ("2024-06-18", "2024-06-18", "2024-06-24")
    assert "Tuesday" in (dated.evidence or "")


def test_weekday_that_does_not_match_gives_no_upper_bound() -> None:
    text = "The ministers met in Lima on Friday and agreed to reopen the border."
    dated = infer_publication_date(text, cited_sources=[source("2024-06-18")])
    assert dated.latest is None


def test_newest_past_date_in_the_text() -> None:
    text = (
        "The accord was first signed on March 3, 2019. On June 18, 2024, ministers "
        "renewed it in Lima. A review is scheduled for September 30, 2024."
    )
    dated = infer_publication_date(text)
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (
        "2024-06-18",
        "inferred",
        "2024-06-18",
        "2024-09-30",
    )
    assert '"On June 18, 2024, ministers renewed it in Lima"' in (dated.evidence or "")


@pytest.mark.parametrize(
    "text",
    [
        "The leaders will meet in Lima on June 25, 2024.",
        "A summit is scheduled for June 25, 2024 in Lima.",
        "Talks on June 25, 2024 are expected to settle the dispute.",
        "The presidents plan to sign the accord on June 25, 2024.",
    ],
)
def test_future_dates_are_never_the_publication_date(text: str) -> None:
    dated = infer_publication_date(text)
    assert dated.date is None
    assert dated.method == "unknown"
    assert dated.latest == "2024-06-25"


def test_plan_before_the_lower_bound_is_ignored_with_a_note() -> None:
    text = "Ministers met on June 18, 2024. They will meet again on June 2, 2024."
    dated = infer_publication_date(text)
    assert (dated.date, dated.latest) == ("2024-06-18", None)
    assert "ignored" in (dated.evidence or "")


def test_relative_expression_beside_a_date_pins_the_day() -> None:
    dated = infer_publication_date("The ministers met yesterday, June 18, 2024, in Lima.")
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (
        "2024-06-19",
        "text",
        "2024-06-19",
        "2024-06-19",
    )
    assert '"yesterday"' in (dated.evidence or "")


def test_relative_month_beside_a_month_narrows_the_window() -> None:
    text = "Exports fell last month, in May 2024, and rose on June 3, 2024, officials said."
    dated = infer_publication_date(text)
    assert (dated.date, dated.earliest, dated.latest) == ("2024-06-03", "2024-06-03", "2024-06-30")


def test_month_precision_gives_only_a_lower_bound() -> None:
    dated = infer_publication_date("The two governments signed a pact in February 2022.")
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (
        None,
        "unknown",
        "2022-02-01",
        None,
    )
    assert "February 2022" in (dated.evidence or "")


def test_yearless_dates_are_not_given_a_year() -> None:
    dated = infer_publication_date("On Dec. 22, navies drilled. Ministers met on Dec. 30.")
    assert (dated.date, dated.method, dated.earliest) == (None, "unknown", None)
    assert "Dec. 22" in (dated.evidence or "")


def test_nothing_dated_is_unknown_never_today() -> None:
    dated = infer_publication_date(BODY)
    assert (dated.date, dated.method, dated.earliest, dated.latest) == (None, "unknown", None, None)
    assert dated.evidence


def test_title_date_counts_as_reported() -> None:
    dated = infer_publication_date(BODY, title="Border deal of June 18, 2024")
    assert (dated.date, dated.method) == ("2024-06-18", "inferred")
    assert "the title" in (dated.evidence or "")


def test_raw_text_with_its_reference_list() -> None:
    text = (
        "Ministers agreed to reopen the border.[0] Critics objected.[1]\n\n"
        "0. “Border to reopen” Andes Wire, 17 Jun. 2024,\n\n"
        "1. “Critics object to border plan” Quito Daily, 18 Jun. 2024,"
    )
    dated = infer_publication_date(text)
    assert (dated.date, dated.method, dated.earliest) == ("2024-06-18", "inferred", "2024-06-18")
    assert "Quito Daily" in (dated.evidence or "")


def test_evidence_is_always_given() -> None:
    for text in (BODY, "Published June 1, 2024\n" + BODY, "Ministers met on June 18, 2024."):
        assert infer_publication_date(text).evidence

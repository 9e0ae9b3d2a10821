"""Stamps, datelines, date lines and bylines where a text states its own date."""

from __future__ import annotations

import pytest

from entente.dating.datelines import find_stamp


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Ports reopen\nPublished June 19, 2024\nThe ports reopened.", "published", "2024-06-19"),
        ("Ports reopen\nPosted on: 19 June 2024 10:32 BST\nText.", "published", "2024-06-19"),
        ("Ports reopen\nUpdated: 2024-06-20\nThe ports reopened.", "updated", "2024-06-20"),
        ("LIMA, Peru, June 19, 2024 (AP) — The ports reopened.", "dateline", "2024-06-19"),
        ("June 19, 2024 — The ports reopened after a strike.", "dateline", "2024-06-19"),
        ("Feb. 21, 2023, 10:15 AM ET\nThe ports reopened.", "dateline", "2023-02-21"),
        ("By Ana Ruiz | 19 June 2024\nThe ports reopened.", "published", "2024-06-19"),
        ("The ports reopened.\n\nPublished: 19/06/2024", "published", "2024-06-19"),
    ],
)
def test_stamps(text: str, kind: str, value: str) -> None:
    stamp = find_stamp(text)
    assert stamp is not None
    assert (stamp.kind, stamp.timex.value) == (kind, value)


def test_dateline_without_year_keeps_month_and_day() -> None:
    stamp = find_stamp("LIMA, June 19 (Reuters) - The ports reopened.")
    assert stamp is not None
    assert stamp.kind == "dateline_yearless"
    assert stamp.timex.partial == "--06-19"
    assert stamp.line == "LIMA, June 19 (Reuters) -"


def test_published_stamp_wins_over_update() -> None:
    stamp = find_stamp("Updated: 2024-06-21\nPublished: 2024-06-19\nText.")
    assert stamp is not None and stamp.timex.value == "2024-06-19"


@pytest.mark.parametrize(
    "text",
    [
        "LIMA (Reuters) - The ports reopened on June 19, 2024 after a strike.",
        "On June 19, 2024, the ports reopened after a strike.",
        "The ports reopened. Officials released on June 19, 2024 a statement.",
        "Nothing here is dated.",
        "",
    ],
)
def test_no_stamp_in_running_prose(text: str) -> None:
    assert find_stamp(text) is None


def test_dateline_spans_cover_the_place_and_date_only() -> None:
    from entente.dating.datelines import dateline_spans

    text = "EU sanctions\n\nBRUSSELS, Feb 24, 2024 (Staff) - The EU on Friday adopted sanctions."
    ((lo, hi),) = dateline_spans(text)
    assert text[lo:hi].startswith("BRUSSELS, Feb 24, 2024") and "Friday" not in text[lo:hi]
    text = "Ports\nJune 19, 2024 — The ports reopened on Monday."
    ((lo, hi),) = dateline_spans(text)
    assert text[lo:hi] == "June 19, 2024"
    assert dateline_spans("The ports reopened on June 19, 2024.") == []

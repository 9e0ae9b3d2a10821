"""Sentence bounds and the past/plan reading of a date mention from word cues."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entente.dating.context import (
    _BREAK,
    _BREAK_SCAN,
    _indexed_bounds,
    _scanned_bounds,
    mention_tense,
    sentence_bounds,
)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_sentence_bounds_skip_abbreviations() -> None:
    text = "The U.S. envoy arrived on Dec. 4 in Seoul. Talks followed on Dec. 5."
    start, end = span_of(text, "Dec. 4")
    first, last = sentence_bounds(text, start, end)
    assert text[first:last] == "The U.S. envoy arrived on Dec. 4 in Seoul"
    start, end = span_of(text, "Dec. 5")
    first, last = sentence_bounds(text, start, end)
    assert text[first:last] == "Talks followed on Dec. 5."


def test_line_breaks_end_sentences() -> None:
    text = "Leaders meet in Rome\nThe summit opened on 3 May 2024 with a speech."
    first, last = sentence_bounds(text, *span_of(text, "3 May 2024"))
    assert text[first:last].startswith("The summit opened")


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("The ministers met on 3 May 2024 in Rome.", "3 May 2024", "past"),
        ("The ministers will meet on 3 May 2024 in Rome.", "3 May 2024", "future"),
        ("The summit is scheduled for 3 May 2024.", "3 May 2024", "future"),
        ("Talks on 3 May 2024 are expected to be tense.", "3 May 2024", "future"),
        ("The ministers meet on 3 May 2024 in Rome.", "3 May 2024", None),
        ("The envoy, who was appointed on 3 May 2024, will travel to Rome.", "3 May 2024", "past"),
        (
            "The envoy, who was appointed in April, will travel on 3 May 2024.",
            "3 May 2024",
            "future",
        ),
        ("The treaty, which will expire soon, was signed on 3 May 2024.", "3 May 2024", "past"),
    ],
)
def test_mention_tense(text: str, date: str, expected: str | None) -> None:
    assert mention_tense(text, *span_of(text, date)) == expected


def test_adjectives_in_ed_are_not_a_past_tense() -> None:
    text = "The United Nations and the armed forces parade on 9 May 2024."
    assert mention_tense(text, *span_of(text, "9 May 2024")) is None


# -- the break index answers as the window scan does ---------------------------------------------

_PIECES = [
    *"The envoy met officials|U.S.|Dec.|Mr.|e.g.|said|will meet|a|On March 3, 2021|2024.".split(
        "|"
    ),
    *[". ", "! ", "? ", "... ", "…", "\n", "\n\n", "\u201d ", '." ', ".) ", " ", "  ", "(", ")"],
    *["\u2019", "x" * 250, "long clause without any stop " * 8],
]


@st.composite
def _texts_and_spans(draw: st.DrawFn) -> tuple[str, int, int]:
    text = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40)))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 20)))
    return text, start, end


@settings(max_examples=400, deadline=None)
@given(_texts_and_spans())
def test_indexed_sentence_bounds_equal_the_scanned_ones(case: tuple[str, int, int]) -> None:
    text, start, end = case
    indexed = _indexed_bounds(text, start, end)
    if indexed is not None:
        assert indexed == _scanned_bounds(text, start, end)
    assert sentence_bounds(text, start, end) == _scanned_bounds(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?…\"”’')] \n\tab", max_size=80))
def test_the_fast_break_pattern_finds_the_same_breaks(text: str) -> None:
    assert [m.span() for m in _BREAK_SCAN.finditer(text)] == [
        m.span() for m in _BREAK.finditer(text)
    ]

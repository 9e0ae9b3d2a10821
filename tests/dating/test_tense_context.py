"""Sentence bounds and the past/plan reading of a date mention from word cues."""

from __future__ import annotations

import pytest

from entente.dating.context import mention_tense, sentence_bounds


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

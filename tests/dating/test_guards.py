"""The tagger's speed-ups find exactly what the plain scan finds: guards, triggers, anchors."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.dating.datelines import find_stamp
from entente.dating.guards import compile_guarded, start_guard, starts_at_trigger
from entente.dating.patterns import Grammar, grammar
from entente.dating.timex import find_timexes

# Pieces of news-like text dense in what the tagger looks at, and in what trips simple readers:
# case, abbreviations, numbers glued to words, odd characters that case-insensitive matching
# treats as ASCII letters ("ſ", the Kelvin sign, dotted and dotless i) and digits of other scripts.
TOKENS = (
    "March march MAY may Mayor Marchant Dec. Sept sept. June Jun August Wednesday Wed. wed Friday "
    "the The of on in from between and to through until last next this coming early late end "
    "spring winter fall today yesterday ago years year week month days three twenty-one for "
    "later earlier now hence time third 4th 22 3 31 12 2024 2023 1999 20245 2014-16 2021-10-04 "
    "10/24/2021 4.10.2021 1990s 2024march x2024 2024% No. # — – - / , . ( ) \u2019 \u201c "
    "\u201d \u00e9t\u00e9 \u017fept \u212aelvin \u0130stanbul \u0131 "
    "\u0662\u0660\u0662\u0664 20\u0662\u0664 Reuters said met will scheduled expected"
).split()
SEPARATORS = [" ", " ", " ", "  ", ", ", ". ", "\n", "\n\n", "-", "", "\u00a0"]


@st.composite
def texts(draw: st.DrawFn, max_tokens: int = 40) -> str:
    words = draw(st.lists(st.sampled_from(TOKENS), max_size=max_tokens))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(pattern: re.Pattern[str], text: str, low: int = 0, high: int | None = None) -> list:
    end = len(text) if high is None else high
    return [(m.span(), m.groups()) for m in pattern.finditer(text, low, end)]


@FAST
@given(texts(), st.data())
def test_guarded_patterns_match_like_the_plain_ones(text: str, data: st.DataObject) -> None:
    tagger = grammar()
    low = data.draw(st.integers(0, len(text)))
    high = data.draw(st.integers(low, len(text)))
    for source, (guarded, _) in zip(tagger.sources, tagger.patterns, strict=True):
        plain = re.compile(source, re.IGNORECASE)
        assert _spans(guarded, text, low, high) == _spans(plain, text, low, high), source


def test_start_guard_reads_first_characters_and_boundaries() -> None:
    assert start_guard(r"\b(?:may|june)\b", re.IGNORECASE) == r"(?=[jm])\b"
    assert start_guard(r"(?<![\w'])(?:will|plan)\b") == r"(?=[pw])\b"
    assert start_guard(r"(?<![\d/-])\d{4}") == r"(?=[\d])"
    # "Not after a word character" is no boundary before a hyphen.
    assert "\\b" not in start_guard(r"(?<![\w-])(?:-x|y)")
    assert start_guard(r"(?:the\s+)?\d") == r"(?=[\dt])"
    # A negated class in a look-behind ("after a word character") is no boundary.
    assert start_guard(r"(?<![^\w])x") == r"(?=[x])"


@pytest.mark.parametrize("pattern", [r"x?", r"(?:a|)", r"[^a]b", r".b", r"(?:x|\s)*"])
def test_no_guard_where_none_is_safe(pattern: str) -> None:
    assert start_guard(pattern) == ""
    assert compile_guarded(pattern).pattern == pattern


def test_inline_flags_compile_without_a_guard() -> None:
    assert compile_guarded(r"(?x) a  b").pattern == r"(?x) a  b"


def test_starts_at_trigger() -> None:
    months = frozenset({"may", "march"})
    assert starts_at_trigger(r"\b(?P<m>may|march)\b\.?\s+\d", re.I, months, 0)
    assert starts_at_trigger(r"\b(?P<m>march|may)\b", re.I, months, 0)
    assert not starts_at_trigger(r"\b(?P<m>may|march)\b", re.I, frozenset({"may"}), 0)
    assert not starts_at_trigger(r"(?:\bthe\s+)?\b(?P<m>may|march)\b", re.I, months, 0)
    assert not starts_at_trigger(r"\b(?P<m>may|march)\.?", re.I, months, 0)  # "mayor"
    assert starts_at_trigger(r"(?<![\d/-])(?P<y>\d{4})(?P<sep>[-/])", re.I, frozenset(), 4)
    assert starts_at_trigger(r"(?<![\w$])(?P<y>(?:1[6-9]|20)\d\d)(?!\d)", re.I, frozenset(), 4)
    assert not starts_at_trigger(r"(?<![\d/-])(?P<a>\d{1,2})/", re.I, frozenset(), 4)
    assert not starts_at_trigger(r"(?P<y>\d{4})(?!\d)", re.I, frozenset(), 4)  # "12024"
    assert not starts_at_trigger(r"(?<!\d)(?P<y>\d{4})", re.I, frozenset(), 4)  # "20245"
    assert not starts_at_trigger(r"(?<![^\d])(?P<y>\d{4})(?!\d)", re.I, frozenset(), 4)


def test_the_grammar_anchors_the_patterns_that_open_with_a_trigger() -> None:
    tagger = grammar()
    anchored = {tagger.patterns[rank][1].__name__ for rank in tagger._anchored}
    assert anchored == {"_iso", "_day_range", "_month_year", "_month_only", "_year_range", "_year"}


def _plain_grammar() -> Grammar:
    plain = copy.copy(grammar())
    plain._anchored = frozenset()
    return plain


@FAST
@given(texts(60))
def test_anchored_scan_finds_what_the_window_scan_finds(text: str) -> None:
    assert sorted(grammar().scan(text)) == sorted(_plain_grammar().scan(text))


@FAST
@given(texts(60))
def test_trigger_words_found_in_bytes_are_the_ones_re_finds(text: str) -> None:
    tagger = grammar()
    hits, exact = tagger._trigger_hits(text)
    reference = list(tagger._trigger_hits_regex(text))
    if exact:
        assert hits == reference
    else:
        assert any(c in text for c in "\u017f\u212a\u0130\u0131") or any(
            c.isdecimal() and not c.isascii() for c in text
        )


def test_odd_characters_fall_back_to_the_regex_reader() -> None:
    _, exact = grammar()._trigger_hits("The \u212aelvin report of March 3, 2024")
    assert not exact
    assert [t.text for t in find_timexes("The \u212aelvin report of March 3, 2024")] == [
        "March 3, 2024"
    ]


@FAST
@given(texts(12), st.sampled_from(["", " ", "  ", "\t"]))
def test_a_line_opening_with_a_date_passes_the_day_check(line: str, indent: str) -> None:
    stripped = (indent + line).strip()
    dated = [
        t
        for t in find_timexes(stripped)
        if (t.kind == "absolute" and t.precision == "day")
        or (t.kind == "yearless" and t.partial is not None and len(t.partial) == 7)
    ]
    if dated and dated[0].start <= 2:
        assert grammar().could_start_with_day(stripped, 2)


def test_date_lines_are_still_found() -> None:
    stamp = find_stamp("June 19, 2024 — Talks resumed in Geneva.\n\nMore text followed here.")
    assert stamp is not None and stamp.timex.value == "2024-06-19"
    assert not grammar().could_start_with_day("China met Russia on March 3, 2021.", 2)

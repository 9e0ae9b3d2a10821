"""The temporal tagger's regular expressions, built from the word lists, and the scan over a text.

Every pattern is compiled once per process. :meth:`Grammar.scan` runs them all over a text and
returns overlapping :class:`Candidate` spans; :mod:`entente.dating.timex` keeps the longest ones,
applies part words ("early", "the end of"), joins ranges and places the result on the calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from entente.dating.lexicon import Lexicon, load_lexicon
from entente.dating.matchers import Candidate, Handler, MatchReader, alternation

__all__ = ["Grammar", "grammar"]

_TOKEN = re.compile(r"[a-z]+|\d+")
_DIGIT = "#"
_DIGITS = frozenset({_DIGIT})


class Grammar(MatchReader):
    """The compiled patterns, each with the handler that reads a :class:`Reading` off a match."""

    def __init__(self, lex: Lexicon) -> None:
        super().__init__(lex)
        months = alternation(lex.months)
        full_months = alternation(words[0] for words in _month_names(lex))
        weekdays_any = alternation(lex.weekdays)
        weekdays_full = alternation(lex.weekday_full_names)
        seasons = alternation(lex.seasons)
        units = alternation(lex.units)
        count = rf"(?:{alternation(lex.cardinals)})(?:-(?:{alternation(lex.cardinals)}))?|\d{{1,4}}"
        vague_count = alternation(lex.vague_counts)
        approx = alternation(lex.approximators)
        shifts = alternation(lex.shifts)

        def mon(g: str) -> str:
            return rf"\b(?P<{g}>{months})\b\.?"

        def day(g: str) -> str:
            return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?\b(?!:\d|[.,]\d)"

        def year(g: str, *, in_date: bool = True) -> str:
            # After a month or day, "2014-16" is a range of years, not a year that ends a date.
            tail = r"(?![-–]\d)" if in_date else ""
            return rf"(?P<{g}>(?:1[6-9]|20)\d\d)(?!\d)(?!,\d\d\d)(?!\.\d){tail}"

        wd = rf"(?:\b(?P<wd>{weekdays_any})\b\.?,?\s+)?"
        cnt = rf"(?P<count>{count}|{vague_count})"
        month_words = frozenset(lex.months)
        season_words = frozenset(lex.seasons)
        unit_words = frozenset(lex.units)
        period_words = frozenset({"week", "month", "year", "fortnight"})
        table: list[tuple[str, Handler, frozenset[str], tuple[int, int]]] = [
            (
                r"(?<![\d/-])(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d\d)(?P=sep)(?P<d>\d\d)(?!\d)",
                self._iso,
                _DIGITS,
                (12, 8),
            ),
            (
                rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep){year('y')}(?![/])",
                self._numeric,
                _DIGITS,
                (8, 4),
            ),
            (
                rf"{mon('m')}\s+{day('d1')}\s*(?P<conn>-|–|—|to|through|until|and)\s*"
                rf"(?:{mon('m2')}\s+)?{day('d2')}(?:,?\s+{year('y')})?",
                self._day_range,
                month_words,
                (20, 28),
            ),
            (
                rf"(?<![\d,.]){day('d1')}\s*(?P<conn>-|–|—|to|and)\s*{day('d2')}\s+{mon('m')}"
                rf"(?:,?\s+{year('y')})?",
                self._day_range,
                month_words,
                (16, 12),
            ),
            (
                rf"{wd}(?:\bthe\s+)?\b{day('d')}(?:\s+of)?\s+{mon('m')}(?:,?\s+{year('y')})?",
                self._day_month,
                month_words,
                (32, 12),
            ),
            (
                rf"{wd}\bthe\s+(?P<dw>{alternation(lex.ordinals)})\s+of\s+{mon('m')}"
                rf"(?:,?\s+{year('y')})?",
                self._day_month,
                month_words,
                (45, 12),
            ),
            (
                rf"{wd}{mon('m')}\s+{day('d')}(?:,?\s+{year('y')})?",
                self._day_month,
                month_words,
                (14, 14),
            ),
            (rf"{mon('m')},?\s+(?:of\s+)?{year('y')}", self._month_year, month_words, (4, 12)),
            (
                rf"{mon('m')}\s+(?:of\s+)?(?P<shift>{shifts})\s+year\b",
                self._month_year,
                month_words,
                (4, 22),
            ),
            (
                rf"\b(?P<shift>{shifts})\s+(?P<m>{full_months})\b(?![\w-])(?!\.?\s*\d)",
                self._month_only,
                month_words,
                (12, 4),
            ),
            (
                rf"\b(?P<m>{full_months})\b(?![\w-])(?!\.?\s*\d)",
                self._month_only,
                month_words,
                (4, 4),
            ),
            (
                rf"(?:\bthe\s+)?\b(?P<s>{seasons})\b,?\s+(?:of\s+)?{year('y')}",
                self._season,
                season_words,
                (6, 12),
            ),
            (
                rf"(?:\bthe\s+)?\b(?P<s>{seasons})\s+of\s+(?P<yshift>{shifts})\s+year\b",
                self._season,
                season_words,
                (6, 24),
            ),
            (rf"\b(?P<shift>{shifts})\s+(?P<s>{seasons})\b", self._season, season_words, (12, 4)),
            (rf"(?:\bthe\s+)?\b(?P<s>{seasons})\b", self._season, season_words, (6, 4)),
            (
                rf"(?:\b(?P<shift>last|next|this|past|coming)\s+)?\b(?P<w>{weekdays_full})\b",
                self._weekday,
                lex.weekday_full_names,
                (14, 4),
            ),
            (
                rf"\b(?P<dd>{alternation(lex.deictic_days)})\b",
                self._deictic,
                _last_words(lex.deictic_days),
                (16, 4),
            ),
            (
                rf"(?:\b(?P<sub>{alternation(lex.sub_parts)})\s+)?\b(?P<shift>{shifts})\s+"
                rf"(?P<unit>week|month|year|fortnight)\b",
                self._shift,
                period_words,
                (24, 4),
            ),
            (
                rf"(?:\b(?:{approx})\s+)?(?:\b{cnt}\s+)?\b(?P<unit>{units})\s+ago\b",
                self._ago,
                frozenset({"ago"}),
                (48, 4),
            ),
            (
                rf"(?P<lead>\bin\s+)?\b{cnt}\s+(?P<unit>{units})(?:['’]s?)?\s+(?P<tail>from\s+now|hence"
                rf"|time)\b",
                self._from_now,
                frozenset({"now", "hence", "time"}),
                (48, 4),
            ),
            (
                rf"(?:\bthe\s+)?\b(?P<sw>{alternation(lex.span_words)})\s+(?:{cnt}\s+)?"
                rf"(?P<unit>{units})\b",
                self._span,
                unit_words,
                (40, 4),
            ),
            (
                rf"(?:\bthe\s+)?\b(?P<pw>{alternation(lex.parts)}|rest)\s+of\s+(?:the|this)\s+"
                rf"(?P<unit>year|month|week)\b",
                self._part_period,
                period_words,
                (40, 4),
            ),
            (
                rf"\b(?:for|lasting|spanning)\s+(?P<core>(?:(?:{approx})\s+)?(?:{cnt}\s+)?"
                rf"(?P<unit>{units}))\b",
                self._duration,
                unit_words,
                (40, 4),
            ),
            (
                rf"\b(?P<count>{count})-(?P<unit>day|week|month|year|decade)s?(?:-long|-old)?\b(?!-)",
                self._duration,
                unit_words,
                (14, 8),
            ),
            (
                rf"(?:\b{cnt}\s+)?\b(?P<unit>{units})\s+(?P<dir>later|earlier|before|after|prior)\b",
                self._duration,
                frozenset({"later", "earlier", "before", "after", "prior"}),
                (40, 4),
            ),
            (rf"\b(?:{alternation(lex.vague)})\b", self._vague, _last_words(lex.vague), (24, 4)),
            (r"(?:\bthe\s+)?(?<![\d'’])(?P<y>(?:1[6-9]|20)\d0)s\b", self._decade, _DIGITS, (6, 4)),
            (
                rf"(?<![\w$€£#.,/]){year('y1', in_date=False)}\s*[-–—]\s*"
                rf"(?:{year('y2', in_date=False)}|(?P<y2s>\d\d)(?!\d))",
                self._year_range,
                _DIGITS,
                (12, 10),
            ),
            (rf"(?<![\w$€£#.,/]){year('y', in_date=False)}", self._year, _DIGITS, (4, 4)),
        ]
        self.patterns = [(re.compile(rx, re.IGNORECASE), handler) for rx, handler, _, _ in table]
        self._reach = [reach for _, _, _, reach in table]
        # Which patterns a word can start: a text is scanned only around its trigger words, each
        # pattern as far before and after the word as its longest expression reaches (the last
        # item of a row). That keeps tagging near a millisecond an article; a full scan is ~20x.
        self._triggers: dict[str, list[int]] = {}
        for rank, (_, _, words, _) in enumerate(table):
            for word in words:
                self._triggers.setdefault(word, []).append(rank)

    def scan(self, text: str) -> list[Candidate]:
        """Every candidate span in ``text``, overlapping; ``rank`` is the pattern's position."""
        windows: dict[int, list[list[int]]] = {}
        size = len(text)
        for start, end, ranks in self._trigger_hits(text):
            for rank in ranks:
                before, after = self._reach[rank]
                low = max(0, start - before)
                # End the window at a space so that no word is cut (a cut word could match).
                high = text.find(" ", min(size, end + after))
                high = size if high < 0 else high
                spans = windows.setdefault(rank, [])
                if spans and low <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], high)
                else:
                    spans.append([low, high])
        found: dict[tuple[int, int, int], Candidate] = {}
        for rank, spans in windows.items():
            pattern, handler = self.patterns[rank]
            for low, high in spans:
                for match in pattern.finditer(text, low, high):
                    candidate = handler(match, text)
                    if candidate is not None:
                        found[(candidate.start, candidate.end, rank)] = candidate._replace(
                            rank=rank
                        )
        return list(found.values())

    def _trigger_hits(self, text: str) -> Iterator[tuple[int, int, list[int]]]:
        """Where trigger words occur, and the patterns each one can start.

        The words present are found with one ``findall`` and a set intersection, then located
        with a regex of only those words: two passes in C instead of a Python loop over tokens.
        """
        tokens = set(_TOKEN.findall(text.lower()))
        words = sorted(w for w in tokens if w in self._triggers)
        has_year = any(len(w) == 4 and w.isdigit() for w in tokens)
        if not words and not has_year:
            return
        parts = []
        if words:
            parts.append(rf"(?<![a-z])(?:{'|'.join(words)})(?![a-z])")
        if has_year:
            parts.append(r"(?<!\d)\d{4}(?!\d)")
        # Offsets must index the text itself: lower-casing can change a string's length ("İ").
        for hit in re.finditer("|".join(parts), text, re.IGNORECASE):
            word = hit.group(0)
            ranks = self._triggers.get(_DIGIT if word[0].isdigit() else word.lower())
            if ranks:
                yield hit.start(), hit.end(), ranks


def _last_words(phrases: Iterable[str]) -> frozenset[str]:
    """The last word of each phrase: present wherever the phrase is."""
    return frozenset(re.findall(r"[a-z]+", phrase.lower())[-1] for phrase in phrases)


def _month_names(lex: Lexicon) -> list[list[str]]:
    """Full month names (the longest spelling of each month), for months named on their own."""
    by_number: dict[int, list[str]] = {}
    for word, number in lex.months.items():
        by_number.setdefault(number, []).append(word)
    return [sorted(words, key=len, reverse=True) for _, words in sorted(by_number.items())]


@cache
def grammar() -> Grammar:
    """The process-wide compiled grammar."""
    return Grammar(load_lexicon())

"""The temporal tagger's regular expressions, built from the word lists, and the scan over a text.

Every pattern is compiled once per process. :meth:`Grammar.scan` runs them all over a text and
returns overlapping :class:`Candidate` spans; :mod:`entente.dating.timex` keeps the longest ones,
applies part words ("early", "the end of"), joins ranges and places the result on the calendar.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache

from entente.dating.guards import compile_guarded, starts_at_trigger
from entente.dating.lexicon import Lexicon, load_lexicon
from entente.dating.matchers import Candidate, Handler, MatchReader, alternation

__all__ = ["Grammar", "grammar"]

_TOKEN = re.compile(r"[a-z]+|\d+")
_DIGIT = "#"
_Hit = tuple[int, int, list[int]]  # start, end, the ranks of the patterns the word triggers
_DIGITS = frozenset({_DIGIT})
_YEAR_DIGITS = 4
_ALNUM_RUN = re.compile(rb"[a-z]+|[0-9]+")
_ASCII_LETTER_BYTES = frozenset(range(ord("a"), ord("z") + 1))
_ASCII_DIGIT_BYTES = frozenset(range(ord("0"), ord("9") + 1))
# Lower-cases ASCII letters, keeps digits and turns every other byte into a space.
_FOLD_TABLE = bytes(
    c | 0x20 if chr(c | 0x20) in string.ascii_lowercase else c if chr(c) in string.digits else 0x20
    for c in range(256)
)
# Characters other than a-z that case-insensitive ``[a-z]`` matches or that lower-case into a-z.
_LETTER_LIKE = frozenset("\u0130\u0131\u017f\u212a")


class Grammar(MatchReader):
    """The compiled patterns, each with the handler that reads a :class:`Reading` off a match.

    ``patterns`` are compiled behind start guards (:mod:`entente.dating.guards`); ``sources`` keeps
    them as written, in the same order.
    """

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
        # Each pattern is prefixed with a lookahead that every match meets anyway (see guards.py):
        # the matches are the same, the positions that cannot start one are skipped sooner.
        self.sources = [rx for rx, _, _, _ in table]
        self.patterns = [
            (compile_guarded(rx, re.IGNORECASE), handler) for rx, handler, _, _ in table
        ]
        self._reach = [reach for _, _, _, reach in table]
        # Patterns that can only match where one of their triggers starts (guards.py says which):
        # they are tried at those places instead of at every position of their windows.
        self._anchored = frozenset(
            rank
            for rank, (rx, _, words, _) in enumerate(table)
            if starts_at_trigger(
                rx, re.IGNORECASE, words - _DIGITS, _YEAR_DIGITS if _DIGIT in words else 0
            )
        )
        # The patterns whose matches can be day-precise dates (see could_start_with_day).
        day_readers = {self._iso, self._numeric, self._day_month}
        self._day_patterns = [
            pattern for pattern, handler in self.patterns if handler in day_readers
        ]
        # Which patterns a word can start: a text is scanned only around its trigger words, each
        # pattern as far before and after the word as its longest expression reaches (the last
        # item of a row). That keeps tagging near a millisecond an article; a full scan is ~20x.
        self._triggers: dict[str, list[int]] = {}
        for rank, (_, _, words, _) in enumerate(table):
            for word in words:
                self._triggers.setdefault(word, []).append(rank)
        # Only words of letters a-z can be whole-word hits (see _trigger_hits).
        self._byte_triggers = {
            word.encode("ascii"): ranks
            for word, ranks in self._triggers.items()
            if word.isascii() and word.isalpha()
        }

    def scan(self, text: str) -> list[Candidate]:
        """Every candidate span in ``text``, overlapping; ``rank`` is the pattern's position."""
        windows: dict[int, list[list[int]]] = {}
        hits, exact = self._trigger_hits(text)
        # Where an anchored pattern's triggers start: the only places it can match (see below).
        anchors: dict[int, list[int]] = {}
        size = len(text)
        reach, anchored = self._reach, self._anchored if exact else frozenset()
        # This loop runs some ten times per trigger: plain comparisons instead of min/max calls.
        for start, end, ranks in hits:
            for rank in ranks:
                before, after = reach[rank]
                low = start - before
                if low < 0:
                    low = 0
                # End the window at a space so that no word is cut (a cut word could match).
                stop = end + after
                high = text.find(" ", stop) if stop < size else -1
                if high < 0:
                    high = size
                spans = windows.get(rank)
                if spans is None:
                    windows[rank] = [[low, high]]
                elif low <= spans[-1][1]:
                    if high > spans[-1][1]:
                        spans[-1][1] = high
                else:
                    spans.append([low, high])
                if rank in anchored:
                    anchors.setdefault(rank, []).append(start)
        found: dict[tuple[int, int, int], Candidate] = {}
        for rank, spans in windows.items():
            pattern, handler = self.patterns[rank]
            starts = anchors.get(rank)
            for low, high in spans:
                if starts is None:
                    matches: Iterable[re.Match[str]] = pattern.finditer(text, low, high)
                else:
                    matches = _matches_at(pattern, text, starts, low, high)
                for match in matches:
                    got = handler(match, text)
                    if got is not None:
                        found[(got.start, got.end, rank)] = Candidate(
                            got.start, got.end, got.kind, got.reading, rank
                        )
        return list(found.values())

    def could_start_with_day(self, text: str, within: int) -> bool:
        """Whether a day-precise date could begin in the first ``within + 1`` characters.

        A necessary condition for :func:`entente.dating.timex.find_timexes` to find one there,
        some twenty times cheaper than tagging the text: it tries only the day patterns, only at
        those positions. (A match the scan finds inside its window also matches here, where the
        text runs on: each window ends before a space, which no pattern needs to see.)
        """
        last = min(within, len(text) - 1)
        return any(
            pattern.match(text, at) for pattern in self._day_patterns for at in range(last + 1)
        )

    def _trigger_hits(self, text: str) -> tuple[list[_Hit], bool]:
        """Where trigger words occur, and the patterns each one can start, in text order.

        The flag says whether the hits are every whole-word occurrence as ``re`` sees words
        (always, unless the text holds a character :meth:`_foldable` rejects).

        A trigger is a whole word (a run of letters a-z, any case) or a run of exactly four
        digits. The text is folded to ASCII bytes, one byte a character so offsets hold,
        lower-cased and split in C; only the trigger words present are then located with
        ``bytes.find``. Python's ``re`` is slow over a long alternation of words (it tries every
        word at every position), which made this step cost more than the tagging itself.
        """
        if not text:
            return [], True
        folded = text.encode("ascii", "replace")
        if not text.isascii() and not self._foldable(text, folded):
            return list(self._trigger_hits_regex(text)), False
        folded = folded.translate(_FOLD_TABLE)
        words: set[bytes] = set()
        for token in set(folded.split()):
            if token.isalpha() or token.isdigit():
                words.add(token)
            else:  # letters and digits run together ("2024march"): a word and a number
                words.update(_ALNUM_RUN.findall(token))
        hits: list[_Hit] = []
        size = len(folded)
        for word in words:
            if word.isdigit():
                if len(word) != _YEAR_DIGITS:
                    continue
                ranks = self._triggers[_DIGIT]
                edge = _ASCII_DIGIT_BYTES
            else:
                found = self._byte_triggers.get(word)
                if found is None:
                    continue
                ranks, edge = found, _ASCII_LETTER_BYTES
            width = len(word)
            at = folded.find(word)
            while at >= 0:
                end = at + width
                # Whole runs only: "may" in "mayor" or "2024" in "20240" is not a trigger.
                if (at == 0 or folded[at - 1] not in edge) and (
                    end == size or folded[end] not in edge
                ):
                    hits.append((at, end, ranks))
                at = folded.find(word, end)
        hits.sort(key=lambda hit: hit[0])
        return hits, True

    @staticmethod
    def _foldable(text: str, folded: bytes) -> bool:
        """Whether folding to ASCII keeps word and digit runs as ``re`` sees them.

        Folding turns each non-ASCII character into "?", neither a letter nor a digit; that is
        wrong only for the few characters that case-insensitive ``[a-z]`` takes for a letter
        ("ſ", the Kelvin sign, dotted and dotless i) and for digits of other scripts.
        """
        at = folded.find(b"?")
        while at >= 0:
            char = text[at]
            if char in _LETTER_LIKE or char.isdecimal():
                return False
            at = folded.find(b"?", at + 1)
        return True

    def _trigger_hits_regex(self, text: str) -> Iterator[_Hit]:
        """The same hits found with ``re`` alone, for texts :meth:`_foldable` rejects."""
        tokens = set(_TOKEN.findall(text.lower()))
        words = sorted(w for w in tokens if w in self._triggers)
        has_year = any(len(w) == _YEAR_DIGITS and w.isdigit() for w in tokens)
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


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], low: int, high: int
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, low, high)`` finds, for a pattern that can only match at
    ``starts`` (sorted): the attempts anywhere else would all fail."""
    resume = low
    for at in starts[bisect_left(starts, low) :]:
        if at >= high:
            break
        if at < resume:
            continue  # inside the previous match, which finditer would have stepped over
        match = pattern.match(text, at, high)
        if match is not None:
            yield match
            resume = match.end()


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

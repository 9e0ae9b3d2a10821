"""What each match of the temporal tagger's patterns means: the readers behind the grammar.

:class:`MatchReader` holds one handler per pattern of :class:`entente.dating.patterns.Grammar`;
each turns a regex match into a :class:`Candidate` (a span, a kind and a :class:`Reading`) or
rejects it (a lower-case "may", a number that is a count rather than a year).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Literal, NamedTuple

from entente.dating.arithmetic import safe_date
from entente.dating.lexicon import Lexicon
from entente.dating.readings import Direction, Reading

TimexKind = Literal[
    "absolute", "yearless", "weekday", "relative", "year", "range", "duration", "vague"
]

# A leap year, so that "February 29" without a year is accepted as a possible day.
_LEAP_YEAR = 2000


class Candidate(NamedTuple):
    """One tagged span with its reading; ``rank`` breaks ties between equally long overlaps."""

    start: int
    end: int
    kind: TimexKind
    reading: Reading
    rank: int = 0


Handler = Callable[[re.Match[str], str], Candidate | None]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, spaces matching any run of whitespace."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s\-]*$")
_OF_NEXT = re.compile(r"\s+of\b")
# "2023-kilometre", "2023%", and the year of a malformed numeric date ("2023-13-45").
_NOT_A_YEAR_NEXT = re.compile(r"\s*(?:%|per\s*cent|-[A-Za-z])|[-/]\d")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def word_before(text: str, start: int) -> str:
    """The word right before ``start`` (skipping spaces and a hyphen), lower-cased; "" if none."""
    found = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return found.group(1).lower() if found else ""


def _norm(token: str) -> str:
    return " ".join(token.lower().rstrip(".").split())


class MatchReader:
    """Reads a :class:`Reading` off each kind of match; the grammar supplies the patterns."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    # -- token readers -------------------------------------------------------------------------

    def month(self, token: str | None) -> int | None:
        """Month number of a spelling; None for a lower-case word that is usually not a month."""
        if not token:
            return None
        key = _norm(token)
        if key in self.lex.ambiguous_months and token[0].islower():
            return None
        return self.lex.months.get(key)

    def count(self, token: str | None) -> int | None:
        """Integer value of a count ("three", "twenty-one", "12"); None when vague or absent."""
        if not token:
            return None
        key = _norm(token)
        if key.isdigit():
            return int(key)
        if key in self.lex.cardinals:
            return self.lex.cardinals[key]
        parts = key.split("-")
        if len(parts) == 2 and all(p in self.lex.cardinals for p in parts):
            return self.lex.cardinals[parts[0]] + self.lex.cardinals[parts[1]]
        return None

    def weekday(self, token: str | None) -> int | None:
        return self.lex.weekdays.get(_norm(token)) if token else None

    def _candidate(
        self, match: re.Match[str], kind: TimexKind, reading: Reading, group: int | str = 0
    ) -> Candidate:
        return Candidate(match.start(group), match.end(group), kind, reading)

    # -- handlers ------------------------------------------------------------------------------

    def _iso(self, match: re.Match[str], text: str) -> Candidate | None:
        day = safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
        if day is None:
            return None
        return self._candidate(match, "absolute", Reading("date", day.year, day.month, day.day))

    def _numeric(self, match: re.Match[str], text: str) -> Candidate | None:
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        # A dotted date is day-first wherever it is written; a slashed one is read only when one
        # order is impossible (or both orders agree), never by guessing the writer's country.
        orders = [(b, a)] if match["sep"] == "." else [(a, b), (b, a)]
        days = sorted({d for m, dd in orders if (d := safe_date(year, m, dd)) is not None})
        if not days:
            return None
        if len(days) == 1:
            day = days[0]
            return self._candidate(match, "absolute", Reading("date", day.year, day.month, day.day))
        return self._candidate(
            match, "absolute", Reading("ambiguous", year, alternatives=tuple(days))
        )

    def _day_month(self, match: re.Match[str], text: str) -> Candidate | None:
        month = self.month(match["m"])
        number = int(match["d"]) if match.groupdict().get("d") else None
        if number is None and match.groupdict().get("dw"):
            number = self.lex.ordinals.get(_norm(match["dw"]))
        if month is None or number is None:
            return None
        weekday = self.weekday(match["wd"])
        if match["y"]:
            day = safe_date(int(match["y"]), month, number)
            if day is None:
                return None
            return self._candidate(
                match, "absolute", Reading("date", day.year, month, number, weekday)
            )
        if safe_date(_LEAP_YEAR, month, number) is None:
            return None
        return self._candidate(match, "yearless", Reading("monthday", None, month, number, weekday))

    def _month_year(self, match: re.Match[str], text: str) -> Candidate | None:
        month = self.month(match["m"])
        if month is None:
            return None
        if match.groupdict().get("shift"):
            offset = self.lex.shifts[_norm(match["shift"])]
            return self._candidate(
                match, "relative", Reading("month", None, month, year_offset=offset)
            )
        return self._candidate(match, "absolute", Reading("month", int(match["y"]), month))

    def _month_only(self, match: re.Match[str], text: str) -> Candidate | None:
        token = match["m"]
        month = self.month(token)
        if month is None or not token[0].isupper():
            return None
        if match.groupdict().get("shift"):
            offset = self.lex.shifts[_norm(match["shift"])]
            return self._candidate(
                match, "relative", Reading("monthonly", month=month, offset=offset)
            )
        if word_before(text, match.start()) not in self.lex.month_cues:
            return None
        return self._candidate(match, "yearless", Reading("monthonly", month=month))

    def _season(self, match: re.Match[str], text: str) -> Candidate | None:
        season = _norm(match["s"])
        groups = match.groupdict()
        if groups.get("y"):
            return self._candidate(
                match, "absolute", Reading("season", int(match["y"]), season=season)
            )
        if groups.get("yshift"):
            offset = self.lex.shifts[_norm(match["yshift"])]
            return self._candidate(
                match, "relative", Reading("season", season=season, year_offset=offset)
            )
        if groups.get("shift"):
            offset = self.lex.shifts[_norm(match["shift"])]
            return self._candidate(
                match, "relative", Reading("seasononly", season=season, offset=offset)
            )
        # A bare season is a date only after a temporal word ("in the spring", not "Arab Spring"),
        # and not when "of" follows ("after the fall of Kabul"; "of 2023" is matched elsewhere).
        if word_before(text, match.start()) not in self.lex.season_cues:
            return None
        if _OF_NEXT.match(text[match.end() : match.end() + 4]):
            return None
        return self._candidate(match, "yearless", Reading("seasononly", season=season))

    def _weekday(self, match: re.Match[str], text: str) -> Candidate | None:
        weekday = self.weekday(match["w"])
        if weekday is None:
            return None
        if word_before(text, match.start()) in self.lex.weekday_name_prefixes:
            return None
        shift = _norm(match["shift"]) if match["shift"] else None
        offset = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}.get(shift or "")
        return self._candidate(match, "weekday", Reading("weekday", weekday=weekday, offset=offset))

    def _deictic(self, match: re.Match[str], text: str) -> Candidate | None:
        offset = self.lex.deictic_days[_norm(match["dd"])]
        direction: Direction | None = "past" if offset < 0 else "future" if offset > 0 else None
        reading = Reading("shift", unit="day", offset=offset, direction=direction)
        return self._candidate(match, "relative", reading)

    def _shift(self, match: re.Match[str], text: str) -> Candidate | None:
        if word_before(text, match.start()) == "the":
            return None  # "the last year" is a span of twelve months, matched elsewhere
        offset = self.lex.shifts[_norm(match["shift"])]
        unit = _norm(match["unit"])
        sub = _norm(match["sub"]) if match["sub"] else None
        direction: Direction | None = None
        if sub and offset == 0:
            direction = "past" if sub == "earlier" else "future"
        if unit == "year":
            reading = Reading("year", year_offset=offset, sub=sub, direction=direction)
        else:
            reading = Reading("shift", unit=unit, offset=offset, sub=sub, direction=direction)
        return self._candidate(match, "relative", reading)

    def _ago(self, match: re.Match[str], text: str) -> Candidate | None:
        unit = self.lex.units[_norm(match["unit"])]
        steps = self.count(match["count"])
        if steps is None:
            return self._candidate(match, "vague", Reading("vague", direction="past"))
        return self._candidate(match, "relative", _shift_reading(unit, -steps))

    def _from_now(self, match: re.Match[str], text: str) -> Candidate | None:
        if _norm(match["tail"]) == "time" and not match["lead"]:
            return None
        unit = self.lex.units[_norm(match["unit"])]
        steps = self.count(match["count"])
        if steps is None:
            return self._candidate(match, "vague", Reading("vague", direction="future"))
        return self._candidate(match, "relative", _shift_reading(unit, steps))

    def _span(self, match: re.Match[str], text: str) -> Candidate | None:
        word = _norm(match["sw"])
        has_the = match.group(0).lower().startswith("the")
        if not has_the and word not in ("coming", "upcoming"):
            return None  # "next week" without "the" is a calendar week, matched elsewhere
        unit_token = _norm(match["unit"])
        unit = self.lex.units[unit_token]
        plural = unit_token != unit
        steps = self.count(match["count"]) if match["count"] else (None if plural else 1)
        if steps == 1 and unit == "day":
            return None  # "the next day" tells of a day after some event, not after the anchor
        if _OF_NEXT.match(text[match.end() : match.end() + 4]):
            return None  # "the last week of March"
        direction: Direction = "past" if self.lex.span_words[word] == "past" else "future"
        reading = Reading("span", unit=unit, count=steps, direction=direction)
        return self._candidate(match, "relative", reading)

    def _part_period(self, match: re.Match[str], text: str) -> Candidate | None:
        word = _norm(match["pw"])
        unit = _norm(match["unit"])
        if word == "rest":
            reading = Reading("shift", unit=unit, offset=0, sub="later", direction="future")
        else:
            reading = Reading("shift", unit=unit, offset=0, part=self.lex.parts[word])
        if unit == "year":
            reading = Reading(
                "year",
                year_offset=0,
                part=reading.part,
                sub=reading.sub,
                direction=reading.direction,
            )
        return self._candidate(match, "relative", reading)

    def _duration(self, match: re.Match[str], text: str) -> Candidate | None:
        groups = match.groupdict()
        unit_token = _norm(match["unit"])
        unit = self.lex.units.get(unit_token, unit_token)
        steps = self.count(groups.get("count"))
        if groups.get("count") is None and unit_token == unit and "-" not in match.group(0):
            return None  # "for a day" has a count; a bare singular unit ("for day") is no duration
        iso_duration = _iso_duration(unit, steps) if steps is not None else None
        direction: Direction | None = None
        if groups.get("dir"):
            direction = "future" if _norm(match["dir"]) in ("later", "after") else "past"
        reading = Reading(
            "duration", unit=unit, count=steps, duration=iso_duration, direction=direction
        )
        return self._candidate(match, "duration", reading, "core" if groups.get("core") else 0)

    def _vague(self, match: re.Match[str], text: str) -> Candidate | None:
        raw = self.lex.vague[_norm(match.group(0))]
        direction: Direction = (
            "past" if raw == "past" else "future" if raw == "future" else "present"
        )
        return self._candidate(match, "vague", Reading("vague", direction=direction))

    def _decade(self, match: re.Match[str], text: str) -> Candidate | None:
        return self._candidate(match, "range", Reading("decade", int(match["y"])))

    def _year_range(self, match: re.Match[str], text: str) -> Candidate | None:
        first = int(match["y1"])
        second = int(match["y2"]) if match["y2"] else first // 100 * 100 + int(match["y2s"])
        if second <= first or second - first > 100:
            return None
        ends = (Reading("year", first), Reading("year", second))
        return self._candidate(match, "range", Reading("range", ends=ends))

    def _year(self, match: re.Match[str], text: str) -> Candidate | None:
        after = text[match.end() : match.end() + 24]
        if _NOT_A_YEAR_NEXT.match(after):
            return None
        following = _NEXT_WORD.match(after)
        if following and following.group(1).lower() in self.lex.non_year_followers:
            return None
        if word_before(text, match.start()) in self.lex.non_year_preceders:
            return None
        if text[max(0, match.start() - 2) : match.start()].strip() in ("#", "No."):
            return None
        return self._candidate(match, "year", Reading("year", int(match["y"])))

    def _day_range(self, match: re.Match[str], text: str) -> Candidate | None:
        conn = _norm(match["conn"])
        if conn == "and" and word_before(text, match.start()) != "between":
            return None
        first_month = self.month(match["m"])
        second_month = self.month(match.groupdict().get("m2")) or first_month
        if first_month is None or second_month is None:
            return None
        first_day, second_day = int(match["d1"]), int(match["d2"])
        if first_month == second_month and second_day <= first_day:
            return None
        if match["y"]:
            year = int(match["y"])
            start_year = year - 1 if first_month > second_month else year
            start = safe_date(start_year, first_month, first_day)
            end = safe_date(year, second_month, second_day)
            if start is None or end is None:
                return None
            ends = (_date_reading(start), _date_reading(end))
        else:
            if None in (
                safe_date(_LEAP_YEAR, first_month, first_day),
                safe_date(_LEAP_YEAR, second_month, second_day),
            ):
                return None
            ends = (
                Reading("monthday", month=first_month, day=first_day),
                Reading("monthday", month=second_month, day=second_day),
            )
        return self._candidate(match, "range", Reading("range", ends=ends))


def _date_reading(day: dt.date) -> Reading:
    return Reading("date", day.year, day.month, day.day)


def _shift_reading(unit: str, steps: int) -> Reading:
    """``steps`` whole units from the anchor ("two years ago" = -2 years)."""
    direction: Direction | None = "past" if steps < 0 else "future" if steps > 0 else None
    if unit == "decade":
        return Reading("year", year_offset=10 * steps, direction=direction)
    if unit == "year":
        return Reading("year", year_offset=steps, direction=direction)
    if unit == "fortnight":
        return Reading("shift", unit="week", offset=2 * steps, direction=direction)
    return Reading("shift", unit=unit, offset=steps, direction=direction)


def _iso_duration(unit: str, steps: int) -> str:
    letter = {"day": "D", "week": "W", "fortnight": "W", "month": "M", "year": "Y", "decade": "Y"}
    factor = {"fortnight": 2, "decade": 10}.get(unit, 1)
    return f"P{steps * factor}{letter.get(unit, 'D')}"

"""Find temporal expressions in English text and normalise them against an anchor date.

This is the one normaliser of the project: publication dating uses it with no anchor (to find the
dates a text states), event dating uses it with the publication date as anchor and each clause's
tense. :func:`find_timexes` tags and places; :func:`resolve` places an already tagged expression
again once a better anchor or the clause's tense is known.

Why a hand-written rule tagger: ``dateparser.search.search_dates`` is slow on whole articles,
invents full dates from partial input (it fills a missing year or day from today's date, which
here would be the ingest time) and has no notion of tense or of an anchor other than "now";
HeidelTime and SUTime, the reference taggers, are Java. The rules here are small, compiled once,
read their word lists from ``dating/data/*.yaml`` and never guess what the text does not say:
without an anchor, relative expressions stay unresolved, and a date without a year keeps only its
month and day (``partial``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from typing import Any

from entente.dating.arithmetic import iso, safe_date
from entente.dating.guards import compile_guarded
from entente.dating.matchers import Candidate, TimexKind, word_before
from entente.dating.patterns import grammar
from entente.dating.readings import Direction, Reading, Tense, place
from entente.models import Precision

__all__ = ["Tense", "Timex", "TimexKind", "assign_year", "find_timexes", "resolve"]

# Shapes that span a period a part word can cut ("early 2023", "the end of last year").
_PARTABLE = {"month", "year", "season", "monthonly", "seasononly", "decade"}
# Shapes that can be one end of a range ("from 2014 to 2016", "between March and May 2023").
_RANGE_ENDS = {"date", "month", "year", "season", "monthday", "monthonly"}
_YEARLESS = {"monthday", "monthonly"}
_CONNECTOR = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Timex:
    """One temporal expression: where it is, what kind it is, and where it lands on the calendar.

    ``value`` is ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the start, for a range), or None when
    it cannot be resolved. An expression can also be resolved to a span that has none of those
    forms (a week, a decade, "the past three days"): then ``value`` is None and ``earliest`` /
    ``latest`` hold the span. ``needs_anchor`` is True when the expression depends on an anchor
    (or, for a year-less date, a year) that was not given. ``partial`` keeps a year-less date's
    month and day (``--12-22``) or month (``--03``). ``preposition`` is the word before it
    ("in", "since", "by"), ``duration`` an ISO 8601 duration for durations, ``anchor`` and
    ``tense`` what it was placed with.
    """

    start: int
    end: int
    text: str
    kind: TimexKind
    value: str | None = None
    precision: Precision | None = None
    earliest: str | None = None
    latest: str | None = None
    direction: Direction | None = None
    needs_anchor: bool = False
    partial: str | None = None
    preposition: str | None = None
    duration: str | None = None
    anchor: str | None = None
    tense: Tense | None = None
    reading: Reading = field(default=Reading("vague"), repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The expression as JSON-ready data (without the internal reading)."""
        data = asdict(self)
        del data["reading"]
        return data

    def as_date(self) -> dict[str, Any]:
        """The ``$defs/date`` object of the extract schema."""
        return {
            "value": self.value,
            "precision": self.precision,
            "text": self.text,
            "earliest": self.earliest,
            "latest": self.latest,
        }


def find_timexes(
    text: str, anchor: dt.date | None = None, *, tense_hint: Tense | None = None
) -> list[Timex]:
    """Tag the temporal expressions of a text and normalise them.

    Args:
        text: plain text; offsets in the result index into it.
        anchor: the reference date (usually the publication date); None leaves relative
            expressions unresolved (``value`` None, ``needs_anchor`` True).
        tense_hint: the tense of the text or clause, used to place year-less dates and weekdays
            (past: on or before the anchor; future: on or after; None or present: nearest).

    Returns:
        The expressions in text order, not overlapping.
    """
    if not text:
        return []
    chosen = _select(grammar().scan(text))
    chosen = [_with_part(c, text) for c in chosen]
    chosen = _join_ranges(chosen, text)
    return [_timex(c, text, anchor, tense_hint) for c in chosen]


def resolve(timex: Timex, anchor: dt.date | None, tense: Tense | None = None) -> Timex:
    """Place a tagged expression again with a (new) anchor and the tense of its clause.

    Args:
        timex: an expression from :func:`find_timexes`.
        anchor: the reference date; None leaves deictic expressions unresolved.
        tense: ``past``, ``future``, ``present`` or None (see :func:`find_timexes`).

    Returns:
        A copy with value, precision, bounds and direction recomputed.
    """
    placed = place(timex.reading, anchor, tense)
    return replace(
        timex,
        value=placed.value,
        precision=placed.precision,
        earliest=iso(placed.earliest),
        latest=iso(placed.latest),
        direction=placed.direction,
        needs_anchor=placed.needs_anchor,
        partial=placed.partial,
        anchor=iso(anchor) if anchor is not None and _deictic(timex.reading) else None,
        tense=tense,
    )


def assign_year(timex: Timex, year: int) -> Timex:
    """Give a year-less date ("Dec. 22", "in March") the year a later stage inferred.

    Args:
        timex: a ``yearless`` expression (others are returned unchanged).
        year: the year to put it in.

    Returns:
        A copy placed in that year, its kind now ``absolute``.
    """
    reading = timex.reading
    if reading.shape not in ("monthday", "monthonly"):
        return timex
    shape = "date" if reading.shape == "monthday" else "month"
    fixed = replace(timex, kind="absolute", reading=replace(reading, shape=shape, year=year))
    return resolve(fixed, None, timex.tense)


def _deictic(reading: Reading) -> bool:
    if reading.shape == "range" and reading.ends:
        return any(_deictic(end) for end in reading.ends)
    if reading.shape in ("date", "decade", "ambiguous", "duration"):
        return False
    return reading.year is None


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates that do not overlap; an earlier pattern wins a tie."""
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, c.rank, c.start))
    if any(c.start >= c.end for c in ranked):
        # An empty span breaks the ordering the search below relies on; no pattern makes one.
        kept: list[Candidate] = []
        for cand in ranked:
            if all(cand.end <= k.start or cand.start >= k.end for k in kept):
                kept.append(cand)
        return sorted(kept, key=lambda c: c.start)
    # Kept spans never overlap, so in start order their ends rise too: the one kept span that
    # can overlap a candidate is the last one starting before the candidate ends.
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Candidate] = []
    for cand in ranked:
        at = bisect_left(starts, cand.end)
        if at and ends[at - 1] > cand.start:
            continue
        starts.insert(at, cand.start)
        ends.insert(at, cand.end)
        chosen.insert(at, cand)
    return chosen


@cache
def _part_before() -> re.Pattern[str]:
    words = "|".join(sorted(grammar().lex.parts, key=len, reverse=True)).replace(" ", r"\s+")
    return compile_guarded(
        rf"(?:\bthe\s+)?\b({words})(?:\s+of\s+(?:the\s+)?|[\s-]+)$", re.IGNORECASE
    )


def _with_part(cand: Candidate, text: str) -> Candidate:
    """Extend a period over a part word before it: "early 2023", "the end of last year"."""
    reading = cand.reading
    if reading.shape not in _PARTABLE and not (reading.shape == "shift" and reading.unit != "day"):
        return cand
    if reading.part is not None or reading.sub is not None:
        return cand
    found = _part_before().search(text, max(0, cand.start - 40), cand.start)
    if found is None:
        return cand
    fraction = grammar().lex.parts[" ".join(found.group(1).lower().split())]
    return cand._replace(start=found.start(), reading=replace(reading, part=fraction))


def _join_ranges(cands: list[Candidate], text: str) -> list[Candidate]:
    """Join neighbours linked by a connector into ranges: "from 2014 to 2016", "June–August"."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and _joinable(prev, cand, text):
            first, second = _share_year(prev.reading, cand.reading)
            reading = Reading("range", ends=(first, second))
            out[-1] = Candidate(prev.start, cand.end, "range", reading, prev.rank)
        else:
            out.append(cand)
    return out


def _joinable(left: Candidate, right: Candidate, text: str) -> bool:
    if left.reading.shape not in _RANGE_ENDS or right.reading.shape not in _RANGE_ENDS:
        return False
    if left.reading.part or right.reading.part:
        return False
    gap = text[left.end : right.start]
    if not _CONNECTOR.fullmatch(gap):
        return False
    before = word_before(text, left.start)
    if gap.strip().lower() == "and":
        return before == "between"
    if before in ("from", "between"):
        return True
    # Without "from", join only like with like ("2014 to 2016"), not "March 3 to 2024".
    return _granularity(left.reading) == _granularity(right.reading)


def _granularity(reading: Reading) -> str:
    return {"date": "day", "monthday": "day", "monthonly": "month"}.get(
        reading.shape, reading.shape
    )


def _share_year(first: Reading, second: Reading) -> tuple[Reading, Reading]:
    """Give the year-less end of a range the year of the other end ("March 20 to April 2, 2023")."""
    if first.shape in _YEARLESS and second.year is not None and second.shape not in _YEARLESS:
        year = second.year - 1 if (first.month or 0) > (second.month or 13) else second.year
        return _with_year(first, year), second
    if second.shape in _YEARLESS and first.year is not None and first.shape not in _YEARLESS:
        year = first.year + 1 if (second.month or 13) < (first.month or 0) else first.year
        return first, _with_year(second, year)
    return first, second


def _with_year(reading: Reading, year: int) -> Reading:
    if (
        reading.shape == "monthday"
        and safe_date(year, reading.month or 0, reading.day or 0) is None
    ):
        return reading  # 29 February in a year without one: leave it to the anchor
    return replace(reading, shape="date" if reading.shape == "monthday" else "month", year=year)


def _timex(cand: Candidate, text: str, anchor: dt.date | None, tense: Tense | None) -> Timex:
    before = word_before(text, cand.start)
    reading = cand.reading
    kind: TimexKind = cand.kind
    if reading.shape == "range":
        kind = "range"
    elif kind == "yearless" and reading.shape in ("date", "month"):
        kind = "absolute"
    placed = place(reading, anchor, tense)
    return Timex(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        kind=kind,
        value=placed.value,
        precision=placed.precision,
        earliest=iso(placed.earliest),
        latest=iso(placed.latest),
        direction=placed.direction,
        needs_anchor=placed.needs_anchor,
        partial=placed.partial,
        preposition=before if before in grammar().lex.prepositions else None,
        duration=reading.duration,
        anchor=iso(anchor) if anchor is not None and _deictic(reading) else None,
        tense=tense,
        reading=reading,
    )

"""What a temporal expression means, and where it lands on the calendar given an anchor and tense.

A :class:`Reading` is the meaning the tagger reads off the words ("the Wednesday before or after the
anchor", "March 22 of some year", "the month before the anchor"). :func:`place` turns a reading into
a :class:`Placement` (ISO value, precision, earliest/latest days) once an anchor date and the tense
of the clause are known. Keeping the two apart is what lets a later stage re-normalise an expression
with a better anchor or tense without tagging the text again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from entente.dating.arithmetic import (
    Bounds,
    month_bounds,
    part_of,
    safe_date,
    season_bounds,
    shift_days,
    shift_month,
    week_bounds,
    year_bounds,
)
from entente.dating.lexicon import load_lexicon
from entente.models import Precision

Tense = Literal["past", "future", "present"]
Direction = Literal["past", "future", "present"]

# Years on either side of the anchor searched for a year-less date: a news text naming "Dec. 22"
# means the nearest such day, never one two years away.
_YEAR_WINDOW = (-1, 0, 1)


@dataclass(frozen=True)
class Reading:
    """The meaning of one expression, before it is placed on the calendar.

    ``shape`` says which fields matter: ``date`` (year, month, day), ``month``, ``year``, ``season``
    and ``decade`` are absolute (``year`` may instead be ``year_offset`` years from the anchor's);
    ``monthday``, ``monthonly`` and ``seasononly`` lack a year; ``weekday``; ``shift`` (``offset``
    units from the anchor: "last month", "two years ago"); ``span`` (``count`` units up to or from
    the anchor: "the past three days"); ``vague``; ``duration``; ``ambiguous`` (a numeric date that
    reads two ways); ``range`` (two readings in ``ends``).
    """

    shape: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    unit: str | None = None
    offset: int | None = None  # units from the anchor; None: chosen by tense
    year_offset: int | None = None
    count: int | None = None
    part: tuple[float, float] | None = None
    sub: str | None = None  # "earlier" / "later": the part of the period before / after the anchor
    direction: Direction | None = None
    duration: str | None = None  # ISO 8601 duration (P3D) for durations
    alternatives: tuple[dt.date, ...] = ()
    ends: tuple[Reading, Reading] | None = None


@dataclass(frozen=True)
class Placement:
    """A reading placed on the calendar (or not, when it needs an anchor it did not get)."""

    value: str | None = None
    precision: Precision | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    direction: Direction | None = None
    needs_anchor: bool = False
    partial: str | None = None  # "--12-22" / "--03" for dates lacking a year


def place(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    """Place a reading given an anchor date and the tense of its clause.

    Args:
        reading: what the expression means.
        anchor: the reference date (publication date, or the clause's own date); None when unknown.
        tense: ``past`` picks the latest fitting date on or before the anchor, ``future`` the first
            on or after it; ``present`` and None pick the nearest.

    Returns:
        The placement. Deictic readings without an anchor get ``needs_anchor=True`` and no value.
    """
    return _PLACERS[reading.shape](reading, anchor, tense)


def _direction(day: dt.date, anchor: dt.date) -> Direction | None:
    if day < anchor:
        return "past"
    if day > anchor:
        return "future"
    return None


def _period_direction(bounds: Bounds, anchor: dt.date) -> Direction | None:
    if bounds[1] < anchor:
        return "past"
    if bounds[0] > anchor:
        return "future"
    return None


def _bounded(reading: Reading, bounds: Bounds, anchor: dt.date | None) -> Bounds:
    """Apply a part word ("early", "the end of") or an anchor clip ("earlier this year")."""
    if reading.part is not None:
        bounds = part_of(bounds, reading.part)
    if reading.sub and anchor is not None and bounds[0] <= anchor <= bounds[1]:
        bounds = (bounds[0], anchor) if reading.sub == "earlier" else (anchor, bounds[1])
    return bounds


def _year_of(reading: Reading, anchor: dt.date | None) -> int | None:
    if reading.year is not None:
        return reading.year
    if reading.year_offset is not None and anchor is not None:
        return anchor.year + reading.year_offset
    return None


def _unanchored(reading: Reading, partial: str | None = None) -> Placement:
    return Placement(needs_anchor=True, partial=partial, direction=reading.direction)


def _place_date(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.year and reading.month and reading.day
    day = safe_date(reading.year, reading.month, reading.day)
    if day is None:  # 29 February given a year without it (assign_year)
        return Placement()
    return Placement(day.isoformat(), "day", day, day)


def _place_month(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    year = _year_of(reading, anchor)
    assert reading.month
    if year is None:
        return _unanchored(reading, f"--{reading.month:02d}")
    first, last = _bounded(reading, month_bounds(year, reading.month), anchor)
    return Placement(f"{year:04d}-{reading.month:02d}", "month", first, last)


def _place_year(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    year = _year_of(reading, anchor)
    if year is None:
        return _unanchored(reading)
    first, last = _bounded(reading, year_bounds(year), anchor)
    direction: Direction | None = None
    if reading.year_offset:
        direction = "past" if reading.year_offset < 0 else "future"
    return Placement(f"{year:04d}", "year", first, last, direction)


def _place_season(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    year = _year_of(reading, anchor)
    assert reading.season
    if year is None:
        return _unanchored(reading)
    season = load_lexicon().seasons[reading.season]
    first, last = _bounded(reading, season_bounds(season, year), anchor)
    direction: Direction | None = None
    if reading.year_offset:
        direction = "past" if reading.year_offset < 0 else "future"
    return Placement(f"{year:04d}", "season", first, last, direction)


def _place_decade(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.year is not None
    first, last = _bounded(
        reading, (dt.date(reading.year, 1, 1), dt.date(reading.year + 9, 12, 31)), anchor
    )
    return Placement(None, None, first, last)


def _place_ambiguous(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    return Placement(None, None, min(reading.alternatives), max(reading.alternatives))


def _choose(
    candidates: list[Bounds], anchor: dt.date, tense: Tense | None, offset: int | None
) -> Bounds | None:
    """Pick one of several periods (ordered in time) relative to the anchor.

    ``offset`` -1/+1 is "last"/"next" (strictly before / after the anchor's own period), 0 is
    "this" (the one holding the anchor); None lets the tense decide, counting the anchor's own
    period for both tenses (a story dated Wednesday saying "on Wednesday" means that day).
    """
    before = [c for c in candidates if c[1] < anchor]
    after = [c for c in candidates if c[0] > anchor]
    holding = [c for c in candidates if c[0] <= anchor <= c[1]]
    if offset == -1:
        return before[-1] if before else None
    if offset == 1:
        return after[0] if after else None
    if holding:
        return holding[0]
    if offset == 0:
        # "this March" is the one of the anchor's year; "this winter" may also be the one that
        # began last December.
        this_year = [c for c in candidates if anchor.year in (c[0].year, c[1].year)]
        return _nearest(this_year, anchor)
    if tense == "past":
        return before[-1] if before else None
    if tense == "future":
        return after[0] if after else None
    return _nearest([c for c in (before[-1:] + after[:1])], anchor)


def _nearest(candidates: list[Bounds], anchor: dt.date) -> Bounds | None:
    """The period closest to the anchor; a tie goes to the past, which news reports more often."""
    if not candidates:
        return None

    def distance(c: Bounds) -> tuple[int, bool]:
        return min(abs((c[0] - anchor).days), abs((c[1] - anchor).days)), c[0] > anchor

    return min(candidates, key=distance)


def _place_monthday(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.month and reading.day
    partial = f"--{reading.month:02d}-{reading.day:02d}"
    if anchor is None:
        return _unanchored(reading, partial)
    # 29 February comes only every four years, so look that far for it.
    window = range(-4, 5) if (reading.month, reading.day) == (2, 29) else _YEAR_WINDOW
    days = [safe_date(anchor.year + k, reading.month, reading.day) for k in window]
    found = [d for d in days if d is not None]
    if reading.weekday is not None:
        # "Wednesday, Feb. 22" names a year in which Feb. 22 was a Wednesday.
        found = [d for d in found if d.weekday() == reading.weekday] or found
    chosen = _choose([(d, d) for d in found], anchor, tense, reading.offset)
    if chosen is None:
        return _unanchored(reading, partial)
    day = chosen[0]
    return Placement(day.isoformat(), "day", day, day, _direction(day, anchor), partial=partial)


def _place_monthonly(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.month
    partial = f"--{reading.month:02d}"
    if anchor is None:
        return _unanchored(reading, partial)
    periods = [month_bounds(anchor.year + k, reading.month) for k in _YEAR_WINDOW]
    chosen = _choose(periods, anchor, tense, reading.offset)
    if chosen is None:
        return _unanchored(reading, partial)
    first, last = _bounded(reading, chosen, anchor)
    value = f"{chosen[0].year:04d}-{reading.month:02d}"
    direction = _period_direction(chosen, anchor)
    return Placement(value, "month", first, last, direction, partial=partial)


def _place_seasononly(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.season
    if anchor is None:
        return _unanchored(reading)
    season = load_lexicon().seasons[reading.season]
    periods = [season_bounds(season, anchor.year + k) for k in (-2, *_YEAR_WINDOW)]
    chosen = _choose(periods, anchor, tense, reading.offset)
    if chosen is None:
        return _unanchored(reading)
    first, last = _bounded(reading, chosen, anchor)
    direction = _period_direction(chosen, anchor)
    return Placement(f"{chosen[0].year:04d}", "season", first, last, direction)


def _place_weekday(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.weekday is not None
    if anchor is None:
        return _unanchored(reading)
    if reading.offset == 0:
        day = week_bounds(anchor)[0] + dt.timedelta(days=reading.weekday)
    else:
        back = (anchor.weekday() - reading.weekday) % 7
        ahead = (reading.weekday - anchor.weekday()) % 7
        if reading.offset == -1:
            back = back or 7
            day = anchor - dt.timedelta(days=back)
        elif reading.offset == 1:
            day = anchor + dt.timedelta(days=ahead or 7)
        elif tense == "past" or (tense != "future" and back <= ahead):
            day = anchor - dt.timedelta(days=back)
        else:
            day = anchor + dt.timedelta(days=ahead)
    return Placement(day.isoformat(), "day", day, day, _direction(day, anchor))


def _add_units(anchor: dt.date, unit: str, steps: int) -> dt.date | None:
    """The anchor moved by whole units, clamping the day of month (31 March - 1 month = 28 Feb)."""
    if unit in ("day", "week", "fortnight"):
        return shift_days(anchor, steps * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = steps * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = shift_month(anchor.year, anchor.month, months)
    if not 1 <= year <= 9999:
        return None
    return dt.date(year, month, min(anchor.day, month_bounds(year, month)[1].day))


def _place_shift(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.unit and reading.offset is not None
    if anchor is None:
        return _unanchored(reading)
    moved = _add_units(anchor, reading.unit, reading.offset)
    if moved is None:
        return Placement()
    direction: Direction | None = reading.direction
    if direction is None and reading.offset:
        direction = "past" if reading.offset < 0 else "future"
    value: str | None
    precision: Precision | None
    if reading.unit == "day":
        value, precision, bounds = moved.isoformat(), "day", (moved, moved)
    elif reading.unit in ("week", "fortnight"):
        value, precision, bounds = None, None, week_bounds(moved)
    elif reading.unit == "month":
        value, precision = f"{moved.year:04d}-{moved.month:02d}", "month"
        bounds = month_bounds(moved.year, moved.month)
    else:
        value, precision, bounds = f"{moved.year:04d}", "year", year_bounds(moved.year)
    first, last = _bounded(reading, bounds, anchor)
    return Placement(value, precision, first, last, direction)


def _place_span(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    if anchor is None:
        return _unanchored(reading)
    far = None
    if reading.count is not None and reading.unit:
        sign = -1 if reading.direction == "past" else 1
        far = _add_units(anchor, reading.unit, sign * reading.count)
    if reading.direction == "past":
        return Placement(None, None, far, anchor, "past")
    return Placement(None, None, anchor, far, "future")


def _place_vague(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    if anchor is None:
        return _unanchored(reading)
    if reading.direction == "past":
        return Placement(None, None, None, anchor, "past")
    if reading.direction == "future":
        return Placement(None, None, anchor, None, "future")
    return Placement(None, None, anchor, anchor, reading.direction)


def _place_duration(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    return Placement(direction=reading.direction)


def _place_range(reading: Reading, anchor: dt.date | None, tense: Tense | None) -> Placement:
    assert reading.ends is not None
    first, second = reading.ends
    start = place(first, anchor, tense)
    # The end of "between June 1 and 3" is the first such day on or after the start.
    end_anchor = start.earliest or anchor
    end = place(second, end_anchor, "future" if start.earliest else tense)
    partial = None
    if start.partial and end.partial:
        partial = f"{start.partial}/{end.partial}"
    return Placement(
        start.value,
        start.precision,
        start.earliest,
        end.latest,
        start.direction,
        needs_anchor=start.needs_anchor or end.needs_anchor,
        partial=partial,
    )


_PLACERS: dict[str, Callable[[Reading, dt.date | None, Tense | None], Placement]] = {
    "date": _place_date,
    "month": _place_month,
    "year": _place_year,
    "season": _place_season,
    "decade": _place_decade,
    "ambiguous": _place_ambiguous,
    "monthday": _place_monthday,
    "monthonly": _place_monthonly,
    "seasononly": _place_seasononly,
    "weekday": _place_weekday,
    "shift": _place_shift,
    "span": _place_span,
    "vague": _place_vague,
    "duration": _place_duration,
    "range": _place_range,
}

"""Calendar arithmetic for the temporal normaliser: month ends, month shifts, seasons, parts."""

from __future__ import annotations

import calendar
import datetime as dt

from entente.dating.lexicon import Season

Day = dt.date
Bounds = tuple[dt.date, dt.date]


def month_bounds(year: int, month: int) -> Bounds:
    """First and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_bounds(year: int) -> Bounds:
    """First and last day of a year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def shift_month(year: int, month: int, steps: int) -> tuple[int, int]:
    """The (year, month) ``steps`` months after (or before, when negative) the given one."""
    index = year * 12 + (month - 1) + steps
    return index // 12, index % 12 + 1


def shift_days(day: dt.date, steps: int) -> dt.date | None:
    """``day`` moved by ``steps`` days, or None when that leaves the calendar datetime supports."""
    try:
        return day + dt.timedelta(days=steps)
    except OverflowError:
        return None


def week_bounds(day: dt.date) -> Bounds:
    """Monday and Sunday of the ISO week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def season_bounds(season: Season, year: int) -> Bounds:
    """Bounds of a season named after ``year`` (winter 2022 runs from December 2022)."""
    first = dt.date(year, season.start, 1)
    end_year, end_month = shift_month(year, season.start, season.months - 1)
    return first, month_bounds(end_year, end_month)[1]


def part_of(bounds: Bounds, fraction: tuple[float, float]) -> Bounds:
    """The slice of a period that a part word names ("early" = about the first third, ...).

    Periods of whole months are cut at month boundaries ("early 2023" = January to April), shorter
    ones at days ("late March" = 21 to 31 March).
    """
    first, last = bounds
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months >= 2 and first.day == 1 and last == month_bounds(last.year, last.month)[1]:
        lo = round(months * fraction[0])
        hi = max(round(months * fraction[1]) - 1, lo)
        start_y, start_m = shift_month(first.year, first.month, lo)
        end_y, end_m = shift_month(first.year, first.month, hi)
        return dt.date(start_y, start_m, 1), month_bounds(end_y, end_m)[1]
    length = (last - first).days + 1
    start = first + dt.timedelta(days=round(length * fraction[0]))
    stop = first + dt.timedelta(days=max(round(length * fraction[1]) - 1, 0))
    return start, max(start, min(stop, last))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when the numbers do not make one (31 April, 29 February 2023)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso(day: dt.date | None) -> str | None:
    """ISO form of a day, passing None through."""
    return day.isoformat() if day is not None else None

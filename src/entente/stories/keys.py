"""How mentions are compared: sides, dyads, date windows, root families."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from entente.models import Actor, DateValue

# Cooperative roots (QuadClass 1 and 2) that, between the same parties on the same day, are one
# episode: the meeting
# where they also praised each other and signed agreements.
EPISODE_ROOTS = {"01", "02", "03", "04", "05", "06", "07", "08"}
_SEASON_MONTHS = {
    "spring": {3, 4, 5},
    "summer": {6, 7, 8},
    "autumn": {9, 10, 11},
    "fall": {9, 10, 11},
    "winter": {12, 1, 2},
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def side_key(actor: Actor | dict[str, Any] | None) -> str:
    """The key one side of an event has in a dyad: its state, else its organisation or name."""
    if actor is None:
        return ""
    get = actor.get if isinstance(actor, dict) else lambda k: getattr(actor, k, None)
    return str(get("country") or get("org") or get("code") or get("name") or "")


def dyad_key(source: str, target: str) -> str:
    """Unordered pair key ``A|B`` (``A|`` when there is no target)."""
    if not target:
        return f"{source}|"
    return "|".join(sorted([source, target]))


def window(date: DateValue) -> tuple[dt.date, dt.date] | None:
    """The days a date value allows, or None when undated."""
    if not date.value:
        return None
    lo = date.earliest or _start(date.value)
    hi = date.latest or _end(date.value)
    try:
        return dt.date.fromisoformat(lo[:10]), dt.date.fromisoformat(hi[:10])
    except ValueError:
        return None


def _start(value: str) -> str:
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def _end(value: str) -> str:
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    return value


def overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], slack_days: int = 0) -> bool:
    """True when two windows share a day (allowing ``slack_days`` either side)."""
    slack = dt.timedelta(days=slack_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def months_named(text: str | None) -> set[int]:
    """Months of the year a date expression names without a year ("spring", "in March")."""
    if not text:
        return set()
    words = set(re.findall(r"[a-z]+", text.lower()))
    months: set[int] = set()
    for word in words:
        months |= _SEASON_MONTHS.get(word, set())
        if word in _MONTHS:
            months.add(_MONTHS[word])
    return months


PRECISION_RANK = {"day": 0, "season": 2, "month": 1, "year": 3, None: 9}

"""Lines where a text states its own date: stamps, datelines, date lines and bylines.

Recognised, in order of trust:

* a stamp: ``Published June 19, 2024``, ``Updated: 2024-06-19``, ``Posted on 19 June 2024``
  (the keywords are in ``data/context.yaml``);
* a dateline: ``MOSCOW, June 19 (AFP) -``, ``KYIV, Ukraine, June 19, 2024 —``;
* a line that starts with a date: ``June 19, 2024 — ...``, ``19 June 2024 10:32 BST``;
* a byline that carries a date: ``By Jane Doe | June 19, 2024``.

Datelines often leave out the year; such a stamp carries a year-less timex and the caller decides
whether other evidence fixes the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from entente.dating.lexicon import load_lexicon
from entente.dating.matchers import alternation
from entente.dating.patterns import grammar
from entente.dating.timex import Timex, find_timexes

StampKind = Literal["published", "updated", "dateline", "dateline_yearless"]

_HEAD_LINES = 8
_TAIL_LINES = 4
_MAX_STAMP_LINE = 160
_KEYWORD_REACH = 25  # how far after the keyword the date may start
_DATE_LINE_START = 2  # a date line's date starts within this many characters
_PLACE = re.compile(
    r"^\s*[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)*)?\s*,?\s*"
)
_AFTER_DATELINE = re.compile(r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—:]")
_AFTER_DATE_LINE = re.compile(
    r"\s*(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+\-]?\d*)?)?"
    r"\s*(?:[-–—|:].*)?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*by\s+\S", re.IGNORECASE)
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Stamp:
    """A date the text gives for itself, with the line it came from."""

    kind: StampKind
    timex: Timex
    line: str


@cache
def _keyword() -> re.Pattern[str]:
    stamps = alternation(load_lexicon().publication_stamps)
    return re.compile(rf"^\W{{0,3}}(?P<kw>{stamps})\b\s*:?\s*", re.IGNORECASE)


def _dated(timexes: list[Timex]) -> list[Timex]:
    """Day-precise dates, with or without a year."""
    return [
        t
        for t in timexes
        if (t.kind == "absolute" and t.precision == "day")
        or (t.kind == "yearless" and t.partial is not None and len(t.partial) == len("--12-22"))
    ]


def find_stamp(text: str) -> Stamp | None:
    """The most trusted date the text states for itself, or None.

    Args:
        text: the article text (title line included or not).

    Returns:
        A :class:`Stamp` whose ``timex`` is day-precise; its kind says how it was found. A
        ``dateline_yearless`` stamp has only month and day (``timex.partial``).
    """
    lines = [line for line in text.splitlines() if line.strip()]
    head, tail = lines[:_HEAD_LINES], lines[-_TAIL_LINES:]
    found: list[tuple[int, Stamp]] = []
    for position, line in enumerate(head + [t for t in tail if t not in head]):
        if len(line) > _MAX_STAMP_LINE and position >= len(head):
            continue
        stamp = _keyword_stamp(line)
        if stamp is not None:
            found.append((0 if stamp.kind == "published" else 4, stamp))
            continue
        if position >= len(head):
            continue
        for rank, reader in ((1, _dateline), (2, _date_line), (3, _byline)):
            stamp = reader(line)
            if stamp is not None:
                found.append((rank, stamp))
                break
    if not found:
        return None
    # A full date anywhere beats a dateline that leaves out the year.
    return min(found, key=lambda item: (item[1].kind == "dateline_yearless", item[0]))[1]


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines that open lines of ``text`` ("BRUSSELS, Feb 24, 2024
    (Staff) -", "June 19, 2024 —"). The date in one is the report's; a date that the sentence
    after it gives for the event ("on Friday") comes first."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stamp = (_dateline(line) if _PLACE.match(line) else None) or _date_line(line)
        if stamp is not None:
            start = pos + len(line) - len(line.lstrip())
            spans.append((start, start + len(stamp.line)))
        pos += len(line)
    return spans


def _keyword_stamp(line: str) -> Stamp | None:
    if len(line) > _MAX_STAMP_LINE:
        return None
    match = _keyword().match(line)
    if match is None:
        return None
    for timex in _dated(find_timexes(line)):
        if timex.start <= match.end() + _KEYWORD_REACH:
            if timex.kind == "yearless":
                return Stamp("dateline_yearless", timex, line.strip())
            kind = load_lexicon().publication_stamps[" ".join(match["kw"].lower().split())]
            return Stamp("updated" if kind == "updated" else "published", timex, line.strip())
    return None


def _dateline(line: str) -> Stamp | None:
    place = _PLACE.match(line)
    if place is None or not _TWO_CAPITALS.search(place.group(0)):
        return None
    for timex in _dated(find_timexes(line[: place.end() + 40])):
        tail = _AFTER_DATELINE.match(line, timex.end)
        if timex.start <= place.end() + 3 and tail is not None:
            kind: StampKind = "dateline_yearless" if timex.kind == "yearless" else "dateline"
            return Stamp(kind, timex, line[: tail.end()].strip())
    return None


def _date_line(line: str) -> Stamp | None:
    stripped = line.strip()
    # Most lines are paragraphs that do not open with a date: rule them out without tagging.
    if not grammar().could_start_with_day(stripped, _DATE_LINE_START):
        return None
    for timex in _dated(find_timexes(stripped))[:1]:
        if (
            timex.kind == "absolute"
            and timex.start <= _DATE_LINE_START
            and _AFTER_DATE_LINE.match(stripped, timex.end)
        ):
            return Stamp("dateline", timex, stripped[: timex.end])
    return None


def _byline(line: str) -> Stamp | None:
    if len(line) > _MAX_STAMP_LINE or not _BYLINE.match(line):
        return None
    for timex in _dated(find_timexes(line)):
        kind: StampKind = "dateline_yearless" if timex.kind == "yearless" else "published"
        return Stamp(kind, timex, line.strip())
    return None

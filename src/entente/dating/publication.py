"""Infer when an article was published, how we know it, and the window the evidence allows.

Evidence, in order of trust:

1. ``given`` (``--published``): method ``given``.
2. ``metadata_date`` (HTML, JSON or feed metadata): method ``metadata``.
3. The text stating its own date: a ``Published``/``Updated`` stamp, a dateline, a line that
   starts with a date, a dated byline (see :mod:`entente.dating.datelines`), or a relative
   expression set beside a date that pins the day ("yesterday, June 18"): method ``text``.
4. Bounds. An article cannot cite a source published after it, nor report as past a day that had
   not come, so the newest cited source's date and the newest date the text reports as past are
   lower bounds; a date the text plans for ("will visit on May 16") is an upper bound. When the
   tightest lower bound is a day, it is given as the date with method ``inferred``: news is written
   within days of what it reports, so that day is the best single estimate, and ``earliest`` /
   ``latest`` and ``evidence`` say how sure it is.
5. Nothing that fixes a day: ``date`` None, method ``unknown`` (never the ingest time), with
   ``earliest`` / ``latest`` kept where a month- or year-precise bound exists.

``evidence`` is always a short sentence quoting the text it rests on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from entente.dating.arithmetic import safe_date
from entente.dating.context import mention_tense, sentence_bounds
from entente.dating.datelines import Stamp, find_stamp
from entente.dating.readings import place
from entente.dating.timex import Timex, find_timexes
from entente.errors import InputError
from entente.ingest.references import extract_references
from entente.models import CitedSource, PublishedDate

# A dateline's year is taken from the lower bound only when the dateline falls this soon after it.
_YEARLESS_DATELINE_REACH = dt.timedelta(days=92)
# A weekday named without a date ("on Wednesday") means a day of the week before publication.
_WEEK = dt.timedelta(days=6)
_APPOSITION_GAP = re.compile(r"[\s,(]*(?:(?:in|on|of)\s+)?", re.IGNORECASE)
_DATED_KINDS = ("absolute", "year", "range")
_QUOTE_CONTEXT = 30
_ISO_START = re.compile(r"^\d{4}-?\d\d-?\d\d(?:$|[T ])")


@dataclass(frozen=True)
class _Bound:
    """A limit on the publication date and why; ``exact`` when it can stand for the date itself.

    ``why`` is the reason, or a function that writes it: a text gives a bound for each dated
    mention, and quoting each one would cost more than dating it, while only the few bounds that
    decide the result are ever shown.
    """

    day: dt.date
    exact: bool
    why: str | Callable[[], str]

    @property
    def reason(self) -> str:
        return self.why if isinstance(self.why, str) else self.why()


def infer_publication_date(
    text: str,
    *,
    given: str | None = None,
    metadata_date: str | None = None,
    cited_sources: Sequence[CitedSource] = (),
    title: str | None = None,
) -> PublishedDate:
    """Date an article from what it was given with and what its text says.

    Args:
        text: the cleaned text (raw text with a trailing numbered reference list also works: the
            list is cut off and read as cited sources when ``cited_sources`` is empty).
        given: a date given by the user (``--published``), any common format.
        metadata_date: the date from HTML, JSON or feed metadata, any common format.
        cited_sources: the article's reference list.
        title: the headline, when it is not part of ``text``.

    Returns:
        The publication date with its method, window and evidence.

    Raises:
        InputError: ``given`` is not a readable day.
    """
    if given is not None and given.strip():
        day = parse_date_string(given)
        if day is None:
            raise InputError(
                f"cannot read the publication date {given!r}",
                hint="give a day such as 2024-06-19",
            )
        return PublishedDate(
            day.isoformat(),
            "given",
            day.isoformat(),
            day.isoformat(),
            f"given as {given.strip()!r}",
        )
    notes: list[str] = []
    if metadata_date and metadata_date.strip():
        day = parse_date_string(metadata_date)
        if day is not None:
            return PublishedDate(
                day.isoformat(),
                "metadata",
                day.isoformat(),
                day.isoformat(),
                f"metadata date {metadata_date.strip()!r}",
            )
        notes.append(f"metadata date {metadata_date.strip()!r} is not a readable day")
    body, sources = text, list(cited_sources)
    if not sources:
        # Raw text may still end with its reference list; the ingest stage's reader cuts it off.
        body, sources = extract_references(text)
    return _from_text(body, sources, title, notes)


def parse_date_string(value: str) -> dt.date | None:
    """Read a day from a metadata or command-line string.

    ISO 8601 (with or without time; the day is taken as written, not moved to UTC), RFC 2822 as in
    feeds, and written dates such as ``June 19, 2024`` or ``19 Jun 2024 10:32 BST``.

    Args:
        value: the string.

    Returns:
        The day, or None when the string does not name one day.
    """
    text = value.strip()
    if _ISO_START.match(text):
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(text[:10])
            except ValueError:
                return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for timex in find_timexes(text):
        if timex.kind == "absolute" and timex.precision == "day" and timex.value:
            return dt.date.fromisoformat(timex.value)
    return None


def _from_text(
    body: str, sources: list[CitedSource], title: str | None, notes: list[str]
) -> PublishedDate:
    timexes = find_timexes(body)
    lower = _cited_bounds(sources)
    upper: list[_Bound] = []
    _mention_bounds(body, timexes, lower, upper, in_title=False)
    if title:
        _mention_bounds(title, find_timexes(title), lower, upper, in_title=True)
    low = max(lower, key=lambda b: (b.day, b.exact)) if lower else None
    if low is not None and any(b.day < low.day for b in upper):
        dropped = min(upper, key=lambda b: b.day)
        notes.append(f"ignored {dropped.reason}, which is before {low.reason}")
        upper = [b for b in upper if b.day >= low.day]
    high = min(upper, key=lambda b: b.day) if upper else None

    stamp = find_stamp(body)
    if stamp is not None:
        dated = _from_stamp(stamp, low, high, notes)
        if dated is not None:
            return dated

    window = _apposition_window(body, timexes)
    if window is not None and low is not None and window[1].day < low.day:
        notes.append(f"ignored {window[0].reason}, which is before {low.reason}")
        window = None
    if window is not None:
        first, last = window
        if first.day == last.day:
            day = first.day.isoformat()
            return PublishedDate(day, "text", day, day, _join([first.reason, *notes]))
        if low is None or first.day > low.day:
            low = first
        if high is None or last.day < high.day:
            high = last

    if low is not None and low.exact:
        reasons = [low.reason]
        week = _weekday_limit(body, timexes, low)
        if week is not None and (high is None or week.day < high.day):
            high = week
        if high is not None:
            reasons.append(high.reason)
        return PublishedDate(
            low.day.isoformat(),
            "inferred",
            low.day.isoformat(),
            high.day.isoformat() if high else None,
            _join([*reasons, *notes]),
        )

    reasons = ["no day-precise evidence of the publication date"]
    stamped = stamp.timex.text if stamp is not None else None
    yearless = [t.text for t in timexes if t.kind == "yearless" and t.partial and t.text != stamped]
    if yearless:
        shown = ", ".join(f'"{t}"' for t in yearless[:3]) + (", …" if len(yearless) > 3 else "")
        reasons.append(f"its dates {shown} give no year")
    if low is not None:
        reasons.append(f"not before {low.day.isoformat()}: {low.reason}")
    if high is not None:
        reasons.append(f"not after {high.day.isoformat()}: {high.reason}")
    return PublishedDate(
        None,
        "unknown",
        low.day.isoformat() if low else None,
        high.day.isoformat() if high else None,
        _join([*reasons, *notes]),
    )


def _join(parts: list[str]) -> str:
    return "; ".join(p for p in parts if p)


def _quote(text: str, start: int, end: int) -> str:
    """The span with a few words around it, within its sentence, on one line, quoted."""
    first, last = sentence_bounds(text, start, end)
    left = max(first, start - _QUOTE_CONTEXT)
    right = min(last, end + _QUOTE_CONTEXT)
    while left > first and not text[left - 1].isspace():
        left -= 1
    while right < last and not text[right].isspace():
        right += 1
    snippet = " ".join(text[left:right].split())
    return f'"{"…" if left > first else ""}{snippet}{"…" if right < last else ""}"'


def _cited_bounds(sources: list[CitedSource]) -> list[_Bound]:
    bounds = []
    for source in sources:
        if not source.date:
            continue
        try:
            if len(source.date) == len("2023-02-22"):
                day, exact = dt.date.fromisoformat(source.date), True
            elif len(source.date) == len("2023-02"):
                day, exact = dt.date.fromisoformat(source.date + "-01"), False
            else:
                day, exact = dt.date(int(source.date[:4]), 1, 1), False
        except ValueError:
            continue
        label = source.outlet or source.title or source.raw[:60] or "a cited source"
        bounds.append(
            _Bound(day, exact, f"the newest cited source ({label}) is dated {source.date}")
        )
    return bounds


def _mention_bounds(
    text: str, timexes: list[Timex], lower: list[_Bound], upper: list[_Bound], *, in_title: bool
) -> None:
    """Add the bounds that dated mentions give: reported days below, planned days above."""
    for timex in timexes:
        if timex.kind not in _DATED_KINDS or timex.value is None or not timex.earliest:
            continue
        tense = mention_tense(text, timex.start, timex.end)
        if tense is None and in_title and timex.precision == "day":
            tense = "past"  # a headline's date is the news peg, not a plan, unless it says so
        where = "the title" if in_title else "the text"
        if tense == "past":
            exact = timex.precision == "day" and timex.kind != "range"
            lower.append(
                _Bound(
                    dt.date.fromisoformat(timex.earliest),
                    exact,
                    _quoted(f"{where} reports {{}} as past", text, timex),
                )
            )
        elif tense == "future" and timex.latest:
            upper.append(
                _Bound(
                    dt.date.fromisoformat(timex.latest),
                    False,
                    _quoted(f"{where} plans {{}}", text, timex),
                )
            )


def _quoted(template: str, text: str, timex: Timex) -> Callable[[], str]:
    """A reason that quotes the mention when it is asked for (``{}`` marks where)."""
    return lambda: template.format(_quote(text, timex.start, timex.end))


def _from_stamp(
    stamp: Stamp, low: _Bound | None, high: _Bound | None, notes: list[str]
) -> PublishedDate | None:
    line = f'"{stamp.line}"'
    if stamp.kind == "dateline_yearless":
        return _yearless_dateline(stamp, low, high, notes)
    assert stamp.timex.value is not None
    day = dt.date.fromisoformat(stamp.timex.value)
    if low is not None and low.day > day:
        notes.append(f"though {low.reason}")
    if stamp.kind == "updated":
        earliest = low.day.isoformat() if low is not None and low.day <= day else None
        return PublishedDate(
            day.isoformat(),
            "text",
            earliest,
            day.isoformat(),
            _join([f"only an update stamp {line}; first publication may be earlier", *notes]),
        )
    return PublishedDate(
        day.isoformat(),
        "text",
        day.isoformat(),
        day.isoformat(),
        _join([f"the text states its date: {line}", *notes]),
    )


def _yearless_dateline(
    stamp: Stamp, low: _Bound | None, high: _Bound | None, notes: list[str]
) -> PublishedDate | None:
    """Date from a dateline without a year, when a lower bound close before it fixes the year.

    The article appeared on the dateline's day of some year on or after the lower bound: the first
    such day is the date when it is close to a day-precise bound, else only the earliest possible
    day.
    """
    partial = stamp.timex.partial or ""
    month, day_of_month = int(partial[2:4]), int(partial[5:7])
    said = f'the dateline "{stamp.line}" gives {stamp.timex.text} without a year'
    if low is None:
        notes.append(said)
        return None
    # Eight years always hold a 29 February.
    candidates = (safe_date(low.day.year + k, month, day_of_month) for k in range(9))
    first = next((d for d in candidates if d is not None and d >= low.day), None)
    if first is None:
        notes.append(said)
        return None
    latest = high.day.isoformat() if high is not None else None
    # Only a day-precise bound is trusted with the year: "in March 2023" may be old background.
    close = low.exact and first - low.day <= _YEARLESS_DATELINE_REACH
    if close and (high is None or first <= high.day):
        return PublishedDate(
            first.isoformat(),
            "inferred",
            first.isoformat(),
            first.isoformat(),
            _join([f"{said}; {low.reason}, so {first.year}", *notes]),
        )
    reasons = [f"{said}; {low.reason}, so not before {first.isoformat()}"]
    if high is not None:
        reasons.append(f"not after {latest}: {high.reason}")
    return PublishedDate(None, "unknown", first.isoformat(), latest, _join([*reasons, *notes]))


def _apposition_window(text: str, timexes: list[Timex]) -> tuple[_Bound, _Bound] | None:
    """The publication window a relative expression set beside a date implies.

    "last month (February 2023)" puts publication in March 2023; "yesterday, June 18, 2024" on
    June 19. Each fitting anchor is tried, so every relative form the tagger knows works alike.
    """
    window: tuple[_Bound, _Bound] | None = None
    for left, right in itertools.pairwise(timexes):
        if not _APPOSITION_GAP.fullmatch(text[left.end : right.start]):
            continue
        for relative, absolute in ((left, right), (right, left)):
            if relative.kind not in ("relative", "weekday") or absolute.kind != "absolute":
                continue
            found = _anchors_fitting(relative, absolute, text)
            if found is None:
                continue
            first, last = found
            span = (
                first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
            )
            reason = f'"{relative.text}" is {absolute.text}, so published {span}'
            if window is None:
                window = (_Bound(first, False, reason), _Bound(last, False, reason))
            else:
                window = (
                    max(window[0], _Bound(first, False, reason), key=lambda b: b.day),
                    min(window[1], _Bound(last, False, reason), key=lambda b: b.day),
                )
    if window is not None and window[0].day > window[1].day:
        return None
    return window


def _anchors_fitting(relative: Timex, absolute: Timex, text: str) -> tuple[dt.date, dt.date] | None:
    """First and last anchor (publication day) for which ``relative`` means ``absolute``."""
    if not absolute.earliest or not absolute.latest:
        return None
    a_first = dt.date.fromisoformat(absolute.earliest)
    a_last = dt.date.fromisoformat(absolute.latest)
    tense = mention_tense(text, relative.start, relative.end)
    probe = place(relative.reading, a_first, tense)
    if probe.earliest is None:
        return None
    reach = abs((a_first - probe.earliest).days) + (a_last - a_first).days + 400
    fitting = []
    for step in range(-reach, reach + 1):
        anchor = a_first + dt.timedelta(days=step)
        placed = place(relative.reading, anchor, tense)
        if absolute.value is not None and placed.value is not None:
            fits = placed.value == absolute.value
        else:
            fits = (
                placed.earliest is not None
                and placed.latest is not None
                and placed.earliest <= a_first
                and a_last <= placed.latest
            )
        if fits:
            fitting.append(anchor)
    if not fitting:
        return None
    return fitting[0], fitting[-1]


def _weekday_limit(text: str, timexes: list[Timex], low: _Bound) -> _Bound | None:
    """An upper bound when the text names, as past, the weekday of its newest dated evidence.

    A story says "on Wednesday" only for a day of the week before it appeared; when the newest
    evidence fell on a Wednesday, that is taken to be the day meant, so publication is at most six
    days later.
    """
    for timex in timexes:
        reading = timex.reading
        if timex.kind != "weekday" or reading.offset is not None:
            continue
        if reading.weekday != low.day.weekday():
            continue
        if mention_tense(text, timex.start, timex.end) == "future":
            continue
        quote = _quote(text, timex.start, timex.end)
        limit = low.day + _WEEK
        return _Bound(
            limit,
            False,
            f"the text reports {quote}, and {low.day.isoformat()} was a "
            f"{low.day.strftime('%A')}, so published by {limit.isoformat()}",
        )
    return None

"""Trailing reference lists and inline citation markers.

Machine-written syntheses and blog posts often end with a numbered list of the sources they cite
(``0. “Title” Outlet, 21 Feb. 2023,`` or ``[1] Title. Outlet. Feb 21, 2023. https://...``) and
point at it with markers such as ``[0]`` in the text. The list is cut from the text and parsed into
:class:`~entente.models.CitedSource` records; the markers stay in the text, and
:func:`citation_markers` finds them for later stages. Word lists live in ``data/references.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from entente.errors import KnowledgeBaseError
from entente.models import CitedSource

_MARKER = re.compile(r"^(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)])\s+(\S.*)$")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:)\]]", re.IGNORECASE)
_BARE_URL_LINE = re.compile(
    r"^(?:url\s*:\s*|available (?:at|from)\s*:?\s*)?<?(?:https?://|www\.)\S+>?$", re.IGNORECASE
)
_DOI_LINE = re.compile(r"^doi\s*:\s*\S+$", re.IGNORECASE)
_CITATION = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
_EDGE_PUNCT = " \t,.;:–—-|/"
# Spaced dashes, pipes and ". " split an unquoted entry into its parts (title, outlet, ...); a
# single capital before the dot is an initial ("J. Doe"), not the end of a part.
_PART_SPLIT = re.compile(r"(?<![\s.][A-Z])(?<!^[A-Z])\.\s+(?=[A-Z0-9“\"‘(])|\s+[|–—-]\s+")
# At most this many numbers are expanded from one range marker like [1-40]: longer is no citation.
_MAX_RANGE = 50


@dataclass(frozen=True)
class _Lexicon:
    headings: frozenset[str]
    months: dict[str, int]
    retrieval: re.Pattern[str]
    max_entry_chars: int


@cache
def _lexicon() -> _Lexicon:
    path = resources.files("entente.ingest").joinpath("data/references.yaml")
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        months = {
            str(word).lower(): int(number)
            for number, words in data["months"].items()
            for word in words
        }
        words = sorted((re.escape(str(w)) for w in data["retrieval_words"]), key=len, reverse=True)
        return _Lexicon(
            headings=frozenset(str(h).lower() for h in data["headings"]),
            months=months,
            retrieval=re.compile(
                r"(?:^|[\s,.;(])(?:" + "|".join(words) + r")\b(?:\s+on)?\s*:?.*$", re.IGNORECASE
            ),
            max_entry_chars=int(data["max_entry_chars"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KnowledgeBaseError(
            f"cannot read ingest/data/references.yaml: {exc}",
            hint="reinstall entente or fix the file",
        ) from exc


@cache
def _date_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Date shapes found in reference entries, most specific first."""
    names = sorted(_lexicon().months, key=len, reverse=True)
    month = r"(?P<month>" + "|".join(names) + r")\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4})"
    shapes = [
        ("ymd", rf"\b{year}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})\b"),
        ("apa", rf"\({year},\s*{month}\s+{day}\)"),
        ("dmy", rf"\b{day}\s+(?:of\s+)?{month},?\s+{year}\b"),
        ("mdy", rf"\b{month}\s+{day},?\s+{year}\b"),
        ("numeric", r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b"),
        ("my", rf"\b{month},?\s+{year}\b"),
        ("year", rf"\({year}\)"),
    ]
    return [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in shapes]


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """ISO date for the parts given; None when they name no real date. No day is ever invented."""
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            return date(year, month, 1).isoformat()[:7]
        return date(year, 1, 1).isoformat()[:4]
    except ValueError:
        return None


def _match_date(kind: str, match: re.Match[str]) -> str | None:
    year = int(match["year"])
    if kind == "ymd":
        return _iso(year, int(match["m"]), int(match["d"]))
    if kind == "numeric":
        # 03/04/2023 is March 4 in one country and 3 April in another: only a part above 12
        # settles which number is the day; otherwise only the year is certain.
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a:
            return _iso(year, a, b)
        if a == b:
            return _iso(year, a, b)
        return _iso(year, None, None)
    if kind == "year":
        return _iso(year, None, None)
    month = _lexicon().months[match["month"].lower()]
    if kind == "my":
        return _iso(year, month, None)
    return _iso(year, month, int(match["day"]))


def parse_reference_date(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Find the publication date in a reference entry, strictly.

    Args:
        text: the entry (or part of it), without any "Retrieved ..." clause.

    Returns:
        The ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as precise as the text is) and its
        span; ``(None, None)`` when the entry names no date. A date standing as its own segment
        (after a comma, a period or a parenthesis) wins over one inside running words; among
        equals the last one wins, since outlets put the date after the title. Date-shaped text
        naming no real day (``31/04/2023``) gives ``(None, span)`` so callers can still cut it.
    """
    found: list[tuple[int, int, int, int, str | None]] = []
    for kind, pattern in _date_patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for _, _, s, e, _ in found):
                continue
            iso = _match_date(kind, match)
            before = text[:start].rstrip()
            standalone = not before or before[-1] in ',.;:(–—-|”"’'
            found.append((iso is not None, standalone, start, end, iso))
    if not found:
        return None, None
    _, _, start, end, iso = max(found)
    return iso, (start, end)


def _strip_edges(text: str) -> str:
    return text.strip(_EDGE_PUNCT + '“”"‘’').strip()


def _quoted_title(body: str) -> tuple[str, str] | None:
    """Split ``“Title” rest`` into (title, rest); the title may itself hold quotes."""
    if not body or body[0] not in '“"‘':
        return None
    # A title opened with a curly quote may be closed with a straight one by careless typing.
    closers = {"“": '”"', '"': '"', "‘": "’'"}[body[0]]
    # The title ends at the last closing quote followed by a space or punctuation, so inner
    # quotes (“Ties ‘rock solid'”) and apostrophes stay in it.
    end = -1
    for i in range(1, len(body)):
        if body[i] in closers and (i + 1 == len(body) or body[i + 1] in " ,.;:"):
            end = i
    if end <= 1:
        return None
    return body[1:end].strip(), body[end + 1 :]


def parse_reference(body: str, index: int | None = None, raw: str = "") -> CitedSource:
    """Parse one reference entry (without its number) into a cited source.

    Args:
        body: the entry text, e.g. ``“Title” Outlet, 21 Feb. 2023,``.
        index: the entry's number in the list.
        raw: the entry as written, number included (defaults to ``body``).

    Returns:
        The cited source; fields the entry does not give are None.
    """
    urls = _URL.findall(body)
    url = urls[0] if urls else None
    rest = _URL.sub(" ", body)
    rest = _lexicon().retrieval.sub("", rest)
    title: str | None = None
    quoted = _quoted_title(rest.strip())
    if quoted:
        title, rest = quoted
    iso, span = parse_reference_date(rest)
    before, after = (rest[: span[0]], rest[span[1] :]) if span else (rest, "")
    apa = span is not None and rest[span[0]] == "(" and bool(_strip_edges(before)) and not title
    parts = [p for p in (_strip_edges(x) for x in _PART_SPLIT.split(before)) if p]
    tail = [p for p in (_strip_edges(x) for x in _PART_SPLIT.split(after)) if p]
    outlet: str | None = None
    if title is not None:
        outlet = ", ".join(parts) if parts else (tail[0] if tail else None)
    elif apa:
        # Author (date). Title. Outlet.
        title = tail[0] if tail else None
        outlet = tail[1] if len(tail) > 1 else None
    elif len(parts) >= 2:
        title, outlet = ". ".join(parts[:-1]), parts[-1]
    elif parts:
        title, outlet = _split_title_outlet(parts[0])
        if outlet is None and tail:
            outlet = tail[0]
    elif tail:
        title = tail[0]
        outlet = tail[1] if len(tail) > 1 else None
    return CitedSource(
        index=index, title=title or None, outlet=outlet or None, date=iso, url=url, raw=raw or body
    )


def _split_title_outlet(text: str) -> tuple[str, str | None]:
    """``Title, Outlet``: the part after the last comma is the outlet when it reads as a name."""
    head, sep, last = text.rpartition(", ")
    words = [w for w in last.split() if w.lower() not in {"of", "the", "and"}]
    if (
        sep
        and head
        and 0 < len(words) <= 6
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
    ):
        return head, last
    return text, None


def _entry_strength(body: str) -> int:
    """2: surely a reference (URL or quoted title); 1: has a standalone date; 0: not a reference."""
    if len(body) > _lexicon().max_entry_chars:
        return 0
    if _URL.search(body) or _DOI_LINE.match(body):
        return 2
    rest = _lexicon().retrieval.sub("", body)
    quoted = _quoted_title(rest.strip())
    if quoted and _strip_edges(quoted[1]):
        return 2
    iso, span = parse_reference_date(rest)
    if iso is None or span is None:
        return 0
    before = rest[: span[0]].rstrip()
    return 1 if (not before or before[-1] in ",.;:(–—-|") else 0


def _is_continuation(line: str) -> bool:
    return bool(
        _BARE_URL_LINE.match(line) or _DOI_LINE.match(line) or _lexicon().retrieval.match(line)
    )


def _is_heading(line: str) -> bool:
    return line.strip().rstrip(":").strip().lower() in _lexicon().headings


def split_reference_block(lines: list[str]) -> tuple[int, list[CitedSource]] | None:
    """Find a reference list at the end of a text given as lines.

    Args:
        lines: the text's lines (blank lines allowed).

    Returns:
        ``(first_line_of_the_block, sources)`` or None when the text does not end with a list
        of sources. The block includes a heading such as "References" standing above it.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    entries: list[tuple[int, str, list[str]]] = []  # (index, body, raw lines), bottom-up
    pending: list[str] = []
    start = end
    i = end - 1
    while i >= 0:
        line = lines[i].strip()
        match = _MARKER.match(line)
        if not line:
            pass
        elif match:
            number = next(int(g) for g in match.groups()[:3] if g is not None)
            body = " ".join([match[4], *reversed(pending)])
            entries.append((number, body, [line, *reversed(pending)]))
            pending = []
            start = i
        elif _is_continuation(line):
            pending.append(line)
        else:
            break
        i -= 1
    if not entries:
        return None
    entries.reverse()
    numbers = [n for n, _, _ in entries]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    strengths = [_entry_strength(body) for _, body, _ in entries]
    if min(strengths) == 0:
        return None
    head = start
    while head > 0 and not lines[head - 1].strip():
        head -= 1
    heading = head > 0 and _is_heading(lines[head - 1])
    cited_in_text = {n for _, _, n in citation_markers("\n".join(lines[:start]))}
    if not (heading or len(entries) >= 2 or max(strengths) == 2 or numbers[0] in cited_in_text):
        return None
    sources = [parse_reference(body, number, " ".join(raw)) for number, body, raw in entries]
    return (head - 1 if heading else start), sources


def extract_references(text: str) -> tuple[str, list[CitedSource]]:
    """Cut a trailing reference list from a text and parse its entries.

    Args:
        text: article text; inline markers such as ``[0]`` are left where they are.

    Returns:
        The text without the list (trailing whitespace removed) and the parsed sources; the text
        unchanged and an empty list when it ends with no reference list.
    """
    lines = text.split("\n")
    found = split_reference_block(lines)
    if found is None:
        return text, []
    start, sources = found
    return "\n".join(lines[:start]).rstrip(), sources


def citation_markers(text: str) -> list[tuple[int, int, int]]:
    """Inline citation markers: ``[3]``, ``[1, 2]``, ``[2-4]``.

    Args:
        text: the article text.

    Returns:
        ``(start, end, index)`` for each cited index, in text order; a marker citing several
        sources yields one tuple per index, all with the marker's span.
    """
    found: list[tuple[int, int, int]] = []
    for match in _CITATION.finditer(text):
        for part in re.split(r"\s*,\s*", match[1]):
            bounds = re.split(r"\s*[–-]\s*", part)
            first, last = int(bounds[0]), int(bounds[-1])
            if last < first or last - first >= _MAX_RANGE:
                last = first
            found.extend((match.start(), match.end(), n) for n in range(first, last + 1))
    return found

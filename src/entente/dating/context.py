"""Read the context of a date mention: its sentence, and whether it reports the past or a plan.

These are word-cue rules, meant for the publication dater, which runs before the parser. Event
dating, which has the parse, should prefer the clause's grammatical tense.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache
from typing import Literal

from entente.dating.guards import compile_guarded
from entente.dating.lexicon import Lexicon, load_lexicon
from entente.dating.matchers import alternation

MentionTense = Literal["past", "future"]

_BREAK = re.compile(r"[.!?…]+[\"”’')\]]*\s+|\n+")
# The same matches as _BREAK, written to open with a character class so that ``re`` can skip
# ahead to the candidates instead of trying every position (six times faster over a text).
_BREAK_SCAN = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"”’')\]]*\s+|(?<=\n)\n*)")
_CLAUSE_END = re.compile(r"[,;:—–(]")
_WORD_AT_END = re.compile(r"([\w.\-]+?)[.!?…]+[\"”’')\]]*\s+$")
_START_OF_SENTENCE = re.compile(r"[\"“‘'(\[]?[A-Z0-9•\-]")
_ED_WORD = compile_guarded(r"(?<![\w-])([a-z][a-z\-]{2,}ed)\b")
_WORD = re.compile(r"[A-Za-z']+")
_REACH = 600


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = load_lexicon()
    before = compile_guarded(rf"(?<![\w'])(?:{alternation(lex.future_cues)})\b", re.IGNORECASE)
    after = re.compile(
        rf"^[\s,]*(?:\w+\s+){{0,2}}?(?:{alternation(lex.future_cues_after)})\b", re.IGNORECASE
    )
    return before, after


class _Breaks:
    """Every sentence-break candidate of one text, found once, and whether each ends a sentence."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.boundary: list[bool] = []
        for found in _BREAK_SCAN.finditer(text):
            self.starts.append(found.start())
            self.ends.append(found.end())
            self.boundary.append(_is_boundary(text, found, lex))


@lru_cache(maxsize=4)
def _breaks(text: str) -> _Breaks:
    # A text is asked about once for each date it mentions: find its breaks once. The cache holds
    # the last few texts, so memory does not grow with a corpus.
    return _Breaks(text, load_lexicon())


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence holding ``text[start:end]``.

    A full stop after a known abbreviation ("Dec.", "U.S.") or before a lower-case word does not end
    a sentence; a line break always does (headlines, list items and datelines stand alone).
    """
    found = _indexed_bounds(text, start, end)
    return found if found is not None else _scanned_bounds(text, start, end)


def _indexed_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """:func:`_scanned_bounds` answered from the text's break index.

    Inside the window the scan looks at, it meets exactly the breaks a scan of the whole text
    meets, so they are read from the index. Only a break cut by an edge of the window can differ
    (the scan sees a shorter one, or one starting inside it): then None, and the caller scans.
    """
    first, last = max(0, start - _REACH), min(len(text), end + _REACH)
    index = _breaks(text)
    at = bisect_left(index.starts, first)
    if at > 0 and index.ends[at - 1] > first:
        return None  # a break runs across the start of the window
    low, high = first, last
    for k in range(at, len(index.starts)):
        if index.starts[k] >= last:
            break
        if index.ends[k] > last:
            return None  # a break runs across the end of the window
        if not index.boundary[k]:
            continue
        if index.ends[k] <= start:
            low = index.ends[k]
        elif index.starts[k] >= end:
            high = index.starts[k]
            break
    return low, high


def _scanned_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lex = load_lexicon()
    # Look only so far around the span: a longer "sentence" is a list or residue, and scanning
    # from the start of a long text for every mention would be quadratic.
    first, last = max(0, start - _REACH), min(len(text), end + _REACH)
    for found in _BREAK.finditer(text, first, last):
        if not _is_boundary(text, found, lex):
            continue
        if found.end() <= start:
            first = found.end()
        elif found.start() >= end:
            last = found.start()
            break
    return first, last


def _is_boundary(text: str, found: re.Match[str], lex: Lexicon) -> bool:
    if "\n" in found.group(0):
        return True
    if not _START_OF_SENTENCE.match(text, found.end()):
        return False
    if found.group(0).startswith("."):
        word = _WORD_AT_END.search(text, max(0, found.start() - 12), found.end())
        if word is not None:
            token = word.group(1).lower().strip(".")
            if token in lex.abbreviations or len(token) == 1:
                return False
    return True


def mention_tense(text: str, start: int, end: int) -> MentionTense | None:
    """Whether a date mention reports the past or a plan, from word cues in its sentence.

    A future cue ("will", "scheduled", "is expected", "next") after the last past form before the
    mention makes it a plan; otherwise a past form anywhere in the sentence makes it a report.

    Args:
        text: the whole text.
        start: where the mention starts.
        end: where it ends.

    Returns:
        ``future``, ``past`` or None when the sentence gives no cue (present tense, headlines).
    """
    lex = load_lexicon()
    cues_before, cues_after = _cues()
    first, last = sentence_bounds(text, start, end)
    head = text[first:start]
    last_future = max((m.end() for m in cues_before.finditer(head)), default=-1)
    last_past = _last_past_form(head, lex)
    if last_future > last_past:
        return "future"
    tail = text[end:last]
    clause_tail = _CLAUSE_END.split(tail, maxsplit=1)[0]
    if cues_after.match(clause_tail):
        return "future"
    if last_past >= 0 or _has_past_form(tail, lex):
        return "past"
    return None


def _last_past_form(span: str, lex: Lexicon) -> int:
    """Offset of the last past-tense form in a span, or -1.

    A past form is an "-ed" word not listed as something else ("alleged", "breed") or a listed
    irregular past ("met", "said").
    """
    last = -1
    for m in _ED_WORD.finditer(span):
        if m.group(1) not in lex.not_past_ed:
            last = m.start()
    for m in _WORD.finditer(span):
        if m.start() > last and m.group(0).lower() in lex.past_markers:
            last = m.start()
    return last


def _has_past_form(span: str, lex: Lexicon) -> bool:
    """Whether a span holds a past-tense form (see :func:`_last_past_form`)."""
    return any(m.group(1) not in lex.not_past_ed for m in _ED_WORD.finditer(span)) or any(
        m.group(0).lower() in lex.past_markers for m in _WORD.finditer(span)
    )

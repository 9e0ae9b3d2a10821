"""Read the context of a date mention: its sentence, and whether it reports the past or a plan.

These are word-cue rules, meant for the publication dater, which runs before the parser. Event
dating, which has the parse, should prefer the clause's grammatical tense.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from entente.dating.lexicon import Lexicon, load_lexicon
from entente.dating.matchers import alternation

MentionTense = Literal["past", "future"]

_BREAK = re.compile(r"[.!?…]+[\"”’')\]]*\s+|\n+")
_WORD_AT_END = re.compile(r"([\w.\-]+?)[.!?…]+[\"”’')\]]*\s+$")
_START_OF_SENTENCE = re.compile(r"[\"“‘'(\[]?[A-Z0-9•\-]")
_ED_WORD = re.compile(r"(?<![\w-])([a-z][a-z\-]{2,}ed)\b")
_WORD = re.compile(r"[A-Za-z']+")
_REACH = 600


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = load_lexicon()
    before = re.compile(rf"(?<![\w'])(?:{alternation(lex.future_cues)})\b", re.IGNORECASE)
    after = re.compile(
        rf"^[\s,]*(?:\w+\s+){{0,2}}?(?:{alternation(lex.future_cues_after)})\b", re.IGNORECASE
    )
    return before, after


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence holding ``text[start:end]``.

    A full stop after a known abbreviation ("Dec.", "U.S.") or before a lower-case word does not end
    a sentence; a line break always does (headlines, list items and datelines stand alone).
    """
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
    last_past = max((pos for pos, _ in _past_forms(head, lex)), default=-1)
    if last_future > last_past:
        return "future"
    tail = text[end:last]
    clause_tail = re.split(r"[,;:—–(]", tail, maxsplit=1)[0]
    if cues_after.match(clause_tail):
        return "future"
    if last_past >= 0 or any(True for _ in _past_forms(tail, lex)):
        return "past"
    return None


def _past_forms(span: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Offsets and words of past-tense forms in a span of text."""
    found = [
        (m.start(), m.group(1))
        for m in _ED_WORD.finditer(span)
        if m.group(1) not in lex.not_past_ed
    ]
    found += [
        (m.start(), m.group(0))
        for m in _WORD.finditer(span)
        if m.group(0).lower() in lex.past_markers
    ]
    return sorted(found)

"""Is a sentence supported by the sources it cites? Names, numbers and dates must occur in them.

This is the check every briefing sentence passes before it is printed, extractive or written by a
language model: each capitalised name, each number and each date expression in the sentence must
appear in at least one of the sources it cites.
"""

from __future__ import annotations

import re
import unicodedata

_CITES = re.compile(r"\s*\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
_NAME = re.compile(r"\b[A-Z][\w’'\-.]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w’'\-.]*)*")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
# Words that open sentences or are capitalised for grammar, not because they name something.
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "or",
        "so",
        "as",
        "by",
        "with",
        "from",
        "to",
        "after",
        "before",
        "during",
        "while",
        "when",
        "since",
        "until",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "they",
        "he",
        "she",
        "we",
        "his",
        "her",
        "our",
        "i",
        "what",
        "who",
        "planned",
        "also",
        "meanwhile",
        "however",
        "moreover",
        "furthermore",
        "according",
    ]
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def citations(sentence: str) -> tuple[str, list[int]]:
    """The sentence without its trailing citation markers, and the numbers they cite."""
    nums: list[int] = []
    for m in _CITES.finditer(sentence):
        nums += [int(n) for n in re.split(r"\s*,\s*", m.group(1))]
    return _CITES.sub("", sentence).strip(), nums


def claims(sentence: str) -> list[str]:
    """Names, numbers and dates a sentence asserts (what its sources must contain)."""
    text = _fold(citations(sentence)[0])
    found: list[str] = []
    for m in _NAME.finditer(text):
        words = [w for w in m.group(0).split() if w.lower() not in _FUNCTION_WORDS]
        phrase = " ".join(words).strip(".'’-")
        if phrase and phrase.lower() not in _FUNCTION_WORDS:
            found.append(phrase)
    found += [n.rstrip(".,") for n in _NUMBER.findall(text)]
    return found


def unsupported(sentence: str, sources: list[str]) -> list[str]:
    """The claims of ``sentence`` that none of ``sources`` contains (empty: supported)."""
    texts = [_fold(s) for s in sources]
    lowered = [t.lower() for t in texts]
    missing = []
    for claim in claims(sentence):
        if any(claim in t for t in texts):
            continue
        # a capitalised first word ("Talks resumed") may stand lower-case in the source
        if any(claim.lower() in t for t in lowered) and " " not in claim:
            continue
        # a multi-word name is supported when each of its words is ("Xi Jinping and Putin")
        parts = [p for p in re.split(r"\s+", claim) if p]
        if len(parts) > 1 and all(any(p in t for t in texts) for p in parts):
            continue
        missing.append(claim)
    return missing

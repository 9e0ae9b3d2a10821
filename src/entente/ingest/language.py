"""Detect an article's language offline with py3langid (a maintained fork of langid.py).

The model ships inside the py3langid wheel, so nothing is downloaded at run time. Confidence is the
normalised probability py3langid gives (0..1), not its raw log score.
"""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many letters (or words) the character n-grams say little: a headline fragment or a
# name list is not evidence of a language.
MIN_LETTERS = 20
MIN_WORDS = 3
# A thousand characters (some 150 words) settle the language of a news article; reading all of a
# long one would only cost time: py3langid walks its n-gram automaton byte by byte in Python, about
# 1 µs a byte, and ingest has some 3 ms per article in all.
MAX_CHARS = 1000

_CITATION = re.compile(r"\[\d{1,3}\]")
_LINK_MARKS = ("://", "@", "www.")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _enough(sample: str) -> bool:
    """At least MIN_LETTERS letters and MIN_WORDS words (unspaced scripts: a word a character)."""
    # Most samples have enough letters in their first words: count the whole only when not.
    head = sum(map(str.isalpha, sample[: 4 * MIN_LETTERS]))
    if head < MIN_LETTERS and sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return False
    return sample.count(" ") + 1 >= MIN_WORDS or len(_UNSPACED.findall(sample)) >= MIN_WORDS


def detect_language(text: str) -> tuple[str | None, float]:
    """Guess the language of a text.

    Args:
        text: cleaned article text.

    Returns:
        ISO 639-1 code and a confidence in 0..1, or ``(None, 0.0)`` when the text is too short or
        holds no letters to judge by.
    """
    head = text[: MAX_CHARS * 2]
    # Citation markers, links and addresses hold no language. Cheap tests first keep their cost
    # off the many texts that have none.
    if "[" in head:
        head = _CITATION.sub(" ", head)
    words = head.split()
    if any(mark in head for mark in _LINK_MARKS):
        words = [w for w in words if not any(mark in w for mark in _LINK_MARKS)]
    sample = " ".join(words)
    if not _enough(sample):
        return None, 0.0
    # Names carry the n-grams of their own language ("Kassym-Jomart Tokayev", "Zhao Leji"), and an
    # English sentence dense with them reads as Uzbek or Pidgin. The words around the names carry
    # the article's language, so capitalised words are set aside when enough is left without them.
    plain = " ".join([w for w in words if not w[0].isupper()])
    if _enough(plain):
        sample = plain
    if len(sample) > MAX_CHARS:
        # Cut at a space so the last word is not a fragment that reads as another language.
        cut = sample.rfind(" ", 0, MAX_CHARS)
        sample = sample[: cut if cut > 0 else MAX_CHARS]
    language, confidence = _identifier().classify(sample)
    return str(language), max(0.0, min(1.0, float(confidence)))

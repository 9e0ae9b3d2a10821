"""Text normalisation shared by the index builder and the resolver.

Aliases and mentions are compared in one normal form: accents folded, typographic quotes and dashes
made plain, spaces collapsed, lower case, without a leading article or surrounding punctuation.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " \t\n\"'()[]{},;:!?*"
_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|s')$")


def fold(text: str) -> str:
    """Plain quotes and dashes, accents removed, spaces collapsed; case kept."""
    text = text.translate(_QUOTES)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip()


def strip_article(text: str) -> str:
    """Drop surrounding punctuation and a leading "the"."""
    text = text.strip(_EDGE_PUNCT)
    text = _ARTICLE.sub("", text)
    return text.strip(_EDGE_PUNCT)


def normalize(text: str) -> str:
    """The lookup key for an alias or mention (lower case, folded, no leading article)."""
    return strip_article(fold(text)).lower()


def strip_possessive(text: str) -> str:
    """``"Russia's"`` -> ``"Russia"``; other text unchanged."""
    return _POSSESSIVE.sub("", text)


def is_abbreviation(alias: str) -> bool:
    """Short all-capital forms (US, UN, WHO, DPRK, U.S.) must match with their exact case."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)

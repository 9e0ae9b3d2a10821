"""Guards that keep the resolver from false matches: case, personal-name context, word lists."""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from entente.knowledge.index import Index
from entente.knowledge.text import fold, strip_article

SENTENCE_END = re.compile(r"[.!?;:\n]")


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    path = resources.files("entente.knowledge").joinpath("data", "resolver_words.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: frozenset(str(w) for w in values) for key, values in data.items()}


STOPWORDS = _words()["stopwords"]
HONORIFICS = _words()["honorifics"]
QUALIFIERS = _words()["qualifiers"]
FORMER = _words()["former"]
NAME_PARTICLES = _words()["name_particles"]
FUNCTION_WORDS = _words()["function_words"]
POST_NOMINALS = _words()["post_nominals"]
CALENDAR_WORDS = _words()["calendar_words"]


def is_post_nominal(word: str) -> bool:
    """Whether ``word`` is letters after a name ("MP", "KC", "PhD"); capitalised forms only."""
    return word[:1].isupper() and word.lower() in POST_NOMINALS


def without_post_nominals(surface: str) -> str | None:
    """``surface`` without the post-nominal letters at its end, or None when it has none to drop.

    "Boris Johnson MP" -> "Boris Johnson"; "Keir Starmer, KC" -> "Keir Starmer"; a mention made
    only of such letters gives None too.
    """
    words = surface.replace(",", " ").split()
    keep = len(words)
    while keep > 0 and is_post_nominal(words[keep - 1]):
        keep -= 1
    if keep in (0, len(words)):
        return None
    return " ".join(words[:keep])


def case_ok(alias: str, strict: bool, text: str) -> bool:
    """Capitalisation guard: abbreviations match exactly; capitalised names need a capital."""
    if strict:
        return strip_article(fold(alias)) == strip_article(text)
    first = next((c for c in alias if c.isalpha()), "")
    seen = next((c for c in text if c.isalpha()), "")
    return not first.isupper() or seen.isupper()


def looks_like_name(tokens: list[str]) -> bool:
    """Whether tokens read as a personal name: capitalised words, particles allowed."""
    words = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    return bool(words) and all(w[:1].isupper() for w in words) and tokens[-1] != "'s"


def inside_personal_name(surface: str, context: str | None, ix: Index) -> bool:
    """Whether ``surface`` is part of a longer personal name in the context ("Chad Smith said")."""
    if not context or " " in surface:
        return False
    for match in re.finditer(re.escape(surface), context):
        after = context[match.end() :]
        nxt = re.match(r"\s+([A-Z][a-z]+)\b", after)
        if nxt and not _is_known(nxt.group(1), ix):
            return True
        before = context[: match.start()]
        prev = re.search(r"\b([A-Z][a-z]+)\s+$", before)
        if prev and not _is_known(prev.group(1), ix):
            head = before[: prev.start()].rstrip()
            if head and not SENTENCE_END.search(head[-1:]) and head[-1:] not in "\"'“(":
                return True
    return False


def heads_a_name(surface: str, context: str | None) -> bool:
    """Whether a one-word ``surface`` heads a longer name in the context: "Power" in "the Power
    of Siberia pipeline", "Bush" in "Bush of the Rockies". A surname alone ("Power said") does
    not."""
    if not context:
        return False
    return re.search(rf"\b{re.escape(surface)}\s+of\s+(?:the\s+)?[A-Z]", context) is not None


def _is_known(word: str, ix: Index) -> bool:
    key = word.lower()
    tables = (ix.names, ix.cues, ix.titles, ix.sector_words)
    return (
        key in STOPWORDS
        or key in HONORIFICS
        or key in FUNCTION_WORDS
        or key in CALENDAR_WORDS
        or any(key in table for table in tables)
    )

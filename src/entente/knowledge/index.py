"""Lookup tables built once from a loaded knowledge base.

Everything the resolver needs on its fast path is a dict keyed by normalised text: names and
aliases, country/organisation cues, role "shapes" (a template with its placeholder cut out, e.g.
``"{} 's foreign minister"``), office-specific phrases and sector words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from entente.knowledge.text import fold, is_abbreviation, normalize

if TYPE_CHECKING:
    from entente.knowledge.kb import KnowledgeBase, State, Term

PLACEHOLDERS = {"{name}": "state", "{demonym}": "state", "{org}": "org"}
_CONNECTORS = {"of", "'s", "to", "for", "in"}
_POSSESSIVE_SPLIT = re.compile(r"(?<=[\w}.])'s\b|(?<=\w)s'(?=\s|$)")
_DROP = {"the"}
FUZZY_MIN_LENGTH = 6


def shape_tokens(text: str, *, lower: bool = True) -> list[str]:
    """Tokens with a possessive split off (``"russia" "'s"``) and "the" dropped.

    Args:
        text: a phrase or mention.
        lower: lower-case the tokens (keys); ``False`` keeps case for capitalisation checks.
    """
    text = fold(text)
    if lower:
        text = text.lower()
    text = _POSSESSIVE_SPLIT.sub(" 's", text)
    tokens = (t.strip(',;:()"') for t in text.split())
    return [t for t in tokens if t and t.lower() not in _DROP]


def shape_key(text: str) -> str:
    """The key a phrase has in the shape, title, cue and office-phrase tables."""
    return " ".join(shape_tokens(text))


@dataclass(frozen=True)
class NameEntry:
    """One alias of a state, demonym, metonym, organisation or person.

    ``strict`` aliases (abbreviations such as US, UN, WHO) match only with their exact case.
    """

    kind: str  # state | demonym | metonym | org | person
    ref: str  # ISO3, organisation id or person id
    surface: str
    sector: str | None = None
    strict: bool = False


@dataclass(frozen=True)
class Cue:
    """A word or phrase naming a state or organisation inside a longer mention."""

    kind: str  # state | org
    ref: str
    surface: str
    strict: bool = False
    sector: str | None = None  # a metonym's sector ("Pentagon" -> MIL)


@dataclass
class Index:
    """The resolver's lookup tables."""

    names: dict[str, list[NameEntry]] = field(default_factory=dict)
    cues: dict[str, list[Cue]] = field(default_factory=dict)
    shapes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # -> (kind, cue kind)
    titles: dict[str, list[str]] = field(default_factory=dict)
    office_phrases: dict[str, list[str]] = field(default_factory=dict)
    offices_by_key: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    terms_by_office: dict[str, list[tuple[str, Term]]] = field(default_factory=dict)
    sector_words: dict[str, str] = field(default_factory=dict)
    state_by_code: dict[str, State] = field(default_factory=dict)
    org_by_ref: dict[str, object] = field(default_factory=dict)
    org_family: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fuzzy_keys: list[str] = field(default_factory=list)
    max_cue_tokens: int = 1
    first_names: dict[str, set[str]] = field(default_factory=dict)  # person id -> name tokens


def _add(table: dict[Any, list[Any]], key: Any, value: object) -> None:
    if key:
        bucket = table.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)


def build_index(kb: KnowledgeBase) -> Index:
    """Build every lookup table for ``kb``."""
    index = Index()
    _index_states(kb, index)
    _index_organizations(kb, index)
    _index_people(kb, index)
    _index_roles(kb, index)
    for code, sector in kb.sectors.items():
        for word in sector.words:
            index.sector_words.setdefault(shape_key(word), code)
    index.max_cue_tokens = max((len(k.split()) for k in index.cues), default=1)
    index.fuzzy_keys = sorted(
        key
        for key, entries in index.names.items()
        if len(key) >= FUZZY_MIN_LENGTH
        and any(not e.strict and e.kind in ("state", "org", "person") for e in entries)
    )
    return index


def _demonym_plurals(demonym: str) -> list[str]:
    # "Russians", "Israelis", "Thais"; "Chinese", "Swiss" and "French" have no -s plural.
    if demonym.endswith(("an", "i", "ian")) and not demonym.endswith("ese"):
        return [demonym + "s"]
    return []


def _index_states(kb: KnowledgeBase, index: Index) -> None:
    for state in kb.states.values():
        index.state_by_code[state.code] = state
        state_names = [state.name, *state.aliases]
        if state.official_name:
            state_names.append(state.official_name)
        for alias in state_names:
            strict = is_abbreviation(alias)
            _add(index.names, normalize(alias), NameEntry("state", state.iso3, alias, None, strict))
            _add(index.cues, shape_key(alias), Cue("state", state.iso3, alias, strict))
        for demonym in state.demonyms:
            strict = is_abbreviation(demonym)
            for form in [demonym, *_demonym_plurals(demonym)]:
                _add(
                    index.names,
                    normalize(form),
                    NameEntry("demonym", state.iso3, form, None, strict),
                )
            _add(index.cues, shape_key(demonym), Cue("state", state.iso3, demonym, strict))
        for prefix in state.prefixes:
            _add(
                index.cues,
                shape_key(prefix),
                Cue("state", state.iso3, prefix, is_abbreviation(prefix)),
            )
        for metonym in state.metonyms:
            strict = is_abbreviation(metonym.name)
            entry = NameEntry("metonym", state.iso3, metonym.name, metonym.sector, strict)
            _add(index.names, normalize(metonym.name), entry)
            _add(
                index.cues,
                shape_key(metonym.name),
                Cue("state", state.iso3, metonym.name, strict, metonym.sector),
            )


def _index_organizations(kb: KnowledgeBase, index: Index) -> None:
    children: dict[str, list[str]] = defaultdict(list)
    for org in kb.organizations.values():
        index.org_by_ref[org.id.lower()] = org
        index.org_by_ref.setdefault(org.name.lower(), org)
        if org.short:
            index.org_by_ref[org.short.lower()] = org
        if org.parent:
            children[org.parent].append(org.id)
        for alias in (org.name, org.short, *org.aliases):
            if not alias:
                continue
            strict = is_abbreviation(alias)
            _add(index.names, normalize(alias), NameEntry("org", org.id, alias, org.sector, strict))
            _add(index.cues, shape_key(alias), Cue("org", org.id, alias, strict))
    for org in kb.organizations.values():
        parent = index.org_by_ref.get(org.parent.lower()) if org.parent else None
        family = [org.id, *children.get(org.id, ())]
        if parent is not None:
            family.append(parent.id)  # type: ignore[attr-defined]
        index.org_family[org.id] = tuple(family)


def _index_people(kb: KnowledgeBase, index: Index) -> None:
    for person in kb.people.values():
        tokens: set[str] = set()
        for alias in (person.name, *person.aliases):
            strict = is_abbreviation(alias)
            _add(index.names, normalize(alias), NameEntry("person", person.id, alias, None, strict))
            tokens.update(normalize(alias).split())
        index.first_names[person.id] = tokens
        for term in person.roles:
            index.terms_by_office.setdefault(term.office, []).append((person.id, term))
    for terms in index.terms_by_office.values():
        terms.sort(key=lambda pair: (pair[1].start is None, pair[1].start))


def _index_roles(kb: KnowledgeBase, index: Index) -> None:
    for template in kb.role_templates.values():
        for text in template.templates:
            _add_template(index, template.kind, text)
        if template.title:
            _add_template(index, template.kind, template.title)
    for office in kb.offices.values():
        owner = office.country
        if office.org:
            org = index.org_by_ref.get(office.org.lower())
            owner = org.id if org is not None else office.org  # type: ignore[attr-defined]
        if owner is None:
            continue
        _add(index.offices_by_key, (owner, office.kind), office.id)
        if office.leader:
            _add(index.offices_by_key, (owner, "leader"), office.id)
        for phrase in (office.title, *office.phrases):
            _add(index.office_phrases, shape_key(phrase), office.id)


def _add_template(index: Index, kind: str, text: str) -> None:
    tokens = shape_tokens(text)
    holes = [i for i, t in enumerate(tokens) if t in PLACEHOLDERS]
    if not holes:
        _add(index.titles, " ".join(tokens), kind)
        return
    hole = holes[0]
    cue_kind = PLACEHOLDERS[tokens[hole]]
    shape = [*tokens[:hole], "{}", *tokens[hole + 1 :]]
    _add(index.shapes, " ".join(shape), (kind, cue_kind))
    # The same words without the country are a bare title ("Foreign Minister Wang Yi").
    before, after = tokens[:hole], tokens[hole + 1 :]
    while before and before[-1] in _CONNECTORS:
        before = before[:-1]
    while after and after[0] in _CONNECTORS:
        after = after[1:]
    bare = " ".join(before + after)
    if bare:
        _add(index.titles, bare, kind)

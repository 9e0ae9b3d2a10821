"""Resolve a mention ("Putin", "China's top diplomat", "the Kremlin", "Russian forces") to an Actor.

Order of attempts, cheapest first: exact alias (dict look-up), office phrase, role shape
("{} 's foreign minister") resolved to the office holder on the date, role + name ("Chinese
President Xi Jinping"), country + sector words ("Chinese companies" -> CHNBUS), guarded fuzzy
matching, and finally an unresolved actor carrying whatever country/sector cues the mention or its
context give.

What comes back:

* a state, metonym or demonym: ``kind="state"``, ``code`` = CAMEO country code (+ sector for
  metonyms and sector words: "the Kremlin" -> ``RUSGOV``, "the Pentagon" -> ``USAMIL``);
* an organisation: ``kind="org"`` (``"group"`` for non-state groups), ``code`` its IGO code;
* a known person: ``kind="person"``, ``role`` the office held on the date (several at once: the
  one the mention names, else the most senior), ``code`` country + office sector; a person who
  holds no office that day gets sector ``ELI`` and ``role=None``;
* a role whose holder the base does not know: ``kind="person"``, ``id=None``, ``name`` = the
  phrase, ``code``/``role`` from the role ("the Malian foreign minister" -> ``MLIGOV``);
* a name the base lacks: ``kind="unresolved"``, ``id=None``, with country/sector/role from cues
  in the mention or the context ("Chinese Foreign Ministry spokesperson Mao Ning");
* ``None`` for text that names no actor (pronouns, common nouns, lower-case words that are
  only names when capitalised: "turkey", "china").

Ambiguous surnames are settled by who held office on the date and by the context; when they stay
ambiguous the result is an unresolved actor (with the country when all candidates share it).
Without a date, roles are those held today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from entente.knowledge.guards import (
    FORMER,
    HONORIFICS,
    QUALIFIERS,
    SENTENCE_END,
    STOPWORDS,
    case_ok,
    heads_a_name,
    inside_personal_name,
    looks_like_name,
    without_post_nominals,
)
from entente.knowledge.index import Cue, NameEntry, shape_key, shape_tokens
from entente.knowledge.kb import KnowledgeBase, Office, Organization, Person, State, default_kb
from entente.knowledge.patterns import entity_patterns
from entente.knowledge.text import fold, normalize, strip_article, strip_possessive
from entente.models import Actor

FUZZY_CUTOFF = 90.0
# A mention that names a role its person left only days before the text's date ("Foreign Minister
# Wang Yi" in a report written the week his successor took over) keeps that role: reports run
# behind transitions, and the text's date is often the report's, not the event's.
ROLE_GRACE = dt.timedelta(days=31)
_CACHE_LIMIT = 100_000


@dataclass
class RoleMatch:
    """What a role phrase names: specific offices, or a state/organisation cue plus office kinds."""

    offices: tuple[str, ...] = ()
    cue: Cue | None = None
    kinds: tuple[str, ...] = ()


def resolve(
    mention: str,
    date: dt.date | str | None = None,
    context: str | None = None,
    kb: KnowledgeBase | None = None,
) -> Actor | None:
    """Resolve one mention to an actor.

    Args:
        mention: the text naming the actor ("Wang Yi", "the Kremlin", "Chinese companies").
        date: the date the text speaks of (roles are taken on that day); None = today.
        context: the sentence or passage around the mention, used to settle ambiguity.
        kb: the knowledge base; None = :func:`~entente.knowledge.kb.default_kb`.

    Returns:
        An Actor (see the module docstring for the kinds), or None when the text names no actor.
    """
    return resolver_for(kb or default_kb()).resolve(mention, date, context)


_RESOLVERS: dict[int, tuple[KnowledgeBase, Resolver]] = {}


def resolver_for(kb: KnowledgeBase) -> Resolver:
    """The (cached) resolver for a knowledge base."""
    held = _RESOLVERS.get(id(kb))
    if held is None or held[0] is not kb:
        if len(_RESOLVERS) > 8:
            _RESOLVERS.clear()
        held = (kb, Resolver(kb))
        _RESOLVERS[id(kb)] = held
    return held[1]


def as_date(value: dt.date | dt.datetime | str | None) -> dt.date:
    """A date from a date, datetime, ISO string (YYYY, YYYY-MM or YYYY-MM-DD) or None (today)."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    if len(text) == 4:
        text += "-07-01"  # mid-year for a bare year
    elif len(text) == 7:
        text += "-15"
    return dt.date.fromisoformat(text[:10])


class Resolver:
    """Resolution over one knowledge base, with a memo of answers."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.ix = kb.index
        self._memo: dict[tuple[str, dt.date, str | None], Actor | None] = {}

    def resolve(
        self, mention: str, date: dt.date | str | None = None, context: str | None = None
    ) -> Actor | None:
        """See :func:`resolve`."""
        day = as_date(date)
        key = (mention, day, context)
        if key in self._memo:
            found = self._memo[key]
        else:
            found = self._resolve(mention, day, context)
            if len(self._memo) >= _CACHE_LIMIT:
                self._memo.clear()
            self._memo[key] = found
        return replace(found) if found is not None else None

    # -- the steps ----------------------------------------------------------------------------

    def _resolve(self, mention: str, day: dt.date, context: str | None) -> Actor | None:
        surface = strip_possessive(strip_article(fold(mention)))
        if len(surface) < 2 or not any(c.isalpha() for c in surface):
            return None
        key = normalize(surface)
        found = self._by_name(surface, key, day, context) or self._named_with_letters(
            surface, day, context
        )
        if found is not None:
            return found
        if key in STOPWORDS:
            return None
        tokens = shape_tokens(surface)
        cased = shape_tokens(surface, lower=False)
        former = False
        while tokens and (tokens[0] in QUALIFIERS or tokens[0] in FORMER):
            former = former or tokens[0] in FORMER
            tokens, cased = tokens[1:], cased[1:]
        if not tokens:
            return None
        if not former:
            role = self._parse_role(tokens, cased)
            if role is not None:
                return self._role_actor(role, surface, day)
        found = self._sector_phrase(tokens, cased, surface) or self._leader_government(
            tokens, cased, surface
        )
        if found is not None:
            return found
        found = self._name_with_role(tokens, cased, day, context, former)
        if found is not None:
            return found
        found = self._fuzzy(surface, key, day, context)
        if found is not None:
            return found
        return self._unresolved(surface, cased, day, context)

    def _named_with_letters(self, surface: str, day: dt.date, context: str | None) -> Actor | None:
        """A person named with post-nominal letters ("Boris Johnson MP", "Keir Starmer, KC").

        Only a person counts: "Columbia, SC" is a city and its state, not someone with letters.
        """
        name = without_post_nominals(surface)
        if name is None:
            return None
        found = self._resolve(name, day, context)
        return found if found is not None and found.kind == "person" and found.id else None

    def _by_name(self, surface: str, key: str, day: dt.date, context: str | None) -> Actor | None:
        entries = [e for e in self.ix.names.get(key, ()) if case_ok(e.surface, e.strict, surface)]
        if not entries:
            return None
        people = [e for e in entries if e.kind == "person"]
        others = [e for e in entries if e.kind != "person"]
        if people and " " not in surface and heads_a_name(surface, context):
            # "the Power of Siberia pipeline": a bare surname at the head of a longer name
            people = []
            if not others:
                return Actor(name=surface, kind="unresolved")
        if others and inside_personal_name(surface, context, self.ix):
            if not people:
                return Actor(name=surface, kind="unresolved")
            others = []
        if others and not (people and self._person_named_in(people, surface, context)):
            return self._entity_actor(_best_entity(others), surface)
        person = self._choose_person([e.ref for e in people], day, context, RoleMatch())
        if person is not None:
            return self.person_actor(person, day, RoleMatch())
        return self._ambiguous(surface, [e.ref for e in people])

    def _parse_role(self, tokens: list[str], cased: list[str]) -> RoleMatch | None:
        """Read a whole token list as a role phrase, or return None."""
        joined = " ".join(tokens)
        offices = self.ix.office_phrases.get(joined)
        if offices:
            return RoleMatch(offices=tuple(offices))
        n = len(tokens)
        for i in range(n):
            for j in range(min(n, i + self.ix.max_cue_tokens), i, -1):
                cues = self.ix.cues.get(" ".join(tokens[i:j]))
                if not cues:
                    continue
                shape = " ".join([*tokens[:i], "{}", *tokens[j:]])
                kinds = self.ix.shapes.get(shape)
                if not kinds:
                    continue
                for cue in cues:
                    if not case_ok(cue.surface, cue.strict, " ".join(cased[i:j])):
                        continue
                    wanted = tuple(k for k, cue_kind in kinds if cue_kind == cue.kind)
                    if wanted:
                        return RoleMatch(cue=cue, kinds=wanted)
        return None

    def _title_hint(self, tokens: list[str], cased: list[str]) -> RoleMatch | None:
        """A role phrase, bare title or honorific before a name (or None if it is none of these)."""
        role = self._parse_role(tokens, cased)
        if role is not None:
            return role
        joined = " ".join(tokens)
        if joined in self.ix.titles:
            return RoleMatch(kinds=tuple(self.ix.titles[joined]))
        if joined in HONORIFICS:
            return RoleMatch()
        cues = self.ix.cues.get(joined)  # "Russian Vladimir Putin", "Kremlin's Dmitry Peskov"
        if cues and case_ok(cues[0].surface, cues[0].strict, " ".join(cased)):
            return RoleMatch(cue=cues[0])
        return None

    def _name_with_role(
        self, tokens: list[str], cased: list[str], day: dt.date, context: str | None, former: bool
    ) -> Actor | None:
        """ "Chinese President Xi Jinping", "Mr Putin", "spokesperson Mao Ning" (unknown name)."""
        fallback: Actor | None = None
        fallback_rank = -1
        for k in range(1, len(tokens)):
            tail = " ".join(tokens[k:])
            entries = [
                e
                for e in self.ix.names.get(tail, ())
                if e.kind == "person" and case_ok(e.surface, e.strict, " ".join(cased[k:]))
            ]
            if not entries and not looks_like_name(cased[k:]):
                continue
            hint = self._title_hint(tokens[:k], cased[:k])
            if hint is None:
                continue
            if entries:
                person = self._choose_person([e.ref for e in entries], day, context, hint)
                if person is not None:
                    return self.person_actor(person, day, RoleMatch() if former else hint)
                return self._ambiguous(" ".join(cased[k:]), [e.ref for e in entries])
            # An unknown name after a role: keep the most informative reading (role > cue).
            rank = 2 if (hint.kinds or hint.offices) else 1 if hint.cue is not None else 0
            if rank == 1 and (hint.cue.sector is not None or len(tokens) - k < 2):  # type: ignore[union-attr]
                continue  # "Washington Post", "China Daily": a country word is no role
            if rank <= fallback_rank:
                continue
            named = " ".join(cased[k:])
            base = self._role_actor(hint, named, day) if rank == 2 else None
            if base is None and hint.cue is not None:
                base = self._cue_actor(hint.cue, None, named)
            fallback, fallback_rank = Actor(name=named, kind="unresolved"), rank
            if base is not None:
                fallback = replace(base, name=named, kind="unresolved", id=None)
                if former:
                    fallback.role = None
        return fallback

    def _sector_phrase(self, tokens: list[str], cased: list[str], surface: str) -> Actor | None:
        """ "Russian naval forces" (RUSMIL), "Chinese companies" (CHNBUS), "ministry of China"."""
        n = len(tokens)
        for j in range(min(n, self.ix.max_cue_tokens), 0, -1):  # cue first: "Chinese firms"
            found = self._cue_and_words(tokens[:j], cased[:j], tokens[j:], surface)
            if found is not None:
                return found
        if "of" in tokens:  # "the military of Iran"
            at = len(tokens) - 1 - tokens[::-1].index("of")
            found = self._cue_and_words(tokens[at + 1 :], cased[at + 1 :], tokens[:at], surface)
            if found is not None:
                return found
        return None

    def _leader_government(self, tokens: list[str], cased: list[str], surface: str) -> Actor | None:
        """ "the Biden administration", "Putin's government": the leader's state, sector GOV."""
        if len(tokens) < 2 or self.ix.sector_words.get(tokens[-1]) != "GOV":
            return None
        head = tokens[:-2] if tokens[-2] == "'s" else tokens[:-1]
        entries = [
            e
            for e in self.ix.names.get(" ".join(head), ())
            if e.kind == "person" and case_ok(e.surface, e.strict, " ".join(cased[: len(head)]))
        ]
        countries = {self.kb.people[e.ref].country for e in entries}
        if len(countries) != 1:
            return None
        state = self.kb.states.get(countries.pop() or "")
        return self._state_actor(state, "GOV", name=surface) if state else None

    def _cue_and_words(
        self, cue_tokens: list[str], cue_cased: list[str], rest: list[str], surface: str
    ) -> Actor | None:
        if rest and rest[0] == "'s":
            rest = rest[1:]
        cues = [
            c
            for c in self.ix.cues.get(" ".join(cue_tokens), ())
            if case_ok(c.surface, c.strict, " ".join(cue_cased))
        ]
        if not cues:
            return None
        words = " ".join(rest)
        sector = self.ix.sector_words.get(words) if words else None
        if words and sector is None:
            return None
        return self._cue_actor(cues[0], sector, surface)

    def _fuzzy(self, surface: str, key: str, day: dt.date, context: str | None) -> Actor | None:
        """Spelling variants of long names ("Zelenskyy", "Erdogan"); never short or lower-case."""
        if len(key) < 6 or not surface[:1].isupper():
            return None
        hit = process.extractOne(
            key, self.ix.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if hit is None:
            return None
        match = hit[0]
        if match[0] != key[0] or len(match.split()) != len(key.split()):
            return None
        entry = next(e for e in self.ix.names[match] if not e.strict)
        return self._by_name(entry.surface, match, day, context)

    def _unresolved(
        self, surface: str, cased: list[str], day: dt.date, context: str | None
    ) -> Actor | None:
        if not looks_like_name(cased):
            return None
        cue = self._context_role(surface, day, context)
        if cue is not None:
            return replace(cue, name=surface, kind="unresolved", id=None)
        return Actor(name=surface, kind="unresolved")

    def _context_role(self, surface: str, day: dt.date, context: str | None) -> Actor | None:
        """A role or country+sector phrase right before the name, or in an apposition after it."""
        if not context:
            return None
        at = context.find(surface)
        if at < 0:
            return None
        before = SENTENCE_END.split(context[:at])[-1]
        words = shape_tokens(before)
        cased = shape_tokens(before, lower=False)
        for k in range(max(0, len(words) - 8), len(words)):
            role = self._parse_role(words[k:], cased[k:])
            if role is not None:
                return self._role_actor(role, surface, day)
            found = self._sector_phrase(words[k:], cased[k:], surface)
            if found is not None:
                return found
        after = context[at + len(surface) :]
        if after.startswith(","):
            phrase = re.split(r"[,.;:\n]", after[1:], maxsplit=1)[0]
            words = [w for w in shape_tokens(phrase) if w not in ("a", "an")]
            cased = [w for w in shape_tokens(phrase, lower=False) if w.lower() not in ("a", "an")]
            if words:
                role = self._parse_role(words, cased)
                if role is not None:
                    return self._role_actor(role, surface, day)
                return self._sector_phrase(words, cased, surface)
        return None

    # -- choosing -----------------------------------------------------------------------------

    def _choose_person(
        self, ids: list[str], day: dt.date, context: str | None, hint: RoleMatch
    ) -> Person | None:
        unique = list(dict.fromkeys(ids))
        people = [self.kb.people[i] for i in unique]
        if len(people) == 1:
            return people[0]
        context_words = set(shape_tokens(context)) if context else set()
        scores = []
        for person in people:
            score = 0
            terms = person.terms_on(day)
            if terms:
                score += 4
                if any(self._term_fits(t.office, hint) for t in terms):
                    score += 3
            if hint.cue is not None and hint.cue.kind == "state" and hint.cue.ref == person.country:
                score += 3
            if context_words:
                full = set(normalize(person.name).split())
                if full & context_words and len(full & context_words) > 1:
                    score += 3
                state = self.kb.states.get(person.country or "")
                if state and normalize(state.name) in " ".join(context_words):
                    score += 1
            scores.append(score)
        best = max(scores)
        if best > 0 and scores.count(best) == 1:
            return people[scores.index(best)]
        return None

    def _term_fits(self, office_id: str, hint: RoleMatch) -> bool:
        office = self.kb.offices[office_id]
        if office_id in hint.offices:
            return True
        if (
            hint.kinds
            and office.kind not in hint.kinds
            and not ("leader" in hint.kinds and office.leader)
        ):
            return False
        if hint.cue is not None and hint.cue.kind == "state" and office.country != hint.cue.ref:
            return False
        return bool(hint.kinds) or hint.cue is not None

    def _rank(self, office: Office) -> int:
        template = self.kb.role_templates.get(office.kind)
        return template.rank if template else 50

    # -- building actors ----------------------------------------------------------------------

    def _plover(self, actor: Actor) -> Actor:
        actor.plover_country = actor.country
        sector = self.kb.sectors.get(actor.sector or "")
        actor.plover_sector = sector.plover if sector else None
        return actor

    def _entity_actor(self, entry: NameEntry, surface: str) -> Actor:
        if entry.kind == "org":
            return self._org_actor(self.kb.organizations[entry.ref])
        state = self.kb.states[entry.ref]
        sector = entry.sector if entry.kind == "metonym" else None
        return self._state_actor(state, sector)

    def _state_actor(self, state: State, sector: str | None, name: str | None = None) -> Actor:
        return self._plover(
            Actor(
                name=name or state.name,
                code=state.code + (sector or ""),
                country=state.iso3,
                id=state.id,
                kind="state",
                sector=sector,
            )
        )

    def _org_actor(self, org: Organization) -> Actor:
        kind = "group" if org.type == "group" else "org"
        return self._plover(
            Actor(
                name=org.label,
                code=org.cameo,
                country=org.country,
                org=org.label if kind == "org" else None,
                id=org.id,
                kind=kind,
                sector=org.sector,
            )
        )

    def _cue_actor(self, cue: Cue, sector: str | None, name: str) -> Actor:
        if cue.kind == "org":
            return self._org_actor(self.kb.organizations[cue.ref])
        state = self.kb.states[cue.ref]
        actor = self._state_actor(state, sector or cue.sector)
        if sector is not None:
            actor.name = name  # "Russian naval forces" stays a group of the state, not "Russia"
        return actor

    def person_actor(self, person: Person, day: dt.date, hint: RoleMatch) -> Actor:
        """A person as an actor, with the office held on ``day`` (the one ``hint`` names first)."""
        terms = person.terms_on(day)
        state = self.kb.states.get(person.country or "")
        actor = Actor(name=person.name, id=person.id, kind="person", country=person.country)
        if terms:
            term = min(
                terms,
                key=lambda t: (
                    not self._term_fits(t.office, hint),
                    self._rank(self.kb.offices[t.office]),
                    -(t.start.toordinal() if t.start else 0),
                ),
            )
            office = self.kb.offices[term.office]
            actor.role = office.title
            self._apply_office(actor, office)
        else:
            recent = [
                t
                for t in person.roles
                if t.end is not None
                and t.end <= day < t.end + ROLE_GRACE
                and (hint.kinds or hint.offices)
                and self._term_fits(t.office, hint)
            ]
            if recent:
                office = self.kb.offices[max(recent, key=lambda t: t.end or day).office]
                actor.role = office.title
                self._apply_office(actor, office)
            elif state is not None:
                actor.code, actor.sector = state.code + "ELI", "ELI"
        return self._plover(actor)

    def _apply_office(self, actor: Actor, office: Office) -> None:
        """Code, country and sector of whoever holds ``office``."""
        if office.org:
            org = self.kb.organization(office.org)
            actor.code = org.cameo if org else None
            actor.org = org.label if org else None
            actor.country = None
            actor.sector = office.sector if office.sector != "GOV" else "IGO"
            return
        state = self.kb.states.get(office.country or "")
        actor.country = office.country
        actor.sector = office.sector
        actor.code = (state.code if state else office.country or "") + office.sector

    def _role_actor(self, role: RoleMatch, phrase: str, day: dt.date) -> Actor | None:
        offices = list(role.offices) or self._offices_for(role)
        if offices:
            holders: dict[str, str] = {}
            for office_id in offices:
                for pid, term in self.ix.terms_by_office.get(office_id, ()):
                    if term.covers(day):
                        holders.setdefault(pid, office_id)
            if len(holders) == 1:
                (pid,) = holders
                person = self.kb.people[pid]
                return self.person_actor(person, day, RoleMatch(offices=(holders[pid],)))
            office = self.kb.offices[offices[0]]
            actor = Actor(name=phrase, kind="person", role=office.title)
            self._apply_office(actor, office)
            return self._plover(actor)
        if role.cue is None or not role.kinds:
            return None
        return self._generic_role(role.cue, role.kinds[0], phrase)

    def _offices_for(self, role: RoleMatch) -> list[str]:
        if role.cue is None:
            return []
        refs = [role.cue.ref]
        if role.cue.kind == "org":
            refs = list(self.ix.org_family.get(role.cue.ref, refs))
        for kind in role.kinds:
            for ref in refs:
                found = self.ix.offices_by_key.get((ref, kind))
                if found:
                    return list(found)
        return []

    def _generic_role(self, cue: Cue, kind: str, phrase: str) -> Actor:
        """A role the base knows no office for: code and role title from the role template."""
        template = self.kb.role_templates.get(kind)
        if cue.kind == "org":
            org = self.kb.organizations[cue.ref]
            title = (template.title if template and template.title else kind).format(
                org=org.label, name=org.label, demonym=org.label
            )
            actor = self._org_actor(org)
            return replace(actor, name=phrase, kind="person", id=None, role=title)
        state = self.kb.states[cue.ref]
        demonym = state.demonyms[0] if state.demonyms else state.name
        title = (template.title if template and template.title else kind).format(
            name=state.name, demonym=demonym, org=state.name
        )
        sector = template.sector if template else "GOV"
        actor = self._state_actor(state, sector, name=phrase)
        return replace(actor, kind="person", id=None, role=title)

    def _ambiguous(self, surface: str, ids: list[str]) -> Actor:
        countries = {self.kb.people[i].country for i in ids}
        country = countries.pop() if len(countries) == 1 else None
        return self._plover(Actor(name=surface, kind="unresolved", country=country))

    def _person_named_in(self, people: list[NameEntry], surface: str, context: str | None) -> bool:
        """Whether the context shows the ambiguous alias is the person (other name parts nearby)."""
        if not context:
            return False
        words = set(shape_tokens(context))
        own = set(normalize(surface).split())
        return any((self.ix.first_names.get(e.ref, set()) - own) & words for e in people)


def _best_entity(entries: list[NameEntry]) -> NameEntry:
    order = {"state": 0, "metonym": 1, "org": 2, "demonym": 3}
    return min(entries, key=lambda e: order.get(e.kind, 9))


__all__ = [
    "Resolver",
    "RoleMatch",
    "as_date",
    "entity_patterns",
    "resolve",
    "resolver_for",
    "shape_key",
]

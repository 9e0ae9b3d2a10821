"""Listing and searching the knowledge base (``entente actors``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from entente.knowledge.kb import KnowledgeBase, default_kb
from entente.knowledge.resolve import RoleMatch, as_date, resolver_for
from entente.knowledge.text import normalize

KINDS = ("state", "org", "person")
_NO_HINT = RoleMatch()


@dataclass
class CatalogEntry:
    """One row of ``entente actors``: an entry of the base, with its role on the date for people."""

    kind: str
    id: str
    name: str
    code: str | None
    country: str | None
    role: str | None = None
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "role": self.role,
            "aliases": list(self.aliases),
        }


def list_actors(
    query: str | None = None,
    *,
    kind: str | None = None,
    date: dt.date | str | None = None,
    kb: KnowledgeBase | None = None,
    limit: int | None = None,
) -> list[CatalogEntry]:
    """Entries of the base whose name, alias or code contains ``query`` (case/accent-insensitive).

    Args:
        query: text to look for; None lists everything.
        kind: ``state``, ``org`` or ``person`` to list only that kind.
        date: the day for people's roles (None = today).
        kb: the knowledge base; None = the default one.
        limit: the most rows to return.

    Returns:
        Matching entries: states by name, then organisations, then people.
    """
    kb = kb or default_kb()
    day = as_date(date)
    needle = normalize(query) if query else ""
    rows: list[CatalogEntry] = []

    def hit(*texts: str | None) -> bool:
        return not needle or any(t and needle in normalize(t) for t in texts)

    if kind in (None, "state"):
        for state in sorted(kb.states.values(), key=lambda s: s.name):
            names = (state.name, state.iso3, state.iso2, *state.aliases, *state.demonyms)
            if hit(*names, *(m.name for m in state.metonyms)):
                rows.append(
                    CatalogEntry(
                        "state", state.id, state.name, state.code, state.iso3, aliases=state.aliases
                    )
                )
    if kind in (None, "org"):
        for org in sorted(kb.organizations.values(), key=lambda o: o.label):
            if hit(org.name, org.short, org.cameo, *org.aliases):
                rows.append(
                    CatalogEntry(
                        org.type, org.id, org.label, org.cameo, org.country, aliases=org.aliases
                    )
                )
    if kind in (None, "person"):
        resolver = resolver_for(kb)
        for person in sorted(kb.people.values(), key=lambda p: p.name):
            if hit(person.name, *person.aliases):
                actor = resolver.person_actor(person, day, _NO_HINT)
                rows.append(
                    CatalogEntry(
                        "person",
                        person.id,
                        person.name,
                        actor.code,
                        actor.country,
                        actor.role,
                        person.aliases,
                    )
                )
    return rows[:limit] if limit else rows


__all__ = ["KINDS", "CatalogEntry", "list_actors"]

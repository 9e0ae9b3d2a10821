"""Phrase patterns for a spaCy ``EntityRuler`` built from the knowledge base."""

from __future__ import annotations

from entente.knowledge.kb import KnowledgeBase, default_kb
from entente.knowledge.text import normalize, strip_article

_LABELS = {"state": "GPE", "demonym": "NORP", "org": "ORG", "person": "PERSON"}


def entity_patterns(kb: KnowledgeBase | None = None) -> list[dict[str, str]]:
    """Phrase patterns for a spaCy ``EntityRuler``: every alias, labelled, with its KB id.

    Labels follow spaCy's English scheme: states GPE, demonyms NORP, organisations ORG, people
    PERSON; a metonym is GPE when it is a capital city and ORG otherwise ("the Kremlin", "the
    Pentagon"). Each pattern's ``id`` is the KB id (ISO3 for states), so a matched span can be
    resolved without a second look-up.

    Args:
        kb: the knowledge base; None = the default one.

    Returns:
        A list of ``{"label", "pattern", "id"}`` dicts, without duplicates.
    """
    kb = kb or default_kb()
    capitals = {normalize(s.capital) for s in kb.states.values() if s.capital}
    seen: set[tuple[str, str]] = set()
    patterns: list[dict[str, str]] = []
    for entries in kb.index.names.values():
        for entry in entries:
            if entry.kind == "metonym":
                label = "GPE" if normalize(entry.surface) in capitals else "ORG"
            else:
                label = _LABELS[entry.kind]
            surface = strip_article(entry.surface)
            if (label, surface) in seen:
                continue
            seen.add((label, surface))
            patterns.append({"label": label, "pattern": surface, "id": entry.ref})
    return patterns

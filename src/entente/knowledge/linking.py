"""Within-document linking: later short mentions take the actor of an earlier, fuller one.

An article names "Chinese Foreign Ministry spokesperson Mao Ning" once and "Mao" afterwards, or
"Xi Jinping" and then "Xi" and "the Chinese leader". Each mention is first resolved on its own
(:func:`entente.knowledge.resolve.resolve`); then, in text order:

* a name whose words are all part of an earlier person's name ("Xi", "Mao", "Wang") takes that
  person, even when the base alone would call the surname ambiguous or pick someone else;
* a role phrase whose holder the base does not know ("the spokeswoman") or an unresolved name
  takes the most recent earlier person of the same country and role, when there is one;
* "he"/"she"/"him"/"her"/"his" take the most recent person (a naive rule, used only when the
  caller passes pronouns at all);
* plural descriptions ("the two leaders", "both sides") stay ``None``: they name a group of
  actors already listed, not one actor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from entente.knowledge.kb import KnowledgeBase, default_kb
from entente.knowledge.resolve import resolver_for
from entente.knowledge.text import fold, normalize, strip_possessive
from entente.models import Actor

PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_PLURAL = re.compile(
    r"^(?:the\s+)?(?:two|both|three|four|all|several)\s+\w*\s*"
    r"(?:leaders|presidents|sides|countries|nations|ministers|governments|men|women|heads)$"
)
_WINDOW = 240


@dataclass(frozen=True)
class Mention:
    """A span of the article text that may name an actor.

    ``start``/``end`` are character offsets in the article; ``label`` the entity label that found
    it (``PERSON``, ``GPE``, ``ORG``, ``NORP``...) or None.
    """

    text: str
    start: int
    end: int
    label: str | None = None


def link_mentions(
    mentions: Sequence[Mention],
    date: dt.date | str | None,
    *,
    text: str | None = None,
    kb: KnowledgeBase | None = None,
) -> list[Actor | None]:
    """Resolve the mentions of one article, linking short mentions to earlier full ones.

    Args:
        mentions: the article's mentions, in any order.
        date: the date the article speaks of (roles are taken on that day).
        text: the article text, used as context around each mention when given.
        kb: the knowledge base; None = the default one.

    Returns:
        One actor (or None) per mention, in the order given.
    """
    resolver = resolver_for(kb or default_kb())
    results: list[Actor | None] = [None] * len(mentions)
    seen: list[Actor] = []  # people and named unresolved actors, in text order
    for i in sorted(range(len(mentions)), key=lambda k: (mentions[k].start, mentions[k].end)):
        mention = mentions[i]
        context = None
        if text:
            context = text[max(0, mention.start - _WINDOW) : mention.end + _WINDOW]
        actor = resolver.resolve(mention.text, date, context)
        linked = _link(mention, actor, seen)
        results[i] = linked
        if (
            linked is not None
            and linked.kind in ("person", "unresolved")
            and (linked.id or _is_named(linked.name))
        ):
            seen.append(linked)
    return results


def _link(mention: Mention, actor: Actor | None, seen: list[Actor]) -> Actor | None:
    words = normalize(strip_possessive(fold(mention.text)))
    if _PLURAL.match(words):
        return None
    if words in PRONOUNS:
        people = [a for a in seen if a.kind == "person" and a.id]
        return replace(people[-1]) if people else None
    tokens = set(words.split())
    short_name = actor is None or actor.kind in ("person", "unresolved")
    if tokens and short_name and mention.text[:1].isupper():
        for earlier in reversed(seen):
            if earlier.kind == "person" and earlier.id is None:
                continue  # a role phrase, not a name
            if not _is_named(earlier.name):
                continue
            if tokens <= set(normalize(earlier.name).split()) and earlier.name != mention.text:
                return replace(earlier)
    if actor is not None and actor.kind == "person" and actor.id is None:
        # A role whose holder the base lacks: the earlier person of that country and role.
        for earlier in reversed(seen):
            if earlier.country == actor.country and earlier.role and earlier.role == actor.role:
                return replace(earlier)
    return actor


def _is_named(name: str) -> bool:
    """Whether an actor's name is a personal name rather than a descriptive phrase."""
    words = [w for w in name.split() if w.lower() not in ("al", "bin", "de", "van", "von")]
    return bool(words) and all(w[:1].isupper() for w in words)


__all__ = ["Mention", "link_mentions"]

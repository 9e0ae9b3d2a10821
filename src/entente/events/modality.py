"""Modality of an event: occurred, planned, negated or hypothetical, from cues in the parse.

The cue words live in ``data/modality.yaml``. The walk goes from the event's trigger up through its
clausal governors (xcomp, ccomp, advcl, acl, conj ...), so "is preparing to visit", "refused to meet",
"plans to sign" and "might be considering supplying" are read from the words that govern the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from entente.events.syntax import base, clause_dep, full, is_negated
from entente.models import Modality

_UP = {
    "xcomp",
    "ccomp",
    "advcl",
    "acl",
    "conj",
    "csubj",
    "obj",
    "dobj",
    "obl",
    "nmod",
    "pobj",
    "prep",
    "pcomp",
    "acomp",
    "parataxis",
}
_REPORTING = {
    "say",
    "tell",
    "add",
    "claim",
    "note",
    "state",
    "report",
    "announce",
    "stress",
    "insist",
    "argue",
    "write",
    "indicate",
    "suggest",
    "believe",
    "think",
    "accord",
    "according",
    "emphasize",
    "emphasise",
    "reiterate",
    "explain",
    "warn",
}


@dataclass(frozen=True)
class ModalityCues:
    """The cue lists, loaded once."""

    negation_words: frozenset[str]
    negating_governors: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_markers: frozenset[str]
    planned_auxiliaries: frozenset[str]
    planned_governors: frozenset[str]
    planned_modifiers: frozenset[str]
    planned_nouns: frozenset[str]
    intent_governors: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> ModalityCues:
    """The shipped modality cues."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("entente.events").joinpath("data/modality.yaml").read_text("utf-8")
    )
    return ModalityCues(**{k: frozenset(str(w).lower() for w in v) for k, v in raw.items()})


def own_cues(tok: Token) -> Modality | None:
    """Cues attached directly to one word: negation, modal auxiliaries, markers, modifiers."""
    c = cues()
    if is_negated(tok):
        return "negated"
    kids = list(tok.children)
    for child in kids:
        if base(child) == "aux" and child.lower_ in c.hypothetical_auxiliaries:
            return "hypothetical"
        if base(child) == "mark" and child.lower_ in c.hypothetical_markers:
            return "hypothetical"
    for child in kids:
        if base(child) == "aux" and child.lower_ in c.planned_auxiliaries:
            return "planned"
        if (
            base(child) in {"amod", "compound"}
            and child.lower_ in c.planned_modifiers
            and tok.pos_ in {"NOUN", "PROPN"}
        ):
            return "planned"
    # "is to visit" (be + to-infinitive) and "documents to be signed" (infinitival relative)
    has_to = any(base(ch) in {"aux", "mark"} and ch.lower_ == "to" for ch in kids)
    if has_to and base(tok) == "xcomp" and tok.head.lemma_ == "be":
        return "planned"
    if has_to and base(tok) == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
        return "planned"
    return None


def modality_of(trigger: Token, *, stop_at: Token | None = None) -> Modality:
    """The modality of the event whose trigger word is ``trigger``.

    Args:
        trigger: the verb (or event noun) that names the event.
        stop_at: a governor not to climb past (e.g. an intent verb handled by the caller).

    Returns:
        ``negated``, ``hypothetical``, ``planned`` or ``occurred``.
    """
    c = cues()
    found = own_cues(trigger)
    if found:
        return found
    tok = trigger
    for _ in range(6):
        dep = clause_dep(tok)
        if (
            dep == "obl"
            and tok.pos_ == "VERB"
            and any(base(c) in {"mark", "aux"} and c.lower_ == "to" for c in tok.children)
        ):
            dep = "xcomp"  # "offered to host talks": an infinitive the parser labelled obl
        gov = tok.head
        if gov is tok or dep not in _UP or (stop_at is not None and gov.i == stop_at.i):
            break
        lemma = gov.lemma_.lower()
        if dep in {"ccomp", "parataxis"} and lemma in _REPORTING:
            break  # reported speech: the report happened; the content keeps its own cues
        if dep != "conj":
            if lemma in c.negating_governors and dep in {"xcomp", "obj", "dobj", "ccomp", "pcomp"}:
                return "negated"
            if lemma in c.hypothetical_governors and dep in {
                "xcomp",
                "ccomp",
                "obj",
                "dobj",
                "pcomp",
                "advcl",
            }:
                own = own_cues(gov)
                return "negated" if own == "negated" else "hypothetical"
            if (
                lemma in c.planned_governors
                or gov.lower_ in c.planned_governors
                or lemma in c.planned_nouns
            ) and dep in {"xcomp", "acl", "ccomp", "pcomp"}:
                own = own_cues(gov)
                return own if own in {"negated", "hypothetical"} else "planned"
        own = own_cues(gov)
        if own and dep in {"xcomp", "conj", "acl", "pcomp", "obj", "dobj"}:
            return own
        if dep in {"advcl", "ccomp", "csubj"} or full(tok) == "acl:relcl":
            break
        tok = gov
    return "occurred"


def intent_governor(trigger: Token) -> Token | None:
    """The word expressing intent to do the trigger ("pledged to strengthen", "ready to increase").

    Returns the governing verb/adjective when the trigger is (a conjunct of) its infinitival
    complement, else None.
    """
    c = cues()
    tok = trigger
    for _ in range(3):
        dep = base(tok)
        if tok.head is tok or dep not in {"xcomp", "conj", "advcl", "ccomp"}:
            return None
        gov = tok.head
        if dep == "conj":
            tok = gov
            continue
        if dep in {"xcomp", "advcl"} and (
            gov.lemma_.lower() in c.intent_governors or gov.lower_ in c.intent_governors
        ):
            return gov
        tok = gov
    return None

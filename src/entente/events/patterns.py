"""Event patterns (``data/verb_patterns.yaml``) indexed by lemma, and matching against a parse."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from entente.events.syntax import base, objects, obliques, possessor

DEFAULT_TARGET_PREPS = ("with", "to", "against", "on", "toward", "towards", "at", "for", "between")


@dataclass(frozen=True)
class Pattern:
    """One verbal or nominal event pattern."""

    cameo: str
    lemmas: frozenset[str]
    nominal: bool = False
    objects: frozenset[str] = frozenset()
    of_objects: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    target_preps: tuple[str, ...] = DEFAULT_TARGET_PREPS
    requires_modifier: frozenset[str] = frozenset()
    object_modifiers: frozenset[str] = frozenset()
    symmetric: bool = False
    target_is_object: bool = False
    source_hosts: bool = False
    requires_place: bool = False
    possessor_is_source: bool = False
    needs_target: bool = False
    needs_event_verb: bool = False
    modifier_is_target: bool = False
    with_target: str | None = None  # the code to use when a target is found ("fired at X")
    implies: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def specificity(self) -> int:
        """More constraints make a pattern more specific; the most specific match wins."""
        return (
            2 * bool(self.objects or self.of_objects or self.xcomp)
            + bool(self.particles)
            + bool(self.requires_modifier or self.object_modifiers)
        )


def _pattern(raw: dict[str, Any], nominal: bool) -> Pattern:
    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return Pattern(
        cameo=str(raw["cameo"]),
        lemmas=fs("lemmas"),
        nominal=nominal,
        objects=fs("objects"),
        of_objects=fs("of_objects"),
        particles=fs("particles"),
        xcomp=fs("xcomp"),
        target_preps=tuple(raw.get("target_preps") or DEFAULT_TARGET_PREPS),
        requires_modifier=fs("requires_modifier"),
        object_modifiers=fs("object_modifiers"),
        symmetric=bool(raw.get("symmetric")),
        target_is_object=bool(raw.get("target_is_object")),
        source_hosts=bool(raw.get("source_hosts")),
        requires_place=bool(raw.get("requires_place")),
        possessor_is_source=bool(raw.get("possessor_is_source")),
        needs_target=bool(raw.get("needs_target")),
        needs_event_verb=bool(raw.get("needs_event_verb")),
        modifier_is_target=bool(raw.get("modifier_is_target")),
        with_target=str(raw["with_target"]) if raw.get("with_target") else None,
        implies=dict(raw.get("implies") or {}),
    )


@dataclass
class PatternIndex:
    """Patterns by lemma, for verbs and for event nouns."""

    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    # verbs that lend their subject to the event noun they take ("pay a visit")
    light_verbs: frozenset[str] = frozenset()

    def match(self, tok: Token) -> Pattern | None:
        """The most specific pattern whose constraints the token satisfies, if any."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB"} or (tok.pos_ == "AUX" and base(tok) != "aux"):
            table = self.verbs
        elif tok.pos_ in {"NOUN", "PROPN"}:
            table = self.nouns
        else:
            return None
        candidates = table.get(lemma) or table.get(tok.lower_) or []
        best: Pattern | None = None
        for pat in candidates:
            if _satisfies(pat, tok) and (best is None or pat.specificity > best.specificity):
                best = pat
        return best


def _object_lemmas(tok: Token) -> set[str]:
    lemmas: set[str] = set()
    if base(tok) == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
        # "the partnership declared in 2022": the participle's noun is its object
        lemmas.update({tok.head.lemma_.lower(), tok.head.lower_})
    # "told the ambassador to leave": an indirect object counts when no direct one is there
    objs = objects(tok) or [c for c in tok.children if base(c) == "iobj"]
    for obj in objs:
        for conj in (obj, *obj.conjuncts):
            lemmas.add(conj.lemma_.lower())
            lemmas.add(conj.lower_)
            # "joint military drills": the object's compound/amod modifiers count too
            lemmas.update(c.lemma_.lower() for c in conj.children if base(c) in {"compound"})
            # "fired dozens of missiles", "a wave of strikes": the quantity's "of" complement
            lemmas.update(c.lemma_.lower() for c in conj.children if base(c) == "nmod")
            # "called the mobilisation an act of desperation", parsed as an apposition
            lemmas.update(c.lemma_.lower() for c in conj.children if base(c) == "appos")
    # "called the decision extremely dangerous": a predicative complement of the object
    lemmas.update(
        c.lemma_.lower()
        for c in tok.children
        if base(c) == "xcomp" and c.pos_ in {"ADJ", "NOUN", "PROPN"}
    )
    for _prep, nominal in obliques(tok):
        lemmas.add(nominal.lemma_.lower())
        lemmas.add(nominal.lower_)
    # "be in talks", "take part in drills": nominal in a subject of a passive ("sanctions were imposed")
    for child in tok.children:
        if base(child) == "nsubj" and any(
            base(c) in {"aux"} and c.lemma_ == "be" for c in tok.children
        ):
            lemmas.add(child.lemma_.lower())
        if base(child) == "nsubj" and any(c.dep_.endswith("pass") for c in tok.children):
            lemmas.add(child.lemma_.lower())
    return lemmas


def _satisfies(pat: Pattern, tok: Token) -> bool:
    if pat.objects and not (pat.objects & _object_lemmas(tok)):
        return False
    if pat.particles:
        parts = {c.lower_ for c in tok.children if base(c) in {"compound", "prt"}}
        # "agreed on Friday": a preposition before a date is no particle of the verb
        parts |= {p for p, n in obliques(tok) if p and n.ent_type_ not in {"DATE", "TIME"}}
        if not (pat.particles & parts):
            return False
    if pat.xcomp:
        # an infinitive the parser labelled advcl ("told the diplomat to leave") counts too
        comps = {
            c.lemma_.lower()
            for c in tok.children
            if base(c) == "xcomp"
            or (base(c) == "advcl" and any(m.lower_ == "to" for m in c.children))
        }
        if not (pat.xcomp & comps):
            return False
    if pat.requires_modifier:
        mods = {c.lower_ for c in tok.children if base(c) in {"amod", "compound", "nmod"}}
        if not (pat.requires_modifier & mods):
            return False
    if pat.object_modifiers:
        nominals = [*objects(tok), *(n for _, n in obliques(tok))]
        mods = {c.lower_ for n in nominals for c in n.children if base(c) in {"amod", "compound"}}
        if not (pat.object_modifiers & mods):
            return False
    if pat.of_objects:
        ofs = {n.lemma_.lower() for p, n in obliques(tok) if p == "of"}
        if not (pat.of_objects & ofs):
            return False
    if pat.nominal and pat.possessor_is_source is False and pat.needs_event_verb:
        return False
    # a bare "the visit" names no actors: leave it to a verb
    return not (
        pat.nominal
        and possessor(tok) is None
        and not pat.requires_modifier
        and not pat.of_objects
        and not any(True for _ in obliques(tok))
        and not any(base(c) in {"amod", "compound"} for c in tok.children)
    )


@lru_cache(maxsize=1)
def pattern_index() -> PatternIndex:
    """The shipped patterns."""
    raw = yaml.safe_load(
        resources.files("entente.events").joinpath("data/verb_patterns.yaml").read_text("utf-8")
    )
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    for entry in raw.get("verbs") or []:
        pat = _pattern(entry, nominal=False)
        for lemma in pat.lemmas:
            verbs.setdefault(lemma, []).append(pat)
    for entry in raw.get("nouns") or []:
        pat = _pattern(entry, nominal=True)
        for lemma in pat.lemmas:
            nouns.setdefault(lemma, []).append(pat)
    light = frozenset(str(w) for w in raw.get("light_verbs") or [])
    return PatternIndex(verbs, nouns, light)

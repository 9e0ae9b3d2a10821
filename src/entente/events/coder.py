"""Clause-level event coding over a dependency parse.

For every verb and event noun that matches a pattern in ``data/verb_patterns.yaml``, find the source
and target actors (subjects, objects, obliques, by-agents, possessives, coordination), the modality,
and a CAMEO code; the caller attaches dates, places and ids. Expressions of intent ("pledged to
strengthen ties", "ready to increase cooperation") are coded as CAMEO 03 on the intent word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from entente.events.actors import ActorIndex
from entente.events.modality import intent_governor, modality_of
from entente.events.patterns import Pattern, PatternIndex, pattern_index
from entente.events.syntax import (
    agent,
    base,
    is_passive,
    objects,
    obliques,
    possessor,
    subjects,
)
from entente.models import Actor, Modality

# Verbs whose object is also the subject of their complement ("invited Xi to visit").
_OBJECT_CONTROL = {"invite", "urge", "ask", "allow", "encourage", "persuade", "press", "force"}
# Reporting verbs: their own event (CAMEO 010) is not coded; what they report is.
_REPORTING = {"say", "tell", "add", "claim", "note", "state", "report", "stress", "insist",
              "argue", "write", "indicate", "suggest", "believe", "think", "emphasize",
              "emphasise", "reiterate", "explain", "comment", "declare", "announce", "remark"}
_INTENT_CODES = {"04": "036", "05": "031", "06": "031", "07": "032", "08": "033"}


@dataclass
class CodedEvent:
    """An event found in one clause, before dates and places are attached."""

    cameo: str
    trigger: Token
    sentence: Span
    source: Actor | None
    target: Actor | None
    modality: Modality
    symmetric: bool = False
    participants: list[Actor] = field(default_factory=list)
    reporter: Actor | None = None
    confidence: float = 0.8
    place_token: Token | None = None


def _subject_of(verb: Token, index: ActorIndex, depth: int = 0) -> list[Actor]:
    """Actors of the verb's subject, climbing through xcomp/conj/acl for shared subjects."""
    if is_passive(verb):
        by = agent(verb)
        return index.actors(by) if by is not None else []
    for subj in subjects(verb):
        found = index.actors(subj)
        if found:
            return found
    if depth > 3 or verb.head is verb:
        return []
    dep = base(verb)
    gov = verb.head
    if dep == "xcomp":
        if gov.lemma_.lower() in _OBJECT_CONTROL:
            for obj in objects(gov):
                found = index.actors(obj)
                if found:
                    return found
        return _subject_of(gov, index, depth + 1)
    if dep in {"conj", "advcl"}:
        return _subject_of(gov, index, depth + 1)
    if dep == "acl" and gov.pos_ in {"NOUN", "PROPN"}:
        # "plans to sign": the planner is the noun's possessor or the clause subject
        poss = possessor(gov)
        if poss is not None:
            return index.actors(poss)
        return _subject_of(gov.head, index, depth + 1) if gov.head is not gov else []
    if dep in {"obl", "nmod", "obj", "dobj", "pobj"}:
        return _subject_of(gov, index, depth + 1)
    return []


def _targets_of(tok: Token, pat: Pattern, index: ActorIndex) -> tuple[list[Actor], Token | None]:
    """Actors of the target and, when a place was the target, the place token."""
    found: list[Actor] = []
    place: Token | None = None
    if is_passive(tok) and not pat.nominal:
        for subj in subjects(tok):
            found += index.actors(subj)
    for obj in objects(tok):
        acts = index.actors(obj)
        if acts:
            found += acts
            if pat.cameo.startswith("04"):
                place = obj
        else:
            # "cooperation with Russia", "exports to China": the object's own obliques
            for prep, nominal in obliques(obj):
                if prep in pat.target_preps or prep in {"with", "to", "between"}:
                    found += index.actors(nominal)
    for prep, nominal in obliques(tok):
        if prep in pat.target_preps or (pat.nominal and prep in {"of", "between"}):
            acts = index.actors(nominal)
            if acts:
                found += acts
                if prep in {"to", "in"} and pat.cameo.startswith("04"):
                    place = nominal
    return found, place


def _dedupe(actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if not any((a.id and a.id == b.id) or (a.name == b.name and a.code == b.code)
                   for b in out):
            out.append(a)
    return out


def _different(a: Actor, b: Actor) -> bool:
    if a.id and b.id and a.id == b.id:
        return False
    return not (a.country and b.country and a.country == b.country and a.sector == b.sector)


def _reporter(tok: Token, index: ActorIndex) -> Actor | None:
    """The speaker of a reported clause ("Wang said that ..."), if the event sits in one."""
    cur = tok
    for _ in range(6):
        if cur.head is cur:
            return None
        if base(cur) in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in _REPORTING:
            acts = _subject_of(cur.head, index)
            return acts[0] if acts else None
        cur = cur.head
    return None


def _code_one(tok: Token, pat: Pattern, sent: Span, index: ActorIndex) -> list[CodedEvent]:
    lemma = tok.lemma_.lower()
    if not pat.nominal and lemma in _REPORTING and pat.cameo.startswith("01"):
        return []
    cameo = pat.cameo
    modality = modality_of(tok)
    intent = None if pat.nominal else intent_governor(tok)
    if intent is not None and cameo[:2] in _INTENT_CODES and modality != "negated":
        cameo = _INTENT_CODES[cameo[:2]] if cameo[:2] != "04" or lemma != "visit" else cameo
        if cameo.startswith("03"):
            modality = modality_of(intent)
            if modality == "planned":
                modality = "occurred"  # the pledge was made; what is pledged lies ahead
    if pat.nominal:
        poss = possessor(tok)
        sources = index.actors(poss) if poss is not None else []
        if not sources:
            sources = [a for c in tok.children if base(c) in {"amod", "compound"}
                       for a in index.actors(c)]
    else:
        sources = _subject_of(tok, index)
    targets, place = _targets_of(tok, pat, index)
    if pat.source_hosts and sources and targets:
        pass  # "Beijing hosted Putin": source is the host, target the guest, as CAMEO 043 reads
    sources, targets = _dedupe(sources), _dedupe(targets)
    events: list[CodedEvent] = []
    reporter = _reporter(tok, index)
    symmetric = pat.symmetric
    if len(sources) >= 2 and not targets:
        # "Putin and Xi signed": a symmetric event between the coordinated parties
        first, rest = sources[0], [s for s in sources[1:] if _different(sources[0], s)]
        if rest:
            sources, targets, symmetric = [first], rest[:1], True
    if not sources and not targets:
        return []
    if not sources and targets and pat.nominal and len(targets) >= 2:
        sources, targets, symmetric = targets[:1], targets[1:2], True
    src = sources[0] if sources else None
    tgt = next((t for t in targets if src is None or _different(src, t)), None)
    if src is None and tgt is None:
        return []
    if src is not None and tgt is None and targets:
        return []  # the only target is the source itself ("returned to China")
    events.append(CodedEvent(
        cameo=cameo, trigger=tok, sentence=sent, source=src, target=tgt, modality=modality,
        symmetric=symmetric, participants=[*sources, *targets], reporter=reporter,
        confidence=0.8 if (src and tgt) else 0.5, place_token=place,
    ))
    return events


def code_sentence(sent: Span, index: ActorIndex, patterns: PatternIndex | None = None
                  ) -> list[CodedEvent]:
    """Every event the sentence's clauses express."""
    patterns = patterns or pattern_index()
    found: list[CodedEvent] = []
    claimed: set[int] = set()
    for tok in sent:
        if tok.i in claimed:
            continue
        pat = patterns.match(tok)
        if pat is None:
            continue
        events = _code_one(tok, pat, sent, index)
        if events:
            found.extend(events)
            # an intent verb matched on its own is not coded again ("pledged to strengthen")
            gov = intent_governor(tok)
            if gov is not None:
                claimed.add(gov.i)
    return _drop_subsumed(found)


def _drop_subsumed(events: list[CodedEvent]) -> list[CodedEvent]:
    """Keep one event per trigger, and drop bare verbs whose complement was coded more precisely."""
    by_trigger: dict[int, CodedEvent] = {}
    for ev in events:
        cur = by_trigger.get(ev.trigger.i)
        if cur is None or ev.confidence > cur.confidence:
            by_trigger[ev.trigger.i] = ev
    kept = list(by_trigger.values())
    out = []
    for ev in kept:
        redundant = any(
            other is not ev and other.trigger.head.i == ev.trigger.i
            and base(other.trigger) == "xcomp" and other.cameo.startswith("03")
            and ev.cameo.startswith("03")
            for other in kept
        )
        if not redundant:
            out.append(ev)
    return sorted(out, key=lambda e: e.trigger.i)


def code_doc(doc: Doc, index: ActorIndex, patterns: PatternIndex | None = None
             ) -> list[CodedEvent]:
    """Every event in a document, sentence by sentence."""
    out: list[CodedEvent] = []
    for sent in doc.sents:
        out.extend(code_sentence(sent, index, patterns))
    return out

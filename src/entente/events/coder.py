"""Clause-level event coding over a dependency parse.

For every verb and event noun that matches a pattern in ``data/verb_patterns.yaml``, find the source
and target actors (subjects, objects, obliques, by-agents, possessives, coordination), the modality,
and a CAMEO code; the caller attaches dates, places and ids. Expressions of intent ("pledged to
strengthen ties", "ready to increase cooperation") are coded as CAMEO 03 on the intent word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from entente.events.actors import ActorIndex
from entente.events.modality import intent_governor, modality_of
from entente.events.patterns import Pattern, PatternIndex, pattern_index
from entente.events.syntax import (
    agent,
    base,
    clause_dep,
    in_subtree,
    is_passive,
    objects,
    obliques,
    possessor,
    preposition,
    subjects,
)
from entente.models import Actor, Modality

# Verbs whose object is also the subject of their complement ("invited Xi to visit").
_OBJECT_CONTROL = {"invite", "urge", "ask", "allow", "encourage", "persuade", "press", "force"}
# Reporting verbs: their own event (CAMEO 010) is not coded; what they report is.
_REPORTING = {
    "say",
    "tell",
    "add",
    "claim",
    "note",
    "state",
    "report",
    "stress",
    "insist",
    "argue",
    "write",
    "indicate",
    "suggest",
    "believe",
    "think",
    "emphasize",
    "emphasise",
    "reiterate",
    "explain",
    "comment",
    "declare",
    "announce",
    "remark",
}
# Verbs by which a news outlet attributes what it reports; what it "said" or "warned" in an
# editorial is still its statement.
_ATTRIBUTION = {"report", "write", "cite", "quote"}
_INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}


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
    dep = clause_dep(verb)
    gov = verb.head
    if dep == "xcomp":
        if is_passive(gov) or base(verb) == "csubj":
            # "Putin is expected to visit Beijing", "Baerbock is due to meet Lavrov": the subject
            # of the passive verb or adjective is the subject of its complement; when it names no
            # actor ("the leaders, who were due to hold a call"), no one further up does either
            raised = subjects(gov)
            for subj in raised:
                found = index.actors(subj)
                if found:
                    return found
            if raised:
                return []
        if gov.lemma_.lower() in _OBJECT_CONTROL:
            for obj in objects(gov):
                found = index.actors(obj)
                if found:
                    return found
        return _subject_of(gov, index, depth + 1)
    if dep in {"conj", "advcl"}:
        shared = _subject_of(gov, index, depth + 1)
        if shared or dep == "conj":
            return shared
        return _preceding_actors(verb, index)
    if dep == "acl" and verb.tag_ == "VBN":
        # "the partnership declared between the two nations": a passive participle's subject is
        # its by-agent, never the main clause's subject
        by = agent(verb)
        return index.actors(by) if by is not None else []
    if dep == "acl" and gov.pos_ in {"NOUN", "PROPN"}:
        # "plans to sign": the planner is the noun's possessor or the clause subject
        poss = possessor(gov)
        if poss is not None:
            return index.actors(poss)
        return _subject_of(gov.head, index, depth + 1) if gov.head is not gov else []
    if dep in {"obl", "nmod", "obj", "dobj", "pobj"}:
        return _subject_of(gov, index, depth + 1)
    if depth == 0 and dep in {"root", "ccomp", "parataxis", "advcl"}:
        return _preceding_actors(verb, index)
    return []


def _clause_pair(tok: Token, index: ActorIndex) -> list[Actor]:
    """ "China and Russia have cooperated since the signing of the treaty": a symmetric nominal
    event that names no party inside a clause whose subject is a pair belongs to that pair.

    Climbs from the nominal through the nominal phrases that hold it (conjuncts, obliques,
    modifiers) to the clause's verb; only a subject of two or more different parties counts,
    since one subject ("Russia has grown since the signing ...") does not say who signed.
    """
    head = tok
    for _ in range(4):
        if base(head) not in {"conj", "obl", "nmod", "appos", "obj"} or head.head is head:
            return []
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            parties = _dedupe(_subject_of(head, index))
            distinct = [p for p in parties[1:] if _different(parties[0], p)]
            return parties if parties and distinct else []
    return []


def _preceding_actors(verb: Token, index: ActorIndex) -> list[Actor]:
    """A subjectless clause ("During the meeting, Putin and Wang, ..., hailed") often means the
    parser attached the real subject elsewhere: take the bare nominals before the verb in its
    sentence, skipping prepositional phrases."""
    found: list[Actor] = []
    start = verb.head.i + 1 if base(verb) == "advcl" and verb.head.i < verb.i else verb.sent.start
    for tok in verb.sent:
        if tok.i >= verb.i:
            break
        if tok.i < start or tok.pos_ not in {"PROPN", "NOUN", "PRON"}:
            continue
        # a subordinator misread as a preposition ("as China and Russia declared") still
        # introduces the clause's subject
        cases = [c.lower_ for c in tok.children if base(c) == "case"]
        if cases and not set(cases) <= _SUBORDINATORS:
            continue
        if (
            base(tok) in {"flat", "compound", "amod", "nmod", "obl", "det"}
            or tok.dep_ == "nmod:poss"
        ):
            continue
        for actor in index.actors(tok):
            if actor not in found:
                found.append(actor)
    return found


def _targets_of(tok: Token, pat: Pattern, index: ActorIndex) -> tuple[list[Actor], Token | None]:
    """Actors of the target and, when a place was the target, the place token."""
    found: list[Actor] = []
    place: Token | None = None
    if is_passive(tok) and not pat.nominal:
        for subj in subjects(tok):
            found += index.actors(subj)
    objs = objects(tok) or [c for c in tok.children if base(c) == "iobj"]
    # "called off a meeting between Wang and Japan's minister": the pattern's object noun may
    # come as an oblique; its own "with"/"between" phrase names the other party
    objs += [n for _p, n in obliques(tok) if n.lemma_.lower() in pat.objects and n not in objs]
    for obj in objs:
        # "expressed concern that China might ...": the clause's subject is the target
        for clause in obj.children:
            if base(clause) in {"acl", "ccomp"}:
                for subj in subjects(clause):
                    found += index.actors(subj)
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
    phrases = list(obliques(tok))
    if pat.nominal and base(tok) == "obj" and _light_verb(tok.head):
        # "paid a state visit to Japan": the parser may hang the phrase on the light verb
        phrases += [(p, n) for p, n in obliques(tok.head) if p in pat.target_preps]
    for prep, nominal in phrases:
        if prep in pat.target_preps or (pat.nominal and prep in {"of", "between"}):
            acts = index.actors(nominal) or _placed_in(nominal, index)
            if acts:
                found += acts
                if prep in {"to", "in"} and pat.cameo.startswith("04"):
                    place = nominal
    if not found and base(tok) in {"advcl", "xcomp", "conj"} and tok.head is not tok:
        # "work with Russia to deepen trust": the purpose clause shares its governor's partner
        gov = tok.head
        for prep, nominal in obliques(gov):
            if prep in {"with", "to", "between"}:
                found += index.actors(nominal)
    return found, place


def _light_verb(tok: Token) -> bool:
    """ "pay" in "pay a visit", "hold" in "hold talks": the noun carries the event."""
    return tok.lemma_.lower() in pattern_index().light_verbs


_WHERE_PREPS = {"in", "across", "around", "near", "inside", "throughout", "off"}


def _placed_in(nominal: Token, index: ActorIndex) -> list[Actor]:
    """ "fired missiles at cities across Ukraine", "into waters around Taiwan": a target named
    only by where it is belongs to the state of that place."""
    for prep, inner in obliques(nominal):
        if prep in _WHERE_PREPS:
            acts = index.actors(inner)
            if acts:
                return acts
    return []


def _dedupe(actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if not any((a.id and a.id == b.id) or (a.name == b.name and a.code == b.code) for b in out):
            out.append(a)
    return out


def _different(a: Actor, b: Actor) -> bool:
    """Two parties an event can be between: not the same actor, not the same state's government.

    Same-country pairs count only when their sectors differ (a government and its opposition);
    "Xi returned to China" and "Xi met Chinese officials" are not events between states.
    """
    if a.id and b.id and a.id == b.id:
        return False
    if a.country and b.country and a.country == b.country:
        return bool(
            a.sector and b.sector and a.sector != b.sector and "GOV" not in {a.sector, b.sector}
        )
    return True


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


_SUBORDINATORS = {"as", "while", "when", "after", "before", "since", "because", "although"}

# Prepositions of an adjunct whose event the clause's subjects took part in.
_FRAME_PREPS = {"during", "at", "after", "following", "before", "ahead", "on", "in"}

# Roots of reactions whose party, when unnamed, is the other side of the article's main pair.
_IMPLICIT_TARGET_ROOTS = {"07", "11", "12", "16"}

# Roots whose events are often aimed at no named party ("threatened sanctions", "protested").
_TARGETLESS_ROOTS = {"02", "10", "11", "12", "13", "14", "15", "16", "17"}


def _future_in_report(tok: Token) -> bool:
    """The trigger is a will/would clause reported by a speech verb ("said it would ...")."""
    if not any(
        base(c) == "aux" and c.lower_ in {"will", "would", "'ll", "shall"} for c in tok.children
    ):
        return False
    cur = tok
    for _ in range(3):
        if cur.head is cur:
            return False
        if base(cur) in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in _REPORTING:
            return True
        if base(cur) not in {"conj", "xcomp"}:
            return False
        cur = cur.head
    return False


def _final_modality(cameo: str, modality: Modality, intent: Token | None) -> Modality:
    """An expression of intent (CAMEO 03) is itself a statement that was made."""
    if not cameo.startswith("03"):
        return modality
    own = modality_of(intent) if intent is not None else modality
    if "negated" in (own, modality):
        return "negated"
    if own == "hypothetical":
        return "hypothetical"
    return "occurred"


def _invited_visit(
    tok: Token, sources: list[Actor], index: ActorIndex, sent: Span
) -> CodedEvent | None:
    """ "X invited Y to Moscow / to visit": Y's visit is planned (CAMEO 042, planned)."""
    guests = [a for obj in objects(tok) for a in index.actors(obj)]
    if not guests:
        return None
    hosts: list[Actor] = []
    place: Token | None = None
    for prep, nominal in obliques(tok):
        if prep == "to":
            hosts += index.actors(nominal)
            place = nominal
    for child in tok.children:
        if base(child) == "xcomp":
            for obj in objects(child):
                hosts += index.actors(obj)
                place = obj
    hosts = hosts or sources
    host = next((h for h in hosts if _different(guests[0], h)), None)
    if host is None:
        return None
    return CodedEvent(
        cameo="042",
        trigger=tok,
        sentence=sent,
        source=guests[0],
        target=host,
        modality="planned",
        participants=[guests[0], host],
        confidence=0.6,
        place_token=place,
    )


def _code_one(tok: Token, pat: Pattern, sent: Span, index: ActorIndex) -> list[CodedEvent]:
    lemma = tok.lemma_.lower()
    if not pat.nominal and lemma in _REPORTING and pat.cameo.startswith("01"):
        return []
    cameo = pat.cameo
    modality = modality_of(tok)
    intent = None if pat.nominal else intent_governor(tok)
    if intent is not None and cameo[:2] in _INTENT_CODES and modality != "negated":
        cameo = _INTENT_CODES[cameo[:2]]
    elif (
        modality in {"planned", "hypothetical"}
        and cameo[:2] in _INTENT_CODES
        and _future_in_report(tok)
    ):
        # "China said it would provide aid": a stated intention, which is itself the event
        # ("would" here is the future seen from the report, not a condition: the modality of
        # the statement is not read off the trigger again)
        cameo, intent = _INTENT_CODES[cameo[:2]], None
        modality = "negated" if modality_of(tok) == "negated" else "occurred"
    elif modality == "hypothetical" and _future_in_report(tok):
        modality = "planned"  # "said Washington would cut off ...": future in the past
    modality = _final_modality(cameo, modality, intent)
    if pat.nominal:
        poss = possessor(tok)
        sources = index.actors(poss) if poss is not None else []
        if not sources and not pat.modifier_is_target:
            sources = [
                a for c in tok.children if base(c) in {"amod", "compound"} for a in index.actors(c)
            ]
        if not sources and pat.of_objects:
            # "the establishment of their partnership": the parties own what was established
            for prep, nominal in obliques(tok):
                owner = possessor(nominal) if prep == "of" else None
                if owner is not None:
                    sources = index.actors(owner)
        if not sources and base(tok) == "obl" and preposition(tok) in _FRAME_PREPS:
            # "During the meeting in Moscow, Putin and Wang hailed ...": the clause's subjects
            # took part in the meeting that frames it
            sources = _subject_of(tok.head, index)
        if not sources and base(tok) in {"obj", "obl"} and _light_verb(tok.head):
            # "Xi will pay a state visit to Russia": the light verb's subject makes the visit
            sources = _subject_of(tok.head, index)
        if not sources and pat.symmetric:
            sources = _clause_pair(tok, index)
    else:
        sources = _subject_of(tok, index)
    targets, place = _targets_of(tok, pat, index)
    if pat.nominal and pat.modifier_is_target:
        targets += [
            a for c in tok.children if base(c) in {"amod", "compound"} for a in index.actors(c)
        ]
    sources, targets = _dedupe(sources), _dedupe(targets)
    symmetric = pat.symmetric
    if len(sources) >= 2 and not [t for t in targets if all(_different(s, t) for s in sources)]:
        # "Putin and Xi signed": a symmetric event between the coordinated parties
        rest = [s for s in sources[1:] if _different(sources[0], s)]
        if rest:
            sources, targets, symmetric = sources[:1], rest[:1], True
    if not sources and len(targets) >= 2 and _different(targets[0], targets[1]):
        # "the partnership declared between the two nations"
        sources, targets, symmetric = targets[:1], targets[1:2], True
    src = sources[0] if sources else None
    if src is None:
        return []
    tgt = next((t for t in targets if _different(src, t)), None)
    if tgt is None and targets:
        return []  # the only target is the source's own side ("returned to China")
    confidence = 0.8
    if (
        tgt is None
        and (symmetric or cameo[:2] in _IMPLICIT_TARGET_ROOTS)
        and len(index.dyad) == 2
        and src.country in index.dyad
    ):
        # "We signed an agreement", "Germany suspended the approval process": the other party
        # of the article's main pair (marked by the lower confidence)
        other = next(c for c in index.dyad if c != src.country)
        tgt = Actor(name=other, code=other, country=other, kind="state")
        confidence = 0.5
    if tgt is None and cameo[:2] not in _TARGETLESS_ROOTS:
        return []
    if tgt is not None and pat.with_target and cameo == pat.cameo:
        cameo = pat.with_target
    events = [
        CodedEvent(
            cameo=cameo,
            trigger=tok,
            sentence=sent,
            source=src,
            target=tgt,
            modality=modality,
            symmetric=symmetric,
            participants=[*sources, *targets],
            reporter=_reporter(tok, index),
            confidence=confidence if tgt else 0.5,
            place_token=place,
        )
    ]
    if lemma == "invite" and not pat.nominal:
        visit = _invited_visit(tok, sources, index, sent)
        if visit is not None:
            events.append(visit)
    return events


def code_sentence(
    sent: Span, index: ActorIndex, patterns: PatternIndex | None = None
) -> list[CodedEvent]:
    """Every event the sentence's clauses express."""
    patterns = patterns or pattern_index()
    found: list[CodedEvent] = []
    claimed: set[int] = set()
    for tok in sent:
        if tok.i in claimed:
            continue
        pat = patterns.match(tok)
        if pat is None or (pat.nominal and tok.ent_type_ and tok.text[:1].isupper()):
            # "since the Second World War": an event noun inside a name is history, not news
            continue
        events = _code_one(tok, pat, sent, index)
        if events:
            found.extend(events)
            # an intent verb matched on its own is not coded again ("pledged to strengthen")
            gov = intent_governor(tok)
            if gov is not None:
                claimed.add(gov.i)
    found += _statements(sent, index, found)
    return _drop_subsumed(found)


def _statements(sent: Span, index: ActorIndex, coded: list[CodedEvent]) -> list[CodedEvent]:
    """ "Blinken said Washington would judge Russia by its deeds": a statement about another
    state whose content codes no event of its own is a public statement (CAMEO 010)."""
    out: list[CodedEvent] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _REPORTING:
            continue
        comps = [c for c in tok.children if base(c) in {"ccomp", "parataxis"}]
        if not comps or any(in_subtree(ev.trigger, comps[0]) for ev in coded):
            continue
        cameo = statement_tone(comps[0])
        if cameo == "010" and any(t.text in {"“", "”", '"'} for t in comps[0].subtree):
            continue  # a quotation: kept as a quote, not coded as an empty statement
        speakers = _subject_of(tok, index)
        if not speakers:
            continue
        src = speakers[0]
        if src.sector == "MED" and tok.lemma_.lower() in _ATTRIBUTION:
            continue  # "..., Xinhua reported": the agency attributes the news, it takes no stand
        targets: list[Actor] = []
        comp = comps[0]
        for nominal in [*subjects(comp), *objects(comp), *(n for _, n in obliques(comp))]:
            # "said the election in Belarus was not free": the place names the party
            targets += index.actors(nominal) or _placed_in(nominal, index)
        tgt = next((t for t in targets if _different(src, t)), None)
        if tgt is None:
            continue
        out.append(
            CodedEvent(
                cameo=cameo,
                trigger=tok,
                sentence=sent,
                source=src,
                target=tgt,
                modality=modality_of(tok),
                participants=[src, tgt],
                confidence=0.5,
            )
        )
    return out


@lru_cache(maxsize=1)
def _tone_words() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(
        resources.files("entente.events").joinpath("data/statement_tone.yaml").read_text("utf-8")
    )
    return {key: frozenset(str(w) for w in words) for key, words in raw.items()}


def statement_tone(content: Token) -> str:
    """The CAMEO code of a statement by what its content clause says: 111 when it disapproves
    ("said the vote was neither free nor fair", "said Moscow was trying to wipe ... out"), 051
    when it approves ("called the expansion historic"), else 010. A lexicon, not a sentiment
    model: the words are the ones diplomatic reporting uses, and a wrong tone only moves an
    event between three codes of the same verbal kind."""
    words = _tone_words()
    # the clause itself, without clauses hung on it ("..., noting provocations from the West"
    # says nothing about the parties of the main clause)
    aside = [c for c in content.children if base(c) in {"advcl", "acl", "parataxis"}]
    own = [t for t in content.subtree if not any(in_subtree(t, a) for a in aside)]
    lemmas = {t.lemma_.lower() for t in own} | {t.lower_ for t in own}
    negated = bool(lemmas & words["negators"])
    if lemmas & words["disapproval"] or (negated and lemmas & words["negated_approval"]):
        return "111"
    if lemmas & words["approval"] and not negated:
        return "051"
    return "010"


def _drop_subsumed(events: list[CodedEvent]) -> list[CodedEvent]:
    """Keep one event per trigger, and drop bare verbs whose complement was coded more precisely."""
    by_trigger: dict[tuple[int, str], CodedEvent] = {}
    for ev in events:
        # one event per trigger and root ("invited" gives an invitation and a planned visit)
        key = (ev.trigger.i, ev.cameo[:2])
        cur = by_trigger.get(key)
        if cur is None or ev.confidence > cur.confidence:
            by_trigger[key] = ev
    kept = list(by_trigger.values())
    out = []
    for ev in kept:
        redundant = any(
            other is not ev
            and other.trigger.head.i == ev.trigger.i
            and base(other.trigger) == "xcomp"
            and other.cameo.startswith("03")
            and ev.cameo.startswith("03")
            for other in kept
        )
        # "called off a meeting", "suspended talks": the meeting named by the halting verb
        # did not take place, so it is not an event of its own
        halted = any(
            other.cameo.startswith("16")
            and other.trigger.i == ev.trigger.head.i
            and base(ev.trigger) in {"obj", "obl"}
            for other in kept
            if other is not ev
        )
        if not redundant and not halted:
            out.append(ev)
    return sorted(out, key=lambda e: e.trigger.i)


# Longer "sentences" are lists, tables or text without punctuation: their parse is not reliable
# enough to code events from, and walking them is quadratic.
MAX_SENTENCE_TOKENS = 150


def code_doc(doc: Doc, index: ActorIndex, patterns: PatternIndex | None = None) -> list[CodedEvent]:
    """Every event in a document, sentence by sentence."""
    out: list[CodedEvent] = []
    for sent in doc.sents:
        if len(sent) <= MAX_SENTENCE_TOKENS:
            out.extend(code_sentence(sent, index, patterns))
    return out

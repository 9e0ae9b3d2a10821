"""Which actors a nominal refers to: mentions, noun-phrase modifiers, coordination, back-references.

Given the resolved entity mentions of a document, :class:`ActorIndex` answers "who is this?" for a
nominal head token: "Chinese President Xi Jinping" (a mention), "Russian naval forces" (a demonym plus
a sector word: RUSMIL), "Putin and Wang Yi" (two actors), "the two leaders" (the pair the article is
about), "he" (the last person named as a subject).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from entente.events.syntax import base, conjuncts, full, subjects
from entente.models import Actor, EntityMention

# Modifier dependencies inside a noun phrase that may carry the phrase's actor.
_NP_MODS = {"compound", "amod", "nmod", "flat", "appos", "poss", "nmod:poss", "det", "nummod"}
_RELATIVE = {"who", "whom", "which", "that"}
# relative pronouns that are never a determiner or a complementiser ("that" can be both)
_WH_RELATIVE = {"who", "whom", "which"}
_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}


@lru_cache(maxsize=1)
def _refs() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(
        resources.files("entente.events").joinpath("data/references.yaml").read_text("utf-8")
    )
    return {k: frozenset(v) for k, v in raw.items()}


def _clause_head(
    tok: Token, heads: frozenset[str] | set[str] = frozenset({"VERB", "AUX"})
) -> Token:
    """The nearest word above ``tok`` that heads a clause (a verb, or one of ``heads``)."""
    head = tok.head
    for _ in range(6):
        if head.pos_ in heads or head.head is head:
            break
        head = head.head
    return head


def _country_actor(actor: Actor) -> Actor:
    """A state-level actor for the country an actor belongs to."""
    return Actor(
        name=actor.country or actor.name, code=actor.country, country=actor.country, kind="state"
    )


class ActorIndex:
    """Answers which actors a token refers to, for one document.

    Args:
        doc: the parsed document.
        mentions: resolved entity mentions (character offsets into ``doc.text``).
        sector_of: maps a head noun ("forces", "companies") to a CAMEO sector code, or None.
    """

    def __init__(
        self,
        doc: Doc,
        mentions: list[EntityMention],
        sector_of: Callable[[str], str | None],
        place_country: Callable[[str], str | None] | None = None,
    ) -> None:
        self.doc = doc
        self.sector_of = sector_of
        self.place_country = place_country
        self.by_token: dict[int, EntityMention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                current = self.by_token.get(tok.i)
                if current is None or (m.end - m.start) > (current.end - current.start):
                    self.by_token[tok.i] = m
        self.mentions = mentions
        states = Counter(
            m.actor.country for m in mentions if m.actor is not None and m.actor.country
        )
        self.dyad: list[str] = [c for c, _ in states.most_common(2)]

    # -- public ------------------------------------------------------------------------------

    def actors(self, head: Token) -> list[Actor]:
        """The actors a nominal (and its coordinated siblings) refers to, in text order."""
        found: list[Actor] = []
        for tok in conjuncts(head):
            for actor in self._one(tok):
                if not any(_same(actor, f) for f in found):
                    found.append(actor)
        return found

    def mention_at(self, tok: Token) -> EntityMention | None:
        """The mention covering a token, if any."""
        return self.by_token.get(tok.i)

    # -- internals ---------------------------------------------------------------------------

    def _one(self, tok: Token) -> list[Actor]:
        mention = self.by_token.get(tok.i)
        if (
            mention is not None
            and mention.label == "GPE"
            and self.place_country is not None
            and (mention.actor is None or not mention.actor.country)
        ):
            # "flew to Hiroshima": a city the knowledge base does not list stands for its state
            country = self.place_country(mention.text)
            if country:
                return [Actor(name=mention.text, code=country, country=country, kind="state")]
        if mention is not None and mention.actor is not None:
            return [self._with_sector(mention.actor, tok, mention)]
        refs = _refs()
        word = tok.lower_
        if word in _RELATIVE and full(tok.head) == "acl:relcl" and tok.head.head is not tok:
            # "Zelensky, who visited the town": the relative pronoun is the noun it follows
            return self.actors(tok.head.head)
        if word in _WH_RELATIVE and tok.i > tok.sent.start:
            # the same when the parser hung the relative clause elsewhere ("appealed to the
            # leaders of the Group of Seven, who were due to ..." read as an adverbial clause):
            # the words right before it, never the last person named, as "he" would be
            before = [t for t in tok.doc[tok.sent.start : tok.i] if not t.is_punct]
            return self.actors(before[-1]) if before else []
        if tok.pos_ == "PRON" or word in refs["person_pronouns"] | refs["plural_pronouns"]:
            return self._pronoun(tok)
        if word in refs["group_heads"] and any(
            c.lower_ in refs["group_determiners"] for c in tok.children
        ):
            return self._group(tok)
        # search the noun phrase's own modifiers: "Russian naval forces", "China's top diplomat"
        best: EntityMention | None = None
        for child in tok.children:
            if base(child) not in _NP_MODS and full(child) not in _NP_MODS:
                continue
            if base(child) == "nmod" and not _is_of(child) and full(child) != "nmod:poss":
                continue
            for sub in child.subtree:
                m = self.by_token.get(sub.i)
                if m is None or m.actor is None:
                    continue
                if best is None or _LABEL_RANK.get(m.label, 9) < _LABEL_RANK.get(best.label, 9):
                    best = m
        if best is None or best.actor is None:
            if word in refs["institution_heads"] and any(c.lower_ == "the" for c in tok.children):
                return self._institution(tok)
            return []
        if best.label in {"NORP", "GPE"}:
            # "Russian and Ukrainian negotiators": coordinated modifiers name several parties
            span = self.doc.char_span(best.start, best.end, alignment_mode="expand")
            if span is not None and span.root.conjuncts:
                group = [self._with_sector(best.actor, tok, best)]
                for conj in span.root.conjuncts:
                    m = self.by_token.get(conj.i)
                    if m is not None and m.actor is not None and m.label in {"NORP", "GPE"}:
                        group.append(self._with_sector(m.actor, tok, m))
                if len(group) > 1:
                    return sorted(group, key=lambda a: 0)
        if best.label == "PERSON" and base(tok) != "appos":
            # "Putin's visit": a person modifying a noun is that noun's actor only through appos;
            # as a possessor it is handled by the caller (possessor_is_source)
            return [best.actor]
        return [self._with_sector(best.actor, tok, best)]

    def _with_sector(self, actor: Actor, head: Token, mention: EntityMention) -> Actor:
        """ "Russian naval forces": a state actor specialised by the head noun's sector."""
        if actor.kind not in {"state"} or not actor.country:
            return actor
        words = [head.lemma_.lower(), head.lower_]
        words += [c.lower_ for c in head.children if base(c) in {"amod", "compound"}]
        for word in words:
            sector = self.sector_of(word)
            if sector:
                return replace(
                    actor,
                    code=f"{actor.country}{sector}",
                    sector=sector,
                    name=f"{actor.name} ({head.text})",
                )
        return actor

    def _pronoun(self, tok: Token) -> list[Actor]:
        refs = _refs()
        word = tok.lower_
        before = [m for m in self.mentions if m.end <= tok.idx and m.actor is not None]
        if word in refs["person_pronouns"]:
            ahead = self._fronted_for(tok)
            if ahead:
                return ahead
            wanted = "female" if word in {"she", "her", "hers", "herself"} else "male"
            people = [m for m in reversed(before) if m.label == "PERSON" and m.actor is not None]
            agreeing = [m for m in people if _gender(m) in {wanted, None}]
            chosen = agreeing or people
            return [chosen[0].actor] if chosen and chosen[0].actor is not None else []
        if word in refs["plural_pronouns"]:
            bound = self._clause_subject_group(tok)
            if bound:
                return bound
        if word in refs["thing_pronouns"]:
            return self._singular(tok)
        return self._group(tok)

    def _fronted_for(self, tok: Token) -> list[Actor]:
        """ "During his visit to Beijing, Putin agreed ...": a pronoun in a phrase placed before
        its clause's subject points forward to that subject when it names a person."""
        verb = _clause_head(tok)
        for subj in subjects(verb):
            if subj.i <= tok.i or subj.pos_ == "PRON":
                continue
            mention = self.by_token.get(subj.i)
            if mention is not None and mention.label == "PERSON" and mention.actor is not None:
                return [mention.actor]
        return []

    def _singular(self, tok: Token) -> list[Actor]:
        """ "China's commerce ministry said it opposed the listing": "it" is one state or body,
        never the article's pair and never a person. Inside a clause that a verb reports or
        governs, it is that verb's subject when that is no person; a possessive "its" outside one
        is the nearest state or body before it in its sentence ("support to Moscow after its
        invasion"); a subject "it" is else the last state or organisation that was a clause's
        subject, in this sentence or the one before; an object "it" is taken for a thing."""
        clause = _clause_head(tok, {"VERB", "AUX", "ADJ"})
        for _ in range(3):
            if base(clause) not in {"ccomp", "parataxis", "xcomp", "advcl", "conj"}:
                break
            clause = clause.head
            for subj in subjects(clause):
                if subj.i < tok.i and subj.pos_ != "PRON":
                    found = self.actors(subj)
                    if found:
                        first = found[0]
                        if first.kind == "person":
                            break  # "Ishiba condemned the launch, saying it threatened peace"
                        return [first]
        if tok.lower_ == "its":
            start = self.doc[tok.sent.start].idx
            for m in reversed([m for m in self.mentions if start <= m.start and m.end <= tok.idx]):
                if m.actor is not None and m.label != "PERSON":
                    return [m.actor]
        if base(tok) != "nsubj":
            return []  # "called it a pseudo-election": an object "it" is mostly a thing
        subject = self._last_subject(tok, 1, lambda m: m.label != "PERSON")
        return [subject.actor] if subject is not None and subject.actor is not None else []

    def _last_subject(
        self, tok: Token, back: int, keep: Callable[[EntityMention], bool]
    ) -> EntityMention | None:
        """The last mention before ``tok`` that is a clause's subject and passes ``keep``, in
        ``tok``'s sentence or the ``back`` sentences before it."""
        first = tok.sent.start
        for _ in range(back):
            if first == 0:
                break
            first = self.doc[first - 1].sent.start
        lo = self.doc[first].idx
        before = [m for m in self.mentions if lo <= m.start and m.end <= tok.idx]
        for m in reversed(before):
            if m.actor is None or not keep(m):
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and base(span.root) == "nsubj":
                return m
        return None

    def _institution(self, tok: Token) -> list[Actor]:
        """ "China summoned Japan's ambassador. The foreign ministry accused Tokyo of ...": an
        institution named without its country belongs to the state that was last the subject
        of a clause, within the two sentences before."""
        subject = self._last_subject(tok, 2, lambda m: bool(m.actor and m.actor.country))
        if subject is None or subject.actor is None:
            return []
        state = _country_actor(subject.actor)
        sector = self.sector_of(tok.lower_)
        if sector:
            return [
                replace(
                    state,
                    code=f"{state.country}{sector}",
                    sector=sector,
                    name=f"{state.name} ({tok.text})",
                )
            ]
        return [state]

    def _clause_subject_group(self, tok: Token) -> list[Actor]:
        """ "China and Russia have cooperated since the establishment of their partnership":
        a plural pronoun inside a clause whose subject, before it, names several parties
        refers to that subject (as binding does), not to the last pair named elsewhere."""
        verb = _clause_head(tok)
        for _ in range(3):
            for subj in subjects(verb):
                if subj.i < tok.i and subj.pos_ != "PRON":
                    found = self.actors(subj)
                    distinct = {a.country or a.code for a in found}
                    return found if len(distinct) >= 2 else []
            if base(verb) != "conj" or verb.head is verb:
                break
            verb = verb.head  # "... held talks and carried out drills": a shared subject
        return []

    def _group(self, tok: Token) -> list[Actor]:
        """The pair the article is about: the last two actors of different countries named."""
        before = [m for m in self.mentions if m.end <= tok.idx and m.actor is not None]
        persons: list[Actor] = []
        for m in reversed(before):
            a = m.actor
            if a is None or not a.country or m.label != "PERSON":
                continue
            if all(p.country != a.country for p in persons):
                persons.append(a)
            if len(persons) == 2:
                head = tok.lower_
                if head in {
                    "countries",
                    "nations",
                    "states",
                    "sides",
                    "governments",
                    "neighbours",
                    "neighbors",
                    "powers",
                    "capitals",
                }:
                    return [_country_actor(p) for p in reversed(persons)]
                return list(reversed(persons))
        if len(self.dyad) == 2:
            return [Actor(name=c, code=c, country=c, kind="state") for c in self.dyad]
        return []


@lru_cache(maxsize=1)
def _female_names() -> frozenset[str]:
    raw = yaml.safe_load(
        resources.files("entente.events").joinpath("data/given_names.yaml").read_text("utf-8")
    )
    return frozenset(str(n) for n in raw.get("female") or [])


def _gender(mention: EntityMention) -> str | None:
    """ "female" or "male" by the person's given name (the resolved name, else the mention's
    text); None when the name says nothing (a bare surname the knowledge base did not resolve)."""
    actor = mention.actor
    name = actor.name if actor is not None and actor.kind == "person" else mention.text
    words = name.split()
    if not words:
        return None
    if words[0].lower() in _female_names():
        return "female"
    return "male" if len(words) > 1 else None


def _is_of(tok: Token) -> bool:
    return any(base(c) == "case" and c.lower_ == "of" for c in tok.children)


def _same(a: Actor, b: Actor) -> bool:
    if a.id and b.id:
        return a.id == b.id
    return (a.name, a.code) == (b.name, b.code)

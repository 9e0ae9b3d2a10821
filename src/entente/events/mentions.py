"""Entity mentions of a document, resolved to actors.

Three sources, merged longest-first: names the knowledge base knows (a PhraseMatcher over its
aliases, so actors are found even where the statistical NER misses them), the pipeline's own named
entities, and role phrases built around a state ("Chinese President", "China's top diplomat",
"Russia's Deputy Chairman of the Security Council"). A role phrase followed by a person's name
("Chinese President Xi Jinping") becomes one mention of that person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from entente.events.syntax import base
from entente.models import Actor, EntityMention

Resolver = Callable[[str, "dt.date | None", "str | None"], "Actor | None"]

NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_KIND_LABEL = {
    "state": "GPE",
    "metonym": "GPE",
    "demonym": "NORP",
    "org": "ORG",
    "person": "PERSON",
}
_NP_LEFT = {"compound", "amod", "nmod", "flat", "det"}


@dataclass
class MentionFinder:
    """Finds and resolves mentions; build once per pipeline and knowledge base.

    Args:
        nlp: the pipeline (for its vocabulary).
        names: (label, surface, case_sensitive) for every name the knowledge base knows.
        role_words: lower-case words that make a noun phrase a role ("president", "minister").
        resolve: the knowledge base's resolver.
    """

    nlp: Language
    names: Iterable[tuple[str, str, bool]]
    role_words: frozenset[str]
    resolve: Resolver

    def __post_init__(self) -> None:
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        by_label: dict[tuple[str, bool], list[str]] = {}
        for label, surface, strict in self.names:
            by_label.setdefault((label, strict), []).append(surface)
        for (label, strict), surfaces in by_label.items():
            tokenizer: Any = self.nlp.tokenizer
            docs = list(tokenizer.pipe(sorted(set(surfaces))))
            (self.exact if strict else self.folded).add(label, docs)

    def find(self, doc: Doc, date: dt.date | None) -> list[EntityMention]:
        """All resolved mentions of ``doc``, in text order, non-overlapping."""
        spans: list[Span] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                span = Span(doc, start, end, label=match_id)
                if matcher is self.folded and not _capitalised_ok(span):
                    continue
                spans.append(span)
        spans += [e for e in doc.ents if e.label_ in NER_LABELS]
        spans += self._roles(doc)
        chosen = _longest_first(spans)
        chosen = _merge_role_with_name(chosen)
        mentions: list[EntityMention] = []
        text = doc.text  # built from the tokens on every access: read it once
        for span in chosen:
            # the words around the mention settle ambiguity; a bounded window keeps this linear
            # on texts without sentence breaks
            lo, hi = max(0, span.start_char - 200), span.end_char + 200
            actor = self.resolve(span.text, date, text[lo:hi])
            label = span.label_
            if actor is not None and actor.kind == "person":
                label = "PERSON"
            mentions.append(EntityMention(span.text, span.start_char, span.end_char, label, actor))
        return mentions

    def _roles(self, doc: Doc) -> list[Span]:
        """Noun phrases whose head or modifiers are role words: "the Russian foreign minister"."""
        found: list[Span] = []
        for tok in doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.lower_ not in self.role_words:
                continue
            left = [c for c in tok.lefts if base(c) in _NP_LEFT or c.dep_ == "nmod:poss"]
            start = min([tok.i, *(c.left_edge.i for c in left)])
            end = tok.i + 1
            # "Deputy Chairman of the Security Council": keep an "of" complement naming the body
            for child in tok.rights:
                if base(child) == "nmod" and any(g.lower_ == "of" for g in child.children):
                    end = max(end, child.right_edge.i + 1)
            while start < tok.i and (
                doc[start].lower_ in {"the", "a", "an"} or doc[start].pos_ in {"ADP", "PUNCT"}
            ):
                start += 1
            if end - start >= 2:
                found.append(Span(doc, start, end, label="ROLE"))
        return found


def _capitalised_ok(span: Span) -> bool:
    """Case-folded matches must still look like names (no "chad" or "turkey" the common nouns)."""
    first = span[0]
    return first.is_title or first.is_upper or not first.is_alpha or first.lower_ in {"the"}


def _longest_first(spans: list[Span]) -> list[Span]:
    taken: set[int] = set()
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        out.append(span)
        taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def _merge_role_with_name(spans: list[Span]) -> list[Span]:
    """ "Chinese President" + "Xi Jinping" → one PERSON span covering both."""
    out: list[Span] = []
    for span in spans:
        if (
            out
            and out[-1].label_ in {"ROLE", "NORP", "GPE"}
            and span.label_ == "PERSON"
            and out[-1].end == span.start
            and out[-1].label_ == "ROLE"
        ):
            prev = out.pop()
            out.append(Span(span.doc, prev.start, span.end, label="PERSON"))
            continue
        out.append(span)
    return out

"""The step after NER that types place names by the words in them, as the training mapping does.

The mapping in :mod:`entente.nlp.entity_map` types a named place by its words and by the
gazetteers: "Manila Bay" is LOC (a natural feature), "Pittock Street" is FAC, "Collins College"
ORG, "North Korea" GPE. The statistical NER sees few of each and calls most places GPE. This step
gives a span that NER labelled GPE or LOC the label its words decide
(:func:`entente.nlp.entity_map.place_kind`) and leaves it alone when nothing decides, so an
unknown island or river keeps what the model said. An ORG span changes only when it is exactly a
listed country or city, which the mapping calls GPE when it acts ("Washington D.C."), unless the
knowledge base lists the name as an organisation ("Xinhua", a news agency and a city), or when it
ends in a natural-feature word after at least one other word and holds no organisation or facility
word ("the Red Sea", "the Taiwan Strait": LOC; English names end in their head, so "Sea Shepherd"
stays ORG, and the airline "Southwest" too); other
organisation names keep their label ("Port Authority").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from entente.nlp.entity_map import feature_words, place_kind

#: The step's name in the shipped pipeline (registered through the ``spacy_factories`` entry
#: point, so a plain ``spacy.load`` finds it).
PLACE_KINDS = "entente_place_kinds"
_PLACE_LABELS = frozenset({"GPE", "LOC"})


@lru_cache(maxsize=1)
def _organisations() -> frozenset[str]:
    """Names of organisations in the actor knowledge base (not metonyms such as "Washington
    D.C."), less capitals that stand for a body ("Brussels" for the EU is GPE, as in the mapping)."""
    from entente.knowledge.kb import default_kb
    from entente.knowledge.text import strip_article

    kb = default_kb()
    capitals = {s.capital for s in kb.states.values() if s.capital}
    names = {
        strip_article(e.surface)
        for entries in kb.index.names.values()
        for e in entries
        if e.kind == "org"
    }
    return frozenset(names - capitals)


def retype(span: Span) -> Span:
    """``span`` with the label its words decide (see the module); otherwise unchanged."""
    if span.label_ == "ORG":
        if span.text in _organisations():
            return span  # the knowledge base lists it: "Xinhua" the agency, not the Chinese city
        kind = place_kind(span.text)
        # A listed country or city named as an actor is GPE, as in the mapping ("Washington D.C.").
        if kind == "GPE":
            return _relabel(span, "GPE")
        # A sea or strait the model took for a body: its last word, the name's head, says so.
        if kind == "LOC" and len(span) > 1 and span[-1].text.lower() in feature_words():
            return _relabel(span, "LOC")
        return span
    if span.label_ not in _PLACE_LABELS:
        return span
    kind = place_kind(span.text)
    return span if kind is None else _relabel(span, kind)


def _relabel(span: Span, label: str) -> Span:
    if label == span.label_:
        return span
    return Span(span.doc, span.start, span.end, label=label)


@Language.component(PLACE_KINDS)
def place_kinds(doc: Doc) -> Doc:
    """Relabel GPE and LOC spans whose words or gazetteer entry decide their kind."""
    doc.ents = [retype(e) for e in doc.ents]
    return doc

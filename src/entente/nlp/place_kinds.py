"""The step after NER that types place names by the words in them, as the training mapping does.

The mapping in :mod:`entente.nlp.entity_map` types a named place by its words and by the
gazetteers: "Manila Bay" is LOC (a natural feature), "Pittock Street" is FAC, "Collins College"
ORG, "North Korea" GPE. The statistical NER sees few of each and calls most places GPE. This step
gives a span that NER labelled GPE or LOC the label its words decide
(:func:`entente.nlp.entity_map.place_kind`) and leaves it alone when nothing decides, so an
unknown island or river keeps what the model said. An ORG span changes only when it is exactly a
listed country or city, which the mapping calls GPE when it acts ("Washington D.C."); other
organisation names keep their label ("Port Authority").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from entente.nlp.entity_map import place_kind

#: The step's name in the shipped pipeline (registered through the ``spacy_factories`` entry
#: point, so a plain ``spacy.load`` finds it).
PLACE_KINDS = "entente_place_kinds"
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def retype(span: Span) -> Span:
    """``span`` with the label its words decide (see the module); otherwise unchanged."""
    if span.label_ == "ORG":
        # A listed country or city named as an actor is GPE, as in the mapping ("Washington D.C.").
        return _relabel(span, "GPE") if place_kind(span.text) == "GPE" else span
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

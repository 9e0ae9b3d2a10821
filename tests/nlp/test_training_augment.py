"""The mention-replacement augmenter of the training code (no treebank needed)."""

from __future__ import annotations

import random

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from training.augment import create_mention_swap, knowledge_pool, swap_mentions

_NLP = spacy.blank("en")


def _annotated() -> Doc:
    words = ["Anna", "Berg", "visited", "Bank", "of", "Oslo", "in", "Kenya", "."]
    doc = Doc(
        _NLP.vocab,
        words=words,
        spaces=[True] * 7 + [False, False],
        tags=["NNP", "NNP", "VBD", "NNP", "IN", "NNP", "IN", "NNP", "."],
        pos=["PROPN", "PROPN", "VERB", "PROPN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
        lemmas=words,
        heads=[2, 0, 2, 2, 5, 3, 7, 2, 2],
        deps=["nsubj", "flat", "ROOT", "obj", "case", "nmod", "case", "obl", "punct"],
    )
    doc.set_ents(
        [Span(doc, 0, 2, "PERSON"), Span(doc, 3, 6, "ORG"), Span(doc, 7, 8, "GPE")],
        default="outside",
    )
    return doc


POOL = {
    ("PERSON", 2): [("Wang", "Yi")],
    ("ORG", 3): [("Big", "Red", "Firm")],
    ("GPE", 1): [("Chile",)],
}


def test_proper_noun_names_are_swapped_and_every_other_annotation_is_kept() -> None:
    doc = _annotated()
    new = swap_mentions(doc, POOL, random.Random(0), share=1.0)
    # "Bank of Oslo" has a preposition inside, so it stays
    assert new.text == "Wang Yi visited Bank of Oslo in Chile."
    assert [(e.text, e.label_) for e in new.ents] == [
        ("Wang Yi", "PERSON"),
        ("Bank of Oslo", "ORG"),
        ("Chile", "GPE"),
    ]
    for old, swapped in zip(doc, new, strict=True):
        assert (swapped.tag_, swapped.pos_, swapped.dep_, swapped.head.i) == (
            old.tag_,
            old.pos_,
            old.dep_,
            old.head.i,
        )
    assert new[0].lemma_ == "Wang" and new[2].lemma_ == "visited"


def test_nothing_to_swap_returns_the_document_itself() -> None:
    doc = _annotated()
    assert swap_mentions(doc, POOL, random.Random(0), share=0.0) is doc
    assert swap_mentions(doc, {}, random.Random(0), share=1.0) is doc


def test_the_augmenter_passes_documents_without_entity_annotation_through() -> None:
    syntax_only = Doc(_NLP.vocab, words=["Talks", "resumed", "."])
    example = Example(_NLP.make_doc(syntax_only.text), syntax_only)
    augment = create_mention_swap(level=1.0)
    assert list(augment(_NLP, example)) == [example]


def test_the_knowledge_pool_holds_news_names_of_each_kind() -> None:
    pool = knowledge_pool()
    assert ("Xi", "Jinping") in pool["PERSON", 2]
    assert ("Lavrov",) in pool["PERSON", 1]  # a surname on its own
    assert ("Kenya",) in pool["GPE", 1]
    assert all(w[:1].isupper() and w.isalpha() for names in pool.values() for n in names for w in n)

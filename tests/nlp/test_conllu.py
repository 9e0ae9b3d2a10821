from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import spacy

from entente.nlp.conllu import base_deprel, group_documents, iter_sentences
from entente.nlp.docs import sentences_to_doc, spacy_would_split


def test_reader_keeps_splits_spacy_makes_and_merges_the_rest(tiny_conllu: Path) -> None:
    first, second = iter_sentences(tiny_conllu, keep_split=spacy_would_split)
    assert [w.form for w in first.words[:3]] == ["Ruritania", "'s", "envoy"]
    assert first.words[0].space_after is False
    assert first.doc_id == "doc_one"
    forms = [w.form for w in second.words]
    assert forms == ["The", "Danube", "River", "keeps", "its", "course", "."]
    merged = second.words[4]
    assert (merged.upos, merged.deprel, merged.head) == ("PRON", "nmod:poss", 6)
    assert second.words[5].head == 4  # "course" still attaches to "keeps" after the merge


def test_reader_without_callback_keeps_every_split(tiny_conllu: Path) -> None:
    _, second = iter_sentences(tiny_conllu)
    assert [w.form for w in second.words][4:6] == ["it", "s"]


def test_base_deprel_strips_subtypes() -> None:
    assert base_deprel("obl:tmod") == "obl"
    assert base_deprel("nsubj") == "nsubj"


def test_doc_carries_gold_annotation(tiny_conllu: Path) -> None:
    sentences = list(iter_sentences(tiny_conllu, keep_split=spacy_would_split))
    doc = sentences_to_doc(spacy.blank("en").vocab, sentences, with_entities=True)
    assert doc.text.startswith("Ruritania's envoy met")
    assert len(list(doc.sents)) == 2
    met = doc[3]
    assert met.dep_ == "ROOT" and met.pos_ == "VERB" and met.tag_ == "VBD"
    assert [t.text for t in met.children if t.dep_ == "nsubj"] == ["envoy"]
    assert {(e.text, e.label_) for e in doc.ents} == {
        ("Ruritania", "GPE"),
        ("Anna Berg", "PERSON"),
        ("Oslo", "GPE"),
        ("3 May 2021", "DATE"),
        ("Danube River", "LOC"),
    }


def test_doc_without_entities_leaves_ner_missing(tiny_conllu: Path) -> None:
    sentences = list(iter_sentences(tiny_conllu, keep_split=spacy_would_split))
    doc = sentences_to_doc(spacy.blank("en").vocab, sentences, with_entities=False)
    assert all(t.ent_iob_ == "" for t in doc)


def test_group_documents_respects_document_boundaries(tiny_conllu: Path) -> None:
    sentences = [replace(s) for _ in range(3) for s in iter_sentences(tiny_conllu)]
    for s in sentences[2:]:
        s.doc_id = "doc_two"
    groups = group_documents(sentences, max_sentences=3)
    assert [len(g) for g in groups] == [2, 3, 1]
    assert {s.doc_id for s in groups[1]} == {"doc_two"}

"""Build annotated spaCy Docs from CoNLL-U sentences (training data and gold standards)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from entente.nlp.conllu import Sentence
from entente.nlp.entity_map import sentence_entities


@lru_cache(maxsize=1)
def _blank_tokenizer() -> spacy.Language:
    return spacy.blank("en")


def spacy_would_split(surface: str, forms: list[str]) -> bool:
    """Whether spaCy's English tokenizer splits ``surface`` exactly into ``forms``.

    Multi-word tokens such as ``Bernoulli's`` keep their treebank split because the tokenizer
    produces it too; ones it keeps whole (``its``) are merged so training matches run time.
    """
    return [t.text for t in _blank_tokenizer().make_doc(surface)] == forms


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence], *, with_entities: bool) -> Doc:
    """One Doc carrying every gold annotation of consecutive sentences.

    Args:
        vocab: The vocabulary to build the Doc on.
        sentences: Sentences of one document, in order.
        with_entities: Whether to read NER spans from ``Entity=`` (tokens outside them are gold
            "O"); without, NER annotation is left missing rather than "no entity".

    Returns:
        A Doc with tags, POS, morphology, lemmas, heads, dependency labels, sentence starts and,
        when asked, entities.
    """
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool | int | None] = []
    ents: list[tuple[int, int, str]] = []
    for sent in sentences:
        offset = len(words)
        for i, word in enumerate(sent.words):
            words.append(word.form)
            spaces.append(word.space_after)
            tags.append(word.xpos)
            pos.append(word.upos)
            morphs.append("" if word.feats == "_" else word.feats)
            lemmas.append(word.lemma)
            heads.append(offset + (word.head - 1 if word.head else i))
            deps.append("ROOT" if word.head == 0 else word.deprel)
            sent_starts.append(i == 0)
        if with_entities:
            ents.extend(
                (offset + s, offset + e, label) for s, e, label in sentence_entities(sent.words)
            )
    if spaces:
        spaces[-1] = False
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=sent_starts,
    )
    if with_entities:
        doc.set_ents([Span(doc, s, e, label=label) for s, e, label in ents], default="outside")
    return doc

"""Mention replacement: a training-data augmenter that swaps names for other names of the kind.

GUM's training documents name a few hundred people, places and organisations, so NER can learn
the names themselves instead of the contexts that mark a name ("said", "in", "the ... ministry").
Replacing a name with another of the same label keeps every other annotation valid, teaches the
contexts, and shows the model names it will meet in news (the knowledge base's office holders,
states and organisations, the gazetteer's cities). This is the "mention replacement" of Dai and
Adel (2020, "An Analysis of Simple Data Augmentation for Named Entity Recognition", COLING).

Only names made of proper nouns alone are swapped (``Joshua Abraham Norton``, not ``Bank of
China``), and only for names of the same number of words, so heads, labels, tags and features of
every token stay as they were; the new words become their own lemmas. Documents without entity
annotation (EWT) pass through unchanged.

spaCy's own augmenters (``spacy.orth_variants.v1``, ``spacy.lower_case.v1``) change spelling, not
names, hence this one. It is registered as ``entente.mention_swap.v1`` and loaded with
``spacy train --code training/augment.py``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import cast

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from thinc.types import Ints2d

SWAPPED_LABELS = ("PERSON", "GPE", "ORG", "LOC")
_ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]

Pool = dict[tuple[str, int], list[tuple[str, ...]]]


def _name_words(text: str) -> tuple[str, ...] | None:
    """The words of ``text`` when each is a capitalised alphabetic word, else None."""
    words = tuple(t.text for t in _tokenizer()(text))
    if not words or not all(w.isalpha() and w[:1].isupper() for w in words):
        return None
    return words


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], Doc]:
    return spacy.blank("en").tokenizer


@lru_cache(maxsize=1)
def knowledge_pool() -> Pool:
    """Names by (label, number of words) from the knowledge base and the gazetteer."""
    from entente.knowledge.kb import default_kb
    from entente.nlp.gazetteer import gazetteer_patterns

    pool: defaultdict[tuple[str, int], set[tuple[str, ...]]] = defaultdict(set)
    names = [(p["label"], p["pattern"]) for p in gazetteer_patterns()]
    people = [person.name for person in default_kb().people.values()]
    names += [("PERSON", name) for name in people]
    # a person named again by surname alone: the last word of the full name
    names += [("PERSON", name.split()[-1]) for name in people if len(name.split()) > 1]
    for label, text in names:
        words = _name_words(text)
        if label in SWAPPED_LABELS and words:
            pool[label, len(words)].add(words)
    return {key: sorted(values) for key, values in pool.items()}


def _swappable(doc: Doc, start: int, end: int) -> bool:
    return all(t.pos_ == "PROPN" and t.tag_ == "NNP" and t.is_alpha for t in doc[start:end])


def swap_mentions(doc: Doc, pool: Pool, rng: random.Random, share: float) -> Doc:
    """A copy of ``doc`` in which each swappable name is replaced with chance ``share``."""
    words = [t.text for t in doc]
    lemmas_changed = False
    for ent in doc.ents:
        choices = pool.get((ent.label_, len(ent)))
        if not choices or not _swappable(doc, ent.start, ent.end) or rng.random() >= share:
            continue
        words[ent.start : ent.end] = rng.choice(choices)
        lemmas_changed = True
    if not lemmas_changed:
        return doc
    new = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    # uint64 attribute IDs; spaCy's stub types to_array's result as a float array
    array = cast(Ints2d, doc.to_array(_ATTRS))
    lemma = _ATTRS.index(LEMMA)
    for i, (old, word) in enumerate(zip(doc, words, strict=True)):
        if old.text != word:
            array[i, lemma] = doc.vocab.strings.add(word)
    new.from_array(_ATTRS, array)
    return new


@spacy.registry.augmenters("entente.mention_swap.v1")
def create_mention_swap(
    level: float, share: float = 0.8
) -> Callable[[Language, Example], Iterator[Example]]:
    """With chance ``level`` a document's names are swapped (each with chance ``share``)."""
    rng = random.Random(1234)

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        reference = example.reference
        if rng.random() >= level or not reference.has_annotation("ENT_IOB"):
            yield example
            return
        swapped = swap_mentions(reference, knowledge_pool(), rng, share)
        yield Example(nlp.make_doc(swapped.text), swapped)

    return augment

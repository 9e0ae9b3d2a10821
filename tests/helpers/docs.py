"""Hand-built, parsed Docs for rule tests: no model needed."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

_NLP = spacy.blank("en")  # a vocabulary with English lexical attributes (lower_, is_title)


def parsed(
    rows: list[tuple[str, str, str, str, int]],
    ents: list[str] | None = None,
    *,
    joined: set[int] | frozenset[int] = frozenset(),
) -> Doc:
    """A Doc from (word, lemma, pos, dep, head) rows; ``head`` is an absolute index.

    Spaces go between every pair of words except before punctuation and after the words whose
    indices are in ``joined`` (the "-" of "Shangri-La").
    """
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(rows)
        and rows[i + 1][2] != "PUNCT"
        and rows[i + 1][0] != "'s"
        and i not in joined
        for i in range(len(rows))
    ]
    return Doc(
        _NLP.vocab,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        ents=ents,
    )

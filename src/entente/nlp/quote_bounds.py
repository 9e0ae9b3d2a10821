"""The step before the parser that keeps a closing quotation mark with the sentence it closes.

News quotes end inside the marks: ``"We will not accept this." The talks began``. The parser,
trained on treebanks where a straight ``"`` opens as often as it closes, tends to start the next
sentence at the closing mark, leaving ``"`` as a sentence of its own or gluing it to the front
of the next one (``" Putin agreed.``). That cuts the quote from its speaker and the event
sentence from its source.

A closing mark never starts a sentence, so this step marks it ``is_sent_start = False``; the
parser respects boundaries already set and cuts after the mark instead. A straight mark counts as
closing only when the spacing says so: it touches the token before it and is followed by a space,
the end of the text or more punctuation (``this."`` then a space). Curly closing marks (``”``,
``’``) close when they touch the token before them; ``’`` only after sentence-final punctuation,
since elsewhere it is an apostrophe. Where the spacing is unknown (``said:"We``), nothing is set.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

#: The step's name in the shipped pipeline (registered through the ``spacy_factories`` entry
#: point, so a plain ``spacy.load`` finds it).
QUOTE_BOUNDS = "entente_quote_bounds"
_STRAIGHT = frozenset({'"', "''", "'"})
_CURLY = frozenset({"”", "»"})
_FINAL = frozenset({".", "!", "?", "…"})
# The step runs on every text, so it finds the candidate marks with one array look-up rather
# than a Python loop over every token (that loop cost 1.5 % of the pipeline's speed).
_MARK_HASHES = numpy.array(
    sorted(get_string_id(mark) for mark in _STRAIGHT | _CURLY | {"’"}), dtype=numpy.uint64
)


def is_closing_quote(token: Token) -> bool:
    """Whether ``token`` is a quotation mark that closes a quote (see the module)."""
    if token.i == 0:
        return False
    prev = token.doc[token.i - 1]
    if prev.whitespace_ or prev.is_space:
        return False  # a mark after a space opens a quote
    text = token.text
    if text in _CURLY or (text == "’" and prev.text in _FINAL):
        return True
    if text not in _STRAIGHT:
        return False
    if text == "'" and prev.text not in _FINAL:
        return False  # "dogs' bowls": an apostrophe, not a quote
    if token.whitespace_ or token.i == len(token.doc) - 1:
        return True
    following = token.doc[token.i + 1]
    return following.is_punct and following.text not in _STRAIGHT


@Language.component(QUOTE_BOUNDS)
def quote_bounds(doc: Doc) -> Doc:
    """Forbid a sentence start at every closing quotation mark."""
    marks = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), _MARK_HASHES))
    for i in marks:
        token = doc[int(i)]
        if is_closing_quote(token):
            token.is_sent_start = False
    return doc

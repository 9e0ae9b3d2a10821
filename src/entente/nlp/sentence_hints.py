"""The step before the parser that sets the sentence boundaries the text's form makes certain.

Two hints, both true of any English text, which the parser respects because they are set before it
runs:

**A closing quotation mark never starts a sentence.** News quotes end inside the marks: ``"We
will not accept this." The talks began``. The parser, trained on treebanks where a straight ``"``
opens as often as it closes, tends to start the next sentence at the closing mark, leaving ``"``
as a sentence of its own or gluing it to the front of the next one (``" Putin agreed.``). That
cuts the quote from its speaker and the event sentence from its source. A straight mark counts as
closing only when the spacing says so: it touches the token before it and is followed by a space,
the end of the text or more punctuation (``this."`` then a space). Curly closing marks (``”``,
``»``) close when they touch the token before them; ``’`` only after sentence-final punctuation,
since elsewhere it is an apostrophe. Where the spacing is unknown (``said:"We``), nothing is set.

**A blank line ends a sentence.** A headline, a dateline or a heading has no full stop, and
without a hint the parser reads it into the first sentence of the paragraph after it. Only a
blank line counts: a single line break may be hard wrapping inside a sentence. (Entente's news
analysis adds :mod:`entente.nlp.layout`, which treats every line break as a boundary.)
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

#: The step's name in the shipped pipeline (registered through the ``spacy_factories`` entry
#: point, so a plain ``spacy.load`` finds it).
SENTENCE_HINTS = "entente_sentence_hints"
_STRAIGHT = frozenset({'"', "''", "'"})
_CURLY = frozenset({"”", "»"})
#: Punctuation that ends a sentence (also read by :mod:`entente.nlp.layout`).
SENTENCE_FINAL = frozenset({".", "!", "?", "…"})
# The step runs on every text, so it finds candidate tokens with one array look-up rather than a
# Python loop over every token (that loop cost 1.5 % of the pipeline's speed).
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
    if text in _CURLY or (text == "’" and prev.text in SENTENCE_FINAL):
        return True
    if text not in _STRAIGHT:
        return False
    if text == "'" and prev.text not in SENTENCE_FINAL:
        return False  # "dogs' bowls": an apostrophe, not a quote
    if token.whitespace_ or token.i == len(token.doc) - 1:
        return True
    following = token.doc[token.i + 1]
    return following.is_punct and following.text not in _STRAIGHT


@Language.component(SENTENCE_HINTS)
def sentence_hints(doc: Doc) -> Doc:
    """Forbid a sentence start at every closing quotation mark; start one after a blank line."""
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), _MARK_HASHES)):
        token = doc[int(i)]
        if is_closing_quote(token):
            token.is_sent_start = False
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)):
        token = doc[int(i)]
        # blank lines that open or close the text end nothing
        if 0 < token.i < len(doc) - 1 and token.text.count("\n") >= 2:  # a blank line
            token.is_sent_start = False  # the break belongs to the sentence it ends
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True
    return doc

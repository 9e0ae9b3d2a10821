"""Re-parse sentences whose noun phrases carry scare quotes, without the quotation marks.

News puts short phrases in quotation marks inside a noun phrase ("declared a “no limits”
partnership"). Treebanks have few of these, so a parser trained on them reads the closing mark as
the end of a phrase and the noun after it as a new clause ("partnership" becomes a verb). The fix
is made after the whole pipeline has run: each such sentence is tagged and parsed again without
its quotation marks, and if that parse is one well-formed sentence, its heads, labels and tags
replace the old ones; the marks attach to the word they precede. Tokens, offsets and entities stay
as they were, so nothing downstream has to know.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, HEAD, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "entente_scare_quotes"
#: Quotation marks that open and close a quoted phrase (the straight one does both).
OPEN_MARKS = frozenset({"“", '"', "‘"})
CLOSE_MARKS = frozenset({"”", '"', "’"})
_MAX_WORDS = 3  # longer quoted stretches are real (partial) quotations, which parse fine
_PARSING = ("tok2vec", "tagger", "morphologizer", "parser")


def _scare_quotes(doc: Doc) -> list[tuple[int, int, list[int]]]:
    """(start, end, marks): stretches of whole sentences to re-parse, with the indexes of the
    quotation marks around short phrases followed by a word. A stretch covers every sentence
    the phrase touches, since the misparse often splits the sentence at the closing mark."""
    found: list[tuple[int, int, list[int]]] = []
    n = 0
    while n < len(doc):
        if doc[n].text in OPEN_MARKS:
            for m in range(n + 2, min(n + 2 + _MAX_WORDS, len(doc) - 1)):
                if doc[m].text not in CLOSE_MARKS:
                    continue
                inner, after = doc[n + 1 : m], doc[m + 1]
                if all(t.is_alpha or t.text == "-" for t in inner) and after.is_alpha:
                    start, end = doc[n].sent.start, after.sent.end
                    if found and start < found[-1][1]:
                        prev = found.pop()
                        found.append((prev[0], max(end, prev[1]), [*prev[2], n, m]))
                    else:
                        found.append((start, end, [n, m]))
                n = m
                break
        n += 1
    return found


def _offset(delta: int) -> np.uint64:
    """A relative head offset as spaCy's arrays store it (two's complement in uint64)."""
    return np.uint64(delta % 2**64)


class ScareQuoteReparser:
    """The pipeline component; it runs the pipeline's own tagging and parsing components."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        todo = [(doc[start:end], marks) for start, end, marks in _scare_quotes(doc)]
        if not todo:
            return doc
        names = [n for n in _PARSING if n in self.nlp.pipe_names]
        if "parser" not in names:
            return doc
        attrs = [HEAD, DEP, TAG, POS]
        arr = doc.to_array(attrs)  # uint64: hashes, and head offsets modulo 2**64
        changed = False
        for sent, marks in todo:
            keep = [t for t in sent if t.i not in marks]
            sub = Doc(
                self.nlp.vocab,
                words=[t.text for t in keep],
                spaces=[bool(t.whitespace_) for t in keep],
            )
            for name in names:
                sub = self.nlp.get_pipe(name)(sub)
            if sum(1 for t in sub if t.head.i == t.i) != 1:
                continue  # the re-parse split the sentence: keep the original
            position = {t.i: n for n, t in enumerate(keep)}
            for n, t in enumerate(keep):
                new = sub[n]
                arr[t.i, 0] = _offset(keep[new.head.i].i - t.i)
                arr[t.i, 1] = new.dep
                arr[t.i, 2] = new.tag
                arr[t.i, 3] = new.pos
            for i in marks:
                # a mark leans on the next word kept (the closing one on the word it closes)
                follower = next((j for j in range(i + 1, sent.end) if j in position), None)
                opening = doc[i].text in OPEN_MARKS and follower is not None
                target: int = follower if opening and follower is not None else i - 1
                while target in marks:
                    target -= 1
                arr[i, 0] = _offset(target - i)
                arr[i, 1] = doc.vocab.strings.add("punct")
            changed = True
        if changed:
            doc.from_array(attrs, cast(Any, arr))
        return doc


@Language.factory(COMPONENT)
def make_scare_quote_reparser(nlp: Language, name: str) -> ScareQuoteReparser:
    """Factory for ``nlp.add_pipe("entente_scare_quotes")``."""
    return ScareQuoteReparser(nlp)


def add_scare_quotes(nlp: Language) -> Language:
    """Append the component to a pipeline that has a parser."""
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
    return nlp

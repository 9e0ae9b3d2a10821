"""Sentence boundaries that the page layout makes certain, set before the parser runs.

A paragraph break always ends a sentence, yet a statistical parser trained on treebanks (which
have no layout) happily attaches the first words of a paragraph to the last words of the one
before, above all when a citation marker (``finalized.[1]``) sits between them. The parser
respects boundaries that are already set, so this component fixes them first: the token after a
line break starts a sentence; a citation marker or a line break right after a sentence-final mark
does not; the first word after a dateline ("MOSCOW, May 16 (Reuters) -") does.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from entente.dating.datelines import dateline_spans
from entente.nlp.sentence_hints import SENTENCE_FINAL

COMPONENT = "entente_layout"
_CITATION = re.compile(r"^\[\d{1,3}\]$")
_CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
_LONGEST = 120


@Language.component(COMPONENT)
def layout_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts after line breaks; keep citation markers with their sentence; and
    let no sentence start right after a word ("President Xi | Jinping signed")."""
    since_break = 0  # tokens since the last place a sentence could end
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        since_break += 1
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
            since_break = 0
        elif (tok.is_space or _CITATION.match(tok.text)) and (
            prev.text in SENTENCE_FINAL or prev.text in _CLOSERS or _CITATION.match(prev.text)
        ):
            # "finalized.[0]", "said.”[2]": the marker closes the sentence it follows
            tok.is_sent_start = False
        elif (
            _CITATION.match(prev.text)
            and tok.i >= 2
            and doc[tok.i - 2].text in SENTENCE_FINAL | _CLOSERS
            and tok.text[:1].isupper()
        ):
            # "finalized.[0] During the meeting": after a closing marker a new sentence begins
            tok.is_sent_start = True
            since_break = 0
        elif (
            not prev.is_punct
            and not prev.is_space
            and not _CITATION.match(prev.text)
            and since_break < _LONGEST
        ):
            # Edited news ends sentences with punctuation or a line break; a start right after a
            # word is a parser error. Past _LONGEST tokens without either (text with no
            # punctuation at all) the parser is left to cut where it likes.
            tok.is_sent_start = False
        if prev.text in SENTENCE_FINAL | _CLOSERS or _CITATION.match(prev.text):
            since_break = 0
    _after_datelines(doc)
    return doc


def _after_datelines(doc: Doc) -> None:
    """ "BRUSSELS, Feb 24, 2024 (Staff) - The EU on Friday imposed ...": the first word after a
    dateline starts a sentence, so the parser does not hang the report's place and date on it."""
    for _lo, hi in dateline_spans(doc.text):
        span = doc.char_span(hi, len(doc.text), alignment_mode="expand")
        if span is None:
            continue
        first = next((t for t in span if not (t.is_punct or t.is_space)), None)
        if first is not None and first.i > 0 and first.text[:1].isupper():
            first.is_sent_start = True


def add_layout(nlp: Language) -> Language:
    """Insert the component before the parser (or sentence recogniser) when there is one."""
    if COMPONENT in nlp.pipe_names:
        return nlp
    for name in ("parser", "senter"):
        if name in nlp.pipe_names:
            nlp.add_pipe(COMPONENT, before=name)
            break
    return nlp

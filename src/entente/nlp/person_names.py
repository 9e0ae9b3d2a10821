"""The step after NER that applies Entente's convention for person names.

Our NER labels the name only, never the role before it: "Senator Hatfield" is PERSON "Hatfield",
and a regnal number belongs to the name ("Norton I"); the training mapping in
:mod:`entente.nlp.entity_map` follows the same convention (as OntoNotes does). A small model
trained on about 100,000 annotated words breaks it now and then: it keeps a title inside the span,
misses a rare surname after a title altogether ("Professor Eastman said"), cuts a name in two
("Isabel" + "Ruiz") or drops the numeral. This step mends those cases with the title lists in
``data/entity_map.yaml``:

- a PERSON span loses the title words at its front ("Reverend Moomaw" -> "Moomaw");
- two one-word PERSON spans side by side in a sentence are one name ("Isabel" + "Ruiz"); longer
  parts are left apart, as a heading and the sentence under it often put a name twice in a row;
- a Roman numeral right after a PERSON joins it ("Norton I", "Elizabeth II");
- a title from ``name_titles`` followed by proper nouns that no entity covers makes those proper
  nouns a PERSON, unless a place, facility or organisation word is among them ("the Emperor
  Norton Bridge" stays as it is);
- post-nominal letters set off by a comma after a PERSON are no entity of their own ("Mark
  Tedeschi, QC" and "Keir Starmer, KC": the model reads the letters as a place). The word list is
  the resolver's (``post_nominals`` in ``entente/knowledge/data/resolver_words.yaml``), which
  also resolves "Boris Johnson MP" as Boris Johnson.

spaCy's ``entity_ruler`` matches fixed patterns and cannot trim or join the spans a model made,
hence this small step. It reads POS tags, so a tagger or morphologizer must run before it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entente.knowledge.guards import is_post_nominal
from entente.nlp.entity_map import kind_words, name_titles, title_words

#: The step's name in the shipped pipeline (registered through the ``spacy_factories`` entry
#: point, so a plain ``spacy.load`` finds it).
PERSON_NAMES = "entente_person_names"

_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3})$")


def _name_part(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text not in title_words()


def trim_titles(doc: Doc, span: Span) -> Span:
    """``span`` without the title words at its front; PERSON spans only, never emptied."""
    if span.label_ != "PERSON":
        return span
    titles = title_words()
    start = span.start
    while start < span.end - 1 and doc[start].text in titles:
        start += 1
    return span if start == span.start else Span(doc, start, span.end, label="PERSON")


def _halves(last: Span | None, span: Span) -> bool:
    """Whether two spans are the given name and surname of one person, cut in two."""
    return (
        last is not None
        and last.label_ == span.label_ == "PERSON"
        and len(last) == len(span) == 1
        and last.end == span.start
        and last.text != span.text
        and not span[0].is_sent_start
    )


def join_parts(doc: Doc, spans: list[Span]) -> list[Span]:
    """Join a name cut in two and add a Roman numeral that follows a name ("Norton I")."""
    joined: list[Span] = []
    for span in sorted(spans, key=lambda e: e.start):
        last = joined[-1] if joined else None
        if last is not None and _halves(last, span):
            joined[-1] = Span(doc, last.start, span.end, label="PERSON")
        else:
            joined.append(span)
    taken = {i for e in joined for i in range(e.start, e.end)}
    for k, span in enumerate(joined):
        after = span.end
        if (
            span.label_ == "PERSON"
            and after < len(doc)
            and after not in taken
            and _ROMAN.match(doc[after].text)
            and doc[after].pos_ in {"PROPN", "NUM"}
        ):
            joined[k] = Span(doc, span.start, after + 1, label="PERSON")
    return joined


def names_after_titles(doc: Doc, taken: set[int]) -> list[Span]:
    """PERSON spans for runs of proper nouns right after a name title, outside ``taken``."""
    titles = name_titles()
    kinds = kind_words()
    found: list[Span] = []
    i = 0
    while i < len(doc) - 1:
        if doc[i].text not in titles or i in taken:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end not in taken and _name_part(doc[end]):
            end += 1
        # text.lower(), not lower_: a Doc on a bare Vocab has no lexical attributes
        words = {t.text.lower() for t in doc[i + 1 : end]}
        if end > i + 1 and not words & kinds:
            found.append(Span(doc, i + 1, end, label="PERSON"))
        i = max(end, i + 1)
    return found


def _letters_after_name(doc: Doc, span: Span, person_ends: set[int]) -> bool:
    """Whether ``span`` is only post-nominal letters after a PERSON and a comma."""
    return (
        span.label_ != "PERSON"
        and all(is_post_nominal(t.text) for t in span)
        and span.start >= 2
        and doc[span.start - 1].text == ","
        and span.start - 1 in person_ends
    )


def drop_letters(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` without post-nominal letters that follow a person's name and a comma."""
    person_ends = {e.end for e in spans if e.label_ == "PERSON"}
    return [e for e in spans if not _letters_after_name(doc, e, person_ends)]


@Language.component(PERSON_NAMES)
def person_names(doc: Doc) -> Doc:
    """Apply the person-name convention to the doc's entities (see the module)."""
    ents = drop_letters(doc, join_parts(doc, [trim_titles(doc, e) for e in doc.ents]))
    taken = {i for e in ents for i in range(e.start, e.end)}
    doc.ents = sorted([*ents, *names_after_titles(doc, taken)], key=lambda e: e.start)
    return doc

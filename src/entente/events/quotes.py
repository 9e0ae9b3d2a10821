"""Direct quotations and their speakers.

Quotation marks are paired over the whole text (curly “…” and straight "…", also across sentences).
The speaker is the subject of the nearest governing verb outside the quotation ("Putin added that the
ties are “the best in history”"), else of a speech verb next to it ("“…,” Xi said"), else the speaker
of the previous quotation when this one continues it (close behind it, or in the next sentence
of the same paragraph). Scare quotes shorter than ``min_words`` are
skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from entente.events.actors import ActorIndex
from entente.events.syntax import base, subjects
from entente.models import Actor, Quote

_PAIRS = re.compile(r"“([^“”]{1,2000}?)”|\"([^\"]{1,2000}?)\"|«([^«»]{1,2000}?)»")


@dataclass(frozen=True)
class QuoteCues:
    """Speech verbs and thresholds."""

    speech_verbs: frozenset[str]
    min_words: int


@lru_cache(maxsize=1)
def cues() -> QuoteCues:
    """The shipped quotation cues."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("entente.events").joinpath("data/quotes.yaml").read_text("utf-8")
    )
    return QuoteCues(frozenset(raw["speech_verbs"]), int(raw["min_words"]))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content, marks excluded."""
    out = []
    for m in _PAIRS.finditer(text):
        group = next(i for i in (1, 2, 3) if m.group(i) is not None)
        out.append((m.start(group), m.end(group)))
    return out


def _joint(actors: list[Actor]) -> Actor | None:
    if not actors:
        return None
    if len(actors) == 1:
        return actors[0]
    return Actor(
        name=" and ".join(a.name for a in actors),
        code=None,
        country=actors[0].country if len({a.country for a in actors}) == 1 else None,
        kind="group",
    )


def _subject_actors(verb: Token, index: ActorIndex) -> tuple[list[Actor], str | None]:
    for subj in subjects(verb):
        acts = index.actors(subj)
        first = subj.left_edge.i
        doc = verb.doc
        if (first >= 2 and doc[first].lower_ == "and") or (
            first >= 2 and doc[first - 1].lower_ == "and"
        ):
            # "Xi and Putin agreed" parsed with "Xi" outside the subject: take it back
            k = first - 2 if doc[first - 1].lower_ == "and" else first - 1
            extra = index.actors(doc[k]) if k >= 0 else []
            acts = [*extra, *[a for a in acts if a not in extra]]
            first = k
        text = doc[first : subj.right_edge.i + 1].text
        if acts:
            return acts, text
    if base(verb) in {"xcomp", "conj"} and verb.head is not verb:
        return _subject_actors(verb.head, index)
    return [], None


def _governor_outside(span: Span, start: int, end: int) -> Token | None:
    """The first verb above the quotation's tokens that lies outside the quotation."""
    inside = [t for t in span if start <= t.idx < end]
    if not inside:
        return None
    for tok in inside:
        cur = tok
        for _ in range(12):
            if cur.head is cur:
                break
            cur = cur.head
            if not (start <= cur.idx < end):
                if cur.pos_ in {"VERB", "AUX"} or any(base(c) == "nsubj" for c in cur.children):
                    return cur
                break
    return None


def _speech_verb_near(sent: Span, start: int, end: int) -> Token | None:
    """A speech verb of the sentence outside the quotation ("…,” Xi said.")."""
    speech = cues().speech_verbs
    best: Token | None = None
    for tok in sent:
        if start <= tok.idx < end or tok.lemma_.lower() not in speech or tok.pos_ != "VERB":
            continue
        if best is None or abs(tok.idx - end) < abs(best.idx - end):
            best = tok
    return best


_VERBS = r"(?:said|says|added|adds|told|tells|stated|states|declared|noted|notes|insisted|warned|wrote|asked|replied|stressed|claimed|explained|continued)"
# "…,” Xi said" / "…,” said Xi" right after the closing mark; "Xi said: “…" right before it.
# A name: capitalised words, with the lower-case particles of names between them ("Ursula von der
# Leyen", "Mohammed bin Salman").
_PARTICLE = r"(?:von|van|der|den|de|da|del|della|di|du|dos|das|la|le|al|bin|ibn|el|ben)\s"
_NAME = r"(?:[A-Z][\w.’'-]*\s?)(?:(?:" + _PARTICLE + r"){0,2}[A-Z][\w.’'-]*\s?){0,4}"
_AFTER_WHO_VERB = re.compile(
    r"^[\s,.!?]*[”\"»]?[\s,]*(?P<who>" + _NAME + r"|he|she|they)\s+" + _VERBS + r"\b"
)
_AFTER_VERB_WHO = re.compile(r"^[\s,.!?]*[”\"»]?[\s,]*" + _VERBS + r"\s+(?P<who>" + _NAME + r")")
_BEFORE = re.compile(
    r"(?P<who>" + _NAME + r"|[Hh]e|[Ss]he|[Tt]hey)\s+" + _VERBS + r"\s*[:,]\s*[“\"«]?$"
)


def _text_attribution(
    doc: Doc, start: int, end: int, index: ActorIndex, text: str
) -> tuple[Actor | None, str | None]:
    """Speaker from the words right around the quotation marks, independent of the parse."""
    spans: list[tuple[int, int]] = []
    after = text[end : end + 120]
    for pattern in (_AFTER_WHO_VERB, _AFTER_VERB_WHO):
        m = pattern.match(after)
        if m:
            spans.append((end + m.start("who"), end + m.end("who")))
            break
    before = text[max(0, start - 120) : start]
    m = _BEFORE.search(before)
    if m:
        offset = max(0, start - 120)
        spans.append((offset + m.start("who"), offset + m.end("who")))
    for lo, hi in spans:
        who = text[lo:hi].strip()
        if who.lower() in {"he", "she", "they"}:
            span = doc.char_span(lo, lo + len(who), alignment_mode="expand")
            if span is not None:
                actors = index.actors(span.root)
                if actors:
                    return _joint(actors), who
            continue
        mentions = [mn for mn in index.mentions if mn.start < hi and mn.end > lo and mn.actor]
        people = [mn.actor for mn in mentions if mn.actor and mn.label == "PERSON"]
        chosen = people or [mn.actor for mn in mentions if mn.actor]
        if chosen:
            return _joint(chosen), who
    return None, None


def _short_quotation(span: Span, end: int, c: QuoteCues, text: str) -> bool:
    """A quotation of a word or two is a real one when it is what someone said ("warned the
    response would be “severe”", "called the expansion “historic”"), not a name for something
    (the “no limits” partnership, urged a “responsible dialogue”): it does not modify a noun
    after it, no determiner or preposition stands before it, and a speech verb governs it."""
    doc = span.doc
    after = text[end : end + 8].lstrip("”\"»’' ")  # doc.text would rebuild the whole text
    if after[:1].isalpha():
        return False
    before = doc[span.start - 2] if span.start >= 2 else None  # the word before the mark
    if before is not None and before.pos_ in {"DET", "ADP"}:
        return False
    return any(a.lemma_.lower() in c.speech_verbs for a in span.root.ancestors)


def _continues(doc: Doc, last: Quote, start: int) -> bool:
    """Whether a quotation starting at ``start`` goes on from ``last``: close behind it, or after
    no more than the rest of its sentence in the same paragraph ("“We must keep up the
    pressure,” she said in a statement. “Today we are tightening the screws.”"). Read from the
    characters, not the parse, which often cuts a sentence at a closing mark."""
    between = doc.text[last.end : start]
    if "\n\n" in between:
        return False
    if last.end >= start - 40:
        return True
    return len(between) <= 160 and len(_SENTENCE_END.findall(between)) <= 1


# A line of a reference list: "[3] Outlet, “Title”, 2014."
_REFERENCE_ENTRY = re.compile(r"[ \t]*\[\d{1,3}\][ \t]+\S")
_SENTENCE_END = re.compile(r"[.!?](?=[\s”\"»]|$)")


def find_quotes(doc: Doc, index: ActorIndex) -> list[Quote]:
    """Every direct quotation of ``doc`` with its speaker when one can be found."""
    c = cues()
    quotes: list[Quote] = []
    last: Quote | None = None
    text = doc.text
    for start, end in quote_spans(text):
        content = text[start:end]
        first = doc.char_span(start, end, alignment_mode="expand")
        if first is None:
            continue
        if len(content.split()) < c.min_words and not _short_quotation(first, end, c, text):
            continue
        if _REFERENCE_ENTRY.match(text, text.rfind("\n", 0, start) + 1):
            continue  # '[1] Energy Review, "Gas deal signed", 2014.': a cited title, not speech
        sents = sorted({t.sent.start: t.sent for t in first}.values(), key=lambda s: s.start)
        speaker, speaker_text = _text_attribution(doc, start, end, index, text)
        for sent in [sents[0], sents[-1]] if sents and speaker is None else []:
            verb = _governor_outside(sent, start, end)
            if verb is None or verb.lemma_.lower() not in c.speech_verbs:
                near = _speech_verb_near(sent, start, end)
                verb = near or verb
            if verb is None:
                continue
            actors, speaker_text = _subject_actors(verb, index)
            speaker = _joint(actors)
            if speaker is not None:
                break
        if speaker is None and last is not None and _continues(doc, last, start):
            speaker, speaker_text = last.speaker, last.speaker_text
        quote = Quote(
            text=content, start=start, end=end, speaker=speaker, speaker_text=speaker_text
        )
        quotes.append(quote)
        last = quote
    return quotes

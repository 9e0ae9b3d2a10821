"""Where an event happened, over hand-built UD parses (no model)."""

from __future__ import annotations

from entente.events.actors import ActorIndex
from entente.events.places import event_location
from entente.models import Actor, EntityMention
from helpers.docs import parsed

SALMAN = Actor("Mohammed bin Salman", "SAUGOV", "SAU", kind="person", sector="GOV")
MINISTER = Actor("Ali Rezaei", "IRNGOV", "IRN", kind="person", sector="GOV")
SAUDI = Actor("Saudi Arabia", "SAUGOV", "SAU", kind="state", sector="GOV")


def _index(doc, spans: dict[str, tuple[str, Actor]]) -> ActorIndex:
    mentions = []
    for words, (label, actor) in spans.items():
        start = doc.text.index(words)
        mentions.append(EntityMention(words, start, start + len(words), label, actor))
    return ActorIndex(doc, sorted(mentions, key=lambda m: m.start), lambda _w: None)


def _received(place_label: str | None) -> tuple[object, ActorIndex]:
    # "Salman received Foreign Minister Ali Rezaei in Riyadh ." with "in Riyadh" hung on the
    # object, as the shipped parser often does
    doc = parsed(
        [
            ("Salman", "Salman", "PROPN", "nsubj", 1),
            ("received", "receive", "VERB", "ROOT", 1),
            ("Foreign", "foreign", "ADJ", "amod", 3),
            ("Minister", "Minister", "PROPN", "compound", 4),
            ("Ali", "Ali", "PROPN", "obj", 1),
            ("Rezaei", "Rezaei", "PROPN", "flat", 4),
            ("in", "in", "ADP", "case", 7),
            ("Riyadh", "Riyadh", "PROPN", "nmod", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    spans = {"Salman": ("PERSON", SALMAN), "Foreign Minister Ali Rezaei": ("PERSON", MINISTER)}
    if place_label is not None:
        spans["Riyadh"] = (place_label, SAUDI)
    return doc, _index(doc, spans)


def test_a_person_is_no_place_but_the_place_hung_on_them_is() -> None:
    doc, index = _received("GPE")
    found = event_location(doc[1], index, place_token=doc[4])
    at = doc.text.index("Riyadh")
    assert found == {"name": "Riyadh", "country": "SAU", "start": at, "end": at + 6}


def test_an_unknown_place_is_named_by_its_own_words_not_its_whole_phrase() -> None:
    doc, index = _received(None)  # NER missed "Riyadh": the proper noun itself is the place
    found = event_location(doc[1], index, place_token=doc[4])
    assert found is not None
    assert found["name"] == "Riyadh"
    assert doc.text[found["start"] : found["end"]] == "Riyadh"


def test_a_place_name_keeps_its_words_but_not_the_article_or_what_follows() -> None:
    # "Talks were held at the Shangri-La Dialogue , which opened Friday ."
    doc = parsed(
        [
            ("Talks", "talk", "NOUN", "nsubj:pass", 2),
            ("were", "be", "AUX", "aux:pass", 2),
            ("held", "hold", "VERB", "ROOT", 2),
            ("at", "at", "ADP", "case", 8),
            ("the", "the", "DET", "det", 8),
            ("Shangri", "Shangri", "PROPN", "compound", 8),
            ("-", "-", "PUNCT", "punct", 7),
            ("La", "La", "PROPN", "compound", 8),
            ("Dialogue", "Dialogue", "PROPN", "obl", 2),
            (",", ",", "PUNCT", "punct", 11),
            ("which", "which", "PRON", "nsubj", 11),
            ("opened", "open", "VERB", "acl:relcl", 8),
            ("Friday", "Friday", "PROPN", "obl:tmod", 11),
            (".", ".", "PUNCT", "punct", 2),
        ],
        joined={6},
    )
    found = event_location(doc[2], _index(doc, {}))
    assert found is not None
    assert found["name"] == "Shangri-La Dialogue"
    assert doc.text[found["start"] : found["end"]] == found["name"]
    assert "which" not in found["name"]


def test_no_place_when_only_people_are_named() -> None:
    doc, _ = _received(None)
    spans = {
        "Salman": ("PERSON", SALMAN),
        "Foreign Minister Ali Rezaei": ("PERSON", MINISTER),
        "Riyadh": ("PERSON", MINISTER),
    }
    assert event_location(doc[1], _index(doc, spans), place_token=doc[4]) is None

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from entente.nlp.place_kinds import place_kinds


def _labels(words: list[str], ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    doc = Doc(Vocab(), words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return [(e.text, e.label_) for e in place_kinds(doc).ents]


def test_place_names_take_the_label_their_words_give() -> None:
    words = ["Manila", "Bay", ",", "Pittock", "Street", ",", "Collins", "College", ",", "Europe"]
    ents = [(0, 2, "GPE"), (3, 5, "GPE"), (6, 8, "GPE"), (9, 10, "GPE")]
    assert _labels(words, ents) == [
        ("Manila Bay", "LOC"),
        ("Pittock Street", "FAC"),
        ("Collins College", "ORG"),
        ("Europe", "LOC"),
    ]


def test_a_listed_country_beats_a_region_word_and_loc_becomes_gpe_only_when_listed() -> None:
    words = ["North", "Korea", "and", "Socotra", "and", "Kenya"]
    ents = [(0, 2, "LOC"), (3, 4, "LOC"), (5, 6, "LOC")]
    assert _labels(words, ents) == [
        ("North Korea", "GPE"),
        ("Socotra", "LOC"),  # nothing decides: the model's label stays
        ("Kenya", "GPE"),
    ]


def test_only_a_listed_place_named_as_an_organisation_is_retyped_and_people_never() -> None:
    words = ["Port", "Authority", "and", "Jack", "London", "told", "Brussels"]
    ents = [(0, 2, "ORG"), (3, 5, "PERSON"), (6, 7, "ORG")]
    assert _labels(words, ents) == [
        ("Port Authority", "ORG"),
        ("Jack London", "PERSON"),
        ("Brussels", "GPE"),  # a listed city acting, GPE as in the training mapping
    ]


def test_an_organisation_named_like_a_sea_or_strait_is_a_place_but_not_one_headed_otherwise() -> (
    None
):
    words = ["Red", "Sea", ",", "Sea", "Shepherd", ",", "Southwest", "and", "Taiwan", "Strait"]
    ents = [(0, 2, "ORG"), (3, 5, "ORG"), (6, 7, "ORG"), (8, 10, "ORG")]
    assert _labels(words, ents) == [
        ("Red Sea", "LOC"),
        ("Sea Shepherd", "ORG"),  # the head is "Shepherd"
        ("Southwest", "ORG"),  # one word: the airline as likely as the region
        ("Taiwan Strait", "LOC"),
    ]


def test_an_organisation_the_knowledge_base_lists_keeps_its_label_unless_a_capital() -> None:
    words = ["Xinhua", "quoted", "Brussels"]
    ents = [(0, 1, "ORG"), (2, 3, "ORG")]
    assert _labels(words, ents) == [
        ("Xinhua", "ORG"),  # the news agency, though a Chinese city has the name too
        ("Brussels", "GPE"),  # a capital standing for the EU: GPE, as in the mapping
    ]

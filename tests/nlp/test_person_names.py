from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from entente.nlp.person_names import person_names


def _doc(words: list[str], pos: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(Vocab(), words=words, pos=pos)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_titles_at_the_front_of_a_person_are_trimmed() -> None:
    doc = _doc(
        ["Senator", "Hatfield", "thanked", "Reverend", "Moomaw", "."],
        ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
        [(0, 2, "PERSON"), (3, 5, "PERSON")],
    )
    assert _ents(person_names(doc)) == [("Hatfield", "PERSON"), ("Moomaw", "PERSON")]


def test_only_person_spans_are_trimmed_and_none_is_emptied() -> None:
    doc = _doc(
        ["President", "Street", "and", "the", "Chair", "."],
        ["PROPN", "PROPN", "CCONJ", "DET", "PROPN", "PUNCT"],
        [(0, 2, "FAC"), (4, 5, "PERSON")],
    )
    assert _ents(person_names(doc)) == [("President Street", "FAC"), ("Chair", "PERSON")]


def test_proper_nouns_after_a_name_title_become_a_person() -> None:
    doc = _doc(
        ["Professor", "Cres", "Eastman", "met", "Ms", "Bauchtman", "in", "Sydney", "."],
        ["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"],
        [(7, 8, "GPE")],
    )
    assert _ents(person_names(doc)) == [
        ("Cres Eastman", "PERSON"),
        ("Bauchtman", "PERSON"),
        ("Sydney", "GPE"),
    ]


def test_names_of_places_and_bodies_after_a_title_are_left_alone() -> None:
    doc = _doc(
        ["The", "Emperor", "Norton", "Bridge", ",", "General", "Motors", "and", "Dr", "."],
        ["DET", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "PUNCT"],
        [],
    )
    # "Bridge" makes the first a facility; "General" is not a name title; "Dr" has no name after it.
    assert _ents(person_names(doc)) == []


def test_a_title_inside_another_entity_or_before_a_labelled_name_adds_nothing() -> None:
    doc = _doc(
        ["King", "Abdullah", "visited", "Queen", "Mary", "University", "."],
        ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PROPN", "PUNCT"],
        [(1, 2, "PERSON"), (3, 6, "ORG")],
    )
    assert _ents(person_names(doc)) == [("Abdullah", "PERSON"), ("Queen Mary University", "ORG")]


def test_touching_person_parts_join_and_a_roman_numeral_joins_the_name() -> None:
    doc = _doc(
        ["Isabel", "Ruiz", "met", "Norton", "I", "and", "Ann", ",", "Bo", "."],
        ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "CCONJ", "PROPN", "PUNCT", "PROPN", "PUNCT"],
        [(0, 1, "PERSON"), (1, 2, "PERSON"), (3, 4, "PERSON"), (6, 7, "PERSON"), (8, 9, "PERSON")],
    )
    assert _ents(person_names(doc)) == [
        ("Isabel Ruiz", "PERSON"),
        ("Norton I", "PERSON"),
        ("Ann", "PERSON"),
        ("Bo", "PERSON"),
    ]


def test_a_name_written_twice_in_a_row_or_across_sentences_stays_apart() -> None:
    doc = _doc(
        ["Jerome", "Jerome", "wrote", ".", "Ann", "Bo", "Lee", "left"],
        ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB"],
        [(0, 1, "PERSON"), (1, 2, "PERSON"), (4, 5, "PERSON"), (5, 7, "PERSON")],
    )
    doc[4].is_sent_start = True
    # a heading repeated by the first sentence; a one-word part next to a two-word one
    assert _ents(person_names(doc)) == [
        ("Jerome", "PERSON"),
        ("Jerome", "PERSON"),
        ("Ann", "PERSON"),
        ("Bo Lee", "PERSON"),
    ]


def test_letters_after_a_name_and_a_comma_are_no_entity_of_their_own() -> None:
    doc = _doc(
        ["Mark", "Tedeschi", ",", "QC", ",", "met", "Smith", "in", "Columbia", ",", "SC", "."],
        "PROPN PROPN PUNCT PROPN PUNCT VERB PROPN ADP PROPN PUNCT PROPN PUNCT".split(),
        [(0, 2, "PERSON"), (3, 4, "GPE"), (6, 7, "PERSON"), (8, 9, "GPE"), (10, 11, "GPE")],
    )
    # "SC" after a city is the state, not letters after a name
    assert _ents(person_names(doc)) == [
        ("Mark Tedeschi", "PERSON"),
        ("Smith", "PERSON"),
        ("Columbia", "GPE"),
        ("SC", "GPE"),
    ]

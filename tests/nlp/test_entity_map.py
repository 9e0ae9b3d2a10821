from __future__ import annotations

from entente.nlp.conllu import Word
from entente.nlp.entity_map import parse_mentions, sentence_entities


def _words(rows: list[tuple[str, str, int, str, str]]) -> list[Word]:
    """Build words from (form, upos, head, deprel, entity) rows; entity "" means none."""
    return [
        Word(
            form=form,
            lemma=form.lower(),
            upos=upos,
            xpos="_",
            feats="_",
            head=head,
            deprel=dep,
            misc=f"Entity={ent}" if ent else "_",
        )
        for form, upos, head, dep, ent in rows
    ]


def _labelled(words: list[Word]) -> set[tuple[str, str]]:
    return {
        (" ".join(w.form for w in words[s:e]), label) for s, e, label in sentence_entities(words)
    }


def test_parse_mentions_handles_nesting_and_single_tokens() -> None:
    words = _words(
        [
            ("the", "DET", 2, "det", "(1-organization-new-x-cf1-2-coref"),
            ("Bank", "PROPN", 0, "root", ""),
            ("of", "ADP", 4, "case", ""),
            ("Freedonia", "PROPN", 2, "nmod", "(2-place-new-x-cf2-1-coref-Freedonia)1)"),
        ]
    )
    mentions = {(m.start, m.end, m.etype, m.identity) for m in parse_mentions(words)}
    assert mentions == {(0, 4, "organization", None), (3, 4, "place", "Freedonia")}
    # The outermost named mention wins and loses its determiner.
    assert _labelled(words) == {("Bank of Freedonia", "ORG")}


def test_common_noun_mentions_are_not_names_but_nested_names_are() -> None:
    words = _words(
        [
            ("the", "DET", 2, "det", "(1-person-new-x-cf1-2-coref"),
            ("president", "NOUN", 0, "root", ""),
            ("of", "ADP", 4, "case", ""),
            ("France", "PROPN", 2, "nmod", "(2-organization-new-x-cf2-1-coref-France)1)"),
        ]
    )
    # France typed as an organization (acting politically) is still a GPE.
    assert _labelled(words) == {("France", "GPE")}


def test_person_names_drop_titles_and_relative_clauses() -> None:
    words = _words(
        [
            ("Senator", "PROPN", 3, "compound", "(1-person-new-x-cf1-3-coref-Jane_Roe"),
            ("Jane", "PROPN", 3, "compound", ""),
            ("Roe", "PROPN", 0, "root", ""),
            (",", "PUNCT", 6, "punct", ""),
            ("who", "PRON", 6, "nsubj", ""),
            ("spoke", "VERB", 3, "acl:relcl", "1)"),
        ]
    )
    assert _labelled(words) == {("Jane Roe", "PERSON")}


def test_dates_times_and_nationalities() -> None:
    words = _words(
        [
            ("Last", "ADJ", 2, "amod", "(1-time-new-x-cf1-2-coref"),
            ("year", "NOUN", 4, "obl:tmod", "1)"),
            ("Kenyan", "ADJ", 4, "amod", ""),
            ("officials", "NOUN", 5, "nsubj", ""),
            ("left", "VERB", 0, "root", ""),
            ("at", "ADP", 7, "case", ""),
            ("noon", "NOUN", 5, "obl", "(2-time-new-x-cf2-1-coref)"),
            ("that", "DET", 9, "det", "(3-time-new-x-cf3-2-coref"),
            ("time", "NOUN", 5, "obl", "3)"),
        ]
    )
    assert _labelled(words) == {("Last year", "DATE"), ("Kenyan", "NORP"), ("noon", "TIME")}


def test_places_split_into_gpe_loc_and_fac() -> None:
    words = _words(
        [
            ("Nairobi", "PROPN", 0, "root", "(1-place-new-x-cf1-1-coref-Nairobi)"),
            ("Lake", "PROPN", 3, "compound", "(2-place-new-x-cf2-2-coref"),
            ("Victoria", "PROPN", 1, "conj", "2)"),
            ("Uhuru", "PROPN", 5, "compound", "(3-place-new-x-cf3-2-coref"),
            ("Park", "PROPN", 1, "conj", "3)"),
        ]
    )
    assert _labelled(words) == {
        ("Nairobi", "GPE"),
        ("Lake Victoria", "LOC"),
        ("Uhuru Park", "FAC"),
    }


def test_roles_before_a_person_name_are_cut() -> None:
    words = _words(
        [
            ("NASA", "PROPN", 4, "compound", "(1-person-new-x-cf1-4-coref"),
            ("Administrator", "PROPN", 4, "compound", ""),
            ("Ada", "PROPN", 4, "compound", ""),
            ("Quill", "PROPN", 0, "root", "1)"),
        ]
    )
    assert _labelled(words) == {("Ada Quill", "PERSON")}


def _tagged(rows: list[tuple[str, str, str, int, str, str]]) -> list[Word]:
    """Like _words, with a Penn tag: (form, upos, xpos, head, deprel, entity)."""
    words = _words([(f, u, h, d, e) for f, u, _, h, d, e in rows])
    for word, row in zip(words, rows, strict=True):
        word.xpos = row[2]
    return words


def test_a_name_inside_a_common_noun_mention_is_found_through_its_wikipedia_title() -> None:
    words = _words(
        [
            ("the", "DET", 3, "det", "(1-person-new-x-cf1-3-coref-Ada_Quill"),
            ("noted", "ADJ", 3, "amod", ""),
            ("critic", "NOUN", 0, "root", ""),
            ("Ada", "PROPN", 3, "appos", ""),
            ("Quill", "PROPN", 4, "flat", "1)"),
        ]
    )
    assert _labelled(words) == {("Ada Quill", "PERSON")}


def test_a_linked_common_noun_mention_without_name_words_stays_unnamed() -> None:
    words = _words(
        [
            ("the", "DET", 2, "det", "(1-person-new-x-cf1-2-coref-Ada_Quill"),
            ("critic", "NOUN", 0, "root", "1)"),
        ]
    )
    assert _labelled(words) == set()


def test_penn_proper_noun_tags_count_as_name_words() -> None:
    # GUM tags "United" in "United Nations" VERB (its morphology) but NNP.
    words = _tagged(
        [
            ("the", "DET", "DT", 3, "det", "(1-organization-new-x-cf1-3-coref-United_Nations"),
            ("United", "VERB", "NNP", 3, "amod", ""),
            ("Nations", "PROPN", "NNPS", 0, "root", "1)"),
        ]
    )
    assert _labelled(words) == {("United Nations", "ORG")}


def test_coordinated_places_are_two_names_and_pronunciations_are_none() -> None:
    words = _words(
        [
            ("Khartoum", "PROPN", 0, "root", "(1-place-new-x-cf1-3-coref"),
            ("and", "CCONJ", 3, "cc", ""),
            ("Juba", "PROPN", 1, "conj", "1)"),
            ("dvorak", "PROPN", 1, "appos", "(2-person-new-x-cf2-1-coref-Dvorak)"),
        ]
    )
    assert _labelled(words) == {("Khartoum", "GPE"), ("Juba", "GPE")}


def test_plural_person_names_are_groups_and_titles_reveal_facilities() -> None:
    words = _tagged(
        [
            ("Libertarians", "PROPN", "NNPS", 0, "root", "(1-person-new-x-cf1-1-coref)"),
            ("KSC", "PROPN", "NNP", 1, "obj", "(2-place-new-x-cf2-1-coref-Kennedy_Space_Center)"),
            ("Ohio", "PROPN", "NNP", 1, "obl", "(3-place-new-x-cf3-1-coref-Ohio)"),
        ]
    )
    assert _labelled(words) == {("Libertarians", "NORP"), ("KSC", "FAC"), ("Ohio", "GPE")}

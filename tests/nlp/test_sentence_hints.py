from __future__ import annotations

import spacy
from spacy.tokens import Doc

from entente.nlp.sentence_hints import is_closing_quote, sentence_hints

_NLP = spacy.blank("en")


def _closing(text: str) -> list[int]:
    """Indexes of the tokens the step takes for closing marks."""
    return [t.i for t in _NLP.make_doc(text) if is_closing_quote(t)]


def test_a_straight_mark_closes_only_when_spacing_says_so() -> None:
    # tokens: Lavrov said : " No . " Talks
    assert _closing('Lavrov said: "No." Talks') == [6]
    # a mark touching words on both sides ('"We"Putin') decides nothing
    glued = Doc(_NLP.vocab, words=['"', "We", '"', "Putin"], spaces=[False, False, False, False])
    assert not is_closing_quote(glued[2])
    assert _closing('It was "fake".') == [4]  # a mark before more punctuation closes
    assert _closing('"Yes"') == [2]  # the end of the text closes too


def test_curly_marks_and_single_quotes() -> None:
    assert _closing("“We are ready,” he said.") == [5]
    assert _closing("He called it 'nonsense.' Nobody") == [6]
    # an apostrophe after a word is not a quote, curly or straight
    assert _closing("the dogs' bowls and the cats’ toys") == []


def test_the_step_forbids_a_start_at_closing_marks_and_leaves_the_rest_unset() -> None:
    doc = sentence_hints(_NLP.make_doc('"We will come." Putin agreed.'))
    starts = {t.text: t.is_sent_start for t in doc}
    assert doc[5].text == '"' and doc[5].is_sent_start is False
    assert starts["Putin"] is None  # the parser still decides where the next sentence starts
    assert doc[0].is_sent_start  # the first token always starts the text's first sentence


def test_a_blank_line_ends_a_sentence_and_a_single_line_break_does_not() -> None:
    doc = sentence_hints(_NLP.make_doc("Talks in Beijing\n\nThe ministers met\nin the morning."))
    by_text = {t.text: t.is_sent_start for t in doc}
    assert by_text["\n\n"] is False  # the break stays with the headline it ends
    assert by_text["The"] is True
    assert by_text["in"] is None and by_text["\n"] is None  # hard wrapping decides nothing


def test_blank_lines_at_the_start_or_end_of_a_text_set_nothing_odd() -> None:
    doc = sentence_hints(_NLP.make_doc("\n\nTalks resumed.\n\n"))
    assert [t.is_sent_start for t in doc][1:] == [None] * 4

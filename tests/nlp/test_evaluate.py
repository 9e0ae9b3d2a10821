from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from entente.errors import InputError
from entente.nlp.evaluate import evaluate_conllu


@Language.component("entente_test_everything_noun")
def _everything_noun(doc: Doc) -> Doc:
    """A deliberately poor 'parser': every token a root NOUN."""
    for token in doc:
        token.pos_ = "NOUN"
        token.tag_ = "NN"
        token.head = token
        token.dep_ = "ROOT"
    return doc


@pytest.fixture
def poor_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("entente_test_everything_noun")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": "Anna Berg"},
            {"label": "ORG", "pattern": "Oslo"},
        ]
    )
    return nlp


@pytest.mark.parametrize("gold_tokens", [True, False])
def test_scores_follow_the_annotation(
    tiny_conllu: Path, poor_nlp: Language, gold_tokens: bool
) -> None:
    result = evaluate_conllu(tiny_conllu, poor_nlp, gold_tokens=gold_tokens)
    assert result["words"] == 20
    assert result["upos"] == pytest.approx(2 / 20)  # "envoy" and "course"
    assert result["tag"] == pytest.approx(2 / 20)
    # Only the two roots are right. spaCy's scorer leaves gold punctuation out and scores arcs as
    # an F-measure: 2 right of 20 predicted arcs and 18 gold ones.
    assert result["uas"] == pytest.approx(2 * 2 / (20 + 18))
    assert result["las"] == pytest.approx(2 * 2 / (20 + 18))
    per_type = result["ents_per_type"]
    assert per_type["PERSON"]["f"] == pytest.approx(1.0)
    assert per_type["ORG"]["p"] == 0.0  # Oslo is a GPE in the gold standard
    assert per_type["GPE"]["r"] == 0.0
    core = result["ents_core"]
    # Gold core spans: Ruritania, Anna Berg, Oslo, Danube River; predicted: Anna Berg, Oslo.
    assert (core["p"], core["r"]) == (pytest.approx(1 / 2), pytest.approx(1 / 4))
    if not gold_tokens:
        assert result["token_f"] == pytest.approx(1.0)


@Language.component("entente_test_one_sentence_per_word")
def _one_sentence_per_word(doc: Doc) -> Doc:
    """A sentence splitter that respects boundaries set before it, as spaCy's parser does."""
    for token in doc[1:]:
        if token.is_sent_start is None:
            token.is_sent_start = True
    return doc


def test_gold_sentences_reach_the_pipeline_and_need_gold_tokens(tiny_conllu: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("entente_test_one_sentence_per_word")
    own = evaluate_conllu(tiny_conllu, nlp)
    given = evaluate_conllu(tiny_conllu, nlp, gold_sentences=True)
    assert own["sents_f"] < 0.5  # every word its own sentence
    assert given["sents_f"] == pytest.approx(1.0) and given["gold_sentences"] is True
    with pytest.raises(InputError, match="gold tokens"):
        evaluate_conllu(tiny_conllu, nlp, gold_tokens=False, gold_sentences=True)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_conllu(tmp_path / "absent.conllu", spacy.blank("en"))

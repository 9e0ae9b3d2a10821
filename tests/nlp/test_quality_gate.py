"""Quality gate: the shipped pipeline on held-out GUM test must stay above pinned floors.

The floors live in ``floors.yaml`` beside this file; lowering one is a reviewed change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from entente.nlp.evaluate import evaluate_conllu
from entente.nlp.pipeline import SHIPPED_MODEL_DIR, load_pipeline

pytestmark = pytest.mark.model

UD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ud"
FLOORS = yaml.safe_load((Path(__file__).parent / "floors.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gum_test(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of links to the GUM test documents."""
    ud_dir = UD_DIR
    if not (ud_dir / "gum").is_dir():
        pytest.skip(f"treebanks not found at {ud_dir} (GUM test is needed for the quality gate)")
    if not (SHIPPED_MODEL_DIR / "meta.json").exists():
        pytest.skip("the shipped pipeline has not been built (run `make model`)")
    names = (ud_dir / "gum" / "split.test.txt").read_text(encoding="utf-8").split()
    folder = tmp_path_factory.mktemp("gum_test")
    for name in names:
        source = ud_dir / "gum" / f"{name}.conllu"
        if source.exists():
            (folder / source.name).symlink_to(source)
    return folder


@pytest.fixture(scope="module")
def gum_test_scores(gum_test: Path) -> dict[str, Any]:
    """Gold tokens; the parser finds the sentence boundaries in whole documents."""
    return evaluate_conllu(gum_test, load_pipeline(), gold_tokens=True)


@pytest.fixture(scope="module")
def gum_test_gold_sentence_scores(gum_test: Path) -> dict[str, Any]:
    """Gold tokens and gold sentences: one tree per treebank sentence."""
    return evaluate_conllu(gum_test, load_pipeline(), gold_tokens=True, gold_sentences=True)


@pytest.mark.parametrize("metric", ["upos", "tag", "uas", "las", "sents_f"])
def test_syntax_floor(gum_test_scores: dict[str, Any], metric: str) -> None:
    assert gum_test_scores[metric] >= FLOORS["gum_test_gold_tokens"][metric]


def test_ner_core_floor(gum_test_scores: dict[str, Any]) -> None:
    assert gum_test_scores["ents_core"]["f"] >= FLOORS["gum_test_gold_tokens"]["ents_core_f"]


@pytest.mark.parametrize("label", ["PERSON", "ORG", "GPE", "LOC"])
def test_ner_label_floor(gum_test_scores: dict[str, Any], label: str) -> None:
    floor = FLOORS["gum_test_gold_tokens"]["ents_per_type_f"][label]
    assert gum_test_scores["ents_per_type"][label]["f"] >= floor


@pytest.mark.parametrize("metric", ["uas", "las"])
def test_syntax_floor_with_gold_sentences(
    gum_test_gold_sentence_scores: dict[str, Any], metric: str
) -> None:
    assert gum_test_gold_sentence_scores[metric] >= FLOORS["gum_test_gold_sentences"][metric]


def test_ner_core_floor_with_gold_sentences(gum_test_gold_sentence_scores: dict[str, Any]) -> None:
    floor = FLOORS["gum_test_gold_sentences"]["ents_core_f"]
    assert gum_test_gold_sentence_scores["ents_core"]["f"] >= floor

from __future__ import annotations

import pytest

from entente.errors import ModelError
from entente.nlp.pipeline import SHIPPED_MODEL_DIR, clear_cache, load_pipeline, pipeline_info


def test_unknown_pipeline_raises_model_error_with_a_hint() -> None:
    with pytest.raises(ModelError) as caught:
        load_pipeline("en_no_such_pipeline_xyz")
    assert caught.value.hint and "en_entente" in caught.value.hint
    assert caught.value.code == "E030"


def test_a_pipeline_directory_loads_and_is_cached(tmp_path) -> None:
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    first = load_pipeline(str(tmp_path / "blank"))
    assert first is load_pipeline(str(tmp_path / "blank"))
    assert pipeline_info(str(tmp_path / "blank"))["loaded"] is True
    clear_cache()
    assert pipeline_info(str(tmp_path / "blank"))["loaded"] is False


def test_pipeline_info_describes_the_shipped_model_without_loading_it() -> None:
    clear_cache()
    info = pipeline_info()
    assert info["path"] == str(SHIPPED_MODEL_DIR)
    assert info["loaded"] is False
    if (SHIPPED_MODEL_DIR / "meta.json").exists():
        assert info["name"] == "en_entente"
        assert info["version"] == "0.3.2"
        assert "parser" in info["components"]

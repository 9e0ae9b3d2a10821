"""Speed benchmark for the NLP pipeline: words per second on one core.

Not a pass/fail test. Runs the pipeline and a ``spacy.blank("en")`` tokenizer pass over the same
texts in the same process, so the ratio between them is comparable across machines.

Usage: ``python benchmarks/bench_nlp.py [--nlp NAME] [--conllu PATH] [--repeat 3] [--json]``
Without ``--conllu`` it reads the GUM test documents from ``../shared/data/ud`` (or
``$ENTENTE_UD_DIR``); pin it to one core with ``taskset -c 0`` for a one-core figure.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import spacy

from entente.nlp.conllu import group_documents, iter_sentences
from entente.nlp.pipeline import load_pipeline

REPO = Path(__file__).resolve().parent.parent
UD_DIR = Path(os.environ.get("ENTENTE_UD_DIR", REPO.parent / "shared" / "data" / "ud"))


def _texts(conllu: Path | None) -> list[str]:
    if conllu is not None:
        files = sorted(conllu.glob("*.conllu")) if conllu.is_dir() else [conllu]
    else:
        names = (UD_DIR / "gum" / "split.test.txt").read_text(encoding="utf-8").split()
        files = [p for n in names if (p := UD_DIR / "gum" / f"{n}.conllu").exists()]
    sentences = [s for f in files for s in iter_sentences(f)]
    return [" ".join(s.text for s in group) for group in group_documents(sentences, 20)]


def _best_seconds(run: object, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nlp", default=None, help="pipeline name or path (default: shipped)")
    parser.add_argument("--conllu", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    # One core: keep the linear-algebra libraries single-threaded as well.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    texts = _texts(args.conllu)
    nlp = load_pipeline(args.nlp)
    blank = spacy.blank("en")
    words = sum(len(doc) for doc in blank.pipe(texts))
    list(nlp.pipe(texts[:2]))  # warm up caches before timing
    pipeline_s = _best_seconds(lambda: list(nlp.pipe(texts, batch_size=32)), args.repeat)
    # A fresh tokenizer per pass: its cache would otherwise make repeats unrealistically fast.
    blank_s = _best_seconds(lambda: list(spacy.blank("en").pipe(texts, batch_size=32)), args.repeat)
    result = {
        "pipeline": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
        "words": words,
        "pipeline_words_per_second": round(words / pipeline_s),
        "blank_tokenizer_words_per_second": round(words / blank_s),
        "slowdown_vs_tokenizer": round(pipeline_s / blank_s, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()

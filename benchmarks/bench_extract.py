"""End-to-end analysis throughput on 600-word articles, against a bare parse in the same run.

Both runs use the same pipeline, the same texts and the same number of processes; the bare run only
parses (``nlp.pipe``), the full run also resolves actors, codes events, dates them and finds quotes.

Usage: python benchmarks/bench_extract.py [--articles 200] [--processes 2] [--nlp PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _articles(n: int, words: int) -> list[str]:
    """News-like texts: the example corpus's articles stitched to ``words`` words, shuffled."""
    root = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    paragraphs: list[str] = []
    for path in sorted(root.glob("*.json")):
        paragraphs += [p for p in json.loads(path.read_text())["text"].split("\n\n") if p.strip()]
    rng = random.Random(5)
    out = []
    for _ in range(n):
        chosen: list[str] = []
        while sum(len(p.split()) for p in chosen) < words:
            chosen.append(rng.choice(paragraphs))
        out.append("\n\n".join(chosen))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--nlp", default=None)
    args = parser.parse_args()

    from entente.analysis import Analyzer
    from entente.models import Article, PublishedDate

    texts = _articles(args.articles, args.words)
    analyzer = Analyzer(nlp_name=args.nlp)
    nlp = analyzer.nlp
    _ = analyzer.finder  # build the knowledge-base matcher before timing
    list(nlp.pipe(texts[:4]))  # warm up

    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
        pass
    bare = time.perf_counter() - start

    articles = [
        Article(
            id=f"a{i}",
            text=t,
            raw=t,
            content_hash=str(i),
            language="en",
            published=PublishedDate("2024-05-16", "given"),
        )
        for i, t in enumerate(texts)
    ]
    start = time.perf_counter()
    events = 0
    for analysis in analyzer.pipe(articles, batch_size=args.batch_size, n_process=args.processes):
        events += len(analysis.events)
    full = time.perf_counter() - start
    result = {
        "articles": args.articles,
        "words_per_article": args.words,
        "processes": args.processes,
        "bare_parse_articles_per_s": round(args.articles / bare, 2),
        "full_analysis_articles_per_s": round(args.articles / full, 2),
        "ratio_full_to_bare": round(bare / full, 3),
        "events": events,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

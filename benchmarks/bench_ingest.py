"""Ingest throughput and peak memory on synthetic corpora (no NLP).

Each size runs in its own process, pinned to one core, so its peak RSS is its own. The baseline,
measured in the same run, is a bare pass that reads and hashes every file: the ratio shows what
cleaning, dating, language detection, MinHash and one-transaction-per-article storage cost on top of
I/O. Besides wall-clock rates it reports the rate by CPU time (user + system) and the load average:
on a shared machine the wall-clock rate mostly measures the other jobs.

Usage: python benchmarks/bench_ingest.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_baseline(folder: str) -> dict[str, float]:
    start, cpu = time.perf_counter(), _cpu_seconds()
    n = 0
    for path in sorted(Path(folder).rglob("*.txt")):
        hashlib.sha256(path.read_bytes()).hexdigest()
        n += 1
    secs, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    return {
        "articles": n,
        "seconds": secs,
        "rate": n / secs,
        "cpu_seconds": cpu,
        "cpu_rate": n / cpu if cpu else 0.0,
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_ingest(folder: str, db: str) -> dict[str, float]:
    from entente.corpus import Corpus

    start, cpu = time.perf_counter(), _cpu_seconds()
    with Corpus(db) as corpus:
        report = corpus.ingest([folder])
    secs, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    n = len(report.outcomes)
    return {
        "articles": n,
        "ingested": len(report.ingested),
        "failed": len(report.failed),
        "near_duplicates": len(report.near_duplicates),
        "seconds": secs,
        "rate": n / secs,
        "cpu_seconds": cpu,
        "cpu_rate": n / cpu,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _child(kind: str, folder: str, db: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, folder, db],
        check=True,
        capture_output=True,
        text=True,
        # one core: the target is stated for one core
        preexec_fn=lambda: __import__("os").sched_setaffinity(0, {0}),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, folder, db = args.child
        result = run_baseline(folder) if kind == "baseline" else run_ingest(folder, db)
        print(json.dumps(result))
        return
    from synthetic import write_corpus

    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            for _ in write_corpus(folder, size, words=args.words):
                pass
            load_before = os.getloadavg()[0]
            base = _child("baseline", str(folder), "")
            ing = _child("ingest", str(folder), str(Path(tmp) / "bench.db"))
            load_after = os.getloadavg()[0]
        rows.append(
            {
                "size": size,
                "baseline": base,
                "ingest": ing,
                "ratio_to_baseline": ing["rate"] / base["rate"],
                "load_average_1min": [load_before, load_after],
            }
        )
        print(
            f"{size:>7} articles: ingest {ing['rate']:.0f} articles/s wall, "
            f"{ing['cpu_rate']:.0f}/s by CPU time "
            f"(baseline read+hash {base['rate']:.0f}/s, ratio {ing['rate'] / base['rate']:.4f}), "
            f"peak RSS {ing['peak_rss_mb']:.0f} MB, failed {ing['failed']}, "
            f"near-dups {ing['near_duplicates']}, "
            f"load average {load_before:.1f} -> {load_after:.1f}",
            flush=True,
        )
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

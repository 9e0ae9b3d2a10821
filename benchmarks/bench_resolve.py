"""Benchmark the knowledge base: load time (cold and cached) and warm resolve latency.

Run: ``python benchmarks/bench_resolve.py [--rounds N]``. Prints a table; the ratio column compares
each resolve path with a plain dict look-up measured in the same run, so numbers from different
machines stay comparable.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

MENTIONS = [
    ("exact alias", "Putin", "2023-02-22", None),
    ("metonym", "the Kremlin", "2023-02-22", None),
    ("role phrase", "China's top diplomat", "2023-02-22", None),
    ("role + name", "Chinese President Xi Jinping", "2023-02-22", None),
    ("sector phrase", "Russian naval forces", "2022-12-22", None),
    (
        "unknown name + context",
        "Qiu Madeup",
        "2023-05-01",
        "Chinese Foreign Ministry spokesperson Qiu Madeup said",
    ),
    ("fuzzy", "Volodymir Zelensky", "2023-01-01", None),
    ("no actor", "electronic products", "2023-01-01", None),
]

_LOAD = (
    "import time; t = time.perf_counter(); "
    "from entente.knowledge.kb import KnowledgeBase; KnowledgeBase.load(); "
    "print(time.perf_counter() - t)"
)


def _load_seconds(cache_dir: str) -> float:
    """Import + load in a fresh interpreter (what start-up costs)."""
    env = {**os.environ, "ENTENTE_CACHE_DIR": cache_dir}
    out = subprocess.run(
        [sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def _per_call(func, rounds: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(rounds):
        func()
    return (time.perf_counter() - start) / rounds


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        cold = _load_seconds(cache)
        warm = statistics.median(_load_seconds(cache) for _ in range(3))
    print(f"load, cold (parse + validate + index): {cold * 1000:8.1f} ms")
    print(f"load, cached (pickle):                 {warm * 1000:8.1f} ms")

    from entente.knowledge.kb import KnowledgeBase
    from entente.knowledge.resolve import Resolver, as_date

    kb = KnowledgeBase.load()
    resolver = Resolver(kb)
    table = dict.fromkeys(kb.index.names, 1)
    baseline = _per_call(lambda: table.get("putin"), args.rounds * 10)
    print(f"plain dict look-up:                    {baseline * 1e6:8.3f} µs")
    print(f"{'path':26} {'resolve µs':>11} {'ratio':>7} {'memoised µs':>12} {'ratio':>7}")
    for label, mention, date, context in MENTIONS:
        day = as_date(date)

        def work(m: str = mention, c: str | None = context, d: object = day) -> object:
            return resolver._resolve(m, d, c)  # the full path, bypassing the memo

        def memo(m: str = mention, c: str | None = context, d: str = date) -> object:
            return resolver.resolve(m, d, c)

        full = _per_call(work, max(1, args.rounds // 10))
        cached = _per_call(memo, args.rounds)
        print(
            f"{label:26} {full * 1e6:11.1f} {full / baseline:6.0f}x "
            f"{cached * 1e6:12.2f} {cached / baseline:6.0f}x"
        )


if __name__ == "__main__":
    main()

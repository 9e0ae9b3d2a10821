"""REST API load: a synthetic database of story events, then a bounded burst of requests.

Builds an SQLite database with ``--events`` story events (one event mention each, spread over
``--events / 20`` articles; dated to the day, month or year, some to a winter or a range of years
that runs into the next year, 5 % undated) by bulk inserts through SQLAlchemy Core, starts
``entente serve``'s app with uvicorn in a child process on 127.0.0.1, and sends ``--requests``
timeline and events queries from ``--workers`` concurrent clients. Prints p50/p95/p99 latency per
query kind, the error count and the machine's load average, and writes them as JSON to
``benchmarks/out/bench_api.json``.

    .venv/bin/python benchmarks/bench_api.py                     # 1M events, 3000 requests
    .venv/bin/python benchmarks/bench_api.py --events 100000 --requests 500
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from entente.store.database import open_engine
from entente.store.schema import articles, event_mentions, story_events

COUNTRIES = [
    "USA",
    "CHN",
    "RUS",
    "UKR",
    "GBR",
    "FRA",
    "DEU",
    "JPN",
    "IND",
    "IRN",
    "ISR",
    "PRK",
    "KOR",
    "TUR",
    "SAU",
    "PAK",
    "AFG",
    "SYR",
    "IRQ",
    "EGY",
    "BRA",
    "CAN",
    "AUS",
    "ITA",
    "ESP",
    "POL",
    "NLD",
    "BEL",
    "SWE",
    "NOR",
    "FIN",
    "MEX",
    "ARG",
    "ZAF",
    "NGA",
    "ETH",
    "KEN",
    "VNM",
    "PHL",
    "IDN",
    "MYS",
    "THA",
    "SGP",
    "TWN",
    "QAT",
    "ARE",
    "JOR",
    "LBN",
    "YEM",
    "LBY",
    "SDN",
    "VEN",
    "CUB",
    "COL",
    "CHL",
    "PER",
    "KAZ",
    "BLR",
    "GEO",
    "ARM",
    "AZE",
]
ROOTS = [f"{r:02d}" for r in range(1, 21)]
QUAD = {r: 1 if r <= "05" else 2 if r <= "08" else 3 if r <= "13" else 4 for r in ROOTS}
STATUSES = ["occurred"] * 16 + ["planned"] * 2 + ["negated", "hypothetical"]
FIRST_DAY, DAYS = date(2015, 1, 1), 3650
BATCH = 20_000


def _weights() -> list[float]:
    # Zipf-like: a few countries (the first in the list) take part in most events, as in news.
    return [1 / (i + 1) ** 0.9 for i in range(len(COUNTRIES))]


def _date_window(
    rng: random.Random, day: date
) -> tuple[str | None, str | None, str | None, str | None]:
    """(value, precision, earliest, latest): 5 % undated, then days, months, years, winters, ranges.

    About 2 % of the dated windows run into the next year (a winter, a range of years), as in
    news that names a season or a period.
    """
    r = rng.random()
    if r < 0.05:
        return None, None, None, None
    y = day.year
    if r < 0.19:
        return (
            day.isoformat()[:7],
            "month",
            day.replace(day=1).isoformat(),
            day.replace(day=28).isoformat(),
        )
    if r < 0.22:
        return str(y), "year", f"{y}-01-01", f"{y}-12-31"
    if r < 0.235:
        return str(y), "season", f"{y}-12-01", f"{y + 1}-02-28"
    if r < 0.24:
        return str(y), "year", f"{y}-01-01", f"{y + rng.randint(1, 3)}-12-31"
    return day.isoformat(), "day", day.isoformat(), day.isoformat()


def build(db: Path, n_events: int, seed: int = 7) -> None:
    """Create the synthetic database (articles, story events, one mention per story event)."""
    rng = random.Random(seed)
    engine = open_engine(f"sqlite:///{db}")
    n_articles = max(1, n_events // 20)
    weights = _weights()
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("PRAGMA synchronous=OFF"))
        for lo in range(0, n_articles, BATCH):
            conn.execute(
                articles.insert(),
                [
                    {
                        "id": f"a{i}",
                        "title": f"Synthetic article {i}",
                        "outlet": f"Outlet {i % 40}",
                        "language": "en",
                        "text": f"Synthetic article {i}.",
                        "raw": "",
                        "authors": "[]",
                        "content_hash": f"{i:064d}",
                        "published_method": "given",
                        "published_date": (
                            FIRST_DAY + timedelta(days=i * DAYS // n_articles)
                        ).isoformat(),
                        "ingested_at": "2025-01-01T00:00:00",
                        "seq": i + 1,
                    }
                    for i in range(lo, min(n_articles, lo + BATCH))
                ],
            )
        for lo in range(0, n_events, BATCH):
            stories, mentions = [], []
            for i in range(lo, min(n_events, lo + BATCH)):
                a, b = rng.choices(COUNTRIES, weights, k=2)
                while b == a:
                    b = rng.choices(COUNTRIES, weights)[0]
                root = rng.choice(ROOTS)
                cameo = root + str(rng.randint(0, 4))
                day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
                value, precision, earliest, latest = _date_window(rng, day)
                status = rng.choice(STATUSES)
                summary = f"{a} and {b} synthetic event {i} of type {cameo}."
                stories.append(
                    {
                        "id": i + 1,
                        "dyad": "|".join(sorted((a, b))),
                        "source_name": a,
                        "source_country": a,
                        "source_code": a,
                        "target_name": b,
                        "target_country": b,
                        "target_code": b,
                        "cameo": cameo,
                        "cameo_root": root,
                        "quad_class": QUAD[root],
                        "goldstein": round(rng.uniform(-10, 10), 1),
                        "status": status,
                        "symmetric": 0,
                        "date_value": value,
                        "date_precision": precision,
                        "date_earliest": earliest,
                        "date_latest": latest,
                        "sort_date": earliest,
                        "summary": summary,
                        "num_mentions": 1,
                        "num_articles": 1,
                        "num_sources": 1,
                        "history": "[]",
                    }
                )
                art = min(n_articles - 1, (day - FIRST_DAY).days * n_articles // DAYS)
                mentions.append(
                    {
                        "id": f"a{art}:{i}",
                        "article_id": f"a{art}",
                        "article_seq": art + 1,
                        "story_id": i + 1,
                        "source_name": a,
                        "source_code": a,
                        "source_country": a,
                        "target_name": b,
                        "target_code": b,
                        "target_country": b,
                        "cameo": cameo,
                        "cameo_root": root,
                        "quad_class": QUAD[root],
                        "goldstein": stories[-1]["goldstein"],
                        "modality": status,
                        "date_value": value,
                        "date_earliest": earliest,
                        "date_latest": latest,
                        "date_precision": stories[-1]["date_precision"],
                        "evidence": summary,
                        "evidence_start": 0,
                        "evidence_end": len(summary),
                        "symmetric": 0,
                    }
                )
            conn.execute(story_events.insert(), stories)
            conn.execute(event_mentions.insert(), mentions)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    print(
        f"built {n_events:,} story events, {n_articles:,} articles in "
        f"{time.perf_counter() - started:.0f} s ({db.stat().st_size / 2**20:.0f} MiB)"
    )


def _requests(n: int, seed: int = 11) -> list[tuple[str, str, dict[str, Any]]]:
    """A fixed mix of timeline and events queries over busy and quiet dyads and actors."""
    rng = random.Random(seed)
    weights = _weights()
    out: list[tuple[str, str, dict[str, Any]]] = []
    for _ in range(n):
        a, b = rng.choices(COUNTRIES[:12], k=2)
        while b == a:
            b = rng.choice(COUNTRIES[:12])
        year = rng.randint(2015, 2024)
        actor = rng.choices(COUNTRIES, weights)[0]
        kind = rng.choice(
            [
                "timeline_dyad",
                "timeline_dyad_year",
                "timeline_actor_year",
                "events_dyad",
                "events_actor_quad",
                "story_events_dyad_root",
            ]
        )
        params: dict[str, Any] = {"limit": 50}
        path = "/api/timeline"
        if kind == "timeline_dyad":
            params["dyad"] = f"{a},{b}"
        elif kind == "timeline_dyad_year":
            params |= {"dyad": f"{a},{b}", "since": f"{year}-01-01", "until": f"{year}-12-31"}
        elif kind == "timeline_actor_year":
            params |= {"actor": actor, "since": f"{year}-01-01", "until": f"{year}-06-30"}
        elif kind == "events_dyad":
            path, params["dyad"] = "/api/events", f"{a},{b}"
        elif kind == "events_actor_quad":
            path = "/api/events"
            params |= {"actor": actor, "quad_class": rng.randint(1, 4), "modality": "occurred"}
        else:
            path = "/api/story-events"
            params |= {"dyad": f"{a},{b}", "root": rng.choice(ROOTS)}
        out.append((kind, path, params))
    return out


async def _load(
    base: str, plan: list[tuple[str, str, dict[str, Any]]], workers: int
) -> tuple[dict[str, list[float]], list[str]]:
    queue: asyncio.Queue[tuple[str, str, dict[str, Any]]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    times: dict[str, list[float]] = {}
    errors: list[str] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            kind, path, params = queue.get_nowait()
            t0 = time.perf_counter()
            try:
                r = await client.get(path, params=params)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {path} {params}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")
            times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await asyncio.gather(*(worker(client) for _ in range(workers)))
    return times, errors


def _pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def _loadavg() -> str | None:
    """The 1, 5 and 15 minute load averages (Linux), to report beside the latencies."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    """Start the app under uvicorn in a child process and wait until it answers."""
    code = (
        "import uvicorn; from entente.api import create_app; "
        f"uvicorn.run(create_app({str(db)!r}), host='127.0.0.1', port={port}, "
        "log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--db", type=Path, default=Path("/tmp/entente_bench_api.db"))
    ap.add_argument("--reuse", action="store_true", help="Keep an existing database.")
    ap.add_argument("--keep", action="store_true", help="Do not delete the database afterwards.")
    args = ap.parse_args()
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        build(args.db, args.events)
    open_engine(f"sqlite:///{args.db}").dispose()  # apply pending migrations (indexes)
    port = _free_port()
    proc = serve(args.db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        asyncio.run(_load(base, _requests(50, seed=99), args.workers))  # warm the page cache
        load_before = _loadavg()
        started = time.perf_counter()
        times, errors = asyncio.run(_load(base, _requests(args.requests), args.workers))
        wall = time.perf_counter() - started
        load_after = _loadavg()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    every = [t for v in times.values() for t in v]
    report: dict[str, Any] = {
        "events": args.events,
        "requests": len(every),
        "workers": args.workers,
        "errors": len(errors),
        "throughput_rps": round(len(every) / wall, 1),
        "loadavg_before": load_before,
        "loadavg_after": load_after,
        "kinds": {},
    }
    print(
        f"{len(every)} requests, {args.workers} workers, {wall:.1f} s "
        f"({report['throughput_rps']} req/s), {len(errors)} errors; "
        f"load average {load_before} before, {load_after} after"
    )
    print(f"{'query':28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, values in [*sorted(times.items()), ("all", every)]:
        row = {
            "n": len(values),
            "p50": round(_pct(values, 50), 1),
            "p95": round(_pct(values, 95), 1),
            "p99": round(_pct(values, 99), 1),
        }
        report["kinds"][kind] = row
        print(f"{kind:28} {row['n']:>5} {row['p50']:>8} {row['p95']:>8} {row['p99']:>8}")
    for e in errors[:5]:
        print("error:", e)
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_api.json").write_text(json.dumps(report, indent=2))
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()

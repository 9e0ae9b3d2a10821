"""Write docs/evaluation.md: the shipped pipeline scored on the seeds and the development gold set.

Usage: python scripts/evaluation_report.py [--nlp PATH] [--out docs/evaluation.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from entente.analysis import Analyzer, extract
from entente.evaluation import Report, evaluate, read_jsonl
from entente.events.cameo import cameo_table
from entente.models import Analysis

REPO = Path(__file__).resolve().parent.parent
SETS = {
    "Seed corpus (../shared/seeds, 5 articles)": (
        REPO.parent / "shared" / "seeds" / "gold.jsonl",
        sorted(str(p) for p in (REPO.parent / "shared" / "seeds").glob("*.txt")),
    ),
    "Development gold set (tests/gold/dev, 30 articles)": (
        REPO / "tests" / "gold" / "dev" / "gold.jsonl",
        [str(REPO / "tests" / "gold" / "dev" / "articles.jsonl")],
    ),
}


def _section(title: str, report: Report, secs: float) -> list[str]:
    ev, q = report.events, report.quotes
    names = cameo_table()
    lines = [
        f"## {title}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| events precision / recall / F1 | {ev.precision:.3f} / {ev.recall:.3f} / "
        f"**{ev.f1:.3f}** (matched {ev.tp}; system {ev.system}; gold {ev.gold}) |",
        f"| event date accuracy (matched events) | **{report.event_dates.value:.3f}** "
        f"({report.event_dates.right}/{report.event_dates.total}) |",
        f"| modality accuracy (matched events) | **{report.modality.value:.3f}** "
        f"({report.modality.right}/{report.modality.total}) |",
        f"| quotes precision / recall / F1 | {q.precision:.3f} / {q.recall:.3f} / **{q.f1:.3f}** |",
        f"| publication date accuracy | **{report.published.value:.3f}** "
        f"({report.published.right}/{report.published.total}) |",
        f"| analysis time | {secs:.1f} s |",
        "",
        "Per CAMEO root (precision over system events with the root, recall over gold events):",
        "",
        "| root | name | system | gold | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for root, counts in sorted(report.by_root.items()):
        d = counts.to_dict()
        name = names[root].name if root in names else "?"
        lines.append(
            f"| {root} | {name} | {d['system']} | {d['gold']} | {d['precision']:.2f} | "
            f"{d['recall']:.2f} | {d['f1']:.2f} |"
        )
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nlp", default=None)
    parser.add_argument("--out", default=str(REPO / "docs" / "evaluation.md"))
    args = parser.parse_args()
    analyzer = Analyzer(nlp_name=args.nlp)
    out = [
        "# Evaluation",
        "",
        f"Scored with `entente eval` on {dt.date.today().isoformat()} with the "
        f"`{args.nlp or 'en_entente'}` pipeline. Events match when source and target states agree "
        "(either order for symmetric gold events) and the CAMEO root agrees (or is one of the gold "
        "event's accepted alternatives). CI gates these scores against the floors in "
        "`tests/quality/floors.yaml`. Regenerate with `python scripts/evaluation_report.py`.",
        "",
    ]
    for title, (gold, inputs) in SETS.items():
        start = time.perf_counter()
        system = [
            a.to_dict() for a in extract(inputs, analyzer=analyzer) if isinstance(a, Analysis)
        ]
        secs = time.perf_counter() - start
        out += _section(title, evaluate(read_jsonl(gold), system), secs)
    Path(args.out).write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

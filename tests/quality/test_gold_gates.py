"""Quality gates: the shipped pipeline scored on golden corpora against pinned floors.

`floors.yaml` beside this file holds the floors; the scores seen are printed, so a run shows how
much head-room each floor has.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from entente.analysis import Analyzer, extract
from entente.evaluation import evaluate, read_jsonl
from entente.models import Analysis

HERE = Path(__file__).parent
DEV = HERE.parent / "gold" / "dev"
FLOORS = yaml.safe_load((HERE / "floors.yaml").read_text())

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _scores(report: Any) -> dict[str, float]:
    return {
        "events_f1": report.events.f1,
        "event_date_accuracy": report.event_dates.value,
        "modality_accuracy": report.modality.value,
        "quotes_f1": report.quotes.f1,
        "published_accuracy": report.published.value,
    }


def _gate(name: str, scores: dict[str, float]) -> None:
    print(f"\n{name}: " + ", ".join(f"{k}={v:.3f}" for k, v in scores.items()))
    failures = [
        f"{k} {scores[k]:.3f} < floor {floor}"
        for k, floor in FLOORS[name].items()
        if scores[k] < floor
    ]
    assert not failures, f"{name} below its floors: " + "; ".join(failures)


def test_seed_corpus_meets_floors(seeds_dir: Path, analyzer: Analyzer) -> None:
    inputs = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    system = [a.to_dict() for a in extract(inputs, analyzer=analyzer) if isinstance(a, Analysis)]
    report = evaluate(read_jsonl(seeds_dir / "gold.jsonl"), system)
    assert not report.missing
    _gate("seeds", _scores(report))


def test_dev_gold_set_meets_floors(analyzer: Analyzer) -> None:
    system = [
        a.to_dict()
        for a in extract([str(DEV / "articles.jsonl")], analyzer=analyzer)
        if isinstance(a, Analysis)
    ]
    report = evaluate(read_jsonl(DEV / "gold.jsonl"), system)
    assert not report.missing, report.missing
    _gate("dev", _scores(report))

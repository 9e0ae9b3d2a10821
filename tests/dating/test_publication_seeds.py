"""The seed corpus: publication dates inside the gold windows, and event dates the tagger finds.

Reads ``../shared/seeds`` (skipped when absent); nothing of the seeds is copied here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from entente.dating.publication import infer_publication_date
from entente.dating.timex import find_timexes


def _gold(seeds_dir: Path) -> dict[str, dict[str, Any]]:
    lines = (seeds_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["id"]: record for record in map(json.loads, filter(None, lines))}


def test_publication_dates_fall_in_the_gold_windows(seeds_dir: Path) -> None:
    gold = _gold(seeds_dir)
    assert gold, "gold.jsonl is empty"
    for doc_id, record in gold.items():
        expected = record["published"]
        text = (seeds_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        dated = infer_publication_date(text)
        assert dated.evidence, doc_id
        if dated.date is None:
            assert dated.method == "unknown", doc_id
            assert expected["date"] is None or expected.get("accept_unknown"), doc_id
        else:
            assert expected["date"] is not None, f"{doc_id}: dated {dated.date}, gold says unknown"
            assert expected["earliest"] <= dated.date <= expected["latest"], (doc_id, dated)
        # Our window must hold the truth: never a bound that excludes the gold window.
        truth_low = expected.get("earliest") or expected.get("earliest_inferable")
        truth_high = expected.get("latest")
        if dated.latest and truth_low:
            assert dated.latest >= truth_low, (doc_id, dated)
        if dated.earliest and truth_high:
            assert dated.earliest <= truth_high, (doc_id, dated)
        if dated.earliest and expected.get("earliest_inferable"):
            assert dated.earliest <= expected["earliest_inferable"], (doc_id, dated)


def test_event_dates_are_found_once_anchored(seeds_dir: Path) -> None:
    """Anchored on the gold publication date, every gold event date the text states is tagged."""
    for doc_id, record in _gold(seeds_dir).items():
        text = (seeds_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        published = record["published"]["date"]
        anchor = dt.date.fromisoformat(published) if published else None
        found = {t.value for t in find_timexes(text, anchor, tense_hint="past") if t.value}
        wanted = {
            event["date"]
            for event in record["events"]
            if event["date"] and not event.get("accept_undated")
        }
        assert wanted <= found, (doc_id, sorted(wanted - found))


@pytest.mark.parametrize("tense", ["past", None])
def test_yearless_seed_dates_stay_partial_without_anchor(
    seeds_dir: Path, tense: str | None
) -> None:
    for doc_id, record in _gold(seeds_dir).items():
        if record["published"]["date"] is None or not record["published"].get("accept_unknown"):
            continue
        text = (seeds_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        for timex in find_timexes(text, None, tense_hint=tense):  # type: ignore[arg-type]
            if timex.kind == "yearless":
                assert timex.value is None and timex.partial, (doc_id, timex)

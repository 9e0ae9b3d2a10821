"""The mention -> actor case table (resolution_cases.yaml) must pass at >= 95%."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from entente.knowledge.kb import KnowledgeBase
from entente.knowledge.resolve import resolve

CASES = Path(__file__).with_name("resolution_cases.yaml")
FLOOR = 0.95


def load_cases() -> list[dict[str, Any]]:
    """The cases; BaseLoader keeps every scalar a string (dates, codes such as NO)."""
    cases = yaml.load(CASES.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for case in cases:
        expected = case.get("expected") or {}
        for key, value in list(expected.items()):
            if value in ("null", "~"):
                expected[key] = None
    return cases


def check(case: dict[str, Any], kb: KnowledgeBase) -> str | None:
    """Resolve one case; None when it passes, else why it failed."""
    actor = resolve(case["mention"], case.get("date"), case.get("context"), kb=kb)
    expected = dict(case.get("expected") or {})
    if case.get("unresolved") == "true":
        if actor is not None and (actor.kind != "unresolved" or actor.id is not None):
            return f"expected unresolved, got {actor}"
        if actor is None:
            return f"expected an unresolved actor with {expected}" if expected else None
    elif actor is None:
        return "got None"
    office = expected.pop("office", None)
    if office is not None:
        if office not in kb.offices:
            return f"the case names an office the base lacks: {office}"
        expected["role"] = kb.offices[office].title
    got = {**actor.to_dict(), "sector": actor.sector}
    wrong = {key: (value, got.get(key)) for key, value in expected.items() if got.get(key) != value}
    return f"expected/got {wrong} in {actor}" if wrong else None


def test_case_table_is_large_and_varied() -> None:
    cases = load_cases()
    assert len(cases) >= 300
    assert sum(c.get("unresolved") == "true" for c in cases) >= 20
    years = {c["date"][:4] for c in cases if c.get("date")}
    assert {"2000", "2005", "2010", "2015", "2020", "2023", "2025"} <= years


def test_resolution_cases_pass(kb: KnowledgeBase) -> None:
    cases = load_cases()
    failures = []
    for case in cases:
        why = check(case, kb)
        if why is not None:
            failures.append(f"{case['mention']!r} @ {case.get('date')}: {why}")
    for line in failures:
        print(line)
    rate = 1 - len(failures) / len(cases)
    print(f"{len(cases) - len(failures)}/{len(cases)} cases pass ({rate:.1%})")
    assert rate >= FLOOR, "\n".join(failures)

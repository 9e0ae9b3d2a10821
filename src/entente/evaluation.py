"""`entente eval`: score analyses against a gold file in the format of ``seeds/gold.jsonl``.

Events match when source and target states agree (either order for symmetric gold events) and the
CAMEO root agrees (or is one of the gold event's accepted alternatives); matching is one-to-one,
taking the best-scoring pairs first (agreement on modality and date, then the exact root). Date and modality accuracy are
measured on matched events. Quotes match when the speaker agrees (by name, "A and B" for joint
speakers, either order) and the texts overlap (token Jaccard ≥ 0.6, or one contains the other).
Publication dates are right when they fall inside the gold window, or are unknown where unknown is
accepted.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from entente.errors import EvaluationError

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Counts:
    """True positives, system total, gold total; with P/R/F1."""

    tp: int = 0
    system: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "system": self.system,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class RootCounts:
    """Per CAMEO root: precision over system events with the root, recall over gold ones."""

    matched_system: int = 0
    system: int = 0
    matched_gold: int = 0
    gold: int = 0

    def to_dict(self) -> dict[str, Any]:
        p = self.matched_system / self.system if self.system else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "system": self.system,
            "gold": self.gold,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
        }


@dataclass
class Accuracy:
    """Right out of total."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Report:
    """Every score of one evaluation, plus per-document details."""

    events: Counts = field(default_factory=Counts)
    event_dates: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    quotes: Counts = field(default_factory=Counts)
    published: Accuracy = field(default_factory=Accuracy)
    by_root: dict[str, RootCounts] = field(default_factory=lambda: defaultdict(RootCounts))
    documents: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "events": self.events.to_dict(),
            "event_date_accuracy": self.event_dates.to_dict(),
            "modality_accuracy": self.modality.to_dict(),
            "quotes": self.quotes.to_dict(),
            "published_accuracy": self.published.to_dict(),
            "by_cameo_root": {k: v.to_dict() for k, v in sorted(self.by_root.items())},
            "missing_documents": self.missing,
        }
        if details:
            data["documents"] = self.documents
        return data


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON-lines file (raises EvaluationError on a bad line)."""
    rows: list[dict[str, Any]] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc.strerror}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    return rows


def _norm_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return _WORD.findall(text)


def _names(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    parts = re.split(r"\s+and\s+|\s*&\s*|,\s*", name.strip())
    return frozenset(" ".join(_norm_words(p)) for p in parts if p.strip())


def _speaker_match(gold: str, system: dict[str, Any] | None, speaker_text: str | None) -> bool:
    want = _names(gold)
    if not want:
        return system is None
    got = _names((system or {}).get("name"))
    if got == want:
        return True
    # a surname-only system name ("Xi") still matches its full gold name
    return (
        bool(got)
        and len(got) == len(want)
        and all(any(g.split()[-1] == w.split()[-1] for w in want) for g in got)
    )


def _text_match(gold: str, system: str) -> bool:
    g, s = _norm_words(gold), _norm_words(system)
    if not g or not s:
        return False
    gs, ss = " ".join(g), " ".join(s)
    if gs in ss or ss in gs:
        return min(len(g), len(s)) / max(len(g), len(s)) >= 0.5
    inter = len(set(g) & set(s))
    return inter / len(set(g) | set(s)) >= 0.6


def _state(actor: dict[str, Any] | None) -> str | None:
    return (actor or {}).get("country") if actor else None


def _roots(gold: dict[str, Any]) -> set[str]:
    return {gold["cameo_root"], *(gold.get("cameo_root_alternatives") or [])}


def _actors_match(gold: dict[str, Any], sysev: dict[str, Any]) -> bool:
    s, t = _state(sysev.get("source")), _state(sysev.get("target"))
    if (s, t) == (gold.get("source"), gold.get("target")):
        return True
    symmetric = gold.get("symmetric") or sysev.get("symmetric")
    return bool(symmetric) and (t, s) == (gold.get("source"), gold.get("target"))


def _date_right(gold: dict[str, Any], sysev: dict[str, Any]) -> bool:
    value = (sysev.get("date") or {}).get("value")
    want = gold.get("date")
    if value is None:
        return want is None or bool(gold.get("accept_undated"))
    if want is None:
        return False
    return value == want or value.startswith(want + "-")


def _published_right(gold: dict[str, Any], system: dict[str, Any]) -> bool:
    got = system.get("date")
    if got is None:
        return gold.get("date") is None or bool(gold.get("accept_unknown"))
    if gold.get("date") is None:
        return False
    lo, hi = gold.get("earliest") or gold["date"], gold.get("latest") or gold["date"]
    return bool(lo <= got <= hi)


def _doc_key(record: dict[str, Any]) -> list[str]:
    doc = record.get("doc") or {}
    keys = [str(doc.get("id") or "")]
    if doc.get("path"):
        name = Path(doc["path"]).name
        keys += [name, name.split(".")[0]]
    return [k for k in keys if k]


def evaluate(gold: Iterable[dict[str, Any]], system: Iterable[dict[str, Any]]) -> Report:
    """Score system analyses (extract-schema objects) against gold records."""
    by_key: dict[str, dict[str, Any]] = {}
    for rec in system:
        for key in _doc_key(rec):
            by_key.setdefault(key, rec)
    report = Report()
    for g in gold:
        gid = str(g["id"])
        sysrec = by_key.get(gid)
        if sysrec is None:
            report.missing.append(gid)
            sysrec = {"doc": {"published": {"date": None}}, "events": [], "quotes": []}
        _score_doc(g, sysrec, report)
    return report


def _score_doc(g: dict[str, Any], sysrec: dict[str, Any], report: Report) -> None:
    detail: dict[str, Any] = {"id": g["id"]}
    pub_ok = _published_right(
        g.get("published") or {}, (sysrec.get("doc") or {}).get("published") or {}
    )
    report.published.total += 1
    report.published.right += pub_ok
    detail["published_ok"] = pub_ok
    sys_events = list(sysrec.get("events") or [])
    gold_events = list(g.get("events") or [])
    report.events.system += len(sys_events)
    report.events.gold += len(gold_events)
    for ev in sys_events:
        report.by_root[ev.get("cameo_root", "??")].system += 1
    for ev in gold_events:
        report.by_root[ev["cameo_root"]].gold += 1
    # Global greedy matching: every compatible (gold, system) pair is scored, and the best
    # pairs are taken first, so one early gold event cannot take the system event that a later
    # one matches better.
    pairs: list[tuple[int, int, int]] = []
    for gi, gev in enumerate(gold_events):
        for si, sev in enumerate(sys_events):
            if sev.get("cameo_root") not in _roots(gev) or not _actors_match(gev, sev):
                continue
            score = (
                2 * (sev.get("modality") == gev.get("modality"))
                + 2 * _date_right(gev, sev)
                + (sev.get("cameo_root") == gev["cameo_root"])
            )
            pairs.append((score, gi, si))
    used: set[int] = set()
    paired: dict[int, int] = {}
    for _score, gi, si in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gi in paired or si in used:
            continue
        paired[gi] = si
        used.add(si)
    matches: list[dict[str, Any]] = []
    for gi, gev in enumerate(gold_events):
        if gi not in paired:
            matches.append({"gold": gi, "system": None, "evidence": gev.get("evidence")})
            continue
        sev = sys_events[paired[gi]]
        report.events.tp += 1
        report.by_root[gev["cameo_root"]].matched_gold += 1
        report.by_root[sev.get("cameo_root", "??")].matched_system += 1
        date_ok, mod_ok = _date_right(gev, sev), sev.get("modality") == gev.get("modality")
        report.event_dates.total += 1
        report.event_dates.right += date_ok
        report.modality.total += 1
        report.modality.right += mod_ok
        matches.append(
            {
                "gold": gi,
                "system": paired[gi],
                "date_ok": date_ok,
                "modality_ok": mod_ok,
                "system_date": (sev.get("date") or {}).get("value"),
                "system_modality": sev.get("modality"),
            }
        )
    detail["event_matches"] = matches
    detail["false_positives"] = [
        {
            "cameo": e.get("cameo"),
            "source": _state(e.get("source")),
            "target": _state(e.get("target")),
            "evidence": (e.get("evidence") or {}).get("text"),
        }
        for i, e in enumerate(sys_events)
        if i not in used
    ]
    sys_quotes = list(sysrec.get("quotes") or [])
    gold_quotes = list(g.get("quotes") or [])
    report.quotes.system += len(sys_quotes)
    report.quotes.gold += len(gold_quotes)
    qused: set[int] = set()
    for gq in gold_quotes:
        for si, sq in enumerate(sys_quotes):
            if si in qused:
                continue
            if _text_match(gq["text"], sq.get("text", "")) and _speaker_match(
                gq.get("speaker"), sq.get("speaker"), sq.get("speaker_text")
            ):
                qused.add(si)
                report.quotes.tp += 1
                break
    report.documents.append(detail)

"""Print an evaluation's per-document matches and misses (a development aid)."""

from __future__ import annotations

import json
import sys

from entente.evaluation import evaluate, read_jsonl

gold = read_jsonl(sys.argv[1])
system = read_jsonl(sys.argv[2])
report = evaluate(gold, system)
golds = {g["id"]: g for g in gold}
sysd = {}
for s in system:
    sysd[s["doc"]["id"]] = s
for doc in report.documents:
    g = golds[doc["id"]]
    print(f"=== {doc['id']} published_ok={doc['published_ok']}")
    for m in doc["event_matches"]:
        ge = g["events"][m["gold"]]
        tag = (
            "MISS"
            if m["system"] is None
            else ("ok  " if m.get("date_ok") and m.get("modality_ok") else "part")
        )
        extra = (
            ""
            if m["system"] is None
            else f" sys_date={m['system_date']} sys_mod={m['system_modality']}"
        )
        print(
            f"  {tag} {ge['source']}->{ge['target']} {ge['cameo_root']} {ge['modality']} "
            f"{ge['date']}{extra} | {ge['evidence'][:90]}"
        )
    for fp in doc["false_positives"]:
        print(
            f"  FP   {fp['source']}->{fp['target']} {fp['cameo']} | {(fp['evidence'] or '')[:100]}"
        )
print(json.dumps(report.to_dict(), indent=1)[:1500])

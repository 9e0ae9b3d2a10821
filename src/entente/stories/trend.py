"""Cooperation–conflict trends per pair of actors and month, from occurred story events."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, or_, select

from entente.store.schema import story_events

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass
class MonthPoint:
    """One month of a dyad's relations."""

    month: str
    counts: dict[int, int]
    mean_goldstein: float | None
    index: float | None  # (cooperation - conflict) / all, in [-1, 1]
    events: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "events": self.events,
            "quad_counts": {QUAD_NAMES[q]: self.counts.get(q, 0) for q in QUAD_NAMES},
            "mean_goldstein": self.mean_goldstein,
            "cooperation_conflict_index": self.index,
        }


def dyad_trend(
    engine: Engine, a: str, b: str, *, since: str | None = None, until: str | None = None
) -> list[MonthPoint]:
    """Monthly counts by QuadClass, mean Goldstein and a cooperation–conflict index for A–B.

    Only events that occurred and are dated to the month or day count; months without events
    between the first and last month are included with zero counts.
    """
    c = story_events.c
    query = select(c.sort_date, c.quad_class, c.goldstein).where(
        or_(
            and_(c.source_country == a, c.target_country == b),
            and_(c.source_country == b, c.target_country == a),
        ),
        c.status == "occurred",
        c.date_precision.in_(["day", "month"]),
    )
    if since:
        query = query.where(c.sort_date >= since)
    if until:
        query = query.where(c.sort_date <= until)
    buckets: dict[str, list[tuple[int, float]]] = defaultdict(list)
    with engine.connect() as conn:
        for sort_date, quad, gold in conn.execute(query):
            if sort_date and quad:
                buckets[sort_date[:7]].append((int(quad), float(gold or 0.0)))
    if not buckets:
        return []
    months = _month_range(min(buckets), max(buckets))
    points = []
    for month in months:
        rows = buckets.get(month, [])
        counts = {q: sum(1 for r in rows if r[0] == q) for q in QUAD_NAMES}
        coop, conflict = counts[1] + counts[2], counts[3] + counts[4]
        points.append(
            MonthPoint(
                month=month,
                counts=counts,
                events=len(rows),
                mean_goldstein=round(sum(r[1] for r in rows) / len(rows), 3) if rows else None,
                index=round((coop - conflict) / len(rows), 3) if rows else None,
            )
        )
    return points


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def trend_png(points: list[MonthPoint], a: str, b: str, path: str | Path) -> Path:
    """Draw the trend: stacked monthly counts by QuadClass and mean Goldstein on a second axis."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    path = Path(path)
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=110)
    months = [p.month for p in points]
    x = list(range(len(points)))
    colours = {1: "#7fbf7b", 2: "#1b7837", 3: "#f4a582", 4: "#b2182b"}
    bottom = [0] * len(points)
    for q in (2, 1, 3, 4):
        values = [p.counts.get(q, 0) for p in points]
        ax.bar(x, values, bottom=bottom, color=colours[q], label=QUAD_NAMES[q], width=0.8)
        bottom = [bt + v for bt, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("story events per month")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max([*bottom, 1]) * 1.25)
    ax.set_xticks(x)
    step = max(1, len(x) // 16)
    ax.set_xticklabels(
        [m if i % step == 0 else "" for i, m in enumerate(months)], rotation=45, ha="right"
    )
    ax2 = ax.twinx()
    # months without events break the line instead of joining distant months
    gy = [float("nan") if p.mean_goldstein is None else p.mean_goldstein for p in points]
    ax2.plot(x, gy, color="#2166ac", marker="o", linewidth=2, label="mean Goldstein")
    ax2.axhline(0, color="#999999", linewidth=0.8, linestyle="--")
    ax2.set_ylim(-10, 10)
    ax2.set_ylabel("mean Goldstein score (−10 conflict … +10 cooperation)")
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    labels = ax.get_legend_handles_labels()[1] + ax2.get_legend_handles_labels()[1]
    ax.legend(handles, labels, loc="upper left", fontsize=9, frameon=False)
    ax.set_title(f"{a} – {b}: cooperation and conflict by month")
    ax.spines["top"].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path

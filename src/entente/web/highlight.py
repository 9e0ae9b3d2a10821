"""Cut an article's text into segments marked with the entities, events, dates and quotes that
cover them, for the article page. Templates render the segments with autoescaping, so the text
never becomes markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from entente.web.format import actor_label, quad_label


@dataclass
class Mark:
    """One annotation over ``text[start:end]``."""

    kind: str  # entity | event | quote | date
    start: int
    end: int
    tip: str
    anchor: str | None = None


@dataclass
class Segment:
    """A stretch of text and the marks covering all of it."""

    text: str
    start: int
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        return " ".join(sorted({f"hl-{m.kind}" for m in self.marks}))

    @property
    def tip(self) -> str:
        return "\n".join(m.tip for m in self.marks)

    @property
    def anchor(self) -> str | None:
        """The id of a mark that starts here (one element per id, at the mark's first piece)."""
        return next((m.anchor for m in self.marks if m.anchor and m.start == self.start), None)


def _entity_mark(e: dict[str, Any]) -> Mark:
    label = e.get("label") or "entity"
    actor = e.get("actor")
    if label in {"DATE", "TIME"}:
        return Mark("date", e["start"], e["end"], f"date: {e.get('text', '')}")
    if actor and actor.get("kind") != "unresolved":
        bits = [actor.get("code") or actor.get("country"), actor.get("kind"), actor.get("role")]
        detail = ", ".join(str(b) for b in bits if b)
        tip = f"{label} → {actor.get('name')}" + (f" ({detail})" if detail else "")
    else:
        tip = f"{label} (not resolved to an actor)"
    return Mark("entity", e["start"], e["end"], tip)


def _event_marks(n: int, ev: dict[str, Any]) -> list[Mark]:
    span = ev.get("evidence") or {}
    date = ev.get("date") or {}
    when = date.get("value") or "undated"
    if date.get("precision") and date.get("value"):
        when += f" ({date['precision']})"
    tip = (
        f"event {ev.get('cameo')} · {quad_label(ev.get('quad_class'))} · {ev.get('modality')}\n"
        f"{actor_label(ev.get('source'))} → {actor_label(ev.get('target'))}\n"
        f"date: {when}"
    )
    if ev.get("goldstein") is not None:
        tip += f" · Goldstein {ev['goldstein']}"
    marks = [Mark("event", span.get("start", 0), span.get("end", 0), tip, anchor=f"ev-{n}")]
    said = date.get("text")
    if said and span.get("text"):
        at = span["text"].find(said)
        if at >= 0:
            start = span["start"] + at
            marks.append(
                Mark(
                    "date",
                    start,
                    start + len(said),
                    f"event date: {date.get('value') or 'unresolved'}"
                    + (f" ({date['precision']})" if date.get("precision") else ""),
                )
            )
    return marks


def _quote_mark(n: int, q: dict[str, Any]) -> Mark:
    speaker = (
        actor_label(q.get("speaker"))
        if q.get("speaker")
        else (q.get("speaker_text") or "unknown speaker")
    )
    return Mark("quote", q["start"], q["end"], f"quote · speaker: {speaker}", anchor=f"q-{n}")


def marks_of(analysis: dict[str, Any] | None) -> list[Mark]:
    """Every mark an analysis (extract-schema dict) puts on its article's text."""
    if not analysis:
        return []
    marks = [_entity_mark(e) for e in analysis.get("entities") or []]
    for n, ev in enumerate(analysis.get("events") or []):
        marks += _event_marks(n, ev)
    marks += [_quote_mark(n, q) for n, q in enumerate(analysis.get("quotes") or [])]
    return marks


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece lists the marks covering it.

    Marks with offsets outside the text or empty spans are ignored, so a stale analysis can
    never break the page.
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        covering = [m for m in valid if m.start <= a and m.end >= b]
        out.append(Segment(text[a:b], a, covering))
    return out

"""Briefings in which every sentence ends with numbered citations, and is checked against them.

The default briefing is extractive: sentences are taken from the sources (the evidence of the
best-reported story events, attributed quotations, announcements of what is planned), compressed
(citation markers and discourse openers removed) and de-duplicated. An optional abstractive mode
asks an OpenAI-compatible endpoint to write from the same numbered facts; its sentences go through
the same support check and unsupported ones are dropped and reported.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from entente.store.schema import articles, quotes
from entente.stories.support import citations, unsupported
from entente.stories.timeline import Entry, TimelineQuery, one_line, query_story_events

_OPENERS = re.compile(
    r"^(moreover|furthermore|in addition|additionally|in this regard|overall|"
    r"meanwhile|however|also|as a result),\s+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


@dataclass
class Reference:
    """One cited article."""

    number: int
    doc_id: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None


@dataclass
class Section:
    """A heading and its cited sentences."""

    heading: str
    sentences: list[str] = field(default_factory=list)


@dataclass
class Briefing:
    """A briefing: title, sections, references, and what the support check dropped."""

    title: str
    sections: list[Section]
    references: list[Reference]
    dropped: list[dict[str, Any]] = field(default_factory=list)

    def sentences(self) -> list[str]:
        """Every sentence, in order."""
        return [s for sec in self.sections for s in sec.sentences]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "sections": [{"heading": s.heading, "sentences": s.sentences} for s in self.sections],
            "references": [r.__dict__ for r in self.references],
            "dropped": self.dropped,
        }


class _Sources:
    """Numbers articles in order of first citation and keeps their texts for the check."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.numbers: dict[str, int] = {}
        self.refs: list[Reference] = []
        self.texts: dict[int, str] = {}

    def cite(self, doc_id: str) -> int:
        if doc_id not in self.numbers:
            with self.engine.connect() as conn:
                row = conn.execute(
                    select(
                        articles.c.outlet,
                        articles.c.title,
                        articles.c.published_date,
                        articles.c.url,
                        articles.c.text,
                    ).where(articles.c.id == doc_id)
                ).one()
            n = len(self.refs) + 1
            self.numbers[doc_id] = n
            self.refs.append(Reference(n, doc_id, row[0], row[1], row[2], row[3]))
            self.texts[n] = row[4]
        return self.numbers[doc_id]


def _compress(sentence: str) -> str:
    text = one_line(sentence, 400).rstrip(" …")
    text = _OPENERS.sub("", text)
    text = text[0].upper() + text[1:] if text else text
    return text


def _similar(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > 0.6


def _with_cites(sentence: str, numbers: list[int]) -> str:
    marks = "".join(f"[{n}]" for n in sorted(set(numbers)))
    return f"{sentence} {marks}"


_CONJUNCTION_START = re.compile(r"^(and|but|or|so|which|who)\b", re.IGNORECASE)


def _whole_sentence(text: str) -> bool:
    """A full sentence: starts like one and ends like one (not a fragment of a bad split)."""
    body = text.strip().rstrip("”\"’' ")
    return (
        len(text.split()) >= 6
        and bool(text)
        and (text[0].isupper() or text[0] in '“"')
        and not _CONJUNCTION_START.match(text)
        and body[-1:] in {".", "!", "?"}
    )


def _entry_sentence(entry: Entry, src: _Sources, used: list[str]) -> str | None:
    """The best evidence sentence of a story event, cited to the articles that contain it."""
    for source in entry.sources:
        if not _whole_sentence(one_line(source["evidence"], 400)):
            continue
        text = _compress(source["evidence"])
        if not text or any(_similar(text, u) for u in used):
            continue
        nums = [
            src.cite(s["doc_id"])
            for s in entry.sources
            if _similar(_compress(s["evidence"]), text) or s is source
        ]
        used.append(text)
        return _with_cites(text, nums)
    return None


def build_brief(
    engine: Engine,
    actors: list[str],
    *,
    since: str | None = None,
    until: str | None = None,
    max_developments: int = 10,
    max_quotes: int = 6,
) -> Briefing:
    """An extractive, cited briefing about ``actors`` (ISO3 codes or names)."""
    q = TimelineQuery(
        actors=actors if len(actors) != 2 else [],
        dyad=(actors[0], actors[1]) if len(actors) == 2 else None,
        since=since,
        until=until,
    )
    entries = query_story_events(engine, q)
    src = _Sources(engine)
    used: list[str] = []
    occurred = [e for e in entries if e.status == "occurred"]
    planned = [e for e in entries if e.status == "planned"]
    title = "Briefing: " + " and ".join(_display_name(a) for a in actors)
    sections: list[Section] = []
    ranked = sorted(
        occurred,
        key=lambda e: (
            -e.num_articles,
            -(e.num_mentions),
            e.date["value"] is None,
            e.date["value"] or "",
        ),
    )
    lede = Section("Summary")
    for e in ranked[:1]:
        s = _entry_sentence(e, src, used)
        if s:
            lede.sentences.append(s)
    sections.append(lede)
    chosen = sorted(
        ranked[1 : max_developments + 1],
        key=lambda e: (e.date["value"] is None, e.date["value"] or ""),
    )
    dev = Section("Key developments")
    for e in chosen:
        s = _entry_sentence(e, src, used)
        if s:
            dev.sentences.append(s)
    sections.append(dev)
    said = Section("What each side said")
    for row in _quotes(engine, actors, since, until)[:max_quotes]:
        n = src.cite(row["article_id"])
        speaker = row["speaker_name"]
        if speaker and speaker not in src.texts[n]:
            speaker = row["speaker_text"]
        if not speaker:
            continue
        quote = one_line(row["text"], 300).rstrip(",;: ")
        said.sentences.append(f"{speaker} said: “{quote}” [{n}]")
    sections.append(said)
    nxt = Section("What is planned next")
    for e in planned[:5]:
        s = _entry_sentence(e, src, used)
        if s:
            nxt.sentences.append(s)
    sections.append(nxt)
    brief = Briefing(title, [s for s in sections if s.sentences], src.refs)
    return check_briefing(brief, src.texts)


def _display_name(actor: str) -> str:
    if re.fullmatch(r"[A-Z]{3}", actor):
        from entente.knowledge.kb import default_kb

        state = default_kb().state(actor)
        if state is not None:
            return state.name
    return actor


def _quotes(
    engine: Engine, actors: list[str], since: str | None, until: str | None
) -> list[dict[str, Any]]:
    codes = [a for a in actors if re.fullmatch(r"[A-Z]{3}", a)]
    query = (
        select(quotes, articles.c.published_date)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quotes.c.speaker_name.is_not(None))
    )
    if codes:
        query = query.where(quotes.c.speaker_country.in_(codes))
    if since:
        query = query.where(articles.c.published_date >= since)
    if until:
        query = query.where(articles.c.published_date <= until)
    with engine.connect() as conn:
        rows = [
            dict(r._mapping)
            for r in conn.execute(
                query.order_by(articles.c.published_date.desc(), quotes.c.position)
            )
        ]
    seen: set[str] = set()
    out = []
    for r in rows:  # one quote per speaker and article keeps the section varied
        key = f"{r['speaker_name']}|{r['article_id']}"
        if key not in seen and len(r["text"].split()) >= 5:
            seen.add(key)
            out.append(r)
    return out


def check_briefing(brief: Briefing, texts: dict[int, str]) -> Briefing:
    """Drop sentences without citations or with claims their cited sources do not contain."""
    for section in brief.sections:
        kept = []
        for sentence in section.sentences:
            _, nums = citations(sentence)
            cited = [texts[n] for n in nums if n in texts]
            if not cited:
                brief.dropped.append({"sentence": sentence, "reason": "no citation"})
                continue
            missing = unsupported(sentence, cited)
            if missing:
                brief.dropped.append(
                    {"sentence": sentence, "reason": "not in cited sources: " + ", ".join(missing)}
                )
                continue
            kept.append(sentence)
        section.sentences = kept
    brief.sections = [s for s in brief.sections if s.sentences]
    return brief


def render_markdown(brief: Briefing) -> str:
    """The briefing as Markdown with a numbered reference list."""
    lines = [f"# {brief.title}", ""]
    for section in brief.sections:
        lines += [f"## {section.heading}", ""]
        lines += [f"- {s}" if section.heading != "Summary" else s for s in section.sentences]
        lines.append("")
    lines += ["## References", ""]
    for r in brief.references:
        parts = [
            r.outlet or "unknown outlet",
            f"“{r.title}”" if r.title else None,
            r.published or "date unknown",
            r.url,
        ]
        lines.append(f"{r.number}. " + ", ".join(p for p in parts if p) + f" (doc {r.doc_id})")
    return "\n".join(lines) + "\n"


def render_html(brief: Briefing) -> str:
    """The briefing as a standalone HTML page (all text escaped)."""
    e = html.escape
    body = [f"<h1>{e(brief.title)}</h1>"]
    for section in brief.sections:
        body.append(f"<h2>{e(section.heading)}</h2><ul>")
        body += [f"<li>{e(s)}</li>" for s in section.sentences]
        body.append("</ul>")
    body.append("<h2>References</h2><ol>")
    for r in brief.references:
        link = f' <a href="{e(r.url)}">{e(r.url)}</a>' if r.url else ""
        body.append(
            f"<li>{e(r.outlet or 'unknown outlet')}, “{e(r.title or '')}”, "
            f"{e(r.published or 'date unknown')}{link}</li>"
        )
    body.append("</ol>")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>"
        f"{e(brief.title)}</title></head><body>" + "\n".join(body) + "</body></html>\n"
    )

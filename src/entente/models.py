"""Plain data records passed between pipeline stages.

Each record has ``to_dict()`` giving the JSON contract (``schema/extract.schema.json`` for analyses) and
``from_dict()`` reading it back. No behaviour beyond (de)serialisation lives here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PublishedMethod = Literal["given", "metadata", "text", "inferred", "unknown"]
Modality = Literal["occurred", "planned", "negated", "hypothetical"]
Precision = Literal["day", "month", "season", "year"]


@dataclass
class CitedSource:
    """One entry of an article's reference list (e.g. ``0. "Title" Outlet, 21 Feb. 2023,``)."""

    index: int | None
    title: str | None
    outlet: str | None
    date: str | None  # ISO YYYY-MM-DD (or YYYY-MM / YYYY) when the entry gives one
    url: str | None = None
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CitedSource:
        return cls(
            **{k: data.get(k) for k in ("index", "title", "outlet", "date", "url")},
            raw=data.get("raw") or "",
        )


@dataclass
class PublishedDate:
    """When an article was published, how we know, and the window the evidence allows."""

    date: str | None = None  # YYYY-MM-DD or None when unknown
    method: PublishedMethod = "unknown"
    earliest: str | None = None
    latest: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PublishedDate:
        data = data or {}
        return cls(
            date=data.get("date"),
            method=data.get("method") or "unknown",
            earliest=data.get("earliest"),
            latest=data.get("latest"),
            evidence=data.get("evidence"),
        )


@dataclass
class Actor:
    """A resolved (or unresolved) actor, as in ``$defs/actor`` of the extract schema.

    ``code`` is CAMEO-style (``RUSGOV``, ``CHNMIL``, ``IGOWSTNAT``); ``country`` is ISO 3166-1 alpha-3;
    ``org`` the short name of an international organisation; ``id`` a knowledge-base id (Wikidata QID
    where one exists); ``role`` the office held on the text's date. ``kind`` is ``state``, ``org``,
    ``person``, ``group`` or ``unresolved``; ``sector`` the CAMEO sector (``GOV``, ``MIL``, ...).
    """

    name: str
    code: str | None = None
    country: str | None = None
    org: str | None = None
    id: str | None = None
    role: str | None = None
    kind: str = "unresolved"
    sector: str | None = None
    plover_country: str | None = None
    plover_sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "org": self.org,
            "id": self.id,
            "role": self.role,
            "kind": self.kind,
            "sector": self.sector,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Actor | None:
        if data is None:
            return None
        keys = ("code", "country", "org", "id", "role", "sector")
        return cls(
            name=data["name"],
            kind=data.get("kind") or "unresolved",
            **{k: data.get(k) for k in keys},
        )


@dataclass
class RawDocument:
    """What a source yields before cleaning: the content and any metadata given with it.

    ``content_type`` is ``"text"`` or ``"html"``. Metadata fields are ``None`` when the source did
    not give them; ``published`` is the date string as given (not yet parsed).
    """

    content: str
    content_type: Literal["text", "html"] = "text"
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """A human-readable name for messages: path, URL or '<stdin>'."""
        return self.path or self.url or self.extra.get("label") or "<input>"


@dataclass
class IngestFailure:
    """An input that could not be read, with the reason, reported and skipped."""

    label: str
    reason: str


@dataclass
class Article:
    """A cleaned, dated, deduplicated article: the unit that is stored and analysed."""

    id: str
    text: str
    raw: str
    content_hash: str
    title: str | None = None
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    language_confidence: float | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    cited_sources: list[CitedSource] = field(default_factory=list)
    duplicate_of: str | None = None
    similarity: float | None = None  # to duplicate_of, when a near duplicate
    removed: list[str] = field(default_factory=list)  # residue lines taken out by cleaning
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "language": self.language,
            "published": self.published.to_dict(),
            "duplicate_of": self.duplicate_of,
            "cited_sources": [s.to_dict() for s in self.cited_sources],
        }
        if with_text:
            data["text"] = self.text
            data["raw"] = self.raw
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            text=data.get("text", ""),
            raw=data.get("raw", ""),
            content_hash=data.get("content_hash", ""),
            title=data.get("title"),
            path=data.get("path"),
            url=data.get("url"),
            outlet=data.get("outlet"),
            authors=list(data.get("authors") or []),
            language=data.get("language"),
            published=PublishedDate.from_dict(data.get("published")),
            cited_sources=[CitedSource.from_dict(s) for s in data.get("cited_sources") or []],
            duplicate_of=data.get("duplicate_of"),
        )


@dataclass
class Span:
    """A stretch of the cleaned text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class DateValue:
    """A normalised date with its precision and the window it allows (``$defs/date``)."""

    value: str | None = None
    precision: str | None = None
    text: str | None = None
    earliest: str | None = None
    latest: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DateValue:
        data = data or {}
        return cls(**{k: data.get(k) for k in ("value", "precision", "text", "earliest", "latest")})


@dataclass
class EntityMention:
    """A named entity in the text, with the actor it resolves to (if any)."""

    text: str
    start: int
    end: int
    label: str
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "actor": self.actor.to_dict() if self.actor else None,
        }


@dataclass
class Event:
    """One coded event: who did what to whom, when, where, how sure (``events[]`` of the schema)."""

    id: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    modality: Modality
    date: DateValue
    evidence: Span
    plover: str | None = None
    plover_mode: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    location: dict[str, Any] | None = None
    symmetric: bool = False
    trigger: str | None = None
    sentence: int | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "modality": self.modality,
            "date": self.date.to_dict(),
            "location": self.location,
            "evidence": self.evidence.to_dict(),
            "symmetric": self.symmetric,
            "trigger": self.trigger,
            "sentence": self.sentence,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        ev = data["evidence"]
        return cls(
            id=data.get("id") or "",
            source=Actor.from_dict(data.get("source")),
            target=Actor.from_dict(data.get("target")),
            cameo=data["cameo"],
            cameo_root=data["cameo_root"],
            modality=data["modality"],
            date=DateValue.from_dict(data.get("date")),
            evidence=Span(ev["text"], ev["start"], ev["end"]),
            plover=data.get("plover"),
            plover_mode=data.get("plover_mode"),
            quad_class=data.get("quad_class"),
            goldstein=data.get("goldstein"),
            location=data.get("location"),
            symmetric=bool(data.get("symmetric")),
            trigger=data.get("trigger"),
            sentence=data.get("sentence"),
            confidence=data.get("confidence"),
        )


@dataclass
class Quote:
    """A direct quotation and who said it."""

    text: str
    start: int
    end: int
    speaker: Actor | None = None
    speaker_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_text": self.speaker_text,
        }


@dataclass
class Analysis:
    """One analysed document: the object `entente extract` prints (extract.schema.json)."""

    article: Article
    entities: list[EntityMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        doc = {
            "id": a.id,
            "path": a.path,
            "url": a.url,
            "title": a.title,
            "outlet": a.outlet,
            "language": a.language,
            "text": a.text,
            "published": a.published.to_dict(),
            "duplicate_of": a.duplicate_of,
            "cited_sources": [s.to_dict() for s in a.cited_sources],
        }
        return {
            "doc": doc,
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "notes": list(self.notes),
        }

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
        return cls(**{k: data.get(k) for k in ("index", "title", "outlet", "date", "url")},
                   raw=data.get("raw") or "")


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
        return cls(name=data["name"], kind=data.get("kind") or "unresolved",
                   **{k: data.get(k) for k in keys})


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

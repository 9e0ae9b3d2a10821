"""The actor knowledge base: load, validate and index the data files.

The shipped files live in ``knowledge/data/`` (one section per file); users add or override entries
with extension files (``--kb extra.yaml`` / ``ENTENTE_KB``) whose top-level keys name the sections
(``states``, ``organizations``, ``offices``, ``people``, ``role_templates``, ``sectors``).
Every file is checked against ``schema/kb.schema.json`` and then cross-checked (unique ids,
ordered dates, offices that exist, known countries). A parsed base is pickled in a cache keyed
by the files' sizes and modification times, so warm start-ups skip YAML parsing and validation.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from entente.errors import KnowledgeBaseError
from entente.knowledge.text import normalize

SECTIONS = ("states", "organizations", "offices", "people", "role_templates", "sectors")
SHIPPED_FILES = {
    "states": "states.yaml",
    "organizations": "organizations.yaml",
    "offices": "offices.yaml",
    "people": "people.yaml",
    "role_templates": "role_templates.yaml",
    "sectors": "sectors.yaml",
}
CACHE_VERSION = "1"


class _KBLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe YAML loader that keeps dates as strings and reads only true/false as booleans.

    YAML 1.1 would turn ``2008-03-15`` into a date object and ``iso2: NO`` (Norway) into False;
    the schema expects strings for both.
    """


_KBLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "yYnNoO":
    _KBLoader.yaml_implicit_resolvers[_first] = [
        (tag, rx)
        for tag, rx in _KBLoader.yaml_implicit_resolvers.get(_first, [])
        if tag != "tag:yaml.org,2002:bool"
    ]


@dataclass(frozen=True)
class Metonym:
    """A place or building that stands for a state's institution ("the Pentagon" -> USA MIL)."""

    name: str
    sector: str = "GOV"


@dataclass(frozen=True)
class State:
    """A state or polity; ``code`` is its CAMEO country code."""

    id: str
    iso3: str
    name: str
    iso2: str | None = None
    official_name: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[Metonym, ...] = ()
    un: str = "none"
    cameo: str | None = None
    parent: str | None = None
    iso_assigned: bool = True

    @property
    def code(self) -> str:
        """The CAMEO country code (ISO3 unless overridden)."""
        return self.cameo or self.iso3


@dataclass(frozen=True)
class Organization:
    """An international organisation or body with a CAMEO-style code."""

    id: str
    name: str
    cameo: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    sector: str = "IGO"
    plover_sector: str | None = None
    members: tuple[str, ...] = ()
    parent: str | None = None
    country: str | None = None  # for non-state groups: the state they act in
    type: str = "org"  # org | group

    @property
    def label(self) -> str:
        """The name reports use most: the short name when there is one."""
        return self.short or self.name


@dataclass(frozen=True)
class Office:
    """An office tied to a state (``country``) or an organisation (``org``, an organisation id)."""

    id: str
    title: str
    kind: str
    country: str | None = None
    org: str | None = None
    sector: str = "GOV"
    leader: bool = False
    concurrent: bool = False
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """One spell in an office: start inclusive, end exclusive, ``None`` = open."""

    office: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        """Whether the term includes ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    """A person with dated roles."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[Term, ...] = ()

    def terms_on(self, day: dt.date) -> list[Term]:
        """The terms that include ``day``."""
        return [t for t in self.roles if t.covers(day)]


@dataclass(frozen=True)
class RoleTemplate:
    """Generic phrases for one kind of office, filled with a state's or organisation's names."""

    kind: str
    templates: tuple[str, ...] = ()
    title: str | None = None
    sector: str = "GOV"
    rank: int = 50
    leader: bool = False
    org: bool = False


@dataclass(frozen=True)
class Sector:
    """A CAMEO sector code, its PLOVER label and the words that signal it."""

    code: str
    label: str
    plover: str | None = None
    words: tuple[str, ...] = ()


@dataclass
class KnowledgeBase:
    """The loaded base: entries by id plus the lookup indexes the resolver uses.

    Build one with :meth:`load`; the default (shipped data + ``ENTENTE_KB``) is :func:`default_kb`.
    """

    states: dict[str, State] = field(default_factory=dict)  # by ISO3
    organizations: dict[str, Organization] = field(default_factory=dict)  # by id
    offices: dict[str, Office] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    role_templates: dict[str, RoleTemplate] = field(default_factory=dict)
    sectors: dict[str, Sector] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    index: Any = None  # entente.knowledge.index.Index, built by load()

    @classmethod
    def load(
        cls,
        extra: Sequence[str | Path] = (),
        *,
        use_cache: bool = True,
        data_dir: str | Path | None = None,
    ) -> KnowledgeBase:
        """Load the shipped data plus extension files, validated and indexed.

        Args:
            extra: extension files (YAML or JSON mappings of sections), applied in order; an entry
                whose id is already present replaces it.
            use_cache: read/write the pickled cache (``ENTENTE_CACHE_DIR`` or the user cache dir).
            data_dir: a folder to read the base files from instead of the shipped ones (tests,
                alternative bases); missing files leave their section empty.

        Returns:
            The knowledge base.

        Raises:
            KnowledgeBaseError: a file is missing, malformed or inconsistent (file and entry named).
        """
        if data_dir is not None:
            files = [Path(data_dir) / name for name in SHIPPED_FILES.values()]
        else:
            files = [_shipped_path(name) for name in SHIPPED_FILES.values()]
        extras = [Path(p).expanduser() for p in extra]
        for path in extras:
            if not path.is_file():
                raise KnowledgeBaseError(
                    f"knowledge-base file {path} not found", hint="check the --kb / ENTENTE_KB path"
                )
        key = _cache_key([p for p in files if p.is_file()] + extras)
        cache_file = _cache_dir() / f"kb-{key}.pickle" if use_cache else None
        if cache_file is not None and cache_file.is_file():
            try:
                with cache_file.open("rb") as fh:
                    cached = pickle.load(fh)
                if isinstance(cached, cls):
                    return cached
            except Exception:  # a stale or truncated cache is rebuilt, never fatal
                pass
        kb = cls._build(files, extras)
        if cache_file is not None:
            _write_cache(cache_file, kb)
        return kb

    @classmethod
    def _build(cls, shipped: list[Path], extras: list[Path]) -> KnowledgeBase:
        from entente.knowledge.index import build_index
        from entente.knowledge.validate import check_consistency, validate_section

        kb = cls(sources=tuple(str(p) for p in shipped + extras))
        origin: dict[tuple[str, str], str] = {}
        for section, path in zip(SHIPPED_FILES, shipped, strict=True):
            if not path.is_file():
                continue  # a section with no shipped file yet is simply empty
            data = _read(path)
            if data is None:
                continue
            validate_section(section, data, path)
            kb._merge(section, data, path, origin, replace=False)
        for path in extras:
            data = _read(path)
            if not isinstance(data, dict):
                raise KnowledgeBaseError(
                    f"{path}: an extension file must be a mapping of sections",
                    hint="top-level keys: " + ", ".join(SECTIONS),
                )
            validate_section(None, data, path)
            for section in SECTIONS:
                if section in data:
                    kb._merge(section, data[section], path, origin, replace=True)
        check_consistency(kb, origin)
        kb.index = build_index(kb)
        return kb

    def _merge(
        self,
        section: str,
        data: Any,
        path: Path,
        origin: dict[tuple[str, str], str],
        *,
        replace: bool,
    ) -> None:
        """Add one validated section; duplicates within the shipped data are errors."""
        if section in ("role_templates", "sectors"):
            for key, value in data.items():
                if section == "role_templates":
                    self.role_templates[key] = _role_template(key, value)
                else:
                    self.sectors[key] = _sector(key, value)
            return
        seen_here: set[str] = set()
        for number, raw in enumerate(data):
            entry = _ENTRY_BUILDERS[section](raw)
            key = entry.iso3 if isinstance(entry, State) else entry.id
            where = f"{path} entry {number + 1} ({key})"
            if key in seen_here or ((section, key) in origin and not replace):
                first = origin.get((section, key), str(path))
                raise KnowledgeBaseError(
                    f"{where}: duplicate {section} id {key!r} (first in {first})",
                    hint="ids must be unique; an extension file may replace a shipped entry",
                )
            seen_here.add(key)
            origin[(section, key)] = where
            getattr(self, section)[key] = entry

    # -- convenience look-ups used by the resolver, CLI and linking ---------------------------

    def state(self, code: str) -> State | None:
        """The state with this ISO3 (or CAMEO) code."""
        return self.states.get(code) or self.index.state_by_code.get(code)

    def organization(self, ref: str) -> Organization | None:
        """The organisation with this id or short name (case-insensitive)."""
        return self.organizations.get(ref) or self.index.org_by_ref.get(ref.lower())

    def holders(self, office_id: str, day: dt.date) -> list[Person]:
        """People holding an office on a day."""
        return [
            self.people[pid]
            for pid, term in self.index.terms_by_office.get(office_id, ())
            if term.covers(day)
        ]


def _shipped_path(name: str) -> Path:
    return Path(str(resources.files("entente.knowledge").joinpath("data", name)))


def schema_path() -> Path:
    """Path of the JSON Schema that knowledge-base files follow."""
    return Path(str(resources.files("entente.knowledge").joinpath("schema", "kb.schema.json")))


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"cannot read knowledge-base file {path}: {exc}") from exc
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=_KBLoader)  # _KBLoader is a safe loader
    except (yaml.YAMLError, ValueError) as exc:
        raise KnowledgeBaseError(
            f"{path} is not valid YAML/JSON: {exc}", hint="fix the syntax at the position shown"
        ) from exc


def _tuple(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(raw.get(key) or ())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _state(raw: dict[str, Any]) -> State:
    metonyms = tuple(
        Metonym(m) if isinstance(m, str) else Metonym(m["name"], m["sector"])
        for m in raw.get("metonyms") or ()
    )
    return State(
        id=raw["id"],
        iso3=raw["iso3"],
        name=raw["name"],
        iso2=raw.get("iso2"),
        official_name=raw.get("official_name"),
        aliases=_tuple(raw, "aliases"),
        demonyms=_tuple(raw, "demonyms"),
        prefixes=_tuple(raw, "prefixes"),
        capital=raw.get("capital"),
        metonyms=metonyms,
        un=raw.get("un") or "none",
        cameo=raw.get("cameo"),
        parent=raw.get("parent"),
        iso_assigned=raw.get("iso_assigned", True),
    )


def _organization(raw: dict[str, Any]) -> Organization:
    return Organization(
        id=raw["id"],
        name=raw["name"],
        cameo=raw["cameo"],
        short=raw.get("short"),
        aliases=_tuple(raw, "aliases"),
        sector=raw.get("sector") or "IGO",
        plover_sector=raw.get("plover_sector"),
        members=_tuple(raw, "members"),
        parent=raw.get("parent"),
        country=raw.get("country"),
        type=raw.get("type") or "org",
    )


def _office(raw: dict[str, Any]) -> Office:
    return Office(
        id=raw["id"],
        title=raw["title"],
        kind=raw["kind"],
        country=raw.get("country"),
        org=raw.get("org"),
        sector=raw.get("sector") or "GOV",
        leader=bool(raw.get("leader")),
        concurrent=bool(raw.get("concurrent")),
        phrases=_tuple(raw, "phrases"),
    )


def _person(raw: dict[str, Any]) -> Person:
    roles = tuple(
        Term(office=r["office"], start=_date(r.get("start")), end=_date(r.get("end")))
        for r in raw.get("roles") or ()
    )
    return Person(
        id=raw["id"],
        name=raw["name"],
        aliases=_tuple(raw, "aliases"),
        country=raw.get("country"),
        roles=roles,
    )


def _role_template(kind: str, raw: Any) -> RoleTemplate:
    if isinstance(raw, list):
        return RoleTemplate(kind=kind, templates=tuple(raw))
    return RoleTemplate(
        kind=kind,
        templates=_tuple(raw, "templates"),
        title=raw.get("title"),
        sector=raw.get("sector") or "GOV",
        rank=int(raw.get("rank", 50)),
        leader=bool(raw.get("leader")),
        org=bool(raw.get("org")),
    )


def _sector(code: str, raw: dict[str, Any]) -> Sector:
    return Sector(
        code=code, label=raw["label"], plover=raw.get("plover"), words=_tuple(raw, "words")
    )


_ENTRY_BUILDERS: dict[str, Any] = {
    "states": _state,
    "organizations": _organization,
    "offices": _office,
    "people": _person,
}


def _cache_dir() -> Path:
    env = os.environ.get("ENTENTE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "entente"


def _cache_key(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    here = Path(__file__).parent
    for module in ("kb.py", "index.py", "text.py", "validate.py"):
        # A change to the code that builds the pickled objects invalidates the cache.
        digest.update((here / module).read_bytes())
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def _write_cache(target: Path, kb: KnowledgeBase) -> None:
    """Write the cache atomically; a read-only or full disk only costs speed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        pass


@functools.lru_cache(maxsize=4)
def _default_kb(extras: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.load(extras)


def default_kb() -> KnowledgeBase:
    """The shipped base plus the files named in ``ENTENTE_KB``, loaded once per process."""
    from entente.config import Settings

    return _default_kb(tuple(Settings().kb_extra))


__all__ = [
    "KnowledgeBase",
    "Metonym",
    "Office",
    "Organization",
    "Person",
    "RoleTemplate",
    "Sector",
    "State",
    "Term",
    "default_kb",
    "normalize",
    "schema_path",
]

"""One settings object for the whole library, read from arguments and the environment.

Environment variables: ``ENTENTE_DB`` (database URL or SQLite path), ``ENTENTE_NLP`` (spaCy pipeline
name or path), ``ENTENTE_KB`` (extra knowledge-base files, separated by ``os.pathsep``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from entente.errors import ConfigError

DEFAULT_DB = "entente.db"
DEFAULT_NLP = "en_entente"


def database_url(value: str | None = None) -> str:
    """Turn a ``--db`` value (a path or a URL) into an SQLAlchemy URL.

    Args:
        value: a file path (``corpus.db``), ``sqlite:///...``, ``postgresql://...`` or None for
            ``ENTENTE_DB`` / the default ``./entente.db``.

    Returns:
        An SQLAlchemy database URL.
    """
    raw = value or os.environ.get("ENTENTE_DB") or DEFAULT_DB
    if "://" in raw:
        if raw.startswith("postgres://"):
            raw = "postgresql://" + raw[len("postgres://") :]
        if raw.startswith("postgresql://"):
            raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
        if not raw.startswith(("sqlite", "postgresql")):
            raise ConfigError(
                f"unsupported database URL {raw!r}",
                hint="use a file path, sqlite:///PATH or postgresql://USER@HOST/DB",
            )
        return raw
    if raw == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(raw).expanduser())


@dataclass
class IngestOptions:
    """Options for reading inputs: what to accept and how to fetch."""

    glob: str = "*"
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    user_agent: str = "entente/0.1 (+https://github.com/entente)"
    published: str | None = None  # --published, applies to every input of the batch
    outlet: str | None = None
    url: str | None = None
    # word 5-shingle Jaccard: a short article with one long sentence rewritten scores ~0.75;
    # different articles on the same story stay under 0.1
    near_duplicate_threshold: float = 0.6
    fetch_feed_items: bool = True


@dataclass
class Settings:
    """Settings shared by the library, CLI, API and web."""

    db_url: str = field(default_factory=database_url)
    nlp: str = field(default_factory=lambda: os.environ.get("ENTENTE_NLP") or DEFAULT_NLP)
    kb_extra: list[str] = field(
        default_factory=lambda: [p for p in os.environ.get("ENTENTE_KB", "").split(os.pathsep) if p]
    )
    batch_size: int = 16
    n_process: int = 1


def parse_date_option(value: str, *, option: str = "--published") -> str:
    """Validate a date given by hand and return it as ``YYYY-MM-DD``.

    Raises:
        ConfigError: the value is not an ISO date.
    """
    from datetime import date

    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ConfigError(
            f"{option} {value!r} is not a date", hint="write it as YYYY-MM-DD, e.g. 2023-03-22"
        ) from None

"""Settings of the REST API and web app: database, write token, limits, CORS."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from entente.config import database_url

TOKEN_ENV = "ENTENTE_API_TOKEN"


@dataclass
class ApiSettings:
    """What ``create_app`` needs.

    Attributes:
        db_url: database path or URL (see :func:`entente.config.database_url`).
        token: the bearer token ``POST /api/ingest`` requires; None makes the API read-only.
        max_body_bytes: largest request body accepted (413 above it).
        max_page_size: largest ``limit`` a listing accepts.
        default_page_size: ``limit`` when none is given.
        max_ingest_documents: most documents one ingest request may carry.
        cors_origins: origins allowed to call the API from a browser; empty means no CORS headers.
        analyzer: an :class:`entente.analysis.Analyzer` for ``analyse: true`` ingests (None: the
            shipped pipeline, loaded on first use).
    """

    db_url: str = field(default_factory=database_url)
    token: str | None = field(default_factory=lambda: os.environ.get(TOKEN_ENV) or None)
    max_body_bytes: int = 2_000_000
    max_page_size: int = 500
    default_page_size: int = 50
    max_ingest_documents: int = 50
    cors_origins: list[str] = field(default_factory=list)
    analyzer: object | None = None

"""The FastAPI application: REST routes under ``/api``, web pages at the root, static assets.

``create_app`` is the one entry point; ``entente serve`` runs what it returns with uvicorn, tests
drive it in-process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from entente import __version__
from entente.api import errors
from entente.api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from entente.api.routes import articles, events, ingest, reports
from entente.api.settings import ApiSettings
from entente.config import database_url
from entente.corpus import Corpus
from entente.web import STATIC_DIR
from entente.web import views as web_views

DESCRIPTION = """Read the event record Entente built from news coverage: articles with their
analyses, event mentions, story events merged across articles, timelines, trends, quotations,
full-text search and cited briefings. Every listing pages with `limit` and `offset` and says where
the next page starts (`next_offset`, null on the last page). Errors are JSON:
`{"error": {"status", "code", "message", "hint"}}`.

`POST /api/ingest` is the only write; it needs `Authorization: Bearer <token>` where the server
runs with `ENTENTE_API_TOKEN`, and answers 403 when no token is configured."""


def create_app(settings_or_db_url: ApiSettings | str | None = None) -> FastAPI:
    """Build the application.

    Args:
        settings_or_db_url: API settings, or a database path/URL (other settings from the
            environment), or None for ``ENTENTE_DB`` / ``./entente.db``.

    Returns:
        The FastAPI app; its corpus is closed when the app shuts down.

    Raises:
        StorageError: the database cannot be opened.
    """
    if isinstance(settings_or_db_url, ApiSettings):
        settings = settings_or_db_url
    else:
        settings = ApiSettings(db_url=database_url(settings_or_db_url))
    corpus = Corpus(settings.db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        corpus.close()

    app = FastAPI(
        title="Entente",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.corpus = corpus
    errors.install(app)
    for router in (articles.router, events.router, reports.router, ingest.router):
        app.include_router(router)
    app.include_router(web_views.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET"],
            allow_headers=["Authorization"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app

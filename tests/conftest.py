"""Shared fixtures: database URLs for SQLite and (when configured) a live PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
UD = REPO.parent / "shared" / "data" / "ud"
EXAMPLES = REPO / "examples" / "corpus"

PG_URL = os.environ.get("ENTENTE_TEST_PG_URL")
# CI sets ENTENTE_REQUIRE_PG=1 so that a missing server fails the run instead of skipping silently.
REQUIRE_PG = os.environ.get("ENTENTE_REQUIRE_PG") == "1"


@pytest.fixture
def seeds_dir() -> Path:
    """The seed corpus beside the repository (skips when absent)."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file."""
    return f"sqlite:///{tmp_path / 'test.db'}"


def _postgres_database() -> Iterator[str]:
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("ENTENTE_REQUIRE_PG=1 but ENTENTE_TEST_PG_URL is not set")
        pytest.skip("no PostgreSQL configured (set ENTENTE_TEST_PG_URL)")
    from sqlalchemy import create_engine, text

    from entente.config import database_url

    admin_url = database_url(PG_URL)
    name = "entente_t_" + uuid.uuid4().hex[:12]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - depends on the environment
        admin.dispose()
        if REQUIRE_PG:
            pytest.fail(f"cannot create a PostgreSQL test database: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    base, _, _ = admin_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (skips unless configured)."""
    yield from _postgres_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same storage contract tests run against SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
    else:
        yield from _postgres_database()

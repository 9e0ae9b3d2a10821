"""Opening a database: SQLite by default (WAL mode), PostgreSQL by URL, through the same code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from entente.errors import StorageError
from entente.store.migrations import migrate


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run beside the writer; synchronous=NORMAL is durable for committed
    # transactions across a process crash (kill -9), which is what one-transaction-per-article needs.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def open_engine(url: str, *, create: bool = True) -> Engine:
    """Create an engine for ``url`` and bring its schema up to date.

    Args:
        url: an SQLAlchemy URL (see :func:`entente.config.database_url`).
        create: run migrations (creating the database file for SQLite).

    Returns:
        A ready engine.

    Raises:
        StorageError: the database cannot be opened or migrated.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"invalid database URL {url!r}: {exc}") from exc
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            folder = Path(database).expanduser().parent
            if not folder.exists():
                raise StorageError(
                    f"cannot create database {database!r}: folder {str(folder)!r} does not exist",
                    hint="create the folder or pass another --db path",
                )
        kwargs["connect_args"] = {"check_same_thread": False}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if create:
            migrate(engine)
    except OperationalError as exc:
        raise StorageError(
            f"cannot open database {parsed.render_as_string(hide_password=True)}: {exc.orig}",
            hint="check the --db path or URL and that the server is running",
        ) from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"database error: {exc}") from exc
    return engine


def is_sqlite(engine: Engine) -> bool:
    """True when ``engine`` talks to SQLite."""
    return engine.dialect.name == "sqlite"

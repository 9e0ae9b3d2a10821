"""Small named schema migrations, recorded in ``schema_migrations``.

Each migration is a function of a connection; it runs once, inside a transaction, in list order.
Add new ones at the end; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, text

from entente.store import schema

Migration = Callable[[Connection], None]


def _base_tables(conn: Connection) -> None:
    tables = [
        schema.schema_migrations,
        schema.articles,
        schema.cited_sources,
        schema.article_bands,
        schema.analyses,
    ]
    schema.metadata.create_all(conn, tables=tables)


def _full_text(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        # A standalone FTS5 table keyed by article id: the writer inserts rows explicitly, so no
        # triggers are needed and the articles table keeps its text primary key.
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                "article_id UNINDEXED, title, text, tokenize='porter unicode61')"
            )
        )
    else:
        conn.execute(text("ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING GIN (tsv)"))


def _stories(conn: Connection) -> None:
    schema.metadata.create_all(
        conn, tables=[schema.story_events, schema.event_mentions, schema.quotes]
    )


def _api_indexes(conn: Connection) -> None:
    # Timelines filter story events by a pair of countries in either direction; without this, a
    # dyad query scans every event of its busier side. (Event mentions are listed newest article
    # first, which the articles' seq index already serves.)
    conn.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_story_dyad_countries ON story_events "
            "(source_country, target_country, sort_date)"
        )
    )


def _story_dyad_date(conn: Connection) -> None:
    # timelines of a pair walk this index in date order instead of sorting every match
    conn.execute(
        text("CREATE INDEX IF NOT EXISTS ix_story_dyad_date ON story_events (dyad, sort_date, id)")
    )
    conn.execute(
        text("CREATE INDEX IF NOT EXISTS ix_story_date_id ON story_events (sort_date, id)")
    )


def _ordered_walks(conn: Connection) -> None:
    # Pages of event mentions (newest article first) and of an actor's story events (date order)
    # walk an index that matches their filter and order and stop at the page's end, instead of
    # sorting every match: the indexes are declared in schema.py, which fresh databases get from
    # 0003; older ones get the mention's article seq copied in and the indexes created here.
    if "article_seq" not in {c["name"] for c in inspect(conn).get_columns("event_mentions")}:
        conn.execute(text("ALTER TABLE event_mentions ADD COLUMN article_seq INTEGER"))
    conn.execute(
        text(
            "UPDATE event_mentions SET article_seq = (SELECT seq FROM articles "
            "WHERE articles.id = event_mentions.article_id) WHERE article_seq IS NULL"
        )
    )
    declared = {
        str(ix.name): ix
        for table in (schema.event_mentions, schema.story_events)
        for ix in table.indexes
    }
    for name in (
        "ix_mentions_seq",
        "ix_mentions_source_seq",
        "ix_mentions_target_seq",
        "ix_mentions_dyad_seq",
        "ix_story_dyad_root_date",
        "ix_story_source_date",
        "ix_story_target_date",
        "ix_story_crossing_date",
        "ix_story_crossing_source",
        "ix_story_crossing_target",
        "ix_story_crossing_dyad",
    ):
        declared[name].create(conn, checkfirst=True)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_base_tables", _base_tables),
    ("0002_full_text", _full_text),
    ("0003_stories", _stories),
    ("0004_api_indexes", _api_indexes),
    ("0005_story_dyad_date", _story_dyad_date),
    ("0006_ordered_walks", _ordered_walks),
]


def applied(conn: Connection) -> set[str]:
    """Names of the migrations already applied."""
    if not inspect(conn).has_table("schema_migrations"):
        return set()
    return {row[0] for row in conn.execute(text("SELECT name FROM schema_migrations"))}


def migrate(engine: Engine, extra: list[tuple[str, Migration]] | None = None) -> list[str]:
    """Apply every pending migration; return the names applied now."""
    done_now: list[str] = []
    with engine.begin() as conn:
        done = applied(conn)
    for name, step in [*MIGRATIONS, *(extra or [])]:
        if name in done:
            continue
        with engine.begin() as conn:
            step(conn)
            if not inspect(conn).has_table("schema_migrations"):
                schema.metadata.create_all(conn, tables=[schema.schema_migrations])
            conn.execute(
                schema.schema_migrations.insert().values(
                    name=name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                )
            )
        done_now.append(name)
    return done_now

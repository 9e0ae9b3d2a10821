"""Migration 0006: mentions carry their article's seq, and the ordered-walk indexes exist."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select, text

from entente.store.database import open_engine
from entente.store.migrations import migrate
from entente.store.schema import articles, event_mentions
from helpers.stories_corpus import build_corpus

NEW_INDEXES = {
    "event_mentions": {
        "ix_mentions_seq",
        "ix_mentions_source_seq",
        "ix_mentions_target_seq",
        "ix_mentions_dyad_seq",
    },
    "story_events": {
        "ix_story_dyad_root_date",
        "ix_story_source_date",
        "ix_story_target_date",
        "ix_story_crossing_date",
        "ix_story_crossing_source",
        "ix_story_crossing_target",
        "ix_story_crossing_dyad",
    },
}


def _seqs(engine: Engine) -> list[tuple[object, object]]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(event_mentions.c.article_seq, articles.c.seq).join(
                    articles, articles.c.id == event_mentions.c.article_id
                )
            )
        )


def test_recorded_mentions_carry_their_articles_seq(db_url: str) -> None:
    engine = open_engine(db_url)
    build_corpus(engine)
    pairs = _seqs(engine)
    assert pairs and all(mine == theirs for mine, theirs in pairs)
    engine.dispose()


def test_an_older_store_is_upgraded_and_backfilled(db_url: str) -> None:
    engine = open_engine(db_url)
    build_corpus(engine)
    with engine.begin() as conn:  # take the store back to before 0006
        for names in NEW_INDEXES.values():
            for name in names:
                conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("ALTER TABLE event_mentions DROP COLUMN article_seq"))
        conn.execute(text("DELETE FROM schema_migrations WHERE name = '0006_ordered_walks'"))
    assert migrate(engine) == ["0006_ordered_walks"]
    pairs = _seqs(engine)
    assert pairs and all(mine == theirs for mine, theirs in pairs)
    insp = inspect(engine)
    for table, names in NEW_INDEXES.items():
        assert names <= {ix["name"] for ix in insp.get_indexes(table)}
    assert migrate(engine) == []
    engine.dispose()

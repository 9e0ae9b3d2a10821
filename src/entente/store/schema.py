"""Table definitions (SQLAlchemy Core) shared by SQLite and PostgreSQL.

Full-text search differs per dialect and is created by migrations: an FTS5 table on SQLite, a
``tsvector`` column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    literal_column,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("path", Text),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("authors", Text),  # JSON list
    Column("language", String(16)),
    Column("language_confidence", Float),
    Column("text", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("published_date", String(10)),
    Column("published_method", String(16), nullable=False),
    Column("published_earliest", String(10)),
    Column("published_latest", String(10)),
    Column("published_evidence", Text),
    Column("duplicate_of", String(200), ForeignKey("articles.id")),
    Column("similarity", Float),
    Column("minhash", LargeBinary),
    Column("removed", Text),  # JSON list of residue lines taken out
    Column("meta", Text),  # JSON object
    Column("ingested_at", String(40), nullable=False),
    Column("seq", Integer, nullable=False),  # ingest order, for stable listings and "first copy"
)
Index("ix_articles_published", articles.c.published_date)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_duplicate_of", articles.c.duplicate_of)
Index("ix_articles_seq", articles.c.seq)

cited_sources = Table(
    "cited_sources",
    metadata,
    Column(
        "article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("position", Integer, primary_key=True),
    Column("idx", Integer),
    Column("title", Text),
    Column("outlet", Text),
    Column("date", String(10)),
    Column("url", Text),
    Column("raw", Text),
)

# LSH band keys of each original article's MinHash signature: near-duplicate candidates are found
# with an indexed query instead of an in-memory index that would grow with the corpus.
article_bands = Table(
    "article_bands",
    metadata,
    Column("key", String(64), nullable=False),
    Column(
        "article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
)
Index("ix_article_bands_key", article_bands.c.key)
Index("ix_article_bands_article", article_bands.c.article_id)

analyses = Table(
    "analyses",
    metadata,
    Column(
        "article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("analysis", Text, nullable=False),  # JSON: the extract-schema object
    Column("pipeline", String(200)),
    Column("created_at", String(40), nullable=False),
)


# One row per event mention found in an article (GDELT's "mentions"), linked to its story event.
event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", String(250), primary_key=True),
    Column(
        "article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    Column("story_id", Integer, ForeignKey("story_events.id")),
    Column("source_name", Text),
    Column("source_code", String(40)),
    Column("source_country", String(3)),
    Column("source_id", String(100)),
    Column("target_name", Text),
    Column("target_code", String(40)),
    Column("target_country", String(3)),
    Column("target_id", String(100)),
    Column("cameo", String(4), nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("plover", String(20)),
    Column("modality", String(12), nullable=False),
    Column("date_value", String(10)),
    Column("date_precision", String(8)),
    Column("date_earliest", String(10)),
    Column("date_latest", String(10)),
    Column("date_text", Text),
    Column("location_name", Text),
    Column("location_country", String(3)),
    Column("evidence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("symmetric", Integer, nullable=False, default=0),
    Column("confidence", Float),
    # the article's seq, copied so that "newest article first" pages walk an index, no join
    Column("article_seq", Integer),
)
Index("ix_mentions_article", event_mentions.c.article_id)
Index("ix_mentions_story", event_mentions.c.story_id)
# Mention pages are ordered newest article first; each index serves one way of filtering them
# (none, one side's country, both sides' countries) in that order, so a page stops at its limit.
_MENTION_ORDER = (
    event_mentions.c.article_seq.desc(),
    event_mentions.c.evidence_start,
    event_mentions.c.id,
)
Index("ix_mentions_seq", *_MENTION_ORDER)
Index("ix_mentions_source_seq", event_mentions.c.source_country, *_MENTION_ORDER)
Index("ix_mentions_target_seq", event_mentions.c.target_country, *_MENTION_ORDER)
Index(
    "ix_mentions_dyad_seq",
    event_mentions.c.source_country,
    event_mentions.c.target_country,
    *_MENTION_ORDER,
)

# One row per real-world event, merged across articles: what timelines, trends and exports show.
story_events = Table(
    "story_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dyad", String(100), nullable=False),  # sorted "A|B" of the two sides' keys
    Column("source_name", Text),
    Column("source_country", String(3)),
    Column("source_code", String(40)),
    Column("source_id", String(100)),
    Column("target_name", Text),
    Column("target_country", String(3)),
    Column("target_code", String(40)),
    Column("target_id", String(100)),
    Column("cameo", String(4), nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("plover", String(20)),
    Column("status", String(12), nullable=False),  # occurred | planned | negated | hypothetical
    Column("symmetric", Integer, nullable=False, default=0),
    Column("date_value", String(10)),
    Column("date_precision", String(8)),
    Column("date_earliest", String(10)),
    Column("date_latest", String(10)),
    # the window's first day (never after date_earliest), for ordering; NULL when undated
    Column("sort_date", String(10)),
    Column("summary", Text),
    Column("location_name", Text),
    Column("location_country", String(3)),
    Column("num_mentions", Integer, nullable=False, default=0),
    Column("num_articles", Integer, nullable=False, default=0),
    Column("num_sources", Integer, nullable=False, default=0),
    Column("confidence", Float),
    Column("history", Text),  # JSON list: [{status, article_id, published, date}]
    Column("updated_at", String(40)),
)
Index("ix_story_dyad_root", story_events.c.dyad, story_events.c.cameo_root)
Index("ix_story_sort_date", story_events.c.sort_date)
Index("ix_story_source_country", story_events.c.source_country)
Index("ix_story_target_country", story_events.c.target_country)
# story events of a pair and one CAMEO root, in date order (the pair's events by root)
Index(
    "ix_story_dyad_root_date",
    story_events.c.dyad,
    story_events.c.cameo_root,
    story_events.c.sort_date,
    story_events.c.id,
)
# An actor's timeline reads its events as source and as target, each in date order; date_latest
# rides along so that a start date is checked without reading the row.
Index(
    "ix_story_source_date",
    story_events.c.source_country,
    story_events.c.sort_date,
    story_events.c.id,
    story_events.c.date_latest,
)
Index(
    "ix_story_target_date",
    story_events.c.target_country,
    story_events.c.sort_date,
    story_events.c.id,
    story_events.c.date_latest,
)


def _year_of(column: Any) -> Any:
    """The first four characters (the year) of an ISO date column."""
    # literal constants, not bound parameters: SQLite uses a partial index only when the query
    # repeats its WHERE term exactly
    return func.substr(column, literal_column("1"), literal_column("4"))


# Story events whose date window runs into a later year than the one it starts in (a winter, a
# range of years). Any other event that reaches a given day starts in that day's year or later, so
# a timeline with a start date walks its usual index from that year on, and walks one of these
# small partial twins, in the same order, for the crossing events that start earlier.
STORY_CROSSES_YEAR = _year_of(story_events.c.sort_date) != _year_of(story_events.c.date_latest)
for _name, _lead in (
    ("ix_story_crossing_date", ()),
    ("ix_story_crossing_source", (story_events.c.source_country,)),
    ("ix_story_crossing_target", (story_events.c.target_country,)),
    ("ix_story_crossing_dyad", (story_events.c.dyad,)),
):
    Index(
        _name,
        *_lead,
        story_events.c.sort_date,
        story_events.c.id,
        story_events.c.date_latest,
        sqlite_where=STORY_CROSSES_YEAR,
        postgresql_where=STORY_CROSSES_YEAR,
    )

quotes = Table(
    "quotes",
    metadata,
    Column(
        "article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("position", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker_name", Text),
    Column("speaker_country", String(3)),
    Column("speaker_id", String(100)),
    Column("speaker_text", Text),
)
Index("ix_quotes_speaker", quotes.c.speaker_name)

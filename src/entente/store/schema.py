"""Table definitions (SQLAlchemy Core) shared by SQLite and PostgreSQL.

Full-text search differs per dialect and is created by migrations: an FTS5 table on SQLite, a
``tsvector`` column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

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
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
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
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
)
Index("ix_article_bands_key", article_bands.c.key)
Index("ix_article_bands_article", article_bands.c.article_id)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("analysis", Text, nullable=False),  # JSON: the extract-schema object
    Column("pipeline", String(200)),
    Column("created_at", String(40), nullable=False),
)

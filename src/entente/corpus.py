"""The public service object: a corpus of articles in a database.

``Corpus`` is what the CLI, the REST API and users' scripts call. It wires the ingest stages
(:mod:`entente.ingest`) to storage (:mod:`entente.store`) and decides duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

import numpy as np
from sqlalchemy import Connection, Engine

from entente.config import IngestOptions, Settings, database_url
from entente.errors import EntenteError
from entente.ingest import dedup
from entente.ingest.prepare import prepare_article
from entente.ingest.sources import count_inputs, iter_inputs
from entente.models import Article, IngestFailure, RawDocument
from entente.store import articles as article_store
from entente.store.articles import ArticleFilter, SearchHit
from entente.store.database import open_engine

OutcomeStatus = Literal["ingested", "duplicate", "near_duplicate", "failed"]


@dataclass
class IngestOutcome:
    """What happened to one input."""

    label: str
    status: OutcomeStatus
    id: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    reason: str | None = None
    language: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class IngestReport:
    """The summary of a batch: ingested, duplicates and failures with reasons."""

    outcomes: list[IngestOutcome] = field(default_factory=list)

    def _of(self, *statuses: str) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def ingested(self) -> list[IngestOutcome]:
        return self._of("ingested")

    @property
    def duplicates(self) -> list[IngestOutcome]:
        return self._of("duplicate")

    @property
    def near_duplicates(self) -> list[IngestOutcome]:
        return self._of("near_duplicate")

    @property
    def failed(self) -> list[IngestOutcome]:
        return self._of("failed")

    @property
    def non_english(self) -> list[IngestOutcome]:
        return [o for o in self.ingested if o.language not in (None, "en")]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ingested": len(self.ingested),
            "near_duplicates": len(self.near_duplicates),
            "duplicates": len(self.duplicates),
            "failed": len(self.failed),
            "non_english": len(self.non_english),
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


ProgressCallback = Callable[[IngestOutcome], None]


@dataclass
class AnalyseReport:
    """What `Corpus.analyse` did."""

    analysed: int = 0
    events: int = 0
    quotes: int = 0
    stories: set[int] = field(default_factory=set)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysed": self.analysed,
            "events": self.events,
            "quotes": self.quotes,
            "story_events_touched": len(self.stories),
            "skipped": [{"id": i, "reason": r} for i, r in self.skipped],
        }


class Corpus:
    """A corpus of articles stored in SQLite (default) or PostgreSQL.

    Args:
        db: a path or database URL; None reads ``ENTENTE_DB`` or uses ``./entente.db``.
        settings: library settings; ``db`` wins over ``settings.db_url``.
    """

    def __init__(self, db: str | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.url = database_url(db) if db else self.settings.db_url
        self.engine: Engine = open_engine(self.url)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def ingest(
        self,
        inputs: Iterable[str],
        options: IngestOptions | None = None,
        *,
        progress: ProgressCallback | None = None,
        stdin: TextIO | None = None,
        client: Any = None,
    ) -> IngestReport:
        """Read, clean, date, deduplicate and store every input; one transaction per article.

        A bad input is reported in the result and skipped; the rest of the batch goes on.
        Re-running the same batch is a no-op for what is already stored.
        """
        options = options or IngestOptions()
        report = IngestReport()
        # One connection for the batch, one transaction per article on it: checking a connection
        # out of the pool and back for every statement cost more than the statements themselves.
        with self.engine.connect() as conn:
            for item in iter_inputs(inputs, options, client=client, stdin=stdin):
                outcome = self.add(item, options, connection=conn)
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome)
        return report

    def add(
        self,
        item: RawDocument | IngestFailure,
        options: IngestOptions | None = None,
        *,
        connection: Connection | None = None,
    ) -> IngestOutcome:
        """Store one raw document (or record one failure) and say what happened.

        ``connection`` is an open connection to reuse (:meth:`ingest` keeps one for its batch).
        The duplicate checks and the write run in one transaction, committed before this returns
        (or in the caller's, when the connection is already inside one).
        """
        options = options or IngestOptions()
        if isinstance(item, IngestFailure):
            return IngestOutcome(item.label, "failed", reason=item.reason)
        try:
            article = prepare_article(item, options)
        except EntenteError as exc:
            return IngestOutcome(item.label, "failed", reason=exc.message)
        with ExitStack() as stack:
            conn = connection or stack.enter_context(self.engine.connect())
            stack.enter_context(nullcontext() if conn.in_transaction() else conn.begin())
            existing = article_store.id_for_hash(conn, article.content_hash)
            if existing:
                return IngestOutcome(item.label, "duplicate", id=existing, duplicate_of=existing)
            signature = dedup.signature(article.text)
            keys = dedup.band_keys(signature)
            original, similarity = self._near_duplicate_of(
                signature, keys, options.near_duplicate_threshold, connection=conn
            )
            bands: list[str] = keys
            if original:
                article.duplicate_of, article.similarity = original, round(similarity, 4)
                bands = []  # copies are found through their original's bands
            stored = article_store.write_article(
                conn,
                article,
                minhash=np.asarray(signature, dtype=np.uint64).tobytes(),
                band_keys=bands,
            )
        status: OutcomeStatus = "near_duplicate" if original else "ingested"
        return IngestOutcome(
            item.label,
            status,
            id=stored,
            duplicate_of=original,
            similarity=article.similarity,
            language=article.language,
            published=article.published.date,
        )

    def _near_duplicate_of(
        self,
        signature: Any,
        keys: list[str],
        threshold: float,
        *,
        connection: Connection | None = None,
    ) -> tuple[str | None, float]:
        best: tuple[str | None, float] = (None, 0.0)
        candidates = article_store.band_candidates(connection or self.engine, keys)
        for cid, blob, parent in candidates:
            if blob is None:
                continue
            sim = dedup.similarity(signature, np.frombuffer(blob, dtype=np.uint64))
            if sim >= threshold and sim > best[1]:
                best = (parent or cid, sim)
        return best

    # -- analysis ----------------------------------------------------------------------------

    def analyse(
        self,
        ids: Iterable[str] | None = None,
        *,
        analyzer: Any = None,
        redo: bool = False,
        batch_size: int = 16,
        n_process: int = 1,
        progress: Callable[[str], None] | None = None,
    ) -> AnalyseReport:
        """Analyse stored articles and merge their events into story events.

        Args:
            ids: the articles to analyse; None means every original article not analysed yet
                (or all of them with ``redo``). Near duplicates are never analysed.
            analyzer: an :class:`entente.analysis.Analyzer` (None: the default pipeline and base).
            redo: analyse again articles that already have an analysis.
            batch_size: documents per ``nlp.pipe`` batch.
            n_process: parser processes.
            progress: called with each article id when it is done.

        Returns:
            Counts of analysed and skipped articles, events and story events touched.
        """
        from entente.analysis import default_analyzer
        from entente.stories.merge import record_analysis

        analyzer = analyzer or default_analyzer()
        todo = article_store.pending_analysis(self.engine, ids, redo=redo)
        report = AnalyseReport()

        def stream() -> Any:
            for aid in todo:
                yield self.article(aid)

        for analysis in analyzer.pipe(stream(), batch_size=batch_size, n_process=n_process):
            if analysis.notes and not analysis.events and not analysis.entities:
                report.skipped.append((analysis.article.id, "; ".join(analysis.notes)))
            touched = record_analysis(self.engine, analysis, pipeline=analyzer.nlp_name)
            report.analysed += 1
            report.events += len(analysis.events)
            report.quotes += len(analysis.quotes)
            report.stories.update(touched)
            if progress:
                progress(analysis.article.id)
        return report

    # -- reading -----------------------------------------------------------------------------

    def articles(self, flt: ArticleFilter | None = None, **filters: Any) -> list[Article]:
        """Articles in ingest order; keyword filters as in :class:`ArticleFilter`."""
        return article_store.list_articles(self.engine, flt or ArticleFilter(**filters))

    def article(self, article_id: str) -> Article:
        """One article with text and raw input (raises NotFoundError)."""
        return article_store.get_article(self.engine, article_id)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search, best first."""
        return article_store.search_articles(self.engine, query, limit=limit)

    def stats(self) -> dict[str, Any]:
        """Corpus counts."""
        return article_store.corpus_stats(self.engine)

    @staticmethod
    def count_inputs(inputs: Iterable[str], options: IngestOptions | None = None) -> int | None:
        """How many documents a batch holds, when cheap to know (for progress bars)."""
        return count_inputs(list(inputs), options or IngestOptions())

"""The project's example corpus (``examples/corpus``) built through the real pipeline.

This is what ``make demo`` does through ``entente ingest``: ingest every file (cleaning, dating,
duplicate detection), then analyse the new articles with the shipped model and merge their events
into story events. Tests that need realistic content use it; tests that need exact content use the
hand-built corpus in :mod:`helpers.stories_corpus`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from entente.analysis import Analyzer
from entente.config import IngestOptions
from entente.corpus import AnalyseReport, Corpus, IngestReport

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@dataclass
class ExampleBuild:
    """A database built from the example corpus and what building it reported."""

    url: str
    ingest: IngestReport
    analysis: AnalyseReport

    @property
    def ingested_ids(self) -> set[str]:
        """Ids of the original articles stored (near duplicates excluded)."""
        return {o.id for o in self.ingest.ingested if o.id}


def build_example_corpus(db: str | Path) -> ExampleBuild:
    """Ingest and analyse the example corpus into ``db`` (a path or URL), as the CLI does.

    Args:
        db: a SQLite path or database URL; it should be empty.

    Returns:
        The database URL with the ingest and analysis reports.
    """
    with Corpus(str(db)) as corpus:
        report = corpus.ingest([str(EXAMPLES)], IngestOptions())
        new = [o.id for o in report.ingested if o.id]
        # the same pipeline choice as `entente ingest --nlp`, which reads ENTENTE_NLP
        analyzer = Analyzer(nlp_name=os.environ.get("ENTENTE_NLP"))
        analysis = corpus.analyse(new, analyzer=analyzer)
        return ExampleBuild(url=corpus.url, ingest=report, analysis=analysis)

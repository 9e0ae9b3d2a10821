"""The corpus service end to end: ingest, duplicates, dating, resumability."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entente.config import IngestOptions
from entente.corpus import Corpus

RESIDUE = ["Oops!", "Something went wrong", "Please try again later", "Check author posts"]


def _gold(seeds: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (seeds / "gold.jsonl").read_text().splitlines() if line]
    return {r["id"]: r for r in rows}


def test_seeds_ingest_clean_date_and_references(seeds_dir: Path, db_url: str) -> None:
    with Corpus(db_url) as corpus:
        report = corpus.ingest(sorted(str(p) for p in seeds_dir.glob("*.txt")))
        assert len(report.ingested) == 5 and not report.failed
        arts = {a.id: a for a in corpus.articles()}
        gold = _gold(seeds_dir)
        assert set(arts) == set(gold)
        for aid, want in gold.items():
            got = arts[aid].published
            pub = want["published"]
            if pub["date"] is None:
                assert got.date is None, aid
            elif got.date is None:
                assert pub.get("accept_unknown"), aid
            else:
                assert pub["earliest"] <= got.date <= pub["latest"], (aid, got)
            assert got.method in {"given", "metadata", "text", "inferred", "unknown"}
            if got.date is None:
                assert got.method == "unknown"
        for aid in ("001_3a7520cf9df8c326", "002_e9d4ed5b4456c894"):
            text = corpus.article(aid).text
            for residue in RESIDUE:
                assert residue not in text, (aid, residue)
        refs = corpus.article("000_e687dbdb57a9d939").cited_sources
        assert len(refs) == 5
        assert refs[0].outlet and "Jerusalem Post" in refs[0].outlet
        assert refs[0].date == "2023-02-21" and refs[-1].date == "2023-02-22"
        # the raw input is kept beside the cleaned text
        assert "Oops!" in corpus.article("001_3a7520cf9df8c326").raw


def test_reingest_is_a_noop_and_near_duplicate_is_linked(
    seeds_dir: Path, tmp_path: Path, db_url: str
) -> None:
    seed = seeds_dir / "002_e9d4ed5b4456c894.txt"
    text = seed.read_text(encoding="utf-8")
    first_sentence_end = text.index(".", text.index("On March 22")) + 1
    copy = tmp_path / "copy_of_002.txt"
    copy.write_text(
        text[:first_sentence_end].replace("returned to China", "flew home to China")
        + text[first_sentence_end:],
        encoding="utf-8",
    )
    with Corpus(db_url) as corpus:
        corpus.ingest([str(seed)])
        again = corpus.ingest([str(seed)])
        assert [o.status for o in again.outcomes] == ["duplicate"]
        near = corpus.ingest([str(copy)])
        assert [o.status for o in near.outcomes] == ["near_duplicate"]
        assert near.outcomes[0].duplicate_of == "002_e9d4ed5b4456c894"
        assert near.outcomes[0].similarity is not None and near.outcomes[0].similarity >= 0.6
        assert corpus.stats()["articles"] == 2 and corpus.stats()["duplicates"] == 1


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path, sqlite_url: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Leaders meet\n\nThe two foreign ministers met in Geneva on Monday to discuss"
        " a ceasefire and the exchange of prisoners.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with Corpus(sqlite_url) as corpus:
        report = corpus.ingest([str(good), str(empty), str(binary), str(tmp_path / "missing.txt")])
    assert len(report.ingested) == 1
    assert len(report.failed) == 3
    assert all(o.reason for o in report.failed)


def test_publication_date_never_defaults_to_ingest_time(tmp_path: Path, sqlite_url: str) -> None:
    f = tmp_path / "undated.txt"
    f.write_text(
        "Ministers met again\n\nThe ministers met again and promised further talks soon.\n",
        encoding="utf-8",
    )
    with Corpus(sqlite_url) as corpus:
        corpus.ingest([str(f)])
        art = corpus.articles()[0]
    assert art.published.date is None and art.published.method == "unknown"


def test_given_date_and_metadata_override(tmp_path: Path, sqlite_url: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Talks held\n\nOfficials held talks in Vienna on nuclear monitoring.\n")
    with Corpus(sqlite_url) as corpus:
        corpus.ingest(
            [str(f)],
            IngestOptions(published="2021-04-06", outlet="Wire", url="https://example.org/a"),
        )
        art = corpus.articles()[0]
    assert (art.published.date, art.published.method) == ("2021-04-06", "given")
    assert art.outlet == "Wire" and art.url == "https://example.org/a"


def test_search_finds_ingested_text(seeds_dir: Path, sqlite_url: str) -> None:
    with Corpus(sqlite_url) as corpus:
        corpus.ingest([str(seeds_dir)], IngestOptions(glob="*.txt"))
        hits = corpus.search("Harbin")
    assert [h.id for h in hits] == ["004_13c2d92e542bc94b"]


_KILL_SCRIPT = """
import sys
from entente.corpus import Corpus
with Corpus(sys.argv[1]) as corpus:
    def slow(outcome):
        print(outcome.status, outcome.id, flush=True)
    corpus.ingest([sys.argv[2]], progress=slow)
"""


def test_sigkill_mid_batch_loses_nothing_committed(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(400):
        (folder / f"doc{i:04d}.txt").write_text(
            f"Report {i}\n\n" + " ".join(f"word{(i * 7919 + j) % 100003}" for j in range(300)),
            encoding="utf-8",
        )
    db = tmp_path / "kill.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, str(db), str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    seen = 0
    deadline = time.monotonic() + 120
    while seen < 50 and time.monotonic() < deadline:
        if proc.stdout.readline().startswith("ingested"):
            seen += 1
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Corpus(str(db)) as corpus:
        stored = corpus.stats()["articles"]
        assert stored >= 50
        # every stored row is whole: its text and search entry are there
        for art in corpus.articles(limit=5):
            assert corpus.article(art.id).text
        if stored < 400:
            report = corpus.ingest([str(folder)])
            assert len(report.ingested) == 400 - stored
            assert len(report.duplicates) == stored
        assert corpus.stats()["articles"] == 400
        assert len(corpus.search("word17")) >= 1


@pytest.mark.parametrize(
    "lang_text",
    [
        "Les ministres des affaires étrangères se sont réunis lundi à Genève pour discuter d'un "
        "cessez-le-feu et de l'échange de prisonniers entre les deux pays voisins.",
    ],
)
def test_non_english_is_stored_and_flagged(tmp_path: Path, sqlite_url: str, lang_text: str) -> None:
    f = tmp_path / "fr.txt"
    f.write_text(lang_text, encoding="utf-8")
    with Corpus(sqlite_url) as corpus:
        report = corpus.ingest([str(f)])
    assert len(report.ingested) == 1 and report.ingested[0].language == "fr"
    assert len(report.non_english) == 1


def test_add_on_a_shared_connection_commits_each_article(tmp_path: Path, sqlite_url: str) -> None:
    from entente.models import RawDocument

    body = "Envoys from Chile and Norway met in Oslo on Tuesday to sign a fisheries pact."

    def doc(label: str, text: str) -> RawDocument:
        return RawDocument(content=text, content_type="text", path=label, extra={"label": label})

    with Corpus(sqlite_url) as corpus, corpus.engine.connect() as conn:
        first = corpus.add(doc("a.txt", body), connection=conn)
        assert first.status == "ingested" and not conn.in_transaction()
        again = corpus.add(doc("b.txt", body), connection=conn)
        assert again.status == "duplicate" and again.duplicate_of == first.id
        # In the caller's transaction the article is the caller's to commit or roll back.
        with conn.begin() as transaction:
            other = corpus.add(doc("c.txt", body + " Talks resume in May."), connection=conn)
            assert other.status in ("ingested", "near_duplicate")
            transaction.rollback()
        assert [a.id for a in corpus.articles()] == [first.id]

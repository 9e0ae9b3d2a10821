"""The command line, driven in-process with Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from entente.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_articles_show_search_stats(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    code, _out, err = _run(
        "ingest", *sorted(str(p) for p in seeds_dir.glob("*.txt")), "--db", db, "--no-analyse"
    )
    assert code == 0, err
    assert "ingested" in err
    code, out, _ = _run("articles", "--json", "--db", db)
    rows = json.loads(out)
    assert len(rows) == 5
    for row in rows:
        assert {
            "id",
            "path",
            "url",
            "title",
            "outlet",
            "language",
            "published",
            "duplicate_of",
        } <= set(row)
        assert {"date", "method", "earliest", "latest", "evidence"} <= set(row["published"])
        assert "text" not in row
    code, out, _ = _run("show", "000_e687dbdb57a9d939", "--json", "--db", db)
    shown = json.loads(out)
    assert "text" in shown and "raw" in shown and len(shown["cited_sources"]) == 5
    code, out, _ = _run("search", "Harbin", "--json", "--db", db)
    assert [h["id"] for h in json.loads(out)] == ["004_13c2d92e542bc94b"]
    code, out, _ = _run("stats", "--json", "--db", db)
    assert json.loads(out)["articles"] == 5
    # a second run adds nothing and still succeeds
    code, _out, err = _run("ingest", str(seeds_dir), "--glob", "*.txt", "--db", db, "--no-analyse")
    assert code == 0
    code, out, _ = _run("stats", "--json", "--db", db)
    assert json.loads(out)["articles"] == 5


def test_nothing_ingestible_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _out, err = _run("ingest", str(empty), "--db", str(tmp_path / "x.db"))
    assert code == 1
    assert "Traceback" not in err and "empty" in err.lower()


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    code, _out, err = _run("show", "nope", "--db", str(tmp_path / "x.db"))
    assert code == 2 and "no article with id 'nope'" in err and "Traceback" not in err
    code, _out, err = _run(
        "ingest", "x.txt", "--published", "yesterday", "--db", str(tmp_path / "x.db")
    )
    assert code == 2 and "YYYY-MM-DD" in err
    code, _out, err = _run("articles", "--db", str(tmp_path / "missing" / "x.db"))
    assert code == 2 and "does not exist" in err


def test_version() -> None:
    code, out, _ = _run("--version")
    assert code == 0 and out.startswith("entente ")

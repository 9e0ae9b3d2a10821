from __future__ import annotations

import json
from pathlib import Path

import spacy
from typer.testing import CliRunner

from entente.cli.model import app

runner = CliRunner()


def _blank_with_ner(tmp_path: Path) -> Path:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Oslo"}])  # type: ignore[attr-defined]
    nlp.to_disk(tmp_path / "pipe")
    return tmp_path / "pipe"


def test_evaluate_prints_json(tiny_conllu: Path, tmp_path: Path) -> None:
    pipe = _blank_with_ner(tmp_path)
    result = runner.invoke(app, ["evaluate", str(tiny_conllu), "--nlp", str(pipe), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["words"] == 20
    assert data["ents_per_type"]["GPE"]["p"] == 1.0


def test_evaluate_renders_tables(tiny_conllu: Path, tmp_path: Path) -> None:
    pipe = _blank_with_ner(tmp_path)
    result = runner.invoke(app, ["evaluate", str(tiny_conllu), "--nlp", str(pipe)])
    assert result.exit_code == 0, result.output
    assert "UAS" in result.output and "GPE" in result.output


def test_missing_pipeline_is_a_clean_error(tiny_conllu: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(tiny_conllu), "--nlp", "en_not_installed_zz"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_the_entente_command_has_the_model_group(tiny_conllu: Path, tmp_path: Path) -> None:
    from entente.cli import app as entente_app

    pipe = _blank_with_ner(tmp_path)
    args = ["model", "evaluate", str(tiny_conllu), "--nlp", str(pipe), "--json"]
    result = runner.invoke(entente_app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["words"] == 20
    assert "model" in runner.invoke(entente_app, ["--help"]).output


def test_evaluate_with_gold_sentences(tiny_conllu: Path, tmp_path: Path) -> None:
    pipe = _blank_with_ner(tmp_path)
    args = ["evaluate", str(tiny_conllu), "--nlp", str(pipe), "--gold-sentences"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["gold_sentences"] is True and data["sents_f"] == 1.0
    table = runner.invoke(app, args)
    assert "goldtokensandsentences" in "".join(table.output.split())  # the title may wrap
    clash = runner.invoke(app, [*args, "--raw-text"])
    assert clash.exit_code != 0 and "gold tokens" in clash.output

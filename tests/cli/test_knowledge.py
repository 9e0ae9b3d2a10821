"""`entente resolve` and `entente actors`, driven in-process with Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from entente.cli.knowledge import register


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


runner = CliRunner()


def test_resolve_prints_the_actor_as_json(app: typer.Typer) -> None:
    result = runner.invoke(app, ["resolve", "China's top diplomat", "--date", "2023-02-22"])
    assert result.exit_code == 0, result.output
    actor = json.loads(result.stdout)
    assert set(actor) >= {"name", "code", "country", "org", "id", "role"}
    assert (actor["name"], actor["code"], actor["country"]) == ("Wang Yi", "CHNGOV", "CHN")


def test_resolve_table_and_no_actor(app: typer.Typer) -> None:
    result = runner.invoke(app, ["resolve", "the Kremlin", "--format", "table"])
    assert result.exit_code == 0
    assert "RUSGOV" in result.stdout
    result = runner.invoke(app, ["resolve", "turkey"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) is None


def test_resolve_with_an_extension_file(app: typer.Typer, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "people:\n"
        "  - id: person:qiu-madeup\n"
        "    name: Qiu Madeup\n"
        "    country: CHN\n"
        "    roles: [{office: chn.mfa_spokesperson, start: 2030-01-01, end: null}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["resolve", "Qiu Madeup", "--date", "2030-06-01", "--kb", str(extra)]
    )
    assert result.exit_code == 0, result.output
    actor = json.loads(result.stdout)
    assert actor["id"] == "person:qiu-madeup" and actor["code"] == "CHNGOV"


def test_user_errors_exit_2_without_traceback(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["resolve", "Putin", "--date", "2023-13-45"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("states: [{id: Q1, iso3: toolong, name: X}]\n", encoding="utf-8")
    result = runner.invoke(app, ["resolve", "Putin", "--kb", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output


def test_actors_lists_and_filters(app: typer.Typer) -> None:
    result = runner.invoke(app, ["actors", "medvedev", "--date", "2009-06-01", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["name"] == "Dmitry Medvedev"
    assert rows[0]["role"] == "President of Russia"
    result = runner.invoke(app, ["actors", "korea", "--kind", "state", "--json"])
    codes = {row["code"] for row in json.loads(result.stdout)}
    assert {"KOR", "PRK"} <= codes
    result = runner.invoke(app, ["actors", "NATO"])
    assert result.exit_code == 0 and "IGOWSTNAT" in result.stdout

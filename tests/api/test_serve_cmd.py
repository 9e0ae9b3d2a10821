"""`entente serve`: loopback by default, the database passed through, a warning when exposed."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from entente.cli import serve_cmds


def _app() -> typer.Typer:
    app = typer.Typer()
    serve_cmds.register(app)

    @app.command()
    def _other() -> None:  # a second command keeps `serve` a named subcommand
        pass

    return app


def test_serve_defaults_to_loopback(monkeypatch, db_path) -> None:
    seen: dict[str, object] = {}

    def fake_run(app, host, port, log_level):  # type: ignore[no-untyped-def]
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.delenv("ENTENTE_API_TOKEN", raising=False)
    result = CliRunner().invoke(_app(), ["serve", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert seen["app"].state.settings.token is None  # type: ignore[attr-defined]
    assert "read-only" in result.output


def test_serve_warns_off_loopback(monkeypatch, db_path) -> None:
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    result = CliRunner().invoke(
        _app(), ["serve", "--db", str(db_path), "--host", "0.0.0.0", "--port", "9000"]
    )
    assert result.exit_code == 0 and "warning" in result.output


def test_serve_bad_database_is_a_clean_error(tmp_path) -> None:
    result = CliRunner().invoke(_app(), ["serve", "--db", str(tmp_path / "no" / "x.db")])
    assert result.exit_code == 2 and "E020" in result.output and "Traceback" not in result.output

"""Documentation stays in step with the code: every command is documented."""

from __future__ import annotations

from pathlib import Path

from entente.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return names


def test_every_command_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [name for name in _commands() if f"`entente {name}" not in text]
    assert not missing, f"commands missing from docs/cli.md: {missing}"

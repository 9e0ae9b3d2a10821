"""The `entente` command line: a thin Typer veneer over the library."""

from __future__ import annotations

from typing import Annotated

import typer

from entente import __version__
from entente.cli import (
    analysis_cmds,
    corpus_cmds,
    knowledge,
    model,
    report_cmds,
    serve_cmds,
    story_cmds,
)

app = typer.Typer(
    name="entente",
    help="Turn news coverage of international relations into a sourced event record.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"entente {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Entente command line."""


corpus_cmds.register(app)
analysis_cmds.register(app)
knowledge.register(app)
story_cmds.register(app)
report_cmds.register(app)
serve_cmds.register(app)
app.add_typer(model.app, name="model")


def main() -> None:
    """Console-script entry point."""
    app()

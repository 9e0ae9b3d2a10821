"""`entente resolve` and `entente actors`: look up actors in the knowledge base."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from entente.cli.common import JsonOption, console, print_json, user_errors
from entente.errors import InputError
from entente.knowledge.kb import KnowledgeBase

KbOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb",
        help="Extra knowledge-base file (YAML/JSON); repeat for several. Added to $ENTENTE_KB.",
        exists=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="Date the text speaks of, YYYY-MM-DD (roles held that day; default: today)."
    ),
]


class OutputFormat(StrEnum):
    """How `entente resolve` prints the actor."""

    json = "json"
    table = "table"


class ActorKind(StrEnum):
    """Kinds `entente actors` can list."""

    state = "state"
    org = "org"
    person = "person"


def _load(extra: list[Path] | None) -> KnowledgeBase:
    from entente.config import Settings
    from entente.knowledge.kb import default_kb

    if not extra:
        return default_kb()
    return KnowledgeBase.load([*Settings().kb_extra, *map(str, extra)])


def _check_date(value: str | None) -> None:
    from entente.knowledge.resolve import as_date

    if value is None:
        return
    try:
        as_date(value)
    except ValueError:
        raise InputError(f"--date {value!r} is not a date", hint="use YYYY-MM-DD") from None


def resolve_command(
    mention: Annotated[
        str, typer.Argument(help='The text naming the actor, e.g. "China\'s top diplomat".')
    ],
    date: DateOption = None,
    context: Annotated[
        str | None,
        typer.Option("--context", help="Sentence around the mention (settles ambiguous names)."),
    ] = None,
    kb: KbOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="json or table.")] = (
        OutputFormat.json
    ),
) -> None:
    """Resolve one mention to an actor (code, country, role on the date)."""
    from entente.knowledge.resolve import resolve

    _check_date(date)
    actor = resolve(mention, date, context, kb=_load(kb))
    data = actor.to_dict() if actor is not None else None
    if output is OutputFormat.json:
        print_json(data)
        return
    if data is None:
        console.print(f"[yellow]{mention!r} names no actor[/]")
        return
    table = Table(title=mention, show_header=False)
    for key, value in data.items():
        table.add_row(key, "" if value is None else str(value))
    console.print(table)


def actors_command(
    query: Annotated[str | None, typer.Argument(help="Text in a name, alias or code.")] = None,
    kind: Annotated[ActorKind | None, typer.Option("--kind", help="Only this kind.")] = None,
    date: DateOption = None,
    kb: KbOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Most rows to show (0 = all).")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List or search the states, organisations and people the knowledge base knows."""
    from entente.knowledge.catalog import list_actors

    _check_date(date)
    rows = list_actors(
        query, kind=kind.value if kind else None, date=date, kb=_load(kb), limit=limit or None
    )
    if as_json:
        print_json([row.to_dict() for row in rows])
        return
    table = Table(title=f"{len(rows)} actors" + (f" matching {query!r}" if query else ""))
    for column in ("kind", "name", "code", "country", "role", "id"):
        table.add_column(column)
    for row in rows:
        table.add_row(row.kind, row.name, row.code or "", row.country or "", row.role or "", row.id)
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the top-level `resolve` and `actors` commands to ``app``."""
    app.command("resolve")(user_errors(resolve_command))
    app.command("actors")(user_errors(actors_command))

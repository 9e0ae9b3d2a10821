"""Reporting commands: trend, brief, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from entente.cli.common import DbOption, err_console, print_json, user_errors
from entente.corpus import Corpus


@user_errors
def trend(
    a: Annotated[str, typer.Argument(help="First actor (ISO3).")],
    b: Annotated[str, typer.Argument(help="Second actor (ISO3).")],
    db: DbOption = None,
    png: Annotated[
        Path | None, typer.Option("--png", help="Draw the chart to this PNG file.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (the default without --png).")
    ] = False,
) -> None:
    """Monthly cooperation–conflict trend for a pair of actors (QuadClass counts, Goldstein)."""
    from entente.stories.trend import dyad_trend, trend_png

    with Corpus(db) as corpus:
        points = dyad_trend(corpus.engine, a.upper(), b.upper(), since=since, until=until)
    if png is not None:
        if not points:
            err_console.print(
                f"[yellow]no dated, occurred events between {a} and {b}: nothing to draw[/]"
            )
            raise typer.Exit(1)
        trend_png(points, a.upper(), b.upper(), png)
        err_console.print(f"wrote {png} ({len(points)} months)")
    if as_json or png is None:
        print_json({"dyad": [a.upper(), b.upper()], "months": [p.to_dict() for p in points]})


@user_errors
def brief(
    actor: Annotated[
        list[str], typer.Option("--actor", help="ISO3 code or name; repeat for a pair.")
    ],
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    llm_url: Annotated[
        str | None,
        typer.Option("--llm-url", help="OpenAI-compatible endpoint for abstractive mode."),
    ] = None,
    llm_model: Annotated[
        str, typer.Option("--llm-model", help="Model name sent to --llm-url.")
    ] = "default",
) -> None:
    """A briefing in which every sentence cites its sources (checked against them)."""
    from entente.stories.brief import build_brief, render_html, render_markdown

    with Corpus(db) as corpus:
        if llm_url:
            from entente.stories.llm import abstractive_brief

            result = abstractive_brief(
                corpus.engine, actor, llm_url, model=llm_model, since=since, until=until
            )
        else:
            result = build_brief(corpus.engine, actor, since=since, until=until)
    if fmt == "html":
        typer.echo(render_html(result))
    elif fmt == "md":
        typer.echo(render_markdown(result))
    else:
        raise typer.BadParameter("--format must be md or html")
    for d in result.dropped:
        err_console.print(
            f"[yellow]dropped[/] {escape(d['sentence'][:100])}: {escape(d['reason'])}"
        )


@user_errors
def export(
    table: Annotated[str, typer.Argument(help="events, mentions or timeline.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOption = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, parquet or jsonl (default: from --out).")
    ] = None,
) -> None:
    """Export story events (GDELT-style), mentions or the timeline for analysts."""
    from entente.stories.export import export as run_export

    fmt = fmt or {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl"}.get(out.suffix, "csv")
    with Corpus(db) as corpus:
        n = run_export(corpus.engine, table, fmt, out)  # type: ignore[arg-type]
    err_console.print(f"wrote {n} rows to {out}")


def register(app: typer.Typer) -> None:
    """Add the reporting commands to ``app``."""
    app.command()(trend)
    app.command()(brief)
    app.command()(export)

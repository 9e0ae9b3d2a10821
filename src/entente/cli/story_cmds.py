"""Story commands: analyse, timeline (trend, brief and export live beside them)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from entente.cli.common import DbOption, console, err_console, print_json, user_errors
from entente.corpus import Corpus
from entente.stories.timeline import TimelineQuery, timeline


@user_errors
def analyse(
    db: DbOption = None,
    ids: Annotated[
        list[str] | None, typer.Argument(help="Article ids (default: all pending).")
    ] = None,
    redo: Annotated[bool, typer.Option(help="Analyse again articles already analysed.")] = False,
    nlp: Annotated[
        str | None, typer.Option("--nlp", envvar="ENTENTE_NLP", help="spaCy pipeline name or path.")
    ] = None,
    processes: Annotated[int, typer.Option("--processes", "-j", help="Parser processes.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Analyse stored articles (events, dates, quotes) and merge events into story events."""
    from rich.progress import Progress

    from entente.analysis import Analyzer

    with Corpus(db) as corpus:
        analyzer = Analyzer(nlp_name=nlp)
        with Progress(
            console=err_console, transient=True, disable=not err_console.is_terminal
        ) as bar:
            task = bar.add_task("analysing", total=None)
            report = corpus.analyse(
                ids,
                analyzer=analyzer,
                redo=redo,
                n_process=processes,
                progress=lambda _id: bar.advance(task),
            )
    if as_json:
        print_json(report.to_dict())
    else:
        err_console.print(
            f"analysed {report.analysed} articles: {report.events} events, "
            f"{report.quotes} quotes, {len(report.stories)} story events updated"
        )
        for aid, why in report.skipped:
            err_console.print(f"  [yellow]skipped[/] {escape(aid)}: {escape(why)}")


def _render_table(tl_entries: list, title: str) -> None:
    table = Table("date", "event", "actors", "status", "sources", title=title, show_lines=True)
    for e in tl_entries:
        date = e.date["value"] or "undated"
        if e.date.get("precision") and e.date["precision"] != "day" and e.date["value"]:
            date += f" ({e.date['precision']})"
        actors = " → ".join(a["name"] or "?" for a in e.actors if a["name"])
        cites = ", ".join(s["doc_id"] for s in e.sources)
        table.add_row(
            date,
            f"[bold]{escape(e.cameo_name)}[/] ({e.cameo})\n{escape(e.summary)}",
            escape(actors),
            e.status,
            escape(cites),
        )
    console.print(table)


def _markdown(data: dict, title: str) -> str:
    lines = [f"# {title}", ""]
    for group, heading in (("entries", None), ("undated", "Undated")):
        if heading and data[group]:
            lines += ["", f"## {heading}", ""]
        for e in data[group]:
            date = e["date"]["value"] or "undated"
            cites = "; ".join(
                f"{s['outlet'] or s['doc_id']} ({s['published'] or 'n.d.'})" for s in e["sources"]
            )
            lines.append(
                f"- **{date}** — {e['cameo_name']} ({e['status']}): {e['summary']} _[{cites}]_"
            )
    return "\n".join(lines) + "\n"


@user_errors
def timeline_cmd(
    db: DbOption = None,
    actor: Annotated[
        list[str] | None, typer.Option("--actor", help="ISO3, CAMEO code or name; repeatable.")
    ] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option("--dyad", help="Two actors, either order.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    root: Annotated[
        list[str] | None, typer.Option("--type", help="CAMEO root code(s), e.g. 04.")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="occurred, planned, negated, hypothetical.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json, md or html.")] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many entries.")] = None,
) -> None:
    """One entry per story event, in date order, with every source that reports it."""
    q = TimelineQuery(
        actors=actor or [],
        dyad=dyad,
        since=since,
        until=until,
        roots=root or [],
        statuses=status or [],
        limit=limit,
    )
    with Corpus(db) as corpus:
        tl = timeline(corpus.engine, q)
    title = "Timeline" + (
        f": {' – '.join(dyad)}" if dyad else f": {', '.join(actor)}" if actor else ""
    )
    if fmt == "json":
        print_json(tl.to_dict())
    elif fmt == "md":
        typer.echo(_markdown(tl.to_dict(), title))
    elif fmt == "html":
        from entente.stories.render import timeline_html

        typer.echo(timeline_html(tl.to_dict(), title))
    elif fmt == "table":
        _render_table(tl.entries, title)
        if tl.undated:
            _render_table(tl.undated, "Undated")
    else:
        raise typer.BadParameter("--format must be table, json, md or html")


def register(app: typer.Typer) -> None:
    """Add the story commands to ``app``."""
    app.command()(analyse)
    app.command("timeline")(timeline_cmd)

"""Analysis commands: extract (no database needed) and eval (score against a gold file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from entente.cli.common import console, err_console, print_json, print_jsonl, user_errors
from entente.config import IngestOptions, parse_date_option
from entente.models import Analysis, IngestFailure

NlpOption = Annotated[
    str | None,
    typer.Option(
        "--nlp",
        envvar="ENTENTE_NLP",
        show_envvar=True,
        help="spaCy pipeline name or path (default: the shipped en_entente).",
    ),
]
KbOption = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra knowledge-base YAML file(s) merged over the shipped base."),
]


def _analyzer(nlp: str | None, kb: list[Path] | None):
    from entente.analysis import Analyzer
    from entente.knowledge.kb import KnowledgeBase

    knowledge = KnowledgeBase.load([str(p) for p in kb]) if kb else None
    return Analyzer(nlp_name=nlp, kb=knowledge)


@user_errors
def extract(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, URLs, feeds, WARC, JSON, or -.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every input.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (one object per line) or json.")
    ] = "jsonl",
    nlp: NlpOption = None,
    kb: KbOption = None,
    glob: Annotated[str, typer.Option(help="File pattern inside directories.")] = "*",
    batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch.")] = 16,
    processes: Annotated[
        int, typer.Option("--processes", "-j", help="Worker processes for parsing.")
    ] = 1,
    allow_private: Annotated[
        bool, typer.Option(help="Allow URLs on loopback/private addresses.")
    ] = False,
) -> None:
    """Analyse documents and print entities, events, dates and quotes as JSON (no database)."""
    from entente.analysis import extract as run_extract

    if fmt not in {"jsonl", "json"}:
        raise typer.BadParameter("--format must be jsonl or json")
    options = IngestOptions(
        glob=glob,
        allow_private=allow_private,
        published=parse_date_option(published) if published else None,
    )
    analyzer = _analyzer(nlp, kb)
    rows = []
    failed = 0
    for item in run_extract(
        inputs, options, analyzer=analyzer, batch_size=batch_size, n_process=processes
    ):
        if isinstance(item, IngestFailure):
            failed += 1
            err_console.print(f"[red]skipped[/] {escape(item.label)}: {escape(item.reason)}")
            continue
        assert isinstance(item, Analysis)
        for note in item.notes:
            err_console.print(f"[yellow]note[/] {escape(item.article.id)}: {escape(note)}")
        if fmt == "jsonl":
            print_jsonl([item.to_dict()])
        else:
            rows.append(item.to_dict())
    if fmt == "json":
        print_json(rows)
    if failed and not rows and fmt == "json":
        raise typer.Exit(1)


@user_errors
def evaluate(
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold file (JSON lines, seeds/gold.jsonl format).")
    ],
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Documents to analyse (unless --system).")
    ] = None,
    system: Annotated[
        Path | None, typer.Option("--system", help="Output of `entente extract` to score.")
    ] = None,
    nlp: NlpOption = None,
    kb: KbOption = None,
    details: Annotated[
        bool, typer.Option(help="Include per-document matches in --json output.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score events, dates, modality, quotes and publication dates against a gold file."""
    from entente.analysis import extract as run_extract
    from entente.evaluation import evaluate as run_eval
    from entente.evaluation import read_jsonl

    gold_rows = read_jsonl(gold)
    if system is not None:
        sys_rows = read_jsonl(system)
    elif inputs:
        analyzer = _analyzer(nlp, kb)
        sys_rows = [
            a.to_dict() for a in run_extract(inputs, analyzer=analyzer) if isinstance(a, Analysis)
        ]
    else:
        raise typer.BadParameter("give documents to analyse or --system OUT.jsonl")
    report = run_eval(gold_rows, sys_rows)
    if as_json:
        print_json(report.to_dict(details=details))
        return
    table = Table("measure", "value", title=f"Evaluation against {gold}")
    ev = report.events
    table.add_row(
        "events P / R / F1",
        f"{ev.precision:.3f} / {ev.recall:.3f} / {ev.f1:.3f} "
        f"(tp {ev.tp}, system {ev.system}, gold {ev.gold})",
    )
    table.add_row(
        "event date accuracy",
        f"{report.event_dates.value:.3f} ({report.event_dates.right}/{report.event_dates.total})",
    )
    table.add_row(
        "modality accuracy",
        f"{report.modality.value:.3f} ({report.modality.right}/{report.modality.total})",
    )
    q = report.quotes
    table.add_row("quotes P / R / F1", f"{q.precision:.3f} / {q.recall:.3f} / {q.f1:.3f}")
    table.add_row(
        "publication date accuracy",
        f"{report.published.value:.3f} ({report.published.right}/{report.published.total})",
    )
    if report.missing:
        table.add_row("missing documents", ", ".join(report.missing))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""
    app.command()(extract)
    app.command("eval")(evaluate)

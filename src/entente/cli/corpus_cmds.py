"""Corpus commands: ingest, articles, show, search, stats. Each parses, calls Corpus, renders."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from entente.cli.common import DbOption, JsonOption, console, err_console, print_json, user_errors
from entente.config import IngestOptions, parse_date_option
from entente.corpus import Corpus, IngestOutcome, IngestReport
from entente.store.articles import ArticleFilter


def _summary(report: IngestReport) -> None:
    table = Table(title="Ingest summary", show_header=False)
    table.add_row("ingested", str(len(report.ingested)))
    table.add_row("near duplicates (linked)", str(len(report.near_duplicates)))
    table.add_row("already stored (skipped)", str(len(report.duplicates)))
    table.add_row("non-English (stored, flagged)", str(len(report.non_english)))
    table.add_row("failed", str(len(report.failed)))
    err_console.print(table)
    for o in report.near_duplicates:
        err_console.print(
            f"  [yellow]near duplicate[/] {escape(o.label)} -> {o.id} "
            f"(copy of {o.duplicate_of}, similarity {o.similarity})"
        )
    for o in report.non_english:
        err_console.print(
            f"  [yellow]non-English ({o.language})[/] {escape(o.label)} -> {o.id}: "
            "stored, later stages skip it"
        )
    for o in report.failed:
        err_console.print(f"  [red]failed[/] {escape(o.label)}: {escape(o.reason or '')}")


def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories, URLs, feeds, WARC, or - for stdin.")
    ],
    db: DbOption = None,
    glob: Annotated[str, typer.Option(help="File pattern inside directories.")] = "*",
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every input.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every input.")] = None,
    url: Annotated[str | None, typer.Option(help="Source URL for every input.")] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow URLs on loopback/private addresses.")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Per-request timeout in seconds.")] = 20.0,
    max_bytes: Annotated[
        int, typer.Option(help="Largest download accepted, in bytes.")
    ] = 10_000_000,
    analyse: Annotated[
        bool,
        typer.Option("--analyse/--no-analyse", help="Also extract events and update story events."),
    ] = True,
    nlp: Annotated[
        str | None, typer.Option("--nlp", envvar="ENTENTE_NLP", help="spaCy pipeline name or path.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest articles: clean, detect language, drop duplicates, date, store, analyse."""
    _ingest(
        inputs,
        db,
        IngestOptions(
            glob=glob,
            published=published,
            outlet=outlet,
            url=url,
            allow_private=allow_private,
            timeout=timeout,
            max_bytes=max_bytes,
        ),
        as_json,
        analyse,
        nlp,
    )


@user_errors
def _ingest(
    inputs: list[str],
    db: str | None,
    options: IngestOptions,
    as_json: bool,
    analyse: bool = False,
    nlp: str | None = None,
) -> None:
    if options.published:
        options.published = parse_date_option(options.published)
    with Corpus(db) as corpus:
        total = corpus.count_inputs(inputs, options)
        columns = [
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        ]
        with Progress(
            *columns, console=err_console, transient=True, disable=not err_console.is_terminal
        ) as bar:
            task = bar.add_task("ingesting", total=total)

            def advance(outcome: IngestOutcome) -> None:
                bar.update(task, advance=1, description=f"ingesting {outcome.label[-40:]}")

            report = corpus.ingest(inputs, options, progress=advance)
        analysed = None
        new = [o.id for o in report.ingested if o.id]
        if analyse and new:
            from entente.analysis import Analyzer

            with Progress(
                *columns, console=err_console, transient=True, disable=not err_console.is_terminal
            ) as bar:
                task = bar.add_task("analysing", total=len(new))
                analysed = corpus.analyse(
                    new, analyzer=Analyzer(nlp_name=nlp), progress=lambda _id: bar.advance(task)
                )
    if as_json:
        data = report.to_dict()
        data["analysis"] = analysed.to_dict() if analysed else None
        print_json(data)
    _summary(report)
    if analysed is not None:
        err_console.print(
            f"analysed {analysed.analysed} articles: {analysed.events} events, "
            f"{analysed.quotes} quotes, {len(analysed.stories)} story events "
            "created or updated"
        )
    if not report.ingested and not report.near_duplicates and not report.duplicates:
        raise typer.Exit(1)


@user_errors
def articles(
    db: DbOption = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    no_duplicates: Annotated[
        bool, typer.Option("--no-duplicates", help="Hide near duplicates.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles."""
    with Corpus(db) as corpus:
        rows = corpus.articles(
            ArticleFilter(
                language=language,
                outlet=outlet,
                since=since,
                until=until,
                include_duplicates=not no_duplicates,
                limit=limit,
            )
        )
    if as_json:
        print_json([a.to_dict(with_text=False) for a in rows])
        return
    table = Table("id", "published", "title", "outlet", "lang", "duplicate of")
    for a in rows:
        table.add_row(
            escape(a.id),
            a.published.date or "[dim]unknown[/]",
            escape(a.title or ""),
            escape(a.outlet or ""),
            a.language or "?",
            a.duplicate_of or "",
        )
    console.print(table)


@user_errors
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (see `entente articles`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, publication-date evidence, cited sources and cleaned text."""
    with Corpus(db) as corpus:
        article = corpus.article(article_id)
    if as_json:
        print_json(article.to_dict(with_text=True))
        return
    p = article.published
    console.print(f"[bold]{escape(article.title or article.id)}[/]")
    console.print(
        f"id: {escape(article.id)}   outlet: {escape(article.outlet or '-')}   "
        f"language: {article.language or '?'}"
    )
    console.print(
        f"published: {p.date or 'unknown'} (method {p.method}; window "
        f"{p.earliest or '?'} .. {p.latest or '?'})"
    )
    if p.evidence:
        console.print(f"  evidence: {escape(p.evidence)}", style="dim")
    if article.duplicate_of:
        console.print(f"near duplicate of {article.duplicate_of} (similarity {article.similarity})")
    for s in article.cited_sources:
        console.print(
            f"  [{s.index}] {escape(s.title or '')} — {escape(s.outlet or '?')}, {s.date or '?'}"
        )
    console.print()
    console.print(escape(article.text))


@user_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles and texts."""
    with Corpus(db) as corpus:
        hits = corpus.search(query, limit=limit)
    if as_json:
        print_json([h.to_dict() for h in hits])
        return
    table = Table("id", "published", "title", "snippet")
    for h in hits:
        table.add_row(escape(h.id), h.published or "?", escape(h.title or ""), escape(h.snippet))
    console.print(table)


@user_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Corpus counts: articles, duplicates, languages, dating methods, outlets."""
    with Corpus(db) as corpus:
        data = corpus.stats()
    if as_json:
        print_json(data)
        return
    table = Table(show_header=False, title="Corpus")
    for key, value in data.items():
        table.add_row(key, escape(str(value)))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to ``app``."""
    app.command()(ingest)
    app.command()(articles)
    app.command()(show)
    app.command()(search)
    app.command()(stats)

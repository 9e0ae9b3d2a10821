"""`entente model ...`: inspect and evaluate the NLP pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from entente.cli.common import JsonOption, console, print_json, user_errors

app = typer.Typer(help="Evaluate and describe the spaCy pipeline Entente runs on.")


def _pct(value: float) -> str:
    return f"{100 * value:.2f}"


def _render(result: dict[str, Any]) -> None:
    mode = "gold tokens" if result["gold_tokens"] else "raw text"
    if result.get("gold_sentences"):
        mode += " and sentences"
    table = Table(title=f"{result['pipeline']} on {result['path']} ({mode})")
    table.add_column("metric")
    table.add_column("score", justify="right")
    for key, label in [
        ("upos", "UPOS"),
        ("tag", "TAG"),
        ("uas", "UAS"),
        ("las", "LAS"),
        ("sents_f", "sentence F"),
        ("token_f", "token F"),
    ]:
        if key in result and result[key] is not None:
            table.add_row(label, _pct(result[key]))
    table.add_row("words/s", f"{result['words_per_second']:,.0f}")
    console.print(table)
    if "ents_per_type" in result:
        ner = Table(title="NER (exact spans)")
        for column in ("label", "P", "R", "F", "support"):
            ner.add_column(column, justify="left" if column == "label" else "right")
        rows = [
            *result["ents_per_type"].items(),
            ("core (PER/ORG/GPE/LOC)", result["ents_core"]),
            ("all", result["ents_micro"]),
        ]
        for label, s in rows:
            ner.add_row(label, _pct(s["p"]), _pct(s["r"]), _pct(s["f"]), f"{s['support']:.0f}")
        console.print(ner)


@app.command("evaluate")
@user_errors
def evaluate(
    path: Annotated[Path, typer.Argument(help="A .conllu file or a folder of them.")],
    nlp: Annotated[
        str | None,
        typer.Option(
            "--nlp",
            help="Pipeline name or path (default: $ENTENTE_NLP or the shipped en_entente).",
            envvar="ENTENTE_NLP",
        ),
    ] = None,
    raw_text: Annotated[
        bool,
        typer.Option(
            "--raw-text",
            help="Let the pipeline tokenise the raw sentence text instead of using gold tokens.",
        ),
    ] = False,
    gold_sentences: Annotated[
        bool,
        typer.Option(
            "--gold-sentences",
            help="Give the parser the treebank's sentence boundaries (one tree per gold "
            "sentence, the usual UD gold-tokenisation setting) instead of letting it find them.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score UPOS, TAG, UAS/LAS, sentences and NER against a CoNLL-U treebank."""
    from entente.nlp.evaluate import evaluate_conllu  # spaCy loads only when this runs

    result = evaluate_conllu(path, nlp, gold_tokens=not raw_text, gold_sentences=gold_sentences)
    if as_json:
        print_json(result)
    else:
        _render(result)


@app.command("info")
@user_errors
def info(
    nlp: Annotated[
        str | None, typer.Option("--nlp", help="Pipeline name or path.", envvar="ENTENTE_NLP")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the pipeline's name, version and components."""
    from entente.nlp.pipeline import pipeline_info

    data = pipeline_info(nlp)
    if as_json:
        print_json(data)
    else:
        for key, value in data.items():
            console.print(f"[bold]{key}[/]: {value}")

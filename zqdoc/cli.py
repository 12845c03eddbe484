"""The `zqdoc` command.

Exit codes: 0 success; 2 bad input (one line on stderr naming the file and the cause).
"""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer
from rich.console import Console
from rich.tree import Tree

from . import __version__
from .errors import ZqdocError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese government notices and work plans as structured data.")
EXIT_BAD_INPUT = 2


def _fail(err: ZqdocError) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"zqdoc: error: {err}", markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)


@app.callback()
def _root(version: Optional[bool] = typer.Option(None, "--version", help="Print the version and exit.")) -> None:
    if version:
        typer.echo(f"zqdoc {__version__}")
        raise typer.Exit()


@app.command()
def parse(
    file: str = typer.Argument(..., help="A notice or plan: .txt in UTF-8, UTF-16, GB18030/GBK or Big5."),
    json_: bool = typer.Option(False, "--json", help="Print the JSON of ../shared/CONTRACT.md instead of an outline."),
) -> None:
    """Parse FILE and print its metadata and numbered outline (or JSON)."""
    from .pipeline import parse as parse_file

    try:
        doc = parse_file(file)
    except ZqdocError as err:
        _fail(err)
    if json_:
        sys.stdout.write(doc.model_dump_json(exclude={"text"}) + "\n")
        return
    _print_outline(doc)


@app.command("eval")
def eval_(
    directory: str = typer.Argument(..., help="A folder of NAME.txt files with NAME.gold.json beside them."),
    json_: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Evaluate against gold files: P/R/F1 per field with support, per document, whole-document correct."""
    from pathlib import Path

    from rich.table import Table

    from .evaluate import evaluate, gold_files

    if not Path(directory).is_dir() or not gold_files(Path(directory)):
        Console(stderr=True).print(f"zqdoc: error: {directory}: no NAME.txt with NAME.gold.json beside it", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    result = evaluate(Path(directory))
    if json_:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    console = Console(highlight=False)
    docs = Table("document", "headings", "assignments", "targets", "meta", "correct", title="per document")
    for d in result.documents:
        cells = [f"{c.tp}/{c.gold} (pred {c.pred})" for c in d.fields.values()]
        meta = f"{sum(d.meta.values())}/{len(d.meta)}"
        docs.add_row(d.name, *cells, meta, "yes" if d.correct else ("[red]error[/red]" if d.error else "no"))
    console.print(docs)
    fields = Table("field", "precision", "recall", "F1", "support", title="micro average")
    for name, c in result.micro().items():
        fields.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.gold))
    for name, (ok, n) in result.meta_accuracy().items():
        fields.add_row(f"meta.{name}", f"{ok / n:.3f}" if n else "-", "", "", str(n))
    console.print(fields)
    n = len(result.documents)
    console.print(f"whole document correct: {sum(d.correct for d in result.documents)}/{n}")


def _print_outline(doc) -> None:
    console = Console(highlight=False)
    meta = doc.meta
    rows = [
        ("发文字号", meta.doc_number), ("发文机关", meta.issuer), ("标题", meta.title),
        ("成文日期", meta.signed_date and meta.signed_date.isoformat()), ("主送机关", "，".join(meta.recipients)),
        ("计划标题", meta.plan_title), ("附件", "；".join(meta.attachments)), ("抄送", "，".join(meta.cc)),
        ("印发", " ".join(x for x in (meta.printer, meta.print_date and meta.print_date.isoformat()) if x)),
        ("公开方式", meta.disclosure), ("主题词", " ".join(meta.keywords)),
    ]
    for label, value in rows:
        if value:
            console.print(f"[bold]{label}[/bold]  {value}")
    tree = Tree(f"[bold]{doc.source or 'document'}[/bold]")

    def add(node, section):
        label = f"{section.marker}  {section.title}"
        who = "；".join(f"{a.agency}({a.role.value})" for a in section.assignments)
        branch = node.add(label + (f"  [dim]{who}[/dim]" if who else ""))
        for child in section.children:
            add(branch, child)

    for section in doc.sections:
        add(tree, section)
    console.print(tree)
    for w in doc.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

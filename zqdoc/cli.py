"""The `zqdoc` command.

Exit codes: 0 success; 2 bad input (one line on stderr naming the file and the cause).
"""
from __future__ import annotations

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

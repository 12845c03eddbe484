"""The `zqdoc` command.

Exit codes: 0 success; 2 bad input (one line on stderr naming the file and the cause).
"""
from __future__ import annotations

import json
import logging
import os
import sys
from enum import Enum
from typing import Optional

import typer
from rich.console import Console
from rich.tree import Tree

from . import __version__
from .errors import ZqdocError, shown
from .lineage import DEFAULT_THRESHOLD as LINK_THRESHOLD

class GraphFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    png = "png"


class Engine(str, Enum):
    processes = "processes"
    dask = "dask"


class TableFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"


app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese government notices and work plans as structured data.")
EXIT_BAD_INPUT = 2


def _fail(err: ZqdocError) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"zqdoc: error: {err}", markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"zqdoc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Optional[bool] = typer.Option(None, "--version", callback=_print_version, is_eager=True,
                                                help="Print the version and exit.")) -> None:
    """Chinese government notices and work plans as structured data."""


_READS = ".txt (UTF-8, UTF-16, GB18030/GBK, Big5), .html, .docx, .doc/.wps, .pdf (scans by OCR), .ofd or an image"


@app.command()
def parse(
    files: list[str] = typer.Argument(..., help=f"Notices or plans ({_READS}), folders of them, or - for standard input."),
    json_: bool = typer.Option(False, "--json", help="Print the JSON of docs/json.md (the contract) instead of an outline; "
                                                     "one line per document for several."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write NAME.json per input into this folder "
                                                                     "(a status line per file)."),
) -> None:
    """Parse each FILE and print its metadata and numbered outline (or its JSON, see docs/json.md).

    Exit codes: 0 every file parsed; 1 some failed (each named on standard error); 2 none did, or
    a bad option."""
    from .corpus import discover
    from .pipeline import parse as parse_file

    _report_ocr_pages()
    inputs, unmatched = discover([f for f in files if f != "-"])
    sources: list = (["-"] if "-" in files else []) + inputs
    if not sources:
        _die(f"nothing to parse in {', '.join(repr(shown(x)) for x in unmatched)}")
    for item in unmatched:
        Console(stderr=True).print(f"zqdoc: warning: nothing to parse in {shown(item)!r}", markup=False)

    def read(src: str):
        return parse_file(sys.stdin.buffer.read(), name="<stdin>") if src == "-" else parse_file(src)

    def show(doc, one: bool = True) -> None:
        if json_ and one:  # one document: as every --json prints its result
            _json_out(doc.model_dump(mode="json", exclude={"text"}))
        elif json_:  # several: JSON Lines, a document a line
            sys.stdout.write(doc.model_dump_json(exclude={"text"}) + "\n")
        else:
            _print_outline(doc)

    if len(sources) == 1 and not output:  # one document: its outline or JSON, an error exits 2
        try:
            show(read(sources[0]))
        except ZqdocError as err:
            _fail(err)
        return
    out_dir = _output_dir(output) if output else None
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    failed, written = 0, set()
    for src in sources:
        try:
            doc = read(src)
        except ZqdocError as e:
            failed += 1
            err.print(f"failed  {e}", markup=False)
            continue
        if out_dir is None:
            show(doc, one=False)
            continue
        target = _json_name(out_dir, "stdin" if src == "-" else shown(os.path.splitext(os.path.basename(src))[0]), written)
        target.write_text(_json_text(doc.model_dump(mode="json", exclude={"text"})), encoding="utf-8")
        err.print(f"parsed  {shown(src)} → {target}" + (f" ({len(doc.warnings)} warnings)" if doc.warnings else ""),
                  markup=False)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT if failed == len(sources) else 1)


def _stdout() -> Console:
    """The console of standard output. Piped, nothing wraps: a line of text or a table row stays one
    line, whatever COLUMNS says, so no word, name or path is ever cut (grep and pandas read it). At a
    terminal, text wraps where the terminal does and tables wrap at spaces, never inside a name."""
    if sys.stdout.isatty():
        return Console(highlight=False, soft_wrap=True)
    return Console(highlight=False, soft_wrap=True, width=100_000)


class _OcrProgress(logging.Handler):
    """A line on standard error for each page OCR reads (a scan takes seconds a page)."""

    def emit(self, record: logging.LogRecord) -> None:
        Console(stderr=True, highlight=False, soft_wrap=True).print(f"zqdoc: {record.getMessage()}", markup=False)


def _report_ocr_pages() -> None:
    log = logging.getLogger("zqdoc.ocr")
    if not any(isinstance(h, _OcrProgress) for h in log.handlers):
        log.addHandler(_OcrProgress())
        log.setLevel(logging.INFO)
        log.propagate = False


def _output_dir(output: str):
    from pathlib import Path

    out = Path(output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        _die(f"{output}: {e.strerror or e}")
    return out


def _json_name(out_dir, stem: str, taken: set):
    """OUT/STEM.json, STEM~2.json… when two inputs share a name (plans/a.txt and drafts/a.txt)."""
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}~{n}", n + 1
    taken.add(name)
    return out_dir / f"{name}.json"


@app.command("eval")
def eval_(
    directory: str = typer.Argument(..., help="A folder of NAME.txt files with NAME.gold.json beside them."),
    json_: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    mistakes: Optional[bool] = typer.Option(
        None, "--mistakes/--no-mistakes",
        help="List each false positive and false negative (default: yes, unless the folder holds a BLIND file)."),
    lineage: bool = typer.Option(False, "--lineage", help="Score task lineage against PAIR.json golds (corpora/lineage/)."),
    threshold: float = typer.Option(LINK_THRESHOLD, "--threshold", min=0, max=1, help="--lineage: the least score of a link."),
) -> None:
    """Evaluate against gold files: P/R/F1 per field with support, per document, whole-document correct,
    and each false positive (FP) and false negative (FN) per document and field; with --lineage,
    precision and recall of the task links and of "no parent" over lineage pairs."""
    from pathlib import Path

    from rich.table import Table

    from .evaluate import describe, evaluate, gold_files

    if lineage:
        return _eval_lineage(directory, threshold, json_)

    if not Path(directory).is_dir() or not gold_files(Path(directory)):
        Console(stderr=True).print(f"zqdoc: error: {directory}: no NAME.txt with NAME.gold.json beside it", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    result = evaluate(Path(directory))
    if mistakes is None:  # a held-out folder stays blind: its scores, not its mistakes
        mistakes = not (Path(directory) / "BLIND").exists()
    if json_:
        out = result.as_dict()
        if not mistakes:
            for d in out["documents"]:
                for key in ("false_positives", "false_negatives", "meta_misses", "government_misses"):
                    d.pop(key)
        _json_out(out)
        return
    console = _stdout()
    docs = Table("document", "headings", "assignments", "targets", "meta", "correct", title="per document")
    docs.columns[0].no_wrap = True  # a document's name is never cut
    for d in result.documents:
        cells = [f"{c.tp}/{c.gold} (pred {c.pred})" for c in d.fields.values()]
        meta = f"{sum(d.meta.values())}/{len(d.meta)}"
        docs.add_row(d.name, *cells, meta, "yes" if d.correct else ("[red]error[/red]" if d.error else "no"))
    console.print(docs)
    if mistakes:
        wrong = Table("document", "field", "", "item", title="mistakes (FP predicted, not in gold; FN in gold, missed)")
        wrong.columns[0].no_wrap = wrong.columns[1].no_wrap = True
        for d in result.documents:
            for name in d.fields:
                for kind, items in (("FP", d.false_positives.get(name, [])), ("FN", d.false_negatives.get(name, []))):
                    for item in items:
                        wrong.add_row(d.name, name, kind, describe(name, item))
            for f, (got, want) in d.meta_misses.items():
                wrong.add_row(d.name, f"meta.{f}", "≠", f"got {got!r}, want {want!r}")
        if wrong.row_count:
            console.print(wrong)
    fields = Table("field", "precision", "recall", "F1", "support", title="micro average")
    for name, c in result.micro().items():
        fields.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.gold))
    for name, (ok, n) in result.meta_accuracy().items():
        fields.add_row(f"meta.{name}", f"{ok / n:.3f}" if n else "-", "", "", str(n))
    console.print(fields)
    console.print(f"overall F1 {result.overall_f1():.3f} (mean of the three fields, as score.py)")
    right, found = result.government_accuracy()
    doc_right, doc_n = result.document_government_accuracy()
    if found or doc_n:
        console.print(f"governments: {right}/{found} assignments found carry the right government; "
                      f"documents {doc_right}/{doc_n}")
    n = len(result.documents)
    console.print(f"whole document correct: {sum(d.correct for d in result.documents)}/{n}")


def _print_outline(doc) -> None:
    console = _stdout()
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


# --------------------------------------------------------------------------- the agency–task graph
# who / owners / workload / graph: zqdoc.graph over one or many files (docs/graph.md).

from .models import Role  # noqa: E402  (kept with the graph commands)

_FILES_HELP = f"Notices or plans ({_READS}); several plans merge into one graph."
_DB_HELP = "Query a store written by `zqdoc batch` instead of FILE... (see docs/batch.md)."


def _graph_of(files: list[str]):
    from .graph import build, load_documents

    try:
        return build(load_documents(files))
    except ZqdocError as err:
        _fail(err)


def _json_text(data) -> str:
    """JSON as every command prints it: UTF-8 characters as they are, indented by one."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _json_out(data) -> None:
    sys.stdout.write(_json_text(data))


def _role_value(role) -> Optional[str]:
    return None if role is None else getattr(role, "value", role)


def _jurisdictions(G) -> int:
    from .graph import agencies

    return len({G.nodes[a].get("jurisdiction") for a in agencies(G)})


@app.command()
def who(
    agency: str = typer.Argument(..., help="An agency as printed or abbreviated (发改局, 市发改局, 肇庆市发展改革局) or a node id."),
    files: Optional[list[str]] = typer.Argument(None, help=_FILES_HELP),
    role: Optional[Role] = typer.Option(None, "--role", "-r", help="Only tasks with this role.", case_sensitive=False),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    within: Optional[str] = typer.Option(None, "--in", help="Only agencies of this government or below it (广东省, 肇庆市, 中央)."),
    function: Optional[str] = typer.Option(None, "--function", help="Only agencies of this function class (发展改革, 财政, 教育…)."),
) -> None:
    """The tasks of AGENCY, by role, grouped by government (aliases resolved: 发改委 finds the
    development-and-reform agency of every government; 市发改局 those of cities)."""
    if _use_db(files, db):
        return _who_db(agency, db, role, json_, within, function)
    from .graph import ROLES, match_agencies, suggest_agencies, tasks_of

    G = _graph_of(files)
    found, how = match_agencies(G, agency)
    if not found:
        _no_agency(agency, suggest_agencies(G, agency))
    results = []
    for a in found:
        d = G.nodes[a]
        rows = tasks_of(G, a, _role_value(role))
        counts = {r: sum(1 for x in tasks_of(G, a) if x["role"] == r) for r in ROLES}
        results.append({"agency": a, "name": d["name"], "jurisdiction": d.get("jurisdiction"), "kind": d.get("kind"),
                        "aliases": d.get("aliases", []), "matched": how, "counts": counts, "tasks": rows})
    results = _narrow(results, within, function, agency)
    _print_who(results, len(G.graph.get("documents", [])) > 1, json_)


def _narrow(results: list[dict], within: Optional[str], function: Optional[str], query: Optional[str] = None) -> list[dict]:
    """Each result with its function class, only those inside `within` (a government) and of
    `function`, grouped by government (sorted by its code, the central government first). With a
    `query` (who's), none left is "no agency matches" (exit 1)."""
    from .extract import gazetteer as gz
    from .extract.agencies import function_of

    keep = _agency_filter(within, function)
    out = []
    for r in results:
        r["function"] = function_of(r["name"])
        place = gz.CENTRAL if r["jurisdiction"] == "中央" else (gz.find(r["jurisdiction"]) if r["jurisdiction"] else None)
        r["jurisdiction_code"] = place.code if place else None
        if keep(r):
            out.append(r)
    if query is not None and not out:
        _no_agency(" ".join(x for x in (query, within, function) if x), [])
    return sorted(out, key=lambda r: (r["jurisdiction_code"] or "999999", r["name"]))


def _agency_filter(within: Optional[str], function: Optional[str]):
    """`zqdoc.graph.agency_filter`, a government that does not exist a bad option (exit 2)."""
    from .graph.queries import agency_filter

    try:
        return agency_filter(within, function)
    except ValueError:
        Console(stderr=True).print(f"zqdoc: error: --in {within}: no such government", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)


def _no_agency(agency: str, hint: list[str]) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"zqdoc: no agency matches {agency!r}" + (f"; did you mean: {'、'.join(hint)}" if hint else ""), markup=False)
    raise typer.Exit(1)


def _print_who(results: list[dict], many_docs: bool, json_: bool) -> None:
    if json_:
        _json_out(results)
        return
    from rich.table import Table

    console = _stdout()
    for r in results:
        counts = ", ".join(f"{n} {k}" for k, n in r["counts"].items())
        console.print(f"[bold]{r['name']}[/bold]  {r['jurisdiction'] or '?'} · {r.get('function') or r['kind'] or '?'} · {counts}"
                      f"  [dim](matched by {r.get('matched') or '?'})[/dim]", markup=True)
        others = [x for x in r["aliases"] if x != r["name"]]
        if others:
            console.print(f"  [dim]also printed as {'；'.join(others)}[/dim]")
        table = Table(box=None, pad_edge=False)
        for name in ["role"] + (["document"] if many_docs else []) + ["§", "task"]:
            table.add_column(name, overflow="fold", no_wrap=name in ("role", "§"))
        for t in r["tasks"]:
            table.add_row(t["role"], *([t["document"]] if many_docs else []), t["path"], t["title"])
        if r["tasks"]:
            console.print(table)
        else:
            console.print("  [dim](no tasks with this role)[/dim]")


@app.command()
def owners(
    keyword: str = typer.Argument(..., help="A word of the task's title or text (高速, 绿道…)."),
    files: Optional[list[str]] = typer.Argument(None, help=_FILES_HELP),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    within: Optional[str] = typer.Option(None, "--in", help="Only agencies of this government or below it (广东省, 肇庆市, 中央)."),
    function: Optional[str] = typer.Option(None, "--function", help="Only agencies of this function class (发展改革, 财政…)."),
) -> None:
    """The tasks that mention KEYWORD and who owns them (lead / participant / responsible); with
    --in or --function, only those agencies and the tasks they are named on."""
    if within or function:
        _agency_filter(within, function)  # a bad --in is a bad option before any parsing
    if _use_db(files, db):
        return _owners_db(keyword, db, json_, within, function)
    from .graph import owners as find_owners

    G = _graph_of(files)
    _print_owners(find_owners(G, keyword, within=within, function=function), _scoped(keyword, within, function),
                  len(G.graph.get("documents", [])) > 1, json_)


def _scoped(keyword: str, within: Optional[str], function: Optional[str]) -> str:
    """The keyword as owners' messages name it: 绿道 (with agencies of 肇庆市, 财政)."""
    scope = ", ".join(x for x in (within, function) if x)
    return f"{keyword} (with agencies of {scope})" if scope else keyword


def _print_owners(rows: list[dict], keyword: str, many_docs: bool, json_: bool) -> None:
    if json_:
        _json_out(rows)
        if not rows:
            raise typer.Exit(1)
        return
    console = _stdout()
    if not rows:
        console.print(f"no task mentions {keyword}", markup=False)
        raise typer.Exit(1)  # as who's "no agency matches"
    console.print(f"[bold]{len(rows)}[/bold] task{'s' if len(rows) != 1 else ''} mentioning {keyword}")
    for r in rows:
        where = f"{r['document']} " if many_docs else ""
        console.print(f"\n[bold]{where}{r['path']}[/bold]  {r['title']}", markup=True)
        for k in ("lead", "participant", "responsible"):
            if r[k]:
                console.print(f"  [dim]{k:<11}[/dim] {'；'.join(r[k])}", markup=True)  # names hold 、
        if r.get("inherited_from"):
            console.print(f"  [dim](named on {r['inherited_from'].split('/', 1)[1]}, the section above)[/dim]", markup=True)
        if not any(r[k] for k in ("lead", "participant", "responsible")):
            console.print("  [dim](no agency named)[/dim]", markup=True)


@app.command()
def workload(
    files: Optional[list[str]] = typer.Argument(None, help=_FILES_HELP),
    top: int = typer.Option(0, "--top", "-n", min=0, help="Only the N busiest agencies (0: all)."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    within: Optional[str] = typer.Option(None, "--in", help="Only agencies of this government or below it (广东省, 中央)."),
    function: Optional[str] = typer.Option(None, "--function", help="Only agencies of this function class (发展改革, 财政…)."),
) -> None:
    """How many tasks each agency leads, joins and is responsible for, busiest first."""
    if _use_db(files, db):
        return _workload_db(db, top, json_, within, function)
    from .graph import workload as table_of

    G = _graph_of(files)
    _print_workload(_busiest(table_of(G), within, function), _jurisdictions(G) > 1, top, json_)


def _busiest(rows: list[dict], within: Optional[str], function: Optional[str]) -> list[dict]:
    """Workload rows narrowed like `who`'s (see `_narrow`), still busiest first."""
    if not (within or function):
        return rows
    keep = {id(r) for r in _narrow(rows, within, function)}
    return [r for r in rows if id(r) in keep]


def _print_workload(rows: list[dict], show_jurisdiction: bool, top: int, json_: bool) -> None:
    every = rows
    if top > 0:
        rows = rows[:top]
    if json_:
        _json_out(rows)
        return
    from rich import box
    from rich.table import Table

    table = Table(title="workload: tasks per agency and role", box=box.SIMPLE_HEAD,
                  caption="part = participant, resp = responsible, all = their sum (one per task and role)")
    from .extract.agencies import function_of

    table.add_column("agency", no_wrap=True)
    if show_jurisdiction:
        table.add_column("government", no_wrap=True)
    table.add_column("function", no_wrap=True)
    for name in ("lead", "part", "resp", "all", "tasks"):
        table.add_column(name, justify="right", no_wrap=True)
    for r in rows:
        table.add_row(r["name"], *([r["jurisdiction"] or "?"] if show_jurisdiction else []), function_of(r["name"]) or "?",
                      *(str(r[k]) for k in ("lead", "participant", "responsible", "assignments", "tasks")))
    _stdout().print(table)
    by_function: dict[str, list[int]] = {}  # over every agency, not only the top rows
    for r in every:
        totals = by_function.setdefault(function_of(r["name"]) or "?", [0, 0, 0])
        totals[0] += r["lead"]
        totals[1] += r["assignments"]
        totals[2] += 1
    summary = Table(title="by function class: lead / all assignments / agencies", box=box.SIMPLE_HEAD)
    for name in ("function", "lead", "all", "agencies"):
        summary.add_column(name, justify="left" if name == "function" else "right", no_wrap=True)
    for name, (lead, total, n) in sorted(by_function.items(), key=lambda kv: -kv[1][1]):
        summary.add_row(name, str(lead), str(total), str(n))
    _stdout().print(summary)


@app.command("graph")
def graph_(
    files: list[str] = typer.Argument(..., help=_FILES_HELP),
    output: str = typer.Option(..., "--output", "-o", help="The file to write."),
    format_: Optional[GraphFormat] = typer.Option(None, "--format", "-f", case_sensitive=False,
                                                  help="json is node-link, csv an edge list, png the co-responsibility picture; default: from the suffix of OUT."),
    top: int = typer.Option(20, "--top", min=0, help="png: label this many agencies (by shared tasks)."),
) -> None:
    """Write the agency–task graph (GraphML/GEXF for Gephi, JSON, CSV) or a picture of who works with whom (PNG)."""
    import warnings
    from pathlib import Path

    from .graph import FORMATS, write

    fmt = (format_.value if format_ else Path(output).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        Console(stderr=True).print(f"zqdoc: error: unknown format {fmt!r}; use --format {'|'.join(FORMATS)}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    G = _graph_of(files)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if fmt == "png":
                write(G, output, fmt, top=top)
            else:
                write(G, output, fmt)
    except ImportError as e:
        err.print(f"zqdoc: error: {e} (png needs matplotlib: pip install 'zqdoc[draw]')", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    except OSError as e:
        err.print(f"zqdoc: error: {output}: {e.strerror or e}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    for w in caught:
        err.print(f"zqdoc: warning: {w.message}", markup=False)
    _stdout().print(f"wrote {output} ({fmt}; graph of {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", markup=False)


# --------------------------------------------------------------------------- the corpus store
# batch / errors / export, and the --db side of who / owners / workload (docs/batch.md).


def _die(message: str, code: int = EXIT_BAD_INPUT) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"zqdoc: error: {message}", markup=False)
    raise typer.Exit(code)


def _use_db(files, db) -> bool:
    """True to answer from the store `db`; exits when given both FILE... and --db, or neither."""
    if db and files:
        _die("give FILE... or --db STORE, not both")
    if not db and not files:
        _die("give FILE... or --db STORE")
    return bool(db)


def _corpus(db: str):
    import sqlite3

    from .corpus import Corpus

    try:
        corpus = Corpus(db)
        len(corpus)
        return corpus
    except FileNotFoundError:
        _die(f"{db}: no such store (write one with `zqdoc batch PATH... --db {db}`)")
    except sqlite3.DatabaseError as err:
        _die(f"{db}: not a zqdoc store ({err})")
    except ZqdocError as err:
        _die(str(err))


def _who_db(agency: str, db: str, role, json_: bool, within=None, function=None) -> None:
    corpus = _corpus(db)
    results = corpus.who(agency, _role_value(role))
    if not results:
        _no_agency(agency, corpus.suggest_agencies(agency))
    results = _narrow(results, within, function, agency)
    _print_who(results, len(corpus) > 1, json_)


def _owners_db(keyword: str, db: str, json_: bool, within=None, function=None) -> None:
    corpus = _corpus(db)
    _print_owners(corpus.owners(keyword, within=within, function=function), _scoped(keyword, within, function),
                  len(corpus) > 1, json_)


def _workload_db(db: str, top: int, json_: bool, within=None, function=None) -> None:
    rows = _corpus(db).workload()
    _print_workload(_busiest(rows, within, function), len({r["jurisdiction"] for r in rows}) > 1, top, json_)


@app.command()
def batch(
    paths: list[str] = typer.Argument(..., help="Files, folders (searched recursively) and globs ('plans/**/*.txt')."),
    db: str = typer.Option(..., "--db", help="The SQLite store to fill (created when missing)."),
    workers: int = typer.Option(0, "--workers", "-w", min=0, help="Parse processes (0: one per CPU)."),
    force: bool = typer.Option(False, "--force", help="Parse again the files that are unchanged since they were stored."),
    timeout: float = typer.Option(60.0, "--timeout", min=0, help="Seconds one file may take; its worker is then killed (0: no limit)."),
    engine: Engine = typer.Option(Engine.processes, "--engine", case_sensitive=False,
                                  help="processes (this machine) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="--engine dask: the scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster here)."),
    partition_size: int = typer.Option(0, "--partition-size", min=0, help="--engine dask: files per Dask task (0: automatic)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display, only the summary."),
    prune: bool = typer.Option(False, "--prune", help="Remove stored documents whose files are gone from disk."),
) -> None:
    """Parse many files into a SQLite store, in parallel, resumably.

    Exit codes: 0 every file parsed (or unchanged); 1 some files failed (`zqdoc errors --db STORE`
    lists them); 2 no files, or a bad option or store."""
    from .corpus import EXIT_USAGE, run_batch

    engine = engine.value
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        result = run_batch(paths, db, workers=workers or None, force=force, timeout=timeout or None, engine=engine,
                           scheduler=scheduler, partition_size=partition_size or None, progress=not quiet, console=err,
                           prune=prune)
    except ImportError as e:
        _die(f"{e} (the Dask engine needs: pip install 'zqdoc[dask]')")
    except ConnectionError as e:
        _die(str(e))
    except ZqdocError as e:  # a store of another schema version, busy with another batch, or full
        _die(str(e))
    except KeyboardInterrupt:
        err.print(f"zqdoc: interrupted; what was parsed is in {db}: run the same command again to finish", markup=False)
        raise typer.Exit(130)
    except Exception as e:  # the store cannot be opened or written
        import sqlite3

        if isinstance(e, (sqlite3.Error, OSError)):
            _die(f"{db}: {e}")
        raise
    for item in result.unmatched:
        err.print(f"zqdoc: warning: nothing to parse in {shown(item)!r}", markup=False)
    for warning in result.warnings:
        err.print(f"zqdoc: warning: {warning}", markup=False)
    if not result.files:
        _die("no files to parse", EXIT_USAGE)
    out = _stdout()
    out.print(result.summary(), markup=False)
    if result.failed:
        first = result.failures[:10]
        for path, cls, message in first:
            out.print(f"  failed: {cls}: {message}", markup=False)
        if len(result.failures) > len(first):
            out.print(f"  … and {len(result.failures) - len(first)} more", markup=False)
        out.print(f"`zqdoc errors --db {db}` lists the failed files; exit code 1", markup=False)
    raise typer.Exit(result.exit_code)


@app.command()
def errors(
    db: str = typer.Option(..., "--db", help="A store written by `zqdoc batch`."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The files of a store that failed to parse: path, error class and cause."""
    from rich import box
    from rich.table import Table

    rows = _corpus(db).errors()
    if json_:
        _json_out(rows)
        return
    console = _stdout()
    if not rows:
        console.print("no failed files", markup=False)
        return
    table = Table(title=f"{len(rows)} failed file{'s' if len(rows) != 1 else ''}", box=box.SIMPLE_HEAD)
    for name in ("file", "error", "cause"):
        table.add_column(name, no_wrap=name != "cause")  # a path or a class name is never cut
    for r in rows:
        cause = r["message"]
        if cause.startswith(r["path"] + ": "):
            cause = cause[len(r["path"]) + 2:]
        table.add_row(r["path"], r["error_class"], cause)
    console.print(table)


@app.command()
def export(
    db: str = typer.Option(..., "--db", help="A store written by `zqdoc batch`."),
    output: str = typer.Option(..., "--output", "-o", help="The folder to write NAME.parquet or NAME.csv into."),
    format_: TableFormat = typer.Option(TableFormat.parquet, "--format", "-f", case_sensitive=False,
                                        help="parquet (needs pyarrow) or csv."),
    table: Optional[list[str]] = typer.Option(None, "--table", "-t", help="Only this table (repeatable); default: all."),
) -> None:
    """Export the store's tables to Parquet or CSV, for pandas, DuckDB or a spreadsheet."""
    from .corpus import EXPORT_TABLES

    fmt = format_.value
    bad = [t for t in table or [] if t not in EXPORT_TABLES]
    if bad:
        _die(f"unknown table {bad[0]!r}; one of {', '.join(EXPORT_TABLES)}")
    corpus = _corpus(db)
    try:
        written = corpus.export(output, fmt, table or None)
    except ImportError as e:
        _die(str(e))
    except OSError as e:
        _die(f"{output}: {e.strerror or e}")
    console = _stdout()
    for path in written:
        console.print(f"wrote {path}", markup=False)


# --------------------------------------------------------------------------- lineage
# align / diff: zqdoc.lineage (docs/lineage.md).


def _eval_lineage(directory: str, threshold: float, json_: bool) -> None:
    from pathlib import Path

    lineage = _lineage()
    if not Path(directory).is_dir() or not list(Path(directory).glob("*.json")):
        _die(f"{directory}: no PAIR.json lineage golds")
    score = lineage.evaluate_lineage(directory, threshold=threshold)
    (lp, lr), (np_, nr) = score.links, score.no_parent
    if json_:
        _json_out({"pairs": score.pairs, "links": {"precision": lp, "recall": lr, "correct": score.tp,
                                                   "predicted": score.predicted, "support": score.gold},
                   "no_parent": {"precision": np_, "recall": nr, "support": score.none_gold},
                   "per_pair": {k: {"correct": a, "predicted": b, "support": c} for k, (a, b, c) in score.per_pair.items()}})
        return
    console = _stdout()
    for pair, (a, b, c) in score.per_pair.items():
        console.print(f"{pair}: links {a}/{c} (predicted {b})", markup=False)
    console.print(f"links      P {lp:.3f} R {lr:.3f}  ({score.tp} right of {score.predicted} predicted, {score.gold} in the golds)",
                  markup=False)
    console.print(f"no parent  P {np_:.3f} R {nr:.3f}  ({score.none_gold} child tasks with none)", markup=False)


def _parse_or_fail(path: str):
    from .pipeline import parse as parse_file

    try:
        return parse_file(path)
    except ZqdocError as err:
        _fail(err)


def _lineage():
    try:
        from . import lineage
        lineage.check_installed()
    except ImportError as e:
        _die(str(e))
    return lineage


@app.command()
def align(
    child: str = typer.Argument(..., help="The lower-level plan (a city's, say)."),
    parent: str = typer.Argument(..., help="The higher-level plan it implements (the province's)."),
    threshold: float = typer.Option(LINK_THRESHOLD, "--threshold", min=0, max=1, help="The least score of a link."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """For each task of CHILD, the tasks of PARENT it implements, with a score, or none."""
    lineage = _lineage()
    links = lineage.align(_parse_or_fail(child), _parse_or_fail(parent), threshold=threshold)
    rows = [{"child": a.child.path, "title": a.child.title,
             "parents": [{"path": m.task.path, "title": m.task.title, "score": round(m.score, 3)} for m in a.parents]}
            for a in links]
    if json_:
        _json_out(rows)
        return
    console = _stdout()
    for r in rows:
        parents = "；".join(f"{p['path']} {p['title']} ({p['score']:.2f})" for p in r["parents"]) or "(no parent)"
        console.print(f"{r['child']}  {r['title']}  →  {parents}", markup=False)
    linked = sum(1 for r in rows if r["parents"])
    console.print(f"{linked} of {len(rows)} tasks linked", markup=False)


@app.command()
def diff(
    old: str = typer.Argument(..., help="The earlier plan."),
    new: str = typer.Argument(..., help="The later plan of the same government."),
    threshold: float = typer.Option(LINK_THRESHOLD, "--threshold", min=0, max=1, help="The least score of a task carried forward."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Tasks of NEW kept, changed (with the text diff), added and dropped since OLD; per agency, tasks
    gained and lost by role; targets raised or lowered."""
    lineage = _lineage()
    d = lineage.diff(_parse_or_fail(old), _parse_or_fail(new), threshold=threshold)
    task = lambda t: {"path": t.path, "title": t.title}  # noqa: E731
    out = {"kept": [{"old": task(o), "new": task(n), "score": round(s, 3)} for o, n, s in d.kept],
           "changed": [{"old": task(o), "new": task(n), "score": round(s, 3), "diff": text} for o, n, s, text in d.changed],
           "added": [task(t) for t in d.added], "dropped": [task(t) for t in d.dropped],
           "agencies": d.agencies, "targets": d.targets}
    if json_:
        _json_out(out)
        return
    console = _stdout()
    console.print(f"kept {len(d.kept)}, changed {len(d.changed)}, added {len(d.added)}, dropped {len(d.dropped)}",
                  markup=False)
    for o, n, _, text in d.changed:
        console.print(f"\nchanged  {o.path} → {n.path}  {n.title}", markup=False)
        console.print("\n".join(line for line in text.splitlines()[2:]), markup=False)
    for t in d.added:
        console.print(f"added    {t.path}  {t.title}", markup=False)
    for t in d.dropped:
        console.print(f"dropped  {t.path}  {t.title}", markup=False)
    for t in d.targets:
        console.print(f"target   {t['subject']}: {t['old']:g} → {t['new']:g} {t['unit']} ({t['change']})", markup=False)
    for name, roles in sorted(d.agencies.items()):
        shown_roles = ", ".join(f"{r} +{c['gained']} −{c['lost']}" for r, c in roles.items())
        console.print(f"agency   {name}: {shown_roles}", markup=False)


# --------------------------------------------------------------------------- explore
# explore: Datasette over a store (zqdoc/corpus/explore.py, docs/batch.md).


@app.command()
def explore(
    db: str = typer.Option(..., "--db", help="A store written by `zqdoc batch`."),
    host: str = typer.Option("127.0.0.1", "--host", help="The address to serve on (default: this machine only)."),
    port: int = typer.Option(8001, "--port", min=0, max=65535, help="The port to serve on."),
    title: Optional[str] = typer.Option(None, "--title", help="The title of the pages."),
) -> None:
    """Browse and query the store in Datasette (needs zqdoc[explore]): facets by government, role and
    function, full-text search over tasks, and canned queries (who owns what, the busiest agencies,
    the tasks two agencies share)."""
    import signal
    import subprocess
    import tempfile
    from pathlib import Path

    from .corpus import explore as ex

    try:
        ex.check_installed()
    except ImportError as e:
        _die(str(e))
    _corpus(db).close()  # a store zqdoc can read, or one line saying why not
    try:
        ex.prepare(db)
    except ZqdocError as e:  # a batch is writing it
        _die(str(e))
    with tempfile.TemporaryDirectory(prefix="zqdoc-explore-") as folder:
        meta = ex.write_metadata(db, Path(folder), title)
        Console(stderr=True, highlight=False).print(
            f"zqdoc explore: serving {db} on http://{host}:{port}/ (Ctrl-C stops)", markup=False)
        server = subprocess.Popen(ex.serve_command(db, meta, host, port))
        # Stopped by a signal (Ctrl-C, a service manager's SIGTERM), the server stops with it:
        # it would otherwise live on as an orphan holding the port.
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        try:
            code = server.wait()
        except KeyboardInterrupt:
            server.terminate()
            code = 0
        finally:
            if server.poll() is None:
                server.wait(timeout=10)
        raise typer.Exit(code if code >= 0 else 0)


# --------------------------------------------------------------------------- the HTML report
# report: one self-contained HTML page (zqdoc/report.py, docs/cli.md).


@app.command()
def report(
    files: Optional[list[str]] = typer.Argument(None, help=_FILES_HELP),
    output: str = typer.Option(..., "--output", "-o", help="The HTML file to write."),
    db: Optional[str] = typer.Option(None, "--db", help="Report on a store written by `zqdoc batch` instead of FILE...."),
    title: Optional[str] = typer.Option(None, "--title", help="The page title (default: the plan's title)."),
) -> None:
    """Write one self-contained HTML page of the documents (opens offline in any browser).

    Metadata, outline with each task's agencies by role, sortable workload table, targets with deadlines, projects and the co-responsibility network."""
    from .report import render_report

    if _use_db(files, db):
        keys, docs = [], []
        for key, doc in _corpus(db).iter_documents():
            keys.append(key)
            docs.append(doc)
        if not docs:
            _die(f"{db}: the store holds no documents")
        html = render_report(docs, ids=keys, title=title)
    else:
        from .graph import load_documents

        try:
            docs = load_documents(files)
        except ZqdocError as err:
            _fail(err)
        html = render_report(docs, title=title)
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(html)
    except OSError as e:
        _die(f"{output}: {e.strerror or e}")
    _stdout().print(f"wrote {output} ({len(docs)} document{'s' if len(docs) != 1 else ''}, "
                                   f"{len(html.encode()) // 1024} KiB, self-contained)", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

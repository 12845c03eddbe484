"""Readers of Word 97–2003 .doc measured on the same files: how the parse compares with the parse of
the document's own text, and seconds a file.

* zqdoc — zqdoc/formats/doc.py (olefile, the piece table, list numbering and tables from the file);
* antiword and catdoc — Debian's, their UTF-8 text through `zqdoc.parse_text`;
* libreoffice — `soffice --headless --convert-to docx`, then zqdoc's DOCX reader.

Files: tests/data/*.doc (the seed with typed numbering, the seed with Word's automatic numbering, a
task table with an automatic 序号 column). For the seed, the F1 is against corpora/zhaoqing-2012-plan.gold.json;
for the table, the share of its assignments as the DOCX gives them.

    python3 benchmarks/doc_bench.py
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import zqdoc
from zqdoc.evaluate import Evaluation, evaluate_document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def zqdoc_reader(path: Path) -> zqdoc.Document:
    return zqdoc.parse(path)


def antiword(path: Path) -> zqdoc.Document:
    out = subprocess.run(["antiword", "-m", "UTF-8.txt", str(path)], capture_output=True, check=True)
    return zqdoc.parse_text(out.stdout.decode("utf-8", "replace"))


def catdoc(path: Path) -> zqdoc.Document:
    out = subprocess.run(["catdoc", "-d", "utf-8", str(path)], capture_output=True, check=True)
    return zqdoc.parse_text(out.stdout.decode("utf-8", "replace"))


def libreoffice(path: Path) -> zqdoc.Document:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir", tmp, str(path)],
                       capture_output=True, check=True)
        return zqdoc.parse(Path(tmp) / (path.stem + ".docx"))


def _assignments(doc) -> list:
    return [(s.marker, a.agency, a.role.value) for s in doc.walk() for a in s.assignments]


def main() -> None:
    readers = {"zqdoc": zqdoc_reader}
    for tool, fn in (("antiword", antiword), ("catdoc", catdoc), ("soffice", libreoffice)):
        if shutil.which(tool):
            readers[tool if tool != "soffice" else "libreoffice"] = fn
    gold = json.loads((ROOT / "corpora" / "zhaoqing-2012-plan.gold.json").read_text(encoding="utf-8"))
    table_docx = zqdoc.parse(DATA / "task-table.docx")
    print("| reader | seed, typed numbers: F1 | seed, automatic numbering: F1 | task table: assignments as DOCX | s/file |")
    print("|---|---|---|---|---|")
    for name, read in readers.items():
        started = time.perf_counter()
        scores = []
        for stem in ("zhaoqing-2012-plan", "zhaoqing-2012-plan.numbered"):
            doc = read(DATA / f"{stem}.doc")
            scores.append(Evaluation([evaluate_document(gold, doc, stem)]).overall_f1())
        got, want = _assignments(read(DATA / "task-table.doc")), _assignments(table_docx)
        table = sum(1 for a in got if a in want) / len(want)
        seconds = (time.perf_counter() - started) / 3
        print(f"| {name} | {scores[0]:.3f} | {scores[1]:.3f} | {table:.2f} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()

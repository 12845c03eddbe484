"""Positioned lines back into the text the parser reads: the layout logic shared by the readers
of page formats (PDF text layers, OCR of scans and images, OFD).

* Running headers and footers (the same text, digits aside, at the top or bottom of most pages) and
  page numbers (— 3 —, - 3 -, 第3页 共9页, 3/9) are removed.
* Lines are joined back into paragraphs as they were typeset: a line that runs to the right margin
  continues on the next line (also across a page break) unless that line is indented (首行缩进),
  set in another size, further down than the line spacing, or opens a numbered item after a
  sentence end. Titles, signatures and dates (short, centred or right-aligned lines) stay lines.
* Tables (grids of `tables`) are flattened in place; a table running on over the next page with as
  many columns continues (a repeated header row is dropped, a row split by the page break joined).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .tables import OWN, GridCell, flatten

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－―~～_·]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9０-９]{1,4}|\s*共\s*[0-9０-９]{1,4}\s*页)?[\s\-—–－―~～_·]*$")
_DASHED_NUMBER = re.compile(r"^[\-—–－―~～]\s*[0-9０-９]{1,4}\s*[\-—–－―~～]$")
_SENTENCE_END = set("。！？；：!?;:")
_MARKER_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d０-９]+[）)]|[\d０-９]+[、.．)）](?![\d０-９])|[①-⑳]|第[一二三四五六七八九十百]+[章节条部])")
LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    page_height: float
    column: int = 0  # 1: the right column of a page set in two (OCR reads the columns apart)


@dataclass
class Table:
    grid: list[list[GridCell]]
    top: float
    bottom: float
    page: int
    page_height: float


def _continues_table(prev: Table, table: Table) -> bool:
    return table.page == prev.page + 1 and len(table.grid[0]) == len(prev.grid[0])


def _append_rows(prev: Table, table: Table) -> None:
    """`table` runs on `prev` over a page break: a repeated header row is dropped, a row whose
    number cell is empty finishes the row the page break cut."""
    rows = table.grid
    squeeze = lambda row: [re.sub(r"\s", "", c.text) for c in row]  # noqa: E731
    if rows and squeeze(rows[0]) == squeeze(prev.grid[0]):
        rows = rows[1:]
    if rows and not rows[0][0].text.strip() and prev.grid:
        last = prev.grid[-1]
        for cell, more in zip(last, rows[0]):
            if more.kind == OWN and more.text:
                cell.text = cell.text + more.text
        rows = rows[1:]
    prev.grid.extend(rows)
    prev.page, prev.bottom = table.page, table.bottom


# ---------------------------------------------------------------------------- headers and footers

def _in_band(ln: Line, band: float = 0.12) -> bool:
    return ln.top < band * ln.page_height or ln.bottom > (1 - band) * ln.page_height


def _key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s", "", text))


def join_row(pieces: list, spaced) -> str:
    """The text of pieces of one row (anything with `.text`), left to right in the order given, a
    space between two where `spaced(prev, piece, text so far)` says so."""
    text = pieces[0].text
    for prev, piece in zip(pieces, pieces[1:]):
        text += (" " if spaced(prev, piece, text) else "") + piece.text
    return text


def strip_running(pages: list[list]) -> list:
    """The lines and tables of all pages, running headers, footers and page numbers removed."""
    edges = []
    for page in pages:
        lines = sorted((x for x in page if isinstance(x, Line)), key=lambda ln: ln.top)  # not reading order
        edges.append((lines[:2] + lines[-2:]) if len(lines) > 4 else lines)
    counts = Counter()
    for edge in edges:
        counts.update({_key(ln.text) for ln in edge if _in_band(ln)})
    n = len(pages)
    running = {k for k, c in counts.items() if n >= 2 and c >= 2 and c >= 0.5 * n}
    out: list[Line] = []
    for page, edge in zip(pages, edges):
        edge_ids = {id(ln) for ln in edge}
        for ln in page:
            if id(ln) in edge_ids:
                s = ln.text.strip()
                if _DASHED_NUMBER.match(s) or (_in_band(ln) and (_PAGE_NUMBER.match(s) or _key(s) in running)):
                    continue
            out.append(ln)
    return out


# ------------------------------------------------------------------------------------- paragraphs

def _margins(lines: list[Line]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = sorted(ln.x1 for ln in lines)[int(0.95 * (len(lines) - 1))]
    return left, right


def paragraphs(items: list) -> list[str]:
    lines = [x for x in items if isinstance(x, Line)]
    margins = {c: _margins([ln for ln in lines if ln.column == c]) for c in {ln.column for ln in lines}}
    blocks: list = []  # paragraphs (str) and tables, in order
    prev = None
    for item in items:
        if isinstance(item, Table):
            if isinstance(prev, Table) and _continues_table(prev, item):
                _append_rows(prev, item)
                continue
            blocks.append(item)
            prev = item
            continue
        text = item.text.strip()
        if isinstance(prev, Line) and _continues(prev, item, margins[prev.column][1], margins[item.column][0]):
            glue = " " if LATIN.match(blocks[-1][-1:]) and LATIN.match(text[:1]) else ""
            blocks[-1] += glue + text
        else:
            blocks.append(text)
        prev = item
    out: list[str] = []
    for block in blocks:
        out.extend(flatten(block.grid) if isinstance(block, Table) else [block])
    return out


def _continues(prev: Line, ln: Line, right: float, left: float) -> bool:
    """`ln` goes on with the paragraph of `prev`: `right` is the right margin of the column of `prev`,
    `left` the left margin of the column of `ln`."""
    size = max(prev.size, ln.size, 1.0)
    if abs(prev.size - ln.size) > 0.15 * size:
        return False
    if prev.x1 < right - 1.5 * size:  # the line before ends short of the margin: a paragraph end
        return False
    if ln.x0 > left + 0.9 * size:  # indented (two characters): a new paragraph, or a centred line
        return False
    if prev.page == ln.page and ln.top - prev.bottom > 1.2 * size:  # paragraph spacing
        return False
    if ln.page not in (prev.page, prev.page + 1):
        return False
    if prev.text.rstrip()[-1:] in _SENTENCE_END and _MARKER_START.match(ln.text.strip()):
        return False
    return True

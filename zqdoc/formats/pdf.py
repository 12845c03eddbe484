"""PDF: the text layer, read with pdfplumber, back into paragraphs.

* Lines come with their positions. Running headers and footers (the same text, digits aside, at
  the top or bottom of most pages) and page numbers (— 3 —, - 3 -, 第3页 共9页, 3/9) are removed.
* Lines are joined back into paragraphs as they were typeset: a line that runs to the right margin
  continues on the next line (also across a page break) unless that line is indented (首行缩进),
  set in another size, further down than the line spacing, or opens a numbered item after a
  sentence end. Titles, signatures and dates (short, centred or right-aligned lines) stay lines.
* CJK radicals and compatibility ideographs that PDF fonts map ordinary characters to (⻄ → 西,
  ⾦ → 金) become the ideographs they stand for.
* Ruled tables (pdfplumber's table finder) become the flattened `cell |` lines of `tables`, header
  first; a table running on over the next page continues (a repeated header row is dropped, and a
  row split by the page break is joined back).
* A PDF without a text layer (a scan) raises `NoTextLayer`, naming OCR as the remedy.
"""
from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DamagedFile, InputTooLarge, NoTextLayer, ZqdocError
from . import Extracted
from .tables import ACROSS, DOWN, OWN, GridCell, flatten, is_data_table

MAX_PAGES = 3000
_OCR = "run OCR first, e.g. `ocrmypdf -l chi_sim {file} ocr.pdf`, and parse the result"
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－―~～_·]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9０-９]{1,4}|\s*共\s*[0-9０-９]{1,4}\s*页)?[\s\-—–－―~～_·]*$")
_DASHED_NUMBER = re.compile(r"^[\-—–－―~～]\s*[0-9０-９]{1,4}\s*[\-—–－―~～]$")
_SENTENCE_END = set("。！？；：!?;:")
_MARKER_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d０-９]+[）)]|[\d０-９]+[、.．)）](?![\d０-９])|[①-⑳]|第[一二三四五六七八九十百]+[章节条部])")
_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    page_height: float


@dataclass
class _Table:
    grid: list[list[GridCell]]
    top: float
    bottom: float
    page: int
    page_height: float


@lru_cache(maxsize=1)
def _compat_table() -> dict[int, str]:
    """Radicals (Kangxi, CJK Radicals Supplement) and compatibility ideographs → ideographs: the
    part of zqdoc.normalize's fold table that changes a character, not just its width."""
    from ..normalize import _fold_table

    table = {cp: ch for cp, ch in _fold_table().items() if 0x2E80 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF}
    for cp in range(0x2F800, 0x2FA20):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    return table


def normalize_compat(text: str) -> str:
    return text.translate(_compat_table())


DEFAULT_MAX_INFLATED = 256 * 1024 * 1024
"""Bytes a PDF's compressed streams may inflate to, all together; override with ZQDOC_MAX_INFLATED."""
_STREAM = re.compile(rb"stream\r?\n")


def check_inflated(data: bytes, shown: str, limit: int | None = None) -> int:
    """The bytes the Flate streams of a PDF inflate to, counted before pdfminer reads them (it
    inflates a stream whole: a 1 MB file can hold a gigabyte); InputTooLarge past `limit`. Streams
    that do not inflate (other filters, damage) are left to pdfminer."""
    import zlib

    from ..load import size_setting

    limit = limit or size_setting("ZQDOC_MAX_INFLATED", DEFAULT_MAX_INFLATED)
    total, pos = 0, 0
    while (m := _STREAM.search(data, pos)) is not None:
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        z = zlib.decompressobj()
        chunk = data[m.end():end]
        try:
            while chunk and total <= limit:
                total += len(z.decompress(chunk, 1 << 20))
                chunk = z.unconsumed_tail
        except zlib.error:
            pass
        if total > limit:
            raise InputTooLarge(shown, f"is a PDF whose streams inflate to more than {limit} bytes "
                                       "(a decompression bomb? set ZQDOC_MAX_INFLATED to raise it)")
        pos = end + 9
    return total


def read_pdf(data: bytes, name: str | None) -> Extracted:
    shown = name or "<bytes>"
    check_inflated(data, shown)
    pages, encrypted = _read_lines(data, shown)
    n_pages = len(pages)
    all_text = "".join(ln.text if isinstance(ln, _Line) else "".join(c.text for row in ln.grid for c in row)
                       for page in pages for ln in page)
    if not re.sub(r"\s", "", all_text):
        raise NoTextLayer(shown, f"is a PDF without a text layer ({n_pages} page{'s' if n_pages != 1 else ''}, "
                                 f"a scan?): {_OCR.format(file=name or 'FILE')}")
    cids = len(re.findall(r"\(cid:\d+\)", all_text))
    if cids * 6 > 0.5 * len(all_text):
        if encrypted:  # an owner password (restrictions only): pdfminer opens it but cannot map its fonts
            raise NoTextLayer(shown, "is an encrypted PDF (an owner password restricts it) whose text cannot be "
                                     "decoded: save a copy without the restriction, e.g. `qpdf --decrypt "
                                     f"{name or 'FILE'} plain.pdf`, and parse that")
        raise NoTextLayer(shown, "is a PDF whose fonts do not map their glyphs to characters ((cid:N) text): "
                                 + _OCR.format(file=name or "FILE"))
    warnings = []
    empty = [i + 1 for i, page in enumerate(pages) if not page]
    if empty and n_pages > 1:
        shown_pages = ", ".join(map(str, empty[:10])) + ("…" if len(empty) > 10 else "")
        warnings.append(f"PDF page{'s' if len(empty) > 1 else ''} {shown_pages} {'have' if len(empty) > 1 else 'has'} "
                        "no text layer (scanned?); OCR would read them")
    body = _strip_running(pages)
    text = "\n".join(_paragraphs(body))
    return Extracted(text=normalize_compat(text), format="pdf", warnings=warnings)


def _unreadable(shown: str, e: Exception) -> DamagedFile:
    """The error for a PDF pdfminer cannot open, with a cause even when its exception has none."""
    causes = [e, *(a for a in getattr(e, "args", ()) if isinstance(a, BaseException)), e.__cause__]
    if any(c is not None and "password" in type(c).__name__.lower() for c in causes):  # pdfplumber wraps it
        return DamagedFile(shown, "is a password-protected PDF: open it with its password and save a copy without one")
    return DamagedFile(shown, f"is a PDF file that cannot be read (damaged, truncated or encrypted?): "
                              f"{str(e) or type(e).__name__}")


def _read_lines(data: bytes, shown: str) -> tuple[list[list], bool]:
    """The lines and tables of each page, by position, and whether the file is encrypted."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are ours to word (one line, not three)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except ZqdocError:
        raise
    except Exception as e:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError…)
        raise _unreadable(shown, e) from e
    pages: list[list] = []  # per page, its lines and tables by position
    encrypted = bool(getattr(pdf.doc, "encryption", None))
    with pdf:
        try:
            n = len(pdf.pages)
            if n > MAX_PAGES:
                raise InputTooLarge(shown, f"is a PDF of {n} pages, over the cap of {MAX_PAGES}")
            for number, page in enumerate(pdf.pages):
                tables = _tables(page, number)
                items: list = list(tables)
                # A gap counts as a space from a quarter of the characters' size: justified Chinese
                # text spreads its characters further apart than pdfplumber's fixed 3 pt.
                for ln in page.extract_text_lines(strip=True, return_chars=True, x_tolerance_ratio=0.25):
                    text = ln["text"]
                    if not text.strip() or any(_inside(ln, t) for t in tables):
                        continue
                    sizes = [c.get("size") or (c["bottom"] - c["top"]) for c in ln.get("chars", []) if c.get("text", " ").strip()]
                    size = statistics.median(sizes) if sizes else (ln["bottom"] - ln["top"])
                    items.append(_Line(text, ln["x0"], ln["x1"], ln["top"], ln["bottom"], size or 10.0, number,
                                       float(page.height)))
                items.sort(key=lambda x: x.top)
                pages.append(items)
                page.flush_cache()
        except ZqdocError:
            raise
        except Exception as e:
            raise _unreadable(shown, e) from e
    return pages, encrypted


# ------------------------------------------------------------------------------------------ tables

def _tables(page, number: int) -> list[_Table]:
    """The ruled tables of a page as grids (merged cells as in `tables`)."""
    out = []
    for t in page.find_tables():
        rows = t.rows
        texts = t.extract(x_tolerance_ratio=0.25)
        xs = sorted({cell[0] for cell in t.cells})
        grid: list[list[GridCell]] = []
        for r, (row, row_texts) in enumerate(zip(rows, texts)):
            cells: list[GridCell] = []
            for j, (bbox, text) in enumerate(zip(row.cells, row_texts)):
                if bbox is not None:
                    cells.append(GridCell(_cell_text(text or ""), OWN))
                    continue
                left = next((row.cells[k] for k in range(j - 1, -1, -1) if row.cells[k] is not None), None)
                if left is not None and left[2] > xs[j] + 1:
                    cells.append(GridCell("", ACROSS))
                else:
                    above = grid[r - 1][j] if r and j < len(grid[r - 1]) else GridCell("")
                    cells.append(GridCell(above.text, DOWN))
            grid.append(cells)
        if grid and is_data_table(grid):
            x0, top, x1, bottom = t.bbox
            out.append(_Table(grid, top, bottom, number, float(page.height)))
    return out


def _inside(ln: dict, table: _Table) -> bool:
    middle = (ln["top"] + ln["bottom"]) / 2
    return table.top <= middle <= table.bottom


def _cell_text(text: str) -> str:
    """A cell's lines joined as one paragraph (no space between Chinese characters)."""
    out = ""
    for part in (p.strip() for p in text.split("\n")):
        if part:
            out += (" " if _LATIN.match(out[-1:]) and _LATIN.match(part[:1]) else "") + part
    return out


def _continues_table(prev: _Table, table: _Table) -> bool:
    return table.page == prev.page + 1 and len(table.grid[0]) == len(prev.grid[0])


def _append_rows(prev: _Table, table: _Table) -> None:
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

def _in_band(ln: _Line, band: float = 0.12) -> bool:
    return ln.top < band * ln.page_height or ln.bottom > (1 - band) * ln.page_height


def _key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s", "", text))


def _strip_running(pages: list[list]) -> list:
    """The lines and tables of all pages, running headers, footers and page numbers removed."""
    edges = []
    for page in pages:
        lines = [x for x in page if isinstance(x, _Line)]
        edges.append((lines[:2] + lines[-2:]) if len(lines) > 4 else lines)
    counts = Counter()
    for edge in edges:
        counts.update({_key(ln.text) for ln in edge if _in_band(ln)})
    n = len(pages)
    running = {k for k, c in counts.items() if n >= 2 and c >= 2 and c >= 0.5 * n}
    out: list[_Line] = []
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

def _margins(lines: list[_Line]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = sorted(ln.x1 for ln in lines)[int(0.95 * (len(lines) - 1))]
    return left, right


def _paragraphs(items: list) -> list[str]:
    left, right = _margins([x for x in items if isinstance(x, _Line)])
    blocks: list = []  # paragraphs (str) and tables, in order
    prev = None
    for item in items:
        if isinstance(item, _Table):
            if isinstance(prev, _Table) and _continues_table(prev, item):
                _append_rows(prev, item)
                continue
            blocks.append(item)
            prev = item
            continue
        text = item.text.strip()
        if isinstance(prev, _Line) and _continues(prev, item, left, right):
            glue = " " if _LATIN.match(blocks[-1][-1:]) and _LATIN.match(text[:1]) else ""
            blocks[-1] += glue + text
        else:
            blocks.append(text)
        prev = item
    out: list[str] = []
    for block in blocks:
        out.extend(flatten(block.grid) if isinstance(block, _Table) else [block])
    return out


def _continues(prev: _Line, ln: _Line, left: float, right: float) -> bool:
    size = max(prev.size, ln.size, 1.0)
    if abs(prev.size - ln.size) > 0.15 * size:
        return False
    if prev.x1 < right - 1.5 * size:  # the line before ends short of the margin: a paragraph end
        return False
    if ln.x0 > left + 0.5 * size:  # indented: a new paragraph (or a centred line)
        return False
    if prev.page == ln.page and ln.top - prev.bottom > 1.2 * size:  # paragraph spacing
        return False
    if ln.page not in (prev.page, prev.page + 1):
        return False
    if prev.text.rstrip()[-1:] in _SENTENCE_END and _MARKER_START.match(ln.text.strip()):
        return False
    return True

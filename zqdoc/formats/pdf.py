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
from functools import lru_cache

from ..errors import DamagedFile, InputTooLarge, NoTextLayer, ZqdocError
from . import Extracted
from .layout import LATIN, Line, Table, paragraphs, strip_running
from .tables import ACROSS, DOWN, OWN, GridCell, is_data_table

MAX_PAGES = 3000
_NO_OCR = "install OCR to read it (pip install 'zqdoc[ocr]')"


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
    from . import ocr

    shown = name or "<bytes>"
    check_inflated(data, shown)
    can_ocr = ocr.available()
    pages, encrypted, ocr_pages = _read_lines(data, shown, "blank" if can_ocr else "none")
    n_pages = len(pages)
    all_text = _all_text(pages)
    if not re.sub(r"\s", "", all_text):
        if ocr_pages:
            raise NoTextLayer(shown, f"is a PDF without a text layer, and OCR found no text on its {n_pages} "
                                     f"page{'s' if n_pages != 1 else ''} (blank, or not a document?)")
        raise NoTextLayer(shown, f"is a PDF without a text layer ({n_pages} page{'s' if n_pages != 1 else ''}, "
                                 f"a scan?): {_NO_OCR}")
    cids = len(re.findall(r"\(cid:\d+\)", all_text))
    if cids * 6 > 0.5 * len(all_text):
        if encrypted:  # an owner password (restrictions only): pdfminer opens it but cannot map its fonts
            raise NoTextLayer(shown, "is an encrypted PDF (an owner password restricts it) whose text cannot be "
                                     "decoded: save a copy without the restriction, e.g. `qpdf --decrypt "
                                     f"{name or 'FILE'} plain.pdf`, and parse that")
        if not can_ocr:
            raise NoTextLayer(shown, f"is a PDF whose fonts do not map their glyphs to characters ((cid:N) text): {_NO_OCR}")
        pages, _, ocr_pages = _read_lines(data, shown, "all")  # the glyphs are drawn: read them
    warnings = []
    if ocr_pages:
        warnings.append(f"{_pages(ocr_pages)} of {n_pages} had no text layer and {'were' if len(ocr_pages) > 1 else 'was'} "
                        f"read by OCR ({ocr.ENGINE}): OCR misreads some characters")
    empty = [i + 1 for i, page in enumerate(pages) if not page]
    if empty and n_pages > 1:
        why = "OCR found no text on it" if can_ocr else f"no text layer (scanned?): {_NO_OCR}"
        warnings.append(f"{_pages(empty)}: {why}")
    text = "\n".join(paragraphs(strip_running(pages)))
    if ocr_pages:
        text = ocr.fix_misreadings(text)
    return Extracted(text=normalize_compat(text), format="pdf", warnings=warnings, ocr_pages=ocr_pages)


def _all_text(pages: list[list]) -> str:
    return "".join(ln.text if isinstance(ln, Line) else "".join(c.text for row in ln.grid for c in row)
                   for page in pages for ln in page)


def _pages(numbers: list[int]) -> str:
    """`PDF page 3` / `PDF pages 1–4, 7`"""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    shown = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs[:10])
    return f"PDF page{'s' if len(numbers) > 1 else ''} {shown}{'…' if len(runs) > 10 else ''}"


def _unreadable(shown: str, e: Exception) -> DamagedFile:
    """The error for a PDF pdfminer cannot open, with a cause even when its exception has none."""
    causes = [e, *(a for a in getattr(e, "args", ()) if isinstance(a, BaseException)), e.__cause__]
    if any(c is not None and "password" in type(c).__name__.lower() for c in causes):  # pdfplumber wraps it
        return DamagedFile(shown, "is a password-protected PDF: open it with its password and save a copy without one")
    return DamagedFile(shown, f"is a PDF file that cannot be read (damaged, truncated or encrypted?): "
                              f"{str(e) or type(e).__name__}")


def _read_lines(data: bytes, shown: str, ocr_mode: str) -> tuple[list[list], bool, list[int]]:
    """The lines and tables of each page, by position; whether the file is encrypted; the pages
    (from 1) read by OCR. `ocr_mode`: "none", "blank" (pages without text), "all"."""
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
    ocr_pages: list[int] = []
    encrypted = bool(getattr(pdf.doc, "encryption", None))
    with pdf:
        try:
            n = len(pdf.pages)
            if n > MAX_PAGES:
                raise InputTooLarge(shown, f"is a PDF of {n} pages, over the cap of {MAX_PAGES}")
            for number, page in enumerate(pdf.pages):
                items = [] if ocr_mode == "all" else _text_layer(page, number)
                if ocr_mode == "all" or (ocr_mode == "blank" and not items):
                    items = _ocr(page, number, n, shown)
                    ocr_pages.append(number + 1)
                pages.append(items)
                page.flush_cache()
        except ZqdocError:
            raise
        except Exception as e:
            raise _unreadable(shown, e) from e
    return pages, encrypted, ocr_pages


def _text_layer(page, number: int) -> list:
    """The tables and lines of a page's text layer, top to bottom."""
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
        items.append(Line(text, ln["x0"], ln["x1"], ln["top"], ln["bottom"], size or 10.0, number, float(page.height)))
    items.sort(key=lambda x: x.top)
    return items


def _ocr(page, number: int, of: int, shown: str) -> list[Line]:
    """The lines OCR reads on the page, rendered at the resolution of its scan (150–300 dpi)."""
    from .ocr import page_lines

    dpi = 200.0
    for im in page.images:  # a scan is one image over the page: its pixels per inch
        width_pt = float(im["x1"]) - float(im["x0"])
        if width_pt > 0.5 * float(page.width) and im.get("srcsize"):
            dpi = im["srcsize"][0] / (width_pt / 72)
            break
    dpi = min(300.0, max(150.0, dpi))
    image = page.to_image(resolution=dpi).original
    return page_lines(image, number, 72 / dpi, of=of, name=shown)


# ------------------------------------------------------------------------------------------ tables

def _tables(page, number: int) -> list[Table]:
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
            out.append(Table(grid, top, bottom, number, float(page.height)))
    return out


def _inside(ln: dict, table: Table) -> bool:
    middle = (ln["top"] + ln["bottom"]) / 2
    return table.top <= middle <= table.bottom


def _cell_text(text: str) -> str:
    """A cell's lines joined as one paragraph (no space between Chinese characters)."""
    out = ""
    for part in (p.strip() for p in text.split("\n")):
        if part:
            out += (" " if LATIN.match(out[-1:]) and LATIN.match(part[:1]) else "") + part
    return out



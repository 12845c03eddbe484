"""OCR: the text of pages that have no text layer — scanned PDFs, PDFs whose fonts map no glyph to a
character, and images of a notice (PNG, JPEG, TIFF, BMP, WebP).

The engine is RapidOCR's ONNX build of PP-OCR (`rapidocr-onnxruntime`, the `zqdoc[ocr]` extra): its
Chinese detection and recognition models are in the wheel, so nothing downloads at run time. It was
chosen over Debian's tesseract with chi_sim by measurement on the same pages (docs/formats.md,
benchmarks/ocr_bench.py).

What a page gives is positioned lines (`layout.Line`), so a scan goes through the same page-number,
running-header and paragraph logic as a text layer. Before recognition red ink is turned white: the
发文机关标志 (red 版头), the red rule under it and the seal are not text of the notice, and a seal
printed over the signature would otherwise be read into it. Lines are put in reading order: a page
set in two columns is read column by column, a line across both (a title) where it stands.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .layout import LATIN, Line, join_row

log = logging.getLogger("zqdoc.ocr")
ENGINE = "rapidocr-onnxruntime"
INSTALL = "pip install 'zqdoc[ocr]'"
# A page number `— 3 —` as OCR reads it: the dashes often come back as 一 (yi).
_PAGE_NUMBER = re.compile(r"^[-—–一－_~·]+\s*([0-9]{1,4})\s*[-—–一－_~·]+$")
MIN_SCORE = 0.5  # recognition confidence below which a box is noise (a stamp's edge, a speck)


@lru_cache(maxsize=1)
def _fixes() -> list[tuple[re.Pattern, str]]:
    table = json.loads(resources.files(__package__).joinpath("data/ocr_fixes.json").read_text(encoding="utf-8"))
    return [(re.compile(pattern, re.M), replacement) for pattern, replacement in table["fixes"]]


def fix_misreadings(text: str) -> str:
    """The text of an OCR'd document with its known misreadings (data/ocr_fixes.json) put right."""
    for pattern, replacement in _fixes():
        text = pattern.sub(replacement, text)
    return text


def _line_text(text: str) -> str:
    """A line as OCR read it: straight double quotes paired as “ ”, a page number as `— 3 —`."""
    if text.count('"') % 2 == 0:
        parts = text.split('"')
        text = "".join(p + ("“" if i % 2 == 0 else "”") if i < len(parts) - 1 else p for i, p in enumerate(parts))
    return _PAGE_NUMBER.sub(r"— \1 —", text)


def available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)  # its own INFO lines are not ours
    return RapidOCR()


def without_red(image):
    """`image` (PIL) as an array with red ink — 版头, rule, seal — dropped out, as scanners' red
    dropout does: the red channel shows black ink dark and red ink light, and what is light becomes
    paper. Black text under a seal stays, for red printed over black is dark in every channel."""
    import numpy as np

    red = np.asarray(image.convert("RGB"))[..., 0].copy()
    red[red > 160] = 255  # red strokes blurred by JPEG come out at 160–230
    return np.stack([red] * 3, axis=-1)


@dataclass
class _Box:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def page_lines(image, page: int, scale: float = 1.0, of: int | None = None, name: str = "") -> list[Line]:
    """The lines OCR reads on `image` (a PIL image of page `page`, counted from 0), in reading order,
    positioned in the page's units (`scale` of them to a pixel)."""
    started = time.perf_counter()
    pixels = without_red(image)
    # no angle classifier: pages are upright, and it turns some upright lines over (read as nothing)
    result, _ = _engine()(pixels, use_cls=False)
    boxes = []
    for quad, text, score in result or []:
        text = (text or "").strip()
        if text and float(score) >= MIN_SCORE:
            xs, ys = [p[0] for p in quad], [p[1] for p in quad]
            boxes.append(_Box(text, min(xs), max(xs), min(ys), max(ys)))
    gutter = _gutter(boxes, image.width)  # found once: the boxes split at it are ordered by it
    if gutter is not None:
        boxes = _split_at_gutter(boxes, pixels, gutter)
    for box in boxes:
        box.x0, box.x1, box.top, box.bottom = box.x0 * scale, box.x1 * scale, box.top * scale, box.bottom * scale
    lines = reading_order(boxes, page, image.height * scale, None if gutter is None else gutter * scale)
    log.info("%sOCR page %d%s: %d lines in %.1f s", f"{name}: " if name else "", page + 1,
             f"/{of}" if of else "", len(lines), time.perf_counter() - started)
    return lines


def reading_order(boxes: list[_Box], page: int, height: float, gutter: float | None) -> list[Line]:
    """Boxes as lines in reading order: boxes on one row joined (a space where they stand apart),
    and a page of two columns (split at `gutter`) read left column first between the lines that
    cross the gutter."""
    if not boxes:
        return []
    if gutter is None:
        ordered = [(row, 0) for row in _rows(boxes)]
    else:
        ordered, left, right = [], [], []

        def flush():
            ordered.extend([(row, 0) for row in _rows(left)] + [(row, 1) for row in _rows(right)])
            left.clear()
            right.clear()

        for box in sorted(boxes, key=lambda b: b.top):
            if _across(box, gutter):  # a line over both columns (a title): the columns above it end here
                flush()
                ordered.append((_rows([box])[0], 0))
            else:  # a box that reaches a little over the gutter belongs to the side it mostly is on
                (left if (box.x0 + box.x1) / 2 < gutter else right).append(box)
        flush()
    # Box heights follow the glyphs (a line with brackets stands taller): one size for the page's
    # lines, but for those clearly set larger (titles).
    size = sorted(b.height for b in boxes)[len(boxes) // 2]
    return [Line(_line_text(text), x0, x1, top, bottom, size if bottom - top <= 1.5 * size else bottom - top,
                 page, height, column) for (text, x0, x1, top, bottom), column in ordered]


def _split_at_gutter(boxes: list[_Box], pixels, gutter: float) -> list[_Box]:
    """On a page of two columns, a box the detector drew over both (two lines facing each other
    across a narrow gutter) read again as its two halves."""
    out = []
    for box in boxes:
        if _across(box, gutter):
            top, bottom = int(box.top), int(box.bottom) + 1
            halves = [(box.x0, gutter), (gutter, box.x1)]
            texts = [_engine()(pixels[top:bottom, int(a):int(b) + 1], use_det=False, use_cls=False)[0][0]
                     for a, b in halves]
            pieces = [_Box(t.strip(), a, b, box.top, box.bottom) for (a, b), (t, score) in zip(halves, texts)
                      if t.strip() and float(score) >= MIN_SCORE]
            if pieces:
                out.extend(pieces)
                continue
        out.append(box)
    return out


def _across(box: _Box, gutter: float) -> bool:
    """The box reaches well into both columns (more than a character and a half on each side)."""
    return box.x0 + 1.5 * box.height < gutter < box.x1 - 1.5 * box.height


def _gutter(boxes: list[_Box], width: float) -> float | None:
    """The x of a column gutter: a vertical band in the middle of the page that no box crosses,
    with at least four boxes on each side of it over a third of the page's height."""
    wide = [b for b in boxes if b.x1 - b.x0 > 2 * b.height]
    if len(wide) < 8:
        return None
    x_min, x_max = min(b.x0 for b in wide), max(b.x1 for b in wide)
    best = None
    for k in range(30, 71, 2):
        x = x_min + (x_max - x_min) * k / 100
        crossing = sum(1 for b in wide if b.x0 < x < b.x1)
        left = [b for b in wide if b.x1 <= x]
        right = [b for b in wide if b.x0 >= x]
        if crossing <= len(wide) // 10 and len(left) >= 4 and len(right) >= 4:
            span = lambda bs: max(b.bottom for b in bs) - min(b.top for b in bs)  # noqa: E731
            if span(left) > 0.33 * (max(b.bottom for b in wide) - min(b.top for b in wide)) and span(right) > 0:
                if best is None or crossing < best[0] or (crossing == best[0] and abs(k - 50) < abs(best[1] - 50)):
                    best = (crossing, k, x)
    return best[2] if best else None


def _rows(boxes: list[_Box]) -> list[tuple[str, float, float, float, float]]:
    """Boxes grouped into rows (their middles within half a line of each other), each row's boxes
    left to right."""
    rows: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        middle = (box.top + box.bottom) / 2
        if rows:
            last = rows[-1]
            last_middle = sum((b.top + b.bottom) / 2 for b in last) / len(last)
            if abs(middle - last_middle) < 0.5 * min(box.height, min(b.height for b in last)):
                last.append(box)
                continue
        rows.append([box])

    def spaced(prev: _Box, box: _Box, text: str) -> bool:  # words apart, not a number the detector cut
        gap = box.x0 - prev.x1
        latin = LATIN.match(text[-1:]) and LATIN.match(box.text[:1]) and not (text[-1:].isdigit() and box.text[:1].isdigit())
        return gap > 2 * box.height or bool(latin and gap > box.height)

    out = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        text = join_row(row, spaced)
        out.append((text, row[0].x0, max(b.x1 for b in row), min(b.top for b in row), max(b.bottom for b in row)))
    return out

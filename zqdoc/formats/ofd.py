"""OFD (GB/T 33190-2016, the national format of electronic official documents): a ZIP of XML parts,
read with lxml under the same caps as a DOCX (`package`).

OFD.xml names the document (DocBody/DocRoot); Document.xml lists the pages in order (Pages/Page
BaseLoc); each page's Content.xml holds layers of TextObjects (in PageBlocks too), each placed by
its Boundary ("x y w h", millimetres) and CTM, its TextCodes by X/Y and their glyph advances by
DeltaX ("g 3 4.2" repeats 4.2 three times). Glyphs on one baseline make a line, and the lines go
through the same page-number, running-header and paragraph logic as a PDF's text layer (`layout`).
Element names are matched without their namespace: producers write the standard's
(http://www.ofdspec.org/2016) and others. Templates (TemplatePage: running headers) and
annotations are not read. Tables come out as their cells' lines of text, a row's cells joined
by a space: OFD draws a table's rules as paths, which are not read.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import DamagedFile
from . import Extracted
from .layout import LATIN, Line, join_row, paragraphs, strip_running
from .package import Package, join, open_zip
from .pdf import normalize_compat

MAX_PAGES = 3000


@dataclass
class _Glyphs:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float


def read_ofd(data: bytes, name: str | None) -> Extracted:
    shown = name or "<bytes>"
    with open_zip(data, shown, "OFD") as z:
        pkg = Package(z, shown, "OFD")
        entry = next((n for n in sorted(pkg.names) if n.lower().rsplit("/", 1)[-1] == "ofd.xml"), None)
        root = pkg.xml(entry) if entry else None
        if root is None:
            raise DamagedFile(shown, "is an OFD without its entry part OFD.xml")
        base = entry.rpartition("/")[0]
        doc_root = _first_text(root, "DocRoot")
        if not doc_root:
            raise DamagedFile(shown, "is an OFD whose OFD.xml names no document (DocBody/DocRoot)")
        doc_path = join(base, doc_root)
        document = pkg.xml(doc_path)
        if document is None:
            raise DamagedFile(shown, f"is an OFD without its document part {doc_path}")
        folder = doc_path.rpartition("/")[0]
        default_box = _box(_first_text(document, "PhysicalBox"))
        page_paths = [join(folder, p.get("BaseLoc") or "") for p in _children(document, "Pages", "Page")]
        if len(page_paths) > MAX_PAGES:
            raise DamagedFile(shown, f"is an OFD of {len(page_paths)} pages, over the cap of {MAX_PAGES}")
        pages, missing = [], []
        for number, path in enumerate(page_paths):
            content = pkg.xml(path)
            if content is None:
                missing.append(number + 1)
                pages.append([])
                continue
            box = _box(_first_text(content, "PhysicalBox")) or default_box or (0, 0, 210, 297)
            pages.append(_page_lines(content, number, box[3]))
    warnings = []
    if missing:
        warnings.append(f"OFD page{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing[:10]))} "
                        f"{'are' if len(missing) > 1 else 'is'} missing from the package")
    text = "\n".join(paragraphs(strip_running(pages)))
    return Extracted(text=normalize_compat(text), format="ofd", warnings=warnings)


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first_text(root, local: str) -> str | None:
    for el in root.iter():
        if _local(el) == local:
            return (el.text or "").strip()
    return None


def _children(root, parent: str, child: str) -> list:
    for el in root.iter():
        if _local(el) == parent:
            return [c for c in el if _local(c) == child]
    return []


def _numbers(value: str | None) -> list[float]:
    try:
        return [float(v) for v in (value or "").replace(",", " ").split()]
    except ValueError:
        return []


def _box(value: str | None) -> tuple[float, float, float, float] | None:
    nums = _numbers(value)
    return tuple(nums[:4]) if len(nums) >= 4 else None  # type: ignore[return-value]


def _deltas(value: str | None) -> list[float]:
    """DeltaX/DeltaY: numbers, where `g N v` stands for v repeated N times."""
    out: list[float] = []
    tokens = (value or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                out.extend([float(tokens[i + 2])] * int(float(tokens[i + 1])))
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            pass
        i += 1
    return out


def _page_lines(content, page: int, height: float) -> list[Line]:
    glyphs: list[_Glyphs] = []
    for obj in content.iter():
        if _local(obj) != "TextObject":
            continue
        box = _box(obj.get("Boundary")) or (0.0, 0.0, 0.0, 0.0)
        size = next((float(v[0]) for v in (_numbers(obj.get(k)) for k in ("Size", "size")) if v), 3.5)
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = (abs(d) or abs(a) or 1.0)
        x = y = 0.0
        for code in obj:
            if _local(code) != "TextCode":
                continue
            text = code.text or ""
            if code.get("X") is not None:
                x = (_numbers(code.get("X")) or [x])[0]
            if code.get("Y") is not None:
                y = (_numbers(code.get("Y")) or [y])[0]
            advances = (_deltas(code.get("DeltaX")) + [size] * len(text))[:max(0, len(text) - 1)]
            end = x + sum(advances) + size  # the last glyph: about an em wide
            if text.strip():
                glyphs.append(_Glyphs(text, box[0] + a * x + c * y + e, box[0] + a * end + c * y + e,
                                      box[1] + b * x + d * y + f, size * scale))
            x = end
    return _lines(glyphs, page, height)


def _lines(glyphs: list[_Glyphs], page: int, height: float) -> list[Line]:
    """Runs of glyphs on one baseline as lines, left to right, a space where they stand apart."""
    rows: list[list[_Glyphs]] = []
    for g in sorted(glyphs, key=lambda g: (g.y, g.x0)):
        if rows and abs(rows[-1][0].y - g.y) < 0.3 * min(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])

    def spaced(prev: _Glyphs, g: _Glyphs, text: str) -> bool:
        gap = g.x0 - prev.x1
        return gap > 0.25 * g.size or bool(LATIN.match(text[-1:]) and LATIN.match(g.text[:1]) and gap > 0.1 * g.size)

    out = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        text = join_row(row, spaced)
        size = max(g.size for g in row)
        y = row[0].y
        out.append(Line(text.rstrip(), row[0].x0, max(g.x1 for g in row), y - size, y, size, page, height))
    return out

"""DOCX: paragraphs and tables in document order, with Word's automatic numbering rendered.

Read straight from the ZIP with lxml (python-docx does not render numbering). Numbers come from
numbering.xml: a paragraph's numPr (or its style's) names a list and a level; the level's numFmt
(chineseCounting → 一, decimal → 1, decimalEnclosedCircle → ①, …) and lvlText (`%1、`, `（%2）`,
`%3.`) print the counters, which run per list and restart by lvlRestart, startOverride and the
use of a higher level, as Word does. Tables become the flattened `cell |` lines of `tables`.

Safety (`package`): at most `MAX_MEMBERS` members and `max_unpacked()` bytes unpacked (checked on the declared
sizes and again while reading, as sizes in a ZIP can lie); XML with a DTD is refused, entities are
never resolved and nothing is fetched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DamagedFile
from . import Extracted
from .package import Package, join, open_zip
from .tables import ACROSS, DOWN, OWN, GridCell, flatten, is_data_table

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL_TYPES = ("officeDocument", "numbering", "styles")
_SKIP = {"pPr", "rPr", "del", "moveFrom", "drawing", "pict", "object", "Fallback", "instrText", "delText",
         "fldData", "footnoteReference", "endnoteReference", "commentReference", "annotationRef"}
_CJK_END = set("、）．。：」』】〕")  # after these a tab prints as nothing; after `1.` as a space


def read_docx(data: bytes, name: str | None) -> Extracted:
    shown = name or "<bytes>"
    with open_zip(data, shown, "DOCX") as z:
        pkg = _Package(z, shown, "DOCX")
        doc_path = pkg.main_part()
        root = pkg.xml(doc_path)
        if root is None:
            raise DamagedFile(shown, f"is a DOCX without its document part ({doc_path})")
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else _W
        rels = pkg.part_rels(doc_path)
        styles = _Styles(pkg.xml(rels.get("styles", "word/styles.xml")), ns)
        numbering = _Numbering(pkg.xml(rels.get("numbering", "word/numbering.xml")), ns, styles)
        body = root.find(f"{{{ns}}}body")
        if body is None:
            raise DamagedFile(shown, "is a DOCX whose document part has no body")
        reader = _Reader(ns, styles, numbering)
        lines = reader.blocks(body)
    return Extracted(text="\n".join(lines), format="docx", warnings=reader.warnings)


# ----------------------------------------------------------------------------- the package, safely

class _Package(Package):
    """The parts of a DOCX: the main document and its related parts, found by relationship."""

    def main_part(self) -> str:
        rels = self._rels("_rels/.rels", "")
        return rels.get("officeDocument", "word/document.xml")

    def part_rels(self, part: str) -> dict[str, str]:
        folder, _, base = part.rpartition("/")
        return self._rels(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels", folder)

    def _rels(self, path: str, folder: str) -> dict[str, str]:
        root = self.xml(path)
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root:
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if kind in _REL_TYPES and rel.get("TargetMode") != "External" and kind not in out:
                out[kind] = join(folder, target)
        return out


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# ----------------------------------------------------------------------------------- styles

class _Styles:
    """Paragraph styles: the numbering each one carries (through basedOn)."""

    def __init__(self, root, ns: str):
        self.ns = ns
        self.styles: dict[str, tuple[str | None, str | None, int | None]] = {}  # id → basedOn, numId, ilvl
        self.default: str | None = None
        if root is None:
            return
        w = f"{{{ns}}}"
        for st in root.iter(f"{w}style"):
            if st.get(f"{w}type") not in (None, "paragraph"):
                continue
            sid = st.get(f"{w}styleId")
            based = st.find(f"{w}basedOn")
            num = st.find(f"{w}pPr/{w}numPr")
            num_id = ilvl = None
            if num is not None:
                n, i = num.find(f"{w}numId"), num.find(f"{w}ilvl")
                num_id = n.get(f"{w}val") if n is not None else None
                ilvl = _int(i.get(f"{w}val")) if i is not None else None
            self.styles[sid] = (based.get(f"{w}val") if based is not None else None, num_id, ilvl)
            if st.get(f"{w}default") in ("1", "true", "on"):
                self.default = sid

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style that holds them) of a paragraph style, following basedOn."""
        seen = set()
        sid = style_id or self.default
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            based, num_id, ilvl = self.styles[sid]
            if num_id is not None:
                return num_id, ilvl, sid
            sid = based
        return None, None, None


# ---------------------------------------------------------------------------------- numbering

@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False
    suff: str = "tab"
    style: str | None = None


@dataclass
class _List:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)  # lvlOverride/lvl
    starts: dict[int, int] = field(default_factory=dict)  # lvlOverride/startOverride


class _Numbering:
    def __init__(self, root, ns: str, styles: _Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId → numStyleLink style
        self.lists: dict[str, _List] = {}
        self.counters: dict[tuple, list[int | None]] = {}
        self.styles = styles
        if root is None:
            return
        w = self.w = f"{{{ns}}}"
        for a in root.iter(f"{w}abstractNum"):
            aid = a.get(f"{w}abstractNumId")
            self.abstract[aid] = dict(self._level(x) for x in a.findall(f"{w}lvl"))
            link = a.find(f"{w}numStyleLink")
            if link is not None:
                self.style_link[aid] = link.get(f"{w}val")
        for n in root.iter(f"{w}num"):
            ref = n.find(f"{w}abstractNumId")
            if ref is None:
                continue
            lst = _List(ref.get(f"{w}val"))
            for o in n.findall(f"{w}lvlOverride"):
                i = _int(o.get(f"{w}ilvl")) or 0
                so = o.find(f"{w}startOverride")
                if so is not None:
                    lst.starts[i] = _int(so.get(f"{w}val")) or 0
                lvl = o.find(f"{w}lvl")
                if lvl is not None:
                    lst.levels[i] = self._level(lvl)[1]
            self.lists[n.get(f"{w}numId")] = lst

    def _level(self, el) -> tuple[int, _Level]:
        """(ilvl, definition) of a w:lvl."""
        w = self.w

        def val(tag):
            x = el.find(f"{w}{tag}")
            return None if x is None else x.get(f"{w}val")

        restart = val("lvlRestart")
        legal = el.find(f"{w}isLgl")
        return _int(el.get(f"{w}ilvl")) or 0, _Level(
            start=_int(val("start")) or 0, fmt=val("numFmt") or "decimal", text=val("lvlText") or "",
            restart=_int(restart) if restart is not None else None,
            legal=legal is not None and legal.get(f"{w}val") not in ("0", "false", "off"),
            suff=val("suff") or "tab", style=val("pStyle"))

    def _levels(self, lst: _List) -> dict[int, _Level]:
        aid = lst.abstract
        if aid in self.style_link:  # a list defined by a numbering style: follow it to its definition
            num_id, _, _ = self.styles.numbering(self.style_link[aid])
            linked = self.lists.get(num_id) if num_id else None
            if linked is not None and linked.abstract != aid:
                aid = linked.abstract
        levels = dict(self.abstract.get(aid, {}))
        levels.update(lst.levels)
        return levels

    def level_of_style(self, num_id: str, *styles: str | None) -> int:
        """The level of a list that a paragraph style is linked to (w:lvl/w:pStyle), else 0."""
        lst = self.lists.get(num_id)
        if lst is None:
            return 0
        levels = self._levels(lst)
        for style in styles:
            for i, lvl in levels.items():
                if style and lvl.style == style:
                    return i
        return 0

    def render(self, num_id: str, ilvl: int) -> str:
        """The printed number of the next paragraph of list `num_id` at level `ilvl` ('' if none)."""
        lst = self.lists.get(num_id)
        if lst is None:
            return ""
        levels = self._levels(lst)
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        key = ("num", num_id) if lst.starts else ("abstract", lst.abstract)
        counters = self.counters.setdefault(key, [None] * 10)

        def start(i: int) -> int:
            return lst.starts.get(i, levels[i].start if i in levels else 0)

        counters[ilvl] = start(ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for j in range(ilvl + 1, 10):
            r = levels[j].restart if j in levels else None
            if r is None or (r != 0 and ilvl <= r - 1):
                counters[j] = None
        if lvl.fmt in ("bullet", "none") and "%" not in lvl.text:
            return ""  # bullets are not section numbers

        def sub(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            value = counters[i] if counters[i] is not None else start(i)
            fmt = levels[i].fmt if i in levels else "decimal"
            if lvl.legal and i < ilvl:
                fmt = "decimal"
            return format_number(value, fmt)

        printed = re.sub(r"%([1-9])", sub, lvl.text)
        if not printed:
            return ""
        if lvl.suff == "space" or (lvl.suff == "tab" and printed[-1] not in _CJK_END):
            printed += " "
        return printed


# ------------------------------------------------------------------------------ number formats

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _cn_count(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    for unit_value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // unit_value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += ("" if (d == 1 and unit_value == 10 and not out) else digits[d]) + unit
    return out


def _letters(n: int, base: str) -> str:
    if n <= 0:
        return str(n)
    return base[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """`n` in the ST_NumberFormat `fmt` of WordprocessingML."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _cn_count(n)
    if fmt == "chineseLegalSimplified":
        return _cn_count(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(c)] for c in str(n)) if n >= 0 else str(n)
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n)) if n >= 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalHalfWidth, ordinal… and anything unknown


# ------------------------------------------------------------------------------------- content

class _Reader:
    def __init__(self, ns: str, styles: _Styles, numbering: _Numbering):
        self.w = f"{{{ns}}}"
        self.styles, self.numbering = styles, numbering
        self.warnings: list[str] = []

    def blocks(self, container) -> list[str]:
        """Lines of the paragraphs and tables of a body, cell or content control, in order."""
        lines: list[str] = []
        for child in container:
            tag = _local(child)
            if tag == "p":
                text = self.paragraph(child)
                if text.strip():
                    lines.append(text)
            elif tag == "tbl":
                lines.extend(self.table(child))
            elif tag in ("sdt", "customXml", "ins", "moveTo", "smartTag"):
                inner = child.find(f"{self.w}sdtContent") if tag == "sdt" else child
                if inner is not None:
                    lines.extend(self.blocks(inner))
        return lines

    def paragraph(self, p) -> str:
        return self.number(p) + self.runs(p)

    def number(self, p) -> str:
        w = self.w
        ppr = p.find(f"{w}pPr")
        num_id = ilvl = style = None
        if ppr is not None:
            ps = ppr.find(f"{w}pStyle")
            style = ps.get(f"{w}val") if ps is not None else None
            npr = ppr.find(f"{w}numPr")
            if npr is not None:
                n, i = npr.find(f"{w}numId"), npr.find(f"{w}ilvl")
                num_id = n.get(f"{w}val") if n is not None else None
                ilvl = _int(i.get(f"{w}val")) if i is not None else None
        holder = None
        if num_id is None:
            num_id, style_ilvl, holder = self.styles.numbering(style)
            ilvl = style_ilvl if ilvl is None else ilvl
        if not num_id or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, style, holder)
        return self.numbering.render(num_id, max(0, min(ilvl, 9)))

    def runs(self, el) -> str:
        parts: list[str] = []
        self._walk(el, parts)
        return "".join(parts)

    def _walk(self, el, parts: list[str]) -> None:
        w = self.w
        for child in el:
            tag = _local(child)
            if tag in _SKIP or not tag:
                continue
            if tag == "t":
                parts.append(child.text or "")
            elif tag == "tab":
                parts.append("\t")
            elif tag in ("br", "cr"):
                parts.append("\n")
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "r":
                vanish = child.find(f"{w}rPr/{w}vanish")
                if vanish is not None and vanish.get(f"{w}val") not in ("0", "false", "off"):
                    continue
                self._walk(child, parts)
            elif tag in ("p", "tbl"):
                continue  # block content inside a run (text boxes): not part of the paragraph
            else:
                self._walk(child, parts)

    def table(self, tbl) -> list[str]:
        w = self.w
        grid: list[list[GridCell]] = []
        for tr in tbl.iter(f"{w}tr"):
            if _ancestor_table(tr, w) is not tbl:
                continue  # a row of a nested table
            row: list[GridCell] = []
            before = tr.find(f"{w}trPr/{w}gridBefore")
            row.extend(GridCell("") for _ in range(_int(before.get(f"{w}val")) or 0 if before is not None else 0))
            for tc in tr:
                if _local(tc) == "sdt":
                    cells = tc.findall(f"{w}sdtContent/{w}tc")
                elif _local(tc) == "tc":
                    cells = [tc]
                else:
                    continue
                for cell in cells:
                    self._cell(cell, row, grid)
            grid.append(row)
        if not grid:
            return []
        if not is_data_table(grid):
            return [line for row in grid for c in row if c.kind == OWN for line in c.text.split("\n") if line.strip()]
        return flatten(grid)

    def _cell(self, tc, row: list[GridCell], grid: list[list[GridCell]]) -> None:
        w = self.w
        span_el = tc.find(f"{w}tcPr/{w}gridSpan")
        span = max(1, _int(span_el.get(f"{w}val")) or 1) if span_el is not None else 1
        vmerge = tc.find(f"{w}tcPr/{w}vMerge")
        col = len(row)
        if vmerge is not None and vmerge.get(f"{w}val") in (None, "continue"):
            above = grid[-1][col] if grid and col < len(grid[-1]) else GridCell("")
            row.append(GridCell(above.text, DOWN))
        else:
            row.append(GridCell("\n".join(self.blocks(tc)).strip(), OWN))
        row.extend(GridCell("", ACROSS) for _ in range(span - 1))


def _ancestor_table(el, w: str):
    parent = el.getparent()
    while parent is not None and parent.tag != f"{w}tbl":
        parent = parent.getparent()
    return parent


def _int(s) -> int | None:
    try:
        return int(s)
    except (TypeError, ValueError):
        return None

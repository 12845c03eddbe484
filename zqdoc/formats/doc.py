"""Word 97–2003 (.doc) and WPS (.wps) binary documents, read with olefile and [MS-DOC] directly.

Kingsoft WPS saves .wps in Word's binary format (a `WordDocument` stream in an OLE file), so both are
read here; a .wps of the old WPS DOS/97 format and Works files are refused with the way to convert.

* **Text**: the piece table (Clx) of the table stream maps the main document's characters (ccpText)
  to the WordDocument stream, UTF-16 or compressed 8-bit. Field codes are left out and their results
  kept; pictures, drawn objects and note marks print nothing; a line break or page break ends a line.
* **Numbering**: a paragraph in a list (sprmPIlfo, sprmPIlvl in its PAPX) is given its number, printed
  from the list's level (PlfLst: start, number format, template `\\x00、`) with counters per list as
  Word keeps them — the same rendering as DOCX (`docx.format_number`). Lists a paragraph takes only
  from its style are not rendered (a warning says how many).
* **Tables**: paragraphs in a table (sprmPFInTable) end their cell with \\x07; the row's end mark
  (sprmPFTtp) carries the row's cell definitions (sprmTDefTable), whose merge flags give cells merged
  down and across; the grid is flattened as a DOCX table is (`tables`).

The file is not trusted: every offset is checked against its stream, and a document that does not
hold together is a `DamagedFile`; an encrypted one is refused.
"""
from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, field

from ..errors import DamagedFile, UnsupportedFormat
from . import Extracted
from .docx import format_number
from .tables import ACROSS, DOWN, OWN, GridCell, flatten, is_data_table

_CONVERT = "convert it to DOCX, e.g. `libreoffice --headless --convert-to docx {file}`, and parse that"
# MS-DOC's number formats (nfc) by the names of WordprocessingML's ST_NumberFormat
_NFC = ["decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal", "cardinalText",
        "ordinalText", "hex", "chicago", "ideographDigital", "japaneseCounting", "aiueo", "iroha",
        "decimalFullWidth", "decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand",
        "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth", "irohaFullWidth", "decimalZero", "bullet",
        "ganada", "chosung", "decimalEnclosedFullstop", "decimalEnclosedParen", "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle", "ideographTraditional", "ideographZodiac", "ideographZodiacTraditional",
        "taiwaneseCounting", "ideographLegalTraditional", "taiwaneseCountingThousand", "taiwaneseDigital",
        "chineseCounting", "chineseLegalSimplified", "chineseCountingThousand"]
# FibRgFcLcb97: index of each (fc, lcb) pair used here
_PLCF_BTE_PAPX, _CLX, _PLF_LST, _PLF_LFO = 13, 33, 73, 74
_CJK_END = set("、）．。：」』】〕")


def read_doc(data: bytes, name: str | None) -> Extracted:
    import olefile

    shown = name or "<bytes>"
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, struct.error, IndexError) as e:
        raise DamagedFile(shown, f"is an OLE file (Word 97-2003/WPS) that cannot be opened: {e}") from e
    with ole:
        if not ole.exists("WordDocument"):
            what = ("an Excel 97-2003 workbook" if ole.exists("Workbook") or ole.exists("Book") else
                    "a PowerPoint 97-2003 file" if ole.exists("PowerPoint Document") else
                    "an OLE file that is not a Word document (an old WPS or Works file?)")
            raise UnsupportedFormat(shown, f"is {what}, which zqdoc does not read: "
                                           + _CONVERT.format(file=shown if name else "FILE"))
        try:
            word = ole.openstream("WordDocument").read()
            fib = _Fib(word, shown)
            table_name = "1Table" if fib.table_one else "0Table"
            if not ole.exists(table_name):
                raise DamagedFile(shown, f"is a Word document without its {table_name} stream")
            table = ole.openstream(table_name).read()
        except (OSError, ValueError, struct.error, IndexError) as e:
            raise DamagedFile(shown, f"is a Word document whose streams cannot be read: {e}") from e
    try:
        reader = _Reader(word, table, fib, shown)
        lines = reader.lines()
    except (struct.error, IndexError, ValueError, KeyError) as e:
        raise DamagedFile(shown, f"is a Word document whose structure does not hold together "
                                 f"(damaged or truncated?): {e}") from e
    return Extracted(text="\n".join(lines), format="doc", warnings=reader.warnings)


def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from("<H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from("<I", b, at)[0]


class _Fib:
    """The file information block: where the parts are."""

    def __init__(self, word: bytes, shown: str):
        if len(word) < 68 or _u16(word, 0) not in (0xA5EC, 0xA5DC):
            raise DamagedFile(shown, "is an OLE file whose WordDocument stream is not a Word document")
        n_fib = _u16(word, 2)
        if n_fib < 101:
            raise UnsupportedFormat(shown, f"is a Word 6/95 document (nFib {n_fib}), which zqdoc does not read: "
                                           + _CONVERT.format(file=shown))
        flags = _u16(word, 0x0A)
        if flags & 0x0100:
            raise DamagedFile(shown, "is a password-protected (encrypted) Word document: open it with its "
                                     "password and save a copy without one")
        self.table_one = bool(flags & 0x0200)
        pos = 32
        csw = _u16(word, pos)
        pos += 2 + 2 * csw
        cslw = _u16(word, pos)
        lw = pos + 2
        pos = lw + 4 * cslw
        self.ccp_text = struct.unpack_from("<i", word, lw + 12)[0]  # fibRgLw.ccpText
        self.n_pairs = _u16(word, pos)
        self.pairs = pos + 2
        self.word = word

    def fc_lcb(self, index: int) -> tuple[int, int]:
        if index >= self.n_pairs:
            return 0, 0
        return _u32(self.word, self.pairs + 8 * index), _u32(self.word, self.pairs + 8 * index + 4)


@dataclass
class _Piece:
    cp: int
    cp_end: int
    fc: int  # byte offset in WordDocument
    compressed: bool


@dataclass
class _Para:
    """The paragraph properties that matter here."""
    in_table: bool = False
    row_end: bool = False
    ilfo: int = 0
    ilvl: int = 0
    cells: list[int] = field(default_factory=list)  # the row's cells' merge flags (at its end mark)


@dataclass
class _Level:
    start: int
    fmt: str
    template: str  # the number text, \x00-\x08 standing for the levels' counters
    restart: bool  # fNoRestart clear: restarts after a higher level
    legal: bool
    follow: int  # 0 tab, 1 space, 2 nothing


class _Reader:
    def __init__(self, word: bytes, table: bytes, fib: _Fib, shown: str):
        self.word, self.table, self.fib, self.shown = word, table, fib, shown
        self.warnings: list[str] = []
        self.pieces = self._pieces()
        self.runs = self._papx_runs()
        self.lists, self.lfo = self._lists()
        self.counters: dict[int, list[int | None]] = {}

    # ---------------------------------------------------------------------------------- text

    def _pieces(self) -> list[_Piece]:
        fc, lcb = self.fib.fc_lcb(_CLX)
        clx = self.table[fc:fc + lcb]
        if not lcb or len(clx) < lcb:
            raise ValueError("no piece table")
        pos = 0
        while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
            pos += 3 + _u16(clx, pos + 1)
        if pos >= len(clx) or clx[pos] != 0x02:
            raise ValueError("no Pcdt in the Clx")
        size = _u32(clx, pos + 1)
        plc = clx[pos + 5:pos + 5 + size]
        n = (len(plc) - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        pieces = []
        for i in range(n):
            raw = _u32(plc, 4 * (n + 1) + 8 * i + 2)
            compressed = bool(raw & 0x40000000)
            offset = (raw & 0x3FFFFFFF) // 2 if compressed else raw
            pieces.append(_Piece(cps[i], cps[i + 1], offset, compressed))
        return pieces

    def _text(self) -> tuple[str, list[int]]:
        """The main document's characters and, for each, its byte offset in WordDocument."""
        chars: list[str] = []
        fcs: list[int] = []
        end = self.fib.ccp_text
        for p in self.pieces:
            if p.cp >= end:
                break
            count = min(p.cp_end, end) - p.cp
            width = 1 if p.compressed else 2
            raw = self.word[p.fc:p.fc + count * width]
            if len(raw) < count * width:
                raise ValueError(f"a piece runs past the WordDocument stream (at byte {p.fc})")
            text = raw.decode("cp1252", "replace") if p.compressed else raw.decode("utf-16-le", "replace")
            chars.extend(text)
            fcs.extend(p.fc + width * i for i in range(count))
        return "".join(chars), fcs

    # -------------------------------------------------------------------------- paragraph props

    def _papx_runs(self) -> list[tuple[int, int, _Para]]:
        """(fc start, fc end, properties) of the paragraph runs of the PAPX FKPs, by FC."""
        fc, lcb = self.fib.fc_lcb(_PLCF_BTE_PAPX)
        plc = self.table[fc:fc + lcb]
        n = (len(plc) - 4) // 8
        out = []
        for i in range(n):
            pn = _u32(plc, 4 * (n + 1) + 4 * i) & 0x3FFFFF
            page = self.word[pn * 512:pn * 512 + 512]
            if len(page) < 512:
                continue
            crun = page[511]
            fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
            for k in range(crun):
                offset = page[4 * (crun + 1) + 13 * k] * 2
                out.append((fcs[k], fcs[k + 1], self._papx(page, offset) if offset else _Para()))
        out.sort(key=lambda r: r[0])
        return out

    def _papx(self, page: bytes, at: int) -> _Para:
        cb = page[at]
        if cb == 0:
            length, start = 2 * page[at + 1], at + 2
        else:
            length, start = 2 * cb - 1, at + 1
        grpprl = page[start + 2:start + length]  # after the istd
        return _sprms(grpprl)

    def _para_at(self, fc: int) -> _Para:
        lo, hi = 0, len(self.runs)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.runs[mid][1] <= fc:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.runs) and self.runs[lo][0] <= fc < self.runs[lo][1]:
            return self.runs[lo][2]
        return _Para()

    # --------------------------------------------------------------------------------- lists

    def _lists(self) -> tuple[dict[int, list[_Level]], list[int]]:
        """Levels by list id (PlfLst), and the list id of each LFO (index ilfo - 1)."""
        fc, lcb = self.fib.fc_lcb(_PLF_LST)
        lists: dict[int, list[_Level]] = {}
        if lcb >= 2:
            t = self.table
            count = _u16(t, fc)
            lstfs = []
            for i in range(count):
                at = fc + 2 + 28 * i
                lsid, flags = struct.unpack_from("<i", t, at)[0], t[at + 26]
                lstfs.append((lsid, 1 if flags & 0x01 else 9))
            pos = fc + 2 + 28 * count
            for lsid, n_levels in lstfs:  # the LVLs follow the LSTFs, list after list
                levels = []
                for _ in range(n_levels):
                    level, pos = _lvl(t, pos)
                    levels.append(level)
                lists[lsid] = levels
        fc, lcb = self.fib.fc_lcb(_PLF_LFO)
        lfo: list[int] = []
        if lcb >= 4:
            count = _u32(self.table, fc)
            lfo = [struct.unpack_from("<i", self.table, fc + 4 + 16 * i)[0] for i in range(count)]
        return lists, lfo

    def _number(self, para: _Para) -> str:
        if not (0 < para.ilfo <= len(self.lfo)):
            return ""
        lsid = self.lfo[para.ilfo - 1]
        levels = self.lists.get(lsid)
        if not levels:
            return ""
        ilvl = min(para.ilvl, len(levels) - 1)
        lvl = levels[ilvl]
        counters = self.counters.setdefault(lsid, [None] * 9)
        counters[ilvl] = lvl.start if counters[ilvl] is None else counters[ilvl] + 1
        for j in range(ilvl + 1, len(levels)):
            if levels[j].restart:
                counters[j] = None
        if lvl.fmt == "bullet":
            return ""

        def value(i: int) -> str:
            n = counters[i] if counters[i] is not None else levels[i].start
            return format_number(n, "decimal" if lvl.legal and i < ilvl else levels[i].fmt)

        printed = "".join(value(ord(c)) if ord(c) < len(levels) and ord(c) <= 8 else c for c in lvl.template)
        if printed and (lvl.follow == 1 or (lvl.follow == 0 and printed[-1] not in _CJK_END)):
            printed += " "
        return printed

    # ------------------------------------------------------------------------------ assembly

    def lines(self) -> list[str]:
        chars, fcs = _drop_fields(*self._text())
        out: list[str] = []
        row: list[str] = []  # cells of the table row being read
        grid: list[list[GridCell]] = []
        cell: list[str] = []
        style_lists = 0
        start = 0
        for i, ch in enumerate(chars):
            if ch not in "\r\x07":
                continue
            para = self._para_at(fcs[i])
            body = _clean(chars[start:i])
            start = i + 1
            number = self._number(para)  # Word prints a list's number on an empty paragraph too
            if para.ilfo and not number and body.strip() and para.ilfo > len(self.lfo):
                style_lists += 1
            line = number + body
            if para.in_table and ch == "\x07" and para.row_end:  # the row's end mark
                grid.append(_row(row, para.cells))
                row = []
                continue
            if para.in_table and ch == "\x07":  # a cell ends
                cell.append(line)
                row.append("\n".join(c for c in cell if c.strip()))
                cell = []
                continue
            if para.in_table:  # a paragraph inside a cell
                cell.append(line)
                continue
            if grid:
                out.extend(_table_lines(grid))
                grid = []
            if line.strip():
                out.append(line)
        if grid:
            out.extend(_table_lines(grid))
        if style_lists:
            self.warnings.append(f"{style_lists} paragraph(s) number from a list that is not in the file's list table; "
                                 "their numbers are not printed")
        return out


def _row(cells: list[str], flags: list[int]) -> list[GridCell]:
    out = []
    for j, text in enumerate(cells):
        f = flags[j] if j < len(flags) else 0
        if f & 0x0002:  # fMerged: merged into the cell on its left
            out.append(GridCell("", ACROSS))
        elif f & 0x0020 and not f & 0x0040:  # fVertMerge without fVertRestart: merged from above
            out.append(GridCell(text, DOWN))
        else:
            out.append(GridCell(text, OWN))
    return out


def _table_lines(grid: list[list[GridCell]]) -> list[str]:
    for r, row in enumerate(grid):  # a cell merged down repeats the one above, as `tables` expects
        for j, c in enumerate(row):
            if c.kind == DOWN and r and j < len(grid[r - 1]):
                c.text = grid[r - 1][j].text
    if is_data_table(grid):
        return flatten(grid)
    return [c.text for row in grid for c in row if c.text.strip()]


def _sprms(grpprl: bytes) -> _Para:
    para = _Para()
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = _u16(grpprl, pos)
        pos += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm in (0xD608, 0xD606):  # sprmTDefTable(10): a two-byte cb, the rest's size plus one
            cb = _u16(grpprl, pos) if pos + 2 <= len(grpprl) else 0
            if sprm == 0xD608:
                para.cells = _tdef_flags(grpprl[pos + 2:pos + 1 + cb])
            pos += cb + 1
            continue
        else:
            size = grpprl[pos] + 1 if pos < len(grpprl) else 0
        operand = grpprl[pos:pos + size]
        if sprm == 0x2416:
            para.in_table = bool(operand[:1] and operand[0])
        elif sprm == 0x2417:
            para.row_end = bool(operand[:1] and operand[0])
        elif sprm == 0x6649 and len(operand) == 4:  # sprmPItap: the nesting level, 0 outside tables
            para.in_table = para.in_table or _u32(operand, 0) > 0
        elif sprm == 0x460B and len(operand) == 2:
            para.ilfo = _u16(operand, 0)
        elif sprm == 0x260A and operand:
            para.ilvl = min(operand[0], 8)
        pos += size
    return para


def _tdef_flags(operand: bytes) -> list[int]:
    """The merge flags of each cell of a sprmTDefTable operand (itcMac, rgdxaCenter, rgTc80)."""
    if not operand:
        return []
    count = operand[0]
    at = 1 + 2 * (count + 1)
    flags = []
    for i in range(count):
        flags.append(_u16(operand, at + 20 * i) if at + 20 * i + 2 <= len(operand) else 0)
    return flags


def _lvl(t: bytes, pos: int) -> tuple[_Level, int]:
    start = struct.unpack_from("<i", t, pos)[0]
    nfc = t[pos + 4]
    info = t[pos + 5]
    follow = t[pos + 15]
    cb_chpx, cb_papx = t[pos + 24], t[pos + 25]
    pos += 28 + cb_papx + cb_chpx
    cch = _u16(t, pos)
    template = t[pos + 2:pos + 2 + 2 * cch].decode("utf-16-le", "replace")
    pos += 2 + 2 * cch
    fmt = _NFC[nfc] if nfc < len(_NFC) else ("none" if nfc == 0xFF else "decimal")
    return _Level(start=start, fmt=fmt, template=template, restart=not info & 0x08, legal=bool(info & 0x04),
                  follow=follow), pos


def _drop_fields(text: str, fcs: list[int]) -> tuple[str, list[int]]:
    """Field codes (\\x13 code \\x14 result \\x15) out, results kept, nested fields too."""
    if "\x13" not in text:
        return text, fcs
    out, out_fcs = [], []
    stack: list[bool] = []  # per open field: in its code part
    for ch, fc in zip(text, fcs):
        if ch == "\x13":
            stack.append(True)
        elif ch == "\x14":
            if stack:
                stack[-1] = False
        elif ch == "\x15":
            if stack:
                stack.pop()
        elif not any(stack):
            out.append(ch)
            out_fcs.append(fc)
    return "".join(out), out_fcs


_SPECIAL = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": None, "\x01": None,
                          "\x02": None, "\x03": None, "\x04": None, "\x05": None, "\x08": None, "\xa0": " "})


def _clean(text: str) -> str:
    return re.sub(r"[\x00-\x08\x10-\x1f]", "", text.translate(_SPECIAL))

"""Task tables flattened to text: each row a section (marker = its 序号), its cells kept by column.

A table starts at a header row that holds 序号 and at least two more short column names, printed
in one of the ways copies of tables come out:

* one cell a line (`序号 |` / `重点工作 |` / …, or without the pipes), rows likewise, each row
  starting with its number alone on a line (a row with a missing or merged cell ends where the
  next number comes);
* one row a line, cells between `|`, tabs or runs of spaces (`1 | 推进… | 县教体局 |`), or single
  spaces where the header is letter-spaced (`序号 工 作 任 务 牵头负责部门`); a row broken over
  lines continues on the next line until it has all its cells.

A line between rows that opens with a heading marker (一、做大做强主导产业), or a first cell that
does (`一、继续提高底线民生保障水平 | 1 | …` under a 大类 column), is a group heading: the rows
after it are its children. A header printed again after a group (as DOCX tables are flattened) is
skipped. Anything else ends the table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..normalize import fold
from .lines import Line
from .markers import STRONG, Marker, match_marker
from .numerals import cn_int

_NUMBER = re.compile(r"(\d{1,4})[.、]?")
_MAX_HEADER_CELL = 16
_CELL_SEP = re.compile(r"[ ]*\|[ ]*|[ ]{2,}")  # on folded text: tabs and ideographic spaces are spaces there
_CELL_SEP_SINGLE = re.compile(r"[ ]*\|[ ]*|[ ]+")  # a letter-spaced table: cells apart by one space


@dataclass
class TableRow:
    marker: Marker  # style "row": the 序号 as printed
    end: int  # offset past its last cell
    cells: dict[str, str]  # column header → cell text as printed


@dataclass
class TableGroup:
    marker: Marker  # 一、 （一） … as matched on the group line
    end: int  # end of the group line
    rows: list[TableRow] = field(default_factory=list)


@dataclass
class Table:
    headers: list[str]
    items: list[TableRow | TableGroup]  # rows, and groups holding the rows under them
    next_line: int  # index of the first line after the table


def _squeeze(s: str) -> str:
    return "".join(s.split()).strip("|")


def _split(ln: Line, single_space: bool) -> list[tuple[int, int]]:
    """Cell spans (offsets in the document) of a row printed on one line."""
    f = ln.folded
    sep = _CELL_SEP_SINGLE if single_space else _CELL_SEP
    spans, pos = [], 0
    for m in sep.finditer(f):
        if m.start() > pos:
            spans.append((ln.start + pos, ln.start + m.start()))
        pos = m.end()
    if pos < len(f):
        spans.append((ln.start + pos, ln.start + len(f)))
    return spans


def _letter_spaced_cells(ln: Line) -> list[str]:
    """Header cells of a line split at single spaces, runs of one-character pieces joined
    (工 作 任 务 → 工作任务)."""
    cells: list[str] = []
    run = ""
    for piece in ln.folded.replace("|", " ").split():
        if len(piece) == 1:
            run += piece
            continue
        if run:
            cells.append(run)
            run = ""
        cells.append(piece)
    if run:
        cells.append(run)
    return cells


def _header_line(ln: Line) -> tuple[list[str], bool] | None:
    """(headers, split at single spaces?) of a header row printed on one line."""
    cells = [_squeeze(ln.folded[s - ln.start:e - ln.start]) for s, e in _split(ln, False)]
    single = False
    if len(cells) < 3:
        cells, single = _letter_spaced_cells(ln), True
    cells = [c for c in cells if c]
    if len(cells) < 3 or not any(_NUMBER_COLUMN.match(c) for c in cells[:2]) or any(len(c) > _MAX_HEADER_CELL for c in cells):
        return None
    return cells, single


def _is_number_cell(s: str) -> re.Match | None:
    return _NUMBER.fullmatch(_squeeze(s))


def _group_marker(text: str, folded: str, start: int, end: int) -> Marker | None:
    m = match_marker(folded, text, start, end)
    return m if m and m.style in STRONG and m.style not in ("paren_arabic", "circled") else None


class _Reader:
    def __init__(self, text: str, folded: str, lines: list[Line], skip: set[int]):
        self.text, self.folded, self.lines, self.skip = text, folded, lines, skip
        self.items: list[TableRow | TableGroup] = []

    def add(self, row: TableRow) -> None:
        if self.items and isinstance(self.items[-1], TableGroup):
            self.items[-1].rows.append(row)
        else:
            self.items.append(row)

    def group(self, ln: Line, m: Marker) -> None:
        self.items.append(TableGroup(m, ln.end))

    def row_marker(self, start: int, end: int) -> Marker:
        raw = self.text[start:end].strip()
        number = _NUMBER.match(raw)
        return Marker("row", int(number.group(1)), start, end, number.group(1))

    def table(self, headers: list[str], next_line: int) -> Table | None:
        """The table read, or None when it holds no row."""
        if not any(isinstance(x, TableRow) or (isinstance(x, TableGroup) and x.rows) for x in self.items):
            return None
        return Table(headers, self.items, next_line)

    def cell(self, start: int, end: int) -> str:
        return self.text[start:end].strip(" \t\u3000|").strip()


def is_header(ln: Line) -> bool:
    """Does a table header row start at this line?"""
    return "序号" in ln.squeezed and (_is_number_column(ln) or _header_line(ln) is not None)


_NUMBER_COLUMN = re.compile(r"^(?:项目|任务|工作)?序号$")  # 序号, 项目序号: a row number's column, alone on its line


def _is_number_column(ln: Line) -> bool:
    return _NUMBER_COLUMN.match(_squeeze(ln.folded)) is not None


def table_starts(lines: list[Line], i: int) -> bool:
    """Does a table header start at line i (with 序号, or a task column and role columns below it)?"""
    return is_header(lines[i]) or _unnumbered_header(lines, i) is not None


_TASK_COLUMN = re.compile(r"^(?:主要|重点|具体)?(?:工作|目标)?(?:任务|工作|举措|措施|事项|内容|目标)(?:和要求|及要求|与任务|内容)?$")
_ITEM_COLUMN = re.compile(r"^(?:重点|工作|建设)?(?:项目|项目名称|任务名称|事项名称)$")  # the name of a row's item
_UNIT_COLUMN = re.compile(r"(?:单位|部门|处室)$")  # a column of agencies (牵头单位, 责任部门…)
_ROLE_COLUMN = re.compile(r"(?:牵头|责任|配合|协办|主办|协同|参与|承办|领导|时限|时间)")


def is_agency_column(header: str) -> bool:
    """牵头单位, 责任部门: a column of agencies — not 单位 alone, a figure's unit of measure."""
    h = re.sub(r"\s", "", header)
    return bool(_UNIT_COLUMN.search(h)) and len(h) > 2


def _follows_agency_column(name: str) -> bool:
    """Can a column's name come after an agency column (责任单位 | 配合单位 | 完成时限 | 备注)?"""
    name = _squeeze(name)
    return bool(_ROLE_COLUMN.search(name) or _TASK_COLUMN.match(name) or _ITEM_COLUMN.match(name)
                or is_agency_column(name) or _AFTER_AGENCY_COLUMN.search(name) or _NOTE_HEADER.match(fold(name)))


_AFTER_AGENCY_COLUMN = re.compile(r"备注|说明|进度|目标|指标|要求|标准|成效|情况|计划|安排|节点|联系|任务|内容|措施|举措")


def _unnumbered_header(lines: list[Line], i: int) -> list[str] | None:
    """A header without a 序号 column, one name a line: 主要工作任务 / 牵头单位 / 责任单位 (its rows
    are numbered items, each followed by its cells). A column naming the item before the task
    column (项目 / 主要任务 / 牵头单位…) is the numbered item's own: the task is the next line."""
    if not _TASK_COLUMN.match(_squeeze(lines[i].folded)):
        return None
    before = next((ln for ln in reversed(lines[max(0, i - 3):i]) if not ln.blank), None)
    headers = [_squeeze(before.folded)] if before is not None and _ITEM_COLUMN.match(_squeeze(before.folded)) else []
    headers.append(_squeeze(lines[i].folded))
    for ln in lines[i + 1:i + 12]:
        if ln.blank:
            continue
        name = _squeeze(ln.folded)
        if len(name) > 10 or not _ROLE_COLUMN.search(name):
            break
        headers.append(name)
    return headers if len(headers) >= 2 else None


def read_table(text: str, folded: str, lines: list[Line], i: int, skip: set[int]) -> Table | None:
    """The table whose header row starts at line i, or None if no table starts there."""
    ln = lines[i]
    if ln.index in skip:
        return None
    if _is_number_column(ln):
        return _cells_per_line(text, folded, lines, i, skip)
    header = _header_line(ln)
    if header:
        return _rows_per_line(text, folded, lines, i, skip, *header)
    unnumbered = _unnumbered_header(lines, i)
    if unnumbered:
        return _item_rows(text, folded, lines, i, skip, unnumbered)
    return None


def _item_rows(text: str, folded: str, lines: list[Line], i: int, skip: set[int], headers: list[str]) -> Table | None:
    """Rows that open with a numbered item (1.主动对接国家战略…) whose cells follow one a line, in
    the order of the columns after the item's own (the task column, or a 项目 column before it); a
    line past the last column continues it. A heading of another style before the rows (一、优结构…)
    is a group."""
    r = _Reader(text, folded, lines, skip)
    j = i + 1
    while j < len(lines) and (lines[j].blank or _squeeze(lines[j].folded) in headers):  # past the header
        j += 1
    row: TableRow | None = None
    cells: list[tuple[int, int]] = []
    row_style = None

    def flush():
        nonlocal row, cells
        if row is not None:
            cells = _joined_runs(folded, cells, len(headers) - 1)
            if len(cells) > len(headers) - 1 and _wraps_title(folded, row.end, cells[0]):
                row.end, cells = cells[0][1], cells[1:]  # 5.实化运行消防 / 安全委员会: the item's name wrapped
            if len(cells) > len(headers) - 1:  # a cell printed over two lines
                cells = cells[:len(headers) - 2] + [(cells[len(headers) - 2][0], cells[-1][1])]
            row.cells = {headers[0]: r.cell(row.marker.end, row.end)} | {
                h: r.cell(a, b) for h, (a, b) in zip(headers[1:], cells)}
            if cells:
                row.end = cells[-1][1]
            r.add(row)
            row = None

    for j, ln in _content(lines, j, skip):
        m = match_marker(folded, text, ln.start, ln.end)
        if m and m.style not in ("circled",) and (row_style is None or m.style == row_style):
            is_group = row_style is None and m.style in STRONG and _next_is_marker(folded, text, lines, j)
            if not is_group:
                flush()
                row_style = m.style
                row = TableRow(Marker("row", m.value, m.start, m.end, m.printed), ln.end, {})
                cells = []
                continue
        if m and m.style in STRONG and m.style != row_style:
            flush()
            r.group(ln, m)
            continue
        if row is None:
            break
        cells.append((ln.start, ln.end))
    else:
        j = len(lines)
    flush()
    return r.table(headers, j)


_MAX_WRAP = 10


def _wraps_title(folded: str, title_end: int, line: tuple[int, int]) -> bool:
    """Is the line after a numbered item's name the rest of that name, wrapped (a short line and a
    name with no punctuation at their end: 6.设立消防安全 / 管理办公室)?"""
    rest = folded[line[0]:line[1]].strip()
    return 0 < len(rest) <= _MAX_WRAP and not _SENTENCE_MARK.search(rest) and not _SENTENCE_MARK.search(folded[title_end - 1:title_end])


def _joined_runs(folded: str, found: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """A row's cell lines with a line ending in 、 joined to the next (区委编办、 / 各街道: a list
    broken after its separator), while the row has more lines than its n cells (a cell may end in
    a stray 、 where it does not)."""
    found = list(found)
    k = 0
    while len(found) > n and k < len(found) - 1:
        if folded[found[k][1] - 1:found[k][1]] == "、":
            found[k:k + 2] = [(found[k][0], found[k + 1][1])]
        else:
            k += 1
    return found


def _content(lines: list[Line], start: int, skip: set[int]):
    """(index, line) of the lines from `start` on that hold text and are not metadata; a reader
    breaks out at the first line that is no longer its table's (that index is where it ends)."""
    for j in range(start, len(lines)):
        if not lines[j].blank and lines[j].index not in skip:
            yield j, lines[j]


def _next_is_marker(folded: str, text: str, lines: list[Line], j: int) -> bool:
    nxt = next((x for x in lines[j + 1:j + 3] if not x.blank), None)
    return nxt is not None and match_marker(folded, text, nxt.start, nxt.end) is not None


def _cells_per_line(text: str, folded: str, lines: list[Line], i: int, skip: set[int]) -> Table | None:
    pipe = lines[i].folded.endswith("|")
    headers: list[str] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        if ln.blank:
            j += 1
            continue
        cell = ln.folded.rstrip("| ").strip()
        if _is_number_cell(cell) or len(_squeeze(cell)) > _MAX_HEADER_CELL or (pipe and not ln.folded.endswith("|")) \
                or cell.endswith(("。", ";")) or _group_line(text, folded, lines, j) \
                or (headers and is_agency_column(headers[-1]) and not _follows_agency_column(cell)):
            break  # a row, a sentence or a group heading (推进实施“光伏+”示范工程): no column's name
        headers.append(ln.raw[: len(cell)])
        j += 1
    headers = _join_qualified_headers(headers)
    if len(headers) < 3:
        return None
    r = _Reader(text, folded, lines, skip)
    squeezed_headers = [_squeeze(h) for h in headers]
    last = None
    group_starts: dict[int, int] = {}  # id of a group → the line it starts on
    while j < len(lines):
        ln = lines[j]
        if ln.blank or ln.index in skip:
            j += 1
            continue
        if _squeeze(ln.folded) == squeezed_headers[0]:  # the header printed again
            k, n = j, 0
            while k < len(lines) and n < len(headers) and (lines[k].blank or _squeeze(lines[k].folded) == squeezed_headers[n]):
                n += not lines[k].blank
                k += 1
            if n == len(headers):
                j = k
                continue
        number = _is_number_cell(ln.folded)
        if not number:
            group = _group_line(text, folded, lines, j)
            if group or last is None:  # an unnumbered group line before the first row is no section
                if group:
                    start, (m, title_line, j) = j, group
                    r.group(title_line, m)
                    group_starts[id(r.items[-1])] = start
                j += 1
                continue
            break
        j = _row_of_lines(r, lines, j, headers, pipe)
        last = int(number.group(1))
    if last is None:
        return None
    # headings after the last row with no row of their own (…10 | 景观照明… / 二、深化公园城市建设 /
    # （一）启动新一轮公园建设 / 结合区域…): the text goes on after the table, not in it
    while r.items and isinstance(r.items[-1], TableGroup) and not r.items[-1].rows:
        j = group_starts[id(r.items.pop())]
    _merged_agency_cells(r.items, headers[1:])
    _merged_first_column(r.items, headers[1])
    return Table(headers, r.items, j)


# A header cell that only says whose the next column is: 市政府 / 分管领导 → 市政府分管领导.
_QUALIFIER_HEADER = re.compile(r"^[省市县区州旗]?(?:人民)?政府$|^[省市县区州旗]委$")


_NOTE_HEADER = re.compile(r"^\([^()]{1,8}\)$")  # (单位): the rest of the name above it, broken before its bracket


def _join_qualified_headers(headers: list[str]) -> list[str]:
    out: list[str] = []
    for h in headers:
        if out and (_QUALIFIER_HEADER.match(_squeeze(out[-1])) or _NOTE_HEADER.match(fold(_squeeze(h)))):
            out[-1] += h
        else:
            out.append(h)
    return out


_BARE_CN = re.compile(r"[一二三四五六七八九十]{1,3}")  # the 序号 of a group row, printed without its 、


def _group_line(text: str, folded: str, lines: list[Line], j: int) -> tuple[Marker, Line, int] | None:
    """(marker, line of its title, index of that line) of a group heading in a table: a marker and
    its title on one line (（一）加强战略科技力量建设。), or a marker alone on its line with the
    title on the next (（一） / 加强战略科技力量建设。), as cells of a merged row come out."""
    ln = lines[j]
    m = _group_marker(text, folded, ln.start, ln.end)
    if m:
        return m, ln, j
    k = next((k for k in range(j + 1, min(j + 4, len(lines))) if not lines[k].blank), None)
    if k is None or _is_number_cell(lines[k].folded):
        return None
    bare = _BARE_CN.fullmatch(_squeeze(ln.folded))
    if bare and _group_marker(text, folded, lines[k].start, lines[k].end) is None:
        # 一 alone in the 序号 cell of a group row, its title the next cell: a group as 一、 would be
        return Marker("cn", cn_int(bare.group()), ln.start, lines[k].start, ln.raw.strip()), lines[k], k
    m = _group_marker(text, folded, ln.start, lines[k].end)
    if m is None or folded[m.end:ln.end].strip():
        return None  # not a marker alone on its line
    return replace(m, end=lines[k].start), lines[k], k


_NAME_SEP = re.compile(r"[、,;\s]+")


def _rows(items: list) -> list[TableRow]:
    return [x for x in items if isinstance(x, TableRow)] + [r for x in items if isinstance(x, TableGroup) for r in x.rows]


def _merged_agency_cells(items: list, columns: list[str]) -> None:
    """A row short of cells because some are merged with the row above (事项 printed once for its
    rows) ends, when its agency cell is printed, in that cell: names the table's full rows hold in
    their agency column. Such a row's cells are the last columns', so its task is not read as the
    agencies' column and its agencies are not lost."""
    agency = [c for c in columns if is_agency_column(c)]
    if len(agency) != 1 or agency[0] != columns[-1]:
        return
    rows = _rows(items)
    known = {n for row in rows if len(row.cells) == len(columns)
             for n in _NAME_SEP.split(row.cells.get(columns[-1], "")) if n}
    if not known:
        return
    for row in rows:
        texts = list(row.cells.values())
        if not 2 <= len(texts) < len(columns) or columns[-1] in row.cells:
            continue
        names = [n for n in _NAME_SEP.split(texts[-1]) if n]
        if names and 2 * sum(n in known for n in names) >= len(names):
            row.cells = dict(zip(columns[len(columns) - len(texts):], texts))


def _merged_first_column(items: list, column: str) -> None:
    """A first column printed only on some rows (a group's name, merged over its rows) is not the
    rows' title: where a row has it, it goes after the other cells, so the task cell titles the row."""
    rows = _rows(items)
    if not any(column not in r.cells for r in rows) or not any(r.cells.get(column) for r in rows):
        return
    for row in rows:
        if row.cells.get(column) and len(row.cells) > 1:
            row.cells = {**{k: v for k, v in row.cells.items() if k != column}, column: row.cells[column]}


def _row_of_lines(r: _Reader, lines: list[Line], j: int, headers: list[str], pipe: bool) -> int:
    """A row printed one cell a line after its 序号: every line up to the next row's number (or a
    group heading) is the row's, laid on the columns by `_lay_cells`."""
    head = lines[j]
    number = int(_is_number_cell(head.folded).group(1))
    found: list[tuple[int, int]] = []  # start, end of each cell line
    k = j + 1
    buf_start = None
    while k < len(lines):
        ln = lines[k]
        if ln.blank:
            k += 1
            continue
        bare = _is_number_cell(ln.folded)
        if bare and buf_start is None and found and (int(bare.group(1)) == number + 1 or len(found) >= len(headers) - 1):
            break  # the next row (or, past a full row, a number that is no cell of it)
        if buf_start is None and found and _group_line(r.text, r.folded, lines, k):
            break  # a group heading
        if buf_start is None and found and (_is_header_repeat(ln, headers) or _ATTACHMENT_LINE.match(_squeeze(ln.folded))):
            break  # the header again (a new table, or this one continued), or 附表2: no cell of this row
        if buf_start is None:
            buf_start = ln.start
        if not pipe or ln.folded.endswith("|"):
            end = ln.end - (len(ln.folded) - len(ln.folded.rstrip("| ")) if pipe else 0)
            found.append((buf_start, end))
            buf_start = None
        k += 1
    found = _joined_runs(r.folded, found, len(headers) - 1)
    if len(found) > len(headers) - 1 and not _continues_row(r, found, len(headers) - 1):
        k = _line_after(lines, found[len(headers) - 2][1])  # more lines than cells and no sign they are the row's
        found = found[:len(headers) - 1]
    cells = _lay_cells(r, found, headers[1:])
    marker = r.row_marker(head.start, head.end)
    r.add(TableRow(marker, found[-1][1] if found else head.end, cells))
    return k


_TIME_COLUMN = re.compile(r"(?:时限|时间|期限|进度)")
_TIME_WORDS = ("长期", "持续", "常态化")  # a time cell with no date in it (持续推进)
_DATE_CELL = re.compile(r"(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:底|末|中旬|上旬|下旬)?"
                        rf"|(?:全年|年内|年底|上半年|下半年|[一二三四]季度|{'|'.join(_TIME_WORDS)}))"
                        r"(?:前|以前|之前|内)?(?:完成|推进|实施|投入使用|建成|开工)?")


_ATTACHMENT_LINE = re.compile(r"^附(?:表|件)\d{1,2}:?$")  # 附表2, 附件1: the next attachment begins


def _is_header_repeat(ln: Line, headers: list[str]) -> bool:
    return _squeeze(ln.folded) == _squeeze(headers[0])


def _continues_row(r: _Reader, found: list[tuple[int, int]], n: int) -> bool:
    """Are the lines past the row's n cells still the row's? With two columns or more after 序号
    they always are (`_lay_cells` lays them: sub-rows of the last columns, or an agency a line
    before the time cell); with one, only when the last line is a time cell."""
    return n > 1 or _is_date_cell(r, found[-1])


def _sub_row_start(extra: int, n: int) -> int:
    """The first of the columns that `extra` lines past a row's n cells repeat (sub-rows of its
    主要内容 and role cells): the widest run of last columns they fill whole (the last column alone,
    at least; with one column, that one)."""
    return next((c for c in range(1, n) if extra % (n - c) == 0), n - 1)


def _is_date_cell(r: _Reader, span: tuple[int, int]) -> bool:
    s = _squeeze(r.folded[span[0]:span[1]])
    return bool(s) and len(s) <= 12 and _DATE_CELL.fullmatch(s) is not None and (
        any(ch in s for ch in "年月底前季内") or s.startswith(_TIME_WORDS))


def _line_after(lines: list[Line], pos: int) -> int:
    return next((x.index for x in lines if x.start > pos), len(lines))


def _task_column(columns: list[str]) -> str | None:
    """The column that states a row's task: the last task-like name (事项 / 工作措施 → 工作措施)."""
    tasks = [c for c in columns if _TASK_COLUMN.match(_squeeze(c))]
    return tasks[-1] if tasks else None


def _first_columns_missing(r: _Reader, found: list[tuple[int, int]], columns: list[str]) -> int:
    """How many first columns a row with fewer cells than columns lacks (merged into the row above: a
    group's name printed once): as many as put its date on the time column (… | 2025年9月 | 区建设管理委 …);
    0 when its cells stand where they are."""
    t = next((c for c, name in enumerate(columns) if _TIME_COLUMN.search(name)), None)
    d = next((k for k, span in enumerate(found) if _is_date_cell(r, span)), None)
    if t is None or d is None:
        return 0
    shift = t - d
    return shift if 0 < shift <= len(columns) - len(found) else 0


def _lay_cells(r: _Reader, found: list[tuple[int, int]], columns: list[str]) -> dict[str, str]:
    """The cells of a row on its columns. One line a column: in order. A row ending in a time
    column whose last line is a date: the lines between its first cell and that date belong to the
    columns between (one column: all of them, an agency a line). Else the lines past the first row
    repeat its last columns (sub-rows), each column gathering its lines."""
    texts = [r.text[a:b].strip() for a, b in found]
    n = len(columns)
    timed = bool(_TIME_COLUMN.search(columns[-1])) and _is_date_cell(r, found[-1])
    shift = _first_columns_missing(r, found, columns) if 2 <= len(texts) < n else 0
    if shift:  # a row whose first cells are merged into the row above: its cells are the columns' after them
        return dict(zip(columns[shift:], texts))
    if len(texts) == 1 and n > 2 and (task := _task_column(columns)) is not None:
        return {task: texts[0]}  # a row whose other cells are merged into the row above: its task
    if len(texts) <= n:
        return dict(zip(columns, texts))
    if timed:  # more lines than columns, the last a date
        if n == 3:
            return {columns[0]: texts[0], columns[1]: "\n".join(texts[1:-1]), columns[2]: texts[-1]}
        return dict(zip(columns, texts[:n - 1] + ["\n".join(texts[n - 1:])]))
    start = _sub_row_start(len(texts) - n, n)
    gathered = {col: [t] for col, t in zip(columns, texts[:n])}
    for i, t in enumerate(texts[n:]):
        gathered[columns[start + i % (n - start)]].append(t)
    return {col: "\n".join(v) for col, v in gathered.items()}


_TOTAL_ROW = re.compile(r"^(?:合计|小计|总计|共计)")
_MAX_GROUP_LABEL = 30
_SENTENCE_MARK = re.compile(r"[。;,:]")


def _next_row_numbered(lines: list[Line], j: int, skip: set[int], single: bool) -> bool:
    """Does the content line after line j open with a row's number?"""
    for _, ln in _content(lines, j + 1, skip):
        spans = _split(ln, single)
        return bool(spans) and _is_number_cell(ln.folded[spans[0][0] - ln.start:spans[0][1] - ln.start]) is not None
    return False


def _rows_per_line(text: str, folded: str, lines: list[Line], i: int, skip: set[int],
                   headers: list[str], single: bool) -> Table | None:
    r = _Reader(text, folded, lines, skip)
    number_col = next(k for k, h in enumerate(headers) if _NUMBER_COLUMN.match(h))
    j = i + 1
    row: TableRow | None = None
    cells: list[tuple[int, int]] = []
    ncols = len(headers)

    def flush():
        nonlocal row
        if row is not None:
            columns = headers[number_col + 1:]
            spans = cells
            if single and len(cells) > len(columns):  # more pieces than columns: the task cell holds spaces
                extra = len(cells) - len(columns)
                spans = [(cells[0][0], cells[extra][1])] + cells[extra + 1:]
            laid = list(zip(columns, spans))
            shift = _first_columns_missing(r, spans, columns) if 2 <= len(spans) < len(columns) else 0
            if shift:  # the first cells merged into the row above (任务类型 printed on a group's first row)
                laid = list(zip(columns[shift:], spans))
            elif 2 <= len(spans) < len(columns) and _UNIT_COLUMN.search(columns[-1]):
                # a cell left empty inside the row (序号 名称 工作任务 牵头责任单位 over "1 task 发改委"):
                # its last cell is the last column's, the agencies
                laid = list(zip(columns, spans[:-1])) + [(columns[-1], spans[-1])]
            row.cells = {h: r.cell(s, e) for h, (s, e) in laid}
            row.end = max(row.end, cells[-1][1] if cells else row.end)
            r.add(row)
            row = None

    for j, ln in _content(lines, j, skip):
        spans = _split(ln, single)
        pieces = [_squeeze(folded[s:e]) for s, e in spans]
        if [p for p in pieces if p] == headers:  # the header printed again
            continue
        lead = 0
        if number_col and len(spans) > number_col and _group_marker(text, folded, spans[0][0], spans[0][1]) \
                and _is_number_cell(folded[spans[1][0]:spans[1][1]]):
            flush()  # 一、继续提高底线民生保障水平 | 1 | … : a group in the column before 序号
            m = _group_marker(text, folded, spans[0][0], spans[0][1])
            r.items.append(TableGroup(m, spans[0][1]))
            lead = 1
        elif number_col and spans and len(spans) == ncols and _is_number_cell(folded[spans[number_col][0]:spans[number_col][1]]):
            lead = number_col  # a row that prints its 大类 cell again
        if spans and _is_number_cell(folded[spans[lead][0]:spans[lead][1]]):
            flush()
            s, e = spans[lead]
            row = TableRow(r.row_marker(s, e), ln.end, {})
            cells = spans[lead + 1:]
            continue
        m = _group_marker(text, folded, ln.start, ln.end)
        if m:
            flush()
            r.group(ln, m)
            continue
        if spans and _TOTAL_ROW.match(pieces[0]):
            flush()  # 合计 | | 2912 |: the sum of the rows above, no row
            continue
        if len(spans) == 1 and len(pieces[0]) <= _MAX_GROUP_LABEL and not _SENTENCE_MARK.search(pieces[0]) \
                and _next_row_numbered(lines, j, skip, single):
            flush()  # 2016年新开工项目: an unnumbered group label between rows, no section
            continue
        if row is not None and len(cells) < ncols - number_col - 1 and spans:
            if cells:  # a cell broken over lines: the first piece continues the last cell
                cells[-1] = (cells[-1][0], spans[0][1])
                cells += spans[1:]
            else:
                cells = spans
            row.end = ln.end
            continue
        break
    else:
        j = len(lines)
    flush()
    return r.table(headers, j)

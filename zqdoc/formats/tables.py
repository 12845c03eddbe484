"""Tables as the section builder reads them: one cell a line, each ending in ` |`, header row
first, then each row starting with its 序号 (`1 |`). See zqdoc/parser/sections.py and
corpora/huoshan-2025-kaifaqu.txt.

Merged cells: a cell merged down (rowspan, vMerge) is repeated in every row it covers, so each task
keeps its 牵头单位; a cell merged across (colspan, gridSpan) fills its first column and leaves the
others empty. A header of two rows (责任单位 over 牵头单位 | 配合单位) takes the lower row's names. A
row that is one cell across the table (一、稳增长) is a group heading: it is printed as a line of
its own and the header is printed again before the next rows, so they stay a table. A row number
printed `1.` or `1、` is printed `1`, the form the section builder takes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OWN, DOWN, ACROSS = "own", "down", "across"


@dataclass
class GridCell:
    text: str
    kind: str = OWN  # OWN: the cell itself; DOWN: merged from the cell above; ACROSS: from the left


def is_data_table(grid: list[list[GridCell]]) -> bool:
    """A table of at least two rows and two columns that holds text (not a layout frame)."""
    if len(grid) < 2:
        return False
    widths = [sum(1 for c in row if c.kind != ACROSS) for row in grid]
    return max(widths) >= 2 and sum(1 for w in widths if w >= 2) >= 2


def has_header(grid: list[list[GridCell]]) -> bool:
    """The first row reads as column headers: two or more cells, none of them long. Tells a data
    table from a page laid out in a table (logo, menu, article)."""
    cells = [c.text.strip() for c in grid[0] if c.kind == OWN and c.text.strip()]
    return len(cells) >= 2 and all(len(c) <= 30 for c in cells)


def flatten(grid: list[list[GridCell]]) -> list[str]:
    """The lines of a data table (see the module docstring)."""
    ncols = max(len(row) for row in grid)
    rows = [row + [GridCell("")] * (ncols - len(row)) for row in grid]
    for row in rows[1:]:  # a 序号 printed `1.` or `1、` (Word numbering often is) is the row number 1
        m = re.fullmatch(r"\s*(\d{1,4})\s*[.、．]?\s*", row[0].text) if row[0].kind == OWN else None
        if m:
            row[0] = GridCell(m.group(1))
    header = [_one_line(c.text) for c in rows[0]]
    body_start = 1
    if len(rows) > 2 and any(c.kind == DOWN for c in rows[1]) and any(c.kind == OWN and c.text for c in rows[1]):
        header = [_one_line(low.text) if low.kind == OWN and low.text.strip() else top
                  for top, low in zip(header, rows[1])]
        body_start = 2
    header_lines = [_cell_line(h) for h in header]
    out = list(header_lines)
    after_group = False
    for row in rows[body_start:]:
        own = [c for c in row if c.kind == OWN and c.text.strip()]
        if ncols >= 3 and len(own) == 1 and all(c.kind == ACROSS or not c.text.strip() or c is own[0] for c in row) \
                and sum(1 for c in row if c.kind == ACROSS) >= ncols - 2:
            out.extend(line for line in own[0].text.split("\n") if line.strip())
            after_group = True
            continue
        if after_group:
            out.extend(header_lines)
            after_group = False
        for c in row:
            out.extend(_cell_lines("" if c.kind == ACROSS else c.text))
    return out


def _one_line(text: str) -> str:
    return "".join(part.strip() for part in text.split("\n"))


def _cell_line(text: str) -> str:
    return f"{text} |" if text else "|"


def _cell_lines(text: str) -> list[str]:
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    if not parts:
        return ["|"]
    return parts[:-1] + [_cell_line(parts[-1])]

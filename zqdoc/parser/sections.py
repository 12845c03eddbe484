"""The section tree.

Levels come from how numbering styles nest in this document, not from a fixed table: a style seen
for the first time opens a level below the current section; a style already open continues its
list at that level and closes everything below it. So "1." directly under 一、 is level 2, and the
same "1." under （一） elsewhere in the document is level 3.

A marker opens a section only in sequence (the next number of its list, or 1 for a new list, or the
next number of a list that runs on across parents). The unmistakable styles (一、 （一） ① …) may
also skip or repeat a number, with a warning. A marker may also open a section in the middle of a
line, right after a clause bracket or a sentence end, when it is the next number of an open list:
"…(省发改委负责)(二)公共财政收入…".

Flattened tables (see `zqdoc.parser.tables`) become one section a row, with the row's cells kept by
column header: at the top level, or under the heading that titles the table; group rows
(一、稳增长) are headings with their rows below them.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..models import Section
from .lines import Line
from .markers import (ATTACHMENT_HEADING, INLINE_BOUNDARY, INLINE_OR_GLUED, LINE_ONLY, LINE_ONLY_MAX, LINE_START_ONLY, STRONG,
                      Marker, match_marker)
from .tables import Table, TableGroup, TableRow, is_agency_column, read_table

_TITLE_END = re.compile(r"[。!?！？]")
# where each list style usually stands: 一、 > （一） > 1. > （1） > ① (for a list first met mid-way)
_RANK = {"cn": 1, "paren_cn": 2, "arabic": 3, "arabic_stop": 3, "paren_arabic": 4, "circled": 5}
_INLINE_SEPARATORS = ";；,， \t\u3000"
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ ]+")  # ## 第一章 总则: a copy kept as Markdown
_WORD_RANK = {"part": 0, "volume": 0, "chapter": 1, "section": 2, "article": 3}  # 编/篇 > 章 > 节 > 条
_LOOKAHEAD_LINES = 40  # how far an excerpt's first item looks for its next one
_COLLAPSED_LINE = 300  # a longer line is a document collapsed onto one line (see normalize)


@dataclass
class _Open:
    """A section being built: its marker and where its own text runs."""

    marker: Marker
    level: int
    start: int  # marker start
    end: int  # end of its own text so far
    children: list["_Open"] = field(default_factory=list)
    title: str = ""
    cells: dict[str, str] | None = None
    head_end: int = -1  # end of its heading line: a section whose end is still there has no body yet


_SENTENCE_END = re.compile(r"[。;!?]")
_TOC_HEADS = ("目录", "目次")
_TOC_ENTRY_MAX = 40  # characters of a contents line without a page number
_NUMBERED = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*|第[一二三四五六七八九十]{1,3}[章节篇部]|[一二三四五六七八九十]{1,3}、)")
_TOC_ENTRY = re.compile(r"(?:[.…·\-—_]{2,}|[ ])[ ]*\d{1,3}$")  # a leader or a space, then the page


class _Builder:
    def __init__(self, text: str, folded: str, lines: list[Line], skip: set[int], collapsed: bool = False,
                 enumerations: bool = False):
        self.text, self.folded, self.lines, self.skip = text, folded, lines, skip
        self.collapsed = collapsed  # the document came on a few long lines
        self.enumerations = enumerations  # 一是…二是… are sections (a document with no other numbering)
        self.roots: list[_Open] = []
        self.stack: list[_Open] = []  # the open path, outermost first
        self.last_value: dict[str, int] = {}  # the last number seen of each style, document-wide
        self.current: _Open | None = None  # whose own text the next body line continues
        self.in_toc = False  # in a table of contents (目录), whose entries end with their page
        self.toc_paged = False  # …its entries carry their pages
        self.toc_entries: set[str] = set()  # …or, without, are these lines
        self.warnings: list[str] = []
        self.line_starts = [ln.start for ln in lines]

    # -- sequence rules -------------------------------------------------------------------------
    def _place(self, m: Marker, inline: bool) -> int | None:
        """The level at which marker `m` opens a section, or None if it does not."""
        if inline and m.style in LINE_START_ONLY:
            return None
        for i, node in enumerate(self.stack):
            if node.marker.style != m.style:
                continue
            last = node.marker.value
            if m.value == last + 1 and not (inline and m.ambiguous):
                return i + 1
            if m.ambiguous:
                return None
            if m.value == 1 and not inline:
                return i + 1
            if inline or m.style not in STRONG:
                return None
            if last < m.value <= last + 3:
                self.warnings.append(f"numbering skips from {node.marker.printed} to {m.printed}")
                return i + 1
            if m.value == last:
                self.warnings.append(f"numbering repeats {m.printed}")
                return i + 1
            return None
        if inline or m.ambiguous:
            return None
        if self._outranks_open_parts(m):
            # a regulation whose copy lost its 第一章 总则 line: 第一条…第七条, then 第二章 — the chapter
            # stands above the articles, not inside the seventh
            self.warnings.append(f"the numbering of {m.printed} starts at {m.value}")
            return 1
        if m.value == 1 or m.value == self.last_value.get(m.style, -1) + 1:
            return len(self.stack) + 1
        if not self.stack and not self.roots and (m.style in STRONG or (
                m.style in _RANK and self._next_number_on_a_line(m) == m.value + 1)):
            # (an excerpt that opens mid-list: 204.推进学前教育… then 205.…, a page of a long 分解)
            self.warnings.append(f"the first section starts at {m.printed}")
            return 1
        if self.roots and m.value == 2 and m.style in STRONG and m.style in _RANK and m.style not in self.last_value \
                and any(_RANK.get(n.marker.style, len(_RANK) + 1) < _RANK[m.style] for n in self.stack) \
                and self._opens_its_line(m) and self._next_number_on_a_line(m) == 3:
            # a list whose first item lost its marker, inside a section of a style above it: 三、…过程管理 /
            # 1、…5、 / (二)项目信息报送管理 / … / (三)…; it ranks where such lists rank, the items
            # before it staying where they are
            self.warnings.append(f"the numbering of {m.printed} starts at 2: its first item is unmarked")
            return self._rank_level(m)
        if self.roots and m.style in _RANK and m.style not in STRONG and m.style not in self.last_value \
                and self._titled(m) and not self._continues_inline_list(m):
            # an excerpt that starts mid-list: …(6)脱贫攻坚工程。 16.深化农村各项改革。 — a style met
            # for the first time, after the first section, at a line start before its title sentence,
            # ranks where such lists rank
            self.warnings.append(f"the numbering of {m.printed} starts at {m.value}")
            return self._rank_level(m)
        return None

    def _opens_its_line(self, m: Marker) -> bool:
        """Is m the first thing on its line (not a marker inside a collapsed paragraph)?"""
        return not self.folded[self.folded.rfind("\n", 0, m.start) + 1:m.start].strip()

    def _rank_level(self, m: Marker) -> int:
        """The level just below the innermost open section whose style ranks above m's."""
        return 1 + next((i + 1 for i in range(len(self.stack) - 1, -1, -1)
                         if _RANK.get(self.stack[i].marker.style, 0) < _RANK[m.style]), 0)

    def _outranks_open_parts(self, m: Marker) -> bool:
        """Is m a word-numbered part of higher rank (章 over 条) met for the first time, early in its
        numbering, while the top of the tree is parts of lower rank?"""
        top = self.stack[0].marker.style if self.stack else None
        return (m.style in _WORD_RANK and top in _WORD_RANK and _WORD_RANK[m.style] < _WORD_RANK[top]
                and m.style not in self.last_value and 1 < m.value <= 3)

    def _next_number_on_a_line(self, m: Marker) -> int | None:
        """The number of the next line that opens with a marker of m's style (within a few lines)."""
        i = bisect.bisect_right(self.line_starts, m.start)
        for ln in self.lines[i:i + _LOOKAHEAD_LINES]:
            if ln.blank or ln.index in self.skip:
                continue
            nxt = self._marker(ln.start, ln.end)
            if nxt is not None and nxt.style == m.style:
                return nxt.value
        return None

    def _continues_inline_list(self, m: Marker) -> bool:
        """Does the open section's text print the number before this one (…具体负责：1、… then 2、…)?"""
        node = self.stack[-1] if self.stack else None
        start = node.marker.end if node else 0
        return re.search(rf"(?<!\d){m.value - 1}[、.,]", self.folded[start:m.start]) is not None

    def _titled(self, m: Marker) -> bool:
        """Is the marker followed by a title sentence: a Chinese character right after its punctuation,
        and a 。 before the line ends (16.深化农村各项改革。新增…; not an attachment list's 2.…申报单)?"""
        if m.end >= len(self.folded) or not "\u4e00" <= self.folded[m.end] <= "\u9fff":
            return False
        line_end = self.folded.find("\n", m.end)
        return "。" in self.folded[m.end:line_end if line_end >= 0 else len(self.folded)]

    def _open(self, m: Marker, level: int, line_end: int) -> _Open:
        del self.stack[level - 1:]
        node = _Open(m, level, m.start, line_end, head_end=line_end)
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)
        self.last_value[m.style] = m.value
        self.current = node
        return node

    # -- lines ------------------------------------------------------------------------------------
    def feed(self, ln: Line) -> None:
        if ln.blank:
            return
        if ln.squeezed in _TOC_HEADS:
            self.in_toc = True
            return
        if ln.index in self.skip:
            self.current = None  # metadata ends the text of the section above it
            if ATTACHMENT_HEADING.fullmatch(ln.squeezed):
                self.stack.clear()  # …and an attachment's own numbering starts at the top again
            return
        if self.in_toc:
            # 第一节 发展基础……3: an entry of the contents, no heading; in a list without page numbers, a
            # short numbered line with no sentence in it (1 总则 / 1.1编制目的), until one comes again as
            # the heading it lists
            if _TOC_ENTRY.search(ln.folded):
                self.toc_paged, self.current = True, None
                return
            if not self.toc_paged and ln.squeezed not in self.toc_entries and len(ln.squeezed) <= _TOC_ENTRY_MAX \
                    and _NUMBERED.match(ln.squeezed) and not _SENTENCE_END.search(ln.folded) and "," not in ln.folded:
                self.toc_entries.add(ln.squeezed)
                self.current = None
                return
            self.in_toc = False
        m = self._marker(ln.start, ln.end)
        if m and m.style in LINE_ONLY and (ln.end - ln.start > LINE_ONLY_MAX or _SENTENCE_END.search(self.folded, ln.start, ln.end)):
            m = None
        level = self._place(m, inline=False) if m else None
        if level is not None:
            self._open(m, level, ln.end)
        elif self.current is not None:
            self.current.end = ln.end
        self._split_inline(ln)

    def _marker(self, start: int, end: int) -> Marker | None:
        """The marker at `start` (after a Markdown copy's ## ); 一是 only in a document numbered by nothing
        else (see build_sections)."""
        markup = _MARKDOWN_HEADING.match(self.folded, start, end)
        m = match_marker(self.folded, self.text, markup.end() if markup else start, end)
        return m if m is None or m.style != "cn_shi" or self.enumerations else None

    def _split_inline(self, ln: Line) -> None:
        """Open sections that begin in the middle of this line."""
        node = self.current
        if node is None and self.enumerations and not self.roots:
            pos = ln.start  # 一是 may open the first section mid-paragraph: …具体为:一是…
        elif node is None or node.end != ln.end:
            return
        else:
            pos = node.marker.end if node.start >= ln.start else ln.start
        glued = self.collapsed or ln.end - ln.start > _COLLAPSED_LINE  # a document collapsed onto long lines
        pattern = _ENUMERATION_BOUNDARY if self.enumerations else INLINE_OR_GLUED if glued else INLINE_BOUNDARY
        for b in pattern.finditer(self.folded, pos, ln.end):
            m = self._marker(b.end(), ln.end)
            if m is None:
                continue
            level = self._place(m, inline=True)
            runs_on = m.value in (1, self.last_value.get(m.style, -1) + 1)  # a new list, or one running on across parents
            if level is None and glued and runs_on and (self._in_title(b.start()) or self._opens_tagged_list(b.start(), m, ln.end)):
                level = len(self.stack) + 1 if all(n.marker.style != m.style for n in self.stack) else None
            if level is None and self.enumerations and not self.roots and m.value == 1:
                level = 1  # the first point of the enumeration that numbers the document
            if level is not None:
                if self.current is not None:
                    self.current.end = b.start()
                self._open(m, level, ln.end)

    def _opens_tagged_list(self, pos: int, m: Marker, end: int) -> bool:
        """A collapsed 分工 list: 具体措施:1.…。(X负责)2.…(Y负责) — a 1 after a colon whose 2 follows the
        closing bracket of a clause later on the line (so the list's items end where their clauses do)."""
        if m.value != 1 or self.folded[pos - 1:pos] != ":":
            return False
        close = self.folded.find(")", m.end, end)
        while close >= 0:
            nxt = self._marker(close + 1, end)
            if nxt is not None and nxt.style == m.style and nxt.value == 2:
                return True
            close = self.folded.find(")", close + 1, end)
        return False

    def _in_title(self, pos: int) -> bool:
        """Is `pos` still in the title of the current section (no sentence end since its marker)?
        Collapsed text runs a heading's title into its first item: 二、主要任务(一)围绕…1.实现…"""
        node = self.current
        return node is not None and not _TITLE_END.search(self.folded, node.marker.end, pos) \
            and ";" not in self.folded[node.marker.end:pos]

    # -- tables -----------------------------------------------------------------------------------
    def table(self, t: Table) -> None:
        """Rows (and group headings) of a flattened table: under the heading that titles the table
        when one stands right above it (一、10件民生实事任务分解表); a table of figures with no column
        of units (专栏1 主要指标) under the section it stands in; else at the top level."""
        node = self.current
        figures = not any(is_agency_column(h) for h in t.headers)
        parent = node if node is not None and (node.end == node.head_end or figures) else None
        if parent is None:
            self.stack.clear()
        else:
            del self.stack[parent.level:]
        level = parent.level + 1 if parent else 1
        siblings = parent.children if parent else self.roots
        for item in t.items:
            if isinstance(item, TableGroup):
                group = _Open(item.marker, level, item.marker.start, item.end, head_end=item.end)
                siblings.append(group)
                group.children = [self._row(r, level + 1) for r in item.rows]
            else:
                siblings.append(self._row(item, level))
        self.current = None

    @staticmethod
    def _row(row: TableRow, level: int) -> _Open:
        node = _Open(row.marker, level, row.marker.start, row.end, cells=row.cells)
        node.title = next((c for c in row.cells.values() if c), "")
        return node


def build_sections(text: str, folded: str, lines: list[Line], skip: set[int],
                   collapsed: bool = False) -> tuple[list[Section], list[str]]:
    """The section tree of a document whose metadata lines are `skip`. 一是、二是… number the points
    of a paragraph in most documents, not sections; in a document numbered by nothing else (a news
    copy of 10件惠民实事: …具体为:一是…二是…) they are its sections."""
    b = _build(text, folded, lines, skip, collapsed, enumerations=False)
    if not b.roots:
        b = _build(text, folded, lines, skip, collapsed, enumerations=True)
    paths: list[Section] = [_to_model(text, node, str(n), collapsed) for n, node in enumerate(b.roots, 1)]
    return paths, b.warnings


# 一是 also after a colon: …具体为:一是稳定和扩大就业
_ENUMERATION_BOUNDARY = re.compile(r"(?<=[。;:)\]])[ ]*(?=[(\d\u2460-\u249b一二三四五六七八九十])")


def _build(text: str, folded: str, lines: list[Line], skip: set[int], collapsed: bool, enumerations: bool) -> _Builder:
    b = _Builder(text, folded, lines, skip, collapsed, enumerations)
    i = 0
    while i < len(lines):
        ln = lines[i]
        t = read_table(text, folded, lines, i, skip) if "序号" in ln.squeezed or len(ln.squeezed) <= 12 else None
        if t:
            b.table(t)
            i = t.next_line
            continue
        b.feed(ln)
        i += 1
    return b


def _to_model(text: str, node: _Open, path: str, collapsed: bool = False) -> Section:
    m = node.marker
    if node.cells is not None:  # (a line break inside a cell is the cell's width)
        title = _TITLE_END.split(node.title.replace("\n", ""), 1)[0].strip()
        own = text[node.start:node.end]
    else:
        own = text[m.start:node.end]
        body = text[m.end:node.end]
        title = _TITLE_END.split(body.split("\n", 1)[0], 1)[0].strip()
        # 1.…金寨县;2.…: the separator before the next item's marker on the same line (in a collapsed
        # text, before a line break the normalizer restored) is no part of the title
        if title == body.strip() and 0 < node.end < len(text) and (
                collapsed or (text[node.end - 1] not in "\r\n" and text[node.end] not in "\r\n")):
            title = title.rstrip(_INLINE_SEPARATORS)
    return Section(
        marker=m.printed,
        level=node.level,
        title=title,
        text=own,
        style=m.style,
        number=m.value,
        path=path,
        span=(node.start, node.end),
        cells=node.cells,
        children=[_to_model(text, c, f"{path}.{n}", collapsed) for n, c in enumerate(node.children, 1)],
    )

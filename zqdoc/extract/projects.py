"""Named projects, parks, bases, roads, railways and programmes: 肇庆新港物流园区, 二广高速怀集至连州段,
三榕工业园区生物质集中供热热电联产项目, 中山(肇庆大旺)产业转移园, “强师振教”工程.

A name ends in a suffix of data/project_rules.json (项目, 园区, 基地, 高速, 铁路 …). Its words are cut
by jieba and tagged from jieba's dictionary. It starts after punctuation or a stop word (推进, 抓好, 的,
等 …), with leading verbs and adverbs trimmed (力促|广佛肇经济合作区), and it must then start with a
proper name: a place, person or organisation word, an abbreviation, or a word jieba does not know
(三榕, 隆鑫, 肇花). Generic phrases (重点项目, 省级产业转移工业园, 等项目), counted categories
(建设3个劳动密集型产业园) and suffixes that modify a following noun (…铁路货车, …工程学校) are no names.
Precision comes before recall: 高要现代农业产业园 is missed because jieba reads 高要 as 高/要.

Matching runs on the folded text (zqdoc.normalize.fold), so spans are spans of the printed text.
The look-around of a suffix is bounded (_MAX_NAME), so the whole scan is linear.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from ..models import Project
from ..normalize import fold
from .segment import cut_tagged

__all__ = ["find_projects"]

_R = json.loads((Path(__file__).with_name("data") / "project_rules.json").read_text(encoding="utf-8"))

_MAX_NAME = 32  # characters a name may run to the left of its suffix
_RIGHT_LOOK = 6  # characters read after a suffix to see the word that follows
_SUFFIX_RE = re.compile("|".join(re.escape(s) for s in sorted(_R["suffixes"], key=len, reverse=True)))
_SECTION_RE = re.compile(r"[\u4e00-\u9fff]{1,6}至[\u4e00-\u9fff]{1,6}段")
_TITLE_RE = re.compile(r"《[^《》\n]{0,100}》")
_NAME_CHAR_RE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·+\-]")
_CN_NUMERAL = set("一二两三四五六七八九十")
_GENERIC = frozenset(_R["generic_words"])
_LEFT_STOPS = frozenset(_R["left_stops"]) | frozenset(_R["list_joiners"])
_LONG_STOPS = tuple(w for w in _LEFT_STOPS if len(w) > 1)
_PROPER_TAGS = frozenset(_R["proper_tags"])
_TRIM_TAGS = frozenset(_R["trim_tags"])


class _Word(NamedTuple):
    text: str
    start: int  # offset in the document
    tag: str  # jieba dictionary tag; "?" for a word jieba made up (an unknown name)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def proper(self) -> bool:
        """A place, person or organisation word, or a Chinese word jieba does not know."""
        if self.tag != "?":
            return self.tag in _PROPER_TAGS
        return len(self.text) > 1 and all("\u4e00" <= c <= "\u9fff" for c in self.text)

    @property
    def stop(self) -> bool:
        """A word a name never runs across: 推进, 的, 和 — or a longer word ending in one (新开工)."""
        return self.text in _LEFT_STOPS or self.text.endswith(_LONG_STOPS)


def _words(text: str, start: int, end: int) -> list[_Word]:
    out, pos = [], start
    for w, tag in cut_tagged(text[start:end]):
        out.append(_Word(w, pos, tag))
        pos += len(w)
    return out


def _window_start(text: str, suffix_start: int) -> int:
    """Where the text a name may come from starts: after the last character no name holds."""
    pos = suffix_start
    floor = max(0, suffix_start - _MAX_NAME)
    while pos > floor and _NAME_CHAR_RE.match(text, pos - 1):
        pos -= 1
    return pos


def _name_start(words: list[_Word], suffix_start: int) -> int:
    """Index in `words` of the first word of the name that ends in the suffix at `suffix_start`:
    after the last stop word, with leading verbs, adverbs and brackets trimmed."""
    i = next((k for k, w in enumerate(words) if w.end > suffix_start), len(words))
    while i > 0 and not words[i - 1].stop:
        i -= 1
    while i < len(words) and words[i].start < suffix_start and (words[i].tag in _TRIM_TAGS or words[i].text in ("(", ")")):
        i += 1
    return i


def _starts_with_name(words: list[_Word], i: int, suffix_start: int) -> bool:
    """A name starts with a proper word (肇庆, 隆鑫), or a numeral glued to one (二|广, 三|榕)."""
    if i >= len(words) or words[i].start >= suffix_start:
        return False
    first = words[i]
    if first.proper:
        return True
    nxt = words[i + 1] if i + 1 < len(words) and words[i + 1].start < suffix_start else None
    return (first.text in _CN_NUMERAL and nxt is not None
            and (nxt.proper or (len(nxt.text) == 1 and nxt.tag.startswith("n"))))


def _is_generic(words: list[_Word], i: int, suffix_start: int) -> bool:
    """重点项目, 小微企业创业创新基地: nothing before the suffix but generic words."""
    head = [w.text for w in words[i:] if w.start < suffix_start]
    return all(w in _GENERIC or w in "()" for w in head)


def _modifies_next(words: list[_Word], end: int) -> bool:
    """The suffix does not end a word, or a noun follows it (…铁路货车, …工程学校, 中心镇)."""
    ends = {w.end for w in words}
    if end not in ends:
        return True
    nxt = next((w for w in words if w.start == end), None)
    if nxt is None:
        return False
    if nxt.text[0] in _R["right_stops"] or nxt.text.startswith(tuple(_R["right_stop_words"])):
        return True
    # a noun after the suffix makes it a modifier; jieba tags some verbs nz (申报), so nz does not count
    return nxt.tag.startswith("n") and nxt.tag != "nz" and len(nxt.text) > 1


def _quoted_name(folded: str, suffix_start: int, suffix_end: int) -> tuple[int, int] | None:
    """A quoted name: “文化惠民”工程 (quotes before the suffix, kept in the name) or “百千万工程”
    (the whole name quoted, quotes left out). (start, end) or None."""
    floor = max(0, suffix_start - _MAX_NAME)
    if suffix_start and folded[suffix_start - 1] == "”":
        opening = folded.rfind("“", floor, suffix_start - 1)
        return (opening, suffix_end) if opening >= 0 else None
    if suffix_end < len(folded) and folded[suffix_end] == "”":
        opening = folded.rfind("“", floor, suffix_start)
        inner = folded[opening + 1:suffix_start]
        if opening >= 0 and inner and all(_NAME_CHAR_RE.match(c) for c in inner):
            return opening + 1, suffix_end
    return None


def _kind(quoted: bool, suffix: str) -> str:
    if quoted and suffix in _R["programme_when_quoted"]:
        return "programme"
    return _R["suffixes"][suffix]


def _in_titles(titles: list[tuple[int, int]], t: int, pos: int) -> tuple[bool, int]:
    """Whether `pos` is inside a 《…》 title; `t` is the index to resume from (titles are in order)."""
    while t < len(titles) and titles[t][1] <= pos:
        t += 1
    return t < len(titles) and titles[t][0] < pos, t


def _candidate(text: str, folded: str, m: re.Match):
    """(start, end, name, kind) of the name that ends in the suffix `m`, or None."""
    suffix, kind = m.group(), _R["suffixes"][m.group()]
    quoted = _quoted_name(folded, m.start(), m.end())
    if quoted:
        return quoted + (text[quoted[0]:quoted[1]], _kind(True, suffix))
    if suffix in _R["quoted_only"]:
        return None
    end = m.end()
    if kind in _R["section_kinds"]:
        section = _SECTION_RE.match(folded, end)
        end = section.end() if section else end
    words = _words(folded, _window_start(folded, m.start()), min(len(folded), end + _RIGHT_LOOK))
    if _modifies_next(words, end):
        return None
    i = _name_start(words, m.start())
    if not _starts_with_name(words, i, m.start()) or _is_generic(words, i, m.start()):
        return None
    start = words[i].start
    name = text[start:end]
    if name.count("(") != name.count(")"):
        return None
    return start, end, name, _kind(False, suffix)


def _suffixes(folded: str):
    """Suffix matches; of overlapping ones the one that ends last (物流园|区 → 物流园区 ends in 园区)."""
    pos = 0
    while True:
        m = _SUFFIX_RE.search(folded, pos)
        if not m:
            return
        for inner in range(m.start() + 1, m.end()):
            longer = _SUFFIX_RE.match(folded, inner)
            if longer and longer.end() > m.end():
                m = longer
        yield m
        pos = m.end()


def _candidates(text: str, folded: str):
    titles = [t.span() for t in _TITLE_RE.finditer(folded)]
    t = 0
    for m in _suffixes(folded):
        inside, t = _in_titles(titles, t, m.start())
        if not inside:
            found = _candidate(text, folded, m)
            if found:
                yield found


def find_projects(text: str) -> list[Project]:
    """The named projects of one section's own text, in order, each name once. A name inside a
    longer one (三榕工业园区 in 三榕工业园区生物质集中供热热电联产项目) is not reported on its own."""
    if not text:
        return []
    found = sorted(_candidates(text, fold(text)), key=lambda c: (c[0], -c[1]))
    kept, seen, reach = [], set(), -1
    for start, end, name, kind in found:
        inside, reach = end <= reach, max(reach, end)
        if not inside and name not in seen:
            seen.add(name)
            kept.append(Project(name=name, kind=kind, span=(start, end)))
    return kept

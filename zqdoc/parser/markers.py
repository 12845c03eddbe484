"""Section markers: 一、 （一） ㈠ 1、 1. （1） 1) ① 第一条 一是, half- or full-width.

Markers are matched on folded text (see `zqdoc.normalize.fold`), so （一） and (一) are one style.
`STRONG` styles are unmistakable at a line start; the others (1、 1.) also begin dates, years and
numbers, so the section builder trusts them only in sequence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import cn_int

_CN = "一二三四五六七八九十百"
# what follows a number in a sentence: units, magnitudes, dates (so 3个, 1.5万元, 12月 are no markers)
_NUMBER_FOLLOWERS = "万亿千百十倍年月日时号秒个元角米公里吨亩人户家项条所座次名辆台套张份批期届级类种处间栋层床周岁天度克升斤只头株棵支块片件根部本门艘架列趟道班组队幢宗笔例多余"

# words that number an action plan's parts with their own counter: 行动1:… ——任务1:… (one style a word,
# so 行动 and 任务 nest as any two styles do); only at a line start, before a colon or a space
LABEL_WORDS = ("行动", "任务", "措施", "举措", "工程", "专项")

# 第一条, 第12条 and 第 1 0 条: text extracted from a PDF spaces out the characters of a marker
_SPACED_NUMBER = rf"第[ ]?([{_CN}零〇\d](?:[ ]?[{_CN}零〇\d]){{0,4}})[ ]?"

# (style, pattern). Order matters: 一是 before 一、 cannot clash, (1) before 1).
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("cn", re.compile(rf"([{_CN}]{{1,4}})[ ]*[、.,](?![{_CN}]|是)")),
    ("paren_cn", re.compile(rf"\([ ]*([{_CN}]{{1,4}})[ ]*\)")),
    ("paren_cn", re.compile(r"([\u3220-\u3229])")),  # ㈠ … ㈩
    ("paren_arabic", re.compile(r"\([ ]*(\d{1,3})[ ]*\)")),
    ("paren_arabic", re.compile(r"([\u2474-\u2487])")),  # ⑴ … ⒇
    ("decimal", re.compile(r"(?!0)(\d{1,2}(?:\.\d{1,2}){0,3})[ ]+(?=[\u4e00-\u9fff])")),  # 1 总则 / 1.1 编制目的 / 3.2.1: 预案
    # …and glued to its title where a copy lost the space (1总则, 1.1制定目的), though not a number
    # and its unit (1.5万元, 3个, 12月)
    ("decimal", re.compile(r"(?!0)(\d{1,2}(?:\.\d{1,2}){2,3})(?=[\u4e00-\u9fff])")),
    ("decimal", re.compile(rf"(?!0)(\d{{1,2}}(?:\.\d{{1,2}})?)(?=[\u4e00-\u9fff])(?![{_NUMBER_FOLLOWERS}])")),
    ("arabic", re.compile(r"(\d{1,3})[ ]*[、.,](?!\d)")),
    ("arabic", re.compile(r"(\d{1,3})[.](?=\d)")),  # 11.121人才梯队项目: read like a decimal, see Marker.ambiguous
    ("arabic", re.compile(r"([\u2488-\u249b])")),  # ⒈ … ⒛
    ("arabic_paren", re.compile(r"(\d{1,3})\)(?!\d)")),
    # 1。推动… : a copy that turned the item's 1. into a full stop (line starts only: 达到100。下一步)
    ("arabic_stop", re.compile(r"(\d{1,3})[ ]*。(?=[\u4e00-\u9fff])")),
    ("circled", re.compile(r"([\u2460-\u2473])")),  # ① … ⑳
    ("article", re.compile(_SPACED_NUMBER + "条")),
    ("chapter", re.compile(_SPACED_NUMBER + "章")),
    ("section", re.compile(_SPACED_NUMBER + "节")),  # 规划纲要: 第一章 → 第一节
    ("volume", re.compile(rf"第([{_CN}零〇\d]{{1,3}})篇(?!章)")),  # 第一篇 → 第一章
    ("part", re.compile(rf"第([{_CN}]{{1,3}})部分")),
    ("stage", re.compile(rf"第([{_CN}\d]{{1,3}})阶段(?=[:(])")),  # 第一阶段:宣传发动 (a 工作方案's steps)
    ("cn_shi", re.compile(r"([一二三四五六七八九十]{1,3})是(?=[^,、。;:是])")),
    ("labelled", re.compile(rf"[—\-]{{0,2}}[ ]*({'|'.join(LABEL_WORDS)})(\d{{1,2}}|[{_CN}]{{1,3}})[ ]*(?::|[ ]+(?=[\u4e00-\u9fff]))")),
    ("padded", re.compile(r"0([1-9])[ ]+(?=[\u4e00-\u9fff])(?![年月日时号])")),  # 01 教育 / 02 医疗: news and WeChat copies
]

STRONG = {"cn", "paren_cn", "paren_arabic", "circled", "article", "chapter", "section", "volume", "part"}
"""Styles that cannot be mistaken for a number in a sentence when they open a line."""
ATTACHMENT_HEADING = re.compile(r"附件[ ]*\d{0,2}[:：]?")  # 附件 / 附件2 on a line of its own: an attachment begins
_YEAR = re.compile(r"(?:19|20)\d{2}年")
_WORD_MARKERS = {"article", "chapter", "section", "volume", "part", "stage"}  # 第…条/章/节/篇/部分/阶段
DECIMAL_STYLES = {f"decimal{n}" for n in range(1, 5)}  # 1 / 1.1 / 1.1.1 / 1.1.1.1: one style a depth
LINE_START_ONLY = {"padded", "arabic_stop"} | DECIMAL_STYLES | {f"labelled_{w}" for w in LABEL_WORDS}
"""Styles that open a section only at a line start, never inside a line."""
LINE_ONLY = {"padded", "decimal1", "decimal2"}
"""…and of those, the styles that open one only as a short heading line of their own (01 教育, 1.1
编制目的): 1.3.1 is no number, and opens an item of any length."""
LINE_ONLY_MAX = 24  # characters of such a heading line


@dataclass(frozen=True)
class Marker:
    style: str
    value: int
    start: int  # offset of the marker in the text
    end: int  # offset just past the marker and its punctuation and spaces
    printed: str  # the marker as printed, without a trailing 、 or .
    ambiguous: bool = False  # digits follow (11.121…): a marker only as the next number of an open list


def _value(style: str, token: str) -> int | None:
    if style == "circled":
        return ord(token) - 0x2460 + 1
    if len(token) == 1 and 0x3220 <= ord(token) <= 0x3229:
        return ord(token) - 0x3220 + 1
    if len(token) == 1 and 0x2474 <= ord(token) <= 0x2487:
        return ord(token) - 0x2474 + 1
    if len(token) == 1 and 0x2488 <= ord(token) <= 0x249B:
        return ord(token) - 0x2488 + 1
    return cn_int(token.replace(" ", ""))


def match_marker(folded: str, raw: str, pos: int, end: int | None = None) -> Marker | None:
    """The marker that starts at `pos` of the folded text, if any (`raw` is the printed text)."""
    end = len(folded) if end is None else end
    for style, pattern in _PATTERNS:
        m = pattern.match(folded, pos, end)
        if not m:
            continue
        if style == "decimal":  # the depth is the style, the last number the value
            parts = m.group(1).split(".")
            style, token = f"decimal{len(parts)}", parts[-1]
            value = int(token)
        elif style == "labelled":  # the word is the style, the number its value
            style, value = f"labelled_{m.group(1)}", _value(style, m.group(2))
        else:
            value = _value(style, m.group(1))
        if not value:
            continue
        stop = m.end()
        if style in _WORD_MARKERS and stop < end and folded[stop] == ":":
            stop += 1  # 第一部分:“十一五”期间主要工作任务, 第一章:总则 — the colon parts marker and title
        while stop < end and folded[stop] == " ":
            stop += 1
        if stop >= end:  # a marker with nothing after it is not a heading
            return None
        printed = raw[m.start():m.end()].strip().rstrip("、.．,，。")
        if style == "cn_shi":
            printed = raw[m.start(1):m.end()]
        elif style.startswith("labelled_"):
            printed = raw[m.start(1):m.end(2)]  # 任务1, without the dash before it
        # digits after the marker read like a decimal (11.121人才…), unless they are a year (3．2020年底前…)
        ambiguous = style == "arabic" and stop < end and folded[stop].isdigit() and not _YEAR.match(folded, stop, end)
        return Marker(style, value, m.start(), stop, printed.strip(), ambiguous)
    return None


# Where an inline marker may start: right after a clause bracket, a sentence end or a semicolon.
INLINE_BOUNDARY = re.compile(r"(?<=[。;)\]])[ ]*(?=[(\d\u2460-\u249b一二三四五六七八九十])")
# In a document collapsed onto one line, also right after a word, a colon or a closing quote:
# 二、主要任务和责任分工(一)围绕…, …分四个阶段进行:(一)前期准备…, 开展“百日行动”1.行动目标
INLINE_OR_GLUED = re.compile(r"(?:(?<=[。;:)\]”])[ ]*|(?<=[\u4e00-\u9fff]))(?=[(\d\u2460-\u249b一二三四五六七八九十])")

"""Normalisation. Two different things:

* `clean` makes the text zqdoc keeps (`Document.text`): line breaks unified, zero-width
  characters dropped, and soft line breaks of hard-wrapped text joined. It stays as printed.
* `fold` makes a matching copy of the same length, character for character, so a match in the
  folded text is a span of the printed text: full-width forms become half-width, all square and
  tortoise-shell brackets become [ ], ○ becomes 〇, CJK radicals and compatibility ideographs
  become the ideographs they stand for.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ZERO_WIDTH_RE = re.compile("[" + "".join(map(chr, _ZERO_WIDTH)) + "]")
# Sentence-final punctuation: a line ending in one of these is a hard break.
_HARD_END = set("。！？；：!?;:")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0xFF01, 0xFF5E), (0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    table.update({ord(k): v for k, v in {
        "\u3000": " ", "\xa0": " ", "\t": " ", "\u202f": " ", "\u205f": " ",
        **{chr(cp): " " for cp in range(0x2000, 0x200B)},  # en, em, thin… spaces: web pages indent with them
        "〔": "[", "〕": "]", "【": "[", "】": "]", "［": "[", "］": "]", "〖": "[", "〗": "]", "﹝": "[", "﹞": "]",
        "„": "[", "‟": "]",  # copies that lost 〔〕 print them so in document numbers
        "○": "〇", "Ｏ": "〇",
        "﹙": "(", "﹚": ")", "﹐": ",", "﹑": "、", "﹔": ";", "﹕": ":", "﹒": ".", "﹖": "?", "﹗": "!",
        "–": "—", "－": "-", "～": "~", "―": "—",
    }.items()})
    # CJK Radicals Supplement forms that PDF text layers use for ordinary ideographs (NFKC keeps them).
    table.update({ord(k): v for k, v in zip("⻄⻅⻆⻓⻔⻢⻋⻩⻜⻬⻛⻝⻚⻘⻙⻉⻥⻦⻨⻰⻳⻤⻊⻏⻈", "西见角长门马车黄飞齐风食页青韦贝鱼鸟麦龙龟鬼讠阝钅")})
    return table


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_fold_table())) + "]")


def fold(text: str) -> str:
    """A copy of `text` for matching, of exactly the same length (see module docstring)."""
    if len(text) > _FOLD_MEMO_MAX:
        return _fold(text)
    return _fold_memo(text)  # each extractor folds the same section text


def _fold(text: str) -> str:
    if not _foldable().search(text):  # a regex scan is much cheaper than translate on CJK text
        return text
    return text.translate(_fold_table())


_FOLD_MEMO_MAX = 50_000  # longer texts are not kept alive by the memo
_fold_memo = lru_cache(maxsize=1024)(_fold)
fold.cache_clear = _fold_memo.cache_clear  # type: ignore[attr-defined]  # see extract.clear_caches


_MARKER_START = re.compile(
    r"^[ \u3000\t]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d０-９]+[）)]|[\d０-９]+[、.．)）]|[①-⑳]|第[一二三四五六七八九十百]+[章节条])"
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogate code points (a str decoded with errors="surrogateescape", say) as U+FFFD, and
    how many there were: no UTF-8 can hold them, so no JSON of the document could."""
    return _SURROGATE.subn("\ufffd", text)


# A marker alone on its line, its title on the next (copies of Word and PDF files): one line.
_LONE_MARKER = re.compile(r"^([ \u3000\t]*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|[①-⑳]|第[一二三四五六七八九十]{1,3}[章条]))[ \u3000\t]*\n(?=[ \u3000\t]*[^\s（(①-⑳0-9一二三四五六七八九十第])", re.M)


def clean(text: str) -> str:
    """The text as printed, with CR/CRLF as LF, zero-width characters removed, soft line breaks
    of hard-wrapped text joined and the lost line breaks of collapsed text restored."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ZERO_WIDTH_RE.search(text):  # translate is slow on CJK text; most texts hold none
        text = text.translate(_ZERO_WIDTH)
    return _split_collapsed(_join_soft_breaks(_LONE_MARKER.sub(r"\1", text)))


_MARKER = r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[、．](?!\d)|\d{1,3}\.(?!\d)|第[一二三四五六七八九十]{1,3}(?:条|章|部分))"
# A space run after a sentence end, before a marker: a line break that a copy lost.
_LOST_BREAK = re.compile(rf"(?=[ \u3000])(?<=[。；;：:）)])[ \u3000]+(?={_MARKER})")
# In a collapsed line (a whole document on one line) any space run before a marker is one.
# (Only from the start of a run, taken whole: trying every space of a long run would be quadratic.)
_LOST_BREAK_COLLAPSED = re.compile(rf"(?<![ \u3000])[ \u3000]++(?={_MARKER})")
# …and a marker glued to a sentence end (。一、指导思想…) starts a line: a break is inserted there.
_GLUED_BREAK_COLLAPSED = re.compile(rf"(?<=[。；;！？!?])(?={_MARKER})")
# …and two ideographic spaces, the indent a paragraph opens with, start a line there.
_INDENT_COLLAPSED = re.compile(r"(?<=[^ \u3000])\u3000{2,}")
_COLLAPSED = 300
_COLLAPSED_SHARE = 0.9

# The head and signature of a notice on a collapsed line, each a line of its own once its space runs
# are line breaks: a 发文字号 standing between spaces, a notice title (…关于…的通知), a page's date
# row (时间：2022-11-11), the 主送 (各…：), the signature (organ, date).
_SP = "[ \u3000]"
_ORGAN = r"[\u4e00-\u9fff]{2,30}(?:人民政府|政府|办公室|办公厅|委员会|管委会|管理局|局|厅|委|办)"
_DATE = r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日"
_DOC_NUMBER = r"[\u4e00-\u9fff]{1,10}[〔\[(（【][ ]*(?:19|20)\d{2}[ ]*[〕\])）】][ ]*第?[ ]*\d{1,5}[ ]*号"
# (Every break is at a space: the lookahead that opens the pattern skips other positions at once.)
_HEAD_BREAKS = re.compile(
    rf"(?=[ \u3000])(?:{_SP}+(?={_DOC_NUMBER}{_SP})"
    rf"|(?<=号){_SP}+(?=[^ \u3000]{{0,40}}关于)"
    rf"|{_SP}+(?=[^ \u3000。]{{2,40}}关于[^。:：]{{2,120}}?的(?:通知|意见|决定|通报|批复){_SP})"
    rf"|(?<=的(?:通知|意见|决定|通报|批复)){_SP}+"
    rf"|{_SP}+(?=(?:发布)?时间[:：]|来源[:：])"
    rf"|{_SP}+(?=各[^ \u3000。:：]{{2,80}}[:：])"
    rf"|{_SP}+(?={_ORGAN}{_SP}+{_DATE})"
    rf"|{_SP}+(?=附件[:：\d])"
    rf"|{_SP}+(?=序号{_SP}+[\u4e00-\u9fff]))"  # a task table's header row
)
# …and the 主送 (各…, 区直各单位…) ends its line: 各县(市、区)人民政府,市直各部门:为切实做好… → a break after its colon.
_SALUTATION_END = re.compile(r"^((?:[省市州县区]直)?各[^。:：\n]{2,200}?[:：])[ \u3000]*(?=[^ \u3000\n])", re.M)
_HEAD_LINES = 3  # lines of a page that hold its head
_LONG_HEAD = 150  # a line this long that holds a notice's head or signature had its breaks lost
_SP_RE = re.compile(_SP)
_DOC_NUMBER_LINE = re.compile(rf"^({_DOC_NUMBER}){_SP}+", re.M)  # …and the 发文字号 ends its line
_SIGNED_DATE = re.compile(rf"(?<={_SP})({_DATE}){_SP}+")  # the signature's date ends its line
# A crawl that stored a page as one line with no space at all between the parts of the head: the
# 发文字号 glued to the notice title (either side), the title or number to the 主送 (…的通知区直各单位、…：), the signature
# to the sentence before it and to the text after its date (…遵照执行。某某办公室2015年4月17日某某方案).
# (Each break is at a space or after 号, 的通知…, 。！》: the opening assertion skips other positions at once.)
_GLUED_HEAD = re.compile(
    rf"(?:(?=[ \u3000])|(?<=[号知见定报复。！》]))(?:{_SP}+(?={_DOC_NUMBER}[^ \u3000。:：]{{0,40}}关于)"  # the 发文字号 after the page's chrome
    rf"|(?<=号)(?=[^ \u3000。:：\d]{{0,40}}关于[^。]{{2,120}}?的(?:通知|意见|决定|通报|批复))"
    rf"|(?<=的(?:通知|意见|决定|通报|批复))(?=[^。:：\n》”]{{0,10}}各[^。:：\n]{{1,80}}[:：])"
    rf"|(?<=的(?:通知|意见|决定|通报|批复))(?={_DOC_NUMBER})"  # …的通知国办发〔2014〕56号各省、…:
    rf"|(?<=号)(?=各[^。:：\n]{{1,80}}[:：])"
    rf"|(?<=[。！》])(?={_ORGAN}{_DATE}))"
)
# …and the signature is the organ's line and the date's, as printed
_SIGNATURE_LINE = re.compile(rf"^({_ORGAN})({_DATE})(?=([^\n]?))", re.M)


def is_collapsed(text: str) -> bool:
    """Did a copy put the whole document on a few long lines (law databases, crawls that store a
    page as one line)? Then nearly all its text (90%) is in lines of more than 300 characters, and
    the parser reads a marker right after a word as one (二、主要任务(一)围绕…) in every part of them.
    (A plan with some long paragraphs is not collapsed.)"""
    lengths = [len(line) for line in text.split("\n")]
    return sum(n for n in lengths if n > _COLLAPSED) >= _COLLAPSED_SHARE * max(1, sum(lengths))


def _split_collapsed(text: str) -> str:
    """Restore line breaks where a copy (law databases, some web pages) put a whole document on a
    few long lines: a space run before a section marker becomes a line break, a marker glued to the
    end of a sentence gets one, and the parts of a
    notice's head and signature on a long line go on lines of their own. Every printed character
    stays as it is."""
    collapsed = any(len(line) > _COLLAPSED for line in text.split("\n"))
    out = []
    for k, line in enumerate(text.split("\n")):
        if len(line) > _COLLAPSED:
            line = _INDENT_COLLAPSED.sub(lambda m: "\n" + m.group(0)[1:], line)
            line = _LOST_BREAK_COLLAPSED.sub(lambda m: "\n" + m.group(0)[1:], line)
            line = _GLUED_BREAK_COLLAPSED.sub("\n", line)
        else:
            line = _LOST_BREAK.sub(lambda m: "\n" + m.group(0)[1:], line)
        long_head = len(line) > _LONG_HEAD and (collapsed or _SP_RE.search(line))
        if long_head:
            line = _HEAD_BREAKS.sub(lambda m: "\n" + m.group(0)[1:], line)
        if collapsed:  # the glued parts of a head, on any line of a collapsed copy (…落实。国务院办公厅2020年11月1日)
            line = _SIGNATURE_LINE.sub(lambda m: f"{m.group(1)}\n{m.group(2)}" + ("\n" if m.group(3) else ""),
                                       _GLUED_HEAD.sub("\n", line))
        elif k < _HEAD_LINES:  # …and on the first lines of any copy (…的通知国办函〔2014〕119号各省、…:)
            line = _GLUED_HEAD.sub("\n", line)
        if long_head:
            line = _SIGNED_DATE.sub(_break_after_first_group, _DOC_NUMBER_LINE.sub(_break_after_first_group, line))
            line = _SALUTATION_END.sub(_break_after_first_group, line)
        out.append(line)
    return "\n".join(out)


def _break_after_first_group(m: re.Match) -> str:
    """A line break after group 1 of the match: in place of the first space after it, if any."""
    rest = m.group(0)[len(m.group(1)):]
    return m.group(1) + "\n" + (rest[1:] if rest[:1] in (" ", "\u3000") else rest)


def _join_soft_breaks(text: str) -> str:
    """Join lines that a fixed-width layout broke inside a sentence.

    A text is hard-wrapped when many of its long lines share one length (the layout width). A line
    of that width which does not end a sentence runs on into the next line, unless the next line
    starts a new numbered item. Lines of other lengths are left alone: a short line is a title or
    the end of a paragraph, however it ends.
    """
    lines = text.split("\n")
    lengths = [len(ln.strip()) for ln in lines if len(ln.strip()) >= 20]
    if len(lengths) < 4:
        return text
    width, count = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if abs(n - width) <= 1)
    if near < max(5, 0.5 * len(lengths)):
        return text
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        stripped = prev.strip()
        joins = (
            abs(len(stripped) - width) <= 1
            and stripped[-1] not in _HARD_END
            and line.strip()
            and not _MARKER_START.match(line)
        )
        if joins:
            out[-1] = out[-1].rstrip()
            out.append(line.lstrip(" \u3000\t"))
        else:
            out.append("\n" + line)
    return "".join(out)

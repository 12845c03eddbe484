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


def clean(text: str) -> str:
    """The text as printed, with CR/CRLF as LF, zero-width characters removed, soft line breaks
    of hard-wrapped text joined and the lost line breaks of collapsed text restored."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ZERO_WIDTH_RE.search(text):  # translate is slow on CJK text; most texts hold none
        text = text.translate(_ZERO_WIDTH)
    return _split_collapsed(_join_soft_breaks(text))


_MARKER = r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[、．](?!\d)|\d{1,3}\.(?!\d)|第[一二三四五六七八九十]{1,3}条)"
# A space run after a sentence end, before a marker: a line break that a copy lost.
_LOST_BREAK = re.compile(rf"(?<=[。；;：:）)])[ \u3000]+(?={_MARKER})")
# In a collapsed line (a whole document on one line) any space run before a marker is one.
# (Only from the start of a run, taken whole: trying every space of a long run would be quadratic.)
_LOST_BREAK_COLLAPSED = re.compile(rf"(?<![ \u3000])[ \u3000]++(?={_MARKER})")
# …and a marker glued to a sentence end (。一、指导思想…) starts a line: a break is inserted there.
_GLUED_BREAK_COLLAPSED = re.compile(rf"(?<=[。；;！？!?])(?={_MARKER})")
_COLLAPSED = 300


def _split_collapsed(text: str) -> str:
    """Restore line breaks where a copy (law databases, some web pages) put a whole document on a
    few long lines: a space run before a section marker becomes a line break, and a marker glued to
    the end of a sentence gets one. Every printed character stays as it is.""" 
    if not any(len(line) > _COLLAPSED for line in text.split("\n")):
        return _LOST_BREAK.sub(lambda m: "\n" + m.group(0)[1:], text)
    out = []
    for line in text.split("\n"):
        if len(line) > _COLLAPSED:
            line = _GLUED_BREAK_COLLAPSED.sub("\n", _LOST_BREAK_COLLAPSED.sub(lambda m: "\n" + m.group(0)[1:], line))
        else:
            line = _LOST_BREAK.sub(lambda m: "\n" + m.group(0)[1:], line)
        out.append(line)
    return "\n".join(out)


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

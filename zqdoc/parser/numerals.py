"""Small numeral and date readers for the parser (markers, 成文日期). They read only the span they
are given: converting numerals across a whole text corrupts words such as 一体化."""
from __future__ import annotations

import datetime as dt
import re

_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; digit strings such as 二〇一二 → 2012."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(c in _DIGIT for c in s):  # positional: 二〇一二
        n = 0
        for c in s:
            n = n * 10 + _DIGIT[c]
        return n
    total, current = 0, 0
    for c in s:
        if c in _DIGIT:
            current = _DIGIT[c]
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


_CN = "〇○零OoＯ一二三四五六七八九十两"
DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*日"
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
)


def parse_date(s: str) -> dt.date | None:
    """The first date in `s`: 二○一二年四月十九日, 2012年4月19日, 2013-03-27, 2013/3/27."""
    m = DATE_RE.search(s)
    return date_from_match(m) if m else None


def date_from_match(m: re.Match) -> dt.date | None:
    if m.group("y"):
        y, mo, d = cn_int(m.group("y")), cn_int(m.group("m")), cn_int(m.group("d"))
    else:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    try:
        return dt.date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None

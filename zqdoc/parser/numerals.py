"""Small numeral and date readers for the parser (markers, 成文日期). They read only the span they
are given: converting numerals across a whole text corrupts words such as 一体化."""
from __future__ import annotations

import datetime as dt
import re

_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDE = {"万": 10 ** 4, "亿": 10 ** 8}


def cn_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 三亿五千万 → 350000000; digit strings such as
    二〇一二 → 2012. None for anything else, colloquial forms included (三百五, 一万二)."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(c in _DIGIT for c in s):  # positional: 二〇一二
        n = 0
        for c in s:
            n = n * 10 + _DIGIT[c]
        return n
    done, section = 0, 0  # done: what 万 and 亿 closed; section: below 万
    digit: int | None = None
    unit_cap, magnitude_cap = 10 ** 4, 10 ** 9  # units and magnitudes must fall: 三千五百, 三亿五千万
    zero = big = False  # a 零 is pending; the last character was 百, 千, 万 or 亿
    colloquial = False  # a digit right after 百, 千, 万 or 亿: 三百五 (350 in speech), 一万二
    for c in s:
        if c in _DIGIT:
            if digit is not None or (_DIGIT[c] == 0 and not big):
                return None  # 一二, 零零, 十零, a leading 零
            if _DIGIT[c] == 0:
                zero = True
            else:
                digit, colloquial = _DIGIT[c], big
            big = False
        elif c in _UNIT:
            bare_ten = c == "十" and done == section == 0  # 十五, 十万
            if _UNIT[c] >= unit_cap or (digit is None and not bare_ten) or (zero and _UNIT[c] * 10 >= unit_cap):
                return None  # 十百, 百, 两千零八百 (a 零 must stand for a skipped place)
            section += (1 if digit is None else digit) * _UNIT[c]
            unit_cap, digit, zero, big = _UNIT[c], None, False, _UNIT[c] > 10
        elif c in _MAGNITUDE:
            m = _MAGNITUDE[c]
            n = section + (digit or 0)
            if m >= magnitude_cap or n == 0 or (colloquial and digit is not None) or (zero and digit is None):
                return None
            done = (done + n) * m if m > 10 ** 4 else done + n * m
            section, digit, zero, big = 0, None, False, True
            unit_cap, magnitude_cap = 10 ** 4, m
        else:
            return None
    if (colloquial and digit is not None) or (zero and digit is None):
        return None  # 三百五, 一万二, 一百零
    return done + section + (digit or 0)


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

"""Quantitative targets: 培育1—2家省级工程研究开发中心, 增长20%左右, 新增城镇就业10万人.

`find_targets` reads one section's own text. It finds numbers (Arabic or Chinese), the unit printed
after them (data/units.json), and keeps those that are commitments: not years, dates, ordinals,
document numbers, names in quotes or 《》, specifications (2000吨级), qualifiers of a counted noun
(投资5000万元以上工业重点项目323个), baselines (7600多名) or counts of a notice's own tasks
(133项具体任务). The rule words are in data/target_rules.json.

Matching runs on the folded text (zqdoc.normalize.fold), which has the same length as the printed
text, so every span is a span of the printed text. All regular expressions are linear: number and
unit matches are anchored and bounded, and clause bounds come from one precomputed list.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..models import Comparator, Target
from ..normalize import fold
from ..parser.numerals import cn_int
from .segment import cut

__all__ = ["find_targets", "introduces_cases", "is_progress_column", "is_situation_heading", "parse_number", "parse_deadline"]

_DATA = Path(__file__).with_name("data")


def _load(name: str) -> dict:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


_UNITS = _load("units.json")
_R = _load("target_rules.json")

_UNIT_KIND: dict[str, str] = _UNITS["units"]


def _alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 个百分点 wins over 个)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---------------------------------------------------------------- numbers

_CN_NUM = "零〇一二两三四五六七八九十百千"
_CN_DIGIT = "零〇一二两三四五六七八九"
_NUMBER = (
    r"(?P<ar>(?<![A-Za-z0-9.])\d+(?:,\d{3})*(?:\.{space}\d+)?)"
    rf"|(?P<pct>百分之[{_CN_NUM}]+(?:点[{_CN_DIGIT}]+)?)"
    rf"|(?P<cn>[{_CN_NUM}]+(?:[万亿][{_CN_NUM}]+)*(?:点[{_CN_DIGIT}]+)?)"
)
# 3. 3%: PDF text layers put a space after a decimal point. It is read as a decimal only inside a
# sentence (after 、 or a word); after a line start, a space or 。 the "3." is a list marker.
NUMBER_RE = re.compile(_NUMBER.replace("{space}", " ?"))
_STRICT_NUMBER_RE = re.compile(_NUMBER.replace("{space}", ""))
_NOT_INSIDE_SENTENCE = " \t\n。;:!?)]|"
_MAX_NUMERAL = 24  # longer digit or numeral runs are codes, not quantities
_UNIT_RE = re.compile(
    rf"[ \t]?(?P<unit>(?P<mag>{_alternation(_UNITS['magnitudes'])})?(?P<base>{_alternation(_UNIT_KIND)}))"
)
# the base group is empty: the people counted stand after the magnitude, outside the unit
_COUNTED_RE = re.compile(
    rf"(?P<unit>(?P<mag>{_alternation(_UNITS['magnitudes'])}))(?P<base>)(?=(?:{_alternation(_UNITS['counted_nouns'])}))"
)
_COUNTED_BASE = "人"
_PER_RE = re.compile(rf"/(?:{_alternation(_UNITS['magnitudes'])})?(?:{_alternation(_UNITS['per_units'])})")
_RANGE_RE = re.compile(rf"[ \t]?(?:{_alternation(_R['range_connectors'])})[ \t]?")


_ARABIC_NUMERAL = re.compile(r"\d+(?:,\d{3})*(?:\. ?\d+)?")
_CHINESE_NUMERAL = re.compile(rf"[{_CN_NUM}万亿]+(?:点[{_CN_DIGIT}]+)?")


def parse_number(s: str) -> float | None:
    """The value of one numeral: '10' → 10, '6.2' → 6.2, '1,000' → 1000, '两' → 2, '一千二百' → 1200,
    '三点五' → 3.5, '百分之十' → 10. None when `s` is not a numeral. Convert only spans you have
    extracted: numerals inside words (一体化) are not numbers."""
    s = (s or "").strip()
    if s.startswith("百分之"):
        s = s[3:]
    if not s:
        return None
    if _ARABIC_NUMERAL.fullmatch(s):
        return float(s.replace(",", "").replace(" ", ""))
    if not _CHINESE_NUMERAL.fullmatch(s):
        return None
    whole, _, decimals = s.partition("点")
    n = cn_int(whole)
    if n is not None:
        return float(f"{n}.{''.join(str(cn_int(c)) for c in decimals) or 0}")
    import cn2an  # a third of a second to import: only the forms cn_int leaves (三百五, 一万二) need it

    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------- deadlines

_MD = rf"\d{{1,2}}|[{_CN_DIGIT}十]{{1,3}}"
_DEADLINE_RE = re.compile(
    rf"(?P<pre>{_alternation(_R['deadline_prefixes'])})?"
    r"(?:(?P<y>(?:19|20)\d{2})年"
    rf"(?:(?P<m>{_MD})月(?:(?P<d>{_MD})日|(?P<me>底|末))?|(?P<part>{_alternation(_R['deadline_relative'])}))?"
    rf"|(?P<rel>{_alternation(k for k in _R['deadline_relative'] if len(k) > 1)})"
    rf"|(?P<m2>{_MD})月(?:(?P<d2>{_MD})日|(?P<me2>底|末))?)"
    rf"(?P<post>{_alternation(_R['deadline_suffixes'])})?"
)
# Every deadline holds 年 or 月 or a relative word (一季度): texts without one are not scanned.
_DEADLINE_HINT = re.compile(rf"年|月|{_alternation(k for k in _R['deadline_relative'] if len(k) > 1)}")


def _small_int(s: str | None) -> int | None:
    if not s:
        return None
    value = parse_number(s)
    return int(value) if value is not None else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _deadline_date(m: re.Match, year: int | None) -> dt.date | None:
    """The date a deadline match stands for (None when it needs a year that is not known)."""
    y = int(m["y"]) if m["y"] else year
    if y is None:
        return None
    try:
        month = _small_int(m["m"] or m["m2"])
        day = _small_int(m["d"] or m["d2"])
        if month and day:
            return dt.date(y, month, day)
        if month:
            return _month_end(y, month)
        rel = m["part"] or m["rel"]
        if rel:
            mo, d = _R["deadline_relative"][rel]
            return dt.date(y, mo, d)
        return dt.date(y, 12, 31)
    except ValueError:
        return None


def _is_deadline(m: re.Match, text: str) -> bool:
    """Whether a date-like match is a deadline: 到2012年底, 6月底前, 年内, and a year standing alone
    as a clause (2025年,力争…) are; 较2010年, 2012年4月20日 (a date), 2020年普及… are not."""
    if m["rel"]:
        return True
    if m["pre"] or m["post"] or m["me"] or m["me2"] or m["part"]:
        return True
    if not m["y"] or m["m"]:
        return False
    before = text[m.start() - 1] if m.start() else "\n"
    after = text[m.end()] if m.end() < len(text) else "\n"
    return before in _CLAUSE_CHARS + " " and after in _CLAUSE_CHARS


def _deadlines(text: str, year: int | None) -> list[tuple[int, int, dt.date | None]]:
    """(start, end, date) of each deadline in `text` (folded)."""
    if not _DEADLINE_HINT.search(text):
        return []
    return [(m.start(), m.end(), _deadline_date(m, year))
            for m in _DEADLINE_RE.finditer(text) if _is_deadline(m, text)]


def parse_deadline(s: str, year: int | None = None) -> tuple[dt.date | None, str | None]:
    """The first deadline in `s` as (date, text as printed): 到2012年底 → 2012-12-31, 年内 →
    `year`-12-31, 上半年 → `year`-06-30, 6月底前 → `year`-06-30, 2023年6月底前 → 2023-06-30,
    2025年 → 2025-12-31. The date is None when it needs `year` and none is given; (None, None) when
    there is no deadline."""
    for start, end, date in _deadlines(fold(s or ""), year):
        return date, s[start:end]
    return None, None


# ---------------------------------------------------------------- quantities


@dataclass
class _Quantity:
    start: int  # comparator prefix included
    num_start: int
    end: int  # unit and comparator suffix included
    unit_end: int
    value: float
    value_max: float | None
    unit: str  # as printed: 万人, 亿元, %
    base_unit: str  # without the magnitude: 人, 元, %
    comparator: Comparator
    chinese: bool  # written only with Chinese numerals

    @property
    def kind(self) -> str:
        return _UNIT_KIND[self.base_unit]

    @property
    def magnified(self) -> bool:
        return self.unit != self.base_unit


_CLAUSE_CHARS = _R["clause_boundaries"]
_PREFIX_WORDS = {w: Comparator(c) for c, ws in _R["comparator_prefixes"].items() for w in ws}
_PREFIX_SIZES = sorted({len(w) for w in _PREFIX_WORDS}, reverse=True)
_SUFFIX_RE = re.compile(
    "|".join(f"(?P<s{i}>{_alternation(ws)})" for i, ws in enumerate(_R["comparator_suffixes"].values()))
)
_SUFFIX_CMP = [Comparator(c) for c in _R["comparator_suffixes"]]


def _unit_at(text: str, pos: int) -> re.Match | None:
    """The unit printed at `pos`, unless its character is part of a word there (5部门, 10人口); or a
    bare magnitude before the people it counts (2.6万农牧民, 9万人口: unit 万)."""
    m = _UNIT_RE.match(text, pos)
    if m:
        blockers = _R["unit_blockers"].get(m["base"], "")
        if m.end() >= len(text) or text[m.end()] not in blockers:
            return m
    return _COUNTED_RE.match(text, pos)


def _prefix_comparator(text: str, pos: int) -> tuple[int, Comparator | None]:
    """A comparator word ending at `pos` (one space allowed): (its start, comparator)."""
    end = pos - 1 if pos > 0 and text[pos - 1] == " " else pos
    for size in _PREFIX_SIZES:
        start = end - size
        comparator = _PREFIX_WORDS.get(text[start:end]) if start >= 0 else None
        if comparator is None:
            continue
        if size == 1 and start > 0 and text[start - 1] in _R["prefix_word_blockers"].get(text[start], ""):
            continue
        return start, comparator
    return pos, None


def _suffix_comparator(text: str, pos: int) -> tuple[int, Comparator | None]:
    m = _SUFFIX_RE.match(text, pos)
    if not m:
        return pos, None
    return m.end(), _SUFFIX_CMP[int(m.lastgroup[1:])]


def _range_end(text: str, pos: int, value: float, first_unit: str | None):
    """A range's upper number and unit after `pos` (1—2家, 1至2家, 10%—15%), or None."""
    connector = _RANGE_RE.match(text, pos)
    if not connector:
        return None
    second = NUMBER_RE.match(text, connector.end())
    if not second:
        return None
    unit = _unit_at(text, second.end())
    upper = parse_number(second.group())
    if not unit or upper is None or upper <= value or first_unit not in (None, unit["unit"]):
        return None
    return upper, unit


_SPEC_PREFIXES = frozenset(_R["spec_prefixes"])
_THRESHOLD_MARKS = tuple(_R["threshold_marks"])
_SPEC_PREFIX_SIZES = sorted({len(w) for w in _SPEC_PREFIXES})


def _is_specification(text: str, start: int, unit_end: int) -> bool:
    """2000吨级航道, 年产10万吨…, 日处理5万吨…: a size that names a thing."""
    if unit_end < len(text) and text[unit_end] in _R["spec_suffixes"]:
        return True
    return any(text[max(0, start - n):start] in _SPEC_PREFIXES for n in _SPEC_PREFIX_SIZES)


_SPACED_ORDINAL = re.compile(rf"[{_R['ordinal_prefixes']}](?:[ ]?\d)* $")


def _is_ordinal(text: str, m: re.Match, unit: str, end: int) -> bool:
    """第三批, 第57次, 十届七次, 六次会议, 一、二期."""
    if m.start() and text[m.start() - 1] in _R["ordinal_prefixes"] + _R["ordinal_after"]:
        return True
    if _SPACED_ORDINAL.search(text, max(0, m.start() - 8), m.start()):
        return True  # 第 1 0 条: a PDF's spaced-out article number
    if m["cn"] and unit in _R["ordinal_units_chinese"]:
        return True
    return unit == "次" and any(text.startswith(w, end) for w in _R["ordinal_followers"])


def _read_quantity(text: str, m: re.Match) -> _Quantity | None:
    """The quantity that starts with the numeral `m`, or None if no unit follows or it is a
    baseline, a specification or an ordinal."""
    if len(m.group()) > _MAX_NUMERAL:
        return None
    value = parse_number(m.group())
    pos = m.end()
    if value is None or (pos < len(text) and text[pos] in _R["baseline_markers"] and not m["pct"]):
        return None
    if m["pct"]:
        unit_text, base, unit_end = "%", "%", pos
    else:
        unit = _unit_at(text, pos)
        unit_text, base, unit_end = (unit["unit"], unit["base"] or _COUNTED_BASE, unit.end()) if unit else (None, None, pos)
    value_max, comparator = None, None
    upper = _range_end(text, unit_end, value, unit_text)
    if upper:
        value_max, unit_match = upper
        unit_text, base, unit_end = unit_match["unit"], unit_match["base"], unit_match.end()
        comparator = Comparator.RANGE
    if not unit_text:
        return None
    per = _PER_RE.match(text, unit_end)  # 52000元/人, 5.1公里/平方公里: a compound unit stays whole
    if per:
        unit_text, unit_end = unit_text + text[per.start():per.end()], per.end()
    if _is_specification(text, m.start(), unit_end):
        return None
    if _is_ordinal(text, m, unit_text, unit_end):
        return None
    end, suffix = _suffix_comparator(text, unit_end)
    start, prefix = _prefix_comparator(text, m.start())
    if start != m.start() and _is_specification(text, start, unit_end):  # 总规划面积约60.61平方公里
        return None
    if text.startswith(_THRESHOLD_MARKS, end):  # 1000万元(含)至5000万元(不含)
        return None
    if comparator is None:
        comparator = suffix if suffix == Comparator.APPROX else (suffix or prefix or Comparator.EQ)
    return _Quantity(start, m.start(), end, unit_end, value, value_max, unit_text, base, comparator,
                     chinese=m["ar"] is None)


def _quantities(text: str) -> list[_Quantity]:
    """Every numeral with a unit, in order, ranges read as one."""
    found: list[_Quantity] = []
    pos = 0
    while m := NUMBER_RE.search(text, pos):
        if " " in m.group() and (not m.start() or text[m.start() - 1] in _NOT_INSIDE_SENTENCE):
            m = _STRICT_NUMBER_RE.match(text, m.start())
        q = _read_quantity(text, m)
        if q:
            found.append(q)
        pos = q.end if q else m.end()
    return found


# ---------------------------------------------------------------- context filters

_QUOTED_RE = re.compile(
    r"“[^“”\n]{0,60}”|《[^《》\n]{0,100}》|「[^「」\n]{0,60}」|『[^『』\n]{0,60}』|\"[^\"\n]{0,60}\"|〈[^〈〉\n]{0,60}〉"
)
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]{1,10}")
_WINDOW = 120  # characters read around a number: its noun phrase, its raw, its deadline


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED_RE.finditer(text)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def _counts_notice_tasks(text: str, q: _Quantity) -> bool:
    """133项具体任务, 34个牵头单位, 八个方面工作: a notice counting its own tasks or agencies."""
    if q.kind != "count" or q.base_unit not in _TASK_UNITS:
        return False
    run = _CJK_RUN_RE.match(text, q.end)
    if not run:
        return False
    words = cut(run.group())
    return (any(w.endswith(t) for w in words for t in _R["task_tokens"])
            or any(c in run.group() for c in _R["task_compounds"]))


def _bare_in_brackets(text: str, q: _Quantity) -> bool:
    """(8项), (15项): a count in brackets after a heading."""
    return q.start > 0 and text[q.start - 1] in "([" and text[q.end:q.end + 1] in (")", "]")


def _is_qualifier(text: str, quantities: list[_Quantity], i: int, clause_end: int) -> bool:
    """An amount that describes the noun after it rather than a commitment: 投资5000万元以上工业重点
    项目323个 (a count follows in the clause), 25万吨己二酸…等项目 (a name in a list ending in 等),
    230个50户以上木质房屋村寨 (a bound right after a count).
    Only the next _WINDOW characters are read, so a clause without punctuation stays linear."""
    q = quantities[i]
    if q.end >= clause_end or not _noun_follows(text, q.end):
        return False
    if i and quantities[i - 1].end == q.start and q.comparator in (Comparator.GE, Comparator.LE):
        return True  # 完成230个50户以上木质房屋连片村寨…: a size class of the things just counted
    if q.kind == "count":
        return False
    window_end = min(clause_end, q.end + _WINDOW)
    marker = text.find(_R["list_marker"], q.end, window_end)
    if marker >= 0 and (marker + 1 == len(text) or text[marker + 1] not in _R["list_marker_not_before"]):
        return True
    for other in quantities[i + 1:i + 6]:
        if other.start >= window_end or _has_separator(text, q.end, other.start):
            break
        if other.kind == "count":
            return True
    return False


def _noun_follows(text: str, pos: int) -> bool:
    """A noun (or 的 + noun) right after an amount, not a verb or conjunction (建设, 和, 用于…)."""
    nxt = text[pos]
    if not "\u4e00" <= nxt <= "\u9fff":
        return False
    return nxt == "的" or not any(text.startswith(w, pos) for w in _R["qualifier_followers"])


def _has_separator(text: str, lo: int, hi: int) -> bool:
    return any(text.find(s, lo, hi) >= 0 for s in _R["list_separators"])


def _rhetorical(q: _Quantity) -> bool:
    """两个市场, 一批, 千家万户: Chinese numerals with a plain count are rhetoric, not targets; they
    count when a comparator, a magnitude or a percent goes with them (一座以上, 十万人, 百分之五)."""
    return q.chinese and q.comparator == Comparator.EQ and not q.magnified and q.kind != "percent"


def _boundary_re(chars: str) -> re.Pattern:
    """Clause (or sentence) ends; a comma inside 1,000 is not one."""
    pattern = "[" + re.escape(chars.replace(",", "")) + "]"
    if "," in chars:
        pattern += r"|(?<!\d),|,(?!\d{3}(?!\d))"
    return re.compile(pattern)


_CLAUSE_END_RE = _boundary_re(_R["clause_boundaries"])
_SENTENCE_END_RE = _boundary_re(_R["sentence_boundaries"])


def _boundaries(text: str, pattern: re.Pattern) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def _bounds(marks: list[int], pos: int, size: int) -> tuple[int, int]:
    """The clause around `pos`: (start after the previous mark, the next mark), each at most
    `_REACH` characters away — a run-on line without punctuation is read a window at a time, so
    that each of its quantities is judged in bounded time."""
    i = bisect.bisect_right(marks, pos)
    start, end = (marks[i - 1] + 1 if i else 0), (marks[i] if i < len(marks) else size)
    return max(start, pos - _REACH), min(end, pos + _REACH)


_REACH = 300  # longer than any clause or sentence of the golds


# ---------------------------------------------------------------- targets

_LEADING_JUNK_RE = re.compile(
    r"(?:\s|[(\[][^()\[\]\n]{0,40}[)\]]|[一二三四五六七八九十]{1,4}[、.]|\d{1,4}[、.](?!\d)|\d{1,4} ?\||[①-⑳]"
    rf"|{_alternation(_R['raw_leading_words'])})+"
)


def _raw_bounds(text: str, targets: list[_Quantity], i: int, clause: tuple[int, int]) -> tuple[int, int]:
    """The raw phrase of targets[i]: its clause, cut at a list separator between two targets of the
    same clause (超100亿元的优势产业集群|和|超20亿元的特色产业集群)."""
    start, end = clause
    q = targets[i]
    prev = targets[i - 1] if i and targets[i - 1].start >= clause[0] else None
    nxt = targets[i + 1] if i + 1 < len(targets) and targets[i + 1].start < clause[1] else None
    if prev:
        start = _split_point(text, prev.end, q.start)[1]
    if nxt:
        end = _split_point(text, q.end, nxt.start)[0]
    start, end = max(start, q.start - _WINDOW), min(end, q.end + _WINDOW)
    junk = _LEADING_JUNK_RE.match(text, start, q.start)
    if junk:
        start = junk.end()
    while end > q.end and text[end - 1] in " \t|":
        end -= 1
    return start, end


def _split_point(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Where to cut text[lo:hi] between two targets: (end of the left raw, start of the right raw)."""
    between = text[lo:hi]
    best = None
    for sep in _R["list_separators"]:
        k = between.rfind(sep)
        if k >= 0 and (best is None or k > best[0]):
            best = (k, len(sep))
    if best is None:
        return lo, lo
    return lo + best[0], lo + best[0] + best[1]


def _subject(printed: str, raw: tuple[int, int], q: _Quantity) -> str | None:
    """What is counted: the noun after a count (培育1—2家|省级工程研究开发中心), else the words
    before the number with leading verbs and scopes removed (新增|托位数)."""
    before = _strip_words(printed[raw[0]:q.start])
    after = printed[q.end:raw[1]].lstrip("的 ")
    if after and "\u4e00" <= after[0] <= "\u9fff" and (q.kind == "count" or not before):
        return after.strip() or None
    return before or (after.strip() or None)


_STRIP_WORDS = sorted(_R["subject_strip_words"], key=len, reverse=True)


def _strip_words(s: str) -> str:
    """Drop leading verbs, scopes and deadlines: 年内力争完成投资 → 投资."""
    s = s.strip()
    while s:
        word = next((w for w in _STRIP_WORDS if s.startswith(w)), None)
        date = _DEADLINE_RE.match(fold(s))
        if word:
            s = s[len(word):].lstrip()
        elif date and 0 < date.end() < len(s):
            s = s[date.end():].lstrip(" ,")
        else:
            break
    return s


def _deadline_for(deadlines: list[tuple[int, int, dt.date | None]], starts: list[int],
                  sentence_start: int, clause_end: int, q: _Quantity) -> tuple[int, int, dt.date | None] | None:
    """The last deadline before the number in its sentence, else the first after it in its clause.
    `deadlines` are those of the whole text, `starts` their start offsets (for bisection)."""
    i = bisect.bisect_left(starts, q.num_start)
    if i and deadlines[i - 1][0] >= max(sentence_start, q.num_start - _WINDOW) and deadlines[i - 1][1] <= q.num_start:
        return deadlines[i - 1]
    j = bisect.bisect_left(starts, q.end)
    if j < len(deadlines) and deadlines[j][1] <= min(clause_end, q.end + _WINDOW):
        return deadlines[j]
    return None


_DAY_COUNT_RE = re.compile(rf"(?:{_alternation(_R['day_count_nouns'])})[^,;:。\d]{{0,4}}$")


def _counts_days(text: str, q: _Quantity, clause_start: int) -> bool:
    """优良天数不少于202天: days counted as what the plan sets out to reach, not how long something takes."""
    return bool(_DAY_COUNT_RE.search(text, max(clause_start, q.start - 8), q.start))


def _accepted(folded: str, quantities: list[_Quantity], clause_marks: list[int], sentence_marks: list[int],
              year: int | None = None) -> list[_Quantity]:
    """The quantities that are targets (see the module docstring)."""
    quoted = _quoted_spans(folded)
    granting: dict[int, bool] = {}  # sentence start → does the sentence grant an amount (read once)
    kept: list[_Quantity] = []
    task: _Quantity | None = None  # the last count of the notice's own tasks
    for i, q in enumerate(quantities):
        clause_start, clause_end = _bounds(clause_marks, q.num_start, len(folded))
        sentence_start = _bounds(sentence_marks, q.num_start, len(folded))[0]
        task = q if _counts_notice_tasks(folded, q) or _coordinated(folded, task, q, clause_start) else None
        duration = q.kind == "duration" and not _counts_days(folded, q, clause_start)
        if not (task or duration or _inside(quoted, q.num_start) or _bare_in_brackets(folded, q) or _rhetorical(q)
                or _is_qualifier(folded, quantities, i, clause_end)
                or _reported(folded, q, clause_start, sentence_start, year) or _describes_set(folded, q, clause_start, clause_end)
                or _is_parameter(folded, q, clause_start, clause_end) or _is_frequency(folded, q, clause_start)
                or _counts_posts(folded, q) or _is_condition(folded, q) or _is_rule(folded, q, clause_start, clause_end)
                or _defines(folded, q, sentence_start) or _grants(folded, q, sentence_start, granting)):
            kept.append(q)
    return kept


def _guarded(words: list[str], blockers: dict[str, str], before: bool) -> re.Pattern:
    """One pattern for a word list, longest first, each word not matched beside the characters its
    blockers name for it (before it when `before`, else after it)."""
    def one(w: str) -> str:
        if w not in blockers:
            return re.escape(w)
        return f"(?<![{blockers[w]}])" + re.escape(w) if before else re.escape(w) + f"(?![{blockers[w]}])"
    return re.compile("|".join(one(w) for w in sorted(words, key=len, reverse=True)))


_ACHIEVED_RE = _guarded(_R["achievement_words"], _R["achievement_word_blockers"], before=True)  # not 实现有效
_AS_OF_RE = re.compile(_alternation(_R["as_of_words"]))
_AS_OF_DATE = re.compile(r"((?:19|20)\d{2})年[^,;。\d]{0,6}?(前)?(?=[,;。])")  # 截至2020年底, / 截至2025年底前,
_SET_PREFIXES = tuple(_R["set_prefixes"])
_NAMED_AFTER = tuple(_R["names_follow"])
_SET_ATTRIBUTE_RE = re.compile(rf"(?:{_alternation(_R['set_prefixes'])})\d[\d.]*[^\d,;。、]{{1,3}}、"
                               rf"(?:{_alternation(_R['attribute_nouns'])})(?:约|为)?$")
_ONE_OF = re.compile(r"[^,;:。\d]{0,12}之一")
_KINDS = frozenset(_R["kinds_after_list"])
_TASK_UNITS = frozenset(_R["task_units"])
_PARAMETER_RE = _guarded(_R["parameter_words"] + _R["cost_estimate_words"],  # money paid, allowed or estimated
                         _R["parameter_word_blockers"], before=False)  # (标准, not 标准化)
_PARAMETER_AFTER_RE = re.compile(_alternation(_R["parameter_after_words"]))
_ISSUED_RE = re.compile(_alternation(_R["issue_verbs"]))
_ISSUE_GAP = 8  # 新发放创业担保贷款: the verb this close before the parameter word
_MONEY = frozenset(_R["money_units"])


def _reported(text: str, q: _Quantity, clause_start: int, sentence_start: int, year: int | None = None) -> bool:
    """已新增床位860张, 截至2020年底,…桥梁371座: a figure reported, not a commitment (截至 a date
    after the plan's year, or 截至…前, sets a deadline instead)."""
    if _ACHIEVED_RE.search(text, clause_start, q.num_start):
        return True
    m = _AS_OF_RE.search(text, sentence_start, q.num_start)
    if m is None:
        return False
    when = _AS_OF_DATE.match(text, m.end())
    if when and (when.group(2) or (year is not None and int(when.group(1)) > year)):
        return False  # 截至2025年底(前),…: a deadline of the plan
    return True


def _describes_set(text: str, q: _Quantity, clause_start: int, clause_end: int) -> bool:
    """共171项, …主要发展指标,10项: a count that says how many things a set holds; 共计71件、面积137.44亩:
    an attribute of the set so counted."""
    if _SET_ATTRIBUTE_RE.search(text, clause_start, q.start):
        return True
    if q.kind != "count":
        return False
    if text.endswith(_SET_PREFIXES, 0, q.num_start) or text.startswith(":", q.end) \
            or text.startswith(_NAMED_AFTER, q.end + (text[q.end:q.end + 1] == ",")):  # 有水库12座,分别为…
        return True
    if text.endswith(_R["list_marker"], 0, q.num_start) and q.base_unit in _KINDS:  # …等6类困难群体
        return True
    if q.base_unit in _KINDS and text[q.num_start:q.num_start + 1] in "一二三四五":  # 一类公厕, 二类以上: a grade
        return True
    if q.base_unit in _KINDS and text.endswith(_PLACE_PREPOSITIONS, 0, q.num_start):  # 对10类重点就业群体: whom
        return True
    if _closes_list(text[clause_start:q.num_start]):  # 浦东、静安、黄浦等3个集聚区: the list's own count
        return True
    if _ONE_OF.match(text, q.end, clause_end):  # 全省标准化仓容不足的53个市县之一: one of a set
        return True
    if _counts_items(text[clause_start:q.num_start], q.value):  # 龙王头公园、雕塑园停车场3个项目: the same
        return True
    return not text[clause_start:q.start].strip() and not text[q.end:clause_end].strip()


_BRACKETED = re.compile(r"\([^()]*\)")
_ITEM_SEPARATORS = re.compile(r"[、和及与]")
_PLACE_PREPOSITIONS = tuple(_R["place_prepositions"])
_LEADING_MARKER = re.compile(r"^[ ]*(?:[\d一二三四五六七八九十]{1,3}[、.]|\([\d一二三四五六七八九十]{1,3}\))[ ]*")


def _counts_items(before: str, value: float) -> bool:
    """Does the number count the items listed right before it, two or more (北厝-敖东(将军山)、平原-苏澳、
    流水-仙人井3条公路…; 天牛河…工程(水边)和海坛湾…工程(路边)2个项目)? Brackets inside the items
    hold no items."""
    if value < 2 or value != int(value) or not before or not (before[-1] == ")" or "\u4e00" <= before[-1] <= "\u9fff"):
        return False
    while _BRACKETED.search(before):
        before = _BRACKETED.sub("", before)
    # not a list holding counts of its own (健身工程15个、乡镇健身中心2处), nor one of places where
    # something is done (在火车站、明珠路、滨河便民市场新建3座人行天桥)
    before = _LEADING_MARKER.sub("", before)  # (the item's own 4. or (二))
    if _quantities(before) or before.startswith(_PLACE_PREPOSITIONS):
        return False
    return len(_ITEM_SEPARATORS.split(before)) == int(value)


def _closes_list(before: str) -> bool:
    """Does the number follow 等 closing a list of three or more items, with no clause between
    (浦东、静安、黄浦等3个集聚区)? Then it counts the items named, as CONTRACT's 5个示范县 does."""
    if not before.endswith(_R["list_marker"]):
        return False
    return re.split(r"[，,。；;：:！？]", before)[-1].count("、") >= 2


def _is_parameter(text: str, q: _Quantity, clause_start: int, clause_end: int) -> bool:
    """补贴标准为30%, 贷款最高不超过20万元, 每人每月609元, 按…的50%给予补贴: money or a rate a policy
    pays or allows."""
    if q.kind not in ("percent", "ratio") and q.base_unit not in _MONEY:
        return False
    m = _PARAMETER_RE.search(text, clause_start, q.num_start)
    if m and not _ISSUED_RE.search(text, max(clause_start, m.start() - _ISSUE_GAP), m.start()):
        return True  # (发放小额担保贷款3亿元: the amount to issue, a commitment)
    if _PARAMETER_AFTER_RE.search(text, q.end, clause_end):
        return True
    if text.startswith((",", ";"), q.end) and _PARAMETER_AFTER_RE.match(text, q.end + 1):
        return True  # 安排2000万元,用于…: the next clause says what the money pays for
    # 达到或超过1亿元/年的企业,给予…: the amount qualifies who receives what the sentence grants
    sentence_end = _SENTENCE_END_RE.search(text, q.end, q.end + _REACH)
    return text.startswith("的", q.end) and bool(
        _PARAMETER_AFTER_RE.search(text, q.end, sentence_end.start() if sentence_end else q.end + _REACH))


_FREQUENCY_UNITS = frozenset(_R["frequency_units"])
_FREQUENCY_RE = re.compile(rf"每[\d一二三四五六七八九十两半]*(?:个)?(?:{_alternation(_R['frequency_periods'])})")
_POST_ENDINGS = tuple(_R["post_words"])
_ATTRIBUTE_ENDINGS = tuple(_R["attribute_nouns"])
_CLASS_NOUNS = tuple(_R["class_nouns"])


def _is_frequency(text: str, q: _Quantity, clause_start: int) -> bool:
    """每5年修订1次, 每年调整1次, 15天完成1次全线机械清理: how often something is done, a working rule
    rather than a target."""
    return q.unit in _FREQUENCY_UNITS and bool(
        _FREQUENCY_RE.search(text, clause_start, q.num_start) or _PERIOD_BEFORE_RE.search(text, clause_start, q.num_start))


# 15天完成1次, 3个月开展1次: a period right before the count of times
# (not a date or a year: 12月完成1次, 到2025年开展1次 set deadlines)
_PERIOD_BEFORE_RE = re.compile(r"(?<![\d.])\d{1,3}(?:个工作日|个月|天|周|小时)(?:内)?(?:完成|开展|进行|组织)?$")


def _counts_posts(text: str, q: _Quantity) -> bool:
    """设召集人1人, 副召集人2人: the posts of a body."""
    return q.kind == "count" and q.start == q.num_start and text.endswith(_POST_ENDINGS, 0, q.start)


def _is_condition(text: str, q: _Quantity) -> bool:
    """年产值超100亿元的企业, 节能率不低于15%的建筑, (单体建筑面积2万平方米以上), 供水人口在二十人以下的:
    a size class or a condition of the thing described, not an amount to reach."""
    if q.comparator not in (Comparator.GE, Comparator.LE, Comparator.RANGE):
        return False
    if q.start and text[q.start - 1] == "在" and text.startswith("的", q.end):
        return True  # 供水人口在二十人以下的…: which things, not how far to go (not 稳定在95%以上)
    if q.kind != "count" and text.startswith(_CLASS_NOUNS, q.end):
        return True  # (50万元以下项目), 50万元至100万元项目: a class of projects (not 建成30个以上项目)
    if q.comparator == Comparator.RANGE:
        return False
    return (q.kind != "count" and text.endswith(_ATTRIBUTE_ENDINGS, 0, q.start)
            and q.end < len(text) and text[q.end] in _R["attribute_followers"])


_DEFINITION_RE = re.compile(_alternation(_R["definition_words"]) + "|" + "|".join(
    f"[,:]{re.escape(w)}(?![{re.escape(other)}])" for w, other in _R["definition_after_comma_or_colon"].items())
    + "|" + _alternation(_R["formula_words"]))
_AMOUNT = r"\d[\d.]*(?:千|万|亿)*(?:元|%)"
_GRANT_RE = re.compile(  # 一次性给予5万元奖励, 给予…不低于10%的资金支持; 每亩补助100元, 奖励2000元
    rf"(?:{_alternation(_R['grant_verbs'])})[^。;,]{{0,24}}?{_AMOUNT}[^。;,]{{0,6}}?(?:{_alternation(_R['grant_nouns'])})"
    rf"|(?:{_alternation(_R['grant_nouns'])})[^。;,]{{0,4}}?{_AMOUNT}")


def _grants(text: str, q: _Quantity, sentence_start: int, seen: dict[int, bool]) -> bool:
    """对…地方经济贡献额达到30万元以上,一次性给予10万元奖励: a sentence granting an amount sets the terms
    of an incentive, and its figures (the amount, the thresholds, the sizes that qualify) are no targets.
    `seen` keeps the answer of each sentence, so that a run-on sentence is read once."""
    if sentence_start not in seen:
        end = _SENTENCE_END_RE.search(text, q.end, q.end + _REACH)
        seen[sentence_start] = bool(_GRANT_RE.search(text, sentence_start, end.start() if end else q.end + _REACH))
    return seen[sentence_start]


def _defines(text: str, q: _Quantity, sentence_start: int) -> bool:
    """规模化供水工程,是指设计日供水一千立方米以上…: the figures of a definition set its scope, as do
    those of the formula that computes an indicator (…÷建筑垃圾产生量〕×100%)."""
    return bool(_DEFINITION_RE.search(text, sentence_start, q.num_start))


# 每 + a period (每年新增1万人) states a yearly commitment; 每 + a unit or a change (每村, 每增加) a base.
_RATE_BASE_RE = re.compile(rf"{_R['rate_base_marker']}(?!{_alternation(_R['frequency_periods'])})[^\d,;:。]{{0,{_R['rate_base_gap']}}}$")
# 每25-30公里乡村道配备不少于一名, 按500户配1名: the amount allotted to each base, and the base after 按
_ALLOTTED_RE = re.compile(rf"(?:{_alternation(_R['allocation_bases'])})[^,;:。]{{0,16}}?"
                          rf"(?:{_alternation(_R['allocation_verbs'])})(?:不少于|不低于|至少|不超过)?$")
_ALLOTTED_BASE_RE = re.compile(rf"[^,;:。]{{0,4}}?(?:{_alternation(_R['allocation_verbs'])})")
_CONDITIONAL = tuple(_R["conditional_followers"])
_NORM_WORDS = tuple(_R["norm_words"])


def _is_rule(text: str, q: _Quantity, clause_start: int, clause_end: int) -> bool:
    """每增加1人, 入住人数大于10人的,…, 涉及两个以上行政区域的,…, 原则上不超过150张: the base of a rate,
    the condition of a rule (a clause that ends in 的 before its comma) and a norm — how a rule is
    set, not what the plan sets out to reach."""
    base_from = max(clause_start, q.num_start - _R["rate_base_gap"] - 1)  # the pattern is that short
    return (bool(_RATE_BASE_RE.search(text, base_from, q.num_start))
            or bool(_ALLOTTED_RE.search(text, max(clause_start, q.num_start - 24), q.num_start))
            or (text.endswith("按", 0, q.num_start) and bool(_ALLOTTED_BASE_RE.match(text, q.end)))
            or text.startswith(_CONDITIONAL, q.end)
            or text.startswith(_CONDITIONAL, clause_end - 1)
            or (q.start < q.num_start and text.endswith(_NORM_WORDS, 0, q.start)))


def _coordinated(text: str, first: _Quantity | None, q: _Quantity, clause_start: int) -> bool:
    """A count joined by 和/及/、 to the one before it in its clause: 9项具体建设任务和7项重点建设项目."""
    return (first is not None and q.kind == "count" and first.start >= clause_start
            and q.start - first.end <= _WINDOW and _has_separator(text, first.end, q.start))


_SITUATION_RE = re.compile(_alternation(_R["situation_headings"]))
_PROGRESS_RE = re.compile(_alternation(_R["progress_columns"]))


def is_situation_heading(title: str) -> bool:
    """基本情况, 上半年全市经济运行情况, 发展改革基础: a heading of a section that reports figures."""
    title = fold(title)
    return len(title) <= _R["max_situation_title"] and (
        bool(_SITUATION_RE.search(title)) or title.endswith(tuple(_R["situation_heading_endings"])))


_TERMS_ENDINGS = tuple(_R["terms_heading_endings"])


def sets_terms(title: str) -> bool:
    """租赁价格, 停车共享相关收费标准, 提高农村居民最低生活保障标准: a heading of a section that sets prices,
    fees or standards, whose figures are terms."""
    t = fold(title).rstrip("。.:;")
    return len(t) <= _R["max_situation_title"] and t.endswith(_TERMS_ENDINGS)


_CASE_INTRO_RE = re.compile(rf"(?:{_alternation(_R['case_intros'])})[^。;]*:[ \n]*$")


def introduces_cases(text: str) -> bool:
    """当市场价格出现以下情形时,报…批准后启动…:, 有下列情形之一的,…: the items below the text are
    conditions, not targets."""
    return bool(_CASE_INTRO_RE.search(fold(text)))


def is_reply_title(title: str) -> bool:
    """…所提问题和建议办理情况的函, …第2741号提案的答复: a reply that reports what was done."""
    return any(w in title for w in _R["reply_title_words"])


def is_progress_column(header: str) -> bool:
    """落实情况, 落实进展情况, 完成情况, 备注, 推广范围: a table column of what was done or where a measure applies."""
    return bool(_PROGRESS_RE.search(fold(header)))


def find_targets(text: str, *, year: int | None = None) -> list[Target]:
    """The quantitative targets of one section's own text, in order. `year` is the plan's year,
    used for deadlines that do not print one (年内, 上半年, 6月底前)."""
    if not text:
        return []
    folded = fold(text)
    clause_marks = _boundaries(folded, _CLAUSE_END_RE)
    sentence_marks = _boundaries(folded, _SENTENCE_END_RE)
    kept = _accepted(folded, _quantities(folded), clause_marks, sentence_marks, year)
    deadlines = _deadlines(folded, year)
    starts = [d[0] for d in deadlines]
    targets = []
    for i, q in enumerate(kept):
        clause = _bounds(clause_marks, q.num_start, len(folded))
        raw = _raw_bounds(folded, kept, i, clause)
        sentence_start = _bounds(sentence_marks, q.num_start, len(folded))[0]
        deadline = _deadline_for(deadlines, starts, sentence_start, clause[1], q)
        targets.append(Target(
            raw=text[raw[0]:raw[1]],
            subject=_subject(text, raw, q),
            value=q.value,
            value_max=q.value_max,
            unit=q.unit,
            comparator=q.comparator,
            deadline=deadline[2] if deadline else None,
            deadline_text=text[deadline[0]:deadline[1]] if deadline else None,
            span=raw,
        ))
    return targets

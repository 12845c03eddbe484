"""Which government a document, and each agency it names, belongs to — as divisions of the code
table (`gazetteer`), never as a fragment of text.

`document_government` weighs the evidence a document gives, most trusted first: the issuer (the
signature, else the issuer named in the title), the 版头 (肇庆市人民政府文件), the organ code of
the document number (国办发 → the central government; 粤府 → 广东省; 穗府 → 广州市, from
data/places.json), the title, the web page's 发布机构. The first piece of evidence that names a
division decides; later evidence may make it more specific (a 区人民政府办公室 whose document
number is 江政办 stays unknown, while 广东省 + 肇府办 gives 肇庆市) but never contradicts it —
a contradiction leaves the government unknown, with a warning.

`agency_government` places one agency: the central ministries and commissions (人力资源社会保障部,
国家发展改革委, 海关总署) and the offices of the central vertical systems (上海海关, 潍坊银监分局)
belong to the central government; an agency that names its place keeps it
(人行肇庆市中心支行, 端州区政府, 慈化镇 in a plan of its county); a one-character prefix (省财政厅,
市发改局, 县教育局) is the document's government or the one above it at that level; in a
township's document, the county's offices stationed there (派出所) are the county's; any other
name is the document's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..normalize import fold
from . import gazetteer as gz
from .agencies import load_data, split_prefix

_PARTY = ("中共", "中国共产党")
_LEVEL_CHARS = {"省": "province", "市": None, "州": "prefecture", "盟": "prefecture", "县": None, "区": None, "旗": None}


def _words(key: str) -> tuple[str, ...]:
    """A word list of data/places.json (see its _doc)."""
    return tuple(load_data("places.json")[key])


@dataclass
class GovernmentEvidence:
    division: Optional[gz.Division]
    source: Optional[str]  # issuer / issuer_mark / doc_number / title / publisher
    warnings: list[str] = field(default_factory=list)


def _year(meta) -> Optional[int]:
    for d in (meta.signed_date, meta.published_date):
        if d:
            return d.year
    m = re.search(r"(?:19|20)\d{2}", meta.doc_number or "")
    return int(m.group()) if m else None


def _without_party(name: str) -> str:
    """The folded name without a leading 中共 / 中国共产党 (中共岳阳市委 names 岳阳市)."""
    f = fold(name).strip()
    for p in _PARTY:
        if f.startswith(p):
            return f[len(p):]
    return f


def _named_division(text: Optional[str], year: Optional[int]) -> Optional[gz.Division]:
    """The government an organisation's name speaks for: 肇庆市人民政府办公室 → 肇庆市, 国务院办公厅 →
    the central government, 中共岳阳市委办公室 → 岳阳市; None when it names no division."""
    if not text:
        return None
    f = _without_party(text)
    if f.startswith(_words("central_heads")):
        return gz.CENTRAL
    f = re.sub(r"^\(([^()]{2,12})\)", r"\1", f)  # a law database's province before the title: (湖南省)常德市…
    d, used = gz.chain_at_start(f, year=year, printed_form=True)
    if not used and (town := gz.township_named(f)) is not None:
        return town[0]  # 泗洲头镇2024年度重点工作计划: the one 泗洲头镇 of China
    return d if used else None


def _doc_number_division(doc_number: Optional[str], year: Optional[int]) -> Optional[gz.Division]:
    """The government an organ code stands for: 国办发 → central; 粤府 → 广东省; 穗府 → 广州市."""
    if not doc_number:
        return None
    code = re.match(r"[\u4e00-\u9fff]+", fold(doc_number).strip())
    if not code:
        return None
    code = code.group()
    for key, place in sorted(load_data("places.json")["doc_number_prefixes"].items(), key=lambda kv: -len(kv[0])):
        if code.startswith(key):
            return gz.CENTRAL if place == load_data("places.json")["national_place"] else gz.find(place, year=year)
    if len(code) >= 2 and code[1] in "政府办":  # 豫政, 湘政办发, 桂政办: a province's one-character name
        return gz.province_by_abbreviation(code[0])
    return None


def salutation_level(recipients: list[str]) -> Optional[str]:
    """The level of the government a 主送 line addresses from: 各县(市、区)人民政府 → prefecture,
    各乡镇人民政府 → county, 各市(州) → province, 各省、自治区、直辖市人民政府 → central."""
    f = fold("、".join(recipients))
    for level, words in load_data("places.json")["salutation_levels"].items():
        if any(fold(w) in f for w in words):
            return level
    return None


_PREFIXED_AGENCY = re.compile(r"(?:^|(?<=[、，,;；:：(（\s|]))([省市县区])[\u4e00-\u9fff]{1,8}?(?:局|委员会|委|办公室|办)")
_PREFIX_LEVEL = {"省": "province", "州": "prefecture", "县": "county", "区": "county", "旗": "county"}
_TITLE_ORGAN = re.compile(r"(?:^|年)([省州县区旗])(?:人民)?(?:政府|《政府)")


def title_level(title: Optional[str]) -> Optional[str]:
    """The level a title's unnamed organ says: 2023年区政府民生实事, 2023年区《政府工作报告》… → a
    county-level government; 省政府… → a province (市 could be either city)."""
    m = _TITLE_ORGAN.search(fold(title or ""))
    return _PREFIX_LEVEL.get(m.group(1)) if m else None


def agency_prefix_level(text: str) -> Optional[str]:
    """The level of government a text's agencies speak for when their prefixes agree: 区教体局,
    区国投集团… → a county-level government (a district); 省财政厅… → a province. None when they do
    not (市 is a prefecture's or a county-level city's), or when few agencies are named."""
    from collections import Counter

    counts = Counter(m.group(1) for m in _PREFIXED_AGENCY.finditer(text))
    if not counts:
        return None
    (top, n), (_, second) = (counts.most_common(2) + [("", 0)])[:2]
    return _PREFIX_LEVEL.get(top) if n >= 3 and n >= 2 * second else None


def _text_division(text: str, year: Optional[int], level: Optional[str] = None) -> Optional[gz.Division]:
    """The last resort for a copy with no metadata: the division its text names, at the level the
    salutation, the title's organ (区政府) or the agencies' prefixes imply when they say one. By
    full name: the one named most (twice at least, unless it is the only one named), else the one
    the names agree on (see `_agreed`). With no full name, short names of provinces and prefectures
    (南宁, 福州) when they are named twice at least and agree."""
    if level == "central":
        return gz.CENTRAL
    head = text[:_TEXT_EVIDENCE]
    named = gz.mentioned(head, year)
    if any(w in head for w in load_data("places.json")["city_voice"]):
        # a city's text (全市, 市直) that cites its province's plan: the province is the one above it
        named = [d for d in named if d.level != "province" or d.name.endswith("市")]
    if named:
        return _most_named(named, level) or _agreed(named, level)
    short = gz.mentioned_short(head, year)
    return _agreed(short, level) if len(short) >= 2 else None


def _most_named(named: list[gz.Division], level: Optional[str]) -> Optional[gz.Division]:
    """The division named most, preferring those at `level`; None on a tie, or when it is named once
    beside others."""
    from collections import Counter

    at_level = [d for d in named if d.level == level] if level else []
    counts = Counter(d.code for d in (at_level or named))
    (code, n), (_, second) = (counts.most_common(2) + [(None, 0)])[:2]
    if n == second or (n < 2 and len(counts) > 1):
        return None
    return next(d for d in named if d.code == code)


def _agreed(named: list[gz.Division], level: Optional[str]) -> Optional[gz.Division]:
    """The division the names agree on: the lowest of them when they lie on one line (湖南省, 常德市,
    汉寿县 → 汉寿县: a county names those above it), else the lowest division holding them all
    when it holds them in branches (端州区, 鼎湖区, 四会市 → 肇庆市; 福州, 厦门 → 福建省: a city
    lists its counties, a province its cities). None when they belong to no one province, or the
    answer is not at `level`."""
    distinct = list({d.code: d for d in named}.values())
    chains = [d.chain() for d in distinct]
    common = None
    for ranks in zip(*chains):
        if any(d.code != ranks[0].code for d in ranks):
            break
        common = ranks[0]
    if common is None:
        return None
    deepest = max(distinct, key=lambda d: len(d.chain()))
    found = deepest if all(d.contains(deepest) for d in distinct) else common
    return found if level is None or found.level == level else None


_TEXT_EVIDENCE = 4000  # characters of the text read for place names


def _addressed_unit(recipients: list[str], year: Optional[int], level: Optional[str]) -> Optional[gz.Division]:
    """A copy with no metadata whose 主送 names a unit of the government by its place (各县市人民政府,
    州直各部门,楚雄开发区管委会 → 楚雄彝族自治州): the place at the level the 主送 says, when
    every recipient that names one names the same."""
    if level not in ("province", "prefecture", "county"):
        return None
    hits = [gz.leading(r, year=year, level=level) for r in recipients if not r.startswith("各")]
    found = {hit[0].code: hit[0] for hit in hits if hit}
    return next(iter(found.values())) if len(found) == 1 else None


def document_government(meta, year: Optional[int] = None, text: str = "") -> GovernmentEvidence:
    """The government a document speaks for, from its metadata, else from the places its text names
    most (see the module docstring)."""
    year = year or _year(meta)
    title_org = None
    if meta.title:
        m = re.match(r"^(.{2,40}?)(?:关于|印发|转发|批转)", meta.title)
        title_org = m.group(1) if m else meta.title
    evidence = [
        ("issuer", _named_division(meta.issuer, year)),
        ("issuer_mark", _named_division(meta.issuer_mark, year)),
        ("doc_number", _doc_number_division(meta.doc_number, year)),
        ("title", _named_division(title_org, year)),
        ("publisher", _named_division(meta.publisher, year)),
    ]
    if text and not any(d for _, d in evidence):
        level = (salutation_level(meta.recipients) or title_level(meta.title)
                 or agency_prefix_level(text[:_TEXT_EVIDENCE]))
        evidence.append(("text", _text_division(text, year, level) or _addressed_unit(meta.recipients, year, level)))
    best, source, warnings = None, None, []
    for name, d in evidence:
        if d is None:
            continue
        if best is None:
            best, source = d, name
        elif best.contains(d) and d.code != best.code and best.code != gz.CENTRAL_CODE:
            best = d  # 广东省 (issuer) and 肇府办 (doc number): 肇庆市
        elif name == "doc_number" and _abbreviates(meta.doc_number, best):
            continue  # 长政办发 of 长兴县人民政府办公室: an organ code is short and ambiguous (长沙, 长春)
        elif not (d.contains(best) or best.contains(d)):
            warnings.append(f"the {source} names {best.path} but the {name} names {d.path}: government unknown")
            return GovernmentEvidence(None, None, warnings)
    if best is None and text:
        warnings.append("no issuer, document number, title or place in the text names the document's "
                        "government: agencies without a place of their own carry none")
    return GovernmentEvidence(best, source, warnings)


def _abbreviates(doc_number: str, division: gz.Division) -> bool:
    """The organ code of `doc_number` (长政办发) could stand for `division` (长兴县): its first
    character is in the name of the division or of one above it."""
    head = re.match(r"[\u4e00-\u9fff]", fold(doc_number).strip())
    return bool(head) and any(head.group() in d.name for d in division.chain())


def _is_central_organ(f: str) -> bool:
    """人力资源社会保障部, 海关总署, 国家发展改革委 — without a place before them."""
    if f.startswith(_words("central_heads")) or f.endswith(_words("central_endings")):
        return True
    head = _MINISTRY_HEAD.match(f)  # 自然资源部东海局, 交通运输部上海海事局: a ministry's regional office
    return f in _words("ministries") or bool(head and head.group() in _words("ministries"))


_MINISTRY_HEAD = re.compile(r"[\u4e00-\u9fff]{2,8}?部(?=[\u4e00-\u9fff]{1,8}局$)")


@lru_cache(maxsize=65536)  # a pure function of its arguments (Divisions are frozen)
def agency_government(name: str, document: Optional[gz.Division], year: Optional[int] = None) -> Optional[gz.Division]:
    """The government an agency of a document belongs to (see the module docstring), or None when
    neither its name nor the document says."""
    f = _without_party(name)
    if f.endswith(_words("central_vertical_endings")) and not any(w in f for w in _words("local_markers")):
        return gz.CENTRAL  # 上海海关, 潍坊银监分局: the central government's own offices
    for head in _words("bank_heads"):
        if f.startswith(head) and len(f) > len(head) + 2:
            own, used = gz.chain_at_start(f[len(head):], document, year, short="above_county")
            if used:
                return own
    county = document.parent if document is not None and document.level == "township" else document
    if county is not document and f.endswith(_words("county_field_offices")):
        return county  # 公安派出所 in a 吴泾镇 plan: the district's police, stationed in the township
    if (town := gz.township_at_start(f, county)) is not None:
        return town[0]  # 慈化镇 in a 袁州区 plan, 虹桥镇 in a 七宝镇 one: that township
    own, used = gz.chain_at_start(f, document, year, short="above_county")
    if used and f.startswith(_words("township_units"), used):
        return document  # 岳阳街道 in a Songjiang plan, were it not in the table: not 湖南省岳阳市
    if used:  # 端州区政府, 肇庆高新区管委会 (肇庆), 广东省财政厅; 越秀区 alone: that district
        return own
    if document is not None and document.code == gz.CENTRAL_CODE:
        return gz.CENTRAL  # 市场监管总局 in a State Council notice
    if f[:1] in _LEVEL_CHARS and len(f) > 2 and document is not None and split_prefix(f)[0]:
        return _at_level(document, f[0])  # 市发改局, 市民政局; not 市场监督管理局
    if _is_central_organ(f):
        return gz.CENTRAL
    return document


def _at_level(document: gz.Division, ch: str) -> Optional[gz.Division]:
    """省 → the province of the document's chain; 市 → the lowest division named …市 (a county-level
    city, a prefecture-level city, or a municipality); 县/区/旗 likewise; 州/盟 → the prefecture."""
    chain = document.chain()
    if not chain:
        return None
    level = _LEVEL_CHARS[ch]
    if level is not None:
        return document.ancestor(level) or None
    named = [d for d in chain if d.name.endswith(ch)]
    return named[-1] if named else document

"""Agency names in responsibility clauses: splitting a printed list, and what each name stands for.

* `split_agencies` cuts 市发改委、财政局,无锡国税局和地税局等有关部门 into names as printed. It
  cuts at 、 , ; (and at 和/及 between two agencies) but never inside brackets, and an item that is
  no agency on its own stays joined to the next one (各乡、镇人民政府; 人民大垸、荒湖管理区).
* `describe_agency` gives the canonical name (aliases resolved after the jurisdiction prefix), the
  jurisdiction (市 in a 肇庆 document is 肇庆市) and the kind of agency.
* `jurisdiction_from` reads the places of a document from its issuer, title or, as a fallback, the
  organ code of its document number.

The rules are data (data/agency_names.json, agency_aliases.json, places.json). All matching runs on
`fold(text)`, a copy of the same length with half-width punctuation and [ ] for every square or
tortoise-shell bracket, so an offset found there is an offset in the printed text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..models import AgencyKind
from ..normalize import fold
from .gazetteer import leading as leading_division, townships_opening

_DATA = Path(__file__).with_name("data")
_OPEN, _CLOSE = "([", ")]"
_BRACKET_OR_BREAK = re.compile(r"[()\[\]\n]")
_NOT_IN_PLACES = dict.fromkeys(map(ord, "()[]、和及 "))  # what _place_token_count skips (市和区、县人民政府)
_LIST_SEPS = "、,;/"  # 市医保局/市卫生健康委: a slash lists too (table cells)
_TRIM = " \t\u3000\n:;,、。.·\"'“”‘’|"
_MAX_NAME = 40  # no agency name (or shared-head list like 各旗、县、区人民政府) is longer
_MAX_SHORT_NAME = 8  # a short name that inherits a prefix: 国土资源厅, 地税局
_MAX_BRACKETED = 12  # a bracket inside a name is short: 各街道(功能区), 县(市、区)政府(管委会)


@lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    """A table of data/NAME (parsed once)."""
    with open(_DATA / name, encoding="utf-8") as f:
        return json.load(f)


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted({fold(w) for w in words}, key=len, reverse=True))


def _alternatives(words) -> str:
    """The source of a pattern for a word list (folded), alternatives longest first, so a match is
    the longest word: for composing patterns of several lists."""
    return "|".join(map(re.escape, _longest_first(words)))


def _alternation(words) -> re.Pattern:
    """One pattern for a word list; alternatives longest first, so a match is the longest word."""
    return re.compile(_alternatives(words))


@lru_cache(maxsize=1)
def _names() -> dict:
    d = load_data("agency_names.json")
    k = d["kinds"]
    return {
        "suffixes": _longest_first(d["suffixes"]),
        "place_token_re": _alternation(d["place_tokens"]),
        "qualifiers": _longest_first(d["qualifiers"]),
        "head_nouns": frozenset(fold(w) for w in d["head_nouns"]),
        "collectives": frozenset(fold(w) for w in d["collectives"]),
        "names_alone": frozenset(fold(w) for w in d["names_alone"]),
        "non_endings": _longest_first(d["non_agency_endings"]),
        "markers_re": _alternation(d["non_agency_markers"]),  # any of them anywhere: no agency
        "governing_re": _alternation(d["verbs_before_lists"]),
        "pronoun_heads": tuple(d["pronoun_heads"]),
        "note_words": tuple(fold(w) for w in d["note_words"]),
        "conjunction_res": [_alternation(tier) for tier in d["conjunctions"]],  # outermost first
        "inheritable_suffixes": _longest_first(d["inheritable_suffixes"]),
        "parent_infixes": _longest_first(d["parent_infixes"]),
        "companion_re": _alternation(d["companion_words"]),
        "organ_suffixes": _longest_first(d["organ_suffixes"]),
        "duty_holder_suffixes": _longest_first(d["duty_holder_suffixes"]),
        "role_nouns": frozenset(fold(w) for w in load_data("clause_words.json")["role_nouns"]),
        "tail_re": _generic_tail(load_data("clause_words.json")["generic_tail"]),
        "tail_ends": _tail_ends(load_data("clause_words.json")["generic_tail"]),
        **{key: _longest_first(v) for key, v in k.items()},
    }


@lru_cache(maxsize=1)
def _places() -> dict:
    d = load_data("places.json")
    return {
        "level_suffixes": sorted(((fold(s), lvl) for s, lvl in d["level_suffixes"]), key=lambda p: -len(p[0])),
        "level_ends": frozenset(fold(s)[-1] for s, _ in d["level_suffixes"]),
        "prefix_levels": d["prefix_levels"],
        "level_words": _longest_first(d["level_words"]),
        "non_places": frozenset(fold(w) for w in d["non_places"]),
        "max_len": d["max_place_length"],
        "national": _longest_first(d["national_prefixes"]),
        "central_heads": tuple(d["central_heads"]),
        "national_place": d["national_place"],
        "party": _longest_first(d["party_prefixes"]),
        "gov_heads": _longest_first(d["government_heads"]),
        "doc_codes": sorted(d["doc_number_prefixes"].items(), key=lambda kv: -len(kv[0])),
    }


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in load_data("agency_aliases.json")["agencies"]:
        for alias in [entry["canonical"], *entry["aliases"]]:
            table[fold(alias)] = entry["canonical"]
    return table


# --------------------------------------------------------------------------- brackets


def depths(f: str, start: int = 0, end: Optional[int] = None) -> list[int]:
    """Bracket depth before each character of f[start:end] (an opener itself is at the outer
    depth). Unbalanced closers are ignored, so the depth never goes below 0, and brackets do not
    cross lines: a line break closes whatever is still open."""
    end = len(f) if end is None else end
    if not _BRACKET_OR_BREAK.search(f, start, end):
        return [0] * (end - start)
    out, d = [], 0
    for ch in f[start:end]:
        if ch == "\n":
            d = 0
        elif ch in _CLOSE and d:
            d -= 1
        out.append(d)
        if ch in _OPEN:
            d += 1
    return out


def unwrap(f: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past brackets that enclose all of it: (市发改局、市财政局) → the list."""
    while end - start >= 2 and f[start] in _OPEN and f[end - 1] in _CLOSE:
        d = depths(f, start, end)
        if any(x == 0 for x in d[1:-1]):  # the first bracket closes before the end: (一)…(二)
            break
        start, end = start + 1, end - 1
    return start, end


def strip_trailing_brackets(f: str) -> str:
    """镇街(园区) → 镇街; 各县(市、区) → 各县 (on folded text)."""
    while f and f[-1] in _CLOSE:
        d, i = 0, len(f) - 1
        while i >= 0:
            if f[i] in _CLOSE:
                d += 1
            elif f[i] in _OPEN:
                d -= 1
                if d == 0:
                    break
            i -= 1
        if i <= 0:
            return f
        f = f[:i].rstrip()
    return f


# --------------------------------------------------------------------------- what is an agency


def _strip_qualifiers(f: str) -> tuple[str, bool]:
    found = False
    changed = True
    while changed:
        changed = False
        for q in _names()["qualifiers"]:
            if f.startswith(q) and len(f) > len(q):
                f, found, changed = f[len(q):], True, True
    return f, found


def _place_token_count(f: str) -> int:
    """How many place words f is made of (各 and brackets aside), 0 if anything else is in it."""
    f = f.translate(_NOT_IN_PLACES)
    token = _names()["place_token_re"]
    n, i = 0, 0
    while i < len(f):
        m = token.match(f, i)
        if not m:
            return 0
        n, i = n + 1, m.end()
    return n


def _generic_tail(t: dict) -> re.Pattern:
    """等 + qualifiers + a generic noun at the end: 等有关部门, 等省直有关部门和单位, 等成员单位, 等."""
    return re.compile(f"{re.escape(t['head'])}(?:{_alternatives(t['qualifiers'])})*+(?:{_alternatives(t['nouns'])})?$")


def _tail_ends(t: dict) -> tuple[str, ...]:
    """The last characters a generic tail can end with: a quick test before its pattern."""
    return tuple({fold(t["head"])[-1]} | {fold(n)[-1] for n in t["nouns"]})


def strip_tail(f: str) -> str:
    """Drop punctuation at both ends and a generic tail (等有关部门, 等省直有关部门, 等) at the end."""
    f = f.strip(_TRIM)
    m = _names()["tail_re"].search(f) if f.endswith(_names()["tail_ends"]) else None
    if m and m.start() > 0:
        return f[: m.start()].strip(_TRIM)
    return f


def _town_name(f: str) -> bool:
    """凤城镇, 龙城镇: one character and an ending such as 城镇 that itself ends with a level word
    names a town, not the word (城镇 alone, 新型城镇)."""
    return len(f) == 3 and f[-1] in "镇乡村"


def is_bare_place(name: str) -> bool:
    """各乡, 各市(县), 县, 各县(市、区): level words only, no name."""
    if len(name) > _MAX_NAME:
        return False
    core, _ = _strip_qualifiers(strip_tail(fold(name)))
    return _place_token_count(core) > 0


def companion_at(f: str, i: int) -> bool:
    """Does a companion word (会同, 联合: the agencies after it work with those before) open f[i:]?"""
    return bool(_names()["companion_re"].match(f, i))


_SECTOR = re.compile(r"[\u4e00-\u9fff()]{1,16}")
_MAX_SECTOR_LIST = 120


@lru_cache(maxsize=4096)  # a pure function of the name, asked of every piece a list is trimmed to
def is_sector_list(name: str) -> bool:
    """发展改革、公安、财政等部门, 文广影视、新闻出版、信息产业等行政管理部门: departments named by their
    sectors before 等 and 部门 — one collective, named by the sectors (none is an agency alone)."""
    f = fold(name).strip(_TRIM)
    if len(f) > _MAX_SECTOR_LIST or not f.endswith("部门"):
        return False
    m = _names()["tail_re"].search(f)
    if m is None or m.start() == 0:
        return False
    core = f[:m.start()]
    if sum(map(_OPEN.__contains__, core)) != sum(map(_CLOSE.__contains__, core)):
        return False  # a bracket opened before the list: (市发改局、…等有关部门
    pieces = [core[a:b] for a, b, _ in top_level_pieces(core, 0, len(core), "、")]
    return (len(pieces) > 1 and all(_SECTOR.fullmatch(p) and not is_agency(p) for p in pieces)
            and not _names()["governing_re"].match(core) and not _names()["markers_re"].search(core))


@lru_cache(maxsize=65536)  # a pure function of the name; lists repeat names many times
def is_agency(name: str) -> bool:
    """Could this list item name an agency on its own? (市发改局 yes; 人民大垸, 下同, 各乡 before
    镇人民政府 — see `split_agencies` — no.)"""
    N = _names()
    if is_sector_list(name):
        return True
    if len(name) > _MAX_NAME + 10:
        return False
    f = strip_tail(fold(name))
    if not f or len(f) > _MAX_NAME or any(ch.isascii() and ch.isdigit() for ch in f):
        return False
    if N["markers_re"].search(f) or sum(map(_OPEN.__contains__, f)) != sum(map(_CLOSE.__contains__, f)):
        return False
    if f.startswith(N["pronoun_heads"]) and not f.startswith(N["qualifiers"]):
        return False
    if f in N["collectives"] or f in N["names_alone"]:
        return True
    core, qualified = _strip_qualifiers(f)
    if _place_token_count(core):
        return qualified
    if core in N["role_nouns"] or _strip_prefix_char(core) in N["role_nouns"]:
        return False
    core = strip_trailing_brackets(f)
    if core.endswith(N["non_endings"]) and not _town_name(core):
        return False
    return core[1:].endswith(N["suffixes"])  # a suffix with something before it


def _ends_like(name: str, kind: str) -> bool:
    """Does the name, without a trailing 等… or bracket, end with one of the `kind` suffixes?"""
    return strip_trailing_brackets(strip_tail(fold(name))).endswith(_names()[kind])


def is_organ(name: str) -> bool:
    """Does the name end like a government organ's (…局, …办, …所, …中心), not a company's?"""
    return _ends_like(name, "organ_suffixes") or is_sector_list(name)


def is_duty_holder(name: str) -> bool:
    """Does the name end like a body a regulation gives duties by 由 (建设单位, 物业服务企业)?"""
    return _ends_like(name, "duty_holder_suffixes")


def is_named(name: str, jurisdiction: Optional["Jurisdiction"] = None) -> bool:
    """Is the agency named with a jurisdiction (市发改委, 端州区政府, 国务院办公厅) or a qualifier
    (各县(市、区), 相关部门)? Free text needs this; 商业保险机构 is no agency of a plan."""
    f = fold(name)
    return f.startswith(_names()["qualifiers"]) or bool(split_prefix(name, jurisdiction)[0]) or _short_place_named(f)


@lru_cache(maxsize=4096)
def _short_place_named(f: str) -> bool:
    """A province's or prefecture's short name before an agency names its government as well
    (上海城投集团, 杭州地铁集团); a county's short name is too often a word (平安, 新建)."""
    found = leading_division(f, short="above_county")
    return found is not None and fold(found[0].name) != f[:found[1]] and is_agency(f[found[1]:])


def _strip_prefix_char(f: str) -> str:
    return f[1:] if f[:1] in _places()["prefix_levels"] else f


def _continues(f: str) -> bool:
    """Does item f finish a shared-head list begun by a bare place (镇人民政府, 区政府, 县)?"""
    f = strip_tail(f)
    if _place_token_count(f):
        return True
    i, token = 0, _names()["place_token_re"]
    while i < len(f):  # the level words it opens with: 镇, 区县(自治县)
        if f[i] in "()[]、":
            i += 1
            continue
        m = token.match(f, i)
        if m is None:
            break
        i = m.end()
    # 镇人民政府 after 各乡; 区(县)水行政主管部门 after 市: the levels share the head (市直 is the city's own)
    return i > 0 and (f[i:] in _names()["head_nouns"] or (not f.startswith("直", i) and is_agency(f[i:])))


# --------------------------------------------------------------------------- splitting lists


def top_level_pieces(f: str, start: int, end: int, seps: str) -> list[tuple[int, int, str]]:
    """Pieces of f[start:end] between top-level separators, with the separator that ends each."""
    out, s = [], start
    for i, d in enumerate(depths(f, start, end), start):
        if d == 0 and f[i] in seps:
            out.append((s, i, f[i]))
            s = i + 1
    out.append((s, end, ""))
    return out


def _trim(f: str, s: int, e: int) -> tuple[int, int]:
    """Shrink [s, e) past punctuation at both ends, a generic tail (等有关部门) and a note in
    brackets (市税务局(列第一位者为工作牵头单位,下同)) at the end."""
    while s < e and f[s] in _TRIM:
        s += 1
    companion = _names()["companion_re"].search(f, s + 2, e)  # 财政部会同有关部门 → 财政部
    if companion and is_agency(f[s:companion.start()]):
        e = companion.start()
    governing = _names()["governing_re"].search(f, s + 2, e)  # 区卫生部门协调区属医院 → 区属医院
    if governing and is_organ(f[s:governing.start()]) and is_named(f[governing.end():e]) \
            and not any(c in _LIST_SEPS for c in f[s:e]):
        s = governing.end()
    while True:
        while e > s and f[e - 1] in _TRIM:
            e -= 1
        if not is_sector_list(f[s:e]):  # its tail tells what it is; ClauseAssignment drops it
            e = s + len(strip_tail(f[s:e]))
        note = _note_start(f, s, e)
        if note is None:
            return s, e
        e = note


def _note_start(f: str, s: int, e: int) -> Optional[int]:
    """Where a trailing bracket of f[s:e] starts, if it holds a note rather than part of a name."""
    if e - s < 3 or f[e - 1] not in _CLOSE:
        return None
    d, i = 0, e - 1
    while i > s:
        d += f[i] in _CLOSE
        d -= f[i] in _OPEN
        if d == 0:
            break
        i -= 1
    inner = f[i + 1:e - 1]
    if i <= s or not (len(inner) > _MAX_BRACKETED or any(w in inner for w in _names()["note_words"])):
        return None
    return i


def _split_conjunctions(f: str, s: int, e: int, tier: int = 0) -> list[tuple[int, int]]:
    """Cut A和B / A及B where both sides are agencies (not 工业和信息化局, not 党委和政府); the outer
    conjunctions first (国务院相关部门和单位及各地区: at 及, then inside each side at 和)."""
    tiers = _names()["conjunction_res"]
    if tier == len(tiers):
        return [(s, e)]
    if not tiers[tier].search(f, s, e):
        return _split_conjunctions(f, s, e, tier + 1)
    out, cur = [], s
    d = depths(f, s, e)
    i = s
    while m := tiers[tier].search(f, i, e):
        i, conj = m.start(), m.group()
        if d[i - s] == 0 and i > cur:
            left, right = f[cur:i], f[i + len(conj):e]
            if is_agency(left) and is_agency(right) and right not in _names()["head_nouns"]:
                out += _split_conjunctions(f, cur, i, tier + 1)
                cur = i = i + len(conj)
                continue
        i += 1
    return out + _split_conjunctions(f, cur, e, tier + 1)


def split_spans(text: str, start: int = 0, end: Optional[int] = None, f: Optional[str] = None) -> list[tuple[int, int]]:
    """`split_agencies` as (start, end) offsets into `text`."""
    end = len(text) if end is None else end
    f = fold(text) if f is None else f
    start, end = unwrap(f, *_trim(f, start, end))
    if is_sector_list(f[start:end]):
        return [(start, end)]
    items: list[tuple[int, int, str]] = []  # (start, end, separator before the next item)
    for s, e, sep in top_level_pieces(f, start, end, _LIST_SEPS):
        parts = _split_conjunctions(f, *_trim(f, s, e))
        for j, (ps, pe) in enumerate(parts):
            items.append((ps, pe, sep if j == len(parts) - 1 else "和"))
    shared = _shared_head_runs(f, items) if len(items) > 1 else set()
    merged: list[tuple[int, int, str]] = []
    for k, (s, e, sep) in enumerate(items):
        if merged and (k - 1 in shared or _joins(f, merged[-1], (s, e))):
            merged[-1] = (merged[-1][0], e, sep)
        else:
            merged.append((s, e, sep))
    out = []
    for s, e, _ in merged:
        s, e = _trim(f, s, e)
        if e > s:
            out.append((s, e))
    return out


def _is_place_alone(f: str) -> bool:
    if f[-1:] not in _places()["level_ends"]:
        return False
    places = leading_places(f)
    return bool(places) and sum(len(p) for p, _ in places) == len(f)


def _shared_head_runs(f: str, items: list[tuple[int, int, str]]) -> set[int]:
    """Indices of items that join the next one: places named alone and listed by 、 before a place
    with a department's head (襄阳市、十堰市、随州市、神农架林区发改委) share that head — one
    collective, as 各乡、镇人民政府 is. Before a government (荔湾区、黄埔区政府) a place alone names
    its government already, so the list splits."""
    out: set[int] = set()
    run: list[int] = []
    for k, (s, e, sep) in enumerate(items):
        name = f[s:e]
        if e > s and _is_place_alone(name):
            run.append(k)
        else:
            if run and run[-1] == k - 1 and e > s and leading_places(name) and is_agency(name) \
                    and agency_kind(name) != AgencyKind.GOVERNMENT:
                out.update(run)
            run = []
        if sep != "、":
            run = []
    return out


def _joins(f: str, prev: tuple[int, int, str], nxt: tuple[int, int]) -> bool:
    """Is the previous item no agency on its own, so that it belongs to the next one?"""
    ps, pe, sep = prev
    if sep != "、" or nxt[1] <= nxt[0] or pe <= ps:
        return False
    cur, following = f[ps:pe], f[nxt[0]:nxt[1]]
    if len(cur) > _MAX_NAME or _names()["markers_re"].search(cur):
        return False
    if is_bare_place(cur):
        return _continues(following)
    return not is_agency(cur)


def split_agencies(text: str) -> list[str]:
    """Split a printed agency list into names as printed.

    >>> split_agencies("市统计局,各乡、镇人民政府,人民大垸、荒湖管理区,监利经济开发区")
    ['市统计局', '各乡、镇人民政府', '人民大垸、荒湖管理区', '监利经济开发区']
    """
    return [text[s:e] for s, e in split_spans(text)]


# --------------------------------------------------------------------------- places


def _level_of(f: str) -> Optional[str]:
    for suffix, level in _places()["level_suffixes"]:
        if f.endswith(suffix):
            return level
    return None


def _place_at(f: str, i: int) -> Optional[tuple[str, str]]:
    """The place name starting at f[i] (肇庆市, 婺城区, 黑龙江省, 肇庆高新区), with its level."""
    P = _places()
    levels = P["prefix_levels"]
    if i >= len(f) or not ("\u4e00" <= f[i] <= "\u9fff"):
        return None
    for j in range(i + 2, min(len(f), i + P["max_len"]) + 1):
        ch = f[j - 1]
        if not ("\u4e00" <= ch <= "\u9fff"):
            return None
        if ch not in P["level_ends"]:  # no level suffix ends here (a quick test before _level_of)
            continue
        cand = f[i:j]
        level = _level_of(cand)
        if not level or (j < len(f) and f[j] in levels):  # 广州|市: go on to 广州市
            continue
        if cand in P["non_places"] or all(c in levels for c in cand):
            continue
        return cand, level
    return None


def leading_places(text: str, limit: int = 3) -> list[tuple[str, str]]:
    """Place names at the start of `text`, outermost first: 金华市婺城区人民政府 →
    [('金华市', '市'), ('婺城区', '区')]."""
    f, out, i = fold(text), [], 0
    while len(out) < limit:
        p = _place_at(f, i)
        if not p:
            break
        out.append((text[i:i + len(p[0])], p[1]))
        i += len(p[0])
    return out


@dataclass(frozen=True)
class Jurisdiction:
    """The places a document speaks for, by level: {'市': '金华市', '区': '婺城区'}; level '国' is
    the national level (国务院, 国家…). `source` says where they were read: 'issuer', 'title' or
    'doc_number' (the fallback table)."""

    places: dict[str, str] = field(default_factory=dict)
    source: Optional[str] = None

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.places.items())), self.source))

    def get(self, level: str) -> Optional[str]:
        if level == "国":
            return self.places.get("国") or _places()["national_place"]
        return self.places.get(level)

    def __bool__(self) -> bool:
        return bool(self.places)

    def place_named(self, name: str) -> Optional[tuple[str, str]]:
        """(stem as printed, place) if `name` begins with the stem of one of the places: 无锡国税局 in
        a 无锡市 document → ('无锡', '无锡市')."""
        f = fold(name)
        for place in self.places.values():
            level = _level_of(fold(place))
            stem = place[: len(place) - _suffix_len(place)] if level else place
            if len(stem) >= 2 and f.startswith(fold(stem)):
                return name[: len(stem)], place
        return None


def _suffix_len(place: str) -> int:
    f = fold(place)
    return next((len(s) for s, _ in _places()["level_suffixes"] if f.endswith(s)), 0)


def _places_of(text: Optional[str], need_head: bool) -> dict[str, str]:
    if not text:
        return {}
    P = _places()
    t = text.strip()
    f = fold(t)
    for n in P["national"]:
        if f.startswith(n):
            return {"国": P["national_place"]}
    for p in P["party"]:
        if f.startswith(p):
            t, f = t[len(p):], f[len(p):]
            break
    found = leading_places(t)
    if not found:
        return {}
    rest = f[sum(len(p) for p, _ in found):]
    if need_head and not rest.startswith(P["gov_heads"]):
        return {}
    return {level: place for place, level in found}


def jurisdiction_from(issuer: Optional[str] = None, doc_number: Optional[str] = None,
                      title: Optional[str] = None) -> Jurisdiction:
    """The places of a document: from the issuer (肇庆市人民政府办公室 → 市 = 肇庆市), else from a
    title that begins with a government's name, else — a fallback — from the organ code of the
    document number via a small table (肇府办〔2012〕22号 → 肇庆市)."""
    places = _places_of(issuer, need_head=False)
    if places:
        return Jurisdiction(places, "issuer")
    places = _places_of(title, need_head=True)
    if places:
        return Jurisdiction(places, "title")
    if doc_number:
        code = ""
        for ch in doc_number.strip():
            if not ("\u4e00" <= ch <= "\u9fff"):
                break
            code += ch
        for key, place in _places()["doc_codes"]:
            if code.startswith(key):
                level = "国" if place == _places()["national_place"] else _level_of(fold(place))
                return Jurisdiction({level: place}, "doc_number")
    return Jurisdiction()


# --------------------------------------------------------------------------- describing an agency


@dataclass(frozen=True)
class AgencyInfo:
    name: str  # as given
    canonical: str  # prefix as printed + alias-resolved rest
    jurisdiction: Optional[str]  # the place the agency belongs to, e.g. 肇庆市
    kind: AgencyKind
    prefix: str = ""  # jurisdiction prefix as printed: 市, 省, 肇庆高新区, 国务院, ''
    stem: str = ""  # the rest


@lru_cache(maxsize=65536)  # a pure function of its arguments; a plan names its agencies again and again
def split_prefix(name: str, jurisdiction: Optional[Jurisdiction] = None) -> tuple[str, str, Optional[str]]:
    """(prefix, stem, place): 市发改局 → ('市', '发改局', place of 市); 端州区政府 → ('端州区', '政府',
    '端州区'); 国务院各部门 → ('国务院', '各部门', '中国'); 国土资源厅 → ('', '国土资源厅', None)."""
    P = _places()
    j = jurisdiction or Jurisdiction()
    f = fold(name)
    lead = ""
    for p in P["party"]:
        if f.startswith(p):
            lead = name[: len(p)]
            name, f = name[len(p):], f[len(p):]
            break
    for n in P["national"]:
        if f.startswith(n):
            return lead + name[: len(n)], name[len(n):], j.get("国")
    if f.startswith(_names()["qualifiers"]):
        return lead, name, None
    aliases = _aliases()
    # a word such as 市场 or 市民 is no level prefix, unless what follows the level is itself a
    # known agency: 市场监管局 has none, 市民政局 is 市 + 民政局
    level_word = lambda g: g.startswith(P["level_words"]) and g[1:] not in aliases  # noqa: E731
    if len(f) > 1 and f[0] in P["prefix_levels"] and not level_word(f) and (
            f[1] not in P["prefix_levels"] or level_word(f[1:])):  # 市发改局, 市市场监管局; not 市场监管局
        return lead + name[0], name[1:], j.get(P["prefix_levels"][f[0]])
    places = leading_places(name)
    named = j.place_named(name)
    if places:  # 肇庆高新区管委会 → 肇庆高新区; 苏州海关 in a 苏州市 plan → 苏州市
        n = sum(len(p) for p, _ in places)
        place = named[1] if named and named[0] == name[:n] else places[-1][0]
        return lead + name[:n], name[n:], place
    if named:  # 无锡国税局 in a 无锡市 plan
        return lead + named[0], name[len(named[0]):], named[1]
    return lead, name, None


@lru_cache(maxsize=1)
def _reforms() -> tuple[dict[str, list[tuple[int, str]]], dict[str, list[tuple[int, str]]]]:
    """stem → [(year, successor)] and stem → [(year, predecessor)], from agency_aliases.json."""
    after: dict[str, list[tuple[int, str]]] = {}
    before: dict[str, list[tuple[int, str]]] = {}
    for r in load_data("agency_aliases.json").get("reforms", []):
        for old in r["from"]:
            for new in r["to"]:
                after.setdefault(old, []).append((r["year"], new))
                before.setdefault(new, []).append((r["year"], old))
    return after, before


def successors(stem: str) -> list[tuple[int, str]]:
    """(year, stem) of the agencies that replaced this one in a reform: 卫生局 → (2013, 卫生计生委),
    (2018, 卫生健康局)…; an agency is never renamed, only linked (agency_aliases.json `reforms`)."""
    return sorted(_reforms()[0].get(canonical_stem(stem), []))


def predecessors(stem: str) -> list[tuple[int, str]]:
    """(year, stem) of the agencies this one replaced: 生态环境局 → (2018, 环境保护局)."""
    return sorted(_reforms()[1].get(canonical_stem(stem), []))


@lru_cache(maxsize=1)
def _functions() -> tuple[list[tuple[str, re.Pattern]], dict[str, str]]:
    d = load_data("functions.json")
    return [(c, _alternation(words)) for c, words in d["classes"].items()], d["kind_classes"]


@lru_cache(maxsize=65536)
def function_of(name: str, kind: Optional[AgencyKind] = None) -> Optional[str]:
    """The function class of an agency (data/functions.json): 市发改局, 发展和改革委员会, 国家发展改革委 →
    发展改革; 县卫健局 → 卫生健康; a department of party organs by its words (市委宣传部 → 宣传网信);
    governments, committees, collectives and generic units by their kind. None when no class says."""
    classes, by_kind = _functions()
    kind = kind or agency_kind(name)
    if kind in (AgencyKind.GOVERNMENT, AgencyKind.COLLECTIVE, AgencyKind.GENERIC, AgencyKind.ADMIN_COMMITTEE):
        return by_kind[kind.value]  # 人民政府 holds 民政 as letters, not as a function
    _, stem, _ = split_prefix(name)
    f = fold(canonical_stem(stem) or name)
    for cls, words in classes:
        if words.search(f):
            return cls
    return by_kind.get(kind.value)


def canonical_stem(stem: str) -> str:
    """Alias-resolved stem: 发改局 → 发展改革局; 委政研室 → 委政策研究室; unknown stems as printed."""
    table = _aliases()
    f = fold(stem)
    if f in table:
        return table[f]
    for infix in _names()["parent_infixes"]:  # 市委政研室, 市政府金融办
        if f.startswith(infix) and f[len(infix):] in table:
            return stem[: len(infix)] + table[f[len(infix):]]
    return stem


def _top_level_list(f: str) -> bool:
    return any(d == 0 and ch in "、," for ch, d in zip(f, depths(f)))


def agency_kind(name: str, stem: Optional[str] = None, prefix: str = "") -> AgencyKind:
    """The kind of agency, by the rules of data/agency_names.json "kinds", in this order:
    collective (several agencies: 各乡、镇人民政府, 各相关部门, 各县(市、区), 镇街(园区));
    generic (…部门/单位 without a name: 有关部门, 各指标监测落实部门, 市重大项目牵头部门);
    other (共青团, 妇联…); party (中共…, 市委…, …宣传部); admin_committee (…管委会, a zone);
    government (…政府, a place on its own like 普宁市, 国务院); department (…局/委/厅/办…)."""
    K = _names()
    f = fold(name)
    s = fold(name if stem is None else stem)
    core, _ = _strip_qualifiers(s)
    quals = s[: len(s) - len(core)]
    bare = strip_trailing_brackets(core)
    if f in K["collectives"] or s in K["collectives"] or _top_level_list(f):
        return AgencyKind.COLLECTIVE
    if any(q in quals for q in K["collective_qualifiers"]) and (
            _place_token_count(core) or _continues(core) or bare in K["generic_suffixes"]):
        return AgencyKind.COLLECTIVE
    if bare.endswith(K["generic_suffixes"]):
        return AgencyKind.GENERIC
    if quals.startswith(K["each_qualifiers"]):
        return AgencyKind.COLLECTIVE  # 各片区项目建设指挥部: each area's, several bodies
    if any(m in f for m in K["other_markers"]):
        return AgencyKind.OTHER
    p = fold(prefix)
    if p.startswith(K["party_prefixes"]) or s.startswith(K["party_stem_prefixes"]) \
            or any(m in s for m in K["party_markers"]):
        return AgencyKind.PARTY
    if bare.endswith(K["admin_committee_suffixes"]):
        return AgencyKind.ADMIN_COMMITTEE
    if not s:  # a place on its own: 普宁市 (its government), 监利经济开发区 (its committee), 国务院
        zone = p.endswith(K["zone_suffixes"])
        return AgencyKind.ADMIN_COMMITTEE if zone else AgencyKind.GOVERNMENT
    if bare.endswith(K["government_suffixes"]):
        return AgencyKind.GOVERNMENT
    if bare.endswith(K["zone_suffixes"]):
        return AgencyKind.ADMIN_COMMITTEE
    if bare.endswith(K["department_suffixes"]):
        return AgencyKind.DEPARTMENT
    return AgencyKind.OTHER


@lru_cache(maxsize=65536)  # a pure function of its arguments; AgencyInfo is frozen
def describe_agency(name: str, jurisdiction: Optional[Jurisdiction] = None) -> AgencyInfo:
    """Canonical name, jurisdiction and kind of one agency name (as printed, or as given by
    `inherit_prefix`): 市发改局 in a 肇庆 document → 市发展改革局, 肇庆市, department."""
    prefix, stem, place = split_prefix(name, jurisdiction)
    return AgencyInfo(
        name=name,
        canonical=prefix + canonical_stem(stem),
        jurisdiction=place,
        kind=agency_kind(name, stem, prefix),
        prefix=prefix,
        stem=stem,
    )


def _inheritable(name: str) -> bool:
    """A short department name that takes the prefix of the name before it (国土资源厅 after
    省工信委), not a place, collective or company."""
    f = fold(name)
    if f.startswith(_names()["qualifiers"]) or leading_places(name):
        return False
    if townships_opening(f)[0]:
        return False  # 打浦桥街道管理办 after 区机管局: a township's office, no district's
    if f.startswith(_places()["central_heads"]):
        return False  # 民航华东管理局 after 市水务局: a central organ, no city's
    if f in _aliases():
        return True
    return len(f) <= _MAX_SHORT_NAME and f.endswith(_names()["inheritable_suffixes"])


def inherit_prefix(names: list[str], jurisdiction: Optional[Jurisdiction] = None) -> list[str]:
    """Names with the jurisdiction prefix of the name before them where they lack one:
    ['省工信委', '国土资源厅'] → ['省工信委', '省国土资源厅']. Use the result for `describe_agency`;
    the agencies themselves stay as printed."""
    out, prev = [], ""
    for name in names:
        prefix, _, _ = split_prefix(name, jurisdiction)
        if prefix:
            # 中央网信办、发展改革委: the central prefix names one organ (中央 = the Party Centre), not a place
            prev = "" if fold(prefix).startswith(_places()["national"]) else prefix
            out.append(name)
        elif prev and _inheritable(name):
            out.append(prev + name)
        else:
            out.append(name)
    return out

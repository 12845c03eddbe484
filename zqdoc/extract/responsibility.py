"""Responsibility clauses: who leads, takes part in or is responsible for a task.

A clause is found in one of four places (`Clause.form`):

* bracket: anywhere in the text — (市发展改革局牵头,市经济信息化局等有关部门参与),
  〔相关县(市、区)政府负责,市城市综合管理局参与〕, [牵头单位:…;责任单位:…], and, when it ends a
  sentence or stands on its own line, a bare list with no role word at all:
  (市发改委、财政局,无锡国税局、地税局) → responsible;
* line: a label at the start of a line or sentence — 牵头单位:区发改局, 责任单位:…,
  部门分工:省发展改革委牵头,各地、各部门配合。;
* heading: a heading line that names the lead — 一、县示范区管委会牵头工作(8项);
* sentence: a sentence that opens with named agencies and a clear role word —
  市发展改革委负责《方案》工作任务的统一督导调度。

Inside a clause, a label (牵头单位: …) gives its role to the list after it, up to the next label;
a suffix word (X牵头, X、Y等参与, X分别负责) gives its role to the list before it. A role word is
only taken when everything before it is a list of agencies, so 市重大项目牵头部门负责 is one agency
(市重大项目牵头部门, responsible) and 牵头部门要强化协调配合 is no clause at all. People named
after a leader label (责任领导:黄水利、刘小辉) go to `leaders`.

All words are data (data/clause_words.json); matching runs on `fold(text)`, so offsets are
offsets in the printed text and full-width and half-width forms match alike. Brackets are found by
a linear scanner (no regex), which survives nesting and unbalanced brackets.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Union

from ..models import Role
from ..normalize import fold
from .agencies import (_BRACKET_OR_BREAK, _alternation, _alternatives, _longest_first, companion_at, depths, is_agency,
                       is_duty_holder, is_named, is_organ, is_sector_list, load_data, split_spans, strip_tail,
                       top_level_pieces, unwrap)

_LEADERS = "leaders"
_MAX_NESTING = 16  # how far back an unmatched closer looks for its opener
_MAX_DEPTH = 3  # brackets nested deeper than this are not read as clauses
_MAX_BODY = 600  # nor are brackets longer than this
_MAX_LIST = 300  # nor agency lists longer than this
_MAX_TRIES = 8  # role words in one piece that may turn out to be part of a name (市重大项目牵头部门负责)
_MAX_HEADING_LIST = 60  # a heading names its lead within this many characters
_MARKER = re.compile(r"[ \t\u3000]*(?:[一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十百\d]+\)|\d+[、.)]|[①-⑳]"
                     r"|第[一二三四五六七八九十百零〇\d]{1,5}条)[ \t\u3000]*")  # …, and a regulation's 第二十七条
_OTHER_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[ \u3000]*:")  # 完成时限:, 时间节点:
_PIECE_END = re.compile("[,;。]")
_LED_PIECE_END = re.compile("[;。]")
_SENTENCE_PIECE_END = re.compile("[;。\n]")
_MAX_ASIDE = 24
_ASIDE = re.compile(r"(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上半年|下半年|年底|年内|月底|底|中旬|上旬|下旬|前|内)*"
                    r"(?:前|内|以前)?(?:完成|落实|到位|启动|见效|实现)?|长期坚持|持续推进|长期|持续|下同")
_LAST_IN_PIECE = ("", ",", ";", "。", ")", "]", "\n")  # what may follow a role word that must end its piece
# a sentence clause may start after one of these (…重点,由X牵头; 无管理单位的由X负责), and after a comma whose
# piece holds a 由 (…维护,范围内…专项资金由区财政局负责)
_SENTENCE_START = re.compile("[\n。;:]|[,的](?=由)|,(?=[^,;。\n]{1,30}?由)")
_SHORT_HEADING = 30  # a line without a marker may name its lead in a heading only when this short
_MAX_BETWEEN = 16  # ,按照各自的职责分工,: the longest run of duties between a list and its role word
_MAX_OFFICE = 40  # 是本行政区域内居民养老服务保障的行政主管部门: how long the office an agency is said to be runs
_MAX_PERSON = 14  # 分管副市长张某某, 市政府秘书长李某: a person's name and post are short

Label = Union[Role, str, None]


@dataclass
class ClauseAssignment:
    agency: str  # as printed, trailing 等/等有关部门 removed
    role: Role
    span: tuple[int, int]  # offsets of the agency in the text given

    def __post_init__(self) -> None:
        if is_sector_list(self.agency):  # the one name whose tail told what it is (see is_sector_list)
            self.agency = strip_tail(self.agency)
            self.span = (self.span[0], self.span[0] + len(self.agency))


@dataclass
class Clause:
    span: tuple[int, int]  # the whole bracket, clause line or heading phrase
    text: str  # as printed
    assignments: list[ClauseAssignment] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    form: str = "bracket"  # bracket | line | heading | sentence


@lru_cache(maxsize=1)
def _words() -> dict:
    d = load_data("clause_words.json")
    labels: dict[str, Label] = {}
    for kind, words in d["labels"].items():
        value = Role(kind) if kind in {r.value for r in Role} else kind
        labels.update({fold(w): value for w in words})
    keys = sorted(labels, key=len, reverse=True)
    suffix = {fold(w): Role(r) for r, words in d["suffix_words"].items() for w in words}
    # 为牵头单位 is also printed 作为牵头单位 (区财金局作为牵头部门, 其它单位作为配合单位)
    suffix.update({"作" + w: role for w, role in list(suffix.items()) if w.startswith("为")})
    grammar = _label_grammar(d["label_grammar"])
    return {
        "labels": labels,
        "label_grammar": grammar,
        "label_re": re.compile("(?:" + "|".join(map(re.escape, keys)) + "|" + grammar.pattern + r")[ \u3000]*:"),
        "suffix": suffix,
        # alternatives longest first, so a match is the longest suffix word at its position
        "suffix_re": _alternation(suffix),
        "lead_ins": tuple(fold(w) for w in d["lead_ins"]),
        "blockers": re.compile(f"(?!{_alternatives(d['not_after_suffix_word_but'])})(?:{_alternatives(d['not_after_suffix_word'])})"),
        "named_by_duty_re": re.compile(rf"[^,;。()]{{1,30}}?的(?:{_alternatives(d['named_by_duty'])})(?=[(、,]|负责)"),
        "appositive_heads": tuple(fold(w) for w in d["appositive_heads"]),
        # …and in a sentence, as its own words: 区财金局(区PPP管理中心)作为牵头部门,…
        "free_text": frozenset(fold(w) for w in d["suffix_words_in_free_text"]) | {w for w in suffix if w.startswith(("为", "作为"))},
        "free_text_longest": _longest_first(d["suffix_words_in_free_text"]),
        "agent_openers": {ch: tuple((w, w.index(ch)) for w in words) for ch, words in d["agent_openers"].items()},
        "between": _longest_first(d["between_list_and_role"]),
        "between_ends": frozenset(w[-1] for w in d["between_list_and_role"]),
        "office_nouns": _longest_first(d["office_nouns"]),
        "office_copulas": tuple(d["office_copulas"]),
        "after_duties": frozenset(fold(w) for w in d["after_duties_only"]),
        "last_in_piece": frozenset(fold(w) for w in d["last_in_piece_only"]),
        # the role words that begin a role noun (配合单位, 责任部门): 牵头、配合单位 is one noun phrase
        "role_noun_heads": tuple(sorted({fold(w) for words in d["suffix_words"].values() for w in words
                                         if any(fold(n).startswith(fold(w)) for n in d["role_nouns"])}, key=len, reverse=True)),
        "modal_re": re.compile(_alternatives(d["coordinated_role"]["modals"])),
        "coordinated_re": re.compile(f"(?:(?P<joiner>{_alternatives(d['coordinated_role']['joiners'])})|(?<=,))"
                                     f"(?P<role>{_alternatives(d['coordinated_role']['roles'])})"),
        "object_re": re.compile(_alternatives(d["coordinated_role"]["object_ends"])),
        "duty_headings": tuple(fold(w) for w in d["duty_headings"]),
        "heading_tails": tuple(sorted((fold(w) for w in d["heading_tails"]), key=len, reverse=True)),
        "columns": {k: tuple(fold(w) for w in v) for k, v in d["column_keywords"].items()},
        "first_is_lead_re": _first_is_lead_pattern(d["first_is_lead_notes"]),
        "posts": _longest_first(d["posts"]),
        "group_post_re": re.compile(rf"[^,;。]{{1,{_MAX_PERSON}}}?(?P<post>任(?:{_alternatives(d['group_posts'])})"
                                    rf"|{_alternatives(d['group_head_verbs'])})(?=[,;。]|$)"),
    }


def _first_is_lead_pattern(n: dict) -> re.Pattern:
    alt = _alternatives
    # 列第一位者为工作牵头单位, 排在第一位的为牵头或汇总单位, 原则上由排名首位的部门牵头负责, …
    # …and without a word before it when a unit noun follows: 首位单位为牵头单位
    first = f"(?:(?:{alt(n['before'])})(?:{alt(n['first'])})|(?:{alt(n['first'])})(?=(?:{alt(n['units'])})))"
    return re.compile(f"{first}(?:{alt(n['after'])})*[^,;。\n]{{0,4}}?(?:{alt(n['lead'])})")


def first_is_lead_note(text: str) -> Optional[int]:
    """Where the first note saying that the first-listed unit leads starts to govern `text`, or
    None: from the note on when it stands in a clause's brackets (…、县财政局(首位单位为牵头单位,下同)),
    from the start when it is a sentence of its own (各项任务中排位靠前的责任单位为牵头单位。 in the
    closing measures): that speaks for every task of the plan."""
    f = fold(text)
    m = _words()["first_is_lead_re"].search(f)
    if m is None:
        return None
    line = f[f.rfind("\n", 0, m.start()) + 1:m.start()]
    return m.start() if line.count("(") > line.count(")") else 0


def promote_first_listed(found: list[ClauseAssignment]) -> list[ClauseAssignment]:
    """Under a first-is-lead note: a clause without a lead whose first list names two or more
    responsible agencies, the first of them a named agency (not 各有关部门), has that one as lead."""
    from .agencies import AgencyKind, agency_kind

    if len(found) < 2 or any(a.role == Role.LEAD for a in found) or found[0].role != Role.RESPONSIBLE:
        return found
    if found[1].role != Role.RESPONSIBLE or agency_kind(found[0].agency) in (AgencyKind.COLLECTIVE, AgencyKind.GENERIC):
        return found
    first = found[0]
    return [ClauseAssignment(first.agency, Role.LEAD, first.span), *found[1:]]


def _label_grammar(g: dict) -> re.Pattern:
    """The composed labels as one pattern whose named group says the role: [place] qualifier [责任]
    noun (省牵头单位, 协同责任单位 → the qualifier's role), [place] head [place] leader noun
    (牵头负责领导, 包抓市领导 → people)."""
    alt = _alternatives
    place = f"(?:{alt(g['places'])})?"
    roles = "|".join(f"(?P<{role}>{alt(words)})" for role, words in g["qualifiers"].items())
    units = f"{place}(?:{roles})(?:{alt(g['middles'])})?(?:{alt(g['nouns'])})"
    people = f"(?P<{_LEADERS}>{place}(?:{alt(g['leader_heads'])})?{place}(?:{alt(g['leader_nouns'])}))"
    return re.compile(f"(?:{people}|{units})")


@lru_cache(maxsize=256)
def label_role(key: str) -> Label:
    """The role a label key gives the list after it (folded key without its colon): a listed label's,
    else the composed label's (协同责任单位 → participant, 牵头负责领导 → leaders), else None."""
    W = _words()
    if key in W["labels"]:
        return W["labels"][key]
    m = W["label_grammar"].fullmatch(key)
    if not m:
        return None
    kind = next(k for k, v in m.groupdict().items() if v)
    return kind if kind == _LEADERS else Role(kind)


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# --------------------------------------------------------------------------- reading a clause body


def _role_words(f: str, start: int, limit: int, end: int):
    """(position, word) of each suffix word that starts in f[start:limit] (and ends by `end`), the
    longest at each position. One regex search per word found, so the scan stays linear."""
    rx = _words()["suffix_re"]
    i = start
    while True:
        m = rx.search(f, i, end)
        if not m or m.start() >= limit:
            return
        yield m.start(), m.group()
        i = m.start() + 1


def _skip(f: str, i: int, end: int, chars: str = " \t\u3000、") -> int:
    while i < end and f[i] in chars:
        i += 1
    for w in _words()["lead_ins"]:
        if f.startswith(w, i) and i + len(w) < end:
            return i + len(w)
    return i


def _agents_from(f: str, s: int, i: int) -> int:
    """Where the agencies of a role word at f[i] start: after a 由 that follows words naming the
    task, not an agency (竹屿湖二期项目由区交通投资有限公司负责, 成立由市交通委牵头…的推进机制); else s.
    (自由, 理由, 经由 are words, not the 由 of an agent: clause_words.json agent_openers.) 以 opens them as
    由 does (完善以社区平安办牵头…的机制)."""
    openers = _words()["agent_openers"]
    j, words = max(((f.rfind(ch, s + 1, i), w) for ch, w in openers.items()), key=lambda x: x[0])
    if j < 0 or any(f.startswith(w, j - k) for w, k in words) or is_agency(f[s:j]):
        return s
    return j + 1


_TAG_END = " \t\u3000。.;)]"  # what may follow a role word that ends its line
_HELD_END = ",;。\n"  # what follows the role word of 由建设单位负责 that ends its piece (or the text's end)


def _all_agencies(f: str, spans) -> bool:
    return bool(spans) and all(is_agency(f[s:e]) for s, e in spans)


def _read_piece(text: str, f: str, start: int, end: int):
    """One comma-separated piece: [(role, agency spans, whether they open the piece)] for each
    'agencies + suffix word' in it, the agency spans left over with no suffix word, and whether the
    leftover was all agencies."""
    W = _words()
    found = []
    cur = _skip(f, start, end)
    d = depths(f, start, end)
    i, tries = cur, 0
    while tries < _MAX_TRIES:
        m = W["suffix_re"].search(f, i, end)
        if not m or m.start() - cur > _MAX_LIST:
            break
        i, word = m.start(), m.group()
        if d[i - start] == 0 and i > cur and not W["blockers"].match(f, i + len(word)):
            agents = _agents_from(f, cur, i)
            spans = split_spans(text, agents, i, f)
            if _all_agencies(f, spans):
                found.append((W["suffix"][word], spans, agents == cur))
                cur = i = _skip(f, i + len(word), end)
                tries = 0
                continue
            tries += 1
        i += 1
    rest = split_spans(text, cur, end, f) if cur < end else []
    kept = [sp for sp in rest if is_agency(f[sp[0]:sp[1]])]
    return found, kept, len(kept) == len(rest)


def _labels(f: str, start: int, end: int, pattern: Optional[re.Pattern] = None) -> list[re.Match]:
    """Label keys (牵头单位: …) at bracket depth 0 of f[start:end], not glued to a preceding word."""
    if f.find(":", start, end) < 0:  # every label ends with a colon: most stretches have none
        return []
    found = [m for m in (pattern or _words()["label_re"]).finditer(f, start, end)
             if m.start() == start or not _cjk(f[m.start() - 1])]
    if not found:
        return found
    d = depths(f, start, end)
    return [m for m in found if d[m.start() - start] == 0]


def _domains(f: str, start: int, end: int, default: Label) -> list[tuple[int, int, Label]]:
    """The body cut at its labels: (start, end, label's role) for each stretch. Any other short
    'word:' (完成时限:2025年12月) ends the stretch before it and is skipped."""
    out: list[tuple[int, int, Label]] = []
    known = {m.start(): m for m in _labels(f, start, end)}
    marks = sorted([*known.values(), *(m for m in _labels(f, start, end, _OTHER_LABEL) if m.start() not in known)],
                   key=lambda m: m.start())
    first = marks[0].start() if marks else end
    if f[start:first].strip():
        out.append((start, first, default))
    for k, m in enumerate(marks):
        if m.start() in known:
            key = m.group().rstrip(": \u3000")
            out.append((m.end(), marks[k + 1].start() if k + 1 < len(marks) else end, label_role(key)))
    return out


def _pieces(f: str, start: int, end: int, seps: str = ",;。") -> list[tuple[int, int, str]]:
    return top_level_pieces(f, start, end, seps)


def _leader_names(text: str, f: str, start: int, end: int) -> list[str]:
    names = []
    for s, e, _ in _pieces(f, start, end, "、,;"):
        name = strip_tail(text[s:e].strip(" \t\u3000"))
        if name:
            names.append(name)
    return names


def _parse(text: str, f: str, start: int, end: int, default: Label = None, bare: bool = False):
    """Assignments and leaders of the clause body text[start:end]."""
    out: list[ClauseAssignment] = []
    leaders: list[str] = []
    loose: list[tuple[int, int]] = []  # agencies with neither label nor suffix word
    any_role, clean = False, True

    def give(spans, role):
        out.extend(ClauseAssignment(text[s:e], role, (s, e)) for s, e in spans)

    domains = _domains(f, start, end, default)
    for ds, de, label in domains:
        pending: list[tuple[int, int]] = []
        for ps, pe, sep in _pieces(f, ds, de):
            if label == _LEADERS:
                leaders += _leader_names(text, f, ps, pe)
                if sep in ";。":
                    label = None
                continue
            if _is_aside(f, ps, pe):
                continue  # (A、B、C,2016年4月底前完成。列第一位的为牵头单位,下同): a deadline or a note
            found, rest, ok = _read_piece(text, f, ps, pe)
            clean = clean and ok
            for role, spans, opens in found:
                any_role = True
                if opens or isinstance(label, Role):  # (A、B,C牵头) — not (A、B,…机制由C牵头)
                    give(pending, label if isinstance(label, Role) else role)
                    pending = []
                give(spans, role)
            pending += rest
        if isinstance(label, Role):
            give(pending, label)
        elif label is None:
            loose += pending
    labelled = any(label is not None for _, _, label in domains)
    if bare and loose and clean and not labelled and (not any_role or _opens_body(f, start, loose)):
        give(loose, Role.RESPONSIBLE)
    return out, leaders


def _opens_body(f: str, start: int, loose: list[tuple[int, int]]) -> bool:
    """Do the loose agencies open the bracket (A、B、C,…机制由D牵头): its own responsible units?"""
    return bool(loose) and _skip(f, start, loose[0][0] + 1) == loose[0][0]


def _is_aside(f: str, s: int, e: int) -> bool:
    """A piece of a clause body that says when or how, not who: 2016年4月底前完成, 长期坚持, a
    first-is-lead note (列第一位的为牵头单位), 下同."""
    piece = f[s:e].strip(" 。.")
    if not piece or len(piece) > _MAX_ASIDE:
        return False
    return bool(_ASIDE.fullmatch(piece)) or first_is_lead_note(piece) is not None


def parse_clause_body(body: str, default_role: Optional[Role] = None, *, offset: int = 0,
                      bare: bool = False) -> tuple[list[ClauseAssignment], list[str]]:
    """Assignments and leaders of one clause body, a clause line or a table cell.

    `default_role` is the role of agencies that no label or suffix word names — the role of a
    table column (see `role_for_column`). With `bare=True`, a body without any role word whose
    parts are all agencies is read as responsible (the bare bracket lists of some plans). Spans are
    offsets in `body` plus `offset`.

    >>> [(a.agency, a.role.value) for a in parse_clause_body("省财政厅主办,省国税局、地税局协办")[0]]
    [('省财政厅', 'lead'), ('省国税局', 'participant'), ('地税局', 'participant')]
    """
    f = fold(body)
    start, end = unwrap(f, 0, len(body))
    found, leaders = _parse(body, f, start, end, default_role, bare)
    if offset:
        for a in found:
            a.span = (a.span[0] + offset, a.span[1] + offset)
    return found, leaders


def split_leaders(text: str) -> list[str]:
    """People in a leader cell or after a leader label: 黄水利、刘小辉、叶少明 → three names."""
    f = fold(text)
    return _leader_names(text, f, 0, len(text))


# --------------------------------------------------------------------------- finding clauses


def bracket_groups(f: str) -> list[tuple[int, int, bool, int]]:
    """(start, end, closed, depth) of every bracket group of the folded text, outer groups first.

    One pass with a stack; brackets do not cross lines. A closer looks back at most _MAX_NESTING
    openers for its own kind and is ignored when there is none; openers it passes are dropped. An
    opener still open at the end of its line makes a group to the line end (closed=False), so a
    clause whose closer was lost is still read."""
    stack: list[tuple[int, str]] = []
    groups = []
    for m in _BRACKET_OR_BREAK.finditer(f + "\n"):
        i, ch = m.start(), m.group()
        if ch == "\n":
            groups += [(s, i, False, k) for k, (s, _) in enumerate(stack)]
            stack.clear()
        elif ch in "([":
            stack.append((i, ch))
        elif ch in ")]":
            want = "(" if ch == ")" else "["
            for k in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_NESTING), -1):
                if stack[k][1] == want:
                    groups.append((stack[k][0], i + 1, True, k))
                    del stack[k:]
                    break
    return sorted(groups, key=lambda g: (g[0], -g[1]))


class _Lines:
    """Line ends of a text, found by bisection (no rescanning of long lines)."""

    def __init__(self, f: str):
        self.n = len(f)
        self.breaks = [m.start() for m in re.finditer("\n", f)]

    def end(self, i: int) -> int:
        k = bisect.bisect_left(self.breaks, i)
        return self.breaks[k] if k < len(self.breaks) else self.n


class _Taken:
    """Spans already read as clauses (disjoint), for quick 'is this inside one?' questions."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def covers(self, s: int, e: int) -> bool:
        k = bisect.bisect_right(self.starts, s) - 1
        return k >= 0 and self.spans[k][1] >= e

    def next_start(self, s: int, default: int) -> int:
        k = bisect.bisect_right(self.starts, s)
        return min(self.starts[k], default) if k < len(self.starts) else default


def _skip_space(f: str, i: int, end: int) -> int:
    while i < end and f[i] in " \t\u3000":
        i += 1
    return i


def _sentence_end(f: str, i: int, end: int) -> int:
    """Just past the first 。 or ; at bracket depth 0 from f[i], else `end`."""
    d = 0
    for k in range(i, end):
        ch = f[k]
        if ch in "([":
            d += 1
        elif ch in ")]" and d:
            d -= 1
        elif d == 0 and ch in "。;":
            return k + 1
    return end


def _ends_sentence(f: str, s: int, e: int) -> bool:
    """May the bracket f[s:e] hold a bare agency list? It must end a sentence or a line, and not
    follow a government's name as its alias (各镇人民政府(街道办事处)。)."""
    if e < len(f) and f[e] not in "\n。;":
        j = e
        while j < len(f) and f[j] in " \t\u3000":
            j += 1
        if j < len(f) and f[j] != "\n":
            return False
    if f[max(0, s - 8):s].rstrip().endswith(_words()["appositive_heads"]):
        return False
    # a line that names one organ and, in the bracket, its other plates, named without a government as
    # an office's own parts are: (一)综合办公室(党群工作部、监察室) — not 建设养老服务站(区民政局)
    line = f[f.rfind("\n", 0, s) + 1:s]
    m = _MARKER.match(line)
    name = line[m.end() if m else 0:].strip(" \t\u3000")
    if not (0 < len(name) <= _MAX_HEADING_LIST and is_organ(name)):
        return True
    return any(is_named(f[a:b]) for a, b in split_spans(f, s + 1, e - 1, f))


def _bracket_clause(text: str, f: str, s: int, e: int, closed: bool = True) -> Optional[Clause]:
    start, end = s + 1, e - 1 if closed else e
    bare = closed and _ends_sentence(f, s, e)
    if not bare and not (_words()["suffix_re"].search(f, start, end) or _words()["label_re"].search(f, start, end)):
        return None  # no role word, no label: (一), (2015年), (试行)
    found, leaders = _parse(text, f, start, end, None, bare=bare)
    if found or leaders:
        return Clause((s, e), text[s:e], found, leaders, "bracket")
    return None


def _label_clauses(text: str, f: str, taken: _Taken, lines: _Lines) -> list[Clause]:
    """Clauses that start with a label: 牵头单位:…, 责任单位:…, 部门分工:… — to the end of the line,
    or to the first 。 after which no further label follows."""
    out: list[Clause] = []
    for m in _labels(f, 0, len(f)):
        s = m.start()
        if taken.covers(s, m.end()) or (out and s < out[-1].span[1]):
            continue
        le = e = taken.next_start(s, lines.end(m.end()))
        i = m.end()
        while i < le:
            i = _sentence_end(f, i, le)
            if f[i - 1] == "。" and not _words()["label_re"].match(f, _skip_space(f, i, le), le):
                e = i
                break
        while e > s and f[e - 1] in " \t\u3000":
            e -= 1
        found, leaders = _parse(text, f, s, e)
        if found or leaders:
            out.append(Clause((s, e), text[s:e], found, leaders, "line"))
    return out


def _heading_clauses(text: str, f: str, taken: _Taken, lines: _Lines) -> list[Clause]:
    """A heading that names its lead: 一、县示范区管委会牵头工作(8项) — agencies + suffix word + 工作/任务."""
    out = []
    for ls in [0] + [b + 1 for b in lines.breaks]:
        clause = _heading_clause(text, f, ls, lines.end(ls))
        if clause and not taken.covers(*clause.span):
            out.append(clause)
    return out


def _heading_clause(text: str, f: str, ls: int, le: int) -> Optional[Clause]:
    m = _MARKER.match(f, ls, le)
    start = _skip_space(f, m.end() if m else ls, le)
    if not m and len(f[start:le].rstrip()) > _SHORT_HEADING:
        return None
    for i, word in _role_words(f, start + 1, start + _MAX_HEADING_LIST, le):
        tail = next((t for t in _words()["heading_tails"] if f.startswith(t, i + len(word))), None)
        if tail:
            spans = split_spans(text, start, i, f)
            if _all_agencies(f, spans):
                role = _words()["suffix"][word]
                end = i + len(word) + len(tail)
                return Clause((start, end), text[start:end],
                              [ClauseAssignment(text[s:e], role, (s, e)) for s, e in spans], [], "heading")
    return None


def _holder_heading_clauses(text: str, f: str, taken: _Taken, lines: _Lines) -> list[Clause]:
    """A heading that is an agency's name alone, its duties below it (（二）区更新办 / 区更新办由…协同开展
    工作,负责…; （一）区房管局。负责…): the agency holds the role of the first sentence that opens with a
    clear role word, or that opens with its own name and goes on to one after a comma."""
    le = lines.end(0)
    m = _MARKER.match(f, 0, le)
    s = _skip_space(f, m.end() if m else 0, le)
    stop = f.find("。", s, le)
    e = stop if stop >= 0 else le
    while e > s and f[e - 1] in " \t\u3000":
        e -= 1
    if e - s < 2 or taken.covers(s, e) or not _words()["suffix_re"].search(f, e):
        return []
    name = text[s:e]
    if holder_name(name) != name:
        return []
    role = _holder_role(f, e, f[s:e])
    return [Clause((s, e), name, [ClauseAssignment(name, role, (s, e))], [], "heading")] if role else []


def is_duty_heading(title: str) -> bool:
    """职责分工, 主要职责, 部门职责: a heading whose subheadings name the units that hold the duties
    below them (clause_words.json duty_headings)."""
    f = fold(title).rstrip("。:")
    return len(f) <= _SHORT_HEADING and f.endswith(_words()["duty_headings"])


def holder_name(title: str) -> Optional[str]:
    """The agency a heading consists of (区交通委, 区公安分局。), or None."""
    name = title.strip().rstrip("。.:： \u3000")
    f = fold(name)
    if not name or len(name) > _MAX_DUTY_HOLDER or not is_agency(name) or not (is_organ(name) or is_named(name)):
        return None
    return name if split_spans(name, 0, len(name), f) == [(0, len(name))] else None


def duty_holders(title: str) -> list[str]:
    """Under a duty heading (职责分工, 工作职责), the units a subheading gives its duties to: its whole
    title when that is an agency's name (（二）区公安分局), else the agencies before its colon
    (（二十）奉发集团：推进…, （十八）各镇、街道、开发区：…) — any agency, the heading says they hold duties."""
    name = holder_name(title)
    if name:
        return [name]
    f = fold(title)
    colon = f.find(":", 0, _MAX_DUTY_HOLDER + 1)
    if colon <= 0:
        return []
    spans = split_spans(title, 0, colon, f)
    return [title[a:b] for a, b in spans] if _all_agencies(f, spans) else []


def _holder_role(f: str, start: int, name: str) -> Optional[Role]:
    """The role of the first sentence after `start` that opens with a clear role word (负责…), or with
    `name` and, after a comma, a role word (区更新办由…协同开展工作,负责…)."""
    W = _words()
    for b in [start] + [m.end() for m in _SENTENCE_START.finditer(f, start)]:
        i = _skip_space(f, b, len(f))
        if f.startswith(name, i):
            comma = f.find(",", i, _sentence_end(f, i, len(f)))
            i = _skip_space(f, comma + 1, len(f)) if comma >= 0 else -1
        if i < 0:
            continue
        word = next((w for w in W["free_text_longest"] if f.startswith(w, i)), None)
        if word and not W["blockers"].match(f, i + len(word)):
            return W["suffix"][word]
    return None


def _bare_list_clauses(text: str, f: str, taken: _Taken, lines: _Lines) -> list[Clause]:
    """A line below a section's first line that is nothing but agencies (市经信局、市财政局等,各县、
    市、区政府): the 责任单位 cell of a task table printed one cell a line whose header was not
    read. Each agency is responsible; at least one must be named with its government or a
    qualifier, so that a line of ordinary nouns is no list."""
    out = []
    for ls in (b + 1 for b in lines.breaks):
        le = lines.end(ls)
        s, e = _skip_space(f, ls, le), le
        while e > s and f[e - 1] in " \t\u3000,;、":
            e -= 1
        if e - s < 3 or e - s > _MAX_BARE_LINE or taken.covers(s, e) or _BARE_LINE_STOP.search(f, s, e):
            continue
        spans = split_spans(text, s, e, f)
        if _all_agencies(f, spans) and any(is_named(text[a:b]) for a, b in spans):
            out.append(Clause((s, e), text[s:e], [ClauseAssignment(text[a:b], Role.RESPONSIBLE, (a, b))
                                                  for a, b in spans], [], "line"))
    return out


_MAX_BARE_LINE = 80
_MAX_DUTY_HOLDER = 30  # 区交通委:… — the agencies before a colon that opens a line of duties


def _duty_line_clauses(text: str, f: str, taken: _Taken, lines: _Lines) -> list[Clause]:
    """A line (after its marker) that opens with agencies and a colon and goes on with their duties,
    as 职责分工 sections print them: 区交通委:加强市政道路…, 区体育局、区文旅局:结合公园建设… — each
    agency is responsible. The agencies must be named with their government or a qualifier, or be
    organs (…局, …委, …办), so that 工作目标:… or 主要任务:… is no such line."""
    out = []
    for ls in [0] + [b + 1 for b in lines.breaks]:
        le = lines.end(ls)
        m = _MARKER.match(f, ls, le)
        s = _skip_space(f, m.end() if m else ls, le)
        colon = f.find(":", s, min(le, s + _MAX_DUTY_HOLDER + 1))
        if colon <= s or colon + 1 >= le or taken.covers(s, colon):
            continue
        spans = split_spans(text, s, colon, f)
        if _all_agencies(f, spans) and all(is_named(text[a:b]) or is_organ(text[a:b]) for a, b in spans):
            roles = _duty_roles(f, colon + 1, le) or [Role.RESPONSIBLE]
            out.append(Clause((s, colon), text[s:colon], [ClauseAssignment(text[a:b], role, (a, b))
                                                          for role in roles for a, b in spans], [], "line"))
    return out


def _duty_roles(f: str, s: int, e: int) -> list[Role]:
    """The roles the duties after a duty line's colon state by a clear role word opening one of their
    pieces (区生态环境局:对接推送…,配合做好…; 区绿化市容局:牵头指导…): the line's agencies hold those,
    literally; none stated, they are responsible."""
    W, roles = _words(), []
    for ps, pe, _ in _pieces(f, s, e, ",;。"):
        p = _skip_space(f, ps, pe)
        word = next((w for w in W["free_text_longest"] if f.startswith(w, p)), None)
        if word and not W["blockers"].match(f, p + len(word)) and W["suffix"][word] not in roles:
            roles.append(W["suffix"][word])
    return roles
_BARE_LINE_STOP = re.compile(r"[。:;!?]")  # a sentence or a label, not a bare list


def _sentence_clauses(text: str, f: str, taken: _Taken, lines: _Lines) -> list[Clause]:
    """A sentence that opens with agencies and a role word: 市发展改革委负责《方案》工作任务的统一督导调度。
    Only the clear role words count here (负责, 牵头, 配合…; not 落实 or 实施, which open many
    ordinary sentences), only at the start of a line (after a heading marker) or of a sentence, and
    only for agencies named with a jurisdiction or a qualifier (市发展改革委, 各县(市、区)) — not
    探索由大型企业和保险公司牵头…, 鼓励商业保险机构参与…."""
    out: list[Clause] = []
    role_starts = [i for i, _ in _role_words(f, 0, len(f), len(f))]
    if not role_starts:
        return out
    for s in [0] + [m.end() for m in _SENTENCE_START.finditer(f)]:
        line_end = lines.end(s)
        k = bisect.bisect_right(role_starts, s)
        if k == len(role_starts) or role_starts[k] >= line_end:
            continue  # no role word between here and the line's end: no clause starts here
        le = taken.next_start(s, line_end)
        if role_starts[k] >= le:
            continue
        m = _MARKER.match(f, s, le)
        opened = _skip_space(f, m.end() if m else s, le)
        s = _skip(f, opened, le)
        if s >= le or taken.covers(s, s + 1) or (out and s < out[-1].span[1]):
            continue
        # after 由 the list may be long: 由所涉及的省政府办公厅、住房城乡建设厅…等省级主管部门牵头
        led = s > opened
        first = _free_text_piece(text, f, s, le, _MAX_LIST if led else _MAX_HEADING_LIST, led)
        if first and f[opened - 1:opened] == "," and not led and f.find("由", s, first[0].span[0]) < 0:
            first = []  # a piece taken up at a comma for its 由 (…,专项资金由区财政局负责) holds the agencies after it
        person = None if first else _person_piece(text, f, s, le)
        if not (first or person):
            continue
        e = _sentence_end(f, first[-1].span[1] if first else person[1], le)
        found = first
        read_to = first[-1].span[1] if first else s
        for ps, pe, _ in _pieces(f, s, e, ",")[1:]:  # 市政府法制办负责牵头,市编办配合。
            piece = _skip(f, _skip_space(f, ps, pe), pe)
            if ps < read_to or companion_at(f, piece):  # (a 由 list may have run over the first commas)
                continue  # …牵头,会同相关部门和各区政府协同推进: those it works with hold no role of their own
            # …负责安排专项资金,乡镇政府负责组织群众…: after a clause, an organ's own name will do
            found += _free_text_piece(text, f, piece, pe, after_clause=bool(found))
        out.append(Clause((s, e), text[s:e], found, [person[0]] if person else [], "sentence"))
    return out


def _person_piece(text: str, f: str, s: int, end: int) -> Optional[tuple[str, int]]:
    """A person and a clear role word opening a sentence (由王副市长负责, 张三同志牵头): (the person as
    printed, the end of the role word), or None. People are leaders, never agencies."""
    stop = _PIECE_END.search(f, s + 1, min(end, s + _MAX_HEADING_LIST))
    for i, word in _role_words(f, s + 1, stop.start() if stop else min(end, s + _MAX_HEADING_LIST), end):
        if word in _words()["free_text"] and f[s:i].endswith(_words()["posts"]) and i - s <= _MAX_PERSON:
            return text[s:i], i + len(word)
    post = _words()["group_post_re"].match(f, s, stop.start() if stop else min(end, s + _MAX_HEADING_LIST))
    if post and f[s:post.start("post")].endswith(_words()["posts"]):
        return text[s:post.start("post")], post.end()  # 由管委会主要领导任组长, 由区政府分管领导召集: a person
    return None


def _free_text_piece(text: str, f: str, s: int, end: int, window: int = _MAX_HEADING_LIST,
                     led: bool = False, after_clause: bool = False) -> list[ClauseAssignment]:
    """Named agencies at f[s] followed by a clear role word, within the first comma-piece and the
    next `window` characters; `led`: the piece opened with 由; `after_clause`: the piece follows a
    clause of the same sentence, where an organ's own name will do as at a sentence's start."""
    # after 由 the list may run over a comma: 由市财政局、农业局,各县(市)、区人民政府负责落实
    stop = (_LED_PIECE_END if led else _PIECE_END).search(f, s + 1, min(end, s + window))
    first = stop.start() if stop else s + window
    # past a comma only over their duties: 其他有关部门依据各自职责,负责…; …等部门,按照各自的职责分工,协同…
    limit = min(end, first + _MAX_BETWEEN) if stop and f[first] == "," else first
    for i, word in _role_words(f, s + 1, limit, end):
        j = _list_end(f, s, i)
        agents = _agents_from(f, s, j)
        # 由X牵头的推进机制: after 由, 的 makes the role word the attribute of what X leads, still X's role
        attributive = agents > s and f.startswith("的", i + len(word))
        if (i > first and j > first) or (_words()["blockers"].match(f, i + len(word)) and not attributive) \
                or _words()["named_by_duty_re"].match(f, i + len(word), end) or not (
                word in _words()["free_text"] or (word in _words()["after_duties"] and j < i)):
            continue
        if word in _words()["last_in_piece"] and f[i + len(word):end].lstrip(" ")[:1] not in _LAST_IN_PIECE:
            continue
        spans = split_spans(text, agents, j, f)
        # a list and its role word that end the line tag the task before them, as a bracket would
        # (…加快市场化进程。高新区管委会、区科技局主办)
        tag = not f[i + len(word):end].strip(_TAG_END)
        # 由 opening the piece, or 由 a body and a role word that ends its piece: the body holds that
        # duty (…的,由铁路运输企业负责整治; 生产绿地由经营单位负责;)
        held = led or (agents > s and f[i + len(word):i + len(word) + 1] in _HELD_END)
        # bodies that hold duties (物业服务企业, 建设单位) count beside an organ the sentence names with
        # them (居民委员会、村民委员会、物业服务企业应当配合…), or when 由 gives them the duty
        beside = held or any(is_organ(text[a:b]) for a, b in spans)
        if _all_agencies(f, spans) and all(_named_in_free_text(f, s, text[a:b], led or tag or after_clause)
                                           or (beside and is_duty_holder(text[a:b])) for a, b in spans):
            role = _words()["suffix"][word]
            found = [ClauseAssignment(text[a:b], role, (a, b)) for a, b in spans]
            office = _office_role(f, j, i)  # 区房管局是…的牵头部门,负责…: the office names a role as well
            return found + [ClauseAssignment(c.agency, office, c.span) for c in found] if office not in (None, role) else found
    return [] if led else _coordinated_role(text, f, s, end, window)


def _office_role(f: str, j: int, i: int) -> Optional[Role]:
    """The role an office names, between a list ending at j and its role word at i, as a label of
    that name gives it (是…的牵头部门 → lead, 为…的责任单位 → responsible; 主管部门 names none)."""
    between = f[j:i].rstrip(",")
    if not between.startswith(_words()["office_copulas"]):
        return None
    noun = next((w for w in _words()["office_nouns"] if between.endswith(w)), None)
    role = label_role(noun) if noun else None
    return role if isinstance(role, Role) else None


def _coordinated_role(text: str, f: str, s: int, end: int, window: int) -> list[ClauseAssignment]:
    """Agencies, a modal, their own duties and then 并 + a role word in the same sentence hold that role:
    村民委员会、居民委员会应当…，采取措施预防森林火灾，并协助做好森林火灾应急处置工作 (clause_words.json
    coordinated_role)."""
    W = _words()
    modal = W["modal_re"].search(f, s + 1, min(end, s + window))
    if modal is None:
        return []
    stop = _SENTENCE_PIECE_END.search(f, modal.end(), end)
    joined = W["coordinated_re"].search(f, modal.end(), stop.start() if stop else end)
    if joined is None or W["blockers"].match(f, joined.end()):
        return []
    if joined.group("joiner") is None and W["object_re"].search(f, modal.end(), joined.start()):
        return []  # 应当确定…监管机构,负责…: the body their duties name may be the one responsible
    spans = split_spans(text, s, modal.start(), f)
    if not (_all_agencies(f, spans) and all(_named_in_free_text(f, s, text[a:b], False) for a, b in spans)):
        return []
    role = W["suffix"][joined.group("role")]
    return [ClauseAssignment(text[a:b], role, (a, b)) for a, b in spans]


def _list_end(f: str, s: int, i: int) -> int:
    """Where the agencies before a role word at f[i] end: before a modal and their duties, with the
    commas beside them (…居民委员会应当协助, …等部门,按照各自的职责分工,协同; clause_words.json
    between_list_and_role). A comma alone is no such gap (由市财政局、农业局,各县(市)、区人民政府负责)."""
    j, between, ends = i, _words()["between"], _words()["between_ends"]
    while True:
        k = j - 1 if j - 1 > s and f[j - 1] == "," else j
        w = next((w for w in between if k - len(w) > s and f.startswith(w, k - len(w))), None) \
            if f[k - 1:k] in ends else None  # (a quick test before the words)
        if w is None:
            office = _office_before(f, s, j)
            if office is not None:
                j = office
                continue
            return j if j == i else (j - 1 if f[j - 1] == "," else j)
        j = k - len(w) + w.startswith(",")  # (,并: the comma stays the gap before it, as after an office)


def _office_before(f: str, s: int, j: int) -> Optional[int]:
    """Where 是 or 为 opens the office the agencies are said to be, when f[s:j] ends with one and a comma
    (区交通委是本区农村公路的行政主管部门,负责…; 征收事务所为…的实施单位,负责…; clause_words.json office_nouns);
    else None."""
    e = j - 1
    if f[e:j] != "," or not f.endswith(_words()["office_nouns"], s, e):
        return None
    b = max(f.rfind(c, s + 1, e) for c in _words()["office_copulas"])
    return b if b > 0 and e - b <= _MAX_OFFICE and not _PIECE_END.search(f, b, e) else None


def _named_in_free_text(f: str, s: int, name: str, led: bool) -> bool:
    """A free-text clause names agencies with a jurisdiction or a qualifier (市发展改革委, 各县(市、区));
    after 由, at the start of a paragraph, of a sentence or after a label's colon a department's own name
    will do (房管所、规建生态办负责…, 由住房城乡建设厅…牵头, …。国土所和村建站负责…, 排查整治内容:消防支队筹建组
    负责…), though not a generic one
    (商业保险机构参与…)."""
    if is_named(name):
        return True
    before = f[f.rfind("\n", 0, s) + 1:s]  # on its line: nothing, or only the item's marker ((四)交通部门负责…)
    line_start = not before.strip(" ") or bool(_MARKER.fullmatch(before))
    # after a sentence's end only a name printed whole (no words a shared head gathered before it)
    sentence_start = f[s - 1:s] in "。;:" and "、" not in name
    return (led or line_start or sentence_start) and is_organ(name)


def find_clauses(text: str) -> list[Clause]:
    """Every responsibility clause of a piece of section text, in text order."""
    f = _pieces_at_role_words(fold(text))
    lines = _Lines(f)
    clauses: list[Clause] = []
    for s, e, closed, depth in bracket_groups(f):
        last = clauses[-1].span if clauses else (0, 0)
        if depth > _MAX_DEPTH or e - s > _MAX_BODY or (last[0] <= s and e <= last[1]):
            continue
        clause = _bracket_clause(text, f, s, e, closed)
        if clause:
            clauses.append(clause)
    for finder in (_label_clauses, _heading_clauses, _sentence_clauses, _bare_list_clauses, _duty_line_clauses,
                   _holder_heading_clauses):
        clauses += finder(text, f, _Taken(c.span for c in clauses), lines)
    return sorted(clauses, key=lambda c: c.span)


def _pieces_at_role_words(f: str) -> str:
    """A 、 right after a role word parts two clause pieces, as a comma would (由乡镇牵头、各有关部门配合):
    the folded text with such a 、 read as ",", offsets unchanged. (Not before a noun: 牵头、配合单位.)"""
    if "、" not in f:
        return f
    chars = None
    for m in _words()["suffix_re"].finditer(f):
        k = m.end()
        if f[k:k + 1] == "、" and not f.startswith(_words()["role_noun_heads"], k + 1):
            chars = chars or list(f)
            chars[k] = ","
    return "".join(chars) if chars else f


# --------------------------------------------------------------------------- table columns


def _column_kind(header: str) -> Optional[str]:
    """leaders / lead / participant / responsible / None; a column of units and their heads
    (牵头单位及主要负责人) is a column of units."""
    h = _NOTE_IN_HEADER.sub("", "".join(fold(header).split())) or "".join(fold(header).split())
    cols = _words()["columns"]
    units = any(w in h for w in _UNIT_WORDS)
    for kind in ("leaders", "lead", "participant", "responsible"):
        if any(w in h for w in cols[kind]) and not (kind == _LEADERS and units):
            return kind
    return None


_UNIT_WORDS = ("单位", "部门", "机构")
# a note in brackets after a column's name: 责任单位(加黑为牵头单位) is a column of responsible units
_NOTE_IN_HEADER = re.compile(r"\([^()]*\)$")
_SPACE_RUN = re.compile(r"[ \u3000\t\n]+")


def _split_at_spaces(cell: str) -> str:
    """县教体局 各相关乡镇政府 → 县教体局、各相关乡镇政府, 市民政局 伍泽国 → 市民政局、伍泽国 (same
    length): a space between two agencies, or between an agency and a person's name, separates
    them; other spaces (高新 区管委 会, a PDF's line breaks) stay inside the name."""
    out = list(cell)
    for m in _SPACE_RUN.finditer(cell):
        left = re.split(r"[、,，;；\s]", cell[:m.start()])[-1]
        right = re.split(r"[、,，;；\s]", cell[m.end():])[0]
        if left and right and (is_agency(left) or _PERSON.fullmatch(left)) and (is_agency(right) or _PERSON.fullmatch(right)) \
                and (is_agency(left) or is_agency(right)):
            out[m.start()] = "、"
    return "".join(out)


_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}")  # a name beside an agency in a cell: 市民政局 伍泽国


def role_for_column(header: str) -> Optional[Role]:
    """The role of a table column: 牵头单位 / 牵头责任单位 → lead, 责任单位 / 主要责任单位 →
    responsible, 配合单位 / 协办单位 → participant; leader columns (责任领导, 分管县领导) and all
    others → None."""
    kind = _column_kind(header)
    return None if kind in (None, _LEADERS) else Role(kind)


def is_leader_column(header: str) -> bool:
    """责任领导, 分管领导, 分 管 县领导, 责任人: a column of people, not agencies."""
    return _column_kind(header) == _LEADERS


def parse_cell(header: str, cell: str) -> tuple[list[ClauseAssignment], list[str]]:
    """Assignments and leaders of one table cell, by its column header."""
    if is_leader_column(header):
        return [], split_leaders(cell)
    role = role_for_column(header)
    if role is None:
        return [], []
    return parse_clause_body(_split_at_spaces(cell), default_role=role)

"""Extraction: responsibility clauses, agencies, targets and projects of each section.

The rules are plain functions over a section's own text (`responsibility`, `agencies`, `targets`,
`projects`), their tables in `data/`. `annotate` runs them over one text; `extract` fills a whole
`Document`. The same `annotate` sits behind the spaCy components of `zqdoc.extract.components`
(`nlp.add_pipe("zqdoc_responsibility")` …), so a spaCy pipeline and `zqdoc.parse` agree by
construction; `zqdoc.parse` calls it directly because importing spaCy alone takes longer than the
whole parse of a plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..models import Assignment, Document, Project, Role, Section, Target
from ..normalize import fold
from .agencies import (Jurisdiction, describe_agency, function_of, inherit_prefix, is_agency, is_sector_list,
                       jurisdiction_from, split_prefix)
from .gazetteer import Division
from .governments import agency_government, document_government
from . import segment
from .projects import find_projects
from .responsibility import (duty_holders, find_clauses, first_is_lead_note, is_duty_heading, is_leader_column,
                             parse_cell, promote_first_listed, role_for_column)
from .targets import find_targets, introduces_cases, is_progress_column, is_reply_title, is_situation_heading, sets_terms

__all__ = ["Context", "Annotations", "annotate", "annotate_cells", "clear_caches", "context_for", "describe", "extract",
           "find_assignments"]


@dataclass(frozen=True)
class Context:
    """What the rules need to know about the document a text comes from."""

    jurisdiction: Jurisdiction | None = None
    year: int | None = None  # the plan's year, for deadlines such as 年内, 上半年
    government: Division | None = None  # the government the document speaks for (see governments.py)
    government_warnings: tuple[str, ...] = ()  # why it is unknown, when its evidence disagrees
    # offset in the text at hand from which a first-is-lead note (列第一位者为牵头单位) governs its
    # clauses; negative when the note stands earlier in the document
    first_is_lead_from: int | None = None


@dataclass
class Annotations:
    assignments: list[Assignment] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    deadline: str | None = None
    own_line_clause: bool = False  # the only clause stands on its own line at the end of the text


def clear_caches() -> None:
    """Forget the memoised folds, answers about agency names and segmented words (the rule tables
    and the dictionary stay loaded): for benchmarks that must time a text as if it were new."""
    for memo in (fold, is_agency, is_sector_list, describe_agency, function_of, split_prefix, agency_government,
                 segment.cut, segment.cut_tagged):
        memo.cache_clear()


def context_for(doc: Document) -> Context:
    meta = doc.meta
    year = None
    for s in (meta.plan_title, meta.title):
        m = re.search(r"((?:19|20)\d{2})年", s or "")
        if m:
            year = int(m.group(1))
            break
    if year is None and meta.signed_date:
        year = meta.signed_date.year
    evidence = document_government(meta, year, doc.text)
    return Context(document_jurisdiction(meta), year, evidence.division, tuple(evidence.warnings))


def document_jurisdiction(meta) -> Jurisdiction:
    """The places a document's own metadata names (issuer or publisher, 发文字号, title): what short
    agency names such as 市发改局 resolve against."""
    return jurisdiction_from(meta.issuer or meta.publisher, meta.doc_number, meta.title)


def find_assignments(text: str, offset: int = 0, first_is_lead_from: int | None = None
                     ) -> tuple[list, list[Assignment], list[str]]:
    """The clauses of `text`, their assignments (names as printed) and the leaders they name. A
    first-is-lead note in `text`, or one governing it from `first_is_lead_from` on, makes the first
    of each list it governs the lead (see `responsibility.promote_first_listed`)."""
    clauses = find_clauses(text)
    notes = [x for x in (first_is_lead_from, first_is_lead_note(text)) if x is not None]
    governs = min(notes) if notes else None
    assignments: list[Assignment] = []
    leaders: list[str] = []
    for c in clauses:
        found = promote_first_listed(c.assignments) if governs is not None and c.span[1] >= governs else c.assignments
        assignments += _as_models(found, c.text, offset)
        leaders += [p for p in c.leaders if p not in leaders]
    return clauses, assignments, leaders


def _as_models(found, clause_text: str | None, offset: int) -> list[Assignment]:
    return [
        Assignment(agency=a.agency, role=a.role, clause=clause_text,
                   span=(a.span[0] + offset, a.span[1] + offset) if a.span and clause_text is not None else None)
        for a in found
    ]


def describe(assignments: list[Assignment], ctx: Context) -> None:
    """Fill canonical name, jurisdiction and kind; a short name after a prefixed one in the same list
    (省国税局、地税局) takes its prefix."""
    for a, full in zip(assignments, inherit_prefix([a.agency for a in assignments])):
        info = describe_agency(full, ctx.jurisdiction)
        a.canonical, a.kind = info.canonical, info.kind
        a.function = function_of(full, info.kind)
        government = agency_government(full, ctx.government, ctx.year)
        a.jurisdiction = government.label if government else None
        a.jurisdiction_code = government.code if government else None


def annotate(text: str, ctx: Context = Context(), offset: int = 0) -> Annotations:
    """Clauses, targets and projects of one section's own text; spans are shifted by `offset`."""
    ann = Annotations()
    clauses, ann.assignments, ann.leaders = find_assignments(text, offset, ctx.first_is_lead_from)
    describe(ann.assignments, ctx)
    ann.own_line_clause = len(clauses) == 1 and _alone_on_last_line(text, clauses[0].span)
    ann.targets = [_shift(t, offset) for t in find_targets(text, year=ctx.year)]
    ann.projects = [_shift(p, offset) for p in find_projects(text)]
    return ann


def annotate_cells(cells: dict[str, str], ctx: Context = Context()) -> Annotations:
    """A table row: roles from the column headers (牵头单位 → lead, 责任单位 → responsible …),
    leaders from 责任领导 columns, the deadline from 完成时限, targets and projects from the rest."""
    ann = Annotations()
    for header, cell in cells.items():
        if not cell:
            continue
        h = re.sub(r"\s", "", header)
        if role_for_column(h) is not None or is_leader_column(h):
            found, leaders = parse_cell(h, cell)
            if ctx.first_is_lead_from is not None:
                found = promote_first_listed(found)
            ann.assignments += _as_models(found, None, 0)
            ann.leaders += leaders
        elif re.search("时限|时间|进度|期限", h):
            ann.deadline = cell
        elif is_progress_column(h):
            continue  # 落实情况, 进展情况: what was achieved, not what is committed
        else:
            ann.targets += find_targets(cell, year=ctx.year)
            ann.projects += find_projects(cell)
    describe(ann.assignments, ctx)
    for t in ann.targets + ann.projects:
        t.span = None  # cell offsets are not offsets in the document text
    return ann


def _shift(item, offset):
    if item.span is not None and offset:
        item.span = (item.span[0] + offset, item.span[1] + offset)
    return item


def _alone_on_last_line(text: str, span: tuple[int, int]) -> bool:
    start = text.rfind("\n", 0, span[0]) + 1
    return not text[start:span[0]].strip() and not text[span[1]:].strip()


def _distinct(assignments: list[Assignment]) -> list[Assignment]:
    """A section's assignments are a set of (agency, role): the first clause naming a pair keeps it."""
    seen: set[tuple[str, Role]] = set()
    out = []
    for a in assignments:
        if (a.agency, a.role) not in seen:
            seen.add((a.agency, a.role))
            out.append(a)
    return out


def _apply(section: Section, ann: Annotations) -> None:
    section.assignments, section.leaders = _distinct(ann.assignments), ann.leaders
    section.targets, section.projects = _not_restated(section, ann.targets), ann.projects
    section.deadline = ann.deadline or section.deadline


def _not_restated(section: Section, targets: list[Target]) -> list[Target]:
    """A project's name that carries its figure (三、新建300个公共充电桩项目), with the body committing to
    the same figure (…共完成300个公共充电桩建设): one target, the body's. A title with clauses of its
    own (…增长16%、外贸进出口总额增长16%) keeps its figures."""
    title = section.title
    if not title or section.span is None or any(c in title for c in _CLAUSE_MARKS):
        return targets
    line = section.text.find("\n")
    head_end = section.span[0] + (line if line >= 0 else len(section.text))

    def in_title(t: Target) -> bool:
        return t.span is not None and t.span[0] < head_end

    body = {(t.value, t.unit) for t in targets if t.span is not None and not in_title(t)}
    return [t for t in targets if not in_title(t) or (t.value, t.unit) not in body]


_CLAUSE_MARKS = ",，;；、和"


def extract(doc: Document, nlp=None) -> Document:
    """Fill the assignments, leaders, targets and projects of every section of `doc`; with a spaCy
    `nlp` holding zqdoc's components (see `components.make_nlp`), through that pipeline."""
    ctx = context_for(doc)
    doc.meta.government = ctx.government.path if ctx.government else None
    doc.meta.government_code = ctx.government.code if ctx.government else None
    doc.warnings += [w for w in ctx.government_warnings if w not in doc.warnings]
    note = first_is_lead_note(doc.text)
    own_line: dict[int, bool] = {}
    for section in doc.walk():
        offset = section.span[0] if section.span else 0
        governed = note is not None and (section.span is None or note < section.span[1])
        sctx = replace(ctx, first_is_lead_from=note - offset) if governed else ctx
        if section.cells is not None:
            ann = annotate_cells(section.cells, sctx)
        else:
            ann = annotate(section.text, sctx, offset) if nlp is None else _annotate_with(nlp, section.text, sctx, offset)
        own_line[id(section)] = ann.own_line_clause
        _apply(section, ann)
    for section in doc.walk():
        _lift_list_clause(section, own_line)
        if is_duty_heading(section.title):
            for child in section.children:
                _hold_duties(child, ctx)
    reply = is_reply_title(doc.meta.title or "")  # …建议办理情况的函, …提案的答复: all reported
    for section in doc.sections:
        _drop_unkept_targets(section, reply)
    return doc


def _drop_unkept_targets(section: Section, reported: bool = False, norms: bool = False) -> None:
    """Targets no section under these holds, in one walk of the tree:
    * reported: a section headed 基本情况 / 上半年经济运行情况 / 发展基础 (or a reply on proposals,
      …建议办理情况的函) reports the present state: neither it nor its subsections hold targets;
    * terms: a section headed 租赁价格 / 收费标准 sets terms and holds none itself (a chapter
      构建职业教育国家标准 may hold tasks with targets);
    * norms: an article of a regulation (第X条) and the items under it set norms: a figure there
      (不少于三十米, 两名以上工作人员, 一百公顷以上) is a target only when a deadline binds it
      (到2025年…达到40%), or when the article sets goals (全市绿化的目标是：绿化覆盖率百分之六十…);
    * cases: the items under a text that introduces cases (出现以下情形时…：) are conditions."""
    reported = reported or is_situation_heading(section.title)
    if section.style == "article":
        norms = _GOAL_WORD not in section.title + section.text
    if reported or sets_terms(section.title):
        section.targets = []
    elif norms:
        section.targets = [t for t in section.targets if t.deadline]
    cases = bool(section.children) and introduces_cases(section.text)
    for child in section.children:
        _drop_unkept_targets(child, reported or cases, norms)


_GOAL_WORD = "目标"


def _annotate_with(nlp, text: str, ctx: Context, offset: int) -> Annotations:
    sdoc = nlp.make_doc(text)
    sdoc._.zqdoc_context = ctx
    for _, proc in nlp.pipeline:
        sdoc = proc(sdoc)
    clauses = sdoc.spans["zqdoc_clauses"] if "zqdoc_clauses" in sdoc.spans else []
    ann = Annotations(
        assignments=sdoc._.zqdoc_assignments or [], leaders=sdoc._.zqdoc_leaders or [],
        targets=sdoc._.zqdoc_targets or [], projects=sdoc._.zqdoc_projects or [],
        own_line_clause=len(clauses) == 1 and _alone_on_last_line(text, (clauses[0].start_char, clauses[0].end_char)),
    )
    for item in ann.assignments + ann.targets + ann.projects:
        _shift(item, offset)
    return ann


def _hold_duties(section: Section, ctx: Context) -> None:
    """Under 职责分工, a subheading that is an agency's name (（二）区公安分局), or opens with agencies and a
    colon (（二十）奉发集团：推进…), holds the duties below it: each agency is responsible there, whatever
    words its duties open with."""
    held = []
    for name in duty_holders(section.title):
        if any(a.agency == name for a in section.assignments):
            continue
        start = section.text.find(name) if section.text else -1
        span = (section.span[0] + start, section.span[0] + start + len(name)) if section.span and start >= 0 else None
        held.append(Assignment(agency=name, role=Role.RESPONSIBLE, clause=section.title, span=span))
    describe(held, ctx)
    section.assignments[:0] = held


def _lift_list_clause(parent: Section, own_line: dict[int, bool]) -> None:
    """A clause on its own line after a list belongs to the list's parent: when only the last of
    several items has a clause and it stands alone on the last line, it is the parent's."""
    kids = parent.children
    if len(kids) < 2 or parent.assignments:
        return
    last = kids[-1]
    if last.style == "article":
        return  # an article of a regulation is whole: its clauses are its own, never its chapter's
    if last.assignments and own_line[id(last)] and not any(k.assignments for k in kids[:-1]):
        parent.assignments, last.assignments = last.assignments, []
        parent.leaders, last.leaders = last.leaders, []


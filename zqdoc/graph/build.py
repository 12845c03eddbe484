"""Building the agency–task graph: `build(docs)` → a networkx MultiDiGraph.

Nodes (attribute ``type``) and their ids:

* ``document:<doc>`` — one per document; ``<doc>`` is the file stem (zhaoqing-2012-plan), else the
  发文字号, else ``document-N``; a repeated stem gets ``~2``, ``~3``…
* ``task:<doc>/<path>`` — a section that has assignments or targets (``path`` is `Section.path`,
  e.g. 3.1.1); ``section:<doc>/<path>`` — every other numbered section.
* ``agency:<jurisdiction>/<name>`` — e.g. ``agency:肇庆市/市发展改革局`` (see `agency_identity`).
* ``target:<doc>/<path>#<n>`` — the n-th target of a section (from 1).
* ``project:<doc>/<name>`` — a named project; one node per name within a document.

Edges (attribute ``relation``; the edge key is the relation too):

* agency → task: ``lead`` / ``participant`` / ``responsible`` (also in ``role``). One edge per
  agency, task and role; ``count`` says how many assignments it stands for, ``printed`` the names
  as printed.
* task/section → parent section or document: ``part_of``.
* task → target: ``target``; task/section → project: ``project``.

Node attributes may hold lists (``aliases``, ``documents``, ``leaders``) and None; the exporters of
`zqdoc.graph.export` turn them into scalars.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Union

import networkx as nx

from ..models import AgencyKind, Document, Role, Section

__all__ = [
    "AGENCY", "DOCUMENT", "PROJECT", "ROLES", "SECTION", "TARGET", "TASK",
    "AgencyIdentity", "SectionEntry", "add_document", "agency_attributes", "agency_identity", "build", "document_id",
    "document_place", "is_task", "load_documents", "merge_agency", "section_entries", "type_counts",
]

DOCUMENT, SECTION, TASK, AGENCY, TARGET, PROJECT = "document", "section", "task", "agency", "target", "project"
ROLES = tuple(r.value for r in Role)  # ('lead', 'participant', 'responsible')
PART_OF = "part_of"
LEVEL_CHARS = "省市县区州旗盟"  # one-character jurisdiction prefixes (市发改局) = the last character of a place
_PARTY_LEADS = ("中国共产党", "中共")
_OWN_NAME_KINDS = {AgencyKind.GOVERNMENT.value, AgencyKind.ADMIN_COMMITTEE.value}

DocLike = Union[Document, str, Path]


def is_task(section: Section) -> bool:
    """A task is a section with at least one assignment or target (a section with only projects,
    or none of them, is a plain section)."""
    return bool(section.assignments or section.targets)


def load_documents(paths: Iterable[Union[str, Path]]) -> list[Document]:
    """`zqdoc.parse` every path (raises `zqdoc.ZqdocError` for bad input)."""
    from ..pipeline import parse

    return [parse(p) for p in paths]


def build(docs: Union[DocLike, Iterable[DocLike]], *, ids: Optional[Iterable[str]] = None) -> nx.MultiDiGraph:
    """The agency–task graph of one or many documents (Documents or paths, which are parsed).
    `ids` overrides the document ids (default: see `document_id`)."""
    if isinstance(docs, (Document, str, Path)):
        docs = [docs]
    docs = [d if isinstance(d, Document) else load_documents([d])[0] for d in docs]
    names = list(ids) if ids is not None else [None] * len(docs)
    if len(names) != len(docs):
        raise ValueError(f"{len(names)} ids for {len(docs)} documents")
    G = nx.MultiDiGraph(name="zqdoc agency-task graph", documents=[])
    for doc, name in zip(docs, names):
        add_document(G, doc, doc_id=name)
    link_reforms(G)
    return G


SUCCEEDED_BY = "succeeded_by"


def link_reforms(G: nx.MultiDiGraph) -> int:
    """Link an agency to the one that replaced it in a reform, within one government: 肇庆市/市卫生局
    → 肇庆市/市卫生健康局 (``succeeded_by``, with the reform's year), when both are in the graph.
    Renamed agencies stay two nodes, so a 2012 plan's tasks stay with 2012's agency. Returns how
    many links it added."""
    from ..extract.agencies import successors

    by_scope: dict[tuple, str] = {}
    for n, d in G.nodes(data=True):
        if d.get("type") == AGENCY and d.get("stem"):
            by_scope[(d.get("jurisdiction"), d["stem"])] = n
    added = 0
    for (place, stem), n in list(by_scope.items()):
        for year, successor in successors(stem):
            m = by_scope.get((place, successor))
            if m and not G.has_edge(n, m, key=SUCCEEDED_BY):
                G.add_edge(n, m, key=SUCCEEDED_BY, relation=SUCCEEDED_BY, year=year)
                added += 1
    return added


def document_id(doc: Document, index: int = 1) -> str:
    """The file stem, else the 发文字号, else ``document-<index>``."""
    if doc.source:
        return Path(doc.source).stem
    if doc.meta.doc_number:
        return doc.meta.doc_number
    return f"document-{index}"


def _unique(G: nx.MultiDiGraph, doc_id: str) -> str:
    if f"{DOCUMENT}:{doc_id}" not in G:
        return doc_id
    n = 2
    while f"{DOCUMENT}:{doc_id}~{n}" in G:
        n += 1
    return f"{doc_id}~{n}"


# --------------------------------------------------------------------------- jurisdictions


def document_place(doc: Document):
    """(Jurisdiction object or None, the document's most specific place or None)."""
    try:
        from ..extract import context_for
    except ImportError:  # extraction not installed: no document-level fallback
        return None, None
    j = context_for(doc).jurisdiction
    places = list(j.places.values()) if j else []
    return j, (places[-1] if places else None)


def _split_prefix(name: str, jurisdiction_obj, jurisdiction: Optional[str]) -> tuple[str, str]:
    """(jurisdiction prefix as printed, rest) of a canonical agency name."""
    try:
        from ..extract.agencies import split_prefix
    except ImportError:
        split_prefix = None
    if split_prefix is not None:
        prefix, stem, _ = split_prefix(name, jurisdiction_obj)
        return prefix, stem
    body = name
    lead = next((p for p in _PARTY_LEADS if body.startswith(p)), "")
    body = body[len(lead):]
    if jurisdiction and body.startswith(jurisdiction):
        return lead + jurisdiction, body[len(jurisdiction):]
    if len(body) > 1 and body[0] in LEVEL_CHARS and body[1] not in LEVEL_CHARS:
        return lead + body[0], body[1:]
    return lead, body


def _canonical_stem(stem: str) -> str:
    try:
        from ..extract.agencies import canonical_stem
    except ImportError:
        return stem
    return canonical_stem(stem)


@dataclass(frozen=True)
class AgencyIdentity:
    """Who an assignment names: `scope` (jurisdiction, or ``(<doc>)`` when unknown) and `name`."""

    scope: str
    name: str
    jurisdiction: Optional[str]
    jurisdiction_source: str  # 'clause' (from the name), 'document' (the document's place) or 'unknown'
    stem: str  # the name without its jurisdiction prefix, aliases resolved: 发展改革局
    kind: Optional[str]

    @property
    def node(self) -> str:
        return f"{AGENCY}:{self.scope}/{self.name}"


def agency_identity(a, doc_jurisdiction: Optional[str] = None, doc_id: str = "", jurisdiction_obj=None) -> AgencyIdentity:
    """One node per agency: the same jurisdiction and the same alias-resolved name.

    Starts from `Assignment.canonical` (else the printed name) and `Assignment.jurisdiction`;
    without a jurisdiction the agency belongs to the document's own place (the most specific one,
    e.g. 蔡甸区) — collectives and generic names (各县(市、区), 有关部门) included — and without that
    either to the document alone (scope ``(<doc>)``), so unknown places never merge.
    The name is put in one form so that the ways of printing one agency meet:
    departments and party organs take the one-character prefix of their place (肇庆市发展改革局 and
    市发改局 in a 肇庆 document → 市发展改革局; an unprefixed 财政局 in a 蔡甸区 document →
    区财政局); governments and committees take the full place (区政府 in a 端州区 document →
    端州区人民政府)."""
    canonical = (a.canonical or a.agency).strip()
    kind = a.kind.value if isinstance(a.kind, AgencyKind) else a.kind
    jurisdiction, source = a.jurisdiction, "clause"
    if not jurisdiction:
        jurisdiction, source = (doc_jurisdiction, "document") if doc_jurisdiction else (None, "unknown")
    prefix, stem = _split_prefix(canonical, jurisdiction_obj, jurisdiction)
    stem = _canonical_stem(stem) if stem else stem
    bare_prefix = prefix
    for lead in _PARTY_LEADS:
        if bare_prefix.startswith(lead):
            bare_prefix = bare_prefix[len(lead):]
            break
    level = jurisdiction[-1] if jurisdiction and jurisdiction[-1] in LEVEL_CHARS else None
    name = canonical
    if stem and level:
        if kind in _OWN_NAME_KINDS:
            if bare_prefix == level:  # 区政府 → 端州区人民政府
                name = jurisdiction + stem
        elif bare_prefix == jurisdiction:  # 肇庆市发展改革局 → 市发展改革局
            name = level + stem
        elif not prefix and source == "document" and kind == AgencyKind.DEPARTMENT.value \
                and _split_prefix(level + stem, jurisdiction_obj, jurisdiction)[0] == level:
            name = level + stem  # 财政局 in a 蔡甸区 document → 区财政局 (not 市场监管局 → 市市场监管局)
    scope = jurisdiction or f"({doc_id})"
    return AgencyIdentity(scope, name, jurisdiction, source, stem or canonical, kind)


# --------------------------------------------------------------------------- adding a document


def _add_to_list(data: dict, key: str, value) -> None:
    if value is not None and value not in data.setdefault(key, []):
        data[key].append(value)


@dataclass(frozen=True)
class SectionEntry:
    """One section of a document as the graph files it: its node id, its parent's (the document's
    node for a top-level section) and the agency identity of each of its assignments, in order."""

    section: Section
    node: str
    parent: str
    path: str
    agencies: tuple  # AgencyIdentity per assignment


def section_entries(doc: Document, doc_id: str, place=None, jur_obj=None) -> list[SectionEntry]:
    """Every section of `doc` in document order (`Document.walk`), with unique paths and node ids
    — what `add_document` adds and what the store's rows are made from, without a graph."""
    entries: list[SectionEntry] = []
    paths: set[str] = set()
    known: dict[tuple, AgencyIdentity] = {}  # a plan names the same agencies again and again

    def identity(a) -> AgencyIdentity:
        key = (a.agency, a.canonical, a.jurisdiction, a.kind)
        if key not in known:
            known[key] = agency_identity(a, place, doc_id, jur_obj)
        return known[key]

    def visit(section: Section, parent: str, fallback: str) -> None:
        path = section.path or fallback
        if path in paths:  # never expected; keep ids unique anyway
            n = 2
            while f"{path}~{n}" in paths:
                n += 1
            path = f"{path}~{n}"
        paths.add(path)
        node = f"{TASK if is_task(section) else SECTION}:{doc_id}/{path}"
        entries.append(SectionEntry(section, node, parent, path,
                                    tuple(identity(a) for a in section.assignments)))
        for i, child in enumerate(section.children, 1):
            visit(child, node, f"{path}.{i}")

    for i, section in enumerate(doc.sections, 1):
        visit(section, f"{DOCUMENT}:{doc_id}", str(i))
    return entries


def agency_attributes(ident: AgencyIdentity) -> dict:
    """The attributes of a new agency node (`merge_agency` adds what each assignment tells)."""
    return dict(type=AGENCY, label=ident.name, name=ident.name, jurisdiction=ident.jurisdiction,
                jurisdiction_source=ident.jurisdiction_source, stem=ident.stem, kind=ident.kind,
                aliases=[], documents=[])


def merge_agency(data: dict, ident: AgencyIdentity, a, doc_id: str) -> None:
    """Add one assignment's evidence to an agency node's attributes: its kind when the node had
    none, the names it was printed as, the document."""
    if data.get("kind") is None and ident.kind:
        data["kind"] = ident.kind
    _add_to_list(data, "aliases", a.agency)
    if a.canonical and a.canonical != a.agency:
        _add_to_list(data, "aliases", a.canonical)
    _add_to_list(data, "documents", doc_id)


def add_document(G: nx.MultiDiGraph, doc: Document, doc_id: Optional[str] = None) -> str:
    """Add one document to `G` (agencies already in `G` are shared); returns its document id."""
    documents = G.graph.setdefault("documents", [])
    doc_id = _unique(G, doc_id or document_id(doc, len(documents) + 1))
    documents.append(doc_id)
    jur_obj, place = document_place(doc)
    meta = doc.meta
    G.add_node(
        f"{DOCUMENT}:{doc_id}", type=DOCUMENT, id=doc_id, label=meta.plan_title or meta.title or doc_id,
        source=doc.source, title=meta.title, plan_title=meta.plan_title, doc_number=meta.doc_number,
        issuer=meta.issuer, signed_date=meta.signed_date.isoformat() if meta.signed_date else None, jurisdiction=place,
    )
    for e in section_entries(doc, doc_id, place, jur_obj):
        _add_section(G, doc_id, e)
    return doc_id


def _add_section(G, doc_id, e: SectionEntry) -> None:
    section, node, path = e.section, e.node, e.path
    G.add_node(
        node, type=node.split(":", 1)[0], document=doc_id, path=path, marker=section.marker, level=section.level,
        title=section.title, label=f"{path} {section.title}", text=section.text, deadline=section.deadline,
        leaders=list(section.leaders),
    )
    G.add_edge(node, e.parent, key=PART_OF, relation=PART_OF)
    for a, ident in zip(section.assignments, e.agencies):
        if ident.node not in G:
            G.add_node(ident.node, **agency_attributes(ident))
        merge_agency(G.nodes[ident.node], ident, a, doc_id)
        role = a.role.value if isinstance(a.role, Role) else str(a.role)
        if G.has_edge(ident.node, node, key=role):
            data = G.edges[ident.node, node, role]
            data["count"] += 1
            _add_to_list(data, "printed", a.agency)
        else:
            G.add_edge(ident.node, node, key=role, relation=role, role=role, count=1, printed=[a.agency], clause=a.clause)
    for n, t in enumerate(section.targets, 1):
        tnode = f"{TARGET}:{doc_id}/{path}#{n}"
        G.add_node(
            tnode, type=TARGET, document=doc_id, label=t.raw, raw=t.raw, subject=t.subject, value=float(t.value),
            value_max=None if t.value_max is None else float(t.value_max), unit=t.unit,
            comparator=getattr(t.comparator, "value", t.comparator),
            deadline=t.deadline.isoformat() if t.deadline else None, deadline_text=t.deadline_text,
        )
        G.add_edge(node, tnode, key=TARGET, relation=TARGET)
    for p in section.projects:
        pnode = f"{PROJECT}:{doc_id}/{p.name}"
        if pnode not in G:
            G.add_node(pnode, type=PROJECT, document=doc_id, label=p.name, name=p.name, kind=p.kind)
        if not G.has_edge(node, pnode, key=PROJECT):
            G.add_edge(node, pnode, key=PROJECT, relation=PROJECT)


def type_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """How many nodes of each type."""
    return dict(Counter(t for _, t in G.nodes(data="type")))

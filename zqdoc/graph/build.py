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
from pathlib import Path
from typing import Iterable, Optional, Union

import networkx as nx

from ..models import Document, Role
from ..identity import (
    AGENCY, DOCUMENT, PROJECT, SECTION, TARGET, TASK, AgencyIdentity, SectionEntry, _add_to_list, agency_attributes,
    agency_identity, document_place, is_task, merge_agency, section_entries,
)

__all__ = [
    "AGENCY", "DOCUMENT", "PROJECT", "ROLES", "SECTION", "TARGET", "TASK",
    "AgencyIdentity", "SectionEntry", "add_document", "agency_attributes", "agency_identity", "build", "document_id",
    "document_place", "is_task", "load_documents", "merge_agency", "section_entries", "type_counts",
]

ROLES = tuple(r.value for r in Role)  # ('lead', 'participant', 'responsible')
PART_OF = "part_of"

DocLike = Union[Document, str, Path]


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


# --------------------------------------------------------------------------- adding a document


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
        node, type=e.kind, document=doc_id, path=path, marker=section.marker, level=section.level,
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

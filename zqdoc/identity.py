"""Who each assignment of a document names, as the graph and the store file it: the layer between
the model and the graph/store, without networkx, so that the store's rows
(`zqdoc.corpus.store.document_rows`) and a batch's workers need no graph.

`section_entries(doc, doc_id)` walks the sections in document order with their node ids, and the
`AgencyIdentity` of each assignment (`agency_identity`): the agency's government and its name in one
form, so the ways of printing one agency meet. `zqdoc.graph.build` adds the same entries to a graph.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .models import AgencyKind, Document, Section

__all__ = [
    "AGENCY", "DOCUMENT", "PROJECT", "SECTION", "TARGET", "TASK", "AgencyIdentity", "SectionEntry",
    "agency_attributes", "agency_identity", "document_place", "is_task", "merge_agency", "section_entries",
]

DOCUMENT, SECTION, TASK, AGENCY, TARGET, PROJECT = "document", "section", "task", "agency", "target", "project"
LEVEL_CHARS = "省市县区州旗盟"  # one-character jurisdiction prefixes (市发改局) = the last character of a place
_PARTY_LEADS = ("中国共产党", "中共")
_OWN_NAME_KINDS = {AgencyKind.GOVERNMENT.value, AgencyKind.ADMIN_COMMITTEE.value}


def is_task(section: Section) -> bool:
    """A task is a section with at least one assignment or target (a section with only projects,
    or none of them, is a plain section)."""
    return bool(section.assignments or section.targets)


# --------------------------------------------------------------------------- jurisdictions


def document_place(doc: Document):
    """(Jurisdiction object or None, the document's most specific place or None)."""
    try:
        from .extract import document_jurisdiction
    except ImportError:  # extraction not installed: no document-level fallback
        return None, None
    j = document_jurisdiction(doc.meta)
    places = list(j.places.values()) if j else []
    return j, (places[-1] if places else None)


def _split_prefix(name: str, jurisdiction_obj, jurisdiction: Optional[str]) -> tuple[str, str]:
    """(jurisdiction prefix as printed, rest) of a canonical agency name."""
    try:
        from .extract.agencies import split_prefix
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
        from .extract.agencies import canonical_stem
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


def _add_to_list(data: dict, key: str, value) -> None:
    if value is not None and value not in data.setdefault(key, []):
        data[key].append(value)


@dataclass(frozen=True)
class SectionEntry:
    """One section of a document as the graph files it: its node id, its parent's (the document's
    node for a top-level section) and the agency identity of each of its assignments, in order."""

    section: Section
    kind: str  # TASK or SECTION
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
        kind = TASK if is_task(section) else SECTION
        node = f"{kind}:{doc_id}/{path}"
        entries.append(SectionEntry(section, kind, node, parent, path,
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

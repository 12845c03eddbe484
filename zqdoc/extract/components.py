"""zqdoc's extraction as spaCy pipeline components.

    import spacy, zqdoc.extract.components  # registers the factories
    nlp = spacy.blank("zh")                 # jieba segmenter: see make_nlp
    nlp.add_pipe("zqdoc_responsibility")
    nlp.add_pipe("zqdoc_targets")
    doc = nlp("推进基础设施一体化。(市发展改革局牵头,市交通运输局等部门参与)")
    doc.spans["zqdoc_agencies"]   # Span per agency, label lead / participant / responsible
    doc._.zqdoc_assignments       # list[zqdoc.Assignment]

Each component has one job and reads only `Doc.text`: the rules match on characters, because word
segmentation splits agency names (jieba drops dictionary words that hold brackets, so
各县(市、区)政府 never comes out as one token). Spans are aligned to tokens with
`alignment_mode="expand"`. The document context (jurisdiction, plan year) comes from
`doc._.zqdoc_context`, set by `zqdoc.parse` or by the user; without it names are kept as printed.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import Context, describe, find_assignments
from .agencies import jurisdiction_from
from .projects import find_projects
from .targets import find_targets

for _name, _default in (("zqdoc_context", None), ("zqdoc_assignments", None), ("zqdoc_leaders", None),
                        ("zqdoc_targets", None), ("zqdoc_projects", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

COMPONENTS = ("zqdoc_responsibility", "zqdoc_agencies", "zqdoc_targets", "zqdoc_projects")


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _context(doc: Doc) -> Context:
    return doc._.zqdoc_context or Context()


@Language.factory("zqdoc_responsibility")
def make_responsibility(nlp: Language, name: str):
    """Responsibility clauses → `doc.spans["zqdoc_clauses"]` and, per agency, `doc.spans["zqdoc_agencies"]`
    labelled with the role; `doc._.zqdoc_assignments` (names as printed) and `doc._.zqdoc_leaders`."""

    def responsibility(doc: Doc) -> Doc:
        clauses, assignments, leaders = find_assignments(doc.text, 0, _context(doc).first_is_lead_from)
        doc.spans["zqdoc_clauses"] = [s for c in clauses if (s := _span(doc, *c.span, "clause"))]
        doc.spans["zqdoc_agencies"] = [s for a in assignments if a.span and (s := _span(doc, *a.span, a.role.value))]
        doc._.zqdoc_assignments, doc._.zqdoc_leaders = assignments, leaders
        return doc

    return responsibility


@Language.factory("zqdoc_agencies")
def make_agencies(nlp: Language, name: str):
    """Canonical name, jurisdiction and kind of each assignment, from `doc._.zqdoc_context`."""

    def agencies(doc: Doc) -> Doc:
        describe(doc._.zqdoc_assignments or [], _context(doc))
        return doc

    return agencies


@Language.factory("zqdoc_targets")
def make_targets(nlp: Language, name: str):
    """Quantitative targets → `doc.spans["zqdoc_targets"]` and `doc._.zqdoc_targets`."""

    def targets(doc: Doc) -> Doc:
        found = find_targets(doc.text, year=_context(doc).year)
        doc.spans["zqdoc_targets"] = [s for t in found if t.span and (s := _span(doc, *t.span, t.comparator.value))]
        doc._.zqdoc_targets = found
        return doc

    return targets


@Language.factory("zqdoc_projects")
def make_projects(nlp: Language, name: str):
    """Named projects → `doc.spans["zqdoc_projects"]` and `doc._.zqdoc_projects`."""

    def projects(doc: Doc) -> Doc:
        found = find_projects(doc.text)
        doc.spans["zqdoc_projects"] = [s for p in found if p.span and (s := _span(doc, *p.span, p.kind or "project"))]
        doc._.zqdoc_projects = found
        return doc

    return projects


def make_nlp(segmenter: str = "jieba") -> Language:
    """`spacy.blank("zh")` with the given segmenter ("jieba" or "char") and zqdoc's components."""
    if segmenter == "jieba":
        _quiet_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


def _quiet_jieba() -> None:
    """jieba, as spaCy's segmenter, keeps its dictionary cache in zqdoc's cache folder (not the
    shared temporary folder) and does not print "Building prefix dict…" on stderr."""
    import logging

    import jieba

    from .segment import cache_path

    jieba.setLogLevel(logging.WARNING)
    folder = cache_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(folder)
    except OSError:
        pass  # no writable cache folder: jieba's own default


def context_from(issuer: str | None = None, doc_number: str | None = None, year: int | None = None) -> Context:
    """A context for texts that do not come through `zqdoc.parse`."""
    from ..models import DocumentMeta
    from .governments import document_government

    meta = DocumentMeta(issuer=issuer, doc_number=doc_number)
    return Context(jurisdiction_from(issuer, doc_number, None), year, document_government(meta, year).division)

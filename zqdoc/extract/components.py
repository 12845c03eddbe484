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
各县(市、区)政府 never comes out as one token). Spans are exact: a token a span starts or ends
inside is split there (jieba's 局等 in 市交通运输局等部门 becomes 局 + 等). The document context (jurisdiction, plan year) comes from
`doc._.zqdoc_context`, set by `zqdoc.parse` or by the user; without it names are kept as printed.
"""
from __future__ import annotations

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..models import Assignment, Project, Target
from . import Context, describe, find_assignments
from .agencies import jurisdiction_from
from .projects import find_projects
from .targets import find_targets

for _name, _default in (("zqdoc_context", None), ("zqdoc_assignments", None), ("zqdoc_leaders", None),
                        ("zqdoc_targets", None), ("zqdoc_projects", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

COMPONENTS = ("zqdoc_responsibility", "zqdoc_agencies", "zqdoc_targets", "zqdoc_projects")

# Docs travel between processes as msgpack (nlp.pipe(n_process=…), DocBin): zqdoc's models in doc._
# travel as their JSON and come back as models.
_MODELS = {cls.__name__: cls for cls in (Assignment, Target, Project)}
_KEY = "__zqdoc_model__"


@srsly.msgpack_encoders("zqdoc_models")
def _encode_model(obj, chain=None):
    if isinstance(obj, tuple(_MODELS.values())):
        return {_KEY: type(obj).__name__, "data": obj.model_dump(mode="json")}
    return chain(obj) if chain else obj


@srsly.msgpack_decoders("zqdoc_models")
def _decode_model(obj, chain=None):
    if isinstance(obj, dict) and _KEY in obj:
        return _MODELS[obj[_KEY]].model_validate(obj["data"])
    return chain(obj) if chain else obj


def _set_spans(doc: Doc, key: str, spans: list[tuple[int, int, str]]) -> None:
    """`doc.spans[key]` from character spans (start, end, label), exact: a token that a span starts
    or ends inside (jieba's 局等 in 市交通运输局等部门) is split there first, and the span groups
    already set are laid again on the new tokens (a split does not move them)."""
    cuts: dict[int, set[int]] = {}
    for start, end, _ in spans:
        for pos in (start, end):
            token = _token_at(doc, pos)
            if token is not None and token.idx < pos < token.idx + len(token.text):
                cuts.setdefault(token.i, set()).add(pos - token.idx)
    if cuts:
        kept = {k: [(x.start_char, x.end_char, x.label_) for x in group] for k, group in doc.spans.items()}
        with doc.retokenize() as retokenizer:
            for i, offsets in cuts.items():
                token = doc[i]
                bounds = [0, *sorted(offsets), len(token.text)]
                pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
                retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))
        for k, group in kept.items():
            doc.spans[k] = [x for a, b, label in group if (x := doc.char_span(a, b, label=label))]
    doc.spans[key] = [x for a, b, label in spans if (x := doc.char_span(a, b, label=label, alignment_mode="expand"))]


def _token_at(doc: Doc, pos: int):
    """The token whose characters hold offset `pos` (None in white space or past the end)."""
    import bisect

    starts = [t.idx for t in doc]
    i = bisect.bisect_right(starts, pos) - 1
    return doc[i] if i >= 0 and pos < doc[i].idx + len(doc[i].text) else None


def _context(doc: Doc) -> Context:
    return doc._.zqdoc_context or Context()


@Language.factory("zqdoc_responsibility")
def make_responsibility(nlp: Language, name: str):
    """Responsibility clauses → `doc.spans["zqdoc_clauses"]` and, per agency, `doc.spans["zqdoc_agencies"]`
    labelled with the role; `doc._.zqdoc_assignments` (names as printed) and `doc._.zqdoc_leaders`."""

    def responsibility(doc: Doc) -> Doc:
        clauses, assignments, leaders = find_assignments(doc.text, 0, _context(doc).first_is_lead_from)
        _set_spans(doc, "zqdoc_clauses", [(*c.span, "clause") for c in clauses])
        _set_spans(doc, "zqdoc_agencies", [(*a.span, a.role.value) for a in assignments if a.span])
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
        _set_spans(doc, "zqdoc_targets", [(*t.span, t.comparator.value) for t in found if t.span])
        doc._.zqdoc_targets = found
        return doc

    return targets


@Language.factory("zqdoc_projects")
def make_projects(nlp: Language, name: str):
    """Named projects → `doc.spans["zqdoc_projects"]` and `doc._.zqdoc_projects`."""

    def projects(doc: Doc) -> Doc:
        found = find_projects(doc.text)
        _set_spans(doc, "zqdoc_projects", [(*p.span, p.kind or "project") for p in found if p.span])
        doc._.zqdoc_projects = found
        return doc

    return projects


def make_nlp(segmenter: str = "jieba") -> Language:
    """`spacy.blank("zh")` with the given segmenter ("jieba" or "char") and zqdoc's components."""
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


_quiet_jieba()  # also for pipelines loaded with spacy.load, whose tokenizer starts jieba on first use


def context_from(issuer: str | None = None, doc_number: str | None = None, year: int | None = None) -> Context:
    """A context for texts that do not come through `zqdoc.parse`."""
    from ..models import DocumentMeta
    from .governments import document_government

    meta = DocumentMeta(issuer=issuer, doc_number=doc_number)
    return Context(jurisdiction_from(issuer, doc_number, None), year, document_government(meta, year).division)

"""The path of a document: load → normalise → parse → extract → model."""
from __future__ import annotations

from .load import Source, load
from .models import Document
from .normalize import clean, is_collapsed, replace_surrogates
from .extract import extract
from .parser import parse_structure


def parse(source: Source, *, max_bytes: int | None = None, nlp=None, name: str | None = None) -> Document:
    """`source`: a path, or the bytes of a file (named by `name`, if given)."""
    loaded = load(source, max_bytes=max_bytes, name=name)
    doc = parse_text(loaded.text, source=loaded.source, nlp=nlp)
    doc.encoding = loaded.encoding
    doc.ocr_pages = list(loaded.ocr_pages)
    if loaded.encoding == "shift_jis":
        doc.warnings.insert(0, "the text is Japanese (read as Shift-JIS): zqdoc's rules are for Chinese documents")
    if loaded.encoding and loaded.encoding.endswith("+replace"):
        doc.warnings.insert(0, f"undecodable bytes were replaced with U+FFFD (read as {loaded.encoding[:-8]})")
    doc.warnings[:0] = loaded.warnings  # what the format reader noticed (zqdoc/formats)
    return doc


def parse_text(text: str, *, source: str | None = None, nlp=None) -> Document:
    """`nlp`: a spaCy pipeline with zqdoc's components (`zqdoc.extract.components.make_nlp()`) to run
    the extraction through; by default the same rules run directly."""
    text, surrogates = replace_surrogates(text)
    collapsed = is_collapsed(text)
    text = clean(text)
    parsed = parse_structure(text, collapsed=collapsed)
    doc = Document(source=source, meta=parsed.meta, sections=parsed.sections, warnings=parsed.warnings, text=text)
    if surrogates:
        doc.warnings.insert(0, f"{surrogates} lone surrogate code point(s) were replaced with U+FFFD")
    return extract(doc, nlp=nlp)

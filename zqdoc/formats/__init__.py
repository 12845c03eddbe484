"""Format readers: bytes of a web page, a Word file or a PDF → the plain text the text parser reads.

Each reader gives paragraphs one a line, numbering as printed (Word's automatic numbering rendered
as 一、 （一） 1.), tables as flattened `cell |` lines (see `tables`), and the metadata the format
carries as `key: value` lines at the top, which zqdoc/parser/meta.py reads like any other page's.
`zqdoc.load` picks the reader (`detect`); nothing here parses structure.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .detect import DOC, DOCX, HTML, IMAGE, OFD, PDF, TEXT, detect

__all__ = ["DOC", "DOCX", "HTML", "IMAGE", "OFD", "PDF", "TEXT", "Extracted", "detect", "read"]


@dataclass
class Extracted:
    text: str
    format: str
    encoding: str | None = None  # the character set of an HTML page
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages (from 1) read by OCR


def read(data: bytes, name: str | None, kind: str) -> Extracted:
    """The text of `data`, a file of format `kind` (HTML, DOCX or PDF)."""
    if kind == HTML:
        from .html import read_html

        return read_html(data, name)
    if kind == DOCX:
        from .docx import read_docx

        return read_docx(data, name)
    if kind == PDF:
        from .pdf import read_pdf

        return read_pdf(data, name)
    if kind == DOC:
        from .doc import read_doc

        return read_doc(data, name)
    if kind == OFD:
        from .ofd import read_ofd

        return read_ofd(data, name)
    if kind == IMAGE:
        from .image import read_image

        return read_image(data, name)
    raise ValueError(f"no reader for {kind!r}")

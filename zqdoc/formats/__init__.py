"""Format readers: bytes of a web page, a Word file or a PDF → the plain text the text parser reads.

Each reader gives paragraphs one a line, numbering as printed (Word's automatic numbering rendered
as 一、 （一） 1.), tables as flattened `cell |` lines (see `tables`), and the metadata the format
carries as `key: value` lines at the top, which zqdoc/parser/meta.py reads like any other page's.
`zqdoc.load` picks the reader (`detect`); nothing here parses structure.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .detect import DOC, DOCX, HTML, IMAGE, OFD, PDF, TEXT, detect

__all__ = ["DOC", "DOCX", "HTML", "IMAGE", "OFD", "PDF", "READERS", "TEXT", "Extracted", "detect", "read"]


@dataclass
class Extracted:
    text: str
    format: str
    encoding: str | None = None  # the character set of an HTML page
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages (from 1) read by OCR


# The reader of each format: its module here and its function, imported when a file of it comes
# (PDF and OCR pull in pdfplumber and onnxruntime, which plain text never needs).
READERS = {HTML: "html:read_html", DOCX: "docx:read_docx", DOC: "doc:read_doc", PDF: "pdf:read_pdf",
           OFD: "ofd:read_ofd", IMAGE: "image:read_image"}


def read(data: bytes, name: str | None, kind: str) -> Extracted:
    """The text of `data`, a file of format `kind` (one of `READERS`)."""
    import importlib

    if kind not in READERS:
        raise ValueError(f"no reader for {kind!r}")
    module, function = READERS[kind].split(":")
    return getattr(importlib.import_module(f".{module}", __name__), function)(data, name)

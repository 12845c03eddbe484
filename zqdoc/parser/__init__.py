"""Text → metadata + section tree."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import DocumentMeta, Section
from ..normalize import fold
from .lines import split_lines
from .meta import read_meta
from .sections import build_sections

__all__ = ["ParsedText", "parse_structure"]


@dataclass
class ParsedText:
    meta: DocumentMeta
    sections: list[Section]
    warnings: list[str]


def parse_structure(text: str, *, collapsed: bool = False) -> ParsedText:
    """Metadata and section tree of a cleaned text (see `zqdoc.normalize.clean`); `collapsed`: the
    text came on a few long lines (`zqdoc.normalize.is_collapsed`)."""
    folded = fold(text)
    lines = split_lines(text, folded)
    meta = read_meta(lines)
    sections, warnings = build_sections(text, folded, lines, meta.used, collapsed=collapsed)
    return ParsedText(meta.meta, sections, warnings)

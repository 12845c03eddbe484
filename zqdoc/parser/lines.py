"""Lines of a document as spans of its text, with a folded twin for matching."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

_SPACE = " \t\u3000\xa0\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))  # what fold makes a space


@dataclass
class Line:
    index: int
    start: int  # offset of the first non-space character
    end: int  # offset past the last non-space character
    raw: str  # the line as printed, stripped
    folded: str  # fold(raw), same length

    @property
    def blank(self) -> bool:
        return not self.raw

    @cached_property
    def squeezed(self) -> str:
        """Folded, with all spaces removed: for matching labels such as 抄 送 and titles such as 通 知."""
        return "".join(self.folded.split())


def split_lines(text: str, folded: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, chunk in enumerate(text.split("\n")):
        lead = len(chunk) - len(chunk.lstrip(_SPACE))
        body = chunk.strip(_SPACE)
        start = pos + lead
        lines.append(Line(i, start, start + len(body), body, folded[start:start + len(body)]))
        pos += len(chunk) + 1
    return lines

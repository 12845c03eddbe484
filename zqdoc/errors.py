"""Errors zqdoc raises on bad input. Every one names the file (or `<bytes>`/`<text>`) and the cause."""
from __future__ import annotations


class ZqdocError(Exception):
    """Base class: bad input that zqdoc refuses to parse, with the file and the cause."""

    def __init__(self, source: str | None, cause: str):
        self.source = source or "<input>"
        self.cause = cause
        super().__init__(f"{self.source}: {cause}")


class InputNotFound(ZqdocError):
    """The path does not exist."""


class NotAFile(ZqdocError):
    """The path is a directory or another non-regular file."""


class EmptyInput(ZqdocError):
    """The input holds no text (zero bytes or only white space)."""


class BinaryInput(ZqdocError):
    """The input is binary data, not text."""


class UndecodableInput(ZqdocError):
    """No supported encoding decodes the input."""


class InputTooLarge(ZqdocError):
    """The input exceeds the configured size limit."""


class UnsupportedFormat(BinaryInput):
    """A file format zqdoc does not read (.doc, .wps, .ofd, RTF, spreadsheets…); the message says
    how to convert it to one it reads."""


class DamagedFile(BinaryInput):
    """A PDF or DOCX that cannot be opened: truncated, damaged or encrypted."""


class NoTextLayer(ZqdocError):
    """A PDF without a usable text layer (a scan): it needs OCR first."""


class StoreError(ZqdocError):
    """A corpus store that this zqdoc cannot read (another schema version)."""

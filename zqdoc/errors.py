"""Errors zqdoc raises on bad input. Every one names the file (or `<bytes>`/`<text>`) and the cause."""
from __future__ import annotations

import os


def shown(path) -> str:
    """A path as text that prints and stores: a name that is not valid UTF-8 (GBK names unzipped
    from Windows archives come as surrogate escapes) keeps its bytes as \\xNN escapes."""
    s = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return os.fsencode(s).decode("utf-8", "backslashreplace")


class ZqdocError(Exception):
    """Base class: bad input that zqdoc refuses to parse, with the file and the cause."""

    def __init__(self, source: str | None, cause: str):
        self.source = shown(source) if source else "<input>"
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


class StoreBusy(StoreError):
    """Another batch is writing the store."""


class StoreFull(StoreError):
    """The disk (or the store's size limit) filled up while a batch wrote the store."""


class ConfigError(ZqdocError):
    """A setting zqdoc cannot use (an environment variable that is not a number…)."""

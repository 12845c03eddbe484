"""Loading: a path or bytes → text, with the encoding detected.

Municipal files come as UTF-8 (with or without BOM), UTF-16, GB18030/GBK/GB2312 and Big5 text, and
as web pages, DOCX, Word 97/WPS, PDF (scans by OCR), OFD and images: the format is recognised by content first and by name second
(`zqdoc.formats.detect`), and a format reader turns the file into the text the parser reads.
Bad input raises a `ZqdocError` subclass naming the source and the cause.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass
from typing import Union

from .errors import (
    BinaryInput,
    ConfigError,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    NotAFile,
    UndecodableInput,
    shown,
)

Source = Union[str, os.PathLike, bytes]

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
"""Inputs above this size are refused; override with `max_bytes` or ZQDOC_MAX_BYTES."""

# File signatures of formats that are not text (checked before any decoding).
_MAGIC = [
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (DOCX/OFD/XLSX)"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (DOC/WPS/XLS)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
]

# Very frequent characters of official Chinese, simplified and traditional. A correct decoding of a
# notice is full of them; a wrong one (Big5 read as GBK or the reverse) has almost none.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"
    "反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程"
    "展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期"
    "根论运农指几九区强放决西被干做必战先回则任取据处府研市省县局委办责单位务落实推进加快"
    "這為會經產們時說對過發國來與員實現體進處機關區縣務長門"
)


@dataclass(frozen=True)
class LoadedText:
    text: str
    source: str | None
    encoding: str | None
    format: str = "text"  # text, html, docx, pdf, image, doc or ofd
    warnings: tuple[str, ...] = ()
    ocr_pages: tuple[int, ...] = ()  # pages (from 1) read by OCR


def source_name(source: Source) -> str:
    return "<bytes>" if isinstance(source, (bytes, bytearray)) else shown(source)


def size_setting(variable: str, default: int) -> int:
    """A size limit from the environment variable `variable`, else `default`; ConfigError for a
    value that is not a positive whole number of bytes."""
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(variable, f"{raw!r} is not a positive number of bytes (e.g. {default})")
    return value


def max_bytes_setting(max_bytes: int | None = None) -> int:
    """`max_bytes`, else ZQDOC_MAX_BYTES, else DEFAULT_MAX_BYTES."""
    return max_bytes or size_setting("ZQDOC_MAX_BYTES", DEFAULT_MAX_BYTES)


def read_bytes(source: Source, max_bytes: int | None = None) -> tuple[bytes, str | None]:
    """The bytes of `source` (a path or bytes) and its name (None for bytes). What a path is and
    how big it is are checked on the open file before anything is read, so a FIFO, a device (a link
    to /dev/zero) or a file over the limit costs nothing, and a file that grows is cut at the limit."""
    limit = max_bytes_setting(max_bytes)
    if isinstance(source, (bytes, bytearray)):
        if len(source) > limit:
            raise InputTooLarge("<bytes>", f"{len(source)} bytes is over the limit of {limit}")
        return bytes(source), None
    name = shown(source)
    try:  # O_NONBLOCK: opening a FIFO with no writer returns at once (it is refused below)
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if (isinstance(source, str) and "\n" in source) or e.errno == errno.ENAMETOOLONG:
            # a document's text given where a path belongs: say so, not "File name too long"
            raise NotAFile(name.split("\n")[0][:40] + "…", "is text, not a path: parse it with zqdoc.parse_text(text)") from None
        if isinstance(e, FileNotFoundError):
            raise InputNotFound(name, "no such file") from None
        if isinstance(e, IsADirectoryError):
            raise NotAFile(name, "is a directory, not a file") from None
        raise NotAFile(name, f"cannot be read: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise NotAFile(name, "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(name, "is not a regular file (a FIFO, a device or a socket)")
        if st.st_size > limit:
            raise InputTooLarge(name, f"{st.st_size} bytes is over the limit of {limit} (set ZQDOC_MAX_BYTES)")
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        try:
            # as many bytes as the file holds (a buffer of the whole limit would be allocated for
            # every small file), then the rest up to the limit in case it grew or reports no size
            data = f.read(min(st.st_size, limit) + 1)
            if len(data) > st.st_size:
                data += f.read(limit + 1 - len(data))
        except OSError as e:
            raise NotAFile(name, f"cannot be read: {e.strerror or e}") from e
    if len(data) > limit:
        raise InputTooLarge(name, f"grew past the limit of {limit} bytes while it was read (set ZQDOC_MAX_BYTES)")
    return data, name


def load(source: Source, max_bytes: int | None = None, *, name: str | None = None) -> LoadedText:
    """Read `source` and turn it into text: decoded if it is text, through the format's reader if it
    is a web page, DOCX, .doc/.wps, PDF, OFD or image. `name` names bytes already read (a worker hashes them first).
    Raises a `ZqdocError` subclass on bad input."""
    from .formats import TEXT, detect, read

    data, read_name = read_bytes(source, max_bytes)
    original = name if name is not None else (None if read_name is None else os.fspath(source))
    name = shown(original) if original is not None else None
    warnings: tuple[str, ...] = ()
    if name != original:
        warnings = (f"the file name is not valid UTF-8; its bytes are shown as escapes: {name}",)
    kind = detect(data, name) if data.strip() else TEXT
    if kind == TEXT:
        text, encoding = decode(data, name or "<bytes>")
        if encoding.startswith("utf-16") and _MARKUP_START.match(text):  # a web page saved as UTF-16 without a BOM
            got = read(text.encode("utf-8"), name, "html")
            return LoadedText(text=got.text, source=name, encoding=encoding, format=got.format,
                              warnings=warnings + tuple(got.warnings))
        return LoadedText(text=text, source=name, encoding=encoding, warnings=warnings)
    got = read(data, name, kind)
    if not got.text.strip():
        raise EmptyInput(name or "<bytes>", f"is {'an' if kind == 'html' else 'a'} {kind.upper()} file that holds no text")
    return LoadedText(text=got.text, source=name, encoding=got.encoding, format=got.format,
                      warnings=warnings + tuple(got.warnings), ocr_pages=tuple(got.ocr_pages))


_MARKUP_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>])", re.I)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode `data`, returning the text (BOM removed) and the encoding used."""
    if not data.strip():
        raise EmptyInput(name, "is empty")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(data, enc, name), enc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(name, f"is {what}, not text")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, utf16, name), utf16
    if b"\x00" in data[:65536]:
        raise BinaryInput(name, "is binary data (it holds NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked_text(text, name), "utf-8"
    try:  # Japanese (Shift-JIS) decodes as GB18030 too, into nonsense: its kana tell it apart
        japanese = data.decode("shift_jis")
    except UnicodeDecodeError:
        japanese = None
    if japanese is not None and _kana_ratio(japanese) > 0.2:
        return _checked_text(japanese, name), "shift_jis"
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_ratio(text), enc, text))
    if candidates:
        _, enc, text = max(candidates)
        return _checked_text(text, name), enc
    return _best_effort(data, name)


def _best_effort(data: bytes, name: str) -> tuple[str, str]:
    """A file with a few corrupt bytes (common in GBK files cut from web pages) decodes with those
    bytes replaced by U+FFFD, so nothing else is lost; mostly undecodable data is refused."""
    best = None
    for enc in ("utf-8", "gb18030", "big5"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, enc, text)
    bad, enc, text = best
    if bad > max(2, 0.005 * len(text)):
        raise UndecodableInput(name, f"cannot be decoded as UTF-8, UTF-16, GB18030 or Big5 ({bad} bad sequences as {enc})")
    return _checked_text(text, name), f"{enc}+replace"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose decoding reads as Chinese or plain text."""
    if len(data) % 2 or b"\x00" not in data[:65536]:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:65536].decode(enc)
        except UnicodeDecodeError:
            continue
        printable = sum(c.isprintable() or c in "\n\r\t" for c in text) / max(1, len(text))
        score = (_common_ratio(text), printable)
        if printable > 0.97 and (best is None or score > best[0]):
            best = (score, enc)
    return best[1] if best else None


def _kana_ratio(text: str) -> float:
    """The share of kana among the letters of a text (Japanese has many, Chinese none)."""
    sample = text[:20000]
    letters = [c for c in sample if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff"]
    return sum("\u3040" <= c <= "\u30ff" for c in letters) / len(letters) if letters else 0.0


def _common_ratio(text: str) -> float:
    sample = text[:20000]
    hanzi = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if not hanzi:
        return 0.0
    return sum(c in _COMMON for c in hanzi) / len(hanzi)


def _checked(data: bytes, enc: str, name: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        raise UndecodableInput(name, f"is not valid {enc}: {e.reason} at byte {e.start}") from e
    return _checked_text(text.lstrip("\ufeff"), name)


def _checked_text(text: str, name: str) -> str:
    if not text.strip():
        raise EmptyInput(name, "holds no text")
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > max(8, 0.01 * len(sample)):
        raise BinaryInput(name, "is binary data (control characters), not text")
    return text

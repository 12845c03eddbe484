"""What a file is, by its content first and its name second.

Content wins: a `.doc` that is really a DOCX or a web page (common on government sites) is read as
what it is, and a `.txt` that holds a web page is read as HTML. An OLE file is handed to the Word 97
reader (`doc`), which tells a Word or WPS document from a workbook; a ZIP holding OFD.xml is an OFD.
Formats zqdoc does not read (RTF, spreadsheets, presentations) raise `UnsupportedFormat` with the
way to convert them.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import DamagedFile, InputTooLarge, UnsupportedFormat

TEXT, HTML, DOCX, PDF, IMAGE, OFD, DOC = "text", "html", "docx", "pdf", "image", "ofd", "doc"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF

_CONVERT_DOCX = "convert it to DOCX first, e.g. `libreoffice --headless --convert-to docx {file}` (or save it as .docx in Word/WPS)"
# Suffixes whose files zqdoc does not read, and what they are.
_UNSUPPORTED_NAMES = {
    ".rtf": "an RTF document (.rtf)",
    ".xls": "an Excel 97-2003 workbook (.xls)",
    ".xlsx": "an Excel workbook (.xlsx)",
    ".et": "a WPS spreadsheet (.et)",
    ".ppt": "a PowerPoint 97-2003 file (.ppt)",
    ".pptx": "a PowerPoint file (.pptx)",
    ".dps": "a WPS presentation (.dps)",
}
_HTML_NAMES = (".html", ".htm", ".shtml", ".xhtml", ".jhtml", ".asp", ".aspx", ".jsp", ".php")
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|script|style|link|div|p|table)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(rb"<(?:html|body|div|p|br|table|span)[\s>/]", re.IGNORECASE)


def _suffix(name: str | None) -> str:
    if not name:
        return ""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _unsupported(name: str | None, what: str, how: str = _CONVERT_DOCX) -> UnsupportedFormat:
    shown = name or "<bytes>"
    return UnsupportedFormat(shown, f"is {what}, which zqdoc does not read: {how.format(file=shown if name else 'FILE')}")


def detect(data: bytes, name: str | None = None) -> str:
    """TEXT, HTML, DOCX, PDF, IMAGE, OFD or DOC; raises `UnsupportedFormat` for RTF, spreadsheets and
    presentations and `DamagedFile` for a ZIP that does not open. Unknown binary data is TEXT: the text
    loader refuses it."""
    suffix = _suffix(name)
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(_IMAGE_MAGIC) or (data.startswith(b"RIFF") and data[8:12] == b"WEBP") \
            or (data.startswith(b"BM") and suffix == ".bmp"):  # "BM" alone could start a text
        return IMAGE
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, name, suffix)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: the reader tells a Word document from the rest
        return DOC
    if data.lstrip().startswith(b"{\\rtf"):
        raise _unsupported(name, "an RTF document")
    if _looks_like_html(data, suffix):
        return HTML
    if suffix in _UNSUPPORTED_NAMES and data.strip():
        raise _unsupported(name, _UNSUPPORTED_NAMES[suffix])
    return TEXT


def _looks_like_html(data: bytes, suffix: str) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return False
    if _HTML_START.match(head):
        return True
    return suffix in _HTML_NAMES and bool(_HTML_TAG.search(data[:65536]))


MAX_MEMBERS = 5000
"""ZIP members a DOCX may have (a real one has a few dozen)."""


def _declared_members(data: bytes) -> int | None:
    """The member count of a ZIP's end-of-central-directory record, read before zipfile builds its
    list (a crafted archive can declare millions)."""
    i = data.rfind(b"PK\x05\x06", max(0, len(data) - 65536 - 22))
    if i < 0 or i + 22 > len(data):
        return None
    count = int.from_bytes(data[i + 10:i + 12], "little")
    return None if count == 0xFFFF else count  # 0xFFFF: ZIP64, counted by zipfile below


def _zip_kind(data: bytes, name: str | None, suffix: str) -> str:
    declared = _declared_members(data)
    if declared is not None and declared > MAX_MEMBERS:
        raise InputTooLarge(name or "<bytes>", f"is a ZIP archive of {declared} members, over the cap of {MAX_MEMBERS}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            types = z.read("[Content_Types].xml")[:65536] if "[Content_Types].xml" in names and z.getinfo("[Content_Types].xml").file_size < 1 << 20 else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError) as e:
        raise DamagedFile(name or "<bytes>", f"is a ZIP archive (DOCX/OFD/XLSX) that cannot be opened (damaged or truncated?): {e}") from e
    if len(names) > MAX_MEMBERS:
        raise InputTooLarge(name or "<bytes>", f"is a ZIP archive of {len(names)} members, over the cap of {MAX_MEMBERS}")
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return DOCX
    if any(n.lower().rsplit("/", 1)[-1] == "ofd.xml" for n in names):
        return OFD
    if any(n.startswith("xl/") for n in names):
        raise _unsupported(name, "a spreadsheet (XLSX)", "save the sheet as DOCX or text first")
    if any(n.startswith("ppt/") for n in names):
        raise _unsupported(name, "a presentation (PPTX)", "save it as PDF or DOCX first")
    what = _UNSUPPORTED_NAMES.get(suffix)
    if what:
        raise _unsupported(name, what)
    raise _unsupported(name, "a ZIP archive that is not a DOCX", "unpack it and parse the documents inside")

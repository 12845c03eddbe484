"""ZIP packages of XML parts (DOCX, OFD), read safely: caps on members and unpacked bytes, checked
on the declared sizes and again while inflating (a ZIP's sizes can lie); XML with a DTD is refused,
entities are never resolved and nothing is fetched."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..errors import DamagedFile, InputTooLarge
from .detect import MAX_MEMBERS

DEFAULT_MAX_UNPACKED = 40 * 1024 * 1024  # lxml takes about 20 bytes a byte of XML: ~800 MB at most
"""Unpacked bytes a DOCX or OFD may hold; override with ZQDOC_MAX_UNPACKED."""


def max_unpacked() -> int:
    """ZQDOC_MAX_UNPACKED, else DEFAULT_MAX_UNPACKED (ConfigError for a value that is no number)."""
    from ..load import size_setting

    return size_setting("ZQDOC_MAX_UNPACKED", DEFAULT_MAX_UNPACKED)


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'AEFHILMNORSX' else 'a'} {kind}"


def open_zip(data: bytes, shown: str, kind: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
        raise DamagedFile(shown, f"is {_a(kind)} (ZIP) that cannot be opened: {e}") from e


class Package:
    """A ZIP package (DOCX, OFD) read within caps: `MAX_MEMBERS` members, `max_unpacked()` bytes
    unpacked, counted on the declared sizes and again while inflating; XML without DTDs."""

    def __init__(self, z: zipfile.ZipFile, name: str, kind: str):
        self.z, self.name, self.kind = z, name, kind
        infos = z.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputTooLarge(name, f"is a ZIP archive of {len(infos)} members, over the cap of {MAX_MEMBERS}")
        self.budget = max_unpacked()
        declared = sum(i.file_size for i in infos)
        if declared > self.budget:
            raise InputTooLarge(name, f"is {_a(kind)} that unpacks to {declared} bytes, over the cap of {self.budget} "
                                      "(a ZIP bomb? set ZQDOC_MAX_UNPACKED to raise it)")
        self.names = {i.filename for i in infos}

    def read(self, path: str) -> bytes | None:
        if path not in self.names:
            return None
        chunks, total = [], 0
        try:
            with self.z.open(path) as f:
                while True:
                    chunk = f.read(1 << 16)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > self.budget:
                        raise InputTooLarge(self.name, f"is {_a(self.kind)} that unpacks to more than {max_unpacked()} bytes "
                                                       "(a ZIP bomb? set ZQDOC_MAX_UNPACKED to raise it)")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, ValueError, NotImplementedError) as e:
            raise DamagedFile(self.name, f"is {_a(self.kind)} whose member {path} cannot be read: {e}") from e
        self.budget -= total
        return b"".join(chunks)

    def xml(self, path: str):
        data = self.read(path)
        if data is None:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as e:
            raise DamagedFile(self.name, f"is {_a(self.kind)} whose {path} is not well-formed XML: {e}") from e
        if root.getroottree().docinfo.internalDTD is not None or root.getroottree().docinfo.doctype:
            # the parser saw a DTD wherever it stood (entities were not expanded): Word and OFD writers never write one
            raise DamagedFile(self.name, f"is {_a(self.kind)} whose {path} holds a DTD, which no producer writes: refused")
        return root


def join(folder: str, target: str) -> str:
    """`target` relative to `folder` (or absolute from the package root), `..` resolved."""
    if target.startswith("/"):
        return target[1:]
    parts = (folder.split("/") if folder else []) + target.split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)

"""The corpus store: parsed documents in one SQLite file (see docs/batch.md for the schema).

The store is written by one process only (the driver of `zqdoc batch`); parsing happens elsewhere
(worker processes, Dask workers), which turn each Document into plain rows with `document_rows`.
Every document is written whole in one transaction (a batch puts a few documents in one), in WAL
mode, so a run killed at any moment leaves every document either wholly in the store or not at all,
and readers (`zqdoc.Corpus`) can query while a batch is writing.

Rows are built from the sections and agency identities the graph files (`zqdoc.identity`), so
the agency ids, task paths and jurisdictions in the store are the graph's own
(`agency:肇庆市/市发展改革局`) and the store's queries give the graph's answers.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import zlib
from pathlib import Path
from typing import Iterable, Optional, Union

from .. import __version__
from ..errors import StoreBusy, StoreError, shown
from ..models import Document

__all__ = ["SCHEMA_VERSION", "Store", "content_hash", "document_rows", "merged_agencies", "DOC_PLACEHOLDER"]

SCHEMA_VERSION = 1
# The document id the worker builds the graph with; the driver puts the store's key in its place
# (agencies of unknown jurisdiction are scoped to their document: agency:(<key>)/有关部门).
DOC_PLACEHOLDER = "\ue000doc\ue000"

SCHEMA = """
CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- absolute path of the file (a name that is not UTF-8 with backslash-x escapes)
    key TEXT NOT NULL UNIQUE,           -- the graph's document id: file stem, ~2 ~3… when repeated
    content_hash TEXT NOT NULL,         -- sha256 of the file's bytes
    size INTEGER, mtime_ns INTEGER,
    parser_version TEXT NOT NULL,       -- zqdoc.__version__ that parsed it
    encoding TEXT,
    doc_number TEXT, issuer TEXT, title TEXT, plan_title TEXT, signed_date TEXT,
    jurisdiction TEXT,                  -- the document's own place (蔡甸区), as the graph has it
    meta_json TEXT,                     -- all of DocumentMeta as JSON
    warnings_json TEXT,
    n_sections INTEGER, n_tasks INTEGER, n_assignments INTEGER, n_targets INTEGER, n_projects INTEGER,
    chars INTEGER, parse_seconds REAL, parsed_at TEXT,
    doc_json BLOB,                      -- zlib-compressed Document.model_dump_json()
    raw_path BLOB                       -- the path's bytes when the name is not UTF-8, else NULL
);
CREATE TABLE IF NOT EXISTS sections (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,               -- depth-first order in the document, from 0
    parent_seq INTEGER,                 -- NULL for a top-level section
    path TEXT NOT NULL, level INTEGER, marker TEXT, style TEXT, number INTEGER,
    title TEXT, text TEXT, deadline TEXT, leaders_json TEXT, cells_json TEXT,
    is_task INTEGER NOT NULL,           -- has assignments or targets (a graph task node)
    span_start INTEGER, span_end INTEGER,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agencies (
    id TEXT PRIMARY KEY,                -- agency:<jurisdiction>/<name>, the graph's node id
    name TEXT NOT NULL, jurisdiction TEXT, stem TEXT
);
CREATE TABLE IF NOT EXISTS doc_agencies (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    agency_id TEXT NOT NULL,
    seq INTEGER NOT NULL,               -- order of first mention in the document
    name TEXT, jurisdiction TEXT, stem TEXT, kind TEXT, jurisdiction_source TEXT,
    aliases_json TEXT,                  -- names it was printed or resolved as in this document
    PRIMARY KEY (doc_id, agency_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_agencies_agency ON doc_agencies(agency_id);
CREATE TABLE IF NOT EXISTS assignments (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_seq INTEGER NOT NULL, seq INTEGER NOT NULL,
    agency_id TEXT NOT NULL, role TEXT NOT NULL,
    agency TEXT, canonical TEXT, jurisdiction TEXT, kind TEXT, clause TEXT,
    span_start INTEGER, span_end INTEGER,
    PRIMARY KEY (doc_id, section_seq, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS assignments_agency ON assignments(agency_id, role);
CREATE TABLE IF NOT EXISTS targets (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_seq INTEGER NOT NULL, seq INTEGER NOT NULL,
    raw TEXT, subject TEXT, value REAL, value_max REAL, unit TEXT, comparator TEXT,
    deadline TEXT, deadline_text TEXT, span_start INTEGER, span_end INTEGER,
    PRIMARY KEY (doc_id, section_seq, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS projects (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_seq INTEGER NOT NULL, seq INTEGER NOT NULL,
    name TEXT, kind TEXT, span_start INTEGER, span_end INTEGER,
    PRIMARY KEY (doc_id, section_seq, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- the latest failure of each file
    content_hash TEXT, size INTEGER, mtime_ns INTEGER, parser_version TEXT,
    error_class TEXT NOT NULL,          -- e.g. EmptyInput, UndecodableInput, Timeout, WorkerDied
    message TEXT NOT NULL,
    seconds REAL, failed_at TEXT,
    raw_path BLOB                       -- as in documents
);
CREATE TABLE IF NOT EXISTS agency_directory (  -- the agencies merged over documents, as the graph has them
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,               -- order of first mention in the corpus (documents by path)
    name TEXT, jurisdiction TEXT, stem TEXT,
    kind TEXT,                          -- the first kind known
    jurisdiction_source TEXT,
    aliases_json TEXT,                  -- every name printed or resolved, in order of first use
    n_documents INTEGER
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT, finished_at TEXT,  -- finished_at NULL: the run was interrupted
    engine TEXT, workers INTEGER, parser_version TEXT, files INTEGER,
    parsed INTEGER, unchanged INTEGER, failed INTEGER, seconds REAL
);
"""

CHILD_TABLES = ("sections", "doc_agencies", "assignments", "targets", "projects")
DOC_COLUMNS = (
    "encoding", "doc_number", "issuer", "title", "plan_title", "signed_date", "jurisdiction", "meta_json",
    "warnings_json", "n_sections", "n_tasks", "n_assignments", "n_targets", "n_projects", "chars",
    "parse_seconds", "doc_json",
)
_INSERT = {
    "sections": "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "doc_agencies": "INSERT INTO doc_agencies VALUES (?,?,?,?,?,?,?,?,?)",
    "assignments": "INSERT INTO assignments VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "targets": "INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "projects": "INSERT INTO projects VALUES (?,?,?,?,?,?,?)",
}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- Document → rows
# Runs where the parsing runs (a worker process, a Dask worker): the driver only inserts.


def _span(span) -> tuple:
    return (span[0], span[1]) if span else (None, None)


def _val(x):
    return getattr(x, "value", x)


def document_rows(doc: Document, parse_seconds: float = 0.0) -> dict:
    """The rows of one parsed document, for `Store.write_document`: a dict of plain, picklable
    values (``doc`` columns and one list of tuples per child table, without the document id).
    Agency ids of agencies without a jurisdiction hold `DOC_PLACEHOLDER` until the store names the
    document. The ids and agency identities are the graph's (`zqdoc.identity.section_entries`),
    made without building a graph."""
    from ..identity import TASK, agency_attributes, document_place, merge_agency, section_entries

    jur_obj, place = document_place(doc)
    entries = section_entries(doc, DOC_PLACEHOLDER, place, jur_obj)
    seq_of = {e.node: i for i, e in enumerate(entries)}
    agencies: dict[str, dict] = {}  # node id → attributes, in order of first assignment
    section_rows, assignment_rows, target_rows, project_rows = [], [], [], []
    n_tasks = 0
    for i, e in enumerate(entries):
        s = e.section
        is_task = e.kind == TASK
        n_tasks += is_task
        section_rows.append((
            i, seq_of.get(e.parent), e.path, s.level, s.marker, s.style, s.number, s.title, s.text, s.deadline,
            json.dumps(s.leaders, ensure_ascii=False) if s.leaders else None,
            json.dumps(s.cells, ensure_ascii=False) if s.cells is not None else None,
            int(is_task), *_span(s.span),
        ))
        for j, (a, ident) in enumerate(zip(s.assignments, e.agencies)):
            if ident.node not in agencies:
                agencies[ident.node] = agency_attributes(ident)
            merge_agency(agencies[ident.node], ident, a, DOC_PLACEHOLDER)
            assignment_rows.append((i, j, ident.node, _val(a.role), a.agency, a.canonical, a.jurisdiction, _val(a.kind),
                                    a.clause, *_span(a.span)))
        for j, t in enumerate(s.targets):
            target_rows.append((i, j, t.raw, t.subject, float(t.value), None if t.value_max is None else float(t.value_max),
                                t.unit, _val(t.comparator), t.deadline.isoformat() if t.deadline else None,
                                t.deadline_text, *_span(t.span)))
        for j, p in enumerate(s.projects):
            project_rows.append((i, j, p.name, p.kind, *_span(p.span)))
    agency_rows = [(n, d["name"], d["jurisdiction"], d["stem"]) for n, d in agencies.items()]
    doc_agencies = [(n, k, d["name"], d["jurisdiction"], d["stem"], d["kind"], d["jurisdiction_source"],
                     json.dumps(d["aliases"], ensure_ascii=False)) for k, (n, d) in enumerate(agencies.items())]
    meta = doc.meta
    return {
        "doc": {
            "encoding": doc.encoding, "doc_number": meta.doc_number, "issuer": meta.issuer, "title": meta.title,
            "plan_title": meta.plan_title, "signed_date": meta.signed_date.isoformat() if meta.signed_date else None,
            "jurisdiction": place, "meta_json": meta.model_dump_json(),
            "warnings_json": json.dumps(doc.warnings, ensure_ascii=False),
            "n_sections": len(entries), "n_tasks": n_tasks, "n_assignments": len(assignment_rows),
            "n_targets": len(target_rows), "n_projects": len(project_rows), "chars": len(doc.text),
            "parse_seconds": parse_seconds, "doc_json": zlib.compress(doc.model_dump_json().encode("utf-8"), 1),
        },
        "sections": section_rows, "agencies": agency_rows, "doc_agencies": doc_agencies,
        "assignments": assignment_rows, "targets": target_rows, "projects": project_rows,
    }


def _fill_key(rows: dict, key: str) -> dict:
    """Put the document's key where the worker left `DOC_PLACEHOLDER` (agency ids)."""
    def fix(s):
        return s.replace(DOC_PLACEHOLDER, key) if isinstance(s, str) and DOC_PLACEHOLDER in s else s

    out = dict(rows)
    out["agencies"] = [(fix(r[0]), *r[1:]) for r in rows["agencies"]]
    out["doc_agencies"] = [(fix(r[0]), *r[1:]) for r in rows["doc_agencies"]]
    out["assignments"] = [(*r[:2], fix(r[2]), *r[3:]) for r in rows["assignments"]]
    return out


def merged_agencies(conn) -> Iterable[dict]:
    """The agencies of all stored documents merged as `zqdoc.graph.build` merges them (documents
    in path order): ``id, name, jurisdiction, stem, kind`` (the first known),
    ``jurisdiction_source``, ``aliases`` (in order of first use) and ``n_documents``, in order of
    first mention."""
    merged: dict[str, dict] = {}
    cur = conn.execute(
        "SELECT da.agency_id, da.name, da.jurisdiction, da.stem, da.kind, da.jurisdiction_source, da.aliases_json "
        "FROM doc_agencies da JOIN documents d ON d.id = da.doc_id ORDER BY d.path, da.seq")
    for aid, name, jur, stem, kind, jsource, aliases in cur:
        a = merged.get(aid)
        if a is None:
            a = merged[aid] = {"id": aid, "name": name, "jurisdiction": jur, "stem": stem, "kind": kind,
                               "jurisdiction_source": jsource, "aliases": [], "n_documents": 0}
        elif a["kind"] is None and kind:
            a["kind"] = kind
        for x in json.loads(aliases or "[]"):
            if x not in a["aliases"]:
                a["aliases"].append(x)
        a["n_documents"] += 1
    return merged.values()


# --------------------------------------------------------------------------- the store


def _db_path(path: str) -> tuple[str, Optional[bytes]]:
    """(text, raw bytes or None): how a path is stored. SQLite text is UTF-8, so a name that is not
    (GBK names from Windows archives) is stored with \\xNN escapes and its bytes kept beside it."""
    text = shown(path)
    return text, (os.fsencode(path) if text != path else None)



class Store:
    """The SQLite file of a corpus. One writer at a time (`zqdoc batch`); any number of readers."""

    def __init__(self, path: Union[str, Path], *, readonly: bool = False, timeout: float = 30.0):
        self.path = Path(path)
        self.readonly = readonly
        self._grouped = False  # inside `transaction`: writes join it
        if readonly:
            if not self.path.exists():
                raise FileNotFoundError(f"{self.path}: no such store")
            self.conn = self._open_readonly(timeout)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives a crash of the process
            self.conn.executescript(SCHEMA)
            self._check_version()
            self._add_columns()
        self.conn.execute("PRAGMA foreign_keys=ON")

    def _open_readonly(self, timeout: float) -> sqlite3.Connection:
        """A read-only connection. In a folder this process cannot write, SQLite cannot make the WAL
        index (-shm) a reader needs; a store whose last batch ended (its WAL checkpointed away) is
        then read as immutable."""
        from urllib.parse import quote

        base = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        conn = sqlite3.connect(base, uri=True, timeout=timeout, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            wal = Path(f"{self.path}-wal")
            if wal.exists() and wal.stat().st_size:
                raise StoreError(str(self.path), "its folder is read-only and it holds writes not yet checkpointed "
                                                 "(a batch was interrupted): copy it to a writable folder to read it")
            return sqlite3.connect(base + "&immutable=1", uri=True, timeout=timeout, isolation_level=None)

    def _add_columns(self) -> None:
        """Columns added to schema 1 since it was first written (a store of an older zqdoc gets them)."""
        for table in ("documents", "errors"):
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            if "raw_path" not in have:
                self.conn.execute(f"ALTER TABLE {table} ADD COLUMN raw_path BLOB")

    def _check_version(self) -> None:
        row = self.conn.execute("SELECT value FROM store_info WHERE key='schema_version'").fetchone()
        if row is None:
            self.conn.execute("INSERT INTO store_info VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) != SCHEMA_VERSION:
            raise StoreError(str(self.path), f"store schema {row[0]}, this zqdoc reads schema {SCHEMA_VERSION}")

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def writer_lock(self, what: str = "zqdoc batch"):
        """Hold the store's writer lock (an flock on STORE.lock, released by the kernel however the
        holder ends) for a batch; StoreBusy naming the running batch if another one holds it."""
        import fcntl

        lock = f"{self.path}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip() or "a batch"
                raise StoreBusy(str(self.path), f"another batch is writing it ({holder}); wait for it to end") from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{what}, pid {os.getpid()}, since {_now()}".encode(), 0)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ----------------------------------------------------------------------- reading state

    def state(self, path: str) -> Optional[tuple]:
        """(content_hash, parser_version, size, mtime_ns) of a stored document, or None."""
        return self.conn.execute(
            "SELECT content_hash, parser_version, size, mtime_ns FROM documents WHERE path=?", (shown(path),)).fetchone()

    def error_state(self, path: str) -> Optional[tuple]:
        """(content_hash, parser_version, size, mtime_ns) of a recorded failure, or None."""
        return self.conn.execute(
            "SELECT content_hash, parser_version, size, mtime_ns FROM errors WHERE path=?", (shown(path),)).fetchone()

    def count(self, table: str = "documents") -> int:
        if table not in (*CHILD_TABLES, "documents", "agencies", "agency_directory", "errors", "runs"):
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def errors(self) -> list[dict]:
        cur = self.conn.execute("SELECT path, error_class, message, content_hash, parser_version, seconds, failed_at "
                                "FROM errors ORDER BY path")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur]

    def document(self, which: Union[str, int]) -> Document:
        """The stored Document of a path, key or id."""
        if isinstance(which, int):
            row = self.conn.execute("SELECT doc_json FROM documents WHERE id=?", (which,)).fetchone()
        else:
            row = self.conn.execute("SELECT doc_json FROM documents WHERE path=? OR key=?",
                                    (shown(os.path.abspath(which)), which)).fetchone()
        if row is None:
            raise KeyError(which)
        return Document.model_validate_json(zlib.decompress(row[0]))

    def documents(self) -> Iterable[tuple[str, Document]]:
        """(key, Document) of every stored document, by path."""
        for key, blob in self.conn.execute("SELECT key, doc_json FROM documents ORDER BY path"):
            yield key, Document.model_validate_json(zlib.decompress(blob))

    # ----------------------------------------------------------------------- writing

    def _key_for(self, path: str) -> str:
        stem = Path(path).stem
        key, n = stem, 2
        while self.conn.execute("SELECT 1 FROM documents WHERE key=?", (key,)).fetchone():
            key, n = f"{stem}~{n}", n + 1
        return key

    def write_document(self, path: str, digest: str, size: Optional[int], mtime_ns: Optional[int], rows: dict,
                       parser_version: str = __version__) -> int:
        """Store one parsed document (replacing an earlier parse of the same path) in one
        transaction; clears a recorded failure of the path. Returns the document id."""
        path, raw = _db_path(path)
        c = self.conn
        with self._transaction():
            old = c.execute("SELECT id, key FROM documents WHERE path=?", (path,)).fetchone()
            doc = rows["doc"]
            values = [doc[k] for k in DOC_COLUMNS]
            if old:
                doc_id, key = old
                for t in CHILD_TABLES:
                    c.execute(f"DELETE FROM {t} WHERE doc_id=?", (doc_id,))
                c.execute(
                    "UPDATE documents SET content_hash=?, size=?, mtime_ns=?, parser_version=?, parsed_at=?, "
                    + ", ".join(f"{k}=?" for k in DOC_COLUMNS) + " WHERE id=?",
                    (digest, size, mtime_ns, parser_version, _now(), *values, doc_id))
            else:
                key = self._key_for(path)
                cur = c.execute(
                    "INSERT INTO documents (path, raw_path, key, content_hash, size, mtime_ns, parser_version, parsed_at, "
                    + ", ".join(DOC_COLUMNS) + ") VALUES (" + ",".join("?" * (8 + len(DOC_COLUMNS))) + ")",
                    (path, raw, key, digest, size, mtime_ns, parser_version, _now(), *values))
                doc_id = cur.lastrowid
            rows = _fill_key(rows, key)
            c.executemany("INSERT OR IGNORE INTO agencies VALUES (?,?,?,?)", rows["agencies"])
            for t in CHILD_TABLES:
                if rows[t]:
                    c.executemany(_INSERT[t], [(doc_id, *r) for r in rows[t]])
            c.execute("DELETE FROM errors WHERE path=?", (path,))
            self._bump(c)
        return doc_id

    def write_error(self, path: str, error_class: str, message: str, *, digest: Optional[str] = None,
                    size: Optional[int] = None, mtime_ns: Optional[int] = None, seconds: Optional[float] = None,
                    parser_version: str = __version__) -> bool:
        """Record the failure of a file (replacing an earlier one). A stored parse of the file is
        removed only when the file was read and its content is no longer the one stored (it then
        no longer says what the file holds); after a timeout, a killed worker, a passing read error
        or a file gone, the good parse stays and the error is recorded beside it. Returns whether a
        stored document was removed."""
        path, raw = _db_path(path)
        c = self.conn
        with self._transaction():
            stale = digest is not None and c.execute(
                "SELECT 1 FROM documents WHERE path=? AND content_hash<>?", (path, digest)).fetchone() is not None
            if stale:
                c.execute("DELETE FROM documents WHERE path=?", (path,))
            c.execute(
                "INSERT INTO errors (path, raw_path, content_hash, size, mtime_ns, parser_version, error_class, message, "
                "seconds, failed_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET "
                "content_hash=excluded.content_hash, size=excluded.size, mtime_ns=excluded.mtime_ns, "
                "parser_version=excluded.parser_version, error_class=excluded.error_class, message=excluded.message, "
                "seconds=excluded.seconds, failed_at=excluded.failed_at",
                (path, raw, digest, size, mtime_ns, parser_version, error_class, shown(message), seconds, _now()))
            self._bump(c)
        return stale

    def touch(self, path: str, size: Optional[int], mtime_ns: Optional[int]) -> None:
        """Remember the size and time of a file found unchanged by its hash (the next run skips it
        without reading it)."""
        self.conn.execute("UPDATE documents SET size=?, mtime_ns=? WHERE path=?", (size, mtime_ns, shown(path)))

    def missing(self, table: str = "errors") -> list[tuple[str, str]]:
        """(stored path, file system path) of the rows of `table` (documents or errors) whose file no
        longer exists."""
        if table not in ("documents", "errors"):
            raise ValueError(table)
        gone = []
        for path, raw in self.conn.execute(f"SELECT path, raw_path FROM {table} ORDER BY path"):
            real = os.fsdecode(raw) if raw is not None else path
            if not os.path.lexists(real):
                gone.append((path, real))
        return gone

    def forget(self, table: str, paths: Iterable[str]) -> int:
        """Delete the rows of `table` (documents or errors) of these stored paths; returns how many."""
        if table not in ("documents", "errors"):
            raise ValueError(table)
        c = self.conn
        with self._transaction():
            n = sum(c.execute(f"DELETE FROM {table} WHERE path=?", (p,)).rowcount for p in paths)
            if n:
                self._bump(c)
        return n

    @contextlib.contextmanager
    def transaction(self):
        """One transaction around several writes (`write_document`, `write_error`, `touch`): all of
        them are stored or none is. A batch writes a few documents per transaction this way; each
        document is still whole or absent."""
        if self._grouped:
            yield self.conn
            return
        with self._transaction() as c:
            self._grouped = True
            try:
                yield c
            finally:
                self._grouped = False

    @contextlib.contextmanager
    def _transaction(self):
        """BEGIN IMMEDIATE … COMMIT (or a part of the enclosing `transaction`); on any error a
        rollback that cannot hide it (after a disk-full error SQLite may have rolled back already:
        "cannot rollback - no transaction is active")."""
        c = self.conn
        if self._grouped:
            yield c
            return
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            if c.in_transaction:
                try:
                    c.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise
        c.execute("COMMIT")

    @staticmethod
    def _bump(c) -> None:
        """Count a change of the documents (the agency directory is fresh while it has the same count)."""
        c.execute("INSERT INTO store_info VALUES ('data_version', '1') "
                  "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def directory_is_fresh(self) -> bool:
        rows = dict(self.conn.execute("SELECT key, value FROM store_info WHERE key IN ('data_version', 'directory_version')"))
        return rows.get("directory_version") is not None and rows.get("directory_version") == rows.get("data_version", "0")

    def refresh_directory(self) -> int:
        """Write the merged agencies (`agency_directory`), so that queries need not merge them from
        every document; returns how many. `zqdoc batch` calls it at the end of a run."""
        rows = list(merged_agencies(self.conn))
        c = self.conn
        with self._transaction():
            version = c.execute("SELECT value FROM store_info WHERE key='data_version'").fetchone()
            c.execute("DELETE FROM agency_directory")
            c.executemany("INSERT INTO agency_directory VALUES (?,?,?,?,?,?,?,?,?)",
                          [(a["id"], i, a["name"], a["jurisdiction"], a["stem"], a["kind"], a["jurisdiction_source"],
                            json.dumps(a["aliases"], ensure_ascii=False), a["n_documents"]) for i, a in enumerate(rows)])
            c.execute("INSERT INTO store_info VALUES ('directory_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                      (version[0] if version else "0",))
        return len(rows)

    def prune_agencies(self) -> None:
        """Drop agencies no stored document names any more (after re-parses)."""
        self.conn.execute("DELETE FROM agencies WHERE id NOT IN (SELECT agency_id FROM doc_agencies)")

    def start_run(self, engine: str, workers: int, files: int) -> int:
        cur = self.conn.execute("INSERT INTO runs (started_at, engine, workers, parser_version, files) VALUES (?,?,?,?,?)",
                                (_now(), engine, workers, __version__, files))
        return cur.lastrowid

    def finish_run(self, run_id: int, parsed: int, unchanged: int, failed: int, seconds: float) -> None:
        self.conn.execute("UPDATE runs SET finished_at=?, parsed=?, unchanged=?, failed=?, seconds=? WHERE id=?",
                          (_now(), parsed, unchanged, failed, seconds, run_id))

    def checkpoint(self) -> None:
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:  # a reader holds the WAL: it is checkpointed later
            pass


"""Queries on a corpus store: `zqdoc.Corpus("corpus.sqlite")`.

The queries are those of `zqdoc.graph` — `who`, `tasks_of`, `owners`, `find_tasks`, `agencies_of`,
`workload`, `find_agencies` — answered from the store's tables with SQL, with the same rows in the
same order as the graph functions give on `Corpus.graph()` (the graph of every stored document,
in path order, with the store's document keys as ids). Exports to Parquet and CSV serve pandas and
DuckDB users.

    >>> import zqdoc
    >>> corpus = zqdoc.Corpus("corpus.sqlite")
    >>> corpus.who("发改局")                       # every 发展改革局, with its tasks by role
    >>> corpus.owners("高速")                      # tasks mentioning 高速 and who owns them
    >>> corpus.workload()[:10]                    # the busiest agencies
    >>> G = corpus.graph()                        # networkx MultiDiGraph of zqdoc.graph.build
    >>> corpus.export("out/", "parquet")          # one file per table
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import networkx as nx

from ..graph.rows import (AgencyRoleRow, AgencyRow, DocumentRow, ErrorRow, LineageRow, OwnersRow, TaskRoleRow,
                          TaskRow, WhoRow, WorkloadRow)
from ..models import Document, Role
from ..normalize import fold
from .store import Store, merged_agencies

__all__ = ["Corpus", "EXPORT_TABLES"]

ROLES = tuple(r.value for r in Role)
_ROLE_ORDER = "CASE role " + " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(ROLES)) + " END"
EXPORT_TABLES = ("documents", "sections", "agencies", "doc_agencies", "assignments", "targets", "projects", "errors")
"""`agencies` is the merged agency (`agency_directory`): first kind, all aliases, number of documents."""


def _check_roles(role) -> Optional[set]:
    if role is None:
        return None
    roles = {role} if isinstance(role, (str, Role)) else set(role)
    roles = {getattr(r, "value", r) for r in roles}
    bad = roles - set(ROLES)
    if bad:
        raise ValueError(f"unknown role {', '.join(sorted(bad))}; expected one of {', '.join(ROLES)}")
    return roles


class Corpus:
    """A read-only view of a store written by `zqdoc batch` (it may be read while a batch writes)."""

    def __init__(self, path: Union[str, os.PathLike]):
        self.path = Path(path)
        self.store = Store(self.path, readonly=True)
        self.conn = self.store.conn
        self.conn.create_function("zqfold", 1, lambda s: fold(s) if s else "", deterministic=True)
        self._dir: Optional[nx.MultiDiGraph] = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __len__(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r}: {len(self)} documents)"

    def refresh(self) -> None:
        """Forget cached data (after a batch wrote more documents)."""
        self._dir = None

    # ----------------------------------------------------------------------- documents

    def _rows(self, sql: str, params: Sequence = ()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur]

    def documents(self) -> list[DocumentRow]:
        """One row per stored document (key, path, doc_number, issuer, title, plan_title,
        signed_date, jurisdiction, counts), by path."""
        return self._rows(
            "SELECT key, path, doc_number, issuer, title, plan_title, signed_date, jurisdiction, n_sections, n_tasks, "
            "n_assignments, n_targets, n_projects, content_hash, parser_version, parsed_at FROM documents ORDER BY path")

    def document(self, which: Union[str, int]) -> Document:
        """The Document of a key, path or id, as parsed."""
        return self.store.document(which)

    def iter_documents(self):
        """(key, Document) of every document, by path."""
        return self.store.documents()

    def errors(self) -> list[ErrorRow]:
        """The files that failed: path, error_class, message, …"""
        return self.store.errors()  # type: ignore[return-value]

    def graph(self) -> nx.MultiDiGraph:
        """The `zqdoc.graph.build` graph of the whole corpus (documents in path order, their store
        keys as ids). Rebuilt from the stored Documents: it holds the whole corpus in memory."""
        from ..graph import build

        keys, docs = [], []
        for key, doc in self.store.documents():
            keys.append(key)
            docs.append(doc)
        return build(docs, ids=keys)

    # ----------------------------------------------------------------------- agencies

    def _directory(self) -> nx.MultiDiGraph:
        """The agency nodes of the corpus graph alone (same ids, attributes and order, less the list
        of documents), for the graph's own name matching (`zqdoc.graph.find_agencies`). Read from
        the store's `agency_directory` when a batch wrote it after the last change, else merged
        from every document here."""
        if self._dir is not None:
            return self._dir
        if self.store.directory_is_fresh():
            rows = ({"id": r[0], "name": r[1], "jurisdiction": r[2], "stem": r[3], "kind": r[4], "jurisdiction_source": r[5],
                     "aliases": json.loads(r[6] or "[]"), "n_documents": r[7]}
                    for r in self.conn.execute("SELECT id, name, jurisdiction, stem, kind, jurisdiction_source, "
                                               "aliases_json, n_documents FROM agency_directory ORDER BY ord"))
        else:
            rows = merged_agencies(self.conn)
        D = nx.MultiDiGraph()
        for a in rows:
            D.add_node(a["id"], type="agency", label=a["name"], name=a["name"], jurisdiction=a["jurisdiction"],
                       jurisdiction_source=a["jurisdiction_source"], stem=a["stem"], kind=a["kind"],
                       aliases=a["aliases"], n_documents=a["n_documents"])
        self._dir = D
        return D

    def agencies(self) -> list[str]:
        """Every agency id (``agency:<jurisdiction>/<name>``), in order of first mention."""
        return list(self._directory().nodes)

    def agency(self, agency_id: str) -> dict:
        """The attributes of an agency (those of its graph node): name, jurisdiction, kind, stem,
        aliases, documents (keys)."""
        d = dict(self._directory().nodes[agency_id])
        del d["n_documents"]
        d["documents"] = [k for (k,) in self.conn.execute(
            "SELECT d.key FROM doc_agencies da JOIN documents d ON d.id = da.doc_id WHERE da.agency_id = ? ORDER BY d.path",
            (agency_id,))]
        return d

    def find_agencies(self, query: str) -> list[str]:
        """Agency ids that `query` names (see `zqdoc.graph.find_agencies`: ids, names and aliases,
        alias-resolved names without the jurisdiction, substrings)."""
        from ..graph import find_agencies

        return find_agencies(self._directory(), query)

    def suggest_agencies(self, query: str, n: int = 5) -> list[str]:
        from ..graph import suggest_agencies

        return suggest_agencies(self._directory(), query, n)

    def resolve_agency(self, agency: str) -> str:
        """One agency id; `networkx.NodeNotFound` if none matches, ValueError if several do."""
        from ..graph import resolve_agency

        return resolve_agency(self._directory(), agency)

    def _agency_row(self, a: str) -> AgencyRow:
        d = self._directory().nodes[a]
        return {"agency": a, "name": d["name"], "jurisdiction": d.get("jurisdiction"), "kind": d.get("kind")}

    # ----------------------------------------------------------------------- tasks

    def tasks_of(self, agency: str, role=None) -> list[TaskRoleRow]:
        """The tasks an agency is named on, one row per task and role (``task, document, path,
        title, role``), in document order: `zqdoc.graph.tasks_of`."""
        a = self.resolve_agency(agency)
        return self._tasks_of_id(a, _check_roles(role))

    def _tasks_of_id(self, a: str, roles: Optional[set]) -> list[TaskRoleRow]:
        sql = ("SELECT DISTINCT d.key, s.path, s.title, a.role, d.path AS dpath, s.seq, " + _ROLE_ORDER.replace("role", "a.role", 1) +
               " AS ro FROM assignments a JOIN sections s ON s.doc_id = a.doc_id AND s.seq = a.section_seq "
               "JOIN documents d ON d.id = a.doc_id WHERE a.agency_id = ?")
        params: list = [a]
        if roles is not None:
            sql += f" AND a.role IN ({','.join('?' * len(roles))})"
            params += sorted(roles)
        sql += " ORDER BY dpath, s.seq, ro"
        return [{"task": f"task:{key}/{path}", "document": key, "path": path, "title": title, "role": role}
                for key, path, title, role, *_ in self.conn.execute(sql, params)]

    def who(self, agency: str, role=None) -> list[WhoRow]:
        """Every agency `agency` names, with its tasks: ``agency, name, jurisdiction, kind, aliases,
        matched`` (how the name matched: id / function / name / stem / substring), ``counts`` (tasks per role) and ``tasks`` (those of `role`, or all) — the rows of
        ``zqdoc who --json``; [] when nothing matches."""
        from ..graph import match_agencies

        roles = _check_roles(role)
        out = []
        found, how = match_agencies(self._directory(), agency)
        for a in found:
            d = self._directory().nodes[a]
            every = self._tasks_of_id(a, None)
            rows = every if roles is None else [r for r in every if r["role"] in roles]
            counts = {r: sum(1 for x in every if x["role"] == r) for r in ROLES}
            out.append({"agency": a, "name": d["name"], "jurisdiction": d.get("jurisdiction"), "kind": d.get("kind"),
                        "aliases": list(d.get("aliases", [])), "matched": how, "counts": counts, "tasks": rows})
        return out

    def workload(self, *, documents: Optional[Iterable[str]] = None) -> list[WorkloadRow]:
        """Per agency: tasks it leads, joins and is responsible for, their sum (``assignments``) and
        its distinct tasks (``tasks``), busiest first: `zqdoc.graph.workload`. `documents` limits
        the count to those document keys."""
        where, params = "", []
        if documents is not None:
            keys = list(documents)
            where = f"WHERE doc_id IN (SELECT id FROM documents WHERE key IN ({','.join('?' * len(keys))}))"
            params = keys
        sql = ("WITH e AS (SELECT DISTINCT agency_id, doc_id, section_seq, role FROM assignments " + where + ") "
               "SELECT agency_id, sum(role = 'lead'), sum(role = 'participant'), sum(role = 'responsible'), count(*), "
               "count(DISTINCT doc_id || ':' || section_seq) FROM e GROUP BY agency_id")
        rows = []
        for aid, lead, part, resp, total, ntasks in self.conn.execute(sql, params):
            rows.append({**self._agency_row(aid), "lead": lead, "participant": part, "responsible": resp,
                         "assignments": total, "tasks": ntasks})
        return sorted(rows, key=lambda r: (-r["assignments"], -r["lead"], r["agency"]))

    def find_tasks(self, keyword: Optional[str] = None, *, section: Optional[str] = None,
                   document: Optional[str] = None) -> list[TaskRow]:
        """Tasks whose title or text holds `keyword` (full- and half-width alike), or at or under
        `section` (a path, or a section/task id); ``task, document, path, title`` in document
        order: `zqdoc.graph.find_tasks`."""
        return [{"task": f"task:{key}/{path}", "document": key, "path": path, "title": title}
                for key, path, title, *_ in self._find(keyword, section, document)]

    def _find(self, keyword, section, document):
        sql = ("SELECT d.key, s.path, s.title, s.doc_id, s.seq FROM sections s JOIN documents d ON d.id = s.doc_id "
               "WHERE s.is_task = 1")
        params: list = []
        prefix_doc = prefix_path = None
        if section:
            if ":" in section and "/" in section:
                prefix_doc, prefix_path = section.split(":", 1)[1].split("/", 1)
            else:
                prefix_path = section
        for key in (document, prefix_doc):
            if key:
                sql += " AND d.key = ?"
                params.append(key)
        if prefix_path:
            sql += " AND (s.path = ? OR substr(s.path, 1, ?) = ?)"
            params += [prefix_path, len(prefix_path) + 1, prefix_path + "."]
        if keyword:
            fk = fold(keyword)
            sql += " AND (instr(zqfold(s.title), ?) > 0 OR instr(zqfold(s.text), ?) > 0)"
            params += [fk, fk]
        sql += " ORDER BY d.path, s.seq"
        return self.conn.execute(sql, params).fetchall()

    # per document: sections (seq → parent, path, is_task) and assignments by section
    def _doc_view(self, doc_id: int, cache: dict) -> tuple[str, dict, dict]:
        if doc_id in cache:
            return cache[doc_id]
        key = self.conn.execute("SELECT key FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        sections = {seq: (parent, path, is_task) for seq, parent, path, is_task in self.conn.execute(
            "SELECT seq, parent_seq, path, is_task FROM sections WHERE doc_id = ?", (doc_id,))}
        by_section: dict[int, list] = {}
        for sseq, aid, role, printed in self.conn.execute(
                "SELECT section_seq, agency_id, role, agency FROM assignments WHERE doc_id = ? ORDER BY section_seq, seq",
                (doc_id,)):
            by_section.setdefault(sseq, []).append((aid, role, printed))
        cache[doc_id] = (key, sections, by_section)
        return cache[doc_id]

    def _direct(self, assignments: list) -> list[AgencyRoleRow]:
        """The graph's in-edges of a task: one row per agency and role, agencies in order of first
        mention, then stably by role."""
        first: dict[str, int] = {}
        edges: dict[tuple, list] = {}
        for i, (aid, role, printed) in enumerate(assignments):
            first.setdefault(aid, i)
            names = edges.setdefault((aid, role), [])
            if printed not in names:
                names.append(printed)
        order = sorted(edges, key=lambda e: (ROLES.index(e[1]), first[e[0]]))
        return [{**self._agency_row(aid), "role": role, "printed": list(edges[(aid, role)])} for aid, role in order]

    def _agencies_of(self, doc_id: int, seq: int, inherited: bool, cache: dict) -> list[AgencyRoleRow]:
        key, sections, by_section = self._doc_view(doc_id, cache)
        rows = self._direct(by_section.get(seq, []))
        if rows or not inherited:
            return rows
        p = sections[seq][0]
        while p is not None:
            rows = self._direct(by_section.get(p, []))
            if rows:
                parent, path, is_task = sections[p]
                where = f"{'task' if is_task else 'section'}:{key}/{path}"
                return [{**r, "inherited_from": where} for r in rows]
            p = sections[p][0]
        return []

    def agencies_of(self, task: str, *, inherited: bool = False) -> list[AgencyRoleRow]:
        """The agencies of a task (``agency, name, jurisdiction, kind, role, printed``), leads
        first; with `inherited`, those of the nearest section above when it names none:
        `zqdoc.graph.agencies_of`. `task`: ``task:<key>/<path>``, ``section:…`` or ``<key>/<path>``."""
        kind, _, rest = task.partition(":") if task.startswith(("task:", "section:")) else ("", "", task)
        key, _, path = rest.partition("/")
        row = self.conn.execute(
            "SELECT s.doc_id, s.seq, s.is_task FROM sections s JOIN documents d ON d.id = s.doc_id "
            "WHERE d.key = ? AND s.path = ?", (key, path)).fetchone()
        if row is None or (kind == "" and not row[2]) or (kind == "task" and not row[2]) or (kind == "section" and row[2]):
            raise nx.NodeNotFound(f"no task {task!r}")
        return self._agencies_of(row[0], row[1], inherited, {})

    def owners(self, keyword: Optional[str] = None, *, section: Optional[str] = None,
               document: Optional[str] = None, within: Optional[str] = None,
               function: Optional[str] = None) -> list[OwnersRow]:
        """`find_tasks` with each task's agencies by role (``lead, participant, responsible``: lists
        of names) and ``inherited_from``; `within` and `function` narrow them: `zqdoc.graph.owners`."""
        from ..graph.queries import agency_filter, owners_row

        keep = agency_filter(within, function) if within or function else None
        out, cache = [], {}
        for key, path, title, doc_id, seq in self._find(keyword, section, document):
            if len(cache) > 64:
                cache.clear()
            row = owners_row({"task": f"task:{key}/{path}", "document": key, "path": path, "title": title},
                             self._agencies_of(doc_id, seq, True, cache), keep)
            if row is not None:
                out.append(row)
        return out

    # ----------------------------------------------------------------------- lineage

    def lineage(self, child: str, parent: str, *, threshold: Optional[float] = None) -> list[LineageRow]:
        """The tasks of the stored document `child` (a key or path) and the tasks of `parent` they
        implement (`zqdoc.lineage.align`): rows of ``child, child_title, parent, parent_title, score``
        with task ids as the graph has them (``task:KEY/PATH`` or ``section:KEY/PATH``); a child task
        with no parent has parent None."""
        from ..graph.lineage import _node
        from ..lineage import DEFAULT_THRESHOLD, align

        keys = {}
        for which in (child, parent):
            row = self.conn.execute("SELECT key FROM documents WHERE key=? OR path=?", (which, which)).fetchone()
            if row is None:
                raise KeyError(which)
            keys[which] = row[0]
        rows = []
        for a in align(self.document(keys[child]), self.document(keys[parent]),
                       threshold=DEFAULT_THRESHOLD if threshold is None else threshold):
            base = {"child": _node(keys[child], a.child.section), "child_title": a.child.title}
            rows += [{**base, "parent": _node(keys[parent], m.task.section), "parent_title": m.task.title,
                      "score": round(m.score, 4)} for m in a.parents] or [{**base, "parent": None,
                                                                            "parent_title": None, "score": None}]
        return rows

    # ----------------------------------------------------------------------- export

    def _table_query(self, name: str) -> tuple[str, list[tuple[str, str]]]:
        """SQL and (column, SQLite type) of an exported table."""
        if name not in EXPORT_TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(EXPORT_TABLES)}")
        if name == "agencies":  # the merged agency: its first kind, all its aliases, its documents
            cols = [("id", "TEXT"), ("name", "TEXT"), ("jurisdiction", "TEXT"), ("stem", "TEXT"), ("kind", "TEXT"),
                    ("aliases", "TEXT"), ("n_documents", "INTEGER")]
            return "", cols
        info = self.conn.execute(f"PRAGMA table_info({name})").fetchall()
        cols = [(r[1], (r[2] or "").upper()) for r in info if r[1] not in ("doc_json", "raw_path")]
        return f"SELECT {', '.join(c for c, _ in cols)} FROM {name}", cols

    def table(self, name: str) -> Iterable[tuple]:
        """The rows of an exported table (see `EXPORT_TABLES`)."""
        sql, _ = self._table_query(name)
        if name == "agencies":
            for a, d in self._directory().nodes(data=True):
                yield (a, d["name"], d.get("jurisdiction"), d.get("stem"), d.get("kind"),
                       json.dumps(d.get("aliases") or [], ensure_ascii=False), d["n_documents"])
            return
        yield from self.conn.execute(sql)

    def to_frame(self, name: str):
        """A pandas DataFrame of a table (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as err:  # pragma: no cover
            raise ImportError("to_frame needs pandas: pip install 'zqdoc[pandas]'") from err
        _, cols = self._table_query(name)
        return pd.DataFrame.from_records(list(self.table(name)), columns=[c for c, _ in cols])

    def export(self, directory: Union[str, os.PathLike], format: str = "parquet",
               tables: Optional[Iterable[str]] = None, batch_rows: int = 50_000) -> list[Path]:
        """Write each table (default: all of `EXPORT_TABLES`) to `directory` as NAME.parquet
        (needs pyarrow: pip install 'zqdoc[parquet]') or NAME.csv (UTF-8, a header row); the
        documents table leaves out the compressed Document JSON. Returns the files written."""
        fmt = format.lower()
        if fmt not in ("parquet", "csv"):
            raise ValueError(f"unknown format {format!r}; use parquet or csv")
        if fmt == "parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError as err:
                raise ImportError("Parquet export needs pyarrow: pip install 'zqdoc[parquet]'") from err
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in (list(tables) if tables else EXPORT_TABLES):
            _, cols = self._table_query(name)
            names = [c for c, _ in cols]
            path = out / f"{name}.{fmt}"
            rows = self.table(name)
            if fmt == "csv":
                with open(path, "w", encoding="utf-8", newline="") as f:
                    w = csv.writer(f)
                    w.writerow(names)
                    w.writerows(rows)
            else:
                types = {"INTEGER": pa.int64(), "REAL": pa.float64(), "BLOB": pa.binary()}
                dates = _DATE_COLUMNS.get(name, ())
                schema = pa.schema([(c, pa.date32() if c in dates else types.get(t, pa.string())) for c, t in cols])
                with pq.ParquetWriter(str(path), schema) as w:
                    batch: list[tuple] = []
                    for r in rows:
                        batch.append(r)
                        if len(batch) >= batch_rows:
                            w.write_table(_arrow(pa, schema, names, batch, dates))
                            batch = []
                    if batch:
                        w.write_table(_arrow(pa, schema, names, batch, dates))
            written.append(path)
        return written


_DATE_COLUMNS = {"documents": ("signed_date",), "targets": ("deadline",)}  # ISO text in SQLite, dates in Parquet


def _arrow(pa, schema, names, batch, dates=()):
    import datetime as dt

    columns = list(zip(*batch)) if batch else [[] for _ in names]
    columns = [[dt.date.fromisoformat(v[:10]) if v else None for v in c] if n in dates else list(c)
               for c, n in zip(columns, names)]
    return pa.Table.from_arrays([pa.array(c, type=schema.field(n).type) for c, n in zip(columns, names)],
                                schema=schema)


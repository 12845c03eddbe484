"""`zqdoc explore --db STORE`: browse and query a store in Datasette (the optional extra
``pip install 'zqdoc[explore]'``).

Before serving, three tables are (re)written into the store for exploring: ``explore_agencies`` (the
agencies with their government and function class, as `zqdoc who --function` sees them),
``explore_terms`` (every short or printed name zqdoc's alias table knows → its function class, so
that 发改局 finds 市发展改革局 and 省发展改革委) and ``explore_tasks`` (an FTS5 index of every task's
title and text, by trigrams: the search box finds words of three characters or more). Datasette
serves the store with facets by government, role and function, the full-text search, and the canned
queries of `CANNED`: who owns what, the busiest agencies, the tasks that mention a word (any length),
the tasks two agencies share.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Optional

__all__ = ["CANNED", "metadata", "prepare"]

_MATCH = ("(a.agency LIKE '%' || :{p} || '%' OR a.canonical LIKE '%' || :{p} || '%' "
          "OR e.function = (SELECT function FROM explore_terms WHERE term = :{p}) OR e.function = :{p})")

CANNED = {
    "who_owns_what": {
        "title": "Who owns what: the tasks of an agency (any printed or short name, or a function class)",
        "sql": "SELECT d.key AS document, s.path, s.title AS task, a.role, a.agency, e.jurisdiction, e.function "
               "FROM assignments a JOIN sections s ON s.doc_id = a.doc_id AND s.seq = a.section_seq "
               "JOIN documents d ON d.id = a.doc_id LEFT JOIN explore_agencies e ON e.agency_id = a.agency_id "
               f"WHERE {_MATCH.format(p='agency')} ORDER BY e.jurisdiction, d.key, s.seq",
    },
    "busiest_agencies": {
        "title": "The busiest agencies: tasks led, joined and held responsible for",
        "sql": "SELECT e.name, e.jurisdiction, e.function, sum(a.role = 'lead') AS lead, "
               "sum(a.role = 'participant') AS participant, sum(a.role = 'responsible') AS responsible, "
               "count(*) AS assignments FROM assignments a JOIN explore_agencies e ON e.agency_id = a.agency_id "
               "GROUP BY a.agency_id ORDER BY assignments DESC LIMIT 200",
    },
    "tasks_mentioning": {
        "title": "The tasks that mention a word, and who owns them (any length; the search box needs three characters)",
        "sql": "SELECT d.key AS document, s.path, s.title AS task, group_concat(a.role || ': ' || a.agency, '；') AS owners "
               "FROM sections s JOIN documents d ON d.id = s.doc_id "
               "LEFT JOIN assignments a ON a.doc_id = s.doc_id AND a.section_seq = s.seq "
               "WHERE s.is_task = 1 AND (instr(s.title, :word) > 0 OR instr(s.text, :word) > 0) "
               "GROUP BY s.doc_id, s.seq ORDER BY d.key, s.seq",
    },
    "shared_tasks": {
        "title": "The tasks two agencies share",
        "sql": "SELECT d.key AS document, s.path, s.title AS task, group_concat(DISTINCT a.agency) AS agencies "
               "FROM sections s JOIN documents d ON d.id = s.doc_id "
               "JOIN assignments a ON a.doc_id = s.doc_id AND a.section_seq = s.seq "
               "LEFT JOIN explore_agencies e ON e.agency_id = a.agency_id "
               f"WHERE {_MATCH.format(p='first')} AND EXISTS (SELECT 1 FROM assignments a "
               "LEFT JOIN explore_agencies e ON e.agency_id = a.agency_id "
               f"WHERE a.doc_id = s.doc_id AND a.section_seq = s.seq AND {_MATCH.format(p='second')}) "
               "GROUP BY s.doc_id, s.seq ORDER BY d.key, s.seq",
    },
}


def prepare(db: str | Path) -> None:
    """Write the explore tables into the store (replacing earlier ones), in one transaction, holding
    the store's writer lock (StoreBusy while a batch writes it)."""
    from ..extract.agencies import _aliases, function_of, load_data
    from .store import Store

    with Store(db) as store, store.writer_lock("zqdoc explore"):
        rows = store.conn.execute("SELECT id, name, jurisdiction, kind FROM agency_directory").fetchall()
        agencies = [(a, name, jur, kind, function_of(name)) for a, name, jur, kind in rows]
        terms = {t: function_of(t) for pair in _aliases().items() for t in pair}
        terms.update({f: f for f in load_data("functions.json")["classes"]})
        tasks = store.conn.execute(
            "SELECT d.key, s.path, s.title, s.text FROM sections s JOIN documents d ON d.id = s.doc_id "
            "WHERE s.is_task = 1").fetchall()
        with store._transaction() as c:
            c.execute("DROP TABLE IF EXISTS explore_agencies")
            c.execute("DROP TABLE IF EXISTS explore_terms")
            c.execute("DROP TABLE IF EXISTS explore_tasks")
            c.execute("CREATE TABLE explore_agencies (agency_id TEXT PRIMARY KEY, name TEXT, jurisdiction TEXT, "
                      "kind TEXT, function TEXT)")
            c.execute("CREATE TABLE explore_terms (term TEXT PRIMARY KEY, function TEXT)")
            c.execute("CREATE VIRTUAL TABLE explore_tasks USING fts5(document, path, title, text, tokenize='trigram')")
            c.executemany("INSERT INTO explore_agencies VALUES (?,?,?,?,?)", agencies)
            c.executemany("INSERT INTO explore_terms VALUES (?,?)", [(t, f) for t, f in terms.items() if f])
            c.executemany("INSERT INTO explore_tasks VALUES (?,?,?,?)", tasks)


def metadata(db: str | Path, title: Optional[str] = None) -> dict:
    """Datasette's metadata for the store: facets, labels, the canned queries."""
    name = Path(db).stem
    return {
        "title": title or f"zqdoc store {name}",
        "databases": {name: {
            "queries": CANNED,
            "tables": {
                "documents": {"facets": ["jurisdiction", "parser_version"], "label_column": "key"},
                "assignments": {"facets": ["role", "jurisdiction", "kind"]},
                "explore_agencies": {"facets": ["function", "jurisdiction", "kind"], "label_column": "name"},
                "sections": {"facets": ["level", "is_task"]},
            },
        }},
    }


def serve_command(db: str | Path, metadata_path: Path, host: str, port: int) -> list[str]:
    """The command line that serves the store (read-only) with its metadata."""
    import sys

    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata_path), "--host", host,
            "--port", str(port), "--setting", "sql_time_limit_ms", "5000"]


def write_metadata(db: str | Path, folder: Path, title: Optional[str] = None) -> Path:
    path = folder / "metadata.json"
    path.write_text(json.dumps(metadata(db, title), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def check_installed() -> None:
    """ImportError, saying what to install, when Datasette is missing."""
    try:
        import datasette  # noqa: F401
    except ImportError as err:
        raise ImportError("zqdoc explore needs Datasette: pip install 'zqdoc[explore]'") from err
    if not sqlite3.sqlite_version_info >= (3, 34):
        raise ImportError(f"zqdoc explore needs SQLite 3.34 or later (trigram search); this Python has {sqlite3.sqlite_version}")

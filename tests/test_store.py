"""The corpus store (zqdoc.corpus.store) and its queries (zqdoc.Corpus): the same answers as zqdoc.graph."""
import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest
from typer.testing import CliRunner

import zqdoc
import zqdoc.graph as zg
from conftest import CORPORA, SEED
from zqdoc.cli import app
from zqdoc.corpus.store import Store, content_hash, document_rows

FILES = sorted(str(p) for p in CORPORA.glob("*.txt"))


def _store_of(path, files):
    """A store filled in this process (no workers): parse, rows, one transaction each."""
    with Store(path) as store:
        for f in files:
            data = open(f, "rb").read()
            store.write_document(f, content_hash(data), len(data), None, document_rows(zqdoc.parse(f)))
    return path


@pytest.fixture(scope="module")
def docs():
    return [zqdoc.parse(f) for f in FILES]


def _first_with_assignments(docs) -> int:
    """The index of the first document (by path) that assigns tasks (some hold only headings)."""
    return next(i for i, d in enumerate(docs) if any(s.assignments for s in d.walk()))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, docs):
    path = tmp_path_factory.mktemp("store") / "corpus.sqlite"
    with Store(path) as store:
        for f, doc in zip(FILES, docs):
            data = open(f, "rb").read()
            store.write_document(f, content_hash(data), len(data), None, document_rows(doc))
    c = zqdoc.Corpus(path)
    yield c
    c.close()


@pytest.fixture(scope="module")
def graph(docs):
    """The graph of the same files built directly (what `zqdoc who FILE...` uses)."""
    return zg.build(docs)


def _shape(G):
    return sorted(G.nodes), sorted(G.edges(keys=True))


def test_wal_mode_schema_and_counts(corpus, docs):
    conn = corpus.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(corpus) == len(FILES)
    n_sections = sum(len(list(d.walk())) for d in docs)
    n_assignments = sum(len(s.assignments) for d in docs for s in d.walk())
    n_targets = sum(len(s.targets) for d in docs for s in d.walk())
    assert conn.execute("SELECT count(*) FROM sections").fetchone()[0] == n_sections
    assert conn.execute("SELECT count(*) FROM assignments").fetchone()[0] == n_assignments
    assert conn.execute("SELECT count(*) FROM targets").fetchone()[0] == n_targets
    row = conn.execute("SELECT key, doc_number, signed_date, parser_version, content_hash FROM documents "
                       "WHERE path = ?", (str(SEED),)).fetchone()
    assert row[:4] == ("zhaoqing-2012-plan", "肇府办〔2012〕22号", "2012-04-19", zqdoc.__version__)
    assert row[4] == content_hash(SEED.read_bytes())
    lead = conn.execute("SELECT count(DISTINCT section_seq) FROM assignments a JOIN documents d ON d.id = a.doc_id "
                        "WHERE d.key = 'zhaoqing-2012-plan' AND agency_id = 'agency:肇庆市/市发展改革局' AND role = 'lead'")
    assert lead.fetchone()[0] == 4


def test_documents_round_trip(corpus, docs):
    for f, doc in zip(FILES, docs):
        assert corpus.document(f) == doc
    assert corpus.document("zhaoqing-2012-plan") == docs[FILES.index(str(SEED))]


def test_graph_of_the_store_is_the_graph_of_the_files(corpus, graph):
    G = corpus.graph()
    assert _shape(G) == _shape(graph)
    assert dict(G.nodes(data=True)) == dict(graph.nodes(data=True))
    assert G.graph["documents"] == graph.graph["documents"]


def test_store_queries_answer_as_the_graph(corpus, graph):
    G = graph
    assert corpus.agencies() == zg.agencies(G)
    assert corpus.workload() == zg.workload(G)
    some = ["caidian-2023-fenjie", "zhaoqing-2012-plan"]
    assert corpus.workload(documents=some) == zg.workload(G, documents=some)
    for a in zg.agencies(G):
        assert corpus.agency(a) == G.nodes[a]
        assert corpus.tasks_of(a) == zg.tasks_of(G, a)
        assert corpus.tasks_of(a, role="lead") == zg.tasks_of(G, a, role="lead")
    for t in zg.tasks(G):
        assert corpus.agencies_of(t) == zg.agencies_of(G, t)
        assert corpus.agencies_of(t, inherited=True) == zg.agencies_of(G, t, inherited=True)
    for q in ["发改局", "市发改局", "肇庆市发展改革局", "财政", "区政府", "有关部门", "教育局", "不存在的局"]:
        assert corpus.find_agencies(q) == zg.find_agencies(G, q), q
    for kw in [None, "高速", "绿道", "建设", "ＧＤＰ", "生产总值"]:
        assert corpus.find_tasks(kw) == zg.find_tasks(G, kw), kw
        assert corpus.owners(kw) == zg.owners(G, kw), kw
    for section in ["3.1", "task:zhaoqing-2012-plan/3.2"]:
        assert corpus.owners(section=section) == zg.owners(G, section=section)
    assert corpus.owners("建设", document="zhaoqing-2012-plan") == zg.owners(G, "建设", document="zhaoqing-2012-plan")
    narrowed = corpus.owners("建设", within="肇庆市", function="财政")
    assert narrowed == zg.owners(G, "建设", within="肇庆市", function="财政")
    assert narrowed and {n for r in narrowed for k in zg.ROLES for n in r[k]} == {"市财政局"}
    assert len(narrowed) < len(corpus.owners("建设"))
    with pytest.raises(nx.NodeNotFound):
        corpus.resolve_agency("不存在的局")
    with pytest.raises(ValueError):
        corpus.tasks_of("agency:肇庆市/市发展改革局", role="boss")


def _keys_match(rows, row_type) -> None:
    """Every row has the keys its TypedDict declares: all required ones, no others."""
    assert rows, row_type.__name__
    for row in rows:
        assert row_type.__required_keys__ <= set(row) <= row_type.__required_keys__ | row_type.__optional_keys__, \
            (row_type.__name__, sorted(row))


def test_query_rows_are_the_typed_rows_they_declare(corpus, graph):
    import typing

    from zqdoc.corpus.queries import Corpus
    from zqdoc.graph import rows

    a = "agency:肇庆市/市发展改革局"
    task = zg.tasks_of(graph, a)[0]["task"]
    got = {
        zg.tasks_of: zg.tasks_of(graph, a), zg.agencies_of: zg.agencies_of(graph, task),
        zg.workload: zg.workload(graph), zg.owners: zg.owners(graph, "建设"), zg.find_tasks: zg.find_tasks(graph, "高速"),
        zg.targets_of: zg.targets_of(graph, a), zg.projects_of: zg.projects_of(graph, a), zg.centrality: zg.centrality(graph),
        Corpus.tasks_of: corpus.tasks_of(a), Corpus.agencies_of: corpus.agencies_of(task), Corpus.workload: corpus.workload(),
        Corpus.owners: corpus.owners("建设"), Corpus.find_tasks: corpus.find_tasks("高速"), Corpus.who: corpus.who("发改局"),
        Corpus.documents: corpus.documents(),
    }
    for fn, result in got.items():
        declared = typing.get_type_hints(fn)["return"]
        assert typing.get_origin(declared) is list, fn
        (row_type,) = typing.get_args(declared)
        assert row_type.__module__ == rows.__name__, fn
        _keys_match(result, row_type)
    _keys_match([t for r in corpus.who("发改局") for t in r["tasks"]], rows.TaskRoleRow)
    inherited = [r for t in zg.tasks(graph) for r in zg.agencies_of(graph, t, inherited=True) if "inherited_from" in r]
    _keys_match(inherited, rows.AgencyRoleRow)


def test_agency_directory_written_or_merged_gives_the_same(corpus, tmp_path, docs):
    import shutil

    copy = tmp_path / "copy.sqlite"
    shutil.copy(corpus.path, copy)
    with Store(copy) as store:
        assert not store.directory_is_fresh()  # written document by document, never refreshed
        assert store.refresh_directory() == len(corpus.agencies())
        assert store.directory_is_fresh()
    with zqdoc.Corpus(copy) as fresh:
        assert list(fresh._directory().nodes(data=True)) == list(corpus._directory().nodes(data=True))
        assert fresh.who("发改局") == corpus.who("发改局")
    with Store(copy) as store:  # a change makes it stale: queries merge again
        k = _first_with_assignments(docs)
        store.write_document("/a/new.txt", "h", 1, 1, document_rows(docs[k]))
        assert not store.directory_is_fresh()
    with zqdoc.Corpus(copy) as changed:
        first = changed.agencies()[0]  # /a/new.txt comes first by path: its first agency leads
        assert changed.agency(first)["documents"] == ["new", Path(FILES[k]).stem]


def test_who(corpus):
    rows = corpus.who("肇庆市发改局")
    assert [r["agency"] for r in rows] == ["agency:肇庆市/市发展改革局"]
    zhaoqing = rows[0]
    assert zhaoqing["counts"]["lead"] == 4
    assert {t["title"] for t in zhaoqing["tasks"] if t["role"] == "lead"} >= {"优先发展现代服务业", "推进基础设施一体化"}
    assert corpus.who("不存在的局") == []


def test_one_transaction_per_document(tmp_path, docs):
    path = tmp_path / "s.sqlite"
    store = Store(path)
    rows = document_rows(docs[_first_with_assignments(docs)])
    rows["targets"] = rows["targets"] + [("not", "enough", "columns")]  # fails half-way through the insert
    with pytest.raises(sqlite3.Error):
        store.write_document("/x/a.txt", "h", 1, 1, rows)
    for table in ("documents", "sections", "assignments", "doc_agencies", "agencies", "targets"):
        assert store.count(table) == 0, table
    store.close()


def test_rewrite_replaces_errors_clear_and_keys_stay_unique(tmp_path, docs):
    store = Store(tmp_path / "s.sqlite")
    rows = document_rows(docs[_first_with_assignments(docs)])
    a = store.write_document("/x/plan.txt", "h1", 1, 1, rows)
    store.write_document("/y/plan.txt", "h1", 1, 1, rows)
    keys = [k for (k,) in store.conn.execute("SELECT key FROM documents ORDER BY id")]
    assert keys == ["plan", "plan~2"]
    n = store.count("sections")
    assert store.write_document("/x/plan.txt", "h2", 2, 2, rows) == a  # same id and key, children replaced
    assert store.count("sections") == n and store.count("documents") == 2
    assert store.state("/x/plan.txt")[0] == "h2"
    assert not store.write_error("/y/plan.txt", "Timeout", "/y/plan.txt: took too long")  # nothing says it changed
    assert store.count("documents") == 2 and store.state("/y/plan.txt")[0] == "h1"  # the good parse stays
    assert store.write_error("/y/plan.txt", "EmptyInput", "/y/plan.txt: is empty", digest="h-empty")
    assert store.count("documents") == 1 and store.count("sections") == n // 2  # new content: the stale parse is gone
    assert [e["error_class"] for e in store.errors()] == ["EmptyInput"]
    store.write_document("/y/plan.txt", "h3", 1, 1, rows)
    assert store.errors() == []
    store.close()


def test_export_parquet_and_csv(corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    written = corpus.export(tmp_path / "pq", "parquet")
    assert {p.name for p in written} >= {"documents.parquet", "assignments.parquet", "agencies.parquet"}
    t = pq.read_table(tmp_path / "pq" / "assignments.parquet")
    assert t.num_rows == corpus.conn.execute("SELECT count(*) FROM assignments").fetchone()[0]
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet")
    assert "doc_json" not in docs.column_names and docs.num_rows == len(corpus)
    assert pq.read_table(tmp_path / "pq" / "agencies.parquet").num_rows == len(corpus.agencies())
    import pyarrow as pa

    assert docs.schema.field("signed_date").type == pa.date32() and docs.schema.field("n_sections").type == pa.int64()
    assert sorted(str(d) for d in docs.column("signed_date").to_pylist() if d) == \
        sorted(d["signed_date"] for d in corpus.documents() if d["signed_date"])
    corpus.export(tmp_path / "csv", "csv", tables=["sections", "agencies"])
    with open(tmp_path / "csv" / "agencies.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(corpus.agencies())
    assert any(r["id"] == "agency:东莞市/市发展改革局" and "市发改局" in json.loads(r["aliases"]) for r in rows)


def test_to_frame(corpus):
    pd = pytest.importorskip("pandas")
    df = corpus.to_frame("documents")
    assert isinstance(df, pd.DataFrame) and len(df) == len(corpus)


runner = CliRunner()


def _cli(*args):
    out = runner.invoke(app, [str(a) for a in args])
    return SimpleNamespace(returncode=out.exit_code, stdout=out.stdout, stderr=out.output, output=out.output)


def test_cli_queries_on_the_store_match_the_files(tmp_path):
    files = sorted(str(CORPORA / f"{n}.txt") for n in ("zhaoqing-2012-plan", "dongguan-2017-fanzhu", "jianli-2022-fenjie"))
    db = _store_of(tmp_path / "c.sqlite", files)
    for args in (["who", "发改局"], ["who", "市发改局", "--role", "lead"], ["owners", "建设"], ["workload", "--top", "5"]):
        from_files = _cli(*args, *files, "--json")
        from_db = _cli(*args, "--db", db, "--json")
        assert from_files.returncode == from_db.returncode == 0, from_db.output
        assert json.loads(from_db.stdout) == json.loads(from_files.stdout), args
    text = _cli("who", "发改局", "--db", db)
    assert text.returncode == 0 and "市发展改革局" in text.stdout and "推进基础设施一体化" in text.stdout
    assert _cli("owners", "高速", "--db", db).returncode == 0
    assert _cli("workload", "--db", db).returncode == 0
    missing = _cli("who", "不存在的局", "--db", db)
    assert missing.returncode == 1 and "no agency matches" in missing.stderr
    both = _cli("workload", files[0], "--db", db)
    assert both.returncode == 2 and "not both" in both.stderr
    assert _cli("workload").returncode == 2
    nostore = _cli("workload", "--db", tmp_path / "nope.sqlite")
    assert nostore.returncode == 2 and "no such store" in nostore.stderr
    out = _cli("export", "--db", db, "--format", "csv", "-o", tmp_path / "x", "--table", "documents")
    assert out.returncode == 0 and (tmp_path / "x" / "documents.csv").exists()
    assert _cli("export", "--db", db, "--format", "xlsx", "-o", tmp_path / "x").returncode == 2


def test_who_on_a_store_as_a_real_process(tmp_path):
    db = _store_of(tmp_path / "c.sqlite", [str(SEED)])
    out = subprocess.run([sys.executable, "-m", "zqdoc.cli", "who", "发改局", "--db", str(db), "--json"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    (hit,) = json.loads(out.stdout)
    assert hit["agency"] == "agency:肇庆市/市发展改革局" and hit["counts"]["lead"] == 4


def test_store_of_another_schema_is_refused_with_a_clear_error(tmp_path):
    import sqlite3
    import subprocess
    import sys

    from zqdoc.errors import StoreError
    from zqdoc.corpus.store import Store

    db = tmp_path / "old.sqlite"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE store_info SET value='99' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="store schema 99"):
        Store(db)
    seed = Path(__file__).resolve().parent.parent / "corpora" / "wuxi-2011-fenjie.txt"
    out = subprocess.run([sys.executable, "-m", "zqdoc.cli", "batch", str(seed), "--db", str(db)], capture_output=True, text=True)
    assert out.returncode == 2 and "store schema 99" in out.stderr and "Traceback" not in out.stderr

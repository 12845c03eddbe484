"""The agency–task graph (zqdoc.graph): building, ids, queries, exports, the picture and the CLI."""
import csv
import json
import subprocess
import sys
import warnings

import networkx as nx
import pytest
from typer.testing import CliRunner

import zqdoc.graph as zg
from conftest import CORPORA, SEED
from zqdoc.cli import app
from zqdoc.models import Assignment, Document, DocumentMeta, Project, Role, Section, Target

NDRC = "agency:肇庆市/市发展改革局"
NDRC_LEADS = {"优先发展现代服务业", "重点培育发展战略性新兴产业", "继续深化广佛肇经济圈建设", "推进基础设施一体化"}
OTHERS = ["dongguan-2017-fanzhu", "jianli-2022-fenjie"]


@pytest.fixture(scope="module")
def seed_graph(seed_doc):
    return zg.build(seed_doc)


@pytest.fixture(scope="module")
def merged():
    return zg.build([SEED, *(CORPORA / f"{n}.txt" for n in OTHERS)])


def _a(agency, role, canonical=None, jurisdiction=None, kind=None):
    return Assignment(agency=agency, role=role, canonical=canonical, jurisdiction=jurisdiction, kind=kind)


def handmade(source="plan-a.txt", issuer="肇庆市人民政府办公室") -> Document:
    """Two tasks and a plain section: 市发改局 and 肇庆市发展改革局 are one agency; 端州区政府 and
    区政府 (in the 端州区 sense) likewise; the second task has a target and a project."""
    t1 = Section(marker="1", level=2, title="发展服务业", path="1.1", text="发展服务业,建设物流园。", assignments=[
        _a("市发改局", Role.LEAD, "市发展改革局", "肇庆市", "department"),
        _a("端州区政府", Role.PARTICIPANT, "端州区人民政府", "端州区", "government"),
        _a("有关部门", Role.RESPONSIBLE, "有关部门", None, "generic"),
    ], projects=[Project(name="肇庆物流园")])
    t2 = Section(marker="2", level=2, title="培育企业", path="1.2", text="培育10家企业。", assignments=[
        _a("肇庆市发展改革局", Role.LEAD, "肇庆市发展改革局", "肇庆市", "department"),
        _a("肇庆市发展改革局", Role.RESPONSIBLE, "肇庆市发展改革局", "肇庆市", "department"),
        _a("市科技局", Role.PARTICIPANT, "市科技局", "肇庆市", "department"),
    ], targets=[Target(raw="培育10家企业", subject="企业", value=10, unit="家")], projects=[Project(name="肇庆物流园")])
    top = Section(marker="一", level=1, title="产业", path="1", children=[t1, t2])
    plain = Section(marker="二", level=1, title="保障措施", path="2")
    return Document(source=source, meta=DocumentMeta(issuer=issuer, title="关于印发工作计划的通知"), sections=[top, plain])


# --------------------------------------------------------------------------- the seed against its gold


def test_ndrc_of_the_seed_leads_exactly_four_tasks(seed_graph, seed_gold):
    leads = zg.tasks_of(seed_graph, NDRC, role="lead")
    assert {r["title"] for r in leads} == NDRC_LEADS
    gold = {a["heading"] for a in seed_gold["assignments"] if "市发展改革局" in a["lead"]}
    assert gold == NDRC_LEADS


def test_ndrc_of_the_seed_holds_twelve_assignments(seed_graph, seed_gold):
    rows = {r["agency"]: r for r in zg.workload(seed_graph)}
    ndrc = rows[NDRC]
    assert (ndrc["lead"], ndrc["participant"], ndrc["responsible"], ndrc["assignments"]) == (4, 3, 5, 12)
    assert len(zg.tasks_of(seed_graph, NDRC)) == 12
    gold = {"lead": 0, "participants": 0, "responsible": 0}
    for a in seed_gold["assignments"]:
        for k in gold:
            gold[k] += a[k].count("市发展改革局")
    assert (gold["lead"], gold["participants"], gold["responsible"]) == (4, 3, 5)
    assert zg.workload(seed_graph)[0]["agency"] == NDRC  # the busiest agency of the plan


def test_seed_ids_types_and_part_of_chain(seed_graph):
    G = seed_graph
    counts = zg.type_counts(G)
    assert counts["document"] == 1 and counts["agency"] > 20 and counts["task"] > 30 and counts["target"] > 5
    task = "task:zhaoqing-2012-plan/3.1.1"
    assert G.nodes[task]["title"] == "优先发展现代服务业"
    chain, node = [], task
    while True:
        parents = [v for _, v, k in G.out_edges(node, keys=True) if k == "part_of"]
        if not parents:
            break
        node = parents[0]
        chain.append(node)
    assert chain == ["section:zhaoqing-2012-plan/3.1", "section:zhaoqing-2012-plan/3", "document:zhaoqing-2012-plan"]
    assert all(G.nodes[t]["type"] == "task" for t in zg.tasks(G))
    # every agency edge is an agency → task edge keyed by its role
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in zg.ROLES:
            assert G.nodes[u]["type"] == "agency" and G.nodes[v]["type"] == "task" and d["role"] == k


def test_agencies_of_a_task(seed_graph):
    rows = zg.agencies_of(seed_graph, "task:zhaoqing-2012-plan/3.2.2")
    assert [(r["name"], r["role"]) for r in rows] == [
        ("市发展改革局", "lead"), ("市经济信息化局", "participant"), ("市交通运输局", "participant"), ("市城乡规划局", "participant")]
    assert zg.agencies_of(seed_graph, "zhaoqing-2012-plan/3.2.2") == rows  # without the task: prefix


def test_find_tasks_and_owners(seed_graph):
    assert [r["path"] for r in zg.find_tasks(seed_graph, "高速")] == ["3.2.2"]
    assert [r["path"] for r in zg.find_tasks(seed_graph, section="3.2")] == [f"3.2.{i}" for i in range(1, 8)]
    rows = {r["path"]: r for r in zg.owners(seed_graph, "绿道")}  # title or text
    assert "3.3.6" in rows and rows["3.3.6"]["responsible"] == ["市城乡规划局", "市星湖风景名胜区管理局"]
    assert zg.owners(seed_graph, "完善绿道网建设")[0]["path"] == "3.3.6"


def test_targets_an_agency_owns(seed_graph):
    raws = {r["raw"] for r in zg.targets_of(seed_graph, "agency:肇庆市/市科技局", role="lead")}
    assert "培育1—2家省级工程研究开发中心" in raws and "组织10家企业申请认定高新技术企业" in raws


def test_co_responsibility_network_and_centrality(seed_graph):
    C = zg.co_responsibility(seed_graph)
    ndrc = {r["task"] for r in zg.tasks_of(seed_graph, NDRC)}
    eit = {r["task"] for r in zg.tasks_of(seed_graph, "agency:肇庆市/市经济信息化局")}
    assert C.edges[NDRC, "agency:肇庆市/市经济信息化局"]["weight"] == len(ndrc & eit) > 0
    ranking = zg.centrality(C)
    assert ranking[0]["agency"] == NDRC and ranking[0]["partners"] == C.degree(NDRC)
    assert zg.centrality(seed_graph)[0]["agency"] == NDRC  # the agency–task graph is projected first


def test_alias_aware_lookup(merged):
    everywhere = set(zg.find_agencies(merged, "发改局"))
    assert everywhere == {NDRC, "agency:东莞市/市发展改革局", "agency:监利市/市发展改革局"}
    assert zg.find_agencies(merged, "肇庆市发改局") == [NDRC]
    assert zg.find_agencies(merged, "肇庆市/市发展改革局") == [NDRC]
    assert set(zg.find_agencies(merged, "发展改革")) == everywhere  # substring fallback
    with pytest.raises(ValueError):
        zg.tasks_of(merged, "发改局")  # ambiguous across cities
    with pytest.raises(nx.NodeNotFound):
        zg.tasks_of(merged, "外星事务局")


# --------------------------------------------------------------------------- many plans


def test_merging_plans_keeps_agencies_apart_by_jurisdiction(merged, seed_graph):
    G = merged
    assert len(G.graph["documents"]) == 3
    for a in zg.agencies(G):  # no agency of one city picks up another city's tasks
        assert len(G.nodes[a]["documents"]) == 1, a
    dg = "agency:东莞市/市发展改革局"
    assert "市发改局" in G.nodes[dg]["aliases"] and G.nodes[dg]["jurisdiction"] == "东莞市"
    assert {r["document"] for r in zg.tasks_of(G, dg)} == {"dongguan-2017-fanzhu"}
    # the seed's part of the merged graph is the seed's graph
    assert zg.workload(G, documents=["zhaoqing-2012-plan"]) == zg.workload(seed_graph)
    # agencies printed without a place belong to their document's
    assert "agency:监利市/各乡、镇人民政府" in G and "agency:东莞市/镇街(园区)" in G


def test_handmade_aliases_and_jurisdictions_are_one_node_each():
    G = zg.build([handmade(), handmade("plan-b.txt", issuer="广州市人民政府办公室")])
    a, b = "agency:肇庆市/市发展改革局", "agency:肇庆市/市科技局"
    assert a in G and "agency:肇庆市/肇庆市发展改革局" not in G
    assert set(G.nodes[a]["aliases"]) >= {"市发改局", "肇庆市发展改革局"}
    assert G.nodes[a]["documents"] == ["plan-a", "plan-b"]  # same canonical + jurisdiction: one node
    assert "agency:端州区/端州区人民政府" in G
    # a name without a place takes the document's: two cities, two nodes
    assert "agency:肇庆市/有关部门" in G and "agency:广州市/有关部门" in G
    # lead and responsible on one task are two edges; a project shared by two tasks is one node
    assert sorted(k for _, _, k in G.edges(a, keys=True) if k in zg.ROLES) == ["lead", "lead", "lead", "lead", "responsible", "responsible"]
    assert {r["role"] for r in zg.tasks_of(G, a) if r["path"] == "1.2" and r["document"] == "plan-a"} == {"lead", "responsible"}
    assert G.in_degree("project:plan-a/肇庆物流园") == 2
    assert G.nodes["section:plan-a/2"]["type"] == "section" and G.nodes["section:plan-a/1"]["type"] == "section"
    assert zg.targets_of(G, b)[0]["raw"] == "培育10家企业"
    row = {r["agency"]: r for r in zg.workload(G, documents=["plan-a"])}[a]
    assert (row["lead"], row["responsible"], row["assignments"], row["tasks"]) == (2, 1, 3, 2)


def test_unknown_jurisdiction_stays_with_its_document():
    doc = handmade(issuer=None)
    doc.meta.title = None
    doc.source = None
    G = zg.build([doc, doc.model_copy(deep=True)])
    assert G.graph["documents"] == ["document-1", "document-2"]
    assert "agency:(document-1)/有关部门" in G and "agency:(document-2)/有关部门" in G


# --------------------------------------------------------------------------- exports


def _scalar_only(G):
    for _, d in G.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values()), d
    for *_, d in G.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values()), d


def test_graphml_reads_back_with_the_same_counts(seed_graph, tmp_path):
    path = tmp_path / "seed.graphml"
    zg.write(seed_graph, path)
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    assert back.nodes[NDRC]["name"] == "市发展改革局" and back.nodes[NDRC]["jurisdiction"] == "肇庆市"
    _scalar_only(zg.scalar_graph(seed_graph))


def test_parallel_edges_survive_graphml_and_gexf(tmp_path):
    G = zg.build(handmade())
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        zg.write(G, path)
        back = read(path)
        assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges()), fmt


def test_gexf_json_and_csv(merged, tmp_path):
    zg.write(merged, tmp_path / "m.gexf")
    assert nx.read_gexf(tmp_path / "m.gexf").number_of_nodes() == merged.number_of_nodes()
    zg.write(merged, tmp_path / "m.json")
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert (back.number_of_nodes(), back.number_of_edges()) == (merged.number_of_nodes(), merged.number_of_edges())
    zg.write(merged, tmp_path / "m.csv")
    with open(tmp_path / "m.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == merged.number_of_edges()
    assert {"source": NDRC, "relation": "lead"}.items() <= next(
        r for r in rows if r["source"] == NDRC and r["relation"] == "lead").items()
    with pytest.raises(ValueError):
        zg.write(merged, tmp_path / "m.xyz")


def test_to_frame(seed_graph):
    pytest.importorskip("pandas")
    df = zg.to_frame(zg.workload(seed_graph))
    assert df.set_index("agency").loc[NDRC, "assignments"] == 12


# --------------------------------------------------------------------------- the picture


def test_png_of_the_co_responsibility_network(seed_graph, tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "agencies.png"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a machine without a CJK font warns; see the next test
        info = zg.draw_co_responsibility(seed_graph, path, top=12)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000
    assert info["nodes"] == len(zg.co_responsibility(seed_graph)) and info["labelled"] == 12
    assert (info["font"] is None) == (info["key"] is not None)


def test_png_without_a_cjk_font_numbers_the_labels(seed_graph, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    import zqdoc.graph.draw as draw

    monkeypatch.setattr(draw, "find_cjk_font", lambda font=None: None)
    path = tmp_path / "agencies.png"
    with pytest.warns(draw.CjkFontWarning, match="fonts-noto-cjk"):
        info = draw.draw_co_responsibility(seed_graph, path, top=5)
    assert info["key"]["1"] == "市发展改革局"
    assert "市发展改革局" in (tmp_path / "agencies.png.labels.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the commands


runner = CliRunner()


def test_who_resolves_aliases():
    out = runner.invoke(app, ["who", "发改局", str(SEED), "--json"])
    assert out.exit_code == 0, out.output
    (hit,) = json.loads(out.output)
    assert hit["agency"] == NDRC and hit["counts"] == {"lead": 4, "participant": 3, "responsible": 5}
    out = runner.invoke(app, ["who", "市发改局", str(SEED), "--role", "lead"])
    assert out.exit_code == 0 and all(t in out.output for t in NDRC_LEADS) and "提升发展先进制造业" not in out.output
    out = runner.invoke(app, ["who", "外星事务局", str(SEED)])
    assert out.exit_code == 1 and "no agency matches" in out.output


def test_owners_workload_and_graph_commands(tmp_path):
    out = runner.invoke(app, ["owners", "高速", str(SEED)])
    assert out.exit_code == 0 and "推进基础设施一体化" in out.output and "市发展改革局" in out.output
    out = runner.invoke(app, ["workload", str(SEED), str(CORPORA / "jianli-2022-fenjie.txt"), "--top", "3"])
    assert out.exit_code == 0 and "市发展改革局" in out.output and "肇庆市" in out.output  # two cities: a jurisdiction column
    out = runner.invoke(app, ["graph", str(SEED), "--format", "graphml", "-o", str(tmp_path / "g.xml")])
    assert out.exit_code == 0, out.output
    assert nx.read_graphml(tmp_path / "g.xml").number_of_nodes() > 100
    out = runner.invoke(app, ["graph", str(SEED), "-o", str(tmp_path / "g.bogus")])
    assert out.exit_code == 2
    out = runner.invoke(app, ["who", "发改局", str(tmp_path / "missing.txt")])
    assert out.exit_code == 2 and "missing.txt" in out.output


def test_who_as_a_real_process():
    out = subprocess.run([sys.executable, "-m", "zqdoc.cli", "who", "发改局", str(SEED), str(CORPORA / "dongguan-2017-fanzhu.txt"),
                          "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert {h["jurisdiction"] for h in json.loads(out.stdout)} == {"肇庆市", "东莞市"}


def test_a_document_as_pandas_frames(seed_doc):
    pd = pytest.importorskip("pandas")
    frames = seed_doc.to_frames()
    assert set(frames) == {"sections", "assignments", "targets", "projects"}
    assert len(frames["sections"]) == len(list(seed_doc.walk()))
    assert len(frames["assignments"]) == sum(len(s.assignments) for s in seed_doc.walk())
    lead = frames["assignments"].query("agency == '市发展改革局' and role == 'lead'")
    assert not lead.empty and set(lead["jurisdiction_code"]) == {"441200"}
    targets = frames["targets"]
    assert targets["value"].dtype == float and pd.api.types.is_datetime64_any_dtype(targets["deadline"])

"""zqdoc.lineage on real plans: two years of one government (铜川 2020 and 2025) and the CLI."""
import json
import subprocess
import sys

import pytest

import zqdoc
from conftest import CORPORA

pytest.importorskip("sklearn")
from zqdoc.lineage import align, diff, tasks  # noqa: E402

OLD, NEW = CORPORA / "tongchuan-2020-fengong.txt", CORPORA / "tongchuan-2025-fengong.txt"


@pytest.fixture(scope="module")
def plans():
    return zqdoc.parse(OLD), zqdoc.parse(NEW)


def test_a_task_carried_forward_finds_its_earlier_self(plans):
    old, new = plans
    links = {a.child.title: a for a in align(new, old)}
    assert links["生产总值增长6%左右"].best.task.title == "生产总值增长5%左右"
    assert links["固定资产投资增长7%左右"].best.task.title == "全社会固定资产投资增长7%"
    assert all(0 < m.score <= 1 for a in links.values() for m in a.parents)


def test_a_task_with_nothing_like_it_has_no_parent(plans):
    old, _ = plans
    unrelated = zqdoc.parse_text("一、加强港口航道建设\n（一）建成3个万吨级泊位，疏浚内河航道20公里。")
    assert [a.best for a in align(unrelated, old)] == [None, None]


def test_the_diff_of_two_years(plans):
    old, new = plans
    d = diff(old, new)
    assert len(d.kept) + len(d.changed) + len(d.added) == len(tasks(new))
    assert len(d.kept) + len(d.changed) + len(d.dropped) <= len(tasks(old)) + len(d.changed)
    raised = {t["subject"]: (t["old"], t["new"], t["change"]) for t in d.targets}
    assert raised["生产总值增长"] == (5.0, 6.0, "raised")
    gdp = next(text for o, n, s, text in d.changed if n.title == "生产总值增长6%左右")
    assert "-生产总值增长5%左右。" in gdp and "+生产总值增长6%左右。" in gdp
    assert any(r.get("gained") for roles in d.agencies.values() for r in roles.values())


def test_align_and_diff_commands():
    run = lambda *a: subprocess.run([sys.executable, "-m", "zqdoc.cli", *map(str, a)], capture_output=True, text=True)  # noqa: E731
    out = run("align", NEW, OLD, "--json")
    assert out.returncode == 0, out.stderr
    rows = {r["title"]: r for r in json.loads(out.stdout)}
    assert rows["生产总值增长6%左右"]["parents"][0]["title"] == "生产总值增长5%左右"
    out = run("diff", OLD, NEW)
    assert out.returncode == 0 and "生产总值增长: 5 → 6 % (raised)" in out.stdout


def test_lineage_in_the_store_and_as_graph_edges(tmp_path, plans):
    import zqdoc.graph as zg
    from zqdoc.corpus import run_batch

    old, new = plans
    db = tmp_path / "c.sqlite"
    assert run_batch([str(OLD), str(NEW)], str(db), workers=1).parsed == 2
    with zqdoc.Corpus(db) as corpus:
        rows = corpus.lineage("tongchuan-2025-fengong", "tongchuan-2020-fengong")
    gdp = next(r for r in rows if r["child_title"] == "生产总值增长6%左右")
    assert gdp["parent_title"] == "生产总值增长5%左右" and gdp["parent"].endswith("tongchuan-2020-fengong/1.1")
    G = zg.build([new, old])
    ids = [d for d in G.graph["documents"]]
    n = zg.add_lineage(G, ids[0], ids[1], align(new, old))
    assert n == sum(len(a.parents) for a in align(new, old)) and len(zg.lineage_edges(G)) == n
    zg.write(G, tmp_path / "g.graphml", "graphml")
    assert "implements" in (tmp_path / "g.graphml").read_text(encoding="utf-8")

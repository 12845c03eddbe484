"""`zqdoc batch --engine dask` on a LocalCluster: the same store as the local engine."""
import subprocess
import sys

import pytest

pytest.importorskip("distributed")

import zqdoc  # noqa: E402
from conftest import CORPORA, SEED  # noqa: E402
from zqdoc.corpus import run_batch  # noqa: E402
from zqdoc.corpus.engines import partitions  # noqa: E402
from zqdoc.corpus import Job  # noqa: E402

NAMES = ["zhaoqing-2012-plan", "caidian-2023-fenjie", "jianli-2022-fenjie", "huzhou-2020-fenjie", "dongguan-2017-fanzhu",
         "guowuyuan-2020-fengong", "heze-2023-dongneng", "wuxi-2011-fenjie"]


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    # threads of this process, reached over TCP on the loopback (so that a `zqdoc batch` process can connect)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as c, Client(c) as client:
        yield c, client


@pytest.fixture()
def src(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    for n in NAMES:
        (d / f"{n}.txt").write_bytes((CORPORA / f"{n}.txt").read_bytes())
    (d / "empty.txt").write_bytes(b"")
    return d


def _contents(db):
    with zqdoc.Corpus(db) as c:
        docs = {d["key"]: (d["content_hash"], d["n_sections"], d["n_assignments"], d["n_targets"]) for d in c.documents()}
        return docs, c.workload(), [(e["path"].rsplit("/", 1)[1], e["error_class"]) for e in c.errors()]


def test_partitions():
    jobs = [Job(f"/x/{i}.txt") for i in range(100)]
    parts = partitions(jobs, 2, 30)
    assert [len(p) for p in parts] == [30, 30, 30, 10] and sum(parts, []) == jobs
    assert sum(partitions(jobs, 2), []) == jobs


def test_dask_fills_the_same_store_as_the_local_engine(cluster, src, tmp_path):
    _, client = cluster
    r = run_batch([str(src)], str(tmp_path / "dask.sqlite"), engine="dask", client=client, timeout=None, partition_size=3)
    assert (r.files, r.parsed, r.failed, r.exit_code) == (len(NAMES) + 1, len(NAMES), 1, 1)
    local = run_batch([str(src)], str(tmp_path / "local.sqlite"), workers=2)
    assert (local.parsed, local.failed) == (len(NAMES), 1)
    assert _contents(tmp_path / "dask.sqlite") == _contents(tmp_path / "local.sqlite")
    with zqdoc.Corpus(tmp_path / "dask.sqlite") as c:
        assert c.document("zhaoqing-2012-plan") == zqdoc.parse(str(src / "zhaoqing-2012-plan.txt"))
    again = run_batch([str(src)], str(tmp_path / "dask.sqlite"), engine="dask", client=client, timeout=None)
    assert (again.parsed, again.unchanged, again.failed) == (0, len(NAMES), 1)


def test_dask_time_limit(cluster, tmp_path):
    _, client = cluster
    d = tmp_path / "src"
    d.mkdir()
    (d / "huge.txt").write_text(SEED.read_text(encoding="utf-8") * 150, encoding="utf-8")
    (d / "plan.txt").write_bytes(SEED.read_bytes())
    r = run_batch([str(d)], str(tmp_path / "c.sqlite"), engine="dask", client=client, timeout=1.0, partition_size=2)
    assert (r.parsed, r.failed) == (1, 1)
    assert r.failures[0][0].endswith("huge.txt") and r.failures[0][1] == "Timeout"


def test_cli_with_a_scheduler_address(cluster, src, tmp_path):
    c, _ = cluster
    db = tmp_path / "c.sqlite"
    out = subprocess.run([sys.executable, "-m", "zqdoc.cli", "batch", str(src), "--db", str(db), "--engine", "dask",
                          "--scheduler", c.scheduler_address, "--timeout", "0", "-q"], capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert f"parsed {len(NAMES)}, unchanged 0, failed 1 of {len(NAMES) + 1} files" in out.stdout
    with zqdoc.Corpus(db) as corpus:
        assert len(corpus) == len(NAMES) and corpus.who("肇庆市发改局")[0]["counts"]["lead"] == 4

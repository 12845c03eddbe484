"""`zqdoc explore`: Datasette over a store, its canned queries answering, found in headless Chromium."""
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from conftest import CORPORA
from test_report import chromium  # noqa: F401  (the headless browser fixture)

pytest.importorskip("datasette")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from zqdoc.corpus import run_batch

    folder = tmp_path_factory.mktemp("explore")
    db = folder / "plans.sqlite"
    files = [str(CORPORA / f"{n}.txt") for n in ("zhaoqing-2012-plan", "guangdong-2021-fengong", "wuxi-2011-fenjie")]
    assert run_batch(files, str(db), workers=1).parsed == 3
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "zqdoc.cli", "explore", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/plans"
    for _ in range(120):
        try:
            urllib.request.urlopen(base, timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read())
            time.sleep(0.5)
    yield base
    proc.terminate()
    proc.wait(timeout=20)
    # the server went with zqdoc explore: nothing answers on its port any more
    with pytest.raises(OSError):
        urllib.request.urlopen(base, timeout=2)


def test_the_canned_who_owns_what_finds_every_development_and_reform_agency(served, chromium):  # noqa: F811
    url = f"{served}/who_owns_what?agency={urllib.parse.quote('发改局')}"
    dom = chromium(url, "--dump-dom").stdout
    for name in ("市发展改革局", "省发展改革委", "市发改委"):  # 肇庆, 广东, 无锡: three governments' names
        assert name in dom, name
    assert "肇庆市" in dom and "广东省" in dom and "无锡市" in dom


def test_facets_search_and_the_other_queries(served):
    import json

    def get(path):
        with urllib.request.urlopen(f"{served}/{path}", timeout=30) as r:
            return json.loads(r.read())

    busiest = get("busiest_agencies.json?_shape=array")
    assert busiest[0]["assignments"] >= busiest[-1]["assignments"] and busiest[0]["function"]
    found = get("explore_tasks.json?_shape=array&_search=" + urllib.parse.quote("高速公路"))
    assert found and all("高速公路" in r["title"] + r["text"] for r in found)
    assert get("tasks_mentioning.json?_shape=array&word=" + urllib.parse.quote("绿道"))
    facets = get("explore_agencies.json?_facet=function")["facet_results"]
    assert "function" in json.dumps(facets, ensure_ascii=False)


def test_explore_refuses_a_store_a_batch_is_writing(tmp_path):
    from zqdoc.corpus import Store, run_batch

    db = tmp_path / "s.sqlite"
    run_batch([str(CORPORA / "zhaoqing-2012-plan.txt")], str(db), workers=1)
    holder = Store(db)
    with holder.writer_lock("zqdoc batch of 9 files"):
        out = subprocess.run([sys.executable, "-m", "zqdoc.cli", "explore", "--db", str(db), "--port", "0"],
                             capture_output=True, text=True, timeout=120)
    holder.close()
    assert out.returncode == 2 and "another batch is writing it" in out.stderr

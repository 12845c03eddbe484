"""`zqdoc report`: the HTML page, opened in headless Chromium (Debian's chromium package).

When /usr/bin/chromium is missing, the fixture installs it with apt-get (as root only, after
`apt-get update`; a few minutes); the browser tests skip, saying why, only when that fails.
Chromium runs without network access of its own (no background networking, component updates,
sync or QUIC) on the file:// URL of the page."""
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED

import zqdoc
from zqdoc.report import render_report

CHROMIUM = "/usr/bin/chromium"
INSTALL_TIMEOUT = 240
HOSTILE = ("</script><script>document.body.setAttribute('data-pwned','1')</script>"
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">")


def _install_chromium() -> str:
    """Why chromium cannot be had ('' when it is there now)."""
    if os.path.exists(CHROMIUM):
        return ""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "chromium is missing and the tests do not run as root, so they cannot apt-get install it"
    if not shutil.which("apt-get"):
        return "chromium is missing and there is no apt-get to install it with"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]):
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, env=env)
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
                return f"chromium is missing and `{' '.join(cmd)}` failed: {tail[0]}"
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"chromium is missing and installing it failed: {err}"
    return "" if os.path.exists(CHROMIUM) else "apt-get installed chromium but /usr/bin/chromium is still missing"


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    profile = tmp_path_factory.mktemp("chromium-profile")

    def run(url: str, *mode: str) -> subprocess.CompletedProcess:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", *mode, url]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
        return done

    return run


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    done = subprocess.run([sys.executable, "-m", "zqdoc.cli", "report", str(SEED), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout
    return out


def _cells(dom: str, row_html: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)]


def _workload_row(dom: str, name: str) -> dict:
    for row in re.findall(r'<tr class="agency"[^>]*>.*?</tr>', dom, re.S):
        cells = re.findall(r'<td class="([^"]*)">(.*?)</td>', row, re.S)
        if any(cls == "name" and text == name for cls, text in cells):
            return {cls.split()[-1]: text for cls, text in cells if cls.startswith("n ")}
    raise AssertionError(f"{name} not in the workload table")


# --------------------------------------------------------------------------- without a browser


def test_report_is_self_contained(seed_report):
    page = seed_report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "Noto Sans CJK SC" in page  # a CJK-capable font stack
    # no network: nothing loaded from elsewhere
    assert not re.search(r'\b(src|href)\s*=\s*"(https?:)?//', page)
    assert "<link" not in page and "@import" not in page and "url(" not in page


def test_report_escapes_document_text():
    text = (f"关于{HOSTILE}的通知\n一、总体要求\n（一）{HOSTILE}。（{HOSTILE}牵头，市财政局参与）\n"
            "1、到2025年，完成10个项目建设。")
    page = render_report([zqdoc.parse_text(text)])
    assert "data-pwned" not in page.replace("data-pwned&#x27;", "").replace("&#x27;data-pwned", "")
    assert "<script>document" not in page and "<img" not in page
    assert page.count("<script") == 2  # the JSON data block and the page's own script


def test_report_of_several_documents(tmp_path):
    docs = [zqdoc.parse(SEED), zqdoc.parse(SEED.with_name("jianli-2022-fenjie.txt"))]
    page = render_report(docs)
    assert page.count('<section class="document"') == 2
    assert "政府 government" in page  # two governments: the workload table names them
    assert '<td class="function">发展改革</td>' in page  # 肇庆's 市发展改革局 and 监利's 市发改局 alike
    assert 'id="functions"' in page and "<td>发展改革</td>" in page  # the totals by function class


def test_report_cli_bad_input(tmp_path):
    done = subprocess.run([sys.executable, "-m", "zqdoc.cli", "report", str(tmp_path / "missing.txt"), "-o",
                           str(tmp_path / "r.html")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "missing.txt" in done.stderr
    assert not (tmp_path / "r.html").exists()


# --------------------------------------------------------------------------- in Chromium


def test_seed_report_in_chromium(chromium, seed_report, tmp_path):
    url = seed_report.as_uri()
    dom = chromium(url, "--dump-dom").stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert 'data-status="ok"' in body, body  # the page's script ran to the end without an error
    assert int(re.search(r'data-network-nodes="(\d+)"', body).group(1)) == 40

    assert _workload_row(dom, "市发展改革局") == {
        "lead": "4", "participant": "3", "responsible": "5", "assignments": "12", "tasks": "12"}
    assert len(re.findall(r'<li class="sec[ "]', dom)) == 44
    assert len(re.findall(r'<tr class="target">', dom)) == 13
    assert len(re.findall(r'<tr class="project">', dom)) == 36
    assert re.search(r'class="n-sections" data-count="44"', dom)
    assert "肇府办〔2012〕22号" in dom and "2012-04-19" in dom
    # a task's agencies by role in the outline
    assert re.search(r'data-path="3\.1\.1".*?<span class="ag lead"[^>]*>市发展改革局</span>', dom, re.S)

    shot = tmp_path / "report.png"
    done = chromium(url, "--enable-logging=stderr", "--v=0", f"--screenshot={shot}", "--window-size=1280,2000")
    page_lines = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not page_lines, page_lines
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a page, not a blank image
    keep = os.environ.get("ZQDOC_REPORT_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)


def test_hostile_report_in_chromium(chromium, tmp_path):
    text = (f"关于{HOSTILE}的通知\n一、总体要求\n（一）{HOSTILE}。（{HOSTILE}牵头，市财政局参与）\n"
            "1、到2025年，完成10个项目建设。")
    page = tmp_path / "hostile.html"
    page.write_text(render_report([zqdoc.parse_text(text)]), encoding="utf-8")
    dom = chromium(page.as_uri(), "--dump-dom").stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert 'data-status="ok"' in body and "data-pwned" not in body, body


@pytest.fixture(scope="module")
def thousand_report(tmp_path_factory) -> tuple[Path, list]:
    """1,000 documents: the corpus documents over and over, each copy a document of its own."""
    from conftest import CORPORA

    docs = [zqdoc.parse(p) for p in sorted(CORPORA.glob("*.txt"))]
    many = [docs[i % len(docs)] for i in range(1000)]
    out = tmp_path_factory.mktemp("big") / "report.html"
    out.write_text(render_report(many, ids=[f"d{i:04d}" for i in range(1000)]), encoding="utf-8")
    return out, many


def test_report_of_1000_documents_stays_readable(chromium, thousand_report):
    from zqdoc.report import MAX_NETWORK_NODES, SHOWN_NETWORK_NODES

    path, docs = thousand_report
    dom = chromium(path.as_uri(), "--dump-dom").stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert 'data-status="ok"' in body, body
    assert f'data-network-nodes="{SHOWN_NETWORK_NODES}"' in body  # the busiest agencies first
    assert f'max="{MAX_NETWORK_NODES}"' in dom  # the control widens it
    wider = re.search(r"<body[^>]*>", chromium(path.as_uri() + "#top=150", "--dump-dom").stdout).group(0)
    assert 'data-network-nodes="150"' in wider and 'data-status="ok"' in wider
    # an index of the documents instead of 1,000 links; each document folded
    assert len(re.findall(r'<tr class="doc-row">', dom)) == 1000
    assert len(re.findall(r'<details class="fold">', dom)) == 2000
    assert dom.index('id="workload"') < dom.index('id="documents"')
    # the workload grouped by government, one group per government of the agencies
    groups = re.findall(r'<tr class="group" data-government="([^"]*)">', dom)
    n = len({id(d) for d in docs})  # the corpus documents the thousand repeat
    G = zqdoc.graph.build(docs[:n], ids=[f"d{i:04d}" for i in range(n)])
    assert len(groups) == len(set(groups)) == len({r["jurisdiction"] or "?" for r in zqdoc.graph.workload(G)})


def test_report_and_png_share_one_legend(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from zqdoc.graph.legend import KIND_COLORS

    docs = [zqdoc.parse(SEED)]
    page = render_report(docs)
    legend = dict(re.findall(r'<span data-kind="([^"]+)"><i style="background:(#[0-9a-f]{6})"></i>', page))
    drawn = zqdoc.graph.draw_co_responsibility(zqdoc.graph.build(docs), tmp_path / "net.png")["legend"]
    assert legend and drawn and set(drawn) <= set(legend)
    assert all(legend[k] == drawn[k] == KIND_COLORS[k] for k in drawn)

"""Fault benchmark of `zqdoc batch`: a hypothesis fuzz of file names, folder layouts and kill points
over a batch of 500 documents. Writes docs/benchmarks-faults.md.

    python benchmarks/fault_bench.py               # 8 drawn cases of 500 documents (minutes)
    python benchmarks/fault_bench.py --cases 2 --docs 100   # to try it out

Each case draws the names of 500 files (Chinese, ASCII, spaces, leading dashes, names that are not
UTF-8 as GBK archives have them), the folders they sit in (nested up to four deep, some with FIFOs
and links to /dev/zero beside them), and a fault: kill -9 of the driver or of a worker after a drawn
delay, once or twice. After each fault the same command runs again until it exits cleanly. Then:

* lost: good files not stored (must be 0);
* duplicated: stored rows of one path, or stored paths that are not files (must be 0);
* deleted: documents stored before a fault and gone after it (must be 0);
* the bad files (FIFOs, /dev/zero links) recorded as errors, each once.

Not run by the tests (they kill one batch once, tests/test_batch.py); the figures are in
docs/benchmarks-faults.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zqdoc import __version__  # noqa: E402
from zqdoc.errors import shown  # noqa: E402

TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt"))]
NAME_CHARS = "肇庆计划方案通知分工责任abcXYZ0123456789 _-."


def names(rng: random.Random, n: int, gbk_share: float) -> list[str]:
    """`n` distinct file names: printable ones (Chinese, ASCII, spaces, dashes, dots) and a share
    `gbk_share` of names holding the GBK bytes of a Chinese name, as archives from Windows have them."""
    out: dict[str, str] = {}
    while len(out) < n:
        if rng.random() < gbk_share:
            name = os.fsdecode("".join(rng.choices("肇庆计划方案通知分工", k=rng.randint(1, 8))).encode("gbk"))
        else:
            name = "".join(rng.choices(NAME_CHARS, k=rng.randint(1, 24))).strip(" .") or "x"
        out.setdefault(name.lower(), name)
    return list(out.values())


@st.composite
def cases(draw, n_docs: int):
    """A drawn case: the names and folders of `n_docs` files (from a drawn seed, so that hypothesis
    need not build 500 strings), bad files beside them, the fault and its delays."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    files = names(rng, n_docs, draw(st.sampled_from([0.0, 0.1, 0.5])))
    depth = draw(st.integers(0, 4))
    folders = [os.path.join(*[f"d{rng.randint(0, 3)}" for _ in range(rng.randint(0, depth))] or ["."])
               for _ in range(n_docs)]
    bad = draw(st.integers(0, 3))
    fault = draw(st.sampled_from(["driver", "worker", "none"]))
    delays = draw(st.lists(st.floats(0.5, 6.0), min_size=1, max_size=2))
    return files, folders, bad, fault, delays


def stored(db: Path) -> tuple[list[str], list[str]]:
    if not db.exists():
        return [], []
    with sqlite3.connect(db) as c:
        return [r[0] for r in c.execute("SELECT path FROM documents")], [r[0] for r in c.execute("SELECT path FROM errors")]


def workers_of(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(x) for x in out]


def run_case(files, folders, bad, fault, delays, root: Path) -> dict:
    src = root / "src"
    good = []
    for i, (name, folder) in enumerate(zip(files, folders)):
        d = src / folder
        d.mkdir(parents=True, exist_ok=True)
        path = os.path.join(os.fsencode(d), os.fsencode(name + ".txt"))
        with open(path, "wb") as f:  # each document different: its own closing line
            f.write((TEXTS[i % len(TEXTS)] + f"\n（本件第{i}号）\n").encode("utf-8"))
        good.append(shown(os.path.abspath(os.fsdecode(path))))
    bad_paths = []
    for k in range(bad):
        p = src / f"bad{k}.txt"
        if k % 2:
            os.mkfifo(p)
        else:
            os.symlink("/dev/zero", p)
        bad_paths.append(str(p))
    db = root / "c.sqlite"
    cmd = [sys.executable, "-m", "zqdoc.cli", "batch", str(src), "--db", str(db), "-q", "--workers", "2", "--timeout", "20"]
    deleted, kills, runs = 0, 0, 0
    for delay in (delays if fault != "none" else []):
        before = set(stored(db)[0])
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs += 1
        time.sleep(delay)
        if proc.poll() is None:
            target = proc.pid if fault == "driver" else next(iter(workers_of(proc.pid)), proc.pid)
            os.kill(target, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=600)  # a killed driver is gone; after a killed worker the batch goes on to its end
        time.sleep(0.2)  # the kernel kills the orphaned workers (PR_SET_PDEATHSIG)
        deleted += len(before - set(stored(db)[0]))
    for _ in range(5):  # rerun until it finishes cleanly
        runs += 1
        before = set(stored(db)[0])
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600).returncode
        deleted += len(before - set(stored(db)[0]))
        if rc in (0, 1):
            break
    docs, errors = stored(db)
    return {
        "files": len(good), "bad": bad, "fault": fault, "kills": kills, "runs": runs,
        "lost": len(set(good) - set(docs)), "duplicated": (len(docs) - len(set(docs))) + len(set(docs) - set(good)),
        "deleted": deleted, "bad_recorded": sorted(errors) == sorted(bad_paths),
        "orphans": len([p for p in subprocess.run(["pgrep", "-f", "zqdoc.corpus.worker"], capture_output=True,
                                                  text=True).stdout.split()]),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=8)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks-faults.md"))
    args = ap.parse_args()
    results: list[dict] = []

    @seed(20261201)  # varied cases, the same on every run
    @settings(max_examples=args.cases, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[__import__("hypothesis").Phase.generate])
    @given(cases(args.docs))
    def case(drawn):
        root = Path(tempfile.mkdtemp(prefix="zqdoc-faults-"))
        try:
            r = run_case(*drawn, root)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        results.append(r)
        print(r, flush=True)

    t0 = time.monotonic()
    case()
    seconds = time.monotonic() - t0
    rows = "\n".join(
        f"| {i + 1} | {r['files']} | {r['bad']} | {r['fault']} | {r['kills']} | {r['runs']} | {r['lost']} | "
        f"{r['duplicated']} | {r['deleted']} | {'yes' if r['bad_recorded'] else 'NO'} | {r['orphans']} |"
        for i, r in enumerate(results))
    total = {k: sum(r[k] for r in results) for k in ("lost", "duplicated", "deleted", "orphans")}
    Path(args.out).write_text(f"""# Faults: names, layouts and kill points over a batch

Written by `python benchmarks/fault_bench.py` on {dt.date.today().isoformat()} (zqdoc {__version__},
Python {platform.python_version()}, {os.cpu_count()} CPUs), {len(results)} cases drawn by hypothesis
in {seconds:.0f} s. Each case: {args.docs} documents under drawn names (Chinese, ASCII, spaces, dashes,
GBK bytes that are not UTF-8) and folders, a few FIFOs and links to /dev/zero beside them, kill -9 of
the driver or a worker after a drawn delay, then the same command again until it ends cleanly.

| case | files | bad files | fault | kills | runs | lost | duplicated | good deleted | bad files recorded | workers left |
|---|---|---|---|---|---|---|---|---|---|---|
{rows}

In all: **{total['lost']} lost, {total['duplicated']} duplicated, {total['deleted']} good documents deleted,
{total['orphans']} workers left behind**.
""", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    random.seed(0)
    main()

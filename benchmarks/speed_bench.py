"""Speed of zqdoc against the segmenter it builds on, jieba. Writes docs/benchmarks.md.

    python benchmarks/speed_bench.py            # the full run (a few minutes)
    python benchmarks/speed_bench.py --quick    # fewer repeats and a smaller batch, to try it out

1. Warm parse-and-extract: `zqdoc.parse_text` of the seed and of each corpus document against
   `jieba.lcut` of the same text, in one process, the two interleaved run by run; the median of
   --repeats runs each. zqdoc's memoised answers about agency names are cleared before every
   parse, so a document is timed as if its names were new; jieba keeps its dictionary, and zqdoc
   its rule tables and the dictionary blocks it has read (both are loaded once per process).
2. Cold start: `zqdoc parse SEED` as a new process against a process that imports jieba and cuts
   one sentence; the median of --cold runs each, after one run of each has built their caches.
3. Batch: `zqdoc.corpus.run_batch` into SQLite with 1 and 2 workers, on variants of the seed and
   on mixed corpus documents made as benchmarks/batch_bench.py makes them (that script is the
   long run: 10,000 documents, growth and memory).
Not run by the tests.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import jieba  # noqa: E402

import zqdoc  # noqa: E402
from batch_bench import make_corpus, one_run, plain_run  # noqa: E402
from zqdoc.extract import clear_caches  # noqa: E402
from zqdoc.load import load  # noqa: E402

CORPORA = ROOT / "corpora"
SEED = CORPORA / "zhaoqing-2012-plan.txt"
SENTENCE = "肇庆市发展改革局牵头推进重点项目建设"
# The aims of issue 17, as ratios measured in one run.
AIM_WARM = 0.5  # warm parse-and-extract of the seed at most half of jieba.lcut's time
AIM_WARM_ALL = 0.6  # and of the whole corpus
AIM_COLD = 0.4  # cold `zqdoc parse SEED` against a process that imports jieba and cuts one sentence
AIM_BATCH_RATIO = 0.85  # a batch of seed-sized plans against the same parses in plain processes
AIM_BATCH_RATE = 120  # seed-sized plans per second on 2 workers
AIM_RSS_MB = 120  # peak RSS per worker
OUTPUT = ROOT / "docs" / "benchmarks.md"


def warm(texts: dict[str, str], repeats: int) -> list[dict]:
    jieba.setLogLevel(60)
    rows = []
    for name, text in texts.items():
        zqdoc.parse_text(text)  # rules, tables and dictionary blocks loaded, as in any long run
        jieba.lcut(text)
        ours, theirs = [], []
        for _ in range(repeats):
            clear_caches()
            t = time.perf_counter()
            zqdoc.parse_text(text)
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            jieba.lcut(text)
            theirs.append(time.perf_counter() - t)
        z, j = statistics.median(ours) * 1e3, statistics.median(theirs) * 1e3
        rows.append({"name": name, "chars": len(text), "zqdoc": z, "jieba": j, "ratio": z / j})
        print(f"{name:>32}: {len(text):>6} chars  zqdoc {z:7.2f} ms  jieba.lcut {j:7.2f} ms  ratio {z / j:.2f}", flush=True)
    return rows


def _zqdoc_command() -> list[str]:
    script = shutil.which("zqdoc", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "zqdoc.cli"]


def cold(runs: int) -> dict:
    commands = {
        "zqdoc parse SEED": _zqdoc_command() + ["parse", str(SEED)],
        "import jieba; jieba.lcut(one sentence)": [sys.executable, "-c",
                                                   f"import jieba; jieba.setLogLevel(60); jieba.lcut({SENTENCE!r})"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    for k in range(runs + 1):  # the first round builds both caches and is not counted
        for label, cmd in commands.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if k:
                times[label].append(time.perf_counter() - t)
    out = {label: (statistics.median(ts), min(ts)) for label, ts in times.items()}
    for label, (med, best) in out.items():
        print(f"cold {label}: median {med:.2f} s, best {best:.2f} s", flush=True)
    return out


def batch(seed_docs: int, mixed_docs: int) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="zqdoc-speed-"))
    try:
        runs = []
        for label, n, seed_only in (("seed-sized", seed_docs, True), ("mixed", mixed_docs, False)):
            folder = work / label
            make_corpus(folder, n, seed_only=seed_only)
            for workers in (1, 2):
                p = plain_run(folder, workers)  # the same parses, no store: what the batch is measured against
                r = one_run(folder, workers, f"{label}-w{workers}", work)
                r["label"], r["plain_rate"] = f"{label} {n:,}", p["rate"]
                runs.append(r)
                print(f"batch {r['label']} workers={workers}: {r['rate']:.0f} docs/s, plain processes "
                      f"{p['rate']:.0f} docs/s ({r['rate'] / p['rate']:.2f}x)", flush=True)
        return runs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stages(text: str, repeats: int) -> dict[str, float]:
    """Milliseconds of each step of parse_text on one text (median)."""
    from zqdoc.extract import context_for, describe, find_assignments
    from zqdoc.extract.projects import find_projects
    from zqdoc.extract.targets import find_targets
    from zqdoc.models import Document
    from zqdoc.normalize import clean
    from zqdoc.parser import parse_structure

    cleaned = clean(text)
    parsed = parse_structure(cleaned)
    doc = Document(meta=parsed.meta, sections=parsed.sections, text=cleaned)
    ctx = context_for(doc)
    own = [s.text for s in doc.walk() if s.cells is None]
    steps = {
        "clean": lambda: clean(text),
        "sections and metadata": lambda: parse_structure(cleaned),
        "responsibility clauses and agencies": lambda: [describe(find_assignments(t)[1], ctx) for t in own],
        "targets": lambda: [find_targets(t, year=ctx.year) for t in own],
        "projects": lambda: [find_projects(t) for t in own],
    }
    out = {}
    for name, step in steps.items():
        step()
        ts = []
        for _ in range(repeats):
            clear_caches()
            t = time.perf_counter()
            step()
            ts.append(time.perf_counter() - t)
        out[name] = statistics.median(ts) * 1e3
    return out


def write_report(path: Path, rows: list[dict], cold_times: dict, runs: list[dict], steps: dict, args) -> None:
    seed = next(r for r in rows if r["name"] == SEED.stem)
    total_z, total_j = sum(r["zqdoc"] for r in rows), sum(r["jieba"] for r in rows)
    (ours_med, ours_best), (ref_med, ref_best) = cold_times.values()
    lines = [
        "# Benchmark: zqdoc against jieba",
        "",
        f"`python benchmarks/speed_bench.py{' --quick' if args.quick else ''}` on {dt.date.today()}, zqdoc {zqdoc.__version__}, "
        f"jieba {jieba.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()}), "
        f"load average {os.getloadavg()[0]:.1f} at the end. How it measures: the docstring of benchmarks/speed_bench.py.",
        "",
        "## Warm parse-and-extract against `jieba.lcut` of the same text",
        "",
        f"Median of {args.repeats} runs each, in one process. Ratio = zqdoc / jieba.lcut (below 1: zqdoc is faster).",
        "",
        "| document | chars | zqdoc.parse_text ms | jieba.lcut ms | ratio |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        name = f"**{r['name']}** (seed)" if r is seed else r["name"]
        lines.append(f"| {name} | {r['chars']:,} | {r['zqdoc']:.2f} | {r['jieba']:.2f} | {r['ratio']:.2f} |")
    lines += [
        f"| all {len(rows)} documents | {sum(r['chars'] for r in rows):,} | {total_z:.1f} | {total_j:.1f} | {total_z / total_j:.2f} |",
        "",
        f"Where the seed's time goes (median ms): " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()) + ".",
        "",
        "## Cold start",
        "",
        f"A new process each run; median (best) of {args.cold} runs, after one run of each that builds jieba's "
        "cache and zqdoc's dictionary-block file.",
        "",
        "| command | median s | best s |",
        "|---|---|---|",
    ]
    lines += [f"| `{label}` | {med:.2f} | {best:.2f} |" for label, (med, best) in cold_times.items()]
    lines += [
        "",
        "## Batch into SQLite",
        "",
        "`zqdoc.corpus.run_batch` end to end (finding files, starting workers, parsing, writing one transaction per "
        "document); documents made from corpora/ as in benchmarks/batch_bench.py.",
        "",
        "| documents | workers | docs/s | plain processes docs/s | ratio | parse ms/doc in a worker | peak RSS per worker |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {r['label']} | {r['workers']} | **{r['rate']:.0f}** | {r['plain_rate']:.0f} | {r['rate'] / r['plain_rate']:.2f} | "
              f"{r['parse_ms']:.1f} | {r['peak_rss_mb']:.0f} MB |" for r in runs]
    seed2 = next(r for r in runs if r["label"].startswith("seed") and r["workers"] == 2)
    rss = max(r["peak_rss_mb"] for r in runs)
    cold_ratio = ours_med / ref_med

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    lines += [
        "",
        "\"Plain processes\" are the same files parsed by as many processes that call only `zqdoc.parse` "
        "(benchmarks/batch_bench.py `plain_run`): no rows, no store, no driver.",
        "",
        "## Against the aims",
        "",
        "| aim | measured | |",
        "|---|---|---|",
        f"| warm parse of the seed ≤ {AIM_WARM}× `jieba.lcut` | {seed['ratio']:.2f}× ({seed['zqdoc']:.1f} ms against "
        f"{seed['jieba']:.1f} ms) | {verdict(seed['ratio'] <= AIM_WARM)} |",
        f"| warm parse of the whole corpus ≤ {AIM_WARM_ALL}× | {total_z / total_j:.2f}× | {verdict(total_z / total_j <= AIM_WARM_ALL)} |",
        f"| cold `zqdoc parse SEED` ≤ {AIM_COLD}× the jieba process | {cold_ratio:.2f}× ({ours_med:.2f} s against "
        f"{ref_med:.2f} s) | {verdict(cold_ratio <= AIM_COLD)} |",
        f"| batch of seed-sized plans ≥ {AIM_BATCH_RATIO}× plain processes (2 workers) | "
        f"{seed2['rate'] / seed2['plain_rate']:.2f}× | {verdict(seed2['rate'] / seed2['plain_rate'] >= AIM_BATCH_RATIO)} |",
        f"| ≥ {AIM_BATCH_RATE} seed-sized plans/s on 2 workers | {seed2['rate']:.0f} | {verdict(seed2['rate'] >= AIM_BATCH_RATE)} |",
        f"| peak RSS per worker ≤ {AIM_RSS_MB} MB | {rss:.0f} MB | {verdict(rss <= AIM_RSS_MB)} |",
        "",
        "10,000 small notices, growth from 1k to 10k and the graph of 10,000 documents: "
        "docs/benchmarks-batch.md (benchmarks/batch_bench.py).",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats and a smaller batch")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args()
    args.repeats, args.cold = (7, 3) if args.quick else (31, 9)
    texts = {p.stem: load(p).text for p in sorted(CORPORA.glob("*.txt"))}
    texts = {SEED.stem: texts.pop(SEED.stem), **texts}
    rows = warm(texts, args.repeats)
    steps = stages(texts[SEED.stem], args.repeats)
    cold_times = cold(args.cold)
    runs = batch(*((100, 300) if args.quick else (1000, 1000)))  # issue 17: 1,000 seed-sized plans
    write_report(args.output, rows, cold_times, runs, steps, args)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()

"""Stress benchmark of `zqdoc.parse_text`: time against input size on pathological inputs (is it
linear?) and memory on a large plan. Writes docs/benchmarks-stress.md.

    python benchmarks/stress_bench.py              # the full run: scales 1×, 10×, 100×; 2 and 20 MB plans (minutes)
    python benchmarks/stress_bench.py --small      # scales 1× and 10×; 0.2 and 2 MB plans, to try it out

Every input is generated here at scale k (nothing is stored) and parsed in a fresh subprocess, so
each peak RSS is that of one parse; a run is stopped after --timeout seconds and reported as such.
The large plans are made from corpora/*.txt: their sections from the first 一、 on, numbers
redrawn, years shifted, top-level sections renumbered inside chapters 第一章, 第二章, …
Not run by the tests.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zqdoc import __version__  # noqa: E402

CORPORA = ROOT / "corpora"
SEED = CORPORA / "zhaoqing-2012-plan.txt"
TOP = re.compile(r"^\s*[一二三四五六七八九十]+、\s*", re.M)
AGENCIES = ["市发展改革局", "市财政局", "市经济信息化局", "市教育局", "市科技局", "市公安局", "市民政局",
            "市人力资源社会保障局", "市自然资源局", "市生态环境局", "市住房城乡建设局", "市交通运输局"]
CLAUSE = "（市发展改革局牵头，市经济信息化局等有关部门参与）推进项目建设，"
TITLES = ["加快重点项目建设", "推进产业转型升级", "完善公共服务体系", "强化要素保障", "深化改革开放", "加强组织领导"]
HEAD = "一、重点工作任务\n"  # put before every case: text outside any section is not extracted
WARMUP = "一、总体要求\n（一）加快项目建设（市发展改革局牵头，市财政局参与）。\n"
MB = 10**6
LINEAR = 15  # time(k)/time(k/10) at most this for the two largest scales: linear (a quadratic gives 100)


def cn(n: int) -> str:
    """1 → 一, 12 → 十二, 105 → 一百零五 (n < 1000)."""
    d = "零一二三四五六七八九"
    h, t, u = n // 100, n // 10 % 10, n % 10
    s = d[h] + "百" if h else ""
    if t:
        s += ("" if t == 1 and not h else d[t]) + "十"
    elif h and u:
        s += "零"
    return s + (d[u] if u else "")


def brackets(k: int) -> str:
    rng = random.Random(1)
    return "".join(rng.choice("（(") for _ in range(2000 * k))


def long_line(k: int) -> str:
    return CLAUSE * (k * 10 * MB // 100 // len(CLAUSE.encode()))


def markers(k: int) -> str:
    """第一章 > 一、 > （一） > 1、 > （1）: 10 × 5 × 3 × 2 below each chapter."""
    out, fan, n = [], [10, 5, 3, 2], 500 * k

    def level(depth: int, i: int) -> None:
        if len(out) < n:
            style = ["第{}章 ", "{}、", "（{}）", "{}、", "（{}）"][depth]
            out.append(style.format(cn(i) if depth < 3 else i) + TITLES[len(out) % len(TITLES)])
            for j in range(1, fan[depth] + 1) if depth < len(fan) else ():
                level(depth + 1, j)

    chapter = 0
    while len(out) < n:
        chapter += 1
        level(0, chapter)
    return "\n".join(out) + "\n"


def nested(k: int) -> str:
    depth = 25 * k
    line = "".join(f"（{AGENCIES[d % len(AGENCIES)]}{'参与' if d % 2 else '牵头'}" for d in range(depth))
    return (line + "推进项目建设" + "）" * depth + "。\n") * 20


def commas(k: int) -> str:
    return "、" * (10_000 * k)


def agency_list(k: int) -> str:
    return "（" + "、".join(AGENCIES[i % len(AGENCIES)] for i in range(1000 * k)) + "牵头）\n"


def unbalanced(k: int) -> str:
    pieces = ["（市发展改革局牵头，推进项目建设", "市财政局参与）落实资金保障。", "【重点任务（一", "《规划纲要〈实施",
              "）））完成目标任务", "((((市教育局负责", "一、（二）(3"]
    return "\n".join(pieces[i % len(pieces)] for i in range(500 * k)) + "\n"


def digits(k: int) -> str:
    rng = random.Random(2)
    forms = [lambda: ".".join(str(rng.randint(1, 9)) for _ in range(rng.randint(2, 8))) + ".",
             lambda: f"{rng.randint(1, 99)}、", lambda: f"（{rng.randint(1, 99)}）", lambda: f"{rng.randint(1, 9)})",
             lambda: "1." * rng.randint(1, 30), lambda: str(rng.randint(1, 10**9))]
    return "\n".join(rng.choice(forms)() for _ in range(1000 * k)) + "\n"


def plan(mb: float) -> str:
    """A plan of about `mb` MB (UTF-8): the seed's front matter, then chapters of corpus sections."""
    rng = random.Random(3)
    seed = SEED.read_text(encoding="utf-8")
    bodies = [t[m.start():] for p in sorted(CORPORA.glob("*.txt"))
              if (m := TOP.search(t := p.read_text(encoding="utf-8")))]
    out, size, chapter = [seed[:TOP.search(seed).start()]], 0, 0
    while size < mb * MB:
        chapter += 1
        shift, top = rng.randrange(15), 0
        out.append(f"第{cn(chapter)}章 20{12 + shift}年重点工作任务\n")
        for body in bodies:
            body = re.sub(r"(?:19|20)(\d\d)年", lambda m: f"20{(int(m.group(1)) + shift) % 30:02d}年", body)
            body = re.sub(r"(?<![\d年])(\d{1,3})(?=[%％个家项亿万座条所公里])",
                          lambda m: str(max(1, int(m.group(1)) + rng.randrange(-3, 9))), body)

            def renumber(m: re.Match) -> str:
                nonlocal top
                top += 1
                return f"{cn(top)}、"

            out.append(TOP.sub(renumber, body.rstrip("\n")) + "\n")
            size += len(out[-1].encode())
            if size >= mb * MB:
                break
    return "".join(out)


CASES = {
    "brackets": ("2,000·k opening brackets, （ and ( mixed, on one line", brackets),
    "long line": (f"`{CLAUSE}` repeated to k/100 × 10 MB, no line break", long_line),
    "markers": ("500·k heading lines 第一章 > 一、 > （一） > 1、 > （1）, short titles", markers),
    "nested": ("20 lines of （市发展改革局牵头（市财政局参与（… nested 25·k deep, then closed", nested),
    "、 only": ("10,000·k `、` on one line", commas),
    "agency list": ("（市发展改革局、市财政局、…牵头） with 1,000·k agencies on one line", agency_list),
    "unbalanced": ("500·k lines with brackets left open or closed without opening", unbalanced),
    "digits": ("1,000·k lines of markers only: 1.2.3.4., 12、, （7）, 3), 1.1.1.1…, bare numbers", digits),
}


# Patterns applied only through a function that bounds them (match at a line start; input whose
# white-space runs were collapsed first): they are timed through that function.
def _through_pairs(pattern: re.Pattern, s: str):
    from zqdoc.formats.html import _pairs

    return _pairs(s)


APPLIED = {
    "zqdoc.extract.responsibility._MARKER": lambda p, s: p.match(s),
    "zqdoc.formats.html._META_RE": _through_pairs,
}


def patterns() -> dict:
    """Every compiled regular expression of zqdoc: module constants and the rule tables' patterns."""
    import importlib
    import pkgutil

    import zqdoc
    from zqdoc.extract import agencies, responsibility

    found = {}
    for info in pkgutil.walk_packages(zqdoc.__path__, "zqdoc."):
        module = importlib.import_module(info.name)
        found.update({f"{info.name}.{k}": v for k, v in vars(module).items() if isinstance(v, re.Pattern)})
    for owner, table in (("responsibility._words", responsibility._words()), ("agencies._names", agencies._names())):
        found.update({f"zqdoc.extract.{owner}[{k}]": v for k, v in table.items() if isinstance(v, re.Pattern)})
    return {k: v for k, v in found.items() if isinstance(v.pattern, str)}


def regex_audit(n: int = 5_000) -> list[tuple[str, float, float, str]]:
    """Each pattern run over every character of its own source repeated n and 10·n times (and over
    `1.`, `一、`, `(一)` runs): (name, seconds at n, seconds at 10·n, worst input); best of 3."""
    out = []
    for name, pattern in sorted(patterns().items()):
        chars = sorted({c for c in pattern.pattern if not c.isascii() or c in "()[].,;:-/ \n\t0123456789"})
        apply = APPLIED.get(name, lambda p, s: sum(1 for _ in p.finditer(s)))
        worst = (0.0, 0.0, "")
        for ch in chars + ["1.", "一、", "(一)"]:
            times = []
            for size in (n, 10 * n):
                best = float("inf")
                for _ in range(3):
                    t = time.perf_counter()
                    apply(pattern, ch * size)
                    best = min(best, time.perf_counter() - t)
                times.append(best)
            if times[1] > worst[1]:
                worst = (times[0], times[1], ch)
        out.append((name, *worst))
    return out


def status(field: str) -> int:
    """A field of /proc/self/status (VmRSS, VmHWM) in bytes."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith(field + ":"))


def child(case: str, scale: float) -> None:
    """Build one input, parse it (again while under a second in all, at most 5 times), print JSON."""
    import zqdoc

    text = plan(scale) if case == "plan" else HEAD + CASES[case][1](int(scale))
    zqdoc.parse_text(WARMUP)  # load the word tables and jieba outside the timing
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset VmHWM: the peak is that of the parse, not of building the input
    before, times, error = status("VmRSS"), [], None
    try:
        while sum(times) < 1 and len(times) < 5:
            t = time.perf_counter()
            zqdoc.parse_text(text)
            times.append(time.perf_counter() - t)
    except zqdoc.ZqdocError as e:
        error = f"refused (ZqdocError): {e.cause}"
    except Exception as e:  # noqa: BLE001 — reported, not raised: the benchmark goes on
        traceback.print_exc()
        error = f"{type(e).__name__}: {str(e)[:200]}"
    print(json.dumps({"chars": len(text), "bytes": len(text.encode()), "seconds": min(times, default=None),
                      "rss_before": before, "peak": status("VmHWM"), "error": error}))


def run(case: str, scale: float, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--child", case, str(scale)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "error": f"timeout ({timeout:.0f} s)"}
    if p.returncode or not p.stdout.strip():
        return {"seconds": None, "error": f"exit {p.returncode}: {p.stderr.strip()[-300:]}"}
    return json.loads(p.stdout.strip().splitlines()[-1])


def verdict(runs: dict[int, dict], last: int) -> str:
    bad = next((r["error"] for r in runs.values() if r["error"]), None)
    if bad:
        return bad
    ratio = runs[last]["seconds"] / runs[last // 10]["seconds"]
    return "linear" if ratio <= LINEAR else f"**super-linear** ({ratio:.0f}× for 10× the input)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true", help="scales 1× and 10× only, plans of 0.2 and 2 MB")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    ap.add_argument("--output", default=str(ROOT / "docs" / "benchmarks-stress.md"))
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]))
        return
    scales, plans = ((1, 10), (0.2, 2)) if args.small else ((1, 10, 100), (2, 20))
    load = os.getloadavg()[0]
    results: dict[str, dict[int, dict]] = {}
    for case in CASES:
        results[case] = {}
        for k in scales:
            r = results[case][k] = run(case, k, args.timeout)
            print(f"{case:>12} {k:>4}×: " + (r["error"] or f"{r['chars']:>10,} chars {r['seconds']:8.3f} s"), flush=True)
            if r["error"]:
                break
    big = {}
    for mb in plans:
        r = big[mb] = run("plan", mb, args.timeout)
        print(f"{'plan':>12} {mb:>4} MB: " + (r["error"] or f"{r['seconds']:.1f} s, peak RSS {r['peak'] / MB:.0f} MB"),
              flush=True)
    audit = regex_audit()
    report = render(results, big, scales, load, " --small" if args.small else "", audit)
    Path(args.output).write_text(report, encoding="utf-8")
    print("\n" + report + f"\nwrote {args.output}")


def render(results: dict, big: dict, scales: tuple, load: float, flags: str, audit: list) -> str:
    last = scales[-1]
    lines = [
        "# Benchmark: `zqdoc.parse_text` on pathological and large inputs",
        "",
        f"`python benchmarks/stress_bench.py{flags}` on {dt.date.today().isoformat()}, zqdoc {__version__}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()}), load average {load:.1f} at the start.",
        "",
        f"Each input is generated at scale k, put after one heading line `{HEAD.strip()}` (so that the extraction "
        "runs over it: text outside any section is not extracted) and parsed in a fresh subprocess after a warm-up "
        "parse (so loading the word tables and jieba is not timed); `seconds` is the fastest of up to 5 parses that "
        f"together take under a second. A case is **linear** when time({last}×)/time({last // 10}×) is at most "
        f"{LINEAR} (a quadratic cost gives 100; the 1× runs are short and carry fixed costs and timer noise, so the "
        "two largest scales decide). "
        "Peak RSS is the subprocess's VmHWM during the parse (reset after building the input).",
        "",
        "| case | input at scale k | " + " | ".join(f"{k}×: chars / s / µs per char" for k in scales)
        + " | " + " | ".join(f"{k}×/1×" for k in scales[1:]) + f" | peak RSS {last}× | verdict |",
        "|---" * (2 * len(scales) + 3) + "|",
    ]
    for case, runs in results.items():
        cells = [f"{r['chars']:,} / {r['seconds']:.3f} / {1e6 * r['seconds'] / r['chars']:.2f}"
                 if k in runs and not (r := runs[k])["error"] else "—" for k in scales]
        ratios = [f"{runs[k]['seconds'] / runs[1]['seconds']:.1f}"
                  if k in runs and not runs[k]["error"] and not runs[1]["error"] else "—" for k in scales[1:]]
        rss = f"{runs[last]['peak'] / MB:.0f} MB" if last in runs and not runs[last]["error"] else "—"
        lines.append(f"| {case} | {CASES[case][0]} | " + " | ".join(cells + ratios) + f" | {rss} | {verdict(runs, max(runs))} |")
    lines += [
        "",
        "## Memory on a large plan",
        "",
        "A plan built from corpora/ (see the script's docstring), parsed once. RSS before = the subprocess "
        "after importing zqdoc, building the text and the warm-up parse; the growth per input byte is "
        "(peak − before) / UTF-8 bytes of the input.",
        "",
        "| plan | chars | seconds | chars/s | RSS before | peak RSS | growth per input byte |",
        "|---|---|---|---|---|---|---|",
    ]
    for mb, r in big.items():
        if r["error"]:
            lines.append(f"| {mb} MB | " + " | ".join(["—"] * 5) + f" | {r['error']} |")
            continue
        lines.append(f"| {r['bytes'] / MB:.1f} MB | {r['chars']:,} | {r['seconds']:.1f} | {r['chars'] / r['seconds']:,.0f} | "
                     f"{r['rss_before'] / MB:.0f} MB | {r['peak'] / MB:.0f} MB | "
                     f"{(r['peak'] - r['rss_before']) / r['bytes']:.1f} B |")
    small, large = big[min(big)], big[max(big)]
    if not (small["error"] or large["error"]):
        growth = (large["peak"] - large["rss_before"]) / max(1, small["peak"] - small["rss_before"])
        lines += ["", f"- {large['bytes'] / small['bytes']:.0f}× the input: {large['seconds'] / small['seconds']:.1f}× "
                      f"the time, {growth:.1f}× the memory the parse adds."]
    slow = [row for row in audit if row[2] > 0.01 and row[2] / max(row[1], 1e-9) > 15]
    lines += [
        "",
        "## Regular expressions",
        "",
        f"All {len(audit)} compiled patterns of zqdoc, each run (finditer; the {len(APPLIED)} applied only through a "
        "bounding function, through it) over every character of its own source repeated 5,000 and 50,000 times, "
        "and over `1.`, `一、`, `(一)` runs (best of 3). A pattern that backtracks badly takes 100× or more for 10× "
        f"the input. Slowest at 50,000: {max(audit, key=lambda r: r[2])[0]} ({max(r[2] for r in audit) * 1e3:.1f} ms). "
        + ("**Super-linear:** " + ", ".join(f"{r[0]} on {r[3]!r} ({r[1]:.3f} → {r[2]:.3f} s)" for r in slow) if slow
           else "None is super-linear (more than 15× for 10× the input, above 10 ms)."),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

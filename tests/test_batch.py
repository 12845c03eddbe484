"""`zqdoc batch`: discovery, worker processes, skip-unchanged, failures, the time limit, the summary
and exit codes, and a kill -9 in mid-run followed by a rerun that completes the store."""
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import zqdoc
from conftest import CORPORA, SEED
from zqdoc.corpus import discover, run_batch

TEXTS = sorted(CORPORA.glob("*.txt"))


def run_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zqdoc.cli", *map(str, args)], capture_output=True, text=True, **kw)


def make_variants(folder, n, min_parts=1):
    """`n` documents made from corpora/ texts, each different: the body of one or more notices,
    with a document number and every year-like number of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in TEXTS]
    paths = []
    for i in range(n):
        base = texts[i % len(texts)]
        parts = [base] + [texts[(i * 7 + k) % len(texts)] for k in range(1, min_parts)]
        body = "\n".join(parts)
        body = re.sub(r"20(\d\d)年", lambda m: f"20{(int(m.group(1)) + i) % 30:02d}年", body)
        text = f"变体文〔{2000 + i % 25}〕{i}号\n" + body
        sub = folder / f"batch{i % 5}"
        sub.mkdir(exist_ok=True)
        p = sub / f"doc{i:04d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def test_discover_files_folders_and_globs(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("一、x", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.TXT").write_text("一、x", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "three.txt").write_text("一、x", encoding="utf-8")
    (tmp_path / "c.txt").write_text("一、x", encoding="utf-8")
    files, unmatched = discover([str(tmp_path / "a"), str(tmp_path / "*.txt"), str(tmp_path / "c.txt"),
                                 str(tmp_path / "a" / "notes.md"), str(tmp_path / "missing.txt"),
                                 str(tmp_path / "nothing*.txt")])
    names = [os.path.relpath(f, tmp_path) for f in files]
    assert names == ["a/b/two.TXT", "a/notes.md", "a/one.txt", "c.txt", "missing.txt"]
    assert unmatched == [str(tmp_path / "nothing*.txt")]
    files, _ = discover([str(tmp_path / "**" / "*.txt")])
    assert [os.path.relpath(f, tmp_path) for f in files] == ["a/one.txt", "c.txt"]


def test_batch_parses_skips_unchanged_and_records_failures(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    good = []
    for name in ("zhaoqing-2012-plan", "caidian-2023-fenjie", "jianli-2022-fenjie"):
        p = src / f"{name}.txt"
        p.write_bytes((CORPORA / f"{name}.txt").read_bytes())
        good.append(p)
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # a broken PNG: DamagedFile, a BinaryInput
    db = tmp_path / "c.sqlite"
    r = run_batch([str(src), str(tmp_path / "gone.txt")], str(db), workers=2)
    assert (r.files, r.parsed, r.unchanged, r.failed, r.exit_code) == (6, 3, 0, 3, 1)
    causes = {os.path.basename(p): cls for p, cls, _ in r.failures}
    assert causes == {"empty.txt": "EmptyInput", "image.txt": "DamagedFile", "gone.txt": "InputNotFound"}
    assert all(0 < rss < 300 * 2**20 for rss in r.peak_rss)
    with zqdoc.Corpus(db) as c:
        assert len(c) == 3 and len(c.errors()) == 3
        assert c.document("zhaoqing-2012-plan") == zqdoc.parse(str(good[0]))
        first = {d["path"]: d["parsed_at"] for d in c.documents()}

    r = run_batch([str(src)], str(db), workers=1)  # again: nothing changed, the failures are retried
    assert (r.parsed, r.unchanged, r.failed, r.pruned) == (0, 3, 2, 1)  # gone.txt's error row: its file is gone

    good[1].write_bytes(good[1].read_bytes() + "\n".encode())  # new content
    os.utime(good[2], ns=(time.time_ns(), time.time_ns() + 10**9))  # same content, new time: read, hashed, skipped
    (src / "empty.txt").write_text((CORPORA / "huzhou-2020-fenjie.txt").read_text(encoding="utf-8"), encoding="utf-8")
    os.remove(src / "image.txt")
    with sqlite3.connect(db) as conn:  # parsed by another version of zqdoc: parsed again
        conn.execute("UPDATE documents SET parser_version = '0.0.0' WHERE path = ?", (str(good[0]),))
    r = run_batch([str(src)], str(db), workers=1)
    assert (r.files, r.parsed, r.unchanged, r.failed, r.exit_code) == (4, 3, 1, 0, 0)
    with zqdoc.Corpus(db) as c:
        assert len(c) == 4
        assert c.errors() == []  # empty.txt parses now, image.txt is gone
        again = {d["path"]: d["parsed_at"] for d in c.documents()}
        assert again[str(good[2])] == first[str(good[2])]
        assert c.document(str(good[1])) == zqdoc.parse(str(good[1]))


def test_time_limit_kills_the_worker_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    (src / "huge.txt").write_text(seed * 150, encoding="utf-8")  # ~3 MB: several seconds to parse
    for name in ("caidian-2023-fenjie", "jianli-2022-fenjie", "huzhou-2020-fenjie"):
        (src / f"{name}.txt").write_bytes((CORPORA / f"{name}.txt").read_bytes())
    t0 = time.monotonic()
    r = run_batch([str(src)], str(tmp_path / "c.sqlite"), workers=1, timeout=1.0)
    elapsed = time.monotonic() - t0
    assert (r.parsed, r.failed, r.exit_code) == (3, 1, 1)
    (path, cls, message), = r.failures
    assert path.endswith("huge.txt") and cls == "Timeout" and "longer than the limit of 1 s" in message
    with zqdoc.Corpus(tmp_path / "c.sqlite") as c:
        (error,) = c.errors()
    assert error["error_class"] == "Timeout"
    assert 1.0 <= error["seconds"] < 3.0  # killed at the limit, not waited for (the file takes seconds more)
    assert elapsed < 30


def _worker_pids():
    """The parse workers this process started (Linux /proc)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and b"zqdoc.corpus.worker" in cmd:
            pids.append(int(entry))
    return pids


def test_a_worker_killed_mid_file_fails_that_file_and_its_queued_jobs_are_parsed(tmp_path):
    """Each worker holds two jobs; when it dies, the file it was parsing fails as WorkerDied and the
    job queued behind it is parsed by the worker that replaces it."""
    from zqdoc.corpus import Job, ProcessPool

    seed = SEED.read_text(encoding="utf-8")
    names = ["a-first", "b-huge", "c-next", "d-last"]
    for name in names:
        (tmp_path / f"{name}.txt").write_text(seed * (150 if name == "b-huge" else 1), encoding="utf-8")
    outcomes = []

    def on_outcome(o):
        outcomes.append(o)
        if len(outcomes) == 1:  # the worker has begun b-huge, with c-next queued behind it
            for pid in _worker_pids():
                os.kill(pid, signal.SIGKILL)

    pool = ProcessPool(workers=1, timeout=None, in_flight=2)
    pool.run([Job(str(tmp_path / f"{n}.txt")) for n in names], on_outcome)
    got = {os.path.basename(o.path): (o.status, o.error_class) for o in outcomes}
    assert got == {"a-first.txt": ("parsed", None), "b-huge.txt": ("failed", "WorkerDied"),
                   "c-next.txt": ("parsed", None), "d-last.txt": ("parsed", None)}
    assert pool.restarts == 1


def test_cli_summary_exit_codes_and_errors(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "plan.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "c.sqlite"
    out = run_cli("batch", src, "--db", db, "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert "parsed 1, unchanged 0, failed 0 of 1 files" in out.stdout
    assert re.search(r"zqdoc batch: 1/1 files \(100%\), [\d.]+ docs/s", out.stderr)  # plain lines: no terminal
    (src / "bad.txt").write_bytes(b"   \n")
    out = run_cli("batch", str(src / "*.txt"), "--db", db, "--force")
    assert out.returncode == 1
    assert "parsed 1, unchanged 0, failed 1 of 2 files" in out.stdout and "EmptyInput" in out.stdout
    assert "zqdoc errors --db" in out.stdout
    errors = run_cli("errors", "--db", db)
    assert errors.returncode == 0 and "bad.txt" in errors.stdout and "EmptyInput" in errors.stdout
    out = run_cli("batch", str(tmp_path / "none" / "*.txt"), "--db", db, "-q")
    assert out.returncode == 2 and "no files to parse" in out.stderr


def _count(db):
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _snapshot(db):
    conn = sqlite3.connect(db)
    try:
        docs = {r[0]: r[1:] for r in conn.execute("SELECT path, id, key, content_hash, parsed_at, n_sections, "
                                                   "n_assignments, n_targets FROM documents")}
        children = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("sections", "assignments", "targets", "projects", "doc_agencies")}
        per_doc = conn.execute(
            "SELECT count(*) FROM documents d WHERE n_sections != (SELECT count(*) FROM sections s WHERE s.doc_id = d.id) "
            "OR n_assignments != (SELECT count(*) FROM assignments a WHERE a.doc_id = d.id) "
            "OR n_targets != (SELECT count(*) FROM targets t WHERE t.doc_id = d.id)").fetchone()[0]
        return docs, children, per_doc
    finally:
        conn.close()


def test_kill_9_in_mid_run_then_rerun_completes_the_store(tmp_path):
    files = make_variants(tmp_path / "corpus", 300, min_parts=2)
    db = tmp_path / "c.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "zqdoc.cli", "batch", str(tmp_path / "corpus"), "--db", str(db),
                             "--workers", "2", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while _count(db) < 40 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the workers of the killed run
        except ProcessLookupError:
            pass
    assert proc.returncode == -signal.SIGKILL
    before, _, broken = _snapshot(db)
    assert 40 <= len(before) < 300, "the kill came too late to be mid-run"
    assert broken == 0  # every committed document is whole

    out = run_cli("batch", tmp_path / "corpus", "--db", db, "--workers", "2")
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"parsed {300 - len(before)}, unchanged {len(before)}, failed 0 of 300 files" in out.stdout
    after, children, broken = _snapshot(db)
    assert len(after) == 300 and broken == 0
    assert {p: after[p] for p in before} == before  # nothing committed was lost or parsed again

    with zqdoc.Corpus(db) as c:  # and they are what parsing gives
        for path in [files[0], files[57], files[123], files[299]]:
            assert c.document(str(path)) == zqdoc.parse(str(path))

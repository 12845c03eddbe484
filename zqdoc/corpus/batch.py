"""Batch parsing: files, folders and globs → the SQLite store of `zqdoc.corpus.store`.

    >>> from zqdoc.corpus import run_batch
    >>> result = run_batch(["corpora/"], "corpus.sqlite", workers=2)
    >>> result.parsed, result.unchanged, result.failed, result.exit_code

The driver (this process) plans the run — a file whose size, modification time and parser version
are those stored is unchanged without being read; another whose content hash is the stored one is
unchanged after reading — hands the rest to an engine (`zqdoc.corpus.engines`: worker processes or Dask), and writes
the results while the workers parse on, a few documents per transaction (`GROUP_DOCUMENTS`), holding
the store's writer lock; a document is always written whole or not at all. A worker that holds a file longer than the time limit is killed
(the file is recorded as a ``Timeout`` failure) and replaced; a worker that dies is replaced too.

Exit codes (`BatchResult.exit_code`, the exit code of `zqdoc batch`): 0 every file parsed or
unchanged; 1 some files failed (listed by `zqdoc errors`); 2 nothing to do or a bad option.
"""
from __future__ import annotations

import glob
import os
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .. import __version__
from ..errors import StoreFull, shown
from .engines import DEFAULT_TIMEOUT, Job, Outcome, ProcessPool
from .store import Store

__all__ = [
    "EXIT_OK", "EXIT_SOME_FAILED", "EXIT_USAGE", "BatchResult", "discover", "plan", "run_batch", "DEFAULT_SUFFIXES",
]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".docx", ".doc", ".wps", ".pdf", ".ofd")  # images only when named or globbed: OCR takes seconds a page
"""What a folder contributes (a file named on the command line is always taken)."""
_GLOB_CHARS = set("*?[")
GROUP_DOCUMENTS, GROUP_SECONDS = 16, 1.0
"""Results are written in one transaction per group of up to this many documents, or sooner when
this long has passed since the last write: a killed run loses at most that much work (it is parsed
again on resume), and the driver spends less time in commits while the workers parse."""


# --------------------------------------------------------------------------- finding files


def discover(inputs: Iterable[str], suffixes: Sequence[str] = DEFAULT_SUFFIXES,
             warnings: Optional[list[str]] = None) -> tuple[list[str], list[str]]:
    """(files, unmatched): the absolute paths of the files named, of the files with one of
    `suffixes` under the folders named (recursively, hidden folders and files skipped), and of the
    files the glob patterns match (``**`` spans folders), sorted and without repeats; `unmatched`
    lists the inputs that name nothing (a missing path is kept as a file, and fails as one). A
    folder that cannot be listed is named in `warnings` (a list to append to) and skipped."""
    wanted = tuple(s.lower() for s in suffixes)
    found: set[str] = set()
    unmatched: list[str] = []
    problems = warnings if warnings is not None else []

    def unreadable(err: OSError) -> None:
        problems.append(f"cannot read folder {shown(err.filename or '?')}: {err.strerror or err}; its files were not parsed")

    def add_dir(d: str) -> int:
        n = 0
        for root, dirs, files in os.walk(d, onerror=unreadable):
            dirs[:] = [x for x in dirs if not x.startswith(".")]
            for name in files:
                if not name.startswith(".") and name.lower().endswith(wanted) and not name.endswith(".gold.json"):
                    found.add(os.path.abspath(os.path.join(root, name)))
                    n += 1
        return n

    for item in inputs:
        try:
            is_dir, exists = os.path.isdir(item), os.path.lexists(item)
        except (OSError, ValueError) as err:  # a name the OS refuses (NUL, too long): it fails as a file
            is_dir, exists = False, True
            problems.append(f"cannot check {shown(item)}: {err}")
        if is_dir:
            if not add_dir(item):
                unmatched.append(item)
        elif exists or not (_GLOB_CHARS & set(item)):
            found.add(os.path.abspath(item))  # a file, or a missing path (recorded as a failure)
        else:
            n = 0
            for h in glob.glob(item, recursive=True):
                if os.path.isdir(h):
                    n += add_dir(h)
                else:
                    found.add(os.path.abspath(h))
                    n += 1
            if not n:
                unmatched.append(item)
    return sorted(found), unmatched


# --------------------------------------------------------------------------- planning


def plan(files: Iterable[str], store: Store, force: bool = False) -> tuple[list[Job], list[str]]:
    """(jobs, unchanged): unchanged are the stored files of the same size, modification time and
    parser version, which are not read again; each job carries the stored hash of a file parsed
    by this parser version, so that a worker finds it unchanged by content."""
    jobs, unchanged = [], []
    for path in files:
        try:
            st = os.stat(path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size = mtime = None
        state = None if force else store.state(path)
        if state and state[1] == __version__:
            if size is not None and state[2] == size and state[3] == mtime:
                unchanged.append(path)
                continue
            jobs.append(Job(path, state[0], size, mtime))
        else:
            jobs.append(Job(path, None, size, mtime))
    return jobs, unchanged


# --------------------------------------------------------------------------- progress


class _Progress:
    """A rich progress bar (docs/s, time left) on a terminal; plain lines elsewhere."""

    def __init__(self, total: int, done: int = 0, console=None, enabled: bool = True):
        from rich.console import Console

        self.console = console or Console(highlight=False)
        self.total, self.done, self.enabled = total, done, enabled
        self.start = time.monotonic()
        self.base = done  # already done before parsing (unchanged by stat): not in the rate
        self.bar = None
        self.last_line = 0.0
        if not enabled:
            return
        if self.console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("[bold]parsing"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[failed]}"),
                TimeElapsedColumn(), TextColumn("·"), TimeRemainingColumn(), TextColumn("left"),
                console=self.console, transient=False,
            )
            self.task = self.bar.add_task("parse", total=total, completed=done, rate="-", failed="")
            self.bar.start()

    def rate(self) -> float:
        elapsed = time.monotonic() - self.start
        return (self.done - self.base) / elapsed if elapsed > 0 else 0.0

    def update(self, failed: int) -> None:
        self.done += 1
        if not self.enabled:
            return
        rate = self.rate()
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, rate=f"{rate:.1f}",
                            failed=f"[red]{failed} failed[/red]" if failed else "")
            return
        now = time.monotonic()
        if now - self.last_line >= 2.0 or self.done == self.total:
            self.last_line = now
            left = (self.total - self.done) / rate if rate > 0 else float("nan")
            pct = 100.0 * self.done / self.total if self.total else 100.0
            self.console.print(f"zqdoc batch: {self.done}/{self.total} files ({pct:.0f}%), {rate:.1f} docs/s, "
                               f"{failed} failed, {left:.0f} s left", markup=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


# --------------------------------------------------------------------------- the run


@dataclass
class BatchResult:
    db: str
    files: int = 0
    parsed: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    unmatched: list[str] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, error class, message) of this run
    warnings: list[str] = field(default_factory=list)  # folders that could not be read…
    kept: int = 0  # failed files whose earlier good parse stays stored
    pruned: int = 0  # rows of files gone from disk removed (errors always, documents with prune)
    peak_rss: list[int] = field(default_factory=list)  # bytes, per worker process
    engine: str = "processes"
    workers: int = 1

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.failed or self.warnings else EXIT_OK

    @property
    def rate(self) -> float:
        """Documents parsed per second of the run."""
        return self.parsed / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        s = (f"parsed {self.parsed}, unchanged {self.unchanged}, failed {self.failed} "
             f"of {self.files} files in {self.seconds:.1f} s")
        if self.parsed:
            s += f" ({self.rate:.1f} docs/s)"
        if self.kept:
            s += f"; {self.kept} failed file(s) keep their earlier parse"
        if self.pruned:
            s += f"; {self.pruned} row(s) of files gone from disk removed"
        return s


def run_batch(
    inputs: Iterable[str],
    db: str,
    *,
    workers: Optional[int] = None,
    force: bool = False,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    engine: str = "processes",
    scheduler: Optional[str] = None,
    client=None,
    partition_size: Optional[int] = None,
    suffixes: Sequence[str] = DEFAULT_SUFFIXES,
    max_bytes: Optional[int] = None,
    progress: bool = False,
    console=None,
    prune: bool = False,
) -> BatchResult:
    """Parse every file of `inputs` (files, folders, globs) into the store `db`; see the module
    docstring. `engine`: ``processes`` (this machine, `workers` processes, default: the CPU count)
    or ``dask`` (a Dask cluster at `scheduler`, or `client`; see `zqdoc.corpus.engines`). First the
    error rows of files gone from disk are removed; with `prune`, stored documents of such files too. Raises
    StoreBusy when another batch writes the store, StoreFull when the disk fills up."""
    t0 = time.monotonic()
    warnings: list[str] = []
    files, unmatched = discover(inputs, suffixes, warnings)
    workers = workers or os.cpu_count() or 1
    result = BatchResult(db=str(db), files=len(files), unmatched=unmatched, engine=engine, workers=workers,
                         warnings=warnings)
    store = Store(db)
    try:
        with store.writer_lock(f"zqdoc batch of {len(files)} files"):
            _run(store, files, result, force=force, timeout=timeout, engine=engine, scheduler=scheduler,
                 client=client, partition_size=partition_size, max_bytes=max_bytes, prune=prune,
                 progress=progress, console=console)
        result.seconds = time.monotonic() - t0
    finally:
        store.close()
    return result


def _run(store: Store, files: list[str], result: BatchResult, *, force, timeout, engine, scheduler, client,
         partition_size, max_bytes, prune, progress, console) -> None:
    """The run of `run_batch` while it holds the store's writer lock."""
    t0 = time.monotonic()
    for table in ("errors", "documents") if prune else ("errors",):  # rows of files no longer on disk
        result.pruned += store.forget(table, [p for p, _ in store.missing(table)])
    jobs, unchanged = plan(files, store, force)
    result.unchanged = len(unchanged)
    bar = _Progress(len(files), len(unchanged), console=console, enabled=progress and bool(files))
    run_id = store.start_run(engine, result.workers, len(files))

    buffered: list[Outcome] = []
    last_flush = time.monotonic()

    def write(o: Outcome) -> bool:
        """Store one outcome; True when a failure removed a stale parse of the file."""
        if o.status == "parsed":
            store.write_document(o.path, o.digest, o.size, o.mtime_ns, o.rows)
        elif o.status == "unchanged":
            store.touch(o.path, o.size, o.mtime_ns)
        else:
            return store.write_error(o.path, o.error_class or "Error", o.message or "", digest=o.digest,
                                     size=o.size, mtime_ns=o.mtime_ns, seconds=o.seconds)
        return False

    def tally(o: Outcome, removed: bool) -> None:
        if o.status == "parsed":
            result.parsed += 1
        elif o.status == "unchanged":
            result.unchanged += 1
        else:
            result.kept += bool(store.state(o.path)) and not removed
            result.failed += 1
            result.failures.append((shown(o.path), o.error_class or "Error", o.message or ""))
        bar.update(result.failed)

    def flush() -> None:
        nonlocal last_flush
        with store.transaction():
            removed = [write(o) for o in buffered]
        for o, r in zip(buffered, removed):
            tally(o, r)
        buffered.clear()
        last_flush = time.monotonic()

    def record(o: Outcome) -> None:
        # A few documents per transaction while the workers parse on (see GROUP_DOCUMENTS).
        buffered.append(o)
        if len(buffered) >= GROUP_DOCUMENTS or time.monotonic() - last_flush >= GROUP_SECONDS:
            flush()

    try:
        if engine == "dask":
            from .engines import run_dask

            run_dask(jobs, record, scheduler=scheduler, client=client, timeout=timeout,
                     partition_size=partition_size, max_bytes=max_bytes)
        elif engine == "processes":
            pool = ProcessPool(result.workers, timeout, max_bytes)
            try:
                pool.run(jobs, record)
            finally:
                result.peak_rss = pool.peak_rss
        else:
            raise ValueError(f"unknown engine {engine!r}; use processes or dask")
        flush()
    except sqlite3.OperationalError as err:
        if "full" not in str(err):
            raise
        done = result.parsed + result.unchanged + result.failed
        raise StoreFull(str(store.path), f"the disk is full ({err}): stopped after {done} of {len(files)} files; "
                                         "every document written before is whole — free space and run again") from None
    except KeyboardInterrupt:
        flush()  # what was parsed before the interrupt is stored
        raise
    finally:
        bar.close()
    if result.parsed or result.failed or result.pruned or not store.directory_is_fresh():
        store.prune_agencies()
        store.refresh_directory()
    store.finish_run(run_id, result.parsed, result.unchanged, result.failed, time.monotonic() - t0)
    store.checkpoint()

"""The engines that parse a batch's jobs: `ProcessPool` (worker processes on this machine,
`zqdoc.corpus.worker`, each killed when a file takes longer than the limit) and `run_dask` (partitions
of the jobs on a Dask cluster). Both call `on_outcome(Outcome)` in the driver for every job and never
touch the store: the driver (`zqdoc.corpus.batch`) writes.

`zqdoc batch --engine dask` needs the optional extra ``pip install 'zqdoc[dask]'`` (dask.distributed).
The driver plans the run exactly as the local engine does (unchanged files are skipped before
anything is sent), cuts the jobs into partitions and submits one Dask task per partition. A task
parses its files on the worker — in a child process of its own when a per-file time limit is set, so
that a pathological file is killed there without taking the Dask worker down — and returns the plain
rows of each document (`zqdoc.corpus.store.document_rows`), which the driver writes to SQLite, one
transaction per document, as partitions complete. Only the driver touches the store, so the store can
stay on the driver's local disk; the workers need to read the files at the same paths (a shared file
system) — see docs/batch.md.
"""
from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from .worker import read_frame, write_frame

__all__ = ["DEFAULT_TIMEOUT", "Job", "Outcome", "ProcessPool", "parse_partition", "partitions", "run_dask"]

DEFAULT_TIMEOUT = 60.0


@dataclass
class Job:
    path: str
    known_hash: Optional[str] = None  # the stored hash: the worker skips parsing when it matches
    size: Optional[int] = None
    mtime_ns: Optional[int] = None


@dataclass
class Outcome:
    path: str
    status: str  # parsed, unchanged, failed
    digest: Optional[str] = None
    size: Optional[int] = None
    rows: Optional[dict] = None
    error_class: Optional[str] = None
    message: Optional[str] = None
    seconds: float = 0.0
    mtime_ns: Optional[int] = None

    @classmethod
    def of(cls, job: Job, reply: tuple) -> "Outcome":
        """The outcome of `job` from a worker's reply (see `zqdoc.corpus.worker`)."""
        status, digest, size, payload, seconds = reply
        o = cls(job.path, status, digest, size, seconds=seconds, mtime_ns=job.mtime_ns)
        if status == "parsed":
            o.rows = payload
        elif status == "failed":
            o.error_class, o.message = payload
        return o


class _Worker:
    def __init__(self, env: Optional[dict] = None):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "zqdoc.corpus.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, bufsize=0, env=env,
        )
        self.ready = False
        self.jobs: deque[tuple[int, Job]] = deque()  # sent, not answered; the worker parses the first
        self.started = 0.0  # when the worker began the first of `jobs`
        self.peak_rss = 0

    def fileno(self) -> int:
        return self.proc.stdout.fileno()

    def send(self, job_id: int, job: Job, max_bytes: Optional[int]) -> None:
        if not self.jobs:
            self.started = time.monotonic()
        self.jobs.append((job_id, job))
        write_frame(self.proc.stdin, (job_id, job.path, job.known_hash, max_bytes))

    def answered(self) -> Job:
        """The job the worker just answered; its next job starts now."""
        _, job = self.jobs.popleft()
        self.started = time.monotonic()
        return job

    def read_peak_rss(self) -> None:
        """The worker's peak resident memory so far (Linux: VmHWM), in bytes."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        self.peak_rss = max(self.peak_rss, int(line.split()[1]) * 1024)
        except OSError:
            pass

    def kill(self) -> None:
        self.read_peak_rss()
        try:
            self.proc.kill()
        except OSError:
            pass
        self.proc.wait()
        for s in (self.proc.stdin, self.proc.stdout):
            try:
                s.close()
            except OSError:
                pass

    def stop(self) -> None:
        self.read_peak_rss()
        try:
            write_frame(self.proc.stdin, None)
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
        else:
            self.proc.stdout.close()


class ProcessPool:
    """`workers` parse processes with a per-file time limit (`timeout` seconds, None for none).
    `run(jobs, on_outcome)` calls `on_outcome(Outcome)` in this process for every job, in the
    order they finish. Each worker holds `in_flight` jobs, so that it parses the next while this
    process handles (writes) the last; the time limit counts from when a worker begins a file."""

    def __init__(self, workers: int = 1, timeout: Optional[float] = DEFAULT_TIMEOUT, max_bytes: Optional[int] = None,
                 in_flight: int = 2):
        self.workers = max(1, int(workers))
        self.timeout = timeout if timeout and timeout > 0 else None
        self.max_bytes = max_bytes
        self.in_flight = max(1, int(in_flight))
        self.peak_rss: list[int] = []  # per worker process, bytes (replaced workers included)
        self.restarts = 0

    def run(self, jobs: Iterable[Job], on_outcome: Callable[[Outcome], None]) -> None:
        pending = deque(jobs)
        if not pending:
            return
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])  # the worker imports this very zqdoc
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        pool = [_Worker(env) for _ in range(min(self.workers, len(pending)))]
        next_id = 0
        try:
            while pool:
                for depth in range(1, self.in_flight + 1):  # first one job to every worker, then a second…
                    for w in pool:
                        if w.ready and len(w.jobs) < depth and pending:
                            w.send(next_id, pending.popleft(), self.max_bytes)
                            next_id += 1
                busy = [w for w in pool if w.jobs]
                if not pending and not busy:
                    break
                wait_for = 0.5
                if self.timeout is not None and busy:
                    now = time.monotonic()
                    wait_for = max(0.0, min(wait_for, min(w.started + self.timeout - now for w in busy)))
                for w in wait(pool, timeout=wait_for):
                    try:
                        msg = read_frame(w.proc.stdout)
                    except Exception:  # a torn frame: the worker died while writing
                        msg = None
                    if msg is None:
                        self._replace(pool, w, env, pending, on_outcome, died=True)
                        continue
                    if msg[0] == "ready":
                        w.ready = True
                        continue
                    _, out = msg
                    on_outcome(Outcome.of(w.answered(), out))
                if self.timeout is not None:
                    now = time.monotonic()
                    for w in list(pool):
                        if w.jobs and now - w.started >= self.timeout:
                            self._replace(pool, w, env, pending, on_outcome, died=False)
        finally:
            for w in pool:
                if not w.jobs and w.proc.poll() is None:
                    w.stop()
                else:
                    w.kill()
                self.peak_rss.append(w.peak_rss)

    def _replace(self, pool: list, w: _Worker, env, pending, on_outcome, died: bool) -> None:
        """Kill (or bury) worker `w`, fail the file it was parsing, give its other jobs back, and start
        another worker if work remains."""
        job = w.jobs[0][1] if w.jobs else None
        elapsed = time.monotonic() - w.started if job else 0.0
        w.kill()
        self.peak_rss.append(w.peak_rss)
        pool.remove(w)
        for _, queued in reversed(list(w.jobs)[1:]):  # sent but not begun: another worker takes them
            pending.appendleft(queued)
        if job is not None:
            if died:
                cls, msg = "WorkerDied", f"{job.path}: the parsing process died (exit code {w.proc.returncode})"
            else:
                cls, msg = "Timeout", f"{job.path}: parsing took longer than the limit of {self.timeout:g} s"
            on_outcome(Outcome(job.path, "failed", size=job.size, error_class=cls, message=msg, seconds=elapsed,
                               mtime_ns=job.mtime_ns))
        elif not w.ready:  # died while starting: do not loop on a broken environment
            raise RuntimeError("a parse worker failed to start (python -m zqdoc.corpus.worker)")
        if pending:
            pool.append(_Worker(env))
            self.restarts += 1



# --------------------------------------------------------------------------- Dask


def partitions(jobs: Sequence[Job], n_workers: int, partition_size: Optional[int] = None) -> list[list[Job]]:
    """Consecutive slices of `jobs`: `partition_size` files each, or by default about four
    partitions per worker, between 16 and 1,000 files each."""
    if not jobs:
        return []
    if not partition_size:
        partition_size = min(1000, max(16, math.ceil(len(jobs) / max(1, 4 * n_workers))))
    return [list(jobs[i:i + partition_size]) for i in range(0, len(jobs), partition_size)]


def parse_partition(jobs: list[Job], timeout: Optional[float] = None, max_bytes: Optional[int] = None) -> list[Outcome]:
    """Runs on a Dask worker: the outcome of every job of a partition. With a `timeout`, the files
    are parsed in one child process that is killed (and replaced) when a file takes too long;
    without, in the worker itself."""
    out: list[Outcome] = []
    if timeout:
        ProcessPool(1, timeout, max_bytes).run(jobs, out.append)
        return out
    from .worker import run_one

    return [Outcome.of(job, run_one(job.path, job.known_hash, max_bytes)) for job in jobs]


def run_dask(jobs: Sequence[Job], on_outcome: Callable[[Outcome], None], *, scheduler: Optional[str] = None,
             client=None, timeout: Optional[float] = None, partition_size: Optional[int] = None,
             max_bytes: Optional[int] = None) -> None:
    """Parse `jobs` on a Dask cluster: `client` (a `distributed.Client`), else the scheduler at
    `scheduler` (``tcp://host:8786``), else a LocalCluster on this machine. `on_outcome` is called
    in this process for every job, partition by partition as they complete."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:
        raise ImportError("the Dask engine needs dask.distributed: pip install 'zqdoc[dask]'") from err
    if not jobs:
        return
    own_client = own_cluster = None
    if client is None:
        if scheduler:
            try:
                client = own_client = Client(scheduler)
            except (OSError, TimeoutError, ValueError) as err:
                raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        else:
            own_cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None)
            client = own_client = Client(own_cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = partitions(jobs, n_workers, partition_size)
        futures = {client.submit(parse_partition, part, timeout, max_bytes, pure=False): part for part in parts}
        for future in as_completed(list(futures)):
            try:
                outcomes = future.result()
            except Exception as err:  # the task failed (its worker was lost…): its files fail, the rest go on
                outcomes = [Outcome(j.path, "failed", size=j.size, mtime_ns=j.mtime_ns, error_class="DaskTaskFailed",
                                    message=f"{j.path}: the Dask task of its partition failed: {type(err).__name__}: {err}")
                            for j in futures[future]]
            for o in outcomes:
                on_outcome(o)
            future.release()
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()

"""`zqdoc batch --engine dask`: parse partitions of the files on a Dask cluster and fill the same
store. Needs the optional extra: ``pip install 'zqdoc[dask]'`` (dask.distributed).

The driver (where `zqdoc batch` runs) plans the run exactly as the local engine does (unchanged
files are skipped before anything is sent), cuts the jobs into partitions and submits one Dask task
per partition. A task parses its files on the worker — in a child process of its own when a
per-file time limit is set, so that a pathological file is killed there without taking the Dask
worker down — and returns the plain rows of each document (`zqdoc.store.document_rows`), which
the driver writes to SQLite, one transaction per document, as partitions complete. Only the
driver touches the store, so the store can stay on the driver's local disk; the workers need to
read the files at the same paths (a shared file system) — see docs/batch.md.
"""
from __future__ import annotations

import math
from typing import Callable, Optional, Sequence

from .batch import Job, Outcome, ProcessPool

__all__ = ["parse_partition", "partitions", "run_dask"]


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
    from ._worker import run_one

    for job in jobs:
        status, digest, size, payload, seconds = run_one(job.path, job.known_hash, max_bytes)
        o = Outcome(job.path, status, digest, size, seconds=seconds, mtime_ns=job.mtime_ns)
        if status == "parsed":
            o.rows = payload
        elif status == "failed":
            o.error_class, o.message = payload
        out.append(o)
    return out


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

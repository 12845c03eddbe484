"""A parse worker: `python -m zqdoc.corpus.worker`, driven by `zqdoc.corpus.engines.ProcessPool` over its stdin and
stdout (frames of a 4-byte big-endian length and a pickle).

Requests: ``(job_id, path, known_hash, max_bytes)``; None ends the worker. Replies: ``("ready",
pid)`` once warmed up, then ``(job_id, outcome)`` per request, with `outcome` one of

* ``("parsed", digest, size, rows, seconds)`` — rows of `zqdoc.corpus.store.document_rows`;
* ``("unchanged", digest, size, None, seconds)`` — the file's hash is `known_hash`;
* ``("failed", digest, size, (error_class, message), seconds)``.

A worker is a plain process so that the driver can kill it when a file takes too long.
"""
from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import time
import warnings

_HEADER = struct.Struct(">I")


def read_frame(stream):
    """One unpickled frame from a binary stream, or None at EOF."""
    head = _read_exactly(stream, _HEADER.size)
    if head is None:
        return None
    body = _read_exactly(stream, _HEADER.unpack(head)[0])
    if body is None:
        return None
    return pickle.loads(body)


def _read_exactly(stream, n: int):
    chunks, got = [], 0
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def write_frame(stream, obj) -> None:
    body = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


def run_one(path: str, known_hash, max_bytes):
    """Parse one file; never raises (a failure is an outcome). What the path is and its size are
    checked before it is read (`zqdoc.load.read_bytes`), and it is read once."""
    from ..errors import ZqdocError, shown
    from ..load import read_bytes
    from ..pipeline import parse
    from .store import content_hash, document_rows

    t0 = time.perf_counter()
    digest = size = None
    name = shown(path)
    try:
        data, _ = read_bytes(path, max_bytes)
        digest, size = content_hash(data), len(data)
        if known_hash is not None and digest == known_hash:
            return ("unchanged", digest, size, None, time.perf_counter() - t0)
        doc = parse(data, max_bytes=max_bytes, name=path)
        del data
        rows = document_rows(doc, time.perf_counter() - t0)
        return ("parsed", digest, size, rows, time.perf_counter() - t0)
    except ZqdocError as err:
        return ("failed", digest, size, (type(err).__name__, str(err)), time.perf_counter() - t0)
    except MemoryError:
        return ("failed", digest, size, ("MemoryError", f"{name}: out of memory while parsing"), time.perf_counter() - t0)
    except Exception as err:  # a bug in zqdoc: record it, go on with the next file
        return ("failed", digest, size, (type(err).__name__, f"{name}: internal error: {shown(str(err))}"),
                time.perf_counter() - t0)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the driver dies (even by kill -9), so no worker is
    left parsing for nobody."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the driver died before the line above ran
        os._exit(0)


def warm_up() -> None:
    """Load the parser's tables and models before the first file (so its time limit is its own)."""
    from ..pipeline import parse_text

    parse_text("关于印发工作方案的通知\n一、总体要求\n（一）推进基础设施建设。（市发改局牵头，市交通局参与）\n"
               "1.到2025年建成10个项目。")
    from .. import identity  # noqa: F401  (the rows' agency ids; networkx is not needed)
    from . import store  # noqa: F401


def main() -> None:
    out = os.fdopen(os.dup(1), "wb")  # the protocol's channel; fd 1 itself goes to /dev/null so that
    devnull = os.open(os.devnull, os.O_WRONLY)  # a stray print cannot corrupt a frame
    os.dup2(devnull, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver decides when to stop
    _die_with_parent()
    warnings.simplefilter("ignore")
    inp = sys.stdin.buffer
    warm_up()
    write_frame(out, ("ready", os.getpid()))
    while True:
        msg = read_frame(inp)
        if msg is None:
            break
        job_id, path, known_hash, max_bytes = msg
        write_frame(out, (job_id, run_one(path, known_hash, max_bytes)))


if __name__ == "__main__":
    main()

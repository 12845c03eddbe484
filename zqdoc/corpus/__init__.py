"""The corpus side: many documents parsed into one SQLite store and queried there.

Data flows one way: `batch` finds files and plans the run, an engine of `engines` parses them
(`worker` processes, or Dask), `store` writes the rows, and `queries` (`Corpus`) answers over them
as `zqdoc.graph` answers over a graph.

    >>> from zqdoc.corpus import Corpus, run_batch
    >>> run_batch(["corpora/"], "corpus.sqlite", workers=2).exit_code
    >>> Corpus("corpus.sqlite").who("发改局")
"""
from .batch import DEFAULT_SUFFIXES, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, BatchResult, discover, plan, run_batch
from .engines import DEFAULT_TIMEOUT, Job, Outcome, ProcessPool
from .store import Store, content_hash, document_rows

__all__ = [
    "DEFAULT_SUFFIXES", "DEFAULT_TIMEOUT", "EXIT_OK", "EXIT_SOME_FAILED", "EXIT_USAGE", "EXPORT_TABLES", "BatchResult",
    "Corpus", "Job", "Outcome", "ProcessPool", "Store", "content_hash", "discover", "document_rows", "plan", "run_batch",
]


def __getattr__(name):
    # The queries need networkx; `zqdoc parse` and the workers, which only find files and write, do not.
    if name in ("Corpus", "EXPORT_TABLES"):
        from . import queries

        return getattr(queries, name)
    raise AttributeError(f"module 'zqdoc.corpus' has no attribute {name!r}")

"""zqdoc: Chinese government notices and work plans as structured, queryable data."""
from .errors import ZqdocError
from .models import (
    AgencyKind,
    Assignment,
    Comparator,
    Document,
    DocumentMeta,
    Project,
    Role,
    Section,
    Target,
)

__version__ = "0.1.0"

__all__ = [
    "AgencyKind", "Assignment", "Comparator", "Document", "DocumentMeta", "Project", "Role",
    "Section", "Target", "ZqdocError", "parse", "parse_text", "__version__", "Corpus",
]


def __getattr__(name):
    if name == "Corpus":  # the corpus store's queries (zqdoc.corpus), loaded on first use
        from .corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'zqdoc' has no attribute {name!r}")


def parse(source, *, max_bytes: int | None = None, nlp=None) -> Document:
    """Parse a notice or plan from a path (str or Path) or from bytes. `nlp`: a spaCy pipeline with
    zqdoc's components (`zqdoc.extract.components.make_nlp()`) to run the extraction through."""
    from .pipeline import parse as _parse

    return _parse(source, max_bytes=max_bytes, nlp=nlp)


def parse_text(text: str, *, source: str | None = None, nlp=None) -> Document:
    """Parse a notice or plan given as a string."""
    from .pipeline import parse_text as _parse_text

    return _parse_text(text, source=source, nlp=nlp)

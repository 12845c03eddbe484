"""Comparison helpers shared by the tests: the normalisation of ../shared/tools/score.py."""
from zqdoc.evaluate import marker, norm  # noqa: F401


def headings(doc):
    return [(s.level, marker(s.marker), norm(s.title)) for s in doc.walk()]


def gold_headings(gold):
    return [(h["level"], marker(h["marker"]), norm(h["title"])) for h in gold["headings"]]

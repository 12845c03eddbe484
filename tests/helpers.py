"""Comparison helpers shared by the tests: the same normalisation as ../shared/tools/score.py."""
import re
import unicodedata


def norm(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", str(s)).replace("〔", "(").replace("〕", ")").replace("○", "〇")
    return re.sub(r"\s+", "", s).rstrip("。.、")


def marker(s):
    m = norm(s) or ""
    return m if m.startswith("(") else m.rstrip(".、)")


def headings(doc):
    return [(s.level, marker(s.marker), norm(s.title)) for s in doc.walk()]


def gold_headings(gold):
    return [(h["level"], marker(h["marker"]), norm(h["title"])) for h in gold["headings"]]

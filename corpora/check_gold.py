#!/usr/bin/env python3
"""Check a gold file against its text, without running any parser.

Usage: check_gold.py NAME.gold.json [...]    (NAME.txt beside it)

Checks: the keys of the gold format, ISO dates, roles, comparators, that every
heading title, agency, target raw and non-target occurs in the text (white space
ignored, NFKC-folded), that every assignment/target names a heading that exists,
and that the jurisdiction fields are filled. Prints ERROR/WARN lines; exit 1 on errors.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

COMPARATORS = {"=", ">=", "<=", "~", "range"}


def fold(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def check(gpath):
    errors, warns = [], []
    g = json.loads(Path(gpath).read_text(encoding="utf-8"))
    name = gpath.name[: -len(".gold.json")]
    txt = gpath.with_name(name + ".txt")
    if not txt.exists():
        return [f"no text file {txt.name}"], []
    text = txt.read_text(encoding="utf-8")
    ft = fold(text)
    for key in ("id", "source_url", "meta", "headings", "assignments", "targets", "non_targets",
                "jurisdiction", "agency_jurisdictions"):
        if key not in g:
            errors.append(f"missing key {key}")
    if g.get("id") != name:
        errors.append(f"id {g.get('id')!r} is not the file name {name!r}")
    meta = g.get("meta") or {}
    for key in ("doc_number", "issuer", "signed_date", "title"):
        if key not in meta:
            errors.append(f"meta lacks {key}")
    d = meta.get("signed_date")
    if d is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        errors.append(f"signed_date {d!r} is not YYYY-MM-DD")
    for key in ("doc_number", "issuer", "title"):
        v = meta.get(key)
        if v and fold(v) not in ft:
            warns.append(f"meta.{key} {v!r} not found verbatim in the text (fine only if joined from lines or normalised)")
    titles = set()
    for h in g.get("headings", []):
        if set(h) - {"marker", "level", "title"} or not {"marker", "level", "title"} <= set(h):
            errors.append(f"heading keys {sorted(h)}")
            continue
        if not isinstance(h["level"], int) or h["level"] < 1:
            errors.append(f"heading level {h['level']!r}")
        if fold(h["title"]) not in ft:
            errors.append(f"heading title not in text: {h['title'][:60]!r}")
        if fold(h["marker"]) not in ft:
            errors.append(f"heading marker not in text: {h['marker']!r}")
        if h["marker"].endswith(("、", ".", "．")):
            errors.append(f"marker keeps its trailing 、/. : {h['marker']!r}")
        titles.add(h["title"])
    for a in g.get("assignments", []):
        if a.get("heading") not in titles:
            errors.append(f"assignment heading is no heading title: {str(a.get('heading'))[:60]!r}")
        for role in ("lead", "participants", "responsible"):
            if role not in a:
                errors.append(f"assignment lacks {role}")
            for ag in a.get(role, []):
                if fold(ag) not in ft:
                    errors.append(f"agency not in text: {ag!r}")
                if ag.endswith("等"):
                    errors.append(f"agency keeps trailing 等: {ag!r}")
    for t in g.get("targets", []):
        for key in ("heading", "raw", "value", "value_max", "unit", "comparator", "subject"):
            if key not in t:
                errors.append(f"target lacks {key}")
        if t.get("heading") not in titles:
            errors.append(f"target heading is no heading title: {str(t.get('heading'))[:60]!r}")
        if fold(t.get("raw")) not in ft:
            errors.append(f"target raw not in text: {t.get('raw')!r}")
        if t.get("comparator") not in COMPARATORS:
            errors.append(f"comparator {t.get('comparator')!r}")
        if (t.get("comparator") == "range") != (t.get("value_max") is not None):
            errors.append(f"range needs value_max (and only range has one): {t.get('raw')!r}")
        if not isinstance(t.get("value"), (int, float)):
            errors.append(f"target value not a number: {t.get('raw')!r}")
    for n in g.get("non_targets", []):
        if fold(n) not in ft:
            warns.append(f"non_target not in text: {n!r}")
    j = g.get("jurisdiction")
    if not j or not isinstance(j, str):
        errors.append("jurisdiction must be a string such as 广东省肇庆市 or 中央")
    aj = g.get("agency_jurisdictions", {})
    if not isinstance(aj, dict):
        errors.append("agency_jurisdictions must be an object {agency: jurisdiction}")
    else:
        named = {ag for a in g.get("assignments", []) for r in ("lead", "participants", "responsible") for ag in a.get(r, [])}
        for ag in aj:
            if ag not in named:
                errors.append(f"agency_jurisdictions names {ag!r}, which no assignment has")
    if len(text) < 200:
        warns.append("text is under 200 characters")
    return errors, warns


def main(argv):
    bad = 0
    for arg in argv:
        p = Path(arg)
        errors, warns = check(p)
        for e in errors:
            print(f"{p.name}: ERROR {e}")
        for w in warns:
            print(f"{p.name}: WARN {w}")
        if not errors:
            print(f"{p.name}: ok")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

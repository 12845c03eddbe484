"""End-to-end evaluation against gold files, in the manner of GROBID's: per field precision, recall
and F1 with support, micro averages over the corpus, a row per document and "whole document
correct".

Gold files are `NAME.gold.json` beside `NAME.txt` (the format of ../shared/corpus). Items are
compared after the normalisation of ../shared/tools/score.py (NFKC, 〔〕 → (), spaces removed), so the
numbers here and the scorer's agree.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .models import Document

LIST_FIELDS = ("headings", "assignments", "targets")
META_FIELDS = ("doc_number", "issuer", "signed_date", "title")
_GOLD_ROLE = {"lead": "lead", "participants": "participant", "responsible": "responsible"}
_UNIT_ALIAS = {"千米": "公里", "km": "公里", "KM": "公里", "百分点": "个百分点"}


def norm(s) -> str | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", str(s)).replace("〔", "(").replace("〕", ")").replace("○", "〇")
    return re.sub(r"\s+", "", s).rstrip("。.、")


def marker(s: str) -> str:
    m = norm(s) or ""
    return m if m.startswith("(") else m.rstrip(".、)")


def base_value(value, unit):
    """10万人 == 100000人, 5亿元 == 50000万元."""
    unit = norm(unit) or ""
    if value is None:
        return None, unit
    mult = 1
    while unit[:1] in ("万", "亿") and len(unit) > 1:
        mult *= 10_000 if unit[0] == "万" else 100_000_000
        unit = unit[1:]
    return round(float(value) * mult, 6), _UNIT_ALIAS.get(unit, unit)


def predicted_items(doc: Document) -> dict[str, Counter]:
    items = {k: Counter() for k in LIST_FIELDS}
    for s in doc.walk():
        title = norm(s.title)
        items["headings"][(s.level, marker(s.marker), title)] += 1
        for a in s.assignments:
            items["assignments"][(title, norm(a.agency), a.role.value)] += 1
        for t in s.targets:
            v, u = base_value(t.value, t.unit)
            vmax, _ = base_value(t.value_max, t.unit)
            items["targets"][(title, v, vmax, u)] += 1
    return items


def gold_items(gold: dict) -> dict[str, Counter]:
    items = {k: Counter() for k in LIST_FIELDS}
    for h in gold.get("headings", []):
        items["headings"][(h["level"], marker(h["marker"]), norm(h["title"]))] += 1
    for a in gold.get("assignments", []):
        for key, role in _GOLD_ROLE.items():
            for agency in a.get(key, []):
                items["assignments"][(norm(a["heading"]), norm(agency), role)] += 1
    for t in gold.get("targets", []):
        v, u = base_value(t["value"], t["unit"])
        vmax, _ = base_value(t.get("value_max"), t["unit"])
        items["targets"][(norm(t["heading"]), v, vmax, u)] += 1
    return items


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.pred, self.gold = self.tp + other.tp, self.pred + other.pred, self.gold + other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "support": self.gold, "predicted": self.pred, "correct": self.tp}


@dataclass
class DocumentResult:
    name: str
    fields: dict[str, Counts] = field(default_factory=dict)
    meta: dict[str, bool] = field(default_factory=dict)  # gold meta field → exact match
    error: str | None = None
    # per field: the items predicted but not in gold, and in gold but not predicted (normalised keys)
    false_positives: dict[str, list[tuple]] = field(default_factory=dict)
    false_negatives: dict[str, list[tuple]] = field(default_factory=dict)
    meta_misses: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # field → (got, want)
    # governments (golds with a `jurisdiction`): of the gold assignments found, how many carry the
    # right government; whether the document's own government is right; the misses
    governments: tuple[int, int] = (0, 0)
    document_government: bool | None = None
    government_misses: list[tuple[str, str | None, str]] = field(default_factory=list)  # (agency, got, want)

    @property
    def correct(self) -> bool:
        """Every gold item found, nothing extra, every gold meta field exact."""
        return self.error is None and all(c.tp == c.pred == c.gold for c in self.fields.values()) and all(self.meta.values())


@dataclass
class Evaluation:
    documents: list[DocumentResult]

    def micro(self) -> dict[str, Counts]:
        total = {k: Counts() for k in LIST_FIELDS}
        for d in self.documents:
            for k, c in d.fields.items():
                total[k].add(c)
        return total

    def overall_f1(self) -> float:
        """The mean of the three fields' micro F1, as ../shared/tools/score.py prints it."""
        micro = self.micro()
        return sum(c.f1 for c in micro.values()) / len(micro)

    def government_accuracy(self) -> tuple[int, int]:
        """(right, found) over the gold assignments found, in documents whose gold names a government."""
        return (sum(d.governments[0] for d in self.documents), sum(d.governments[1] for d in self.documents))

    def document_government_accuracy(self) -> tuple[int, int]:
        seen = [d.document_government for d in self.documents if d.document_government is not None]
        return sum(seen), len(seen)

    def meta_accuracy(self) -> dict[str, tuple[int, int]]:
        out = {}
        for f in META_FIELDS:
            seen = [d.meta[f] for d in self.documents if f in d.meta]
            out[f] = (sum(seen), len(seen))
        return out

    def as_dict(self) -> dict:
        return {
            "fields": {k: c.as_dict() for k, c in self.micro().items()},
            "meta": {f: {"correct": c, "support": n} for f, (c, n) in self.meta_accuracy().items()},
            "overall_f1": round(self.overall_f1(), 4),
            "governments": dict(zip(("correct", "support"), self.government_accuracy())),
            "document_governments": dict(zip(("correct", "support"), self.document_government_accuracy())),
            "documents_correct": sum(d.correct for d in self.documents),
            "documents": [
                {"name": d.name, "correct": d.correct, "error": d.error,
                 "fields": {k: c.as_dict() for k, c in d.fields.items()}, "meta": d.meta,
                 "false_positives": {k: [item_dict(k, i) for i in v] for k, v in d.false_positives.items()},
                 "false_negatives": {k: [item_dict(k, i) for i in v] for k, v in d.false_negatives.items()},
                 "meta_misses": {f: {"got": got, "want": want} for f, (got, want) in d.meta_misses.items()},
                 "government_misses": [{"agency": a, "got": got, "want": want} for a, got, want in d.government_misses]}
                for d in self.documents
            ],
        }


def gold_files(directory: Path) -> list[tuple[Path, Path]]:
    """(gold, text) pairs in a folder."""
    pairs = []
    for g in sorted(Path(directory).glob("*.gold.json")):
        txt = g.with_name(g.name[: -len(".gold.json")] + ".txt")
        if txt.exists():
            pairs.append((g, txt))
    return pairs


def evaluate_document(gold: dict, doc: Document, name: str) -> DocumentResult:
    result = DocumentResult(name)
    pred, want = predicted_items(doc), gold_items(gold)
    for k in LIST_FIELDS:
        result.fields[k] = Counts(sum((pred[k] & want[k]).values()), sum(pred[k].values()), sum(want[k].values()))
        result.false_positives[k] = sorted((pred[k] - want[k]).elements(), key=repr)
        result.false_negatives[k] = sorted((want[k] - pred[k]).elements(), key=repr)
    got = doc.meta.model_dump(mode="json")
    for f, value in (gold.get("meta") or {}).items():
        if value is not None and f in META_FIELDS:
            result.meta[f] = norm(got.get(f)) == norm(value)
            if not result.meta[f]:
                result.meta_misses[f] = (got.get(f), value)
    if gold.get("jurisdiction"):
        _score_governments(result, gold, doc)
    return result


def _score_governments(result: DocumentResult, gold: dict, doc: Document) -> None:
    """Each gold assignment zqdoc found: does it carry the gold government (the agency's own in
    `agency_jurisdictions`, else the document's)?"""
    from .extract.gazetteer import path_of

    want_doc = norm(gold["jurisdiction"])
    result.document_government = norm(doc.meta.government) == want_doc
    own = {norm(k): norm(v) for k, v in (gold.get("agency_jurisdictions") or {}).items()}
    got: dict[tuple, str | None] = {}
    for s in doc.walk():
        for a in s.assignments:
            got.setdefault((norm(s.title), norm(a.agency), a.role.value), path_of(a.jurisdiction_code, a.jurisdiction))
    right = found = 0
    for key in gold_items(gold)["assignments"].elements():  # (heading, agency, role), normalised
        if key not in got:
            continue
        found += 1
        want = own.get(key[1], want_doc)
        if norm(got[key]) == want:
            right += 1
        else:
            result.government_misses.append((key[1], got[key], want))
    result.governments = (right, found)


_ITEM_KEYS = {
    "headings": ("level", "marker", "title"),
    "assignments": ("heading", "agency", "role"),
    "targets": ("heading", "value", "value_max", "unit"),
}


def item_dict(field_name: str, item: tuple) -> dict:
    """A compared item (a normalised key tuple) as a named record, for listings of errors."""
    return dict(zip(_ITEM_KEYS[field_name], item))


def describe(field_name: str, item: tuple) -> str:
    """One readable line for an item: `(一) 推进… [2]`, `title: 市发改局 lead`, `title: 50 公里`."""
    d = item_dict(field_name, item)
    if field_name == "headings":
        return f"{d['marker']} {d['title']}  [level {d['level']}]"
    if field_name == "assignments":
        return f"{d['heading']}: {d['agency']} {d['role']}"
    value = d["value"] if d["value_max"] is None else f"{d['value']}–{d['value_max']}"
    return f"{d['heading']}: {value} {d['unit']}"


def evaluate(directory: Path) -> Evaluation:
    from .errors import ZqdocError
    from .pipeline import parse

    results = []
    for g, txt in gold_files(directory):
        gold = json.loads(g.read_text(encoding="utf-8"))
        try:
            doc = parse(txt)
        except ZqdocError as e:
            r = evaluate_document(gold, Document(), txt.stem)
            r.error = str(e)
            results.append(r)
            continue
        results.append(evaluate_document(gold, doc, txt.stem))
    return Evaluation(results)

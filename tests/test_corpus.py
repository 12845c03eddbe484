"""The development corpus end to end, as `zqdoc eval` and ../shared/tools/score.py score it.

corpora/ holds documents annotated blind at different times (corpora/INDEX.md); zqdoc is not
exact on all of them, so these are floors under the measured scores (2026-12-02, 427 documents, after
batch 19 brought 32 blind documents in, most of them regulations, and the rules written from them:
headings 0.975, assignments 0.903, targets 0.859; 2026-12-01, 282 documents after batch 13: 0.965,
0.928, 0.883): a change that
loses accuracy on real documents fails here, with the mistakes it made listed. The seed stays
exact. The held-out folder is never read by tests.
"""
import re
from pathlib import Path

import pytest

import zqdoc
from zqdoc.evaluate import evaluate, norm

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
FLOORS = {"headings": 0.965, "assignments": 0.895, "targets": 0.850}
META_FLOOR = 0.85


@pytest.fixture(scope="module")
def result():
    return evaluate(CORPORA)


def test_the_corpus_is_large_and_from_many_governments(result):
    assert len(result.documents) >= 80
    assert all(d.error is None for d in result.documents)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_scores_stay_above_their_floor(result, field):
    c = result.micro()[field]
    mistakes = [(d.name, kind, item) for d in result.documents
                for kind, items in (("FP", d.false_positives[field]), ("FN", d.false_negatives[field])) for item in items]
    assert c.f1 >= FLOORS[field], mistakes[:40]
    assert len(mistakes) == (c.pred - c.tp) + (c.gold - c.tp)  # every mistake is listed


@pytest.mark.parametrize("field", ["doc_number", "issuer", "signed_date", "title"])
def test_meta_fields_stay_above_their_floor(result, field):
    ok, n = result.meta_accuracy()[field]
    misses = [(d.name, d.meta_misses[field]) for d in result.documents if field in d.meta_misses]
    assert n >= 40 and ok / n >= META_FLOOR, misses


def test_the_seed_is_exact(result):
    (seed,) = [d for d in result.documents if d.name == "zhaoqing-2012-plan"]
    assert seed.correct, (seed.false_positives, seed.false_negatives, seed.meta_misses)


def _numbers(s: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", norm(s) or ""))


def test_gold_non_targets_are_rarely_reported():
    """A number the annotator marked as no target (a year, a policy parameter, a count of a set)
    comes back as a target's raw, or as the number of a target inside that phrase, rarely."""
    reported = total = 0
    for gold_path in sorted(CORPORA.glob("*.gold.json")):
        import json

        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = zqdoc.parse(gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt"))
        raws = [(norm(t.raw), _numbers(t.raw), t.value) for s in doc.walk() for t in s.targets]
        for nt in gold["non_targets"]:
            total += 1
            n = norm(nt)
            if any(raw == n or (n in raw and _numbers(nt) and f"{value:g}" in _numbers(nt) and len(_numbers(raw)) == 1)
                   for raw, _, value in raws):
                reported += 1
    assert total > 300
    assert reported / total <= 0.045, (reported, total)  # 0.041 on 199 documents; 0.03 on the 184 before batch 8

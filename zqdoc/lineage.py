"""Policy lineage: which task of a higher-level plan each task of a lower-level plan implements
(`align`), and how two plans of one government differ (`diff`).

    >>> import zqdoc
    >>> from zqdoc.lineage import align, diff
    >>> links = align(zqdoc.parse("city.txt"), zqdoc.parse("province.txt"))
    >>> [(l.child.title, [p.title for p in l.parents]) for l in links]
    >>> change = diff(zqdoc.parse("plan-2021.txt"), zqdoc.parse("plan-2022.txt"))

A task is a section with text of its own. Two tasks are compared by the cosine of their TF-IDF
vectors over character 1- and 2-grams (scikit-learn; Chinese needs no word segmentation for this,
and n-grams survive the rewording between levels: 市发展改革局 and 省发展改革委 share 发展改革), of
their texts and, weighted by `TITLE_WEIGHT`, of their titles (the function classes of their
agencies can be added by `AGENCY_WEIGHT`; measured, they did not help). A child task links to the
parent tasks that score at least `threshold` and within `MARGIN` of the best; none when nothing
does. The choices were measured on annotated pairs: docs/lineage.md.
Needs the optional extra: ``pip install 'zqdoc[lineage]'``.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Optional

from .models import Document, Section
from .normalize import fold

__all__ = ["AGENCY_WEIGHT", "DEFAULT_THRESHOLD", "TITLE_WEIGHT", "Aligned", "LineageScore", "Match", "PlanDiff", "Task",
           "align", "diff", "evaluate_lineage", "tasks"]

# Chosen on four of the nine annotated pairs (corpora/lineage/, docs/lineage.md): character 1- and
# 2-grams beat 2- and 3-grams and jieba words; the titles' own cosine helps, the agencies' functions
# did not.
NGRAMS = (1, 2)
TITLE_WEIGHT = 0.3
AGENCY_WEIGHT = 0.0
DEFAULT_THRESHOLD = 0.15
MARGIN = 0.05  # parents this close to the best one are linked too (a task may implement two)


@dataclass(frozen=True)
class Task:
    path: str
    title: str
    text: str
    functions: frozenset[str]
    section: Section = field(compare=False, repr=False)


@dataclass(frozen=True)
class Match:
    task: Task
    score: float


@dataclass
class Aligned:
    child: Task
    parents: list[Match]  # best first; empty: no parent

    @property
    def best(self) -> Optional[Match]:
        return self.parents[0] if self.parents else None


def tasks(doc: Document) -> list[Task]:
    """The tasks of a document: its sections with text of their own, in document order."""
    out = []
    for s in doc.walk():
        own = s.text[len(s.marker):].lstrip("、.．,，)） \u3000").strip() if s.text else ""
        if not (s.title or own):
            continue
        functions = frozenset(a.function for a in s.assignments if a.function and a.function != "泛称")
        out.append(Task(s.path, s.title, own or s.title, functions, s))
    return out


def check_installed() -> None:
    """ImportError, saying what to install, when scikit-learn is missing."""
    _vectorizer()


def _vectorizer():
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError as err:
        raise ImportError("lineage needs scikit-learn: pip install 'zqdoc[lineage]'") from err
    return TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True, preprocessor=fold)


def _scores(children: list[Task], parents: list[Task]):
    """The matrix of child × parent scores: the cosine of their texts and of their titles, weighted
    by TITLE_WEIGHT, plus the overlap of their agencies' function classes by AGENCY_WEIGHT."""
    import numpy as np

    if not children or not parents:
        return np.zeros((len(children), len(parents)))
    vec = _vectorizer()
    vec.fit([t.text for t in children + parents] + [t.title for t in children + parents])

    def cosine(get):
        return (vec.transform([get(t) for t in children]) @ vec.transform([get(t) for t in parents]).T).toarray()

    score = (1 - TITLE_WEIGHT - AGENCY_WEIGHT) * cosine(lambda t: t.text) + TITLE_WEIGHT * cosine(lambda t: t.title)
    if AGENCY_WEIGHT:
        score += AGENCY_WEIGHT * np.array([[len(c.functions & p.functions) / len(c.functions | p.functions)
                                            if c.functions | p.functions else 0.0 for p in parents] for c in children])
    return score


def align(child: Document, parent: Document, *, threshold: float = DEFAULT_THRESHOLD) -> list[Aligned]:
    """For each task of `child`, the tasks of `parent` it implements (score ≥ `threshold`, best
    first), or none."""
    return _align(tasks(child), tasks(parent), threshold)


def _align(kids: list[Task], elders: list[Task], threshold: float) -> list[Aligned]:
    scores = _scores(kids, elders)
    out = []
    for i, t in enumerate(kids):
        row = scores[i] if len(elders) else []
        best = max(row, default=0.0)
        matches = [Match(elders[j], float(s)) for j, s in enumerate(row) if s >= threshold and s >= best - MARGIN]
        out.append(Aligned(t, sorted(matches, key=lambda m: -m.score)))
    return out


# --------------------------------------------------------------------------- diff


@dataclass
class PlanDiff:
    kept: list[tuple[Task, Task, float]] = field(default_factory=list)  # (old, new, score): the same text
    changed: list[tuple[Task, Task, float, str]] = field(default_factory=list)  # … and the text diff
    added: list[Task] = field(default_factory=list)
    dropped: list[Task] = field(default_factory=list)
    agencies: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # agency → role → gained/lost
    targets: list[dict] = field(default_factory=list)  # raised / lowered targets of tasks carried forward


def diff(old: Document, new: Document, *, threshold: float = DEFAULT_THRESHOLD) -> PlanDiff:
    """Tasks of `new` kept from `old` (the same text), changed (with the text diff), added and
    dropped; per agency (its canonical name) the tasks gained and lost by role; the targets of
    carried tasks raised or lowered (same unit and subject)."""
    out = PlanDiff()
    earlier = tasks(old)
    aligned = _align(tasks(new), earlier, threshold)
    out.added = [a.child for a in aligned if a.best is None]
    matched = {a.best.task.path for a in aligned if a.best is not None}
    out.dropped = [t for t in earlier if t.path not in matched]

    def tally(a, change: str) -> None:
        roles = out.agencies.setdefault(a.canonical or a.agency, {})
        roles.setdefault(a.role.value, {"gained": 0, "lost": 0})[change] += 1

    for a in aligned:
        if a.best is None:
            continue
        o, t, score = a.best.task, a.child, a.best.score
        if fold(o.text) == fold(t.text):
            out.kept.append((o, t, score))
        else:
            lines = difflib.unified_diff(_sentences(o.text), _sentences(t.text), "old", "new", lineterm="", n=0)
            out.changed.append((o, t, score, "\n".join(lines)))
        out.targets += _target_changes(o.section, t.section)
    for t in out.added:
        for a in t.section.assignments:
            tally(a, "gained")
    for t in out.dropped:
        for a in t.section.assignments:
            tally(a, "lost")
    for o, t, *_ in out.kept + out.changed:
        before = {(a.canonical or a.agency, a.role.value): a for a in o.section.assignments}
        after = {(a.canonical or a.agency, a.role.value): a for a in t.section.assignments}
        for key in after.keys() - before.keys():
            tally(after[key], "gained")
        for key in before.keys() - after.keys():
            tally(before[key], "lost")
    return out


def _sentences(text: str) -> list[str]:
    return [s + "。" for s in text.replace("\n", "").split("。") if s.strip()]


def _target_changes(old: Section, new: Section) -> list[dict]:
    out = []
    for t in new.targets:
        for o in old.targets:
            if o.unit == t.unit and (o.subject or "") == (t.subject or "") and o.value != t.value:
                out.append({"subject": t.subject, "unit": t.unit, "old": o.value, "new": t.value,
                            "change": "raised" if t.value > o.value else "lowered", "old_raw": o.raw, "new_raw": t.raw})
                break
    return out


# --------------------------------------------------------------------------- evaluation


@dataclass
class LineageScore:
    pairs: int = 0
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    none_tp: int = 0  # child tasks rightly given no parent
    none_predicted: int = 0
    none_gold: int = 0
    per_pair: dict = field(default_factory=dict)

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float]:
        return (tp / pred if pred else 1.0), (tp / gold if gold else 1.0)

    @property
    def links(self) -> tuple[float, float]:
        """(precision, recall) of the child → parent links."""
        return self._prf(self.tp, self.predicted, self.gold)

    @property
    def no_parent(self) -> tuple[float, float]:
        """(precision, recall) of "no parent"."""
        return self._prf(self.none_tp, self.none_predicted, self.none_gold)


def evaluate_lineage(folder, *, threshold: float = DEFAULT_THRESHOLD, pairs: Optional[list[str]] = None) -> LineageScore:
    """Score `align` against the lineage golds of `folder` (PAIR.json beside the texts, see
    corpora/lineage/README.md): precision and recall of the links and of "no parent", over the
    child tasks each gold lists (by title)."""
    import json
    from pathlib import Path

    from .evaluate import norm
    from .pipeline import parse

    score = LineageScore()
    for path in sorted(Path(folder).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if pairs is not None and gold["pair"] not in pairs:
            continue
        child = parse(path.with_name(gold["child"]["text"]))
        parent = parse(path.with_name(gold["parent"]["text"]))
        predicted: dict[str, set[str]] = {}
        for a in align(child, parent, threshold=threshold):
            predicted.setdefault(norm(a.child.title), set()).update(norm(m.task.title) for m in a.parents)
        tp = pred = n = 0
        for link in gold["links"]:
            want = {norm(p) for p in link["parent"]}
            got = predicted.get(norm(link["child"]), set())
            tp += len(want & got)
            pred += len(got)
            n += len(want)
            score.none_gold += not want
            score.none_predicted += not got
            score.none_tp += not want and not got
        score.pairs += 1
        score.tp, score.predicted, score.gold = score.tp + tp, score.predicted + pred, score.gold + n
        score.per_pair[gold["pair"]] = (tp, pred, n)
    return score

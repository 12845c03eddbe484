"""Lineage edges in the agency–task graph: ``implements`` from a task (or section) of a lower-level
plan to the tasks of the higher-level plan it implements, with the score of `zqdoc.lineage.align`.
They export with the graph (GraphML, GEXF: an edge attribute ``score``)."""
from __future__ import annotations

from .rows import LineageEdgeRow
from .build import SECTION, TASK, is_task

__all__ = ["IMPLEMENTS", "add_lineage", "lineage_edges"]

IMPLEMENTS = "implements"


def _node(doc_id: str, section) -> str:
    return f"{TASK if is_task(section) else SECTION}:{doc_id}/{section.path}"


def add_lineage(G, child_id: str, parent_id: str, aligned) -> int:
    """Add the links of `aligned` (`zqdoc.lineage.align(child, parent)`) between the documents
    `child_id` and `parent_id` of `G` as ``implements`` edges; returns how many were added."""
    n = 0
    for a in aligned:
        source = _node(child_id, a.child.section)
        for m in a.parents:
            target = _node(parent_id, m.task.section)
            if source in G and target in G:
                G.add_edge(source, target, key=IMPLEMENTS, type=IMPLEMENTS, score=round(m.score, 4))
                n += 1
    return n


def lineage_edges(G) -> list[LineageEdgeRow]:
    """Rows of ``child, parent, score`` of every ``implements`` edge, in graph order."""
    return [{"child": u, "parent": v, "score": d.get("score")} for u, v, k, d in G.edges(keys=True, data=True)
            if k == IMPLEMENTS]

"""The agency–task graph: who owns what, in one plan or many.

`build(docs)` returns a networkx MultiDiGraph (see `zqdoc.graph.build` for nodes, edges and ids);
the queries are plain functions over it in networkx's style (`zqdoc.graph.queries`), the exporters
write GraphML, GEXF, node-link JSON, CSV and PNG (`zqdoc.graph.export`, `zqdoc.graph.draw`).

    >>> import zqdoc, zqdoc.graph as zg
    >>> G = zg.build([zqdoc.parse("plan.txt")])
    >>> zg.tasks_of(G, "agency:肇庆市/市发展改革局", role="lead")
"""
from .build import (
    AGENCY, DOCUMENT, PROJECT, ROLES, SECTION, TARGET, TASK,
    AgencyIdentity, add_document, agency_identity, build, document_id, is_task, load_documents, type_counts,
)
from . import rows
from .lineage import IMPLEMENTS, add_lineage, lineage_edges
from .export import FORMATS, scalar_graph, write, write_csv, write_gexf, write_graphml, write_json
from .queries import (
    agencies, agencies_of, agency_filter, centrality, co_responsibility, find_agencies, find_tasks, match_agencies, owners, projects_of,
    resolve_agency, suggest_agencies, targets_of, tasks, tasks_of, to_frame, workload,
)


def draw_co_responsibility(G, path, **options):
    """See `zqdoc.graph.draw.draw_co_responsibility` (needs matplotlib)."""
    from .draw import draw_co_responsibility as _draw

    return _draw(G, path, **options)


__all__ = [
    "AGENCY", "DOCUMENT", "FORMATS", "IMPLEMENTS", "add_lineage", "lineage_edges", "PROJECT", "ROLES", "SECTION", "TARGET", "TASK",
    "AgencyIdentity", "add_document", "agencies", "agencies_of", "agency_filter", "agency_identity", "build", "centrality",
    "co_responsibility", "document_id", "draw_co_responsibility", "find_agencies", "find_tasks", "is_task", "match_agencies",
    "load_documents", "owners", "projects_of", "resolve_agency", "rows", "scalar_graph", "suggest_agencies",
    "targets_of", "tasks", "tasks_of", "to_frame", "type_counts", "workload", "write", "write_csv",
    "write_gexf", "write_graphml", "write_json",
]

"""The rows queries return, as TypedDicts: plain dicts at run time (what `--json` prints and pandas
takes), typed for editors and type checkers. The graph's functions (`zqdoc.graph.queries`) and the
store's (`zqdoc.corpus.Corpus`) return the same rows."""

import sys
from typing import Optional

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover - Python 3.10
    from typing_extensions import NotRequired, TypedDict

__all__ = ["AgencyRow", "AgencyRoleRow", "CentralityRow", "DocumentRow", "ErrorRow", "LineageEdgeRow", "LineageRow",
           "OwnersRow", "ProjectRow", "TargetRow", "TaskRow", "TaskRoleRow", "WhoRow", "WorkloadRow"]


class TaskRow(TypedDict):
    """A task (`find_tasks`): its node id ``task:<document>/<path>``."""
    task: str
    document: str
    path: str
    title: str


class TaskRoleRow(TaskRow):
    """A task an agency is named on, with the role (`tasks_of`)."""
    role: str  # lead, participant or responsible


class AgencyRow(TypedDict):
    agency: str  # node id, agency:<jurisdiction>/<name>
    name: str
    jurisdiction: Optional[str]
    kind: Optional[str]


class AgencyRoleRow(AgencyRow):
    """An agency of a task (`agencies_of`): its role and the names printed for it."""
    role: str
    printed: list[str]
    inherited_from: NotRequired[str]  # the section the agencies were taken from (inherited=True)


class WorkloadRow(AgencyRow):
    lead: int
    participant: int
    responsible: int
    assignments: int  # lead + participant + responsible
    tasks: int  # distinct tasks


class OwnersRow(TaskRow):
    """A task with its agencies' names by role (`owners`)."""
    lead: list[str]
    participant: list[str]
    responsible: list[str]
    inherited_from: Optional[str]


class WhoRow(AgencyRow):
    """An agency a name matched, with its tasks (`Corpus.who`, `zqdoc who --json`)."""
    aliases: list[str]
    matched: str  # how the name matched: id, function, name, stem or substring
    counts: dict[str, int]  # tasks per role
    tasks: list[TaskRoleRow]


class TargetRow(TypedDict):
    """A target of a task an agency is on (`targets_of`)."""
    target: str
    raw: str
    subject: Optional[str]
    value: float
    value_max: Optional[float]
    unit: Optional[str]
    comparator: Optional[str]
    deadline: Optional[str]
    task: str
    title: str
    role: str
    inherited: bool  # the task names no agency: the target is its section's agencies'


class ProjectRow(TypedDict):
    """A named project of a task an agency is on (`projects_of`)."""
    project: str
    name: str
    task: str
    title: str
    role: str


class CentralityRow(TypedDict):
    """An agency's place in the co-responsibility network (`centrality`)."""
    agency: str
    name: str
    jurisdiction: Optional[str]
    tasks: int
    partners: int  # degree
    shared: float  # weighted degree: shared tasks summed over partners
    degree: float
    betweenness: float


class LineageEdgeRow(TypedDict):
    """An ``implements`` edge of the graph (`lineage_edges`)."""
    child: str
    parent: str
    score: Optional[float]


class LineageRow(TypedDict):
    """A child task and a parent task it implements (`Corpus.lineage`); parent None when none."""
    child: str
    child_title: str
    parent: Optional[str]
    parent_title: Optional[str]
    score: Optional[float]


class DocumentRow(TypedDict):
    """A stored document (`Corpus.documents`)."""
    key: str
    path: str
    doc_number: Optional[str]
    issuer: Optional[str]
    title: Optional[str]
    plan_title: Optional[str]
    signed_date: Optional[str]
    jurisdiction: Optional[str]
    n_sections: int
    n_tasks: int
    n_assignments: int
    n_targets: int
    n_projects: int
    content_hash: str
    parser_version: str
    parsed_at: str


class ErrorRow(TypedDict):
    """A file that failed (`Corpus.errors`)."""
    path: str
    error_class: str
    message: str
    content_hash: Optional[str]
    parser_version: str
    seconds: Optional[float]
    failed_at: str

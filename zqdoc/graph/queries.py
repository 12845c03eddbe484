"""Queries over the graph of `zqdoc.graph.build`, as plain functions returning plain Python data
(lists of dicts, dicts, or — for the co-responsibility network — a networkx Graph).
`to_frame(rows)` turns any list of dicts into a pandas DataFrame (pandas is an optional extra)."""
from __future__ import annotations

import difflib
from typing import Callable, Iterable, Optional

import networkx as nx

from ..extract.agencies import function_of, load_data
from ..normalize import fold
from .build import AGENCY, PART_OF, PROJECT, ROLES, SECTION, TARGET, TASK
from .rows import (AgencyRoleRow, AgencyRow, CentralityRow, OwnersRow, ProjectRow, TargetRow, TaskRoleRow, TaskRow,
                   WorkloadRow)

__all__ = [
    "agencies", "agencies_of", "agency_filter", "centrality", "co_responsibility", "find_agencies", "find_tasks",
    "owners", "projects_of", "resolve_agency", "suggest_agencies", "targets_of", "tasks", "tasks_of", "to_frame", "workload",
]


def _nodes(G, kind: str) -> list[str]:
    return [n for n, t in G.nodes(data="type") if t == kind]


def agencies(G) -> list[str]:
    """All agency node ids."""
    return _nodes(G, AGENCY)


def tasks(G) -> list[str]:
    """All task node ids, in document order."""
    return _nodes(G, TASK)


def _check_roles(role) -> Optional[set[str]]:
    if role is None:
        return None
    roles = {role} if isinstance(role, str) else set(role)
    roles = {getattr(r, "value", r) for r in roles}
    bad = roles - set(ROLES)
    if bad:
        raise ValueError(f"unknown role {', '.join(sorted(bad))}; expected one of {', '.join(ROLES)}")
    return roles


# --------------------------------------------------------------------------- finding agencies


def _agency_split(query: str) -> tuple[str, str, Optional[str]]:
    """(prefix, alias-resolved stem, place) of a query, by the extraction's own alias logic when it
    is installed (`zqdoc.extract.agencies.describe_agency`), else the query as it is."""
    try:
        from ..extract.agencies import describe_agency
    except ImportError:
        return "", query, None
    info = describe_agency(query)
    return info.prefix, info.stem and _canonical(info.stem), info.jurisdiction


def _canonical(stem: str) -> str:
    from ..extract.agencies import canonical_stem

    return canonical_stem(stem)


def find_agencies(G, query: str) -> list[str]:
    """Agency nodes that `query` names (see `match_agencies`, which also says how they matched)."""
    return match_agencies(G, query)[0]


def match_agencies(G, query: str) -> tuple[list[str], Optional[str]]:
    """Agency nodes that `query` names and how: the first tier that matches, of
    ``id`` / ``function`` / ``name`` / ``stem`` / ``substring`` (None when nothing does):

    1. a node id, with or without ``agency:`` (``肇庆市/市发展改革局``);
    2. a department named without a place (发改委, 发展和改革局, 卫健局): every agency of that function
       class, of every government (`zqdoc.extract.agencies.function_of`);
    3. a name the agency goes by — its name, or any name it was printed or resolved as;
    4. the same alias-resolved name without the jurisdiction prefix (发改局 → every 发展改革局;
       市发改局 → those of a 市; 肇庆市发改局 → Zhaoqing's), through
       `zqdoc.extract.agencies.describe_agency`;
    5. a substring of a name (发展改革 → 市发展改革局).
    """
    q = query.strip()
    if not q:
        return [], None
    for cand in (q, f"{AGENCY}:{q}"):
        if G.has_node(cand) and G.nodes[cand].get("type") == AGENCY:
            return [cand], "id"
    fq = fold(q)
    all_agencies = agencies(G)
    prefix, stem, place = _agency_split(q)
    # 镇财政所: a township's office names its level as 市发改局 does (not every 财政 agency)
    function = function_of(q) if stem and not prefix and not fq.startswith(_township_heads()) else None
    if function and function in _function_words():  # 发改委, 发展和改革局: every agency of that function
        same = [n for n in all_agencies if function_of(G.nodes[n].get("name") or "") == function]
        if same:
            return same, "function"
    exact = [n for n in all_agencies if any(fold(x) == fq for x in _names_of(G, n))]
    if exact:
        return exact, "name"
    if stem:
        fs = fold(stem)
        bare = prefix
        for lead in ("中国共产党", "中共"):
            bare = bare[len(lead):] if bare.startswith(lead) else bare
        hits = []
        for n in all_agencies:
            d = G.nodes[n]
            if fold(d.get("stem") or "") != fs:
                continue
            j = d.get("jurisdiction") or ""
            if place and len(bare) > 1 and j != place:
                continue
            if len(bare) == 1 and not j.endswith(bare):
                continue
            hits.append(n)
        if hits:
            return hits, "stem"
    found = [n for n in all_agencies if any(fq in fold(x) for x in _names_of(G, n))]
    return found, ("substring" if found else None)


def _township_heads() -> tuple[str, ...]:
    """The words a township's own offices open with (镇, 乡, 街道; data/places.json township_units)."""
    return tuple(load_data("places.json")["township_units"])


def _function_words() -> set[str]:
    """The classes named by a department's function (发展改革, 财政…), not by a kind (政府, 集体)."""
    return set(load_data("functions.json")["classes"])


def _names_of(G, n) -> list[str]:
    d = G.nodes[n]
    return [d.get("name") or "", *(d.get("aliases") or [])]


def suggest_agencies(G, query: str, n: int = 5) -> list[str]:
    """Agency names close to `query`, for a 'did you mean'."""
    names = sorted({G.nodes[a]["name"] for a in agencies(G)})
    return difflib.get_close_matches(query, names, n=n, cutoff=0.4)


def resolve_agency(G, agency: str) -> str:
    """An agency node id from an id or a name; raises `networkx.NodeNotFound` if nothing matches and
    ValueError if several agencies do (use `find_agencies` to get them all)."""
    found = find_agencies(G, agency)
    if not found:
        raise nx.NodeNotFound(f"no agency matches {agency!r}")
    if len(found) > 1:
        raise ValueError(f"{agency!r} matches {len(found)} agencies: {', '.join(found)}")
    return found[0]


def _resolve_task(G, task: str) -> str:
    if G.has_node(task) and G.nodes[task].get("type") in (TASK, SECTION):
        return task
    if G.has_node(f"{TASK}:{task}"):
        return f"{TASK}:{task}"
    raise nx.NodeNotFound(f"no task {task!r}")


# --------------------------------------------------------------------------- tasks and agencies


def _task_row(G, t: str) -> TaskRow:
    d = G.nodes[t]
    return {"task": t, "document": d["document"], "path": d["path"], "title": d["title"]}


def _agency_row(G, a: str) -> AgencyRow:
    d = G.nodes[a]
    return {"agency": a, "name": d["name"], "jurisdiction": d.get("jurisdiction"), "kind": d.get("kind")}


def tasks_of(G, agency: str, role=None) -> list[TaskRoleRow]:
    """The tasks an agency is named on, in document order: one row per task and role
    (``task, document, path, title, role``). `role`: one of lead/participant/responsible or several.
    `agency`: a node id or a name (see `resolve_agency`)."""
    a = resolve_agency(G, agency)
    roles = _check_roles(role)
    order = {n: i for i, n in enumerate(G.nodes)}
    rows = [
        {**_task_row(G, t), "role": key}
        for _, t, key in G.out_edges(a, keys=True)
        if key in ROLES and (roles is None or key in roles)
    ]
    return sorted(rows, key=lambda r: (order[r["task"]], ROLES.index(r["role"])))


def _direct_agencies(G, t: str) -> list[AgencyRoleRow]:
    rows = [
        {**_agency_row(G, a), "role": key, "printed": list(data.get("printed") or [])}
        for a, _, key, data in G.in_edges(t, keys=True, data=True)
        if key in ROLES
    ]
    return sorted(rows, key=lambda r: ROLES.index(r["role"]))


def _parent(G, n: str) -> Optional[str]:
    return next((p for _, p, k in G.out_edges(n, keys=True) if k == PART_OF), None)


def agencies_of(G, task: str, *, inherited: bool = False) -> list[AgencyRoleRow]:
    """The agencies of a task (``agency, name, jurisdiction, kind, role, printed``), leads first.
    With `inherited`, a task without agencies of its own takes those of the nearest section above it
    that has some (rows then carry ``inherited_from``)."""
    t = _resolve_task(G, task)
    rows = _direct_agencies(G, t)
    if rows or not inherited:
        return rows
    p = _parent(G, t)
    while p is not None and G.nodes[p].get("type") in (TASK, SECTION):
        rows = _direct_agencies(G, p)
        if rows:
            return [{**r, "inherited_from": p} for r in rows]
        p = _parent(G, p)
    return []


def workload(G, *, documents: Optional[Iterable[str]] = None) -> list[WorkloadRow]:
    """Per agency: how many tasks it leads, joins and is responsible for (``lead, participant,
    responsible``), their sum (``assignments``) and its distinct tasks (``tasks``), busiest first.
    `documents` limits the count to those document ids."""
    docs = None if documents is None else set(documents)
    rows = []
    for a in agencies(G):
        counts = dict.fromkeys(ROLES, 0)
        seen = set()
        for _, t, key in G.out_edges(a, keys=True):
            if key in ROLES and (docs is None or G.nodes[t]["document"] in docs):
                counts[key] += 1
                seen.add(t)
        if seen:
            rows.append({**_agency_row(G, a), **counts, "assignments": sum(counts.values()), "tasks": len(seen)})
    return sorted(rows, key=lambda r: (-r["assignments"], -r["lead"], r["agency"]))


def agency_filter(within: Optional[str] = None, function: Optional[str] = None) -> Callable[[dict], bool]:
    """A test of agency rows (``name, jurisdiction``): True for agencies of the government `within`
    or one below it (广东省, 肇庆市, 中央) and of the function class `function` (发展改革, 财政…).
    ValueError if `within` names no government."""
    from ..extract import gazetteer as gz

    scope = None
    if within:
        scope = gz.CENTRAL if within in ("中央", "国务院") else gz.find(within)
        if scope is None:
            raise ValueError(f"no such government: {within}")

    def keep(row: dict) -> bool:
        if function and function_of(row["name"]) != function:
            return False
        if scope is None:
            return True
        j = row.get("jurisdiction")
        place = gz.CENTRAL if j == "中央" else (gz.find(j) if j else None)
        return place is not None and scope.contains(place)

    return keep


def owners_row(row: TaskRow, found: list[AgencyRoleRow], keep: Optional[Callable[[dict], bool]] = None) -> Optional[OwnersRow]:
    """A task row with its agencies (`agencies_of` rows) as name lists by role and
    ``inherited_from``; None when `keep` leaves none of them."""
    if keep is not None:
        found = [a for a in found if keep(a)]
        if not found:
            return None
    by_role = {r: [] for r in ROLES}
    for a in found:
        if a["name"] not in by_role[a["role"]]:
            by_role[a["role"]].append(a["name"])
    return {**row, **by_role, "inherited_from": found[0].get("inherited_from") if found else None}


def owners(G, keyword: Optional[str] = None, *, section: Optional[str] = None,
           document: Optional[str] = None, within: Optional[str] = None,
           function: Optional[str] = None) -> list[OwnersRow]:
    """`find_tasks` with each task's agencies by role: rows of ``task, document, path, title,
    lead, participant, responsible`` (lists of agency names) and ``inherited_from`` (the section
    the agencies were taken from when the task names none of its own, else None). With `within`
    or `function` (see `agency_filter`), only those agencies, and only tasks that have one."""
    keep = agency_filter(within, function) if within or function else None
    rows = (owners_row(row, agencies_of(G, row["task"], inherited=True), keep)
            for row in find_tasks(G, keyword, section=section, document=document))
    return [r for r in rows if r is not None]


def find_tasks(G, keyword: Optional[str] = None, *, section: Optional[str] = None,
               document: Optional[str] = None) -> list[TaskRow]:
    """Tasks whose title or text contains `keyword` (full- and half-width alike), or that sit at or
    under `section` (a path such as 3.1, or a section/task node id); rows of ``task, document,
    path, title``, in document order. `document` limits the search to one document id."""
    fk = fold(keyword) if keyword else None
    prefix_doc, prefix_path = None, None
    if section:
        if ":" in section and "/" in section:
            prefix_doc, prefix_path = section.split(":", 1)[1].split("/", 1)
        else:
            prefix_path = section
    rows = []
    for t in tasks(G):
        d = G.nodes[t]
        if document and d["document"] != document:
            continue
        if prefix_doc and d["document"] != prefix_doc:
            continue
        if prefix_path and not (d["path"] == prefix_path or d["path"].startswith(prefix_path + ".")):
            continue
        if fk and fk not in fold(d["title"] or "") and fk not in fold(d.get("text") or ""):
            continue
        rows.append(_task_row(G, t))
    return rows


def targets_of(G, agency: str, role=None) -> list[TargetRow]:
    """The targets of the tasks an agency is on (``target, raw, subject, value, value_max, unit,
    comparator, deadline, task, title, role``). A target in a task without agencies of its own
    belongs to the agencies of the nearest section above it (``inherited`` is then True)."""
    a = resolve_agency(G, agency)
    roles = _check_roles(role)
    rows = []
    for t in tasks(G):
        owners_ = agencies_of(G, t, inherited=True)
        mine = [r["role"] for r in owners_ if r["agency"] == a and (roles is None or r["role"] in roles)]
        if not mine:
            continue
        inherited = any("inherited_from" in r for r in owners_)
        for _, tg, key in G.out_edges(t, keys=True):
            if key != TARGET:
                continue
            d = G.nodes[tg]
            for r in mine:
                rows.append({
                    "target": tg, "raw": d["raw"], "subject": d.get("subject"), "value": d["value"],
                    "value_max": d.get("value_max"), "unit": d.get("unit"), "comparator": d.get("comparator"),
                    "deadline": d.get("deadline"), "task": t, "title": G.nodes[t]["title"], "role": r,
                    "inherited": inherited,
                })
    return rows


def projects_of(G, agency: str, role=None) -> list[ProjectRow]:
    """The projects of the tasks an agency is on (``project, name, task, title, role``)."""
    rows = []
    for row in tasks_of(G, agency, role):
        for _, p, key in G.out_edges(row["task"], keys=True):
            if key == PROJECT:
                rows.append({"project": p, "name": G.nodes[p]["name"], "task": row["task"],
                             "title": row["title"], "role": row["role"]})
    return rows


# --------------------------------------------------------------------------- co-responsibility


def co_responsibility(G, role=None, *, documents: Optional[Iterable[str]] = None) -> nx.Graph:
    """The agency–agency network: an edge between two agencies named on the same task, ``weight`` =
    how many tasks they share (``tasks`` lists them). Nodes carry ``name, jurisdiction, kind,
    documents`` and ``tasks`` (how many tasks the agency is on). `role` restricts which assignments count."""
    roles = _check_roles(role)
    docs = None if documents is None else set(documents)
    C = nx.Graph()
    for t in tasks(G):
        if docs is not None and G.nodes[t]["document"] not in docs:
            continue
        on = sorted({a for a, _, key in G.in_edges(t, keys=True) if key in ROLES and (roles is None or key in roles)})
        for a in on:
            if a not in C:
                d = G.nodes[a]
                C.add_node(a, name=d["name"], label=d["name"], jurisdiction=d.get("jurisdiction"), kind=d.get("kind"),
                           documents=list(d.get("documents") or []), tasks=0)
            C.nodes[a]["tasks"] += 1
        for i, a in enumerate(on):
            for b in on[i + 1:]:
                if C.has_edge(a, b):
                    C.edges[a, b]["weight"] += 1
                    C.edges[a, b]["tasks"].append(t)
                else:
                    C.add_edge(a, b, weight=1, tasks=[t])
    return C


def centrality(C) -> list[CentralityRow]:
    """Centrality of each agency of a co-responsibility network (`co_responsibility`; an agency–task
    graph is projected first): ``partners`` (degree), ``shared`` (weighted degree: shared tasks summed
    over partners), ``degree`` (degree centrality) and ``betweenness`` (shortest paths with distance
    1/weight), most central first."""
    if isinstance(C, nx.MultiDiGraph):
        C = co_responsibility(C)
    for _, _, d in C.edges(data=True):
        d["distance"] = 1.0 / d.get("weight", 1)
    deg = nx.degree_centrality(C) if len(C) > 1 else dict.fromkeys(C, 0.0)
    btw = nx.betweenness_centrality(C, weight="distance") if len(C) > 2 else dict.fromkeys(C, 0.0)
    rows = [
        {"agency": a, "name": C.nodes[a].get("name", a), "jurisdiction": C.nodes[a].get("jurisdiction"),
         "tasks": C.nodes[a].get("tasks", 0), "partners": C.degree(a), "shared": C.degree(a, weight="weight"),
         "degree": round(deg[a], 6), "betweenness": round(btw[a], 6)}
        for a in C
    ]
    return sorted(rows, key=lambda r: (-r["shared"], -r["betweenness"], r["agency"]))


# --------------------------------------------------------------------------- pandas


def to_frame(rows):
    """A pandas DataFrame of a list of dicts (or of a `centrality`/`workload`… result);
    ImportError with the install hint when pandas is missing."""
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame needs pandas: pip install 'zqdoc[pandas]'") from err
    return pd.DataFrame(list(rows))

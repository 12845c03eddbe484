"""Writing the graph: GraphML and GEXF (Gephi, yEd, Cytoscape), node-link JSON, a CSV edge list,
and — through `zqdoc.graph.draw` — a PNG of the co-responsibility network.

GraphML and GEXF take scalar attributes only, so `scalar_graph` drops None, joins lists with
`LIST_SEP` and writes dates as ISO strings; each attribute keeps one type across the graph."""
from __future__ import annotations

import csv
import datetime as dt
import json
from enum import Enum
from pathlib import Path
from typing import Optional, Union

import networkx as nx

__all__ = ["FORMATS", "LIST_SEP", "scalar_graph", "write", "write_csv", "write_gexf", "write_graphml", "write_json"]

FORMATS = ("graphml", "gexf", "json", "csv", "png")
LIST_SEP = " | "
PathLike = Union[str, Path]


def _scalar(value):
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [str(_scalar(v)) for v in value if v is not None]
        return LIST_SEP.join(items) if items else None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _clean(data: dict) -> dict:
    out = {}
    for k, v in data.items():
        v = _scalar(v)
        if v is not None:
            out[str(k)] = v
    return out


def scalar_graph(G: nx.Graph) -> nx.Graph:
    """A copy of `G` whose graph, node and edge attributes are all str/int/float/bool: None dropped,
    lists joined with `LIST_SEP`, dates as ISO strings, enums as their values."""
    H = G.__class__()
    H.graph.update(_clean(G.graph))
    H.add_nodes_from((n, _clean(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, _clean(d)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, _clean(d)) for u, v, d in G.edges(data=True))
    _one_type_per_key(H)
    return H


def _one_type_per_key(H: nx.Graph) -> None:
    """GraphML declares one type per attribute name: where one name holds ints and floats, make them
    floats; where it holds anything else mixed, make it str."""
    for items in (list(H.nodes.values()), [d for *_, d in H.edges(data=True)]):
        types: dict[str, set] = {}
        for d in items:
            for k, v in d.items():
                types.setdefault(k, set()).add(type(v))
        for k, ts in types.items():
            if len(ts) < 2:
                continue
            cast = float if ts <= {int, float} else str
            for d in items:
                if k in d:
                    d[k] = cast(d[k])


def write_graphml(G: nx.Graph, path: PathLike) -> None:
    nx.write_graphml(scalar_graph(G), str(path))


def write_gexf(G: nx.Graph, path: PathLike) -> None:
    nx.write_gexf(scalar_graph(G), str(path))


def write_json(G: nx.Graph, path: PathLike) -> None:
    """Node-link JSON (`networkx.node_link_data`, edges under "edges"), UTF-8, lists kept as lists."""
    data = nx.node_link_data(G, edges="edges")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=_json_default) + "\n", encoding="utf-8")


def _json_default(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


EDGE_COLUMNS = ("source", "target", "relation", "source_type", "target_type", "source_label", "target_label", "count")


def write_csv(G: nx.Graph, path: PathLike) -> None:
    """One row per edge: source, target, relation (lead/participant/responsible/part_of/target/
    project), the types and labels of both ends and ``count`` (assignments behind an agency edge)."""
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(EDGE_COLUMNS)
        for u, v, k, d in edges:
            nu, nv = G.nodes[u], G.nodes[v]
            w.writerow([u, v, d.get("relation", k or ""), nu.get("type", ""), nv.get("type", ""),
                        nu.get("label", u), nv.get("label", v), d.get("count", d.get("weight", 1))])


def write(G: nx.Graph, path: PathLike, format: Optional[str] = None, **draw_options) -> Path:
    """Write `G` to `path` as graphml, gexf, json, csv or png (default: from the file suffix)."""
    path = Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt == "xml":
        fmt = "graphml"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "png":
        from .draw import draw_co_responsibility

        draw_co_responsibility(G, path, **draw_options)
    else:
        {"graphml": write_graphml, "gexf": write_gexf, "json": write_json, "csv": write_csv}[fmt](G, path)
    return path

"""A picture of the co-responsibility network with matplotlib (an optional extra).

Chinese labels need a font with CJK glyphs. `find_cjk_font` looks, in order, at the `font`
argument, the ZQDOC_CJK_FONT environment variable (a font file or a family name), `fc-list :lang=zh`
and matplotlib's own font list. Without one, matplotlib would draw empty boxes, so the labels
become numbers, their key is written to ``<out>.labels.txt`` and a `CjkFontWarning` says how to
install a font (``apt-get install fonts-noto-cjk`` or ``fonts-wqy-zenhei``)."""
from __future__ import annotations

import math
import os
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Optional

import networkx as nx

from .legend import KIND_COLORS, KIND_LABELS, kind_of
from .queries import co_responsibility

__all__ = ["CjkFontWarning", "draw_co_responsibility", "find_cjk_font"]

# preferred families, best first (a Simplified Chinese sans serif reads best at small sizes)
_PREFERRED = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei", "Noto Sans SC", "Droid Sans Fallback",
    "AR PL UMing CN", "Noto Serif CJK SC", "SimSun",
)


class CjkFontWarning(UserWarning):
    """No font with Chinese glyphs: labels were replaced by numbers."""


def _covers_cjk(path: str, index: int = 0) -> bool:
    try:
        from matplotlib import ft2font

        try:
            font = ft2font.FT2Font(path, face_index=index)
        except TypeError:  # matplotlib < 3.10 reads the first face only
            font = ft2font.FT2Font(path)
        return all(font.get_char_index(ord(ch)) for ch in "中国发展改革局")
    except Exception:
        return False


def _fc_list() -> list[tuple[str, str]]:
    """(file, family) of the fonts fontconfig lists for Chinese, regular faces and preferred
    families first."""
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file", "family", "style"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        file, _, rest = line.partition(":")
        families, _, style = rest.partition(":style=")
        for fam in families.strip().split(","):
            found.append((file.strip(), fam.strip(), style))
    rank = {f: i for i, f in enumerate(_PREFERRED)}
    found.sort(key=lambda x: ("Regular" not in x[2] and "Book" not in x[2], rank.get(x[1], len(rank)), x[1]))
    return [(f, fam) for f, fam, _ in found]


def _registered(family: str):
    """matplotlib's entry for a family name, if it knows the family."""
    from matplotlib import font_manager as fm

    entries = [e for e in fm.fontManager.ttflist if e.name == family]
    entries.sort(key=lambda e: (e.weight not in (400, "normal", "regular"), e.style != "normal"))
    return entries[0] if entries else None


def _from_file(path: str) -> Optional[tuple[str, str]]:
    """Register a font file with matplotlib: (family of its first face, path), if it covers CJK."""
    from matplotlib import font_manager as fm

    if not _covers_cjk(path):
        return None
    fm.fontManager.addfont(path)
    return fm.FontProperties(fname=path).get_name(), path


def _from_family(family: str) -> Optional[tuple[str, str]]:
    e = _registered(family)
    if e is not None and _covers_cjk(e.fname, getattr(e, "index", 0)):
        return family, e.fname
    return None


def find_cjk_font(font: Optional[str] = None) -> Optional[tuple[str, str]]:
    """(family, file) of a font with Chinese glyphs, or None. Looks at `font` (a file or a family),
    $ZQDOC_CJK_FONT, `fc-list :lang=zh` (Simplified Chinese sans serif faces first: in a .ttc
    collection matplotlib then picks the SC face, not the first one), then matplotlib's font list."""
    from matplotlib import font_manager as fm

    for wanted in (font, os.environ.get("ZQDOC_CJK_FONT")):
        if wanted:
            found = _from_file(wanted) if Path(wanted).is_file() else _from_family(wanted)
            if found:
                return found
    for path, family in _fc_list():
        found = _from_family(family) or _from_file(path)
        if found:
            return found
    entries = sorted(fm.fontManager.ttflist, key=lambda e: (e.name not in _PREFERRED, e.name))
    for e in entries:
        if any(w in e.name for w in ("CJK", "Han", "Hei", "Song", "Kai", "Ming", "YaHei", "WenQuanYi", "PingFang")):
            found = _from_family(e.name)
            if found:
                return found
    return None


def draw_co_responsibility(G, path, *, top: int = 20, max_nodes: int = 80, role=None, font: Optional[str] = None,
                           title: Optional[str] = None, seed: int = 7, dpi: int = 150) -> dict:
    """Draw the co-responsibility network of `G` (an agency–task graph, or a network from
    `co_responsibility`) to a PNG: node size by tasks, edge width by shared tasks, colour by kind of
    agency (the report's colours and legend, `legend`), labels on the `top` agencies by shared tasks only.
    Beyond `max_nodes` agencies only the busiest are drawn. Returns what was drawn:
    ``path, font, font_file, nodes, edges, labelled, dropped, key, legend`` (``key``: number → name when
    no CJK font was found, else None; ``legend``: kind → colour of the kinds drawn)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    C = co_responsibility(G, role) if isinstance(G, nx.MultiDiGraph) else G
    strength = {a: C.degree(a, weight="weight") for a in C}
    order = sorted(C, key=lambda a: (-strength[a], -C.nodes[a].get("tasks", 0), a))
    kept = order[:max_nodes]
    dropped = len(order) - len(kept)
    H = C.subgraph(kept).copy()

    found = find_cjk_font(font)
    family, font_path = found if found else (None, None)
    key = None
    labelled = [a for a in order if a in H][:top]
    for comp in nx.connected_components(H):  # every cluster (another plan, most often) gets its top two
        if len(comp) >= 2:
            labelled += [a for a in order if a in comp and a not in labelled][:max(0, 2 - len(comp & set(labelled)))]
    if family:
        labels = {a: H.nodes[a].get("name", a) for a in labelled}
    else:
        labels = {a: str(i) for i, a in enumerate(labelled, 1)}
        key = {str(i): H.nodes[a].get("name", a) for i, a in enumerate(labelled, 1)}
        key_path = Path(str(path) + ".labels.txt")
        key_path.write_text("".join(f"{i}\t{name}\t{a}\n" for (i, name), a in zip(key.items(), labelled)), encoding="utf-8")
        warnings.warn(
            "no font with Chinese glyphs found (fc-list :lang=zh is empty): agency labels are numbers, "
            f"their names are in {key_path}; install one (apt-get install fonts-noto-cjk, or fonts-wqy-zenhei) "
            "or set ZQDOC_CJK_FONT to a font file", CjkFontWarning, stacklevel=2)

    n = len(H)
    size = 11 if n <= 30 else 14 if n <= 60 else 17
    pos = _layout(H, seed) if n else {}
    if pos:  # the page takes the shape of the drawing (within 4:5 to 16:9)
        xs_all = [p[0] for p in pos.values()]
        ys_all = [p[1] for p in pos.values()]
        shape = (max(xs_all) - min(xs_all) + 1) / (max(ys_all) - min(ys_all) + 1)
        shape = min(max(shape, 0.8), 1.78)
    else:
        shape = 1.25
    fig = Figure(figsize=(size, size / shape / 0.88 * 0.98), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.06, 0.98, 0.88))  # the legend goes in the strip underneath
    ax.set_axis_off()
    text_kw = {"fontfamily": family} if family else {}

    if n == 0:
        ax.text(0.5, 0.5, "no agency shares a task", ha="center", va="center", fontsize=14)
        fig.savefig(path)
        return {"path": str(path), "font": family, "font_file": font_path, "nodes": 0, "edges": 0, "labelled": 0, "dropped": dropped, "key": key, "legend": {}}

    # colours: the kind of agency, as the report's network draws them (one legend, `legend.KIND_COLORS`)
    def group_of(a):
        return kind_of(H.nodes[a])
    groups = [k for k in KIND_COLORS if any(group_of(a) == k for a in H)]
    colour = KIND_COLORS

    weights = [d["weight"] for *_, d in H.edges(data=True)]
    wmax = max(weights, default=1)
    for (u, v, d) in sorted(H.edges(data=True), key=lambda e: e[2]["weight"]):
        w = d["weight"] / wmax
        ax.plot([pos[u][0], pos[v][0]], [pos[u][1], pos[v][1]], color="#4a4a4a",
                linewidth=0.5 + 5.5 * w, alpha=0.18 + 0.5 * w, zorder=1, solid_capstyle="round")
    tmax = max(H.nodes[a].get("tasks", 1) for a in H)
    radius = {a: math.sqrt(40 + 700 * H.nodes[a].get("tasks", 1) / tmax) for a in H}  # points
    ax.scatter([pos[a][0] for a in H], [pos[a][1] for a in H], s=[radius[a] ** 2 for a in H],
               c=[colour[group_of(a)] for a in H], edgecolors="white", linewidths=0.8, zorder=2)
    # keep labels inside the frame
    xs_all = [p[0] for p in pos.values()]
    ys_all = [p[1] for p in pos.values()]
    pad_x = (max(xs_all) - min(xs_all)) * 0.08 + 0.05
    pad_y = (max(ys_all) - min(ys_all)) * 0.08 + 0.05
    ax.set_xlim(min(xs_all) - pad_x, max(xs_all) + pad_x)
    ax.set_ylim(min(ys_all) - pad_y, max(ys_all) + pad_y * 1.6)
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()  # the label placement below measures in the final coordinates
    _place_labels(fig, ax, pos, radius, labels, fontsize=9 if n <= 60 else 8, text_kw=text_kw)

    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=colour[g],
                      label=KIND_LABELS[g] if family else g) for g in groups]
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 7), frameon=False,
               prop={"family": family, "size": 9} if family else {"size": 9})
    head = title or "Co-responsibility network: agencies named on the same tasks"
    sub = (f"{n} agencies, {H.number_of_edges()} pairs; node size = tasks, line width = shared tasks; "
           f"labels: the {len(labels)} agencies sharing most tasks" + (f"; {dropped} smaller agencies not drawn" if dropped else ""))
    fig.suptitle(head, fontsize=13, y=0.985, **text_kw)
    ax.set_title(sub, fontsize=8.5, color="#444444")
    fig.savefig(path)
    return {"legend": {g: colour[g] for g in groups},
            "path": str(path), "font": family, "font_file": font_path, "nodes": n, "edges": H.number_of_edges(),
            "labelled": len(labels), "dropped": dropped, "key": key}


def _component_layout(sub: nx.Graph, seed: int) -> dict:
    """Kamada–Kawai with shorter distances for more shared tasks (even spacing, no hairball core);
    spring layout when scipy, which Kamada–Kawai needs, is missing."""
    if len(sub) <= 2:
        return nx.circular_layout(sub)
    for _, _, d in sub.edges(data=True):
        d["_dist"] = 1.0 / (1.0 + math.log(d.get("weight", 1)))
    try:
        return nx.kamada_kawai_layout(sub, weight="_dist")
    except ImportError:
        return nx.spring_layout(sub, weight="weight", seed=seed, k=2.0 / math.sqrt(len(sub)), iterations=300)
    finally:
        for _, _, d in sub.edges(data=True):
            d.pop("_dist", None)


def _layout(H: nx.Graph, seed: int, aspect: float = 1.25) -> dict:
    """Each connected component laid out on its own in a square of side √size, the squares packed
    in rows (largest first) to fill a page of the given width/height `aspect`, so several plans
    neither pile onto each other nor shrink to a strip; agencies sharing no task go in a last row."""
    comps = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c)))
    big = [c for c in comps if len(c) > 1]
    singles = sorted(next(iter(c)) for c in comps if len(c) == 1)
    gap = 0.6
    sides = [math.sqrt(len(c)) for c in big]

    def shelves(row_width):  # (x, y) of each square's top-left corner, rows left to right
        corners, x, y, row_height = [], 0.0, 0.0, 0.0
        for side in sides:
            if x > 0 and x + side > row_width + 1e-9:
                x, y, row_height = 0.0, y - row_height - gap, 0.0
            corners.append((x, y))
            x += side + gap
            row_height = max(row_height, side)
        return corners

    def misfit(corners):  # how far the packing's width/height is from the page's
        w = max(cx + s for (cx, _), s in zip(corners, sides))
        h = -min(cy - s for (_, cy), s in zip(corners, sides)) + (0.7 if singles else 0)
        return abs(math.log(w / h / aspect))

    widths = [sum(sides[:k]) + gap * (k - 1) for k in range(1, len(sides) + 1)]
    row_width = min(widths, key=lambda w: misfit(shelves(w))) if sides else max(1.0, 0.7 * len(singles))
    pos: dict = {}
    for comp, side, (x, y) in zip(big, sides, shelves(row_width)):
        p = _component_layout(H.subgraph(comp).copy(), seed)
        xs = [v[0] for v in p.values()]
        ys = [v[1] for v in p.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        for node, (px, py) in p.items():
            pos[node] = (x + side / 2 + (px - cx) / span * side, y - side / 2 + (py - cy) / span * side)
    if singles:  # just under the lowest node drawn so far
        y = min(p[1] for p in pos.values()) - gap if big else 0.0
        step = 0.7
        x = max(0.0, (row_width - len(singles) * step) / 2)
        for node in singles:
            if x + step > row_width + 1e-9:
                x, y = 0.0, y - step
            pos[node] = (x + step / 2, y)
            x += step
    return pos


def _place_labels(fig, ax, pos, radius, labels, *, fontsize, text_kw) -> None:
    """Each label beside its node — above, below, right, left or at a corner — where it covers the
    least of the labels placed before (labels go in order of importance) and of the other nodes."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72.0
    nodes = {}
    for a, (x, y) in pos.items():
        cx, cy = ax.transData.transform((x, y))
        r = radius[a] / 2 * px
        nodes[a] = Bbox.from_extents(cx - r, cy - r, cx + r, cy + r)

    def overlap(b1, b2) -> float:
        w = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
        h = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
        return w * h if w > 0 and h > 0 else 0.0

    placed = []
    style = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}
    for a, text in labels.items():
        r = radius[a] / 2 + 2
        d = r * 0.75
        spots = [((0, r), "center", "bottom"), ((0, -r), "center", "top"), ((r + 1, 0), "left", "center"),
                 ((-r - 1, 0), "right", "center"), ((d, d), "left", "bottom"), ((-d, d), "right", "bottom"),
                 ((d, -d), "left", "top"), ((-d, -d), "right", "top")]
        best = None
        for offset, ha, va in spots:
            t = ax.annotate(text, pos[a], xytext=offset, textcoords="offset points", ha=ha, va=va,
                            fontsize=fontsize, zorder=3, bbox=style, **text_kw)
            box = t.get_window_extent(renderer)
            cost = sum(overlap(box, b) for b in placed) * 3 + sum(overlap(box, b) for n, b in nodes.items() if n != a)
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, t, box)
            else:
                t.remove()
            if cost == 0:
                break
        placed.append(best[2])

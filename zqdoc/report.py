"""`zqdoc report`: one self-contained HTML page a researcher can open and pass on.

Everything is inline (CSS, a small sortable-table script and a small force layout on <canvas>), so
the page needs no network and no files beside it. All document text is escaped: the inputs are
untrusted. The graph data travel as JSON in a ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` escaped, so no text can close the block.

    >>> import zqdoc
    >>> from zqdoc.report import render_report
    >>> html = render_report([zqdoc.parse("corpora/zhaoqing-2012-plan.txt")])
    >>> html.startswith("<!DOCTYPE html>") and "市发展改革局" in html
    True

Sections of the page: per document the metadata (GB/T 9704 terms), the outline with each task's
agencies by role, the targets (with deadlines) and the projects; then, over all documents, the
agency workload table (click a column heading to sort) and the co-responsibility network (agencies
named on the same task are linked; drag a node, click it to see its partners). When the page has
drawn, its script sets ``data-status="ok"`` on ``<body>`` (``error: …`` when a script failed).
"""
from __future__ import annotations

import datetime as dt
import json
from html import escape
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from .graph.legend import KIND_COLORS, KIND_LABELS, kind_of
from .models import Document, Section

__all__ = ["MANY_DOCUMENTS", "MAX_NETWORK_NODES", "SHOWN_NETWORK_NODES", "render_report", "write_report"]

MAX_NETWORK_NODES = 300
"""The network holds at most this many agencies (those on the most tasks); the table lists all."""
SHOWN_NETWORK_NODES = 60
"""Agencies the network draws at first; a control (or `#top=N` in the address) widens it."""
MANY_DOCUMENTS = 20
"""From this many documents on, an index table replaces the links and each document folds away."""

ROLE_LABELS = {"lead": "牵头", "participant": "参与", "responsible": "负责"}
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", '
              '"WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei", '
              '"Noto Sans SC", "Droid Sans Fallback", sans-serif')


def _e(value) -> str:
    """Escaped text of any value ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    return escape(str(value), quote=True)


def _num(x: Optional[float]) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _json_for_script(data) -> str:
    """JSON that is safe inside <script>: no <, > or & in the output."""
    return (json.dumps(data, ensure_ascii=False)
            .replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# --------------------------------------------------------------------------- parts of the page


def _meta_rows(doc: Document) -> list[tuple[str, str]]:
    m = doc.meta
    rows = [
        ("份号", m.copy_number), ("密级", m.classification), ("紧急程度", m.urgency),
        ("发文机关标志", m.issuer_mark), ("发文字号", m.doc_number), ("签发人", m.signer), ("标题", m.title),
        ("主送机关", "，".join(m.recipients)), ("计划标题", m.plan_title), ("附件", "；".join(m.attachments)),
        ("发文机关", m.issuer), ("成文日期", m.signed_date), ("附注", m.note), ("抄送机关", "，".join(m.cc)),
        ("印发机关", m.printer), ("印发日期", m.print_date), ("公开方式", m.disclosure),
        ("主题词", " ".join(m.keywords)), ("索引号", m.index_number), ("发布机构", m.publisher),
        ("发布日期", m.published_date), ("主题分类", m.topic), ("来源文件", doc.source), ("编码", doc.encoding),
    ]
    return [(k, v) for k, v in rows if v]


def _badges(section: Section) -> str:
    out = []
    for a in section.assignments:
        role = a.role.value if hasattr(a.role, "value") else str(a.role)
        tip = " · ".join(x for x in (a.canonical, a.jurisdiction, getattr(a.kind, "value", a.kind)) if x)
        out.append(f'<span class="ag {_e(role)}" data-role="{_e(role)}" title="{_e(ROLE_LABELS.get(role, role))} '
                   f'{_e(tip)}">{_e(a.agency)}</span>')
    return "".join(out)


def _outline(sections: Sequence[Section]) -> str:
    if not sections:
        return ""
    items = []
    for s in sections:
        task = bool(s.assignments or s.targets)
        extra = []
        if s.assignments:
            extra.append(f'<div class="who">{_badges(s)}</div>')
        if s.leaders:
            extra.append(f'<div class="note">责任领导：{_e("、".join(s.leaders))}</div>')
        if s.deadline:
            extra.append(f'<div class="note">完成时限：{_e(s.deadline)}</div>')
        if s.targets:
            extra.append('<div class="note">目标：' + "；".join(f"<q>{_e(t.raw)}</q>" for t in s.targets) + "</div>")
        items.append(
            f'<li class="sec{" task" if task else ""}" data-path="{_e(s.path)}">'
            f'<span class="path">{_e(s.path)}</span> <span class="marker">{_e(s.marker)}</span> '
            f'<span class="title">{_e(s.title)}</span>{"".join(extra)}{_outline(s.children)}</li>')
    return "<ol>" + "".join(items) + "</ol>"


def _targets_table(doc: Document) -> str:
    rows = []
    for s in doc.walk():
        for t in s.targets:
            comp = getattr(t.comparator, "value", t.comparator)
            value = _num(t.value) + (f"–{_num(t.value_max)}" if t.value_max is not None else "")
            deadline = t.deadline.isoformat() if t.deadline else ""
            rows.append(
                f'<tr class="target"><td>{_e(s.path)}</td><td>{_e(t.subject)}</td><td>{_e(t.raw)}</td>'
                f'<td class="n">{_e(comp)} {_e(value)}</td><td>{_e(t.unit)}</td>'
                f'<td>{_e(deadline)}{(" <small>" + _e(t.deadline_text) + "</small>") if t.deadline_text else ""}</td></tr>')
    if not rows:
        return '<p class="empty">无量化目标 (no targets)</p>'
    return ('<table class="sortable targets"><thead><tr><th data-type="path">§</th><th>对象 subject</th>'
            '<th>目标 target</th><th data-type="num">值 value</th><th>单位 unit</th><th>期限 deadline</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _projects_table(doc: Document) -> str:
    rows = [f'<tr class="project"><td>{_e(s.path)}</td><td>{_e(p.name)}</td><td>{_e(p.kind)}</td></tr>'
            for s in doc.walk() for p in s.projects]
    if not rows:
        return '<p class="empty">无项目 (no projects)</p>'
    return ('<table class="sortable projects"><thead><tr><th data-type="path">§</th><th>项目 project</th>'
            f'<th>类别 kind</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _document_block(doc: Document, doc_id: str, index: int, fold: bool = False) -> tuple[str, str]:
    """(metadata part, outline/targets/projects part) of one document; with `fold`, each inside a
    <details> element whose summary is the document's heading."""
    sections = list(doc.walk())
    n_targets = sum(len(s.targets) for s in sections)
    n_projects = sum(len(s.projects) for s in sections)
    n_tasks = sum(1 for s in sections if s.assignments or s.targets)
    n_assign = sum(len(s.assignments) for s in sections)
    heading = doc.meta.plan_title or doc.meta.title or doc_id
    meta = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _meta_rows(doc))
    warnings = ""
    if doc.warnings:
        warnings = ('<details class="warnings"><summary>warnings (' + str(len(doc.warnings)) + ")</summary><ul>"
                    + "".join(f"<li>{_e(w)}</li>" for w in doc.warnings) + "</ul></details>")
    head = f"""
<section class="document" id="doc-{index}" data-doc="{_e(doc_id)}">
<h2>{_e(heading)}</h2>
<p class="counts"><span class="n-sections" data-count="{len(sections)}">{len(sections)}</span> sections ·
<span class="n-tasks" data-count="{n_tasks}">{n_tasks}</span> tasks ·
<span class="n-assignments" data-count="{n_assign}">{n_assign}</span> assignments ·
<span class="n-targets" data-count="{n_targets}">{n_targets}</span> targets ·
<span class="n-projects" data-count="{n_projects}">{n_projects}</span> projects ·
<a href="#outline-{index}">outline</a> · <a href="#targets-{index}">targets</a> · <a href="#projects-{index}">projects</a></p>
<h3>公文要素 metadata</h3>
<table class="meta">{meta or '<tr><td class="empty">(none found)</td></tr>'}</table>
{warnings}
</section>"""
    detail = f"""
<section class="detail" data-doc="{_e(doc_id)}">
<h2>{_e(heading)}</h2>
<h3 id="outline-{index}">结构 outline <small>agencies by role: <span class="ag lead">牵头 lead</span>
<span class="ag participant">参与 participant</span> <span class="ag responsible">负责 responsible</span></small></h3>
<div class="outline">{_outline(doc.sections) or '<p class="empty">no numbered sections</p>'}</div>
<h3 id="targets-{index}">目标 targets</h3>
{_targets_table(doc)}
<h3 id="projects-{index}">项目 projects</h3>
{_projects_table(doc)}
</section>"""
    if fold:
        head, detail = (f'<details class="fold"><summary>{_e(heading)}</summary>{part}</details>' for part in (head, detail))
    return head, detail


def _workload_table(rows: list[dict], show_jurisdiction: bool) -> str:
    """The agencies' counts; with agencies of several governments, grouped by government (busiest
    government first), each group sorting within itself."""
    from .extract.agencies import function_of

    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r.get("jurisdiction") or "?" if show_jurisdiction else "", []).append(r)
    width = 9 if show_jurisdiction else 8
    bodies = []
    for government, members in sorted(groups.items(), key=lambda kv: (-sum(r["assignments"] for r in kv[1]), kv[0])):
        body = []
        if show_jurisdiction:
            body.append(f'<tr class="group" data-government="{_e(government)}"><th colspan="{width}">{_e(government)} · '
                        f'{len(members)} agencies · {sum(r["assignments"] for r in members)} assignments</th></tr>')
        for r in members:
            cells = [f'<td class="name">{_e(r["name"])}</td>']
            if show_jurisdiction:
                cells.append(f'<td>{_e(r.get("jurisdiction") or "?")}</td>')
            cells.append(f'<td class="function">{_e(function_of(r["name"]) or "?")}</td>')
            cells.append(f'<td>{_e(r.get("kind") or "")}</td>')
            cells += [f'<td class="n {k}">{int(r[k])}</td>' for k in ("lead", "participant", "responsible", "assignments", "tasks")]
            body.append(f'<tr class="agency" data-agency="{_e(r["agency"])}">{"".join(cells)}</tr>')
        bodies.append(f'<tbody>{"".join(body)}</tbody>')
    head = '<th>机构 agency</th>' + ('<th>政府 government</th>' if show_jurisdiction else "") + '<th>职能 function</th><th>类别 kind</th>'
    head += "".join(f'<th data-type="num">{label}</th>' for label in (
        "牵头 lead", "参与 participant", "负责 responsible", "合计 all", "任务 tasks"))
    return f'<table class="sortable workload" id="workload"><thead><tr>{head}</tr></thead>{"".join(bodies)}</table>'


def _documents_index(docs: Sequence[Document], doc_ids: list[str]) -> str:
    """One row a document (for many documents, instead of a link each)."""
    rows = []
    for i, (d, doc_id) in enumerate(zip(docs, doc_ids)):
        sections = list(d.walk())
        rows.append(f'<tr class="doc-row"><td><a href="#doc-{i}">{_e(d.meta.doc_number or doc_id)}</a></td>'
                    f'<td>{_e(d.meta.plan_title or d.meta.title or "")}</td><td>{_e(d.meta.government or "?")}</td>'
                    f'<td>{_e(d.meta.signed_date.isoformat() if d.meta.signed_date else "")}</td>'
                    f'<td class="n">{len(sections)}</td><td class="n">{sum(len(s.assignments) for s in sections)}</td></tr>')
    return ('<table class="sortable documents" id="documents"><thead><tr><th>文号 number</th><th>标题 title</th>'
            '<th>政府 government</th><th>成文日期 signed</th><th data-type="num">sections</th>'
            f'<th data-type="num">assignments</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _function_table(rows: list[dict]) -> str:
    """Leads, assignments and agencies per function class, so governments of different naming
    habits compare (发改局 / 发展和改革局 / 发改委 are all 发展改革)."""
    from .extract.agencies import function_of

    totals: dict[str, list[int]] = {}
    for r in rows:
        t = totals.setdefault(function_of(r["name"]) or "?", [0, 0, 0])
        t[0] += int(r["lead"])
        t[1] += int(r["assignments"])
        t[2] += 1
    body = "".join(f'<tr class="function-row"><td>{_e(name)}</td><td class="n">{lead}</td><td class="n">{total}</td>'
                   f'<td class="n">{n}</td></tr>'
                   for name, (lead, total, n) in sorted(totals.items(), key=lambda kv: -kv[1][1]))
    return ('<table class="sortable functions" id="functions"><thead><tr><th>职能 function</th>'
            '<th data-type="num">牵头 lead</th><th data-type="num">合计 all</th><th data-type="num">机构 agencies</th>'
            f'</tr></thead><tbody>{body}</tbody></table>')


def _network_data(G) -> dict:
    from .graph import co_responsibility

    C = co_responsibility(G)
    nodes = sorted(C.nodes, key=lambda a: (-C.nodes[a]["tasks"], a))
    dropped = max(0, len(nodes) - MAX_NETWORK_NODES)
    nodes = nodes[:MAX_NETWORK_NODES]
    index = {a: i for i, a in enumerate(nodes)}
    out_nodes = [{"id": a, "name": C.nodes[a]["name"], "jurisdiction": C.nodes[a].get("jurisdiction"),
                  "kind": kind_of(C.nodes[a]), "tasks": C.nodes[a]["tasks"]} for a in nodes]
    edges = []
    for a, b, d in C.edges(data=True):
        if a in index and b in index:
            titles = [f'{G.nodes[t]["path"]} {G.nodes[t]["title"]}' for t in d["tasks"][:20]]
            edges.append({"s": index[a], "t": index[b], "w": d["weight"], "tasks": titles})
    return {"nodes": out_nodes, "edges": edges, "dropped": dropped, "colors": KIND_COLORS,
            "shown": min(len(out_nodes), SHOWN_NETWORK_NODES)}


# --------------------------------------------------------------------------- the page

CSS = """
*{box-sizing:border-box}
body{font-family:%(font)s;margin:0;padding:0 24px 48px;color:#222;background:#fafafa;line-height:1.5;font-size:14px}
header{padding:16px 0 4px;border-bottom:2px solid #b22}
h1{font-size:22px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 4px;border-bottom:1px solid #ccc}
h3{font-size:16px;margin:18px 0 6px}h3 small{font-weight:normal;font-size:12px}
nav a{margin-right:14px}
table{border-collapse:collapse;background:#fff;margin:4px 0 8px}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
table.meta th{background:#f3f3f3;white-space:nowrap;font-weight:600}
table.sortable thead th{background:#eee;cursor:pointer;user-select:none;white-space:nowrap}
table.sortable thead th[aria-sort=ascending]::after{content:" ▲"}
table.sortable thead th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.counts{color:#555;margin:2px 0}
.outline ol{list-style:none;padding-left:20px;margin:0}
.outline>ol{padding-left:0}
li.sec{margin:3px 0}
.path{color:#999;font-size:11px;display:inline-block;min-width:3.5em}
.marker{font-weight:600}
li.task>.title{color:#000}
.who{margin:1px 0 2px 3.8em}.note{margin-left:3.8em;color:#555;font-size:13px}
.ag{display:inline-block;border-radius:3px;padding:0 5px;margin:1px 3px 1px 0;font-size:12px;border:1px solid}
.ag.lead{background:#fde2e1;border-color:#d33;color:#911}
.ag.participant{background:#e1ecfd;border-color:#36c;color:#124}
.ag.responsible{background:#e3f6e3;border-color:#393;color:#140}
.empty{color:#888}
#network-wrap{position:relative;background:#fff;border:1px solid #ccc}
#network{display:block;width:100%%;height:640px;cursor:grab}
#tip{position:absolute;pointer-events:none;background:rgba(255,255,255,.96);border:1px solid #888;padding:4px 8px;
 font-size:12px;display:none;max-width:380px;box-shadow:0 1px 4px rgba(0,0,0,.2)}
#documents td:first-child{white-space:nowrap}
details.fold>summary{cursor:pointer;font-size:15px;margin:6px 0}
#legend span{display:inline-block;margin-right:12px;font-size:12px}
#legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px;vertical-align:middle}
#selected{font-size:13px;margin-top:6px;min-height:1.5em}
footer{margin-top:32px;color:#888;font-size:12px}
""" % {"font": FONT_STACK}

JS = r"""
(function(){
"use strict";
var body=document.body;
window.addEventListener("error",function(e){body.setAttribute("data-status","error: "+(e.message||e));});
// ---- sortable tables: click a heading; numbers by value, paths (3.1.2) part by part, text by zh collation
function key(cell,type){var t=cell.textContent.trim();
 if(type==="num"){var m=t.match(/-?\d+(\.\d+)?/);return m?parseFloat(m[0]):-Infinity;}
 if(type==="path"){return t.split(".").map(function(x){return parseInt(x,10)||0;});}
 return t;}
function cmp(a,b,type){
 if(type==="path"){for(var i=0;i<Math.max(a.length,b.length);i++){var d=(a[i]||0)-(b[i]||0);if(d)return d;}return 0;}
 if(type==="num")return a-b;return a.localeCompare(b,"zh");}
Array.prototype.forEach.call(document.querySelectorAll("table.sortable"),function(table){
 var ths=table.tHead.rows[0].cells;
 Array.prototype.forEach.call(ths,function(th,col){
  th.setAttribute("title","click to sort");
  th.addEventListener("click",function(){
   var type=th.getAttribute("data-type")||"text";
   var dir=th.getAttribute("aria-sort")==="descending"?1:(th.getAttribute("aria-sort")==="ascending"?-1:(type==="num"?-1:1));
   Array.prototype.forEach.call(ths,function(h){h.removeAttribute("aria-sort");});
   th.setAttribute("aria-sort",dir>0?"ascending":"descending");
   Array.prototype.forEach.call(table.tBodies,function(tb){  // each group (a government) sorts within itself
    var rows=Array.prototype.filter.call(tb.rows,function(r){return !r.classList.contains("group");});
    rows=rows.map(function(r,i){return [key(r.cells[col],type),i,r];});
    rows.sort(function(a,b){return dir*cmp(a[0],b[0],type)||a[1]-b[1];});
    rows.forEach(function(r){tb.appendChild(r[2]);});
   });
  });
 });
});
// ---- the co-responsibility network: a small force layout on canvas
var data=JSON.parse(document.getElementById("network-data").textContent);
var canvas=document.getElementById("network"),tip=document.getElementById("tip"),sel=document.getElementById("selected");
var ALL=data.nodes,N=[],E=[],n=0,adj=[];
var font=getComputedStyle(body).fontFamily;
function layout(k){  // the k agencies on the most tasks (nodes come sorted so) and the links among them
 N=ALL.slice(0,k);n=N.length;adj=[];E=data.edges.filter(function(e){return e.s<n&&e.t<n;});
 N.forEach(function(d,i){adj.push([]);var a=2*Math.PI*i/Math.max(n,1),r=50+8*Math.sqrt(i);
  d.x=Math.cos(a)*r;d.y=Math.sin(a)*r;d.vx=0;d.vy=0;d.fixed=false;d.r=4+3*Math.sqrt(d.tasks);});
 E.forEach(function(e){adj[e.s].push(e);adj[e.t].push(e);});
 for(var it=0;it<300;it++)step(1-it/330);
 body.setAttribute("data-network-nodes",String(n));
 var out=document.getElementById("network-top-n");if(out)out.textContent=String(n);}
function step(alpha){
 var i,j,a,b,dx,dy,d2,f;
 for(i=0;i<n;i++){a=N[i];for(j=i+1;j<n;j++){b=N[j];dx=a.x-b.x;dy=a.y-b.y;d2=dx*dx+dy*dy+0.01;
  f=9000*alpha/d2;a.vx+=dx*f;a.vy+=dy*f;b.vx-=dx*f;b.vy-=dy*f;}}
 E.forEach(function(e){a=N[e.s];b=N[e.t];dx=b.x-a.x;dy=b.y-a.y;var d=Math.sqrt(dx*dx+dy*dy)||1;
  f=(d-120)*0.03*alpha*Math.min(3,Math.sqrt(e.w))/d;a.vx+=dx*f;a.vy+=dy*f;b.vx-=dx*f;b.vy-=dy*f;});
 for(i=0;i<n;i++){a=N[i];if(a.fixed){a.vx=a.vy=0;continue;}
  a.vx-=a.x*0.03*alpha;a.vy-=a.y*0.03*alpha;a.vx*=0.6;a.vy*=0.6;
  var v=Math.sqrt(a.vx*a.vx+a.vy*a.vy);if(v>30){a.vx*=30/v;a.vy*=30/v;}a.x+=a.vx;a.y+=a.vy;}
}

var W=0,H=0,scale=1,ox=0,oy=0,dpr=window.devicePixelRatio||1,selected=-1,hover=-1,drag=-1,alpha=0,timer=null;
function fit(){var r=canvas.getBoundingClientRect();W=r.width;H=r.height;canvas.width=W*dpr;canvas.height=H*dpr;
 if(!n)return;var x0=1e9,x1=-1e9,y0=1e9,y1=-1e9;
 N.forEach(function(d){x0=Math.min(x0,d.x);x1=Math.max(x1,d.x);y0=Math.min(y0,d.y);y1=Math.max(y1,d.y);});
 scale=Math.min((W-160)/Math.max(x1-x0,1),(H-60)/Math.max(y1-y0,1),3);
 ox=W/2-scale*(x0+x1)/2;oy=H/2-scale*(y0+y1)/2;}
function sx(d){return ox+scale*d.x;}function sy(d){return oy+scale*d.y;}
function near(i){if(selected<0)return true;if(i===selected)return true;
 return adj[selected].some(function(e){return e.s===i||e.t===i;});}
function draw(){var c=canvas.getContext("2d");c.setTransform(dpr,0,0,dpr,0,0);c.clearRect(0,0,W,H);
 E.forEach(function(e){var on=selected<0||e.s===selected||e.t===selected;
  c.strokeStyle=on?"rgba(90,90,90,"+(selected<0?0.25:0.7)+")":"rgba(200,200,200,0.15)";
  c.lineWidth=Math.min(8,0.6+e.w*0.8);c.beginPath();c.moveTo(sx(N[e.s]),sy(N[e.s]));c.lineTo(sx(N[e.t]),sy(N[e.t]));c.stroke();});
 c.font="12px "+font;c.textBaseline="middle";
 N.forEach(function(d,i){var on=near(i);c.globalAlpha=on?1:0.2;c.fillStyle=data.colors[d.kind]||"#555";
  c.beginPath();c.arc(sx(d),sy(d),d.r,0,2*Math.PI);c.fill();
  if(i===selected||i===hover){c.lineWidth=2;c.strokeStyle="#000";c.stroke();}
  if(on&&(d.tasks>=2||selected>=0||n<=40||i===hover)){c.lineWidth=3;c.strokeStyle="rgba(255,255,255,0.85)";c.strokeText(d.name,sx(d)+d.r+3,sy(d));c.fillStyle="#222";c.fillText(d.name,sx(d)+d.r+3,sy(d));}
  c.globalAlpha=1;});}
function pick(ev){var r=canvas.getBoundingClientRect(),x=ev.clientX-r.left,y=ev.clientY-r.top,best=-1,bd=1e9;
 N.forEach(function(d,i){var dx=sx(d)-x,dy=sy(d)-y,dd=dx*dx+dy*dy;if(dd<bd&&dd<=Math.pow(d.r+4,2)){bd=dd;best=i;}});
 return {i:best,x:x,y:y};}
function esc(s){var el=document.createElement("span");el.textContent=s==null?"":String(s);return el.innerHTML;}
function partners(i){return adj[i].map(function(e){return [e.s===i?e.t:e.s,e.w];}).sort(function(a,b){return b[1]-a[1];});}
function animate(){if(alpha<=0.02){timer=null;return;}step(alpha);alpha*=0.95;draw();timer=requestAnimationFrame(animate);}
canvas.addEventListener("mousedown",function(ev){var p=pick(ev);if(p.i>=0){drag=p.i;N[drag].fixed=true;canvas.style.cursor="grabbing";}});
window.addEventListener("mouseup",function(){if(drag>=0){N[drag].fixed=false;drag=-1;canvas.style.cursor="grab";}});
canvas.addEventListener("mousemove",function(ev){var p=pick(ev);
 if(drag>=0){var d=N[drag];d.x=(p.x-ox)/scale;d.y=(p.y-oy)/scale;alpha=Math.max(alpha,0.3);if(!timer)animate();return;}
 if(p.i!==hover){hover=p.i;draw();}
 if(p.i>=0){var d=N[p.i];tip.style.display="block";tip.style.left=(p.x+14)+"px";tip.style.top=(p.y+10)+"px";
  tip.innerHTML="<b>"+esc(d.name)+"</b> "+esc(d.jurisdiction||"")+"<br>"+d.tasks+" tasks · "+adj[p.i].length+" partners";}
 else tip.style.display="none";});
canvas.addEventListener("mouseleave",function(){tip.style.display="none";hover=-1;draw();});
canvas.addEventListener("click",function(ev){var p=pick(ev);selected=(p.i===selected)?-1:p.i;draw();
 if(selected<0){sel.textContent="Click an agency to see whom it shares tasks with.";return;}
 var d=N[selected];sel.innerHTML="<b>"+esc(d.name)+"</b> ("+esc(d.jurisdiction||"?")+", "+d.tasks+" tasks) shares tasks with: "+
  partners(selected).map(function(p){return esc(N[p[0]].name)+" ×"+p[1];}).join("、");});
window.addEventListener("resize",function(){fit();draw();});
var control=document.getElementById("network-top"),asked=location.hash.match(/top=(\d+)/);
var k=asked?Math.max(1,Math.min(ALL.length,parseInt(asked[1],10))):data.shown;
if(control){control.value=String(k);control.addEventListener("change",function(){selected=-1;layout(parseInt(control.value,10));fit();draw();});}
layout(k);fit();draw();
if(body.getAttribute("data-status")===null||body.getAttribute("data-status")==="loading")body.setAttribute("data-status","ok");
})();
"""


def render_report(docs: Sequence[Document], *, ids: Optional[Iterable[str]] = None, title: Optional[str] = None) -> str:
    """The HTML page of one or many parsed documents (`ids`: their ids, as in `zqdoc.graph.build`)."""
    from . import __version__
    from .graph import build, workload

    docs = list(docs)
    G = build(docs, ids=ids)
    doc_ids = list(G.graph["documents"])
    rows = workload(G)
    show_j = len({r.get("jurisdiction") for r in rows}) > 1
    net = _network_data(G)
    if title is None:
        title = (docs[0].meta.plan_title or docs[0].meta.title or doc_ids[0]) if len(docs) == 1 else f"{len(docs)} documents"
    many = len(docs) >= MANY_DOCUMENTS
    parts = [_document_block(d, doc_ids[i], i, fold=many) for i, d in enumerate(docs)]
    if many:  # the agencies first, then an index table and each document folded
        nav = '<a href="#documents-h">documents</a>'
        index = f'<h2 id="documents-h">文件 documents</h2>{_documents_index(docs, doc_ids)}'
        blocks = ""
        details = index + "".join(h + d for h, d in parts)
    else:
        nav = "".join(f'<a href="#doc-{i}">{_e(d.meta.doc_number or doc_ids[i])}</a>' for i, d in enumerate(docs))
        blocks = "".join(h for h, _ in parts)
        details = "".join(d for _, d in parts)
    kinds = {d["kind"] for d in net["nodes"]}
    legend = "".join(f'<span data-kind="{_e(k)}"><i style="background:{c}"></i>{_e(KIND_LABELS[k])}</span>'
                     for k, c in KIND_COLORS.items() if k in kinds)
    total = len(net["nodes"]) + net["dropped"]
    control = (f'<p class="note"><label>agencies shown: <input type="range" id="network-top" min="1" '
               f'max="{len(net["nodes"])}" value="{net["shown"]}"> <output id="network-top-n">{net["shown"]}</output> '
               f'of {total}</label> (those on the most tasks'
               + (f'; the network holds the {MAX_NETWORK_NODES} busiest, the table all' if net["dropped"] else "")
               + ')</p>') if len(net["nodes"]) > 1 else ""
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="zqdoc {_e(__version__)}">
<title>{_e(title)}</title>
<style>{CSS}</style>
</head>
<body data-status="loading">
<header>
<h1>{_e(title)}</h1>
<nav>{nav}<a href="#workload-h">workload</a><a href="#network-h">network</a></nav>
</header>
{blocks}
<section id="agencies">
<h2 id="workload-h">机构工作量 agency workload</h2>
<p class="counts"><span class="n-agencies" data-count="{len(rows)}">{len(rows)}</span> agencies; one count per task and
role, over all documents. Click a heading to sort.</p>
{_workload_table(rows, show_j)}
<h3 id="functions-h">按职能 by function class</h3>
{_function_table(rows)}
<h2 id="network-h">协同网络 co-responsibility network</h2>
<p class="counts">Agencies named on the same task are linked (line width = shared tasks; dot size = tasks).
Drag a dot to move it; click one to see its partners.</p>
<div id="legend">{legend}</div>
{control}
<div id="network-wrap"><canvas id="network" role="img" aria-label="co-responsibility network"></canvas><div id="tip"></div></div>
<div id="selected">Click an agency to see whom it shares tasks with.</div>
</section>
{details}
<footer>zqdoc {_e(__version__)} · generated {_e(generated)} · self-contained page, no network access</footer>
<script type="application/json" id="network-data">{_json_for_script(net)}</script>
<script>{JS}</script>
</body>
</html>
"""


def write_report(docs: Sequence[Union[Document, str, Path]], path: Union[str, Path], *,
                 ids: Optional[Iterable[str]] = None, title: Optional[str] = None) -> Path:
    """Write the report of `docs` (Documents or paths, which are parsed) to `path`; returns it."""
    from .graph import load_documents

    parsed = [d if isinstance(d, Document) else load_documents([d])[0] for d in docs]
    out = Path(path)
    out.write_text(render_report(parsed, ids=ids, title=title), encoding="utf-8")
    return out

"""Web pages, Word files and PDFs (zqdoc.formats), built here from corpora/ texts: each must parse
to the same sections, metadata, assignments and targets as the text it was made from.

* DOCX (python-docx): the headings' numbers are Word automatic numbering — numPr pointing at a
  numbering.xml abstractNum with levels 一、/（一）/1. — not text; flattened tables become real
  Word tables whose 序号 column is numbered automatically too.
* PDF (reportlab, the built-in STSong-Light CID font): paragraphs wrapped to the page with a
  first-line indent, a running header and — N — page numbers on every page, 西 printed as the
  radical ⻄ as some PDF fonts do.
* HTML: a government page in GBK/GB2312 with navigation, breadcrumb, scripts, a share bar, the
  政府信息公开 metadata table, the title in <h1> and a footer.
"""
import html
import io
import re
import zipfile
from pathlib import Path

import pytest

import zqdoc
from zqdoc.errors import DamagedFile, InputTooLarge, NoTextLayer, UnsupportedFormat
from zqdoc.formats import detect
from zqdoc.formats.docx import format_number

from helpers import marker, norm

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
DATA = Path(__file__).resolve().parent / "data"


def corpus(name: str) -> str:
    return (CORPORA / f"{name}.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ what must agree

META = ("doc_number", "title", "issuer", "signed_date", "recipients", "plan_title", "attachments", "cc", "printer",
        "print_date")


def sections(doc):
    return [(s.level, marker(s.marker), norm(s.title), s.path,
             {norm(k): norm(v) for k, v in s.cells.items()} if s.cells is not None else None)
            for s in doc.walk()]


def assignments(doc):
    return sorted((s.path, norm(a.agency), a.role.value, a.canonical, a.kind and a.kind.value) for s in doc.walk()
                  for a in s.assignments)


def targets(doc):
    return sorted((s.path, norm(t.raw), t.value, t.value_max, t.unit, t.comparator.value, t.deadline) for s in doc.walk()
                  for t in s.targets)


def deadlines_and_leaders(doc):
    return [(s.path, norm(s.deadline), [norm(x) for x in s.leaders]) for s in doc.walk()]


def assert_same(got, want, meta=META):
    assert sections(got) == sections(want)
    assert assignments(got) == assignments(want)
    assert targets(got) == targets(want)
    assert deadlines_and_leaders(got) == deadlines_and_leaders(want)
    for field in meta:
        assert getattr(got.meta, field) == getattr(want.meta, field), field


# --------------------------------------------------------------------------- reading a corpus text

_LINE_MARKERS = {
    "cn": re.compile(r"^[ \u3000]*([一二三四五六七八九十]{1,3})[ ]*[、.．][ \u3000]*"),
    "paren_cn": re.compile(r"^[ \u3000]*[（(][ ]*([一二三四五六七八九十]{1,3})[ ]*[）)][ \u3000]*"),
    "arabic": re.compile(r"^[ \u3000]*(\d{1,3})[ ]*([、.．])(?!\d)[ \u3000]*"),
}
_ILVL = {"cn": 0, "paren_cn": 1, "arabic": 2}


def blocks(text: str):
    """The text as printed (cleaned), cut into ("p", line, heading) and ("table", header, rows):
    heading is (style, number) where the parser opens a numbered section at the line start."""
    doc = zqdoc.parse_text(text)
    text = doc.text
    starts = {}
    for s in doc.walk():
        if s.style in _LINE_MARKERS and s.cells is None:
            line_start = text.rfind("\n", 0, s.span[0]) + 1
            if not text[line_start:s.span[0]].strip():
                starts[text.count("\n", 0, s.span[0])] = (s.style, s.number)
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip().replace(" ", "") == "序号|":
            header, i = [], i
            while not re.fullmatch(r"\d{1,4} \|", lines[i].strip()):
                header.append(lines[i].strip()[:-1].strip())
                i += 1
            rows = []
            while i < len(lines) and re.fullmatch(r"\d{1,4} \|", lines[i].strip()):
                row, i = [lines[i].strip()[:-1].strip()], i + 1
                while len(row) < len(header):
                    row.append(lines[i].strip()[:-1].strip())
                    i += 1
                rows.append(row)
            out.append(("table", header, rows))
            continue
        if lines[i].strip():
            out.append(("p", lines[i], starts.get(i)))
        i += 1
    return doc, out


# -------------------------------------------------------------------------------------------- DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def _level(ilvl, fmt, text, start=1):
    lvl = _w("lvl", ilvl=ilvl)
    for child in (_w("start", val=start), _w("numFmt", val=fmt), _w("suff", val="nothing"), _w("lvlText", val=text),
                  _w("lvlJc", val="left")):
        lvl.append(child)
    return lvl


class DocxBuilder:
    """A Word document whose numbers are automatic: one abstractNum with the levels 一、/（一）/1.
    (the arabic punctuation as the text prints it), a w:num per list, restarted lists getting a
    w:num with a startOverride, and the 序号 column of tables numbered by a list of its own."""

    def __init__(self, arabic_punct="."):
        import docx

        self.doc = docx.Document()
        self.numbering = self.doc.part.numbering_part.element
        self.nums = 0
        heads = _w("abstractNum", abstractNumId=90)
        for ilvl, fmt, text in ((0, "chineseCounting", "%1、"), (1, "chineseCounting", "（%2）"),
                                (2, "decimal", f"%3{arabic_punct}")):
            heads.append(_level(ilvl, fmt, text))
        rows = _w("abstractNum", abstractNumId=91)
        rows.append(_level(0, "decimal", "%1."))  # 序号 printed "1." by Word
        first_num = self.numbering.find(f"{{{W}}}num")
        for a in (heads, rows):
            if first_num is not None:
                first_num.addprevious(a)
            else:
                self.numbering.append(a)
        self.list_id = self.new_num(90)
        self.counters = [0, 0, 0]

    def new_num(self, abstract, start=None):
        self.nums += 1
        num_id = 900 + self.nums
        num = _w("num", numId=num_id)
        num.append(_w("abstractNumId", val=abstract))
        if start is not None:
            override = _w("lvlOverride", ilvl=0)
            override.append(_w("startOverride", val=start))
            num.append(override)
        self.numbering.append(num)
        return num_id

    @staticmethod
    def numbered(paragraph, num_id, ilvl):
        num_pr = _w("numPr")
        num_pr.append(_w("ilvl", val=ilvl))
        num_pr.append(_w("numId", val=num_id))
        paragraph._p.get_or_add_pPr().append(num_pr)

    def paragraph(self, line, heading):
        if heading:
            style, number = heading
            ilvl = _ILVL[style]
            expected = self.counters[ilvl] + 1
            if number == 1 and ilvl == 0 and self.counters[0] > 0:  # a new list: 附件 restarting at 一、
                self.list_id, self.counters, expected = self.new_num(90, start=1), [0, 0, 0], 1
            if number == expected:
                self.counters[ilvl] = number
                self.counters[ilvl + 1:] = [0] * (2 - ilvl)
                text = _LINE_MARKERS[style].sub("", line, count=1)
                p = self.doc.add_paragraph(text)
                self.numbered(p, self.list_id, ilvl)
                return
        self.doc.add_paragraph(line.strip())

    def table(self, header, rows):
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
        num_id = self.new_num(91, start=int(rows[0][0]))
        for r, row in enumerate(rows, 1):
            cells = table.rows[r].cells
            self.numbered(cells[0].paragraphs[0], num_id, 0)  # 序号: automatic, the cell holds no text
            for cell, text in zip(cells[1:], row[1:]):
                cell.text = text

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def make_docx(text: str) -> bytes:
    doc, parts = blocks(text)
    punct = next((m.group(2) for kind, line, h in (p for p in parts if p[0] == "p") if h and h[0] == "arabic"
                  for m in [_LINE_MARKERS["arabic"].match(line)]), ".")
    b = DocxBuilder(punct)
    for part in parts:
        if part[0] == "table":
            b.table(part[1], part[2])
        else:
            b.paragraph(part[1], part[2])
    return b.save()


DOCX_DOCS = ["zhaoqing-2012-plan", "guowuyuan-2020-fengong", "gangcheng-2021-fangguanfu", "qinxian-2025-renwu",
             "huoshan-2025-kaifaqu", "nanling-2024-fenjie"]


@pytest.mark.parametrize("name", DOCX_DOCS)
def test_docx_with_automatic_numbering_parses_as_its_text(name, tmp_path):
    text = corpus(name)
    data = make_docx(text)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:numPr>" in xml  # the numbers are Word's, not text
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    got, want = zqdoc.parse(path), zqdoc.parse_text(text)
    assert got.source == str(path) and got.encoding is None
    assert_same(got, want)


def test_docx_numbers_are_rendered_from_numbering_definitions():
    data = make_docx(corpus("zhaoqing-2012-plan"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert ">总体要求<" in xml and "一、总体要求" not in xml
    doc = zqdoc.parse(data)
    assert doc.text.split("\n")[9:12] == ["一、总体要求", doc.text.split("\n")[10], "二、完成考核指标和重大项目建设任务"]
    assert [s.marker for s in doc.sections[2].children[0].children][:3] == ["1", "2", "3"]
    assert doc.sections[1].children[0].marker == "（一）"


TASK_TABLE = [  # a 任务分工表 of the most common layout, its tasks quoted from corpora/zhaoqing-2012-plan.txt
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "优先发展现代服务业。推进端州区生产性服务业基地、肇庆新港物流园区、肇庆高新区综合保税区等项目规划建设。",
     "市发展改革局", "市经济信息化局、市文广新局、市旅游发展局", "2012年12月底前"],
    ["2", "加大科研投入,推动自主创新,组织10家企业申请认定高新技术企业,培育1—2家省级工程研究开发中心。",
     "市科技局", "", "2012年底"],
    ["3", "推进城乡规划一体化。加快推进《广佛肇都市区一体化规划》的编制。", "市城乡规划局", "市住房城乡建设局、端州区政府",
     "长期坚持"],
]


def flattened(table):
    return "\n".join(f"{cell} |" if cell else "|" for row in table for cell in row)


def test_docx_task_table_gives_tasks_with_assignments_and_deadlines():
    title = "肇庆市实施《珠三角规划纲要》2012年重点任务分工表"
    text = f"{title}\n{flattened(TASK_TABLE)}\n"
    b = DocxBuilder()
    b.doc.add_paragraph(title)
    b.table(TASK_TABLE[0], TASK_TABLE[1:])
    got, want = zqdoc.parse(b.save()), zqdoc.parse_text(text)
    assert_same(got, want)
    rows = got.sections
    assert [s.marker for s in rows] == ["1", "2", "3"] and all(s.level == 1 for s in rows)
    assert rows[0].cells["牵头单位"] == "市发展改革局" and rows[0].title.startswith("优先发展现代服务业")
    assert [(a.agency, a.role.value) for a in rows[0].assignments] == [
        ("市发展改革局", "lead"), ("市经济信息化局", "participant"), ("市文广新局", "participant"), ("市旅游发展局", "participant")]
    assert [a.role.value for a in rows[2].assignments] == ["lead", "participant", "participant"]
    assert [s.deadline for s in rows] == ["2012年12月底前", "2012年底", "长期坚持"]
    assert [t.raw for t in rows[1].targets][:1] == ["组织10家企业申请认定高新技术企业"]


def test_docx_merged_cells_and_two_row_header():
    """责任单位 over 牵头单位 | 配合单位 (a two-row header), a 牵头单位 merged down over two tasks,
    and a group row across the table."""
    import docx

    d = docx.Document()
    t = d.add_table(rows=6, cols=5)
    values = [["序号", "重点任务", "责任单位", "", "完成时限"],
              ["", "", "牵头单位", "配合单位", ""],
              ["一、稳定经济增长", "", "", "", ""],
              ["1", "推进重大项目建设。", "市发展改革局", "市财政局", "6月底前"],
              ["2", "扩大有效投资。", "", "市统计局", "年底前"],
              ["3", "促进消费升级。", "市商务局", "", "年底前"]]
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            if v:
                t.cell(r, c).text = v
    for c in (0, 1, 4):
        t.cell(0, c).merge(t.cell(1, c))
    t.cell(0, 2).merge(t.cell(0, 3))
    t.cell(2, 0).merge(t.cell(2, 4))
    t.cell(3, 2).merge(t.cell(4, 2))
    out = io.BytesIO()
    d.save(out)
    doc = zqdoc.parse(out.getvalue())
    rows = [s for s in doc.walk() if s.cells is not None]
    assert [s.marker for s in rows] == ["1", "2", "3"]
    assert list(rows[0].cells) == ["重点任务", "牵头单位", "配合单位", "完成时限"]
    assert [(s.cells["牵头单位"], s.cells["配合单位"]) for s in rows] == [
        ("市发展改革局", "市财政局"), ("市发展改革局", "市统计局"), ("市商务局", "")]
    assert [(a.agency, a.role.value) for a in rows[1].assignments] == [("市发展改革局", "lead"), ("市统计局", "participant")]
    assert "一、稳定经济增长" in doc.text.split("\n")


@pytest.mark.parametrize("n,fmt,printed", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCounting", "二十"), (105, "chineseCountingThousand", "一百零五"), (3, "decimalEnclosedCircle", "③"),
    (2, "ideographTraditional", "乙"), (4, "decimalFullWidth", "４"), (3, "lowerRoman", "iii"), (28, "upperLetter", "BB"),
    (7, "decimal", "7"), (2012, "ideographDigital", "二〇一二"), (3, "chineseLegalSimplified", "叁"),
])
def test_number_formats(n, fmt, printed):
    assert format_number(n, fmt) == printed


# --------------------------------------------------------------------------------------------- PDF

def make_pdf(text: str, radicals: bool = True) -> bytes:
    from reportlab.lib.pagesizes import A6
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font, size, leading = "STSong-Light", 10.5, 16
    width, height = A6  # small pages: even a short notice runs over several
    left, right, top, bottom = 30, width - 30, height - 50, 50
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A6)
    page = [1]
    y = [top]

    def furniture():
        c.setFont(font, 9)
        c.drawCentredString(width / 2, height - 28, "政府公报 2012年第5期")
        c.drawCentredString(width / 2, 22, f"— {page[0]} —")
        c.setFont(font, size)

    def new_page():
        c.showPage()
        page[0] += 1
        y[0] = top
        furniture()

    furniture()
    for line in zqdoc.parse_text(text).text.split("\n"):
        para = line.strip()
        if not para:
            continue
        if radicals:
            para = para.replace("西", "⻄")  # as some PDF fonts map it
        indent = 2 * size
        while para:
            avail = right - left - indent
            n = 1
            while n < len(para) and pdfmetrics.stringWidth(para[:n + 1], font, size) <= avail:
                n += 1
            if y[0] < bottom:
                new_page()
            c.drawString(left + indent, y[0], para[:n])
            y[0] -= leading
            para, indent = para[n:], 0
    c.showPage()
    c.save()
    return out.getvalue()


PDF_DOCS = ["zhaoqing-2012-plan", "heilongjiang-2013-fengong", "jianli-2022-fenjie", "huoshan-2025-kaifaqu"]


@pytest.mark.parametrize("name", PDF_DOCS)
def test_pdf_with_chinese_text_parses_as_its_text(name, tmp_path):
    text = corpus(name)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make_pdf(text))
    got, want = zqdoc.parse(path), zqdoc.parse_text(text)
    assert "政府公报" not in got.text and not re.search(r"— \d+ —", got.text)
    assert "⻄" not in got.text
    assert_same(got, want)


def test_pdf_paragraphs_are_rejoined_and_pages_numbers_removed():
    text = corpus("zhaoqing-2012-plan")
    data = make_pdf(text)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 5
    doc = zqdoc.parse(data)
    assert doc.text == zqdoc.parse_text(text).text
    assert doc.meta.doc_number == "肇府办〔2012〕22号"


def test_pdf_without_text_names_ocr_or_says_it_found_none(tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    from zqdoc.formats import ocr

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.rect(50, 50, 400, 600, fill=1)  # a page that is a picture, no text
        c.showPage()
    c.save()
    if ocr.available():  # OCR reads the pages and finds nothing on a black box
        with pytest.raises(NoTextLayer, match="OCR found no text on its 2 pages") as e:
            zqdoc.parse(path)
        assert str(e.value).startswith(str(path))
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(NoTextLayer) as e:
        zqdoc.parse(path)
    assert str(e.value).startswith(str(path)) and "pip install 'zqdoc[ocr]'" in str(e.value)


def test_damaged_pdf_is_a_clear_error():
    data = make_pdf("一、总体要求\n全面推进各项工作。")
    with pytest.raises(DamagedFile, match="PDF"):
        zqdoc.parse(data[: len(data) // 3])


# -------------------------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta name="SiteName" content="肇庆市人民政府网站" />
<meta name="ArticleTitle" content="{title}" />
<title>{title}_肇庆市人民政府</title>
<link rel="stylesheet" href="/css/style.css" />
<style>.xxgk td {{ border: 1px solid #ccc; }} body:before {{ content: "一、样式"; }}</style>
<script type="text/javascript">var tip = "一、请使用IE8以上浏览器浏览本站（一）"; document.write("<p>市政府办公室负责</p>");</script>
</head>
<body>
<div class="header"><div class="logo"><h1>肇庆市人民政府门户网站</h1></div>
  <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/bsfw/">办事服务</a></li></ul></div></div>
<div class="main">
  <div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府文件</div>
  <table class="xxgk" cellspacing="0">
    <tr><th>索 引 号：</th><td>{index}</td><th>主题分类：</th><td>综合政务</td></tr>
    <tr><th>发布机构：</th><td>{publisher}</td><th>成文日期：</th><td>{signed}</td></tr>
    <tr><th>名　　称：</th><td colspan="3">{title}</td></tr>
    <tr><th>文　　号：</th><td>{number}</td><th>发布日期：</th><td>2012-04-20</td></tr>
    <tr><th>有 效 性：</th><td colspan="3">有效</td></tr>
  </table>
  <div class="article">
    <h1 class="article-title">{title}</h1>
    <div class="share bdsharebuttonbox">分享到：<a href="#">微信</a><a href="#">微博</a> 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
    <div id="zoom" class="TRS_Editor">
{body}
    </div>
    <div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
  </div>
  <div class="related"><h3>相关文章</h3><ul><li><a href="/a.html">肇庆市人民政府办公室关于做好2012年春运工作的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办：肇庆市人民政府办公室　承办：肇庆市政务服务数据管理局</p>
<p>网站标识码：4412000001　粤ICP备05012345号　粤公网安备 44120202000123号</p></div>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</body>
</html>
"""


def html_body(parts) -> str:
    out = []
    for part in parts:
        if part[0] == "table":
            _, header, rows = part
            cells = "".join(f"<td><p>{html.escape(h)}</p></td>" for h in header)
            out.append(f'<table border="1" cellpadding="2"><tbody>\n<tr>{cells}</tr>')
            for row in rows:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
        else:
            line = html.escape(part[1].strip())
            # Source line breaks inside a paragraph (as CMS editors write them) are not text.
            if len(line) > 40:
                line = line[:20] + "\n      " + line[20:]
            out.append(f'      <p style="text-indent:2em;">{line}</p>')
    return "\n".join(out)


def make_html(text: str, charset: str, **meta) -> bytes:
    doc, parts = blocks(text)
    fields = {"index": "007244452/2012-00123", "publisher": "肇庆市人民政府办公室", "signed": "2012-04-19",
              "number": doc.meta.doc_number or "", "title": doc.meta.title or doc.meta.plan_title or ""}
    fields.update(meta)
    page = PAGE.format(charset=charset, body=html_body(parts), **{k: html.escape(v) for k, v in fields.items()})
    return page.encode("gbk", errors="xmlcharrefreplace")


HTML_DOCS = ["zhaoqing-2012-plan", "guowuyuan-2020-fengong", "huoshan-2025-kaifaqu", "nanling-2024-fenjie"]


@pytest.mark.parametrize("name", HTML_DOCS)
@pytest.mark.parametrize("charset", ["gb2312", "GBK"])
def test_government_page_parses_as_its_text(name, charset, tmp_path):
    text = corpus(name)
    path = tmp_path / f"{name}.html"
    path.write_bytes(make_html(text, charset))
    got, want = zqdoc.parse(path), zqdoc.parse_text(text)
    assert got.encoding == "gb18030"
    for clutter in ("首页", "请使用IE8", "document.write", "当前位置", "分享到", "打印本页", "相关文章", "网站标识码", "ICP备",
                    "样式", "_hmt"):
        assert clutter not in got.text, clutter
    m = got.meta
    assert (m.index_number, m.publisher, m.topic) == ("007244452/2012-00123", "肇庆市人民政府办公室", "综合政务")
    assert m.published_date.isoformat() == "2012-04-20"
    assert_same(got, want, meta=tuple(f for f in META if f not in ("signed_date", "issuer")))
    assert m.signed_date.isoformat() == "2012-04-19"
    # the issuer the text prints, else the organ the page publishes it for
    assert m.issuer == (want.meta.issuer or "肇庆市人民政府办公室")


def test_page_metadata_lines_lead_the_text():
    doc = zqdoc.parse(make_html(corpus("zhaoqing-2012-plan"), "gb2312"))
    assert doc.text.split("\n")[:6] == ["索引号: 007244452/2012-00123", "主题分类: 综合政务", "发布机构: 肇庆市人民政府办公室",
                                        "成文日期: 2012-04-19", "文号: 肇府办〔2012〕22号", "发布日期: 2012-04-20"]
    assert doc.meta.doc_number == "肇府办〔2012〕22号"


def test_page_title_outside_the_article_is_kept():
    body = "<p>一、总体要求</p><p>全面推进各项工作。（市发展改革局牵头）</p><p>二、工作措施</p><p>加强督查。</p>"
    page = (f'<html><head><meta charset="gbk"><title>关于印发工作计划的通知_某市人民政府</title></head><body>'
            f'<div class="nav"><a>首页</a></div><h1>某市人民政府办公室关于印发2012年工作计划的通知</h1>'
            f'<div class="content">{body}</div><div class="footer">版权所有</div></body></html>')
    doc = zqdoc.parse(page.encode("gbk"))
    assert doc.meta.title == "某市人民政府办公室关于印发2012年工作计划的通知"
    assert [s.title for s in doc.sections] == ["总体要求", "工作措施"]
    assert [(a.agency, a.role.value) for a in doc.sections[0].assignments] == [("市发展改革局", "lead")]
    assert "版权所有" not in doc.text and "首页" not in doc.text


def test_page_without_charset_declaration_is_detected():
    page = "<html><body><div><p>一、总体要求</p><p>全面推进各项工作，确保完成年度目标任务。</p></div></body></html>"
    doc = zqdoc.parse(page.encode("gb18030"))
    assert doc.sections[0].title == "总体要求" and doc.encoding == "gb18030"


# ------------------------------------------------------------------------------ detection, refusals

def test_detection_by_content_and_by_name():
    html_bytes = b"<!DOCTYPE html><html><body><p>x</p></body></html>"
    assert detect(html_bytes, "notice.txt") == "html"
    assert detect(html_bytes, None) == "html"
    assert detect(b"<p>\xd2\xbb\xa1\xa2</p>", "page.shtml") == "html"
    assert detect("一、总体要求".encode(), "plan.txt") == "text"
    assert detect(b"junk\n%PDF-1.4\n", None) == "pdf"
    docx_bytes = make_docx("一、总体要求\n全面推进。")
    assert detect(docx_bytes, "misnamed.doc") == "docx"  # content wins over the name


def test_rtf_is_unsupported_with_the_way_to_convert(tmp_path):
    source = tmp_path / "notice.rtf"
    source.write_bytes(b"{\\rtf1\\ansi\\ansicpg936 hello}")
    with pytest.raises(UnsupportedFormat) as e:
        zqdoc.parse(source)
    msg = str(e.value)
    assert "RTF" in msg and "libreoffice --headless --convert-to docx" in msg and msg.startswith(str(source))
    assert isinstance(e.value, zqdoc.ZqdocError)


def test_doc_parses_as_its_text():
    # LibreOffice's Word 97 export of the seed's text: typed numbers, compressed and UTF-16 pieces
    got, want = zqdoc.parse(DATA / "zhaoqing-2012-plan.doc"), zqdoc.parse_text(corpus("zhaoqing-2012-plan"))
    assert got.text == want.text and not got.warnings
    assert_same(got, want)


def test_doc_automatic_numbering_is_rendered_from_its_list_table():
    # the DOCX of make_docx (Word numbering for 一、（一）1、) saved as .doc: the numbers live in
    # PlfLst/PlfLfo only, and the parse is the text's
    got, want = zqdoc.parse(DATA / "zhaoqing-2012-plan.numbered.doc"), zqdoc.parse_text(corpus("zhaoqing-2012-plan"))
    assert "（一）确保完成指标任务" in got.text
    assert_same(got, want)


def test_wps_in_words_binary_format_is_read_as_doc(tmp_path):
    path = tmp_path / "通知.wps"  # Kingsoft WPS saves .wps in Word's binary format
    path.write_bytes((DATA / "zhaoqing-2012-plan.doc").read_bytes())
    assert zqdoc.parse(path).text == zqdoc.parse_text(corpus("zhaoqing-2012-plan")).text


def test_broken_encrypted_and_foreign_ole_files_are_clear_errors(tmp_path):
    import olefile

    junk = tmp_path / "plan.doc"
    junk.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DamagedFile, match=r"plan\.doc: is an OLE file .* cannot be opened"):
        zqdoc.parse(junk)
    data = (DATA / "zhaoqing-2012-plan.doc").read_bytes()
    cut = tmp_path / "cut.doc"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedFile, match=r"cut\.doc: "):
        zqdoc.parse(cut)
    locked = tmp_path / "locked.doc"
    locked.write_bytes(data)
    with olefile.OleFileIO(str(locked), write_mode=True) as ole:  # set fEncrypted in the FIB
        word = bytearray(ole.openstream("WordDocument").read())
        word[0x0B] |= 0x01  # flags are a little-endian u16 at 0x0A: 0x0100 is fEncrypted
        ole.write_stream("WordDocument", bytes(word))
    with pytest.raises(DamagedFile, match="password-protected"):
        zqdoc.parse(locked)
    sheet = tmp_path / "book.xls"
    sheet.write_bytes(data)
    with olefile.OleFileIO(str(sheet), write_mode=True) as ole:  # not a Word document any more
        word = bytearray(ole.openstream("WordDocument").read())
        word[0:2] = b"\x00\x00"
        ole.write_stream("WordDocument", bytes(word))
    with pytest.raises(DamagedFile, match="not a Word document"):
        zqdoc.parse(sheet)


def test_task_table_gives_the_same_sections_and_assignments_in_every_format():
    """One 任务分工表 as DOCX, Word 97 .doc, a ruled PDF table over two pages and an HTML <table>
    whose 牵头单位 is merged down (rowspan) and whose deadline spans two columns (colspan)."""
    docx_doc = zqdoc.parse(DATA / "task-table.docx")
    title = "肇庆市实施《珠三角规划纲要》2012年重点任务分工表"
    pdf_doc = zqdoc.parse(make_pdf_table(title, TASK_TABLE))
    head = "".join(f"<th>{h}</th>" for h in TASK_TABLE[0])
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in TASK_TABLE[1:])
    page = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><p>{title}</p><table border=1>" \
           f"<tr>{head}</tr>{rows}</table></body></html>"
    html_doc = zqdoc.parse(page.encode("utf-8"))
    doc_doc = zqdoc.parse(DATA / "task-table.doc")
    for doc in (doc_doc, pdf_doc, html_doc):
        assert sections(doc) == sections(docx_doc)
        assert assignments(doc) == assignments(docx_doc)
        assert deadlines_and_leaders(doc) == deadlines_and_leaders(docx_doc)
    assert [s.marker for s in docx_doc.sections] == ["1", "2", "3"]
    merged = (f"<table border=1><tr>{head}</tr>"
              f"<tr><td>1</td><td>{TASK_TABLE[1][1]}</td><td rowspan=2>市发展改革局</td><td>市财政局</td><td>年底前</td></tr>"
              f"<tr><td>2</td><td>{TASK_TABLE[2][1]}</td><td>市统计局</td><td>年底前</td></tr></table>")
    got = zqdoc.parse(f"<html><body><p>{title}</p>{merged}</body></html>".encode("utf-8"))
    assert [[(a.agency, a.role.value) for a in s.assignments] for s in got.sections] == [
        [("市发展改革局", "lead"), ("市财政局", "participant")], [("市发展改革局", "lead"), ("市统计局", "participant")]]


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_other_zips_are_unsupported():
    with pytest.raises(UnsupportedFormat, match="XLSX"):
        zqdoc.parse(_zip({"xl/workbook.xml": "<x/>", "[Content_Types].xml": "<x/>"}))
    with pytest.raises(UnsupportedFormat, match="not a DOCX"):
        zqdoc.parse(_zip({"a.txt": "一、总体要求"}))



def test_ofd_of_the_seed_parses_as_its_text():
    # made by easyofd's pdf2ofd from make_pdf(seed): its own namespace, page numbers and a running
    # header on every page, radicals for some characters (⻄)
    got, want = zqdoc.parse(DATA / "zhaoqing-2012-plan.ofd"), zqdoc.parse_text(corpus("zhaoqing-2012-plan"))
    assert got.text == want.text
    assert_same(got, want)


def test_ofd_of_other_producers():
    # ofdrw's test files (Apache-2.0): the standard namespace, text inside a PageBlock; an invoice
    # whose text objects are placed by CTM
    assert zqdoc.parse(DATA / "ofdrw-helloworld_with_pageblock.ofd").text == "你好呀，OFD Reader&Writer！"
    invoice = zqdoc.parse(DATA / "ofdrw-invoice-999.ofd").text.split("\n")
    assert "2020年08月05日" in invoice and "财天下科技有限公司" in invoice
    assert "壹万零陆佰圆整 ¥10600.00" in invoice


def _ofd(content: str, page: str = "Pages/Page_0/Content.xml") -> bytes:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    return _zip({
        "OFD.xml": f'<ofd:OFD {ns} Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<ofd:Document {ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                              f'</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" '
                              f'BaseLoc="{page}"/></ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page {ns}><ofd:Content><ofd:Layer>{content}</ofd:Layer></ofd:Content></ofd:Page>',
    })


def test_ofd_glyphs_make_lines_and_paragraphs():
    def line(y: float, text: str, x: float = 28.0) -> str:
        return (f'<ofd:TextObject Boundary="{x} {y - 5} 160 7" Size="5.6"><ofd:TextCode X="0" Y="5" '
                f'DeltaX="g {len(text) - 1} 5.6">{text}</ofd:TextCode></ofd:TextObject>')
    body = "为加快推进各项工作任务落实，确保取得实效，现就有关事项通知如下各地各部门要"  # 28 characters a line
    lines = [line(40, "一、总体要求", 39.2), line(50, body[2:], 39.2)] + [line(60 + 10 * i, body) for i in range(4)]
    doc = zqdoc.parse(_ofd("".join(lines) + line(100, "认真落实。")))
    assert doc.text == "一、总体要求\n" + body[2:] + body * 4 + "认真落实。"


def test_damaged_ofd_is_a_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "notice.ofd"
    path.write_bytes(_zip({"OFD.xml": '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'}))
    with pytest.raises(DamagedFile, match=r"notice\.ofd: is an OFD whose OFD.xml names no document"):
        zqdoc.parse(path)
    members = {n: zipfile.ZipFile(io.BytesIO(_ofd(""))).read(n) for n in zipfile.ZipFile(io.BytesIO(_ofd(""))).namelist()}
    members["Doc_0/Document.xml"] = b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + members["Doc_0/Document.xml"]
    with pytest.raises(DamagedFile, match="DTD"):
        zqdoc.parse(_zip(members))
    data = _ofd('<ofd:TextObject Boundary="0 0 10 10" Size="3"><ofd:TextCode X="0" Y="3">' + "一" * 60000
                + "</ofd:TextCode></ofd:TextObject>")
    monkeypatch.setenv("ZQDOC_MAX_UNPACKED", str(64 * 1024))
    with pytest.raises(InputTooLarge, match="is an OFD that unpacks to"):
        zqdoc.parse(data)


def test_zip_bomb_is_refused(monkeypatch):
    doc = make_docx("一、总体要求\n全面推进。")
    z = zipfile.ZipFile(io.BytesIO(doc))
    members = {n: z.read(n) for n in z.namelist()}
    bomb = dict(members)
    bomb["word/media/image1.bin"] = bytes(150 * 1024 * 1024)  # 150 MB of zeros, 150 KB packed
    data = _zip(bomb)
    assert len(data) < 1024 * 1024
    with pytest.raises(InputTooLarge, match="unpacks to"):
        zqdoc.parse(data)
    monkeypatch.setenv("ZQDOC_MAX_UNPACKED", str(64 * 1024))
    big = dict(members)
    big["word/document.xml"] = members["word/document.xml"].replace(b"</w:body>", b"<w:p/>" * 20000 + b"</w:body>")
    with pytest.raises(InputTooLarge, match="ZQDOC_MAX_UNPACKED"):
        zqdoc.parse(_zip(big))


def test_zip_with_too_many_members_is_refused():
    members = {f"word/media/{i}.xml": b"" for i in range(5001)}
    members["word/document.xml"] = b"<w:document/>"
    with pytest.raises(InputTooLarge, match="ZIP archive of 5002 members, over the cap of 5000"):
        zqdoc.parse(_zip(members))


def test_docx_xml_with_entities_is_refused():
    doc = make_docx("一、总体要求\n全面推进。")
    z = zipfile.ZipFile(io.BytesIO(doc))
    members = {n: z.read(n) for n in z.namelist()}
    members["word/document.xml"] = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                    + members["word/document.xml"].split(b"?>", 1)[1].replace(b"<w:t>", b"<w:t>&x;", 1))
    with pytest.raises(DamagedFile, match="DTD"):
        zqdoc.parse(_zip(members))
    # a DTD after 8 KB of comments in the prolog is seen too: the parser says whether there was one
    members["word/document.xml"] = (b'<?xml version="1.0"?>' + b"<!--" + b" " * 9000 + b"-->"
                                    + b'<!DOCTYPE d [<!ENTITY x "y">]>' + members["word/document.xml"].split(b"]>", 1)[1])
    with pytest.raises(DamagedFile, match="DTD"):
        zqdoc.parse(_zip(members))


def test_size_limit_applies_to_every_format(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf("一、总体要求\n全面推进各项工作。"))
    with pytest.raises(InputTooLarge, match="plan.pdf"):
        zqdoc.parse(path, max_bytes=1000)


def test_cli_reads_a_docx(tmp_path):
    from typer.testing import CliRunner

    from zqdoc.cli import app

    path = tmp_path / "plan.docx"
    path.write_bytes(make_docx(corpus("guowuyuan-2020-fengong")))
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 0 and "落实2020年发展主要目标" in result.output
    bad = tmp_path / "plan.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = CliRunner().invoke(app, ["parse", str(bad)])
    assert result.exit_code == 2 and "plan.doc: is an OLE file" in result.output


def _package(document: str, numbering: str, styles: str) -> bytes:
    ns = f'xmlns:w="{W}"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return _zip({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Override PartName="/word/main.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="word/main.xml"/></Relationships>',
        "word/_rels/main.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                    f'<Relationship Id="r1" Type="{rel}/numbering" Target="lists.xml"/>'
                                    f'<Relationship Id="r2" Type="{rel}/styles" Target="/word/st.xml"/></Relationships>',
        "word/main.xml": f'<w:document {ns}><w:body>{document}</w:body></w:document>',
        "word/lists.xml": f'<w:numbering {ns}>{numbering}</w:numbering>',
        "word/st.xml": f'<w:styles {ns}>{styles}</w:styles>',
    })


def test_docx_numbering_through_heading_styles_and_restart_rules():
    """Headings numbered through their styles (the style holds numPr, the level holds pStyle), a
    level that never restarts (lvlRestart 0: 1. runs on across 一、 as in wuxi-2011), part names in
    another package layout, hidden and deleted text left out."""
    def lvl(i, fmt, text, extra=""):
        return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
                f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/></w:lvl>')

    numbering = ('<w:abstractNum w:abstractNumId="5">'
                 + lvl(0, "chineseCounting", "%1、", '<w:pStyle w:val="H1"/>')
                 + lvl(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/><w:pStyle w:val="H2"/>')
                 + '</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>')
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="H2x"><w:basedOn w:val="H2"/><w:pPr><w:numPr><w:ilvl w:val="1"/>'
              '<w:numId w:val="3"/></w:numPr></w:pPr></w:style>')

    def p(text, style=None):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f'<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>'

    body = (p("某市2011年工作任务分解") + p("工业经济", "H1") + p("加快工业转型升级。", "H2x") + p("推进技术改造。", "H2x")
            + p("城乡建设", "H1") + p("推进新城建设。", "H2")
            + '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的文字</w:t></w:r><w:del><w:r><w:delText>删去的文字</w:delText></w:r></w:del>'
              '<w:ins><w:r><w:t>（市发展改革委负责）</w:t></w:r></w:ins></w:p>')
    doc = zqdoc.parse(_package(body, numbering, styles))
    assert doc.text.split("\n") == ["某市2011年工作任务分解", "一、工业经济", "1.加快工业转型升级。", "2.推进技术改造。",
                                    "二、城乡建设", "3.推进新城建设。", "（市发展改革委负责）"]
    assert [(s.path, s.marker) for s in doc.walk()] == [("1", "一"), ("1.1", "1"), ("1.2", "2"), ("2", "二"), ("2.1", "3")]


def test_page_laid_out_in_tables_with_a_task_table_inside():
    """An older page: layout tables, metadata as a list with letter-spaced keys, the article in a
    cell with <br> lines, a 任务分工表 in it with a 牵头单位 merged over two rows (rowspan), UTF-8."""
    rows = "".join(f"<tr><td>{n}</td><td>{task}</td>{lead}<td>{deadline}</td></tr>" for n, task, lead, deadline in [
        (1, "推进重大项目建设。", '<td rowspan="2">市发展改革局</td>', "6月底前"),
        (2, "扩大有效投资。", "", "年底前"),
        (3, "促进消费升级。", "<td>市商务局</td>", "年底前")])
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><table width="1000"><tr><td>
 <table><tr><td class="menu"><a href="#">首页</a> | <a href="#">政务公开</a> | <a href="#">新闻中心</a></td><td><img src="logo.gif"></td></tr></table>
 <table><tr><td width="200"><a href="#">通知公告</a><br><a href="#">政策解读</a></td><td>
   <div class="xxgk_info"><ul><li><b>索 引 号：</b>11441200/2020-001</li><li><b>发布机构：</b>某某市人民政府办公室</li>
   <li><b>发布日期：</b>2020-01-02</li><li><b>文　　号：</b>某府办〔2020〕3号</li></ul></div>
   <div class="bt">某某市人民政府办公室关于印发2020年重点任务分工的通知</div>
   <div class="TRS_Editor">各县（市、区）人民政府：<br>　　现将2020年重点任务分工印发给你们，请认真抓好落实。<br>
   <table border="1"><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>完成时限</td></tr>{rows}</table>
   <p style="text-align:right">某某市人民政府办公室</p><p style="text-align:right">2020年1月2日</p></div>
   <div>【<a href="javascript:print()">打印</a>】 【<a href="javascript:close()">关闭</a>】</div>
 </td></tr></table>
 <table><tr><td class="bottom">版权所有：某某市人民政府 技术支持：某某公司</td></tr></table>
</td></tr></table></body></html>"""
    doc = zqdoc.parse(page.encode("utf-8"))
    assert doc.encoding == "utf-8"
    m = doc.meta
    assert (m.index_number, m.publisher, m.doc_number, str(m.published_date)) == (
        "11441200/2020-001", "某某市人民政府办公室", "某府办〔2020〕3号", "2020-01-02")
    assert m.title == "某某市人民政府办公室关于印发2020年重点任务分工的通知" and str(m.signed_date) == "2020-01-02"
    assert [(s.marker, s.title, s.cells["牵头单位"], s.deadline) for s in doc.sections] == [
        ("1", "推进重大项目建设", "市发展改革局", "6月底前"), ("2", "扩大有效投资", "市发展改革局", "年底前"),
        ("3", "促进消费升级", "市商务局", "年底前")]
    assert [[(a.agency, a.role.value) for a in s.assignments] for s in doc.sections] == [
        [("市发展改革局", "lead")], [("市发展改革局", "lead")], [("市商务局", "lead")]]
    for clutter in ("首页", "通知公告", "打印", "版权所有"):
        assert clutter not in doc.text


def make_pdf_table(title: str, table: list[list[str]]) -> bytes:
    """A ruled table (reportlab platypus) over several pages, its header repeated on each."""
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontSize=9, leading=12)
    out = io.BytesIO()

    def furniture(c, d):
        c.setFont("STSong-Light", 7)
        c.drawCentredString(A6[0] / 2, 14, f"— {d.page} —")

    doc = SimpleDocTemplate(out, pagesize=A6, leftMargin=15, rightMargin=15, topMargin=20, bottomMargin=30)
    data = [[Paragraph(html.escape(c), cell) for c in row] for row in table]
    t = Table(data, colWidths=[22, 110, 50, 58, 40], repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc.build([Paragraph(title, head), t], onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def test_pdf_ruled_task_table_over_pages_gives_one_section_per_row():
    rows = [[str(n)] + TASK_TABLE[1 + (n - 1) % 3][1:] for n in range(1, 10)]
    table = [TASK_TABLE[0]] + rows
    title = "肇庆市实施《珠三角规划纲要》2012年重点任务分工表"
    data = make_pdf_table(title, table)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
    got, want = zqdoc.parse(data), zqdoc.parse_text(f"{title}\n{flattened(table)}\n")
    assert_same(got, want)
    assert [s.marker for s in got.sections] == [str(n) for n in range(1, 10)]
    assert [a.role.value for a in got.sections[3].assignments] == ["lead", "participant", "participant", "participant"]
    assert got.sections[4].deadline == "2012年底"


def test_compatibility_and_radical_characters_are_normalised_and_nothing_else():
    from zqdoc.formats.pdf import normalize_compat

    assert normalize_compat("⻄部⾦融\uf900\U0002f800（一）１〔2012〕") == "西部金融豈丽（一）１〔2012〕"


def test_page_declaring_a_western_charset_is_read_as_chinese():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>一、总体要求</p><p>全面推进各项工作。</p></body></html>'
    doc = zqdoc.parse(page.encode("gbk"))
    assert doc.sections[0].title == "总体要求" and doc.encoding == "gb18030"


def test_metadata_in_two_blocks_around_the_article():
    """Metadata above the article and a 发布日期/有效性 bar below it: both read, and the article,
    which lies between them, is kept."""
    page = """<html><head><meta charset="gb2312"></head><body><div class="wrap">
<table><tr><td>索引号：</td><td>11441200/2020-001</td><td>发布机构：</td><td>某某市人民政府办公室</td></tr></table>
<div class="art"><p>某某市人民政府办公室关于印发2020年工作要点的通知</p><p>各县（市、区）人民政府：</p>
<p>一、加强组织领导。各地要高度重视，确保发布日期前完成。（市农业局牵头）</p><p>二、强化技术指导。（市科技局负责）</p></div>
<div class="foot-info"><span>发布日期：2020-01-05</span> <span>有效性：有效</span></div></div></body></html>"""
    doc = zqdoc.parse(page.encode("gbk"))
    assert doc.text.split("\n")[:4] == ["索引号: 11441200/2020-001", "发布机构: 某某市人民政府办公室", "发布日期: 2020-01-05", "有效性: 有效"]
    assert [s.title for s in doc.sections] == ["加强组织领导", "强化技术指导"]
    assert doc.meta.title == "某某市人民政府办公室关于印发2020年工作要点的通知"

"""HTML: the article of a government web page, with its 政府信息公开 metadata.

* Character set: a BOM, else the page's own declaration (`<meta charset>`, `http-equiv`
  Content-Type, an XML declaration) looked for in its first bytes as browsers do; GB2312 and GBK
  are read as GB18030, their superset, since pages declared GB2312 routinely hold GBK characters.
  Without a declaration the bytes are detected like a text file's.
* Parsing: lxml's HTML parser (no network, no entities fetched).
* Clutter: scripts, styles, forms, navigation, headers, footers, sidebars, share and print bars
  (by tag and by the usual class/id words) are removed, then the article is the smallest block
  that holds most of the page's text outside links.
* Metadata: the table (or list) holding 索引号 / 发布机构 / 文号 / 成文日期 / 发布日期 / 主题分类
  / 有效性 … is printed as `key: value` lines at the top of the text, which zqdoc/parser/meta.py
  reads; the page title (名称 of that table, else the ArticleTitle meta tag, else the <h1>) is put
  above the article when the article does not print it.
* Text: block elements and <br> end lines, white space collapses as a browser shows it (a line
  break between two Chinese characters disappears), data tables become the `cell |` lines of
  `tables`; a layout table is read as blocks.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

import lxml.html
from lxml import etree

from . import Extracted
from .tables import ACROSS, DOWN, OWN, GridCell, flatten, has_header, is_data_table

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "svg",
              "canvas", "select", "option", "button", "input", "textarea", "head", "link", "meta", "map", "audio",
              "video")
# Dropped unless they hold most of the page (ASP.NET pages put everything in one <form>).
_CLUTTER_TAGS = {"nav", "header", "footer", "aside", "form", "dialog", "menu"}
# Words of the class and id of page clutter, matched as whole words of the attribute.
_CLUTTER = re.compile(
    r"(?:^|[\s_\-])(nav|navbar|navigation|menu|menus|topmenu|footer|foot|bottom|header|top|topbar|banner|"
    r"breadcrumbs?|crumbs?|location|position|dqwz|sidebar|side|aside|share|bdsharebuttonbox|print|font|fontsize|"
    r"toolbar|tools|search|login|copyright|links|friendlink|related|xgxx|comment|comments|qrcode|ewm|advert|ads?|gotop|"
    r"skip|accessibility|wza)(?:$|[\s_\-])", re.IGNORECASE)
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
          "dd", "blockquote", "pre", "center", "table", "tr", "address", "figure", "figcaption", "hr", "caption",
          "tbody", "thead", "tfoot", "td", "th", "body", "html"}
_CONTAINER = {"div", "section", "article", "main", "td", "th", "body", "center", "tbody", "tr", "table", "font", "span",
              "dd", "blockquote"}
# Keys of the 政府信息公开 metadata table; the first column is the key printed in the text.
_META_KEYS = ["索引号", "发布机构", "发布部门", "发文机关", "发文字号", "发布文号", "文件编号", "文号", "成文日期", "发文日期",
              "发布日期", "发布时间", "实施日期", "生效日期", "废止日期", "主题分类", "组配分类", "体裁分类", "有效性", "时效性",
              "公开方式", "名称", "标题"]
_META_RE = re.compile(
    r"[【\[]?\s*(" + "|".join(r"\s*".join(k) for k in sorted(_META_KEYS, key=len, reverse=True)) + r")\s*[】\]]?\s*[:：]?")
_TITLE_KEYS = ("名称", "标题")
_JUNK_LINE = re.compile(r"^[\s【】\[\]|｜/:：]*((打印(本页)?|关闭(窗口|本页)?|字体|字号|[大中小]|分享(到)?|收藏|返回顶部|默认|"
                        r"扫一扫.*|【?我要纠错】?)[\s【】\[\]|｜/:：]*)+$")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312",
       "chinese", "iso-ir-58", "gb18030"}
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’—…·]")


def read_html(data: bytes, name: str | None) -> Extracted:
    text, encoding, warnings = _decode(data, name or "<bytes>")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a str that declares its encoding
    # huge_tree: libxml2 otherwise stops at 256 levels of nesting (a page of unclosed <div>s)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml.html.document_fromstring(f"<html><body><pre>{_escape(text)}</pre></body></html>", parser=parser)
    plain = _PlainText.lines(text)
    in_page = sum(map(_cjk, plain))
    if in_page and _cjk(root.text_content()) < _KEPT_AT_LEAST * in_page:
        # the tree lost text (nesting deeper than libxml2 allows, markup it could not repair)
        warnings.append(f"the page's markup could not be read whole; its text is read without the markup "
                        f"({in_page} Chinese characters)")
        return Extracted(text="\n".join(plain), format="html", encoding=encoding, warnings=warnings)
    meta_tags = {(m.get("name") or "").lower(): (m.get("content") or "").strip() for m in root.iter("meta")}
    page_title = (root.findtext(".//title") or "").strip()
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    pairs, title = _metadata(root)  # before the clutter goes: the table may sit in a "top" block
    _drop_clutter(root)
    title = title or meta_tags.get("articletitle") or _heading(root) or _from_page_title(page_title) or ""
    body = root.find("body") if root.find("body") is not None else root
    article, kept, total = _article(body)
    if total - kept > max(_CHROME_CHARS, (1 - _KEPT_AT_LEAST) * total):
        warnings.append(f"{total - kept} of {total} Chinese characters outside links were left out as the page's "
                        "navigation and chrome")
    lines = [ln for ln in _Renderer().lines(article) if not _JUNK_LINE.match(ln)]
    if not lines and page_title:
        lines = [page_title]
    head = [f"{k}: {v}" for k, v in pairs]
    if title and not _printed_near_top(title, lines):
        head.append(title)
    return Extracted(text="\n".join(head + lines), format="html", encoding=encoding, warnings=warnings)


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------------------- decoding

def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _XML_DECL.match(head) or _CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").strip().lower()
    if label in _GB:
        return "gb18030"
    if label in ("big5", "big5-hkscs", "x-x-big5", "cn-big5"):
        return "big5hkscs"
    if label in ("utf8", "unicode-1-1-utf-8"):
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    from ..load import decode  # text detection for pages that declare nothing (imported late: load imports us)

    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace").lstrip("\ufeff"), enc, []
    declared = _declared_charset(data)
    if declared and not declared.startswith(("utf", "gb", "big5", "euc", "shift_jis", "iso2022")) and max(data, default=0) > 0x7F:
        declared = None  # a Western charset declared on a page of Chinese (old servers do): detect instead
    if declared and declared.startswith(("utf-16", "utf-32")) and b"\x00" not in data[:4096]:
        declared_wrong = declared  # markup in UTF-16 has a NUL in every ASCII character: this is not UTF-16
        text, enc = decode(data, name)
        return text, enc, [f"the page declares {declared_wrong} but is {enc.replace('+replace', '')}"]
    if declared:
        text = data.decode(declared, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(2, len(text) // 2000):
            warnings = [f"{bad} undecodable bytes of the page were replaced with U+FFFD (read as {declared})"] if bad else []
            return text, declared, warnings
        # The declaration is wrong (it happens): detect instead, as for a text file.
        text, enc = decode(data, name)
        return text, enc, [f"the page declares {declared} but is {enc.replace('+replace', '')}"]
    text, enc = decode(data, name)
    return text, enc, []


# -------------------------------------------------------------------------------------- clutter

def _cjk(s: str | None) -> int:
    return sum(1 for c in s if "\u3400" <= c <= "\u9fff") if s else 0


class _Weights:
    """Chinese characters outside links, per element (memoised)."""

    def __init__(self):
        self.memo: dict = {}

    def __call__(self, el) -> int:
        got = self.memo.get(el)
        if got is None:
            got = 0 if el.tag == "a" else _cjk(el.text)
            for child in el:
                if isinstance(child.tag, str):
                    got += self(child)
                got += _cjk(child.tail)
            self.memo[el] = got
        return got


def _drop_clutter(root) -> None:
    body = root.find("body")
    if body is None:
        return
    weight = _Weights()
    total = weight(body)
    doomed = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el is body:
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        hidden = "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None
        words = f"{el.get('class') or ''} {el.get('id') or ''}"
        if (hidden or el.tag in _CLUTTER_TAGS or _CLUTTER.search(words)) and weight(el) <= 0.5 * total:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)


def _drop(el) -> None:
    """Remove `el` and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# ------------------------------------------------------------------------------------- metadata

def _metadata(root) -> tuple[list[tuple[str, str]], str | None]:
    """The `key: value` pairs of the page's metadata blocks (which are then removed) and its 名称.

    A block is a table, list or div holding two or more keys, each followed by a short value (so
    never a block around the article); the blocks holding the most keys are taken, as many as do
    not overlap, and read in page order."""
    body = root.find("body")
    if body is None:
        return [], None
    candidates = []
    for order, el in enumerate(body.iter("table", "div", "ul", "dl", "ol", "section", "p")):
        flat = _flat(el)
        if len(flat) > 3000:
            continue
        found = _pairs(flat)
        keys = {k for k, _ in found} - set(_TITLE_KEYS)
        if len(keys) >= 2 and all(len(v) <= (150 if k in _TITLE_KEYS else 80) for k, v in found):
            candidates.append((-len(keys), len(flat), order, el, found))
    chosen = []
    for cand in sorted(candidates, key=lambda c: c[:3]):
        if not any(_overlap(cand[3], other[3]) for other in chosen):
            chosen.append(cand)
    pairs: list[tuple[str, str]] = []
    title = None
    for *_, el, found in sorted(chosen, key=lambda c: c[2]):
        for key, value in found:
            if not value or any(k == key for k, _ in pairs):
                continue
            if key in _TITLE_KEYS:
                title = title or value
            else:
                pairs.append((key, value))
        _drop(el)
    return pairs, title


def _pairs(joined: str) -> list[tuple[str, str]]:
    """(key, value) of the metadata keys in a block's text (text nodes joined by \\x01)."""
    joined = re.sub(r"\s+", " ", joined)  # keys and values read runs as one space; long runs make _META_RE quadratic
    found = [m for m in _META_RE.finditer(joined) if _starts_token(joined, m.start())]
    out = []
    for m, nxt in zip(found, found[1:] + [None]):
        value = joined[m.end(): nxt.start() if nxt else len(joined)]
        out.append((re.sub(r"\s", "", m.group(1)), re.sub(r"\s+", " ", value.replace("\x01", " ")).strip(" :：|｜")))
    return out


def _overlap(a, b) -> bool:
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _starts_token(joined: str, pos: int) -> bool:
    """A key counts at the start of a text token or after white space, not inside a sentence."""
    return pos == 0 or joined[pos - 1] in "\x01 \u3000\xa0\t\n|｜"


def _flat(el) -> str:
    return "\x01".join(t.strip() for t in el.itertext() if t.strip())


def _heading(root) -> str | None:
    for tag in ("h1", "h2"):
        for h in root.iter(tag):
            text = re.sub(r"\s+", " ", h.text_content()).strip()
            if _cjk(text) >= 4:
                return text
    return None


def _from_page_title(title: str) -> str | None:
    """The article's title in a <title> such as `关于…的通知_肇庆市人民政府`."""
    parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+-\s+|\s+—\s+", title) if p.strip()]
    return parts[0] if parts and _cjk(parts[0]) >= 6 else None


def _printed_near_top(title: str, lines: list[str]) -> bool:
    squeezed = re.sub(r"\s", "", title)
    top = re.sub(r"\s", "", "".join(lines[:12]))
    return not squeezed or squeezed in top


# -------------------------------------------------------------------------------------- article

_KEPT_AT_LEAST = 0.85  # share of a page's text the article must keep
_CHROME_CHARS = 150  # Chinese characters of navigation a page may lose without a warning
_OWN_TEXT = 10  # Chinese characters directly in a container that make it part of the article


def _article(body) -> tuple:
    """(element, its weight, the body's weight): the smallest container holding most (85%) of the
    body's text outside links, descending from <body>; never into a data table or a paragraph.
    The share is of the whole body, not of the container above, and a container that holds text of
    its own (not in a child) is not left, so a page of unclosed <div>s (each paragraph nested in the
    one before) keeps its first paragraphs."""
    weight = _Weights()
    total = weight(body)
    node = body
    while total:
        kids = [c for c in node if isinstance(c.tag, str) and c.tag in _CONTAINER and not _is_data_table_el(c)]
        best = max(kids, key=weight, default=None)
        own = _cjk(node.text) + sum(_cjk(c.tail) for c in node)
        if best is None or weight(best) < _KEPT_AT_LEAST * total or own >= _OWN_TEXT:
            break
        node = best
    return node, weight(node), total


class _PlainText(HTMLParser):
    """The text of markup by the standard library's tokenizer (linear, no nesting limit): what a
    page holds, to check the tree against and to fall back on. Block tags end lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skip += 1
        elif tag in _BLOCK or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    @classmethod
    def lines(cls, markup: str) -> list[str]:
        p = cls()
        try:
            p.feed(markup)
            p.close()
        except (AssertionError, ValueError):  # markup the tokenizer gives up on: what it read so far
            pass
        return [ln.strip() for ln in "".join(p.parts).split("\n") if ln.strip()]


_SKIPPED = {"script", "style", "noscript", "template", "title", "head", "svg", "textarea", "select", "option"}


def _is_data_table_el(el) -> bool:
    return el.tag == "table" and _is_data(el, _grid(el, None))


def _is_data(table, grid) -> bool:
    """A table of rows and columns with a header row, holding no table: not a page layout."""
    return is_data_table(grid) and has_header(grid) and table.find(".//table") is None


def _rows(table) -> list:
    out = []
    for tr in table.iter("tr"):
        owner = tr.getparent()
        while owner is not None and owner.tag != "table":
            owner = owner.getparent()
        if owner is table:
            out.append(tr)
    return out


def _grid(table, renderer: "_Renderer | None") -> list[list[GridCell]]:
    grid: list[list[GridCell]] = []
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered) of rowspan cells
    for tr in _rows(table):
        row: list[GridCell] = []

        def fill_down():
            while len(row) in pending:
                col = len(row)
                text, left = pending[col]
                row.append(GridCell(text, DOWN))
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (text, left - 1)

        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            fill_down()
            text = "\n".join(renderer.lines(td)) if renderer else re.sub(r"\s+", " ", td.text_content()).strip()
            col = len(row)
            span = _span(td.get("colspan"))
            down = _span(td.get("rowspan"))
            row.append(GridCell(text, OWN))
            row.extend(GridCell("", ACROSS) for _ in range(span - 1))
            if down > 1:
                pending[col] = (text, down - 1)
        fill_down()
        grid.append(row)
    return grid


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


class _Renderer:
    """Lines of an element as a browser shows them: blocks and <br> end lines."""

    def lines(self, el) -> list[str]:
        parts: list[str] = []
        self._walk(el, parts, pre=False)
        out = []
        for raw in _resolve_breaks("".join(parts)).split("\n"):
            line = raw.strip(" \t\r\f\v\u3000\xa0")
            if line:
                out.append(raw.strip(" \t\r\f\v"))
        return out

    def _text(self, s: str | None, parts: list[str], pre: bool) -> None:
        if not s:
            return
        if pre:
            parts.append(s)
            return
        parts.append(_collapse(s))

    def _walk(self, el, parts: list[str], pre: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag == "table":
            grid = _grid(el, self)
            parts.append("\n")
            if _is_data(el, grid):
                parts.append("\n".join(flatten(grid)))
            else:
                parts.append("\n".join(c.text for row in grid for c in row if c.kind == OWN and c.text))
            parts.append("\n")
        elif tag:
            block = tag in _BLOCK
            if block:
                parts.append("\n")
            self._text(el.text, parts, pre or tag == "pre")
            for child in el:
                self._walk(child, parts, pre or tag == "pre")
            if block:
                parts.append("\n")
        self._text(el.tail, parts, pre)


_SOFT = "\x00"  # a white-space run holding a source line break, resolved once the line is whole


def _collapse(s: str) -> str:
    """HTML white space: each run becomes one space, or `_SOFT` when it holds a line break.
    Non-breaking and ideographic spaces stay."""
    return re.sub(r"[ \t\r\n\f]+", lambda m: _SOFT if "\n" in m.group(0) or "\r" in m.group(0) else " ", s)


def _resolve_breaks(s: str) -> str:
    """Runs of spaces and soft breaks (also across tags) become one space, or nothing when they are
    only soft breaks between two wide (Chinese) characters, as browsers show Chinese text."""
    def sub(m: re.Match) -> str:
        run = m.group(0)
        if " " not in run:
            before = s[m.start() - 1] if m.start() else ""
            after = s[m.end()] if m.end() < len(s) else ""
            if not before or not after or before == "\n" or after == "\n" or (_WIDE.match(before) and _WIDE.match(after)):
                return ""
        return " "
    return re.sub(f"[ {_SOFT}]+", sub, s)

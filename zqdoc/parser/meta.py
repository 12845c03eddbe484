"""Metadata by the elements of GB/T 9704-2012, plus the metadata lines of government web pages.

`read_meta` returns the `DocumentMeta` and the indices of the lines it used; those lines are not
section text (the section builder skips them and ends a section's text at them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import DocumentMeta
from ..normalize import fold
from .lines import Line
from .markers import ATTACHMENT_HEADING, match_marker
from .numerals import DATE_RE, date_from_match, parse_date
from .tables import table_starts

# 文种 of GB/T 9704 / 党政机关公文处理工作条例: a notice title ends with one of them.
_DOC_TYPES = ("通知", "通报", "意见", "决定", "公告", "通告", "报告", "请示", "批复", "函", "纪要", "命令", "决议", "议案", "令")
# Endings of an organisation's name (signature lines, issuer taken from a title).
_ORG_END = re.compile(r"(人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|国务院|局|厅|委|部|院|署|办|中心|公司)$")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[ ]*[\[(][ ]*(?:19|20)\d{2}[ ]*[\])][ ]*第?[ ]*\d{1,5}[ ]*号"
)
_DATE_LINE = re.compile(rf"^\(?(?:{DATE_RE.pattern})\)?[^\u4e00-\u9fff]*$")
# Under a regulation's title, the dates it was adopted, approved or amended, each on its line:
# (2016年7月22日 北京市第十四届人民代表大会常务委员会第二十八次会议通过) — the first is its date.
_ADOPTING_BODY = re.compile(r"(?:经)?(?P<body>[\u4e00-\u9fff]{2,40}?(?:人民代表大会常务委员会|人民代表大会|人民政府))"
                            r"第[一二三四五六七八九十百零〇\d]+次")
_ADOPTION_LINE = re.compile(rf"^\(?(?P<date>{DATE_RE.pattern})[^。]{{0,120}}?(?:通过|批准|修正|修订|修改|公布|发布|施行)\)?$")
# A government's rules (规章) are numbered as its decrees: …石家庄人民政府令第184号发布…
_DECREE = re.compile(r"(?P<org>(?![年月日])[\u4e00-\u9fff]{2,20}?(?:人民政府|政府))令[ ]*第[ ]*[\d一二三四五六七八九十百零〇]+[ ]*号")
# …with the date (and a copy's collapsed (此件公开发布)) on the signature's line
_SIGNED_LINE = re.compile(rf"^(?P<org>[^ ,、。:;]{{2,30}}?)[ ]+(?P<date>{DATE_RE.pattern})(?:[ ]*\((?P<note>此件[^()]{{0,20}})\))?$")
_NOTE = re.compile(r"^\((此件[^()]{0,30}|[^()]{0,40}(联系人|联系电话|电话)[^()]{0,60})\)$")
_WEB_KEYS = ("索引号", "发布机构", "发布部门", "发文机关", "发文字号", "发布文号", "发文文号", "文件编号", "文号", "统一编号", "成文日期",
             "发文日期", "发布日期", "发布时间", "公开日期", "公开时间", "生成日期", "实施日期", "主题分类", "组配分类", "体裁分类",
             "分类", "服务对象", "有效性", "公开方式",
             "时效性", "效力级别", "法规类别", "关键词", "信息来源", "访问次数", "浏览次数", "生效日期", "废止日期", "字体", "分享",
             "发文机构", "联合发文单位", "文件来源", "标题", "名称", "文件名称", "信息名称", "颁布单位", "发布单位", "制定机关", "来源", "主题词",
             "公开目录", "公文种类", "文种", "信息分类", "所属主题")
# A key of a government page's metadata table; pages letter-space them (索 引 号), wrap them (【发文字号】)
# and list them (- 发文字号:…).
_WEB_KEY_RE = re.compile(
    r"(?:^(?:\d{1,2}[.、][ ]*+|[-*·•][ ]++)?|(?<=[ |])(?<![ ][ ])[ ]*+)\[?[ ]*(" + "|".join("[ ]*".join(k) for k in sorted(_WEB_KEYS, key=len, reverse=True))
    + r")[ ]*\]?[ ]*([:|])?"
)  # a space run is read from its start and whole (*+): trying it space by space is quadratic
_FOOTER = re.compile(r"^(抄送|抄报|主送|公开方式|主题词|关键词|印发)[ ]*:")
_PRINTED = re.compile(rf"^(?P<org>.*?)(?<![ ])[ ]*(?P<date>{DATE_RE.pattern})[ ]*印发$")  # (?<! ): see _WEB_KEY_RE
_SALUTATION_WORDS = re.compile(r"(政府|部门|单位|管委会|委员会|局|委|办|厅|各|街道|乡|镇|机构)")
_SENTENCE_PUNCT = re.compile(r"[。:;!?]")
# Page furniture printed around a title: 打印, 【关闭窗口】, 字号: 大 中 小, 分享到 (on squeezed lines).
_CHROME_LINE = re.compile(r"(?:\[?(?:打印(?:本页)?|关闭(?:窗口)?|收藏|分享(?:到)?|字号|字体|返回(?:顶部)?|大|中|小|默认|纠错|下载)\]?[:]?)+")


@dataclass
class MetaResult:
    meta: DocumentMeta
    used: set[int] = field(default_factory=set)  # line indices that are metadata, not body text
    row_issuer: str | None = None  # the issuer a site's metadata row gives (发文机构: 市政府办公室(市数据局))


def split_list(s: str, seps: str = ",;") -> list[str]:
    """Split a printed list at top-level separators (never inside brackets). `seps` are folded
    characters: "," also splits at "，"."""
    parts, depth, cur = [], 0, []
    for c, f in zip(s, fold(s)):
        if f in "([":
            depth += 1
        elif f in ")]" and depth:
            depth -= 1
        if depth == 0 and f in seps:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return [p.strip(" \u3000。.") for p in parts if p.strip(" \u3000。.")]


def _after_label(line: Line) -> str:
    """The printed text after a label such as 抄 送: (label may be letter-spaced)."""
    i = line.folded.find(":")
    return line.raw[i + 1:].strip() if i >= 0 else ""


_SECTION_OPENING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[ ]*[、.]|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}(?:章|条|部分))")


def first_heading_line(lines: list[Line]) -> int:
    """Index of the first line that opens a section (一、 第一条 or a 序号 table header; in an excerpt
    that opens mid-list, 三、 or (二) too): the header of a notice lies above it."""
    for ln in lines:
        f = ln.folded
        if _SECTION_OPENING.match(f) or table_starts(lines, ln.index):
            return ln.index
    return len(lines)


def read_meta(lines: list[Line]) -> MetaResult:
    res = MetaResult(DocumentMeta())
    meta = res.meta
    head_end = first_heading_line(lines)
    _read_web_meta(lines, res)
    _read_header_marks(lines[:head_end], res)
    _read_doc_number(lines[:head_end], res)
    title_lines = _read_title(lines[:head_end], res)
    if title_lines:
        title_lines = _own_printing(lines[:head_end], res, title_lines)
    _read_recipients(lines[:head_end], res)
    sig_end = _read_signature(lines, res)
    _read_notes_and_attachments(lines, res)
    _read_footer(lines, res)
    if meta.title is None and not title_lines:
        meta.title = _reported_title(lines[:head_end])
    # the title's issuer, when nothing printed signs: a site's row names the office as the site files it
    # (市政府办公室(市数据局)), the title as the document prints it (铜川市人民政府办公室关于…)
    if (meta.issuer is None or meta.issuer == res.row_issuer) and meta.title:
        m = re.match(r"^(.{2,30}?)[ \u3000]*(?:关于|印发|转发|批转)", meta.title)  # 某省人民政府印发关于…的通知
        if m and _ORG_END.search(m.group(1)):
            meta.issuer = m.group(1)
    if meta.issuer is None and meta.issuer_mark:
        meta.issuer = meta.issuer_mark[: -len("文件")]
    if meta.issuer is None and meta.publisher and _ORG_END.search(meta.publisher):
        meta.issuer = meta.publisher  # nothing printed names it: the organ the site publishes it for
    _read_plan_title(lines, res, start=max(sig_end, (title_lines[-1] + 1) if title_lines else 0))
    if meta.signed_date is None:
        _read_adoption(lines[:head_end], res)
    if meta.title is None:  # no notice: the document's own title is its title
        meta.title = meta.plan_title or _own_title(lines[:head_end], res)
    return res


def _read_adoption(lines: list[Line], res: MetaResult) -> None:
    """A regulation's date and issuer: the first adoption line under its title (see _ADOPTION_LINE)
    and the body whose session adopted it (…北京市第十四届人民代表大会常务委员会第二十八次会议通过)."""
    for ln in lines[:8]:
        m = _ADOPTION_LINE.match(ln.folded.strip())
        if m:
            res.meta.signed_date = parse_date(m.group("date"))
            decree = _DECREE.search(ln.raw)
            body = _ADOPTING_BODY.search(ln.raw)
            if decree:  # the decree names the government and numbers the rules
                res.meta.doc_number = res.meta.doc_number or decree.group()
                res.meta.issuer = res.meta.issuer or decree.group("org")
            elif res.meta.issuer is None and body:
                res.meta.issuer = body.group("body")
            res.used.add(ln.index)
            return


# A news article that wraps a plan names it: 日前,《某市人民政府关于…的任务分工》公开征求意见.
# (Not a notice's own 现将《…》印发给你们, which names the plan it wraps.)
_REPORTED_TITLE = re.compile(r"(?<!将)《(?P<title>[^《》\n]{2,30}?关于[^《》\n]{4,80})》[^。,;\n]{0,6}?"
                             r"(?:印发|出台|发布|公布|公开征求意见|征求意见|正式实施|施行|实施)(?!给)")


def _reported_title(lines: list[Line]) -> str | None:
    """The title of the document a news article reports on, from the 《…》 its first lines name
    with 印发/出台/公开征求意见…, when the quoted name begins with an organ and ends with a 文种."""
    for ln in [x for x in lines if not x.blank][:4]:
        m = _REPORTED_TITLE.search(ln.raw)
        if not m:
            continue
        title = m.group("title").strip()
        organ = title.split("关于")[0]
        core = "".join(title.split())
        if _ORG_END.search(organ) and (core.endswith(_PLAN_TYPES) or _is_title_end(core)):
            return title
    return None


_ISSUING = re.compile(r"^(?:.{2,40}?(?:关于)?|关于)(?:印发|转发|批转)")


def _issues_a_plan(s: str) -> bool:
    """某某办公厅(关于)印发《…若干意见》, 关于印发…工作方案: a notice title whose 的通知 a copy dropped."""
    issuer = s.split("印发")[0].split("关于")[0]  # what stands before 关于/印发: an organisation, or nothing
    return len(s) <= 100 and not _SENTENCE_PUNCT.search(s) and bool(_ISSUING.match(s)) \
        and (s.endswith("》") or s.endswith(_PLAN_TYPES)) and (not issuer or bool(_ORG_END.search(issuer)))


# 文种 that end a notice's title; a title line ending otherwise (…工作报告) may run on to the next line.
_FINAL_TYPES = ("通知", "通报", "决定", "批复", "函", "意见", "命令", "决议", "纪要")
# Words of page furniture and reposts, never part of a title: 小编带你了解…, (资料图).
_NOT_TITLE_WORDS = ("小编", "资料图", "点击", "阅读", "来源", "责任编辑", "相关新闻")

# What a plan printed without a notice calls itself: …实施方案, …工作要点, …责任清单, …任务分工(2016-2020年).
_PLAN_TYPES = ("方案", "要点", "计划", "规划", "清单", "分工", "任务", "措施", "举措", "办法", "细则", "纲要", "安排", "目录",
               "意见", "通知", "决定", "目标", "分解", "一览表", "台账", "实事", "事项", "项目")
_TRAILING_NOTE = re.compile(r"\([^()]{1,20}\)$")  # (2016-2020年), (试行), (征求意见稿)


def _own_title(lines: list[Line], res: MetaResult) -> str | None:
    """The first short line before the body that names a plan (…实施方案, …责任清单), a page title's
    site name removed."""
    for k, ln in enumerate(lines[:15]):
        if ln.blank or ln.index in res.used:
            continue
        a, b = title_span(ln.folded)
        title = page_title(ln.folded[a:b]).rstrip()
        core = _TRAILING_NOTE.sub("", "".join(title.split()))
        if 6 <= len(core) <= 80 and core.endswith(_PLAN_TYPES) and not _SENTENCE_PUNCT.search(core) \
                and not core.startswith(("附件", "抄送", "关于做好", "各")):
            above = [x for x in lines[max(0, k - 2):k] if not x.blank][-1:]
            if above and above[0].index not in res.used and _title_fragment(above[0]) and len(above[0].squeezed) <= 20 \
                    and not above[0].squeezed.endswith(_PLAN_TYPES + _DOC_TYPES) \
                    and not any(w in above[0].squeezed for w in _NOT_TITLE_WORDS):
                return above[0].raw + ln.raw[a:a + len(title)]  # 2022年《政府工作报告》 / 目标任务责任分解方案
            return ln.raw[a:a + len(title)]
    return None


def _read_web_meta(lines: list[Line], res: MetaResult) -> None:
    """Rows such as `文号 | 平政办〔2013〕11号 | 索引号 | …` and lines such as `发布日期:2023-03-21访问次数:`."""
    meta = res.meta
    for ln in lines[:40]:
        keys = list(_WEB_KEY_RE.finditer(ln.folded))
        if not keys or (keys[0].start() != 0 and len(keys) < 3) \
                or not (keys[0].group(2) or "]" in keys[0].group(0) or len(keys) > 1
                        or _typed_row(ln, keys[0])):  # ≥3 keys: a box flattened after page chrome
            continue
        res.used.add(ln.index)
        for k, nxt in zip(keys, keys[1:] + [None]):
            end = nxt.start() if nxt else len(ln.raw)
            value = ln.raw[k.end(): end].strip(" |\u3000:：")
            folded_value = ln.folded[k.end(): end].strip(" |:")
            key = re.sub(r"\s", "", k.group(1))
            if not value:
                continue
            if key in _NUMBER_KEYS and _DOC_NUMBER.fullmatch(folded_value):
                meta.doc_number = meta.doc_number or value
            elif key == "索引号":
                meta.index_number = value
            elif key in _TITLE_KEYS or key == "名称":  # (名称 too, as a key of a page's metadata table)
                meta.title = meta.title or value
            elif key in ("发文机关", "发文机构"):
                meta.issuer = meta.issuer or value  # a printed signature, read later, wins
                res.row_issuer = res.row_issuer or value
            elif key in ("发布机构", "发布部门", "信息来源", "颁布单位", "发布单位", "制定机关", "来源"):
                meta.publisher = meta.publisher or value
            elif key in ("发布日期", "发布时间", "公开日期", "公开时间"):
                meta.published_date = parse_date(value)
            elif key in ("成文日期", "发文日期"):
                meta.signed_date = parse_date(value)
            elif key in ("主题分类", "分类"):
                meta.topic = meta.topic or value
            elif key == "公开方式":
                meta.disclosure = value


def _typed_row(ln: Line, key: re.Match) -> bool:
    """A row of one key, a space and no colon (成文日期 2006-12-15, 标     题 区人民政府办公室关于…): a
    metadata row when its value is what the key names — a date, a document number, a title."""
    if ln.folded[key.end(1):key.end(1) + 1] != " ":
        return False
    name, value = re.sub(r"\s", "", key.group(1)), ln.folded[key.end():].strip()
    if name in _DATE_KEYS:
        return parse_date(value) is not None and len(value) <= 20
    if name in _NUMBER_KEYS:
        return bool(_DOC_NUMBER.fullmatch(value))
    return name in _TITLE_KEYS and len(value) >= 6 and not _SENTENCE_PUNCT.search(value)


_DATE_KEYS = ("成文日期", "发文日期", "发布日期", "公开日期", "生成日期")
_NUMBER_KEYS = ("文号", "发文字号", "发布文号", "发文文号", "文件编号")
_TITLE_KEYS = ("标题", "文件名称", "信息名称")


def _read_header_marks(lines: list[Line], res: MetaResult) -> None:
    meta = res.meta
    prev = None
    for ln in [x for x in lines if not x.blank][:12]:
        s = ln.squeezed
        above, prev = prev, ln
        if ln.index in res.used or ":" in s:
            continue
        if re.fullmatch(r"\d{6}", s) and meta.copy_number is None:
            meta.copy_number = s
        elif re.fullmatch(r"(绝密|机密|秘密)(★.{0,6})?((特急|加急|特提|平急))?", s):
            meta.classification = re.match(r"(绝密|机密|秘密)(★.{0,6}?)?(?=特急|加急|特提|平急|$)", s).group(0)
            meta.urgency = re.search(r"(特急|加急|特提|平急)?$", s).group(0) or None
        elif s in ("特急", "加急", "特提", "平急"):
            meta.urgency = s
        elif s.endswith("文件") and 4 < len(s) <= 30 and _ORG_END.search(s[:-2]):
            meta.issuer_mark = s
        elif s == "文件" and above is not None and above.index not in res.used and len(above.squeezed) <= 28 \
                and _ORG_END.search(above.squeezed):  # 新疆维吾尔自治区人民政府 / 文件: the mark on two lines
            meta.issuer_mark = above.squeezed + s
            res.used.add(above.index)
        else:
            continue
        res.used.add(ln.index)


def _read_doc_number(lines: list[Line], res: MetaResult) -> int | None:
    """发文字号 on a line of its own (possibly in brackets, possibly with 签发人 or a page title after
    it), or in brackets after the title on its line (…的通知(岳办发〔2017〕2号)); a number cited
    inside a sentence is another document's."""
    for ln in lines:
        s = ln.folded
        tail = _TITLE_TAIL_JUNK.search(s)
        group = tail and ("number" if tail.group("number") else "glued" if tail.group("glued") else None)
        if group and _is_title_end("".join(s[:tail.start()].split())):
            res.meta.doc_number = ln.raw[tail.start(group):tail.end(group)]
            return ln.index  # the line stays the title's
        offset = 1 if s.startswith("(") and s.endswith(")") else 0
        m = _DOC_NUMBER.match(s, offset, len(s) - offset)
        if not m:
            continue
        rest = s[m.end(): len(s) - offset].strip()
        signer = re.match(r"签发人[ ]*:[ ]*(.+)$", rest)
        dated = _DATE_LINE.match(rest)  # 川办函〔2017〕113号 2017年6月2日
        if rest and not signer and not dated and not rest.startswith("《"):
            continue
        if dated and res.meta.signed_date is None:
            res.meta.signed_date = parse_date(rest)
        res.meta.doc_number = ln.raw[m.start(): m.end()]
        if signer:
            res.meta.signer = signer.group(1).strip()
        res.used.add(ln.index)
        return ln.index
    return None


def _is_title_end(s: str) -> bool:
    return s.endswith(_DOC_TYPES) and not _SENTENCE_PUNCT.search(s) and len(s) <= 100


# A page-title line: the title, then the site's name after - _ | (…的通知_政策文件_某市人民政府网).
_SITE_SUFFIX = re.compile(r"[ ]*(?:[-_|—]+|[ ]{2,})[ ]*[^-_|—]{2,40}$")
_SITE_WORDS = re.compile("网|站|政府|门户|公开|政务|首页|中国|文库|频道|栏目|专题|新闻|动态|法规|文件|信息|平台|办公|厅|局|委|律|百科")
_SPAM_TAIL = re.compile(r"(?:\((?:全文|附全文|原文|图解|附件)\)|全文(?:下载)?|原文|最新版?|\[[^\[\]]{1,8}\])$")


# What copies print around a title on its line: a leading 【栏目】 tag, a Markdown # , 欢迎访问…网站, the document
# number (晋政办发〔2017〕55号 山西省人民政府办公厅关于…); a trailing publish date or document number.
_TITLE_HEAD_JUNK = re.compile(r"^(?:\[[^\[\]]{1,20}\][ ]*|#{1,6}[ ]+|欢迎(?:访问|来到)[^,。:]{0,20}?(?:网站|门户网|网)[ ]*"
                              r"|[\u4e00-\u9fff]{1,12}[ ]*\[[ ]*(?:19|20)\d{2}[ ]*\][ ]*第?[ ]*\d{1,5}[ ]*号?(?:[ ]+|(?=《)))")
_TITLE_TAIL_JUNK = re.compile(r"[ ]+(?:(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:[ ]+\d{1,2}:\d{2}(?::\d{2})?)?"
                              r"|[\u4e00-\u9fff]{1,12}[ ]*\[[ ]*(?:19|20)\d{2}[ ]*\][ ]*第?[ ]*\d{0,5}[ ]*号?)$"
                              r"|[ ]*\((?P<number>[\u4e00-\u9fff]{1,12}[ ]*\[[ ]*(?:19|20)\d{2}[ ]*\][ ]*第?[ ]*\d{1,5}[ ]*号)\)$"
                              r"|(?<=[知见定告报复函案要则划])(?P<glued>(?!的)[\u4e00-\u9fff]{1,8}\[(?:19|20)\d{2}\]\d{1,5}号)$")


def title_span(folded: str) -> tuple[int, int]:
    """Where the title lies in a title line (folded): what copies print before and after it removed."""
    start, end = 0, len(folded)
    for _ in range(3):
        m = _TITLE_HEAD_JUNK.match(folded, start)
        if not m or m.end() >= end:
            break
        start = m.end()
    m = _TITLE_TAIL_JUNK.search(folded, start)
    if m and m.start() > start:
        end = m.start()
    if folded.startswith("《", start) and folded[start:end].rstrip().endswith("》") and folded.count("《", start, end) == 1:
        start, end = start + 1, start + len(folded[start:end].rstrip()) - 1  # a title quoted whole: 《…的通知》
    return start, end


def page_title(s: str) -> str:
    """The title part of a page-title line (a squeezed or folded line): site names after - _ | and
    spam suffixes such as (全文) removed; `s` itself when nothing is removed."""
    for _ in range(4):
        m = _SITE_SUFFIX.search(s)
        spam = _SPAM_TAIL.search(s)
        if spam and spam.start() > 4:
            s = s[:spam.start()].rstrip()
        elif m and m.start() > 4 and _SITE_WORDS.search(m.group()) and not _is_title_end(s):
            s = s[:m.start()]
        else:
            break
    return s


def _title_fragment(ln: Line) -> bool:
    s = ln.squeezed
    if _ADOPTION_LINE.match(ln.folded.strip()):
        return False
    chrome = _TITLE_HEAD_JUNK.match(s)
    if chrome and chrome.end() == len(s):  # 欢迎访问巨鹿人民政府网站 over the title: the site's, not the title's
        return False
    return bool(s) and len(s) <= 60 and not _SENTENCE_PUNCT.search(s) and not s.endswith(",") \
        and not _DOC_NUMBER.match(s.strip("()")) and not _WEB_KEY_RE.match(s) and "%" not in s and ">" not in s


def _read_title(lines: list[Line], res: MetaResult) -> list[int]:
    """标题: the first line before the body that ends with a 文种 (…的通知, …的意见), joined with the
    one or two lines above it that begin the same title."""
    for pos, ln in enumerate(lines):
        s = ln.squeezed
        if ln.index in res.used or s.startswith(("附件", "抄送")) or "..." in s or "…" in s:
            continue
        a, b = title_span(ln.folded)
        core = "".join(ln.folded[a:b].split())
        if not _is_title_end(core):
            title = page_title(ln.folded[a:b]).strip()
            squeezed = "".join(title.split())
            nxt = next((x for x in lines[pos + 1:pos + 3] if not x.blank), None)
            continued = nxt is not None and _title_fragment(nxt) and _is_title_end(nxt.squeezed)
            if (title != ln.folded[a:b] and _is_title_end(squeezed)) or (_issues_a_plan(squeezed) and not continued):
                res.meta.title = ln.raw[a:a + len(title)]
                res.used.add(ln.index)
                return [ln.index]
            continue
        chosen = [ln]
        above = [x for x in lines[max(0, pos - 8):pos] if not x.blank][-4:]
        opening = _title_opening(above, res) if not re.search("关于|印发|转发|批转", core) else None
        if opening is not None:  # 国务院办公厅关于全面推行 / 行政执法公示制度… / 重大执法…的指导意见
            chosen = above[opening:] + chosen
            above = above[:opening]  # the organ may stand on the line above: 国务院办公厅 / 关于…
        for prev in reversed(above[-3:]):
            if prev.index in res.used or not _title_fragment(prev):
                break
            p, head = prev.squeezed, "".join(x.squeezed for x in chosen)
            if p == head:
                break  # the title printed twice (a page's headline over the document's own)
            joins = (
                p.count("《") > p.count("》") or head.count("》") > head.count("《")
                or (not head.startswith(("关于", "印发", "转发", "批转")) and re.search("关于|印发|转发|批转", p))
                or (head.startswith("关于") and (_ORG_END.search(p) or p.endswith(("印发", "转发", "批转"))))
                or (head.startswith(("印发", "转发", "批转")) and bool(_ORG_END.search(p)))  # …办公室 / 印发《…》的通知
                or p.endswith("关于")  # 平潭综合实验区管委会办公室关于 / 印发…的通知
            )
            if not joins:
                break
            chosen.insert(0, prev)
        following = [x for x in lines[pos + 1:pos + 4] if not x.blank][:1]
        if following and following[0].index not in res.used and _title_fragment(following[0]) \
                and _is_title_end(following[0].squeezed) and re.search("关于|印发|转发|批转", core) \
                and not core.endswith(_FINAL_TYPES) and following[0].squeezed != core \
                and not following[0].squeezed.startswith(("关于", "附件")):
            chosen.append(following[0])  # 关于印发2021年区政府工作报告 / 目标任务分解方案的通知
        if len(chosen) == 1:
            res.meta.title = ln.raw[a:b].strip()
        else:
            res.meta.title = "".join(x.raw for x in chosen)
        res.used.update(x.index for x in chosen)
        return [x.index for x in chosen]
    return []


def _own_printing(lines: list[Line], res: MetaResult, first: list[int]) -> list[int]:
    """A page's headline (关于印发…工作方案的通知) over the document's own title, printed whole under
    the document number (平潭…管委会办公室关于 / 印发…工作方案的通知): the document's own."""
    later = MetaResult(res.meta.model_copy(), set(res.used))
    rest = [ln for ln in lines if ln.index > first[-1]][:_OWN_TITLE_LINES]
    found = _read_title(rest, later)
    short, full = (_plain(t) for t in (res.meta.title, later.meta.title or ""))
    tail = short.removeprefix("关于")
    issuer = full[:len(full) - len(tail)].removesuffix("关于")  # what the own printing adds: its issuer
    k = next((k for k, ln in enumerate(rest) if found and ln.index == found[0]), None)
    # an organ's name alone on the line over 关于… is the title's when the document number stands above
    # it (GB/T 9704: 版头, 发文字号, 标题); above the number it is the 版头 (湖南省发展和改革委员会)
    opens = k is not None and (re.search("关于|印发|转发|批转", rest[k].squeezed) or _after_number(lines, rest[k]))
    if found and len(full) > len(short) and full.endswith(tail) and _ORG_END.search(issuer) \
            and not re.search(r"\d", issuer) and opens:
        res.meta.title = later.meta.title
        res.used |= later.used
        return found
    return first


_OWN_TITLE_LINES = 8


def _after_number(lines: list[Line], ln: Line) -> bool:
    """Is the line above `ln` (blank lines aside) the document number?"""
    above = [x for x in lines if x.index < ln.index and not x.blank][-1:]
    return bool(above) and bool(_DOC_NUMBER.fullmatch(above[0].squeezed))


def _plain(title: str) -> str:
    return re.sub(r"[\s《》]", "", fold(title))


def _title_opening(above: list[Line], res: MetaResult) -> int | None:
    """The index in `above` (the lines over a title's last line) of the line that opens the title
    (…关于…, …印发…), when every line from it down is a fragment of a title; else None."""
    for k in range(len(above) - 1, -1, -1):
        x = above[k]
        if x.index in res.used or not _title_fragment(x):
            return None
        if re.search("关于|印发|转发|批转", x.squeezed):
            return k
    return None


def _read_recipients(lines: list[Line], res: MetaResult) -> None:
    """主送机关: the salutation line, ending with a colon."""
    for ln in lines:
        s = ln.folded
        if ln.index in res.used or not s.endswith(":") or len(s) > 200:
            continue
        if _FOOTER.match(ln.squeezed) or s.startswith(("附件", "附:")) or not _SALUTATION_WORDS.search(s):
            continue
        if "。" in s:
            continue
        res.meta.recipients = split_list(ln.raw.rstrip(":： "), ",;")
        res.used.add(ln.index)
        return


def _next_nonblank(lines: list[Line], i: int) -> Line | None:
    for k in range(i + 1, len(lines)):  # by index: slicing the rest on every call is quadratic
        if not lines[k].blank:
            return lines[k]
    return None


def _read_signature(lines: list[Line], res: MetaResult) -> int:
    """发文机关署名 and 成文日期. Returns the index just past them (0 when there are none).

    The signature is an organisation's name on a line of its own directly above a date line. Without
    one, the first line that is only a date is the 成文日期."""
    meta = res.meta
    notice_date = _notice_date(lines, res)
    if notice_date is not None:
        meta.signed_date = parse_date(notice_date.folded)
        res.used.add(notice_date.index)
        return notice_date.index + 1
    for ln in lines:
        if ln.blank or ln.index in res.used:
            continue
        one_line = _SIGNED_LINE.match(ln.folded)  # 肇庆市人民政府办公室  2012年4月19日
        if one_line and _ORG_END.search(one_line.group("org")):
            meta.issuer = ln.raw[: len(one_line.group("org"))]
            meta.signed_date = meta.signed_date or parse_date(one_line.group("date"))
            meta.note = meta.note or (f"({one_line.group('note')})" if one_line.group("note") else None)
            res.used.add(ln.index)
            return ln.index + 1
        nxt = _next_nonblank(lines, ln.index)
        if len(ln.squeezed) > 30 or nxt is None or not _DATE_LINE.match(nxt.squeezed):
            continue
        if _org_line(ln):
            block = _signature_block(lines, ln, res)
            # a signature of one line is the issuer as printed (鹤岗市人民政府 鹤岗市中级人民法院); of
            # several lines, a joint document's, whose 主办机关 signs first
            meta.issuer = _first_organ(block[0].raw) if len(block) > 1 else ln.raw
            meta.signed_date = meta.signed_date or parse_date(nxt.folded)
            res.used.update([x.index for x in block] + [nxt.index])
            return nxt.index + 1
    for ln in lines:
        if ln.index not in res.used and _DATE_LINE.match(ln.squeezed):
            date = parse_date(ln.folded)
            if date:
                meta.signed_date = meta.signed_date or date
                res.used.add(ln.index)
                return ln.index + 1
    return 0


def _notice_date(lines: list[Line], res: MetaResult) -> Line | None:
    """The date line that closes a 转发/印发 notice with no signature of its own, right before the title
    of the plan it sends (…现转发给你们，请认真遵照执行。 / 2017年2月9日 / 金山区…实施意见): the notice's
    成文日期, though the plan below may end with its drafters' signature."""
    title = res.meta.title or ""
    if not title.endswith("通知"):
        return None
    for ln in lines:
        if ln.blank or ln.index in res.used or not _DATE_LINE.match(ln.squeezed):
            continue
        before = next((x for x in reversed(lines[:ln.index]) if not x.blank), None)
        after = _next_nonblank(lines, ln.index)
        if before is None or _org_line(before) or not before.squeezed.endswith("。") or after is None:
            return None
        short_title = len(after.squeezed) <= 40 and not _SENTENCE_PUNCT.search(after.squeezed)
        return ln if short_title and after.squeezed.endswith(_PLAN_TYPES) and parse_date(ln.folded) else None
    return None


def _org_line(ln: Line) -> bool:
    return bool(_ORG_END.search(ln.squeezed)) and not _SENTENCE_PUNCT.search(ln.squeezed) \
        and not re.search(r"[,、]", ln.squeezed)


def _signature_block(lines: list[Line], last: Line, res: MetaResult) -> list[Line]:
    """The lines of a joint signature, the one above the date last: organisations' names one or two
    a line (黄浦区发展和改革委员会黄浦区建设和管理委员会 / … / 黄浦区投资促进办公室)."""
    block = [last]
    k = last.index - 1
    while k >= 0 and len(block) < 12:
        ln = lines[k]
        if ln.blank:
            k -= 1
            continue
        if ln.index in res.used or len(ln.squeezed) > 60 or not _org_line(ln):
            break
        block.insert(0, ln)
        k -= 1
    return block


def _first_organ(line: str) -> str:
    """The first organisation of a signature line that prints several: the 主办机关 of a joint
    document is signed first (GB/T 9704). Names are cut where the place they open with starts again
    (上海市科学技术委员会上海市…) or at a space between two names."""
    parts = [p for p in re.split(r"[ \u3000]{1,}", line.strip()) if p]
    first = parts[0] if parts and _ORG_END.search(parts[0]) else line.strip()
    m = re.match(r"^(.{2,8}?[省市县区州旗])", first)
    if m:
        again = first.find(m.group(1), len(m.group(1)))
        if again > 0 and _ORG_END.search(first[:again]):
            return first[:again]
    return first


_ATTACHMENT_LABEL = re.compile(r"附件[ ]*:")


def _read_notes_and_attachments(lines: list[Line], res: MetaResult) -> None:
    """附注 such as (此件公开发布); 附件说明 `附件:1、… 2、…` (the list continues on the following lines
    while its numbering does); an attachment heading `附件` / `附件1` on its own line."""
    meta = res.meta
    i = 0
    while i < len(lines):
        ln = lines[i]
        s = ln.squeezed
        if _NOTE.match(s):
            meta.note = ln.raw.strip("()（） ")
            res.used.add(ln.index)
        elif _ATTACHMENT_LABEL.match(s):
            res.used.add(ln.index)
            rest = s.split(":", 1)[1]
            first = re.match(r"^(\d{1,2})[、.](?!\d{1,2}[、.])", rest)
            item = re.sub(r"^\d{1,2}[、.]", "", _after_label(ln)) if first else _after_label(ln)
            if item:
                meta.attachments.append(item)
            expect = 2
            while first and i + 1 < len(lines):
                nxt = lines[i + 1]
                m = re.match(rf"^{expect}[、.]", nxt.squeezed)
                if not m:
                    break
                meta.attachments.append(re.sub(r"^\s*\d{1,2}\s*[、.．，,]\s*", "", nxt.raw))
                res.used.add(nxt.index)
                expect += 1
                i += 1
        elif ATTACHMENT_HEADING.fullmatch(s):
            res.used.add(ln.index)
        i += 1


def _read_footer(lines: list[Line], res: MetaResult) -> None:
    """版记: 抄送, 印发机关 and 印发日期, 公开方式, 主题词."""
    meta = res.meta
    for ln in lines:
        s = ln.squeezed
        m = _FOOTER.match(s)
        if m:
            label, value = m.group(1), _after_label(ln)
            if label in ("抄送", "抄报"):
                meta.cc.extend(split_list(value, ",;、"))
            elif label == "公开方式":
                meta.disclosure = value
            elif label in ("主题词", "关键词"):
                meta.keywords = [w.strip("△ ") for w in value.split() if w.strip("△ ")]
            res.used.add(ln.index)
            continue
        p = _PRINTED.match(ln.folded) if ln.folded.endswith("印发") else None  # (a quick test before the pattern)
        if p:
            meta.printer = ln.raw[: len(p.group("org"))].strip() or None
            meta.print_date = date_from_match(DATE_RE.search(ln.folded))
            res.used.add(ln.index)
        elif s and not s.strip("—-_=─━ "):  # a rule line
            res.used.add(ln.index)


_PREFACES = ("导言", "前言", "序言", "引言", "序")  # the first part of a 纲要, never a line of its title
_DASH_LEAD = ("——", "—", "--")


def _read_plan_title(lines: list[Line], res: MetaResult, start: int) -> None:
    """The title of the plan a notice wraps (or of a plan printed alone): the title-like lines after
    the notice, before the first paragraph or numbered section."""
    picked: list[Line] = []
    for ln in lines[start:]:
        if ln.blank:
            continue
        if ln.index in res.used:
            if picked:
                break
            continue
        s = ln.squeezed
        if not _title_fragment(ln) or match_marker(ln.folded, ln.raw, 0) or re.match(r"^\d{1,4}\|?$", s) \
                or table_starts(lines, ln.index) or _CHROME_LINE.fullmatch(s):
            break
        if (re.fullmatch(r"\(.{1,12}\)", s) and not picked) or s in _PREFACES or s.startswith(_DASH_LEAD):
            break  # (——推进教育高质量发展: a group of the items below, not a line of the title)
        if picked and s == picked[-1].squeezed:
            res.used.add(ln.index)  # the title printed again (a page's headline, then the document's)
            continue
        picked.append(ln)
        if len(picked) == 3:
            break
    if picked and res.meta.title and "".join(x.squeezed for x in picked) == re.sub(r"\s", "", res.meta.title):
        res.used.update(x.index for x in picked)  # the notice title printed twice
        return _read_plan_title(lines, res, picked[-1].index + 1)
    if picked:
        a, b = title_span(picked[0].folded)  # a column tag before it: [区域发展]…
        res.meta.plan_title = "".join([picked[0].raw[a:b], *(x.raw for x in picked[1:])])
        res.used.update(x.index for x in picked)

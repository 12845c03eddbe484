"""The document model. The pydantic classes are the schema: `Document.model_dump(mode="json")`
is the JSON of `zqdoc parse --json` (see docs/json.md), and `Document.model_validate`
reads it back."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]
"""Character offsets [start, end) into `Document.text`."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Role(str, Enum):
    """What a responsibility clause makes an agency do, taken literally from the clause word."""

    LEAD = "lead"  # 牵头, 牵头单位, 主办, 分别牵头
    PARTICIPANT = "participant"  # 参与, 配合, 协助, 协办, 配合单位
    RESPONSIBLE = "responsible"  # 负责, 责任单位, 按职责分工负责


class AgencyKind(str, Enum):
    GOVERNMENT = "government"  # 市政府, 端州区政府, 国务院
    DEPARTMENT = "department"  # 市发展改革局, 省财政厅
    PARTY = "party"  # 市委宣传部, 市委政研室
    ADMIN_COMMITTEE = "admin_committee"  # 肇庆高新区管委会, 县示范区管委会
    COLLECTIVE = "collective"  # 各县(市、区)人民政府, 各乡、镇人民政府
    GENERIC = "generic"  # 有关部门, 各指标监测落实部门
    OTHER = "other"


class Comparator(str, Enum):
    EQ = "="
    GE = ">="
    LE = "<="
    APPROX = "~"
    RANGE = "range"


class Assignment(_Model):
    """One agency × role of a responsibility clause."""

    agency: str = Field(description="as printed, trailing 等/等有关部门 removed")
    role: Role
    canonical: Optional[str] = Field(None, description="alias-resolved name, e.g. 市发展改革局 for 市发改局")
    jurisdiction: Optional[str] = Field(None, description="the government the agency belongs to, e.g. 肇庆市; 中央 for the central government")
    jurisdiction_code: Optional[str] = Field(None, description="its GB/T 2260 code, e.g. 441200; 000000 for the central government")
    kind: Optional[AgencyKind] = None
    function: Optional[str] = Field(None, description="function class, e.g. 发展改革 for 发改局 / 发展和改革委员会 (data/functions.json)")
    clause: Optional[str] = Field(None, description="the clause it was read from, as printed")
    span: Optional[Span] = None


class Target(_Model):
    """A quantitative commitment: 培育1—2家省级工程研究开发中心."""

    raw: str
    subject: Optional[str] = None
    value: float
    value_max: Optional[float] = None
    unit: Optional[str] = None
    comparator: Comparator = Comparator.EQ
    deadline: Optional[dt.date] = None
    deadline_text: Optional[str] = None
    span: Optional[Span] = None


class Project(_Model):
    """A named project, park, base, road, railway or programme."""

    name: str
    kind: Optional[str] = None
    span: Optional[Span] = None


class Section(_Model):
    """A numbered section (一、 （一） 1、 （1） ① 第一条 一是 or a table row) and its children."""

    marker: str = Field(description="as printed, without a trailing 、 or .")
    level: int = Field(ge=1, description="nesting depth, 1 = outermost")
    title: str = Field(description="after the marker, up to the first 。 or the line end")
    text: str = Field("", description="the section's own text, children excluded")
    style: str = Field("", description="numbering style: cn, paren_cn, arabic, paren_arabic, circled, article, cn_shi, row")
    number: Optional[int] = None
    path: str = Field("", description="position in the tree, e.g. 3.1.2")
    span: Optional[Span] = Field(None, description="own text span in Document.text")
    cells: Optional[dict[str, str]] = Field(None, description="table row: column header → cell text")
    assignments: list[Assignment] = Field(default_factory=list)
    leaders: list[str] = Field(default_factory=list, description="people on 分管领导/责任领导 lines")
    deadline: Optional[str] = Field(None, description="完成时限 as printed")
    targets: list[Target] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    children: list["Section"] = Field(default_factory=list)

    def walk(self):
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


class DocumentMeta(_Model):
    """The elements of GB/T 9704-2012 that the text holds, plus web-page metadata."""

    # 版头
    copy_number: Optional[str] = Field(None, description="份号")
    classification: Optional[str] = Field(None, description="密级和保密期限")
    urgency: Optional[str] = Field(None, description="紧急程度")
    issuer_mark: Optional[str] = Field(None, description="发文机关标志, e.g. 肇庆市人民政府文件")
    doc_number: Optional[str] = Field(None, description="发文字号, as printed")
    signer: Optional[str] = Field(None, description="签发人")
    # 主体
    title: Optional[str] = Field(None, description="标题, lines joined")
    recipients: list[str] = Field(default_factory=list, description="主送机关")
    attachments: list[str] = Field(default_factory=list, description="附件说明")
    issuer: Optional[str] = Field(None, description="发文机关 (signature, else from the title)")
    signed_date: Optional[dt.date] = Field(None, description="成文日期")
    note: Optional[str] = Field(None, description="附注, e.g. 此件公开发布")
    # 版记
    cc: list[str] = Field(default_factory=list, description="抄送机关")
    printer: Optional[str] = Field(None, description="印发机关")
    print_date: Optional[dt.date] = Field(None, description="印发日期")
    disclosure: Optional[str] = Field(None, description="公开方式")
    keywords: list[str] = Field(default_factory=list, description="主题词")
    # the plan a 印发…的通知 wraps
    plan_title: Optional[str] = Field(None, description="title of the wrapped plan / attachment")
    # government web page metadata
    index_number: Optional[str] = Field(None, description="索引号")
    publisher: Optional[str] = Field(None, description="发布机构")
    published_date: Optional[dt.date] = Field(None, description="发布日期")
    topic: Optional[str] = Field(None, description="主题分类")
    government: Optional[str] = Field(None, description="the government the document speaks for, full names from the province down: 广东省肇庆市; 中央")
    government_code: Optional[str] = Field(None, description="its GB/T 2260 code: 441200; 000000 for the central government")


class Document(_Model):
    source: Optional[str] = Field(None, description="file path, or None for text/bytes")
    encoding: Optional[str] = None
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    sections: list[Section] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    ocr_pages: list[int] = Field(default_factory=list, description="pages (from 1) whose text was read by OCR: a scan or an image")
    text: str = Field("", description="the text as printed (line breaks normalised)")

    def walk(self):
        """All sections, depth first in document order."""
        for section in self.sections:
            yield from section.walk()

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)

    def to_frames(self) -> dict:
        """pandas DataFrames of this document (needs pandas): ``sections`` (one row a section),
        ``assignments``, ``targets`` and ``projects`` (one row each, with the path and title of
        their section), with numbers as numbers and a target's deadline as a date."""
        try:
            import pandas as pd
        except ImportError as err:
            raise ImportError("to_frames needs pandas: pip install 'zqdoc[pandas]'") from err
        columns = {
            "sections": ["path", "level", "marker", "title", "deadline", "assignments", "targets", "projects"],
            **{name: ["path", "section", *(k for k in model.model_fields if k != "span")]
               for name, model in (("assignments", Assignment), ("targets", Target), ("projects", Project))},
        }
        rows: dict[str, list[dict]] = {name: [] for name in columns}
        for s in self.walk():
            rows["sections"].append({"path": s.path, "level": s.level, "marker": s.marker, "title": s.title,
                                     "deadline": s.deadline, "assignments": len(s.assignments),
                                     "targets": len(s.targets), "projects": len(s.projects)})
            for name, items in (("assignments", s.assignments), ("targets", s.targets), ("projects", s.projects)):
                rows[name] += [{"path": s.path, "section": s.title, **x.model_dump(exclude={"span"}, mode="json")}
                               for x in items]
        frames = {name: pd.DataFrame(data, columns=columns[name]) for name, data in rows.items()}
        frames["targets"]["deadline"] = pd.to_datetime(frames["targets"]["deadline"])  # a section's is as printed
        return frames

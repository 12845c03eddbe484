"""The section tree on real documents and on the traps of the genre."""
from pathlib import Path

import pytest

import zqdoc
from zqdoc.models import Section
from zqdoc.normalize import fold

from conftest import SEED, gold_docs
from helpers import gold_headings, headings

CORPORA = Path(__file__).resolve().parent.parent / "corpora"

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_seed_has_all_44_headings_with_level_and_title(seed_doc, seed_gold):
    assert headings(seed_doc) == gold_headings(seed_gold)
    assert len(headings(seed_doc)) == 44


def test_seed_tree_shape(seed_doc):
    top = seed_doc.sections
    assert [s.marker for s in top] == ["一", "二", "三"]
    plan = top[2]
    assert [s.marker for s in plan.children] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"]
    assert [len(s.children) for s in plan.children] == [9, 7, 6, 2, 4, 5]
    first = plan.children[0].children[0]
    assert first.path == "3.1.1" and first.title == "优先发展现代服务业"
    # own text: from the marker to the end of its clause, children excluded
    assert first.text.startswith("1、优先发展现代服务业。推进端州区生产性服务业基地")
    assert first.text.endswith("市旅游发展局等有关部门参与)")
    assert plan.children[0].text == "(一)推进经济结构战略性调整,加快转变经济发展方式。"
    assert SEED_TEXT[first.span[0]:first.span[1]] == first.text


def test_seed_attachment_list_and_footer_are_not_sections(seed_doc):
    last = seed_doc.sections[2].children[-1].children[-1]
    assert last.title == "加快社会福利事业发展"
    assert "附件" not in last.text and "抄" not in last.text and "印发" not in last.text
    assert not any("肇庆市列入省" in s.title for s in seed_doc.walk())


def _tree(text):
    return [(s.level, s.marker, s.title) for s in zqdoc.parse_text(text).walk()]


def test_full_width_markers_and_punctuation_give_the_same_tree():
    fw = SEED_TEXT.translate(str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", "1": "１", "2": "２"}))
    assert [(lv, fold(t)) for lv, _, t in _tree(fw)] == [(lv, t) for lv, _, t in _tree(SEED_TEXT)]
    assert [m for _, m, _ in _tree(fw)][:4] == ["一", "二", "（一）", "（二）"]


def test_space_after_marker_and_dot_forms():
    text = "一、 总体要求\n（一） 工作目标。到2025年完成。\n1. 建立机制。内容。\n2．完善制度\n二．保障措施\n"
    assert _tree(text) == [
        (1, "一", "总体要求"), (2, "（一）", "工作目标"), (3, "1", "建立机制"), (3, "2", "完善制度"),
        (1, "二", "保障措施"),
    ]


def test_deeper_styles_nest_in_document_order():
    text = (
        "第一条 为加强管理,制定本办法。\n"
        "第二条 主要任务如下:\n"
        "（1）完善规划体系。\n"
        "①编制总体规划;\n"
        "②编制专项规划。\n"
        "（2）加强项目建设。\n"
        "一是加快审批;二是强化督查。\n"
        "（3）强化保障。一是资金保障;二是用地保障。\n"
        "第三条 本办法自发布之日起施行。\n"
    )
    tree = _tree(text)
    assert tree == [
        (1, "第一条", "为加强管理,制定本办法"),
        (1, "第二条", "主要任务如下:"),
        (2, "（1）", "完善规划体系"),
        (3, "①", "编制总体规划;"),
        (3, "②", "编制专项规划"),
        (2, "（2）", "加强项目建设"),  # 一是…二是… points of a numbered document are its text, as annotators
        (2, "（3）", "强化保障"),  # label them (xinjiang-2012-xinwen), at a line start or inside a paragraph
        (1, "第三条", "本办法自发布之日起施行"),
    ]


def test_a_document_numbered_only_by_its_enumeration_has_those_sections():
    # a news copy of 10件惠民实事: …具体为:一是…二是…, one paragraph, nothing else numbered
    doc = zqdoc.parse(SEED.parent / "yunnan-2025-huimin.txt")
    assert [(s.level, s.marker) for s in doc.sections] == [(1, f"{n}是") for n in "一二三四五"]
    assert doc.sections[0].title.startswith("稳定和扩大就业") and doc.sections[0].targets


def test_same_style_at_two_depths_and_running_numbers():
    # wuxi: 1、 runs 1–8 across 一、 (level 2) and 二、/(一) (level 3)
    doc = zqdoc.parse(SEED.parent / "wuxi-2011-fenjie.txt")
    levels = {s.marker: s.level for s in doc.walk()}
    assert levels["1、".rstrip("、")] == 2 and levels["7"] == 3 and levels["(一)"] == 2


def test_headings_in_the_middle_of_a_line():
    doc = zqdoc.parse(SEED.parent / "heilongjiang-2013-fengong.txt")
    titles = [s.title for s in doc.walk()]
    assert "公共财政收入增长13%左右" in titles
    first = doc.sections[0].children[0]
    assert first.text == "(一)地区生产总值增长11%左右。(省发改委负责)"
    item2 = doc.sections[1].children[0].children[1]
    assert item2.marker == "2" and item2.title.startswith("重点抓好哈尔滨中小型燃气轮机")


def test_years_dates_and_numbers_in_sentences_are_not_sections():
    text = (
        "一、总体要求\n"
        "2011、2012年是实施规划的关键之年。\n"
        "2012年4月19日前完成。\n"
        "3.5%的增幅要保持。\n"
        "1、加强领导。要在2012年底前完成2、3项任务。\n"
        "2、落实责任\n"
    )
    assert _tree(text) == [(1, "一", "总体要求"), (2, "1", "加强领导"), (2, "2", "落实责任")]


def test_attachment_list_is_not_sections():
    # qinxian: the notice's 一二三, the attachment list 1./2./3., then 附件1 restarting at 一、
    doc = zqdoc.parse(SEED.parent / "qinxian-2025-renwu.txt")
    assert [(s.level, s.marker) for s in doc.sections] == [(1, "一"), (1, "二"), (1, "三"), (1, "一")]
    assert not any(s.title.startswith("2025年") for s in doc.walk())
    assert len(doc.meta.attachments) == 3


def test_an_attachment_opened_by_a_bare_fujian_colon_line_numbers_from_the_top():
    # putuo: 附件： alone on its line, then the attachment's title and its list 1、《…》: the list is the
    # attachment's own, at level 1, not items under the body's last (三) 2.
    doc = zqdoc.parse(CORPORA / "putuo-2024-zhuzhaixiaoqu.txt")
    laws = [s for s in doc.walk() if s.title.startswith("《")]
    assert laws and {s.level for s in laws} == {1}
    assert laws[0].title == "《住宅室内装饰装修管理办法》"


def test_garbled_numbering_gives_a_best_effort_tree_with_warnings():
    doc = zqdoc.parse_text("一、甲\n二、乙\n四、丁\n四、丁又\n")
    assert [s.marker for s in doc.sections] == ["一", "二", "四", "四"]
    assert any("skips" in w for w in doc.warnings) and any("repeats" in w for w in doc.warnings)


def test_flattened_table_rows_are_sections_with_cells():
    doc = zqdoc.parse(SEED.parent / "suzhou-2011-renwu.txt")
    rows = doc.sections
    assert [s.marker for s in rows] == [str(n) for n in range(1, 9)]
    assert rows[2].title == "服务业"
    assert rows[2].cells == {
        "名称": "服务业",
        "工作任务": "服务业增加值占地区生产总值的比重提高1.5个百分点",
        "主要责任单位": "市发改委、统计局",
    }
    huoshan = zqdoc.parse(SEED.parent / "huoshan-2025-kaifaqu.txt").sections
    assert huoshan[1].cells["责任领导"] == "马振明" and huoshan[1].cells["完成时限"] == "全年"


def test_section_round_trips_through_json(seed_doc):
    again = zqdoc.Document.model_validate_json(seed_doc.model_dump_json())
    assert again == seed_doc
    assert isinstance(again.sections[0], Section)


def test_entries_of_a_table_of_contents_with_their_pages_are_no_headings():
    text = ("某县国民经济和社会发展第十四个五年规划纲要\n目  录\n第一章 发展基础 ……………… 1\n第一节 发展成就 ………… 2\n"
            "第二章 总体要求 5\n第一章 发展基础\n第一节 发展成就\n“十三五”时期，全县经济平稳健康发展。\n第二章 总体要求\n"
            "到2025年，地区生产总值达到300亿元。\n")
    d = zqdoc.parse_text(text)
    assert [(s.level, s.marker, s.title) for s in d.walk()] == [(1, "第一章", "发展基础"), (2, "第一节", "发展成就"),
                                                                (1, "第二章", "总体要求")]


def test_a_contents_list_without_pages_ends_where_an_entry_comes_again():
    text = "某县突发事件应急预案\n目录\n1 总则\n1.1 编制目的\n2 组织体系\n1 总则\n1.1 编制目的\n为做好应急工作，制定本预案。\n2 组织体系\n"
    d = zqdoc.parse_text(text)
    assert [(s.level, s.marker, s.title) for s in d.walk()] == [(1, "1", "总则"), (2, "1.1", "编制目的"), (1, "2", "组织体系")]


def test_a_bare_group_marker_between_rows_of_a_table_one_cell_a_line_ends_the_row_above():
    """（二） alone on its line, its title on the next: a group heading wherever it stands, never a
    cell of the row before it (the header reader and the row reader ask the same question)."""
    text = ("序号\n\n重点工作\n\n牵头单位\n\n配合单位\n\n(一)\n\n加强科技创新。\n\n1\n\n建设实验室。\n\n市科技局\n\n市财政局\n\n"
            "(二)\n\n扩大有效投资。\n\n2\n\n推进重点项目建设。\n\n市发展改革委\n\n各区政府\n")
    d = zqdoc.parse_text(text)
    assert [(s.level, s.marker, s.title) for s in d.walk()] == [
        (1, "(一)", "加强科技创新"), (2, "1", "建设实验室"), (1, "(二)", "扩大有效投资"), (2, "2", "推进重点项目建设")]
    assert [a.agency for a in d.sections[0].children[0].assignments] == ["市科技局", "市财政局"]


def test_a_table_one_cell_a_line_with_merged_cells_and_a_group_line_under_its_header():
    """附表1 of the Shanghai transport photovoltaic plan: 序号/事项/工作措施/责任单位, a group line
    (推进实施“光伏+”示范工程) right under the header is no column, and a row whose 事项 is merged
    into the row above prints its 工作措施 and its 责任单位 only: the last line is the agencies' cell
    (names the full rows hold in that column), the first the row's task."""
    d = zqdoc.parse(CORPORA / "shanghai-2023-jiaotongguangfu.txt")
    rows = {s.marker: s for s in d.walk() if s.style == "row" and s.cells and "工作措施" in s.cells}
    assert list(rows["1"].cells) == ["工作措施", "责任单位", "事项"]  # a full row
    short = rows["17"]
    assert short.title.startswith("合理规范利用河道特别是港口码头范围内河道沿线设施和场所")
    assert [a.agency for a in short.assignments] == ["市交通委", "市水务局", "各区政府"]
    assert [a.agency for a in rows["18"].assignments] == ["上港集团"]
    assert rows["18"].title == "*推进沪东码头、冠东码头屋顶光伏设施建设"
    # a row with its task alone gets no agencies of the rows around it
    assert rows["2"].assignments == []


def test_a_task_table_with_a_project_number_column_broken_names_and_a_merged_group_cell():
    """附件3 of Jingan's drainage reform: 项目序号 opens the header, 责任部门 / （单位） is one column's
    name broken before its bracket, and the rows after a group's first one print no 任务类型: their
    date falls on the 完成时间 column only when their cells are laid on the last columns."""
    d = zqdoc.parse(CORPORA / "jingan-2025-paishui.txt")
    rows = {s.marker: s for s in d.walk() if s.cells and "改革任务" in s.cells}
    assert list(rows["1"].cells) == ["改革任务", "工作要求", "完成时间", "责任部门（单位）", "配合部门（单位）", "任务类型"]
    second = rows["2"]
    assert second.title == "区级改革方案制定" and second.cells["完成时间"] == "2025年6月"
    assert "任务类型" not in second.cells
    assert [(a.agency, a.role.value) for a in second.assignments][:2] == [
        ("区建设管理委（区水务局）", "responsible"), ("区财政局", "participant")]


def test_a_task_table_whose_group_rows_print_a_bare_numeral_and_rows_a_time_word():
    """附件 of Jingan's 2026 carbon plan: 序号/重点任务/具体工作/时间进度/责任部门, each group row's 序号
    printed 一 (no 、) with its title in the next cell, each row's 重点任务 merged into the group, and
    its time cell a word (全年推进, 年内完成, 三季度完成, 持续推进) rather than a date."""
    d = zqdoc.parse(CORPORA / "jingan-2026-tanzhonghe.txt")
    groups = [s for s in d.sections if s.title == "推进碳达峰碳中和综合管理"]
    assert len(groups) == 1 and groups[0].marker == "一"
    assert [c.marker for c in groups[0].children] == ["1", "2", "3", "4", "5"]
    rows = {s.marker: s for s in d.walk() if s.cells}
    assert rows["1"].cells["时间进度"] == "全年推进" and rows["12"].cells["时间进度"] == "持续推进"
    assert "重点任务" not in rows["12"].cells
    assert [a.agency for a in rows["3"].assignments] == ["发展改革委", "科技经济委"]


def test_a_task_table_a_row_a_line_with_a_project_number_column_and_merged_first_cells():
    """附件1 of Yangpu's drainage reform as rows of ` | ` cells: 项目序号 heads the number column, the
    rows after a group's first print no 任务类型 (their date then falls on 完成时间 once laid on the
    columns after it), and a cell names its agencies apart by spaces."""
    d = zqdoc.parse(CORPORA / "yangpu-2025-paishui.txt")
    rows = {s.marker: s for s in d.walk() if s.cells and "改革任务" in s.cells}
    second = rows["2"]
    assert second.title == "移交清单建立" and second.cells["完成时间"] == "2025年9月"
    assert [(a.agency, a.role.value) for a in second.assignments] == [
        ("区建设管理委（区水务局）", "responsible"), ("上海城投集团", "responsible"),
        ("杨浦城投集团", "participant"), ("申浦公司", "participant")]
    assert rows["3"].cells["责任单位"] == "上海城投集团 杨浦城投集团" and "配合单位" not in rows["3"].cells


def test_items_on_one_line_end_before_the_separator_of_the_next():
    d = zqdoc.parse(CORPORA / "luan-2021-jindu.txt")
    assert "1、金寨县;2、裕安区;3、霍山县;4、金安区;5、霍邱县;6、舒城县;7、叶集区。" in d.text
    items = [s for s in d.walk() if s.title in ("金寨县", "裕安区", "叶集区")]
    assert [(s.marker, s.title) for s in items] == [("1", "金寨县"), ("2", "裕安区"), ("7", "叶集区")]
    # a text collapsed onto one line: the same, before the line break the normalizer restores
    one = zqdoc.parse(CORPORA / "pingtan-2015-pinganshangxue.txt")
    assert "非法营运行为；2.区社会事业局" in (CORPORA / "pingtan-2015-pinganshangxue.txt").read_text(encoding="utf-8")
    assert any(s.title.endswith("非法营运行为") for s in one.walk())
    # at a line end the ; stays: the title runs to the line end
    reg = zqdoc.parse(CORPORA / "shandong-2018-xuexiaoanquan.txt")
    assert any(s.title.endswith("；") for s in reg.walk())


def test_a_decimal_outline_glued_to_its_titles():
    # a copy that lost the space after each marker (1总则, 1.1制定目的, 1.3.1为有效处置…)
    d = zqdoc.parse(CORPORA / "longju-2023-yingji.txt")
    assert [(s.marker, s.level) for s in d.walk()][:6] == [
        ("1", 1), ("1.1", 2), ("1.2", 2), ("1.3", 2), ("1.3.1", 3), ("1.3.2", 3)]
    assert d.meta.title == "重庆市万州区龙驹镇2023年突发事件总体应急预案(暂行)"
    # constructed: a number and its unit opening a line is no marker
    nums = zqdoc.parse_text("工作安排\n1.5万元用于设备购置\n3个工作日内办结\n12月底前完成验收\n")
    assert [s.marker for s in nums.walk()] == []


def test_a_list_first_met_mid_way_in_an_excerpt_ranks_where_such_lists_rank():
    # the excerpt opens at (2)…(6) of item 15, then 16.深化农村各项改革。: 16 is no child of (6)
    d = zqdoc.parse(CORPORA / "jiangsu-2009-fenjie.txt")
    item = next(s for s in d.walk() if s.marker == "16")
    assert item.title == "深化农村各项改革" and item.level == 1
    assert {a.agency for a in item.assignments} == {"省农委", "林业局", "金融办"}
    assert any("starts at 16" in w for w in d.warnings)
    # …but the 2、 of a list whose 1、 stands inside the text above is no new list
    h = zqdoc.parse(CORPORA / "pingtan-2015-huanwei.txt")
    assert not any(s.style == "arabic" and s.number == 2 for s in h.walk())


def test_an_action_plans_word_numbered_parts_nest_as_styles():
    # 一、 → 行动1: → ——任务1: (tasks numbered on across 行动), from a Shanghai 行动方案
    d = zqdoc.parse(CORPORA / "lineage" / "sh-gengxin-2026-xingdong.txt")
    got = [(s.level, s.marker) for s in d.walk()][:6]
    assert got == [(1, "一"), (2, "行动1"), (3, "任务1"), (3, "任务2"), (3, "任务3"), (2, "行动2")]
    task4 = next(s for s in d.walk() if s.marker == "任务4")
    assert task4.title == "推动重点地区更新提升" and task4.path == "1.2.1"
    # …only at a line start: a 任务 in a sentence is no marker
    assert [s.marker for s in zqdoc.parse_text("一、总体要求\n完成任务1项，推进行动2 个。\n").walk()] == ["一"]


def test_an_excerpt_opening_mid_list_starts_at_its_first_item():
    # a middle page of a 分解: 204.推进学前教育… 205.… (the ——推进教育高质量发展 lines are no markers)
    d = zqdoc.parse(CORPORA / "wuhan-2023-zerenfenjie.txt")
    assert [s.marker for s in d.sections][:3] == ["204", "205", "206"]
    assert any("the first section starts at 204" in w for w in d.warnings)
    # …but a lone number is no list: the next line-start number must follow it
    assert zqdoc.parse_text("关于做好安全生产工作的通知\n3.请各单位于月底前报送材料。\n特此通知。\n").sections == []


def test_headings_after_a_tables_last_row_are_not_its_groups():
    # 专栏1's indicator table (one cell per line) ends at row 10; 二、 and （一） after it open the plan's
    # next part, not empty groups of the table
    d = zqdoc.parse(CORPORA / "lineage" / "sh-shengtai-2026-guihua.txt")
    two = next(s for s in d.sections if s.marker == "二")
    assert [c.marker for c in two.children][:4] == ["（一）", "（二）", "（三）", "（四）"]
    assert next(s for s in d.walk() if s.marker == "10").style == "row"


def test_a_work_plans_stages_are_sections():
    # 三、方法步骤 / 第一阶段：宣传发动，调查摸底（5月1日—5月31日） …
    d = zqdoc.parse(CORPORA / "pingtan-2016-binzang.txt")
    steps = next(s for s in d.sections if s.title == "方法步骤")
    assert [c.marker for c in steps.children] == ["第一阶段", "第二阶段", "第三阶段", "第四阶段"]
    # …but not a stage named in a sentence
    assert [s.marker for s in zqdoc.parse_text("一、工作步骤\n第一阶段完成摸底。\n").walk()] == ["一"]


def test_a_tables_unnumbered_group_labels_and_totals_are_no_rows():
    # 序号 | 项目名称 | … / 2016年新开工项目 / 1 | … / 2 | … / 合计 | | 2912 | / 2016年基本建成项目 / 1 | …
    d = zqdoc.parse(CORPORA / "pingtan-2016-anjugongcheng.txt")
    rows = [s for s in d.walk() if s.style == "row"]
    assert [(r.marker, r.title) for r in rows] == [
        ("1", "中原安置小区（五组团）"), ("2", "吉钓安置小区"), ("1", "流水安置小区（C区南片）"), ("2", "澳前安置小区(A1地块)")]
    assert rows[0].assignments[0].agency == "平潭综合实验区国有资产投资发展有限公司"


def test_a_chapter_after_articles_whose_first_chapter_line_was_lost():
    # 第一条…第七条, then 第二章 (the copy has no 第一章 总则): the chapter stands above its articles
    d = zqdoc.parse(CORPORA / "anyang-2021-xuexiaoguihua.txt")
    two = next(s for s in d.sections if s.marker == "第二章")
    assert two.level == 1 and two.children[0].marker == "第八条"
    assert any("the numbering of 第二章 starts at 2" in w for w in d.warnings)


def test_a_table_of_figures_stays_in_the_section_it_stands_in():
    # 专栏 of indicators (序号 指标 单位 2025年 2030年…: 单位 is a unit of measure, no agencies) under a
    # heading with text of its own: its rows are that section's children
    d = zqdoc.parse(CORPORA / "minhang-2026-gengxin.txt")
    rows = [s for s in d.walk() if s.style == "row"]
    assert rows and all(r.level == 2 for r in rows)
    # …while a task table with a column of units keeps its rows at the top (上海 交通光伏 任务分工表)
    d = zqdoc.parse(CORPORA / "shanghai-2023-jiaotongguangfu.txt")
    assert any(s.style == "row" for s in d.sections)


def test_a_list_whose_first_item_lost_its_marker_opens_at_its_second():
    # 三、小型建设工程过程管理 / 1、…5、 / (二)项目信息报送管理 / … / (七)档案管理: no (一) is printed
    d = zqdoc.parse(Path(__file__).resolve().parent.parent / "corpora" / "jinhui-2019-xiaoxinggongcheng.txt")
    third = next(s for s in d.sections if s.marker == "三")
    assert [c.marker for c in third.children] == ["1", "2", "3", "4", "5", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)"]
    assert any("starts at 2" in w for w in d.warnings)


def test_items_numbered_with_a_full_stop_at_line_starts():
    # 1。推动… : a copy that printed the item's 1. as 。 (chengdu-2021-minshengshishi)
    d = zqdoc.parse(Path(__file__).resolve().parent.parent / "corpora" / "chengdu-2021-minshengshishi.txt")
    first = next(s for s in d.sections if s.marker == "一")
    assert [c.marker for c in first.children] == ["1", "2", "3", "4", "5", "6"]
    assert first.children[2].title == "打通中心城区“断头路”20条"
    # …not a number ending a sentence inside a line
    d = zqdoc.parse_text("一、总体目标\n全年指数达到100。下一步继续推进。\n")
    assert [s.marker for s in d.sections] == ["一"] and not d.sections[0].children

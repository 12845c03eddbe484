"""Families of forms that documents of other provinces print, each on a real document of corpora/
annotated blind (batches 1 and 2 of corpora/INDEX.md): the rule written for the family, and its
output on that document."""
from pathlib import Path

import pytest

import zqdoc
from zqdoc.extract import find_assignments
from zqdoc.extract.agencies import split_agencies
from zqdoc.extract.responsibility import parse_cell
from zqdoc.extract.targets import find_targets
from zqdoc.models import Role

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
LEAD, PART, RESP = Role.LEAD, Role.PARTICIPANT, Role.RESPONSIBLE


def doc(name):
    return zqdoc.parse(CORPORA / f"{name}.txt")


def real(name, quote):
    assert quote in (CORPORA / f"{name}.txt").read_text(encoding="utf-8"), quote
    return quote


def section(d, title_start):
    (s,) = [s for s in d.walk() if s.title.startswith(title_start)]
    return s


# ----------------------------------------------------------------------------- tables


def test_a_table_printed_one_row_a_line_with_a_progress_column():
    d = doc("jishui-2020-minsheng")
    assert [(s.level, s.marker) for s in d.walk()] == [(1, "一"), (2, "1"), (2, "2"), (2, "3")]
    row = section(d, "推动义务教育基本均衡")
    assert [(a.agency, a.role) for a in row.assignments] == [("县教体局", RESP), ("各相关乡镇政府", RESP)]
    assert row.leaders == ["毛晓青"]
    # 新增义务教育学位5500个 stands in the 落实情况 column: an achievement, not a target
    assert [t.value for t in row.targets] == [5000]


def test_a_letter_spaced_header_and_rows_split_at_spaces():
    d = doc("guowuyuan-2016-lianghua")
    rows = [s for s in d.walk() if s.style == "row"]
    assert len(rows) == 9 and rows[0].title == "居民消费价格涨幅3%左右"
    assert [(a.agency, a.role) for a in rows[0].assignments] == [("发展改革委", LEAD)]


def test_group_rows_are_headings_over_their_rows():
    d = doc("liaozhong-2024-fenjie")
    top = d.sections[-1]
    assert (top.marker, top.title) == ("一", "做大做强主导产业")
    assert [c.marker for c in top.children][:3] == ["1", "2", "3"]
    first = top.children[0]
    assert [(a.agency, a.role) for a in first.assignments][:2] == [("区农业农村局", LEAD), ("区发展改革局", PART)]


def test_a_group_column_before_the_number_and_a_unit_and_head_column():
    d = doc("zhaoqing-2020-minsheng")
    group = d.sections[0]
    assert (group.marker, group.title) == ("一", "继续提高底线民生保障水平")
    row = group.children[0]
    assert [(a.agency, a.role) for a in row.assignments] == [("市民政局", LEAD)]  # 市民政局 伍泽国: the head is no agency


def test_cells_split_at_spaces_only_between_agencies():
    found, _ = parse_cell("责任单位", "县教体局 各相关乡镇政府")
    assert [a.agency for a in found] == ["县教体局", "各相关乡镇政府"]


def test_a_slash_in_a_cell_lists_agencies_or_marks_it_empty():
    found, _ = parse_cell("配合单位", "市医保局/市卫生健康委")
    assert [(a.agency, a.role) for a in found] == [("市医保局", PART), ("市卫生健康委", PART)]
    assert real("guangzhou-2023-jiatingyisheng", "各区政府、市卫生健康委\n/\n基层处\n/\n")  # / : no unit
    assert parse_cell("配合单位", "/")[0] == []


# ----------------------------------------------------------------------------- markers and lines


def test_a_marker_followed_by_digits_continues_its_list():
    d = doc("guangzhou-2012-rencai")
    assert [s.title for s in d.walk() if s.marker in ("10", "11", "12")] == [
        "“羊城学者”特聘岗位项目", "121人才梯队项目", "博士后培养项目"]


def test_a_colon_after_a_part_or_chapter_marker_parts_it_from_its_title():
    d = doc("shanxi-2006-shiyiwu")
    assert real("shanxi-2006-shiyiwu", "第一部分:“十一五”期间主要工作任务的责任分解")
    assert (d.sections[0].marker, d.sections[0].title) == ("第一部分", "“十一五”期间主要工作任务的责任分解")
    top = zqdoc.parse_text("第一章：总则\n第一条 为了规范工作，制定本办法。\n第二章：职责\n").sections
    assert [(s.marker, s.title) for s in top] == [("第一章", "总则"), ("第二章", "职责")]


def test_a_markdown_copys_heading_marks_before_markers():
    d = doc("chongqing-2020-hezhangzhi")
    assert real("chongqing-2020-hezhangzhi", "## 第一章 总 则")
    assert [(s.marker, s.level) for s in d.walk()][:2] == [("第一章", 1), ("第一条", 2)]


def test_a_plans_decimal_outline_and_a_contents_list_without_page_numbers():
    # 应急预案 number their parts 1 / 1.1 / 3.2.1, a heading line each
    d = doc("guowuyuan-2014-yingjiyuan")
    assert real("guowuyuan-2014-yingjiyuan", "1　总则\n1.1　编制目的\n")
    assert [(s.marker, s.level, s.title) for s in d.walk()][:3] == [("1", 1, "总则"), ("1.1", 2, "编制目的"), ("1.2", 2, "编制依据")]
    assert ("3.2.1", 3) in [(s.marker, s.level) for s in d.walk()]
    assert d.meta.doc_number == "国办函〔2014〕119号"  # glued between the title and the 主送 on the first line
    # a contents list printed without page numbers (目 录 / 1  总则 / 1.1编制目的 …) holds no heading
    assert real("qiqihaer-2019-yingji", "  目 录\n  1  总则\n  1.1编制目的\n")
    assert list(doc("qiqihaer-2019-yingji").walk()) == []


def test_an_attachment_starts_its_numbering_at_the_top():
    d = doc("hunan-2022-ronghe")
    assert real("hunan-2022-ronghe", "\n附件\n")
    assert {s.level for s in d.walk() if s.marker == "1"} == {1}


def test_parenthesised_ideograph_markers():
    d = doc("xinyu-2012-lvsejianzhu")
    assert [s.marker for s in d.walk() if s.style == "paren_cn"][:3] == ["㈠", "㈡", "㈢"]


def test_em_space_indentation():
    d = doc("shanghai-2025-yiliaoqixie")
    assert [s.title for s in d.sections][:2] == ["主要目标", "重点发展产品"]
    assert d.meta.issuer == "上海市人民政府办公厅"


def test_a_page_collapsed_onto_one_line_with_glued_markers():
    d = doc("pingtan-2018-zhengwugongkai")
    assert [s.marker for s in d.sections] == ["一", "二", "三"]
    assert [s.title for s in d.sections][1:] == ["主要任务和责任分工", "工作保障"]
    first = d.sections[1].children[0]
    assert (first.marker, first.title) == ("（一）", "围绕法治政府及重点领域推进政务公开")
    assert first.children[0].title == "实现政府工作公开透明"


# ----------------------------------------------------------------------------- clauses and agencies


def test_a_bare_place_after_a_qualified_one_is_one_collective():
    quote = real("guangzhou-2012-rencai", "（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）")
    _, found, _ = find_assignments(quote)
    assert [(a.agency, a.role) for a in found] == [
        ("市发展改革委", LEAD), ("市委组织部", PART), ("市人力资源和社会保障局", PART), ("各区、县级市", PART)]


def test_a_partner_named_after_huitong_is_no_agency():
    assert split_agencies(real("guowuyuan-2018-jili", "财政部会同有关部门")) == ["财政部"]


def test_people_bank_branch_and_a_generic_tail_after_etc():
    quote = real("chuzhou-2020-fenjie", "协同责任单位:市税务局、滁州海关、市人行、滁州经开区管委会、中新苏滁高新区管委会等")
    _, found, _ = find_assignments(quote)
    assert [a.agency for a in found] == ["市税务局", "滁州海关", "市人行", "滁州经开区管委会", "中新苏滁高新区管委会"]
    assert {a.role for a in found} == {PART}


def test_a_long_list_after_you_in_prose():
    text = (CORPORA / "sichuan-2014-ducha.txt").read_text(encoding="utf-8")
    start = text.index("19个方面督查重点")
    _, found, _ = find_assignments(text[start:text.index("。", start) + 1])
    leads = [a.agency for a in found if a.role == LEAD]
    assert leads[:2] == ["省政府办公厅", "住房城乡建设厅"] and len(leads) == 15
    assert [(a.agency, a.role) for a in found if a.role == PART] == [("其他相关部门（单位）", PART)]


def test_a_heading_that_names_its_lead():
    d = doc("shanxi-2008-zerenfenjie")
    s = section(d, "省监察厅牵头的工作")
    assert [(a.agency, a.role) for a in s.assignments] == [("省监察厅", LEAD)]


def test_a_list_and_role_word_that_end_the_line_tag_the_task_before_them():
    quote = real("gulou-2021-fenjie", "助推先进技术与创新产品加快市场化进程。高新区管委会、区科技局主办")
    assert [(a.agency, a.role) for a in find_assignments(quote)[1]] == [("高新区管委会", LEAD), ("区科技局", LEAD)]
    # in the middle of a paragraph an unnamed organ opening a sentence is no clause
    assert find_assignments("加快市场化进程。高新区管委会主办的论坛将于5月举行。")[1] == []


def test_a_regulations_articles_and_items_name_agencies_by_function():
    # 第X条 and （四） open the line; a function's name (交通部门, 公安机关, …主管部门) is an organ there
    d = doc("chongqing-2020-kongyan")
    item = section(d, "交通部门负责")
    assert real("chongqing-2020-kongyan", "（四）交通部门负责公共交通工具及其相关公共场所的控制吸烟工作；")
    assert [(a.agency, a.role) for a in item.assignments] == [("交通部门", RESP)]
    item = section(d, "教育、人力资源社会保障行政部门")
    assert [(a.agency, a.role) for a in item.assignments] == [("教育、人力资源社会保障行政部门", RESP)]  # 按照各自职责负责
    quote = real("chongqing-2016-cunzhengongshui", "第二十七条 区县（自治县）水行政主管部门负责本行政区域规模化供水工程运行管护的")
    assert [(a.agency, a.role) for a in find_assignments(quote)[1]] == [("区县（自治县）水行政主管部门", RESP)]
    # in the middle of a paragraph a function's name opening a sentence is no clause
    assert find_assignments("加强宣传。交通部门负责的项目要按期完成。")[1] == []


def test_a_clause_by_you_after_a_condition_ending_in_de():
    quote = real("youyang-2012-chengzhen", "公共厕所由其管理单位负责，无管理单位的由环境卫生行政主管部门负责")
    assert [(a.agency, a.role) for a in find_assignments(quote + "。")[1]] == [("环境卫生行政主管部门", RESP)]


def test_a_heading_that_is_an_agencys_name_holds_the_duties_below_it():
    d = doc("jiading-2023-gengxin")
    assert real("jiading-2023-gengxin", "（二）区更新办\n区更新办由区建设管理委、区住房保障房屋管理局、区规划资源局三家副主任单位协同开展工作，负责")
    (holder,) = [s for s in d.walk() if s.title == "区更新办"]
    assert ("区更新办", RESP) in [(a.agency, a.role) for a in holder.assignments]
    # on one line, after 。
    found = find_assignments("（一）区房管局。负责全区房屋安全的监督管理。")[1]
    assert [(a.agency, a.role) for a in found] == [("区房管局", RESP)]
    # a heading that is no agency holds nothing
    assert find_assignments("（一）工作目标。负责的项目按期完成。")[1] == []


def test_under_a_duty_heading_a_subheading_that_is_an_agency_holds_its_duties():
    d = doc("songjiang-2017-tingchegongxiang")
    assert real("songjiang-2017-tingchegongxiang", "（二）区公安分局\n调研道路停车资源供给状况")
    (police,) = [s for s in d.walk() if s.title == "区公安分局"]
    assert [(a.agency, a.role) for a in police.assignments] == [("区公安分局", RESP)]
    # a subheading elsewhere that is an agency's name holds nothing by itself
    plain = zqdoc.parse_text("一、工作安排\n（一）区公安分局\n调研道路停车资源供给状况。\n")
    assert [a.agency for s in plain.walk() for a in s.assignments] == []


def test_the_agent_after_a_task_and_by_is_the_agency():
    # X项目由Y负责 / 成立由Y牵头…: the agencies start after 由, not at the task that opens the piece
    def agencies(text):
        return [(a.agency, a.role) for a in find_assignments(text)[1]]

    quote = real("pingtan-2015-yiju", "责任分工：竹屿湖二期项目由区交通投资有限公司负责实施，区直有关单位配合。")
    assert agencies(quote) == [("区交通投资有限公司", RESP), ("区直有关单位", PART)]
    quote = real("shanghai-2023-jiaotongguangfu", "成立由市交通委牵头，市发展改革委、市住房城乡建设管理委")
    assert agencies(quote + "等部门共同参与的推进机制。")[0] == ("市交通委", LEAD)
    # 自由 is a word: the free-trade zone's committee stays whole
    assert agencies("责任单位：自由贸易试验区管委会负责。") == [("自由贸易试验区管委会", RESP)]


# ----------------------------------------------------------------------------- targets


def test_a_section_reporting_the_present_state_holds_no_targets():
    d = doc("jilin-2020-changji")
    assert section(d, "基本情况").targets == [] and section(d, "发展水平").targets == []


@pytest.mark.parametrize("name, quote", [
    ("xian-2022-fenjie", "分为十二部分,共171项"),
    ("pingtan-2018-zhengwugongkai", "1个工作日内"),
    ("fujian-2017-shishi", "最低生活保障省定最低标准由家庭年人均收入2650元提高到3000元"),
    ("guowuyuan-2019-zhijiao", "原则上每5年修订1次职业院校专业目录"),
    ("guowuyuan-2018-lianxihuiyi", "联席会议设召集人1人"),
    ("xinyu-2012-lvsejianzhu", "建筑面积15万平方米以上的住宅小区"),
    ("songjiang-2025-gengxin", "节能率不低于15%的既有公共建筑节能改造"),
    ("guowuyuan-2019-rongzidanbao", "各级政府性融资担保、再担保机构要重点支持单户担保金额500万元及以下的小微企业和“三农”主体"),
    ("pingtan-2022-guoqigaige", "引入持股5%及以上的战略投资者作为积极股东参与公司治理"),
    ("suping-2023-jihua", "持续巩固现有17个“五星级”党组织和6个党建品牌示范点创建成果"),
])
def test_counts_of_a_set_durations_and_policy_standards_are_no_targets(name, quote):
    assert find_targets(real(name, quote)) == []


def test_a_frequency_a_post_or_a_size_class_beside_a_real_target():
    # the filters read the words around each number, so a commitment in the same sentence stays
    text = real("guowuyuan-2019-zhijiao", "每3年修订1次教材") + ",新增实训基地50个,每季度组织培训2万人次"
    assert [(t.value, t.unit) for t in find_targets(text)] == [(50, "个"), (2, "万人次")]
    assert [t.value for t in find_targets("打造若干个500亿元以上的产业")] == [500]


def test_must_not_fall_below_is_at_least():
    (t,) = find_targets(real("guowuyuan-2019-rongzidanbao", "占比不得低于50%"))
    assert (t.value, t.comparator.value) == (50, ">=")
    assert find_targets("资产负债率不得超过70%")[0].comparator.value == "<="


def test_a_section_on_why_it_matters_reports_figures():
    d = doc("wulanchabu-2015-yanglao")
    s = section(d, "加快发展养老服务业的重要意义")
    assert s.targets == [] and "%" in s.text


def test_a_line_that_only_lists_agencies_is_their_responsibility():
    d = doc("xianning-2020-zerenfengong")
    got = {(a.agency, a.role) for a in section(d, "加强对防疫重点企业财税支持").assignments}
    assert {("市税务局", RESP), ("各县、市、区政府", RESP), ("咸宁高新区管委会", RESP)} <= got
    # a line of ordinary words, or an agency inside a sentence, is no list
    assert find_assignments("(一)推进改革\n市场主体、社会组织\n市财政局要加强保障。")[0] == []


def test_a_compound_unit_stays_whole():
    (t,) = find_targets(real("tongzhou-2021-fengong", "城区道路路网密度达到5.1公里/平方公里"))
    assert (t.value, t.unit, t.comparator.value) == (5.1, "公里/平方公里", ">=")


# ----------------------------------------------------------------------------- titles


@pytest.mark.parametrize("name, title", [
    ("jilin-2020-changji", "吉林省人民政府办公厅关于印发长吉接合片区国家城乡融合发展试验区改革实施方案的通知"),
    ("yangpu-2021-yaodian", "关于印发区政府2021年第三季度工作要点的通知"),
    ("liangping-2021-fenjie", "重庆市梁平区人民政府办公室关于印发2021年区政府工作报告目标任务分解方案的通知"),
    ("chuzhou-2020-fenjie", "滁州市人民政府关于2020年市政府重点工作及责任分解的通知"),
    ("hegang-2025-fuyuan", "鹤岗市人民政府 鹤岗市中级人民法院印发关于完善“府院联动”机制的意见的通知"),
    ("guowuyuan-2018-sanxiangzhidu",  # over three lines, the first ending inside a phrase
     "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"),
    ("shaanxi-2006-shiyiwu", "陕西省人民政府关于落实《陕西省国民经济和社会发展第十一个五年规划纲要》主要目标和任务工作分工的通知"),
])
def test_titles_wrapped_tagged_or_dated_as_copies_print_them(name, title):
    assert "".join(doc(name).meta.title.split()) == "".join(title.split())


@pytest.mark.parametrize("name, number", [
    ("chuxiong-2021-minsheng", "楚政办通〔2021〕5号"),  # a metadata row: 主题词: | 发布日期:… | 文 号:…
    ("henan-2023-zerendanwei", "豫政〔2023〕5号"),  # a collapsed head: title, number and body on one line
    ("sichuan-2017-xibu", "川办函〔2017〕113号"),  # with its date on its line
    ("yueyang-2017-gongkai", "岳办发〔2017〕2号"),  # in brackets after the title
])
def test_document_numbers_wherever_copies_print_them(name, number):
    assert doc(name).meta.doc_number == number


def test_a_collapsed_notice_head_gives_number_title_issuer_and_date():
    m = doc("changshu-2018-renwu").meta
    assert (m.doc_number, m.issuer, str(m.signed_date)) == ("常政办发〔2018〕32号", "常熟市人民政府办公室", "2018-02-24")
    assert "".join(m.title.split()) == "市政府办公室关于分解落实2018年政府工作任务的通知"


# ----------------------------------------------------------------------------- batch 5 families


def test_a_cell_printed_an_agency_a_line_before_the_time_cell():
    row = section(doc("dazhu-2016-minsheng"), "启动建设东柳河城区段综合治理工程和东湖湿地公园")
    assert {(a.agency, a.role) for a in row.assignments} == {("县水务局", RESP), ("县住建局", RESP), ("县护城河指挥部", RESP)}


def test_a_rows_sub_rows_repeat_its_last_columns():
    row = section(doc("guangzhou-2023-jiatingyisheng"), "有序扩大家庭医生来源")
    got = {(a.agency, a.role) for a in row.assignments}
    assert {("各区政府", LEAD), ("市人社局", PART), ("人事处", LEAD), ("医政处", PART)} <= got  # from its second sub-row too


def test_a_marker_alone_on_its_line_takes_the_next_line_as_its_title():
    d = doc("qiandongnan-2024-minsheng")
    assert [s.marker for s in d.sections][:3] == ["(一)", "(二)", "(三)"]
    assert d.sections[0].title.startswith("促进群众就业增收") and d.sections[0].targets


def test_a_count_of_kinds_closing_a_list_describes_it():
    text = real("guangzhou-2023-jiatingyisheng", "落实低保、孤儿以及计生特别扶助家庭等6类困难群体免费签约基本包政策")
    assert find_targets(text) == []
    assert [t.value for t in find_targets(real("guangdong-2014-yitihua", "开工建设深圳外环高速公路等3个项目"))] == [3]


def test_the_level_its_agencies_speak_for_picks_the_government_its_text_names():
    # a news copy of a provincial 责任分解 without any metadata: its agencies are 省…, the province
    # is the division at that level its text names
    d = doc("zhejiang-2020-fenjie")
    assert d.meta.government == "浙江省"
    assert {a.jurisdiction_code for s in d.walk() for a in s.assignments if a.agency.startswith("省")} == {"330000"}


def test_a_header_row_after_the_tables_title_and_a_cell_left_empty():
    # 常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位 / 1 地区生产总值增长7%以上…. 发改委
    d = doc("changshu-2018-renwu")
    row = section(d, "地区生产总值增长7%以上")
    assert [(a.agency, a.role) for a in row.assignments] == [("发改委", LEAD)]
    assert [t.value for t in row.targets] == [7, 47.1]


def test_a_list_after_you_runs_over_a_comma():
    text = real("zhengzhou-2006-fenjie", "由市财政局、农业局、劳动保障局、农机局,各县(市)、区人民政府负责落实")
    got = [(a.agency, a.role) for a in find_assignments(text)[1]]
    assert got == [(x, RESP) for x in ("市财政局", "农业局", "劳动保障局", "农机局", "各县(市)、区人民政府")]


def test_a_line_of_duties_opening_with_its_agency():
    # a 工作职责 section: 区交通委:加强市政道路…
    d = doc("fengxian-2021-gongyuancheng")
    row = section(d, "区交通委：加强市政道路")
    assert [(a.agency, a.role) for a in row.assignments] == [("区交通委", RESP)]
    assert find_assignments("(一)工作目标:到2025年,建成10个公园")[1] == []


def test_a_group_name_merged_over_its_rows_is_not_their_title():
    # 序号 任务名称 任务内容 牵头部门 配合部门 时间节点, 任务名称 printed on a group's first row only
    d = doc("baoshan-2019-lajifenlei")
    first = section(d, "召开全区生活垃圾分类工作动员大会")
    assert [(a.agency, a.role) for a in first.assignments] == [("区政府办公室", LEAD), ("各联席会议成员单位", PART)]
    second = section(d, "将生活垃圾管理作为生态文明建设")
    assert ("区委组织部(区公务员局)", LEAD) in {(fold_name(a.agency), a.role) for a in second.assignments}


def fold_name(name):
    from zqdoc.normalize import fold

    return fold(name)


def test_a_generic_tail_of_the_state_council_and_a_number_glued_to_the_title():
    d = doc("guowuyuan-2020-yingshang")
    assert (d.meta.doc_number, d.meta.title) == ("国办发〔2020〕24号", "国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见")
    got = find_assignments(real("guowuyuan-2020-yingshang", "国家知识产权局等国务院相关部门按职责分工负责"))[1]
    assert [(a.agency, a.role) for a in got] == [("国家知识产权局", RESP)]


def test_a_note_in_brackets_after_a_columns_name_does_not_give_it_a_role():
    from zqdoc.extract.responsibility import role_for_column

    header = real("shizhong-2025-jinzhan", "责任单位 (加黑为牵头单位)")
    assert role_for_column(header) == RESP and role_for_column("牵头单位(部门)") == LEAD


def test_in_a_collapsed_page_a_marker_after_a_colon_or_a_closing_quote():
    d = doc("pingtan-2022-duishidudao")
    titles = [s.title for s in d.walk()]
    assert any(t.startswith("前期准备阶段") for t in titles)  # …分四个阶段进行:(一)前期准备阶段…


def test_a_count_closing_a_list_of_three_named_items_grades_and_cost_estimates_are_no_targets():
    text = real("shanghai-2025-shangwufuwu", "浦东、静安、黄浦等3个集聚区合计营收占全市比重达到60%")
    assert [(t.value, t.unit) for t in find_targets(text)] == [(60, "%")]
    text = real("pingtan-2015-huanwei", "建设10座垃圾转运站；建设40座城市一类以上公厕")
    assert [(t.value, t.unit) for t in find_targets(text)] == [(10, "座"), (40, "座")]
    assert find_targets(real("pingtan-2015-huanwei", "两年行动计划环卫设施建设共需资金约2.391亿元")) == []
    assert find_targets(real("gangu-2020-minsheng", "加快建设总投资7.58亿元的县医院迁建项目")) == []


def test_a_collective_of_enterprises_is_an_agency_of_its_own():
    assert split_agencies(real("shanghai-2023-jiaotongguangfu", "各交通行业企业、市道路运输局")) == ["各交通行业企业", "市道路运输局"]


def test_a_page_stored_as_one_line_without_spaces_between_its_head_parts():
    # 平潭's archive: …QQ空间 岚综管办〔2015〕70号平潭…的通知区直各单位，…：…遵照执行。附件：《…》平潭…办公室2015年4月17日(联系人…
    d = doc("pingtan-2015-yiju")
    assert (d.meta.doc_number, d.meta.issuer, str(d.meta.signed_date)) == (
        "岚综管办〔2015〕70号", "平潭综合实验区管委会办公室", "2015-04-17")
    assert d.meta.title == "平潭综合实验区管委会办公室关于印发《平潭综合实验区2015年宜居环境建设行动计划实施方案》的通知"
    assert d.meta.recipients[:2] == ["区直各单位", "各片区开发管理局"]
    assert d.meta.government == "福建省福州市平潭县"


# ----------------------------------------------------------------------------- batch 9


def test_sections_of_a_plan_outline_and_its_review_of_the_last_plan():
    """第一章 → 第一节 → 1.; the figures of 第一节 发展基础 report the last five years."""
    d = doc("hanshou-2021-shisiwu")
    assert [(s.level, s.marker) for s in d.walk()] == [(1, "第一章"), (2, "第一节"), (3, "1")]
    assert all(not s.targets for s in d.walk())
    assert d.meta.plan_title.endswith(real("hanshou-2021-shisiwu", "2035年远景目标纲要"))  # 导 言 is no part of it


def test_a_news_copy_with_zero_padded_subheadings_names_the_document_it_reports():
    d = doc("tianjin-2021-renwufengong")
    assert [(s.marker, s.title) for s in d.sections] == [("01", "教育"), ("02", "医疗"), ("03", "养老")]
    assert d.meta.title == real("tianjin-2021-renwufengong", "天津市人民政府关于落实国务院<政府工作报告>重点工作的任务分工")
    assert d.meta.issuer == "天津市人民政府"
    assert [t.value for t in d.sections[2].targets] == [100, 100, 4000]
    # a padded number inside a sentence or a long line opens nothing
    assert [s.marker for s in zqdoc.parse_text("一、总体要求\n2022年\n05 月底前完成。\n01 到2025年建成的项目要全部投产。").walk()] == ["一"]


def test_site_metadata_as_a_bulleted_list_and_as_letter_spaced_pairs():
    assert doc("ali-2021-guize").meta.doc_number == real("ali-2021-guize", "阿行发〔2021〕42号")
    haixi = doc("haixi-2020-shouguan")
    assert real("haixi-2020-shouguan", " 文  号  西政办〔2020〕91号  公开日期  2020-10-30")
    assert haixi.meta.doc_number == "西政办〔2020〕91号"


def test_a_column_tag_before_a_news_headline_is_no_part_of_the_title():
    assert real("hebei-2018-shixiang", "[区域发展]河北2018年抓好十个方面重点工作")
    assert doc("hebei-2018-shixiang").meta.title == "河北2018年抓好十个方面重点工作"


def test_a_generic_tail_with_a_prefecture_qualifier_in_mid_list():
    s = doc("chuxiong-2016-wenzengzhang").sections[0]
    assert real("chuxiong-2016-wenzengzhang", "州交通运输局等州级有关部门,各县市人民政府负责")
    assert [a.agency for a in s.assignments][-2:] == ["州交通运输局", "各县市人民政府"]


def test_the_base_of_a_rate_the_condition_of_a_rule_and_a_norm_are_no_targets():
    d = doc("fuzhou-2022-jinglaoyuan")
    raws = [t.raw for s in d.walk() for t in s.targets]
    for quote in ("入住人数大于10人的", "每增加1人", "每2至3个毗邻乡镇", "原则上不超过150张"):
        real("fuzhou-2022-jinglaoyuan", quote)
        assert not any(quote in r or r in quote for r in raws), quote
    assert any("完成80%以上" in r for r in raws) and any("入住率达到60%以上" in r for r in raws)


def test_an_amount_whose_next_clause_says_what_it_pays_for_is_no_target():
    s = section(doc("yunnan-2015-wenjingji"), "提高招商引资成效")
    assert real("yunnan-2015-wenjingji", "从招商引资专项资金中安排2000万元,用于市场化招商")
    assert 2000 not in [t.value for t in s.targets] and [t.value for t in s.targets][:3] == [100, 100, 100]


def test_counts_of_the_measures_an_area_holds_and_of_a_scope_column_are_no_targets():
    d = doc("guowuyuan-2018-chuangxinjucuo")
    real("guowuyuan-2018-chuangxinjucuo", "（一）知识产权保护方面5项：")
    real("guowuyuan-2018-chuangxinjucuo", "| 8个改革试验区域")
    assert [t.raw for s in d.walk() for t in s.targets] == []


def test_figures_of_a_sentence_that_opens_as_of_a_date_are_reported():
    s = section(doc("fengxian-2021-nongcungonglu"), "县道截至")
    assert real("fengxian-2021-nongcungonglu", "县道截至2020年底，全区县道总里程427公里，桥梁371座。")
    assert s.targets == []


def test_a_table_one_cell_a_line_whose_header_breaks_a_column_name_and_whose_group_marker_stands_alone():
    """市政府 / 分管领导 is one column (市政府分管领导); （一） / 加强战略科技力量建设。 is one group heading."""
    d = doc("guangzhou-2021-fengong")
    assert [(s.level, s.marker) for s in d.walk()] == [(1, "(一)"), (2, "1"), (2, "2")]
    row = d.sections[0].children[1]
    assert row.leaders == ["王 东"]
    assert [(a.agency, a.role) for a in row.assignments][:2] == [("市科技局", LEAD), ("市政府办公厅", PART)]


def test_a_table_whose_group_and_unit_cells_are_merged_down_and_a_second_table_after_it():
    """附表1 prints 事项 and 责任单位 only on a group's first row: a row of one cell is its 工作措施,
    with no agency carried down; 附表2 starts a table of its own."""
    d = doc("shanghai-2023-jiaotongguangfu")
    rows = [s for s in d.walk() if s.style == "row"]
    first, second = rows[0], rows[1]
    assert first.title.startswith("充分利用轨道交通内既有高架车站") and [a.agency for a in first.assignments] == ["申通地铁集团"]
    assert second.title == real("shanghai-2023-jiaotongguangfu", "新建高架车站、地面车站、基地库房等要求屋顶光伏覆盖面积达到50%")
    assert second.assignments == []
    assert "地铁" in [r.title for r in rows]  # 附表2's first row, titled by its first cell


def test_a_collapsed_list_of_measures_whose_items_end_with_their_clauses():
    d = doc("guowuyuan-2020-fangguanfu")
    assert real("guowuyuan-2020-fangguanfu", "按职责分工负责）具体措施：1．总结推广疫情防控中服务企业的经验做法")
    item = section(d, "继续优化常态化疫情防控")
    assert [(c.marker, c.title[:12]) for c in item.children] == [
        ("1", "总结推广疫情防控中服务企"), ("2", "适时调整优化精准防控措施"), ("3", "2020年底前制定出台餐")]
    assert [(a.agency, a.role) for a in item.children[0].assignments] == [("各地区", RESP), ("各部门", RESP)]


def test_a_page_on_one_line_whose_paragraphs_open_with_two_ideographic_spaces():
    d = doc("guowuyuan-2014-huanjingjianguan")
    assert real("guowuyuan-2014-huanjingjianguan", "的通知国办发〔2014〕56号各省、自治区")
    assert (d.meta.doc_number, d.meta.title) == ("国办发〔2014〕56号", "国务院办公厅关于加强环境监管执法的通知")
    assert real("guowuyuan-2014-huanjingjianguan", "　　一、严格依法保护环境，推动监管执法全覆盖　　有效解决")
    assert d.sections[0].title == "严格依法保护环境，推动监管执法全覆盖"



def test_a_task_table_whose_item_column_precedes_the_task_column():
    # 类别 / 项目 / 主要任务 / 牵头单位 / 配合单位, one cell a line: the numbered item is the 项目 cell
    # (its name wrapped over two lines), a list of agencies broken after its 、 is one cell
    lines = [real("yangpu-2022-jicengxiaofang", x) for x in (
        "类别", "项目", "主要任务", "牵头单位", "配合单位", "一、做好政策保障", "1.做好规划配套",
        "将基层消防安全综合治理建设工作与市级消防专项规（2022-2035年）同步规划、同步实施，落实区单元规划、控详规划关于消防设施规划控制要求。",
        "区消防救援支队", "区应急局、区公安分局、区规划资源局、各街道", "二、推进基层消防安全组织建设", "6.设立消防安全", "管理办公室",
        "年底前，各街道消防安全委员会下设办公室，承担各街道消防安全委员会日常工作，明确相应的负责人和一定数量的工作人员。",
        "区委编办、", "各街道", "区消防救援支队")]
    d = zqdoc.parse_text("附件：\n杨浦区基层消防安全综合治理建设工作重点任务清单\n" + "\n".join(lines) + "\n")
    rows = {s.title: s for s in d.walk() if s.cells is not None}
    assert list(rows) == ["做好规划配套", "设立消防安全管理办公室"]
    assert [(a.agency, a.role) for a in rows["做好规划配套"].assignments] == [
        ("区消防救援支队", Role.LEAD), ("区应急局", Role.PARTICIPANT), ("区公安分局", Role.PARTICIPANT),
        ("区规划资源局", Role.PARTICIPANT), ("各街道", Role.PARTICIPANT)]
    assert [(a.agency, a.role) for a in rows["设立消防安全管理办公室"].assignments] == [
        ("区委编办", Role.LEAD), ("各街道", Role.LEAD), ("区消防救援支队", Role.PARTICIPANT)]
    assert [s.title for s in d.sections if s.cells is None][-2:] == ["做好政策保障", "推进基层消防安全组织建设"]


def _roles(doc, title: str) -> set[tuple[str, str]]:
    return {(a.agency, a.role.value) for s in doc.walk() if s.title == title for a in s.assignments}


def test_a_participants_label_of_参加单位_and_a_first_listed_note_standing_as_its_own_sentence():
    # 牵头单位：… / 参加单位：… lines under each task
    d = zqdoc.parse(CORPORA / "pingtan-2018-paihai.txt")
    assert ("区农村发展局", "lead") in _roles(d, "实施海洋生态红线制度")
    assert ("区经济发展局", "participant") in _roles(d, "实施海洋生态红线制度")
    # 各项任务中排位靠前的责任单位为牵头单位。 in the closing measures speaks for the tasks above it;
    # a list opening with 各片区项目建设指挥部 (each area's) has no lead
    d = zqdoc.parse(CORPORA / "pingtan-2018-renjuhuanjing.txt")
    assert {("区交建局", "lead"), ("区农发局", "lead")} <= _roles(d, "实施农村垃圾治理行动")
    assert ("各片区项目指挥部", "responsible") in _roles(d, "实施村容村貌提升行动")
    assert not {a for a, r in _roles(d, "实施村容村貌提升行动") if r == "lead" and a.startswith("各")}


def test_a_pdf_copys_spaced_article_numbers_are_markers_and_no_targets():
    d = zqdoc.parse(CORPORA / "liuhe-2023-zhongdianchanye.txt")
    articles = [s.marker for s in d.walk() if s.marker.startswith("第")]
    assert articles[:2] == ["第 1 条", "第 2 条"] and "第 1 0 条" in articles and len(articles) == 26
    assert not [t for s in d.walk() for t in s.targets if t.unit == "条"]


def test_the_figures_of_a_sentence_granting_an_incentive_are_its_terms():
    # …年上缴税金地方经济贡献额达到30万元以上,一次性给予10万元奖励: amount and threshold alike
    found = find_targets("对新增并纳入统计范围的规模以上工业企业，一次性给予5万元奖励；年上缴税金地方经济贡献额达到30万元以上，"
                         "一次性给予10万元奖励。对新发展100—500亩（含500亩）的中药材种植基地，每亩补助100元。")
    assert found == []
    # a budget the plan commits, beside a rate it grants in another clause, stays a target
    kept = find_targets("区财政对贫困农户生产性贷款利息按7%予以贴息，每年安排180万元资金扶持600户有劳动能力的贫困农户发展生产。")
    assert (600, "户") in {(t.value, t.unit) for t in kept}


def test_a_section_that_sets_prices_or_standards_and_a_class_by_its_total_hold_no_targets():
    d = zqdoc.parse(CORPORA / "xianghua-2024-zichanzulin.txt")
    prices = next(s for s in d.walk() if s.title == "租赁价格")
    assert "0.8元" in prices.text and prices.targets == []
    assert find_targets("投资总额100万元及以上的新建、改建、扩建工程，由镇政府审批。") == []


def test_a_townships_law_enforcement_team_and_a_village_committee_hold_duties():
    d = zqdoc.parse(CORPORA / "wujing-2023-chubeiyongdi.txt")
    agencies = {a.agency for s in d.walk() for a in s.assignments}
    assert {"镇行政执法队", "临时用地所属地村委会", "镇拆违办"} <= agencies


def test_a_later_clause_of_a_sentence_with_an_organs_own_name_and_the_congress_and_cppcc():
    # 区财政金融局负责安排专项资金,…,乡镇政府负责组织群众…; 县人大、政协要牵头组织人大代表、政协委员…
    d = zqdoc.parse(CORPORA / "pingtan-2019-lvdaohuacheng.txt")
    assert ("乡镇政府", "responsible") in _roles(d, "抓好乡村绿化")
    assert {("县人大", "lead"), ("政协", "lead")} <= _roles(d, "加强宣传引导")
    # …and no clause where the role word opens a noun (负责人, 配合人员)
    assert find_assignments("市发改委负责人要配合。区财政局配合人员到位。")[1] == []


def test_a_bank_branch_and_a_regulators_group_by_their_short_names_and_no_role_for_companions():
    d = zqdoc.parse(CORPORA / "pingtan-2020-hezuoshe.txt")
    assert {("人行", "responsible"), ("银保监组", "responsible")} <= _roles(d, "加大金融支持")
    # 由市发展改革委…牵头,会同相关部门和各区政府按照职责协同推进: those it works with hold no role
    d = zqdoc.parse(CORPORA / "shanghai-2024-qianrushi.txt")
    agencies = {a.agency for s in d.walk() for a in s.assignments}
    assert "市发展改革委" in agencies and not {a for a in agencies if a.startswith("会同")}


def test_an_agency_working_under_its_governments_lead_before_its_role_word():
    d = zqdoc.parse(CORPORA / "shanghai-2009-kongyan.txt")
    assert "市和区健康促进委员会" in {a.agency for s in d.walk() for a in s.assignments if a.role.value == "responsible"}

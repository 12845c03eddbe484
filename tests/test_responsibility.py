"""Responsibility clauses, on real sentences of the corpus (each quote is checked to occur in its
file), plus a corpus-wide comparison with the gold assignments."""
import collections
import json
import re
from pathlib import Path

import pytest

import zqdoc
from zqdoc.extract.responsibility import (
    bracket_groups,
    find_clauses,
    is_leader_column,
    parse_cell,
    parse_clause_body,
    role_for_column,
    split_leaders,
)
from zqdoc.models import Role
from zqdoc.normalize import fold

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
LEAD, PART, RESP = Role.LEAD, Role.PARTICIPANT, Role.RESPONSIBLE


def real(doc: str, quote: str) -> str:
    """`quote`, after checking that it is printed in corpora/DOC.txt."""
    assert quote in (CORPORA / f"{doc}.txt").read_text(encoding="utf-8"), f"not in {doc}: {quote}"
    return quote


def pairs(text: str) -> list[tuple[str, Role]]:
    return [(a.agency, a.role) for c in find_clauses(text) for a in c.assignments]


# ----------------------------------------------------------------------------- clause forms


def test_bracket_at_the_end_of_a_task():
    text = real("zhaoqing-2012-plan", "推进端砚文化村建设,谋划建设国际会展中心,培育发展商务会展、信息服务、文化创意、金融服务、总部经济等现代服务业。(市发展改革局牵头,市经济信息化局、市文广新局、市旅游发展局等有关部门参与)")
    clauses = find_clauses(text)
    assert len(clauses) == 1
    c = clauses[0]
    assert c.text == "(市发展改革局牵头,市经济信息化局、市文广新局、市旅游发展局等有关部门参与)"
    assert text[c.span[0]:c.span[1]] == c.text and c.form == "bracket"
    assert [(a.agency, a.role) for a in c.assignments] == [
        ("市发展改革局", LEAD), ("市经济信息化局", PART), ("市文广新局", PART), ("市旅游发展局", PART)]
    for a in c.assignments:  # spans point at the agency as printed
        assert text[a.span[0]:a.span[1]] == a.agency


def test_tortoise_shell_bracket_around_a_clause_with_brackets():
    text = real("zhaoqing-2012-plan", "所有县(市)建成一座以上生活垃圾无害化处理设施,生活垃圾收集处理范围由城区向周边村镇延伸。〔相关县(市、区)政府负责,市城市综合管理局、市住房城乡建设局、市环境保护局参与〕")
    (c,) = find_clauses(text)
    assert c.text.startswith("〔") and c.text.endswith("〕")
    assert [(a.agency, a.role) for a in c.assignments] == [
        ("相关县(市、区)政府", RESP), ("市城市综合管理局", PART), ("市住房城乡建设局", PART), ("市环境保护局", PART)]


def test_tortoise_shell_bracket_with_a_short_collective():
    text = real("zhaoqing-2012-plan", "谋划建设重点污染源在线监控系统。〔市环境保护局牵头,各县(市、区)参与〕")
    assert pairs(text) == [("市环境保护局", LEAD), ("各县(市、区)", PART)]


def test_full_width_twin_of_a_real_clause():
    """The zhaoqing clause with full-width brackets and commas: same agencies, printed as they are."""
    half = real("zhaoqing-2012-plan", "(市住房城乡建设局牵头,市国土资源局、端州区政府、肇庆新区管委会等参与)")
    full = half.replace("(", "（").replace(")", "）").replace(",", "，")
    assert pairs(full) == pairs(half) == [
        ("市住房城乡建设局", LEAD), ("市国土资源局", PART), ("端州区政府", PART), ("肇庆新区管委会", PART)]
    twin = "〔相关县（市、区）政府负责，市城市综合管理局参与〕"
    assert pairs(twin) == [("相关县（市、区）政府", RESP), ("市城市综合管理局", PART)]


def test_clause_lines_lead_and_responsible():
    text = real("pingdingshan-2013-fengong", "牵头单位:市工业和信息化局\n责任单位:市发改委、市政府金融办、市商务局、市煤炭局")
    clauses = find_clauses(text)
    assert [c.form for c in clauses] == ["line", "line"]
    assert [c.text for c in clauses] == text.split("\n")
    assert pairs(text) == [("市工业和信息化局", LEAD), ("市发改委", RESP), ("市政府金融办", RESP),
                           ("市商务局", RESP), ("市煤炭局", RESP)]


def test_clause_line_with_full_width_colon():
    assert pairs("牵头单位：区发改局") == [("区发改局", LEAD)]
    text = real("lishan-2023-fengong", "责任单位:立山经济开发区,各街道、区直各部门")
    assert pairs(text) == [("立山经济开发区", RESP), ("各街道", RESP), ("区直各部门", RESP)]


def test_department_division_line():
    text = real("guangdong-2021-fengong", "部门分工:省发展改革委牵头,各地、各部门配合。")
    (c,) = find_clauses(text)
    assert c.text == text
    assert pairs(text) == [("省发展改革委", LEAD), ("各地", PART), ("各部门", PART)]


def test_leader_line_names_people_not_agencies():
    text = real("guangdong-2021-fengong", "分管省领导:林克庆\n\n  部门分工:省财政厅牵头,各地、各部门配合。")
    clauses = find_clauses(text)
    assert clauses[0].leaders == ["林克庆"] and clauses[0].assignments == []
    assert pairs(text) == [("省财政厅", LEAD), ("各地", PART), ("各部门", PART)]
    text = real("quzhou-2021-fenjie", "牵头市领导:汤飞帆")  # 牵头 in a leader label
    assert pairs(text) == [] and find_clauses(text)[0].leaders == ["汤飞帆"]


def test_the_head_of_a_group_is_a_person_and_the_pieces_after_it_are_read():
    # 由管委会主要领导任组长: the group's head, a leader; the organ after it leads
    text = real("pingtan-2015-ppp", "由管委会主要领导任组长，区财金局（区PPP管理中心）作为牵头部门")
    clauses = find_clauses(text)
    assert pairs(text) == [("区财金局（区PPP管理中心）", LEAD)]
    assert clauses[0].leaders == ["管委会主要领导"]


def test_a_group_led_by_agencies_and_a_meeting_convened_by_a_person():
    # 成立由X、Y牵头的…小组: after 由, 的 makes 牵头 the attribute of the group X and Y lead
    assert pairs(real("baoshan-2021-dixiaoyongdi", "成立由区规划资源局、区经委牵头的宝山区低效产业用地处置工作小组")) == [
        ("区规划资源局", LEAD), ("区经委", LEAD)]
    # 由…分管领导召集: a person convenes; the agencies after take part
    text = real("pudong-2025-tudichubei", "由区政府分管领导召集，区规划资源局、区发改委")
    assert find_clauses(text + "等相关单位参与。")[0].leaders == ["区政府分管领导"]
    # 支持和配合, 服从和配合: the verb before the role word stands between it and the list, as 应当 does
    assert pairs("市公安局、市交通委应当支持和配合做好交通组织工作。") == [("市公安局", PART), ("市交通委", PART)]
    # …等各行业部门 is a generic tail
    assert pairs("区发改委、区财政局、区审计局等各行业部门为配合部门。") == [
        ("区发改委", PART), ("区财政局", PART), ("区审计局", PART)]


def test_clause_inside_a_paragraph_with_more_text_after_it():
    text = real("heilongjiang-2013-fengong", "(一)地区生产总值增长11%左右。(省发改委负责)(二)公共财政收入增长13%左右。(省财政厅主办,省国税局、地税局协办)")
    assert [c.text for c in find_clauses(text)] == ["(省发改委负责)", "(省财政厅主办,省国税局、地税局协办)"]
    assert pairs(text) == [("省发改委", RESP), ("省财政厅", LEAD), ("省国税局", PART), ("地税局", PART)]


def test_labels_inside_a_bracket():
    text = real("jianli-2022-fenjie", "(牵头单位:市发改局;责任单位:市统计局,各乡、镇人民政府,人民大垸、荒湖管理区,监利经济开发区)")
    assert pairs(text) == [("市发改局", LEAD), ("市统计局", RESP), ("各乡、镇人民政府", RESP),
                           ("人民大垸、荒湖管理区", RESP), ("监利经济开发区", RESP)]
    text = real("gangcheng-2021-fangguanfu", "〔牵头单位:区政府办公室,责任单位:区政府有关部门,各街道(功能区)〕")
    assert pairs(text) == [("区政府办公室", LEAD), ("区政府有关部门", RESP), ("各街道(功能区)", RESP)]


def test_labels_inside_square_brackets():
    """[牵头单位:…;责任单位:…]: the jianli clause in square and in lenticular brackets."""
    body = "牵头单位:市财政局;责任单位:市税务局,各乡、镇人民政府"
    real("jianli-2022-fenjie", "(" + body)
    expected = [("市财政局", LEAD), ("市税务局", RESP), ("各乡、镇人民政府", RESP)]
    assert pairs("[" + body + "]") == pairs("【" + body + "】") == expected


def test_label_lead_then_suffix_responsible():
    text = real("dongguan-2017-fanzhu", "(牵头单位:市发改局、市委政研室;各相关部门、镇街(园区)按职责分工负责)")
    assert pairs(text) == [("市发改局", LEAD), ("市委政研室", LEAD), ("各相关部门", RESP), ("镇街(园区)", RESP)]


def test_other_labels_end_a_label_stretch():
    """完成时限: is no role label; it ends the list before it (a deadline column of the genre)."""
    text = "(牵头单位:县农业农村局  配合单位:县财政局  完成时限:2025年12月)"
    assert pairs(text) == [("县农业农村局", LEAD), ("县财政局", PART)]
    assert pairs("(责任单位:市财政局,完成时限:2023年底)") == [("市财政局", RESP)]


def test_label_lead_and_participant():
    text = real("hangzhou-2015-hulianwang", "(牵头单位:市科委,配合单位:各区县市)")
    assert pairs(text) == [("市科委", LEAD), ("各区县市", PART)]


def test_deadline_inside_a_clause_is_not_an_agency():
    text = real("guowuyuan-2020-fengong", "(国务院各部门分别负责,年内持续推进)")
    assert pairs(text) == [("国务院各部门", RESP)]


def test_shared_suffix_word_for_a_list():
    text = real("heilongjiang-2013-fengong", "(七)城镇居民人均可支配收入、农民人均纯收入均增长12%以上。(省发改委、农委、统计局分别负责)")
    assert pairs(text) == [("省发改委", RESP), ("农委", RESP), ("统计局", RESP)]


def test_host_and_co_host():
    text = real("heilongjiang-2013-fengong", "(省发改委主办,省工信委、国土资源厅、住建厅、环保厅、水利厅、交通运输厅、农委、商务厅、金融办协办)")
    found = pairs(text)
    assert found[0] == ("省发改委", LEAD)
    assert found[1:] == [(a, PART) for a in "省工信委 国土资源厅 住建厅 环保厅 水利厅 交通运输厅 农委 商务厅 金融办".split()]


def test_lead_and_implement():
    text = real("baotou-2011-fenjie", "3.加强稀土资源保护,加快交易平台和储备制度建设。(市经信委、市国土资源局牵头落实)")
    assert pairs(text) == [("市经信委", LEAD), ("市国土资源局", LEAD)]


def test_leaders_in_a_clause_go_to_leaders():
    text = real("jieyang-2011-yaodian", "(责任领导:黄水利、刘小辉、叶少明;责任单位:市科技局、经信局、质监局、工商局、农业局、普宁市)")
    (c,) = find_clauses(text)
    assert c.leaders == ["黄水利", "刘小辉", "叶少明"]
    assert [(a.agency, a.role) for a in c.assignments] == [
        (a, RESP) for a in ["市科技局", "经信局", "质监局", "工商局", "农业局", "普宁市"]]


def test_bare_list_in_a_bracket_on_its_own_line():
    text = real("wuxi-2011-fenjie", "1、地区生产总值增长11.5%;地方财政一般预算收入同口径增长12%。\n(市发改委、财政局,无锡国税局、地税局)")
    assert pairs(text) == [("市发改委", RESP), ("财政局", RESP), ("无锡国税局", RESP), ("地税局", RESP)]
    text = real("wuxi-2011-fenjie", "(市发改委、农委、人保局,各市(县)、区政府)")
    assert pairs(text) == [("市发改委", RESP), ("农委", RESP), ("人保局", RESP), ("各市(县)、区政府", RESP)]


def test_bare_list_in_a_bracket_before_the_full_stop():
    text = real("jingzhou-2009-fenjie", "1、地区生产总值增长11%(市发改委,市政府相关部门,各县市区政府,荆州开发区)。")
    assert pairs(text) == [("市发改委", RESP), ("市政府相关部门", RESP), ("各县市区政府", RESP), ("荆州开发区", RESP)]


def test_lead_named_in_a_heading():
    text = real("qinxian-2025-renwu", "一、县示范区管委会牵头工作(8项)")
    (c,) = find_clauses(text)
    assert c.form == "heading" and c.text == "县示范区管委会牵头工作"
    assert pairs(text) == [("县示范区管委会", LEAD)]
    text = real("wucheng-2025-zhengce", "一、强化科技创新(区科技局牵头)")
    assert pairs(text) == [("区科技局", LEAD)]


def test_free_text_clause_at_the_start_of_a_sentence():
    text = real("heze-2023-dongneng", "三、加强督导,健全推进机制。市发展改革委负责《方案》工作任务的统一督导调度,要建立健全工作推进机制")
    (c,) = find_clauses(text)
    assert c.form == "sentence" and c.text.startswith("市发展改革委负责")
    assert pairs(text) == [("市发展改革委", RESP)]


def test_free_text_clause_goes_on_after_a_comma_and_after_a_colon():
    assert pairs("市发展改革局负责牵头,市财政局配合,确保按期完成。") == [("市发展改革局", LEAD), ("市财政局", PART)]
    assert pairs("(二)能耗指标:市经信局、市发改局负责") == [("市经信局", RESP), ("市发改局", RESP)]
    # a modal and an adverb of zeal before the role word (要积极配合); a piece with no role word gives nothing
    assert pairs("各地要积极配合,市财政局要加大资金支持。") == [("各地", PART)]


def test_full_stop_inside_a_bracket():
    text = real("huanggang-2007-fenban", "(由市发展改革委、经委、农办、农业局、商务局、旅游局、统计局负责。一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同)")
    assert pairs(text) == [(a, RESP) for a in ["市发展改革委", "经委", "农办", "农业局", "商务局", "旅游局", "统计局"]]


def test_note_bracket_after_the_last_agency():
    text = real("huzhou-2020-fenjie", "责任单位:市经信局、市财政局、市发展改革委、市人力社保局、市金融办、市税务局(列第一位者为工作牵头单位或汇总单位,下同)")
    assert pairs(text) == [(a, RESP) for a in ["市经信局", "市财政局", "市发展改革委", "市人力社保局", "市金融办", "市税务局"]]


# ----------------------------------------------------------------------------- traps


def test_role_word_inside_an_agency_name():
    text = real("zhaoqing-2012-plan", "(市发展改革局、市重点项目办、市重大项目牵头部门负责)")
    assert pairs(text) == [("市发展改革局", RESP), ("市重点项目办", RESP), ("市重大项目牵头部门", RESP)]
    text = real("zhaoqing-2012-plan", "(各指标监测落实部门负责)")
    assert pairs(text) == [("各指标监测落实部门", RESP)]


def test_salutation_is_no_clause():
    text = real("zhaoqing-2012-plan", "各县(市、区)人民政府,肇庆高新区管委会,肇庆新区管委会,市政府有关部门、直属有关单位:")
    assert find_clauses(text) == []
    text = real("dongguan-2017-fanzhu", "各镇人民政府(街道办事处),市府直属各单位:")
    assert find_clauses(text) == []


@pytest.mark.parametrize("doc, text", [
    ("zhaoqing-2012-plan", "认真落实《广佛肇经济圈生态环境保护和建设规划(2010—2020年)》,进一步推进区域环境污染联防联治。"),
    ("wucheng-2025-zhengce", "关于推动经济高质量发展若干政策举措\n(2025年版)\n"),
    ("zhaoqing-2012-plan", "尽快出台广佛肇(怀集)经济合作区工作方案,力促广佛肇经济合作区尽快启动。"),
    ("zhaoqing-2012-plan", "抓好中山(肇庆大旺)产业转移园扩园和中山大涌(怀集)、顺德龙江(德庆)产业转移园的规划调整"),
    ("dongguan-2014-shuixiang", "实施方案〉的通知》(东府〔2014〕20号)确定的各项任务"),
    ("zhaoqing-2012-plan", "全市70%以上的乡镇(街道)创建成为省教育强镇,70%以上的县(市、区)创建成为省教育强县(市、区)"),
    ("dongyang-2023-canjiren", "2023年3月13日\n\n(此件公开发布)"),
    ("hangzhou-2015-hulianwang", "杭州市推进“互联网+”行动实施意见\n(征求意见稿V2.2)\n(2015年9月15日)"),
])
def test_brackets_that_are_no_clauses(doc, text):
    assert find_clauses(real(doc, text)) == []


def test_count_in_brackets_after_a_heading_clause():
    text = real("qinxian-2025-renwu", "一、县示范区管委会牵头工作(8项)")
    assert all("8项" not in a.agency for c in find_clauses(text) for a in c.assignments)


def test_notes_inside_a_clause_are_not_agencies():
    text = real("huanggang-2007-fenban", "一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同")
    assert find_clauses("(" + text + ")") == []
    # 除标注…外 and 排名第一的为牵头单位, as such notes are printed in plans of the genre
    assert pairs("(除标注外,市发改局负责,下同)") == [("市发改局", RESP)]
    assert pairs("(市发改局、市财政局负责,排名第一的为牵头单位)") == [("市发改局", RESP), ("市财政局", RESP)]


@pytest.mark.parametrize("doc, text", [
    ("baotou-2011-fenjie", "各地区、部门、单位要认真履行职责,特别是牵头部门要强化协调配合,提高办事效率"),
    ("qinxian-2025-renwu", "针对跨单位任务,由牵头单位发挥统筹协调作用,协同单位积极配合。牵头单位负责制定攻坚方案、统筹资源配置,协同单位主动对接需求"),
    ("qinxian-2025-renwu", "《2025年县<政府工作报告>任务分解》明确133项具体任务,涉及34个牵头单位;"),
    ("heze-2023-dongneng", "各牵头单位要统筹落实任务事项,制定工作推进方案"),
    ("xuzhou-2010-fenjie", "各相关单位要强化大局意识,积极配合主办单位把各项推进措施落到实处"),
    ("zhaoqing-2012-plan", "探索由大型企业和保险公司牵头成立产业投资基金。"),
    ("zhaoqing-2012-plan", "鼓励商业保险机构参与医疗保险服务。"),
])
def test_role_words_in_prose_without_agencies(doc, text):
    assert find_clauses(real(doc, text)) == []


def test_role_word_before_a_noun_is_no_clause():
    assert find_clauses("(由市发改局负责同志担任组长)") == []


# ----------------------------------------------------------------------------- brackets


def test_bracket_scanner_nesting_and_unbalanced_brackets():
    f = fold("〔相关县(市、区)政府负责〕")
    assert [(s, e, closed) for s, e, closed, _ in bracket_groups(f)] == [(0, 14, True), (4, 9, True)]
    assert pairs("(市发改局牵头,市财政局参与") == [("市发改局", LEAD), ("市财政局", PART)]  # closer lost
    assert [c.text for c in find_clauses("(市发改局牵头))")] == ["(市发改局牵头)"]  # stray closer
    assert pairs("((市发改局牵头)") == [("市发改局", LEAD)]
    assert pairs("〔(市发改局牵头〕") == []


def test_pathological_brackets_and_lists():
    """Nothing is read from runs of brackets or role words, or from a list past the length bound
    (their time: benchmarks/stress_bench.py)."""
    for text in ["(" * 200_000, ")" * 200_000, "(]" * 100_000, "〔(" * 100_000 + ")" * 100_000,
                 "【" * 100_000, "市发改局、" * 50_000 + "负责", "牵头" * 100_000]:
        assert find_clauses(text) == [], text[:20]
    [clause] = find_clauses("(市发改局负责" + "牵头" * 280 + ")" * 300)
    assert [(a.agency, a.role) for a in clause.assignments] == [("市发改局", LEAD)]  # 负责牵头: lead
    clauses = find_clauses("(市发改局牵头,市财政局参与)" * 10_000)
    assert len(clauses) == 10_000 and all(len(c.assignments) == 2 for c in clauses)


# ----------------------------------------------------------------------------- bodies and table cells


def test_parse_clause_body():
    found, leaders = parse_clause_body("省财政厅主办,省国税局、地税局协办", offset=100)
    assert [(a.agency, a.role, a.span) for a in found] == [
        ("省财政厅", LEAD, (100, 104)), ("省国税局", PART, (107, 111)), ("地税局", PART, (112, 115))]
    assert leaders == []
    found, _ = parse_clause_body("市发改委、财政局,无锡国税局、地税局", bare=True)
    assert [a.role for a in found] == [RESP] * 4
    assert parse_clause_body("市发改委、财政局")[0] == []  # no role, no bare: nothing


@pytest.mark.parametrize("header, role", [
    ("牵头单位", LEAD), ("牵头责任单位", LEAD), ("主办单位", LEAD),
    ("责任单位", RESP), ("主要责任单位", RESP), ("责任部门", RESP),
    ("配合单位", PART), ("协办单位", PART),
    ("责任领导", None), ("分管领导", None), ("分 管 县领导", None), ("完成时限", None), ("序号", None), ("工作任务", None),
])
def test_role_for_column(header, role):
    assert role_for_column(header) == role


def test_leader_columns():
    assert is_leader_column("责任领导") and is_leader_column("分 管 县领导") and is_leader_column("责任人")
    assert not is_leader_column("牵头责任单位")


# cells of the flattened tables, with the column each stands in (suzhou: 主要责任单位; nanling: 分 管
# 县领导 | 牵头责任单位 | 责任单位; huoshan: 责任领导 | 责任单位 | 完成时限)
TABLE_CELLS = [
    ("suzhou-2011-renwu", "主要责任单位", "市经信委、发改委、统计局", [("市经信委", RESP), ("发改委", RESP), ("统计局", RESP)], []),
    ("suzhou-2011-renwu", "主要责任单位", "市商务局、苏州海关", [("市商务局", RESP), ("苏州海关", RESP)], []),
    ("suzhou-2011-renwu", "主要责任单位", "市财政局、国税局、地税局", [("市财政局", RESP), ("国税局", RESP), ("地税局", RESP)], []),
    ("nanling-2024-fenjie", "牵头责任单位", "县教育局", [("县教育局", LEAD)], []),
    ("nanling-2024-fenjie", "责任单位", "县各有关单位", [("县各有关单位", RESP)], []),
    ("nanling-2024-fenjie", "分 管 县领导", "俞 悦", [], ["俞 悦"]),
    ("huoshan-2025-kaifaqu", "责任单位", "招商工作部、安商工作部", [("招商工作部", RESP), ("安商工作部", RESP)], []),
    ("huoshan-2025-kaifaqu", "责任单位", "规划建设局", [("规划建设局", RESP)], []),
    ("huoshan-2025-kaifaqu", "责任领导", "马振明", [], ["马振明"]),
    ("huoshan-2025-kaifaqu", "完成时限", "全年", [], []),
]


@pytest.mark.parametrize("doc, header, cell, expected, leaders", TABLE_CELLS)
def test_table_cells(doc, header, cell, expected, leaders):
    real(doc, header)
    real(doc, cell)
    found, people = parse_cell(header, cell)
    assert [(a.agency, a.role) for a in found] == expected
    assert people == leaders
    role = role_for_column(header)
    if role is not None:
        assert [(a.agency, a.role) for a in parse_clause_body(cell, default_role=role)[0]] == expected


def test_split_leaders():
    assert split_leaders(real("jieyang-2011-yaodian", "黄水利、刘小辉、叶少明")) == ["黄水利", "刘小辉", "叶少明"]


# ----------------------------------------------------------------------------- the whole corpus

TABLE_DOCS = {"suzhou-2011-renwu", "nanling-2024-fenjie", "huoshan-2025-kaifaqu"}  # roles from column headers


def _heading_spans(text: str, headings: list[dict]) -> list[tuple[int, int]]:
    """Each gold heading's span: from its marker+title, found in order, to the next heading."""
    starts, pos = [], 0
    for h in headings:
        m = re.compile(re.escape(h["marker"]) + r"[、.．]?\s*" + re.escape(h["title"])).search(text, pos)
        assert m, h["title"]
        starts.append(m.start())
        pos = m.start() + 1
    return [(s, starts[k + 1] if k + 1 < len(starts) else len(text)) for k, s in enumerate(starts)]


def _alone_at_end(text: str, span: tuple[int, int]) -> bool:
    line_start = text.rfind("\n", 0, span[0]) + 1
    return not text[line_start:span[0]].strip() and not text[span[1]:].strip()


def _found_per_heading(text: str, headings: list[dict]) -> list[list[tuple[str, str]]]:
    """(agency, role) per heading. As in the pipeline, a clause that stands alone on the last line of
    the last of several items, when no other item has one, belongs to the items' parent (yuncheng's
    (责任单位:…) after (1)–(4))."""
    found, alone = [], []
    for s, e in _heading_spans(text, headings):
        clauses = find_clauses(text[s:e])
        found.append([(a.agency, a.role.value) for c in clauses for a in c.assignments])
        alone.append(len(clauses) == 1 and _alone_at_end(text[s:e], clauses[0].span))
    levels = [h["level"] for h in headings]
    for k in range(len(headings)):
        kids = []
        for j in range(k + 1, len(headings)):
            if levels[j] <= levels[k]:
                break
            if levels[j] == levels[k] + 1:
                kids.append(j)
        if len(kids) >= 2 and not found[k] and alone[kids[-1]] and not any(found[j] for j in kids[:-1]):
            found[k], found[kids[-1]] = found[kids[-1]], []
    return found


# ----------------------------------------------------------------------------- notes and composed labels


def test_first_listed_is_lead_note_governs_its_own_list():
    from zqdoc.extract import find_assignments

    text = real("huzhou-2020-fenjie", "责任单位:市经信局、市财政局、市发展改革委、市人力社保局、市金融办、市税务局(列第一位者为工作牵头单位或汇总单位,下同)")
    _, found, _ = find_assignments(text)
    assert [(a.agency, a.role) for a in found][:3] == [("市经信局", LEAD), ("市财政局", RESP), ("市发展改革委", RESP)]
    assert len(found) == 6  # the note is no agency


def test_first_listed_is_lead_note_inside_a_bracket_and_later_lists():
    from zqdoc.extract import find_assignments

    first = real("huanggang-2007-fenban", "全市GDP增长10%以上(由市发展改革委、经委、农办、农业局、商务局、旅游局、统计局负责。一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同)。")
    later = real("huanggang-2007-fenban", "(由市发展改革委、统计局负责)")
    _, found, _ = find_assignments(first)
    assert [(a.agency, a.role) for a in found][:2] == [("市发展改革委", LEAD), ("经委", RESP)]
    _, found, _ = find_assignments(later, first_is_lead_from=-100)  # the note came earlier in the document
    assert [(a.agency, a.role) for a in found] == [("市发展改革委", LEAD), ("统计局", RESP)]
    _, found, _ = find_assignments(later)  # without the note, the literal role stands
    assert [(a.agency, a.role) for a in found] == [("市发展改革委", RESP), ("统计局", RESP)]


def test_first_listed_is_lead_note_without_a_word_before_it():
    from zqdoc.extract import find_assignments

    text = real("haiyan-2022-zerenfenjie", "责任单位:县发改局(首位单位为牵头单位,下同)、县财政局、县税务局、县农业农村局")
    _, found, _ = find_assignments(text)
    assert [(a.agency, a.role) for a in found] == [
        ("县发改局", LEAD), ("县财政局", RESP), ("县税务局", RESP), ("县农业农村局", RESP)]  # 首位单位 is no agency


def test_a_single_agency_is_not_promoted():
    from zqdoc.extract import find_assignments

    _, found, _ = find_assignments(real("heilongjiang-2013-fengong", "(省发改委负责)"), first_is_lead_from=0)
    assert [(a.agency, a.role) for a in found] == [("省发改委", RESP)]


@pytest.mark.parametrize("body, want", [
    ("牵头责任单位:市发改委;协同责任单位:市财政局、市统计局",
     [("市发改委", LEAD), ("市财政局", PART), ("市统计局", PART)]),
    ("省牵头单位:省发展改革委;配合责任单位:省财政厅", [("省发展改革委", LEAD), ("省财政厅", PART)]),
    ("数据提供单位:市统计局;主责单位:市住建局", [("市住建局", LEAD)]),
])
def test_labels_with_a_qualifier_take_its_role(body, want):
    found, _ = parse_clause_body(body)
    assert [(a.agency, a.role) for a in found] == want


def test_people_labels_of_every_composition_give_leaders():
    found, leaders = parse_clause_body("牵头负责领导:张三;责任单位:市教育局")
    assert [(a.agency, a.role) for a in found] == [("市教育局", RESP)] and leaders == ["张三"]
    found, leaders = parse_clause_body("包抓市领导:李四、王五;配合单位:市公安局")
    assert [(a.agency, a.role) for a in found] == [("市公安局", PART)] and leaders == ["李四", "王五"]


@pytest.mark.parametrize("doc, quote, want", [
    # a modal between the list and the role word
    ("shandong-2018-xuexiaoanquan", "村民委员会、居民委员会应当协助乡镇人民政府、街道办事处做好学校安全工作。",
     [("村民委员会", PART), ("居民委员会", PART)]),
    # their duties, then a comma, then the role word
    ("guangdong-2017-senlinfanghuo", "县级以上人民政府其他有关部门按照职责分工，负责有关的森林防火工作。",
     [("县级以上人民政府其他有关部门", RESP)]),
    # 协同 is a role word after their duties…
    ("youyang-2012-chengzhen", "自治县其他行政主管部门依照职责协同做好城镇管理工作。", [("自治县其他行政主管部门", PART)]),
    ("guangzhou-2024-zhucanpeican", "各级发展改革、财政、卫生健康、社会组织管理部门和市残疾人联合会按各自职责协同实施本办法。",
     [("各级发展改革、财政、卫生健康、社会组织管理部门", PART), ("市残疾人联合会", PART)]),
    ("guowuyuan-2014-huanjingjianguan", "乡镇人民政府、街道办事处要协助做好相关工作。",
     [("乡镇人民政府", PART), ("街道办事处", PART)]),
    # an adverb of zeal between the modal and the role word
    ("jiading-2025-hehubengzha", "区水务局、区财政局应积极配合市水务局、市财政局开展河湖维修养护工作年度考核",
     [("区水务局", PART), ("区财政局", PART)]),
    # a list joined by 或
    ("zibo-1994-shirong", "街巷、居民区、城内村庄的清扫保洁，由有关街道办事处或镇人民政府负责。",
     [("有关街道办事处", RESP), ("镇人民政府", RESP)]),
    # …and no role word alone: two bodies working together
    ("yangpu-2025-chuangxinqu", "支持高校与临港新片区协同打造体制新、机制活的创新平台", []),
])
def test_a_modal_or_their_duties_between_the_agencies_and_the_role_word(doc, quote, want):
    assert pairs(real(doc, quote)) == want


def test_a_comma_in_a_list_after_you_stays_in_the_list():
    assert pairs("由市财政局、农业局,各县(市)、区人民政府负责落实。") == [
        ("市财政局", RESP), ("农业局", RESP), ("各县(市)、区人民政府", RESP)]


def test_a_department_opening_a_sentence_mid_paragraph():
    # after a sentence's end a department's own name opens a clause, as at a line start…
    got = pairs(real("pingtan-2015-zhaijidi", "。国土所和村建站负责权属调查，村“两委”参与确权和纠纷调处"))
    assert ("国土所", RESP) in got and ("村建站", RESP) in got
    # …but not words a shared head would gather before an organ (建立健全各级党委统一领导、组织部门)
    assert pairs(real("guangzhou-2012-rencai", "健全党管人才领导体制和工作格局。建立健全各级党委统一领导、组织部门牵头抓总、职能部门各司其职、用人单位主体执行、社会力量广泛参与的工作格局。")) == []


def test_an_articles_clause_stays_in_the_article_not_its_chapter():
    # 第四十条's second paragraph (村（居）民委员会应当协助…) is the last line of the chapter's last article
    d = zqdoc.parse(CORPORA / "chongqing-2016-jiatingjiaoyu.txt")
    art = next(s for s in d.walk() if s.marker == "第四十条")
    chapter = next(s for s in d.walk() if s.marker == "第五章")
    assert ("村（居）民委员会", PART) in [(a.agency, a.role) for a in art.assignments]
    assert chapter.assignments == []


def test_under_a_duty_heading_agencies_before_a_colon_hold_the_duties():
    # 三、工作职责 …（十九）新城公司：… （二十）奉发集团：推进… — companies too: the heading says they hold duties
    d = zqdoc.parse(CORPORA / "fengxian-2021-gongyuancheng.txt")
    duties = next(s for s in d.walk() if s.title == "工作职责")
    held = {a.agency for c in duties.children for a in c.assignments if a.role == RESP}
    assert {"新城公司", "奉发集团", "交能集团", "区规划资源局"} <= held


def test_a_duty_lines_role_words_say_the_roles_of_its_agencies():
    # 市生态环境局：对接推送…，配合做好…: the duties state the role (配合 → participant), literally
    text = real("shanghai-2025-touzishenpi", "市生态环境局：对接推送的环境影响评价联办信息，配合做好工作方案制定、联办流程梳理等工作，推动业务办理数据共享")
    assert pairs(text) == [("市生态环境局", PART)]
    # 配合…，负责…: both roles
    text = real("pingtan-2016-huangbiaoche", "车主所在乡镇政府及公安派出所：对未达到报废标准的黄标车，配合做好政策宣传及动员工作，负责督促及时申报淘汰")
    assert sorted(pairs(text)) == sorted([(a, r) for r in (PART, RESP) for a in ("车主所在乡镇政府", "公安派出所")])


def test_canjia_is_a_participants_word_only_where_it_ends_the_piece():
    # 由X牵头，Y、Z等参加 (a State Council emergency plan's working groups)…
    assert pairs(real("guowuyuan-2014-yingjiyuan", "由卫生计生委牵头，环境保护部、食品药品监管总局等参加。")) == [
        ("卫生计生委", LEAD), ("环境保护部", PART), ("食品药品监管总局", PART)]
    # …but 参加 with an object is attending something, not a role (支持贫困地区参加农博会)
    assert pairs(real("guowuyuan-2018-xiaofeifupin", "支持贫困地区参加农博会、农贸会、展销会")) == []


@pytest.mark.parametrize("doc, quote, want", [
    # agencies, a modal, their own duties, then 并 + a role word: they hold that role
    ("guangdong-2017-senlinfanghuo", "村民委员会、居民委员会应当根据森林防火需要组织制定村规民约、居民公约，采取措施预防森林火灾，并协助做好森林火灾应急处置工作。",
     [("村民委员会", PART), ("居民委员会", PART)]),
    # …people's organisations name organs too
    ("zhejiang-2002-zongzhi", "工会、共产主义青年团、妇女联合会应当依照法律、法规和章程，做好化解劳动争议、预防和减少青少年犯罪、预防和制止家庭暴力等工作，并协助有关部门做好社会治安综合治理相关工作。",
     [("工会", PART), ("共产主义青年团", PART), ("妇女联合会", PART)]),
    # …but not a 并 of another sentence, nor one not joined to a role word
    (None, "市教育局应当加强校园安全管理。并协助做好相关工作。", []),
    (None, "市教育局应当加强校园安全管理，并负责组织教师培训。", [("市教育局", RESP)]),
    # a role word opening a later comma-piece of the sentence joins them too…
    ("henan-2004-zongzhi", "居民委员会、村民委员会应当维护居民、村民的合法权益，充分发挥治安保卫组织和人民调解组织的作用，对群众进行社会治安综合治理宣传教育，组织居民、村民开展群防群治活动，做好所在地的治安防范工作和民间纠纷排查调处工作，协助有关部门做好对外来人员的申报登记工作，及时向当地政府及有关部门反映社会治安状况和居民、村民对社会治安综合治理工作的意见和要求。",
     [("居民委员会", PART), ("村民委员会", PART)]),
    # …unless their duties name a body that piece may speak of
    ("chongqing-2016-cunzhengongshui", "区县（自治县）人民政府应当确定村镇供水国有资产监管机构，负责村镇供水国有资产监督管理。", []),
])
def test_a_role_word_joined_by_bing_after_the_agencies_duties(doc, quote, want):
    assert pairs(real(doc, quote) if doc else quote) == want


def test_an_organs_other_plates_in_brackets_are_no_clause():
    # (一)综合办公室(党群工作部、监察室、督查室、财务室): one office under several names
    d = zqdoc.parse(CORPORA / "shuangpai-2019-yuanqu.txt")
    assert [a for s in d.walk() for a in s.assignments] == []
    # …while a task's bare bracket list still names who is responsible
    assert pairs("(一)建设城区养老服务站(区民政局、区财政局)") == [("区民政局", RESP), ("区财政局", RESP)]


def test_a_bare_bracket_list_with_its_deadline_and_notes():
    # （A、B、C，2016年4月底前完成。列第一位的为牵头单位，下同）: the deadline and the note are no agencies
    d = zqdoc.parse(CORPORA / "pingtan-2016-jiaoyipingtai.txt")
    two = next(s for s in d.walk() if s.title == "制定区公共资源交易整合平台建设方案")
    assert [(a.agency, a.role) for a in two.assignments][:3] == [("区行政审批局", LEAD), ("区管委会办公室", RESP), ("经济发展局", RESP)]
    # …and a role word after a task's words (…机制由区财政金融局牵头) is that agency's alone
    nine = next(s for s in d.walk() if s.title.startswith("按照全国统一的专业分类标准"))
    roles = {a.agency: a.role for a in nine.assignments}
    assert roles["区财政金融局"] == LEAD and roles["党群工作部"] == RESP
    assert pairs("推进智慧交通建设。（市交通局、市公安局，2024年底前完成）") == [("市交通局", RESP), ("市公安局", RESP)]


def test_a_dun_after_a_role_word_parts_two_pieces():
    # 由乡镇牵头、各有关部门配合，… — the townships lead, the departments take part
    assert pairs(real("pingtan-2016-binzang", "由乡镇牵头、各有关部门配合")) == [("乡镇", LEAD), ("各有关部门", PART)]
    assert pairs("（市发改委牵头、市财政局配合）") == [("市发改委", LEAD), ("市财政局", PART)]
    # …not before a role noun: 各牵头、配合单位 are no agencies
    assert pairs("各牵头、配合单位要加强协调。") == []


@pytest.mark.parametrize("doc, quote, want", [
    # a body a regulation gives a duty by 由, its role word ending the piece
    ("zaozhuang-2020-lvhua", "居住区绿地，实行物业管理的，由物业服务企业按照约定负责；", [("物业服务企业", RESP)]),
    ("youyang-2012-chengzhen", "（四）车站、码头、广场、宾馆、集贸市场等公共场所由经营管理单位负责；", [("经营管理单位", RESP)]),
    # …not a body some policy would have lead a task it goes on to describe
    (None, "探索由大型企业和保险公司牵头组建产业联盟。", []),
    # a 由 in a later comma-piece of a sentence: that piece is a clause of its own
    ("jinshan-2017-jiaotongsheshi", "区管道路交通设施管理、维护，范围内突发事件及重点安保活动专项资金由区财政局负责落实保障",
     [("区财政局", RESP)]),
    # 以 opens the agencies as 由 does (以X牵头…的机制), not inside a word (可以, 以及)
    ("huangpu-2021-xiaofangguihua", "完善以社区平安办牵头", [("社区平安办", LEAD)]),
    (None, "市发改委以及市财政局负责。", [("市发改委", RESP), ("市财政局", RESP)]),
    # …nor one the text points back to
    ("youyang-2012-chengzhen", "（三）公共厕所由其管理单位负责，无管理单位的由环境卫生行政主管部门负责；",
     [("环境卫生行政主管部门", RESP)]),
])
def test_a_body_given_a_duty_by_you(doc, quote, want):
    assert pairs(real(doc, quote) if doc else quote) == want


@pytest.mark.parametrize("doc, quote, want", [
    # the office an agency is said to be, then a comma and its role word
    ("zaozhuang-2020-lvhua", "市城市管理部门是全市城市园林绿化行政主管部门，负责全市城市绿化工作。", [("市城市管理部门", RESP)]),
    ("wenzhou-2017-chengshilvhua", "市、县(市、区)综合行政执法部门是城市绿化行政主管部门，负责本行政区域内城市绿化的保护和管理工作",
     [("市、县(市、区)综合行政执法部门", RESP)]),
    # …not a sentence that says something else is (…是重点，负责 is no office)
    (None, "市教育局是本次活动的重点，负责宣传。", []),
    # …and ，并 before the role word (是…的综合监督管理部门，并具体负责…)
    ("shanghai-2013-dimianchenjiang", "市规划国土资源行政管理部门是本市地面沉降防治工作的综合监督管理部门，并具体负责区域性地面沉降防治的监督管理",
     [("市规划国土资源行政管理部门", RESP)]),
    # an office that names a role (牵头部门, as the label 牵头部门: would) gives that role as well
    ("qingpu-2024-laojiuxiaoqu", "区住房保障和房屋管理局是老旧住宅小区综合改造的牵头部门，负责做好综合改造年度计划制订",
     [("区住房保障和房屋管理局", RESP), ("区住房保障和房屋管理局", LEAD)]),
])
def test_the_office_an_agency_is_said_to_be_before_its_role_word(doc, quote, want):
    assert pairs(real(doc, quote) if doc else quote) == want


@pytest.mark.parametrize("doc, quote, want", [
    # two or more agencies that lead together: 双牵头, 联合牵头, 共同牵头 in a sentence
    ("songjiang-2025-shenpizhongxin", "具体工作由区建设管理委和区数据局（区政务服务中心）双牵头",
     [("区建设管理委", LEAD), ("区数据局（区政务服务中心）", LEAD)]),
    (None, "区发展改革委、区财政局共同牵头制定配套政策。", [("区发展改革委", LEAD), ("区财政局", LEAD)]),
    # the role noun a 为 or 作为 gives, in a sentence
    ("jingan-2025-paishui", "成立区级工作专班，由区建设管理委（区水务局）作为牵头部门，统筹协调推进本区排水体制改革工作",
     [("区建设管理委（区水务局）", LEAD)]),
    # 自行负责: responsible, by itself
    ("jiading-2021-shenpizhongxin", "区审批审查中心日常运作所需的办公经费，由各进驻部门自行负责", [("各进驻部门", RESP)]),
    # 主要负责: responsible, mainly (not 主要负责人, a person)
    (None, "区应急管理局主要负责应急避难场所的统筹协调。", [("区应急管理局", RESP)]),
    (None, "区政府主要负责人为第一责任人。", []),
])
def test_agencies_leading_together(doc, quote, want):
    assert pairs(real(doc, quote) if doc else quote) == want


def test_a_role_word_opening_a_bodys_name_by_its_duty_is_no_clause():
    # …人民政府负责特种设备安全监督管理的部门(以下简称…)负责…: the government is no agency of that 负责
    quote = real("zibo-2021-dianti", "市、区县人民政府负责特种设备安全监督管理的部门(以下简称特种设备安全监督管理部门)负责本行政区域内电梯安全的监督管理")
    assert ("市、区县人民政府", RESP) not in pairs(quote)
    # …but 负责 with its duties is one (市政府负责全市…的工作)
    assert pairs("市人民政府负责全市电梯安全的监督管理工作。") == [("市人民政府", RESP)]


@pytest.mark.parametrize("doc, quote, want", [
    # departments named by their sectors before 等 and 部门: one collective, named by the sectors
    ("shanghai-2005-yuyanwenzi", "（三）文广影视、新闻出版、信息产业等行政管理部门负责对广播、电视、报刊、网络等媒体",
     [("文广影视、新闻出版、信息产业", RESP)]),
    ("zibo-1995-shuitubaochi", "计划、土地、矿产、林业、农业、环保、城建等部门，按照各自的职责分工，协同水行政主管部门",
     [("计划、土地、矿产、林业、农业、环保、城建", PART)]),
    # …not the words a verb governs before them (组织国土、农发等部门配合: 组织 opens no sector)
    ("pingtan-2019-fangwuanquan", "组织国土、农发、市监、安监等部门配合做好业主自查", []),
    # …nor a list of things (媒体 is no 部门)
    (None, "广播、电视、报刊等媒体负责宣传。", []),
])
def test_a_list_of_sectors_before_a_generic_department(doc, quote, want):
    assert pairs(real(doc, quote) if doc else quote) == want


@pytest.mark.parametrize("doc, quote, want", [
    # 为 says the office an agency is, as 是 does
    ("chongming-2025-zhengshou", "征收事务所为征地房屋补偿的实施单位，负责具体实施工作。", [("征收事务所", RESP)]),
    # an organ governing the named agency after it: that agency holds the role word
    ("chongming-2025-zhengshou", "区卫生部门协调区属医院配合提供大病证明信息", [("区属医院", PART)]),
    # …not a verb inside a name (市委组织部, 市政府协调办公室)
    (None, "市委组织部、市人社局负责宣传。", [("市委组织部", RESP), ("市人社局", RESP)]),
    (None, "市政府协调办公室负责宣传。", [("市政府协调办公室", RESP)]),
])
def test_an_office_by_wei_and_an_organ_governing_the_agency_after_it(doc, quote, want):
    assert pairs(real(doc, quote) if doc else quote) == want


@pytest.mark.parametrize("doc, quote, want", [
    # a committee by its short name (安委会) and a 主管机构 open a sentence as an organ does
    ("baoshan-2024-zhibengongjian", "（一）局安委会负责制定本区水务行业安全生产治本攻坚三年行动方案", [("局安委会", RESP)]),
    ("heyuan-2022-baoyu", "第五条 气象主管机构负责暴雨天气的监测、预报、预警以及暴雨灾害风险评估", [("气象主管机构", RESP)]),
    ("pingtan-2020-wuliuanquan", "（八）平潭海关负责在进出境口岸海关监管环节防范打击", [("平潭海关", RESP)]),  # a customs house is an organ
    # 街镇 (Shanghai's towns and streets together) as 镇街 and 乡镇
    ("songjiang-2017-tingchegongxiang", "由街镇牵头协调公安、交通、居委会", [("街镇", LEAD)]),
])
def test_short_committee_names_and_competent_bodies_open_a_clause(doc, quote, want):
    assert pairs(real(doc, quote)) == want


def test_bodies_holding_duties_beside_organs_in_one_list():
    quote = real("shanghai-2015-yanhua", "居民委员会、村民委员会、物业服务企业应当配合做好烟花爆竹安全管理的有关工作")
    assert pairs(quote) == [("居民委员会", PART), ("村民委员会", PART), ("物业服务企业", PART)]
    # …but a company alone opening a sentence is no agency of its clause
    assert pairs("物业服务企业应当配合做好安全管理的有关工作。") == []


def test_an_organs_own_name_after_a_labels_colon_opens_a_clause():
    # …。 排 查整治内容：住房和城乡建设部门负责组织相关部门开展排查整治。(a notice collapsed onto one line)
    d = zqdoc.parse(CORPORA / "pingtan-2013-chuhuohuan.txt")
    item = next(s for s in d.walk() if s.title.startswith("开展在建工程施工工地排查整治"))
    assert ("住房和城乡建设部门", RESP) in [(a.agency, a.role) for a in item.assignments]

"""Agency lists, names, kinds and jurisdictions, on real text of the corpus (each quote is checked
to occur in its file)."""
import json
import re
from pathlib import Path

import pytest

import zqdoc

from zqdoc.extract.agencies import (
    AgencyInfo,
    Jurisdiction,
    describe_agency,
    inherit_prefix,
    is_agency,
    is_named,
    jurisdiction_from,
    load_data,
    split_agencies,
)
from zqdoc.models import AgencyKind
from zqdoc.normalize import fold

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
K = AgencyKind


def real(doc: str, quote: str) -> str:
    assert quote in (CORPORA / f"{doc}.txt").read_text(encoding="utf-8"), f"not in {doc}: {quote}"
    return quote


ZHAOQING = jurisdiction_from("肇庆市人民政府办公室", "肇府办〔2012〕22号", None)


# ----------------------------------------------------------------------------- split_agencies


def test_a_city_s_short_name_names_its_enterprise_in_free_text():
    """上海城投集团负责…: a province's or prefecture's short name before a company names its
    government, as 市 does; a county's short name does not (平安公司), nor a bare company (城投集团)."""
    assert is_named("上海城投集团") and is_named("杭州地铁集团")
    assert not is_named("城投集团") and not is_named("平安公司")
    d = zqdoc.parse(CORPORA / "jingan-2025-paishui.txt")
    item = next(s for s in d.walk() if s.title.startswith("一体化运维管理：上海城投集团负责编制"))
    assert ("上海城投集团", "responsible") in [(a.agency, a.role.value) for a in item.assignments]


def test_split_mixed_separators_and_shared_heads():
    text = real("jianli-2022-fenjie", "市统计局、市市场监管局,各乡、镇人民政府,人民大垸、荒湖管理区,监利经济开发区")
    assert split_agencies(text) == ["市统计局", "市市场监管局", "各乡、镇人民政府", "人民大垸、荒湖管理区", "监利经济开发区"]


@pytest.mark.parametrize("doc, text", [
    ("wuxi-2011-fenjie", "各市(县)、区政府"),
    ("baotou-2011-fenjie", "各旗、县、区人民政府"),
    ("jieyang-2011-yaodian", "各县(市、区)人民政府(管委会)"),
    ("jianli-2022-fenjie", "各乡、镇人民政府"),
    ("jianli-2022-fenjie", "人民大垸、荒湖管理区"),
    ("zhaoqing-2012-plan", "相关县(市、区)政府"),
    ("gangcheng-2021-fangguanfu", "各街道(功能区)办事处(管委会)"),
])
def test_one_collective_stays_whole(doc, text):
    assert split_agencies(real(doc, text)) == [text]


def test_places_alone_before_a_department_share_its_head_but_not_a_governments():
    text = real("xiangyang-2023-dushiquan", "襄阳市、十堰市、随州市、神农架林区发改委")
    assert split_agencies(text) == [text]
    # a district alone already names its government
    assert split_agencies(real("guangzhou-2021-fengong", "荔湾区、黄埔区政府")) == ["荔湾区", "黄埔区政府"]


def test_lists_split_at_the_outer_conjunction_first():
    text = real("guowuyuan-2020-yingshang", "国务院相关部门和单位及各地区")
    assert split_agencies(text) == ["国务院相关部门和单位", "各地区"]
    assert split_agencies("工业和信息化局及财政局") == ["工业和信息化局", "财政局"]


def test_residential_compounds_and_text_with_a_colon_are_no_agencies():
    quote = real("nanchangxian-2024-minsheng", "莲水巷、橡西巷今日家园及向阳路和公园路等住宅小区")
    assert not is_agency(quote.split("、")[1])
    assert not is_agency("能耗指标:市经信局") and is_agency("市经信局")
    # a pronoun points back (名胜古迹、旅游景点由其管理机构负责); 其他 is a qualifier
    assert real("youyang-2012-chengzhen", "由其管理机构负责") and not is_agency("其管理机构")
    assert is_agency("其他有关部门")


def test_split_at_list_separators_but_not_inside_brackets():
    text = real("dongguan-2017-fanzhu", "各相关部门、镇街(园区)")
    assert split_agencies(text) == ["各相关部门", "镇街(园区)"]
    text = real("wuxi-2011-fenjie", "市发改委、财政局,无锡国税局、地税局")
    assert split_agencies(text) == ["市发改委", "财政局", "无锡国税局", "地税局"]
    assert split_agencies("市发改局；市财政局;市统计局") == ["市发改局", "市财政局", "市统计局"]


def test_generic_tails_are_removed():
    text = real("zhaoqing-2012-plan", "市经济信息化局、市文广新局、市旅游发展局等有关部门")
    assert split_agencies(text) == ["市经济信息化局", "市文广新局", "市旅游发展局"]
    text = real("zhaoqing-2012-plan", "市住房城乡建设局、市城市综合管理局等")
    assert split_agencies(text) == ["市住房城乡建设局", "市城市综合管理局"]
    assert split_agencies(real("zhaoqing-2012-plan", "市经济信息化局、市交通运输局、市城乡规划局等部门")) == [
        "市经济信息化局", "市交通运输局", "市城乡规划局"]
    assert split_agencies(real("gangcheng-2021-fangguanfu", "区司法局等有关部门")) == ["区司法局"]


def test_conjunction_only_between_agencies():
    assert split_agencies(real("pingdingshan-2013-fengong", "市工业和信息化局")) == ["市工业和信息化局"]
    assert split_agencies(real("jingzhou-2009-fenjie", "市劳动和社会保障局")) == ["市劳动和社会保障局"]
    assert split_agencies(real("caidian-2023-fenjie", "区科技和经信局")) == ["区科技和经信局"]
    assert split_agencies("市公安局和市城管局") == ["市公安局", "市城管局"]
    assert split_agencies("各乡镇党委和政府") == ["各乡镇党委和政府"]


def test_names_stay_as_printed_and_brackets_around_the_list_go():
    assert split_agencies("（市发改局、相关县（市、区）政府等有关部门）") == ["市发改局", "相关县（市、区）政府"]
    assert split_agencies("  、市发改局，") == ["市发改局"]


def test_note_bracket_is_dropped_from_the_last_agency():
    text = real("huzhou-2020-fenjie", "市金融办、市税务局(列第一位者为工作牵头单位或汇总单位,下同)")
    assert split_agencies(text) == ["市金融办", "市税务局"]


@pytest.mark.parametrize("name, expected", [
    ("市重大项目牵头部门", True), ("各指标监测落实部门", True), ("普宁市", True), ("苏州海关", True),
    ("各县(市、区)", True), ("镇街(园区)", True), ("各地", True), ("全区经济运行各专班", True),
    ("人民大垸", False), ("各乡镇人民政府", True), ("县", False), ("年内持续推进", False), ("下同", False),
    ("各地级以上市人民政府", True), ("牵头单位", False), ("各牵头单位", False), ("黄水利", False), ("城市", False), ("2025年版", False),
])
def test_is_agency(name, expected):
    assert is_agency(name) is expected


# ----------------------------------------------------------------------------- jurisdiction


@pytest.mark.parametrize("issuer, places", [
    ("肇庆市人民政府办公室", {"市": "肇庆市"}),
    ("监利市人民政府办公室", {"市": "监利市"}),
    ("黑龙江省人民政府", {"省": "黑龙江省"}),
    ("金华市婺城区人民政府", {"市": "金华市", "区": "婺城区"}),
    ("沁县人民政府办公室", {"县": "沁县"}),
    ("济南市钢城区人民政府办公室", {"市": "济南市", "区": "钢城区"}),
    ("广州市人民政府", {"市": "广州市"}),
    ("广西壮族自治区人民政府", {"省": "广西壮族自治区"}),
    ("中共肇庆市委办公室", {"市": "肇庆市"}),
    ("国务院", {"国": "中国"}),
])
def test_jurisdiction_from_issuer(issuer, places):
    j = jurisdiction_from(issuer, None, None)
    assert j.places == places and j.source == "issuer"


def test_governments_read_from_gold_issuers_agree_with_the_gold_government():
    """Every gold issuer that names a division gives that division (or one above the gold
    government, for a joint issuer's first organ), never a fragment such as 委办公室岳阳市."""
    from zqdoc.extract.governments import _named_division

    checked = 0
    for gold in CORPORA.glob("*.gold.json"):
        g = json.loads(gold.read_text(encoding="utf-8"))
        issuer = g["meta"]["issuer"]
        if not issuer or "jurisdiction" not in g:
            continue
        d = _named_division(issuer, None)
        if d is None:
            continue
        assert g["jurisdiction"].startswith(d.path) or d.path == g["jurisdiction"], (issuer, d.path, g["jurisdiction"])
        checked += 1
    assert checked >= 40


def test_jurisdiction_from_title_then_doc_number():
    title = real("baotou-2011-fenjie", "包头市人民政府关于印发2011年市政府重点工作任务分解意见的通知")
    assert jurisdiction_from(None, None, title) == Jurisdiction({"市": "包头市"}, "title")
    title = real("dongguan-2014-shuixiang", "关于印发《广东东莞水乡特色发展经济区")
    assert not jurisdiction_from(None, None, title)
    # the fallback table of organ codes
    assert jurisdiction_from(None, "肇府办〔2012〕22号", None) == Jurisdiction({"市": "肇庆市"}, "doc_number")
    assert jurisdiction_from(None, real("wuxi-2011-fenjie", "锡政发[2011]21号"), None).places == {"市": "无锡市"}
    assert jurisdiction_from(None, "苏府〔2011〕57号", None).places == {"市": "苏州市"}
    assert jurisdiction_from(None, "国发〔2020〕6号", None).places == {"国": "中国"}
    assert not jurisdiction_from(None, "某政发〔2020〕1号", None)
    assert not jurisdiction_from("市人民政府办公室", None, None)


# ----------------------------------------------------------------------------- describe_agency


@pytest.mark.parametrize("name, canonical, place, kind", [
    ("市发改局", "市发展改革局", "肇庆市", K.DEPARTMENT),
    ("市发展改革局", "市发展改革局", "肇庆市", K.DEPARTMENT),
    ("市人力资源社会保障局", "市人力资源社会保障局", "肇庆市", K.DEPARTMENT),
    ("市环境保护局", "市环境保护局", "肇庆市", K.DEPARTMENT),
    ("市市场监管局", "市市场监管局", "肇庆市", K.DEPARTMENT),
    ("肇庆高新区管委会", "肇庆高新区管委会", "肇庆高新区", K.ADMIN_COMMITTEE),
    ("端州区政府", "端州区人民政府", "端州区", K.GOVERNMENT),
    ("德庆县政府", "德庆县人民政府", "德庆县", K.GOVERNMENT),
    ("市委宣传部", "市委宣传部", "肇庆市", K.PARTY),
    ("市委政研室", "市委政策研究室", "肇庆市", K.PARTY),
    ("各县(市、区)人民政府", "各县(市、区)人民政府", None, K.COLLECTIVE),
    ("各乡、镇人民政府", "各乡、镇人民政府", None, K.COLLECTIVE),
    ("各相关部门", "各相关部门", None, K.COLLECTIVE),
    ("镇街(园区)", "镇街(园区)", None, K.COLLECTIVE),
    ("相关县(市、区)政府", "相关县(市、区)政府", None, K.COLLECTIVE),
    ("有关部门", "有关部门", None, K.GENERIC),
    ("各指标监测落实部门", "各指标监测落实部门", None, K.GENERIC),
    ("市重大项目牵头部门", "市重大项目牵头部门", "肇庆市", K.GENERIC),
    ("普宁市", "普宁市", "普宁市", K.GOVERNMENT),
    ("国务院各部门", "国务院各部门", "中国", K.COLLECTIVE),
])
def test_describe_agency_in_a_zhaoqing_plan(name, canonical, place, kind):
    info = describe_agency(name, ZHAOQING)
    assert isinstance(info, AgencyInfo)
    assert (info.canonical, info.jurisdiction, info.kind) == (canonical, place, kind)


def test_jurisdiction_prefix_means_the_document_place():
    caidian = jurisdiction_from("武汉市蔡甸区人民政府办公室")
    info = describe_agency(real("caidian-2023-fenjie", "区发展和改革局"), caidian)
    assert (info.canonical, info.jurisdiction) == ("区发展改革局", "蔡甸区")
    qinxian = jurisdiction_from("沁县人民政府办公室")
    assert describe_agency(real("qinxian-2025-renwu", "县示范区管委会"), qinxian).jurisdiction == "沁县"
    hlj = jurisdiction_from("黑龙江省人民政府")
    info = describe_agency(real("heilongjiang-2013-fengong", "省工信委"), hlj)
    assert (info.canonical, info.jurisdiction) == ("省工业和信息化委", "黑龙江省")
    assert describe_agency("市发改局", Jurisdiction()).jurisdiction is None


def test_aliases_resolve_after_the_prefix():
    assert describe_agency("市人社局").canonical == describe_agency("市人力资源和社会保障局").canonical == "市人力资源社会保障局"
    assert describe_agency("市人保局").canonical == "市人力资源社会保障局"
    assert describe_agency("省发改委").canonical == describe_agency("省发展和改革委员会").canonical == "省发展改革委"
    assert describe_agency("县住建局").canonical == "县住房城乡建设局"
    assert describe_agency("市环保局").canonical == "市环境保护局"
    assert describe_agency("市生态环境局").canonical == "市生态环境局"  # a different agency
    assert describe_agency("市场监督管理局").canonical == "市场监管局"
    assert describe_agency(real("xuzhou-2010-fenjie", "市发展和改革委员会")).canonical == "市发展改革委"


def test_inherit_prefix():
    text = real("heilongjiang-2013-fengong", "省工信委、国土资源厅、住建厅")
    assert inherit_prefix(split_agencies(text)) == ["省工信委", "省国土资源厅", "省住建厅"]
    assert describe_agency(inherit_prefix(["省财政厅", "地税局"])[1]).canonical == "省地方税务局"
    text = real("jieyang-2011-yaodian", "市科技局、经信局、质监局、工商局、农业局、普宁市")
    assert inherit_prefix(split_agencies(text)) == ["市科技局", "市经信局", "市质监局", "市工商局", "市农业局", "普宁市"]
    wuxi = jurisdiction_from(None, "锡政发[2011]21号")
    assert inherit_prefix(["市发改委", "财政局", "无锡国税局", "地税局"], wuxi) == [
        "市发改委", "市财政局", "无锡国税局", "无锡地税局"]
    assert inherit_prefix(["市统计局", "各乡、镇人民政府"]) == ["市统计局", "各乡、镇人民政府"]


# ----------------------------------------------------------------------------- the tables


def test_alias_table_is_consistent():
    seen = {}
    for entry in load_data("agency_aliases.json")["agencies"]:
        assert entry["canonical"] in entry["aliases"]
        for alias in entry["aliases"]:
            assert fold(alias) not in seen, f"{alias} in {seen.get(fold(alias))} and {entry['canonical']}"
            seen[fold(alias)] = entry["canonical"]
    assert len(load_data("agency_aliases.json")["agencies"]) >= 24


def test_clause_words_cover_the_contract_roles():
    words = load_data("clause_words.json")
    assert {"牵头", "主办", "分别牵头", "牵头落实", "牵头负责"} <= set(words["suffix_words"]["lead"])
    assert {"参与", "配合", "协助", "协办"} <= set(words["suffix_words"]["participant"])
    assert {"负责", "按职责分工负责", "分别负责", "负责落实", "落实", "实施"} <= set(words["suffix_words"]["responsible"])
    assert {"牵头单位", "牵头部门", "主办单位"} <= set(words["labels"]["lead"])
    assert {"配合单位", "协办单位", "参与单位"} <= set(words["labels"]["participant"])
    assert {"责任单位", "主要责任单位", "责任部门"} <= set(words["labels"]["responsible"])
    assert {"责任领导", "分管领导", "分管县领导", "分管市领导", "牵头领导", "责任人"} <= set(words["labels"]["leaders"])


def test_level_word_does_not_hide_a_prefix_before_a_known_agency():
    # 市民 is a word, but 市民政局 is 市 + 民政局 (seed: 市民政局 in 加快政府职能转变)
    from zqdoc.extract.agencies import describe_agency, inherit_prefix, jurisdiction_from

    j = jurisdiction_from("肇庆市人民政府办公室", "肇府办〔2012〕22号", None)
    assert (describe_agency("市民政局", j).jurisdiction, describe_agency("市民政局", j).stem) == ("肇庆市", "民政局")
    assert describe_agency("市场监管局", j).stem == "市场监管局"
    assert inherit_prefix(["市财政局", "市民政局", "市场监管局"]) == ["市财政局", "市民政局", "市市场监管局"]


def test_levels_named_alone_share_the_head_after_them():
    # a regulation's 市和区、县人民政府 and 市、区（县）水行政主管部门: the governments or departments of
    # every level named, one collective
    assert split_agencies(real("beijing-2002-renfang", "市和区、县人民政府")) == ["市和区、县人民政府"]
    assert split_agencies(real("zibo-1995-shuitubaochi", "市、区（县）水行政主管部门")) == ["市、区（县）水行政主管部门"]
    assert split_agencies(real("chongqing-2016-cunzhengongshui", "市、区县（自治县）水行政主管部门")) == ["市、区县（自治县）水行政主管部门"]
    assert not is_agency("市和区") and not is_agency("区县(自治县)")
    # places with names, and a city's own departments (市直), stay apart
    assert split_agencies(real("guangzhou-2021-fengong", "荔湾区、黄埔区政府")) == ["荔湾区", "黄埔区政府"]
    assert split_agencies("各县、市直有关部门") == ["各县", "市直有关部门"]


@pytest.mark.parametrize("printed, want", [
    # 与 joins two agencies as 和 does, never inside a name
    ("街道办事处与区绿化市容局", ["街道办事处", "区绿化市容局"]),
    ("文化与旅游局", ["文化与旅游局"]),
    # a party school is an agency of its own in a list
    ("区委党校、区教育局", ["区委党校", "区教育局"]),
])
def test_lists_joined_by_yu_and_party_schools(printed, want):
    assert split_agencies(printed) == want


def test_a_forest_farm_is_an_agency_of_its_own_in_a_list():
    assert split_agencies("平原镇政府、国有防护林场、区森林与园林管理局") == ["平原镇政府", "国有防护林场", "区森林与园林管理局"]

"""Governments from the GB/T 2260 code table: divisions by full, short, retired and renamed names;
a document's government from its evidence; each agency's; era-aware names; the eval score."""
from pathlib import Path

import pytest

import zqdoc
from zqdoc.evaluate import evaluate
from zqdoc.extract import gazetteer as gz
from zqdoc.extract.agencies import predecessors, successors
from zqdoc.extract.governments import agency_government, document_government
from zqdoc.models import DocumentMeta

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def test_divisions_by_full_short_and_abbreviated_names():
    assert (gz.find("肇庆市").code, gz.find("肇庆市").path) == ("441200", "广东省肇庆市")
    assert gz.find("广西").name == "广西壮族自治区" and gz.find("内蒙古").code == "150000"
    assert gz.find("海西").name == "海西蒙古族藏族自治州"
    assert gz.province_by_abbreviation("粤").name == "广东省"
    assert gz.find("东阳市").path == "浙江省金华市东阳市"


def test_a_name_two_divisions_share_needs_a_division_to_look_within():
    assert gz.find("通州区") is None  # 北京市通州区 and 南通市通州区
    assert gz.find("通州区", within=gz.find("北京市")).path == "北京市通州区"


def test_retired_names_keep_their_years_and_renamed_counties_their_printed_name():
    old = gz.find("襄樊市")
    assert old.code == "420600" and old.years[1] == 2010
    d, n = gz.chain_at_start("湖北省荆州市监利市人民政府")  # 监利县 became 监利市 in 2020
    assert (d.code, d.name, d.path, n) == ("421023", "监利市", "湖北省荆州市监利市", 9)


def test_no_fragment_is_a_division():
    assert gz.leading("委办公室岳阳市") is None
    assert gz.leading("公安部", short="above_county") is None  # not 公安县


@pytest.mark.parametrize("meta, path, source", [
    (DocumentMeta(issuer="肇庆市人民政府办公室", doc_number="肇府办〔2012〕22号"), "广东省肇庆市", "issuer"),
    (DocumentMeta(doc_number="国办发〔2018〕117号"), "中央", "doc_number"),
    (DocumentMeta(doc_number="豫政〔2023〕5号"), "河南省", "doc_number"),
    (DocumentMeta(issuer="中共岳阳市委办公室岳阳市人民政府办公室"), "湖南省岳阳市", "issuer"),
    (DocumentMeta(issuer="广东省人民政府", doc_number="肇府〔2012〕1号"), "广东省肇庆市", "issuer"),
    # 长政办发 is also 长沙's code: an organ code that fits the issuer's name is no contradiction
    (DocumentMeta(issuer="长兴县人民政府办公室", doc_number="长政办发〔2023〕7号"), "浙江省湖州市长兴县", "issuer"),
])
def test_the_document_government_from_its_evidence(meta, path, source):
    evidence = document_government(meta)
    assert (evidence.division.path, evidence.source, evidence.warnings) == (path, source, [])


def test_contradicting_evidence_leaves_the_government_unknown_with_a_warning():
    evidence = document_government(DocumentMeta(issuer="肇庆市人民政府", doc_number="穗府〔2012〕1号"))
    assert evidence.division is None and "广州市" in evidence.warnings[0]


def test_a_copy_without_metadata_takes_the_division_its_text_names_most():
    text = (CORPORA / "guangzhou-2012-rencai.txt").read_text(encoding="utf-8")
    assert document_government(DocumentMeta(), text=text).division.path == "广东省广州市"


@pytest.mark.parametrize("agency, path", [
    ("市发展改革局", "广东省肇庆市"), ("省财政厅", "广东省"), ("端州区政府", "广东省肇庆市端州区"),
    ("人力资源社会保障部", "中央"), ("国家发展改革委", "中央"), ("海关总署", "中央"),
    ("人行肇庆市中心支行", "广东省肇庆市"), ("肇庆高新区管委会", "广东省肇庆市"), ("各县(市、区)政府", "广东省肇庆市"),
    ("市委宣传部", "广东省肇庆市"), ("公安部", "中央"),
    # a name ending in 部 that is no ministry: a headquarters of the city's projects
    ("各片区项目建设指挥部", "广东省肇庆市"), ("市重点项目建设指挥部", "广东省肇庆市"),
    # ministries by their names, current and former; a local 党群部 (党群工作部) is none
    ("铁道部", "中央"), ("审计署", "中央"), ("党群部", "广东省肇庆市"), ("台工部", "广东省肇庆市"),
])
def test_each_agency_belongs_to_its_government(agency, path):
    assert agency_government(agency, gz.find("肇庆市"), 2012).path == path


def test_autonomous_divisions_by_their_short_names():
    # the nationalities go, whole (楚雄彝族 → 楚雄, not 楚), and X州 / X县 are printed forms
    assert gz.find("楚雄州").name == "楚雄彝族自治州" and gz.find("黔东南").name == "黔东南苗族侗族自治州"
    assert gz.chain_at_start("楚雄州人民政府办公室")[0].name == "楚雄彝族自治州"
    assert gz.find("海西州").name == "海西蒙古族藏族自治州" and gz.find("长阳县").name == "长阳土家族自治县"


def test_vertical_offices_local_regulators_places_alone_and_streets():
    guangzhou, shanghai = gz.find("广州市"), gz.find("上海市")
    songjiang = gz.find("松江区", within=shanghai)
    assert agency_government("合肥海关", gz.find("安徽省")).path == "中央"
    assert agency_government("市地方金融监管局", shanghai).path == "上海市"  # 地方: the city's own
    assert agency_government("越秀区", guangzhou).path == "广东省广州市越秀区"  # a district listed as a unit
    assert agency_government("岳阳街道", songjiang).path == "上海市松江区岳阳街道"  # not 湖南省岳阳市


def test_townships_below_the_code_table_by_full_name_inside_their_county():
    qibao = gz.find("闵行区七宝镇")
    assert (qibao.code, qibao.level, qibao.path, qibao.label) == ("310112:七宝镇", "township", "上海市闵行区七宝镇", "闵行区七宝镇")
    assert gz.by_code(qibao.code) == qibao and gz.find("闵行区").contains(qibao) and not qibao.contains(gz.find("闵行区"))
    assert gz.find("城关镇") is None and gz.find("泗洲头镇").path == "浙江省宁波市象山县泗洲头镇"  # one of 99; the only one
    # an issuer's street office formed after the table was made: its printed form after its district's government
    d, n = gz.chain_at_start("上海市奉贤区人民政府头桥街道办事处", printed_form=True)
    assert (d.path, n) == ("上海市奉贤区头桥街道", 14)
    assert gz.chain_at_start("上海市奉贤区人民政府办公室", printed_form=True)[0].path == "上海市奉贤区"
    # a township named like its county, whose short name opens it
    assert gz.chain_at_start("伊金霍洛镇人民政府")[0].path == "内蒙古自治区鄂尔多斯市伊金霍洛旗伊金霍洛镇"


def test_a_townships_document_its_offices_and_the_county_offices_stationed_there():
    d = zqdoc.parse(CORPORA / "qibao-2020-xiane.txt")
    assert (d.meta.government, d.meta.government_code) == ("上海市闵行区七宝镇", "310112:七宝镇")
    assert {a.jurisdiction for s in d.walk() for a in s.assignments if a.agency.startswith("镇")} == {"闵行区七宝镇"}
    d = zqdoc.parse(CORPORA / "wujing-2021-fangwu.txt")
    places = {a.agency: a.jurisdiction for s in d.walk() for a in s.assignments}
    assert places["社区办"] == "闵行区吴泾镇" and places["公安派出所"] == "闵行区"


def test_townships_named_in_a_plan_of_their_county():
    d = zqdoc.parse(CORPORA / "songjiang-2025-gengxin.txt")
    places = {a.agency: a.jurisdiction for s in d.walk() for a in s.assignments}
    assert places["九亭镇"] == "松江区九亭镇" and places["岳阳街道"] == "松江区岳阳街道"
    # a street's office after district bureaus takes no 区 from them
    d = zqdoc.parse(CORPORA / "huangpu-2025-kezaisheng.txt")
    assert {a.jurisdiction for s in d.walk() for a in s.assignments if a.agency == "打浦桥街道管理办"} == {"黄浦区打浦桥街道"}


def test_municipal_and_county_level_prefixes():
    tongzhou = gz.find("通州区", within=gz.find("北京市"))
    assert agency_government("市发改委", tongzhou).path == "北京市"
    assert agency_government("区水务局", tongzhou).path == "北京市通州区"
    dongyang = gz.find("东阳市")
    assert agency_government("市教育局", dongyang).path == "浙江省金华市东阳市"  # the county-level city's own


def test_parsed_assignments_carry_name_and_code():
    d = zqdoc.parse(CORPORA / "zhaoqing-2012-plan.txt")
    assert (d.meta.government, d.meta.government_code) == ("广东省肇庆市", "441200")
    pairs = {(a.agency, a.jurisdiction, a.jurisdiction_code) for s in d.walk() for a in s.assignments}
    assert ("市发展改革局", "肇庆市", "441200") in pairs


def test_an_agency_of_2012_keeps_its_name_and_links_to_its_successors():
    d = zqdoc.parse(CORPORA / "zhaoqing-2012-plan.txt")
    assert {a.canonical for s in d.walk() for a in s.assignments if "卫生" in a.agency} == {"市卫生局"}
    assert (2018, "卫生健康局") in successors("卫生局") and (2018, "环境保护局") in predecessors("生态环境局")
    assert successors("卫健局") == []


def test_eval_scores_governments_on_golds_that_name_them():
    result = evaluate(CORPORA)
    right, found = result.government_accuracy()
    assert found >= 900 and right / found >= 0.88
    doc_right, docs = result.document_government_accuracy()
    assert docs >= 70 and doc_right / docs >= 0.75


@pytest.mark.parametrize("name, function", [
    ("市发改局", "发展改革"), ("发展和改革委员会", "发展改革"), ("国家发展改革委", "发展改革"), ("县卫健局", "卫生健康"),
    ("市委宣传部", "宣传网信"), ("端州区政府", "政府"), ("各县(市、区)政府", "集体"), ("有关部门", "泛称"),
    ("肇庆高新区管委会", "管委会"), ("市人行", "金融"),
])
def test_function_classes_compare_departments_across_naming_habits(name, function):
    from zqdoc.extract.agencies import function_of

    assert function_of(name) == function


def test_a_department_named_without_a_place_finds_every_government_s():
    import glob

    from zqdoc.graph import build, find_agencies

    G = build([zqdoc.parse(p) for p in sorted(glob.glob(str(CORPORA / "*.txt")))])
    ndrc = set(find_agencies(G, "发改委"))
    assert ndrc == set(find_agencies(G, "发展改革")) == set(find_agencies(G, "发展和改革局"))
    assert len(ndrc) >= 40 and len({G.nodes[n]["jurisdiction"] for n in ndrc}) >= 30
    assert find_agencies(G, "肇庆市发改局") == ["agency:肇庆市/市发展改革局"]  # a place narrows it


def test_a_reform_links_agencies_of_one_government_without_merging_them():
    from zqdoc.graph import build

    later = zqdoc.parse_text("关于印发2020年健康工作方案的通知\n肇庆市人民政府办公室\n2020年3月1日\n"
                             "一、推进健康肇庆建设\n（一）完善基层医疗卫生服务。（市卫生健康局负责）\n")
    G = build([zqdoc.parse(CORPORA / "zhaoqing-2012-plan.txt"), later])
    links = [(u, v, d["year"]) for u, v, k, d in G.edges(keys=True, data=True) if k == "succeeded_by"]
    assert links == [("agency:肇庆市/市卫生局", "agency:肇庆市/市卫生健康局", 2018)]
    # no link across governments: Shanghai's 2025 市卫生健康委 is not Zhaoqing's successor
    G = build([zqdoc.parse(CORPORA / "zhaoqing-2012-plan.txt"), zqdoc.parse(CORPORA / "shanghai-2025-yiliaoqixie.txt")])
    assert not [k for _, _, k in G.edges(keys=True) if k == "succeeded_by"]


@pytest.mark.parametrize("name, level", [
    ("zhaoqing-2012-plan", "prefecture"), ("liaozhong-2024-fenjie", "county"), ("guowuyuan-2020-fengong", "central"),
    ("liaoning-2023-fengong", "province"),
])
def test_the_salutation_says_the_level_of_the_government_writing(name, level):
    from zqdoc.extract.governments import salutation_level

    assert salutation_level(zqdoc.parse(CORPORA / f"{name}.txt").meta.recipients) == level


def test_a_copy_without_metadata_whose_salutation_names_a_unit_by_its_place():
    """(印发稿) and 主送 only: 各县市人民政府 says a prefecture writes; 楚雄开发区管委会 names which."""
    d = zqdoc.parse(CORPORA / "chuxiong-2016-wenzengzhang.txt")
    assert d.meta.recipients == ["各县市人民政府", "州直各部门", "楚雄开发区管委会"]
    assert d.meta.government == "云南省楚雄彝族自治州"
    assert {a.jurisdiction for s in d.walk() for a in s.assignments} == {"楚雄彝族自治州"}


def test_a_citys_copy_that_cites_only_its_provinces_plan_has_no_government():
    # a copy without metadata (liupanshui-2022 opens at its preamble) that speaks as a city (全市)
    d = zqdoc.parse(CORPORA / "liupanshui-2022-jienengjianpai.txt")
    assert "《省人民政府关于印发贵州省“十四五”节能减排综合工作方案的通知》" in d.text and "全市" in d.text
    assert d.meta.government is None
    # a province's own copy keeps its province
    own = zqdoc.parse_text("为深入贯彻落实国家方案，结合贵州省实际，制定本方案。\n一、主要目标\n到2025年，全省能耗下降13%。贵州省各地要抓好落实。\n")
    assert own.meta.government == "贵州省"


@pytest.mark.parametrize("name, path, how", [
    # a county's plan prints its city and province before its own name: the lowest on the line
    ("hanshou-2021-shisiwu", "湖南省常德市汉寿县", "one line"),
    # a city's list of its counties names each as often as the city: the one holding them all
    ("zhaoqing-2020-minsheng", "广东省肇庆市", "branches"),
    # a province's notice names its cities by short name only (福州, 厦门, 莆田)
    ("fujian-2017-shishi", "福建省", "short names in branches"),
])
def test_a_copy_without_metadata_takes_the_division_its_place_names_agree_on(name, path, how):
    d = zqdoc.parse(CORPORA / f"{name}.txt")
    assert d.meta.issuer is None and d.meta.doc_number is None
    assert d.meta.government == path, how


def test_place_names_that_disagree_or_are_words_leave_the_government_unknown_with_a_warning():
    # 咸安绕城段 and 大竹山: a county by short name is no evidence (竹山 is a county of another city)
    d = zqdoc.parse(CORPORA / "xianan-2023-fenjie.txt")
    assert "咸安绕城段" in d.text and d.meta.government is None
    assert any("government" in w for w in d.warnings)
    # a province's city named once (人行杭州中心支行) is not enough to say the province
    d = zqdoc.parse(CORPORA / "zhejiang-2023-fenjie.txt")
    assert "人行杭州中心支行" in d.text and d.meta.government is None
    # two provinces' cities: no one province holds them
    two = zqdoc.parse_text("一、学习借鉴\n学习福州、厦门和南宁、柳州的经验，市发改局负责。\n")
    assert two.meta.government is None


def test_central_organs_in_a_citys_list_keep_the_central_government():
    # (责任单位：…市水务局、民航华东管理局、中国铁路上海局): no 市 prefix passes to a central organ
    d = zqdoc.parse(CORPORA / "shanghai-2023-jiaotongguangfu.txt")
    got = {(a.agency, a.jurisdiction) for s in d.walk() for a in s.assignments}
    assert ("民航华东管理局", "中央") in got and ("中国铁路上海局", "中央") in got
    assert ("市水务局", "上海市") in got
    assert not {j for a, j in got if a in ("民航华东管理局", "中国铁路上海局")} - {"中央"}


def test_a_name_that_opens_with_a_word_of_its_own_has_no_level_prefix():
    # 市场监督管理局 in a county's plan is the county's (市场 is a word, not 市 + 场…); 市民政局 is the city's
    pingtan = gz.find("平潭县")
    assert agency_government("市场监督管理局", pingtan, 2015).name == "平潭县"
    assert agency_government("市民政局", pingtan, 2015).name == "福州市"
    d = zqdoc.parse(CORPORA / "pingtan-2015-canzhuo.txt")
    got = {(a.agency, a.jurisdiction) for s in d.walk() for a in s.assignments}
    assert ("平潭出入境检验检疫局", "中央") in got  # a central vertical office


def test_vertical_offices_and_a_ministrys_regional_offices_are_central():
    shanghai = gz.find("上海市")
    for name in ("自然资源部东海局", "交通运输部上海海事局", "上海海事局", "市气象局", "气象部门"):
        assert agency_government(name, shanghai, 2026) == gz.CENTRAL, name
    # …while a city's own departments, and its tax bureau as the golds label it, stay the city's
    assert agency_government("市税务局", shanghai, 2026) == shanghai
    assert agency_government("市委宣传部", shanghai, 2026) == shanghai


def test_a_townships_office_is_found_by_its_name_in_every_township():
    from zqdoc.graph import build, find_agencies

    G = build([zqdoc.parse(CORPORA / f"{name}.txt") for name in ("qibao-2020-xiane", "wujing-2023-chubeiyongdi", "zhaoqing-2012-plan")])
    found = find_agencies(G, "镇财政所")
    assert sorted(found) == ["agency:闵行区七宝镇/镇财政所", "agency:闵行区吴泾镇/镇财政所"]
    assert "agency:肇庆市/市财政局" in find_agencies(G, "财政局")  # a department without a place: by function

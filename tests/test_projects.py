"""Named projects (zqdoc.extract.projects) on real sentences of the corpus. Precision comes first:
the generic phrases of the genre (等项目, 重点项目, 项目建设 …) must never come out as names."""
from pathlib import Path

import pytest

from zqdoc.extract.projects import find_projects

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def real(doc: str, sentence: str) -> str:
    """`sentence`, after checking that corpora/`doc`.txt prints it."""
    assert sentence in (CORPORA / f"{doc}.txt").read_text(encoding="utf-8"), sentence
    return sentence


def names(text):
    return [(p.name, p.kind) for p in find_projects(text)]


def test_a_list_of_parks_and_bases_before_等项目():
    text = real("zhaoqing-2012-plan", "推进端州区生产性服务业基地、肇庆新港物流园区、肇庆高新区综合保税区等项目规划建设。")
    assert names(text) == [("端州区生产性服务业基地", "base"), ("肇庆新港物流园区", "park"), ("肇庆高新区综合保税区", "zone")]


def test_roads_and_railways_with_a_section():
    text = real("zhaoqing-2012-plan", "加快交通对接,全力配合、加快推进二广高速怀集至连州段、珠外环江肇高速、肇花高速建设;积极配合贵广铁路、南广铁路、广肇轻轨项目建设;")
    assert names(text) == [
        ("二广高速怀集至连州段", "road"), ("珠外环江肇高速", "road"), ("肇花高速", "road"),
        ("贵广铁路", "railway"), ("南广铁路", "railway"), ("广肇轻轨项目", "project"),
    ]


def test_projects_whose_names_hold_a_park_and_a_bracket():
    text = real("zhaoqing-2012-plan", "抓好能源基础设施建设,推进三榕工业园区生物质集中供热热电联产项目、国电大旺热电联产项目、大唐国际高要金淘热电冷联产项目等项目的前期工作。")
    assert names(text) == [
        ("三榕工业园区生物质集中供热热电联产项目", "project"), ("国电大旺热电联产项目", "project"),
        ("大唐国际高要金淘热电冷联产项目", "project"),
    ]
    text = real("zhaoqing-2012-plan", "抓好中山(肇庆大旺)产业转移园扩园和中山大涌(怀集)、顺德龙江(德庆)产业转移园的规划调整")
    assert names(text) == [("中山(肇庆大旺)产业转移园", "park"), ("顺德龙江(德庆)产业转移园", "park")]


@pytest.mark.parametrize("doc, text, expected", [
    ("zhaoqing-2012-plan", "抓好肇庆新型电子元器件产业基地、生物医药和健康产业基地建设", [("肇庆新型电子元器件产业基地", "base")]),
    ("pingdingshan-2013-fengong", "重点抓好智能电网高端装备产业基地、煤炭综采成套装备及智能控制系统、隆鑫机车工业园等项目", [("隆鑫机车工业园", "park")]),
    ("qinxian-2025-renwu", "1.投资3000万元建设南美白对虾工厂化循环水养殖基地。", [("南美白对虾工厂化循环水养殖基地", "base")]),
    ("zhaoqing-2012-plan", "推进端州龟顶新城、城东城市综合体等重点项目建设。", [("端州龟顶新城", "zone"), ("城东城市综合体", "facility")]),
    ("zhaoqing-2012-plan", "加快启动“粤桂合作特别实验区”立项报批手续", [("粤桂合作特别实验区", "zone")]),
    ("zhaoqing-2012-plan", "大力实施“强师振教”工程", [("“强师振教”工程", "programme")]),
    ("zhaoqing-2012-plan", "加快启动“五个一工程”", [("五个一工程", "programme")]),
    ("hangzhou-2015-hulianwang", "“互联网+”行动", [("“互联网+”行动", "programme")]),
])
def test_named_projects(doc, text, expected):
    assert names(real(doc, text)) == expected


def test_a_verb_before_the_name_is_trimmed():
    text = real("zhaoqing-2012-plan", "尽快出台广佛肇(怀集)经济合作区工作方案,力促广佛肇经济合作区尽快启动。")
    assert names(text) == [("广佛肇(怀集)经济合作区", "zone"), ("广佛肇经济合作区", "zone")]
    text = real("zhaoqing-2012-plan", "争取新开工广佛肇高速公路一、二期")
    assert names(text) == [("广佛肇高速公路", "road")]


def test_spans_are_spans_of_the_text():
    text = real("zhaoqing-2012-plan", "推进广佛肇高速公路、汕湛高速公路、怀阳高速公路、广肇高速莲塘互通、肇顺南城际轨道等项目的前期工作。")
    projects = find_projects(text)
    assert [p.name for p in projects] == ["广佛肇高速公路", "汕湛高速公路", "怀阳高速公路", "广肇高速莲塘互通", "肇顺南城际轨道"]
    assert all(text[p.span[0]:p.span[1]] == p.name for p in projects)


@pytest.mark.parametrize("doc, text", [
    ("zhaoqing-2012-plan", "加快推进“四年大发展”重大项目建设,确保完成年度进度要求,力争部分项目上半年见成效。"),
    ("zhaoqing-2012-plan", "(市发展改革局、市重点项目办、市重大项目牵头部门负责)"),
    ("zhaoqing-2012-plan", "严格项目准入制度,严把总量前置审核关"),
    ("zhaoqing-2012-plan", "推进有基础的园区申报设立新的省级产业转移工业园,扩大产业转移承接载体。"),
    ("zhaoqing-2012-plan", "共建基础设施项目,合力推动示范区建设"),
    ("zhaoqing-2012-plan", "打造新型建材产业基地和高要小五金、广宁林浆纸一体化、高要压铸省级产业集群升级示范区,推进传统优势产业转型升级集聚区建设。"),
    ("zhaoqing-2012-plan", "加快西江2000吨级航道整治工程建设,争取年内完成主体工程建设。"),
    ("zhaoqing-2012-plan", "启动国家级职业能力开发评价示范基地建设,建成1个国家级创业带动就业孵化基地。"),
    ("zhaoqing-2012-plan", "开通住房保障项目动态管理信息系统。"),
    ("qinxian-2025-renwu", "3.建设3个劳动密集型产业园。"),
    ("wuxi-2011-fenjie", "7、大力发展各项社会事业,扎实办好11项为民办实事项目。"),
    ("jianli-2022-fenjie", "监利市人民政府办公室关于分解落实《政府工作报告》2022年重点工作及民生实事项目的通知"),
    ("heilongjiang-2013-fengong", "1.抓好600个省级重点产业项目,确保年度投资达到2000亿元"),
    ("heilongjiang-2013-fengong", "齐齐哈尔提速提重新型铁路货车"),
    ("nanling-2024-fenjie", "支持芜湖科技工程学校发展"),
    ("dongyang-2023-canjiren", "东阳市促进残疾人就业行动实施方案(2023—2025年)"),
    ("wucheng-2025-zhengce", "100%保障全年新上重大项目用能"),
    ("huoshan-2025-kaifaqu", "坚持服务跟着项目走"),
])
def test_generic_phrases_are_no_projects(doc, text):
    assert names(real(doc, text)) == []


@pytest.mark.parametrize("text, expected", [
    ("加快推进重点项目建设,做好有关项目前期工作,这些项目要按期完成。", []),
    ("推进等项目建设,抓好项目建设。", []),
    ("积极推进中心城区建设和中心镇规划。", []),
    ("打造国家级经济技术开发区。", []),
    ("实施《肇庆市城市绿道专项规划》", []),
    ("加快推进乌鲁木齐至奎屯高速公路、京沪高铁建设。", [("乌鲁木齐至奎屯高速公路", "road"), ("京沪高铁", "railway")]),
    ("启动建设华为南方工业园二期项目。", [("华为南方工业园二期项目", "project")]),
])
def test_genre_phrases_the_corpus_lacks(text, expected):
    """Constructed: more generic phrases, agencies and titles, and two real-world names."""
    assert names(text) == expected


def test_each_name_once():
    text = real("zhaoqing-2012-plan", "共建广佛肇经济合作区,尽快出台广佛肇(怀集)经济合作区工作方案,力促广佛肇经济合作区尽快启动。")
    assert [n for n, _ in names(text)] == ["广佛肇经济合作区", "广佛肇(怀集)经济合作区"]


def test_whole_seed_document_has_no_generic_names():
    text = (CORPORA / "zhaoqing-2012-plan.txt").read_text(encoding="utf-8")
    found = [p.name for p in find_projects(text)]
    for name in ["肇庆新港物流园区", "二广高速怀集至连州段", "贵广铁路", "南广铁路", "三榕工业园区生物质集中供热热电联产项目",
                 "国电大旺热电联产项目", "中山(肇庆大旺)产业转移园", "肇庆新型电子元器件产业基地"]:
        assert name in found
    generic = ("重点项目", "等项目", "有关项目", "这些项目", "项目建设", "重大项目")
    assert not [n for n in found if n in generic or n.startswith(("等", "各", "有关", "重点", "重大"))]


@pytest.mark.parametrize("line, names", [
    ("推进肇庆新港物流园区建设," * 5_000, ["肇庆新港物流园区"]),
    ("肇庆物流园区" * 20_000, []),  # each suffix runs on into the next name: a modifier
    ("项目" * 100_000, []),
    ("“" * 200_000 + "工程”", []),
    ("(" * 100_000 + "产业园", []),
], ids=["names", "no-punctuation", "suffixes", "quotes", "brackets"])
def test_run_on_lines(line, names):
    """Huge run-on lines give each name once, or none (their time: benchmarks/stress_bench.py)."""
    assert [p.name for p in find_projects(line)] == names

"""Quantitative targets (zqdoc.extract.targets) on real sentences of the corpus and on the traps of
the genre. Sentences are quoted from corpora/*.txt and checked to be there (`real`); the few forms
the corpus does not hold are marked as constructed."""
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

import zqdoc
from zqdoc.extract.targets import find_targets, parse_deadline, parse_number
from zqdoc.normalize import fold

from conftest import gold_docs as annotated_docs
from helpers import norm
from zqdoc.evaluate import base_value

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def real(doc: str, sentence: str) -> str:
    """`sentence`, after checking that corpora/`doc`.txt prints it."""
    assert sentence in (CORPORA / f"{doc}.txt").read_text(encoding="utf-8"), sentence
    return sentence


def found(text, year=None):
    """(value, value_max, unit, comparator) of each target."""
    return [(t.value, t.value_max, t.unit, t.comparator.value) for t in find_targets(text, year=year)]


def raws(text, year=None):
    return [t.raw for t in find_targets(text, year=year)]


# ---------------------------------------------------------------- raws as the gold prints them

def test_three_targets_of_one_sentence_with_their_raws_and_subjects():
    text = real("zhaoqing-2012-plan", "加大科研投入,推动自主创新,组织10家企业申请认定高新技术企业,培育1—2家省级工程研究开发中心,4—5家市级工程研究开发中心。")
    targets = find_targets(text)
    assert [t.raw for t in targets] == ["组织10家企业申请认定高新技术企业", "培育1—2家省级工程研究开发中心", "4—5家市级工程研究开发中心"]
    assert [t.subject for t in targets][1:] == ["省级工程研究开发中心", "市级工程研究开发中心"]
    assert [text[slice(*t.span)] for t in targets] == [t.raw for t in targets]


def test_raw_starts_after_the_heading_marker():
    text = real("heilongjiang-2013-fengong", "(八)居民消费价格涨幅控制在3.5%左右。(省物价监管局负责)")
    assert raws(text) == ["居民消费价格涨幅控制在3.5%左右"]


def test_one_target_for_two_subjects_sharing_one_value():
    text = real("heilongjiang-2013-fengong", "(七)城镇居民人均可支配收入、农民人均纯收入均增长12%以上。(省发改委、农委、统计局分别负责)")
    assert raws(text) == ["城镇居民人均可支配收入、农民人均纯收入均增长12%以上"]
    assert found(text) == [(12, None, "%", ">=")]


def test_three_values_after_分别_are_three_targets():
    text = real("jingzhou-2009-fenjie", "万元生产总值综合能耗、化学需氧量排放、二氧化硫排放分别下降4.8%、3. 3%和1.4%")
    assert found(text) == [(4.8, None, "%", "="), (3.3, None, "%", "="), (1.4, None, "%", "=")]
    assert raws(text)[1:] == ["3. 3%", "1.4%"]


def test_two_targets_joined_by_和_are_cut_at_和():
    text = real("pingdingshan-2013-fengong", "形成一批超100亿元的优势产业集群和超20亿元的特色产业集群。")
    assert raws(text) == ["形成一批超100亿元的优势产业集群", "超20亿元的特色产业集群"]
    assert [t.subject for t in find_targets(text)] == ["优势产业集群", "特色产业集群"]


# ---------------------------------------------------------------- one test per comparator

@pytest.mark.parametrize("doc, text, expected", [
    ("dongyang-2023-canjiren", "全市新增残疾人就业800人以上", (800, None, "人", ">=")),  # 以上
    ("heilongjiang-2013-fengong", "确保年度投资达到2000亿元", (2000, None, "亿元", ">=")),  # 达到
    ("zhaoqing-2012-plan", "实现村庄规划及中心镇总体规划覆盖率达100%", (100, None, "%", ">=")),  # 达
    ("dongyang-2023-canjiren", "劳动年龄段持证残疾人就业率达60%以上", (60, None, "%", ">=")),  # 达…以上
    ("pingdingshan-2013-fengong", "装备制造板块主营业务收入超400亿元", (400, None, "亿元", ">=")),  # 超
    ("wuxi-2011-fenjie", "城镇登记失业率控制在3.5%以内", (3.5, None, "%", "<=")),  # 控制在…以内
    ("jingzhou-2009-fenjie", "人口自然增长率控制在6‰以内", (6, None, "‰", "<=")),  # 以内, ‰
    ("baotou-2011-fenjie", "全市规模以上工业增加值增长19%左右", (19, None, "%", "~")),  # 左右
    ("heilongjiang-2013-fengong", "居民消费价格涨幅控制在3.5%左右", (3.5, None, "%", "~")),  # 左右 wins over 控制在
    ("zhaoqing-2012-plan", "力争新增城市绿道约50公里", (50, None, "公里", "~")),  # 约
    ("zhaoqing-2012-plan", "培育1—2家省级工程研究开发中心", (1, 2, "家", "range")),  # range
    ("jieyang-2011-yaodian", "省级民营科技企业12家", (12, None, "家", "=")),  # a plain count
    ("huzhou-2020-fenjie", "力争减轻企业各类负担200亿元", (200, None, "亿元", "=")),  # 力争 is no comparator
    ("wuxi-2011-fenjie", "万元地区生产总值能耗较2010年降低3.8%", (3.8, None, "%", "=")),  # 降低
    ("wuxi-2011-fenjie", "主要污染物排放量较2010年削减4%", (4, None, "%", "=")),  # 削减
    ("heilongjiang-2013-fengong", "单位GDP综合能耗下降3.5%", (3.5, None, "%", "=")),  # 下降
    ("baotou-2011-fenjie", "增长20%左右", (20, None, "%", "~")),  # growth
])
def test_comparator_of_a_real_target(doc, text, expected):
    assert found(real(doc, text)) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("每个乡镇建成日间照料中心不少于2个", (2, None, "个", ">=")),
    ("森林覆盖率不低于60%", (60, None, "%", ">=")),
    ("城镇登记失业率不超过4%", (4, None, "%", "<=")),
    ("PM2.5平均浓度控制在35微克以下,空气优良天数比例保持在90%以下", (90, None, "%", "<=")),
    ("新增就业近3万人", (3, None, "万人", "~")),
    ("培育1至2家龙头企业", (1, 2, "家", "range")),
    ("粮食产量稳定在60万吨左右", (60, None, "万吨", "~")),
])
def test_comparator_forms_the_corpus_lacks(text, expected):
    """Constructed: the corpus prints no 不少于, 不低于, 不超过, 以下, 近 or 至 range."""
    assert found(text)[-1:] == [expected]


def test_approximate_word_inside_another_word_is_no_comparator():
    assert found("节约用水10%,全年新增企业10家") == [(10, None, "%", "="), (10, None, "家", "=")]  # constructed


# ---------------------------------------------------------------- numeral forms

@pytest.mark.parametrize("doc, text, expected", [
    ("jianli-2022-fenjie", "财政总收入增长10.8%", (10.8, None, "%", "=")),  # decimal
    ("zhaoqing-2012-plan", "所有县(市)建成一座以上生活垃圾无害化处理设施", (1, None, "座", ">=")),  # 一座以上
    ("wuxi-2011-fenjie", "新增城镇就业10万人", (10, None, "万人", "=")),  # 10万人 stays 万人
    ("zhaoqing-2012-plan", "4—5家市级工程研究开发中心", (4, 5, "家", "range")),  # 4—5家
    ("suzhou-2011-renwu", "服务业增加值占地区生产总值的比重提高1.5个百分点", (1.5, None, "个百分点", "=")),
    ("dongyang-2023-canjiren", "组织开展残疾人职业技能培训1300人次以上", (1300, None, "人次", ">=")),  # 人次 over 人
    ("huoshan-2025-kaifaqu", "盘活存量土地400亩", (400, None, "亩", "=")),
    ("qinxian-2025-renwu", "推动潞讯精密电子30条生产线投产", (30, None, "条", "=")),
    ("qinxian-2025-renwu", "投资3000万元建设南美白对虾工厂化循环水养殖基地", (3000, None, "万元", "=")),
    ("wucheng-2025-zhengce", "新增储能装机5万千瓦", (5, None, "万千瓦", "=")),  # 万 + 千瓦
    ("wucheng-2025-zhengce", "保障全社会电量供给35亿千瓦时左右", (35, None, "亿千瓦时", "~")),
])
def test_numeral_and_unit_forms(doc, text, expected):
    assert found(real(doc, text)) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("新建学校两所以上", (2, None, "所", ">=")),
    ("新增就业岗位一万个以上", (1, None, "万个", ">=")),
    ("研发投入增长百分之十", (10, None, "%", "=")),
    ("完成投资1,200万元", (1200, None, "万元", "=")),
    ("培育一至两家龙头企业", (1, 2, "家", "range")),
])
def test_numeral_forms_the_corpus_lacks(text, expected):
    """Constructed: 两, 一万, 百分之, thousands separators and Chinese ranges."""
    assert found(text) == [expected]


@pytest.mark.parametrize("s, value", [
    ("10", 10), ("6.2", 6.2), ("1,000", 1000), ("3. 3", 3.3), ("两", 2), ("一", 1), ("十五", 15),
    ("一千二百", 1200), ("三点五", 3.5), ("百分之十", 10), ("二十万", 200000),
    ("一体化", None), ("", None), ("abc", None),
])
def test_parse_number(s, value):
    assert parse_number(s) == value


def test_a_space_after_a_list_marker_is_no_decimal():
    # the 2. of a list line stays a marker; the 3. 3% of jingzhou is a decimal
    assert found("2. 30家企业上市") == [(30, None, "家", "=")]  # constructed


# ---------------------------------------------------------------- deadlines

def test_deadline_到_year_end_applies_to_the_whole_sentence():
    text = real("zhaoqing-2012-plan", "到2012年底,全市70%以上的乡镇(街道)创建成为省教育强镇,70%以上的县(市、区)创建成为省教育强县(市、区),全市实现创建广东省教育强市目标任务。")
    targets = find_targets(text, year=2012)
    assert [(t.raw, t.deadline, t.deadline_text) for t in targets] == [
        ("全市70%以上的乡镇(街道)创建成为省教育强镇", dt.date(2012, 12, 31), "到2012年底"),
        ("70%以上的县(市、区)创建成为省教育强县(市、区)", dt.date(2012, 12, 31), "到2012年底"),
    ]


def test_deadline_年内_needs_the_plans_year():
    text = real("baotou-2011-fenjie", "实施投资5000万元以上工业重点项目323个,年内力争完成投资1000亿元以上,增长20%左右。")
    assert [(t.deadline, t.deadline_text) for t in find_targets(text, year=2011)] == [
        (None, None), (dt.date(2011, 12, 31), "年内"), (dt.date(2011, 12, 31), "年内")]
    assert [(t.deadline, t.deadline_text) for t in find_targets(text)][1] == (None, "年内")


def test_deadline_year_standing_alone_as_a_clause():
    text = real("wucheng-2025-zhengce", "2025年,力争全社会研发投入强度达到2.95%。")
    [t] = find_targets(text)
    assert (t.raw, t.value, t.comparator.value, t.deadline) == ("力争全社会研发投入强度达到2.95%", 2.95, ">=", dt.date(2025, 12, 31))


def test_deadline_到_year_and_全年():
    text = real("dongyang-2023-canjiren", "到2025年,全市新增残疾人就业800人以上,组织开展残疾人职业技能培训1300人次以上")
    assert {t.deadline for t in find_targets(text)} == {dt.date(2025, 12, 31)}
    cell = real("huoshan-2025-kaifaqu", "全力推进开发区“空间再造”,推动工业用地“腾笼换鸟”,力争 全年盘活僵尸企业10家,盘活存量土地400亩。")
    assert [t.deadline for t in find_targets(cell, year=2025)] == [dt.date(2025, 12, 31)] * 2


def test_a_baseline_year_is_no_deadline():
    text = real("wuxi-2011-fenjie", "2、万元地区生产总值能耗较2010年降低3.8%。")
    [t] = find_targets(text, year=2011)
    assert t.deadline is None and t.raw == "万元地区生产总值能耗较2010年降低3.8%"


@pytest.mark.parametrize("s, year, expected", [
    ("到2012年底", None, (dt.date(2012, 12, 31), "到2012年底")),
    ("年内", 2012, (dt.date(2012, 12, 31), "年内")),
    ("上半年", 2012, (dt.date(2012, 6, 30), "上半年")),
    ("6月底前", 2012, (dt.date(2012, 6, 30), "6月底前")),
    ("六月底前", 2012, (dt.date(2012, 6, 30), "六月底前")),
    ("2023年6月底前", None, (dt.date(2023, 6, 30), "2023年6月底前")),
    ("2025年", None, (dt.date(2025, 12, 31), "2025年")),
    ("截至2024年底", None, (dt.date(2024, 12, 31), "截至2024年底")),
    ("2024年三季度", None, (dt.date(2024, 9, 30), "2024年三季度")),
    ("4月20日前", 2011, (dt.date(2011, 4, 20), "4月20日前")),
    ("年内", None, (None, "年内")),
    ("2012年4月20日印发", None, (None, None)),  # a date, not a deadline
    ("较2010年降低", None, (None, None)),  # a baseline
    ("", None, (None, None)),
])
def test_parse_deadline(s, year, expected):
    assert parse_deadline(s, year) == expected


def test_deadline_forms_the_corpus_lacks_inside_a_sentence():
    """Constructed: 2023年6月底前 / 6月底前 / 上半年 in front of a target."""
    assert [t.deadline for t in find_targets("2023年6月底前完成10个老旧小区改造")] == [dt.date(2023, 6, 30)]
    assert [t.deadline for t in find_targets("6月底前,新建5G基站500个", year=2024)] == [dt.date(2024, 6, 30)]
    assert [t.deadline for t in find_targets("上半年完成投资30亿元", year=2024)] == [dt.date(2024, 6, 30)]


# ---------------------------------------------------------------- traps: numbers that are no targets

@pytest.mark.parametrize("doc, text", [
    # years and year ranges
    ("zhaoqing-2012-plan", "认真贯彻落实《肇庆市中长期人才发展规划纲要(2011—2020)》和《肇庆市引进和培养高层次人才实施办法》"),
    ("dongguan-2014-shuixiang", "也是实现“2017初见成效”目标的攻坚突破之年"),
    ("wucheng-2025-zhengce", "关于推动经济高质量发展若干政策举措(2025年版)的通知"),
    # ordinals
    ("zhaoqing-2012-plan", "全面贯彻落实党的十七届六中全会、中央经济工作会议精神"),
    ("zhaoqing-2012-plan", "加快推动实施第一、二批重点合作计划项目,精心筛选第三批合作项目。"),
    ("zhaoqing-2012-plan", "按照省委十届十一次全会和市第十一次党代会、市十二届人大一次会议精神的决策部署"),
    ("pingdingshan-2013-fengong", "已经2013年2月25日市政府第57次常务(扩大)会议研究通过。"),
    ("pingdingshan-2013-fengong", "陈建生市长在市九届人大六次会议上所作的《政府工作报告》中"),
    ("guowuyuan-2020-fengong", "为全面贯彻党的十九大和十九届二中、三中、四中全会精神"),
    ("zhaoqing-2012-plan", "争取新开工广佛肇高速公路一、二期"),
    # document numbers and dates
    ("guowuyuan-2020-fengong", "国发〔2020〕6号"),
    ("baotou-2011-fenjie", "并于4月20日前报市政府督查室。\n\n二○一一年四月六日"),
    ("jianli-2022-fenjie", "发布时间:2021-11-22 19:30"),
    # names and specifications
    ("zhaoqing-2012-plan", "拓宽改造“五纵五横”干线公路网,进一步提高干线公路通行条件。加快西江2000吨级航道整治工程建设"),
    ("zhaoqing-2012-plan", "特别是列入省现代农业100强项目"),
    ("zhaoqing-2012-plan", "深入推进“三网融合”"),
    ("guowuyuan-2020-fengong", "增强“四个意识”、坚定“四个自信”、做到“两个维护”"),
    ("wucheng-2025-zhengce", "迭代升级“315”科技创新体系建设工程为牵引"),
    ("dongguan-2017-fanzhu", "推动全市在泛珠三角区域“9+2”各方合作中发挥更加积极的作用"),
    ("pingdingshan-2013-fengong", "重点抓好平煤神马25万吨己二酸和20万吨己内酰胺、海星化工10万吨针状焦、厚普盐化120万吨真空制盐、中加矿业300万吨铁精粉等项目建设"),
    ("jieyang-2011-yaodian", "全面实施“一三二”发展思路"),
    # baselines
    ("dongyang-2023-canjiren", "以全市就业年龄段的7600多名持证残疾人为主要对象"),
    # counts of the notice's own tasks and units
    ("qinxian-2025-renwu", "《2025年县<政府工作报告>任务分解》明确133项具体任务,涉及34个牵头单位;《2025年十五件民盼实事任务分解》细化15项具体任务,涉及10个责任单位"),
    ("qinxian-2025-renwu", "一、县示范区管委会牵头工作(8项)"),
    ("suzhou-2011-renwu", "市政府将2011年政府工作任务分解为15项工作目标和35项工作任务"),
    ("suzhou-2011-renwu", "经济社会发展主要预期目标分解(15项)"),
    ("wuxi-2011-fenjie", "市政府将全年的目标任务分解成70项具体工作任务"),
    ("pingdingshan-2013-fengong", "提出了2013年市政府要做好的8项重点工作"),
    ("jieyang-2011-yaodian", "重点抓好以下八个方面工作:"),
    ("yuncheng-2017-yingji", "现将《规划》中明确提出的9项具体建设任务和7项重点建设项目进行责任分解"),
    # rhetoric in Chinese numerals
    ("heilongjiang-2013-fengong", "重点抓好哈尔滨中小型燃气轮机、齐齐哈尔提速提重新型铁路货车、哈工大奥瑞德蓝宝石等一大批技术领先、附加值高的项目"),
    ("zhaoqing-2012-plan", "力争实现对生态功能区激励、保障、补偿三位一体的财力支持"),
])
def test_no_target_in_a_trap(doc, text):
    assert found(real(doc, text)) == []


def test_qualifier_is_skipped_and_the_count_kept():
    text = real("baotou-2011-fenjie", "实施投资5000万元以上工业重点项目323个")
    [t] = find_targets(text)
    assert (t.value, t.unit, t.comparator.value, t.raw) == (323, "个", "=", text)


def test_amount_with_的_is_a_target_and_a_count_of_projects_is_one():
    assert found(real("zhaoqing-2012-plan", "打造若干个500亿元以上的产业")) == [(500, None, "亿元", ">=")]
    assert found(real("wuxi-2011-fenjie", "扎实办好11项为民办实事项目")) == [(11, None, "项", "=")]


@pytest.mark.parametrize("text, expected", [
    ("建设110千伏变电站3座", [(3, None, "座", "=")]),
    ("建设年产10万吨乙二醇项目", []),
    ("新建5G基站500个,PM2.5平均浓度下降5%", [(500, None, "个", "="), (5, None, "%", "=")]),
    ("统筹两个市场,推进一网通办、一件事改革,一次性告知", []),
    ("12345热线,0758-2222222,二级以上医院,4A级景区", []),
    # 5部门 is no unit; 10万人口 counts people by a bare magnitude (unit 万, as three golds label it)
    ("联合5部门开展专项行动,惠及10万人口", [(10, None, "万", "=")]),
    ("新增10余家企业", []),
])
def test_traps_the_corpus_lacks(text, expected):
    """Constructed: voltages, capacities, codes, phone numbers, grades, words after units."""
    assert found(text) == expected


# ---------------------------------------------------------------- the corpus as the scorer sees it

def base(value, unit):
    """../shared/tools/score.py `base`: 10万人 == 100000 人, 5亿元 == 50000万元."""
    return base_value(value, unit)


def heading_spans(text, gold):
    """(title, start, end) of each gold heading: its marker + title found in order, running to the
    next heading's start."""
    folded, pos, starts = fold(text), 0, []
    for h in gold["headings"]:
        marker = re.escape(fold(h["marker"]))
        title = re.escape(fold(h["title"]))
        m = re.compile(marker + r"[、.\s|]*" + title).search(folded, pos)
        assert m, (h, pos)
        starts.append(m.start())
        pos = m.end()
    return [(h["title"], s, e) for h, s, e in zip(gold["headings"], starts, starts[1:] + [len(text)])]


def gold_docs():
    for name, path, gold in annotated_docs():
        yield name, path.read_text(encoding="utf-8"), gold


def target_key(heading, value, value_max, unit):
    v, u = base(value, unit)
    return norm(heading), v, base(value_max, unit)[0], u


def _numbers(s):
    return {parse_number(x) for x in re.findall(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+", fold(s))} - {None}


# ---------------------------------------------------------------- linear time

@pytest.mark.parametrize("line, count, first", [
    ("1个" * 50_000, 50_000, "1个"),
    ("投资5000万元以上工业项目" * 20_000, 20_000, "投资5000万元以上"),
    ("一" * 500_000, 0, None),
    ("1," * 200_000, 0, None),
    ("1—" * 200_000 + "家", 0, None),
    ("“" * 300_000, 0, None),
    ("到2025年" * 50_000, 0, None),
    ("9" * 300_000 + "家", 0, None),  # longer than any quantity: a code
], ids=["counts", "qualifiers", "cn-numerals", "commas", "dashes", "quotes", "years", "digits"])
def test_run_on_lines(line, count, first):
    """Huge run-on lines (their time: benchmarks/stress_bench.py)."""
    found = find_targets(line, year=2012)
    assert len(found) == count
    assert (found[0].raw if found else None) == first


def test_chinese_numerals_agree_with_cn2an():
    """parse_number reads canonical numerals itself (cn2an takes a third of a second to import);
    every numeral cn2an writes for 0…100,000 and for large random values must read back."""
    import random

    import cn2an

    values = list(range(0, 100_001, 7)) + [random.Random(i).randrange(10 ** 12) for i in range(2_000)]
    assert [parse_number(cn2an.an2cn(v)) for v in values] == [float(v) for v in values]
    # the forms left to cn2an: spoken 三百五, 一万二; and what neither reads
    assert (parse_number("三百五"), parse_number("一万二"), parse_number("一二")) == (350, 12000, 12)
    assert parse_number("十百") is None


def test_a_rule_that_sets_a_base_or_reports_a_date_leaves_commitments_per_period_and_deadlines():
    """每增加1人 is the base of a rate, but 每年新增1万人 a yearly commitment; 截至2020年底 in a 2021
    plan reports, 截至2025年底 and 截至…前 set deadlines."""
    assert [t.value for t in find_targets("入住人数大于10人的,每增加1人,增加运行经费。")] == []
    assert [t.raw for t in find_targets("每年新增就业1万人,每年培训2万人次。")] == ["每年新增就业1万人", "每年培训2万人次"]
    assert find_targets("截至2020年底,全区县道总里程427公里,桥梁371座。", year=2021) == []
    assert [(t.value, t.unit) for t in find_targets("截至2025年底,全市建成充电桩1万个。", year=2021)] == [(1, "万个")]
    assert [t.value for t in find_targets("截至2022年底前,完成改造100户。", year=2022)] == [100]


def test_a_bound_right_after_a_count_and_a_team_size_are_no_targets():
    # 50户以上 classes the villages just counted; 3人制 names the kind of court
    found = find_targets(real("qiandongnan-2024-minsheng", "完成超230个50户以上木质房屋连片村寨常高压给水管网建设"))
    assert [(t.value, t.unit) for t in found] == [(230, "个")]
    found = find_targets(real("qiandongnan-2024-minsheng", "建成社区健身路径或3人制篮球场20个"))
    assert [(t.value, t.unit) for t in found] == [(20, "个")]
    # a bound of the count itself stays a target
    assert [(t.value, t.unit) for t in find_targets("建设20个以上美丽乡村示范村。")] == [(20, "个")]


@pytest.mark.parametrize("quote", [
    "可以处一千元以上两万元以下罚款",  # a fine
    "是指设计日供水一千立方米以上或者设计供水人口一万人以上的村镇供水工程",  # a definition's scope
    "供水人口在二十人以下的村镇供水工程",  # a bound after 在 naming which works
])
def test_a_regulations_fines_definitions_and_scopes_are_no_targets(quote):
    assert find_targets(real("chongqing-2016-cunzhengongshui", quote)) == []


def test_a_level_defined_after_a_comma_by_zhi_is_no_target():
    # 指 after a comma defines the level before it (its scope, not an amount to reach) …
    quote = real("jiading-2025-zhuanyianzhi", "Ⅲ级（较大规模）转移安置行动，指需转移安置的人员在1万人以上、10万人以下")
    assert find_targets(quote) == []
    # … not 指导 after a comma, a verb of the next duty
    assert [(t.value, t.unit) for t in find_targets("各街镇完成演练，指导建成10个示范社区。")] == [(10, "个")]
    # an indicator's note: 指 after its colon, and the formula that computes it
    note = real("minhang-2026-gongyuancheng", "计算公式为建筑垃圾综合利用率（%）=〔（建筑垃圾平衡利用量+建筑垃圾资源化利用量）÷建筑垃圾产生量〕×100%")
    assert find_targets(note) == []


def test_a_level_to_hold_after_zai_stays_a_target():
    assert [(t.value, t.unit) for t in find_targets("粮食产量稳定在500万吨以上。")] == [(500, "万吨")]


def test_the_figures_of_a_condition_ending_in_de_are_no_targets():
    for quote in ("森林防火工作涉及两个以上行政区域的，有关人民政府应当建立森林防火联防机制", "造成两人以上死亡或者五人以上重伤的；"):
        assert find_targets(real("guangdong-2017-senlinfanghuo", quote)) == []
    assert [(t.value, t.unit) for t in find_targets("全年新增就业10万人。")] == [(10, "万人")]


def test_figures_in_a_regulations_articles_are_norms_unless_a_deadline_binds_them():
    d = zqdoc.parse(CORPORA / "guangdong-2017-senlinfanghuo.txt")
    text = d.text
    assert "距离林地边缘不少于三十米的范围" in text and "指派两名以上工作人员" in text
    assert [t.raw for s in d.walk() for t in s.targets] == []
    # constructed: a figure in an article with a deadline is a commitment
    bound = zqdoc.parse_text("第一章 总则\n第一条 到2025年，全市森林覆盖率达到40%以上。\n第二条 防火隔离带宽度不少于三十米。\n")
    got = [(s.marker, t.value) for s in bound.walk() for t in s.targets]
    assert got == [("第一条", 40.0)]
    # an article that sets goals: its figures and those of its items are targets
    goals = zqdoc.parse(CORPORA / "chongqing-2018-lvhua.txt")
    article = next(s for s in goals.walk() if s.marker == "第十条")
    assert article.title.startswith("全市绿化的目标是")
    assert [t.value for t in article.targets] == [60.0, 30.0]
    assert [t.value for c in article.children for t in c.targets] == [15.0, 12.0, 25.0, 20.0, 50.0, 40.0, 65.0, 50.0]


@pytest.mark.parametrize("doc, quote, want", [
    # a bare magnitude before the people it counts: the unit is the magnitude (as 10万人 is 万人)
    ("xilinguole-2017-minshenggongcheng", "解决2.6万农牧民的饮水安全问题", [(2.6, "万")]),
    ("kunming-2023-shishi", "提升3万农村人口供水保障水平", [(3.0, "万")]),
    # 标准化率 is a rate to reach, not a 标准 (a parameter); 报支限额 is a parameter
    ("xilinguole-2017-minshenggongcheng", "城镇中小学标准化率达到80%", [(80.0, "%")]),
    ("xilinguole-2017-minshenggongcheng", "报支限额由3000元增加到5000元", []),
])
def test_people_counted_by_a_magnitude_and_parameter_words_inside_other_words(doc, quote, want):
    assert [(t.value, t.unit) for t in find_targets(real(doc, quote))] == want


def test_an_area_described_is_no_target():
    # 面积约… describes a place (six golds agree); 新增…面积N万亩 and 面积不少于… stay targets
    assert find_targets(real("yangpu-2025-chuangxinqu", "面积约22.11平方公里")) == []
    assert [t.value for t in find_targets(real("heilongjiang-2009-shidagongcheng", "新增水田面积100万亩"))] == [100.0]


@pytest.mark.parametrize("doc, quote, want", [
    # 实现有效…: the 现有 of a report spans two words here, so the figures are commitments
    ("gulou-2021-fenjie", "实现有效发明专利拥有量9600件、PCT专利申请量150件", [(9600.0, "件"), (150.0, "件")]),
    # …while 现有 itself still reports
    (None, "现有养老床位860张,新增养老床位200张", [(200.0, "张")]),
    # 组 and 盏 count things; 组织 is no unit
    ("hebei-2025-minshenggongcheng", "新增设智能回收箱(或者具备智能回收功能的回收屋)1000组以上", [(1000.0, "组")]),
    ("guowuyuan-2014-yingjiyuan", "2　组织指挥体系", []),
])
def test_words_that_straddle_an_achievement_word_or_a_unit(doc, quote, want):
    text = real(doc, quote) if doc else quote
    assert [(t.value, t.unit) for t in find_targets(text)] == want


@pytest.mark.parametrize("doc, quote, want", [
    # a count right after the items it counts names the set, with or without 等 (CONTRACT: 5个示范县)
    ("pingtan-2015-yiju", "莲花中路（潭城水果批发市场）停车场、雕塑园生态停车场、龙王头公园3个项目建设", []),
    ("pingtan-2015-yiju", "北厝-敖东（将军山）、平原-苏澳、流水-仙人井3条公路沿线整治绿化建设", []),
    # …not a list whose items carry counts of their own, nor one of the places where work is done
    ("gangu-2020-minsheng", "建成“一村一场”体育惠民工程15个、乡镇健身中心2处", [(15.0, "个"), (2.0, "处")]),
    ("gujiao-2023-minshengshishi", "4.在火车站、明珠路、滨河便民市场新建3座人行天桥", [(3.0, "座")]),
])
def test_a_count_of_the_items_just_listed_names_the_set(doc, quote, want):
    assert [(t.value, t.unit) for t in find_targets(real(doc, quote))] == want


@pytest.mark.parametrize("doc, quote, want", [
    # …as does one whose names follow it (有水库12座,分别为…)
    ("sanliu-fangxun-yuan", "三流乡境内有水库12座,分别为", []),
    (None, "新建公园12座,分别为东湖公园、西湖公园等", []),
    (None, "新建公园12座,打造城市绿心", [(12.0, "座")]),
])
def test_a_count_whose_names_follow_names_the_set(doc, quote, want):
    assert [(t.value, t.unit) for t in find_targets(real(doc, quote) if doc else quote)] == want


def test_a_project_name_restating_its_bodys_figure_gives_one_target():
    # 三、新建300个公共充电桩项目 … 任务目标:…共完成300个公共充电桩建设: the body's commitment only
    d = zqdoc.parse(Path(__file__).resolve().parent.parent / "corpora" / "nanchangxian-2024-minsheng.txt")
    item = next(s for s in d.walk() if s.marker == "三")
    assert [t.raw for t in item.targets] == ["2024年计划在莲塘片区、象湖片区、小蓝片区等区域内共完成300个公共充电桩建设"]
    # …while a title of two clauses keeps both of its own figures
    d = zqdoc.parse_text("一、社会消费品零售总额增长16%、外贸进出口总额增长16%\n（牵头单位：县商务局）\n")
    assert [t.value for t in d.sections[0].targets] == [16.0, 16.0]


@pytest.mark.parametrize("doc, quote, want", [
    # compound units as printed: 吨标准煤, 人(次)
    ("zhejiang-2023-fenjie", "腾出用地5万亩、用能120万吨标准煤", [(5.0, "万亩"), (120.0, "万吨标准煤")]),
    ("jilin-2023-minsheng", "为1.6万人(次)有需求的残疾人开展职业技能培训", [(1.6, "万人(次)")]),
    # kinds of people a measure is for (对10类重点就业群体…) are no target
    ("yunnan-2025-huimin", "实现城镇新增就业50万人以上;对10类重点就业群体新发放创业担保贷款", [(50.0, "万人")]),
])
def test_compound_units_and_kinds_of_recipients(doc, quote, want):
    assert [(t.value, t.unit) for t in find_targets(real(doc, quote))] == want


@pytest.mark.parametrize("doc, quote, want", [
    # an amount of loans to issue is a commitment; a loan's limit a parameter (CONTRACT)
    ("yunnan-2025-huimin", "新发放创业担保贷款不低于80亿元", [(80.0, "亿元")]),
    (None, "个人创业担保贷款最高不超过20万元", []),
    # a figure the statistics report is the present state (据统计，…近200吨)
    ("xuhui-2017-zhuangxiulaji", "据统计，本区平均每日非法倾倒的暴露垃圾近200吨", []),
])
def test_an_amount_issued_is_no_parameter(doc, quote, want):
    text = real(doc, quote) if doc else quote
    assert [(t.value, t.unit) for t in find_targets(text)] == want



def test_a_reply_on_proposals_reports_what_was_done():
    # 国务院办公厅关于四川省…所提问题和建议办理情况的函: 60万吨乙烯项目, 新增了228个…项目 are reported
    d = zqdoc.parse(Path(__file__).resolve().parent.parent / "corpora" / "guowuyuan-2004-sichuanbanli.txt")
    assert d.meta.title.endswith("办理情况的函") and [t for s in d.walk() for t in s.targets] == []


@pytest.mark.parametrize("doc, quote, want", [
    # one of a set (…的53个市县之一), a period's count of times (15天完成1次), an investment's size class
    ("pingtan-2016-liangshianquan", "又是全省标准化仓容不足的53个市县之一", []),
    ("shanghai-2024-jiaotongjingxi", "保洁频率提升至15天完成1次全线机械清理", []),
    ("shuangpai-2019-yuanqu", "力争引进6家投资5000万元以上的工业产业项目", [(6.0, "家")]),
    # …while a yearly count of times stays a target, and a year or a month sets a deadline
    (None, "全年开展消防培训1次", [(1.0, "次")]),
    (None, "到2025年开展1次全面评估", [(1.0, "次")]),
])
def test_one_of_a_set_a_periods_times_and_an_investments_class(doc, quote, want):
    assert [(t.value, t.unit) for t in find_targets(real(doc, quote) if doc else quote)] == want


def test_an_attribute_of_a_set_counted_with_gongji_is_no_target():
    assert found(real("chongming-2020-weifayongdi", "本区新三年行动剩余存量工矿仓储等经营性违法用地，共计13件、面积33.01亩。")) == []
    # …but an area to reach is one
    assert found("新增绿化面积33亩。") == [(33.0, None, "亩", "=")]


def test_items_under_a_text_introducing_cases_are_conditions():
    text = "\n".join(real("pingtan-2015-pingjiashangdian", line) for line in (
        "三、平价商品种类", "市场监管部门可根据稳价控价的实际需求调整、增减平价商品种类。", "四、商品平价销售的启动和停止", "当市场价格出现以下情形时，报区管委会批准后启动商品平价销售：",
        "1.居民消费价格总水平月同比涨幅达到或者超过政府年度控价目标；", "2.食品类价格月同比涨幅超过8%；",
        "3.猪肉价格月环比涨幅超过3%或连续两个月环比涨幅合计超过3%；", "4.蔬菜类价格旬环比涨幅超过10%；"))
    d = zqdoc.parse_text(text)
    assert [c.marker for c in d.sections[1].children] == ["1", "2", "3", "4"]
    assert [t for s in d.walk() for t in s.targets] == []
    # the same items under a text that sets out work keep their targets
    d = zqdoc.parse_text("四、工作目标\n到2025年，实现以下目标：\n1.食品类企业产值增长8%；\n2.蔬菜基地面积增长10%。")
    assert [t.value for s in d.walk() for t in s.targets] == [8.0, 10.0]


@pytest.mark.parametrize("title, reports", [
    ("（二）消防工作面临的难题和存在的薄弱环节", True),
    ("（三）“十三五”期间趋势预判", True),
    ("（一）必要性和紧迫性", True),
    ("（二）整治范围", True),
    ("（三）应急避难场所情况", True),  # a title that ends in 情况
    ("（二）加强公共消防基础设施建设", False),
    ("（二）及时通报工作情况并开展督查", False),  # 情况 inside a task's title
])
def test_headings_of_the_present_state_and_its_problems(title, reports):
    from zqdoc.extract import is_situation_heading
    assert is_situation_heading(title) is reports


def test_a_size_class_of_projects_by_a_range_or_a_comparator_is_no_target():
    assert found(real("qibao-2020-xiane", "使用集体资金的项目提交集资委会议纪要（50万元至100万元项目）或“三重一大”会议纪要（50万元以下项目）（提交一份）")) == []
    assert found(real("qibao-2020-xiane", "使用社会资金在30万元至100万元的小型建设工程项目由户管单位申报，户管单位为居委的由建设单位申报")) == []
    # …but a count of projects to build is a target, and so is the count after a class
    assert found("建成30个以上项目。") == [(30.0, None, "个", ">=")]
    assert found("新开工5000万元以上项目20个。") == [(20.0, None, "个", "=")]


def test_an_amount_allotted_per_base_is_a_norm():
    # 每…配备 / 按…配 / 每…/: a staffing or equipment norm, its base and its amount
    assert found(real("fengxian-2021-nongcungonglu", "每25-30公里乡村道配备不少于一名农村公路监管员")) == []
    assert found(real("baoshan-2019-lajifenlei", "建立健全保洁员、分拣员、志愿者队伍（原则上按500户配1名）")) == []
    assert found(real("luodian-2020-shirong", "每30户/1名保洁员")) == []
    # …but what named bodies are to staff is a target
    assert found(real("baoshan-2021-guanlizhan", "罗泾镇、罗店镇应配备不少于3名农村公路专管员")) == [(3.0, None, "名", ">=")]


def test_a_count_of_days_to_reach_is_a_target_not_a_duration():
    assert found(real("weiyang-2017-minsheng", "力争全年优良天数不少于202天")) == [(202.0, None, "天", ">=")]
    assert found("在30天内完成整改。") == []

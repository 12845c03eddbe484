"""GB/T 9704-2012 metadata on real documents and on each element's forms."""
import datetime as dt

import pytest

import zqdoc
from zqdoc.normalize import fold

from conftest import CORPORA, SEED, gold_docs
from helpers import norm

SEED_TEXT = SEED.read_text(encoding="utf-8")
FIELDS = ("doc_number", "issuer", "signed_date", "title")


def test_seed_meta_fields(seed_doc):
    m = seed_doc.meta
    assert m.doc_number == "肇府办〔2012〕22号"
    assert m.issuer == "肇庆市人民政府办公室"
    assert m.signed_date == dt.date(2012, 4, 19)
    assert m.title == "印发肇庆市实施《珠三角规划纲要》2012年工作计划的通知"
    assert m.plan_title == "肇庆市实施《珠三角规划纲要》2012年工作计划"
    assert m.recipients == ["各县(市、区)人民政府", "肇庆高新区管委会", "肇庆新区管委会", "市政府有关部门、直属有关单位"]
    assert m.attachments == ["肇庆市“四年大发展”主要指标2012年责任分工表", "肇庆市列入省“四年大发展”重大项目领导分工责任表"]
    assert m.disclosure == "主动公开"
    assert m.keywords == ["经济管理", "规划纲要", "计划", "通知"]
    assert m.cc[:3] == ["市委办公室", "宣传部", "市社工委"] and m.cc[-1] == "市依法治市领导小组办公室"
    assert m.printer == "肇庆市人民政府办公室" and m.print_date == dt.date(2012, 4, 20)


def test_cited_document_number_is_not_this_documents():
    doc = zqdoc.parse(SEED.parent / "dongguan-2014-shuixiang.txt")
    assert doc.meta.doc_number == "东府办〔2014〕13号"  # not 东府〔2014〕20号 cited in the preamble
    text = "关于做好有关工作的通知\n各区人民政府:\n根据《关于印发某方案的通知》(许政〔2020〕20号)要求,现通知如下。\n一、总体要求\n"
    assert zqdoc.parse_text(text).meta.doc_number is None


@pytest.mark.parametrize("line", ["许政 [2020] 20号", "鞍立政发〔2023〕2号", "(揭府〔2011〕18号)", "国发［2020］6号"])
def test_document_number_forms(line):
    doc = zqdoc.parse_text(f"{line}\n关于印发工作方案的通知\n各单位:\n现印发给你们。\n")
    assert norm(doc.meta.doc_number) == norm(line.strip("()"))


def test_title_over_three_lines_and_letter_spaced_title():
    text = "沪府办〔2013〕5号\n上海市人民政府办公厅关于印发\n《上海市2013年节能减排\n工作要点》的通知\n各区县人民政府:\n现印发。\n"
    assert zqdoc.parse_text(text).meta.title == "上海市人民政府办公厅关于印发《上海市2013年节能减排工作要点》的通知"
    spaced = "通 知\n各单位:\n现将有关事项通知如下。\n"
    assert zqdoc.parse_text(spaced).meta.title == "通 知"


def test_gbt9704_header_elements():
    header = "000128\n机密★1年\n特急\n肇庆市人民政府文件\n肇府〔2012〕30号 签发人:张三\n"
    doc = zqdoc.parse_text(header + SEED_TEXT.split("\n", 1)[1])
    m = doc.meta
    assert (m.copy_number, m.classification, m.urgency) == ("000128", "机密★1年", "特急")
    assert m.issuer_mark == "肇庆市人民政府文件"
    assert m.doc_number == "肇府〔2012〕30号" and m.signer == "张三"
    assert len(list(doc.walk())) == 44


def test_notes_and_chinese_or_arabic_dates():
    doc = zqdoc.parse(SEED.parent / "dongyang-2023-canjiren.txt")
    assert doc.meta.note == "此件公开发布"
    assert doc.meta.signed_date == dt.date(2023, 3, 13)
    assert doc.meta.published_date == dt.date(2023, 3, 21)  # web page date, not 成文日期
    assert zqdoc.parse(SEED.parent / "wuxi-2011-fenjie.txt").meta.signed_date == dt.date(2011, 2, 15)


def test_web_page_metadata_rows():
    doc = zqdoc.parse(SEED.parent / "pingdingshan-2013-fengong.txt")
    assert doc.meta.doc_number == "平政办〔2013〕11号"
    assert doc.meta.index_number == "005452065/2013-00024"
    assert doc.meta.topic == "政府办文件"
    assert doc.meta.recipients == ["各县(市、区)人民政府", "市人民政府各部门"]


def test_wrapped_plan_keeps_both_titles_and_sections_cover_both_parts():
    doc = zqdoc.parse(SEED.parent / "qinxian-2025-renwu.txt")
    assert doc.meta.issuer == "沁县人民政府办公室" and doc.meta.signed_date == dt.date(2025, 5, 18)
    assert doc.meta.plan_title == "2025年县政府工作报告任务清单"
    assert [s.title for s in doc.sections][0] == "责任到人,闭环管理"
    assert doc.sections[-1].title == "县示范区管委会牵头工作(8项)"


def test_issuer_from_title_when_no_signature():
    assert zqdoc.parse(SEED.parent / "guowuyuan-2020-fengong.txt").meta.issuer == "国务院"
    assert zqdoc.parse(SEED.parent / "jianli-2022-fenjie.txt").meta.issuer == "监利市人民政府办公室"


def test_a_table_without_notice_is_titled_by_its_own_title():
    m = zqdoc.parse(SEED.parent / "nanling-2024-fenjie.txt").meta
    assert m.title == m.plan_title == "2024年《政府工作报告》重点工作目标任务分解表" and m.doc_number is None


@pytest.mark.parametrize("line, title", [
    ("关于印发肇庆市2012年实施珠三角规划纲要重点工作任务的通知_政策文件_肇庆市人民政府网", "关于印发肇庆市2012年实施珠三角规划纲要重点工作任务的通知"),
    ("某市人民政府关于印发某某实施方案的通知 - 某市人民政府门户网站", "某市人民政府关于印发某某实施方案的通知"),
    ("关于进一步做好就业工作的意见(全文)", "关于进一步做好就业工作的意见"),
    ("关于印发某某方案的通知", "关于印发某某方案的通知"),
])
def test_page_title_lines_lose_the_site_name(line, title):
    from zqdoc.parser.meta import page_title

    assert page_title(fold(line)) == fold(title)
    doc = zqdoc.parse_text(line + "\n各县(市、区)人民政府:\n现将方案印发给你们,请认真贯彻执行。\n")
    assert doc.meta.title == title


def test_numbered_web_metadata_list_is_metadata_not_sections():
    # the layout of some government sites' 政府信息公开 box: "1. [主题分类] …" one key a line
    text = ("  1. [主题分类] 综合政务/电子政务\n  2. [发文机构] 某市政务公开领导小组\n  3. [联合发文单位]\n"
            "  4. [成文日期] 2016-06-08\n  5. [发布日期] 2016-06-13\n\n某市政务公开工作重点任务分工\n\n"
            "  一、推进行政权力运行全流程公开\n  1.积极推进本市行政程序立法进程。\n  牵头单位:市政府法制办\n")
    doc = zqdoc.parse_text(text)
    assert [(s.level, s.marker) for s in doc.walk()] == [(1, "一"), (2, "1")]
    assert doc.meta.issuer == "某市政务公开领导小组" and doc.meta.signed_date == dt.date(2016, 6, 8)
    assert doc.meta.topic == "综合政务/电子政务" and doc.meta.published_date == dt.date(2016, 6, 13)


def test_a_notice_that_forwards_a_plan_is_not_a_news_article_reporting_it():
    """现将《…》印发给你们 names the plan a notice wraps; only a report (《…》公开征求意见) names its document."""
    d = zqdoc.parse_text("各区人民政府：\n现将《某市人民政府关于加快发展的实施意见》印发给你们，请认真贯彻执行。\n一、总体要求\n")
    assert d.meta.title is None


def test_a_title_printed_again_and_the_sites_welcome_line_are_one_title():
    # a page's headline over the document's own (gulou-2021) and 欢迎访问…网站 over the title (julu-2023)
    gulou = (CORPORA / "gulou-2021-fenjie.txt").read_text(encoding="utf-8")
    assert gulou.startswith("2021年区政府主要工作目标任务分解落实方案\n\n2021年区政府主要工作目标任务分解落实方案\n")
    assert zqdoc.parse(CORPORA / "gulou-2021-fenjie.txt").meta.title == "2021年区政府主要工作目标任务分解落实方案"
    julu = (CORPORA / "julu-2023-minsheng.txt").read_text(encoding="utf-8")
    assert julu.startswith("欢迎访问巨鹿人民政府网站\n\n2023年度巨鹿县重点民生实事项目\n")
    assert zqdoc.parse(CORPORA / "julu-2023-minsheng.txt").meta.title == "2023年度巨鹿县重点民生实事项目"


def test_without_a_signature_the_organ_that_opens_the_title_issues_it():
    d = zqdoc.parse(CORPORA / "shanxi-2006-shiyiwu.txt")
    assert d.meta.title.startswith("山西省人民政府印发关于")
    assert d.meta.issuer == "山西省人民政府"


def test_an_issuer_mark_printed_on_two_lines():
    text = (CORPORA / "xinjiang-2020-wenjiuye.txt").read_text(encoding="utf-8")
    assert "\n新疆维吾尔自治区人民政府\n\n文件\n" in text
    d = zqdoc.parse(CORPORA / "xinjiang-2020-wenjiuye.txt")
    assert (d.meta.issuer_mark, d.meta.issuer) == ("新疆维吾尔自治区人民政府文件", "新疆维吾尔自治区人民政府")


def test_a_regulations_adoption_line_gives_its_date_and_issuer():
    d = zqdoc.parse(CORPORA / "chongqing-2016-cunzhengongshui.txt")
    assert d.meta.title == "重庆市村镇供水条例"
    assert (d.meta.issuer, d.meta.signed_date) == ("重庆市第四届人民代表大会常务委员会", dt.date(2016, 11, 24))
    # a Markdown copy's # before the title is no part of it
    text = (CORPORA / "binzhou-2020-binglianshenpi.txt").read_text(encoding="utf-8")
    assert text.startswith("# 滨州市工程建设项目并联审批管理规定")
    assert zqdoc.parse(CORPORA / "binzhou-2020-binglianshenpi.txt").meta.title == "滨州市工程建设项目并联审批管理规定"


def test_a_collapsed_notice_head_whose_number_and_signature_are_glued():
    d = zqdoc.parse(CORPORA / "guowuyuan-2020-fangguanfu.txt")
    assert d.meta.title.endswith("重点任务分工方案的通知") and d.meta.doc_number == "国办发〔2020〕43号"
    assert (d.meta.issuer, d.meta.signed_date) == ("国务院办公厅", dt.date(2020, 11, 1))


def test_a_governments_rules_take_number_issuer_and_date_from_the_decree_line():
    # (…常务会议讨论通过2013年10月27日石家庄人民政府令第184号发布自2013年12月1日起施行)
    m = zqdoc.parse(CORPORA / "shijiazhuang-2013-daqiwuran.txt").meta
    assert (m.doc_number, m.issuer, str(m.signed_date)) == ("石家庄人民政府令第184号", "石家庄人民政府", "2013-10-14")
    assert m.government == "河北省石家庄市"


def test_a_signature_line_that_carries_its_date_and_the_disclosure_note():
    m = zqdoc.parse(CORPORA / "wenshan-2022-shishibanfa.txt").meta
    assert (m.issuer, str(m.signed_date), m.note) == ("文山州人民政府", "2022-08-01", "(此件公开发布)")


def test_a_metadata_row_without_a_colon_when_its_value_is_what_its_key_names():
    # 标     题 区人民政府办公室关于… / 成文日期 2006-12-15: a key, spaces, its value
    d = zqdoc.parse(CORPORA / "hongshan-2025-zerenfenjie.txt")
    assert d.meta.title == "区人民政府办公室关于印发2025年区《政府工作报告》确定的主要目标任务责任分解方案的通知"
    assert zqdoc.parse(CORPORA / "neimenggu-2006-shiyiwu.txt").meta.signed_date.isoformat() == "2006-12-15"
    # …but a sentence that opens with such a word is no row
    assert zqdoc.parse_text("标题 要简明，正文要准确。\n一、总体要求\n").meta.title is None


def test_a_dash_led_group_line_is_no_line_of_the_plans_title():
    # (湖北省)武汉市…责任分解方案 / ——推进教育高质量发展 / 204.…
    assert zqdoc.parse(CORPORA / "wuhan-2023-zerenfenjie.txt").meta.title == \
        "(湖北省)武汉市2023年《政府工作报告》目标任务责任分解方案"


@pytest.mark.parametrize("name, title", [
    # a page's headline over the document's own title, printed whole under its number
    ("pingtan-2015-budongchan", "平潭综合实验区管委会办公室关于印发平潭综合实验区不动产统一登记工作方案的通知"),
    ("pingtan-2015-jingzhunfupin", "平潭综合实验区管委会印发关于加快推进深化精准扶贫的工作方案的通知"),
    # …with the organ's name alone on the line under the number (GB/T 9704: 版头, 发文字号, 标题)
    ("pingtan-2015-quanliyunxing", "平潭综合实验区管委会办公室关于印发《平潭综合实验区深化权力运行网上公开试点工作方案》的通知"),
    ("pingtan-2019-jianshuijiangfei", "平潭综合实验区管委会办公室印发《平潭综合实验区关于落实减税降费政策措施总体的工作方案》的通知"),
    # …but an organ's name alone over 关于…, above the number, is its 版头: the headline stands
    ("hunan-2022-ronghe", "关于公布第一批省级农村产业融合发展示范园认定名单的通知"),
])
def test_the_documents_own_printing_of_its_title_over_a_pages_headline(name, title):
    assert zqdoc.parse(CORPORA / f"{name}.txt").meta.title == title


def test_an_excerpt_opening_mid_list_has_no_salutation_below_its_first_heading():
    text = "三、平价商品种类\n市场监管部门可根据稳价控价的实际需求调整、增减平价商品种类。\n四、商品平价销售的启动和停止\n" \
           "当市场价格出现以下情形时，报区管委会批准后启动商品平价销售：\n1.食品类价格月同比涨幅超过8%；\n"
    d = zqdoc.parse_text(text)
    assert d.meta.recipients == []
    assert "当市场价格出现以下情形时" in d.sections[1].text  # the line stays in its section


def test_the_titles_issuer_over_the_office_a_sites_row_files_it_under():
    # 发文机构: 市政府办公室(市数据局) is how the site files it; the title prints 铜川市人民政府办公室
    d = zqdoc.parse(CORPORA / "tongchuan-2025-fengong.txt")
    assert d.meta.issuer == "铜川市人民政府办公室"
    # …but a signature still wins over both
    text = ("发文机构: 市政府办公室\n铜川市人民政府办公室关于印发工作要点的通知\n各区县人民政府:\n现印发给你们。\n"
            "铜川市人民政府\n2025年2月27日\n")
    assert zqdoc.parse_text(text).meta.issuer == "铜川市人民政府"


def test_the_publishing_organ_when_nothing_printed_names_the_issuer():
    # 来源:黄石港区人民政府 on the page, no signature in the copy
    assert zqdoc.parse(CORPORA / "huangshigang-2023-fenjie.txt").meta.issuer == "黄石港区人民政府"
    # …but a publisher that is no organ (a portal's name) gives none
    text = "关于印发工作要点的通知\n来源:本网\n各街道办事处:\n现印发给你们。\n"
    assert zqdoc.parse_text(text).meta.issuer is None


def test_a_forwarding_notices_own_date_line_signs_it_not_the_drafters_signature_below():
    # jinshan-2017: 金山区人民政府办公室关于转发…的通知 / …现转发给你们，请认真遵照执行。 / 2017年2月9日 / the
    # plan's title, its body and at its end its drafters' signature (上海市公安局金山分局 …2017年2月8日)
    doc = zqdoc.parse(CORPORA / "jinshan-2017-jiaotongsheshi.txt")
    assert str(doc.meta.signed_date) == "2017-02-09" and doc.meta.issuer == "金山区人民政府办公室"
    # a notice that signs itself keeps its signature (the seed: 肇庆市人民政府办公室 2012年4月19日)
    seed = zqdoc.parse(CORPORA / "zhaoqing-2012-plan.txt")
    assert seed.meta.issuer == "肇庆市人民政府办公室" and str(seed.meta.signed_date) == "2012-04-19"

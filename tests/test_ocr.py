"""OCR of scans and images (zqdoc[ocr]): the seed as an image-only PDF, a two-column page, a
multi-page TIFF. The fixtures in tests/data were made from corpus documents by benchmarks/scan.py
(GB/T 9704 layout, red 版头 and seal, JPEG pages); see docs/formats.md for the measured accuracy."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import zqdoc
from zqdoc.errors import DamagedFile, NoTextLayer
from zqdoc.evaluate import Evaluation, evaluate_document

pytest.importorskip("rapidocr_onnxruntime")

DATA = Path(__file__).parent / "data"
CORPORA = Path(__file__).parent.parent / "corpora"


def test_seed_scanned_without_text_layer_parses_close_to_its_gold():
    path = DATA / "zhaoqing-2012-plan.scan.pdf"
    import pdfplumber

    with pdfplumber.open(path) as pdf:  # really image-only
        assert not "".join(page.extract_text() or "" for page in pdf.pages).strip()
    doc = zqdoc.parse(path)
    gold = json.loads((CORPORA / "zhaoqing-2012-plan.gold.json").read_text(encoding="utf-8"))
    result = evaluate_document(gold, doc, "zhaoqing-2012-plan.scan")
    assert Evaluation([result]).overall_f1() >= 0.90
    assert result.meta == {"doc_number": True, "issuer": True, "signed_date": True, "title": True}
    assert doc.ocr_pages == list(range(1, 14))
    assert any("read by OCR" in w and "1–13" in w for w in doc.warnings)
    # the red 发文机关标志 and the seal are not text; page numbers are gone
    assert "肇庆市人民政府办公室文件" not in doc.text
    assert not re.search(r"^[—\-一]\s*\d+\s*[—\-一]$", doc.text, re.M)
    assert doc.meta.doc_number == "肇府办〔2012〕22号"


def test_two_column_page_is_read_column_by_column():
    doc = zqdoc.parse(DATA / "fengxian-2021-nongcungonglu.page2.jpg")
    text = doc.text
    assert doc.ocr_pages == [1] and any("OCR" in w for w in doc.warnings)
    # the left column ends with 四、范围定义; the right one starts with the paragraph under it
    assert text.index("理体系全面完善。") < text.index("四、范围定义") < text.index("适用范围为纳入由")
    # lines of one column are joined into its paragraphs, never with the facing line
    assert "建立健全农村公路责任制，制定区级相关部门" in text
    assert "(二)乡村道截至2020年底，全区乡村道总里程854公里" in text.replace("（", "(").replace("）", ")")
    assert [s.title for s in doc.sections][:2] == ["工作目标", "范围定义"]


def test_multipage_tiff_is_a_multipage_scan():
    from PIL import Image

    page = Image.open(DATA / "fengxian-2021-nongcungonglu.page2.jpg")
    out = io.BytesIO()
    page.save(out, "TIFF", save_all=True, append_images=[page.copy()], compression="tiff_lzw")
    doc = zqdoc.parse(out.getvalue())
    assert doc.ocr_pages == [1, 2]
    assert doc.text.count("四、范围定义") == 2


def test_images_without_ocr_installed_name_the_extra(monkeypatch, tmp_path):
    from zqdoc.formats import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    path = tmp_path / "notice.jpg"
    path.write_bytes((DATA / "fengxian-2021-nongcungonglu.page2.jpg").read_bytes())
    with pytest.raises(NoTextLayer) as e:
        zqdoc.parse(path)
    assert str(e.value).startswith(str(path)) and "pip install 'zqdoc[ocr]'" in str(e.value)


def test_truncated_image_is_a_clear_error(tmp_path):
    path = tmp_path / "cut.png"
    data = (DATA / "fengxian-2021-nongcungonglu.page2.jpg").read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DamagedFile) as e:
        zqdoc.parse(path)
    assert str(e.value).startswith(str(path)) and "image" in str(e.value)


@pytest.mark.parametrize("read, meant", [
    ("肇府办〔2012]22号", "肇府办〔2012〕22号"),  # the year brackets of a 发文字号
    ("粤府【2019】8号", "粤府〔2019〕8号"),
    ("深人贯彻落实科学发展观", "深入贯彻落实科学发展观"),  # 入 read as 人
    ("资深人士", "资深人士"),
    ("（市发展改革局等有关部內负责）", "（市发展改革局等有关部门负责）"),  # 门 read as 內
    ("区级相关部内要发挥好承上启下", "区级相关部门要发挥好承上启下"),
    ("部内各司局", "部内各司局"),
    ("等有关部力负责", "等有关部门负责"),
    ("全部力量", "全部力量"),
    ("培育1一2家省级工程研究开发中心", "培育1—2家省级工程研究开发中心"),
    ("一、总体要求", "一、总体要求"),
])
def test_known_misreadings_are_put_right_and_nothing_else(read, meant):
    from zqdoc.formats.ocr import fix_misreadings

    assert fix_misreadings(read) == meant


@pytest.mark.parametrize("read, meant", [
    ('实施"两区引领两化"战略', "实施“两区引领两化”战略"),
    ("—3一", "— 3 —"),  # a page number whose dashes came back as 一
    ("一3一", "— 3 —"),
])
def test_lines_as_ocr_reads_them(read, meant):
    from zqdoc.formats.ocr import _line_text

    assert _line_text(read) == meant


def test_cli_reports_each_page_ocr_reads(tmp_path):
    from PIL import Image
    from typer.testing import CliRunner

    from zqdoc.cli import app

    page = Image.open(DATA / "fengxian-2021-nongcungonglu.page2.jpg")
    top = tmp_path / "top.png"
    page.crop((0, 0, page.width, page.height // 4)).save(top)
    result = CliRunner().invoke(app, ["parse", str(top), "--json"])
    assert result.exit_code == 0
    assert f"zqdoc: {top}: OCR page 1/1:" in result.output
    doc = json.loads(result.output[result.output.index("{"):])
    assert doc["ocr_pages"] == [1] and any("read by OCR" in w for w in doc["warnings"])

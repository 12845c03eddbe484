"""Loading: encodings and bad input."""
import codecs
import os

import pytest

import zqdoc
from zqdoc.load import read_bytes
from zqdoc.errors import BinaryInput, EmptyInput, InputNotFound, InputTooLarge, NotAFile, UndecodableInput

from conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
TRADITIONAL = "肇慶市實施工作計劃\n一、總體要求\n（一）確保完成指標任務。採取有效措施。\n（二）確保完成重大項目建設進度要求。\n二、重點工作任務\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"])
def test_encodings_give_the_same_document(encoding):
    doc = zqdoc.parse(SEED_TEXT.encode(encoding))
    assert len(list(doc.walk())) == 44
    assert doc.meta.doc_number == "肇府办〔2012〕22号"
    assert not doc.text.startswith("\ufeff")


def test_gb2312():
    text = "\n".join(SEED_TEXT.split("\n")[:12])
    doc = zqdoc.parse(text.encode("gb2312", errors="strict"))
    assert doc.meta.title.endswith("工作计划的通知") and doc.sections[0].title == "总体要求"


def test_big5():
    doc = zqdoc.parse(TRADITIONAL.encode("big5"))
    assert doc.encoding == "big5"
    assert [s.title for s in doc.walk()] == ["總體要求", "確保完成指標任務", "確保完成重大項目建設進度要求", "重點工作任務"]


def test_crlf_and_path_forms(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes(SEED_TEXT.replace("\n", "\r\n").encode("gbk"))
    for source in (p, str(p)):
        doc = zqdoc.parse(source)
        assert "\r" not in doc.text and doc.source == str(p) and doc.encoding == "gb18030"
        assert len(list(doc.walk())) == 44


def test_corrupt_bytes_are_replaced_with_a_warning():
    data = SEED_TEXT.encode("gbk")
    data = data[:600] + b"\xff" + data[601:]
    doc = zqdoc.parse(data)
    assert len(list(doc.walk())) == 44 and "U+FFFD" in doc.warnings[0]


@pytest.mark.parametrize(
    "data,error,cause",
    [
        (b"", EmptyInput, "empty"),
        (b" \n\r\n\t ", EmptyInput, "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryInput, "PNG"),
        (b"%PDF-1.7\n" + bytes(200), BinaryInput, "PDF"),
        (b"PK\x03\x04" + bytes(100), BinaryInput, "ZIP"),
        (bytes(range(256)) * 8, BinaryInput, "binary"),
        (bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 400, UndecodableInput, "cannot be decoded"),
    ],
)
def test_bad_bytes_raise_a_clear_error(data, error, cause):
    with pytest.raises(error) as e:
        zqdoc.parse(data)
    assert cause in str(e.value) and str(e.value).startswith("<bytes>")
    assert isinstance(e.value, zqdoc.ZqdocError)


def test_bad_paths_name_the_file(tmp_path):
    with pytest.raises(InputNotFound, match="missing.txt: no such file"):
        zqdoc.parse(tmp_path / "missing.txt")
    with pytest.raises(NotAFile, match="is a directory"):
        zqdoc.parse(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(SEED_TEXT.encode())
    with pytest.raises(InputTooLarge, match="big.txt"):
        zqdoc.parse(big, max_bytes=1000)


def test_utf16_without_bom():
    data = codecs.encode(SEED_TEXT, "utf-16-le")
    assert zqdoc.parse(data).encoding == "utf-16-le"


def test_text_given_as_a_path_says_to_use_parse_text(tmp_path):
    with pytest.raises(NotAFile, match=r"is text, not a path: parse it with zqdoc.parse_text") as e:
        zqdoc.parse(SEED_TEXT)
    assert "\n" not in str(e.value) and str(e.value).startswith("肇府办〔2012〕22号…")
    odd = tmp_path / "肇府办\n2012.txt"  # a real file whose name holds a line break still parses
    odd.write_text(SEED_TEXT, encoding="utf-8")
    assert zqdoc.parse(odd).meta.doc_number == "肇府办〔2012〕22号"


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_a_file_that_reports_no_size_is_read_whole():
    # /proc files report st_size 0: the reader must not stop at the size fstat gives
    data, _ = read_bytes("/proc/self/status")
    assert b"VmRSS" in data and len(data) > 100

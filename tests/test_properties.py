"""Properties over arbitrary input: a Document or a ZqdocError, never another exception; JSON
round-trips; parsing is deterministic."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zqdoc

from conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
# Text made of the genre's own pieces (markers, brackets, clause words, numerals) finds more than
# random Unicode does.
PIECES = st.sampled_from(
    ["一、", "（一）", "(二)", "1、", "2.", "（1）", "①", "第一条", "一是", "〔", "〕", "(", ")", "【", "】", "牵头", "参与",
     "负责", "牵头单位:", "责任单位：", "、", "，", ",", "。", "\n", "\r\n", " ", "\u3000", "市发展改革局", "各县(市、区)政府",
     "等有关部门", "10万人", "1—2家", "以上", "左右", "二○一二年四月十九日", "肇府办〔2012〕22号", "附件:", "抄送:", "|", "序号",
     "\ud800", "\udfff"]  # lone surrogates: a str decoded with surrogateescape holds them
)
GENRE_TEXT = st.lists(st.one_of(PIECES, st.sampled_from(SEED_LINES), st.text(max_size=8)), max_size=60).map("".join)
SETTINGS = settings(max_examples=int(__import__("os").environ.get("ZQDOC_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_error(data):
    try:
        return zqdoc.parse(data) if isinstance(data, bytes) else zqdoc.parse_text(data)
    except zqdoc.ZqdocError:
        return None


@SETTINGS
@given(st.one_of(st.text(), GENRE_TEXT))
def test_any_text_gives_a_document_and_round_trips(text):
    doc = _parse_or_error(text)
    if doc is None:
        return
    again = zqdoc.Document.model_validate_json(doc.model_dump_json())
    assert again.model_dump_json() == doc.model_dump_json()
    assert zqdoc.parse_text(text).model_dump_json() == doc.model_dump_json()  # deterministic
    for s in doc.walk():
        assert s.level >= 1
        if s.span:
            assert doc.text[s.span[0]:s.span[1]] == s.text


@SETTINGS
@given(st.one_of(st.binary(), GENRE_TEXT.map(lambda t: t.encode("gb18030", "replace")),
                 GENRE_TEXT.map(lambda t: t.encode("utf-16", "surrogatepass"))))
def test_any_bytes_give_a_document_or_a_zqdoc_error(data):
    _parse_or_error(data)

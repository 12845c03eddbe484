from zqdoc.normalize import clean, fold

from conftest import SEED


def test_fold_keeps_length_and_folds_forms():
    s = "（一）肇府办〔2012〕22号，１２３　二○一二年⻄【牵头单位：市发改局；】"
    f = fold(s)
    assert len(f) == len(s)
    assert f == "(一)肇府办[2012]22号,123 二〇一二年西[牵头单位:市发改局;]"


def test_clean_unifies_line_breaks_and_drops_zero_width():
    assert clean("一、总体\r\n要求\r二、\u200b任务\ufeff") == "一、总体\n要求\n二、任务"


def _wrap(paragraph, width):
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)]


def test_clean_joins_soft_breaks_of_hard_wrapped_text_only():
    seed = SEED.read_text(encoding="utf-8").split("\n")
    para1 = seed[10]  # 一、总体要求's paragraph, ~250 characters
    para2 = seed[12]  # (一)确保完成指标任务。…
    wrapped = ["一、总体要求", *_wrap(para1, 30), "二、完成考核指标和重大项目建设任务", *_wrap(para2, 30)]
    out = clean("\n".join(wrapped)).split("\n")
    assert out[:3] == ["一、总体要求", para1, "二、完成考核指标和重大项目建设任务"]
    # a wrap that falls right after a 。 is a real break: the clause may stay on its own line
    assert "".join(out[3:]) == para2 and all(line.endswith(("。", ")")) for line in out[3:])
    assert clean("短行\n另一行\n") == "短行\n另一行\n"  # text that is not hard-wrapped is left alone
    assert clean(SEED.read_text(encoding="utf-8")) == SEED.read_text(encoding="utf-8")


def test_lone_surrogates_become_replacement_characters_with_a_warning():
    import zqdoc

    doc = zqdoc.parse_text("一、推进\ud800肇庆新港物流园区建设(市发改局牵头)。\udfff")
    assert "\ud800" not in doc.text and doc.text.count("\ufffd") == 2
    assert doc.warnings[0] == "2 lone surrogate code point(s) were replaced with U+FFFD"
    assert zqdoc.Document.model_validate_json(doc.model_dump_json()) == doc
    assert [a.agency for s in doc.walk() for a in s.assignments] == ["市发改局"]

"""The block-loaded segmenter (zqdoc.extract.segment) against jieba itself, its cache file, and the
cold path of `zqdoc parse` (no full jieba dictionary, no cn2an)."""
import subprocess
import sys

import jieba
import jieba.posseg
import pytest

from zqdoc.extract import segment

from conftest import CORPORA, SEED

LINES = sorted({line.strip() for p in sorted(CORPORA.rglob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()
                if line.strip()})


@pytest.fixture(scope="module")
def reference():
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()  # the default dictionary, untouched by anyone's add_word
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer).word_tag_tab


def test_words_are_jiebas_on_every_corpus_line(reference):
    tokenizer, _ = reference
    differ = [line for line in LINES if list(segment.cut(line)) != tokenizer.lcut(line)]
    assert len(LINES) > 500  # 36 documents, about 30,000 characters
    assert differ == []


def test_jieba_rs_gives_jiebas_words_or_is_not_asked(reference):
    """rjieba cuts where installed; where its words could differ (ASCII runs with - % # & + . _,
    such as 2-3 or COVID-19) jieba cuts: random strings of Chinese, ASCII and punctuation."""
    import random

    pytest.importorskip("rjieba")
    tokenizer, _ = reference
    rng = random.Random(20261201)
    alphabet = list("推进基础设施一体化肇庆新区建设市发展改革局牵头") + list("abcAB0123456789+#&._%-/() ，。、：；“”《》") + \
        ["一带一路", "COVID", "G15", "5G", "B超", "3D打印", "U盘", "2020-"]
    texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 30))) for _ in range(3000)] + ["打造2-3个示范基地", "COVID-19疫情"]
    segment.cut.cache_clear()
    assert [t for t in texts if list(segment.cut(t)) != tokenizer.lcut(t)] == []


def test_tags_are_jiebas_dictionary_tags(reference):
    _, tags = reference
    for line in LINES[:500]:
        for word, tag in segment.cut_tagged(line):
            assert tag == tags.get(word, "?")


def test_order_of_cuts_does_not_change_words(reference):
    # blocks load as texts come; a word must not depend on what was cut before
    tokenizer, _ = reference
    fresh = segment._Segmenter()
    for line in reversed(LINES[-300:]):
        assert fresh.cut(line) == tokenizer.lcut(line)


def _segmenter_in(cache_dir, monkeypatch):
    monkeypatch.setenv("ZQDOC_CACHE_DIR", str(cache_dir))
    return segment._Segmenter()


SAMPLE = "加快肇庆新港物流园区、三榕工业园区生物质集中供热热电联产项目建设"


def test_cache_file_is_built_once_and_reused(tmp_path, monkeypatch, reference):
    words = _segmenter_in(tmp_path, monkeypatch).cut(SAMPLE)
    [built] = tmp_path.glob("jieba-lexicon-*.bin")
    stamp = built.stat().st_mtime_ns
    assert _segmenter_in(tmp_path, monkeypatch).cut(SAMPLE) == words == reference[0].lcut(SAMPLE)
    assert built.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("damage", [b"", b"ZQLEX2\n\x00", b"not a lexicon at all"], ids=["empty", "short", "foreign"])
def test_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch, reference, damage):
    monkeypatch.setenv("ZQDOC_CACHE_DIR", str(tmp_path))
    path = segment.cache_path()
    path.write_bytes(damage)
    assert _segmenter_in(tmp_path, monkeypatch).cut(SAMPLE) == reference[0].lcut(SAMPLE)
    assert path.stat().st_size > 1_000_000


def test_truncated_cache_file_is_rebuilt(tmp_path, monkeypatch, reference):
    _segmenter_in(tmp_path, monkeypatch).cut(SAMPLE)
    path = segment.cache_path()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _segmenter_in(tmp_path, monkeypatch).cut(SAMPLE) == reference[0].lcut(SAMPLE)
    assert path.stat().st_size == len(data)


def test_no_writable_cache_keeps_the_dictionary_in_memory(tmp_path, monkeypatch, reference):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert _segmenter_in(blocker / "cache", monkeypatch).cut(SAMPLE) == reference[0].lcut(SAMPLE)


def test_cold_parse_loads_neither_jiebas_whole_dictionary_nor_cn2an():
    code = (
        "import sys, zqdoc; d = zqdoc.parse(sys.argv[1]);"
        "assert sum(len(s.projects) for s in d.walk()) > 10;"
        "print(sorted(m for m in ('jieba.posseg', 'cn2an', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_damaged_block_falls_back_to_the_dictionary(tmp_path, monkeypatch, reference):
    _segmenter_in(tmp_path, monkeypatch).cut("开始")
    path = segment.cache_path()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 200_000] = b"\xff" * 200_000  # same length, so the table still adds up
    path.write_bytes(bytes(data))
    fresh = _segmenter_in(tmp_path, monkeypatch)
    assert [fresh.cut(line) for line in LINES[:200]] == [reference[0].lcut(line) for line in LINES[:200]]
    assert not path.exists()  # the next process builds a sound file


def test_unwritable_user_cache_falls_back_to_the_temporary_directory(tmp_path, monkeypatch, reference):
    monkeypatch.delenv("ZQDOC_CACHE_DIR", raising=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # ~/.cache cannot be made under a file
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    assert segment._Segmenter().cut(SAMPLE) == reference[0].lcut(SAMPLE)
    [built] = (tmp_path / "tmp").glob("zqdoc-*/jieba-lexicon-*.bin")
    assert segment.cache_path() == built

"""Bad input and faults on the corpus side, each reproduced on real files: a file name that is not
UTF-8, a FIFO and a link to /dev/zero in a folder, HTML that loses text in a tree, an unreadable
folder, a second writer, a full disk, a failed re-parse of a good document, rows of files gone,
a store in a read-only folder, a bad setting."""
import contextlib
import json
import os
import shutil
import subprocess
import sys

import pytest

import zqdoc
from conftest import CORPORA, SEED
from zqdoc.corpus import Store, run_batch
from zqdoc.errors import ConfigError, NotAFile

GBK_NAME = "肇庆计划.txt".encode("gbk")  # as an archive unzipped from Windows names it


def run_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zqdoc.cli", *map(os.fsdecode, args)], capture_output=True,
                          text=True, **kw)


@contextlib.contextmanager
def tmpfs(path, size):
    """A tmpfs mounted at `path` (root only); the test is skipped where it cannot be mounted."""
    path.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_a_name_that_is_not_utf8_is_parsed_stored_and_printed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    odd = os.path.join(os.fsencode(src), GBK_NAME)
    shutil.copyfile(SEED, odd)
    shutil.copy(CORPORA / "wuxi-2011-fenjie.txt", src)
    parsed = run_cli("parse", odd, "--json")
    assert parsed.returncode == 0, parsed.stderr
    doc = json.loads(parsed.stdout)
    assert doc["source"].endswith("\\xd5\\xd8\\xc7\\xec\\xbc\u01bb\\xae.txt")  # its bytes as escapes
    assert any("not valid UTF-8" in w for w in doc["warnings"]) and doc["meta"]["doc_number"] == "肇府办〔2012〕22号"
    db = tmp_path / "c.sqlite"
    r = run_batch([str(src)], str(db), workers=1)
    assert (r.parsed, r.failed) == (2, 0)
    with zqdoc.Corpus(db) as c:
        (doc,) = [d for d in c.documents() if "\\x" in d["path"]]
        assert c.document(doc["key"]).meta.doc_number == "肇府办〔2012〕22号"
    for cmd in (["report", odd, "-o", tmp_path / "r.html"], ["graph", odd, "-o", tmp_path / "g.graphml"],
                ["report", "--db", db, "-o", tmp_path / "s.html"]):
        out = run_cli(*cmd)
        assert out.returncode == 0, out.stderr
    os.remove(odd)
    assert run_batch([str(src)], str(db), workers=1, prune=True).pruned == 1  # its raw bytes found it gone


def test_a_fifo_and_a_link_to_dev_zero_fail_at_once_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src)
    os.mkfifo(src / "pipe.txt")
    os.symlink("/dev/zero", src / "zero.txt")
    r = run_batch([str(src)], str(tmp_path / "c.sqlite"), workers=1, timeout=None)  # no time limit to save it
    assert (r.parsed, r.failed) == (1, 2)
    assert {cls for _, cls, _ in r.failures} == {"NotAFile"}
    assert all("not a regular file" in msg for _, _, msg in r.failures)
    with pytest.raises(NotAFile):
        zqdoc.parse(src / "pipe.txt")


def test_html_of_unclosed_divs_and_nesting_past_the_parser_limit_keeps_every_item(tmp_path):
    items = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.startswith("(")][:8]
    assert len(items) == 8
    pages = {
        "divs.html": "<html><body><div class=nav><a href=/>首页</a></div>" + "".join(f"<div>{t}" for t in items),
        "lis.html": "<html><body><ul>" + "".join(f"<li>{t}" for t in items) + "</ul>",
        "deep.html": "<html><body>" + "<div>" * 3000 + items[0] + "</div>" * 3000 + "".join(f"<p>{t}</p>" for t in items[1:]),
    }
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
        doc = zqdoc.parse(tmp_path / name)
        assert [s.title for s in doc.sections] == [t[3:].split("。")[0] for t in items], name
    assert any("could not be read whole" in w for w in zqdoc.parse(tmp_path / "deep.html").warnings)


def test_an_unreadable_folder_is_named_and_the_rest_is_found():
    import tempfile

    from zqdoc.corpus import discover

    base = tempfile.mkdtemp()  # under /tmp, where another user can walk
    try:
        os.chmod(base, 0o755)
        os.mkdir(os.path.join(base, "locked"))
        shutil.copy(SEED, base)
        shutil.copy(CORPORA / "wuxi-2011-fenjie.txt", os.path.join(base, "locked"))
        os.chmod(os.path.join(base, "locked"), 0)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child walks as nobody: root reads every folder
            try:
                if os.geteuid() == 0:
                    os.setegid(65534)
                    os.seteuid(65534)
                warnings = []
                files, _ = discover([base], warnings=warnings)
                os.write(write, json.dumps([files, warnings]).encode())
            finally:
                os._exit(0)
        os.close(write)
        os.waitpid(pid, 0)
        with os.fdopen(read) as f:
            files, warnings = json.loads(f.read())
    finally:
        os.chmod(os.path.join(base, "locked"), 0o755)
        shutil.rmtree(base)
    assert [os.path.basename(f) for f in files] == [SEED.name]
    assert len(warnings) == 1 and "cannot read folder" in warnings[0] and "locked" in warnings[0]


def test_a_second_writer_is_refused_naming_the_running_batch(tmp_path):
    db = tmp_path / "c.sqlite"
    holder = Store(db)
    with holder.writer_lock("zqdoc batch of 99 files"):
        out = run_cli("batch", SEED, "--db", db, "-q")
    holder.close()
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert "another batch is writing it" in out.stderr and "99 files" in out.stderr
    assert run_cli("batch", SEED, "--db", db, "-q").returncode == 0  # the lock went with its holder


def test_a_full_disk_stops_the_batch_with_a_clear_line_and_whole_documents(tmp_path):
    with tmpfs(tmp_path / "small", "1200k") as small:
        out = run_cli("batch", CORPORA, "--db", small / "c.sqlite", "-q")
        assert out.returncode == 2, out.stderr
        assert "disk is full" in out.stderr and "cannot rollback" not in out.stderr + out.stdout
        with zqdoc.Corpus(small / "c.sqlite") as c:
            assert 0 < len(c) < len(list(CORPORA.glob("*.txt")))
            for d in c.documents():  # each stored document is whole: as a fresh parse of its file
                stored = c.document(d["key"])
                fresh = zqdoc.parse(stored.source)
                assert stored.text == fresh.text
                assert [s.path for s in stored.walk()] == [s.path for s in fresh.walk()]


def test_a_store_in_a_read_only_folder_is_read(tmp_path):
    with tmpfs(tmp_path / "ro", "20m") as ro:
        assert run_batch([str(SEED)], str(ro / "c.sqlite"), workers=1).parsed == 1
        subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
        out = run_cli("who", "发改局", "--db", ro / "c.sqlite", "--json")
        assert out.returncode == 0, out.stderr
        assert "市发展改革局" in out.stdout


def test_a_failed_reparse_keeps_the_good_document_and_records_the_error(tmp_path):
    db = tmp_path / "c.sqlite"
    assert run_batch([str(SEED)], str(db), workers=1).parsed == 1
    r = run_batch([str(SEED)], str(db), workers=1, force=True, timeout=0.001)  # killed before it ends
    assert (r.failed, r.kept) == (1, 1) and r.failures[0][1] == "Timeout"
    with zqdoc.Corpus(db) as c:
        assert len(c) == 1 and c.document("zhaoqing-2012-plan") == zqdoc.parse(SEED)
        assert [e["error_class"] for e in c.errors()] == ["Timeout"]


def test_rows_of_files_gone_are_pruned(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("zhaoqing-2012-plan.txt", "wuxi-2011-fenjie.txt"):
        shutil.copy(CORPORA / name, src)
    (src / "empty.txt").write_bytes(b"")
    db = tmp_path / "c.sqlite"
    run_batch([str(src)], str(db), workers=1)
    os.remove(src / "empty.txt")
    os.remove(src / "wuxi-2011-fenjie.txt")
    r = run_batch([str(src)], str(db), workers=1)
    assert r.pruned == 1  # the error row of empty.txt; the stored document stays without --prune
    with zqdoc.Corpus(db) as c:
        assert c.errors() == [] and len(c) == 2
    out = run_cli("batch", src, "--db", db, "--prune", "-q")
    assert out.returncode == 0 and "1 row(s) of files gone" in out.stdout
    with zqdoc.Corpus(db) as c:
        assert [d["key"] for d in c.documents()] == ["zhaoqing-2012-plan"]


def test_a_bad_size_setting_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("ZQDOC_MAX_BYTES", "lots")
    with pytest.raises(ConfigError, match="ZQDOC_MAX_BYTES"):
        zqdoc.parse(SEED)
    out = run_cli("parse", SEED, env={**os.environ, "ZQDOC_MAX_BYTES": "-5"})
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "ZQDOC_MAX_BYTES" in out.stderr



def test_encodings_that_lie_or_are_not_chinese(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()[:30]
    page = "<html><head><title>t</title></head><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body></html>"
    (tmp_path / "u16.html").write_bytes(page.encode("utf-16-le"))  # saved as UTF-16 without a BOM
    doc = zqdoc.parse(tmp_path / "u16.html")
    assert doc.meta.doc_number == "肇府办〔2012〕22号" and doc.sections and "<p>" not in doc.text
    lying = page.replace("<head>", '<head><meta charset="utf-16">')
    (tmp_path / "lie.html").write_bytes(lying.encode("utf-8"))  # declares UTF-16 over UTF-8 bytes
    doc = zqdoc.parse(tmp_path / "lie.html")
    assert doc.meta.doc_number == "肇府办〔2012〕22号" and any("declares utf-16" in w for w in doc.warnings)
    japanese = "関係部門は協力して計画を実施すること。東京都の資料によれば、来年度の予算は増える見込みです。" * 10
    (tmp_path / "ja.txt").write_bytes(japanese.encode("shift_jis"))
    doc = zqdoc.parse(tmp_path / "ja.txt")
    assert doc.encoding == "shift_jis" and "関係部門" in doc.text and any("Japanese" in w for w in doc.warnings)


def test_the_spacy_path_keeps_jieba_quiet_and_its_cache_in_zqdocs_folder(tmp_path):
    tmp, cache = tmp_path / "tmp", tmp_path / "cache"
    tmp.mkdir()
    code = ("from zqdoc.extract.components import make_nlp\n"
            "d = make_nlp('jieba')('(市发展改革局牵头,市交通运输局参与)')\n"
            "print(len(d.spans['zqdoc_agencies']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "TMPDIR": str(tmp), "ZQDOC_CACHE_DIR": str(cache)})
    assert out.returncode == 0 and out.stdout.strip() == "2", out.stderr
    assert out.stderr == "" and (cache / "jieba.cache").exists() and not list(tmp.iterdir())


def test_a_pdf_that_inflates_past_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import zlib

    from zqdoc.errors import InputTooLarge

    bomb = zlib.compress(b"\0" * (24 * 2**20), 9)  # 24 MB of zeros in about 24 KB
    head = b"1 0 obj\n<</Length " + str(len(bomb)).encode() + b"/Filter/FlateDecode>>\nstream\n"
    pdf = b"%PDF-1.4\n" + head + bomb + b"\nendstream\nendobj\ntrailer\n<<>>\n%%EOF\n"
    (tmp_path / "bomb.pdf").write_bytes(pdf)
    monkeypatch.setenv("ZQDOC_MAX_INFLATED", str(8 * 2**20))
    with pytest.raises(InputTooLarge, match="inflate to more than"):
        zqdoc.parse(tmp_path / "bomb.pdf")


def test_a_password_protected_pdf_says_so(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("user", ownerPassword="owner"))
    c.drawString(72, 720, "1. Overview")
    c.save()
    out = run_cli("parse", path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "password-protected" in out.stderr


def test_a_pdf_restricted_by_an_owner_password_is_named_for_what_it_is(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "restricted.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, "一、总体要求")
    c.drawString(72, 700, "全面推进各项工作，市发展改革局牵头。")
    c.save()
    out = run_cli("parse", path)
    assert out.returncode == 2 and "owner password" in out.stderr and "glyphs" not in out.stderr

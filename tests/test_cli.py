"""`zqdoc parse` as a user runs it: a real process, its exit code and its output."""
import json
import subprocess
import sys

import pytest

import zqdoc

from conftest import CORPORA, SEED


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zqdoc.cli", *map(str, args)], capture_output=True, text=True, **kw)


def test_parse_prints_metadata_and_outline():
    out = run("parse", SEED)
    assert out.returncode == 0, out.stderr
    assert "肇府办〔2012〕22号" in out.stdout and "2012-04-19" in out.stdout
    assert "优先发展现代服务业" in out.stdout and "加快社会福利事业发展" in out.stdout


def test_parse_json_follows_the_contract():
    out = run("parse", SEED, "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["meta"]["doc_number"] == "肇府办〔2012〕22号"
    assert doc["meta"]["signed_date"] == "2012-04-19"
    assert doc["meta"]["title"] == "印发肇庆市实施《珠三角规划纲要》2012年工作计划的通知"
    first = doc["sections"][0]
    assert {"marker", "level", "title", "text", "assignments", "targets", "children"} <= first.keys()
    assert (first["marker"], first["level"], first["title"]) == ("一", 1, "总体要求")
    third = doc["sections"][2]["children"][0]["children"][0]
    assert (third["marker"], third["level"], third["title"]) == ("1", 3, "优先发展现代服务业")


@pytest.mark.parametrize(
    "make,cause",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "nothing to parse"),  # a folder with no notice in it
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(300)), "PNG"),
        (lambda d: _write(d / "blob.bin", bytes(range(256)) * 4), "binary"),
        (lambda d: _write(d / "bad.txt", bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 400), "cannot be decoded"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, make, cause):
    path = make(tmp_path)
    out = run("parse", path)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and cause in lines[0]
    assert "Traceback" not in out.stderr and out.stdout == ""


def _write(path, data):
    path.write_bytes(data)
    return path


def test_eval_lists_each_mistake(tmp_path):
    """A gold that lacks one of the seed's agencies and claims one it does not print: eval shows the
    false positive and the false negative, in the table and in the JSON."""
    import shutil

    gold = json.loads(SEED.with_name(SEED.stem + ".gold.json").read_text(encoding="utf-8"))
    first = gold["assignments"][0]
    dropped = (first["lead"] + first["participants"] + first["responsible"])[0]
    for key in ("lead", "participants", "responsible"):
        first[key] = [a for a in first[key] if a != dropped]
    first["responsible"].append("市不存在局")
    shutil.copy(SEED, tmp_path / SEED.name)
    (tmp_path / (SEED.stem + ".gold.json")).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    out = run("eval", tmp_path, "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)["documents"][0]
    assert [m["agency"] for m in doc["false_positives"]["assignments"]] == [dropped]
    assert [m["agency"] for m in doc["false_negatives"]["assignments"]] == ["市不存在局"]
    table = run("eval", tmp_path, env={**__import__("os").environ, "COLUMNS": "200"})
    assert "FP" in table.stdout and "FN" in table.stdout and "市不存在局" in table.stdout


def test_who_finds_a_function_across_governments_and_narrows_by_government():
    corpora = SEED.parent
    files = [corpora / f"{n}.txt" for n in ("zhaoqing-2012-plan", "guangdong-2021-fengong", "wuxi-2011-fenjie",
                                             "guowuyuan-2018-tiyusaishi")]
    out = run("who", "发改委", *files, "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    governments = [r["jurisdiction"] for r in rows]
    assert {"中央", "广东省", "肇庆市", "无锡市"} <= set(governments) and governments[0] == "中央"  # by code
    assert {r["function"] for r in rows} == {"发展改革"} and {r["matched"] for r in rows} == {"function"}
    out = run("who", "发改委", *files, "--in", "广东省", "--json")
    assert {r["jurisdiction"] for r in json.loads(out.stdout)} == {"广东省", "肇庆市"}
    out = run("who", "市财政局", *files, "--function", "教育", "--json")
    assert out.returncode == 1
    assert run("who", "发改委", *files, "--in", "火星省").returncode == 2


def test_owners_narrows_by_government_and_function():
    files = [SEED.parent / f"{n}.txt" for n in ("zhaoqing-2012-plan", "guangdong-2021-fengong")]
    everyone = json.loads(run("owners", "建设", *files, "--json").stdout)
    out = run("owners", "建设", *files, "--in", "广东省", "--function", "发展改革", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert 0 < len(rows) < len(everyone)
    assert {n for r in rows for k in ("lead", "participant", "responsible") for n in r[k]} == {"市发展改革局"}
    assert run("owners", "建设", *files, "--in", "火星省").returncode == 2


def test_workload_narrows_by_government_and_function():
    corpora = SEED.parent
    files = [corpora / f"{n}.txt" for n in ("zhaoqing-2012-plan", "guangdong-2021-fengong", "wuxi-2011-fenjie")]
    out = run("workload", *files, "--in", "广东省", "--function", "发展改革", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {(r["name"], r["jurisdiction"]) for r in rows} == {("市发展改革局", "肇庆市"), ("省发展改革委", "广东省")}
    assert [r["assignments"] for r in rows] == sorted((r["assignments"] for r in rows), reverse=True)


def test_a_blind_folder_shows_scores_not_mistakes(tmp_path):
    import shutil

    shutil.copy(SEED, tmp_path / SEED.name)
    gold = json.loads(SEED.with_name(SEED.stem + ".gold.json").read_text(encoding="utf-8"))
    gold["assignments"][0]["responsible"].append("市不存在局")
    (tmp_path / (SEED.stem + ".gold.json")).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "BLIND").write_text("held out\n", encoding="utf-8")
    doc = json.loads(run("eval", tmp_path, "--json").stdout)["documents"][0]
    assert "false_negatives" not in doc and doc["fields"]["assignments"]["support"] > doc["fields"]["assignments"]["correct"]
    assert "市不存在局" not in run("eval", tmp_path).stdout
    assert "市不存在局" in run("eval", tmp_path, "--mistakes", env={**__import__("os").environ, "COLUMNS": "200"}).stdout


def test_version_is_printed_without_a_command():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"zqdoc {zqdoc.__version__}"


def test_parse_takes_many_files_folders_and_stdin(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("zhaoqing-2012-plan.txt", "wuxi-2011-fenjie.txt"):
        (src / name).write_bytes((SEED.parent / name).read_bytes())
    (src / "empty.txt").write_bytes(b"")
    out = run("parse", src, "--output", tmp_path / "out")
    assert out.returncode == 1  # one of three failed
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["wuxi-2011-fenjie.json", "zhaoqing-2012-plan.json"]
    assert out.stderr.count("parsed  ") == 2 and "failed  " in out.stderr and "empty.txt" in out.stderr
    seed = json.loads((tmp_path / "out" / "zhaoqing-2012-plan.json").read_text(encoding="utf-8"))
    assert seed["meta"]["doc_number"] == "肇府办〔2012〕22号"
    piped = run("parse", "-", "--json", input=SEED.read_text(encoding="utf-8"))
    assert piped.returncode == 0 and json.loads(piped.stdout)["meta"] == seed["meta"]
    lines = run("parse", src / "zhaoqing-2012-plan.txt", src / "wuxi-2011-fenjie.txt", "--json").stdout.splitlines()
    assert [json.loads(x)["source"].rsplit("/", 1)[1] for x in lines] == ["wuxi-2011-fenjie.txt", "zhaoqing-2012-plan.txt"]


def test_bad_choices_and_negative_counts_are_refused(tmp_path):
    for args in (["batch", SEED, "--db", tmp_path / "s", "--workers", "-1"],
                 ["batch", SEED, "--db", tmp_path / "s", "--engine", "spark"],
                 ["workload", SEED, "--top", "-3"], ["graph", SEED, "-o", tmp_path / "g", "--format", "dot"]):
        out = run(*args)
        assert out.returncode == 2, args
    assert not (tmp_path / "s").exists()
    assert run("owners", "火星", SEED).returncode == run("who", "火星局", SEED).returncode == 1


def test_piped_output_keeps_every_line_whole_at_80_columns(tmp_path):
    """Piped, nothing wraps: a long path, a function class, a 'matched by' note stay on their line."""
    folder = tmp_path / "a-rather-long-folder-name" / "of-plans-for-testing-how-output-wraps"
    folder.mkdir(parents=True)
    plan = folder / "zhaoqing-2012-plan-with-a-long-file-name.txt"
    plan.write_text((CORPORA / "zhaoqing-2012-plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    from typer.testing import CliRunner

    from zqdoc.cli import app

    runner = CliRunner()
    env = {"COLUMNS": "80"}
    out = runner.invoke(app, ["parse", str(plan)], env=env).output
    assert str(plan) in out.splitlines()
    assert any(line.startswith("主送机关  各县(市、区)人民政府") and line.endswith("直属有关单位") for line in out.splitlines())
    out = runner.invoke(app, ["workload", str(plan), "--top", "3"], env=env).output
    assert any("市经济信息化局" in line and "工业信息化" in line for line in out.splitlines())
    out = runner.invoke(app, ["who", "发改局", str(plan)], env=env).output
    assert "(matched by function)" in out.splitlines()[0]


def test_tables_at_an_80_column_terminal_never_cut_a_name(monkeypatch):
    import io

    from rich.console import Console

    import zqdoc.cli as cli
    import zqdoc.graph as zg

    buf = io.StringIO()
    monkeypatch.setattr(cli, "_stdout", lambda: Console(file=buf, width=80, highlight=False, soft_wrap=True))
    G = zg.build([zqdoc.parse(CORPORA / "zhaoqing-2012-plan.txt")])
    cli._print_workload(zg.workload(G), show_jurisdiction=True, top=10, json_=False)
    lines = buf.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("市住房城乡建设局" in line and "住房城乡建设" in line.split("市住房城乡建设局")[1] for line in lines)
    assert any("工业信息化" in line for line in lines)


def test_json_is_printed_one_way_by_every_command():
    one = run("parse", SEED, "--json").stdout
    who = run("who", "发改局", SEED, "--json").stdout
    for out in (one, who):  # indented by one, characters as they are
        assert out.startswith(("{\n \"", "[\n {")) and "\\u" not in out and out.endswith("\n")
        json.loads(out)
    many = run("parse", SEED, CORPORA / "wuxi-2011-fenjie.txt", "--json").stdout.splitlines()
    assert len(many) == 2 and all(json.loads(line)["meta"] for line in many)  # JSON Lines

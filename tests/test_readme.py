"""Every code block of the README runs as pasted: the Python blocks as scripts, each command line of
the bash blocks in a shell — from a folder that holds the repository's corpora/, as a reader's
checkout would. Not run here: the two install commands (what .ci/run does) and the benchmarks
(minutes each; they write docs/benchmarks*.md)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(python|bash)\n(.*?)```", README, re.S)
SKIPPED = ("pip install", "benchmarks/")


def _commands():
    for lang, body in BLOCKS:
        if lang == "bash":
            for line in body.splitlines():
                cmd = line.split("  #")[0].strip()
                if cmd and not any(s in cmd for s in SKIPPED):
                    yield cmd


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    where = tmp_path_factory.mktemp("reader")
    (where / "corpora").symlink_to(ROOT / "corpora")
    return where


def test_the_readme_has_python_and_shell_examples():
    assert sum(lang == "python" for lang, _ in BLOCKS) >= 2 and len(list(_commands())) >= 6


@pytest.mark.parametrize("code", [b for lang, b in BLOCKS if lang == "python"], ids=lambda c: c.split("\n")[0][:40])
def test_python_block_runs(code, checkout):
    out = subprocess.run([sys.executable, "-c", code], cwd=checkout, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]


def test_shell_commands_run_in_order(checkout):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for cmd in _commands():
        out = subprocess.run(cmd, shell=True, cwd=checkout, capture_output=True, text=True, timeout=600, env=env)
        assert out.returncode in (0, 1) if cmd.startswith("zqdoc batch") else out.returncode == 0, (cmd, out.stderr[-2000:])
    assert (checkout / "parsed" / "zhaoqing-2012-plan.json").exists() and (checkout / "out" / "documents.csv").exists()

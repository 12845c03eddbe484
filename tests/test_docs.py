"""The examples of docs/*.md run as doctests, from the repository root so that `corpora/...`
resolves: docs cannot rot."""
import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_docs_exist():
    names = {p.name for p in DOCS}
    assert {"quickstart.md", "model.md", "cli.md", "api.md", "evaluation.md", "limits.md"} <= names


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_doc_examples(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(path), module_relative=False, optionflags=FLAGS, encoding="utf-8",
                              raise_on_error=False, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in docs/{path.name} failed (see above)"


@pytest.mark.parametrize("name", ["quickstart.md", "model.md", "api.md"])
def test_docs_have_examples(name):
    parser = doctest.DocTestParser()
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert parser.get_examples(text), f"docs/{name} has no >>> examples"


CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"


@pytest.mark.skipif(not CONTRACT.exists(), reason="../shared/CONTRACT.md is not beside this checkout")
def test_docs_json_holds_the_contract_word_for_word():
    body = CONTRACT.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    assert body in (ROOT / "docs" / "json.md").read_text(encoding="utf-8")

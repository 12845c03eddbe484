"""zqdoc's extraction as spaCy components: registered factories, spans on a jieba-segmented Doc,
and the same results as `zqdoc.parse`."""
import pytest
import spacy

import zqdoc
from zqdoc.extract.components import COMPONENTS, context_from, make_nlp
from zqdoc.models import Role

from conftest import SEED, gold_docs


@pytest.fixture(scope="module")
def nlp():
    return make_nlp("jieba")


def test_factories_are_registered_for_any_pipeline():
    nlp = spacy.blank("zh")  # a user's own pipeline
    for name in COMPONENTS:
        nlp.add_pipe(name)
    assert nlp.pipe_names == list(COMPONENTS)


def test_clause_spans_on_a_jieba_doc(nlp):
    text = "推进基础设施一体化。加快交通对接。(市发展改革局牵头,市经济信息化局、市交通运输局、市城乡规划局等部门参与)"
    doc = nlp(text)
    assert nlp.tokenizer.segmenter == "jieba"
    assert [s.text for s in doc.spans["zqdoc_clauses"]] == ["(市发展改革局牵头,市经济信息化局、市交通运输局、市城乡规划局等部门参与)"]
    agencies = [(s.text, s.label_) for s in doc.spans["zqdoc_agencies"]]
    assert agencies[0] == ("市发展改革局", "lead")
    assert ("市城乡规划局", "participant") in agencies
    assert [(a.agency, a.role) for a in doc._.zqdoc_assignments][-1] == ("市城乡规划局", Role.PARTICIPANT)


def test_agency_context_gives_jurisdiction(nlp):
    doc = nlp.make_doc("〔相关县(市、区)政府负责,市城市综合管理局参与〕")
    doc._.zqdoc_context = context_from(issuer="肇庆市人民政府办公室", doc_number="肇府办〔2012〕22号")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    by_name = {a.agency: a for a in doc._.zqdoc_assignments}
    assert by_name["相关县(市、区)政府"].role == Role.RESPONSIBLE  # one agency despite its brackets
    assert by_name["市城市综合管理局"].jurisdiction == "肇庆市"


def test_target_spans(nlp):
    doc = nlp("培育1—2家省级工程研究开发中心,4—5家市级工程研究开发中心。")
    assert [(t.value, t.value_max, t.unit) for t in doc._.zqdoc_targets] == [(1, 2, "家"), (4, 5, "家")]
    assert all(s.label_ == "range" for s in doc.spans["zqdoc_targets"])


@pytest.mark.parametrize("name,path,gold", gold_docs()[:8] + [d for d in gold_docs() if d[0] == SEED.stem],
                         ids=lambda x: x if isinstance(x, str) else "")
def test_spacy_pipeline_and_parse_agree(nlp, name, path, gold):
    direct, through_spacy = zqdoc.parse(path), zqdoc.parse(path, nlp=nlp)
    assert through_spacy.model_dump() == direct.model_dump()


def test_spans_are_exact_where_jieba_glues_a_name_to_the_next_word(nlp):
    doc = nlp("(市发展改革局牵头,市交通运输局等部门参与)")  # jieba cuts 局等 as one word
    assert [(s.text, s.label_) for s in doc.spans["zqdoc_agencies"]] == [("市发展改革局", "lead"), ("市交通运输局", "participant")]
    assert "".join(t.text_with_ws for t in doc) == doc.text  # the split keeps every character
    assert [s.text for s in doc.spans["zqdoc_clauses"]] == ["(市发展改革局牵头,市交通运输局等部门参与)"]


def test_a_saved_pipeline_loads_in_a_fresh_process_and_pipes_over_processes(nlp, tmp_path):
    import subprocess
    import sys

    nlp.to_disk(tmp_path / "pipeline")
    code = (  # no zqdoc import: the components come from the spacy_factories entry points
        "import spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "docs = list(nlp.pipe(['(市财政局牵头)新增就业1万人', '(市教育局负责)'] * 3, n_process=2))\n"
        "print([[(s.text, s.label_) for s in d.spans['zqdoc_agencies']] for d in docs[:2]])\n"
        "print(type(docs[0]._.zqdoc_assignments[0]).__name__, docs[0]._.zqdoc_targets[0].value)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.splitlines() == ["[[('市财政局', 'lead')], [('市教育局', 'responsible')]]", "Assignment 1.0"]


def test_clearing_the_memos_leaves_the_parse_as_it_was():
    """benchmarks/speed_bench.py times texts as new by clearing every memo between runs."""
    from zqdoc.extract import clear_caches

    first = zqdoc.parse(SEED).model_dump_json()
    clear_caches()
    assert zqdoc.parse(SEED).model_dump_json() == first

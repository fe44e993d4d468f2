"""A body asked by the role it holds ("燃气主管部门是哪个部门"): laws name it with "X是…的燃气主管部门";
that sentence answers, not another provision in which the role acts (划定保护范围, 建立制度)."""
import pytest

from planqa.rules import IDENTITY_QUESTION
from tests.conftest import ROOT, library_index, library_qa


@pytest.mark.parametrize("question, role", [
    ("十堰市的燃气主管部门是哪个部门？", "燃气主管部门"), ("森林消防工作的主管部门是谁", "主管部门"),
    ("燃气主管部门负责什么？", None),  # what the role does is asked, not who holds it
])
def test_the_role_asked_about(question, role):
    m = IDENTITY_QUESTION.search(question)
    assert (m.group(1).split("的")[-1] if m else None) == role


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, ["law_浙江省森林消防条例(2009-11-27).md",
                                                   "law_上海市消防条例(2020-03-19).md"])


def test_the_sentence_naming_who_holds_the_role_answers(qa):
    a = qa.ask("浙江森林消防工作的主管部门是哪个部门？")
    assert not a.refused
    assert a.answer.split("。")[0].endswith("是森林消防工作的主管部门，具体负责本行政区域内的森林消防监督管理工作") \
        or "林业行政主管部门（以下简称林业行政主管部门）是森林消防工作的主管部门" in a.answer.split("[1]")[0]


def test_the_article_naming_the_role_answers_not_one_where_it_acts(tmp_path_factory, embedder):
    from rag.qa import QA

    index = library_index(tmp_path_factory, embedder, ["law_十堰市燃气安全管理条例(2024-12-17).md"],
                          source=ROOT / "tests" / "data")
    a = QA(index, use_llm=False).ask("十堰市的燃气主管部门是哪个部门？")
    assert not a.refused
    first = a.answer.split("[1]")[0]
    assert "第五条" in first and "市城市管理执法主管部门是本市的燃气主管部门" in first

"""One law in two versions (北京市安全生产条例, 2016 and 2022, from ../shared/library): the version in
force answers by default, a named version when the question names it, and a question comparing the
versions gets one line per version from that version's own text. Also laws' multi-clause questions."""
import re

import pytest

from tests.conftest import LIBRARY

VERSIONS = ["law_北京市安全生产条例.md", "law_北京市安全生产条例(2022-05-25).md"]

pytestmark = pytest.mark.skipif(not all((LIBRARY / f).exists() for f in VERSIONS),
                                reason="the development library is not beside the project (../shared/library)")


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    from rag.qa import QA
    from tests.conftest import library_index

    return QA(library_index(tmp_path_factory, embedder, VERSIONS), use_llm=False)


def test_the_version_in_force_answers_by_default(qa):
    a = qa.ask("北京市安全生产条例规定，从业人员超过多少人的生产经营单位应当设置安全生产管理机构？")
    assert not a.refused
    assert {c["doc"] for c in a.citations} == {VERSIONS[1]}
    assert "2022年修订" in a.answer and "一百人" in a.answer


def test_a_named_version_answers(qa):
    a = qa.ask("北京市安全生产条例（2016年修正版）要求从业人员每年在岗安全培训不少于多少学时？")
    assert not a.refused
    assert a.citations[0]["doc"] == VERSIONS[0]
    assert "8学时" in a.answer and "2016年修正" in a.answer


def test_versions_compared_line_by_line_from_their_own_text(qa):
    a = qa.ask("北京市安全生产条例2016年版和2022年版在设置安全生产管理机构上有何不同？")
    assert a.kind == "compare" and not a.refused
    lines = a.answer.splitlines()
    old = next(x for x in lines if x.startswith("2016年修正版"))
    new = next(x for x in lines if x.startswith("2022年修订版"))
    assert "300人" in old and "一百人" in new
    # each version's short article is said whole: the other 款 compare too
    assert "前款规定以外的生产经营单位" in old and "从业人员在一百人以下的" in new
    by_n = {c["n"]: c["doc"] for c in a.citations}
    assert all(by_n[int(n)] == VERSIONS[0] for n in re.findall(r"\[(\d+)\]", old))
    assert all(by_n[int(n)] == VERSIONS[1] for n in re.findall(r"\[(\d+)\]", new))


def test_a_version_without_the_provision_says_so(qa):
    # the 2022 revision dropped the 8-hour rule: its line says nothing was found, it borrows no text
    a = qa.ask("北京市安全生产条例修订前后，对从业人员安全培训学时的要求有什么变化？")
    assert "8学时" in a.answer
    assert any(x.startswith("2022年修订版") and "未找到" in x for x in a.answer.splitlines())


def test_an_article_only_an_older_version_has_is_read_from_it_and_said_so(qa):
    # the 2022 revision has 66 articles; the 2016 version's 第八十条 is about accident investigation
    a = qa.ask("北京市安全生产条例第八十条是怎么规定的？")
    assert not a.refused and a.kind == "section"
    assert a.answer.startswith("（《北京市安全生产条例》（2022年修订）没有第八十条（共六十六条）")
    assert {c["doc"] for c in a.citations} == {VERSIONS[0]}
    assert "第八十条" in a.citations[0]["section"] and "事故调查处理" in a.answer


def test_an_article_no_version_has_is_refused_with_the_count(qa):
    a = qa.ask("北京市安全生产条例第一百二十条怎么说？")
    assert a.refused and a.citations == []
    assert "没有第一百二十条（共六十六条）" in a.reason


def test_a_two_clause_question_gets_both_answers(qa):
    a = qa.ask("北京市安全生产条例（2016年修正版）中，矿山、建筑施工单位要不要设安全生产管理机构？"
               "其他单位从业人员超过多少人要设？")
    assert not a.refused
    assert "300人" in a.answer


def test_versions_compared_in_the_askers_words_each_give_their_threshold(qa):
    # the question names the law (a paraphrase of its provisions follows): each version's line is
    # held to what a named document needs, not to a free question's coverage
    a = qa.ask("北京市安全生产条例修订前后，一般行业企业要设安全生产管理机构或配专职安全管理人员的人数门槛有什么变化？")
    lines = a.answer.split("\n")
    assert any("2016年修正" in x and "300人" in x for x in lines)
    assert any("2022年修订" in x and "一百人" in x for x in lines)


def test_a_revision_that_renumbered_the_law_is_said_to_be_whole(qa):
    a = qa.ask("北京市安全生产条例修订后改了什么？")
    first = a.answer.splitlines()[0]
    assert "条文由98条变为66条" in first and "属全面修订" in first


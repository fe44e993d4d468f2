"""A regulation in two versions whose revision renamed its terms in place (上海市社会救助条例, 2018 and
2024: 低收入困难家庭 became 最低生活保障边缘家庭, both 第十一条): a question comparing the versions in the
old words gets the new version's same provision; a short name shared by several works ("救助条例") is
no filter unless a year picks the work; an article past the last one is said not to exist; a figure
the provisions do not give is not answered with a sentence that has none."""
from pathlib import Path

import pytest

from tests.conftest import library_index

DATA = Path(__file__).parent / "data"
OLD, NEW = "law_上海市社会救助条例(2018-11-22).md", "law_上海市社会救助条例(2024-12-31).md"


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    from rag.qa import QA

    return QA(library_index(tmp_path_factory, embedder, [OLD, NEW], source=DATA), use_llm=False)


def test_a_renamed_term_is_found_in_the_new_versions_same_provision(qa):
    a = qa.ask("救助条例2018年那版里的“低收入困难家庭”，现在的版本改叫什么了？")
    assert a.kind == "compare" and not a.refused
    old, new = a.answer.splitlines()
    assert old.startswith("2018年版") and "低收入困难家庭，是指" in old
    assert new.startswith("2024年修正版（《上海市社会救助条例》（2024年修正）第十一条，与另一版本同条")
    assert "最低生活保障边缘家庭，是指" in new
    by_n = {c["n"]: c["doc"] for c in a.citations}
    assert by_n[1] == OLD and by_n[2] == NEW


def test_the_version_in_force_answers_a_plain_question(qa):
    a = qa.ask("现在的社会救助条例里，特困人员是怎么界定的？")
    assert not a.refused and a.citations[0]["doc"] == NEW and "无劳动能力" in a.answer


def test_an_article_past_the_last_is_said_not_to_exist(qa):
    a = qa.ask("上海市社会救助条例第六十条怎么说？")
    assert a.refused and a.reason == "《上海市社会救助条例》（2024年修正）没有第六十条（共五十六条）"


def test_a_figure_no_provision_near_gives_is_refused(qa):
    a = qa.ask("社会救助条例规定救助管理机构的工作人员每年至少要培训多少学时？")
    assert a.refused and a.citations == []


def test_a_figure_asked_of_a_provision_that_gives_none_is_not_answered_with_it(qa):
    """"因公致残能拿多少抚恤金": 第五十一条 grants 抚恤待遇 and gives no figure; 第五十四条's fine (一倍以上
    三倍以下) is a figure of another thing that shares a word — the answer says the figure is not given."""
    from planqa.records import Passage
    from rag.evidence import QueryTerms
    from rag.extractive import answer_extractive

    chunks = [c for c in qa.index.store.iter_chunks(NEW) if c.article in ("第五十一条", "第五十四条")]
    qt = QueryTerms({"社会救助": 2.0, "工作人员": 1.0, "抚恤": 1.0})
    d = answer_extractive("社会救助工作人员因公致残能拿多少抚恤金？", "number", [Passage(c, 1.0) for c in chunks], qt)
    assert d.refused and d.reason == "相关条文没有给出所问的数字"


def test_the_version_in_force_answers_when_no_document_is_named_and_numbers_match_either_form(qa):
    # "救助条例" names no one work; both versions' 第二十一条 match "60岁" as 六十周岁; the one in force answers
    a = qa.ask("现在的救助条例里，除了低保家庭，还有哪类家庭的60岁以上老人参加城乡居民医保能拿到个人缴费资助？")
    assert not a.refused and a.citations[0]["doc"] == NEW
    assert "最低生活保障边缘家庭" in a.answer and "六十周岁以上" in a.answer
    old = qa.ask("救助条例旧版里，除了低保家庭，还有哪类家庭的60岁以上老人参加城乡居民医保能拿到个人缴费资助？")
    assert not old.refused and old.citations[0]["doc"] == OLD and "低收入困难家庭" in old.answer


def test_a_fine_asked_in_money_is_answered_with_its_multiple(qa):
    # "罚多少" asks money; this law fines a multiple of what was taken, and writes 救助资金 for 救助金
    a = qa.ask("有人骗领社会救助金，除了退钱还能罚多少？")
    assert not a.refused and "一倍以上三倍以下" in a.answer and a.citations[0]["article"] == "第五十四条"


def test_what_a_revision_changed_is_read_article_by_article(qa):
    a = qa.ask("社会救助条例2024年那次修改主要改了哪些内容？")
    assert not a.refused
    lines = a.answer.splitlines()
    assert lines[0].startswith("《上海市社会救助条例》2024年修正版与2018年版相比，"
                               "条文由56条变为56条；按条号逐条比对，改动")
    ninth = next(x for x in lines if "第九条（改动处）" in x)
    assert "最低生活保障边缘家庭" in ninth and "原为：" in ninth and "低收入困难家庭" in ninth.split("原为：")[1]
    assert all(c["doc"] == NEW for c in a.citations)
    # a revision asked about one topic is a comparison of that topic, not the whole list
    t = qa.ask("社会救助条例修改后临时救助的标准有什么变化？")
    assert t.kind == "compare" and "逐条比对" not in t.answer


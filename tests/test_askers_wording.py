"""Questions in the asker's words rather than the documents': a rare word the library writes elsewhere,
a place that only says where, a figure that comes a sentence after the task it belongs to."""
import pytest

from tests.conftest import library_qa


@pytest.fixture(scope="module")
def seed_qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.fixture(scope="module")
def sea_qa(tmp_path_factory, embedder):
    # 重庆's flood regulation writes 出险 once ("易出险工程"); 山东's sea rescue regulation writes 遇险
    return library_qa(tmp_path_factory, embedder,
                      ["law_山东省海上搜寻救助条例(2019-09-27).md", "law_重庆市防汛抗旱条例(2018-07-26).md"])


def test_a_question_in_everyday_words_over_a_law(sea_qa):
    a = sea_qa.ask("船在海上出险了，第一时间该向谁报告？")
    assert not a.refused and "搜救中心" in a.answer
    assert a.citations[0]["doc"].startswith("law_山东省海上搜寻救助条例")


@pytest.mark.parametrize("term, df, capped", [
    ("出险", 1, True),  # a verb written once, in a passage not found: the asker's word for 遇险
    ("出险", 40, False),  # a verb the library writes often is what its passages would say
    ("乙级", 1, False),  # a noun names what is asked about: a text without it does not answer
])
def test_a_rare_verb_no_found_passage_says_is_the_askers_wording(term, df, capped):
    from types import SimpleNamespace

    from planqa.rules import DEFAULT_WEIGHTS
    from rag.evidence import QueryTerms
    from rag.qa import QA

    fake = SimpleNamespace(index=SimpleNamespace(lexical=SimpleNamespace(df={term: df})), weights=DEFAULT_WEIGHTS)
    qt = QueryTerms({"海上": 3.7, term: 8.8, "报告": 0.3}, anchor=term)
    passages = [SimpleNamespace(chunk=SimpleNamespace(text="船舶在海上遇险的，应当迅速向海上搜救中心报告", section=""))]
    QA._asker_wording(fake, qt, passages)
    assert (qt.terms[term] == 3.7) == capped
    assert (qt.anchor == "") == capped


def test_a_place_named_only_says_where(seed_qa):
    # 浙江 is the province of 绍兴's plan: a filter, not a word its sentences must write
    a = seed_qa.ask("浙江那份2022年的要点里，避灾安置场所要新增多少个？")
    assert not a.refused and "150个" in a.answer
    assert a.citations[0]["doc"] == "004_5cc29d44ee9a572c.txt"


def test_a_date_a_sentence_or_two_after_its_task(seed_qa):
    # 南通: "…加快第二期系统开发和县级应急指挥中心建设。完善工作计划,…。督促…确保3月底前完成,实现…四级联通"
    a = seed_qa.ask("南通2020年县级应急指挥中心建设要求什么时候前完成？")
    assert not a.refused and "3月底前" in a.answer


def test_a_spoken_question_about_a_numbered_part(seed_qa):
    a = seed_qa.ask("绍兴那份要点第三部分讲的啥")
    assert not a.refused and "重点工作" in a.answer and "(一)" in a.answer

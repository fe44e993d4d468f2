"""The asker's mood, shorthand and labels are not the topic: "准备/打算" before a verb says "plans to",
"新编" is the text's 编制 done anew, "禁放" is the law's 禁止燃放 even where the law also writes 禁放 once,
"外地" is a real place elsewhere, "哪个级别" a level named; and a money question is not answered by a
flattened table's "0.057元%"."""
from pathlib import Path

import pytest

from tests.conftest import library_qa

DATA = Path(__file__).parent / "data"
SHANGHAI_FIREWORKS = "law_上海市烟花爆竹安全管理条例.md"
LIBRARY_FIREWORKS = [SHANGHAI_FIREWORKS, "law_北京市烟花爆竹安全管理规定(2017-12-01).md",
                     "law_烟花爆竹安全管理条例(2016-02-06).md"]
LANZHOU_FIREWORKS = "law_兰州市烟花爆竹安全管理条例(2021-12-02).md"


@pytest.fixture(scope="module")
def seed_qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.fixture(scope="module")
def fireworks_qa(tmp_path_factory, embedder):
    """Four fireworks regulations: 上海's, 北京's and the national one from the library, 兰州's from tests/data."""
    return library_qa(tmp_path_factory, embedder, [*LIBRARY_FIREWORKS, DATA / LANZHOU_FIREWORKS])


def _terms(question: str) -> dict[str, float]:
    from rag.evidence import query_terms

    return query_terms(question, lambda w: 9.0 if w == "\x00" else 3.0).terms


@pytest.mark.parametrize("question, dropped", [
    ("上海准备新编的防灾减灾总体规划，一直规划到哪一年？", True),  # after its subject: "plans to"
    ("应急部门准备跟哪家单位合作？", True),  # before a preposition
    ("企业事先得做哪些准备？", False),  # the thing asked for
    ("应急准备工作有哪些要求？", False),  # a noun after its modifier (应急准备)
])
def test_an_intention_verb_before_its_verb_is_the_askers_mood(question, dropped):
    assert ("准备" not in _terms(question)) is dropped


@pytest.mark.parametrize("term, text, said", [
    ("禁放", "在禁止燃放的时间燃放的", True),
    ("人防", "人民防空办公室", True),
    ("危化", "危险化学品企业", True),
    ("时间", "时段之间", False),  # an everyday word is no shorthand
    ("禁放", "禁放烟花", False),  # written as itself: not spelled out
])
def test_a_shorthand_is_said_where_the_text_spells_it_out(term, text, said):
    from rag.evidence import spelled_out

    assert spelled_out(term, text) is said


@pytest.mark.parametrize("question, doc, fine", [
    # each regulation writes 禁放 once (禁放警示标识, 禁放烟花爆竹的规定) and 禁止燃放 in the provision that fines
    ("上海个人在禁放的地方放鞭炮会被罚多少？", SHANGHAI_FIREWORKS, "一百元以上二百元以下"),
    ("兰州个人在禁放时间放鞭炮，会被罚多少？", LANZHOU_FIREWORKS, "一百元以上五百元以下"),
])
def test_a_shorthand_the_law_also_writes_is_said_by_its_full_form(fireworks_qa, question, doc, fine):
    a = fireworks_qa.ask(question)
    assert not a.refused and fine in a.answer
    assert a.citations[0]["doc"] == doc


def test_a_verb_done_anew_is_the_texts_compound(seed_qa):
    # "新编" is written nowhere; the plan "高标准编制综合防灾减灾规划(2022-2035)"
    a = seed_qa.ask("上海准备新编的防灾减灾总体规划，一直规划到哪一年？")
    assert not a.refused and "2035" in a.answer


def test_a_money_question_is_not_answered_by_a_flattened_table(seed_qa):
    # 崇明's indicator table, flattened, reads "人/亿约束性 0.057元%": a rate, no sum of money
    a = seed_qa.ask("崇明十四五应急这块，总共打算砸多少钱进去？")
    assert a.refused


def test_somewhere_else_is_said_by_a_real_place_elsewhere(seed_qa):
    # "外地" is written nowhere; 上海's plan names 喀什市, which the gazetteer places outside 上海
    a = seed_qa.ask("上海应急局今年结对帮扶外地，打算在哪儿弄个专家站？")
    assert not a.refused and "喀什" in a.answer


def test_a_level_asked_is_said_by_a_level_named(seed_qa):
    # "哪个级别的…称号": the plan says 省级示范城市; 称号, a kind no plan writes, is the asker's label
    a = seed_qa.ask("X市今年想评上哪个级别的安全城市称号？")
    assert not a.refused and "省级" in a.answer


def test_events_counted_are_counted_only_by_a_figure_of_them(seed_qa):
    # "多少场应急演练": X市's plan counts 42个预案 and asks for 预案演练 without a number
    assert seed_qa.ask("X市22年计划搞多少场应急演练?").refused


def test_events_counted_in_a_report(tmp_path_factory, embedder):
    from tests.conftest import library_qa

    qa = library_qa(tmp_path_factory, embedder, ["report_2026_山东省_政府工作报告.txt"])
    a = qa.ask("山东召开了多少场省级新闻发布会？")
    assert not a.refused and "972场" in a.answer

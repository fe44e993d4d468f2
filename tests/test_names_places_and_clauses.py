"""How people name places, documents and their questions' parts: a city's one-character short name
(绍 as in 杭绍甬), a county by its short name, a document by its file's name or by a quoted title
the library lacks, a place's own rule said with 的, two questions in one sentence, and a sentence
that lists what the one before it covers. Real seed plans, library laws and an outside plan."""
from pathlib import Path

import pytest

from planqa import rules as R
from planqa.gazetteer import find_places
from rag.query import file_names, question_parts

from .conftest import library_qa

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside"
NANJING = OUTSIDE / "unseen34" / "plan_南京市防汛预案(2020).md"
URUMQI = OUTSIDE / "unseen34" / "law_乌鲁木齐市突发公共卫生事件应急条例(2021-10-20).md"
HEALTH_CN = "law_突发公共卫生事件应急条例(2011-01-08).md"


@pytest.mark.parametrize("question, city", [
    ("“包保责任制”这词，X市那年和绍那年各是拿来管啥的？", "绍兴市"),
    ("绍那年新增了多少避灾安置场所？", "绍兴市"),
    ("介绍一下绍兴的做法", "绍兴市"),  # (inside 介绍 it is no place; 绍兴 is found whole)
])
def test_one_character_city_name(question, city):
    found = [m.place.name for m in find_places(question, abbreviations=True)]
    assert found.count(city) == 1


@pytest.mark.parametrize("doc, name", [
    ("plan_南京市防汛预案(2020).md", "南京防汛预案"),
    ("law_上海市防汛条例(2021-11-25).md", "上海防汛条例"),
    ("000_2b9f627f46ec8eee.txt", None),  # a hash names nothing
])
def test_file_names(doc, name):
    assert (next(iter(file_names(doc)), None)) == name


@pytest.mark.parametrize("question, title", [
    ("浙江省应急管理厅《2022年全省应急管理工作要点》给全省定的死亡率控制目标是多少？", "2022年全省应急管理工作要点"),
    ("《绍兴市2022年应急管理工作要点》里新增多少个避灾安置场所？", "绍兴市2022年应急管理工作要点"),
    ("绍兴要点提到的《浙江省安全生产条例》是哪年的？", None),  # a law's title: named_instruments' own rule
])
def test_quoted_plan_asked(question, title):
    m = R.QUOTED_PLAN_ASKED.search(question)
    assert (m.group(1) if m else None) == title


@pytest.mark.parametrize("question, parts", [
    ("崇明规划里有俩比例目标：乡镇应急网格化要覆盖多少，重点行业消防标准化达标单位又得多少？", 2),
    ("抽查了多少家企业，反馈了多少项问题？", 2),
    ("绍兴今年要新增多少避灾安置场所？", 1),
    ("牵头单位是谁，参与的企业有多少？", 2),
    ("由谁牵头，多少家企业参与？", 1),  # (a clause asks by its word anywhere; only one ending in it is cut off)
])
def test_two_questions_in_one_sentence(question, parts):
    assert len(question_parts(question)) == parts


def test_both_figures_of_two_clauses(plans_qa):
    a = plans_qa.ask("崇明规划里有俩比例目标：乡镇应急网格化要覆盖多少，重点行业消防标准化达标单位又得多少？")
    assert "100%" in a.answer and "90%" in a.answer


def test_a_sentence_opening_with_baokuo_lists_what_the_one_before_covers(plans_qa):
    a = plans_qa.ask("崇明规划的自然灾害综合风险普查工程具体包括哪些调查评估工作？")
    assert not a.refused
    assert "致灾调查与评估" in a.answer and "重点隐患排查" in a.answer


def test_a_county_by_its_short_name_is_not_its_citys(plans_qa):
    # 嵊州 lies in 绍兴; 绍兴's plan gives the city's 150, never 嵊州's
    a = plans_qa.ask("嵊州那年要新增几个避灾安置点？")
    assert a.refused and "150" not in a.answer
    # 浦东 lies in 上海, whose plan has no such figure: 绍兴's is another city's
    b = plans_qa.ask("浦东2022年要新增几个应急避难场所？")
    assert b.refused and "浦东" in (b.reason or "")


def test_a_lay_word_for_a_stocktake(plans_qa):
    b = plans_qa.ask("沪那年摸清全市应急力量家底以后，保障上要搞个啥模式？")
    assert "多渠道保障模式" in b.answer


@pytest.fixture(scope="module")
def outside_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [NANJING, URUMQI, HEALTH_CN])


def test_a_plan_named_as_the_library_files_it(outside_qa):
    # its own heading says 洪涝灾害预案; the library files it as 南京市防汛预案
    a = outside_qa.ask("南京防汛预案里，暴雨黄色预警对应的降雨标准是多少？")
    assert not a.refused
    assert "50毫米" in a.answer and a.citations[0]["doc"] == NANJING.name


def test_a_places_own_regulation_said_with_de(outside_qa):
    a = outside_qa.ask("应急响应结束由谁宣布？对比一下南京防汛预案和乌鲁木齐的突发公共卫生事件应急条例。")
    line = next(x for x in a.answer.splitlines() if x.startswith("乌鲁木齐"))
    assert "《乌鲁木齐市突发公共卫生事件应急条例》" in line
    assert not any(c["doc"] == HEALTH_CN for c in a.citations)  # (not the national regulation)


def test_who_holds_a_post_said_with_ren(outside_qa):
    a = outside_qa.ask("南京市防汛防旱指挥部的指挥由谁担任？")
    assert "市长任指挥" in a.answer.splitlines()[0] + a.answer


def test_a_quoted_plan_the_library_lacks(plans_qa):
    a = plans_qa.ask("浙江省应急管理厅《2022年全省应急管理工作要点》给全省定的亿元GDP生产安全事故死亡率"
                     "控制目标是多少？")
    assert a.refused and "2022年全省应急管理工作要点" in (a.reason or "")


def test_a_notices_addressees(plans_qa):
    a = plans_qa.ask("《上海市应急管理局2022年工作要点》是印发给哪些单位贯彻落实的？")
    assert "各区应急管理局" in a.answer and "各直属事业单位" in a.answer
    assert a.citations[0]["start"] == 0  # (its salutation, the first line)
    # a plan printed without its cover notice has no addressee line: not answered from its body
    b = plans_qa.ask("绍兴2022年应急管理工作要点是印发给哪些单位的？")
    assert "印发给：" not in b.answer

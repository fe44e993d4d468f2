"""Contingency plans (应急预案) and the questions asked of them, on real outside documents kept in
eval/outside/unseen27 (a city's 突发地质灾害应急预案, the State Council's 城镇排水与污水处理条例, two city
regulations): a plan named by its place and hazard that the library lacks is refused by name; "指挥长由谁担任"
is answered only by the sentence that says who holds the post; a district inside the plan's city that the
passage never names is not answered for the city; "国务院排水条例" names the State Council's regulation; the
decimal outline ("8.4 预案演练") is a heading, not a figure; "全国的…归哪个部门" is the national level."""
from pathlib import Path

import pytest

from planqa import rules as R
from rag.evidence import has_figure, query_terms, strip_marker
from rag.query import named_instruments

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen27"
FILES = ["plan_天津市突发地质灾害应急预案.md", "law_城镇排水与污水处理条例(2013-10-02).md",
         "law_兰州市气象灾害防御条例(2020-08-07).md", "law_防雷减灾管理办法(2025-03-31).md"]


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    from rag.qa import QA

    from .conftest import library_index

    return QA(library_index(tmp_path_factory, embedder, [OUTSIDE / f for f in FILES]), use_llm=False)


@pytest.mark.parametrize("question, names", [
    ("天津市地震应急预案规定，二级响应由谁决定启动？", ["天津市地震应急预案"]),
    ("天津地灾应急预案要求多久演练一次？", ["天津地灾应急预案"]),
    ("企业要修订应急预案吗？", []), ("按照应急预案开展演练", []), ("上海应急预案体系建设中，市级演练由谁统筹？", []),
    ("南通推动应急预案数字化按照什么原则?", []), ("绍兴改防汛防台预案的时候，想搞个啥机制？", []),
    ("北京市突发事件总体应急预案规定了什么？", ["北京市突发事件总体应急预案"]),
])
def test_a_contingency_plan_named_by_place_and_hazard(question, names):
    assert [n for n in named_instruments(question) if n.endswith("预案")] == names


@pytest.mark.parametrize("text, stripped, figure", [
    ("8.4 预案演练", "预案演练", False), ("5.2.1 启动应急响应", "启动应急响应", False),
    ("12.推进执法改革", "推进执法改革", False), ("市、区两级应急部门每两年至少组织一次演练", None, True),
])
def test_a_decimal_outline_number_is_a_heading(text, stripped, figure):
    assert strip_marker(text) == (stripped or text)
    assert has_figure(text) == figure


@pytest.mark.parametrize("question, post", [
    ("市指挥部的指挥长由谁担任？", "指挥长"), ("办公室主任是谁兼任", "主任"), ("总指挥具体由哪位领导担任", None),
    ("指挥部办公室设在哪个部门？", None),
])
def test_post_question(question, post):
    m = R.POST_QUESTION.search(question)
    assert (m.group(1) if m else None) == post


def test_a_quoted_name_stays_whole_beside_an_abbreviation():
    qt = query_terms("防雷减灾管理办法里说的“雷电防护装置”，具体包括哪些部分？", lambda t: 1.0)
    assert qt.anchor == "雷电防护装置" and " 装置" not in qt.terms
    assert R.DEFINITION_QUESTION.search("办法里说的“雷电防护装置”具体包括哪些部分")


def test_a_plan_the_library_lacks_is_refused_by_name(qa):
    a = qa.ask("天津市地震应急预案规定，二级地震应急响应由谁决定启动？")
    assert a.refused and "天津市地震应急预案" in (a.reason or a.answer), a.answer


def test_who_holds_a_post(qa):
    a = qa.ask("天津地灾应急指挥部的指挥长由谁担任？")
    assert not a.refused and "副市长" in a.answer and "副秘书长" not in a.answer.split("\n")[0], a.answer


def test_a_district_the_plan_does_not_name_is_not_answered_for_the_city(qa):
    a = qa.ask("天津地灾预案里，蓟州区突发地质灾害应急指挥机构的指挥长具体由谁担任？")
    assert a.refused, a.answer


def test_the_state_councils_regulation_named_by_issuer_and_topic(qa):
    a = qa.ask("排水户没拿到污水排入排水管网许可证就往市政管网排污水，按国务院排水条例最多罚多少？")
    assert not a.refused and "50万元以下" in a.answer, a.answer
    assert a.citations[0]["doc"].startswith("law_城镇排水与污水处理条例")


def test_the_national_level_is_asked_by_quanguo(qa):
    a = qa.ask("全国的城镇排水与污水处理工作归哪个部门指导监督？")
    assert "国务院住房城乡建设主管部门" in a.answer.split("同一部分")[0], a.answer


def test_two_named_documents_each_give_their_frequency(qa):
    a = qa.ask("应急演练频次对比：兰州气象灾害防御条例要求政府多久搞一次气象灾害应急演练？"
               "天津地灾应急预案要求多久演练一次？")
    assert "每年至少" in a.answer and "每两年至少" in a.answer, a.answer


def test_a_definition_of_a_quoted_term(qa):
    a = qa.ask("防雷减灾管理办法里说的“雷电防护装置”，具体包括哪些部分？")
    assert not a.refused and all(x in a.answer for x in ("接闪器", "引下线", "电涌保护器")), a.answer


def test_a_district_asked_is_held_to_plans_not_to_laws(qa):
    from planqa.records import Passage
    from rag.evidence import Sentence
    from rag.extractive import _of_the_place_asked

    store = qa.index.store
    law = next(c for c in store.iter_chunks("law_兰州市气象灾害防御条例(2020-08-07).md") if "应急演练" in c.text)
    plan = next(c for c in store.iter_chunks("plan_天津市突发地质灾害应急预案.md") if "指挥长：" in c.text)
    passages = [Passage(law, 1.0, {}), Passage(plan, 1.0, {})]
    sentences = [Sentence(0, 0, 10, law.text[:10], 1.0, 1.0), Sentence(1, 0, 10, plan.text[:10], 1.0, 1.0)]
    # a city regulation holds in its 城关区; the city plan's 指挥部 is not 蓟州区's
    assert [s.passage for s in _of_the_place_asked(sentences, passages, "兰州市城关区的应急演练多久一次")] == [0, 1]
    assert [s.passage for s in _of_the_place_asked(sentences, passages, "蓟州区的指挥长由谁担任")] == [0]


def test_a_part_the_genre_does_not_have_is_refused_with_its_reason(qa):
    """A contingency plan analyses no shortcomings: asked for them, it refuses and says why, rather
    than quoting its most word-like sentence (a 卫健委 duty, once)."""
    a = qa.ask("天津市突发地质灾害应急预案在分析存在问题时提到了哪些不足？")
    assert a.refused and "没有分析存在问题的部分" in a.reason, a.answer

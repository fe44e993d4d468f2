"""Answers that hold on questions nobody here wrote (issue 17): places and years the library
lacks, follow-ups and comparisons to a region whose plan lacks the topic, paraphrases, partial
answers, drafting references — and a check that every answer line names the document it cites."""
import itertools

import pytest

from rag.attribution import misattributed_lines
from rag.qa import QA


@pytest.fixture(scope="module")
def qa(seed_index):
    return QA(seed_index, use_llm=False)


def test_a_city_with_no_plan_is_refused_with_the_reason(qa):
    a = qa.ask("宁波市2022年要新增多少个规范化避灾安置场所?")
    assert a.refused and a.citations == []
    assert "宁波市" in a.reason and "库中没有" in a.answer and "150个" not in a.answer
    assert a.nearest, "the nearest passages are shown, as other documents' references"
    assert "仅供参考" in a.answer


@pytest.mark.parametrize("q", ["甬今年要新增多少个避灾安置场所?", "苏州2022年燃气安全排查整治由谁牵头?"])
def test_short_forms_and_other_cities_are_places_too(qa, q):
    a = qa.ask(q)
    assert a.refused and "库中没有" in a.answer


def test_a_year_the_library_lacks_is_refused(qa):
    a = qa.ask("2019年上海应急管理工作要点提出了什么?")
    assert a.refused and "2019" in a.reason and "上海" in a.reason


def test_a_districts_plan_does_not_hold_a_year_for_its_city(qa):
    # 崇明's 2021–2025 plan covers 2023, but 上海市's own plans are of 2022: the city's 2023 is not held
    a = qa.ask("上海2023年要修订几个专项预案?")
    assert a.refused and "2023" in a.reason and "上海市2022年" in a.reason and a.citations == []
    assert not qa.ask("崇明2023年应急管理要做到什么?").reason.startswith("库中没有")


def test_a_place_the_plan_itself_names_is_a_topic_not_a_region(qa):
    a = qa.ask("上海2022年要支援喀什做什么?")
    assert not a.refused and "专家工作站" in a.answer


def test_a_place_opening_the_question_is_asked_about_even_when_a_plan_mentions_it(qa):
    # 绍兴's plan names 杭州亚运会; "杭州那边…" asks about 杭州's own plan, which the library lacks
    a = qa.ask("杭州那边应急管理的工作重点是啥?")
    assert a.refused and "杭州市" in a.reason and a.citations == []
    # named inside the question, the place is the topic the plan mentions
    b = qa.ask("绍兴为杭州亚运会做了哪些安全保障?")
    assert not b.refused and "亚运会" in b.answer


@pytest.mark.parametrize("text, framed", [
    ("杭州那边应急管理的工作重点是啥", True), ("请问宁波这边今年要建几个避难场所", True),
    ("上海要在喀什那边建什么", False), ("崇明跟启东海门那边搞的消防联动机制叫啥", False),
])
def test_a_place_framing_the_question(text, framed):
    from planqa.gazetteer import find_places
    from planqa.rules import PLACE_AS_FRAME, QUESTION_OPENING

    got = any(PLACE_AS_FRAME.match(text[m.end:]) and QUESTION_OPENING.match(text[:m.start])
              for m in find_places(text, abbreviations=True, county_short=True))
    assert got == framed


def test_a_target_year_is_not_the_documents_year(qa):
    a = qa.ask("崇明到2025年要实现什么样的应急管理体系?")
    assert not a.refused


def test_followup_to_a_region_without_the_topic_is_refused(qa):
    a = qa.ask("那绍兴呢?", history=["2022年燃气安全排查整治由谁牵头?"])
    assert a.refused and "燃气" in a.reason


def test_compare_with_a_region_the_library_lacks(qa):
    a = qa.ask("绍兴和宁波的避灾安置场所目标有何不同?")
    lines = a.answer.split("\n")
    assert any(ln.startswith("宁波") and "库中没有" in ln for ln in lines)
    assert any(ln.startswith("绍兴") and "150个" in ln for ln in lines)
    assert not misattributed_lines(a.answer, a.citations)


def test_paraphrased_number_question(qa):
    a = qa.ask("绍兴要求乡镇街道综合应急预案的编制比例是多少?")
    assert not a.refused and a.answer.startswith("100%")


def test_named_but_not_listed_is_a_partial_answer(qa):
    a = qa.ask("绍兴的“三场所三企业”具体指哪些?")
    assert not a.refused and a.partial
    assert "未列明" in a.answer and a.citations


def test_named_and_listed_is_a_full_answer(qa):
    a = qa.ask("上海极端天气“六停”指哪六停?")
    assert not a.partial and "停课" in a.answer
    # unquoted, the counted name is still the term that finds its sentence
    a = qa.ask("上海极端天气说的六停，具体停哪几样？")
    assert not a.partial and "停工、停业、停课" in a.answer


def test_a_name_among_sibling_items_is_not_listed_by_them(qa):
    """X市: "①推动13个专委会分别制定…方案。②推动各镇（区）…" — ② is the next task, not a committee."""
    a = qa.ask("X市那13个专委会具体是哪13个？")
    assert not a.refused and a.partial and "未列明" in a.answer
    listed = qa.ask("X市为提升防灾减灾救灾能力，要落实的五项机制是哪些？")  # "健全落实五项机制…。①…②…"
    assert not listed.partial and "应急前置救援" in listed.answer


def test_drafting_reference_question_lists_source_sections(qa):
    a = qa.ask("起草防汛防台一节应参考哪些文件章节?")
    assert not a.refused and len(a.citations) >= 2
    assert len({c["doc"] for c in a.citations}) >= 2
    for c in a.citations:
        assert c["section"] and c["section"] in a.answer


def test_lost_characters_are_marked_in_answer_text(qa):
    a = qa.ask("上海要推动建设适应城市需要的什么场所?")
    assert "□" not in a.answer


REGIONS = ["上海", "绍兴", "南通", "崇明", "X市", "宁波", "杭州"]
TOPICS = ["避灾安置场所", "燃气安全排查整治", "森林火灾受害率", "安全生产责任保险"]


@pytest.mark.parametrize("a_region, b_region", list(itertools.combinations(REGIONS, 2))[::3])
def test_every_line_names_the_document_it_cites(qa, a_region, b_region):
    """A property over generated questions: compare, lead and follow-up answers never put one
    document's sentence under another's label."""
    for topic in TOPICS:
        for q, hist in ((f"{a_region}和{b_region}的{topic}有什么不同?", []),
                        (f"{a_region}的{topic}由谁负责?", []),
                        (f"那{b_region}呢?", [f"{a_region}的{topic}有什么要求?"])):
            ans = qa.ask(q, history=hist)
            assert not misattributed_lines(ans.answer, ans.citations), (q, ans.answer)


def test_the_check_catches_a_misattributed_line():
    cites = [{"n": 1, "title": "绍兴市2022年应急管理工作要点", "region": "绍兴市"}]
    assert misattributed_lines("上海（《绍兴市2022年应急管理工作要点》）：新增150个。[1]", cites)
    assert misattributed_lines("《上海市应急管理局2022年工作要点》：新增150个。[1]", cites)
    assert not misattributed_lines("绍兴（《绍兴市2022年应急管理工作要点》）：新增150个。[1]", cites)


def test_a_document_a_plan_will_make_is_its_task_not_a_missing_source(qa):
    """南通: "会同市民政、财政等部门进一步完善《南通市社会应急力量征用和补偿工作办法》,报请市政府出台" —
    asked with the verb after the name, the 办法 is the plan's task, not a document the library lacks."""
    a = qa.ask("《南通市社会应急力量征用和补偿工作办法》要报请谁出台？")
    assert not a.refused and "市政府" in a.answer
    b = qa.ask("《南通市安全生产条例》第五条怎么规定？")  # a law the library lacks is still missing
    assert b.refused and "南通市安全生产条例" in b.reason


def test_a_period_named_for_a_plan_the_library_lacks_is_a_soft_filter(qa):
    """"十四五" reads as the year 2021, the 崇明 plan's; the 上海 2022 work plan is what says how many
    分项规划 上海's own 十四五 plan has — refused under the period, answered without it."""
    a = qa.ask("上海的应急管理十四五规划一共配了多少个分项规划？")
    assert not a.refused and "4个" in a.answer
    assert a.citations[0]["doc"] == "000_2b9f627f46ec8eee.txt"


def test_a_figure_asked_of_a_thing_named_otherwise_is_held_to_its_figure(qa):
    # no passage writes 小组; X市's plan counts its 13个专委会 — a figure question is answered by a
    # figure that counts what is asked, while a figure the plans never give still finds none
    a = qa.ask("X市安全委员会底下一共分了几个专业小组?")
    assert not a.refused and "13个" in a.answer
    assert qa.ask("南通2020年全市共有多少名专职应急救援队员?").refused
    assert qa.ask("上海2022年给每位应急志愿者发放多少补贴?").refused


@pytest.mark.parametrize("term, text, abbreviated", [
    ("专业委员会", "每月汇总13个专委会履职尽责情况", True),
    ("安全生产委员会", "发挥市安委会办公室统筹协调作用", True),
    ("应急物资储备库", "通过事前、事中、事后、结果运用四个维度", False),
    ("消防站", "建设消站", False),  # three characters: too short to be abbreviated
])
def test_a_counted_name_written_abbreviated(term, text, abbreviated):
    from rag.extractive import _abbreviated_in

    assert _abbreviated_in(term, text) == abbreviated


def test_a_figure_counts_what_its_own_clause_names(qa):
    # "新增150个规范化避灾安置场所,积极创建综合示范社区": 150个 counts 场所, not 社区 — no count is given
    a = qa.ask("绍兴今年要创建多少个综合示范社区?")
    assert a.refused and "150" not in a.answer.split("以下是")[0]
    # "…专业委员会工作的通知》，每月汇总13个专委会…": 专委会 is 专业委员会 abbreviated, in the figure's clause
    b = qa.ask("X市的安委会下面设了几个专业委员会?")
    assert not b.refused and "13个专委会" in b.answer

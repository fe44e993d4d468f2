"""Round 23's rules, on real passages: a 几 phrase that runs on into its verb still names what is counted
("几项制度落没落实" ↔ “三项制度”); "配几样"/"优化几块的…" ask for the things a text lists without counting
them; a spoken pro-noun (东西) is no topic; 几 before a later clause that asks says "several"; a five-year
period no document covers is looked up in the next period's plan, which opens with its review; a compared
region's line goes on with its item's next sentence when that one says the topic too."""
import pytest

from planqa import rules as R
from rag.extractive import numeral_frame
from rag.query import Kind, classify, written


@pytest.mark.parametrize("question, asked, sentence, said", [
    ("绍兴督查行政执法，盯的是几项制度落没落实？", "项制度", "开展行政执法“三项制度”落实情况督查", "三项制度"),
    ("有几个部门参与应急演练", "个部门", "由市应急局等五个部门参与应急演练", "五个部门"),
    ("几位一体？", "位一体", "推进“五位一体”建设", "五位一体"),  # (the stop-bounded frame, unchanged)
])
def test_a_counted_phrase_that_runs_on_into_its_verb(question, asked, sentence, said):
    frame = numeral_frame(question)
    assert frame is not None and frame.asked == asked
    assert frame.search(sentence) == said


def test_no_frame_where_nothing_is_counted():
    assert numeral_frame("几项？") is None  # (几项 alone counts; a figure answers, not a frame)
    assert numeral_frame("X市有哪些措施") is None


@pytest.mark.parametrize("question, listed", [
    ("沪那年给综合执法队伍配东西，点名要配几样？", True), ("要优化几块的考核指标体系？", True),
    ("防汛预警分几种？", True), ("要做好几方面的工作", True),
    ("盯的是几项制度落没落实？", False),  # 制度 is counted: a figure or a frame answers
    ("分哪几类？", False),  # (哪几 asks which: a list already, by the kind patterns)
    ("第几类？", False),
])
def test_how_many_things_with_no_noun_of_their_own_asks_the_list(question, listed):
    assert bool(R.COUNT_OF_THINGS.search(question)) == listed
    if listed:
        assert classify(question) == Kind.LIST


def test_a_spoken_pro_noun_is_no_topic(plans_qa):
    from rag.evidence import query_terms

    qt = query_terms("沪那年给综合执法队伍配东西，点名要配几样？", plans_qa.index.lexical.idf)
    assert "东西" not in qt.terms and "综合执法" in qt.terms


@pytest.mark.parametrize("question, kind", [
    ("绍兴几个部门一块儿上门查企业，那个搞法叫啥？", Kind.FACT),  # 几个部门: some departments
    ("X市有几个专委会？", Kind.NUMBER),  # the only clause asks: a number
    ("崇明那几项主要指标里，硬杠杠的有几项？", Kind.NUMBER),  # the last clause asks the number itself
])
def test_ji_before_a_later_asking_clause_says_several(question, kind):
    assert classify(question) == kind
    if kind != Kind.NUMBER:
        assert "几" not in written(question).split("，")[0]


def test_a_period_no_document_covers_is_read_in_the_next_periods_review(plans_qa):
    from rag.query import parse_query

    metas = plans_qa.index.store.metas()
    pq = parse_query("崇明在“十三五”期间初步搭起了一个什么样的应急管理工作格局？", metas)
    assert pq.filters.year == 2021 and pq.inferred["reviewed_period"] == "十三五"
    a = plans_qa.ask("崇明在“十三五”期间初步搭起了一个什么样的应急管理工作格局？")
    assert not a.refused and "放宽" not in a.answer
    assert "党委领导、政府负责、社会参与" in a.answer.replace(" ", "")
    # a period a held document covers stays as it was: the 十四五 plan is its own period
    pq = parse_query("崇明十四五期间要新建几个消防站？", metas)
    assert pq.filters.year == 2021 and "reviewed_period" not in pq.inferred
    # no next-period plan held for 上海市 (its plan is of 2022, an annual one): no review to read
    pq = parse_query("上海十三五期间取得了哪些成效？", metas)
    assert "reviewed_period" not in pq.inferred


def test_a_counted_rule_answers_from_the_quoted_set_phrase(plans_qa):
    a = plans_qa.ask("绍兴督查行政执法，盯的是几项制度落没落实？")
    assert not a.refused and a.answer.startswith("三项制度")


def test_a_listed_count_is_answered_with_the_list(plans_qa):
    a = plans_qa.ask("沪那年综合考核，要优化几块的考核指标体系？")
    assert not a.refused and "安全生产、灾害防治和消防考核指标体系" in a.answer


def test_a_compared_regions_line_goes_on_with_its_items_next_sentence(plans_qa):
    a = plans_qa.ask("应急通信这块，沪那年和崇明规划各打算建点啥？")
    lines = a.answer.splitlines()
    chongming = next(line for line in lines if line.startswith("崇明"))
    assert "无线通信指挥平台" in chongming.replace(" ", "")
    shanghai = next(line for line in lines if line.startswith("上海"))
    assert "空天地一体化通信体系" in shanghai

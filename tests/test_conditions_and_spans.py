"""What a provision's figure is for, and what kind of figure is asked: a figure for the negated case
("未引起森林火灾的…罚款") does not answer the case asked; "有效期是多长" and "处几日拘留" ask a span of time,
which a provision that gives none cannot answer; "几轮" counts rounds. And the asker's words for what
statutes write otherwise: a bureau (应急管理局) is a department (应急管理部门), 物业公司 a 物业服务单位, 时说
is framing, "具体包括" asks how, not what."""
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FIRE = DATA / "law_张家界市野外用火管理规定(2024-12-26).md"
PENALTIES = DATA / "law_安全生产违法行为行政处罚办法(2025-11-27).md"
LICENCES = "law_安全生产许可证条例(2014-07-29).md"
LIFTS = "law_山东省特种设备安全条例(2015-12-03).md"


@pytest.fixture(scope="module")
def law_qa(tmp_path_factory, embedder):
    from tests.conftest import LIBRARY, library_index
    from rag.qa import QA

    if not all((LIBRARY / f).exists() for f in (LICENCES, LIFTS)):
        pytest.skip("the development library is not beside the project (../shared/library)")
    return QA(library_index(tmp_path_factory, embedder, [FIRE, PENALTIES, LICENCES, LIFTS]), use_llm=False)


def test_a_figure_for_the_negated_case_does_not_answer_the_case_asked(law_qa):
    a = law_qa.ask("张家界野外用火管理规定里，引起了森林火灾的要罚多少钱？")
    assert a.refused, a.answer


def test_a_question_that_negates_the_case_itself_gets_the_figure(law_qa):
    a = law_qa.ask("张家界野外用火管理规定里，没引起森林火灾的单位罚多少钱？")
    assert not a.refused and "一千元以上三千元以下" in a.answer


@pytest.mark.parametrize("question, must", [
    ("安全生产许可证的有效期是多长？", "3年"),
    ("县级应急管理局罚了企业15万元，要在多长时间内报上级备案？", "10日内"),
])
def test_a_span_of_time_asked_is_answered_with_the_span(law_qa, question, must):
    a = law_qa.ask(question)
    assert not a.refused and must in a.answer, a.answer


def test_a_span_of_days_the_provision_never_gives_is_refused(law_qa):
    a = law_qa.ask("按安全生产违法行为行政处罚办法，应急管理部门最多能对当事人处几日行政拘留？")
    assert a.refused, a.answer


def test_a_bureau_is_the_department_statutes_write(law_qa):
    a = law_qa.ask("县级应急管理局作出十五万元罚款以后要报哪一级备案？")
    assert not a.refused and "设区的市级" in a.answer, a.answer


def test_a_property_company_is_the_property_service_unit_statutes_write(law_qa):
    a = law_qa.ask("山东的电梯交给物业公司管的，按省特种设备安全条例谁算电梯运营使用单位？")
    assert not a.refused and "受委托方" in a.answer, a.answer


def test_how_exactly_asked_does_not_outweigh_the_definition(law_qa):
    a = law_qa.ask("张家界说的重点森林防火区具体包括哪些区域？")
    assert not a.refused and "五十米" in a.answer, a.answer


@pytest.mark.parametrize("question, kind", [
    ("社会应急力量骨干培训班要办几期？", "number"), ("重大危险源企业督导核查搞几轮？", "number"),
    ("通行证的有效期是多长？", "number"), ("最多可以处几日行政拘留？", "number"),
    ("那几轮台风人员伤亡咋样？", "fact"), ("博览会是第几届？", "fact"),
])
def test_how_many_rounds_or_sessions_is_a_number_question(question, kind):
    from rag.query import classify

    assert str(classify(question)) == kind


@pytest.mark.parametrize("text, figure", [
    ("组织开展两轮重大危险源企业督导核查", True), ("主汛期9轮强降雨", True),
    ("新一轮机构改革", False), ("在居住建筑物的公共走道为电动三轮车充电", False),
])
def test_rounds_are_a_figure_but_not_a_new_round_or_a_tricycle(text, figure):
    from rag.evidence import has_figure

    assert has_figure(text) is figure


@pytest.mark.parametrize("text, figure", [
    ("应当自作出行政处罚决定之日起10日内报", "10日内"), ("3个工作日内作出决定", "3个工作日内"),
    ("新增150个场所", "150个"),
])
def test_within_is_part_of_a_span(text, figure):
    from planqa.rules import FIGURE

    assert FIGURE.search(text).group(0) == figure


def test_a_verb_of_saying_after_a_postposition_is_framing():
    from rag.evidence import _unglued

    assert _unglued("时说", "n", unseen=False) == ("", "x")
    assert _unglued("文件", "n", unseen=False) == ("文件", "n")


def test_a_bureau_is_said_by_its_field_and_department():
    from rag.evidence import _bureaus_as_departments

    text = "县级人民政府应急管理部门处以10万元以上罚款的，应当报设区的市级人民政府应急管理部门备案"
    assert _bureaus_as_departments({"应急管理局": 5.0}, {}, text) == {"应急管理局": ["应急管理部门"]}
    assert _bureaus_as_departments({"应急管理局": 5.0}, {}, "市应急管理局牵头") == {}


def test_places_sharing_a_counted_title_each_get_it():
    from rag.query import distribute_places

    q = distribute_places("内蒙古和广西两部安全生产条例对离岗时长的规定有什么不同？")
    assert "内蒙古安全生产条例" in q and "广西安全生产条例" in q


def test_a_paragraph_on_the_list_before_it_is_read_with_that_lists_lead_in(law_qa):
    # 第七十五条: "…骗取…取得安全生产许可证…的，依法撤销许可…并按照下列规定处以罚款：（一）…（二）…" and then
    # "有前款规定违法行为的生产经营单位…在 3年内不得再次申请该行政许可": the 前款 is the list, said by its lead-in
    a = law_qa.ask("按安全生产违法行为行政处罚办法，骗取安全生产许可证的企业多少年内不能再申请？")
    assert not a.refused and "3年内" in a.answer, a.answer


@pytest.mark.parametrize("question, kind", [
    ("剧毒化学品购买许可证的审批时限，两部法规有何不同？", "compare"),
    ("审批购买许可证的时限是多久？", "number"), ("办理登记在时限上有什么要求？", "deadline"),
    ("未按批准的空域和作业时限作业的，应如何处理？", "fact"),
])
def test_a_time_limit_asked_is_a_date_or_a_span(question, kind):
    from rag.query import classify

    assert str(classify(question)) == kind


@pytest.mark.parametrize("question, period", [
    ("剧毒化学品道路运输通行证的有效期是多长？", "有效期"), ("档案保存期多久？", "保存期"), ("审批时限是多久？", None),
])
def test_the_span_of_a_named_period_is_asked(question, period):
    from planqa.rules import ASKED_PERIOD

    m = ASKED_PERIOD.search(question)
    assert (m.group(1) if m else None) == period


@pytest.mark.parametrize("question, unit", [
    ("电工作业理论培训不少于多少学时？", "学时"), ("这几年死亡多少人？", "人"),
    ("通行证的有效期是多长？", "时长"),
])
def test_the_unit_asked_is_held_against_the_figure(question, unit):
    from rag.extractive import asked_unit

    assert asked_unit(question) == unit

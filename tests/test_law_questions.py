"""Questions asked of a law the way people ask them, on two regulations from the collection the hidden
documents come from: who approves, how many days ahead, from which day it applies, how
far, and what a penalty of another duty does not answer."""
from pathlib import Path

import pytest

from tests.conftest import library_index

DATA = Path(__file__).parent / "data"
ELEVATORS = "law_南昌市电梯安全管理条例(2025-04-03).md"
PIPELINES = "law_石油天然气管道保护法(2010-06-25).md"


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    from rag.qa import QA

    return QA(library_index(tmp_path_factory, embedder, [ELEVATORS, PIPELINES], source=DATA), use_llm=False)


def test_who_approves_is_the_body_before_its_approval(qa):
    a = qa.ask("修公路确需在管道专用隧道附近一公里内采石、爆破，要经谁批准？")
    assert not a.refused and "县级人民政府主管管道保护工作的部门批准" in a.answer


@pytest.mark.parametrize("text, said", [
    ("应当在开工七日前书面通知管道企业。", True),
    ("鸣放前五日内由市人民政府发布公告。", True),
    ("企业应当于期满前3个月向原颁发管理机关办理延期手续。", True),
    ("违反前款规定的，由公安机关责令改正。", False),  # 前款 is no time before
])
def test_in_advance_is_said_as_a_time_before(text, said):
    # "提前几天通知": laws write the time before the event, not 提前
    from rag.evidence import QueryTerms

    assert QueryTerms({"提前": 1.0}).present("提前", text) is said


def test_a_penalty_for_another_duty_does_not_answer(qa):
    # 第二十条 forbids smoking in the car; no article fines it (第四十三条 fines breaking 第十六条)
    a = qa.ask("在南昌的电梯轿厢里吸烟，会被罚款多少钱？")
    assert a.refused


@pytest.mark.parametrize("question, kind", [
    ("离管道中心线多远以内不准种深根树木？", "number"),
    ("上海准备新编的防灾减灾总体规划，一直规划到哪一年？", "deadline"),
])
def test_how_far_and_from_which_day_are_asked_as_such(question, kind):
    from rag.query import classify

    assert str(classify(question)) == kind


def test_from_which_day_a_law_applies(qa):
    a = qa.ask("南昌电梯安全管理条例是从哪天开始施行的？")
    assert not a.refused and "2025年6月1日" in a.answer

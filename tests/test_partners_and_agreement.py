"""Who a task is done with, where by name, and the asker's own phrasing: "跟哪几个部门做信息衔接" asks for the
bodies the plan names after 与 (not the plan's own bureau); a spoken verb with its complement ("撑起来") that no
document writes is phrasing, not a topic the library lacks; a series closed by its kind ("公安、消防、卫健
等部门") names several bodies; "建在哪个镇" is answered only by a sentence naming a place (新海镇), not the
question's own city; a caller's region filter may list several regions ("上海市、绍兴市")."""
import pytest

from rag.evidence import names_bodies


@pytest.fixture(scope="module")
def qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.mark.parametrize("text, kind, n", [
    ("加强与公安、消防、卫健等部门信息对接", "部门", 3),
    ("各地应急管理部门要加强与公安局、交通局、气象局等相关部门的应急信息资源对接共享", "部门", 3),
    ("县级以上人民政府应急管理、公安、交通运输等部门按照职责分工负责", "部门", 3),  # a law's series
    ("市安委办、灾防办、防汛办以及森防办", "办", 3),
    ("推进各部门数据的互联互通", "部门", 0),
])
def test_a_series_closed_by_its_kind_names_each_body(text, kind, n):
    assert names_bodies(text, kind) == n


def test_partner_question_is_answered_with_the_partner_bodies(qa):
    a = qa.ask("X市应急指挥要靠信息化撑起来，需要跟哪几个部门做信息衔接？")
    assert not a.refused, a.answer
    assert "公安、消防、卫健等部门" in a.answer
    assert "文件发布单位" not in a.answer.split("——")[0]  # the plan's bureau is not who it works with
    assert a.citations[0]["doc"] == "003_ee2fde3bcb9135fe.txt"


def test_a_lead_question_without_a_partner_still_names_the_bureau(qa):
    a = qa.ask("绍兴2022年共享装备库使用管理办法由谁制订？")
    assert not a.refused and "绍兴市应急管理局" in a.answer


def test_two_regions_chosen_by_the_caller_are_compared(qa):
    a = qa.ask("有限空间作业安全这块，上海和绍兴2022年各有什么安排？", region="上海市、绍兴市")
    assert not a.refused, a.answer
    assert {c["region"] for c in a.citations} >= {"上海市", "绍兴市"}


def test_a_listed_region_the_library_lacks_is_named(qa):
    a = qa.ask("有限空间作业安全有什么安排？", region="上海市、宁波市")
    missing = (a.reason or "").split("现有")[0]
    assert a.refused and "宁波" in missing and "上海" not in missing  # the one it lacks, not both


@pytest.mark.parametrize("question, place", [
    ("崇明区“十四五”期间要完成哪个镇的消防体验馆升级改造？", "新海镇"),
    ("绍兴2022年有限空间先行区试点放在哪个区？", "柯桥区"),
])
def test_a_place_asked_by_its_level_is_answered_by_the_sentence_naming_it(qa, question, place):
    a = qa.ask(question)
    assert not a.refused and place in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "X市的化工（危化品）实训基地建在哪个镇（区）？",  # the plan names the base, not where it is
    "上海的应急避难场所建在哪个区？",  # 上海 itself is no district
])
def test_a_sentence_naming_no_such_place_does_not_answer_where(qa, question):
    assert qa.ask(question).refused


@pytest.mark.parametrize("sources, agree", [
    ([{"dense": 0.854, "bm25": 4.9}, {"dense": 0.8542, "bm25": 1.2}], True),  # a dense runner-up this close is a tie
    ([{"dense": 0.854, "bm25": 4.9}, {"dense": 0.870, "bm25": 1.2}], False),  # dense prefers another passage
    ([{"dense": 0.854, "bm25": 4.9}, {"dense": 0.850, "bm25": 5.0}], False),  # BM25 prefers another passage
])
def test_retrievers_agree_on_a_leader_within_a_dense_tie(sources, agree):
    from planqa.records import Passage
    from planqa.rules import DEFAULT_WEIGHTS as W
    from rag.extractive import _retrievers_agree

    passages = [Passage(chunk=None, score=s, sources=src) for s, src in zip((1.0, 0.5), sources)]
    assert _retrievers_agree(passages, W.agreed_margin, W.agreed_dense_tie) == agree


def test_a_charge_or_a_count_of_kinds_asked_needs_that_figure(tmp_path_factory, embedder):
    """"收费标准是多少" is not answered by "每年检测一次", nor "一共有多少种" by a provision's fines."""
    from pathlib import Path

    from rag.qa import QA
    from tests.conftest import library_index

    outside = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen26"
    files = [outside / "law_海北藏族自治州防御雷电灾害条例(2025-06-19).md", outside / "law_职业病防治法(2018-12-29).md"]
    qa = QA(library_index(tmp_path_factory, embedder, files), use_llm=False)
    assert qa.ask("海北州给一栋楼做一次雷电防护装置检测，收费标准是多少？").refused
    assert qa.ask("职业病防治法规定的法定职业病一共有多少种？").refused
    a = qa.ask("海北州的雷电防护装置多久检测一次？")  # the frequency itself is still answered
    assert not a.refused and "每年检测一次" in a.answer, a.answer

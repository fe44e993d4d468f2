"""A question asking a clock time ("每天几点到几点") is answered only by a provision that gives one:
a law's "七时至二十四时" answers; a provision on the same topic with no clock time does not, nor
does a plan, which sets dates but never hours."""
import pytest

from tests.conftest import library_qa

FIREWORKS = "law_北京市烟花爆竹安全管理规定(2017-12-01).md"


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [FIREWORKS])


def test_a_clock_time_asked_is_answered_with_the_hours(qa):
    a = qa.ask("北京五环内过年期间每天几点到几点可以燃放烟花爆竹？")
    assert not a.refused and "七时至二十四时" in a.answer


def test_a_clock_time_the_text_never_gives_is_refused(qa):
    # the regulation says who may sell and where, never at what hours shops open
    a = qa.ask("北京的烟花爆竹零售网点每天几点到几点可以营业？")
    assert a.refused


def test_a_plan_gives_no_hours(seed_index):
    from rag.qa import QA

    a = QA(seed_index, use_llm=False).ask("上海2022年防汛值班每天几点到几点？")
    assert a.refused

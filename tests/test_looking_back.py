"""A year asked of a place whose only document is the next year's: that document answers where it looks
back (its review, or a sentence naming the year), never with its own targets for the year after."""
import pytest

from tests.conftest import library_qa


@pytest.fixture(scope="module")
def seed_qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


def test_the_next_years_target_does_not_answer_for_the_year_before(seed_qa):
    # 绍兴's 2022 plan: 森林火灾受害率控制在0.8‰以内 is its 2022 target; it reviews no 2021 figure
    a = seed_qa.ask("绍兴市2021年森林火灾受害率的控制目标是多少？")
    assert a.refused and "0.8‰" not in a.answer
    assert "2021" in a.answer and "库中没有" in a.answer


def test_a_report_answers_for_the_year_it_reviews(tmp_path_factory, embedder):
    qa = library_qa(tmp_path_factory, embedder, ["report_2026_山东省_政府工作报告.txt"])
    a = qa.ask("山东2025年地区生产总值增长多少？")
    assert not a.refused and "5.5%" in a.answer
    assert "回顾" in a.citations[0]["section"] or "2025" in a.citations[0]["text"]

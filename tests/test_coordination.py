"""Questions that join two things ("A和B分别是多少") or ask two clauses: each thing gets its own figure,
and one figure given for both together is not an answer for each."""
import pytest

from tests.conftest import library_qa

REPORT = "report_2026_福建省_政府工作报告.txt"


@pytest.fixture(scope="module")
def seed_qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.fixture(scope="module")
def report_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [REPORT])


def test_one_figure_for_both_is_not_a_figure_for_each(seed_qa):
    # 南通: "持续推进对市级28个自然灾害类和安全生产类专项预案的修编工作"
    a = seed_qa.ask("南通的市级专项预案里，自然灾害类和安全生产类分别有几个？")
    assert a.refused and "合计" in a.reason and "28个" in a.reason
    whole = seed_qa.ask("南通要修编的市级专项预案一共有多少个？")
    assert not whole.refused and "28个" in whole.answer


def test_each_thing_joined_gets_its_own_target(report_qa):
    a = report_qa.ask("福建2026年GDP增长和城镇新增就业的目标分别是多少？")
    assert not a.refused
    first = a.answer.split("。")[0]
    assert "5%左右" in first and "50万人" in first  # both figures, said first
    assert "60199.45" not in a.answer  # the 2025 statistics are a review, not a target


def test_a_later_clause_asks_its_own_unit(report_qa):
    # "…多少人？粮食产量目标是多少？": the second clause asks no 人; 513万吨 answers it
    a = report_qa.ask("福建今年城镇新增就业目标是多少人？粮食产量目标是多少？")
    assert not a.refused and "50万人" in a.answer and "513万吨" in a.answer


FIREWORKS = ["law_北京市烟花爆竹安全管理规定(2017-12-01).md", "law_上海市烟花爆竹安全管理条例.md"]


@pytest.fixture(scope="module")
def fireworks_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, FIREWORKS)


def test_a_word_said_of_one_compared_part_is_not_the_shared_topic(fireworks_qa):
    # 五环 is 北京's word, 外环 上海's: 上海's line must not be refused for never writing 五环
    a = fireworks_qa.ask("北京和上海对放烟花的规定有啥不一样？北京五环内、上海外环内分别能不能放？")
    assert not a.refused and "五环路以内" in a.answer and "外环线以内" in a.answer
    assert "第三章" not in a.answer  # a chapter title is not part of its first article's sentence


def test_each_thing_joined_in_a_list_question_is_said(seed_qa):
    # 南通: "…“十三五”规划终期评估" and "…“十四五”规划编制工作" are two sentences; both are asked for
    a = seed_qa.ask("南通2020年对有关规划的评估和编制是怎么安排的？")
    assert not a.refused and "终期评估" in a.answer and "十四五" in a.answer


def test_a_joined_thing_said_in_a_light_word_is_still_said(seed_qa):
    # "…收尾以及下一步规划编制": 编制 weighs little beside 十三五, but it is all the second thing says
    a = seed_qa.ask("南通2020年对“十三五”规划的收尾以及下一步规划编制是怎么部署的？")
    assert not a.refused and "终期评估" in a.answer and "规划编制工作" in a.answer


def test_a_clause_naming_各地_compares_nothing(seed_qa):
    # "各地" made the first clause a comparison of one region: its line came twice, labelled two ways
    a = seed_qa.ask("南通要求各地的应急指挥中心什么时候建成？要实现几级联通？")
    assert not a.refused and "3月底前" in a.answer and "四级联通" in a.answer
    assert "南通市（2020）（" not in a.answer
    assert a.answer.count("加快场所设施建设进程") == 1


def test_a_last_clause_with_呢_gets_its_own_figure(seed_qa):
    # "…消火栓要补多少个？取水点呢": each thing its figure, in the question's order, and no padding
    a = seed_qa.ask("崇明十四五期间市政消火栓要新建补建多少个？消防取水点呢？")
    assert not a.refused and a.answer.startswith("600个以上；180个")
    assert "远景目标" not in a.answer


def test_the_five_years_or_the_one_year_asked(report_qa):
    # "较“十三五”时期增长148%" is a figure of five years: it answers "过去五年", not "2025年"
    a = report_qa.ask("福建过去五年高价值发明专利增长了多少？")
    assert not a.refused and a.answer.startswith("148%")
    b = report_qa.ask("福建2025年高价值发明专利增长了多少？")
    assert not b.answer.startswith("148%")


def test_a_plan_named_by_place_year_and_genre_beside_a_plan_named_by_title(seed_qa):
    # "绍兴市2022年工作要点" is 绍兴市2022年应急管理工作要点 (the title has 应急管理): both are compared
    a = seed_qa.ask("上海市应急管理局2022年工作要点和绍兴市2022年工作要点在安责险方面分别提了什么？")
    assert not a.refused
    assert "上海市（《上海市应急管理局2022年工作要点》）" in a.answer
    assert "绍兴市（《绍兴市2022年应急管理工作要点》）" in a.answer and "安责险" in a.answer


def test_named_by_place_and_year_needs_one_held_document():
    from planqa.records import DocMeta
    from rag.query import named_by_place_and_year

    metas = {"a": DocMeta(title="绍兴市2022年应急管理工作要点", doc_type="工作要点", region="绍兴市", year_from=2022),
             "b": DocMeta(title="2020年全市应急管理工作要点", doc_type="工作要点", region="南通市", year_from=2020)}
    assert named_by_place_and_year("绍兴市2022年工作要点里说了什么", metas) == ["a"]
    assert named_by_place_and_year("南通2020年的工作要点", metas) == ["b"]
    assert named_by_place_and_year("绍兴市2021年工作要点", metas) == []  # no such year held
    assert named_by_place_and_year("宁波市2022年工作要点", metas) == []

"""A section named in speech by its topic ("讲队伍能力建设那部分", "第二大块讲隐患清零的") or by number and
quoted title with 一共 is counted; a five-year plan named as a document the library neither holds nor
speaks of is refused, while one a held plan speaks of is answered from it; a compared item's heading
brings its paragraph; a relative year (去年) is a date; a why-question gets the reason before 因此."""
import pytest

from planqa import rules as R


@pytest.mark.parametrize("q, title, must", [
    ("南通2020年要点第二部分“推进应急协同机制健全完善”一共提了几项机制？", "二、推进应急协同机制健全完善",
     ["分4个部分", "二是健全数据信息共享机制", "三是建立现场指挥协调机制"]),
    ("沪局那份要点第二大块讲隐患清零的，底下分了几条？", "二、全力推进动态隐患清零",
     ["分4个部分", "(一)织密筑牢安全责任防线", "(四)持续提升自然灾害风险防御"]),
    ("通那年要点里讲队伍能力建设那部分，一共几项？", "三、推进应急队伍能力建设提升",
     ["分4个部分", "四是急速提升业务支撑能力"]),
    ("绍兴那份要点里讲法治化的那块一共几条？都讲啥？", "(八)强化应急管理法治化水平",
     ["共2条", "20.加强安全生产领域政策法规制度设计", "21.开展安全警示教育"]),
])
def test_a_section_named_by_its_topic_or_quoted_title_is_counted(plans_qa, q, title, must):
    a = plans_qa.ask(q).to_dict()
    assert not a["refused"] and f"“{title}" in a["answer"], a["answer"]
    for m in must:
        assert m in a["answer"], (m, a["answer"])


def test_a_count_before_a_title_still_counts_that_section(plans_qa):
    a = plans_qa.ask("崇明区“十四五”规划提出了几条基本原则？").to_dict()
    assert "共4条" in a["answer"] and "坚持以人为本" in a["answer"], a["answer"]


@pytest.mark.parametrize("said, topic", [
    ("讲队伍能力建设那部分", "队伍能力建设"), ("说法治化的那一块", "法治化"), ("第二大块讲隐患清零的，", "隐患清零"),
])
def test_a_section_is_named_in_speech_by_its_topic(said, topic):
    m = R.SECTION_BY_TOPIC.search(said)
    assert m and (m.group(1) or m.group(2)) == topic


def test_a_five_year_plan_the_library_lacks_is_refused_by_name(plans_qa):
    a = plans_qa.ask("绍兴市应急管理“十四五”规划里，到2025年亿元GDP生产安全事故死亡率目标定的多少？").to_dict()
    assert a["refused"] and "库中没有《绍兴市“十四五”规划》" in a["answer"], a["answer"]
    assert a["nearest"] and all(c["region"] == "绍兴市" for c in a["nearest"])  # its own plan, as reference
    a = plans_qa.ask("崇明区应急管理“十三五”规划当时定的主要指标有哪些？").to_dict()
    assert a["refused"] and "“十三五”规划" in a["reason"], a["answer"]


@pytest.mark.parametrize("q, must", [
    ("上海应急十四五规划底下还挂着几个分项规划？", "4个分项规划"),  # its 2022 要点 speaks of the plan
    ("南通2020年要对哪些“十三五”规划开展终期评估?", "终期评估"),
    ("崇明十三五期间应急管理取得了哪些成效？", "“十三五”期间"),  # the period, not a plan
])
def test_a_plan_a_held_document_speaks_of_is_answered(plans_qa, q, must):
    a = plans_qa.ask(q).to_dict()
    assert not a["refused"] and must in a["answer"], a["answer"]


@pytest.mark.parametrize("q", ["山东十四五规划期间地区生产总值年均增长多少", "十四五规划实施以来有什么成效"])
def test_a_plans_period_is_no_plan_named(q):
    assert not R.PERIOD_PLAN.search(q)


def test_a_compared_items_heading_brings_its_paragraph(plans_qa):
    a = plans_qa.ask("森林防灭火这块，上海和绍兴2022年的要点各有啥安排？").to_dict()
    绍兴 = a["answer"].split("绍兴（")[1]
    assert "6.强化森林防灭火工作" in 绍兴 and "引水上山" in 绍兴, a["answer"]
    assert "森林火灾防控综合治理工程" in a["answer"].split("绍兴（")[0]


def test_the_army_is_written_jundi(plans_qa):
    a = plans_qa.ask("跟部队、武警一块抢险救灾这事，沪和通各是咋说的？").to_dict()
    assert "协同任务清单" in a["answer"] and "驻通部队" in a["answer"], a["answer"]
    assert "文件中未找到相关内容" not in a["answer"]


def test_a_relative_year_is_a_date(plans_qa):
    a = plans_qa.ask("通那年要贯彻执行的那个应急处置指南，是啥时候出台的？").to_dict()
    assert not a["refused"] and "去年出台" in a["answer"], a["answer"]


def test_a_why_question_gets_the_reason_before_its_conclusion(plans_qa):
    a = plans_qa.ask("通那年为啥觉得政府非得跟企业搞应急协同？").to_dict()
    reason, conclusion = a["answer"].find("事故主要发生在企业"), a["answer"].find("因此")
    assert 0 <= reason < conclusion, a["answer"]

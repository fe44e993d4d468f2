"""Counting a document's parts off its section tree ("重点工作共分几个方面、多少条", "一共分了几大块",
"条例一共多少条"), tried on the seed plans, a national regulation and a province's work report; a count the
text does not give (几次) is refused, not answered with another figure; a law named as "新…法" is that law."""
import pytest

from planqa import rules as R
from rag.query import named_instruments

from .conftest import library_qa


@pytest.fixture(scope="module")
def law_report_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        "law_危险化学品安全管理条例(2013-12-07).md", "law_地质灾害防治条例(2003-11-24).md",
        "report_2026_山东省_政府工作报告.txt"])


@pytest.mark.parametrize("question, counted", [
    ("重点工作共分几个方面、多少条？", True), ("那份要点一共分了几大块？", True), ("主要任务，拢共列了多少条？", True),
    ("“强化党建引领提升工作质效”部分包括几个“持之以恒”？", True),
    ("政企应急协同要在几个方面下功夫？", False),  # a topic's aspects, said in a sentence
    ("要建几支救援队伍？", False), ("提出了几条措施？", False),
])
def test_what_asks_a_count_of_parts(question, counted):
    assert bool(R.PARTS_COUNTED.search(question) or R.ITEMS_COUNTED.search(question)) == counted


@pytest.mark.parametrize("question, said", [
    # a section named by its heading's own words: its parts and its numbered items
    ("绍兴市2022年应急管理工作要点的重点工作共分几个方面、多少条？",
     ["“三、重点工作”分9个部分", "(九)加强干部队伍准军事化建设", "共24条", "24.加强党风廉政和作风建设"]),
    ("X市那份计划的主要任务，拢共列了多少条？", ["“三、主要任务”共21条", "1.持之以恒抓好思想政治建设"]),
    # the whole document, named by its genre word
    ("沪局那份要点一共分了几大块？", ["分7个部分", "一、不断健全动态研判机制", "七、始终坚持政治统领"]),
    ("南通2020年要点分几个部分？", ["分5个部分", "五、推进应急处置调查评估"]),
    # a section named by its quoted title; the parts that say the quoted word
    ("X市2022年“强化党建引领提升工作质效”部分包括几个“持之以恒”？分别是什么？",
     ["分4个部分", "2.持之以恒落实全面从严治党", "4.持之以恒加强队伍建设"]),
])
def test_a_plans_parts_counted_off_its_tree(plans_qa, question, said):
    a = plans_qa.ask(question).to_dict()
    assert not a["refused"]
    for s in said:
        assert s in a["answer"], (s, a["answer"])
    assert a["citations"]


def test_a_topics_aspects_are_not_the_documents_parts(plans_qa):
    a = plans_qa.ask("政企应急协同要在几个方面下功夫？").to_dict()
    assert "预案要协同" in a["answer"] and "个部分" not in a["answer"]


def test_a_regulations_chapters_and_articles_and_a_reports_parts(law_report_qa):
    a = law_report_qa.ask("危险化学品安全管理条例分几章？").to_dict()
    assert "分8章" in a["answer"] and "第八章附则" in a["answer"]
    a = law_report_qa.ask("地质灾害防治条例的法律责任一章共有多少条？").to_dict()
    assert "“第六章法律责任”共7条（第四十条……第四十六条）" in a["answer"]
    a = law_report_qa.ask("山东省2026年政府工作报告分几个部分？").to_dict()
    assert "分3个部分" in a["answer"] and "2026年重点工作" in a["answer"]


def test_a_plan_a_law_requires_is_not_the_law_divided(law_report_qa):
    # 预案 is the topic, not the document: the law's chapters do not answer
    a = law_report_qa.ask("地质灾害防治条例规定的地质灾害应急预案包括哪几方面的内容？").to_dict()
    assert "章：" not in a["answer"] and "个部分：" not in a["answer"]


def test_a_count_the_text_does_not_give_is_refused(plans_qa):
    # "中央八项规定" is a name, not how many times: the plan gives no number of meetings
    a = plans_qa.ask("X市2022年要求党员领导干部每年参加所在支部组织生活不少于几次？").to_dict()
    assert a["refused"]
    a = plans_qa.ask("上海市应急管理局2022年工作要点是在第几次局长办公会审议通过的?").to_dict()
    assert not a["refused"] and "第3次" in a["answer"]


def test_the_new_version_word_is_no_part_of_a_laws_name(plans_qa):
    assert "安全生产法" in named_instruments("新安全生产法的宣传这块怎么说")
    assert any(n.startswith("新疆") for n in named_instruments("新疆维吾尔自治区安全生产条例怎么说"))
    # publicising the revised law is a plan's task: answered from the plan, not refused as a missing law
    a = plans_qa.ask("新安全生产法的宣传这块，沪那年是咋说的？").to_dict()
    assert not a["refused"] and "新《安全生产法》" in a["answer"]


def test_a_count_before_a_sections_title_counts_that_section(plans_qa, law_report_qa):
    # unmarked principles, each opened by a run-in head sharing its lead word (坚持…，…。)
    a = plans_qa.ask("崇明区“十四五”规划提出了几条基本原则？").to_dict()
    assert "“二、基本原则”共4条" in a["answer"], a["answer"]
    assert "坚持以人为本,筑牢底线思维" in a["answer"] and "坚持科技赋能,强化协同管理" in a["answer"]
    # marked parts under the title named by its words
    a = plans_qa.ask("X市计划定了几条主要目标？").to_dict()
    assert "共5个部分" in a["answer"] and "（五）应急机制更加健全" in a["answer"]
    # a law's chapter named by its title: its articles are its items
    a = law_report_qa.ask("危险化学品安全管理条例有几条法律责任？").to_dict()
    assert "“第七章法律责任”共22条（第七十五条……第九十六条）" in a["answer"]
    # a count before a topic word (no section of that title) is asked of the sentences
    a = plans_qa.ask("崇明规划要新增几个消防站？").to_dict()
    assert "个部分" not in a["answer"] and "共" not in a["answer"][:20]


def test_run_in_heads_need_a_shared_lead():
    from rag.sections import run_in_heads

    text = "坚持以人为本,筑牢底线思维。正文很长很长。坚持预防为主,强化防救结合。正文。"
    assert run_in_heads(text) == ["坚持以人为本,筑牢底线思维", "坚持预防为主,强化防救结合"]
    assert run_in_heads("加强队伍建设,提升能力水平。正文。完善制度体系,健全工作机制。") == []

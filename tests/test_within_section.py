"""A question that names a section and asks one thing inside it ("第三章列出的九大行业领域是哪些",
"(五)里…的比例是多少") is answered from that section's sentences; a question about the section as a
whole ("(二)里有哪些任务", "第五章保障措施包括哪几个方面") still gets the section's outline."""
import pytest

from tests.conftest import library_qa


@pytest.fixture(scope="module")
def qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.mark.parametrize("question, heading, kind", [
    ("第三章列出的九大行业领域是哪些", "第三章主要任务", "list"),
    ("(五)里对中心乡镇开展执法办案的比例要求是多少", "三、重点工作 > (五)提升监管执法精准化水平", "number"),
    ("(二)里说的燃气整治由谁牵头", "", "lead"),
    ("(二)里有哪些任务", "三、重点工作 > (二)深化企业安全清单化监管", None),
    ("第三章说了什么", "第三章", None),
    ("第五章保障措施包括哪几个方面", "第五章保障措施", None),  # the asked noun is the chapter's own title
    ("第四章列了哪些重点工程项目", "第四章重点工程项目", None),
    ("第十条规定的评审内容包括哪些", "第二章 > 第十条", None),  # a law's article is said whole
    ("第二章第十二条里规定由谁发布", "", None),
    # "第18条" in digits is a plan's item 18.: one thing inside it may be asked
    ("X市计划第18条里，分析预判机制要会同哪些部门？", "", "lead"),
    ("崇明规划第五章保障措施分哪几块", "第五章保障措施", None),  # its parts: the section whole
])
def test_what_a_section_question_asks(question, heading, kind):
    from rag.sections import asks_within

    got = asks_within(question, heading)
    assert (got.value if got else None) == kind


def test_a_thing_inside_a_quoted_section_is_found_by_its_title(qa):
    # 崇明: the (二) section sits in another chapter's pages (out of order); its quoted title finds it
    a = qa.ask("崇明区“十四五”规划第三章“加强重点行业领域系统性安全风险防控”里提到的九大行业领域有哪些？")
    assert not a.refused and "渔业船舶" in a.answer and "危爆物品" in a.answer
    assert "包括：一、" not in a.answer  # not the chapter's outline


def test_a_figure_inside_a_numbered_section(qa):
    a = qa.ask("绍兴2022年要点的(五)里，中心乡镇(街道)和其他乡镇(街道)开展执法办案的比例分别是多少？")
    assert not a.refused and a.answer.startswith("100%；70%")


def test_a_whole_section_still_gets_its_outline(qa):
    a = qa.ask("崇明区应急管理“十四五”规划第五章保障措施包括哪几个方面？")
    # (its parts, listed and counted since round 26: the section's title said before the count)
    assert "共5个部分：" in a.answer and "组织保障" in a.answer and "氛围营造" in a.answer


REPORT = "report_2026_河南省_政府工作报告.txt"


@pytest.fixture(scope="module")
def report_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [REPORT])


def test_a_citys_own_report_is_not_its_provinces(report_qa):
    # the library holds 河南's report, not 郑州's: 郑州's own report is missing, said so
    a = report_qa.ask("郑州市2026年政府工作报告里，经济增长目标是多少？")
    assert a.refused and "郑州市" in a.reason
    b = report_qa.ask("河南2026年政府工作报告提出的经济增长目标是多少？")
    assert not b.refused


def test_a_plans_title_with_a_year_not_held_is_refused(qa):
    # 《…2023年工作要点》: the 《》 does not make 2023 a law's version; the library has only 2022
    a = qa.ask("请问《上海市应急管理局2023年工作要点》提出了哪些主要任务？")
    assert a.refused and "2023" in a.reason


def test_the_document_itself_is_asked_about(qa):
    a = qa.ask("2020年那份全市应急管理要点到底是哪个市的？")
    assert not a.refused and a.answer.startswith("《2020年全市应急管理工作要点》是南通市的文件")
    assert "南通" in a.citations[0]["text"]  # cited where the text says it
    b = qa.ask("在这几份文件中，属于规划的是哪一份？")
    assert not b.refused and "崇明区应急管理“十四五”规划" in b.answer and "2021–2025年" in b.answer


def test_a_thing_inside_a_plans_numbered_item_is_answered_from_it(qa):
    a = qa.ask("X市计划第18条里，分析预判机制要会同哪些部门？")
    assert not a.refused and "会同气象、水务等部门" in a.answer
    b = qa.ask("绍兴要点(二)第4条，推进自动化控制改造的高危工艺有哪些？")
    assert not b.refused and "硝化、氯化、氟化、重氮化、过氧化" in b.answer



@pytest.mark.parametrize("question, title", [
    ("上海要点里“巩固壮大协作发展格局”那一节,对口支援方面要建设什么?", "巩固壮大协作发展格局"),
    ("绍兴要点“监管执法精准化”这一部分提出了什么比例?", "监管执法精准化"),
    ("报告“有力有效防范化解重点领域风险”部分有哪些要求", "有力有效防范化解重点领域风险"),
    ("条例“法律责任”一章怎么罚", "法律责任"),
    ("X市的“1234”专项行动具体指什么?", None),  # a quoted name, not a section
    ("绍兴说的“七张问题清单”是哪七张?", None),
])
def test_a_section_named_by_its_quoted_title(question, title):
    from planqa.rules import TITLED_SECTION

    m = TITLED_SECTION.search(question)
    assert (m.group(1) if m else None) == title


def test_one_thing_inside_a_section_named_by_its_title(qa):
    # the title's words say where: the heading that repeats them is not the answer
    a = qa.ask("上海2022年要点“强化应急管理科研能力建设”那一节，要建设哪个重点实验室?")
    assert not a.refused and "城市安全风险监测预警重点实验室" in a.answer
    assert not a.answer.split("：", 1)[1].startswith("三、")
    b = qa.ask("上海2022年要点“巩固壮大协作发展格局”那一节，长三角要办好什么博览会?")
    assert not b.refused and "第二届长三角国际应急减灾和救援博览会" in b.answer
    assert not b.answer.split("：", 1)[1].startswith("(三)")
    # asked whole, the section is still read out from its heading
    c = qa.ask("上海2022年要点“强化应急管理科研能力建设”那一节讲了什么?")
    assert not c.refused and "(一)强化应急管理科研能力建设" in c.answer


def test_one_thing_inside_a_reports_titled_part(report_qa):
    a = report_qa.ask("河南2026年政府工作报告“全力以赴强治理防风险守底线”那部分，生产安全事故起数下降了多少?")
    assert not a.refused and a.answer.startswith("18%")


@pytest.mark.parametrize("question", ["崇明那个规划第五章都讲了些啥？", "浙江省消防条例第二章讲了啥", "第三章说了什么"])
def test_a_section_asked_whole_in_everyday_words(question):
    from rag.query import classify

    assert classify(question) == "section"

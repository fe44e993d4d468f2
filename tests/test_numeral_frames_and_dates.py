"""A numeral asked inside a set phrase ("几位一体" → 五位一体, "第几个五年规划" → 第一个五年规划), a frequency
written with 双 ("每双月"), the date a document carries on a line of its own, partner places asked by name
("跟哪几个城市合作" is not answered by 周边城市), a list asked by the name of its things ("哪几支队伍"), and a
government work report named by its place and genre without a year — on the plans and on reports."""
import pytest

from planqa import rules as R
from rag.extractive import gives_span, numeral_frame

from .conftest import PLANS, library_qa


@pytest.fixture(scope="module")
def qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.mark.parametrize("question, text, said", [
    ("危化品企业的信息化建设讲的是几位一体？", "持续推进危化品企业“五位一体”信息化建设", "五位一体"),
    ("这份规划是改革后的第几个五年规划？", "规划作为应急体制改革后的第一个五年规划,将按照", "第一个五年规划"),
    ("推进生产、供销、信用几位一体改革？", "推进生产、供销、信用“三位一体”改革", "三位一体改革"),  # a report's
    ("要做实几张清单？", "狠抓“四个一批”项目攻坚，做实“五张清单”", "五张清单"),
    ("江西要强化几大体系？", "宣教培训“五大体系”，落实“三条措施”", "五大体系"),
    ("覆盖危化品和工业几个重点领域?", "在危化品、工业7个重点领域，三级全覆盖", "7个重点领域"),
    ("安委办要推几个责任落地？", "围绕风险防范，推动落实“三个责任”。", "三个责任"),  # the quote closes the phrase
    ("沪2022年要开的市里党代会是第几次？", "做好党的二十大、市第十二次党代表大会、第46届世界技能大赛", "第十二次"),
    # the phrase must end where a word of the text ends, and be written whole
    ("手册是几个部门出的？", "对照危化品使用安全指南和18个部门出台的20个行业领域安全使用手册", ""),
    ("底下还配了几个分规划？", "推动落实应急管理“十四五”规划及其4个分项规划目标", ""),
])
def test_a_numeral_asked_inside_a_set_phrase(question, text, said):
    assert numeral_frame(question).search(text) == said


@pytest.mark.parametrize("question", ["突发事件分为几级？", "罚款几倍？", "要培训几名？", "规定在第几条？"])
def test_a_bare_count_is_no_set_phrase(question):
    assert numeral_frame(question) is None


@pytest.mark.parametrize("text, span", [
    ("每双月通报重点领域部门执法情况", True), ("每双周召开一次例会", True), ("每季度分析一次", True),
    ("双重预防机制", False), ("双月湖公园", False),
])
def test_a_frequency_written_with_shuang(text, span):
    assert gives_span(text) == span


@pytest.mark.parametrize("question, field", [
    ("南通那份要点上标的日期是哪天？", "date"), ("这份规划是哪天印发的？", "date"), ("报告的发布时间是？", "date"),
    ("这个规划是哪个单位发的", "issuer"), ("什么时候完成排查？", ""), ("森林防火期是哪天开始？", ""),
])
def test_a_question_about_the_document_date(question, field):
    from rag.catalogue import asked_fact

    assert asked_fact(question) == field


@pytest.mark.parametrize("text, date", [
    ("2020年全市应急管理工作要点\n\n2020-03-15\n\n2020年全市应急管理工作要点", "2020-03-15"),
    ("来源：大众日报\n时间：2026-02-01\n山东省省长", "2026-02-01"),
    ("某某市应急管理局\n2022年3月1日\n", "2022年3月1日"),
    ("（2002年6月29日第九届全国人民代表大会常务委员会第二十八次会议通过）", None),  # a law's history line
    ("2022年3月1日前完成排查。", None),
])
def test_a_date_on_a_line_of_its_own(text, date):
    m = R.DATE_LINE.search(text)
    assert (m.group(1) if m else None) == date


@pytest.mark.parametrize("question, asks", [
    ("具体点名要跟哪几个城市合作？", True), ("和哪些省份合作", True), ("同哪些地区开展联防联控？", True),
    ("哪个市的计划提到亚运会", False), ("哪些城市的计划提到了燃气", False),
])
def test_partner_places_asked_by_name(question, asks):
    assert bool(R.PLACE_LEVEL_ASKED.search(question)) == asks


def test_set_phrase_numeral_answers_on_the_plans(qa):
    a = qa.ask("X市危化品企业的信息化建设，讲的是几位一体？")
    assert not a.refused and a.answer.startswith("五位一体"), a.answer
    a = qa.ask("崇明这份十四五应急规划，是应急体制改革后的第几个五年规划？")
    assert not a.refused and a.answer.startswith("第一个五年规划"), a.answer


def test_every_second_month_answers_how_often(qa):
    a = qa.ask("绍兴对重点领域部门的执法情况多久通报一回？")
    assert not a.refused and "每双月" in a.answer, a.answer


def test_the_date_a_plan_carries_is_cited_where_it_stands(qa):
    a = qa.ask("2020年全市应急管理工作要点（南通那份）上标的日期是哪天？")
    assert not a.refused and "2020-03-15" in a.answer, a.answer
    c = a.citations[0]
    raw = (PLANS / c["doc"]).read_text(encoding="utf-8")
    assert "2020-03-15" in raw[c["start"]:c["end"]]


def test_a_plan_without_a_date_line_is_not_given_one(qa):
    a = qa.ask("绍兴市2022年应急管理工作要点是哪天印发的？")
    assert "标注的日期" not in a.answer, a.answer


def test_partner_cities_the_plan_does_not_name_are_refused(qa):
    a = qa.ask("南通2020年要加强和周边城市的应急协作，具体点名要跟哪几个城市合作？")
    assert a.refused, a.answer


def test_a_list_asked_by_the_name_of_its_things_is_the_sentence_listing_them(qa):
    a = qa.ask("崇明规划里说要打牢全民应急基础，要加强哪几支队伍的建设？")
    assert not a.refused and all(x in a.answer for x in ("吹哨人", "安全网格员", "科普宣传员")), a.answer


def test_a_report_named_by_place_and_genre(tmp_path_factory, embedder):
    qa = library_qa(tmp_path_factory, embedder, ["report_2026_山东省_政府工作报告.txt",
                                                 "law_山东省突发事件应对条例(2012-05-31).md",
                                                 "report_2026_海南省_政府工作报告.txt"])
    a = qa.ask("山东省政府工作报告是哪天发布的？")
    assert not a.refused and "2026-02-01" in a.answer, a.answer
    assert a.citations[0]["doc"].startswith("report_2026_山东省")
    a = qa.ask("海南要做实几张清单？")
    assert not a.refused and a.answer.startswith("五张清单"), a.answer

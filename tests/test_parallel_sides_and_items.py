"""A compared part answered in the words of another part's answer, an item asked by its heading said
with its paragraph, a plan's parts asked by their headings, an everyday verb glued to its object, and
a post asked after its verb. Real seed plans and an outside contingency plan."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_index

NANJING = Path(__file__).parent.parent / "eval" / "outside" / "unseen34"


@pytest.fixture(scope="module")
def library_plan_qa(tmp_path_factory, embedder):
    from rag.qa import QA

    index = library_index(tmp_path_factory, embedder, ["plan_南京市防汛预案(2020).md"], source=NANJING)
    return QA(index, use_llm=False)


def test_a_compared_part_worded_like_the_others_answer(plans_qa):
    # 绍兴 writes "支部" where the question and X市 write "党支部": X市's answer ("对标标准化规范化，查找
    # 党支部建设差距") finds 绍兴's parallel sentence ("推进支部标准化规范化建设")
    a = plans_qa.ask("党支部建设，X市那年和绍那年各咋要求？")
    shaoxing = next(line for line in a.answer.splitlines() if line.startswith("绍兴"))
    assert "支部标准化规范化建设" in shaoxing, a.answer
    assert "党支部建设差距" in a.answer


def test_an_item_asked_by_its_heading_is_said_with_its_paragraph(plans_qa):
    # "二十大" in its first sentence is no count announcing a list: the item's paragraph goes on
    a = plans_qa.ask("绍兴2022年“深化综合整治”一条包括哪几项工作？")
    assert "大排查大整治" in a.answer and "重大事故隐患动态挂牌督办制度" in a.answer, a.answer


def test_a_plans_parts_asked_by_their_headings(plans_qa):
    a = plans_qa.ask("南通2020年全市应急管理工作要点五个部分的标题是什么？")
    assert not a.refused
    for said in ("确保可靠运行", "确保高效运行", "确保稳定运行", "确保安全运行", "确保规范运行"):
        assert said in a.answer, said


@pytest.mark.parametrize("word, glued", [
    ("发消息", "消息"), ("查隐患", "隐患"), ("搞演练", "演练"),
    ("消息", None), ("发展中", None),
])
def test_an_everyday_verb_glued_to_its_object(word, glued):
    from rag.evidence import _unglued

    # (only a word no passage writes is unglued, and only into a dictionary word: 展中 is none)
    assert _unglued(word, "v", unseen=True)[0] == (glued or word)


@pytest.mark.parametrize("question, post", [
    ("哪几位任副指挥？", "副指挥"), ("由谁来担任组长？", "组长"), ("谁当指挥长", "指挥长"),
    ("指挥部由哪些单位组成？", None),
])
def test_a_post_asked_after_its_verb(question, post):
    m = R.POST_AFTER_ASK.search(question)
    assert (m.group(1) if m else None) == post


def test_an_unseen_verb_object_asks_for_its_object(plans_qa):
    # "发消息" is one jieba word no plan writes: 消息 (信息) is what to look for, 发 the asker's verb
    a = plans_qa.ask("沪局里那年对外发消息、公开信息这块，要落实啥要求？")
    assert not a.refused and "新闻发布和政务公开" in a.answer, a.answer


def test_the_deputies_asked_after_the_chief(library_plan_qa):
    a = library_plan_qa.ask("南京市防汛防旱指挥部的指挥由谁担任？哪几位任副指挥？")
    assert "市长任指挥" in a.answer
    assert "市水务局局长" in a.answer and "市应急管理局局长" in a.answer, a.answer


@pytest.mark.parametrize("question, asked", [
    ("崇明规划里“5分钟救援半径”这个布局目标，写在第三章哪一节下面？", True),
    ("沪局要点把巨灾保险放在哪一部分讲的？", True),
    ("南通20年要点里“一票否决”出现在哪一部分？", True),
    ("绍兴今年要点里“智安园区”是放在哪一大块、哪一条讲的？", True),
    ("安全生产许可证有效期是多少年？", False),
    ("哪些部门负责燃气安全？", False),
])
def test_where_a_thing_is_said_is_asked(question, asked):
    assert bool(R.SECTION_ASKED.search(question)) == asked


def test_where_a_thing_is_said_is_answered_by_its_section_path(plans_qa):
    a = plans_qa.ask("绍兴今年要点里“智安园区”是放在哪一大块、哪一条讲的？")
    first = a.answer.splitlines()[0]
    assert "深化企业安全清单化监管" in first and "加强工矿企业基础安全" in first, a.answer


@pytest.mark.parametrize("question, word", [
    ("沪局2022年要点里，带“试点”字样的工作一共有哪些？", "试点"),
    ("浙江那份（绍兴2022年要点）里，点名搞“试点”的事项有哪几项？", "试点"),
    ("上海市应急管理局2022年工作要点里，要求制订的各类“清单”有哪些？", "清单"),
    ("绍兴的“三场所三企业”具体指哪些?", None),  # (what a named thing is: not every mention)
    ("安全生产法规定的“三同时”有哪些要求", None),
])
def test_every_mention_of_a_quoted_word_is_asked(question, word):
    m = R.MENTIONS_ASKED.search(question)
    assert (m.group(1) or m.group(2) if m else None) == word


def test_every_mention_is_gathered_from_the_whole_document(plans_qa):
    a = plans_qa.ask("浙江那份（绍兴2022年要点）里，点名搞“试点”的事项有哪几项？")
    assert not a.refused
    for said in ("有限空间先行区试点", "巨灾保险省级试点", "电子证照应用试点"):
        assert said in a.answer, said
    assert {c["doc"] for c in a.to_dict()["citations"]} == {"004_5cc29d44ee9a572c.txt"}


@pytest.mark.parametrize("question, asked", [
    ("2020年那份全市应急管理工作要点，正文里引用了哪些上级法规和文件？", True),
    ("通那年要点里准备出台、修订或发布的本市制度文件有哪些？", True),
    ("生产经营单位应当制定哪些安全生产规章制度？", False),  # (rules a company makes: no titles asked)
])
def test_the_documents_a_document_names_are_asked(question, asked):
    assert bool(R.DOCUMENTS_NAMED_ASKED.search(question)) == asked


def test_the_documents_a_plan_names_are_its_titles(plans_qa):
    a = plans_qa.ask("2020年那份全市应急管理工作要点，正文里引用了哪些上级法规和文件？")
    first = a.answer.splitlines()[0]
    for title in ("《生产安全事故应急条例》", "《南通市应急救援队伍管理办法》"):
        assert title in first, a.answer


def test_what_a_plans_opening_says(plans_qa):
    # "算个啥样的年份" is said nowhere: the opening's first sentences answer ("…的关键之年")
    a = plans_qa.ask("沪局那份22年要点开头，说那一年对上海来说算个啥样的年份？")
    assert not a.refused and "关键之年" in a.answer, a.answer
    a = plans_qa.ask("崇明那个应急五年规划，开头说编它主要是图个啥？")
    assert "从源头上防范化解本区重大安全风险" in a.answer, a.answer


@pytest.mark.parametrize("question, places", [
    ("风险分级管控加查隐患那套“双重预防”，这几份里哪些提了？", []),  # (加查县: a word here)
    ("崇明救火用水这块，河里湖里那些天然的水规划里咋说？", ["崇明区"]),  # (湖里区: a word here)
    ("嵊州那年要新增几个避灾安置点", ["嵊州市"]),
    ("浦东2022年要建几个", ["浦东新区"]),
    ("上虞今年要新增多少避灾安置场所", ["上虞区"]),
])
def test_a_countys_short_name_is_a_place_only_where_a_place_stands(question, places):
    from planqa.gazetteer import find_places

    assert [m.place.name for m in find_places(question, abbreviations=True, county_short=True)] == places


XIAOGAN = Path(__file__).parent.parent / "eval" / "outside" / "unseen35"


@pytest.fixture(scope="module")
def bike_qa(tmp_path_factory, embedder):
    from rag.qa import QA

    files = ["law_孝感市电动自行车管理条例(2021-10-20).md", "law_大连市安全生产条例(2026-04-10).md"]
    return QA(library_index(tmp_path_factory, embedder, files, source=XIAOGAN), use_llm=False)


def test_a_vehicles_registration_asked_in_everyday_words(bike_qa):
    a = bike_qa.ask("在孝感买了电动自行车，多少天内得去上牌？")
    assert not a.refused and "三十日内" in a.answer, a.answer
    a = bike_qa.ask("孝感骑电动车有年龄要求吗？")
    assert "十六周岁" in a.answer, a.answer


def test_a_colon_announces_the_unmarked_paragraph_after_it(bike_qa):
    a = bike_qa.ask("大连安全生产条例里说的“高危行业、领域”都包括哪些？")
    assert not a.partial and "金属冶炼" in a.answer and "渔业生产" in a.answer, a.answer


@pytest.mark.parametrize("question, across", [
    ("地震方面的内容，这五份材料里哪几份有提到？分别怎么说的？", True),
    ("2022年的几份计划里，哪些明确提出要建立或形成“长效机制”？各针对什么？", True),
    ("“智慧大脑”这说法，这几份里谁用了？各指啥？", True),
    ("参加救援那几天工资照发吗", False),
    ("这几份文件中哪一份是规划", False),  # (which document is which: the catalogue's)
])
def test_the_documents_looked_among(question, across):
    assert bool(R.ACROSS_DOCUMENTS.search(question)) == across


def test_each_document_looked_among_says_whether_it_names_the_topic(plans_qa):
    a = plans_qa.ask("“智慧大脑”这说法，这几份里谁用了？各指啥？")
    lines = a.answer.splitlines()
    assert len(lines) == 5, a.answer  # (one line for each of the five plans)
    chongming = next(line for line in lines if line.startswith("上海市崇明区"))
    assert "智慧大脑" in chongming
    assert all("未找到" in line for line in lines if line.startswith(("南通", "绍兴", "X市")))


def test_the_occasion_a_thing_is_done_with(plans_qa):
    a = plans_qa.ask("X市治培训走过场那个专项执法，是赶着啥时候一起搞的？")
    assert not a.refused and "结合复工复产" in a.answer, a.answer


def test_an_anonymised_place_is_not_named(plans_qa):
    a = plans_qa.ask("那个X市到底是哪个城市啊？文件里写了没？")
    assert a.refused and "匿名" in a.reason, a.answer
    assert not plans_qa.ask("X市2022年计划里安全发展示范城市创建要做什么？").refused


def test_who_issued_a_document_a_plan_only_cites(plans_qa):
    a = plans_qa.ask("绍兴要点里要求贯彻的《全面加强新形势下森林防灭火工作的实施意见》，是哪个部门、哪一年印发的？")
    assert a.partial and not a.refused, a.answer
    assert "未写明其印发部门和时间" in a.answer


def test_a_county_name_inside_ordinary_words_refuses_nothing(plans_qa):
    # "加查隐患" is no 加查县: not in the unknown-place check, nor in the other-region one after answering
    a = plans_qa.ask("风险分级管控加查隐患那套“双重预防”，这几份里哪些提了？")
    assert not a.refused and "双重预防" in a.answer, a.answer
    assert plans_qa.ask("嵊州那年要新增几个避灾安置点？").refused  # (a county asked by its short name still is one)

"""Questions that look among the held documents ("这几份里哪些…", "除了沪还有谁"), things listed by a figure
or date they are set at, an item's heading preferred as where a compared document treats its topic,
a single BM25 hit weighed against the query, and spoken frame words. Real seed plans."""
import pytest

from planqa import rules as R


@pytest.mark.parametrize("question, free", [
    ("这几份里哪些扯上了长三角？南通和绍兴那两份有没有？", True),
    ("空中救援那一套，这几份里除了沪还有谁提了？", True),
    ("上海这两份里，哪份提到了长三角？", False),  # the place before the phrase chooses the documents
    ("上海有没有提长三角？", False),  # no looking among documents at all
])
def test_places_named_after_the_documents_looked_among(question, free):
    from rag.query import _places_within_across

    assert _places_within_across(question) is free


def test_a_place_asked_about_among_all_documents_is_no_filter(plans_qa):
    # 南通 and 绍兴 have no 长三角: the question still looks among all five, and the three that say it answer
    a = plans_qa.ask("这几份里哪些扯上了长三角？南通和绍兴那两份有没有？")
    assert not a.refused, a.answer
    lines = a.answer.splitlines()
    assert any(line.startswith("X市") and "长三角" in line for line in lines), a.answer
    assert any(line.startswith("南通") and "未找到" in line for line in lines), a.answer
    # "除了沪": the excluded place is not the only one looked at; 航空救援 is how the plans write 空中救援
    a = plans_qa.ask("空中救援、直升机那一套，这几份里除了沪还有谁提了？")
    assert "航空救援" in a.answer and a.answer.count("未找到") == 4, a.answer


def test_the_library_asked_what_its_documents_say_is_no_catalogue(plans_qa):
    a = plans_qa.ask("特种设备安全这块，库里这几份应急管理计划、规划哪几份有涉及？")
    assert not a.refused, a.answer
    assert "增设市安委会特种设备" in a.answer and "联席会议制度" in a.answer, a.answer
    # "库里有哪几部…" still asks the catalogue
    assert R.CATALOGUE_QUESTION.search("库里有哪几部规划？") and not R.ACROSS_DOCUMENTS.search("库里有哪几部规划？")


@pytest.mark.parametrize("question, figure", [
    ("几份材料里有哪些指标是卡在90%这条线上的？", "90%"),
    ("绍兴有哪些任务要在6月底前完成？", "6月底"),
    ("100%的指标有哪些？", "100%"),
    ("绍兴的网上办案率要求是多少？", None),  # a figure asked, not things listed by one
    ("哪些指标提高了0.5%？", "0.5%"),
    ("X市那份计划里，哪些活儿是每个月都得干的？", "每个月"),
    ("条例里哪些事要每年做？", "每年"),
    ("每年的目标是多少？", None),
])
def test_things_listed_by_the_figure_they_are_set_at(question, figure):
    m = R.FIGURE_LISTED_ASKED.search(question)
    assert (next((g for g in m.groups() if g), None) if m else None) == figure


def test_every_sentence_writing_the_figure_is_gathered(plans_qa):
    a = plans_qa.ask("几份材料里有哪些指标是卡在90%这条线上的？")
    assert not a.refused
    assert "网上办案率不低于90%" in a.answer and "持有率达90%以上" in a.answer, a.answer
    # (190% or 90.5% is another figure; every citation's passage writes the figure asked)
    assert all("90%" in c["text"] for c in a.citations)
    # a frequency in everyday words ("每个月") is written 每月
    a = plans_qa.ask("X市那份计划里，哪些活儿是每个月都得干的？")
    for said in ("每月汇总13个专委会", "每月跟踪调度", "企业每月自查"):
        assert said in a.answer, a.answer
    a = plans_qa.ask("绍兴有哪些任务要在6月底前完成？")
    assert "6月底前全面消除较高风险园区" in a.answer, a.answer
    assert all(c["doc"].startswith("004_") for c in a.citations)


def test_a_compared_documents_heading_that_says_the_topic(plans_qa):
    # 南通 treats 应急指挥 under "一是建立完善应急指挥制度。": that item answers, not a passing mention of
    # 指挥信息系统 in another item; "侧重点" frames the comparison and is no topic (上海: 形成编组方案)
    a = plans_qa.ask("同样是抓应急指挥，上海局22年的要点和南通20年的要点侧重点有啥不一样？")
    nantong = a.answer[a.answer.index("\n南通"):]
    assert "一是建立完善应急指挥制度" in nantong and "四级联通" in nantong, a.answer
    assert "编组方案" in a.answer, a.answer


def test_a_heading_is_preferred_only_among_equally_good_sentences():
    from rag.evidence import QueryTerms, Sentence
    from rag.extractive import _heading_saying

    qt = QueryTerms({"应急": 0.001, "指挥": 1.8})
    best = Sentence(0, 0, 10, "积极推进市应急管理指挥信息系统二期项目建设。", 0.9, 1.0)
    head = Sentence(1, 0, 10, "一、推进应急管理制度建立完善\n\n一是建立完善应急指挥制度。", 0.8, 1.0)
    weaker = Sentence(1, 0, 10, "一是建立完善应急指挥制度。", 0.8, 0.7)
    elsewhere = Sentence(1, 0, 10, "二、推进应急指挥体系建设\n\n一是完善应急制度。", 0.8, 1.0)
    assert _heading_saying([best, head], 0.4, qt) is head
    assert _heading_saying([best, weaker], 0.4, qt) is None
    assert _heading_saying([best, elsewhere], 0.4, qt) is None  # (its parent heading says it, not its own line)
    assert _heading_saying([best, head], 1.1, qt) is None  # (no part says the topic: nothing to prefer)
    # words as common as 应急 alone say no topic
    assert _heading_saying([best, head], 0.4, QueryTerms({"应急": 0.001})) is None


def test_a_lone_bm25_hit_is_weighed_against_the_query(plans_qa):
    from rag.retriever import Filters, convex

    # within X市's plan only one passage writes 长三角, and the places in the question are not in it:
    # min-max gives a lone hit nothing to scale by; measured against the query it leads
    got = plans_qa.retriever.retrieve("哪些扯上了长三角？南通和绍兴 有没有", k=3,
                                      filters=Filters(docs=("003_ee2fde3bcb9135fe.txt",)))
    assert "长三角" in got[0].chunk.text
    ranked = {"dense": [("a", 0.84), ("b", 0.83)], "bm25": [("b", 4.9)]}
    assert convex(ranked, {"dense": 0.5, "bm25": 1.0})[0][0] == "a"  # (without a yardstick: counts 0)
    assert convex(ranked, {"dense": 0.5, "bm25": 1.0}, lone={"bm25": 0.8})[0][0] == "b"


def test_a_document_the_plan_will_compile_named_with_a_classifier(plans_qa):
    assert R.DOC_AS_TASK.search("绍兴编那本《")
    assert R.DOC_AS_TASK.search("编印《")
    assert not R.DOC_AS_TASK.search("那本《")
    a = plans_qa.ask("绍兴编那本《以案释法》小册子，是冲着督促谁去的？")
    assert not a.refused and "督促企业加强警示教育" in a.answer, a.answer


@pytest.mark.parametrize("word", ["侧重点", "差别", "到底", "说到底", "究竟"])
def test_spoken_frame_words_are_no_topic(word):
    assert word in R.QUESTION_WORDS

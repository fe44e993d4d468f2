"""A law article that announces its measures with a colon and lists them as unmarked paragraphs
("第十八条 暴雨红色预警响应措施：" then "托儿所、幼儿园、中小学校应当停课。"): each paragraph is read with
the article's lead-in, also when the article runs over two chunks; a paragraph after a marked list
("(一)…(五)") is the article's next 款 and is not."""
from pathlib import Path

import pytest

from tests.conftest import library_index

DATA = Path(__file__).parent / "data"
LAW = "law_河源市暴雨灾害预警与响应条例(2022-09-29).md"


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    from rag.qa import QA

    return QA(library_index(tmp_path_factory, embedder, [LAW], source=DATA), use_llm=False)


def test_an_unmarked_measure_is_read_with_its_articles_lead_in(qa):
    a = qa.ask("河源发布暴雨红色预警后，托儿所和幼儿园还开不开？")
    assert not a.refused and "应当停课" in a.answer
    assert a.citations[0]["article"] == "第十八条"  # red, not 第十七条's orange "延迟上学"


def test_the_orange_measures_are_the_orange_articles(qa):
    a = qa.ask("河源暴雨橙色预警时中小学生怎么上学？")
    assert not a.refused and "延迟上学" in a.answer and a.citations[0]["article"] == "第十七条"


def test_a_paragraph_after_a_marked_list_is_not_an_item():
    from rag.evidence import MARKED_ITEM_LINE, lead_in

    text = ("第十二条 地质灾害防治规划包括以下内容：\n\n(一)地质灾害现状；\n\n(五)防治措施等。\n\n"
            "县级以上人民政府应当将城镇作为重点。")
    at = text.index("县级以上")
    head = lead_in(text, at)
    assert head.startswith("第十二条") and MARKED_ITEM_LINE.search(text[len(head):at])


def test_the_lead_in_counts_in_an_unmarked_measures_coverage(qa):
    from planqa.records import Passage
    from rag.evidence import QueryTerms, score_sentences

    store = qa.index.store
    chunks = [c for c in store.iter_chunks(LAW) if c.article == "第十八条"]
    assert len(chunks) >= 2  # the article runs over two chunks: the measure is not beside its lead-in
    qt = QueryTerms({"暴雨": 1.0, "红色": 1.0, "预警": 1.0, "中小学": 1.0, "停课": 1.0})
    sentences = score_sentences([Passage(c, 1.0) for c in chunks], qt, "fact")
    measure = next(s for s in sentences if s.text.startswith("托儿所、幼儿园、中小学校应当停课"))
    assert measure.coverage >= 0.75  # 中小学, 停课 its own; 暴雨红色预警 from "第十八条 暴雨红色预警响应措施："

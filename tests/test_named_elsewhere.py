"""A document named with a place the library holds it for elsewhere: "广东省的安全生产条例" when only
河南's and 北京's are held, "深圳市的民防条例" when only 上海's is. That place's own document is asked
for, and it is missing; another place's must not answer in its stead."""
import pytest

from tests.conftest import library_qa


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        "law_河南省安全生产条例(2010-07-30).md", "law_北京市安全生产条例(2022-05-25).md",
        "law_上海市民防条例(2018-12-20).md", "law_上海市水上搜寻救助条例(2021-09-28).md"])


@pytest.mark.parametrize("q, missing", [
    ("广东省的安全生产条例对生产经营单位主要负责人有什么要求？", "广东省安全生产条例"),  # a name several places' share
    ("深圳市的民防条例对民防工程的维护管理有什么规定？", "深圳市民防条例"),  # one held place's name, another place
    ("深圳的水上搜救条例对遇险报告有什么规定？", "深圳水上搜救条例"),  # a shortened name, another place
])
def test_a_place_that_lacks_the_named_document_is_refused_by_name(qa, q, missing):
    a = qa.ask(q)
    assert a.refused and missing in a.answer
    assert not a.citations


@pytest.mark.parametrize("q, doc", [
    ("河南省的安全生产条例对生产经营单位主要负责人有什么要求？", "law_河南省安全生产条例"),
    ("上海的民防条例对民防工程的维护管理有什么规定？", "law_上海市民防条例"),
])
def test_the_place_that_holds_it_is_answered(qa, q, doc):
    a = qa.ask(q)
    assert not a.refused and a.citations[0]["doc"].startswith(doc)


@pytest.mark.parametrize("q, names", [
    ("按放污法，高水平放射性固体废物应该怎么处置？", ["放污法"]),
    ("根据防洪法，谁负责河道清障？", ["防洪法"]),
    ("依照安全生产法第二十一条", ["安全生产法"]),
    ("依法行政是什么意思", []),
])
def test_a_preposition_of_reliance_is_no_part_of_a_laws_name(q, names):
    from rag.query import named_instruments

    assert named_instruments(q) == names


@pytest.fixture(scope="module")
def shantou_qa(tmp_path_factory, embedder):
    # 广东省 held (its forest-fire regulation), so 佛山 passes the place filter as a topic of 广东
    return library_qa(tmp_path_factory, embedder, ["law_汕头经济特区消防条例(2022-12-30).md",
                                                   "law_广东省森林防火条例(2021-09-29).md"])


def test_a_city_with_no_document_is_not_answered_by_a_sibling_citys_regulation(shantou_qa):
    # 佛山 is in 广东 like 汕头: passing the place filter as a topic of 广东, it must not get 汕头's rule
    a = shantou_qa.ask("佛山市对消防控制室值班人员有什么要求？")
    assert a.refused and "佛山市" in a.answer and not a.citations
    assert a.nearest and a.nearest[0]["doc"].startswith("law_汕头经济特区消防条例")
    a = shantou_qa.ask("汕头市对消防控制室值班人员有什么要求？")
    assert not a.refused


def test_a_place_the_cited_text_names_is_its_topic(seed_index):
    from rag.qa import QA

    a = QA(seed_index).ask("2022年的几个计划里，哪家提到了杭州亚运会？")
    assert not a.refused and "杭州亚运会" in a.answer


def test_a_figure_the_question_says_is_not_the_figure_asked_for():
    from rag.evidence import QueryTerms
    from rag.extractive import key_figure

    qt = QueryTerms({"120": 3.0, "调度": 2.0, "出车": 2.0})
    sentence = "“120”急救网络医院接到调度指令后，应当在3分钟内派出救护车出车"
    assert key_figure(sentence, "number", qt) == "3分钟内"  # (内: within — part of the figure)

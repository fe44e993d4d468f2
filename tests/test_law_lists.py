"""A provision's list asked for: the sentence that best says the topic may be followed, in the same
article, by the lead-in that announces the list ("…应当建立安全技术档案。安全技术档案应当包括以下内容："):
the answer is both, with every item."""
import pytest

from tests.conftest import library_qa

LAW = "law_特种设备安全法(2013-06-29).md"


@pytest.fixture(scope="module")
def qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [LAW])


def test_the_list_announced_after_the_best_sentence(qa):
    a = qa.ask("特种设备使用单位要建立安全技术档案，档案包括哪些内容？")
    assert not a.refused and "第三十五条" in a.answer
    assert "设计文件" in a.answer and "定期检验和定期自行检查记录" in a.answer


@pytest.fixture(scope="module")
def mine_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, ["law_北京市实施《矿山安全法》办法(2021-09-24).md"])


def test_who_is_answered_with_the_duties_the_provision_lists(mine_qa):
    # "第六条 乡、镇人民政府负责…的监督管理，履行下列职责：（一）…（四）…": the body, and what it is to do
    a = mine_qa.ask("乡镇矿山企业安全工作的监督管理由谁负责？")
    assert not a.refused and "乡、镇人民政府" in a.answer
    assert "安全教育和培训" in a.answer and "事故隐患的防范措施" in a.answer


ARTICLE_34 = ("第三十四条 高层民用建筑应当进行每日防火巡查，并填写巡查记录。其中，高层公共建筑内公众聚集场所在营业期间"
              "应当至少每2小时进行一次防火巡查。\n\n防火巡查应当包括下列内容：\n\n（一）用火、用电、用气有无违章情况；")


@pytest.mark.parametrize("text, announced", [
    (ARTICLE_34, True),
    # the lead-in of the next article announces that article's list, not this one's
    (ARTICLE_34.replace("防火巡查应当包括下列内容", "第三十五条 防火检查应当包括下列内容"), False),
])
def test_the_lead_in_a_sentence_or_two_later_in_the_same_article(text, announced):
    from planqa.records import Chunk, DocMeta, Passage
    from planqa.rules import DEFAULT_WEIGHTS, Kind
    from rag.evidence import query_terms, score_sentences
    from rag.extractive import Evidence, _announced_next

    meta = DocMeta(title="高层民用建筑消防安全管理规定", doc_type="规章")
    p = Passage(Chunk(id="d#0", doc="d", text=text, start=0, end=len(text), section="", meta=meta), 1.0)
    qt = query_terms("高层民用建筑每天的防火巡查要查看哪些内容？", lambda w: 3.0)
    sentences = score_sentences([p], qt, Kind.LIST)
    ev = Evidence("q", Kind.LIST, [p], qt, sentences, 0.5, DEFAULT_WEIGHTS)
    first = next(s for s in sentences if s.text.startswith("第三十四条"))
    got = _announced_next(first, ev)
    assert got.text.startswith("第三十四条")
    assert got.text.endswith("包括下列内容：") == announced


def test_how_often_is_answered_by_the_provisions_frequency():
    # "多久清理一次": the article's "定期清理" sentence says most of the question, the next one the frequency
    from planqa.records import Chunk, DocMeta, Passage
    from rag.evidence import query_terms
    from rag.extractive import answer_extractive

    text = ("第十八条 粉尘涉爆企业应当制定并严格落实粉尘爆炸危险场所的粉尘清理制度，明确清理范围、清理周期、清理方式和"
            "责任人员。相关责任人员应当定期清理粉尘并如实记录，确保可能积尘的粉尘作业区域和设备设施全面及时规范清理。"
            "粉尘作业区域应当保证每班清理。")
    meta = DocMeta(title="工贸企业粉尘防爆安全规定", doc_type="规章")
    p = Passage(Chunk(id="d#0", doc="d", text=text, start=0, end=len(text), section="", meta=meta), 1.0)
    q = "粉尘作业区域的积尘多久要清理一次？"
    d = answer_extractive(q, "number", [p], query_terms(q, lambda w: 9.0 if w == "\x00" else 3.0))
    assert not d.refused and "每班清理" in "\n".join(d.lines)

"""The asker's word the documents never write: said by its thesaurus synonym (消防栓 → 消火栓), in part by a
word sharing a morpheme in the same place (演习 ~ 演练); never by a synonym of another sense or of a
modifier whose head the documents lack (电动 of 电动自行车)."""
import pytest

from planqa.thesaurus import senses, synonyms
from rag.evidence import morpheme_share


def test_the_thesaurus_is_read_by_sense():
    assert senses("消防栓") == (("消火栓", "消防栓"),)
    assert "驾驶员" in synonyms("司机")
    assert len(senses("规矩")) > 1  # many senses: none of them is taken for a question's word
    assert senses("并不存在的词") == ()


@pytest.mark.parametrize("term, text, share", [
    ("演习", "统筹指导开展市级演练", 0.5),  # 演 shared in the same place, 演练 a word
    ("消防栓", "新建、补建市政消火栓600个以上", 2 / 3),
    ("新装", "新建、补建市政消火栓", 0.5),
    ("补装", "补建市政消火栓", 0.0),  # 补建 is no dictionary word: a window of text is not a word
    ("厂子", "搞成个样子", 0.0),  # a nominal suffix shares no meaning
    ("一般", "违反本条第一款规定", 0.0),  # nor a numeral
    ("演习", "习近平总书记", 0.0),  # not in the same place
    ("消防栓", "消防救援站", 0.0),  # one character of three is too little
    ("演习", "演习", 0.0),  # the word itself is matched elsewhere, not as a share
])
def test_a_shared_morpheme_says_part_of_a_word(term, text, share):
    assert morpheme_share(term, text) == pytest.approx(share)


@pytest.fixture(scope="module")
def seed_qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


def test_a_word_the_plans_write_otherwise_is_answered(seed_qa):
    # 崇明's plan writes 新建、补建市政消火栓600个以上: 消防栓 is a synonym it never uses
    a = seed_qa.ask("崇明岛那几年要在马路边新装、补装多少个消防栓啊？")
    assert not a.refused and a.answer.startswith("600个")
    assert "消火栓" in a.citations[0]["text"]


def test_a_modifier_of_a_thing_the_plans_lack_is_not_said_by_its_synonym(seed_qa):
    # 电动 ~ 活动 in the thesaurus; 绍兴's plan has no 电动自行车 and its 重大活动 does not answer
    a = seed_qa.ask("绍兴市2022年应急管理工作要点对电动自行车集中充电场所的火灾隐患整治作了哪些具体部署？")
    assert a.refused


def test_only_nouns_of_one_sense_take_synonyms():
    from rag.evidence import query_terms

    written = {"消火栓", "达到", "规划", "崇明", "检查"}  # what the documents write; every other word is unseen

    def idf(word: str) -> float:
        return 2.0 if word in written else 6.0

    qt = query_terms("崇明这个规划落得咋样，要补多少个消防栓？", idf)
    assert qt.alternatives.get("消防栓") == ["消火栓"]
    assert "落得" not in qt.alternatives  # a verb: 落得 ~ 达到 is another sense


@pytest.mark.parametrize("word, thing", [
    ("仓库", True), ("核电站", True), ("规矩", True),  # some sense names a thing (A–D)
    ("专门", False), ("重新", False), ("到底", False),  # manner, degree: jieba tags 专门 a noun
    ("并不存在的词", None),
])
def test_the_thesaurus_says_whether_a_word_names_a_thing(word, thing):
    from planqa.thesaurus import names_a_thing

    assert names_a_thing(word) is thing


def test_an_unwritten_adverb_jieba_calls_a_noun_is_phrasing_not_topic():
    from rag.evidence import query_terms

    written = {"市级", "灾害", "事故", "预案"}

    def idf(word: str) -> float:
        return 2.0 if word in written else 6.0

    qt = query_terms("市里专门应对灾害和事故的预案有多少个?", idf)
    assert qt.terms["专门"] < qt.terms["预案"]  # 专门 says how, the documents never write it
    assert query_terms("要建几座仓库?", idf).terms["仓库"] == 6.0  # an unwritten thing keeps its weight


@pytest.mark.parametrize("question, dropped, kept", [
    ("崇明这五年打算新建多少个消火栓?", "五年", "消火栓"),
    ("崇明未来几年要重点整治哪些行业?", "几年", "行业"),
    ("上海那份五年规划底下有几个分项规划?", "五年", "分项"),
    ("吊销许可证后五年内不得担任什么职务?", None, "五年"),  # a law's own term of years stays
])
def test_the_plans_period_is_the_questions_frame(question, dropped, kept):
    from rag.evidence import query_terms

    qt = query_terms(question, lambda w: 3.0)
    assert kept in qt.terms
    if dropped:
        assert dropped not in qt.terms

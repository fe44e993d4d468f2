"""Everyday wording the documents write otherwise: a city shortened to its first character beside another
place ("沪和绍"), a list asked by 几 or by a lay name ("哪几条基本规矩" for 四个基本原则), two words the text
writes contracted ("专门委员会" → 专委会), the bodies one works with ("跟哪几个部门一起"), a word a
localiser makes a noun ("高速上"), and a figure the question states itself, which is no answer."""
import pytest


@pytest.fixture(scope="module")
def seed_qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


def test_a_city_said_by_its_first_character_beside_another_place_is_compared(seed_qa):
    a = seed_qa.ask("巨灾保险这块，沪和绍2022年各打算咋推进？")
    assert not a.refused and "实施路径" in a.answer and "省级试点" in a.answer
    assert {c["region"] for c in a.citations} >= {"上海市", "绍兴市"}


@pytest.mark.parametrize("question", [
    "南通处置突发事故要守住哪几条基本原则？",
    "通那年处置突发事件要守的四条基本规矩是啥?",
    "南通那边出了事咋处理，讲究哪几条基本规矩啊？",
])
def test_a_list_asked_by_a_lay_name_or_by_how_many_is_the_announced_one(seed_qa, question):
    a = seed_qa.ask(question)
    assert not a.refused and "快速隔离" in a.answer and "平稳善后" in a.answer


def test_two_words_the_plan_writes_contracted_are_said_by_the_contraction(seed_qa):
    a = seed_qa.ask("X市安委会底下一共有几个专门委员会？")
    assert not a.refused and "13个" in a.answer


@pytest.mark.parametrize("question, must", [
    ("南通临时调用民间救援队要给补贴，这个办法应急局是跟哪几个部门一起弄的？", ["民政", "财政"]),
    ("绍兴说安全生产方面打公益官司,要跟哪个单位搭伙?", ["人民检察院"]),
])
def test_the_bodies_one_works_with_are_asked_as_who(seed_qa, question, must):
    a = seed_qa.ask(question)
    assert not a.refused and all(m in a.answer for m in must)


@pytest.mark.parametrize("question, kind", [
    ("这个办法应急局是跟哪几个部门一起弄的？", "lead"), ("应急局打算拉上谁一起琢磨这事?", "lead"),
    ("有哪几项任务？", "list"),
])
def test_who_one_works_with_is_a_lead_question(question, kind):
    from rag.query import classify

    assert str(classify(question)) == kind


def test_a_word_before_a_localiser_is_a_noun():
    from rag.evidence import _localised_nouns

    words = [("高速", "d"), ("上", "f"), ("遇到", "v"), ("尽快", "d"), ("处理", "v")]
    assert _localised_nouns(words) == [("高速", "n"), ("上", "f"), ("遇到", "v"), ("尽快", "d"), ("处理", "v")]


def test_two_words_written_contracted():
    from rag.evidence import query_terms

    texts = "每月汇总13个专委会履职尽责情况。"
    qt = query_terms("安委会底下有几个专门的分委员会", lambda w: 2.0, texts=texts)
    assert "专委会" in qt.alternatives.get("委员会", [])
    # words the text writes in full, or no contraction of them, get none
    assert "专委会" not in query_terms("专门委员会", lambda w: 2.0, texts="专门委员会").alternatives.get("委员会", [])
    assert not query_terms("安全检查", lambda w: 2.0, texts="安检员").alternatives.get("检查")
    # characters that fall in order across words are no contraction ("引发水上险情": 发水上 of 发现水上)
    assert not query_terms("发现水上险情", lambda w: 2.0, texts="对可能引发水上险情的").alternatives.get("水上")


def test_a_figure_the_question_states_is_not_the_answer():
    from rag.evidence import QueryTerms
    from rag.extractive import key_figure

    sentence = "能见度小于50米时，开启雾灯，车速不得超过每小时20公里，并从最近的出口尽快驶离高速公路。"
    qt = QueryTerms({"能见度": 2.0, "车速": 2.0})
    assert key_figure(sentence, "number", qt, question="能见度不到50米时最高能开多快？") != "50米"
    assert key_figure("新增规范化避灾安置场所150个。", "number", QueryTerms({"避灾安置场所": 2.0}),
                      question="新增多少个避灾安置场所？") == "150个"

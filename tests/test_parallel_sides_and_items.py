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

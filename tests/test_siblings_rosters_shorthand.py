"""Round 22's rules, on real passages: the item among siblings that says the question's most telling word
(②组织第三方开展明查暗访, not ① under the same heading); the body a plan has do a task (组织第三方开展 →
第三方); a roster's labelled lines read with the line announcing them (指挥长：… of "组成人员如下："); a later
clause answered by a sentence the first clause did not get; "没做到会怎样" asks the consequence; a shorthand no
passage writes searched in its written-out form (外企 → 外资企业)."""
from pathlib import Path

import pytest

from planqa import rules as R

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen27"
FILES = ["plan_天津市突发地质灾害应急预案.md", "law_哈尔滨市城市排水与污水处理条例(2020-10-23).md",
         "law_防雷减灾管理办法(2025-03-31).md"]


@pytest.fixture(scope="module")
def outside_qa(tmp_path_factory, embedder):
    from rag.qa import QA

    from .conftest import library_index

    return QA(library_index(tmp_path_factory, embedder, [OUTSIDE / f for f in FILES]), use_llm=False)


@pytest.fixture(scope="module")
def plans_qa(seed_index):
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.mark.parametrize("sentence, caused", [
    ("②组织第三方开展明查暗访，围绕问题抓整改", ("组织", "第三方", "开展")),
    ("②推动各镇（区）制定属地落实方案。", ("推动", "各镇（区）", "制定")),
    ("①推动13个专委会分别制定全面压降生产安全事故专项工作方案。", ("推动", "13个专委会", "制定")),
    ("指导督促企业开展隐患排查", ("指导督促", "企业", "开展")),
    ("组织开展应急演练", None),  # no body between: the bureau itself does it
    ("推动安全生产专项整治三年行动落实", None),  # a campaign is no body
])
def test_a_body_the_plan_has_do_a_task(sentence, caused):
    m = R.LEAD_CAUSED.match(sentence)
    assert (m.groups() if m else None) == caused


@pytest.mark.parametrize("question, penalty", [
    ("出完检测报告以后还要做什么？没做到会怎样？", True), ("不上传又能怎么样", True), ("没及时报告会怎么样", True),
    ("这个工作怎么样", False), ("应急预案怎样编制", False), ("不少于多少", False),
])
def test_a_duty_left_undone_asks_its_consequence(question, penalty):
    assert bool(R.PENALTY_QUESTION.search(question)) == penalty


def test_a_rosters_lines_are_read_with_the_line_announcing_them():
    from rag.evidence import _labelled_lead_in

    text = (OUTSIDE / FILES[0]).read_text(encoding="utf-8")
    for label in ("指挥长：分管", "第一副指挥长："):
        at = text.index(label)
        assert R.LABELLED_LINE.match(text[at:])
        assert _labelled_lead_in(text, at).endswith("组成人员如下："), label
    assert _labelled_lead_in("第一条 本办法适用于全市。\n指挥长：市长", len("第一条 本办法适用于全市。\n")) == ""


def test_a_shorthand_no_passage_writes_is_searched_written_out(seed_index):
    lexical = seed_index.lexical
    assert lexical.spelled_forms("外企") == ["外资企业"]
    assert lexical.spelled_forms("厂子") == []  # an everyday word, not two words' first characters
    assert lexical.spelled_forms("平台") == []  # written: no shorthand


def test_the_sibling_saying_the_telling_word_answers_and_names_who_does_it(plans_qa):
    a = plans_qa.ask("X市2022年创建安全发展示范城市，明查暗访由谁来开展？")
    assert not a.refused and "由第三方开展" in a.answer and "组织第三方开展明查暗访" in a.answer, a.answer


def test_a_shorthand_question_finds_the_written_out_passage(plans_qa):
    a = plans_qa.ask("沪那年说要给外企专门弄个啥平台？")
    assert not a.refused and "外资企业安全发展平台" in a.answer, a.answer


def test_a_post_on_a_roster_and_the_office_in_one_question(outside_qa):
    a = outside_qa.ask("天津市突发地质灾害应急指挥部的指挥长由谁担任？指挥部办公室设在哪个部门？")
    assert not a.refused and "副市长" in a.answer and "市应急局" in a.answer, a.answer


def test_a_later_clause_gets_a_sentence_the_first_did_not(outside_qa):
    a = outside_qa.ask("哈尔滨对污水处理厂污泥的转运有什么管理要求？运污泥的车有什么标准？")
    assert "转运联单" in a.answer and "防渗漏" in a.answer, a.answer


@pytest.mark.parametrize("question, basis", [
    ("绍兴那份要点，是照着省里哪个部门的文件来定的？", True),
    ("崇明区应急管理“十四五”规划是依据哪些文件制定的？", True),
    ("城镇排水与污水处理条例的制定依据是什么？", True),
    # an item's basis is the item's, not the document's
    ("南通推动社会应急力量搞能力测评，是照着哪个部门定的测评制度来的？", False),
    ("按照什么标准划分等级？", False),
])
def test_what_a_document_was_made_on_is_asked(question, basis):
    from rag.catalogue import asked_fact

    assert (asked_fact(question) == "basis") == basis


def test_a_plans_basis_comes_from_its_opening(plans_qa):
    a = plans_qa.ask("绍兴那份要点，是照着省里哪个部门的文件来定的？")
    assert not a.refused and "根据浙江省应急管理厅《2022年全省应急管理工作要点》" in a.answer, a.answer
    # (崇明's scrape turned 〇 into 。 inside the sentence: the basis runs on to its verb of making)
    a = plans_qa.ask("崇明区应急管理“十四五”规划是依据哪些文件制定的？")
    assert "第十四个五年规划" in a.answer and "上海市应急管理“十四五”规划" in a.answer, a.answer


def test_a_laws_basis_is_its_first_article(outside_qa):
    a = outside_qa.ask("哈尔滨市城市排水与污水处理条例是根据哪些法律法规制定的？")
    assert not a.refused and "《城镇排水与污水处理条例》" in a.answer.split("\n")[0], a.answer
    assert a.citations[0]["doc"].startswith("law_哈尔滨")

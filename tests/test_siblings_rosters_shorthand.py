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


@pytest.mark.parametrize("question, library", [
    ("在这几份文件中，属于五年规划（而非年度要点或计划）的是哪一份？其规划目标年份为哪一年？", True),
    ("属于规划的是哪一份？", True),
    # a document the text cites is not one of the library's
    ("南通修订社会应急力量征用和补偿办法，上位依据是哪份部委文件？", False),
    ("这项工作是根据哪份文件开展的？", False),
])
def test_which_of_the_librarys_documents(question, library):
    assert bool(R.WHICH_DOCUMENT.search(question)) == library


@pytest.mark.parametrize("text, order", [
    ("(2026年6月12日交通运输部令2026年第11号公布 自2026年9月1日起施行)", True),
    ("2007年4月25日中华人民共和国国务院令第496号公布", True), ("中国气象局第44号令公布", True),
    ("2026年6月12日 交通运输部公布", False), ("第十一号文件", False),
])
def test_an_instruments_order_number(text, order):
    assert bool(R.ORDER_NUMBER.search(text)) == order


@pytest.mark.parametrize("question, fact", [
    ("水文条例是谁发布的？", "issuer"), ("这个办法是哪个部门颁布的？", "issuer"), ("是哪个单位印发的", "issuer"),
    ("谁发布预警信息？", ""),
])
def test_who_issued_a_document_is_asked(question, fact):
    from rag.catalogue import asked_fact

    assert asked_fact(question) == fact


def test_a_figure_the_question_gives_is_not_the_answer():
    from rag.extractive import _stated

    assert _stated("11月1日", "南京的森林防火期是从11月1日到第二年的几月几日？")
    assert _stated("50米", "能见度不到50米时多快赶到")
    assert not _stated("2007年11月1日", "2007年出台的条例哪天施行")
    assert not _stated("150个", "绍兴今年要新增多少避灾安置场所？")


def test_a_cited_document_is_asked_of_the_plan_not_the_library(plans_qa):
    a = plans_qa.ask("南通修订社会应急力量征用和补偿办法，上位依据是哪份部委文件？")
    assert not a.refused and "关于进一步推动社会应急力量健康发展的意见" in a.answer, a.answer


def test_the_issuer_is_cited_by_its_order_line(outside_qa):
    a = outside_qa.ask("防雷减灾管理办法是哪个部门发布的？从哪天起施行？")
    assert "中国气象局" in a.answer and "第44号令" in a.answer and "2025年6月1日" in a.answer, a.answer


@pytest.mark.parametrize("question, thing", [
    ("X市计划里提到的“四个一”说安全，这四个“一”具体是指哪四项？", "四个一"),
    ("“三场所三企业”具体指哪些", "三场所三企业"), ("“三位一体”专项执法，到底是哪三样", "三位一体"),
    ("“四个一”说安全是哪年提出的？", ""),
])
def test_a_name_asked_what_it_covers_also_after_a_recap(question, thing):
    from rag.extractive import named_thing

    assert named_thing(question) == thing


def test_a_name_the_plan_does_not_spell_out_is_a_partial_answer(plans_qa):
    a = plans_qa.ask("X市计划里提到的“四个一”说安全，这四个“一”具体是指哪四项？")
    assert not a.refused and a.partial and "未列明" in a.answer, a.answer


def test_a_law_a_plan_has_studied_is_the_plans_task_not_a_missing_document(plans_qa):
    assert R.DOC_AS_TASK.search("通那年学《") and R.DOC_AS_TASK.search("组织学习")
    a = plans_qa.ask("通那年学《突发事件应对法》这些法规，是哪几级一起学？")
    assert not a.refused and "市、县两级" in a.answer, a.answer

"""Everyday words a law writes otherwise (运营商 → 通信运营单位, 饭店后厨 → 餐饮服务场所烹饪操作间; 丢了 → 丢失
searched for), and a law's ordinal classes ("第一类：…")
read as the items of the list their lead-in announces."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_qa

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen31"


@pytest.fixture(scope="module")
def laws_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        OUTSIDE / "law_云浮市暴雨灾害防御条例(2026-04-15).md", OUTSIDE / "law_南宁市消防条例(2026-04-03).md",
        OUTSIDE / "law_监控化学品管理条例(2011-01-08).md",
        OUTSIDE / "law_长江流域控制性水工程联合调度管理办法（试行）(2023-01-19).md"])


def test_a_laws_ordinal_classes_are_its_lists_items(laws_qa):
    a = laws_qa.ask("监控化学品分哪几类？").to_dict()
    for item in ("第一类：可作为化学武器的化学品", "化学武器前体", "化学武器主要原料", "特定有机化学品"):
        assert item in a["answer"], (item, a["answer"])


@pytest.mark.parametrize("q, must", [
    ("云浮发布暴雨红色预警以后，通信运营商要做什么？", ["优先通道", "手机用户"]),
    ("南宁的饭店后厨在消防上有什么硬性要求？", ["自动灭火装置", "紧急事故自动切断装置"]),
])
def test_everyday_words_find_the_statutes_words(laws_qa, q, must):
    a = laws_qa.ask(q).to_dict()
    assert not a["refused"], a["answer"]
    for m in must:
        assert m in a["answer"], (m, a["answer"])


def test_a_trial_rule_is_named_without_its_trial_mark(laws_qa):
    a = laws_qa.ask("长江流域控制性水工程联合调度管理办法是哪天起施行的？").to_dict()
    assert a["answer"].startswith("2023年3月1日"), a["answer"]
    assert a["filters"]["documents"] == ["长江流域控制性水工程联合调度管理办法（试行）"]


def test_a_trial_rules_formal_version_is_a_document_not_held(laws_qa):
    a = laws_qa.ask("长江流域控制性水工程联合调度管理办法去掉“试行”后的正式版，和试行版相比改了什么？").to_dict()
    assert a["refused"] and "库中没有《长江流域控制性水工程联合调度管理办法》" in a["answer"], a["answer"]
    assert "（试行）" in a["reason"] and a["nearest"]


def test_a_spoken_word_is_searched_in_the_statutes_words():
    from rag.query import expand

    said = expand("监控化学品丢了或者被偷了，要向哪里报告？")
    assert "丢失" in said and "被盗" in said, said
    assert "决定" in expand("管理部门多少天内给答复") and "免费" in expand("收不收费")


@pytest.mark.parametrize("line, item", [("第一类：可作为化学武器的化学品；", True), ("(二)适时组织群众疏散；", True),
                                        ("第一类监控化学品的进口", False)])
def test_ordinal_class_lines_are_items(line, item):
    assert bool(R.ENUM_ITEM.match(line)) is item

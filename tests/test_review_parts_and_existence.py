"""The part of a plan a question points at (its review of shortcomings or achievements), the run-in
heads such a review is written in, a compared part said in its own words, and whether the library
holds a place's own rule. Real seed plans, library laws and a work report."""
from pathlib import Path

import pytest

from rag.evidence import is_run_in_head, run_in_end
from rag.section_roles import ACHIEVEMENT, PROBLEM, asked_role

from .conftest import LIBRARY, library_qa, read_seed

CHONGMING = "002_3cc3db46b208897f.txt"


@pytest.mark.parametrize("question, role, frame", [
    ("崇明区“十四五”规划在分析存在问题时，认为应急管理协同方面主要有哪些不足？", PROBLEM, "在分析存在问题时"),
    ("崇明规划回头看“十三五”短板时，说科技保障支撑方面哪些系统还有待建设和升级？", PROBLEM, "短板时"),
    ("回顾“十三五”时，崇明在应急管理数据资源上取得了什么进展？", ACHIEVEMENT, "回顾"),
    ("2022年燃气安全排查整治由谁牵头?", "", None),
    ("这部条例存在哪些法律责任？", "", None),  # (存在 with no 问题/短板: no review pointed at)
    ("安全生产工作存在哪些问题要整改？", "", None),  # (the problems are what is asked, not a part pointed at)
    ("规划在“存在的主要问题”部分提到了哪些短板？", PROBLEM, "“存在的主要问题”部分"),
])
def test_asked_role(question, role, frame):
    got_role, words = asked_role(question)
    assert got_role == role
    if frame:
        assert any(frame in w for w in words)


@pytest.mark.parametrize("sentence, head", [
    ("应急管理协同需要加强。", True),
    ("科技保障支撑水平需要提升。", True),
    ("应急管理科技水平稳步提升。", True),
    ("社会公众安全意识明显增强。", True),
    ("创新能力持续增强。", True),  # a work report's review is written so too
    ("应急管理责任体系尚不健全。", False),  # a shortcoming itself, not a head
    ("综合监管和行业监管之间的职责存在交叉缺位,横向联系机制有待加强。", False),
    ("第三条 安全生产工作应当以人为本，坚持人民至上、生命至上。", False),
])
def test_run_in_head(sentence, head):
    assert is_run_in_head(sentence) is head


def test_a_run_in_head_says_itself_in_the_sentences_after_it():
    text = read_seed(CHONGMING)
    at = text.index("应急管理协同需要加强。") + len("应急管理协同需要加强。")
    body = text[at:run_in_end(text, at)]
    assert "交叉缺位" in body and "机构设置和职能配置不统一" in body
    assert "社会综合治理需要强化" not in body  # (the next head begins the next part)


def test_a_shortcoming_asked_in_the_review(plans_qa):
    a = plans_qa.ask("崇明区“十四五”规划在分析存在问题时，认为应急管理协同方面主要有哪些不足？")
    assert not a.refused
    assert "交叉缺位" in a.answer and "机构设置和职能配置不统一" in a.answer
    # (not the task chapter's "应急管理协同治理体系", which the frame's words used to pull in)
    assert "第三章" not in a.answer.splitlines()[0]


def test_a_review_gap_asked_with_its_period(plans_qa):
    a = plans_qa.ask("崇明规划回头看“十三五”短板时，说科技保障支撑方面哪些系统还有待建设和升级？")
    assert not a.refused
    assert "监测网络系统" in a.answer and "决策支持系统" in a.answer


def test_a_compared_part_in_its_own_words(plans_qa):
    # the question copies 南通's words (鼓励…举报); 上海's line says the topic its own way
    a = plans_qa.ask("在鼓励群众举报安全隐患方面，上海2022年要点和南通2020年要点分别有什么安排？")
    shanghai = next(line for line in a.answer.splitlines() if line.startswith("上海"))
    assert "举报处置和奖励办法" in shanghai
    assert "有奖举报制度" in a.answer


def test_a_compared_district_keeps_its_city(plans_qa):
    # 崇明区 lies in 上海市: each compared place answers for itself, the city's plan is not filtered away
    a = plans_qa.ask("安全宣传主题活动方面，上海市应急局2022年要点和崇明区规划各提到了哪些活动？")
    city = next(line for line in a.answer.splitlines() if line.startswith("上海市"))
    assert "未找到" not in city and "宣传" in city


FIRE_BJ = "law_北京市消防条例.md"
FLOOD_SH = "law_上海市防汛条例(2021-11-25).md"
FLOOD_CN = "law_防汛条例(2011-01-08).md"
REPORT = next((p.name for p in sorted(LIBRARY.glob("*")) if "政府工作报告" in p.name), "")


@pytest.fixture(scope="module")
def rules_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [FIRE_BJ, FLOOD_SH, FLOOD_CN])


@pytest.mark.parametrize("question, title", [
    ("北京有没有自己的消防条例？", "北京市消防条例"),
    ("上海有没有出台防汛条例？", "上海市防汛条例"),  # (not "the national 防汛条例, said after 上海: missing")
])
def test_a_held_rule_asked_about_is_there(rules_qa, question, title):
    a = rules_qa.ask(question)
    assert not a.refused
    assert a.answer.startswith(f"有。库中有《{title}》")
    assert a.citations and a.citations[0]["title"] == title


@pytest.mark.parametrize("question, missing", [
    ("西安有没有自己的消防条例？", "西安"),
    ("广州有没有专门的防汛条例？", "广州"),
])
def test_an_unheld_rule_asked_about_is_missing(rules_qa, question, missing):
    a = rules_qa.ask(question)
    assert a.refused and missing in (a.reason or "")


def test_a_contingency_plans_issuer_is_not_a_body_it_names():
    from ingest.metadata import plan_issuer

    text = "市防指由市长任指挥。市应急管理局：负责组织协调应急抢险救援力量；组织协调灾害救助。"
    assert plan_issuer(text, "南京市", "洪涝灾害预案", "应急预案") == ""
    # (a work plan is written in its bureau's voice: that bureau issues it)
    issued = plan_issuer("2022年，市应急管理局将…", "绍兴市", "绍兴市2022年应急管理工作要点", "工作要点")
    assert issued == "绍兴市应急管理局"


@pytest.mark.skipif(not REPORT, reason="the development library is not beside the project")
def test_a_reports_review_head_is_read_with_what_follows():
    text = (LIBRARY / REPORT).read_text(encoding="utf-8")
    heads = [s for s in text.replace("\n", "。").split("。") if s and is_run_in_head(s + "。")]
    # a report's review may be written in such heads; where it is, each is followed by what it means
    for h in heads[:5]:
        at = text.index(h) + len(h) + 1
        assert run_in_end(text, at) >= at
    assert Path(LIBRARY / REPORT).exists()

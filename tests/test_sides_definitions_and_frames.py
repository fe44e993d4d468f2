"""Compared parts that each have a topic of their own; a law's list of definitions (用语的含义) read as
its categories; sets named by their size in digits that the text never lists; a place's own rule asked
with "有没有…"."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_qa

U33 = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen33"
SHANGRAO = U33 / "law_上饶市燃气安全管理条例(2023-04-19).md"
HUNAN = U33 / "law_湖南省水上交通安全条例(2017-11-30).md"
ANKANG = U33 / "law_安康市暴雨灾害预警与响应规定(2024-01-03).md"
BUILDING = U33 / "law_建筑施工特种作业人员管理规定(2025-12-17).md"


@pytest.fixture(scope="module")
def u33_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [SHANGRAO, HUNAN, ANKANG, BUILDING])


@pytest.mark.parametrize("text, term, listed", [
    ("本条例下列用语的含义：\n（一）燃气，是指作为燃料使用并符合一定要求的气体燃料，包括天然气（含煤层气）、液化石油气和人工煤气等。",
     "燃气", "天然气"),
    ("；（三）灶前燃气自闭阀，是指当管道压力低于限定值时能够切断供气的安全装置。", "灶前燃气自闭阀", "安全装置"),
    ("（一）年满18周岁；", None, None),  # an item of conditions defines nothing
])
def test_category_item_defined(text, term, listed):
    m = R.CATEGORY_ITEM_DEFINED.search(text)
    assert (m.group(1) if m else None) == term
    if m:
        assert listed in m.group(2)


@pytest.mark.parametrize("text, frame", [
    ("汉中市有没有专门的", "有没有专门的"), ("西安有没有自己的", "有没有自己的"), ("是否有", "是否有"), ("规定", None),
])
def test_own_rule_frame(text, frame):
    m = R.OWN_RULE_FRAME.search(text)
    assert (m.group(0) if m else None) == frame


def test_each_compared_part_with_its_own_topic(u33_qa):
    # 燃气设施 for 上饶, 渡口水域 for 湖南: each document's line from its own topic
    a = u33_qa.ask("燃气设施保护范围和渡口水域保护范围，分别怎么确定、由谁设警示标志？"
                   "上饶燃气条例和湖南水上交通安全条例对比一下。")
    lines = a.to_dict()["answer"].split("\n")
    assert any("上饶" in ln.split("：")[0] and "统一的安全警示标志" in ln for ln in lines), lines
    assert any("湖南" in ln.split("：")[0] and "警示标志" in ln for ln in lines), lines


@pytest.fixture(scope="module")
def weather_qa(tmp_path_factory, embedder):
    outside = U33.parent / "unseen30" / "law_吉林市气象灾害防御条例(2016-12-01).md"
    return library_qa(tmp_path_factory, embedder, [outside, "law_北京市气象灾害防御条例(2018-11-23).md"])


def test_a_compared_part_naming_a_word_as_weighty_as_the_anchor_names_the_topic(weather_qa):
    # 北京's article writes 人员密集场所 and 预警信息, not 灾害性天气 (the anchor, 吉林市's words): its line
    # is its own article, not "文件中未找到"
    a = weather_qa.ask("人员密集场所怎么让公众知道灾害性天气预警？"
                       "吉林市气象灾害防御条例和北京市气象灾害防御条例分别怎么要求？")
    text = a.to_dict()["answer"]
    assert "预警设施" in text and "电子显示装置" in text, text


def test_a_kind_the_law_defines_its_term_by(u33_qa):
    # the law writes 管道燃气; its definitions say 燃气 includes 天然气
    a = u33_qa.ask("上饶家里用管道天然气的居民，条例要求必须装什么安全装置？").to_dict()
    assert not a["refused"] and "灶前燃气自闭阀" in a["answer"], a["answer"]


def test_a_place_asked_whether_it_has_its_own_rule(u33_qa):
    a = u33_qa.ask("汉中市有没有专门的暴雨灾害预警与响应规定？橙色预警时要转移哪些人员？").to_dict()
    assert a["refused"] and "汉中市暴雨灾害预警与响应规定" in a["reason"], a["answer"]
    b = u33_qa.ask("西安有没有自己的燃气安全管理条例？").to_dict()
    assert b["refused"] and "《西安燃气安全管理条例》" in b["answer"], b["answer"]


@pytest.mark.parametrize("question, thing", [
    ("X市2022年要修订的42个应急预案具体是哪些预案？", "42个应急预案"),
    ("绍兴2022年要点里说的工贸行业25项执法检查重点事项，具体包括哪些内容？", "25项执法检查重点事项"),
])
def test_a_set_named_by_its_size_in_digits_and_not_listed(plans_qa, question, thing):
    a = plans_qa.ask(question).to_dict()
    assert a["partial"] and not a["refused"] and f"文件提到“{thing}”，但未列明" in a["answer"], a["answer"]


# --- after scoring unseen33 -------------------------------------------------------------------------------
def test_the_target_a_service_faces_is_asked_by_its_frame(plans_qa):
    # 面向 frames the question ("面向的是哪些对象"); the plan names the targets themselves
    a = plans_qa.ask("上海市应急管理局2022年在危险化学品领域开展专家指导服务，面向的是哪些对象？").to_dict()
    assert not a["refused"] and "化工园区" in a["answer"] and "危险化学品重点县" in a["answer"], a["answer"]


def test_a_quoted_run_in_head_is_answered_by_what_follows_it(plans_qa):
    a = plans_qa.ask("只看崇明区应急管理“十四五”规划，基本原则中的“坚持科技赋能，强化协同管理”以什么为抓手？").to_dict()
    assert "城运平台体系" in a["answer"] and "技术支撑体系" in a["answer"], a["answer"]


@pytest.mark.parametrize("question, must", [
    ("只看沪应急局那份要点，作风那块讲花钱，有啥说法？", "过紧日子"),  # 花钱 is written 资金/预算
    ("崇明这五年打算新装、补装多少个马路边上的消防栓?", "600个"),  # 消防栓 is written 消火栓
])
def test_everyday_words_for_the_documents_terms(plans_qa, question, must):
    a = plans_qa.ask(question).to_dict()
    assert not a["refused"] and must in a["answer"], a["answer"]


@pytest.mark.parametrize("question, asks", [
    ("送气工能不能坐电梯送钢瓶？", True), ("可不可以在禁放区放鞭炮？", True), ("能在河道里采砂吗？", True),
    ("燃气由谁主管？", False),
])
def test_permission_question(question, asks):
    assert bool(R.PERMISSION_QUESTION.search(question)) == asks


def test_a_penalty_does_not_say_the_duty_it_cites_unless_the_penalty_is_asked(u33_qa):
    # "违反本条例第十一条…的，由…处…罚款" cites the duty; asked only whether one may, the duty's own
    # items answer, not the penalty
    a = u33_qa.ask("上饶的送气工能不能坐电梯把液化气钢瓶送上楼？").to_dict()
    assert "第二十五条" not in a["answer"].split("\n")[0], a["answer"]
    b = u33_qa.ask("上饶瓶装燃气经营者没给自有气瓶标识别标识，怎么罚？").to_dict()
    assert "第二十五条" in b["answer"], b["answer"]

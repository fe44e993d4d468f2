"""Questions about a detail the text does not give, though it names the thing: who leads a body the
plan only sets up, each district's share of a total, what a plan only mentions says inside, what an
attachment a notice points to lists. Each is refused with the reason, never answered with the
sentence that names the thing."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_qa

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside"
TAIAN = OUTSIDE / "unseen32" / ("notice_泰安市安委办关于举一反三抓好国务院安委会明查暗访发现问题整改工作的通知"
                                "(2024-03-24).md")
TIANJIN = OUTSIDE / "unseen27" / "plan_天津市突发地质灾害应急预案.md"


@pytest.mark.parametrize("question, body", [
    ("上海2022年市安委会要增设的特种设备专业委员会，由哪个部门牵头？", "特种设备专业委员会"),
    ("防震救灾专委会的牵头部门是哪个？", "防震救灾专委会"),
    ("森林防火指挥部由谁组建？", "森林防火指挥部"),
    ("燃气安全排查整治由谁牵头？", None),  # a task, not a body
    ("区防汛指挥部办公室日常工作由谁负责？", None),  # the body's work asked, not who leads the body
])
def test_led_body_asked(question, body):
    m = R.LED_BODY_ASKED.search(question)
    assert (m.group(1).rsplit("的", 1)[-1] if m else None) == body


@pytest.mark.parametrize("question, unit", [
    ("绍兴2022年安责险新增投保企业3000家，分到各区、县（市）各是多少？", "区、县（市）"),
    ("新增的150个避灾安置场所，每个区县分别要建几个？", "区县"),
    ("各部门分别要派多少人？", "部门"),
    ("新增多少个避灾安置场所？", None),
    ("自然灾害类和安全生产类各有多少个？", None),  # two things joined, not the members of a class
])
def test_breakdown_asked(question, unit):
    m = R.BREAKDOWN_ASKED.search(question)
    assert (m.group(1) if m else None) == unit


@pytest.mark.parametrize("text, given", [
    ("新增投保企业3000家", False), ("越城区150个、柯桥区120个、上虞区100个", True),
    ("各区县完成率达到100%", False),
])
def test_breakdown_given(text, given):
    assert (len(R.BREAKDOWN_GIVEN.findall(text)) >= 2) == given


@pytest.mark.parametrize("question, pointed", [
    ("长三角那份重大突发事件总体应急预案里，响应一共分几级啊？", "重大突发事件总体应急预案"),
    ("天津那个突发地质灾害应急预案中的预警分几级？", "突发地质灾害应急预案"),
    ("那份综合防灾减灾规划里有什么？", "综合防灾减灾规划"),
    ("绍兴那份工作要点里，避灾安置场所要新增多少？", None),  # (a work plan is named by place and year)
])
def test_pointed_document(question, pointed):
    m = R.POINTED_DOCUMENT.search(question)
    assert (m.group(2) if m else None) == pointed


@pytest.mark.parametrize("question, asked", [
    ("泰安通知附件里那份共性问题清单有哪些问题？", True), ("附件2里蓝色预警的发布标准是什么？", True),
    ("特种设备的安全附件要怎么维护？", False), ("通知的附件有哪些？", True),
])
def test_attachment_asked(question, asked):
    assert bool(R.ATTACHMENT_ASKED.search(question)) == asked


def test_the_body_asked_is_not_its_own_leader(plans_qa):
    a = plans_qa.ask("上海2022年市安委会要增设的特种设备专业委员会，由哪个部门牵头？").to_dict()
    assert a["refused"] and "特种设备专业委员会" in a["reason"] and "牵头" in a["reason"], a["answer"]
    assert a["nearest"], a  # the sentence that names it is shown as the nearest passage
    # a task's lead is still the issuing bureau's
    b = plans_qa.ask("2022年燃气安全排查整治由谁牵头?").to_dict()
    assert not b["refused"] and "负责" in b["answer"], b["answer"]


def test_a_total_does_not_give_each_districts_share(plans_qa):
    a = plans_qa.ask("绍兴2022年安责险新增投保企业3000家，分到各区、县（市）各是多少？").to_dict()
    assert a["refused"] and "区、县（市）" in a["reason"], a["answer"]
    b = plans_qa.ask("绍兴安责险推广要新增多少家投保企业?").to_dict()
    assert not b["refused"] and "3000家" in b["answer"], b["answer"]


def test_a_plan_only_mentioned_is_not_held(plans_qa):
    a = plans_qa.ask("长三角那份重大突发事件总体应急预案里，响应一共分几级啊？").to_dict()
    assert a["refused"] and "长三角重大突发事件总体应急预案" in a["reason"], a["answer"]
    # a held plan pointed at the same way is the filter, not a missing document
    b = plans_qa.ask("崇明那份十四五规划里提了哪些主要指标？").to_dict()
    assert not b["refused"] and "崇明" in b["answer"], b["answer"]


@pytest.fixture(scope="module")
def notices_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [TAIAN, TIANJIN])


def test_an_attachment_the_text_lacks(notices_qa):
    a = notices_qa.ask("泰安通知附件里那份国务院检查组发现的共性问题清单，具体有哪些问题？").to_dict()
    assert a["refused"] and "附件" in a["reason"] and "泰安" in a["reason"], a["answer"]
    # an attachment held in the text answers
    b = notices_qa.ask("天津地质灾害应急预案附件2里蓝色预警的发布标准是什么？").to_dict()
    assert not b["refused"] and "30—50毫米" in b["answer"], b["answer"]


def test_a_figure_in_a_sub_item_of_the_item_that_names_the_topic(plans_qa):
    # "17.…开展“精准执法年”专项行动。" names the campaign; its sub-item "③开展4项专项执法行动", a passage
    # of its own under the item's heading, gives the count
    a = plans_qa.ask("X市“精准执法年”专项行动里一共要开展几项专项执法行动？").to_dict()
    assert not a["refused"] and a["answer"].startswith("4项"), a["answer"]

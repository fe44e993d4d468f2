"""How askers say what they want, on real passages: "啥名目的活动" asks a name (not 目的); "现在这个版本"
is the asker's frame, not a topic; "新城一共有几个" is answered by "五大新城" (a set named by its size);
"多少天内" by "15个工作日内"; "技能比武" is written 技能竞赛; "谁领着干的" asks who led, and a review says it
with "在…的坚强领导下" (a plan's review, a work report); "哪几样主题活动" is answered by the sentence listing
"…等活动" (a compound's head)."""
import re
from pathlib import Path

import pytest

from planqa import rules as R

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen29"


@pytest.fixture(scope="module")
def outside_qa(tmp_path_factory, embedder):
    from rag.qa import QA

    from .conftest import library_index

    files = ["law_水利工程建设安全生产管理规定(2005-07-22).md", "law_内蒙古自治区消防条例(2022-09-28).md"]
    return QA(library_index(tmp_path_factory, embedder, [OUTSIDE / f for f in files]), use_llm=False)


def test_a_spoken_name_question_is_no_purpose(plans_qa):
    from rag.evidence import query_terms

    qt = query_terms("沪那年为了把企业自己的安全责任压实，组织搞了个啥名目的活动？", plans_qa.index.lexical.idf)
    assert "目的" not in qt.terms
    a = plans_qa.ask("沪那年为了把企业自己的安全责任压实，组织搞了个啥名目的活动？").to_dict()
    assert not a["refused"] and "责任主体谈主体责" in a["answer"]


def test_the_version_asked_about_is_no_topic(outside_qa):
    a = outside_qa.ask("内蒙古自治区消防条例现在这个版本是什么时候施行的？").to_dict()
    assert not a["refused"] and "2010年12月1日" in a["answer"]


def test_a_set_named_by_its_size_counts_it(plans_qa):
    a = plans_qa.ask("沪那年放管服改革，支持先行先试的新城一共有几个？").to_dict()
    assert not a["refused"] and "五大新城" in a["answer"]
    # (a count the text gives with its counter is still the lead figure)
    a = plans_qa.ask("X市2022年集中开展几个重点领域专项整治？").to_dict()
    assert a["answer"].startswith("两个重点领域")


def test_working_days_are_days(outside_qa):
    assert re.fullmatch(R.SAME_UNIT["天"], "个工作日")
    a = outside_qa.ask("水利工程开工后，项目法人要在多少天内把保证安全生产的措施方案报去备案？").to_dict()
    assert a["answer"].startswith("15个工作日内") and "第九条" in a["answer"]


def test_a_contest_said_as_bi_wu(plans_qa):
    assert "竞赛" in R.LAY_TERMS["比武"]
    a = plans_qa.ask("绍兴那年办的民间救援力量技能比武，是第几届了？").to_dict()
    assert not a["refused"] and "第二届" in a["answer"]


@pytest.mark.parametrize("sentence, leader", [
    ("“十三五”时期,在区委、区政府的坚强领导下,各乡镇、相关部门和单位狠抓落实", "区委、区政府"),
    ("成绩来之不易，根本在于以习近平同志为核心的党中央坚强领导，在于…科学指引", "以习近平同志为核心的党中央"),
    ("在市委市政府正确领导下，全市安全形势稳定", "市委市政府"),
])
def test_who_led_the_work_a_review_looks_back_on(sentence, leader):
    assert R.LEAD_UNDER.search(sentence).group(1) == leader


def test_a_review_is_answered_with_who_led_it(plans_qa):
    # "那五年" is the period named, no topic; "谁领着干" asks who led
    a = plans_qa.ask("崇明十三五那五年，应急工作是谁领着干的？").to_dict()
    assert not a["refused"] and a["answer"].startswith("《崇明区应急管理“十四五”规划》：在区委、区政府的领导下")


def test_a_list_asked_by_a_compound_is_listed_under_its_head(plans_qa):
    from rag.extractive import _enumerates, asked_list_noun

    assert asked_list_noun("都办哪几样主题活动？") == "主题活动"
    assert _enumerates("组织安全生产月、防灾减灾日、消防安全月、安全体验馆开放日等活动", "主题活动")
    assert not _enumerates("组织开展主题宣传、典型宣传、活动宣传", "主题活动")
    a = plans_qa.ask("沪那年搞安全宣传，都办哪几样主题活动？").to_dict()
    assert "安全体验馆开放日" in a["answer"]

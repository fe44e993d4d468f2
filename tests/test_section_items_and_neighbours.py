"""After scoring unseen30: a section's items counted when a question names the section ("（三）一共包括几条",
"第五部分…下面分了几条", a quoted title whose scrape cut it loose from its chapter); the sentence just before
that names the kind of thing asked ("哪个中心"); a named day written as its date (“5.12”); 部队 is no
document counter; 民航 is 民用航空; 山火 is 森林火灾."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_qa

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen30"


@pytest.fixture(scope="module")
def law_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        "law_危险化学品安全管理条例(2013-12-07).md", OUTSIDE / "law_中国民用航空应急管理规定(2016-03-17).md"])


@pytest.mark.parametrize("question, said", [
    ("X市2022年计划主要任务的（三）“全面强化安全生产风险防控”一共包括几条？",
     ["“（三）全面强化安全生产风险防控”共8条", "7.持续推动落实“三个责任”", "11.扎实推进危化品使用安全治理",
      "14.建立安全评级机构管理长效机制"]),
    ("上海市应急局2022年工作要点第五部分“持续深化改革创新”下面分了几条？",
     ["分3个部分", "(二)深化综合执法体系改革创新", "(三)巩固壮大协作发展格局"]),
    # the quoted title names the section its scrape's pages cut loose from 第三章
    ("崇明规划第三章“二、完善协同治理体系”下面分了几项？", ["分3个部分", "(一)压实应急管理监督责任"]),
])
def test_a_named_sections_items_are_counted(plans_qa, question, said):
    a = plans_qa.ask(question).to_dict()
    assert not a["refused"]
    for s in said:
        assert s in a["answer"], (s, a["answer"])


def test_a_laws_chapter_items_and_no_whole_law_count(law_qa):
    a = law_qa.ask("危险化学品安全管理条例第七章有几条？").to_dict()
    assert "“第七章法律责任”共22条（第七十五条……第九十六条）" in a["answer"]
    # "有几条关于…的规定" names no section: not a count of the law's articles
    a = law_qa.ask("危险化学品安全管理条例有几条关于运输的规定？").to_dict()
    assert "共" not in a["answer"][:40] and "个部分" not in a["answer"]


def test_the_sentence_naming_the_kind_asked_is_said(plans_qa):
    a = plans_qa.ask("崇明规划里，要发挥区级应急管理“智慧大脑”平台枢纽作用，推进的是哪个中心的建设？").to_dict()
    assert "区综合性应急救援指挥中心" in a["answer"] and "智慧大脑" in a["answer"]


def test_a_named_day_written_as_its_date():
    assert R.DATE_MARK.search("开展安全生产月、“5.12”全国防灾减灾日和国际减灾日等")
    assert not R.DATE_MARK.search("网上办案率不低于90.5%")


def test_a_named_day_is_answered(plans_qa):
    a = plans_qa.ask("X市那年搞全国防灾减灾日宣传，是哪天来着？").to_dict()
    assert not a["refused"] and "5.12" in a["answer"]


def test_troops_are_no_document_counter(plans_qa):
    assert not R.CATALOGUE_QUESTION.search("要协调哪些部队参与应急救援？")
    assert R.CATALOGUE_QUESTION.search("库里有哪些部法规？")
    a = plans_qa.ask("南通2020年说要探索军地协作机制，要协调哪些部队参与应急救援？").to_dict()
    assert "解放军" in a["answer"] and "武警部队" in a["answer"]


def test_civil_aviation_is_minhang(law_qa):
    a = law_qa.ask("民航应急管理规定是哪天公布的？从哪天开始施行？").to_dict()
    assert "2016年3月17日" in a["answer"] and "2016年4月17日" in a["answer"]


def test_a_hill_fire_is_a_forest_fire(plans_qa):
    a = plans_qa.ask("防山火这块，崇明那五年规划和绍兴今年的要点各打算干啥？").to_dict()
    assert "林火阻隔网络" in a["answer"] and "森林防灭火" in a["answer"]

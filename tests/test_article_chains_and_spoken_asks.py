"""An article's later sentences go on with what its first one set out (a deadline after the list of
conditions); a later clause whose best sentence was already quoted inside an earlier clause's quote
gets its own; "一般多长" asks a span; "收不收费" asks of 收费, answered by 免费/无偿; an application's
答复 is written 决定; a trial rule's （试行） is its name's."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_qa

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside"


@pytest.fixture(scope="module")
def laws_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        OUTSIDE / "unseen28" / "law_南京市森林消防条例(2006-01-26).md",
        OUTSIDE / "unseen30" / "law_云南省防震减灾条例(2018-11-29).md",
        OUTSIDE / "unseen26" / "law_职业病防治法(2018-12-29).md"])


def test_an_articles_later_sentence_is_read_with_its_first(laws_qa):
    # the deadline sentence names neither 林区 nor 生产性用火: the article's first sentence does
    a = laws_qa.ask("南京防火期内有单位要在林区搞生产性用火，管理部门多少天内给答复？").to_dict()
    assert not a["refused"] and "十五日内" in a["answer"], a["answer"]
    assert a["citations"][0]["article"] == "第十五条"


def test_a_later_clause_is_not_answered_by_the_earlier_quote(laws_qa):
    a = laws_qa.ask("云南发布破坏性地震临震预报后，预报区各级政府要做哪些工作？临震应急期一般多长？").to_dict()
    assert "适时组织群众疏散" in a["answer"] and "临震应急期一般为10日" in a["answer"], a["answer"]


def test_asking_about_a_charge_is_answered_by_free_of_charge(laws_qa):
    a = laws_qa.ask("工人辞职走的时候，能不能要自己的职业健康监护档案？单位能收费吗？").to_dict()
    assert "复印件" in a["answer"] and "无偿" in a["answer"], a["answer"]
    assert "文件中未找到答案" not in a["answer"]


@pytest.mark.parametrize("said, asks", [
    ("收不收费", "收费"), ("认不认", "认"), ("罚不罚款", "罚款"), ("好不好用", "好用"),
    ("能不能", "能不能"), ("是不是", "是不是"),  # (a yes-no frame: A_NOT_A's, cut off elsewhere)
])
def test_a_verbs_own_a_not_a_asks_of_the_verb(said, asks):
    assert R.A_NOT_AB.sub(r"\1", said) == asks


@pytest.mark.parametrize("q, period", [
    ("临震应急期一般多长", "应急期"), ("保存期最长多久", "保存期"),
    ("有效期是多长", "有效期"), ("试用期多长", "试用期"),
])
def test_an_adverb_may_stand_between_a_period_and_how_long(q, period):
    assert R.ASKED_PERIOD.search(q).group(1) == period
    assert R.ASKED_DURATION.search(q)


def test_a_trial_rules_mark_is_part_of_its_title():
    from ingest.cleaning import clean
    from ingest.metadata import clean_title, infer_meta
    from ingest.validity import source_notes

    assert clean_title("X办法（试行）（2020年修正）") == ("X办法（试行）", "2020年修正")
    assert clean_title("《中华人民共和国防洪法》（2016年修正）") == ("中华人民共和国防洪法", "2016年修正")
    path = OUTSIDE / "unseen31" / "law_长江流域控制性水工程联合调度管理办法（试行）(2023-01-19).md"
    raw = path.read_text(encoding="utf-8")
    meta = infer_meta(clean(raw)[0].text, path.name, source_notes(raw))
    assert meta.title == "长江流域控制性水工程联合调度管理办法（试行）"
    assert (meta.doc_type, meta.issuer, meta.year_from) == ("规章", "水利部", 2023)

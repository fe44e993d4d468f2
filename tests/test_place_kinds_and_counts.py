"""A place noun says where, not what: "禁放地点" is the same place a regulation writes as 禁止燃放…的区域, so
one compared regulation is not "silent" because it says 区域 (tried on two city fireworks regulations);
大灾 is written 巨灾 (巨灾保险, a plan's catastrophe insurance)."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_qa

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside" / "unseen28"


@pytest.fixture(scope="module")
def fireworks_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        OUTSIDE / "law_咸宁市禁止燃放烟花爆竹条例(2017-11-01).md", "law_北京市烟花爆竹安全管理规定(2017-12-01).md"])


def test_a_place_noun_is_no_compared_topic(fireworks_qa):
    a = fireworks_qa.ask("在禁放地点放鞭炮，咸宁和北京对单位、个人分别怎么罚？").to_dict()
    assert "文件中未找到相关内容" not in a["answer"], a["answer"]
    咸宁 = a["answer"].split("北京（")[0]
    assert "处500元罚款" in 咸宁 and "100元以上500元以下" in 咸宁
    assert "对单位处1000元以上5000元以下罚款" in a["answer"]


def test_place_kinds_are_listed():
    assert {"地点", "区域", "场所"} <= R.PLACE_KIND


def test_catastrophe_insurance_is_written_jvzai(seed_index):
    from rag.qa import QA

    a = QA(seed_index, use_llm=False).ask("大灾保险这事儿，沪那年推进到啥程度了？").to_dict()
    assert not a["refused"] and "巨灾保险" in a["answer"], a["answer"]


def test_a_repealed_laws_file_date_is_no_version():
    # the file is dated when the regulation was repealed (2013); its text is the 1994 one
    from ingest.cleaning import clean
    from ingest.metadata import infer_meta
    from ingest.validity import source_notes

    path = OUTSIDE.parent / "unseen30" / "law_乡镇煤矿管理条例(2013-07-18).md"
    raw = path.read_text(encoding="utf-8")
    meta = infer_meta(clean(raw)[0].text, path.name, source_notes(raw))
    assert meta.status == "已废止" and meta.year_from == 1994 and meta.version == "1994年"
    assert "year" not in meta.from_file
    # a law in force keeps a later file date as an amendment its head does not list
    path = OUTSIDE.parent / "unseen30" / "law_吉林市气象灾害防御条例(2016-12-01).md"
    raw = path.read_text(encoding="utf-8")
    assert infer_meta(clean(raw)[0].text, path.name, source_notes(raw)).year_from == 2016

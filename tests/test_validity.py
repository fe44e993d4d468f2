"""Whether a document is in force: its own record (a collection's head notes, "（已废止）" after its
title) and a later document of the library repealing it by name; shown in `planqa docs`, on the
citations and at the end of an answer that cites a repealed document."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.cleaning import clean
from ingest.loaders import load_file
from ingest.metadata import infer_meta
from ingest.validity import (
    Validity, noted_dates, repealed_in, repealed_names, source_notes, standing_words, stated_status, work_key,
)
from tests.conftest import LIBRARY, library_index

DATA = Path(__file__).parent / "data"
REPEALED = "law_蓄滞洪区运用补偿暂行办法(2000-05-27).md"
COAL_NEW, COAL_OLD, COAL_RULE = ("law_煤矿安全生产条例(2024-01-24).md", "law_煤矿安全监察条例(2013-07-18).md",
                                 "law_国务院关于预防煤矿生产安全事故的特别规定(2013-07-18).md")


def _meta(path: Path):
    loaded = load_file(path, 50_000_000)
    return infer_meta(clean(loaded.text)[0].text, loaded.doc_id, source_notes(loaded.text))


# --- the pure parts, table-driven -------------------------------------------------------------
@pytest.mark.parametrize("status, said, expected", [
    ("已废止", "", "已废止"),
    ("有效", "", "现行有效"),
    ("现行有效", "", "现行有效"),
    ("部分失效", "", "部分失效"),
    ("失效", "", "已失效"),
    ("尚未生效", "", "尚未施行"),
    ("", "已废止", "已废止"),  # "《X》（已废止）" after the title
    ("", "2016年修正", ""),  # a version, not a standing
    ("", "", ""),  # nothing said: 未识别, never a guess
])
def test_a_stated_status_is_read_and_nothing_else(status, said, expected):
    assert stated_status({"STATUS": status} if status else {}, said) == expected


def test_notes_are_read_from_the_head_of_the_text_as_loaded():
    raw = (DATA / REPEALED).read_text(encoding="utf-8")
    notes = source_notes(raw)
    assert notes["STATUS"] == "已废止" and notes["EFFECTIVE_TO"] == "2025-06-23"
    assert noted_dates(notes, "已废止") == (("施行", "2000-05-27"), ("废止", "2025-06-23"))
    assert noted_dates(notes, "现行有效") == (("施行", "2000-05-27"),)  # an end date only once it has ended
    assert source_notes("第一条 <!-- STATUS: 已废止 --> 在句中") == {}  # a whole-line note only


@pytest.mark.parametrize("text, names", [
    ("本条例自2024年5月1日起施行。《煤矿安全监察条例》和《国务院关于预防煤矿生产安全事故的特别规定》同时废止。",
     ("煤矿安全监察条例", "国务院关于预防煤矿生产安全事故的特别规定")),
    ("1993年10月12日北京市第十届人民代表大会常务委员会第六次会议通过的《北京市关于禁止燃放烟花爆竹的规定》同时废止",
     ("北京市关于禁止燃放烟花爆竹的规定",)),
    ("本预案自印发之日起实施，《X市突发事件总体应急预案》（X政发〔2015〕12号）同时废止。",
     ("X市突发事件总体应急预案",)),
    ("《北京市实施〈中华人民共和国防震减灾法〉办法》同时废止。", ("北京市实施〈中华人民共和国防震减灾法〉办法",)),
    # a law cited, not repealed
    ("依照《中华人民共和国立法法》的规定予以废止或者修改。", ()),
    ("对不符合本条例的规定，应当在一年内修改或者废止。", ()),
])
def test_instruments_a_text_repeals_are_those_named_right_before_the_word(text, names):
    assert repealed_names(text) == names


def test_names_compare_alike_across_bracket_styles_and_the_state_prefix():
    assert work_key("北京市实施〈中华人民共和国防震减灾法〉办法") == work_key("北京市实施《防震减灾法》办法")


def test_standing_words():
    assert standing_words("已废止", by_title="煤矿安全生产条例") == "已废止（被《煤矿安全生产条例》废止）"
    assert standing_words("已废止", "2025-06-23") == "已废止（2025-06-23）"
    assert standing_words("") == ""


# --- real documents ----------------------------------------------------------------------------
def test_a_regulation_marked_repealed_by_its_collection_says_so_in_its_metadata():
    m = _meta(DATA / REPEALED)
    assert (m.title, m.status) == ("蓄滞洪区运用补偿暂行办法", "已废止")
    assert ("废止", "2025-06-23") in m.dates
    assert repealed_in({REPEALED: m})[REPEALED] == Validity("已废止", "2025-06-23")


def test_the_seed_plans_state_no_standing(plans_copy):
    metas = {p.name: _meta(p) for p in sorted(plans_copy.glob("*.txt"))}
    assert all(not m.status and not m.repeals for m in metas.values())
    assert repealed_in(metas) == {}


def test_a_later_regulation_repealing_two_by_name_marks_both_and_only_them():
    if not all((LIBRARY / f).exists() for f in (COAL_NEW, COAL_OLD, COAL_RULE)):
        pytest.skip("the development library is not beside the project (../shared/library)")
    metas = {f: _meta(LIBRARY / f) for f in (COAL_NEW, COAL_OLD, COAL_RULE)}
    standing = repealed_in(metas)
    assert set(standing) == {COAL_OLD, COAL_RULE}
    assert standing[COAL_OLD].by_doc == COAL_NEW and standing[COAL_OLD].by_title == "煤矿安全生产条例"
    assert COAL_NEW not in standing  # the repealing regulation itself is not touched


def test_a_law_repealing_an_older_text_of_its_own_name_leaves_its_own_text_in_force():
    f = "law_河南省安全生产条例(2010-07-30).md"
    if not (LIBRARY / f).exists():
        pytest.skip("the development library is not beside the project (../shared/library)")
    m = _meta(LIBRARY / f)
    assert "河南省安全生产条例" in m.repeals  # "…通过的《河南省安全生产条例》同时废止": the 2005 text
    assert repealed_in({f: m}) == {}


# --- what a person sees --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def repealed_index(tmp_path_factory, embedder):
    return library_index(tmp_path_factory, embedder, [REPEALED], source=DATA)


def test_docs_lists_the_standing(repealed_index, capsys):
    from planqa.cli import main

    main(["docs", "--index", str(repealed_index.settings.index_dir), "--json"])
    row = json.loads(capsys.readouterr().out)["documents"][0]
    assert (row["status"], row["repealed_by"]) == ("已废止", None)
    assert {"event": "废止", "date": "2025-06-23"} in row["dates"]
    main(["docs", "--index", str(repealed_index.settings.index_dir)])
    assert "已废止（2025-06-23）" in capsys.readouterr().out


def test_an_answer_from_a_repealed_regulation_says_it_is_repealed(repealed_index):
    from rag.qa import QA

    a = QA(repealed_index, use_llm=False).ask("蓄滞洪区运用补偿工作由哪些部门负责？")
    assert not a.refused and "水行政主管部门" in a.answer
    assert a.answer.rstrip().endswith("所引《蓄滞洪区运用补偿暂行办法》已于2025年6月23日废止，以现行规定为准。）")
    assert all(c["status"] == "已废止" for c in a.citations)


def test_the_page_marks_a_repealed_documents_card_and_row():
    import ui

    card = ui.card_meta({"title": "煤矿安全监察条例", "status": "已废止", "region": "全国", "year": 2013,
                         "section": "第一章"})
    assert card.startswith("煤矿安全监察条例 · 已废止 · ")
    assert "已废止" not in ui.card_meta({"title": "X", "status": "现行有效"})
    row = {"doc": "d", "title": "t", "doc_type": "", "region": "", "period": "", "issuer": "", "level": "",
           "version": "", "chunks": 1, "corrected": [], "status": "已废止", "dates": [],
           "repealed_by": {"doc": "n", "title": "煤矿安全生产条例"}}
    assert "已废止（被《煤矿安全生产条例》废止）" in ui.library_row(row)
    assert len(ui.library_row(row)) == len(ui.LIBRARY_HEADERS)

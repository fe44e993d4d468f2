"""Metadata read from the documents themselves: the 116 library documents, the five plans, and
corrections ('planqa docs set') that survive re-ingest."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from ingest.cleaning import clean
from ingest.loaders import load_file
from ingest.metadata import clean_title, correction, head_events, infer_meta, law_head
from planqa.config import DOC_TYPES, doc_type_matches
from planqa.gazetteer import lookup
from planqa.records import DocMeta
from tests.conftest import PLANS, ROOT, SEEDS

from tests.conftest import LIBRARY  # noqa: E402
LIBRARY_FILES = sorted(p.name for p in LIBRARY.glob("*_*.*")) if LIBRARY.is_dir() else []
needs_library = pytest.mark.skipif(len(LIBRARY_FILES) < 116, reason=f"the development library is not at {LIBRARY}")


@lru_cache(maxsize=None)
def meta_of(path: str) -> DocMeta:
    loaded = load_file(Path(path), 50 * 1024 * 1024)
    return infer_meta(clean(loaded.text)[0].text, loaded.doc_id)


# --- checked by hand against each file's first lines ---------------------------------------------
# (file, title, type, region, year, issuer, version). Years of laws are the version's: the latest
# 修订/修正 the head records, else the year it was published (公布), approved (批准) or passed (通过).
LAWS = [
    ("law_人民防空法(2009-08-27).md", "中华人民共和国人民防空法", "法律", "全国", 2009, "全国人民代表大会常务委员会", "2009年修正"),
    ("law_防洪法(2016-07-02).md", "中华人民共和国防洪法", "法律", "全国", 2016, "全国人民代表大会常务委员会", "2016年修正"),
    ("law_防震减灾法(2008-12-27).md", "中华人民共和国防震减灾法", "法律", "全国", 2008, "全国人民代表大会常务委员会", "2008年修订"),
    ("law_特种设备安全法(2013-06-29).md", "中华人民共和国特种设备安全法", "法律", "全国", 2013, "全国人民代表大会常务委员会", "2013年"),
    ("law_矿山安全法(2009-08-27).md", "中华人民共和国矿山安全法", "法律", "全国", 2009, "全国人民代表大会常务委员会", "2009年修正"),
    # the head lists amendments up to 2011; the file name dates this version 2013 (SOURCES.md: "the date in
    # the name is the version's"): its year, without a kind of change nobody stated
    ("law_危险化学品安全管理条例(2013-12-07).md", "危险化学品安全管理条例", "行政法规", "全国", 2013, "国务院", "2013年"),
    ("law_军队参加抢险救灾条例(2005-06-07).md", "军队参加抢险救灾条例", "行政法规", "全国", 2005, "国务院、中央军事委员会", "2005年"),
    ("law_国务院关于特大安全事故行政责任追究的规定(2001-04-21).md", "国务院关于特大安全事故行政责任追究的规定", "行政法规", "全国", 2001, "国务院", "2001年"),
    ("law_地质灾害防治条例(2003-11-24).md", "地质灾害防治条例", "行政法规", "全国", 2003, "国务院", "2003年"),
    ("law_安全生产许可证条例(2014-07-29).md", "安全生产许可证条例", "行政法规", "全国", 2014, "国务院", "2014年"),
    ("law_抗旱条例(2009-02-26).md", "中华人民共和国抗旱条例", "行政法规", "全国", 2009, "国务院", "2009年"),
    ("law_森林防火条例(2008-12-01).md", "森林防火条例", "行政法规", "全国", 2008, "国务院", "2008年修订"),
    ("law_水库大坝安全管理条例(2018-03-19).md", "水库大坝安全管理条例", "行政法规", "全国", 2018, "国务院", "2018年"),
    ("law_防汛条例(2011-01-08).md", "中华人民共和国防汛条例", "行政法规", "全国", 2011, "国务院", "2011年"),
    ("law_煤矿安全监察条例(2013-07-18).md", "煤矿安全监察条例", "行政法规", "全国", 2013, "国务院", "2013年"),
    ("law_电力安全事故应急处置和调查处理条例(2011-07-07).md", "电力安全事故应急处置和调查处理条例", "行政法规", "全国", 2011, "国务院", "2011年"),
    # approved by the State Council, published by the ministry: the ministry's order says so
    ("law_矿山安全法实施条例(1996-10-30).md", "中华人民共和国矿山安全法实施条例", "行政法规", "全国", 1996, "劳动部", "1996年"),
    ("law_特种设备安全监督检查办法(2022-05-26).md", "特种设备安全监督检查办法", "规章", "全国", 2022, "国家市场监督管理总局", "2022年"),
    ("law_上海市实施《突发事件应对法》办法(2018-05-24).md", "上海市实施《中华人民共和国突发事件应对法》办法", "地方性法规", "上海市", 2018, "上海市人民代表大会常务委员会", "2018年修正"),
    ("law_上海市民防条例(2018-12-20).md", "上海市民防条例", "地方性法规", "上海市", 2018, "上海市人民代表大会常务委员会", "2018年修正"),
    ("law_上海市水上搜寻救助条例(2021-09-28).md", "上海市水上搜寻救助条例", "地方性法规", "上海市", 2021, "上海市人民代表大会常务委员会", "2021年"),
    # the head stops at the third amendment (2017); the file name dates this version 2021
    ("law_上海市防汛条例(2021-11-25).md", "上海市防汛条例", "地方性法规", "上海市", 2021, "上海市人民代表大会常务委员会", "2021年"),
    # the file name's later date in the same year is this version's publication: the head's 修订 stands
    ("law_重庆市防震减灾条例(2010-10-12).md", "重庆市防震减灾条例", "地方性法规", "重庆市", 2010, "重庆市人民代表大会常务委员会", "2010年修订"),
    ("law_北京市人民防空条例.md", "北京市人民防空条例", "地方性法规", "北京市", 2002, "北京市人民代表大会常务委员会", "2002年"),
    ("law_北京市安全生产条例(2022-05-25).md", "北京市安全生产条例", "地方性法规", "北京市", 2022, "北京市人民代表大会常务委员会", "2022年修订"),
    ("law_北京市安全生产条例.md", "北京市安全生产条例", "地方性法规", "北京市", 2016, "北京市人民代表大会常务委员会", "2016年修正"),
    ("law_北京市消防条例.md", "北京市消防条例", "地方性法规", "北京市", 2011, "北京市人民代表大会常务委员会", "2011年修订"),
    ("law_北京市实施《矿山安全法》办法(2021-09-24).md", "北京市实施《中华人民共和国矿山安全法》办法", "地方性法规", "北京市", 2021, "北京市人民代表大会常务委员会", "2021年修正"),
    ("law_广东省实施《消防法》办法(2022-03-29).md", "广东省实施《中华人民共和国消防法》办法", "地方性法规", "广东省", 2022, "广东省人民代表大会常务委员会", "2022年修订"),
    ("law_浙江省安全生产条例(2016-07-29).md", "浙江省安全生产条例", "地方性法规", "浙江省", 2016, "浙江省人民代表大会常务委员会", "2016年修订"),
    ("law_浙江省消防条例(2021-11-25).md", "浙江省消防条例", "地方性法规", "浙江省", 2021, "浙江省人民代表大会常务委员会", "2021年修正"),
    ("law_浙江省防震减灾条例(2017-11-30).md", "浙江省防震减灾条例", "地方性法规", "浙江省", 2021, "浙江省人民代表大会常务委员会", "2021年修正"),
    ("law_山东省消防条例(2015-07-24).md", "山东省消防条例", "地方性法规", "山东省", 2015, "山东省人民代表大会常务委员会", "2015年修正"),
    ("law_河南省安全生产条例(2010-07-30).md", "河南省安全生产条例", "地方性法规", "河南省", 2019, "河南省人民代表大会常务委员会", "2019年"),
    # city regulations: passed by the city's 人大常委会, approved by the province's
    ("law_宁波市生产经营单位安全生产主体责任规定(2021-04-02).md", "宁波市生产经营单位安全生产主体责任规定", "地方性法规", "宁波市", 2021, "宁波市人民代表大会常务委员会", "2021年"),
    ("law_杭州市安全生产监督管理条例(2010-10-11).md", "杭州市安全生产监督管理条例", "地方性法规", "杭州市", 2010, "杭州市人民代表大会常务委员会", "2010年"),
    ("law_济南市防震减灾条例(2011-11-25).md", "济南市防震减灾条例", "地方性法规", "济南市", 2011, "济南市人民代表大会常务委员会", "2011年"),
    ("law_烟台市安全生产监督管理条例(2018-01-23).md", "烟台市安全生产监督管理条例", "地方性法规", "烟台市", 2018, "烟台市人民代表大会常务委员会", "2018年"),
    ("law_青岛市森林防火条例(2018-11-30).md", "青岛市森林防火条例", "地方性法规", "青岛市", 2018, "青岛市人民代表大会常务委员会", "2018年修正"),
    ("law_汕头经济特区消防条例(2022-12-30).md", "汕头经济特区消防条例", "地方性法规", "汕头市", 2022, "汕头市人民代表大会常务委员会", "2022年修订"),
    # no head lines at all: nothing about who made it; a 条例 whose name has no place is national
    ("law_上海市烟花爆竹安全管理条例.md", "上海市烟花爆竹安全管理条例", "地方性法规", "上海市", None, "", ""),
    ("law_煤矿安全生产条例(2024-01-24).md", "煤矿安全生产条例", "行政法规", "全国", 2024, "", "2024年"),
]

# the provinces whose 2026 reports are in the library, as their subtitle lines name them
# ("——2026年1月26日在广东省第十四届人民代表大会第五次会议上"); five pages title the report only
# "政府工作报告" or "2026年政府工作报告" (广东, 贵州, 青海, 海南, 云南)
REPORT_PROVINCES = ["上海市", "云南省", "内蒙古自治区", "北京市", "吉林省", "天津市", "宁夏回族自治区", "安徽省", "山东省",
                    "山西省", "广东省", "广西壮族自治区", "新疆维吾尔自治区", "江西省", "河北省", "河南省", "海南省", "湖南省",
                    "甘肃省", "福建省", "西藏自治区", "贵州省", "重庆市", "青海省", "黑龙江省"]

PLANS_NOW = {  # exactly as before this change (title, region, year_from, year_to, type, issuer, level)
    "000_2b9f627f46ec8eee.txt": ("上海市应急管理局2022年工作要点", "上海市", 2022, 2022, "工作要点", "上海市应急管理局", "省级"),
    "001_b0a7b20fc2a42aef.txt": ("2020年全市应急管理工作要点", "南通市", 2020, 2020, "工作要点", "南通市应急管理局", "市级"),
    "002_3cc3db46b208897f.txt": ("崇明区应急管理“十四五”规划", "上海市崇明区", 2021, 2025, "规划", "上海市崇明区应急管理局", "区县级"),
    "003_ee2fde3bcb9135fe.txt": ("X市2022年应急管理工作计划", "X市", 2022, 2022, "工作计划", "X市应急管理局", "市级"),
    "004_5cc29d44ee9a572c.txt": ("绍兴市2022年应急管理工作要点", "绍兴市", 2022, 2022, "工作要点", "绍兴市应急管理局", "市级"),
}


@needs_library
@pytest.mark.parametrize("name, title, kind, region, year, issuer, version", LAWS, ids=[x[0][4:16] for x in LAWS])
def test_law_metadata_checked_by_hand(name, title, kind, region, year, issuer, version):
    m = meta_of(str(LIBRARY / name))
    assert (m.title, m.doc_type, m.region, m.year, m.issuer, m.version) == (title, kind, region, year, issuer, version)
    assert m.level == ("国家" if region == "全国" else {"province": "省级", "city": "市级"}[lookup(region)[0].level])
    assert m.work == re.sub(r"^中华人民共和国", "", title)


@needs_library
def test_file_name_is_only_a_marked_fallback():
    # the text of 煤矿安全生产条例 gives no date: its year comes from the file name, and says so
    assert meta_of(str(LIBRARY / "law_煤矿安全生产条例(2024-01-24).md")).from_file == ("year", "version")
    # a file name dated before what the text records does not win (2010 vs the 2019 text)
    m = meta_of(str(LIBRARY / "law_河南省安全生产条例(2010-07-30).md"))
    assert m.year == 2019 and m.from_file == ()
    # nor one in the same year as the head's last amendment (published/approved later that year)
    m = meta_of(str(LIBRARY / "law_青岛市森林防火条例(2018-11-30).md"))
    assert (m.version, m.from_file) == ("2018年修正", ())


@needs_library
def test_versions_of_one_law_are_one_work():
    new = meta_of(str(LIBRARY / "law_北京市安全生产条例(2022-05-25).md"))
    old = meta_of(str(LIBRARY / "law_北京市安全生产条例.md"))
    assert new.work == old.work == "北京市安全生产条例"
    assert (new.version, old.version) == ("2022年修订", "2016年修正")
    assert ("修订", "2022-05-25") in new.dates and ("通过", "2004-07-29") in old.dates


@needs_library
@pytest.mark.parametrize("province", REPORT_PROVINCES)
def test_report_metadata_checked_by_hand(province):
    m = meta_of(str(LIBRARY / f"report_2026_{province}_政府工作报告.txt"))
    assert (m.title, m.doc_type, m.region, m.year) == (f"2026年{province}政府工作报告", "政府工作报告", province, 2026)
    assert (m.issuer, m.level, m.version) == (f"{province}人民政府", "省级", "")


@needs_library
def test_every_library_document_is_labelled_from_its_text():
    assert len(LIBRARY_FILES) == 116
    for name in LIBRARY_FILES:
        m = meta_of(str(LIBRARY / name))
        raw = (LIBRARY / name).read_text(encoding="utf-8")
        assert "应急管理文件" not in m.title and m.title, name
        assert m.doc_type in DOC_TYPES and m.doc_type != "其他", name
        assert m.region == "全国" or [p.full for p in lookup(m.region)][:1] == [m.region], (name, m.region)
        assert m.level in ("国家", "省级", "市级", "区县级"), name
        assert m.from_file in ((), ("year", "version")), name  # never a title from the file name here
        if name.startswith("law_"):
            first = raw.split("\n", 1)[0].lstrip("#").strip()
            assert m.title == first, name  # the law's own heading
            head = re.sub(r"第[一二三四五六七八九十]+届|中华人民共和国|\s", "", "".join(raw.split("<!-- INFO END -->")[0]))
            # nothing invented: the issuer is named in the head, the year is one of its dates
            assert m.issuer == "" or all(part in head for part in m.issuer.split("、")), (name, m.issuer)
            assert m.year is None or f"{m.year}年" in head or "year" in m.from_file, (name, m.year)
            if m.doc_type in ("法律", "行政法规"):
                assert (m.region, m.level) == ("全国", "国家"), name
            if m.doc_type == "地方性法规":
                assert m.region in m.title or lookup(m.region)[0].short in m.title, name


@pytest.mark.parametrize("name", SEEDS)
def test_the_five_plans_are_labelled_as_before(name):
    m = meta_of(str(PLANS / name))
    assert (m.title, m.region, m.year_from, m.year_to, m.doc_type, m.issuer, m.level) == PLANS_NOW[name]
    assert m.from_file == ()


# --- the rules, on small inputs -------------------------------------------------------------------
def test_head_statements_split_at_each_date():
    # one line of 青岛市森林防火条例's head holds four statements
    line = ("2007年1月1日施行根据2010年11月25日山东省第十一届人民代表大会常务委员会第二十次会议批准的2010年10月29日"
            "青岛市第十四届人民代表大会常务委员会第二十一次会议《关于修改部分地方性法规的决定》第一次修正")
    assert [(k, d) for k, d, _ in head_events([line])] == [("施行", "2007-01-01"), ("批准", "2010-11-25"), ("修正", "2010-10-29")]
    # the name of the amending decision is not the event: 修订通过 is a revision, 通过的《…》修正 an amendment
    assert head_events(["2011年2月16日国务院第144次常务会议修订通过"])[0][0] == "修订"
    assert head_events(["1997年9月4日北京市…会议通过的《关于修改〈X办法〉的决定》修正"])[0][0] == "修正"
    assert head_events(["——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上"]) == []  # a speech is no event


def test_titles_lose_quotes_and_trailing_dates():
    assert clean_title("《中华人民共和国安全生产法》（2021年修正）") == ("中华人民共和国安全生产法", "2021年修正")
    assert clean_title("上海市消防条例(2020-03-19)") == ("上海市消防条例", "2020-03-19")
    assert clean_title("上海市实施《中华人民共和国突发事件应对法》办法")[0] == "上海市实施《中华人民共和国突发事件应对法》办法"


def test_law_given_as_plain_text_with_its_dates_in_parentheses():
    text = ("中华人民共和国突发事件应对法\n（2007年8月30日第十届全国人民代表大会常务委员会第二十九次会议通过　"
            "2024年6月28日第十四届全国人民代表大会常务委员会第十次会议修订）\n目录\n第一章 总则\n第一条 为了预防……")
    m = infer_meta(text, "突发事件应对法.txt")
    assert (m.title, m.work, m.doc_type, m.region, m.version, m.year) == (
        "中华人民共和国突发事件应对法", "突发事件应对法", "法律", "全国", "2024年修订", 2024)
    assert law_head(text)[0].startswith("（2007年")


def test_law_published_under_an_order():
    # a regulation as the State Council publishes it: the order first, the title after the signature
    text = ("中华人民共和国国务院令\n第774号\n《煤矿安全生产条例》已经2024年1月19日国务院第24次常务会议通过，现予公布，"
            "自2024年5月1日起施行。\n总理　李强\n2024年1月24日\n煤矿安全生产条例\n第一章　总则\n第一条　为了加强煤矿安全生产工作……")
    m = infer_meta(text, "煤矿安全生产条例.docx")
    assert (m.title, m.doc_type, m.region, m.issuer, m.year, m.version) == ("煤矿安全生产条例", "行政法规", "全国", "国务院", 2024, "2024年")
    assert m.dates == (("通过", "2024-01-19"), ("施行", "2024-05-01"), ("公布", "2024-01-24"))


def test_report_title_variants_and_a_province_named_only_in_the_text():
    m = infer_meta("首页\n2026年江苏省政府工作报告（全文）\n——2026年1月在江苏省第十四届人民代表大会第四次会议上\n各位代表：")
    assert (m.title, m.region, m.year) == ("2026年江苏省政府工作报告", "江苏省", 2026)
    # "在省十四届人大四次会议上" names no province: the one the report speaks of throughout
    m = infer_meta("政府工作报告\n——2026年1月27日在省十四届人大四次会议上\n各位代表：\n现在，我代表省人民政府。"
                   "过去一年，浙江经济稳中有进，全省……浙江坚持……浙江省……")
    assert (m.title, m.region, m.issuer, m.level) == ("2026年浙江省政府工作报告", "浙江省", "浙江省人民政府", "省级")


def test_a_local_congress_makes_a_local_regulation_even_of_an_unknown_place():
    known = infer_meta("延边朝鲜族自治州自治条例\n（1985年4月24日延边朝鲜族自治州第八届人民代表大会第四次会议通过）\n第一条 ……")
    assert (known.doc_type, known.region, known.issuer) == ("地方性法规", "延边朝鲜族自治州", "延边朝鲜族自治州人民代表大会")
    unknown = infer_meta("某某自治县自治条例\n（2001年3月1日某某自治县第十三届人民代表大会第一次会议通过）\n第一条 ……")
    assert (unknown.doc_type, unknown.region, unknown.level, unknown.issuer) == ("地方性法规", "", "", "")


def test_a_prefectures_regulation_is_its_own_congress_s_not_the_approving_province_s():
    # the head as the national database writes it: the prefecture's 人大常委会 in short, then the approval
    m = infer_meta("# 凉山彝族自治州森林草原防灭火条例\n\n2020年12月31日 凉山州十一届人大常委会第二十九次会议通过\n\n"
                   "2021年1月27日 四川省第十三届人民代表大会常务委员会第二十五次会议批准）\n\n## 第一章 总 则\n\n第一条 ……")
    assert (m.doc_type, m.region, m.issuer) == ("地方性法规", "凉山彝族自治州", "凉山彝族自治州人民代表大会常务委员会")


def test_a_government_order_is_a_rule_and_a_notice_names_its_issuer():
    rule = infer_meta("杭州市生产安全事故应急预案管理办法\n（2019年3月5日杭州市人民政府令第315号公布　自2019年5月1日起施行）\n"
                      "第一条 为了规范……")
    assert (rule.doc_type, rule.issuer, rule.region, rule.level, rule.year) == ("规章", "杭州市人民政府", "杭州市", "市级", 2019)
    notice = infer_meta("应急管理部关于印发《安全生产执法手册》的通知\n各省应急管理厅：\n……\n应急管理部\n2022年5月1日")
    assert (notice.doc_type, notice.issuer, notice.region, notice.level) == ("规范性文件", "应急管理部", "全国", "国家")


def test_a_rule_with_no_head_lines_and_no_place_is_a_national_ministry_rule():
    # LawRefBook's 道路交通事故处理程序规定 (公安部令) has its title and articles only: a 规定 with no place
    # is a ministry's rule, national; its issuer is not said, so none is given
    rule = infer_meta("# 道路交通事故处理程序规定\n\n<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 为了规范道路交通事故处理程序……")
    assert (rule.doc_type, rule.region, rule.level, rule.issuer) == ("规章", "全国", "国家", "")
    # a local measure names its place, and an implementing measure is not a ministry's rule
    local = infer_meta("# 杭州市燃气安全管理办法\n\n第一条 为了……")
    assert local.region == "杭州市"
    implementing = infer_meta("# 实施细则\n\n第一条 ……")
    assert implementing.doc_type != "规章"


def test_no_title_in_the_text_falls_back_to_the_file_name_and_says_so():
    m = infer_meta("各有关单位要做好以下几项工作，认真落实责任。\n一、加强值守", "law_某某文件_2019.txt")
    assert m.title == "某某文件 2019" and m.from_file == ("title", "year") and m.region == "" and m.issuer == ""


def test_old_stored_rows_still_load():
    old = {"title": "t", "region": "绍兴市", "year_from": 2022, "year_to": 2022, "doc_type": "工作要点", "issuer": ""}
    assert DocMeta.from_dict(old) == DocMeta("t", "绍兴市", 2022, 2022, "工作要点", "")
    new = DocMeta.from_dict({**old, "dates": [["通过", "2004-07-29"]], "from_file": ["year"], "later_field": 1})
    assert new.dates == (("通过", "2004-07-29"),) and new.from_file == ("year",)
    hash(new)  # still a frozen, hashable record


def test_type_filter_names_and_groups():
    assert doc_type_matches("规划", "规划") and not doc_type_matches("规划", "工作要点")
    assert doc_type_matches("法规", "地方性法规") and doc_type_matches("法律法规", "法律")
    assert not doc_type_matches("法规", "政府工作报告") and doc_type_matches("预案", "应急预案")
    assert doc_type_matches("", "其他")


def test_corrections_are_checked():
    assert correction(region="宁波") == {"region": "宁波市", "level": "市级"}
    assert correction(region="全国", year=2024) == {"region": "全国", "level": "国家", "year_from": 2024, "year_to": 2024}
    for bad, needle in ((dict(doc_type="法规文件"), "未知的文档类型"), (dict(region="火星市"), "不认识的地区"),
                        (dict(year=20), "年份"), (dict(title=" "), "标题"), ({}, "没有要更正")):
        with pytest.raises(ValueError, match=needle):
            correction(**bad)


# --- planqa docs / docs set, end to end -----------------------------------------------------------
def _planqa(*args: str, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planqa.cli", *args, "--index", str(index)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def _docs(index: Path) -> dict[str, dict]:
    r = _planqa("docs", "--json", index=index)
    assert r.returncode == 0, r.stderr
    return {d["doc"]: d for d in json.loads(r.stdout)["documents"]}


@needs_library
def test_docs_set_corrects_now_and_survives_reingest(tmp_path):
    # a real regulation cut after its third article (a few passages to embed)
    raw = (LIBRARY / "law_军队参加抢险救灾条例(2005-06-07).md").read_text(encoding="utf-8")
    law = tmp_path / "files" / "law.md"
    law.parent.mkdir()
    law.write_text(raw[: raw.index("第四条")], encoding="utf-8")
    idx = tmp_path / "idx"
    assert _planqa("ingest", str(law.parent), "--json", index=idx).returncode == 0
    before = _docs(idx)["law.md"]
    assert (before["doc_type"], before["region"], before["year"], before["issuer"]) == ("行政法规", "全国", 2005, "国务院、中央军事委员会")
    assert set(before) >= {"doc", "title", "doc_type", "region", "year", "period", "issuer", "level", "version", "chunks"}

    # wrong input: a clear Chinese error, exit 2, nothing changed
    for args, needle in ((("nosuch.md", "--title", "x"), "库中没有文档"), (("law.md", "--type", "法规文件"), "未知的文档类型"),
                         (("law.md", "--region", "火星市"), "不认识的地区")):
        r = _planqa("docs", "set", *args, index=idx)
        assert r.returncode == 2 and needle in r.stderr, r.stderr
    assert _docs(idx)["law.md"] == before

    r = _planqa("docs", "set", "law.md", "--title", "某省军队参加抢险救灾条例", "--region", "浙江", "--type", "地方性法规",
                "--year", "2006", "--issuer", "浙江省人民代表大会常务委员会", index=idx)
    assert r.returncode == 0, r.stderr
    fixed = _docs(idx)["law.md"]
    want = ("某省军队参加抢险救灾条例", "地方性法规", "浙江省", 2006, "浙江省人民代表大会常务委员会", "省级")
    assert (fixed["title"], fixed["doc_type"], fixed["region"], fixed["year"], fixed["issuer"], fixed["level"]) == want
    # filters and citations see it at once
    r = _planqa("retrieve", "抢险救灾", "--type", "地方性法规", "--region", "浙江", "--json", index=idx)
    passages = json.loads(r.stdout)["passages"]
    assert passages and all((p["doc"], p["title"], p["region"]) == ("law.md", want[0], "浙江省") for p in passages)
    assert json.loads(_planqa("retrieve", "抢险救灾", "--type", "行政法规", "--json", index=idx).stdout)["passages"] == []

    # the file changes and is ingested again: the correction is applied again
    law.write_text(raw[: raw.index("第五条")], encoding="utf-8")
    out = json.loads(_planqa("ingest", str(law.parent), "--json", index=idx).stdout)
    assert out["replaced"] > 0
    again = _docs(idx)["law.md"]
    assert (again["title"], again["doc_type"], again["region"], again["year"], again["issuer"], again["level"]) == want
    assert again["chunks"] > before["chunks"] and again["version"] == "2005年"  # what was not corrected is re-read


# the opening of the State Council's 2022 report as one scrape has it: its title line lost
NATIONAL_REPORT_2022 = ("各位代表：\r\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\r\n"
                        "一、2021年工作回顾\r\n过去一年是党和国家历史上具有里程碑意义的一年。"
                        "北京冬奥会、冬残奥会成功举办。")
NATIONAL_REPORT_2024 = ("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强\n"
                        "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n"
                        "一、2023年工作回顾\n过去一年，是全面贯彻党的二十大精神的开局之年。")


@pytest.mark.parametrize("text, year", [(NATIONAL_REPORT_2022, 2022), (NATIONAL_REPORT_2024, 2024)])
def test_the_national_work_report(text, year):
    from ingest.metadata import infer_meta

    m = infer_meta(text, "report.txt")
    assert (m.doc_type, m.region, m.issuer, m.level, m.year_from) == ("政府工作报告", "全国", "国务院", "国家", year)
    assert m.title == f"{year}年政府工作报告"  # not 北京市, which the text names (冬奥会), nor the review's 2021


def test_a_ministrys_rule_named_a_standard_is_a_rule_when_its_order_stands_under_the_title():
    # the head of 煤矿重大事故隐患判定标准 (应急管理部令第4号), as Theonefkguy/Chinese-Laws publishes it
    head = ("# 煤矿重大事故隐患判定标准\n\n2020年11月20日中华人民共和国应急管理部令第4号公布，2021年1月1日起实施。\n\n"
            "第一条 为了准确认定、及时消除煤矿重大事故隐患，根据《中华人民共和国安全生产法》等法律、行政法规，制定本标准。\n")
    m = infer_meta(clean(head)[0].text)
    assert (m.title, m.doc_type, m.issuer, m.region) == ("煤矿重大事故隐患判定标准", "规章", "应急管理部", "全国")
    # the date run into the ministry (no 中华人民共和国 between) is no part of its name
    head = ("# 安全生产违法行为行政处罚办法\n\n2025年11月27日 应急管理部公布\n\n"
            "（2025年11月27日应急管理部令第18号公布，自2026年2月1日起施行。）\n\n第一条 为依法惩治安全生产违法行为，制定本办法。\n")
    assert infer_meta(clean(head)[0].text).issuer == "应急管理部"
    # an administration's order written "第44号令", and its name before 公布 (防雷减灾管理办法, 中国气象局令)
    head = ("# 防雷减灾管理办法\n\n2025年3月31日 中国气象局公布\n\n防雷减灾管理办法（2025年3月31日中国气象局第44号令公布，"
            "自2025年6月1日起施行）\n\n## 第一章 总则\n\n第一条 为了加强雷电灾害防御工作，制定本办法。\n")
    m = infer_meta(clean(head)[0].text)
    assert (m.doc_type, m.issuer, m.region) == ("规章", "中国气象局", "全国")
    # a standard with no order under it is no law: its genre word is not enough
    m = infer_meta(clean("应急避难场所建设标准\n\n第一条 为规范应急避难场所建设，制定本标准。\n")[0].text)
    assert m.doc_type != "规章" and not m.issuer


def test_a_note_inside_the_title_marks_is_not_the_name():
    # 《湖南省水上交通安全条例（通过稿）》: the adopted text's note sits inside the marks
    assert clean_title("《湖南省水上交通安全条例（通过稿）》") == ("湖南省水上交通安全条例", "通过稿")
    assert clean_title("长江流域控制性水工程联合调度管理办法（试行）")[0].endswith("（试行）")


def test_a_city_regulation_made_at_a_session_and_approved_by_its_province():
    # 南京市房屋使用安全管理条例 as Theonefkguy/Chinese-Laws publishes it: "制定" at the session, and the first
    # article run into its chapter's heading (a law all the same)
    head = ("# 南京市房屋使用安全管理条例\n\n2017年6月27日 南京市第十五届人民代表大会常务委员会第三十四次会议制定"
            "2017年7月21日江苏省第十二届人民代表大会常务委员会第三十一次会议批准）\n\n<!-- LEGAL_HEADER_END -->\n\n"
            "## 第一章 总则第一条 为了加强房屋安全管理，保障房屋使用安全，制定本条例。\n")
    m = infer_meta(clean(head)[0].text)
    assert (m.doc_type, m.region, m.issuer, m.version) == ("地方性法规", "南京市", "南京市人民代表大会常务委员会", "2017年")
    # 安庆's head kept only the province's session (its approval): the city's council still made it
    head = ("# 安庆市危险化学品安全管理条例\n\n2018年11月23日 安徽省第十三届人民代表大会常务委员会第六次会议通过\n\n"
            "<!-- INFO END -->\n\n第一条 为了加强危险化学品的安全管理，制定本条例。\n")
    m = infer_meta(clean(head)[0].text)
    assert (m.doc_type, m.region, m.issuer) == ("地方性法规", "安庆市", "安庆市人民代表大会常务委员会")
    # a province's own regulation keeps its province's council
    head = ("# 江苏省安全生产条例\n\n2016年10月19日 江苏省第十二届人民代表大会常务委员会第二十六次会议修订\n\n"
            "第一条 为了加强安全生产工作，制定本条例。\n")
    assert infer_meta(clean(head)[0].text).issuer == "江苏省人民代表大会常务委员会"

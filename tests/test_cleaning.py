import re

import pytest

from ingest.cleaning import LOST, clean, profile
from tests.conftest import SEEDS, read_seed


@pytest.fixture(scope="module")
def c000():
    return clean(read_seed("000_2b9f627f46ec8eee.txt"))[0].text


@pytest.fixture(scope="module")
def c002():
    return clean(read_seed("002_3cc3db46b208897f.txt"))[0].text


def test_000_shifted_last_characters_repaired(c000):
    assert "各直属事业单位：\n" in c000  # 单位9/p>
    assert "请结合实际认真贯彻落实。\n" in c000  # 、/p>
    assert "\n上海市应急管理局2022年工作要点\n" in c000  # 要炸/p>
    assert "激励干部队伍担当作为\n" in c000  # 作丹/p>
    assert "/p>" not in c000


def test_000_entities_and_lost_characters_marked(c000):
    assert "组织开□“责任主体谈主体责□”" in c000  # ?ldquo; / ?rdquo;
    assert "市政府总值班室□10警情□19火情" in c000  # ?10 is 110, but the digit is lost: marked, not guessed
    assert "ldquo" not in c000 and "rdquo" not in c000
    assert "?" not in c000
    assert "有效降低城市安全风□\n" in c000  # ?/p>: the last character itself was lost


def test_002_banner_page_numbers_and_spaces(c002):
    raw = read_seed("002_3cc3db46b208897f.txt")
    assert "淘文阁" in raw and "淘文阁" not in c002
    assert "由会员分享" not in c002
    assert "齐抓共管、失职追责”的要求" in c002  # "失职\n5、追责": page break joined, number gone
    assert "提升应急科技保障水平" in c002  # "应急科\n44、技保障"
    assert not re.search(r"(^|\n)\d{1,2}、", c002)
    assert "落 实" not in c002 and "全面贯彻落实中共中央" in c002
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", c002)
    assert not c002.rstrip().endswith("限制150内")


def test_001_trailer_dropped():
    text = clean(read_seed("001_b0a7b20fc2a42aef.txt"))[0].text
    assert "本文共约字" not in text
    assert text.endswith("聚焦安全生产突出问题和事故")


def test_clean_documents_are_left_alone():
    for name in ("003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt"):
        raw = read_seed(name)
        p = profile(raw)
        assert not (p.html_shift or p.page_numbers), name
        text = clean(raw)[0].text
        assert LOST not in text
        # clean text keeps every non-space character of the original, in order
        assert re.sub(r"\s", "", text) == re.sub(r"\s", "", raw)


@pytest.mark.parametrize("name", SEEDS)
def test_offset_map_points_at_the_origin(name):
    raw = read_seed(name)
    t, _ = clean(raw)
    assert len(t.starts) == len(t.text) == len(t.ends)
    assert all(t.starts[i] <= t.starts[i + 1] for i in range(len(t.text) - 1))
    for i, ch in enumerate(t.text):
        a, b = int(t.starts[i]), int(t.ends[i])
        src = raw[a:b]
        if src == ch:
            continue
        # a repaired character: its origin is the damaged text it replaced
        assert (ch == LOST and "?" in src or src.endswith("/p>") or src.endswith(";") or ch == "\n" or ch == " "
                or (ch, src) == ("。", "o")), (i, ch, src)  # an OCR'd full stop


def test_002_ocr_full_stop_before_a_heading():
    """"覆盖率达到100%o六、提升综合救援能力水平": the "o" was a "。", and the 六、 heading is restored."""
    t, _ = clean(read_seed("002_3cc3db46b208897f.txt"))
    assert "100%。六、提升综合救援能力水平" in t.text
    i = t.text.index("100%。六、") + 4
    a, b = t.raw_span(i, i + 1)
    assert read_seed("002_3cc3db46b208897f.txt")[a:b] == "o"


# --- hard wrapping: only a line broken mid-sentence at the page's width is joined (real snippets of
# tests/data/unseen_genres: 岑溪 and 石柱 are not wrapped, their outlines are lines; 桐乡 is a PDF preview) ---
CENXI = """岑溪市人民政府办公室关于印发我市防御台风应急预案的通知(2024修订)
- 制定机关: 广西梧州岑溪市人民政府
- 发文字号:岑政办发〔2024〕21号
- 公布年份:2024.03.29
岑溪市人民政府办公室关于印发我市防御台风应急预案的通知
岑政办发〔2024〕21号
各镇人民政府,市政府各部门,各企事业单位:
岑溪市人民政府办公室
2024年3月29日
岑溪市防御台风应急预案
目 录
1 总 则
1.1 编制目的
1.2 编制依据
2 区域概况
2.1 自然地理
2.2 台风风险分析
3 组织机构及职责
3.1 组织机构
3.2 成员单位及有关部门职责
4 预防、监测和预警
4.3 预警
4.3.1 台风预警级别
8 附 则
8.5 预案实施时间
1 总 则
1.1 编制目的
为科学、高效、有"""

SHIZHU = """石柱府办发〔2023〕41号
石柱土家族自治县人民政府办公室
关于印发《石柱土家族自治县地质灾害
应急预案》的通知
各乡镇(街道)人民政府(办事处),县政府有关部门,有关单位:
《石柱土家族自治县地质灾害应急预案》已经县政府同意,现印发给你们,请认真贯彻落实。
石柱土家族自治县人民政府办公室
2023年4月18日
(此件公开发布)
石柱土家族自治县地质灾害应急预案
石柱县抗震救灾和地质灾害防治救援指挥部办公室
2023年4月
— 1 —
目 录
— 1 —
1总则
1.1编制目的
以习近平新时代中国特色社会主义思想为指导,深入贯彻落实习近平总书记关于防灾减灾救灾重要论述。
1.2编制依据
依据《中华人民共和国突发事件应对法》、《地质灾害防治条例》等法律、法规和有关文件精神,制定本预案。
1.3工作原则
以人为本,生命至上。坚持以人民为中心的发展思想,把保障人民群众生命安全放在首位。"""

TONGXIANG = """市应急管理局2024年工作要点

VIP专免
侵权投诉
市应急管理局 2024 年工作要点
  2024 年全市应急管理工作总体要求是:坚持以习近平
新时代中国特色社会主义思想为指导,深入学习贯彻习近
平总书记考察浙江重要讲话精神和关于应急管理重要论述
精神,统筹高质量发展和高水平安全,以“遏较大、降一
般、提本质”为目标,以推进基层应急消防治理体系建设
和降低化工集聚区安全风险为主线,以治本攻坚和群防群
治为着力点,守牢安全底线之“稳”、推动高水平安全之
“勇当先行者、谱写新篇章”的征程中加快建设数字文明
共富美好新桐乡提供坚强的应急管理保障。
  一、主要目标
  ——应急救援方面:围绕突发事件应急处置能力提升,
巩固应急救援规范化建设成果,健全防汛防台、危化品事
故等应急救援工作机制,持续推进应急救援队伍能力建设
专项预案修订率达到 100%
  ——基层基础方面:加强基层应急消防治理体系建设
3月底前实现 11 个镇(街道)应急消防管理站建设全覆盖
6月底前,专职消防队建设达标率达到 100%,村(社
区)网格协同开展安全生产、消防安全、防灾减灾救灾等
工作覆盖率达到 100%
  二、重点工作
  (一)开展基层应消治理体系建设行动
  1.高效统筹推进。全面落实《基层应急消防治理体系建
设任务清,推动应急管理重、力量下、保障"""


def _paths(text: str) -> list[str]:
    from tests.test_unseen_genres import paths

    return paths(text)


@pytest.mark.parametrize("raw", [CENXI, SHIZHU], ids=["cenxi", "shizhu"])
def test_titles_tables_of_contents_and_headings_stay_lines(raw):
    """A notice's title, 文号, signature and date, a table of contents and a decimal outline are short lines
    that end where they end: the text is not hard-wrapped, and every line stays a line."""
    assert not profile(raw).hard_wrapped
    t, _ = clean(raw)
    assert [ln.replace(" ", "") for ln in t.text.split("\n")] == [ln.replace(" ", "") for ln in raw.split("\n")]


def test_cenxi_and_shizhu_outlines_recovered():
    assert _paths(clean(CENXI)[0].text)[:5] == ["1 总则", "1 总则 > 1.1 编制目的", "1 总则 > 1.2 编制依据",
                                                "2 区域概况", "2 区域概况 > 2.1 自然地理"]
    assert _paths(clean(SHIZHU)[0].text) == ["1总则", "1总则 > 1.1编制目的", "1总则 > 1.2编制依据",
                                             "1总则 > 1.3工作原则"]


def test_a_hard_wrapped_pdf_preview_joins_only_its_broken_sentences():
    t, p = clean(TONGXIANG)
    assert p.hard_wrapped
    lines = t.text.split("\n")
    # the title and the site's buttons stay lines; the paragraph under them is one line again
    assert "市应急管理局2024年工作要点" in lines and "侵权投诉" in lines
    assert ("  2024 年全市应急管理工作总体要求是:坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平总书记"
            "考察浙江重要讲话精神") in t.text
    assert "  一、主要目标" in lines and "  二、重点工作" in lines and "  (一)开展基层应消治理体系建设行动" in lines
    assert "持续推进应急救援队伍能力建设专项预案修订率达到 100%" in t.text  # an item whose full stop was lost
    assert "3月底前实现 11 个镇" in t.text and "建设3月底前" in t.text  # "3月" is a date, not an item 3.
    assert "1.高效统筹推进。全面落实《基层应急消防治理体系建设任务清" in t.text  # an item's sentence wraps too
    assert _paths(t.text) == ["一、主要目标", "二、重点工作", "二、重点工作 > (一)开展基层应消治理体系建设行动",
                              "二、重点工作 > (一)开展基层应消治理体系建设行动 > 1.高效统筹推进"]
    # a join deletes the newline only: every other character maps back to itself
    for i, ch in enumerate(t.text):
        a, b = t.raw_span(i, i + 1)
        assert TONGXIANG[a:b] == ch or ch in " \n", (i, ch, TONGXIANG[a:b])


@pytest.mark.parametrize("line,nxt,joined", [
    ("市应急管理局 2024 年工作要点", "2024 年全市应急管理工作总体要求是", False),  # a title
    ("岑溪市人民政府办公室", "2024年3月29日", False),  # a signature
    ("2024年3月29日", "岑溪市防御台风应急预案", False),  # its date
    ("关于印发我市防御台风应急预案的通知", "岑政办发〔2024〕21号", False),
    ("1.1 编制目的", "为科学、高效、有序地做好台风防御工作", False),  # a heading
    ("第一章 总 则", "第二章 火灾预防", False),  # a table of contents
    ("一、主要目标", "各类生产安全事故起数、死亡人数双下降", False),
    ("（一）开展基层应消治理体系建设行动", "全面落实基层应急消防治理体系", False),
    ("附件1", "任务分工表", False),
    ("总则……………………………………1", "编制目的…………………………1", False),  # TOC lines with leader dots
    ("应急响应 .......... 12", "保障措施 .......... 15", False),
    ("共富美好新桐乡提供坚强的应急管理保障。", "安全生产方面确保各类生产安全事故起", False),  # a sentence ends
    ("确保预案中的各项工作落实到位；", "坚持以人民为中心的发展思想把保障人", False),
    ("平总书记考察浙江重要讲话精神和关于应急管理重要论述", "精神,统筹高质量发展和高水平安全", True),
    ("和降低化工集聚区安全风险为主线,以治本攻坚和群防群", "治为着力点,守牢安全底线之“稳”", True),
    ("展预案演练，提高预案实效性。②做好应急值守准备，领导带班和2", "4小时专人值班值守制度", True),  # a split figure
    ("巩固应急救援规范化建设成果,健全防汛防台、危化品事", "  ——基层基础方面:加强基层应急消防", False),  # an indent
    ("巩固应急救援规范化建设成果,健全防汛防台、危化品事", "二、重点工作", False),  # and a heading open a paragraph
])
def test_which_line_breaks_a_wrapped_text_joins(line, nxt, joined):
    """Each pair from the real files, set in a hard-wrapped page of 25-character lines."""
    page = "\n".join(TONGXIANG.split("\n")[5:14])  # nine wrapped lines of 桐乡
    raw = f"{page}\n{line}\n{nxt}\n{page}"
    assert profile(raw).hard_wrapped
    text = clean(raw)[0].text
    assert (f"{line.strip()}{nxt.strip()}".replace(" ", "") in text.replace(" ", "")) is joined


def test_article_lines_as_wide_as_the_page_wrap():
    """A law's article is text: "第三条 …纳入国民" filling the page goes on; "第一章 总则" does not."""
    raw = ("第一章 总则\n第一条 为了加强人民防空工作，保护人民的生命和财产\n安全，保障社会主义现代化建设的顺利进行，\n"
           "制定本法。\n") * 6 + "第三条 县级以上人民政府应当将人民防空建设纳入国民\n经济和社会发展计划。\n"
    t, p = clean(raw)
    assert p.hard_wrapped
    assert "第三条 县级以上人民政府应当将人民防空建设纳入国民经济和社会发展计划。" in t.text
    assert "第一条 为了加强人民防空工作，保护人民的生命和财产安全，保障社会主义现代化建设的顺利进行，制定本法。" \
        in t.text
    assert t.text.count("第一章总则\n第一条") == 6  # join_cjk_spaces: 第一章总则, as always

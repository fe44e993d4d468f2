import pytest

from ingest.chunking import chunk_document
from ingest.cleaning import LOST, clean
from ingest.metadata import infer_meta
from ingest.structure import parse_blocks, path_label
from tests.conftest import SEEDS, read_seed


def chunks_of(name):
    t, _ = clean(read_seed(name))
    return t, parse_blocks(t.text), chunk_document(name, t, parse_blocks(t.text), infer_meta(t.text))


def find(chunks, prefix):
    hits = [c for c in chunks if c.text.startswith(prefix) or ("\n" + prefix) in c.text]
    assert hits, prefix
    return hits[0]


def test_shaoxing_item_6_is_under_section_3():
    _, _, chunks = chunks_of("004_5cc29d44ee9a572c.txt")
    c = find(chunks, "6.强化森林防灭火工作")
    assert c.section == "三、重点工作 > (三)强化自然灾害防御专业化保障 > 6.强化森林防灭火工作"


def test_x_city_items_and_circled_subitems():
    _, _, chunks = chunks_of("003_ee2fde3bcb9135fe.txt")
    c = find(chunks, "6.市安委办抓好督促落实")
    assert c.section.startswith("三、主要任务 > （二）全面开展安全生产专项行动 > 6.市安委办抓好督促落实")
    sub = [x for x in chunks if x.section.endswith("4.持之以恒加强队伍建设 > ②通过安委办、减灾办等平台")]
    assert sub, "① ② sub-items get their own path level"


def test_nantong_yishi_items():
    _, _, chunks = chunks_of("001_b0a7b20fc2a42aef.txt")
    c = find(chunks, "二是健全数据信息共享机制")
    assert c.section == "二、推进应急协同机制健全完善,确保高效运行 > 二是健全数据信息共享机制"


def test_shanghai_sections_after_repair():
    _, _, chunks = chunks_of("000_2b9f627f46ec8eee.txt")
    c = find(chunks, "(三)严防危险化学品系统性安全风险")
    assert c.section == "二、全力推进动态隐患清零,坚决防控城市安全风险 > (三)严防危险化学品系统性安全风险"


def test_chongming_headings_glued_in_pdf_scrape():
    _, _, chunks = chunks_of("002_3cc3db46b208897f.txt")
    tops = {c.top_section for c in chunks}
    assert {"第二章总体要求", "第五章保障措施", "第三章“十四五”时期主要任务"} <= tops
    c = find(chunks, "(二)完善应急协同联动机制")
    assert c.section.endswith("> (二)完善应急协同联动机制")


def test_pages_out_of_order_do_not_put_sections_under_the_wrong_chapter():
    """002's pages are scrambled: chapter 3's tasks follow 第一章's opening and 第一章's
    "存在的主要问题" sits inside 第五章. Those sections keep their own headings and lose the wrong
    chapter; chapters whose sections run in order keep theirs."""
    _, _, chunks = chunks_of("002_3cc3db46b208897f.txt")
    c = find(chunks, "(二)完善应急协同联动机制")
    assert c.section == "二、完善协同治理体系牵住责任制落实这个 > (二)完善应急协同联动机制"
    assert not any(x.section.startswith("第一章") and "五、提升基层应急治理能力" in x.section for x in chunks)
    assert any(x.section == "二、存在的主要问题" for x in chunks)
    sections = {x.section for x in chunks}
    assert "第四章重点工程项目 > 一、应急管理指挥系统建设工程" in sections
    assert "第二章总体要求 > 一、指导思想" in sections
    # 第五章's run (一、二、三、) is broken by 第一章's page (二、存在的主要问题) and resumes with 四、
    assert {"第五章保障措施 > 四、强化规划评估", "第五章保障措施 > 五、强化氛围营造"} <= sections


@pytest.mark.parametrize("name", [n for n in SEEDS if not n.startswith("002")])
def test_documents_in_order_keep_every_path(name):
    from ingest.structure import distrust_scrambled_chapters

    t, _ = clean(read_seed(name))
    blocks = parse_blocks(t.text)
    assert distrust_scrambled_chapters(blocks) == blocks


@pytest.mark.parametrize("name", SEEDS)
def test_chunks_keep_raw_offsets_and_never_straddle_top_sections(name):
    raw = read_seed(name)
    t, blocks, chunks = chunks_of(name)
    assert chunks
    pos = 0
    for c in chunks:
        a = t.text.index(c.text, pos)
        pos = a
        assert (c.start, c.end) == t.raw_span(a, a + len(c.text))
        # the raw span holds the chunk's characters in order (repairs aside)
        src = raw[c.start:c.end]
        missing, at = [], 0
        for ch in c.text:
            if ch.isspace() or ch == LOST:
                continue
            found = src.find(ch, at, at + 8)  # local search: repairs must not let it jump ahead
            if found < 0:
                missing.append(ch)
            else:
                at = found + 1
        repairs = 2 * src.count("/p>") + src.count(";")  # shifted endings and entities
        assert len(missing) <= c.text.count("\n") + repairs + 1, (c.id, missing)
        tops = {b.path[0].label if b.path else "" for b in blocks if b.start < a + len(c.text) and b.end > a}
        assert len(tops) == 1, (c.id, tops)
        assert len(c.text) <= 480


def test_metadata_inferred_from_text():
    want = {
        "000_2b9f627f46ec8eee.txt": ("上海市应急管理局2022年工作要点", "上海市", 2022, 2022, "工作要点"),
        "001_b0a7b20fc2a42aef.txt": ("2020年全市应急管理工作要点", "南通市", 2020, 2020, "工作要点"),
        "002_3cc3db46b208897f.txt": ("崇明区应急管理“十四五”规划", "上海市崇明区", 2021, 2025, "规划"),
        "003_ee2fde3bcb9135fe.txt": ("X市2022年应急管理工作计划", "X市", 2022, 2022, "工作计划"),
        "004_5cc29d44ee9a572c.txt": ("绍兴市2022年应急管理工作要点", "绍兴市", 2022, 2022, "工作要点"),
    }
    for name, (title, region, y0, y1, kind) in want.items():
        m = infer_meta(clean(read_seed(name))[0].text)
        assert (m.title, m.region, m.year_from, m.year_to, m.doc_type) == (title, region, y0, y1, kind)
        assert m.issuer.endswith("应急管理局")


def test_path_label_format():
    from planqa.records import Section

    assert path_label((Section(2, "一、", "总体要求"), Section(3, "(二)", "目标"))) == "一、总体要求 > (二)目标"


def test_a_doubled_chapter_marker_is_one_heading():
    from ingest.structure import parse_blocks

    blocks = parse_blocks("第四章第四章重点工程项目\n一、应急管理指挥系统建设工程\n结合崇明应急管理。")
    assert path_label(blocks[-1].path) == "第四章重点工程项目 > 一、应急管理指挥系统建设工程"


def test_bm25_reads_an_article_with_the_articles_of_its_own_law_it_cites():
    """第二十条 of the public-health regulation reports "本条例第十九条规定情形" without naming them:
    its BM25 text carries article 19's cases (传染病暴发), so "发现传染病暴发要多久上报" finds it."""
    from tests.conftest import LIBRARY
    from ingest.index import lexical_texts
    from ingest.loaders import load_file
    from ingest.pipeline import process

    path = next(LIBRARY.glob("law_突发公共卫生事件应急条例*.md"))
    chunks = process(load_file(path, 10**8)).chunks
    texts = dict(zip((c.id for c in chunks), lexical_texts(chunks)))
    art20 = next(c for c in chunks if c.article == "第二十条")
    assert "传染病暴发" not in art20.text and "传染病暴发" in texts[art20.id]
    art1 = next(c for c in chunks if c.article == "第一条")
    assert texts[art1.id].endswith(art1.text)  # an article citing none is read as it is


def test_an_article_is_read_with_the_article_it_cites_when_answering():
    """第二十条 says "发现有本条例第十九条规定情形之一的，应当在2小时内…报告": with 第十九条 among the
    passages, its sentence covers 传染病暴发 as if it said it."""
    from planqa.records import Passage
    from rag.evidence import query_terms, score_sentences
    from tests.conftest import LIBRARY
    from ingest.loaders import load_file
    from ingest.pipeline import process

    chunks = process(load_file(next(LIBRARY.glob("law_突发公共卫生事件应急条例*.md")), 10**8)).chunks
    arts = [c for c in chunks if c.article in ("第十九条", "第二十条")]
    passages = [Passage(c, 1.0) for c in arts]
    qt = query_terms("医疗卫生机构发现传染病暴发要多久报告", lambda w: 5.0)
    s20 = next(s for s in score_sentences(passages, qt, "number") if "2小时内向所在地" in s.text)
    alone = score_sentences([p for p in passages if p.chunk.article == "第二十条"], qt, "number")
    s20_alone = next(s for s in alone if "2小时内向所在地" in s.text)
    assert s20.coverage > s20_alone.coverage and s20.coverage >= 0.75

"""Scanned PDFs (OCR by tesseract) and tables (rows kept with their column headers)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

from ingest.loaders import LoadError, load_file, table_lines
from ingest.ocr import missing_tools

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# an indicator table as 十四五 plans print them: 指标 / 目标值 / 属性
INDICATORS = [
    ["指标", "目标值", "属性"],
    ["亿元生产总值生产安全事故死亡率", "下降33%", "约束性"],
    ["森林火灾受害率", "≤0.9‰", "预期性"],
    ["城乡社区应急避难场所覆盖率", "100%", "预期性"],
    ["每万人拥有综合性消防救援队伍人数", "3.5人", "预期性"],
]


# --- tables ---------------------------------------------------------------------------------


def test_rows_carry_their_headers():
    lines = table_lines(INDICATORS)
    assert lines[1] == "指标：森林火灾受害率｜目标值：≤0.9‰｜属性：预期性"
    assert len(lines) == len(INDICATORS) - 1  # the header row lives on in every row


def test_group_rows_spans_and_tables_without_headers():
    rows = [["类别", "指标", "目标值"], ["安全生产", "安全生产", "安全生产"], ["安全生产", "工矿商贸死亡人数", "下降15%"]]
    assert table_lines(rows) == ["安全生产", "类别：安全生产｜指标：工矿商贸死亡人数｜目标值：下降15%"]
    # a first row of figures is data, not headers: cells stay tab-separated
    assert table_lines([["2021", "12"], ["2022", "9"]]) == ["2021\t12", "2022\t9"]
    assert table_lines([["只有一列"], ["第二行"]]) == ["只有一列", "第二行"]


def _plan_docx(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("宁波市应急管理“十四五”规划")
    d.add_paragraph("第一章 发展目标")
    d.add_paragraph("到2025年，应急管理体系和能力现代化取得重大进展，主要指标如下。")
    t = d.add_table(rows=len(INDICATORS), cols=3)
    for r, row in enumerate(INDICATORS):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    d.add_paragraph("第二章 主要任务")
    d.add_paragraph("健全应急指挥体系，完善市、区县两级应急指挥平台。")
    d.save(path)


def test_docx_table_row_answers_its_target_value(tmp_path, capsys):
    from planqa.cli import main

    p = tmp_path / "ningbo_plan.docx"
    _plan_docx(p)
    loaded = load_file(p, 10**8)
    assert "指标：森林火灾受害率｜目标值：≤0.9‰｜属性：预期性" in loaded.text.split("\n")
    index = str(tmp_path / "index")
    assert main(["ingest", str(p), "--index", index, "--json"]) == 0
    capsys.readouterr()
    assert main(["ask", "森林火灾受害率的目标值是多少?", "--index", index, "--json"]) == 0
    a = json.loads(capsys.readouterr().out)
    assert not a["refused"], a
    assert "0.9‰" in a["answer"]
    cited = [c for c in a["citations"] if "森林火灾受害率" in c["text"]]
    assert cited and loaded.text[cited[0]["start"]:cited[0]["end"]].count("目标值：≤0.9‰") == 1


def _text_pdf_with_table(path: Path) -> None:
    """A text PDF (fpdf2, Noto CJK) with a ruled indicator table between two paragraphs."""
    from fpdf import FontFace, FPDF

    pdf = FPDF()
    pdf.add_font("noto", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("noto", size=12)
    pdf.multi_cell(0, 8, "宁波市应急管理“十四五”规划\n第一章 发展目标\n到2025年，主要指标如下。")
    with pdf.table(headings_style=FontFace(emphasis=None)) as table:
        for r in INDICATORS:
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.multi_cell(0, 8, "第二章 主要任务\n健全应急指挥体系。")
    _write_identity_h(pdf, path)


def _write_identity_h(pdf, path: Path) -> None:
    """Write an fpdf2 document as word processors would: fpdf2 writes its CID fonts' encoding as an
    inline CMap that pdfminer cannot read; real files have the standard Identity-H."""
    import pypdf
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(bytes(pdf.output()))))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    writer.write(path)


def _text_pdf(path: Path, pages: list[list[str]]) -> None:
    """A text PDF (fpdf2, Noto CJK), one list of lines per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", fname=str(FONT))
    pdf.set_font("noto", size=12)
    for lines in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, "\n".join(lines))
    _write_identity_h(pdf, path)


@pytest.mark.skipif(not FONT.is_file(), reason="the Noto CJK font (fonts-noto-cjk) is needed to write the test PDF")
def test_text_pdf_table_rows_keep_their_headers(tmp_path):
    from ingest.pipeline import process

    p = tmp_path / "plan.pdf"
    _text_pdf_with_table(p)
    loaded = load_file(p, 10**8)
    lines = loaded.text.split("\n")
    # a first-column cell that wrapped onto two lines is one value again
    assert "指标：亿元生产总值生产安全事故死亡率｜目标值：下降33%｜属性：约束性" in lines
    assert "指标：森林火灾受害率｜目标值：≤0.9‰｜属性：预期性" in lines
    # the paragraphs around the table keep their places
    assert lines.index("第一章 发展目标") < lines.index("指标：森林火灾受害率｜目标值：≤0.9‰｜属性：预期性") < lines.index("第二章 主要任务")
    assert loaded.page_starts == (0,) and loaded.ocr_pages == ()
    chunks = process(loaded).chunks
    assert any("目标值：≤0.9‰" in c.text for c in chunks)


# --- page numbers in citations -----------------------------------------------------------------

# a work plan over three pages: item 一 runs from page 1 onto page 2, item 三 is all on page 3
NINGBO_PAGES = [
    ["宁波市2023年安全生产工作要点", "一、夯实安全基础", "全市完成重点企业安全评估一百二十家，"],
    ["落实全员安全生产责任制。", "二、强化应急救援", "建成市级危化品应急救援基地三个。"],
    ["三、深化执法改革", "全年开展非现场执法检查一百五十次。"],
]


@pytest.mark.skipif(not FONT.is_file(), reason="the Noto CJK font (fonts-noto-cjk) is needed to write the test PDF")
def test_text_pdf_citations_carry_their_page(tmp_path, capsys):
    from planqa.cli import main
    from tests.conftest import PLANS

    p = tmp_path / "ningbo_points.pdf"
    _text_pdf(p, NINGBO_PAGES)
    loaded = load_file(p, 10**8)
    assert len(loaded.page_starts) == 3 and loaded.ocr_pages == ()
    index = str(tmp_path / "index")
    assert main(["ingest", str(p), str(PLANS / "004_5cc29d44ee9a572c.txt"), "--index", index, "--json"]) == 0
    capsys.readouterr()

    assert main(["ask", "宁波全年开展非现场执法检查多少次?", "--index", index, "--json"]) == 0
    a = json.loads(capsys.readouterr().out)
    assert not a["refused"] and "一百五十次" in a["answer"], a
    cited = [c for c in a["citations"] if "非现场执法检查" in c["text"]]
    assert cited and cited[0]["doc"] == "ningbo_points.pdf"
    assert cited[0]["page"] == 3 and cited[0]["page_end"] is None
    # the offsets still point into the decoded text, page numbers or not
    assert loaded.text[cited[0]["start"]:cited[0]["end"]] == cited[0]["text"]
    assert loaded.page_at(cited[0]["start"]) == 3

    assert main(["retrieve", "落实全员安全生产责任制", "--k", "10", "--index", index, "--json"]) == 0
    passages = json.loads(capsys.readouterr().out)["passages"]
    across = next(x for x in passages if "安全生产责任制" in x["text"] and x["doc"] == "ningbo_points.pdf")
    assert (across["page"], across["page_end"]) == (1, 2), "a passage running onto the next page names both"
    assert loaded.text[across["start"]:across["end"]] == across["text"]
    # a file without pages: the fields are there, empty (the JSON keeps one shape)
    txt = next(x for x in passages if x["doc"] == "004_5cc29d44ee9a572c.txt")
    assert txt["page"] is None and txt["page_end"] is None


@pytest.mark.skipif(not FONT.is_file(), reason="the Noto CJK font (fonts-noto-cjk) is needed to write the test PDF")
def test_an_index_from_before_pages_opens_and_gets_them_on_reingest_without_embedding(tmp_path, embedder):
    import sqlite3

    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    p = tmp_path / "ningbo_points.pdf"
    _text_pdf(p, NINGBO_PAGES)
    settings = Settings.from_env(tmp_path / "index")
    index = Index(settings, embedder=embedder)
    assert not ingest_paths(index, [p]).errors
    index.close()
    with sqlite3.connect(settings.index_dir / "docstore.sqlite") as db:  # as an index made before pages were kept
        db.execute("DROP TABLE pages")
    db.close()

    index = Index(settings, embedder=embedder)
    chunks = list(index.store.iter_chunks())
    assert chunks and all(c.page is None for c in chunks)  # opens; its citations just have no page yet
    assert index.store.docs_without_pages() == {"ningbo_points.pdf"}
    again = ingest_paths(index, [p])  # the same file, unchanged: it gains its pages, nothing is embedded
    assert not again.errors and again.embedded == 0 and again.added == 0
    assert index.store.docs_without_pages() == set()
    assert [c.page for c in index.store.iter_chunks()] == [1, 1, 2, 3]
    assert ingest_paths(index, [p]).files == [{"file": "ningbo_points.pdf", "status": "unchanged"}]
    index.close()


# --- scanned PDFs -----------------------------------------------------------------------------

PAGE_1 = ["杭州市2023年防汛防台工作方案", "一、工作目标", "全市新建应急避难场所二十个，", "完成全部山塘水库的安全检查。"]
PAGE_2 = ["二、职责分工", "市应急管理局牵头负责物资储备，", "市水利局负责水库大坝的巡查和除险加固。"]


def _scan(path: Path, pages: list[list[str]]) -> None:
    """A PDF of page images only (no text layer), as a scanner makes: A4 at 300 dpi, ~10 pt text."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 42)
    images = []
    for lines in pages:
        img = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(lines):
            draw.text((250, 250 + 90 * i), line, font=font, fill=0)
        images.append(img)
    images[0].save(path, "PDF", resolution=300, save_all=True, append_images=images[1:])


needs_ocr = pytest.mark.skipif(bool(missing_tools()) or not FONT.is_file(),
                               reason=f"OCR needs tesseract + chi_sim + pdftoppm ({missing_tools() or 'ok'}) and the "
                                      "Noto CJK font (fonts-noto-cjk) to draw the test page")


@needs_ocr
def test_scanned_pdf_is_read_page_by_page_and_retrieved(tmp_path, embedder):
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings
    from rag.qa import QA

    p = tmp_path / "scan.pdf"
    _scan(p, [PAGE_1, PAGE_2])
    pages: list[tuple[int, int]] = []
    loaded = load_file(p, 10**8, on_page=lambda n, total: pages.append((n, total)))
    assert pages == [(1, 2), (2, 2)] and loaded.ocr_pages == (1, 2)
    assert "应急避难场所" in loaded.text and "水库大坝" in loaded.text
    assert " " not in loaded.text.split("\n")[2], "tesseract's spaces between Chinese characters are dropped"
    # page boundaries survive: each line is on the page it was drawn on
    assert loaded.page_at(loaded.text.index("应急避难场所")) == 1
    assert loaded.page_at(loaded.text.index("水库大坝")) == 2

    index = Index(Settings.from_env(tmp_path / "index"), embedder=embedder)
    report = ingest_paths(index, [p])
    assert not report.errors and report.documents == 1
    hits = QA(index).search("新建多少个应急避难场所")
    assert hits and hits[0].chunk.doc == "scan.pdf"
    raw = index.store.raw_text("scan.pdf")
    assert "应急避难场所" in raw[hits[0].chunk.start:hits[0].chunk.end]
    assert hits[0].to_citation(1)["page"] == 1
    # a scanned page's passage is cited with its page, its offsets into the OCR text
    hits = QA(index).search("水库大坝的巡查和除险加固由谁负责")
    cite = next(h.to_citation(1) for h in hits if "水库大坝" in h.chunk.text)
    assert cite["page"] == 2 and cite["page_end"] is None
    assert "水库大坝" in raw[cite["start"]:cite["end"]] and loaded.page_at(cite["start"]) == 2
    index.close()


def test_without_tesseract_a_scan_is_refused_in_chinese_and_nothing_is_stored(tmp_path, embedder, monkeypatch):
    import ingest.ocr
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    if not FONT.is_file():
        pytest.skip("the Noto CJK font (fonts-noto-cjk) is needed to draw the test page")
    p = tmp_path / "scan.pdf"
    _scan(p, [PAGE_1])
    monkeypatch.setattr(ingest.ocr.shutil, "which", lambda name: None)
    with pytest.raises(LoadError) as e:
        load_file(p, 10**8)
    assert "扫描件" in e.value.message and "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in e.value.message
    index = Index(Settings.from_env(tmp_path / "index"), embedder=embedder)
    report = ingest_paths(index, [p])
    assert report.documents == 0 and report.errors[0]["file"] == "scan.pdf"
    index.close()

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
    import pypdf
    from fpdf import FontFace, FPDF
    from pypdf.generic import NameObject

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
    # fpdf2 writes its CID fonts' encoding as an inline CMap that pdfminer cannot read; word
    # processors write the standard Identity-H, which is what real files have
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(bytes(pdf.output()))))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    writer.write(path)


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

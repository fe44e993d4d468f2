"""A draft as a .docx in the national 公文 layout (GB/T 9704-2012 党政机关公文格式).

A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 方正小标宋简体 2号
(22 pt) centred; 一、 headings in 黑体 3号, (一) headings in 楷体_GB2312 3号, body in 仿宋_GB2312 3号
(16 pt) with a fixed 28 pt line pitch and a two-character first-line indent; page numbers in the
footer as "— 1 —" in 4号 (14 pt) 宋体, odd pages on the right and even pages on the left, one
character in from the edge. The fonts a machine lacks fall back through the font table's altName
(方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体), as Word and WPS read it.

python-docx has no endnote API, so the sources are a numbered 来源 section at the end, referred to
by superscript [n] marks after each item. 【待核实：…】 marks are highlighted for the drafter.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .drafting import PlanDraft, SourceRef

TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
H1_FONT, H2_FONT, BODY_FONT, PAGE_FONT = "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
FALLBACKS = {TITLE_FONT: TITLE_FALLBACK, H2_FONT: "楷体", BODY_FONT: "仿宋"}
LATIN_FONT = "Times New Roman"
SIZE_2, SIZE_3, SIZE_4 = 22, 16, 14  # 号 → points
LINE_PITCH = 28  # points: 22 lines on a page of this type area
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def _set_font(style_or_run, east_asia: str, size: float | None = None, bold: bool | None = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style_or_run.font
    font.name = LATIN_FONT
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the named one


def _paragraph_layout(style, indent_chars: float = 2, align=None) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    pf = style.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.first_line_indent = Pt(SIZE_3 * indent_chars) if indent_chars else None
    if align is not None:
        pf.alignment = align
    ppr = style.element.get_or_add_pPr()
    from docx.oxml.ns import qn

    for tag in ("w:pBdr", "w:keepNext"):  # the template's Title has a rule under it
        el = ppr.find(qn(tag))
        if el is not None and tag == "w:pBdr":
            ppr.remove(el)


def _font_fallbacks(document) -> None:
    """Declare each 公文 font in the font table with its fallback (w:altName)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None or not hasattr(part, "_blob"):
        return
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": name})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": alt})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{ns}}}family", {f"{{{ns}}}val": "roman" if alt != "黑体" else "modern"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(paragraph) -> None:
    """"— PAGE —" with a live page-number field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(text: str = ""):
        r = paragraph.add_run(text)
        _set_font(r, PAGE_FONT, SIZE_4)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        r = run("1" if kind is None and instr is None else "")
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        elif instr:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            r._r.append(it)
    run(" —")


def _footers(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    sec = document.sections[0]
    for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT), (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.alignment = align
        # odd pages one character in from the right, even pages one in from the left
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = Pt(SIZE_4)
        else:
            p.paragraph_format.left_indent = Pt(SIZE_4)
        p.paragraph_format.first_line_indent = Pt(0)
        _page_number(p)


def new_document():
    """An empty document with the 公文 page, styles and footers."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    sec.left_margin, sec.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    sec.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 5)  # the page number 7 mm below the type area
    styles = d.styles
    _set_font(styles["Normal"], BODY_FONT, SIZE_3)
    _paragraph_layout(styles["Normal"])
    _set_font(styles["Title"], TITLE_FONT, SIZE_2)
    _paragraph_layout(styles["Title"], indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    _set_font(styles["Heading 1"], H1_FONT, SIZE_3)
    _paragraph_layout(styles["Heading 1"])
    _set_font(styles["Heading 2"], H2_FONT, SIZE_3)
    _paragraph_layout(styles["Heading 2"])
    _font_fallbacks(d)
    _footers(d)
    return d


def add_text(paragraph, text: str) -> None:
    """Text with its 【待核实：…】 marks highlighted."""
    from docx.enum.text import WD_COLOR_INDEX

    from .flags import FLAG_RE

    pos = 0
    for m in FLAG_RE.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        paragraph.add_run(m.group(0)).font.highlight_color = WD_COLOR_INDEX.YELLOW
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def write_draft(draft: "PlanDraft", path: str | Path) -> None:
    """Write the draft as a .docx in official-document layout, with its sources."""
    from .drafting import cn_number

    d = new_document()

    def para(text: str, refs: "list[SourceRef]") -> None:
        p = d.add_paragraph()
        add_text(p, text)
        for n in draft.ref_numbers(refs):
            run = p.add_run(f"[{n}]")
            run.font.superscript = True

    d.add_paragraph(draft.title, style="Title")
    d.add_paragraph("本稿由 planqa 根据已有规划文件自动生成，【待核实】处请按本地实际核定。")
    d.add_paragraph("一、总体要求", style="Heading 1")
    para(draft.general.intro, draft.general.intro_sources)
    d.add_paragraph("二、主要目标", style="Heading 1")
    for it in draft.targets.items:
        para(it.text, it.sources)
    d.add_paragraph("三、重点工作", style="Heading 1")
    n = 0
    for i, sec in enumerate(draft.themes, 1):
        d.add_paragraph(f"({cn_number(i)}){sec.title}", style="Heading 2")
        for it in sec.items:
            n += 1
            para(f"{n}.{it.title}。{it.text}", it.sources)
    d.add_paragraph("来源", style="Heading 1")
    for k, r in enumerate(draft.sources(), 1):
        d.add_paragraph(f"[{k}] 《{r.title}》 {r.section or '（正文）'}（{r.doc}:{r.start}-{r.end}）")
    d.save(str(path))

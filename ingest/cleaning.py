"""Cleaning of scraped plan text, as pure functions over ``MappedText``.

Each rule repairs one kind of damage seen in real documents (README "How it works") and keeps the map back
to raw offsets. Rules that could harm clean text run only when the document shows the damage's
signature (``profile``). Lost characters are marked with ``LOST``; nothing is invented.
"""
from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass

from planqa.rules import CIRCLED, CN_NUMERALS

from .offsets import MappedText

LOST = "□"  # a character the source lost; shown to users as-is, never guessed

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
SENTENCE_END = "。；！？：”」』)）.;!?:"

_ENTITIES = {k.rstrip(";"): v for k, v in html.entities.html5.items() if k.endswith(";")}


@dataclass(frozen=True)
class Profile:
    """Which kinds of damage a text shows."""

    html_shift: bool = False  # ``X/p>`` endings and ``?ldquo;`` entities (000)
    page_numbers: bool = False  # ``12、`` glued at page breaks of a PDF scrape (002)
    hard_wrapped: bool = False  # one visual line per line, as pypdf gives

    def names(self) -> list[str]:
        """Names of the cleaning traits found true."""
        return [k for k, v in self.__dict__.items() if v]


_PAGE_LINE = re.compile(r"^(\d{1,3})、", re.M)


def _page_marker_positions(text: str) -> list[re.Match[str]]:
    """Line-initial ``N、`` that run 1, 2, 3… and mostly break sentences: page numbers."""
    found = []
    expected = None
    for m in _PAGE_LINE.finditer(text):
        n = int(m.group(1))
        if expected is None and n <= 2:
            expected = n
        if expected is not None and n == expected:
            found.append(m)
            expected += 1
    if len(found) < 3:
        return []
    mid_sentence = 0
    for m in found:
        before = text[max(0, m.start() - 80): m.start()].rstrip("\n ")
        if before and before[-1] not in SENTENCE_END:
            mid_sentence += 1
    return found if mid_sentence >= 0.5 * len(found) else []


def profile(text: str) -> Profile:
    """Detect the kinds of damage a text shows (HTML shift, glued page numbers, hard wrapping)."""
    # (a real closing tag, "</p>", is markup, not the shift: strip_markup's)
    shift = len(re.findall(r"(?<!<)/p>", text)) >= 3 or len(re.findall(r"\?[lr]dquo;", text)) >= 2
    pages = bool(_page_marker_positions(text))
    return Profile(html_shift=shift, page_numbers=pages, hard_wrapped=_hard_wrapped(text))


# --- rules ---------------------------------------------------------------------------------

_SPACES = {0x3000: " ", 0xA0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: " ", 0xFEFF: " ", 0x0B: " ", 0x0C: " "}


def normalize_whitespace(t: MappedText) -> MappedText:
    """Turn CRLF/CR into LF and odd spaces into plain ones, keeping offsets mapped."""
    t = t.sub(r"\r\n?", "\n")
    return t.translate(_SPACES)


def _shifted_char(m: re.Match[str]) -> str:
    c = m.group(1)
    if c == "?":
        return LOST
    fixed = chr(ord(c) + 1)
    return "：" if fixed == ":" else fixed


def repair_html_shift(t: MappedText) -> MappedText:
    """000: ``X/p>`` is the last character one code point low; ``?ldquo;`` lost a character."""
    # ">/p>" is an empty paragraph after a tag, not a shifted ">": leave it
    t = t.sub(r"([^>])/p>", lambda m: [(_shifted_char(m), None)])

    def entity(m: re.Match[str]) -> str | list:
        value = _ENTITIES.get(m.group(2)[:-1])
        if value is None:
            return m.group(0)
        return [(LOST, 1), (value, 2)]

    t = t.sub(r"(\?)([a-zA-Z]{2,8};)", entity)
    # any other "?" inside Chinese text is a lost character (full-width "？" is untouched)
    ctx = f"[{CJK}{CJK_PUNCT}\\d{LOST}]"
    return t.sub(rf"(?<={ctx})\?+|\?+(?={ctx})", lambda m: LOST * len(m.group(0)))


_BANNER = re.compile(
    r"^[^\n]*(?:由会员分享|可在线阅读|分享文档赚钱|文档赚钱的网站|原创力文档|道客巴巴|豆丁网|下载积分|点击下载)[^\n]*(?:\n|$)",
    re.M,
)


def strip_banners(t: MappedText) -> MappedText:
    """Document-sharing sites' banner lines."""
    return t.sub(_BANNER, "")


def strip_page_numbers(t: MappedText) -> MappedText:
    """002: ``\\n12、`` where a PDF page broke a sentence: drop the number and the break."""
    hits = {m.start() for m in _page_marker_positions(t.text)}
    if not hits:
        return t

    def repl(m: re.Match[str]) -> str:
        line_start = m.start(2)
        if line_start not in hits:
            return m.group(0)
        before = t.text[max(0, m.start() - 80): m.start()].rstrip(" ")
        joins = before and before[-1] not in SENTENCE_END
        return "" if joins else "\n"

    return t.sub(re.compile(r"(\n?)^(\d{1,3})、", re.M), repl)


def repair_ocr_full_stops(t: MappedText) -> MappedText:
    """PDF text layers read a full stop "。" as a Latin "o" (``覆盖率达到100%o六、提升…``): a lone
    "o" between a non-Latin character and Chinese text is put back, so the heading after it shows."""
    return t.sub(rf"(?<=[^A-Za-z\s])o(?=[{CJK}(（])", "。")


_ARTICLE_LEAD = re.compile(r"[ \t]*第[一二三四五六七八九十百千零〇两\d]{1,8}条(?:之[一二三四五六七八九十]{1,3})?")


def join_cjk_spaces(t: MappedText) -> MappedText:
    """Spaces between two Chinese characters come from line breaks in a PDF: ``落 实`` → ``落实``.

    The space after a line-initial ``第X条`` is the law's own separator between the article
    number and its text (``第三条 国务院…``), not a break: it stays."""
    cls = f"[{CJK}{CJK_PUNCT}]"
    text = t.text

    def repl(m: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _ARTICLE_LEAD.fullmatch(text, line_start, m.start()):
            return m.group(0)
        return ""

    return t.sub(rf"(?<={cls})[ \t]+(?={cls})", repl)


# Markdown's own syntax, not text: ATX heading marks (``## 第二章 总则``) and whole-line HTML
# comments (``<!-- INFO END -->``). Deleting them keeps the offset map: the heading's words map
# to where they stand in the file.
_MD_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+(?=\S)|[ \t]*$)", re.M)  # (an empty heading too)
_MD_COMMENT_LINE = re.compile(r"^[ \t]*<!--[^\n]*?-->[ \t]*(?:\n|$)", re.M)


def strip_markdown_marks(t: MappedText) -> MappedText:
    """Remove Markdown heading marks and comment lines, keeping offsets mapped."""
    return t.sub(_MD_HEADING_MARK, "").sub(_MD_COMMENT_LINE, "")


# A page written for a site generator (VuePress, Hugo: a notice's red-head drawn in inline HTML):
# its YAML front matter, its tags (their attributes may run over lines), its character entities
# (&emsp; indents paragraphs), bold marks, link targets and rules are the page's make-up, not the
# document's words. Only where the text shows such make-up (``has_markup``): a plan's own text
# keeps every "<" and "&".
_FRONT_MATTER = re.compile(r"\A---\n(?:[A-Za-z_][\w-]*:[^\n]*\n|[ \t]+[^\n]*\n)*---[ \t]*(?:\n|\Z)")
# (a quoted attribute may hold ">": v-if="xs.some(x => …)"; a component's name has hyphens: el-button)
_HTML_TAG = re.compile(r"""</?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?/?>""")
_HTML_ENTITY = re.compile(r"&([A-Za-z]{2,8}|#\d{2,6});")
_MD_BOLD = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_MD_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M)


_CODE_BLOCK = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)


def has_markup(text: str) -> bool:
    """Does the text carry a site generator's make-up (front matter, or block tags)?"""
    return (bool(_FRONT_MATTER.match(text)) or len(re.findall(r"</?(?:div|p|span|br|font|center|strong)\b", text, re.I)) >= 2
            # (or its entities alone: a passage cut from such a page, "&emsp;&emsp;对…")
            or len(re.findall(r"&(?:emsp|ensp|nbsp|amp|lt|gt|quot|ldquo|rdquo|mdash|hellip);", text)) >= 2)


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    value = chr(int(name[1:])) if name.startswith("#") else _ENTITIES.get(name)
    if value is None:
        return m.group(0)
    return "" if value.isspace() else value  # (an indent of &emsp; is no text)


def strip_markup(t: MappedText) -> MappedText:
    """Drop front matter, HTML tags and entities, bold marks, link targets and rules, keeping offsets."""
    t = t.sub(_FRONT_MATTER, "")
    t = t.sub(_CODE_BLOCK, "")  # a page's script and style are code, not its text
    t = t.sub(_HTML_TAG, "").sub(_HTML_ENTITY, _entity)
    t = t.sub(_MD_LINK, lambda m: [(m.group(1), 1)]).sub(_MD_BOLD, "")
    return t.sub(_MD_RULE, "")


# A web page's chrome scraped with the text: lines that are only a button or a breadcrumb
# (下载 / 打印 / 【字号： 加大 还原 减小 】 / 您的位置: 首页 > …). Only at the top of the document,
# before its first real paragraph; 来源：/时间： lines say where the text came from and stay.
_MENU_LINE = re.compile(
    r"(?:下载|打印|全屏|收藏|分享|关闭|关闭窗口|打印本页|【?字[号体][:：]?|加大|还原|减小|放大|缩小|默认"
    r"|[大中小]|】|首页|[>＞»]|(?:您的|当前)位置[:：]?)"
)
_MENU_ZONE_END = 40  # a line this long, or one with a full stop, is body text: the menu is above it


_CRUMB_SEP = re.compile(r"[>＞»]")
_CRUMB = re.compile(rf"[{CJK}]{{2,8}}")  # a breadcrumb's channel name: a few characters, nothing else


def strip_site_menu(t: MappedText) -> MappedText:
    """Drop a web page's menu and breadcrumb lines above the first sentence."""
    text = t.text
    lines: list[tuple[int, str]] = []  # (offset, stripped line) of the non-empty lines at the top
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if len(line) >= _MENU_ZONE_END or "。" in line:  # the first sentence: the body has begun
            break
        if line:
            lines.append((pos, line))
        pos = end + 1
    drop = {p for p, line in lines if _MENU_LINE.fullmatch(line)}
    # breadcrumb channels: next to a ">" (首页 > 政务信息 > 宁夏要闻), or repeating the one before
    for i, (p, line) in enumerate(lines):
        near = [lines[j][1] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if _CRUMB.fullmatch(line) and (any(_CRUMB_SEP.fullmatch(n) for n in near)
                                       or (i and lines[i - 1][0] in drop and lines[i - 1][1] == line)):
            drop.add(p)
    if not drop:
        return t
    return t.sub(re.compile(r"^[^\n]*(?:\n|$)", re.M), lambda m: "" if m.start() in drop else m.group(0))


# --- hard wrapping -------------------------------------------------------------------------------
# A PDF's text layer gives one visual line per line: a sentence runs on over lines of about the same
# length (the page's width). Only such a line, broken mid-sentence, is joined to its continuation;
# headings, titles, a table of contents, signatures and metadata fields are short lines that end
# where their paragraph ends, and stay lines.
_NUM = rf"[{CN_NUMERALS}]{{1,3}}"
_UNIT = r"[ \t　]*[万亿千百倍个元年月日时天次人户家项件吨米亩公条余多座辆所名台处批类级期届只张套份场小]"  # "3月底前", "1.5万户": a figure, not a heading
_LINE_HEADING = re.compile(
    rf"(?:第[{CN_NUMERALS}\d]{{1,4}}[章节条篇编部分]|{_NUM}、|[(（]{_NUM}[)）]|[(（]\d{{1,2}}[)）]"
    rf"|\d{{1,2}}(?:[.．]\d{{1,2}}){{0,3}}(?:[.．、](?![\d%])|[ \t　]*(?=[{CJK}]))(?!{_UNIT})"  # 1. 1、 1.1 1 总则
    rf"|{_NUM}是(?=[{CJK}])|[{CIRCLED}]|附件|附[ \t　]*[表录图]|目[ \t　]*录|[-•*—]|【)"
)
# a table of contents' line: leader dots (or a tab, a run of spaces) and its page number; a heading
# with its page number is a heading already
_TOC_LINE = re.compile(r"(?:[.…·．]{2,}|[_—\-]{3,}|\t|[ 　]{2,})[ \t　]*\d{0,3}[ \t　]*$")
# a title, an issuer or a date standing on its own line
_TITLE_LINE = re.compile(
    rf"(?:通知|预案|规划|方案|意见|办法|要点|计划|报告|条例|规定|细则|决定|纲要|公告|通报|批复|总结|决议|目录|"
    rf"人民政府|办公室|办公厅|委员会|局|厅|[{CN_NUMERALS}\d]+日|[{CN_NUMERALS}\d]+年[{CN_NUMERALS}\d]+月)"
    r"(?:[(（][^()（）\n]{1,16}[)）])?[ \t　]*$"
)
_CLAUSE = re.compile(r"[，,；;。：:]")  # a title names; it has no clauses (a wrapped sentence has)
_FINAL = "。；！？：.;!?:…"  # a line ending in one of these ends its sentence
_CLOSERS = "”」』)）》’\"'"  # … and so does a quote or bracket closing after one ("…落实。”"), not alone ("“鲁惠通”")
_WRAP_MIN_LINES = 20  # a text this short shows no wrapping profile
_WRAP_MIN_BREAKS = 6  # and a wrapped one breaks at least this many sentences
_WRAP_SHARE = 0.2  # of its non-empty lines
_FULL_LINE = 0.6  # a wrapped line is at least this share of the page's width
_FULL_HEADING = 0.95  # a numbered line as wide as the page is an article or item going on ("第三条 县级以上…应当将")
_MIN_WIDTH = 15  # a page narrower than this is no page: its numbered lines stay headings


def _ends_sentence(s: str, nxt: str) -> bool:
    """Whether the stripped line ``s`` ends a sentence (``nxt``: the next line, stripped)."""
    end = s.rstrip(_CLOSERS)
    if not end:
        return True
    if end[-1] in ".．" and len(end) > 1 and end[-2].isdigit() and nxt[:1].isdigit():
        return False  # "超过1." + "3万亿元": a figure broken at the page's edge
    return end[-1] in _FINAL


def _line_closed(line: str, nxt: str, width: int = 0) -> bool:
    """A line that ends its paragraph whatever follows: a sentence end, a TOC line, a heading (a marker and a
    title, no clause: "1.1 编制目的", "第一章 总 则"), a title, an issuer or a date. A numbered item that goes
    on as a sentence ("1.高效统筹推进。全面落实…"), or fills the page's ``width``, is a paragraph and wraps."""
    s = line.strip()
    if not s or _ends_sentence(s, nxt.strip()) or _TOC_LINE.search(s):
        return True
    if _CLAUSE.search(s):
        return False
    if _LINE_HEADING.match(s):
        return not (width >= _MIN_WIDTH and len(s) >= _FULL_HEADING * width)
    return bool(_TITLE_LINE.search(s))


def _line_opens(line: str) -> bool:
    """A line that starts a paragraph of its own: indented (a first-line indent), a heading or a TOC line."""
    return not line.strip() or line[:1] in " \t　" or bool(_LINE_HEADING.match(line) or _TOC_LINE.search(line))


def _open_lines(lines: list[str], width: int = 0) -> list[int]:
    """Indices of the lines that break a sentence before a continuation line."""
    return [i for i in range(len(lines) - 1)
            if not (_line_opens(lines[i + 1]) and not _split_figure(lines[i], lines[i + 1]))
            and not _line_closed(lines[i], lines[i + 1], width)]


def _split_figure(line: str, nxt: str) -> bool:
    """"…领导带班和2" + "4小时专人值班": a figure broken at the page's edge, not a numbered heading."""
    s = line.rstrip()
    return bool(s) and s[-1].isdigit() and nxt[:1].isdigit()


def _wrap_breaks(text: str) -> tuple[list[int], int]:
    """Offsets of the newlines that break a sentence across lines of the page's width (the joins a
    hard-wrapped text needs), and the number of non-empty lines."""
    lines = text.split("\n")
    nonempty = sum(1 for ln in lines if ln.strip())
    open_lines = _open_lines(lines)
    if not open_lines:
        return [], nonempty
    lengths = sorted(len(lines[i].strip()) for i in open_lines)
    width = lengths[(len(lengths) * 3) // 4]  # the page's width: most broken lines reach it
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    return [offsets[i] + len(lines[i]) for i in _open_lines(lines, width)
            if len(lines[i].strip()) >= _FULL_LINE * width], nonempty


def _hard_wrapped(text: str) -> bool:
    breaks, nonempty = _wrap_breaks(text)
    return nonempty >= _WRAP_MIN_LINES and len(breaks) >= max(_WRAP_MIN_BREAKS, _WRAP_SHARE * nonempty)


def join_wrapped_lines(t: MappedText) -> MappedText:
    """Hard-wrapped text: a line broken mid-sentence at the page's width continues on the next; a
    heading, title, TOC line or a line ending a sentence never does, nor does one before a heading."""
    at = set(_wrap_breaks(t.text)[0])
    if not at:
        return t
    return t.sub(re.compile(r"\n"), lambda m: "" if m.start() in at else m.group(0))


_TRAILER = re.compile(r"(?:\n|^)[ \t]*(?:本文共约\d*字|限制\d+内|全文共\d*字|\(完\)|（完）)[ \t]*\s*\Z"
                      # a Word export's page-number field and the bytes after it, read as text
                      # ("…起施行。PAGEPAGE-22-洀H猄H渄H琄H")
                      r"|(?<=[。\n])[ \t]*PAGE[^\n]{0,300}\s*\Z")


def strip_trailers(t: MappedText) -> MappedText:
    """Scraper artefacts at the very end (``本文共约字``, ``限制150内``, a Word field's ``PAGE…``)."""
    while True:
        nt = t.sub(_TRAILER, "")
        if nt is t:
            return t
        t = nt


def tidy_blank_lines(t: MappedText) -> MappedText:
    """Drop trailing spaces and squeeze three or more newlines into a blank line."""
    t = t.sub(r"[ \t]+\n", "\n")
    return t.sub(r"\n{3,}", "\n\n")


def clean(raw: str) -> tuple[MappedText, Profile]:
    """Clean raw decoded text; returns the mapped text and the damage profile it detected."""
    t = normalize_whitespace(MappedText.identity(raw))
    p = profile(t.text)
    if p.html_shift:
        t = repair_html_shift(t)
    t = strip_banners(t)
    t = strip_markdown_marks(t)
    if has_markup(t.text):
        t = strip_markup(t)
    t = strip_site_menu(t)
    if p.page_numbers:
        t = strip_page_numbers(t)
        t = repair_ocr_full_stops(t)
    t = join_cjk_spaces(t)
    if p.hard_wrapped:
        t = join_wrapped_lines(t)
    t = strip_trailers(t)
    t = tidy_blank_lines(t)
    return t.strip(), p

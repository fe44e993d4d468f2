"""The heading tree of a plan: 第X章 / 一、 / (一) / 1. / 一是 / ①, each paragraph under its path; a
contingency plan's decimal outline (1 总则 / 1.1 编制目的 / 1.3.1), 第X部分 and 附件 as well.

Pure functions over cleaned text. Headings are recognised at the start of a line and, because PDF
scrapes glue paragraphs together, also right after a sentence ends (``…依据。(四)加强…``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from planqa.records import Block, Section
from planqa.rules import CIRCLED, CN_NUMERALS, HEADING_MARKERS

# the heading grammar is one of the rules of the genre (planqa/rules.py): ingest, answers and drafting share it
_CN_NUM = CN_NUMERALS
_CIRCLED = CIRCLED
_MARKERS = HEADING_MARKERS  # (rank, kind, regex); a lower rank is a higher heading; first match wins

_BOUNDARY = "。；！？;!?"  # a heading may start right after one of these

# --- markers of other genres, kept here (planqa/rules.py's HEADING_MARKERS is the plans' grammar) ----
# a contingency plan numbers its outline in decimals: "1 总则" / "1.1 编制目的" / "1.3.1 …" (GB/T 29639 and
# every 应急预案 framework); the depth of the number is the depth of the section
_DECIMAL = re.compile(r"(\d{1,2})((?:[.．]\d{1,2}){0,3})(?!\d|[.．]\d|%)[.．、]?[ \t　]*(?=[^\s\d.．%])")
_DECIMAL_NEXT = re.compile(r"[ \t　]\d{1,2}[.．]\d|[，,]")  # where a decimal heading's title stops at the latest
_DECIMAL_DOC = re.compile(r"(?:^|[\n。；])[ \t　]*(\d{1,2}[.．]\d{1,2})(?![\d.．%])[ \t　]*"
                          r"(?![万亿千百倍个元年月日天次人户家项件吨米亩公])[\u4e00-\u9fff]")  # not a figure: "1.2万户"
_DECIMAL_TOP_MAX = 15  # "1 总则", "8 附则": a top-level title is a short phrase alone
# a long 实施方案 or report in parts: "第一部分 总体要求"; an attachment after the body: "附件1 …" / "附件："
_PART = re.compile(rf"第[{CN_NUMERALS}]{{1,3}}部分")
_ANNEX = re.compile(r"附件[ \t　]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?[ \t　]*[:：]?")
_ANNEX_LINE_MAX = 30
_TITLE_END = re.compile(r"[。；：:！？;!?]")
MAX_TITLE = 30


@dataclass(frozen=True)
class Heading:
    start: int  # clean offset of the marker
    rank: int
    marker: str
    title: str
    title_end: int  # clean offset where the heading's own text ends
    ends_line: bool  # the heading is alone on its line: a pure heading paragraph


def match_marker(text: str, pos: int) -> tuple[int, str] | None:
    """(rank, marker) of the heading marker at ``pos``, or None."""
    for rank, _kind, rx in _MARKERS:
        m = rx.match(text, pos)
        if m:
            return rank, m.group(0)
    return None


def is_decimal_outline(text: str) -> bool:
    """Whether a text numbers its sections 1.1, 1.2 … (a contingency plan): three such headings at a
    line start or right after a sentence, or two when one is 1.1."""
    found = [re.sub("．", ".", n) for n in _DECIMAL_DOC.findall(text[:60000])]
    return len(found) >= 3 or (len(found) == 2 and "1.1" in found)


def _decimal_marker(text: str, pos: int, last_top: int) -> tuple[int, str] | None:
    """(rank, marker) of a decimal heading at ``pos``: depth 1 (``1 总则``) ranks with 一、, depth 2 with
    (一), depth 3 with 1. A depth-1 number is a heading only as the next top number (or 1 again, after a
    table of contents) with a short title alone before the next number: not "3月底前实现…"."""
    m = _DECIMAL.match(text, pos)
    if not m:
        return None
    depth = 1 + m.group(2).count(".") + m.group(2).count("．")
    if depth == 1:
        n = int(m.group(1))
        if n not in (1, last_top + 1):
            return None
        line_end = text.find("\n", m.end())
        rest = text[m.end(): len(text) if line_end < 0 else line_end]
        nxt = re.search(r"[ \t　]\d{1,2}[.．]\d", rest)
        title = (rest[: nxt.start()] if nxt else rest).strip()
        # a short Chinese title alone ("1 总则", "4 预防、监测和预警")
        if not (1 <= len(title) <= _DECIMAL_TOP_MAX) or not re.fullmatch(r"[\u4e00-\u9fff][\u4e00-\u9fff、 　]*",
                                                                          title):
            return None
    return 1 + depth, m.group(0)


def _genre_marker(text: str, pos: int) -> tuple[int, str] | None:
    """(rank, marker) of 第X部分 (a top-level part) or 附件 (an attachment, alone on a short line)."""
    m = _PART.match(text, pos)
    if m:
        return 0, m.group(0)
    if pos == 0 or text[pos - 1] == "\n":
        m = _ANNEX.match(text, pos)
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if m and line_end - pos <= _ANNEX_LINE_MAX and not re.search(r"[。；]", text[pos:line_end]):
            return 0, m.group(0)
    return None


def _candidate_positions(text: str, decimal: bool = False) -> list[int]:
    """Line starts, positions right after a sentence end, and any 第X章; in a decimal outline also a
    number standing between spaces (a flattened PDF: "…预案 1 总则 1.1 编制依据…")."""
    out = {0}
    for m in re.finditer(r"\n[ \t]*", text):
        out.add(m.end())
    for m in re.finditer(rf"[{_BOUNDARY}][ \t]*", text):
        out.add(m.end())
    for m in re.finditer(rf"第[{_CN_NUM}]{{1,3}}章", text):
        before = text[max(0, m.start() - 4): m.start()]
        if not re.search(r"(见|按照|依据|根据|本规划|本章)$", before):
            out.add(m.start())
            nested = re.compile(rf"[{_CN_NUM}]{{1,2}}、").search(text, m.end(), m.end() + 16)
            if nested:  # "第五章保障措施一、强化组织保障…": the first section glued to its chapter
                out.add(nested.start())
    for m in re.finditer(rf"[{_CIRCLED}]", text):  # ① sub-items run inline in a paragraph
        out.add(m.start())
    if decimal:
        for m in re.finditer(r"(?<=[ \t　])\d{1,2}(?:[.．]\d{1,2}){0,3}[ \t　]", text):
            out.add(m.start())
    return sorted(p for p in out if p < len(text))


_BODY_START = re.compile(r"(?:按照|坚持|积极|加强|推进|完善|依据|根据|结合|针对|围绕|强化|健全|建立|立足|把|为|在|以)")


def _glued_title_length(title: str) -> int:
    """A PDF scrape glues a heading to its paragraph; guess where the heading ends.

    Headings are short noun/verb phrases; the paragraph usually opens with a stock verb
    (按照, 坚持, 加强…) or punctuation. Never shorter than 4 characters, never longer than 20.
    """
    stop = re.compile(r"[，,、“（(]").search(title, 4)
    limit = min(stop.start() if stop else len(title), 20)
    m = _BODY_START.search(title, 4, limit)
    nested = re.search(rf"[{_CN_NUM}]{{1,2}}、", title[2:20])
    cut = min(x for x in (m.start() if m else limit, nested.start() + 2 if nested else limit, limit))
    return max(cut, 4)


def find_headings(text: str) -> list[Heading]:
    """The headings of a text, each with marker, rank, title and clean offsets."""
    headings: list[Heading] = []
    decimal = is_decimal_outline(text)
    last_top = 0
    for pos in _candidate_positions(text, decimal):
        hit = _genre_marker(text, pos)
        dec = None if hit or not decimal else _decimal_marker(text, pos, last_top)
        if dec and dec[0] == 2:
            last_top = int(_DECIMAL.match(text, pos).group(1))
        hit = hit or dec or match_marker(text, pos)
        if not hit:
            continue
        rank, marker = hit
        body_start = pos + len(marker)
        if rank <= 1 and text.startswith(marker, body_start):  # "第四章第四章重点工程项目": a scrape's doubled marker
            continue
        line_end = text.find("\n", body_start)
        line_end = len(text) if line_end < 0 else line_end
        # an arabic number mid-line is a heading only when it follows a full stop (not "第3次")
        if rank == 4 and pos > 0 and text[pos - 1] not in "\n" + _BOUNDARY and not text[pos - 1].isspace():
            continue
        stop = _TITLE_END.search(text, body_start, line_end)
        title_end = stop.start() if stop else line_end
        title = text[body_start:title_end].strip()
        if rank >= 5:  # 一是 / ①: the item's first clause is its title
            m = re.search(r"[，,。；]", text[body_start:line_end])
            title_end = body_start + m.start() if m else line_end
            title = text[body_start:title_end].strip()
        if rank == 2 and not title:
            continue
        if rank == 2 and re.match(rf"[{_CN_NUM}]{{1,3}}、", text[body_start:body_start + 4]):
            continue  # "一、二、三产业增加值…": numerals listed in a sentence, not a heading
        if dec:  # "1 总则 1.1 编制依据…": the title stops before the next number (or a comma)
            cut = _DECIMAL_NEXT.search(text, body_start, title_end)
            if cut:
                title_end = cut.start()
                title = text[body_start:title_end].strip()
        if rank <= 3 and title_end != line_end and len(title) > 12:
            title_end = body_start + _glued_title_length(title)
            title = text[body_start:title_end]
        ends_line = title_end == line_end and len(title) <= MAX_TITLE
        headings.append(
            Heading(pos, rank, marker, title[:MAX_TITLE], min(title_end, body_start + MAX_TITLE), ends_line)
        )
    return headings


def parse_blocks(text: str) -> list[Block]:
    """Split cleaned text into paragraphs (at line breaks and headings), each with its section path.

    A law or regulation (``is_law``) is read by its own outline (编/章/节/条); anything else by
    the plan outline (第X章 / 一、 / (一) / 1. / 一是 / ①)."""
    if is_law(text):
        return parse_law_blocks(text)
    cuts = {0, len(text)}
    for m in re.finditer(r"\n+", text):
        cuts.add(m.start())
        cuts.add(m.end())
    headings = {h.start: h for h in find_headings(text)}
    cuts.update(headings)
    points = sorted(cuts)

    stack: list[Section] = []
    blocks: list[Block] = []
    for a, b in zip(points, points[1:]):
        seg = text[a:b]
        if not seg.strip():
            continue
        # trim whitespace so blocks start and end on text
        a += len(seg) - len(seg.lstrip())
        b -= len(seg) - len(seg.rstrip())
        h = headings.get(a)
        is_heading = False
        if h is not None:
            while stack and stack[-1].level >= h.rank:
                stack.pop()
            stack.append(Section(h.rank, h.marker, h.title))
            is_heading = h.ends_line and h.title_end >= b - 1
        blocks.append(Block(a, b, tuple(stack), is_heading))
    return distrust_scrambled_chapters(blocks)


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def numeral_value(marker: str) -> int | None:
    """``第十二章`` / ``三、`` / ``(十)`` / ``第一百零二条`` → 12 / 3 / 10 / 102; None when there is no numeral.

    Numerals with units (十/百/千) are read as such; a run of bare digits (``二〇二二``) positionally."""
    digits = re.sub(rf"[^{_CN_NUM}千\d]", "", marker)
    if not digits:
        return None
    if digits.isdigit():
        return int(digits)
    if any(u in digits for u in _CN_UNITS):
        total, pending = 0, None
        for ch in digits:
            if ch in _CN_UNITS:
                total += (1 if pending is None else pending) * _CN_UNITS[ch]
                pending = None
            elif ch in _CN_DIGITS:
                pending = _CN_DIGITS[ch]
            else:
                return None
        return total + (pending or 0)
    n = 0
    for ch in digits:
        if ch not in _CN_DIGITS:
            return None
        n = n * 10 + _CN_DIGITS[ch]
    return n


def distrust_scrambled_chapters(blocks: list[Block]) -> list[Block]:
    """Pages out of order (a PDF scrape's 第一章 followed by 第四章, 第二章 last) put paragraphs under
    the wrong chapter. When the chapters do not run in order, a chapter keeps its paragraphs only
    while its own sections (一、二、…) do; from the first break on, the chapter is left out of the
    path until the next chapter: no section path is better than a wrong one."""
    chapters = [numeral_value(b.path[0].marker) for b in blocks  # 第X章/第X部分, not an 附件 after them
                if b.path and b.path[0].level == 0 and len(b.path) == 1 and b.path[0].marker.startswith("第")]
    seq = [c for i, c in enumerate(chapters) if c is not None and (i == 0 or c != chapters[i - 1])]
    if all(b == a + 1 for a, b in zip(seq, seq[1:])):
        return blocks
    out: list[Block] = []
    chapter: Section | None = None
    last = 0  # the last 一、-level number seen under the current chapter
    trusted = True
    for b in blocks:
        head = b.path[0] if b.path else None
        if head is not None and head.level == 0 and head != chapter:
            chapter, last, trusted = head, 0, True
        if chapter is not None and head == chapter and len(b.path) > 1:
            sec = b.path[1]
            n = numeral_value(sec.marker) if sec.level == 2 else None
            if trusted and (n is None or not (last < n <= last + 2) or (last == 0 and n > 2)):
                if n != last:  # the same section continuing is fine
                    trusted = False
            elif not trusted and last and n == last + 1:
                trusted = True  # "三、… [another chapter's page] 四、…": the chapter's own run resumes
            if trusted and n is not None:
                last = n
        if not trusted and head == chapter and len(b.path) > 1:
            b = Block(b.start, b.end, b.path[1:], b.is_heading)
        out.append(b)
    return out


# --- laws and regulations: 编 / 章 / 节 / 条 (款 and 项 stay inside their article) -----------------

_LAW_NUM = f"[{_CN_NUM}千\\d]{{1,8}}"
_ARTICLE_RX = re.compile(rf"第{_LAW_NUM}条(?:之[{_CN_NUM}]{{1,3}})?")
_DIVISION_RX = re.compile(rf"第{_LAW_NUM}([编章节])")
_DIVISION_LEVEL = {"编": -1, "章": 0, "节": 1}
ARTICLE_LEVEL = 2
_LAW_HEADING_MAX = 40  # a 第X章 line longer than this, or with a full stop, is prose that starts so
_BARE_TITLE_MAX = 20
_BARE_TITLE_PUNCT = re.compile(r"[。；;，,：:、！？!?（(）)《》“”]")
# a division heading with its first article run into it (the line break lost in a scrape)
_GLUED_ARTICLE = re.compile(rf"(第{_LAW_NUM}[编章节][ \t]*[^。；;，,：:\s第]{{1,20}})[ \t]*({_ARTICLE_RX.pattern})")
_LAW_EARLY = 3000  # 第一条 stands this near the top of a law (after its title and dates)


def is_law(text: str) -> bool:
    """A law or regulation numbers its text in articles from 第一条, which opens a line near the top
    (after the title, the dates of adoption and perhaps 第一章 总则). A reference to an article in
    running text ("依照本法第十条") is not at a line start and does not count."""
    # (or run into the first chapter's heading by a scrape: "第一章 总则第一条 为了…")
    first = re.search(rf"^[ \t]*(?:第[{_CN_NUM}]{{1,3}}[编章][^\n。；;]{{0,24}}?)?第一条", text, re.M)
    if first is None or first.start() > max(_LAW_EARLY, len(text) // 5):
        return False
    return len(re.findall(rf"^[ \t]*{_ARTICLE_RX.pattern}", text, re.M)) >= 3


def article_marker(line: str) -> str | None:
    """``第二十一条`` when ``line`` opens with an article number, else None."""
    m = _ARTICLE_RX.match(line)
    return m.group(0) if m else None


def _article_number(marker: str) -> float:
    """第十条 → 10; 第十条之一 (an article inserted by an amendment) → 10.01."""
    main, _, sub = marker.partition("之")
    return (numeral_value(main) or 0) + (numeral_value(sub) or 0) / 100


def _division(line: str) -> tuple[int, str, str] | None:
    """(level, marker, title) of a ``第X编/章/节`` heading line."""
    m = _DIVISION_RX.match(line)
    if not m or len(line) > _LAW_HEADING_MAX or re.search(r"[。；;]", line):
        return None
    return _DIVISION_LEVEL[m.group(1)], m.group(0), line[m.end():].strip()


def parse_law_blocks(text: str) -> list[Block]:
    """A law's paragraphs under 编 > 章 > 节 > 条. The article is the unit of citation: its 款
    (paragraphs) and 项 (（一）… items) are blocks under the article's own path. A chapter title
    that lost its 第X章 number (a bare short line right before an article) is still a chapter.
    An article line whose number does not advance (``第五条规定的…`` after 第二十条) is prose."""
    lines: list[tuple[int, int]] = []  # (start, end) of each non-empty line, whitespace trimmed
    for m in re.finditer(r"[^\n]+", text):
        seg = m.group(0)
        if seg.strip():
            a = m.start() + len(seg) - len(seg.lstrip())
            b = m.start() + len(seg.rstrip())
            glued = _GLUED_ARTICLE.match(text, a, b)
            if glued:  # "第五章 法律责任第三十二条 实施…": a scrape ran the chapter's first article into its title
                lines += [(a, glued.end(1)), (glued.start(2), b)]
            else:
                lines.append((a, b))
    stack: list[Section] = []
    blocks: list[Block] = []
    last_article = 0.0
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        head: Section | None = None
        is_heading = False
        division = _division(line)
        marker = article_marker(line)
        if division:
            head, is_heading = Section(division[0], division[1], division[2]), True
        elif marker and _article_number(marker) > last_article:
            last_article = _article_number(marker)
            head = Section(ARTICLE_LEVEL, marker, "")
        elif i and i + 1 < len(lines) and len(line) <= _BARE_TITLE_MAX and not _BARE_TITLE_PUNCT.search(line) \
                and not re.search(r"\d|年", line):  # not a date line of the law's header
            nxt = text[lines[i + 1][0]:lines[i + 1][1]]
            nxt_marker = article_marker(nxt)
            if (nxt_marker and _article_number(nxt_marker) > last_article) or _division(nxt):
                head, is_heading = Section(0, "", line), True
        if head is not None:
            while stack and stack[-1].level >= head.level:
                stack.pop()
            stack.append(head)
        blocks.append(Block(a, b, tuple(stack), is_heading))
    return blocks


def article_of(path: tuple[Section, ...]) -> str:
    """The article a path lies in (``第三条``), or "" outside any article."""
    for s in reversed(path):
        if s.level == ARTICLE_LEVEL and _ARTICLE_RX.fullmatch(s.marker):
            return s.marker
    return ""


def path_label(path: tuple[Section, ...]) -> str:
    """A section path as one label: '一、总体要求 > （一）指导思想'."""
    return " > ".join(s.label for s in path)

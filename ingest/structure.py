"""The heading tree of a plan: 第X章 / 一、 / (一) / 1. / 一是 / ①, each paragraph under its path.

Pure functions over cleaned text. Headings are recognised at the start of a line and, because PDF
scrapes glue paragraphs together, also right after a sentence ends (``…依据。(四)加强…``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from planqa.records import Block, Section

_CN_NUM = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (rank, regex); a lower rank is a higher heading. Order matters: first match wins.
_MARKERS: list[tuple[int, str, re.Pattern[str]]] = [
    (0, "chapter", re.compile(rf"第[{_CN_NUM}\d]{{1,3}}章")),
    (1, "part", re.compile(rf"第[{_CN_NUM}\d]{{1,3}}节")),
    (2, "cn", re.compile(rf"[{_CN_NUM}]{{1,3}}、")),
    (3, "paren", re.compile(rf"[(（][{_CN_NUM}]{{1,3}}[)）]")),
    (4, "arabic", re.compile(r"\d{1,2}(?:[.．](?!\d)|、)")),
    (5, "shi", re.compile(rf"[{_CN_NUM}]{{1,3}}是(?=[\u4e00-\u9fff])")),
    (6, "circled", re.compile(rf"[{_CIRCLED}]")),
]

_BOUNDARY = "。；！？;!?"  # a heading may start right after one of these
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
    for rank, _kind, rx in _MARKERS:
        m = rx.match(text, pos)
        if m:
            return rank, m.group(0)
    return None


def _candidate_positions(text: str) -> list[int]:
    """Line starts, positions right after a sentence end, and any 第X章."""
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
    headings: list[Heading] = []
    for pos in _candidate_positions(text):
        hit = match_marker(text, pos)
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
        if rank <= 3 and title_end != line_end and len(title) > 12:
            title_end = body_start + _glued_title_length(title)
            title = text[body_start:title_end]
        ends_line = title_end == line_end and len(title) <= MAX_TITLE
        headings.append(
            Heading(pos, rank, marker, title[:MAX_TITLE], min(title_end, body_start + MAX_TITLE), ends_line)
        )
    return headings


def parse_blocks(text: str) -> list[Block]:
    """Split cleaned text into paragraphs (at line breaks and headings), each with its section path."""
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


def numeral_value(marker: str) -> int | None:
    """``第十二章`` / ``三、`` / ``(十)`` → 12 / 3 / 10; None when there is no numeral."""
    digits = re.sub(rf"[^{_CN_NUM}\d]", "", marker)
    if not digits:
        return None
    if digits.isdigit():
        return int(digits)
    if "十" in digits:
        tens, _, ones = digits.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
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
    chapters = [numeral_value(b.path[0].marker) for b in blocks if b.path and b.path[0].level == 0 and len(b.path) == 1]
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
        if chapter is not None and head == chapter and len(b.path) > 1 and trusted:
            sec = b.path[1]
            n = numeral_value(sec.marker) if sec.level == 2 else None
            if n is None or not (last < n <= last + 2) or (last == 0 and n > 2):
                if n != last:  # the same section continuing is fine
                    trusted = False
            if trusted and n is not None:
                last = n
        if not trusted and head == chapter and len(b.path) > 1:
            b = Block(b.start, b.end, b.path[1:], b.is_heading)
        out.append(b)
    return out


def path_label(path: tuple[Section, ...]) -> str:
    return " > ".join(s.label for s in path)

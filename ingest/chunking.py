"""Chunking by structure: items stay whole where they fit, long items split at sentence ends.

A chunk never straddles two top-level sections; it carries its section path, the document's
metadata and the raw offsets of its text (through the cleaning map).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from planqa.records import Block, Chunk, DocMeta, page_span

from .offsets import MappedText
from .structure import article_of, path_label

_SENTENCE = re.compile(r"[^。；！？!?;\n]*[。；！？!?;]+[”’」』)）]*|[^。；！？!?;\n]+$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    block: Block


def _split_long(block: Block, text: str, target: int, hard_max: int) -> list[Span]:
    """Cut a long paragraph at sentence ends into pieces of about ``target`` characters."""
    pieces: list[Span] = []
    cur_a = block.start
    cur_b = block.start
    for m in _SENTENCE.finditer(text, block.start, block.end):
        s_a, s_b = m.span()
        if s_b - s_a > hard_max:  # one huge sentence: cut at commas, then hard
            if cur_b > cur_a:
                pieces.append(Span(cur_a, cur_b, block))
            pos = s_a
            while s_b - pos > hard_max:
                window = text[pos: pos + hard_max]
                cut = max(window.rfind("，"), window.rfind(","), window.rfind("、"))
                cut = pos + (cut + 1 if cut > target // 3 else hard_max)
                pieces.append(Span(pos, cut, block))
                pos = cut
            cur_a, cur_b = pos, s_b
            continue
        if cur_b > cur_a and s_b - cur_a > target:
            pieces.append(Span(cur_a, cur_b, block))
            cur_a = s_a
        cur_b = s_b
    if cur_b > cur_a:
        pieces.append(Span(cur_a, cur_b, block))
    # a short tail reads better with its predecessor
    if len(pieces) >= 2 and pieces[-1].end - pieces[-1].start < target // 4 and pieces[-1].end - pieces[-2].start <= hard_max:
        pieces[-2:] = [Span(pieces[-2].start, pieces[-1].end, block)]
    return pieces


def _top(block: Block) -> str:
    return block.path[0].label if block.path else ""


def _law_groups(blocks: list[Block], text: str, target: int, hard_max: int) -> list[list[Span]]:
    """A law's chunks: one article per chunk, whole where it fits in ``hard_max``.

    Paragraphs with the same path form a run (an article with its 款 and 项, or the law's head);
    headings (第X章…) open the run that follows them. A run too long for one chunk is cut at
    its paragraph (款/项) boundaries, each piece keeping the article's path; a single paragraph
    longer than ``hard_max`` is cut at sentence ends. Two articles never share a chunk: the
    article is what a citation names."""
    runs: list[list[Span]] = []
    heads: list[Span] = []
    for b in blocks:
        if b.is_heading:
            heads.append(Span(b.start, b.end, b))
            continue
        pieces = _split_long(b, text, target, hard_max) if b.end - b.start > hard_max else [Span(b.start, b.end, b)]
        if runs and not heads and runs[-1][-1].block.path == b.path:
            runs[-1].extend(pieces)
        else:
            runs.append(heads + pieces)
            heads = []
    if heads:
        runs.append(heads)

    groups: list[list[Span]] = []
    for run in runs:
        if run[-1].end - run[0].start <= hard_max:
            groups.append(run)
            continue
        cur: list[Span] = []
        for sp in run:
            if cur:
                size, after = cur[-1].end - cur[0].start, sp.end - cur[0].start
                content = any(not s.block.is_heading for s in cur)
                # a heading goes with what follows it unless together they pass hard_max
                if after > hard_max or (content and after > target and size >= target // 2):
                    groups.append(cur)
                    cur = []
            cur.append(sp)
        groups.append(cur)
        # a short last piece reads better with the one before it
        if len(groups) >= 2 and groups[-1][-1].block.path == groups[-2][-1].block.path \
                and groups[-1][-1].end - groups[-1][0].start < target // 4 \
                and groups[-1][-1].end - groups[-2][0].start <= hard_max:
            groups[-2:] = [groups[-2] + groups[-1]]
    return groups


def chunk_document(
    doc_id: str,
    clean: MappedText,
    blocks: list[Block],
    meta: DocMeta,
    *,
    target: int = 300,
    hard_max: int = 480,
    page_starts: tuple[int, ...] = (),
) -> list[Chunk]:
    """Split a cleaned document into chunks: by article for laws, by section otherwise.
    ``page_starts`` (a PDF's, raw offsets) give each chunk its page numbers."""
    text = clean.text
    if any(article_of(b.path) for b in blocks):
        groups = _law_groups(blocks, text, target, hard_max)
    else:
        groups = _plan_groups(blocks, text, target, hard_max)
    return _chunks(doc_id, clean, groups, meta, page_starts)


def _plan_groups(blocks: list[Block], text: str, target: int, hard_max: int) -> list[list[Span]]:
    """A plan's chunks: an item whole where it fits ``target``, with its sub-items when short."""
    spans: list[Span] = []
    for b in blocks:
        if b.end - b.start > target and not b.is_heading:
            spans.extend(_split_long(b, text, target, hard_max))
        else:
            spans.append(Span(b.start, b.end, b))

    groups: list[list[Span]] = []
    for sp in spans:
        if groups:
            cur = groups[-1]
            first_content = next((s for s in cur if not s.block.is_heading), None)
            size = sp.end - cur[0].start
            same_top = _top(cur[0].block) == _top(sp.block)
            only_headings = first_content is None
            same_item = first_content is not None and sp.block.path == first_content.block.path
            # a short item may take its own sub-items (①②…), never a sibling or a new section
            child = first_content is not None and sp.block.path[: len(first_content.block.path)] == first_content.block.path
            small = child and (cur[-1].end - cur[0].start) < target // 3
            if same_top and size <= hard_max and (only_headings or ((same_item or small) and size <= target)):
                cur.append(sp)
                continue
        groups.append([sp])
    return groups


def _chunks(doc_id: str, clean: MappedText, groups: list[list[Span]], meta: DocMeta,
            page_starts: tuple[int, ...] = ()) -> list[Chunk]:
    text = clean.text
    chunks: list[Chunk] = []
    for i, g in enumerate(groups):
        a, b = g[0].start, g[-1].end
        content = next((s for s in g if not s.block.is_heading), g[-1])
        raw_a, raw_b = clean.raw_span(a, b)
        body = text[a:b]
        digest = hashlib.sha1(f"{doc_id}\0{raw_a}\0{raw_b}\0{body}".encode()).hexdigest()[:16]
        page, page_end = page_span(page_starts, raw_a, raw_b)
        chunks.append(
            Chunk(
                id=f"{doc_id}#{digest}",
                doc=doc_id,
                text=body,
                start=raw_a,
                end=raw_b,
                section=path_label(content.block.path),
                meta=meta,
                ordinal=i,
                top_section=_top(content.block),
                article=article_of(content.block.path),
                page=page,
                page_end=page_end,
            )
        )
    return chunks

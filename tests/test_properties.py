"""Property-based tests (hypothesis) for cleaning and chunking on arbitrary Chinese text with the
damage and the headings real plans have: offsets always map back; no text lost or duplicated."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.chunking import chunk_document
from ingest.cleaning import LOST, clean
from ingest.metadata import infer_meta
from ingest.structure import parse_blocks
from planqa.records import DocMeta

HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PIECES = st.one_of(
    st.text(HANZI, min_size=1, max_size=30),
    st.sampled_from([
        "。", "，", "；", "：", "、", "“", "”", "（", "）", "(", ")", " ", "  ", "\n", "\n\n", "\r\n", "\t", "　",
        "一、", "二、", "（一）", "(二)", "第三章", "第一节", "一是", "二是", "1.", "2、", "12、", "①", "②",
        "/p>", "?ldquo;", "?rdquo;", "?", "?10", "本文共约字", "限制150内", "由会员分享，可在线阅读",
        "2022年", "30%", "0.8‰", "abc", "GDP",
    ]),
)
TEXT = st.lists(PIECES, min_size=1, max_size=120).map("".join)

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _bare(s: str) -> str:
    return re.sub(r"\s", "", s)


def _from_span(text: str, span: str) -> bool:
    """``text`` is a subsequence of ``span``, where a repaired character matches the damage it
    came from (the code point below it, a lost "?", an entity's "?")."""
    i = 0
    for ch in text:
        while i < len(span) and not (span[i] == ch or ord(ch) == ord(span[i]) + 1 or (ch == LOST and span[i] == "?")
                                     or (ch in "“”：" and span[i] in "?;9")):
            i += 1
        if i == len(span):
            return False
        i += 1
    return True


@FAST
@given(TEXT)
def test_every_cleaned_character_maps_back_in_order(raw):
    cleaned, _ = clean(raw)
    n = len(cleaned.text)
    assert len(cleaned.starts) == len(cleaned.ends) == n
    if n:
        assert (cleaned.starts >= 0).all() and (cleaned.ends <= len(raw)).all()
        assert (cleaned.starts < cleaned.ends).all()
        assert (cleaned.starts[1:] >= cleaned.starts[:-1]).all()  # spans stay in order
    for i, ch in enumerate(cleaned.text):
        origin = raw[cleaned.starts[i]:cleaned.ends[i]]
        # an unchanged character comes from itself; a repaired one from the damage it replaced
        assert ch in origin or ch == LOST or len(origin) > 1 or ch in "\n ：" or ord(ch) == ord(origin) + 1, (ch, origin)


@FAST
@given(TEXT)
def test_cleaning_never_invents_chinese_text(raw):
    """Every Chinese character in the output was in the input (or is a repaired shifted one)."""
    cleaned, prof = clean(raw)
    if prof.html_shift:
        return  # the repair rule writes code point + 1 by design; checked character by character above
    assert set(re.findall(r"[\u4e00-\u9fa5]", cleaned.text)) <= set(raw)


@FAST
@given(TEXT, st.integers(min_value=40, max_value=300))
def test_chunks_cover_the_text_once_and_point_into_the_raw_file(raw, target):
    cleaned, _ = clean(raw)
    if not cleaned.text.strip():
        return
    blocks = parse_blocks(cleaned.text)
    chunks = chunk_document("doc.txt", cleaned, blocks, DocMeta(title="t"), target=target, hard_max=target + target // 2)
    # nothing lost, nothing duplicated: the chunks, in order, are the cleaned text
    assert _bare("".join(c.text for c in chunks)) == _bare(cleaned.text)
    for a, b in zip(chunks, chunks[1:]):
        assert a.end <= b.start  # raw spans in order, never overlapping
    for c in chunks:
        assert 0 <= c.start < c.end <= len(raw)
        assert c.text.strip()
        # the passage's characters come from the raw span, in order (a repair stands for its damage)
        assert _from_span(_bare(c.text), raw[c.start:c.end]), (c.text, raw[c.start:c.end])


@FAST
@given(TEXT)
def test_ids_are_stable_and_unique(raw):
    cleaned, _ = clean(raw)
    if not cleaned.text.strip():
        return
    meta = infer_meta(cleaned.text)
    one = chunk_document("d.txt", cleaned, parse_blocks(cleaned.text), meta)
    two = chunk_document("d.txt", cleaned, parse_blocks(cleaned.text), meta)
    assert [c.id for c in one] == [c.id for c in two]
    assert len({c.id for c in one}) == len(one)


# --- hard wrapping: lines of a page's width; headings and sentence ends are never joined --------------
MARKED = ["一、总体要求", "（一）工作目标", "(二)主要任务", "1.1 编制目的", "1 总则", "2.3.1 预警级别", "第一章 总则",
          "第二节 监测", "第三部分 保障措施", "附件1", "目 录", "1.加强组织领导", "编制目的……………3"]
TITLES = ["岑溪市人民政府办公室", "2024年3月29日", "关于印发防御台风应急预案的通知"]
HEADING_LINES = MARKED + TITLES
SENTENCE = st.builds(lambda body, end: body + end, st.text(HANZI, min_size=8, max_size=60),
                     st.sampled_from(["。", "；", "！", "？", "：", "，", "", "、"]))
DOC_LINES = st.lists(st.one_of(SENTENCE, SENTENCE, st.sampled_from(HEADING_LINES)), min_size=1, max_size=40)


def _wrap(paragraphs: list[str], width: int) -> str:
    out = []
    for p in paragraphs:
        while len(p) > width:
            out.append(p[:width])
            p = p[width:]
        out.append(p)
    return "\n".join(out)


@FAST
@given(DOC_LINES, st.integers(min_value=18, max_value=40))
def test_wrapped_lines_join_only_mid_sentence(paragraphs, width):
    from ingest.cleaning import join_wrapped_lines
    from ingest.offsets import MappedText

    raw = _wrap(paragraphs, width)
    joined = join_wrapped_lines(MappedText.identity(raw))
    assert joined.text.replace("\n", "") == raw.replace("\n", "")  # only newlines go
    assert all(raw[s] == ch for s, ch in zip(joined.starts, joined.text))  # and the rest maps to itself
    kept = {int(joined.starts[j]) for j, ch in enumerate(joined.text) if ch == "\n"}  # raw offsets of newlines left
    pos = 0
    lines = raw.split("\n")
    for line, nxt in zip(lines, lines[1:]):
        pos += len(line)  # the newline after ``line``
        # a heading, a title, a signature, a TOC line or a sentence end is never joined to the next; nor is a
        # heading or a TOC line joined to the line before it
        if line in HEADING_LINES or line[-1:] in ("。", "；", "！", "？", "：") or nxt in MARKED:
            assert pos in kept, (line, nxt)
        pos += 1

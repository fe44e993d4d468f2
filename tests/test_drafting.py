"""Drafting on the seed corpus: structure, adaptation, and a source for every item."""
import os
import re
import subprocess
import sys

import docx
import pytest

from rag.drafting import Drafter, adapt
from planqa.records import DocMeta
from tests.conftest import ROOT

SOURCE_NAMES = ["上海", "绍兴", "南通", "崇明", "X市", "浦东", "沪应"]


def unmarked(text: str) -> str:
    return re.sub(r"【待核实：[^】]*】", "", text)


@pytest.fixture(scope="module")
def draft_docx(seed_index, tmp_path_factory):
    out = tmp_path_factory.mktemp("draft") / "d.docx"
    env = dict(os.environ, PLANQA_INDEX=str(seed_index.dir))
    r = subprocess.run([sys.executable, "-m", "planqa.cli", "draft", "--region", "杭州市", "--year", "2023",
                        "--topic", "燃气安全", "--topic", "防汛防台", "--out", str(out)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return docx.Document(str(out))


def test_docx_headings_follow_the_genre(draft_docx):
    paras = draft_docx.paragraphs
    h1 = [p.text for p in paras if p.style.name == "Heading 1"]
    h2 = [p.text for p in paras if p.style.name == "Heading 2"]
    assert h1[:3] == ["一、总体要求", "二、主要目标", "三、重点工作"] and h1[-1] == "来源"
    assert h2[0] == "(一)燃气安全" and h2[1] == "(二)防汛防台"  # the topics asked for come first
    assert all(re.match(r"^\([一二三四五六七八九十]+\)", t) for t in h2)
    items = [p for p in paras if re.match(r"^\d+\.", p.text) and p.style.name == "Normal"]
    assert len(items) >= 10
    assert [int(p.text.split(".")[0]) for p in items] == list(range(1, len(items) + 1))


def test_every_item_has_a_source_and_gas_draws_on_000_and_003(draft_docx):
    paras = draft_docx.paragraphs
    sources = {}
    for p in paras:
        m = re.match(r"^\[(\d+)\] 《(.+?)》 .*（(\S+?):(\d+)-(\d+)）$", p.text)
        if m:
            sources[int(m.group(1))] = m.group(3)
    assert sources
    in_gas = False
    gas_docs = set()
    for p in paras:
        if p.style.name == "Heading 2":
            in_gas = p.text == "(一)燃气安全"
        if re.match(r"^\d+\.", p.text):
            refs = [int(r.text.strip("[]")) for r in p.runs if r.font.superscript]
            assert refs and all(n in sources for n in refs), p.text[:30]
            if in_gas:
                gas_docs.update(sources[n] for n in refs)
    assert {"000_2b9f627f46ec8eee.txt", "003_ee2fde3bcb9135fe.txt"} <= gas_docs


def test_no_leftover_region_or_year_of_the_sources(draft_docx):
    body = []
    for p in draft_docx.paragraphs:
        if p.text == "来源":
            break
        body.append(p.text)
    text = unmarked("\n".join(body))
    for name in SOURCE_NAMES:
        assert name not in text, name
    assert not re.search(r"20(?:1\d|2[0-2])", text)
    assert "杭州" in text


def test_adapt_replaces_places_and_marks_targets():
    meta = DocMeta("绍兴市2022年应急管理工作要点", "绍兴市", 2022, 2022, "工作要点")
    out = adapt("修订《绍兴市防汛防台抗旱应急预案》,新增规范化避灾安置场所150个,同比2019—2021三年平均值下降25%。",
                meta, "杭州市", 2023, ["绍兴市", "绍兴"])
    assert "《杭州市防汛防台抗旱应急预案》" in out
    assert "【待核实：150个】" in out and "【待核实：25%】" in out
    assert "【待核实：2020】" in out and "2019" not in out


def test_adapt_never_leaves_lost_characters_or_doubled_places():
    x = DocMeta("X市2022年应急管理工作计划", "X市", 2022, 2022, "工作计划")
    out = adapt("按照国务院、省政府、X市政府和X市政府部署，持续深□“治已病、防未病理念。", x, "杭州市", 2023, [])
    assert "杭州市政府和杭州市政府" not in out and "杭州市政府部署" in out
    assert "□" not in out and "深【待核实：原文缺字】“治已病" in out


def test_draft_items_come_from_intact_text_first(seed_index):
    """000's text lost characters; an intact source is preferred, and whatever is used carries no "□"."""
    d = Drafter(seed_index).draft("杭州市", 2023, ["燃气安全"])
    items = [it for s in d.themes for it in s.items]
    assert items and all("□" not in it.text for it in items)
    gas = d.themes[0].items
    assert gas[0].sources[0].doc == "003_ee2fde3bcb9135fe.txt"


def test_markdown_export_and_no_duplicate_items(seed_index):
    d = Drafter(seed_index).draft("宁波市", 2024, ["森林防灭火"])
    md = d.to_markdown()
    assert md.startswith("# 宁波市2024年应急管理工作要点（初稿）")
    assert "### (一)森林防灭火" in md and "[^1]:" in md
    bodies = [it.text for s in d.themes for it in s.items]
    assert len(bodies) == len(set(bodies))
    with pytest.raises(ValueError, match="region"):
        Drafter(seed_index).draft("", 2024)

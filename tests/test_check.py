"""对照检查 (planqa check) on drafts made from the seed plans and on an unrelated text."""
import os
import re
import subprocess
import sys

import pytest

from rag.check import COVERED, MISSING, CheckError, check_draft, check_passages, draft_passages, read_draft
from rag.drafting import Drafter
from tests.conftest import ROOT

D000, D003, D004 = "000_2b9f627f46ec8eee.txt", "003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt"
from tests.conftest import LIBRARY  # noqa: E402


@pytest.fixture(scope="module")
def draft_000_004(seed_index, tmp_path_factory):
    out = tmp_path_factory.mktemp("check") / "draft.docx"
    Drafter(seed_index, sources=[D000, D004]).draft("杭州市", 2023, ["燃气安全", "防汛防台"], max_themes=14).to_docx(out)
    return out


def test_gas_item_covered_and_an_item_no_source_has_missing(seed_index, draft_000_004):
    report = check_draft(seed_index, draft_000_004, [D003])
    gas = [ic for ic in report.items if "城镇燃气安全排查整治" in ic.item.section.split(" > ")[-1]]
    assert gas and gas[0].status == COVERED and "燃气" in gas[0].passage
    assert gas[0].item.doc == D003 and gas[0].item.start < gas[0].item.end
    # an item named after a programme of 003's own (“1234”专项行动, “应急先锋·安全卫士”) that neither
    # 000 nor 004 mentions cannot be in a draft made from them
    sources = " ".join(c.text for c in seed_index.store.iter_chunks() if c.doc in (D000, D004))
    absent = []
    for ic in report.items:
        names = re.findall(r"“([^”]{2,12})", ic.item.label)
        if names and not any(n in sources for n in names):
            absent.append(ic)
    statuses = [ic.status for ic in absent]
    assert len(absent) >= 3 and all(s == MISSING for s in statuses), [(ic.item.label, ic.status) for ic in absent]


def test_a_draft_made_from_a_plan_covers_it_and_an_unrelated_text_does_not(seed_index, tmp_path):
    md = tmp_path / "d.md"
    md.write_text(Drafter(seed_index, sources=[D004]).draft("宁波市", 2024, [], max_themes=14).to_markdown(), encoding="utf-8")
    own = check_draft(seed_index, md, [D004]).counts()
    assert own[COVERED] / sum(own.values()) >= 0.6, own
    report_file = LIBRARY / "report_2026_上海市_政府工作报告.txt"
    if not report_file.exists():
        pytest.skip("the development library is not beside the project")
    text = report_file.read_text(encoding="utf-8")
    k = text.find("（一）坚定不移加快")
    other = check_passages(seed_index, draft_passages(text[k:k + 6000]), [D004]).counts()
    assert other[MISSING] / sum(other.values()) >= 0.9, other


def test_draft_reading_strips_sources_and_marks(tmp_path):
    f = tmp_path / "d.md"
    f.write_text("# 标题\n\n## 一、总体要求\n\n坚持以人民为中心，统筹发展和安全，推进应急管理体系和能力现代化。[^1]\n\n---\n\n"
                 "**来源**\n\n[^1]: 《某规划》 一、总体要求（x.txt:1-2）\n", encoding="utf-8")
    assert read_draft(f) == ["坚持以人民为中心，统筹发展和安全，推进应急管理体系和能力现代化。"]
    g = tmp_path / "gbk.txt"
    g.write_bytes("加强燃气安全排查整治，提高燃气管道安全运行水平。".encode("gbk"))
    assert read_draft(g) == ["加强燃气安全排查整治，提高燃气管道安全运行水平。"]


@pytest.mark.parametrize("name, data, message", [
    ("empty.md", b"", "空"),
    ("bad.docx", b"not a zip at all", ".docx"),
    ("x.xls", b"abc", "不支持"),
    ("bin.txt", b"\x00\x01\x02" * 100, "无法读取"),
])
def test_unreadable_drafts_are_named(tmp_path, name, data, message):
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(CheckError, match=message):
        read_draft(f)


def test_cli_check_json_and_errors(seed_index, draft_000_004):
    env = dict(os.environ, PLANQA_INDEX=str(seed_index.dir))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "planqa.cli", "check", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)

    r = run(str(draft_000_004), "--against", D003, "--json")
    assert r.returncode == 0, r.stderr
    import json

    out = json.loads(r.stdout)
    assert sum(out["counts"].values()) == len(out["items"]) > 10
    first = out["items"][0]
    assert {"status", "passage", "item"} <= set(first) and {"doc", "title", "section", "start", "end"} <= set(first["item"])
    bad = run(str(draft_000_004), "--against", "no_such_doc.txt")
    assert bad.returncode == 2 and "索引中没有文件 no_such_doc.txt" in bad.stderr
    missing = run(str(draft_000_004) + ".nope.docx", "--against", D003)
    assert missing.returncode == 2 and "找不到草稿文件" in missing.stderr

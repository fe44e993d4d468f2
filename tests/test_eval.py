import json
import os
import subprocess
import sys

import pytest

from eval.gold import DEFAULT_GOLD, TYPES, GoldError, load_gold
from eval.metrics import CitationHit, MustInclude, origin_ok, overlaps, quote_spans, ranking_metrics
from eval.gold import GoldItem, Source
from tests.conftest import PLANS, ROOT


def raw(doc):
    p = PLANS / doc
    return p.read_text(encoding="utf-8") if p.exists() else None


def test_bundled_gold_set_is_valid_and_broad():
    items = load_gold(DEFAULT_GOLD, raw)  # every quote is an exact substring of its raw file
    assert len(items) >= 100
    assert {i.type for i in items} == set(TYPES)
    assert {s.doc for i in items for s in i.sources} == {p.name for p in PLANS.glob("*.txt")}


@pytest.mark.parametrize("name", ["gold_heldout.jsonl", "gold_heldout_b.jsonl"])
def test_held_out_gold_sets_are_valid_and_new(name):
    """Questions written after the product was tuned, none repeating the main set or each other."""
    held = load_gold(DEFAULT_GOLD.with_name(name), raw)
    others = {i.question for f in ("gold.jsonl", "gold_heldout.jsonl", "gold_heldout_b.jsonl") if f != name
              for i in load_gold(DEFAULT_GOLD.with_name(f), raw)}
    assert len(held) >= 20 and not {i.question for i in held} & others
    assert any(i.type == "unanswerable" for i in held)


@pytest.mark.parametrize("line,needle", [
    ("not json", "不是有效的 JSON"),
    ('{"id": "a", "question": "q"}', "缺少字段“type”"),
    ('{"id": "a", "question": "q", "type": "guess"}', "题型“type”是 'guess'"),
    ('{"id": "a", "question": "q", "type": "fact", "sources": []}', "至少需要一个出处"),
    ('{"id": "a", "question": "q", "type": "fact", "sources": [{"doc": "004_5cc29d44ee9a572c.txt", "quote": "不存在的句子"}]}', "不是 004_5cc29d44ee9a572c.txt 原文中的片段"),
    ('{"id": "a", "question": "q", "type": "fact", "sources": [{"doc": "nope.txt", "quote": "x"}]}', "'nope.txt' 不在库中"),
])
def test_malformed_gold_lines_name_line_and_problem(tmp_path, line, needle):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "ok", "question": "绍兴?", "type": "unanswerable"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as e:
        load_gold(p, raw)
    assert f"{p} 第 2 行：" in str(e.value) and needle in str(e.value)


def test_ranking_metrics_on_known_cases():
    runs = {"a": [{}] * 4, "b": [{}] * 3, "c": [{}] * 2}
    rel = {"a": {0}, "b": {2}, "c": set()}
    m = ranking_metrics(runs, rel, ks=(1, 5))
    assert m["a"] == {"recall@1": 1.0, "recall@5": 1.0, "mrr@10": 1.0}
    assert m["b"]["recall@1"] == 0.0 and m["b"]["recall@5"] == 1.0 and m["b"]["mrr@10"] == pytest.approx(1 / 3)
    assert m["c"] == {"recall@1": 0.0, "recall@5": 0.0, "mrr@10": 0.0}


def test_span_overlap_and_answer_metrics():
    item = GoldItem("x", "q", "number", must_include=("150个",),
                    sources=(Source("004_5cc29d44ee9a572c.txt", "新增规范化避灾安置场所150个"),))
    spans = quote_spans(item, raw)
    (doc, a, b), = spans
    assert raw(doc)[a:b] == "新增规范化避灾安置场所150个"
    assert overlaps({"doc": doc, "start": a - 10, "end": a + 1}, spans)
    assert not overlaps({"doc": doc, "start": b, "end": b + 10}, spans)
    assert not overlaps({"doc": "other.txt", "start": a, "end": b}, spans)
    assert MustInclude()(item, {"answer": "新增 150个"}) == 1.0  # spacing ignored
    assert MustInclude()(item, {"answer": "新增一百五十个"}) == 0.0
    assert CitationHit()(item, {"citations": [{"doc": doc, "start": a, "end": b}]}, spans) == 1.0
    assert MustInclude()(GoldItem("u", "q", "unanswerable"), {"answer": ""}) is None


def test_origin_check_detects_wrong_offsets():
    text = raw("000_2b9f627f46ec8eee.txt")
    a = text.index("(二)建强应急物资储备体系")
    b = text.index("\n", a)
    cited = {"text": "(二)建强应急物资储备体系。建设应急物资储备信息化平台", "start": a, "end": b}
    good = dict(cited, text=__import__("ingest.cleaning", fromlist=["clean"]).clean(text[a:b])[0].text)
    assert origin_ok(text, good)
    assert not origin_ok(text, dict(good, start=a + 300, end=b + 300))


def test_eval_command_on_a_new_gold_file(tmp_path, seed_index):
    gold = tmp_path / "other.jsonl"
    lines = [
        {"id": "n1", "question": "绍兴要修订哪个防汛防台应急预案?", "type": "fact", "must_include": ["防汛防台抗旱应急预案"],
         "sources": [{"doc": "004_5cc29d44ee9a572c.txt", "quote": "修订《绍兴市防汛防台抗旱应急预案》"}]},
        {"id": "n2", "question": "X市的安全风险报告什么时候完成?", "type": "fact", "must_include": ["3月10日"],
         "sources": [{"doc": "003_ee2fde3bcb9135fe.txt", "quote": "确保3月10日前全面完成"}]},
        {"id": "n3", "question": "上海2022年要发射几颗应急卫星?", "type": "unanswerable"},
    ]
    gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    env = dict(os.environ, PLANQA_INDEX=str(seed_index.dir))
    r = subprocess.run([sys.executable, "-m", "planqa.cli", "eval", "--gold", str(gold), "--json", "--report", str(tmp_path / "rep")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out["configs"]) == {"product", "bm25", "dense512"}
    prod = out["configs"]["product"]["overall"]
    assert prod["questions"] == 3 and prod["recall@5"] == 1.0 and prod["refusal_unanswerable"] == 1.0
    assert prod["offset_validity"] == 1.0
    page = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    assert page.count("<img") == 2
    assert "前5命中率" in page and "planqa（本系统）" in page and "Failed questions" not in page  # Chinese, as on the page
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "planqa.cli", "eval", "--gold", str(bad)], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 2 and "金标准文件有误" in r.stderr and "bad.jsonl 第 1 行：缺少字段“question”" in r.stderr

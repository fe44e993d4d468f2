"""planqa inside llama-index, run by llama-index's own machinery (offline: MockLLM, planqa's embedder)."""
from __future__ import annotations

import pytest

pytest.importorskip("llama_index.core")

from llama_index.core import Settings  # noqa: E402
from llama_index.core.evaluation import RetrieverEvaluator  # noqa: E402
from llama_index.core.llms import MockLLM  # noqa: E402
from llama_index.core.query_engine import RetrieverQueryEngine  # noqa: E402

from rag.llama import PlanqaEmbedding, PlanqaQueryEngine, PlanqaRetriever, node_id, offline_settings  # noqa: E402

SHAOXING = "004_5cc29d44ee9a572c.txt"


@pytest.fixture
def offline(seed_index):
    offline_settings(seed_index)
    assert isinstance(Settings.llm, MockLLM) and isinstance(Settings.embed_model, PlanqaEmbedding)
    return seed_index


def test_retriever_query_engine_over_planqa_returns_cited_nodes(offline):
    index = offline
    engine = RetrieverQueryEngine.from_args(PlanqaRetriever(index, k=5), llm=MockLLM())
    r = engine.query("绍兴今年要新增多少避灾安置场所?")
    assert 0 < len(r.source_nodes) <= 5
    top = r.source_nodes[0]
    m = top.node.metadata
    assert m["doc"] == SHAOXING and m["title"] == "绍兴市2022年应急管理工作要点" and m["region"] == "绍兴市"
    assert "150个" in top.node.get_content()
    raw = index.store.raw_text(SHAOXING)
    for n in r.source_nodes:  # every node is a citation: its offsets point into its source file
        m = n.node.metadata
        assert n.node.node_id == node_id(m["doc"], m["start"], m["end"])
        assert 0 <= m["start"] < m["end"] <= len(index.store.raw_text(m["doc"]))
        assert "start" not in n.node.get_content(metadata_mode="llm")  # offsets are not for the LLM
    assert any("新增规范化避灾安置场所150个" in raw[n.node.metadata["start"]:n.node.metadata["end"]]
               for n in r.source_nodes if n.node.metadata["doc"] == SHAOXING)
    # the region filter is planqa's: Shanghai's question gets Shanghai's plan
    sh = PlanqaRetriever(index, k=3, region="上海").retrieve("2022年应急管理工作要点有哪些")
    assert sh and {n.node.metadata["region"] for n in sh} == {"上海市"}


def test_planqa_query_engine_answers_with_cited_source_nodes(offline):
    r = PlanqaQueryEngine(offline).query("绍兴今年要新增多少避灾安置场所?")
    assert "150个" in r.response and r.metadata["refused"] is False
    assert r.source_nodes and len(r.source_nodes) == len(r.metadata["citations"])
    assert [n.node.metadata["n"] for n in r.source_nodes] == [c["n"] for c in r.metadata["citations"]]
    assert any(n.node.metadata["doc"] == SHAOXING and "150" in n.node.get_content() for n in r.source_nodes)
    refused = PlanqaQueryEngine(offline).query("宁波市2022年要新增多少避灾安置场所?")
    assert refused.metadata["refused"] is True and not refused.source_nodes


def test_llama_index_retriever_evaluator_agrees_with_planqa_eval(offline):
    """llama-index's RetrieverEvaluator (hit_rate, mrr) over planqa's retriever gives planqa eval's
    recall@10 and mrr@10 on the bundled gold set: a node is relevant when it overlaps a gold quote."""
    from eval.gold import DEFAULT_GOLD, load_gold
    from eval.metrics import quote_spans
    from eval.runner import run_config, summarize

    index = offline
    k = 10  # planqa eval scores the top 10 passages (recall@10 and mrr@10)
    gold = [g for g in load_gold(DEFAULT_GOLD, index.store.raw_text) if g.answerable]
    planqa = summarize(run_config(index, gold, "product"))["overall"]

    chunks = list(index.store.iter_chunks())
    hits, rrs, unscorable = [], [], 0
    for item in gold:
        spans = quote_spans(item, index.store.raw_text)
        expected = [node_id(c.doc, c.start, c.end) for c in chunks
                    if any(c.doc == d and c.start < b and a < c.end for d, a, b in spans)]
        retriever = PlanqaRetriever(index, k=k, region=item.region or None, year=item.year)
        evaluator = RetrieverEvaluator.from_metric_names(["hit_rate", "mrr"], retriever=retriever)
        try:
            res = evaluator.evaluate(query=item.question, expected_ids=expected)
        except ValueError:  # llama-index does not score an empty list; planqa scores it 0
            unscorable += 1
            hits.append(0.0)
            rrs.append(0.0)
            continue
        hits.append(res.metric_vals_dict["hit_rate"])
        rrs.append(res.metric_vals_dict["mrr"])
    assert len(hits) == len(gold) > 100
    assert unscorable <= 2
    assert round(sum(hits) / len(hits), 4) == planqa["recall@10"]
    assert round(sum(rrs) / len(rrs), 4) == planqa["mrr@10"]

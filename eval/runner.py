"""Run a gold set through several configurations and score them (docs/ARCHITECTURE.md "Evaluation and bars")."""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np

from eval.gold import TYPES, GoldItem
from eval.metrics import CitationHit, MustInclude, OffsetValidity, Refusal, overlaps, quote_spans, ranking_metrics
from ingest.index import Index
from planqa.rules import DEFAULT_WEIGHTS, Weights

CONFIGS = ("product", "bm25", "dense512")
CONFIG_LABELS = {
    "product": "planqa (hybrid + structure + query understanding)",
    "bm25": "baseline: BM25 alone (jieba)",
    "dense512": "baseline: plain dense, 512-char splits",
    "llm": "planqa + LLM answerer",
}

BARS = {  # docs/ARCHITECTURE.md "Evaluation and bars"
    "recall@5": (">=", 0.95), "mrr@10": (">=", 0.85), "must_include": (">=", 0.85),
    "citation_hit": (">=", 0.95), "refusal_unanswerable": (">=", 0.9), "false_refusal": ("<=", 0.05),
    "offset_validity": (">=", 1.0),
}


@dataclass
class QuestionResult:
    id: str
    type: str
    question: str
    config: str
    answer: str
    refused: bool
    metrics: dict[str, float | None]
    latency_ms: float
    retrieved: list[dict] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def make_qa(index: Index, config: str, weights: Weights = DEFAULT_WEIGHTS):
    """The QA chain a configuration names; ``weights`` are the answerer's, the same for every one."""
    from rag.qa import QA

    if config == "product":
        return QA(index, use_llm=False, weights=weights)
    if config == "llm":
        return QA(index, use_llm=True, weights=weights)
    if config == "bm25":
        return QA(index, mode="bm25", understand=False, use_llm=False, weights=weights)
    if config == "dense512":
        from eval.baselines import Dense512Retriever

        return QA(index, retriever=Dense512Retriever(index), understand=False, use_llm=False, weights=weights)
    raise ValueError(f"unknown configuration {config!r}; choose from {CONFIGS + ('llm',)}")


def _mean(xs: list[float | None]) -> float | None:
    vals = [x for x in xs if x is not None]
    return round(float(np.mean(vals)), 4) if vals else None


def summarize(results: list[QuestionResult]) -> dict:
    """Mean metrics and latency over all results and per question type."""
    def block(rs: list[QuestionResult]) -> dict:
        ans = [r for r in rs if r.type != "unanswerable"]
        una = [r for r in rs if r.type == "unanswerable"]
        lat = [r.latency_ms for r in rs]
        good = sum(r.metrics.get("offsets_ok", 0) or 0 for r in rs)
        total = sum(r.metrics.get("offsets_total", 0) or 0 for r in rs)
        return {
            "questions": len(rs),
            "recall@1": _mean([r.metrics.get("recall@1") for r in ans]),
            "recall@5": _mean([r.metrics.get("recall@5") for r in ans]),
            "recall@10": _mean([r.metrics.get("recall@10") for r in ans]),
            "mrr@10": _mean([r.metrics.get("mrr@10") for r in ans]),
            "must_include": _mean([r.metrics.get("must_include") for r in ans]),
            "citation_hit": _mean([r.metrics.get("citation_hit") for r in ans]),
            "refusal_unanswerable": _mean([float(r.refused) for r in una]),
            "false_refusal": _mean([float(r.refused) for r in ans]),
            "offset_validity": round(good / total, 4) if total else None,
            "latency_p50_ms": round(float(np.percentile(lat, 50)), 1) if lat else None,
            "latency_p95_ms": round(float(np.percentile(lat, 95)), 1) if lat else None,
        }

    out = {"overall": block(results), "by_type": {}}
    for t in TYPES:
        rs = [r for r in results if r.type == t]
        if rs:
            out["by_type"][t] = block(rs)
    return out


def bars_met(summary: dict) -> dict[str, bool]:
    """Whether each quality bar in BARS is met by the summary's overall scores."""
    met = {}
    for key, (op, bar) in BARS.items():
        v = summary["overall"].get(key)
        met[key] = v is not None and (v >= bar if op == ">=" else v <= bar)
    return met


def run_config(index: Index, gold: list[GoldItem], config: str,
               progress: Callable[[int, int], None] | None = None,
               weights: Weights = DEFAULT_WEIGHTS) -> list[QuestionResult]:
    """Answer every gold question with one configuration and score each answer."""
    qa = make_qa(index, config, weights)
    raw = index.store.raw_text
    must, hit, refusal, offsets = MustInclude(), CitationHit(), Refusal(), OffsetValidity()
    runs: dict[str, list[dict]] = {}
    rel: dict[str, set[int]] = {}
    results: list[QuestionResult] = []
    for n, item in enumerate(gold):
        spans = quote_spans(item, raw)
        region, year = item.region or None, item.year
        passages = qa.search(item.question, region=region, year=year, k=10)
        cites = [p.to_citation(i + 1) for i, p in enumerate(passages)]
        runs[item.id] = cites
        rel[item.id] = {i for i, c in enumerate(cites) if overlaps(c, spans)}
        t0 = time.perf_counter()
        answer = qa.ask(item.question, region=region, year=year).to_dict()
        latency = (time.perf_counter() - t0) * 1000
        ok, total = offsets(answer, raw)
        metrics: dict[str, float | None] = {
            "must_include": must(item, answer),
            "citation_hit": hit(item, answer, spans),
            "refused": refusal(item, answer),
            "offsets_ok": ok,
            "offsets_total": total,
        }
        results.append(QuestionResult(
            id=item.id, type=item.type, question=item.question, config=config, answer=answer["answer"],
            refused=answer["refused"], metrics=metrics, latency_ms=round(latency, 1),
            retrieved=[{k: c[k] for k in ("doc", "section", "start", "end", "score")} | {"text": c["text"][:120], "relevant": i in rel[item.id]}
                       for i, c in enumerate(cites)],
            citations=[{k: c[k] for k in ("n", "doc", "section", "start", "end")} for c in answer["citations"]],
        ))
        if progress:
            progress(n + 1, len(gold))
    ranks = ranking_metrics(runs, rel)
    for r in results:
        if r.type != "unanswerable":
            r.metrics.update(ranks[r.id])
        r.failed = failures(r)
    return results


def failures(r: QuestionResult) -> list[str]:
    """Why a question's result falls short, one English reason per failed check."""
    m = r.metrics
    out = []
    if r.type == "unanswerable":
        if not r.refused:
            out.append("answered an unanswerable question")
        return out
    if m.get("recall@5") == 0.0:
        out.append("no gold span in top 5")
    if r.refused:
        out.append("refused an answerable question")
    if m.get("must_include") == 0.0:
        out.append("answer misses a must_include string")
    if m.get("citation_hit") == 0.0:
        out.append("no citation overlaps a gold span")
    if m.get("offsets_total") and m.get("offsets_ok") != m.get("offsets_total"):
        out.append("a citation's offsets do not point at its origin")
    return out


def evaluate(index: Index, gold: list[GoldItem], configs: tuple[str, ...] = CONFIGS,
             progress: Callable[[str, int, int], None] | None = None, weights: Weights = DEFAULT_WEIGHTS) -> dict:
    """Every configuration over the gold set, scored; ``weights`` sweeps the answerer's (planqa/rules.py)."""
    t0 = time.perf_counter()
    report: dict = {"questions": len(gold), "configs": {}, "results": [], "weights": asdict(weights)}
    for config in configs:
        rs = run_config(index, gold, config, (lambda d, t, c=config: progress(c, d, t)) if progress else None,
                        weights=weights)
        summary = summarize(rs)
        report["configs"][config] = {"label": CONFIG_LABELS.get(config, config), **summary, "bars_met": bars_met(summary)}
        report["results"].extend(r.__dict__ for r in rs)
    prod = report["configs"].get("product", {}).get("overall", {})
    report["product_beats_baselines"] = {
        b: all((prod.get(k) or 0) >= (report["configs"][b]["overall"].get(k) or 0) for k in ("recall@5", "mrr@10"))
        for b in configs if b not in ("product", "llm") and "product" in report["configs"]
    }
    report["seconds"] = round(time.perf_counter() - t0, 1)
    return report

"""Evaluation metrics, one small class each (after llama-index's retrieval metrics).

Retrieval relevance is span overlap: a passage is relevant when its raw ``[start, end)`` overlaps
a gold quote's span in the same document. Ranking metrics come from ``ir_measures``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from eval.gold import GoldItem


def quote_spans(item: GoldItem, raw_text) -> list[tuple[str, int, int]]:
    """Every (doc, start, end) where a gold source's quote occurs in its document's raw text."""
    spans = []
    for s in item.sources:
        raw = raw_text(s.doc) or ""
        pos = raw.find(s.quote)
        while pos >= 0:
            spans.append((s.doc, pos, pos + len(s.quote)))
            pos = raw.find(s.quote, pos + 1)
    return spans


def overlaps(p: dict, spans: list[tuple[str, int, int]]) -> bool:
    """Whether passage ``p`` overlaps any of the gold ``spans`` in the same document."""
    return any(p["doc"] == d and p["start"] < b and a < p["end"] for d, a, b in spans)


def ranking_metrics(runs: dict[str, list[dict]], rel: dict[str, set[int]], ks=(1, 5, 10)) -> dict[str, dict[str, float]]:
    """Per-question Recall@k (a gold span overlaps a top-k passage) and MRR@10, via ir_measures."""
    import ir_measures
    from ir_measures import RR, Success

    measures = [Success @ k for k in ks] + [RR @ 10]
    qrels = [ir_measures.Qrel(q, f"p{i}", 1) for q, idx in rel.items() for i in idx]
    for q in runs:  # every question needs a qrel row, even with nothing relevant retrieved
        qrels.append(ir_measures.Qrel(q, "__none__", 0))
    scored = [ir_measures.ScoredDoc(q, f"p{i}", float(len(ps) - i)) for q, ps in runs.items() for i in range(len(ps))]
    out: dict[str, dict[str, float]] = {q: {f"recall@{k}": 0.0 for k in ks} | {"mrr@10": 0.0} for q in runs}
    names = {str(Success @ k): f"recall@{k}" for k in ks} | {str(RR @ 10): "mrr@10"}
    for m in ir_measures.iter_calc(measures, qrels, scored):
        out[m.query_id][names[str(m.measure)]] = float(m.value)
    return out


def normalize(text: str) -> str:
    """Drop whitespace and fold full-width brackets, colons and commas, so wording is compared."""
    return re.sub(r"[\s\u3000]", "", text).replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")


@dataclass
class MustInclude:
    """The answer contains every must_include string (spacing and bracket width ignored)."""

    name = "must_include"

    def __call__(self, item: GoldItem, answer: dict) -> float | None:
        """1.0 if the answer contains every must_include string; None when not applicable."""
        if not item.answerable or not item.must_include:
            return None
        text = normalize(answer.get("answer", ""))
        return float(all(normalize(m) in text for m in item.must_include))


@dataclass
class CitationHit:
    """Some citation of the answer overlaps a gold source span."""

    name = "citation_hit"

    def __call__(self, item: GoldItem, answer: dict, spans) -> float | None:
        """1.0 if any citation overlaps a gold span; None for unanswerable questions."""
        if not item.answerable:
            return None
        return float(any(overlaps(c, spans) for c in answer.get("citations", [])))


@dataclass
class Refusal:
    """Unanswerable: refused. Answerable: wrongly refused (false refusal)."""

    name = "refusal"

    def __call__(self, item: GoldItem, answer: dict) -> float:
        """1.0 if the answer refused, else 0.0."""
        return float(bool(answer.get("refused")))


def origin_ok(raw: str, c: dict) -> bool:
    """``raw[start:end]`` is the citation's origin: cleaning that span gives the passage text."""
    from ingest.cleaning import clean

    seg = raw[c["start"]:c["end"]]
    if not seg:
        return False
    a = normalize(clean(seg)[0].text)
    b = normalize(c["text"])
    if a == b:
        return True
    # cleaning a fragment lacks the document's context (e.g. its damage profile): allow small drift
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


@dataclass
class OffsetValidity:
    name = "offset_validity"

    def __call__(self, answer: dict, raw_text) -> tuple[int, int]:
        """(cited and nearest passages whose offsets point at their origin, all of them)."""
        cites = list(answer.get("citations", [])) + list(answer.get("nearest", []))
        good = sum(1 for c in cites if origin_ok(raw_text(c["doc"]) or "", c))
        return good, len(cites)

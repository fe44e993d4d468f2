"""Retrieval: the retriever contract, metadata filters, and the hybrid retriever — dense (Chroma)
+ BM25 (jieba), fused by a convex combination of normalised scores (reciprocal rank fusion
selectable).

The contract follows llama-index-core's ``BaseRetriever``: the public ``Retriever.retrieve()``
does the shared work (resolving filters to document ids, cutting to ``k``) and each
implementation writes only ``_retrieve()``. What happened on one request (a fallback warning, the
documents the filters allowed) comes back on the ``Retrieval`` it returns and is never stored on
the shared ``Index``: the page answers several requests at once. See docs/ARCHITECTURE.md.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Iterable

from ingest.index import Index
from ingest.vectorstore import VectorStoreError
from planqa.config import doc_type_matches
from planqa.records import DocMeta, Passage


@dataclass(frozen=True)
class Filters:
    region: str = ""
    year: int | None = None
    docs: tuple[str, ...] = ()
    doc_type: str = ""

    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.region or self.year or self.docs or self.doc_type)


def region_matches(meta: DocMeta, region: str) -> bool:
    """``上海`` matches 上海市 and 上海市崇明区; ``崇明`` matches 上海市崇明区."""
    r = region.strip()
    if not r:
        return True
    short = r[:-1] if len(r) > 2 and r[-1] in "市区县省" else r
    return short in meta.region or short in meta.title


def _same_region(meta: DocMeta, region: str) -> bool:
    r = region.strip()
    short = r[:-1] if len(r) > 2 and r[-1] in "市区县省" else r
    return meta.region in (r, short) or meta.region[:-1] == short


def of_region(metas: dict[str, DocMeta], region: str) -> dict[str, DocMeta]:
    """The documents a region names: its own when it has any (上海 → 上海市's plan), else those of
    the places inside it (上海 → 上海市崇明区) — a district's plan does not speak for its city."""
    if not region.strip():
        return dict(metas)
    exact = any(_same_region(m, region) for m in metas.values())
    return {d: m for d, m in metas.items() if (_same_region(m, region) if exact else region_matches(m, region))}


def matching_docs(metas: dict[str, DocMeta], f: Filters) -> list[str] | None:
    """Doc ids passing the filters, or None when no filter is set.

    A region names its own plans first: "上海" is the city's plan when there is one, and the
    plans of its districts (上海市崇明区) only when the city has none.
    """
    if not f.active():
        return None
    out = []
    for doc, m in of_region(metas, f.region).items():
        if f.docs and doc not in f.docs:
            continue
        if f.year and not m.covers(f.year):
            continue
        if not doc_type_matches(f.doc_type, m.doc_type):
            continue
        out.append(doc)
    return out


def explain_no_match(metas: dict[str, DocMeta], f: Filters) -> str:
    """Why no indexed document passes the filters, naming what the index does hold."""
    if not metas:
        return "索引中还没有文件"
    why = []
    if f.region and not any(region_matches(m, f.region) for m in metas.values()):
        held = "、".join(sorted({m.region for m in metas.values() if m.region}))
        why.append(f"没有地区为“{f.region}”的文件（现有地区：{held}）")
    if f.year and not any(m.covers(f.year) for m in metas.values()):
        held = "、".join(sorted({m.period for m in metas.values() if m.period}))
        why.append(f"没有覆盖{f.year}年的文件（现有年份：{held}）")
    if f.doc_type and not any(doc_type_matches(f.doc_type, m.doc_type) for m in metas.values()):
        held = "、".join(sorted({m.doc_type for m in metas.values() if m.doc_type}))
        why.append(f"没有类型为“{f.doc_type}”的文件（现有类型：{held}）")
    if not why and f.docs and not set(f.docs) & set(metas):
        why.append(f"文档 {'、'.join(f.docs)} 不在库中")
    return "；".join(why) or (f"没有同时符合地区“{f.region or '不限'}”、年份“{f.year or '不限'}”"
                              f"{'、类型“' + f.doc_type + '”' if f.doc_type else ''}的文件")


def rrf(rankings: dict[str, list[tuple[str, float]]], weights: dict[str, float],
        k: int = 60, lone: dict[str, float] | None = None) -> list[tuple[str, float, dict]]:
    """Reciprocal rank fusion; returns (id, fused score, per-source scores), best first (ranks only:
    ``lone`` is not needed)."""
    fused: dict[str, float] = {}
    parts: dict[str, dict[str, float]] = {}
    for name, ranked in rankings.items():
        w = weights.get(name, 1.0)
        for rank, (cid, score) in enumerate(ranked):
            fused[cid] = fused.get(cid, 0.0) + w / (k + rank + 1)
            parts.setdefault(cid, {})[name] = round(score, 4)
    order = sorted(fused.items(), key=lambda kv: -kv[1])
    return [(cid, s, parts[cid]) for cid, s in order]


def convex(rankings: dict[str, list[tuple[str, float]]], weights: dict[str, float],
           lone: dict[str, float] | None = None) -> list[tuple[str, float, dict]]:
    """Convex combination of min-max normalised scores (Bruch et al., 2023): unlike RRF it keeps
    how far ahead the leader is, which matters when BM25 finds the exact wording.

    ``lone``: a source's normalised score for its only hit, where min-max has no span to scale by
    (within one document a rare word may be in one passage alone); without it a lone hit counts 0."""
    fused: dict[str, float] = {}
    parts: dict[str, dict[str, float]] = {}
    total = sum(weights.get(name, 1.0) for name in rankings) or 1.0
    for name, ranked in rankings.items():
        if not ranked:
            continue
        w = weights.get(name, 1.0) / total
        hi = max(s for _, s in ranked)
        lo = min(s for _, s in ranked)
        span = (hi - lo) or 1.0
        for cid, score in ranked:
            norm = lone[name] if len(ranked) == 1 and lone and name in lone else (score - lo) / span
            fused[cid] = fused.get(cid, 0.0) + w * norm
            parts.setdefault(cid, {})[name] = round(score, 4)
    order = sorted(fused.items(), key=lambda kv: -kv[1])
    return [(cid, s, parts[cid]) for cid, s in order]


FUSIONS = {"rrf": rrf, "convex": convex}


class Retrieval(list):
    """The passages of one request, best first (a ``list[Passage]``), with that request's own state.

    ``warning``: why this search fell back (e.g. the vector store is damaged), shown to the person
    who asked; ``docs``: the document ids the filters allowed (``None`` when no filter was set).
    Slicing gives a plain list: keep the ``Retrieval`` itself where the warning must travel.
    """

    def __init__(self, passages: Iterable[Passage] = (), warning: str = "", docs: list[str] | None = None):
        super().__init__(passages)
        self.warning = warning
        self.docs = docs

    @property
    def passages(self) -> list[Passage]:
        """The retrieved passages as a list."""
        return list(self)


class Retriever(ABC):
    """What every retriever is: ``retrieve(query, k, filters) -> Retrieval``.

    Implementations set ``self.index`` and write ``_retrieve``; they return per-request state on
    the ``Retrieval`` and never assign to shared objects while searching.
    """

    index: Index

    def retrieve(self, query: str, k: int = 5, filters: Filters | None = None) -> Retrieval:
        """The ``k`` best passages for ``query`` among the documents passing ``filters``.

        Filters that no document passes give an empty ``Retrieval`` (``docs == []``) without
        searching; callers explain it with ``explain_no_match``.
        """
        docs = matching_docs(self.index.store.metas(), filters or Filters())
        if docs is not None and not docs:
            return Retrieval(docs=docs)
        found = self._retrieve(query, k, docs)
        return Retrieval(found[:k], warning=found.warning, docs=docs)

    @abstractmethod
    def _retrieve(self, query: str, k: int, docs: list[str] | None) -> Retrieval:
        """The best passages within ``docs`` (``None``: every document), best first; ``retrieve`` keeps ``k``."""


class HybridRetriever(Retriever):
    """``mode``: ``hybrid`` (default), ``dense`` or ``bm25`` — the last two are the baselines."""

    MODES = ("hybrid", "dense", "bm25")

    def __init__(self, index: Index, mode: str = "hybrid", depth: int = 40, weights: dict[str, float] | None = None,
                 fusion: str = "convex"):
        if mode not in self.MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; choose one of {self.MODES}")
        if fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {fusion!r}; choose one of {tuple(FUSIONS)}")
        self.fusion = fusion
        self.index = index
        self.mode = mode
        self.depth = depth
        # BM25 leads: plan text is formulaic and exact terms decide; dense adds recall. Chosen on the
        # dev gold set only: convex fusion, dense 0.35–1.0 all gave MRR@10 0.935–0.939 (RRF 0.897)
        self.weights = weights or {"dense": 0.5, "bm25": 1.0}

    def _dense(self, query: str, depth: int, docs: list[str] | None) -> list[tuple[str, float]]:
        vec = self.index.embedder.embed_query(query)
        try:
            return self.index.vectors.query(vec, depth, docs)
        except VectorStoreError:
            return self.index.reopen_vectors().query(vec, depth, docs)  # once more, reading the disk afresh

    def _bm25(self, query: str, depth: int, docs: list[str] | None) -> list[tuple[str, float]]:
        return self.index.lexical.search(query, depth, docs)

    def _retrieve(self, query: str, k: int, docs: list[str] | None) -> Retrieval:
        depth = max(self.depth, k * 4)
        rankings: dict[str, list[tuple[str, float]]] = {}
        warning = ""
        if self.mode in ("hybrid", "dense"):
            try:
                rankings["dense"] = self._dense(query, depth, docs)
            except VectorStoreError as e:
                if self.mode == "dense":
                    raise
                # keyword search still answers; say so rather than fail the question
                warning = f"向量检索不可用，仅用关键词检索：{e}"
        if self.mode in ("hybrid", "bm25"):
            rankings["bm25"] = self._bm25(query, depth, docs)
        # a few spare candidates: vectors a crashed ingest left behind are not in the store (yet)
        lone = {}
        if len(rankings.get("bm25", [])) == 1:  # its share of what a passage holding every query word scores
            reference = self.index.lexical.reference_score(query)
            lone["bm25"] = min(1.0, rankings["bm25"][0][1] / reference) if reference else 0.0
        fused = FUSIONS[self.fusion](rankings, self.weights, lone=lone)[: k + 8]
        chunks = self.index.store.get_chunks([cid for cid, _, _ in fused])
        return Retrieval((Passage(chunks[cid], score, parts) for cid, score, parts in fused if cid in chunks), warning)

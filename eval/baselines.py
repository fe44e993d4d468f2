"""Baselines measured in the same run as the product (docs/ARCHITECTURE.md "Evaluation and bars").

- ``bm25``: BM25 alone over the product's chunks, jieba tokens, the question as typed.
- ``dense512``: a plain dense index — fixed 512-character splits of the raw text, the same
  embedding model, no cleaning, no structure, brute-force cosine.
"""
from __future__ import annotations

import hashlib

import numpy as np

from ingest.index import Index
from ingest.pipeline import embed_key
from planqa.records import Chunk, Passage
from rag.retriever import Retrieval, Retriever

SPLIT = 512


class Dense512Retriever(Retriever):
    """Brute-force cosine over 512-character splits of the raw text (no cleaning, no structure)."""

    def __init__(self, index: Index, size: int = SPLIT):
        self.index = index
        self.size = size
        self.chunks: list[Chunk] = []
        metas = index.store.metas()
        for doc in sorted(metas):
            raw = index.store.raw_text(doc) or ""
            for i, a in enumerate(range(0, len(raw), size)):
                text = raw[a:a + size]
                if not text.strip():
                    continue
                cid = f"{doc}#d512-{hashlib.sha1(text.encode()).hexdigest()[:10]}"
                self.chunks.append(Chunk(cid, doc, text, a, a + len(text), "", metas[doc], i, ""))
        self.matrix = self._embed()

    def _embed(self) -> np.ndarray:
        emb = self.index.embedder
        name = emb.name
        keys = [embed_key("d512\0" + c.text) for c in self.chunks]
        have = self.index.store.cached_vectors(keys, name)
        todo = [(k, c.text) for k, c in zip(keys, self.chunks) if k not in have]
        for i in range(0, len(todo), 16):
            part = todo[i:i + 16]
            vecs = emb.embed_passages([t for _, t in part])
            fresh = {k: v for (k, _), v in zip(part, vecs)}
            self.index.store.cache_vectors(fresh, name)
            have.update(fresh)
        if not keys:
            return np.zeros((0, emb.dim), dtype=np.float32)
        return np.stack([have[k] for k in keys]).astype(np.float32)

    def _retrieve(self, query: str, k: int, docs: list[str] | None) -> Retrieval:
        q = self.index.embedder.embed_query(query)
        scores = self.matrix @ q
        if docs is not None:
            allowed = np.array([c.doc in docs for c in self.chunks])
            scores = np.where(allowed, scores, -np.inf)
        order = np.argsort(-scores)[:k]
        return Retrieval(Passage(self.chunks[i], float(scores[i])) for i in order if np.isfinite(scores[i]))

"""Dense vectors in Chroma: embedded ``PersistentClient`` by default, a Chroma server with
``PLANQA_CHROMA_URL``. Vectors are always computed by planqa and passed in.

Searching an embedded store is exact: the vectors are read once into a matrix and scored by one
matrix product. Chroma's HNSW graph, reloaded in a new process, missed vectors added by a later
ingest (measured on a 9.9k-chunk library after adding five laws: 10 of 40 questions lost a top-5
neighbour, some every one of their 40; across processes the same question got different passages,
cf. chroma-core/chroma#3638). Exact search is also fast at an office library's size (100k × 384
float32 is 150 MB and a few milliseconds a query). A Chroma server keeps its own ANN index."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .docstore import BrokenIndexError

COLLECTION = "planqa_chunks"


class FlatIndex:
    """Exact cosine search over a matrix of unit vectors, with each row's document for filters."""

    def __init__(self, ids: list[str], vectors: np.ndarray, docs: list[str]):
        self.ids = ids
        m = np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1)
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        self.matrix = m / np.where(norms > 0, norms, 1.0)
        names = sorted(set(docs))
        self._doc_code = {d: i for i, d in enumerate(names)}
        self.doc_codes = np.asarray([self._doc_code[d] for d in docs], dtype=np.int32)

    def search(self, vector: np.ndarray, k: int, docs: list[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` most similar (id, cosine), best first; ties by id so every run agrees."""
        v = np.asarray(vector, dtype=np.float32).ravel()
        v = v / (float(np.linalg.norm(v)) or 1.0)
        sims = self.matrix @ v  # one product over all rows beats gathering the filtered rows first
        rows = None
        if docs is not None:
            codes = [self._doc_code[d] for d in docs if d in self._doc_code]
            rows = np.flatnonzero(np.isin(self.doc_codes, codes))
            sims = sims[rows]
        if not len(sims) or k <= 0:
            return []
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        at = top if rows is None else rows[top]
        pairs = zip((self.ids[i] for i in at.tolist()), sims[top].tolist())
        return sorted(pairs, key=lambda p: (-p[1], p[0]))


class VectorStoreError(BrokenIndexError):
    """Dense search failed; keyword search still works and the next ingest repairs the vectors."""


def _client(index_dir: Path, chroma_url: str):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        u = urlparse(chroma_url)
        return chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                   ssl=u.scheme == "https", settings=settings)
    return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)


def _forget_system(path: Path) -> None:
    """Chroma caches one system per path, a half-started one too; drop it so a retry starts afresh."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    except (ImportError, AttributeError):  # another chromadb layout: nothing cached to drop
        pass


class VectorStore:
    def __init__(self, index_dir: Path, chroma_url: str, embedder_name: str, dim: int, collection: str = COLLECTION):
        where = chroma_url or str(index_dir / "chroma")
        self.dim = dim
        # an unreachable server is the user's to fix; a damaged local store is derived data that
        # 'planqa ingest' rebuilds from the document store and its embedding cache
        fail = BrokenIndexError if chroma_url else VectorStoreError
        hint = ("；请确认 Chroma 服务已启动、PLANQA_CHROMA_URL 正确" if chroma_url
                else "；运行 'planqa ingest' 会从文档库重建向量库，无需重新向量化")
        try:
            self.client = _client(index_dir, chroma_url)
        except Exception as e:  # chromadb raises ValueError for an unreachable server, others for a bad store
            if not chroma_url:
                _forget_system(index_dir / "chroma")
            raise fail(f"无法打开向量库 {where}（{type(e).__name__}）{hint}") from None
        self.exact = not chroma_url  # see the module's docstring
        self._flat: FlatIndex | None = None
        try:
            self.col = self.client.get_or_create_collection(
                collection,
                embedding_function=None,
                metadata={"hnsw:space": "cosine", "embedder": embedder_name, "dim": dim},
            )
        except Exception as e:  # chroma raises several types for a broken store or unreachable server
            self.close()
            raise fail(f"无法打开向量库 {where}（{type(e).__name__}）{hint}") from None
        meta = self.col.metadata or {}
        if meta.get("embedder") not in (None, embedder_name):
            raise BrokenIndexError(
                f"索引是用嵌入模型 {meta.get('embedder')!r} 建的，现在配置的是 {embedder_name!r}；"
                "请改回相同的 PLANQA_EMBEDDER，或用 'planqa ingest --rebuild' 重建索引"
            )

    def close(self) -> None:
        """Close the client so a reopen reads the disk afresh."""
        try:
            self.client.close()  # releases chroma's per-path system so a reopen reads the disk afresh
        except Exception:  # closing a client of a vanished server or store: nothing to release
            pass

    def healthy(self) -> bool:
        """Can the collection answer a query? (A torn HNSW segment fails here.)"""
        if self.count() == 0:
            return True
        try:
            self.col.query(query_embeddings=[[0.0] * self.dim], n_results=1, include=[])
            return True
        except Exception:  # chroma raises InternalError and others for a damaged segment
            return False

    def reset(self) -> None:
        """Empty the collection (to be refilled from the document store and embedding cache)."""
        name, meta = self.col.name, self.col.metadata
        self._flat = None
        self.client.delete_collection(name)
        self.col = self.client.get_or_create_collection(name, embedding_function=None, metadata=meta)

    def count(self) -> int:
        """Number of stored vectors."""
        return self.col.count()

    def upsert(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        """Add or replace vectors with their metadata, in batches chroma accepts."""
        self._flat = None
        step = 2000  # below chroma's max batch size
        for i in range(0, len(ids), step):
            self.col.upsert(ids=ids[i:i + step], embeddings=vectors[i:i + step].tolist(),
                            metadatas=metadatas[i:i + step])

    def delete(self, ids: list[str]) -> None:
        """Delete the vectors with these ids, in batches."""
        self._flat = None
        for i in range(0, len(ids), 2000):
            self.col.delete(ids=ids[i:i + 2000])

    def _pages(self, include: list[str], page: int = 5000):
        """Every stored record, a page of ``col.get`` at a time."""
        offset = 0
        while True:
            got = self.col.get(include=include, limit=page, offset=offset)
            yield got
            if len(got["ids"]) < page:
                return
            offset += page

    def all_ids(self) -> set[str]:
        """The ids of every stored vector."""
        return {cid for got in self._pages([]) for cid in got["ids"]}

    def _flat_index(self) -> FlatIndex:
        """Every stored vector with its document, read in pages (once per change of the store)."""
        if self._flat is None:
            ids: list[str] = []
            vecs: list[np.ndarray] = []
            docs: list[str] = []
            for got in self._pages(["embeddings", "metadatas"]):
                ids += got["ids"]
                if got["ids"]:
                    vecs.append(np.asarray(got["embeddings"], dtype=np.float32))
                docs += [str((m or {}).get("doc", "")) for m in got["metadatas"]]
            matrix = np.concatenate(vecs) if vecs else np.zeros((0, self.dim), dtype=np.float32)
            self._flat = FlatIndex(ids, matrix, docs)
        return self._flat

    def query(self, vector: np.ndarray, k: int, docs: list[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` nearest (chunk id, similarity) to ``vector``, optionally within ``docs``."""
        if docs is not None and not docs:
            return []
        if self.exact:
            try:
                return self._flat_index().search(vector, k, docs)
            except Exception as e:  # chroma's errors for a damaged store vary by version
                raise VectorStoreError(f"向量库无法读取（{type(e).__name__}）；请运行 'planqa ingest' 修复，"
                                       "或用 'planqa ingest --rebuild' 重建") from None
        n = self.count()
        if n == 0:
            return []
        where = None
        if docs is not None:
            where = {"doc": {"$in": list(docs)}} if len(docs) > 1 else {"doc": docs[0]}
        try:
            res = self.col.query(query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
                                 n_results=min(k, n), where=where, include=["distances"])
        except Exception as e:  # chroma's errors for a damaged or unreachable store vary by version
            raise VectorStoreError(f"向量库无法检索（{type(e).__name__}）；请运行 'planqa ingest' 修复，"
                                   "或用 'planqa ingest --rebuild' 重建") from None
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def drop(self) -> None:
        """Delete the whole collection."""
        self.client.delete_collection(self.col.name)

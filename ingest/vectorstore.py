"""Dense vectors in Chroma: embedded ``PersistentClient`` by default, a Chroma server with
``PLANQA_CHROMA_URL``. Vectors are always computed by planqa and passed in."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .docstore import BrokenIndexError

COLLECTION = "planqa_chunks"


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
        self.client.delete_collection(name)
        self.col = self.client.get_or_create_collection(name, embedding_function=None, metadata=meta)

    def count(self) -> int:
        """Number of stored vectors."""
        return self.col.count()

    def upsert(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        """Add or replace vectors with their metadata, in batches chroma accepts."""
        step = 2000  # below chroma's max batch size
        for i in range(0, len(ids), step):
            self.col.upsert(ids=ids[i:i + step], embeddings=vectors[i:i + step].tolist(),
                            metadatas=metadatas[i:i + step])

    def delete(self, ids: list[str]) -> None:
        """Delete the vectors with these ids, in batches."""
        for i in range(0, len(ids), 2000):
            self.col.delete(ids=ids[i:i + 2000])

    def all_ids(self) -> set[str]:
        """The ids of every stored vector."""
        out: set[str] = set()
        offset = 0
        while True:
            got = self.col.get(include=[], limit=5000, offset=offset)
            out.update(got["ids"])
            if len(got["ids"]) < 5000:
                return out
            offset += 5000

    def query(self, vector: np.ndarray, k: int, docs: list[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` nearest (chunk id, similarity) to ``vector``, optionally within ``docs``."""
        n = self.count()
        if n == 0:
            return []
        where = None
        if docs is not None:
            if not docs:
                return []
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

"""Dense vectors in Chroma: embedded ``PersistentClient`` by default, a Chroma server with
``PLANQA_CHROMA_URL``. Vectors are always computed by planqa and passed in."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .docstore import BrokenIndexError

COLLECTION = "planqa_chunks"


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


class VectorStore:
    def __init__(self, index_dir: Path, chroma_url: str, embedder_name: str, dim: int, collection: str = COLLECTION):
        where = chroma_url or str(index_dir / "chroma")
        try:
            self.client = _client(index_dir, chroma_url)
        except Exception as e:  # chromadb raises ValueError for an unreachable server, others for a bad store
            raise BrokenIndexError(f"cannot open the vector store at {where}: {e}") from None
        try:
            self.col = self.client.get_or_create_collection(
                collection,
                embedding_function=None,
                metadata={"hnsw:space": "cosine", "embedder": embedder_name, "dim": dim},
            )
        except Exception as e:  # chroma raises several types for a broken store or unreachable server
            raise BrokenIndexError(f"cannot open the vector store at {where}: {e}") from None
        meta = self.col.metadata or {}
        if meta.get("embedder") not in (None, embedder_name):
            raise BrokenIndexError(
                f"the index was built with embedder {meta.get('embedder')!r}, not {embedder_name!r}; "
                "use the same PLANQA_EMBEDDER or rebuild with 'planqa ingest --rebuild'"
            )

    def count(self) -> int:
        return self.col.count()

    def upsert(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        step = 2000  # below chroma's max batch size
        for i in range(0, len(ids), step):
            self.col.upsert(ids=ids[i:i + step], embeddings=vectors[i:i + step].tolist(),
                            metadatas=metadatas[i:i + step])

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), 2000):
            self.col.delete(ids=ids[i:i + 2000])

    def all_ids(self) -> set[str]:
        out: set[str] = set()
        offset = 0
        while True:
            got = self.col.get(include=[], limit=5000, offset=offset)
            out.update(got["ids"])
            if len(got["ids"]) < 5000:
                return out
            offset += 5000

    def query(self, vector: np.ndarray, k: int, docs: list[str] | None = None) -> list[tuple[str, float]]:
        n = self.count()
        if n == 0:
            return []
        where = None
        if docs is not None:
            if not docs:
                return []
            where = {"doc": {"$in": list(docs)}} if len(docs) > 1 else {"doc": docs[0]}
        res = self.col.query(query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
                             n_results=min(k, n), where=where, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def drop(self) -> None:
        self.client.delete_collection(self.col.name)

"""Dense search in the embedded store is exact: the same neighbours as a brute-force scan, in every
process, including vectors written after the store was opened or by another store object."""
from __future__ import annotations

import numpy as np
import pytest

from ingest.vectorstore import FlatIndex, VectorStore


def _unit(rng: np.random.Generator, n: int, dim: int = 16) -> np.ndarray:
    m = rng.normal(size=(n, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def _brute(matrix: np.ndarray, ids: list[str], v: np.ndarray, k: int, rows=None) -> list[str]:
    rows = list(range(len(ids))) if rows is None else rows
    sims = [(float(matrix[i] @ v), ids[i]) for i in rows]
    return [cid for _, cid in sorted(sims, key=lambda t: (-t[0], t[1]))[:k]]


def test_flat_index_ranks_as_a_brute_force_scan_and_filters_by_document():
    rng = np.random.default_rng(7)
    m = _unit(rng, 400)
    ids = [f"c{i:03d}" for i in range(400)]
    docs = [f"d{i % 5}" for i in range(400)]
    flat = FlatIndex(ids, m * 3.0, docs)  # stored vectors need not be unit length
    for q in _unit(rng, 10):
        assert [c for c, _ in flat.search(q, 12)] == _brute(m, ids, q, 12)
        rows = [i for i, d in enumerate(docs) if d in ("d1", "d3")]
        assert [c for c, _ in flat.search(q, 12, ["d1", "d3", "absent"])] == _brute(m, ids, q, 12, rows)
    assert flat.search(m[0], 1000)[0] == ("c000", pytest.approx(1.0, abs=1e-5))
    assert len(flat.search(m[0], 1000)) == 400
    assert flat.search(m[0], 5, ["absent"]) == []


def test_flat_index_breaks_ties_by_id():
    v = np.ones(4, dtype=np.float32)
    flat = FlatIndex(["b", "c", "a"], np.tile(v, (3, 1)), ["x", "x", "x"])
    assert [c for c, _ in flat.search(v, 3)] == ["a", "b", "c"]


def test_store_finds_vectors_written_after_it_first_searched_and_by_another_store(tmp_path):
    rng = np.random.default_rng(11)
    first, later = _unit(rng, 300, 32), _unit(rng, 40, 32)
    store = VectorStore(tmp_path, "", "test-embedder", 32)
    store.upsert([f"a{i}" for i in range(300)], first, [{"doc": f"d{i % 3}"} for i in range(300)])
    assert store.query(first[5], 1)[0][0] == "a5"
    store.upsert([f"b{i}" for i in range(40)], later, [{"doc": "new"} for _ in range(40)])
    assert store.query(later[7], 1)[0][0] == "b7"  # the matrix read before the write is not reused
    assert [c for c, _ in store.query(later[7], 3, ["new"])][0] == "b7"
    store.delete(["b7"])
    assert "b7" not in {c for c, _ in store.query(later[7], 50)}
    store.close()
    reopened = VectorStore(tmp_path, "", "test-embedder", 32)
    both = np.concatenate([first, np.delete(later, 7, axis=0)])
    ids = [f"a{i}" for i in range(300)] + [f"b{i}" for i in range(40) if i != 7]
    for q in _unit(rng, 5, 32):
        assert [c for c, _ in reopened.query(q, 20)] == _brute(both, ids, q, 20)
    reopened.close()


def test_dense_retrieval_on_the_seed_index_is_the_exact_neighbour_list(seed_index):
    from rag.retriever import HybridRetriever

    got = seed_index.vectors.col.get(include=["embeddings"])
    ids, m = got["ids"], np.asarray(got["embeddings"], dtype=np.float32)
    m = m / np.linalg.norm(m, axis=1, keepdims=True)
    dense = HybridRetriever(seed_index, mode="dense")
    for q in ("绍兴今年要新增多少避灾安置场所", "燃气安全排查整治由谁牵头", "崇明区十四五期间的应急物资储备"):
        v = seed_index.embedder.embed_query(q)
        assert [c for c, _ in dense._dense(q, 30, None)] == _brute(m, ids, v, 30)

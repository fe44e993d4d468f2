import pytest
import shutil

from ingest.index import Index
from ingest.pipeline import ingest_paths
from planqa.config import Settings
from rag.retriever import Filters, HybridRetriever
from tests.conftest import PLANS


def consistent(index):
    ids = set(index.store.chunk_ids())
    assert index.vectors.all_ids() == ids
    assert set(index.lexical.ids) == ids
    return ids


def test_seed_index_is_complete(seed_index):
    assert len(seed_index.store.doc_hashes()) == 5
    consistent(seed_index)


def test_gas_question_finds_shanghai_and_x_city(seed_index):
    passages = HybridRetriever(seed_index).retrieve("2022年燃气安全排查整治由谁牵头", k=5)
    docs = {p.chunk.doc for p in passages}
    assert {"000_2b9f627f46ec8eee.txt", "003_ee2fde3bcb9135fe.txt"} <= docs


def test_region_and_year_filters(seed_index):
    r = HybridRetriever(seed_index)
    got = r.retrieve("新增避灾安置场所", k=5, filters=Filters(region="绍兴"))
    assert got and {p.chunk.doc for p in got} == {"004_5cc29d44ee9a572c.txt"}
    got = r.retrieve("应急管理规划目标", k=5, filters=Filters(year=2024))
    assert got and {p.chunk.meta.region for p in got} == {"上海市崇明区"}  # 2021–2025 covers 2024
    got = r.retrieve("应急指挥", k=5, filters=Filters(region="上海"))
    assert {p.chunk.doc for p in got} <= {"000_2b9f627f46ec8eee.txt", "002_3cc3db46b208897f.txt"}
    assert r.retrieve("应急指挥", k=5, filters=Filters(region="拉萨")) == []


def test_citations_point_into_the_raw_file(seed_index):
    for p in HybridRetriever(seed_index).retrieve("森林火灾受害率", k=10):
        raw = (PLANS / p.chunk.doc).read_text(encoding="utf-8")
        src = raw[p.chunk.start:p.chunk.end]
        assert src[:6].replace("\n", "") and p.chunk.text[-4:].strip("。\n") in src or "/p>" in src


def test_reingest_is_idempotent_and_changes_replace(tmp_path, embedder):
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("001_b0a7b20fc2a42aef.txt", "004_5cc29d44ee9a572c.txt"):
        shutil.copy(PLANS / name, plans / name)
    index = Index(Settings.from_env(tmp_path / "idx"), embedder=embedder)
    first = ingest_paths(index, [plans])
    assert first.added == first.chunks > 0 and first.embedded == first.chunks
    again = ingest_paths(index, [plans])
    assert (again.added, again.replaced, again.embedded, again.chunks) == (0, 0, 0, first.chunks)

    f = plans / "004_5cc29d44ee9a572c.txt"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("新增规范化避灾安置场所150个", "新增规范化避灾安置场所180个"), encoding="utf-8")
    before = set(index.store.chunk_ids("004_5cc29d44ee9a572c.txt"))
    changed = ingest_paths(index, [plans])
    after = set(index.store.chunk_ids("004_5cc29d44ee9a572c.txt"))
    assert changed.replaced == len(before) and changed.added >= 1
    assert changed.removed == len(before - after) == changed.added  # one passage changed: one out, one in
    assert changed.embedded == changed.added  # unchanged passages come from the cache
    assert changed.chunks == first.chunks
    ids = consistent(index)
    assert not (before - after) & ids  # no orphans anywhere
    top = index.lexical.search("避灾安置场所180个", 1)[0][0]
    assert "180个" in index.store.get_chunks([top])[top].text  # the new text is what is searched


def test_duplicate_content_under_another_name(tmp_path, embedder):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLANS / "004_5cc29d44ee9a572c.txt", plans / "a.txt")
    shutil.copy(PLANS / "004_5cc29d44ee9a572c.txt", plans / "b.txt")
    index = Index(Settings.from_env(tmp_path / "idx"), embedder=embedder)
    r = ingest_paths(index, [plans])
    assert r.documents == 1
    assert r.errors and "与已入库的 a.txt 内容相同" in r.errors[0]["error"] and r.errors[0]["file"] == "b.txt"


def test_documents_are_redone_when_the_pipeline_changes(tmp_path, embedder):
    """An index built by an older planqa (other cleaning/structure) is brought up to date on the
    next ingest, from the text the store kept, without re-embedding unchanged passages."""
    from ingest.pipeline import PIPELINE_VERSION

    index = Index(Settings.from_env(tmp_path / "idx"), embedder=embedder)
    ingest_paths(index, [PLANS / "004_5cc29d44ee9a572c.txt"])
    good = {c.id: c.section for c in index.store.iter_chunks()}
    with index.store.db as db:  # what an older version might have stored
        db.execute("UPDATE chunks SET section='旧版本的章节'")
        db.execute("UPDATE info SET value='1' WHERE key='pipeline'")
    report = ingest_paths(index, [])
    assert report.replaced == len(good) and report.embedded == 0 and not report.errors
    assert {c.id: c.section for c in index.store.iter_chunks()} == good
    assert index.store.get_info("pipeline") == PIPELINE_VERSION
    assert ingest_paths(index, []).replaced == 0


def test_convex_fusion_keeps_the_leaders_margin():
    """BM25 far ahead (8.6 vs 3.6) and dense nearly tied: convex fusion keeps BM25's leader first,
    where reciprocal-rank fusion, which sees only ranks, lets the dense leader win."""
    from rag.retriever import convex, rrf

    rankings = {"bm25": [("a", 8.6), ("b", 3.6), ("c", 3.5), ("d", 3.4), ("e", 3.3)],
                "dense": [("e", 0.879), ("b", 0.878), ("c", 0.877), ("d", 0.876), ("a", 0.860)]}
    weights = {"dense": 0.5, "bm25": 1.0}
    assert convex(rankings, weights)[0][0] == "a"
    assert rrf(rankings, weights)[0][0] != "a"
    fused = convex(rankings, weights)
    assert all(0.0 <= s <= 1.0 for _, s, _ in fused) and fused[0][2] == {"bm25": 8.6, "dense": 0.86}


def test_unknown_fusion_is_refused(seed_index):
    from rag.retriever import HybridRetriever

    with pytest.raises(ValueError, match="unknown fusion"):
        HybridRetriever(seed_index, fusion="max")

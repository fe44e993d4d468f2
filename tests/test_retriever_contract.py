"""The retriever contract: every retriever is a ``Retriever`` whose public ``retrieve`` does the
shared work, and what happened on one request travels on its ``Retrieval`` — never on the shared
``Index`` (the page answers several requests at once)."""
from __future__ import annotations

import threading

import pytest

from ingest.vectorstore import VectorStoreError
from rag.retriever import Filters, HybridRetriever, Retrieval, Retriever

QUESTION = "绍兴今年要新增多少避灾安置场所?"
SHAOXING = "004_5cc29d44ee9a572c.txt"


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory, embedder):
    """Its own small index (two plans): these tests write the dense-512 cache and race threads, and
    must not share a store that other test files' servers and subprocesses also use."""
    import shutil

    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings
    from tests.conftest import PLANS

    src = tmp_path_factory.mktemp("contract_plans")
    for name in (SHAOXING, "001_b0a7b20fc2a42aef.txt"):
        shutil.copy(PLANS / name, src / name)
    index = Index(Settings.from_env(tmp_path_factory.mktemp("contract_index") / "index"), embedder=embedder)
    assert not ingest_paths(index, [src]).errors
    return index


class BrokenDense(HybridRetriever):
    """A hybrid retriever over a damaged vector store: dense search raises, as Chroma does."""

    def __init__(self, index, after_failing: threading.Event | None = None, hold: threading.Event | None = None):
        super().__init__(index)
        self.after_failing, self.hold = after_failing, hold

    def _dense(self, query, depth, docs):
        if self.after_failing:
            self.after_failing.set()
        raise VectorStoreError("Chroma 集合无法读取（测试）")

    def _bm25(self, query, depth, docs):
        if self.hold:  # keep this request open while another one runs from start to end
            assert self.hold.wait(60)
        return super()._bm25(query, depth, docs)


class Waiting(HybridRetriever):
    """A healthy hybrid retriever that starts searching only once ``start`` is set."""

    def __init__(self, index, start: threading.Event):
        super().__init__(index)
        self.start = start

    def _dense(self, query, depth, docs):
        assert self.start.wait(60)
        return super()._dense(query, depth, docs)


def test_every_retriever_implements_the_contract(seed_index):
    from eval.baselines import Dense512Retriever

    with pytest.raises(TypeError):
        Retriever()  # abstract: an implementation must write _retrieve
    for r in (HybridRetriever(seed_index, mode=m) for m in HybridRetriever.MODES):
        got = r.retrieve(QUESTION, k=3)
        assert isinstance(r, Retriever) and isinstance(got, Retrieval)
        assert 0 < len(got) <= 3 and got.warning == "" and got.docs is None
        assert [p.score for p in got] == sorted((p.score for p in got), reverse=True)
    d512 = Dense512Retriever(seed_index)
    got = d512.retrieve(QUESTION, k=4, filters=Filters(region="绍兴"))
    assert isinstance(d512, Retriever) and isinstance(got, Retrieval)
    assert got.docs == [SHAOXING] and {p.chunk.doc for p in got} == {SHAOXING} and len(got) == 4


def test_filters_no_document_passes_return_an_empty_retrieval_without_searching(seed_index):
    class Counting(HybridRetriever):
        calls = 0

        def _retrieve(self, query, k, docs):
            Counting.calls += 1
            return super()._retrieve(query, k, docs)

    r = Counting(seed_index)
    got = r.retrieve(QUESTION, k=5, filters=Filters(region="拉萨"))
    assert isinstance(got, Retrieval) and list(got) == [] and got.docs == [] and Counting.calls == 0
    got = r.retrieve(QUESTION, k=2, filters=Filters(region="绍兴"))
    assert Counting.calls == 1 and len(got) == 2 and got.docs == [SHAOXING]


def test_a_dense_failure_is_this_requests_warning_and_no_one_elses(seed_index):
    """Two requests at once on one index: one over a broken vector store, one healthy. The healthy
    request runs from start to end while the broken one is between its failed dense search and its
    answer. With the warning kept on the shared ``Index`` the healthy request cleared it and the
    broken answer lost it."""
    from rag.qa import QA

    assert not hasattr(seed_index, "warning")
    failed, healthy_done = threading.Event(), threading.Event()
    broken = QA(seed_index, retriever=BrokenDense(seed_index, after_failing=failed, hold=healthy_done), use_llm=False)
    healthy = QA(seed_index, retriever=Waiting(seed_index, start=failed), use_llm=False)
    out: dict[str, dict] = {}
    errors: list[BaseException] = []

    def run(name: str, qa: QA) -> None:
        try:
            out[name] = qa.ask(QUESTION).to_dict()
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            if name == "healthy":
                healthy_done.set()

    threads = [threading.Thread(target=run, args=("broken", broken)),
               threading.Thread(target=run, args=("healthy", healthy))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert "向量检索不可用" in out["broken"]["filters"].get("warning", "")
    assert "warning" not in out["healthy"]["filters"]
    for a in out.values():  # both still answer, from keyword search alone on the broken side
        assert not a["refused"] and "150个" in a["answer"]


def test_concurrent_retrievals_each_carry_their_own_warning(seed_index):
    """The retriever level of the same race, many times over: every result's warning is its own."""
    broken, healthy = BrokenDense(seed_index), HybridRetriever(seed_index)
    results: list[tuple[str, Retrieval]] = []
    lock = threading.Lock()

    def run(name: str, r: HybridRetriever) -> None:
        for _ in range(6):
            got = r.retrieve(QUESTION, k=3)
            with lock:
                results.append((name, got))

    threads = [threading.Thread(target=run, args=(n, r)) for n, r in (("broken", broken), ("healthy", healthy)) * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 24
    for name, got in results:
        assert bool(got.warning) == (name == "broken") and len(got) == 3
        assert SHAOXING in {p.chunk.doc for p in got}

"""Crash safety: an ingest killed (SIGKILL) at any point leaves a usable, consistent index, and
the next ingest completes the work."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import PLANS, ROOT

DOCS = ("003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt")


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    d = tmp_path_factory.mktemp("crash-plans")
    for name in DOCS:
        shutil.copy(PLANS / name, d / name)
    return d


@pytest.fixture(scope="module")
def expected(plans):
    from ingest.loaders import load_file
    from ingest.pipeline import process

    return {name: [c.id for c in process(load_file(plans / name, 10**8)).chunks] for name in DOCS}


@pytest.fixture(scope="module")
def warm_template(tmp_path_factory, plans, embedder):
    """An empty index whose embedding cache already holds the passages (kills land after embedding)."""
    from ingest.index import Index
    from ingest.pipeline import delete_document, ingest_paths
    from planqa.config import Settings

    d = tmp_path_factory.mktemp("warm") / "index"
    index = Index(Settings.from_env(d), embedder=embedder)
    ingest_paths(index, [plans])
    for name in DOCS:
        delete_document(index, name)
    index.close()
    return d


def crash(index_dir, target: str, when: str, n: int, plans) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.crash_ingest", str(index_dir), target, when, str(n), str(plans)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def assert_usable_and_consistent(index_dir, embedder, expected) -> None:
    """What a reader sees right after the crash: whole documents only, BM25 agreeing with the
    store, answers only from stored chunks."""
    from ingest.index import Index
    from planqa.config import Settings
    from rag.qa import QA

    index = Index(Settings.from_env(index_dir), embedder=embedder)
    stored = index.store.doc_hashes()
    for doc in stored:  # a document is there whole or not at all
        assert index.store.chunk_ids(doc) == expected[doc]
    assert set(index.lexical.ids) == set(index.store.chunk_ids())
    a = QA(index).ask("绍兴今年要新增多少避灾安置场所?")
    ids = set(index.store.chunk_ids())
    for c in a.citations + a.nearest:
        assert c["doc"] in stored
    assert all(p.chunk.id in ids for p in QA(index).search("燃气安全排查整治"))
    index.close()


def assert_next_ingest_completes(index_dir, embedder, expected, plans) -> None:
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    index = Index(Settings.from_env(index_dir), embedder=embedder)
    report = ingest_paths(index, [plans])
    assert not report.errors
    want = {cid for ids in expected.values() for cid in ids}
    assert report.documents == len(DOCS) and report.chunks == len(want)
    assert set(index.store.chunk_ids()) == want
    assert index.vectors.all_ids() == want  # Chroma holds exactly the store's chunks
    assert set(index.lexical.ids) == want
    again = ingest_paths(index, [plans])
    assert again.added == 0 and again.embedded == 0
    index.close()


KILL_POINTS = [
    # (method, before/after, n-th call): where the process dies
    ("ingest.vectorstore:VectorStore.upsert", "after", 1),  # vectors of doc 1 stored, doc 1 not committed
    ("ingest.docstore:DocStore.replace_document", "after", 1),  # doc 1 committed, doc 2 not
    ("ingest.docstore:DocStore.replace_document", "before", 2),  # doc 2's vectors stored, doc 2 not
    ("ingest.lexical:LexicalIndex.build", "before", 1),  # all committed, BM25 not rebuilt
    ("ingest.docstore:DocStore.set_info", "before", 1),  # the vector generation stamp not written
]


@pytest.mark.parametrize("target,when,n", KILL_POINTS, ids=[f"{t.split(':')[1]}-{w}-{n}" for t, w, n in KILL_POINTS])
def test_killed_ingest_leaves_a_consistent_index(tmp_path, warm_template, plans, expected, embedder, target, when, n):
    index_dir = tmp_path / "index"
    shutil.copytree(warm_template, index_dir)
    run = crash(index_dir, target, when, n, plans)
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    assert_usable_and_consistent(index_dir, embedder, expected)
    assert_next_ingest_completes(index_dir, embedder, expected, plans)


def test_killed_while_embedding(tmp_path, plans, expected, embedder):
    """A cold index killed after the first batch of vectors: the cache keeps that batch, so the
    next ingest embeds only the rest."""
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    index_dir = tmp_path / "index"
    run = crash(index_dir, "ingest.docstore:DocStore.cache_vectors", "after", 1, plans)
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    assert_usable_and_consistent(index_dir, embedder, expected)
    index = Index(Settings.from_env(index_dir), embedder=embedder)
    total = sum(len(v) for v in expected.values())
    report = ingest_paths(index, [plans])
    assert 0 < report.embedded <= total - index.settings.embed_batch
    index.close()
    assert_next_ingest_completes(index_dir, embedder, expected, plans)


def test_killed_while_replacing_a_changed_file(tmp_path, warm_template, plans, expected, embedder):
    """A changed file: its new chunks are committed, the old vectors not yet deleted."""
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    index_dir = tmp_path / "index"
    shutil.copytree(warm_template, index_dir)
    index = Index(Settings.from_env(index_dir), embedder=embedder)
    ingest_paths(index, [plans])
    index.close()
    changed = tmp_path / "changed"
    shutil.copytree(plans, changed)
    p = changed / DOCS[1]
    p.write_text(p.read_text(encoding="utf-8").replace("新增规范化避灾安置场所150个", "新增规范化避灾安置场所160个"),
                 encoding="utf-8")
    run = crash(index_dir, "ingest.vectorstore:VectorStore.delete", "before", 1, changed)
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    index = Index(Settings.from_env(index_dir), embedder=embedder)
    assert "160个" in "".join(c.text for c in index.store.iter_chunks(DOCS[1]))  # the commit point passed
    stale = index.vectors.all_ids() - set(index.store.chunk_ids())
    assert stale, "the kill should have left old vectors behind"
    assert all(p.chunk.id not in stale for p in __import__("rag.qa", fromlist=["QA"]).QA(index).search("避灾安置场所"))
    report = ingest_paths(index, [changed])  # reconciles: the stale vectors go
    assert not report.errors and report.added == 0
    assert index.vectors.all_ids() == set(index.store.chunk_ids())
    index.close()


def test_planqa_ingest_killed_at_random_moments(tmp_path, plans, expected, embedder):
    """The real command, killed by the clock rather than at a chosen line."""
    index_dir = tmp_path / "index"
    for delay in (2.5, 5.0, 8.0):
        proc = subprocess.Popen([sys.executable, "-m", "planqa.cli", "ingest", "--index", str(index_dir), "--json",
                                 str(plans)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)  # our own child, by PID
        proc.wait(timeout=30)
        if (index_dir / "docstore.sqlite").exists():
            assert_usable_and_consistent(index_dir, embedder, expected)
    assert_next_ingest_completes(index_dir, embedder, expected, plans)

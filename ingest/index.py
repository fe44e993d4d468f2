"""The index on disk: document store (truth), Chroma vectors and the BM25 index (both derived).

Opening is cheap; the embedder, Chroma and BM25 load on first use so each command pays only
for what it needs.
"""
from __future__ import annotations

import shutil
import threading
from functools import cached_property

from planqa.config import Settings
from planqa.records import Chunk

from .docstore import DocStore
from .embedding import Embedder, make_embedder
from .lexical import LexicalIndex
from .vectorstore import VectorStore


def chunk_metadata(c: Chunk) -> dict:
    m = c.meta
    return {"doc": c.doc, "region": m.region, "year_from": m.year_from or 0, "year_to": m.year_to or 0,
            "doc_type": m.doc_type}


class Index:
    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self.dir = settings.index_dir
        self.store = DocStore(self.dir / "docstore.sqlite")
        self._embedder = embedder
        self._lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = make_embedder(self.settings)
            return self._embedder

    @cached_property
    def vectors(self) -> VectorStore:
        e = self.embedder
        return VectorStore(self.dir, self.settings.chroma_url, e.name, e.dim, self.settings.chroma_collection)

    @property
    def lexical(self) -> LexicalIndex:
        """The BM25 index, rebuilt from the document store when it is missing or stale."""
        with self._lock:
            lex = getattr(self, "_lexical", None)
            gen = self.store.generation()
            if lex is None:
                lex = LexicalIndex(self.dir / "lexical")
                lex.load()
                self._lexical = lex
            if lex.generation != gen:
                chunks = list(self.store.iter_chunks())
                lex.build([c.id for c in chunks], [lexical_text(c) for c in chunks], gen)
            return lex

    def close(self) -> None:
        self.store.close()

    @staticmethod
    def wipe(settings: Settings) -> None:
        """Delete the whole index (for ``--rebuild``)."""
        if settings.chroma_url:
            try:
                Index(settings).vectors.drop()
            except Exception:  # a broken server-side collection is what we are clearing
                pass
        shutil.rmtree(settings.index_dir, ignore_errors=True)


def lexical_text(c: Chunk) -> str:
    """BM25 sees the passage plus its title and section path (cheap, unlike embedding them)."""
    return f"{c.meta.title} {c.meta.region} {c.section}\n{c.text}"

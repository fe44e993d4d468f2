"""The index on disk: document store (truth), Chroma vectors and the BM25 index (both derived).

Opening is cheap; the embedder, Chroma and BM25 load on first use so each command pays only
for what it needs.
"""
from __future__ import annotations

import shutil
import threading
import time

from planqa.config import Settings
from planqa.records import Chunk
from planqa.rules import OWN_ARTICLE_REF

from .docstore import DocStore
from .embedding import Embedder, make_embedder
from .lexical import LexicalIndex
from .vectorstore import VectorStore, VectorStoreError


def chunk_metadata(c: Chunk) -> dict:
    """The chunk fields the vector store filters on (doc, region, years, doc type)."""
    m = c.meta
    return {"doc": c.doc, "region": m.region, "year_from": m.year_from or 0, "year_to": m.year_to or 0,
            "doc_type": m.doc_type}


class Index:
    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self.dir = settings.index_dir
        self.store = DocStore(self.dir / "docstore.sqlite")
        self._embedder = embedder
        self._lock = threading.RLock()
        self._vectors: VectorStore | None = None
        self._vectors_gen = -1

    @property
    def embedder(self) -> Embedder:
        """The embedder, made on first use."""
        with self._lock:
            if self._embedder is None:
                self._embedder = make_embedder(self.settings)
            return self._embedder

    @property
    def vectors(self) -> VectorStore:
        """Chroma, reopened when another process (a CLI ingest beside the page) changed the index:
        an embedded Chroma does not see another process's writes until it reloads."""
        e = self.embedder
        with self._lock:
            vs = self._vectors
            gen = self.store.generation()
            external = gen not in (self._vectors_gen, self.store.own_generation)
            if vs is not None and external and not self.settings.chroma_url:
                vs.close()
                vs = None
            if vs is None:
                vs = VectorStore(self.dir, self.settings.chroma_url, e.name, e.dim, self.settings.chroma_collection)
                self._vectors = vs
            self._vectors_gen = gen
            return vs

    def repair_vectors(self) -> VectorStore:
        """A local vector store that cannot be opened is moved aside and started afresh; the next
        reconcile refills it from the document store (vectors come from the embedding cache)."""
        try:
            return self.vectors
        except VectorStoreError:
            if self.settings.chroma_url:
                raise
        with self._lock:
            self._vectors = None
            chroma = self.dir / "chroma"
            broken = self.dir / f"chroma.broken-{int(time.time())}"
            if chroma.exists():
                chroma.rename(broken)
                shutil.rmtree(broken, ignore_errors=True)
        return self.vectors

    def reopen_vectors(self) -> VectorStore:
        """Close and reopen the vector store so it reads the disk afresh."""
        with self._lock:
            if self._vectors is not None:
                self._vectors.close()
                self._vectors = None
        return self.vectors

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
                lex.build([c.id for c in chunks], lexical_texts(chunks), gen)
            return lex

    def close(self) -> None:
        """Close the vector store and the document store."""
        if self._vectors is not None:
            self._vectors.close()
            self._vectors = None
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


def lexical_text(c: Chunk, cited: str = "") -> str:
    """BM25 sees the passage plus its title and section path (cheap, unlike embedding them), and the
    articles of its own law it cites by number (``cited``)."""
    return f"{c.meta.title} {c.meta.region} {c.section}\n{c.text}" + (f"\n{cited}" if cited else "")


def lexical_texts(chunks: list[Chunk]) -> list[str]:
    """``lexical_text`` of each chunk, with the text of the articles of the same law it cites."""
    articles: dict[tuple[str, str], list[str]] = {}
    for c in chunks:
        if c.article:
            articles.setdefault((c.doc, c.article), []).append(c.text)
    out = []
    for c in chunks:
        cited = []
        if c.article:
            for n in dict.fromkeys(OWN_ARTICLE_REF.findall(c.text)):
                key = (c.doc, f"第{n}条")
                if key[1] != c.article and key in articles:
                    cited.append("".join(articles[key]))
        out.append(lexical_text(c, "\n".join(cited)))
    return out

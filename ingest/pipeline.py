"""Ingest: load → clean → structure → chunk → embed → store, idempotent by content hash.

Write order keeps the index consistent if the process dies at any point: vectors for new chunks
are added first, then the document store swaps the document in one transaction (the commit
point), then vectors nobody references are deleted and the BM25 index is rebuilt. The next run
reconciles whatever a crash left behind.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from planqa.records import Chunk, DocMeta

from .chunking import chunk_document
from .cleaning import clean
from .index import Index, chunk_metadata
from .loaders import LoadedFile, LoadError, expand_paths, load_file
from .metadata import infer_meta
from .offsets import MappedText
from .structure import parse_blocks

Progress = Callable[[str, int, int], None]  # (stage, done, total)

# bump when cleaning, structure or chunking output changes: indexed documents are then redone
PIPELINE_VERSION = "4"


@dataclass
class ProcessedDoc:
    loaded: LoadedFile
    clean: MappedText
    meta: DocMeta
    profile: list[str]
    chunks: list[Chunk]


@dataclass
class IngestReport:
    documents: int = 0
    chunks: int = 0
    added: int = 0
    replaced: int = 0
    removed: int = 0
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    embedded: int = 0  # texts actually sent to the model in this run
    embed_seconds: float = 0.0  # time inside the model, for throughput figures
    embedded_chars: int = 0
    files: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def process(loaded: LoadedFile, target: int = 300, hard_max: int = 480) -> ProcessedDoc:
    """Pure: decoded text in, chunks out."""
    cleaned, prof = clean(loaded.text)
    if not cleaned.text.strip():
        raise LoadError(loaded.doc_id, "nothing left after cleaning (no readable text)")
    meta = infer_meta(cleaned.text)
    blocks = parse_blocks(cleaned.text)
    chunks = chunk_document(loaded.doc_id, cleaned, blocks, meta, target=target, hard_max=hard_max)
    return ProcessedDoc(loaded, cleaned, meta, prof.names(), chunks)


def embed_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class EmbedStats:
    texts: int = 0
    chars: int = 0
    seconds: float = 0.0


def embed_chunks(index: Index, chunks: list[Chunk], progress: Progress | None = None,
                 stats: EmbedStats | None = None) -> tuple[np.ndarray, int]:
    """Vectors for chunks, from the cache where possible; each distinct text is embedded once."""
    emb = index.embedder
    texts = [c.embed_text() for c in chunks]
    keys = [embed_key(t) for t in texts]
    have = index.store.cached_vectors(sorted(set(keys)), emb.name)
    todo: dict[str, str] = {}
    for k, t in zip(keys, texts):
        if k not in have and k not in todo:
            todo[k] = t
    items = list(todo.items())
    batch = index.settings.embed_batch
    for i in range(0, len(items), batch):
        part = items[i:i + batch]
        t0 = time.perf_counter()
        vecs = emb.embed_passages([t for _, t in part])
        if stats is not None:
            stats.seconds += time.perf_counter() - t0
            stats.texts += len(part)
            stats.chars += sum(len(t) for _, t in part)
        fresh = {k: v for (k, _), v in zip(part, vecs)}
        index.store.cache_vectors(fresh, emb.name)
        have.update(fresh)
        if progress:
            progress("embed", min(i + batch, len(items)), len(items))
    if not chunks:
        return np.zeros((0, emb.dim), dtype=np.float32), 0
    return np.stack([have[k] for k in keys]).astype(np.float32), len(items)


def reconcile(index: Index) -> None:
    """Make Chroma hold exactly the document store's chunks (after a crash, or a broken store)."""
    store = index.store
    gen = str(store.generation())
    vectors = index.repair_vectors()
    if not vectors.healthy():  # a torn HNSW segment: refill from the store and the embedding cache
        vectors.reset()
    elif store.get_info("vector_generation") == gen and vectors.count() == store.chunk_count():
        return
    wanted = set(store.chunk_ids())
    present = vectors.all_ids()
    orphans = sorted(present - wanted)
    if orphans:
        vectors.delete(orphans)
    missing = sorted(wanted - present)
    if missing:
        chunks = list(store.get_chunks(missing).values())
        vecs, _ = embed_chunks(index, chunks)
        vectors.upsert([c.id for c in chunks], vecs, [chunk_metadata(c) for c in chunks])
    store.set_info("vector_generation", gen)


def ingest_paths(index: Index, paths: list[str | Path], progress: Progress | None = None) -> IngestReport:
    t0 = time.perf_counter()
    report = IngestReport()
    files, missing = expand_paths(paths)
    report.errors.extend({"file": f, "error": e} for f, e in missing)
    store = index.store
    reconcile(index)

    known = store.doc_hashes()
    by_hash = {h: d for d, h in known.items()}
    todo: list[ProcessedDoc] = []
    seen_hashes: dict[str, str] = {}
    if known and store.get_info("pipeline") != PIPELINE_VERSION:
        # cleaning, structure or chunking changed since these documents were indexed: redo them,
        # from the files offered now or else from the text the store kept (the embedding cache
        # means only passages whose text changed are embedded again)
        offered = {f.name for f in files}
        for loaded in store.stored_files():
            if loaded.doc_id not in offered:
                todo.append(process(loaded, index.settings.chunk_target, index.settings.chunk_max))
        known = {}  # nothing counts as unchanged
    for n, f in enumerate(files):
        if progress:
            progress("read", n + 1, len(files))
        try:
            loaded = load_file(f, index.settings.max_file_bytes)
            if known.get(loaded.doc_id) == loaded.sha256:
                report.files.append({"file": loaded.doc_id, "status": "unchanged"})
                continue
            dup = seen_hashes.get(loaded.sha256) or (by_hash.get(loaded.sha256) if by_hash.get(loaded.sha256) != loaded.doc_id else None)
            if dup:
                raise LoadError(loaded.doc_id, f"same content as {dup}, already indexed; skipped")
            seen_hashes[loaded.sha256] = loaded.doc_id
            todo.append(process(loaded, index.settings.chunk_target, index.settings.chunk_max))
        except LoadError as e:
            report.errors.append({"file": e.file, "error": e.message})

    all_chunks = [c for d in todo for c in d.chunks]
    stats = EmbedStats()
    vectors, report.embedded = embed_chunks(index, all_chunks, progress, stats)
    report.embed_seconds, report.embedded_chars = round(stats.seconds, 3), stats.chars
    pos = 0
    for d in todo:
        n = len(d.chunks)
        vecs = vectors[pos:pos + n]
        pos += n
        old_ids = set(store.chunk_ids(d.loaded.doc_id))
        new_ids = [c.id for c in d.chunks]
        index.vectors.upsert(new_ids, vecs, [chunk_metadata(c) for c in d.chunks])
        replaced = store.replace_document(
            doc_id=d.loaded.doc_id, path=d.loaded.path, sha256=d.loaded.sha256, fmt=d.loaded.fmt,
            encoding=d.loaded.encoding, raw=d.loaded.text, meta=d.meta, profile=d.profile, chunks=d.chunks,
        )
        stale = sorted(old_ids - set(new_ids))
        if stale:
            index.vectors.delete(stale)
        report.added += len(set(new_ids) - old_ids)
        report.removed += len(stale)  # old chunks of a changed file that no longer exist
        report.replaced += replaced
        report.files.append({"file": d.loaded.doc_id, "status": "replaced" if replaced else "added",
                             "chunks": n, "title": d.meta.title})
    store.set_info("pipeline", PIPELINE_VERSION)
    if todo:
        store.set_info("vector_generation", str(store.generation()))
        index.lexical  # rebuild BM25 now, not on the first question
    report.documents = len(store.doc_hashes())
    report.chunks = store.chunk_count()
    report.seconds = round(time.perf_counter() - t0, 3)
    return report


def delete_document(index: Index, doc_id: str) -> int:
    ids = index.store.chunk_ids(doc_id)
    if not ids and doc_id not in index.store.doc_hashes():
        raise KeyError(doc_id)
    n = index.store.delete_document(doc_id)
    index.vectors.delete(ids)
    index.store.set_info("vector_generation", str(index.store.generation()))
    index.lexical
    return n

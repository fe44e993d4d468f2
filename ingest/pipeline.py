"""Ingest: load → clean → structure → chunk → embed → store, idempotent by content hash.

Documents stream through: each is parsed when its turn comes, its passages join the embedding
queue (batches run across documents, so the model always gets full batches), and it is committed
as soon as all its passages have vectors — readers see the first documents while the rest are
still being embedded.

Write order, per document, keeps the index consistent if the process dies at any point: vectors
for its new chunks are added first, then the document store swaps the document in one
transaction (the commit point), then vectors nobody references are deleted. Fresh vectors go to
the embedding cache batch by batch, so a killed run never embeds them again. The BM25 index
follows the commits every few seconds and at the end (a reader that finds it behind the store's
generation rebuilds it itself).
The next run reconciles whatever a crash left behind.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from planqa.records import Chunk, DocMeta, apply_override

from .chunking import chunk_document
from .cleaning import clean
from .index import Index, chunk_metadata
from .loaders import LoadedFile, LoadError, expand_paths, load_file
from .metadata import infer_meta
from .validity import source_notes
from .offsets import MappedText
from .structure import parse_blocks

Progress = Callable[[str, int, int], None]  # (stage, done, total): what the page shows
EventSink = Callable[[dict], None]  # progress events, JSON-ready (see _Progress)

# bump when cleaning, structure, chunking or metadata output changes: indexed documents are then redone
PIPELINE_VERSION = "16"  # 16: a regulation "制定" at a session is adopted, its first article run into its chapter heading makes it a law, a city's regulation is made by the city's council (not the approving province's); 15: a page's script and style blocks dropped, tags whose quoted attributes hold ">"; 14: a contingency plan's issuer never guessed from the bodies it names; 13: a title whose 《》 hold a trailing note (《…条例（通过稿）》) read without it; 12: a site generator's make-up (front matter, tags, entities) and a Word field's PAGE trailer cleaned away; 11: a date run into a ministry's order (日应急管理部); 10: a chapter heading with its first article run into it; 9: whether a document is in force (status, repeals); 8: the national work report (全国, 国务院; a lost title); 7: a scrambled chapter's sections


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
    skipped: list[dict] = field(default_factory=list)  # {"file", "reason"}: a folder's files that are not documents
    seconds: float = 0.0
    embedded: int = 0  # texts actually sent to the model in this run
    embed_seconds: float = 0.0  # time inside the model, for throughput figures
    embedded_chars: int = 0
    files: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The report as a plain dict (for JSON)."""
        return asdict(self)


def process(loaded: LoadedFile, target: int = 300, hard_max: int = 480, override: dict | None = None) -> ProcessedDoc:
    """Pure: decoded text in, chunks out. ``override``: a person's correction of the metadata
    ('planqa docs set'), applied before the chunks (and what is embedded) carry it."""
    cleaned, prof = clean(loaded.text)
    if not cleaned.text.strip():
        raise LoadError(loaded.doc_id, "清理后没有可读的文字（只剩空白、乱码或页眉页脚）；请检查文件内容")
    meta = apply_override(infer_meta(cleaned.text, loaded.doc_id, source_notes(loaded.text)), override or {})
    blocks = parse_blocks(cleaned.text)
    chunks = chunk_document(loaded.doc_id, cleaned, blocks, meta, target=target, hard_max=hard_max,
                            page_starts=loaded.page_starts)
    return ProcessedDoc(loaded, cleaned, meta, prof.names(), chunks)


def embed_key(text: str) -> str:
    """The embedding cache key of a text (its SHA-1)."""
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


class _Progress:
    """Counts, rate and ETA of one ingest, sent as events (dicts, JSON-ready) to ``on_event`` and
    as ``(stage, done, total)`` to the older ``progress`` callback the page passes in.

    The characters still to embed are known only for files already parsed (parsing is lazy, so
    a scanned PDF is OCR'd only when its turn comes); for the rest they are estimated from file
    sizes at the ratio seen so far, so the ETA firms up as the ingest goes."""

    DEFAULT_CHARS_PER_BYTE = 0.4  # UTF-8 Chinese is 3 bytes a character; passages add their title/section

    def __init__(self, sizes: list[int], progress: Progress | None, on_event: EventSink | None):
        self.progress, self.on_event = progress, on_event
        self.total_files = len(sizes)
        self.files_done = 0
        self.bytes_left = sum(sizes)
        self.bytes_parsed = 0  # of files whose passages went to the embedder
        self.chars_queued = 0  # passages' characters known to need embedding
        self.chars_done = 0
        self.texts_queued = 0
        self.texts_done = 0
        self.t_embed: float | None = None

    def emit(self, event: dict) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def start(self) -> None:
        self.emit({"event": "start", "files": self.total_files})

    def file(self, name: str, stage: str, **extra) -> None:
        if stage in ("stored", "skipped", "error"):
            self.files_done += 1
            if self.progress:
                self.progress("read", self.files_done, self.total_files)
        self.emit({"event": "file", "file": name, "stage": stage, "done": self.files_done,
                   "total": self.total_files, **extra})

    def parsed(self, size: int, texts: int, chars: int) -> None:
        self.bytes_left -= size
        if texts:
            self.bytes_parsed += size
        self.texts_queued += texts
        self.chars_queued += chars

    def unparsed(self, size: int) -> None:  # skipped or failed: none of its bytes will be embedded
        self.bytes_left -= size

    def embedding_started(self) -> None:
        if self.t_embed is None:
            self.t_embed = time.perf_counter()

    def embedded(self, texts: int, chars: int) -> None:
        self.texts_done += texts
        self.chars_done += chars
        ratio = self.chars_queued / self.bytes_parsed if self.bytes_parsed else self.DEFAULT_CHARS_PER_BYTE
        est_left = max(self.bytes_left, 0) * ratio
        chars_total = int(self.chars_queued + est_left)
        per_text = self.chars_queued / self.texts_queued if self.texts_queued else 300
        texts_total = self.texts_queued + int(est_left / max(per_text, 1))
        wall = time.perf_counter() - (self.t_embed or time.perf_counter())
        rate = self.chars_done / wall if wall > 0 else 0.0
        eta = (chars_total - self.chars_done) / rate if rate else None
        if self.progress:
            self.progress("embed", self.texts_done, texts_total)
        self.emit({"event": "embed", "done": self.texts_done, "total": texts_total, "chars_done": self.chars_done,
                   "chars_total": chars_total, "estimated": self.bytes_left > 0, "chars_per_s": round(rate, 1),
                   "eta_s": None if eta is None else round(max(eta, 0.0), 1)})


@dataclass
class _Pending:
    """A processed document waiting for the vectors of its passages."""

    doc: ProcessedDoc
    keys: list[str]
    need: set[str]  # keys whose vectors are not here yet


class _Batcher:
    """Embeds the passages of successive documents in full batches that run across document
    boundaries (a batch is the model's unit of throughput) and hands back each document as soon
    as every one of its passages has a vector."""

    def __init__(self, index: Index, stats: EmbedStats, tracker: _Progress):
        self.index, self.stats, self.tracker = index, stats, tracker
        self.emb = index.embedder
        self.batch = index.settings.embed_batch
        self.queue: dict[str, str] = {}  # key -> text, in arrival order; each distinct text once
        self.vectors: dict[str, np.ndarray] = {}  # vectors the pending documents still need
        self.pending: list[_Pending] = []

    def add(self, doc: ProcessedDoc) -> tuple[int, int]:
        """Queue a document; returns how many texts (and characters) it adds to the model's work."""
        texts = [c.embed_text() for c in doc.chunks]
        keys = [embed_key(t) for t in texts]
        fresh = [k for k in dict.fromkeys(keys) if k not in self.vectors and k not in self.queue]
        self.vectors.update(self.index.store.cached_vectors(fresh, self.emb.name))
        added = chars = 0
        for k, t in zip(keys, texts):
            if k not in self.vectors and k not in self.queue:
                self.queue[k] = t
                added += 1
                chars += len(t)
        self.pending.append(_Pending(doc, keys, {k for k in keys if k not in self.vectors}))
        return added, chars

    def full(self) -> bool:
        return len(self.queue) >= self.batch

    def embed_one_batch(self) -> None:
        part = list(self.queue.items())[: self.batch]
        for k, _ in part:
            del self.queue[k]
        self.tracker.embedding_started()
        t0 = time.perf_counter()
        vecs = self.emb.embed_passages([t for _, t in part])
        self.stats.seconds += time.perf_counter() - t0
        chars = sum(len(t) for _, t in part)
        self.stats.texts += len(part)
        self.stats.chars += chars
        fresh = {k: v for (k, _), v in zip(part, vecs)}
        self.index.store.cache_vectors(fresh, self.emb.name)  # kept even if the process dies next
        self.vectors.update(fresh)
        for p in self.pending:
            p.need.difference_update(fresh)
        self.tracker.embedded(len(part), chars)

    def ready(self) -> list[tuple[ProcessedDoc, np.ndarray]]:
        """Documents whose vectors are all here, in arrival order, removed from the queue."""
        out, keep = [], []
        for p in self.pending:
            if p.need:
                keep.append(p)
                continue
            dim = self.emb.dim
            vecs = np.stack([self.vectors[k] for k in p.keys]).astype(np.float32) if p.keys else np.zeros((0, dim), np.float32)
            out.append((p.doc, vecs))
        self.pending = keep
        still = {k for p in keep for k in p.keys}
        self.vectors = {k: v for k, v in self.vectors.items() if k in still}
        return out


def _commit(index: Index, d: ProcessedDoc, vecs: np.ndarray, report: IngestReport) -> str:
    """One document in, in the crash-safe order: vectors, then the store's swap (the commit
    point), then the old vectors nobody references. Returns "added" or "replaced"."""
    store = index.store
    old_ids = set(store.chunk_ids(d.loaded.doc_id))
    new_ids = [c.id for c in d.chunks]
    index.vectors.upsert(new_ids, vecs, [chunk_metadata(c) for c in d.chunks])
    replaced = store.replace_document(
        doc_id=d.loaded.doc_id, path=d.loaded.path, sha256=d.loaded.sha256, fmt=d.loaded.fmt,
        encoding=d.loaded.encoding, raw=d.loaded.text, meta=d.meta, profile=d.profile, chunks=d.chunks,
        page_starts=d.loaded.page_starts,
    )
    stale = sorted(old_ids - set(new_ids))
    if stale:
        index.vectors.delete(stale)
    report.added += len(set(new_ids) - old_ids)
    report.removed += len(stale)  # old chunks of a changed file that no longer exist
    report.replaced += replaced
    status = "replaced" if replaced else "added"
    report.files.append({"file": d.loaded.doc_id, "status": status, "chunks": len(d.chunks), "title": d.meta.title})
    return status


class _LexicalKeeper:
    """Keeps the BM25 index up with the commits of a long ingest, so that readers (the page,
    another process) load it from disk instead of each tokenising the whole store again.
    Tokens are kept by passage text, so a rebuild tokenises only the passages new since the last;
    rebuilds are spaced out (a run of small, cached documents commits many times a second)."""

    EVERY_S = 5.0

    def __init__(self, index: Index):
        self.index = index
        self.tokens: dict[str, list[str]] = {}
        self.last = time.perf_counter()

    def refresh(self, force: bool = False) -> None:
        if not force and time.perf_counter() - self.last < self.EVERY_S:
            return
        from .index import lexical_texts
        from .lexical import LexicalIndex, tokenize

        store = self.index.store
        gen = store.generation()
        ids, toks = [], []
        chunks = list(store.iter_chunks())
        for c, text in zip(chunks, lexical_texts(chunks)):
            got = self.tokens.get(text)
            if got is None:
                got = self.tokens[text] = tokenize(text)
            ids.append(c.id)
            toks.append(got)
        with self.index._lock:  # the page asks questions from other threads of this process
            lex = self.index.__dict__.get("_lexical")
            if lex is None:
                lex = self.index._lexical = LexicalIndex(self.index.dir / "lexical")
            lex.build(ids, [], gen, tokens=toks)
        self.last = time.perf_counter()


def _file_size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def ingest_paths(index: Index, paths: list[str | Path], progress: Progress | None = None, *,
                 on_event: EventSink | None = None) -> IngestReport:
    """Index files. Each document is committed as soon as its passages have vectors, so a
    reader (another process, the page) finds the first documents while the rest are embedded.

    ``progress(stage, done, total)`` gets "read" (files) and "embed" (passages) counts;
    ``on_event(dict)`` gets the richer events that ``planqa ingest --progress-json`` prints."""
    t0 = time.perf_counter()
    report = IngestReport()
    files, missing, not_docs = expand_paths(paths)
    report.errors.extend({"file": f, "error": e} for f, e in missing)
    report.skipped.extend({"file": f, "reason": r} for f, r in not_docs)
    store = index.store
    reconcile(index)

    known = store.doc_hashes()
    for doc in store.docs_without_pages():  # a PDF stored before pages were kept: its file gets them now
        known.pop(doc, None)
    by_hash = {h: d for d, h in known.items()}
    redo: list[LoadedFile] = []
    if known and store.get_info("pipeline") != PIPELINE_VERSION:
        # cleaning, structure or chunking changed since these documents were indexed: redo them,
        # from the files offered now or else from the text the store kept (the embedding cache
        # means only passages whose text changed are embedded again)
        offered = {f.name for f in files}
        redo = [lf for lf in store.stored_files() if lf.doc_id not in offered]
        known = {}  # nothing counts as unchanged
    work: list[LoadedFile | Path] = [*redo, *files]
    sizes = [len(w.text.encode("utf-8")) if isinstance(w, LoadedFile) else _file_size(w) for w in work]
    # smallest first: the most documents become searchable soonest (a big law or a long scan
    # does not hold up the short notices behind it); ties keep the sorted order
    order = sorted(range(len(work)), key=lambda i: sizes[i])
    work, sizes = [work[i] for i in order], [sizes[i] for i in order]
    tracker = _Progress(sizes, progress, on_event)
    tracker.start()
    for s in report.skipped:
        tracker.emit({"event": "file", "file": s["file"], "stage": "not_document", "reason": s["reason"],
                      "done": tracker.files_done, "total": tracker.total_files})
    stats = EmbedStats()
    batcher = _Batcher(index, stats, tracker)
    seen_hashes: dict[str, str] = {}
    committed = 0
    lexical = _LexicalKeeper(index)

    def commit_ready() -> None:
        nonlocal committed
        ready = batcher.ready()
        for d, vecs in ready:
            status = _commit(index, d, vecs, report)
            committed += 1
            tracker.file(d.loaded.doc_id, "stored", status=status, chunks=len(d.chunks), title=d.meta.title)
        if ready:
            lexical.refresh()

    for item, size in zip(work, sizes):
        name = item.doc_id if isinstance(item, LoadedFile) else item.name
        tracker.file(name, "parsing")
        try:
            if isinstance(item, LoadedFile):
                loaded = item
            else:
                loaded = load_file(item, index.settings.max_file_bytes,
                                   on_page=lambda page, pages: tracker.file(name, "parsing", ocr_page=page, pages=pages))
                if known.get(loaded.doc_id) == loaded.sha256:
                    report.files.append({"file": loaded.doc_id, "status": "unchanged"})
                    tracker.unparsed(size)
                    tracker.file(name, "skipped", reason="unchanged")
                    continue
                dup = seen_hashes.get(loaded.sha256) or (
                    by_hash.get(loaded.sha256) if by_hash.get(loaded.sha256) != loaded.doc_id else None)
                if dup:
                    raise LoadError(loaded.doc_id, f"与已入库的 {dup} 内容相同，已跳过（无需重复导入）")
                seen_hashes[loaded.sha256] = loaded.doc_id
            doc = process(loaded, index.settings.chunk_target, index.settings.chunk_max,
                          override=store.override(loaded.doc_id))
        except LoadError as e:
            report.errors.append({"file": e.file, "error": e.message})
            tracker.unparsed(size)
            tracker.file(name, "error", error=e.message)
            continue
        texts, chars = batcher.add(doc)
        tracker.parsed(size, texts, chars)
        tracker.file(name, "embedding", chunks=len(doc.chunks), to_embed=texts)
        while batcher.full():
            batcher.embed_one_batch()
            commit_ready()
        commit_ready()  # a document whose passages were all cached goes in at once
    while batcher.queue:
        batcher.embed_one_batch()
        commit_ready()
    commit_ready()

    report.embedded = stats.texts
    report.embed_seconds, report.embedded_chars = round(stats.seconds, 3), stats.chars
    store.set_info("pipeline", PIPELINE_VERSION)
    if committed:
        store.set_info("vector_generation", str(store.generation()))
        if index.__dict__.get("_lexical") is None or index._lexical.generation != store.generation():
            lexical.refresh(force=True)  # BM25 now, not on the first question
    report.documents = len(store.doc_hashes())
    report.chunks = store.chunk_count()
    report.seconds = round(time.perf_counter() - t0, 3)
    tracker.emit({"event": "done", **{k: v for k, v in report.to_dict().items() if k != "files"}})
    return report


def delete_document(index: Index, doc_id: str) -> int:
    """Remove a document from the store, vectors and BM25; KeyError if unknown."""
    ids = index.store.chunk_ids(doc_id)
    if not ids and doc_id not in index.store.doc_hashes():
        raise KeyError(doc_id)
    n = index.store.delete_document(doc_id)
    index.vectors.delete(ids)
    index.store.set_info("vector_generation", str(index.store.generation()))
    index.lexical
    return n

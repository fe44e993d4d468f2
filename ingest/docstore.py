"""The document store: documents (with their decoded source text), chunks, and the embedding cache.

SQLite, one file, transactional: a document and its chunks are replaced in one transaction, so a
crash never leaves half a document. The vector and lexical indexes are derived from it.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import numpy as np

from planqa.errors import PlanqaError
from planqa.records import Chunk, DocMeta, apply_override, page_span

from .validity import Validity, repealed_in

if TYPE_CHECKING:
    from .loaders import LoadedFile

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, fmt TEXT NOT NULL,
    encoding TEXT NOT NULL, raw TEXT NOT NULL, meta TEXT NOT NULL, profile TEXT NOT NULL,
    ingested_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE, starts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    section TEXT NOT NULL, top_section TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, ordinal);
CREATE TABLE IF NOT EXISTS embed_cache (key TEXT PRIMARY KEY, model TEXT NOT NULL, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS overrides (doc_id TEXT PRIMARY KEY, fields TEXT NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, question TEXT NOT NULL, answer TEXT NOT NULL, refused INTEGER NOT NULL,
    citations TEXT NOT NULL, filters TEXT NOT NULL, rating INTEGER NOT NULL, comment TEXT NOT NULL,
    who TEXT NOT NULL, created_at REAL NOT NULL);
"""
# overrides: metadata a person corrected ('planqa docs set'), kept apart from the documents so a
# re-ingest of the same file (which replaces its row) applies them again
# feedback: 👍 (+1) / 👎 (-1) on a page answer with an optional comment; evaluators turn them into
# gold-set candidates (eval/feedback.py, 'planqa feedback export'). Not part of the derived stores.
# pages: a PDF's page starts (JSON list of raw offsets: page n+1 begins at starts[n]). Per document,
# not per chunk: one short list gives the page of any raw offset (a chunk's, or a narrower span an
# answer cites) and leaves the chunk rows as they were. A table of its own, not a column: an index
# made before it gains it on open (CREATE IF NOT EXISTS; no re-chunking, no re-embedding; its PDFs
# get pages when their files are ingested again), and an older planqa's positional INSERT into
# documents still fits; deleting a document's row (replace, delete) takes its pages with it.


class BrokenIndexError(PlanqaError):
    """A broken or incompatible index; the message says how to rebuild."""


class DocStore:
    """One SQLite connection per thread (WAL: readers never wait for the one writer)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        try:
            self.db.executescript(_SCHEMA)
            row = self.db.execute("SELECT value FROM info WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError:
            raise BrokenIndexError(f"索引 {path.parent} 无法读取（文档库文件已损坏或不是 SQLite 数据库）；"
                                   "请用 'planqa ingest --rebuild' 重建索引") from None
        if row is None:
            with self.db:
                self.db.execute("INSERT INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) != SCHEMA_VERSION:
            raise BrokenIndexError(f"索引 {path.parent} 的结构版本是 {row[0]}，本版 planqa 需要 {SCHEMA_VERSION}；"
                                   "请用 'planqa ingest --rebuild' 重建索引")
        self._meta_cache: tuple[int, dict[str, DocMeta], dict[str, tuple[int, ...]]] | None = None
        self._validity_cache: tuple[dict[str, DocMeta], dict[str, Validity]] | None = None
        self.own_generation = -1  # the generation this process's last write produced

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's SQLite connection (opened on first use, in WAL mode)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=60)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    # --- info -------------------------------------------------------------------------------
    def get_info(self, key: str) -> str | None:
        """The stored value of an info key, or None."""
        row = self.db.execute("SELECT value FROM info WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_info(self, key: str, value: str) -> None:
        """Store an info key's value, replacing any old one."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO info VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """The store's change counter (0 for a new store)."""
        return int(self.get_info("generation") or 0)

    # --- documents --------------------------------------------------------------------------
    def doc_hashes(self) -> dict[str, str]:
        """SHA-256 of each stored document, by doc id."""
        return dict(self.db.execute("SELECT doc_id, sha256 FROM documents"))

    def documents(self) -> list[dict]:
        """Every stored document with its metadata, profile and chunk count, ordered by doc id."""
        rows = self.db.execute(
            "SELECT d.doc_id, d.path, d.sha256, d.fmt, d.meta, d.profile, d.ingested_at, COUNT(c.id) "
            "FROM documents d LEFT JOIN chunks c ON c.doc_id = d.doc_id GROUP BY d.doc_id ORDER BY d.doc_id"
        ).fetchall()
        return [
            dict(doc=r[0], path=r[1], sha256=r[2], fmt=r[3], meta=json.loads(r[4]), profile=json.loads(r[5]),
                 ingested_at=r[6], chunks=r[7])
            for r in rows
        ]

    def metas(self) -> dict[str, DocMeta]:
        """Metadata of every document by doc id, cached until the generation changes."""
        return self._docs()[1]

    def validity(self) -> dict[str, Validity]:
        """Whether each document is in force (ingest/validity.py): its own record, or a later document
        of this library repealing it by name; only documents something is said about are keys."""
        metas = self.metas()
        cached = self._validity_cache
        if cached is None or cached[0] is not metas:
            cached = self._validity_cache = (metas, repealed_in(metas))
        return cached[1]

    def page_starts(self) -> dict[str, tuple[int, ...]]:
        """Page starts (raw offsets) of every document that has pages (PDFs), by doc id."""
        return self._docs()[2]

    def _docs(self) -> tuple[int, dict[str, DocMeta], dict[str, tuple[int, ...]]]:
        # keyed by generation: another process (a CLI ingest beside the page) may have changed the store
        gen = self.generation()
        cached = self._meta_cache
        if cached is None or cached[0] != gen:
            metas = {d: DocMeta.from_dict(json.loads(m)) for d, m in self.db.execute("SELECT doc_id, meta FROM documents")}
            pages = {d: tuple(json.loads(s)) for d, s in self.db.execute("SELECT doc_id, starts FROM pages")}
            cached = self._meta_cache = (gen, metas, pages)
        return cached

    def docs_without_pages(self) -> set[str]:
        """PDFs stored before page starts were kept: ingesting their file again adds the pages."""
        return {r[0] for r in self.db.execute(
            "SELECT doc_id FROM documents WHERE fmt='pdf' AND doc_id NOT IN (SELECT doc_id FROM pages)")}

    def stored_files(self) -> list["LoadedFile"]:
        """Every document as it was read from disk (its decoded text), to process again."""
        from .loaders import LoadedFile

        rows = self.db.execute("SELECT d.doc_id, d.path, d.raw, d.sha256, d.fmt, d.encoding, p.starts FROM documents d "
                               "LEFT JOIN pages p ON p.doc_id = d.doc_id ORDER BY d.doc_id")
        return [LoadedFile(doc_id=d, path=p, text=raw, sha256=h, fmt=f, encoding=e,
                           page_starts=tuple(json.loads(pg)) if pg else ())
                for d, p, raw, h, f, e, pg in rows]

    def raw_text(self, doc_id: str) -> str | None:
        """A document's original text, or None if it is not stored."""
        row = self.db.execute("SELECT raw FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def replace_document(self, *, doc_id: str, path: str, sha256: str, fmt: str, encoding: str, raw: str,
                         meta: DocMeta, profile: list[str], chunks: list[Chunk],
                         page_starts: tuple[int, ...] = ()) -> int:
        """Swap a document and its chunks atomically; returns how many old chunks went away.
        A stored correction of the document's metadata is applied to ``meta`` first; ``page_starts``
        (a PDF's) are kept with it."""
        meta = apply_override(meta, self.override(doc_id))
        with self.db:
            old = self.db.execute("SELECT COUNT(*) FROM chunks WHERE doc_id=?", (doc_id,)).fetchone()[0]
            self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            self.db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                (doc_id, path, sha256, fmt, encoding, raw, json.dumps(asdict(meta), ensure_ascii=False),
                 json.dumps(profile), time.time()),
            )
            if page_starts:  # the old row's pages went with it (ON DELETE CASCADE)
                self.db.execute("INSERT INTO pages VALUES (?,?)", (doc_id, json.dumps(list(page_starts))))
            self.db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?)",
                [(c.id, doc_id, c.ordinal, c.text, c.start, c.end, c.section, c.top_section) for c in chunks],
            )
            self._bump()
        self._meta_cache = None
        self.own_generation = self.generation()
        return old

    # --- corrections ('planqa docs set') -----------------------------------------------------
    def override(self, doc_id: str) -> dict:
        """A document's metadata overrides ({} if none)."""
        row = self.db.execute("SELECT fields FROM overrides WHERE doc_id=?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else {}

    def overrides(self) -> dict[str, dict]:
        """Metadata overrides of every document that has some, by doc id."""
        return {d: json.loads(f) for d, f in self.db.execute("SELECT doc_id, fields FROM overrides")}

    def set_override(self, doc_id: str, fields: dict) -> DocMeta:
        """Store a correction (merged with earlier ones) and apply it to the stored document now,
        in one transaction; returns the corrected metadata. KeyError for an unknown document."""
        with self.db:
            row = self.db.execute("SELECT meta FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
            if row is None:
                raise KeyError(doc_id)
            merged = {**self.override(doc_id), **fields}
            meta = apply_override(DocMeta.from_dict(json.loads(row[0])), merged)
            self.db.execute("INSERT OR REPLACE INTO overrides VALUES (?,?,?)",
                            (doc_id, json.dumps(merged, ensure_ascii=False), time.time()))
            self.db.execute("UPDATE documents SET meta=? WHERE doc_id=?",
                            (json.dumps(asdict(meta), ensure_ascii=False), doc_id))
            self._bump()  # readers (BM25 text, the page's cached metas) see the change
        self._meta_cache = None
        self.own_generation = self.generation()
        return meta

    def delete_document(self, doc_id: str) -> int:
        """Delete a document and its chunks; returns the number of chunks deleted."""
        with self.db:
            n = self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,)).rowcount
            self.db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            self._bump()
        self._meta_cache = None
        self.own_generation = self.generation()
        return n

    def _bump(self) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO info VALUES ('generation', CAST(COALESCE((SELECT value FROM info WHERE key='generation'), 0) AS INTEGER) + 1)"
        )

    # --- feedback on answers (the page's 👍/👎) ------------------------------------------------
    def add_feedback(self, *, question: str, answer: str, refused: bool, citations: list[dict], filters: dict,
                     rating: int, comment: str = "", who: str = "page") -> int:
        """Store a person's 👍 (rating 1) or 👎 (-1) on an answer; returns the feedback's id."""
        with self.db:
            cur = self.db.execute(
                "INSERT INTO feedback (question, answer, refused, citations, filters, rating, comment, who, created_at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (question, answer, int(bool(refused)), json.dumps(citations, ensure_ascii=False),
                 json.dumps(filters, ensure_ascii=False), int(rating), comment or "", who, time.time()))
        return int(cur.lastrowid)

    def set_feedback_comment(self, feedback_id: int, comment: str) -> bool:
        """Set the comment of one stored feedback; False if there is no such feedback."""
        with self.db:
            n = self.db.execute("UPDATE feedback SET comment=? WHERE id=?", (comment or "", int(feedback_id))).rowcount
        return n > 0

    def feedback(self) -> list[dict]:
        """Every stored feedback, oldest first, with its answer's citations and filters."""
        rows = self.db.execute("SELECT id, question, answer, refused, citations, filters, rating, comment, who, "
                               "created_at FROM feedback ORDER BY id").fetchall()
        return [dict(id=r[0], question=r[1], answer=r[2], refused=bool(r[3]), citations=json.loads(r[4]),
                     filters=json.loads(r[5]), rating=r[6], comment=r[7], who=r[8], created_at=r[9]) for r in rows]

    # --- chunks -----------------------------------------------------------------------------
    def _chunk(self, row: tuple, docs: tuple[int, dict[str, DocMeta], dict[str, tuple[int, ...]]]) -> Chunk:
        cid, doc, ordinal, text, start, end, section, top = row
        page, page_end = page_span(docs[2].get(doc, ()), start, end)
        return Chunk(id=cid, doc=doc, text=text, start=start, end=end, section=section, meta=docs[1][doc],
                     ordinal=ordinal, top_section=top, page=page, page_end=page_end)

    _COLS = 'id, doc_id, ordinal, text, start, "end", section, top_section'

    def chunk_count(self) -> int:
        """Number of stored chunks."""
        return self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        """Chunk ids in document order, of one document or of all."""
        if doc_id is None:
            return [r[0] for r in self.db.execute("SELECT id FROM chunks ORDER BY doc_id, ordinal")]
        return [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE doc_id=? ORDER BY ordinal", (doc_id,))]

    def get_chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        """The chunks with these ids, by id (missing ids are left out)."""
        ids = list(ids)
        docs = self._docs()
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            q = f"SELECT {self._COLS} FROM chunks WHERE id IN ({','.join('?' * len(part))})"
            for row in self.db.execute(q, part):
                out[row[0]] = self._chunk(row, docs)
        return out

    def iter_chunks(self, doc_id: str | None = None) -> Iterator[Chunk]:
        """Chunks in document order, of one document or of all."""
        docs = self._docs()
        if doc_id is None:
            rows = self.db.execute(f"SELECT {self._COLS} FROM chunks ORDER BY doc_id, ordinal")
        else:
            rows = self.db.execute(f"SELECT {self._COLS} FROM chunks WHERE doc_id=? ORDER BY ordinal", (doc_id,))
        for row in rows:
            yield self._chunk(row, docs)

    def ordinal_at(self, doc_id: str, start: int) -> int:
        """The position in its document of the chunk starting at raw offset ``start`` (0 if none):
        a citation carries offsets, the neighbours of a chunk are found by ordinal."""
        row = self.db.execute("SELECT ordinal FROM chunks WHERE doc_id=? AND start=?", (doc_id, start)).fetchone()
        return row[0] if row else 0

    def neighbours(self, doc_id: str, ordinal: int, radius: int = 1) -> list[Chunk]:
        """A chunk and those within ``radius`` of it in its document, in order."""
        docs = self._docs()
        rows = self.db.execute(
            f"SELECT {self._COLS} FROM chunks WHERE doc_id=? AND ordinal BETWEEN ? AND ? ORDER BY ordinal",
            (doc_id, ordinal - radius, ordinal + radius),
        )
        return [self._chunk(r, docs) for r in rows]

    # --- embedding cache: no text is embedded twice ----------------------------------------
    def cached_vectors(self, keys: list[str], model: str) -> dict[str, np.ndarray]:
        """Cached embeddings of these keys for ``model``, by key (misses left out)."""
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            q = f"SELECT key, vector FROM embed_cache WHERE model=? AND key IN ({','.join('?' * len(part))})"
            for k, blob in self.db.execute(q, [model, *part]):
                out[k] = np.frombuffer(blob, dtype=np.float32)
        return out

    def cache_vectors(self, items: dict[str, np.ndarray], model: str) -> None:
        """Cache embeddings by key for ``model``."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO embed_cache VALUES (?,?,?)",
                [(k, model, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )

    def close(self) -> None:
        """Close every thread's connection."""
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

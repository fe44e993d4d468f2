"""Audit log: who asked what, when, and what the answer rested on.

One JSON object a line in ``<index>/audit/audit.jsonl``, rotated by size (the standard library's
``RotatingFileHandler``: ``audit.jsonl.1`` … ``.N`` hold the older lines). Written by the page
and the HTTP API, read by ``planqa log``. Keys and passwords never reach it: a caller is named
by its key's *name* or the page's login user.
"""
from __future__ import annotations

import json
import logging
import logging.handlers
import os
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

AUDIT_DIR = "audit"
AUDIT_FILE = "audit.jsonl"
DEFAULT_MAX_MB = 10  # ~30k questions a file; five old files kept beside it
DEFAULT_BACKUPS = 5


@dataclass(frozen=True)
class AuditEntry:
    time: str  # ISO 8601, UTC, seconds
    who: str  # API key name, page login user, or "local"/"page" when nobody logged in
    via: str  # chat | ask | retrieve | page
    question: str
    kind: str = ""
    refused: bool = False
    partial: bool = False
    docs: list[str] = field(default_factory=list)  # cited documents, in citation order, once each

    def to_json(self) -> str:
        """The entry as one JSON line."""
        return json.dumps(asdict(self), ensure_ascii=False)


def entry_for(who: str, via: str, question: str, result: dict[str, Any], now: datetime | None = None) -> AuditEntry:
    """The line for one answer (``ask --json``'s dict) or one retrieval (``retrieve --json``'s)."""
    cited = result.get("citations") or result.get("passages") or []
    docs = list(dict.fromkeys(c["doc"] for c in cited if c.get("doc")))
    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    return AuditEntry(time=when, who=who, via=via, question=question,
                      kind=str(result.get("kind") or ("retrieve" if "passages" in result else "")),
                      refused=bool(result.get("refused", False)), partial=bool(result.get("partial", False)),
                      docs=docs)


def parse_line(line: str) -> AuditEntry | None:
    """One stored line back as an entry; a torn or foreign line (a crash mid-write) is skipped."""
    try:
        obj = json.loads(line)
        return AuditEntry(time=str(obj["time"]), who=str(obj["who"]), via=str(obj.get("via", "")),
                          question=str(obj["question"]), kind=str(obj.get("kind", "")),
                          refused=bool(obj.get("refused", False)), partial=bool(obj.get("partial", False)),
                          docs=[str(d) for d in obj.get("docs", [])])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def audit_path(index_dir: str | os.PathLike) -> Path:
    """Path of the audit log inside an index folder."""
    return Path(index_dir) / AUDIT_DIR / AUDIT_FILE


def _max_bytes() -> int:
    raw = os.environ.get("PLANQA_AUDIT_MAX_MB", "")
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    return max(int(mb * 1024 * 1024), 1024)


class AuditLog:
    """Appends entries; safe to call from the server's worker threads."""

    def __init__(self, index_dir: str | os.PathLike, max_bytes: int | None = None, backups: int = DEFAULT_BACKUPS):
        self.path = audit_path(index_dir)
        self.max_bytes = max_bytes or _max_bytes()
        self.backups = backups
        self._handler: logging.handlers.RotatingFileHandler | None = None
        self._lock = threading.Lock()

    def _open(self) -> logging.handlers.RotatingFileHandler:
        # created on the first question, so a server that answers nothing leaves no folder behind
        if self._handler is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            h = logging.handlers.RotatingFileHandler(self.path, maxBytes=self.max_bytes, backupCount=self.backups,
                                                     encoding="utf-8")
            h.setFormatter(logging.Formatter("%(message)s"))
            self._handler = h
        return self._handler

    def write(self, entry: AuditEntry) -> None:
        """Append an entry to the log (thread-safe, one flushed line)."""
        record = logging.LogRecord("planqa.audit", logging.INFO, __file__, 0, entry.to_json(), None, None)
        with self._lock:
            self._open().handle(record)  # the handler flushes each line

    def record(self, who: str, via: str, question: str, result: dict[str, Any]) -> AuditEntry:
        """Log who asked what via which front end and the result; returns the entry."""
        entry = entry_for(who, via, question, result)
        self.write(entry)
        return entry

    def close(self) -> None:
        """Close the log file."""
        with self._lock:
            if self._handler is not None:
                self._handler.close()
                self._handler = None


def log_files(index_dir: str | os.PathLike) -> list[Path]:
    """The log's files, oldest first (``audit.jsonl.5`` … ``audit.jsonl.1``, ``audit.jsonl``)."""
    path = audit_path(index_dir)
    olds = sorted((p for p in path.parent.glob(AUDIT_FILE + ".*") if p.suffix[1:].isdigit()),
                  key=lambda p: -int(p.suffix[1:]))
    return [*olds, *([path] if path.is_file() else [])]


def read_entries(index_dir: str | os.PathLike, tail: int | None = None) -> list[AuditEntry]:
    """Entries of every audit log file, oldest first; the last ``tail`` if given."""
    entries: list[AuditEntry] = []
    for p in log_files(index_dir):
        with p.open(encoding="utf-8", errors="replace") as fh:
            entries.extend(e for e in map(parse_line, fh) if e is not None)
    return entries[-tail:] if tail else entries


def format_entries(entries: Iterable[AuditEntry]) -> str:
    """The human-readable table ``planqa log`` prints."""
    lines = []
    for e in entries:
        status = "拒答" if e.refused else ("部分" if e.partial else "已答")
        docs = "、".join(e.docs) if e.docs else "—"
        lines.append(f"{e.time}  {e.who:<10} {e.via:<8} {e.kind or '—':<8} {status}  {e.question}  → {docs}")
    return "\n".join(lines)

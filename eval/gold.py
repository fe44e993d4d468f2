"""Gold sets: loading and validation (format: README "Evaluation").

Any file in the format is accepted, questions never seen included. A malformed line is reported
with its line number and what is wrong; quotes must be exact substrings of their document.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from planqa.errors import PlanqaError

TYPES = ("fact", "lead", "number", "list", "compare", "filter", "unanswerable", "draft")
DEFAULT_GOLD = Path(__file__).resolve().parent / "gold.jsonl"


class GoldError(PlanqaError, ValueError):
    pass


@dataclass(frozen=True)
class Source:
    doc: str
    quote: str


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    type: str
    answer: str = ""
    must_include: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    region: str = ""
    year: int | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def answerable(self) -> bool:
        """Whether the question has an answer in the documents (any type but unanswerable)."""
        return self.type != "unanswerable"


def _fail(path: Path, n: int, msg: str) -> GoldError:
    return GoldError(f"{path}:{n}: {msg}")


def parse_item(obj: object, path: Path, n: int) -> GoldItem:
    """Validate one gold-file JSON object (line ``n`` of ``path``) into a GoldItem, or raise GoldError."""
    if not isinstance(obj, dict):
        raise _fail(path, n, f"expected a JSON object, got {type(obj).__name__}")
    for key in ("id", "question", "type"):
        if key not in obj:
            raise _fail(path, n, f"missing field '{key}'")
    qid, question, kind = obj["id"], obj["question"], obj["type"]
    if not isinstance(qid, (str, int)) or str(qid).strip() == "":
        raise _fail(path, n, "'id' must be a non-empty string")
    if not isinstance(question, str) or not question.strip():
        raise _fail(path, n, "'question' must be a non-empty string")
    if kind not in TYPES:
        raise _fail(path, n, f"'type' is {kind!r}; expected one of {', '.join(TYPES)}")
    must = obj.get("must_include", [])
    if not isinstance(must, list) or not all(isinstance(m, str) and m for m in must):
        raise _fail(path, n, "'must_include' must be a list of non-empty strings")
    sources = obj.get("sources", [])
    if not isinstance(sources, list):
        raise _fail(path, n, "'sources' must be a list")
    srcs = []
    for i, s in enumerate(sources):
        if not isinstance(s, dict) or not isinstance(s.get("doc"), str) or not isinstance(s.get("quote"), str) or not s["quote"]:
            raise _fail(path, n, f"sources[{i}] must be an object with string 'doc' and non-empty 'quote'")
        srcs.append(Source(s["doc"], s["quote"]))
    if kind != "unanswerable" and not srcs:
        raise _fail(path, n, f"an answerable question ({kind}) needs at least one source")
    year = obj.get("year")
    if year is not None and not (isinstance(year, int) and 1900 < year < 2200):
        raise _fail(path, n, f"'year' must be a year like 2022, got {year!r}")
    region = obj.get("region") or ""
    if not isinstance(region, str):
        raise _fail(path, n, "'region' must be a string")
    known = {"id", "question", "type", "answer", "must_include", "sources", "region", "year"}
    return GoldItem(id=str(qid), question=question.strip(), type=kind, answer=str(obj.get("answer", "")),
                    must_include=tuple(must), sources=tuple(srcs), region=region, year=year,
                    extra={k: v for k, v in obj.items() if k not in known})


def load_gold(path: str | Path, raw_text: Callable[[str], str | None] | None = None) -> list[GoldItem]:
    """Read and validate a gold file; ``raw_text(doc)`` (if given) checks every quote."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such gold file")
    items: list[GoldItem] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise _fail(path, n, f"not valid JSON ({e.msg} at column {e.colno})") from None
            item = parse_item(obj, path, n)
            if item.id in seen:
                raise _fail(path, n, f"duplicate id {item.id!r}")
            seen.add(item.id)
            if raw_text is not None:
                for s in item.sources:
                    raw = raw_text(s.doc)
                    if raw is None:
                        raise _fail(path, n, f"source document {s.doc!r} is not in the index")
                    if s.quote not in raw:
                        raise _fail(path, n, f"quote is not an exact substring of {s.doc}: {s.quote[:40]!r}")
            items.append(item)
    if not items:
        raise GoldError(f"{path}: no questions in the file")
    return items

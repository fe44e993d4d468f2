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
    """A gold file that cannot be used; the message (Chinese) names the file, the line and the fault."""


_JSON_TYPES = {"list": "数组", "str": "字符串", "int": "数字", "float": "数字", "bool": "true/false", "NoneType": "null"}


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
    fix = "" if "；请" in msg else "；请按 README“Evaluation / 评测”一节的格式改正"
    return GoldError(f"{path} 第 {n} 行：{msg}{fix}")


def parse_item(obj: object, path: Path, n: int) -> GoldItem:
    """Validate one gold-file JSON object (line ``n`` of ``path``) into a GoldItem, or raise GoldError."""
    if not isinstance(obj, dict):
        raise _fail(path, n, f"每行须为一个 JSON 对象（{{…}}），这一行是{_JSON_TYPES.get(type(obj).__name__, type(obj).__name__)}")
    for key in ("id", "question", "type"):
        if key not in obj:
            raise _fail(path, n, f"缺少字段“{key}”")
    qid, question, kind = obj["id"], obj["question"], obj["type"]
    if not isinstance(qid, (str, int)) or str(qid).strip() == "":
        raise _fail(path, n, "字段“id”须为非空的字符串或数字")
    if not isinstance(question, str) or not question.strip():
        raise _fail(path, n, "字段“question”须为非空的字符串")
    if kind not in TYPES:
        raise _fail(path, n, f"题型“type”是 {kind!r}，须为 {'、'.join(TYPES)} 之一")
    must = obj.get("must_include", [])
    if not isinstance(must, list) or not all(isinstance(m, str) and m for m in must):
        raise _fail(path, n, "字段“must_include”须为非空字符串的列表")
    sources = obj.get("sources", [])
    if not isinstance(sources, list):
        raise _fail(path, n, "字段“sources”须为列表")
    srcs = []
    for i, s in enumerate(sources):
        if not isinstance(s, dict) or not isinstance(s.get("doc"), str) or not isinstance(s.get("quote"), str) or not s["quote"]:
            raise _fail(path, n, f"第 {i + 1} 个出处（sources[{i}]）须为含字符串“doc”和非空“quote”的对象")
        srcs.append(Source(s["doc"], s["quote"]))
    if kind != "unanswerable" and not srcs:
        raise _fail(path, n, f"有答案的问题（题型 {kind}）至少需要一个出处（sources）；库中无答案的问题请用 unanswerable")
    year = obj.get("year")
    if year is not None and not (isinstance(year, int) and 1900 < year < 2200):
        raise _fail(path, n, f"字段“year”须为年份，例如 2022，现在是 {year!r}")
    region = obj.get("region") or ""
    if not isinstance(region, str):
        raise _fail(path, n, "字段“region”须为字符串")
    known = {"id", "question", "type", "answer", "must_include", "sources", "region", "year"}
    return GoldItem(id=str(qid), question=question.strip(), type=kind, answer=str(obj.get("answer", "")),
                    must_include=tuple(must), sources=tuple(srcs), region=region, year=year,
                    extra={k: v for k, v in obj.items() if k not in known})


def load_gold(path: str | Path, raw_text: Callable[[str], str | None] | None = None) -> list[GoldItem]:
    """Read and validate a gold file; ``raw_text(doc)`` (if given) checks every quote."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"找不到金标准文件 {path}；请检查 --gold 的路径")
    items: list[GoldItem] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")  # as a file's lines, not splitlines()
    except UnicodeDecodeError:
        raise GoldError(f"金标准文件 {path} 不是 UTF-8 编码；请另存为 UTF-8") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise _fail(path, n, f"不是有效的 JSON（第 {e.colno} 列附近有误）；每行须为一个完整的 JSON 对象") from None
        item = parse_item(obj, path, n)
        if item.id in seen:
            raise _fail(path, n, f"编号 {item.id!r} 与前面的问题重复")
        seen.add(item.id)
        if raw_text is not None:
            for s in item.sources:
                raw = raw_text(s.doc)
                if raw is None:
                    raise _fail(path, n, f"出处文件 {s.doc!r} 不在库中；请先导入该文件，或改正文件名（见 planqa docs）")
                if s.quote not in raw:
                    raise _fail(path, n, f"引文不是 {s.doc} 原文中的片段：{s.quote[:40]!r}；请从原文逐字复制")
        items.append(item)
    if not items:
        raise GoldError(f"金标准文件 {path} 中没有问题（文件为空或只有空行）")
    return items

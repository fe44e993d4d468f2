"""对照检查: which task items of reference plans a draft covers.

Each task item of the reference documents (a passage of a task section, rag/section_roles.py,
grouped by its section path) is compared with every passage of the draft: meaning (the index's own
embedder: the item as a query, the draft's paragraphs as passages) and wording (the share of the
item's character bigrams that the passage uses; numbers and 【待核实】 marks left out, since a
draft adapts them). The item is 已覆盖, 部分覆盖 or 未覆盖 by thresholds chosen on a labelled set
made from the seed plans (README, "对照检查"), and each line carries the draft's best passage and
the reference's citation.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from planqa.errors import PlanqaError
from planqa.records import Chunk

from .flags import FLAG_RE
from .section_roles import TASK, section_role

COVERED, PARTIAL, MISSING = "已覆盖", "部分覆盖", "未覆盖"
# chosen on the labelled set (README, 对照检查): the share of the item's sentences the draft says,
# or, for a paraphrase, the cosine of the item and the draft's closest passage
COVERED_SAID, PARTIAL_SAID = 0.5, 0.1
COVERED_MEANING, PARTIAL_MEANING = 0.965, 0.92
NAMED_MEANING, COVERED_NAMED = 0.925, 0.75
DRAFT_SUFFIXES = (".docx", ".md", ".markdown", ".txt")
_MAX_PASSAGE = 320


class CheckError(PlanqaError):
    """A draft or reference that cannot be checked; the message is for the person at the terminal."""


@dataclass
class RefItem:
    doc: str
    title: str
    section: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        """The item's own heading, or its first 20 characters if it has none."""
        return self.section.split(" > ")[-1] if self.section else self.text[:20]


@dataclass
class ItemCoverage:
    item: RefItem
    status: str
    score: float  # the share of the item's sentences the draft says
    meaning: float
    wording: float
    passage: str  # the draft's best matching passage ("" when nothing matches)

    def to_dict(self) -> dict[str, Any]:
        """The coverage as a plain dict, scores rounded."""
        d = asdict(self)
        d["item"]["label"] = self.item.label
        for k in ("score", "meaning", "wording"):
            d[k] = round(float(d[k]), 4)
        return d


@dataclass
class CheckReport:
    draft: str
    against: list[str]
    items: list[ItemCoverage] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many items are covered, partly covered and missing."""
        return {s: sum(1 for i in self.items if i.status == s) for s in (COVERED, PARTIAL, MISSING)}

    def to_dict(self) -> dict[str, Any]:
        """The report as a plain dict, with counts and thresholds."""
        return {"draft": self.draft, "against": self.against, "counts": self.counts(),
                "thresholds": {"covered": {"said": COVERED_SAID, "meaning": COVERED_MEANING},
                               "partial": {"said": PARTIAL_SAID, "meaning": PARTIAL_MEANING}},
                "items": [i.to_dict() for i in self.items]}

    def to_markdown(self) -> str:
        """The report as a Markdown list for a person."""
        c = self.counts()
        lines = [f"**对照检查**：{len(self.items)} 项任务，已覆盖 {c[COVERED]}，部分覆盖 {c[PARTIAL]}，未覆盖 {c[MISSING]}", ""]
        for i, ic in enumerate(self.items, 1):
            it = ic.item
            lines.append(f"{i}. 【{ic.status}】{it.label}（《{it.title}》 {it.section}，{it.doc}:{it.start}-{it.end}）")
            if ic.passage and ic.status != MISSING:
                lines.append(f"    - 稿中对应：{ic.passage[:120]}")
        return "\n".join(lines) + "\n"


# --- reading a draft ----------------------------------------------------------------------------

def draft_passages(text: str) -> list[str]:
    """The passages of a draft as the checker compares them: paragraphs without headings, footnote
    marks or the source list; a long paragraph is cut at sentence ends."""
    out: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        if re.fullmatch(r"(?:\*\*)?(?:来源|参考来源|注释)(?:\*\*)?[:：]?|-{3,}", s):
            break  # the source list ends the text
        if not s or s.startswith("#") or s.startswith(">") or re.match(r"\[\^?\d+\]:", s):
            continue
        s = re.sub(r"\[\^?\d+\]", "", s)
        if len(s) < 15:
            continue  # a heading
        out.extend(_cut(s))
    return out


def _cut(s: str) -> list[str]:
    if len(s) <= _MAX_PASSAGE:
        return [s]
    parts, cur = [], ""
    for sent in re.split(r"(?<=[。；！？])", s):
        if cur and len(cur) + len(sent) > _MAX_PASSAGE:
            parts.append(cur)
            cur = ""
        cur += sent
    if cur:
        parts.append(cur)
    return parts


def read_draft(path: str | Path) -> list[str]:
    """Passages of a .docx, .md or .txt draft; CheckError (in Chinese) when it cannot be read."""
    p = Path(path)
    if not p.is_file():
        raise CheckError(f"找不到草稿文件：{p}")
    suffix = p.suffix.lower()
    if suffix not in DRAFT_SUFFIXES:
        raise CheckError(f"草稿文件类型 {suffix or '（无扩展名）'} 不支持，请使用 .docx、.md 或 .txt：{p.name}")
    data = p.read_bytes()
    if not data.strip():
        raise CheckError(f"草稿文件是空的：{p.name}")
    if suffix == ".docx":
        import zipfile

        import docx
        from docx.opc.exceptions import OpcError

        try:
            text = "\n".join(par.text for par in docx.Document(str(p)).paragraphs)
        except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as e:
            raise CheckError(f"无法读取 .docx 草稿（文件损坏、加密或不是 Word 文件）：{p.name}") from e
    else:
        from ingest.loaders import LoadError, decode_text

        try:
            text, _ = decode_text(data, p.name)
        except LoadError as e:
            raise CheckError(f"无法读取草稿文本（不是 UTF-8/GBK 文本）：{p.name}") from e
    passages = draft_passages(text)
    if not passages:
        raise CheckError(f"草稿中没有可对照的正文段落：{p.name}")
    return passages


# --- reference items ----------------------------------------------------------------------------

def reference_items(chunks: list[Chunk]) -> list[RefItem]:
    """The task items of one document: its task-section passages, one item per section path
    (passages of one long item are joined), in document order."""
    items: list[RefItem] = []
    for c in sorted(chunks, key=lambda c: c.ordinal):
        if not c.section or section_role(c.section, c.text, c.meta.doc_type) != TASK:
            continue
        if items and items[-1].section == c.section and items[-1].doc == c.doc:
            last = items[-1]
            last.text += c.text
            last.end = max(last.end, c.end)
            continue
        items.append(RefItem(c.doc, c.meta.title, c.section, c.start, c.end, c.text))
    # a heading-only passage (a theme's title before its items) is not an item
    return [it for it in items if len(re.sub(r"\W", "", it.text)) >= 30]


# --- matching -----------------------------------------------------------------------------------

def _norm(s: str) -> str:
    s = FLAG_RE.sub("", s)
    s = re.sub(r"\d+(?:\.\d+)?", "", s)
    return re.sub(r"[^\u4e00-\u9fff]", "", s)


def _bigrams(s: str) -> set[str]:
    s = _norm(s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def wording(item: str, passage: str) -> float:
    """The share of the item's character bigrams that the passage uses."""
    a = _bigrams(item)
    return len(a & _bigrams(passage)) / max(1, len(a))


def sentences(text: str) -> list[str]:
    """A text's sentences and enumerated items of 8 or more characters."""
    return [x for x in re.split(r"(?<=[。；！？!?;])|[①-⑳]", text) if len(_norm(x)) >= 8]


def sentence_coverage(item: str, draft_sentences: list[set[str]]) -> float:
    """The share of the item's sentences that the draft says (a draft sentence uses half or more of
    a sentence's bigrams): 1 for an item taken whole, about a third for one of three sentences."""
    sents = sentences(item) or [item]
    hit = 0
    for x in sents:
        a = _bigrams(x)
        if a and max((len(a & d) / len(a) for d in draft_sentences), default=0.0) >= 0.5:
            hit += 1
    return hit / len(sents)


# the verbs and frames every plan item uses: they say nothing about which task it is
_FRAME = set("加强 推进 推动 全面 开展 提升 提高 持之以恒 深入 强化 完善 落实 扎实 着力 健全 深化 持续 进一步 "
             "积极 切实 不断 有效 工作 做好 抓好 集中 重点 领域 两个 三项 建立 构建 实施 组织 能力 水平 机制 体系".split())


def title_terms(item: "RefItem") -> list[str]:
    """The words that name an item's task: its heading (or first clause) without the plan's frame verbs."""
    import jieba

    head = re.sub(r"^[\s(（]*[一二三四五六七八九十\d①-⑳]+[)）.．、是]?", "", item.label)
    head = re.split(r"[。；：:，,、]|要(?:着力|切实|进一步)?", head)[0][:30]  # "X要着力…" names X
    return [w for w in dict.fromkeys(jieba.lcut(head)) if len(w) >= 2 and w not in _FRAME and re.match(r"[\u4e00-\u9fff]", w)]


def term_share(terms: list[str], passage: str) -> float:
    """Share of ``terms`` that occur in ``passage`` (0 if no terms)."""
    return sum(1 for t in terms if t in passage) / len(terms) if terms else 0.0


def status_of(meaning: float, said: float, named: float = 0.0) -> str:
    """已覆盖: the draft says most of the item, or a passage is as close as a copy, or a close passage
    names the item's task in the item's own words; 部分覆盖: some of it; 未覆盖: neither."""
    # the task-words route is for a paraphrase (nothing copied); a draft that copies a few of the
    # item's sentences and not the rest covers it in part
    paraphrase = said < PARTIAL_SAID and meaning >= NAMED_MEANING and named >= COVERED_NAMED
    if said >= COVERED_SAID or meaning >= COVERED_MEANING or paraphrase:
        return COVERED
    if said >= PARTIAL_SAID or meaning >= PARTIAL_MEANING:
        return PARTIAL
    return MISSING


def score_pairs(embedder, items: list[str], passages: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(meaning, wording) matrices, items × passages."""
    q = np.vstack([np.asarray(embedder.embed_query(t[:500]), dtype=np.float32) for t in items])
    p = np.asarray(embedder.embed_passages([t[:500] for t in passages]), dtype=np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True) + 1e-9
    p /= np.linalg.norm(p, axis=1, keepdims=True) + 1e-9
    meaning = q @ p.T
    words = np.array([[wording(t, s) for s in passages] for t in items], dtype=np.float32)
    return meaning, words


def check_passages(index, passages: list[str], docs: list[str], draft_name: str = "") -> CheckReport:
    """Which task items of the ``docs`` the draft passages cover, partly cover or miss."""
    metas = index.store.metas()
    unknown = [d for d in docs if d not in metas]
    if unknown:
        raise CheckError(f"索引中没有文件 {'、'.join(unknown)}（可用 planqa docs 查看文件编号）")
    chunks = [c for c in index.store.iter_chunks() if c.doc in set(docs)]
    items = [it for d in docs for it in reference_items([c for c in chunks if c.doc == d])]
    report = CheckReport(draft_name, list(docs))
    if not items:
        return report
    meaning, words = score_pairs(index.embedder, [it.text for it in items], passages)
    said_in = [_bigrams(x) for p in passages for x in (sentences(p) or [p])]
    for i, it in enumerate(items):
        j = int(np.argmax(meaning[i] + words[i]))  # the passage closest in meaning and wording
        said = sentence_coverage(it.text, said_in)
        m = float(meaning[i].max())
        terms = title_terms(it)
        close = [k for k in range(len(passages)) if meaning[i, k] >= NAMED_MEANING]
        named = max((term_share(terms, passages[k]) for k in close), default=0.0) if len(terms) >= 2 else 0.0
        status = status_of(m, said, named)
        report.items.append(ItemCoverage(it, status, said, m, float(words[i, j]),
                                         passages[j] if status != MISSING else ""))
    return report


def check_draft(index, path: str | Path, docs: list[str]) -> CheckReport:
    """Check a draft file against the task items of ``docs``."""
    return check_passages(index, read_draft(path), docs, str(path))

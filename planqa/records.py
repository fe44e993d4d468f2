"""The records that flow through the pipeline: document → section → chunk → passage → answer."""
from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class DocMeta:
    """What users filter on. ``year_from``/``year_to`` hold a single year or a plan period."""

    title: str
    region: str = ""
    year_from: int | None = None
    year_to: int | None = None
    doc_type: str = ""  # one of planqa.config.DOC_TYPES (法律, 地方性法规, 工作要点, 政府工作报告 …)
    issuer: str = ""  # "" when the text does not name it (never a guess)
    level: str = ""  # 国家 / 省级 / 市级 / 区县级, or ""
    version: str = ""  # "2024年修订", "2021年修正", "2011年" (the year it was made), or ""
    work: str = ""  # a law's own name, the same for every version of it (安全生产法), or ""
    dates: tuple[tuple[str, str], ...] = ()  # (event, ISO date) from the head: ("通过", "1996-10-29"), ("修正", …)
    from_file: tuple[str, ...] = ()  # fields taken from the file name because the text gives none
    status: str = ""  # 已废止 / 已失效 / 现行有效 … as the document's own record says, else "" (ingest/validity.py)
    repeals: tuple[str, ...] = ()  # instruments its text repeals by name ("《A》同时废止" → "A")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DocMeta":
        """From a stored row: rows written before a field existed get its default; unknown keys
        (a newer planqa's) are ignored; JSON lists become the tuples a frozen record needs."""
        known = {f for f in cls.__dataclass_fields__}
        kw = {k: v for k, v in d.items() if k in known}
        if "dates" in kw:
            kw["dates"] = tuple(tuple(x) for x in kw["dates"] or ())
        for key in ("from_file", "repeals"):
            if key in kw:
                kw[key] = tuple(kw[key] or ())
        return cls(**kw)

    @property
    def year(self) -> int | None:
        """The first year the document covers."""
        return self.year_from

    @property
    def period(self) -> str:
        """The years covered, as '2021–2025' or '2026' ('' if unknown)."""
        if self.year_from is None:
            return ""
        if self.year_to and self.year_to != self.year_from:
            return f"{self.year_from}–{self.year_to}"
        return str(self.year_from)

    def covers(self, year: int) -> bool:
        """Whether the document's years include ``year``."""
        if self.year_from is None:
            return False
        return self.year_from <= year <= (self.year_to or self.year_from)


# the fields a person may correct ('planqa docs set'); a correction wins over what was inferred
OVERRIDABLE = ("title", "region", "level", "doc_type", "year_from", "year_to", "issuer", "version")


def apply_override(meta: DocMeta, fields: dict[str, Any]) -> DocMeta:
    """``meta`` with the overridable fields of ``fields`` replaced."""
    return replace(meta, **{k: v for k, v in fields.items() if k in OVERRIDABLE})


@dataclass(frozen=True)
class Section:
    """One heading of the tree: ``marker`` like ``(二)``, ``title`` the heading text."""

    level: int
    marker: str
    title: str

    @property
    def label(self) -> str:
        """The heading as written: marker then title."""
        return f"{self.marker}{self.title}"


@dataclass(frozen=True)
class Block:
    """A paragraph of cleaned text placed under its section path (clean offsets)."""

    start: int
    end: int
    path: tuple[Section, ...]
    is_heading: bool = False


_ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇两\d]{1,8}条(?:之[一二三四五六七八九十]{1,3})?")


def article_in(section: str) -> str:
    """``第二章安全生产保障 > 第二十一条`` → ``第二十一条``; "" when no path element is an article."""
    for part in reversed(section.split(" > ")) if section else ():
        if _ARTICLE.fullmatch(part):
            return part
    return ""


def page_span(page_starts: tuple[int, ...] | list[int], start: int, end: int) -> tuple[int | None, int | None]:
    """The 1-based page of raw offset ``start`` and, when ``[start, end)`` runs onto a later page,
    that last page (else None); ``(None, None)`` for a file without pages (``page_starts`` empty:
    page n+1 begins at ``page_starts[n]``)."""
    if not page_starts:
        return None, None
    first = bisect.bisect_right(page_starts, start)
    last = bisect.bisect_right(page_starts, max(end - 1, start))
    return first, (last if last > first else None)


@dataclass
class Chunk:
    """The unit that is embedded, indexed and cited.

    ``start``/``end`` are offsets into the *raw* decoded source text; ``text`` is the cleaned
    passage. ``id`` is stable for a given document content and position.
    """

    id: str
    doc: str
    text: str
    start: int
    end: int
    section: str
    meta: DocMeta
    ordinal: int = 0
    top_section: str = ""
    article: str = ""  # a law's article the passage lies in ("第三条"); "" outside laws
    # PDFs: the page of ``start`` and, if the passage runs onto later pages, the last one; None
    # otherwise. Derived from the document's page starts (stored per document, not per chunk)
    page: int | None = None
    page_end: int | None = None

    def __post_init__(self) -> None:
        # the article is the section path's last 第X条 element: chunks read back from an index
        # (which stores the path) get it too
        if not self.article:
            self.article = article_in(self.section)

    def embed_text(self) -> str:
        """What the dense model sees: the passage with its document and section context."""
        head = self.meta.title
        if self.section:
            head += "｜" + self.section.split(" > ")[-1]
        return f"{head}\n{self.text}"

    def to_dict(self) -> dict[str, Any]:
        """The chunk and its metadata as a plain dict."""
        d = asdict(self)
        d["meta"] = asdict(self.meta)
        return d


@dataclass
class Passage:
    """A retrieved chunk with its score; serialises to the citation fields (README "Answers")."""

    chunk: Chunk
    score: float
    sources: dict[str, float] = field(default_factory=dict)  # per-retriever scores, for debugging

    def to_citation(self, n: int | None = None) -> dict[str, Any]:
        """The passage as a citation dict (doc, title, section, offsets...), numbered ``n``."""
        c = self.chunk
        out: dict[str, Any] = {}
        if n is not None:
            out["n"] = n
        out.update(
            doc=c.doc,
            title=c.meta.title,
            region=c.meta.region,
            year=c.meta.year,
            period=c.meta.period,
            doc_type=c.meta.doc_type,
            section=c.section,
            article=c.article,
            version=getattr(c.meta, "version", ""),
            text=c.text,
            start=c.start,
            end=c.end,
            page=c.page,
            page_end=c.page_end,
            score=round(float(self.score), 4),
        )
        return out


@dataclass
class Answer:
    question: str
    answer: str
    refused: bool
    citations: list[dict[str, Any]]
    nearest: list[dict[str, Any]] = field(default_factory=list)
    kind: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    reason: str = ""  # why the question was refused, when it names what the library lacks
    partial: bool = False  # the documents name the thing asked about without giving what was asked

    def to_dict(self) -> dict[str, Any]:
        """The answer as a plain dict (for JSON)."""
        return asdict(self)

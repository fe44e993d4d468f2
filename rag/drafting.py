"""First drafts of new plans from past ones, every item traced to the passages it came from.

The draft follows the genre's skeleton (一、总体要求 / 二、主要目标 / 三、重点工作 with (一) themes and
1. items). Each part is drawn only from sections of the same role in past plans (rag/section_roles.py):
the 总体要求 from guiding-idea sections, targets from target sections, tasks from task sections, so
that a plan's list of shortcomings (存在问题) never becomes a task. Each item is adapted to the new
region and year (rag/flags.py): everything tied to the source's place or time is marked
【待核实：…】. A source with lost characters is used only when no intact one has the item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.index import Index
from ingest.cleaning import LOST
from planqa.records import Chunk, DocMeta, Passage

from .flags import Target, drop_repeated_clauses, localize
from .retriever import HybridRetriever
from .section_roles import GUIDING, TARGET, TASK, section_role

# theme → (what to search for, what an item must mention); in the usual order of 重点工作
THEMES: list[tuple[str, str, str]] = [
    ("风险防控", "安全风险 隐患排查治理 双重预防 风险防控", r"风险|隐患"),
    ("安全生产专项整治", "安全生产专项整治 三年行动 重大隐患", r"专项整治|三年行动"),
    ("危险化学品", "危险化学品 危化品 化工园区 重大危险源", r"危险化学品|危化|化工"),
    ("燃气安全", "燃气安全 燃气管道 城镇燃气 排查整治", r"燃气"),
    ("防汛防台", "防汛防台 台风 暴雨 防汛", r"防汛|防台|台风|暴雨|洪涝|排涝"),
    ("森林防灭火", "森林防灭火 森林火灾 林区", r"森林|林区|林火"),
    ("自然灾害防治", "自然灾害 综合风险普查 防灾减灾救灾", r"自然灾害|防灾减灾|灾害"),
    ("应急预案", "应急预案 预案修订 演练", r"预案"),
    ("救援队伍", "应急救援队伍 社会应急力量 救援能力", r"救援队伍|应急力量|救援能力"),
    ("监管执法", "执法 监管执法 行政执法", r"执法"),
    ("基层基础", "基层 乡镇 网格 基层应急管理", r"基层|乡镇|网格"),
    ("数字化建设", "数字化 信息化 平台 智慧应急", r"数字|信息化|平台|智慧"),
    ("宣传培训", "宣传教育 培训 安全文化", r"宣传|培训|教育"),
    ("党建和队伍建设", "党建 党风廉政 干部队伍建设", r"党|干部"),
]
_CN = "一二三四五六七八九十"
_ITEM_PREFIX = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+是|[①-⑳])\s*")


def cn_number(n: int) -> str:
    """A number from 1 to 99 in Chinese numerals (一, 十二, 二十三)."""
    if n <= 10:
        return _CN[n - 1]
    if n < 20:
        return "十" + (_CN[n - 11] if n > 10 else "")
    return _CN[n // 10 - 1] + "十" + (_CN[n % 10 - 1] if n % 10 else "")


@dataclass
class SourceRef:
    doc: str
    title: str
    section: str
    start: int
    end: int


@dataclass
class DraftItem:
    title: str
    text: str
    sources: list[SourceRef]


@dataclass
class DraftSection:
    title: str
    items: list[DraftItem] = field(default_factory=list)
    intro: str = ""
    intro_sources: list[SourceRef] = field(default_factory=list)


@dataclass
class PlanDraft:
    title: str
    region: str
    year: int
    doc_type: str
    general: DraftSection
    targets: DraftSection
    themes: list[DraftSection]

    def sources(self) -> list[SourceRef]:
        """Every source once, in order of first use (the numbering of the source list)."""
        out: list[SourceRef] = []
        for s in [self.general, self.targets, *self.themes]:
            refs = list(s.intro_sources) + [r for it in s.items for r in it.sources]
            for r in refs:
                if not any((r.doc, r.start) == (o.doc, o.start) for o in out):
                    out.append(r)
        return out

    def ref_numbers(self, refs: list[SourceRef]) -> list[int]:
        """Footnote numbers of these sources in the draft's source list."""
        order = [(r.doc, r.start) for r in self.sources()]
        return sorted({order.index((r.doc, r.start)) + 1 for r in refs})

    def to_markdown(self) -> str:
        """The draft as Markdown, with footnotes to its sources."""
        def marks(refs: list[SourceRef]) -> str:
            return "".join(f"[^{n}]" for n in self.ref_numbers(refs))

        lines = [f"# {self.title}", "", "> 本稿由 planqa 根据已有规划文件自动生成，【待核实】处请按本地实际核定。", ""]
        lines += ["## 一、总体要求", "", self.general.intro + marks(self.general.intro_sources), ""]
        lines += ["## 二、主要目标", ""]
        for it in self.targets.items:
            lines += [f"{it.text}{marks(it.sources)}", ""]
        lines += ["## 三、重点工作", ""]
        n = 0
        for i, sec in enumerate(self.themes, 1):
            lines += [f"### ({cn_number(i)}){sec.title}", ""]
            for it in sec.items:
                n += 1
                lines += [f"{n}.{it.title}。{it.text}{marks(it.sources)}", ""]
        lines += ["---", "", "**来源**", ""]
        for k, r in enumerate(self.sources(), 1):
            lines.append(f"[^{k}]: 《{r.title}》 {r.section or '（正文）'}（{r.doc}:{r.start}-{r.end}）")
        return "\n".join(lines) + "\n"

    def to_page_markdown(self) -> str:
        """The Markdown for a page whose renderer has no footnotes (the web page): references as
        superscript numbers and the sources as a numbered list."""
        md = self.to_markdown()
        body, _, _ = md.partition("\n---\n")
        body = re.sub(r"((?:\[\^\d+\])+)", lambda m: "<sup>" + ",".join(re.findall(r"\d+", m.group(1))) + "</sup>", body)
        lines = [body.rstrip(), "", "---", "", "**来源**", ""]
        for k, r in enumerate(self.sources(), 1):
            lines.append(f"{k}. 《{r.title}》 {r.section or '（正文）'}（{r.doc}:{r.start}-{r.end}）")
        return "\n".join(lines) + "\n"

    def to_docx(self, path) -> None:
        """The draft in the national 公文 layout (rag/gongwen.py); sources as a numbered 来源 list."""
        from .gongwen import write_draft

        write_draft(self, path)


# --- adaptation ---------------------------------------------------------------------------------

def adapt(text: str, source: DocMeta, region: str, year: int, other_regions: list[str] | None = None) -> str:
    """Rewrite a source passage for the new plan (see rag/flags.py): the source's own region becomes
    the new one; places, times, figures and named local documents of the source are marked
    【待核实：…】. ``other_regions`` is accepted for compatibility: every place is known from the gazetteer."""
    return localize(text, source.region, (source.year_from, source.year_to), Target(region, year))


# verbs that open a plan's sentence: where a glued heading ends and its text begins
_GLUED_VERB = re.compile(r"扎实|整合|按照|根据|围绕|坚持|依托|结合|对接|构建|建立|建设一|推进|推动|加强|强化|完善|健全|加快|深化")


def _item_title_and_body(chunk: Chunk) -> tuple[str, str]:
    """"6.强化森林防灭火工作。贯彻落实…" → ("强化森林防灭火工作", "贯彻落实…").

    The parsed heading (the section path's leaf) names the item best; a passage that continues an
    item takes its item's heading.
    """
    text = chunk.text.strip()
    lines = [ln for ln in text.split("\n") if ln.strip()]
    # drop leading heading-only lines of parent sections
    while len(lines) > 1 and len(lines[0]) <= 30 and not re.search(r"[。；]", lines[0]):
        lines.pop(0)
    text = drop_repeated_clauses("".join(lines))
    starts_item = bool(_ITEM_PREFIX.match(text))
    text = _ITEM_PREFIX.sub("", text, count=1)
    leaf = _ITEM_PREFIX.sub("", chunk.section.split(" > ")[-1]) if chunk.section else ""
    if len(leaf) >= 20:
        # a heading cut at the length cap: a PDF scrape glued it to its first sentence
        # ("加强自然灾害综合风险普查和评估扎实开展自…"); the title ends where the first verb of the
        # text begins, else there is no title to take from it
        m = _GLUED_VERB.search(text, 8) if text.startswith(leaf[:8]) else None
        if m and m.start() <= 24:
            return text[:m.start()], text[m.start():]
        leaf = ""
    if leaf and text.startswith(leaf) and len(leaf) >= 4:
        return leaf.rstrip("，,"), text[len(leaf):].lstrip("。；：:，, ")
    if not starts_item and len(leaf) >= 4:
        return leaf.rstrip("，,"), text
    m = re.match(r"([^。；，,：:]{4,30})[。；：:]", text)
    if m:
        return m.group(1), _ITEM_PREFIX.sub("", text[m.end():].strip(), count=1)
    m = re.match(r"(.{4,18}?)(?:要|应|须|需)", text) or re.match(r"([^。；，,：:、]{4,20})[，,、]", text)
    return (m.group(1) if m else text[:14]), text


def _is_flat_table(text: str) -> bool:
    """An indicator table flattened into one line by a scrape ("序号指标名称单位指标属性…0.057元%预期性"):
    long, digit-laden, hardly a sentence break. Prose has a comma or stop every 40 characters or so."""
    t = re.sub(r"\s+", "", text)
    breaks = len(re.findall(r"[，,。；;：:、]", t))
    return len(t) >= 80 and breaks * 60 < len(t) and len(re.findall(r"\d", t)) >= 8


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"\W", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _similar(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / max(1, min(len(x), len(y)))


def _ref(c: Chunk) -> SourceRef:
    return SourceRef(c.doc, c.meta.title, c.section, c.start, c.end)


class Drafter:
    def __init__(self, index: Index, per_theme: int = 3, use_llm: bool | None = None,
                 sources: list[str] | None = None):
        self.index = index
        self.sources = set(sources) if sources else None  # draw only on these documents
        self.retriever = HybridRetriever(index)
        self.per_theme = per_theme
        self.use_llm = index.settings.llm_enabled if use_llm is None else use_llm
        self.llm_errors: list[str] = []
        self._roles: dict[str, str] = {}
        self._used_sections: set[tuple[str, str]] = set()  # sections one draft (or one search) has drawn on

    def role(self, c: Chunk) -> str:
        """A chunk's section role (rag/section_roles.py), cached."""
        r = self._roles.get(c.id)
        if r is None:
            r = self._roles[c.id] = section_role(c.section, c.text, c.meta.doc_type)
        return r

    def _polish(self, title: str, text: str) -> str:
        """With an LLM configured, fluent prose for an item; the extractive text on any failure."""
        if not self.use_llm:
            return text
        from .llm import LLMError, rewrite_item

        try:
            return rewrite_item(self.index.settings, title, text)
        except LLMError as e:
            self.llm_errors.append(str(e))
            return text

    def _themes(self, topics: list[str]) -> list[tuple[str, str, str]]:
        chosen: list[tuple[str, str, str]] = []
        for t in topics:
            t = t.strip()
            if not t:
                continue
            hit = next((th for th in THEMES if t in th[0] or th[0] in t or t in th[1]), None)
            entry = (hit[0], f"{t} {hit[1]}", hit[2]) if hit else (t, t, re.escape(t[:2]))
            if entry[0] not in [c[0] for c in chosen]:
                chosen.append(entry)
        for th in THEMES:
            if th[0] not in [c[0] for c in chosen]:
                chosen.append(th)
        return chosen

    def _items(self, query: str, must: str, used: list[str]) -> list[tuple[Chunk, str, str]]:
        """Best matching items of past plans: passages of task sections on the theme, distinct, from
        several documents. A passage with lost characters is used only when fewer than two intact
        ones have the theme (its gaps become 【待核实：原文缺字】)."""
        passages: list[Passage] = self.retriever.retrieve(query, k=24 if self.sources is None else 64)
        candidates: list[tuple[Chunk, str, str]] = []
        for p in passages:
            c = p.chunk
            if not c.section or self.role(c) != TASK or (self.sources is not None and c.doc not in self.sources):
                continue
            title, body = _item_title_and_body(c)
            if len(body) < 20 or not re.search(must, title + body) or body.startswith(("、", "，", ",")):
                continue
            candidates.append((c, title, body))
        picked: list[tuple[Chunk, str, str]] = []
        per_doc: dict[str, int] = {}
        for damaged in (False, True):
            if damaged and len(picked) >= min(2, self.per_theme):
                break
            for c, title, body in candidates:
                if (LOST in c.text) != damaged or len(picked) >= self.per_theme:
                    continue
                if any(_similar(body, u) > 0.5 for u in used):
                    continue
                if per_doc.get(c.doc, 0) >= 2 or (c.doc, c.section) in self._used_sections:
                    continue
                self._used_sections.add((c.doc, c.section))
                picked.append((c, title, body))
                per_doc[c.doc] = per_doc.get(c.doc, 0) + 1
                used.append(body)
        return picked

    def _by_role(self, role: str) -> list[Chunk]:
        return [c for c in self.index.store.iter_chunks() if self.role(c) == role and len(c.text) > 40
                and (self.sources is None or c.doc in self.sources)]

    def draft(self, region: str, year: int, topics: list[str] | None = None, doc_type: str = "工作要点",
              max_themes: int = 8) -> PlanDraft:
        """Draft a plan for ``region`` and ``year`` from the indexed documents; ValueError if unable."""
        if not region.strip():
            raise ValueError("起草需要指定地区（--region）")
        metas = self.index.store.metas()
        if not metas:
            raise ValueError("索引中没有文件，请先运行 'planqa ingest'")
        title = f"{region}{year}年应急管理{doc_type}（初稿）"

        def adapt_chunk(text: str, c: Chunk) -> str:
            return adapt(text, c.meta, region, year)

        general = DraftSection("总体要求")
        # the guiding idea: a plan of the same type first, an intact one, a paragraph not a chapter
        candidates = self._by_role(GUIDING)
        if candidates:
            c = max(candidates, key=lambda c: (LOST not in c.text, bool(c.section), c.meta.doc_type == doc_type,
                                               "思想为指导" in c.text, len(c.text) < 400, -c.ordinal))
            body = "".join(ln for ln in c.text.split("\n") if not re.fullmatch(r"\s*\S{0,4}(?:总体要求|指导思想)\S{0,2}\s*", ln))
            body = re.sub(r"^[^。]{0,30}?(?:总体要求|指导思想)(?:是)?[:：]?", "", _ITEM_PREFIX.sub("", body.strip()))
            general.intro = adapt_chunk(body, c)
            general.intro_sources = [_ref(c)]
        targets = DraftSection("主要目标")
        seen: list[str] = []
        per_doc: dict[str, int] = {}
        # measurable targets first, at most two from any one plan, intact text first
        pool = sorted(self._by_role(TARGET), key=lambda c: (LOST in c.text, c.meta.doc_type != doc_type,
                                                            not re.search(r"\d", c.text), c.doc, c.ordinal))
        for c in pool:
            if _is_flat_table(c.text):
                continue
            body = "".join(ln for ln in c.text.split("\n") if "主要目标" not in ln).strip()
            body = _ITEM_PREFIX.sub("", body)
            if not body or any(_similar(body, s) > 0.5 for s in seen) or per_doc.get(c.doc, 0) >= 2:
                continue
            per_doc[c.doc] = per_doc.get(c.doc, 0) + 1
            seen.append(body)
            targets.items.append(DraftItem("", adapt_chunk(body, c), [_ref(c)]))
            if len(targets.items) >= 4:
                break

        used: list[str] = []
        self._used_sections: set[tuple[str, str]] = set()
        themes: list[DraftSection] = []
        for name, query, must in self._themes(topics or [])[:max_themes]:
            sec = DraftSection(name)
            for c, t, body in self._items(query, must, used):
                title_a = adapt_chunk(t, c)
                sec.items.append(DraftItem(title_a, self._polish(title_a, adapt_chunk(body, c)), [_ref(c)]))
            if sec.items:
                themes.append(sec)
        return PlanDraft(title, region, year, doc_type, general, targets, themes)

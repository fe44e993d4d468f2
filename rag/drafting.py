"""First drafts of new plans from past ones, every item traced to the passages it came from.

The draft follows the genre's skeleton (一、总体要求 / 二、主要目标 / 三、重点工作 with (一) themes and
1. items). Each item is a past plan's item adapted to the new region and year: place names and
years of the source are replaced, numbers and dates become 【待核实：…】 for the drafter to set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.index import Index
from ingest.cleaning import LOST
from planqa.records import Chunk, DocMeta, Passage

from .query import REGION_ALIASES, region_names
from .retriever import HybridRetriever

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
_SESSION = re.compile(r"[一二三四五六七八九十]+届[一二三四五六七八九十]+[中次]全会|第[一二三四五六七八九十]+次党(?:代表大会|代会)")
# a run of two or more place names ending in 区/县, as in "浦东新区、黄浦区、松江区试点"
_DISTRICT_RUN = re.compile(r"(?:[\u4e00-\u9fff]{2}(?:新区|区|县)、)+[\u4e00-\u9fff]{2}(?:新区|区|县)")
_GENERIC_AREA = ("园区", "社区", "景区", "片区", "城区", "辖区", "山区", "林区", "灾区", "矿区", "街区", "校区", "功能区",
                 "保护区", "风险区", "先行区", "引领区", "新片区", "商务区", "示范区", "试验区", "开发区", "集聚区", "地区", "市区")

_CN = "一二三四五六七八九十"
_ITEM_PREFIX = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+是|[①-⑳])\s*")
_NUM_TARGET = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?\s*(?:%|‰|个|家|支|项|名|人|次|座|处|万|亿|米|公里|km|小时|天)(?:以上|以内|以下)?)"
    r"|(\d{1,2}月(?:\d{1,2}日)?(?:底)?前?)"
)
_YEAR = re.compile(r"(?<![\d.])(20\d{2})(?![\d.%‰个家名项支次万亿人])")


def cn_number(n: int) -> str:
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
        order = [(r.doc, r.start) for r in self.sources()]
        return sorted({order.index((r.doc, r.start)) + 1 for r in refs})

    def to_markdown(self) -> str:
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

    def to_docx(self, path) -> None:
        import docx
        from docx.shared import Pt

        d = docx.Document()
        style = d.styles["Normal"]
        style.font.size = Pt(11)

        def para(text: str, refs: list[SourceRef]) -> None:
            p = d.add_paragraph(text)
            for n in self.ref_numbers(refs):
                run = p.add_run(f"[{n}]")
                run.font.superscript = True

        d.add_heading(self.title, level=0)
        d.add_paragraph("本稿由 planqa 根据已有规划文件自动生成，【待核实】处请按本地实际核定。")
        d.add_heading("一、总体要求", level=1)
        para(self.general.intro, self.general.intro_sources)
        d.add_heading("二、主要目标", level=1)
        for it in self.targets.items:
            para(it.text, it.sources)
        d.add_heading("三、重点工作", level=1)
        n = 0
        for i, sec in enumerate(self.themes, 1):
            d.add_heading(f"({cn_number(i)}){sec.title}", level=2)
            for it in sec.items:
                n += 1
                para(f"{n}.{it.title}。{it.text}", it.sources)
        d.add_heading("来源", level=1)
        for k, r in enumerate(self.sources(), 1):
            d.add_paragraph(f"[{k}] 《{r.title}》 {r.section or '（正文）'}（{r.doc}:{r.start}-{r.end}）")
        d.save(str(path))


# --- adaptation ---------------------------------------------------------------------------------

def adapt(text: str, source: DocMeta, region: str, year: int, other_regions: list[str]) -> str:
    """Rewrite a source passage for the new plan: its places and years become the target's; numbers
    and dates are marked for the drafter to set."""
    out = text
    target_short = region[:-1] if len(region) > 2 and region[-1] in "市区县省" else region
    names = set(region_names(source)) | set(other_regions)
    for name in sorted(names, key=len, reverse=True):
        if not name or name in region or len(name) < 2 and not name.isascii():
            continue
        repl = region if name.endswith(("市", "区", "县", "省")) else target_short
        out = out.replace(name, repl)
    # anonymised "X市"/"X" and the generic 本市/我市 stay readable for any region
    out = re.sub(r"(?<![A-Za-z])X(?=市|高质量|应急|[^A-Za-z0-9])", target_short, out)
    delta = year - (source.year_from or year)

    def shift(m: re.Match[str]) -> str:
        y = int(m.group(1)) + delta
        return str(y) if y == year else f"【待核实：{y}】"

    out = _YEAR.sub(shift, out)

    def mark(m: re.Match[str]) -> str:
        return f"【待核实：{m.group(0)}】"

    out = _NUM_TARGET.sub(mark, out)
    # party sessions and the source's own districts belong to the source plan
    out = _SESSION.sub(mark, out)
    def districts(m: re.Match[str]) -> str:
        names = m.group(0).split("、")
        if any(n.endswith(_GENERIC_AREA) for n in names):
            return m.group(0)
        return "、".join(n if n in region else f"【待核实：{n}】" for n in names)

    out = _DISTRICT_RUN.sub(districts, out)
    for alias, full in REGION_ALIASES.items():
        if full in (source.region or "") and full not in region:
            out = re.sub(rf"{alias}(?=[\u4e00-\u9fff])", f"【待核实：{alias}】", out)
    # two places that became one ("X市政府和X市政府" in an anonymised source) are said once
    out = re.sub(rf"({re.escape(target_short)}[\u4e00-\u9fff]{{0,8}}?)(?:和|与|、)\1", r"\1", out)
    # characters the source lost are the drafter's to supply, never left as "□"
    return re.sub(f"{LOST}+", "【待核实：原文缺字】", out)


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
    text = "".join(lines)
    starts_item = bool(_ITEM_PREFIX.match(text))
    text = _ITEM_PREFIX.sub("", text, count=1)
    leaf = _ITEM_PREFIX.sub("", chunk.section.split(" > ")[-1]) if chunk.section else ""
    if len(leaf) >= 20:  # a heading cut at the length cap (glued in a PDF scrape) is no title
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


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"\W", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _similar(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / max(1, min(len(x), len(y)))


def _ref(c: Chunk) -> SourceRef:
    return SourceRef(c.doc, c.meta.title, c.section, c.start, c.end)


class Drafter:
    def __init__(self, index: Index, per_theme: int = 3, use_llm: bool | None = None):
        self.index = index
        self.retriever = HybridRetriever(index)
        self.per_theme = per_theme
        self.use_llm = index.settings.llm_enabled if use_llm is None else use_llm
        self.llm_errors: list[str] = []

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
        """Best matching items of past plans: item-level passages on the theme, distinct, several documents."""
        passages: list[Passage] = self.retriever.retrieve(query, k=16)
        picked: list[tuple[Chunk, str, str]] = []
        used_sections = getattr(self, "_used_sections", set())
        self._used_sections = used_sections
        per_doc: dict[str, int] = {}
        # a passage with lost characters is used only when no intact one is left
        passages = sorted(passages, key=lambda p: LOST in p.chunk.text)
        for p in passages:
            c = p.chunk
            if not c.section or "总体要求" in c.top_section or "主要目标" in c.top_section:
                continue
            title, body = _item_title_and_body(c)
            if len(body) < 20 or not re.search(must, title + body) or body.startswith(("、", "，", ",")):
                continue
            if any(_similar(body, u) > 0.5 for u in used):
                continue
            if per_doc.get(c.doc, 0) >= 2 or (c.doc, c.section) in used_sections:
                continue
            used_sections.add((c.doc, c.section))
            picked.append((c, title, body))
            per_doc[c.doc] = per_doc.get(c.doc, 0) + 1
            used.append(body)
            if len(picked) >= self.per_theme:
                break
        return picked

    def _section_text(self, key: str) -> list[Chunk]:
        out = []
        for c in self.index.store.iter_chunks():
            if key in c.top_section and len(c.text) > 40:
                out.append(c)
        return out

    def draft(self, region: str, year: int, topics: list[str] | None = None, doc_type: str = "工作要点",
              max_themes: int = 8) -> PlanDraft:
        if not region.strip():
            raise ValueError("a draft needs a region (地区)")
        metas = self.index.store.metas()
        if not metas:
            raise ValueError("the index is empty; run 'planqa ingest' first")
        others = sorted({n for m in metas.values() for n in region_names(m)}, key=len, reverse=True)
        title = f"{region}{year}年应急管理{doc_type}（初稿）"

        general = DraftSection("总体要求")
        candidates = self._section_text("总体要求")
        if candidates:
            c = max(candidates, key=lambda c: (c.meta.doc_type == doc_type, len(c.text) < 400, len(c.text)))
            body = _ITEM_PREFIX.sub("", "".join(ln for ln in c.text.split("\n") if "总体要求" not in ln))
            general.intro = adapt(body, c.meta, region, year, others)
            general.intro_sources = [_ref(c)]
        targets = DraftSection("主要目标")
        seen: list[str] = []
        per_doc: dict[str, int] = {}
        # measurable targets first, at most two from any one plan
        pool = sorted(self._section_text("主要目标"), key=lambda c: (not re.search(r"\d", c.text), c.doc, c.ordinal))
        for c in pool:
            body = "".join(ln for ln in c.text.split("\n") if "主要目标" not in ln).strip()
            if not body or any(_similar(body, s) > 0.5 for s in seen) or per_doc.get(c.doc, 0) >= 2:
                continue
            per_doc[c.doc] = per_doc.get(c.doc, 0) + 1
            seen.append(body)
            targets.items.append(DraftItem("", adapt(_ITEM_PREFIX.sub("", body), c.meta, region, year, others), [_ref(c)]))
            if len(targets.items) >= 4:
                break

        used: list[str] = []
        self._used_sections = set()
        themes: list[DraftSection] = []
        for name, query, must in self._themes(topics or [])[:max_themes]:
            sec = DraftSection(name)
            for c, t, body in self._items(query, must, used):
                title_a = adapt(t, c.meta, region, year, others)
                sec.items.append(DraftItem(title_a, self._polish(title_a, adapt(body, c.meta, region, year, others)),
                                           [_ref(c)]))
            if sec.items:
                themes.append(sec)
        return PlanDraft(title, region, year, doc_type, general, targets, themes)

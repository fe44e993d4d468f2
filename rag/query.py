"""Query understanding: filters read from the question, question kind, abbreviation expansion.

Regions are recognised against the indexed documents' own regions (a gazetteer that grows with
the corpus), plus common short forms (沪, 浙 …). "今年" means the year of that region's plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from planqa.records import DocMeta

from .retriever import Filters

ABBREVIATIONS = {
    "安委办": "安委会办公室",
    "安委会": "安全生产委员会",
    "减灾办": "减灾委员会办公室",
    "防汛办": "防汛防台指挥部办公室",
    "森防办": "森林防灭火指挥部办公室",
    "危化品": "危险化学品",
    "危化": "危险化学品",
    "安责险": "安全生产责任保险",
    "防汛防台": "防汛防台风",
    "三防": "防汛防台抗旱",
    "双重预防": "安全风险分级管控和隐患排查治理双重预防机制",
    "十四五": "“十四五”",
}

REGION_ALIASES = {"沪": "上海", "申城": "上海", "浙": "浙江", "苏": "江苏", "甬": "宁波", "杭": "杭州"}

_CN_YEAR = {"今年": 0, "本年度": 0, "明年": 1, "去年": -1}
_FIVE_YEAR = {"十三五": 2016, "十四五": 2021, "十五五": 2026}

KINDS = ("lead", "number", "deadline", "list", "compare", "section", "outline", "fact")

_KIND_PATTERNS = [
    ("compare", r"比较|对比|异同|区别|不同|分别|各自|哪些地区|哪几个(?:地区|地方|城市|区县)|各地"),
    ("lead", r"谁牵头|由谁|哪个部门|哪些部门|牵头单位|责任单位|谁负责|负责部门|牵头|主管部门|谁来"),
    ("deadline", r"何时|什么时候|哪年|截止|期限|之前完成|时间节点|多久"),
    ("number", r"多少|几个(?!方面|部分|领域)|几[项名家次支座处条所台套场倍]|比例|百分之|控制在|率是|数量|目标值|指标"),
    ("list", r"哪些|哪[两二三四五六七八九十\d]+[项个条种类大]|有什么|包括|包含|主要任务|措施有|内容|列举|几方面|几个方面|几个部分|几个领域"),
]

_SECTION_REF = re.compile(
    r"(第[一二三四五六七八九十\d]+[章节])|([一二三四五六七八九十]+、)|([(（][一二三四五六七八九十]+[)）])|(\d{1,2})[.．、]|(?<![\d.])第(\d{1,2})[条项]"
)


@dataclass
class ParsedQuery:
    text: str  # the question as asked
    search_text: str  # what retrieval sees: meta phrasing dropped, abbreviations expanded
    kind: str
    filters: Filters
    inferred: dict = field(default_factory=dict)  # what was read from the question, for display
    section_refs: list[str] = field(default_factory=list)
    compare_regions: list[str] = field(default_factory=list)
    core: str = ""  # the question without meta phrasing, unexpanded (for evidence terms)


def region_names(meta: DocMeta) -> list[str]:
    """Ways a question may name a document's region: 上海市崇明区 → 上海市崇明区, 崇明区, 崇明, 上海市, 上海."""
    r = meta.region
    if not r:
        return []
    names = {r}
    for part in re.findall(r"[\u4e00-\u9fffA-Z]+?[省市区县]", r):
        names.add(part)
        if len(part) > 2:
            names.add(part[:-1])
    return sorted(names, key=lambda n: (-len(n), n))  # longest first, ties in a fixed order


def _find_regions(q: str, metas: dict[str, DocMeta]) -> list[str]:
    for alias, full in REGION_ALIASES.items():
        if alias in q and full not in q:
            q = q.replace(alias, full)
    # every name of every document that the question uses, most specific first at each position:
    # "上海市崇明区" is one region, "上海和崇明" are two
    found = {(q.find(name), name) for m in metas.values() for name in region_names(m)
             if len(name) >= 2 and name in q}
    out: list[str] = []
    for _, name in sorted(found, key=lambda pn: (pn[0], -len(pn[1]), pn[1])):
        if not any(name in o or o in name for o in out):
            out.append(name)
    return out


_OUTLINE = re.compile(r"哪[几两二三四五六七八九十]+[个大项]?(?:方面|部分|章)|[几两二三四五六七八九十]+大(?:方面|部分)|分几章|框架|结构|目录|大纲")


def classify(q: str) -> str:
    if _SECTION_REF.search(q) and re.search(r"说了什么|讲了什么|内容|有哪些|哪些|包括|写了|规定|要求|是什么|是哪|指什么", q):
        return "section"
    if _OUTLINE.search(q) and re.search(r"要点|规划|计划|文件|预案|方案", q):
        return "outline"
    for kind, pat in _KIND_PATTERNS:
        if re.search(pat, q):
            return kind
    return "fact"


# phrases that say what the asker wants to do with the answer, not what it is about
_META = re.compile(
    r"(?:帮我|请|我想|我要)?(?:起草|撰写|编写|写)(?:一份|一下)?|可以|可(?=参考|借鉴)|参考|借鉴|已有(?:的)?表述|现有(?:的)?(?:计划|文件)?里?|"
    r"有哪些做法|哪些做法|的内容|工作内容|文件里|文件中|请问|一下"
)


def core_query(q: str) -> str:
    """The question without drafting/meta phrasing ("起草…可以参考哪些已有表述")."""
    core = _META.sub(" ", q)
    core = re.sub(r"\s+", " ", core).strip(" ，,。?？")
    return core if len(core) >= 2 else q


def expand(q: str) -> str:
    """Add the other form of each abbreviation the question uses, either way round
    (安责险 ↔ 安全生产责任保险): plans use both."""
    extra = [full for short, full in ABBREVIATIONS.items() if short in q and full not in q]
    extra += [short for short, full in ABBREVIATIONS.items() if full in q and short not in q and short not in extra
              and len(full) > len(short) + 1]
    return q + (" " + " ".join(extra) if extra else "")


def parse_query(question: str, metas: dict[str, DocMeta], region: str = "", year: int | None = None) -> ParsedQuery:
    q = question.strip()
    inferred: dict = {}
    regions = _find_regions(q, metas) if not region else [region]
    kind = classify(q)
    compare_regions: list[str] = []
    if not region and len(regions) == 1:
        region = regions[0]
        inferred["region"] = region
    elif len(regions) > 1:
        compare_regions = regions
        kind = "compare"
    if year is None:
        m = re.search(r"(20\d{2})\s*年", q)
        if m:
            year = int(m.group(1))
            inferred["year"] = year
        else:
            for word, delta in _CN_YEAR.items():
                if word in q and region:
                    years = [mm.year_from for mm in metas.values() if mm.year_from and any(region in n or n in region for n in region_names(mm))]
                    if years:
                        year = max(years) + delta
                        inferred["year"] = year
                    break
            for word, start in _FIVE_YEAR.items():
                if year is None and word in q:
                    year = start
                    inferred["year"] = year
    refs = [m.group(0) for m in _SECTION_REF.finditer(q)]
    return ParsedQuery(
        text=q,
        search_text=expand(core_query(q)),
        core=core_query(q),
        kind=kind,
        filters=Filters(region=region or "", year=year),
        inferred=inferred,
        section_refs=refs,
        compare_regions=compare_regions,
    )

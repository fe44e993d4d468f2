"""Query understanding: filters read from the question, question kind, abbreviation expansion.

Regions are recognised against the indexed documents' own regions and, for every other Chinese
place, against the gazetteer (planqa/gazetteer.py): a question about a place or year the library
holds no document for is recognised as such, not answered from another place's plan.
"今年" means the year of that region's plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from planqa.gazetteer import Mention, find_places
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
    "GDP": "生产总值",  # reports write 地区生产总值
}

# short names of laws as officials say them (a fact of usage, like 沪 for 上海); the full name is
# then looked for among the indexed documents' titles
LAW_SHORT_NAMES = {"安法": "安全生产法", "安全法": "安全生产法", "安生法": "安全生产法", "应对法": "突发事件应对法",
                   "突发法": "突发事件应对法", "防震法": "防震减灾法", "特设法": "特种设备安全法", "人防法": "人民防空法"}

REGION_ALIASES = {"沪": "上海", "申城": "上海", "浙": "浙江", "苏": "江苏", "甬": "宁波", "杭": "杭州"}

_CN_YEAR = {"今年": 0, "本年度": 0, "当年": 0, "那年": 0, "那一年": 0, "明年": 1, "去年": -1}
_FIVE_YEAR = {"十三五": 2016, "十四五": 2021, "十五五": 2026}

KINDS = ("lead", "number", "deadline", "list", "compare", "section", "outline", "fact")

_KIND_PATTERNS = [
    ("compare", r"比较|对比|异同|区别|不同|分别|各自|哪些地区|哪几个(?:地区|地方|城市|区县)|各地"),
    ("lead", r"谁牵头|由谁|哪个部门|哪些部门|牵头单位|责任单位|谁负责|负责部门|牵头|主管部门|谁来"),
    ("deadline", r"何时|什么时候|哪年|截止|期限|之前完成|时间节点|多久"),
    ("number", r"多少|(?<!哪)几个(?!方面|部分|领域)|(?<!哪)几[项名家次支座处条所台套场倍]|比例|百分之|控制在|率是|数量|目标值|指标"),
    ("list", r"哪些|哪[两二三四五六七八九十\d]+[项个条种类大]|有什么|包括|包含|主要任务|措施有|内容|列举|几方面|几个方面|几个部分|几个领域"),
]

_SECTION_REF = re.compile(
    r"(第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十])?)|(第[一二三四五六七八九十\d]+[章节])|([一二三四五六七八九十]+、)|([(（][一二三四五六七八九十]+[)）])|(\d{1,2})[.．、]|(?<![\d.])第(\d{1,2})[条项]"
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
    # what the question names that the library holds nothing for: {"region": "宁波市"} / {"year": 2019}
    # / {"document": "江苏省安全生产条例"}
    unknown: dict = field(default_factory=dict)
    documents: tuple[str, ...] = ()  # documents the question names ("安法", "《防洪法》"), one version each


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


def _with_aliases(q: str) -> str:
    """"沪今年…" → "上海市今年…": one-character 简称 written out, so they match documents' regions."""
    for m in reversed(find_places(q, abbreviations=True)):
        if len(m.surface) == 1:
            q = q[: m.start] + m.place.name + q[m.end:]
    for alias, full in REGION_ALIASES.items():  # 申城 and other multi-character nicknames
        if len(alias) > 1 and alias in q and full not in q:
            q = q.replace(alias, full)
    return q


def _find_regions(q: str, metas: dict[str, DocMeta]) -> list[str]:
    q = _with_aliases(q)
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


# a year in a question about a law's versions is a version, not a plan year
_VERSION_WORDS = re.compile(r"修订|修正|修改|版|施行|公布|颁布|通过|《")
# "2025年前", "到2025年": a target date inside a plan, not the year of the document asked about
_TARGET_BEFORE = re.compile(r"(?:到|至|截至|截止|于|在)\s*$")
_TARGET_AFTER = re.compile(r"^\s*(?:年底|年末|年前|年以前|年之前|年内完成)")


def document_year(q: str) -> int | None:
    """The year a question asks about ("2022年燃气…"), skipping target dates ("到2025年", "2025年底前")."""
    for m in re.finditer(r"((?:19|20)\d{2})\s*(?=年)", q):
        if _TARGET_BEFORE.search(q[max(0, m.start() - 3): m.start()]) or _TARGET_AFTER.match(q[m.end():]):
            continue
        return int(m.group(1))
    return None


def year_held(metas: dict[str, DocMeta], year: int, region: str = "") -> bool:
    """Does any document (of the region) cover the year? An annual plan or report also speaks of
    the year before it (its 回顾 part), so a 2026 report holds 2025."""
    from .retriever import region_matches

    for m in metas.values():
        if region and not region_matches(m, region):
            continue
        if m.covers(year) or m.covers(year + 1):
            return True
    return False


_COMPARE_CUE = re.compile(r"比较|对比|异同|区别|不同|分别|各自|[和与跟及、]")
# a place followed by a document's name is that document's region ("江苏省安全生产条例")
_DOC_NAME_AFTER = re.compile(r"^[\u4e00-\u9fff\d]{0,14}?(?:条例|办法|规定|政府工作报告|工作报告|工作要点|工作计划|规划|预案)")


def unknown_places(q: str, metas: dict[str, DocMeta], mentioned, also: list[Mention] | None = None) -> list[Mention]:
    """Places the question is about that no indexed document is from.

    A place inside a held region (浦东 in 上海) or named beside a held region is a topic of that
    region's documents; so is a place the documents' text mentions — unless the place names a
    document ("江苏省安全生产条例"), which then must be held itself.
    """
    from .retriever import region_matches

    held = [m.region for m in metas.values() if m.region]
    mentions = find_places(q, abbreviations=True, county_short=True)
    known = [m for m in mentions if any(region_matches(meta, m.place.name) for meta in metas.values())]
    out = []
    for m in mentions:
        p = m.place
        if m in known or any(r in (p.province, p.city) for r in held):
            continue
        if any(k.start <= m.start < k.end for k in known):
            continue
        names_doc = bool(_DOC_NAME_AFTER.match(q[m.end:]))
        if not names_doc and any(mentioned(f) for f in p.forms()):
            continue
        if not names_doc and known:
            if also is not None:  # "绍兴和宁波…": compared beside a held region
                also.append(m)
            continue
        out.append(m)
    return out


# words ending in 法 that are not the name of a law
_NOT_LAW = ("办法", "方法", "做法", "想法", "说法", "看法", "依法", "执法", "违法", "合法", "立法", "守法", "用法",
            "写法", "算法", "手法", "技法", "司法", "无法", "设法", "兵法")
_NAME_FLAGS = ("n", "v", "x", "j", "b", "l", "a")  # what a title's words are: no pronoun, particle or preposition
_ASKING = ("什么", "哪", "怎么", "如何", "是否", "吗")


def named_instruments(q: str) -> list[str]:
    """Names of laws and regulations a question uses ("安全生产法", "浙江省安全生产条例"): a word ending in
    法 or 条例 with the title words before it (jieba), or a 《》 title naming a law."""
    import jieba.posseg as pseg

    out = [m.group(1) for m in re.finditer(r"《([^》]{2,40}(?:法|条例))》", q)]
    toks = [(w.word, w.flag) for w in pseg.cut(re.sub(r"《[^》]*》", "，", q))]
    for i, (word, _) in enumerate(toks):
        if not word.endswith(("法", "条例")) or word.endswith(_NOT_LAW):
            continue
        j = i
        while j > 0 and toks[j - 1][1].startswith(_NAME_FLAGS) and not any(a in toks[j - 1][0] for a in _ASKING):
            j -= 1
        name = "".join(w for w, _ in toks[j:i + 1])
        if len(name) >= 3:
            out.append(name)
    return out


def _norm_name(name: str) -> str:
    """Names compared without 《》, 中华人民共和国, or the 省/市 of a place ("浙江安全生产条例")."""
    n = re.sub(r"[《》〈〉\s]|中华人民共和国", "", name)
    n = re.sub(r"\(.*?\)|（.*?）", "", n)
    return re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:省|市|自治区)(?=[\u4e00-\u9fff])", "", n)


def document_names(meta: DocMeta) -> set[str]:
    """Ways a question may name a document: its title and its work's name, normalised."""
    names = {_norm_name(meta.title)}
    work = getattr(meta, "work", "")
    if work:
        names.add(_norm_name(work))
    return {n for n in names if len(n) >= 3}


def _pick_version(docs: list[str], metas: dict[str, DocMeta], q: str) -> list[str]:
    """One version of a work: the one a year or "旧版" in the question names, else the newest (in force)."""
    by_work: dict[str, list[str]] = {}
    for d in docs:
        m = metas[d]
        by_work.setdefault(_norm_name(getattr(m, "work", "") or m.title), []).append(d)
    out = []
    for group in by_work.values():
        if len(group) == 1:
            out += group
            continue
        group.sort(key=lambda d: metas[d].year_from or 0)
        years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年?(?:版|修订|修正|的)?", q)]
        named = [d for d in group if metas[d].year_from in years
                 or any(str(y) in "".join(v for _, v in getattr(metas[d], "dates", ())) for y in years)]
        if named:
            out.append(named[-1])
        elif re.search(r"旧版|老版|原来|以前的?版|修订前|修改前", q):
            out.append(group[0])
        else:
            out.append(group[-1])
    return out


def find_documents(q: str, metas: dict[str, DocMeta]) -> tuple[list[str], str]:
    """Documents the question names, and the name of one it names that the library lacks ("")."""
    text = q
    for short, full in LAW_SHORT_NAMES.items():
        text = re.sub(rf"(?<![\u4e00-\u9fff]){short}|(?<=[按依据照在对])" + short, full, text)
    normq = _norm_name(text)
    hits: list[tuple[int, str, str]] = []  # (length, name, doc)
    for doc, meta in metas.items():
        for name in document_names(meta):
            if name in normq:
                hits.append((len(name), name, doc))
    docs: list[str] = []
    covered: list[str] = []
    for length, name, doc in sorted(hits, reverse=True):
        # "上海市实施《突发事件应对法》办法" names that document, not the law it implements
        if any(name in c and name != c for c in covered):
            continue
        covered.append(name)
        docs.append(doc)
    missing = ""
    for ref in named_instruments(text):
        core = _norm_name(ref)
        if any(core in c or c in core for c in covered):
            continue
        if not any(core in n for meta in metas.values() for n in document_names(meta)):
            missing = ref
            break
    return _pick_version(list(dict.fromkeys(docs)), metas, text), missing


def parse_query(question: str, metas: dict[str, DocMeta], region: str = "", year: int | None = None,
                mentioned=None) -> ParsedQuery:
    """The question understood. ``mentioned(term)`` tells whether any indexed passage contains a
    term; with it, places and years the library holds nothing for are reported in ``unknown``."""
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
    stated_year = None
    if year is None:
        stated_year = document_year(q)
        if stated_year:
            year = stated_year
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
    unknown: dict = {}
    documents, missing_doc = find_documents(q, metas)
    if documents:
        # the document named decides; its own region and year are not filters to relax
        if len(documents) == 1:
            if compare_regions:  # the regions were the document's own ("上海市实施《…》办法")
                kind = classify(q) if classify(q) != "compare" else "fact"
            compare_regions = []
        region = ""
        inferred.pop("region", None)
        if (stated_year and _VERSION_WORDS.search(q)) or len(documents) == 1:
            year = None
            inferred.pop("year", None)
        inferred["documents"] = [metas[d].title for d in documents]
    elif missing_doc and mentioned is not None:
        unknown["document"] = missing_doc
    if mentioned is not None and not documents and not unknown:
        beside: list[Mention] = []
        missing = unknown_places(q, metas, mentioned, beside)
        if beside and regions and _COMPARE_CUE.search(q):
            # a held region compared with one the library lacks: both get a line, the second says so
            compare_regions = list(dict.fromkeys((compare_regions or regions) + [m.place.full for m in beside]))
            kind, region = "compare", ""
            inferred.pop("region", None)
        if missing:
            unknown["region"] = missing[0].place.full
        elif stated_year and not _VERSION_WORDS.search(q) and not year_held(metas, stated_year, region):
            unknown["year"] = stated_year
            if region:
                unknown["region_of_year"] = region
    return ParsedQuery(
        text=q,
        search_text=expand(core_query(q)),
        core=core_query(q),
        kind=kind,
        filters=Filters(region=region or "", year=year, docs=tuple(documents)),
        inferred=inferred,
        section_refs=refs,
        compare_regions=compare_regions,
        unknown=unknown,
        documents=tuple(documents),
    )

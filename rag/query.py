"""Query understanding: filters read from the question, question kind, abbreviation expansion.

Regions are recognised against the indexed documents' own regions and, for every other Chinese
place, against the gazetteer (planqa/gazetteer.py): a question about a place or year the library
holds no document for is recognised as such, not answered from another place's plan.
"今年" means the year of that region's plan.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.metadata import name_body
from planqa.gazetteer import Mention, find_places, lookup
from planqa.records import DocMeta
from planqa.rules import (
    ACROSS_DOCUMENTS,
    ABBREVIATIONS, ASKING, OWN_RULE_FRAME, POINTED_DOCUMENT, ASKS, A_NOT_AB, PLAN_HAZARD, PLAN_TASK_VERBS, COMPARE_CUE, COORDINATED, DEFINITION_QUESTION, DEMONSTRATIVE_JI, EACH_ASKED, DOC_AS_TASK, DOC_NAME_AFTER, DOC_TASK_AFTER,
    FIVE_YEAR_START, FORMAL_VERSION, GENRE_OF_YEAR, KIND_PATTERNS, PERIOD_PLAN, LAW_SHORT_NAMES, LAY_TERMS, LOCAL_SENSE, META_PHRASING, NOT_LAW_NAMES,
    CLAUSE_ENDS_ASKING, FIGURE_ASKED, QUOTED_PLAN_ASKED, LOCAL_LAW_ASKED, OUTLINE_OF, OUTLINE_QUESTION, PENALTY_QUESTION, PERIOD_NOUN, PLACE_AS_FRAME, PLACE_OF_YEAR, QUESTION_CLAUSE_END, REGION_LIST_SEPARATOR,
    QUESTION_OPENING, REGION_ALIASES,
    RELATIVE_YEARS, SECTION_QUESTION, SECTION_REF, SHORT_YEAR, SOURCE_CLAUSE, SPOKEN_QUESTION_WORDS,
    STATE_COUNCIL_REPORT, TARGET_YEAR_AFTER, GENRE_TYPES, NAMED_GENRE, PARTNER_PLACE,
    TARGET_YEAR_BEFORE, TITLE_WORD_FLAGS, VERSION_COMPARE, VERSION_WORDS, Kind,
    LEVELS_SAID, PLACED_REGULATION, REFERRED_REGULATION, STATED_SUBJECT_TYPES,
)

from .retriever import Filters


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
    compare_docs: list[str] = field(default_factory=list)  # versions of a law, or named documents, compared
    # a later clause of a two-part question is read with the first ("…向谁报告？报告里得说清楚哪些信息？"):
    # the first clause's core, whose words count less than the clause's own
    context: str = ""
    answered: frozenset[str] = frozenset()  # sentences quoted for the question's earlier clauses


def region_names(meta: DocMeta) -> list[str]:
    """Ways a question may name a document's region: 上海市崇明区 → 上海市崇明区, 崇明区, 崇明, 上海市, 上海;
    广西壮族自治区 → 广西 (the gazetteer's short name)."""
    return list(_region_names(meta.region)) if meta.region else []


@functools.lru_cache(maxsize=1024)
def _region_names(r: str) -> tuple[str, ...]:
    names = {r}
    for part in re.findall(r"[\u4e00-\u9fffA-Z]+?(?:自治区|自治州|[省市区县])", r):
        names.add(part)
        if len(part) > 2 and not part.endswith(("自治区", "自治州")):
            names.add(part[:-1])
        names.update(p.short for p in lookup(part)[:1] if p.short and len(p.short) >= 2)
    return tuple(sorted(names, key=lambda n: (-len(n), n)))  # longest first, ties in a fixed order


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
    for at, name in sorted(found, key=lambda pn: (pn[0], -len(pn[1]), pn[1])):
        if out and partner_place(q, name):
            continue  # "崇明…跟南通有啥联动安排": the place it works with, not a second region asked about
        if not any(name in o or o in name for o in out):
            out.append(name)
    if not out:  # "浙江那份…": a province whose only held documents are of one place inside it names that place
        for m in find_places(q, abbreviations=True):
            if m.place.level == "province":
                inside = _held_inside(m.place.name, [meta.region for meta in metas.values()])
                if len(inside) == 1:
                    out.append(inside.pop())
    return out


def partner_place(q: str, name: str) -> bool:
    """Is the place named in the question as the partner of the region asked about ("跟南通…联动")?"""
    at = q.find(name)
    return at > 0 and bool(PARTNER_PLACE.match(q[at - 1] + "\x00" + q[at + len(name):]))


def _held_inside(province: str, regions: list[str]) -> set[str]:
    """The held regions below a province (南通市 for 江苏省), by the gazetteer."""
    return {r for r in regions if r and r != province
            and any(x.place.province == province for x in find_places(r)[:1])}


def written(q: str) -> str:
    """The question with spoken question words in their written form (啥时候 → 什么时候)."""
    for spoken, form in SPOKEN_QUESTION_WORDS.items():
        q = q.replace(spoken, form)
    return _indefinite_ji(DEMONSTRATIVE_JI.sub("些", q))


def _indefinite_ji(q: str) -> str:
    """"绍兴几个部门一块儿上门查企业，那个搞法叫啥？": before a later clause that asks, 几 says "several"
    (几个部门: some departments), it asks no number."""
    clauses = re.split(r"(?<=[，,])", q)
    if len(clauses) < 2 or not ASKS.search(clauses[-1].replace("几", "")):
        return q
    return "".join(c.replace("几", "些") for c in clauses[:-1]) + clauses[-1]


def classify(q: str) -> Kind:
    """The kind of a question: a named section, an outline, then the first kind pattern that matches."""
    q = written(q)
    if SECTION_REF.search(q) and SECTION_QUESTION.search(q):
        return Kind.SECTION
    # the document is what is divided ("这份要点分哪几个方面"), not a topic inside it
    # ("要点中,政企应急协同要在哪四个方面下功夫")
    if re.search(rf"(?:{OUTLINE_OF.pattern})[^，,。？?；;]{{0,6}}?(?:{OUTLINE_QUESTION.pattern})", q):
        return Kind.OUTLINE
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(q):
            return kind
    return Kind.FACT


# kinds whose answer is one text span: several clauses of such a question each get their own
MULTI_PART_KINDS = frozenset({Kind.FACT, Kind.LEAD, Kind.NUMBER, Kind.DEADLINE, Kind.LIST})


def question_parts(q: str) -> list[str]:
    """The clauses of a question that each ask something ("…由谁划定？危险区里禁止干什么？" → two);
    one clause (or none with a question word) gives a single part."""
    parts = [p.strip(" ，,。") for p in QUESTION_CLAUSE_END.split(q)]
    parts = [x for p in parts for x in _figure_clauses(p)]
    asking = [p for p in parts if len(p) >= 2 and ASKS.search(p) and not SOURCE_CLAUSE.match(p)]
    return asking if len(asking) >= 2 else [q]


def _figure_clauses(part: str) -> list[str]:
    """"…抽查了多少家企业，反馈了多少项问题": a comma between two figures asked ends the first question, as
    does one after a clause that ends in its question word ("网格化要覆盖多少，达标单位又得多少");
    the words before the first figure's clause stay with it (what both are asked of)."""
    segs = re.split(r"[，,]", part)
    out = [segs[0]]
    for seg in segs[1:]:
        if FIGURE_ASKED.search(seg) and FIGURE_ASKED.search(out[-1].rsplit("，", 1)[-1]) \
                or CLAUSE_ENDS_ASKING.search(out[-1]) and ASKS.search(seg):  # "…要覆盖多少，…又得多少"
            out.append(seg)
        else:
            out[-1] += "，" + seg
    return out


def inner_kind(q: str) -> Kind:
    """The kind a compare question asks of each compared part ("分别是什么时候" → deadline)."""
    kind = next((k for k, p in KIND_PATTERNS if k != Kind.COMPARE and p.search(written(q))), Kind.FACT)
    if kind in (Kind.FACT, Kind.LIST) and PERIOD_NOUN.search(q):  # "高火险期有什么不同": their dates
        return Kind.DEADLINE
    return kind


def core_query(q: str) -> str:
    """The question without drafting/meta phrasing ("起草…可以参考哪些已有表述")."""
    core = META_PHRASING.sub(" ", q)
    core = re.sub(r"\s+", " ", core).strip(" ，,。?？")
    return core if len(core) >= 2 else q


def expand(q: str) -> str:
    """Add the other form of each abbreviation the question uses, either way round
    (安责险 ↔ 安全生产责任保险): plans use both; and a definition question the words laws define with."""
    extra = [full for short, full in ABBREVIATIONS.items() if short in q and full not in q]
    said = LOCAL_SENSE.sub(" ", A_NOT_AB.sub(r"\1", q))  # (地方 of 地方性法规, 地方政府 is no place: no 场所 for it)
    extra += [form for lay, forms in LAY_TERMS.items() if lay in said for form in forms if form not in q]
    if PENALTY_QUESTION.search(q) and "罚款" not in q:
        extra.append("罚款")  # "怎么罚": laws impose penalties with 处…罚款 in their 法律责任 chapter
    if DEFINITION_QUESTION.search(q) and "所称" not in q:
        extra.append("所称 是指")  # "所说的X包括哪些": laws define their terms with 本法所称X，是指…
    extra += [short for short, full in ABBREVIATIONS.items() if full in q and short not in q and short not in extra
              and len(full) > len(short) + 1]
    extra = list(dict.fromkeys(extra))  # (危化品 and 危化 both name 危险化学品: once)
    return q + (" " + " ".join(extra) if extra else "")


def document_year(q: str) -> int | None:
    """The year a question asks about ("2022年燃气…"), skipping target dates ("到2025年", "2025年底前")."""
    for m in re.finditer(r"((?:19|20)\d{2})\s*(?=年)", q):
        if q[m.end():].startswith("年度"):  # "2020年度的…要点": the document's own year
            return int(m.group(1))
        if TARGET_YEAR_BEFORE.search(q[max(0, m.start() - 3): m.start()]) or TARGET_YEAR_AFTER.match(q[m.end():]):
            continue
        return int(m.group(1))
    return None


def _annual_genre(q: str) -> str:
    """"上海市应急管理局2021年工作要点": the annual document's genre the question names with its year
    (规划 and 预案 are also topics — "2020年推动应急预案数字化" — so they do not count)."""
    m = GENRE_OF_YEAR.search(q)
    return m.group(1) if m and m.group(1) in ("工作要点", "工作计划", "政府工作报告", "工作报告") else ""


def year_held(metas: dict[str, DocMeta], year: int, region: str = "", strict: bool = False, genre: str = "") -> bool:
    """Does any document (of the region) cover the year? An annual plan or report also speaks of
    the year before it (its 回顾 part), so a 2026 report holds 2025 — unless the question names the
    document of that year ("2025年政府工作报告": ``strict``, and only a document of that ``genre``).
    A region's year is held by its own documents first, as a search filters (上海2023年 is not held
    by 崇明's 2021–2025 plan while 上海市's own plans are of 2022)."""
    from .retriever import of_region

    for m in of_region(metas, region).values():
        if genre and genre not in m.title and genre not in m.doc_type:
            continue
        if m.covers(year) or (not strict and m.covers(year + 1)):
            return True
    return False


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
        if m in known:
            continue
        if any(r in (p.province, p.city) for r in held):
            # "西安市2026年政府工作报告": a place's own document is not its province's, which is held;
            # nor are "石家庄市…的地方性法规" (its own regulations) the province's report
            if (DOC_NAME_AFTER.match(q[m.end:]) or LOCAL_LAW_ASKED.search(q) and not known) \
                    and not any(k.start <= m.start < k.end for k in known):
                out.append(m)
            continue
        inside = _held_inside(p.name, held) if p.level == "province" else set()
        if len(inside) == 1:
            continue  # "江苏那份…": a province holding one held city's documents (南通) names that city
        if inside and not any(k.start <= m.start < k.end or k.place.province == p.name for k in known):
            # "江苏省安全生产的目标是什么" with 南京's and 南通's documents held: neither city speaks for the
            # province, and the question names neither — the province's own documents are not held
            if known and not DOC_NAME_AFTER.match(q[m.end:]):
                if also is not None:  # "今年苏和辽…各定了多少": compared beside a held region, its line says so
                    also.append(m)
                continue
            out.append(m)
            continue
        if any(k.start <= m.start < k.end for k in known):
            continue
        # ("西安市有没有…的地方性法规": its own regulations are asked, which a text naming it does not hold)
        names_doc = bool(DOC_NAME_AFTER.match(q[m.end:])) or bool(LOCAL_LAW_ASKED.search(q)) and not known
        asked_of = bool(PLACE_OF_YEAR.match(q[m.end:])) or bool(
            PLACE_AS_FRAME.match(q[m.end:]) and QUESTION_OPENING.match(q[:m.start]))
        if not names_doc and not asked_of and any(mentioned(f) for f in p.forms()):
            continue
        if not names_doc and known:
            if also is not None:  # "绍兴和宁波…": compared beside a held region
                also.append(m)
            continue
        out.append(m)
    return out


def named_instruments(q: str) -> list[str]:
    """Names of laws and regulations a question uses ("安全生产法", "浙江省安全生产条例"): a word ending in
    法 or 条例 with the title words before it (jieba), or a 《》 title naming a law."""
    import jieba.posseg as pseg

    out = [m.group(1) for m in re.finditer(r"《([^》]{2,40}(?:法|条例))》", q)]
    # "《上海市实施〈中华人民共和国气象法〉办法》": a measure implementing a law, named by its own title
    out += [m.group(1) for m in re.finditer(r"《([^》]{0,20}实施[^》]{2,30}(?:办法|规定|细则))》", q)]
    # "浙江省应急管理厅《2022年全省应急管理工作要点》给全省定的…": a plan or notice quoted by its title and
    # asked inside (里/中/给/规定…), as a law's name is
    out += [m.group(1) for m in QUOTED_PLAN_ASKED.finditer(q)]
    # "海上交通法里…": a locative after the name is no part of it (jieba reads 法里 as a place)
    q = re.sub(r"(法|条例)(?=[里中内])", r"\1，", q)
    toks = [(w.word, w.flag) for w in pseg.cut(re.sub(r"《[^》]*》", "，", q))]
    for i, (word, _) in enumerate(toks):
        plan = word.endswith("预案")  # "天津市地震应急预案": a contingency plan named by its place and hazard
        if not (word.endswith(("法", "条例")) or plan) or word.endswith(NOT_LAW_NAMES):
            continue
        j = i
        while j > 0 and toks[j - 1][1].startswith(TITLE_WORD_FLAGS) and not any(a in toks[j - 1][0] for a in ASKING) \
                and re.search(r"[\u4e00-\u9fff]", toks[j - 1][0]):  # punctuation is tagged x too
            j -= 1
        if i - j <= 1 and re.search(r"(?:咋|怎么|怎样|怎)个$", "".join(w for w, _ in toks[:j])):
            continue  # "咋个处理法", "怎么个罚法": the manner asked of a verb, not a law's name
        # a version word before the name is not part of it ("2007年版应对法", "现行安法", "新安全生产法":
        # the revised one; 新疆 is a place)
        name = re.sub(r"^(?:\d{2,4}年?)?(?:修订|修正)?(?:版|现行|旧版|新版|老版|新(?!疆)|旧)", "",
                      "".join(w for w, _ in toks[j:i + 1]))
        # "按放污法…": a preposition of reliance before the name is no part of it (no title begins so)
        name = re.sub(r"^(?:按照|依照|根据|依据|参照|对照|按|依|据)(?=[\u4e00-\u9fff]{3})", "", name)
        # "西安有没有自己的燃气安全管理条例": the question of whether the place has one is no part of the name
        frame = OWN_RULE_FRAME.search(name)
        if frame:
            name = name[:frame.start()] + name[frame.end():]
        if plan and not _names_a_plan(name):
            continue  # ("修订应急预案", "企业应急预案": plans of a kind, not one named)
        if len(name) >= 3:
            out.append(name)
    return out


def _pointed_unheld(q: str, metas: dict[str, DocMeta]) -> str:
    """"长三角那份重大突发事件总体应急预案里…": a plan or programme pointed at by its title words that no
    held document's title holds, even shortened (its topic's characters in order); "" otherwise. A
    plan that only mentions it ("联合研究编制…预案") cannot say what is inside it."""
    m = POINTED_DOCUMENT.search(q)
    if not m:
        return ""
    name = m.group(2).replace("“", "").replace("”", "")
    topic = _without_generic(name[: len(name) - len(m.group(3))],
                             frozenset({"总体", "专项", "部门", "全市", "全区", "全省", "十四五"}))
    if len(topic) < 4 or any(_in_order(topic, t) for meta in metas.values() for t in document_names(meta)):
        return ""
    owner = re.sub(r"^.*?(?:问|说|看|查|在|的)", "", m.group(1) or "")
    return f"{owner}{name}"


def _names_a_plan(name: str) -> bool:
    """"天津市地震应急预案": a place, then the hazard or event the plan is for (not "上海应急预案", the
    place's plans in general, nor "南通推动应急预案…", a task)."""
    import jieba.posseg as pseg

    first = next((m for m in find_places(name, abbreviations=True) if m.start == 0), None)
    if first is None:
        return False
    rest = name[first.end:]
    if any(w.flag.startswith("v") and (len(w.word) == 1 or w.word in PLAN_TASK_VERBS) for w in pseg.cut(rest)):
        return False
    return bool(PLAN_HAZARD.search(re.sub(r"(?:总体)?(?:应急)?预案$", "", rest)))


def document_parts(q: str, docs: list[str], metas: dict[str, DocMeta]) -> list[tuple[str, str]]:
    """"人影条例里用高炮作业和海上交通法里海上施工作业，分别找谁批": two named documents, each with its own
    thing asked about, are two questions — (document, the question asked of it alone), in the order
    named. [] when the documents share one topic ("A法和B法对X各是怎么规定的") or are not each named."""
    spots = []
    for name in named_instruments(q):
        at = q.find(name)
        found, _ = find_documents(name, metas)
        doc = next((d for d in found if d in docs), "")
        if at < 0 or not doc:
            continue
        start = at
        for k in (4, 3, 2, 1):  # "海上交通法": the title's words jieba left before the name
            if at >= k and q[at - k:at] in metas[doc].title:
                start = at - k
                break
        spots.append((start, at + len(name), doc))
    spots = sorted(set(spots))
    if len(spots) != len(docs) or len({d for _, _, d in spots}) != len(docs):
        return []
    ends = [spots[i + 1][0] for i in range(len(spots) - 1)]
    stop = re.search(r"[，,。？?；;]", q[spots[-1][1]:])
    ends.append(spots[-1][1] + stop.start() if stop else len(q))
    own = [re.sub(r"^[里中内的]|[和与及、，,]+$", "", q[e0:e1].strip()).strip()
           for (_, e0, _), e1 in zip(spots, ends)]
    if any(len(re.sub(r"[^\u4e00-\u9fff]", "", t)) < 2 for t in own):
        return []
    head = q[:spots[0][0]]
    tail = re.sub(r"分别|各自|各", "", q[ends[-1]:]).lstrip("，,")
    return [(doc, f"{head}{t}{tail}") for (_, _, doc), t in zip(spots, own)]


def topic_parts(q: str) -> list[str]:
    """"出了核事故和传染病暴发时，对外发布信息分别是谁的事": two things joined and asked of each, with no
    region or document to compare, are two questions — the question with one thing, then the other
    (分别/各 dropped). [] when nothing is joined and distributed."""
    m = COORDINATED.search(q)
    each = re.search(r"分别|各自|各(?=是|为|有|要)", q[m.start(2):]) if m else None
    if not each:
        return []
    second = m.group(2)[:each.start()]  # (the second thing ends where 分别/各 begins)
    rest = re.sub(r"分别|各自|各(?=是|为|有|要)", "", q[m.start(2) + len(second):])
    return [f"{q[:m.start()]}{part}{rest}" for part in (m.group(1), second) if len(part) >= 2] \
        if len(second) >= 2 else []


def _norm_name(name: str) -> str:
    """Names compared without 《》, 中华人民共和国, or the 省/市 of a place ("浙江安全生产条例")."""
    n = re.sub(r"[《》〈〉\s]|中华人民共和国", "", name)
    n = re.sub(r"\(.*?\)|（.*?）", "", n)
    return re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:省|市|自治区)(?=[\u4e00-\u9fff])", "", n)


@functools.lru_cache(maxsize=4096)
def document_names(meta: DocMeta) -> frozenset[str]:
    """Ways a question may name a document: its title and its work's name, normalised."""
    names = {_norm_name(meta.title)}
    work = getattr(meta, "work", "")
    if work:
        names.add(_norm_name(work))
    title = re.match(r"((?:19|20)\d{2}年)(政府工作报告)$", meta.title)
    if title and meta.region == "全国":  # "2024年全国政府工作报告": the national one, said with its scope
        names.add(f"{title.group(1)}全国{title.group(2)}")
    return frozenset(n for n in names if len(n) >= 3)


@functools.lru_cache(maxsize=4096)
def file_names(doc: str) -> frozenset[str]:
    """The name a file gives its document ("plan_南京市防汛预案(2020).md" → 南京防汛预案), normalised: people
    name a document as their library lists it, though its own heading may differ ("洪涝灾害预案"); none
    for a file named by a hash or a number."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", doc)
    stem = re.sub(r"^[A-Za-z]+_", "", stem)
    stem = re.sub(r"[(（][^()（）]*[)）]$", "", stem).strip()
    name = _norm_name(stem)
    return frozenset([name]) if len(re.findall(r"[\u4e00-\u9fff]", name)) >= 4 else frozenset()


def said_names(meta: DocMeta) -> list[str]:
    """How a question may write a document's name, issuer included ("按国务院《…》"), and its title
    without its place ("烟台和青岛的森林防火条例"): filters, never evidence or search words."""
    names = [meta.title, getattr(meta, "work", ""), meta.issuer]
    names.append(name_body(meta.title))  # (said without its trial mark)
    names += [meta.title.replace(n, "") for n in region_names(meta) if n and n in meta.title]
    names += title_tails(name_body(meta.title))  # ("那个联合调度管理办法": the end of its title)
    # and its short names ("安法" for 安全生产法)
    names += [short for short, full in LAW_SHORT_NAMES.items() if _norm_name(full) == _work_name(meta)]
    return [n for n in names if n]


def _work_name(meta: DocMeta) -> str:
    """The normalised name of the work a document is a version of (its title when no work is known)."""
    return _norm_name(getattr(meta, "work", "") or meta.title)


def versions_compared(docs: list[str], metas: dict[str, DocMeta], q: str) -> list[str]:
    """"北京市安全生产条例修订前后有什么变化": the versions of the one work the question names that it
    compares (those whose years it names, else all), oldest first; [] when it compares no versions."""
    works = {_work_name(metas[d]) for d in docs}
    if len(works) != 1 or not VERSION_COMPARE.search(q):
        return []
    work = works.pop()
    group = sorted((d for d, m in metas.items() if _work_name(m) == work),
                   key=lambda d: metas[d].year_from or 0)
    years = {int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年?", q)}
    named = [d for d in group if metas[d].year_from in years]
    chosen = named if len(named) >= 2 else group
    return chosen if len(chosen) >= 2 else []


def _pick_version(docs: list[str], metas: dict[str, DocMeta], q: str) -> list[str]:
    """One version of a work: the one a year or "旧版" in the question names, else the newest (in force)."""
    by_work: dict[str, list[str]] = {}
    for d in docs:
        by_work.setdefault(_work_name(metas[d]), []).append(d)
    out = []
    for group in by_work.values():
        if len(group) == 1:
            out += group
            continue
        group.sort(key=lambda d: metas[d].year_from or 0)
        years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年?(?:版|修订|修正|的)?", q)]
        # the version of that year; a later version's history also lists the year, so it comes second
        named = [d for d in group if metas[d].year_from in years] or [
            d for d in group if any(_dated(metas[d], y) for y in years)]
        if named:
            out.append(named[-1])
        elif re.search(r"旧版|老版|原来|以前的?版|修订前|修改前", q):
            out.append(group[0])
        else:
            out.append(group[-1])
    return out


def _occurrences(text: str, name: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(name), text)]


# (and counted: "内蒙古和广西两部安全生产条例", "两地的这两个条例")
_SHARED_TITLE = re.compile(r"(?:两地|两市|两省|两区|各自)?的?(?:(?:这|那)?[两二][部个份项])?"
                           r"《?([\u4e00-\u9fff]{2,16}?(?:条例|办法|规定|细则))》?")


def distribute_years(q: str) -> str:
    """"2024年和2022年的全国政府工作报告" names two documents: each year gets the title after them."""
    return re.sub(r"((?:19|20)\d{2}年)(?:和|与|及|、)((?:19|20)\d{2}年)的?([\u4e00-\u9fff]{0,6}(?:报告|要点|规划|计划))",
                  r"\1\3和\2\3", q)


def distribute_places(q: str) -> str:
    """"烟台和青岛的森林防火条例" names two documents: places joined by 和/与/、 share the title after
    them, so each place gets it ("烟台森林防火条例和青岛森林防火条例")."""
    places = find_places(q, abbreviations=False)
    for a, b in zip(places, places[1:]):
        if not re.fullmatch(r"和|与|及|跟|同|、", q[a.end:b.start]):
            continue
        m = _SHARED_TITLE.match(q, b.end)
        if m:
            title = m.group(1)
            return q[:a.start] + f"{a.surface}{title}和{b.surface}{title}" + q[m.end():]
    return q


def _in_order(short: str, name: str) -> bool:
    """Are the characters of ``short`` in ``name``, in order (搜救 in 搜寻救助)?"""
    it = iter(name)
    return all(c in it for c in short)


def abbreviated(core: str, metas: dict[str, DocMeta], q: str) -> list[str]:
    """The documents of the one work a shortened name stands for: a Chinese short name keeps
    characters of the full one in order (搜救 ← 搜寻救助, 安法 ← 安全生产法) and its ending (法, 条例).
    A place the question names narrows the candidates (documents of several works: ambiguous)."""
    stem = re.sub(r"(?:法|条例|预案)$", "", core)
    if len(stem) < 2 or stem == core:
        return []
    ending = core[len(stem):]
    # (an implementing measure, "广东省实施《消防法》办法", is not the law it implements)
    cands = [d for d, m in metas.items()
             if any(n.endswith(ending) and not n.endswith("办法") and "实施" not in n
                    and _in_order(stem, n[:-len(ending)]) for n in document_names(m))]
    # "气象条例" is 上海市气象条例 (its name without its place), before any longer name it shortens
    cands = [d for d in cands if core in _without_place(metas[d])] or cands
    placed = [d for d in cands if any(n and n in q for n in region_names(metas[d]))]
    if placed:
        return placed
    # "救助条例2018年那版": of several works, the one with a version of the year named
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", q)]
    dated = {_work_name(metas[d]) for d in cands if metas[d].year_from in years or any(_dated(metas[d], y) for y in years)}
    if dated:
        cands = [d for d in cands if _work_name(metas[d]) in dated]
    # one name, national and local ("气象灾害防御条例", 北京市气象灾害防御条例): the national one;
    # different names ("救助条例": 自然灾害救助条例, 上海市社会救助条例): ambiguous, all of them
    national = [d for d in cands if is_national(metas[d])]
    if national and all(_without_place(metas[d]) & _without_place(metas[national[0]]) for d in cands):
        return national
    return cands


_GENERIC_TITLE_WORDS = frozenset("管理 条例 办法 规定 实施 若干 安全 监督 工作 细则 中华人民共和国 应急".split())


def _without_generic(text: str, extra: frozenset[str] = frozenset()) -> str:
    """A title's words without the generic ones (longest first), what says its topic."""
    for w in sorted(_GENERIC_TITLE_WORDS | extra, key=len, reverse=True):
        text = text.replace(w, "")
    return text


def referred_regulations(q: str, metas: dict[str, DocMeta]) -> tuple[list[str], list[str]]:
    """Regulations a question names by level or place, with or without their topic ("省条例",
    "省燃气条例", "杭州市里那个条例"): the one work of that level or place whose topic the name or the
    question says (燃气 in the question: 浙江省燃气管理条例). Returns the documents and the level
    references said (they name no title, so they are never a missing document)."""
    from .retriever import _same_region

    laws = {d: m for d, m in metas.items() if m.doc_type in STATED_SUBJECT_TYPES}
    refs: list[tuple[list[str], str, str]] = []
    said = []
    for m in REFERRED_REGULATION.finditer(q):
        said.append(m.group(0))
        refs.append(([d for d, x in laws.items() if x.level == LEVELS_SAID[m.group(1)]], m.group(2), m.group(3)))
    for pm in find_places(q, abbreviations=True):
        a = PLACED_REGULATION.match(q, pm.end)
        if a:
            refs.append(([d for d, x in laws.items() if _same_region(x, pm.place.full)], a.group(1), a.group(2)))
            if not a.group(1):  # "杭州市里那个条例": no title said, only where to look
                said.append(q[pm.start:a.end()])
    out: list[str] = []
    pending = []
    for cands, topic, genre in refs:
        cands = [d for d in cands if metas[d].title.endswith(genre)]
        if topic:
            cands = [d for d in cands if _in_order(topic, metas[d].title)]
        else:  # the topic is the question's: a word of the title (its place and genre words aside)
            pending.append(cands)
            cands = [d for d in cands if any(b in q for b in char_bigrams(_topic(metas[d])))]
        if len({_work_name(metas[d]) for d in cands}) == 1:
            out += cands
    if out:  # "省里的条例和杭州的条例": references said together share the topic of the one resolved
        shared = {_topic(metas[d]) for d in out}
        for cands in pending:
            same = [d for d in cands if _topic(metas[d]) in shared]
            if len({_work_name(metas[d]) for d in same}) == 1:
                out += same
    return list(dict.fromkeys(out)), said


def _topic(meta: DocMeta) -> str:
    """A regulation's topic: its title without its place and its generic words ("浙江省燃气管理条例" → 燃气).
    (Plain string work: jieba's cuts change once the domain words are loaded.)"""
    return _without_generic(min(_without_place(meta), key=len))


def char_bigrams(text: str) -> set[str]:
    """The character pairs of a text (how titles and articles are compared without jieba)."""
    return {text[i:i + 2] for i in range(len(text) - 1)}


def shortened_names(q: str, metas: dict[str, DocMeta]) -> list[str]:
    """Short names in the question that stand for held documents ("救助条例", "气象条例") — where to
    look, not what to look for."""
    return [n for n in named_instruments(q) if abbreviated(_norm_name(n), metas, q)]


def _without_place(meta: DocMeta) -> set[str]:
    """The document's names with its place taken off the front ("上海市气象条例" → "气象条例")."""
    out = set()
    for n in document_names(meta):
        for r in sorted(region_names(meta), key=len, reverse=True):
            if r and n.startswith(r) and len(n) > len(r) + 1:
                out.add(n[len(r):])
                break
        else:
            out.add(n)
    return out


_ANNUAL_NAME = re.compile(r"^\s*的?\s*((?:19|20)\d{2})\s*年度?的?(?:应急管理)?(工作要点|工作计划|政府工作报告)")


def named_by_place_and_year(text: str, metas: dict[str, DocMeta]) -> list[str]:
    """"绍兴市2022年工作要点": an annual document named by its place, year and genre, though its title's
    words differ (绍兴市2022年应急管理工作要点); the one held document of that place, year and genre."""
    from .retriever import _same_region

    out = []
    for m in find_places(text, abbreviations=True):
        a = _ANNUAL_NAME.match(text[m.end:])
        if not a:
            continue
        year, genre = int(a.group(1)), a.group(2)
        cands = [d for d, meta in metas.items()
                 if meta.year == year and meta.doc_type == genre and _same_region(meta, m.place.full)]
        if len(cands) == 1:
            out.append(cands[0])
    return out


def find_documents(q: str, metas: dict[str, DocMeta]) -> tuple[list[str], str]:
    """Documents the question names, and the name of one it names that the library lacks ("")."""
    # "北京实施防震减灾法的规定": a title's 的 before 规定/办法 is often said, never written
    text = re.sub(r"(法|条例)》?的(规定|办法|细则)", r"\1\2", distribute_places(distribute_years(q)))
    for short, full in LAW_SHORT_NAMES.items():
        # (after a verb of reliance, or a version word: "按安法", "2007年版应对法", "现行安法")
        text = re.sub(rf"(?<![\u4e00-\u9fff]){short}|(?<=[按依据照在对版行旧新])" + short, full, text)
    normq = _norm_name(text)
    hits: list[tuple[int, str, str]] = []  # (length, name, doc)
    for doc, meta in metas.items():
        for name in document_names(meta) | file_names(doc):
            if name in normq:
                hits.append((len(name), name, doc))
    docs: list[str] = []
    covered: list[str] = []
    spans: list[tuple[int, int]] = []
    for length, name, doc in sorted(hits, reverse=True):
        # "上海市实施《突发事件应对法》办法" names that document, not the law it implements; a name
        # also written on its own ("国家《森林防火条例》和《广东省森林防火条例》") names its document too
        own = [i for i in _occurrences(normq, name) if not any(a <= i < b for a, b in spans)]
        if not own and any(name in c and name != c for c in covered):
            continue
        covered.append(name)
        spans += [(i, i + len(name)) for i in _occurrences(normq, name)]
        docs.append(doc)
    missing = ""
    referred, level_said = referred_regulations(text, metas)
    docs += [d for d in referred if d not in docs]
    for ref in named_instruments(text):
        core = _norm_name(ref)
        if any(core in _norm_name(x) or _norm_name(x) in core for x in level_said):
            continue  # "省条例": named by its level, not by a title the library may lack
        # (the law a held or missing implementing measure names inside its title is not that measure)
        implementing = "实施" in core and core.endswith(("办法", "规定", "细则"))
        if any(core in c or (c in core and not implementing) for c in covered):
            continue
        # "国务院排水条例": the State Council's regulation named by its issuer and topic
        # (or "国务院的建设工程安全条例": the issuer said before the name)
        by_council = (core.startswith("国务院") or re.search(rf"国务院的?《?{re.escape(ref)}", text) is not None) \
            and core.endswith("条例") and "关于" not in core
        short = abbreviated(core.removeprefix("国务院") if by_council else core, metas, q)
        if by_council:
            short = [d for d in short if is_national(metas[d])]
        place = _place_before(text, ref, [metas[d] for d in short]) if short else ""
        if place:  # "深圳的急救医疗条例" when only 广州's is held: 深圳's own, missing
            missing = f"{place}{core}"
            break
        if len({_work_name(metas[d]) for d in short}) == 1:  # "水上搜救条例": 上海市水上搜寻救助条例
            docs += short
            covered.append(core)
            continue
        if short:  # "防火条例" may be any of several: no document filter, and nothing missing
            continue
        # held only as itself: "消防法" is not held because 广东省实施《消防法》办法 is
        if not any(core == n for doc, meta in metas.items() for n in document_names(meta) | file_names(doc)):
            missing = ref
            break
    if missing and f"《{missing}》" in text:  # a law named only inside the missing measure's title is not asked
        at = text.find(f"《{missing}》")
        span = (at, at + len(missing) + 2)
        inside = {d: [span[0] <= i < span[1] for n in document_names(metas[d]) for i in _occurrences(text, n)]
                  for d in docs}
        docs = [d for d in docs if not inside[d] or not all(inside[d])]
    docs += [d for d in named_by_tail(normq, metas) or shortened_rule(normq, metas) or described_notice(normq, metas)
             if d not in docs]
    if not docs and not missing:
        missing = _pointed_unheld(text, metas)
    if docs:  # "上海市应急管理局2022年工作要点和绍兴市2022年工作要点": the second named by place and year
        docs += named_by_place_and_year(text, metas)
    docs = list(dict.fromkeys(docs))
    # "湖北省气象灾害防御条例": a national regulation's name right after a place names that place's own
    # regulation, which the library lacks (the national one is not it)
    # and a local one's name without its place, after another place ("新乡市的居民住宅区消防安全管理条例"
    # when only 南阳市's is held), names that other place's own, which the library lacks too
    ends = {m.end: m.surface for m in find_places(text, abbreviations=False)}
    for d in list(docs):
        meta = metas[d]
        own = region_names(meta)
        national = is_national(meta)
        names = document_names(meta) if national else _without_place(meta) - document_names(meta)
        for name in sorted(names, key=len, reverse=True):
            at = _occurrences(text, name)
            # (a place's own said with 的, "乌鲁木齐的突发公共卫生事件应急条例", is its own too)
            before = [re.sub(r"[《\s的]+$", "", re.sub(rf"(?:{OWN_RULE_FRAME.pattern})$", "", text[:i].rstrip("《 ")))
                      for i in at]
            if at and all(len(b) in ends and (national or not any(
                    n in ends[len(b)] or ends[len(b)] in n for n in own)) for b in before):
                # (every mention has a place just before it, and a local one's is not its own)
                docs.remove(d)
                place = ends[len(before[0])]
                # (unless the place's own is held: "上海有没有出台防汛条例" names 上海市防汛条例)
                held = next((x for x, m in metas.items() if _norm_name(place + name) in document_names(m)), None)
                if held:
                    docs.append(held)
                else:
                    missing = missing or f"{place}{name}"
            if at:
                break
    compared = versions_compared(docs, metas, text)
    lacking = _version_lacking(docs, metas, text) if docs and not compared else ""
    if lacking:
        return [], lacking
    return (compared or _pick_version(docs, metas, text)), missing


def title_tails(name: str) -> list[str]:
    """The ends of a rule's title (办法/规定/细则) a question may name it by, longest first
    ("长江流域控制性水工程联合调度管理办法" → …, "联合调度管理办法"): only those whose words say its
    topic (four characters beyond the generic ones: "安全生产管理规定" names none). An implementing
    measure is named by the law it implements, never so."""
    return list(_title_tails(_norm_name(name)))


@functools.lru_cache(maxsize=4096)  # (read for every held title on every question)
def _title_tails(name: str) -> tuple[str, ...]:
    if "实施" in name or not name.endswith(("办法", "规定", "细则")):
        return ()
    tails = (name[start:] for start in range(1, len(name) - 5))
    return tuple(t for t in tails if len(_without_generic(t.replace("的", ""))) >= 4)


_RULE_NAME_GENERIC = frozenset("生产 经营 单位 责任 主体".split())  # (generic in a rule's short name too)


def _rule_shortenings(normq: str, metas: dict[str, DocMeta]) -> dict[str, list[str]]:
    """Short forms of rules' titles in the question (see ``shortened_rule``), with their documents."""
    found: dict[str, list[str]] = {}
    for m in re.finditer(r"([\u4e00-\u9fff]{4,16}?)(办法|规定|细则)", normq):
        # (what comes before a demonstrative is not the name: "水利部那个降等报废办法")
        run, genre = re.sub(r"^.*(?:那个|这个|那份|这份|那部|这部)", "", m.group(1)), m.group(2)
        if len(run) < 4:
            continue
        for doc, meta in metas.items():
            for name in document_names(meta):
                if "实施" in name or not name.endswith(genre):
                    continue
                stem = next((run[i:] for i in range(len(run) - 3) if _in_order(run[i:], name[:-len(genre)])), "")
                if stem and _other_place_before(normq, m.end(1) - len(stem), meta):
                    continue  # ("海口市烟花爆竹燃放规定": 海口's own, not 三亚's)
                # ("安全生产管理规定", "安全生产责任规定" name no one rule)
                topic = _without_generic(stem, _RULE_NAME_GENERIC)
                if len(topic) >= 3 or len(topic) == 2 and len(stem) >= 6:  # ("安全评价办法": too little)
                    found.setdefault(stem + genre, []).append(doc)
    return found


def shortened_rule(normq: str, metas: dict[str, DocMeta]) -> list[str]:
    """"民航应急管理规定": a rule (办法/规定/细则) named by a short form of its title, characters of the full
    one kept in order (民航 ← 民用航空), four or more, two of them beyond the generic title words; the
    documents of the one work it can be. Only ever a held document: "八项规定" names none, and is no
    missing document either."""
    found = _rule_shortenings(normq, metas)
    if not found:
        return []
    docs = found[max(found, key=len)]
    return docs if len({_work_name(metas[d]) for d in docs}) == 1 else []


_NOTICE_GENRES = ("通知", "意见", "方案", "决定", "预案")


def _notice_descriptions(normq: str, metas: dict[str, DocMeta]) -> dict[str, list[str]]:
    """Notices and plans named by what they are about and their genre ("安委办那份明查暗访整改通知",
    "治本攻坚方案"): the words before the genre word share three or more character pairs with the
    title, half of their pairs at least; each such description with its documents."""
    found: dict[str, list[str]] = {}
    notices = {d: m for d, m in metas.items() if m.doc_type in ("规范性文件", "应急预案")}
    if not notices:
        return found
    for m in re.finditer(rf"([\u4e00-\u9fff]{{2,16}}?)({'|'.join(_NOTICE_GENRES)})", normq):
        run, genre = re.sub(r"^.*?(?:那份|这份|那个|这个|的)", "", m.group(1)), m.group(2)
        for doc, meta in notices.items():
            if genre not in meta.title:
                continue
            title = char_bigrams(meta.title)
            best = max((run[i:] for i in range(len(run) - 1)),
                       key=lambda x: (len(char_bigrams(x) & title), len(x)), default="")
            pairs = char_bigrams(best)
            shared = pairs & title
            # (not after another place: "重庆的突发性地质灾害应急预案" is 重庆's, not 天津's)
            if len(shared) >= 3 and len(shared) >= 0.5 * len(pairs) \
                    and not _other_place_before(normq, m.end(1) - len(best), meta):
                found.setdefault(best + genre, []).append(doc)
    return found


def described_notice(normq: str, metas: dict[str, DocMeta]) -> list[str]:
    """The one notice or plan the question describes (``_notice_descriptions``), else []."""
    found = _notice_descriptions(normq, metas)
    docs = sorted({d for ds in found.values() for d in ds})
    return docs if len(docs) == 1 else []


def said_rule_names(q: str, metas: dict[str, DocMeta], docs: list[str]) -> list[str]:
    """How the question shortened the names of these documents ("民航应急管理规定"): filters, not evidence."""
    said = {**_rule_shortenings(_norm_name(q), metas), **_notice_descriptions(_norm_name(q), metas)}
    return [n for n, ds in said.items() if set(ds) <= set(docs) and n in q]


def _other_place_before(text: str, at: int, meta: DocMeta) -> bool:
    """Is a place said right before ``at`` (its 的 between) that is not the document's own?"""
    own = region_names(meta)
    for m in find_places(text[:at], abbreviations=True):
        if re.fullmatch(r"[市省县区]?的?", text[m.end:at]) and not any(n and (n in m.surface or m.surface in n) for n in own):
            return True
    return False


def named_by_tail(normq: str, metas: dict[str, DocMeta]) -> list[str]:
    """"水利部那个联合调度管理办法": a rule named by the end of its title, its field words dropped, as
    people shorten titles; the documents of the one work whose title ends so."""
    found: dict[str, list[str]] = {}
    for doc, meta in metas.items():
        for name in document_names(meta):
            tail = next((t for t in _title_tails(_norm_name(name)) if t in normq), "")
            if tail and not _other_place_before(normq, normq.find(tail), meta):
                found.setdefault(tail, []).append(doc)
    if not found:
        return []
    docs = found[max(found, key=len)]
    return docs if len({_work_name(metas[d]) for d in docs}) == 1 else []


def _place_before(text: str, name: str, metas: list[DocMeta]) -> str:
    """The place said just before every mention of ``name`` ("广东省的安全生产条例", "深圳的水上搜救条例":
    with the title's words between, "深圳水上"), when it is the place of none of these documents; else ""."""
    mentions = find_places(text, abbreviations=False)

    def said_before(i: int) -> str:  # "深圳的水上搜救条例": the place, then 的 and the title's first words
        # (not the question of whether it has one: "西安有没有自己的燃气安全管理条例")
        return next((m.surface + re.sub(rf"^(?:{OWN_RULE_FRAME.pattern})", "", text[m.end:i].lstrip("《的"))
                     for m in reversed(mentions) if m.end <= i and i - m.end <= 8
                     and re.fullmatch(r"《?的?[\u4e00-\u9fff]*", text[m.end:i])
                     and not re.search(r"[和与及跟同对在、]", text[m.end:i])), "")
    places = {said_before(i) for i in _occurrences(text, name)}
    if len(places) != 1 or "" in places:
        return ""
    said = places.pop()  # the place and the title's words before the name ("深圳" + "水上")
    place = next(m.surface for m in mentions if said.startswith(m.surface))
    held = {n for m in metas for n in region_names(m)} | {"全国"}
    return "" if any(n in place or place in n for n in held) else said


def is_national(meta: DocMeta) -> bool:
    """A national law or regulation: its region is 全国, or none is known."""
    return not meta.region or meta.region == "全国"


def _version_lacking(docs: list[str], metas: dict[str, DocMeta], q: str) -> str:
    """"2022年修订的《上海市民防条例》" when only the 2018 version is held: the version asked for
    is missing (named so), rather than another version answering in its place."""
    m = re.search(r"((?:19|20)\d{2})\s*年?[^，,。？?《]{0,8}?(?:版|修订|修正|修改|公布|颁布)", q)
    if not m:
        return ""
    year = int(m.group(1))
    works = {_work_name(metas[d]) for d in docs}
    if len(works) != 1:
        return ""
    work = works.pop()
    held = any(mm.year_from == year or _dated(mm, year) for mm in metas.values() if _work_name(mm) == work)
    return "" if held else f"{metas[docs[0]].title}（{year}年版）"


def _dated(meta: DocMeta, year: int) -> bool:
    """Does the document's head date an event (通过, 修订, 修正…) of this version in that year? Its
    history ("1993年10月5日…公布" above a 2008 revision) dates earlier versions, not this one."""
    years = [int(v[:4]) for _, v in getattr(meta, "dates", ()) if v[:4].isdigit()]
    return bool(years) and year in years and year >= max(years) - 1


def _region_holds(metas: dict[str, DocMeta], region: str, doc_type: str) -> bool:
    """Does the library hold a document of this type for the region (山东省's 政府工作报告 beside its
    regulations)?"""
    from .retriever import _same_region

    return any(m.doc_type == doc_type and _same_region(m, region) for m in metas.values())


def _formal_version_unheld(q: str, documents: list[str], metas: dict[str, DocMeta]) -> tuple[str, str] | None:
    """"…管理办法去掉“试行”后的正式版": a trial or interim rule's formal version asked about, when the
    library holds only the trial one: (the formal version's name, the trial one's title), for the refusal."""
    if not FORMAL_VERSION.search(q):
        return None
    for d in documents:
        name = name_body(metas[d].title)
        if name == metas[d].title:
            continue  # (no trial mark)
        if not any(_norm_name(m.title) == _norm_name(name) and name_body(m.title) == m.title for m in metas.values()):
            return name, metas[d].title
    return None


def unheld_period_plan(pq: ParsedQuery, metas: dict[str, DocMeta], mentions: Callable[[list[str], str], bool]) -> str:
    """"绍兴市应急管理“十四五”规划里…": the period's own plan of the region, named as a document, when the
    library holds no plan of that region covering the period and none of the region's documents speaks
    of it (上海's 2022 要点 does: "推动落实…“十四五”规划及其4个分项规划" answers what it says of it): the
    plan's name, for the refusal; "" otherwise."""
    from .retriever import of_region

    named = PERIOD_PLAN.search(pq.text)
    region = pq.filters.region
    if not named or not region or pq.documents or pq.compare_regions or pq.unknown:
        return ""
    start = FIVE_YEAR_START[named.group(1)]
    own = of_region(metas, region)
    if not own or any(m.doc_type == "规划" and (m.year_from or 0) <= start + 4 and (m.year_to or m.year_from or 0) >= start
                      for m in own.values()) or mentions(list(own), named.group(1)):
        return ""
    place = next(iter(own.values())).region if len({m.region for m in own.values()}) == 1 else region
    return f"{place}“{named.group(1)}”规划"


def _named_genre(q: str, metas: dict[str, DocMeta]) -> str:
    """The type of document a question names by its genre's noun ("2022年报告里"), if the library holds one."""
    genre = NAMED_GENRE.search(q)
    doc_type = next((t for word, t in GENRE_TYPES.items() if genre and genre.group(1).endswith(word)), "")
    return doc_type if doc_type and any(m.doc_type == doc_type for m in metas.values()) else ""


def genre_by_region(q: str, regions: list[str], metas: dict[str, DocMeta]) -> dict[str, str]:
    """The document type each compared region is asked of: a genre named after one place and before the
    next ("崇明区规划和绍兴市2022年要点") is that place's document only, and the others are named by their
    place alone (a region says which document); one named before every place is each one's."""
    genre = NAMED_GENRE.search(q)
    doc_type = _named_genre(q, metas)
    if not genre or not doc_type:
        return {r: "" for r in regions}
    # (where each is said, by its name or its one-character short form: "沪2022年要点和X市2022年计划")
    said = [(m.start, m.place.full) for m in find_places(q, abbreviations=True)]
    at = {r: min([i for n in _region_names(r) if (i := q.find(n)) >= 0]
                 + [i for i, full in said if full == r or full in r], default=-1) for r in regions}
    before = [r for r in regions if 0 <= at[r] < genre.start()]
    if not before:
        return {r: doc_type for r in regions}
    owner = max(before, key=lambda r: at[r])
    return {r: doc_type if r == owner else "" for r in regions}


def caller_regions(region: str) -> list[str]:
    """The regions a caller's filter names: "上海市、绍兴市" (a gold line's or the page's list) is two."""
    return [r.strip() for r in REGION_LIST_SEPARATOR.split(region or "") if r.strip()]


def _caller_filters(q: str, metas: dict[str, DocMeta], region: str, year: int | None) -> tuple[dict, int | None]:
    """A filter the caller chose (page, --region, --year) names what the library must hold, as a
    question would: what it lacks (``unknown``), and the year to search instead when the asked one is
    held only by the next year's document looking back on it (绍兴's 2022 plan on 2021) — answered then
    only from what looks back, as when the question says the year."""
    from .retriever import region_matches

    chosen = caller_regions(region)
    for r in chosen:
        if not any(region_matches(m, r) for m in metas.values()):
            return {"region": r}, None
    if len(chosen) > 1:
        region = ""  # each region's year is checked as its compared part is answered
    # (a document named with its year, "2025年政府工作报告", must be that year's, as in a question)
    if year and not year_held(metas, year, region, strict=bool(GENRE_OF_YEAR.search(q)),
                              genre=_annual_genre(q) if region else ""):
        return {"year": year, **({"region_of_year": region} if region else {})}, None
    if year and not year_held(metas, year, region, strict=True):
        return {}, year + 1
    return {}, None



def _inferred_year(q: str, region: str, metas: dict[str, DocMeta], inferred: dict) -> int | None:
    """A year the question implies without stating it ("去年", "十三五期间"); notes how in ``inferred``."""
    for word, delta in RELATIVE_YEARS.items():
        if word in q and region:
            years = [mm.year_from for mm in metas.values() if mm.year_from and any(region in n or n in region for n in region_names(mm))]
            if years:
                inferred["year"] = max(years) + delta
                return inferred["year"]
            break
    for word, start in FIVE_YEAR_START.items():
        if word in q:
            inferred["year"] = start
            inferred["period"] = word  # a period named, not a year stated: a soft filter
            if not any(year_held(metas, y, region, strict=True) for y in range(start, start + 5)) \
                    and year_held(metas, start + 5, region, strict=True):
                # "十三五期间搭起了什么格局": the next period's plan opens with its review
                inferred["year"] = start + 5
                inferred["reviewed_period"] = word
            return inferred["year"]
    return None

def _places_within_across(q: str) -> bool:
    """Whether every place a "这几份里哪几份…" question names comes after the phrase that looks among
    the documents: they are then documents asked about among all ("除了沪还有谁", "南通那份有没有"),
    not a filter (a place before it, "上海这两份里哪份…", still chooses the documents)."""
    across = ACROSS_DOCUMENTS.search(q)
    return bool(across) and all(m.start >= across.start() for m in find_places(q, abbreviations=True))


def parse_query(question: str, metas: dict[str, DocMeta], region: str = "", year: int | None = None,
                mentioned=None) -> ParsedQuery:
    """The question understood. ``mentioned(term)`` tells whether any indexed passage contains a
    term; with it, places and years the library holds nothing for are reported in ``unknown``."""
    q = SHORT_YEAR.sub(lambda m: f"20{m.group(1)}年", question.strip())  # "22年" is how people say 2022年
    q = STATE_COUNCIL_REPORT.sub("全国", q)
    inferred: dict = {}
    asked_region, asked_year = region, year  # the caller's own filters (page, --region, --year)
    regions = _find_regions(q, metas) if not region else caller_regions(region)
    if regions and not region and _places_within_across(q):
        regions = []  # "这几份里除了沪还有谁提了", "…？南通和绍兴那两份有没有": every document is looked among
    if len(regions) > 1:
        region = ""  # several chosen ("上海市、绍兴市"): each is a compared part, as when the question names them
    kind = classify(q)
    compare_regions: list[str] = []
    if not region and len(regions) == 1:
        region = regions[0]
        inferred["region"] = region
    elif len(regions) > 1:
        compare_regions = regions
        kind = Kind.COMPARE
    stated_year = None
    if year is None:
        stated_year = document_year(q)
        if stated_year:
            year = stated_year
            inferred["year"] = year
        else:
            year = _inferred_year(q, region, metas, inferred)
    refs = [m.group(0) for m in SECTION_REF.finditer(q)]
    unknown: dict = {}
    documents, missing_doc = find_documents(q, metas)
    compare_docs: list[str] = []
    if len(documents) >= 2 and (versions_compared(list(documents), metas, q) or classify(q) == Kind.COMPARE
                                or EACH_ASKED.search(q)):  # "2024年和2022年的报告各安排了多少"
        # versions of one law, or two documents named and compared ("国家《森林防火条例》和《广东省…》")
        compare_docs, kind = list(documents), Kind.COMPARE
    if documents:
        # the document named decides; its own region and year are not filters to relax
        if len(documents) == 1 or compare_docs:
            if compare_regions:  # the regions were the document's own ("上海市实施《…》办法")
                kind = classify(q) if classify(q) != Kind.COMPARE else Kind.FACT
            compare_regions = []
        region = ""
        inferred.pop("region", None)
        if (stated_year and VERSION_WORDS.search(q)) or len(documents) == 1:
            year = None
            inferred.pop("year", None)
        if compare_docs:  # the versions are the compared parts; their years are not filters
            kind, year, compare_regions = Kind.COMPARE, None, []
            inferred.pop("year", None)
        inferred["documents"] = [metas[d].title for d in documents]
        formal = _formal_version_unheld(q, documents, metas)
        if formal and mentioned is not None:
            unknown.update(document=formal[0], held=formal[1])
    elif missing_doc and mentioned is not None and not (
            (DOC_AS_TASK.search(q[:max(q.find(missing_doc), 0)])
             or DOC_TASK_AFTER.match(q[q.find(missing_doc) + len(missing_doc):] if missing_doc in q else ""))
            and mentioned(missing_doc)):
        # a document a held plan will draft ("完善《…补偿工作办法》") is that plan's task, and the
        # question asks what the plan says of it; any other named document must be held itself
        unknown["document"] = missing_doc
    if not documents and not compare_regions and ACROSS_DOCUMENTS.search(q):
        kind = Kind.COMPARE  # "这五份材料里哪几份有提到…": each document looked among is a compared part
    if kind == Kind.COMPARE and not compare_regions and not compare_docs and (len(documents) == 1 or region):
        # "伏秋汛期和凌汛期分别是什么时候" in one document: both parts asked, nothing compared
        kind = inner_kind(q)
    if mentioned is not None and not documents and metas and (asked_region or asked_year):
        lacks, looked_back = _caller_filters(q, metas, asked_region, asked_year)
        unknown.update(lacks)
        if looked_back:
            year = inferred["year"] = looked_back
            inferred["reviewed_year"] = asked_year
    if mentioned is not None and not documents and not unknown:
        beside: list[Mention] = []
        missing = unknown_places(q, metas, mentioned, beside)
        if beside and regions and COMPARE_CUE.search(q):
            # a held region compared with one the library lacks: both get a line, the second says so
            compare_regions = list(dict.fromkeys((compare_regions or regions) + [m.place.full for m in beside]))
            kind, region = Kind.COMPARE, ""
            inferred.pop("region", None)
        if missing:
            unknown["region"] = missing[0].place.full
        elif stated_year and (not VERSION_WORDS.search(q) or GENRE_OF_YEAR.search(q)) and not year_held(
                metas, stated_year, region, strict=bool(GENRE_OF_YEAR.search(q)),
                genre=_annual_genre(q) if region else ""):
            unknown["year"] = stated_year
            if region:
                unknown["region_of_year"] = region
        elif stated_year and not year_held(metas, stated_year, region, strict=True):
            # "山东2025年GDP增长多少": the 2026 report's review of 2025 is where it is said
            year = stated_year + 1
            inferred["year"] = year
            inferred["reviewed_year"] = stated_year
    doc_type = "" if documents else _named_genre(q, metas)
    if doc_type and region and not _region_holds(metas, region, doc_type):
        doc_type = ""  # (a region says which document where it holds no document of that genre)
    inferred.update({"doc_type": doc_type} if doc_type else {})
    return ParsedQuery(
        text=q,
        search_text=expand(core_query(q)),
        core=core_query(q),
        kind=kind,
        filters=Filters(region=region or "", year=year, docs=tuple(documents), doc_type=doc_type),
        inferred=inferred,
        section_refs=refs,
        compare_regions=compare_regions,
        unknown=unknown,
        documents=tuple(documents),
        compare_docs=compare_docs,
    )

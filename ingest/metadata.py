"""Document metadata read from the document itself: title, type, region, level, year or period,
issuer, version and dates. Never invented: a field the text does not give stays empty ("未识别").

Three genres are told apart by their own conventions:

- laws and regulations: a title line ending in 法/条例/规定/办法/细则 and articles (第一条…); the
  lines under the title record who passed, approved, published and amended it and when
  ("2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议…修正");
- government work reports: a title line ending in 政府工作报告 (scrapes put a site menu of short
  lines before it), then "——2026年1月26日在广东省第十四届人民代表大会…会议上";
- plans and other documents (工作要点, 工作计划, 规划, 应急预案, notices): a title line naming the
  genre, or none at all (then the region, year and genre the text states).

Places come from the gazetteer (planqa/gazetteer.py), never from "X市"-shaped guesses; the only
exception is an anonymised place ("X市"), a convention of redacted documents. The file name is a
last resort (title and year only) and ``DocMeta.from_file`` says when it was used.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from planqa.gazetteer import LEVEL_NAMES, Place, find_places
from planqa.records import DocMeta

from .structure import numeral_value

NATIONAL = "全国"
NATIONAL_LEVEL = "国家"
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}

# --- laws and regulations ------------------------------------------------------------------
# the names legal instruments end with (《立法法》《规章制定程序条例》: 法 is made by the NPC,
# 条例 never by a ministry or a government as a 规章)
_LAW_ENDINGS = ("实施细则", "细则", "条例", "规定", "办法", "规则", "决定", "法")
_EVENTS = ("修订", "修正", "公布", "批准", "通过", "施行")  # a head line's event, strongest first
_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日")
_QUOTED = re.compile(r"《[^》]*》|〈[^〉]*〉|<[^>]*>")
_COUNCIL = re.compile(r"(?:第[一二三四五六七八九十]+届)?人民代表大会常务委员会")
_GOV_ORDER = re.compile(r"人民政府令")
_CONGRESS = re.compile(r"(?:第[一二三四五六七八九十]+届)?人民代表大会(?!常务委员会)")  # a full session (自治条例…)
_DEPT_ORDER = re.compile(r"(?:中华人民共和国)?((?:国家)?[\u4e00-\u9fff]{2,14}?(?:部|总局|委员会|局|署|办公厅))令第")

# --- plans and other documents -------------------------------------------------------------
# words a plan's title line names its genre with, and the type each means
_PLAN_WORDS = (("政府工作报告", "政府工作报告"), ("预案", "应急预案"), ("工作要点", "工作要点"),
               ("工作计划", "工作计划"), ("规划", "规划"), ("实施方案", "规范性文件"), ("方案", "规范性文件"),
               ("意见", "规范性文件"), ("通知", "规范性文件"))
_PLAN_TYPES = ("工作要点", "工作计划", "规划")
_ORGANS = ("人民政府", "办公厅", "办公室", "委员会", "部", "总局", "局", "厅", "委", "署", "中心", "指挥部")
_ANON_PLACE = re.compile(r"(?<![A-Za-z])[A-ZＸ]{1,2}(?:市|县|区)")  # "X市": a redacted document's place


# === the head of a document =================================================================
def _lines(text: str, n: int) -> list[str]:
    return [ln.strip() for ln in text.split("\n")[: n * 3] if ln.strip()][:n]


def clean_title(title: str) -> tuple[str, str]:
    """《中华人民共和国防洪法》（2016年修正） → (中华人民共和国防洪法, 2016年修正): 《》 around the whole
    name, a trailing date and trailing parentheses go; what the parentheses said is returned."""
    t, said = title.strip(), []
    while True:
        m = re.search(r"[（(]([^（()）]*)[)）]\s*$", t) or re.search(r"[\s_]*(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$", t)
        if not m or m.start() == 0:
            break
        said.insert(0, m.group(1))
        t = t[: m.start()].rstrip()
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        t = t[1:-1]
    return t.strip(), " ".join(said)


def law_title_at(text: str) -> int | None:
    """Index (in ``text.split("\n")``) of a law's title line: the first line, or the first line
    after an order that publishes it ("中华人民共和国国务院令 第708号 …现予公布… 煤矿安全生产条例")."""
    seen = 0
    for i, ln in enumerate(text.split("\n")[:80]):
        s = ln.strip().lstrip("#").strip()
        if not s:
            continue
        title, _ = clean_title(s)
        if 2 <= len(title) <= 60 and title.endswith(_LAW_ENDINGS) and not re.search(r"[。，,；;：:！？]", title):
            return i
        seen += 1
        if seen >= 15:
            break
    return None


def law_head(text: str, at: int = 0) -> list[str]:
    """The lines around a law's title that are not its body: the order that published it (before
    the title) and who passed, approved, published and amended it, and when (after the title)."""
    lines = text.split("\n")
    out = [ln.strip() for ln in lines[:at] if ln.strip()]
    for ln in lines[at + 1: at + 60]:
        s = ln.strip()
        if not s:
            continue
        if s.startswith(("<!--", "#", "目录", "目 录")) or re.match(r"^第[一二三四五六七八九十百零〇\d]+[章节条编]", s):
            break
        out.append(s)
        if sum(map(len, out)) > 3000:
            break
    return out


def _iso(m: re.Match[str]) -> str:
    y = int(m.group(1)) if m.group(1).isdigit() else numeral_value(m.group(1))
    mo = int(m.group(2)) if m.group(2).isdigit() else numeral_value(m.group(2))
    d = int(m.group(3)) if m.group(3).isdigit() else numeral_value(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if y and mo and d else ""


def head_events(lines: list[str]) -> list[tuple[str, str, str]]:
    """(event, ISO date, the words that said it) for each dated statement in a law's head.

    One line may hold several ("…修订根据2017年11月30日…第一次修正"): each date starts a statement.
    Names of other instruments (《关于修改…的决定》) are left out before the event is read, so
    "通过的《关于修改〈X〉的决定》修正" is a 修正 and "修订通过" a 修订."""
    out: list[tuple[str, str, str]] = []
    joined = "\n".join(lines)
    dates = list(_DATE.finditer(joined))
    ordered = False  # an order ("…通过，现予公布") is published on the date it is signed
    for i, m in enumerate(dates):
        end = dates[i + 1].start() if i + 1 < len(dates) else len(joined)
        said = joined[m.end():end]
        bare = _QUOTED.sub("", said).replace("发布", "公布")
        ordered = ordered or "现予公布" in bare
        bare = bare.replace("现予公布", "")
        kind = next((e for e in _EVENTS if e in bare), "")
        if not kind and ordered and not said.split("\n")[0].strip():
            kind = "公布"  # the date alone on its line under the signature
        iso = _iso(m)
        if kind and iso and all((kind, iso) != (k, d) for k, d, _ in out):
            out.append((kind, iso, said))
    return out


def law_issuer(events: list[tuple[str, str, str]], head: list[str]) -> str:
    """The body that made the instrument: the one that published it, else the one that passed it
    (a city's regulation is passed by its own 人大常委会 and only approved by the province's)."""
    order = {"公布": 0, "通过": 1, "修订": 2, "修正": 2, "施行": 3, "批准": 4}
    statements = [s for _, _, s in sorted(events, key=lambda e: order.get(e[0], 5))]
    # then the whole head: an order names the body before the date ("…常务委员会第十次会议于2024年6月28日修订通过")
    for s in statements + head:
        who = _body(_QUOTED.sub("", s))
        if who:
            return who
    return ""


def _body(s: str) -> str:
    if "全国人民代表大会常务委员会" in s:
        return "全国人民代表大会常务委员会"
    if "全国人民代表大会" in s:
        return "全国人民代表大会"
    if "国务院" in s and "中央军事委员会令" in s:
        return "国务院、中央军事委员会"
    if re.search(r"国务院(?:令|第\S{1,6}次常务会议|公布|批准|常务会议)", s):
        return "国务院"
    for pattern, suffix in ((_COUNCIL, "人民代表大会常务委员会"), (_GOV_ORDER, "人民政府"), (_CONGRESS, "人民代表大会")):
        for m in pattern.finditer(s):
            # the body is the place named right before it: "青岛市第十三届人民代表大会常务委员会"
            before = [p for p in find_places(s[max(0, m.start() - 12): m.start()]) if p.end == min(12, m.start())]
            if before:
                return before[-1].place.name + suffix
    m = _DEPT_ORDER.search(s)
    if m and "国务院" not in m.group(1):
        return m.group(1)
    return ""


def law_type(title: str, issuer: str, head: list[str], local: bool) -> str:
    """A law's type (法律, 行政法规, 地方性法规...) from its title, issuer and head lines."""
    approved_by_council = any("国务院批准" in s or "国务院令" in s for s in head)
    if title.endswith("法") and not title.endswith("办法"):
        return "法律"
    if issuer.startswith("全国人民代表大会"):
        return "法律"
    if issuer.startswith("国务院") or approved_by_council:
        return "行政法规"
    if "人民代表大会" in issuer:
        return "地方性法规"
    if issuer.endswith("人民政府") or issuer:  # 人民政府令 or a ministry's 令: a 规章
        return "规章"
    if any("人民代表大会" in s and "全国人民代表大会" not in s for s in head):
        return "地方性法规"  # a local congress whose place the gazetteer does not know
    if title.endswith("条例"):
        # no head lines: a 条例 is a regulation; a local one always starts with its place's name
        return "地方性法规" if local else "行政法规"
    if title.startswith("国务院"):
        return "行政法规"
    return ""


def law_version(events: list[tuple[str, str, str]], said: str) -> tuple[str, int | None]:
    """("2024年修订", 2024) from the latest amendment; ("2011年", 2011) when the text only says when
    it was published (or approved, or passed)."""
    for kinds in (("修订", "修正"), ("公布",), ("批准",), ("通过",)):
        hits = sorted((iso, kind) for kind, iso, _ in events if kind in kinds)
        if hits:
            iso, kind = hits[-1]
            year = int(iso[:4])
            return (f"{year}年{kind}" if kind in ("修订", "修正") else f"{year}年"), year
    m = re.search(r"(\d{4})年(修订|修正)", said)  # "中华人民共和国突发事件应对法（2024年修订）"
    if m:
        return m.group(0), int(m.group(1))
    return "", None


def law_meta(text: str, name: str = "") -> DocMeta:
    """Metadata of a law: title, issuer, place, type and dates from its head lines."""
    at = law_title_at(text) or 0
    title, said = clean_title(text.split("\n")[at].strip().lstrip("#").strip())
    head = law_head(text, at)
    events = head_events(([said] if said else []) + head)
    issuer = law_issuer(events, head)
    work = re.sub(r"^中华人民共和国", "", title)
    place = _first_place(title) or _first_place(issuer)
    doc_type = law_type(title, issuer, head, local=place is not None)
    # national: made by the NPC or the State Council, or a ministry's rule (an issuer with no place)
    national = (doc_type in ("法律", "行政法规") or title.startswith(("中华人民共和国", "国务院"))
                or bool(issuer and not _place_in(issuer)))
    version, year = law_version(events, said)
    from_file: tuple[str, ...] = ()
    named = _date_in_name(name)
    if named and all(named[:4] > iso[:4] for _, iso, _ in events):
        # a version date in the file name ("…条例(2014-07-29).md") in a later year than anything
        # the head records: an amendment the head does not list (a date later in the same year is
        # that version's publication or approval). Its year, not what kind of change it was.
        year = int(named[:4])
        version, from_file = f"{year}年", ("year", "version")
    elif year is None and name:
        year = _year_in_name(name)
        from_file = ("year",) if year else ()
    if national:
        region, level = NATIONAL, NATIONAL_LEVEL
    elif place is not None:
        region, level = place.full, LEVEL_NAMES[place.level]
    else:
        region, level = "", ""
    return DocMeta(
        title=title, region=region, year_from=year, year_to=year, doc_type=doc_type or "其他", issuer=issuer,
        level=level, version=version, work=work, dates=tuple((k, d) for k, d, _ in events), from_file=from_file,
    )


def is_law(text: str) -> bool:
    """Whether the text is a law: a law's title, then articles or adoption events."""
    at = law_title_at(text)
    if at is None:
        return False
    return bool(re.search(r"(?m)^\s*第一条", text[:20000])) or any(
        k in ("通过", "公布", "修订", "修正") for k, _, _ in head_events(law_head(text, at)))


# === government work reports ================================================================
def _report_title(line: str) -> str:
    """The title in a line: "2026年江苏省政府工作报告（全文）" → 2026年江苏省政府工作报告; "" if it is none."""
    t = re.sub(r"\s*(?:[（(](?:全文|摘要|摘登)[)）]|全文)$", "", line.split("——")[0].strip())
    return t if t.endswith("政府工作报告") and len(t) <= 30 and not re.search(r"[。，,:：]", t) else ""


def report_title_line(text: str) -> int | None:
    """Index (among the first non-empty lines) of the report's own title, after any site menu."""
    for i, ln in enumerate(_lines(text, 40)):
        if _report_title(ln):
            return i
    return None


def report_meta(text: str, name: str = "") -> DocMeta:
    """Metadata of a government work report: title, issuer, region, level and year."""
    lines = _lines(text, 60)
    at = report_title_line(text) or 0
    title = _report_title(lines[at])
    below = "".join(lines[at: at + 5])[len(title):]  # "——2026年1月26日在广东省第十四届人民代表大会…"
    place = _first_place(title) or _first_place(below)
    if place is None:
        # "在省十四届人大四次会议上": a report speaks of its own province (or city) more than of any other
        counts = Counter(m.place for m in find_places(text[:5000]) if m.place.level != "county")
        if counts and counts.most_common(1)[0][1] >= 3:
            place = counts.most_common(1)[0][0]
    m = re.search(r"(\d{4})年", title)
    year = int(m.group(1)) if m else None
    if year is None:
        d = _DATE.search(below)
        year = int(_iso(d)[:4]) if d and _iso(d) else None
    region = place.full if place else ""
    if region and year and re.fullmatch(r"(\d{4}年)?政府工作报告", title):
        # the page titles it only "政府工作报告"; the line under it says whose and when
        title = f"{year}年{region}政府工作报告"
    issuer = ""
    who = re.search(r"我代表(.{0,12}?)(?:人民)?政府", "".join(lines[at:]))
    if who and region:
        said = who.group(1)
        if said and _place_in(said):
            issuer = said + "人民政府"
        elif said in ("", "省", "市", "自治区", "县", "区", "州"):
            issuer = region + "人民政府"
    return DocMeta(title=title, region=region, year_from=year, year_to=year, doc_type="政府工作报告",
                   issuer=issuer, level=LEVEL_NAMES[place.level] if place else "")


# === plans and other documents ==============================================================
def infer_title(text: str) -> str:
    """A plan's own title line: a short line naming its genre (工作要点, 规划, 预案…)."""
    words = tuple(w for w, _ in _PLAN_WORDS)
    for ln in _lines(text, 15):
        if 4 <= len(ln) <= 40 and any(w in ln for w in words) and not ln.startswith(("《", "根据", "为")) and "。" not in ln:
            return ln.strip("《》 ")
    # a title glued to the first sentence of a scraped PDF: "崇明区应急管理“十四五”规划为更好地…"
    m = re.match(r"^(.{4,30}?(?:工作要点|工作计划|规划|预案|实施方案))", text)
    if m and "，" not in m.group(1) and "," not in m.group(1):
        return m.group(1)
    return ""


def infer_years(text: str, title: str) -> tuple[int | None, int | None]:
    """(first, last) year a document covers, from its title or opening text."""
    for key, span in _FIVE_YEAR.items():
        if key in title:
            return span
    for source in (title, text[:300]):
        m = re.search(r"(20\d{2})年", source)
        if m:
            y = int(m.group(1))
            return y, y
    for key, span in _FIVE_YEAR.items():
        if key in text[:500]:
            return span
    return None, None


def plan_type(text: str, title: str) -> tuple[str, bool]:
    """(type, whether the text itself declares it): from the title, else "本工作要点"-style
    self-references, else the opening a work plan has ("2022年，市应急管理局将…")."""
    for word, kind in _PLAN_WORDS:
        if word in title:
            return kind, True
    for word, kind in _PLAN_WORDS:
        if f"本{word}" in text:
            return kind, True
    if re.match(r"^\d{4}年[，,]\S{0,12}将", text):
        return "工作计划", True
    return "其他", False


def plan_region(text: str, title: str) -> tuple[str, str]:
    """(region, level): the place the title names; else the place the text names most (a plan
    titled "全市…" names its city inside); else an anonymised "X市"."""
    place = _first_place(title)
    if place is None:
        counts = Counter(m.place for m in find_places(text[:20000]))
        if counts:
            place = counts.most_common(1)[0][0]
    if place is not None:
        return place.full, LEVEL_NAMES[place.level]
    anon = Counter(_ANON_PLACE.findall((title + "\n" + text)[:20000]))
    if anon:
        name = anon.most_common(1)[0][0]
        return name, {"市": "市级", "县": "区县级", "区": "区县级"}[name[-1]]
    return "", ""


def plan_issuer(text: str, region: str, title: str, doc_type: str) -> str:
    """The bureau that issues the plan: named in the text ("区应急管理局" with the region known),
    else, for a work plan or plan on 应急管理, the region's 应急管理局 (the issuing bureau is the
    subject of a work plan)."""
    if not region:
        return ""
    short = region[:-1] if len(region) > 2 else region
    level = region[-1]
    for m in re.finditer(r"([\u4e00-\u9fffA-Z]{0,8}?)应急管理局", text):
        who = m.group(1)
        if who.endswith((region, short)) and len(who) - len(region) <= 2:
            return region + "应急管理局"
        if who in (level, f"{level}委") or (who == "" and m.start() > 0 and text[m.start() - 1] == level):
            return region + "应急管理局"
    if "应急管理" in title and doc_type in _PLAN_TYPES:
        return region + "应急管理局"
    return ""


def title_issuer(title: str) -> str:
    """公文 titles name their issuer first: "宁波市人民政府办公厅关于印发…的通知" → 宁波市人民政府办公厅."""
    m = re.match(r"^([\u4e00-\u9fff、]{2,40}?)关于", title)
    if m and m.group(1).endswith(_ORGANS):
        return m.group(1)
    return ""


def plan_meta(text: str, name: str = "") -> DocMeta:
    """Metadata of a plan or other document: title, issuer, region, level, years and type."""
    title = infer_title(text)
    if not title:
        first = _lines(text, 1)
        if first and 4 <= len(first[0]) <= 40 and not re.search(r"[。，,；;：:！？]", first[0]):
            title = first[0].strip("《》 ")  # a document's first short line is its title
    organ = title_issuer(title)
    region, level = plan_region(text, title)
    if not region and organ and organ.startswith(("国务院", "国家", "中共中央", "全国")) or (
            not region and organ.endswith(("部", "总局")) and not _place_in(organ)):
        region, level = NATIONAL, NATIONAL_LEVEL  # a ministry's document
    year_from, year_to = infer_years(text, title)
    doc_type, declared = plan_type(text, title)
    from_file: list[str] = []
    if not title and region and year_from and declared and "应急管理" in text and doc_type != "其他":
        # no title line: say what the text itself states (region, year, genre), as a title would
        title = f"{region}{year_from}年应急管理{doc_type}"
    if not title and name:
        title = clean_title(file_stem(name))[0]
        from_file.append("title")
    if year_from is None and name:
        year_from = year_to = _year_in_name(name)
        if year_from:
            from_file.append("year")
    return DocMeta(title=title, region=region, year_from=year_from, year_to=year_to, doc_type=doc_type,
                   issuer=organ or plan_issuer(text, region, title, doc_type), level=level, from_file=tuple(from_file))


# === all genres =============================================================================
def infer_meta(text: str, name: str = "") -> DocMeta:
    """Metadata of a document from its (cleaned) text; ``name`` is the file name, used only when
    the text gives no title or year."""
    if is_law(text):
        return law_meta(text, name)
    if report_title_line(text) is not None:
        return report_meta(text, name)
    return plan_meta(text, name)


def file_stem(name: str) -> str:
    """law_上海市消防条例(2020-03-19).md → 上海市消防条例(2020-03-19): the extension and an ASCII
    collection prefix (law_, report_2026_) go."""
    stem = PurePath(name).name
    stem = stem[: -len(PurePath(stem).suffix)] if PurePath(stem).suffix else stem
    stem = re.sub(r"^[A-Za-z]+_(?:\d{4}_)?(?=[^\x00-\x7f])", "", stem)
    return stem.replace("_", " ").strip()


def _date_in_name(name: str) -> str:
    """The ISO date a file name carries ("安全生产许可证条例(2014-07-29).md"), or ""."""
    m = re.search(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)", PurePath(name).name) if name else None
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""


def _year_in_name(name: str) -> int | None:
    m = re.search(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(?:-\d{1,2}-\d{1,2}|年|(?=[_)）\s.]))", PurePath(name).name)
    return int(m.group(1)) if m else None


# === places =================================================================================
def _first_place(text: str) -> Place | None:
    """The place a name starts with, as specific as the name goes (上海市崇明区 → the district)."""
    if not text:
        return None
    best = None
    for m in find_places(text):
        if best is None:
            best = m.place
        elif best.name in (m.place.province, m.place.city) and m.place is not best:
            best = m.place
        else:
            break
    return best


def _place_in(name: str) -> bool:
    return bool(find_places(name))


# === corrections ============================================================================
LEVELS = (NATIONAL_LEVEL, *LEVEL_NAMES.values())


def correction(*, title: str | None = None, region: str | None = None, doc_type: str | None = None,
               year: int | None = None, issuer: str | None = None, level: str | None = None,
               version: str | None = None) -> dict:
    """A person's correction as stored fields, each checked; ValueError (in Chinese) names what is
    wrong. A region is put in the form documents are labelled with (宁波 → 宁波市) and sets the level."""
    from planqa.config import DOC_TYPES
    from planqa.gazetteer import lookup

    out: dict = {}
    if title is not None:
        if not title.strip():
            raise ValueError("标题不能为空")
        out["title"] = title.strip()
    if doc_type is not None:
        if doc_type not in DOC_TYPES:
            raise ValueError(f"未知的文档类型“{doc_type}”；可选：{'、'.join(DOC_TYPES)}")
        out["doc_type"] = doc_type
    if year is not None:
        if not 1900 <= year <= 2100:
            raise ValueError(f"年份 {year} 不合理（应在 1900–2100 之间）")
        out["year_from"] = out["year_to"] = year
    if region is not None:
        r = region.strip()
        hits = lookup(r) if r and r != NATIONAL else []
        if not r or r == NATIONAL:
            out["region"], out["level"] = r, NATIONAL_LEVEL if r else ""
        elif hits:
            out["region"], out["level"] = hits[0].full, LEVEL_NAMES[hits[0].level]
        elif _ANON_PLACE.fullmatch(r):
            out["region"], out["level"] = r, "市级" if r.endswith("市") else "区县级"
        else:
            raise ValueError(f"不认识的地区“{r}”：不在行政区划表中（全国性文件请用“全国”）")
    if level is not None:
        if level not in (*LEVELS, ""):
            raise ValueError(f"未知的层级“{level}”；可选：{'、'.join(LEVELS)}")
        out["level"] = level
    if issuer is not None:
        out["issuer"] = issuer.strip()
    if version is not None:
        out["version"] = version.strip()
    if not out:
        raise ValueError("没有要更正的内容：请给出 --title、--region、--type、--year、--issuer 之一")
    return out

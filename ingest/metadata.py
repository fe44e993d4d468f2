"""Document metadata read from the document itself: title, type, region, level, year or period,
issuer, version and dates. Never invented: a field the text does not give stays empty ("未识别").

Three genres are told apart by their own conventions:

- laws and regulations: a title line ending in 法/条例/规定/办法/细则 and articles (第一条…); the
  lines under the title record who passed, approved, published and amended it and when
  ("2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议…修正");
- government work reports: a title line ending in 政府工作报告 (scrapes put a site menu of short
  lines before it), then "——2026年1月26日在广东省第十四届人民代表大会…会议上";
- plans and other documents (工作要点, 工作计划, 规划, 应急预案, notices): a 公文 title ("X关于印发…的
  通知", broken over lines), else a title line naming the genre, else the name the issuing notice
  gives it (《X》…印发), or none at all (then the region, year and genre the text states). A notice
  is signed by its issuer with a date; a government page lists 发布机构 and 成文日期; menus and
  breadcrumbs of the site around it are no title.

Places come from the gazetteer (planqa/gazetteer.py), never from "X市"-shaped guesses; the only
exception is an anonymised place ("X市"), a convention of redacted documents. The file name is a
last resort (title and year only) and ``DocMeta.from_file`` says when it was used.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import PurePath

from planqa.gazetteer import LEVEL_NAMES, Place, find_places, lookup
from planqa.records import DocMeta

from .structure import numeral_value
from .validity import NOT_IN_FORCE, noted_dates, repealed_names, stated_status

NATIONAL = "全国"
NATIONAL_LEVEL = "国家"
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}

# --- laws and regulations ------------------------------------------------------------------
# the names legal instruments end with (《立法法》《规章制定程序条例》: 法 is made by the NPC,
# 条例 never by a ministry or a government as a 规章)
_LAW_ENDINGS = ("实施细则", "细则", "条例", "规定", "办法", "规则", "决定", "法")
# names a ministry's rule may also take (《煤矿安全规程》, 《煤矿重大事故隐患判定标准》): a rule only when
# the order that published it stands under the title ("应急管理部令第4号公布"), as standards are not laws
_ORDERED_ENDINGS = ("规程", "标准", "准则", "规范")
_ORDER_NUMBER = re.compile(r"令\s*(?:第\s*)?[\d一二三四五六七八九十百零〇]+\s*号")
# (a congress also "制定" a regulation at its session: "…常务委员会第三十四次会议制定", an adoption)
_EVENTS = ("修订", "修正", "公布", "批准", "通过", "制定", "施行")  # a head line's event, strongest first
_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日")
_QUOTED = re.compile(r"《[^》]*》|〈[^〉]*〉|<[^>]*>")
# (a prefecture writes its own short: "凉山州十一届人大常委会第二十九次会议通过")
_COUNCIL = re.compile(r"(?:第?[一二三四五六七八九十]+届)?(?:人民代表大会常务委员会|人大常委会)")
_GOV_ORDER = re.compile(r"人民政府令")
_CONGRESS = re.compile(r"(?:第[一二三四五六七八九十]+届)?人民代表大会(?!常务委员会)")  # a full session (自治条例…)
# (a date runs into the body: "2025年11月27日应急管理部令第18号", whose 日 is no part of its name)
# ("应急管理部令第1号"; or "中国气象局第44号令公布", "2025年3月31日 中国气象局公布")
_DEPT_ORDER = re.compile(r"(?:中华人民共和国)?((?:国家)?(?![年月日])[\u4e00-\u9fff]{2,14}?(?:部|总局|委员会|局|署|办公厅))"
                         r"(?:令第|第[\d一二三四五六七八九十百]+号令|公布)")

# --- plans and other documents -------------------------------------------------------------
# words a plan's title line names its genre with, and the type each means
_PLAN_WORDS = (("政府工作报告", "政府工作报告"), ("预案", "应急预案"), ("工作要点", "工作要点"),
               ("工作计划", "工作计划"), ("规划", "规划"), ("实施方案", "规范性文件"), ("方案", "规范性文件"),
               ("意见", "规范性文件"), ("通知", "规范性文件"), ("办法", "规范性文件"))
_PLAN_TYPES = ("工作要点", "工作计划", "规划")
_ORGANS = ("人民政府", "办公厅", "办公室", "委员会", "部", "总局", "局", "厅", "委", "署", "中心", "指挥部")
_ANON_PLACE = re.compile(r"(?<![A-Za-z])[A-ZＸ]{1,2}(?:市|县|区)")  # "X市": a redacted document's place

# --- the head of a page, a notice and a plan (rules of the genre, not of one document) -----------
# words a site's menus, breadcrumbs and field lists use and no document title does
_CHROME = re.compile(r"首页|当前位置|所在位置|欢迎|收藏|浏览|点击|字体|分享|打印|下载|元数据|索引号|侵权|登录|VIP|朗读")
# a 公文 title: "[机关]关于…的通知" — the genre word after 的 closes it; it may break over lines
_GONGWEN_TITLE = re.compile(r"关于[^。；;:：]{2,80}?的\s*(?:实\s*施\s*)?(?:通\s*知|意\s*见|决\s*定|批\s*复|通\s*报|通\s*告|函)"
                            r"(?!精神|要求|规定|部署|有关|文件|中|和|及)")  # "…的通知精神": a mention, not the title
_GENRE_ENDS = ("通知", "意见", "决定", "办法", "方案", "规划", "预案", "要点", "计划", "规定", "细则", "条例")
_ORGAN_RUN = re.compile(r"[\u4e00-\u9fff、]{2,40}(?:人民政府|办公厅|办公室|委员会|部|总局|局|厅|委|署|中心|指挥部|管委会)$")
# the date a 公文 is signed with: 2014年12月25日, 二〇一七年…, or a scrape's 20171116
_SIGN_DATE = r"(?:\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|(?:19|20)\d{6}(?!\d))"
# a notice's signature: the issuing body alone (at a line start or after a full stop), then its date
_SIGNATURE = re.compile(r"(?:^|\n|。)[ \t　]*([\u4e00-\u9fff、 　]{2,50}?)[ \t　]*\n?[ \t　\n]*(" + _SIGN_DATE + r")(?=[ \t　]*(?:\n|$|[(（“]))")
# the body a government page's field list names (信息公开 pages: 发布机构 / 制定机关 / 颁布部门)
_FIELD_ISSUER = re.compile(r"(?:发布机构|制定机关|发文机关|颁布部门)[:：][ \t　\n]*([\u4e00-\u9fff]{2,30})")
# the date fields of such a page, and a 文号's year (鄯政办发〔2018〕109号)
_FIELD_DATE = re.compile(r"(?:成文日期|发文日期|发布日期|发布时间|公开日期|日期)[:：][ \t　\n]*((?:19|20)\d{2})[-./年]")
_DOC_NUMBER_YEAR = re.compile(r"(?:^|\n|文号[:：])[ \t　]*[\u4e00-\u9fff]{1,8}[〔\[［(（]((?:19|20)\d{2})[〕\]］)）]\d{1,4}号"
                              r"[ \t　]*(?:\n|$)")  # its own, alone on its line: not one it cites
# the document a notice issues: "《X》已经…同意，现印发给你们"
_ISSUED = re.compile(r"《([^《》]{4,40})》(?:已经|已|经)[^。]{0,40}?印发")
# ("（2024-2026）" in a title, without 年: the brackets say it is the years it runs)
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~～至]{1,2}\s*((?:19|20)\d{2})\s*(?:年|(?=[)）]))")
_FILE_SUFFIX = re.compile(r"\.(?:pdf|docx?|wps|txt|html?)$", re.I)


# === the head of a document =================================================================
def _lines(text: str, n: int) -> list[str]:
    return [ln.strip() for ln in text.split("\n")[: n * 3] if ln.strip()][:n]


# marks that are part of a document's official name, not a version note: 《…管理办法（试行）》
NAME_STATUS = frozenset({"试行", "暂行"})


def name_body(title: str) -> str:
    """A title without its trial or interim mark: what kind of document it is ends there (…办法)."""
    return re.sub(r"[（(](?:" + "|".join(NAME_STATUS) + r")[)）]$", "", title)


def clean_title(title: str) -> tuple[str, str]:
    """《中华人民共和国防洪法》（2016年修正） → (中华人民共和国防洪法, 2016年修正): 《》 around the whole
    name, a trailing date and trailing parentheses go; what the parentheses said is returned."""
    t, said = title.strip(), []
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        t = t[1:-1]  # (《湖南省水上交通安全条例（通过稿）》: the note inside the marks is the name's too)
    while True:
        m = re.search(r"[（(]([^（()）]*)[)）]\s*$", t) or re.search(r"[\s_]*(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$", t)
        if not m or m.start() == 0 or m.group(1) in NAME_STATUS:
            break  # (a trial or interim rule's mark is its name's: 《…办法（试行）》)
        said.insert(0, m.group(1))
        t = t[: m.start()].rstrip()
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        t = t[1:-1]
    return t.strip(), " ".join(said)


def law_title_at(text: str) -> int | None:
    """Index (in ``text.split("\n")``) of a law's title line: the first line, or the first line
    after an order that publishes it ("中华人民共和国国务院令 第708号 …现予公布… 煤矿安全生产条例")."""
    seen, lines = 0, text.split("\n")
    for i, ln in enumerate(lines[:80]):
        s = ln.strip().lstrip("#").strip()
        if not s:
            continue
        title = name_body(clean_title(s)[0])
        # a site's menu ("EHS中国 法规首页 太原市消防条例") ends in the name too: its words are no law's
        ordered = title.endswith(_ORDERED_ENDINGS) and _ORDER_NUMBER.search("\n".join(lines[i + 1: i + 8]))
        if 2 <= len(title) <= 60 and (title.endswith(_LAW_ENDINGS) or ordered) \
                and not re.search(r"[。，,；;：:！？!?]", title) and not _CHROME.search(title):
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
        # "自公布之日起施行" is when it takes effect, not a publication ("…批准，现予公布，自公布之日起施行")
        bare = _QUOTED.sub("", said).replace("发布", "公布").replace("自公布之日起", "")
        ordered = ordered or "现予公布" in bare
        bare = bare.replace("现予公布", "")
        kind = next((e for e in _EVENTS if e in bare), "")
        kind = "通过" if kind == "制定" else kind
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


def _local_maker(title: str, issuer: str) -> str:
    """A city's or a prefecture's regulation is made by its own 人大常委会 and only approved by its
    province's (立法法 第八十一条): a head that names the province's alone (a scrape that kept the
    approval, not the adoption) still means the body of the place the title names."""
    own = _first_place(title)
    if not own or own.level == "province" or not issuer.endswith("人民代表大会常务委员会"):
        return issuer
    body = issuer[: -len("人民代表大会常务委员会")]
    return own.name + "人民代表大会常务委员会" if body and body == own.province else issuer


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
    title = name_body(title)
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
    if title.endswith(("规定", "办法", "细则")) and not local and "实施" not in title:
        # no head lines and no place: a ministry's rule (道路交通事故处理程序规定, 公安部令); a
        # government's or a congress's own measure starts with its place's name
        return "规章"
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
    issuer = _local_maker(title, law_issuer(events, head))
    work = re.sub(r"^中华人民共和国", "", title)
    place = _first_place(title) or _first_place(issuer)
    doc_type = law_type(title, issuer, head, local=place is not None)
    # national: made by the NPC or the State Council, or a ministry's rule (an issuer with no place)
    national = (doc_type in ("法律", "行政法规") or title.startswith(("中华人民共和国", "国务院"))
                or bool(issuer and not _place_in(issuer)) or (doc_type == "规章" and place is None))
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
    # (a scrape may run the first article into its chapter's heading: "## 第一章 总则第一条 为了…")
    return bool(re.search(r"(?m)^\s*(?:#+\s*)?(?:第[一二三四五六七八九十]+章[^\n第]{0,12})?第一条", text[:20000])) or any(
        k in ("通过", "公布", "修订", "修正") for k, _, _ in head_events(law_head(text, at)))


# === government work reports ================================================================
def _report_title(line: str) -> str:
    """The title in a line: "2026年江苏省政府工作报告（全文）" → 2026年江苏省政府工作报告; "" if it is none."""
    t = re.sub(r"\s*(?:[（(](?:全文|摘要|摘登)[)）]|全文)$", "", line.split("——")[0].strip())
    t = re.sub(r"^关于(?=\S{2,}政府工作报告$)", "", t)  # a work report is titled 政府工作报告, never 关于…: a site's headline
    return t if t.endswith("政府工作报告") and len(t) <= 30 and not re.search(r"[。，,:：]", t) else ""


def report_title_line(text: str) -> int | None:
    """Index (among the first non-empty lines) of the report's own title, after any site menu."""
    for i, ln in enumerate(_lines(text, 40)):
        if _report_title(ln):
            return i
    return None


# "各位代表：现在，我代表国务院，向大会报告政府工作": a work report's opening, also when a scrape lost
# its title line; the State Council's is the national report (全国, 国务院, 国家)
_REPORT_OPENING = re.compile(r"各位代表[：:]\s*现在[，,]\s*我代表\S{0,12}?(?:政府|国务院)[，,]?\s*向大会报告")
_NATIONAL_REPORT = re.compile(r"我代表国务院")
# "一、2021年工作回顾": the year a report looks back on is the one before its own
_REVIEW_YEAR = re.compile(r"^[一1][、.]\s*((?:19|20)\d{2})年工作回顾", re.M)


def is_report(text: str) -> bool:
    """A government work report: its title line, or its opening when the title was lost."""
    return report_title_line(text) is not None or bool(_REPORT_OPENING.search(text[:600]))


def _national_report_meta(text: str, name: str, title: str, below: str) -> DocMeta:
    """The State Council's report: 全国, 国务院, 国家; its year from the date under its title, the year
    its review looks back on plus one, or the file name."""
    d = _DATE.search(below)
    year = int(_iso(d)[:4]) if d and _iso(d) else None
    review = _REVIEW_YEAR.search(text[:3000])
    year = year or (int(review.group(1)) + 1 if review else None) or _year_in_name(name)
    title = f"{year}年政府工作报告" if year and re.fullmatch(r"政府工作报告|", title) else title or "政府工作报告"
    return DocMeta(title=title, region="全国", year_from=year, year_to=year, doc_type="政府工作报告",
                   issuer="国务院", level=NATIONAL_LEVEL)


def report_meta(text: str, name: str = "") -> DocMeta:
    """Metadata of a government work report: title, issuer, region, level and year."""
    lines = _lines(text, 60)
    found = report_title_line(text)
    at = found or 0
    title = _report_title(lines[at]) if found is not None else ""
    if _NATIONAL_REPORT.search(text[:1500]):
        return _national_report_meta(text, name, title, "".join(lines[at: at + 5])[len(title):])
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
    elif year and place is not None and not re.search(r"\d{4}年", title):
        title = f"{year}年{title}"  # "广州市政府工作报告" and "2017年1月5日在广州市…上": the report of that year
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
def gongwen_title(text: str) -> str:
    """A notice's (or opinion's, decision's) own title near the top: "[机关]关于…的通知", its broken
    lines joined; the issuing body may stand on the line before ("于都县人民政府办公室\n关于印发…")."""
    head = text[:1500]
    for m in _GONGWEN_TITLE.finditer(head):
        parts = [p.strip() for p in m.group(0).split("\n") if p.strip()]
        if any(p.endswith(_GENRE_ENDS) or q.startswith(("为", "根据", "按照", "依据")) for p, q in zip(parts, parts[1:])):
            continue  # a whole title on its line, then a sentence: the title does not run on into it
        line_start = head.rfind("\n", 0, m.start()) + 1
        before = head[line_start:m.start()].strip()
        if before and not _ORGAN_RUN.fullmatch(before):
            continue  # "印发《关于…": a name inside the text, not a title at a line start
        if not before:  # the body on the line above, alone
            prev = head[:max(line_start - 1, 0)].rstrip().rsplit("\n", 1)[-1].strip()
            before = prev if _ORGAN_RUN.fullmatch(prev or "-") and len(prev) <= 30 and not _CHROME.search(prev) else ""
        return re.sub(r"\s+", "", before + m.group(0))
    return ""


def _title_line(ln: str) -> str:
    """A line as a title candidate: a site's label ("政策解读:") and a file's suffix (.pdf) go."""
    ln = ln.strip().lstrip("•-· ").strip()
    m = re.match(r"^[\u4e00-\u9fff]{2,6}[:：]\s*(.+)$", ln)
    if m and not re.search(r"[:：]", m.group(1)):
        ln = m.group(1)
    return _FILE_SUFFIX.sub("", ln).strip()


def infer_title(text: str) -> str:
    """A plan's own title: a 公文 title ("…关于印发…的通知"), else a short line naming its genre
    (工作要点, 规划, 预案…) that is not a site's menu, a file number or a broken line's tail."""
    notice = gongwen_title(text)
    if notice:
        return notice
    words = tuple(w for w, _ in _PLAN_WORDS)
    for raw in _lines(text, 20):
        ln = _title_line(raw)
        if _CHROME.search(ln) or re.match(r"^\d+号|^[的之》〉]", ln):
            continue  # a menu, a file number ("17号…"), the tail of a broken title ("的实施办法》的通知")
        if 4 <= len(ln) <= 40 and any(w in ln for w in words) and not ln.startswith(("《", "根据", "为")) and "。" not in ln:
            return ln.strip("《》 ")
    # a title glued to the first sentence of a scraped PDF: "崇明区应急管理“十四五”规划为更好地…"
    m = re.match(r"^(.{4,30}?(?:工作要点|工作计划|规划|预案|实施方案))", text)
    if m and "，" not in m.group(1) and "," not in m.group(1):
        return m.group(1)
    return ""


def infer_years(text: str, title: str) -> tuple[int | None, int | None]:
    """(first, last) year a document covers, from its title or opening text; else the year it is
    dated: its signature, its 文号 (〔2017〕), a page's date field."""
    for key, span in _FIVE_YEAR.items():
        if key in title:
            return span
    m = _YEAR_SPAN.search(title)  # "三年行动方案(2024—2026年)": the years it runs
    if m and int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    for source in (title, text[:300]):
        m = _YEAR_SPAN.search(source)  # (the span before its last year: "方案(2024-2026年)" runs from 2024)
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
        m = re.search(r"(20\d{2})年", source)
        if m:
            y = int(m.group(1))
            return y, y
    for key, span in _FIVE_YEAR.items():
        if key in text[:500]:
            return span
    dated = signature(text)[1] or next((int(m.group(1)) for m in _DOC_NUMBER_YEAR.finditer(text[:1500])), None) \
        or next((int(m.group(1)) for m in _FIELD_DATE.finditer(text[:1500])), None)
    return (dated, dated) if dated else (None, None)


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


_LEVEL_WORD = re.compile(r"^(?:\d{4}年)?全?([省市县区])")  # "市应急管理局…", "2020年全市…": the document's own level


def _fits(place: Place, word: str) -> bool:
    """Whether a place is of the level a document calls itself (市: a city or a county-level 市)."""
    if word == "省":
        return place.level == "province"
    if word == "市":
        return place.level == "city" or (place.level == "county" and place.name.endswith("市"))
    return place.level == "county" and place.name.endswith(word if word == "区" else ("县", "旗"))


def _own_mentions(text: str, county_short: bool = False, quoted_too: bool = False) -> list[Place]:
    """The places a text names as its own: not inside 《》 (another document's name: "《中共陕西省委…
    实施意见》") unless ``quoted_too``, and a chain ("菏泽市定陶区") counted once, as its most specific place."""
    quoted = [] if quoted_too else [(m.start(), m.end()) for m in re.finditer(r"《[^《》]*》", text)]
    out: list[Place] = []
    prev = None
    for m in find_places(text, county_short=county_short):
        if any(a <= m.start < b for a, b in quoted):
            continue
        if prev is not None and prev.end == m.start and prev.place.name in (m.place.city, m.place.province) and out:
            out[-1] = m.place
        else:
            out.append(m.place)
        prev = m
    return out


def plan_region(text: str, title: str, named: tuple[str, ...] = ()) -> tuple[str, str]:
    """(region, level): the place the title names; else the place of the document a notice issues or
    of its issuer (``named``); else the place the text names most as its own, of the level the title
    gives ("市应急管理局" → a 市; a plan titled "全市…" names its city inside); else an anonymised "X市"."""
    place = _first_place(title) or next((p for p in map(_first_place, named) if p is not None), None)
    if place is None:
        word = _LEVEL_WORD.match(title)
        # with the level the title gives, the names of its own documents (《南通市…办法》) and a city's
        # short name ("新桐乡") may say which one, when nothing outside 《》 fits
        for county_short, quoted_too in ((False, False), (False, True), (True, False)):
            counts = Counter(p for p in _own_mentions(text[:20000], county_short, quoted_too)
                             if word is None or _fits(p, word.group(1)))
            if counts:
                place = counts.most_common(1)[0][0]
                break
            if word is None:
                break
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
    subject of a work plan). Not for a contingency plan: it names every member body's duties ("市应急管理局：
    负责组织协调…"), and the one that issues it (a government, its office) says so or is unknown."""
    if not region or doc_type == "应急预案":
        return ""
    short = region[:-1] if len(region) > 2 else region
    level = region[-1]
    organ = _organ_prefix(region) + "应急管理局"
    for m in re.finditer(r"([\u4e00-\u9fffA-Z]{0,8}?)应急管理局", text):
        who = m.group(1)
        if who.endswith((region, short)) and len(who) - len(region) <= 2:
            return organ
        if who in (level, f"{level}委") or (who == "" and m.start() > 0 and text[m.start() - 1] == level):
            return organ
    if "应急管理" in title and doc_type in _PLAN_TYPES:
        return organ
    return ""


def _organ_prefix(region: str) -> str:
    """A county's and a county-level city's bodies bear their own name (桐乡市应急管理局), a district's
    its city's too (上海市崇明区应急管理局)."""
    hits = lookup(region) if region else []
    if hits and hits[0].level == "county" and hits[0].full == region and hits[0].name.endswith(("市", "县", "旗")):
        return hits[0].name
    return region


def signature(text: str) -> tuple[str, int | None]:
    """(body, year) of the signature a notice closes with near the top ("益阳市人民政府办公室\n2014年12月25日"):
    the body that issued the document, and when."""
    for m in _SIGNATURE.finditer(text[:3000]):
        who = split_bodies(re.sub(r"[ \t　]+", "", m.group(1).strip()))
        if not (_ORGAN_RUN.search(who) and len(who) <= 40) or re.search(r"[的在了和对将为]", who):
            continue
        d = m.group(2)
        year = int(d[:4]) if d[:4].isdigit() else numeral_value(d[:4])
        return who, year
    return "", None


def field_issuer(text: str) -> str:
    """The issuing body a government page's field list names (发布机构: 金华经济技术开发区)."""
    m = _FIELD_ISSUER.search(text[:1500])
    return m.group(1) if m else ""


def issued_name(text: str) -> str:
    """The name of the document a notice issues ("《永嘉县应急管理“十四五”规划》已经…现印发给你们")."""
    m = _ISSUED.search(text[:3000])
    return m.group(1) if m else ""


def title_issuer(title: str) -> str:
    """公文 titles name their issuer first: "宁波市人民政府办公厅关于印发…的通知" → 宁波市人民政府办公厅."""
    m = re.match(r"^([\u4e00-\u9fff、]{2,40}?)关于", title)
    if m and m.group(1).endswith(_ORGANS):
        return split_bodies(m.group(1))
    return ""


def split_bodies(who: str) -> str:
    """Joint issuers written together ("中共黑龙江省委黑龙江省人民政府") → 中共黑龙江省委、黑龙江省人民政府: a body's
    name ends where the next begins with 中共 or a place. A committee of both and its office are one
    body ("中共泰安市委泰安市人民政府安全生产委员会办公室": the joint 安委会's office)."""
    if re.match(r"中共[\u4e00-\u9fff]{2,8}?委[\u4e00-\u9fff]{2,8}?人民政府[\u4e00-\u9fff]*委员会", who):
        return who
    out, start = [], 0
    for i in range(2, len(who) - 1):
        if who[start:i].endswith(_ORGANS) and (who.startswith("中共", i) or any(x.start == 0 for x in find_places(who[i:]))):
            out.append(who[start:i])
            start = i
    return "、".join([*out, who[start:]])


def plan_meta(text: str, name: str = "") -> DocMeta:
    """Metadata of a plan or other document: title, issuer, region, level, years and type."""
    title = infer_title(text)
    issued = issued_name(text)
    if not title and issued and any(w in issued for w, _ in _PLAN_WORDS):
        title = issued  # no title line: the name its own notice gives it
    if not title:
        first = [_title_line(ln) for ln in _lines(text, 3)]
        first = [ln for ln in first if ln and not _CHROME.search(ln)][:1]
        if first and 4 <= len(first[0]) <= 40 and not re.search(r"[。，,；;：:！？|]", first[0]):
            title = first[0].strip("《》 ")  # a document's first short line is its title
    # who issued it: the title's own body ("X关于…"), else the notice's signature, else the page's field
    organ = title_issuer(title) or signature(text)[0] or field_issuer(text)
    region, level = plan_region(text, title, tuple(x for x in (issued, organ) if x))
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
def infer_meta(text: str, name: str = "", notes: dict[str, str] | None = None) -> DocMeta:
    """Metadata of a document from its (cleaned) text; ``name`` is the file name, used only when
    the text gives no title or year; ``notes``: a collection's notes at its head
    (``ingest.validity.source_notes`` of the text as loaded), which say whether it is in force."""
    if is_law(text):
        meta = law_meta(text, name)
    elif is_report(text):
        meta = report_meta(text, name)
    else:
        meta = plan_meta(text, name)
    return with_validity(meta, text, notes or {})


def with_validity(meta: DocMeta, text: str, notes: dict[str, str]) -> DocMeta:
    """The document's own record of whether it is in force (its notes, "（已废止）" after its title),
    the dates the notes add, and the instruments its text repeals by name."""
    head = next((ln for ln in text.split("\n", 40)[:40] if meta.title and meta.title in ln), "")
    status = stated_status(notes, " ".join(re.findall(r"[（(]([^（()）]*)[)）]", head)))
    known = {e for e, _ in meta.dates}
    dates = meta.dates + tuple(d for d in noted_dates(notes, status) if d[0] not in known)
    if status in NOT_IN_FORCE and "version" in meta.from_file and meta.dates:
        # a repealed law's file may be dated when it ceased (乡镇煤矿管理条例(2013-07-18): 1994 text,
        # repealed 2013): that date is no version, so the head's own last date is its year
        version, year = law_version([(kind, iso, "") for kind, iso in meta.dates], "")
        meta = replace(meta, year_from=year, year_to=year, version=version,
                       from_file=tuple(f for f in meta.from_file if f not in ("year", "version")))
    return replace(meta, status=status, dates=dates, repeals=repealed_names(text))


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

"""Adapting a past plan's sentence to a new region and year: every phrase tied to the source's place
or time becomes 【待核实：…】 for the drafter to set.

What ties a sentence to its source (rules of the genre, tried on plans, reports and laws):

- places: other divisions (from the gazetteer, planqa/gazetteer.py), the source's parent levels
  (崇明's 上海市), a province's one-character abbreviation glued to a name (沪应), and a clause that
  names the source's own city other than as an institution (绍兴's slogan "助推绍兴建设高水平网络
  大城市": the city is swapped for the new one and the clause is flagged; "绍兴市政府" is simply
  the new region's 市政府);
- time: years, dates, five-year plans other than the new year's, party congresses and plenums,
  named typhoons (台风“烟花”), events of a year (亚运会, 进博会, …收官, …开局, …周年);
- figures: every number with its unit, percentages;
- named local documents: a 《…》 title naming a place or a year;
- lost characters of a damaged source (□) are never guessed: 【待核实：原文缺字】.

Pure functions; the gazetteer is the only data they read.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ingest.cleaning import LOST
from planqa.gazetteer import PROVINCE_ABBREVIATIONS, Place, find_places, lookup

FLAG_RE = re.compile(r"【待核实：[^】]*】")
_CN = "一二三四五六七八九十"


def flag(s: str) -> str:
    """Mark text a person must verify: 【待核实：...】."""
    return f"【待核实：{s}】"


def sub_outside(pattern: re.Pattern[str] | str, repl, text: str) -> str:
    """re.sub applied only to the text outside existing 【待核实：…】 marks (a mark is never re-marked)."""
    rx = re.compile(pattern) if isinstance(pattern, str) else pattern
    out, pos = [], 0
    for m in FLAG_RE.finditer(text):
        out.append(rx.sub(repl, text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(rx.sub(repl, text[pos:]))
    return "".join(out)


def outside_flags(text: str) -> str:
    """The text a drafter would read as settled: everything outside 【待核实：…】 marks."""
    return FLAG_RE.sub("", text)


# --- repeated fragments (PDF scrapes) ---------------------------------------------------------

_CLAUSE_SPLIT = re.compile(r"([，,；;。])")


def drop_repeated_clauses(text: str, min_len: int = 4) -> str:
    """A clause that repeats the tail (or the whole) of the clause just before it is a PDF scrape's
    duplicated line: "抓紧提升防御风暴潮综合能力,御风暴潮综合能力" → "抓紧提升防御风暴潮综合能力".
    Only a verbatim repeat of at least ``min_len`` characters is dropped; a list that repeats a word
    ("加强培训，加强演练") repeats no whole clause and is kept."""
    parts = _CLAUSE_SPLIT.split(text)
    clauses = parts[0::2]
    seps = parts[1::2] + [""]
    out: list[str] = []
    prev = ""
    for clause, sep in zip(clauses, seps):
        c = clause.strip()
        if prev and len(c) >= min_len and prev.endswith(c):
            # keep the stronger separator of the two ("…能力,御…能力," keeps the later one)
            if out and sep:
                out[-1] = out[-1][:-1] + sep if out[-1][-1:] in "，,；;。" else out[-1] + sep
            continue
        out.append(clause + sep)
        prev = c
    return "".join(out)


# --- regions ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """The new plan's region and year, with the names it is known by."""

    region: str
    year: int

    @functools.cached_property
    def place(self) -> Place | None:
        """The gazetteer place of the target region, or None."""
        hits = lookup(self.region)
        return hits[0] if hits else None

    @property
    def short(self) -> str:
        """The region's short name (绍兴 for 绍兴市)."""
        if self.place and self.place.short:
            return self.place.short
        r = self.region
        return r[:-1] if len(r) > 2 and r[-1] in "市区县省" else r

    def allows(self, p: Place) -> bool:
        """The new region itself and the divisions it belongs to (杭州市's 浙江省) may stay unflagged."""
        me = self.place
        if me is None:
            return p.full in self.region or p.name in self.region
        return p.adcode == me.adcode or p.name in (me.province, me.city)


def own_names(region: str) -> list[str]:
    """The names a source uses for its own region (the most specific division only): 上海市崇明区 →
    上海市崇明区, 崇明区, 崇明; 绍兴市 → 绍兴市, 绍兴; X市 → X市. Longest first."""
    if not region:
        return []
    names = {region}
    hits = lookup(region)
    if hits:
        p = hits[0]
        names.update(n for n in (p.name, p.short, p.full) if n)
    else:
        last = re.findall(r"[^省市区县]+[省市区县]", region)
        if last:
            names.add(last[-1])
            if len(last[-1]) > 2:
                names.add(last[-1][:-1])
    return sorted(names, key=len, reverse=True)


# an institution of the region: "绍兴市政府" is the new region's 市政府, not a local phrase
_INSTITUTION = r"(?:市|区|县|省)?(?:委|政府|人民政府|人大|政协|应急管理局|应急局|安委会|安委办|减灾委|防指|党委|委员会|防汛防台抗旱指挥部|各级|各地|全域)"
_FLAG_CLAUSE = re.compile(r"[^，,；;。：:！!？?\n【】]+")

# --- time ---------------------------------------------------------------------------------------

_SESSION = re.compile(
    r"(?:党的)?(?:[一二三四五六七八九十]+届[一二三四五六七八九十]+[中次](?:全会|全体会议)?"
    r"(?:[、和与及][一二三四五六七八九十]+[中次](?:全会|全体会议)?)*(?:全会|全体会议)?"
    r"|[一二三四五六七八九十]{2,3}大(?:胜利)?(?:召开)?"
    r"|第[一二三四五六七八九十]+次党(?:代表大会|代会))")
_TYPHOON = re.compile(r"(?:超强|强)?台风[“\"「][^”\"」]{1,6}[”\"」](?:[、和与及]?[“\"「][^”\"」]{1,6}[”\"」])*")
# an event of a given year makes its whole clause the source's
_EVENT = re.compile(r"亚运会|亚残运会|奥运会|冬奥会|残奥会|进博会|世博会|全运会|园博会|花博会|博览会|峰会|运动会|"
                    r"收官|开局之年|开局年|周年|届满|换届|建党百年")
_FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")
_YEAR = re.compile(r"(?<![\d.．])((?:19|20)\d{2})(?![\d.．%‰])")
_DATE = re.compile(r"(?<![\d.．])\d{1,2}月(?:\d{1,2}日)?(?:底|中旬|上旬|下旬)?(?:前|以前|之前)?")
_UNIT = (r"万元|亿元|元|万人次|人次|万|亿|个|家|支|项|名|人|次|座|处|米|公里|千米|平方米|平方公里|公顷|亩|吨|小时|分钟|天|日|周|月|年|"
         r"倍|户|辆|艘|台|套|条|场|所|批|类|种|级|期|起|间|张|份|本|辆次|km|m")
_FIGURE = re.compile(rf"(?<![\d.．A-Za-z])\d+(?:[.．]\d+)?(?:\s*(?:%|‰|％)|(?:{_UNIT}))?(?:以上|以内|以下|左右)?(?![A-Za-z])")
# numbers that are names, not figures: national hotlines and commemorative days, 5G, G20, H7N9
_NAMED_NUMBER = re.compile(r"(?:110|119|120|122|12345|12350|12395)(?=热线|警情|报警|消防|急救|举报|平台|服务|电话|指挥)|"
                           r"\d{1,2}\s*[·•.．\s]\s*\d{1,2}(?=[”\"]?(?:全国)?(?:防灾减灾日|消防日|消防宣传日|安全生产月|国际减灾日))|"
                           r"[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+")


def five_year_period(n: int) -> tuple[int, int]:
    """十四五 → (2021, 2025): the n-th five-year plan's years."""
    start = 1953 + 5 * (n - 1)
    return start, start + 4


def _cn_digit(ch: str) -> int:
    return _CN.index(ch) + 1


def _protect(rx: re.Pattern[str], text: str) -> tuple[str, list[str]]:
    """Hide the matches of ``rx`` behind placeholders so that later rules leave them alone."""
    kept: list[str] = []

    def hide(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return chr(0xE100 + len(kept) - 1)  # a private-use character: no digit for later rules to see

    return sub_outside(rx, hide, text), kept


def _restore(text: str, kept: list[str]) -> str:
    return re.sub("[\uE100-\uF8FF]", lambda m: kept[ord(m.group(0)) - 0xE100], text)


def localize(text: str, source_region: str, source_years: tuple[int | None, int | None], target: Target,
             county_short: bool = True) -> str:
    """The source passage rewritten for ``target``: its own region named as the target, everything
    tied to the source's place or time marked 【待核实：…】."""
    out = drop_repeated_clauses(text)
    # lost characters are the drafter's to supply, never left as "□"
    out = re.sub(f"{re.escape(LOST)}+", flag("原文缺字"), out)

    # named documents: a 《…》 title naming a place, a year or the anonymised X is the source's own
    def title(m: re.Match[str]) -> str:
        t = m.group(0)
        if re.search(r"\d{4}|X市|X区|X县", t) or any(not target.allows(p.place) for p in find_places(t)) \
                or any(n in t for n in own_names(source_region)):
            return flag(_rename(t, source_region, target))
        return t

    out = sub_outside(r"《[^》]{2,60}》", title, out)
    out = _flag_clauses(out, lambda c: bool(_EVENT.search(c)))
    out = sub_outside(_TYPHOON, lambda m: flag(m.group(0)), out)
    out = sub_outside(_SESSION, lambda m: flag(m.group(0)), out)

    # a clause that names the source's own region other than as an institution is the source's
    # (its slogans, landmarks, local programmes); the region is swapped and the clause flagged
    names = own_names(source_region)
    if names:
        own = re.compile("|".join(map(re.escape, names)))
        inst = re.compile(rf"(?:{'|'.join(map(re.escape, names))}){_INSTITUTION}")
        out = _flag_clauses(out, lambda c: bool(own.search(inst.sub("", c))))
        out = _rename(out, source_region, target)
    # anonymised "X市"/"X" stays readable for any region
    out = re.sub(r"(?<![A-Za-z])X(?=市|区|县)", target.short, out)
    out = re.sub(r"(?<![A-Za-z])X(?=高质量|应急|[^A-Za-z0-9])", target.short, out)
    # two places that became one ("X市政府和X市政府" in an anonymised source) are said once
    out = re.sub(rf"({re.escape(target.region)}[\u4e00-\u9fff]{{0,8}}?)(?:和|与|、)\1", r"\1", out)

    out = _flag_places(out, source_region, target, county_short)
    # a one-character abbreviation glued to a word ("沪应综合演练品牌") names its province
    abbrevs = "".join(a for a, full in PROVINCE_ABBREVIATIONS.items()
                      if not (target.place and full == target.place.province))
    if abbrevs:
        out = sub_outside(rf"(?<![北南东西])[{abbrevs}](?=[应安消防][\u4e00-\u9fff])", lambda m: flag(m.group(0)), out)

    # five-year plans: the one the new year falls in stays, any other is the source's time
    def five(m: re.Match[str]) -> str:
        a, b = five_year_period(10 + _cn_digit(m.group(1)))
        return m.group(0) if a <= target.year <= b else flag(m.group(0))

    out = sub_outside(_FIVE_YEAR, five, out)
    out, named = _protect(_NAMED_NUMBER, out)
    out = sub_outside(_DATE, lambda m: flag(m.group(0)), out)
    start, end = source_years
    delta = target.year - start if start and (end in (None, start)) else 0  # a period plan's years do not shift

    def year(m: re.Match[str]) -> str:
        return flag(str(int(m.group(1)) + delta))

    out = sub_outside(_YEAR, year, out)
    out = sub_outside(_FIGURE, lambda m: flag(m.group(0)), out)
    return _restore(out, named)


def _rename(text: str, source_region: str, target: Target) -> str:
    for name in own_names(source_region):
        repl = target.region if name.endswith(("市", "区", "县", "省")) else target.short
        if name in target.region:
            continue
        text = text.replace(name, repl)
    return text


def _flag_clauses(text: str, test) -> str:
    def one(m: re.Match[str]) -> str:
        c = m.group(0)
        return flag(c) if test(c) else c

    return sub_outside(_FLAG_CLAUSE, one, text)


def _flag_places(text: str, source_region: str, target: Target, county_short: bool) -> str:
    """Every division other than the target (and the divisions it belongs to) is flagged. A county's
    short name (浦东, 崇明) counts when the county lies in the source's own province: a Shanghai plan's
    "金山" is 金山区, a Zhejiang plan's "惠民" is not a place."""
    src = lookup(source_region)
    src_province = src[0].province if src else ""

    def marks(segment: str) -> list[tuple[int, int]]:
        spans = []
        for m in find_places(segment, county_short=county_short):
            p = m.place
            if target.allows(p):
                continue
            if p.level == "county" and m.surface == p.short and p.province != src_province:
                continue
            spans.append((m.start, m.end))
        return spans

    out, pos = [], 0
    for fm in list(FLAG_RE.finditer(text)) + [None]:
        seg = text[pos:fm.start()] if fm else text[pos:]
        last = 0
        for a, b in marks(seg):
            out.append(seg[last:a])
            out.append(flag(seg[a:b]))
            last = b
        out.append(seg[last:])
        if fm:
            out.append(fm.group(0))
            pos = fm.end()
    return "".join(out)

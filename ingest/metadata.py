"""Document metadata (title, region, year or period, type, issuer) inferred from the text itself."""
from __future__ import annotations

import re
from collections import Counter

from planqa.records import DocMeta

DOC_TYPES = ("工作要点", "工作计划", "规划", "预案", "实施方案", "方案", "意见")
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
_CN_DIGITS = "〇一二三四五六七八九十"

# words that end in 市/区/县 without being places, or that precede a place name in running text
_NOT_PLACE = set("全本我各该此每两三四五六七八九十")
_GENERIC = {"城市", "全市", "本市", "我市", "各市", "省市", "县市", "地市", "都市", "超市", "门市", "上市", "城区",
            "市区", "辖区", "园区", "社区", "景区", "片区", "新区", "灾区", "地区", "山区", "林区", "矿区", "街区",
            "校区", "城乡", "应急", "管理", "区县", "市县", "各区", "全区", "本区", "我区", "分区", "功能区"}
_FUNCTION_CHARS = set("对在与和由向为将及至从按据并把被给让使于以")


def _title_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n")[:15] if 4 <= len(ln.strip()) <= 40]


def infer_title(text: str) -> str:
    for ln in _title_lines(text):
        if any(t in ln for t in DOC_TYPES) and not ln.startswith(("《", "根据", "为")) and "。" not in ln:
            return ln.strip("《》 ")
    # a title glued to the first sentence of a scraped PDF: "崇明区应急管理“十四五”规划为更好地…"
    m = re.match(r"^(.{4,30}?(?:工作要点|工作计划|规划|预案|实施方案))", text)
    if m and "，" not in m.group(1) and "," not in m.group(1):
        return m.group(1)
    return ""


def _places(text: str, suffix: str) -> Counter:
    counts: Counter = Counter()
    for m in re.finditer(rf"([A-Z]|[\u4e00-\u9fff]{{2,3}}){suffix}", text):
        name = m.group(1)
        if len(name) == 3 and name[0] in _FUNCTION_CHARS:
            name = name[1:]
        if len(name) == 1 and not name.isascii():
            continue
        if any(c in "年月日全本各该每其这那的了" for c in name) or name[0] in _NOT_PLACE or name + suffix in _GENERIC or name in _GENERIC or "城" in name[1:]:
            continue
        counts[name + suffix] += 1
    return counts


def infer_region(text: str, title: str) -> str:
    head = title or text[:60]
    m = re.match(r"^(?:\d{4}年)?([A-Z]|[\u4e00-\u9fff]{2,3}?)(市|区|县|省)", head)
    region = m.group(1) + m.group(2) if m and m.group(1)[0] not in _NOT_PLACE else ""
    if region in _GENERIC or any(c in "年月日全本各该" for c in region):
        region = ""
    cities = _places(text, "市")
    if not region:
        if cities:
            region = cities.most_common(1)[0][0]
        return region
    if region.endswith(("区", "县")):
        # a district plan names its city: 上海市崇明区
        parents = [c for c, n in cities.most_common(3) if f"{c}{region}" in text or n >= 3]
        if parents:
            region = parents[0] + region
    return region


def infer_years(text: str, title: str) -> tuple[int | None, int | None]:
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


def infer_doc_type(text: str, title: str) -> str:
    for t in DOC_TYPES:
        if t in title:
            return "方案" if t == "实施方案" else t
    for t in DOC_TYPES:
        if f"本{t}" in text:
            return t
    if re.match(r"^\d{4}年[，,]\S{0,12}将", text):
        return "工作计划"
    return "其他"


def infer_issuer(text: str, region: str, title: str) -> str:
    """The bureau that issues the plan: named in the text, else the region's 应急管理局."""
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
    if "应急管理" in title:
        return region + "应急管理局"
    return ""


def infer_meta(text: str) -> DocMeta:
    title = infer_title(text)
    region = infer_region(text, title)
    year_from, year_to = infer_years(text, title)
    doc_type = infer_doc_type(text, title)
    if not title:
        pieces = [region, f"{year_from}年" if year_from else "", "应急管理", doc_type if doc_type != "其他" else "文件"]
        title = "".join(pieces)
    return DocMeta(
        title=title,
        region=region,
        year_from=year_from,
        year_to=year_to,
        doc_type=doc_type,
        issuer=infer_issuer(text, region, title),
    )

"""Every line of an answer says which document it comes from; this checks that it says so truly.

A line's label is what precedes its first "：" — 《title》, a region ("绍兴（《…》）"), or a law's
《title》（version）第X条. The documents a line cites by ``[n]`` must include one whose title the
label names, and whose region the label's region names. A misattributed line (one region's
sentence under another region's label) is a plain misstatement with a citation that looks right.
"""
from __future__ import annotations

import re

from ingest.validity import NOT_IN_FORCE

_MARK = re.compile(r"\[(\d+)\]")
_TITLE = re.compile(r"《([^》]+)》")


def _label(line: str) -> str:
    head = line.split("：", 1)[0] if "：" in line else ""
    return head if len(head) <= 80 else ""


def _region_named(label: str, citation: dict) -> bool:
    # "绍兴（《…》）" → 绍兴; the label's leading place must be the cited document's region (or inside it)
    m = re.match(r"^([^（《\d.]{2,12}?)（", label)
    if not m:
        return True
    name = m.group(1).rstrip("市区县省")
    return name in (citation.get("region") or "") or name in (citation.get("title") or "")


def misattributed_lines(answer: str, citations: list[dict]) -> list[str]:
    """The lines of ``answer`` whose label names a document or region that none of its citations is."""
    by_n = {c["n"]: c for c in citations}
    bad = []
    for line in answer.split("\n"):
        cited = [by_n[int(n)] for n in _MARK.findall(line) if int(n) in by_n]
        label = _label(line)
        if not cited or not label:
            continue
        titles = _TITLE.findall(label)
        if titles and not any(t == c.get("title") for t in titles for c in cited):
            bad.append(line)
        elif not any(_region_named(label, c) for c in cited):
            bad.append(line)
    return bad


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def standing_note(citations: list[dict], standing: dict) -> str:
    """Mark each citation with its document's standing (``status``, ``repealed_by``) and return the
    line an answer ends with when one it cites is no longer in force: an official must not act on a
    repealed rule without being told ("（[2]所引《煤矿安全监察条例》已被《煤矿安全生产条例》废止。）")."""
    said: list[str] = []
    for c in citations:
        v = standing.get(c.get("doc"))
        c["status"] = v.status if v else ""
        if not v or v.status not in NOT_IN_FORCE:
            continue
        if v.by_doc:
            c["repealed_by"] = {"doc": v.by_doc, "title": v.by_title}
        dated = re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.date or "")
        how = (f"已被《{v.by_title}》废止" if v.by_doc
               else f"已于{_cn_date(v.date)}{v.status[1:]}" if dated else v.status)
        line = f"《{c.get('title')}》{how}"
        marks = [f"[{x['n']}]" for x in citations if x.get("doc") == c.get("doc") and "n" in x]
        if all(line not in s for s in said):
            said.append("".join(dict.fromkeys(marks)) + "所引" + line)
    return "\n（" + "；".join(said) + "，以现行规定为准。）" if said else ""

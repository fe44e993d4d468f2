"""Follow-up questions: "那绍兴呢?" after "2022年燃气安全排查整治由谁牵头?" is the same question about 绍兴."""
from __future__ import annotations

import re

from .query import _find_regions


def resolve_followup(question: str, history: list[str], metas) -> str:
    """"那绍兴呢?" after "2022年燃气安全排查整治由谁牵头?" → the same question about 绍兴."""
    if not history:
        return question
    q = question.strip()
    short = len(re.sub(r"[^\w\u4e00-\u9fff]", "", q)) <= 10
    if not (short and (q.startswith(("那", "那么", "还有", "另外", "和", "与")) or q.rstrip("?？ ").endswith("呢"))):
        return question
    prev = history[-1]
    new_regions = _find_regions(q, metas)
    new_year = re.search(r"20\d{2}\s*年", q)
    out = prev
    if new_regions:
        old = _find_regions(prev, metas)
        out = out.replace(old[0], new_regions[0]) if old else new_regions[0] + out
    if new_year:
        old_year = re.search(r"20\d{2}\s*年", prev)
        out = out.replace(old_year.group(0), new_year.group(0)) if old_year else new_year.group(0) + out
    return out if out != prev else f"{prev} {q}"

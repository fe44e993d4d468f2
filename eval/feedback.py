"""Gold-set candidates from the page's 👍/👎 (``planqa feedback export OUT.jsonl``).

Each marked answer becomes one line in the gold format (README "Evaluation") for an evaluator to
check before it joins a gold set: a 👍 answer's cited passages become its ``sources`` (each quote
the exact raw text at the citation's offsets), a 👍 refusal an ``unanswerable`` line; a 👎 answer
keeps its citations as sources to be corrected and says so in ``review``. A 👎 refusal has no
passage to offer as a source, so it cannot be a valid gold line: it is returned apart, to be
written up by hand. Every line carries ``feedback`` (rating, comment, the answer given); the gold
reader keeps such extra keys and ignores them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ingest.docstore import DocStore

GOOD, BAD = 1, -1
REVIEW_GOOD = "待核实：回答被标为正确（赞），请确认 answer、must_include 和出处"
REVIEW_BAD = "待改写：回答被标为错误（踩），请改写 answer、must_include，并改正出处"


def _sources(citations: list[dict], raw_text) -> list[dict]:
    out, seen = [], set()
    for c in citations:
        raw = raw_text(c.get("doc", ""))
        if not raw or not (0 <= c.get("start", -1) < c.get("end", -1) <= len(raw)):
            continue  # a document deleted since, or offsets that no longer fit: not a source
        quote = raw[c["start"]:c["end"]].strip()
        if quote and (c["doc"], quote) not in seen:
            seen.add((c["doc"], quote))
            out.append({"doc": c["doc"], "quote": quote})
    return out


def candidates(store: DocStore) -> tuple[list[dict], list[dict]]:
    """(gold-format candidate lines, feedback that cannot be one) from every stored 👍/👎."""
    lines, apart = [], []
    for f in store.feedback():
        answer = re.sub(r"\s*\[\d+\]", "", f["answer"]).strip()
        fb = {"rating": "赞" if f["rating"] == GOOD else "踩", "comment": f["comment"], "answer": f["answer"],
              "who": f["who"], "feedback_id": f["id"]}
        line: dict = {"id": f"fb{f['id']:04d}", "question": f["question"]}
        if f["refused"]:
            if f["rating"] != GOOD:
                apart.append({"id": line["id"], "question": f["question"],
                              "reason": "被拒答且标为错误：没有出处可填，请人工补充", "feedback": fb})
                continue
            line.update(type="unanswerable", answer="", must_include=[], sources=[])
        else:
            sources = _sources(f["citations"], store.raw_text)
            if not sources:
                apart.append({"id": line["id"], "question": f["question"], "reason": "引用的原文已不在库中",
                              "feedback": fb})
                continue
            line.update(type="fact", answer=answer if f["rating"] == GOOD else "", must_include=[], sources=sources)
        region, year = f["filters"].get("region"), f["filters"].get("year")
        if isinstance(region, str) and region:
            line["region"] = region
        if isinstance(year, int) and 1900 < year < 2200:
            line["year"] = year
        line["review"] = REVIEW_GOOD if f["rating"] == GOOD else REVIEW_BAD
        line["feedback"] = fb
        lines.append(line)
    return lines, apart


def export_candidates(store: DocStore, out: str | Path) -> tuple[int, list[dict]]:
    """Write the candidate lines to ``out`` (JSON lines, UTF-8); (lines written, feedback left apart)."""
    lines, apart = candidates(store)
    Path(out).write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return len(lines), apart

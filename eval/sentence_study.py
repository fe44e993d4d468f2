"""Would the embedding model, read at sentence level, decide refusals or pick sentences better than
lexical coverage does? A measurement, not a component: ``python -m eval.sentence_study --index DIR
GOLD.jsonl …`` asks every question as ``planqa ask`` does and, at each evidence gate, embeds the 12
best sentences (by the answerer's own ranking) and the question with the default embedder.

It prints two comparisons:
- refusals: for the questions the answerer refuses, the best sentence similarity of the answerable
  ones (with whether that sentence holds the gold ``must_include``) beside the unanswerable ones —
  a threshold that rescues the first without answering the second is what a semantic gate needs;
- selection: for the answered, answerable questions, how often the first sentence holds every
  ``must_include`` string when ranked lexically (the answerer), by similarity, or by both mixed.
"""
from __future__ import annotations

import argparse
import json
import statistics


def _study(index_dir: str, gold_files: list[str]) -> dict:
    import rag.extractive as ex
    from ingest.index import Index
    from planqa.config import Settings
    from rag.evidence import score_sentences
    from rag.qa import QA

    index = Index(Settings.from_env(index_dir))
    qa, emb = QA(index, use_llm=False), index.embedder
    calls: list[tuple] = []
    gate = ex._gate

    def spy(d, question, kind, passages, qt, w, named_document=False, clause=""):
        got = gate(d, question, kind, passages, qt, w, named_document, clause)
        if passages:  # the sentences the gate refused on, or the ones it let through
            ranked = got[:12] if got is not None else score_sentences(passages, qt, kind, w)[:12]
            calls.append((clause or question, got is not None, [s.text for s in ranked]))
        return got

    ex._gate = spy
    refused, selected = [], []
    try:
        for path in gold_files:
            for line in open(path, encoding="utf-8"):
                g = json.loads(line)
                calls.clear()
                a = qa.ask(g["question"])
                if not calls:
                    continue
                asked, passed, texts = calls[-1]
                if not texts:
                    continue
                must = g.get("must_include", [])
                sims = (emb.embed_passages(texts) @ emb.embed_query(asked)).tolist()
                holds = [bool(must) and all(m in t for m in must) for t in texts]
                if a.refused:
                    best = max(range(len(texts)), key=lambda i: sims[i])
                    refused.append({"answerable": g["type"] != "unanswerable", "sim": sims[best], "holds": holds[best]})
                elif g["type"] != "unanswerable" and passed and any(holds):
                    selected.append({"sims": sims, "holds": holds})
    finally:
        ex._gate = gate
    return {"refused": refused, "selected": selected}


def _first_holds(row: dict, mix: float) -> bool:
    sims, holds = row["sims"], row["holds"]
    mu, sd = statistics.mean(sims), statistics.pstdev(sims) or 1.0
    order = sorted(range(len(sims)), key=lambda i: -(1.0 / (1 + i) + mix * 0.1 * (sims[i] - mu) / sd))
    return holds[order[0]]


def main(argv: list[str] | None = None) -> None:
    """Run the study over the gold files and print both comparisons."""
    ap = argparse.ArgumentParser(prog="python -m eval.sentence_study")
    ap.add_argument("--index", required=True)
    ap.add_argument("gold", nargs="+")
    args = ap.parse_args(argv)
    got = _study(args.index, args.gold)
    rescued = sorted((r["sim"] for r in got["refused"] if r["answerable"] and r["holds"]), reverse=True)
    unanswerable = sorted((r["sim"] for r in got["refused"] if not r["answerable"]), reverse=True)
    print(f"refused: {len(got['refused'])}; answerable whose most similar sentence holds the answer: "
          f"{len(rescued)} (similarity {', '.join(f'{s:.3f}' for s in rescued)})")
    if unanswerable:
        above = sum(s >= min(rescued) for s in unanswerable) if rescued else 0
        print(f"unanswerable: {len(unanswerable)}, similarity {unanswerable[-1]:.3f}–{unanswerable[0]:.3f}; "
              f"{above} at or above the lowest rescuable one")
    n = len(got["selected"])
    for label, mix in (("lexical (the answerer)", 0.0), ("lexical + similarity", 2.0), ("similarity", 1000.0)):
        print(f"first sentence holds the answer, {label}: {sum(_first_holds(r, mix) for r in got['selected'])}/{n}")


if __name__ == "__main__":
    main()

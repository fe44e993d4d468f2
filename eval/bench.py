"""``planqa bench``: speed and memory, measured in one run (bars: README "Performance").

1. The embedding model's raw throughput on passages of the bundled corpus.
2. Cold ingest of the bundled corpus into a fresh index, its in-ingest embedding throughput
   (ratio to 1.), and a re-ingest with no change.
3. Scale: the corpus copied, re-regioned and re-dated to 1k, 10k and 100k chunks. Embedding 100k
   passages would take hours on 2 cores, so the copies' vectors are derived from the real vectors
   of their source passages (a small random perturbation, re-normalised) and their BM25 tokens from
   their source's tokens with the place names and years swapped; queries are always embedded for
   real. Retrieve (hybrid, BM25 alone, dense alone) and ask latency p50/p95 at each size.
4. Peak RSS and the start-to-answer time of a ``planqa ask`` process.
"""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from ingest.index import Index, chunk_metadata, lexical_text
from ingest.lexical import tokenize
from ingest.pipeline import embed_key, ingest_paths
from planqa.config import BUNDLED_PLANS, PROJECT_ROOT, Settings
from planqa.records import Chunk, DocMeta

SIZES = (1_000, 10_000, 100_000)
QUERIES = [
    "2022年燃气安全排查整治由谁牵头", "新增多少避灾安置场所", "森林火灾受害率控制在多少以内", "危险化学品安全风险集中治理",
    "应急指挥中心建设什么时候完成", "基层应急管理网格化覆盖率", "安全生产专项整治三年行动", "防汛防台体系标准化建设",
    "社会应急力量技能竞赛", "应急预案修订", "执法改革分级分类", "消防取水点建设", "智慧应急大脑", "安责险推广",
    "自然灾害综合风险普查", "应急物资储备信息化平台", "政企应急协同机制", "事故调查处理", "宣传教育培训", "党风廉政建设",
]

# same-length stand-ins, so the copies' offsets stay valid
CITIES = ["杭州", "宁波", "温州", "嘉兴", "湖州", "舟山", "台州", "金华", "衢州", "丽水", "苏州", "无锡", "常州", "镇江",
          "扬州", "泰州", "盐城", "淮安", "宿迁", "徐州", "合肥", "芜湖", "蚌埠", "淮南", "铜陵", "安庆", "黄山", "滁州",
          "福州", "厦门", "莆田", "漳州", "南昌", "九江", "赣州", "济南", "青岛", "淄博", "烟台", "潍坊", "郑州", "洛阳"]
DISTRICTS = ["吴中", "鄞州", "余杭", "江宁", "海曙", "越城", "姑苏", "滨江", "萧山", "柯桥", "上虞", "新北"]
LETTERS = "ABCDEFGHJKLMNPQRSTUVWYZ"


def _ms(xs: list[float]) -> tuple[float, float]:
    return round(float(np.percentile(xs, 50)) * 1000, 1), round(float(np.percentile(xs, 95)) * 1000, 1)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def raw_throughput(embedder, texts: list[str], batch: int) -> dict:
    """Embed ``texts`` in batches and report passages and characters per second."""
    t0 = time.perf_counter()
    for i in range(0, len(texts), batch):
        embedder.embed_passages(texts[i:i + batch])
    dt = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    return {"passages": len(texts), "seconds": round(dt, 2), "passages_per_s": round(len(texts) / dt, 2),
            "chars_per_s": round(chars / dt, 1)}


def _substitutions(meta: DocMeta, k: int) -> list[tuple[str, str]]:
    """Place names of a source document and same-length stand-ins for copy number ``k``."""
    city = CITIES[k % len(CITIES)]
    pairs: list[tuple[str, str]] = []
    region = meta.region
    if region.endswith("区") and len(region) == 6:  # 上海市崇明区
        district = DISTRICTS[k % len(DISTRICTS)]
        pairs += [(region, f"{city}市{district}区"), (region[:3], f"{city}市"), (region[:2], city),
                  (region[3:], f"{district}区"), (region[3:5], district)]
    elif len(region) == 3:
        pairs += [(region, f"{city}市"), (region[:2], city)]
    elif len(region) == 2 and region[0].isascii():  # the anonymised X市
        letter = LETTERS[k % len(LETTERS)]
        pairs += [(region, f"{letter}市")]
    return [(a, b) for a, b in pairs if a]


def _copy_text(text: str, subs: list[tuple[str, str]], year_shift: int) -> str:
    for a, b in subs:
        text = text.replace(a, b)
    if year_shift:
        import re

        text = re.sub(r"(?<!\d)(20[12]\d)(?!\d)", lambda m: str(int(m.group(1)) + year_shift), text)
    return text


def build_scale_index(settings: Settings, base: Index, target: int, start_from: int = 0,
                      state: dict | None = None, seed: int = 7) -> dict:
    """Grow a synthetic index to ``target`` chunks from the real index ``base``."""
    rng = np.random.default_rng(seed + start_from)
    state = state if state is not None else {"k": 0, "tokens": {}, "ids": [], "toks": []}
    index = state.get("index") or Index(settings, embedder=base.embedder)
    state["index"] = index
    real = list(base.store.iter_chunks())
    docs = sorted({c.doc for c in real})
    vec_of = base.store.cached_vectors([embed_key(c.embed_text()) for c in real], base.embedder.name)
    src_tokens = state["tokens"]
    for c in real:
        if c.id not in src_tokens:
            src_tokens[c.id] = tokenize(lexical_text(c))
    count = index.store.chunk_count()
    t0 = time.perf_counter()
    while count < target:
        k = state["k"]
        state["k"] += 1
        for doc in docs:
            if count >= target:
                break
            chunks = [c for c in real if c.doc == doc]
            meta = chunks[0].meta
            shift = (k % 9) - 4
            subs = _substitutions(meta, k)
            new_meta = replace(meta, title=_copy_text(meta.title, subs, shift), region=_copy_text(meta.region, subs, 0),
                               year_from=(meta.year_from + shift) if meta.year_from else None,
                               year_to=(meta.year_to + shift) if meta.year_to else None,
                               issuer=_copy_text(meta.issuer, subs, 0))
            new_doc = f"bench{k:05d}_{doc}"
            raw = _copy_text(base.store.raw_text(doc) or "", subs, shift)
            new_chunks = []
            for c in chunks[: target - count]:
                new_chunks.append(Chunk(id=f"{new_doc}#{c.id.split('#', 1)[1]}", doc=new_doc,
                                        text=_copy_text(c.text, subs, shift), start=c.start, end=c.end,
                                        section=_copy_text(c.section, subs, 0), meta=new_meta, ordinal=c.ordinal,
                                        top_section=c.top_section))
            vecs = np.stack([vec_of[embed_key(c.embed_text())] for c in chunks[: len(new_chunks)]])
            vecs = vecs + rng.normal(0, 0.02, vecs.shape).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            index.vectors.upsert([c.id for c in new_chunks], vecs.astype(np.float32), [chunk_metadata(c) for c in new_chunks])
            index.store.replace_document(doc_id=new_doc, path=f"(bench copy of {doc})", sha256=f"bench-{k}-{doc}",
                                         fmt="txt", encoding="", raw=raw, meta=new_meta, profile=[], chunks=new_chunks)
            swap = {a: b for a, b in subs}
            for c, src in zip(new_chunks, chunks):
                toks = [swap.get(t, t) for t in src_tokens[src.id]]
                if shift:
                    toks = [str(int(t) + shift) if t.isdigit() and len(t) == 4 and t.startswith("20") else t for t in toks]
                state["ids"].append(c.id)
                state["toks"].append(toks)
            count += len(new_chunks)
    gen = index.store.generation()
    index.store.set_info("vector_generation", str(gen))
    lex = index.__dict__.get("_lexical")
    from ingest.lexical import LexicalIndex

    if lex is None:
        lex = LexicalIndex(index.dir / "lexical")
        index._lexical = lex
    lex.build(state["ids"], [], gen, tokens=state["toks"])
    state["build_seconds"] = round(time.perf_counter() - t0, 1)
    return state


def latency(index: Index, queries: list[str]) -> dict:
    """p50/p95 retrieval latency per mode (hybrid, bm25, dense) and answer latency, in ms."""
    from rag.qa import QA
    from rag.retriever import HybridRetriever

    out = {}
    for mode in ("hybrid", "bm25", "dense"):
        r = HybridRetriever(index, mode=mode)
        r.retrieve(queries[0], k=5)  # warm
        times = []
        for q in queries:
            t0 = time.perf_counter()
            r.retrieve(q, k=5)
            times.append(time.perf_counter() - t0)
        out[f"retrieve_{mode}_p50_ms"], out[f"retrieve_{mode}_p95_ms"] = _ms(times)
    qa = QA(index, use_llm=False)
    qa.ask(queries[0])
    times = []
    for q in queries:
        t0 = time.perf_counter()
        qa.ask(q)
        times.append(time.perf_counter() - t0)
    out["ask_p50_ms"], out["ask_p95_ms"] = _ms(times)
    return out


def ask_process_seconds(index_dir: Path, runs: int = 3) -> float:
    """Mean wall time of a whole `planqa ask` process (start-up included) over ``runs`` runs."""
    import os

    env = dict(os.environ, PLANQA_INDEX=str(index_dir))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "planqa.cli", "ask", "绍兴今年要新增多少避灾安置场所?"], cwd=PROJECT_ROOT,
                       env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return round(float(np.median(times)), 2)


def run_bench(sizes=SIZES, log=print) -> dict:
    """Benchmark embedding, ingest and query latency at each corpus size, in a temporary index."""
    from ingest.embedding import make_embedder
    from ingest.pipeline import process
    from ingest.loaders import expand_paths, load_file

    work = Path(tempfile.mkdtemp(prefix="planqa-bench-"))
    settings = Settings.from_env(work / "bundled")
    out: dict = {"machine": {"cpus": __import__("os").cpu_count()}, "notes": []}
    try:
        embedder = make_embedder(settings)
        files, _, _ = expand_paths([BUNDLED_PLANS])
        texts = [c.embed_text() for f in files for c in process(load_file(f, settings.max_file_bytes)).chunks]
        # a sample spread over every document (passage length decides speed), after one warm-up call
        sample = texts[:: max(1, len(texts) // 64)][:64]
        embedder.embed_passages(texts[:2])
        log(f"raw embedding throughput on {len(sample)} passages spread over the corpus…")
        out["embedding_raw"] = raw_throughput(embedder, sample, settings.embed_batch)

        log("cold ingest of the bundled corpus…")
        index = Index(settings, embedder=embedder)
        t0 = time.perf_counter()
        rep = ingest_paths(index, [BUNDLED_PLANS])
        cold = time.perf_counter() - t0
        in_ingest = rep.embedded_chars / rep.embed_seconds if rep.embed_seconds else 0.0
        out["ingest"] = {"chunks": rep.chunks, "cold_seconds": round(cold, 2), "embedded": rep.embedded,
                         "embed_seconds": rep.embed_seconds, "chars_per_s": round(in_ingest, 1)}
        out["embedding_ratio"] = round(in_ingest / out["embedding_raw"]["chars_per_s"], 3)
        t0 = time.perf_counter()
        again = ingest_paths(index, [BUNDLED_PLANS])
        out["ingest"]["reingest_seconds"] = round(time.perf_counter() - t0, 3)
        out["ingest"]["reingest_added"] = again.added
        out["bundled_latency"] = latency(index, QUERIES)
        out["ask_process_seconds"] = ask_process_seconds(settings.index_dir)

        scale_settings = Settings.from_env(work / "scale")
        state: dict | None = None
        out["scale"] = []
        for n in sizes:
            log(f"scale: growing a synthetic index to {n} chunks…")
            state = build_scale_index(scale_settings, index, n, state=state)
            row = {"chunks": state["index"].store.chunk_count(), "build_seconds": state["build_seconds"]}
            row.update(latency(state["index"], QUERIES))
            row["peak_rss_mb"] = peak_rss_mb()
            out["scale"].append(row)
            log(f"  {row}")
        out["notes"].append(
            f"scale copies: vectors derived from {index.store.chunk_count()} real passage vectors (+N(0,0.02) noise, "
            "re-normalised), BM25 tokens derived from the source passages' tokens; every query embedded for real")
        out["peak_rss_mb"] = peak_rss_mb()
        out["bars"] = bars(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def bars(out: dict) -> dict:
    """Which performance bars the benchmark result meets, by bar name."""
    big = out["scale"][-1] if out.get("scale") else {}
    return {
        "embedding_ratio>=0.8": out.get("embedding_ratio", 0) >= 0.8,
        "cold_ingest<=60s": out["ingest"]["cold_seconds"] <= 60,
        "reingest<=2s": out["ingest"]["reingest_seconds"] <= 2,
        "retrieve_p50<=50ms": big.get("retrieve_hybrid_p50_ms", 1e9) <= 50,
        "retrieve_p95<=150ms": big.get("retrieve_hybrid_p95_ms", 1e9) <= 150,
        "ask_p95<=300ms": big.get("ask_p95_ms", 1e9) <= 300,
        "rss<=2GB": out.get("peak_rss_mb", 1e9) <= 2048,
        "ask_process<=3s": out.get("ask_process_seconds", 1e9) <= 3,
    }


def print_bench(out: dict) -> None:
    """Print the benchmark result as text and a table for a person."""
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=160)
    e, i = out["embedding_raw"], out["ingest"]
    console.print(f"embedding raw: {e['chars_per_s']} chars/s ({e['passages_per_s']} passages/s); in ingest: "
                  f"{i['chars_per_s']} chars/s → ratio {out['embedding_ratio']}")
    console.print(f"cold ingest: {i['chunks']} chunks in {i['cold_seconds']} s; re-ingest, no change: {i['reingest_seconds']} s; "
                  f"`planqa ask` process: {out['ask_process_seconds']} s")
    t = Table(title="latency (ms) by index size")
    cols = ["chunks", "retrieve_hybrid_p50_ms", "retrieve_hybrid_p95_ms", "retrieve_bm25_p50_ms", "retrieve_bm25_p95_ms",
            "retrieve_dense_p50_ms", "retrieve_dense_p95_ms", "ask_p50_ms", "ask_p95_ms", "peak_rss_mb", "build_seconds"]
    for c in cols:
        t.add_column(c.replace("retrieve_", "").replace("_ms", ""), justify="right")
    for row in [dict(out["bundled_latency"], chunks=i["chunks"], peak_rss_mb="", build_seconds="")] + out["scale"]:
        t.add_row(*[str(row.get(c, "")) for c in cols])
    console.print(t)
    for n in out["notes"]:
        console.print(f"note: {n}")
    console.print("bars: " + ", ".join(f"{k} {'✔' if v else '✘'}" for k, v in out["bars"].items()))

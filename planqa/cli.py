"""``planqa`` command line (README "Command line"). Each command imports only what it needs."""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterator

from .config import BUNDLED_PLANS, DOC_TYPE_CHOICES, DOC_TYPES, ConfigError, Settings


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(getattr(args, "index", None))


def _open_index(args: argparse.Namespace):
    """The index for a reading command; an empty or missing one is an error that says what to do."""
    from ingest.index import Index

    settings = _settings(args)
    if not (settings.index_dir / "docstore.sqlite").is_file():
        raise ConfigError(f"{settings.index_dir} 还没有索引；请先运行 'planqa ingest' 导入文件，"
                          "或用 --index / PLANQA_INDEX 指定已有的索引")
    index = Index(settings)
    if not index.store.doc_hashes():
        raise ConfigError(f"索引 {settings.index_dir} 中还没有文档；请先运行 'planqa ingest' 导入文件")
    return index


_STATUS = {"added": "新增", "replaced": "更新", "unchanged": "无变化"}  # ingest --json keeps the English keys


def _progress_json(event: dict) -> None:
    """``ingest --progress-json``: one JSON object a line on stderr, for scripts and monitors."""
    sys.stderr.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stderr.flush()


def _eta_text(seconds: float | None) -> str:
    if seconds is None:
        return "估算中"
    m, s = divmod(int(seconds + 0.5), 60)
    return f"{m}分{s:02d}秒" if m else f"{s}秒"


def _terminal_progress():
    """A progress bar on stderr (a terminal only): passages embedded, files done, rate and ETA."""
    from tqdm import tqdm

    state: dict[str, Any] = {"bar": None, "files": "", "rate": ""}

    def show(event: dict) -> None:
        kind = event["event"]
        if kind == "file":
            state["files"] = f"文件 {event['done']}/{event['total']}"
        elif kind == "embed":
            bar = state["bar"]
            if bar is None:
                bar = state["bar"] = tqdm(total=event["total"], desc="向量化", unit="段", file=sys.stderr,
                                          leave=False, disable=not sys.stderr.isatty(),
                                          bar_format="{desc} {bar} {n_fmt}/{total_fmt}段{postfix}")
            bar.total = max(event["total"], event["done"])
            bar.n = event["done"]
            state["rate"] = f"{event['chars_per_s']:.0f}字/秒 剩余约{_eta_text(event['eta_s'])}"
        elif kind == "done" and state["bar"] is not None:
            state["bar"].close()
            return
        if state["bar"] is not None:
            state["bar"].set_postfix_str(f"{state['files']} {state['rate']}", refresh=True)

    return show


def cmd_ingest(args: argparse.Namespace) -> int:
    """`planqa ingest`: index files or folders (the bundled plans by default)."""
    from ingest.index import Index
    from ingest.pipeline import ingest_paths

    settings = _settings(args)
    if args.rebuild:
        Index.wipe(settings)
    index = Index(settings)
    paths = args.paths or [str(BUNDLED_PLANS)]
    if args.progress_json:  # jieba announces its dictionary on stderr, between the JSON lines
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
    sink = _progress_json if args.progress_json else (None if args.json else _terminal_progress())
    report = ingest_paths(index, paths, on_event=sink)
    if args.json:
        d = report.to_dict()
        d.pop("files")
        _print_json(d)
    else:
        for f in report.files:
            if f["status"] != "unchanged":
                print(f"  {_STATUS.get(f['status'], f['status'])}  {f['file']}  {f.get('title', '')}  ({f.get('chunks', 0)} 段)")
        for sk in report.skipped:
            print(f"  跳过  {sk['file']}  {sk['reason']}")
        for e in report.errors:
            print(f"  错误  {e['file']}：{e['error']}", file=sys.stderr)
        print(f"文档 {report.documents} 篇, 段落 {report.chunks}; 新增 {report.added}, 替换 {report.replaced}, "
              f"删除 {report.removed}; 向量化 {report.embedded} 段, 用时 {report.seconds:.1f} 秒")
    return 1 if report.errors and not report.files else 0


def _questions(args: argparse.Namespace) -> Iterator[tuple[Any, str]]:
    if args.batch:
        path = Path(args.batch)
        try:
            lines = path.read_text(encoding="utf-8-sig").split("\n")
        except UnicodeDecodeError:
            raise SystemExit(f"planqa: {path} 不是 UTF-8 编码；请另存为 UTF-8 后再用 --batch") from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                yield obj.get("id"), str(obj["question"])
            except (ValueError, KeyError, AttributeError):
                raise SystemExit(f"planqa: {path} 第 {n} 行：须为含 'id' 和 'question' 的 JSON 对象")
    else:
        if not args.question:
            raise SystemExit("planqa: 请给出问题（QUESTION），或用 --batch FILE.jsonl 给出问题文件")
        yield None, args.question


def _filters(args: argparse.Namespace):
    from rag.retriever import Filters

    return Filters(region=args.region or "", year=args.year, doc_type=args.type or "")


def cmd_retrieve(args: argparse.Namespace) -> int:
    """`planqa retrieve`: print the passages retrieved for a question."""
    from rag.retriever import HybridRetriever, explain_no_match, matching_docs

    index = _open_index(args)
    retriever = HybridRetriever(index, mode=args.mode)
    filters = _filters(args)
    docs = matching_docs(index.store.metas(), filters)
    note = explain_no_match(index.store.metas(), filters) if docs is not None and not docs else ""
    if note and not args.batch:
        print(f"planqa: {note}", file=sys.stderr)
    for qid, q in _questions(args):
        passages = retriever.retrieve(q, k=args.k, filters=filters)
        out = {"question": q, "passages": [p.to_citation(i + 1) for i, p in enumerate(passages)]}
        if passages.warning:  # this question's own fallback, carried by its Retrieval
            out["warning"] = passages.warning
            print(f"planqa: {passages.warning}", file=sys.stderr)
        if note:
            out["note"] = note
        if args.batch:
            _print_json({"id": qid, **out})
        elif args.json:
            _print_json(out)
        else:
            for c in out["passages"]:
                print(f"[{c['n']}] {c['score']:.4f}  {c['title']} ({c['region']}, {c['period']})  {c['section']}")
                print("    " + c["text"].replace("\n", " ")[:160])
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """`planqa ask`: answer questions with citations."""
    from rag.qa import QA

    qa = QA(_open_index(args))
    for qid, q in _questions(args):
        a = qa.ask(q, region=args.region, year=args.year, doc_type=args.type).to_dict()
        if a["filters"].get("warning"):
            print(f"planqa: {a['filters']['warning']}", file=sys.stderr)
        if args.batch:
            _print_json({"id": qid, **a})
        elif args.json:
            _print_json(a)
        else:
            print(a["answer"])
            for c in a["citations"] or a["nearest"]:
                print(f"  [{c['n']}] {c['title']}（{c['region']}，{c['period']}）{c['section']}  ({c['doc']}:{c['start']}-{c['end']})")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    """`planqa draft`: write a plan draft for a region and year."""
    from rag.drafting import Drafter

    index = _open_index(args)
    try:
        draft = Drafter(index).draft(args.region, args.year, args.topic or [], doc_type=args.type)
    except ValueError as e:
        print(f"planqa: {e}", file=sys.stderr)
        return 2
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() == ".docx":
            draft.to_docx(out)
        elif out.suffix.lower() in (".md", ".markdown"):
            out.write_text(draft.to_markdown(), encoding="utf-8")
        else:
            print(f"planqa: --out 须以 .md 或 .docx 结尾，现在是 {out.suffix or '（无扩展名）'}", file=sys.stderr)
            return 2
        n = sum(len(s.items) for s in draft.themes)
        print(f"{out}: {draft.title}，重点工作 {len(draft.themes)} 类 {n} 条，来源 {len(draft.sources())} 处")
    else:
        sys.stdout.write(draft.to_markdown())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """对照检查: each task item of the reference documents, covered or not by the draft."""
    from rag.check import CheckError, check_draft

    index = _open_index(args)
    try:
        report = check_draft(index, args.draft, args.against)
    except CheckError as e:
        print(f"planqa: {e}", file=sys.stderr)
        return 2
    if args.json:
        _print_json(report.to_dict())
    else:
        sys.stdout.write(report.to_markdown())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """`planqa eval`: score configurations against a gold file."""
    from eval.gold import DEFAULT_GOLD, GoldError, load_gold
    from eval.runner import CONFIGS, evaluate

    index = _open_index(args)
    try:
        gold = load_gold(args.gold or DEFAULT_GOLD, index.store.raw_text)
    except GoldError as e:
        print(f"planqa: 金标准文件有误：{e}", file=sys.stderr)
        return 2
    from planqa.rules import Weights

    try:
        weights = Weights.parse(args.weights or "")
    except ValueError as e:
        print(f"planqa: --weights：{e}", file=sys.stderr)
        return 2
    configs = tuple(args.configs.split(",")) if args.configs else CONFIGS
    if index.settings.llm_enabled and "llm" not in configs and not args.configs:
        configs = configs + ("llm",)
    unknown = [c for c in configs if c not in CONFIGS + ("llm",)]
    if unknown:
        print(f"planqa: --configs 中有未知的配置“{'、'.join(unknown)}”；可选：{'、'.join(CONFIGS + ('llm',))}",
              file=sys.stderr)
        return 2
    progress = None
    if not args.json and sys.stderr.isatty():
        from tqdm import tqdm

        bars: dict = {}

        def progress(config: str, done: int, total: int) -> None:
            bar = bars.setdefault(config, tqdm(total=total, desc=config, file=sys.stderr, leave=False))
            bar.n = done
            bar.refresh()
            if done == total:
                bar.close()

    report = evaluate(index, gold, configs, progress, weights=weights)
    if args.report:
        from eval.report import write_report

        page = write_report(report, args.report)
        if not args.json:
            print(f"评测报告：{page}")
    if args.json:
        slim = {k: v for k, v in report.items() if k != "results"}
        slim["results"] = [{k: r[k] for k in ("id", "type", "config", "refused", "metrics", "latency_ms", "failed")}
                           for r in report["results"]]
        _print_json(slim)
    else:
        from eval.report import print_table

        print_table(report)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """`planqa bench`: measure speed and memory."""
    from eval.bench import SIZES, print_bench, run_bench

    sizes = tuple(int(x) for x in args.sizes.split(",")) if args.sizes else SIZES
    out = run_bench(sizes, log=(lambda *_: None) if args.json else (lambda m: print(m, file=sys.stderr)))
    if args.json:
        _print_json(out)
    else:
        print_bench(out)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """`planqa serve`: run the web page."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import ui

    ui.main(host=args.host, port=args.port, index_dir=args.index)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    """`planqa log`: show the audit log."""
    from .audit import format_entries, log_files, read_entries

    settings = _settings(args)
    if args.tail is not None and args.tail < 1:
        raise ConfigError("--tail 须为正整数，例如 --tail 20")
    entries = read_entries(settings.index_dir, args.tail)
    if args.json:
        for e in entries:
            sys.stdout.write(e.to_json() + "\n")
    elif entries:
        print(format_entries(entries))
    elif not log_files(settings.index_dir):
        print(f"（{settings.index_dir} 还没有审计记录：页面或 API 回答问题后才会写入）", file=sys.stderr)
    return 0


def _doc_row(d: dict, corrected: dict, standing=None) -> dict:
    """One document's row; ``standing``: its ``ingest.validity.Validity`` in this library, if any is known."""
    from .records import DocMeta

    m = DocMeta.from_dict(d["meta"])
    by = {"doc": standing.by_doc, "title": standing.by_title} if standing and standing.by_doc else None
    return {"doc": d["doc"], "title": m.title, "doc_type": m.doc_type, "region": m.region, "year": m.year,
            "period": m.period, "issuer": m.issuer, "level": m.level, "version": m.version, "chunks": d["chunks"],
            "status": standing.status if standing else m.status, "repealed_by": by,
            "work": m.work, "dates": [{"event": e, "date": t} for e, t in m.dates],
            "from_file": list(m.from_file), "corrected": sorted(corrected)}


def status_words(row: dict) -> str:
    """A row's standing as a person reads it (ingest.validity.standing_words), "" when nothing says."""
    from ingest.validity import ceased_on, standing_words

    ended = ceased_on((x["event"], x["date"]) for x in row.get("dates", []))
    return standing_words(row.get("status") or "", ended, (row.get("repealed_by") or {}).get("title", ""))


def cmd_docs(args: argparse.Namespace) -> int:
    """List the documents with their metadata, or correct one document's ('docs set')."""
    index = _open_index(args)
    if args.docs_command == "set":
        return _docs_set(index, args)
    overrides, standing = index.store.overrides(), index.store.validity()
    rows = [_doc_row(d, overrides.get(d["doc"], {}), standing.get(d["doc"])) for d in index.store.documents()]
    if args.json:
        _print_json({"documents": rows})
        return 0
    for r in rows:
        shown = [r["title"] or "未识别", r["doc_type"] or "未识别", r["region"] or "未识别", r["period"] or "未识别",
                 r["issuer"] or "未识别", r["level"] or "未识别", r["version"] or "—", status_words(r) or "—"]
        mark = "  （已人工更正）" if r["corrected"] else ""
        print(f"{r['doc']}\n    {'｜'.join(shown)}｜{r['chunks']} 段{mark}")
    return 0


def correct_document(index, doc: str, fields: dict) -> tuple[dict, str]:
    """Store checked fields (``ingest.metadata.correction``) as DOC's correction and apply them at
    once; the document's row and a warning ("" if none). ``docs set`` and the page's 文档库 both
    correct through here."""
    from ingest.index import chunk_metadata
    from ingest.pipeline import embed_key
    from ingest.vectorstore import VectorStoreError

    store = index.store
    old = list(store.iter_chunks(doc))
    old_keys = [embed_key(c.embed_text()) for c in old]  # their vectors are cached under these
    meta = store.set_override(doc, fields)
    warning = ""
    try:  # Chroma keeps a copy of the filter fields: the same vectors with the corrected metadata
        import numpy as np

        cached = store.cached_vectors(sorted(set(old_keys)), index.embedder.name)
        pairs = [(c, cached[k]) for c, k in zip(old, old_keys) if k in cached]
        for c, _ in pairs:
            c.meta = meta
        if pairs:
            index.vectors.upsert([c.id for c, _ in pairs], np.stack([v for _, v in pairs]),
                                 [chunk_metadata(c) for c, _ in pairs])
    except VectorStoreError as e:
        warning = f"向量库中的副本未更新（{e}）；筛选与引用以文档库为准，已更正"
    return _doc_row({"doc": doc, "meta": asdict(meta), "chunks": len(old)}, store.override(doc),
                    store.validity().get(doc)), warning


def _docs_set(index, args: argparse.Namespace) -> int:
    from ingest.metadata import correction

    store = index.store
    if args.doc not in store.doc_hashes():
        print(f"planqa: 库中没有文档“{args.doc}”（用 planqa docs 查看现有文档）", file=sys.stderr)
        return 2
    try:
        fields = correction(title=args.title, region=args.region, doc_type=args.type, year=args.year,
                            issuer=args.issuer, level=args.level, version=args.version)
    except ValueError as e:
        print(f"planqa: {e}", file=sys.stderr)
        return 2
    row, warning = correct_document(index, args.doc, fields)
    if warning:
        print(f"planqa: {warning}", file=sys.stderr)
    if args.json:
        _print_json(row)
    else:
        print(f"已更正 {args.doc}：{row['title']}｜{row['doc_type']}｜{row['region'] or '未识别'}｜"
              f"{row['period'] or '未识别'}｜{row['issuer'] or '未识别'}（重新导入同一文件后仍然有效）")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """The page's 👍/👎 as gold-set candidates ('feedback export OUT.jsonl') for evaluators to check."""
    from eval.feedback import export_candidates
    from ingest.docstore import DocStore

    settings = _settings(args)
    if not (settings.index_dir / "docstore.sqlite").is_file():
        raise ConfigError(f"{settings.index_dir} 还没有索引；请先运行 'planqa ingest' 导入文件，"
                          "或用 --index / PLANQA_INDEX 指定已有的索引")
    store = DocStore(settings.index_dir / "docstore.sqlite")
    try:
        n, apart = export_candidates(store, args.out)
    finally:
        store.close()
    if args.json:
        _print_json({"written": n, "out": str(args.out), "apart": apart})
        return 0
    print(f"已写出 {n} 条候选金标准问题到 {args.out}（请评测人员逐条核实后再并入金标准）")
    for a in apart:
        print(f"未写出 {a['id']}：{a['question']}（{a['reason']}）", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every planqa subcommand."""
    p = argparse.ArgumentParser(prog="planqa", description="应急管理规划问答与起草 / QA and drafting over emergency-management plans")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--index", metavar="DIR", help="index location (default: $PLANQA_INDEX or .planqa/index)")
        sp.add_argument("--json", action="store_true", help="machine-readable output")

    sp = sub.add_parser("ingest", help="index plan files (default: the bundled data/plans/)")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("--rebuild", action="store_true", help="delete the index and build it again")
    sp.add_argument("--progress-json", action="store_true",
                    help="progress events as JSON lines on stderr (start, file, embed, done)")
    common(sp)
    sp.set_defaults(func=cmd_ingest)

    def question_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("question", nargs="?", metavar="QUESTION")
        sp.add_argument("--region", help="only documents of this region (上海, 绍兴市, 崇明 …)")
        sp.add_argument("--year", type=int, help="only documents covering this year")
        sp.add_argument("--type", choices=DOC_TYPE_CHOICES, help="only documents of this type (法规 = 法律+行政法规+地方性法规+规章)")
        sp.add_argument("--batch", metavar="FILE.jsonl", help='questions, one {"id", "question"} a line')
        common(sp)

    sp = sub.add_parser("retrieve", help="ranked passages for a question")
    question_args(sp)
    sp.add_argument("--k", type=int, default=5)
    sp.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    sp.set_defaults(func=cmd_retrieve)

    sp = sub.add_parser("ask", help="a short answer with numbered citations")
    question_args(sp)
    sp.set_defaults(func=cmd_ask)

    sp = sub.add_parser("draft", help="a first draft of a new plan, every item traced to its sources")
    sp.add_argument("--region", required=True, help="the new plan's region, e.g. 杭州市")
    sp.add_argument("--year", type=int, required=True)
    sp.add_argument("--topic", action="append", help="focus topic, first in the draft (repeatable)")
    sp.add_argument("--type", default="工作要点", choices=("工作要点", "工作计划", "规划"))
    sp.add_argument("--out", metavar="FILE.md|FILE.docx")
    sp.add_argument("--index", metavar="DIR")
    sp.set_defaults(func=cmd_draft)

    sp = sub.add_parser("check", help="对照检查: which task items of reference plans a draft covers")
    sp.add_argument("draft", metavar="DRAFT", help="the draft (.docx, .md or .txt)")
    sp.add_argument("--against", action="append", required=True, metavar="DOC",
                    help="a reference document's id in the index (repeatable; see 'planqa docs')")
    common(sp)
    sp.set_defaults(func=cmd_check)

    sp = sub.add_parser("eval", help="score a gold set: retrieval, answers, baselines")
    sp.add_argument("--gold", metavar="FILE", help="gold set (default: eval/gold.jsonl)")
    sp.add_argument("--report", metavar="DIR", help="write report.json and report.html (with plots) here")
    sp.add_argument("--configs", help="comma list of product,bm25,dense512,llm (default: all that apply)")
    sp.add_argument("--weights", help="answerer weights to try, e.g. support=0.45,floor_ratio=0.7 (planqa/rules.py)")
    common(sp)
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("bench", help="speed and memory: embedding, ingest, latency at 1k/10k/100k chunks")
    sp.add_argument("--sizes", help="comma list of index sizes (default 1000,10000,100000)")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_bench)

    sp = sub.add_parser("serve", help="the web page plus the HTTP API (/v1/chat/completions, /api/*, /docs)")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=7860)
    sp.add_argument("--index", metavar="DIR")
    sp.set_defaults(func=cmd_serve)

    sp = sub.add_parser("log", help="the audit log: who asked what, when, and what the answer cited")
    sp.add_argument("--tail", type=int, metavar="N", help="only the last N entries")
    common(sp)
    sp.set_defaults(func=cmd_log)

    sp = sub.add_parser("feedback", help="页面上对回答的赞/踩：feedback export OUT.jsonl 写出候选金标准问题")
    fb_sub = sp.add_subparsers(dest="feedback_command", required=True)
    fx = fb_sub.add_parser("export", help="把标记过的回答写成金标准格式的候选行（供评测人员核实）")
    fx.add_argument("out", metavar="OUT.jsonl")
    common(fx)
    fx.set_defaults(func=cmd_feedback)

    sp = sub.add_parser("docs", help="文档及其元数据（标题、类型、地区、年份、发布机关…）；docs set 更正")
    common(sp)
    sp.set_defaults(func=cmd_docs, docs_command="")
    docs_sub = sp.add_subparsers(dest="docs_command")
    fix = docs_sub.add_parser("set", help="更正一个文档的元数据（重新导入同一文件后仍然有效）")
    fix.add_argument("doc", metavar="DOC", help="文档名（planqa docs 列出的 doc）")
    fix.add_argument("--title")
    fix.add_argument("--region", help="地区（宁波、宁波市、全国…）")
    fix.add_argument("--type", help="文档类型：" + "、".join(DOC_TYPES))
    fix.add_argument("--year", type=int)
    fix.add_argument("--issuer", help="发布机关（空字符串表示未识别）")
    fix.add_argument("--level", help="国家 / 省级 / 市级 / 区县级")
    fix.add_argument("--version", help="版本，如 2024年修订")
    # SUPPRESS: "planqa docs --index DIR set …" keeps the DIR given before "set"
    fix.add_argument("--index", metavar="DIR", default=argparse.SUPPRESS)
    fix.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the planqa command line; returns the exit status."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    args = build_parser().parse_args(argv)
    if getattr(args, "batch", None) and not Path(args.batch).is_file():  # before any index is opened
        print(f"planqa: --batch {args.batch}：文件不存在；请检查路径", file=sys.stderr)
        return 2
    from ingest.docstore import BrokenIndexError
    from ingest.loaders import LoadError

    try:
        return int(args.func(args) or 0)
    except (ConfigError, BrokenIndexError, LoadError) as e:
        print(f"planqa: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

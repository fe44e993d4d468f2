"""planqa web page (Gradio): 问答 · 起草 · 评测 · 文档库; ``main`` serves it with the HTTP API
(planqa/api.py) on the same port.

Binds 127.0.0.1 unless told otherwise; optional login with PLANQA_AUTH=user:pass; Gradio's
analytics are off and the page calls no outside service.
"""
from __future__ import annotations

import html
import os
import queue
import re
import tempfile
import threading
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

CSS = """
.cite-card{border:1px solid #d0d7de;border-radius:8px;padding:8px 12px;margin:8px 0;background:#fafbfc;font-size:14px}
.cite-card .meta{color:#57606a;font-size:13px;margin-bottom:4px}
.cite-card mark{background:#fff3b0;padding:0 1px}
.cite-card details summary{cursor:pointer;color:#0969da;font-size:13px}
.cite-card .ctx{color:#444;border-left:3px solid #d0d7de;padding-left:8px;margin-top:6px;white-space:pre-wrap}
.refused{color:#9a6700;font-weight:600}
#citations{max-height:620px;overflow-y:auto}
"""

UPLOAD_DIR = "uploads"


def safe_upload_name(name: str) -> str:
    """A file name that cannot leave the upload folder: no directories, no dot-files, no controls."""
    base = Path(str(name).replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", base).strip(" .")
    if not base or base in (".", ".."):
        raise ValueError(f"bad file name: {name!r}")
    return base


def _mark(text: str, highlights: list[str]) -> str:
    out = html.escape(text)
    for h in highlights or []:
        hh = html.escape(h)
        if hh and hh in out:
            out = out.replace(hh, f"<mark>{hh}</mark>", 1)
    return out


def citation_cards(citations: list[dict], title: str = "", context: dict[int, str] | None = None) -> str:
    """Cards with title, region, year, section path and the passage, the supporting sentence marked;
    each expands to the surrounding section."""
    parts = [f"<h4>{html.escape(title)}</h4>"] if title else []
    for c in citations:
        ctx = (context or {}).get(c["n"], "")
        more = (f'<details><summary>展开所在章节</summary><div class="ctx">{html.escape(ctx)}</div></details>'
                if ctx else "")
        parts.append(
            f'<div class="cite-card" data-n="{c["n"]}"><div class="meta"><b>[{c["n"]}] {html.escape(c["title"])}</b> · '
            f'{html.escape(c["region"] or "")} · {html.escape(str(c.get("period") or c.get("year") or ""))}<br>'
            f'{html.escape(c["section"] or "（正文）")} · <code>{html.escape(c["doc"])}:{c["start"]}-{c["end"]}</code></div>'
            f'<div class="passage">{_mark(c["text"], c.get("highlight", []))}</div>{more}</div>'
        )
    return "".join(parts)


UNKNOWN = "未识别"  # a field the document does not state (README "Documents and their metadata")
LIBRARY_HEADERS = ["文档", "标题", "类型", "地区", "年份", "发布单位", "层级", "版本", "段落", "人工更正"]
CHECK_HEADERS = ["状态", "参考条目", "章节", "稿中对应段落", "出处"]
# the stored names of corrected fields, as a person reads them
FIELD_NAMES = {"title": "标题", "doc_type": "类型", "region": "地区", "level": "层级", "year_from": "年份",
               "year_to": "年份", "issuer": "发布单位", "version": "版本"}
_STAGES = {"parsing": "解析中", "embedding": "向量化中", "stored": "已入库", "skipped": "无变化", "error": "出错"}


def library_row(r: dict) -> list:
    """One row of ``planqa docs --json`` as the 文档库 table shows it: empty fields are 未识别."""
    return [r["doc"], r["title"] or UNKNOWN, r["doc_type"] or UNKNOWN, r["region"] or UNKNOWN,
            r["period"] or UNKNOWN, r["issuer"] or UNKNOWN, r["level"] or UNKNOWN, r["version"] or UNKNOWN,
            r["chunks"], corrected_names(r["corrected"])]


def corrected_names(fields: list[str]) -> str:
    """The corrected fields in Chinese, each once (a year is stored as year_from and year_to)."""
    return "、".join(dict.fromkeys(FIELD_NAMES.get(f, f) for f in fields))


class IngestStatus:
    """The ingest events (``ingest_paths(on_event=…)``, as ``planqa ingest --progress-json`` prints
    them) folded into what the page shows: each file's stage and the passages embedded so far."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.done_files, self.total_files = 0, 0
        self.embed: dict | None = None

    def add(self, e: dict) -> None:
        """Fold one ingest event into the status."""
        kind = e.get("event")
        if kind == "start":
            self.total_files = e["files"]
        elif kind == "file":
            stage = _STAGES.get(e["stage"], e["stage"])
            if e.get("ocr_page"):  # a scan is read page by page: say which
                stage += f"（识别第 {e['ocr_page']}/{e['pages']} 页）"
            elif e["stage"] == "embedding" and e.get("to_embed") is not None:
                stage += f"（{e['to_embed']} 段待向量化）"
            elif e["stage"] == "error":
                stage += f"：{e.get('error', '')}"
            self.files[e["file"]] = stage
            self.done_files, self.total_files = e["done"], e["total"]
        elif kind == "embed":
            self.embed = e

    def markdown(self) -> str:
        """The status as Markdown: files done, passages embedded, each file's stage."""
        lines = [f"**导入中** · 文件 {self.done_files}/{self.total_files}"]
        if self.embed:
            about = "约 " if self.embed.get("estimated") else ""
            lines[0] += f" · 向量化 {self.embed['done']}/{about}{self.embed['total']} 段"
        lines += [f"- {name}：{stage}" for name, stage in self.files.items()]
        return "\n".join(lines)


class App:
    """The state behind the page: one index, one QA chain, one ingest at a time."""

    def __init__(self, index_dir: str | None = None):
        from ingest.index import Index
        from planqa.config import Settings
        from rag.qa import QA

        from planqa.audit import AuditLog

        self.index = Index(Settings.from_env(index_dir))
        self.qa = QA(self.index)
        self.ingest_lock = threading.Lock()
        self.audit = AuditLog(self.index.dir)  # the page's questions and the API's, one log

    # --- 问答 ------------------------------------------------------------------------------------
    def section_context(self, c: dict) -> str:
        """The text of the cited passage's section (its neighbours under the same heading)."""
        chunks = self.index.store.neighbours(c["doc"], self._ordinal(c), radius=2)
        same = [x.text for x in chunks if x.section == c["section"] or not c["section"]]
        return "\n".join(same)

    def _ordinal(self, c: dict) -> int:
        return self.index.store.ordinal_at(c["doc"], c["start"])  # SQL stays inside the document store

    def regions(self) -> list[str]:
        """The regions of the stored documents, sorted."""
        return sorted({m.region for m in self.index.store.metas().values() if m.region})

    def doc_choices(self) -> list[tuple[str, str]]:
        """(label, doc id) of every stored document, for a dropdown."""
        return [(f"{m.title}（{d}）", d) for d, m in sorted(self.index.store.metas().items())]

    def ask(self, question: str, chat: list, turns: list, region: str, year: str, doc: str, doc_type: str = "",
            who: str = "page"):
        """Answer in the chat, yielding (chat, turns, source cards, box) as the answer grows."""
        question = (question or "").strip()
        chat = list(chat or [])
        if not question:
            yield chat, turns, "", gr_update_text("")
            return
        y = int(year) if year and str(year).strip().isdigit() else None
        chat.append({"role": "user", "content": question})
        chat.append({"role": "assistant", "content": "检索中…"})
        yield chat, turns, "", gr_update_text("")
        if self.qa.use_llm:
            # stream the model's reply as it grows, then show the checked, cited answer
            from rag.llm import LLMError, stream_llm_answer

            pq = self.qa.parse(question, region or None, y, turns)
            passages = self.qa.search(question, region or None, y, k=8, doc_type=doc_type or None)
            try:
                for partial in stream_llm_answer(self.index.settings, pq.text, passages):
                    chat[-1] = {"role": "assistant", "content": partial}
                    yield chat, turns, "", gr_update_text("")
            except LLMError:
                pass
        a = self.qa.ask(question, region=region or None, year=y, history=turns, docs=[doc] if doc else None,
                        doc_type=doc_type or None)
        self.audit.record(who, "page", question, a.to_dict())
        if a.refused:
            text = a.answer
            cards = citation_cards(a.nearest, "未在文件中找到 · 最接近的段落")
        else:
            text = a.answer
            ctx = {c["n"]: self.section_context(c) for c in a.citations}
            cards = citation_cards(a.citations, "引用", ctx)
        for key, label in (("warning", "⚠️ "), ("llm_error", "⚠️ 大模型不可用，上面是离线抽取的回答。原因：")):
            if a.filters.get(key):  # the official must know when the answer was made with less
                text += f"\n\n{label}{a.filters[key]}"
        chat[-1] = {"role": "assistant", "content": text}
        turns = (list(turns or []) + [a.question])[-5:]
        yield chat, turns, cards, gr_update_text("")

    # --- 起草 ------------------------------------------------------------------------------------
    def draft(self, region: str, year, topics: list[str], extra: str, doc_type: str):
        """Draft a plan; returns (page Markdown, .md path, .docx path), or an error and no files."""
        from rag.drafting import Drafter

        topics = list(topics or []) + [t for t in re.split(r"[，,、\s]+", extra or "") if t]
        try:
            y = int(year)
            d = Drafter(self.index).draft((region or "").strip(), y, topics, doc_type=doc_type or "工作要点")
        except (ValueError, TypeError) as e:
            return f"**无法起草**：{e}", None, None
        out = Path(tempfile.mkdtemp(prefix="planqa-draft-"))
        md_path = out / f"{d.region}{d.year}年应急管理{d.doc_type}（初稿）.md"
        docx_path = md_path.with_suffix(".docx")
        md = d.to_markdown()
        md_path.write_text(md, encoding="utf-8")
        d.to_docx(docx_path)
        # the page's Markdown has no footnotes: superscript references and a numbered source list
        return d.to_page_markdown(), str(md_path), str(docx_path)

    def check(self, draft_file, docs: list[str]):
        """对照检查 on the page: the draft checked against the chosen documents by ``planqa check``'s
        own function; (summary Markdown, table rows). Errors come back as the summary, in Chinese."""
        from rag.check import MISSING, CheckError, check_draft

        path = draft_file if isinstance(draft_file, str) else getattr(draft_file, "name", None)
        if not path:
            return "请先上传草稿（.docx、.md 或 .txt）。", []
        if not docs:
            return "请至少选择一篇参考文档。", []
        try:
            report = check_draft(self.index, path, list(docs))
        except CheckError as e:
            return f"**无法检查**：{e}", []
        c = report.counts()
        summary = (f"**对照检查**：{len(report.items)} 项任务 · 已覆盖 {c['已覆盖']} · 部分覆盖 {c['部分覆盖']} · "
                   f"未覆盖 {c[MISSING]}")
        rows = [[ic.status, f"{ic.item.label}（《{ic.item.title}》）", ic.item.section or "（正文）", ic.passage,
                 f"{ic.item.doc}:{ic.item.start}-{ic.item.end}"] for ic in report.items]
        return summary, rows

    # --- 评测 ------------------------------------------------------------------------------------
    def evaluate(self, gold_file, configs: list[str], progress=None):
        """Run the eval on a gold file; returns the report's HTML body, or an error message."""
        from eval.gold import DEFAULT_GOLD, GoldError, load_gold
        from eval.report import html_report
        from eval.runner import evaluate

        path = gold_file if isinstance(gold_file, str) and gold_file else getattr(gold_file, "name", None) or DEFAULT_GOLD
        try:
            gold = load_gold(path, self.index.store.raw_text)
        except GoldError as e:
            return f"<p class='refused'>金标准文件有误：{html.escape(str(e))}</p>"
        configs = tuple(configs or ["product", "bm25", "dense512"])

        def step(config, done, total):
            if progress is not None:
                progress(done / total, desc=f"{config}: {done}/{total}")

        report = evaluate(self.index, gold, configs, step)
        page = html_report(report)
        return page[page.index("<body>") + 6: page.rindex("</body>")]

    # --- 文档库 -----------------------------------------------------------------------------------
    def library(self) -> list[list]:
        """The documents with their metadata, read fresh from the store (the rows of ``planqa docs``)."""
        from planqa.api import document_rows

        return [library_row(r) for r in document_rows(self.index)]

    def doc_fields(self, doc: str) -> tuple[str, str, str, str, str]:
        """The editable fields of one document as they stand: title, type, region, year, issuer."""
        from planqa.api import document_rows

        for r in document_rows(self.index) if doc else []:
            if r["doc"] == doc:
                return r["title"], r["doc_type"], r["region"], str(r["year"] or ""), r["issuer"]
        return "", "", "", "", ""

    def correct(self, doc: str, title: str, doc_type: str, region: str, year: str, issuer: str) -> str:
        """Store the fields a person changed as the document's correction, through the function
        ``planqa docs set`` uses (checked by ``ingest.metadata.correction``: the same Chinese errors,
        and nothing stored when one field is wrong)."""
        from ingest.metadata import correction
        from planqa.cli import correct_document

        if not doc:
            return "请先选择要更正的文档。"
        if doc not in self.index.store.doc_hashes():
            return f"库中没有文档“{doc}”。"
        now = dict(zip(("title", "doc_type", "region", "year", "issuer"), self.doc_fields(doc)))
        given = {"title": title, "doc_type": doc_type, "region": region, "year": year, "issuer": issuer}
        # only what the person changed: an untouched field stays as read from the document
        changed = {k: (v or "").strip() for k, v in given.items() if (v or "").strip() != (now[k] or "").strip()}
        if not changed:
            return "没有改动。"
        if "year" in changed:
            if not changed["year"].isdigit():
                return f"无法更正：年份“{changed['year']}”须为四位数字"
            changed["year"] = int(changed["year"])
        if "issuer" in changed and not changed["issuer"]:
            changed.pop("issuer")  # as the CLI: a field is corrected, not erased
            if not changed:
                return "没有改动。"
        try:
            fields = correction(**changed)
        except ValueError as e:
            return f"无法更正：{e}"
        with self.ingest_lock:
            row, warning = correct_document(self.index, doc, fields)
        msg = f"已更正 {doc}：{corrected_names(row['corrected'])}（重新导入同一文件后仍然有效）"
        return msg + (f"\n\n⚠️ {warning}" if warning else "")

    def tree(self, doc: str) -> str:
        """A document's section outline as a Markdown list, with passage counts."""
        if not doc:
            return "选择一篇文档查看章节结构。"
        counts: dict[str, int] = {}
        for c in self.index.store.iter_chunks(doc):
            counts[c.section] = counts.get(c.section, 0) + 1
        lines, seen = [], set()
        for section, n in counts.items():
            parts = section.split(" > ") if section else ["（正文）"]
            for depth in range(len(parts)):
                key = tuple(parts[: depth + 1])
                if key in seen:
                    continue
                seen.add(key)
                suffix = f"（{n} 段）" if depth == len(parts) - 1 else ""
                lines.append("  " * depth + f"- {parts[depth]}{suffix}")
        return "\n".join(lines) or "（无内容）"

    def upload_stream(self, files):
        """The 文档库 upload as the page shows it: the ingest runs in a thread and each of its events
        redraws the status (file stages, passages embedded n/m); the last yield is ``upload``'s outcome."""
        if not files:
            yield "请先选择文件。"
            return
        events: queue.Queue = queue.Queue()
        status = IngestStatus()
        result: list[str] = []

        def run() -> None:
            try:
                result.append(self.upload(files, on_event=events.put))
            except Exception as e:  # noqa: BLE001 — shown on the page instead of a silent stop
                result.append(f"- ❌ 导入失败：{e}")
            events.put(None)

        threading.Thread(target=run, daemon=True).start()
        while (e := events.get()) is not None:
            status.add(e)
            while not events.empty():  # the embedder sends many events: draw only the latest state
                nxt = events.get()
                if nxt is None:
                    events.put(None)
                    break
                status.add(nxt)
            yield status.markdown()
        yield result[0]

    def upload(self, files, progress=None, on_event=None) -> str:
        """The 文档库 upload: Gradio's temp files ingested, the outcome as Markdown lines."""
        if not files:
            return "请先选择文件。"
        named = [(getattr(f, "orig_name", None) or Path(getattr(f, "name", f)).name, Path(getattr(f, "name", f)))
                 for f in files]
        report, errors = self.ingest_files(named, progress, on_event)
        lines = []
        if report:
            for f in report.files:
                lines.append(f"- {f['file']}：{ {'added': '已导入', 'replaced': '已更新', 'unchanged': '无变化'}.get(f['status'], f['status'])}"
                             + (f"（{f.get('chunks')} 段）" if f.get("chunks") else ""))
        lines += [f"- ❌ {e['file']}：{e['error']}" if e["file"] else f"- ❌ {e['error']}" for e in errors]
        return "\n".join(lines) or "没有可导入的文件。"

    def ingest_files(self, files: list[tuple[str, Path]], progress=None, on_event=None):
        """Save (name the user gave, temp path) pairs under the index's ``uploads/`` and ingest them;
        the page and the HTTP API both upload through here. Returns the ingest report (None when
        nothing was saved) and the errors as ``{"file", "error"}``. A file that fails is reported by
        name and leaves nothing behind: the previous upload of that name is restored."""
        from ingest.pipeline import ingest_paths

        folder = (self.index.dir / UPLOAD_DIR).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        saved: list[Path] = []
        previous: dict[str, bytes | None] = {}  # what each destination held before, to undo a failure
        errors: list[dict] = []
        for orig, src in files:
            try:
                name = safe_upload_name(orig)
            except ValueError as e:
                errors.append({"file": "", "error": str(e)})
                continue
            dest = (folder / name).resolve()
            if dest.parent != folder:
                errors.append({"file": name, "error": "文件名不合法"})
                continue
            previous.setdefault(name, dest.read_bytes() if dest.is_file() else None)
            dest.write_bytes(Path(src).read_bytes())
            saved.append(dest)

        def step(stage, done, total):
            if progress is not None and total:
                progress(done / total, desc={"read": "读取", "embed": "向量化"}.get(stage, stage))

        with self.ingest_lock:
            report = ingest_paths(self.index, saved, step, on_event=on_event) if saved else None
        if report:
            for e in report.errors:  # a rejected file (its error names it) leaves what was there before
                errors.append({"file": e["file"], "error": e["error"]})
                if e["file"] in previous:
                    old = previous[e["file"]]
                    if old is None:
                        (folder / e["file"]).unlink(missing_ok=True)
                    else:
                        (folder / e["file"]).write_bytes(old)
        return report, errors

    def delete(self, doc: str) -> str:
        """Delete a document from the library; returns a message for the page."""
        if not doc:
            return "请先选择要删除的文档。"
        try:
            n = self.remove(doc)
        except KeyError:
            return f"文档 {doc} 不在库中。"
        return f"已删除 {doc}（{n} 段）。"

    def remove(self, doc: str) -> int:
        """Delete a document and its uploaded file (the page and the HTTP API); KeyError if absent."""
        from ingest.pipeline import delete_document

        with self.ingest_lock:
            n = delete_document(self.index, doc)
        upload = self.index.dir / UPLOAD_DIR / doc
        if upload.is_file():
            upload.unlink()
        return n


def gr_update_text(value: str):
    """A gradio update setting a component's value (gradio imported only when the page runs)."""
    import gradio as gr

    return gr.update(value=value)


def build_app(index_dir: str | None = None, app: App | None = None):
    """The gradio page and its tabs: 问答, 起草, 评测, 文档库."""
    import gradio as gr

    from planqa.config import DOC_TYPES
    from rag.drafting import THEMES

    app = app or App(index_dir)

    with gr.Blocks(title="planqa 应急管理规划问答") as page:
        gr.Markdown("## planqa · 应急管理规划问答与起草")
        with gr.Tabs():
            with gr.Tab("问答", id="qa"):
                turns = gr.State([])
                with gr.Row():
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(label="对话", height=430, buttons=["copy"], elem_id="chat")
                        with gr.Row():
                            q = gr.Textbox(show_label=False, placeholder="例如：2022年燃气安全排查整治由谁牵头？",
                                           scale=5, elem_id="question")
                            send = gr.Button("提问", variant="primary", scale=1, elem_id="ask")
                        with gr.Row():
                            region = gr.Dropdown(["", *app.regions()], value="", label="地区", allow_custom_value=True)
                            year = gr.Textbox(label="年份", placeholder="如 2022")
                            doc = gr.Dropdown([("全部文档", ""), *app.doc_choices()], value="", label="文档")
                            doc_type = gr.Dropdown([("全部类型", ""), *(t for t in DOC_TYPES if t != "其他")],
                                                   value="", label="类型")
                        clear = gr.Button("清空对话", size="sm")
                    with gr.Column(scale=2):
                        cards = gr.HTML(elem_id="citations")
                inputs = [q, chat, turns, region, year, doc, doc_type]
                outputs = [chat, turns, cards, q]

                def ask_page(question, chat_, turns_, region_, year_, doc_, doc_type_="", request=None):
                    # the audit log names the logged-in user (PLANQA_AUTH), else just "page"
                    who = getattr(request, "username", None) or "page"
                    yield from app.ask(question, chat_, turns_, region_, year_, doc_, doc_type_, who=who)

                ask_page.__annotations__ = {"request": gr.Request}  # how Gradio knows to pass the request
                send.click(ask_page, inputs, outputs, api_name="ask")  # stable name for API clients
                q.submit(ask_page, inputs, outputs)
                clear.click(lambda: ([], [], ""), None, [chat, turns, cards])

            with gr.Tab("起草", id="draft"):
                with gr.Row():
                    d_region = gr.Textbox(label="地区", placeholder="如 杭州市", elem_id="draft-region")
                    d_year = gr.Number(label="年份", value=2023, precision=0, elem_id="draft-year")
                    d_type = gr.Radio(["工作要点", "工作计划", "规划"], value="工作要点", label="类型")
                d_topics = gr.CheckboxGroup([t[0] for t in THEMES], label="重点主题（排在前面）")
                d_extra = gr.Textbox(label="其他主题（逗号分隔）")
                d_go = gr.Button("生成初稿", variant="primary", elem_id="draft-go")
                with gr.Row():
                    d_md_file = gr.File(label="下载 Markdown")
                    d_docx_file = gr.File(label="下载 Word (.docx)")
                d_out = gr.Markdown(elem_id="draft-out")
                d_go.click(app.draft, [d_region, d_year, d_topics, d_extra, d_type], [d_out, d_md_file, d_docx_file])

                gr.Markdown("### 对照检查\n上传草稿，选择参考文档：列出参考文档的每项任务在草稿中是否写到（与 `planqa check` 相同）。")
                with gr.Row():
                    c_file = gr.File(label="草稿（.docx .md .txt）", file_types=[".docx", ".md", ".txt"],
                                     elem_id="check-draft")
                    c_docs = gr.Dropdown(app.doc_choices(), value=[], multiselect=True, label="参考文档",
                                         elem_id="check-docs")
                c_go = gr.Button("对照检查", variant="primary", elem_id="check-go")
                c_summary = gr.Markdown(elem_id="check-summary")
                c_table = gr.Dataframe(headers=CHECK_HEADERS, interactive=False, wrap=True, elem_id="check-table")
                c_go.click(app.check, [c_file, c_docs], [c_summary, c_table])

            with gr.Tab("评测", id="eval"):
                with gr.Row():
                    e_gold = gr.File(label="金标准问题集（.jsonl，可选；默认 eval/gold.jsonl）", file_types=[".jsonl"],
                                     elem_id="eval-gold")
                    e_cfg = gr.CheckboxGroup(["product", "bm25", "dense512"], value=["product", "bm25", "dense512"],
                                             label="对比配置")
                e_go = gr.Button("运行评测", variant="primary", elem_id="eval-go")
                e_out = gr.HTML(elem_id="eval-out")

                def run_eval(gold, cfg, progress=gr.Progress()):
                    return app.evaluate(gold, cfg, progress)

                e_go.click(run_eval, [e_gold, e_cfg], e_out)

            with gr.Tab("文档库", id="library"):
                lib = gr.Dataframe(value=app.library(), headers=LIBRARY_HEADERS, interactive=False, elem_id="library")
                with gr.Row():
                    l_doc = gr.Dropdown([("", ""), *app.doc_choices()], value="", label="选择文档", elem_id="lib-doc")
                    l_del = gr.Button("删除所选文档", variant="stop", size="sm")
                with gr.Accordion("更正所选文档的元数据（与 planqa docs set 相同）", open=False):
                    with gr.Row():
                        m_title = gr.Textbox(label="标题", elem_id="meta-title")
                        # typed values are allowed so that a wrong type is refused with its reason
                        m_type = gr.Dropdown(["", *DOC_TYPES], value="", label="类型", allow_custom_value=True,
                                             elem_id="meta-type")
                        m_region = gr.Textbox(label="地区", elem_id="meta-region")
                        m_year = gr.Textbox(label="年份", elem_id="meta-year")
                        m_issuer = gr.Textbox(label="发布单位", elem_id="meta-issuer")
                    m_save = gr.Button("保存更正", variant="primary", size="sm", elem_id="meta-save")
                    m_status = gr.Markdown(elem_id="meta-status")
                l_tree = gr.Markdown()
                l_files = gr.File(label="上传文件（.txt .docx .pdf .html .md）", file_count="multiple",
                                  file_types=[".txt", ".docx", ".pdf", ".html", ".htm", ".md"], elem_id="upload")
                l_go = gr.Button("导入", variant="primary", elem_id="upload-go")
                l_status = gr.Markdown(elem_id="upload-status")

                def refresh():
                    choices = app.doc_choices()
                    return (app.library(), gr.update(choices=[("", ""), *choices]),
                            gr.update(choices=[("全部文档", ""), *choices]), gr.update(choices=["", *app.regions()]),
                            gr.update(choices=choices))

                refreshed = [lib, l_doc, doc, region, c_docs]
                l_doc.change(app.tree, l_doc, l_tree).then(app.doc_fields, l_doc,
                                                           [m_title, m_type, m_region, m_year, m_issuer])
                # one import at a time from this page: the button is off while it runs
                l_go.click(lambda: gr.update(interactive=False), None, l_go).then(
                    app.upload_stream, l_files, l_status).then(refresh, None, refreshed).then(
                    lambda: gr.update(interactive=True), None, l_go)
                l_del.click(app.delete, l_doc, l_status).then(refresh, None, refreshed)
                m_save.click(app.correct, [l_doc, m_title, m_type, m_region, m_year, m_issuer], m_status).then(
                    refresh, None, refreshed)
    page.queue(default_concurrency_limit=8)
    return page


def _check_port(host: str, port: int) -> None:
    """A port already taken is said plainly, before the index is opened (uvicorn would only log it)."""
    import socket

    from planqa.config import ConfigError

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind((host, port))
        except OSError as e:
            raise ConfigError(f"无法在 {host}:{port} 上监听（{e.strerror}）：端口被占用时请换一个 --port") from None


def main(host: str = "127.0.0.1", port: int = 7860, index_dir: str | None = None) -> None:
    """The page and the HTTP API (planqa/api.py) on one port: the API's routes first, the page
    mounted under them; both share one App."""
    import gradio as gr
    import uvicorn

    from planqa.api import build_api, load_keys

    keys = load_keys()  # a bad key setting stops here, before anything listens
    _check_port(host, port)
    app = App(index_dir)
    page = build_app(index_dir, app)
    auth = os.environ.get("PLANQA_AUTH")
    creds = tuple(auth.split(":", 1)) if auth and ":" in auth else None
    # local fonts only: the default theme would make every browser fetch Google Fonts
    theme = gr.themes.Default(font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "ui-sans-serif", "sans-serif"],
                              font_mono=["ui-monospace", "Menlo", "monospace"])
    server = gr.mount_gradio_app(build_api(app, keys), page, path="/", auth=creds, css=CSS, theme=theme,
                                 max_file_size=app.index.settings.max_file_bytes, server_name=host, server_port=port)
    shown = f"[{host}]" if ":" in host else host
    print(f"planqa: 页面 http://{shown}:{port}/  ·  API http://{shown}:{port}/v1 与 /api（文档 /docs）", flush=True)
    print("planqa: API 密钥 " + (f"已配置 {len(keys)} 个" if keys else "未配置：API 只接受本机（127.0.0.1）请求"), flush=True)
    # uvicorn's own log is kept to warnings: request lines are not needed, and keys are never in them
    uvicorn.run(server, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)


if __name__ == "__main__":
    main()

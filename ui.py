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

from planqa import messages as M  # every string a person reads on the page (core layer, imports nothing)

CSS = """
.cite-card{border:1px solid #d0d7de;border-radius:8px;padding:8px 12px;margin:8px 0;background:#fafbfc;font-size:14px;
  scroll-margin-top:80px}
.cite-card .meta{color:#1f2328;font-size:13px;margin-bottom:4px}
.cite-card .pos{color:#8c959f;font-size:12px;margin-top:4px}
.cite-card mark{background:#fff3b0;padding:0 1px}
.cite-card details summary{cursor:pointer;color:#0969da;font-size:13px}
.cite-card .ctx,.cite-card .src{color:#444;border-left:3px solid #d0d7de;padding-left:8px;margin-top:6px;white-space:pre-wrap;
  max-height:320px;overflow-y:auto}
.cite-card .ctx .cited{background:#eef6ff}
.cite-card.flash{animation:planqa-flash 1.8s ease-out}
@keyframes planqa-flash{0%{background:#ffe58f;box-shadow:0 0 0 3px #f0b400}100%{background:#fafbfc;box-shadow:none}}
a.cite-ref,#chat a[href^="#cite-"]{color:#0969da;text-decoration:none;font-weight:600;cursor:pointer}
.refused{color:#9a6700;font-weight:600}
#citations{max-height:620px;overflow-y:auto}
#start table{border-collapse:collapse;font-size:13px;width:100%}
#start td,#start th{border-bottom:1px solid #eaeef2;padding:2px 6px;text-align:left}
#start .lib{max-height:180px;overflow-y:auto}
#upload-status,#eval-progress{min-height:48px}
.file-line{display:flex;gap:8px;align-items:center;font-size:14px;margin:2px 0}
.file-line progress{width:160px;flex:none}
.ok{color:#1a7f37}.bad{color:#cf222e}
#ask-note{color:#9a6700}
@media (max-width: 700px){
  #qa-row{flex-direction:column !important}
  #qa-row > div{width:100% !important;min-width:0 !important;flex:1 1 100% !important}
  #ask-row{flex-wrap:wrap !important}
  #question{min-width:100% !important;flex:1 1 100% !important}
  #ask{flex:1 1 100% !important}
  #fb-row{flex-wrap:wrap !important}
  #fb-row > div{min-width:100% !important;flex:1 1 100% !important}
  #citations{max-height:none}
}
"""
# [n] in an answer links to its card: a click scrolls to the card and flashes it. The links are made
# in the browser (the k-th answer's [n] -> card "cite-k-n"), so the chat's text, its copy button and
# the API's "ask" answer stay plain "[n]".
HEAD = """<script>
(function () {
  function linkCites() {
    document.querySelectorAll('#chat [data-testid="bot"]').forEach(function (bot, i) {
      const walker = document.createTreeWalker(bot, NodeFilter.SHOW_TEXT);
      const found = [];
      while (walker.nextNode()) {
        const n = walker.currentNode;
        if (/\\[\\d{1,3}\\]/.test(n.nodeValue) && !(n.parentElement && n.parentElement.closest('a'))) found.push(n);
      }
      found.forEach(function (n) {
        const frag = document.createDocumentFragment();
        n.nodeValue.split(/(\\[\\d{1,3}\\])/).forEach(function (part) {
          const m = part.match(/^\\[(\\d{1,3})\\]$/);
          if (m) {
            const a = document.createElement('a');
            a.className = 'cite-ref'; a.href = '#cite-' + (i + 1) + '-' + m[1]; a.textContent = part;
            frag.appendChild(a);
          } else if (part) { frag.appendChild(document.createTextNode(part)); }
        });
        n.parentNode.replaceChild(frag, n);
      });
    });
  }
  let queued = false;
  new MutationObserver(function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () { queued = false; linkCites(); });
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  document.addEventListener('click', function (ev) {
    const a = ev.target && ev.target.closest ? ev.target.closest('a[href^="#cite-"]') : null;
    if (!a) return;
    ev.preventDefault(); ev.stopPropagation();
    const card = document.getElementById(a.getAttribute('href').slice(1));
    if (!card) return;
    card.scrollIntoView({behavior: 'smooth', block: 'center'});
    card.classList.remove('flash'); void card.offsetWidth; card.classList.add('flash');
  }, true);
})();
</script>"""

UPLOAD_DIR = "uploads"
N_EXAMPLES = 6  # example questions on the start page
# headings every plan has: asked about, they tell a person nothing of what this library holds
GENERIC_HEADINGS = {"总体要求", "指导思想", "主要目标", "工作目标", "保障措施", "重点工作", "主要任务", "工作要求",
                    "基本原则", "组织保障", "工作措施"}
CANCEL = "::cancel::"  # what the delete confirmation sends when the person says no


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


def card_meta(c: dict) -> str:
    """What a person reads first about a cited passage: title · region · year · section path, and
    已废止 when its document is no longer in force."""
    year = c.get("period") or c.get("year") or ""
    from ingest.validity import NOT_IN_FORCE

    gone = c.get("status") if c.get("status") in NOT_IN_FORCE else ""
    return " · ".join(str(x) for x in (c.get("title"), gone, c.get("region"), year, c.get("section") or M.NO_SECTION)
                      if x)


def citation_cards(citations: list[dict], title: str = "", extras: dict[int, dict] | None = None,
                   turn: int = 0) -> str:
    """Cards with title · region · year · section path and the passage, the supporting sentence marked;
    the document id and offsets in a small 原文位置 line; each expands to its whole section
    (展开所在章节) and to the source text at the cited span (查看原文). ``extras[n]`` holds the
    ``section`` and ``source`` HTML of card n; card n of turn t has the id ``cite-t-n``."""
    parts = [f"<h4>{html.escape(title)}</h4>"] if title else []
    for c in citations:
        ex = (extras or {}).get(c["n"], {})
        more = "".join(
            f'<details><summary>{label}</summary><div class="{cls}">{ex[key]}</div></details>'
            for key, label, cls in (("section", M.SHOW_SECTION, "ctx"), ("source", M.SHOW_SOURCE, "src")) if ex.get(key))
        page = c.get("page")  # a PDF's page (issue 13), and the last one when the passage runs on
        pages = (f' · 第 {page}{"–" + str(c["page_end"]) if c.get("page_end") and c["page_end"] != page else ""} 页'
                 if page else "")
        pos = f'{M.SOURCE_POS}：{html.escape(c["doc"])}{pages} · 第 {c["start"]}–{c["end"]} 字'
        parts.append(
            f'<div class="cite-card" id="cite-{turn}-{c["n"]}" data-n="{c["n"]}">'
            f'<div class="meta"><b>[{c["n"]}]</b> {html.escape(card_meta(c))}</div>'
            f'<div class="passage">{_mark(c["text"], c.get("highlight", []))}</div>{more}'
            f'<div class="pos">{pos}</div></div>'
        )
    return "".join(parts)


UNKNOWN = "未识别"  # a field the document does not state (README "Documents and their metadata")
LIBRARY_HEADERS = ["文档", "标题", "类型", "地区", "年份", "发布单位", "层级", "版本", "效力", "段落", "人工更正"]
CHECK_HEADERS = ["状态", "参考条目", "章节", "稿中对应段落", "出处"]
# the stored names of corrected fields, as a person reads them
FIELD_NAMES = {"title": "标题", "doc_type": "类型", "region": "地区", "level": "层级", "year_from": "年份",
               "year_to": "年份", "issuer": "发布单位", "version": "版本"}
_STAGES = {"parsing": "解析中", "embedding": "向量化中", "stored": "已入库", "skipped": "无变化", "error": "出错"}


def library_row(r: dict) -> list:
    """One row of ``planqa docs --json`` as the 文档库 table shows it: empty fields are 未识别."""
    from planqa.cli import status_words

    return [r["doc"], r["title"] or UNKNOWN, r["doc_type"] or UNKNOWN, r["region"] or UNKNOWN,
            r["period"] or UNKNOWN, r["issuer"] or UNKNOWN, r["level"] or UNKNOWN, r["version"] or UNKNOWN,
            status_words(r) or UNKNOWN, r["chunks"], corrected_names(r["corrected"])]


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

    # how far along a file is at each stage, for its progress bar
    _SHARE = {"解析中": 0.2, "向量化中": 0.5, "已入库": 1.0, "无变化": 1.0, "出错": 1.0}

    def html(self) -> str:
        """The status as HTML: an overall bar (files, passages embedded n/m) and one bar per file."""
        head = html.escape(self.markdown().splitlines()[0].replace("**", ""))
        total = max(self.total_files, 1)
        bar = f'<progress max="{total}" value="{self.done_files}"></progress>'
        if self.embed and self.embed.get("total"):
            bar += f' <progress max="{self.embed["total"]}" value="{self.embed["done"]}"></progress>'
        rows = []
        for name, stage in self.files.items():
            share = next((v for k, v in self._SHARE.items() if stage.startswith(k)), 0.1)
            if stage.startswith("向量化中") and self.embed and self.embed.get("total"):
                share = 0.5 + 0.5 * self.embed["done"] / self.embed["total"]
            cls = "bad" if stage.startswith("出错") else "ok" if share >= 1 else ""
            rows.append(f'<div class="file-line"><progress max="1" value="{share:.2f}"></progress>'
                        f'<span class="{cls}">{html.escape(name)}：{html.escape(stage)}</span></div>')
        return f'<div class="import-status"><div><b>{head}</b> {bar}</div>{"".join(rows)}</div>'


def _period(m) -> str:
    """A document's year or span as text ("2022", "2021-2025"), "" when it states none."""
    a, b = getattr(m, "year_from", None), getattr(m, "year_to", None)
    return "" if not a else str(a) if not b or b == a else f"{a}-{b}"


def _cite_line(c: dict) -> str:
    return f"《{c['title']}》 {card_meta({**c, 'title': ''}).strip(' ·')}（{M.SOURCE_POS}：{c['doc']} 第 {c['start']}–{c['end']} 字）"


def conversation_markdown(answers: list[dict]) -> str:
    """The page's conversation as Markdown: each question, its answer and a numbered citation list."""
    lines = ["# 问答记录", ""]
    for k, x in enumerate(answers, 1):
        lines += [f"## {k}. {x['question']}", "", x["answer"], ""]
        if x["citations"]:
            lines += ["**引用**", ""]
            for c in x["citations"]:
                lines += [f"{c['n']}. {_cite_line(c)}", "", "   > " + c["text"].replace("\n", " "), ""]
    return "\n".join(lines)


def conversation_docx(answers: list[dict], path: Path) -> None:
    """The page's conversation as a Word file, citations listed under each answer."""
    import docx

    d = docx.Document()
    d.add_heading("问答记录", level=1)
    for k, x in enumerate(answers, 1):
        d.add_heading(f"{k}. {x['question']}", level=2)
        d.add_paragraph(x["answer"])
        if x["citations"]:
            d.add_paragraph("引用").runs[0].bold = True
            for c in x["citations"]:
                d.add_paragraph(f"[{c['n']}] {_cite_line(c)}")
                d.add_paragraph(c["text"]).paragraph_format.left_indent = docx.shared.Cm(1)
    d.save(str(path))


def eval_progress_html(configs: tuple[str, ...], done: dict[str, int], total: int) -> str:
    """The 评测 tab while it runs: one bar per configuration, the question each has reached."""
    rows = "".join(
        f'<div class="file-line"><progress max="{total}" value="{done[c]}"></progress>'
        f'<span>{html.escape(M.EVAL_PROGRESS.format(config=M.CONFIG_NAMES.get(c, c), done=done[c], total=total))}'
        f'{"（完成）" if done[c] >= total else ""}</span></div>' for c in configs)
    return f'<div id="eval-progress"><b>评测进行中</b>{rows}</div>'


def _fmt(v) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) and v <= 1.0 else f"{v}"


def eval_plots(report: dict) -> dict[str, str]:
    """The report's two plots with Chinese labels, as base64 PNG (drawn by eval/report.py, as
    `planqa eval --report` draws them)."""
    from eval.report import plots

    return plots(report)


def eval_html(report: dict) -> str:
    """The eval report for the page, in Chinese: the scores table (each column explained), plots
    and the questions planqa failed with the reasons."""
    esc = html.escape
    head = "".join(f'<th title="{esc(tip)}">{esc(name)}</th>' for _, name, tip in M.METRICS)
    rows = []
    for name, cfg in report["configs"].items():
        cells = "".join(f"<td>{_fmt(cfg['overall'].get(k))}</td>" for k, _, _ in M.METRICS)
        rows.append(f"<tr><th>{esc(M.CONFIG_NAMES.get(name, name))}</th>{cells}</tr>")
    helps = "".join(f"<li><b>{esc(n)}</b>：{esc(t)}</li>" for _, n, t in M.METRICS)
    fails = []
    for r in report["results"]:
        if r["config"] != "product" or not r["failed"]:
            continue
        got = "".join(f"<li>{'✔' if p['relevant'] else '✘'} {esc(p['doc'])} {esc(p['section'])}<br>"
                      f"<small>{esc(p['text'])}</small></li>" for p in r["retrieved"][:5])
        why = "；".join(M.FAILURES.get(f, M.zh(f)) for f in r["failed"])
        fails.append(f"<details><summary><b>{esc(r['id'])}</b>［{esc(M.QUESTION_TYPES.get(r['type'], r['type']))}］"
                     f"{esc(r['question'])} — {esc(why)}</summary><p>{esc(r['answer'])}</p><ol>{got}</ol></details>")
    beats = report.get("product_beats_baselines", {})
    beat = (f"<p>{M.EVAL_BEATS}" + "，".join(f"{esc(M.CONFIG_NAMES.get(k, k))}：{'是' if v else '否'}"
                                             for k, v in beats.items()) + "</p>") if beats else ""
    imgs = "".join(f'<img alt="{k}" style="max-width:100%" src="data:image/png;base64,{v}">'
                   for k, v in eval_plots(report).items())
    title = M.EVAL_TITLE.format(n=report["questions"], s=report.get("seconds", "–"))
    return (f"<h3>{title}</h3><div style='overflow-x:auto'><table class='eval-table'><tr><th>配置</th>{head}</tr>"
            f"{''.join(rows)}</table></div>{beat}<details><summary>{M.EVAL_METRIC_HELP}</summary><ul>{helps}</ul></details>"
            f"{imgs}<h4>{M.EVAL_FAILED_TITLE}</h4>{''.join(fails) or '<p>' + M.EVAL_NO_FAILURES + '</p>'}")



def _release_memory() -> None:
    """Return the heap an ingest freed to the system (glibc keeps it otherwise, and a server that
    ingests uploads all day would only grow); a no-op where libc has no malloc_trim."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass

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
    def section_chunks(self, c: dict) -> list:
        """The chunks of the cited passage's section: every chunk of its document with the same
        section path (the neighbours, when the passage has no section)."""
        if not c.get("section"):
            return self.index.store.neighbours(c["doc"], self._ordinal(c), radius=2)
        chunks = [x for x in self.index.store.iter_chunks(c["doc"]) if x.section == c["section"]]
        if len(chunks) > 40:  # a very long section: the 40 chunks around the cited one
            at = next((i for i, x in enumerate(chunks) if x.start <= c["start"] < x.end), 0)
            chunks = chunks[max(0, at - 20): at + 20]
        return chunks

    def section_context(self, c: dict) -> str:
        """The text of the cited passage's whole section (all its chunks, in order)."""
        return "\n".join(x.text for x in self.section_chunks(c))

    def card_extras(self, c: dict, raw_cache: dict | None = None) -> dict:
        """The 展开所在章节 and 查看原文 HTML of one citation: the whole section with the cited passage
        (and its supporting sentences) highlighted, and the source text around the cited span."""
        parts = []
        for x in self.section_chunks(c):
            text = _mark(x.text, c.get("highlight", []))
            cited = x.start < c["end"] and c["start"] < x.end
            parts.append(f'<span class="cited">{text}</span>' if cited else text)
        raw_cache = {} if raw_cache is None else raw_cache
        if c["doc"] not in raw_cache:
            raw_cache[c["doc"]] = self.index.store.raw_text(c["doc"]) or ""
        raw = raw_cache[c["doc"]]
        source = ""
        if raw and 0 <= c["start"] < c["end"] <= len(raw):
            a, b = max(0, c["start"] - 400), min(len(raw), c["end"] + 400)
            source = (("…" if a else "") + html.escape(raw[a:c["start"]]) + f'<mark class="span">{html.escape(raw[c["start"]:c["end"]])}</mark>'
                      + html.escape(raw[c["end"]:b]) + ("…" if b < len(raw) else ""))
        return {"section": "\n".join(parts), "source": source}

    def _ordinal(self, c: dict) -> int:
        return self.index.store.ordinal_at(c["doc"], c["start"])  # SQL stays inside the document store

    def regions(self) -> list[str]:
        """The regions of the stored documents, sorted."""
        return sorted({m.region for m in self.index.store.metas().values() if m.region})

    def doc_choices(self) -> list[tuple[str, str]]:
        """(label, doc id) of every stored document, for a dropdown."""
        return [(f"{m.title}（{d}）", d) for d, m in sorted(self.index.store.metas().items())]

    def start_html(self) -> str:
        """The start page: the documents held (title, region, year, type), read fresh."""
        metas = sorted(self.index.store.metas().items())
        if not metas:
            return f"<p>{M.EMPTY_LIBRARY}</p>"
        rows = "".join(
            f"<tr><td>{html.escape(m.title or d)}</td><td>{html.escape(m.region or UNKNOWN)}</td>"
            f"<td>{html.escape(_period(m) or UNKNOWN)}</td><td>{html.escape(m.doc_type or UNKNOWN)}</td></tr>"
            for d, m in metas)
        return (f"<b>{M.START_TITLE}（{len(metas)} 篇）</b><div class='lib'><table><tr><th>标题</th><th>地区</th>"
                f"<th>年份</th><th>类型</th></tr>{rows}</table></div>")

    def example_questions(self, k: int = 6) -> list[str]:
        """Up to ``k`` questions drawn from the documents held: each document's section headings
        (their markers dropped) asked about with its region and year, one document after another."""
        from planqa.rules import HEADING_PREFIX

        per_doc: list[list[str]] = []
        for d, m in sorted(self.index.store.metas().items()):
            where = f"{m.region or ''}{_period(m)}{'年' if _period(m) else ''}"
            asks, seen = [], set()
            for c in self.index.store.iter_chunks(d):
                for part in (c.section or "").split(" > ")[1:] or (c.section or "").split(" > "):
                    topic = HEADING_PREFIX.sub("", part).strip(" ：:。")
                    if (not (2 <= len(topic) <= 14) or re.search(r"[，。；、,;（(]", topic) or topic in seen
                            or topic in GENERIC_HEADINGS):
                        continue
                    seen.add(topic)
                    asks.append(f"{where}{topic}有哪些安排？")
            if not asks and m.title:
                asks.append(f"《{m.title}》的主要任务有哪些？")
            per_doc.append(asks)
        out: list[str] = []
        for depth in range(k):
            for asks in per_doc:
                if depth < len(asks) and len(out) < k:
                    out.append(asks[depth * 3 % len(asks)] if len(asks) > 3 else asks[depth])
        return list(dict.fromkeys(out))[:k]

    def ask(self, question: str, chat: list, turns: list, region: str, year: str, doc: str, doc_type: str = "",
            who: str = "page", answers: list | None = None):
        """Answer in the chat, yielding (chat, turns, source cards, box, answers, note) as the answer grows;
        ``answers`` keeps each answer (question, text, citations) for feedback and export."""
        question = (question or "").strip()
        chat = list(chat or [])
        answers = list(answers or [])
        if not question:
            yield chat, turns, gr_skip(), gr_update_text(""), answers, M.EMPTY_QUESTION
            return
        y = int(year) if year and str(year).strip().isdigit() else None
        chat.append({"role": "user", "content": question})
        chat.append({"role": "assistant", "content": M.SEARCHING})
        yield chat, turns, gr_skip(), gr_update_text(""), answers, ""
        if self.qa.use_llm:
            # stream the model's reply as it grows, then show the checked, cited answer
            from rag.llm import LLMError, stream_llm_answer

            pq = self.qa.parse(question, region or None, y, turns)
            passages = self.qa.search(question, region or None, y, k=8, doc_type=doc_type or None)
            try:
                for partial in stream_llm_answer(self.index.settings, pq.text, passages):
                    chat[-1] = {"role": "assistant", "content": partial}
                    yield chat, turns, gr_skip(), gr_update_text(""), answers, ""
            except LLMError:
                pass
        a = self.qa.ask(question, region=region or None, year=y, history=turns, docs=[doc] if doc else None,
                        doc_type=doc_type or None)
        self.audit.record(who, "page", question, a.to_dict())
        turn = len(answers) + 1
        shown = a.nearest if a.refused else a.citations
        raw_cache: dict = {}
        extras = {c["n"]: self.card_extras(c, raw_cache) for c in shown}
        cards = citation_cards(shown, M.NEAREST_TITLE if a.refused else M.CITES_TITLE, extras, turn)
        text = a.answer
        for key, label in (("warning", "⚠️ "), ("llm_error", M.LLM_FALLBACK)):
            if a.filters.get(key):  # the official must know when the answer was made with less
                text += f"\n\n{label}{M.zh(a.filters[key])}"
        chat[-1] = {"role": "assistant", "content": text}  # [n] become links in the browser (HEAD)
        answers.append({"turn": turn, "index": len(chat) - 1, "question": question, "answer": text,
                        "refused": a.refused, "citations": [dict(c) for c in a.citations],
                        "filters": {k: v for k, v in a.filters.items() if isinstance(v, (str, int, float, bool))}})
        turns = (list(turns or []) + [a.question])[-5:]
        yield chat, turns, cards, gr_update_text(""), answers, ""

    def feedback(self, answers: list, index, liked, who: str = "page") -> tuple[str, int | None]:
        """Store 👍 (liked) or 👎 on the answer at chat position ``index``; (message, feedback id)."""
        pos = index[0] if isinstance(index, (list, tuple)) else index
        found = next((x for x in answers or [] if x["index"] == pos), None)
        if found is None or liked is None:
            return M.FEEDBACK_NONE, None
        fid = self.index.store.add_feedback(question=found["question"], answer=found["answer"], refused=found["refused"],
                                            citations=found["citations"], filters=found["filters"],
                                            rating=1 if liked is True or liked == "Like" else -1, who=who)
        return M.FEEDBACK_SAVED.format(mark="赞" if liked is True or liked == "Like" else "踩"), fid

    def feedback_comment(self, fid: int | None, comment: str) -> str:
        """Add a comment to the feedback just given."""
        if fid is None:
            return M.FEEDBACK_NONE
        self.index.store.set_feedback_comment(fid, (comment or "").strip())
        return M.FEEDBACK_COMMENT_SAVED

    def export(self, answers: list, fmt: str) -> str | None:
        """The conversation with its citations as a Markdown or .docx file; its path (None if empty)."""
        if not answers:
            return None
        out = Path(tempfile.mkdtemp(prefix="planqa-chat-")) / f"问答记录.{'docx' if fmt == 'docx' else 'md'}"
        if fmt == "docx":
            conversation_docx(answers, out)
        else:
            out.write_text(conversation_markdown(answers), encoding="utf-8")
        return str(out)

    # --- 起草 ------------------------------------------------------------------------------------
    def draft(self, region: str, year, topics: list[str], extra: str, doc_type: str):
        """Draft a plan; returns (page Markdown, .md path, .docx path), or an error and no files."""
        from rag.drafting import Drafter

        topics = list(topics or []) + [t for t in re.split(r"[，,、\s]+", extra or "") if t]
        if not (region or "").strip():
            return M.DRAFT_FAILED.format(reason=M.DRAFT_NO_REGION), None, None
        try:
            y = int(year)
        except (ValueError, TypeError):
            return M.DRAFT_FAILED.format(reason=M.DRAFT_BAD_YEAR), None, None
        try:
            d = Drafter(self.index).draft((region or "").strip(), y, topics, doc_type=doc_type or "工作要点")
        except (ValueError, TypeError) as e:
            return M.DRAFT_FAILED.format(reason=M.zh(str(e))), None, None
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
        """Run the eval on a gold file; returns the report as Chinese HTML, or an error message."""
        out = ""
        for out in self.evaluate_stream(gold_file, configs, progress):
            pass
        return out

    def evaluate_stream(self, gold_file, configs: list[str], progress=None):
        """The eval as the page shows it: while it runs, a bar per configuration and the question
        reached; at the end the report with Chinese column names, explanations, plots and failures."""
        from eval.gold import DEFAULT_GOLD, GoldError, load_gold
        from eval.runner import evaluate

        path = gold_file if isinstance(gold_file, str) and gold_file else getattr(gold_file, "name", None) or DEFAULT_GOLD
        try:
            gold = load_gold(path, self.index.store.raw_text)
        except GoldError as e:
            yield f"<p class='refused'>{html.escape(M.EVAL_BAD_GOLD.format(reason=M.zh(str(e))))}</p>"
            return
        configs = tuple(configs or ["product", "bm25", "dense512"])
        done = {c: 0 for c in configs}
        events: queue.Queue = queue.Queue()

        def step(config, n, total):
            done[config] = n
            events.put(config)
            if progress is not None:
                k = configs.index(config)
                progress((k + n / total) / len(configs),
                         desc=f"配置 {k + 1}/{len(configs)} · " + M.EVAL_PROGRESS.format(
                             config=M.CONFIG_NAMES.get(config, config), done=n, total=total))

        result: list = []

        def run() -> None:
            try:
                result.append(evaluate(self.index, gold, configs, step))
            except Exception as e:  # noqa: BLE001 — shown on the page instead of a silent stop
                result.append(e)
            events.put(None)

        threading.Thread(target=run, daemon=True).start()
        yield eval_progress_html(configs, done, len(gold))
        while events.get() is not None:
            while not events.empty():
                if events.get() is None:
                    events.put(None)
                    break
            yield eval_progress_html(configs, done, len(gold))
        if isinstance(result[0], Exception):
            yield f"<p class='refused'>评测失败：{html.escape(M.zh(str(result[0])))}</p>"
            return
        yield eval_html(result[0])

    # --- 文档库 -----------------------------------------------------------------------------------
    def library(self) -> list[list]:
        """The documents with their metadata, read fresh from the store (the rows of ``planqa docs``)."""
        from planqa.api import document_rows

        return [library_row(r) for r in document_rows(self.index)]

    def library_count(self) -> str:
        """How many documents and passages the library holds, read fresh."""
        return f"库中共 {len(self.index.store.doc_hashes())} 篇文档 · {self.index.store.chunk_count()} 段"

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

    def upload_stream(self, files, as_html: bool = False):
        """The 文档库 upload as the page shows it: the ingest runs in a thread and each of its events
        redraws the status (file stages, passages embedded n/m); the last yield is ``upload``'s outcome
        with its errors in Chinese. ``as_html``: the page's form, with a progress bar per file."""
        if not files:
            yield M.NO_FILES
            return
        events: queue.Queue = queue.Queue()
        status = IngestStatus()
        result: list[str] = []

        def run() -> None:
            try:
                result.append(self.upload(files, on_event=events.put, translate=True))
            except Exception as e:  # noqa: BLE001 — shown on the page instead of a silent stop
                result.append("- ❌ " + M.UPLOAD_FAILED.format(reason=M.zh(str(e))))
            events.put(None)

        threading.Thread(target=run, daemon=True).start()
        if as_html:
            yield f"<b>导入中</b> · 准备 {len(files)} 个文件… <progress></progress>"
        while (e := events.get()) is not None:
            status.add(e)
            while not events.empty():  # the embedder sends many events: draw only the latest state
                nxt = events.get()
                if nxt is None:
                    events.put(None)
                    break
                status.add(nxt)
            yield status.html() if as_html else status.markdown()
        yield outcome_html(result[0]) if as_html else result[0]

    def upload(self, files, progress=None, on_event=None, translate: bool = False) -> str:
        """The 文档库 upload: Gradio's temp files ingested, the outcome as Markdown lines (the loaders'
        messages as they are, or in Chinese with ``translate``, as the page shows them)."""
        if not files:
            return M.NO_FILES
        named = [(getattr(f, "orig_name", None) or Path(getattr(f, "name", f)).name, Path(getattr(f, "name", f)))
                 for f in files]
        report, errors = self.ingest_files(named, progress, on_event)
        lines = []
        if report:
            for f in report.files:
                lines.append(f"- {f['file']}：{ {'added': '已导入', 'replaced': '已更新', 'unchanged': '无变化'}.get(f['status'], f['status'])}"
                             + (f"（{f.get('chunks')} 段）" if f.get("chunks") else ""))
        tr = M.zh if translate else str
        lines += [f"- ❌ {e['file']}：{tr(e['error'])}" if e["file"] else f"- ❌ {tr(e['error'])}" for e in errors]
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
            _release_memory()  # a long-lived server: give back what parsing, embedding and BM25 used
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
        if doc == CANCEL:  # the person said no to the page's confirmation
            return M.DELETE_CANCELLED
        if not doc:
            return M.DELETE_PICK
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


def outcome_html(lines: str) -> str:
    """The import's outcome lines (Markdown "- …") as HTML lines, failures marked."""
    out = []
    for line in lines.splitlines():
        text = line.removeprefix("- ")
        out.append(f'<div class="file-line {"bad" if "❌" in text else "ok"}">{html.escape(text)}</div>')
    return f'<div class="import-status"><b>导入完成</b>{"".join(out)}</div>'


def gr_skip():
    """A gradio update that leaves a component as it is."""
    import gradio as gr

    return gr.skip()


def gr_update_text(value: str):
    """A gradio update setting a component's value (gradio imported only when the page runs)."""
    import gradio as gr

    return gr.update(value=value)




def build_app(index_dir: str | None = None, app: App | None = None):
    """The gradio page and its tabs: 问答, 起草, 评测, 文档库. The library, dropdowns, counts and
    example questions are read on every page load and after every change (another process may
    have changed the index)."""
    import gradio as gr

    from planqa.config import DOC_TYPES
    from rag.drafting import THEMES

    app = app or App(index_dir)

    with gr.Blocks(title="planqa 应急管理规划问答") as page:
        gr.Markdown("## planqa · 应急管理规划问答与起草")
        with gr.Tabs():
            with gr.Tab("问答", id="qa"):
                turns = gr.State([])
                answers = gr.State([])
                fb_id = gr.State(None)
                with gr.Accordion("库中文件与示例问题", open=True, elem_id="start-box"):
                    start = gr.HTML(elem_id="start")
                    gr.Markdown(M.EXAMPLES_TITLE)
                    with gr.Row(elem_id="examples"):
                        examples = [gr.Button("", size="sm", visible=False, elem_classes=["example-q"])
                                    for _ in range(N_EXAMPLES)]
                with gr.Row(elem_id="qa-row"):
                    with gr.Column(scale=3, min_width=300):
                        chat = gr.Chatbot(label="对话", height=430, buttons=["copy"], elem_id="chat",
                                          feedback_options=("Like", "Dislike"))
                        with gr.Row(elem_id="ask-row"):
                            q = gr.Textbox(show_label=False, placeholder="例如：2022年燃气安全排查整治由谁牵头？",
                                           scale=5, elem_id="question", min_width=200)
                            send = gr.Button("提问", variant="primary", scale=1, elem_id="ask", min_width=80)
                        note = gr.Markdown(elem_id="ask-note")
                        with gr.Row():
                            region = gr.Dropdown([("全部地区", "")], value="", label="地区", allow_custom_value=True,
                                                 elem_id="region")
                            year = gr.Textbox(label="年份", placeholder="如 2022")
                            doc = gr.Dropdown([("全部文档", "")], value="", label="文档", elem_id="doc")
                            doc_type = gr.Dropdown([("全部类型", ""), *(t for t in DOC_TYPES if t != "其他")],
                                                   value="", label="类型")
                        with gr.Row():
                            clear = gr.Button("清空对话", size="sm")
                            exp_md = gr.Button("导出对话（Markdown）", size="sm", elem_id="export-md")
                            exp_docx = gr.Button("导出对话（Word）", size="sm", elem_id="export-docx")
                        exp_file = gr.File(label="导出的文件", visible=False, elem_id="export-file")
                        with gr.Row(elem_id="fb-row"):
                            fb_text = gr.Textbox(show_label=False, placeholder="对回答点“赞”或“踩”后，可在此写说明（可选）",
                                                 scale=4, elem_id="fb-comment")
                            fb_send = gr.Button("补充说明", size="sm", scale=1, elem_id="fb-send")
                        fb_note = gr.Markdown(elem_id="fb-note")
                    with gr.Column(scale=2, min_width=300):
                        cards = gr.HTML(elem_id="citations")
                inputs = [q, chat, turns, region, year, doc, doc_type, answers]
                outputs = [chat, turns, cards, q, answers, note]

                def ask_page(question, chat_, turns_, region_, year_, doc_, doc_type_="", answers_=None, request=None):
                    # the audit log names the logged-in user (PLANQA_AUTH), else just "page"
                    who = getattr(request, "username", None) or "page"
                    yield from app.ask(question, chat_, turns_, region_, year_, doc_, doc_type_, who=who,
                                       answers=answers_)

                ask_page.__annotations__ = {"request": gr.Request}  # how Gradio knows to pass the request
                send.click(ask_page, inputs, outputs, api_name="ask")  # stable name for API clients
                q.submit(ask_page, inputs, outputs)
                for b in examples:  # an example question fills the box and is asked
                    b.click(lambda v: v, b, q).then(ask_page, inputs, outputs)
                clear.click(lambda: ([], [], "", [], ""), None, [chat, turns, cards, answers, note])

                def export(answers_, fmt):
                    path = app.export(answers_, fmt)
                    if path is None:
                        return gr.update(value=None, visible=False), M.EXPORT_EMPTY
                    return gr.update(value=path, visible=True), ""

                exp_md.click(lambda a: export(a, "md"), answers, [exp_file, note])
                exp_docx.click(lambda a: export(a, "docx"), answers, [exp_file, note])

                def on_like(answers_, comment, data: gr.LikeData, request: gr.Request):
                    who = getattr(request, "username", None) or "page"
                    msg, fid = app.feedback(answers_, data.index, data.liked, who=who)
                    if fid is not None and (comment or "").strip():
                        app.feedback_comment(fid, comment)
                    return msg, fid

                on_like.__annotations__ = {"data": gr.LikeData, "request": gr.Request}  # resolved here (see ask_page)
                chat.like(on_like, [answers, fb_text], [fb_note, fb_id])
                fb_send.click(app.feedback_comment, [fb_id, fb_text], fb_note)

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
                    c_docs = gr.Dropdown([], value=[], multiselect=True, label="参考文档", elem_id="check-docs")
                c_go = gr.Button("对照检查", variant="primary", elem_id="check-go")
                c_summary = gr.Markdown(elem_id="check-summary")
                c_table = gr.Dataframe(headers=CHECK_HEADERS, interactive=False, wrap=True, elem_id="check-table")
                c_go.click(app.check, [c_file, c_docs], [c_summary, c_table])

            with gr.Tab("评测", id="eval"):
                with gr.Row():
                    e_gold = gr.File(label="金标准问题集（.jsonl，可选；默认 eval/gold.jsonl）", file_types=[".jsonl"],
                                     elem_id="eval-gold")
                    e_cfg = gr.CheckboxGroup([(M.CONFIG_NAMES[c], c) for c in ("product", "bm25", "dense512")],
                                             value=["product", "bm25", "dense512"], label="对比配置")
                gr.Markdown("每个配置回答全部问题并打分：前5命中率、平均倒数排名看检索，要点覆盖率、引用命中率看回答，"
                            "正确拒答率看库中无答案的问题。运行时显示每个配置做到第几题。")
                e_go = gr.Button("运行评测", variant="primary", elem_id="eval-go")
                e_out = gr.HTML(elem_id="eval-out")

                def run_eval(gold, cfg, progress=gr.Progress()):
                    yield from app.evaluate_stream(gold, cfg, progress)

                e_go.click(lambda: gr.update(interactive=False), None, e_go).then(
                    run_eval, [e_gold, e_cfg], e_out).then(lambda: gr.update(interactive=True), None, e_go)

            with gr.Tab("文档库", id="library"):
                l_count = gr.Markdown(elem_id="lib-count")
                lib = gr.Dataframe(headers=LIBRARY_HEADERS, interactive=False, elem_id="library")
                with gr.Row():
                    l_doc = gr.Dropdown([("", "")], value="", label="选择文档", elem_id="lib-doc", scale=4)
                    l_del = gr.Button("删除所选文档", variant="stop", size="sm", elem_id="lib-delete", scale=1)
                l_del_status = gr.Markdown(elem_id="delete-status")
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
                l_status = gr.HTML(elem_id="upload-status")

                def refresh():
                    """Everything read from the index, fresh: after a change here or in another process."""
                    choices = app.doc_choices()
                    asks = app.example_questions(N_EXAMPLES)
                    return (app.library(), app.library_count(), gr.update(choices=[("", ""), *choices]),
                            gr.update(choices=[("全部文档", ""), *choices]),
                            gr.update(choices=[("全部地区", ""), *app.regions()]), gr.update(choices=choices),
                            app.start_html(),
                            *[gr.update(value=asks[i], visible=True) if i < len(asks) else gr.update(visible=False)
                              for i in range(N_EXAMPLES)])

                refreshed = [lib, l_count, l_doc, doc, region, c_docs, start, *examples]
                page.load(refresh, None, refreshed)
                l_doc.change(app.tree, l_doc, l_tree).then(app.doc_fields, l_doc,
                                                           [m_title, m_type, m_region, m_year, m_issuer])

                def upload_page(files):
                    yield from app.upload_stream(files, as_html=True)

                # one import at a time from this page: the button is off while it runs
                l_go.click(lambda: gr.update(interactive=False), None, l_go).then(
                    upload_page, l_files, l_status).then(refresh, None, refreshed).then(
                    lambda: gr.update(interactive=True), None, l_go)
                # the browser asks first; its answer travels in a hidden box (a dropdown takes only its choices)
                l_del_ok = gr.Textbox(visible=False)
                confirm = f"(d, _) => [d, (d && !window.confirm({M.DELETE_CONFIRM!r} + '\\n' + d)) ? {CANCEL!r} : 'ok']"
                l_del.click(lambda d, ok: app.delete(CANCEL if ok == CANCEL else d), [l_doc, l_del_ok], l_del_status,
                            js=confirm).then(refresh, None, refreshed)
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
    server = gr.mount_gradio_app(build_api(app, keys), page, path="/", auth=creds, css=CSS, head=HEAD, theme=theme,
                                 max_file_size=app.index.settings.max_file_bytes, server_name=host, server_port=port)
    shown = f"[{host}]" if ":" in host else host
    print(f"planqa: 页面 http://{shown}:{port}/  ·  API http://{shown}:{port}/v1 与 /api（文档 /docs）", flush=True)
    print("planqa: API 密钥 " + (f"已配置 {len(keys)} 个" if keys else "未配置：API 只接受本机（127.0.0.1）请求"), flush=True)
    # uvicorn's own log is kept to warnings: request lines are not needed, and keys are never in them
    uvicorn.run(server, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)


if __name__ == "__main__":
    main()

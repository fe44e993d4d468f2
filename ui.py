"""planqa web page (Gradio). Binds 127.0.0.1 unless told otherwise; no calls home.

This is the first slice of the page: 问答 with cited answers and the passages highlighted. The
full page (tabs for drafting, evaluation and the library) is its own issue.
"""
from __future__ import annotations

import html
import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

CSS = """
.cite-card{border:1px solid #d0d7de;border-radius:8px;padding:10px 12px;margin:8px 0;background:#fafbfc}
.cite-card .meta{color:#57606a;font-size:0.9em;margin-bottom:4px}
.cite-card mark{background:#fff3b0;padding:0 1px}
.refused{color:#9a6700;font-weight:600}
"""


def citation_cards(citations: list[dict], title: str = "") -> str:
    """Citation cards: title, region, year, section path, the passage with the supporting sentence marked."""
    parts = [f"<h4>{html.escape(title)}</h4>"] if title else []
    for c in citations:
        text = html.escape(c["text"])
        for h in c.get("highlight") or []:
            hh = html.escape(h)
            if hh and hh in text:
                text = text.replace(hh, f"<mark>{hh}</mark>", 1)
        parts.append(
            f'<div class="cite-card"><div class="meta"><b>[{c["n"]}] {html.escape(c["title"])}</b> · '
            f'{html.escape(c["region"] or "")} · {html.escape(str(c.get("period") or c.get("year") or ""))}<br>'
            f'{html.escape(c["section"] or "（无章节）")} · <code>{html.escape(c["doc"])}:{c["start"]}-{c["end"]}</code></div>'
            f"<div>{text}</div></div>"
        )
    return "".join(parts)


def build_app(index_dir: str | None = None):
    import gradio as gr

    from ingest.index import Index
    from planqa.config import Settings
    from rag.qa import QA

    index = Index(Settings.from_env(index_dir))
    qa = QA(index)

    def ask(question: str, region: str, year: str, history: list[str]):
        question = (question or "").strip()
        y = int(year) if year and year.strip().isdigit() else None
        a = qa.ask(question, region=region or None, year=y, history=history)
        if a.refused:
            answer = f'<p class="refused">{html.escape(a.answer)}</p>'
            cards = citation_cards(a.nearest, "最接近的段落")
        else:
            answer = "<p>" + html.escape(a.answer).replace("\n", "<br>") + "</p>"
            cards = citation_cards(a.citations, "引用")
        if question:
            history = (history + [a.question])[-5:]
        return answer, cards, history

    with gr.Blocks(title="planqa 应急管理规划问答") as app:
        gr.Markdown("# planqa 应急管理规划问答")
        history = gr.State([])
        with gr.Row():
            q = gr.Textbox(label="问题", placeholder="例如：2022年燃气安全排查整治由谁牵头？", scale=4)
            region = gr.Textbox(label="地区（可选）", scale=1)
            year = gr.Textbox(label="年份（可选）", scale=1)
        btn = gr.Button("提问", variant="primary")
        answer = gr.HTML(elem_id="answer")
        cards = gr.HTML(elem_id="citations")
        btn.click(ask, [q, region, year, history], [answer, cards, history])
        q.submit(ask, [q, region, year, history], [answer, cards, history])
    return app


def main(host: str = "127.0.0.1", port: int = 7860, index_dir: str | None = None) -> None:
    import gradio as gr

    app = build_app(index_dir)
    auth = os.environ.get("PLANQA_AUTH")
    creds = tuple(auth.split(":", 1)) if auth and ":" in auth else None
    app.launch(server_name=host, server_port=port, auth=creds, share=False, css=CSS,
               theme=gr.themes.Default())


if __name__ == "__main__":
    main()

"""planqa web page (Gradio). Binds 127.0.0.1 unless told otherwise; no calls home."""
from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"


def build_app(index_dir: str | None = None):
    import gradio as gr

    from ingest.index import Index
    from planqa.config import Settings
    from rag.retriever import Filters, HybridRetriever

    index = Index(Settings.from_env(index_dir))
    retriever = HybridRetriever(index)

    def search(question: str, region: str, year: str):
        question = (question or "").strip()
        if not question:
            return "请输入问题。"
        y = int(year) if year and year.strip().isdigit() else None
        passages = retriever.retrieve(question, k=5, filters=Filters(region=region or "", year=y))
        if not passages:
            return "未在文件中找到相关内容。"
        lines = []
        for i, p in enumerate(passages, 1):
            c = p.to_citation(i)
            lines.append(f"**[{i}] {c['title']}**（{c['region']}，{c['period']}）  \n{c['section']}\n\n> {c['text']}\n")
        return "\n".join(lines)

    with gr.Blocks(title="planqa 应急管理规划问答") as app:
        gr.Markdown("# planqa 应急管理规划问答")
        with gr.Row():
            q = gr.Textbox(label="问题", placeholder="例如：2022年燃气安全排查整治由谁牵头？", scale=4)
            region = gr.Textbox(label="地区", scale=1)
            year = gr.Textbox(label="年份", scale=1)
        btn = gr.Button("检索", variant="primary")
        out = gr.Markdown()
        btn.click(search, [q, region, year], out)
        q.submit(search, [q, region, year], out)
    return app


def main(host: str = "127.0.0.1", port: int = 7860, index_dir: str | None = None) -> None:
    app = build_app(index_dir)
    auth = os.environ.get("PLANQA_AUTH")
    creds = tuple(auth.split(":", 1)) if auth and ":" in auth else None
    app.launch(server_name=host, server_port=port, auth=creds, share=False, show_api=False)


if __name__ == "__main__":
    main()

"""Evaluation reports: a terminal table (rich), JSON, and an HTML page with plots and failures.

What a person reads is Chinese, from ``planqa.messages`` (the page's 评测 tab uses the same names);
report.json keeps its English keys."""
from __future__ import annotations

import base64
import html
import io
import json
import sys
from pathlib import Path

from eval.runner import BARS
from planqa import messages as M

COLUMNS = [(key, name) for key, name, _ in M.METRICS]  # (report key, Chinese column name)
_NAMES = dict(COLUMNS)
_BY_TYPE = ("recall@5", "mrr@10", "must_include", "citation_hit", "refusal_unanswerable", "false_refusal")
# fonts with Chinese glyphs, in order of preference (only installed ones are named to matplotlib,
# which otherwise warns about each missing one on every label)
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Source Han Sans SC", "SimHei")


def _fmt(v) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) and v <= 1.0 else f"{v}"


def _config(name: str) -> str:
    return M.CONFIG_NAMES.get(name, name)


def _qtype(t: str) -> str:
    return M.QUESTION_TYPES.get(t, t)


def _why(failed: list[str]) -> str:
    return "；".join(M.FAILURES.get(f, M.zh(f)) for f in failed)


def print_table(report: dict) -> None:
    """Print the per-configuration scores of an eval report as a table (in Chinese)."""
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=170)
    table = Table(title=f"planqa 评测 — 共 {report['questions']} 题", show_lines=False)
    table.add_column("配置")
    for _, label in COLUMNS:
        table.add_column(label, justify="right")
    for name, cfg in report["configs"].items():
        row = [_config(name)]
        for key, _ in COLUMNS:
            v = cfg["overall"].get(key)
            cell = _fmt(v)
            if name == "product" and key in BARS:
                cell = f"[green]{cell}[/]" if cfg["bars_met"].get(key) else f"[red]{cell}[/]"
            row.append(cell)
        table.add_row(*row)
    console.print(table)
    prod = report["configs"].get("product")
    if prod:
        by = Table(title=M.EVAL_PLOT_TYPES)
        by.add_column("题型")
        by.add_column("题数", justify="right")
        for key in _BY_TYPE:
            by.add_column(_NAMES[key], justify="right")
        for t, b in prod["by_type"].items():
            by.add_row(_qtype(t), str(b["questions"]), *[_fmt(b.get(k)) for k in _BY_TYPE])
        console.print(by)
        failed = [r for r in report["results"] if r["config"] == "product" and r["failed"]]
        console.print(f"{M.EVAL_FAILED_TITLE}：{len(failed)} / {report['questions']} 题")
        for r in failed[:15]:
            console.print(f"  {r['id']} ［{_qtype(r['type'])}］{r['question']} — {_why(r['failed'])}", markup=False)
    beats = report.get("product_beats_baselines", {})
    if beats:
        console.print(M.EVAL_BEATS + "，".join(f"{_config(k)}：{'是' if v else '否'}" for k, v in beats.items()))


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def plots(report: dict) -> dict[str, str]:
    """Configuration comparison and per-type bars with Chinese labels, as base64 PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    fonts = {"font.family": [f for f in _CJK_FONTS if f in installed] + ["DejaVu Sans"], "axes.unicode_minus": False}
    out = {}
    keys = ["recall@5", "mrr@10", "must_include", "citation_hit", "refusal_unanswerable"]
    configs = list(report["configs"])
    with plt.rc_context(fonts):
        fig, ax = plt.subplots(figsize=(8, 3.6))
        width = 0.8 / max(len(configs), 1)
        for i, c in enumerate(configs):
            vals = [report["configs"][c]["overall"].get(k) or 0 for k in keys]
            ax.bar([x + i * width for x in range(len(keys))], vals, width, label=_config(c))
        ax.set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(keys))], [_NAMES[k] for k in keys])
        ax.set_ylim(0, 1.05)
        ax.legend(loc="lower right", fontsize=8)
        ax.set_title(M.EVAL_PLOT_CONFIGS)
        out["configs"] = _png(fig)
        plt.close(fig)
        prod = report["configs"].get("product")
        if prod:
            types = list(prod["by_type"])
            fig, ax = plt.subplots(figsize=(8, 3.6))
            for i, k in enumerate(["recall@5", "must_include", "citation_hit"]):
                vals = [prod["by_type"][t].get(k) or 0 for t in types]
                ax.bar([x + i * 0.27 for x in range(len(types))], vals, 0.27, label=_NAMES[k])
            ax.set_xticks([x + 0.27 for x in range(len(types))], [_qtype(t) for t in types])
            ax.set_ylim(0, 1.05)
            ax.legend(loc="lower right", fontsize=8)
            ax.set_title(M.EVAL_PLOT_TYPES)
            out["types"] = _png(fig)
            plt.close(fig)
    return out


def html_report(report: dict) -> str:
    """The eval report as one self-contained HTML page in Chinese (scores with each column
    explained, plots, the questions planqa failed and why)."""
    pics = plots(report)
    esc = html.escape
    rows = []
    for name, cfg in report["configs"].items():
        cells = "".join(f"<td>{_fmt(cfg['overall'].get(k))}</td>" for k, _ in COLUMNS)
        rows.append(f"<tr><th>{esc(_config(name))}</th>{cells}</tr>")
    head = "".join(f'<th title="{esc(tip)}">{esc(label)}</th>' for _, label, tip in M.METRICS)
    helps = "".join(f"<li><b>{esc(label)}</b>：{esc(tip)}</li>" for _, label, tip in M.METRICS)
    fails = []
    for r in report["results"]:
        if r["config"] != "product" or not r["failed"]:
            continue
        got = "".join(
            f"<li>{'✔' if p['relevant'] else '✘'} {esc(p['doc'])} {esc(p['section'])}<br><small>{esc(p['text'])}</small></li>"
            for p in r["retrieved"][:5])
        fails.append(f"<details><summary><b>{esc(r['id'])}</b>［{esc(_qtype(r['type']))}］{esc(r['question'])} — "
                     f"{esc(_why(r['failed']))}</summary><p>{esc(r['answer'])}</p><ol>{got}</ol></details>")
    beats = report.get("product_beats_baselines", {})
    beat = (f"<p>{esc(M.EVAL_BEATS)}" + "，".join(f"{esc(_config(k))}：{'是' if v else '否'}" for k, v in beats.items())
            + "</p>") if beats else ""
    imgs = "".join(f'<img alt="{k}" src="data:image/png;base64,{v}">' for k, v in pics.items())
    title = M.EVAL_TITLE.format(n=report["questions"], s=report.get("seconds", "–"))
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>planqa 评测报告</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:1100px}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}img{{max-width:100%;margin:1em 0}}
details{{margin:.4em 0}}small{{color:#555}}</style></head><body>
<h1>planqa {esc(title)}</h1>
<table><tr><th>配置</th>{head}</tr>{''.join(rows)}</table>{beat}
<details><summary>{M.EVAL_METRIC_HELP}</summary><ul>{helps}</ul></details>
{imgs}<h2>{M.EVAL_FAILED_TITLE}</h2>{''.join(fails) or '<p>' + M.EVAL_NO_FAILURES + '</p>'}</body></html>"""


def write_report(report: dict, folder: str | Path) -> Path:
    """Write report.json and report.html into ``folder``; returns the HTML page's path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    page = folder / "report.html"
    page.write_text(html_report(report), encoding="utf-8")
    return page

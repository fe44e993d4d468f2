"""Evaluation reports: a terminal table (rich), JSON, and an HTML page with plots and failures."""
from __future__ import annotations

import base64
import html
import io
import json
import sys
from pathlib import Path

from eval.runner import BARS

COLUMNS = [
    ("recall@1", "R@1"), ("recall@5", "R@5"), ("recall@10", "R@10"), ("mrr@10", "MRR@10"),
    ("must_include", "must_include"), ("citation_hit", "cite hit"), ("refusal_unanswerable", "refuse unans."),
    ("false_refusal", "false refuse"), ("offset_validity", "offsets ok"), ("latency_p50_ms", "p50 ms"),
    ("latency_p95_ms", "p95 ms"),
]


def _fmt(v) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) and v <= 1.0 else f"{v}"


def print_table(report: dict) -> None:
    """Print the per-configuration scores of an eval report as a table."""
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=170)
    table = Table(title=f"planqa eval — {report['questions']} questions", show_lines=False)
    table.add_column("configuration")
    for _, label in COLUMNS:
        table.add_column(label, justify="right")
    for name, cfg in report["configs"].items():
        row = [name]
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
        by = Table(title="product by question type")
        by.add_column("type")
        by.add_column("n", justify="right")
        for key in ("recall@5", "mrr@10", "must_include", "citation_hit", "refusal_unanswerable", "false_refusal"):
            by.add_column(key, justify="right")
        for t, b in prod["by_type"].items():
            by.add_row(t, str(b["questions"]), *[_fmt(b.get(k)) for k in
                       ("recall@5", "mrr@10", "must_include", "citation_hit", "refusal_unanswerable", "false_refusal")])
        console.print(by)
        failed = [r for r in report["results"] if r["config"] == "product" and r["failed"]]
        console.print(f"product failures: {len(failed)} of {report['questions']}")
        for r in failed[:15]:
            console.print(f"  {r['id']} [{r['type']}] {r['question']} — {'; '.join(r['failed'])}", markup=False)
    beats = report.get("product_beats_baselines", {})
    if beats:
        console.print("product ahead of baselines (R@5 and MRR@10): " + ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in beats.items()))


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def plots(report: dict) -> dict[str, str]:
    """Configuration comparison and per-type bars, as base64 PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    keys = ["recall@5", "mrr@10", "must_include", "citation_hit", "refusal_unanswerable"]
    configs = list(report["configs"])
    fig, ax = plt.subplots(figsize=(8, 3.6))
    width = 0.8 / max(len(configs), 1)
    for i, c in enumerate(configs):
        vals = [report["configs"][c]["overall"].get(k) or 0 for k in keys]
        ax.bar([x + i * width for x in range(len(keys))], vals, width, label=c)
    ax.set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(keys))], keys)
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("configurations")
    out["configs"] = _png(fig)
    plt.close(fig)
    prod = report["configs"].get("product")
    if prod:
        types = list(prod["by_type"])
        fig, ax = plt.subplots(figsize=(8, 3.6))
        for i, k in enumerate(["recall@5", "must_include", "citation_hit"]):
            vals = [prod["by_type"][t].get(k) or 0 for t in types]
            ax.bar([x + i * 0.27 for x in range(len(types))], vals, 0.27, label=k)
        ax.set_xticks([x + 0.27 for x in range(len(types))], types)
        ax.set_ylim(0, 1.05)
        ax.legend(loc="lower right", fontsize=8)
        ax.set_title("product by question type")
        out["types"] = _png(fig)
        plt.close(fig)
    return out


def html_report(report: dict) -> str:
    """The eval report as one self-contained HTML page (scores, plots, failures)."""
    pics = plots(report)
    esc = html.escape
    rows = []
    for name, cfg in report["configs"].items():
        cells = "".join(f"<td>{_fmt(cfg['overall'].get(k))}</td>" for k, _ in COLUMNS)
        rows.append(f"<tr><th>{esc(name)}</th>{cells}</tr>")
    head = "".join(f"<th>{esc(label)}</th>" for _, label in COLUMNS)
    fails = []
    for r in report["results"]:
        if r["config"] != "product" or not r["failed"]:
            continue
        got = "".join(
            f"<li>{'✔' if p['relevant'] else '✘'} {esc(p['doc'])} {esc(p['section'])}<br><small>{esc(p['text'])}</small></li>"
            for p in r["retrieved"][:5])
        fails.append(f"<details><summary><b>{esc(r['id'])}</b> [{esc(r['type'])}] {esc(r['question'])} — "
                     f"{esc('; '.join(r['failed']))}</summary><p>{esc(r['answer'])}</p><ol>{got}</ol></details>")
    imgs = "".join(f'<img alt="{k}" src="data:image/png;base64,{v}">' for k, v in pics.items())
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>planqa eval</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:1100px}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}img{{max-width:100%;margin:1em 0}}
details{{margin:.4em 0}}small{{color:#555}}</style></head><body>
<h1>planqa evaluation — {report['questions']} questions</h1>
<table><tr><th>configuration</th>{head}</tr>{''.join(rows)}</table>
{imgs}<h2>Failed questions (product)</h2>{''.join(fails) or '<p>none</p>'}</body></html>"""


def write_report(report: dict, folder: str | Path) -> Path:
    """Write report.json and report.html into ``folder``; returns the HTML page's path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    page = folder / "report.html"
    page.write_text(html_report(report), encoding="utf-8")
    return page

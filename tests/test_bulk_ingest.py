"""Big ingests: documents are searchable while the rest are embedded, the model gets full batches,
and progress is reported as events (JSON lines with --progress-json)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import PLANS, ROOT

SMALL = "004_5cc29d44ee9a572c.txt"  # 28 passages
LARGER = ("003_ee2fde3bcb9135fe.txt", "001_b0a7b20fc2a42aef.txt")


class CountingEmbedder:
    """The real model, with every batch it is given recorded."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.batches: list[list[str]] = []

    def embed_passages(self, texts):
        self.batches.append(list(texts))
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


@pytest.fixture
def three_plans(tmp_path):
    d = tmp_path / "plans"
    d.mkdir()
    for name in (SMALL, *LARGER):
        shutil.copy(PLANS / name, d / name)
    return d


def test_first_document_is_searchable_from_another_process_while_the_rest_embed(tmp_path, three_plans, embedder):
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    index_dir = tmp_path / "index"
    counting = CountingEmbedder(embedder)
    index = Index(Settings.from_env(index_dir), embedder=counting)
    seen: dict = {}

    def on_event(e: dict) -> None:
        if e["event"] == "file" and e["stage"] == "stored" and "reader" not in seen:
            # a second process asks now, while the other two plans are still waiting for vectors
            seen["first"] = e["file"]
            seen["batches_so_far"] = len(counting.batches)
            run = subprocess.run([sys.executable, "-m", "planqa.cli", "retrieve", "绍兴今年要新增多少避灾安置场所?",
                                  "--index", str(index_dir), "--json"], cwd=ROOT, capture_output=True, text=True,
                                 timeout=120)
            seen["reader"] = run

    report = ingest_paths(index, [three_plans], on_event=on_event)
    assert not report.errors and report.documents == 3
    run = seen["reader"]
    assert run.returncode == 0, run.stderr[-2000:]
    passages = json.loads(run.stdout)["passages"]
    # the smallest file goes first (004); the reader sees it and nothing else
    assert seen["first"] == SMALL
    assert passages and {p["doc"] for p in passages} == {seen["first"]}
    assert seen["batches_so_far"] < len(counting.batches), "the first document was stored only at the end"

    # every batch but the last is full, across document boundaries, and no text is embedded twice
    sizes = [len(b) for b in counting.batches]
    batch = index.settings.embed_batch
    assert all(s == batch for s in sizes[:-1]) and 0 < sizes[-1] <= batch
    texts = [t for b in counting.batches for t in b]
    assert len(texts) == len(set(texts)) == report.embedded
    index.close()


def test_progress_events_tell_counts_rate_and_eta(tmp_path, three_plans, embedder):
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    (three_plans / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    index = Index(Settings.from_env(tmp_path / "index"), embedder=embedder)
    events: list[dict] = []
    legacy: list[tuple] = []  # the page's (stage, done, total) callback
    report = ingest_paths(index, [three_plans], lambda *a: legacy.append(a), on_event=events.append)

    assert events[0] == {"event": "start", "files": 4}
    assert events[-1]["event"] == "done" and events[-1]["chunks"] == report.chunks == report.added
    final = {}
    for e in events:
        if e["event"] == "file" and e["stage"] in ("stored", "skipped", "error"):
            assert e["file"] not in final, "one final stage per file"
            final[e["file"]] = e
            assert 0 < e["done"] <= e["total"] == 4
    assert {f: e["stage"] for f, e in final.items()} == {
        "001_b0a7b20fc2a42aef.txt": "stored", "003_ee2fde3bcb9135fe.txt": "stored", SMALL: "stored",
        "broken.docx": "error"}
    assert "docx" in final["broken.docx"]["error"]
    assert [e["done"] for e in events if e["event"] == "file" and e["stage"] == "stored"] != []
    embeds = [e for e in events if e["event"] == "embed"]
    assert [e["done"] for e in embeds] == sorted(e["done"] for e in embeds)
    assert embeds[-1]["done"] == embeds[-1]["total"] == report.embedded and not embeds[-1]["estimated"]
    assert embeds[-1]["chars_done"] == report.embedded_chars and embeds[-1]["eta_s"] == 0
    assert all(e["chars_per_s"] > 0 and e["eta_s"] is not None for e in embeds)
    stages = {a[0] for a in legacy}
    assert stages == {"read", "embed"} and legacy[-1][1] <= legacy[-1][2]

    # nothing changed: every file skipped (the broken one still an error), nothing embedded
    events.clear()
    again = ingest_paths(index, [three_plans], on_event=events.append)
    assert again.added == 0 and not [e for e in events if e["event"] == "embed"]
    assert sorted(e["stage"] for e in events if e["event"] == "file" and e["stage"] != "parsing") == [
        "error", "skipped", "skipped", "skipped"]
    index.close()


def test_cli_progress_json_lines_on_stderr(tmp_path, capsys):
    from planqa.cli import main

    assert main(["ingest", str(PLANS / SMALL), "--index", str(tmp_path / "index"), "--json", "--progress-json"]) == 0
    out, err = capsys.readouterr()
    events = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [e["event"] for e in events][0] == "start" and events[-1]["event"] == "done"
    assert any(e["event"] == "file" and e["stage"] == "stored" and e["file"] == SMALL for e in events)
    report = json.loads(out)
    assert report["documents"] == 1 and events[-1]["chunks"] == report["chunks"]


def test_terminal_bar_shows_counts_rate_and_time_left(monkeypatch):
    import io

    from planqa.cli import _terminal_progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    show = _terminal_progress()
    show({"event": "start", "files": 3})
    show({"event": "file", "file": "a.txt", "stage": "stored", "done": 1, "total": 3})
    show({"event": "embed", "done": 64, "total": 100, "chars_done": 6000, "chars_total": 9000, "estimated": True,
          "chars_per_s": 1900.0, "eta_s": 75.0})
    show({"event": "done"})
    assert "64/100段" in err.getvalue() and "文件 1/3" in err.getvalue()
    assert "1900字/秒" in err.getvalue() and "剩余约1分15秒" in err.getvalue()

import pytest
import json
import os
import shutil
import subprocess
import sys

from tests.conftest import PLANS, ROOT


def planqa(*args, env_index):
    env = dict(os.environ, PLANQA_INDEX=str(env_index))
    return subprocess.run([sys.executable, "-m", "planqa.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_ingest_retrieve_batch_json(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLANS / "004_5cc29d44ee9a572c.txt", plans)
    (plans / "empty.txt").write_bytes(b"")
    idx = tmp_path / "idx"
    r = planqa("ingest", str(plans), "--json", env_index=idx)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) >= {"documents", "chunks", "added", "replaced", "removed", "errors", "seconds"}
    assert out["documents"] == 1 and out["added"] == out["chunks"] > 10
    assert out["errors"] == [{"file": "empty.txt", "error": "the file is empty"}]

    r = planqa("retrieve", "绍兴今年要新增多少避灾安置场所", "--json", "--k", "3", env_index=idx)
    res = json.loads(r.stdout)
    assert res["question"].startswith("绍兴") and len(res["passages"]) == 3
    p = res["passages"][0]
    assert set(p) >= {"n", "doc", "title", "region", "year", "section", "text", "start", "end", "score"}
    assert any("避灾安置场所150个" in x["text"] for x in res["passages"])

    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "question": "森林火灾受害率"}\n{"id": 7, "question": "执法改革"}\n', encoding="utf-8")
    r = planqa("retrieve", "--batch", str(batch), env_index=idx)
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", 7] and all(x["passages"] for x in lines)


def test_bad_config_is_a_clear_error(tmp_path):
    env = dict(os.environ, PLANQA_INDEX=str(tmp_path / "i"), PLANQA_EMBEDDER="word2vec")
    r = subprocess.run([sys.executable, "-m", "planqa.cli", "retrieve", "x"], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 2 and "PLANQA_EMBEDDER" in r.stderr


@pytest.mark.parametrize("setup,args,needle", [
    ("none", ["ask", "燃气"], "no index at"),
    ("file", ["retrieve", "燃气"], "is a file, not a folder"),
    ("none", ["ask", "--batch", "missing.jsonl"], "no such file"),
    ("none", ["eval"], "no index at"),
])
def test_missing_index_or_input_is_a_clear_error(tmp_path, setup, args, needle):
    """Reading commands never create an empty index where none was, and never show a traceback."""
    where = tmp_path / "idx"
    if setup == "file":
        where.write_text("not a folder")
    if "--batch" in args:  # an index must exist for the batch file to be the problem
        args = args + ["--index", str(tmp_path)]
        (tmp_path / "docstore.sqlite").write_bytes(b"")
    env = dict(os.environ, PLANQA_INDEX=str(where))
    r = subprocess.run([sys.executable, "-m", "planqa.cli", *args], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode != 0 and needle in r.stderr and "Traceback" not in r.stderr
    if setup == "none":
        assert not where.exists()


def test_a_folders_sources_file_is_skipped_and_reported_but_ingested_when_named(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    for name in ("001_b0a7b20fc2a42aef.txt", "004_5cc29d44ee9a572c.txt"):
        shutil.copy(PLANS / name, folder)
    (folder / "SOURCES.md").write_text("# 来源\n\n- 004_5cc29d44ee9a572c.txt：绍兴市应急管理局网站\n", encoding="utf-8")
    idx = tmp_path / "idx"
    r = planqa("ingest", str(folder), "--json", env_index=idx)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["documents"] == 2 and out["errors"] == []
    assert [s["file"] for s in out["skipped"]] == ["SOURCES.md"] and "不是文档" in out["skipped"][0]["reason"]

    r = planqa("ingest", str(folder), env_index=idx)  # the terminal says so too
    assert r.returncode == 0 and "跳过" in r.stdout and "SOURCES.md" in r.stdout

    r = planqa("ingest", str(folder / "SOURCES.md"), "--json", env_index=idx)  # named on its own: ingested
    out = json.loads(r.stdout)
    assert out["documents"] == 3 and out["skipped"] == [] and out["errors"] == [] and out["added"] >= 1

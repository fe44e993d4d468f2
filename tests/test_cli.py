import pytest
import json
import re
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
    assert out["errors"] == [{"file": "empty.txt", "error": "文件为空（0 字节）；请检查是否选错了文件，或文件没有保存完整"}]

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
    assert r.returncode == 2 and "PLANQA_EMBEDDER" in r.stderr and "无法识别" in r.stderr


@pytest.mark.parametrize("setup,args,needle", [
    ("none", ["ask", "燃气"], "还没有索引；请先运行 'planqa ingest'"),
    ("file", ["retrieve", "燃气"], "是一个文件，不是文件夹"),
    ("none", ["ask", "--batch", "missing.jsonl"], "文件不存在"),
    ("none", ["eval"], "还没有索引"),
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


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _speaks_chinese(msg: str) -> None:
    """A message a person reads: Chinese, and no sentence of it in Latin letters only."""
    from planqa.messages import latin_only

    assert _HAN.search(msg), msg
    assert not latin_only(msg), (msg, latin_only(msg))
    for sentence in re.split(r"[。；！？\n]", msg):
        assert not re.search(r"[A-Za-z]{2,}", sentence) or _HAN.search(sentence), (sentence, msg)


def _free_port() -> int:
    import socket

    with socket.socket() as s:  # bound, then closed: nothing listens on it
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_every_error_a_person_reads_is_chinese(tmp_path):
    """Bad input through the command line, as a person meets it: every message names the file or
    setting, says what is wrong and what to do, in Chinese (issue 14)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PLANQA_", "OPENAI_"))}

    def run(*args, **env):
        return subprocess.run([sys.executable, "-m", "planqa.cli", *args], cwd=ROOT, env={**base, **env},
                              capture_output=True, text=True, timeout=600)

    def stderr_errors(r) -> list[str]:
        lines = [ln[len("planqa: "):] for ln in r.stderr.splitlines() if ln.startswith("planqa: ")]
        assert r.returncode == 2 and lines and "Traceback" not in r.stderr, r.stderr
        return lines

    files = tmp_path / "in"
    files.mkdir()
    shutil.copy(PLANS / "004_5cc29d44ee9a572c.txt", files)
    (files / "empty.txt").write_bytes(b"")
    (files / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (files / "latin1.txt").write_bytes(("Gefahrenabwehr für Überschwemmungen. ".encode("latin-1") + b"\xff\xfe\x80\x81") * 50)
    (files / "huge.txt").write_bytes("应急管理".encode() * (2**20 // 12 + 1))  # just over the configured 1 MB
    idx = tmp_path / "idx"
    r = run("ingest", str(files), "--json", "--index", str(idx), PLANQA_MAX_FILE_MB="1")
    assert r.returncode == 0, r.stderr
    errors = {e["file"]: e["error"] for e in json.loads(r.stdout)["errors"]}
    assert set(errors) == {"empty.txt", "binary.txt", "latin1.txt", "huge.txt"}, errors
    assert "文件为空" in errors["empty.txt"] and "二进制" in errors["binary.txt"]
    assert "编码" in errors["latin1.txt"] and "1048584 字节" in errors["huge.txt"] and "超过上限 1 MB" in errors["huge.txt"]
    messages = list(errors.values())

    # missing or wrong configuration
    messages += stderr_errors(run("ask", "燃气", "--json", "--index", str(tmp_path / "none")))
    messages += stderr_errors(run("retrieve", "燃气", "--json", "--index", str(idx), PLANQA_EMBEDDER="word2vec"))
    messages += stderr_errors(run("retrieve", "燃气", "--json", "--index", str(idx), PLANQA_MAX_FILE_MB="lots"))
    messages += stderr_errors(run("retrieve", "燃气", "--json", "--index", str(idx), PLANQA_CHROMA_URL="chroma:8000"))
    messages += stderr_errors(run("retrieve", "燃气", "--json", "--index", str(files / "empty.txt")))

    # a bad gold line
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "question": "绍兴?", "type": "unanswerable"}\n{"id": "b", "question": "q"}\n',
                    encoding="utf-8")
    bad = stderr_errors(run("eval", "--gold", str(gold), "--json", "--index", str(idx)))
    assert "第 2 行" in bad[0] and "缺少字段“type”" in bad[0]
    messages += bad

    # the language model's endpoint unreachable: the offline answer, and why, in Chinese
    r = run("ask", "绍兴今年要新增多少避灾安置场所", "--json", "--index", str(idx),
            OPENAI_BASE_URL=f"http://127.0.0.1:{_free_port()}/v1", PLANQA_LLM_MODEL="qwen")
    assert r.returncode == 0, r.stderr
    answer = json.loads(r.stdout)
    assert "150" in answer["answer"] and "无法连接大模型服务" in answer["filters"]["llm_error"]
    messages.append(answer["filters"]["llm_error"])

    # a broken index
    broken = tmp_path / "broken"
    shutil.copytree(idx, broken)
    (broken / "docstore.sqlite").write_bytes(b"this is not a database" * 100)
    for name in ("docstore.sqlite-wal", "docstore.sqlite-shm"):
        (broken / name).unlink(missing_ok=True)
    messages += stderr_errors(run("ask", "燃气", "--json", "--index", str(broken)))

    assert len(messages) == 12
    for msg in messages:
        _speaks_chinese(msg)
        assert "请" in msg, msg  # says what to do


def test_an_unknown_eval_configuration_is_named_in_chinese(seed_index):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "planqa.cli", "eval", "--configs", "product,foo",
                        "--index", str(seed_index.settings.index_dir)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "foo" in r.stderr and "未知的配置" in r.stderr and "Traceback" not in r.stderr

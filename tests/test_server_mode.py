"""Server mode: a real `chroma run` on 127.0.0.1 (free port); ingest, retrieve and ask against it."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLANS, ROOT
from tests.servers import free_port, stop, wait_for_port

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA.exists():
        pytest.fail(f"the chroma CLI is missing at {CHROMA} (it ships with the chromadb package)")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-data")
    proc = subprocess.Popen([str(CHROMA), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, proc, 60)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def planqa(*args, env):
    return subprocess.run([sys.executable, "-m", "planqa.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def test_ingest_retrieve_ask_against_a_chroma_server(chroma_server, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLANS / "004_5cc29d44ee9a572c.txt", plans)
    env = dict(os.environ, PLANQA_INDEX=str(tmp_path / "idx"), PLANQA_CHROMA_URL=chroma_server,
               PLANQA_CHROMA_COLLECTION="planqa-test")
    r = planqa("ingest", str(plans), "--json", env=env)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["documents"] == 1 and report["added"] == report["chunks"] > 10
    assert not (tmp_path / "idx" / "chroma").exists()  # vectors live on the server

    import chromadb

    host, port = chroma_server.rsplit(":", 1)
    col = chromadb.HttpClient(host="127.0.0.1", port=int(port)).get_collection("planqa-test")
    assert col.count() == report["chunks"]

    again = json.loads(planqa("ingest", str(plans), "--json", env=env).stdout)
    assert again["added"] == 0 and col.count() == report["chunks"]

    r = planqa("retrieve", "森林火灾受害率", "--mode", "bm25", "--json", env=env)
    assert json.loads(r.stdout)["passages"], "the lexical index works in server mode"
    r = planqa("ask", "绍兴今年要新增多少避灾安置场所?", "--json", env=env)
    a = json.loads(r.stdout)
    assert not a["refused"] and "150个" in a["answer"]
    assert a["citations"][0]["doc"] == "004_5cc29d44ee9a572c.txt"


def test_unreachable_server_is_a_clear_error(tmp_path):
    env = dict(os.environ, PLANQA_INDEX=str(tmp_path / "idx"), PLANQA_CHROMA_URL=f"http://127.0.0.1:{free_port()}")
    r = planqa("ingest", str(PLANS / "004_5cc29d44ee9a572c.txt"), "--json", env=env)
    assert r.returncode == 2
    assert "无法打开向量库" in r.stderr and "127.0.0.1" in r.stderr and "PLANQA_CHROMA_URL" in r.stderr

"""planqa as a service: a real ``planqa serve`` on 127.0.0.1 over the five plans, called with the
official ``openai`` client and plain HTTP; answers must equal ``planqa ask --json``'s."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

import httpx
import pytest

from tests.conftest import ROOT, SEEDS
from tests.servers import start_page, stop

READER, WRITER, AUDITOR = "reader-k3y-0a1b2c3d", "writer-k3y-4e5f6a7b", "auditor-k3y-8c9d0e1f"
KEYS = f"reader:{READER},writer:{WRITER}:rw,auditor:{AUDITOR}"
PAGE_USER, PAGE_PASS = "chief", "page-pass-2468"
from tests.conftest import LIBRARY  # noqa: E402
LAW = LIBRARY / "law_军队参加抢险救灾条例(2005-06-07).md"
SOAK_FILE = LIBRARY / "law_北京市烟花爆竹安全管理规定(2017-12-01).md"

# a figure, a lead (who is responsible), and a region the library does not hold (a refusal)
QUESTIONS = ["绍兴今年要新增多少避灾安置场所?", "2022年燃气安全排查整治由谁牵头?", "宁波市2022年应急管理工作要点有哪些?"]


def cli(*args: str) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "planqa.cli", *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def server(seed_index, tmp_path_factory):
    """The seed index copied (the server writes uploads and its audit log into it) and served."""
    idx = tmp_path_factory.mktemp("api") / "index"
    shutil.copytree(seed_index.dir, idx)
    proc, url = start_page(idx, PLANQA_API_KEYS=KEYS, PLANQA_AUTH=f"{PAGE_USER}:{PAGE_PASS}")
    try:
        yield {"url": url, "index": idx, "proc": proc}
    finally:
        stop(proc)
    printed = proc.stdout.read() if proc.stdout else ""
    assert "API 密钥 已配置 3 个" in printed
    for secret in (READER, WRITER, AUDITOR, PAGE_PASS):  # the server's output never shows a key
        assert secret not in printed


@pytest.fixture(scope="module")
def cli_answers(server, tmp_path_factory):
    """``planqa ask --json`` and ``planqa retrieve --json`` for QUESTIONS, from the CLI process."""
    batch = tmp_path_factory.mktemp("batch") / "q.jsonl"
    batch.write_text("".join(json.dumps({"id": i, "question": q}, ensure_ascii=False) + "\n"
                             for i, q in enumerate(QUESTIONS)), encoding="utf-8")
    idx = str(server["index"])
    asks = cli("ask", "--batch", str(batch), "--index", idx, "--json")
    retrieves = cli("retrieve", "--batch", str(batch), "--index", idx, "--json")
    strip = lambda d: {k: v for k, v in d.items() if k != "id"}  # noqa: E731
    return [strip(a) for a in asks], [strip(r) for r in retrieves]


def _passages(out: dict) -> tuple[str, dict]:
    """A retrieve result keyed by passage: the same passages, each with its fields and score."""
    return out["question"], {(p["doc"], p["start"], p["end"]): p for p in out["passages"]}


def _same_passages(got: dict, want: dict) -> None:
    # Chroma's approximate (HNSW) search may return a slightly different candidate tail in another
    # process, which moves the min-max normalised fused scores in the third decimal: same passages,
    # same citation fields, scores within 0.01
    (q1, a), (q2, b) = _passages(got), _passages(want)
    assert q1 == q2 and a.keys() == b.keys()
    for key in a:
        assert {k: v for k, v in a[key].items() if k not in ("score", "n")} == \
               {k: v for k, v in b[key].items() if k not in ("score", "n")}
        assert abs(a[key]["score"] - b[key]["score"]) <= 0.01


def http(server, key: str | None = READER) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=server["url"], headers=headers, timeout=120)


def openai_client(server, key: str = READER):
    from openai import OpenAI

    return OpenAI(base_url=server["url"] + "v1", api_key=key, max_retries=0, timeout=120)


def audit_lines(server, who: str) -> list[dict]:
    return [e for e in cli("log", "--index", str(server["index"]), "--json") if e["who"] == who]


# --- the OpenAI-compatible endpoint ------------------------------------------------------------
def test_models_lists_planqa(server):
    models = openai_client(server).models.list()
    assert [m.id for m in models.data] == ["planqa"]


def test_openai_client_gets_the_cli_answers_streaming_and_not(server, cli_answers):
    asks, _ = cli_answers
    client = openai_client(server)
    for q, expected in zip(QUESTIONS, asks):
        r = client.chat.completions.create(model="planqa", messages=[{"role": "user", "content": q}])
        content = r.choices[0].message.content
        extra = r.model_extra
        assert content.startswith(expected["answer"]), q
        assert extra["citations"] == expected["citations"], q
        assert extra["refused"] == expected["refused"] and extra["partial"] == expected.get("partial", False), q
        shown = expected["nearest"] if expected["refused"] else expected["citations"]
        for c in shown:  # the numbered source list at the end names each cited span
            assert f"[{c['n']}] 《{c['title']}》" in content and f"{c['doc']}:{c['start']}-{c['end']}" in content, q

        stream = client.chat.completions.create(model="planqa", messages=[{"role": "user", "content": q}], stream=True)
        chunks = list(stream)
        assert "".join(ch.choices[0].delta.content or "" for ch in chunks) == content, q
        assert chunks[-1].choices[0].finish_reason == "stop"
        assert chunks[-1].model_extra["citations"] == expected["citations"], q
    assert asks[2]["refused"] and not asks[0]["refused"]  # the three cover an answer and a refusal


def test_follow_up_uses_the_earlier_question(server):
    first = "X市2022年要开展哪些危险化学品整治工作?"
    client = openai_client(server)
    r1 = client.chat.completions.create(model="planqa", messages=[{"role": "user", "content": first}])
    r2 = client.chat.completions.create(model="planqa", messages=[
        {"role": "system", "content": "你是助手"},
        {"role": "user", "content": first},
        {"role": "assistant", "content": r1.choices[0].message.content},
        {"role": "user", "content": [{"type": "text", "text": "那绍兴呢？"}]},
    ])
    resolved = r2.model_extra["question"]
    assert "绍兴" in resolved and "危险化学品" in resolved, resolved  # 那绍兴呢 became the first question about 绍兴
    with http(server) as h:
        plain = h.post("/api/ask", json={"question": resolved}).json()
    assert r2.model_extra["citations"] == plain["citations"]
    assert r2.choices[0].message.content.startswith(plain["answer"])
    assert {c["doc"] for c in plain["citations"]} == {"004_5cc29d44ee9a572c.txt"}  # 绍兴's plan


# --- REST --------------------------------------------------------------------------------------
def test_rest_routes_return_the_cli_json(server, cli_answers):
    asks, retrieves = cli_answers
    with http(server) as h:
        for q, a, r in zip(QUESTIONS, asks, retrieves):
            assert h.post("/api/ask", json={"question": q}).json() == a
            _same_passages(h.post("/api/retrieve", json={"question": q, "k": 5}).json(), r)
        docs = h.get("/api/documents").json()["documents"]
    assert [{"documents": docs}] == cli("docs", "--index", str(server["index"]), "--json")
    assert [d["doc"] for d in docs] == SEEDS
    for d in docs:
        assert {"doc", "title", "doc_type", "region", "year", "period", "issuer", "level", "version", "chunks"} <= set(d)
        assert d["title"] and d["chunks"] > 0
    assert {d["region"] for d in docs} >= {"上海市", "绍兴市", "X市"}


def test_openapi_docs_are_served(server):
    with http(server, key=None) as h:
        assert h.get("/docs").status_code == 200
        spec = h.get("/openapi.json").json()
    assert {"/v1/chat/completions", "/v1/models", "/api/ask", "/api/retrieve", "/api/documents"} <= set(spec["paths"])


# --- keys --------------------------------------------------------------------------------------
@pytest.mark.parametrize("method,path,body", [
    ("GET", "/v1/models", None),
    ("POST", "/v1/chat/completions", {"model": "planqa", "messages": [{"role": "user", "content": QUESTIONS[0]}]}),
    ("POST", "/api/ask", {"question": QUESTIONS[0]}),
    ("POST", "/api/retrieve", {"question": QUESTIONS[0]}),
    ("GET", "/api/documents", None),
])
def test_no_key_or_a_wrong_key_is_refused(server, method, path, body):
    for key, code in ((None, "missing_api_key"), ("not-a-real-key-123", "invalid_api_key"), (READER[:-1], "invalid_api_key")):
        with http(server, key) as h:
            r = h.request(method, path, json=body)
        assert r.status_code == 401, (key, r.text)
        err = r.json()["error"]
        assert err["code"] == code and "密钥" in err["message"] and "API key" in err["message"]
        assert r.headers["www-authenticate"] == "Bearer"


def test_uploads_and_deletes_need_a_rw_key(server):
    with http(server) as reader, http(server, WRITER) as writer:
        before = reader.get("/api/documents").json()["documents"]
        r = reader.post("/api/documents", files={"files": (LAW.name, LAW.read_bytes(), "text/markdown")})
        assert r.status_code == 403 and "rw" in r.json()["error"]["message"]
        assert reader.delete(f"/api/documents/{SEEDS[0]}").status_code == 403
        assert reader.get("/api/documents").json()["documents"] == before  # nothing changed

        r = writer.post("/api/documents", files={"files": (LAW.name, LAW.read_bytes(), "text/markdown")})
        assert r.status_code == 200, r.text
        assert [f["file"] for f in r.json()["files"]] == [LAW.name] and r.json()["files"][0]["chunks"] > 0
        assert LAW.name in {d["doc"] for d in reader.get("/api/documents").json()["documents"]}
        assert (server["index"] / "uploads" / LAW.name).read_bytes() == LAW.read_bytes()  # the page's upload folder
        hits = reader.post("/api/retrieve", json={"question": "军队参加抢险救灾的主要任务", "k": 3}).json()["passages"]
        assert hits[0]["doc"] == LAW.name

        empty = writer.post("/api/documents", files={"files": ("empty.txt", b"", "text/plain")})
        assert empty.status_code == 400 and "empty.txt：文件为空" in empty.json()["error"]["message"]
        r = writer.delete(f"/api/documents/{LAW.name}")
        assert r.status_code == 200 and r.json()["chunks"] > 0
        assert writer.delete(f"/api/documents/{LAW.name}").status_code == 404
        assert reader.get("/api/documents").json()["documents"] == before
    assert not (server["index"] / "uploads" / LAW.name).exists()


# --- bad requests ------------------------------------------------------------------------------
BIG = json.dumps({"model": "planqa", "messages": [{"role": "user", "content": "问" * 400_000}]})


@pytest.mark.parametrize("path,raw,status,code", [
    ("/v1/chat/completions", '{"model": "planqa", "messages": [', 400, "invalid_json"),
    ("/v1/chat/completions", '{"model": "planqa", "messages": "你好"}', 400, "invalid_request"),
    ("/v1/chat/completions", '{"model": "planqa", "messages": []}', 400, "empty_messages"),
    ("/v1/chat/completions", '{"model": "gpt-4o", "messages": [{"role": "user", "content": "你好"}]}', 404, "model_not_found"),
    ("/v1/chat/completions", '{"model": "planqa", "messages": [{"role": "assistant", "content": "你好"}]}', 400,
     "last_message_not_user"),
    ("/v1/chat/completions", '{"model": "planqa", "messages": [{"role": "user", "content": "  "}]}', 400, "empty_question"),
    ("/v1/chat/completions", '{"model": "planqa", "stream": "often", "messages": [{"role": "user", "content": "x"}]}',
     400, "invalid_request"),
    ("/v1/chat/completions", BIG, 413, "body_too_large"),
    ("/api/ask", '["绍兴"]', 400, "invalid_request"),
    ("/api/ask", '{"question": "绍兴今年要新增多少避灾安置场所?", "year": "明年"}', 400, "invalid_request"),
    ("/api/ask", '{"question": "绍兴", "type": "通知书"}', 400, "invalid_request"),
    ("/api/ask", '{"question": "  "}', 400, "empty_question"),
    ("/api/ask", "", 400, "invalid_request"),
    ("/api/retrieve", '{"question": "燃气", "k": -3}', 400, "invalid_request"),
    ("/api/retrieve", '{"question": "燃气", "mode": "magic"}', 400, "invalid_request"),
])
def test_bad_requests_get_a_clear_4xx_and_nothing_is_logged(server, path, raw, status, code):
    before = len(audit_lines(server, "reader"))
    with http(server) as h:
        r = h.post(path, content=raw.encode("utf-8"), headers={"Content-Type": "application/json"})
        assert r.status_code == status, r.text
        err = r.json()["error"]
        assert err["code"] == code and " / " in err["message"]  # Chinese / English
        assert h.get("/v1/models").status_code == 200  # still serving
    assert len(audit_lines(server, "reader")) == before


def test_a_chunked_body_over_the_limit_is_refused(server):
    def body():
        for _ in range(3):
            yield b'{"question": "' + "问".encode() * 200_000

    with http(server) as h:
        r = h.post("/api/ask", content=body(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


# --- audit log ---------------------------------------------------------------------------------
def test_audit_log_has_one_line_per_answered_question(server):
    client = openai_client(server, AUDITOR)
    asked = []
    for q in QUESTIONS:
        r = client.chat.completions.create(model="planqa", messages=[{"role": "user", "content": q}])
        asked.append((q, "chat", r.model_extra))
    with http(server, AUDITOR) as h:
        a = h.post("/api/ask", json={"question": QUESTIONS[0]}).json()
        asked.append((QUESTIONS[0], "ask", a))
    lines = audit_lines(server, "auditor")
    assert len(lines) == len(asked)
    for line, (q, via, ans) in zip(lines, asked):
        assert line["question"] == q and line["via"] == via
        assert line["refused"] == ans["refused"] and line["kind"] == ans["kind"]
        assert line["docs"] == list(dict.fromkeys(c["doc"] for c in ans["citations"]))
        assert line["time"].endswith("+00:00")
    tail = cli("log", "--index", str(server["index"]), "--json", "--tail", "2")
    assert [e["question"] for e in tail] == [QUESTIONS[2], QUESTIONS[0]]
    text = "".join(p.read_text(encoding="utf-8") for p in (server["index"] / "audit").iterdir())
    for key in (READER, WRITER, AUDITOR):  # names, never keys
        assert key not in text


def test_the_page_keeps_its_login_and_its_questions_are_logged_by_user(server):
    """The page's own login (PLANQA_AUTH) still guards the page; the API's keys are separate;
    a question asked on the page is logged under the logged-in user."""
    from gradio_client import Client

    with http(server, key=None) as h:
        assert h.get("/config").status_code == 401  # the page wants its login
    with http(server, key=PAGE_PASS) as h:
        assert h.get("/v1/models").status_code == 401  # a page password is not an API key
    out = Client(server["url"], auth=(PAGE_USER, PAGE_PASS), verbose=False).predict(
        QUESTIONS[0], [], "", "", "", "", api_name="/ask")
    chat = out[0]  # the chat first; the cards, the question box and notes follow (states are not sent)
    assert "150" in str(chat[-1]["content"])
    lines = audit_lines(server, PAGE_USER)
    assert [(e["via"], e["question"]) for e in lines] == [("page", QUESTIONS[0])]
    assert lines[0]["docs"] == ["004_5cc29d44ee9a572c.txt"]


def test_audit_log_rotates_by_size(tmp_path):
    from planqa.audit import AuditLog, log_files, read_entries

    log = AuditLog(tmp_path, max_bytes=2000, backups=3)
    answer = {"kind": "fact", "refused": False, "citations": [{"doc": "004_5cc29d44ee9a572c.txt"}]}
    for i in range(40):
        log.record("reader", "chat", f"第{i}个问题：绍兴今年要新增多少避灾安置场所?", answer)
    log.close()
    files = log_files(tmp_path)
    assert len(files) == 4 and all(p.stat().st_size <= 2000 for p in files)
    kept = read_entries(tmp_path)
    assert kept[-1].question.startswith("第39个") and len(kept) < 40  # oldest dropped, order kept
    assert [int(e.question[1:e.question.index("个")]) for e in kept] == list(range(40 - len(kept), 40))


# --- the key policy (pure) ---------------------------------------------------------------------
def test_key_settings_are_checked_and_never_echoed():
    from planqa.api import ApiError, authorize, load_keys, parse_keys
    from planqa.config import ConfigError

    keys = parse_keys("# office keys\nalice:alice-secret-1:rw, bob:bob-secret-22\n")
    assert [(k.name, k.rw) for k in keys] == [("alice", True), ("bob", False)]
    assert "alice-secret-1" not in repr(keys)
    for bad in ("alice", "alice:short", "alice:alice-secret-1:admin", "a b:alice-secret-1",
                "alice:alice-secret-1,alice:other-secret-2", "alice:alice-secret-1,bob:alice-secret-1"):
        with pytest.raises(ConfigError) as e:
            parse_keys(bad)
        assert "secret" not in str(e.value)
    assert authorize(keys, "Bearer bob-secret-22", "10.0.0.9").name == "bob"
    with pytest.raises(ApiError) as e:
        authorize(keys, "Basic bob-secret-22", "127.0.0.1")
    assert e.value.status == 401
    # without keys: this machine only
    assert authorize([], None, "127.0.0.1").rw and authorize([], None, "::1").name == "local"
    with pytest.raises(ApiError) as e:
        authorize([], "Bearer anything-at-all", "192.168.1.20")
    assert e.value.status == 401 and "PLANQA_API_KEYS" in e.value.zh
    # …and not from another web site open in this machine's browser (a form POST needs no preflight)
    assert authorize([], None, "127.0.0.1", "http://127.0.0.1:7860").name == "local"
    for origin in ("https://evil.example", "null", "http://127.0.0.1.evil.example"):
        with pytest.raises(ApiError) as e:
            authorize([], None, "127.0.0.1", origin)
        assert e.value.status == 403
    assert authorize(keys, "Bearer bob-secret-22", "127.0.0.1", "https://chat.example").name == "bob"  # a key decides
    assert load_keys({}) == []


def test_without_keys_the_api_answers_this_machine(seed_index, tmp_path, monkeypatch):
    monkeypatch.delenv("PLANQA_API_KEYS", raising=False)
    monkeypatch.delenv("PLANQA_API_KEYS_FILE", raising=False)
    idx = tmp_path / "index"
    shutil.copytree(seed_index.dir, idx)
    proc, url = start_page(idx)
    try:
        with httpx.Client(base_url=url, timeout=120) as h:
            assert h.get("/v1/models").status_code == 200
            a = h.post("/api/ask", json={"question": QUESTIONS[0]}).json()
            assert not a["refused"] and "150" in a["answer"]
            r = h.post("/api/documents", files={"files": (LAW.name, LAW.read_bytes(), "text/markdown")},
                       headers={"Origin": "https://evil.example"})
            assert r.status_code == 403  # a cross-site form upload
            assert [d["doc"] for d in h.get("/api/documents").json()["documents"]] == SEEDS
    finally:
        stop(proc)
    assert [e["who"] for e in cli("log", "--index", str(idx), "--json")] == ["local"]


# --- soak --------------------------------------------------------------------------------------
SOAK_QUESTIONS = [
    "绍兴2022年森林火灾受害率要控制在多少以内?",
    "南通2020年全市共有多少名专职应急救援队员?",
    "崇明区十四五期间要建设哪些应急避难场所?",
    "X市2022年要开展哪些危险化学品整治工作?",
    "上海2022年要推进哪些应急管理信息化建设?",
]


def test_soak_concurrent_chat_while_ingesting(server):
    """Bounded soak on loopback: CLIENTS × ROUNDS questions through /v1/chat/completions while an
    upload of another file is ingested. Every answer equals a one-at-a-time answer (before or after
    the new file); no errors; RSS grows < 10 %. PLANQA_SOAK="20x25" runs the issue's full size."""
    import psutil

    clients, rounds = (int(x) for x in os.environ.get("PLANQA_SOAK", "8x5").split("x"))
    client = openai_client(server)

    def one(q: str) -> tuple:
        r = client.chat.completions.create(model="planqa", messages=[{"role": "user", "content": q}])
        return r.choices[0].message.content, json.dumps(r.model_extra["citations"], ensure_ascii=False)

    before = {q: one(q) for q in SOAK_QUESTIONS}
    # warm-up at the soak's concurrency, so the server's worker threads (and their malloc arenas)
    # exist before RSS is first read: growth then measures what requests and the ingest leave behind
    warm = [threading.Thread(target=one, args=(q,)) for q in SOAK_QUESTIONS * (clients // len(SOAK_QUESTIONS) + 1)]
    for t in warm:
        t.start()
    for t in warm:
        t.join(timeout=300)
    server_proc = psutil.Process(server["proc"].pid)
    rss0 = server_proc.memory_info().rss
    latencies: list[float] = []
    failures: list[str] = []
    got: list[tuple[str, tuple]] = []
    lock = threading.Lock()
    upload: dict = {}

    def ingest() -> None:
        with http(server, WRITER) as w:
            upload["r"] = w.post("/api/documents", files={"files": (SOAK_FILE.name, SOAK_FILE.read_bytes(), "text/markdown")})

    def worker(i: int) -> None:
        for n in range(rounds):
            q = SOAK_QUESTIONS[(i + n) % len(SOAK_QUESTIONS)]
            t0 = time.perf_counter()
            try:
                res = one(q)
            except Exception as e:  # noqa: BLE001 - any failure is reported
                with lock:
                    failures.append(f"{q}: {type(e).__name__}: {e}")
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)
                got.append((q, res))

    threads = [threading.Thread(target=ingest)] + [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    wall = time.perf_counter() - t0
    after = {q: one(q) for q in SOAK_QUESTIONS}
    rss1 = server_proc.memory_info().rss
    with http(server, WRITER) as w:  # leave the shared server's library as it was
        assert w.delete(f"/api/documents/{SOAK_FILE.name}").status_code == 200

    lat = sorted(latencies)
    p50, p95 = statistics.median(lat), lat[min(len(lat) - 1, int(0.95 * len(lat)))]
    print(f"\nsoak: {clients} clients × {rounds} questions + 1 upload in {wall:.1f} s; "
          f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
          f"RSS {rss0 / 2**20:.0f} MB → {rss1 / 2**20:.0f} MB ({(rss1 - rss0) / rss0:+.1%})")
    assert not failures, failures[:3]
    assert upload["r"].status_code == 200, upload["r"].text
    assert len(got) == clients * rounds
    for q, res in got:
        assert res in (before[q], after[q]), q
    assert rss1 < rss0 * 1.10

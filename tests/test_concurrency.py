"""Several officials at once: 20 simultaneous questions through the Python API and through the
page's server, and questions asked while an ingest is running."""
from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import PLANS
from tests.servers import start_page, stop

# 20 different questions over all five plans: numbers, leads, lists, sections, a refusal
QUESTIONS = [
    "绍兴今年要新增多少避灾安置场所?",
    "2022年燃气安全排查整治由谁牵头?",
    "南通2020年全市共有多少名专职应急救援队员?",
    "崇明区十四五期间要建设哪些应急避难场所?",
    "X市2022年要开展哪些危险化学品整治工作?",
    "上海2022年要推进哪些应急管理信息化建设?",
    "绍兴2022年森林火灾受害率要控制在多少以内?",
    "南通2020年安全生产专项整治三年行动怎么推进?",
    "X市如何加强应急救援队伍建设?",
    "上海市应急管理局2022年工作要点分哪几个方面?",
    "崇明区应急管理十四五规划的主要目标是什么?",
    "绍兴要培育几支省级专业救援队伍?",
    "2022年上海如何做好防汛防台工作?",
    "南通2020年如何开展安全生产执法?",
    "X市2022年工作计划中关于森林防灭火有哪些要求?",
    "绍兴(三)里有哪些任务?",
    "崇明区如何提升基层应急能力?",
    "上海2022年如何强化危险化学品安全监管?",
    "X市的安全生产责任保险有什么要求?",
    "南通2020年应急预案管理要做什么?",
]


def _key(a: dict) -> tuple:
    return a["answer"], a["refused"], tuple((c["doc"], c["start"], c["end"]) for c in a["citations"])


def test_twenty_simultaneous_questions_through_the_api(seed_index):
    from rag.qa import QA

    qa = QA(seed_index)
    expected = [_key(qa.ask(q).to_dict()) for q in QUESTIONS]
    barrier = threading.Barrier(len(QUESTIONS))

    def ask(q: str) -> tuple:
        barrier.wait()  # all twenty start together
        return _key(qa.ask(q).to_dict())

    with ThreadPoolExecutor(len(QUESTIONS)) as pool:
        got = list(pool.map(ask, QUESTIONS))
    assert got == expected


def _answer_text(chat: list) -> str:
    content = chat[-1]["content"]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def test_twenty_simultaneous_questions_through_the_page(seed_index):
    """Real HTTP through Gradio's queue, as the page's clients do it, all submitted at once."""
    from gradio_client import Client

    from rag.qa import QA

    qa = QA(seed_index)
    expected = {q: qa.ask(q).to_dict() for q in QUESTIONS}
    proc, url = start_page(seed_index.dir)
    try:
        client = Client(url, verbose=False)
        jobs = [client.submit(q, [], "", "", "", "", api_name="/ask") for q in QUESTIONS]
        results = [job.result(timeout=180) for job in jobs]
    finally:
        stop(proc)
    for q, out in zip(QUESTIONS, results):
        chat, cards = out[0], out[1]  # the chat and the cards first (the box and notes follow)
        a = expected[q]
        assert _answer_text(chat) == a["answer"], q
        shown = a["nearest"] if a["refused"] else a["citations"]
        for c in shown:  # each citation card names its passage's place in the source (原文位置)
            assert c["doc"] in cards and f'第 {c["start"]}–{c["end"]} 字' in cards, q


@pytest.fixture
def growing_index(tmp_path, embedder):
    """Three plans indexed; the other two are ingested while questions are asked."""
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for name in ("000_2b9f627f46ec8eee.txt", "003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt"):
        shutil.copy(PLANS / name, first / name)
    for name in ("001_b0a7b20fc2a42aef.txt", "002_3cc3db46b208897f.txt"):
        shutil.copy(PLANS / name, later / name)
    index = Index(Settings.from_env(tmp_path / "index"), embedder=embedder)
    assert not ingest_paths(index, [first]).errors
    return index, later


def test_ingest_while_questions_are_asked(growing_index):
    from ingest.pipeline import ingest_paths
    from rag.qa import QA

    index, later = growing_index
    qa = QA(index)
    # questions about the plans already indexed, each with what its answer must hold
    checks = [
        ("绍兴今年要新增多少避灾安置场所?", "004_5cc29d44ee9a572c.txt", "150"),
        ("X市2022年城镇燃气安全排查整治要排查哪些领域?", "003_ee2fde3bcb9135fe.txt", "燃气"),
        ("绍兴2022年森林火灾受害率要控制在多少以内?", "004_5cc29d44ee9a572c.txt", "0.8‰"),
    ]
    done = threading.Event()
    report: dict = {}

    def ingest() -> None:
        try:
            report["r"] = ingest_paths(index, [later])
        finally:
            done.set()

    failures: list[str] = []
    asked = [0]

    def asker(i: int) -> None:
        while not done.is_set():
            q, doc, needle = checks[(i + asked[0]) % len(checks)]
            try:
                a = qa.ask(q)
            except Exception as e:  # noqa: BLE001 - any exception is a failure to report
                failures.append(f"{q}: {type(e).__name__}: {e}")
                return
            asked[0] += 1
            if a.refused or needle not in a.answer or doc not in {c["doc"] for c in a.citations}:
                failures.append(f"{q}: {a.answer[:80]}")

    writer = threading.Thread(target=ingest)
    askers = [threading.Thread(target=asker, args=(i,)) for i in range(4)]
    writer.start()
    for t in askers:
        t.start()
    writer.join(timeout=300)
    for t in askers:
        t.join(timeout=60)
    assert not failures, failures[:5]
    assert asked[0] >= 8, "the questions should have run during the ingest"
    r = report["r"]
    assert not r.errors and r.documents == 5
    # the new plans are searchable once the ingest is done
    a = qa.ask("南通2020年应急预案管理要做什么?")
    assert "001_b0a7b20fc2a42aef.txt" in {c["doc"] for c in a.citations}


def test_an_ingest_by_another_process_is_seen(growing_index):
    """The page keeps its index open while `planqa ingest` runs in another process: its next
    question searches the new plans densely too (an embedded Chroma must be reopened to see them)."""
    import subprocess
    import sys

    from rag.retriever import HybridRetriever
    from tests.conftest import ROOT

    index, later = growing_index
    dense = HybridRetriever(index, mode="dense")
    assert {p.chunk.doc for p in dense.retrieve("南通2020年应急预案", k=20)} <= {
        "000_2b9f627f46ec8eee.txt", "003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt"}
    run = subprocess.run([sys.executable, "-m", "planqa.cli", "ingest", "--index", str(index.dir), "--json", str(later)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    got = dense.retrieve("南通2020年应急预案数字化建设", k=5)
    assert "001_b0a7b20fc2a42aef.txt" in [p.chunk.doc for p in got]
    assert not got.warning  # searched densely, no fallback

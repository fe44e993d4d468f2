"""The page served by `planqa serve` on 127.0.0.1, asked through Gradio's own HTTP client."""
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(seed_index):
    port = free_port()
    env = dict(os.environ, PLANQA_INDEX=str(seed_index.dir), GRADIO_ANALYTICS_ENABLED="False")
    proc = subprocess.Popen([sys.executable, "-m", "planqa.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read())
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()  # only the process this test started
        proc.wait(timeout=20)


def test_page_answers_with_citation_cards(served):
    from gradio_client import Client

    client = Client(served, verbose=False)
    answer, cards = client.predict("绍兴今年要新增多少避灾安置场所?", "", "", api_name="/ask")
    assert "150个" in answer and "[1]" in answer
    assert "cite-card" in cards and "绍兴市2022年应急管理工作要点" in cards and "<mark>" in cards
    answer, cards = client.predict("南通2020年全市共有多少名专职应急救援队员?", "", "", api_name="/ask")
    assert "未在文件中找到" in answer and "最接近的段落" in cards

"""End-to-end: the page in headless Chromium (Debian's chromium, driven by Playwright).

Screenshots of each tab go to tests/artifacts/ (ignored by git) for a person to look at.
"""
import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from tests.conftest import PLANS, ROOT
from tests.servers import start_page, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# the import status once the ingest is over (while it runs it reads "导入中" with each file's stage)
DONE = "const t = document.querySelector('#upload-status').innerText; if (t.includes('导入中')) return false;"



@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder):
    """A page over its own index (uploads change it), started and stopped by this test."""
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    d = tmp_path_factory.mktemp("browser")
    plans = d / "plans"
    plans.mkdir()
    for name in ("000_2b9f627f46ec8eee.txt", "003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt"):
        shutil.copy(PLANS / name, plans / name)
    ingest_paths(Index(Settings.from_env(d / "index"), embedder=embedder), [plans])
    proc, url = start_page(d / "index")
    yield url, d
    stop(proc)


@pytest.fixture(scope="module")
def page(server):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1366, "height": 768})
        outside: list[str] = []
        pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        pg.goto(server[0])
        pg.wait_for_selector("#question textarea", timeout=60000)
        pg.outside_requests = outside
        yield pg
        browser.close()


def ask(page, question: str) -> str:
    n = page.locator("#citations .cite-card, #citations h4").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(
        "n => document.querySelectorAll('#citations h4').length > 0 && !document.querySelector('#chat').innerText.endsWith('检索中…')",
        arg=n, timeout=60000)
    page.wait_for_timeout(300)
    return page.inner_text("#chat")


def test_ask_shows_answer_and_citation_cards(page):
    chat = ask(page, "2022年燃气安全排查整治由谁牵头？")
    assert "上海市应急管理局" in chat and "[1]" in chat
    card = page.locator("#citations .cite-card").first
    assert "工作要点" in card.inner_text() or "工作计划" in card.inner_text()
    assert page.locator("#citations mark").count() >= 1  # the supporting sentence is highlighted
    page.locator("#citations details summary").first.click()
    assert page.locator("#citations .ctx").first.inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "tab-qa.png"))


def test_refusal_shows_nearest_passages(page):
    ask(page, "X市2022年海上溢油应急演练在哪个港口举行？")
    assert "未在文件中找到" in page.inner_text("#chat")
    assert "最接近的段落" in page.inner_text("#citations")


def test_upload_docx_then_listed_and_answered_from(page, server, tmp_path):
    d = docx.Document()
    for line in ["宁波市2023年应急管理工作要点", "一、总体要求", "坚持人民至上、生命至上。",
                 "二、重点工作", "(一)海上搜救", "1.完善海上搜救体系。建成海上搜救基地3个，组建渔船互救队伍12支。"]:
        d.add_paragraph(line)
    path = tmp_path / "ningbo_2023.docx"
    d.save(path)
    page.get_by_role("tab", name="文档库").click()
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.wait_for_timeout(1500)
    page.click("#upload-go")
    page.wait_for_function("() => document.querySelector('#upload-go').disabled", timeout=10000)  # one import at a time
    page.wait_for_function(f"() => {{ {DONE} return t.includes('ningbo_2023.docx'); }}", timeout=120000)
    assert "已导入" in page.inner_text("#upload-status")
    page.wait_for_function("() => !document.querySelector('#upload-go').disabled", timeout=30000)
    page.wait_for_function("() => document.querySelector('#library').innerText.includes('宁波市2023年应急管理工作要点')",
                           timeout=30000)
    page.screenshot(path=str(ARTIFACTS / "tab-library.png"))
    # the uploaded file stays inside the upload folder of the index
    assert (server[1] / "index" / "uploads" / "ningbo_2023.docx").is_file()
    page.get_by_role("tab", name="问答").click()
    chat = ask(page, "宁波要建成多少个海上搜救基地？")
    assert "3个" in chat
    assert "ningbo_2023.docx" in page.inner_text("#citations")


def test_bad_upload_is_reported_and_changes_nothing(page, server, tmp_path):
    from ingest.docstore import DocStore

    store = DocStore(server[1] / "index" / "docstore.sqlite")
    before = (store.doc_hashes(), store.chunk_count())
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    page.get_by_role("tab", name="文档库").click()
    page.locator("#upload input[type=file]").set_input_files(str(bad))
    page.wait_for_timeout(1500)
    page.click("#upload-go")
    page.wait_for_function(f"() => {{ {DONE} return t.includes('empty.txt'); }}", timeout=60000)
    status = page.inner_text("#upload-status")
    assert "❌" in status and "文件为空" in status
    assert (store.doc_hashes(), store.chunk_count()) == before
    store.close()


def test_library_metadata_correction_and_coverage_check(page, server, tmp_path):
    page.get_by_role("tab", name="文档库").click()
    assert "绍兴市" in page.inner_text("#library")
    page.get_by_text("更正所选文档的元数据", exact=False).first.click()  # the accordion is closed at first
    page.locator("#lib-doc input").fill("004")
    page.get_by_role("option", name="004_5cc29d44ee9a572c.txt", exact=False).first.click()
    page.wait_for_function("() => document.querySelector('#meta-region textarea, #meta-region input').value === '绍兴市'",
                           timeout=30000)
    page.locator("#meta-type input").fill("法令")
    page.locator("#meta-type input").press("Enter")
    page.click("#meta-save")
    page.wait_for_function("() => document.querySelector('#meta-status').innerText.includes('未知的文档类型')",
                           timeout=30000)
    page.locator("#meta-type input").fill("工作计划")
    page.locator("#meta-type input").press("Enter")
    page.click("#meta-save")
    page.wait_for_function("() => document.querySelector('#meta-status').innerText.includes('已更正')", timeout=30000)
    page.wait_for_function("() => document.querySelector('#library').innerText.includes('工作计划')", timeout=30000)
    page.screenshot(path=str(ARTIFACTS / "tab-library-correct.png"))

    draft = tmp_path / "draft.md"
    draft.write_text((PLANS / "004_5cc29d44ee9a572c.txt").read_text(encoding="utf-8")[:2000], encoding="utf-8")
    page.get_by_role("tab", name="起草").click()
    page.locator("#check-draft input[type=file]").set_input_files(str(draft))
    page.wait_for_timeout(1500)
    page.locator("#check-docs input").fill("004")
    page.get_by_role("option", name="004_5cc29d44ee9a572c.txt", exact=False).first.click()
    page.click("#check-go")
    page.wait_for_function("() => document.querySelector('#check-summary').innerText.includes('项任务')", timeout=120000)
    summary = page.inner_text("#check-summary")  # the table shows only its first rows (it scrolls)
    covered, missing = (int(re.search(rf"{s} (\d+)", summary).group(1)) for s in ("已覆盖", "未覆盖"))
    assert covered > 0 and missing > 0, summary  # the draft copies only the head of 004
    table = page.inner_text("#check-table")
    assert "已覆盖" in table and "004_5cc29d44ee9a572c.txt:" in table
    page.screenshot(path=str(ARTIFACTS / "tab-draft-check.png"))


def test_draft_tab(page):
    page.get_by_role("tab", name="起草").click()
    page.fill("#draft-region textarea, #draft-region input", "杭州市")
    page.click("#draft-go")
    page.wait_for_function("() => document.querySelector('#draft-out').innerText.includes('重点工作')", timeout=120000)
    text = page.inner_text("#draft-out")
    assert "杭州市2023年应急管理工作要点（初稿）" in text and "来源" in text
    page.screenshot(path=str(ARTIFACTS / "tab-draft.png"))


def test_eval_tab(page, tmp_path):
    gold = tmp_path / "mini.jsonl"
    gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "m1", "question": "绍兴森林火灾受害率控制在多少以内?", "type": "number", "must_include": ["0.8‰"],
         "sources": [{"doc": "004_5cc29d44ee9a572c.txt", "quote": "森林火灾受害率控制在0.8‰以内"}]},
        {"id": "m2", "question": "X市应急管理局局长是谁?", "type": "unanswerable"},
    ]) + "\n", encoding="utf-8")
    page.get_by_role("tab", name="评测").click()
    page.locator("#eval-gold input[type=file]").set_input_files(str(gold))
    page.wait_for_timeout(1500)
    page.click("#eval-go")
    page.wait_for_function("() => document.querySelector('#eval-out').innerText.includes('评测结果')", timeout=180000)
    out = page.inner_text("#eval-out")
    assert "共 2 题" in out and "planqa（本系统）" in out and "仅 BM25" in out and "前5命中率" in out
    assert page.locator("#eval-out img").count() == 2
    page.screenshot(path=str(ARTIFACTS / "tab-eval.png"), full_page=True)


def test_page_calls_no_outside_service(page):
    assert page.outside_requests == []


def test_login_when_auth_is_set(seed_index):
    """PLANQA_AUTH=user:pass guards the page and its API (plain HTTP on loopback; no browser needed)."""
    import httpx

    proc, url = start_page(seed_index.dir, PLANQA_AUTH="alice:s3cret")
    try:
        client = httpx.Client(base_url=url, timeout=10)
        assert client.get("/config").status_code == 401
        assert client.post("/login", data={"username": "alice", "password": "wrong"}).status_code >= 400
        assert client.post("/login", data={"username": "alice", "password": "s3cret"}).status_code == 200
        assert client.get("/config").status_code == 200
    finally:
        stop(proc)

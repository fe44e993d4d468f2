"""End-to-end: the page in headless Chromium (Debian's chromium, driven by Playwright).

Screenshots of each tab go to tests/artifacts/ (ignored by git) for a person to look at.
"""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from planqa.messages import latin_only
from tests.conftest import PLANS, ROOT
from tests.servers import start_page, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# the import status once the ingest is over (while it runs it reads "导入中" with each file's stage)
DONE = "const t = document.querySelector('#upload-status').innerText; if (t.includes('导入中')) return false;"
WIDE, NARROW = {"width": 1400, "height": 900}, {"width": 400, "height": 800}
TABS = {"问答": "qa", "起草": "draft", "评测": "eval", "文档库": "library"}
SHOWN: list[str] = []  # every message the error paths showed, checked for English-only text at the end
# Latin words a Chinese page may show: names of formats, products and metrics, file names
ALLOWED_LATIN = re.compile(r"[\w.-]+\.(?:txt|docx|md|pdf|html?|jsonl)|planqa|Markdown|Word|Gradio|API|BM25|PLANQA_\w+")


def english_runs(text: str) -> list[str]:
    return latin_only(ALLOWED_LATIN.sub(" ", text))



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
        # an official's browser is Chinese: Gradio's own labels (upload box, buttons) follow it
        ctx = browser.new_context(viewport=WIDE, locale="zh-CN")
        pg = ctx.new_page()
        outside: list[str] = []
        pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        pg.goto(server[0])
        pg.wait_for_selector("#question textarea", timeout=60000)
        pg.outside_requests = outside
        pg.server_url = server[0]
        pg.browser_ = browser
        yield pg
        browser.close()


def ask(page, question: str | None = None, click=None) -> str:
    n = page.locator("#chat [data-testid='bot']").count()
    if question is not None:
        page.fill("#question textarea", question)
        page.click("#ask")
    else:
        click()
    page.wait_for_function(
        "n => document.querySelectorAll('#citations h4').length > 0 && document.querySelector('#chat').innerText.trim()"
        " && !document.querySelector('#chat').innerText.trim().endsWith('检索中…')"
        " && document.querySelectorAll(\"#chat [data-testid='bot']\").length > n",
        arg=n, timeout=60000)
    page.wait_for_timeout(400)
    return page.inner_text("#chat")


def tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(300)


def options(page, selector: str) -> list[str]:
    """The choices a dropdown offers (opened, read, closed)."""
    page.locator(f"{selector} input").click()
    page.wait_for_timeout(300)
    texts = [o.inner_text() for o in page.get_by_role("option").all()]
    page.locator(f"{selector} input").evaluate("e => e.blur()")
    page.wait_for_timeout(200)
    return texts


def reload(page) -> None:
    page.reload()
    page.wait_for_selector("#question textarea", timeout=60000)
    page.wait_for_function("() => document.querySelector('#start') && document.querySelector('#start').innerText.includes('库中文件')",
                           timeout=30000)


def test_start_page_lists_documents_and_example_questions(page):
    reload(page)
    start = page.inner_text("#start")
    for title in ("上海市应急管理局2022年工作要点", "X市2022年应急管理工作计划", "绍兴市2022年应急管理工作要点"):
        assert title in start
    assert "工作计划" in start and "2022" in start and "绍兴市" in start
    shown = page.locator(".example-q:visible")
    asks = [shown.nth(i).inner_text() for i in range(shown.count())]
    assert 4 <= len(asks) <= 6, asks
    # drawn from the documents held: each names one of their regions
    assert all(any(r in q for r in ("上海市", "X市", "绍兴市")) for q in asks), asks
    assert {"上海市", "X市", "绍兴市"} <= set(options(page, "#region"))  # the regions held
    page.screenshot(path=str(ARTIFACTS / "tab-qa-start.png"))
    chat = ask(page, click=lambda: shown.first.click())  # an example is asked when clicked
    assert asks[0] in chat
    assert page.locator("#citations .cite-card").count() >= 1


def test_ask_shows_answer_and_citation_cards(page, server):
    from ingest.docstore import DocStore

    chat = ask(page, "2022年燃气安全排查整治由谁牵头？")
    assert "上海市应急管理局" in chat and "[1]" in chat
    turn = page.locator("#citations .cite-card").first.get_attribute("id").split("-")[1]
    card = page.locator(f"#cite-{turn}-1")
    meta = card.locator(".meta").inner_text()
    assert "2022" in meta and ("工作要点" in meta or "工作计划" in meta) and " · " in meta
    assert ".txt" not in meta  # ids and offsets only in the small 原文位置 line
    pos = card.locator(".pos").inner_text()
    assert pos.startswith("原文位置") and ".txt" in pos
    assert page.locator("#citations mark").count() >= 1  # the supporting sentence is highlighted
    # [n] in the answer is a link: the card scrolls into view and flashes
    link = page.locator(f'#chat a[href="#cite-{turn}-1"]').last
    link.click()
    page.wait_for_function(f"() => document.querySelector('#cite-{turn}-1').classList.contains('flash')", timeout=5000)
    page.wait_for_timeout(800)
    box = card.bounding_box()
    assert box and 0 <= box["y"] < WIDE["height"]
    # 展开所在章节: every chunk of the cited section, the cited one marked
    doc, start, end = re.search(r"原文位置：(\S+) · 第 (\d+)–(\d+) 字", pos).groups()
    store = DocStore(server[1] / "index" / "docstore.sqlite")
    cited = next(c for c in store.iter_chunks(doc) if c.start <= int(start) < c.end)
    section = [c.text for c in store.iter_chunks(doc) if c.section == cited.section]
    card.locator("summary", has_text="展开所在章节").click()
    ctx = card.locator(".ctx").inner_text()
    assert all(t[:30] in ctx for t in section) and len(section) >= 1
    assert card.locator(".ctx .cited").count() >= 1
    # 查看原文: the source text at the cited span, the span marked
    card.locator("summary", has_text="查看原文").click()
    raw = store.raw_text(doc)
    assert card.locator(".src mark.span").inner_text() == raw[int(start):int(end)].strip() or \
        raw[int(start):int(end)].strip()[:40] in card.locator(".src mark.span").inner_text()
    store.close()
    page.screenshot(path=str(ARTIFACTS / "tab-qa.png"))


def test_empty_question_gets_a_chinese_message(page):
    tab(page, "问答")
    page.fill("#question textarea", "   ")
    page.click("#ask")
    page.wait_for_function("() => document.querySelector('#ask-note').innerText.includes('请输入问题')", timeout=10000)
    SHOWN.append(page.inner_text("#ask-note"))


def test_feedback_is_stored_and_exported_as_gold_candidates(page, server, tmp_path):
    from eval.gold import load_gold
    from ingest.docstore import DocStore

    ask(page, "绍兴森林火灾受害率控制在多少以内？")
    page.locator('#chat button[aria-label="赞"]').last.click()
    page.wait_for_function("() => document.querySelector('#fb-note').innerText.includes('已记录反馈')", timeout=10000)
    page.fill("#fb-comment textarea", "回答准确，出处对")
    page.click("#fb-send")
    page.wait_for_function("() => document.querySelector('#fb-note').innerText.includes('已补充说明')", timeout=10000)
    SHOWN.append(page.inner_text("#fb-note"))
    store = DocStore(server[1] / "index" / "docstore.sqlite")
    fb = store.feedback()[-1]
    assert fb["question"] == "绍兴森林火灾受害率控制在多少以内？" and fb["rating"] == 1
    assert fb["comment"] == "回答准确，出处对" and fb["citations"]
    out = tmp_path / "candidates.jsonl"
    run = subprocess.run([sys.executable, "-m", "planqa.cli", "feedback", "export", str(out), "--index",
                          str(server[1] / "index")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    items = load_gold(out, store.raw_text)  # valid gold lines, every quote in its document
    mine = [i for i in items if i.question == fb["question"]]
    assert mine and mine[0].type == "fact" and mine[0].extra["feedback"]["comment"] == "回答准确，出处对"
    store.close()


def test_conversation_export_markdown_and_docx(page, tmp_path):
    tab(page, "问答")
    page.click("#export-md")
    page.wait_for_selector("#export-file a", timeout=15000)
    md = page.evaluate("() => fetch(document.querySelector('#export-file a').href).then(r => r.text())")
    assert "# 问答记录" in md and "绍兴森林火灾受害率控制在多少以内？" in md and "**引用**" in md and "原文位置" in md
    page.click("#export-docx")
    page.wait_for_function("() => [...document.querySelectorAll('#export-file a')].some(a => a.href.includes('.docx'))",
                           timeout=15000)
    href = page.evaluate("() => [...document.querySelectorAll('#export-file a')].find(a => a.href.includes('.docx')).href")
    path = tmp_path / "chat.docx"
    path.write_bytes(page.request.get(href).body())
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "问答记录" in text and "绍兴森林火灾受害率控制在多少以内？" in text and "引用" in text


def test_refusal_shows_nearest_passages(page):
    ask(page, "X市2022年海上溢油应急演练在哪个港口举行？")
    assert "未在文件中找到" in page.inner_text("#chat")
    assert "最接近的段落" in page.inner_text("#citations")


def upload(page, path) -> str:
    tab(page, "文档库")
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.wait_for_timeout(1500)
    page.click("#upload-go")
    page.wait_for_function(f"() => {{ {DONE} return t.includes('{Path(path).name}'); }}", timeout=120000)
    page.wait_for_function("() => !document.querySelector('#upload-go').disabled", timeout=30000)
    return page.inner_text("#upload-status")


def test_upload_docx_then_listed_after_reload_and_answered_from(page, server, tmp_path):
    d = docx.Document()
    for line in ["宁波市2023年应急管理工作要点", "一、总体要求", "坚持人民至上、生命至上。",
                 "二、重点工作", "(一)海上搜救", "1.完善海上搜救体系。建成海上搜救基地3个，组建渔船互救队伍12支。"]:
        d.add_paragraph(line)
    path = tmp_path / "ningbo_2023.docx"
    d.save(path)
    tab(page, "文档库")
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.wait_for_timeout(1500)
    page.click("#upload-go")
    page.wait_for_function("() => document.querySelector('#upload-go').disabled", timeout=10000)  # one import at a time
    # while it runs the status shows a bar per file
    page.wait_for_function("() => document.querySelectorAll('#upload-status progress').length > 0", timeout=30000)
    page.wait_for_function(f"() => {{ {DONE} return t.includes('ningbo_2023.docx'); }}", timeout=120000)
    assert "已导入" in page.inner_text("#upload-status")
    page.wait_for_function("() => !document.querySelector('#upload-go').disabled", timeout=30000)
    page.wait_for_function("() => document.querySelector('#library').innerText.includes('宁波市2023年应急管理工作要点')",
                           timeout=30000)
    assert (server[1] / "index" / "uploads" / "ningbo_2023.docx").is_file()  # inside the index's upload folder
    # after a reload the table, the counts and every dropdown have it
    reload(page)
    assert "宁波市2023年应急管理工作要点" in page.inner_text("#start")
    assert "宁波市" in options(page, "#region")
    assert any("ningbo_2023.docx" in o for o in options(page, "#doc"))
    tab(page, "文档库")
    assert "宁波市2023年应急管理工作要点" in page.inner_text("#library")
    assert "库中共 4 篇文档" in page.inner_text("#lib-count")
    assert any("ningbo_2023.docx" in o for o in options(page, "#lib-doc"))
    page.screenshot(path=str(ARTIFACTS / "tab-library.png"))
    tab(page, "问答")
    chat = ask(page, "宁波要建成多少个海上搜救基地？")
    assert "3个" in chat
    assert "ningbo_2023.docx" in page.inner_text("#citations")


def test_ingest_in_another_process_shows_after_reload(page, server, tmp_path):
    f = tmp_path / "wenzhou_2023.txt"
    f.write_text("温州市2023年防汛防台工作要点\n\n一、总体要求\n\n坚持人民至上。\n\n二、重点任务\n\n"
                 "(一)台风防御\n\n1.完善台风预警体系，建设避灾安置场所45个。\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "planqa.cli", "ingest", str(f), "--index", str(server[1] / "index"),
                          "--json"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    reload(page)
    assert "温州市2023年防汛防台工作要点" in page.inner_text("#start")
    assert "温州市" in options(page, "#region")
    tab(page, "文档库")
    assert "温州市2023年防汛防台工作要点" in page.inner_text("#library")
    assert any("wenzhou_2023.txt" in o for o in options(page, "#lib-doc"))


def test_delete_asks_first_and_reports_beside_the_list(page, server):
    from ingest.docstore import DocStore

    tab(page, "文档库")
    page.locator("#lib-doc input").fill("wenzhou")
    page.get_by_role("option", name="wenzhou_2023.txt", exact=False).first.click()
    page.wait_for_timeout(500)
    page.once("dialog", lambda d: d.dismiss())  # "no": nothing is deleted
    page.click("#lib-delete")
    page.wait_for_function("() => document.querySelector('#delete-status').innerText.includes('已取消删除')", timeout=10000)
    store = DocStore(server[1] / "index" / "docstore.sqlite")
    assert "wenzhou_2023.txt" in store.doc_hashes()
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.click("#lib-delete")
    page.wait_for_function("() => document.querySelector('#delete-status').innerText.includes('已删除')", timeout=30000)
    assert asked and "确定" in asked[0] and "wenzhou_2023.txt" in asked[0]
    assert "wenzhou_2023.txt" not in store.doc_hashes()
    store.close()
    # the report is next to the list, not below the upload box
    button, status = page.locator("#lib-delete").bounding_box(), page.locator("#delete-status").bounding_box()
    assert abs(status["y"] - (button["y"] + button["height"])) < 120, (button, status)
    page.wait_for_function("() => !document.querySelector('#library').innerText.includes('温州市2023年防汛防台')",
                           timeout=30000)
    SHOWN.append(page.inner_text("#delete-status"))


def test_bad_uploads_are_reported_in_chinese_and_change_nothing(page, server, tmp_path):
    from ingest.docstore import DocStore

    store = DocStore(server[1] / "index" / "docstore.sqlite")
    before = (store.doc_hashes(), store.chunk_count())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status = upload(page, empty)
    assert "❌" in status and "文件为空" in status
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    status2 = upload(page, binary)
    assert "❌" in status2 and "binary.txt" in status2 and "二进制数据" in status2
    assert (store.doc_hashes(), store.chunk_count()) == before
    store.close()
    SHOWN.extend([status, status2])


def test_library_metadata_correction_and_coverage_check(page, server, tmp_path):
    tab(page, "文档库")
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
    SHOWN.append(page.inner_text("#meta-status"))
    page.locator("#meta-type input").fill("工作计划")
    page.locator("#meta-type input").press("Enter")
    page.click("#meta-save")
    page.wait_for_function("() => document.querySelector('#meta-status').innerText.includes('已更正')", timeout=30000)
    page.wait_for_function("() => document.querySelector('#library').innerText.includes('工作计划')", timeout=30000)
    page.screenshot(path=str(ARTIFACTS / "tab-library-correct.png"))

    draft = tmp_path / "draft.md"
    draft.write_text((PLANS / "004_5cc29d44ee9a572c.txt").read_text(encoding="utf-8")[:2000], encoding="utf-8")
    tab(page, "起草")
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


def test_draft_without_region_is_refused_in_chinese(page):
    tab(page, "起草")
    page.fill("#draft-region textarea, #draft-region input", "")
    page.click("#draft-go")
    page.wait_for_function("() => document.querySelector('#draft-out').innerText.includes('无法起草')", timeout=30000)
    out = page.inner_text("#draft-out")
    assert "地区" in out
    SHOWN.append(out)


def test_draft_tab_footnotes_rendered_and_sources_numbered(page):
    tab(page, "起草")
    page.fill("#draft-region textarea, #draft-region input", "杭州市")
    page.click("#draft-go")
    page.wait_for_function("() => document.querySelector('#draft-out').innerText.includes('重点工作')", timeout=120000)
    text = page.inner_text("#draft-out")
    assert "杭州市2023年应急管理工作要点（初稿）" in text and "来源" in text
    assert "[^" not in text  # footnotes rendered, not raw
    assert page.locator("#draft-out sup").count() >= 1
    assert page.locator("#draft-out ol li").count() >= 2  # the sources: a numbered list
    page.screenshot(path=str(ARTIFACTS / "tab-draft.png"))


def test_eval_tab_in_chinese_with_progress_per_configuration(page, tmp_path):
    gold = tmp_path / "mini.jsonl"
    rows = [{"id": "m1", "question": "绍兴森林火灾受害率控制在多少以内?", "type": "number", "must_include": ["0.8‰"],
             "sources": [{"doc": "004_5cc29d44ee9a572c.txt", "quote": "森林火灾受害率控制在0.8‰以内"}]},
            {"id": "m2", "question": "X市应急管理局局长是谁?", "type": "unanswerable"}]
    rows += [{"id": f"u{i}", "question": f"Y{i}市应急管理局副局长是谁?", "type": "unanswerable"} for i in range(6)]
    gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in rows) + "\n", encoding="utf-8")
    tab(page, "评测")
    page.locator("#eval-gold input[type=file]").set_input_files(str(gold))
    page.wait_for_timeout(1500)
    page.click("#eval-go")
    # while it runs: a bar per configuration with the question it has reached
    page.wait_for_function("() => document.querySelector('#eval-out').innerText.includes('评测进行中')", timeout=60000)
    progress = page.inner_text("#eval-out")
    assert "planqa（本系统）" in progress and "题" in progress and page.locator("#eval-out progress").count() == 3
    page.wait_for_function("() => document.querySelector('#eval-out').innerText.includes('评测结果')", timeout=180000)
    out = page.inner_text("#eval-out")
    assert "共 8 题" in out and "planqa（本系统）" in out and "仅 BM25" in out and "前5命中率" in out
    assert "未通过的问题" in out
    assert page.locator("#eval-out img").count() == 2
    page.screenshot(path=str(ARTIFACTS / "tab-eval.png"), full_page=True)
    SHOWN.append(out)


def test_bad_gold_file_is_reported_in_chinese(page, tmp_path):
    gold = tmp_path / "bad.jsonl"
    gold.write_text('{"id": "b1", "question": "谁牵头?"}\n', encoding="utf-8")
    reload(page)  # the gold box still holds the last run's file
    tab(page, "评测")
    page.locator("#eval-gold input[type=file]").set_input_files(str(gold))
    page.wait_for_timeout(1500)
    page.click("#eval-go")
    page.wait_for_function("() => document.querySelector('#eval-out').innerText.includes('金标准文件有误')", timeout=60000)
    out = page.inner_text("#eval-out")
    assert "缺少字段" in out
    SHOWN.append(out)


def test_no_english_only_messages_on_any_tab_or_error_path(page):
    found = {}
    for name in TABS:
        tab(page, name)
        page.wait_for_timeout(300)
        runs = english_runs(page.inner_text("body"))
        if runs:
            found[name] = runs
    for msg in SHOWN:
        if english_runs(msg):
            found[msg[:60]] = english_runs(msg)
    assert len(SHOWN) >= 8  # the error paths above did run
    assert not found, found


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_screenshots_of_every_tab(page, size):
    page.set_viewport_size(WIDE if size == "wide" else NARROW)
    try:
        for name, key in TABS.items():
            tab(page, name)
            page.wait_for_timeout(400)
            page.screenshot(path=str(ARTIFACTS / f"{size}-{key}.png"), full_page=True)
    finally:
        page.set_viewport_size(WIDE)


def test_narrow_window_question_box_full_width_and_citations_below(page):
    page.set_viewport_size(NARROW)
    try:
        reload(page)
        box = page.locator("#question").bounding_box()
        assert box["width"] >= 0.8 * NARROW["width"], box
        chat = ask(page, "2022年燃气安全排查整治由谁牵头？")
        assert "[1]" in chat
        chat_box, cites = page.locator("#chat").bounding_box(), page.locator("#citations").bounding_box()
        assert cites["y"] >= chat_box["y"] + chat_box["height"]  # below the answer, not squeezed beside it
        assert cites["x"] + cites["width"] <= NARROW["width"] + 1
        turn = page.locator("#citations .cite-card").first.get_attribute("id").split("-")[1]
        page.locator(f'#chat a[href="#cite-{turn}-1"]').last.click()
        page.wait_for_timeout(1200)
        card = page.locator(f"#cite-{turn}-1").bounding_box()
        assert 0 <= card["y"] < NARROW["height"]  # the link brings the card into view
        page.screenshot(path=str(ARTIFACTS / "narrow-qa-answer.png"))
    finally:
        page.set_viewport_size(WIDE)


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

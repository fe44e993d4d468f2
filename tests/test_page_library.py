"""The page's 文档库 metadata table and corrections, its import status, and 起草's 对照检查: the
ui.py handlers called directly on a small index of its own (one seed plan and one generated notice)."""
from __future__ import annotations

import threading

import pytest

import ui
from planqa.cli import main as cli_main
from rag.check import COVERED, MISSING, check_draft
from tests.conftest import PLANS, read_seed

D003, D004 = "003_ee2fde3bcb9135fe.txt", "004_5cc29d44ee9a572c.txt"
# a notice that names no year, no place and no issuer: those fields must show 未识别
NOTICE = ("关于做好汛期安全防范工作的通知\n\n各有关单位：\n\n"
          "一、加强值班值守。严格执行领导带班和24小时值班制度，确保信息畅通。\n\n"
          "二、开展隐患排查。对地质灾害点、危旧房屋和在建工地逐一排查，发现问题立即整改。\n")


class Upload:  # what Gradio hands over: a temp path and the name the user's file had
    def __init__(self, path, orig_name: str):
        self.name, self.orig_name = str(path), orig_name


@pytest.fixture(scope="module")
def app(tmp_path_factory, embedder):
    from ingest.index import Index
    from planqa.config import Settings

    d = tmp_path_factory.mktemp("page_library")
    notice = d / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    a = ui.App.__new__(ui.App)  # no QA chain or audit log: these handlers do not use them
    a.index = Index(Settings.from_env(d / "index"), embedder=embedder)
    a.ingest_lock = threading.Lock()
    statuses = list(a.upload_stream([Upload(PLANS / D004, D004), Upload(notice, "notice.txt")]))
    a.upload_statuses = statuses
    yield a
    a.index.close()


def test_import_status_shows_file_stages_and_embedding_counts(app):
    *during, last = app.upload_statuses
    assert during, "no status was shown while the ingest ran"
    assert any("向量化中" in s for s in during)  # a file's stage
    embedding = [s for s in during if "· 向量化 " in s]
    assert embedding and all(D004 in s or "notice.txt" in s for s in embedding)
    n, m = embedding[-1].split("· 向量化 ")[1].split(" 段")[0].replace("约 ", "").split("/")
    assert 0 < int(n) <= int(m)
    # the last status is the outcome, as ``upload`` reports it
    assert f"{D004}：已导入" in last and "notice.txt：已导入" in last


def test_ingest_status_folds_events():
    s = ui.IngestStatus()
    for e in ({"event": "start", "files": 2},
              {"event": "file", "file": "a.pdf", "stage": "parsing", "done": 0, "total": 2, "ocr_page": 3, "pages": 5},
              {"event": "file", "file": "b.txt", "stage": "error", "done": 1, "total": 2, "error": "文件为空"},
              {"event": "embed", "done": 40, "total": 120, "estimated": True}):
        s.add(e)
    md = s.markdown()
    assert "文件 1/2" in md and "向量化 40/约 120 段" in md
    assert "a.pdf：解析中（识别第 3/5 页）" in md and "b.txt：出错：文件为空" in md


def test_library_shows_metadata_and_unknown_fields(app):
    from planqa.api import document_rows

    rows = {r[0]: r for r in app.library()}
    stored = {r["doc"]: r for r in document_rows(app.index)}
    assert set(rows) == {D004, "notice.txt"}
    keys = ["title", "doc_type", "region", "period", "issuer", "level", "version"]
    for doc, row in rows.items():
        assert len(row) == len(ui.LIBRARY_HEADERS)
        assert row[1:8] == [stored[doc][k] or "未识别" for k in keys]
    assert rows[D004][3] == "绍兴市" and rows[D004][4] == "2022"
    assert "未识别" in rows["notice.txt"]  # what the notice does not say is not guessed


def test_correction_from_the_page_is_stored_and_shown(app):
    before = app.doc_fields("notice.txt")
    msg = app.correct("notice.txt", before[0], before[1], "宁波", "2021", "宁波市应急管理局")
    assert msg.startswith("已更正 notice.txt")
    row = {r[0]: r for r in app.library()}["notice.txt"]  # read fresh
    assert row[3] == "宁波市" and row[4] == "2021" and row[5] == "宁波市应急管理局" and row[6] == "市级"
    corrected = row[ui.LIBRARY_HEADERS.index("人工更正")]
    assert set(corrected.split("、")) == {"地区", "层级", "年份", "发布单位"}  # in Chinese, each once
    assert app.index.store.metas()["notice.txt"].region == "宁波市"  # what filters and citations read
    assert app.correct("notice.txt", *app.doc_fields("notice.txt")) == "没有改动。"


def test_wrong_type_gets_the_cli_message_and_changes_nothing(app, capsys):
    before = app.library()
    overrides = app.index.store.overrides()
    f = app.doc_fields(D004)
    msg = app.correct(D004, f[0], "法令", f[2], f[3], f[4])
    assert cli_main(["docs", "--index", str(app.index.dir), "set", D004, "--type", "法令"]) == 2
    cli_msg = capsys.readouterr().err.strip().removeprefix("planqa: ")
    assert "未知的文档类型“法令”" in cli_msg
    assert msg == f"无法更正：{cli_msg}"
    assert app.correct(D004, f[0], f[1], f[2], "二〇二一", f[4]).startswith("无法更正：年份")
    assert app.correct(D004, "  ", f[1], f[2], f[3], f[4]) == "无法更正：标题不能为空"
    assert app.library() == before and app.index.store.overrides() == overrides


def test_coverage_check_on_the_page_matches_planqa_check(app, tmp_path):
    # a draft that copies two of 004's task items and says nothing of the rest
    from rag.check import reference_items

    items = reference_items(list(app.index.store.iter_chunks(D004)))
    paras = [items[0].text, items[len(items) // 2].text]
    draft = tmp_path / "草稿.md"
    draft.write_text("# 2024年工作要点\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    summary, rows = app.check(str(draft), [D004])
    report = check_draft(app.index, draft, [D004])
    assert len(rows) == len(report.items) > 2
    assert [r[0] for r in rows] == [i.status for i in report.items]
    assert {r[0] for r in rows} >= {COVERED, MISSING}
    assert all(len(r) == len(ui.CHECK_HEADERS) for r in rows)
    covered = [r for r in rows if r[0] == COVERED]
    assert all(r[3] and r[3] in "\n\n".join(paras) for r in covered)  # the draft's own passage
    assert all(r[3] == "" for r in rows if r[0] == MISSING)
    assert f"{len(rows)} 项任务" in summary and f"已覆盖 {len(covered)}" in summary


def test_coverage_check_errors_are_in_chinese(app, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(read_seed(D003)[:3000], encoding="utf-8")
    assert app.check(None, [D004]) == ("请先上传草稿（.docx、.md 或 .txt）。", [])
    assert app.check(str(draft), []) == ("请至少选择一篇参考文档。", [])
    summary, rows = app.check(str(draft), ["nope.txt"])
    assert summary.startswith("**无法检查**：索引中没有文件 nope.txt") and rows == []


def test_page_builds_with_the_new_parts(app):
    page = ui.build_app(app=app)
    ids = {getattr(b, "elem_id", None) for b in page.blocks.values()}
    assert {"check-draft", "check-docs", "check-go", "check-table", "meta-type", "meta-save"} <= ids


# --- issue 14: Chinese messages, start page, feedback, eval progress ------------------------------------

def test_lower_layers_english_messages_become_chinese():
    from planqa.messages import latin_only, zh

    cases = {
        "the file is empty": "文件为空",
        "x.txt: binary data, not text (is the file extension wrong?)": "x.txt：这是二进制数据而不是文本",
        "a.pdf: not a readable PDF (corrupt?): EOF marker not found": "a.pdf：无法读取的 PDF 文件",
        "the file is 60.2 MB, over the 50 MB limit (PLANQA_MAX_FILE_MB)": "文件大小 60.2 MB，超过上限 50 MB",
        "unsupported file type .xls; use one of .txt, .md": "不支持的文件类型 .xls",
        "the language model did not answer within 30 s": "大模型在 30 秒内没有回答",
        "the language model service failed: ConnectError": "大模型服务出错（ConnectError）",
        "/tmp/g.jsonl:3: missing field 'type'": "/tmp/g.jsonl 第 3 行：缺少字段 type",
        "/tmp/g.jsonl: no such gold file": "找不到金标准文件 /tmp/g.jsonl",
        "a.docx: File is not a zip file": "a.docx：不是有效的 zip 压缩包",  # a third-party library's words
        "[Errno 13] Permission denied: /x/a.txt": "没有权限：/x/a.txt",
        "起草需要指定地区（--region）": "起草需要指定地区（--region）",  # already Chinese: unchanged
        "x.txt：文件为空（0 字节）；请检查": "x.txt：文件为空（0 字节）；请检查",  # planqa's own: unchanged
    }
    for english, chinese in cases.items():
        assert zh(english).startswith(chinese), (english, zh(english))
        assert not latin_only(zh(english)), zh(english)
    assert zh("something nobody translated").startswith("出错：")  # never English alone


def test_upload_errors_on_the_page_are_chinese(app, tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    *_, last = app.upload_stream([Upload(empty, "空文件.txt")], as_html=True)
    assert "空文件.txt：文件为空" in last and "❌" in last
    assert list(app.upload_stream([])) == ["请先选择文件。"]


def test_start_page_and_example_questions_come_from_the_documents(app):
    start = app.start_html()
    assert "绍兴市2022年应急管理工作要点" in start and "绍兴市" in start and "2022" in start
    asks = app.example_questions(6)
    assert 1 <= len(asks) <= 6 and len(set(asks)) == len(asks)
    headings = {c.section for d in app.index.store.doc_hashes() for c in app.index.store.iter_chunks(d)}
    for q in asks:  # each asks about a heading one of the documents has
        topic = q.split("年", 1)[-1].removesuffix("有哪些安排？").removeprefix("《")
        assert any(topic in h for h in headings) or "《" in q, q
    assert all(g not in q for q in asks for g in ("总体要求", "保障措施"))
    assert "库中共 2 篇文档" in app.library_count()


def test_feedback_stored_and_turned_into_gold_candidates(app, tmp_path):
    from eval.feedback import export_candidates
    from eval.gold import load_gold

    chunk = next(app.index.store.iter_chunks(D004))
    cite = {"n": 1, "doc": D004, "title": chunk.meta.title, "region": "绍兴市", "year": 2022, "section": chunk.section,
            "text": chunk.text, "start": chunk.start, "end": chunk.end}
    answers = [{"turn": 1, "index": 1, "question": "绍兴的总体要求是什么？", "answer": "……[1]", "refused": False,
                "citations": [cite], "filters": {"region": "绍兴市", "year": 2022}},
               {"turn": 2, "index": 3, "question": "宁波局长是谁？", "answer": "未在文件中找到", "refused": True,
                "citations": [], "filters": {}}]
    msg, fid = app.feedback(answers, 1, True)
    assert msg.startswith("已记录反馈（赞）") and fid
    assert app.feedback_comment(fid, "对") == "已补充说明。"
    assert app.feedback(answers, 3, False)[0].startswith("已记录反馈（踩）")  # a wrong refusal
    assert app.feedback(answers, 2, True) == ("请先点某条回答下的“赞”或“踩”。", None)  # not an answer
    out = tmp_path / "cand.jsonl"
    n, apart = export_candidates(app.index.store, out)
    items = {i.question: i for i in load_gold(out, app.index.store.raw_text)}
    good = items["绍兴的总体要求是什么？"]
    assert n == 1 and good.type == "fact" and good.region == "绍兴市" and good.year == 2022
    assert good.sources[0].doc == D004 and good.answer == "……" and good.extra["feedback"]["comment"] == "对"
    assert [a["question"] for a in apart] == ["宁波局长是谁？"]  # no source to offer: listed apart


def test_eval_progress_per_configuration_and_chinese_report(app, tmp_path):
    import json

    gold = tmp_path / "g.jsonl"
    gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "a", "question": "绍兴森林火灾受害率控制在多少以内?", "type": "number", "must_include": ["0.8‰"],
         "sources": [{"doc": D004, "quote": "森林火灾受害率控制在0.8‰以内"}]},
        {"id": "b", "question": "X市应急管理局局长是谁?", "type": "unanswerable"}]) + "\n", encoding="utf-8")
    seen = []
    steps = list(app.evaluate_stream(str(gold), ["product", "bm25"], lambda f, desc: seen.append((f, desc))))
    *running, report = steps
    assert running and all("评测进行中" in s for s in running)
    assert "planqa（本系统）：第 2/2 题" in running[-1] and "基线：仅 BM25 关键词检索" in running[-1]
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0  # the bar moves through both configurations
    assert any("配置 1/2" in d for _, d in seen) and any("配置 2/2" in d for _, d in seen)
    assert "评测结果 · 共 2 题" in report and "前5命中率" in report and "未通过的问题" in report
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert "第 1 行：缺少字段“question”" in app.evaluate(str(bad), ["product"])

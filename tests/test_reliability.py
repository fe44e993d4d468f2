"""Bad input, broken indexes and security: each failure is specific, names the file and the
problem, and changes nothing already indexed."""
from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import PLANS, ROOT, read_seed

BASE = "004_5cc29d44ee9a572c.txt"


@pytest.fixture(scope="module")
def small_index(tmp_path_factory, embedder):
    """One real plan indexed; every bad file below is offered to it."""
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    d = tmp_path_factory.mktemp("reliability")
    shutil.copy(PLANS / BASE, d / BASE)
    index = Index(Settings.from_env(d / "index"), embedder=embedder)
    assert not ingest_paths(index, [d / BASE]).errors
    return index


def snapshot(index) -> tuple:
    """Everything a user could notice: documents, chunks, vectors, the BM25 index."""
    return (index.store.doc_hashes(), index.store.chunk_ids(), sorted(index.vectors.all_ids()),
            list(index.lexical.ids), index.store.generation())


def _pdf(text_pages: list[str] | None = None, encrypt: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text_pages is None:  # a "scan": a drawing, no text layer
        pdf.set_fill_color(40, 40, 40)
        for i in range(30):
            pdf.rect(20, 20 + i * 8, 170, 5, style="F")
    else:
        pdf.set_font("helvetica", size=12)
        for t in text_pages:
            pdf.multi_cell(0, 8, t)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("一、总体要求")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _truncated_docx() -> bytes:
    data = _docx_bytes()
    return data[: len(data) // 2]


def _docx_without_body() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return buf.getvalue()


rng = random.Random(7)
BAD_FILES = [
    # (file name, bytes, what the message must say)
    ("empty.txt", b"", "文件为空"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000)), "二进制"),
    ("latin1.txt", ("Gefahrenabwehr für Überschwemmungen. ".encode("latin-1") + b"\xff\xfe\x80\x81") * 50, "无法识别文字编码"),
    ("scan.pdf", _pdf(None), "没有文字层"),
    ("locked.pdf", _pdf(["Emergency plan 2023"], encrypt=True), "已加密"),
    ("cut.pdf", _pdf(["Emergency plan 2023"])[:300], "无法读取的 PDF"),
    ("locked.docx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4000, "加密的 .docx"),
    ("cut.docx", _truncated_docx(), "无法读取的 .docx"),
    ("hollow.docx", _docx_without_body(), "无法读取的 .docx"),
    ("notes.xls", b"anything", "不支持的文件类型 .xls"),
    ("spaces.txt", b" \n\t\n  \r\n", "没有文字"),
]


@pytest.mark.parametrize("name,data,needle", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_named_and_changes_nothing(small_index, tmp_path, name, data, needle):
    from ingest.pipeline import ingest_paths

    before = snapshot(small_index)
    p = tmp_path / name
    p.write_bytes(data)
    report = ingest_paths(small_index, [p])
    assert report.added == 0 and len(report.errors) == 1, report.errors
    err = report.errors[0]
    assert err["file"] == name
    assert needle.lower() in err["error"].lower(), err
    assert "；请" in err["error"] or "；支持" in err["error"], err  # and what to do about it
    assert snapshot(small_index) == before


def test_a_bad_file_beside_good_ones_stops_only_itself(small_index, tmp_path, embedder):
    from ingest.pipeline import ingest_paths

    shutil.copy(PLANS / "003_ee2fde3bcb9135fe.txt", tmp_path / "003_ee2fde3bcb9135fe.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    report = ingest_paths(small_index, [tmp_path])
    assert [e["file"] for e in report.errors] == ["empty.txt"]
    assert "003_ee2fde3bcb9135fe.txt" in small_index.store.doc_hashes()
    from ingest.pipeline import delete_document

    delete_document(small_index, "003_ee2fde3bcb9135fe.txt")


def test_huge_file_is_refused_before_it_is_read(small_index, tmp_path):
    """50 MB of text: refused with the limit stated (and how to raise it), without reading it."""
    from ingest.pipeline import ingest_paths

    before = snapshot(small_index)
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        line = ("加强应急管理体系和能力建设，" * 20 + "\n").encode("utf-8")
        while fh.tell() < 50 * 2**20:
            fh.write(line * 1000)
    report = ingest_paths(small_index, [p])
    err = report.errors[0]["error"]
    assert "50." in err and "超过上限 20 MB" in err and "PLANQA_MAX_FILE_MB" in err
    assert snapshot(small_index) == before


def test_duplicate_under_another_name_is_recognised(small_index, tmp_path):
    from ingest.pipeline import ingest_paths

    before = snapshot(small_index)
    p = tmp_path / "绍兴要点-副本.txt"
    shutil.copy(PLANS / BASE, p)
    report = ingest_paths(small_index, [p])
    assert report.errors == [{"file": p.name, "error": f"与已入库的 {BASE} 内容相同，已跳过（无需重复导入）"}]
    assert snapshot(small_index) == before


def test_text_without_structure_is_ingested_as_flat_sections(small_index, tmp_path):
    from ingest.pipeline import delete_document, ingest_paths
    from rag.qa import QA

    body = ("本市今年将继续推进应急避难场所建设，新建避难场所十二处，改造老旧场所八处。"
            "各区应当按照统一标准组织验收，并向社会公布场所位置和容量。" * 3 + "\n") * 4
    p = tmp_path / "flat.txt"
    p.write_text(body, encoding="utf-8")
    report = ingest_paths(small_index, [p])
    assert not report.errors and report.added >= 2
    chunks = list(small_index.store.iter_chunks("flat.txt"))
    assert chunks and all(c.section == "" for c in chunks)
    a = QA(small_index).ask("今年要新建多少处避难场所?", docs=None)
    assert any(c["doc"] == "flat.txt" for c in a.citations + a.nearest)
    delete_document(small_index, "flat.txt")


def test_utf16_text_from_windows_notepad(tmp_path):
    from ingest.loaders import load_file

    text = read_seed(BASE)
    p = tmp_path / "unicode.txt"
    p.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    loaded = load_file(p, 10**8)
    assert loaded.text == text and loaded.encoding == "utf-16-le"


# --- broken indexes -------------------------------------------------------------------------------

def planqa(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planqa.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env or dict(os.environ))


@pytest.fixture
def own_index(tmp_path, small_index):
    """A copy of the small index that a test may break."""
    d = tmp_path / "index"
    small_index.close()
    shutil.copytree(small_index.dir, d)
    return d


def test_corrupt_document_store_is_a_clear_error_with_a_way_out(own_index, tmp_path):
    (own_index / "docstore.sqlite").write_bytes(b"this is not a database" * 100)
    for name in ("docstore.sqlite-wal", "docstore.sqlite-shm"):
        (own_index / name).unlink(missing_ok=True)
    run = planqa("ask", "绍兴今年要新增多少避灾安置场所?", "--index", str(own_index))
    assert run.returncode == 2
    assert "无法读取" in run.stderr and "planqa ingest --rebuild" in run.stderr
    assert "Traceback" not in run.stderr
    shutil.copy(PLANS / BASE, tmp_path / BASE)
    run = planqa("ingest", "--rebuild", "--index", str(own_index), "--json", str(tmp_path / BASE))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["documents"] == 1
    run = planqa("ask", "绍兴今年要新增多少避灾安置场所?", "--index", str(own_index), "--json")
    assert "150" in json.loads(run.stdout)["answer"]


def test_index_of_another_schema_is_refused(own_index):
    import sqlite3

    with sqlite3.connect(own_index / "docstore.sqlite") as db:
        db.execute("UPDATE info SET value='99' WHERE key='schema'")
    run = planqa("retrieve", "燃气", "--index", str(own_index))
    assert run.returncode == 2 and "结构版本是 99" in run.stderr and "--rebuild" in run.stderr


def test_torn_lexical_index_is_rebuilt_from_the_store(own_index):
    lex = own_index / "lexical"
    for f in lex.rglob("*"):
        if f.is_file():
            f.write_bytes(b"\x00garbage")
    run = planqa("ask", "绍兴今年要新增多少避灾安置场所?", "--index", str(own_index), "--json")
    assert run.returncode == 0, run.stderr
    assert "150" in json.loads(run.stdout)["answer"]


def test_a_lexical_index_of_an_older_recipe_is_rebuilt_without_reingest(own_index):
    """An index saved before BM25 texts carried cited articles (no "recipe" stamp) is rebuilt from
    the store on first use, and stamped with the current recipe."""
    from ingest.lexical import RECIPE

    meta = own_index / "lexical" / "ids.json"
    if not meta.exists():  # built lazily: one question builds it
        planqa("retrieve", "燃气", "--index", str(own_index))
    info = json.loads(meta.read_text(encoding="utf-8"))
    info.pop("recipe", None)
    meta.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    run = planqa("ask", "绍兴今年要新增多少避灾安置场所?", "--index", str(own_index), "--json")
    assert run.returncode == 0, run.stderr
    assert "150" in json.loads(run.stdout)["answer"]
    assert json.loads(meta.read_text(encoding="utf-8"))["recipe"] == RECIPE


def test_damaged_vector_store_falls_back_to_keywords_and_ingest_repairs_it(own_index, tmp_path, embedder):
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings
    from rag.qa import QA

    (own_index / "chroma" / "chroma.sqlite3").write_bytes(bytes(random.Random(3).randrange(256) for _ in range(65536)))
    index = Index(Settings.from_env(own_index), embedder=embedder)
    a = QA(index).ask("绍兴今年要新增多少避灾安置场所?")
    assert "150" in a.answer  # keyword search still answers…
    assert "向量检索不可用" in a.filters["warning"] and "planqa ingest" in a.filters["warning"]  # …and says so
    run = planqa("retrieve", "避灾安置场所", "--index", str(own_index), "--json")
    assert run.returncode == 0 and "向量检索不可用" in run.stderr and json.loads(run.stdout)["passages"]
    shutil.copy(PLANS / BASE, tmp_path / BASE)
    report = ingest_paths(index, [tmp_path / BASE])
    assert not report.errors and report.embedded == 0  # refilled from the embedding cache
    assert index.vectors.all_ids() == set(index.store.chunk_ids())
    a = QA(index).ask("绍兴今年要新增多少避灾安置场所?")
    assert "warning" not in a.filters
    index.close()


# --- filters, questions and the command line ------------------------------------------------------

def test_unknown_filters_are_named_on_the_command_line(seed_index):
    run = planqa("retrieve", "燃气安全", "--region", "火星市", "--index", str(seed_index.dir), "--json")
    out = json.loads(run.stdout)
    assert out["passages"] == [] and "没有地区为“火星市”的文件" in out["note"]
    assert "火星市" in run.stderr


@pytest.mark.parametrize("question", ["", "？？！！。。", "   "])
def test_empty_questions_are_answered_plainly(seed_index, question):
    from rag.qa import QA

    a = QA(seed_index).ask(question)
    assert a.refused and "请输入一个问题" in a.answer and a.citations == []


# --- security -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "..\\..\\boot.ini.txt", "/etc/cron.d/x.txt",
                                  "a/../../b.txt", "x\x00y.txt", "..", ".", "  ../ "])
def test_upload_names_cannot_leave_the_upload_folder(tmp_path, name):
    from ui import safe_upload_name

    folder = (tmp_path / "uploads").resolve()
    try:
        safe = safe_upload_name(name)
    except ValueError:
        return
    assert (folder / safe).resolve().parent == folder
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe


def test_upload_through_the_app_stays_inside_and_bad_files_leave_no_trace(tmp_path, embedder):
    """The 文档库 upload: a hostile name lands inside uploads/; a bad file with an existing
    upload's name restores the old file and changes nothing indexed."""
    import ui
    from ingest.index import Index
    from planqa.config import Settings

    app = ui.App.__new__(ui.App)
    app.index = Index(Settings.from_env(tmp_path / "index"), embedder=embedder)
    app.ingest_lock = __import__("threading").Lock()

    class Upload:  # what Gradio hands over: a temp path and the name the user's file had
        def __init__(self, path: Path, orig_name: str):
            self.name, self.orig_name = str(path), orig_name

    good = tmp_path / "tmp1"
    good.write_bytes((PLANS / BASE).read_bytes())
    msg = app.upload([Upload(good, "../../../outside.txt")])
    assert "已导入" in msg
    assert not (tmp_path / "outside.txt").exists()
    stored = app.index.dir / "uploads" / "outside.txt"
    assert stored.read_bytes() == good.read_bytes()
    before = snapshot(app.index)

    bad = tmp_path / "tmp2"
    bad.write_bytes(b"")
    msg = app.upload([Upload(bad, "outside.txt")])
    assert "outside.txt" in msg and "文件为空" in msg
    assert stored.read_bytes() == good.read_bytes()  # the earlier upload is intact
    assert snapshot(app.index) == before
    assert [p.name for p in (app.index.dir / "uploads").iterdir()] == ["outside.txt"]  # no staging left
    app.index.close()


def test_api_key_is_never_printed(seed_index, tmp_path):
    """A failing endpoint: the error is reported, the key is not (CLI output, answer JSON, repr)."""
    from planqa.config import Settings

    secret = "sk-planqa-test-0123456789abcdef"
    env = dict(os.environ, OPENAI_BASE_URL="http://127.0.0.1:9/v1", OPENAI_API_KEY=secret, PLANQA_LLM_MODEL="m")
    run = planqa("ask", "绍兴今年要新增多少避灾安置场所?", "--index", str(seed_index.dir), "--json", env=env)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["filters"].get("llm_error")  # it did try, and says why it fell back
    assert "150" in out["answer"]
    assert secret not in run.stdout and secret not in run.stderr
    assert secret not in repr(Settings.from_env()) or not os.environ.get("OPENAI_API_KEY")
    os.environ["OPENAI_API_KEY"] = secret
    try:
        assert secret not in repr(Settings.from_env()) and secret not in str(Settings.from_env())
    finally:
        del os.environ["OPENAI_API_KEY"]

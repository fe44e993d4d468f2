import docx
import pytest

from ingest.loaders import LoadError, load_file
from ingest.pipeline import process
from tests.conftest import PLANS, read_seed

NAME = "004_5cc29d44ee9a572c.txt"


def summary(chunks):
    return [(c.text, c.section, c.meta.title, c.meta.region) for c in chunks]


def test_gbk_copy_ingests_to_the_same_chunks(tmp_path):
    text = read_seed(NAME)
    p = tmp_path / NAME
    p.write_bytes(text.encode("gbk"))
    loaded = load_file(p, 10**8)
    assert loaded.encoding == "gb18030"
    assert loaded.text == text
    original = process(load_file(PLANS / NAME, 10**8))
    assert summary(process(loaded).chunks) == summary(original.chunks)


def test_docx_copy_ingests_to_the_same_chunks(tmp_path):
    text = read_seed(NAME)
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    p = tmp_path / "004.docx"
    d.save(p)
    loaded = load_file(p, 10**8)
    assert loaded.fmt == "docx"
    original = process(load_file(PLANS / NAME, 10**8))
    got = process(loaded)
    assert [c.text for c in got.chunks] == [c.text for c in original.chunks]
    assert [c.section for c in got.chunks] == [c.section for c in original.chunks]
    for c in got.chunks:  # offsets point into the docx's decoded text
        assert loaded.text[c.start:c.end].replace("\n", "") .startswith(c.text[:10].replace("\n", ""))


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("empty.txt", b"", "文件为空"),
        ("binary.txt", bytes(range(256)) * 40, "二进制数据"),
        ("bad.docx", b"PK\x03\x04 this is not a zip", "无法读取的 .docx"),
        ("bad.pdf", b"%PDF-1.4 garbage", "无法读取的 PDF"),
        ("notes.xyz", b"hello", "不支持的文件类型 .xyz"),
    ],
)
def test_bad_files_get_specific_errors(tmp_path, name, data, needle):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(LoadError) as e:
        load_file(p, 10**8)
    assert needle.lower() in str(e.value).lower()
    assert name in str(e.value)
    assert "；请" in str(e.value) or "；支持" in str(e.value)  # and what to do about it


def test_size_limit_is_stated(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes("应急".encode() * 600_000)
    with pytest.raises(LoadError, match="超过上限 2 MB.*PLANQA_MAX_FILE_MB"):
        load_file(p, 2 * 2**20)


def test_html_and_markdown(tmp_path):
    h = tmp_path / "plan.html"
    h.write_text("<html><head><title>t</title><script>x()</script></head><body><h1>绍兴市2023年应急管理工作要点</h1>"
                 "<p>一、总体要求</p><p>坚持人民至上。</p></body></html>", encoding="utf-8")
    d = process(load_file(h, 10**8))
    assert d.meta.title == "绍兴市2023年应急管理工作要点" and d.meta.year == 2023
    assert any(c.section == "一、总体要求" for c in d.chunks)
    assert "x()" not in d.loaded.text


def test_page_span_names_the_first_page_and_the_last_one_it_runs_onto():
    from planqa.records import page_span

    starts = (0, 45, 67)  # page 2 begins at offset 45, page 3 at 67
    assert page_span(starts, 0, 10) == (1, None)
    assert page_span(starts, 30, 45) == (1, None)  # ends just before page 2: still page 1 alone
    assert page_span(starts, 30, 46) == (1, 2)
    assert page_span(starts, 40, 80) == (1, 3)
    assert page_span(starts, 67, 70) == (3, None)
    assert page_span((), 5, 9) == (None, None)  # a file without pages


def test_a_folders_readme_sources_and_catalogue_are_skipped_but_named_files_are_not(tmp_path):
    from ingest.loaders import expand_paths

    (tmp_path / "sub").mkdir()
    for name in ("README.md", "SOURCES.md", "license.txt", "sub/目录.md", "sub/readme.zh.md", "a.txt",
                 "sub/通知.txt", "index.html", "编制说明.docx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, errors, skipped = expand_paths([tmp_path])
    # an index page, a notice, an explanatory note are documents; only the listed names are not
    assert sorted(f.name for f in files) == sorted(["a.txt", "index.html", "通知.txt", "编制说明.docx"])
    assert [f for f, _ in skipped] == ["README.md", "SOURCES.md", "license.txt", "sub/readme.zh.md", "sub/目录.md"]
    assert all("不是文档" in r for _, r in skipped) and errors == []
    files, _, skipped = expand_paths([tmp_path / "SOURCES.md"])  # named on its own: ingested
    assert [f.name for f in files] == ["SOURCES.md"] and skipped == []

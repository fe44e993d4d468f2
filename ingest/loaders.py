"""Read a user's file into decoded text: .txt (UTF-8 or GBK/GB18030), .md, .html, .docx, .pdf
(scanned pages read by OCR, see ``ocr.py``). Tables keep each row with its column headers.

The decoded text is what citations' ``start``/``end`` offsets point into. Every failure raises
``LoadError`` with a message that names the file and the problem.
"""
from __future__ import annotations

import hashlib
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from planqa.config import NOT_DOCUMENTS, SUPPORTED_SUFFIXES
from planqa.errors import PlanqaError


class LoadError(PlanqaError):
    def __init__(self, file: str, message: str):
        super().__init__(f"{file}：{message}" if file else message)
        self.file = file
        self.message = message


@dataclass(frozen=True)
class LoadedFile:
    doc_id: str  # the file name: the document's id in citations and gold sets
    path: str
    text: str
    sha256: str
    fmt: str
    encoding: str
    # PDFs: where each page starts in ``text`` (page n+1 begins at page_starts[n]); empty otherwise
    page_starts: tuple[int, ...] = ()
    ocr_pages: tuple[int, ...] = ()  # 1-based numbers of the pages read by OCR

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``text[offset]`` (None for formats without pages)."""
        return page_at(self.page_starts, offset)


def page_at(page_starts: tuple[int, ...] | list[int], offset: int) -> int | None:
    """The 1-based page number holding ``offset``, or None if the file has no pages."""
    import bisect

    return bisect.bisect_right(page_starts, offset) if page_starts else None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.05


_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 first (strict), then the Chinese national encodings; never a lossy guess."""
    for bom, enc in _BOMS:  # Windows "Unicode" text files; their NUL bytes are not binary
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                raise LoadError(name, f"文件以 {enc} 编码标记开头，但内容无法按 {enc} 解码（文件可能已损坏）；"
                                      "请另存为 UTF-8 文本后再导入") from None
    if _looks_binary(data):
        raise LoadError(name, "这是二进制数据，不是文本（文件扩展名是否有误？）；请确认文件类型，或另存为 UTF-8 文本后再导入")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), "utf-8" if enc == "utf-8-sig" else enc
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        text = str(best)
        # a plan is Chinese: bytes that only read as, say, Latin-1 are a wrong encoding, not a plan
        if len(re.findall(r"[\u4e00-\u9fff]", text)) >= 0.05 * len(text.strip() or "x"):
            return text, best.encoding
        raise LoadError(name, f"无法识别文字编码：不是 UTF-8 或 GBK/GB18030，按 {best.encoding} 解码也没有中文；"
                              "请另存为 UTF-8 文本后再导入")
    raise LoadError(name, "无法识别文字编码：既不是 UTF-8 也不是 GBK/GB18030；请另存为 UTF-8 文本后再导入")


_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE container: encrypted OOXML or a legacy .doc


def _cell_text(cell) -> str:
    paras = ["".join(t.text or "" for t in p.iter() if t.tag.endswith("}t")) for p in cell.iter() if p.tag.endswith("}p")]
    return re.sub(r"\s+", " ", " ".join(x.strip() for x in paras if x.strip()))


def _table_rows(tbl) -> list[list[str]]:
    """A Word table's rows as cell texts on the table's grid: a cell spanning columns repeats its
    text, a vertically merged cell carries the text of the cell it continues."""
    rows: list[list[str]] = []
    for tr in (c for c in tbl.iterchildren() if c.tag.endswith("}tr")):
        row: list[str] = []
        for tc in (c for c in tr.iterchildren() if c.tag.endswith("}tc")):
            span, cont = 1, False
            for prop in tc.iter():
                tag = prop.tag.rsplit("}", 1)[-1]
                if tag == "gridSpan":
                    span = int(next((v for k, v in prop.attrib.items() if k.endswith("}val")), "1") or 1)
                elif tag == "vMerge":
                    cont = next((v for k, v in prop.attrib.items() if k.endswith("}val")), "continue") != "restart"
            text = _cell_text(tc)
            if cont and not text and rows and len(rows[-1]) > len(row):
                text = rows[-1][len(row)]
            row.extend([text] * span)
        rows.append(row)
    return rows


def _is_header(row: list[str]) -> bool:
    """A header row names its columns: every cell short, filled, and not a figure."""
    cells = [c for c in row if c]
    return (len(set(cells)) >= 2 and len(cells) == len(row)
            and all(len(c) <= 20 and not re.fullmatch(r"[\d.,%‰＜<>≥≤\s-]+", c) for c in cells))


def table_lines(rows: list[list[str]]) -> list[str]:
    """One line per row, each value with its column's header (``指标：…｜目标值：…｜属性：…``),
    so a row read alone still says what its figures are. A table without a header row, or of one
    column, keeps its cells tab-separated; a row that is one merged cell (a group title) stays as is."""
    rows = [r for r in rows if any(r)]
    if len(rows) < 2 or max(len(r) for r in rows) < 2 or not _is_header(rows[0]):
        return ["\t".join(r) for r in rows]
    header, lines = rows[0], []
    for row in rows[1:]:
        if len(set(row)) == 1:
            lines.append(row[0])
            continue
        parts: list[str] = []
        last = None
        for h, v in zip(header + [""] * (len(row) - len(header)), row):
            if not v or (h, v) == last:  # an empty cell, or the rest of a cell spanning columns
                continue
            last = (h, v)
            parts.append(f"{h}：{v}" if h and h != v else v)
        lines.append("｜".join(parts))
    return lines


def _docx_text(data: bytes, name: str) -> str:
    import zipfile

    import docx  # python-docx

    if data.startswith(_OLE_MAGIC):
        raise LoadError(name, "这是加密的 .docx 或旧版 Word .doc 文件；请在 Word 中另存为未加密的 .docx 后再导入")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many types on a damaged package  # noqa: BLE001
        detail = ("不是有效的 zip 压缩包" if isinstance(e, zipfile.BadZipFile)
                  else f"缺少部件 {e}" if isinstance(e, KeyError) else "内部结构缺失或损坏")
        raise LoadError(name, f"无法读取的 .docx 文件（{detail}，可能已损坏或已加密）；请用 Word 打开后另存为 .docx 再导入") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            lines.extend(table_lines(_table_rows(child)))
    return "\n".join(lines)


def _pdf_pages(data: bytes, name: str, on_page: Callable[[int, int], None] | None = None) -> tuple[list[str], list[int]]:
    """Each page's text; a page without a text layer (a scan) is read by OCR. Returns the pages
    and the 0-based numbers of those that were OCR'd."""
    import pypdf
    from pypdf.errors import PdfReadError

    from .ocr import OcrUnavailable, ocr_pdf_pages

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError(name, "PDF 已加密；请另存一份未加密的副本后再导入")
        # NUL is never text: some CID fonts' maps leave one before every character
        pages = [(page.extract_text() or "").replace("\x00", "").strip("\n") for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError):  # pypdf's own words are English: not shown
        raise LoadError(name, "无法读取的 PDF 文件（可能已损坏或不完整）；请用 PDF 阅读器打开后重新另存，再导入") from None
    # a scanned page has no text layer, or only a stray page number or watermark
    scanned = [i for i, p in enumerate(pages) if len(re.sub(r"\s", "", p)) < MIN_TEXT_LAYER_CHARS]
    if scanned:
        try:
            read = ocr_pdf_pages(data, scanned, None if on_page is None else (lambda i: on_page(i + 1, len(pages))))
        except OcrUnavailable as e:
            raise LoadError(name, f"第{scanned[0] + 1}页没有文字层（扫描件），需要文字识别（OCR）。{e}") from None
        except subprocess.SubprocessError as e:
            raise LoadError(name, f"扫描页文字识别失败：{e}") from None
        for i, text in read.items():
            pages[i] = text if len(re.sub(r"\s", "", text)) > len(re.sub(r"\s", "", pages[i])) else pages[i]
    for i, text in _pdf_table_pages(data, set(scanned)).items():
        pages[i] = text
    return pages, scanned


MIN_TEXT_LAYER_CHARS = 10


def _pdf_cell(text: str | None) -> str:
    """A table cell's text: a line break inside Chinese text is where the cell wrapped, not a space."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])", "", text or "")
    return re.sub(r"\s+", " ", text).strip()


def _pdf_table_pages(data: bytes, skip: set[int]) -> dict[int, str]:
    """Text pages that hold ruled tables, read again with pdfplumber so that each table row keeps
    its column headers (pypdf gives a row's cells run together, headers far above). The text
    above, between and below the tables is kept in reading order. Pages without tables are left
    to pypdf, so their text does not change."""
    try:
        import pdfplumber
    except ImportError:  # an optional reader: without it tables stay as pypdf reads them
        return {}
    out: dict[int, str] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, page in enumerate(pdf.pages):
                if i in skip:
                    continue
                tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
                if not tables:
                    continue
                x0, top, x1, bottom = page.bbox
                parts: list[str] = []
                for t in tables:
                    if t.bbox[1] > top:
                        parts.append(page.crop((x0, top, x1, t.bbox[1])).extract_text() or "")
                    rows = [[_pdf_cell(c) for c in row] for row in t.extract()]
                    parts.append("\n".join(table_lines(rows)))
                    top = max(top, t.bbox[3])
                if top < bottom:
                    parts.append(page.crop((x0, top, x1, bottom)).extract_text() or "")
                out[i] = "\n".join(p.strip("\n") for p in parts if p.strip())
    except Exception:  # noqa: BLE001 -- pdfminer raises many types on odd files; pypdf's text stands
        return {}
    return out


def _pdf_text(data: bytes, name: str, on_page=None) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The pages joined by line breaks, with where each page starts (for page numbers in citations)."""
    pages, scanned = _pdf_pages(data, name, on_page)
    starts, pos = [], 0
    for p in pages:
        starts.append(pos)
        pos += len(p) + 1
    text = "\n".join(pages)
    if not text.strip():
        raise LoadError(name, "PDF 没有文字层，扫描页的文字识别（OCR）也没有读出文字；"
                              "请提供可复制文字的 PDF，或更清晰的扫描件")
    return text, tuple(starts), tuple(i + 1 for i in scanned)


def _html_text(data: bytes, name: str) -> str:
    from bs4 import BeautifulSoup

    text, _ = decode_text(data, name)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    lines = [ln.strip() for ln in soup.get_text("\n").split("\n")]
    return "\n".join(ln for ln in lines if ln)


def load_file(path: str | Path, max_bytes: int, on_page: Callable[[int, int], None] | None = None) -> LoadedFile:
    """Read one file. ``on_page(page, pages)`` is told before each scanned page is OCR'd (slow)."""
    p = Path(path)
    name = p.name
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(name, f"不支持的文件类型 {suffix or '（无扩展名）'}；支持的类型：{'、'.join(SUPPORTED_SUFFIXES)}")
    try:
        size = p.stat().st_size
    except OSError as e:
        why = {PermissionError: "没有读取权限", FileNotFoundError: "文件不存在"}.get(type(e), f"系统错误 {e.errno}")
        raise LoadError(name, f"无法读取文件（{why}）；请检查文件路径和权限") from None
    if size == 0:
        raise LoadError(name, "文件为空（0 字节）；请检查是否选错了文件，或文件没有保存完整")
    if size > max_bytes:
        shown, limit = f"{size / 2**20:.1f} MB", f"{max_bytes / 2**20:.0f} MB"
        if float(shown[:-3]) <= max_bytes / 2**20:  # not "20.0 MB, over the 20 MB limit": count bytes
            shown, limit = f"{size} 字节", f"{limit}（{max_bytes} 字节）"
        raise LoadError(name, f"文件大小 {shown}，超过上限 {limit}；请拆分文件，或调大 PLANQA_MAX_FILE_MB")
    data = p.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    encoding = ""
    page_starts: tuple[int, ...] = ()
    ocr_pages: tuple[int, ...] = ()
    if suffix == ".docx":
        text, fmt = _docx_text(data, name), "docx"
    elif suffix == ".pdf":
        (text, page_starts, ocr_pages), fmt = _pdf_text(data, name, on_page), "pdf"
    elif suffix in (".html", ".htm"):
        text, fmt = _html_text(data, name), "html"
    else:
        text, encoding = decode_text(data, name)
        fmt = "md" if suffix in (".md", ".markdown") else "txt"
    if not text.strip():
        raise LoadError(name, "文件中没有文字（只有空白）；请检查文件内容")
    return LoadedFile(doc_id=name, path=str(p.resolve()), text=text, sha256=digest, fmt=fmt, encoding=encoding,
                      page_starts=page_starts, ocr_pages=ocr_pages)


def not_a_document(path: Path) -> str:
    """Why a file found in a folder is not one of its documents (README, SOURCES, 目录 …: see
    ``NOT_DOCUMENTS``), or "" for a document."""
    what = NOT_DOCUMENTS.get(path.name.split(".", 1)[0].strip().lower())
    return f"{what}，不是文档；如需导入，请单独指定该文件" if what else ""


def expand_paths(paths: list[str | Path]) -> tuple[list[Path], list[tuple[str, str]], list[tuple[str, str]]]:
    """Files to ingest (directories walked, sorted), errors for paths that do not exist, and the
    files a directory holds that are not documents (``not_a_document``) with the reason. A file
    named on its own is always ingested."""
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES):
                reason = not_a_document(f)
                if reason:
                    skipped.append((f.relative_to(p).as_posix(), reason))
                else:
                    files.append(f)
        elif p.is_file():
            files.append(p)
        else:
            errors.append((str(raw), "文件或文件夹不存在；请检查路径"))
    return files, errors, skipped

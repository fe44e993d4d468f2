"""Read a user's file into decoded text: .txt (UTF-8 or GBK/GB18030), .md, .html, .docx, text .pdf.

The decoded text is what citations' ``start``/``end`` offsets point into. Every failure raises
``LoadError`` with a message that names the file and the problem.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from planqa.config import SUPPORTED_SUFFIXES


class LoadError(Exception):
    def __init__(self, file: str, message: str):
        super().__init__(f"{file}: {message}")
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
                raise LoadError(name, f"starts like {enc} text but does not decode as it") from None
    if _looks_binary(data):
        raise LoadError(name, "binary data, not text (is the file extension wrong?)")
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
        raise LoadError(name, f"cannot decode the text: not UTF-8 or GBK/GB18030, and as {best.encoding} it holds "
                              "no Chinese text (save it as UTF-8)")
    raise LoadError(name, "cannot decode the text: it is neither UTF-8 nor GBK/GB18030 (save it as UTF-8)")


_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE container: encrypted OOXML or a legacy .doc


def _docx_text(data: bytes, name: str) -> str:
    import zipfile

    import docx  # python-docx

    if data.startswith(_OLE_MAGIC):
        raise LoadError(name, "a password-protected (encrypted) .docx or an old Word .doc; save it as an unprotected .docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many types on a damaged package  # noqa: BLE001
        detail = str(e) if isinstance(e, (zipfile.BadZipFile, KeyError, ValueError)) else "its parts are missing or malformed"
        raise LoadError(name, f"not a readable .docx (corrupt or encrypted): {detail}") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row:
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
                    lines.append("\t".join(cells))
    return "\n".join(lines)


def _pdf_text(data: bytes, name: str) -> str:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError(name, "the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as e:
        raise LoadError(name, f"not a readable PDF (corrupt?): {e}") from None
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise LoadError(name, "the PDF has no text layer (a scan?); run OCR first")
    return text


def _html_text(data: bytes, name: str) -> str:
    from bs4 import BeautifulSoup

    text, _ = decode_text(data, name)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    lines = [ln.strip() for ln in soup.get_text("\n").split("\n")]
    return "\n".join(ln for ln in lines if ln)


def load_file(path: str | Path, max_bytes: int) -> LoadedFile:
    p = Path(path)
    name = p.name
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(name, f"unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        size = p.stat().st_size
    except OSError as e:
        raise LoadError(name, f"cannot read: {e.strerror}") from None
    if size == 0:
        raise LoadError(name, "the file is empty")
    if size > max_bytes:
        raise LoadError(name, f"the file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit (PLANQA_MAX_FILE_MB)")
    data = p.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    encoding = ""
    if suffix == ".docx":
        text, fmt = _docx_text(data, name), "docx"
    elif suffix == ".pdf":
        text, fmt = _pdf_text(data, name), "pdf"
    elif suffix in (".html", ".htm"):
        text, fmt = _html_text(data, name), "html"
    else:
        text, encoding = decode_text(data, name)
        fmt = "md" if suffix in (".md", ".markdown") else "txt"
    if not text.strip():
        raise LoadError(name, "no text in the file")
    return LoadedFile(doc_id=name, path=str(p.resolve()), text=text, sha256=digest, fmt=fmt, encoding=encoding)


def expand_paths(paths: list[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest (directories walked, sorted) and errors for paths that do not exist."""
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            errors.append((str(raw), "no such file or directory"))
    return files, errors

"""OCR of scanned PDF pages with Debian's tesseract (chi_sim) and poppler's pdftoppm, both called
as programs: no Python binding to install, and a missing program is a clear message, not a crash.

Install: ``apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils`` (``make install-test``
does it when run as root).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

INSTALL_HINT = "sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils"
LANG = "chi_sim"
DPI = 300  # body text of a scanned A4 page is ~10 pt: 300 dpi gives tesseract ~40 px a character
PAGE_TIMEOUT_S = 300

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"


class OcrUnavailable(Exception):
    """tesseract, its Chinese model or pdftoppm is missing; the message says how to install them."""


def missing_tools() -> str:
    """Empty when OCR can run; otherwise a Chinese sentence naming what is missing and the fix."""
    missing = [name for name in ("tesseract", "pdftoppm") if shutil.which(name) is None]
    if not missing:
        try:
            langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            langs = ""
        if LANG not in langs.split():
            missing.append("tesseract 中文模型 chi_sim")
    if not missing:
        return ""
    return f"本机缺少 {'、'.join(missing)}，无法识别扫描件；请先安装：{INSTALL_HINT}"


def tidy_ocr_text(text: str) -> str:
    """tesseract's chi_sim output puts spaces between Chinese characters and ends a page with a
    form feed; neither is in the document. Blank-line runs are kept as paragraph breaks."""
    text = text.replace("\f", "")
    text = re.sub(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])", "", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def ocr_pdf_pages(pdf: bytes, pages: list[int], on_page: Callable[[int], None] | None = None) -> dict[int, str]:
    """Text of the given 0-based pages: each rendered to a grey PNG and read by tesseract."""
    problem = missing_tools()
    if problem:
        raise OcrUnavailable(problem)
    out: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="planqa-ocr-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        for n in pages:
            if on_page is not None:
                on_page(n)
            img = Path(tmp) / f"p{n}"
            subprocess.run(["pdftoppm", "-f", str(n + 1), "-l", str(n + 1), "-r", str(DPI), "-gray", "-png",
                            "-singlefile", str(src), str(img)], check=True, capture_output=True, timeout=PAGE_TIMEOUT_S)
            run = subprocess.run(["tesseract", str(img) + ".png", "stdout", "-l", LANG, "--psm", "3",
                                  "-c", "preserve_interword_spaces=1"],
                                 check=True, capture_output=True, timeout=PAGE_TIMEOUT_S)
            out[n] = tidy_ocr_text(run.stdout.decode("utf-8", errors="replace"))
    return out

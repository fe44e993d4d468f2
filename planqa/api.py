"""planqa as a service: an OpenAI-compatible chat endpoint and a REST API beside the page.

``planqa serve`` runs one FastAPI application on one port: these routes first, the Gradio page
mounted under them. Both share one ``ui.App`` (one index, one QA chain, one ingest lock, one
audit log), so an answer here is the answer the page and ``planqa ask --json`` give.

- ``POST /v1/chat/completions``, ``GET /v1/models``: what chat front-ends (Open WebUI, Cherry
  Studio, LobeChat, Dify) call. The reply's text is the answer with ``[n]`` markers and a numbered
  source list; ``citations``, ``refused``, ``partial`` ride along as extra fields.
- ``POST /api/ask``, ``POST /api/retrieve``, ``GET/POST /api/documents``,
  ``DELETE /api/documents/{doc}``: the CLI's JSON over HTTP.

Keys (``PLANQA_API_KEYS="name:key[:rw],…"`` or ``PLANQA_API_KEYS_FILE``): with keys, every route
needs ``Authorization: Bearer <key>``, uploads and deletes a key marked ``rw``. Without keys the
API answers only requests from this machine (loopback), which is what ``planqa serve`` binds by
default. Keys are compared in constant time and never written anywhere.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import os
import re
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Literal
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .config import DOC_TYPES, ConfigError

if TYPE_CHECKING:  # the page's state object; imported for real only by ui.main
    from ui import App

MODEL_ID = "planqa"
MAX_JSON_BYTES = 1024 * 1024  # a question is at most a few hundred characters; 1 MB is generous
HISTORY_TURNS = 5  # as many earlier questions as the page keeps


# --- keys --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ApiKey:
    name: str
    key: str
    rw: bool = False

    def __repr__(self) -> str:  # the key itself is never shown
        return f"ApiKey(name={self.name!r}, rw={self.rw})"


@dataclass(frozen=True)
class Caller:
    name: str
    rw: bool


def parse_keys(text: str, source: str = "PLANQA_API_KEYS") -> list[ApiKey]:
    """``name:key[:rw]`` entries separated by commas or new lines; ``#`` starts a comment line.
    Errors name the entry by position and name, never by its key."""
    keys: list[ApiKey] = []
    entries = [e.strip() for line in text.splitlines() if not line.strip().startswith("#") for e in line.split(",")]
    for n, entry in enumerate((e for e in entries if e), 1):
        parts = entry.split(":")
        if len(parts) not in (2, 3):
            raise ConfigError(f"{source} 第{n}项格式应为 名称:密钥[:rw]（{source} entry {n}: expected name:key[:rw]）")
        name, key = parts[0].strip(), parts[1].strip()
        mode = parts[2].strip().lower() if len(parts) == 3 else "r"
        if not re.fullmatch(r"[\w.@-]{1,64}", name):
            raise ConfigError(f"{source} 第{n}项的名称只能用字母、数字、_.@-（entry {n}: bad name）")
        if len(key) < 8 or any(ch.isspace() for ch in key):
            raise ConfigError(f"{source} 第{n}项（{name}）的密钥至少 8 个字符、不含空白（key too short）")
        if mode not in ("r", "ro", "rw"):
            raise ConfigError(f"{source} 第{n}项（{name}）的权限只能是 rw 或 r（entry {n}: mode must be rw or r）")
        if any(k.name == name for k in keys) or any(hmac.compare_digest(k.key, key) for k in keys):
            raise ConfigError(f"{source} 第{n}项（{name}）的名称或密钥重复（duplicate name or key）")
        keys.append(ApiKey(name, key, mode == "rw"))
    return keys


def load_keys(env: dict[str, str] | None = None) -> list[ApiKey]:
    """API keys from PLANQA_API_KEYS and PLANQA_API_KEYS_FILE; ConfigError if unreadable."""
    env = dict(os.environ) if env is None else env
    keys = parse_keys(env.get("PLANQA_API_KEYS", ""))
    path = env.get("PLANQA_API_KEYS_FILE", "").strip()
    if path:
        try:
            text = Path(path).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"PLANQA_API_KEYS_FILE={path}: 无法读取（{type(e).__name__}）") from None
        more = parse_keys(text, source=f"PLANQA_API_KEYS_FILE {path}")
        for k in more:
            if any(k.name == o.name or hmac.compare_digest(k.key, o.key) for o in keys):
                raise ConfigError(f"密钥 {k.name} 在 PLANQA_API_KEYS 与 PLANQA_API_KEYS_FILE 中重复（duplicate key）")
        keys += more
    return keys


def is_loopback(host: str | None) -> bool:
    """Whether the host is this machine (localhost or a loopback address)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def authorize(keys: list[ApiKey], header: str | None, client_host: str | None, origin: str | None = None) -> Caller:
    """Who is calling, or ApiError 401/403. Pure, so the policy is testable without a server."""
    if not keys:
        if is_loopback(client_host):
            # a web page open in this machine's browser is local too, and may POST a form here
            # (a multipart upload needs no preflight): without keys, only our own origin may call
            if origin is not None and not is_loopback(urlsplit(origin).hostname):
                raise ApiError(403, "cross_site", "未配置 API 密钥时不接受来自其他网站的请求",
                               "Without API keys, requests from other web sites are refused")
            return Caller("local", rw=True)
        raise ApiError(401, "no_keys_configured", "本服务未配置 API 密钥，只接受本机（127.0.0.1）请求；请设置 PLANQA_API_KEYS",
                       "No API keys are configured: only requests from this machine are accepted; set PLANQA_API_KEYS")
    scheme, _, token = (header or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "missing_api_key", "缺少 API 密钥，请在请求头中提供 Authorization: Bearer <密钥>",
                       "Missing API key: send Authorization: Bearer <key>")
    found = None
    for k in keys:  # every key compared, in constant time, so timing says nothing about which is close
        if hmac.compare_digest(k.key.encode(), token.encode()):
            found = k
    if found is None:
        raise ApiError(401, "invalid_api_key", "API 密钥无效", "Invalid API key")
    return Caller(found.name, found.rw)


# --- errors ------------------------------------------------------------------------------------
class ApiError(Exception):
    def __init__(self, status: int, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.status, self.code, self.zh, self.en = status, code, zh, en

    def body(self) -> dict[str, Any]:
        """The error as an OpenAI-style JSON body."""
        # OpenAI's error shape, so chat front-ends show the message as is
        kind = {401: "authentication_error", 403: "permission_error", 404: "not_found_error"}.get(
            self.status, "invalid_request_error")
        return {"error": {"message": f"{self.zh} / {self.en}", "type": kind, "code": self.code}}


def validation_message(errors: list[dict]) -> tuple[str, str, str]:
    """FastAPI's validation errors as one short message (code, Chinese, English)."""
    if any(e.get("type") == "json_invalid" for e in errors):
        return "invalid_json", "请求体不是有效的 JSON", "Malformed JSON body"
    parts = []
    for e in errors[:5]:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{loc}: {e.get('msg', 'invalid')}")
    detail = "; ".join(parts)
    return "invalid_request", f"请求字段有误（{detail}）", f"Invalid request ({detail})"


# --- request bodies ----------------------------------------------------------------------------
DocType = Literal[DOC_TYPES]  # type: ignore[valid-type]


class Filtered(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: str | None = Field(None, max_length=50, description="只看该地区的文件，如 上海、绍兴市")
    year: int | None = Field(None, ge=1, le=9999, description="只看覆盖该年份的文件")
    type: DocType | None = Field(None, description="只看该类型的文件")


class AskBody(Filtered):
    question: str = Field(..., min_length=1, max_length=4000, description="问题")
    history: list[str] = Field(default_factory=list, max_length=50,
                               description="此前的问题（旧→新），用于“那绍兴呢？”这类追问")
    docs: list[str] = Field(default_factory=list, max_length=100, description="只在这些文档中找（文件名）")


class RetrieveBody(Filtered):
    question: str = Field(..., min_length=1, max_length=4000)
    k: int = Field(5, ge=1, le=100)
    mode: Literal["hybrid", "dense", "bm25"] = "hybrid"


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls … are accepted and ignored
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None


class ChatBody(BaseModel):
    # temperature, max_tokens, user … are accepted and ignored: the answer is extracted, not sampled
    model_config = ConfigDict(extra="allow")
    model: str
    messages: list[ChatMessage] = Field(..., max_length=500)
    stream: bool = False
    region: str | None = Field(None, max_length=50)
    year: int | None = Field(None, ge=1, le=9999)
    type: DocType | None = None


def message_text(m: ChatMessage) -> str:
    """A message's text: a string, or the text parts of a parts list (images are ignored)."""
    if isinstance(m.content, str):
        return m.content
    if not m.content:
        return ""
    return "".join(str(p.get("text", "")) for p in m.content if isinstance(p, dict) and p.get("type") == "text")


def split_conversation(messages: list[ChatMessage]) -> tuple[str, list[str]]:
    """The question (the last message, a user's) and the earlier user questions, oldest first.
    The assistant's replies are not needed: planqa's follow-ups build on the earlier question."""
    if not messages:
        raise ApiError(400, "empty_messages", "messages 不能为空", "messages must not be empty")
    last = messages[-1]
    if last.role != "user":
        raise ApiError(400, "last_message_not_user", "最后一条消息必须是用户的提问（role=user）",
                       "The last message must be the user's question (role=user)")
    question = message_text(last).strip()
    if not question:
        raise ApiError(400, "empty_question", "最后一条用户消息没有文字", "The last user message has no text")
    earlier = [t for t in (message_text(m).strip() for m in messages[:-1] if m.role == "user") if t]
    return question, earlier


# --- replies -----------------------------------------------------------------------------------
def source_line(c: dict[str, Any]) -> str:
    """One citation as a source line: [n] 《title》（region, year） section — doc:start-end."""
    when = c.get("period") or c.get("year") or ""
    where = "，".join(str(x) for x in (c.get("region"), when) if x)
    art = f" {c['article']}" if c.get("article") else ""
    return (f"[{c['n']}] 《{c['title']}》" + (f"（{where}）" if where else "") + f" {c.get('section') or '（正文）'}{art}"
            f" — {c['doc']}:{c['start']}-{c['end']}")


def chat_content(a: dict[str, Any]) -> str:
    """What a chat front-end shows: the answer, any warning the page would show, then the sources
    numbered as the answer's [n] markers (a refusal lists the nearest passages instead)."""
    text = a["answer"]
    f = a.get("filters") or {}
    for key, label in (("warning", "⚠️ "), ("llm_error", "⚠️ 大模型不可用，上面是离线抽取的回答。原因：")):
        if f.get(key):
            text += f"\n\n{label}{f[key]}"
    if a.get("citations"):
        text += "\n\n来源：\n" + "\n".join(source_line(c) for c in a["citations"])
    elif a.get("nearest"):
        text += "\n\n最接近的段落（仅供参考）：\n" + "\n".join(source_line(c) for c in a["nearest"])
    return text


def answer_extras(a: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``ask --json`` that ride along on a chat completion."""
    out = {"citations": a.get("citations", []), "refused": bool(a.get("refused")), "partial": bool(a.get("partial", False)),
           "kind": a.get("kind", ""), "question": a.get("question", "")}
    if a.get("refused"):
        out["nearest"] = a.get("nearest", [])
        if a.get("reason"):
            out["reason"] = a["reason"]
    return out


def completion(a: dict[str, Any], cid: str, created: int) -> dict[str, Any]:
    """An answer as an OpenAI chat.completion response, with planqa's extras."""
    return {"id": cid, "object": "chat.completion", "created": created, "model": MODEL_ID,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": chat_content(a)},
                         "finish_reason": "stop"}],
            **answer_extras(a)}


def pieces(text: str, size: int = 48) -> Iterator[str]:
    """The reply in small pieces for streaming, line ends kept, so joined they are the text."""
    for line in text.splitlines(keepends=True):
        for i in range(0, len(line), size):
            yield line[i:i + size]


def sse_events(a: dict[str, Any], cid: str, created: int) -> Iterator[str]:
    """Server-sent events as OpenAI streams them: a role chunk, content chunks, a final chunk with
    ``finish_reason`` (and the citations), then ``[DONE]``."""
    def chunk(delta: dict, finish: str | None = None, **extra: Any) -> str:
        obj = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID,
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return "data: " + json.dumps(obj, ensure_ascii=False) + "\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in pieces(chat_content(a)):
        yield chunk({"content": piece})
    yield chunk({}, "stop", **answer_extras(a))
    yield "data: [DONE]\n\n"


def document_rows(index) -> list[dict[str, Any]]:
    """The library with its metadata: the rows of ``planqa docs --json``, built by the same function."""
    from .cli import _doc_row

    overrides, standing = index.store.overrides(), index.store.validity()
    return [_doc_row(d, overrides.get(d["doc"], {}), standing.get(d["doc"])) for d in index.store.documents()]


# --- the application ---------------------------------------------------------------------------
class BodyLimit:
    """Refuse API bodies over the limit before any route reads them (413), streamed or not.
    Uploads may be as large as one file may be (PLANQA_MAX_FILE_MB) plus the form's overhead."""

    def __init__(self, app, upload_limit: int):
        self.app, self.upload_limit = app, upload_limit

    async def __call__(self, scope, receive, send):
        """Refuse request bodies over the limit (uploads have their own) before the app reads them."""
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(("/v1/", "/api/")) or scope.get("method") in ("GET", "HEAD", "DELETE", "OPTIONS"):
            return await self.app(scope, receive, send)
        upload = path.rstrip("/") == "/api/documents"
        limit = self.upload_limit if upload else MAX_JSON_BYTES
        size = dict(scope.get("headers") or []).get(b"content-length")
        if size is not None and (not size.isdigit() or int(size) > limit):
            return await self._refuse(send, limit)
        body, more = b"", True
        while more:  # a chunked body has no length: count what arrives
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body += msg.get("body", b"")
            more = msg.get("more_body", False)
            if len(body) > limit:
                return await self._refuse(send, limit)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(send, limit: int) -> None:
        mb = f"{limit / 1024 / 1024:.0f} MB"
        err = ApiError(413, "body_too_large", f"请求体超过 {mb}", f"Request body larger than {mb}")
        payload = json.dumps(err.body(), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})


def build_api(app: "App", keys: list[ApiKey]):
    """The FastAPI application with planqa's routes; ``ui.main`` mounts the page under it.
    (FastAPI reads the routes' annotations, so their types are imported at module level.)"""
    from rag.qa import MAX_QUESTION
    from rag.retriever import Filters, HybridRetriever, explain_no_match, matching_docs

    api = FastAPI(title="planqa API", version="1",
                  description="应急管理文件问答：OpenAI 兼容的对话接口与 REST 接口，回答均附可核对的引用。"
                              "除 /docs 外，配置了密钥时每个请求都需 `Authorization: Bearer <密钥>`。")
    api.add_middleware(BodyLimit, upload_limit=app.index.settings.max_file_bytes + MAX_JSON_BYTES)
    retrievers: dict[str, Any] = {"hybrid": app.qa.retriever}
    retriever_lock = threading.Lock()

    @api.exception_handler(ApiError)
    async def _api_error(_req: Request, e: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if e.status == 401 else None
        return JSONResponse(e.body(), status_code=e.status, headers=headers)

    @api.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, e: RequestValidationError):
        code, zh, en = validation_message(list(e.errors()))
        return JSONResponse(ApiError(400, code, zh, en).body(), status_code=400)

    @api.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, e: StarletteHTTPException):
        return JSONResponse(ApiError(e.status_code, "http_error", str(e.detail), str(e.detail)).body(),
                            status_code=e.status_code)

    @api.exception_handler(Exception)
    async def _crash(req: Request, e: Exception):
        # a fault of ours, not the caller's: say so in the usual shape (the traceback goes to stderr);
        # the page's own faults keep Starlette's plain reply
        if not req.url.path.startswith(("/v1/", "/api/")):
            from starlette.responses import PlainTextResponse

            return PlainTextResponse("Internal Server Error", status_code=500)
        body = ApiError(500, "internal_error", f"服务器内部错误（{type(e).__name__}）", "Internal server error").body()
        body["error"]["type"] = "server_error"
        return JSONResponse(body, status_code=500)

    def caller(request: Request) -> Caller:
        return authorize(keys, request.headers.get("authorization"), request.client.host if request.client else None,
                         request.headers.get("origin"))

    def writer(c: Caller = Depends(caller)) -> Caller:
        if not c.rw:
            raise ApiError(403, "read_only_key", "此密钥只读；上传和删除需要标记为 rw 的密钥",
                           "This key is read-only; uploads and deletes need a key marked rw")
        return c

    def answer(question: str, earlier: list[str], region: str | None, year: int | None, doc_type: str | None,
               docs: list[str] | None = None) -> dict[str, Any]:
        # earlier questions understood one after another, as the page's conversation does
        history: list[str] = []
        for t in earlier[-HISTORY_TURNS:]:
            history = (history + [app.qa.parse(t[:MAX_QUESTION], region, year, history).text])[-HISTORY_TURNS:]
        return app.qa.ask(question, region=region, year=year, history=history, docs=docs or None,
                          doc_type=doc_type).to_dict()

    @api.get("/v1/models", tags=["OpenAI 兼容"], summary="可用模型（只有 planqa）")
    def models(c: Caller = Depends(caller)):
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "planqa"}]}

    @api.post("/v1/chat/completions", tags=["OpenAI 兼容"], summary="对话问答（stream=true 时以 SSE 流式返回）")
    def chat(body: ChatBody, c: Caller = Depends(caller)):
        if body.model != MODEL_ID:
            raise ApiError(404, "model_not_found", f"没有模型 {body.model[:60]!r}，请用 {MODEL_ID!r}",
                           f"Unknown model {body.model[:60]!r}; use {MODEL_ID!r}")
        question, earlier = split_conversation(body.messages)
        a = answer(question, earlier, body.region, body.year, body.type)
        app.audit.record(c.name, "chat", question, a)
        cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if body.stream:
            return StreamingResponse(sse_events(a, cid, created), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        return completion(a, cid, created)

    @api.post("/api/ask", tags=["REST"], summary="回答（与 planqa ask --json 相同）")
    def ask(body: AskBody, c: Caller = Depends(caller)):
        if not body.question.strip():
            raise ApiError(400, "empty_question", "question 不能为空", "question must not be empty")
        a = answer(body.question, body.history, body.region, body.year, body.type, body.docs)
        app.audit.record(c.name, "ask", body.question, a)
        return a

    @api.post("/api/retrieve", tags=["REST"], summary="检索段落（与 planqa retrieve --json 相同）")
    def retrieve(body: RetrieveBody, c: Caller = Depends(caller)):
        if not body.question.strip():
            raise ApiError(400, "empty_question", "question 不能为空", "question must not be empty")
        with retriever_lock:
            r = retrievers.get(body.mode) or retrievers.setdefault(body.mode, HybridRetriever(app.index, mode=body.mode))
        filters = Filters(region=body.region or "", year=body.year, doc_type=body.type or "")
        metas = app.index.store.metas()
        docs = matching_docs(metas, filters)
        note = explain_no_match(metas, filters) if docs is not None and not docs else ""
        passages = r.retrieve(body.question, k=body.k, filters=filters)
        out: dict[str, Any] = {"question": body.question, "passages": [p.to_citation(i + 1) for i, p in enumerate(passages)]}
        if passages.warning:  # this request's own (never read from the shared index)
            out["warning"] = passages.warning
        if note:
            out["note"] = note
        app.audit.record(c.name, "retrieve", body.question, out)
        return out

    @api.get("/api/documents", tags=["REST"], summary="文档列表及元数据")
    def documents(c: Caller = Depends(caller)):
        return {"documents": document_rows(app.index)}

    @api.post("/api/documents", tags=["REST"], summary="上传并导入文件（需 rw 密钥）")
    def upload(files: list[UploadFile] = File(..., description=".txt .docx .pdf .html .md"), c: Caller = Depends(writer)):
        with tempfile.TemporaryDirectory(prefix="planqa-upload-") as tmp:
            named = []
            for i, f in enumerate(files):
                src = Path(tmp) / str(i)
                with src.open("wb") as out:
                    while block := f.file.read(1 << 20):
                        out.write(block)
                named.append((f.filename or "", src))
            report, errors = app.ingest_files(named)
        result = {"files": report.files if report else [], "errors": errors,
                  "documents": report.documents if report else len(app.index.store.doc_hashes()),
                  "chunks": report.chunks if report else None}
        if errors and not (report and report.files):
            return JSONResponse({**ApiError(400, "upload_failed", "没有文件被导入：" + "；".join(
                f"{e['file']}：{e['error']}" if e["file"] else e["error"] for e in errors),
                "No file was ingested").body(), **result}, status_code=400)
        return result

    @api.delete("/api/documents/{doc}", tags=["REST"], summary="删除文档（需 rw 密钥）")
    def delete(doc: str, c: Caller = Depends(writer)):
        try:
            n = app.remove(doc)
        except KeyError:
            raise ApiError(404, "document_not_found", f"文档 {doc} 不在库中", f"No document {doc}") from None
        return {"deleted": doc, "chunks": n}

    return api

"""What the page says to a person, in one place: labels, help lines and error messages in Chinese.

Part of the core layer (it imports nothing of planqa). ``ui.py`` and ``eval/report.py`` read their
strings from here. planqa's own errors are raised in Chinese where they happen (loaders, index,
configuration, gold files, the LLM client), so ``zh(message)`` passes a message holding Chinese
through unchanged. Its table is for English that still reaches a person: words of third-party
libraries (Python's OS errors, pypdf, httpx) and messages written by older planqa versions
(stored in an audit log or a saved report). An English message the table does not know is led by
出错 so that no line a person reads is English alone.
"""
from __future__ import annotations

import re

# --- 问答 ------------------------------------------------------------------------------------------
EMPTY_QUESTION = "请输入问题，例如：2022年燃气安全排查整治由谁牵头？"
SEARCHING = "检索中…"
CITES_TITLE = "引用"
NEAREST_TITLE = "未在文件中找到 · 最接近的段落"
LLM_FALLBACK = "⚠️ 大模型不可用，上面是离线抽取的回答。原因："
SHOW_SECTION = "展开所在章节"
SHOW_SOURCE = "查看原文"
SOURCE_POS = "原文位置"
NO_SECTION = "（正文）"
START_TITLE = "库中文件"
EXAMPLES_TITLE = "可以这样问（点击即提问）"
EMPTY_LIBRARY = "库中还没有文件：请在“文档库”中上传。"
FEEDBACK_SAVED = "已记录反馈（{mark}）。可在下方写说明后点“补充说明”。"
FEEDBACK_COMMENT_SAVED = "已补充说明。"
FEEDBACK_NONE = "请先点某条回答下的“赞”或“踩”。"
EXPORT_EMPTY = "对话为空，没有可导出的内容。"

# --- 起草 ------------------------------------------------------------------------------------------
DRAFT_NO_REGION = "起草需要指定地区，例如：杭州市。"
DRAFT_BAD_YEAR = "年份须为四位数字，例如 2023。"
DRAFT_FAILED = "**无法起草**：{reason}"

# --- 文档库 -----------------------------------------------------------------------------------------
NO_FILES = "请先选择文件。"
DELETE_PICK = "请先选择要删除的文档。"
DELETE_CANCELLED = "已取消删除。"
DELETE_CONFIRM = "确定从库中删除所选文档吗？此操作不能撤销。"
UPLOAD_FAILED = "导入失败：{reason}"

# --- 评测 ------------------------------------------------------------------------------------------
CONFIG_NAMES = {"product": "planqa（本系统）", "bm25": "基线：仅 BM25 关键词检索",
                "dense512": "基线：纯向量检索（512字切分）", "llm": "planqa + 大模型"}
# (report key, column name, one line on what it measures)
METRICS = [
    ("recall@1", "首位命中率", "第1个检索段落落在标准出处的问题比例"),
    ("recall@5", "前5命中率", "前5个检索段落中有标准出处的问题比例（达标线 ≥ 0.95）"),
    ("recall@10", "前10命中率", "前10个检索段落中有标准出处的问题比例"),
    ("mrr@10", "平均倒数排名", "第一个正确段落排名的倒数的平均值，越接近1越靠前（≥ 0.85）"),
    ("must_include", "要点覆盖率", "回答包含全部必含要点的问题比例（≥ 0.85）"),
    ("citation_hit", "引用命中率", "回答的引用与标准出处重合的问题比例（≥ 0.95）"),
    ("refusal_unanswerable", "正确拒答率", "库中无答案的问题被正确拒答的比例（≥ 0.9）"),
    ("false_refusal", "误拒率", "有答案的问题却被拒答的比例，越低越好（≤ 0.05）"),
    ("offset_validity", "原文位置正确率", "引用的起止位置确实指向原文的比例（100%）"),
    ("latency_p50_ms", "耗时中位数（毫秒）", "一半问题在此时间内答完"),
    ("latency_p95_ms", "耗时95分位（毫秒）", "95%的问题在此时间内答完"),
]
QUESTION_TYPES = {"fact": "事实", "lead": "牵头单位", "number": "数字", "list": "列举", "compare": "比较",
                  "filter": "按条件筛选", "unanswerable": "库中无答案", "draft": "起草"}
FAILURES = {
    "answered an unanswerable question": "库中无答案却作了回答",
    "no gold span in top 5": "前5个检索段落中没有标准出处",
    "refused an answerable question": "有答案的问题被拒答",
    "answer misses a must_include string": "回答缺少必含要点",
    "no citation overlaps a gold span": "引用与标准出处不重合",
    "a citation's offsets do not point at its origin": "引用的原文位置不正确",
}
EVAL_TITLE = "评测结果 · 共 {n} 题 · 用时 {s} 秒"
EVAL_FAILED_TITLE = "未通过的问题（planqa）"
EVAL_NO_FAILURES = "全部通过。"
EVAL_METRIC_HELP = "指标说明"
EVAL_BAD_GOLD = "金标准文件有误：{reason}"
EVAL_PLOT_CONFIGS = "各配置对比"
EVAL_PLOT_TYPES = "planqa 按题型"
EVAL_BEATS = "planqa 的前5命中率与平均倒数排名是否不低于基线："
EVAL_PROGRESS = "{config}：第 {done}/{total} 题"

# --- English that can still reach a person, in Chinese (regex → template; groups kept) --------------
# third-party libraries' words first, then the English of planqa before its messages became Chinese
_ZH: list[tuple[re.Pattern, str]] = [(re.compile(p), t) for p, t in [
    (r"^\[Errno \d+\] No such file or directory: (.+)$", r"文件不存在：\1"),
    (r"^\[Errno \d+\] Permission denied: (.+)$", r"没有权限：\1"),
    (r"^\[Errno \d+\] Is a directory: (.+)$", r"这是文件夹，不是文件：\1"),
    (r"^\[Errno \d+\] No space left on device.*$", "磁盘空间不足"),
    (r"^File is not a zip file$", "不是有效的 zip 压缩包（.docx 文件已损坏？）"),
    (r"^EOF marker not found$", "PDF 文件不完整（缺少结尾标记）"),
    (r"^Connection error\.?$", "无法连接服务"),
    (r"^Request timed out\.?$", "请求超时"),
    (r"^database is locked$", "索引正被另一个程序写入，请稍后再试"),
    (r"^file is not a database$", "文件不是 SQLite 数据库（索引已损坏？）"),
    (r"^the file is empty$", "文件为空"),
    (r"^no text in the file$", "文件中没有文字"),
    (r"^binary data, not text \(is the file extension wrong\?\)$", "这是二进制数据而不是文本（文件扩展名是否有误？）"),
    (r"^starts like (.+) text but does not decode as it$", r"看起来是 \1 编码的文本，但无法按该编码解码"),
    (r"^cannot decode the text.*$", "无法识别文字编码：既不是 UTF-8 也不是 GBK/GB18030，请另存为 UTF-8"),
    (r"^a password-protected \(encrypted\) \.docx or an old Word \.doc.*$",
     "这是加密的 .docx 或旧版 Word .doc 文件：请另存为未加密的 .docx"),
    (r"^not a readable \.docx.*$", "无法读取的 .docx 文件（已损坏或已加密）"),
    (r"^the PDF is encrypted.*$", "PDF 已加密：请另存一份未加密的副本"),
    (r"^not a readable PDF.*$", "无法读取的 PDF 文件（可能已损坏）"),
    (r"^the PDF has no text layer and OCR read no text.*$", "PDF 没有文字层，文字识别也没有读出文字"),
    (r"^unsupported file type (\S+); use one of (.+)$", r"不支持的文件类型 \1；支持：\2"),
    (r"^cannot read: (.+)$", r"无法读取文件：\1"),
    (r"^the file is ([\d.]+) MB, over the (\d+) MB limit.*$", r"文件大小 \1 MB，超过上限 \2 MB（PLANQA_MAX_FILE_MB）"),
    (r"^nothing left after cleaning.*$", "清理后没有可读的文字"),
    (r"^same content as (\S+), already indexed; skipped$", r"与已入库的 \1 内容相同，已跳过"),
    (r"^bad file name: (.+)$", r"文件名不合法：\1"),
    (r"^the model found no answer in the passages$", "大模型在检索到的段落中没有找到答案"),
    (r"^the model's answer cites no given passage$", "大模型的回答没有引用任何给定段落"),
    (r"^the language model did not answer within (\S+) s$", r"大模型在 \1 秒内没有回答"),
    (r"^the language model service failed: (\w+)$", r"大模型服务出错（\1）"),
    (r"^the rewrite lost text that must be kept$", "改写丢失了必须保留的文字"),
    (r"^(.*): no such gold file$", r"找不到金标准文件 \1"),
    (r"^(.*): no questions in the file$", r"\1 中没有问题"),
    (r"^missing field '(\w+)'$", r"缺少字段 \1"),
    (r"^'type' is (.+); expected one of (.+)$", r"题型 \1 不对，应为 \2 之一"),
    (r"^not valid JSON.*$", "不是有效的 JSON"),
    (r"^duplicate id (.+)$", r"编号 \1 重复"),
    (r"^source document (.+) is not in the index$", r"出处文件 \1 不在库中"),
    (r"^quote is not an exact substring of (\S+): (.+)$", r"引文不是 \1 原文中的片段：\2"),
    (r"^an answerable question \((\w+)\) needs at least one source$", r"有答案的问题（\1）至少需要一个出处"),
    (r"^expected a JSON object.*$", "每行须为一个 JSON 对象"),
    (r"^'(\w+)' must be .*$", r"字段 \1 的格式不对"),
    (r"^sources\[(\d+)\] must be .*$", r"第 \1 个出处须有 doc 和非空的 quote"),
    (r"^(.*?):(\d+): (.+)$", r"\1 第 \2 行：\3"),
]]
_CJK = re.compile(r"[\u3400-\u9fff]")


def zh(message: str) -> str:
    """A message as a person should read it: one holding Chinese unchanged (planqa's own), known
    English (third-party, or from an older planqa) translated with a leading ``file: `` kept,
    unknown English led by 出错。"""
    msg = str(message).strip()
    if _CJK.search(msg):
        return msg
    head, sep, rest = msg.partition(": ")
    for text, prefix in ((msg, ""), (rest, head + "：") if sep else (None, "")):
        if text is None:
            continue
        for pat, tmpl in _ZH:
            m = pat.match(text)
            if m:
                out = m.expand(tmpl)
                if pat.pattern.startswith("^(.*?):(\\d+)"):  # a gold-file line: translate its reason too
                    out = f"{m.group(1)} 第 {m.group(2)} 行：{zh(m.group(3))}"
                return prefix + out
    return f"出错：{msg}" if msg else "出错"


def latin_only(text: str) -> list[str]:
    """Runs of three or more English words in ``text`` (what a Chinese page must not show alone)."""
    return re.findall(r"[A-Za-z][A-Za-z']*(?:[ ,;:]+[A-Za-z][A-Za-z']*){2,}", text)

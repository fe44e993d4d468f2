"""Sentence-level evidence: which sentences of the retrieved passages answer the question.

Scoring is lexical (IDF-weighted coverage of the question's content terms) with boosts for what
the question kind needs (a number, a lead phrase, a date). Coverage is also what decides refusal:
when no sentence covers enough of the question, the documents do not say.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ingest.cleaning import LOST
from ingest.lexical import tokenize
from planqa.records import Passage

# words that shape a question but are not its content
QUESTION_WORDS = set(
    "谁 哪个 哪些 哪里 哪 什么 多少 几 几个 几项 几名 如何 怎样 怎么 是否 吗 呢 由 牵头 负责 部门 单位 今年 明年 去年 "
    "年 年度 要 需要 工作 计划 要点 规划 文件 提到 提出 有 共 全市 本市 我市 全区 时候 何时 说 讲 内容 "
    "哪些方面 做 开展 情况 应急 应急管理 管理 比较 对比 分别 各 各自 地区 不同 异同 起草 参考 借鉴 表述 已有 "
    "现有 做法 可以 写 叫 叫什么 是 指 包括 之前 以内 期间 安排 怎么样 哪几个 什么样 各有 分别 怎么 有何 哪方面".split()
)
# content words too general to decide an answer on their own: they count, a little
LOW_WEIGHT = set("目标 任务 措施 要求 方面 主要 重点 建设 工作 推进 加强 完善 提升".split())
# verbs that frame a list question ("要覆盖哪些", "涉及哪些") rather than name what the text says
FRAMING = set("覆盖 涵盖 包含 涉及 囊括 针对 围绕 聚焦".split())
# nouns that name the kind of answer ("模式叫什么", "品牌是什么"): the text names the thing itself
CATEGORY = set("模式 名称 名字 品牌 口号 理念 主题 称号 简称 提法 做法 叫法".split())
# nouns that name a figure's kind ("编制比例是多少"): the text gives the figure ("编制率达100%")
FIGURE_CATEGORY = set("比例 比率 占比 数量 数目 数字 规模 总量 目标值 具体数字 具体数".split())
# an unseen word that is not a noun is the asker's phrasing ("打算", "具体", "咋"), not the topic
_TOPIC_FLAGS = ("n", "eng", "j", "l", "i", "x")  # x: the domain words added to jieba

_SPLIT = re.compile(r"[^。；！？!?;\n①②③④⑤⑥⑦⑧⑨⑩]+[。；！？!?;]?|[①②③④⑤⑥⑦⑧⑨⑩][^。；！？!?;\n①②③④⑤⑥⑦⑧⑨⑩]*[。；！？!?;]?")
_NUMBER = re.compile(r"\d|[一二三四五六七八九十百千万]+(?:个|项|名|家|支|次|万|亿|%|‰)")
# a year ("2025年", "2019—2021") or a date is when, not how many
_YEARS = re.compile(r"(?:19|20)\d{2}(?:\s*[—–-]\s*(?:19|20)?\d{2})?\s*年?|\d{1,2}月(?:\d{1,2}日)?")


def has_figure(text: str) -> bool:
    """Does the sentence give a figure (not just an item number, a year or a date)?"""
    return bool(_NUMBER.search(_YEARS.sub("", strip_marker(text))))
_DATE = re.compile(r"\d{1,2}月|年底|年内|前完成|季度|上半年|下半年|月底|\d{4}年")
LEAD = re.compile(r"牵头|负责|会同|由[^，。；]{1,20}(?:负责|牵头|组织|承担)|发挥[^，。；]{1,24}作用|主抓|统筹协调|督促")


@dataclass(frozen=True)
class Sentence:
    passage: int  # index into the passages list
    start: int  # offsets inside the passage text
    end: int
    text: str
    score: float
    coverage: float


@dataclass
class QueryTerms:
    terms: dict[str, float]  # term -> weight
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    wants_name: bool = False  # "叫什么": plans quote the names of their initiatives (“一队多能”)
    anchor: str = ""  # the question's most specific topic noun that the documents use (燃气 in 燃气安全排查)
    # a compound term's distinctive words (防汛防台 → 防汛, 防台; not 安全 of 燃气安全: too common to tell)
    parts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.terms.values()) or 1.0

    def present(self, term: str, text: str) -> bool:
        if term in text or any(a in text for a in self.alternatives.get(term, ())):
            return True
        return LOST in text and self.present_loosely(term, text)

    def present_loosely(self, term: str, text: str) -> bool:
        """Present, where a character the source lost (□) may stand for any one character."""
        if term in text:
            return True
        if LOST not in text or len(term) < 3:  # one known character of two says too little
            return False
        return any(term[:i] + LOST + term[i + 1:] in text for i in range(len(term)))

    def coverage(self, text: str) -> float:
        # parts of a compound do not count here: "专项" of "专项资金" is not the funds asked about
        return sum(w for t, w in self.terms.items() if self.present(t, text)) / self.total

    def mentions(self, term: str, text: str) -> bool:
        """The term, or one of the distinctive words it is made of ("防汛" of "防汛防台"), is in the text."""
        return self.present_loosely(term, text) or any(part in text for part in self.parts.get(term, ()))


_ASK_WORDS = {"什么", "哪些", "哪个", "哪", "哪里", "谁", "多少", "几", "怎样", "如何", "何时", "啥"}
_KEEP_FLAGS = ("n", "v", "a", "eng", "x", "j", "i", "l", "s")


def _alternatives() -> dict[str, list[str]]:
    """An abbreviation and its full form count as the same term, both ways (安责险 ↔ 安全生产责任保险)."""
    from .query import ABBREVIATIONS

    alts: dict[str, list[str]] = {}
    for short, full in ABBREVIATIONS.items():
        full = full.strip("“”")
        if full == short:  # "十四五" → "“十四五”": quoting, not an abbreviation
            continue
        alts.setdefault(short, []).append(full)
        alts.setdefault(full, []).append(short)
    return alts


def query_terms(question: str, idf: Callable[[str], float], drop: list[str] = ()) -> QueryTerms:
    """Content terms of a question with weights: IDF, lowered for the answer's category ("什么颜色"),
    raised for the predicate asked about ("要打造什么", "局长是谁") and for quoted names."""
    import jieba.posseg as pseg

    from ingest.lexical import _tokenizer

    _tokenizer()  # domain words loaded
    q = question
    for d in sorted(drop, key=len, reverse=True):
        if d:
            q = q.replace(d, " ")
    q = re.sub(r"20\d{2}\s*年?", " ", q)
    alts = _alternatives()
    terms: dict[str, float] = {}
    # an abbreviation or its full form is one term, matched in either form: "安全生产责任保险" must
    # not fall apart into "安全生产" + "责任保险" when the plan writes "安责险"
    for form in sorted(alts, key=len, reverse=True):
        if len(form) >= 3 and form in q and any(a != form for a in alts[form]):
            terms[form] = max(idf(t) for t in tokenize(form) or [form])
            q = q.replace(form, " ")
    words = [(w.word, w.flag) for w in pseg.cut(q) if w.word.strip()]
    unseen = idf("\x00")  # the weight of a word no indexed passage contains
    anchor = ("", 0.0)
    for i, (word, flag) in enumerate(words):
        content = (flag.startswith(_KEEP_FLAGS) or (flag == "m" and re.search(r"\d|十四五|十三五", word)))
        if not content or word in QUESTION_WORDS or len(word) < 2 and not word.isdigit():
            continue
        if any(a in word for a in ("哪", "什么", "多少")):
            continue
        w = idf(word)
        prev = words[i - 1][0] if i else ""
        # the noun phrase after 哪些/什么 names the kind of answer ("哪些议事协调机构"), not its topic
        after_ask = prev in _ASK_WORDS or prev.endswith(("哪些", "什么", "怎样的", "哪类", "哪种"))
        j = i - 1
        while j >= 0 and flag.startswith("n") and (words[j][1].startswith(("n", "vn")) or words[j][0] == "的"):
            j -= 1
        asked_kind = after_ask or (j >= 0 and j < i - 1 and (words[j][0] in _ASK_WORDS | {"怎样", "怎么样", "哪类"}
                                                             or words[j][0].endswith(("哪些", "什么"))))
        if w < unseen - 1e-9 and flag.startswith(_TOPIC_FLAGS) and not asked_kind and word not in LOW_WEIGHT | FRAMING \
                | CATEGORY | FIGURE_CATEGORY and w > anchor[1]:
            anchor = (word, w)
        if w >= unseen - 1e-9 and not flag.startswith(_TOPIC_FLAGS):
            w *= 0.2  # words the documents never use cannot tell their sentences apart
        if word in LOW_WEIGHT or word in FRAMING or word in FIGURE_CATEGORY:
            w *= 0.3
        prev = words[i - 1][0] if i else ""
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if prev in _ASK_WORDS - {"多少", "几"}:
            w *= 0.3  # "什么颜色": the kind of answer, not what the text must say
        elif word in CATEGORY and nxt in ("是", "叫", "为", "称"):
            w *= 0.3
        elif word not in FRAMING and (nxt in _ASK_WORDS or (nxt in ("是", "叫", "指", "为") and i + 2 < len(words)
                                                             and words[i + 2][0] in _ASK_WORDS)):
            w *= 2.0  # "要打造什么", "局长是谁": what is asked about
        terms[word] = max(terms.get(word, 0.0), w)
    # a token that neither the documents nor the dictionary know ("避灾点" cut as 避/灾点) is the asker's
    # own wording, not a topic the documents lack (核电站, 地铁 are words): it counts no more than the
    # question's strongest word the documents do use
    import jieba

    seen_max = max((w for t, w in terms.items() if idf(t) < unseen - 1e-9), default=0.0)
    if seen_max:
        terms = {t: (min(w, seen_max) if idf(t) >= unseen - 1e-9 and not jieba.dt.FREQ.get(t) else w)
                 for t, w in terms.items()}
    if not terms:  # a question of general words only: use them all
        terms = {w: idf(w) for w, _ in words if len(w) >= 2 and not any(a in w for a in ("哪", "什么", "多少"))}
    # a quoted name (“六停”, “1234”) must appear as written
    for quoted in re.findall(r"[“\"]([^”\"]{1,12})[”\"]", q):
        terms[quoted] = max(terms.get(quoted, 0.0), idf(quoted) * 1.5)
        if quoted not in _PERIODS:  # "“十四五”规划" names the plan, not the topic
            anchor = (quoted, float("inf"))  # a quoted name is the most specific thing a question names
    parts = {t: [p for p in tokenize(t) if len(p) >= 2 and p != t and idf(p) >= _DISTINCTIVE_IDF]
             for t in terms if len(t) >= 4}
    return QueryTerms(terms, alts, wants_name=bool(_NAME_Q.search(question)), anchor=anchor[0] if anchor[0] in terms else "",
                      parts={t: p for t, p in parts.items() if p})


_PERIODS = {"十三五", "十四五", "十五五"}
_DISTINCTIVE_IDF = 1.5  # a word this rare among passages tells a compound's topic (安全, 管理 do not)
_NAME_Q = re.compile(r"叫什么|什么名称|名称是|称为什么|叫做什么|什么品牌|简称")
_QUOTED = re.compile(r"“[^”]{2,16}”")

_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+是|[①-⑩])")


def strip_marker(text: str) -> str:
    """The text without its leading heading marker ("10.", "(三)", "一是", "①")."""
    return _HEADING.sub("", text, count=1)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; a heading sentence ("(三)严防…风险。") is joined to the sentence after it."""
    spans = [(m.start(), m.end()) for m in _SPLIT.finditer(text) if m.group(0).strip()]
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and out[-1][1] - out[-1][0] <= 24 and _HEADING.match(text[out[-1][0]:out[-1][1]]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def score_sentences(passages: list[Passage], qt: QueryTerms, kind: str) -> list[Sentence]:
    out: list[Sentence] = []
    for i, p in enumerate(passages):
        text = p.chunk.text
        context = p.chunk.section  # a heading's words count for the sentences under it, a little
        for a, b in split_sentences(text):
            s = text[a:b].strip()
            if len(s) < 4:
                continue
            cov = qt.coverage(s)
            cov_ctx = qt.coverage(s + " " + context)
            score = cov + 0.25 * (cov_ctx - cov)
            if kind == "number" and has_figure(s):  # not an item's own "10.", not a year
                score *= 1.3
            if kind == "deadline" and _DATE.search(s):
                score *= 1.3
            if kind == "lead" and LEAD.search(s):
                score *= 1.2
            if qt.wants_name and _QUOTED.search(s):
                score *= 1.3
            score *= 1.0 - 0.03 * i  # retrieval order breaks ties
            out.append(Sentence(i, a, b, s, score, max(cov, 0.8 * cov_ctx)))
    out.sort(key=lambda s: -s.score)
    return out

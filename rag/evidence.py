"""Sentence-level evidence: which sentences of the retrieved passages answer the question.

Scoring is lexical (IDF-weighted coverage of the question's content terms) with boosts for what
the question kind needs (a number, a lead phrase, a date). Coverage is also what decides refusal:
when no sentence covers enough of the question, the documents do not say.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from ingest.cleaning import LOST
from ingest.lexical import tokenize
from planqa.records import Passage
from planqa.thesaurus import names_a_thing, senses

from .section_roles import OPENING, is_opening, section_role
from planqa.rules import (
    ARTICLE_START, ASKS, ASKED_COUNTED_NAME, ASKED_KIND_OF_BODY, ASKED_UNIT, COUNT_PREFIX, GLUED_MODAL, GLUED_SAYING, TENTATIVE_VERB, ASK_WORDS, A_NOT_A, A_NOT_AB, CATEGORY, CONTENTS_QUESTION, CONTENTS_SENTENCE, CONTENT_FLAGS,
    CRITERION_QUESTION, CRITERION_SENTENCE,
    COUNTED_NAME, DATE_MARK, DEFAULT_WEIGHTS, DEFINITION_QUESTION, DEFINITION_SENTENCE, EXAMPLES_OF_KIND,
    FIGURE_CATEGORY, LEVEL_ASKED, MANNER_BEFORE_VERB, EMPTY_MORPHEMES, MORPHEME_SAID, INDEFINITE_ONE, CONTRACTION_FREQ, ADVERB_PREFIXES,
    FIGURE_MARK, FIVE_YEAR_START, PLAN_PERIOD, FRAMING, FUNCTION_FLAGS, GENERAL_WORD_FREQ, HEADING_PREFIX, INSTITUTION_SUFFIXES,
    GLUED_VERB_OBJECT, Kind, LAY_TERMS, LAY_VERB_FORM, LEAD, LEAD_BY, LEAD_ROLE, LEAD_SUBJECT, LEAD_TO, LEAD_UNDER, LIGHT_VERBS, LABELLED_LINE, LIST_LEAD_IN, LOCATIVE_MODAL,
    SPOKEN_COMPLEMENT, SPOKEN_LOCATIVE, SPOKEN_QUESTION_WORDS, PREPOSITION_PHRASE, PREPOSITION_VERB, ANNOUNCED_COUNT, LIST_CLASSIFIER,
    LEAD_APPROVAL, IN_ADVANCE, TIME_BEFORE, LOW_WEIGHT, MEASURE_UNITS, MODALS, INTENTIONS, INTENTION_SUBJECT_FLAGS, INTENTION_COMPLEMENT_FLAGS, NAME_HEAD, LIST_HEAD, NAME_QUESTION, OWN_ARTICLE_REF, PENALTY_QUESTION,
    PENALTY_SENTENCE, PERMISSION_QUESTION, REVIEW_HEAD, FIVE_YEAR_WORD, PERMISSION_SENTENCE, PROVISION_ITEM, PROVISION_SPLIT, QUESTION_WORDS, QUOTED_NAME, RECIPIENT_QUESTION,
    SENTENCE_SPLIT, STATED_SUBJECT_TYPES, SUBJECT_BEFORE_DUTY, TOPIC_FLAGS, Weights, YEAR_OR_DATE, TIME_SPAN,
)


def has_figure(text: str) -> bool:
    """Does the sentence give a figure (not just an item number, a year or a date)?"""
    return bool(FIGURE_MARK.search(INDEFINITE_ONE.sub("", YEAR_OR_DATE.sub("", strip_marker(text)))))


MARKED_ITEM_LINE = re.compile(r"(?m)^\s*[（(][一二三四五六七八九十]+[)）]")


def lead_in(text: str, at: int) -> str:
    """The sentence that announces the items an item at ``at`` belongs to ("主要负责人履行下列职责："),
    within the same article of the passage; "" when the passage does not hold it."""
    art = [m.start() for m in ARTICLE_START.finditer(text, 0, at)]
    start = art[-1] if art else 0
    end = at
    while True:
        colon = max(text.rfind("：", start, end), text.rfind(":", start, end))
        if colon < 0:
            return ""
        begin = max(text.rfind("。", start, colon), text.rfind("\n", start, colon), start - 1) + 1
        if not PROVISION_ITEM.match(text, begin):  # "(二)大型：…" labels an item, it announces nothing
            return text[begin:colon + 1]
        end = begin


def _labelled_lead_in(text: str, at: int) -> str:
    """"设立…指挥部，组成人员如下：" then "指挥长：…" / "副指挥长：…" lines: the line announcing a run of
    labelled lines, read back over the run's earlier lines; "" when the run follows no such line."""
    before = text[:at].rstrip().split("\n")
    while before and LABELLED_LINE.match(before[-1]):
        before.pop()
    last = before[-1].strip() if before else ""
    return last if last.endswith(("：", ":")) else ""


def names_bodies(text: str, kind: str) -> int:
    """How many bodies of a kind a sentence names in a series ("市安委办、灾防办、防汛办以及森防办": 4+),
    or closed by the kind ("公安、消防、卫健等部门": 3)."""
    each = len(re.findall(rf"[\u4e00-\u9fff]{{1,10}}?{kind}(?=[、，,和及与]|以及)", text))
    closed = [m.group(1).count("、") + 1 for m in re.finditer(
        rf"((?:[\u4e00-\u9fff]{{1,8}}、)+[\u4e00-\u9fff]{{1,8}}?)(?:等|以及|和|及)?(?:有关|相关)?{kind}", text)]
    return max([each, *closed])


def names_agent(text: str, provisions: bool = False) -> bool:
    """Does the sentence name the body that acts or is turned to (its subject, 由…, 发挥…作用,
    a law's body before 应当, 向…申请; a plan's or report's review: 在…领导下)? That is what a "who"
    question is answered with. (In a law's provisions 在…领导下 names a superior, not who acts.)"""
    return any(r.search(text) for r in (LEAD_BY, LEAD_ROLE, SUBJECT_BEFORE_DUTY, LEAD_TO, LEAD_APPROVAL)) \
        or bool(LEAD_SUBJECT.match(text)) or not provisions and bool(LEAD_UNDER.search(text))


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
    name_head: str = ""  # "叫什么年": the word the name asked for ends in (“精准执法年”)
    list_head: str = ""  # "哪些…活动": the kind whose members a list question asks for (LIST_HEAD)
    wants_definition: bool = False  # "什么是…", "所说的…包括哪些": laws define terms with 所称/是指/包括
    wants_contents: bool = False  # "应该包括哪些内容": laws state it with 内容应当包括 / 应当载明…等内容
    wants_penalty: bool = False  # "怎么罚", "罚多少": laws impose penalties with 罚款/吊销/责令停产
    wants_permission: bool = False  # "能不能…": laws permit or forbid with 可以/不得/禁止
    wants_recipient: bool = False  # "向哪个部门申请": the body one applies or reports to (向…申请)
    wants_criterion: bool = False  # "按啥标准": the criterion, stated as 按照“…”的要求/原则
    body_kind: str = ""  # "哪几个办": several bodies of this kind are asked for (办, 部门, 单位…)
    counted: tuple[str, ...] = ()  # "五项机制是哪些": the counted name a list is announced by
    anchor: str = ""  # the question's most specific topic noun that the documents use (燃气 in 燃气安全排查)
    # a compound term's distinctive words (防汛防台 → 防汛, 防台; not 安全 of 燃气安全: too common to tell)
    parts: dict[str, list[str]] = field(default_factory=dict)
    # terms no passage writes as such but as the phrase they contract (虫害 ← 病虫鼠害): found so
    contracted: frozenset[str] = frozenset()
    # a two-part question's first clause, read with a later one: its terms help rank that clause's
    # sentences but do not count towards saying it ("粮食增产了多少" is answered by 粮食增产 alone)
    context: frozenset[str] = frozenset()
    # a kind the question names and the category a law defines by listing it (电梯 → 特种设备): where the
    # law says the category it says the kind, though a sentence naming the kind itself ranks first
    categories: dict[str, list[str]] = field(default_factory=dict)
    # terms no indexed passage writes: the asker's own words, said only in other words
    unwritten: frozenset[str] = frozenset()
    # the sentences quoted for an earlier clause of the question: a later clause asks something else
    answered: frozenset[str] = frozenset()
    # the part of a plan the question points at ("在分析存在问题时": 存在问题; rag/section_roles.py)
    role: str = ""

    @property
    def total(self) -> float:
        """Sum of the term weights (1.0 if there are none, so shares never divide by zero)."""
        return sum(self.terms.values()) or 1.0

    @property
    def own_total(self) -> float:
        """Sum of the weights of the clause's own terms (context excluded)."""
        return sum(w for t, w in self.terms.items() if t not in self.context) or 1.0

    def present(self, term: str, text: str) -> bool:
        """The term or one of its alternatives is in the text (loosely where the source lost characters)."""
        if term in text or any(a in text for a in self.alternatives.get(term, ())):
            return True
        if term in self.contracted and contracted_in(term, text):
            return True
        if body_named(term, text):
            return True
        if term in IN_ADVANCE and TIME_BEFORE.search(text):
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
        """Share of the question's term weight present in the text (what decides whether it says it); a
        later clause of a two-part question is said by its own terms, or by them with the first clause's."""
        # parts of a compound do not count here: "专项" of "专项资金" is not the funds asked about
        whole = sum(self._said(t, w, text) for t, w in self.terms.items()) / self.total
        if not self.context:
            return whole
        return max(whole, sum(self._said(t, w, text) for t, w in self.terms.items() if t not in self.context)
                   / self.own_total)

    def share(self, text: str) -> float:
        """Share of all the term weight present, context included (what ranks sentences)."""
        return sum(self._said(t, w, text, rank=True) for t, w in self.terms.items()) / self.total

    def _said(self, term: str, weight: float, text: str, rank: bool = False) -> float:
        if self.present(term, text):
            return weight
        if any(c in text for c in self.categories.get(term, ())):
            return weight * (0.5 if rank else 1.0)
        if len(term) >= 3 and re.search(".?".join(map(re.escape, term)), text) and term.isalpha():
            return weight * CONTRACTION_SAID  # "救助金" where the text writes 救助资金: the same thing, shortened
        if _contracts_to(term, text):
            return weight * CONTRACTION_SAID  # "分等级" where the text writes 分级: the asker's longer form
        if term in self.unwritten:
            return weight * MORPHEME_SAID * morpheme_share(term, text)
        return 0.0

    def mentions(self, term: str, text: str) -> bool:
        """The term, or one of the distinctive words it is made of ("防汛" of "防汛防台"), is in the text,
        or the full form it contracts ("人防" of "人民防空")."""
        return (self.present(term, text) or any(part in text for part in self.parts.get(term, ()))
                or contracted_in(term, text) or institution_of(term, text))


@lru_cache(maxsize=8192)  # (a sentence is scored for coverage and for rank: the same pair, twice)
def morpheme_share(term: str, text: str) -> float:
    """The largest share of ``term``'s characters that a dictionary word of the same length in ``text``
    has in the same places ("消防栓" in "…市政消火栓…": 2/3; "演习" in "…综合演练…": 1/2); 0.0 if none.
    Two-character words need one shared morpheme, longer ones two; a nominal suffix shares nothing."""
    import jieba

    n = len(term)
    if n < 2 or not term.isalpha():
        return 0.0
    need = 1 if n == 2 else 2
    jieba.dt.check_initialized()
    best = 0
    for i in range(len(text) - n + 1):
        window = text[i:i + n]
        same = sum(a == b and a not in EMPTY_MORPHEMES for a, b in zip(term, window))
        if n == 2 and term[0] in ADVERB_PREFIXES and window[0] == term[1] and window != term[::-1]:
            same = 1  # "新编": the verb 编 is what the text writes, as 编制 ("重修" → 修订)
        if same >= need and same > best and same < n and jieba.dt.FREQ.get(window):
            best = same
    return best / n


def written_direction(q: str) -> str:
    """A one-character verb with a directional complement as said ("报上去", "发下去", "运进来") in the
    order it is written (上报, 下发, 运入), where that is a word of the language (not "看上去")."""
    import jieba

    def word(m: re.Match, w: str) -> str:
        return w if jieba.dt.FREQ.get(w) else m.group(0)

    q = re.sub(r"([\u4e00-\u9fff])上[去来]", lambda m: word(m, "上" + m.group(1)), q)
    q = re.sub(r"([\u4e00-\u9fff])下去", lambda m: word(m, "下" + m.group(1)), q)
    return re.sub(r"([\u4e00-\u9fff])进[去来]", lambda m: word(m, m.group(1) + "入"), q)


def _contracted_pair(anchor: str, terms: dict[str, float], alts: dict[str, list[str]],
                     texts: str, at: dict[str, int]) -> dict[str, list[str]]:
    """"案件网上办理" where the plan writes 网上办案: Chinese contracts a verb and its object to their
    first characters (办理案件 → 办案, 环境保护 → 环保). The topic no passage writes is said where such a
    contraction of it and a word of the same phrase (two words apart at most) is, when that is a word
    of the language."""
    import jieba

    for t in terms:
        if t == anchor or len(t) != 2 or len(anchor) != 2 or abs(at.get(t, -9) - at.get(anchor, 9)) > 2:
            continue  # (words of one phrase: 专职…人员的人数门槛 make 专门 by accident)
        for short in (t[0] + anchor[0], anchor[0] + t[0]):
            # (形成+成果: 形成, a term itself; 地震+方面: 地方, a word commoner than either: no contraction)
            freq = jieba.dt.FREQ.get(short, 0)
            if short in texts and freq and short not in terms \
                    and freq < min(jieba.dt.FREQ.get(t, 0), jieba.dt.FREQ.get(anchor, 0)):
                alts = {**alts, anchor: [*alts.get(anchor, []), short], t: [*alts.get(t, []), short]}
                return alts
    return alts


def _localised_nouns(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"高速上", "路面上": a word a localiser (上/里/中/内) follows is a noun — an adverb or adjective
    takes none — whatever jieba's tag (高速 as "at high speed")."""
    return [(w, "n") if len(w) >= 2 and f.startswith(("d", "a")) and i + 1 < len(words)
            and words[i + 1] in (("上", "f"), ("里", "f"), ("中", "f"), ("内", "f")) else (w, f)
            for i, (w, f) in enumerate(words)]


def _after_ask(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]`` follows an asking word ("哪些议事协调机构", "做哪些准备"): what it names is
    the kind of answer asked for."""
    prev = words[i - 1][0] if i else ""
    return prev in ASK_WORDS or prev.endswith(("哪些", "什么", "怎样的", "哪类", "哪种", "啥"))


def _intends(words: list[tuple[str, str]], i: int) -> bool:
    """Whether ``words[i]`` is a verb of intention used as a modal ("上海准备新编", "准备跟哪家合作")."""
    if words[i][0] not in INTENTIONS or _after_ask(words, i):
        return False  # "做哪些准备": the thing asked for
    prev_flag = words[i - 1][1] if i else "r"
    nxt = words[i + 1][1] if i + 1 < len(words) else ""
    return prev_flag.startswith(INTENTION_SUBJECT_FLAGS) or nxt in INTENTION_COMPLEMENT_FLAGS


def _asks_kind(words: list[tuple[str, str]], i: int) -> bool:
    """"哪几种颜色", "哪 几类 企业", "什么样颜色": an asking word with a classifier of kinds (种, 类, 样)
    before a noun makes the noun the kind of answer, as "什么颜色" does (个, 项 count members of a set
    the text names: "哪几个专委会" is not asked by kind)."""
    prev = words[i - 1][0] if i else ""
    prev2 = words[i - 2][0] if i >= 2 else ""
    return bool(re.fullmatch(r"哪[几一]?[种类样]|什么样|啥样", prev)
                or (re.fullmatch(r"几[种类样]", prev) and prev2 == "哪"))


def institution_of(term: str, text: str) -> bool:
    """"电视台" where the law writes "广播、电视", "应急管理局" where its own plan writes 应急管理: a body
    named by its field and an institution suffix (局, 台, 站…) is mentioned where the field is."""
    return len(term) >= 3 and term[-1] in INSTITUTION_SUFFIXES and term[:-1] in text


_BODY = re.compile(r"^([\u4e00-\u9fff]{2,4})(部门|机关|机构)$")


def body_named(term: str, text: str) -> bool:
    """"交通部门" where the law writes 交通运输主管部门, "环保部门" for 环境保护行政主管部门, "消防部门" for
    消防救援机构: statutes name a body by its field, perhaps contracted by the asker, and then
    (运输)(行政)(主管)部门 or 机构; a body asked by its field and 部门 is named there."""
    m = _BODY.match(term)
    if not m:
        return False
    field = ".{0,2}".join(map(re.escape, m.group(1)))
    return re.search(rf"{field}[\u4e00-\u9fff]{{0,6}}?(?:部门|机关|机构)", text) is not None


CONTRACTION_SAID = 0.75


def _contracts_to(term: str, text: str) -> bool:
    """A three-character word whose outer characters make a word the text writes ("分等级" → 分级,
    "评等级" → 评级): the asker spelled out the contracted word."""
    if len(term) != 3 or not term.isalpha():
        return False
    import jieba

    short = term[0] + term[2]
    return short in text and bool(jieba.dt.FREQ.get(short))  # a three-character word found with one character between: nearly said


def contracted_in(term: str, text: str) -> bool:
    """Is a short word the contraction of a longer phrase in the text? Chinese shortens a phrase by
    keeping one character of each of its words, in order (人防 ← 人民防空, 危化 ← 危险化学品,
    虫害 ← 病虫鼠害): its characters appear in order with at most two between each pair."""
    if not 2 <= len(term) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return False
    return re.search(".{0,2}".join(map(re.escape, term)), text) is not None


def spelled_out(term: str, text: str) -> bool:
    """Is a two-character word written out in the text as the two words it contracts, one character
    from each (禁放 in "禁止燃放", 人防 in "人民防空")? Stricter than :func:`contracted_in`: the span must
    cut into exactly two dictionary words, so characters that merely fall near each other do not count."""
    import jieba

    if len(term) != 2 or not term.isalpha():
        return False
    jieba.dt.check_initialized()
    if (jieba.dt.FREQ.get(term) or 0) >= CONTRACTION_FREQ:
        return False  # 时间, 安全: everyday words, not shorthand
    for m in re.finditer(re.escape(term[0]) + ".{1,2}" + re.escape(term[1]), text):
        for tail in (0, 1):  # the second word may go on past the character kept (人民防空)
            span = text[m.start():m.end() + tail]
            for cut in range(2, len(span) - 1):
                first, second = span[:cut], span[cut:]
                if term[1] in second and jieba.dt.FREQ.get(first) and jieba.dt.FREQ.get(second):
                    return True
    return False


def _alternatives() -> dict[str, list[str]]:
    """An abbreviation and its full form count as the same term, both ways (安责险 ↔ 安全生产责任保险)."""
    from planqa.rules import ABBREVIATIONS, LAY_TERMS

    alts: dict[str, list[str]] = {}
    for short, full in ABBREVIATIONS.items():
        full = full.strip("“”")
        if full == short:  # "十四五" → "“十四五”": quoting, not an abbreviation
            continue
        alts.setdefault(short, []).append(full)
        alts.setdefault(full, []).append(short)
    for lay, forms in LAY_TERMS.items():  # "放鞭炮" is said where the law writes 燃放烟花爆竹
        alts.setdefault(lay, []).extend(forms)
    return alts


def query_terms(question: str, idf: Callable[[str], float], drop: list[str] = (),
                weights: Weights = DEFAULT_WEIGHTS, texts: str = "") -> QueryTerms:
    """Content terms of a question with weights: IDF, lowered for the answer's category ("什么颜色"),
    raised for the predicate asked about ("要打造什么", "局长是谁") and for quoted names. ``texts``
    (the retrieved passages) tell the words jieba's dictionary lacks."""
    import jieba.posseg as pseg

    from ingest.lexical import _tokenizer

    _tokenizer()  # domain words loaded
    q = question
    for d in sorted(drop, key=len, reverse=True):
        if d and d in q:  # (not inside a word: 全国性, 地方性 say of what kind, not where)
            q = re.sub(re.escape(d) + r"(?!性)", " ", q)
    q = re.sub(r"[“\"]\s*[”\"]", " ", q)  # (quotes left empty by a dropped name: no quoted term)
    q = re.sub(r"20\d{2}\s*年?", " ", q)
    q = PLAN_PERIOD.sub(" ", q)
    q = A_NOT_A.sub(" ", q)
    q = A_NOT_AB.sub(r"\1", q)
    q = written_direction(q)
    # "啥名目的活动": the name asked in its written form (read as 名/目的 it would ask a purpose)
    q = re.sub("|".join(k for k in SPOKEN_QUESTION_WORDS if "名" in k), " ", q)
    # "几小时内报给": 内 after a span of time means "within", it is no part of the next word (内报)
    q = re.sub(r"(小时|日|天|周|个月|年|时间)内", r"\1内 ", q)  # (and "多长时间内报": within how long)
    alts = _alternatives()
    said = q  # (quoted names are read before an abbreviation's form is cut out of them)
    terms: dict[str, float] = {}
    # an abbreviation or its full form is one term, matched in either form: "安全生产责任保险" must
    # not fall apart into "安全生产" + "责任保险" when the plan writes "安责险"
    # (and an everyday verb's passive or perfective form, LAY_VERB_FORM; other two-character words, 地方,
    # 盯着, 最多, are read below, where the parser's own rules may drop them)
    for form in sorted(alts, key=len, reverse=True):
        if (len(form) >= 3 or form in LAY_TERMS and LAY_VERB_FORM.fullmatch(form)) and form in q \
                and any(a != form for a in alts[form]):
            terms[form] = max(idf(t) for t in tokenize(form) or [form])
            q = q.replace(form, " ")
    words = [(w.word, w.flag) for w in pseg.cut(q) if w.word.strip()]
    unseen = idf("\x00")  # the weight of a word no indexed passage contains
    words = [x for x in (_unglued(w, f, idf(w) >= unseen - 1e-9) for w, f in words) if x[0]]
    if texts:
        words = _rejoin(_reshift(words, texts), texts)
    words = _localised_nouns(words)
    anchor = ("", 0.0)
    for i, (word, flag) in enumerate(words):
        content = (flag.startswith(CONTENT_FLAGS) and flag != "ad"  # 确实, 及时: how, not what
                   or (flag == "m" and re.search(r"\d|十四五|十三五", word))
                   # jieba tags some nouns as numerals (分项): a "numeral" with no numeral in it is a word
                   or (flag == "m" and len(word) >= 2 and word not in ("多少", "若干")
                       and not re.search(r"[〇零一二两三四五六七八九十百千万亿几半数]", word)))
        if not content or word in QUESTION_WORDS or word in MODALS or LOCATIVE_MODAL.match(word) \
                or len(word) < 2 and not word.isdigit() or SPOKEN_LOCATIVE.match(word) and idf(word) >= unseen - 1e-9 \
                or flag.startswith("v") and PREPOSITION_VERB.match(word) and i + 1 < len(words) \
                and words[i + 1][0] in ("了", "过") or PREPOSITION_PHRASE.match(word) or _intends(words, i):
            continue  # (a modal, "应该包括哪些": the asker's mood, not the topic)
        if any(a in word for a in ("哪", "什么", "多少")):
            continue
        w = idf(word)
        prev = words[i - 1][0] if i else ""
        # the noun phrase after 哪些/什么 names the kind of answer ("哪些议事协调机构"), not its topic
        after_ask = _after_ask(words, i)
        j = i - 1
        while j >= 0 and flag.startswith("n") and (words[j][1].startswith(("n", "vn")) or words[j][0] == "的"):
            j -= 1
        asked_kind = after_ask or (j >= 0 and j < i - 1 and (words[j][0] in ASK_WORDS | {"怎样", "怎么样", "哪类"}
                                                             or words[j][0].endswith(("哪些", "什么"))))
        if w < unseen - 1e-9 and flag.startswith(TOPIC_FLAGS) and not asked_kind and word not in LOW_WEIGHT | FRAMING \
                | CATEGORY | FIGURE_CATEGORY | LEVEL_ASKED and w > anchor[1] and not _general(word) \
                and not FIVE_YEAR_WORD.fullmatch(word) \
                and not (prev in MODALS and i + 1 < len(words) and words[i + 1][1].startswith("v")):
            anchor = (word, w)  # (not a word between a modal and its verb: "要专门研究" — an adverb)
        if w >= unseen - 1e-9 and (not flag.startswith(TOPIC_FLAGS) or word.endswith("儿")
                                   or names_a_thing(word) is False or SPOKEN_COMPLEMENT.match(word)):
            # (活儿, 事儿: a spoken 儿 word the documents never write is the asker's register, not a topic;
            # nor is a word jieba tags a noun that the thesaurus knows only as manner or degree: 专门, 重新)
            w *= weights.unseen_phrasing  # words the documents never use cannot tell their sentences apart
        if word in LOW_WEIGHT or word in FRAMING or word in FIGURE_CATEGORY | LEVEL_ASKED or word in LIGHT_VERBS \
                or word in MANNER_BEFORE_VERB and i + 1 < len(words) and words[i + 1][1] in ("v", "vd", "vi"):
            w *= weights.low_weight
        prev = words[i - 1][0] if i else ""
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if prev in ASK_WORDS - {"多少", "几"} or _asks_kind(words, i):
            w *= weights.asked_kind  # "什么颜色": the kind of answer, not what the text must say
        elif word in CATEGORY and (nxt in ("是", "叫", "为", "称") or idf(word) >= unseen - 1e-9):
            w *= weights.low_weight  # (a kind no document writes, "…城市称号": the text names the thing)
        elif word not in FRAMING | LIGHT_VERBS and (nxt in ASK_WORDS or (nxt in ("是", "叫", "指", "为") and i + 2 < len(words)
                                                             and words[i + 2][0] in ASK_WORDS)):
            w *= weights.predicate  # "要打造什么", "局长是谁": what is asked about
        terms[word] = max(terms.get(word, 0.0), w)
    # a token that neither the documents nor the dictionary know ("避灾点" cut as 避/灾点) is the asker's
    # own wording, not a topic the documents lack (核电站, 地铁 are words): it counts no more than the
    # question's strongest word the documents do use
    import jieba

    seen_max = max((w for t, w in terms.items() if idf(t) < unseen - 1e-9), default=0.0)
    if seen_max:
        terms = {t: (min(w, seen_max) if idf(t) >= unseen - 1e-9 and not jieba.dt.FREQ.get(t) else w)
                 for t, w in terms.items()}
    _written_synonyms(words, terms, alts, idf, unseen)
    # a compound the documents never write ("物业公司") whose own words they do write ("物业"): those
    # words are what a sentence can share with the question
    for t in [t for t in terms if len(t) >= 3 and idf(t) >= unseen - 1e-9 and t not in alts]:
        inner = {p for p in jieba.cut_for_search(t) if p != t and len(p) >= 2 and idf(p) < unseen - 1e-9}
        if inner:
            w = terms.pop(t)
            for p in inner:
                terms[p] = max(terms.get(p, 0.0), min(w, idf(p)))
    # an everyday word weighs what the statutory word the text writes for it weighs (一把手 is rare in
    # laws, 主要负责人 is not: it must not outweigh the rest of the question)
    for t in [t for t in terms if t in LAY_TERMS]:
        terms[t] = min(terms[t], max(idf(tok) for form in LAY_TERMS[t] for tok in tokenize(form) or [form]))
    if not terms:  # a question of general words only: use them all
        terms = {w: idf(w) for w, _ in words if len(w) >= 2 and not any(a in w for a in ("哪", "什么", "多少"))}
    _what_is_asked_for(q, terms, idf, weights)
    if _examples(q, terms, weights) & {anchor[0]}:  # an instance the asker gives is not the topic
        anchor = ("", 0.0)
    # a quoted name (“六停”, “1234”) must appear as written
    for quoted in re.findall(r"[“\"]([^”\"]{1,12})[”\"]", said):
        terms[quoted] = max(terms.get(quoted, 0.0), idf(quoted) * weights.quoted)
        if quoted not in FIVE_YEAR_START:  # "“十四五”规划" names the plan, not the topic
            anchor = (quoted, float("inf"))  # a quoted name is the most specific thing a question names
    # an unquoted counted name the passages write as such ("六停", "三场所三企业") is one term, as if quoted
    # (jieba cuts it into a numeral and single characters, which say nothing)
    if texts:
        alts = _counted_terms(q, texts, terms, alts, idf, weights)
    parts = {t: [p for p in tokenize(t) if len(p) >= 2 and p != t and idf(p) >= weights.distinctive_idf]
             for t in terms if len(t) >= 4}
    if texts:
        _joint_place_names(question, terms, alts, texts)
        _joint_coordinates(words, terms, alts, texts)
        _joint_contractions(words, terms, alts, texts)
        _government_levels(q, terms, texts, weights)
        alts = _bureaus_as_departments(terms, alts, texts)
    if texts and anchor[0] in terms and anchor[0] not in texts:
        at = {w: i for i, (w, _) in enumerate(words)}
        alts = _contracted_pair(anchor[0], terms, alts, texts, at)
    # "治虫害" where the law writes 病虫鼠害: a contraction, matched as one where the word itself is nowhere
    # (a two-character word the passages also write, 禁放, is still said where they spell it out in two
    # words, 禁止燃放: the law writes both)
    contracted = frozenset(t for t in terms if texts and contracted_in(t, texts)
                           and (t not in texts or spelled_out(t, texts)))
    alts = {**alts, **_numeral_forms(terms)}
    unwritten = frozenset(t for t in terms if idf(t) >= unseen - 1e-9 and t not in alts and t not in contracted)
    return QueryTerms(terms, alts, contracted=contracted, unwritten=unwritten, wants_name=bool(NAME_QUESTION.search(question)),
                      name_head=next((m.group(1) or m.group(2) for m in NAME_HEAD.finditer(question)), ""),
                      list_head=next((m.group(1) for m in LIST_HEAD.finditer(question.strip())), ""),
                      wants_definition=bool(DEFINITION_QUESTION.search(question)),
                      wants_contents=bool(CONTENTS_QUESTION.search(question)),
                      wants_penalty=bool(PENALTY_QUESTION.search(question)),
                      # (only when whether one may is all it asks: "分别由谁发布？其他单位能不能自己发" asks who first)
                      wants_permission=bool(PERMISSION_QUESTION.search(question))
                      and not ASKS.search(PERMISSION_QUESTION.sub("", question)),
                      wants_recipient=bool(RECIPIENT_QUESTION.search(question)),
                      wants_criterion=bool(CRITERION_QUESTION.search(question)),
                      body_kind=next((m.group(1) for m in ASKED_KIND_OF_BODY.finditer(question)), ""),
                      counted=tuple(m.group(0) for m in COUNTED_NAME.finditer(question) if len(m.group(0)) >= 3),
                      anchor=anchor[0] if anchor[0] in terms else "", parts={t: p for t, p in parts.items() if p})




def _written_synonyms(words: list[tuple[str, str]], terms: dict[str, float], alts: dict[str, list[str]],
                      idf: Callable[[str], float], unseen: float) -> None:
    """A noun the documents never write is said by its synonyms that they do write ("消防栓": they write
    消火栓). Only unwritten words: where the documents use the asker's word, a sentence that means it
    says it; only nouns of one sense (verbs and many-sense words have synonyms of other senses: 落得 ~
    达到); not a modifier of another unwritten noun (电动 of 电动自行车: the thing is the whole)."""
    unwritten = {w for w, _ in words if idf(w) >= unseen - 1e-9}
    for i, (t, flag) in enumerate(words):
        if t not in terms or t not in unwritten or t in alts or not flag.startswith("n") or len(senses(t)) != 1:
            continue
        if i + 1 < len(words) and words[i + 1][0] in unwritten and words[i + 1][1].startswith("n"):
            continue
        written = [s for s in senses(t)[0] if s != t and len(s) >= 2 and idf(s) < unseen - 1e-9]
        if written:
            alts[t] = written


def _numeral_forms(terms: dict[str, float]) -> dict[str, list[str]]:
    """"60岁以上" asked, "六十周岁以上" written: laws write numbers in Chinese numerals, so a number of the
    question is found in either form (only numbers whose Chinese form is two characters or more: "十"
    alone is in too many words)."""
    import cn2an

    out = {}
    for t in terms:
        if re.fullmatch(r"\d{2,5}", t) and not re.fullmatch(r"(?:19|20)\d{2}", t):
            form = cn2an.an2cn(t)
            if len(form) >= 2:
                out[t] = [form]
    return out


def _counted_names(q: str, texts: str) -> list[str]:
    """The counted names of the question the passages write ("六停", "三场所三企业", "13个专委会"): a
    numeral and what it counts, not a word of the dictionary (一年, 一批), a period (十四五) or a time."""
    import jieba

    out = []
    for m in COUNTED_NAME.finditer(q):
        fits = []
        for end in range(m.start() + 2, min(len(q), m.start() + 12) + 1):
            name = q[m.start():end]
            tail = re.sub(r"^(?:[一二三四五六七八九十两]+|\d+个)个?", "", name)
            if COUNTED_NAME.fullmatch(name) and name in texts and tail and not re.match(r"[一二三四五六七八九十两]", tail) \
                    and not name.startswith(tuple(FIVE_YEAR_START)) and not jieba.dt.FREQ.get(name) \
                    and not re.fullmatch(r"[年月日天周次时点批步些]", tail[0]):
                fits.append(name)
        if fits:
            out.append(max(fits, key=len))
    return out


def _counted_terms(q: str, texts: str, terms: dict[str, float], alts: dict[str, list[str]],
                   idf: Callable[[str], float], weights: Weights) -> dict[str, list[str]]:
    """Counted names as terms, weighing as if quoted: those the question writes ("六停") and those it asks
    with 几 ("各搞几停": “六停”, “五停” are its alternatives, added to a copy of ``alts``, returned)."""
    for name in _counted_names(q, texts):
        terms[name] = max(terms.get(name, 0.0), idf(name) * weights.quoted)
    for asked, forms in _asked_counted_names(q, texts).items():
        alts = {**alts, asked: forms}
        terms[asked] = max(idf(f) for f in forms) * weights.quoted
    for asked, forms in _announced_lists(q, texts).items():
        alts = {**alts, asked: forms}
        terms[asked] = max(terms.get(asked, 0.0), max(idf(f) for f in forms) * weights.quoted)
    return alts


def _announced_lists(q: str, texts: str) -> dict[str, list[str]]:
    """"要守哪四条原则": a list asked for by its count and its name is the one a passage announces with the
    same count and name, whatever the classifier and the words between ("四个基本原则", "四项原则"); a
    different count ("五条原则") announces another list; "哪几条原则" asks for the one the passages announce,
    when they announce one only. The passages' forms, by the question's phrase."""
    out: dict[str, list[str]] = {}
    count = rf"(?:{LIST_CLASSIFIER}|方面)"
    for m in ANNOUNCED_COUNT.finditer(q):
        num = rf"(?:[二三四五六七八九十两]{count}?|\d+{count})" if m.group(1) == "几" else rf"{m.group(1)}{count}?"
        head = m.group(2)[-2:]
        for noun in (head, *LAY_TERMS.get(head, ())):  # "基本规矩": its head, or the written word for it (原则)
            forms = sorted(set(re.findall(rf"(?<![\d一二三四五六七八九十第]){num}[\u4e00-\u9fff]{{0,4}}?{noun}", texts)))
            if len(forms) > 1 and m.group(1) == "几":
                break  # "哪几个领域" of "两个重点领域" and "5个领域": which list is asked, the count does not say
            if forms:
                out[m.group(0)] = forms
                break
    return out


def _asked_counted_names(q: str, texts: str) -> dict[str, list[str]]:
    """"各搞几停": the names the passages quote that count what the question counts with 几 (“六停”, “五停”)."""
    out = {}
    for m in ASKED_COUNTED_NAME.finditer(q):
        forms = sorted(set(re.findall(rf"(?<=[“\"])[一二三四五六七八九十两]+{re.escape(m.group(1))}", texts)))
        if forms:
            out[m.group(0)] = forms
    return out


def _unglued(word: str, flag: str, unseen: bool) -> tuple[str, str]:
    """A word jieba made up from the asker's phrasing and no document writes: "能罚" is a modal and a verb
    (nothing left to search), "一辆车" a count and a noun (the noun); "比一比" is how one asks, always."""
    import jieba

    if TENTATIVE_VERB.match(word) or GLUED_SAYING.match(word):
        return "", "x"
    if not unseen:
        return word, flag
    if GLUED_MODAL.match(word) and not jieba.dt.FREQ.get(word):
        return "", "x"
    if word.startswith("被") and len(word) <= 3:  # "工资会不会被扣": the passive 被 and the asker's verb
        return word[1:], "v"
    glued = GLUED_VERB_OBJECT.match(word)
    if glued and jieba.dt.FREQ.get(glued.group(1)):
        return glued.group(1), "n"
    m = COUNT_PREFIX.match(word)  # (jieba's dictionary has some: 一辆车)
    return (word[m.end():], flag) if m else (word, flag)


def _reshift(words: list[tuple[str, str]], texts: str) -> list[tuple[str, str]]:
    """Jieba can cut across a boundary ("防洪区分为几类" → 防洪 / 区分 / 为): a word the passages never
    write whose first character completes the word before it into one they do write (防洪区) gives
    that character back; likewise its last character to the word after it. What is left must fit too."""
    out = list(words)
    for i in range(len(out)):
        word, flag = out[i]
        if len(word) < 2 or not _CJK.fullmatch(word) or word in texts:
            continue
        rest = flag if len(word) > 2 else "x"
        if i and _takes(out[i - 1][0] + word[0], out[i - 1], word[1:], texts):
            out[i - 1], out[i] = (out[i - 1][0] + word[0], "n"), (word[1:], rest)
        elif i + 1 < len(out) and _takes(word[-1] + out[i + 1][0], out[i + 1], word[:-1], texts):
            out[i + 1], out[i] = (word[-1] + out[i + 1][0], "n"), (word[:-1], rest)
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _takes(joined: str, neighbour: tuple[str, str], rest: str, texts: str) -> bool:
    """May a neighbouring content word take one character to become ``joined``? Only where the
    passages write ``joined`` as a word of its own and what is left fits too."""
    word, flag = neighbour
    return bool(_CJK.fullmatch(word)) and not flag.startswith(FUNCTION_FLAGS) and len(word) >= 2 \
        and _written_as_word(joined, texts) and _rest_fits(rest, texts)


def _joint_place_names(question: str, terms: dict[str, float], alts: dict[str, list[str]], texts: str) -> None:
    """Places named together are written as one name of their first characters ("崇明、启东、海门" →
    崇启海, 京津冀, 沪苏浙): where the passages write that name, it stands for each of them."""
    from itertools import product

    from planqa.gazetteer import CITY_NICKNAMES, PROVINCE_ABBREVIATIONS, find_places

    places = find_places(question, abbreviations=True, county_short=True)
    if not 2 <= len(places) <= 4:
        return
    short = {full: ch for ch, full in {**PROVINCE_ABBREVIATIONS, **CITY_NICKNAMES}.items()}
    # each place's one character: its standard abbreviation (冀, 沪), its nickname (通), its first character
    chars = [dict.fromkeys(c for c in (short.get(m.place.name, ""), m.surface[0]) if c) for m in places]
    for combo in product(*chars):
        joint = "".join(combo)
        if joint in texts:
            for m in places:
                if m.surface in terms:
                    alts[m.surface] = [*alts.get(m.surface, []), joint]
            return


def _joint_coordinates(words: list[tuple[str, str]], terms: dict[str, float], alts: dict[str, list[str]],
                       texts: str) -> None:
    """Nouns joined by 和/跟/与 are written as one word of their first characters ("政府跟企业" → 政企,
    "党委和政府" → 党政): where the passages write that word, it stands for each of them."""
    for (a, _), (conj, _), (b, _) in zip(words, words[1:], words[2:]):
        if conj in ("和", "跟", "与", "及", "同", "、") and len(a) >= 2 and len(b) >= 2 and a in terms and b in terms:
            joint = a[0] + b[0]
            if joint in texts:
                alts[a] = [*alts.get(a, []), joint]
                alts[b] = [*alts.get(b, []), joint]


def _joint_contractions(words: list[tuple[str, str]], terms: dict[str, float], alts: dict[str, list[str]],
                        texts: str) -> None:
    """Two words in a row the passages write contracted ("专门委员会" → 专委会, "应急管理部门" → 应急部门): the
    first's first character, the second's first and last, some between dropped ("专门的分委员会" too:
    one-character words between are the asker's); where the passages
    write that contraction (and never the words in full), it stands for each of them."""
    content = [(w, i) for i, (w, _) in enumerate(words) if len(w) >= 2]
    for (a, i), (b, j) in zip(content, content[1:]):
        if j - i > 3 or a not in terms or b not in terms or a + b in texts:
            continue
        short = next((w for at, w in abbreviations_in(a + b, texts)
                      if b[0] in w[1:] and w not in (a, b) and _a_word_at(texts, at, at + len(w))), "")
        if short:
            alts[a] = [*alts.get(a, []), short]
            alts[b] = [*alts.get(b, []), short]


def _a_word_at(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` start and end where words do ("13个专委会履职"; not "引发水上": 发水上)?"""
    import jieba

    lo = max(0, start - 6)
    bounds, pos = {lo}, lo
    for tok in jieba.cut(text[lo:end + 6], HMM=False):
        pos += len(tok)
        bounds.add(pos)
    return start in bounds and end in bounds


def abbreviations_in(term: str, text: str):
    """Where the text writes the term abbreviated, its first and last characters kept and some between
    dropped, in order ("专委会" for 专业委员会, "安委会" for 安全生产委员会): (offset, the abbreviation)."""
    for i in (m.start() for m in re.finditer(re.escape(term[0]), text)):
        for n in range(2, len(term)):
            word = text[i:i + n + 1]
            if len(word) == n + 1 and word[-1] == term[-1] and _is_subsequence(word, term):
                yield i, word


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _examples(q: str, terms: dict[str, float], weights: Weights) -> set[str]:
    """"饭店、餐馆这类用燃气的单位": the instances the asker lists before 这类/之类 weigh little (the text
    writes the kind: 餐饮等行业); returns them."""
    found = {t for m in EXAMPLES_OF_KIND.finditer(q) for t in terms if t in m.group(1)}
    for t in found:
        terms[t] *= weights.low_weight
    return found


def _bureaus_as_departments(terms: dict[str, float], alts: dict[str, list[str]], texts: str) -> dict[str, list[str]]:
    """"县级应急管理局" where the law writes 县级人民政府应急管理部门: statutes name a government's bureau
    (局, 厅) by its field and 部门; where the passages write that, it is the bureau's written form."""
    out = dict(alts)
    for t in terms:
        dept = f"{t[:-1]}部门"
        if len(t) >= 4 and t[-1] in "局厅" and dept in texts:
            out[t] = list(dict.fromkeys([*out.get(t, []), dept]))
    return out


def _government_levels(q: str, terms: dict[str, float], texts: str, weights: Weights) -> None:
    """"区、县的防空袭方案": the levels of government a law tells apart ("市…" / "区、县…") are one
    character each, too short to be terms alone; written as the passages write them, they count."""
    for m in re.finditer(r"[省市区县乡镇](?:、[省市区县乡镇])+", q):
        if m.group(0) in texts:
            terms[m.group(0)] = max(terms.get(m.group(0), 0.0), max(terms.values(), default=1.0) * weights.low_weight)


def _what_is_asked_for(q: str, terms: dict[str, float], idf: Callable[[str], float], weights: Weights) -> None:
    """Terms as the figure or content asked for shapes them: the unit of a figure ("几分钟能赶到" is
    answered by "5分钟救援圈") is a term; the verb before a content ("说清楚哪些信息") is its frame."""
    import jieba.posseg as pseg

    for m in ASKED_UNIT.finditer(q):
        if m.group(1) in MEASURE_UNITS:
            terms[m.group(1)] = max(terms.get(m.group(1), 0.0), idf(m.group(1)))
    asked = CONTENTS_QUESTION.search(q)
    if asked:
        frame = [(w.word, w.flag) for w in pseg.cut(q[:asked.start()]) if w.word.strip()][-1:]
        if frame and frame[0][0] in terms and not frame[0][1].startswith("n"):
            terms[frame[0][0]] = idf(frame[0][0]) * weights.low_weight


def _general(word: str) -> bool:
    """A word of everyday Chinese at large (产生, 公司, 学校: jieba's frequency) is too general to be
    the specific topic a question turns on, however rare it is in these documents."""
    import jieba

    from ingest.lexical import DOMAIN_WORDS  # given a high frequency so that jieba keeps them whole

    return word not in DOMAIN_WORDS and jieba.dt.FREQ.get(word, 0) >= GENERAL_WORD_FREQ


def _rest_fits(rest: str, texts: str) -> bool:
    """What a shifted word leaves must be a lone character or a word the passages write too
    ("专职安全员" → 专职安 / 全员 explains nothing: 全员 is not there)."""
    return len(rest) == 1 or rest in texts


def _written_as_word(word: str, texts: str) -> bool:
    """Do the passages write ``word`` as a word of its own somewhere: cut there, does it start and end
    on word boundaries? ("防洪区是指" has 防洪区; "做好安全" has no 做好安)."""
    import jieba

    start = 0
    for _ in range(5):
        pos = texts.find(word, start)
        if pos < 0:
            return False
        lo = max(0, pos - 6)
        bounds, at = {0}, 0
        for token in jieba.cut(texts[lo:pos + len(word) + 6]):
            at += len(token)
            bounds.add(at)
        if pos - lo in bounds and pos - lo + len(word) in bounds:
            return True
        start = pos + 1
    return False


def _rejoin(words: list[tuple[str, str]], texts: str) -> list[tuple[str, str]]:
    """A word jieba does not know is cut into a lone character and a word ("凌汛期" → 凌 / 汛期); where
    the documents write the whole ("凌汛期为每年的…"), the two are one noun again."""
    def joins(a: tuple[str, str], b: tuple[str, str]) -> bool:
        # (two lone characters the documents write together are a word too: 高 / 危 → 高危; not a lone
        # verb, which governs what follows it: 抓 / 总)
        shortest = 2 if len(a[0]) == len(b[0]) == 1 and not (a[1] + b[1]).count("v") else 3
        return (len(a[0]) == 1 or len(b[0]) == 1) and not a[1].startswith(FUNCTION_FLAGS) \
            and not b[1].startswith(FUNCTION_FLAGS) \
            and bool(re.fullmatch(rf"[\u4e00-\u9fff]{{{shortest},5}}", a[0] + b[0])) and a[0] + b[0] in texts

    out: list[tuple[str, str]] = []
    for i, (word, flag) in enumerate(words):
        # a lone character goes with the word after it when the text writes them together
        # ("森林 高 火险期" → 森林 / 高火险期, not 森林高 / 火险期)
        ahead = len(word) == 1 and i + 1 < len(words) and joins((word, flag), words[i + 1])
        if out and not ahead and joins(out[-1], (word, flag)):
            out[-1] = (out[-1][0] + word, "n")
            continue
        out.append((word, flag))
    return out


def strip_marker(text: str) -> str:
    """The text without its leading heading marker ("10.", "(三)", "一是", "①")."""
    return HEADING_PREFIX.sub("", text, count=1)


def split_sentences(text: str, provisions: bool = False) -> list[tuple[int, int]]:
    """Sentence spans; a heading sentence ("(三)严防…风险。") is joined to the sentence after it.
    ``provisions``: a law's text, whose sentences run over 分号 to the full stop."""
    split = PROVISION_SPLIT if provisions else SENTENCE_SPLIT
    spans = [(m.start(), m.end()) for m in split.finditer(text) if m.group(0).strip()]
    out: list[tuple[int, int]] = []
    for a, b in spans:
        last = text[out[-1][0]:out[-1][1]] if out else ""
        # (a law's "(五)地质灾害防治措施等。" is the last item of a list, not a heading of what follows)
        # (nor is a law's chapter title the start of its first article: "第三章燃放安全管理" stands alone)
        if out and len(last) <= 24 and HEADING_PREFIX.match(last) and not (provisions and (
                PROVISION_ITEM.match(last) or re.match(r"\s*第[一二三四五六七八九十百零〇\d]+[编章节]", last))):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def is_run_in_head(sentence: str) -> bool:
    """A review's run-in head ("应急管理协同需要加强。", "应急管理科技水平稳步提升。"): REVIEW_HEAD."""
    return bool(REVIEW_HEAD.match(strip_marker(sentence).strip()))


def paragraph_end(text: str, at: int) -> int:
    """Where the paragraph holding ``at`` ends (its line break, or the text's end)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def said_after(text: str, end: int, most: int, stop: Callable[[str], bool]) -> int:
    """Where what a sentence ending at ``end`` goes on to say ends: the sentences after it in its
    paragraph, up to one ``stop`` accepts (the next head) or ``most`` of them."""
    para_end = paragraph_end(text, end)
    last = end
    for a, b in split_sentences(text):
        if a < end or a >= para_end:
            continue
        if most == 0 or stop(text[a:b]):
            break
        last, most = b, most - 1
    return last


def run_in_end(text: str, end: int, most: int = 4) -> int:
    """Where what a run-in head ending at ``end`` says of itself ends: the sentences after it, up to the
    next such head, the paragraph's end or ``most`` sentences."""
    return said_after(text, end, most, is_run_in_head)


def _head_body(text: str, s: str, b: int, provisions: bool) -> str:
    """What a review's run-in head ending at ``b`` says of itself (its words count as its own), else ""."""
    return " " + text[b:run_in_end(text, b)] if not provisions and is_run_in_head(s) else ""


def _part_factor(p: Passage, qt: QueryTerms, w: Weights) -> float:
    """``role_boost`` for a passage of the part of the plan the question points at, else 1."""
    if qt.role == OPENING:
        return w.role_boost if is_opening(p.chunk.ordinal, p.chunk.section) else 1.0
    if qt.role and section_role(p.chunk.section, p.chunk.text, p.chunk.meta.doc_type) == qt.role:
        return w.role_boost
    return 1.0


def _only_headings(s: str) -> bool:
    """"四、推进重大风险清单管理管控,确保安全运行\n\n一是实行重大风险清单管理。": lines that are all a
    plan's headings (marker first, short) — they name a task, no one doing it."""
    lines = [ln.strip() for ln in s.splitlines() if ln.strip()]
    return bool(lines) and all(HEADING_PREFIX.match(ln) and len(ln) <= 40 for ln in lines)


def _cited_articles(articles: dict[tuple[str, str], str], doc: str, s: str, qt: QueryTerms) -> str:
    """The text of the law's own articles a sentence cites ("违反本条例第二十四条规定"): what it speaks of.
    A penalty for breaking 第十一条 says what 第十一条 forbids only to one who asks the penalty: "能不能用电梯
    送气瓶" is answered by the duty itself."""
    refs = OWN_ARTICLE_REF.findall(s)
    if not refs or not qt.wants_penalty and PENALTY_SENTENCE.search(s):
        return ""
    return " ".join(articles.get((doc, f"第{n}条"), "") for n in refs)


def _lead_factor(s: str, qt: QueryTerms, provisions: bool, w: Weights) -> float:
    """How much a sentence says who leads: it names a body leading, not a heading, not a penalty ("未经批准
    …的，由…责令停止" names who punishes, not who is in charge or approves)."""
    f = 1.0
    if LEAD.search(s):
        f *= w.lead_boost
    if names_agent(s, provisions):
        f *= w.agent_boost
    if not qt.wants_penalty and PENALTY_SENTENCE.search(s):
        f *= w.penalty_lead
    if not provisions and _only_headings(s):
        f *= w.heading_lead
    return f


def _article_head(articles: dict[tuple[str, str], str], chunk) -> str:
    """An article's first sentence (up to its first 。 or ：), from the article's text over its chunks."""
    body = articles.get((chunk.doc, chunk.article), "")
    start = body.find(chunk.article)
    if start < 0:
        return ""
    end = re.search(r"[。：:]", body[start:])
    return body[start: start + end.end()] if end else ""


def _list_factor(s: str, qt: QueryTerms, enumerated: re.Pattern | None, w: Weights) -> float:
    """A list question prefers the sentence that announces its counted list ("健全落实五项机制") or that
    enumerates members of the kind it asks for ("…、消防安全月等活动")."""
    factor = w.announce_boost if any(c in s for c in qt.counted) else 1.0
    return factor * (w.enumeration_boost if enumerated and enumerated.search(s) else 1.0)


def score_sentences(passages: list[Passage], qt: QueryTerms, kind: str,
                    weights: Weights = DEFAULT_WEIGHTS) -> list[Sentence]:
    """Every sentence of the passages scored by coverage of the question's terms (its heading's words
    counting a little), boosted by what the kind needs, best first."""
    w = weights
    out: list[Sentence] = []
    head = re.escape(qt.name_head)  # “精准执法年”, “一案双查”制度: a quoted name of the kind asked for
    named_kind = re.compile(rf"“[^”]{{1,16}}(?:{head}”|”{head})") if qt.name_head else None
    # "…、防灾减灾日、消防安全月等活动": an enumeration closed by the kind a list question asks for
    # (quoted members may stand side by side, “安全生产月”“119消防宣传月”等主题活动)
    enumerated = re.compile(rf"(?:、|”“)[^。；;]{{1,40}}等[\u4e00-\u9fff]{{0,4}}{re.escape(qt.list_head)}") \
        if qt.list_head else None
    articles: dict[tuple[str, str], str] = {}
    for p in passages:
        if p.chunk.article:
            key = (p.chunk.doc, p.chunk.article)
            articles[key] = articles.get(key, "") + p.chunk.text
    for i, p in enumerate(passages):
        text = p.chunk.text
        provisions = p.chunk.meta.doc_type in STATED_SUBJECT_TYPES
        part = _part_factor(p, qt, w)  # "在分析存在问题时…": the passages of the part pointed at
        # a heading's words count for the sentences under it, a little; so do a law's title's
        context = p.chunk.section + (" " + p.chunk.meta.title if provisions else "")
        # an article's later sentences go on with what its first one set out ("…需要野外生产性用火的，
        # 应当…办理申请用火手续。…管理部门应当…十五日内决定…"): its words count as a heading's do
        article_head = _article_head(articles, p.chunk) if provisions and p.chunk.article else ""
        for a, b in split_sentences(text, provisions=provisions):
            s = text[a:b].strip()
            if len(s) < 4:
                continue
            # "违反本条例第二十四条规定": the cited article's words are this sentence's context too
            cited = _cited_articles(articles, p.chunk.doc, s, qt)
            if provisions and LIST_LEAD_IN.search(s):  # its items, up to the next article
                nxt = ARTICLE_START.search(text, b)
                cited += " " + text[b: nxt.start() if nxt else len(text)]
            if provisions and re.search(r"前款|前两款|上款", s):
                # "违反前款规定的，由…处罚": the paragraph before is what it speaks of; when that paragraph
                # is a list ("…提交下列材料：（一）…（四）…"), its lead-in says what the list is of
                before = text[:a].rstrip()
                last = before.rsplit("\n", 1)[-1]
                cited += " " + last
                if PROVISION_ITEM.match(last.strip()):
                    cited += " " + lead_in(text, len(before) - len(last))
            cited += _head_body(text, s, b, provisions)
            lead = ""
            if provisions and PROVISION_ITEM.match(s) and not LIST_LEAD_IN.search(s):
                lead = lead_in(text, a)  # an item means what its lead-in says of it
                cited += " " + lead
            elif provisions and LABELLED_LINE.match(s) and (roster := _labelled_lead_in(text, a)):
                lead = roster  # "指挥长：分管…的副市长" of "市指挥部组成人员如下："
                cited += " " + lead
            elif provisions and not LIST_LEAD_IN.search(s):
                # "第十八条 暴雨红色预警响应措施：" then unmarked paragraphs: each is one of those 措施 (not a
                # paragraph after a marked list "(一)…(四)", which is the article's next 款)
                head, body = lead_in(text, a), text[:a]
                if not head and p.chunk.article:  # the article began in an earlier chunk
                    body = articles.get((p.chunk.doc, p.chunk.article), "")
                    found = re.search(rf"{p.chunk.article}[^。：:\n]*[：:]", body)
                    head = found.group(0) if found else ""
                if head and ARTICLE_START.match(head) and not s.startswith(head.strip()) \
                        and not MARKED_ITEM_LINE.search(body[body.find(head) + len(head):]):
                    cited += " " + head
            # what the provision cites or lists is part of what it says, almost as its own words;
            # a heading's words count a little
            cov, rank = qt.coverage(s), qt.share(s)
            if cited.strip():
                cov = max(cov, w.context_coverage * qt.coverage(s + " " + cited))
                rank = max(rank, w.context_coverage * qt.share(s + " " + cited))
            opening = "" if article_head.strip() in s else article_head  # (not the first sentence itself)
            cov_ctx = qt.coverage(s + " " + context + " " + cited + " " + opening)
            rank_ctx = qt.share(s + " " + context + " " + cited + " " + opening)
            score = rank + w.context * max(0.0, rank_ctx - rank)
            if kind == Kind.NUMBER and has_figure(s):  # not an item's own "10.", not a year
                score *= w.number_boost
            if kind == Kind.DEADLINE and (DATE_MARK.search(s) or TIME_SPAN.search(s)):  # a date or a span
                score *= w.date_boost
            if kind == Kind.LEAD:
                score *= _lead_factor(s, qt, provisions, w)
            if qt.wants_permission and PERMISSION_SENTENCE.search(s):
                score *= w.permission_boost
            score *= part
            if kind == Kind.LIST:
                score *= _list_factor(s, qt, enumerated, w)
            if qt.wants_recipient and (LEAD_TO.search(s) or LEAD_APPROVAL.search(s)):  # 向哪个部门申请 / 向…申请
                score *= w.recipient_boost
            if qt.wants_criterion and CRITERION_SENTENCE.search(s):
                score *= w.criterion_boost
            if qt.body_kind and names_bodies(s, qt.body_kind) >= 2:
                score *= w.bodies_boost
            if qt.wants_name and QUOTED_NAME.search(s):
                score *= w.name_boost
            if named_kind and named_kind.search(s):
                score *= w.name_boost
            if qt.wants_definition and DEFINITION_SENTENCE.search(s + lead):  # "(三)中型：…" of "分为四个等级："
                score *= w.definition_boost
            if qt.wants_contents and CONTENTS_SENTENCE.search(s):
                score *= w.contents_boost
            if qt.wants_penalty and PENALTY_SENTENCE.search(s):
                score *= w.penalty_boost
            score *= 1.0 - w.rank_decay * i  # retrieval order breaks ties
            out.append(Sentence(i, a, b, s, score, max(cov, w.context_coverage * cov_ctx)))
    out.sort(key=lambda s: -s.score)
    return out

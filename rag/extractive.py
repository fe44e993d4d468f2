"""The offline answerer: chooses the sentences that answer and joins them, with ``[n]`` markers.

It answers in the documents' own terms. A work plan's sentences often have no subject ("牵头开展…"):
the issuing bureau is the implicit subject, so a "who leads" answer names it.
"""
from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache
from dataclasses import replace, dataclass, field

from planqa.config import DOC_TYPE_GROUPS
from planqa.records import Passage
from planqa.rules import (
    IDENTITY_ASKED, NAMED_BODY, UNNAMED_PARTY,
    ACROSS_DOCUMENTS, OCCASION, OCCASION_ASKED,
    ARTICLE_START, ASKED_AWARD, ASKED_MEASURE, CLAUSE_SPLIT, MEASURE_OF,
    ASKED_LIST_NOUN, ASKED_WHICH_NOUN, ASKED_NUMERAL_FRAME, ASKED_NUMERAL_RUN, IDENTITY_QUESTION, LED_BODY_ASKED, BREAKDOWN_ASKED, BREAKDOWN_GIVEN, NUMERAL, OWN_ARTICLE_REF, ASKED_DURATION, ASKED_MONEY, CN_FIGURE, CONTINUES, ASKED_RATE, ASKED_UNIT, ASKED_NEGATED_BEFORE, ASKED_PERIOD, NEGATED_BEFORE, CHARGE_QUESTION, COORDINATED, COUNTED_NAME, COUNTED_NAME_DIGITS, COUNTED_NAME_LONG, COUNTED_OBJECT,
    CLOCK_QUESTION, CLOCK_TIME, DATE_MARK, DEFAULT_WEIGHTS, DEFINE_QUESTION, DEFINITION_AFTER, DISTRIBUTIVE, ENUM_ITEM, FIGURE, FIRST_ITEM,
    FIVE_YEAR_ASKED, FIVE_YEAR_SPAN, FIVE_YEAR_START, FOLLOW_ON_CLAUSE, HEADING_PREFIX, PAST_FIVE_YEARS, LABELLED_PART, LEAD_APPROVAL, LEAD_BY, LEAD_CAUSED, LEAD_ROLE, LEAD_SUBJECT, LEAD_TO, LEAD_UNDER,
    INCLUDES_NEXT, LEAD_WITH, LIST_LEAD_IN, PLACE_KIND,
    GENERIC_PLACE_ENDS, PARTNER_QUESTION, PARTNER_SENTENCE, PENALTY_SENTENCE, PERSON_QUESTION, PLACE_LEVEL_ASKED, POST_AFTER_ASK, POST_QUESTION, PROVISION_ITEM, REVIEW_SENTENCE, SAME_UNIT, STATED_SUBJECT_TYPES,
    SUBJECT_BEFORE_DUTY, TARGET_QUESTION, TARGET_YEAR_BEFORE, TIME_SPAN, TOPIC_SENTENCE_MAX, WHEN, YEAR_OR_DATE, Kind, Weights,
    CATEGORY, CONSEQUENCE_OPENING, DEFERRED_SPAN, FREQUENCY_ASKED, OFTEN_ASKED, GOES_ON_SUBJECT, PERIODIC, WHAT_NOUN, WHY_QUESTION,
)

from planqa.thesaurus import sure_synonyms

from .evidence import (
    LEAD, QueryTerms, Sentence, abbreviations_in, has_figure, is_run_in_head, lead_in, run_in_end,
    paragraph_end, said_after, score_sentences, split_sentences, strip_marker,
)
from .query import char_bigrams, inner_kind
from .section_roles import ACHIEVEMENT, PROBLEM, in_part, section_role



@dataclass
class Draft:
    """An answer before citation numbering: text with ``{i}`` placeholders for passage indices."""

    lines: list[str] = field(default_factory=list)
    used: list[int] = field(default_factory=list)  # passage indices in order of first use
    highlights: dict[int, list[str]] = field(default_factory=dict)
    refused: bool = False
    partial: bool = False  # the documents name what was asked about without giving it
    reason: str = ""  # why it was refused, when that can be said ("…没有提到“燃气安全”")

    def cite(self, s: Sentence) -> str:
        """Record the sentence as used and highlighted; returns its passage's ``{i}`` placeholder."""
        if s.passage not in self.used:
            self.used.append(s.passage)
        self.highlights.setdefault(s.passage, [])
        if s.text not in self.highlights[s.passage]:
            self.highlights[s.passage].append(s.text)
        return "{%d}" % s.passage


def _doc_label(p: Passage) -> str:
    """《title》, and for a law its version and article: 《突发事件应对法》（2024年修订）第三条; a title that
    does not say its region ("2020年全市应急管理工作要点") is said with it: 南通市《2020年全市应急管理工作要点》."""
    m = p.chunk.meta
    version = getattr(m, "version", "")
    article = getattr(p.chunk, "article", "")
    return (_unsaid_region(m.region, m.title) + f"《{m.title}》" + (f"（{version}）" if version and article else "")
            + article)


@lru_cache(maxsize=256)
def _unsaid_region(region: str, title: str) -> str:
    """The region, when the title does not name it (nor its district by short name: 崇明区…规划 is 崇明's)."""
    from planqa.gazetteer import find_places

    if not region or region in ("全国", "国家") or region in title:
        return ""
    places = find_places(region)
    names = {x for m in places for x in (m.place.name, m.place.short) if x}
    return "" if not places or any(n in title for n in names) else region


def _lead_subject(s: Sentence, p: Passage) -> str:
    """Who the sentence gives the task to: its own subject, the body after 由…, a law's body before
    应当…; else a work plan's issuing bureau (its sentences have none); "" when none can be said."""
    m = (LEAD_SUBJECT.match(s.text) or LEAD_BY.search(s.text) or LEAD_ROLE.search(s.text)
         or SUBJECT_BEFORE_DUTY.search(s.text))
    if m:
        return f"由{m.group(1).removeprefix('由')}负责"
    m = LEAD_APPROVAL.search(s.text)
    if m:  # an approval ("报…批准，并向…备案": the approval is what decides)
        return f"{m.group(1)}{m.group(2)}{m.group(3)}"
    m = LEAD_TO.search(s.text)
    if m:  # an application or a report: the body it goes to
        return f"向{m.group(1)}{m.group(2)}"
    if p.chunk.meta.doc_type in STATED_SUBJECT_TYPES:
        return ""
    m = LEAD_UNDER.search(s.text)
    if m:  # "在区委、区政府的坚强领导下": who led the work a plan's or report's review looks back on
        return f"在{m.group(1)}的领导下"
    issuer = p.chunk.meta.issuer or "本文件发布单位"
    m = LEAD_CAUSED.match(s.text)
    if m:  # "组织第三方开展明查暗访": the third party does it, the bureau organises it
        return f"由{m.group(2)}{m.group(3)}（{issuer}（文件发布单位）{m.group(1)}）"
    m = LEAD_WITH.match(s.text)
    if m:  # "会同市消防支队…": the issuing bureau together with that body
        return f"由{issuer}（文件发布单位）会同{m.group(1)}负责"
    return f"由{issuer}（文件发布单位）负责"


def _best_per_passage(sentences: list[Sentence], limit: int, floor: float, tie: float = 1.0) -> list[Sentence]:
    """Each passage's best sentence, best first, up to ``limit`` passages; a second sentence of a
    passage scoring within ``tie`` of its best comes too (the words cannot tell them apart)."""
    chosen: list[Sentence] = []
    best: dict[int, Sentence] = {}
    for s in sentences:
        if s.coverage < floor:
            continue
        if s.passage in best:
            first = best[s.passage]
            if tie < 1.0 and s.score >= tie * first.score and sum(x.passage == s.passage for x in chosen) < 2:
                chosen.insert(chosen.index(first) + 1, s)
            continue
        if len(best) >= limit:
            break
        chosen.append(s)
        best[s.passage] = s
    return chosen


def _parallel_lines(s: Sentence, passages: list[Passage]) -> list[Sentence]:
    """"安全生产方面:…" / "自然灾害方面:…": a labelled line comes with its labelled siblings
    (a list question wants every part, not the best one)."""
    text = passages[s.passage].chunk.text
    out = []
    pos = 0
    for line in text.split("\n"):
        a = pos
        pos += len(line) + 1
        if LABELLED_PART.match(line) and len(out) < 8:
            first = re.search(r"[。；;]", line)
            b = a + (first.end() if first else len(line.rstrip()))
            out.append(Sentence(s.passage, a, b, text[a:b].strip(), s.score, s.coverage))
    overlaps = any(x.start < s.end and s.start < x.end for x in out)
    return out if overlaps and len(out) >= 2 else [s]


def _leading_items(text: str, start: int, provisions: bool = False) -> list[tuple[int, int]]:
    """The enumerated items (①, 一是, (一)) that follow ``start``; a law's item runs over its 分号."""
    items = []
    most = 20 if provisions else 8  # a law's list is said whole: the article is what is cited
    for a, b in split_sentences(text, provisions=provisions):
        if a < start:
            continue
        if not ENUM_ITEM.match(text[a:b]) or len(items) >= most:
            break
        items.append((a, b))
    return items


def _with_topic_paragraph(s: Sentence, passages: list[Passage], most: int = 4) -> Sentence:
    """A short topic sentence that opens a paragraph ("提高防灾减灾能力。"), or an item's heading that
    does ("15.健全基层应急管理责任体系。", "(二)加快推进应急管理数字化转型。按…"), is followed by what it
    means in the same paragraph: reports and plans write their measures so."""
    text = passages[s.passage].chunk.text
    if is_run_in_head(s.text):  # (a scrape that lost its line breaks: the head's form tells it)
        return _extended(s, text, run_in_end(text, s.end))
    para_start = text.rfind("\n", 0, s.start) + 1
    body = strip_marker(s.text)
    heading = bool(HEADING_PREFIX.match(s.text)) and len(re.split(r"[。；]", body, maxsplit=1)[0]) <= 2 * TOPIC_SENTENCE_MAX
    before = text[para_start:s.start].strip()
    # a report's "（十）切实筑牢安全防线，…更加稳固。加强安全生产和防灾减灾工作。…": after its item's
    # heading sentence, the topic sentence still opens what follows
    opens = not before or (HEADING_PREFIX.match(before) and len(split_sentences(before)) == 1)
    if (len(body) > TOPIC_SENTENCE_MAX and not heading) or not opens:
        return s
    return _extended(s, text, said_after(text, s.end, most, lambda _: False))


def _extended(s: Sentence, text: str, end: int) -> Sentence:
    """The sentence run on to ``end`` of its passage's text (itself when ``end`` is where it ends)."""
    return s if end <= s.end else Sentence(s.passage, s.start, end, text[s.start:end].strip(), s.score, s.coverage)


def _with_what_follows(s: Sentence, passages: list[Passage], most: int = 3) -> Sentence:
    """A run-in head ("坚持科技赋能,强化协同管理。") with the sentences after it, up to the next short head
    (the next principle's) or the paragraph's end: what the head says of itself."""
    text = passages[s.passage].chunk.text
    return _extended(s, text, said_after(text, s.end, most,
                                         lambda t: len(strip_marker(t).strip()) <= TOPIC_SENTENCE_MAX))


def _only_repeats_quote(sentence: str, question: str) -> bool:
    """Whether the sentence (its marker and punctuation dropped) is a name the question quotes."""
    said = re.sub(r"[\s,，。；;、“”]", "", strip_marker(sentence))
    return len(said) >= 4 and any(said == re.sub(r"[\s,，。；;、]", "", q)
                                  for q in re.findall(r"[“\"]([^”\"]{4,40})[”\"]", question))


def _with_enumeration(s: Sentence, passages: list[Passage]) -> list[Sentence]:
    """A sentence that announces a list ("…健全落实五项机制", "…如下：") takes the items after it,
    and those that run on into the next passage of the same section when it was retrieved."""
    chunk = passages[s.passage].chunk
    text = chunk.text
    law = chunk.meta.doc_type in STATED_SUBJECT_TYPES
    if is_run_in_head(s.text) and not text[s.end:].strip():  # the head closes its chunk: its body opens the next
        nxt = next((j for j, p in enumerate(passages) if p.chunk.doc == chunk.doc and p.chunk.ordinal == chunk.ordinal + 1), None)
        if nxt is not None and (end := run_in_end(passages[nxt].chunk.text, 0)) > 0:
            body = passages[nxt].chunk.text
            return [s, Sentence(nxt, 0, end, body[:end].strip(), s.score, s.coverage)]
    if not re.search(r"[：:]$|[两二三四五六七八九十几\d]+[项个条大方面种类]", s.text) \
            and not FIRST_ITEM.match(text[s.end:]) \
            and not re.search(r"[。：:]\s*(?:①|一是|[(（]一[)）])", s.text):  # "…专项行动。一是…二是…"
        return [_with_topic_paragraph(s, passages)]
    items = _leading_items(text, s.end, law)
    if not items and re.search(r"[：:]$", s.text) and (nxt := re.match(r"\s*", text[s.end:]).end() + s.end) < len(text):
        # "…的生产经营单位包括：" then one unmarked paragraph ("从事矿山、危险化学品…的单位"): a colon
        # announces what follows it, listed or not
        end = paragraph_end(text, nxt)
        return [Sentence(s.passage, s.start, end, text[s.start:end].strip(), s.score, s.coverage)]
    if not items and text[s.end:].strip():
        # no list follows what looked like one's announcement ("二十大" is no count of items): an item's
        # heading or topic sentence still goes on in its paragraph
        return [_with_topic_paragraph(s, passages)]
    out = s
    if items:
        out = Sentence(s.passage, s.start, items[-1][1], text[s.start:items[-1][1]].strip(), s.score, s.coverage)
    found = [out]
    while not text[found[-1].end:].strip() and len(found) < 8:  # the list runs on into the next chunk
        nxt = next((j for j, p in enumerate(passages) if p.chunk.doc == chunk.doc
                    and p.chunk.ordinal == chunk.ordinal + 1 and p.chunk.top_section == chunk.top_section), None)
        if nxt is None:
            break
        chunk, text = passages[nxt].chunk, passages[nxt].chunk.text
        more = _leading_items(text, 0, law)
        if not more:
            break
        found.append(Sentence(nxt, more[0][0], more[-1][1], text[more[0][0]:more[-1][1]].strip(), s.score, s.coverage))
    return found


LEGAL_TYPES = frozenset(DOC_TYPE_GROUPS["法规"])


def _of_the_place_asked(sentences: list[Sentence], passages: list[Passage], asked: str,
                        kind: Kind = Kind.FACT) -> list[Sentence]:
    """"蓟州区…的指挥长由谁担任" of a 天津市 plan: a district or county inside the document's own region,
    named by the question, is what it asks about; a plan's or report's passage that never names it answers
    for the city (a law's does not: its provisions hold in every district). Compared places are each
    their own part ("上海市…和崇明区…"): not so filtered."""
    from planqa.gazetteer import find_places

    inner = [m for m in find_places(asked, county_short=True, question=True) if m.place.level == "county"] if kind != Kind.COMPARE else []
    if not inner:
        return sentences

    names = {x for m in inner for x in (m.surface, m.place.name, m.place.short) if x}

    def names_it(p: Passage) -> bool:
        region = p.chunk.meta.region
        # (a law's provision holds in every district of its region: "县级以上人民政府…负责本行政区域")
        return p.chunk.meta.doc_type in LEGAL_TYPES or not any(m.place.city == region or m.place.province == region for m in inner) or any(
            x in p.chunk.section + p.chunk.text for x in names)
    ok = {i for i, p in enumerate(passages) if names_it(p)}
    return [s for s in sentences if s.passage in ok]


def _in_the_part_asked(sentences: list[Sentence], passages: list[Passage], qt: QueryTerms,
                       support: float) -> list[Sentence]:
    """"在分析存在问题时…": where the shortcomings part says it, only that part answers (a review of
    achievements has no cue of its own in every sentence: it is only preferred, in ranking)."""
    if qt.role != PROBLEM:
        return sentences
    roles = [section_role(p.chunk.section, p.chunk.text, p.chunk.meta.doc_type) for p in passages]  # (once each)
    own = [s for s in sentences if in_part(qt.role, s.text, roles[s.passage])]
    return own if own and own[0].coverage >= support else sentences


def _naming_who(sentences: list[Sentence], asked: str) -> list[Sentence]:
    """"局长是谁": only sentences naming a person; "指挥长由谁担任": only sentences saying who holds that
    post ("指挥长：市人民政府分管…的副市长", "…担任指挥长"), not those that only mention it."""
    if PERSON_QUESTION.search(asked):
        sentences = [s for s in sentences if _names_a_person(s.text)]
    post = POST_QUESTION.search(asked) or POST_AFTER_ASK.search(asked)
    if post:
        # (not 副指挥长 for 指挥长: the deputy's post is another)
        # ("由市长任指挥": 任 right before the post; "由…任现场指挥部指挥长" is another body's post)
        held = re.compile(rf"(?<!副){post.group(1)}\s*(?:[:：]|由|为|是)|(?:担任|兼任)[^，。；]{{0,12}}(?<!副){post.group(1)}"
                          rf"|由[^，。；]{{1,12}}任{post.group(1)}"
                          # "…局长任副指挥，": a post said right after 任 and ending its clause is held
                          rf"|任{post.group(1)}(?=[，,；;。、\s]|$)")
        sentences = [s for s in sentences if held.search(s.text)]
    return sentences


def _names_a_person(text: str) -> bool:
    import jieba.posseg as pseg

    return any(w.flag == "nr" and len(w.word) >= 2 for w in pseg.cut(text))


def _places_said(text: str) -> set[str]:
    """Every name of the places a text says (surface, full and short forms)."""
    from planqa.gazetteer import find_places

    return {x for m in find_places(text, abbreviations=True) for x in (m.surface, m.place.name, m.place.short) if x}


def _names_a_place(text: str, said: set[str]) -> bool:
    """A real place by the gazetteer (柯桥区) or by jieba's place tag (新海镇, 岱山), not a level or a kind
    of area (乡镇, 城镇), nor one of the places already ``said`` (the document's own city, the question's)."""
    import jieba.posseg as pseg

    from planqa.gazetteer import find_places

    return any(m.surface not in said and m.place.name not in said for m in find_places(text)) or any(
        w.flag == "ns" and len(w.word) >= 2 and not w.word.endswith(GENERIC_PLACE_ENDS) and not any(w.word in x for x in said)
        for w in pseg.cut(text))


def asked_unit(question: str) -> str:
    """The unit a 多少/几 question asks for (万元, 人, 公里...), or ''."""
    m = ASKED_UNIT.search(question)
    if m:
        return m.group(1) or m.group(2)
    m = ASKED_MEASURE.search(question)
    if m:
        return MEASURE_OF[m.group(1) or m.group(2)]
    if ASKED_DURATION.search(question) or OFTEN_ASKED.search(question):  # (how often: a span or 每双月)
        return "时长"
    if ASKED_AWARD.search(question):
        return "奖补"
    return "元" if ASKED_MONEY.search(question) else ""


@dataclass(frozen=True)
class NumeralFrame:
    """The set phrase a 几 question asks the numeral of, as the text writes it with its own numeral."""

    pattern: re.Pattern
    asked: str  # the words after 几, as asked ("位一体", "个五年规划", "个责任落地")

    def search(self, text: str) -> str:
        """The phrase with the text's numeral ("五位一体"), quotes dropped; "" when the text does not
        write it: whole, ending where a word of the text ends ("18个部门出台" does not write "个部门出"),
        or up to the quote that closes it (“三个责任” for "几个责任落地")."""
        import jieba

        for m in self.pattern.finditer(text):
            said = re.sub(r"[“”\"]", "", m.group(0))
            if not said.endswith(self.asked):
                if text[m.end():m.end() + 1] in ("”", '"'):
                    return said
                continue
            ends = {end for _, _, end in jieba.tokenize(text[m.start():m.end() + 6])}
            if m.end() - m.start() in ends or m.end() == len(text):
                return said
        return ""


@lru_cache(maxsize=256)  # (read once per question: the gate, the answer and its key figure all ask)
def numeral_frame(question: str) -> NumeralFrame | None:
    """The set phrase a 几 question asks the numeral of ("几位一体" -> 五位一体, "第几个五年规划" ->
    第一个五年规划); None when 几 only counts (几条, 几级)."""
    m = ASKED_NUMERAL_FRAME.search(question)
    asked = m.group(2) if m else ""
    if not m and (m := ASKED_NUMERAL_RUN.search(question)):  # the counter and the nouns after it
        # (x: a word the index taught jieba, a term of the documents)
        import jieba.posseg
        words = jieba.posseg.lcut(m.group(2)[1:])
        noun = "".join(w.word for w in itertools.takewhile(lambda w: w.flag[0] in "nbjx" or w.flag == "vn", words))
        asked = m.group(2)[0] + (noun or words[0].word)
    if not m or len(asked) < (1 if m.group(1) else 2) or asked in ("条", "款", "项", "章", "节"):
        return None  # ("第几次": an ordinal, written with 第 and its counter, "第十二次"; 第几条 is the article's own)
    # (a quote may open or close inside the asker's phrase: "几位一体改革" is “三位一体”改革)
    q = "[“”\"]?"
    head = re.escape(asked[0]) + (q + re.escape(asked[1]) if len(asked) > 1 else "")
    rest = "".join(f"(?:{q}{re.escape(c)}" for c in asked[2:]) + ")?" * len(asked[2:])
    return NumeralFrame(re.compile((m.group(1) or "") + NUMERAL + head + rest), asked)


def _count_figure(text: str) -> bool:
    """A figure that counts things: one that is not a span of time or a frequency ("每两个月"), nor
    part of a quoted name (“1+2+3”安全风险管控制度)."""
    return has_figure(TIME_SPAN.sub("", re.sub(r"“[^”]{0,16}”", "", text)))


def gives_span(text: str) -> bool:
    """Does the text give a span of time or a frequency ("三十日内", "每季度", "每班") — what "多久" asks?"""
    return bool(TIME_SPAN.search(YEAR_OR_DATE.sub("", text)))


def _counts_in_a_clause(text: str, counted: list[str], qt: QueryTerms) -> bool:
    """Does a clause of the sentence give a figure and name what is counted (or write it abbreviated)?"""
    return any(has_figure(c) and (any(qt.mentions(t, c) for t in counted) or _abbreviated_in("".join(counted), c))
               for c in CLAUSE_SPLIT.split(text))


def condition_negated(text: str, question: str, qt: QueryTerms) -> bool:
    """Does the text name a condition of the question only negated ("未引起森林火灾的" for "引起森林火灾的"),
    while the question does not negate it? Then its figure answers the opposite case."""
    for t in qt.terms:
        # (the question negates it in its own words: "逾期还不改" for 未改正, "没及时报" for 未报告)
        if len(t) < 2 or t not in text or re.search(ASKED_NEGATED_BEFORE + r"[\u4e00-\u9fff]{0,2}?" + re.escape(t[0]), question):
            continue
        if len(re.findall(NEGATED_BEFORE + re.escape(t), text)) == text.count(t):
            return True
    return False


def _abbreviated_in(term: str, text: str) -> bool:
    """Does the text write the term abbreviated ("专委会" for 专业委员会, "安委会" for 安全生产委员会)?"""
    return len(term) >= 4 and next(abbreviations_in(term, text), None) is not None


def counted_terms(question: str, qt: QueryTerms) -> list[str]:
    """The nouns of what a 多少/几 + classifier question counts ("多少个应急避难场所" → 场所;
    "多少家企业买保险" → 企业, 保险): a figure counts it only where one of them is written; [] when the
    question counts nothing so."""
    import jieba.posseg as pseg

    m = COUNTED_OBJECT.search(question)
    if not m:
        return []
    kinds = ("n", "vn", "v") if m.group(1) else ("n",)
    return [w.word for w in pseg.cut(m.group(2)) if w.flag.startswith(kinds) and len(w.word) >= 2
            and w.word in qt.terms]


def named_thing(question: str) -> str:
    """The name a "what does X cover" question asks about ("“三场所三企业”具体指哪些"): a quoted or
    counted name directly followed by the question of what it covers; "" for any other question."""
    for m in re.finditer(r"[“\"「『]([^”\"」』]{2,16})[”\"」』]", question):
        rest = question[m.end():]
        # (or after the head noun the name qualifies: "“三位一体”专项执法，到底是哪三样")
        # (and a recap of it: "“四个一”说安全，这四个“一”具体是指哪四项")
        # (or by the name itself: "“三项制度”落实，那三项制度具体叫啥")
        headed = re.match(r"[\u4e00-\u9fff]{1,8}[，,]\s*(?:[这那][\d一二三四五六七八九十两几]*[个项条种类样]?(?:“[^”]{1,8}”)?)?", rest)
        if DEFINE_QUESTION.match(rest.lstrip("的 ，,")) or headed and DEFINE_QUESTION.match(
                _recap_dropped(rest[headed.end():], m.group(1))):
            return m.group(1)
    starts = [m.start() for rx in (COUNTED_NAME, COUNTED_NAME_DIGITS) for m in rx.finditer(question)]
    for start in dict.fromkeys(starts):  # unquoted, the name ends where the question of it begins
        for end in range(start + 2, min(len(question), start + 12) + 1):
            name = question[start:end]
            if (COUNTED_NAME.fullmatch(name) or COUNTED_NAME_LONG.fullmatch(name) or COUNTED_NAME_DIGITS.fullmatch(name)) \
                    and not name.startswith(tuple(FIVE_YEAR_START)) \
                    and DEFINE_QUESTION.match(question[end:].lstrip("的 ，,")):
                return name
    return ""


def _recap_dropped(rest: str, name: str) -> str:
    """``rest`` without a recap of ``name`` it opens with ("三项制度具体叫啥" → "具体叫啥"; after "这四",
    "碰头具体是哪四样" → "具体是哪四样")."""
    for cut in range(len(name)):
        if len(name) - cut >= 2 and rest.startswith(name[cut:]):
            return rest[len(name) - cut:]
    return rest


def defines(sentence: str, thing: str) -> bool:
    """Does the sentence say what ``thing`` covers ("X：…", "X(…)", "X，即…", "X包括…", "…等X")?"""
    at = sentence.find(thing)
    if at < 0:
        return False
    after = sentence[at + len(thing):]
    if DEFINITION_AFTER.match(after):
        return True
    before = sentence[max(0, at - 60):at]
    # "燃气经营、餐饮…、燃气管道等5个领域" / "…、…等三场所": an enumeration ending in the name;
    # "遵循“快速隔离,科学处置,有效沟通,平稳善后”四个基本原则": a quoted series right before it
    return bool(re.search(r"、[^、，。；]{1,12}(?:等|这|共)[”“\"]?$", before)
                or re.search(r"“[^”“]*[,，、][^”“]*[,，、][^”“]*”$", before))


@dataclass
class Evidence:
    """What every answer function gets: the question, its scored sentences and the passages."""

    question: str
    kind: Kind
    passages: list[Passage]
    qt: QueryTerms
    sentences: list[Sentence]
    floor: float  # the coverage a sentence needs to stand beside the best one
    weights: Weights
    compare_groups: dict[str, list[int]] | None = None
    named_document: bool = False  # the question names its document(s): its words are a paraphrase of them
    clause: str = ""  # the clause asked, when the question has several


def _gate(d: Draft, question: str, kind: Kind, passages: list[Passage], qt: QueryTerms,
          w: Weights, named_document: bool = False, clause: str = "") -> list[Sentence] | None:
    """The sentences that may answer, best first; None (and ``d.refused``) when none may."""
    # a compare question's parts are ranked for what each is asked ("归哪个部门管": who, in each)
    sentences = score_sentences(passages, qt, inner_kind(question) if kind == Kind.COMPARE else kind, w)
    asked = clause or question  # "…多少人？粮食增产了多少？": the second clause asks no 人
    sentences = _naming_who(sentences, asked)
    placed = _of_the_place_asked(sentences, passages, asked, kind)
    if sentences and not placed:  # "嵊州那年…" of 绍兴's plan, which never names 嵊州
        d.reason = "文件没有单独写到所问的区、县（市），只有上一级的内容"
    sentences = placed
    if PLACE_LEVEL_ASKED.search(asked):  # "建在哪个镇": only a sentence naming a place answers
        known = {r: _places_said(r + asked) for r in {p.chunk.meta.region for p in passages}}
        sentences = [s for s in sentences if _names_a_place(s.text, known[passages[s.passage].chunk.meta.region])]
    # a question that names its document ("按防洪法…") has fixed the topic: its other words are the
    # asker's paraphrase of one of that document's provisions
    support = w.named_document_support if named_document else w.support
    if kind == Kind.COMPARE and (named_document or qt.anchor and any(
            qt.mentions(qt.anchor, p.chunk.text + p.chunk.section) for p in passages)):
        support *= w.compare_support  # each compared part is held to the bar its own line will be
        # (when the question's topic is one the passages name: not 核电站, which no plan writes)
    # (the anchor is the question's weightiest word; another as weighty, named, names the topic too:
    # "仓库里的监控化学品丢了" is about 丢失 as much as about 仓库)
    # (or a word meaning it in every sense: "消耗的物资" where the law writes 损耗的物资)
    peers = _peer_terms(qt, qt.anchor, 1.0)
    meaning = sure_synonyms(qt.anchor) if qt.anchor else ()
    if qt.anchor and kind != Kind.COMPARE and not any(
            qt.mentions(qt.anchor, p.chunk.text + p.chunk.section + _law_title(p))
            or any(x in p.chunk.text for x in meaning)
            or any(qt.present(t, p.chunk.text) for t in peers) for p in passages):
        # no passage found names the question's topic (绍兴's plan has no 燃气): the rest of the
        # question must be said almost whole, or they answer another question — except a figure asked
        # for, which is held to its figure instead (in the unit asked, counting what is asked, below):
        # "几个专业小组" is answered by 13个专委会, while a figure the text never gives finds none
        if kind != Kind.NUMBER:
            support = max(support, w.anchorless_support)
        d.reason = f"检索到的段落都没有提到“{qt.anchor}”"
    elif sentences and sentences[0].coverage < support and _retrievers_agree(passages, w.agreed_margin, w.agreed_dense_tie):
        # both rankings put one passage clearly first: its own best sentence may answer in other words
        sentences = [s for s in sentences if s.passage == 0] or sentences
        support = min(support, w.agreed_support)
    sentences = _in_the_part_asked(sentences, passages, qt, support)
    sentences = _saying_the_anchor(sentences, passages, qt, support)
    sentences = _not_yet_quoted(sentences, qt, support)
    unit = _number_unit(asked, qt) if kind == Kind.NUMBER else ""
    figure = has_figure
    if unit == "时长":  # "多久": a span of time or a frequency answers ("三十日内", "每季度"), not a count
        figure = _span_or_deferred(FREQUENCY_ASKED.search(asked) is not None)
        sentences = [s for s in sentences if not has_figure(s.text) or figure(s.text)]
        period = ASKED_PERIOD.search(asked)
        if period:  # "有效期是多长": a span that is not the validity period's answers another question
            sentences = [s for s in sentences if not has_figure(s.text) or period.group(1) in s.text]
    elif unit:  # "多少亿元": only a figure in that unit answers
        form = SAME_UNIT.get(unit, re.escape(unit))
        if unit == "元" and qt.wants_penalty:  # a fine is an amount or a multiple ("违法所得一倍以上五倍以下")
            form = f"(?:{form}|倍)"
        # (an approximate figure puts 余/多 before its unit: "197万余人次", "10多个")
        sentences = [s for s in sentences if not has_figure(s.text)
                     # (a unit run into a percent sign, "0.057元%" of a flattened table, is not the figure's)
                     or re.search(rf"[\d一二三四五六七八九十百千万.]\s*[余多]?\s*(?:{form})(?![%％])", s.text)]
    frame = numeral_frame(asked) if kind == Kind.NUMBER else None
    # "几位一体": the set phrase written with its numeral gives the figure ("五位一体"), whatever the
    # figure filters below make of a numeral inside a name
    framed = [s for s in sentences if s.coverage >= support and frame.search(s.text)] if frame else []
    figure = _or_frame(figure, frame)
    if kind == Kind.NUMBER:  # a figure for the negated case ("未引起…的") is not the asked case's
        sentences = [s for s in sentences if not has_figure(s.text) or any(
            has_figure(part) and not condition_negated(part, asked, qt) for part in re.split(r"[；;]", s.text))]
    counted = counted_terms(asked, qt) if kind == Kind.NUMBER and unit != "时长" else []
    if counted:  # "多少个应急避难场所": a figure that does not count 避难场所 does not answer — one in
        # another clause counts something else ("建立…储备库,通过…四个维度": 维度, not 储备库); where the
        # asker counts in a word no retrieved passage writes (几个专业小组), the text names it otherwise:
        # the sentence naming some of it is all that can be asked
        own_clause = all(any(qt.mentions(t, p.chunk.text) for p in passages) for t in counted)
        sentences = [s for s in sentences if not has_figure(s.text) or any(qt.mentions(t, s.text) for t in counted)
                     and (not own_clause or _counts_in_a_clause(s.text, counted, qt))]
    figure = _or_sized_set(figure, counted or _counted_before(asked, qt) if kind == Kind.NUMBER else [])
    rate = ASKED_RATE.search(asked) if kind == Kind.NUMBER else None
    if rate:  # "每平方米收多少钱": a figure that is not per square metre does not answer
        per = re.escape(rate.group(1))
        sentences = [s for s in sentences if not has_figure(s.text) or re.search(rf"每(?:个|一)?{per}|/{per}", s.text)]
    if kind == Kind.NUMBER and not qt.wants_penalty and CHARGE_QUESTION.search(asked):
        # "救护车出一趟车收多少钱": a fine for misusing the ambulance is no charge for it
        sentences = [s for s in sentences if not (has_figure(s.text) and re.search(r"罚款|罚金", s.text))]
    if qt.wants_penalty and sentences and not PENALTY_SENTENCE.search(sentences[0].text):
        # "怎么罚": the duty's own provision says most of the question, but the answer is the provision
        # of the same law that imposes the penalty for breaking it (its words are fewer: "未按照本条例
        # 规定实施现场安全管理的")
        doc, duty = passages[sentences[0].passage].chunk.doc, passages[sentences[0].passage].chunk.article

        def punishes_another(text: str) -> bool:  # "违反本条例第十六条第四项规定…": another duty's penalty
            cited = {f"第{n}条" for n in OWN_ARTICLE_REF.findall(text)}
            return bool(duty and cited and duty not in cited)

        pen = [s for s in sentences if PENALTY_SENTENCE.search(s.text) and passages[s.passage].chunk.doc == doc
               and s.coverage >= w.penalty_support * sentences[0].coverage and not punishes_another(s.text)]
        if pen:
            sentences = pen + [s for s in sentences if s not in pen]
            support = min(support, pen[0].coverage)
    one_year = list(re.finditer(r"((?:19|20)\d{2})\s*年(?!底|末|前|以前|之前|内)", asked))
    if len(one_year) == 1 and not FIVE_YEAR_ASKED.search(asked) \
            and not TARGET_YEAR_BEFORE.search(asked[:one_year[0].start()]):
        # "2025年…降了多少": a figure of five years ("比“十三五”时期下降") is not that year's
        sentences = [s for s in sentences if not FIVE_YEAR_SPAN.search(s.text)] or sentences
    elif PAST_FIVE_YEARS.search(asked):
        five = [s for s in sentences[:8] if FIVE_YEAR_SPAN.search(s.text)
                and s.coverage >= w.five_year_support * sentences[0].coverage]
        sentences = five + [s for s in sentences if s not in five]
    if TARGET_QUESTION.search(question):  # "今年…目标定了多少": a review of the past year does not answer
        review = {i for i, p in enumerate(passages)
                  if section_role(p.chunk.section, p.chunk.text, p.chunk.meta.doc_type) == ACHIEVEMENT}
        sentences = [s for s in sentences if s.passage not in review and not REVIEW_SENTENCE.search(s.text)]
    if kind == Kind.DEADLINE:  # "几月", "什么时候": only a sentence with a date or a time answers
        occasion = bool(OCCASION_ASKED.search(asked))

        def figure(text: str) -> bool:
            return bool(DATE_MARK.search(text) or TIME_SPAN.search(text) or occasion and OCCASION.search(text))
        if CLOCK_QUESTION.search(asked):  # "每天几点到几点": a clock time, not a date or a span
            sentences = [s for s in sentences if CLOCK_TIME.search(s.text)]
    sentences = framed + [s for s in sentences if s not in framed]
    if kind in (Kind.NUMBER, Kind.DEADLINE) and sentences and not any(
            figure(s.text) for s in sentences[:5] if s.coverage >= support):
        sentences = _figure_follows(sentences, support, figure, w, passages) or sentences
    if sentences and sentences[0].coverage < support:
        # the sentence the kind prefers (naming the bodies, the figure) may say less of the question than
        # its neighbour in the same passage: the passage says it, and that sentence is its answer
        sibling = max((x.coverage for x in sentences[1:6] if x.passage == sentences[0].passage), default=0.0)
        if sibling >= support and sentences[0].coverage >= w.sibling_share * sibling:
            support = sentences[0].coverage
    if not sentences or sentences[0].coverage < support or (
            kind in (Kind.NUMBER, Kind.DEADLINE) and not any(figure(s.text) for s in sentences[:5]
                                                            if s.coverage >= support)):
        d.refused = True
        return None

    d.reason = ""
    return sentences


def _peer_terms(qt: QueryTerms, anchor: str, share: float) -> list[str]:
    """The question's other words weighing at least ``share`` of the anchor's: they name its topic too."""
    top = qt.terms.get(anchor, 0.0)
    return [t for t, w in qt.terms.items() if t != anchor and top and w >= share * top]


def _span_or_deferred(frequency: bool):
    """What answers "多久": a span of time or a frequency ("三十日内", "每季度"), or the provision that
    leaves it to another text ("演练的周期应当在预案中明确规定"); and where how often is asked, one that
    makes it periodic ("定期组织预案演练")."""
    def figure(text: str) -> bool:
        return gives_span(text) or bool(DEFERRED_SPAN.search(text)) or frequency and bool(PERIODIC.search(text))
    return figure


def _counted_before(question: str, qt: QueryTerms) -> list[str]:
    """"支持先行先试的新城一共有几个": the noun counted, said before the count (→ 新城)."""
    import jieba.posseg as pseg

    m = re.search(r"(?:一共|总共|共|总计|合计)?(?:有|是)?(?:几|多少)个[？?吗呢]*$", question)
    if not m:
        return []
    words = [w for w in pseg.cut(question[max(0, m.start() - 8):m.start()]) if w.word.strip()]
    last = words[-1] if words else None
    return [last.word] if last and last.flag.startswith("n") and last.word in qt.terms else []


def _or_sized_set(figure, counted: list[str]):
    """"新城一共有几个" is answered by "五大新城": a set named by its size (四大行动, 三大体系) counts the
    thing it names, with no counter."""
    if not counted:
        return figure
    sized = re.compile(r"[两二三四五六七八九十]+大(?:" + "|".join(map(re.escape, counted)) + ")")
    return lambda text: figure(text) or bool(sized.search(text))


def _or_frame(figure, frame: NumeralFrame | None):
    return (lambda text: figure(text) or bool(frame.search(text))) if frame else figure


def _number_unit(asked: str, qt: QueryTerms) -> str:
    """The unit a figure must be in: the one asked, or money for a charge ("收费标准是多少" is not
    answered by "每年检测一次")."""
    unit = asked_unit(asked)
    if not unit and CHARGE_QUESTION.search(asked) and not qt.wants_penalty:
        return "元"
    return unit


def _figure_follows(sentences: list[Sentence], support: float, figure, w: Weights,
                    passages: list[Passage]) -> list[Sentence] | None:
    """"加快…县级应急指挥中心建设。…督促…确保3月底前完成": an item's figure or date may come a sentence or
    two later, going on about the same task (it names some of the question's words itself); that
    sentence answers, ranked as the one it follows. So may a sub-item of the item ("17.…开展“精准执法年”
    专项行动。" then "③开展4项专项执法行动"), held in a passage of its own under the item's heading.
    None when no covering sentence is so followed."""
    for s in [s for s in sentences[:3] if s.coverage >= support]:
        after = sorted((x for x in sentences if x.passage == s.passage and x.start >= s.end), key=lambda x: x.start)
        nxt = next((x for i, x in enumerate(after[:2])  # (the next sentence, or the one after it)
                    if figure(x.text) and (x.coverage >= w.conjunct_support or i == 0 and _goes_on(s.text, x.text))),
                   None)
        own = passages[s.passage].chunk
        if nxt is None and own.section:  # (a sub-item's passage, under the item's heading)
            nxt = max((x for x in sentences if x.passage != s.passage and figure(x.text)
                       and x.coverage >= w.conjunct_support and passages[x.passage].chunk.doc == own.doc
                       and passages[x.passage].chunk.section.startswith(own.section + " > ")),
                      key=lambda x: x.coverage, default=None)
        if nxt is not None:
            lifted = replace(nxt, score=s.score, coverage=s.coverage)
            return [lifted] + [x for x in sentences if x != nxt]
    return None


def _goes_on(sentence: str, nxt: str) -> bool:
    """"…应当征求地震工作主管部门的意见。地震工作主管部门应当自收到材料之日起15日内提出意见": the next
    sentence's subject is a body the sentence has just named — the provision goes on about it."""
    m = GOES_ON_SUBJECT.match(nxt)
    return bool(m) and len(m.group(1)) >= 4 and m.group(1) in sentence


def _saying_the_anchor(sentences: list[Sentence], passages: list[Passage], qt: QueryTerms,
                       support: float) -> list[Sentence]:
    """"…创建安全发展示范城市，明查暗访由谁来开展": the first item carries its heading ("12.深入开展安全发展
    示范城市创建。①…"), whose words are every sibling's; the question's most telling word picks the item —
    a sibling saying it, and as much of the question, comes first (which sentence answers, never whether)."""
    if not sentences or not qt.anchor or qt.present(qt.anchor, sentences[0].text) or sentences[0].coverage < support:
        return sentences
    top = sentences[0]
    heading = passages[top.passage].chunk.section.rsplit(" > ", 1)[-1].strip()
    if len(strip_marker(heading)) < 4 or ARTICLE_START.match(heading) or not top.text.startswith(heading):
        return sentences  # (a law's "第十九条" is a number, not a heading of words)
    for s in sentences[1:]:
        if s.passage == top.passage and s.coverage >= top.coverage and qt.present(qt.anchor, s.text):
            return [replace(s, score=top.score)] + [x for x in sentences if x is not s]
    return sentences


def _not_yet_quoted(sentences: list[Sentence], qt: QueryTerms, support: float) -> list[Sentence]:
    """A later clause asks something the earlier ones did not: when its best sentence is one already
    quoted for them, a sentence not yet quoted that says this clause better comes first (one saying it
    only as well does not: the quoted sentence may answer both, "…由谁跟踪检查？评估结果报给谁？")."""
    def quoted(text: str) -> bool:  # (a quote may hold several sentences: an article's head with its items)
        return any(text in q for q in qt.answered)

    if not sentences or not quoted(sentences[0].text):
        return sentences
    fresh = [s for s in sentences if not quoted(s.text)]
    if not fresh or fresh[0].coverage < support or fresh[0].coverage <= sentences[0].coverage:
        return sentences
    return fresh + [s for s in sentences if quoted(s.text)]


def _retrievers_agree(passages: list[Passage], margin: float, dense_tie: float = 0.0) -> bool:
    """Do BM25 and dense search both rank the first passage first, well ahead of the second?"""
    if len(passages) < 2 or not passages[0].score:
        return False
    first = passages[0].sources
    for source, tie in (("bm25", 0.0), ("dense", dense_tie)):
        if source not in first or any(p.sources.get(source, 0.0) > first[source] + tie for p in passages[1:]):
            return False
    return passages[1].score <= margin * passages[0].score


def _answer_partial(d: Draft, ev: Evidence) -> bool:
    """"“三场所三企业”具体指哪些": the plan uses the name without saying what it covers — say exactly that."""
    thing = named_thing(ev.question)
    if not thing or ev.kind == Kind.COMPARE:
        return False
    # (a name the source damaged still names it: "“四碰□”"; a counted one may drop its modifiers or be
    # spaced, "42个预案" for 42个应急预案, "25 项执法检查重点事项")
    counted = re.match(r"(\d+)([个项条类种家支])", thing)
    loose = re.compile(rf"{counted.group(1)}\s*{counted.group(2)}[\u4e00-\u9fff]{{0,6}}?{re.escape(thing[-2:])}") \
        if counted else None

    def said_at(text: str) -> int:  # where the sentence names it (0 when only loosely), else -1
        found = text.find(thing)
        if found < 0 and loose is not None and (m := loose.search(text)):
            found = m.start()
        return found if found >= 0 or not ev.qt.present_loosely(thing, text) else 0

    holding = [x for x in ev.sentences if said_at(x.text) >= 0]

    def lists_it(x: Sentence) -> bool:
        # after "①推动13个专委会分别制定…方案。" come its siblings (②…), not the committees: items of the
        # rank of the item the name stands in are not its own ("一是健全三大体系：①…" lists them)
        found = _with_enumeration(x, ev.passages)
        if len(found) > 1:  # its list runs on into the next passage
            follow = found[1].text
        elif found[0].end > x.end:
            follow = ev.passages[x.passage].chunk.text[x.end:found[0].end]
        else:
            return False
        own = _marker_kind(x.text[:said_at(x.text)])
        theirs = _marker_kind(follow.lstrip()[:4], first=True)
        # (the item's own sentences running on, unmarked, list nothing: "…25项执法检查重点事项,年底前实现
        # 重点事项清零。全面应用…")
        return theirs is not None and (own is None or own != theirs) or own is None and x.text.rstrip().endswith(("：", ":"))

    if not holding or any(defines(x.text, thing) or lists_it(x) for x in holding):
        return False
    s = holding[0]
    d.partial = True
    d.lines.append(f"文件提到“{thing}”，但未列明其具体所指。{d.cite(s)}")
    d.lines.append(f"{_doc_label(ev.passages[s.passage])}：{s.text}{d.cite(s)}")
    return True


def _marker_kind(text: str, first: bool = False) -> int | None:
    """The rank of the last heading marker in ``text`` (①, 一是, (一), 1. — the grammar ingest parses
    with), or of the one it starts with; None when there is none."""
    from ingest.structure import match_marker

    for pos in ([0] if first else range(len(text) - 1, -1, -1)):
        if pos and text[pos - 1].isdigit():  # "13、" inside "12、13" is no marker
            continue
        hit = match_marker(text, pos)
        if hit:
            return hit[0]
    return None


def answer_compare(d: Draft, ev: Evidence) -> None:
    """One line per compared region, each from that region's own passages (or saying it has none)."""
    if not ev.compare_groups:
        answer_sentences(d, ev)
        return
    # versions of a named law, or named documents, compared: each needs what one named document needs
    bar = (ev.weights.named_document_support if ev.named_document else ev.weights.support) * ev.weights.compare_support
    # the topic one compared document's passages name and another's never do: that one does not say it
    # (the 2022 revision has no 学时 rule: its line must not borrow a sentence about 培训)
    anchor = ev.qt.anchor
    if anchor and any(re.search(rf"{re.escape(label)}.{{0,2}}{re.escape(anchor)}", ev.question) for label in ev.compare_groups):
        anchor = ""  # "北京五环内、上海外环内": a word said of one compared part only is not the shared topic
    # (a place noun says where, not what: one text's 禁放地点 is another's 禁止燃放…的区域)
    forms = PLACE_KIND if anchor in PLACE_KIND else (anchor,)
    # (a question may give each compared part a topic of its own, "防大暴雨、路上积水", "燃气设施保护范围和
    # 渡口水域保护范围": a word nearly as weighty as the anchor, named, names the topic too)
    peers = _peer_terms(ev.qt, anchor, ev.weights.compare_peer)

    def names_topic(text: str) -> bool:
        return any(ev.qt.mentions(f, text) for f in forms) or any(ev.qt.present(t, text) for t in peers)

    named = {label: any(names_topic(ev.passages[i].chunk.text) for i in idxs) if anchor else True
             for label, idxs in ev.compare_groups.items()}
    groups = {label: [s for s in ev.sentences if s.passage in idxs and (named[label] or not any(named.values()))]
              for label, idxs in ev.compare_groups.items()}
    # the asker words a compare question after one document ("鼓励群众举报" is 南通's): another's line
    # says the same topic in its own words, so a sentence naming the topic is held to a share of the
    # best line's coverage, not to the words of the document the question copied
    top = max((g[0].coverage for g in groups.values() if g), default=0.0)
    for label, group in groups.items():
        if group and group[0].coverage < bar and top >= bar and (anchor or peers) and names_topic(group[0].text) \
                and group[0].coverage >= ev.weights.compare_relative * top:
            groups[label] = [replace(group[0], coverage=bar)] + group[1:]
    answered = [g[0].text for g in groups.values() if g and g[0].coverage >= bar]
    # "这几份里哪几份有提到…": whether each document says the topic is the question — only its own words
    # answer (no parallel wording), and a line that does not name the topic says it is not there
    literal = bool(ACROSS_DOCUMENTS.search(ev.question)) and bool(anchor or peers)
    for label, idxs in ev.compare_groups.items():
        group = groups[label]
        if not idxs:
            d.lines.append(f"{label}：库中没有该地区的文件。")
            continue
        if literal and group and not names_topic(group[0].text):
            group = []
        if not group or group[0].coverage < bar:
            same = _same_article(label, idxs, d, ev)
            parallel = None if same or literal else _parallel_sentence(idxs, answered, ev)
            if parallel:
                group = [replace(parallel, coverage=bar)]
            else:
                d.lines.append(f"{label}（{_doc_label(ev.passages[same.passage])}，与另一版本同条，未用所问的说法）："
                               f"{same.text}{d.cite(same)}" if same else f"{label}：文件中未找到相关内容。")
                continue
        s = _heading_saying(group, bar, ev.qt) or group[0]
        # "各提的是啥理念": a name asked by its category (理念, 口号, 模式…: the text writes the name with it,
        # "树立“隐患就是事故”理念"), from one of the group's sentences that says the topic too and names the
        # category, before one that says the topic only ("什么机制" asks no name: any sentence may answer)
        what = WHAT_NOUN.search(ev.question)
        if what and what.group(1)[-2:] in CATEGORY and what.group(1)[-2:] not in s.text:
            s = next((x for x in group if what.group(1)[-2:] in x.text and x.coverage >= bar), s)
        # "各要修多少个预案": the sentence with the figure, if one is near; "高火险期有什么不同": the dates
        need = _needs(inner_kind(ev.question))
        figure_too = None
        if need:
            s = next((x for x in group if need(x.text)
                      and x.coverage >= bar), s)
            if not need(s.text):
                # the region's figure may be written with other words (修编 for 修订): its best sentence
                # that gives one is said beside the one that says the topic, not instead of it
                figure_too = next((x for x in group if need(x.text) and x.coverage >= ev.weights.conjunct_support),
                                  None)
        if re.search(r"[：:]$", s.text):  # "应当按照下列规定设置…：" is said with its items
            s = _with_enumeration(s, ev.passages)[0]
        elif not need and len(strip_marker(s.text.split("\n")[-1])) <= TOPIC_SENTENCE_MAX:
            # "6.强化森林防灭火工作。", a heading alone, is said with what its paragraph does about it
            s = _with_topic_paragraph(s, ev.passages)
        source = _doc_label(ev.passages[s.passage])
        whole = _short_article(ev.passages[s.passage], ev.weights.compare_article)
        if whole and s.text in whole:  # a law's short article is said whole: its other 款 are part of the answer
            d.cite(s)
            s = replace(s, text=whole)
        # a document compared by name is its own label: 《安全生产法》（2021年修正）第五条, said once
        bare = label.strip("《》")
        head = source if bare == ev.passages[s.passage].chunk.meta.title or f"《{bare}》" in source \
            else f"{label}（{source}）"
        # the item's next sentence that says the topic too goes on with what the region does ("(五)加强应急
        # 通信系统建设…" then "…加快打造覆盖全区的应急无线通信指挥平台"); a figure or date asked is one sentence
        more = None if need or whole else next(
            (x for x in group[1:4] if x.passage == s.passage and x.start >= s.end and x.coverage >= bar), None)
        d.lines.append(f"{head}：{s.text}{d.cite(s)}" + (f" {figure_too.text}{d.cite(figure_too)}" if figure_too else "")
                       + (f"{more.text}{d.cite(more)}" if more else ""))


def _heading_saying(group: list[Sentence], bar: float, qt: QueryTerms) -> Sentence | None:
    """An item's heading that says, in its own words, the question's terms as fully as the part's best
    sentence does ("一是建立完善应急指挥制度。"): the item under it is where that document treats the
    topic, a passing mention elsewhere is not (its paragraph is said with it, _with_topic_paragraph).
    (A sentence's coverage counts its headings' words too: here only the heading line's own count.)"""
    if not group or group[0].coverage < bar:
        return None
    total = sum(qt.terms.values())
    if total < 1.0:  # (words as common as 应急 say no topic: no heading says it better than another)
        return None

    def said(text: str) -> float:
        return sum(w for t, w in qt.terms.items() if w > 0 and qt.present(t, text)) / total

    best = said(group[0].text)
    for x in group[1:6]:
        line = x.text.split("\n")[-1]
        if x.coverage >= group[0].coverage and HEADING_PREFIX.match(line) \
                and len(strip_marker(line).rstrip("。")) <= TOPIC_SENTENCE_MAX and max(best, bar) <= said(line):
            return x
    return None


def _parallel_sentence(idxs: list[int], answered: list[str], ev: Evidence) -> Sentence | None:
    """A compared part none of whose sentences says enough of the question's words: its sentence worded
    like another part's answer ("查找党支部建设差距" ↔ "推进支部标准化规范化建设"). Compared documents
    answer one question in parallel words; the other answers are feedback on what to look for (pseudo-
    relevance feedback). The sentence must still say some of the question, and share this much of the
    answers' distinctive character pairs (weighted by rarity among the compared passages' sentences)."""
    if not answered or not ev.weights.compare_parallel:
        return None
    pool = [x for x in ev.sentences if any(x.passage in g for g in ev.compare_groups.values())]
    df: dict[str, int] = {}
    for x in pool:
        for g in _pairs(x.text):
            df[g] = df.get(g, 0) + 1
    n = len(pool) + 1

    def weight(g: str) -> float:
        return math.log(n / (1 + df.get(g, 0))) if df.get(g, 0) < n - 1 else 0.0

    targets = [_pairs(a) for a in answered]
    best, best_share = None, 0.0
    for x in (x for x in pool if x.passage in idxs and x.coverage > 0):
        mine = _pairs(x.text)
        share = max(sum(weight(g) for g in t & mine) / (sum(weight(g) for g in t) or 1.0) for t in targets)
        if share > best_share:
            best, best_share = x, share
    return best if best_share >= ev.weights.compare_parallel else None


def _pairs(text: str) -> set[str]:
    """A sentence's character pairs within its words: its item marker, punctuation and figures say
    nothing of its topic."""
    return {g for g in char_bigrams(re.sub(r"[^\u4e00-\u9fff]+", "|", strip_marker(text))) if "|" not in g}


def _law_title(p: Passage) -> str:
    """A law's title names the topic of every one of its articles (河道管理条例 第四十六条 is about 河道)."""
    return p.chunk.meta.title if p.chunk.meta.doc_type in STATED_SUBJECT_TYPES else ""


def _with_continuation(s: Sentence, ev: Evidence) -> list[Sentence]:
    """"…建设至少一支市级专业救援队伍。同时,报请市政府出台《…管理办法》": a sentence that opens with a
    connective (同时, 此外, 并…) goes on with the same matter; it is said with the one before it when it
    names some of what was asked."""
    text = ev.passages[s.passage].chunk.text
    nxt = next((x for x in ev.sentences if x.passage == s.passage and x.start >= s.end
                and not text[s.end:x.start].strip()), None)
    if nxt is None or not CONTINUES.match(nxt.text) or nxt.coverage < ev.weights.conjunct_support:
        return [s]
    return [s, nxt]


def _short_article(p: Passage, limit: int) -> str:
    """The whole text of the article a passage holds, when the passage is that whole article and it is
    short ("第三条 本法规定的传染病是指…。\n\n检疫传染病，是指鼠疫…"); "" otherwise."""
    text = p.chunk.text.strip()
    if not p.chunk.article or not text.startswith(p.chunk.article) or len(text) > limit:
        return ""
    return re.sub(r"\n\s*\n", "", text)


def _same_article(label: str, idxs: list[int], d: Draft, ev: Evidence) -> Sentence | None:
    """Versions compared, this one saying nothing in the question's words: the first sentence of the
    article another version answered from, when this version has an article of that number (a
    revision renames a term in place: 低收入困难家庭 → 最低生活保障边缘家庭, both 第十一条)."""
    if not label.endswith("版") or not d.used:
        return None
    answered = ev.passages[d.used[0]].chunk.article
    own = [i for i in idxs if answered and ev.passages[i].chunk.article == answered]
    if not own:
        return None
    # …and only when it is that provision revised, not another one the renumbering put there
    said = ev.passages[d.used[0]].chunk.text
    if _bigram_share(said, ev.passages[own[0]].chunk.text) < ev.weights.same_provision:
        return None
    return min((x for x in ev.sentences if x.passage == own[0]), key=lambda x: x.start, default=None)


def _bigram_share(a: str, b: str) -> float:
    """The share of ``a``'s character bigrams that ``b`` has too."""
    grams = char_bigrams(a)
    return len(grams & char_bigrams(b)) / max(len(grams), 1)


def _same_body(who: str, body: str) -> bool:
    """Whether the leader said ("由专业委员会负责") is the body asked about (…特种设备专业委员会)."""
    said = re.sub(r"^由|负责$", "", who)
    if not said or "（" in said:
        return False
    # (a committee is also written by its short form: 专业委员会 / 专委会)
    said, body = (re.sub(r"专业委员会", "专委会", x) for x in (said, body))
    short, long_ = sorted((said, body), key=len)
    return len(short) >= 2 and long_.endswith(short)


def answer_lead(d: Draft, ev: Evidence) -> None:
    """Who leads, per document: the sentence's own subject, else the issuing body (a work plan's
    sentences have none), with the coordinating bodies the same passage names."""
    by_doc: dict[str, list[Sentence]] = {}
    ranked = ev.sentences
    if "全国" in (ev.clause or ev.question):  # "全国的…归哪个部门指导": the national level's sentence, not
        # the local bodies' beside it, where it says as much of the question
        best = {}
        for x in ranked:
            best[x.passage] = max(best.get(x.passage, 0.0), x.coverage)
        ranked = sorted(ranked, key=lambda x: not ("全国" in x.text and x.coverage >= best[x.passage]))
    for s in _best_per_passage(ranked, 4, ev.floor):
        by_doc.setdefault(ev.passages[s.passage].chunk.doc, []).append(s)
    # "燃气主管部门是哪个部门": the body asked is named by the sentence that says who *is* it
    # ("市城市管理执法主管部门是本市的燃气主管部门"), among those saying the rest as well
    named = IDENTITY_QUESTION.search(ev.clause or ev.question)
    role = re.sub(r"^.*的", "", named.group(1)) if named else ""  # (十堰市的燃气主管部门: the role)
    partners_asked = bool(PARTNER_QUESTION.search(ev.clause or ev.question))
    led = LED_BODY_ASKED.search(ev.clause or ev.question)
    if led:  # "专业委员会由哪个部门牵头": "由专业委员会负责" names it, not who leads it
        led_body = re.sub(r"^.*的", "", led.group(1))  # (…要增设的特种设备专业委员会: the body)
        by_doc = {label: kept for label, group in by_doc.items()
                  if (kept := [x for x in group if not _same_body(_lead_subject(x, ev.passages[x.passage]), led_body)])}
        if not by_doc:
            d.refused = True
            d.reason = f"文件提到“{led_body}”，但没有写明由谁牵头"
            return
    for group in by_doc.values():
        if role:
            top = group[0].coverage
            group.sort(key=lambda x: not (x.coverage >= top and re.search(
                rf"是[^，。；]{{0,12}}{re.escape(role)}", x.text)))
        s = group[0]
        p = ev.passages[s.passage]
        who = _lead_subject(s, p)
        partner = PARTNER_SENTENCE.search(s.text) if partners_asked else None
        if partner:  # "跟哪几个部门做信息衔接": the bodies it works with, not the plan's bureau
            who = partner.group(0)
        # "…负责下列…报告的审定：" is said with its items
        said = _with_enumeration(s, ev.passages)[0] if re.search(r"[：:]$", s.text) else s
        line = f"{_doc_label(p)}：" + (f"{who}——“{said.text}”" if who else said.text) + d.cite(said)
        extra = [x for x in ev.sentences if x.passage == s.passage and x is not s and LEAD.search(x.text)
                 and not said.start <= x.start < said.end]
        extra.sort(key=lambda x: ("发挥" not in x.text and "由" not in x.text, -x.score))
        for x in extra[:2]:
            line += f"；同一部分还写明：“{x.text}”{d.cite(x)}"
        d.lines.append(line)


def _needs(kind: Kind):
    """What a sentence must hold to answer the kind: a figure for 多少, a date for 何时 (else None)."""
    if kind == Kind.NUMBER:
        return has_figure
    if kind == Kind.DEADLINE:
        return lambda text: bool(DATE_MARK.search(text))
    return None


def _announced_next(s: Sentence, ev: Evidence) -> Sentence:
    """"第九条 地震预报意见实行评审制度。评审包括下列内容：(一)…": the sentence right after the best one
    announces the list asked for (it ends with a colon and says a question term): both are the answer."""
    text = ev.passages[s.passage].chunk.text
    if re.search(r"[：:]$", s.text):
        return s
    # "…开展多灾种风险普查,查明城市综合抗灾能力。包括主要灾害致灾调查与评估,…;实施重点隐患排查;…。": a
    # sentence opening with 包括 lists what the one before it covers (its subject left unsaid), up to its
    # full stop
    listed = INCLUDES_NEXT.match(text, s.end)
    if listed:
        stop = text.find("。", listed.end())
        end = stop + 1 if stop >= 0 else len(text)
        return Sentence(s.passage, s.start, end, text[s.start:end].strip(), s.score, s.coverage)
    # (or a sentence or two later in the same article: "第三十四条 …应当进行每日防火巡查…。其中，…。
    # 防火巡查应当包括下列内容：")
    after = sorted((x for x in ev.sentences if x.passage == s.passage and x.start >= s.end), key=lambda x: x.start)
    for i, nxt in enumerate(after[:3]):
        if i and (ARTICLE_START.match(nxt.text) or PROVISION_ITEM.match(nxt.text)):
            break  # (past the next sentence, only within the same article)
        if re.search(r"[：:]$", nxt.text) and any(ev.qt.present(t, nxt.text) for t in ev.qt.terms):
            return Sentence(s.passage, s.start, nxt.end, text[s.start:nxt.end].strip(), s.score, s.coverage)
    return s


def _item_lead_in(s: Sentence, passages: list[Passage]) -> tuple[int, str] | None:
    """Where the lead-in of a law's item starts in its passage, and the lead-in; None when the sentence
    is no item of a provision's list (or the passage lacks its lead-in)."""
    chunk = passages[s.passage].chunk
    if not PROVISION_ITEM.match(s.text) or chunk.meta.doc_type not in STATED_SUBJECT_TYPES:
        return None
    lead = lead_in(chunk.text, s.start)
    start = chunk.text.rfind(lead, 0, s.start) if lead else -1
    return (start, lead) if start >= 0 else None


def _consequence_lead_in(s: Sentence, passages: list[Passage]) -> list[Sentence]:
    """"（二）…迟报、谎报、瞒报…信息": an item of "有下列行为之一的，由…给予警告；…罚款：" says what was done,
    its lead-in what follows from it — the lead-in comes first (a law's item alone answers nothing)."""
    found = _item_lead_in(s, passages)
    if found is None or not LIST_LEAD_IN.search(found[1]):
        return [s]
    start, lead = found
    return [Sentence(s.passage, start, start + len(lead), lead.strip(), s.score, s.coverage), s]


def _whole_list(s: Sentence, passages: list[Passage]) -> Sentence:
    """"(一)压减供水指标；(二)…": the best sentence is one item of a provision's list; the answer is the
    list, from the lead-in that announces it ("…还可以采取下列措施：") to its last item."""
    found = _item_lead_in(s, passages)
    if found is None:
        return s
    start, lead = found
    text = passages[s.passage].chunk.text
    items = _leading_items(text, start + len(lead), provisions=True)
    if not items:
        return s
    return Sentence(s.passage, start, items[-1][1], text[start:items[-1][1]].strip(), s.score, s.coverage)


def _distinct(sentences: list[Sentence]) -> list[Sentence]:
    """Each span once: an item a list already took is not quoted again beside it."""
    out: list[Sentence] = []
    for s in sentences:
        if not any(o.passage == s.passage and o.start <= s.start and s.end <= o.end for o in out):
            out.append(s)
    return out


@lru_cache(maxsize=256)  # (asked once per candidate sentence otherwise)
def asked_list_noun(question: str, which: bool = False) -> str:
    """The name of the things a list question asks for ("要加强哪几支队伍的建设" → 队伍, "哪些高危行业必须
    投保" → 高危行业), or of the one thing a ``which`` question asks for ("哪个中心" → 中心), or ""."""
    import jieba.posseg as pseg

    m = (ASKED_WHICH_NOUN if which else ASKED_LIST_NOUN).search(question)
    if not m:
        return ""
    noun, last = "", ""
    for w in pseg.cut(question[m.end():m.end() + 12]):  # (a modifier may come first: 高/a 危/n 行业/n)
        # (a verbal noun heads a compound after a noun: 主题/n 活动/vn)
        if not (w.flag.startswith(("n", "a", "b", "j")) or w.flag == "vn" and noun) or len(noun + w.word) > 6:
            break
        noun, last = noun + w.word, w.flag
    return noun if len(noun) >= 2 and last.startswith(("n", "j", "vn")) else ""


def _enumerates(text: str, noun: str) -> bool:
    """Does a clause of the text list several things of that name ("“吹哨人”、安全网格员、志愿者、科普宣传员队伍"),
    or of its head ("哪几样主题活动": "…消防安全月、安全体验馆开放日等活动")?"""
    head = noun[-2:] if len(noun) >= 4 else noun  # (a compound noun's head comes last: 主题活动 → 活动)
    return any("、" in c and (noun in c[c.rfind("、"):] or re.search(rf"等{re.escape(head)}", c[c.rfind("、"):]))
               for c in re.split(r"[，,。；;：:]", text))


def _listing_sibling(s: Sentence, ev: Evidence) -> Sentence:
    """"哪些高危行业必须投保": the sentence of the same passage that lists the things asked by name
    ("在矿山、危险化学品…等高危行业领域强制实施…") answers, not its neighbour that says more of the
    question's other words ("鼓励其他生产经营单位投保…")."""
    noun = asked_list_noun(ev.clause or ev.question)
    if not noun or _enumerates(s.text, noun):
        return s
    return next((x for x in ev.sentences if x.passage == s.passage
                 and x.coverage >= ev.weights.listing_share * s.coverage and _enumerates(x.text, noun)), s)


def _naming_neighbour(s: Sentence, ev: Evidence) -> list[Sentence]:
    """"推进的是哪个中心的建设": when the best sentence says the rest of the question but not the kind of
    thing asked (中心), the sentence just before it in the same paragraph that names one ("推进区综合性
    应急救援指挥中心信息化和智能化建设。") is said with it: a plan's item runs on over several sentences."""
    asked = ev.clause or ev.question
    what = WHAT_NOUN.search(asked)
    noun = asked_list_noun(asked, which=True) or (what.group(1) if what else "")
    head = noun[-2:]
    if not head or head in s.text:
        return [s]
    text = ev.passages[s.passage].chunk.text
    before = [x for x in ev.sentences if x.passage == s.passage and x.end <= s.start
              and not text[x.end:s.start].strip() and head in x.text]
    if before:
        return [before[0], s]
    # "投入保障要建立什么库": a sentence of the same passage that says the question as well and names the
    # kind asked ("建立应急管理项目库和储备库") answers it, not the one that only says the rest (about as well)
    naming = [x for x in ev.sentences if x.passage == s.passage and head in x.text and x.coverage >= 0.9 * s.coverage]
    return [naming[0]] if naming else [s]


def _reason_before(s: Sentence, ev: Evidence) -> list[Sentence]:
    """"为啥要搞政企协同": the best sentence draws a conclusion ("因此，…十分重要"); its reason is the
    sentence just before it in the same paragraph, said first. [] when no reason is asked or given so."""
    if not WHY_QUESTION.search(ev.clause or ev.question) or not CONSEQUENCE_OPENING.match(s.text):
        return []
    text = ev.passages[s.passage].chunk.text
    before = [(a, b) for a, b in split_sentences(text) if b <= s.start and not text[b:s.start].strip()]
    if not before:
        return []
    a, b = before[-1]
    return [Sentence(s.passage, a, b, text[a:b].strip(), s.score, s.coverage), s]


def _item_heading(s: Sentence, ev: Evidence) -> Sentence:
    """"森林防灭火有哪些举措": a plan's item whose heading names the topic ("6.强化森林防灭火工作。") is
    the answer whole; a sentence inside it that scores about as well stands for its heading, which
    brings the item's paragraph."""
    chunk = ev.passages[s.passage].chunk
    if chunk.meta.doc_type in STATED_SUBJECT_TYPES:
        return s
    text = chunk.text
    if _with_enumeration(s, ev.passages)[0].end > s.end:  # it announces its own list ("健全落实五项机制")
        return s
    noun = asked_list_noun(ev.clause or ev.question)
    if noun and _enumerates(s.text, noun):  # it lists the things asked ("A、B、C队伍建设")
        return s
    for x in ev.sentences:
        if x.passage == s.passage and x.start < s.start and HEADING_PREFIX.match(x.text) \
                and "\n" not in text[x.end:s.start] and x.coverage >= ev.weights.item_heading * s.coverage:
            return x
    return s


def _each_conjunct(chosen: list[Sentence], ev: Evidence) -> list[Sentence]:
    """"粮食和棉花的产量目标分别是多少": a figure is asked of each thing joined; the main terms of the
    question the chosen sentences leave unsaid are said by the sentence of the same document that
    holds most of them (with a figure, for a number: "棉花总产稳定在560万吨左右")."""
    asked = ev.clause or ev.question
    # "…退休了保不保留？辞职了呢": the cases a question runs through are said together, in one provision
    follow_on = not COORDINATED.search(asked) and bool(FOLLOW_ON_CLAUSE.search(asked))
    if not chosen or not (COORDINATED.search(asked) or follow_on):
        return chosen
    doc = ev.passages[chosen[0].passage].chunk.doc
    own = {t: w for t, w in ev.qt.terms.items() if t not in ev.qt.context}
    top = max(own.values(), default=0.0)
    sides = _joined_terms(ev.clause or ev.question, ev.qt)
    out = list(chosen)

    def said(t: str) -> bool:
        return any(ev.qt.present(t, x.text) for x in out)

    while len(out) < len(chosen) + 2:
        # a light term is still asked when it is all one side of the join says ("…收尾及下一轮规划编制")
        lone = {t for side in sides if not any(said(u) for u in side) for t in side}
        unsaid = {t: w for t, w in own.items() if (w >= ev.weights.conjunct_term * top or t in lone) and not said(t)}
        if not unsaid:
            break
        # the things a plan joins are said near each other: beside a chosen sentence, any mention will do
        near = {x.passage for x in out}
        fits = [(sum(w for t, w in unsaid.items() if ev.qt.present(t, x.text)), x.score, k)
                for k, x in enumerate(ev.sentences) if x not in out and (has_figure(x.text) or ev.kind != Kind.NUMBER)
                and ev.passages[x.passage].chunk.doc == doc
                and (x.coverage >= ev.weights.conjunct_support and not follow_on or x.passage in near)]
        fits = [f for f in fits if f[0] > 0]
        if not fits:
            break
        out.append(ev.sentences[max(fits)[2]])
    return out


def _joined_terms(asked: str, qt: QueryTerms) -> list[list[str]]:
    """The question terms of the two things a question joins, [] when it joins none: those next to
    the last conjunction before what is asked (和 before 、: "新建、补建市政消火栓和建设消防取水点的数量"
    joins 消火栓 and 取水点); "A和B的C": C, after 的, is said of both and is neither's."""
    asked = re.sub(r"[(（][^()（）]{1,8}[)）]", "", asked)  # an aside: "中心乡镇(街道)和其他乡镇(街道)"
    follow = FOLLOW_ON_CLAUSE.search(asked)
    if follow and not re.search(r"以及|和|与|及", asked[:follow.start()]):  # "消火栓要补多少个？取水点呢"
        lt, rt = ([t for t in qt.terms if t in side and t not in qt.context]
                  for side in (asked[:follow.start()], asked[follow.start():]))
        sides = [[t for t in lt if t not in rt], [t for t in rt if t not in lt]]
        return sides if all(sides) else []
    end = DISTRIBUTIVE.search(asked) or re.search(r"(?:是|有|要|定|达到)?(?:多少|几)", asked)
    before = asked[:end.start()] if end else asked
    conj = list(re.finditer(r"以及|和|与|及", before)) or list(re.finditer(r"、", before))
    if not conj:
        return []
    left = re.search(r"[\u4e00-\u9fffA-Za-z]{1,12}$", before[:conj[-1].start()])
    right = re.match(r"[\u4e00-\u9fffA-Za-z]{1,12}", before[conj[-1].end():])
    if not left or not right:
        return []
    a, b = left.group(0).split("的")[-1], re.split(r"的|各|分别|是|有|为", right.group(0))[0]
    lt, rt = ([t for t in qt.terms if t in side and t not in qt.context] for side in (a, b))
    sides = [[t for t in lt if t not in rt], [t for t in rt if t not in lt]]
    return sides if all(sides) else []


def _figure_for_each(s: Sentence, ev: Evidence) -> str:
    """"消火栓和取水点的数量目标分别是多少" said in one sentence ("…消火栓600个以上,…180个消防取水点"):
    the figure for each thing joined, in the question's order ("" unless each has exactly one)."""
    sides = _joined_terms(ev.clause or ev.question, ev.qt)
    keys = []
    for side in sides:
        part = QueryTerms({t: ev.qt.terms[t] for t in side}, ev.qt.alternatives)
        keys.append(key_figure(s.text, ev.kind, part, ev.weights, ev.clause or ev.question))
    return "；".join(keys) if len(keys) == 2 and all(keys) and keys[0] != keys[1] else ""


def _sum_for_each(s: Sentence, ev: Evidence) -> str:
    """"自然灾害类和安全生产类各有多少个" answered by "市级28个自然灾害类和安全生产类专项预案": the one
    figure is for both together, not for each; returns that figure ("" when it is not so)."""
    asked = ev.clause or ev.question
    sides = _joined_terms(asked, ev.qt) if DISTRIBUTIVE.search(asked) else []
    if not sides:
        return ""
    for clause in re.split(r"[，,；;。]", s.text):
        if all(any(ev.qt.present(t, clause) for t in side) for side in sides):
            figures = [f.group(0).strip() for f in FIGURE.finditer(clause) if re.search(r"\d", f.group(0))]
            return figures[0] if len(figures) == 1 else ""
    return ""


def answer_sentences(d: Draft, ev: Evidence) -> None:
    """The best sentences (with the lists they announce), the figure or date first when one
    clause holds exactly one."""
    kind, passages = ev.kind, ev.passages
    limit = 3 if kind in (Kind.LIST, Kind.FACT) else 2
    best = _best_per_passage(ev.sentences, limit, ev.floor, ev.weights.sentence_tie)
    need = _needs(kind)
    span = None
    if kind == Kind.NUMBER and asked_unit(ev.clause or ev.question) == "时长":
        # "多久清理一次": a span or a frequency ("每班清理"), as at the gate
        need = span = _span_or_deferred(FREQUENCY_ASKED.search(ev.clause or ev.question) is not None)
    if need:  # a passage's best sentence names the topic ("汛期包括伏秋汛期和凌汛期"); the next gives the date
        # an item of "有下列行为之一的，…处…罚款：" has its figure in the lead-in before it
        best = [s if need(s.text) else next((x for x in ev.sentences if x.passage == s.passage and need(x.text)
                                             and (x.coverage >= min(ev.floor, ev.weights.support)
                                                  or x.start < s.start and LIST_LEAD_IN.search(x.text))), s)
                for s in best]
    if kind == Kind.LIST:  # an item of a list stands for the list: its lead-in and all its items
        best = [_listing_sibling(s, ev) for s in best]
        best = [_announced_next(s, ev) for s in best]
        best = [_item_heading(s, ev) for s in best]
        best = [_whole_list(s, passages) for s in best]
    if kind in (Kind.FACT, Kind.LIST) and best and _only_repeats_quote(best[0].text, ev.question):
        # "基本原则中的“坚持科技赋能，强化协同管理”以什么为抓手": the principle's own head repeats the
        # quote; what the question asks of it is in the paragraph it opens
        best = [_with_what_follows(best[0], passages)] + best[1:]
    if kind == Kind.FACT and best:
        best = (_reason_before(best[0], ev) or _naming_neighbour(best[0], ev)) + best[1:]
    if kind in (Kind.FACT, Kind.LEAD) and best:
        best = _consequence_lead_in(best[0], passages) + best[1:]
    chosen = _distinct([x for s in best for x in _with_enumeration(s, passages)])
    if kind == Kind.LIST and chosen:
        parts = _parallel_lines(chosen[0], passages)
        if len(parts) > 1:
            chosen = parts
    if kind == Kind.NUMBER:
        # (a count, "多少个网格员", is not given by a span of time: "网格员每两个月巡查")
        gives = _count_figure if counted_terms(ev.clause or ev.question, ev.qt) and not asked_unit(
            ev.clause or ev.question) else (lambda t: has_figure(t) or TIME_SPAN.search(t) or span and span(t))
        frame = numeral_frame(ev.clause or ev.question)
        gives = _or_frame(gives, frame)  # (“五位一体” gives the figure though it is quoted)
        asked = ev.clause or ev.question
        gives = _or_sized_set(gives, counted_terms(asked, ev.qt) or _counted_before(asked, ev.qt))
        if chosen and not any(gives(s.text) for s in chosen):
            # "每年至少要参加多少学时的培训": the provision on training gives no figure — it does not say
            d.refused = True
            d.reason = "相关条文没有给出所问的数字"
            return
        # (or a span, "每半年", or the provision leaving it to another text)
        chosen = [s for s in chosen if has_figure(s.text)] or [s for s in chosen if gives(s.text)] or chosen
        more = _each_conjunct(chosen, ev)
        added = more[len(chosen):]
        breakdown = BREAKDOWN_ASKED.search(asked)
        if breakdown and chosen and len(BREAKDOWN_GIVEN.findall(chosen[0].text)) < 2:
            # "分到各区、县各是多少" of "新增投保企业3000家": the total is all the text gives
            d.refused = True
            d.reason = f"文件只给出总的数字，没有分到各{breakdown.group(1)}的数字"
            return
        total = _sum_for_each(chosen[0], ev) if len(more) == 1 else ""
        if total:
            d.refused = True
            d.reason = f"文件只给出合计的数字（{total}），未分别列出"
            return
        chosen = more
    else:  # "对规划的评估和编制有什么安排": each thing joined is said
        added = []
        chosen = _distinct(_each_conjunct(chosen, ev)) if kind in (Kind.LIST, Kind.FACT) else chosen
        if kind in (Kind.LIST, Kind.FACT):
            chosen = _distinct([x for s in chosen for x in _with_continuation(s, ev)])
    multi_doc = len({passages[s.passage].chunk.doc for s in chosen}) > 1
    asked = ev.clause or ev.question
    key = key_figure(chosen[0].text, kind, ev.qt, ev.weights, asked) if kind in (Kind.NUMBER, Kind.DEADLINE) and chosen else ""
    if key and added:  # one figure for each thing asked about
        keys = [key] + [key_figure(s.text, kind, ev.qt, ev.weights, asked) for s in added]
        key = "；".join(k for k in keys if k) if all(keys) else ""
    elif kind == Kind.NUMBER and chosen and not added:  # …both said in one sentence
        key = _figure_for_each(chosen[0], ev) or key
    if key and not multi_doc:
        d.lines.append(f"{key}。{d.cite(chosen[0])}")
    for s in chosen:
        prefix = f"{_doc_label(passages[s.passage])}：" if multi_doc or not d.lines or key else ""
        d.lines.append(f"{prefix}{s.text}{d.cite(s)}")


# one answer function per kind (section and outline questions are answered from the section tree
# by rag/sections.py before this point); the rest read sentences
ANSWERERS = {Kind.COMPARE: answer_compare, Kind.LEAD: answer_lead}


def answer_extractive(question: str, kind: str, passages: list[Passage], qt: QueryTerms,
                      compare_groups: dict[str, list[int]] | None = None, weights: Weights = DEFAULT_WEIGHTS,
                      named_document: bool = False, clause: str = "") -> Draft:
    """The offline answer: gate (is anything said at all?), a partial answer when the text only
    names the thing asked about, else the kind's answer function. ``clause`` is the clause asked
    when the question is one of several clauses (the kind of figure or person is read from it)."""
    kind = Kind(kind)
    d = Draft()
    sentences = _gate(d, question, kind, passages, qt, weights, named_document, clause)
    if sentences is not None:
        floor = max(min(weights.support, sentences[0].coverage), weights.floor_ratio * sentences[0].coverage)
        ev = Evidence(question, kind, passages, qt, sentences, floor, weights, compare_groups, named_document, clause)
        if not _answer_partial(d, ev):
            ANSWERERS.get(kind, answer_sentences)(d, ev)
            _unnamed_party(d, ev)
    return d


def _unnamed_party(d: Draft, ev: Evidence) -> None:
    """"聘请第三方制定重大风险清单，请的是哪家机构": the text names the party by its role only (第三方); the
    answer says so first and is partial (the sentence still tells what is said of it)."""
    if d.refused or not d.used or ev.kind == Kind.COMPARE or not IDENTITY_ASKED.search(ev.question):
        return
    first = " ".join(d.highlights.get(d.used[0], []))
    role = UNNAMED_PARTY.search(first)
    # (the question asks about that party, naming it; a body named by its own name is no role)
    if not role or role.group(0) not in ev.question or NAMED_BODY.search(first):
        return
    d.partial = True
    d.lines.insert(0, f"文件只写明“{role.group(0)}”，未写明具体是哪一家。")


def _list_item(clause: str, qt: QueryTerms, margin: float = 1.5) -> str:
    """The item of "培育省级专业救援队伍1支、乡镇综合队伍20支" that the question is about: it holds
    every question term of the clause, except those of the first item, which governs the list
    ("培育"). Empty unless one item clearly is the one."""
    parts = clause.split("、")
    present = [t for t in qt.terms if qt.present(t, clause)]
    fits = []
    for i, part in enumerate(parts):
        own = [t for t in present if qt.present(t, part)]
        missing = [t for t in present if t not in own]
        if own and (not missing or (i > 0 and all(qt.present(t, parts[0]) for t in missing))):
            fits.append((sum(qt.terms[t] for t in own), part))
    fits.sort(reverse=True)
    if len(fits) == 1 or (len(fits) > 1 and fits[0][0] >= margin * fits[1][0]):
        return fits[0][1]
    return ""


def _stated(figure: str, question: str) -> bool:
    """Does the question state the figure itself, number and unit ("50米" of "50米以内"; not "2007年" of
    the date 2007年11月1日, which says more)?"""
    if question and len(figure) >= 3 and figure in question:  # the whole date or figure ("从11月1日到…")
        return True
    m = re.match(r"\d+(?:\.\d+)?\s*[^\d\s，,。；;]", figure)
    return bool(m and question and m.group(0) in question and not re.search(r"\d", figure[m.end():]))


def key_figure(sentence: str, kind: str, qt: QueryTerms, weights: Weights = DEFAULT_WEIGHTS, question: str = "") -> str:
    """The figure or date itself, when the clause holding the question's main term has exactly one:
    "新增规范化避灾安置场所150个" → "150个". Empty when that is not clear-cut."""
    frame = numeral_frame(question) if kind == Kind.NUMBER else None
    said = frame.search(sentence) if frame else ""
    if said:  # "几位一体": the set phrase with its numeral is the answer ("五位一体"), not "五位"
        return said
    rx = WHEN if kind == Kind.DEADLINE else FIGURE
    # a text that writes its figures in Arabic numerals names things with Chinese ones (三项准备, 三年行动,
    # 三场所三企业): only where it writes none in Arabic are Chinese numerals its figures
    in_words = not re.search(r"\d", sentence)
    clauses = []
    # an item's heading ("10.培育各类应急救援队伍。") and its number are not the figure
    body = re.sub(r"^.{0,30}?。(?=.)", "", sentence, count=1) if strip_marker(sentence) != sentence else sentence
    for clause in re.split(r"[，,；;。]", strip_marker(body)):
        weight = sum(w for t, w in qt.terms.items() if qt.present(t, clause))
        if weight > 0:
            clauses.append((weight, clause))

    def figures(clause: str) -> list[str]:
        hits = [m.group(0).strip() for m in rx.finditer(clause) if m.group(0).strip()]
        if kind == Kind.NUMBER:  # a year is not the figure asked for
            hits = [h for h in hits if re.search(r"\d", h) and not re.fullmatch(r"(?:19|20)\d{2}", h)]
            if in_words:  # a text that writes every figure in Chinese numerals, as laws do ("每十年"); not
                # the figure the question states itself ("职工三百人以上的…要配多少": 三百人 is the condition)
                hits = [m.group(0) for m in CN_FIGURE.finditer(clause)
                        if re.match(r"[零〇一二两三四五六七八九十百千万亿]+", m.group(0)).group(0) not in question]
        # nor a figure the question says itself ("能见度不到50米时…多快": 50米 is the condition), or a
        # quoted name (“120”急救网络医院: the hotline)
        return [h for h in hits if h not in qt.terms and f"“{h}”" not in clause and not _stated(h, question)]

    # the clause that says most of what was asked decides; with two figures there, the list item
    # ("…队伍1支、乡镇综合队伍20支") that says most decides; still two, there is no clear answer
    for _, clause in sorted(clauses, key=lambda wc: -wc[0]):
        hits = figures(clause)
        if len(hits) > 1:
            part = _list_item(clause, qt, weights.list_item_margin)
            hits = figures(part) if part else []
            return hits[0] if len(hits) == 1 else ""
        if hits:
            return hits[0]
    return ""

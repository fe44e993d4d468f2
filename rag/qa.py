"""The question-answering chain: understand → retrieve → select evidence → answer → cite.

``QA.ask`` is what the CLI, the UI and the evaluation suite call. Offline, answers are extractive
(rag/extractive.py); with an LLM configured they are generated from the same passages only, and
fall back to the extractive answer on any failure.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ingest.index import Index
from ingest.cleaning import LOST
from planqa.gazetteer import find_places
from planqa.rules import (
    ACROSS_DOCUMENTS, ANONYMISED_PLACE, FIGURE_LISTED_ASKED, FREQUENCY_FORMS, ASKS, CITED_FACT_ASKED, PLACE_IDENTITY_ASKED, ATTACHMENT_ASKED, ATTACHMENT_CITED, CATALOGUE_QUESTION, CATEGORY_DEFINED, CATEGORY_ITEM_DEFINED, CONTENTS_QUESTION, DEFAULT_WEIGHTS, DRAFT_REFERENCE,
    CHANGES_ASKED, CHANGES_FRAME, CONDITION_CLAUSE, ELSEWHERE, LEVEL_ASKED, LEVELS_NAMED, FOLLOW_ON_CLAUSE, GENRE_WORDS, STATED_SUBJECT_TYPES, TASK_COUNT,
    DOCUMENTS_NAMED_ASKED, FIVE_YEAR_WORD, MENTIONS_ASKED, PLAN_NAME_PERIOD, SECTION_ASKED, SECTION_WHOLE_WORDS, TITLED_SECTION, Weights,
)
from planqa.records import Answer, Passage

from .attribution import standing_note
from .evidence import is_run_in_head, query_terms, split_sentences
from .extractive import Draft, _doc_label, _unsaid_region, answer_extractive
from .catalogue import answer_catalogue, answer_document_fact, asked_fact
from .followup import resolve_followup
from .query import (
    MULTI_PART_KINDS, ParsedQuery, classify, core_query, distribute_places, document_parts, expand, genre_by_region, inner_kind,
    named_instruments, partner_place, topic_parts,
    is_national, parse_query, question_parts, referred_regulations, region_names, said_names, said_rule_names, shortened_names,
    unheld_period_plan,
)
from .retriever import Filters, HybridRetriever, Retrieval
from .section_roles import ACHIEVEMENT, OPENING, PART_NAMES, PROBLEM, asked_role, is_law, is_opening, section_role
from .sections import (
    answer_counted_set, answer_draft_references, answer_outline, answer_part_count, answer_section,
    answer_version_changes,
    asks_part_count, asks_within, missing_article, section_chunks,
)

REFUSAL = "未在文件中找到该问题的答案。以下是最接近的段落，供参考。"
MAX_QUESTION = 400


def _places_cut(text: str, which=lambda m: True) -> str:
    """The text with the places it names that ``which`` accepts blanked out."""
    for m in reversed(find_places(text, abbreviations=True)):
        if which(m):
            text = text[:m.start] + " " + text[m.end:]
    return text


def _without_places(text: str) -> str:
    """The text without the places it names (kept whole when nothing else is left)."""
    out = _places_cut(text)
    return out if len(re.sub(r"[\W\d]", "", out)) >= 2 else text


def _unfiltered(text: str, flt: Filters) -> str:
    """The search text without what the filters already say: inside 内蒙古's report the words 内蒙古,
    2026年 and 政府工作报告 are everywhere (its opening and its praise of the region), never the topic."""
    out = text
    if flt.region:
        out = _places_cut(out, lambda m: m.place.name in flt.region or flt.region in m.place.name
                          or m.surface in flt.region)
    if flt.year:
        out = re.sub(rf"{flt.year}\s*年?", " ", out)
    if flt.region or flt.docs:
        for g in GENRE_WORDS:
            out = out.replace(g, " ")
    return out if len(re.sub(r"[\W\d]", "", out)) >= 2 else text


Drafted = tuple[Draft, list[Passage], dict, str]  # an answer draft, its passages, filter info, warning


def _unanswered(got: Drafted) -> bool:
    return got[0].refused or not got[1]


def _encloses(place, region: str) -> bool:
    """Is the place the region or the province or city it lies in (浙江 for 绍兴市)?"""
    inner = find_places(region)[:1]
    return place.name in region or bool(inner) and place.name in (inner[0].place.province, inner[0].place.city)


def _predicate_word(term: str) -> bool:
    """A verb, adjective, adverb or set phrase by jieba's tag (出险, 报备, 说了算), not a noun or a name."""
    import jieba.posseg as pseg

    tags = [w.flag for w in pseg.cut(term)]
    return len(tags) == 1 and tags[0].startswith(("v", "a", "d", "l", "i")) and not tags[0].startswith("vn")


def _unlabelled(line: str) -> str:
    """An answer line without its leading 《document》…： label."""
    return re.sub(r"^《[^》]+》[^：]{0,30}：", "", line)


def _speaks_for(chunk, place) -> bool:
    """Does a passage speak for a place: national, of the place's own province or city, or naming it
    in its text (绍兴's plan on 杭州亚运会)?"""
    region = chunk.meta.region
    return (not region or region == "全国" or region in (place.province, place.city) or place.name in region
            or any(f in chunk.text for f in place.forms()))


def _asked_documents(pq: ParsedQuery, metas) -> list[str]:
    """The documents a question is about: those it names, else those its filters leave (none without filters)."""
    from .retriever import matching_docs

    return list(pq.documents) or ((matching_docs(metas, pq.filters) or []) if pq.filters.active() else [])


def _opening_said(passages: list[Passage], most: int = 2) -> Draft | None:
    """"要点开头说…": what a document's opening says, when no sentence of it says the question's words (the
    asker paraphrases it: "算个啥样的年份" for "…的关键之年"): the first ``most`` sentences of running text
    of the first document's opening, after the salutation, forwarding notice, date and title lines a
    published notice opens with."""
    opening = sorted((i for i, p in enumerate(passages) if is_opening(p.chunk.ordinal, p.chunk.section)),
                     key=lambda i: passages[i].chunk.ordinal)
    if not opening:
        return None
    doc = passages[opening[0]].chunk.doc
    draft = Draft()
    for i in (i for i in opening if passages[i].chunk.doc == doc):
        text = passages[i].chunk.text
        for a, b in split_sentences(text):
            sentence = text[a:b].strip().split("\n")[-1].strip()  # (the lines above it: a date, a title)
            if len(sentence) < 30 or re.search(r"印发给你们|请结合实际|[：:]$", sentence):
                continue
            draft.used += [i] if i not in draft.used else []
            draft.highlights.setdefault(i, []).append(sentence)
            draft.lines.append(f"{sentence}{{{i}}}")
            if len(draft.lines) >= most:
                break
        if len(draft.lines) >= most:
            break
    if draft.lines:
        draft.lines[0] = f"{_doc_label(passages[opening[0]])}开头写道：" + draft.lines[0]
    return draft if draft.lines else None


class QA:
    def __init__(self, index: Index, mode: str = "hybrid", use_llm: bool | None = None, k: int = 8,
                 retriever=None, understand: bool = True, weights: Weights = DEFAULT_WEIGHTS):
        """``retriever`` replaces the hybrid one (baselines); ``understand=False`` searches with the
        question as typed, using only explicit filters; ``weights`` are the answerer's (planqa/rules.py)."""
        self.index = index
        self.weights = weights
        self.retriever = retriever or HybridRetriever(index, mode=mode)
        self.k = k
        self.understand = understand
        self.use_llm = index.settings.llm_enabled if use_llm is None else use_llm
        # a cache of stored text (laws' category definitions), keyed by the store's change counter
        self._categories: tuple[int, dict[str, list[tuple[str, str]]]] = (-1, {})

    def parse(self, question: str, region: str | None = None, year: int | None = None,
              history: list[str] | None = None, docs: list[str] | None = None,
              doc_type: str | None = None) -> ParsedQuery:
        """The question understood, with the caller's filters (documents, type) added to its own."""
        metas = self.index.store.metas()
        q = resolve_followup(question.strip(), history or [], metas)
        pq = parse_query(q, metas, region or "", year, mentioned=self._mentioned)
        plan = unheld_period_plan(pq, metas, self._speak_of_plan) if self.understand else ""
        if plan:
            pq = replace(pq, unknown={"document": plan})
        if not self.understand:
            pq = replace(pq, search_text=q, core=q, filters=Filters(region=region or "", year=year), inferred={},
                         compare_regions=[], kind="fact" if pq.kind in ("compare", "section") else pq.kind)
        if docs or doc_type:
            pq = replace(pq, filters=replace(pq.filters, docs=tuple(docs or ()), doc_type=doc_type or ""))
        return pq

    def _spelled(self, text: str) -> str:
        """The written-out forms of the search text's shorthand no passage writes (" 外资企业" for "外企":
        the plans write it out), to add to each search so both retrievers look for what the documents say."""
        if not self.understand:
            return ""
        import jieba

        forms = [f for w in dict.fromkeys(jieba.cut(text)) if len(w) == 2
                 for f in self.index.lexical.spelled_forms(w) if f not in text]
        return " " + " ".join(forms) if forms else ""

    def _speak_of_plan(self, docs: list[str], period: str) -> bool:
        """Does any of these documents name the period's plan ("“十四五”规划", also with a character lost
        in between: "“十四【原文缺字】”规划")?"""
        said = re.compile(rf"{period[:2]}.{{0,12}}规划")
        return any(said.search(c.text) for d in docs for c in self.index.store.iter_chunks(d))

    def _mentioned(self, term: str) -> bool:
        """Does any indexed passage contain the term (a word the index knows, or a longer name
        written out in some passage: BM25 finds it if it is there)?"""
        if self.index.lexical.df.get(term.lower(), 0) > 0:
            return True
        if len(term) < 4:
            return False
        hits = self.index.lexical.search(term, k=5)
        chunks = self.index.store.get_chunks([cid for cid, _ in hits])
        return any(term in c.text for c in chunks.values())

    def search(self, question: str, region: str | None = None, year: int | None = None, k: int = 10,
               doc_type: str | None = None) -> list[Passage]:
        """The ranked passages the answer is built from (what retrieval metrics score)."""
        pq = self.parse(question, region, year, doc_type=doc_type)
        if pq.kind == "compare" and (pq.compare_regions or pq.compare_docs):
            # what the answer is built from: each region's best passages, taken in turn
            passages, groups = self._compare(pq)
            order = sorted(range(len(passages)), key=lambda i: next(g.index(i) for g in groups.values() if i in g))
            return [passages[i] for i in order][:k]
        return self._retrieve(pq, k)[0]

    # --- retrieval with graceful filters ---------------------------------------------------------
    def _retrieve(self, pq: ParsedQuery, k: int | None = None) -> tuple[list[Passage], dict]:
        k = k or self.k
        f = pq.filters
        tries = [f]
        if f.year:
            tries.append(replace(f, year=None))
        if f.region and (f.docs or f.doc_type):
            tries.append(Filters(docs=f.docs, doc_type=f.doc_type))
        if f.region or f.docs or f.doc_type:
            tries.append(Filters())
        topic = self._within(pq.search_text, pq.documents) if pq.documents else pq.search_text
        spelled = self._spelled(pq.search_text)
        for i, flt in enumerate(tries):
            text = topic if flt.docs else pq.search_text
            passages = self.retriever.retrieve(_unfiltered(text, flt) + spelled, k=k, filters=flt)
            if passages:
                if pq.section_refs and self.understand:
                    # structure-aware: the section the question names comes first
                    named = [Passage(c, 1.0, {"structure": 1.0}) for c in section_chunks(self.index.store, pq, [p.chunk.doc for p in passages])[:3]]
                    seen = {p.chunk.id for p in named}
                    passages = Retrieval((named + [p for p in passages if p.chunk.id not in seen])[:k], passages.warning)
                # national before local by score, then an older version after the one in force
                passages = self._in_force_first(self._national_first(passages, pq), pq)
                if not i:
                    return passages, {}
                from .retriever import explain_no_match

                why = explain_no_match(self.index.store.metas(), f)
                return passages, {"relaxed_from": {"region": f.region, "year": f.year}, "relaxed_why": why}
        return passages, {}  # the last, empty Retrieval: its warning still says why

    def _in_force_first(self, passages: Retrieval, pq: ParsedQuery) -> Retrieval:
        """Passages of several versions of one law, the question naming no version or year: the
        version in force answers, the older ones' passages go after it (they still show as nearest)."""
        if not self.understand or pq.compare_docs or pq.filters.year or re.search(
                r"(?:19|20)\d{2}|旧版|老版|原来|以前|修订前|修改前|修正前", pq.text):
            return passages
        newest: dict[str, int] = {}
        for p in passages:
            work = getattr(p.chunk.meta, "work", "")
            if work:
                newest[work] = max(newest.get(work, 0), p.chunk.meta.year_from or 0)
        # a document another one here repealed by name goes after it too (煤矿安全监察条例 after 煤矿安全生产条例)
        standing, here = self.index.store.validity(), {p.chunk.doc for p in passages}
        named = set(pq.documents or ())
        old = [p for p in passages if (getattr(p.chunk.meta, "work", "")
                                       and (p.chunk.meta.year_from or 0) < newest[p.chunk.meta.work])
               or (p.chunk.doc in standing and standing[p.chunk.doc].by_doc in here and p.chunk.doc not in named)]
        if not old:
            return passages
        return Retrieval([p for p in passages if p not in old] + old, passages.warning)

    def _national_first(self, passages: Retrieval, pq: ParsedQuery) -> Retrieval:
        """No place named, no document named: a national law or regulation is the default, so its
        passage goes before a local regulation's that ranks about as high (the local one may say the
        same rule for its own region only: 浙江's 提前四十八小时 beside the national 城镇燃气管理条例)."""
        if not self.understand or pq.filters.region or pq.documents or pq.compare_regions or pq.compare_docs:
            return passages
        if not any(p.chunk.meta.doc_type in STATED_SUBJECT_TYPES for p in passages):
            return passages

        def weight(p: Passage) -> float:
            m = p.chunk.meta
            return self.weights.national_default if m.doc_type in STATED_SUBJECT_TYPES and is_national(m) else 1.0

        ordered = [p for _, p in sorted(enumerate(passages), key=lambda ip: (-ip[1].score * weight(ip[1]), ip[0]))]
        return Retrieval(ordered, passages.warning)

    def _within(self, text: str, docs) -> str:
        """The search text inside named documents: their own names say nothing there ("《气象灾害防御
        条例》所说的气象灾害" searches 气象灾害 within it, not 防御条例), so only what is asked is searched."""
        metas = self.index.store.metas()
        topic = distribute_places(text)
        names = [n for doc in docs if doc in metas for n in said_names(metas[doc])]
        for name in sorted(names, key=len, reverse=True):
            topic = topic.replace(name, " ")
        return topic if len(re.sub(r"[\W和与及的按照据]", "", topic)) >= 2 else text

    def _compare(self, pq: ParsedQuery) -> tuple[list[Passage], dict[str, list[int]]]:
        passages: Retrieval = Retrieval()
        groups: dict[str, list[int]] = {}
        metas = self.index.store.metas()
        if pq.compare_docs:  # versions of a law, or named documents: each one's own passages under its label
            works = {getattr(metas[d], "work", "") or metas[d].title for d in pq.compare_docs}
            # versions of one law by their version; different documents by their region (国家 for a
            # national one), or by their titles when the regions do not tell them apart
            places = [metas[d].region or "国家" for d in pq.compare_docs]
            topic = self._within(pq.search_text, pq.compare_docs)
            topic += self._spelled(topic)
            for doc, place in zip(pq.compare_docs, places):
                label = (f"{metas[doc].version or metas[doc].period}版" if len(works) == 1
                         else place if len(set(places)) == len(places) else f"《{metas[doc].title}》")
                got = self.retriever.retrieve(topic, k=5, filters=replace(pq.filters, docs=(doc,)))
                groups[label] = list(range(len(passages), len(passages) + len(got)))
                passages.extend(got)
                passages.warning = passages.warning or got.warning
            if len(works) == 1:  # a revision keeps its article numbers mostly: each version's same article too
                self._same_articles(passages, groups, dict(zip(groups, pq.compare_docs)))
            return passages, groups
        if pq.compare_regions:
            from .retriever import matching_docs

            genres = genre_by_region(pq.text, pq.compare_regions, metas) if pq.filters.doc_type else {}
            search = pq.search_text + self._spelled(pq.search_text)
            for region in pq.compare_regions:
                # "南通2020年和X市2022年": each region's own year; a year one of them lacks is relaxed for it
                f = replace(pq.filters, region=region, doc_type=genres.get(region, pq.filters.doc_type))
                docs = matching_docs(metas, f) or matching_docs(metas, replace(f, year=None)) or []
                if not docs:  # a region the library lacks: its line says so, no other region's text
                    groups[region] = []
                    continue
                # "上海和崇明": 上海 means the city's plans, not the district's that 崇明 names
                others = [o for o in pq.compare_regions if o != region]
                own = [d for d in docs if not any(o in metas[d].region and o not in region for o in others)]
                # (five, not three: a region's own sentence is often worded otherwise than the question)
                got = self.retriever.retrieve(search, k=5, filters=replace(
                    pq.filters, docs=tuple(own or docs), year=None, doc_type=f.doc_type))
                groups[region] = list(range(len(passages), len(passages) + len(got)))
                passages.extend(got)
                passages.warning = passages.warning or got.warning
            return passages, groups
        across = self._documents_looked_among(pq, metas)
        if across:  # "这五份材料里哪几份有提到…": each document searched on its own, under its own label
            # (the places named pick documents, "南通和绍兴那两份有没有": inside one document they are no topic)
            search = _without_places(pq.search_text)
            search += self._spelled(search)
            for doc in across:
                m = metas[doc]
                got = self.retriever.retrieve(search, k=3, filters=replace(pq.filters, docs=(doc,), year=None,
                                                                           region=""))
                groups[f"{m.region}（{m.period}）" if m.region else f"《{m.title}》"] = list(
                    range(len(passages), len(passages) + len(got)))
                passages.extend(got)
                passages.warning = passages.warning or got.warning
            return passages, groups
        passages, _ = self._retrieve(pq)
        for i, p in enumerate(passages):
            m = p.chunk.meta
            groups.setdefault(f"{m.region}（{m.period}）", []).append(i)
        return passages, groups

    @staticmethod
    def _documents_looked_among(pq: ParsedQuery, metas, most: int = 8) -> list[str]:
        """The documents a "这几份里哪几份…" question looks among: those its filters leave (all held ones
        without filters), when they are few enough to be read one by one; [] otherwise."""
        from .retriever import matching_docs

        if not ACROSS_DOCUMENTS.search(pq.text):
            return []
        docs = matching_docs(metas, pq.filters) if pq.filters.active() else list(metas)
        return sorted(docs or [], key=lambda d: (metas[d].region, d)) if docs and len(docs) <= most else []

    def _same_articles(self, passages: list[Passage], groups: dict[str, list[int]], docs: dict[str, str]) -> None:
        """Add to each version's passages the articles the other versions' best two passages lie in
        (the 2024 revision's 第十一条 renamed the 2018 version's "低收入困难家庭": no word of the question
        finds it, its number does)."""
        for label, doc in docs.items():
            have = {passages[i].chunk.article for i in groups[label]}
            wanted = {passages[i].chunk.article for other, idxs in groups.items() if other != label
                      for i in idxs[:2]} - have - {""}
            for chunk in self.index.store.iter_chunks(doc):
                if chunk.article in wanted:
                    groups[label].append(len(passages))
                    passages.append(Passage(chunk, 0.0))

    # --- the chain ------------------------------------------------------------------------------
    def ask(self, question: str, region: str | None = None, year: int | None = None,
            history: list[str] | None = None, docs: list[str] | None = None, doc_type: str | None = None) -> Answer:
        """Answer a question with citations: parse it, retrieve passages, answer, cite; or refuse and say why."""
        q = (question or "").strip()
        if not re.search(r"[\w\u4e00-\u9fff]", q):
            return Answer(question=question, answer="请输入一个问题（问题为空或只有标点）。", refused=True, citations=[])
        note = ""
        if len(q) > MAX_QUESTION:
            q, note = q[:MAX_QUESTION], f"（问题过长，只按前{MAX_QUESTION}字处理）"
        metas = self.index.store.metas()
        pq = self.parse(q, region, year, history, docs=docs, doc_type=doc_type)
        q = pq.text
        if pq.unknown and self.understand:
            return self._refuse_unknown(pq, metas, note)
        pq, (draft, passages, info, warning) = self._answered(pq, metas)
        filters = {"region": pq.filters.region, "year": pq.filters.year, **pq.inferred, **info}
        if warning:
            filters["warning"] = warning
        if draft.refused or not passages or not draft.lines:  # (an answer with no line says nothing)
            nearest = [p.to_citation(i + 1) for i, p in enumerate(passages[:3])]
            standing_note(nearest, self.index.store.validity())  # each card says if its document is repealed
            reason = draft.reason
            if reason and pq.filters.region and not info.get("relaxed_from"):
                reason = reason.replace("检索到的段落都", f"{pq.filters.region}文件中最相关的段落都")
            text = REFUSAL if not reason else REFUSAL.replace("。", f"：{reason}。", 1)
            return Answer(question=q, answer=text + note, refused=True, citations=[], nearest=nearest,
                          kind=pq.kind, filters=filters, reason=reason)
        elsewhere = self._only_elsewhere(pq, draft, passages, metas) if self.understand else ""
        if elsewhere:  # "惠州市…零散工业废水" answered by 东莞市's regulation: another city's rule
            reason = f"库中没有{elsewhere}的文件，相关内容只见于其他地区的文件"
            nearest = [passages[i].to_citation(n + 1) for n, i in enumerate(draft.used[:3])]
            standing_note(nearest, self.index.store.validity())
            return Answer(question=q, answer=f"{reason}，无法回答。以下是其他地区文件中最接近的段落，仅供参考。" + note,
                          refused=True, citations=[], nearest=nearest, kind=pq.kind, filters=filters, reason=reason)
        missing = self._attachment_unheld(q, draft, passages)
        if missing:  # "通知附件里那份清单有哪些": the notice points to it, the text held has none of it
            reason = f"《{missing}》正文提到附件，但库中该文件的文本不含附件内容"
            nearest = [passages[i].to_citation(n + 1) for n, i in enumerate(draft.used[:3])]
            return Answer(question=q, answer=REFUSAL.replace("。", f"：{reason}。", 1) + note, refused=True,
                          citations=[], nearest=nearest, kind=pq.kind, filters=filters, reason=reason)
        text, citations = self._number(draft, passages)
        if self.use_llm:
            from .llm import LLMError, llm_answer

            try:
                text, citations = llm_answer(self.index.settings, q, passages, citations)
            except LLMError as e:
                filters["llm_error"] = str(e)
        if info.get("relaxed_from"):
            text = f"（{info.get('relaxed_why') or '按所给地区/年份未找到'}，以下为放宽条件后的结果）" + text
        text += standing_note(citations, self.index.store.validity())
        return Answer(question=q, answer=text + note, refused=False, citations=citations, kind=pq.kind, filters=filters,
                      partial=draft.partial)

    def _answered(self, pq: ParsedQuery, metas) -> tuple[ParsedQuery, Drafted]:
        """The question answered the first way of splitting it that applies; while refused, asked
        again by each retry in turn (a retry may answer a reworded question, returned with it)."""
        got = self._split(pq, metas)
        if not self.understand:
            return pq, got
        for retry in (self._case_by_case, self._without_period):
            if not _unanswered(got):
                break
            again = retry(pq, metas)
            if again is not None and not _unanswered(again[1]):
                pq, got = again
        return pq, got

    def _split(self, pq: ParsedQuery, metas) -> Drafted:
        """By the documents it names and what it asks of each, by its two topics, by its parts, or whole."""
        q = pq.text
        if not self.understand:
            return self._draft(pq, metas)
        asked = document_parts(q, pq.compare_docs, metas) if pq.compare_docs else []
        if asked:
            return self._draft_documents(pq, asked, metas)
        topics = topic_parts(q) if pq.kind == "compare" and not pq.compare_regions and not pq.compare_docs else []
        if topics:  # two things asked of each, nothing to compare them by: asked one by one
            return self._merged(pq, [(t, self._asked_alone(pq, t)) for t in topics], metas)
        parts = question_parts(q) if pq.kind in MULTI_PART_KINDS else []
        if len(parts) >= 2 and not DRAFT_REFERENCE.search(q):
            return self._draft_parts(pq, parts, metas)
        return self._draft(pq, metas)

    def _case_by_case(self, pq: ParsedQuery, metas) -> tuple[ParsedQuery, Drafted] | None:
        """"用完还吗？要是弄坏了呢": the other case's words kept the whole from any one sentence;
        asked one by one, each case is answered or said to be unanswered."""
        q = pq.text
        follow = FOLLOW_ON_CLAUSE.search(q)
        if not follow or pq.kind not in MULTI_PART_KINDS or len(question_parts(q)) >= 2:
            return None
        pair = [q[:follow.start()].strip(" ，,"), q[follow.start() + 1:].strip(" ？?")]
        return pq, self._draft_parts(pq, pair, metas)

    def _without_period(self, pq: ParsedQuery, metas) -> tuple[ParsedQuery, Drafted] | None:
        """"上海应急十四五规划下挂了几个分项规划": the period named the plan, not the year of the
        document that says it (the 2022 work plan does); without it the question may be answered."""
        if not pq.inferred.get("period"):
            return None
        soft = replace(pq, filters=replace(pq.filters, year=None),
                       inferred={k: v for k, v in pq.inferred.items() if k not in ("year", "period")})
        return soft, self._draft(soft, metas)

    def _draft(self, pq: ParsedQuery, metas) -> tuple[Draft, list[Passage], dict, str]:
        """Retrieve for one parsed question and build its answer draft (not yet numbered)."""
        q = pq.text
        groups = None
        if pq.kind == "compare":
            passages, groups = self._compare(pq)
            info: dict = {}
        else:
            passages, info = self._retrieve(pq)
        warning = getattr(passages, "warning", "")  # this request's own, from its Retrieval
        cond = CONDITION_CLAUSE.match(pq.core or pq.text) if not pq.context and pq.kind in MULTI_PART_KINDS \
            and self.understand else None
        if cond:  # the condition is context: its words help rank, what is asked after it decides
            pq = replace(pq, core=(pq.core or pq.text)[cond.end():], context=cond.group(1))
        # places say where, not what: they are filters, never evidence terms
        drop = [n for m in metas.values() for n in region_names(m) if not partner_place(q, n)]
        # a document the question names, its version words and a genre's name are filters, not evidence
        # (应急预案 and 规划 are also topics: they stay)
        for d in pq.documents:
            drop += said_names(metas[d])
        if pq.documents:  # and the name as the question shortened it ("水上搜救条例", "民航应急管理规定")
            drop += named_instruments(pq.text) + said_rule_names(pq.text, metas, pq.documents)
        else:  # a short name of several held works ("救助条例") names where to look, not what
            drop += shortened_names(pq.text, metas)
        drop += referred_regulations(pq.text, metas)[1]  # "省条例", "杭州市里那个条例": where, not what
        drop += list(GENRE_WORDS)
        role, frame = asked_role(pq.core or pq.text)  # "在分析存在问题时": where to look, not what
        drop += frame
        if role:  # "要点开头说…", "在分析存在问题时…": that part of each document asked about, ranked or not
            passages = self._with_part(passages, role, pq, metas)
        # "崇明区“十四五”规划": the period in a held plan's name names the plan (a filter), not a topic
        # (not "对“十三五”相关规划作了什么安排" of a work plan: there the period's plans are the topic)
        drop += [m.group(0) for m in PLAN_NAME_PERIOD.finditer(pq.core or pq.text)
                 if any(FIVE_YEAR_WORD.search(m.group(0)).group(0) in meta.title for meta in metas.values())]
        if pq.kind == "compare":  # "绍兴和宁波…": a compared place the library lacks is a filter too
            drop += [m.surface for m in find_places(q, abbreviations=True, county_short=True)]
        elif pq.filters.region:  # "浙江那份里…": the province of the region it filtered on says where
            drop += [m.surface for m in find_places(q, abbreviations=True)
                     if len(m.surface) >= 2 and _encloses(m.place, pq.filters.region)]
        qt = query_terms(pq.core or pq.text, self.index.lexical.idf, drop=drop, weights=self.weights,
                         texts="\n".join(p.chunk.text for p in passages))
        if pq.context:  # the first clause of a two-part question: context, weighing less than the clause
            ctx = query_terms(pq.context, self.index.lexical.idf, drop=drop, weights=self.weights)
            added = [t for t in ctx.terms if t not in qt.terms]
            for t in added:
                qt.terms[t] = ctx.terms[t] * self.weights.context_clause
            qt.context = frozenset(added)
            if not qt.anchor and ctx.anchor in qt.terms:  # "违反了罚多少" is asked of the first clause's topic
                qt.anchor = ctx.anchor
        qt.answered = pq.answered
        qt.role = role
        for period in [t for t in qt.terms if role and FIVE_YEAR_WORD.fullmatch(t)]:
            # "回顾“十三五”时…": the period a review looks back on says where to look
            qt.terms[period] *= self.weights.context
            qt.context = qt.context | {period}
        self._asked_kinds(qt, passages, pq)
        self._asker_wording(qt, passages)
        # the core drops "写…内容" as the asker's framing; what is asked for is read off the whole question
        qt.wants_contents = qt.wants_contents or bool(CONTENTS_QUESTION.search(pq.text))
        if pq.inferred.get("reviewed_year") and qt.terms:
            # the year looked back on is what tells its figures from the five-year review's
            qt.terms[str(pq.inferred["reviewed_year"])] = max(qt.terms.values())
        if (period := pq.inferred.get("reviewed_period")) in qt.terms:
            # the period a plan looks back on says where to look (its review), not what was done there:
            # it counts as a heading's words count for the sentences under it
            qt.terms[period] *= self.weights.context
            qt.context = qt.context | {period}
        lacking = self._without_part(pq, role, metas)
        anonymised = ANONYMISED_PLACE.search(pq.text) if PLACE_IDENTITY_ASKED.search(pq.core or pq.text) else None
        if anonymised:  # "那个X市到底是哪个城市": the document withholds the name; it cannot be read off it
            draft = Draft(refused=True, reason=f"文件对地名作了匿名处理（{anonymised.group(0)}），没有写明是哪里")
            return draft, passages, info, warning
        cited = self._cited_not_held(pq, passages, metas)
        if cited:  # "《…实施意见》是哪个部门印发的": the plan cites it and says no more of it
            return cited, passages, info, warning
        gathered = None if lacking else self._every_mention(pq, metas) or self._every_figure(pq, metas)
        structural = None if gathered else self._from_structure(pq, passages, qt, metas)
        if gathered:
            draft, passages = gathered
        elif lacking:  # "…应急预案在分析存在问题时…": a plan with no such part cannot say it
            draft = Draft(refused=True, reason=f"{lacking}中没有{PART_NAMES[role]}的部分")
        elif structural is not None:
            draft, passages = structural
        else:
            # an outline the section tree does not give ("预案要包括哪几方面" of a law) is asked as a list
            kind = "list" if pq.kind == "outline" else pq.kind
            if kind == "list" or any(_ends_with_head(p) for p in passages[:3]):
                # (a run-in head that closes its chunk: what it says is in the next one)
                passages = self._with_continuations(passages)
            looked_back = _looking_back(passages, pq.inferred.get("reviewed_year"))
            draft = answer_extractive(q, kind, looked_back, qt, groups, weights=self.weights,
                                      named_document=self._names_its_provisions(pq, metas),
                                      clause=pq.core if pq.context else "")
            if role == OPENING and (draft.refused or not is_opening(looked_back[draft.used[0]].chunk.ordinal,
                                                                     looked_back[draft.used[0]].chunk.section)):
                draft = _opening_said(looked_back) or draft
            if not draft.refused:
                passages = looked_back
                self._say_where(draft, passages, pq)
            elif looked_back is not passages:  # (what the narrowed passages lack is not the reason)
                draft.reason = (f"库中没有{pq.filters.region or ''}{pq.inferred['reviewed_year']}年的文件，"
                                f"{pq.filters.year}年的文件没有回顾这一项")
        return draft, passages, info, warning

    @staticmethod
    def _cited_not_held(pq: ParsedQuery, passages: list[Passage], metas) -> Draft | None:
        """A question for the issuer or date of a 《title》 the library does not hold but a passage cites: a
        partial answer — the passage names it without saying who issued it or when."""
        if not CITED_FACT_ASKED.search(pq.text):
            return None
        held = {m.title for m in metas.values()}
        for title in re.findall(r"《([^《》]{4,60})》", pq.text):
            if title in held:
                continue
            i = next((i for i, p in enumerate(passages) if f"《{title}》" in p.chunk.text), None)
            if i is None:
                continue
            text = passages[i].chunk.text
            a, b = next(((a, b) for a, b in split_sentences(text) if f"《{title}》" in text[a:b]), (0, len(text)))
            draft = Draft(partial=True, used=[i], highlights={i: [text[a:b].strip()]})
            draft.lines.append(f"文件提到《{title}》，但未写明其印发部门和时间（库中没有该文件）。{{{i}}}")
            return draft
        return None

    def _gathered(self, doc: str, says, draft: Draft, passages: list[Passage], seen: set[str]) -> int:
        """Every sentence of one document that ``says`` accepts, in order, each cited on its passage (a
        sentence two chunks share is said once); how many were added."""
        count = 0
        for chunk in self.index.store.iter_chunks(doc):
            spans = split_sentences(chunk.text, is_law(chunk.meta.doc_type))
            said = [x for x in (chunk.text[a:b].strip() for a, b in spans) if says(x) and x not in seen]
            seen.update(said)
            if not said:
                continue
            passages.append(Passage(chunk, 1.0, {"structure": 1.0}))
            i = len(passages) - 1
            draft.used.append(i)
            draft.highlights[i] = said
            draft.lines += [f"{x}{{{i}}}" for x in said]
            count += len(said)
        return count

    def _every_figure(self, pq: ParsedQuery, metas) -> tuple[Draft, list[Passage]] | None:
        """"哪些指标卡在90%这条线上": every sentence of the documents asked about (or looked among, at most
        eight) that writes the figure or date, document by document, each cited; None when the question
        asks no such thing or no sentence writes it."""
        asked = FIGURE_LISTED_ASKED.search(pq.core or pq.text)
        if not asked:
            return None
        figure = asked.group(1) or asked.group(3)
        if figure:
            own = re.compile(rf"(?<![\d.]){re.escape(figure)}(?![\d.])")
        else:  # a frequency: "每个月" is written 每月
            unit = re.sub(r"^每[个一]?", "", asked.group(2))
            figure = "每" + FREQUENCY_FORMS.get(unit, [unit])[0]
            own = re.compile("每(?:" + "|".join(FREQUENCY_FORMS.get(unit, [unit])) + ")")
        docs = _asked_documents(pq, metas) or (list(metas) if len(metas) <= 8 else [])
        draft, passages, seen = Draft(), [], set()
        for doc in sorted(docs, key=lambda d: (metas[d].region, d)):
            at = len(draft.lines)
            if self._gathered(doc, lambda x: bool(own.search(x)), draft, passages, seen):
                draft.lines.insert(at, f"{_unsaid_region(metas[doc].region, metas[doc].title)}《{metas[doc].title}》：")
        if not passages:
            return None
        draft.lines.insert(0, f"写到“{figure}”的共{sum(map(len, draft.highlights.values()))}处：")
        return draft, passages

    def _every_mention(self, pq: ParsedQuery, metas) -> tuple[Draft, list[Passage]] | None:
        """"带“试点”字样的工作一共有哪些": every sentence of the one document asked about that writes the
        quoted word, in the document's order, each cited (no passage lists them: the text is gathered);
        None unless the question asks so of exactly one document."""
        asked = MENTIONS_ASKED.search(pq.core or pq.text)
        titles = bool(DOCUMENTS_NAMED_ASKED.search(pq.core or pq.text))
        if not (asked or titles) or pq.kind == "compare":
            return None
        docs = _asked_documents(pq, metas)
        if len(docs) != 1:
            return None
        word = (asked.group(1) or asked.group(2)) if asked else "《"  # (a title's opening mark: every title)
        draft, passages = Draft(), []
        self._gathered(docs[0], lambda x: word in x, draft, passages, set())
        if not passages:
            return None
        if titles:  # the names first, each once, then the sentences that name them
            names = list(dict.fromkeys(re.findall(r"《[^《》]{2,60}》", "".join(draft.lines))))
            draft.lines.insert(0, f"《{metas[docs[0]].title}》提到的文件有{len(names)}个：{'、'.join(names)}。")
        else:
            draft.lines.insert(0, f"《{metas[docs[0]].title}》中写到“{word}”的共{sum(map(len, draft.highlights.values()))}处：")
        return draft, passages

    @staticmethod
    def _say_where(draft: Draft, passages: list[Passage], pq: ParsedQuery) -> None:
        """"…写在第三章哪一节下面？": where the document says it is the answer, before what it says: the
        section path of the passage first quoted (its headings are the parts asked for)."""
        if pq.kind == "compare" or not draft.used or not SECTION_ASKED.search(pq.core or pq.text):
            return
        first = draft.used[0]
        path = passages[first].chunk.section
        if path:
            draft.lines.insert(0, f"见于“{path}”部分。{{{first}}}")

    def _without_part(self, pq: ParsedQuery, role: str, metas) -> str:
        """The documents asked about (named, or the only ones the filters leave), said as 《title》, when
        none of them has the part of a plan the question points at (a contingency plan analyses no
        shortcomings); "" when one has it, or when the question points at no part or no documents."""
        if role != PROBLEM:  # (a review of achievements is not always a part of its own: see asked_role)
            return ""
        docs = _asked_documents(pq, metas)
        if not docs or len(docs) > 3:
            return ""
        for doc in docs:
            # only genres written without that part (a plan or report reviews its problems even where no
            # heading or cue shows it: 6 of 26 2026 reports write theirs in one run-on paragraph)
            if doc not in metas or not (metas[doc].doc_type == "应急预案" or is_law(metas[doc].doc_type)):
                return ""
            if any(section_role(c.section, c.text, c.meta.doc_type) == role for c in self.index.store.iter_chunks(doc)):
                return ""
        return "、".join(f"《{metas[d].title}》" for d in docs if d in metas)

    def _from_structure(self, pq: ParsedQuery, passages: list[Passage], qt,
                        metas) -> tuple[Draft, list[Passage]] | None:
        """The answer read off the documents' structure or metadata, for the questions that ask for
        it (a revision's changes, a numbered section, an outline, drafting references, the library's
        catalogue, a document's own metadata); None for the rest, answered from their sentences."""
        if pq.compare_docs and self._asks_whole_revision(pq, metas):  # "2024年那次修正改了什么"
            revision = answer_version_changes(self.index.store, pq.compare_docs, pq.text)
            if revision is not None:
                return revision
        if self.understand and asks_part_count(pq.text):  # "重点工作共分几个方面、多少条"
            counted = answer_part_count(self.index.store, pq, passages)
            if counted is not None:
                return counted
        if pq.kind == "section" and pq.section_refs:
            return self._named_section(pq, passages, qt)
        if self.understand and TITLED_SECTION.search(pq.text):
            titled = self._titled_section(pq, passages, qt)
            if titled is not None:
                return titled
        if pq.kind == "outline":
            return answer_outline(self.index.store, pq, passages)
        if not self.understand:
            return None
        if DRAFT_REFERENCE.search(pq.text):
            return answer_draft_references(self.index, pq)
        if CATALOGUE_QUESTION.search(pq.text) and not TASK_COUNT.search(pq.text) \
                and not ACROSS_DOCUMENTS.search(pq.text):
            # "库里…有哪几部": the library itself ("要修订多少部预案" is a plan's task; "库里这几份…哪几份有
            # 涉及" asks what the documents say, not which the library holds)
            return answer_catalogue(self.index.store, pq.text)
        counted_set = answer_counted_set(self.index.store, pq, passages)  # "八大行动是哪八个"
        if counted_set is not None:
            return counted_set
        if (fact := asked_fact(pq.text)) and (pq.documents or fact != "exists"):
            # "那份要点是哪个市的": the document's own metadata ("有没有…条例": only of one it names)
            docs = list(pq.documents) or list(dict.fromkeys(p.chunk.doc for p in passages[:3]))
            return answer_document_fact(self.index.store, pq.text, docs)
        return None

    def _named_section(self, pq: ParsedQuery, passages: list[Passage], qt) -> tuple[Draft, list[Passage]] | None:
        """"第三章第五节说了什么", "第四十五条": the section named, one thing inside it, or the article's
        absence said with the count; an article only an older version has is read from it, said so."""
        named = section_chunks(self.index.store, pq, [p.chunk.doc for p in passages])
        absent, other, said = missing_article(self.index.store, pq) if not named and self.understand \
            else (None, "", "")
        if absent is not None:
            return absent, passages
        if other:  # the version in force lacks the article an older version has: that one, said so
            pq = replace(pq, documents=(other,), filters=replace(pq.filters, docs=(other,)))
            named = section_chunks(self.index.store, pq, [other])
        # "第三章列出的九大行业领域是哪些": one thing inside the section, not the section
        inner = asks_within(pq.text, named[0].section if named else "")
        structural = self._within_section(pq, inner, passages, qt, named) if inner else None
        structural = structural or answer_section(self.index.store, pq, passages)
        if structural is not None and other and not structural[0].refused:
            structural[0].lines.insert(0, said)
        return structural

    def _titled_section(self, pq: ParsedQuery, passages: list[Passage], qt) -> tuple[Draft, list[Passage]] | None:
        """"“巩固壮大协作发展格局”那一节,对口支援方面要建设什么": one thing asked inside a section named
        by its title, answered from that section by the rest of the question (the title's words say
        where, not what: the heading that repeats them does not answer). None when the question asks
        the section whole, or no retrieved document has a section of that title."""
        title = TITLED_SECTION.search(pq.text).group(1)
        headed = self._titled_chunks([title], passages)
        if not headed:
            return None
        where = {t for t in qt.terms if t in title}
        inner = replace(qt, terms={t: w for t, w in qt.terms.items() if t not in where},
                        anchor="" if qt.anchor in where else qt.anchor)
        # what is left beside the title asks one thing ("对口支援方面要建设什么"), unless it is only
        # the section's own contents ("那一节讲了什么", "有哪些任务")
        kind = asks_within(pq.text, headed[0].section) or (
            classify(TITLED_SECTION.sub(" ", pq.text))
            if any(t not in SECTION_WHOLE_WORDS for t, w in inner.terms.items() if w >= 1.0) else None)
        if kind is None:
            return None
        return self._within_section(pq, kind, passages, inner, headed, by_title=True)

    def _within_section(self, pq: ParsedQuery, kind: str, passages: list[Passage], qt,
                        named: list, by_title: bool = False) -> tuple[Draft, list[Passage]] | None:
        """The answer to one thing asked inside a named section, from that section's chunks (``named``,
        the ranked ones first); None when the section is not found or does not say it."""
        # a section's quoted title names it surer than its number does (a scraped plan's pages are out
        # of order: "第三章“加强…风险防控”" may be parsed under another chapter); chunks found by their
        # title already (``by_title``) are not looked up again
        titles = re.findall(r"[“\"]([^”\"]{4,40})[”\"]", pq.text)
        titled = self._titled_chunks(titles, passages) if titles and not by_title else []
        chunks = titled or named
        if not chunks:
            return None
        ids = {c.id for c in chunks}
        ranked = [p for p in passages if p.chunk.id in ids]
        have = {p.chunk.id for p in ranked}
        within = ranked + [Passage(c, 0.0) for c in chunks if c.id not in have][:8]
        draft = answer_extractive(pq.text, kind, within, qt, weights=self.weights,
                                  named_document=self._names_its_provisions(pq, self.index.store.metas()))
        return None if draft.refused else (draft, within)

    def _titled_chunks(self, titles: list[str], passages: list[Passage]) -> list:
        """The chunks, in the three best-ranked documents, under a section whose path holds one of the titles."""
        docs = list(dict.fromkeys(p.chunk.doc for p in passages))[:3]
        return [c for d in docs for c in self.index.store.iter_chunks(d) if any(t in c.section for t in titles)]

    def _asker_wording(self, qt, passages: list[Passage]) -> None:
        """"在海上出险了", "跟海事报备", "由医生说了算": a verb or set phrase the library writes in a few passages
        only, none of them among those found, is the asker's way of saying what the passages say otherwise
        (遇险, 报告, 决定): it weighs no more than the question's strongest word the passages do say, and is
        not the topic a refusal names. (Not a noun: "甲级、乙级", "时间和地点" name what is asked about,
        and a text that lacks them does not answer.)"""
        texts = [p.chunk.text + p.chunk.section for p in passages]
        said = [w for t, w in qt.terms.items() if any(qt.present(t, x) for x in texts)]
        if not said:
            return
        cap = max(said)
        for t, w in list(qt.terms.items()):
            if w > cap and 0 < self.index.lexical.df.get(t.lower(), 0) <= self.weights.rare_df \
                    and _predicate_word(t) and not any(qt.present(t, x) for x in texts):
                qt.terms[t] = cap
                if qt.anchor == t:
                    qt.anchor = ""

    def _asked_kinds(self, qt, passages: list[Passage], pq: ParsedQuery) -> None:
        """Words that ask for a kind the passages say by one of its members: a defined category's kinds,
        a place elsewhere (外地), a level (级别 → 省级)."""
        self._kinds_of_defined_categories(qt, passages)
        self._places_elsewhere(qt, passages, pq)
        for t in LEVEL_ASKED & set(qt.terms):  # "评上哪个级别的": 省级 says the level
            qt.categories[t] = [*qt.categories.get(t, []), *LEVELS_NAMED]

    @staticmethod
    def _places_elsewhere(qt, passages: list[Passage], pq: ParsedQuery) -> None:
        """"帮扶外地，在哪儿建专家站": a word for somewhere else (外地, 外省) is said by a real place the
        passages name that is not where the question is (喀什市 in 上海's plan); the gazetteer knows it."""
        asked = [t for t in qt.terms if t in ELSEWHERE]
        if not asked:
            return
        here = {h for h in {pq.filters.region} | {p.chunk.meta.region for p in passages} if h}

        def within(place) -> bool:  # 浦东新区 is in 上海市, 上海市崇明区 is in 上海市
            return any(place.name in h or h in (place.province, place.city) or h.startswith(place.province)
                       for h in here)

        named = sorted({m.surface for p in passages for m in find_places(p.chunk.text)
                        if len(m.surface) >= 3 and not within(m.place)})
        for t in asked:
            qt.categories[t] = [*qt.categories.get(t, []), *named]

    def _kinds_of_defined_categories(self, qt, passages: list[Passage]) -> None:
        """"新装的电梯、锅炉多长时间内办使用登记": a law that defines its category by the kinds it lists
        ("本法所称特种设备，是指…锅炉…电梯…") speaks of every kind when it says the category; in its
        passages the category word stands for a kind the question names."""
        docs = {p.chunk.doc for p in passages if p.chunk.meta.doc_type in STATED_SUBJECT_TYPES}
        kinds = [t for t in qt.terms if len(t) >= 2]
        for doc in sorted(docs):
            for category, listed in self._defined_categories(doc):
                for t in kinds:
                    if t in listed and t != category and category not in qt.categories.get(t, []):
                        qt.categories[t] = [*qt.categories.get(t, []), category]

    def _defined_categories(self, doc: str) -> list[tuple[str, str]]:
        """A law's (category, what it lists) definitions, read from its chunks once per store change."""
        generation = self.index.store.generation()
        if self._categories[0] != generation:
            self._categories = (generation, {})
        found = self._categories[1]
        if doc not in found:
            found[doc] = [(m.group(1), m.group(2)) for c in self.index.store.iter_chunks(doc)
                          for rx in (CATEGORY_DEFINED, CATEGORY_ITEM_DEFINED) for m in rx.finditer(c.text)]
        return found[doc]

    def _draft_parts(self, pq: ParsedQuery, parts: list[str], metas) -> tuple[Draft, list[Passage], dict, str]:
        """"由谁划定？禁止干什么？": each clause answered on its own (with the question's filters and the
        first clause as context), the drafts joined over one list of passages; a clause the documents do
        not answer says so, and only if none is answered is the whole refused."""
        subs = []
        for j, part in enumerate(parts):
            text = part if j == 0 else f"{part}，{parts[0]}"
            # ("…罚多少钱？扩大规模呢": a clause asking nothing itself asks what the first one asks)
            kind = self._part_kind(pq, part if j == 0 or ASKS.search(part) else parts[0])
            subs.append((part, replace(pq, text=text, core=core_query(part if j else text),
                                       search_text=expand(core_query(text)), kind=kind,
                                       context=core_query(parts[0]) if j else "")))
        return self._merged(pq, subs, metas)

    def _draft_documents(self, pq: ParsedQuery, asked: list[tuple[str, str]], metas) -> tuple[Draft, list[Passage], dict, str]:
        """"人影条例里用高炮作业和海上交通法里海上施工作业，分别找谁批": each named document asked its own
        question, within it alone; each line under that document's name."""
        subs = [(f"《{metas[doc].title}》", replace(self._asked_alone(pq, text), documents=(doc,),
                                                   filters=replace(pq.filters, docs=(doc,))))
                for doc, text in asked]
        return self._merged(pq, subs, metas, labelled=True)

    @staticmethod
    def _asked_alone(pq: ParsedQuery, text: str) -> ParsedQuery:
        """One part of a compare question as a question of its own, asking what the whole asks of each."""
        return replace(pq, text=text, core=core_query(text), search_text=expand(core_query(text)),
                       kind=inner_kind(pq.text), compare_docs=[])

    def _merged(self, pq: ParsedQuery, subs: list[tuple[str, ParsedQuery]], metas,
                labelled: bool = False) -> tuple[Draft, list[Passage], dict, str]:
        """The drafts of several sub-questions joined over one list of passages (``labelled``: each line
        under its document's name); one the documents do not answer says so, and only if none is answered
        is the whole drafted as one question."""
        merged, passages, index = Draft(), [], {}
        info: dict = {}
        warning = ""
        unanswered = []
        quoted: set[str] = set()
        for part, sub in subs:
            if not labelled:  # ("…有什么要求？运污泥的车有什么标准": not the sentence the first clause got)
                sub = replace(sub, answered=frozenset(quoted))
            d, ps, info_j, warning_j = self._draft(sub, metas)
            quoted.update(t for texts in d.highlights.values() for t in texts)
            info, warning = info or info_j, warning or warning_j
            if d.refused or not ps:
                unanswered.append(part)
                continue
            if labelled:
                d.lines = [ln if ln.startswith("《") else f"{part}：{ln}" for ln in d.lines]
            remap = {}
            for i in d.used:
                cid = ps[i].chunk.id
                if cid not in index:
                    index[cid] = len(passages)
                    passages.append(ps[i])
                remap[i] = index[cid]
                for h in d.highlights.get(i, []):
                    merged.highlights.setdefault(remap[i], [])
                    if h not in merged.highlights[remap[i]]:
                        merged.highlights[remap[i]].append(h)
                if remap[i] not in merged.used:
                    merged.used.append(remap[i])
            for line in d.lines:
                line = re.sub(r"\{(\d+)\}", lambda m: "{%d}" % remap[int(m.group(1))], line)
                # the same quote under its document's label or without it is one line
                if _unlabelled(line) not in {_unlabelled(x) for x in merged.lines}:
                    merged.lines.append(line)
            merged.partial = merged.partial or d.partial
        if not merged.lines:
            d, ps, info, warning = self._draft(pq, metas)
            return d, ps, info, warning
        merged.lines += [f"{u}：文件中未找到相关内容。" if labelled else f"（“{u}”：文件中未找到答案。）"
                         for u in unanswered]
        return merged, passages, info, warning

    @staticmethod
    def _asks_whole_revision(pq: ParsedQuery, metas) -> bool:
        """Does the question ask what a revision changed in the whole law (its name, version and the
        change asked, nothing else: no topic of its own)?"""
        if not CHANGES_ASKED.search(pq.text):
            return False
        rest = CHANGES_ASKED.sub(" ", pq.text)
        for name in sorted({n for d in pq.compare_docs for n in said_names(metas[d])}, key=len, reverse=True):
            rest = rest.replace(name, " ")
        rest = re.sub(r"(?:19|20)\d{2}\s*年?", " ", rest)
        rest = CHANGES_FRAME.sub(" ", rest)
        return len(re.sub(r"[^\u4e00-\u9fff]", "", rest)) <= 2

    @staticmethod
    def _names_its_provisions(pq: ParsedQuery, metas) -> bool:
        """Does the question name the documents it asks about, so that its other words paraphrase one of
        their provisions (a law's are few and on one topic, a plan's on its field)? A government work
        report covers every field of a government's work: naming it fixes no topic, its words must still
        be said ("2022年政府工作报告给救灾资金安排了多少" is not answered by 中央财政资金 2.8万亿元)."""
        return bool(pq.documents) and not any(metas[d].doc_type == "政府工作报告" for d in pq.documents if d in metas)

    @staticmethod
    def _part_kind(pq: ParsedQuery, part: str) -> str:
        """A clause's own kind; "各地…什么时间完成" compares nothing when the question names no two
        regions or documents: it asks what the clause asks of the one named."""
        kind = classify(part)
        if kind == "compare" and not pq.compare_regions and not pq.compare_docs:
            return inner_kind(part)
        return kind

    def _attachment_unheld(self, q: str, draft, passages: list[Passage]) -> str:
        """The title of the cited document when the question asks what its attachment says and the
        document only points to one (“（见附件）”) without holding it (no section 附件…); else ""."""
        if not ATTACHMENT_ASKED.search(q) or not draft.used:
            return ""
        first = passages[draft.used[0]].chunk
        if not any(ATTACHMENT_CITED.search(passages[i].chunk.text) for i in draft.used
                   if passages[i].chunk.doc == first.doc):
            return ""
        if any(c.section.startswith("附件") for c in self.index.store.iter_chunks(first.doc)):
            return ""
        return first.meta.title or first.doc

    @staticmethod
    def _only_elsewhere(pq: ParsedQuery, draft, passages: list[Passage], metas) -> str:
        """A city or county the question names that holds no document, answered only from documents
        of other cities or counties (not its own province's, not national ones): the place named,
        else "". A place inside a held province passes the place filter as a topic of that province's
        documents; a sibling city's regulation does not speak for it."""
        from .retriever import region_matches

        if pq.filters.region or pq.documents or pq.compare_regions or pq.compare_docs or not draft.used:
            return ""
        # (a county by its short name too: "浦东…", "嵊州那年…" — a question names places so)
        places = [m.place for m in find_places(pq.text, abbreviations=False, county_short=True, question=True)
                  if m.place.level in ("city", "county")
                  and not any(region_matches(meta, m.place.name) for meta in metas.values())]
        if not places:
            return ""
        cited = [passages[i].chunk for i in draft.used]
        return next((place.full for place in places if not any(_speaks_for(c, place) for c in cited)), "")

    def _refuse_unknown(self, pq: ParsedQuery, metas, note: str = "") -> Answer:
        """The question names a place or year the library holds nothing for: say so, and show the
        nearest passages as other documents' references, never as the answer."""
        regions = "、".join(sorted({m.region for m in metas.values() if m.region})) or "无"
        if "document" in pq.unknown:
            reason = f"库中没有《{pq.unknown['document']}》" + (
                f"（只有《{pq.unknown['held']}》）" if pq.unknown.get("held") else "")
            flt = replace(pq.filters, docs=(), year=None)  # (the region's other documents are the nearest)
        elif "region" in pq.unknown:
            reason = f"库中没有{pq.unknown['region']}的文件（现有地区：{regions}）"
            flt = replace(pq.filters, region="", year=None)
        else:
            y, r = pq.unknown["year"], pq.unknown.get("region_of_year", "")
            from .retriever import region_matches

            of = sorted({(m.region, m.period) for m in metas.values() if m.period and (not r or region_matches(m, r))})
            if r and len({reg for reg, _ in of}) > 1:  # a city and its districts: say whose year is whose
                reason = f"库中没有{r}{y}年的文件（现有：{'、'.join(f'{reg}{per}年' for reg, per in of)}）"
            else:
                held = sorted({per for _, per in of})
                reason = f"库中没有{r}{y}年的文件（现有{r + '的' if r else ''}年份：{'、'.join(held) or '无'}）"
            flt = replace(pq.filters, year=None)
        passages = self.retriever.retrieve(pq.search_text, k=3, filters=flt) if metas else []
        nearest = [p.to_citation(i + 1) for i, p in enumerate(passages)]
        text = f"{reason}，无法回答。" + ("以下是其他文件中最接近的段落，仅供参考。" if nearest else "") + note
        filters = {"region": pq.filters.region, "year": pq.filters.year, **pq.inferred, "unknown": pq.unknown}
        return Answer(question=pq.text, answer=text, refused=True, citations=[], nearest=nearest, kind=pq.kind,
                      filters=filters, reason=reason)

    def _with_part(self, passages: list[Passage], role: str, pq: ParsedQuery, metas, most: int = 6) -> list[Passage]:
        """The chunks of the part a question points at (the opening, the shortcomings, the review) of the
        documents asked about (named, or the few the filters leave), after the ranked passages (cited
        only if the answer uses them): a paraphrased question may rank none of them."""
        docs = _asked_documents(pq, metas)
        if not docs or len(docs) > 3:
            return passages
        have = {p.chunk.id for p in passages}
        extra = []
        for doc in docs:
            part = (self.index.store.neighbours(doc, 0, 1) if role == OPENING else
                    [c for c in self.index.store.iter_chunks(doc)
                     if section_role(c.section, c.text, c.meta.doc_type) == role])
            extra += [Passage(c, 0.0, {"part": 1.0}) for c in part if c.id not in have
                      and (role != OPENING or is_opening(c.ordinal, c.section))][:most]
        out = passages + extra
        if hasattr(passages, "warning"):
            out = Retrieval(out, passages.warning, getattr(passages, "docs", None))
        return out

    def _with_continuations(self, passages: list[Passage], top: int = 3, ahead: int = 4) -> list[Passage]:
        """A list split across chunks: the next chunks of the same section, after the ranked ones
        (cited only if the answer uses them)."""
        have = {p.chunk.id for p in passages}
        extra = []
        for p in passages[:top]:
            c = p.chunk
            for n in self.index.store.neighbours(c.doc, c.ordinal + 1 + ahead // 2, ahead // 2):
                if n.ordinal > c.ordinal and n.top_section == c.top_section and n.id not in have:
                    have.add(n.id)
                    extra.append(Passage(n, p.score * 0.5, {"continuation": 1.0}))
        return passages + extra

    @staticmethod
    def _number(draft: Draft, passages: list[Passage]) -> tuple[str, list[dict]]:
        order = {pi: n + 1 for n, pi in enumerate(draft.used)}
        # a character the source lost is shown as such in the answer (the citation keeps the raw mark)
        text = re.sub(f"{LOST}+", "【原文缺字】", "\n".join(draft.lines))
        text = re.sub(r"\{(\d+)\}", lambda m: f"[{order[int(m.group(1))]}]", text)
        citations = []
        for pi in draft.used:
            c = passages[pi].to_citation(order[pi])
            c["highlight"] = draft.highlights.get(pi, [])
            citations.append(c)
        return text, citations


def _ends_with_head(p: Passage) -> bool:
    """Whether a passage ends with a review's run-in head ("应急管理协同需要加强。"), its body cut off."""
    spans = split_sentences(p.chunk.text)
    return bool(spans) and is_run_in_head(p.chunk.text[spans[-1][0]:spans[-1][1]])


def _looking_back(passages: list[Passage], year: int | None) -> list[Passage]:
    """"绍兴2021年…控制目标是多少", held only in the 2022 plan: that plan speaks of 2021 where it
    reviews it, or names the year; its own targets are for 2022 and do not answer. All the passages
    when no earlier year is asked."""
    if not year:
        return passages
    # (the year itself, not the end of a baseline period: "同比2019—2021三年平均值" is no look back)
    named = re.compile(rf"(?<![—–\-~～至]){year}(?!\s*[—–\-~～至])")
    return [p for p in passages if named.search(p.chunk.text)
            or section_role(p.chunk.section, p.chunk.text, p.chunk.meta.doc_type) == ACHIEVEMENT]

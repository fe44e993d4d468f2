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
from planqa.rules import DEFAULT_WEIGHTS, DRAFT_REFERENCE, GENRE_WORDS, Weights
from planqa.records import Answer, Passage

from .evidence import query_terms
from .extractive import Draft, answer_extractive
from .query import ParsedQuery, _find_regions, parse_query, region_names
from .retriever import Filters, HybridRetriever, Retrieval

REFUSAL = "未在文件中找到该问题的答案。以下是最接近的段落，供参考。"
MAX_QUESTION = 400


def _norm(s: str) -> str:
    return s.replace("（", "(").replace("）", ")")


def _names_part(ref: str, part: str) -> bool:
    """Does a reference from the question ("(二)", "第三章", "第12项", "第三条") name this section label?"""
    m = re.fullmatch(r"第(\d{1,3})[条项]", ref)
    if m:  # "第12项" is item "12." / "12、" of a plan; "第3条" is a law's 第三条
        import cn2an

        if part.startswith(f"第{cn2an.an2cn(int(m.group(1)))}条"):
            return True
        return re.match(rf"{m.group(1)}[.．、]", part) is not None
    if ref.endswith("条"):  # an article: the path element is exactly it ("第三条" is not "第三十三条")
        return re.match(rf"{ref}(?![一二三四五六七八九十百零〇])", part) is not None
    return ref in part


def _names_path(ref: str, section: str) -> bool:
    return any(_names_part(ref, part) for part in _norm(section).split(" > "))


def resolve_followup(question: str, history: list[str], metas) -> str:
    """"那绍兴呢?" after "2022年燃气安全排查整治由谁牵头?" → the same question about 绍兴."""
    if not history:
        return question
    q = question.strip()
    short = len(re.sub(r"[^\w\u4e00-\u9fff]", "", q)) <= 10
    if not (short and (q.startswith(("那", "那么", "还有", "另外", "和", "与")) or q.rstrip("?？ ").endswith("呢"))):
        return question
    prev = history[-1]
    new_regions = _find_regions(q, metas)
    new_year = re.search(r"20\d{2}\s*年", q)
    out = prev
    if new_regions:
        old = _find_regions(prev, metas)
        out = out.replace(old[0], new_regions[0]) if old else new_regions[0] + out
    if new_year:
        old_year = re.search(r"20\d{2}\s*年", prev)
        out = out.replace(old_year.group(0), new_year.group(0)) if old_year else new_year.group(0) + out
    return out if out != prev else f"{prev} {q}"


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

    def parse(self, question: str, region: str | None = None, year: int | None = None,
              history: list[str] | None = None, docs: list[str] | None = None,
              doc_type: str | None = None) -> ParsedQuery:
        """The question understood, with the caller's filters (documents, type) added to its own."""
        metas = self.index.store.metas()
        q = resolve_followup(question.strip(), history or [], metas)
        df = self.index.lexical.df
        pq = parse_query(q, metas, region or "", year, mentioned=lambda term: df.get(term.lower(), 0) > 0)
        if not self.understand:
            pq = replace(pq, search_text=q, core=q, filters=Filters(region=region or "", year=year), inferred={},
                         compare_regions=[], kind="fact" if pq.kind in ("compare", "section") else pq.kind)
        if docs or doc_type:
            pq = replace(pq, filters=replace(pq.filters, docs=tuple(docs or ()), doc_type=doc_type or ""))
        return pq

    def search(self, question: str, region: str | None = None, year: int | None = None, k: int = 10,
               doc_type: str | None = None) -> list[Passage]:
        """The ranked passages the answer is built from (what retrieval metrics score)."""
        pq = self.parse(question, region, year, doc_type=doc_type)
        if pq.kind == "compare" and pq.compare_regions:
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
        for i, flt in enumerate(tries):
            passages = self.retriever.retrieve(pq.search_text, k=k, filters=flt)
            if passages:
                if pq.section_refs and self.understand:
                    # structure-aware: the section the question names comes first
                    named = [Passage(c, 1.0, {"structure": 1.0}) for c in self._section_chunks(pq, [p.chunk.doc for p in passages])[:3]]
                    seen = {p.chunk.id for p in named}
                    passages = Retrieval((named + [p for p in passages if p.chunk.id not in seen])[:k], passages.warning)
                if not i:
                    return passages, {}
                from .retriever import explain_no_match

                why = explain_no_match(self.index.store.metas(), f)
                return passages, {"relaxed_from": {"region": f.region, "year": f.year}, "relaxed_why": why}
        return passages, {}  # the last, empty Retrieval: its warning still says why

    def _compare(self, pq: ParsedQuery) -> tuple[list[Passage], dict[str, list[int]]]:
        passages: Retrieval = Retrieval()
        groups: dict[str, list[int]] = {}
        if pq.compare_regions:
            from .retriever import matching_docs

            metas = self.index.store.metas()
            for region in pq.compare_regions:
                docs = matching_docs(metas, replace(pq.filters, region=region)) or []
                if not docs:  # a region the library lacks: its line says so, no other region's text
                    groups[region] = []
                    continue
                # "上海和崇明": 上海 means the city's plans, not the district's that 崇明 names
                others = [o for o in pq.compare_regions if o != region]
                own = [d for d in docs if not any(o in metas[d].region and o not in region for o in others)]
                got = self.retriever.retrieve(pq.search_text, k=3, filters=replace(pq.filters, docs=tuple(own or docs)))
                groups[region] = list(range(len(passages), len(passages) + len(got)))
                passages.extend(got)
                passages.warning = passages.warning or got.warning
            return passages, groups
        passages, _ = self._retrieve(pq)
        for i, p in enumerate(passages):
            m = p.chunk.meta
            groups.setdefault(f"{m.region}（{m.period}）", []).append(i)
        return passages, groups

    def _section_chunks(self, pq: ParsedQuery, ranked_docs: list[str]) -> list:
        """Chunks under the section the question names ("(二)", "第三章", "3."), in the best-ranked
        document that has such a section; empty when none does."""
        from .retriever import matching_docs

        if not pq.section_refs:
            return []
        metas = self.index.store.metas()
        allowed = matching_docs(metas, pq.filters) or list(metas)
        refs = [_norm(r) for r in pq.section_refs]
        for doc in dict.fromkeys([d for d in ranked_docs if d in allowed] + sorted(allowed)):
            chunks = [c for c in self.index.store.iter_chunks(doc) if all(_names_path(r, c.section) for r in refs)]
            if chunks:
                return chunks
        return []

    def _section(self, pq: ParsedQuery, passages: list[Passage]) -> tuple[Draft, list[Passage]] | None:
        """"(二)里有哪些任务" / "第三章说了什么": answer from the section tree itself."""
        from .evidence import Sentence

        chunks = self._section_chunks(pq, [p.chunk.doc for p in passages])
        if not chunks:
            return None
        refs = [_norm(r) for r in pq.section_refs]
        d = Draft()
        head_parts = chunks[0].section.split(" > ")
        depth = max(i for i, part in enumerate(head_parts) if _names_part(refs[-1], _norm(part))) + 1
        heading = " > ".join(head_parts[:depth])
        children: list[str] = []
        for c in chunks:
            parts = c.section.split(" > ")
            if len(parts) > depth and parts[depth] not in children:
                children.append(parts[depth])
        cited = [Passage(c, 1.0) for c in chunks[:8]]
        sent = [Sentence(i, 0, min(len(c.text), 60), c.text[:60], 1.0, 1.0) for i, c in enumerate(chunks[:8])]
        cites = "".join(d.cite(s) for s in sent[: max(1, min(len(sent), 6))])
        title = chunks[0].meta.title
        from .extractive import _doc_label

        if getattr(chunks[0], "article", "") and not children:  # a law's article, whole, with its version
            text = "".join(c.text for c in chunks if c.article == chunks[0].article)
            d.lines.append(f"{_doc_label(cited[0])}规定：{text}{cites}")
        elif children:
            d.lines.append(f"《{title}》“{heading}”包括：" + "；".join(children) + "。" + cites)
        else:
            d.lines.append(f"《{title}》“{heading}”：{chunks[0].text}{cites}")
        return d, cited

    def _outline(self, pq: ParsedQuery, passages: list[Passage]) -> tuple[Draft, list[Passage]] | None:
        """"这份要点分哪几个方面": the document's top-level sections."""
        from .evidence import Sentence
        from .retriever import matching_docs

        metas = self.index.store.metas()
        allowed = matching_docs(metas, pq.filters)
        docs = [p.chunk.doc for p in passages if allowed is None or p.chunk.doc in allowed]
        if not docs:
            return None
        doc = docs[0]
        firsts: dict[str, object] = {}
        for c in self.index.store.iter_chunks(doc):
            if c.top_section and c.top_section not in firsts:
                firsts[c.top_section] = c
        from ingest.structure import match_marker, numeral_value

        # a plan in chapters is outlined by its chapters, in their numbered order (a scrape may have
        # the pages out of order; sections cut loose from their chapter are not chapters)
        by_number: dict[int, tuple[str, object]] = {}
        for k, c in firsts.items():
            hit = match_marker(k, 0)
            if hit and hit[0] == 0:
                by_number.setdefault(numeral_value(hit[1]) or 0, (k, c))
        if len(by_number) >= 2:
            firsts = dict(by_number[n] for n in sorted(by_number))
        if len(firsts) < 2:
            return None
        chunks = list(firsts.values())
        cited = [Passage(c, 1.0) for c in chunks]
        d = Draft()
        cites = "".join(d.cite(Sentence(i, 0, 0, c.text[:40], 1.0, 1.0)) for i, c in enumerate(chunks))
        d.lines.append(f"《{chunks[0].meta.title}》共{len(chunks)}个部分：" + "；".join(firsts) + "。" + cites)
        return d, cited

    # --- the chain ------------------------------------------------------------------------------
    def ask(self, question: str, region: str | None = None, year: int | None = None,
            history: list[str] | None = None, docs: list[str] | None = None, doc_type: str | None = None) -> Answer:
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
        groups = None
        if pq.kind == "compare":
            passages, groups = self._compare(pq)
            info: dict = {}
        else:
            passages, info = self._retrieve(pq)
        warning = getattr(passages, "warning", "")  # this request's own, from its Retrieval
        # places say where, not what: they are filters, never evidence terms
        drop = [n for m in metas.values() for n in region_names(m)]
        # a document the question names, its version words and a genre's name are filters, not evidence
        # (应急预案 and 规划 are also topics: they stay)
        for d in pq.documents:
            drop += [metas[d].title, getattr(metas[d], "work", "")]
        drop += list(GENRE_WORDS)
        if pq.kind == "compare":  # "绍兴和宁波…": a compared place the library lacks is a filter too
            drop += [m.surface for m in find_places(q, abbreviations=True, county_short=True)]
        qt = query_terms(pq.core or pq.text, self.index.lexical.idf, drop=drop, weights=self.weights)
        if pq.inferred.get("reviewed_year") and qt.terms:
            # the year looked back on is what tells its figures from the five-year review's
            qt.terms[str(pq.inferred["reviewed_year"])] = max(qt.terms.values())
        structural = None
        if pq.kind == "section" and pq.section_refs:
            structural = self._section(pq, passages)
        elif pq.kind == "outline":
            structural = self._outline(pq, passages)
        elif DRAFT_REFERENCE.search(pq.text) and self.understand:
            structural = self._draft_references(pq)
        if structural is not None:
            draft, passages = structural
        else:
            if pq.kind == "list":
                passages = self._with_continuations(passages)
            draft = answer_extractive(q, pq.kind, passages, qt, groups, weights=self.weights)
        filters = {"region": pq.filters.region, "year": pq.filters.year, **pq.inferred, **info}
        if warning:
            filters["warning"] = warning
        if draft.refused or not passages:
            nearest = [p.to_citation(i + 1) for i, p in enumerate(passages[:3])]
            reason = draft.reason
            if reason and pq.filters.region and not info.get("relaxed_from"):
                reason = reason.replace("检索到的段落都", f"{pq.filters.region}文件中最相关的段落都")
            text = REFUSAL if not reason else REFUSAL.replace("。", f"：{reason}。", 1)
            return Answer(question=q, answer=text + note, refused=True, citations=[], nearest=nearest,
                          kind=pq.kind, filters=filters, reason=reason)
        text, citations = self._number(draft, passages)
        if self.use_llm:
            from .llm import LLMError, llm_answer

            try:
                text, citations = llm_answer(self.index.settings, q, passages, citations)
            except LLMError as e:
                filters["llm_error"] = str(e)
        if info.get("relaxed_from"):
            text = f"（{info.get('relaxed_why') or '按所给地区/年份未找到'}，以下为放宽条件后的结果）" + text
        return Answer(question=q, answer=text + note, refused=False, citations=citations, kind=pq.kind, filters=filters,
                      partial=draft.partial)

    def _draft_references(self, pq: ParsedQuery) -> tuple[Draft, list[Passage]] | None:
        """"起草防汛防台一节应参考哪些文件章节?": the task sections the drafter would draw on, one line
        each (document, section path, its opening sentence), found by the drafting code's own search."""
        from .drafting import Drafter
        from .evidence import Sentence, split_sentences

        topic = re.sub(r"一节|一章|这一?部分|章节|部分|文件|哪些|什么|有关|相关|方面的?|应当?|需要|工作|任务|内容|措施|的|，|,",
                       " ", pq.core).strip() or pq.core
        drafter = Drafter(self.index, per_theme=5, use_llm=False)
        drafter._used_sections = set()  # one search, not a whole draft
        _name, query, must = drafter._themes([topic.split()[0] if topic.split() else topic])[0]
        items = drafter._items(f"{topic} {query}", must, [])
        if not items:
            return None
        d = Draft()
        passages = [Passage(c, 1.0, {"drafting": 1.0}) for c, _, _ in items]
        d.lines.append(f"起草“{topic}”可参考以下{len(items)}处已有文件章节：")
        for i, (c, title, body) in enumerate(items):
            spans = split_sentences(c.text)
            a, b = spans[0] if spans else (0, len(c.text))
            s = Sentence(i, a, b, c.text[a:b].strip(), 1.0, 1.0)
            d.lines.append(f"{i + 1}. 《{c.meta.title}》（{c.meta.region or '地区未识别'}）“{c.section}”：{s.text}{d.cite(s)}")
        return d, passages

    def _refuse_unknown(self, pq: ParsedQuery, metas, note: str = "") -> Answer:
        """The question names a place or year the library holds nothing for: say so, and show the
        nearest passages as other documents' references, never as the answer."""
        regions = "、".join(sorted({m.region for m in metas.values() if m.region})) or "无"
        if "document" in pq.unknown:
            reason = f"库中没有《{pq.unknown['document']}》"
            flt = replace(pq.filters, docs=())
        elif "region" in pq.unknown:
            reason = f"库中没有{pq.unknown['region']}的文件（现有地区：{regions}）"
            flt = replace(pq.filters, region="", year=None)
        else:
            y, r = pq.unknown["year"], pq.unknown.get("region_of_year", "")
            from .retriever import region_matches

            held = sorted({m.period for m in metas.values() if m.period and (not r or region_matches(m, r))})
            reason = f"库中没有{r}{y}年的文件（现有{r + '的' if r else ''}年份：{'、'.join(held) or '无'}）"
            flt = replace(pq.filters, year=None)
        passages = self.retriever.retrieve(pq.search_text, k=3, filters=flt) if metas else []
        nearest = [p.to_citation(i + 1) for i, p in enumerate(passages)]
        text = f"{reason}，无法回答。" + ("以下是其他文件中最接近的段落，仅供参考。" if nearest else "") + note
        filters = {"region": pq.filters.region, "year": pq.filters.year, **pq.inferred, "unknown": pq.unknown}
        return Answer(question=pq.text, answer=text, refused=True, citations=[], nearest=nearest, kind=pq.kind,
                      filters=filters, reason=reason)

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

"""Questions about the library itself ("库里山东省关于气象灾害防御的地方性法规有哪几部?"): answered
from the documents' metadata (title, type, region, year), each document cited by its opening passage."""
from __future__ import annotations

import re
from itertools import islice

from ingest.docstore import DocStore
from planqa.config import DOC_TYPE_GROUPS, DOC_TYPES
from planqa.gazetteer import Mention, Place, find_places, lookup
from planqa.records import DocMeta, Passage
from planqa.rules import (
    BASIS_CLAUSE, BASIS_TO_MAKING, CATALOGUE_FRAME, DATE_LINE, DOC_FACT_QUESTION, ORDER_NUMBER, WHICH_DOCUMENT,
)

from .extractive import Draft


def asked_types(q: str) -> tuple[str, ...]:
    """The document types a question names (地方性法规; 法规 stands for all with legal force)."""
    named = [t for t in DOC_TYPES if t != "其他" and t in q]
    for group, types in DOC_TYPE_GROUPS.items():
        if group in q and not any(t in q for t in types):
            named += types
    if not named and re.search(r"条例|办法", q):  # "哪几部条例": regulations of any rank
        named = list(DOC_TYPE_GROUPS["法规"])
    return tuple(dict.fromkeys(named))


def within(region: str, place: Place) -> bool:
    """Is a document's region the asked place or inside it (济南市 is inside 山东省)?"""
    for p in lookup(region):
        if p == place or place.level == "province" and p.province == place.name \
                or place.level == "city" and p.city == place.name:
            return True
    return False


def topic_words(q: str, places: list[str], types: tuple[str, ...]) -> list[str]:
    """The words a title must hold: the question without its places, types and the words that ask."""
    import jieba

    rest = q
    for w in sorted([*places, *types, *DOC_TYPE_GROUPS], key=len, reverse=True):
        rest = rest.replace(w, " ")
    rest = CATALOGUE_FRAME.sub(" ", rest)
    return [w for w in jieba.cut(rest) if len(w.strip()) >= 2 and re.search(r"[\u4e00-\u9fff]", w)]


def criteria(q: str) -> tuple[list[Mention], tuple[str, ...], list[str]]:
    """What a catalogue question asks for: the places, the document types and the title words."""
    mentions = find_places(q, abbreviations=True)
    types = asked_types(q)
    return mentions, types, topic_words(q, [m.surface for m in mentions], types)


def matching(metas: dict[str, DocMeta], mentions: list[Mention], types: tuple[str, ...],
             words: list[str]) -> list[str]:
    """The documents a catalogue question describes, oldest first."""
    out = []
    for doc, m in metas.items():
        if types and m.doc_type not in types:
            continue
        if mentions and not any(within(m.region, x.place) for x in mentions):
            continue
        if all(w in m.title for w in words):
            out.append(doc)
    return sorted(out, key=lambda d: (metas[d].year_from or 0, metas[d].title))


def answer_catalogue(store: DocStore, q: str) -> tuple[Draft, list[Passage]]:
    """One line per document the question describes, cited by its opening passage; refused, with the
    reason, when the library holds none."""
    from .evidence import Sentence, split_sentences

    mentions, types, words = criteria(q)
    if WHICH_DOCUMENT.search(q) and types:  # "这几份文件中属于规划的是哪一份": the type says it all
        words = []
    docs = matching(store.metas(), mentions, types, words)
    d = Draft()
    if not docs:
        said = "、".join(m.surface for m in mentions) + (f"标题含“{''.join(words)}”的" if words else "") \
            + ("、".join(types) if types else "文件")
        d.refused = True
        d.reason = f"库中没有{said}"
        return d, []
    passages = []
    for doc in docs:
        first = next(store.iter_chunks(doc), None)
        if first is not None:
            passages.append(Passage(first, 1.0, {"catalogue": 1.0}))
    d.lines.append(f"库中共有{len(passages)}部：")
    for i, p in enumerate(passages):
        m = p.chunk.meta
        spans = split_sentences(p.chunk.text)
        a, b = spans[0] if spans else (0, len(p.chunk.text))
        s = Sentence(i, a, b, p.chunk.text[a:b].strip(), 1.0, 1.0)
        facts = "，".join(x for x in (m.region or "地区未识别", m.doc_type, getattr(m, "version", "")
                                      or (f"{m.period}年" if m.period else "")) if x)
        d.lines.append(f"{i + 1}. 《{m.title}》（{facts}）{d.cite(s)}")
    return d, passages


def asked_fact(q: str) -> str:
    """The fact about a document itself a question asks ("region", "issuer"), or ""."""
    return next((field for field, rx in DOC_FACT_QUESTION.items() if rx.search(q)), "")


def answer_document_fact(store: DocStore, q: str, docs: list[str]) -> tuple[Draft, list[Passage]] | None:
    """"2020年那份要点到底是哪个市的": the one document's place or issuer from its metadata, cited
    by the first passage that says it (its opening when none does); None when the question is not
    about one document or the field is not known."""
    from .evidence import Sentence, split_sentences

    field = asked_fact(q)
    if not field or len(docs) != 1:
        return None
    if field == "date":
        return _document_date(store, docs[0])
    if field == "basis":
        return _document_basis(store, docs[0])
    if field == "exists":
        return _document_held(store, docs[0])
    if field == "addressees":
        return _document_addressees(store, docs[0])
    meta = store.metas()[docs[0]]
    value = {"region": meta.region, "issuer": meta.issuer}[field]
    if not value:
        return None
    probes = {"region": [p.short or p.name for p in lookup(meta.region)[:1]] + [meta.region],
              "issuer": [meta.issuer]}[field]
    chunks = list(store.iter_chunks(docs[0]))
    said_in = [c for c in chunks if any(x and x in c.text for x in probes)]
    if field == "issuer" and not said_in:
        return None  # an issuer the text does not name is the inference of the metadata, not an answer
    chunk = said_in[0] if said_in else (chunks[0] if chunks else None)
    if chunk is None:
        return None
    spans = split_sentences(chunk.text)
    saying = [(a, b) for a, b in spans if any(x and x in chunk.text[a:b] for x in probes)]
    # the issuer named with its order ("交通运输部令2026年第11号公布 自2026年9月1日起施行") says the most
    ordered = [(a, b) for a, b in saying if field == "issuer" and ORDER_NUMBER.search(chunk.text[a:b])]
    a, b = (ordered or saying or spans or [(0, len(chunk.text))])[0]
    d = Draft()
    s = Sentence(0, a, b, chunk.text[a:b].strip(), 1.0, 1.0)
    said = {"region": f"是{value}的文件", "issuer": f"的发文单位是{value}"}[field]
    d.lines.append(f"《{meta.title}》{said}。{d.cite(s)}")
    d.lines.append(f"原文：{s.text}{d.cite(s)}")
    return d, [Passage(chunk, 1.0, {"metadata": 1.0})]


def _document_basis(store: DocStore, doc: str, opening: int = 800) -> tuple[Draft, list[Passage]] | None:
    """What the document says it was made on, from its opening: the first sentence there with 根据/依据
    (a plan's preamble, a law's 第一条), cited; None when its opening names no basis."""
    from .evidence import Sentence, split_sentences

    seen = 0
    for chunk in islice(store.iter_chunks(doc), 2):
        spans = split_sentences(chunk.text)
        for i, (a, b) in enumerate(spans):
            if seen + a > opening:
                return None
            m = BASIS_CLAUSE.search(chunk.text, a, b)
            if m:
                if not re.search(r"制定|编制|制订", chunk.text[m.end():b]) and i + 1 < len(spans):
                    # (the sentence ends before its verb of making: it runs on in the next one)
                    joined = BASIS_TO_MAKING.search(chunk.text, a, spans[i + 1][1])
                    if joined:
                        m, b = joined, spans[i + 1][1]
                d = Draft()
                s = Sentence(0, a, b, chunk.text[a:b].strip(), 1.0, 1.0)
                d.lines.append(f"《{chunk.meta.title}》的制定依据：{chunk.text[m.start():m.end(1)].strip()}。{d.cite(s)}")
                d.lines.append(f"原文：{s.text}{d.cite(s)}")
                return d, [Passage(chunk, 1.0, {"metadata": 1.0})]
        seen += len(chunk.text)
    return None


# a notice's salutation (主送机关, GB/T 9704): a line of its head naming bodies and ending with a colon
_SALUTATION = re.compile(r"^\s*((?:各|全)?[^\n。；]{2,80}?"
                         r"(?:局|委|办|厅|室|处|单位|部门|政府|公司|机构|组织|集团|院|校))\s*[：:]\s*$", re.M)


def _document_addressees(store: DocStore, doc: str, head: int = 400) -> tuple[Draft, list[Passage]] | None:
    """"是印发给哪些单位的": the notice's salutation line at its head, cited; None when its head has
    none (a plan printed without its cover notice, a law)."""
    from .evidence import Sentence

    chunk = next(iter(store.iter_chunks(doc)), None)
    m = _SALUTATION.search(chunk.text[:head]) if chunk is not None else None
    if m is None:
        return None
    d = Draft()
    s = Sentence(0, m.start(1), m.end(1), m.group(1), 1.0, 1.0)
    d.lines.append(f"《{chunk.meta.title}》印发给：{m.group(1)}。{d.cite(s)}")
    return d, [Passage(chunk, 1.0, {"metadata": 1.0})]


def _document_held(store: DocStore, doc: str) -> tuple[Draft, list[Passage]] | None:
    """"北京有没有自己的消防条例": yes — the held document named, with what is known of it (type, issuer,
    version), cited by its opening (a law's 第一条, a plan's first lines); None when it has no text."""
    from .evidence import Sentence, split_sentences

    chunk = next(iter(store.iter_chunks(doc)), None)
    if chunk is None:
        return None
    meta = store.metas()[doc]
    spans = split_sentences(chunk.text)
    # (its opening sentence: the first with words of its own, not the title line alone)
    a, b = next(((a, b) for a, b in spans if len(chunk.text[a:b].strip()) > len(meta.title) + 4),
                spans[0] if spans else (0, len(chunk.text)))
    known = "，".join(x for x in (meta.doc_type if meta.doc_type != "其他" else "", meta.issuer, meta.version) if x)
    d = Draft()
    s = Sentence(0, a, b, chunk.text[a:b].strip(), 1.0, 1.0)
    d.lines.append(f"有。库中有《{meta.title}》" + (f"（{known}）" if known else "") + f"。{d.cite(s)}")
    d.lines.append(f"原文：{s.text}{d.cite(s)}")
    return d, [Passage(chunk, 1.0, {"metadata": 1.0})]


def _document_date(store: DocStore, doc: str) -> tuple[Draft, list[Passage]] | None:
    """The date a document carries on a line of its own at its head or its end ("2020-03-15" under
    the title), cited there; None when it carries none (a law's dates are in its own sentences)."""
    from .evidence import Sentence

    chunks = list(store.iter_chunks(doc))
    for chunk in chunks[:1] + chunks[-1:]:
        m = DATE_LINE.search(chunk.text)
        if m:
            d = Draft()
            s = Sentence(0, m.start(1), m.end(1), m.group(1), 1.0, 1.0)
            d.lines.append(f"《{chunk.meta.title}》标注的日期是{m.group(1)}。{d.cite(s)}")
            return d, [Passage(chunk, 1.0, {"metadata": 1.0})]
    return None

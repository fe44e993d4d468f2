"""Answers read from the section tree rather than from sentences: a named section ("(三)里有哪些
任务", "第三章说了什么", a law's "第三条"), a document's outline ("分哪几个方面"), and the sections a
drafter should consult ("起草…应参考哪些文件章节", found by the drafting code's own search).
"""
from __future__ import annotations

import functools
import re

from ingest.docstore import DocStore
from ingest.index import Index
from planqa.records import Chunk, Passage
from planqa.rules import (COUNTED_SET_ASKED, COUNTED_WHOLE, ITEMS_COUNTED, NAMED_PART_COUNT, OUTLINE_OF,
                          OUTLINE_QUESTION, PARTS_COUNTED, RUN_IN_HEAD, SECTION_BY_TOPIC, SECTION_ITEMS_COUNTED,
                          SECTION_REF, SECTION_WHOLE_WORDS, TITLED_SECTION, Kind)

from .extractive import Draft
from .query import ParsedQuery


def _norm(s: str) -> str:
    return s.replace("（", "(").replace("）", ")")


def names_part(ref: str, part: str) -> bool:
    """Does a reference from the question ("(二)", "第三章", "第12项", "第三条") name this section label?"""
    m = re.fullmatch(r"第(\d{1,3})[条项]", ref)
    if m:  # "第12项" is item "12." / "12、" of a plan; "第3条" is a law's 第三条
        import cn2an

        if part.startswith(f"第{cn2an.an2cn(int(m.group(1)))}条"):
            return True
        return re.match(rf"{m.group(1)}[.．、]", part) is not None
    m = re.fullmatch(r"第([一二三四五六七八九十]+)大?(?:部分|块|板块)", ref)
    if m:  # "第三部分": a part of that name, or the third top part of a plan (三、)
        return ref in part or part.startswith(f"{m.group(1)}、")
    if ref.endswith("条"):  # an article: the path element is exactly it ("第三条" is not "第三十三条")
        return re.match(rf"{ref}(?![一二三四五六七八九十百零〇])", part) is not None
    return ref in part


def names_path(ref: str, section: str) -> bool:
    """Whether ``ref`` names any part of the section path."""
    return any(names_part(ref, part) for part in _norm(section).split(" > "))

def asks_within(q: str, heading: str = "") -> Kind | None:
    """The kind of the one thing a question asks inside a named section ("第三章列出的九大行业领域是
    哪些" → list, "(五)里…的比例要求是多少" → number), None when it asks the section as a whole
    ("(二)里有哪些任务", "第三章说了什么", "第五章保障措施包括哪几个方面" when 第五章 is 保障措施:
    ``heading`` is the named section's path); a law's article is always said whole."""
    from .query import classify

    refs = list(SECTION_REF.finditer(q))
    titled = TITLED_SECTION.search(q)
    # (a law's 第十二条, in Chinese numerals; "第18条" in digits is how a plan's item 18. is said)
    if not refs and not titled or any(
            re.fullmatch(r"第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十])?", m.group(0)) for m in refs):
        return None
    rest = TITLED_SECTION.sub(" ", SECTION_REF.sub(" ", q))
    rest = re.sub(r"[“\"][^”\"]{2,40}[”\"]", " ", rest)  # the section's quoted title
    kind = classify(rest)
    if kind in (Kind.NUMBER, Kind.DEADLINE, Kind.LEAD):
        return kind
    asked = [m.group(1) for m in re.finditer(r"(?:哪些|哪几[个项条类]?|什么)([\u4e00-\u9fff]{1,6})", rest)]
    asked += [m.group(1) for m in re.finditer(r"([\u4e00-\u9fff]{2,8}?)(?:都|分别)?(?:是|有|包括)(?:哪些|哪几|什么)",
                                              rest)]
    asked = [re.sub(r"^(?:的|中|里|列出的|提出的|明确的|主要|具体|重点)+|(?:呢|吗|啊)$", "", a) for a in asked]
    if any(a and a not in SECTION_WHOLE_WORDS and a not in heading and not re.fullmatch(r"[说讲写提了有的是]+", a)
           for a in asked):
        return kind if kind in (Kind.LIST, Kind.FACT) else Kind.FACT
    return None


def section_chunks(store: DocStore, pq: ParsedQuery, ranked_docs: list[str]) -> list[Chunk]:
    """Chunks under the section the question names ("(二)", "第三章", "3."), in the best-ranked
    document that has such a section; empty when none does."""
    from .retriever import matching_docs

    if not pq.section_refs:
        return []
    metas = store.metas()
    allowed = matching_docs(metas, pq.filters) or list(metas)
    refs = [_norm(r) for r in pq.section_refs]
    for doc in dict.fromkeys([d for d in ranked_docs if d in allowed] + sorted(allowed)):
        chunks = [c for c in store.iter_chunks(doc) if all(names_path(r, c.section) for r in refs)]
        if chunks:
            return chunks
    return []

def _article_number(label: str) -> int | None:
    """"第四十五条" / "第45条" → 45; None for anything else (a 章, an item "3.")."""
    import cn2an

    m = re.fullmatch(r"第([一二三四五六七八九十百零〇\d]+)条", label)
    if not m:
        return None
    try:
        return int(cn2an.cn2an(m.group(1), "smart"))
    except ValueError:
        return None


def _articles(store: DocStore, doc: str) -> set[int]:
    return set(_article_texts(store, doc))


def missing_article(store: DocStore, pq: ParsedQuery) -> tuple[Draft | None, str, str]:
    """"地震监测管理条例第四十五条是怎么规定的" when that regulation ends at 第四十条: the named
    document has no such article, so there is nothing to quote — a refusal that says so, not the
    nearest article. When another version of the same law has it (the in-force 北京市安全生产条例 has
    66 articles, its 2016 version 98), that version's id is returned with the note to put before its
    text. (None, "", "") when the question names no document or no article, or the article exists."""
    import cn2an

    from .retriever import matching_docs

    asked = [(r, n) for r in pq.section_refs if (n := _article_number(r)) is not None]
    metas = store.metas()
    # the document named, or the only one the question's place leaves ("宁波那个规定第40条")
    docs = list(pq.documents) or ((matching_docs(metas, pq.filters) or []) if pq.filters.region else [])
    if len(docs) != (len(pq.documents) or 1) or not asked:
        return None, "", ""
    said = []
    for doc in docs:
        numbers = _articles(store, doc)
        if not numbers:  # not a law (a plan's "第3条" is its item 3.): nothing to say about articles
            return None, "", ""
        if any(n in numbers for _, n in asked):
            return None, "", ""
        m = metas.get(doc)
        label = f"《{m.title}》" + (f"（{m.version}）" if m and m.version else "") if m else doc
        said.append(f"{label}没有{asked[0][0]}（共{cn2an.an2cn(max(numbers))}条）")
        work = m.work if m else ""
        others = [d for d, o in metas.items() if work and o.work == work and d not in docs
                  and any(n in _articles(store, d) for _, n in asked)]
        if len(docs) == 1 and others:
            other = max(others, key=lambda d: metas[d].year or 0)  # the latest version that has it
            return None, other, f"（{said[0]}；以下为{metas[other].version or '其他'}版的规定）"
    d = Draft(refused=True)
    d.reason = "；".join(said)
    return d, "", ""


def answer_section(store: DocStore, pq: ParsedQuery, passages: list[Passage]) -> tuple[Draft, list[Passage]] | None:
    """"(二)里有哪些任务" / "第三章说了什么": answer from the section tree itself."""
    from .evidence import Sentence

    chunks = section_chunks(store, pq, [p.chunk.doc for p in passages])
    if not chunks:
        return None
    refs = [_norm(r) for r in pq.section_refs]
    d = Draft()
    head_parts = chunks[0].section.split(" > ")
    depth = max(i for i, part in enumerate(head_parts) if names_part(refs[-1], _norm(part))) + 1
    heading = " > ".join(head_parts[:depth])
    children: list[str] = []
    for c in chunks:
        parts = c.section.split(" > ")
        if len(parts) == depth:  # a chunk that opens the section may hold its first child too
            children += [h for h in _inner_headings(c.text) if h not in children]
        if len(parts) > depth and parts[depth] not in children:
            children.append(parts[depth])
    children = _one_rank(children)
    cited = [Passage(c, 1.0) for c in chunks[:8]]
    sent = [Sentence(i, 0, min(len(c.text), 60), c.text[:60], 1.0, 1.0) for i, c in enumerate(chunks[:8])]
    cites = "".join(d.cite(s) for s in sent[: max(1, min(len(sent), 6))])
    title = chunks[0].meta.title
    from .extractive import _doc_label

    # a law's article is the unit it is cited by: said whole, with its version, its 项 not cut to labels
    if getattr(chunks[0], "article", "") and (not children or refs[-1].endswith("条")):
        text = "".join(c.text for c in chunks if c.article == chunks[0].article)
        text = re.sub(rf"^\s*{chunks[0].article}\s*", "", text)  # the label already names it
        d.lines.append(f"{_doc_label(cited[0])}规定：{text}{cites}")
    elif children:
        d.lines.append(f"《{title}》“{heading}”包括：" + "；".join(children) + "。" + cites)
    else:
        d.lines.append(f"《{title}》“{heading}”：{chunks[0].text}{cites}")
    return d, cited


def _inner_headings(text: str) -> list[str]:
    """Headings inside a chunk's text after its first line ("第五章保障措施一、强化组织保障…": the
    chapter's chunk holds its first section), as the section tree labels them."""
    from ingest.structure import find_headings

    return [f"{h.marker}{h.title}" for h in find_headings(text) if h.start > 0 and h.rank >= 2]


def _one_rank(children: list[str]) -> list[str]:
    """The children of one section are of one rank: the highest rank among them (an item's ① found
    inside a chunk is not a sibling of 一、)."""
    from ingest.structure import match_marker

    ranks = {c: (match_marker(c, 0) or (99, ""))[0] for c in children}
    top = min(ranks.values(), default=99)
    return [c for c in children if ranks[c] == top] if top < 99 else children


def _top_parts(chunks: list[Chunk]) -> dict[str, Chunk]:
    """A document's top-level sections, each with the chunk that opens it."""
    from ingest.structure import match_marker, numeral_value

    firsts: dict[str, Chunk] = {}
    for c in chunks:
        if c.top_section and c.top_section not in firsts:
            firsts[c.top_section] = c
    # a plan in chapters is outlined by its chapters, in their numbered order (a scrape may have
    # the pages out of order; sections cut loose from their chapter are not chapters)
    by_number: dict[int, tuple[str, Chunk]] = {}
    for k, c in firsts.items():
        hit = match_marker(k, 0)
        if hit and hit[0] == 0:
            by_number.setdefault(numeral_value(hit[1]) or 0, (k, c))
    if len(by_number) >= 2:
        firsts = dict(by_number[n] for n in sorted(by_number))
    return firsts


def _outlined_doc(store: DocStore, pq: ParsedQuery, passages: list[Passage]) -> str:
    """The document a question about an outline is about: the best-ranked one its filters allow."""
    from .retriever import matching_docs

    allowed = matching_docs(store.metas(), pq.filters)
    docs = list(pq.documents) + [p.chunk.doc for p in passages]
    return next((d for d in docs if allowed is None or d in allowed), "")


def answer_outline(store: DocStore, pq: ParsedQuery, passages: list[Passage]) -> tuple[Draft, list[Passage]] | None:
    """"这份要点分哪几个方面": the document's top-level sections."""
    from .evidence import Sentence

    doc = _outlined_doc(store, pq, passages)
    if not doc:
        return None
    said = re.search(rf"({OUTLINE_OF.pattern})[^，,。？?；;]{{0,6}}?(?:{OUTLINE_QUESTION.pattern})", pq.text)
    if said and said.group(1) != "文件" and said.group(1) not in store.metas()[doc].title:
        return None  # "应急救援预案要包括哪几方面" asked of a law: the plan it requires, not the law, is divided
    firsts = _top_parts(list(store.iter_chunks(doc)))
    if len(firsts) < 2:
        return None
    chunks = list(firsts.values())
    cited = [Passage(c, 1.0) for c in chunks]
    d = Draft()
    cites = "".join(d.cite(Sentence(i, 0, 0, c.text[:40], 1.0, 1.0)) for i, c in enumerate(chunks))
    d.lines.append(f"《{chunks[0].meta.title}》共{len(chunks)}个部分：" + "；".join(firsts) + "。" + cites)
    return d, cited


def _count_asked(q: str) -> tuple[str, re.Match[str] | None]:
    """How a question counts a document's parts, and where it says so: "parts" ("分几个方面"), "items"
    ("一共多少条"), "section_items" ("（三）一共包括几条": of a section named) or "titled" ("几条基本原则": of
    the section whose title follows); ("", None) when it counts none of them."""
    for form, rx in (("parts", PARTS_COUNTED), ("items", ITEMS_COUNTED), ("section_items", SECTION_ITEMS_COUNTED),
                     ("titled", NAMED_PART_COUNT)):
        m = rx.search(q)
        if m:
            return form, m
    return "", None


def asks_part_count(q: str) -> bool:
    """"重点工作共分几个方面、多少条", "正文共分为几个部分", "一共多少条", "（三）下面有几条", "提出了几条基本原则":
    a count of parts or items (the last two only of a section named: ``_counted_scope`` checks)."""
    return bool(_count_asked(q)[0])


def _section_titles(paths: list[str]) -> list[tuple[str, list[str]]]:
    """Each heading's own words (its marker dropped, spaces closed) with the path down to it."""
    from ingest.structure import match_marker

    out = []
    for path in paths:
        for i, part in enumerate(path.split(" > ")):
            hit = match_marker(part, 0)
            out.append((re.sub(r"\s", "", part[len(hit[1]):] if hit else ""), path.split(" > ")[: i + 1]))
    return out


# "集中开展两个重点领域专项整治": a heading that gives the count itself answers "开展几个重点领域专项整治" with
# its figure — the question asks what the text says, not how many parts the item has
_COUNT_BEFORE = re.compile(r"[一二两三四五六七八九十百\d]+(?:个|项|条|大|支|类|种)?$")
# "几条基本原则里的…": the title names where a counted thing is, not what is counted
_INSIDE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}[的里中]")


# what may stand between a section's title and the count asked of it ("保障措施一共有哪几条")
_ASKED_AFTER_TITLE = re.compile(r"(?:部分|这块|那块|这一块|那一块)?(?:一共|共|总共|都|主要)?"
                                r"(?:有|包括|包含|分为?|分成|是|列了|提了|提出了)?哪?$")


@functools.lru_cache(maxsize=4096)
def _title_tails(title: str) -> list[str]:
    """A heading's title and its tails that start on a word ("“十四五”时期主要任务" → 主要任务, 时期主要任务, …),
    four characters or more: never a tail cut inside a word (类灾害事故 of 各类灾害事故)."""
    import jieba

    starts, pos = [], 0
    for word in jieba.cut(title):
        starts.append(pos)
        pos += len(word)
    return [title[i:] for i in starts if len(title) - i >= 4]


def _counted_scope(q: str, chunks: list[Chunk], refs: list[str]) -> list[str] | None:
    """The section path whose parts a count question asks about: the section it names by number
    ("第三章"), by quoted title, by a heading's own words ("重点工作共分几个方面": 三、重点工作; "几条基本原则":
    二、基本原则);
    [] for the whole document when its genre word comes just before the count; None when the
    question names nothing countable (a topic inside the text: "要在几个方面下功夫")."""
    from ingest.structure import match_marker

    paths = list(dict.fromkeys(c.section for c in chunks if c.section))
    said = re.sub(r"\s", "", q)
    form, m = _count_asked(said)
    if form == "titled":  # "几条基本原则": only a section whose title follows the count is counted
        ends = {e for c in NAMED_PART_COUNT.finditer(said)  # (after 几 and after 几条)
                for e in (c.end(), c.start() + (2 if said.startswith("多少", c.start()) else 1))}
        counted = [path for title, path in _section_titles(paths) if len(title) >= 4 and any(
            said.startswith(tail, e) and not _INSIDE_AFTER.match(said, e + len(tail))
            and not _COUNT_BEFORE.search(title[: len(title) - len(tail)])
            for tail in _title_tails(title) for e in ends)]  # (its tail will do: 几项主要任务 ↔ “十四五”时期主要任务)
        # or the title just before the count ("保障措施有哪几条": 四、保障措施)
        befores = [_ASKED_AFTER_TITLE.sub("", said[: c.start()]) for c in NAMED_PART_COUNT.finditer(said)]
        counted = counted or [path for title, path in _section_titles(paths) if len(title) >= 4 and any(
            b.endswith(title) for b in befores)]
        return max(counted, key=lambda p: len(p[-1])) if counted else None
    # a quoted title, its marker dropped ("“二、完善协同治理体系”" names 二、完善协同治理体系…)
    quoted = [t[len(hit[1]):] if (hit := match_marker(t, 0)) else t
              for t in re.findall(r"[“\"]([^”\"]{4,40})[”\"]", said)]
    if refs:
        found = []
        for path in paths:
            parts = _norm(path).split(" > ")
            hits = [i for i, part in enumerate(parts) if names_part(_norm(refs[-1]), part)]
            if hits and all(names_path(_norm(r), path) for r in refs):
                found.append(path.split(" > ")[: hits[0] + 1])
        # "主要任务的（三）“全面强化…”": of the sections so numbered, the one with the title quoted
        titled = [f for f in found if any(len(t) >= 4 and t in re.sub(r"\s", "", f[-1]) for t in quoted)]
        if titled or found:
            return (titled or found)[0]
        if not quoted:
            return None  # (a quoted title may still name it: a scrape's pages cut 二、 loose from 第三章)
    topics = [t.group(1) or t.group(2) for t in SECTION_BY_TOPIC.finditer(said)]  # ("讲队伍能力建设那部分")
    best: tuple[int, list[str]] | None = None
    for title, path in _section_titles(paths):
        named = len(title) >= 4 and (title in said or any(t in title for t in quoted if len(t) >= 4)
                                     or any(t in title for t in topics))
        if named and (best is None or len(title) > best[0]):
            best = (len(title), path)
    if best:
        return best[1]
    if form == "section_items" or m is None:  # (a count of a section's items never counts the whole)
        return None
    whole = COUNTED_WHOLE.search(said[: m.start()])
    # (the genre word is the document's own: "预案要包括几个方面" asked of a law divides the plan it requires)
    fits = whole and (whole.group(1) in ("正文", "全文", "文件") or whole.group(1) in chunks[0].meta.title)
    return [] if fits else None


def _children(chunks: list[Chunk], scope: list[str]) -> list[str]:
    """The labels of the sections right under ``scope`` (a path), in the order the text gives them."""
    if not scope:
        return list(_top_parts(chunks))
    depth = len(scope)
    children: list[str] = []
    for c in chunks:
        parts = c.section.split(" > ")
        if parts[:depth] != scope:
            continue
        if len(parts) == depth:  # a chunk that opens the section may hold its first child too
            children += [h for h in _inner_headings(c.text) if h not in children]
        elif parts[depth] not in children:
            children.append(parts[depth])
    return _one_rank(children)


def _items(chunks: list[Chunk], scope: list[str]) -> list[tuple[int, str]]:
    """The numbered items under ``scope`` — a plan's "1." … "24.", a law's 第一条 … — as (number, label)."""
    found: dict[int, str] = {}
    for c in chunks:
        parts = c.section.split(" > ")
        if parts[: len(scope)] != scope:
            continue
        for part in parts[len(scope):]:
            if c.article and part.startswith(c.article):
                n = _article_number(c.article)
            else:
                m = re.match(r"(\d{1,3})[.．、]", part)
                n = int(m.group(1)) if m else None
            if n is not None:
                found.setdefault(n, part)
    return sorted(found.items())


# a law's article as a section label: "第七十五条", "第十条之一" (its text may follow the number)
_ARTICLE_LABEL = re.compile(r"第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十])?")


def _without_headings(chunks: list[Chunk], scope: list[str]) -> str:
    """The chunks' text, the scope's own headings cut out: in a scrape "二、基本原则" runs into the first
    run-in head ("二、基本原则坚持以人为本,…")."""
    text = "。".join(c.text for c in chunks)
    for label in scope:
        text = text.replace(label, "。")
    return text


def run_in_heads(text: str) -> list[str]:
    """A section's unmarked items, each opened by a short run-in head sentence sharing its lead word
    ("坚持以人为本,筑牢底线思维。…坚持预防为主,强化防救结合。…"): the heads, in order; [] when fewer
    than two sentences share a lead."""
    heads = [h.group(1) for h in RUN_IN_HEAD.finditer(text)]
    by_lead: dict[str, list[str]] = {}
    for h in heads:
        by_lead.setdefault(h[:2], []).append(h)
    best = max(by_lead.values(), key=len, default=[])
    return best if len(best) >= 2 else []


def answer_part_count(store: DocStore, pq: ParsedQuery, passages: list[Passage]) -> tuple[Draft, list[Passage]] | None:
    """"绍兴要点的重点工作共分几个方面、多少条", "那份要点一共分了几大块", "包括几个“持之以恒”": the parts of
    the document or of the section named, counted and listed off the section tree, and its numbered
    items (a law's articles) counted when asked. None when the question names nothing countable."""
    from .evidence import Sentence

    doc = _outlined_doc(store, pq, passages)
    chunks = list(store.iter_chunks(doc)) if doc else []
    scope = _counted_scope(pq.text, chunks, pq.section_refs) if chunks else None
    if scope is None:
        return None
    inside = [c for c in chunks if c.section.split(" > ")[: len(scope)] == scope]
    children = _children(chunks, scope)
    form, asked = _count_asked(pq.text)
    m = asked if form == "parts" else None
    named = re.match(r"([^”\"]{1,12})[”\"]", pq.text[m.end():]) if m and m.group(0)[-1] in "“\"" else None
    if named and any(named.group(1) in c for c in children):  # "几个“持之以恒”": the parts that say it
        children = [c for c in children if named.group(1) in c]
    items = _items(inside, scope) if ITEMS_COUNTED.search(pq.text) or re.search(
        r"(?:几|多少)[条项]", pq.text[m.end():] if m else "") else []
    said: list[str] = []
    if children and all(_ARTICLE_LABEL.match(c) for c in children):
        if not scope:
            return None  # a law with no chapters has articles, not parts: "包括几个方面" is asked of its text
        children, items = [], items or _items(inside, scope)  # a chapter's articles are its items
    elif form == "section_items" or (form == "items" and scope):
        # "（三）一共包括几条": its numbered items, else its parts ("第五部分下面分了几条", "…那部分一共几项")
        items = _items(inside, scope)
        if len(items) < 2 and len(children) >= 2:
            said.append(f"分{len(children)}个部分：" + "；".join(children))
        else:
            children = []
    elif form == "titled":  # "几条基本原则": the section's parts, else its run-in heads
        heads = children if len(children) >= 2 else run_in_heads(_without_headings(inside, scope))
        if len(heads) < 2:
            return None
        said.append(f"共{len(heads)}{'个部分' if heads is children else '条'}：" + "；".join(heads))
        children = heads if heads is children else []
    elif m and len(children) >= 2:
        unit = "章" if all(re.match(r"第[一二三四五六七八九十百零〇]+章", c) for c in children) else "个部分"
        said.append(f"分{len(children)}{unit}：" + "；".join(children))
    if len(items) >= 2:
        # numbered from 1, the last number is the count (an item the scrape lost still counts)
        total = items[-1][0] if items[0][0] == 1 else len(items)
        titled = not any(_ARTICLE_LABEL.fullmatch(label) for _, label in items)  # (a law's articles: no titles)
        said.append(f"共{total}条：" + "；".join(label for _, label in items) if titled and len(items) <= 10
                    else f"共{total}条（{items[0][1]}……{items[-1][1]}）")  # (a few titled items are listed whole)
    if not said:
        return None
    opening = {}
    for c in inside:  # (each part, or each counted item, cited where it opens)
        for label in children or [label for _, label in items]:
            if label in c.section.split(" > ") or label in c.text[:80]:
                opening.setdefault(label, c)
    cited_chunks = list(opening.values())[:8] or inside[:1]
    cited = [Passage(c, 1.0) for c in cited_chunks]
    d = Draft()
    cites = "".join(d.cite(Sentence(i, 0, 0, c.text[:40], 1.0, 1.0)) for i, c in enumerate(cited_chunks))
    where = f"“{scope[-1]}”" if scope else ""
    d.lines.append(f"《{chunks[0].meta.title}》{where}" + "，".join(said) + "。" + cites)
    return d, cited

def answer_draft_references(index: Index, pq: ParsedQuery) -> tuple[Draft, list[Passage]] | None:
    """"起草防汛防台一节应参考哪些文件章节?": the task sections the drafter would draw on, one line
    each (document, section path, its opening sentence), found by the drafting code's own search."""
    from .drafting import Drafter
    from .evidence import Sentence, split_sentences

    # the topic: the question without the words that ask where to look
    topic = re.sub(r"一节|一章|这一?部分|章节|部分|文件|哪些|什么|有关|相关|方面的?|应当?|需要|工作|任务|内容|措施"
                   r"|的|，|,", " ", pq.core).strip() or pq.core
    drafter = Drafter(index, per_theme=5, use_llm=False)
    _name, query, must = drafter._themes([topic.split()[0] if topic.split() else topic])[0]
    items = drafter._items(f"{topic} {query}", must, [])
    if not items:
        return None
    d = Draft()
    passages = [Passage(c, 1.0, {"drafting": 1.0}) for c, _, _ in items]
    d.lines.append(f"起草“{' '.join(topic.split())}”可参考以下{len(items)}处已有文件章节：")
    for i, (c, title, body) in enumerate(items):
        spans = split_sentences(c.text)
        a, b = spans[0] if spans else (0, len(c.text))
        s = Sentence(i, a, b, c.text[a:b].strip(), 1.0, 1.0)
        where = f"《{c.meta.title}》（{c.meta.region or '地区未识别'}）“{c.section}”"
        d.lines.append(f"{i + 1}. {where}：{s.text}{d.cite(s)}")
    return d, passages


def _article_texts(store: DocStore, doc: str) -> dict[int, tuple[str, list]]:
    """A law's articles by number: (text without its label, the chunks it lies in)."""
    out: dict[int, tuple[str, list]] = {}
    for c in store.iter_chunks(doc):
        n = _article_number(c.article or "")
        if n is None:
            continue
        text, chunks = out.get(n, ("", []))
        label = re.search(rf"(?m)^\s*{c.article}\s*", c.text) if not text else None
        body = c.text[label.end():] if label else c.text  # (a chapter's heading may open the chunk)
        out[n] = (text + "\n" + body if text else body, chunks + [c])
    return out


def answer_version_changes(store: DocStore, docs: list[str], q: str) -> tuple[Draft, list[Passage]] | None:
    """"生物安全法2024年那次修正主要改了什么": the articles whose text differs between the version asked
    about (the year named, else the newest) and the one before it, each quoted from the newer version;
    None when the documents are not two versions of a law structured by article."""
    import cn2an

    from .evidence import Sentence
    from .extractive import _doc_label

    metas = store.metas()
    docs = sorted(docs, key=lambda d: metas[d].year_from or 0)
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", q)]
    newer = next((i for i, d in enumerate(docs) if i and metas[d].year_from in years), len(docs) - 1)
    if newer < 1:
        return None
    old, new = _article_texts(store, docs[newer - 1]), _article_texts(store, docs[newer])
    if not old or not new:
        return None
    squash = functools.partial(re.sub, r"\s+", "")
    changed = [n for n in sorted(new) if n in old and squash(old[n][0]) != squash(new[n][0])]
    added = [n for n in sorted(new) if n not in old]
    removed = [n for n in sorted(old) if n not in new]
    label = lambda n: f"第{cn2an.an2cn(n)}条"  # noqa: E731
    m_old, m_new = metas[docs[newer - 1]], metas[docs[newer]]
    d = Draft()
    head = (f"《{m_new.title}》{m_new.version or m_new.year_from}版与{m_old.version or m_old.year_from}版相比，"
            f"条文由{len(old)}条变为{len(new)}条")
    if not (changed or added or removed):
        d.lines.append(head + "，逐条比对未见文字改动。")
        return d, []
    parts = [f"改动{len(changed)}条" if changed else "", f"新增{len(added)}条" if added else "",
             f"删去{len(removed)}条" if removed else ""]
    whole_revision = len(changed) + len(added) >= 0.6 * len(new)  # renumbered throughout: a new text
    d.lines.append(head + "；按条号逐条比对，" + "、".join(p for p in parts if p)
                   + ("，属全面修订（条号已重排，逐条对照仅供参考）" if whole_revision else "") + "。")
    cited: list[Passage] = []
    for n in (changed + added)[: 3 if whole_revision else 8]:
        chunk = new[n][1][0]
        cited.append(Passage(chunk, 1.0, {"versions": 1.0}))
        text, before = new[n][0].strip(), ""
        if n in changed:  # the sentences each text has and the other lacks: what was changed, and from what
            text, before = _unshared(text, old[n][0]), _unshared(old[n][0], text)
        at = chunk.text.find(text[:20])
        s = Sentence(len(cited) - 1, max(at, 0), max(at, 0) + len(text), text, 1.0, 1.0)
        was = "（新增）" if n in added else "（改动处）"
        then = f"（原为：{before[:150]}）" if before and not whole_revision else ""
        d.lines.append(f"{_doc_label(cited[-1])}{was}：{text[:300]}{d.cite(s)}{then}")
    if len(changed + added) > 8 and not whole_revision:
        d.lines.append("其余改动条文：" + "、".join(label(n) for n in (changed + added)[8:30]) + "。")
    if removed and not whole_revision:
        d.lines.append("旧版有、新版无的条号：" + "、".join(label(n) for n in removed[:30]) + "。")
    return d, cited


def _unshared(text: str, other: str) -> str:
    """The sentences of ``text`` that ``other`` does not have (whitespace aside)."""
    said = re.sub(r"\s+", "", other)
    parts = re.split(r"(?<=[。；])|\n+", text)
    return "".join(x for x in parts if x and x.strip() and re.sub(r"\s+", "", x) not in said)



def _heading_line(label: str, chunk: Chunk) -> str:
    """A section's whole heading as its opening chunk writes it (labels are cut short): up to its full stop."""
    at = chunk.text.find(label)
    if at < 0:
        return label
    m = re.match(r"[^。\n]*", chunk.text[at:])
    return m.group(0).strip()


def answer_counted_set(store: DocStore, pq: ParsedQuery, passages: list[Passage]) -> tuple[Draft, list[Passage]] | None:
    """"八大行动是哪八个": the set a document names by its size, given as that many sibling headings each
    naming its kind ("(一)开展…培训行动" … "(八)开展全民安全素质提升行动"); None when no retrieved
    document has such a run of headings."""
    from ingest.structure import numeral_value

    from .evidence import Sentence
    from .retriever import matching_docs

    m = COUNTED_SET_ASKED.search(pq.text)
    if not m:
        return None
    n, kind = numeral_value(m.group(1)), m.group(2)
    allowed = matching_docs(store.metas(), pq.filters)
    docs = list(pq.documents) or [d for d in dict.fromkeys(p.chunk.doc for p in passages[:5])
                                  if allowed is None or d in allowed]
    for doc in docs:
        groups: dict[tuple[str, ...], dict[str, Chunk]] = {}
        for c in store.iter_chunks(doc):
            parts = c.section.split(" > ") if c.section else []
            for depth, label in enumerate(parts):
                groups.setdefault(tuple(parts[:depth]), {}).setdefault(label, c)
        for kids in groups.values():
            heads = [(_heading_line(label, c), c) for label, c in kids.items()]
            members = [(h, c) for h, c in heads if kind in h]
            if n and len(members) == n and len(heads) == n:
                d = Draft()
                cited = [Passage(c, 1.0) for _, c in members]
                lines = [f"{h.rstrip('。；;')}{d.cite(Sentence(i, 0, 0, h, 1.0, 1.0))}"
                         for i, (h, _) in enumerate(members)]
                d.lines.append(f"《{members[0][1].meta.title}》所说的“{m.group(1)}大{kind}”：")
                d.lines += lines
                return d, cited
    return None

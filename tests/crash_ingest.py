"""Run an ingest that SIGKILLs itself at a chosen point (a test tool, not part of planqa).

    python -m tests.crash_ingest INDEX_DIR module:Class.method before|after N PATH...

kills the process just before or just after the N-th call of that method, the way a power cut
or the OOM killer would: no cleanup, no finally blocks.
"""
from __future__ import annotations

import importlib
import os
import signal
import sys


def arm(target: str, when: str, n: int) -> None:
    module_name, qual = target.split(":")
    cls_name, meth = qual.split(".")
    cls = getattr(importlib.import_module(module_name), cls_name)
    original = getattr(cls, meth)
    calls = [0]

    def wrapped(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == n and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(self, *args, **kwargs)
        if calls[0] == n and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(cls, meth, wrapped)


def main(argv: list[str]) -> int:
    index_dir, target, when, n, *paths = argv
    arm(target, when, int(n))
    from ingest.index import Index
    from ingest.pipeline import ingest_paths
    from planqa.config import Settings

    ingest_paths(Index(Settings.from_env(index_dir)), paths)
    return 0  # reached only when the kill point was never hit


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

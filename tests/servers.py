"""Helpers for tests that start servers: free loopback ports and waiting for a server to listen."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"server exited with {proc.returncode}: {out}")
        time.sleep(0.3)
    raise AssertionError(f"nothing listened on 127.0.0.1:{port} within {seconds} s")


def start_page(index_dir: Path, **env_extra: str) -> tuple[subprocess.Popen, str]:
    """``planqa serve`` on a free loopback port over ``index_dir``; the caller stops it by PID."""
    port = free_port()
    env = dict(os.environ, PLANQA_INDEX=str(index_dir), GRADIO_ANALYTICS_ENABLED="False", **env_extra)
    proc = subprocess.Popen([sys.executable, "-m", "planqa.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_for_port(port, proc)
    return proc, f"http://127.0.0.1:{port}/"


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()  # only the process this test started
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=20)

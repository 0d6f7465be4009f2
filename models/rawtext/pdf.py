"""PDF to text through pypdf, in a child process with hard limits.

A FlateDecode stream can inflate a few kilobytes into gigabytes; a crafted file can loop.
The child gets RLIMIT_AS (address space), RLIMIT_CPU and a wall-clock timeout, so the
worst a PDF can do is fail with RawTextError.
"""
from __future__ import annotations

import os
import subprocess
import sys

from .errors import RawTextError

MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the child
CPU_SECONDS = 20
WALL_SECONDS = 30.0
MAX_TEXT_CHARS = 20_000_000
MAX_PAGES = 2000
_WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pdfworker.py")


def _limit_child() -> None:  # runs in the child between fork and exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def pdf_to_text(data: bytes) -> str:
    """The text layer of a PDF, pages separated by form feeds."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise RawTextError("not a PDF file: it does not start with %PDF")
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-B", _WORKER, str(MAX_TEXT_CHARS), str(MAX_PAGES)],
            input=data,
            capture_output=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limit_child if os.name == "posix" else None,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RawTextError(f"PDF took longer than {WALL_SECONDS:.0f} s to read (decompression bomb?)") from exc
    if done.returncode == 0:
        return done.stdout.decode("utf-8", "replace")
    reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
    message = reason[-1] if reason else ""
    if done.returncode < 0 or not message.startswith("PDF"):
        message = "PDF reader ran out of memory or time (decompression bomb?)"
    raise RawTextError(message)

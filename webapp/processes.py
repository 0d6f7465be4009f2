"""Child processes this process started, stopped together: `start` and `schedule` run
crawls and the scheduler as subprocesses, and SIGTERM or Ctrl-C must not orphan them."""
from __future__ import annotations

import signal
import subprocess
import threading
from typing import Sequence


class Children:
    """A registry of running subprocesses; `stop_all` terminates, then kills, each."""

    def __init__(self) -> None:
        self._running: set[subprocess.Popen] = set()
        self._lock = threading.Lock()

    def popen(self, command: Sequence[str], **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(list(command), **kwargs)
        with self._lock:
            self._running.add(process)
        return process

    def forget(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.discard(process)

    def run(self, command: Sequence[str], timeout: float | None = None, **kwargs) -> int:
        """Run to completion (registered meanwhile); on timeout the child is killed and
        `subprocess.TimeoutExpired` raised."""
        process = self.popen(command, **kwargs)
        try:
            return process.wait(timeout)
        except BaseException:
            _stop(process, grace=5)
            raise
        finally:
            self.forget(process)

    def running(self) -> list[subprocess.Popen]:
        with self._lock:
            return [p for p in self._running if p.poll() is None]

    def stop_all(self, grace: float = 10.0) -> None:
        for process in self.running():
            process.terminate()
        for process in self.running():
            _stop(process, grace)
        with self._lock:
            self._running.clear()


def _stop(process: subprocess.Popen, grace: float) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


#: This process's children (crawls, the scheduler).
CHILDREN = Children()


class Stop(SystemExit):
    """Raised in the main thread when SIGTERM (or SIGHUP) arrives."""


def exit_on_termination() -> None:
    """Turn SIGTERM and SIGHUP into `Stop` (a SystemExit), so `finally` blocks stop the
    children as Ctrl-C's KeyboardInterrupt does. Main thread only."""
    def handler(signum, _frame):
        raise Stop(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)

"""Run `marsad worker` as a real process, and wait for SQL to hold what we expect."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from marsad.config import Settings


class WorkerProcess:
    """A `marsad worker` subprocess with its own log file."""

    def __init__(self, settings: Settings, log_path: Path, extra_env: dict[str, str] | None = None) -> None:
        self.settings = settings
        self.log_path = log_path
        env = dict(os.environ, MARSAD_BROKER=settings.broker, MARSAD_DB_URL=settings.db_url,
                   MARSAD_TOPIC_PREFIX=settings.topic_prefix, MARSAD_PARTITIONS=str(settings.partitions),
                   MARSAD_APP_ID=settings.app_id, MARSAD_SINK_BATCH=str(settings.sink_batch))
        env.update(extra_env or {})
        # the worker runs in the log's folder (Faust keeps its <app id>-data folder in the cwd);
        # the project root stays importable for test-only modules (MARSAD_EXTRACTOR=tests....)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        self._log = open(log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "worker", "--loglevel", "info"],
                                     env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
                                     cwd=log_path.parent)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group (a crash: no cleanup runs)."""
        if self.alive():
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self._log.close()

    def stop(self, timeout: float = 30.0) -> None:
        if self.alive():
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def wait_until(pred: Callable[[], bool], timeout: float, what: str, workers: list[WorkerProcess] = (), interval: float = 0.5) -> None:
    """Poll ``pred`` until true; fail with the workers' log tails after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(interval)
    tails = "\n---\n".join(w.log_tail() for w in workers)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{tails}")

"""Termination signals for commands that start child services.

A command that starts workers, a broker or a database cleans them up in ``finally``
blocks. Python runs those on Ctrl-C (``KeyboardInterrupt``) but not on SIGTERM, whose
default action ends the process at once and leaves the children running.
"""

from __future__ import annotations

import functools
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Terminated(SystemExit):
    """Raised in the main thread on SIGTERM; exit status 143 (128 + 15), as a shell reports it."""

    def __init__(self) -> None:
        super().__init__(143)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


@contextmanager
def sigterm_runs_cleanup() -> Iterator[None]:
    """Inside the block, SIGTERM raises :class:`Terminated` (a ``SystemExit``) so that
    ``finally`` blocks and context managers run; the previous handler is restored on exit.
    Outside the main thread (where handlers cannot be set) it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cleanup_on_sigterm(func):
    """Decorator: run ``func`` inside :func:`sigterm_runs_cleanup` (for click commands;
    put it below ``@click.command`` so click wraps the decorated function)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with sigterm_runs_cleanup():
            return func(*args, **kwargs)

    return wrapper

"""SIGTERM runs a command's cleanup (marsad.signals), in a real child process."""

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from marsad.signals import cleanup_on_sigterm

    @cleanup_on_sigterm
    def command(marker):
        try:
            print("ready", flush=True)
            time.sleep(60)
        finally:
            open(marker, "w").write("cleaned")

    command({marker!r})
""")


def _run_and_terminate(tmp_path: Path, script: str) -> tuple[int, Path]:
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", script.format(root=str(ROOT), marker=str(marker))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=30), marker


def test_sigterm_runs_finally_and_exits_143(tmp_path):
    code, marker = _run_and_terminate(tmp_path, SCRIPT)
    assert code == 143
    assert marker.read_text() == "cleaned"


def test_previous_handler_is_restored():
    from marsad.signals import sigterm_runs_cleanup

    before = signal.getsignal(signal.SIGTERM)
    with sigterm_runs_cleanup():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before

"""Running the real program on hostile input: `cli.main` in a forked child with a memory limit
and a hang guard (tests/fuzz_worker.py), so a bomb that gets through fails one test instead of
taking the machine down, and each run costs milliseconds, not a fresh interpreter's second."""

from __future__ import annotations

import atexit
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SMALL = HERE / "data" / "banks" / "small.yaml"
HANG_GUARD = 30  # seconds


class Worker:
    """The fuzz worker process: one `request` per run of the program."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "fuzz_worker.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=HERE.parent,
        )
        assert json.loads(self.proc.stdout.readline()) == {"ready": True}
        self.cases = 0

    def run(self, argv: list[str], cwd: Path, home: Path, **extra) -> dict:
        self.cases += 1
        return self.request({"argv": argv, "cwd": str(cwd), "home": str(home), **extra})

    def request(self, request: dict) -> dict:
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


_WORKER: Worker | None = None


def worker() -> Worker:
    """The one worker of this test session, started on first use."""
    global _WORKER
    if _WORKER is None:
        _WORKER = Worker()
        atexit.register(_WORKER.close)
    return _WORKER


def run_limited(
    *args: str,
    home: Path,
    cwd: Path | None = None,
    timeout: float = HANG_GUARD,
    umask: int | None = None,
) -> subprocess.CompletedProcess:
    """`fibro-assess ARGS` under the memory limit and the hang guard, with FIBRO_ASSESS_HOME set.

    A run killed by a signal (the hang guard's SIGALRM, say) has the negative signal number as
    its return code, as subprocess reports it."""
    if cwd is None:  # the nearest folder that is there: the home itself may not be yet
        cwd = next(p for p in home.parents if p.is_dir())
    done = worker().run(list(args), Path(cwd), home, guard=int(timeout), umask=umask)
    code = done["status"] if done["signal"] is None else -done["signal"]
    return subprocess.CompletedProcess(args, code, done["stdout"], done["stderr"])


def assert_one_line_errors(done: subprocess.CompletedProcess) -> list[str]:
    """The run failed the program's own way: exit 2, every stderr line `fibro-assess: ...`."""
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 2, (done.returncode, done.stderr[-3000:])
    lines = done.stderr.splitlines()
    assert lines, "an error must say what went wrong"
    assert all(line.startswith("fibro-assess: ") for line in lines), done.stderr[-3000:]
    return lines


def small_bank_with(old: str, new: str) -> str:
    """The small test bank with one piece of text replaced (which must be there)."""
    text = SMALL.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def line_in_small_bank(text: str) -> int:
    """The line of the small test bank where `text` first appears (1-based)."""
    bank = SMALL.read_text(encoding="utf-8")
    return bank[: bank.index(text)].count("\n") + 1

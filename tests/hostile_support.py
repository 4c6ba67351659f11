"""Running the real program on hostile input: in a child process with a memory limit and a hang
guard, so a bomb that gets through fails one test instead of taking the machine down."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for one run of the program
HANG_GUARD = 30  # seconds


def _limit_memory(umask: int | None = None) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    if umask is not None:
        os.umask(umask)


def run_limited(
    *args: str,
    home: Path,
    cwd: Path | None = None,
    stdin: str | None = None,
    timeout: float = HANG_GUARD,
    umask: int | None = None,
) -> subprocess.CompletedProcess:
    """`fibro-assess ARGS` under the memory limit and the hang guard, with FIBRO_ASSESS_HOME set."""
    env = {**os.environ, "FIBRO_ASSESS_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        cwd=cwd,
        env=env,
        input=stdin,
        preexec_fn=lambda: _limit_memory(umask),
    )


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

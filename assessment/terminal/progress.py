"""A line that shows work going on, so the screen is never still for seconds (writing the PDF).

On a terminal the line ends in a turning mark, redrawn in place from a thread of its own while
the work runs in the caller's thread (so Ctrl-C still stops the work and its cleanup runs); the
line is blanked when the work ends, for the line that says what happened. On TERM=dumb the line
is printed once and stays, and so it is in plain mode (`once`), which never redraws. Anywhere
else (a pipe, a file) nothing is shown.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from assessment.core.safetext import visible
from assessment.terminal import texts

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
FRAMES_ASCII = "|/-\\"
TICK = 0.12  # seconds between frames


@contextmanager
def working(text: str, stream: IO[str], once: bool = False) -> Iterator[None]:
    """Show `text` with a turning mark on `stream` while the block runs (`once`: printed once)."""
    if not _is_terminal(stream):
        yield
        return
    line = visible(text)
    if once or texts.dumb_terminal():
        print(f"{line}...", file=stream, flush=True)
        yield
        return
    frames = FRAMES if texts.glyphs(stream) is texts.UNICODE else FRAMES_ASCII
    done = threading.Event()

    def turn() -> None:
        # A relative sleep, not done.wait(TICK): a timed wait reads the clock, and a clock that
        # jumps (or is moved, as under libfaketime) would leave the mark still for good.
        shown = 0
        while not done.is_set():
            stream.write(f"\r{line} {frames[shown % len(frames)]}")
            stream.flush()
            shown += 1
            time.sleep(TICK)

    spinner = threading.Thread(target=turn, name="progress", daemon=True)
    spinner.start()
    try:
        yield
    finally:
        done.set()
        spinner.join()
        stream.write("\r" + " " * (len(line) + 2) + "\r")
        stream.flush()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False

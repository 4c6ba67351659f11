"""A line that shows work going on, so the screen is never still for seconds (writing the PDF).

On a terminal the line ends in a turning mark, redrawn in place from a thread of its own while
the caller's block runs (so Ctrl-C still reaches the block and its cleanup runs); the line is
blanked the moment the block ends, for the line that says what happened, without waiting for the
mark's thread to wake. On TERM=dumb the line is printed once and stays, and so it is in plain
mode (`once`), which never redraws. Anywhere else (a pipe, a file) nothing is shown.
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
    drawing = threading.Lock()  # a frame is drawn whole, and never after the line is blanked

    def turn() -> None:
        # A relative sleep, not done.wait(TICK): a timed wait reads the clock, and a clock that
        # jumps (or is moved, as under libfaketime) would leave the mark still for good.
        shown = 0
        while True:
            with drawing:
                if done.is_set():
                    return
                stream.write(f"\r{line} {frames[shown % len(frames)]}")
                stream.flush()
            shown += 1
            time.sleep(TICK)

    threading.Thread(target=turn, name="progress", daemon=True).start()
    try:
        yield
    finally:
        # Not joined: the thread may be asleep for up to a tick, and the line is blanked now.
        with drawing:
            done.set()
            stream.write("\r" + " " * (len(line) + 2) + "\r")
            stream.flush()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False

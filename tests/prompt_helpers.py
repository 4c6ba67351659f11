"""Drive prompts and the wizard with a keystroke script, without a terminal.

Modelled on questionary's tests/utils.py: keys go into prompt_toolkit's pipe input, the screen
goes to a dummy output. Keys typed ahead carry over from one prompt to the next, as they do in
a real terminal, so a whole wizard run can be one script.
"""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from unittest import mock

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from prompt_toolkit.renderer import Renderer

T = TypeVar("T")


class KeyInputs:
    DOWN = "\x1b[B"
    UP = "\x1b[A"
    LEFT = "\x1b[D"
    RIGHT = "\x1b[C"
    ENTER = "\r"
    ESCAPE = "\x1b"
    CONTROLC = "\x03"
    CONTROLD = "\x04"
    BACKSPACE = "\x7f"
    SPACE = " "
    TAB = "\x09"


K = KeyInputs


def keys(*parts: str | Iterable[str]) -> str:
    """Join key parts; a list part is joined too, so scripts can be built from steps."""
    out = []
    for part in parts:
        out.append(part if isinstance(part, str) else "".join(part))
    return "".join(out)


def feed(run: Callable[..., T], script: str, **kwargs: Any) -> T:
    """Call run(input=..., output=..., **kwargs) with the script waiting in the input."""
    with create_pipe_input() as inp:
        inp.send_text(script)
        return run(input=inp, output=DummyOutput(), **kwargs)


def feed_and_record(
    run: Callable[..., T],
    *steps: str,
    rows: int = 24,
    cursor_row: int = 1,
    timeout: float = 10.0,
    **kwargs: Any,
) -> tuple[T, str]:
    """Type each step once the prompt has taken in and drawn the one before, on 80 columns.

    The screen answers prompt_toolkit's cursor-position question as a terminal would, so
    what is drawn only when the height is known (questionary's list messages) is drawn too.
    Returns the result and everything drawn, escape sequences removed, so a test can see
    messages that are on screen only between two steps (a validation message, say). The
    cursor is said to be on `cursor_row`: on the last row, the prompt gets only the rows it asks
    for, as after a screenful of earlier questions.

    Between steps nothing sleeps: the next step goes in once the prompt has read every key sent
    so far and drawn a frame after them, however slow the machine; `timeout` bounds each wait.
    """
    screen = io.StringIO()
    output = _Screen(screen, lambda: Size(rows=rows, columns=80), term="xterm-256color")
    outcome: dict[str, Any] = {}
    with create_pipe_input() as inp, _Frames(inp) as drawn:

        def target() -> None:
            try:
                outcome["result"] = run(input=inp, output=output, **kwargs)
            except BaseException as exc:  # handed to the test below
                outcome["error"] = exc
            finally:
                drawn.stop()

        worker = threading.Thread(target=target, daemon=True)
        worker.start()
        drawn.wait_until(lambda: drawn.frames > 0, timeout, screen)  # the prompt is up
        for number, step in enumerate(steps, start=1):
            drawn.send(f"\x1b[{cursor_row};1R" + step)
            if number < len(steps):
                drawn.wait_until(drawn.caught_up, timeout, screen)
        worker.join(timeout=timeout)
        if worker.is_alive():
            raise TimeoutError(
                f"the prompt still waits for keys; screen so far:\n{screen.getvalue()}"
            )
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"], plain(screen.getvalue())


class _Frames:
    """Knows how much of what was typed the prompt had handled when it last drew a frame.

    The prompt reads keys and handles them in one go on its own thread, and draws only between
    such reads; so a frame begun once every key sent had been read shows what those keys did.
    """

    def __init__(self, inp: Any) -> None:
        self.inp = inp
        self.sent = self.read = self.shown = self.frames = 0
        self.stopped = False
        self.changed = threading.Condition()
        self._patch = mock.patch.object(Renderer, "render", self._counting(Renderer.render))

    def __enter__(self) -> _Frames:
        reader = self.inp.stdin_reader
        original = reader.read

        def read(*args: Any, **kwargs: Any) -> str:
            data = original(*args, **kwargs)
            with self.changed:
                self.read += len(data)
            return data

        reader.read = read
        self._patch.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._patch.stop()

    def _counting(self, original: Callable[..., None]) -> Callable[..., None]:
        frames = self

        def render(renderer: Renderer, app: Any, layout: Any, is_done: bool = False) -> None:
            with frames.changed:
                handled = frames.read
            original(renderer, app, layout, is_done)
            with frames.changed:
                frames.frames += 1
                frames.shown = max(frames.shown, handled)
                frames.changed.notify_all()

        return render

    def send(self, text: str) -> None:
        with self.changed:
            self.sent += len(text)
        self.inp.send_text(text)

    def caught_up(self) -> bool:
        return self.shown >= self.sent

    def stop(self) -> None:
        with self.changed:
            self.stopped = True
            self.changed.notify_all()

    def wait_until(self, ready: Callable[[], bool], timeout: float, screen: io.StringIO) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not (ready() or self.stopped):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"the screen never caught up; so far:\n{screen.getvalue()}")
                self.changed.wait(left)


def feed_and_watch(
    run: Callable[..., T], *steps: str, rows: int = 24, **kwargs: Any
) -> tuple[T, list[list[str]]]:
    """Like feed_and_record, but returns each frame the prompt drew, as the lines it filled.

    A frame is what stands on the screen below the lines printed before the prompt, so a frame
    of at most rows - 1 lines leaves the progress line above it in view. The cursor starts on
    the last row, as after a screenful of earlier questions.
    """
    frames: list[list[str]] = []
    original = Renderer.render

    def render(self: Renderer, app: Any, layout: Any, is_done: bool = False) -> None:
        original(self, app, layout, is_done)
        screen = self._last_screen
        if screen is None:
            return
        lines = [
            "".join(screen.data_buffer[y][x].char for x in range(80)).rstrip()
            for y in range(screen.height)
        ]
        while lines and not lines[-1]:
            lines.pop()
        frames.append(lines)

    with mock.patch.object(Renderer, "render", render):
        result, _screen = feed_and_record(run, *steps, rows=rows, cursor_row=rows, **kwargs)
    return result, frames


class _Screen(Vt100_Output):
    @property
    def responds_to_cpr(self) -> bool:
        return True


_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


def plain(raw: str) -> str:
    """Terminal output without its escape sequences."""
    return _ESCAPES.sub("", raw)


def down(n: int) -> str:
    return K.DOWN * n


def typed(text: str) -> str:
    """Type a line and press Enter."""
    return text + K.ENTER


# What the scripted runs over tests/data/banks/small.yaml answer, in the pipe and in the terminal.
SMALL_BANK_ANSWERS = {
    "rf_cancer_history": False,
    "rf_weight_loss": False,
    "wpi_regions": ["jaw_left", "lower_back"],
    "tense_muscles": "often",
    "pain_now": 6,
    "stress_level": 7,
    "worry": True,
    "worry_nights": True,
    "sss_unrefreshed_sleep": 2,
    "water_glasses": 6,
    "nuts": None,
    "notes": "stiff mornings",
}


def scored_by_the_program(answers_file) -> dict:
    """The result `fibro-assess --answers FILE --json` prints over the small bank, run for real."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).parent
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(tests / "data" / "banks" /
         "small.yaml"), "--answers", str(answers_file), "--json", "--no-save"],
        capture_output=True, text=True, cwd=tests.parent, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)

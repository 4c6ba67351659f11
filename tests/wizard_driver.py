"""A person at an 80x24 terminal answering the whole real questionnaire from an answers file.

Each screen's keys are the fewest a person would press (as the prompts take them: y or n on a
yes/no, arrows to a choice, digits on a scale, a row's number on a checklist), so the same code
measures the keystrokes of a full run (benchmarks/keystrokes.py) and drives the pexpect tests.
The program may be another checkout (the one before a change): `checkout` is its folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pexpect

from assessment.core.bank import Bank, Question, Screen
from assessment.terminal import drafts

DOWN, ENTER, SPACE = "\x1b[B", "\r", " "
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\]")
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Keys:
    """Keys pressed: the presses that choose and move, and the characters typed as answers."""

    presses: int = 0
    typed: int = 0

    @property
    def total(self) -> int:
        return self.presses + self.typed


@dataclass
class Run:
    keys: Keys = field(default_factory=Keys)
    screens: int = 0
    progress: list[str] = field(default_factory=list)
    status: int | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    text: str = ""  # everything the terminal showed, escape sequences taken out


def question_keys(question: Question, value: Any, numbered: bool = True) -> tuple[str, int]:
    """The keys for one question's answer, and how many of them are typed characters.

    `numbered`: a single choice's row number answers it (before that, arrows and Enter)."""
    kind = question.type
    if kind == "yesno":
        return ("y" if value else "n", 0) if value is not None else (DOWN + ENTER, 0)
    if kind == "single":
        values = [c.value for c in question.choices or []]
        if value is None:
            return DOWN * len(values) + ENTER, 0
        if numbered and len(values) <= 9:
            return str(values.index(value) + 1), 0
        return DOWN * values.index(value) + ENTER, 0
    if kind == "scale":
        if value is None:
            raise ValueError(f"{question.id}: a skipped scale is not modelled")
        return str(int(value)) + ENTER, 0
    if kind in ("number", "text"):
        words = "" if value is None else _number(value) if kind == "number" else str(value)
        return words + ENTER, len(words)
    rows = [c.value for c in question.choices or [] if c.value != "none"]
    if value is None:
        return DOWN * (len(rows) + 1) + ENTER, 0
    ticked = [v for v in rows if v in value]
    if not ticked:
        return ("0" if numbered else DOWN * len(rows) + SPACE) + ENTER, 0
    keys, here = "", 0
    for v in ticked:
        at = rows.index(v)
        keys += str(at + 1) if numbered else DOWN * (at - here) + SPACE
        here = at
    return keys + ENTER, 0


def grid_keys(screen: Screen, answers: dict[str, Any]) -> tuple[str, int]:
    """A grid's keys, row by row from the top: a digit answers a rating or a choice and moves
    on (a 1 on a 0-10 row waits for a possible 0, so Down moves on from it), y or n a yes/no,
    a typed number then Enter, - skips. The last row answered by a key completes the grid;
    after a skip or a 1 that could still become 10, Enter does."""
    keys, typed, waits = "", 0, True
    last = len(screen.questions) - 1
    for i, q in enumerate(screen.questions):
        value = answers.get(q.id)
        waits = False
        if value is None:
            keys, waits = keys + "-", True
        elif q.type == "yesno":
            keys += "y" if value else "n"
        elif q.type == "single":
            keys += str([c.value for c in q.choices or []].index(value) + 1)
        elif q.type == "scale":
            waits = int(value) == 1 and q.upper >= 10
            keys += str(int(value)) + (DOWN if waits and i < last else "")
        else:
            words = _number(value)
            keys += words + ENTER
            typed += len(words)
    return keys + (ENTER if waits else ""), typed


def screen_keys(screen: Screen, answers: dict[str, Any], numbered: bool = True) -> tuple[str, int]:
    """A screen's keys: its question's, a grid's rows, or a checklist's row numbers, Enter
    and y."""
    if getattr(screen, "grid", None) is not None:  # an older checkout's screens have no grids
        return grid_keys(screen, answers)
    if screen.checklist is None:
        question = screen.questions[0]
        return question_keys(question, answers.get(question.id), numbered)
    values = [answers.get(q.id) for q in screen.questions]
    if all(v is None for v in values):
        return DOWN * (len(values) + 1) + ENTER, 0
    ticked = [str(i + 1) for i, v in enumerate(values) if v]
    return ("".join(ticked) + ENTER + "y", 0) if ticked else ("0" + ENTER, 0)


def as_recorded(screen: Screen, answers: dict[str, Any]) -> dict[str, Any]:
    """What the wizard records for the screen: a checklist item left out or unknown is no."""
    if screen.checklist is None or all(answers.get(q.id) is None for q in screen.questions):
        return {q.id: answers.get(q.id) for q in screen.questions}
    return {q.id: bool(answers.get(q.id)) for q in screen.questions}


def _number(value: Any) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def answer_all(
    bank: Bank,
    answers: dict[str, Any],
    home: Path,
    checkout: Path = ROOT,
    timeout: float = 30,
    numbered: bool = True,
    locale: str = "C.UTF-8",
) -> Run:
    """Run the wizard of `checkout` over its own bank (`bank`, loaded from it) in a pty and
    answer every screen from `answers`; returns the keys pressed and the progress lines.
    `numbered`: whether that wizard answers a single choice by its row number; `locale` is the
    terminal's LANG (the wizard speaks its language, and `bank` must be in it too)."""
    from assessment.i18n import choice, words
    from assessment.terminal import texts

    with words.speaking(choice.from_locale({"LANG": locale}).lang):
        ready, progress = texts.READY, texts.PROGRESS_COUNTS.split("{s}")[0]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FIBRO_ASSESS_HOME")}
    env.update(
        FIBRO_ASSESS_HOME=str(home),
        TERM="xterm-256color",
        PROMPT_TOOLKIT_NO_CPR="1",
        LANG=locale,
        LC_ALL="",
        LC_MESSAGES="",
        PYTHONPATH=str(checkout),
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "assessment", "--no-save"],
        cwd=str(checkout),
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=timeout,
    )
    screen_text = _Screen(child, timeout)
    run = Run()
    screen_text.wait_for(ready)
    child.send(ENTER)
    run.keys.presses += 1
    done: dict[str, Any] = {}
    here: Screen | None = bank.screens(done)[0]
    draft = home / "draft.json"
    while here is not None:
        screen_text.wait_for(" ".join(here.text.split())[:40])
        keys, typed = screen_keys(here, answers, numbered)
        child.send(keys)
        run.keys.presses += len(re.findall(r"\x1b\[[A-D]|.", keys, flags=re.S)) - typed
        run.keys.typed += typed
        run.screens += 1
        done.update(as_recorded(here, answers))
        _wait_saved(draft, [q.id for q in here.questions], timeout)
        place = bank.place(here.id)
        here = next((s for s in bank.screens(done) if bank.place(s.id) > place), None)
    child.expect(pexpect.EOF, timeout=120)
    screen_text.raw += child.before or ""
    child.close()
    run.status = child.exitstatus
    run.progress = [line for line in screen_text.text.splitlines() if f"  ·  {progress}" in line]
    run.answers = done
    run.text = screen_text.text
    return run


def _wait_saved(draft: Path, ids: list[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            saved = drafts.load(draft)
        except Exception:  # half written, or not there yet
            saved = None
        if saved is not None and all(qid in saved.answers for qid in ids):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the answers to {ids} were never saved")
        time.sleep(0.02)


class _Screen:
    def __init__(self, child: pexpect.spawn, timeout: float):
        self.child, self.timeout = child, timeout
        self.raw, self.seen = "", 0

    @property
    def text(self) -> str:
        return ESCAPES.sub("", self.raw).replace("\r", "")

    def wait_for(self, words: str) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            text = " ".join(self.text[self.seen :].split())
            at = text.find(words)
            if at >= 0:
                self.seen = len(self.text)
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {words!r}; screen ends:\n{self.text[-900:]}")
            with contextlib.suppress(pexpect.TIMEOUT):
                self.raw += self.child.read_nonblocking(65536, timeout=0.2)

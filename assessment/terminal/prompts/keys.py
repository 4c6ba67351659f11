"""Keys a list answers to beyond questionary's own: < for back, y and n, digits on a scale and a
checklist, a checklist's "everything else: no?", and Space and Enter kept apart on a tick list."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Container
from typing import Any

import questionary
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary.prompts.common import InquirerControl

from assessment.i18n import words
from assessment.terminal import texts
from assessment.terminal.prompts.lists import inquirer_control, point_at
from assessment.terminal.prompts.sentinels import ACTIONS, BACK_KEY, NONE_KEY, SKIP_KEY


def share_default_bindings() -> None:
    """Make prompt_toolkit's default key bindings once a run, not for every prompt.

    Every Application makes its own set of the defaults (about 600 emacs, vi and mouse
    bindings), and questionary makes three Applications for each question (two of them only for
    their layout): more than half the work of putting a question up. The bindings keep no state
    of their own (what they do depends on the application running them), so one set serves
    every prompt of the run."""
    from prompt_toolkit.application import application

    if not hasattr(application.load_key_bindings, "cache_info"):
        application.load_key_bindings = functools.cache(application.load_key_bindings)


def add_keys(prompt: questionary.Question, bindings: KeyBindings) -> None:
    """Give extra keys priority over questionary's own."""
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def finish(ic: InquirerControl, event: Any, key: str) -> None:
    """Answer the list with the row holding this key."""
    point_at(ic, key)
    ic.selected_options = [key]
    ic.is_answered = True
    event.app.exit(result=key)


def list_keys(
    prompt: questionary.Question,
    can_go_back: bool,
    shortcuts: dict[str, str] | None = None,
) -> None:
    """< goes back at once; one-key answers (y, n)."""
    ic = inquirer_control(prompt)
    bindings = KeyBindings()

    if can_go_back:

        @bindings.add("<", eager=True)
        def _back(event: Any) -> None:
            finish(ic, event, BACK_KEY)

    for key, value in (shortcuts or {}).items():

        def _answer(event: Any, value: str = value) -> None:
            finish(ic, event, value)

        bindings.add(key, eager=True)(_answer)
        if key.upper() != key:
            bindings.add(key.upper(), eager=True)(_answer)

    add_keys(prompt, bindings)


TWO_DIGITS_WITHIN = 1.0
"""Seconds within which a second digit joins the first (1 then 0 for 10), as in type-ahead."""

clock: Callable[[], float] = time.monotonic
"""The time a digit is typed; tests put their own clock here."""


def two_digits(
    first: int | None, first_at: float | None, digit: int, now: float, shown: Container[int]
) -> int | None:
    """The number two digits typed one after the other make, or None when they stay apart.

    They make one number only when the second follows the first within TWO_DIGITS_WITHIN
    seconds and the number is on the scale: 1 then 0 at once is 10, but 1, a pause, then 0 is 0.
    """
    if not first or first_at is None or not 0 <= now - first_at <= TWO_DIGITS_WITHIN:
        return None
    number = first * 10 + digit
    return number if number in shown else None


def digit_keys(
    prompt: questionary.Question,
    rows: dict[int, str],
    typed: Callable[[], None] | None = None,
) -> None:
    """A digit moves to that number; 1 then 0 at once moves to 10 (1 then 2 to 12, where shown).

    `typed` is told of each digit: a digit chooses a number, even the one already pointed at.
    """
    ic = inquirer_control(prompt)
    bindings = KeyBindings()
    last: dict[str, Any] = {"digit": None, "at": None}

    def on_digit(event: Any, digit: int) -> None:
        if typed is not None:
            typed()
        before, now = last["digit"], clock()
        number = two_digits(before, last["at"], digit, now, rows)
        if number is not None and ic.get_pointed_at().value == rows[before]:
            point_at(ic, rows[number])
            last.update(digit=None, at=None)
        elif digit in rows:
            point_at(ic, rows[digit])
            last.update(digit=digit, at=now)

    for digit in range(10):
        bindings.add(str(digit), eager=True)(lambda event, d=digit: on_digit(event, d))
    add_keys(prompt, bindings)


class ChoiceNeeded:
    """Until a row is chosen (an arrow, a digit, y or n), Enter alone records nothing.

    On a safety question or a 0-10 scale a stray Enter must never become an answer: the list
    starts with no row chosen, and Enter then says what to press instead.
    """

    def __init__(self, prompt: questionary.Question, what_to_press: str):
        self.ic = inquirer_control(prompt)
        self.start = self.ic.pointed_at
        self.moved = False
        bindings = KeyBindings()
        waiting = Condition(lambda: not self.chosen())

        @bindings.add(Keys.ControlM, filter=waiting, eager=True)
        def _enter(_event: Any) -> None:
            self.ic.error_message = FormattedText([("class:validation-toolbar", what_to_press)])

        for key, step in (("down", self.ic.select_next), ("up", self.ic.select_previous)):

            def _move(_event: Any, step: Callable[[], None] = step) -> None:
                self.choose()
                step()

            bindings.add(key, filter=waiting, eager=True)(_move)
        add_keys(prompt, bindings)

    def chosen(self) -> bool:
        return self.moved or self.ic.pointed_at != self.start

    def choose(self) -> None:
        self.moved = True
        self.ic.error_message = None


def tick_keys(prompt: questionary.Question) -> None:
    """Space ticks only; actions act on Enter only; no a (tick all) or i (invert)."""
    ic = inquirer_control(prompt)
    on_action = Condition(lambda: ic.get_pointed_at().value in ACTIONS)
    bindings = KeyBindings()

    def say(message: str) -> None:
        ic.error_message = FormattedText([("class:validation-toolbar", message)])

    @bindings.add(" ", filter=on_action, eager=True)
    def _space_on_action(_event: Any) -> None:
        say(texts.ACTION_NEEDS_ENTER)

    @bindings.add(Keys.ControlM, filter=on_action, eager=True)
    def _enter_on_action(event: Any) -> None:
        action = ic.get_pointed_at().value
        if action == SKIP_KEY and ic.selected_options:
            say(skip_refused(len(ic.selected_options)))
            return
        finish(ic, event, action)

    for key in ("a", "i"):

        @bindings.add(key, eager=True)
        def _ignore(_event: Any) -> None:
            pass

    add_keys(prompt, bindings)


def skip_refused(ticked: int) -> str:
    """Why "Prefer not to say" is refused while rows are ticked: how many, and what to do."""
    if ticked > 1:
        return texts.SKIP_AND_TICKED.format(count=ticked)
    return texts.SKIP_AND_TICKED_ONE.format(count=ticked)


def number_keys(prompt: questionary.Question, rows: list[str]) -> None:
    """On a tick list a row's number ticks or unticks it, 0 "None of these".

    Past nine rows, two digits at once reach the rest, as on a scale: 1 then 1 within
    TWO_DIGITS_WITHIN seconds unticks row 1 again and ticks row 11.
    """
    ic = inquirer_control(prompt)
    bindings = KeyBindings()
    numbers = {i + 1: row for i, row in enumerate(rows)}
    last: dict[str, Any] = {"digit": None, "at": None}

    def toggle(key: str) -> None:
        point_at(ic, key)
        if key in ic.selected_options:
            ic.selected_options.remove(key)
        else:
            ic.selected_options.append(key)
        ic.error_message = None

    def on_digit(digit: int) -> None:
        before, now = last["digit"], clock()
        number = two_digits(before, last["at"], digit, now, numbers)
        if number is not None:
            toggle(numbers[before])  # the first digit was the start of this number
            toggle(numbers[number])
            last.update(digit=None, at=None)
        elif digit == 0:
            toggle(NONE_KEY)
            last.update(digit=None, at=None)
        elif digit in numbers:
            toggle(numbers[digit])
            last.update(digit=digit, at=now)

    for digit in range(10):
        bindings.add(str(digit), eager=True)(lambda _event, d=digit: on_digit(d))
    add_keys(prompt, bindings)


class RestIsNo:
    """With rows ticked, Enter asks once more whether everything left unticked is a no.

    y answers with the ticks (the checklist then records the rest as no); n, or any change to
    the ticks or the pointer, goes back to ticking. Nothing unticked becomes a no without that
    one explicit key.
    """

    def __init__(self, prompt: questionary.Question, question: str):
        self.ic = ic = inquirer_control(prompt)
        self.question = question
        self.asked_at: tuple | None = None
        bindings = KeyBindings()
        ticked = Condition(
            lambda: (
                bool(ic.selected_options)
                and NONE_KEY not in ic.selected_options
                and ic.get_pointed_at().value not in ACTIONS
            )
        )

        @bindings.add(Keys.ControlM, filter=ticked, eager=True)
        def _ask(_event: Any) -> None:
            self.asked_at = self.state()
            ic.error_message = FormattedText([("class:validation-toolbar", question)])

        def _yes(event: Any) -> None:
            ic.is_answered = True
            event.app.exit(result=list(ic.selected_options))

        for letter in words.yes_letters():  # y, and the language's own (o for oui, s for sí)
            for key in (letter, letter.upper()):
                bindings.add(key, filter=Condition(self.waiting), eager=True)(_yes)

        @bindings.add("n", filter=Condition(self.waiting), eager=True)
        @bindings.add("N", filter=Condition(self.waiting), eager=True)
        def _no(_event: Any) -> None:
            self.asked_at = None
            ic.error_message = None

        add_keys(prompt, bindings)
        prompt.application.key_processor.after_key_press += self._forget

    def state(self) -> tuple:
        return tuple(self.ic.selected_options), self.ic.pointed_at

    def waiting(self) -> bool:
        return self.asked_at is not None and self.asked_at == self.state()

    def _forget(self, _sender: Any) -> None:
        """A tick or a move after the question takes it back, and its line with it."""
        if self.asked_at is not None and not self.waiting():
            self.asked_at = None
            self.ic.error_message = None

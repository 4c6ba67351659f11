"""How a list is drawn: our own rows in place of questionary's, fitted to the screen.

This is where the prompts reach into questionary's InquirerControl (its `choices`, `pointed_at`,
`selected_options`, `error_message` and `text`) and into the prompt_toolkit layout questionary
builds, as keys.py does for the key bindings; pyproject pins both to their major versions and
tests/test_dependency_pins.py checks each internal is still there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition, to_filter
from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Window
from questionary import Separator
from questionary.prompts.common import InquirerControl

from assessment.terminal import texts
from assessment.terminal.prompts.sentinels import ACTIONS

ROWS_ABOVE = 1
"""Rows kept visible above each question: the wizard's progress line."""
MESSAGE_ROWS = 1
"""Rows kept free below a list for a message (nothing ticked, and the like)."""


def list_window(prompt: questionary.Question) -> Window:
    """The window holding the prompt's list."""
    for window in prompt.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window
    raise RuntimeError("no list in this prompt")


def inquirer_control(prompt: questionary.Question) -> InquirerControl:
    """The control questionary keeps the list's rows, pointer and ticks in."""
    control = list_window(prompt).content
    assert isinstance(control, InquirerControl)
    return control


def point_at(ic: InquirerControl, key: str) -> None:
    """Move the pointer to the row holding this key, without ticking or choosing it."""
    for i, choice in enumerate(ic.choices):
        if choice.value == key:
            ic.pointed_at = i


def visible_rows(count: int, pointer: int, room: int, top: int) -> tuple[int, int]:
    """The rows [first, end) to draw so the pointer stays in view within `room` lines.

    When the list is longer than the room, one line above and one below may say how many rows
    are out of view; those lines come out of the room too. `top` is the first row drawn last
    time, so the list only scrolls when the pointer leaves the view.
    """
    if count <= room:
        return 0, count
    room = max(room, 3)
    top = max(0, min(top, pointer, count - 1))
    while True:
        lines = room - (1 if top > 0 else 0)
        if count - top > lines:
            lines -= 1
        end = min(count, top + lines)
        if pointer < end:
            return top, end
        top += 1


def draw_rows(
    prompt: questionary.Question,
    glyphs: texts.Glyphs,
    header_lines: int,
    tickable: bool,
    pointer_shown: Callable[[], bool] = lambda: True,
) -> None:
    """Draw the rows ourselves: ticks only on tickable rows, actions plain, and only what fits.

    The list never takes more rows than the screen has below the progress line, the question
    and its hint, with one row left for a message; "3 more below" says what is out of view.
    """
    window = list_window(prompt)
    window.dont_extend_height = to_filter(True)  # the message sits right under the list
    ic = inquirer_control(prompt)
    pointer = f" {glyphs.pointer} "
    pad = " " * len(pointer)
    state = {"top": 0}

    def room() -> int:
        rows = get_app().output.get_size().rows
        return rows - ROWS_ABOVE - header_lines - MESSAGE_ROWS

    def hidden(rows: list[Any]) -> int:
        return sum(1 for c in rows if not isinstance(c, Separator))

    def tokens() -> list[tuple[str, str]]:
        choices = ic.choices
        top, end = visible_rows(len(choices), ic.pointed_at, room(), state["top"])
        state["top"] = top
        out: list[tuple[str, str]] = []
        if top > 0:
            more = texts.MORE_ABOVE.format(arrow=glyphs.up, count=hidden(choices[:top]))
            out += [("class:instruction", pad + more), ("", "\n")]
        for i in range(top, end):
            choice = choices[i]
            here = i == ic.pointed_at and pointer_shown()
            if here:
                out += [("class:pointer", pointer), ("[SetCursorPosition]", "")]
            else:
                out.append(("class:text", pad))
            ticked = choice.value in ic.selected_options
            if isinstance(choice, Separator):
                out.append(("class:separator", str(choice.title)))
            else:
                if tickable and choice.value not in ACTIONS:
                    mark = glyphs.ticked if ticked else glyphs.unticked
                    out.append(("class:selected" if ticked else "class:text", mark + " "))
                if ticked:
                    kind = "class:selected"
                elif here:
                    kind = "class:highlighted"
                else:
                    kind = "class:text"
                out.append((kind, str(choice.title)))
            out.append(("", "\n"))
        if end < len(choices):
            more = texts.MORE_BELOW.format(arrow=glyphs.down, count=hidden(choices[end:]))
            out.append(("class:instruction", pad + more))
        elif out:
            out.pop()
        return out

    ic.text = tokens


def one_line_message(prompt: questionary.Question) -> None:
    """Show a tick list's message on one row under the list (questionary's own takes two)."""
    ic = inquirer_control(prompt)
    root = prompt.application.layout.container
    assert isinstance(root, HSplit)
    root.children[-1] = ConditionalContainer(
        Window(FormattedTextControl(lambda: ic.error_message or ""), height=1),
        filter=Condition(lambda: ic.error_message is not None),
    )

"""The question and its hints above a prompt, wrapped to the screen at word boundaries."""

from __future__ import annotations

import shutil
import textwrap
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assessment.core.bank import Question


def screen_width() -> int:
    """The width to wrap to: the terminal's, but never wider than 80 columns."""
    return max(20, min(80, shutil.get_terminal_size((80, 24)).columns))


def message(question: Question) -> str:
    """The question wrapped to the screen (prompt_toolkit cuts long lines above the input)."""
    return message_text(question.text)


def message_text(text: str) -> str:
    """Words asked above a prompt, wrapped to the screen."""
    width = screen_width() - 1
    lines = textwrap.wrap(text.strip(), width=width - 2, break_on_hyphens=False)
    return "\n  ".join(lines) if lines else text


def instruction(question: Question, *hints: str) -> str:
    """The question's own help, then how to answer, wrapped and indented under the question.

    Each hint ("30 to 250 kg.", "Type < to go back.") follows on the same line when it fits
    there whole, and starts a new line when it does not, so no hint is split between lines
    when it could be kept together.
    """
    return instruction_text(question.help, *hints)


def instruction_text(help: str | None, *hints: str) -> str:
    """Help words, then how to answer: see `instruction`."""
    width = screen_width() - 1
    wrap = partial(textwrap.wrap, width=width, initial_indent="  ", subsequent_indent="  ")
    lines = wrap(help.strip()) if help else []
    for hint in hints:
        if lines and len(lines[-1]) + 1 + len(hint) <= width:
            lines[-1] += f" {hint}"
        else:
            lines += wrap(hint)
    return "\n" + "\n".join(lines)


def header_lines(message: str, instruction: str) -> int:
    """Rows the question and its hints take above a list."""
    return 1 + message.count("\n") + instruction.count("\n")

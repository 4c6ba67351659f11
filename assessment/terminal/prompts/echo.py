"""The answer, shown under its question once the prompt has cleared itself."""

from __future__ import annotations

import textwrap
from typing import Any

from assessment.core.bank import Question
from assessment.core.numbers import number as _num
from assessment.terminal import texts
from assessment.terminal.prompts.header import screen_width
from assessment.terminal.prompts.sentinels import BACK, SKIP


def answer_words(question: Question, answer: Any, glyphs: texts.Glyphs = texts.UNICODE) -> str:
    """What the person answered, in the words they chose it by."""
    if answer is BACK:
        return glyphs.back
    if answer is SKIP or answer is None:
        return texts.SKIP if question.type in LIST_TYPES else texts.SKIPPED
    if question.type == "yesno":
        return texts.YES if answer else texts.NO
    if question.type == "multi":
        if answer in ([], ["none"]):
            own = next((c for c in question.choices or [] if c.value == "none"), None)
            return own.label if own else texts.NONE_OF_THESE
        labels = [c.label for value in answer if (c := question.choice(value))]
        if len(labels) == 1:
            return labels[0]
        count = (texts.AREAS_TICKED if question.id == "wpi_regions" else texts.TICKED).format(
            count=len(labels)
        )
        return f"{count} {'; '.join(labels)}"
    if question.type == "single":
        choice = question.choice(answer)
        return choice.label if choice else str(answer)
    if question.type == "scale":
        return f"{_num(answer)} of {_num(question.upper)}"
    if question.type == "number":
        # As the appendix words it (Bank.format_answer): "1 handful a week", "2 handfuls a week".
        unit = question.unit_one if answer == 1 and question.unit_one else question.unit
        return f"{_num(answer)} {unit}" if unit else _num(answer)
    return str(answer)


LIST_TYPES = ("single", "multi", "yesno", "scale")


def answer_lines(
    question: Question,
    answer: Any,
    glyphs: texts.Glyphs = texts.UNICODE,
    width: int | None = None,
) -> list[str]:
    """The question and its answer, wrapped at word boundaries with one indent.

    The answer follows the question on its last line when it fits there, and goes below it,
    indented, when it does not; nothing is ever cut inside a word.
    """
    return echo_lines(question.text, answer_words(question, answer, glyphs), width)


def echo_lines(message: str, answer: str, width: int | None = None) -> list[str]:
    """A question and its answer as lines: see `answer_lines`. An empty answer gives the
    question alone."""
    width = (width or screen_width()) - 1
    lines = textwrap.wrap(
        f"{texts.QMARK} {' '.join(message.split())}",
        width=width,
        subsequent_indent="  ",
        break_on_hyphens=False,
    )
    words = " ".join(answer.split())
    if not words:  # the question alone (left on screen when the person pauses)
        return lines
    if len(lines[-1]) + 1 + len(words) <= width:
        lines[-1] += f" {words}"
        return lines
    return lines + textwrap.wrap(
        words, width=width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
    )

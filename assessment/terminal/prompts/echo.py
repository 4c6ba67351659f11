"""The answer, shown under its question once the prompt has cleared itself."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from assessment.core.answer_words import answer_words
from assessment.terminal import texts
from assessment.terminal.prompts.header import screen_width
from assessment.terminal.prompts.sentinels import BACK, SKIP

if TYPE_CHECKING:
    from assessment.core.bank import Question, Screen


def echo_words(question: Question, answer: Any, glyphs: texts.Glyphs = texts.UNICODE) -> str:
    """What the person answered, in the words they chose it by; "Back" when they went back."""
    if answer is BACK:
        return glyphs.back
    return answer_words(question, None if answer is SKIP else answer, texts.ECHO_WORDING)


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
    return echo_lines(question.text, echo_words(question, answer, glyphs), width)


def screen_lines(
    screen: Screen, answer: Any, glyphs: texts.Glyphs = texts.UNICODE, width: int | None = None
) -> list[str]:
    """A screen and its answer: a question's as `answer_lines`; a checklist's ticked rows (or
    "None of these", or "Prefer not to say")."""
    if screen.grid is not None:
        if answer is BACK:
            return echo_lines(screen.text, glyphs.back, width)
        lines = echo_lines(screen.text, "", width)
        for q in screen.questions:
            said = answer.get(q.id)
            words = echo_words(q, SKIP if said is None else said, glyphs)
            rows = echo_lines(q.label or q.text, words, (width or screen_width()) - 2)
            lines += ["  " + row for row in rows]
        return lines
    if screen.checklist is None:
        return answer_lines(screen.questions[0], answer, glyphs, width)
    if answer is BACK:
        words = glyphs.back
    elif all(value is None for value in answer.values()):
        words = texts.SKIP
    else:
        ticked = [q.label or q.text for q in screen.questions if answer.get(q.id)]
        words = "; ".join(ticked) if ticked else texts.NONE_OF_THESE
    return echo_lines(screen.text, words, width)


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

"""Which prompt asks which type of question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessment.terminal import texts
from assessment.terminal.prompts.checklist import checklist
from assessment.terminal.prompts.choices import multi, scale, single, yesno
from assessment.terminal.prompts.grid import grid
from assessment.terminal.prompts.sentinels import MISSING
from assessment.terminal.prompts.typed import number, text

if TYPE_CHECKING:
    from assessment.core.bank import Question, Screen

SCALE_ROWS_AT_MOST = 20
"""A scale wider than this many steps is typed as a number rather than listed row by row."""


def ask(
    question: Question,
    *,
    previous: Any = MISSING,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    safety: bool = False,
    **kwargs: Any,
) -> Any:
    """Ask one question with the prompt that fits its type.

    `safety` marks a red-flag question: Enter alone never answers it.

    The prompt clears itself once answered: the caller shows the answer with `answer_lines`,
    wrapped at word boundaries (prompt_toolkit would break a long answer anywhere).
    """
    kwargs.setdefault("erase_when_done", True)
    if question.type == "scale" and (question.upper - question.lower) > SCALE_ROWS_AT_MOST:
        kind = "number"
    else:
        kind = question.type
    prompt = {
        "single": single,
        "multi": multi,
        "yesno": yesno,
        "number": number,
        "scale": scale,
        "text": text,
    }[kind]
    if kind == "yesno":
        kwargs["safety"] = safety
    return prompt(
        question, previous=previous, can_go_back=can_go_back, style=style, glyphs=glyphs, **kwargs
    )


def ask_screen(screen: Screen, *, previous: dict[str, Any], **kwargs: Any) -> Any:
    """Ask one screen: a checklist, a grid, or its one question (`previous` holds earlier
    answers by id). A checklist or a grid returns its items' answers by id (or BACK); a
    question its answer, BACK or SKIP."""
    if screen.grid is not None:
        kwargs.pop("safety", None)
        return grid(screen, previous=previous, **kwargs)
    if screen.checklist is not None:
        return checklist(screen, previous=previous, **kwargs)
    question = screen.questions[0]
    return ask(question, previous=previous.get(question.id, MISSING), **kwargs)

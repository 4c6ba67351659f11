"""Questions answered by typing: a number in a range, or free text on one line."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import questionary

from assessment.core.numbers import number as _num
from assessment.terminal import texts
from assessment.terminal.prompts.header import instruction, message
from assessment.terminal.prompts.sentinels import BACK, MISSING, SKIP
from assessment.terminal.prompts.wrap import WordWrap

if TYPE_CHECKING:
    from assessment.core.bank import Question


def is_back(raw: str) -> bool:
    """A typed < goes back, even after an earlier answer that is still in the field ("54<")."""
    return raw.strip().endswith(texts.BACK_WORD)


def number(
    question: Question,
    *,
    previous: Any = MISSING,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    **kwargs: Any,
) -> Any:
    """A number in a range: unit and range shown, a plain message when it does not fit."""
    whole = question.integer or question.type == "scale"
    low, high = question.lower, question.upper
    unit = f" {question.unit}" if question.unit else ""
    hints = [f"{_num(low)} to {_num(high)}{unit}."]
    hints += _typed_hints(question, can_go_back)

    def validate(raw: str) -> bool | str:
        word = raw.strip()
        if can_go_back and is_back(word):
            return True
        if not word:
            return True if question.skippable else texts.NEEDED_NOT_EMPTY
        value = parse_number(word, question.unit)
        example = _num(round((low + min(high, low + 100)) / 2))
        if value is None:
            return texts.NEED_A_NUMBER.format(example=example)
        if whole and not value.is_integer():
            return texts.NEED_WHOLE.format(example=example)
        if not low <= value <= high:
            return texts.OUT_OF_RANGE.format(low=_num(low), high=_num(high))
        return True

    default = "" if previous is MISSING or previous is None else _num(previous)
    raw = _typed(question, hints, default, validate, style, **kwargs)
    if can_go_back and is_back(raw):
        return BACK
    if not raw:
        return SKIP
    value = parse_number(raw, question.unit)
    assert value is not None
    return int(value) if value.is_integer() else value


def text(
    question: Question,
    *,
    previous: Any = MISSING,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    **kwargs: Any,
) -> Any:
    """Free text on one line; an empty answer skips."""
    limit = question.max_length

    def validate(raw: str) -> bool | str:
        if can_go_back and is_back(raw):
            return True
        if len(raw.strip()) > limit:
            return texts.TOO_LONG.format(limit=limit)
        return True

    default = previous if isinstance(previous, str) else ""
    raw = _typed(question, _typed_hints(question, can_go_back), default, validate, style, **kwargs)
    if can_go_back and is_back(raw):
        return BACK
    return raw if raw else SKIP


INPUT_PREFIX = f"  {texts.INPUT_MARK} "
"""What stands before a typed answer: questionary adds a space after the instruction's "  >"."""


def _typed(
    question: Question,
    hints: list[str],
    default: str,
    validate: Callable[[str], bool | str],
    style: Any,
    **kwargs: Any,
) -> str:
    indent = " " * len(INPUT_PREFIX)
    kwargs.setdefault("prompt_continuation", indent)  # wrapped rows line up under the answer
    kwargs.setdefault("input_processors", [WordWrap(len(indent))])
    prompt = questionary.text(
        message(question),
        default=default,
        validate=validate,
        qmark=texts.QMARK,
        instruction=instruction(question, *hints) + "\n" + INPUT_PREFIX.rstrip(" "),
        style=style,
        **kwargs,
    )
    return prompt.unsafe_ask().strip()


def _typed_hints(question: Question, can_go_back: bool) -> list[str]:
    hints = []
    if question.skippable:
        hints.append(texts.HINT_SKIP_TYPED)
    if can_go_back:
        hints.append(texts.HINT_BACK_TYPED)
    return hints


def parse_number(raw: str, unit: str | None = None) -> float | None:
    """A typed number, forgiving a decimal comma and the unit typed after it ("72,5 kg")."""
    word = raw.strip().lower()
    if unit and word.endswith(unit.lower()):
        word = word[: -len(unit)].strip()
    word = word.replace(",", ".").replace(" ", "")
    try:
        value = float(word)
    except ValueError:
        return None
    return value if math.isfinite(value) else None

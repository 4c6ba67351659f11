"""Questions answered from a list: single choice, yes/no, a 0-10 scale, and tick lists.

Each builds a questionary select or checkbox over its rows plus "Prefer not to say" and "Back",
then hands it to lists.py to draw and keys.py for its keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import questionary
from questionary import Choice, Separator

from assessment.i18n import words
from assessment.terminal import texts
from assessment.terminal.prompts.header import header_lines, instruction, message
from assessment.terminal.prompts.keys import (
    ChoiceNeeded,
    RestIsNo,
    digit_keys,
    list_keys,
    number_keys,
    tick_keys,
)
from assessment.terminal.prompts.lists import (
    draw_rows,
    inquirer_control,
    one_line_message,
    point_at,
)
from assessment.terminal.prompts.sentinels import ACTIONS, BACK_KEY, MISSING, NONE_KEY, SKIP_KEY

if TYPE_CHECKING:
    from assessment.core.bank import Question


def _action_rows(skippable: bool, can_go_back: bool, glyphs: texts.Glyphs) -> list[Any]:
    rows: list[Any] = []
    if skippable or can_go_back:
        rows.append(Separator(glyphs.rule * 3))
    if skippable:
        rows.append(Choice(texts.SKIP, value=SKIP_KEY))
    if can_go_back:
        rows.append(Choice(glyphs.back, value=BACK_KEY))
    return rows


def _choose(
    question: Question,
    options: list[tuple[Any, str]],
    *,
    previous: Any,
    can_go_back: bool,
    style: Any,
    glyphs: texts.Glyphs,
    how: str,
    shortcuts: dict[str, Any] | None = None,
    digits: bool = False,
    start: Any = MISSING,
    must_choose: str | None = None,
    **kwargs: Any,
) -> Any:
    """A select over (value, label) pairs plus skip and back; returns a value, BACK or SKIP.

    `how` says how to answer; the pointer starts on the earlier answer, without one on `start`.
    With `must_choose` and no earlier answer, no row is chosen at first and Enter alone records
    nothing: it shows `must_choose`, the line saying what to press.
    """
    keys = {f"choice:{i}": value for i, (value, _label) in enumerate(options)}
    rows: list[Any] = [Choice(label, value=f"choice:{i}") for i, (_v, label) in enumerate(options)]
    rows += _action_rows(question.skippable, can_go_back, glyphs)
    default = None
    if previous is None and question.skippable:
        default = SKIP_KEY
    elif previous is not MISSING:
        default = next((k for k, v in keys.items() if _same(v, previous)), None)
    first = None
    if default is None and start is not MISSING:
        first = next((k for k, v in keys.items() if _same(v, start)), None)
    said = message(question)
    hint = instruction(question, how)
    prompt = questionary.select(
        said,
        choices=rows,
        default=default,
        qmark=texts.QMARK,
        pointer=glyphs.pointer,
        instruction=hint,
        style=style,
        **kwargs,
    )
    if first is not None:  # pointed at, but not marked as an earlier answer
        point_at(inquirer_control(prompt), first)
    list_keys(prompt, can_go_back, _keys_for(shortcuts, keys))
    needed = ChoiceNeeded(prompt, must_choose) if must_choose and default is None else None
    if digits:
        rows_by_number = {v: k for k, v in keys.items() if isinstance(v, int)}
        digit_keys(prompt, rows_by_number, needed.choose if needed else None)
    if needed is not None:
        one_line_message(prompt)
    draw_rows(
        prompt,
        glyphs,
        header_lines(said, hint),
        tickable=False,
        pointer_shown=needed.chosen if needed else lambda: True,
    )
    picked = prompt.unsafe_ask()
    return ACTIONS.get(picked, keys.get(picked))


def _keys_for(wanted: dict[str, Any] | None, keys: dict[str, Any]) -> dict[str, str]:
    """Map each key press to the row holding the wanted value."""
    out = {}
    for press, want in (wanted or {}).items():
        for row, value in keys.items():
            if _same(value, want):
                out[press] = row
    return out


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same kind, so that True never matches 1 nor 0 matches False."""
    return type(a) is type(b) and a == b


def single(question: Question, **kw: Any) -> Any:
    """Single choice: a select over the question's choices.

    Up to nine choices are numbered, and a row's number answers at once, as y and n do.
    """
    choices = question.choices or []
    if len(choices) > 9:
        options = [(c.value, c.label) for c in choices]
        return _choose(question, options, how=texts.HINT_SELECT, **kw)
    options = [(c.value, f"{i + 1} {c.label}") for i, c in enumerate(choices)]
    numbers = {str(i + 1): c.value for i, c in enumerate(choices)}
    return _choose(question, options, how=texts.HINT_NUMBERED, shortcuts=numbers, **kw)


def yesno(question: Question, *, safety: bool = False, **kw: Any) -> Any:
    """Yes or no: a two-row select; y and n answer at once.

    Without an earlier answer the pointer starts on No, so a stray Enter never says yes. On a
    safety question a stray Enter records nothing at all (not even no): it says what to press.
    """
    return _choose(
        question,
        [(True, texts.YES), (False, texts.NO)],
        how=texts.HINT_YESNO,
        shortcuts={**dict.fromkeys(words.yes_letters(), True), "n": False},
        start=False,
        must_choose=texts.SAFETY_NEEDS_CHOICE if safety else None,
        **kw,
    )


def scale(question: Question, **kw: Any) -> Any:
    """A 0-10 style scale: one row per whole number, the ends labelled; digits move the pointer."""
    low, high = int(question.lower), int(question.upper)
    options = []
    for n in range(low, high + 1):
        label = f"{n:>2}"
        if n == low and question.min_label:
            label += f"  {question.min_label}"
        if n == high and question.max_label:
            label += f"  {question.max_label}"
        options.append((n, label))
    previous = kw.get("previous")
    if isinstance(previous, float) and previous.is_integer():
        kw["previous"] = int(previous)
    # No number is chosen at first, so a stray Enter never records a rating.
    kw.pop("safety", None)
    return _choose(
        question,
        options,
        how=texts.HINT_SCALE,
        digits=True,
        must_choose=texts.SCALE_NEEDS_CHOICE,
        **kw,
    )


def multi(
    question: Question,
    *,
    previous: Any = MISSING,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    **kwargs: Any,
) -> Any:
    """Multiple choice: a tick list that must be answered explicitly.

    Nothing ticked is not taken as an answer: the person ticks "None of these" (the bank's own
    `none` choice when it has one), so a stray Enter never records "no pain anywhere". Space only
    ever ticks or unticks; "Prefer not to say" and "Back" act on Enter, and "Prefer not to say"
    is refused while something is ticked, so no tick is thrown away by accident.
    """
    choices = list(question.choices or [])
    own_none = next((c for c in choices if c.value == "none"), None)
    earlier = previous if isinstance(previous, list) else None
    options = [(c.value, c.label) for c in choices if c is not own_none]
    picked = tick_list(
        TickList(
            said=message(question),
            hint=instruction(question, texts.HINT_TICKS),
            options=options,
            ticked={v for v, _label in options if earlier and v in earlier},
            none_label=own_none.label if own_none else texts.NONE_OF_THESE,
            none_ticked=earlier is not None and (earlier == [] or earlier == ["none"]),
            skip_first=previous is None and question.skippable,
            skippable=question.skippable,
            numbered=True,
        ),
        can_go_back=can_go_back,
        style=style,
        glyphs=glyphs,
        **kwargs,
    )
    if not isinstance(picked, list):
        return picked
    if picked == [NONE_KEY]:
        return ["none"] if own_none else []
    return picked


@dataclass(frozen=True)
class TickList:
    """What a tick list shows: the question, its rows (value, label), and what is ticked."""

    said: str
    hint: str
    options: list[tuple[Any, str]]
    ticked: set[Any]
    none_label: str
    none_ticked: bool
    skip_first: bool  # the earlier answer was "Prefer not to say"
    skippable: bool
    numbered: bool = False  # digits tick rows, 0 ticks "None of these"
    rest_no: str | None = None  # with rows ticked, Enter first asks this (a checklist)


def tick_list(
    spec: TickList,
    *,
    can_go_back: bool,
    style: Any,
    glyphs: texts.Glyphs,
    **kwargs: Any,
) -> Any:
    """A tick list over the rows plus "None of these", skip and back.

    Returns the ticked values in row order, [NONE_KEY] for "None of these", BACK or SKIP.
    """
    keys = {f"choice:{i}": value for i, (value, _label) in enumerate(spec.options)}
    rows: list[Any] = []
    wide = 2 if len(spec.options) > 9 else 1
    for i, (value, label) in enumerate(spec.options):
        title = f"{i + 1:>{wide}} {label}" if spec.numbered else label
        rows.append(Choice(title, value=f"choice:{i}", checked=value in spec.ticked))
    none_title = f"{0:>{wide}} {spec.none_label}" if spec.numbered else spec.none_label
    rows.append(Choice(none_title, value=NONE_KEY, checked=spec.none_ticked))
    rows += _action_rows(spec.skippable, can_go_back, glyphs)

    def validate(selected: list[str]) -> bool | str:
        if not selected:
            return texts.NOTHING_TICKED.format(none=spec.none_label)
        if NONE_KEY in selected and len(selected) > 1:
            return texts.NONE_AND_OTHERS.format(none=spec.none_label)
        return True

    prompt = questionary.checkbox(
        spec.said,
        choices=rows,
        qmark=texts.QMARK,
        pointer=glyphs.pointer,
        instruction=spec.hint,
        validate=validate,
        initial_choice=SKIP_KEY if spec.skip_first else None,
        style=style,
        **kwargs,
    )
    list_keys(prompt, can_go_back)
    tick_keys(prompt)
    if spec.numbered:
        number_keys(prompt, [f"choice:{i}" for i in range(len(spec.options))])
    if spec.rest_no:
        RestIsNo(prompt, spec.rest_no)
    one_line_message(prompt)
    draw_rows(prompt, glyphs, header_lines(spec.said, spec.hint), tickable=True)
    picked = prompt.unsafe_ask()
    if isinstance(picked, str):
        return ACTIONS[picked]
    if NONE_KEY in picked:
        return [NONE_KEY]
    return [keys[k] for k in sorted(picked, key=list(keys).index)]

"""One prompt per question type, over questionary: each returns an answer, BACK or SKIP.

Prompts use `unsafe_ask`, so Ctrl-C raises KeyboardInterrupt; the wizard catches it in one place,
where the draft is saved. Extra keyword arguments (input, output, color_depth) go straight to
prompt_toolkit, so tests can drive every prompt through a pipe.
"""

from __future__ import annotations

import math
import shutil
import textwrap
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from assessment import texts
from assessment.bank import Question


class _Sentinel:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


BACK = _Sentinel("BACK")
"""The person asked to go back to the previous question."""
SKIP = _Sentinel("SKIP")
"""The person chose "prefer not to say"."""
MISSING = _Sentinel("MISSING")
"""No earlier answer to pre-select."""

_BACK_KEY = "action:back"
_SKIP_KEY = "action:skip"
_NONE_KEY = "extra:none"
_ACTIONS = {_BACK_KEY: BACK, _SKIP_KEY: SKIP}


def ask(
    question: Question,
    *,
    previous: Any = MISSING,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    **kwargs: Any,
) -> Any:
    """Ask one question with the prompt that fits its type."""
    if question.type == "scale" and (question.upper - question.lower) > 20:
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
    return prompt(
        question, previous=previous, can_go_back=can_go_back, style=style, glyphs=glyphs, **kwargs
    )


# ---------------------------------------------------------------------------------------------
# Lists: single choice, yes/no, 0-10 scale, multiple choice


def _action_rows(question: Question, can_go_back: bool, glyphs: texts.Glyphs) -> list[Any]:
    rows: list[Any] = []
    if question.skippable or can_go_back:
        rows.append(Separator(glyphs.rule * 3))
    if question.skippable:
        rows.append(Choice(texts.SKIP, value=_SKIP_KEY))
    if can_go_back:
        rows.append(Choice(glyphs.back, value=_BACK_KEY))
    return rows


def _inquirer_control(prompt: questionary.Question) -> InquirerControl:
    for window in prompt.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window.content
    raise RuntimeError("no list in this prompt")


def _add_keys(prompt: questionary.Question, bindings: KeyBindings) -> None:
    """Give extra keys priority over questionary's own."""
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _list_keys(
    prompt: questionary.Question,
    can_go_back: bool,
    shortcuts: dict[str, str] | None = None,
    jumps: dict[str, str] | None = None,
) -> None:
    """Enter or Space on an action row acts at once; < goes back; one-key answers and jumps."""
    ic = _inquirer_control(prompt)
    on_action = Condition(lambda: ic.get_pointed_at().value in _ACTIONS)
    bindings = KeyBindings()

    def finish(event: Any, key: str) -> None:
        for i, choice in enumerate(ic.choices):
            if choice.value == key:
                ic.pointed_at = i
        ic.selected_options = [key]
        ic.is_answered = True
        event.app.exit(result=key)

    @bindings.add(Keys.ControlM, filter=on_action, eager=True)
    @bindings.add(" ", filter=on_action, eager=True)
    def _act(event: Any) -> None:
        finish(event, ic.get_pointed_at().value)

    if can_go_back:

        @bindings.add("<", eager=True)
        def _back(event: Any) -> None:
            finish(event, _BACK_KEY)

    for key, value in (shortcuts or {}).items():

        def _answer(event: Any, value: str = value) -> None:
            finish(event, value)

        bindings.add(key, eager=True)(_answer)
        bindings.add(key.upper(), eager=True)(_answer)

    for key, target in (jumps or {}).items():

        def _jump(event: Any, target: str = target) -> None:
            for i, choice in enumerate(ic.choices):
                if choice.value == target:
                    ic.pointed_at = i

        bindings.add(key, eager=True)(_jump)

    _add_keys(prompt, bindings)


def _choose(
    question: Question,
    options: list[tuple[Any, str]],
    *,
    previous: Any,
    can_go_back: bool,
    style: Any,
    glyphs: texts.Glyphs,
    instruction: str,
    shortcuts: dict[str, Any] | None = None,
    jumps: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """A select over (value, label) pairs plus skip and back; returns a value, BACK or SKIP."""
    keys = {f"choice:{i}": value for i, (value, _label) in enumerate(options)}
    rows: list[Any] = [Choice(label, value=f"choice:{i}") for i, (_v, label) in enumerate(options)]
    rows += _action_rows(question, can_go_back, glyphs)
    default = None
    if previous is None and question.skippable:
        default = _SKIP_KEY
    elif previous is not MISSING:
        default = next((k for k, v in keys.items() if _same(v, previous)), None)
    message, instruction = _list_texts(
        question, instruction, max(len(label) for _v, label in options)
    )
    prompt = questionary.select(
        message,
        choices=rows,
        default=default,
        qmark=texts.QMARK,
        pointer=glyphs.pointer,
        instruction=instruction,
        style=style,
        **kwargs,
    )
    _list_keys(prompt, can_go_back, _keys_for(shortcuts, keys), _keys_for(jumps, keys))
    picked = prompt.unsafe_ask()
    return _ACTIONS.get(picked, keys.get(picked))


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
    """Single choice: a select over the question's choices."""
    options = [(c.value, c.label) for c in question.choices or []]
    return _choose(question, options, instruction=texts.HINT_SELECT, **kw)


def yesno(question: Question, **kw: Any) -> Any:
    """Yes or no: a two-row select; y and n answer at once."""
    return _choose(
        question,
        [(True, texts.YES), (False, texts.NO)],
        instruction=texts.HINT_YESNO,
        shortcuts={"y": True, "n": False},
        **kw,
    )


def scale(question: Question, **kw: Any) -> Any:
    """A 0-10 style scale: one row per whole number, the ends labelled."""
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
    jumps = {str(n): n for n in range(max(low, 0), min(high, 9) + 1)}
    return _choose(question, options, instruction=texts.HINT_SCALE, jumps=jumps, **kw)


def multi(
    question: Question,
    *,
    previous: Any = MISSING,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    **kwargs: Any,
) -> Any:
    """Multiple choice: a checkbox list that must be answered explicitly.

    Nothing ticked is not taken as an answer: the person ticks "None of these" (the bank's own
    `none` choice when it has one), so a stray Enter never records "no pain anywhere".
    """
    choices = list(question.choices or [])
    own_none = next((c for c in choices if c.value == "none"), None)
    earlier = previous if isinstance(previous, list) else None
    rows: list[Any] = []
    keys: dict[str, Any] = {}
    for i, c in enumerate(choices):
        if c is own_none:
            continue
        keys[f"choice:{i}"] = c.value
        rows.append(
            Choice(c.label, value=f"choice:{i}", checked=bool(earlier and c.value in earlier))
        )
    none_label = own_none.label if own_none else texts.NONE_OF_THESE
    none_checked = earlier is not None and (earlier == [] or earlier == ["none"])
    rows.append(Choice(none_label, value=_NONE_KEY, checked=none_checked))
    rows += _action_rows(question, can_go_back, glyphs)

    def validate(selected: list[str]) -> bool | str:
        if any(k in _ACTIONS for k in selected):
            return True
        if not selected:
            return texts.NOTHING_TICKED.format(none=none_label)
        if _NONE_KEY in selected and len(selected) > 1:
            return texts.NONE_AND_OTHERS.format(none=none_label)
        return True

    initial = _SKIP_KEY if previous is None and question.skippable else None
    longest = max([len("done (99 selections)")] + [len(c.label) + 2 for c in choices])
    message, instruction = _list_texts(question, texts.HINT_CHECKBOX, longest)
    prompt = questionary.checkbox(
        message,
        choices=rows,
        qmark=texts.QMARK,
        pointer=glyphs.pointer,
        instruction=instruction,
        validate=validate,
        initial_choice=initial,
        style=style,
        **kwargs,
    )
    _list_keys(prompt, can_go_back)
    _no_tick_all(prompt)
    picked = prompt.unsafe_ask()
    if isinstance(picked, str):
        return _ACTIONS[picked]
    if _NONE_KEY in picked:
        return ["none"] if own_none else []
    return [keys[k] for k in picked]


def _no_tick_all(prompt: questionary.Question) -> None:
    """Turn off questionary's a (tick all) and i (invert): too easy to hit by accident here."""
    bindings = KeyBindings()
    for key in ("a", "i"):

        @bindings.add(key, eager=True)
        def _ignore(_event: Any) -> None:
            pass

    _add_keys(prompt, bindings)


# ---------------------------------------------------------------------------------------------
# Typed answers: number and free text


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
        if word == texts.BACK_WORD and can_go_back:
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
    if raw == texts.BACK_WORD and can_go_back:
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
        if len(raw.strip()) > limit:
            return texts.TOO_LONG.format(limit=limit)
        return True

    default = previous if isinstance(previous, str) else ""
    raw = _typed(question, _typed_hints(question, can_go_back), default, validate, style, **kwargs)
    if raw == texts.BACK_WORD and can_go_back:
        return BACK
    return raw if raw else SKIP


def _typed(
    question: Question,
    hints: list[str],
    default: str,
    validate: Callable[[str], bool | str],
    style: Any,
    **kwargs: Any,
) -> str:
    prompt = questionary.text(
        _message(question),
        default=default,
        validate=validate,
        qmark=texts.QMARK,
        instruction=_instruction(question, " ".join(hints)) + "\n  " + texts.INPUT_MARK,
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


# ---------------------------------------------------------------------------------------------
# Shared bits


def screen_width() -> int:
    """The width to wrap to: the terminal's, but never wider than 80 columns."""
    return max(20, min(80, shutil.get_terminal_size((80, 24)).columns))


def _message(question: Question) -> str:
    """The question wrapped to the screen (prompt_toolkit cuts long lines above the input)."""
    width = screen_width() - 1
    lines = textwrap.wrap(question.text.strip(), width=width - 2, break_on_hyphens=False)
    return "\n  ".join(lines) if lines else question.text


def _list_texts(question: Question, hint: str, longest_answer: int) -> tuple[str, str]:
    """Message and instruction for a list; the answer goes on its own line if it would not fit.

    questionary shows the chosen answer after the question; prompt_toolkit breaks that line
    anywhere, even mid-word, so a long answer is moved below the question instead.
    """
    message = _message(question)
    instruction = _instruction(question, hint)
    last = message.splitlines()[-1]
    if len(texts.QMARK) + 1 + len(last) + 2 + longest_answer > screen_width() - 1:
        # questionary puts one space between the two: the first hint line lines up with the rest.
        return message + "\n ", instruction[1:].lstrip(" ")
    return message, instruction


def _instruction(question: Question, hint: str) -> str:
    """The question's own help, then how to answer, each wrapped and indented under it."""
    width = screen_width() - 1
    lines = []
    for part in ([question.help.strip()] if question.help else []) + [hint]:
        lines += textwrap.wrap(part, width=width, initial_indent="  ", subsequent_indent="  ")
    return "\n" + "\n".join(lines)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)

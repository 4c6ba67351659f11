"""One prompt per question type, over questionary: each returns an answer, BACK or SKIP.

Lists are drawn here rather than by questionary, so that they fit the screen (scrolling, with
"3 more below"), tick marks appear only on rows that can be ticked, and actions such as
"Prefer not to say" and "Back" look like actions.

Prompts use `unsafe_ask`, so Ctrl-C raises KeyboardInterrupt; the wizard catches it in one place,
where the draft is saved. Extra keyword arguments (input, output, color_depth) go straight to
prompt_toolkit, so tests can drive every prompt through a pipe.
"""

from __future__ import annotations

import math
import shutil
import textwrap
import time
from collections.abc import Callable, Container
from functools import partial
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition, to_filter
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Window
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.layout.utils import explode_text_fragments
from prompt_toolkit.utils import get_cwidth
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from assessment.core.bank import Question
from assessment.core.numbers import number as _num
from assessment.terminal import texts


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
    """Ask one question with the prompt that fits its type.

    The prompt clears itself once answered: the caller shows the answer with `answer_lines`,
    wrapped at word boundaries (prompt_toolkit would break a long answer anywhere).
    """
    kwargs.setdefault("erase_when_done", True)
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

ROWS_ABOVE = 1
"""Rows kept visible above each question: the wizard's progress line."""
MESSAGE_ROWS = 1
"""Rows kept free below a list for a message (nothing ticked, and the like)."""


def _action_rows(question: Question, can_go_back: bool, glyphs: texts.Glyphs) -> list[Any]:
    rows: list[Any] = []
    if question.skippable or can_go_back:
        rows.append(Separator(glyphs.rule * 3))
    if question.skippable:
        rows.append(Choice(texts.SKIP, value=_SKIP_KEY))
    if can_go_back:
        rows.append(Choice(glyphs.back, value=_BACK_KEY))
    return rows


def _list_window(prompt: questionary.Question) -> Window:
    for window in prompt.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window
    raise RuntimeError("no list in this prompt")


def _inquirer_control(prompt: questionary.Question) -> InquirerControl:
    control = _list_window(prompt).content
    assert isinstance(control, InquirerControl)
    return control


def _add_keys(prompt: questionary.Question, bindings: KeyBindings) -> None:
    """Give extra keys priority over questionary's own."""
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _finish(ic: InquirerControl, event: Any, key: str) -> None:
    """Answer the list with the row holding this key."""
    for i, choice in enumerate(ic.choices):
        if choice.value == key:
            ic.pointed_at = i
    ic.selected_options = [key]
    ic.is_answered = True
    event.app.exit(result=key)


def _list_keys(
    prompt: questionary.Question,
    can_go_back: bool,
    shortcuts: dict[str, str] | None = None,
) -> None:
    """< goes back at once; one-key answers (y, n)."""
    ic = _inquirer_control(prompt)
    bindings = KeyBindings()

    if can_go_back:

        @bindings.add("<", eager=True)
        def _back(event: Any) -> None:
            _finish(ic, event, _BACK_KEY)

    for key, value in (shortcuts or {}).items():

        def _answer(event: Any, value: str = value) -> None:
            _finish(ic, event, value)

        bindings.add(key, eager=True)(_answer)
        bindings.add(key.upper(), eager=True)(_answer)

    _add_keys(prompt, bindings)


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


def _digit_keys(prompt: questionary.Question, rows: dict[int, str]) -> None:
    """A digit moves to that number; 1 then 0 at once moves to 10 (1 then 2 to 12, where shown)."""
    ic = _inquirer_control(prompt)
    bindings = KeyBindings()
    last: dict[str, Any] = {"digit": None, "at": None}

    def point_at(key: str) -> None:
        for i, choice in enumerate(ic.choices):
            if choice.value == key:
                ic.pointed_at = i

    def on_digit(event: Any, digit: int) -> None:
        before, now = last["digit"], clock()
        number = two_digits(before, last["at"], digit, now, rows)
        if number is not None and ic.get_pointed_at().value == rows[before]:
            point_at(rows[number])
            last.update(digit=None, at=None)
        elif digit in rows:
            point_at(rows[digit])
            last.update(digit=digit, at=now)

    for digit in range(10):
        bindings.add(str(digit), eager=True)(lambda event, d=digit: on_digit(event, d))
    _add_keys(prompt, bindings)


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


def _draw_rows(
    prompt: questionary.Question,
    glyphs: texts.Glyphs,
    header_lines: int,
    tickable: bool,
) -> None:
    """Draw the rows ourselves: ticks only on tickable rows, actions plain, and only what fits.

    The list never takes more rows than the screen has below the progress line, the question
    and its hint, with one row left for a message; "3 more below" says what is out of view.
    """
    window = _list_window(prompt)
    window.dont_extend_height = to_filter(True)  # the message sits right under the list
    ic = _inquirer_control(prompt)
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
            if i == ic.pointed_at:
                out += [("class:pointer", pointer), ("[SetCursorPosition]", "")]
            else:
                out.append(("class:text", pad))
            ticked = choice.value in ic.selected_options
            if isinstance(choice, Separator):
                out.append(("class:separator", str(choice.title)))
            else:
                if tickable and choice.value not in _ACTIONS:
                    mark = glyphs.ticked if ticked else glyphs.unticked
                    out.append(("class:selected" if ticked else "class:text", mark + " "))
                if ticked:
                    kind = "class:selected"
                elif i == ic.pointed_at:
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


def _header_lines(message: str, instruction: str) -> int:
    return 1 + message.count("\n") + instruction.count("\n")


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
    digits: bool = False,
    start: Any = MISSING,
    **kwargs: Any,
) -> Any:
    """A select over (value, label) pairs plus skip and back; returns a value, BACK or SKIP.

    The pointer starts on the earlier answer; without one, on `start` when given.
    """
    keys = {f"choice:{i}": value for i, (value, _label) in enumerate(options)}
    rows: list[Any] = [Choice(label, value=f"choice:{i}") for i, (_v, label) in enumerate(options)]
    rows += _action_rows(question, can_go_back, glyphs)
    default = None
    if previous is None and question.skippable:
        default = _SKIP_KEY
    elif previous is not MISSING:
        default = next((k for k, v in keys.items() if _same(v, previous)), None)
    first = None
    if default is None and start is not MISSING:
        first = next((k for k, v in keys.items() if _same(v, start)), None)
    message = _message(question)
    hint = _instruction(question, instruction)
    prompt = questionary.select(
        message,
        choices=rows,
        default=default,
        qmark=texts.QMARK,
        pointer=glyphs.pointer,
        instruction=hint,
        style=style,
        **kwargs,
    )
    if first is not None:  # pointed at, but not marked as an earlier answer
        ic = _inquirer_control(prompt)
        ic.pointed_at = next(i for i, c in enumerate(ic.choices) if c.value == first)
    _list_keys(prompt, can_go_back, _keys_for(shortcuts, keys))
    if digits:
        _digit_keys(prompt, {v: k for k, v in keys.items() if isinstance(v, int)})
    _draw_rows(prompt, glyphs, _header_lines(message, hint), tickable=False)
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
    """Yes or no: a two-row select; y and n answer at once.

    Without an earlier answer the pointer starts on No, so a stray Enter never says yes (on a
    safety question, a yes sends the person to a doctor).
    """
    return _choose(
        question,
        [(True, texts.YES), (False, texts.NO)],
        instruction=texts.HINT_YESNO,
        shortcuts={"y": True, "n": False},
        start=False,
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
    return _choose(question, options, instruction=texts.HINT_SCALE, digits=True, **kw)


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
        if not selected:
            return texts.NOTHING_TICKED.format(none=none_label)
        if _NONE_KEY in selected and len(selected) > 1:
            return texts.NONE_AND_OTHERS.format(none=none_label)
        return True

    initial = _SKIP_KEY if previous is None and question.skippable else None
    message = _message(question)
    hint = _instruction(question, texts.HINT_CHECKBOX)
    prompt = questionary.checkbox(
        message,
        choices=rows,
        qmark=texts.QMARK,
        pointer=glyphs.pointer,
        instruction=hint,
        validate=validate,
        initial_choice=initial,
        style=style,
        **kwargs,
    )
    _list_keys(prompt, can_go_back)
    _tick_keys(prompt)
    _one_line_message(prompt)
    _draw_rows(prompt, glyphs, _header_lines(message, hint), tickable=True)
    picked = prompt.unsafe_ask()
    if isinstance(picked, str):
        return _ACTIONS[picked]
    if _NONE_KEY in picked:
        return ["none"] if own_none else []
    return [keys[k] for k in picked]


def _tick_keys(prompt: questionary.Question) -> None:
    """Space ticks only; actions act on Enter only; no a (tick all) or i (invert)."""
    ic = _inquirer_control(prompt)
    on_action = Condition(lambda: ic.get_pointed_at().value in _ACTIONS)
    bindings = KeyBindings()

    def say(message: str) -> None:
        ic.error_message = FormattedText([("class:validation-toolbar", message)])

    @bindings.add(" ", filter=on_action, eager=True)
    def _space_on_action(_event: Any) -> None:
        say(texts.ACTION_NEEDS_ENTER)

    @bindings.add(Keys.ControlM, filter=on_action, eager=True)
    def _enter_on_action(event: Any) -> None:
        action = ic.get_pointed_at().value
        if action == _SKIP_KEY and ic.selected_options:
            say(skip_refused(len(ic.selected_options)))
            return
        _finish(ic, event, action)

    for key in ("a", "i"):

        @bindings.add(key, eager=True)
        def _ignore(_event: Any) -> None:
            pass

    _add_keys(prompt, bindings)


def skip_refused(ticked: int) -> str:
    """Why "Prefer not to say" is refused while rows are ticked: how many, and what to do."""
    return texts.SKIP_AND_TICKED.format(count=ticked, them="them" if ticked > 1 else "it")


def _one_line_message(prompt: questionary.Question) -> None:
    """Show a tick list's message on one row under the list (questionary's own takes two)."""
    ic = _inquirer_control(prompt)
    root = prompt.application.layout.container
    assert isinstance(root, HSplit)
    root.children[-1] = ConditionalContainer(
        Window(FormattedTextControl(lambda: ic.error_message or ""), height=1),
        filter=Condition(lambda: ic.error_message is not None),
    )


# ---------------------------------------------------------------------------------------------
# Typed answers: number and free text


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
        _message(question),
        default=default,
        validate=validate,
        qmark=texts.QMARK,
        instruction=_instruction(question, *hints) + "\n" + INPUT_PREFIX.rstrip(" "),
        style=style,
        **kwargs,
    )
    return prompt.unsafe_ask().strip()


class WordWrap(Processor):
    """Display only: a word that would be cut at the right edge of the field starts the next row.

    prompt_toolkit wraps a long line at any character; this pads the row before such a word with
    spaces, so the word moves down whole (a word longer than a row is still cut). `indent` is the
    number of columns before the text on every row (the "  > " and the continuation under it).
    The typed text is untouched: the padding exists only on screen, and the cursor maps across it.
    """

    def __init__(self, indent: int):
        self.indent = indent

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        fragments = explode_text_fragments(ti.fragments)
        text = "".join(fragment[1] for fragment in fragments)
        pads = word_wrap_pads(text, ti.width - self.indent)
        if not pads:
            return Transformation(ti.fragments)
        out = []
        for i, fragment in enumerate(fragments):
            if i in pads:
                out.append((fragment[0], " " * pads[i]))
            out.append(fragment)
        starts = sorted(pads.items())

        def source_to_display(i: int) -> int:
            return i + sum(pad for at, pad in starts if at <= i)

        def display_to_source(j: int) -> int:
            shift = 0
            for at, pad in starts:
                if j < at + shift:
                    break
                if j < at + shift + pad:
                    return at  # inside the padding: the word it pushed down
                shift += pad
            return j - shift

        return Transformation(out, source_to_display, display_to_source)


def word_wrap_pads(text: str, room: int) -> dict[int, int]:
    """Where to pad `text` (position: spaces) so rows of `room` columns never cut a word.

    A word that would run past the end of a row starts the next one, and so does a word that
    would end the row exactly (the space after it would start the next row); a word longer than
    a whole row is cut as before. Nothing is padded when a character is not one column wide.
    """
    pads: dict[int, int] = {}
    if room < 10 or len(text) <= room or any(get_cwidth(c) != 1 for c in text):
        return pads
    start = 0
    while len(text) - start > room:
        end = start + room  # where the next row would start
        if text[end - 1] != " ":
            space = text.rfind(" ", start, end)
            if space >= start:
                pads[space + 1] = end - (space + 1)
                start = space + 1
                continue
        start = end
    return pads


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


def _instruction(question: Question, *hints: str) -> str:
    """The question's own help, then how to answer, wrapped and indented under the question.

    Each hint ("30 to 250 kg.", "Type < to go back.") follows on the same line when it fits
    there whole, and starts a new line when it does not, so no hint is split between lines
    when it could be kept together.
    """
    width = screen_width() - 1
    wrap = partial(textwrap.wrap, width=width, initial_indent="  ", subsequent_indent="  ")
    lines = wrap(question.help.strip()) if question.help else []
    for hint in hints:
        if lines and len(lines[-1]) + 1 + len(hint) <= width:
            lines[-1] += f" {hint}"
        else:
            lines += wrap(hint)
    return "\n" + "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The answer, shown under the question once the prompt has cleared itself


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

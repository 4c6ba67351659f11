"""A grid screen: related questions one row each (the five pain ratings), answered together.

Up and down (or Tab) move between rows; a digit, y or n, or left and right answer a rating,
a choice or a yes/no row, and a number row takes typed digits. A row answered by a key moves on
to the next; the last row answered by a key, once every row has its answer, completes the grid
(as a digit answers a list). Enter submits only when every row is answered or skipped ("-"): a
stray Enter on an open row stays there and says so. Each row keeps its own answer and its own
skip: a published item cannot be skipped. Ctrl-C raises GridPaused, which carries the
rows answered so far, so the draft keeps them and a resumed grid shows them again.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from prompt_toolkit.application import Application
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl

from assessment.core.numbers import number as _num
from assessment.i18n import words
from assessment.terminal import texts
from assessment.terminal.prompts.header import screen_width
from assessment.terminal.prompts.sentinels import BACK, MISSING, SKIP
from assessment.terminal.prompts.typed import parse_number

if TYPE_CHECKING:
    from assessment.core.bank import Question, Screen

VALUE_COLUMNS = 24
"""The columns a row's answer takes at its right."""


class GridPaused(KeyboardInterrupt):
    """Ctrl-C on a grid: `answers` holds the rows answered so far (None for a skipped row)."""

    def __init__(self, answers: dict[str, Any]):
        super().__init__()
        self.answers = answers


class _Grid:
    """The state of one grid while it is asked: each row's answer and the row pointed at."""

    def __init__(self, screen: Screen, previous: dict[str, Any], can_go_back: bool, glyphs):
        self.screen = screen
        self.rows = list(screen.questions)
        self.can_go_back = can_go_back
        self.glyphs = glyphs
        self.values: dict[str, Any] = {}
        self.typed: dict[str, str] = {}
        for q in self.rows:
            earlier = previous.get(q.id, MISSING)
            if earlier is None and q.skippable:
                self.values[q.id] = SKIP
            elif earlier is not MISSING and earlier is not None:
                if q.type == "scale" and isinstance(earlier, float) and earlier.is_integer():
                    earlier = int(earlier)
                self.values[q.id] = earlier
                if q.type == "number":
                    self.typed[q.id] = _num(earlier)
        self.at = next((i for i, q in enumerate(self.rows) if q.id not in self.values), 0)
        self.message = ""
        self.one_at: int | None = None  # the row of a 1 just typed on a 0-10 row
        self.complete = False  # the last row answered by a key, every row answered

    @property
    def row(self) -> Question:
        return self.rows[self.at]

    def done(self, q: Question) -> bool:
        return q.id in self.values

    def answers(self) -> dict[str, Any]:
        return {qid: None if v is SKIP else v for qid, v in self.values.items()}

    # -- moving and answering -------------------------------------------------------------

    def move(self, step: int) -> None:
        self.one_at = None
        self.check_typed()
        self.at = max(0, min(len(self.rows) - 1, self.at + step))

    def answered(self, value: Any) -> None:
        """A row answered by a key: keep it and move on to the next row. The last row answered
        by a key when every row has its answer completes the grid, as a digit answers a list."""
        self.values[self.row.id] = value
        self.message = ""
        if self.at < len(self.rows) - 1:
            self.at += 1
        elif value is not SKIP and all(self.done(q) for q in self.rows):
            self.complete = True

    def step(self, direction: int) -> None:
        """Left or right: the next rating, choice or yes/no along the row."""
        self.one_at = None
        q = self.row
        now = self.values.get(q.id)
        if q.type == "scale":
            low, high = int(q.lower), int(q.upper)
            value = low if not isinstance(now, (int, float)) else int(now) + direction
            self.values[q.id] = max(low, min(high, value))
        elif q.type == "single":
            options = [c.value for c in q.choices or []]
            index = options.index(now) + direction if now in options else 0
            self.values[q.id] = options[max(0, min(len(options) - 1, index))]
        elif q.type == "yesno":
            self.values[q.id] = direction < 0 if now not in (True, False) else not now
        self.message = ""

    def digit(self, d: int) -> None:
        """A digit answers a rating or a choice and moves on. A 1 on a 0-10 row waits: a 0 next
        makes it 10; any other digit leaves it 1 and answers the next row."""
        if self.one_at is not None:
            row, self.one_at = self.one_at, None
            if d == 0:
                self.at = row
                self.answered(10)
                return
            self.at = row
            if self.at < len(self.rows) - 1:
                self.at += 1
        q = self.row
        if q.type == "number":
            self.typed[q.id] = self.typed.get(q.id, "") + str(d)
            self.values.pop(q.id, None)
            self.message = ""
        elif q.type == "scale" and q.lower <= d <= q.upper:
            if d == 1 and q.upper >= 10:
                self.values[q.id] = 1
                self.message = ""
                self.one_at = self.at
                return
            self.answered(d)
        elif q.type == "single" and 1 <= d <= len(q.choices or []):
            self.answered((q.choices or [])[d - 1].value)

    def check_typed(self) -> bool:
        """A number row's typed digits as its answer; False (and why) when they do not fit."""
        q = self.row
        if q.type != "number" or q.id not in self.typed or self.values.get(q.id) is SKIP:
            return True
        raw = self.typed[q.id]
        if not raw:
            self.values.pop(q.id, None)
            return True
        value = parse_number(raw, q.unit)
        low, high = q.lower, q.upper
        example = _num(round((low + min(high, low + 100)) / 2))
        if value is None:
            self.message = texts.NEED_A_NUMBER.format(example=example)
        elif q.integer and not value.is_integer():
            self.message = texts.NEED_WHOLE.format(example=example)
        elif not low <= value <= high:
            self.message = texts.OUT_OF_RANGE.format(low=_num(low), high=_num(high))
        else:
            self.values[q.id] = int(value) if value.is_integer() else value
            return True
        self.values.pop(q.id, None)
        return False

    def skip(self) -> None:
        self.one_at = None
        if not self.row.skippable:
            self.message = texts.HINT_NEEDED
            return
        self.typed.pop(self.row.id, None)
        self.answered(SKIP)

    def submit(self) -> bool:
        """Enter: True when every row has its answer. Else it moves on to the next open row,
        and says what is missing when the row pointed at is open itself."""
        self.one_at = None
        if not self.check_typed():
            return False
        open_rows = [i for i, q in enumerate(self.rows) if not self.done(q)]
        if not open_rows:
            return True
        if self.done(self.row):
            self.at = next((i for i in open_rows if i > self.at), open_rows[0])
        else:
            self.message = texts.GRID_UNFINISHED
        return False

    # -- drawing ----------------------------------------------------------------------------

    def value_words(self, q: Question) -> str:
        value = self.values.get(q.id, MISSING)
        if q.type == "number" and (q.id in self.typed and value is MISSING):
            return self.typed[q.id] + "_"
        if value is MISSING:
            return "_" if q.type == "number" else self.glyphs.dot
        if value is SKIP:
            return texts.SKIP
        if q.type == "yesno":
            return texts.YES if value else texts.NO
        if q.type == "single":
            choice = q.choice(value)
            return choice.label if choice else str(value)
        if q.type == "number" and q.unit:
            return f"{_num(value)} {q.unit_one if value == 1 and q.unit_one else q.unit}"
        return _num(value)

    def detail(self, q: Question) -> str:
        """How to answer the row pointed at: the scale's ends, the numbered choices, the range."""
        if q.type == "scale":
            low, high = _num(q.lower), _num(q.upper)
            if q.min_label or q.max_label:
                ends = f"{low} {q.min_label or ''}".strip() + ", " + f"{high} {q.max_label or ''}"
            else:
                ends = texts.SCALE_RANGE.format(low=low, high=high)
            return f"{ends.strip()}. {texts.HINT_GRID_SCALE}"
        if q.type == "single":
            return "  ".join(f"{i} {c.label}" for i, c in enumerate(q.choices or [], 1))
        if q.type == "number":
            unit = f" {q.unit}" if q.unit else ""
            return f"{_num(q.lower)} to {_num(q.upper)}{unit}. {texts.HINT_GRID_NUMBER}"
        return texts.HINT_YESNO
        # (a yes/no row)

    def lines(self, width: int) -> FormattedText:
        out: list[tuple[str, str]] = []

        def line(style: str, text: str) -> None:
            out.append((style, text))
            out.append(("", "\n"))

        heading = textwrap.wrap(self.screen.text.strip(), width - 3, break_on_hyphens=False)
        for i, part in enumerate(heading):
            if i == 0:
                out.append(("class:qmark", texts.QMARK + " "))
                line("class:question", part)
            else:
                line("class:question", "  " + part)
        grid = self.screen.grid
        hints = [grid.help] if grid is not None and grid.help else []
        hints.append(texts.HINT_GRID if self.can_go_back else texts.HINT_GRID_FIRST)
        for hint in hints:
            for part in textwrap.wrap(hint, width - 3, break_on_hyphens=False):
                line("class:instruction", "  " + part)
        label_width = width - 4 - VALUE_COLUMNS
        for i, q in enumerate(self.rows):
            here = i == self.at
            words_ = textwrap.wrap(q.label or q.text, label_width, break_on_hyphens=False)
            value = self.value_words(q)
            if len(value) > VALUE_COLUMNS - 1:
                value = value[: VALUE_COLUMNS - 2] + self.glyphs.ellipsis
            for n, part in enumerate(words_ or [""]):
                mark = self.glyphs.pointer if here and n == 0 else " "
                out.append(("class:pointer" if here else "", f"{mark} "))
                out.append(("class:highlighted" if here else "", part.ljust(label_width)))
                if n == 0:
                    style = "class:answer" if self.done(q) else "class:instruction"
                    out.append(("", "  "))
                    out.append((style, value))
                out.append(("", "\n"))
        about = [self.detail(self.row)]
        if self.row.help:
            about.insert(0, self.row.help.strip())
        for text in about:
            for part in textwrap.wrap(text, width - 3, break_on_hyphens=False):
                line("class:instruction", "  " + part)
        if self.message:
            for part in textwrap.wrap(self.message, width - 3, break_on_hyphens=False):
                line("class:validation-toolbar", "  " + part)
        if out and out[-1] == ("", "\n"):
            out.pop()
        return FormattedText(out)


def grid(
    screen: Screen,
    *,
    previous: dict[str, Any] | None = None,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    **kwargs: Any,
) -> Any:
    """Ask a grid screen: {row id: answer, None when skipped}, or BACK."""
    state = _Grid(screen, previous or {}, can_go_back, glyphs)
    width = screen_width()
    bindings = KeyBindings()

    @bindings.add(Keys.Up)
    @bindings.add(Keys.BackTab)
    def _up(event: Any) -> None:
        state.move(-1)

    @bindings.add(Keys.Down)
    @bindings.add(Keys.Tab)
    def _down(event: Any) -> None:
        state.move(1)

    @bindings.add(Keys.Left)
    def _left(event: Any) -> None:
        state.step(-1)

    @bindings.add(Keys.Right)
    def _right(event: Any) -> None:
        state.step(1)

    for d in range(10):

        @bindings.add(str(d))
        def _digit(event: Any, d: int = d) -> None:
            state.digit(d)
            if state.complete:
                event.app.exit(result=state.answers())

    for mark in (".", ","):

        @bindings.add(mark)
        def _decimal(event: Any, mark: str = mark) -> None:
            if state.row.type == "number":
                state.typed[state.row.id] = state.typed.get(state.row.id, "") + "."
                state.values.pop(state.row.id, None)

    @bindings.add(Keys.Backspace)
    def _backspace(event: Any) -> None:
        q = state.row
        if q.type == "number" and state.typed.get(q.id):
            state.typed[q.id] = state.typed[q.id][:-1]
            state.values.pop(q.id, None)

    def yes_no(value: bool) -> Any:
        def _answer(event: Any) -> None:
            if state.row.type == "yesno":
                state.answered(value)
            if state.complete:
                event.app.exit(result=state.answers())

        return _answer

    for letter in {*words.yes_letters(), "n"}:
        answer = yes_no(letter != "n")
        bindings.add(letter)(answer)
        bindings.add(letter.upper())(answer)

    @bindings.add("-")
    def _skip(event: Any) -> None:
        state.skip()

    if can_go_back:

        @bindings.add(texts.BACK_WORD)
        def _back(event: Any) -> None:
            event.app.exit(result=BACK)

    @bindings.add(Keys.Enter)
    def _enter(event: Any) -> None:
        if state.submit():
            event.app.exit(result=state.answers())

    @bindings.add(Keys.ControlC)
    def _pause(event: Any) -> None:
        state.check_typed()
        event.app.exit(exception=GridPaused(state.answers()))

    @bindings.add(Keys.ControlD)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError())

    @bindings.add(Keys.Any)
    def _other(event: Any) -> None:
        """Other keys do nothing: a letter typed by mistake never answers a row."""

    io = {k: kwargs[k] for k in ("input", "output", "color_depth") if k in kwargs}
    if "style_transformation" in kwargs:
        io["style_transformation"] = kwargs["style_transformation"]
    app: Application[Any] = Application(
        layout=Layout(Window(FormattedTextControl(lambda: state.lines(width)), wrap_lines=False)),
        key_bindings=bindings,
        style=style,
        erase_when_done=kwargs.get("erase_when_done", True),
        **io,
    )
    return app.run()


def row_answer(value: Any) -> Any:
    """A row's answer as `answer_lines` takes it: SKIP for a skipped row."""
    return SKIP if value is None else value

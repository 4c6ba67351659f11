"""Plain mode: each question printed once and answered by typing a line, for screen readers,
braille displays, magnifiers and simple terminals.

Nothing here moves the cursor, redraws or colours: lines go out one after the other and answers
come in line by line, so it also works through a pipe. The end of the input raises EOFError,
which the wizard treats as Ctrl-C (the draft is kept). A wrong entry gets one line saying what
to type, then the same question again. Enter alone keeps an earlier answer and otherwise records
nothing, so a stray Enter never answers a safety question.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from assessment.core.numbers import number as _num
from assessment.i18n import words
from assessment.terminal import texts
from assessment.terminal.prompts.echo import echo_words
from assessment.terminal.prompts.grid import GridPaused
from assessment.terminal.prompts.sentinels import BACK, MISSING, SKIP
from assessment.terminal.prompts.typed import parse_number

if TYPE_CHECKING:
    from assessment.core.bank import Question, Screen

SCALE_ROWS_AT_MOST = 20
"""As in the lists: a scale wider than this is answered as a number, without a row per step."""


class Wrong(Exception):
    """An entry that does not answer the question; the message says what to type instead."""


@dataclass
class Form:
    """How one question is answered here: the lines that show it, what to type, and the reading
    of a typed line (a value, or Wrong). `empty` is what Enter alone gives."""

    lines: list[str]
    how: str
    read: Callable[[str], Any]
    empty: Callable[[], Any]


class PlainAsker:
    glyphs = texts.ASCII

    def __init__(
        self,
        say: Callable[[str], None],
        say_wrapped: Callable[[str, str, str], None],
        input: IO[str] | None = None,
        output: IO[str] | None = None,
        **_list_options: Any,
    ):
        self.say = say
        self.say_wrapped = say_wrapped
        self.input = input or sys.stdin
        self.output = output or sys.stdout

    # -- the two things an asker does ---------------------------------------------------------

    def ask(
        self, screen: Screen, *, previous: dict[str, Any], can_go_back: bool, safety: bool
    ) -> Any:
        if screen.checklist is not None:
            return self.checklist(screen, previous, can_go_back)
        if screen.grid is not None:
            return self.grid(screen, previous, can_go_back)
        question = screen.questions[0]
        return self.question(question, previous.get(question.id, MISSING), can_go_back, safety)

    def question(self, question: Question, previous: Any, can_go_back: bool, safety: bool) -> Any:
        form = self.form(question, previous, safety)
        extras = []
        if can_go_back:
            extras.append(texts.PLAIN_BACK)
        if question.skippable:
            extras.append(texts.PLAIN_SKIP)
        if question.help:
            extras.append(texts.PLAIN_HELP)
        how = ", ".join([form.how, *extras]) + "."
        if previous is not MISSING:
            earlier = echo_words(question, SKIP if previous is None else previous, self.glyphs)
            how += " " + texts.PLAIN_KEEP.format(earlier=earlier)
        self.wrapped(question.text.strip())
        for line in form.lines:
            self.say(line)
        while True:
            entry = self.read(how)
            try:
                if entry == "?":
                    self.wrapped(question.help or texts.PLAIN_NO_HELP.format(how=form.how), "  ")
                    continue
                if entry == texts.BACK_WORD:
                    if not can_go_back:
                        raise Wrong(texts.PLAIN_NO_BACK)
                    answer = BACK
                elif entry == "-":
                    if not question.skippable:
                        raise Wrong(texts.PLAIN_NO_SKIP)
                    answer = SKIP
                elif not entry:
                    answer = form.empty()
                else:
                    answer = form.read(entry)
            except Wrong as wrong:
                self.say(str(wrong))
                self.wrapped(question.text.strip())
                continue
            return self.answered(answer, lambda said: echo_words(question, said))

    def grid(self, screen: Screen, previous: dict[str, Any], can_go_back: bool) -> Any:
        """A grid's rows one after another under its heading: < on a row goes back to the row
        before it (from the first, to the screen before). Answers by row id, or BACK."""
        rows = list(screen.questions)
        said = dict(previous)
        self.wrapped(screen.text.strip())
        if screen.grid is not None and screen.grid.help:
            self.wrapped(screen.grid.help.strip(), "  ")
        i = 0
        while i < len(rows):
            q = rows[i]
            try:
                answer = self.question(q, said.get(q.id, MISSING), can_go_back or i > 0, False)
            except (KeyboardInterrupt, EOFError):
                ids = {r.id for r in rows}
                kept = {k: v for k, v in said.items() if k in ids and v is not MISSING}
                raise GridPaused(kept) from None
            if answer is BACK:
                if i == 0:
                    return BACK
                i -= 1
                continue
            said[q.id] = None if answer is SKIP else answer
            i += 1
        return {q.id: said[q.id] for q in rows}

    def checklist(self, screen: Screen, previous: dict[str, Any], can_go_back: bool) -> Any:
        """Tick all that apply: the items' numbers, or 0 for none of them. With some ticked, the
        rest become no only after a y to "Everything else: no?". Answers by item id."""
        assert screen.checklist is not None
        items = list(screen.questions)
        skippable = all(q.skippable for q in items)
        extras = [texts.PLAIN_BACK] if can_go_back else []
        if skippable:
            extras.append(texts.PLAIN_SKIP)
        if screen.checklist.help:
            extras.append(texts.PLAIN_HELP)
        how = ", ".join([texts.PLAIN_CHECKLIST, *extras]) + "."
        earlier = [previous.get(q.id, MISSING) for q in items]
        kept = None
        if all(value in (True, False, None) for value in earlier):
            kept = {q.id: value for q, value in zip(items, earlier, strict=True)}
            how += " " + texts.PLAIN_KEEP.format(earlier=_ticked_words(items, kept))
        self.wrapped(screen.text.strip())
        for i, q in enumerate(items, 1):
            self.say(f"  {i}) {q.label or q.text}")
        self.say(f"  0) {texts.NONE_OF_THESE}")
        while True:
            entry = self.read(how)
            try:
                if entry == "?":
                    help_line = screen.checklist.help or texts.PLAIN_NO_HELP.format(
                        how=texts.PLAIN_CHECKLIST
                    )
                    self.wrapped(help_line, "  ")
                    continue
                answer = self._ticks(entry, items, kept, can_go_back, skippable)
                if isinstance(answer, set):  # the rest are no only when the person says so
                    self.wrapped(texts.PLAIN_REST_IS_NO)
                    if not yes_or_no(self.read(texts.PLAIN_YESNO + ".")):
                        raise Wrong(texts.PLAIN_CHANGE_TICKS)
                    answer = {q.id: q.id in answer for q in items}
            except Wrong as wrong:
                self.say(str(wrong))
                self.wrapped(screen.text.strip())
                continue
            return self.answered(answer, lambda said: _ticked_words(items, said))

    def _ticks(
        self,
        entry: str,
        items: list[Question],
        kept: dict[str, Any] | None,
        can_go_back: bool,
        skippable: bool,
    ) -> Any:
        """A checklist entry read: BACK, every item None (skipped), every item no, the earlier
        answers kept, or the set of ids ticked, whose rest still wait for a yes."""
        if entry == texts.BACK_WORD:
            if not can_go_back:
                raise Wrong(texts.PLAIN_NO_BACK)
            return BACK
        if entry == "-":
            if not skippable:
                raise Wrong(texts.PLAIN_NO_SKIP)
            return dict.fromkeys(q.id for q in items)
        if not entry:
            if kept is None:
                raise Wrong(texts.PLAIN_NEED_TICKS.format(none=0, label=texts.NONE_OF_THESE))
            return kept
        numbers = _numbers(entry, len(items))
        if 0 in numbers:
            if len(numbers) > 1:
                raise Wrong(texts.PLAIN_NONE_AND_OTHERS.format(none=0, label=texts.NONE_OF_THESE))
            return {q.id: False for q in items}
        return {q.id for n, q in enumerate(items, 1) if n in numbers}

    def choose(
        self,
        message: str,
        options: list[tuple[str, Any]],
        once_shown: Callable[[], None] | None = None,
    ) -> Any:
        self.wrapped(message)
        for i, (label, _value) in enumerate(options, 1):
            self.say(f"  {i}) {label}")
        how = texts.PLAIN_PICK.format(count=len(options)) + "."
        while True:
            entry = self.read(how, once_shown)
            once_shown = None
            try:
                index = pick(entry, len(options))
            except Wrong as wrong:
                self.say(str(wrong))
                self.wrapped(message)
                continue
            label, value = options[index]
            self.say("  " + texts.PLAIN_ANSWER.format(words=label))
            return value

    # -- the forms, by question type ----------------------------------------------------------

    def form(self, question: Question, previous: Any, safety: bool) -> Form:
        def keep_or(nothing: Callable[[], Any]) -> Callable[[], Any]:
            if previous is MISSING:
                return nothing
            return lambda: SKIP if previous is None else previous

        kind = question.type
        if kind == "scale" and question.upper - question.lower > SCALE_ROWS_AT_MOST:
            kind = "number"
        if kind == "single":
            return self._pick_one(question, keep_or)
        if kind == "multi":
            return self._pick_several(question, keep_or)
        if kind == "yesno":
            return Form([], texts.PLAIN_YESNO, yes_or_no, keep_or(wrong(_yesno_needed(safety))))
        if kind in ("scale", "number"):
            return self._number(question, keep_or)
        return self._text(question, keep_or)

    def _pick_one(self, question: Question, keep_or) -> Form:
        choices = question.choices or []
        count = len(choices)
        return Form(
            [f"  {i}) {c.label}" for i, c in enumerate(choices, 1)],
            texts.PLAIN_PICK.format(count=count),
            lambda entry: choices[pick(entry, count)].value,
            keep_or(wrong(texts.PLAIN_NEED_A_PICK.format(count=count))),
        )

    def _pick_several(self, question: Question, keep_or) -> Form:
        """Tick all that apply; "None of these" (the bank's own `none` when it has one) is the
        last number, and is refused beside anything else."""
        choices = [c for c in question.choices or [] if c.value != "none"]
        own_none = question.choice("none")
        none_label = own_none.label if own_none else texts.NONE_OF_THESE
        none = len(choices) + 1
        lines = [f"  {i}) {c.label}" for i, c in enumerate(choices, 1)]
        lines.append(f"  {none}) {none_label}")

        def read(entry: str) -> list[Any]:
            picked = sorted({pick(word, none) for word in re.split(r"[\s,;]+", entry) if word})
            if none - 1 in picked:
                if len(picked) > 1:
                    raise Wrong(texts.PLAIN_NONE_AND_OTHERS.format(none=none, label=none_label))
                return ["none"] if own_none else []
            return [choices[i].value for i in picked]

        needed = texts.PLAIN_NEED_TICKS.format(none=none, label=none_label)
        return Form(lines, texts.PLAIN_TICK, read, keep_or(wrong(needed)))

    def _number(self, question: Question, keep_or) -> Form:
        low, high = question.lower, question.upper
        whole = question.integer or question.type == "scale"
        lines = []
        if question.type == "scale" and (question.min_label or question.max_label):
            ends = [
                f"{_num(end)} = {label}"
                for end, label in ((low, question.min_label), (high, question.max_label))
                if label
            ]
            lines.append("  " + ", ".join(ends))
        unit = f" {question.unit}" if question.unit else ""

        def read(entry: str) -> float | int:
            value = parse_number(entry, question.unit)
            example = _num(round((low + min(high, low + 100)) / 2))
            if value is None:
                raise Wrong(texts.NEED_A_NUMBER.format(example=example))
            if whole and not value.is_integer():
                raise Wrong(texts.NEED_WHOLE.format(example=example))
            if not low <= value <= high:
                raise Wrong(texts.OUT_OF_RANGE.format(low=_num(low), high=_num(high)))
            return int(value) if value.is_integer() else value

        if question.type == "scale":  # a rating is never recorded by a stray Enter
            nothing = wrong(texts.OUT_OF_RANGE.format(low=_num(low), high=_num(high)))
        elif question.skippable:
            nothing = lambda: SKIP  # noqa: E731 -- as in the lists: empty skips a typed answer
        else:
            nothing = wrong(texts.NEEDED_NOT_EMPTY)
        how = texts.PLAIN_NUMBER.format(low=_num(low), high=_num(high), unit=unit)
        return Form(lines, how, read, keep_or(nothing))

    def _text(self, question: Question, keep_or) -> Form:
        limit = question.max_length

        def read(entry: str) -> str:
            if len(entry) > limit:
                raise Wrong(texts.TOO_LONG.format(limit=limit))
            return entry

        return Form([], texts.PLAIN_TEXT, read, keep_or(lambda: SKIP))

    # -- lines in and out ---------------------------------------------------------------------

    def read(self, how: str, once_shown: Callable[[], None] | None = None) -> str:
        """Say what to type, then read one line; the end of the input raises EOFError.
        `once_shown` is called when the prompt is out, before the line is read."""
        self.wrapped(how)
        self.output.write(texts.PLAIN_PROMPT)
        self.output.flush()
        if once_shown is not None:
            once_shown()
        line = self.input.readline()
        if not line:
            raise EOFError
        if not _is_terminal(self.input):
            self.output.write("\n")  # through a pipe the typed line is not echoed
        return line.strip()

    def answered(self, answer: Any, words: Callable[[Any], str]) -> Any:
        """Say what was recorded (in a pipe the typed line is not shown), or that we go back."""
        if answer is BACK:
            self.say("  " + texts.PLAIN_GOING_BACK)
        else:
            self.say("  " + texts.PLAIN_ANSWER.format(words=words(answer)))
        return answer

    def wrapped(self, text: str, indent: str = "") -> None:
        self.say_wrapped(text, indent, indent)


def pick(entry: str, count: int) -> int:
    """The index of a typed choice number from 1 to count."""
    if not entry:
        raise Wrong(texts.PLAIN_NEED_A_PICK.format(count=count))
    if not entry.isdigit() or not 1 <= int(entry) <= count:
        raise Wrong(texts.PLAIN_NOT_A_CHOICE.format(entry=entry[:20], count=count))
    return int(entry) - 1


def _numbers(entry: str, count: int) -> set[int]:
    """The numbers typed, each from 0 to count, separated by spaces or commas."""
    numbers = set()
    for word in re.split(r"[\s,;]+", entry):
        if not word:
            continue
        if not word.isdigit() or int(word) > count:
            raise Wrong(texts.PLAIN_NOT_A_CHOICE.format(entry=word[:20], count=count))
        numbers.add(int(word))
    return numbers


def _ticked_words(items: list[Question], answer: dict[str, Any]) -> str:
    if all(answer.get(q.id) is None for q in items):
        return texts.SKIP
    ticked = [q.label or q.text for q in items if answer.get(q.id)]
    return "; ".join(ticked) if ticked else texts.NONE_OF_THESE


def yes_or_no(entry: str) -> bool:
    word = entry.lower()
    if word in words.yes_words():
        return True
    if word in words.no_words():
        return False
    raise Wrong(texts.PLAIN_NEED_YESNO)


def wrong(message: str) -> Callable[[], Any]:
    def refuse() -> Any:
        raise Wrong(message)

    return refuse


def _yesno_needed(safety: bool) -> str:
    return texts.PLAIN_SAFETY if safety else texts.PLAIN_NEED_YESNO


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

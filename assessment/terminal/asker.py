"""How a question is put to the person: the one seam between the wizard's flow and the screen.

The wizard (wizard.py) decides what to ask, in what order, and what an answer leads to; an asker
only asks. `ListAsker` draws questionary's lists and fields; `plain.PlainAsker` prints each
question once and reads a line. Both return an answer, BACK or SKIP, and raise
KeyboardInterrupt or EOFError when the person stops, which the wizard turns into a pause.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from assessment.terminal import prompts, texts

if TYPE_CHECKING:
    from assessment.core.bank import Screen


class Asker(Protocol):
    glyphs: texts.Glyphs

    def ask(
        self, screen: Screen, *, previous: dict[str, Any], can_go_back: bool, safety: bool
    ) -> Any:
        """Ask one screen (a question, or a checklist's items by id in `previous` and in the
        answer); the answer (or BACK, SKIP) is shown under it before returning."""

    def choose(
        self,
        message: str,
        options: list[tuple[str, Any]],
        once_shown: Callable[[], None] | None = None,
    ) -> Any:
        """One of the options' values: (label, value) pairs, such as Begin or Not now.
        `once_shown` is called as soon as the question is on screen, before any answer."""


class ListAsker:
    """The full-screen wizard: questionary lists with a pointer, colour where allowed."""

    def __init__(self, say: Callable[[str], None], width: int, **prompt_kwargs: Any):
        self.say = say
        self.width = width
        self.glyphs = texts.glyphs()
        kwargs = dict(prompt_kwargs)
        if texts.colour_allowed():
            kwargs.setdefault("style", texts.style())
        else:
            from prompt_toolkit.output import ColorDepth

            kwargs.setdefault("color_depth", ColorDepth.DEPTH_1_BIT)
        if texts.dumb_terminal():
            kwargs.setdefault("style_transformation", texts.no_attributes())
        self.prompt_kwargs = kwargs

    def ask(
        self, screen: Screen, *, previous: dict[str, Any], can_go_back: bool, safety: bool
    ) -> Any:
        try:
            answer = prompts.ask_screen(
                screen,
                previous=previous,
                can_go_back=can_go_back,
                glyphs=self.glyphs,
                safety=safety,
                **self.prompt_kwargs,
            )
        except (KeyboardInterrupt, EOFError):
            self.left_unanswered(screen.text)
            raise
        for line in prompts.screen_lines(screen, answer, self.glyphs, self.width):
            self.say(line)
        return answer

    def choose(
        self,
        message: str,
        options: list[tuple[str, Any]],
        once_shown: Callable[[], None] | None = None,
    ) -> Any:
        import questionary

        rows = [questionary.Choice(label, value=str(i)) for i, (label, _v) in enumerate(options)]
        question = questionary.select(
            message,
            choices=rows,
            qmark=texts.QMARK,
            pointer=self.glyphs.pointer,
            instruction=" ",
            erase_when_done=True,
            **self.prompt_kwargs,
        )
        if once_shown is not None:
            question.application.after_render += _first_time(once_shown)
        try:
            picked = question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            self.left_unanswered(message)
            raise
        label, value = options[int(picked)]
        for line in prompts.echo_lines(message, label, self.width):
            self.say(line)
        return value

    def left_unanswered(self, message: str) -> None:
        """Ctrl-C clears the prompt: put the question back, so the lines above it (the progress
        line, the section heading) do not stand over nothing before "Paused"."""
        for line in prompts.echo_lines(message, "", self.width):
            self.say(line)


def _first_time(then: Callable[[], None]) -> Callable[[Any], None]:
    """An after-render handler that calls `then` after the first drawing only."""
    done = False

    def handler(_app: Any) -> None:
        nonlocal done
        if not done:
            done = True
            then()

    return handler

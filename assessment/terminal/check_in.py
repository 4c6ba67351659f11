"""The check-in in the terminal: the wizard's own flow (back, skip, pause and resume from a
draft) over the check-in's few questions, ending with a short summary instead of a report.

The check-in's questions are a small Bank of their own (core/check_in.py), so `Wizard` asks
them exactly as it asks the full questionnaire; only the welcome, the draft's file, the end
and the pause message differ. A check-in raises no red flags.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from assessment.core import answers as answers_mod
from assessment.core import check_in
from assessment.core.bank import Bank
from assessment.core.result import RedFlag
from assessment.errors import StoreError
from assessment.files import write_private
from assessment.paths import data_dir
from assessment.terminal import drafts, texts
from assessment.terminal.welcome import SECONDS_PER_SCREEN
from assessment.terminal.wizard import StopForNow, Wizard

DRAFT_FILE = "check-in-draft.json"  # beside the full assessment's draft, never mixed with it


def run(
    bank: Bank,
    asked: Bank,
    actions: Sequence[check_in.PlanAction],
    *,
    after: int | None = None,
    save: bool = True,
    clock: Callable[[], datetime] | None = None,
    plain: bool = False,
    **prompt_kwargs: Any,
) -> int:
    """Ask the check-in (`asked`, from check_in.questions) and keep it; returns the status.
    `plain` asks line by line, as the full questionnaire's plain mode does."""
    wizard = CheckInWizard(
        bank, asked, actions, after, prompt_kwargs, save=save, clock=clock, plain=plain
    )
    try:
        return wizard.start()
    except StopForNow:  # pragma: no cover - a check-in raises no red flag
        return wizard.pause(status=0)
    except (KeyboardInterrupt, EOFError):
        return wizard.pause()


class CheckInWizard(Wizard):
    paused_again = texts.CHECK_IN_PAUSED_AGAIN

    def __init__(
        self,
        full: Bank,
        asked: Bank,
        actions: Sequence[check_in.PlanAction],
        after: int | None,
        prompt_kwargs: dict[str, Any],
        *,
        save: bool = True,
        clock: Callable[[], datetime] | None = None,
        plain: bool = False,
    ):
        super().__init__(asked, prompt_kwargs, save=save, report=False, clock=clock, plain=plain)
        self.full = full
        self.actions = list(actions)
        self.after = after
        self.draft_path = data_dir() / DRAFT_FILE

    def urgent_flags(self, answers: dict[str, Any] | None = None) -> dict[str, RedFlag]:
        return {}  # no safety questions in a check-in

    def welcome(self) -> None:
        spec = self.full.check_in
        minutes = self.bank.minutes(SECONDS_PER_SCREEN)
        self.say(spec.title)
        self.say(self.glyphs.rule * min(self.width, len(spec.title)))
        if spec.intro:
            self.say_wrapped(spec.intro.strip())
        if not self.actions:
            self.say_wrapped(texts.CHECK_IN_NO_PLAN)
        self.say("")
        for point in texts.CHECK_IN_POINTS:
            text = point.format(minutes=minutes, back=self.glyphs.back)
            self.say_wrapped(text, f" {self.glyphs.bullet} ", "   ")
        self.say("")

    def announce(self, question: Any) -> None:
        """One section, already named by the welcome: no heading of its own."""

    def finish(self) -> int:
        from assessment import pipeline

        final = answers_mod.validate(self.bank, self.answers_shown(), source="your answers")
        now = self.clock()
        result = check_in.record(
            self.full,
            final,
            self.actions,
            assessed_at=now.isoformat(timespec="seconds"),
            after=self.after,
        )
        stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
        answers_path = write_private(
            data_dir() / f"check-in-{stamp}.yaml",
            answers_mod.dump(self.bank, final),
            error=StoreError,
            what="your answers",
        )
        drafts.remove(self.draft_path)
        self.say("")
        self.say(texts.CHECK_IN_DONE)
        for line in check_in.summary_lines(result.to_dict()):
            self.say_wrapped(line, "  ", "    ")
        self.say("")
        self.say(texts.ANSWERS_SAVED.format(path=answers_path))
        # the pipeline's note is said here in the wizard's own words
        history_id = pipeline.finish_check_in(self.full, final, result, self.save, io.StringIO())
        if history_id is not None:
            self.say(texts.CHECK_IN_SAVED.format(id=history_id))
        return 0

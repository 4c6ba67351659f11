"""The questionnaire in the terminal: welcome, red flags first, one section at a time, summary.

The flow keeps one position (the question being asked) over the questions that `show_if` lets
through for the answers so far, so changing an earlier answer shows or hides later questions at
once. The draft is saved after every step; Ctrl-C is caught in one place, `run`, which says where
the draft is and exits with status 130.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import textwrap
from collections.abc import Callable
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessment.core import safetext
from assessment.errors import StoreError
from assessment.files import write_private
from assessment.i18n import formats, words
from assessment.i18n.words import _
from assessment.paths import data_dir
from assessment.report import engine
from assessment.terminal import drafts, prompts, summary, texts
from assessment.terminal.asker import Asker, ListAsker
from assessment.terminal.welcome import SECONDS_PER_SCREEN, Facts, Loading, facts_of

if TYPE_CHECKING:  # the bank's schema and the scoring come with the bank, after the welcome
    from assessment.core.bank import Bank, Question, Screen
    from assessment.core.result import RedFlag

URGENT_LEVELS = ("emergency", "urgent")
PAIN_NOW, PAIN_AVERAGE, PAIN_WORST = "pain_now", "pain_average", "pain_worst"


def run(
    bank: Bank | Loading,
    *,
    facts: Facts | None = None,
    out: str | Path | None = None,
    paper: str = "a4",
    save: bool = True,
    report: bool = True,
    clock: Callable[[], datetime] | None = None,
    plain: bool = False,
    part: str = "all",
    large_print: bool = False,
    **prompt_kwargs: Any,
) -> int:
    """Run the wizard; prompt_kwargs (input, output, ...) go to every prompt. Returns the status.

    `bank` may still be `Loading`: the welcome then says `facts` (the bank's, kept by an earlier
    run), and the bank is loaded while it is read and waited for where it is first needed.
    `out` is where the PDF goes (by default the data folder), `report` whether one is written at
    all and `part` which of its parts (doctor, plan or all), `save` whether the finished
    assessment is kept in the history. `clock` gives the time that stamps the draft, the answers
    file and the result (by default the computer's clock). `plain` asks line by line (plain.py);
    its input and output are then text streams. `large_print` prints the PDF in large type.
    """
    wizard = Wizard(
        bank,
        prompt_kwargs,
        facts=facts,
        out=out,
        paper=paper,
        save=save,
        report=report,
        clock=clock,
        plain=plain,
        part=part,
        large_print=large_print,
    )
    try:
        return wizard.start()
    except StopForNow:
        return wizard.pause(status=0)
    except (KeyboardInterrupt, EOFError):
        return wizard.pause()


class StopForNow(Exception):
    """The person chose to stop after reading a red-flag message."""


class Wizard:
    #: What the pause message says to run to carry on (the check-in has its own command).
    paused_again = texts.PAUSED_AGAIN

    def __init__(
        self,
        bank: Bank | Loading,
        prompt_kwargs: dict[str, Any],
        *,
        facts: Facts | None = None,
        out: str | Path | None = None,
        paper: str = "a4",
        save: bool = True,
        report: bool = True,
        clock: Callable[[], datetime] | None = None,
        plain: bool = False,
        part: str = "all",
        large_print: bool = False,
    ):
        self.loading = bank if isinstance(bank, Loading) else None
        self._bank = None if isinstance(bank, Loading) else bank
        self.facts = facts
        self.out = Path(out) if out else None
        self.paper = paper
        self.part = part
        self.large_print = large_print
        self.save = save
        self.report = report
        self.clock = clock or now_utc
        self.width = min(80, shutil.get_terminal_size((80, 24)).columns)
        self.plain = plain
        self.output = prompt_kwargs.get("output") if plain else None
        if plain:
            from assessment.terminal.plain import PlainAsker

            self.asker: Asker = PlainAsker(self.say, self.say_wrapped, **prompt_kwargs)
        else:
            self.asker = ListAsker(self.say, self.width, **prompt_kwargs)
        self.glyphs = self.asker.glyphs
        self.draft_path = drafts.default_path()
        self.answers: dict[str, Any] = {}
        self.position: str | None = None
        self.announced: str | None = None
        self.intros_shown: set[str] = set()
        self.pain_confirmed: tuple | None = None
        self.flags_before: dict[str, RedFlag] | None = None  # flags before an alert held back
        self.draft: drafts.Draft | None = None  # the draft found at the start, if any

    @property
    def bank(self) -> Bank:
        """The bank; while it is still loading behind the welcome, this waits for it."""
        if self._bank is None:
            assert self.loading is not None
            self._bank = self.loading.bank()
        return self._bank

    @cached_property
    def flag_inputs(self) -> set[str]:
        return red_flag_inputs(self.bank)

    @cached_property
    def safety_ids(self) -> set[str]:
        from assessment.core import redflags

        return redflags.sign_ids(self.bank)

    def bank_comes(self) -> None:
        """The welcome's first prompt is on screen: load the bank while it is read."""
        if self.loading is not None:
            self.loading.start()

    # -----------------------------------------------------------------------------------------
    # Start, resume, pause

    def start(self) -> int:
        self.welcome()
        draft = self.draft = self.saved_draft()
        if draft is not None:
            choice = self.offer_resume(draft)
            if choice is None:
                self.say(texts.GOODBYE_NOT_NOW)
                self.remind()
                return 0
            if choice == "resume":
                self.answers = dict(draft.answers)
                self.position = self.resume_position(draft.position)
                action = self.urgent_action()
                if action:
                    self.say("")
                    self.say_wrapped(texts.RESUME_REMINDER.format(action=action))
        else:
            begin = [(texts.BEGIN, True), (texts.NOT_NOW, False)]
            if self.choose(texts.READY, begin, once_shown=self.bank_comes) is False:
                self.say(texts.GOODBYE_NOT_NOW)
                return 0
        if self.position is None and not self.answers:
            self.position = self.first()
        self.ask_all()
        return self.finish()

    def pause(self, status: int = 130) -> int:
        """After Ctrl-C (or the input closing): keep what was answered and say where it is."""
        self.say("")
        if self.answers:
            self.save_draft()
        elif not self.draft_path.exists():
            self.say(texts.PAUSED_NOTHING)
            return status
        self.say(texts.PAUSED.format(path=self.draft_path))
        self.say_wrapped(self.paused_again)
        self.remind()
        return status

    def remind(self) -> None:
        """End with the one calm action line while an emergency or urgent flag stands.

        Every way out says it: pausing, stopping after an alert, "Not now" at the resume question,
        and the end of the summary. The flags are those of the answers given in this run, or,
        before any, those of the saved draft (which is what stays on disk).
        """
        if self.answers:
            action = self.urgent_action()
            line = texts.PLEASE_ACT.format(action=action) if action else None
        elif self.draft is not None and self.draft_path.exists():
            action = self.urgent_action(self.draft.answers)
            line = texts.RESUME_REMINDER.format(action=action) if action else None
        else:
            line = None
        if line:
            self.say("")
            self.say_wrapped(line)

    def saved_draft(self) -> drafts.Draft | None:
        try:
            draft = drafts.load(self.draft_path)
        except drafts.NewerDraft:
            # Not ours to read, offer or overwrite: this run keeps its own draft beside it.
            newer, own = self.draft_path, drafts.own_path(drafts.default_path())
            self.say_wrapped(texts.DRAFT_NEWER.format(path=newer, own=own))
            self.say("")
            self.draft_path = own
            return self.saved_draft() if newer != own else None
        except StoreError:
            self.say(texts.DRAFT_UNREADABLE.format(path=self.draft_path))
            return None
        if draft is None:
            return None
        fitted, dropped = drafts.fit(self.bank, draft)
        if dropped and draft.bank_sha256 != self.bank.sha256:
            self.say(f"{texts.DRAFT_OTHER_BANK}: {', '.join(dropped)}.")
        if not fitted.answers:
            return None
        return fitted

    def offer_resume(self, draft: drafts.Draft) -> str | None:
        when = formats.saved_at(draft.saved_at.astimezone(), words.current())
        self.answers = dict(draft.answers)
        position = self.resume_position(draft.position)
        count = sum(1 for q in self.bank.asked(self.answers) if q.id in self.answers)
        if position is None:
            how_far = texts.RESUME_DONE_HOW_FAR.format(count=count)
        else:
            section = self.bank.section_of(position)
            how_far = texts.RESUME_HOW_FAR.format(
                count=count,
                section=section.title,
                index=self.bank.sections.index(section) + 1,
                total=len(self.bank.sections),
            )
        self.answers = {}
        self.say_wrapped(texts.RESUME_SAVED.format(when=when, how_far=how_far))
        return self.choose(
            texts.RESUME_QUESTION,
            [(texts.RESUME, "resume"), (texts.START_OVER, "over"), (texts.NOT_NOW, None)],
        )

    def resume_position(self, saved: str | None) -> str | None:
        """Where to carry on: the saved screen if still shown, else the first one unanswered."""
        screens = self.screens()
        if saved is not None and any(s.id == saved for s in screens):
            return saved
        for screen in screens:
            if any(q.id not in self.answers for q in screen.questions):
                return screen.id
        return None

    def save_draft(self) -> None:
        draft = drafts.Draft(self.answers, self.position, self.bank.sha256)
        drafts.save(draft, self.draft_path, now=self.clock())

    # -----------------------------------------------------------------------------------------
    # The questions

    def ask_all(self) -> None:
        while self.position is not None:
            screen = self.screen(self.position)
            first = screen.questions[0]
            self.announce(first)
            if self.report and self.bank.section_of(first.id) is self.bank.sections[-1]:
                engine.start()  # WeasyPrint gets ready while the last section is answered
            self.say("")
            self.progress(screen)
            back_to = self.previous(screen.id)
            earlier = {q.id: self.answers.get(q.id, prompts.MISSING) for q in screen.questions}
            try:
                answer = self.asker.ask(
                    screen,
                    previous=earlier,
                    can_go_back=back_to is not None,
                    safety=first.id in self.safety_ids,
                )
            except prompts.GridPaused as paused:  # the rows answered so far go in the draft
                self.answers.update(paused.answers)
                raise
            if answer is prompts.BACK:
                self.position = back_to
                self.flags_before = None
                self.save_draft()
                continue
            raises_flags = any(q.id in self.flag_inputs for q in screen.questions)
            if raises_flags and self.flags_before is None:
                self.flags_before = self.urgent_flags()
            if screen.checklist is not None or screen.grid is not None:
                self.answers.update(answer)
            else:
                self.answers[first.id] = None if answer is prompts.SKIP else answer
            self.position = self.next(screen.id)
            asked_here = {q.id for q in screen.questions}
            if PAIN_WORST in asked_here and not self.worst_is_right():
                self.position = screen.id
            self.save_draft()
            if raises_flags and not self.follow_up_next(screen):
                before, self.flags_before = self.flags_before or {}, None
                new = [f for fid, f in self.urgent_flags().items() if fid not in before]
                if new and self.alert(new) == "stop":
                    raise StopForNow

    def follow_up_next(self, screen: Screen) -> bool:
        """Whether the next screen is a safety question this screen's answer has just brought
        up (faint or sweaty after sudden severe pain): the alert waits for its answer, so it
        says at once how urgent the two together are."""
        if self.position is None or self.position not in self.flag_inputs:
            return False
        from assessment.core import expressions

        follow = self.bank.question(self.position).show_if
        names = {ref.name for ref in expressions.references(follow)} if follow else set()
        return bool(names & {q.id for q in screen.questions})

    def worst_is_right(self) -> bool:
        """A gentle check when the worst pain is below the pain now or the average.

        Asked once for the same three numbers; "No, change it" goes back to the worst rating.
        """
        ratings = tuple(self.answers.get(qid) for qid in (PAIN_NOW, PAIN_AVERAGE, PAIN_WORST))
        now, average, worst = ratings
        if not isinstance(worst, (int, float)) or ratings == self.pain_confirmed:
            return True
        if isinstance(now, (int, float)) and worst < now:
            message = texts.WORST_BELOW_NOW
        elif isinstance(average, (int, float)) and worst < average:
            message = texts.WORST_BELOW_AVERAGE
        else:
            return True
        self.say("")
        if self.choose(message, [(texts.KEEP_IT, True), (texts.CHANGE_IT, False)]):
            self.pain_confirmed = ratings
            return True
        return False

    def shown(self) -> list[Question]:
        return self.bank.asked(self.answers)

    def screens(self) -> list[Screen]:
        return self.bank.screens(self.answers)

    def screen(self, screen_id: str) -> Screen:
        """The screen by its id (the position is always one of the screens shown)."""
        return next(s for s in self.screens() if s.id == screen_id)

    def first(self) -> str | None:
        screens = self.screens()
        return screens[0].id if screens else None

    def next(self, screen_id: str) -> str | None:
        """The next screen after this one, given the answers as they are now."""
        here = self.bank.place(screen_id)
        return next((s.id for s in self.screens() if self.bank.place(s.id) > here), None)

    def previous(self, screen_id: str) -> str | None:
        here = self.bank.place(screen_id)
        before = [s.id for s in self.screens() if self.bank.place(s.id) < here]
        return before[-1] if before else None

    def announce(self, question: Question) -> None:
        """A heading when the person enters a section; its intro the first time only."""
        section = self.bank.section_of(question.id)
        if section.id == self.announced:
            return
        self.announced = section.id
        self.say("")
        self.say(section.title)
        self.say(self.glyphs.rule * min(self.width, len(section.title)))
        if section.intro and section.id not in self.intros_shown:
            self.intros_shown.add(section.id)
            self.say_wrapped(section.intro.strip())

    def progress(self, screen: Screen) -> None:
        """Section s of all the bank's sections, and about how long is left: both only ever
        move forward (see Bank.screens_left)."""
        section = self.bank.section_of(screen.id)
        left = self.bank.typical_left(self.answers, screen.id)
        line = progress_line(
            section.title,
            self.bank.sections.index(section) + 1,
            len(self.bank.sections),
            minutes_left(left),
            self.glyphs,
            self.width,
        )
        self.say(line)

    # -----------------------------------------------------------------------------------------
    # Red flags

    def urgent_flags(self, answers: dict[str, Any] | None = None) -> dict[str, RedFlag]:
        """The red flags at an emergency or urgent level for the answers so far (or those given)."""
        from assessment.core.scoring import assess

        flags = assess(self.bank, self.answers_shown(answers)).red_flags
        return {f.id: f for f in flags if f.level in URGENT_LEVELS}

    def urgent_action(self, answers: dict[str, Any] | None = None) -> str | None:
        """What to do about the most pressing red flag so far, as words after "please"."""
        flags = list(self.urgent_flags(answers).values())
        if not flags:
            return None
        flag = min(flags, key=lambda f: URGENT_LEVELS.index(f.level))
        # The flag's own action line (an ambulance, not a drive, for the aortic warning).
        action = (flag.action or flag.label).strip().rstrip(".")
        return action[0].lower() + action[1:] if action[:2].istitle() else action

    def alert(self, new: list[RedFlag]) -> str:
        """Show at once, calmly, what to do about red flags this answer raised, and how urgently."""
        rule = self.glyphs.rule * min(self.width, 60)
        self.say("")
        self.say(rule)
        self.say(texts.ALERT_TITLE)
        for flag in new:
            self.say("")
            self.say_wrapped(f"{flag.label}.")
            self.say_wrapped(flag.message)
            if flag.action and flag.action != flag.label:
                self.say_wrapped(flag.action)
        self.say("")
        self.say_wrapped(texts.ALERT_CARRY_ON)
        self.say(rule)
        options = [(texts.CARRY_ON, "go"), (texts.STOP_FOR_NOW, "stop")]
        if any(flag.level == "emergency" for flag in new):
            options.reverse()  # going now comes first; the answers wait
        return self.choose(texts.ALERT_NEXT, options)

    # -----------------------------------------------------------------------------------------
    # The end

    def answers_shown(self, answers: dict[str, Any] | None = None) -> dict[str, Any]:
        """Answers to the questions that are shown; hidden ones drop out."""
        answers = self.answers if answers is None else answers
        return {q.id: answers[q.id] for q in self.bank.visible(answers) if q.id in answers}

    def finish(self) -> int:
        from assessment import pipeline
        from assessment.core import answers as answers_mod
        from assessment.core.scoring import assess

        final = answers_mod.validate(self.bank, self.answers_shown(), source="your answers")
        now = self.clock()
        result = assess(self.bank, final, assessed_at=now.isoformat(timespec="seconds"))
        stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
        folder = data_dir()
        how = pipeline.Finishing(
            out=(self.out or folder / f"report-{stamp}.pdf") if self.report else None,
            paper=self.paper,
            part=self.part,
            large_print=self.large_print,
            save=self.save,
            today=now.astimezone().date(),
            plain=self.plain,
        )
        # The PDF is rendered from here on, while the answers are saved and the summary read.
        rendering = pipeline.start_report(self.bank, final, result, how)
        answers_path = write_private(
            folder / f"answers-{stamp}.yaml",
            answers_mod.dump(self.bank, final),
            error=StoreError,
            what="your answers",
        )
        drafts.remove(self.draft_path)

        self.say("")
        for line in summary.render(result.to_dict(), glyphs=self.glyphs, width=self.width):
            self.say(line)
        self.say("")
        self.say(texts.ANSWERS_SAVED.format(path=answers_path))
        sys.stdout.flush()
        finished = pipeline.finish(self.bank, final, result, how, rendering=rendering)
        history_id = finished.history_id
        if history_id is not None:
            command = texts.REPORT_AGAIN_FROM_HISTORY.format(id=history_id)
        else:
            command = texts.REPORT_AGAIN_FROM_ANSWERS.format(path=shell_path(answers_path))
        self.say("")
        self.say(texts.REPORT_AGAIN)
        # On a line of its own and never wrapped, so it can be copied whole.
        self.say(f"  {command}" if len(command) + 2 <= self.width else command)
        self.remind()
        return 0

    # -----------------------------------------------------------------------------------------
    # Saying things

    def welcome(self) -> None:
        """The title, what the assessment looks at and how to move about in it: from the facts
        kept by an earlier run when there are some, so the bank need not be loaded yet."""
        facts = self.facts or facts_of(self.bank)
        factors = [name.lower() for name in facts.factors]
        listed = ", ".join(factors[:-1]) + (_(" and ") if len(factors) > 1 else "") + factors[-1]
        minutes = facts.minutes
        self.say(facts.title)
        self.say(self.glyphs.rule * min(self.width, len(facts.title)))
        self.say_wrapped(texts.WELCOME.format(factors=listed))
        self.say("")
        said = {"minutes": minutes, "back": self.glyphs.back, "data_dir": data_dir()}
        if self.plain:
            for point in texts.PLAIN_WELCOME_POINTS:
                self.say_wrapped(point.format(**said), f" {self.glyphs.bullet} ", "   ")
        else:
            for point in texts.WELCOME_POINTS:
                self.say_wrapped(point.format(**said), f" {self.glyphs.bullet} ", "   ")
        self.say("")

    def choose(
        self,
        message: str,
        options: list[tuple[str, Any]],
        once_shown: Callable[[], None] | None = None,
    ) -> Any:
        return self.asker.choose(message, options, once_shown=once_shown)

    def say(self, line: str) -> None:
        # Everything the wizard prints passes here: typed or saved text cannot reach the
        # terminal raw (an escape sequence shows as \x1b; see core/safetext.py).
        print(safetext.visible(line), file=self.output)

    def say_wrapped(self, text: str, first: str = "", rest: str = "") -> None:
        """Wrap between words only: a path longer than the line stays whole, so it can be copied."""
        for line in textwrap.wrap(
            text,
            width=self.width,
            initial_indent=first,
            subsequent_indent=rest,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [""]:
            self.say(line)


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def red_flag_inputs(bank: Bank) -> set[str]:
    """The questions whose answers can raise a red flag: the signs and what combinations name."""
    from assessment.core import expressions

    if bank.red_flags is None:
        return set()
    ids = {sign.id for sign in bank.red_flags.signs}
    for combo in bank.red_flags.combinations:
        ids.update(ref.name for ref in expressions.references(combo.when))
    # A sign filled from the medicines checklist is raised by the checklist's answers.
    for qid in list(ids):
        fill = bank.question(qid).filled_from if bank.has_question(qid) else None
        if fill is not None:
            ids.update(x for x in (fill.question, fill.duration) if x)
    return {qid for qid in ids if bank.has_question(qid)}


def minutes_left(screens: float) -> str:
    """About how long the screens left take, at SECONDS_PER_SCREEN each, in words."""
    minutes = round(screens * SECONDS_PER_SCREEN / 60)
    if minutes <= 1:
        return texts.LEFT_A_MINUTE
    return texts.LEFT_MINUTES.format(minutes=minutes)


def progress_line(
    section: str,
    s: int,
    s_total: int,
    left: str,
    glyphs: texts.Glyphs = texts.UNICODE,
    width: int = 80,
) -> str:
    """Section name, section s of n, and the time left, on one line of at most `width` columns.

    A long section name is shortened at a word boundary and ends with an ellipsis, never cut
    inside a word; when not even one word fits, only the counts are shown.
    """

    def line(name: str) -> str:
        return texts.PROGRESS.format(section=name, dot=glyphs.dot, s=s, s_total=s_total, left=left)

    if len(line(section)) <= width:
        return line(section)
    words = section.split()
    while words:
        words.pop()
        while words and words[-1].lower().strip(",;:") in DANGLING:
            words.pop()
        kept = " ".join(words).rstrip(",;:- ")
        if kept and len(line(kept + glyphs.ellipsis)) <= width:
            return line(kept + glyphs.ellipsis)
    counts = texts.PROGRESS_COUNTS.format(dot=glyphs.dot, s=s, s_total=s_total, left=left)
    return counts[:width]


DANGLING = frozenset(
    {"a", "an", "and", "at", "for", "from", "in", "of", "on", "or", "the", "to", "with", "your"}
)
"""Words a shortened section name should not end on ("Circulation in your hands, feet…")."""


def shell_path(path: Path | str) -> str:
    """A path as typed at the shell: the home folder as ~, quoted only when it must be."""
    path = Path(path)
    try:
        short = "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return shlex.quote(str(path))
    return short if shlex.quote(short[2:]) == short[2:] else shlex.quote(str(path))

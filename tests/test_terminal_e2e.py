"""The real fibro-assess in an 80x24 pseudo-terminal, typed at as a person would.

Each test waits for the question on screen before pressing keys. prompt_toolkit's question
"where is the cursor?" is switched off (PROMPT_TOOLKIT_NO_CPR), as pexpect does not answer it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from prompt_helpers import SMALL_BANK_ANSWERS as EXPECTED
from prompt_helpers import scored_by_the_program

from assessment import cli
from assessment.core import answers
from assessment.core.loader import load_bank
from assessment.terminal import drafts, summary

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|38;|9[0-7])[0-9;]*m")
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\]")


class Person:
    """A person at an 80x24 terminal running fibro-assess, reading the screen as text."""

    def __init__(
        self,
        home: Path,
        *args: str,
        env: dict[str, str] | None = None,
        command: tuple[str, ...] = ("-m", "assessment"),
    ):
        full_env = {
            k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FIBRO_ASSESS_HOME")
        }
        full_env.update(
            {
                "FIBRO_ASSESS_HOME": str(home),
                "TERM": "xterm-256color",
                "PROMPT_TOOLKIT_NO_CPR": "1",
                "LANG": "C.UTF-8",
            }
        )
        full_env.update(env or {})
        self.child = pexpect.spawn(
            sys.executable,
            [*command, *args],
            cwd=str(ROOT),
            env=full_env,
            dimensions=(24, 80),
            encoding="utf-8",
            timeout=15,
        )
        self.raw = ""
        self.read_up_to = 0  # in screen_text: what was already waited for

    @property
    def screen_text(self) -> str:
        return ESCAPES.sub("", self.raw).replace("\r", "")

    def sees(self, text: str, timeout: float = 15) -> None:
        """Wait until the text shows up after what was seen last."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.screen_text.find(text, self.read_up_to)
            if found >= 0:
                self.read_up_to = found + len(text)
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r}; screen ends:\n{self.screen_text[-900:]}")
            try:
                self.raw += self.child.read_nonblocking(65536, timeout=0.2)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF as exc:
                raise AssertionError(f"ended before {text!r}:\n{self.screen_text[-900:]}") from exc

    def answers(self, question: str, keys: str) -> None:
        """Wait for the question, then type."""
        self.sees(question)
        self.child.send(keys)

    def leaves(self) -> int:
        self.child.expect(pexpect.EOF)
        self.raw += self.child.before
        self.child.close()
        return self.child.exitstatus


def small(home: Path, **kw) -> Person:
    return Person(home, "--questions", str(SMALL), "--no-save", **kw)


def start(person: Person) -> None:
    person.answers("Ready when you are.", ENTER)


def up_to_stress(person: Person) -> None:
    person.answers("Cancer before?", "n")
    person.answers("Losing weight?", "n")
    person.answers("Where did it hurt?", " " + DOWN * 16 + " " + ENTER)
    person.answers("Tense muscles?", DOWN + ENTER)
    person.answers("Pain now", "6" + ENTER)


def from_stress(person: Person) -> None:
    person.answers("? Stress", "7" + ENTER)
    person.answers("Worry a lot?", "y")
    person.answers("Worry at night?", "y")
    person.answers("Unrefreshed?", DOWN * 2 + ENTER)
    person.answers("Glasses of water", "6" + ENTER)
    person.answers("Handfuls of nuts a week", ENTER)
    person.answers("Notes", "stiff mornings" + ENTER)


@pytest.fixture
def home(tmp_path):
    return tmp_path


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


def test_a_full_run_ends_with_the_summary_that_the_saved_answers_give(home, bank):
    person = small(home)
    start(person)
    up_to_stress(person)
    from_stress(person)
    person.sees("Your summary")
    assert person.leaves() == 0

    (saved,) = home.glob("answers-*.yaml")
    assert answers.load(bank, saved) == EXPECTED
    scored = scored_by_the_program(saved)
    on_screen = person.screen_text
    for line in summary.render(scored):
        assert line in on_screen
    assert "To make this report again:" in on_screen
    assert f"fibro-assess --answers {saved} --out report.pdf" in on_screen
    # Issue 16: the summary never relies on colour. Colour is on here (the questions use it),
    # yet the summary draws none, and each factor's score and band are written out in words.
    asked, shown = person.raw.split("Your summary", 1)
    assert COLOUR.search(asked) and not COLOUR.search(shown)
    rows = [line for line in on_screen.splitlines() if line.startswith("  ")]
    for factor in scored["factors"].values():
        assert any(
            factor["name"] in row and f" {factor['score']} " in row and row.endswith(factor["band"])
            for row in rows
        ), factor["name"]


def test_ctrl_c_in_the_middle_then_resume_with_every_answer_intact(home, bank):
    person = small(home)
    start(person)
    up_to_stress(person)
    person.answers("? Stress", CTRL_C)
    person.sees("Paused. Your answers so far are saved in")
    assert person.leaves() == 130
    assert drafts.load(home / "draft.json").answers == {k: EXPECTED[k] for k in list(EXPECTED)[:5]}

    again = small(home)
    again.sees("Welcome back.")
    again.answers("Carry on where I left off", ENTER)
    # Walk back through every earlier question, keeping each pre-selected answer.
    again.answers("? Stress", "<")
    for question in ("Pain now", "Tense muscles?", "Where did it hurt?", "Losing weight?"):
        again.answers(question, "<")
    for question in ("Cancer before?", "Losing weight?", "Where did it hurt?", "Tense muscles?"):
        again.answers(question, ENTER)
    again.answers("Pain now", ENTER)
    from_stress(again)
    again.sees("Your summary")
    assert again.leaves() == 0
    (saved,) = home.glob("answers-*.yaml")
    assert answers.load(bank, saved) == EXPECTED
    shown = again.screen_text
    assert "? Pain now 6 of 10\n" in shown
    assert "? Tense muscles? Often\n" in shown
    assert "? Where did it hurt? 2 areas ticked: Jaw left; Lower back\n" in shown
    assert "done (2 selections)" not in shown


def test_back_across_a_section_boundary_shows_the_earlier_answer(home):
    person = small(home)
    start(person)
    person.answers("Cancer before?", "n")
    person.answers("Losing weight?", "y")
    person.answers("Where did it hurt?", "<")  # first question of "Body", back to "Safety first"
    person.sees("Safety first  ·  section 1 of 4  ·  about 2 minutes left")
    person.answers("Losing weight?", ENTER)
    person.answers("Where did it hurt?", CTRL_C)
    assert person.leaves() == 130
    assert "? Losing weight? Yes" in person.screen_text
    assert drafts.load(home / "draft.json").answers["rf_weight_loss"] is True


def test_show_if_question_comes_and_goes_as_the_earlier_answer_changes(home):
    person = small(home)
    start(person)
    up_to_stress(person)
    person.answers("? Stress", "7" + ENTER)
    person.answers("Worry a lot?", "y")
    person.answers("Worry at night?", "y")
    person.answers("Unrefreshed?", "<")
    person.answers("Worry at night?", "<")
    person.answers("Worry a lot?", "n")
    person.sees("Sleep  ·  section 4 of 4  ·  about a minute left")
    after_no = len(person.screen_text)
    person.answers("Unrefreshed?", "<")  # back goes past the hidden question
    person.answers("Worry a lot?", "y")
    person.sees("Stress  ·  section 3 of 4  ·  about a minute left")
    person.answers("Worry at night?", CTRL_C)
    assert person.leaves() == 130
    between = person.screen_text[after_no:]
    assert between.index("Worry a lot?") < between.index("Worry at night?")


def test_closing_the_terminal_loses_no_answer(home):
    person = small(home)
    start(person)
    up_to_stress(person)
    person.sees("? Stress")
    person.child.kill(signal.SIGHUP)
    person.child.expect(pexpect.EOF)
    person.child.close()
    draft = drafts.load(home / "draft.json")
    assert draft.answers == {k: EXPECTED[k] for k in list(EXPECTED)[:5]}
    assert draft.position == "stress_level"


def test_without_a_terminal_it_says_what_to_do_and_exits_2(home):
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(SMALL)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FIBRO_ASSESS_HOME": str(home)},
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0] == (
        "fibro-assess: the questions are asked in a terminal: run fibro-assess in one, or "
        "answer line by line with --plain (which also reads a pipe), "
        "or score a file with --answers FILE"
    )


def first_question_seen(home: Path, env: dict[str, str]) -> str:
    person = small(home, env=env)
    start(person)
    person.answers("Cancer before?", DOWN)
    person.child.send(CTRL_C)
    person.leaves()
    return person.raw


def test_colour_off(home):
    raw = first_question_seen(home, {"NO_COLOR": "1"})
    assert "Cancer before?" in raw
    assert not COLOUR.search(raw)


def test_colour_on_by_default(home):
    assert COLOUR.search(first_question_seen(home, {}))


def test_empty_no_color_keeps_colour(home):
    assert COLOUR.search(first_question_seen(home, {"NO_COLOR": ""}))


def test_dumb_terminal_gets_the_plain_mode_in_ascii_without_escape_sequences(home):
    """A dumb terminal cannot move the cursor: the questions come line by line (test_plain_mode
    has the rest), and nothing the program writes holds an escape sequence."""
    person = small(home, env={"TERM": "dumb"})
    person.answers("Type a number from 1 to 2.", "1\r")
    person.answers("Cancer before?", "\r")
    person.sees("This one needs a clear answer: please type y for yes or n for no.")
    person.child.sendeof()
    assert person.leaves() == 130
    assert "\x1b" not in person.raw
    assert "Each question says what to type" in person.raw
    assert not {"·", "─", "»", "«", "•"} & set(person.raw)


def test_a_stray_enter_never_answers_a_safety_question(home):
    """On the real safety checklist a careless Enter records nothing and says what to press;
    "None of these" answers no to each; a tick needs one more key before the rest are no; a
    yes to sudden severe pain brings its own screen at once, where Enter alone is refused too."""
    person = Person(home)
    person.answers("Ready when you are.", ENTER)
    person.sees("A few safety questions first")
    person.answers("Have you noticed any of these?", ENTER)
    person.sees("Nothing ticked yet")
    assert not (home / "draft.json").exists()
    person.child.send("6" + ENTER)  # sudden, severe back pain
    person.sees("Everything else: no?")
    assert not (home / "draft.json").exists()
    person.child.send("y")
    person.answers("have you felt faint or collapsed", ENTER)
    person.sees("press y for yes or n for no")
    person.child.send("n")
    person.sees("Please read this")  # the urgent flag, shown once both are answered
    person.answers("Stop here for now", CTRL_C)
    assert person.leaves() == 130
    saved = drafts.load(home / "draft.json").answers
    assert saved.pop("rf_sudden_severe") is True
    assert saved.pop("rf_faint_sweaty") is False
    assert set(saved.values()) == {False} and len(saved) == 8


def test_welcome_on_the_real_bank_fits_80_columns(home):
    person = Person(home)
    person.sees("Ready when you are.")
    person.child.send(CTRL_C)
    person.leaves()
    welcome = person.screen_text.split("Ready when you are.")[0]
    assert "not a diagnosis" in welcome
    for line in welcome.splitlines():
        assert len(line) <= 80, line


def test_help_documents_every_option_with_an_example():
    text = cli.build_parser().format_help()
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0
    for action in cli.build_parser()._actions:
        for flag in action.option_strings:
            assert flag in done.stdout
    assert "examples:" in done.stdout
    assert "fibro-assess --answers my-answers.yaml --out report.pdf" in done.stdout
    assert done.stdout.strip() == text.strip()


def test_version():
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0
    assert re.fullmatch(r"fibro-assess \d+\.\d+\.\d+\n", done.stdout)

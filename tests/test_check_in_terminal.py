"""The check-in as a person runs it: the real fibro-assess check-in in an 80x24 pseudo-terminal,
with the history in a real SQLite file. Back, skip, Ctrl-C and resume are the wizard's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_check_in import WEEK
from test_terminal_e2e import CTRL_C, ENTER, ROOT, Person

from assessment.core.loader import load_bank
from assessment.history.store import History
from assessment.paths import default_bank_path
from assessment.terminal import drafts

pytestmark = pytest.mark.slow

DOWN = "\x1b[B"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path))
    return tmp_path


def full_assessment(home: Path) -> None:
    """The sample answers as the latest full assessment (its plan's top three: ease stress,
    activity, sleep set-up)."""
    subprocess.run(
        [sys.executable, "-m", "assessment", "--answers", "examples/sample-answers.yaml"],
        cwd=ROOT,
        env={"FIBRO_ASSESS_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        timeout=120,
    )


def up_to_sleep(person: Person) -> None:
    person.answers("Ready when you are.", ENTER)
    person.answers("back pain right now?", "4" + ENTER)
    person.answers("back pain on average?", "5" + ENTER)
    person.answers("your enjoyment of life?", "3" + ENTER)
    person.answers("your everyday", "4" + ENTER)


def test_a_check_in_asks_about_the_plans_top_three_and_is_kept(home):
    full_assessment(home)
    person = Person(home, "check-in")
    person.sees("Check-in")
    person.sees("It takes about 2 minutes.")
    up_to_sleep(person)
    person.answers("how good has your sleep been", "6" + ENTER)
    person.answers("how stressed", "5" + ENTER)
    person.answers("want your doctor", "Better after swimming" + ENTER)
    person.answers("Find a daily way to ease stress: did you manage it this week?", "y")
    person.answers("Move a little more each week: did you manage it", "n")
    # "Prefer not to say" is the row below No, where the pointer starts
    person.answers("bedroom for sleep: did you manage it", DOWN + ENTER)
    person.sees("Thank you. This check-in:")
    person.sees("Back pain now 4, on average 5 (0-10); PEG 4.0 (moderate)")
    person.sees("Sleep 6 of 10, stress 5 of 10")
    person.sees("Find a daily way to ease stress: managed")
    person.sees("Move a little more each week: not this week")
    person.sees("Set up your bed and bedroom for sleep: not answered")
    person.sees("Saved to your history as check-in 2;")
    assert person.leaves() == 0

    with History(home / "history.sqlite3") as history:
        first, second = history.list()
    assert (first.kind, second.kind) == ("assessment", "check_in")
    assert second.result["meta"]["after"] == first.id
    # what was typed: the same week as the answers-file tests use
    assert second.answers == {
        **WEEK,
        "done_ease_stress": True,
        "done_activity": False,
        "done_sleep_setup": None,
    }
    (kept,) = home.glob("check-in-*.yaml")
    assert yaml.safe_load(kept.read_text()) == second.answers
    assert kept.stat().st_mode & 0o777 == 0o600
    assert not (home / "check-in-draft.json").exists()


def test_ctrl_c_then_resume_goes_on_with_every_answer_and_back_works(home):
    full_assessment(home)
    person = Person(home, "check-in", "--no-save")
    up_to_sleep(person)
    person.answers("how good has your sleep been", CTRL_C)
    person.sees("Paused. Your answers so far are saved in")
    person.sees("Run fibro-assess check-in again to carry on")
    assert person.leaves() == 130
    draft = drafts.load(home / "check-in-draft.json")
    so_far = {"pain_now": 4, "pain_average": 5, "peg_enjoyment": 3, "peg_activity": 4}
    assert draft.answers == so_far
    assert not (home / "draft.json").exists()  # the full questionnaire's draft is not touched

    again = Person(home, "check-in", "--no-save")
    again.sees("Welcome back.")
    again.answers("Carry on where I left off", ENTER)
    again.answers("how good has your sleep been", "<")  # back: the earlier answer is kept
    again.answers("your everyday", "7" + ENTER)  # the question before, asked again
    again.answers("how good has your sleep been", "6" + ENTER)
    again.answers("how stressed", "5" + ENTER)
    again.answers("want your doctor", ENTER)  # empty: skipped
    for _ in range(3):
        again.answers("did you manage it this week?", "y")
    again.sees("Back pain now 4, on average 5 (0-10); PEG 5.0 (moderate)")  # (5 + 3 + 7) / 3
    assert again.leaves() == 0
    assert "Saved to your history" not in again.screen_text
    with History(home / "history.sqlite3") as history:
        assert [e.kind for e in history.list()] == ["assessment"]  # --no-save kept it out


def test_before_any_full_assessment_the_check_in_asks_no_actions(home):
    person = Person(home, "check-in")
    person.sees("After your first full assessment, the check-in also asks how you got on")
    up_to_sleep(person)
    person.answers("how good has your sleep been", "6" + ENTER)
    person.answers("how stressed", "5" + ENTER)
    person.answers("want your doctor", ENTER)
    person.sees("Saved to your history as check-in 1;")
    assert person.leaves() == 0
    assert "did you manage it" not in person.screen_text
    with History(home / "history.sqlite3") as history:
        [entry] = history.list()
    assert entry.kind == "check_in" and entry.result["actions"] == []
    assert set(entry.answers) == set(load_bank(default_bank_path()).check_in.questions)

"""Every mistake in a question bank is one line naming the file, the line and the field."""

import subprocess
import sys
from pathlib import Path

import pytest

from assessment.core.loader import load_bank
from assessment.errors import BankError

BAD = Path(__file__).parent / "data" / "bad-banks"

CASES = [
    ("unknown-factor.yaml", 15, "sections[0].questions[0].points.stres", "unknown factor 'stres'"),
    ("duplicate-id.yaml", 13, "sections[0].questions[1].id", "duplicate question id 'worry'"),
    ("show-if-unknown-question.yaml", 16, "sections[0].questions[1].show_if",
     "unknown question 'wory'"),
    ("show-if-later-question.yaml", 12, "sections[0].questions[0].show_if",
     "'worry', which is not asked before it"),
    ("bad-expression.yaml", 16, "sections[0].questions[1].show_if", "bad expression"),
    ("unsafe-expression.yaml", 16, "sections[0].questions[1].show_if", "private attribute"),
    ("negative-weight.yaml", 10, "links[1].weight", "must not be negative"),
    ("empty-choices.yaml", 15, "sections[0].questions[0].choices", "needs a list of choices"),
    ("unknown-question-type.yaml", 13, "sections[0].questions[0].type", "'slider' is not one of"),
    ("band-gap.yaml", 6, "bands[1].min", "no band covers 34-39"),
    ("question-scores-nothing.yaml", 12, "sections[0].questions[0].scores",
     "gives no points to any factor"),
    ("unknown-field.yaml", 12, "sections[0].questions[0].colour", "unknown field"),
    ("unknown-measure.yaml", 14, "derived[0].measure", "unknown measure 'cortisol'"),
    ("unknown-red-flag-level.yaml", 18, "red_flags.signs[0].level", "unknown level 'critical'"),
    ("factor-column-clash.yaml", 4, "factors[1].column",
     "factor 'sleep' has the same history column title as 'stress': give it its own column"),
    ("fixed-id-renamed.yaml", 58, "sections[1].questions[9].id",
     "fixed question 'pain_now' is missing (the program reads it for the pain ratings)"),
    ("fixed-id-renamed.yaml", 57, "sections[1].questions[8].published",
     "'pain_today' is not an item of a published scale the program scores; "
     "did you mean 'pain_now'?"),
    ("fixed-id-deleted.yaml", 78, "sections[2].questions[7].id",
     "fixed question 'notes' is missing"),
    ("fixed-id-retyped.yaml", 56, "sections[1].questions[7].type",
     "fixed question 'symptoms_3_months' must be a yesno question, not text"),
    ("fixed-choice-missing.yaml", 69, "sections[2].questions[1].choices",
     "fixed question 'sex' lacks the choice value 'other'"),
    ("fixed-scale-changed.yaml", 59, "sections[1].questions[10].max",
     "fixed question 'pain_worst' must run from 0 to 10"),
    ("fixed-id-unpublished.yaml", 50, "sections[1].questions[1].published",
     "fixed question 'sss_fatigue' is an item of a published scale: give published: true"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line", "field", "message"), CASES)
def test_each_mistake_names_file_line_and_field(name, line, field, message):
    path = BAD / name
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert caught.value.problems == [
        p for p in caught.value.problems if p.startswith(f"{path}:")
    ], "every problem starts with the file name"
    expected = f"{path}:{line}: {field}: "
    matching = [p for p in caught.value.problems if p.startswith(expected)]
    assert matching, f"no problem starts with {expected!r}: {caught.value.problems}"
    assert message in matching[0]


def test_all_mistakes_are_reported_at_once():
    with pytest.raises(BankError) as caught:
        load_bank(BAD / "several-mistakes.yaml")
    text = "\n".join(caught.value.problems)
    assert len(caught.value.problems) == 5
    for part in (
        "unknown factor 'mood'",
        "must not be negative",
        "duplicate question id",
        "unknown question 'nope'",
        "band.strss names an unknown factor",
    ):
        assert part in text


def test_broken_yaml_names_the_line():
    with pytest.raises(BankError) as caught:
        load_bank(BAD / "not-yaml.yaml")
    (problem,) = caught.value.problems
    assert problem.startswith(f"{BAD / 'not-yaml.yaml'}:3: not valid YAML")


def test_a_repeated_key_is_a_mistake_not_a_silent_overwrite():
    with pytest.raises(BankError) as caught:
        load_bank(BAD / "duplicate-yaml-key.yaml")
    assert caught.value.problems == [f"{BAD / 'duplicate-yaml-key.yaml'}:16: duplicate key 'text'"]


def test_a_missing_bank_file_is_one_line():
    with pytest.raises(BankError) as caught:
        load_bank(BAD / "no-such-file.yaml")
    assert "cannot read the question bank" in str(caught.value)


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args], capture_output=True, text=True, timeout=60
    )


def test_check_command_exits_2_with_one_line_per_mistake_and_no_traceback():
    done = run_cli("check", str(BAD / "several-mistakes.yaml"))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 5
    assert all(line.startswith(f"fibro-assess: {BAD / 'several-mistakes.yaml'}:") for line in lines)
    assert "Traceback" not in done.stderr


def test_a_run_with_a_broken_bank_stops_before_asking_anything():
    done = run_cli("--questions", str(BAD / "band-gap.yaml"), "--answers", "whatever.yaml")
    assert done.returncode == 2
    assert "no band covers 34-39" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_accepts_a_good_bank():
    done = run_cli("check", str(Path(__file__).parent / "data" / "banks" / "small.yaml"))
    assert done.returncode == 0, done.stderr
    assert "ok" in done.stdout

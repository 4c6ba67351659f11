"""`fibro-assess --plain`: the same questionnaire line by line, run for real through a pipe and
in a pseudo-terminal. Same answers, same result as the list wizard; back, skip, a wrong entry,
a red flag at once, the end of the input pausing like Ctrl-C, then resuming; never an escape
sequence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from prompt_helpers import SMALL_BANK_ANSWERS as EXPECTED
from prompt_helpers import K, down, feed, typed

from assessment.core import answers
from assessment.core.loader import load_bank
from assessment.terminal import drafts, texts, wizard

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
ESC = b"\x1b"

# One line per question of the small bank, in order: the answers of SMALL_BANK_ANSWERS.
BEGIN = "1"
UP_TO_STRESS = [BEGIN, "n", "n", "1, 17", "2", "6"]
FROM_STRESS = ["7", "y", "y", "3", "6 glasses", "-", "stiff mornings"]


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


def environment(home: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FIBRO_ASSESS_HOME")}
    env.update({"FIBRO_ASSESS_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    env.update(more)
    return env


def through_a_pipe(home: Path, lines: list[str], *args: str, **env: str) -> tuple[int, bytes]:
    """The real program, its input a pipe holding these lines and then closed."""
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(SMALL), "--no-save", *args],
        input="".join(f"{line}\n" for line in lines).encode(),
        capture_output=True,
        cwd=ROOT,
        env=environment(home, **env),
        timeout=120,
    )
    assert done.stderr == b"", done.stderr.decode()
    return done.returncode, done.stdout


def scored(answers_file: Path) -> dict:
    """`fibro-assess --answers FILE --json`, without the moment it was scored."""
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(SMALL), "--no-save"]
        + ["--answers", str(answers_file), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    result = json.loads(done.stdout)
    result["meta"].pop("assessed_at")
    return result


def the_answers(home: Path) -> Path:
    (path,) = home.glob("answers-*.yaml")
    return path


def test_a_full_run_through_a_pipe_scores_as_the_list_wizard_does(
    home, bank, tmp_path, capsys, monkeypatch
):
    status, out = through_a_pipe(home, [*UP_TO_STRESS, *FROM_STRESS], "--plain")
    assert status == 0, out.decode()
    assert ESC not in out
    plain_file = the_answers(home)
    assert answers.load(bank, plain_file) == EXPECTED

    # The list wizard, typed at with the same answers, in a data folder of its own.
    listed = tmp_path / "listed"
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(listed))
    keys = [K.ENTER, "n", "n", K.SPACE + down(16) + K.SPACE + K.ENTER, K.DOWN + K.ENTER]
    keys += ["6" + K.ENTER, "7" + K.ENTER, "y", "y", down(2) + K.ENTER, typed("6"), K.ENTER]
    keys += [typed("stiff mornings")]
    run = wizard.run
    assert feed(lambda **io: run(bank, save=False, report=False, **io), "".join(keys)) == 0
    capsys.readouterr()
    assert scored(plain_file) == scored(the_answers(listed))

    said = out.decode()
    assert (
        "Body  -  section 2 of 4  -  about 2 minutes left\nWhere did it hurt?\n  1) Jaw left\n"
        in said
    )
    assert (
        "  20) None of these\nType the numbers of all that apply, separated by spaces or " in said
    )
    assert "  Answer: 2 areas ticked: Jaw left; Lower back\n" in said
    assert "Type a number from 0 to 30 glasses, < to go back, - to skip.\n> " in said
    assert "Your summary\n" in said and "To make this report again:" in said


def test_back_and_skip(home, bank):
    # back from "Tense muscles?" to the areas, which Enter keeps; skip the tense muscles
    lines = [BEGIN, "n", "n", "1 17", "<", "", "-", "6", *FROM_STRESS]
    status, out = through_a_pipe(home, lines, "--plain")
    assert status == 0
    said = out.decode()
    assert said.count("Where did it hurt?\n") == 2
    flat = " ".join(said.split())  # the line saying what to type wraps at 80 columns
    assert (
        "separated by spaces or commas, < to go back. Enter alone keeps your answer: "
        "2 areas ticked: Jaw left; Lower back. >"
    ) in flat
    assert "  Going back.\n" in said
    assert answers.load(bank, the_answers(home)) == {**EXPECTED, "tense_muscles": None}


def test_a_wrong_entry_gets_one_line_and_the_same_question_again(home, bank):
    lines = [BEGIN, "n", "n", "1 17", "3", "often", "2", "-", "6", *FROM_STRESS]
    status, out = through_a_pipe(home, lines, "--plain")
    assert status == 0
    said = out.decode().splitlines()
    first = said.index('There is no "3" here: please type a number from 1 to 2.')
    assert said[first + 1 : first + 3] == [
        "Tense muscles?",
        "Type a number from 1 to 2, < to go back, - to skip.",
    ]
    assert 'There is no "often" here: please type a number from 1 to 2.' in said
    # "Pain now" is a published item: "-" is refused and the question comes again
    refused = said.index(texts.PLAIN_NO_SKIP)
    assert said[refused + 1] == "Pain now"
    assert answers.load(bank, the_answers(home)) == EXPECTED


def test_enter_alone_never_answers_a_safety_question(home):
    status, out = through_a_pipe(home, [BEGIN, "", " "], "--plain")
    assert status == 130
    said = out.decode()
    assert said.count(texts.PLAIN_SAFETY) == 2
    assert said.count("Cancer before?\n") == 3
    assert "Nothing was answered yet, so nothing was saved." in said
    assert not (home / "draft.json").exists()


def test_a_red_flag_is_shown_at_once(home):
    status, out = through_a_pipe(home, [BEGIN, "y", "y", "2"], "--plain")
    assert status == 0
    said = out.decode()
    alert = said.index("Please read this")
    assert said.index("Call today.", alert) < said.index("When you are ready:", alert)
    assert "  1) Carry on with the questions\n  2) Stop here for now" in said
    assert said.rstrip().endswith("Please contact a doctor today.")
    assert drafts.load(home / "draft.json").answers == {
        "rf_cancer_history": True,
        "rf_weight_loss": True,
    }


def test_the_end_of_the_input_pauses_as_ctrl_c_does_then_resume(home, bank):
    status, out = through_a_pipe(home, UP_TO_STRESS, "--plain")
    assert status == 130
    said = out.decode()
    assert f"Paused. Your answers so far are saved in {home / 'draft.json'}\n" in said
    assert "Run fibro-assess again to carry on where you left off." in said
    kept = {k: EXPECTED[k] for k in list(EXPECTED)[:5]}
    assert drafts.load(home / "draft.json").answers == kept

    status, out = through_a_pipe(home, ["1", *FROM_STRESS], "--plain")
    assert status == 0
    said = out.decode()
    assert "Welcome back. You have answers saved from" in said
    assert "  1) Carry on where I left off\n  2) Start over\n  3) Not now\n" in said
    assert said.index("Carry on?") < said.index("\nStress\n")
    assert answers.load(bank, the_answers(home)) == EXPECTED


def test_term_dumb_picks_plain_mode(home):
    status, out = through_a_pipe(home, [BEGIN], TERM="dumb")
    assert status == 130  # through a pipe: not refused for want of a terminal
    assert b"Each question says what to type" in out and ESC not in out


def test_the_list_wizard_names_plain_mode_and_without_a_terminal_says_so(home):
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(SMALL)],
        input=b"",
        capture_output=True,
        cwd=ROOT,
        env=environment(home),
        timeout=60,
    )
    assert done.returncode == 2
    assert b"answer line by line with --plain" in done.stderr
    assert any("--plain" in point for point in texts.WELCOME_POINTS)


def plain_in_a_terminal(home, timeout: int) -> pexpect.spawn:
    """The small bank's questionnaire in plain mode, in an 80x24 pseudo-terminal."""
    return pexpect.spawn(
        sys.executable,
        ["-m", "assessment", "--questions", str(SMALL), "--no-save", "--plain"],
        cwd=str(ROOT),
        env=environment(home),
        dimensions=(24, 80),
        timeout=timeout,
    )


def test_in_a_terminal_line_by_line_with_no_escape_sequence(home, bank):
    child = plain_in_a_terminal(home, timeout=20)
    seen = b""

    def answer(question: bytes, line: str) -> None:
        nonlocal seen
        child.expect_exact(question)
        seen += child.before + child.after
        child.expect_exact(b"> ")
        seen += child.before + child.after
        child.sendline(line)

    questions = [b"Ready when you are.", b"Cancer before?", b"Losing weight?"]
    questions += [b"Where did it hurt?", b"Tense muscles?", b"Pain now"]
    for question, line in zip(questions, UP_TO_STRESS, strict=True):
        answer(question, line)
    answer(b"Stress", "?")  # no help of its own: says what to type
    answer(b"No more help for this one. Type a number from 0 to 10.", "11")
    answer(b"Please type a number from 0 to 10.", "7")
    # the end of the input (Ctrl-D at the start of a line) pauses
    child.expect_exact(b"Worry a lot?")
    child.expect_exact(b"> ")
    seen += child.before + child.after
    child.sendeof()
    child.expect(pexpect.EOF)
    seen += child.before
    child.close()
    assert child.exitstatus == 130
    assert ESC not in seen
    assert b"Paused. Your answers so far are saved in" in seen
    saved = drafts.load(home / "draft.json").answers
    assert saved == {k: EXPECTED[k] for k in list(EXPECTED)[:6]}


def test_a_checklist_line_by_line_on_the_real_bank(home):
    """The safety checklist: nothing typed is refused, 0 beside a number is refused, a tick
    leaves the rest as no only after a y, and the emergency it raises shows at once."""
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--no-save", "--plain"],
        input=b"1\n\n0 1\n1\nn\n1\ny\n1\n",
        capture_output=True,
        cwd=ROOT,
        env=environment(home),
        timeout=120,
    )
    said = done.stdout.decode()
    assert done.returncode == 0, said + done.stderr.decode()
    assert ESC not in done.stdout
    assert "  1) New trouble passing or holding urine, or controlling your bowels\n" in said
    assert "  0) None of these\n" in said
    assert 'Nothing chosen yet: type the numbers that apply, or 0 for "None of these".' in said
    assert '0 is "None of these", so it cannot go with other numbers: please choose.' in said
    assert said.count("Everything else: no?\n") == 2
    assert "Then please type the numbers again, all that apply." in said
    answer = "  Answer: New trouble passing or holding urine, or controlling your bowels\n"
    assert said.index(answer) < said.index("Please read this")
    assert "  1) Stop here for now (your answers are kept)\n" in said  # an emergency: stop first
    saved = drafts.load(home / "draft.json").answers
    assert saved["rf_bladder_bowel"] is True
    assert [qid for qid, value in saved.items() if value is not False] == ["rf_bladder_bowel"]
    assert len(saved) == 9


def test_a_full_run_in_a_terminal_never_redraws(home, bank):
    """To the end, the PDF included: the line saying the report is being written is printed
    once (a turning mark would be read out frame by frame), and no line is redrawn."""
    child = plain_in_a_terminal(home, timeout=60)
    for line in [*UP_TO_STRESS, *FROM_STRESS]:
        child.expect_exact(b"\r\n> ")
        child.sendline(line)
    child.expect(pexpect.EOF)
    seen = child.before
    child.close()
    assert child.exitstatus == 0
    assert ESC not in seen
    assert b"\r" not in seen.replace(b"\r\n", b"")  # nothing goes back to redraw a line
    assert seen.count(f"{texts.WRITING_REPORT}...".encode()) == 1
    assert answers.load(bank, the_answers(home)) == EXPECTED

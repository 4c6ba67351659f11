"""The wizard's flow over the small bank, typed through a pipe: order, progress, back, show_if,
red flags, pause and resume, and the finished answers scoring exactly as the summary said."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from prompt_helpers import SMALL_BANK_ANSWERS as EXPECTED
from prompt_helpers import K, down, feed, typed

from assessment import answers, cli, drafts, summary, wizard
from assessment.bank import load_bank

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
ROOT = Path(__file__).parent.parent

# One step per question of the small bank, in order.
BEGIN = K.ENTER
RF_CANCER_NO = "n"
RF_WEIGHT_NO = "n"
AREAS_JAW_AND_LOWER_BACK = K.SPACE + down(16) + K.SPACE + K.ENTER
TENSE_OFTEN = K.DOWN + K.ENTER
PAIN_6 = "6" + K.ENTER
STRESS_7 = "7" + K.ENTER
WORRY_YES = "y"
WORRY_NO = "n"
NIGHTS_YES = "y"
UNREFRESHED_MODERATE = down(2) + K.ENTER
WATER_6 = typed("6")
NUTS_SKIPPED = K.ENTER
NOTES = typed("stiff mornings")
BACK = "<"
KEEP = K.ENTER  # accept the pre-selected earlier answer

UP_TO_STRESS = [
    BEGIN,
    RF_CANCER_NO,
    RF_WEIGHT_NO,
    AREAS_JAW_AND_LOWER_BACK,
    TENSE_OFTEN,
    PAIN_6,
]
FROM_STRESS = [
    STRESS_7,
    WORRY_YES,
    NIGHTS_YES,
    UNREFRESHED_MODERATE,
    WATER_6,
    NUTS_SKIPPED,
    NOTES,
]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


def run_wizard(bank, capsys, *steps: str, args=()) -> tuple[int, str]:
    parsed = cli.build_parser().parse_args(["--questions", str(SMALL), "--no-save", *args])
    status = feed(lambda **io: wizard.run(bank, parsed, **io), "".join(steps))
    return status, capsys.readouterr().out


def saved_answers(home: Path) -> Path:
    (path,) = home.glob("answers-*.yaml")
    return path


def progress(out: str) -> list[str]:
    return [line for line in out.splitlines() if "  ·  section " in line]


# --- a full run ------------------------------------------------------------------------------


def test_full_run_saves_answers_that_score_as_the_summary_said(bank, home, capsys):
    status, out = run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS)
    assert status == 0

    path = saved_answers(home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert answers.load(bank, path) == EXPECTED
    assert f"Your answers are saved in {path}" in out
    assert f"fibro-assess --answers {path} --out report.pdf" in out
    assert not (home / "draft.json").exists()

    scored = subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(SMALL)]
        + ["--answers", str(path), "--json", "--no-save"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    expected_summary = "\n".join(summary.render(json.loads(scored.stdout)))
    assert expected_summary in out


def test_progress_counts_only_the_questions_that_will_be_shown(bank, home, capsys):
    _, out = run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS)
    assert progress(out) == [
        "Safety first  ·  section 1 of 4  ·  question 1 of 2",
        "Safety first  ·  section 1 of 4  ·  question 2 of 2",
        "Body  ·  section 2 of 4  ·  question 1 of 3",
        "Body  ·  section 2 of 4  ·  question 2 of 3",
        "Body  ·  section 2 of 4  ·  question 3 of 3",
        "Stress  ·  section 3 of 4  ·  question 1 of 2",
        "Stress  ·  section 3 of 4  ·  question 2 of 2",  # before "worry" is answered
        "Stress  ·  section 3 of 4  ·  question 3 of 3",  # "yes" brought in a third
        "Sleep  ·  section 4 of 4  ·  question 1 of 4",
        "Sleep  ·  section 4 of 4  ·  question 2 of 4",
        "Sleep  ·  section 4 of 4  ·  question 3 of 4",
        "Sleep  ·  section 4 of 4  ·  question 4 of 4",
    ]


def test_ticked_areas_are_named_after_the_list_closes(bank, home, capsys):
    _, out = run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    assert "\n  Jaw left, Lower back\n" in out


def test_welcome_says_how_long_how_to_pause_go_back_and_where_data_is(bank, home, capsys):
    _, out = run_wizard(bank, capsys, K.DOWN + K.ENTER)
    flat = " ".join(out.split())
    assert "about 5 minutes" in flat
    assert "Ctrl-C" in flat
    assert 'choose "« Back" in a list, or type < and press Enter' in flat
    assert "Prefer not to say" in flat
    assert "not a diagnosis" in flat
    assert f"Your answers stay on this computer, in {home}" in flat


# --- back, skip and show_if ------------------------------------------------------------------


def test_back_across_a_section_boundary_keeps_the_earlier_answer(bank, home, capsys):
    status, out = run_wizard(bank, capsys, *UP_TO_STRESS, BACK, KEEP, *FROM_STRESS)
    assert status == 0
    assert progress(out)[5:8] == [
        "Stress  ·  section 3 of 4  ·  question 1 of 2",
        "Body  ·  section 2 of 4  ·  question 3 of 3",
        "Stress  ·  section 3 of 4  ·  question 1 of 2",
    ]
    assert out.count("\nBody\n") == 2  # the section heading shows again on the way back
    assert answers.load(bank, saved_answers(home)) == EXPECTED


def test_changing_an_earlier_answer_hides_the_question_that_depended_on_it(bank, home, capsys):
    steps = [*UP_TO_STRESS, STRESS_7, WORRY_YES, NIGHTS_YES]
    steps += [BACK, BACK, WORRY_NO]  # from "unrefreshed" back to "worry", now "no"
    steps += [UNREFRESHED_MODERATE, WATER_6, NUTS_SKIPPED, NOTES]
    status, out = run_wizard(bank, capsys, *steps)
    assert status == 0
    assert progress(out)[7:12] == [
        "Stress  ·  section 3 of 4  ·  question 3 of 3",  # worry at night: shown
        "Sleep  ·  section 4 of 4  ·  question 1 of 4",
        "Stress  ·  section 3 of 4  ·  question 3 of 3",  # back to it
        "Stress  ·  section 3 of 4  ·  question 2 of 3",  # back to worry; answered no
        "Sleep  ·  section 4 of 4  ·  question 1 of 4",  # straight on: it is hidden now
    ]
    saved = answers.load(bank, saved_answers(home))
    assert "worry_nights" not in saved
    assert saved["worry"] is False


def test_changing_it_back_brings_the_question_back_with_its_answer(bank, home, capsys):
    steps = [*UP_TO_STRESS, STRESS_7, WORRY_YES, NIGHTS_YES]
    steps += [BACK, BACK, WORRY_NO, BACK, WORRY_YES, KEEP]
    steps += [UNREFRESHED_MODERATE, WATER_6, NUTS_SKIPPED, NOTES]
    status, _ = run_wizard(bank, capsys, *steps)
    assert status == 0
    assert answers.load(bank, saved_answers(home)) == EXPECTED


def test_skipped_question_is_saved_as_null_and_named_in_the_summary(bank, home, capsys):
    _, out = run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS)
    assert answers.read_file(saved_answers(home))[0]["nuts"] is None
    assert "You skipped 1 question" in out


# --- pause and resume ------------------------------------------------------------------------


def test_ctrl_c_saves_the_draft_says_where_and_exits_130(bank, home, capsys):
    status, out = run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    assert status == 130
    draft_path = home / "draft.json"
    assert f"Paused. Your answers so far are saved in {draft_path}" in out
    draft = drafts.load(draft_path)
    assert draft.answers == {k: EXPECTED[k] for k in list(EXPECTED)[:5]}
    assert draft.position == "stress_level"
    assert stat.S_IMODE(draft_path.stat().st_mode) == 0o600


def test_resume_carries_on_with_every_earlier_answer_intact(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)

    # Carry on; step back into the earlier section and keep what is pre-selected there.
    status, out = run_wizard(bank, capsys, K.ENTER, BACK, KEEP, *FROM_STRESS)
    assert status == 0
    flat = " ".join(out.split())
    assert '5 answered so far, up to "Stress" (section 3 of 4).' in flat
    assert progress(out)[:3] == [
        "Stress  ·  section 3 of 4  ·  question 1 of 2",
        "Body  ·  section 2 of 4  ·  question 3 of 3",
        "Stress  ·  section 3 of 4  ·  question 1 of 2",
    ]
    assert answers.load(bank, saved_answers(home)) == EXPECTED


def test_start_over_asks_everything_again(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    status, out = run_wizard(bank, capsys, K.DOWN + K.ENTER, *UP_TO_STRESS[1:], *FROM_STRESS)
    assert status == 0
    assert progress(out)[0] == "Safety first  ·  section 1 of 4  ·  question 1 of 2"
    assert answers.load(bank, saved_answers(home)) == EXPECTED


def test_not_now_leaves_without_saving_anything(bank, home, capsys):
    status, out = run_wizard(bank, capsys, K.DOWN + K.ENTER)
    assert status == 0
    assert "Come back whenever you like" in out
    assert list(home.glob("*.json")) == []


def test_ctrl_c_before_any_answer_keeps_an_older_draft(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    status, out = run_wizard(bank, capsys, K.DOWN + K.ENTER, K.CONTROLC)  # start over, stop
    assert status == 130
    assert f"Paused. Your answers so far are saved in {home / 'draft.json'}" in out
    assert len(drafts.load(home / "draft.json").answers) == 5


def test_ctrl_c_at_the_resume_question_keeps_the_draft(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    status, out = run_wizard(bank, capsys, K.CONTROLC)
    assert status == 130
    assert len(drafts.load(home / "draft.json").answers) == 5
    assert "Paused. Your answers so far are saved in" in out


def test_ctrl_c_before_anything_saves_nothing(bank, home, capsys):
    status, out = run_wizard(bank, capsys, K.CONTROLC)
    assert status == 130
    assert "Nothing was answered yet, so nothing was saved." in out
    assert not (home / "draft.json").exists()


def test_draft_from_a_changed_bank_drops_what_no_longer_fits(bank, home, capsys):
    old = drafts.Draft({"rf_cancer_history": False, "retired_question": 3}, None, "old bank")
    drafts.save(old, home / "draft.json")
    status, out = run_wizard(bank, capsys, K.ENTER, *UP_TO_STRESS[2:], *FROM_STRESS)
    assert status == 0
    assert "answers that no longer fit were left out: retired_question." in out
    assert answers.load(bank, saved_answers(home)) == EXPECTED


# --- red flags -------------------------------------------------------------------------------


def test_urgent_red_flag_shows_at_once_then_the_person_carries_on(bank, home, capsys):
    steps = [BEGIN, "y", "y", K.ENTER, *UP_TO_STRESS[3:], *FROM_STRESS]
    status, out = run_wizard(bank, capsys, *steps)
    assert status == 0
    alert = out.index("Please read this")
    assert out.index("Contact a doctor today.\nCall today.") > alert
    assert alert < out.index("Body  ·  section 2 of 4")  # before the next question
    assert "Please act on this first:" in out


def test_a_flag_below_urgent_waits_for_the_summary(bank, home, capsys):
    steps = [BEGIN, "y", RF_WEIGHT_NO, *UP_TO_STRESS[3:], *FROM_STRESS]
    status, out = run_wizard(bank, capsys, *steps)
    assert status == 0
    assert "Please read this" not in out
    assert "Book an appointment. Tell your doctor." in out


def test_stopping_after_a_red_flag_keeps_the_answers(bank, home, capsys):
    status, out = run_wizard(bank, capsys, BEGIN, "y", "y", K.DOWN + K.ENTER)
    assert status == 0
    assert drafts.load(home / "draft.json").answers == {
        "rf_cancer_history": True,
        "rf_weight_loss": True,
    }
    assert "Run fibro-assess again to carry on" in out


def test_resuming_does_not_repeat_an_alert_already_shown(bank, home, capsys):
    run_wizard(bank, capsys, BEGIN, "y", "y", K.DOWN + K.ENTER)
    status, out = run_wizard(bank, capsys, K.ENTER, *UP_TO_STRESS[3:], *FROM_STRESS)
    assert status == 0
    assert "Please read this" not in out


def test_after_an_emergency_flag_stopping_comes_first(home, capsys, tmp_path):
    emergency = tmp_path / "emergency.yaml"
    emergency.write_text(
        SMALL.read_text()
        .replace(
            "urgent: {label: Contact a doctor today, rank: 2}",
            "urgent: {label: Go to an emergency department now, rank: 2}\n"
            "    emergency: {label: Go to an emergency department now, rank: 3}",
        )
        .replace("level: urgent, message: Call today.", "level: emergency, message: Go now.")
    )
    status, out = run_wizard(load_bank(emergency), capsys, BEGIN, "y", "y", K.ENTER)
    assert status == 0
    assert "Go to an emergency department now.\nGo now." in out
    assert "Run fibro-assess again to carry on" in out

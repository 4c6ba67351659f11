"""The wizard's flow over the small bank, typed through a pipe: order, progress, back, show_if,
red flags, pause and resume, the pain check, and the finished answers scoring exactly as the
summary said."""

from __future__ import annotations

import stat
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_helpers import SMALL_BANK_ANSWERS as EXPECTED
from prompt_helpers import K, down, feed, scored_by_the_program, typed

from assessment import cli, pipeline
from assessment.core import answers
from assessment.core.loader import load_bank
from assessment.terminal import drafts, summary, texts, wizard

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


# The wizard's clock in these runs: a Monday in spring, whatever day the tests run on.
NOW = datetime(2027, 3, 15, 10, 0, tzinfo=timezone.utc)


def run_wizard(bank, capsys, *steps: str, args=(), report=False) -> tuple[int, str]:
    """The wizard over a script of keys; without the PDF unless `report` (the flow is what these
    tests look at, and the PDF is read back in test_report_pdf.py and the end-to-end runs)."""
    parsed = cli.build_parser().parse_args(["--questions", str(SMALL), "--no-save", *args])
    # the options as the command hands them to the wizard
    run = partial(wizard.run, bank, **cli.wizard_options(parsed), report=report, clock=lambda: NOW)
    status = feed(lambda **io: run(**io), "".join(steps))
    return status, capsys.readouterr().out


def saved_answers(home: Path) -> Path:
    (path,) = home.glob("answers-*.yaml")
    return path


def progress(out: str) -> list[str]:
    return [line for line in out.splitlines() if "  ·  section " in line]


# --- a full run ------------------------------------------------------------------------------


def test_full_run_saves_answers_that_score_as_the_summary_said(bank, home, capsys):
    status, out = run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS, report=True)
    assert status == 0

    path = saved_answers(home)
    (report,) = home.glob("report-*.pdf")
    assert report.read_bytes().startswith(b"%PDF-")
    assert f"Report written to {report}" in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert answers.load(bank, path) == EXPECTED
    assert f"Your answers are saved in {path}" in out
    # The command stands whole on a line of its own (indented when it fits).
    again = out.splitlines()[out.splitlines().index("To make this report again:") + 1]
    assert again.strip() == f"fibro-assess --answers {path} --out report.pdf"
    assert not (home / "draft.json").exists()

    scored = scored_by_the_program(path)
    expected_summary = "\n".join(summary.render(scored))
    assert expected_summary in out


@pytest.mark.slow
def test_part_doctor_gives_the_wizards_pdf_the_doctors_two_pages_only(bank, home, capsys):
    from pypdf import PdfReader

    steps = (*UP_TO_STRESS, *FROM_STRESS)
    status, _ = run_wizard(bank, capsys, *steps, args=("--part", "doctor"), report=True)
    assert status == 0
    (report,) = home.glob("report-*.pdf")
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(report).pages]
    assert len(texts) <= 2 and texts[0].startswith("Summary for your doctor")
    assert all("For your doctor ·" in text for text in texts)
    assert not any("Personal advice" in text or "Appendix" in text for text in texts)


@pytest.mark.slow
def test_large_print_gives_the_wizards_pdf_14_pt_text(bank, home, capsys):
    from pypdf import PdfReader
    from test_report_pdf import text_runs

    steps = (*UP_TO_STRESS, *FROM_STRESS)
    status, _ = run_wizard(bank, capsys, *steps, args=("--large-print",), report=True)
    assert status == 0
    (report,) = home.glob("report-*.pdf")
    pages = [
        [round(size, 1) for *_, size, text in text_runs(p) for _ in text]
        for p in PdfReader(report).pages
    ]
    assert max(set(pages[0]), key=pages[0].count) == 14.0  # page one's text
    assert min(min(sizes) for sizes in pages) >= 11.0  # and nothing smaller anywhere


def test_progress_shows_the_section_and_the_time_left_and_only_moves_forward(bank, home, capsys):
    _, out = run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS)
    two, one = "about 2 minutes left", "about a minute left"
    assert progress(out) == [
        f"Safety first  ·  section 1 of 4  ·  {two}",
        f"Safety first  ·  section 1 of 4  ·  {two}",
        f"Body  ·  section 2 of 4  ·  {two}",
        f"Body  ·  section 2 of 4  ·  {one}",  # 9 screens at most, 8.6 on a typical path
        f"Body  ·  section 2 of 4  ·  {one}",
        f"Stress  ·  section 3 of 4  ·  {one}",
        f"Stress  ·  section 3 of 4  ·  {one}",
        f"Stress  ·  section 3 of 4  ·  {one}",  # "yes" brought this one in: counted already
        f"Sleep  ·  section 4 of 4  ·  {one}",
        f"Sleep  ·  section 4 of 4  ·  {one}",
        f"Sleep  ·  section 4 of 4  ·  {one}",
        f"Sleep  ·  section 4 of 4  ·  {one}",
    ]


def test_each_answer_is_shown_under_its_question(bank, home, capsys):
    _, out = run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS)
    assert "\n? Cancer before? No\n" in out
    assert "\n? Where did it hurt? 2 areas ticked: Jaw left; Lower back\n" in out
    assert "\n? Pain now 6 of 10\n" in out
    assert "\n? Handfuls of nuts a week Skipped\n" in out  # not an empty "> "
    assert "\n? Notes stiff mornings\n" in out
    assert "done (" not in out


def test_welcome_says_how_long_how_to_pause_go_back_and_where_data_is(bank, home, capsys):
    _, out = run_wizard(bank, capsys, K.DOWN + K.ENTER)
    flat = " ".join(out.split())
    assert "about 2 minutes" in flat
    assert "Ctrl-C" in flat
    assert 'choose "« Back" in a list, or type < and press Enter' in flat
    assert (
        'To skip a question, choose "Prefer not to say". Where you type a number or words, '
        "you can also leave it empty and press Enter." in flat
    )
    assert "not a diagnosis" in flat
    assert f"Your answers stay on this computer, in {home}" in flat


# --- back, skip and show_if ------------------------------------------------------------------


def test_back_across_a_section_boundary_keeps_the_earlier_answer(bank, home, capsys):
    status, out = run_wizard(bank, capsys, *UP_TO_STRESS, BACK, KEEP, *FROM_STRESS)
    assert status == 0
    assert [line.split("  ·  ")[0] for line in progress(out)[5:8]] == ["Stress", "Body", "Stress"]
    assert out.count("\nBody\n") == 2  # the section heading shows again on the way back
    # ... with a blank line between it and the progress line, as on the way in.
    assert out.count("\nBody\n────\n\nBody  ·  section 2 of 4  ·  about") == 2
    assert answers.load(bank, saved_answers(home)) == EXPECTED


def test_changing_an_earlier_answer_hides_the_question_that_depended_on_it(bank, home, capsys):
    steps = [*UP_TO_STRESS, STRESS_7, WORRY_YES, NIGHTS_YES]
    steps += [BACK, BACK, WORRY_NO]  # from "unrefreshed" back to "worry", now "no"
    steps += [UNREFRESHED_MODERATE, WATER_6, NUTS_SKIPPED, NOTES]
    status, out = run_wizard(bank, capsys, *steps)
    assert status == 0
    sections = [line.split("  ·  ")[0] for line in progress(out)[7:12]]
    # worry at night (shown), sleep, back to it, back to worry (now no), straight on to sleep
    assert sections == ["Stress", "Sleep", "Stress", "Stress", "Sleep"]
    assert out.count("? Worry at night?") == 2  # answered, then passed on the way back
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


def test_ctrl_c_leaves_the_question_under_its_progress_line(bank, home, capsys):
    _, out = run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    assert "Stress  ·  section 3 of 4  ·  about a minute left\n? Stress\n\nPaused." in out


def test_ctrl_c_leaves_a_long_question_whole_and_wrapped(home, capsys, tmp_path):
    long_text = (
        "In a usual week, how many portions of green vegetables, or potatoes in their skins, "
        "do you eat?"
    )
    path = tmp_path / "long.yaml"
    path.write_text(SMALL.read_text().replace("text: Glasses of water,", f'text: "{long_text}",'))
    long_bank = load_bank(path)
    steps = [*UP_TO_STRESS, *FROM_STRESS[:4], K.CONTROLC]
    _, out = run_wizard(long_bank, capsys, *steps)
    shown = out.split("minute left\n")[-1].split("\n\nPaused.")[0].splitlines()
    assert shown == [
        "? In a usual week, how many portions of green vegetables, or potatoes in their",
        "  skins, do you eat?",
    ]


def test_ctrl_c_at_the_resume_question_leaves_the_question(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    _, out = run_wizard(bank, capsys, K.CONTROLC)
    assert f"\n? {texts.RESUME_QUESTION}\n\nPaused." in out


def test_resume_says_when_the_answers_were_saved_by_the_wizards_clock(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    assert drafts.load(home / "draft.json").saved_at == NOW
    _, out = run_wizard(bank, capsys, K.CONTROLC)
    when = NOW.astimezone().strftime("%A %d %B at %H:%M")
    assert when.startswith("Monday 15 March at ")
    assert f"You have answers saved from {when}:" in " ".join(out.split())


def test_finished_answers_and_result_carry_the_wizards_clock(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS)
    path = saved_answers(home)
    assert path.name == f"answers-{NOW.astimezone():%Y%m%d-%H%M%S}.yaml"


def test_resume_carries_on_with_every_earlier_answer_intact(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)

    # Carry on; step back into the earlier section and keep what is pre-selected there.
    status, out = run_wizard(bank, capsys, K.ENTER, BACK, KEEP, *FROM_STRESS)
    assert status == 0
    flat = " ".join(out.split())
    assert '5 answered so far, up to "Stress" (section 3 of 4).' in flat
    assert [line.split("  ·  ")[0] for line in progress(out)[:3]] == ["Stress", "Body", "Stress"]
    assert answers.load(bank, saved_answers(home)) == EXPECTED


def test_start_over_asks_everything_again(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    status, out = run_wizard(bank, capsys, K.DOWN + K.ENTER, *UP_TO_STRESS[1:], *FROM_STRESS)
    assert status == 0
    assert progress(out)[0] == "Safety first  ·  section 1 of 4  ·  about 2 minutes left"
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
    assert out.rstrip().endswith("Please contact a doctor today.")


def test_after_ctrl_c_the_action_is_repeated_too(bank, home, capsys):
    status, out = run_wizard(bank, capsys, BEGIN, "y", "y", K.ENTER, K.CONTROLC)
    assert status == 130
    assert out.rstrip().endswith("Please contact a doctor today.")


def test_pausing_without_a_pressing_flag_adds_no_action(bank, home, capsys):
    _, out = run_wizard(bank, capsys, BEGIN, "y", RF_WEIGHT_NO, K.CONTROLC)
    assert "Please " not in out.split("Paused.")[1]


def test_resuming_does_not_repeat_an_alert_already_shown(bank, home, capsys):
    run_wizard(bank, capsys, BEGIN, "y", "y", K.DOWN + K.ENTER)
    status, out = run_wizard(bank, capsys, K.ENTER, *UP_TO_STRESS[3:], *FROM_STRESS)
    assert status == 0
    assert "Please read this" not in out
    # One calm line instead, before the first question.
    reminder = "From your earlier answers: please contact a doctor today."
    assert out.count(reminder) == 1
    assert out.index(reminder) < out.index("Body  ·  section 2 of 4")


STOP_AFTER_THE_ALERT = [BEGIN, "y", "y", K.DOWN + K.ENTER]
NOT_NOW_AT_RESUME = K.DOWN * 2 + K.ENTER  # Carry on, Start over, Not now
START_OVER = K.DOWN + K.ENTER
EXITS_AFTER_A_FLAGGED_DRAFT = {
    "not now at the resume question": ([NOT_NOW_AT_RESUME], 0),
    "Ctrl-C at the resume question": ([K.CONTROLC], 130),
    "start over, then Ctrl-C": ([START_OVER, K.CONTROLC], 130),
    "carry on, then Ctrl-C": ([K.ENTER, K.CONTROLC], 130),
    "carry on to the end": ([K.ENTER, *UP_TO_STRESS[3:], *FROM_STRESS], 0),
}


@pytest.mark.parametrize("way_out", list(EXITS_AFTER_A_FLAGGED_DRAFT))
def test_every_way_out_ends_with_the_action_while_a_pressing_flag_stands(
    bank, home, capsys, way_out
):
    run_wizard(bank, capsys, *STOP_AFTER_THE_ALERT)
    steps, expected_status = EXITS_AFTER_A_FLAGGED_DRAFT[way_out]
    status, out = run_wizard(bank, capsys, *steps)
    assert status == expected_status
    last = out.rstrip().splitlines()[-1]
    assert last in (
        "Please contact a doctor today.",  # from answers given in this run
        "From your earlier answers: please contact a doctor today.",  # from the saved draft
    )
    assert out.rstrip().splitlines()[-2] == ""  # a line of its own, after a blank one


def test_not_now_at_the_resume_question_says_goodbye_then_the_action(bank, home, capsys):
    run_wizard(bank, capsys, *STOP_AFTER_THE_ALERT)
    _, out = run_wizard(bank, capsys, NOT_NOW_AT_RESUME)
    assert out.endswith(
        f"{texts.GOODBYE_NOT_NOW}\n\nFrom your earlier answers: please contact a doctor today.\n"
    )
    assert len(drafts.load(home / "draft.json").answers) == 2  # the draft is kept


def test_ctrl_c_at_the_resume_question_repeats_the_action_after_the_pause_lines(bank, home, capsys):
    run_wizard(bank, capsys, *STOP_AFTER_THE_ALERT)
    _, out = run_wizard(bank, capsys, K.CONTROLC)
    tail = out.split("Paused. Your answers so far are saved in")[1]
    assert tail.rstrip().endswith("From your earlier answers: please contact a doctor today.")


def test_after_starting_over_the_new_answers_decide(bank, home, capsys):
    # The flagged draft is replaced by new answers without the flag: nothing to repeat.
    run_wizard(bank, capsys, *STOP_AFTER_THE_ALERT)
    _, out = run_wizard(bank, capsys, START_OVER, RF_CANCER_NO, RF_WEIGHT_NO, K.CONTROLC)
    assert "please contact a doctor" not in out.lower().split("paused.")[1]


@pytest.mark.parametrize("way_out", list(EXITS_AFTER_A_FLAGGED_DRAFT))
def test_no_way_out_adds_an_action_without_a_pressing_flag(bank, home, capsys, way_out):
    run_wizard(bank, capsys, *UP_TO_STRESS[:3], K.CONTROLC)  # answered No to both signs
    steps, _ = EXITS_AFTER_A_FLAGGED_DRAFT[way_out]
    _, out = run_wizard(bank, capsys, *steps)
    assert "From your earlier answers" not in out
    assert not [line for line in out.splitlines() if line.startswith("Please ")]


def test_resuming_without_a_pressing_flag_has_no_reminder(bank, home, capsys):
    run_wizard(bank, capsys, *UP_TO_STRESS, K.CONTROLC)
    _, out = run_wizard(bank, capsys, K.ENTER, K.CONTROLC)
    assert "From your earlier answers" not in out


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
    assert out.rstrip().endswith("Please go to an emergency department now.")


# --- the three pain ratings ------------------------------------------------------------------


@pytest.fixture
def pain_bank(tmp_path):
    """The small bank with the average and worst pain ratings after the pain now."""
    path = tmp_path / "pain.yaml"
    now = "      - {id: pain_now, type: scale, text: Pain now, published: true, scores: false}\n"
    text = SMALL.read_text()
    assert now in text
    path.write_text(
        text.replace(
            now,
            now
            + now.replace("pain_now", "pain_average").replace("Pain now", "Pain on average")
            + now.replace("pain_now", "pain_worst").replace("Pain now", "Pain at worst"),
        )
    )
    return load_bank(path)


def pain_steps(*ratings: str) -> list[str]:
    return [*UP_TO_STRESS[:-1], *ratings]


def test_worst_below_now_is_checked_and_can_be_changed(pain_bank, home, capsys):
    change_it = K.DOWN + K.ENTER
    steps = pain_steps("6" + K.ENTER, "6" + K.ENTER, "3" + K.ENTER, change_it, "8" + K.ENTER)
    status, out = run_wizard(pain_bank, capsys, *steps, *FROM_STRESS)
    assert status == 0
    assert texts.WORST_BELOW_NOW in out
    assert out.count("? Pain at worst") == 2  # asked again after "No, change it"
    saved = answers.load(pain_bank, saved_answers(home))
    assert (saved["pain_now"], saved["pain_average"], saved["pain_worst"]) == (6, 6, 8)


def test_worst_below_the_average_can_be_kept(pain_bank, home, capsys):
    keep_it = K.ENTER
    steps = pain_steps("2" + K.ENTER, "6" + K.ENTER, "4" + K.ENTER, keep_it)
    status, out = run_wizard(pain_bank, capsys, *steps, *FROM_STRESS)
    assert status == 0
    assert texts.WORST_BELOW_AVERAGE in out
    assert f"? {texts.WORST_BELOW_AVERAGE} {texts.KEEP_IT}\n" in out
    assert answers.load(pain_bank, saved_answers(home))["pain_worst"] == 4


def test_worst_at_or_above_the_others_is_not_questioned(pain_bank, home, capsys):
    steps = pain_steps("6" + K.ENTER, "5" + K.ENTER, "6" + K.ENTER)
    status, out = run_wizard(pain_bank, capsys, *steps, *FROM_STRESS)
    assert status == 0
    assert "Is that right?" not in out


def test_a_kept_worst_is_not_questioned_again_on_the_way_back(pain_bank, home, capsys):
    steps = pain_steps("6" + K.ENTER, "6" + K.ENTER, "3" + K.ENTER, K.ENTER)
    steps += [BACK, KEEP]  # from stress back to the worst rating, keeping 3
    status, out = run_wizard(pain_bank, capsys, *steps, *FROM_STRESS)
    assert status == 0
    assert out.count("Is that right?") == 1


# --- the end ---------------------------------------------------------------------------------


def test_the_report_command_uses_the_history_id_when_there_is_one(bank, home, capsys, monkeypatch):
    monkeypatch.setattr(pipeline, "finish", lambda *args, **kwargs: SimpleNamespace(history_id=7))
    status, out = run_wizard(bank, capsys, *UP_TO_STRESS, *FROM_STRESS)
    assert status == 0
    assert out.endswith("To make this report again:\n  fibro-assess report 7\n")
    assert "Re-render" not in out


def test_shell_path_shortens_home_and_quotes_only_when_needed(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert wizard.shell_path(tmp_path / "data" / "answers-1.yaml") == "~/data/answers-1.yaml"
    assert wizard.shell_path(tmp_path / "my data" / "a.yaml") == f"'{tmp_path}/my data/a.yaml'"
    assert wizard.shell_path(Path("/srv/answers.yaml")) == "/srv/answers.yaml"


# --- the progress line -----------------------------------------------------------------------


LEFT = "about 4 minutes left"


def test_a_long_section_name_is_shortened_at_a_word_boundary():
    line = wizard.progress_line("Circulation in your hands, feet and legs", 5, 16, LEFT, width=76)
    assert line == "Circulation in your hands…  ·  section 5 of 16  ·  about 4 minutes left"
    ascii_line = wizard.progress_line(
        "Circulation in your hands, feet and legs", 5, 16, LEFT, texts.ASCII, width=76
    )
    assert ascii_line == "Circulation in your hands...  -  section 5 of 16  -  about 4 minutes left"


def test_without_room_for_a_word_only_the_counts_show():
    line = wizard.progress_line("Extraordinarily", 5, 15, LEFT, width=50)
    assert line == "section 5 of 15  ·  about 4 minutes left"


def test_minutes_left_are_said_in_words_at_ten_seconds_a_screen():
    assert wizard.minutes_left(24) == "about 4 minutes left"
    assert wizard.minutes_left(9) == "about 2 minutes left"
    assert wizard.minutes_left(8) == wizard.minutes_left(1) == "about a minute left"


@settings(max_examples=200, deadline=None)
@given(
    title=st.lists(st.text("abcdefghij,", min_size=1, max_size=15), min_size=1, max_size=10).map(
        " ".join
    ),
    width=st.integers(min_value=40, max_value=80),
)
def test_progress_line_fits_and_never_cuts_a_word(title, width):
    line = wizard.progress_line(title, 12, 16, LEFT, width=width)
    assert len(line) <= width
    name = line.split("  ·  section")[0] if not line.startswith("section ") else ""
    if name and name != title:
        assert name.endswith("…")
        shown = name[:-1]
        assert shown and title.startswith(shown)
        assert title[len(shown) :].lstrip(",;:-").startswith(" ")  # cut between words


# --- the terminal ----------------------------------------------------------------------------


def test_dumb_terminal_gets_no_attributes_at_all(bank, monkeypatch):
    from prompt_toolkit.styles import DEFAULT_ATTRS, Attrs

    monkeypatch.setenv("TERM", "dumb")
    found = wizard.Wizard(bank, {})
    transform = found.asker.prompt_kwargs["style_transformation"]
    bold = Attrs("ansired", "", True, True, False, True, False, True, False, False)
    assert transform.transform_attrs(bold) == DEFAULT_ATTRS

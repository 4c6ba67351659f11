"""Screen, then deepen: how many screens a person sees, and scores that a negative screen leaves
as the full set answered healthily would.

A screened follow-up hidden by its answered screen counts as its healthiest answer, so a person
whose screens are negative gets exactly the scores (and so the bands) of the same person
answering every follow-up healthily; a skipped screen hides nothing as healthy.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.core import checks, scoring
from assessment.core.bank import Bank, Question
from assessment.core.loader import load_bank
from assessment.terminal import texts, wizard

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "sample-answers.yaml"
LOW = ROOT / "examples" / "low-burden.yaml"


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT / "questions.yaml")


@pytest.fixture(scope="module")
def everything_asked(bank):
    """The same bank with every screened follow-up asked whatever its screen says."""
    data = yaml.safe_load((ROOT / "questions.yaml").read_text(encoding="utf-8"))
    for section in data["sections"]:
        for question in section["questions"]:
            if question.get("screened"):
                del question["show_if"], question["screened"]
            question.pop("enough_when", None)
    return Bank.model_validate(data)


def healthiest(question: Question):
    """The answer that gives no points: what a hidden screened follow-up counts as (a food left
    out once magnesium is enough: none of it, which cannot lower the estimate below enough)."""
    if question.enough_when is not None:
        return 0
    if question.type == "single":
        return next(c.value for c in question.choices if not any(c.points.values()))
    if question.type == "multi":
        return ["none"] if question.choice("none") else []
    return not any((question.points or {}).values())


def with_follow_ups_healthy(bank, answers):
    hidden = {q.id for q in bank.questions if q.screened or q.enough_when} - {
        q.id for q in bank.visible(answers)
    }
    return {**answers, **{qid: healthiest(bank.question(qid)) for qid in hidden}}


def scores(bank, answers):
    return {fid: (f.score, f.band) for fid, f in scoring.assess(bank, answers).factors.items()}


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_low_burden_example_scores_as_its_follow_ups_answered_healthily(bank, everything_asked):
    answers = load(LOW)
    hidden = [q.id for q in bank.questions if q.screened and q.id not in answers]
    assert len(hidden) >= 9  # stress detail, sleep detail and the bedroom
    full = with_follow_ups_healthy(bank, answers)
    assert scores(bank, answers) == scores(everything_asked, full)


AXIAL = ["neck", "upper_back", "lower_back", "chest", "abdomen"]
LIMBS = ["jaw_left", "shoulder_girdle_right", "upper_arm_left", "lower_arm_right", "hip_left",
         "upper_leg_right", "lower_leg_left"]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    stress=st.integers(0, 3),
    quality=st.integers(7, 10),
    hours=st.sampled_from([4, 5.5, 6.5, 8]),
    unrefreshed=st.integers(0, 3),
    support=st.booleans(),
    low_mood=st.booleans(),
    snoring=st.booleans(),
    regions=st.lists(st.sampled_from(AXIAL + LIMBS), min_size=1, unique=True),
    back=st.sampled_from(["not", "little", "quite", "very"]),
    neck=st.sampled_from(["not", "little", "quite", "very"]),
    bending=st.sampled_from(["never", "sometimes", "often", "always"]),
    sitting=st.sampled_from([0, 2, 4, 4.5, 9]),
    cold_fingers=st.booleans(),
    cramps=st.sampled_from(["never", "sometimes", "weekly", "nightly"]),
    foods=st.tuples(st.integers(0, 14), st.integers(0, 4), st.integers(0, 21)),
)
def test_negative_screens_score_exactly_as_healthy_follow_ups(
    bank, everything_asked, stress, quality, hours, unrefreshed, support, low_mood, snoring,
    regions, back, neck, bending, sitting, cold_fingers, cramps, foods,
):  # fmt: skip
    nuts, grains, greens = foods
    answers = {
        **load(LOW),
        "str_level": stress,
        "slp_quality": quality,
        "slp_hours": hours,
        "sss_unrefreshed_sleep": unrefreshed,
        "str_support": support,
        "sss_depression": low_mood,
        "slp_snoring": snoring,
        "wpi_regions": regions,
        "mus_back_tender": back,
        "mus_neck_shoulders_tight": neck,
        "jnt_bend_sit": bending,
        "hab_sitting_hours": sitting,
        "circ_cold_fingers": cold_fingers,
        "mg_cramps": cramps,
        "mg_nuts_seeds": nuts,
        "mg_whole_grains": grains,
        "mg_greens_potatoes": greens,
    }
    # A follow-up the screen shows is answered as the low-burden person would; a positive
    # screen's follow-ups missing from that file are left out of the comparison.
    shown = {q.id for q in bank.asked(answers)}
    answers = {k: v for k, v in answers.items() if k in shown or not bank.has_question(k)}
    full = with_follow_ups_healthy(bank, answers)
    assert scores(bank, answers) == scores(everything_asked, {**answers, **full})


def test_a_skipped_screen_hides_nothing_as_healthy(bank):
    answers = {**load(LOW), "slp_quality": None}
    factor = scoring.assess(bank, answers).factors["sleep"]
    hidden_too = scoring.assess(bank, {**load(LOW)}).factors["sleep"]
    assert factor.asked < hidden_too.asked  # the bedroom and sleep detail are not counted


def test_a_positive_screen_shows_its_follow_ups(bank):
    stressed = {**load(LOW), "str_level": 7}
    shown = {q.id for q in bank.asked(stressed)}
    assert {"str_too_much", "str_worry", "str_switch_off"} <= shown
    poor = {**load(LOW), "slp_quality": 4}
    assert {"slp_pain_wakes", "hab_mattress_feel", "hab_bedroom"} <= {
        q.id for q in bank.asked(poor)
    }


def questions_shown(path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--answers", str(path), "--json", "--no-save"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)["meta"]["questions_shown"]


def test_questions_shown_counts_a_checklist_or_a_grid_once(bank):
    answers = load(SAMPLE)
    assert questions_shown(SAMPLE) == len(bank.screens(answers)) == 63  # the target: 65
    assert len(bank.asked(answers)) == 120  # the questions behind those screens
    assert questions_shown(LOW) == 36  # the target: 45
    grids = [s for s in bank.screens(answers) if s.grid is not None]
    assert sum(len(s.questions) for s in grids) - len(grids) == 90 - 63


def test_the_most_and_fewest_screens_possible(bank):
    fewest, most = bank.screen_range()
    assert (fewest, most) == (35, 82)
    # The fewest are reached: a man with every screen negative and nothing to follow up.
    answers = {**load(LOW), "widespread_pain_duration": None, "symptoms_3_months": False}
    assert len(bank.screens(answers)) in (fewest, fewest + 1)
    assert bank.minutes(10) == round((35 + 82) / 2 * 10 / 60) == 10


def any_answer(question: Question) -> st.SearchStrategy:
    """Any answer the question allows (skips included where it may be skipped)."""
    if question.type == "yesno":
        base = st.booleans()
    elif question.type == "single":
        base = st.sampled_from([c.value for c in question.choices])
    elif question.type == "multi":
        base = st.lists(st.sampled_from([c.value for c in question.choices if c.value != "none"]),
                        unique=True)  # fmt: skip
    elif question.type == "text":
        base = st.just("a note")
    else:
        base = st.integers(int(question.lower), int(min(question.upper, question.lower + 30)))
    return st.one_of(st.none(), base) if question.skippable else base


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_screens_left_only_go_down_however_the_answers_bring_follow_ups_in(bank, data):
    answers: dict = {}
    screen = bank.screens(answers)[0]
    lefts = []
    while screen is not None:
        lefts.append(bank.screens_left(answers, screen.id))
        for question in screen.questions:
            answers[question.id] = data.draw(any_answer(question), label=question.id)
        here = bank.place(screen.id)
        screen = next((s for s in bank.screens(answers) if bank.place(s.id) > here), None)
    assert all(a > b for a, b in itertools.pairwise(lefts)), lefts
    assert lefts[-1] == 1
    assert len(lefts) == len(bank.screens(answers))


FOOD_DETAIL = {"mg_beans_soya", "mg_dark_chocolate"}


def test_food_detail_stops_once_the_first_foods_give_enough_magnesium(bank, everything_asked):
    low, sample = load(LOW), load(SAMPLE)
    asked = {q.id for q in bank.asked(low)}
    assert {"mg_nuts_seeds", "mg_whole_grains", "mg_greens_potatoes"} <= asked
    assert not FOOD_DETAIL & asked
    assert scoring.assess(bank, low).measures["magnesium_ratio"] >= 1
    # More of those foods could not change a score, however much.
    for servings in (0, 21):
        more = {"mg_beans_soya": servings, "mg_dark_chocolate": servings}
        full = {**with_follow_ups_healthy(bank, low), **more}
        assert scores(everything_asked, full) == scores(bank, low)
    # Short of enough (the sample's three foods), the rest are asked; so are they while the
    # first foods are not answered yet (or skipped).
    assert {q.id for q in bank.asked(sample)} >= FOOD_DETAIL
    assert {q.id for q in bank.asked({**low, "mg_greens_potatoes": None})} >= FOOD_DETAIL


@pytest.mark.parametrize(
    ("qid", "rule", "field", "message"),
    [
        ("mg_beans_soya", {"measure": "wpi", "at_least": 3}, "measure", "only the magnesium"),
        ("mg_beans_soya", {"measure": "magnesium_ratio", "at_least": 0.8}, "at_least",
         "magnesium_ratio at 0.8 still gives points"),
        ("hab_dairy", {"measure": "magnesium_ratio", "at_least": 1}, "enough_when",
         "must feed the magnesium estimate"),
    ],
)  # fmt: skip
def test_check_refuses_an_enough_rule_that_could_change_a_score(qid, rule, field, message):
    data = load(ROOT / "questions.yaml")
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] == qid:
                question["enough_when"] = rule
    found = [(loc, msg) for loc, msg in checks.check(Bank.model_validate(data)) if qid != loc]
    assert [(loc[-1], message in msg) for loc, msg in found] == [(field, True)]


def test_the_welcome_estimate_is_the_first_progress_line_s(bank):
    first = bank.screens({})[0]
    assert bank.typical_left({}, first.id) == bank.typical()
    said = wizard.minutes_left(bank.typical_left({}, first.id))
    assert said == texts.LEFT_MINUTES.format(minutes=bank.minutes(wizard.SECONDS_PER_SCREEN))

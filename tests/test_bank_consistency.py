"""The shipped question bank is whole: every factor, habit, link and red flag is in place.

The fixed questions (ids, types, choices) are core/contract.py's, checked by tests/test_contract.py.
"""

import pytest

from assessment.core.loader import load_bank
from assessment.core.synergy import Edge, analyse
from assessment.paths import default_bank_path

SEVEN = ["muscle_pain", "joint_pain", "osteoporosis", "circulation", "magnesium", "stress", "sleep"]
HABITS = ["activity", "getting_up", "water", "diet", "sitting", "head_position", "carrying",
          "sleep_setup"]  # fmt: skip
RED_FLAGS = ["rf_bladder_bowel", "rf_saddle_numbness", "rf_leg_weakness", "rf_fever", "rf_trauma",
             "rf_cancer_history", "rf_weight_loss", "rf_night_pain", "rf_steroids"]  # fmt: skip


@pytest.fixture(scope="module")
def bank():
    return load_bank(default_bank_path())


def test_the_seven_factors_in_order(bank):
    assert [f.id for f in bank.factors] == SEVEN


def test_the_eight_habits(bank):
    assert sorted(h.id for h in bank.habits) == sorted(HABITS)


def test_red_flags_come_first_each_with_a_sign(bank):
    first = bank.sections[0]
    assert set(RED_FLAGS) <= {q.id for q in first.questions}
    assert set(RED_FLAGS) <= {s.id for s in bank.red_flags.signs}
    levels = {s.id: s.level for s in bank.red_flags.signs}
    assert {k for k, v in levels.items() if v == "emergency"} == {
        "rf_bladder_bowel",
        "rf_saddle_numbness",
        "rf_leg_weakness",
        "rf_faint_sweaty",
    }
    assert levels["rf_fever"] == levels["rf_trauma"] == levels["rf_sudden_severe"] == "urgent"
    for soon in ("rf_cancer_history", "rf_weight_loss", "rf_night_pain", "rf_steroids"):
        assert levels[soon] == "soon"


def test_every_factor_has_scoring_questions_and_advice(bank):
    scored = {f for q in bank.questions for f in q.max_points_by_factor()}
    scored |= {rule.factor for rule in bank.derived}
    advised = {a.factor for a in bank.advice if a.factor}
    for factor in SEVEN:
        assert factor in scored, f"nothing scores {factor}"
        questions = [q for q in bank.questions if factor in q.max_points_by_factor()]
        assert len(questions) >= 3, f"{factor} has only {len(questions)} questions"
        assert factor in advised, f"no advice for {factor}"


def test_every_habit_has_advice(bank):
    advised = {a.habit for a in bank.advice if a.habit}
    assert advised >= set(HABITS)


def test_the_fourteen_links_of_the_brief_with_weights_between_0_1_and_0_6(bank):
    pairs = {(link.from_, link.to) for link in bank.links}
    assert pairs == {
        ("stress", "muscle_pain"), ("stress", "circulation"), ("circulation", "muscle_pain"),
        ("circulation", "osteoporosis"), ("circulation", "joint_pain"),
        ("muscle_pain", "joint_pain"), ("magnesium", "muscle_pain"),
        ("magnesium", "circulation"), ("magnesium", "osteoporosis"), ("stress", "sleep"),
        ("sleep", "stress"), ("sleep", "muscle_pain"), ("sleep", "joint_pain"),
        ("muscle_pain", "sleep"),
    }  # fmt: skip
    for link in bank.links:
        assert 0.1 <= link.weight <= 0.6, (link.from_, link.to)
        assert link.reason.strip().endswith("."), "each link has a one-sentence reason"


def test_all_factors_at_100_give_a_multiplier_of_about_2(bank):
    edges = [Edge(link.from_, link.to, link.weight) for link in bank.links]
    model = analyse(dict.fromkeys(SEVEN, 1.0), edges)
    assert 1.8 <= model.multiplier <= 2.2


def test_every_question_scores_or_says_it_does_not(bank):
    for q in bank.questions:
        gives = any(v > 0 for v in q.max_points_by_factor().values())
        assert gives or q.scores is False or q.intake_mg is not None, q.id


def test_free_text_questions_for_the_report(bank):
    for qid in ("name", "notes", "doctor_questions"):
        assert bank.question(qid).scores is False


def test_bank_hash_is_stable_for_the_same_file(bank):
    assert load_bank(default_bank_path()).sha256 == bank.sha256

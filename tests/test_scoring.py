"""From answers to factor scores: skipped is unknown, hidden is not asked, rules pick advice."""

from pathlib import Path

import pytest

from assessment.core.loader import load_bank
from assessment.core.result import FactorScore, SuggestedQuestion
from assessment.core.scoring import assess

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


def full_answers(**changes):
    answers = {
        "rf_cancer_history": False, "rf_weight_loss": False,
        "wpi_regions": ["neck", "lower_back", "hip_left"], "tense_muscles": "often",
        "pain_now": 6, "stress_level": 8, "worry": True, "worry_nights": True,
        "sss_unrefreshed_sleep": 3, "water_glasses": 4, "nuts": 7, "notes": "",
    }  # fmt: skip
    answers.update(changes)
    return answers


def test_factor_score_is_points_earned_over_points_possible(bank):
    result = assess(bank, full_answers())
    # stress: 8/10 x 4 + 2 (worry) + 1 (at night) = 6.2 of 7 -> 88.57 -> 89
    assert result.factors["stress"].score == 89
    assert result.factors["stress"].band == "high"
    # muscle: 2 of 2 (tense often) + WPI 3/19 x 4 = 2.63 of 6 -> 43.9 -> 44
    assert result.factors["muscle_pain"].score == 44


def test_skipped_answer_scores_as_unknown_not_zero(bank):
    answered = assess(bank, full_answers(worry_nights=False))
    skipped = assess(bank, full_answers(worry_nights=None))
    # Skipping leaves both numerator and denominator: 5.2 of 6 -> 87, not 5.2 of 7 -> 74.
    assert answered.factors["stress"].score == 74
    assert skipped.factors["stress"].score == 87
    assert skipped.skipped == ["worry_nights"]


def test_a_factor_with_nothing_answered_has_no_score_and_stays_out_of_the_sums(bank):
    result = assess(bank, full_answers(stress_level=None, worry=None, worry_nights=None))
    assert result.factors["stress"] == FactorScore(
        name="Stress", score=None, band=None, answered=0, asked=2
    )
    assert "stress" not in {lv.factor for lv in result.synergy.levers}
    assert all("stress" not in (ln.from_, ln.to) for ln in result.synergy.links)


def test_a_hidden_question_is_neither_asked_nor_skipped(bank):
    result = assess(bank, full_answers(worry=False, worry_nights=None))
    assert "worry_nights" not in result.skipped
    # stress: 3.2 + 0 of 6 -> 53 (the hidden question adds nothing to either side)
    assert result.factors["stress"].score == 53


def test_an_answer_to_a_hidden_question_is_ignored(bank):
    hidden = assess(bank, full_answers(worry=False, worry_nights=True))
    assert hidden.factors["stress"].score == 53
    assert hidden.factors["sleep"].score == 100


def test_synergy_uses_the_bank_links(bank):
    result = assess(bank, full_answers())
    syn = result.synergy
    assert syn.multiplier > 1
    assert syn.combined > syn.simple_sum
    assert syn.levers[0].factor == "stress"
    assert syn.circles == [["sleep", "stress"]]


def test_red_flag_combination_raises_the_level_and_replaces_the_signs_it_joins(bank):
    result = assess(bank, full_answers(rf_cancer_history=True, rf_weight_loss=True))
    assert [f.id for f in result.red_flags] == ["rf_cancer_with_weight_loss"]
    assert result.red_flags[0].level == "urgent"
    assert result.red_flags[0].label == "Contact a doctor today"


def test_no_red_flags_when_all_answers_are_no(bank):
    assert assess(bank, full_answers()).red_flags == []


def test_advice_comes_by_priority_then_lever_then_habits(bank):
    result = assess(bank, full_answers())
    assert [a.id for a in result.advice] == [
        "muscle_stretch",
        "stress_breathe",
        "sleep_routine",
        "water_more",
    ]


def test_advice_rules_that_do_not_hold_are_left_out(bank):
    result = assess(bank, full_answers(water_glasses=8, stress_level=0, worry=False))
    ids = [a.id for a in result.advice]
    assert "water_more" not in ids
    assert "stress_breathe" not in ids


def test_magnesium_estimate_and_suggested_question(bank):
    result = assess(bank, full_answers(nuts=7))
    assert result.instruments.magnesium.intake_mg == 100 + 70
    assert result.suggested_questions == [
        SuggestedQuestion(id="dq_magnesium", text="Could we check my magnesium?")
    ]
    richer = assess(bank, full_answers(nuts=21))
    assert richer.suggested_questions == []


def test_result_dict_has_the_documented_shape(bank):
    data = assess(bank, full_answers(), assessed_at="2026-11-24T10:00:00+00:00").to_dict()
    assert set(data) == {
        "meta",
        "factors",
        "instruments",
        "synergy",
        "red_flags",
        "advice",
        "suggested_questions",
        "held_back",
        "safety_unanswered",
        "skipped",
        "plan",
    }
    assert data["plan"] == {"actions": [], "together": 0.0}  # the small bank has no actions
    assert data["meta"]["assessed_at"] == "2026-11-24T10:00:00+00:00"
    assert data["meta"]["bank_hash"] == bank.sha256 and len(bank.sha256) == 64
    assert set(data["synergy"]) == {
        "simple_sum",
        "combined",
        "multiplier",
        "index",
        "links",
        "levers",
        "circles",
    }
    assert {"from", "to", "contribution"} <= set(data["synergy"]["links"][0])
    assert {"factor", "drop"} <= set(data["synergy"]["levers"][0])


def test_a_skipped_food_question_leaves_the_magnesium_estimate_unknown(bank):
    result = assess(bank, full_answers(nuts=None))
    assert result.instruments.magnesium is None
    assert result.suggested_questions == []


def test_a_gentler_combination_never_hides_a_more_urgent_sign():
    gentle = load_bank(SMALL.parent / "gentle-combination.yaml")
    result = assess(gentle, {"rf_fever": True, "rf_night_pain": True, "worry": False})
    assert [(f.id, f.level) for f in result.red_flags] == [
        ("rf_fever", "urgent"),
        ("fever_and_night_pain", "soon"),
    ]

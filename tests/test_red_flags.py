"""Red flags in the shipped bank: levels, and combinations that raise them (clinical-basis §3)."""

import pytest

from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.paths import default_bank_path

NO = {
    "rf_bladder_bowel": False, "rf_saddle_numbness": False, "rf_leg_weakness": False,
    "rf_fever": False, "rf_trauma": False, "rf_cancer_history": False, "rf_weight_loss": False,
    "rf_night_pain": False, "rf_steroids": False,
}  # fmt: skip


@pytest.fixture(scope="module")
def bank():
    return load_bank(default_bank_path())


def flags(bank, **yes):
    return assess(bank, {**NO, **yes}).to_dict()["red_flags"]


def levels(found):
    return [(f["id"], f["level"]) for f in found]


def test_all_no_gives_no_flags(bank):
    assert flags(bank) == []


@pytest.mark.parametrize(
    ("key", "level"),
    [("rf_bladder_bowel", "emergency"), ("rf_saddle_numbness", "emergency"),
     ("rf_leg_weakness", "emergency"), ("rf_fever", "urgent"), ("rf_trauma", "urgent"),
     ("rf_cancer_history", "soon"), ("rf_weight_loss", "soon"), ("rf_night_pain", "soon"),
     ("rf_steroids", "soon")],
)  # fmt: skip
def test_each_sign_alone_has_its_level(bank, key, level):
    found = flags(bank, **{key: True})
    assert levels(found) == [(key, level)]
    assert found[0]["message"].strip()
    assert found[0]["label"]


@pytest.mark.parametrize(
    ("second", "combination"),
    [("rf_weight_loss", "rf_cancer_with_weight_loss"),
     ("rf_night_pain", "rf_cancer_with_night_pain")],
)  # fmt: skip
def test_cancer_history_with_weight_loss_or_night_pain_is_urgent(bank, second, combination):
    found = flags(bank, rf_cancer_history=True, **{second: True})
    assert levels(found) == [(combination, "urgent")]


def test_each_combination_message_speaks_only_of_what_was_answered(bank):
    found = flags(bank, rf_cancer_history=True, rf_night_pain=True)
    assert "weight" not in found[0]["message"].lower()


def test_cancer_history_with_leg_weakness_is_an_emergency_first(bank):
    found = flags(bank, rf_cancer_history=True, rf_leg_weakness=True)
    assert found[0]["id"] == "rf_cancer_with_leg_weakness"
    assert found[0]["level"] == "emergency"
    assert "24 hours" in found[0]["message"]


def test_trauma_with_steroids_is_urgent_for_a_possible_fracture(bank):
    found = flags(bank, rf_trauma=True, rf_steroids=True)
    assert levels(found) == [("rf_fracture_with_steroids", "urgent")]
    # The steroid sign it replaces asked to keep taking them: the combination says so too.
    assert "keep taking your steroids" in found[0]["action"].lower()


def test_one_answer_never_shows_at_two_levels(bank):
    found = flags(bank, rf_cancer_history=True, rf_night_pain=True, rf_steroids=True)
    ids = [f["id"] for f in found]
    assert "rf_cancer_history" not in ids and "rf_night_pain" not in ids
    assert ids[-1] == "rf_steroids"  # not part of the combination: still listed, at its level
    assert found[-1]["level"] == "soon"


def test_trauma_with_a_high_osteoporosis_score_is_urgent(bank):
    # OST 0.2 x (45 - 80) = -7: high for a woman.
    result = assess(bank, {**NO, "rf_trauma": True, "age": 80, "weight_kg": 45, "sex": "female"})
    assert result.instruments.ost_band == "high"
    assert [f.id for f in result.red_flags] == ["rf_fracture_with_thin_bones"]
    assert "steroid" not in result.red_flags[0].message.lower()


def test_steroids_count_toward_bone_risk(bank):
    base = {**NO, "age": 60, "weight_kg": 70, "sex": "female"}
    without = assess(bank, base).factors["osteoporosis"].score
    with_steroids = assess(bank, {**base, "rf_steroids": True}).factors["osteoporosis"].score
    assert with_steroids > without


def test_trauma_alone_with_a_low_osteoporosis_score_raises_nothing_more(bank):
    result = assess(bank, {**NO, "rf_trauma": True, "age": 40, "weight_kg": 80, "sex": "male"})
    assert [f.id for f in result.red_flags] == ["rf_trauma"]


def test_flags_are_ordered_most_urgent_first(bank):
    found = flags(bank, rf_steroids=True, rf_fever=True, rf_saddle_numbness=True)
    assert [f["level"] for f in found] == ["emergency", "urgent", "soon"]


def test_messages_stay_calm_without_exclamations_or_shouting(bank):
    for sign in [*bank.red_flags.signs, *bank.red_flags.combinations]:
        assert "!" not in sign.message
        assert not [w for w in sign.message.split() if len(w) > 3 and w.isupper()]

"""Answers in words for the appendix, and do's and don'ts that follow the answers."""

from pathlib import Path

import pytest

from assessment.core.loader import load_bank
from assessment.core.scoring import assess

BANK = Path(__file__).parent / "data" / "banks" / "answers-in-words.yaml"


@pytest.fixture(scope="module")
def bank():
    return load_bank(BANK)


def test_a_scale_answer_names_both_ends_of_its_scale(bank):
    assert bank.format_answer("calm", 4) == "4 of 10 (0 = Not at all, 10 = Completely)"


def test_a_scale_without_labels_still_says_out_of_what(bank):
    assert bank.format_answer("worry", 7) == "7 of 10"


def test_a_number_uses_the_singular_unit_for_one(bank):
    assert bank.format_answer("naps", 1) == "1 nap a week"
    assert bank.format_answer("naps", 3) == "3 naps a week"
    assert bank.format_answer("naps", 0) == "0 naps a week"


def test_labels_with_commas_are_kept_apart(bank):
    assert bank.format_answer("areas", ["hip_left", "neck"]) == "Hip or buttock, left; Neck"


def test_skipped_is_said_in_words(bank):
    assert bank.format_answer("calm", None) == "skipped"


def test_conditional_tips_follow_the_answers(bank):
    smoker = assess(bank, {"calm": 3, "worry": 8, "naps": 1, "smoke": True, "areas": []})
    (advice,) = smoker.advice
    assert advice["do"] == ["Breathe slowly", "Swap a cigarette for a short walk"]
    assert advice["dont"] == ["Don't smoke to calm down", "Don't rush"]

    non_smoker = assess(bank, {"calm": 3, "worry": 8, "naps": 1, "smoke": False, "areas": []})
    (advice,) = non_smoker.advice
    assert advice["do"] == ["Breathe slowly"]
    assert advice["dont"] == ["Don't rush"]


def test_a_tip_condition_naming_an_unknown_question_is_a_bank_mistake(tmp_path):
    from assessment.errors import BankError

    broken = tmp_path / "bank.yaml"
    broken.write_text(BANK.read_text().replace('when: "smoke == true"}]', 'when: "smok == true"}]'))
    with pytest.raises(
        BankError,
        match=r"advice\[0\]\.do\[1\]\.when: .*unknown question or "
        r"measure 'smok'",
    ):
        load_bank(broken)

"""Answers in words, for the appendix and the terminal's echo alike, and do's and don'ts that
follow the answers."""

from pathlib import Path

import pytest

from assessment.core.answer_words import REPORT, answer_words
from assessment.core.bank import Question
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.terminal.texts import ECHO_WORDING as ECHO

BANK = Path(__file__).parent / "data" / "banks" / "answers-in-words.yaml"
CHOICES = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
NONE = [{"value": "none", "label": "Nothing at all"}]


@pytest.fixture(scope="module")
def bank():
    return load_bank(BANK)


def words(bank, qid, value, wording=REPORT):
    return answer_words(bank.question(qid), value, wording)


def test_a_scale_answer_names_both_ends_of_its_scale(bank):
    assert words(bank, "calm", 4) == "4 of 10 (0 = Not at all, 10 = Completely)"
    assert words(bank, "calm", 4.0) == "4 of 10 (0 = Not at all, 10 = Completely)"


def test_a_scale_without_labels_still_says_out_of_what(bank):
    assert words(bank, "worry", 7) == "7 of 10"


def test_the_echo_leaves_the_scale_ends_to_the_list_it_was_chosen_from(bank):
    assert words(bank, "calm", 4, ECHO) == "4 of 10"


def test_a_number_uses_the_singular_unit_for_one(bank):
    assert words(bank, "naps", 1) == "1 nap a week"
    assert words(bank, "naps", 1.0) == "1 nap a week"
    assert words(bank, "naps", 3) == "3 naps a week"
    assert words(bank, "naps", 0) == "0 naps a week"
    assert words(bank, "naps", 2.5) == "2.5 naps a week"
    assert words(bank, "naps", 1, ECHO) == "1 nap a week"  # the same in the terminal


def test_a_number_without_a_unit_is_the_number_alone():
    plain = Question(id="n", type="number", text="How many?", min=0, max=9, scores=False)
    assert answer_words(plain, 3.0) == "3"


def test_labels_with_commas_are_kept_apart(bank):
    assert words(bank, "areas", ["hip_left", "neck"]) == "Hip or buttock, left; Neck"


def test_the_echo_counts_two_or_more_ticked_rows(bank):
    assert (
        words(bank, "areas", ["hip_left", "neck"], ECHO) == "2 ticked: Hip or buttock, left; Neck"
    )
    assert words(bank, "areas", ["neck"], ECHO) == "Neck"
    areas = Question(id="wpi_regions", type="multi", text="Where?", choices=CHOICES, scores=False)
    assert answer_words(areas, ["a", "b"], ECHO) == "2 areas ticked: A; B"
    assert answer_words(areas, ["a", "b"]) == "A; B"


def test_nothing_ticked_reads_as_the_questions_own_none_or_the_wordings(bank):
    assert words(bank, "areas", []) == "none"
    assert words(bank, "areas", [], ECHO) == "None of these"
    own = Question(id="q", type="multi", text="Which?", choices=CHOICES + NONE, scores=False)
    for wording in (REPORT, ECHO):
        assert answer_words(own, ["none"], wording) == "Nothing at all"
        assert answer_words(own, [], wording) == "Nothing at all"


def test_yes_and_no_in_each_places_words(bank):
    assert [words(bank, "smoke", v) for v in (True, False)] == ["yes", "no"]
    assert [words(bank, "smoke", v, ECHO) for v in (True, False)] == ["Yes", "No"]


def test_a_single_choice_reads_as_its_label_and_an_unknown_value_as_stored():
    one = Question(id="q", type="single", text="Which?", choices=CHOICES, scores=False)
    assert answer_words(one, "b") == "B"
    assert answer_words(one, "gone") == "gone"


def test_text_is_kept_as_typed():
    note = Question(id="notes", type="text", text="Notes", scores=False)
    assert answer_words(note, "stiff mornings") == "stiff mornings"


def test_skipped_is_said_in_words(bank):
    assert words(bank, "calm", None) == "skipped"
    assert words(bank, "naps", None) == "skipped"


def test_the_echo_says_a_list_was_declined_and_a_typed_answer_skipped(bank):
    for qid in ("calm", "smoke", "areas"):
        assert words(bank, qid, None, ECHO) == "Prefer not to say", qid
    assert words(bank, "naps", None, ECHO) == "Skipped"


def test_conditional_tips_follow_the_answers(bank):
    smoker = assess(bank, {"calm": 3, "worry": 8, "naps": 1, "smoke": True, "areas": []})
    (advice,) = smoker.advice
    assert advice.do == ["Breathe slowly", "Swap a cigarette for a short walk"]
    assert advice.dont == ["Don't smoke to calm down", "Don't rush"]

    non_smoker = assess(bank, {"calm": 3, "worry": 8, "naps": 1, "smoke": False, "areas": []})
    (advice,) = non_smoker.advice
    assert advice.do == ["Breathe slowly"]
    assert advice.dont == ["Don't rush"]


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

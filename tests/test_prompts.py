"""Each question type on its prompt, driven by keystrokes through a pipe: answers, back, skip,
the earlier answer pre-selected, and the messages shown when a typed answer does not fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_helpers import K, down, feed, feed_and_record, typed

from assessment import prompts
from assessment.bank import Question, load_bank

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
CLEAR_LINE = "\x15"  # Ctrl-U: wipe what was typed


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


def ask(bank, qid: str, script: str, **kwargs):
    question = bank.question(qid) if isinstance(qid, str) else qid
    return feed(lambda **io: prompts.ask(question, **kwargs, **io), script)


def ask_and_look(bank, qid: str, *steps: str, **kwargs):
    question = bank.question(qid) if isinstance(qid, str) else qid
    return feed_and_record(lambda **io: prompts.ask(question, **kwargs, **io), *steps)


# --- single choice ---------------------------------------------------------------------------


def test_single_choice_returns_the_value_under_the_pointer(bank):
    assert ask(bank, "tense_muscles", K.ENTER) == "never"
    assert ask(bank, "tense_muscles", K.DOWN + K.ENTER) == "often"


def test_single_choice_has_prefer_not_to_say_then_back_below_the_choices(bank):
    # Never, Often, (rule), Prefer not to say, Back
    assert ask(bank, "tense_muscles", down(2) + K.ENTER) is prompts.SKIP
    assert ask(bank, "tense_muscles", down(3) + K.ENTER) is prompts.BACK


def test_less_than_key_goes_back_from_a_list(bank):
    assert ask(bank, "tense_muscles", "<") is prompts.BACK


def test_earlier_answer_is_pre_selected(bank):
    assert ask(bank, "tense_muscles", K.ENTER, previous="often") == "often"


def test_earlier_skip_is_pre_selected(bank):
    assert ask(bank, "tense_muscles", K.ENTER, previous=None) is prompts.SKIP


def test_published_item_offers_no_skip(bank):
    # None, Slight, Moderate, Severe, (rule), Back: the row after Severe is Back, not skip.
    assert ask(bank, "sss_unrefreshed_sleep", down(4) + K.ENTER) is prompts.BACK
    _, screen = ask_and_look(bank, "sss_unrefreshed_sleep", K.ENTER)
    assert "Prefer not to say" not in screen


def test_integer_choice_values_come_back_as_integers(bank):
    assert ask(bank, "sss_unrefreshed_sleep", down(2) + K.ENTER) == 2
    assert ask(bank, "sss_unrefreshed_sleep", K.ENTER, previous=3) == 3


def test_first_question_has_no_back(bank):
    result, screen = ask_and_look(bank, "tense_muscles", "<", K.ENTER, can_go_back=False)
    assert result == "never"
    assert "Back" not in screen


def test_long_question_and_help_wrap_to_the_screen():
    question = Question(
        id="long",
        type="yesno",
        text="Since your back pain began, have you had new trouble passing urine, new leaking "
        "of urine, or lost control of your bowels?",
        help="A hint that is also far too long to fit on one line of an eighty column terminal.",
        scores=False,
    )
    _, screen = feed_and_record(lambda **io: prompts.ask(question, **io), "n")
    first_screen = screen.split("? Since")[1].split("Prefer not to say")[0]
    lines = ("? Since" + first_screen).splitlines()
    assert lines[0] == "? Since your back pain began, have you had new trouble passing urine, new"
    assert lines[1] == "  leaking of urine, or lost control of your bowels?"
    assert all(len(line) <= 80 for line in lines)


# --- yes / no --------------------------------------------------------------------------------


def test_yes_no_answers_with_one_key(bank):
    assert ask(bank, "worry", "y") is True
    assert ask(bank, "worry", "n") is False
    assert ask(bank, "worry", "Y") is True


def test_yes_no_with_arrows_and_skip(bank):
    assert ask(bank, "worry", K.DOWN + K.ENTER) is False
    assert ask(bank, "worry", down(2) + K.ENTER) is prompts.SKIP


def test_yes_no_earlier_no_is_pre_selected_not_confused_with_zero(bank):
    assert ask(bank, "worry", K.ENTER, previous=False) is False


# --- 0-10 scale ------------------------------------------------------------------------------


def test_scale_digit_moves_to_that_number(bank):
    assert ask(bank, "pain_now", "7" + K.ENTER) == 7
    assert ask(bank, "pain_now", "0" + K.ENTER) == 0


def test_scale_reaches_ten_with_arrows(bank):
    assert ask(bank, "pain_now", down(10) + K.ENTER) == 10


def test_scale_earlier_answer_pre_selected(bank):
    assert ask(bank, "pain_now", K.ENTER, previous=4) == 4


def test_scale_ends_are_labelled():
    question = Question(
        id="fatigue",
        type="scale",
        text="How tired?",
        min_label="not at all",
        max_label="exhausted",
        scores=False,
    )
    _, screen = feed_and_record(lambda **io: prompts.ask(question, **io), K.ENTER)
    assert "0  not at all" in screen
    assert "10  exhausted" in screen


# --- multiple choice (body areas) ------------------------------------------------------------


def test_checkbox_space_ticks_and_enter_finishes(bank):
    script = K.SPACE + down(16) + K.SPACE + K.ENTER  # jaw left, lower back
    assert ask(bank, "wpi_regions", script) == ["jaw_left", "lower_back"]


def test_checkbox_shows_how_to_tick(bank):
    _, screen = ask_and_look(bank, "wpi_regions", K.SPACE + K.ENTER)
    assert "Space ticks or unticks, Enter when done" in screen


def test_checkbox_with_nothing_ticked_asks_again(bank):
    result, screen = ask_and_look(bank, "wpi_regions", K.ENTER, K.SPACE + K.ENTER)
    assert 'Nothing ticked yet: press Space to tick, or tick "None of these".' in screen
    assert result == ["jaw_left"]


def test_checkbox_none_of_these_gives_an_empty_list(bank):
    assert ask(bank, "wpi_regions", down(19) + K.SPACE + K.ENTER) == []


def test_checkbox_none_with_an_area_is_refused(bank):
    result, screen = ask_and_look(
        bank, "wpi_regions", K.SPACE + down(19) + K.SPACE + K.ENTER, K.SPACE + K.ENTER
    )
    assert 'You ticked "None of these" and something else' in screen
    assert result == ["jaw_left"]


def test_checkbox_back_row_goes_back_with_enter_or_space(bank):
    assert ask(bank, "wpi_regions", K.UP + K.ENTER) is prompts.BACK
    assert ask(bank, "wpi_regions", K.SPACE + K.UP + K.SPACE) is prompts.BACK


def test_checkbox_earlier_ticks_are_kept(bank):
    assert ask(bank, "wpi_regions", K.ENTER, previous=["neck", "chest"]) == ["neck", "chest"]
    assert ask(bank, "wpi_regions", K.ENTER, previous=[]) == []


def test_checkbox_a_does_not_tick_everything(bank):
    assert ask(bank, "wpi_regions", "a" + K.SPACE + K.ENTER) == ["jaw_left"]


def test_checkbox_uses_the_banks_own_none_choice():
    question = Question(
        id="features",
        type="multi",
        text="Which fit?",
        choices=[
            {"value": "both_hands", "label": "Both hands", "points": {"circulation": 1}},
            {"value": "none", "label": "None of these", "points": {"circulation": 0}},
        ],
    )
    assert feed(lambda **io: prompts.ask(question, **io), K.DOWN + K.SPACE + K.ENTER) == ["none"]
    # Both hands, None of these, (rule), Prefer not to say, Back
    assert feed(lambda **io: prompts.ask(question, **io), down(2) + K.ENTER) is prompts.SKIP


# --- numbers ---------------------------------------------------------------------------------


def test_number_typed_and_returned_as_int(bank):
    assert ask(bank, "water_glasses", typed("6")) == 6


def test_number_forgives_unit_and_decimal_comma():
    question = Question(
        id="weight_kg", type="number", text="Weight?", min=30, max=250, unit="kg", scores=False
    )
    assert feed(lambda **io: prompts.ask(question, **io), typed("72,5 kg")) == 72.5


def test_number_shows_range_and_unit(bank):
    _, screen = ask_and_look(bank, "water_glasses", typed("3"))
    assert "0 to 30 glasses." in screen
    assert "Leave it empty to skip. Type < to go back." in screen


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ("lots", "Please type a number, such as 15."),
        ("31", "Please type a number from 0 to 30."),
        ("2.5", "Please type a whole number, such as 15."),
    ],
)
def test_number_that_does_not_fit_gets_a_plain_message(bank, wrong, message):
    result, screen = ask_and_look(bank, "water_glasses", typed(wrong), CLEAR_LINE + typed("8"))
    assert message in screen
    assert result == 8


def test_number_empty_skips(bank):
    assert ask(bank, "water_glasses", K.ENTER) is prompts.SKIP


def test_published_number_cannot_be_left_empty():
    question = Question(
        id="age", type="number", text="Age?", min=18, max=110, published=True, scores=False
    )
    result, screen = feed_and_record(lambda **io: prompts.ask(question, **io), K.ENTER, typed("54"))
    assert "needed for a published score" in screen
    assert result == 54


def test_number_less_than_goes_back(bank):
    assert ask(bank, "water_glasses", typed("<")) is prompts.BACK


def test_number_earlier_answer_is_filled_in(bank):
    assert ask(bank, "water_glasses", K.ENTER, previous=5) == 5
    assert ask(bank, "water_glasses", CLEAR_LINE + typed("9"), previous=5) == 9


# --- free text -------------------------------------------------------------------------------


def test_text_typed(bank):
    assert ask(bank, "notes", typed("Mornings are worst")) == "Mornings are worst"


def test_text_empty_skips_and_less_than_goes_back(bank):
    assert ask(bank, "notes", K.ENTER) is prompts.SKIP
    assert ask(bank, "notes", typed("<")) is prompts.BACK


def test_text_earlier_answer_is_filled_in(bank):
    assert ask(bank, "notes", K.ENTER, previous="stiff") == "stiff"


def test_text_too_long_gets_a_message():
    question = Question(id="notes", type="text", text="Notes", max_length=5, scores=False)
    result, screen = feed_and_record(
        lambda **io: prompts.ask(question, **io), typed("far too long"), CLEAR_LINE + typed("ok")
    )
    assert "please keep it under 5 characters" in screen
    assert result == "ok"


# --- every prompt lets Ctrl-C through --------------------------------------------------------


@pytest.mark.parametrize(
    "qid", ["tense_muscles", "worry", "pain_now", "wpi_regions", "water_glasses", "notes"]
)
def test_ctrl_c_raises_keyboard_interrupt(bank, qid):
    with pytest.raises(KeyboardInterrupt):
        ask(bank, qid, K.CONTROLC)


def test_parse_number():
    assert prompts.parse_number(" 7 ") == 7.0
    assert prompts.parse_number("1,5") == 1.5
    assert prompts.parse_number("80kg", "kg") == 80.0
    assert prompts.parse_number("nan") is None
    assert prompts.parse_number("seven") is None

"""Each question type on its prompt, driven by keystrokes through a pipe: answers, back, skip,
the earlier answer pre-selected, the messages shown when a typed answer does not fit, what fits
on an 80x24 screen, and how the answer reads once the prompt has cleared itself."""

from __future__ import annotations

import ast
import json
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_helpers import K, down, feed, feed_and_record, feed_and_watch, typed

from assessment.core.bank import Question
from assessment.core.loader import load_bank
from assessment.terminal import prompts, texts
from assessment.terminal.prompts import choices, keys, lists

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
REAL = Path(__file__).parent.parent / "questions.yaml"
CLEAR_LINE = "\x15"  # Ctrl-U: wipe what was typed


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


@pytest.fixture(autouse=True)
def keys_typed_at_once(monkeypatch):
    """Every key of a script is typed at the same instant, however slowly the machine takes them
    in; the tests of typing speed give their own times (typed_at)."""
    monkeypatch.setattr(keys, "clock", lambda: 100.0)


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


def test_yes_no_starts_on_no_so_a_stray_enter_never_says_yes(bank):
    assert ask(bank, "worry", K.ENTER) is False
    assert ask(bank, "rf_cancer_history", K.ENTER) is False  # a safety question too
    _, screen = ask_and_look(bank, "rf_weight_loss", K.ENTER)
    assert " » No" in screen and " » Yes" not in screen


def test_yes_no_with_arrows_and_skip(bank):
    # Yes, No (the pointer starts here), (rule), Prefer not to say, Back
    assert ask(bank, "worry", K.UP + K.ENTER) is True
    assert ask(bank, "worry", K.DOWN + K.ENTER) is prompts.SKIP
    assert ask(bank, "worry", down(2) + K.ENTER) is prompts.BACK


def test_yes_no_earlier_no_is_pre_selected_not_confused_with_zero(bank):
    assert ask(bank, "worry", K.ENTER, previous=False) is False


def test_yes_no_earlier_yes_is_kept_when_going_back(bank):
    assert ask(bank, "rf_cancer_history", K.ENTER, previous=True) is True
    assert ask(bank, "worry", K.ENTER, previous=None) is prompts.SKIP


# --- 0-10 scale ------------------------------------------------------------------------------


def test_scale_digit_moves_to_that_number(bank):
    assert ask(bank, "pain_now", "7" + K.ENTER) == 7
    assert ask(bank, "pain_now", "0" + K.ENTER) == 0


def test_scale_reaches_ten_with_arrows(bank):
    assert ask(bank, "pain_now", down(10) + K.ENTER) == 10


def test_scale_one_then_zero_is_ten(bank):
    assert ask(bank, "pain_now", "10" + K.ENTER) == 10
    assert ask(bank, "pain_now", "1" + K.ENTER) == 1
    assert ask(bank, "pain_now", "100" + K.ENTER) == 0  # after 10, a new 0 starts again
    assert ask(bank, "pain_now", "30" + K.ENTER) == 0  # no 30 on the scale
    assert ask(bank, "pain_now", "1" + K.DOWN + "0" + K.ENTER) == 0  # moved away from 1 first


def typed_at(monkeypatch, *times: float) -> None:
    """Each digit key is typed at the next of these times (seconds)."""
    ticks = iter(times)
    monkeypatch.setattr(keys, "clock", lambda: next(ticks))


def test_scale_one_then_zero_at_once_is_ten(bank, monkeypatch):
    typed_at(monkeypatch, 100.0, 100.4)
    assert ask(bank, "pain_now", "10" + K.ENTER) == 10


def test_scale_one_a_pause_then_zero_is_zero(bank, monkeypatch):
    typed_at(monkeypatch, 100.0, 103.0)  # 1, three seconds, then 0: the person meant 0
    assert ask(bank, "pain_now", "10" + K.ENTER) == 0


def test_scale_after_a_pause_a_new_one_then_zero_is_ten_again(bank, monkeypatch):
    typed_at(monkeypatch, 100.0, 105.0, 105.3)  # 1 ... 1 0
    assert ask(bank, "pain_now", "110" + K.ENTER) == 10


@pytest.mark.parametrize(
    ("first", "first_at", "digit", "now", "number"),
    [
        (1, 10.0, 0, 10.2, 10),
        (1, 10.0, 0, 11.0, 10),  # a second is still "at once"
        (1, 10.0, 0, 11.5, None),  # after a pause, 0 means 0
        (1, 10.0, 0, 13.0, None),
        (1, 10.0, 2, 10.2, None),  # no 12 on a 0-10 scale
        (3, 10.0, 0, 10.2, None),  # nor 30
        (0, 10.0, 5, 10.2, None),  # 0 then 5 is 5, not "05"
        (None, None, 0, 10.2, None),
        (1, 10.0, 0, 9.0, None),  # a clock that went back joins nothing
    ],
)
def test_two_digits_join_only_when_typed_at_once(first, first_at, digit, now, number):
    assert prompts.two_digits(first, first_at, digit, now, range(11)) == number


def test_two_digits_reach_twelve_where_shown():
    assert prompts.two_digits(1, 0.0, 2, 0.5, range(13)) == 12


def test_scale_hint_says_how_to_reach_ten(bank):
    _, screen = ask_and_look(bank, "pain_now", "0" + K.ENTER)
    assert "1 then 0 for 10" in screen


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
    _, screen = feed_and_record(lambda **io: prompts.ask(question, **io), "0" + K.ENTER)
    assert "0  not at all" in screen
    assert "10  exhausted" in screen


# --- multiple choice (body areas) ------------------------------------------------------------


def test_checkbox_space_ticks_and_enter_finishes(bank):
    script = K.SPACE + down(16) + K.SPACE + K.ENTER  # jaw left, lower back
    assert ask(bank, "wpi_regions", script) == ["jaw_left", "lower_back"]


def test_checkbox_shows_how_to_tick(bank):
    _, screen = ask_and_look(bank, "wpi_regions", K.SPACE + K.ENTER)
    assert "Space or a row's number ticks or unticks, 0 is none; Enter when done" in screen


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


def test_checkbox_back_row_goes_back_with_enter(bank):
    # Jaw left ... Belly, None of these, (rule), Back: up from the first row is Back.
    assert ask(bank, "wpi_regions", K.UP + K.ENTER) is prompts.BACK
    assert ask(bank, "wpi_regions", "<") is prompts.BACK


def test_checkbox_space_on_back_keeps_the_ticks_and_says_to_press_enter(bank):
    result, screen = ask_and_look(bank, "wpi_regions", K.SPACE + K.UP + K.SPACE, K.DOWN + K.ENTER)
    assert texts.ACTION_NEEDS_ENTER in screen
    assert result == ["jaw_left"]  # still ticked; the stray Space went nowhere


def skippable_list() -> Question:
    return Question(
        id="features",
        type="multi",
        text="Which fit?",
        choices=[
            {"value": "both_hands", "label": "Both hands", "points": {"circulation": 1}},
            {"value": "none", "label": "None of these", "points": {"circulation": 0}},
        ],
    )


def test_checkbox_prefer_not_to_say_acts_on_enter_only():
    # Both hands, None of these, (rule), Prefer not to say, Back
    question = skippable_list()
    result, screen = feed_and_record(
        lambda **io: prompts.ask(question, **io), down(2) + K.SPACE, K.ENTER
    )
    assert texts.ACTION_NEEDS_ENTER in screen
    assert result is prompts.SKIP


def test_checkbox_prefer_not_to_say_with_ticks_is_refused():
    question = skippable_list()
    result, screen = feed_and_record(
        lambda **io: prompts.ask(question, **io), K.SPACE + down(2) + K.ENTER, K.UP * 2 + K.ENTER
    )
    assert "You have ticked 1: untick it first, or press Enter on a ticked row." in screen
    assert result == ["both_hands"]


def test_prefer_not_to_say_with_two_ticks_says_how_many():
    # Knees and Hands or fingers ticked, Enter on "Prefer not to say": the QA report's case.
    question = real_joints()
    result, screen = feed_and_record(
        lambda **io: prompts.ask(question, **io),
        K.SPACE + down(2) + K.SPACE + down(4) + K.ENTER,
        K.UP * 4 + K.ENTER,
    )
    assert "You have ticked 2: untick them first, or press Enter on a ticked row." in screen
    assert "{" not in screen and "}" not in screen
    assert result == ["knees", "hands"]


def real_joints() -> Question:
    question = load_bank(REAL).question("jnt_other_joints")
    labels = [c.label for c in question.choices or []]
    assert labels[:3] == ["Knees", "Hip joints", "Hands or fingers"]
    assert labels[-1] == "None of these"
    return question


@pytest.mark.parametrize("glyphs", [texts.UNICODE, texts.ASCII], ids=["unicode", "ascii"])
def test_checkbox_draws_actions_as_actions_not_as_tick_boxes(glyphs):
    question = skippable_list()
    _, screen = feed_and_record(
        lambda **io: prompts.ask(question, glyphs=glyphs, **io), K.SPACE + K.ENTER
    )
    assert f"{glyphs.unticked} 1 Both hands" in screen  # its number ticks it
    assert f"{glyphs.unticked} 0 None of these" in screen
    for action in (texts.SKIP, glyphs.back):
        assert f"   {action}" in screen
        assert f"{glyphs.unticked} {action}" not in screen
        assert f"{glyphs.ticked} {action}" not in screen


def test_checkbox_earlier_ticks_are_kept(bank):
    assert ask(bank, "wpi_regions", K.ENTER, previous=["neck", "chest"]) == ["neck", "chest"]
    assert ask(bank, "wpi_regions", K.ENTER, previous=[]) == []


def test_checkbox_a_rows_number_ticks_it_and_0_is_none_of_these(bank):
    assert ask(bank, "wpi_regions", "3" + "1" + K.ENTER) == ["jaw_left", "shoulder_girdle_left"]
    assert ask(bank, "wpi_regions", "0" + K.ENTER) == []
    # Past nine rows two digits at once reach the rest: 1 then 6 is row 16 (Upper back).
    assert ask(bank, "wpi_regions", "2" + "16" + K.ENTER) == ["jaw_right", "upper_back"]


def test_checkbox_two_digits_with_a_pause_are_two_rows(bank, monkeypatch):
    typed_at(monkeypatch, 0.0, 5.0)
    assert ask(bank, "wpi_regions", "16" + K.ENTER) == ["jaw_left", "upper_arm_right"]


def test_single_choice_answers_at_once_with_its_rows_number(bank):
    assert ask(bank, "tense_muscles", "2") == "often"
    _, screen = ask_and_look(bank, "tense_muscles", "1")
    assert "1 Never" in screen and "2 Often" in screen and texts.HINT_NUMBERED in screen


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


def test_number_less_than_after_an_earlier_answer_goes_back(bank):
    # The field holds the earlier 5; typing < makes it "5<", which still means back.
    assert ask(bank, "water_glasses", typed("<"), previous=5) is prompts.BACK
    assert ask(bank, "water_glasses", typed(" < "), previous=5) is prompts.BACK


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


def test_text_less_than_after_an_earlier_answer_goes_back(bank):
    assert ask(bank, "notes", typed("<"), previous="stiff mornings") is prompts.BACK


def test_text_too_long_gets_a_message():
    question = Question(id="notes", type="text", text="Notes", max_length=5, scores=False)
    result, screen = feed_and_record(
        lambda **io: prompts.ask(question, **io), typed("far too long"), CLEAR_LINE + typed("ok")
    )
    assert "please keep it under 5 characters" in screen
    assert result == "ok"


# --- a long typed answer wraps at word boundaries in the field (display only) -----------------

LONG_NOTE = (
    "Could my sleeping tablets be making the morning stiffness worse, and is there anything I can "
    "take for the cramps in my calves at night that will not upset my stomach? Also, should I "
    "have my vitamin D checked again this winter?"
)


def test_a_long_earlier_answer_wraps_between_words_in_the_field():
    question = Question(id="doctor_questions", type="text", text="Your questions?", scores=False)
    result, frames = feed_and_watch(
        lambda **io: prompts.ask(question, previous=LONG_NOTE, **io), K.ENTER
    )
    assert result == LONG_NOTE  # the padding is on screen only
    frame = next(f for f in frames if any(line.startswith("  > Could") for line in f))
    start = next(i for i, line in enumerate(frame) if line.startswith("  > "))
    rows = frame[start:]
    assert len(rows) > 1
    assert all(row.startswith("    ") and not row.startswith("     ") for row in rows[1:])
    assert " ".join(row[4:] for row in rows).split() == LONG_NOTE.split()  # no word cut


def test_typing_on_after_a_wrapped_word_keeps_the_text_as_typed():
    question = Question(id="notes", type="text", text="Notes?", scores=False)
    typed_text = LONG_NOTE + " Thank you"
    assert feed(lambda **io: prompts.ask(question, **io), typed(typed_text)) == typed_text
    # Back over the padding and on again: the cursor never lands inside it.
    edited = feed(
        lambda **io: prompts.ask(question, previous=LONG_NOTE, **io),
        K.LEFT * 70 + "X" + K.ENTER,
    )
    assert edited == LONG_NOTE[:-70] + "X" + LONG_NOTE[-70:]


words_and_spaces = st.lists(
    st.text(alphabet="abcdefghij", min_size=1, max_size=30), min_size=1, max_size=40
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=words_and_spaces, room=st.integers(min_value=10, max_value=80))
def test_word_wrap_pads_never_cut_a_word_that_fits_a_row(text, room):
    pads = prompts.word_wrap_pads(text, room)
    shown = "".join(" " * pads.get(i, 0) + c for i, c in enumerate(text))
    assert shown.split() == text.split()
    rows = [shown[i : i + room] for i in range(0, len(shown), room)]
    for before, after in zip(rows, rows[1:], strict=False):
        if before[-1] != " " and after[0] != " ":  # a word runs across the edge ...
            cut = before.split()[-1] + after.split()[0]
            assert len(cut) > room  # ... only when it is longer than a row
        if after.startswith(" ") and not before.endswith(" "):  # a row starts with a space ...
            assert " " not in before  # ... only after a word as long as a whole row


@settings(max_examples=200, deadline=None)
@given(text=words_and_spaces, width=st.integers(min_value=20, max_value=80))
def test_word_wrap_maps_the_cursor_across_the_padding(text, width):
    from prompt_toolkit.layout.processors import TransformationInput

    done = prompts.WordWrap(4).apply_transformation(
        TransformationInput(None, None, 0, lambda i: i, [("class:answer", text)], width, 1)
    )
    shown = "".join(fragment[1] for fragment in done.fragments)
    for i in range(len(text) + 1):
        j = done.source_to_display(i)
        assert done.display_to_source(j) == i
        if i < len(text):
            assert shown[j] == text[i]
    for j in range(len(shown) + 1):
        assert 0 <= done.display_to_source(j) <= len(text)


def test_word_wrap_leaves_short_and_wide_text_alone():
    assert prompts.word_wrap_pads("short answer", 76) == {}
    assert prompts.word_wrap_pads("長い答え " * 30, 76) == {}


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


# --- an 80x24 screen ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_bank():
    return load_bank(REAL)


def test_body_areas_fit_24_rows_with_the_progress_line_and_the_message(real_bank):
    question = real_bank.question("wpi_regions")
    first_line = f"? {question.text}"[:60]
    nothing = texts.NOTHING_TICKED.format(none=texts.NONE_OF_THESE)
    result, frames = feed_and_watch(
        lambda **io: prompts.ask(question, **io), K.ENTER, K.UP * 2, K.SPACE + K.ENTER
    )
    assert result == []
    # Each frame leaves the row above it (the progress line) on a 24-row screen.
    assert frames and all(len(frame) <= 23 for frame in frames)
    with_message = [f for f in frames if nothing in f]
    assert with_message
    for frame in with_message:
        assert frame[0].startswith(first_line)
        assert any(" » " in line for line in frame)
    # Up from the first area wraps to Back; up again is None of these, in view with its message.
    assert any(
        nothing in frame
        and any(f" » {texts.UNICODE.unticked}  0 None of these" in ln for ln in frame)
        for frame in frames
    )
    assert any("more below" in line for line in frames[0])
    assert any("more above" in line for line in frames[-1])


def test_visible_rows_keep_everything_when_it_fits():
    assert prompts.visible_rows(5, 4, 10, 0) == (0, 5)


@settings(max_examples=200, deadline=None)
@given(
    count=st.integers(min_value=1, max_value=40),
    room=st.integers(min_value=3, max_value=30),
    moves=st.lists(st.integers(min_value=0, max_value=39), max_size=8),
)
def test_visible_rows_keep_the_pointer_in_view_within_the_room(count, room, moves):
    top = 0
    for pointer in [0, *moves]:
        pointer %= count
        top, end = prompts.visible_rows(count, pointer, room, top)
        assert top <= pointer < end <= count
        lines = (end - top) + (top > 0) + (end < count)
        assert lines <= max(room, 3)


# --- the answer, once the prompt has cleared itself ------------------------------------------


def test_short_answer_follows_its_question(bank):
    assert prompts.answer_lines(bank.question("worry"), True) == ["? Worry a lot? Yes"]
    assert prompts.answer_lines(bank.question("pain_now"), 6) == ["? Pain now 6 of 10"]
    assert prompts.answer_lines(bank.question("water_glasses"), 6) == [
        "? Glasses of water 6 glasses"
    ]


def test_one_takes_the_singular_unit(real_bank):
    echoes = {
        qid: prompts.echo_words(real_bank.question(qid), 1)
        for qid in ("mg_nuts_seeds", "mg_whole_grains", "hab_strength_days")
        if real_bank.has_question(qid)
    }
    assert echoes, "the real bank has none of these questions any more"
    for qid, words in echoes.items():
        assert words == f"1 {real_bank.question(qid).unit_one}", qid
        assert words.split()[1] in ("handful", "portion", "day"), words
    assert prompts.echo_words(real_bank.question("hab_strength_days"), 2) == "2 days a week"


def test_skipped_typed_answer_says_skipped(bank):
    assert prompts.answer_lines(bank.question("nuts"), prompts.SKIP) == [
        "? Handfuls of nuts a week Skipped"
    ]
    assert prompts.answer_lines(bank.question("tense_muscles"), prompts.SKIP) == [
        "? Tense muscles? Prefer not to say"
    ]


def test_ticked_areas_are_counted_and_named_with_semicolons(real_bank):
    question = real_bank.question("wpi_regions")
    ticked = ["jaw_left", "shoulder_girdle_right", "hip_left", "neck", "lower_back"]
    lines = prompts.answer_lines(question, ticked)
    flat = " ".join(line.strip() for line in lines)
    labels = [question.choice(v).label for v in ticked]
    assert flat == f"? {question.text} 5 areas ticked: " + "; ".join(labels)
    assert all(len(line) <= 79 for line in lines)
    assert prompts.answer_lines(question, ["neck"])[-1].endswith(question.choice("neck").label)
    assert prompts.answer_lines(question, [])[-1].endswith("None of these")


def test_without_an_answer_the_question_stands_alone():
    text = "In a usual week, how many portions of green vegetables, or potatoes in their skins?"
    assert prompts.echo_lines(text, "") == [
        "? In a usual week, how many portions of green vegetables, or potatoes in their",
        "  skins?",
    ]
    assert prompts.echo_lines("Carry on?", "") == ["? Carry on?"]


def test_long_answer_goes_below_and_wraps_at_word_boundaries():
    question = Question(
        id="notes",
        type="text",
        text="Is there anything else about your pain or your health you want your doctor to know?",
        scores=False,
    )
    note = "It gets much worse after sitting for a long time, and mornings are stiff " * 3
    lines = prompts.answer_lines(question, note.strip())
    assert lines[0].startswith("? Is there anything")
    answer = [line for line in lines if not line.startswith(("? ", "  know?"))]
    assert all(line.startswith("  ") and len(line) <= 79 for line in answer)
    assert " ".join(line.strip() for line in answer) == note.strip()


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)


@settings(max_examples=100, deadline=None)
@given(
    question_words=st.lists(words, min_size=1, max_size=30),
    answer_words=st.lists(words, min_size=1, max_size=40),
    width=st.integers(min_value=40, max_value=80),
)
def test_echo_never_cuts_a_word(question_words, answer_words, width):
    question = Question(id="q", type="text", text=" ".join(question_words), scores=False)
    lines = prompts.answer_lines(question, " ".join(answer_words), width=width)
    assert all(len(line) <= width - 1 for line in lines)
    assert " ".join(lines).split()[1:] == question_words + answer_words


def test_a_skip_after_a_long_question_is_never_split():
    below = 0
    for extra in range(40):
        question = Question(
            id="long",
            type="single",
            text="Have you had " + "new trouble " * extra + "lately?",
            choices=[{"value": "a", "label": "A", "points": {}}],
        )
        lines = prompts.answer_lines(question, prompts.SKIP)
        assert lines[-1].endswith(" Prefer not to say") or lines[-1] == "  Prefer not to say"
        assert all(len(line) <= 79 for line in lines)
        below += lines[-1] == "  Prefer not to say"
    assert below  # some lengths leave no room on the last line: it goes below, whole


def test_each_hint_stays_whole_on_one_line():
    question = Question(
        id="weight_kg",
        type="number",
        text="How much do you weigh?",
        help="In kilograms. 1 stone is about 6.4 kg; 1 pound is about 0.45 kg.",
        min=30,
        max=250,
        unit="kg",
        scores=False,
    )
    _, screen = feed_and_record(lambda **io: prompts.ask(question, **io), typed("60"))
    lines = screen.splitlines()
    assert any("30 to 250 kg." in line for line in lines)
    assert any("Type < to go back." in line for line in lines)


def test_yes_no_start_is_pointed_at_but_not_marked_as_an_earlier_answer(bank, monkeypatch):
    seen = {}
    original = choices.list_keys

    def spy(prompt, *args, **kwargs):
        ic = lists.inquirer_control(prompt)
        seen["pointed"] = ic.get_pointed_at().title
        seen["marked"] = list(ic.selected_options)
        return original(prompt, *args, **kwargs)

    monkeypatch.setattr(choices, "list_keys", spy)
    ask(bank, "worry", K.ENTER)
    assert seen == {"pointed": "No", "marked": []}
    ask(bank, "worry", K.ENTER, previous=True)
    assert seen["pointed"] == "Yes" and len(seen["marked"]) == 1


# --- no template placeholder ever reaches the screen -----------------------------------------


def _number_question(**extra) -> Question:
    fields = {"id": "glasses", "type": "number", "text": "Glasses of water?", "min": 0, "max": 30}
    return Question(**{**fields, "unit": "glasses", "integer": True, "scores": False, **extra})


REFUSALS = {
    "nothing ticked": (
        lambda: load_bank(SMALL).question("wpi_regions"),
        [K.ENTER, K.SPACE + K.ENTER],
        texts.NOTHING_TICKED.format(none=texts.NONE_OF_THESE),
    ),
    "none and others": (
        lambda: load_bank(SMALL).question("wpi_regions"),
        [K.SPACE + down(19) + K.SPACE + K.ENTER, K.SPACE + K.ENTER],
        texts.NONE_AND_OTHERS.format(none=texts.NONE_OF_THESE),
    ),
    "skip while ticked": (
        skippable_list,
        [K.SPACE + down(2) + K.ENTER, K.UP * 2 + K.ENTER],
        prompts.skip_refused(1),
    ),
    "space on an action": (
        skippable_list,
        [down(2) + K.SPACE, K.ENTER],
        texts.ACTION_NEEDS_ENTER,
    ),
    "more below": (
        lambda: load_bank(REAL).question("wpi_regions"),
        [K.UP * 2 + K.SPACE + K.ENTER],
        "more below",
    ),
    "not a number": (
        _number_question,
        [typed("lots"), CLEAR_LINE + typed("8")],
        texts.NEED_A_NUMBER.format(example=15),
    ),
    "not whole": (
        _number_question,
        [typed("2.5"), CLEAR_LINE + typed("8")],
        texts.NEED_WHOLE.format(example=15),
    ),
    "out of range": (
        _number_question,
        [typed("31"), CLEAR_LINE + typed("8")],
        texts.OUT_OF_RANGE.format(low=0, high=30),
    ),
    "needed": (
        lambda: _number_question(published=True),
        [K.ENTER, typed("8")],
        texts.NEEDED_NOT_EMPTY,
    ),
    "too long": (
        lambda: Question(id="notes", type="text", text="Notes", max_length=5, scores=False),
        [typed("far too long"), CLEAR_LINE + typed("ok")],
        texts.TOO_LONG.format(limit=5),
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_every_refusal_is_shown_with_its_placeholders_filled_in(case):
    make, steps, message = REFUSALS[case]
    question = make()
    _, frames = feed_and_watch(lambda **io: prompts.ask(question, **io), *steps)
    drawn = "\n".join("\n".join(frame) for frame in frames)
    assert message in drawn  # the refusal was really shown ...
    assert "{" not in drawn and "}" not in drawn  # ... and nothing on screen is a bare template


def _placeholders(value: object) -> bool:
    """A text constant (or list of them) with {named} fields that must be filled in."""
    values = value if isinstance(value, (list, tuple)) else [value]
    return any(
        field is not None
        for text in values
        if isinstance(text, str)
        for _, field, _, _ in string.Formatter().parse(text)
    )


TEMPLATES = {name for name, value in texts.english().items() if _placeholders(value)}


def test_templates_are_found():
    assert {"SKIP_AND_TICKED", "NOTHING_TICKED", "PAUSED", "WELCOME_POINTS"} <= TEMPLATES


def _unformatted_uses(source: str) -> list[tuple[int, str]]:
    """Uses of a texts template that are not `.format(...)`-ed on the spot.

    A template may reach `.format` through a conditional (`(texts.A if x else texts.B).format`),
    and a list of templates through a loop whose variable is only ever `.format`-ted.
    """
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def formatted(node: ast.AST) -> bool:
        parent = parents.get(node)
        while isinstance(parent, ast.IfExp) and node is not parent.test:
            node, parent = parent, parents.get(parent)
        return (
            isinstance(parent, ast.Attribute)
            and parent.attr == "format"
            and isinstance(parents.get(parent), ast.Call)
            and parents[parent].func is parent
        )

    def looped_and_formatted(node: ast.AST) -> bool:
        loop = parents.get(node)
        if not (isinstance(loop, ast.For) and loop.iter is node):
            return False
        if not isinstance(loop.target, ast.Name):
            return False
        name = loop.target.id
        uses = [
            n
            for stmt in loop.body
            for n in ast.walk(stmt)
            if isinstance(n, ast.Name) and n.id == name
        ]
        return bool(uses) and all(formatted(use) for use in uses)

    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("texts"):
            bad += [(node.lineno, a.name) for a in node.names if a.name in TEMPLATES]
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "texts"
            and node.attr in TEMPLATES
            and not (formatted(node) or looped_and_formatted(node))
        ):
            bad.append((node.lineno, node.attr))
    return bad


def test_no_template_from_texts_is_ever_used_unformatted():
    package = Path(texts.__file__).parent  # the terminal, prompts/ included
    found = {
        f"{path.relative_to(package)}:{line}: texts.{name}"
        for path in sorted(package.rglob("*.py"))
        for line, name in _unformatted_uses(path.read_text())
    }
    assert not found, "shown without .format(): " + ", ".join(sorted(found))


def test_the_template_check_catches_what_it_should():
    assert _unformatted_uses("say(texts.SKIP_AND_TICKED)") == [(1, "SKIP_AND_TICKED")]
    assert _unformatted_uses("x = texts.PAUSED") == [(1, "PAUSED")]
    assert _unformatted_uses("from assessment.terminal.texts import PAUSED") == [(1, "PAUSED")]
    assert _unformatted_uses("for p in texts.WELCOME_POINTS:\n    say(p)") == [
        (1, "WELCOME_POINTS")
    ]
    assert _unformatted_uses("say(texts.PAUSED.format(path=p))") == []
    assert _unformatted_uses("(texts.TICKED if a else texts.AREAS_TICKED).format(count=1)") == []
    assert _unformatted_uses("for p in texts.WELCOME_POINTS:\n    say(p.format(m=1))") == []
    assert _unformatted_uses("say(texts.SKIP)") == []  # no placeholders: fine as it is


def test_a_stray_enter_on_a_safety_question_records_nothing_and_says_what_to_press(bank):
    question = bank.question("rf_weight_loss")
    answer, screen = ask_and_look(bank, question, K.ENTER, "n", safety=True)
    assert answer is False  # only the n answered it
    assert texts.SAFETY_NEEDS_CHOICE in screen
    assert ask(bank, question, K.ENTER + "y", safety=True) is True


def test_on_a_safety_question_arrows_then_enter_still_answer(bank):
    question = bank.question("rf_weight_loss")
    assert ask(bank, question, K.UP + K.ENTER, safety=True) is True
    # An earlier answer stands as chosen: Enter keeps it.
    assert ask(bank, question, K.ENTER, safety=True, previous=False) is False


def test_a_scale_starts_with_no_number_chosen_and_enter_alone_records_nothing(bank):
    answer, screen = ask_and_look(bank, "pain_now", K.ENTER, "0" + K.ENTER)
    assert answer == 0  # the 0 typed, not the stray Enter
    assert texts.SCALE_NEEDS_CHOICE in screen
    assert ask(bank, "pain_now", K.ENTER + K.DOWN + K.ENTER) == 1


# Counts how often prompt_toolkit makes its default key bindings while two questions are asked
# (Down then Enter, then Enter) in a fresh interpreter.
_TWO_QUESTIONS = """
import json
from prompt_toolkit.application import application
made = []
real = application.load_key_bindings
def counting():
    made.append(1)
    return real()
application.load_key_bindings = counting
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from assessment.terminal.asker import ListAsker
with create_pipe_input() as keys:
    keys.send_text("\\x1b[B\\r\\r")
    asker = ListAsker(lambda line: None, 80, input=keys, output=DummyOutput())
    picked = [asker.choose(q, [("Yes", "yes"), ("No", "no")]) for q in ("One?", "Two?")]
print(json.dumps({"picked": picked, "made": len(made)}))
"""


def test_prompt_toolkits_default_key_bindings_are_made_once_a_run_not_for_every_prompt():
    done = subprocess.run(
        [sys.executable, "-c", _TWO_QUESTIONS], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["picked"] == ["no", "yes"]  # the shared keys still move and choose
    assert seen["made"] == 1  # questionary alone makes three sets a question, six here

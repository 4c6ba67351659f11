"""Checklists: yes/no questions a clinician groups in the bank, asked on one screen.

Each item keeps its own answer, so the answers file, the exports and scoring see `rf_fever`
and never the checklist. The screen is answered explicitly: Enter with nothing ticked is
refused, "None of these" is no to all, and ticks leave the rest as no only after one more key.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_helpers import K, down, feed, feed_and_record

from assessment.core.loader import load_bank
from assessment.errors import BankError
from assessment.terminal import prompts, texts

ROOT = Path(__file__).parent.parent
BAD = Path(__file__).parent / "data" / "bad-banks"
SIGNS = [
    "rf_bladder_bowel", "rf_saddle_numbness", "rf_leg_weakness", "rf_fever", "rf_trauma",
    "rf_sudden_severe", "rf_cancer_history", "rf_weight_loss", "rf_night_pain",
]  # fmt: skip


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT / "questions.yaml")


@pytest.fixture(scope="module")
def signs(bank):
    (screen,) = [s for s in bank.screens({}) if s.id == "rf_signs"]
    return screen


def ask(screen, script: str, **kwargs):
    return feed(lambda **io: prompts.ask_screen(screen, previous={}, **kwargs, **io), script)


def ask_and_look(screen, *steps: str, previous=None):
    return feed_and_record(
        lambda **io: prompts.ask_screen(screen, previous=previous or {}, **io), *steps
    )


def only(*ticked: str) -> dict[str, bool]:
    return {qid: qid in ticked for qid in SIGNS}


def test_the_safety_questions_are_one_screen_in_the_bank_order(signs):
    assert [q.id for q in signs.questions] == SIGNS


def test_enter_with_nothing_ticked_records_nothing_and_says_what_to_press(signs):
    answer, screen = ask_and_look(signs, K.ENTER, "0" + K.ENTER)
    assert texts.NOTHING_TICKED.format(none=texts.NONE_OF_THESE) in screen
    assert answer == only()


def test_none_of_these_is_no_to_every_item(signs):
    assert ask(signs, down(9) + K.SPACE + K.ENTER) == only()
    assert ask(signs, "0" + K.ENTER) == only()


def test_ticks_leave_the_rest_as_no_only_after_one_more_key(signs):
    answer, screen = ask_and_look(signs, "9" + K.ENTER, K.ENTER, "y")
    assert texts.REST_IS_NO in screen
    assert answer == only("rf_night_pain")


def test_n_goes_back_to_the_ticks(signs):
    answer = ask(signs, "9" + K.ENTER + "n" + "1" + K.ENTER + "y")
    assert answer == only("rf_bladder_bowel", "rf_night_pain")


def test_a_tick_after_the_question_takes_it_back(signs):
    # y after a change of ticks is no answer: the question must be asked again.
    answer = ask(signs, "9" + K.ENTER + "1" + "y" + K.ENTER + "y")
    assert answer == only("rf_bladder_bowel", "rf_night_pain")


def test_space_and_arrows_tick_as_on_any_tick_list(signs):
    assert ask(signs, down(5) + K.SPACE + K.ENTER + "y") == only("rf_sudden_severe")


def test_a_digit_ticks_and_unticks(signs):
    assert ask(signs, "4" + "4" + "3" + K.ENTER + "y") == only("rf_leg_weakness")


def test_none_of_these_with_a_tick_is_refused(signs):
    answer, screen = ask_and_look(signs, "1" + "0" + K.ENTER, "0" + K.ENTER + "y")
    assert texts.NONE_AND_OTHERS.format(none=texts.NONE_OF_THESE) in screen
    assert answer == only("rf_bladder_bowel")


def test_prefer_not_to_say_leaves_every_item_unanswered(signs):
    # 9 items, None of these, (rule), Prefer not to say
    assert ask(signs, down(10) + K.ENTER) == dict.fromkeys(SIGNS)


def test_back_goes_back_when_there_is_somewhere_to_go(signs):
    assert ask(signs, "<", can_go_back=True) is prompts.BACK


def test_earlier_answers_come_back_ticked(signs):
    earlier = only("rf_fever", "rf_night_pain")
    answer = feed(lambda **io: prompts.ask_screen(signs, previous=earlier, **io), K.ENTER + "y")
    assert answer == earlier
    assert feed(lambda **io: prompts.ask_screen(signs, previous=only(), **io), K.ENTER) == only()


def test_rows_are_numbered_and_the_echo_names_what_was_ticked(signs):
    _, screen = ask_and_look(signs, "9" + K.ENTER, "y")
    assert "9 " + signs.questions[-1].label in screen
    assert "0 None of these" in screen
    lines = prompts.screen_lines(signs, only("rf_night_pain"), width=80)
    assert lines[-1].endswith(signs.questions[-1].label)
    assert prompts.screen_lines(signs, only(), width=80)[-1].endswith(texts.NONE_OF_THESE)


def test_a_yes_to_sudden_severe_pain_is_followed_at_once_by_its_own_screen(bank):
    answers = {**only("rf_sudden_severe")}
    ids = [s.id for s in bank.screens(answers)]
    assert ids[ids.index("rf_signs") + 1] == "rf_faint_sweaty"
    assert "rf_faint_sweaty" not in [s.id for s in bank.screens(only())]


def test_a_checklist_item_hidden_by_its_show_if_is_left_off_the_screen(bank):
    def items(answers):
        (screen,) = [s for s in bank.screens(answers) if s.id == "ost_risks"]
        return [q.id for q in screen.questions]

    assert "ost_early_menopause" in items({"sex": "female"})
    assert "ost_early_menopause" not in items({"sex": "male"})


def test_checklist_mistakes_name_the_file_line_and_field():
    path = BAD / "checklist-mistakes.yaml"
    with pytest.raises(BankError) as caught:
        load_bank(path)
    problems = "\n".join(caught.value.problems)
    for line, field, message in [
        (13, "sections[0].checklists[0].items[1]", "'worry_nights' is shown by 'worry'"),
        (13, "sections[0].checklists[0].items[2]", "'tense' is not an asked yes/no question"),
        (13, "sections[0].checklists[0].items[3]", "'elsewhere' is not a question of section"),
        (14, "sections[0].checklists[1].id", "'worry' is already the id of a question"),
        (16, "sections[0].checklists[1].items[0]", "'worry' is already on checklist 'worries'"),
    ]:
        assert f"{path}:{line}: {field}: {message}" in problems, problems

"""The terminal summary: what comes first, what each line says, and that it fits 80 columns."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import report_support as support
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.core import wording
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.terminal import summary, texts

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"

ANSWERS = {
    "rf_cancer_history": False,
    "rf_weight_loss": False,
    "wpi_regions": ["jaw_left", "lower_back", "neck", "upper_back", "hip_left", "hip_right"],
    "tense_muscles": "often",
    "pain_now": 6,
    "stress_level": 8,
    "worry": True,
    "worry_nights": True,
    "sss_unrefreshed_sleep": 3,
    "water_glasses": 5,
    "nuts": None,
    "notes": "stiff mornings",
}

CRITERIA_MET = {
    "wpi": 11,
    "sss": 8,
    "fs": 19,
    "acr2016": {"met": True, "generalized_pain": True},
    "pain": {"now": {"value": 6}, "average": {"value": 5}, "worst": {"value": 8}},
}


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


@pytest.fixture
def result(bank):
    return assess(bank, ANSWERS).to_dict()


def text_of(result, **kwargs) -> str:
    return "\n".join(summary.render(result, **kwargs))


def test_factors_have_name_bar_score_and_band(result):
    lines = summary.render(result)
    stress = next(line for line in lines if line.strip().startswith("Stress "))
    score = result["factors"]["stress"]["score"]
    assert stress.split()[-2:] == [str(score), result["factors"]["stress"]["band"]]
    assert summary.bar(score) in stress


def test_bar_has_one_cell_per_ten_points():
    assert summary.bar(0) == "░" * 10
    assert summary.bar(72) == "█" * 7 + "░" * 3
    assert summary.bar(75) == "█" * 8 + "░" * 2
    assert summary.bar(100) == "█" * 10


def test_factor_without_answers_says_so(result):
    result["factors"]["sleep"].update(score=None, band=None)
    row = next(line for line in summary.render(result) if line.strip().startswith("Sleep"))
    assert row.endswith("(not answered)")


def test_combined_index_and_multiplier(result):
    syn = result["synergy"]
    out = text_of(result)
    assert f"Combined index: {syn['index']:.0f} of 100." in out
    assert f"×{syn['multiplier']:.2f} their simple sum" in out


def test_vicious_circle_named(result):
    assert ["sleep", "stress"] in result["synergy"]["circles"]
    assert "Vicious circle: sleep and stress feed each other." in text_of(result)


def test_several_vicious_circles_share_one_sentence(result):
    result["synergy"]["circles"] = [["sleep", "stress"], ["muscle_pain", "sleep", "stress"]]
    assert (
        "Vicious circles, where factors feed each other: sleep and stress; muscle pain, sleep "
        "and stress." in " ".join(summary.render(result, width=200))
    )


def flat(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


@pytest.fixture(scope="module")
def sample():
    return support.result_for(support.sample_answers())


def numbered(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith("What to tackle first"))
    return [line for line in lines[start:] if line.startswith("  ") and line[2].isdigit()]


def test_top_three_actions_in_plan_order_with_what_each_eases(sample):
    lines = summary.render(sample)
    top = wording.top_actions(sample["plan"])
    assert len(top) == 3
    assert [line.split(". ")[0].strip() for line in numbered(lines)] == ["1", "2", "3"]
    out = flat(lines)
    names = {fid: f["name"] for fid, f in sample["factors"].items()}
    for action in top:
        reach = wording.action_reach(action, names, sample["synergy"]["links"])
        assert f"{action['title']}. {reach}" in out
    first = top[0]
    assert first["id"] == "ease_stress"
    assert "Find a daily way to ease stress. Eases stress, and through the links it reaches" in out
    assert f"{wording.share_words(first['share']).capitalize()} off the combined burden." in out


def test_the_figures_are_labelled_model_estimates(sample):
    out = flat(summary.render(sample))
    assert "What to tackle first (model estimates, not measurements:" in out
    together = sample["plan"]["together"] / sample["synergy"]["combined"]
    assert f"All three together: {wording.share_words(together)} off." in out


def test_exercise_waits_for_a_doctor_after_an_urgent_red_flag():
    result = support.result_for(support.sample_answers(rf_fever=True))
    lines = summary.render(result)
    shown = flat(numbered(lines))
    assert "Move a little more each week" not in shown
    assert (
        "Move a little more each week: this waits until a doctor has seen you, because of the "
        "warning signs above." in flat(lines)
    )
    assert len(numbered(lines)) == 3


def test_levers_are_shown_as_the_most_tangled_factors_never_as_advice(sample):
    out = flat(summary.render(sample))
    names = [wording.mid(sample["factors"][lv["factor"]]["name"])
             for lv in sample["synergy"]["levers"][:3]]  # fmt: skip
    assert f"Most tangled factors, which feed the others most: {wording.listing(names)}." in out
    assert "resolve" not in out.lower()


def test_a_name_with_and_of_its_own_is_listed_with_as_well_as(sample):
    result = copy.deepcopy(sample)
    result["plan"]["actions"] = [
        {"id": "x", "title": "Do it", "habit": None, "eases": ["sleep", "joint_pain"],
         "drop": 0.5, "share": 0.1, "held_back": False},
    ]  # fmt: skip
    assert "Do it. Eases poor sleep as well as joint and spine pain" in flat(summary.render(result))


def test_an_action_easing_many_factors_names_three_and_counts_the_rest(sample):
    result = copy.deepcopy(sample)
    eases = ["circulation", "joint_pain", "osteoporosis", "stress", "sleep"]
    result["plan"]["actions"] = [
        {"id": "x", "title": "Do it", "habit": None, "eases": eases, "drop": 0.5, "share": 0.1,
         "held_back": False},
    ]  # fmt: skip
    out = flat(summary.render(result))
    assert "Eases circulation problems, joint and spine pain, bone risk and two more" in out
    assert "All three together" not in out, "one action is not 'all three'"


def test_nothing_to_change_when_no_action_would_help(result):
    assert result["plan"] == {"actions": [], "together": 0.0}
    assert "What to tackle first: none of your habits stands out" in text_of(result)


def test_red_flags_come_first(result):
    result["red_flags"] = [
        {"id": "rf_x", "level": "urgent", "label": "Contact a doctor today", "message": "Call."}
    ]
    lines = summary.render(result)
    flag = lines.index("  • Contact a doctor today. Call.")
    assert flag < min(i for i, line in enumerate(lines) if "Muscle pain" in line)
    assert lines[flag - 1] == "Please act on this first:"


def test_no_red_flag_block_without_flags(result):
    assert "Please act on this first" not in text_of(result)


@pytest.mark.parametrize(("met", "word"), [(True, "meet"), (False, "do not meet")])
def test_criteria_result(result, met, word):
    result["instruments"] = copy.deepcopy(CRITERIA_MET)
    result["instruments"]["acr2016"]["met"] = met
    out = " ".join(line.strip() for line in summary.render(result))
    assert f"your answers {word} the published criteria" in out
    assert "pain index 11 of 19, symptom severity 8 of 12, severity 19 of 31" in out
    assert "A diagnosis is your doctor's to make." in out


def test_criteria_not_checked_without_the_answers(result):
    assert "not enough answers to check them" in text_of(result)


def test_pain_ratings_line(result):
    result["instruments"] = CRITERIA_MET
    assert "Back pain out of 10: now 6, on average 5, at worst 8." in text_of(result)


def test_skipped_questions_counted(result):
    assert "You skipped 1 question; it counts as unknown, not as zero." in text_of(result)


def test_ascii_glyphs_keep_the_summary_ascii(result):
    out = text_of(result, glyphs=texts.ASCII)
    assert out.isascii()
    assert "##" in out


# Long names, messages and reasons must wrap, never run past the edge.
words = st.text(alphabet="abcdefghij ", min_size=1, max_size=120).map(lambda s: s.strip() or "x")


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(words, min_size=3, max_size=3),
    message=words,
    width=st.integers(min_value=40, max_value=80),
)
def test_every_line_fits_the_width(bank, names, message, width):
    result = assess(bank, ANSWERS).to_dict()
    for factor, name in zip(result["factors"].values(), names, strict=True):
        factor["name"] = name
    result["red_flags"] = [{"id": "x", "level": "urgent", "label": message, "message": message}]
    result["instruments"] = CRITERIA_MET
    for line in summary.render(result, width=width):
        assert len(line) <= width, line


def test_the_summary_gives_peg_and_names_unanswered_safety_questions():
    from assessment.core import answers
    from assessment.core.loader import load_bank
    from assessment.core.scoring import assess
    from assessment.paths import default_bank_path
    from assessment.terminal.summary import render

    bank = load_bank(default_bank_path())
    sample = answers.load(bank, "examples/sample-answers.yaml")
    text = " ".join(render(assess(bank, {**sample, "rf_fever": None}).to_dict()))
    assert "(PEG): 6.3 of 10, moderate." in text
    assert "1 safety question was not answered." in text


def test_the_summary_says_exercise_advice_waits_while_an_urgent_flag_stands():
    from assessment.core import answers
    from assessment.core.loader import load_bank
    from assessment.core.scoring import assess
    from assessment.paths import default_bank_path
    from assessment.terminal.summary import render

    bank = load_bank(default_bank_path())
    sample = answers.load(bank, "examples/sample-answers.yaml")
    result = assess(bank, {**sample, "rf_sudden_severe": True, "rf_faint_sweaty": True})
    lines = render(result.to_dict(), width=80)
    first = lines.index("Please act on this first:")
    block = " ".join(line.strip() for line in lines[first + 1 : lines.index("", first)])
    assert block.startswith("• Get emergency help now.")
    assert "Call an ambulance now" in block and "do not drive" in block.lower()
    assert block.endswith("start it once a doctor has seen you about the safety sign above.")

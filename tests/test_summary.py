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
from assessment.report import render as report
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


def test_top_three_levers_in_order_with_why(result):
    lines = summary.render(result)
    start = lines.index("What to tackle first:")
    numbered = [line for line in lines[start:] if line.startswith("  ") and line[2].isdigit()]
    assert [line.split(":")[0].strip() for line in numbered] == [
        "1. Stress",
        "2. Sleep",
        "3. Muscle pain",
    ]
    assert "linked with sleep and muscle pain: easing it eases those too." in " ".join(
        line.strip() for line in lines
    )


def flat(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


def test_levers_name_their_partners_as_the_pdf_does():
    """QA round 2: the terminal said muscle pain is "linked with poor sleep and stress", the PDF
    "poor sleep, stress and circulation problems"."""
    result = support.result_for(support.sample_answers())
    out = flat(summary.render(result))
    assert (
        "Muscle pain: 74 on its own (high), and linked with poor sleep, stress and circulation "
        "problems: easing it eases those too." in out
    )
    names = {fid: factor["name"] for fid, factor in result["factors"].items()}
    shown = [lv for lv in result["synergy"]["levers"] if lv["drop"] > 0][:3]
    in_pdf = {lever.factor: lever for lever in report._levers(result, names)}
    for lever in shown:
        pdf = in_pdf[lever["factor"]]
        assert len(pdf.partners) == min(wording.PARTNERS_SHOWN, len(lever["via"]))
        said = f"{names[lever['factor']]}: "
        assert said in out
        sentence = out.split(said, 1)[1].split(" too.")[0]
        if pdf.link_points > 0 and pdf.partners:
            assert f"linked with {wording.listing(pdf.partners_mid)}: easing" in sentence
        else:
            assert "largely by itself" in sentence


def test_a_name_with_and_of_its_own_is_listed_with_as_well_as(result):
    result["factors"]["sleep"]["name"] = "Sleep and rest"
    assert "linked with sleep and rest as well as muscle pain: easing it eases those too." in flat(
        summary.render(result)
    )


def test_at_most_three_partners_strongest_first(result):
    stress = next(lv for lv in result["synergy"]["levers"] if lv["factor"] == "stress")
    stress["via"] = ["sleep", "muscle_pain", "x", "y"]
    result["factors"]["x"] = {"name": "Extra one", "score": 10, "band": "low"}
    result["factors"]["y"] = {"name": "Extra two", "score": 10, "band": "low"}
    out = flat(summary.render(result))
    assert "linked with sleep, muscle pain and extra one: easing" in out
    assert "extra two" not in out


def test_links_that_add_no_points_are_not_named_as_the_pdf_leaves_them_out(result):
    for lever in result["synergy"]["levers"]:
        lever["drop"] = lever["own"]
    assert "linked with" not in text_of(result)
    assert "largely by itself" in text_of(result)


def test_a_result_without_via_takes_the_partners_from_the_links(result):
    for lever in result["synergy"]["levers"]:
        lever.pop("via")
    assert "linked with sleep and muscle pain: easing" in flat(summary.render(result))


def test_no_levers_when_nothing_scored(result):
    for lever in result["synergy"]["levers"]:
        lever["drop"] = 0
    assert "What to tackle first: nothing stands out" in text_of(result)


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

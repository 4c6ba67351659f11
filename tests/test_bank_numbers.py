"""No number in the bank may be infinite, NaN or absurdly large: `check` refuses each one as
`file:line: field: message`, before it could overflow or put NaN in a result."""

import json

import pytest
from hostile_support import (
    assert_one_line_errors,
    line_in_small_bank,
    run_limited,
    small_bank_with,
)


def check_bank(tmp_path, text):
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path, run_limited("check", str(path), home=tmp_path / "home")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("weight: 0.5", "weight: .nan", "links[0].weight"),
        ("weight: 0.4, reason: Worry", "weight: .inf, reason: Worry", "links[1].weight"),
        ("weight: 0.5", "weight: 1e308", "links[0].weight"),
        ("magnesium_baseline_mg: 100", "magnesium_baseline_mg: .inf", "magnesium_baseline_mg"),
        ("magnesium_baseline_mg: 100", "magnesium_baseline_mg: 1.0e+300",
         "magnesium_baseline_mg"),
        ("intake_mg: 70", "intake_mg: .nan", "sections[3].questions[2].intake_mg"),
        ("min: 0, max: 50", "min: -.inf, max: 50", "sections[3].questions[2].min"),
        ("min: 0, max: 50", "min: 0, max: .inf", "sections[3].questions[2].max"),
        ("min: 0, max: 50", "min: 0, max: " + "9" * 400, "sections[3].questions[2].max"),
        ("points: {muscle_pain: 2}", "points: {muscle_pain: .inf}",
         "sections[1].questions[1].choices[1].points.muscle_pain"),
        ("points: {stress: 2}", "points: {stress: 1.0e+308}",
         "sections[2].questions[1].points.stress"),
        ("linear: [0, 10], points: 4", "linear: [0, 10], points: .nan",
         "sections[2].questions[0].score[0].points"),
        ("linear: [0, 10], points: 4", "linear: [0, .inf], points: 4",
         "sections[2].questions[0].score[0].linear"),
        ("max: 33}", "max: " + "9" * 400 + "}", "bands[0].max"),
    ],
)  # fmt: skip
def test_check_refuses_non_finite_and_absurd_numbers_naming_line_and_field(
    tmp_path, old, new, field
):
    line = line_in_small_bank(old)
    path, done = check_bank(tmp_path, small_bank_with(old, new))
    lines = assert_one_line_errors(done)
    wanted = f"fibro-assess: {path}:{line}: {field}"
    assert any(item.startswith(wanted) for item in lines), (wanted, lines)
    assert all(len(item) < 400 for item in lines), "a 400-digit number is not echoed whole"


def test_the_largest_numbers_the_schema_allows_still_give_finite_json(tmp_path):
    text = small_bank_with("weight: 0.5", "weight: 100")
    text = text.replace("points: {stress: 2}", "points: {stress: 1000}")
    text = text.replace("min: 0, max: 30, unit: glasses", "min: -1000000, max: 1000000, unit: g")
    text = text.replace("magnesium_baseline_mg: 100", "magnesium_baseline_mg: 100000")
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "rf_cancer_history: false\nrf_weight_loss: false\nwpi_regions: [neck]\n"
        "tense_muscles: often\npain_now: 10\nstress_level: 10\nworry: true\nworry_nights: true\n"
        "sss_unrefreshed_sleep: 3\nwater_glasses: -1000000\nnuts: 50\nnotes: null\n"
    )
    done = run_limited(
        "--questions", str(bank), "--answers", str(answers), "--json", "--no-save",
        home=tmp_path / "home",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    def refuse(constant):
        raise AssertionError(f"{constant} in the JSON")

    result = json.loads(done.stdout, parse_constant=refuse)
    assert 0 <= result["synergy"]["index"] <= 100

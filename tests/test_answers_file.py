"""Answers files: every wrong value is one line naming the key and what is allowed; exit 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.core import answers
from assessment.core.loader import load_bank
from assessment.errors import AnswersError

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"

GOOD = {
    "rf_cancer_history": False, "rf_weight_loss": False,
    "wpi_regions": ["neck", "lower_back"], "tense_muscles": "often", "pain_now": 6,
    "stress_level": 8, "worry": True, "worry_nights": False, "sss_unrefreshed_sleep": 2,
    "water_glasses": 5, "nuts": 3, "notes": "Tired after work.",
}  # fmt: skip


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


def write(tmp_path, data, name="answers.yaml"):
    """One answer a line (JSON values are YAML), so line numbers are easy to predict."""
    path = tmp_path / name
    path.write_text("".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items()))
    return path


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(SMALL), "--no-save", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("wpi_regions", ["neck", "elbow"], "wpi_regions: 'elbow' is not one of: jaw_left, jaw_"),
        ("sss_unrefreshed_sleep", 7, "sss_unrefreshed_sleep: 7 is not one of: 0, 1, 2, 3"),
        ("stress_level", "high", "stress_level: expected a number, got 'high'"),
        ("stress_level", 11, "stress_level: 11 is outside 0-10"),
        ("stress_level", 4.5, "stress_level: expected a whole number, got 4.5"),
        ("water_glasses", -1, "water_glasses: -1 is outside 0-30"),
        ("worry", "yes please", "worry: expected true or false, got 'yes please'"),
        ("tense_muscles", "always", "tense_muscles: 'always' is not one of: never, often"),
        ("pain_now", True, "pain_now: expected a number, got True"),
    ],
)
def test_a_wrong_value_names_the_key_the_line_and_what_is_allowed(
    tmp_path, bank, key, value, message
):
    path = write(tmp_path, {**GOOD, key: value})
    line = list(GOOD).index(key) + 1
    with pytest.raises(AnswersError) as caught:
        answers.load(bank, path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}:{line}: {message}")


def test_an_unknown_key_is_named(tmp_path, bank):
    path = write(tmp_path, {**GOOD, "favourite_colour": "blue"})
    with pytest.raises(AnswersError) as caught:
        answers.load(bank, path)
    assert caught.value.problems == [f"{path}:13: favourite_colour: unknown question"]


def test_missing_answers_are_one_error_listing_every_missing_key(tmp_path, bank):
    data = dict(GOOD)
    del data["pain_now"], data["notes"], data["worry"]
    path = write(tmp_path, data)
    with pytest.raises(AnswersError) as caught:
        answers.load(bank, path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}: missing answers (3): pain_now, worry, notes")


def test_partial_allows_missing_and_skipped_published_items(tmp_path, bank):
    path = write(tmp_path, {"stress_level": 3, "pain_now": None})
    loaded = answers.load(bank, path, partial=True)
    assert loaded == {"stress_level": 3, "pain_now": None}


def test_a_published_item_cannot_be_skipped_without_partial(tmp_path, bank):
    path = write(tmp_path, {**GOOD, "pain_now": None})
    with pytest.raises(AnswersError, match="pain_now: this published item cannot be skipped"):
        answers.load(bank, path)


def test_a_hidden_question_need_not_be_answered(tmp_path, bank):
    data = {**GOOD, "worry": False}
    del data["worry_nights"]
    assert "worry_nights" not in answers.load(bank, write(tmp_path, data))


def test_json_answers_files_are_read_too(tmp_path, bank):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(GOOD))
    assert answers.load(bank, path)["stress_level"] == 8


def test_dump_writes_a_file_that_loads_back_to_the_same_answers(tmp_path, bank):
    tricky = {**GOOD, "notes": 'Line one\nLine two: "quoted" # not a comment', "nuts": 2.0}
    path = tmp_path / "saved.yaml"
    path.write_text(answers.dump(bank, tricky))
    loaded = answers.load(bank, path)
    assert loaded == {**tricky, "nuts": 2}
    assert "# Worry a lot?\nworry: true" in path.read_text()


def test_cli_wrong_value_exits_2_with_one_line_and_no_traceback(tmp_path):
    path = write(tmp_path, {**GOOD, "stress_level": 12})
    done = run_cli("--answers", str(path), "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"fibro-assess: {path}:6: stress_level: 12 is outside 0-10"
    ]


def test_cli_missing_file_exits_2(tmp_path):
    done = run_cli("--answers", str(tmp_path / "nope.yaml"), "--json")
    assert done.returncode == 2
    assert "no such answers file" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_not_a_mapping_exits_2(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n")
    done = run_cli("--answers", str(path))
    assert done.returncode == 2
    assert "expected a mapping of question id to answer" in done.stderr


def test_cli_json_prints_the_result(tmp_path):
    done = run_cli("--answers", str(write(tmp_path, GOOD)), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["factors"]["stress"]["score"] is not None
    assert data["instruments"]["wpi"] == 2

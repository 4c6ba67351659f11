"""A hostile answers file is refused in a few short lines, in bounded time and memory: no YAML
aliases, no file too big to be answers, no value echoed whole, no number too large to score."""

import json

import pytest
from hostile_support import SMALL, assert_one_line_errors, run_limited

from assessment.core import answers
from assessment.core.loader import load_bank
from assessment.errors import AnswersError

GOOD = {
    "rf_cancer_history": False, "rf_weight_loss": False,
    "wpi_regions": ["neck", "lower_back"], "tense_muscles": "often", "pain_now": 6,
    "stress_level": 8, "worry": True, "worry_nights": False, "sss_unrefreshed_sleep": 2,
    "water_glasses": 5, "nuts": 3, "notes": "Tired after work.",
}  # fmt: skip


def score(tmp_path, text, *extra):
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    done = run_limited(
        "--questions", str(SMALL), "--answers", str(path), "--no-save", *extra, home=tmp_path / "h"
    )
    return path, done


def alias_bomb(levels=9):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\nwpi_regions: *a8\n"


def test_an_alias_bomb_is_refused_at_once_in_one_line(tmp_path):
    path, done = score(tmp_path, alias_bomb())
    (line,) = assert_one_line_errors(done)
    assert line.startswith(f"fibro-assess: {path}:2: ") and "aliases" in line, line


def test_even_a_harmless_alias_is_refused_in_an_answers_file(tmp_path):
    text = "".join(f"{k}: {json.dumps(v)}\n" for k, v in GOOD.items() if k != "worry_nights")
    path, done = score(tmp_path, "worry: &yes true\nworry_nights: *yes\n" + text.replace(
        "worry: true\n", ""))  # fmt: skip
    (line,) = assert_one_line_errors(done)
    assert line == (
        f"fibro-assess: {path}:2: aliases (*name) are not allowed here; write the value out"
    )


def test_a_huge_value_is_quoted_only_in_part(tmp_path):
    text = "".join(f"{k}: {json.dumps(v)}\n" for k, v in GOOD.items() if k != "worry")
    path, done = score(tmp_path, text + f"worry: {'x' * 900_000}\n")
    (line,) = assert_one_line_errors(done)
    assert line.startswith(f"fibro-assess: {path}:12: worry: expected true or false, got 'xxx")
    assert len(line) < 300


def test_a_file_too_big_to_be_answers_is_refused_unread(tmp_path):
    text = "".join(f"k{i}: {i}\n" for i in range(120_000))  # about 1.4 MB
    path, done = score(tmp_path, text)
    (line,) = assert_one_line_errors(done)
    assert line == (
        f"fibro-assess: {path}: the answers file is larger than 1 MB; answers take a few kilobytes"
    )


def test_too_many_keys_are_refused_in_one_line(tmp_path):
    path, done = score(tmp_path, "".join(f"k{i}: {i}\n" for i in range(5000)))
    (line,) = assert_one_line_errors(done)
    assert "5,000 answers, more than the 1000" in line


def test_many_wrong_answers_list_twenty_and_count_the_rest(tmp_path):
    bank = load_bank(SMALL)
    with pytest.raises(AnswersError) as caught:
        answers.validate(bank, {f"k{i}": 1 for i in range(500)})
    assert len(caught.value.problems) == 21
    assert caught.value.problems[-1] == "answers: and 480 more problems like these"


def test_a_strange_key_is_quoted_so_it_cannot_reach_the_terminal_raw(tmp_path):
    bank = load_bank(SMALL)
    with pytest.raises(AnswersError) as caught:
        answers.validate(bank, {"\x1b]52;c;aGk=\x07" + "k" * 500: 1})
    (problem,) = caught.value.problems
    assert "\x1b" not in problem and "\\x1b" in problem and len(problem) < 200


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 400, "stress_level: a number of about 400 digits is far outside 0-10"),
        ("-" + "9" * 400, "stress_level: a number of about 400 digits is far outside 0-10"),
        ("1.0e+308", "stress_level: 1e+308 is far outside 0-10"),
        (".inf", "stress_level: inf is far outside 0-10"),
        (".nan", "stress_level: expected a number, got nan"),
    ],
)
def test_a_huge_or_non_finite_number_answer_is_one_line(tmp_path, value, message):
    text = "".join(f"{k}: {json.dumps(v)}\n" for k, v in GOOD.items() if k != "stress_level")
    path, done = score(tmp_path, text + f"stress_level: {value}\n", "--json")
    (line,) = assert_one_line_errors(done)
    assert line == f"fibro-assess: {path}:12: {message}"

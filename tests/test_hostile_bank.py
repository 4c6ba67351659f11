"""A hostile or careless condition in the bank is refused by `check` in one line, in bounded time
and memory: no condition may build a huge string, list or number, or nest deeper than a person
could read."""

import json

import pytest
from hostile_support import (
    SMALL,
    assert_one_line_errors,
    line_in_small_bank,
    run_limited,
    small_bank_with,
)

from assessment.core import expressions

SHOW_IF = 'show_if: "worry == true"'
SHOW_IF_LINE = line_in_small_bank(SHOW_IF)
SHOW_IF_FIELD = "sections[2].questions[2].show_if"


def check_bank(tmp_path, text):
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path, run_limited("check", str(path), home=tmp_path / "home")


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("'a' * 10000000000 == 'a'", "repeats text or a list"),
        ("[1] * 10000000000 == [1]", "repeats text or a list"),
        ("10000000000 * ('a' ~ 'b') == 'a'", "repeats text or a list"),
        ("2 ** 100000000 > 1", "pow, which is not allowed"),
        ("not " * 5000 + "worry", "longer than"),
        ("not " * 60 + "worry", "nested"),
        ("(" * 3000 + "worry" + ")" * 3000, "longer than"),
        ("(" * 200 + "worry" + ")" * 200, "nested"),
        ("worry and " * 300 + "worry", "longer than"),
    ],
    ids=[
        "text-repeat",
        "list-repeat",
        "concat-repeat",
        "power",
        "5000-not",
        "60-not",
        "3000-parens",
        "200-parens",
        "long",
    ],  # fmt: skip
)
def test_check_refuses_a_condition_that_would_exhaust_memory_or_the_stack(
    tmp_path, condition, message
):
    path, done = check_bank(tmp_path, small_bank_with(SHOW_IF, f"show_if: {json.dumps(condition)}"))
    lines = assert_one_line_errors(done)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"fibro-assess: {path}:{SHOW_IF_LINE}: {SHOW_IF_FIELD}: "), lines
    assert message in lines[0]
    assert len(lines[0]) < 400, "the message quotes only the start of a long condition"


def test_a_condition_of_ordinary_depth_and_length_is_still_accepted():
    condition = " and ".join(f"(worry or not worry_{i})" for i in range(12))
    assert {r.name for r in expressions.references(condition)} >= {"worry", "worry_11"}
    assert expressions.evaluate("x * 3 == 'ababab'", {"x": "ab"})
    assert expressions.evaluate("n * 3 == 6 and [n] + [n] == [2, 2]", {"n": 2})


def test_an_answer_repeated_at_run_time_is_refused_so_the_condition_is_false():
    """The names a condition reads hold answers, so only the run can see how big they are."""
    assert expressions.evaluate("x * 10000000 != ''", {"x": "ab"}) is False
    assert expressions.evaluate("n * x != []", {"n": 10**9, "x": [1, 2]}) is False
    assert expressions.evaluate("n * n * n * n * n > 0", {"n": 10**300}) is False


def test_the_small_bank_still_checks_clean(tmp_path):
    done = run_limited("check", str(SMALL), home=tmp_path / "home")
    assert done.returncode == 0, done.stderr


def test_a_mistake_that_quotes_a_huge_value_is_still_one_short_line(tmp_path):
    """Found by fuzzing: a changed choice value of a fixed question was quoted whole."""
    old = "{value: 1, label: Slight, points: {sleep: 1}}"
    path, done = check_bank(
        tmp_path, small_bank_with(old, old.replace("1,", "'" + "x" * 9000 + "',", 1))
    )
    lines = assert_one_line_errors(done)
    assert lines and all(len(line) < 600 for line in lines), [len(line) for line in lines]

"""Conditions run in a sandbox: they compare answers and never reach Python internals."""

import operator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.core.expressions import (
    Clause,
    ExpressionError,
    Reference,
    clauses,
    evaluate,
    references,
)


@pytest.mark.parametrize(
    "source",
    [
        "().__class__.__mro__",
        "worry.__class__",
        "worry['__class__']",
        "range(10)",
        "worry|attr('x')",
        "lipsum()",
        "worry }} {{ 7*7",
        "",
    ],
)
def test_unsafe_or_broken_conditions_are_rejected(source):
    with pytest.raises(ExpressionError):
        references(source)


def test_references_lists_names_and_factor_attributes():
    refs = references("band.stress in ['moderate', 'high'] and worry == true")
    assert refs == [Reference("band", "stress"), Reference("worry")]


def test_comparing_an_unknown_value_is_false_not_an_error():
    assert evaluate("water < 6", {"water": None}) is False
    assert evaluate("water is none", {"water": None}) is True


def test_conditions_see_answers_and_nested_scores():
    ctx = {"sex": "female", "band": {"stress": "high"}, "score": {"stress": 80}}
    assert evaluate("sex != 'male' and band.stress == 'high'", ctx)
    assert evaluate("score.stress >= 67", ctx)
    assert not evaluate("score.stress < 50", ctx)


def test_evaluation_refuses_an_unsafe_condition_even_if_it_was_never_checked():
    with pytest.raises(ExpressionError):
        evaluate("x.__class__", {"x": 1})


# -- clauses: the parsed shape the FHIR export turns into enableWhen ---------------------------


def test_clauses_reads_comparisons_joined_all_one_way():
    assert clauses("sex == 'female' and age >= -5 and 'neck' in wpi_regions") == (
        "and",
        [
            Clause("sex", "==", "female"),
            Clause("age", ">=", -5),
            Clause("wpi_regions", "contains", "neck"),
        ],
    )
    assert clauses('worry == true or calm != "rarely"') == (
        "or",
        [Clause("worry", "==", True), Clause("calm", "!=", "rarely")],
    )
    assert clauses("(a == 1) and (b < 2.5)") == (
        "and",
        [Clause("a", "==", 1), Clause("b", "<", 2.5)],
    )
    assert clauses("sex == 'a or b'") == ("and", [Clause("sex", "==", "a or b")])


@pytest.mark.parametrize(
    "source",
    [
        "a == 1 and b == 2 or c == 3",  # mixed
        "not worry",
        "worry",
        "band.stress == 'high'",
        "3 < age",
        "1 < age < 3",
        "age in [1, 2]",
        "'x' not in areas",
        "age is none",
        "age == none",
        "age + 1 > 3",
        "age == other",
    ],
)
def test_clauses_is_none_for_any_other_shape(source):
    assert clauses(source) is None


def test_clauses_refuses_what_references_refuses():
    with pytest.raises(ExpressionError):
        clauses("x.__class__ == 1")


_NAMES = st.sampled_from(["a", "b", "c"])
_OPS = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
_CLAUSE = st.tuples(_NAMES, _OPS, st.integers(-3, 3))


@given(
    parts=st.lists(_CLAUSE, min_size=1, max_size=4),
    joiner=st.sampled_from(["and", "or"]),
    values=st.fixed_dictionaries({n: st.integers(-3, 3) for n in "abc"}),
)
def test_clauses_mean_what_the_condition_means(parts, joiner, values):
    source = f" {joiner} ".join(f"{n} {op} {v}" for n, op, v in parts)
    found_joiner, found = clauses(source)
    assert found == [Clause(n, op, v) for n, op, v in parts]
    assert found_joiner == (joiner if len(parts) > 1 else "and")
    ops = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
           ">": operator.gt, ">=": operator.ge}  # fmt: skip
    each = [ops[c.op](values[c.name], c.value) for c in found]
    combine = all if found_joiner == "and" else any
    assert evaluate(source, values) == combine(each)

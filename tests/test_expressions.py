"""Conditions run in a sandbox: they compare answers and never reach Python internals."""

import pytest

from assessment.core.expressions import ExpressionError, Reference, evaluate, references


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

"""Conditions are read once: checked and made runnable at load, then run everywhere from that.

The runner built from the checked tree must mean exactly what Jinja's own compiled expression
means, in the same sandbox; hypothesis compares the two on random conditions and answers.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from report_support import sample_answers

from assessment.core import advice, expressions, plan
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.history import fhir
from assessment.paths import default_bank_path


def _conditions(value: Any) -> list[str]:
    """Every condition text in a dumped bank: each `show_if`, `when` and `unless`."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in ("show_if", "when", "unless") and v]
        return found + [c for v in value.values() for c in _conditions(v)]
    if isinstance(value, list):
        return [c for item in value for c in _conditions(item)]
    return []


@pytest.fixture
def parses(monkeypatch):
    """Each condition text the parser reads from now on, with a fresh cache (the real parser
    runs; it is only counted)."""
    expressions.forget()
    seen: list[str] = []
    real_parse = expressions._parse
    real_jinja = expressions._jinja_runner

    def counted_parse(source):
        seen.append(source)
        return real_parse(source)

    def counted_jinja(source):
        seen.append(("jinja", source))
        return real_jinja(source)

    monkeypatch.setattr(expressions, "_parse", counted_parse)
    monkeypatch.setattr(expressions, "_jinja_runner", counted_jinja)
    yield seen
    expressions.forget()


def test_each_condition_is_parsed_once_at_load_and_never_again(parses):
    bank = load_bank(default_bank_path())
    distinct = set(_conditions(bank.model_dump()))
    assert len(distinct) > 100
    assert sorted(parses) == sorted(distinct)  # each once, none by Jinja's compiler

    parses.clear()
    answers = sample_answers()
    result = assess(bank, answers)  # show_if, red flags, floors, advice, the plan
    for _ in range(3):
        plan.build(bank, answers)  # counterfactual scorings run show_if again and again
        bank.visible(answers)
    advice.select(bank, {**answers, "band": {"stress": "high"}}, [])
    fhir.questionnaire(bank)  # reads show_if as clauses
    assert result.plan.actions
    assert parses == []


def test_a_bank_loaded_twice_reads_its_conditions_once(parses):
    load_bank(default_bank_path())
    first = len(parses)
    load_bank(default_bank_path())
    assert len(parses) == first


NAMES = ["a", "b", "c", "band"]
LITERALS = ["1", "0", "-2", "2.5", "'x'", "'y'", "''", "true", "false", "none", "[1, 'x']", "()"]


def _atoms() -> st.SearchStrategy[str]:
    return st.sampled_from(NAMES + LITERALS + ["band.x", "band.y", "a['x']", "a[0]"])


def _grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.sampled_from(
        ["and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "+", "-", "*", "/", "~"]
    )
    return st.one_of(
        st.tuples(inner, binary, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} < {t[1]} <= {t[2]})"),
        inner.map(lambda x: f"(not {x})"),
        inner.map(lambda x: f"(-{x})"),
        st.tuples(inner, st.sampled_from(["none", "not none", "number", "string", "defined"])).map(
            lambda t: f"({t[0]} is {t[1]})"
        ),
        inner.map(lambda x: f"({x} is divisibleby 2)"),
        st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(inner, inner).map(lambda t: f"({t[0]} if {t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"[{t[0]}, {t[1]}]"),
    )


VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 3),
        st.sampled_from([0.5, -1.5, 2.0]),
        st.sampled_from(["x", "y", "", "2"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["x", "y"]), inner, max_size=2),
    ),
    max_leaves=5,
)


def _jinja(source: str, context: dict[str, Any]) -> bool:
    """What Jinja's own compiled expression, in the same sandbox, makes of the condition."""
    try:
        return bool(expressions._ENV.compile_expression(source)(**context))
    except Exception:  # noqa: BLE001 - an error counts as false, as the program counts it
        return False


@settings(max_examples=400, deadline=None)
@example(source="(a < b <= c)", context={"a": 3, "b": 1, "c": 2})  # a chain stops when false
@example(source="(a if b)", context={"b": False})
@example(source="(band.x ~ a)", context={"band": {"x": 1}})
@example(source="(a * 3)", context={"a": "x" * 5000})  # the sandbox refuses the product
@given(
    source=st.recursive(_atoms(), _grow, max_leaves=6),
    context=st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=4),
)
def test_the_runner_means_what_jinja_means(source, context):
    try:
        condition = expressions.compiled(source)
    except expressions.ExpressionError:
        return  # refused before it could run, whichever way it would be run
    assert condition.holds(context) == _jinja(source, context), source

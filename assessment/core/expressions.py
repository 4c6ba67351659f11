"""Small conditions from the bank (`show_if`, `when`), checked and run in Jinja2's sandbox.

A condition is a Jinja2 expression. It may compare, test (`is none`), use `and`/`or`/`not`/`in`,
literals and lists, and read names and their attributes. It may not call anything or touch an
attribute that starts with an underscore, so a bank cannot reach Python internals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser
from jinja2.sandbox import SandboxedEnvironment

_ENV = SandboxedEnvironment()
_ENV.globals.clear()  # no range(), lipsum() or other helpers in conditions

_ALLOWED = (
    nodes.Name,
    nodes.Const,
    nodes.List,
    nodes.Tuple,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Neg,
    nodes.Pos,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Test,
    nodes.CondExpr,
    nodes.Add,
    nodes.Sub,
    nodes.Mul,
    nodes.Div,
    nodes.Concat,
)


class ExpressionError(ValueError):
    """The text is not a safe, well-formed condition."""


@dataclass(frozen=True)
class Reference:
    """A name a condition reads, with the attribute read from it if any (`band.stress`)."""

    name: str
    attribute: str | None = None


def _parse(source: str) -> nodes.Expr:
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("empty condition")
    try:
        parser = Parser(_ENV, source, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise ExpressionError(f"unexpected text after the condition in {source!r}")
    except TemplateSyntaxError as exc:
        raise ExpressionError(f"cannot read condition {source!r}: {exc.message}") from None
    return expr


def _checked(source: str) -> nodes.Expr:
    """The parsed condition, once every node in it is one a condition may use."""
    expr = _parse(source)
    for node in [expr, *expr.find_all(nodes.Node)]:
        if not isinstance(node, _ALLOWED):
            kind = type(node).__name__.lower()
            raise ExpressionError(f"condition {source!r} uses {kind}, which is not allowed")
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise ExpressionError(f"condition {source!r} reads a private attribute {node.attr!r}")
        if isinstance(node, nodes.Getitem):
            arg = node.arg
            if not (isinstance(arg, nodes.Const) and isinstance(arg.value, str | int)):
                raise ExpressionError(f"condition {source!r} indexes with a non-literal")
            if isinstance(arg.value, str) and arg.value.startswith("_"):
                raise ExpressionError(f"condition {source!r} reads a private item {arg.value!r}")
        if isinstance(node, nodes.Test) and node.name not in _ENV.tests:
            raise ExpressionError(f"condition {source!r} uses an unknown test {node.name!r}")
    return expr


def references(source: str) -> list[Reference]:
    """Check a condition and list the names it reads; raise ExpressionError if it is unsafe."""
    expr = _checked(source)
    found: list[Reference] = []
    for node in [expr, *expr.find_all(nodes.Node)]:
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            found.append(Reference(node.node.name, node.attr))
        elif isinstance(node, nodes.Name):
            found.append(Reference(node.name))
    # A Name under a Getattr is listed twice; keep the attribute form.
    with_attr = {r.name for r in found if r.attribute is not None}
    unique = []
    for ref in found:
        if (ref.attribute is None and ref.name in with_attr) or ref in unique:
            continue
        unique.append(ref)
    return unique


@dataclass(frozen=True)
class Clause:
    """One comparison of a name with a literal: `age >= 50`, `sex != 'male'`, `'neck' in areas`
    (op "contains": the list answer holds the literal)."""

    name: str
    op: str  # ==, !=, <, <=, >, >= or contains
    value: Any


_OPS = {"eq": "==", "ne": "!=", "lt": "<", "lteq": "<=", "gt": ">", "gteq": ">="}


def clauses(source: str) -> tuple[str, list[Clause]] | None:
    """The condition as clauses joined all by "and" or all by "or", or None when it has another
    shape (`not`, mixed `and` and `or`, tests, arithmetic, an attribute such as `band.stress`).
    One clause alone is joined by "and". Raise ExpressionError if the condition is unsafe."""
    expr = _checked(source)
    joiner, kind = ("or", nodes.Or) if isinstance(expr, nodes.Or) else ("and", nodes.And)
    parts: list[nodes.Expr] = []
    pending = [expr]
    while pending:
        node = pending.pop()
        if isinstance(node, kind):
            pending += [node.right, node.left]  # left first, in reading order
        else:
            parts.append(node)
    found = [_clause(part) for part in parts]
    if any(clause is None for clause in found):
        return None
    return joiner, [clause for clause in found if clause is not None]


def _clause(node: nodes.Expr) -> Clause | None:
    if not (isinstance(node, nodes.Compare) and len(node.ops) == 1):
        return None
    left, (operand,) = node.expr, node.ops
    right = operand.expr
    if operand.op in _OPS and isinstance(left, nodes.Name):
        found, value = _literal(right)
        return Clause(left.name, _OPS[operand.op], value) if found else None
    if operand.op == "in" and isinstance(right, nodes.Name):
        found, value = _literal(left)
        return Clause(right.name, "contains", value) if found and isinstance(value, str) else None
    return None


def _literal(node: nodes.Expr) -> tuple[bool, Any]:
    """(True, value) for a constant string, number or true/false, including a negative number."""
    if isinstance(node, nodes.Neg) and isinstance(node.node, nodes.Const):
        value = node.node.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return True, -value
    if isinstance(node, nodes.Const) and isinstance(node.value, str | int | float | bool):
        return True, node.value
    return False, None


@lru_cache(maxsize=1024)
def _compiled(source: str):
    names = tuple(dict.fromkeys(ref.name for ref in references(source)))
    return _ENV.compile_expression(source, undefined_to_none=True), names


def evaluate(source: str, context: dict[str, Any]) -> bool:
    """True when the condition holds; a condition that meets an unknown value is false."""
    try:
        run, names = _compiled(source)
        # Only the names the condition reads: copying a whole answers file into every
        # evaluation made scoring (run again for each action in the plan) several times slower.
        value = run(**{name: context[name] for name in names if name in context})
    except ExpressionError:
        raise
    except Exception:  # noqa: BLE001 - comparing with an unknown value, for example
        return False
    return bool(value)

"""Small conditions from the bank (`show_if`, `when`), checked and run in Jinja2's sandbox.

A condition is a Jinja2 expression. It may compare, test (`is none`), use `and`/`or`/`not`/`in`,
literals and lists, and read names and their attributes. It may not call anything or touch an
attribute that starts with an underscore, so a bank cannot reach Python internals.

Nor may a condition exhaust memory or the stack: it is at most MAX_LENGTH characters and
MAX_DEPTH levels deep, may not repeat text or a list written in it (`'a' * 10000000000`), and
while it runs no repetition or product may grow past MAX_SIZE items or MAX_BITS bits, since the
names it reads hold answers only the run can see.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.sandbox import SandboxedEnvironment

from assessment.core.leanclass import leanclass

MAX_LENGTH = 1000  # characters; the longest condition in the shipped bank has under 200
MAX_DEPTH = 40  # brackets, operators and `not`s nested in one another
MAX_SIZE = 10_000  # characters or items a repetition may make while a condition runs
MAX_BITS = 4096  # bits a product of numbers may have (about 1,200 digits)
_QUOTED = 60  # characters of a condition quoted in a message


class _ConditionEnvironment(SandboxedEnvironment):
    """The sandbox, with repetition, products and powers checked before they are made."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            raise SecurityError("powers are not allowed in conditions")
        sizes = [len(v) for v in (left, right) if isinstance(v, str | bytes | list | tuple)]
        counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
        if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_SIZE:
            raise SecurityError(f"a condition may not repeat a value past {MAX_SIZE} items")
        if len(counts) == 2 and sum(abs(n).bit_length() for n in counts) > MAX_BITS:
            raise SecurityError(f"a condition may not make a number past {MAX_BITS} bits")
        return super().call_binop(context, operator, left, right)


_ENV = _ConditionEnvironment()
_ENV.globals.clear()  # no range(), lipsum() or other helpers in conditions
_OPEN = {"lparen", "lbracket", "lbrace"}
_CLOSE = {"rparen", "rbracket", "rbrace"}

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


@leanclass(frozen=True)
class Reference:
    """A name a condition reads, with the attribute read from it if any (`band.stress`)."""

    name: str
    attribute: str | None = None


def _quote(source: str) -> str:
    """The condition as messages quote it: whole when short, its start when long."""
    return repr(source if len(source) <= _QUOTED else source[:_QUOTED] + "...")


def _too_deep(source: str) -> ExpressionError:
    return ExpressionError(
        f"condition {_quote(source)} is nested more than {MAX_DEPTH} levels deep; "
        "split it into simpler conditions"
    )


def _bracket_depth(source: str) -> int:
    """How deep the brackets go, from the tokens (the parser would recurse that deep)."""
    depth = deepest = 0
    for token in _ENV.lexer.tokenize(source, state="variable"):
        if token.type in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif token.type in _CLOSE:
            depth -= 1
    return deepest


def _walk(source: str, expr: nodes.Node) -> list[nodes.Node]:
    """Every node of the tree in `find_all`'s order (depth first), in one pass without
    recursion; raise once it goes deeper than MAX_DEPTH (a tree from the cache could even be a
    loop)."""
    found: list[nodes.Node] = []
    stack = [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(source)
        found.append(node)
        stack.extend((child, depth + 1) for child in reversed([*node.iter_child_nodes()]))
    return found


def _parse(source: str) -> nodes.Expr:
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("empty condition")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"condition {_quote(source)} is longer than {MAX_LENGTH} characters "
            f"({len(source)}); split it into simpler conditions"
        )
    try:
        if _bracket_depth(source) > MAX_DEPTH:
            raise _too_deep(source)
        parser = Parser(_ENV, source, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise ExpressionError(f"unexpected text after the condition in {_quote(source)}")
    except TemplateSyntaxError as exc:
        raise ExpressionError(f"cannot read condition {_quote(source)}: {exc.message}") from None
    except RecursionError:
        raise _too_deep(source) from None
    return expr


def _makes_sequence(node: nodes.Node) -> bool:
    """Whether a part of a condition is text or a list written in it (or built from them)."""
    if isinstance(node, nodes.Const):
        return isinstance(node.value, str | bytes | list | tuple)
    if isinstance(node, nodes.List | nodes.Tuple | nodes.Concat):
        return True
    if isinstance(node, nodes.Add | nodes.Mul):
        return _makes_sequence(node.left) or _makes_sequence(node.right)
    return False


def _checked(source: str) -> tuple[nodes.Expr, list[nodes.Node]]:
    """The parsed condition and its nodes, once every node is one a condition may use."""
    expr = _parse(source)
    return expr, _check_tree(source, expr)


def _check_tree(source: str, expr: nodes.Expr) -> list[nodes.Node]:
    """The tree's nodes, once every one is one a condition may use (and it is not too deep)."""
    quoted = _quote(source)
    if not isinstance(expr, nodes.Expr):
        raise _too_deep(source)
    found = _walk(source, expr)
    for node in found:
        if not isinstance(node, _ALLOWED):
            kind = type(node).__name__.lower()
            raise ExpressionError(f"condition {quoted} uses {kind}, which is not allowed")
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise ExpressionError(f"condition {quoted} reads a private attribute {node.attr!r}")
        if isinstance(node, nodes.Getitem):
            arg = node.arg
            if not (isinstance(arg, nodes.Const) and isinstance(arg.value, str | int)):
                raise ExpressionError(f"condition {quoted} indexes with a non-literal")
            if isinstance(arg.value, str) and arg.value.startswith("_"):
                raise ExpressionError(f"condition {quoted} reads a private item {arg.value!r}")
        if isinstance(node, nodes.Mul) and (
            _makes_sequence(node.left) or _makes_sequence(node.right)
        ):
            raise ExpressionError(
                f"condition {quoted} repeats text or a list, which is not allowed"
            )
        if isinstance(node, nodes.Test) and node.name not in _ENV.tests:
            raise ExpressionError(f"condition {quoted} uses an unknown test {node.name!r}")
    return found


def _references(walked: list[nodes.Node]) -> tuple[Reference, ...]:
    found: list[Reference] = []
    for node in walked:
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            found.append(Reference(node.node.name, node.attr))
        elif isinstance(node, nodes.Name):
            found.append(Reference(node.name))
    # A Name under a Getattr is listed twice; keep the attribute form.
    with_attr = {r.name for r in found if r.attribute is not None}
    unique: list[Reference] = []
    for ref in found:
        if (ref.attribute is None and ref.name in with_attr) or ref in unique:
            continue
        unique.append(ref)
    return tuple(unique)


@leanclass(frozen=True, eq=False)
class Condition:
    """A condition parsed and checked once, with what it reads and a function that runs it.

    Every use of a condition (the bank's checks, `show_if`, advice, red flags, the plan's
    counterfactual scorings) goes through `compiled`, so each text is read once a process.
    """

    source: str
    expr: nodes.Expr = field(repr=False)
    references: tuple[Reference, ...]
    run: Callable[[Mapping[str, Any]], Any] = field(repr=False)

    def holds(self, context: Mapping[str, Any]) -> bool:
        """True when the condition holds; a condition that meets an unknown value is false."""
        try:
            return bool(self.run(context))
        except Exception:  # noqa: BLE001 - comparing with an unknown value, for example
            return False


MAX_CACHED = 4096  # conditions kept made; the shipped bank has under 200
_CACHE: dict[str, Condition] = {}


def compiled(source: str) -> Condition:
    """The condition, parsed, checked and made runnable; raise ExpressionError if unsafe."""
    found = _CACHE.get(source)
    if found is None:
        found = _remember(_made(source, *_checked(source)))
    return found


def adopt(trees: Mapping[str, nodes.Expr]) -> None:
    """Conditions parsed in an earlier run (the bank cache's trees), made runnable without
    parsing them again; each tree is checked again as if just parsed."""
    for source, expr in trees.items():
        if source not in _CACHE:
            _remember(_made(source, expr, _check_tree(source, expr)))


def trees(sources: Iterable[str]) -> dict[str, nodes.Expr]:
    """The checked trees of these conditions, for the bank cache to keep."""
    return {source: compiled(source).expr for source in sources}


def forget() -> None:
    """Drop every condition made so far (a test starts afresh)."""
    _CACHE.clear()


def _made(source: str, expr: nodes.Expr, walked: list[nodes.Node]) -> Condition:
    try:
        run = _runner(expr)
    except _Unusual:  # a shape the runner does not build (a test taking *args): Jinja's own
        run = _jinja_runner(source)
    return Condition(source, expr, _references(walked), run)


def _remember(condition: Condition) -> Condition:
    if len(_CACHE) >= MAX_CACHED:
        _CACHE.clear()
    _CACHE[condition.source] = condition
    return condition


def references(source: str) -> list[Reference]:
    """Check a condition and list the names it reads; raise ExpressionError if it is unsafe."""
    return list(compiled(source).references)


def evaluate(source: str, context: Mapping[str, Any]) -> bool:
    """True when the condition holds; a condition that meets an unknown value is false."""
    return compiled(source).holds(context)


@leanclass(frozen=True)
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
    expr = compiled(source).expr
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


class _Unusual(Exception):
    """A checked condition of a shape `_runner` leaves to Jinja's compiler."""


def _jinja_runner(source: str) -> Callable[[Mapping[str, Any]], Any]:
    try:
        template = _ENV.compile_expression(source, undefined_to_none=True)
    except RecursionError:
        raise _too_deep(source) from None
    return lambda context: template(**context)


_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lteq": operator.le,
    "gt": operator.gt,
    "gteq": operator.ge,
    "in": lambda left, right: left in right,
    "notin": lambda left, right: left not in right,
}
_ARITHMETIC: dict[type, Callable[[Any, Any], Any]] = {
    nodes.Add: operator.add,
    nodes.Sub: operator.sub,
    nodes.Div: operator.truediv,
    nodes.Mul: lambda left, right: _ENV.call_binop(None, "*", left, right),
}
_UNARY: dict[type, Callable[[Any], Any]] = {
    nodes.Not: operator.not_,
    nodes.Neg: operator.neg,
    nodes.Pos: operator.pos,
}
_NO_ELSE = "the inline if-expression evaluated to false and no else section was defined."

Run = Callable[[Mapping[str, Any]], Any]


def _runner(node: nodes.Node) -> Run:
    """A function that computes a checked condition as Jinja's sandbox would: the same
    undefined values for names not given, the sandbox's attribute, item and product rules and
    its tests, built from the tree once instead of generating and compiling Python source
    (Jinja's way, which cost about a millisecond a condition on every start)."""
    if isinstance(node, nodes.Const):
        value = node.value
        return lambda context: value
    if isinstance(node, nodes.Name):
        name, undefined = node.name, _ENV.undefined
        return lambda context: context[name] if name in context else undefined(name=name)
    if isinstance(node, nodes.List | nodes.Tuple):
        items = [_runner(item) for item in node.items]
        if isinstance(node, nodes.Tuple):
            return lambda context: tuple(item(context) for item in items)
        return lambda context: [item(context) for item in items]
    if isinstance(node, nodes.And | nodes.Or):
        left, right = _runner(node.left), _runner(node.right)
        if isinstance(node, nodes.And):
            return lambda context: left(context) and right(context)
        return lambda context: left(context) or right(context)
    if isinstance(node, nodes.Not | nodes.Neg | nodes.Pos):
        inner, apply = _runner(node.node), _UNARY[type(node)]
        return lambda context: apply(inner(context))
    if type(node) in _ARITHMETIC:
        left, right, apply = _runner(node.left), _runner(node.right), _ARITHMETIC[type(node)]
        return lambda context: apply(left(context), right(context))
    if isinstance(node, nodes.Compare):
        return _compare(node)
    if isinstance(node, nodes.Concat):
        parts = [_runner(part) for part in node.nodes]
        return lambda context: "".join(str(part(context)) for part in parts)
    if isinstance(node, nodes.Getattr):
        inner, attr = _runner(node.node), node.attr
        return lambda context: _ENV.getattr(inner(context), attr)
    if isinstance(node, nodes.Getitem):
        inner, key = _runner(node.node), node.arg.value
        return lambda context: _ENV.getitem(inner(context), key)
    if isinstance(node, nodes.Test):
        return _test(node)
    if isinstance(node, nodes.CondExpr):
        test, then = _runner(node.test), _runner(node.expr1)
        otherwise = _runner(node.expr2) if node.expr2 is not None else None
        undefined = _ENV.undefined

        def choose(context: Mapping[str, Any]) -> Any:
            if test(context):
                return then(context)
            return otherwise(context) if otherwise else undefined(_NO_ELSE)

        return choose
    raise _Unusual(type(node).__name__)


def _compare(node: nodes.Compare) -> Run:
    first = _runner(node.expr)
    steps = [(_COMPARE[operand.op], _runner(operand.expr)) for operand in node.ops]

    def compare(context: Mapping[str, Any]) -> Any:
        # Python's chained comparison: stop at the first false one and give its value.
        left, result = first(context), True
        for apply, get_right in steps:
            right = get_right(context)
            result = apply(left, right)
            if not result:
                return result
            left = right
        return result

    return compare


def _test(node: nodes.Test) -> Run:
    test = _ENV.tests[node.name]
    if node.kwargs or node.dyn_args or node.dyn_kwargs or hasattr(test, "jinja_pass_arg"):
        raise _Unusual("test")
    value, args = _runner(node.node), [_runner(arg) for arg in node.args]
    return lambda context: test(value(context), *(arg(context) for arg in args))

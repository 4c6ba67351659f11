"""A `show_if` too rich for `enableWhen` as FHIRPath, for SDC's `enableWhenExpression`.

The wizard shows a question when its condition holds, where an unknown answer (a question not
shown or skipped) is None and a condition that meets one where it cannot (`None > 3`) is false
as a whole. FHIRPath has no None: an unknown answer is an empty collection, and most operators
give empty for empty. So each part is written to say exactly what the wizard's part says:

- a part that can never fail gives true or false (`contains`, `exists()`), and is "total";
- a part that fails on an unknown answer gives empty (`{}`), and the parts around it pass the
  empty on as the wizard passes the failure on (`iif(X.empty(), {}, ...)` where FHIRPath would
  otherwise decide without it, as `{} and false` does); a whole that may be empty is wrapped in
  `iif(..., true, false)`, so empty shows nothing, as false does.

Answers are read from the response being filled (`%resource`) by linkId. A question filled from
a checklist (`rf_steroids` from the medicines) is hidden in the form, so its value is worked out
from the checklist as the bank's `filled_from` says. Conditions that read a derived measure,
an attribute, arithmetic other than counting true parts, or compare two answers have no
expression (None); history/fhir.py keeps their text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import nodes

from assessment.core import expressions

EXTENSION = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
_ORDER = {"lt": "<", "lteq": "<=", "gt": ">", "gteq": ">="}
_FLIP = {"lt": "gt", "lteq": "gteq", "gt": "lt", "gteq": "lteq", "eq": "eq", "ne": "ne"}


class _Untranslatable(Exception):
    """A part of a condition FHIRPath cannot say exactly as the wizard means it."""


@dataclass(frozen=True)
class _Part:
    text: str
    total: bool  # never empty: an unknown answer cannot make it fail


def expression(bank: Any, condition: str) -> str | None:
    """The condition as FHIRPath that is true exactly when the wizard shows the question."""
    try:
        part = _Translator(bank).boolean(expressions.compiled(condition).expr)
    except (_Untranslatable, expressions.ExpressionError):
        return None
    return part.text if part.total else f"iif({part.text}, true, false)"


def extension(bank: Any, condition: str) -> dict[str, Any] | None:
    """The `enableWhenExpression` extension for a condition, or None."""
    found = expression(bank, condition)
    if found is None:
        return None
    return {
        "url": EXTENSION,
        "valueExpression": {"language": "text/fhirpath", "expression": found},
    }


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    raise _Untranslatable("literal")


def _constant(node: nodes.Node) -> tuple[bool, Any]:
    if isinstance(node, nodes.Neg) and isinstance(node.node, nodes.Const):
        value = node.node.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return True, -value
    if isinstance(node, nodes.Const) and isinstance(node.value, str | int | float | bool | None):
        return True, node.value
    return False, None


def _strict(inner: _Part, text: str) -> str:
    """`text`, or empty when `inner` (which `text` uses) is empty and `text` would not be."""
    return text if inner.total else f"iif(({inner.text}).empty(), {{}}, {text})"


class _Translator:
    def __init__(self, bank: Any):
        self.bank = bank

    # -- names -------------------------------------------------------------------------------

    def question(self, node: nodes.Node) -> Any:
        if not isinstance(node, nodes.Name) or not self.bank.has_question(node.name):
            raise _Untranslatable("not a question")  # a derived measure, an attribute ...
        return self.bank.question(node.name)

    @staticmethod
    def values(question: Any) -> str:
        """The answers given to a question in the response: codes for choices."""
        path = f"%resource.repeat(item).where(linkId = '{question.id}').answer.value"
        return path + ".code" if question.type in ("single", "multi") else path

    def known(self, question: Any) -> str:
        """True when the answer is not None. A checklist with nothing ticked is an item without
        an answer (our export) or, published, read as none ticked (core/fhir_response.py)."""
        if question.type != "multi":
            return f"{self.values(question)}.exists()"
        if question.published:
            return "true"
        return f"%resource.repeat(item).where(linkId = '{question.id}').exists()"

    def codes(self, question: Any, literals: list[Any]) -> list[str]:
        """The codes of the choices the literals name exactly (2 and '2' differ, as in the
        wizard); a literal that names no choice can never match and is left out."""
        found = []
        for literal in literals:
            if isinstance(literal, bool) or literal is None:
                raise _Untranslatable("a choice compared with true, false or none")
            choice = question.choice(literal)
            if choice is not None:
                found.append(_literal(str(choice.value)))
        return found

    def filled(self, question: Any) -> _Part:
        """A filled question's true, from its checklist: ticked, for as long as it says."""
        fill = question.filled_from
        checklist = self.bank.question(fill.question)
        (code,) = self.codes(checklist, [fill.value]) or ["'-'"]
        text = f"({self.values(checklist)} contains {code})"
        if fill.duration is not None:
            how_long = self.bank.question(fill.duration)
            text = f"({text} and {self.any_of(how_long, fill.durations or [])})"
        return _Part(text, True)

    def any_of(self, question: Any, literals: list[Any]) -> str:
        """Whether the answer is one of the literals; false when unknown (the wizard's `in`)."""
        if question.type == "multi":
            raise _Untranslatable("a checklist compared as one value")
        if question.type == "single":
            options = self.codes(question, literals)
        else:
            options = [_literal(v) for v in literals if self.fits(question, v)]
        if not options:
            return "false"
        values = self.values(question)
        return "(" + " or ".join(f"({values} contains {o})" for o in options) + ")"

    @staticmethod
    def fits(question: Any, literal: Any) -> bool:
        """Whether a literal can equal an answer of the question (else the wizard's == is
        false); a literal that would compare in a surprising way (true == 1) is refused."""
        number = isinstance(literal, int | float) and not isinstance(literal, bool)
        if question.type == "yesno":
            if number:
                raise _Untranslatable("a yes/no answer compared with a number")
            return isinstance(literal, bool)
        if question.type in ("number", "scale"):
            if isinstance(literal, bool):
                raise _Untranslatable("a number compared with true or false")
            return number
        return isinstance(literal, str)

    # -- booleans ----------------------------------------------------------------------------

    def boolean(self, node: nodes.Node) -> _Part:
        if isinstance(node, nodes.And | nodes.Or):
            left, right = self.boolean(node.left), self.boolean(node.right)
            joined = f"({left.text} {'and' if isinstance(node, nodes.And) else 'or'} {right.text})"
            return _Part(_strict(left, joined), left.total and right.total)
        if isinstance(node, nodes.Not):
            inner = self.boolean(node.node)
            return _Part(f"({inner.text}).not()", inner.total)
        if isinstance(node, nodes.Compare):
            return self.compare(node)
        if isinstance(node, nodes.Test) and node.name == "none" and not node.args:
            question = self.question(node.node)
            if question.filled_from is not None:
                raise _Untranslatable("whether a filled question is known")
            return _Part(f"({self.known(question)}).not()", True)
        if isinstance(node, nodes.Const) and isinstance(node.value, bool):
            return _Part(_literal(node.value), True)
        if isinstance(node, nodes.Name):
            return self.truthy(self.question(node))
        raise _Untranslatable(type(node).__name__)

    def truthy(self, question: Any) -> _Part:
        """The answer read as true or false, as Python reads it (None, 0, '' and [] false)."""
        if question.filled_from is not None:
            return self.filled(question)
        values = self.values(question)
        if question.type == "yesno":
            return _Part(f"({values} contains true)", True)
        if question.type in ("number", "scale"):
            return _Part(f"{values}.where($this != 0).exists()", True)
        if question.type == "text":
            return _Part(f"{values}.where($this != '').exists()", True)
        falsy = [c for c in question.choices or [] if not c.value]
        if question.type == "multi" or not falsy:
            return _Part(f"{values}.exists()", True)
        zero = " and ".join(f"$this != {_literal(str(c.value))}" for c in falsy)
        return _Part(f"{values}.where({zero}).exists()", True)

    def compare(self, node: nodes.Compare) -> _Part:
        if len(node.ops) != 1:
            raise _Untranslatable("a chained comparison")
        left, (operand,) = node.expr, node.ops
        op, right = operand.op, operand.expr
        if op in ("in", "notin"):
            found = self.membership(left, right)
            return found if op == "in" else _Part(f"({found.text}).not()", found.total)
        if op not in _FLIP:
            raise _Untranslatable(op)
        known, value = _constant(right)
        if not known:
            known, value = _constant(left)
            if not known:
                raise _Untranslatable("two answers compared")
            left, op = right, _FLIP[op]
        if op in ("eq", "ne"):
            found = self.equal(left, value)
            return found if op == "eq" else _Part(f"({found.text}).not()", found.total)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Untranslatable("an ordering with something not a number")
        number = self.number(left)
        return _Part(f"({number.text} {_ORDER[op]} {_literal(value)})", number.total)

    def equal(self, node: nodes.Node, value: Any) -> _Part:
        question = self.question(node)
        if value is None:  # `q == none`
            return self.boolean(nodes.Test(node, "none", [], [], None, None))
        if question.filled_from is not None:
            if value is True:
                return self.filled(question)
            raise _Untranslatable("a filled question compared with something but true")
        return _Part(self.any_of(question, [value]), True)

    def membership(self, left: nodes.Node, right: nodes.Node) -> _Part:
        known, value = _constant(left)
        if known and isinstance(right, nodes.Name):  # 'neck' in wpi_regions
            question = self.question(right)
            if question.type != "multi" or not isinstance(value, str):
                raise _Untranslatable("in with something not a checklist")
            (code,) = self.codes(question, [value]) or ["'-'"]
            values = self.values(question)
            if question.published:  # read as none ticked when left empty: never unknown
                return _Part(f"({values} contains {code})", True)
            return _Part(f"iif({self.known(question)}, ({values} contains {code}), {{}})", False)
        if isinstance(right, nodes.List | nodes.Tuple):  # duration in ['a', 'b']
            literals = []
            for item in right.items:
                known, value = _constant(item)
                if not known:
                    raise _Untranslatable("a list with something not a literal")
                literals.append(value)
            question = self.question(left)
            if question.filled_from is not None:
                raise _Untranslatable("a filled question in a list")
            return _Part(self.any_of(question, literals), True)
        raise _Untranslatable("in")

    # -- numbers -----------------------------------------------------------------------------

    def number(self, node: nodes.Node) -> _Part:
        """A number as the wizard computes it: an answer, or a count of true parts."""
        if isinstance(node, nodes.Add):
            left, right = self.number(node.left), self.number(node.right)
            return _Part(f"({left.text} + {right.text})", left.total and right.total)
        if isinstance(node, nodes.Compare | nodes.And | nodes.Or | nodes.Not):
            inner = self.boolean(node)  # True counts 1 and False 0, as in Python
            return _Part(_strict(inner, f"iif({inner.text}, 1, 0)"), inner.total)
        known, value = _constant(node)
        if known and isinstance(value, int | float) and not isinstance(value, bool):
            return _Part(_literal(value), True)
        question = self.question(node)
        values = self.values(question)
        if question.type in ("number", "scale"):
            return _Part(values, False)  # None > 3 fails the whole condition
        if question.type == "single" and all(
            isinstance(c.value, int) and not isinstance(c.value, bool)
            for c in question.choices or []
        ):
            return _Part(f"{values}.toInteger()", False)
        raise _Untranslatable("an ordering of something not a number")

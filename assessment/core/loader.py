"""Loading a question bank: YAML with line numbers, the schema, then every cross-check.

The bank is data a clinician may edit, so each mistake is reported as `file:line: field: message`,
all of them at once, instead of failing later in the middle of somebody's assessment.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessment.core import translations, yamlfile
from assessment.core.bank import Bank
from assessment.core.numbers import number as _num
from assessment.core.quote import quote
from assessment.errors import BankError
from assessment.i18n.words import N_, _, ngettext

MAX_BYTES = 10_000_000  # the shipped bank is about 100 KB
MAX_PROBLEMS = 50  # mistakes listed one a line; the rest are counted
MAX_LINE = 500  # characters of one mistake's line


def load_bank(path: str | Path) -> Bank:
    """Read and validate a bank file; raise BankError listing every problem with its line."""
    path = Path(path)
    name = str(path)
    data, raw_bytes = read_yaml(path, _("the question bank"))
    if not isinstance(data, dict):
        raise BankError(
            [f"{name}:1: " + _("the bank must be a mapping with factors, bands and sections")]
        )
    return _checked(data, path, raw_bytes)


def read_yaml(path: Path, what: str) -> tuple[Any, bytes]:
    """A bank file (or a translation of one) read as YAML with its lines, and its bytes; every
    way it can fail is one BankError line naming the file (and the line, where YAML knows it)."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            raw_bytes = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        why = _("cannot read {what}: {reason}").format(what=what, reason=exc.strerror)
        raise BankError([f"{name}: {why}"]) from None
    if len(raw_bytes) > MAX_BYTES:
        why = _("{what} is larger than {mb} MB").format(what=what, mb=MAX_BYTES // 1_000_000)
        raise BankError([f"{name}: {why}"])
    try:
        data = yamlfile.load(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise BankError([f"{name}: " + _("the file is not UTF-8 text")]) from None
    except yamlfile.DuplicateKey as exc:
        why = _("duplicate key {key}").format(key=quote(exc.key))
        raise BankError([f"{name}:{exc.line}: {why}"]) from None
    except yamlfile.TooBig as exc:
        raise BankError([f"{name}:{exc.line}: {exc.message}"]) from None
    except Exception as exc:  # yaml.YAMLError and its marks
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        why = _("not valid YAML: {problem}").format(problem=problem)
        raise BankError([f"{name}{line}: {why}"]) from None
    return data, raw_bytes


def _checked(data: Any, path: Path, raw_bytes: bytes) -> Bank:
    """The bank from its data: the schema, then every cross-check, each mistake with its line."""
    name = str(path)

    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
            loc = _trim_union_loc(loc)
            line = yamlfile.line_of(data, loc)
            problems.append(f"{name}:{line}: {yamlfile.describe_path(loc)}: {_message(err)}")
        raise BankError(_capped(_unique(problems), name)) from None

    from assessment.core import checks  # not needed by a bank from the cache (bank_cache.py)

    problems = [
        f"{name}:{yamlfile.line_of(data, loc)}: {yamlfile.describe_path(loc)}: {msg}"
        for loc, msg in checks.check(bank)
    ]
    if problems:
        raise BankError(_capped(problems, name))
    sha256 = with_translations(path, hashlib.sha256(raw_bytes).hexdigest())
    return bank.model_copy(update={"source": name, "sha256": sha256})


def with_translations(path: Path, sha256: str) -> str:
    """One hash over the bank's bytes and each translation beside it (`questions.fr.yaml`):
    an assessment records it, so a changed translation reads as a changed bank."""
    digest = None
    for overlay in translations.beside(path):
        digest = digest or hashlib.sha256(sha256.encode())
        lang = overlay.name[len(path.stem) + 1 : len(path.stem) + 3]
        digest.update(f"\n{lang}:".encode() + hashlib.sha256(overlay.read_bytes()).digest())
    return digest.hexdigest() if digest else sha256


def _trim_union_loc(loc: list[Any]) -> list[Any]:
    # pydantic names union members in the location (e.g. 'str', 'int'); they are not fields.
    return [p for p in loc if p not in ("str", "int", "float", "bool", "tuple[float, float]")]


def _message(err: dict[str, Any]) -> str:
    """A schema mistake in the run's language, by pydantic's stable error type (its own `msg`
    is English only); a type not listed here keeps pydantic's words."""
    from assessment.core.schema import ID_PATTERN

    kind, ctx = err["type"], err.get("ctx") or {}
    value = quote(err.get("input"))
    if kind == "literal_error":
        allowed = ", ".join(re.split(r", | or ", str(ctx.get("expected", ""))))
        return _("{value} is not one of: {allowed}").format(value=value, allowed=allowed)
    if kind in _BOUNDS:
        limit = ctx[_LIMITS[kind]]
        return _(_BOUNDS[kind]).format(value=value, limit=_num(limit))
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return _length(kind, ctx.get("min_length", ctx.get("max_length", 0)))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return _(
            "{value} is not an id: lower-case letters, digits and _, starting with a letter"
        ).format(value=value)
    if kind == "value_error" and isinstance(ctx.get("error"), ValueError):
        return _(str(ctx["error"]))  # the bank's own validators' words (N_ in core/bank.py)
    if kind in _PLAIN:
        return _(_PLAIN[kind]).format(value=value)
    return err["msg"].removeprefix("Value error, ")


#: pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) a bank or
#: a translation can make, in the loader's words; {value} is the input, quoted and cut short.
_PLAIN = {
    "missing": N_("required field is missing"),
    "extra_forbidden": N_("unknown field"),
    "string_type": N_("expected text, got {value}"),
    "int_type": N_("expected a whole number, got {value}"),
    "int_parsing": N_("expected a whole number, got {value}"),
    "int_from_float": N_("expected a whole number, got {value}"),
    "float_type": N_("expected a number, got {value}"),
    "float_parsing": N_("expected a number, got {value}"),
    "finite_number": N_("must be a finite number, not {value}"),
    "bool_type": N_("expected true or false, got {value}"),
    "bool_parsing": N_("expected true or false, got {value}"),
    "list_type": N_("expected a list, got {value}"),
    "tuple_type": N_("expected a list, got {value}"),
    "set_type": N_("expected a list, got {value}"),
    "dict_type": N_("expected a mapping of keys and values, got {value}"),
    "model_type": N_("expected a mapping of fields, got {value}"),
    "model_attributes_type": N_("expected a mapping of fields, got {value}"),
    "string_pattern_mismatch": N_("{value} does not have the expected form"),
    "none_required": N_("must be left empty, not {value}"),
    "string_unicode": N_("expected text, got {value}"),
    "union_tag_invalid": N_("{value} is not a kind this field allows"),
    "union_tag_not_found": N_("{value} does not say which kind it is"),
}


def _length(kind: str, count: int) -> str:
    """A list or a text too short or too long, by the language's plural rule."""
    if kind == "too_short":
        said = ngettext("needs at least {count} item", "needs at least {count} items", count)
    elif kind == "too_long":
        said = ngettext("takes at most {count} item", "takes at most {count} items", count)
    elif kind == "string_too_short":
        said = ngettext(
            "needs at least {count} character", "needs at least {count} characters", count
        )
    else:
        said = ngettext(
            "takes at most {count} character", "takes at most {count} characters", count
        )
    return said.format(count=count)


_BOUNDS = {
    "greater_than": N_("{value} is not above {limit}"),
    "greater_than_equal": N_("{value} is below {limit}"),
    "less_than": N_("{value} is not below {limit}"),
    "less_than_equal": N_("{value} is above {limit}"),
}
_LIMITS = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
}


def _capped(problems: list[str], name: str) -> list[str]:
    """At most MAX_PROBLEMS lines, each at most MAX_LINE characters, on one line: a check that
    quotes a value whole cannot make a message of megabytes."""
    lines = [" ".join(p.split()) for p in problems[:MAX_PROBLEMS]]
    lines = [p if len(p) <= MAX_LINE else p[: MAX_LINE - 3] + "..." for p in lines]
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        rest = ngettext(
            "and {count} more mistake like these", "and {count} more mistakes like these", more
        ).format(count=more)
        lines.append(f"{name}: {rest}")
    return lines


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))

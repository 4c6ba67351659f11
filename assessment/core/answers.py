"""Answers: checking one answer against its question, and reading and writing answers files.

An answers file is a flat YAML or JSON mapping of question id to answer; `null` means "prefer not
to say". Every problem names the file, the line and the key, and says what is allowed.

The file may come from anywhere, so reading it is bounded: at most MAX_BYTES, MAX_KEYS answers,
no YAML aliases, at most MAX_PROBLEMS problems listed, and every value quoted in a message cut
short (core/quote.py).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from assessment.core import yamlfile
from assessment.core.bank import Bank, Question
from assessment.core.numbers import number as _num
from assessment.core.quote import capped, key_text, quote
from assessment.errors import AnswersError
from assessment.i18n.words import _

MAX_BYTES = 1_000_000  # a full set of answers with long notes is a few kilobytes
MAX_KEYS = 1000  # the bank asks a few hundred questions at most
MAX_PROBLEMS = 20  # problems listed one a line; the rest are counted
LARGEST = 10**15  # beyond this no answer is a measurement, and floats lose whole numbers


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_value(question: Question, value: Any) -> str | None:
    """Why a (non-null) answer does not fit its question, or None when it fits."""
    kind = question.type
    if kind == "single":
        if isinstance(value, bool) or not _hashable(value) or question.choice(value) is None:
            allowed = ", ".join(str(c.value) for c in question.choices or [])
            return _("{value} is not one of: {allowed}").format(value=quote(value), allowed=allowed)
    elif kind == "multi":
        if not isinstance(value, list):
            return _("expected a list of choices")
        allowed = ", ".join(str(c.value) for c in question.choices or [])
        for item in value:
            if isinstance(item, bool) or not _hashable(item) or question.choice(item) is None:
                return _("{value} is not one of: {allowed}").format(
                    value=quote(item), allowed=allowed
                )
        if len(set(value)) != len(value):
            return _("a choice is listed twice")
    elif kind == "yesno":
        if not isinstance(value, bool):
            return _("expected true or false, got {value}").format(value=quote(value))
    elif kind in ("number", "scale"):
        if not _is_number(value) or (isinstance(value, float) and math.isnan(value)):
            return _("expected a number, got {value}").format(value=quote(value))
        if abs(value) > LARGEST:
            return _("{value} is far outside {low}-{high}").format(
                value=quote(value), low=_num(question.lower), high=_num(question.upper)
            )
        whole = kind == "scale" or question.integer
        if whole and not float(value).is_integer():
            return _("expected a whole number, got {value}").format(value=quote(value))
        if not question.lower <= value <= question.upper:
            return _("{value} is outside {low}-{high}").format(
                value=_num(value), low=_num(question.lower), high=_num(question.upper)
            )
    elif kind == "text":
        if not isinstance(value, str):
            return _("expected text, got {value}").format(value=quote(value))
        if any("\ud800" <= c <= "\udfff" for c in value):
            return _("the text holds a broken character (a lone surrogate); type it again")
        if len(value) > question.max_length:
            return _("text is longer than {limit} characters").format(limit=question.max_length)
    return None


def _hashable(value: Any) -> bool:
    return isinstance(value, str | int | float | None)


def normalise(question: Question, value: Any) -> Any:
    """Store whole numbers as int so files and results read naturally."""
    if question.type in ("number", "scale") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def validate(
    bank: Bank,
    answers: dict[str, Any],
    *,
    partial: bool = False,
    source: str = "answers",
    lines: Any = None,
) -> dict[str, Any]:
    """Check every answer; return them normalised, or raise AnswersError listing every problem."""
    problems: list[str] = []

    def where(key: str) -> str:
        line = yamlfile.line_of(lines, [key]) if lines is not None else 0
        return f"{source}:{line}" if line else source

    clean: dict[str, Any] = {}
    for key, value in answers.items():
        if not isinstance(key, str) or not bank.has_question(key):
            problems.append(f"{where(key)}: {key_text(key)}: " + _("unknown question"))
            continue
        question = bank.question(key)
        if value is None:
            if question.published and not partial:
                problems.append(
                    f"{where(key)}: {key}: " + _("this published item cannot be skipped")
                )
            clean[key] = None
            continue
        why = check_value(question, value)
        if why:
            problems.append(f"{where(key)}: {key}: {why}")
        else:
            clean[key] = normalise(question, value)
    if problems:
        raise AnswersError(capped(problems, source, MAX_PROBLEMS))
    if not partial:
        missing = [q.id for q in bank.asked(clean) if q.id not in clean]
        if missing:
            raise AnswersError(
                _(
                    "{source}: missing answers ({count}): {ids} (use null to skip one, "
                    "or --partial)"
                ).format(source=source, count=len(missing), ids=", ".join(missing))
            )
    return clean


def read_file(path: str | Path) -> tuple[dict[str, Any], Any]:
    """Read an answers file (YAML or JSON) with its line numbers."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise AnswersError(_("{path}: no such answers file").format(path=path)) from None
    except OSError as exc:
        raise AnswersError(
            _("{path}: cannot read the answers file: {why}").format(path=path, why=exc.strerror)
        ) from None
    if len(raw) > MAX_BYTES:
        raise AnswersError(
            _(
                "{path}: the answers file is larger than {mb} MB; answers take a few kilobytes"
            ).format(path=path, mb=MAX_BYTES // 1_000_000)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnswersError(
            _("{path}: the answers file is not UTF-8 text ({why})").format(
                path=path, why=exc.reason
            )
        ) from None
    try:
        data = yamlfile.load(text, aliases=False)
    except yamlfile.DuplicateKey as exc:
        raise AnswersError(
            f"{path}:{exc.line}: {key_text(exc.key)}: " + _("answered twice")
        ) from None
    except yamlfile.TooBig as exc:
        line = f":{exc.line}" if exc.line else ""
        raise AnswersError(f"{path}{line}: {exc.message}") from None
    except Exception as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise AnswersError(
            f"{path}{line}: " + _("not valid YAML or JSON: {problem}").format(problem=problem)
        ) from None
    if not isinstance(data, dict):
        raise AnswersError(f"{path}:1: " + _("expected a mapping of question id to answer"))
    if len(data) > MAX_KEYS:
        raise AnswersError(
            _("{path}: {count} answers, more than the {limit} an answers file may hold").format(
                path=path, count=f"{len(data):,}", limit=MAX_KEYS
            )
        )
    return dict(data), data


def is_resource(data: Any) -> bool:
    """Whether a parsed answers file is a FHIR resource rather than a mapping of answers."""
    return isinstance(data, dict) and "resourceType" in data


def load(bank: Bank, path: str | Path, *, partial: bool = False) -> dict[str, Any]:
    """Read and validate an answers file, or a FHIR QuestionnaireResponse (core/fhir_response.py)
    recognised by its `resourceType`."""
    answers, lines = read_file(path)
    if is_resource(answers):
        from assessment.core import fhir_response  # only for a response, not an answers file

        try:
            answers, partial = fhir_response.read(bank, answers, str(path), partial=partial)
        except AnswersError as exc:
            raise AnswersError(capped(exc.problems, str(path), MAX_PROBLEMS)) from None
        lines = None  # the problems name linkIds; a response's lines say little
    return validate(bank, answers, partial=partial, source=str(path), lines=lines)


def dump(bank: Bank, answers: dict[str, Any]) -> str:
    """Answers as YAML in bank order, each with its question as a comment, for people to read."""
    import yaml

    out = ["# fibro-assess answers: re-run with  fibro-assess --answers THIS_FILE"]
    for section in bank.sections:
        block = [q for q in section.questions if q.id in answers]
        if not block:
            continue
        out.append(f"\n# {section.title}")
        for q in block:
            out.append(f"# {q.text}".replace("\n", " "))
            value = yaml.safe_dump(
                {q.id: answers[q.id]}, allow_unicode=True, default_flow_style=True, width=10_000
            ).strip()
            out.append(value[1:-1] if value.startswith("{") else value)
    return "\n".join(out) + "\n"

"""Answers: checking one answer against its question, and reading and writing answers files.

An answers file is a flat YAML or JSON mapping of question id to answer; `null` means "prefer not
to say". Every problem names the file, the line and the key, and says what is allowed.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from assessment.core import yamlfile
from assessment.core.bank import Bank, Question
from assessment.core.numbers import number as _num
from assessment.errors import AnswersError


def check_value(question: Question, value: Any) -> str | None:
    """Why a (non-null) answer does not fit its question, or None when it fits."""
    kind = question.type
    if kind == "single":
        if question.choice(value) is None or isinstance(value, bool):
            allowed = ", ".join(str(c.value) for c in question.choices or [])
            return f"{value!r} is not one of: {allowed}"
    elif kind == "multi":
        if not isinstance(value, list):
            return "expected a list of choices"
        allowed = ", ".join(str(c.value) for c in question.choices or [])
        for item in value:
            if question.choice(item) is None:
                return f"{item!r} is not one of: {allowed}"
        if len(set(value)) != len(value):
            return "a choice is listed twice"
    elif kind == "yesno":
        if not isinstance(value, bool):
            return f"expected true or false, got {value!r}"
    elif kind in ("number", "scale"):
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            return f"expected a number, got {value!r}"
        whole = kind == "scale" or question.integer
        if whole and not float(value).is_integer():
            return f"expected a whole number, got {value!r}"
        if not question.lower <= value <= question.upper:
            return f"{_num(value)} is outside {_num(question.lower)}-{_num(question.upper)}"
    elif kind == "text":
        if not isinstance(value, str):
            return f"expected text, got {value!r}"
        if len(value) > question.max_length:
            return f"text is longer than {question.max_length} characters"
    return None


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
            problems.append(f"{where(key)}: {key}: unknown question")
            continue
        question = bank.question(key)
        if value is None:
            if question.published and not partial:
                problems.append(f"{where(key)}: {key}: this published item cannot be skipped")
            clean[key] = None
            continue
        why = check_value(question, value)
        if why:
            problems.append(f"{where(key)}: {key}: {why}")
        else:
            clean[key] = normalise(question, value)
    if problems:
        raise AnswersError(problems)
    if not partial:
        missing = [q.id for q in bank.visible(clean) if q.id not in clean]
        if missing:
            raise AnswersError(
                f"{source}: missing answers ({len(missing)}): {', '.join(missing)} "
                "(use null to skip one, or --partial)"
            )
    return clean


def read_file(path: str | Path) -> tuple[dict[str, Any], Any]:
    """Read an answers file (YAML or JSON) with its line numbers."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersError(f"{path}: no such answers file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersError(f"{path}: cannot read the answers file: {exc}") from None
    try:
        data = yamlfile.load(text)
    except yamlfile.DuplicateKey as exc:
        raise AnswersError(f"{path}:{exc.line}: {exc.key}: answered twice") from None
    except Exception as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise AnswersError(f"{path}{line}: not valid YAML or JSON: {problem}") from None
    if not isinstance(data, dict):
        raise AnswersError(f"{path}:1: expected a mapping of question id to answer")
    return dict(data), data


def load(bank: Bank, path: str | Path, *, partial: bool = False) -> dict[str, Any]:
    """Read and validate an answers file."""
    answers, lines = read_file(path)
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

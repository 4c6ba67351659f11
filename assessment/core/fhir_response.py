"""Answers from a FHIR QuestionnaireResponse, so a clinic's own form can feed `--answers`.

The response must come from the Questionnaire this program exports (history/fhir.py): each
question's `linkId` is its id in the bank, and a choice is a `valueCoding` whose code is the
choice's value. A response made on an earlier version of the bank is read as long as every
answered `linkId` is still a question; anything else is one line per problem naming the linkId.

How the form's silence is read: a question the form shows but the person left empty counts as
skipped; a published checklist (the pain regions) left empty means none of them, since it cannot
be skipped; our own export writes an empty checklist as an item without an answer, so reading it
back gives the empty list. A response still `in-progress` is read as a partial set of answers.
"""

from __future__ import annotations

from typing import Any

from assessment.core.bank import Bank, Question
from assessment.core.quote import key_text, quote
from assessment.errors import AnswersError

QUESTIONNAIRE_URL = "urn:fibro-assess:questionnaire"
MAX_ITEMS = 5000  # items and answers in one response; the bank has a few hundred questions
MAX_NESTING = 20  # groups within groups; ours nest two deep
_READ_STATUSES = {"completed", "amended", "in-progress"}


def answer_system(question_id: str) -> str:
    """The code system of one question's choices: codes are only unique within a question."""
    return f"urn:fibro-assess:answer:{question_id}"


def read(bank: Bank, data: dict[str, Any], source: str, *, partial: bool = False):
    """The answers a QuestionnaireResponse gives, and whether to read them as partial.

    Raise AnswersError with one line per problem (core/answers.py lists the first twenty).
    """
    kind = data.get("resourceType")
    if kind != "QuestionnaireResponse":
        raise AnswersError(
            f"{source}: resourceType: {quote(kind)} is not a QuestionnaireResponse; "
            "answers come as a QuestionnaireResponse or an answers file"
        )
    _check_questionnaire(data.get("questionnaire"), source)
    status = data.get("status")
    if status not in _READ_STATUSES:
        raise AnswersError(
            f"{source}: status: {quote(status)}; a response to read is completed, amended "
            "or in-progress"
        )
    partial = partial or status == "in-progress"
    reader = _Reader(bank, source)
    reader.walk(data.get("item"), "item", 0)
    if reader.problems:
        raise AnswersError(reader.problems)
    answers = reader.answers
    if not partial:
        _fill_silence(bank, answers)
    return answers, partial


def _check_questionnaire(canonical: Any, source: str) -> None:
    """A response names its Questionnaire as `url|version`; any version of ours is read."""
    if canonical is None:
        return  # some form fillers leave it out: the linkIds are checked one by one instead
    url = canonical.split("|", 1)[0] if isinstance(canonical, str) else None
    if url != QUESTIONNAIRE_URL:
        raise AnswersError(
            f"{source}: questionnaire: {quote(canonical)} is another questionnaire; "
            f"this program reads responses to {QUESTIONNAIRE_URL}"
        )


class _Reader:
    """Walks the response's items (groups and questions, however nested) collecting answers."""

    def __init__(self, bank: Bank, source: str):
        self.bank = bank
        self.source = source
        self.answers: dict[str, Any] = {}
        self.problems: list[str] = []
        self.count = 0

    def fail(self, link_id: Any, message: str) -> None:
        self.problems.append(f"{self.source}: {key_text(link_id)}: {message}")

    def walk(self, items: Any, field: str, depth: int) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            self.problems.append(f"{self.source}: {field}: expected a list of items")
            return
        if depth > MAX_NESTING:
            raise AnswersError(f"{self.source}: items nested more than {MAX_NESTING} deep")
        for item in items:
            self.count += 1
            if self.count > MAX_ITEMS:
                raise AnswersError(f"{self.source}: more than {MAX_ITEMS} items and answers")
            if not isinstance(item, dict) or not isinstance(item.get("linkId"), str):
                self.problems.append(f"{self.source}: {field}: an item without a linkId")
                continue
            self.item(item, depth)

    def item(self, item: dict[str, Any], depth: int) -> None:
        link_id = item["linkId"]
        given = item.get("answer")
        if given is not None and not isinstance(given, list):
            self.fail(link_id, "answer is not a list")
            return
        for answer in given or []:
            if isinstance(answer, dict):
                self.walk(answer.get("item"), f"{key_text(link_id)}.answer.item", depth + 1)
        self.walk(item.get("item"), f"{key_text(link_id)}.item", depth + 1)
        if not self.bank.has_question(link_id):
            if given:
                self.fail(link_id, "no question in this bank has this linkId")
            return  # a group or a display item: nothing to read
        if link_id in self.answers:
            self.fail(link_id, "answered twice")
            return
        question = self.bank.question(link_id)
        values = [self.value(question, answer) for answer in given or []]
        if any(value is _BAD for value in values):
            return
        if question.type == "multi":
            self.answers[link_id] = values
        elif len(values) > 1:
            self.fail(link_id, f"{len(values)} answers to a question that takes one")
        elif values:
            self.answers[link_id] = values[0]
        else:
            self.answers[link_id] = None

    def value(self, question: Question, answer: Any) -> Any:
        """One answer's value as the bank writes it, or _BAD after naming the problem."""
        keys = [k for k in answer if k.startswith("value")] if isinstance(answer, dict) else []
        if len(keys) != 1:
            self.fail(question.id, "each answer needs exactly one value[x]")
            return _BAD
        (key,) = keys
        expected = _expected(question)
        value = answer[key]
        if key not in expected:
            self.fail(
                question.id, f"{key} does not fit a {_kind(question)} ({' or '.join(expected)})"
            )
            return _BAD
        if key == "valueCoding":
            return self.coding(question, value)
        fits = {
            "valueBoolean": lambda v: isinstance(v, bool),
            "valueInteger": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "valueDecimal": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "valueString": lambda v: isinstance(v, str),
        }[key]
        if not fits(value):
            self.fail(question.id, f"{key} holds {quote(value)}")
            return _BAD
        return value

    def coding(self, question: Question, coding: Any) -> Any:
        code = coding.get("code") if isinstance(coding, dict) else None
        if not isinstance(code, str):
            self.fail(question.id, "valueCoding without a code")
            return _BAD
        system = coding.get("system")
        if system is not None and system != answer_system(question.id):
            self.fail(
                question.id, f"code {quote(code)} is from another code system {quote(system)}"
            )
            return _BAD
        for choice in question.choices or []:
            if str(choice.value) == code:
                return choice.value
        allowed = ", ".join(str(c.value) for c in question.choices or [])
        self.fail(question.id, f"code {quote(code)} is not one of: {allowed}")
        return _BAD


_BAD = object()  # an answer already reported as a problem


def _expected(question: Question) -> tuple[str, ...]:
    if question.type in ("single", "multi"):
        return ("valueCoding",)
    if question.type == "yesno":
        return ("valueBoolean",)
    if question.type == "scale" or (question.type == "number" and question.integer):
        return ("valueInteger",)
    if question.type == "number":
        return ("valueDecimal", "valueInteger")
    return ("valueString",)


def _kind(question: Question) -> str:
    return {
        "single": "choice",
        "multi": "checklist",
        "yesno": "yes/no question",
        "scale": "0-10 scale",
        "number": "whole number" if question.integer else "number",
        "text": "text question",
    }[question.type]


def _fill_silence(bank: Bank, answers: dict[str, Any]) -> None:
    """Questions the form showed but nobody answered: skipped, or none ticked (see above)."""
    while True:
        silent = [q for q in bank.asked(answers) if q.id not in answers]
        if not silent:
            return
        for question in silent:
            empty_list = question.type == "multi" and question.published
            answers[question.id] = [] if empty_list else None
        # An empty checklist can show later questions that `None` left hidden: look again.

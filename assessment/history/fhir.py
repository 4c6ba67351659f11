"""The bank and the history as FHIR R4B (4.3.0) resources, for a clinic's record system.

R4B rather than R5 because record systems still mostly speak R4, and these resources
(Questionnaire, QuestionnaireResponse, Observation, Bundle) are the same in R4 and R4B.

- `questionnaire(bank)`: one group item per section, one item per question; choices carry the
  `itemWeight` extension when they score toward exactly one factor (several factors have no single
  weight); `show_if` becomes `enableWhen` when it is a simple comparison of one question with a
  literal (`q == true`, `q != 'male'`, `age >= 50`, `'neck' in q`), or several of those joined all
  by `and`, or all by `or` when none of them orders (`<`, `>=` ...: with an unknown answer our
  whole condition is false, FHIR's `any` is not), as the expression parser reads it. Richer
  conditions (`not`, mixed `and`/`or`, `is none`, lists, counting true answers) get SDC's
  `enableWhenExpression` in FHIRPath instead (history/fhirpath.py); the few left (derived
  measures such as BMI) have neither, and a FHIR form shows them always. Every item with a
  condition keeps its text in a `urn:fibro-assess:show-if` extension. A question filled from a
  checklist (an older key, never asked) is `hidden`.
- `questionnaire_response(bank, entry)`: the answers given; skipped answers and answers to
  questions the bank no longer has are left out; a checklist with nothing ticked is an item
  without an answer, so reading the response back (core/fhir_response.py) gives the same answers.
- `observations(entry, factors)`: the published scores, then each factor's score (the bank's
  factors, see history/factors.py, with the band as interpretation). LOINC only where the code
  is exactly right (pain now: 72514-3); everything else uses this program's own code system
  `urn:fibro-assess:score` (a factor's code is `factor-<id>`).
- `bundle(bank, entries)`: a `collection` Bundle of the Questionnaire and, per assessment, its
  response and observations, linked by stable `urn:uuid` full URLs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from assessment.core import check_in, expressions
from assessment.core.fhir_response import QUESTIONNAIRE_URL, answer_system
from assessment.history import fhirpath
from assessment.history.factors import FactorColumn, factor_columns
from assessment.history.store import Entry

FHIR_VERSION = "4.3.0"
SCORE_SYSTEM = "urn:fibro-assess:score"
SHOW_IF_EXTENSION = "urn:fibro-assess:show-if"
LOINC = "http://loinc.org"
ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
HIDDEN = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
UCUM = "http://unitsofmeasure.org"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
_WORDS = ("title", "text", "display")  # the elements a translation extension goes on
_UCUM_UNITS = {"kg", "cm", "g", "mg", "ml", "l", "h", "min"}

CHECK_IN_URL = "urn:fibro-assess:check-in"  # the check-in's own Questionnaire
_NAMESPACE = uuid.UUID("5d0f7f5e-8a41-4b8e-9b59-6f1b7c1e2a10")  # fixed: stable ids across exports


# ---------------------------------------------------------------------------------------------
# Questionnaire


def questionnaire(bank: Any) -> dict[str, Any]:
    """The question bank as a Questionnaire, versioned by the bank's SHA-256 (which covers its
    translations), with the words of every other language beside it in translation extensions."""
    return _translated(
        bank, lambda b: _questionnaire(b, b.sha256, QUESTIONNAIRE_URL, "FibroAssess")
    )


def _translated(bank: Any, build: Any) -> dict[str, Any]:
    """`build(bank)`, its `language` set, and on each title, text and display the same words
    in the bank's other languages (FHIR's translation extension, on the `_text` element)."""
    from pathlib import Path

    from assessment.i18n import LANGS, choice, overlay, words
    from assessment.i18n import bank as banks

    made = build(bank)
    made["language"] = bank.lang
    source = Path(bank.source)
    for lang in LANGS:
        if lang == bank.lang or not (lang == "en" or overlay.overlay_path(source, lang).exists()):
            continue
        other = build(banks.load(source, choice.Speech(lang, words.region())))
        _add_translations(made, other, lang)
    return made


def _add_translations(ours: Any, theirs: Any, lang: str) -> None:
    """Walk two Questionnaires of the same shape; where a word element differs, add theirs."""
    if isinstance(ours, list) and isinstance(theirs, list):
        for mine, other in zip(ours, theirs, strict=False):
            _add_translations(mine, other, lang)
        return
    if not (isinstance(ours, dict) and isinstance(theirs, dict)):
        return
    for key, value in list(ours.items()):
        other = theirs.get(key)
        if key in _WORDS and isinstance(value, str) and isinstance(other, str):
            if other != value:
                extension = {
                    "url": TRANSLATION,
                    "extension": [
                        {"url": "lang", "valueCode": lang},
                        {"url": "content", "valueString": other},
                    ],
                }
                ours.setdefault(f"_{key}", {"extension": []})["extension"].append(extension)
        elif isinstance(value, dict | list):
            _add_translations(value, other, lang)


def check_in_questionnaire(bank: Any) -> dict[str, Any]:
    """The check-in as a Questionnaire of its own (same version as the bank's): its questions
    as the bank words them, then a `done_<id>` yes/no item for every action of the bank (a
    check-in answers those of the three its latest full assessment put first)."""

    def build(b: Any) -> dict[str, Any]:
        everything = [check_in.PlanAction(a.id, a.title) for a in b.actions]
        asked = check_in.questions(b, everything)
        return _questionnaire(asked, b.sha256, CHECK_IN_URL, "FibroAssessCheckIn")

    return _translated(bank, build)


def _questionnaire(bank: Any, version: str, url: str, name: str) -> dict[str, Any]:
    return {
        "resourceType": "Questionnaire",
        "id": _id(
            "questionnaire" if url == QUESTIONNAIRE_URL else "check-in-questionnaire", version
        ),
        "url": url,
        "version": version,
        "name": name,
        "title": bank.title,
        "status": "active",
        "subjectType": ["Patient"],
        "item": [_section_item(bank, section) for section in bank.sections],
    }


def _section_item(bank: Any, section: Any) -> dict[str, Any]:
    items = []
    if section.intro:
        items.append(
            {"linkId": f"section-{section.id}-intro", "type": "display", "text": section.intro}
        )
    items.extend(_question_item(bank, q) for q in section.questions)
    return {
        "linkId": f"section-{section.id}",
        "type": "group",
        "text": section.title,
        "item": items,
    }


def _question_item(bank: Any, q: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": q.id, "text": q.text}
    extensions: list[dict[str, Any]] = []
    children: list[dict[str, Any]] = []
    if q.type in ("single", "multi"):
        item["type"] = "choice"
        if q.type == "multi":
            item["repeats"] = True
        item["answerOption"] = [_option(q.id, choice) for choice in q.choices or []]
    elif q.type == "yesno":
        item["type"] = "boolean"
    elif q.type in ("number", "scale"):
        whole = q.type == "scale" or q.integer
        item["type"] = "integer" if whole else "decimal"
        kind = "valueInteger" if whole else "valueDecimal"
        for url, bound in ((MIN_VALUE, q.lower), (MAX_VALUE, q.upper)):
            if bound != float("inf"):
                extensions.append({"url": url, kind: int(bound) if whole else bound})
        if q.unit:
            coding = {"system": UCUM, "code": q.unit} if q.unit in _UCUM_UNITS else {}
            extensions.append({"url": UNIT, "valueCoding": {**coding, "display": q.unit}})
        for control, label in (("lower", q.min_label), ("upper", q.max_label)):
            if label:
                children.append(_display(f"{q.id}-{control}", label, control))
    else:  # text
        item["type"] = "text"
        item["maxLength"] = q.max_length
    if q.published:
        item["required"] = True
    if q.help:
        children.append(_display(f"{q.id}-help", q.help, "help"))
    if q.show_if:
        extensions.append({"url": SHOW_IF_EXTENSION, "valueString": q.show_if})
        enable = enable_when(bank, q.show_if)
        if enable:
            conditions, behaviour = enable
            item["enableWhen"] = conditions
            if len(conditions) > 1:
                item["enableBehavior"] = behaviour
        else:
            expression = fhirpath.extension(bank, q.show_if)
            if expression:
                extensions.append(expression)
    if not q.asked:
        extensions.append({"url": HIDDEN, "valueBoolean": True})
    if extensions:
        item["extension"] = extensions
    if children:
        item["item"] = children
    return item


def _option(question_id: str, choice: Any) -> dict[str, Any]:
    option: dict[str, Any] = {
        "valueCoding": {
            "system": answer_system(question_id),
            "code": str(choice.value),
            "display": choice.label,
        }
    }
    points = choice.points or {}
    if len(points) == 1:
        option["extension"] = [{"url": ITEM_WEIGHT, "valueDecimal": next(iter(points.values()))}]
    return option


def _display(link_id: str, text: str, control: str) -> dict[str, Any]:
    return {
        "linkId": link_id,
        "type": "display",
        "text": text,
        "extension": [
            {
                "url": ITEM_CONTROL,
                "valueCodeableConcept": {
                    "coding": [{"system": ITEM_CONTROL_SYSTEM, "code": control}]
                },
            }
        ],
    }


# ---------------------------------------------------------------------------------------------
# show_if -> enableWhen

_OPERATORS = {"==": "=", "!=": "!=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


def enable_when(bank: Any, condition: str) -> tuple[list[dict[str, Any]], str] | None:
    """`enableWhen` entries and their behaviour ("all"/"any") for a simple condition, else None.

    The condition is read by the expression module's own parser (`expressions.clauses`), the one
    that checks and runs it, so the two can never read it differently.
    """
    try:
        parsed = expressions.clauses(condition)
    except expressions.ExpressionError:
        return None
    if parsed is None:
        return None
    joiner, clauses = parsed
    converted = [_one_condition(bank, clause) for clause in clauses]
    if not all(converted):
        return None
    conditions = [c for c in converted if c]
    if joiner == "or" and any(c["operator"] not in ("=", "!=") for c in conditions):
        # Our conditions are false as a whole when an ordering meets an unknown answer
        # (`none > 3 or ...`); FHIR would still weigh the other parts, so leave it out.
        return None
    return conditions, "all" if joiner == "and" else "any"


def _one_condition(bank: Any, clause: expressions.Clause) -> dict[str, Any] | None:
    if not bank.has_question(clause.name) or not bank.question(clause.name).asked:
        return None  # a derived measure, or a question filled from a checklist (hidden)
    question = bank.question(clause.name)
    if clause.op == "contains":
        if question.type != "multi":
            return None
        op = "="
    else:
        op = _OPERATORS[clause.op]
    answer = _enable_answer(question, op, clause.value)
    if answer is None:
        return None
    return {"question": clause.name, "operator": op, **answer}


def _enable_answer(question: Any, op: str, literal: Any) -> dict[str, Any] | None:
    """The typed `answer[x]` for a comparison, or None when the types do not fit FHIR's rules."""
    ordering = op not in ("=", "!=")
    if question.type == "yesno":
        if isinstance(literal, bool) and not ordering:
            return {"answerBoolean": literal}
        return None
    if question.type in ("single", "multi"):
        if ordering or isinstance(literal, bool | float):
            return None
        choice = question.choice(literal)  # exact: the condition compares 2 and '2' as unequal
        if choice is None:
            return None
        return {"answerCoding": {"system": answer_system(question.id), "code": str(choice.value)}}
    if question.type in ("number", "scale"):
        if isinstance(literal, bool) or not isinstance(literal, int | float):
            return None
        if question.type == "scale" or question.integer:
            return {"answerInteger": literal} if isinstance(literal, int) else None
        return {"answerDecimal": literal}
    if question.type == "text" and isinstance(literal, str) and not ordering:
        return {"answerString": literal}
    return None


# ---------------------------------------------------------------------------------------------
# QuestionnaireResponse and Observations


def questionnaire_response(bank: Any, entry: Entry) -> dict[str, Any]:
    """One saved assessment's answers, pointing at the exact bank version it was answered on;
    a check-in's point at the check-in's Questionnaire."""
    url = QUESTIONNAIRE_URL
    if entry.is_check_in:
        bank, url = check_in.questions(bank, check_in.asked_actions(entry.result)), CHECK_IN_URL
    groups = []
    for section in bank.sections:
        items = []
        for q in section.questions:
            value = entry.answers.get(q.id)
            answers = _answers(q, value)
            if answers:
                items.append({"linkId": q.id, "text": q.text, "answer": answers})
            elif value == [] and q.type == "multi":
                items.append({"linkId": q.id, "text": q.text})  # nothing ticked
        if items:
            groups.append({"linkId": f"section-{section.id}", "text": section.title, "item": items})
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": _id("response", entry),
        "questionnaire": f"{url}|{entry.bank_hash}",
        "status": "completed",
        "authored": entry.assessed_at,
    }
    if groups:
        response["item"] = groups
    return response


def _answers(q: Any, value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if q.type in ("single", "multi"):
        values = value if isinstance(value, list) else [value]
        out = []
        for item in values:
            choice = q.choice(item)
            coding = {"system": answer_system(q.id), "code": str(item)}
            if choice is not None:
                coding["display"] = choice.label
            out.append({"valueCoding": coding})
        return out
    if q.type == "yesno":
        return [{"valueBoolean": bool(value)}]
    if q.type in ("number", "scale"):
        number = float(value)
        if (q.type == "scale" or q.integer) and number.is_integer():
            return [{"valueInteger": int(number)}]
        return [{"valueDecimal": value}]
    return [{"valueString": str(value)}]


# (result path, own code, display, LOINC code or None)
_SCORES: tuple[tuple[tuple[str, ...], str, str, str | None], ...] = (
    (("wpi",), "wpi", "Widespread Pain Index (2016 ACR fibromyalgia criteria), 0-19", None),
    (("sss",), "sss", "Symptom Severity Scale (2016 ACR fibromyalgia criteria), 0-12", None),
    (("fs",), "fs", "Fibromyalgia severity (WPI + SSS), 0-31", None),
    (("ost",), "ost", "Osteoporosis Self-assessment Tool (OST) score", None),
    (("pain", "now", "value"), "pain_now", "Back pain now, 0-10", "72514-3"),
    (("pain", "average", "value"), "pain_average", "Back pain on average, past week, 0-10", None),
    (("pain", "worst", "value"), "pain_worst", "Back pain at its worst, past week, 0-10", None),
    (("peg", "score"), "peg", "PEG: pain, enjoyment of life, general activity (Krebs 2009), 0-10",
     None),
)  # fmt: skip
_LOINC_DISPLAY = {"72514-3": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}


def observations(entry: Entry, factors: Iterable[FactorColumn] = ()) -> list[dict[str, Any]]:
    """The published scores of one assessment (those it could compute), then the score of each
    of `factors` it holds, one Observation each."""
    instruments = entry.result.get("instruments") or {}
    out = []
    for path, code, display, loinc in _SCORES:
        value: Any = instruments
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None or isinstance(value, bool):
            continue
        codings = [{"system": SCORE_SYSTEM, "code": code, "display": display}]
        if loinc:
            codings.insert(0, {"system": LOINC, "code": loinc, "display": _LOINC_DISPLAY[loinc]})
        out.append(_observation(entry, code, codings, display, value))
    saved = entry.result.get("factors") or {}
    for factor in factors:
        found = saved.get(factor.id)
        score = found.get("score") if isinstance(found, dict) else None
        if not isinstance(score, int | float) or isinstance(score, bool):
            continue
        code = f"factor-{factor.id}"
        display = f"{factor.name}: this program's own factor score, 0-100"
        codings = [{"system": SCORE_SYSTEM, "code": code, "display": display}]
        observation = _observation(entry, code, codings, display, score)
        if isinstance(found.get("band"), str):
            observation["interpretation"] = [{"text": found["band"]}]
        out.append(observation)
    return out


def _observation(
    entry: Entry, code: str, codings: list[dict[str, Any]], display: str, value: Any
) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _id(f"observation-{code}", entry),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ],
        "code": {"coding": codings, "text": display},
        "effectiveDateTime": entry.assessed_at,
        "derivedFrom": [{"reference": _full_url("response", entry)}],
    }
    if isinstance(value, int):
        observation["valueInteger"] = value
    else:
        observation["valueQuantity"] = {"value": value}
    return observation


def bundle(bank: Any, entries: Iterable[Entry]) -> dict[str, Any]:
    """A collection Bundle: the Questionnaire, then each assessment's response and scores."""
    entries = list(entries)
    factors = factor_columns(bank, entries)
    resources = [(_full_url("questionnaire", bank.sha256), questionnaire(bank))]
    if bank.check_in is not None and any(entry.is_check_in for entry in entries):
        made = check_in_questionnaire(bank)
        resources.append((f"urn:uuid:{made['id']}", made))
    for entry in entries:
        resources.append((_full_url("response", entry), questionnaire_response(bank, entry)))
        resources.extend((f"urn:uuid:{obs['id']}", obs) for obs in observations(entry, factors))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
    }


def _id(kind: str, what: Entry | str) -> str:
    """A stable UUID: the same assessment exports with the same ids every time."""
    key = what if isinstance(what, str) else f"{what.id}|{what.assessed_at}|{what.bank_hash}"
    return str(uuid.uuid5(_NAMESPACE, f"{kind}|{key}"))


def _full_url(kind: str, what: Entry | str) -> str:
    return f"urn:uuid:{_id(kind, what)}"

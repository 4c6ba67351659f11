"""The check-in between full assessments: its questions, its answers and what it records.

A check-in asks a few of the bank's own questions (the bank's `check_in` block names them) and,
for each of the top actions of the latest full assessment's plan, "did you manage it?"
(`done_<action id>`). Its questions are put together as a small Bank of their own, so the wizard,
the answers checks and the FHIR export treat them exactly as the full questionnaire's. It never
scores the factors: the latest full assessment's factor scores stay the ones that count.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assessment import __version__
from assessment.core import answers as answers_mod
from assessment.core import instruments, yamlfile
from assessment.core.bank import Bank, Question, Section
from assessment.core.checks import DONE_PREFIX
from assessment.core.numbers import number
from assessment.core.result import SHOWN, PainRating, PainRatings, Peg, plain
from assessment.errors import AnswersError, BankError
from assessment.i18n.words import N_, _, decimal

_ID = re.compile(r"[a-z][a-z0-9_]{0,60}")
KIND = "check_in"  # the history's `kind` of a check-in; a full assessment's is "assessment"
SECTION_ID = "check_in"


@dataclass(frozen=True)
class PlanAction:
    """One of the latest full assessment's top actions, as the check-in asks about it."""

    id: str
    title: str


def plan_actions(result: Mapping[str, Any] | None) -> list[PlanAction]:
    """The top actions of a saved full result's plan (those not held back, the first SHOWN of
    them, as the summary and page one list them); none without a result."""
    actions = ((result or {}).get("plan") or {}).get("actions") or []
    top = [a for a in actions if isinstance(a, Mapping) and not a.get("held_back")][:SHOWN]
    return _actions(top)


def asked_actions(result: Mapping[str, Any] | None) -> list[PlanAction]:
    """The actions a saved check-in asked about, in its order."""
    return _actions((result or {}).get("actions") or [])


def _actions(saved: Sequence[Any]) -> list[PlanAction]:
    """Saved actions as PlanActions; one whose id could not be a bank id (a damaged or foreign
    entry) is left out."""
    return [
        PlanAction(a["id"], str(a.get("title") or a["id"]))
        for a in saved
        if isinstance(a, Mapping) and isinstance(a.get("id"), str) and _ID.fullmatch(a["id"])
    ]


def title(bank: Bank, action: PlanAction) -> str:
    """The action's title in the bank now, or as saved when the bank no longer has it."""
    return next((a.title for a in bank.actions if a.id == action.id), action.title)


def done_id(action_id: str) -> str:
    return f"{DONE_PREFIX}{action_id}"


def questions(bank: Bank, actions: Sequence[PlanAction] = ()) -> Bank:
    """The check-in's questions as a Bank of one section: the bank's check-in questions (always
    asked: a check-in has no `show_if`), then one yes/no question per action. The action's title
    is the bank's current one where it still has the action. No red flags, nothing scored."""
    spec = bank.check_in
    if spec is None:
        raise BankError([f"{bank.source}: " + _("this question bank has no check_in block")])
    asked = [bank.question(qid).model_copy(update={"show_if": None}) for qid in spec.questions]
    for action in actions:
        asked.append(
            Question(
                id=done_id(action.id),
                type="yesno",
                text=spec.done.text.format(action=title(bank, action)),
                help=spec.done.help,
                scores=False,
            )
        )
    section = Section(id=SECTION_ID, title=spec.title, intro=spec.intro, questions=asked)
    ids = "|".join(a.id for a in actions)
    made = Bank(
        title=spec.title,
        factors=bank.factors,
        bands=bank.bands,
        sections=[section],
        fixed_questions="some",
    )
    return made.model_copy(
        update={
            "source": bank.source,
            # a draft of a check-in belongs to this bank and these actions
            "sha256": hashlib.sha256(f"{bank.sha256}|{KIND}|{ids}".encode()).hexdigest(),
        }
    )


def load(
    asked: Bank, path: str, actions: Sequence[PlanAction], *, partial: bool = False
) -> dict[str, Any]:
    """Read and check a check-in answers file: every problem names the file, line and key."""
    data, lines = answers_mod.read_file(path)
    for key in data:
        if isinstance(key, str) and key.startswith(DONE_PREFIX) and not asked.has_question(key):
            line = yamlfile.line_of(lines, [key])
            where = f"{path}:{line}" if line else str(path)
            if actions:
                listed = ", ".join(done_id(a.id) for a in actions)
                why = _("not one of this check-in's actions ({listed})").format(listed=listed)
            else:
                why = _("there is no full assessment in the history yet, so no action to ask about")
            raise AnswersError(f"{where}: {answers_mod.key_text(key)}: {why}")
    return answers_mod.validate(asked, data, partial=partial, source=str(path), lines=lines)


@dataclass
class Meta:
    program_version: str
    bank_hash: str  # sha256 of the full question bank's bytes
    assessed_at: str  # ISO 8601 with offset
    after: int | None  # the history id of the full assessment whose plan it asks about


@dataclass
class DoneAction:
    id: str
    title: str
    done: bool | None  # None: skipped


@dataclass
class Instruments:
    """The published ratings a check-in has: the pain ratings and PEG, as a full result has
    them (so the trends read both the same way)."""

    pain: PainRatings
    peg: Peg | None


@dataclass
class CheckInResult:
    """What a check-in records. `factors` and `synergy` are empty: a check-in scores no factor,
    and the latest full assessment's stay the ones the report, trends and plan use."""

    kind: str  # always KIND
    meta: Meta
    instruments: Instruments
    sleep_quality: int | None
    stress: int | None
    actions: list[DoneAction]
    factors: dict[str, Any] = field(default_factory=dict)
    synergy: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


def record(
    bank: Bank,
    answers: Mapping[str, Any],
    actions: Sequence[PlanAction],
    *,
    assessed_at: str,
    after: int | None = None,
) -> CheckInResult:
    """The check-in's result from its (checked) answers."""
    a = answers.get

    def rating(key: str) -> PainRating | None:
        value = a(key)
        return None if value is None else PainRating(value, instruments.pain_band(value))

    items = [a(k) for k in instruments.PEG_ITEMS]
    peg = None if None in items else Peg(**instruments.peg(*items))
    return CheckInResult(
        kind=KIND,
        meta=Meta(__version__, bank.sha256, assessed_at, after),
        instruments=Instruments(
            pain=PainRatings(rating("pain_now"), rating("pain_average"), None), peg=peg
        ),
        sleep_quality=a("slp_quality"),
        stress=a("str_level"),
        actions=[
            DoneAction(action.id, title(bank, action), a(done_id(action.id))) for action in actions
        ],
    )


def is_check_in(result: Mapping[str, Any] | None) -> bool:
    """Whether a saved result is a check-in's (a full assessment's has no `kind`)."""
    return isinstance(result, Mapping) and result.get("kind") == KIND


DONE_WORDS = {True: N_("managed"), False: N_("not this week"), None: N_("not answered")}


def summary_lines(result: Mapping[str, Any]) -> list[str]:
    """A saved check-in in a few plain lines (the wizard's end and `report ID` show them)."""
    measures = result.get("instruments") or {}
    pain = measures.get("pain") or {}
    peg = measures.get("peg") or {}

    def value(part: Any, places: int = 0) -> str:
        return decimal(number(part, places)) if isinstance(part, int | float) else "-"

    def rating(key: str) -> str:
        part = pain.get(key)
        return value(part.get("value")) if isinstance(part, Mapping) else "-"

    band = f" ({_(peg['band'])})" if isinstance(peg.get("band"), str) else ""
    lines = [
        _("Back pain now {now}, on average {average} (0-10); PEG {peg}").format(
            now=rating("now"), average=rating("average"), peg=value(peg.get("score"), 1)
        )
        + band,
        _("Sleep {sleep} of 10, stress {stress} of 10").format(
            sleep=value(result.get("sleep_quality")), stress=value(result.get("stress"))
        ),
    ]
    for action in result.get("actions") or []:
        if isinstance(action, Mapping):
            done = DONE_WORDS.get(action.get("done"))
            lines.append(f"{action.get('title')}: {_(done) if done else '-'}")
    return lines

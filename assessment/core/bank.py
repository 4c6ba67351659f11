"""The question bank's records: what a valid `questions.yaml` holds, and how to read it.

The bank is data a clinician may edit, so each mistake is reported as `file:line: field: message`,
all of them at once, instead of failing later in the middle of somebody's assessment. Each
record's annotations are its schema, with the limits of core/schema.py; they are read only when
a bank is validated (core/records.py), never for a bank from the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from assessment.core import expressions, instruments
from assessment.core.leanclass import leanclass
from assessment.core.records import Record, after_check
from assessment.i18n.words import N_

if TYPE_CHECKING:
    from pydantic import Field

    from assessment.core.schema import (
        ChoiceValue,
        Id,
        Milligrams,
        Number,
        Points,
        PointValue,
        QuestionType,
        Whole,
    )


class _Model(Record):
    """A part of the bank: no unknown field, never changed once validated."""


class Factor(_Model):
    id: Id
    name: str
    summary: str = ""
    # Column titles in `fibro-assess history`: a word where the terminal has room, a few letters
    # where it has not (a legend names each factor in full).
    column: Annotated[str | None, Field(min_length=1, max_length=12)] = None
    short: Annotated[str | None, Field(min_length=1, max_length=4)] = None

    @property
    def column_title(self) -> str:
        """The history's word heading: `column`, else the first word of the name."""
        return self.column or self.name.split()[0]

    @property
    def short_title(self) -> str:
        """The history's narrow heading: `short`, else the first three letters of the column."""
        return self.short or self.column_title[:3]


class Habit(_Model):
    id: Id
    name: str


class Band(_Model):
    id: Id
    min: Whole
    max: Whole


class Link(_Model):
    aliases = {"from_": "from"}

    from_: Id
    to: Id
    weight: Annotated[float, Field(allow_inf_nan=False, le=100)]
    reason: str


class Step(_Model):
    below: Number | None = None
    at_least: Number | None = None
    points: PointValue


class ScoreRule(_Model):
    """How a number, a scale or a derived measure turns into points toward one factor."""

    factor: Id
    points: Annotated[PointValue, Field(gt=0)]
    linear: tuple[Number, Number] | None = None
    steps: list[Step] | None = None
    map: dict[str, PointValue] | None = None

    @after_check
    def _one_kind(self) -> ScoreRule:
        kinds = [k for k in ("linear", "steps", "map") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(N_("give exactly one of linear, steps or map"))
        if self.linear is not None and self.linear[0] == self.linear[1]:
            raise ValueError(N_("linear needs two different end values"))
        return self

    def points_for(self, value: Any) -> float:
        """Points this rule gives for a value (never more than `points`, never below 0)."""
        if self.linear is not None:
            lo, hi = self.linear
            fraction = (float(value) - lo) / (hi - lo)
            return self.points * min(1.0, max(0.0, fraction))
        if self.steps is not None:
            for step in self.steps:
                if step.below is not None and not float(value) < step.below:
                    continue
                if step.at_least is not None and not float(value) >= step.at_least:
                    continue
                return min(self.points, step.points)
            return 0.0
        return min(self.points, (self.map or {}).get(str(value), 0.0))


class Derived(ScoreRule):
    measure: str


class Choice(_Model):
    value: ChoiceValue
    label: str
    points: Points = {}


class Fill(_Model):
    """An older key answered from a checklist, so no medicine is asked twice.

    True when `value` is ticked in `question` (and, with `duration`, its how-long answer is one
    of `durations`); false when it is not ticked; unknown when the checklist or the how-long
    answer was skipped.
    """

    question: Id
    value: ChoiceValue
    duration: Id | None = None
    durations: list[str] | None = None

    def value_for(self, answers: dict[str, Any]) -> bool | None:
        ticked = answers.get(self.question)
        if ticked is None:
            return None
        if self.value not in ticked:
            return False
        if self.duration is None:
            return True
        how_long = answers.get(self.duration)
        if how_long is None:
            return None
        return how_long in (self.durations or [])


class Enough(_Model):
    """A follow-up left out once a derived measure, from the answers before it, is healthy.

    `at_least` is where the measure's rules stop giving points: the question feeds the measure
    and can only raise it, so answering it could not change the score (more food cannot make
    magnesium less adequate). `fibro-assess check` holds a bank to that.
    """

    measure: Id
    at_least: Number


class Question(_Model):
    id: Id
    type: QuestionType
    text: str
    label: str | None = None  # the words of its row on a checklist (the text when left out)
    help: str | None = None
    show_if: str | None = None
    # A follow-up behind a screening question: while the answered screen (its show_if) keeps
    # it hidden, it counts as its healthiest answer (no points, its points still possible), so
    # a negative screen scores as the full set answered healthily.
    screened: bool = False
    published: bool = False
    scores: Literal[False] | None = None
    choices: list[Choice] | None = None
    max_points: Points | None = None
    points: Points | None = None
    points_no: Points | None = None
    min: Number | None = None
    max: Number | None = None
    unit: str | None = None
    unit_one: str | None = None  # the unit after the number 1, where it differs ("handful a week")
    integer: bool = False
    min_label: str | None = None
    max_label: str | None = None
    score: list[ScoreRule] | None = None
    intake_mg: Milligrams | None = None
    per: Literal["day", "week"] = "day"
    max_length: Annotated[int, Field(gt=0, le=100_000)] = 2000
    filled_from: Fill | None = None
    # Asked only while the measure (magnesium from the foods before it) is short of healthy.
    enough_when: Enough | None = None

    @property
    def asked(self) -> bool:
        """A question filled from another answer (an older key) is never asked on its own."""
        return self.filled_from is None

    @property
    def skippable(self) -> bool:
        """Published instrument items are scored as published, so they cannot be skipped."""
        return not self.published

    @property
    def lower(self) -> float:
        return self.min if self.min is not None else 0

    @property
    def upper(self) -> float:
        if self.max is not None:
            return self.max
        return 10 if self.type == "scale" else float("inf")

    def choice(self, value: Any) -> Choice | None:
        for choice in self.choices or []:
            if choice.value == value:
                return choice
        return None

    def max_points_by_factor(self) -> Points:
        """The most points an answer can give each factor: the denominator of a factor score."""
        out: Points = {}
        if self.type == "single":
            for choice in self.choices or []:
                for factor, pts in choice.points.items():
                    out[factor] = max(out.get(factor, 0.0), pts)
        elif self.type == "multi":
            for choice in self.choices or []:
                for factor, pts in choice.points.items():
                    out[factor] = out.get(factor, 0.0) + pts
            for factor, cap in (self.max_points or {}).items():
                out[factor] = min(out.get(factor, 0.0), cap)
        elif self.type == "yesno":
            for factor in {*(self.points or {}), *(self.points_no or {})}:
                out[factor] = max(
                    (self.points or {}).get(factor, 0.0), (self.points_no or {}).get(factor, 0.0)
                )
        elif self.type in ("number", "scale"):
            for rule in self.score or []:
                out[rule.factor] = out.get(rule.factor, 0.0) + rule.points
        return out

    def points_for(self, value: Any) -> Points:
        """Points an (already validated, not skipped) answer gives each factor."""
        out: Points = {}
        if self.type == "single":
            choice = self.choice(value)
            out.update(choice.points if choice else {})
        elif self.type == "multi":
            for item in value:
                choice = self.choice(item)
                for factor, pts in (choice.points if choice else {}).items():
                    out[factor] = out.get(factor, 0.0) + pts
            for factor, cap in (self.max_points or {}).items():
                if factor in out:
                    out[factor] = min(out[factor], cap)
        elif self.type == "yesno":
            out.update((self.points if value else self.points_no) or {})
        elif self.type in ("number", "scale"):
            for rule in self.score or []:
                out[rule.factor] = out.get(rule.factor, 0.0) + rule.points_for(value)
        return out


class Checklist(_Model):
    """Yes/no questions a clinician asks together: one screen, tick all that apply.

    The answers stay the items' own (`rf_fever: true`), so scoring, the answers file and the
    exports never see the checklist; only the wizard asks them on one screen.
    """

    id: Id
    text: str
    help: str | None = None
    items: Annotated[list[Id], Field(min_length=2)]


class Grid(_Model):
    """Related questions a clinician asks together, one row each, on one screen (the five pain
    ratings). Each row keeps its own answer, kind and skip; only the wizard sees the grid."""

    id: Id
    text: str  # the short heading over the rows
    help: str | None = None
    items: Annotated[list[Id], Field(min_length=2)]


class Section(_Model):
    id: Id
    title: str
    intro: str | None = None
    questions: Annotated[list[Question], Field(min_length=1)]
    checklists: list[Checklist] = []
    grids: list[Grid] = []


@leanclass(frozen=True)
class Screen:
    """What the wizard shows at once: one question, or the shown items of one checklist or
    grid."""

    id: str
    questions: tuple[Question, ...]
    checklist: Checklist | None = None
    grid: Grid | None = None

    @property
    def text(self) -> str:
        group = self.checklist or self.grid
        return group.text if group else self.questions[0].text


class Level(_Model):
    label: str
    rank: Whole


class Sign(_Model):
    id: Id
    level: str
    message: str
    action: str | None = None  # what to do, in one line (the level's label if left out)
    question: str | None = None  # the question for the doctor this sign puts first


class Combination(_Model):
    id: Id
    when: str
    level: str
    message: str
    action: str | None = None
    question: str | None = None


class HoldBack(_Model):
    """While a flag at `at_level` or above stands, advice that adds exercise or load waits."""

    at_level: str
    line: str


class RedFlags(_Model):
    levels: dict[str, Level]
    signs: list[Sign] = []
    combinations: list[Combination] = []
    hold_back: HoldBack | None = None


class Tip(_Model):
    """A do or don't that only applies to some answers (`when`), such as "Don't smoke"."""

    text: str
    when: str | None = None
    adds_load: bool = False  # held back while an emergency or urgent red flag stands


class Advice(_Model):
    id: Id
    factor: Id | None = None
    habit: Id | None = None
    when: str
    priority: Annotated[int, Field(ge=1, le=3)] = 2
    title: str
    text: str
    do: list[str | Tip] = []
    dont: list[str | Tip] = []
    adds_load: bool = False  # exercise or load advice: held back while a red flag stands

    @after_check
    def _one_target(self) -> Advice:
        if (self.factor is None) == (self.habit is None):
            raise ValueError(N_("give exactly one of factor or habit"))
        return self


class Target(_Model):
    """A healthy range for a number or a 0-10 answer: an answer inside it is left as it is."""

    at_least: Number | None = None
    at_most: Number | None = None

    @after_check
    def _one_bound(self) -> Target:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(N_("give exactly one of at_least or at_most"))
        return self


class Action(_Model):
    """Something a person can change, and the healthy answers that change would give.

    `healthy` maps each question the action changes to its healthy answer: a choice (or a list
    of choices that all count as healthy, the first being the one aimed for), true or false, a
    list of choices for a multiple-choice question, or a Target range for a number.
    """

    id: Id
    title: str
    habit: Id | None = None
    adds_load: bool = False  # adds exercise or load: waits for a doctor after a serious red flag
    unless: str | None = None  # a condition that takes the action off the plan (a fluid limit)
    why: str = ""
    advice: list[Id] = []  # advice whose do's and don'ts go with this action
    healthy: Annotated[
        dict[Id, Target | bool | int | Number | str | list[str | int]], Field(min_length=1)
    ]


class DoctorQuestion(_Model):
    id: Id
    when: str
    text: str
    check: str | None = None  # a check page one lists under "checks suggested" (bone, ...)


class RiskFactor(_Model):
    """A FRAX clinical risk factor the report names on the bone row when `when` holds."""

    id: Id
    label: str
    when: str


class ScoreFloor(_Model):
    """A rule that raises a factor's score to at least a band's lower bound when it holds.

    Some single answers outweigh any sum of points: a fragility fracture makes bone risk high.
    """

    id: Id
    factor: Id
    when: str
    band: Id
    reason: str


class CheckInDone(_Model):
    """The check-in's yes/no question for each of the plan's top actions (key `done_<id>`)."""

    text: str  # {action} is the action's title
    help: str | None = None


class CheckIn(_Model):
    """The short check-in between full assessments: which questions it asks, in its order.

    The questions are the bank's own (same text, choices and checks); a check-in asks each of
    them always, whatever its `show_if` in the full questionnaire.
    """

    title: str
    intro: str | None = None
    questions: Annotated[list[Id], Field(min_length=1)]
    done: CheckInDone


class Bank(_Model):
    version: int = 1
    title: str = "Back pain and fibromyalgia self-assessment"
    factors: Annotated[list[Factor], Field(min_length=1)]
    habits: list[Habit] = []
    bands: Annotated[list[Band], Field(min_length=1)]
    links: list[Link] = []
    sections: Annotated[list[Section], Field(min_length=1)]
    derived: list[Derived] = []
    red_flags: RedFlags | None = None
    advice: list[Advice] = []
    doctor_questions: list[DoctorQuestion] = []
    actions: list[Action] = []
    magnesium_baseline_mg: Milligrams = 0
    score_floors: list[ScoreFloor] = []
    frax_risk_factors: list[RiskFactor] = []
    check_in: CheckIn | None = None
    # "some": the bank may leave fixed questions out (core/contract.py); the test banks do.
    fixed_questions: Literal["all", "some"] = "all"

    # Set by load_bank; not part of the file.
    internal = ("source", "sha256", "lang")
    source: str = "questions.yaml"
    sha256: str = ""
    lang: str = "en"  # the language of its words (i18n.bank)
    # Worked out once, when first asked.
    _qindex: dict[str, Question] | None = None
    _lists: dict[str, Checklist | Grid] | None = None
    _places: dict[str, int] | None = None
    _range: tuple[int, int] | None = None

    @property
    def questions(self) -> list[Question]:
        return [q for section in self.sections for q in section.questions]

    def question(self, qid: str) -> Question:
        return self._index()[qid]

    def has_question(self, qid: str) -> bool:
        return qid in self._index()

    def _index(self) -> dict[str, Question]:
        if self._qindex is None:
            self._qindex = {q.id: q for q in self.questions}
        return self._qindex

    def has_screen(self, screen_id: str) -> bool:
        """A question's id or a checklist's: what the wizard's position may be."""
        try:
            self.place(screen_id)
        except KeyError:
            return False
        return True

    def checklist_of(self, qid: str) -> Checklist | None:
        """The checklist a question is an item of, if any."""
        group = self.group_of(qid)
        return group if isinstance(group, Checklist) else None

    def group_of(self, qid: str) -> Checklist | Grid | None:
        """The checklist or grid a question is asked on, if any."""
        if self._lists is None:
            lists: dict[str, Checklist | Grid] = {}
            for section in self.sections:
                for group in [*section.checklists, *section.grids]:
                    for item in group.items:
                        lists.setdefault(item, group)
            self._lists = lists
        return self._lists.get(qid)

    def place(self, screen_id: str) -> int:
        """Where a screen stands in the questionnaire: a checklist or grid stands at its first
        item."""
        if self._places is None:
            places = {q.id: i for i, q in enumerate(self.questions)}
            for section in self.sections:
                for group in [*section.checklists, *section.grids]:
                    at = min(places.get(item, len(places)) for item in group.items)
                    places.setdefault(group.id, at)
                    for item in group.items:
                        places[item] = at
            self._places = places
        return self._places[screen_id]

    def screens(
        self, answers: dict[str, Any], visible: list[Question] | None = None
    ) -> list[Screen]:
        """The screens the wizard shows for these answers, in order: each asked question on its
        own, except a checklist's or a grid's shown items, which share one screen. `visible` is what
        `visible(answers)` gave, where the caller has it already."""
        shown = self.visible(answers) if visible is None else visible
        return self._grouped([q for q in shown if q.asked])

    def _grouped(self, questions: list[Question]) -> list[Screen]:
        out: dict[str, Screen] = {}
        for question in questions:
            group = self.group_of(question.id)
            if group is None:
                out[question.id] = Screen(question.id, (question,))
                continue
            held = out[group.id].questions if group.id in out else ()
            if isinstance(group, Grid):
                out[group.id] = Screen(group.id, (*held, question), grid=group)
            else:
                out[group.id] = Screen(group.id, (*held, question), group)
        return sorted(out.values(), key=lambda screen: self.place(screen.id))

    def screens_left(self, answers: dict[str, Any], screen_id: str) -> int:
        """At most how many screens are left, this one included.

        A follow-up ahead counts unless answers given before this screen already keep it
        hidden; one that hangs on an answer not given yet counts as if it will be shown. So the
        count only goes down as the person moves on, even when an answer brings follow-ups in.
        """
        here = self.place(screen_id)
        shown = {q.id for q in self.visible(answers)}
        left = []
        for question in self.questions:
            if not question.asked or self.place(question.id) < here:
                continue
            names = (
                [r.name for r in expressions.references(question.show_if)]
                if question.show_if
                else []
            )
            settled = question.enough_when is None and all(
                self.has_question(n) and n in answers and self.place(n) < here for n in names
            )
            if not settled or question.id in shown:
                left.append(question)
        return len(self._grouped(left))

    def screen_range(self) -> tuple[int, int]:
        """The fewest and the most screens the wizard can show: every follow-up hidden (each
        show_if false), and every one shown."""
        if self._range is None:
            asked = [q for q in self.questions if q.asked]
            fewest = [q for q in asked if q.show_if is None and q.enough_when is None]
            self._range = len(self._grouped(fewest)), len(self._grouped(asked))
        return self._range

    def typical(self) -> float:
        """The screens of a typical path: halfway between the fewest and the most."""
        fewest, most = self.screen_range()
        return (fewest + most) / 2

    def minutes(self, seconds_a_screen: int = 10) -> int:
        """The welcome screen's estimate: a typical path at `seconds_a_screen` each, in whole
        minutes (at least one)."""
        return max(1, round(self.typical() * seconds_a_screen / 60))

    def typical_left(self, answers: dict[str, Any], screen_id: str) -> float:
        """About how many screens a typical path has left: `screens_left`, which counts every
        follow-up not yet ruled out, scaled as the most screens are to a typical path. So the
        first screen's figure is the welcome's, and it only goes down as `screens_left` does."""
        return self.screens_left(answers, screen_id) * self.typical() / self.screen_range()[1]

    def section_of(self, qid: str) -> Section:
        for section in self.sections:
            if any(q.id == qid for q in section.questions):
                return section
            if any(c.id == qid for c in [*section.checklists, *section.grids]):
                return section
        raise KeyError(qid)

    def band_for(self, score: int | None) -> str | None:
        if score is None:
            return None
        for band in self.bands:
            if band.min <= score <= band.max:
                return band.id
        return None

    def fill(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The answers with each older key filled from its checklist, unless given as such.

        An answers file may still give `mg_ppi` or `rf_steroids` itself; left out (or null), the
        key is worked out from the medicines checklist, so nothing is asked twice.
        """
        filled = dict(answers)
        for question in self.questions:
            if question.filled_from is not None and filled.get(question.id) is None:
                value = question.filled_from.value_for(filled)
                if value is not None or question.id in filled:
                    filled[question.id] = value
        return filled

    def visible(self, answers: dict[str, Any]) -> list[Question]:
        """The questions that count for these answers, in order (filled ones included)."""
        answers = self.fill(answers)
        seen: dict[str, Any] = {q.id: None for q in self.questions}
        shown = []
        for question in self.questions:
            if question.show_if is None or expressions.evaluate(question.show_if, seen):
                if question.enough_when is not None and self._enough(question, seen, shown):
                    continue
                shown.append(question)
                seen[question.id] = answers.get(question.id)
        return shown

    def _enough(self, question: Question, seen: dict[str, Any], shown: list[Question]) -> bool:
        """Whether the answers so far already put the question's measure at healthy."""
        rule = question.enough_when
        assert rule is not None
        foods = [q for q in shown if q.intake_mg is not None]
        if not foods or any(seen.get(q.id) is None for q in foods):
            return False
        intake = [(seen[q.id], q.per, q.intake_mg) for q in foods]
        value = instruments.measures(seen, intake, self.magnesium_baseline_mg).get(rule.measure)
        return value is not None and value >= rule.at_least

    def asked(self, answers: dict[str, Any]) -> list[Question]:
        """The questions the wizard asks for these answers: the visible ones not filled."""
        return [q for q in self.visible(answers) if q.asked]

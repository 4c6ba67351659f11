"""The scoring result as types: what the summary, the JSON output, the report and the history get.

Each part is a dataclass with real fields; `Result.to_dict()` turns the whole into the documented
JSON (docs/result-format.md, which tests/test_result_format.py checks against these types). To
add a field: add it to its dataclass, in the place it should take in the JSON, and a row for it
to the doc's field table. A field's JSON name is its own unless `json_name` says otherwise; a
field marked `internal` stays out of the JSON. Fields with a default (say an optional
`plan: Plan | None = None`) go after those without, as dataclasses require.
"""

from __future__ import annotations

from dataclasses import field, fields, is_dataclass
from typing import Any

from assessment.core.leanclass import leanclass


def json_name(name: str) -> dict[str, Any]:
    """Field metadata: the field's name in the JSON, where Python cannot use it (`from`)."""
    return {"json": name}


INTERNAL = {"internal": True}  # field metadata: kept on the object, left out of the JSON


def plain(value: Any) -> Any:
    """A result part as JSON-ready dicts, lists and scalars, fields in their declared order."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.metadata.get("json", f.name): plain(getattr(value, f.name))
            for f in fields(value)
            if not f.metadata.get("internal")
        }
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


@leanclass
class Meta:
    program_version: str
    bank_hash: str  # sha256 of the question bank's bytes
    bank_title: str
    assessed_at: str  # ISO 8601 with offset
    questions_shown: int = 0  # screens the wizard shows for these answers (a checklist is one)
    lang: str = "en"  # the language the questions were asked and the report is written in


@leanclass
class FactorScore:
    name: str
    score: int | None  # 0-100; None when nothing of the factor was answered
    band: str | None  # the bank's band id (low, moderate, high)
    answered: int
    asked: int
    raised_by: str | None = None  # the score_floors rule that raised the score, if any


@leanclass
class Criteria2016:
    """The 2016 ACR fibromyalgia criteria as worked out from the answers."""

    met: bool
    generalized_pain: bool
    regions_count: int
    regions: dict[str, bool]  # each of the five regions: painful or not
    duration_ok: bool
    wpi_sss_met: bool
    pain_sss_rule: str  # which branch of the WPI/SSS rule applies, in words


@leanclass
class PainRating:
    value: int  # 0-10
    band: str  # none, mild, moderate, severe


@leanclass
class PainRatings:
    now: PainRating | None
    average: PainRating | None
    worst: PainRating | None


@leanclass
class Magnesium:
    intake_mg: int
    rda_mg: int | None
    ratio: float | None


@leanclass
class IbpAsas:
    """ASAS inflammatory back pain (Sieper 2009): features present of 5, met at 4 or more."""

    count: int
    met: bool


@leanclass
class Peg:
    """PEG (Krebs 2009): mean of three 0-10 ratings, one decimal; the band is a chosen reading."""

    score: float
    band: str  # mild (< 4), moderate (4 to < 7), severe (7 and over)


@leanclass
class Instruments:
    """The published instruments and the other measures, each None when an input is missing."""

    wpi: int | None
    wpi_regions: list[str] | None
    sss: int | None
    sss_parts: dict[str, int] | None
    fs: int | None
    fs_band: str | None
    acr2016: Criteria2016 | None
    ost: int | None
    ost_band: str | None
    ost_bands_for: str | None  # "women" or "men": whose table gave the band
    bmi: float | None
    pain: PainRatings
    magnesium: Magnesium | None
    ost_no_band_reason: str | None = None  # "under_45": OST shows its value without a band
    ibp_asas: IbpAsas | None = None  # None when back pain is under 3 months (not asked)
    peg: Peg | None = None
    frax_risk_factors: list[str] = field(default_factory=list)  # labels of those present


@leanclass
class Link:
    from_: str = field(metadata=json_name("from"))
    to: str
    weight: float
    contribution: float
    reason: str


@leanclass
class Lever:
    factor: str
    drop: float  # how far the combined burden falls with this factor resolved
    own: float  # of which its own score
    via: list[str]  # the factors it is linked with, the largest shared part first


@leanclass
class Synergy:
    simple_sum: float
    combined: float
    multiplier: float
    index: float
    links: list[Link]  # strongest first
    levers: list[Lever]  # biggest drop first
    circles: list[list[str]]  # vicious circles


@leanclass
class RedFlag:
    id: str
    level: str
    label: str
    message: str
    action: str = ""  # what to do, in one line: the flag's own, else its level's label
    question: str | None = None  # the question for the doctor this flag puts first


@leanclass
class AdviceItem:
    id: str
    factor: str | None
    habit: str | None
    priority: int
    title: str
    text: str
    do: list[str]
    dont: list[str]


@leanclass
class SuggestedQuestion:
    id: str
    text: str
    red_flag: str | None = None  # the red flag this question is about (these come first)
    check: str | None = None  # a check page one lists: bone, inflammatory_back_pain, ...


@leanclass
class HeldBack:
    """Advice that adds exercise or load, left out while an emergency or urgent flag stands."""

    line: str  # the one line shown instead
    advice: list[str]  # ids of the advice held back


SHOWN = 3  # the top actions the summary, page one and the advice pages lead with


@leanclass(frozen=True)
class LinkFall:
    """How much one link's share of the combined burden falls when an action is done."""

    source: str
    target: str
    fall: float


@leanclass
class PlannedAction:
    """One action of the plan (core/plan.py): the exact fall of the combined burden if done."""

    id: str
    title: str
    habit: str | None  # the habit it changes, or None (alcohol, smoking, stress ...)
    eases: list[str]  # factor ids whose score falls, largest fall first
    drop: float  # fall in the combined burden, 3 decimals
    share: float  # drop / combined burden, a 0-1 fraction, 3 decimals
    held_back: bool  # adds exercise or load while an urgent or emergency red flag stands
    exact: float = field(default=0.0, metadata=INTERNAL)  # the drop unrounded
    falls: dict[str, int] = field(default_factory=dict, metadata=INTERNAL)  # points per factor
    links: tuple[LinkFall, ...] = field(default=(), metadata=INTERNAL)  # largest fall first
    why: str = field(default="", metadata=INTERNAL)  # the bank's one-line reason


@leanclass
class Plan:
    actions: list[PlannedAction]  # drop > 0 only, largest drop first
    together: float  # fall with the top actions not held back done at once, 3 decimals
    exact_together: float = field(default=0.0, metadata=INTERNAL)

    @property
    def top(self) -> list[PlannedAction]:
        """The actions shown first: the best ones that are not held back."""
        return [a for a in self.actions if not a.held_back][:SHOWN]

    @property
    def held_back(self) -> list[PlannedAction]:
        return [a for a in self.actions if a.held_back]


@leanclass
class Result:
    """Everything the summary, the JSON output, the report and the history need."""

    meta: Meta
    factors: dict[str, FactorScore]  # every factor, in bank order
    instruments: Instruments
    synergy: Synergy
    red_flags: list[RedFlag]  # most urgent first
    advice: list[AdviceItem]  # most important first
    suggested_questions: list[SuggestedQuestion]
    skipped: list[str]  # questions shown but not answered
    plan: Plan = field(default_factory=lambda: Plan([], 0.0))  # what to do first
    held_back: HeldBack | None = None
    safety_unanswered: list[str] = field(default_factory=list)  # safety questions left blank
    measures: dict[str, Any] = field(default_factory=dict, repr=False, metadata=INTERNAL)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (docs/result-format.md)."""
        return plain(self)

"""What the report's templates read: a few typed views, one for each part of the report.

render.build_context makes them from the result, the answers and the bank. They hold data only
(numbers, ids, names and sentences from the bank, ready-drawn charts); the words, arrows and
signs of the layout ("of 100", "\u2192", "\u00d7", headings) are the templates' own.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from markupsafe import Markup

from assessment.report.actions import PlanView

PARTS = ("doctor", "plan", "all")  # what `--part` may print: "plan" holds the appendix too


@dataclass
class Page:
    """The document around the sections."""

    lang: str
    paper: str  # the CSS page size: A4 or letter
    bank_title: str
    printed_on: str  # 24 Nov 2026
    printed_iso: str  # 2026-11-24
    assessed_on: str
    part: str = "all"  # which parts are printed: doctor, plan or all
    large_print: bool = False  # text at 14 pt: report.css, part 5


# page one's ways to make room, in turn
FIT_STEPS = ("small_map", "checks_later", "short_flags", "smallest")


@dataclass(frozen=True)
class Fit:
    """How far page one closes up to stay one page: its body map shrinks first, then the checks
    move on to page two, then the red flags keep their first sentences, last the page's type
    is made smaller and the flags keep only their level's action line (the plan has each in
    full). pages.write lays the doctor's part out and takes the first level at which page one
    holds."""

    level: int = 0

    @property
    def small_map(self) -> bool:
        return self.level >= 1

    @property
    def checks_later(self) -> bool:
        return self.level >= 2

    @property
    def short_flags(self) -> bool:
        return self.level >= 3

    @property
    def smallest(self) -> bool:
        return self.level >= 4


@dataclass
class Person:
    name: str | None
    name_shown: str | None  # cut to fit page one; the appendix shows all of it
    name_cut: bool
    age: Any
    sex: str | None  # in the bank's words


@dataclass
class Flag:
    id: str | None
    message: str
    first: str  # the message's first sentence
    rest: str
    action: str = ""  # the flag's own line on what to do, when it says more than the label


@dataclass
class FlagGroup:
    level: str
    label: str
    flags: list[Flag]


@dataclass
class UnansweredSign:
    """A most urgent warning sign whose question was left unanswered."""

    id: str
    level: str
    question: str


@dataclass
class Flags:
    count: int
    groups: list[FlagGroup]  # most urgent level first
    # too many for page one in full: first sentences and action lines there, in full in the plan
    compact: bool
    unanswered: list[UnansweredSign]
    held_back: str | None = None  # exercise advice waits for a doctor: the one line saying so


@dataclass
class Treatment:
    name: str  # in the bank's words
    helped: str | None  # how much it helped, in the bank's words; None when not said


@dataclass
class Visit:
    """What a doctor asks first: the person's concern, how long, the medicines, the checks."""

    main_concern: str | None  # as typed
    first_question: str | None  # the first line of the person's own questions
    back_pain_for: str | None  # how long, in the bank's words
    widespread_for: str | None
    peg: Any  # {score, band} or None
    medicines: list[str]  # one line each, with how long
    checks: list[str]  # the checks suggested, bone first
    treatments: list[Treatment]  # tried, with how each helped


@dataclass
class PainRow:
    key: str  # now, average, worst
    value: int | None
    band: str | None


@dataclass
class Region:
    id: str
    painful: bool


@dataclass
class Criteria:
    """The 2016 fibromyalgia criteria and fibromyalgia severity."""

    met: bool
    generalized_pain: bool | None
    regions_count: int | None
    regions: list[Region]
    duration_ok: bool | None
    rule: str | None  # which branch of the WPI/SSS rule, as the result words it
    wpi: int | None
    sss: int | None
    fs: int | None
    fs_band: str | None


@dataclass
class Change:
    """A factor's change since the previous assessment."""

    direction: str  # up, down, same, or unknown (one of the two scores is missing)
    amount: int | None  # how many points, without sign


@dataclass
class BoneNote:
    """What the bone row adds: the OST value (with its band, or why none) and the FRAX risk
    factors the answers show."""

    ost: int | None
    band: str | None
    no_band_reason: str | None  # "under_45": OST has no band under 45
    frax: list[str]  # labels of the risk factors present


@dataclass
class FactorRow:
    id: str
    name: str
    score: int | None
    band: str | None
    answered: int | None
    asked: int | None
    bar: Markup
    change: Change | None  # None without an earlier assessment
    bone: BoneNote | None = None  # on the row of the factor OST scores toward


@dataclass
class BandRange:
    id: str
    low: int
    high: int
    current: bool


@dataclass
class Factors:
    rows: list[FactorRow]
    bands: list[BandRange]  # the bank's factor bands, lowest first
    previous_on: str | None  # the previous assessment's label, as the trends show it
    painful_areas: list[str]  # in the bank's words
    body_map: Markup


@dataclass
class LeverRow:
    rank: int
    factor: str
    name: str
    drop: float
    own: float
    drop_points: int  # points on the scores' own scale
    own_points: int
    link_points: int  # drop_points - own_points: what it adds through its links
    through_links: float
    percent: int  # of the combined burden
    partners: list[str]
    partners_mid: list[str]  # as they read mid-sentence
    outranks: str | None  # a factor with a higher own score that it still ranks above
    outranks_mid: str | None


@dataclass
class LinkRow:
    source: str
    target: str
    from_name: str
    to_name: str
    contribution: float
    points: int
    reason: str | None


@dataclass
class Circle:
    names: list[str]  # in order around the loop
    reasons: list[str]  # the reason of each link along it


@dataclass
class Synergy:
    """The combined burden, its links and levers, in points on the scores' own scale."""

    multiplier: float | None
    index: float | None
    scored: int  # factors with a score
    sum_points: int
    sum_most: int  # 100 for each scored factor
    combined_points: int
    link_points: int  # what the factors add by feeding one another
    most_points: int  # the combined burden with every scored factor at 100
    diagram: Markup
    burden_bars: Markup
    links: list[LinkRow]  # strongest first
    circles: list[Circle]
    levers: list[LeverRow]  # biggest first
    # the same two charts for the doctor's page two, with ids of their own (both parts may print)
    diagram_brief: Markup = Markup()
    burden_brief: Markup = Markup()


@dataclass
class AdviceEntry:
    id: str | None
    title: str
    text: str
    do: list[str]
    dont: list[str]


@dataclass
class AdviceGroup:
    key: str
    name: str
    is_factor: bool
    entries: list[AdviceEntry]


@dataclass
class DoctorQuestions:
    own: str | None  # the person's own questions, as written
    suggested: list[str]  # those the answers suggest, but for the checks (Visit.checks)
    notes: str | None
    own_cut: bool = False  # `own` is cut short for the doctor's page two; the appendix has it all
    notes_cut: bool = False


@dataclass
class TrendRow:
    name: str
    shown: list[str]  # the latest few values, formatted
    chart: Markup  # a sparkline of all of them


@dataclass
class Trends:
    labels: list[str]  # every assessment, oldest first
    shown_labels: list[str]  # those the table shows
    rows: list[TrendRow]
    other_name: int  # earlier assessments left out: another name
    named_without_name: int  # this one has no name; so many earlier ones have
    check_ins: int = 0  # check-ins drawn in the pain lines between full assessments

    @property
    def count(self) -> int:
        return len(self.labels)


@dataclass
class AnswerRow:
    id: str
    text: str
    answer: str
    ends: str | None  # a scale's ends, printed under the answer
    state: str  # answered, skipped, not-asked, not-answered
    keep_lines: bool


@dataclass
class AnswerSection:
    title: str
    rows: list[AnswerRow]


@dataclass
class SssPart:
    id: str  # the question id (sss_fatigue, ...)
    value: int | None
    most: int


@dataclass
class Methods:
    """The inputs of each published score, so a reader can check the arithmetic."""

    wpi: int | None
    wpi_areas: list[str]
    sss: int | None
    sss_parts: list[SssPart]
    fs_bands: list[BandRange]
    pain_bands: list[BandRange]
    ost: int | None
    ost_band: str | None
    ost_bands_for: str | None
    ost_weight: Any
    ost_age: Any
    sex: Any
    bmi: float | None
    magnesium_mg: int | None
    magnesium_rda: int | None
    skipped: int  # questions skipped


@dataclass
class Report:
    """Every view of one report; each field is a name the templates read."""

    page: Page
    person: Person
    flags: Flags
    visit: Visit
    pain: list[PainRow]
    criteria: Criteria | None
    factors: Factors
    synergy: Synergy
    advice: list[AdviceGroup]  # by factor or habit, without the advice the plan leads with
    plan: PlanView  # what to tackle first: the actions, and the advice that goes with them
    questions: DoctorQuestions
    trends: Trends | None
    answers: list[AnswerSection]
    methods: Methods
    fit: Fit = Fit()

    def names(self) -> dict[str, Any]:
        """The views by name, as the templates see them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

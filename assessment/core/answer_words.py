"""One way to put an answer in words, for the report's appendix and for the terminal's echo.

The two places differ only in a few words (a skip, yes and no, how ticked rows are counted) and
in whether a scale names its ends; each passes its own `Wording`, and the rules stay here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assessment.core.numbers import number
from assessment.i18n.words import N_, _, decimal

if TYPE_CHECKING:
    from assessment.core.bank import Question

LIST_TYPES = ("single", "multi", "yesno", "scale")
"""Question types answered from a list: skipping one is choosing "prefer not to say"."""

AREAS_QUESTION = "wpi_regions"
"""The pain-areas question, whose ticked rows are counted as areas."""


@dataclass(frozen=True)
class Wording:
    """The words one place puts answers in; the defaults are the report's."""

    yes: str = N_("yes")
    no: str = N_("no")
    skipped: str = N_("skipped")
    """A typed answer (number, text) left empty."""
    declined: str = N_("skipped")
    """A list answered "prefer not to say"."""
    none: str = N_("none")
    """Nothing ticked, when the question has no "none" choice of its own to name."""
    ticked: str = ""
    """Before two or more ticked rows, with {count}: "{count} ticked:"; empty: no count."""
    areas_ticked: str = ""
    """The same for the pain areas: "{count} areas ticked:"; empty: as `ticked`."""
    scale_ends: bool = True
    """Name both ends of a labelled scale: "4 of 10 (0 = Not at all, 10 = Completely)"."""


REPORT = Wording()


def answer_words(question: Question, value: Any, wording: Wording = REPORT) -> str:
    """An answer in the words it was chosen by; None (skipped) in the wording's word for it."""
    if value is None:
        return _(wording.declined if question.type in LIST_TYPES else wording.skipped)
    if question.type == "single":
        choice = question.choice(value)
        return choice.label if choice else str(value)
    if question.type == "multi":
        return _ticked(question, value, wording)
    if question.type == "yesno":
        return _(wording.yes if value else wording.no)
    if question.type == "scale":
        # A bare "4" cannot say whether 4 is good or bad: name both ends of the scale.
        said = _("{value} of {top}").format(value=number(value), top=number(question.upper))
        if wording.scale_ends and question.min_label and question.max_label:
            low, high = number(question.lower), number(question.upper)
            said += f" ({low} = {question.min_label}, {high} = {question.max_label})"
        return said
    if question.type == "number":
        unit = question.unit_one if value == 1 and question.unit_one else question.unit
        return f"{decimal(number(value))} {unit}" if unit else decimal(number(value))
    return str(value)


def _ticked(question: Question, value: list[Any], wording: Wording) -> str:
    """Ticked rows by their labels, joined with "; " (labels may hold commas: "Hip or buttock,
    left"); nothing ticked by the question's own "none" label when it has one."""
    labels = [c.label for item in value if (c := question.choice(item))]
    if not labels:
        own = question.choice("none")
        return own.label if own else _(wording.none)
    if len(labels) == 1:
        return labels[0]
    template = _(wording.ticked)
    if question.id == AREAS_QUESTION and wording.areas_ticked:
        template = _(wording.areas_ticked)
    said = "; ".join(labels)
    return f"{template.format(count=len(labels))} {said}" if template else said

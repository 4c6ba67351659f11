"""The summary shown in the terminal after the last answer, as plain lines from Result.to_dict().

Pure: the same result always gives the same lines, every one at most `width` columns wide.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from assessment.core.numbers import number
from assessment.core.safetext import visible_tree
from assessment.core.wording import (
    ESTIMATE_NOTE,
    action_reach,
    count_word,
    held_back,
    listing,
    mid,
    share_words,
    top_actions,
)
from assessment.i18n.words import N_, _, decimal, ngettext
from assessment.terminal.texts import UNICODE, Glyphs

BAR_CELLS = 10
NAME_WIDTH = 28
"""A lever names at most this many of the factors it is linked with, as the PDF's page one does."""


def render(result: Mapping[str, Any], *, glyphs: Glyphs = UNICODE, width: int = 80) -> list[str]:
    """The summary: red flags, factors, combined picture, what to tackle first, criteria.

    Every text in the result (factor names, flag messages from the bank) is made visible first:
    an escape sequence shows as `\\x1b`, so it can neither drive the terminal nor hide text.
    """
    result = visible_tree(result)
    out: list[str] = []
    wrap = _wrapper(width)

    out += _heading(_("Your summary"), glyphs, width)
    flags = result.get("red_flags") or []
    if flags:
        out.append("")
        out += wrap(_("Please act on this first:"))
        for flag in flags:
            words = f"{flag['label']}. {flag['message'].strip()}"
            action = (flag.get("action") or "").strip()
            if action and action != flag["label"]:
                words += f" {action}"
            out += wrap(words, f"  {glyphs.bullet} ", "    ")
        held = result.get("held_back")
        if held:
            out += wrap(held["line"].strip())

    pain = _pain_line(result.get("instruments") or {})
    if pain:
        out.append("")
        out += wrap(pain)

    out.append("")
    out += wrap(_("How much each factor weighs on you (0 to 100):"))
    name_width = max(6, min(NAME_WIDTH, width - 30))
    for factor in result["factors"].values():
        out.append(_factor_row(factor, glyphs, name_width))

    syn = result["synergy"]
    out.append("")
    index = number(syn["index"], 0)
    times = f"{glyphs.times}{decimal(number(syn['multiplier'], 2))}"
    if syn["simple_sum"] and syn["multiplier"] > 1:
        out += wrap(
            _(
                "Combined index: {index} of 100. Because the factors feed one another, together "
                "they weigh {times} their simple sum."
            ).format(index=index, times=times)
        )
    else:
        out += wrap(
            _("Combined index: {index} of 100 (multiplier {times}).").format(
                index=index, times=times
            )
        )

    circles = []
    for circle in syn.get("circles") or []:
        names = [mid(result["factors"][f]["name"]) for f in circle if f in result["factors"]]
        if len(names) >= 2:
            circles.append(listing(names))
    if len(circles) == 1:
        out += wrap(_("Vicious circle: {names} feed each other.").format(names=circles[0]))
    elif circles:
        out += wrap(
            _("Vicious circles, where factors feed each other: {circles}.").format(
                circles="; ".join(circles)
            )
        )

    out.append("")
    out += _actions(result, wrap)
    out += _tangled(result, wrap)

    out.append("")
    out += wrap(_criteria(result.get("instruments") or {}))

    unanswered = result.get("safety_unanswered") or []
    if unanswered:
        out.append("")
        n = len(unanswered)
        out += wrap(
            ngettext(
                "{n} safety question was not answered. Your report names it on page one, so "
                "your doctor can ask.",
                "{n} safety questions were not answered. Your report names them on page one, "
                "so your doctor can ask.",
                n,
            ).format(n=n)
        )

    skipped = result.get("skipped") or []
    if skipped:
        n = len(skipped)
        out.append("")
        out += wrap(
            ngettext(
                "You skipped {n} question; it counts as unknown, not as zero.",
                "You skipped {n} questions; they count as unknown, not as zero.",
                n,
            ).format(n=n)
        )
    return out


def bar(score: int | None, glyphs: Glyphs = UNICODE, cells: int = BAR_CELLS) -> str:
    """A small bar, one cell per 10 points, rounded half up."""
    if score is None:
        return " " * cells
    filled = min(cells, max(0, int(score * cells / 100 + 0.5)))
    return glyphs.full * filled + glyphs.empty * (cells - filled)


def _factor_row(factor: Mapping[str, Any], glyphs: Glyphs, name_width: int) -> str:
    """Name, bar, score and band in columns; the name is shortened when it would not fit."""
    name = _fit(factor["name"], name_width)
    if factor["score"] is None:
        return f"  {name:<{name_width}} " + _("(not answered)")
    return (
        f"  {name:<{name_width}} {bar(factor['score'], glyphs)}  {factor['score']:>3}  "
        f"{band_word(factor['band'])}"
    ).rstrip()


BANDS = {"low": N_("low"), "moderate": N_("moderate"), "high": N_("high")}


def band_word(band: str | None) -> str:
    """A band as the person reads it ("moderate", "modéré"): the bank's own id otherwise."""
    return _(BANDS[band]) if band in BANDS else (band or "")


def _actions(result: Mapping[str, Any], wrap) -> list[str]:
    """The top three actions of the plan, each with what it eases and by about how much."""
    plan = result.get("plan") or {}
    names = {fid: f["name"] for fid, f in result["factors"].items()}
    links = result["synergy"].get("links") or []
    top = top_actions(plan)
    waiting = held_back(plan)
    if not top and not waiting:
        return wrap(
            _("What to tackle first: none of your habits stands out as something to change.")
        )
    out = wrap(
        _(
            "What to tackle first ({note}: how much each change would ease the combined burden):"
        ).format(note=_(ESTIMATE_NOTE))
    )
    for i, action in enumerate(top, 1):
        reach = action_reach(action, names, links)
        share = share_words(action["share"])
        out += wrap(
            _("{title}. {reach} {share} off the combined burden.").format(
                title=action["title"], reach=reach, share=share[0].upper() + share[1:]
            ),
            f"  {i}. ",
            "     ",
        )
    if len(top) > 1:
        together = plan.get("together") or 0.0
        combined = result["synergy"].get("combined") or 0.0
        if combined > 0:
            out += wrap(
                _("All {count} together: {share} off.").format(
                    count=count_word(len(top)), share=share_words(together / combined)
                ),
                "     ",
                "     ",
            )
    for action in waiting:
        out += wrap(
            _(
                "{title}: this waits until a doctor has seen you, because of the warning signs "
                "above."
            ).format(title=action["title"]),
            "  - ",
            "    ",
        )
    return out


def _tangled(result: Mapping[str, Any], wrap) -> list[str]:
    """The factors' levers, named for what they are: the most tangled factors, not advice."""
    factors = result["factors"]
    levers = [lv for lv in result["synergy"].get("levers", []) if lv["drop"] > 0][:3]
    if len(levers) < 2:
        return []
    names = [mid(factors[lv["factor"]]["name"]) for lv in levers if lv["factor"] in factors]
    return wrap(
        _("Most tangled factors, which feed the others most: {names}.").format(names=listing(names))
    )


def _criteria(instruments: Mapping[str, Any]) -> str:
    acr = instruments.get("acr2016")
    if not acr:
        return _("2016 fibromyalgia criteria: not enough answers to check them.")
    if acr["met"]:
        text = _(
            "2016 fibromyalgia criteria: your answers meet the published criteria (pain index "
            "{wpi} of 19, symptom severity {sss} of 12, severity {fs} of 31). A diagnosis is "
            "your doctor's to make."
        )
    else:
        text = _(
            "2016 fibromyalgia criteria: your answers do not meet the published criteria (pain "
            "index {wpi} of 19, symptom severity {sss} of 12, severity {fs} of 31). A diagnosis "
            "is your doctor's to make."
        )
    return text.format(wpi=instruments["wpi"], sss=instruments["sss"], fs=instruments["fs"])


def _pain_line(instruments: Mapping[str, Any]) -> str | None:
    pain = instruments.get("pain") or {}
    parts = [
        f"{_(word)} {pain[key]['value']}"
        for key, word in (("now", N_("now")), ("average", N_("on average")),
                          ("worst", N_("at worst")))
        if pain.get(key)
    ]  # fmt: skip
    if not parts:
        return None
    line = _("Back pain out of 10: {ratings}.").format(ratings=", ".join(parts))
    peg = instruments.get("peg")
    if peg:
        line += " " + _("How much pain gets in the way (PEG): {score} of 10, {band}.").format(
            score=decimal(number(peg["score"], 1)), band=_(PEG_BANDS.get(peg["band"], peg["band"]))
        )
    return line


PEG_BANDS = {"mild": N_("mild"), "moderate": N_("moderate"), "severe": N_("severe")}


def _heading(title: str, glyphs: Glyphs, width: int) -> list[str]:
    return [title[:width], glyphs.rule * min(width, len(title))]


def _wrapper(width: int):
    def wrap(text: str, first: str = "", rest: str = "") -> list[str]:
        return textwrap.wrap(
            text,
            width=width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=True,
            break_on_hyphens=False,
        ) or [first.rstrip()]

    return wrap


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "."

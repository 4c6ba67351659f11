"""The PDF for the doctor: build the views (views.py) from the result, render the templates,
write the PDF.

WeasyPrint is imported only inside `write_pdf`, so starting the wizard stays fast.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2

from assessment.core import instruments as published
from assessment.core import wording
from assessment.core.answer_words import answer_words
from assessment.core.check_in import KIND as CHECK_IN
from assessment.core.numbers import number
from assessment.core.safetext import printable
from assessment.errors import ReportError
from assessment.i18n import formats, words
from assessment.i18n.words import N_, _
from assessment.paths import templates_dir
from assessment.report import actions, charts, pages, palette
from assessment.report import views as v

PAPERS = {"a4": "A4", "letter": "letter"}
LANG = "en"
TEMPLATE = "report.html"

PAIN_KEYS = ("now", "average", "worst")
LEVEL_ORDER = ("emergency", "urgent", "soon")  # when the bank does not rank a flag's level
# signs at these levels are shown in full on page one, which then seldom fits as it is
CROWDING_LEVELS = ("emergency", "urgent")
NAME_SHOWN = 120  # characters of the name on page one; the appendix shows all of it
_render_pdf = pages.render_pdf  # HTML to PDF bytes in one go (the tests draw pieces with it)
FLAGS_IN_FULL = 3  # more red flags than this: page one shows each in one sentence
# Free text shown in the doctor's part, in characters (the appendix shows all of it), so that
# however much was typed the part stays at two pages.
FIRST_QUESTION_SHOWN = 240
OWN_QUESTIONS_SHOWN = 1200
NOTES_SHOWN = 600
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s+(.*))?$", re.S)


@functools.lru_cache(maxsize=4)
def environment(folder: str | None = None) -> jinja2.Environment:
    """The one Jinja environment for the report: autoescaping everywhere, undefined is an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder or str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # {{ _("...") }} and {% trans %} speak the language of the report being rendered
    env.install_gettext_callables(words._, words.ngettext, newstyle=True)
    env.filters["num"] = _fmt_num
    env.filters["words"] = _words
    env.filters["listing"] = wording.listing
    env.filters["signs"] = _signs
    env.globals["colours"] = palette.CSS_VARIABLES
    env.globals["colon"] = words.colon  # ": ", "\u00a0: " in French
    env.globals["semicolon"] = words.semicolon
    # the published scales' sizes, so the templates never write 19, 12 or 31 themselves
    env.globals["scale"] = {
        "wpi": published.WPI_MOST,
        "sss": published.SSS_MOST,
        "fs": published.FS_MOST,
        "pain": published.PAIN_MOST,
        "regions": len(published.REGIONS),
        "regions_needed": published.REGIONS_NEEDED,
    }
    return env


def _fmt_num(value: float | None, places: int = 2) -> str:
    """A number for display (with the language's decimal sign), or an en dash when unknown."""
    return words.decimal(number(value, places, unknown="\u2013"))


# The ids the report puts in words (bands, levels, regions): translated where shown.
ID_WORDS = {
    "low": N_("low"), "moderate": N_("moderate"), "high": N_("high"), "none": N_("none"),
    "mild": N_("mild"), "severe": N_("severe"), "very_severe": N_("very severe"),
    "emergency": N_("emergency"), "urgent": N_("urgent"), "soon": N_("soon"),
    "unknown": N_("unknown"),
}  # fmt: skip


def _words(value: str | None) -> str:
    """An id such as very_severe as words: very severe (in the report's language)."""
    if value is None:
        return _("unknown")
    return _(ID_WORDS[value]) if value in ID_WORDS else str(value).replace("_", " ")


def _signs(text: str | None) -> str:
    """Comparisons and ranges as the rest of the report prints them: \u2265 for >=, 4\u20136."""
    text = str(text or "").replace(">=", "\u2265").replace("<=", "\u2264")
    text = text.replace(" and ", _(" and ")).replace(" or ", _(" or "))  # a rule: WPI ≥ 7 and ...
    return re.sub(r"(?<=\d)-(?=\d)", "\u2013", text)


def _parse_when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    # in this computer's time zone, as the person lived it (and as `fibro-assess history` shows)
    return moment.astimezone() if moment.tzinfo else moment


def _day(moment: date | datetime | None) -> str:
    """An unambiguous date for any reader: 24 Nov 2026, 24 nov. 2026, 24 nov 2026."""
    if moment is None:
        return ""
    if words.current() == "en":
        return f"{moment.day} {moment:%b %Y}"
    return formats.date(moment, words.current())


def _moment_labels(moments: Sequence[datetime | None], last: str) -> list[str]:
    """A date for each assessment, with the time (24 Nov 2026 09:12) where two fall on one day,
    and the seconds where two fall in one minute; `last` stands in for the current
    assessment's date when it is unknown."""
    days = [_day(m) for m in moments]
    minutes = [
        f"{d} {m:%H:%M}" if isinstance(m, datetime) else ""
        for d, m in zip(days, moments, strict=True)
    ]
    labels = []
    for index, (moment, day) in enumerate(zip(moments, days, strict=True)):
        if not day:
            labels.append(last if index == len(moments) - 1 else _("date unknown"))
        elif days.count(day) > 1 and isinstance(moment, datetime):
            same_minute = minutes.count(minutes[index])
            labels.append(
                f"{day} {moment:%H:%M:%S}" if same_minute > 1 else f"{day} {moment:%H:%M}"
            )
        else:
            labels.append(day)
    return labels


def _say(bank: Any, qid: str, value: Any) -> str:
    """An answer in the bank's words; as typed when the bank cannot word it (a saved assessment
    re-rendered with a changed bank)."""
    try:
        return answer_words(bank.question(qid), value)
    except (KeyError, LookupError, TypeError, ValueError):
        return "skipped" if value is None else str(value)


def _area_names(bank: Any) -> dict[str, str]:
    """WPI area ids to the words the bank uses for them."""
    names = {area: area.replace("_", " ") for area in published.WPI_AREAS}
    if bank.has_question("wpi_regions"):
        for choice in bank.question("wpi_regions").choices or []:
            names[str(choice.value)] = str(choice.label)
    return names


def _change(score: int | None, before: int | None) -> v.Change:
    if score is None or before is None:
        return v.Change("unknown", None)
    if score == before:
        return v.Change("same", 0)
    return v.Change("up" if score > before else "down", abs(score - before))


def _bone_factor(bank: Any) -> str | None:
    """The factor the OST band scores toward (the bank's derived measures say which)."""
    return next((d.factor for d in getattr(bank, "derived", []) if d.measure == "ost_band"), None)


def _bone_note(instruments: Mapping) -> v.BoneNote:
    return v.BoneNote(
        ost=instruments.get("ost"),
        band=instruments.get("ost_band"),
        no_band_reason=instruments.get("ost_no_band_reason"),
        frax=list(instruments.get("frax_risk_factors") or []),
    )


def _factor_rows(
    result: Mapping, previous: Mapping | None, bands: Sequence[Any], bone: str | None = None
) -> list[v.FactorRow]:
    earlier = (previous or {}).get("factors", {})
    ticks = [band.max + 0.5 for band in bands[:-1]]  # where one band ends and the next begins
    note = _bone_note(result.get("instruments") or {})
    return [
        v.FactorRow(
            id=fid,
            name=factor.get("name") or _words(fid),
            score=factor.get("score"),
            band=factor.get("band"),
            answered=factor.get("answered"),
            asked=factor.get("asked"),
            bar=charts.factor_bar(
                factor.get("score"),
                factor.get("band"),
                label=factor.get("name") or fid,
                uid=f"bar-{fid}",
                ticks=ticks,
            ),
            change=None
            if previous is None
            else _change(factor.get("score"), (earlier.get(fid) or {}).get("score")),
            bone=note if fid == bone else None,
        )
        for fid, factor in result["factors"].items()
    ]


def _points(value: float | None) -> int:
    """A synergy figure on the scores' own scale: 3.75 (fractions of 100) -> 375."""
    return round(100 * (value or 0))


def _levers(result: Mapping, names: Mapping[str, str]) -> list[v.LeverRow]:
    """The levers, in points like the scores: the drop is the factor's own score plus what it
    adds through its links, so the two parts printed add up to the whole."""
    synergy = result["synergy"]
    combined = synergy.get("combined") or 0
    links = synergy.get("links") or []
    own_of = {
        fid: (f.get("score") or 0) / 100
        for fid, f in result["factors"].items()
        if f.get("score") is not None
    }
    levers = []
    ranked = synergy.get("levers") or []
    for rank, lever in enumerate(ranked, start=1):
        fid = lever["factor"]
        own = lever.get("own", own_of.get(fid, 0)) or 0
        drop = lever.get("drop") or 0
        # its partners: the factors it is linked with, the largest shared part first ("via";
        # from the links, which come largest first, for a result saved without it)
        partners = [names.get(other, _words(other)) for other in wording.partners(lever, links)]
        below = [other for other in ranked[rank:] if own_of.get(other["factor"], 0) > own + 1e-9]
        drop_points, own_points = _points(drop), _points(own)
        outranks = names.get(below[0]["factor"], below[0]["factor"]) if below else None
        levers.append(
            v.LeverRow(
                rank=rank,
                factor=fid,
                name=names.get(fid, _words(fid)),
                drop=drop,
                own=own,
                drop_points=drop_points,
                own_points=own_points,
                link_points=max(drop_points - own_points, 0),
                through_links=max(drop - own, 0.0),
                percent=round(100 * drop / combined) if combined else 0,
                partners=partners,
                partners_mid=[wording.mid(p) for p in partners],
                outranks=outranks,
                outranks_mid=wording.mid(outranks) if outranks else None,
            )
        )
    return levers


def _circle(circle: Sequence[str], names: Mapping[str, str], links: Sequence[Mapping]) -> v.Circle:
    """A vicious circle: its factors' names in order, with the reason of each link along it."""
    steps = [(circle[i], circle[(i + 1) % len(circle)]) for i in range(len(circle))]
    reasons = {(link["from"], link["to"]): link.get("reason") for link in links}
    return v.Circle(
        names=[names.get(f, _words(f)) for f in circle],
        reasons=[reasons[step] for step in steps if reasons.get(step)],
    )


def _flag_rank(bank: Any) -> dict[str, int]:
    """Each red-flag level's urgency, higher first: from the bank, else the usual three."""
    ranks = {level: len(LEVEL_ORDER) - i for i, level in enumerate(LEVEL_ORDER)}
    levels = getattr(getattr(bank, "red_flags", None), "levels", None) or {}
    for level, spec in dict(levels).items():
        rank = getattr(spec, "rank", None)
        if isinstance(rank, int | float):
            ranks[level] = rank
    return ranks


def _sorted_flags(flags: Sequence[Mapping], ranks: Mapping[str, int]) -> list[Mapping]:
    """The flags exactly as found (none added, none dropped), most urgent level first; within a
    level in the order given."""
    return sorted(flags, key=lambda flag: -ranks.get(flag.get("level") or "soon", 0))


def _unanswered_signs(bank: Any, result: Mapping) -> list[v.UnansweredSign]:
    """The bank's most urgent warning signs (those of its highest level, "emergency") whose
    question was left unanswered: page one names each by its question, so the doctor can ask."""
    signs = list(getattr(getattr(bank, "red_flags", None), "signs", None) or [])
    skipped = set(result.get("skipped") or [])
    ranks = _flag_rank(bank)
    if not signs or not skipped:
        return []
    top = max(ranks.get(sign.level, 0) for sign in signs)
    return [
        v.UnansweredSign(sign.id, sign.level, " ".join(bank.question(sign.id).text.split()))
        for sign in signs
        if sign.id in skipped and ranks.get(sign.level, 0) == top and bank.has_question(sign.id)
    ]


def _flag_groups(flags: Sequence[Mapping]) -> list[v.FlagGroup]:
    """Red flags grouped by level in the order given (sorted most urgent first by the caller),
    each message split into its first sentence and the rest."""
    groups: dict[str, v.FlagGroup] = {}
    for flag in flags:
        level = flag.get("level") or "soon"
        group = groups.setdefault(level, v.FlagGroup(level, flag.get("label") or "", []))
        message = str(flag.get("message") or "").strip()
        match = _FIRST_SENTENCE.match(message)
        first, rest = (match.group(1), match.group(2) or "") if match else (message, "")
        action = str(flag.get("action") or "").strip()
        own = action if action and action != flag.get("label") else ""
        group.flags.append(v.Flag(flag.get("id"), message, first, rest, own))
    return list(groups.values())


def _flags(bank: Any, result: Mapping) -> v.Flags:
    flags = _sorted_flags(result.get("red_flags") or [], _flag_rank(bank))
    return v.Flags(
        count=len(flags),
        groups=_flag_groups(flags),
        compact=len(flags) > FLAGS_IN_FULL,
        unanswered=_unanswered_signs(bank, result),
        held_back=(result.get("held_back") or {}).get("line"),
    )


def _first_question(text: str | None) -> str | None:
    """The person's first own question: up to the first question mark, else the first line."""
    if not text:
        return None
    mark = text.find("?")
    first = " ".join((text[: mark + 1] if mark >= 0 else text.splitlines()[0]).split())
    return _shortened(first, FIRST_QUESTION_SHOWN)[0]


def _shortened(text: str | None, most: int) -> tuple[str | None, bool]:
    """Text cut to about `most` characters at a space, ending in an ellipsis; and whether cut."""
    if text is None or len(text) <= most:
        return text, False
    cut = text[:most]
    space = cut.rfind(" ")
    return (cut[:space] if space > most // 2 else cut).rstrip() + "\u2026", True


def _treatments(bank: Any, answers: Mapping, said: Any) -> list[v.Treatment]:
    """The treatments tried, in the bank's words, with how much each helped."""
    if not bank.has_question("treatments_tried"):
        return []
    question = bank.question("treatments_tried")
    out = []
    for value in answers.get("treatments_tried") or []:
        if value == "none":
            continue
        choice = question.choice(value)
        out.append(
            v.Treatment(
                choice.label if choice else _words(value), said(f"treatment_{value}_helped")
            )
        )
    return out


def _visit(bank: Any, answers: Mapping, result: Mapping) -> v.Visit:
    """Page one's lines on what a doctor asks first, in the person's and the bank's words."""

    def said(qid: str) -> str | None:
        if not bank.has_question(qid) or answers.get(qid) is None:
            return None
        return _say(bank, qid, answers[qid]).lower()

    medicines = []
    ticked = answers.get("medications") if bank.has_question("medications") else None
    for value in ticked or []:
        if value == "none":
            continue
        choice = bank.question("medications").choice(value)
        line = choice.label if choice else _words(value)
        how_long = said(f"med_{value}_duration")
        medicines.append(f"{line} ({how_long})" if how_long else line)
    own = _text(answers.get("doctor_questions"))
    return v.Visit(
        main_concern=_text(answers.get("main_concern")),
        first_question=_first_question(own),
        back_pain_for=said("back_pain_duration"),
        widespread_for=said("widespread_pain_duration"),
        peg=(result.get("instruments") or {}).get("peg"),
        medicines=medicines,
        checks=[q["text"] for q in result.get("suggested_questions") or [] if q.get("check")],
        treatments=_treatments(bank, answers, said),
    )


def _criteria(instruments: Mapping) -> v.Criteria | None:
    acr = instruments.get("acr2016")
    if acr is None:
        return None
    return v.Criteria(
        met=bool(acr.get("met")),
        generalized_pain=acr.get("generalized_pain"),
        regions_count=acr.get("regions_count"),
        regions=[v.Region(rid, bool(on)) for rid, on in (acr.get("regions") or {}).items()],
        duration_ok=acr.get("duration_ok"),
        rule=acr.get("pain_sss_rule") or None,
        wpi=instruments.get("wpi"),
        sss=instruments.get("sss"),
        fs=instruments.get("fs"),
        fs_band=instruments.get("fs_band"),
    )


def _unpack(item: Any) -> tuple[Mapping, str | None]:
    """An earlier assessment as (result, name): a bare result (name unknown), or a saved entry
    with `result` and `answers`, as an object (store.Entry) or a mapping."""
    if isinstance(item, Mapping) and "result" in item and "factors" not in item:
        result, answers = item["result"], item.get("answers")
    elif not isinstance(item, Mapping) and hasattr(item, "result"):
        result, answers = item.result, getattr(item, "answers", None)
    else:
        return item, None
    name = (answers or {}).get("name") if isinstance(answers, Mapping) else None
    return result, _person(name)


def _person(name: Any) -> str | None:
    """A name as written, trimmed; None when not given."""
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else None


def _same_name(one: str, other: str) -> bool:
    return one.casefold() == other.casefold()


def _one_person(
    history: Sequence[Any] | None, name: str | None
) -> tuple[list[Mapping], dict[str, int]]:
    """The earlier results that may be this person's, and counts for the trends' remark.

    On a shared computer the history can hold someone else's assessments. With a name given, an
    earlier assessment under another name is left out: it would mix two people's trends and
    put the other person's health details in this report. Earlier assessments without a name
    are kept (most people use the program alone); the remark says how many were left out, and
    when this assessment has no name, how many earlier ones carry one, without naming anyone.
    """
    kept, other, named = [], 0, 0
    items = [(item, *_unpack(item)) for item in history or []]
    # a check-in carries no name: it goes with the full assessment it followed (meta.after)
    names = {getattr(item, "id", None): found for item, _r, found in items}
    for _item, result, earlier_name in items:
        if result.get("kind") == CHECK_IN:
            earlier_name = names.get((result.get("meta") or {}).get("after"))
        if name and earlier_name and not _same_name(name, earlier_name):
            other += 1
            continue
        named += earlier_name is not None
        kept.append(result)
    return kept, {"other_name": other, "named_without_name": 0 if name else named}


def _history_sorted(history: Sequence[Mapping] | None, result: Mapping) -> list[Mapping]:
    """Earlier results, oldest first, without the current one if it was already stored."""
    here = (result.get("meta") or {}).get("assessed_at")
    earlier = [h for h in history or [] if (h.get("meta") or {}).get("assessed_at") != here]

    def when(entry: Mapping) -> float:
        moment = _parse_when((entry.get("meta") or {}).get("assessed_at"))
        return moment.timestamp() if moment else float("-inf")

    return sorted(earlier, key=when)


TREND_COLUMNS = 6  # the table shows the latest few assessments; the sparkline shows them all


def _trends(
    earlier: list[Mapping],
    result: Mapping,
    today_label: str,
    remark: Mapping[str, int],
    check_ins: Sequence[Mapping] = (),
) -> v.Trends | None:
    """Each factor and a few headline measures over time, oldest first; None without history.

    The table lists full assessments only. The trend lines also run through the check-ins
    between them (`check_ins`, oldest first): they have pain ratings and PEG but no factor
    scores, so only those lines get a point for a check-in."""
    if not earlier and not check_ins:
        return None
    series = [*earlier, result]
    labels = _moment_labels(
        [_parse_when((r.get("meta") or {}).get("assessed_at")) for r in series], today_label
    )
    timeline = [*_history_sorted([*earlier, *check_ins], result), result]
    points = _moment_labels(
        [_parse_when((r.get("meta") or {}).get("assessed_at")) for r in timeline], today_label
    )
    points = [
        f"{p} (check-in)" if r.get("kind") == CHECK_IN else p
        for p, r in zip(points, timeline, strict=True)
    ]

    def pick(path: Sequence[str], entry: Mapping) -> Any:
        for key in path:
            entry = entry.get(key) if isinstance(entry, Mapping) else None
        return entry

    measures = [
        (factor.get("name") or _words(fid), ("factors", fid, "score"), 100, 0)
        for fid, factor in result["factors"].items()
    ]
    measures += [
        (_("Combined index (0\u2013100)"), ("synergy", "index"), 100, 0),
        (
            _("Average back pain (0\u2013{most})").format(most=published.PAIN_MOST),
            ("instruments", "pain", "average", "value"),
            published.PAIN_MOST,
            0,
        ),
        # PEG (one decimal, as published): earlier results from before PEG was asked have none
        (
            _("PEG: pain, enjoyment, activity (0\u2013{most})").format(most=published.PAIN_MOST),
            ("instruments", "peg", "score"),
            published.PAIN_MOST,
            1,
        ),
        (
            _("Fibromyalgia severity (0\u2013{most})").format(most=published.FS_MOST),
            ("instruments", "fs"),
            published.FS_MOST,
            0,
        ),
    ]
    rows = []
    for name, path, top, places in measures:
        values = [pick(path, entry) for entry in series]
        drawn = [pick(path, entry) for entry in timeline]
        rows.append(
            v.TrendRow(
                name=name,
                shown=[_fmt_num(value, places) for value in values[-TREND_COLUMNS:]],
                chart=charts.trend_chart(
                    list(zip(points, drawn, strict=True)), label=name, top=top
                ),
            )
        )
    return v.Trends(
        labels=labels,
        shown_labels=labels[-TREND_COLUMNS:],
        rows=rows,
        other_name=remark.get("other_name", 0),
        named_without_name=remark.get("named_without_name", 0),
        check_ins=len(check_ins),
    )


def _advice_groups(
    result: Mapping, names: Mapping[str, str], bank: Any, shown_first: set[str] = frozenset()
) -> list[v.AdviceGroup]:
    """Advice grouped by factor or habit, groups in order of their most important item; the
    advice already shown with the plan's top actions (`shown_first`) is not repeated."""
    habit_names = {habit.id: habit.name for habit in bank.habits}
    groups: dict[str, v.AdviceGroup] = {}
    for item in result.get("advice") or []:
        if item.get("id") in shown_first:
            continue
        factor, habit = item.get("factor"), item.get("habit")
        key = factor or habit or "general"
        if key not in groups:
            name = (
                names.get(factor, _words(factor))
                if factor
                else (habit_names.get(key) or _words(key).capitalize())
            )
            groups[key] = v.AdviceGroup(key, name, bool(factor), [])
        groups[key].entries.append(
            v.AdviceEntry(
                id=item.get("id"),
                title=item.get("title") or "",
                text=item.get("text") or "",
                do=list(item.get("do") or []),
                dont=list(item.get("dont") or []),
            )
        )
    return list(groups.values())


def _text(value: Any) -> str | None:
    """Free text as written, trimmed; None when empty."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _appendix(bank: Any, answers: Mapping) -> list[v.AnswerSection]:
    """Every question of the bank with its answer, by section.

    An answer of null is "skipped"; a question an earlier answer hid is "not asked"; a question
    that was shown but has no answer (a partial answers file) is "not answered".
    """
    shown = {question.id for question in bank.visible(dict(answers))}
    out = []
    for section in bank.sections:
        rows = []
        for question in section.questions:
            if question.id not in shown:
                state, words = "not-asked", _("not asked")
            elif question.id not in answers:
                state, words = "not-answered", _("not answered")
            elif answers[question.id] is None:
                state, words = "skipped", _("skipped")
            elif question.type == "multi" and isinstance(answers[question.id], list):
                # one choice per line: the labels themselves may hold commas
                state, words = (
                    "answered",
                    "\n".join(_say(bank, question.id, [item]) for item in answers[question.id])
                    or _say(bank, question.id, []),
                )
            else:
                state, words = "answered", _say(bank, question.id, answers[question.id])
            ends = None
            if state == "answered" and question.type == "scale":
                # "4 of 10 (0 = Very poor, 10 = Very good)": the answer first, the scale's ends
                # under it, so a narrow column breaks between them rather than mid-phrase
                words, ends = _split_ends(words)
            rows.append(
                v.AnswerRow(
                    id=question.id,
                    text=question.text,
                    answer=words,
                    ends=ends,
                    state=state,
                    keep_lines=question.type in ("text", "multi"),
                )
            )
        out.append(v.AnswerSection(section.title, rows))
    return out


def _split_ends(words: str) -> tuple[str, str | None]:
    """ "4 of 10 (0 = Very poor, 10 = Very good)" -> ("4 of 10", "(0 = Very poor, 10 = ...)")."""
    head, sep, tail = words.partition(" (")
    if sep and head and words.endswith(")"):
        return head, sep.strip() + tail
    return words, None


def _methods(result: Mapping, answers: Mapping, area_names: Mapping[str, str]) -> v.Methods:
    """The inputs of each published score, so a reader can check the arithmetic."""
    ins = result.get("instruments") or {}
    sss_parts = ins.get("sss_parts") or {}
    magnesium = ins.get("magnesium") or {}
    return v.Methods(
        wpi=ins.get("wpi"),
        wpi_areas=[area_names.get(a, _words(a)) for a in ins.get("wpi_regions") or []],
        sss=ins.get("sss"),
        sss_parts=[
            v.SssPart(qid, sss_parts.get(qid.removeprefix("sss_")), most)
            for qids, most in (
                (published.SSS_SEVERITY, published.SEVERITY_MOST),
                (published.SSS_SYMPTOMS, published.SYMPTOM_MOST),
            )
            for qid in qids
        ],
        fs_bands=[
            v.BandRange(band, low, high, band == ins.get("fs_band"))
            for band, low, high in published.FS_BAND_RANGES
        ],
        pain_bands=[
            v.BandRange(band, low, high, False) for band, low, high in published.PAIN_BAND_RANGES
        ],
        ost=ins.get("ost"),
        ost_band=ins.get("ost_band"),
        ost_bands_for=ins.get("ost_bands_for"),
        ost_weight=answers.get("weight_kg"),
        ost_age=answers.get("age"),
        sex=answers.get("sex"),
        bmi=ins.get("bmi"),
        magnesium_mg=magnesium.get("intake_mg"),
        magnesium_rda=magnesium.get("rda_mg"),
        skipped=len(result.get("skipped") or []),
    )


def _most_burden(bank: Any, result: Mapping, known: set[str]) -> float:
    """The combined burden with every scored factor at 100 (the index's 100), from the bank's
    links when the result was scored with this bank; else worked back from the rounded index."""
    synergy = result.get("synergy") or {}
    meta = result.get("meta") or {}
    links = getattr(bank, "links", None)
    if links is not None and meta.get("bank_hash") == getattr(bank, "sha256", None):
        return len(known) + sum(
            link.weight for link in links if link.from_ in known and link.to in known
        )
    combined, index = synergy.get("combined") or 0, synergy.get("index") or 0
    return 100 * combined / index if index else max(combined, 1)


def _synergy(bank: Any, result: Mapping, names: Mapping[str, str]) -> v.Synergy:
    """The combined burden in points, on the scores' own scale: 74 + 50 + ... = 375 out of
    700, not 3.75."""
    synergy = result.get("synergy") or {}
    scored = {fid for fid, f in result["factors"].items() if f.get("score") is not None}
    maximum = _most_burden(bank, result, scored)
    sum_points, combined_points = (
        _points(synergy.get("simple_sum")),
        _points(synergy.get("combined")),
    )
    links = synergy.get("links") or []
    nodes = [
        (fid, names[fid], f.get("score"), f.get("band")) for fid, f in result["factors"].items()
    ]
    return v.Synergy(
        multiplier=synergy.get("multiplier"),
        index=synergy.get("index"),
        scored=len(scored),
        sum_points=sum_points,
        sum_most=100 * len(scored),
        combined_points=combined_points,
        link_points=combined_points - sum_points,
        most_points=_points(maximum),
        diagram=charts.link_diagram(nodes, links),
        burden_bars=charts.burden_bars(sum_points, combined_points, _points(maximum)),
        diagram_brief=charts.link_diagram(nodes, links, uid="links-brief"),
        burden_brief=charts.burden_bars(
            sum_points, combined_points, _points(maximum), uid="burden-brief"
        ),
        links=[
            v.LinkRow(
                source=link["from"],
                target=link["to"],
                from_name=names.get(link["from"], link["from"]),
                to_name=names.get(link["to"], link["to"]),
                contribution=link.get("contribution") or 0,
                points=_points(link.get("contribution")),
                reason=link.get("reason"),
            )
            for link in links
        ],
        circles=[_circle(circle, names, links) for circle in synergy.get("circles") or []],
        levers=_levers(result, names),
    )


def _doctor_questions(answers: Mapping, result: Mapping) -> v.DoctorQuestions:
    own, own_cut = _shortened(_text(answers.get("doctor_questions")), OWN_QUESTIONS_SHOWN)
    notes, notes_cut = _shortened(_text(answers.get("notes")), NOTES_SHOWN)
    return v.DoctorQuestions(
        own=own,
        # the checks among them are shown once, as the checks suggested
        suggested=[
            q.get("text") for q in result.get("suggested_questions") or [] if not q.get("check")
        ],
        notes=notes,
        own_cut=own_cut,
        notes_cut=notes_cut,
    )


def build_context(
    bank: Any,
    answers: Mapping,
    result: Mapping,
    *,
    paper: str = "a4",
    history: Sequence[Mapping] | None = None,
    today: date | None = None,
    part: str = "all",
    large_print: bool = False,
) -> v.Report:
    """Every view the templates read, worked out here so the templates only lay it out."""
    if hasattr(result, "to_dict"):
        result = result.to_dict()
    if paper not in PAPERS:
        raise ReportError(f"unknown paper size {paper!r}: use one of {', '.join(PAPERS)}")
    if part not in v.PARTS:
        raise ReportError(f"unknown part {part!r}: use one of {', '.join(v.PARTS)}")
    today = today or date.today()
    meta = result.get("meta") or {}
    instruments = result.get("instruments") or {}
    names = {fid: f.get("name") or _words(fid) for fid, f in result["factors"].items()}
    area_names = _area_names(bank)
    name = _text(answers.get("name"))
    earlier, remark = _one_person(history, _person(name))
    earlier = _history_sorted(earlier, result)
    # check-ins only add points to the pain lines: the comparison is with full assessments
    check_ins = [r for r in earlier if r.get("kind") == CHECK_IN]
    earlier = [r for r in earlier if r.get("kind") != CHECK_IN]
    trends = _trends(earlier, result, _day(today), remark, check_ins)
    sex = answers.get("sex")
    pain = instruments.get("pain") or {}
    painful = instruments.get("wpi_regions") or []
    plan = actions.build(bank, result)

    return v.Report(
        page=v.Page(
            lang=words.current(),
            paper=PAPERS[paper],
            bank_title=meta.get("bank_title") or bank.title,
            printed_on=_day(today),
            printed_iso=today.isoformat(),
            assessed_on=_day(_parse_when(meta.get("assessed_at"))) or _day(today),
            part=part,
            large_print=large_print,
        ),
        person=v.Person(
            name=name,
            name_shown=name[:NAME_SHOWN] if name else None,
            name_cut=bool(name and len(name) > NAME_SHOWN),
            age=answers.get("age"),
            sex=None if sex is None else _say(bank, "sex", sex),
        ),
        flags=_flags(bank, result),
        visit=_visit(bank, answers, result),
        pain=[
            v.PainRow(key, (pain.get(key) or {}).get("value"), (pain.get(key) or {}).get("band"))
            for key in PAIN_KEYS
        ],
        criteria=_criteria(instruments),
        factors=v.Factors(
            rows=_factor_rows(
                result, earlier[-1] if earlier else None, bank.bands, _bone_factor(bank)
            ),
            bands=[v.BandRange(band.id, band.min, band.max, False) for band in bank.bands],
            # as the trends label it: with the time when it was the same day
            previous_on=trends.labels[-2] if trends else None,
            painful_areas=[area_names.get(a, _words(a)) for a in painful],
            body_map=charts.body_map(painful, names=area_names),
        ),
        synergy=_synergy(bank, result, names),
        advice=_advice_groups(result, names, bank, plan.lead_advice_ids),
        plan=plan,
        questions=_doctor_questions(answers, result),
        trends=trends,
        answers=_appendix(bank, answers),
        methods=_methods(result, answers, area_names),
    )


def render_html(
    bank: Any,
    answers: Mapping,
    result: Mapping,
    *,
    fit: v.Fit | None = None,
    **options: Any,
) -> str:
    """The report as HTML, ready for WeasyPrint (and readable in a browser); `options` are
    build_context's (paper, history, today, part, large_print)."""
    report = build_context(bank, answers, result, **options)
    return _html(report, fit or v.Fit(), report.page.part)


def _html(report: v.Report, fit: v.Fit, part: str) -> str:
    """The report's HTML with page one fitted as `fit` says, holding the `part` asked for."""
    report = dataclasses.replace(report, fit=fit, page=dataclasses.replace(report.page, part=part))
    try:
        # Escape sequences and bidi overrides in free text or the bank stay out of the PDF.
        return printable(environment().get_template(TEMPLATE).render(report.names()))
    except jinja2.TemplateError as error:
        raise ReportError(f"the report template is broken: {error}") from error


def write_pdf(
    bank: Any,
    answers: Mapping,
    result: Mapping,
    out_path: str | os.PathLike,
    **options: Any,
) -> Path:
    """Render the report and write it atomically to `out_path`; returns the path written.
    `options` are pdf_bytes's (paper, history, today, part, prepared, large_print)."""
    return save_pdf(out_path, lambda: pdf_bytes(bank, answers, result, **options))


def save_pdf(out_path: str | os.PathLike, make: Callable[[], bytes]) -> Path:
    """Write the PDF that `make` returns atomically to `out_path` (its place is taken, and a bad
    one refused, before `make` is called); returns the path written."""
    from assessment.files import private_atomic

    out = _destination(out_path)
    # Private (0600) like the history: the report holds health details.
    with private_atomic(out, "wb", error=ReportError, what="the report") as handle:
        handle.write(make())
    return out


def check_destination(out_path: str | os.PathLike) -> None:
    """Raise ReportError now, as `save_pdf` would, if the report cannot be written to
    `out_path`: for a render begun long before it is saved."""
    from assessment.files import check_writable

    check_writable(_destination(out_path), error=ReportError, what="the report")


def _destination(out_path: str | os.PathLike) -> Path:
    out = Path(out_path).expanduser()
    if out.is_dir():
        raise ReportError(f"cannot write the report to {out}: it is a folder")
    return out


def pdf_bytes(
    bank: Any,
    answers: Mapping,
    result: Mapping,
    *,
    paper: str = "a4",
    history: Sequence[Mapping] | None = None,
    today: date | None = None,
    part: str = "all",
    prepared: Any = None,
    large_print: bool = False,
) -> bytes:
    """The report's PDF (the part asked for: doctor, plan or all), page one fitted.

    `prepared` (report/prepared.py) renders many reports with one set-up, for batch runs and the
    wizard; `large_print` sets the text at 14 pt (report.css, part 5).
    """
    from assessment.report.fetcher import make_fetcher

    report = build_context(
        bank,
        answers,
        result,
        paper=paper,
        history=history,
        today=today,
        part=part,
        large_print=large_print,
    )
    lay_out = (
        prepared.layout if prepared else functools.partial(pages.layout, fetcher=make_fetcher())
    )
    draw = functools.partial(_html, report)
    crowded = any(group.level in CROWDING_LEVELS for group in report.flags.groups)
    return pages.write(draw, part, lay_out, large_print=large_print, crowded=crowded)

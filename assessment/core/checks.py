"""Cross-checks of a question bank that its schema cannot express.

Ids are unique, every reference names something that exists, conditions are safe and name known
questions, weights and points are not negative, bands cover 0-100 without gaps. Each problem is
a location in the file and a message; `loader.load_bank` turns the location into a line number.
"""

from __future__ import annotations

import difflib
import string
from typing import Any

from assessment.core import answers, contract, expressions
from assessment.core.bank import Bank, Question, Target
from assessment.core.instruments import MEASURES
from assessment.core.schema import Points
from assessment.i18n.words import _, ngettext

Loc = tuple[Any, ...]


def check(bank: Bank) -> list[tuple[Loc, str]]:
    """Cross-checks the schema cannot express: ids, references, conditions, weights, bands."""
    problems: list[tuple[Loc, str]] = []
    add = problems.append
    factor_ids = {f.id for f in bank.factors}
    habit_ids = {h.id for h in bank.habits}

    def dupes(items: list[Any], key: str, where: str) -> None:
        seen: set[Any] = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                add(((where, i, key), _("duplicate id {id}").format(id=repr(value))))
            seen.add(value)

    dupes(bank.factors, "id", "factors")
    for key in ("column_title", "short_title"):
        seen_titles: dict[str, str] = {}
        for i, factor in enumerate(bank.factors):
            title = getattr(factor, key).casefold()
            if title in seen_titles:
                field = key.removesuffix("_title")
                add(
                    (
                        ("factors", i, field) if getattr(factor, field) else ("factors", i),
                        _(
                            "factor {id} has the same history column title as {other}: "
                            "give it its own {field}"
                        ).format(id=repr(factor.id), other=repr(seen_titles[title]), field=field),
                    )
                )
            seen_titles.setdefault(title, factor.id)
    dupes(bank.habits, "id", "habits")
    dupes(bank.sections, "id", "sections")
    dupes(bank.advice, "id", "advice")
    dupes(bank.doctor_questions, "id", "doctor_questions")

    def factor_ref(loc: Loc, factor: str) -> None:
        if factor not in factor_ids:
            known = ", ".join(sorted(factor_ids))
            add(
                (
                    loc,
                    _("unknown factor {id} (known: {known})").format(id=repr(factor), known=known),
                )
            )

    # Bands: whole 0..100, in order, no gap, no overlap.
    expected = 0
    for i, band in enumerate(bank.bands):
        if band.min > band.max:
            add(
                (
                    ("bands", i),
                    _("band {id} has min {low} above max {high}").format(
                        id=repr(band.id), low=band.min, high=band.max
                    ),
                )
            )
        if band.min > expected:
            add(
                (
                    ("bands", i, "min"),
                    _("gap in bands: no band covers {low}-{high}").format(
                        low=expected, high=band.min - 1
                    ),
                )
            )
        elif band.min < expected:
            add(
                (
                    ("bands", i, "min"),
                    _("band {id} overlaps the band before it").format(id=repr(band.id)),
                )
            )
        expected = band.max + 1
    if expected <= 100:
        add(
            (
                ("bands",),
                _("gap in bands: no band covers {low}-{high}").format(low=expected, high=100),
            )
        )
    dupes(bank.bands, "id", "bands")

    # Links.
    pairs: set[tuple[str, str]] = set()
    for i, link in enumerate(bank.links):
        factor_ref(("links", i, "from"), link.from_)
        factor_ref(("links", i, "to"), link.to)
        if link.weight < 0:
            add(
                (
                    ("links", i, "weight"),
                    _("weight must not be negative (got {value})").format(value=link.weight),
                )
            )
        if link.from_ == link.to:
            add((("links", i, "to"), _("a factor cannot link to itself")))
        if (link.from_, link.to) in pairs:
            add(
                (
                    ("links", i),
                    _("duplicate link {source} -> {target}").format(
                        source=link.from_, target=link.to
                    ),
                )
            )
        pairs.add((link.from_, link.to))

    # Questions.
    seen_ids: set[str] = set()
    asked_before: set[str] = set()
    all_ids = {q.id for q in bank.questions}
    for s, section in enumerate(bank.sections):
        for j, q in enumerate(section.questions):
            loc: Loc = ("sections", s, "questions", j)
            if q.id in seen_ids:
                add(((*loc, "id"), _("duplicate question id {id}").format(id=repr(q.id))))
            seen_ids.add(q.id)
            problems.extend(_check_question(q, loc, factor_ids))
            problems.extend(_check_enough(bank, q, loc))
            if q.show_if is not None:
                for msg in _check_condition(
                    q.show_if,
                    names=all_ids,
                    factors=factor_ids,
                    allow_measures=False,
                    allow_scores=False,
                ):
                    add(((*loc, "show_if"), msg))
                for ref in _safe_refs(q.show_if):
                    if ref.name in all_ids and ref.name not in asked_before:
                        add(
                            (
                                (*loc, "show_if"),
                                _("show_if names {id}, which is not asked before it").format(
                                    id=repr(ref.name)
                                ),
                            )
                        )
            asked_before.add(q.id)

    problems.extend(_check_checklists(bank))
    problems.extend(_check_grids(bank))

    # Derived measures.
    for i, rule in enumerate(bank.derived):
        if rule.measure not in MEASURES:
            add(
                (
                    ("derived", i, "measure"),
                    _("unknown measure {id} (known: {known})").format(
                        id=repr(rule.measure), known=", ".join(sorted(MEASURES))
                    ),
                )
            )
        factor_ref(("derived", i, "factor"), rule.factor)

    def condition(loc: Loc, text: str) -> None:
        for msg in _check_condition(
            text, names=all_ids, factors=factor_ids, allow_measures=True, allow_scores=True
        ):
            add((loc, msg))

    # Red flags.
    if bank.red_flags is not None:
        levels = set(bank.red_flags.levels)
        for kind in ("signs", "combinations"):
            items = getattr(bank.red_flags, kind)
            dupes(items, "id", f"red_flags.{kind}")
            for i, item in enumerate(items):
                loc = ("red_flags", kind, i)
                if item.level not in levels:
                    add(
                        (
                            (*loc, "level"),
                            _("unknown level {id} (known: {known})").format(
                                id=repr(item.level), known=", ".join(sorted(levels))
                            ),
                        )
                    )
                if kind == "signs":
                    if item.id not in all_ids:
                        add(
                            (
                                (*loc, "id"),
                                _("no question {id} asks about this sign").format(id=repr(item.id)),
                            )
                        )
                    elif bank.question(item.id).type != "yesno":
                        add(
                            (
                                (*loc, "id"),
                                _("question {id} must be a yes/no question").format(
                                    id=repr(item.id)
                                ),
                            )
                        )
                else:
                    condition((*loc, "when"), item.when)

    # Advice and doctor questions.
    for i, item in enumerate(bank.advice):
        if item.factor is not None:
            factor_ref(("advice", i, "factor"), item.factor)
        if item.habit is not None and item.habit not in habit_ids:
            add(
                (
                    ("advice", i, "habit"),
                    _("unknown habit {id} (known: {known})").format(
                        id=repr(item.habit), known=", ".join(sorted(habit_ids))
                    ),
                )
            )
        condition(("advice", i, "when"), item.when)
        for kind in ("do", "dont"):
            for j, tip in enumerate(getattr(item, kind)):
                if not isinstance(tip, str) and tip.when is not None:
                    condition(("advice", i, kind, j, "when"), tip.when)
    for i, item in enumerate(bank.doctor_questions):
        condition(("doctor_questions", i, "when"), item.when)

    # Actions.
    dupes(bank.actions, "id", "actions")
    advice_ids = {a.id for a in bank.advice}
    for i, action in enumerate(bank.actions):
        loc = ("actions", i)
        if action.habit is not None and action.habit not in habit_ids:
            add(
                (
                    (*loc, "habit"),
                    _("unknown habit {id} (known: {known})").format(
                        id=repr(action.habit), known=", ".join(sorted(habit_ids))
                    ),
                )
            )
        if action.unless is not None:
            condition((*loc, "unless"), action.unless)
        for j, aid in enumerate(action.advice):
            if aid not in advice_ids:
                add(((*loc, "advice", j), _("unknown advice {id}").format(id=repr(aid))))
        for qid, healthy in action.healthy.items():
            where = (*loc, "healthy", qid)
            if qid not in all_ids:
                add((where, _("unknown question {id}").format(id=repr(qid))))
                continue
            msg = _check_healthy(bank.question(qid), healthy)
            if msg:
                add((where, msg))
    problems.extend(_check_contract(bank))
    problems.extend(_check_clinical(bank, condition))
    problems.extend(_check_check_in(bank))
    return problems


#: The check-in's key for "did you manage this action?" is this prefix and the action's id.
DONE_PREFIX = "done_"


def _check_check_in(bank: Bank) -> list[tuple[Loc, str]]:
    """The check-in names questions the bank asks, each once, and its done question's wording
    takes the action's title as {action} and nothing else."""
    if bank.check_in is None:
        return []
    out: list[tuple[Loc, str]] = []
    seen: set[str] = set()
    for i, qid in enumerate(bank.check_in.questions):
        loc: Loc = ("check_in", "questions", i)
        if qid in seen:
            out.append((loc, _("{id} is listed twice").format(id=repr(qid))))
        seen.add(qid)
        if qid.startswith(DONE_PREFIX):
            out.append(
                (
                    loc,
                    _("{id}: ids starting {prefix} are the check-in's own").format(
                        id=repr(qid), prefix=repr(DONE_PREFIX)
                    ),
                )
            )
        elif not bank.has_question(qid):
            near = difflib.get_close_matches(qid, [q.id for q in bank.questions], n=1)
            out.append((loc, _("unknown question {id}").format(id=repr(qid)) + _did_you_mean(near)))
        elif not bank.question(qid).asked:
            out.append(
                (
                    loc,
                    _("{id} is filled from another answer, never asked on its own").format(
                        id=repr(qid)
                    ),
                )
            )
    for i, action in enumerate(bank.actions):
        if bank.has_question(DONE_PREFIX + action.id):
            out.append(
                (
                    ("actions", i, "id"),
                    _(
                        "the check-in asks {id} about this action, and a question of the bank "
                        "has that id too"
                    ).format(id=DONE_PREFIX + action.id),
                )
            )
    try:
        fields = {name for _t, name, _f, _c in string.Formatter().parse(bank.check_in.done.text)}
    except ValueError as exc:
        fields = {_("a broken brace ({problem})").format(problem=exc)}
    extra = sorted(str(f) for f in fields - {None, "action"})
    if extra:
        out.append(
            (
                ("check_in", "done", "text"),
                _("only {action} can be filled in, not {fields}").format(
                    action="{action}", fields=", ".join(extra)
                ),
            )
        )
    return out


def _check_contract(bank: Bank) -> list[tuple[Loc, str]]:
    """Each fixed question (core/contract.py) is there, with its type, choices and scale."""
    out: list[tuple[Loc, str]] = []
    where: dict[str, Loc] = {}
    for s, section in enumerate(bank.sections):
        for j, q in enumerate(section.questions):
            where.setdefault(q.id, ("sections", s, "questions", j))
    for qid, loc in where.items():
        q = bank.question(qid)
        fixed = contract.BY_ID.get(qid)
        if fixed is None:
            if q.published:
                published = [f.id for f in contract.FIXED if f.published]
                near = difflib.get_close_matches(qid, published, n=1)
                out.append(
                    (
                        (*loc, "published"),
                        _("{id} is not an item of a published scale the program scores").format(
                            id=repr(qid)
                        )
                        + _did_you_mean(near),
                    )
                )
            continue
        out.extend(_check_fixed(fixed, q, loc))
    if bank.fixed_questions == "all":
        for fixed in contract.FIXED:
            if fixed.id in where:
                continue
            kin = [f.id for f in contract.FIXED if f.reads == fixed.reads and f.id in where]
            loc = (*where[kin[0]], "id") if kin else ("sections",)
            out.append(
                (
                    loc,
                    _(
                        "fixed question {id} is missing (the program reads it for {reads}); "
                        "put it back, or declare fixed_questions: some"
                    ).format(id=repr(fixed.id), reads=_(fixed.reads)),
                )
            )
    return out


def _check_fixed(fixed: contract.Fixed, q: Question, loc: Loc) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []
    why = _("the program reads it for {reads}").format(reads=_(fixed.reads))
    if q.type != fixed.type:
        out.append(
            (
                (*loc, "type"),
                _("fixed question {id} must be a {type} question, not {actual} ({why})").format(
                    id=repr(q.id), type=fixed.type, actual=q.type, why=why
                ),
            )
        )
        return out
    if fixed.published and not q.published:
        out.append(
            (
                (*loc, "published"),
                _(
                    "fixed question {id} is an item of a published scale: give published: true"
                ).format(id=repr(q.id)),
            )
        )
    if fixed.choices:
        values = [c.value for c in q.choices or []]
        missing = [v for v in fixed.choices if v not in values]
        if missing:
            out.append(
                (
                    (*loc, "choices"),
                    ngettext(
                        "fixed question {id} lacks the choice value {values} ({why})",
                        "fixed question {id} lacks the choice values {values} ({why})",
                        len(missing),
                    ).format(id=repr(q.id), values=", ".join(map(repr, missing)), why=why),
                )
            )
        for c, value in enumerate(values):
            if value not in fixed.choices:
                out.append(
                    (
                        (*loc, "choices", c, "value"),
                        _(
                            "fixed question {id} has a choice value {value} that the program "
                            "does not know ({why})"
                        ).format(id=repr(q.id), value=repr(value), why=why),
                    )
                )
    if fixed.scale and (q.lower, q.upper) != fixed.scale:
        low, high = fixed.scale
        out.append(
            (
                (*loc, "max" if q.lower == low else "min"),
                _("fixed question {id} must run from {low} to {high} ({why})").format(
                    id=repr(q.id), low=low, high=high, why=why
                ),
            )
        )
    return out


def _check_healthy(q: Question, healthy: Any) -> str | None:
    """Why an action's healthy answer does not fit its question, or None when it fits."""
    if q.published:
        return _("{id} is part of a published instrument, which an action never changes").format(
            id=repr(q.id)
        )
    if q.type == "text":
        return _("a free-text answer cannot be made healthy")
    if isinstance(healthy, Target):
        if q.type not in ("number", "scale"):
            return _("at_least and at_most are for numbers, not a {type} question").format(
                type=q.type
            )
        bound = healthy.at_least if healthy.at_least is not None else healthy.at_most
        problem = answers.check_value(q, bound)
        return _("healthy answer {problem}").format(problem=problem) if problem else None
    if q.type == "multi" or isinstance(healthy, list):
        if not isinstance(healthy, list) or not healthy:
            return _("give the healthy choices as a list")
        if q.type not in ("single", "multi"):
            return _(
                "a list of healthy choices is for choice questions, not a {type} question"
            ).format(type=q.type)
        for item in healthy:
            if q.choice(item) is None:
                allowed = ", ".join(str(c.value) for c in q.choices or [])
                return _("healthy answer {value} is not one of: {allowed}").format(
                    value=repr(item), allowed=allowed
                )
        return None
    if q.type in ("number", "scale"):
        return _("give a number's healthy answer as at_least or at_most")
    problem = answers.check_value(q, healthy)
    return _("healthy answer {problem}").format(problem=problem) if problem else None


def _check_clinical(bank: Bank, condition) -> list[tuple[Loc, str]]:
    """Fills from a checklist, score floors and the red-flag hold-back name what exists."""
    out: list[tuple[Loc, str]] = []
    band_ids = {b.id for b in bank.bands}
    factor_ids = {f.id for f in bank.factors}
    for s, section in enumerate(bank.sections):
        for j, q in enumerate(section.questions):
            fill = q.filled_from
            if fill is None:
                continue
            loc: Loc = ("sections", s, "questions", j, "filled_from")
            if not bank.has_question(fill.question) or bank.question(fill.question).type != "multi":
                out.append(
                    (
                        (*loc, "question"),
                        _("{id} is not a checklist question").format(id=repr(fill.question)),
                    )
                )
            elif bank.question(fill.question).choice(fill.value) is None:
                out.append(
                    (
                        (*loc, "value"),
                        _("{value} is not a choice of {id}").format(
                            value=repr(fill.value), id=fill.question
                        ),
                    )
                )
            if fill.duration is not None:
                if not bank.has_question(fill.duration):
                    out.append(
                        ((*loc, "duration"), _("no question {id}").format(id=repr(fill.duration)))
                    )
                else:
                    dq = bank.question(fill.duration)
                    for value in fill.durations or []:
                        if dq.choice(value) is None:
                            out.append(
                                (
                                    (*loc, "durations"),
                                    _("{value} is not a choice").format(value=repr(value)),
                                )
                            )
            if q.type != "yesno":
                out.append(((*loc,), _("only a yes/no question can be filled from a checklist")))
    for i, floor in enumerate(bank.score_floors):
        loc = ("score_floors", i)
        if floor.factor not in factor_ids:
            out.append(((*loc, "factor"), _("unknown factor {id}").format(id=repr(floor.factor))))
        if floor.band not in band_ids:
            out.append(((*loc, "band"), _("unknown band {id}").format(id=repr(floor.band))))
        condition((*loc, "when"), floor.when)
    for i, risk in enumerate(bank.frax_risk_factors):
        condition(("frax_risk_factors", i, "when"), risk.when)
    flags = bank.red_flags
    hold = flags.hold_back if flags is not None else None
    if flags is not None and hold is not None and hold.at_level not in flags.levels:
        out.append(
            (
                ("red_flags", "hold_back", "at_level"),
                _("unknown level {id}").format(id=repr(hold.at_level)),
            )
        )
    return out


def _check_checklists(bank: Bank) -> list[tuple[Loc, str]]:
    """A checklist groups yes/no questions of its own section, each on one checklist only, and
    no item's show_if hangs on another item of the same screen."""
    out: list[tuple[Loc, str]] = []
    question_ids = {q.id for q in bank.questions}
    owner: dict[str, str] = {}
    ids: set[str] = set()
    for s, section in enumerate(bank.sections):
        own = {q.id: q for q in section.questions}
        for c, checklist in enumerate(section.checklists):
            loc: Loc = ("sections", s, "checklists", c)
            if checklist.id in question_ids:
                out.append(
                    (
                        (*loc, "id"),
                        _("{id} is already the id of a question").format(id=repr(checklist.id)),
                    )
                )
            elif checklist.id in ids:
                out.append(
                    ((*loc, "id"), _("duplicate checklist id {id}").format(id=repr(checklist.id)))
                )
            ids.add(checklist.id)
            for i, item in enumerate(checklist.items):
                where = (*loc, "items", i)
                q = own.get(item)
                if q is None:
                    out.append(
                        (
                            where,
                            _("{id} is not a question of section {section}").format(
                                id=repr(item), section=repr(section.id)
                            ),
                        )
                    )
                    continue
                if q.type != "yesno" or not q.asked:
                    out.append(
                        (where, _("{id} is not an asked yes/no question").format(id=repr(item)))
                    )
                if item in owner:
                    out.append(
                        (
                            where,
                            _("{id} is already on checklist {checklist}").format(
                                id=repr(item), checklist=repr(owner[item])
                            ),
                        )
                    )
                owner.setdefault(item, checklist.id)
                refs = _safe_refs(q.show_if) if q.show_if else []
                leans_on = [r.name for r in refs if r.name in checklist.items]
                if leans_on:
                    out.append(
                        (
                            where,
                            _(
                                "{id} is shown by {other} on the same checklist: ask it on its "
                                "own screen after it"
                            ).format(id=repr(item), other=repr(leans_on[0])),
                        )
                    )
    return out


def _did_you_mean(near: list[str]) -> str:
    """ "; did you mean 'x'?" after an unknown id, when one of the known ones is close."""
    return _("; did you mean {id}?").format(id=repr(near[0])) if near else ""


GRID_KINDS = ("scale", "single", "number", "yesno")
"""What a grid row can ask in one line: a rating, a choice, a number or a yes/no."""


def _check_grids(bank: Bank) -> list[tuple[Loc, str]]:
    """A grid groups asked questions of its own section that fit one row each, none on a
    checklist or another grid, and no row's show_if hangs on another row of the same grid."""
    out: list[tuple[Loc, str]] = []
    taken = {q.id for q in bank.questions}
    taken |= {c.id for section in bank.sections for c in section.checklists}
    owner = {
        item: c.id for section in bank.sections for c in section.checklists for item in c.items
    }
    ids: set[str] = set()
    for s, section in enumerate(bank.sections):
        own = {q.id: q for q in section.questions}
        for g, grid in enumerate(section.grids):
            loc: Loc = ("sections", s, "grids", g)
            if grid.id in taken:
                message = _("{id} is already the id of a question or checklist")
                out.append(((*loc, "id"), message.format(id=repr(grid.id))))
            elif grid.id in ids:
                message = _("duplicate grid id {id}")
                out.append(((*loc, "id"), message.format(id=repr(grid.id))))
            ids.add(grid.id)
            for i, item in enumerate(grid.items):
                where = (*loc, "items", i)
                q = own.get(item)
                if q is None:
                    message = _("{id} is not a question of section {section}")
                    out.append((where, message.format(id=repr(item), section=repr(section.id))))
                    continue
                if q.type not in GRID_KINDS or not q.asked:
                    message = _("{id} is a {kind} question: a grid row holds a rating, a choice, "
                                "a number or a yes/no")  # fmt: skip
                    out.append((where, message.format(id=repr(item), kind=q.type)))
                if item in owner:
                    message = _("{id} is already on {group}: a question goes on one screen")
                    out.append((where, message.format(id=repr(item), group=repr(owner[item]))))
                owner.setdefault(item, grid.id)
                refs = _safe_refs(q.show_if) if q.show_if else []
                leans_on = [r.name for r in refs if r.name in grid.items]
                if leans_on:
                    message = _("{id} is shown by {other} on the same grid: ask it on its own "
                                "screen after it")  # fmt: skip
                    out.append((where, message.format(id=repr(item), other=repr(leans_on[0]))))
    return out


def _safe_refs(text: str) -> list[expressions.Reference]:
    try:
        return expressions.references(text)
    except expressions.ExpressionError:
        return []


def _check_condition(
    text: str, *, names: set[str], factors: set[str], allow_measures: bool, allow_scores: bool
) -> list[str]:
    try:
        refs = expressions.references(text)
    except expressions.ExpressionError as exc:
        return [_("bad expression: {problem}").format(problem=exc)]
    out = []
    for ref in refs:
        if ref.name in ("score", "band") and allow_scores:
            if ref.attribute is None or ref.attribute not in factors:
                out.append(
                    _("{name} names an unknown factor").format(name=f"{ref.name}.{ref.attribute}")
                )
        elif ref.name in names or (allow_measures and ref.name in MEASURES):
            continue
        else:
            unknown = (
                _("condition names an unknown question or measure {id}")
                if allow_measures
                else _("condition names an unknown question {id}")
            )
            out.append(unknown.format(id=repr(ref.name)))
    return out


def _check_question(q: Question, loc: Loc, factors: set[str]) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []

    def bad(field: str, msg: str) -> None:
        out.append(((*loc, field), msg))

    def points_ok(field_loc: Loc, points: Points | None) -> None:
        for factor, pts in (points or {}).items():
            if factor not in factors:
                out.append(((*field_loc, factor), _("unknown factor {id}").format(id=repr(factor))))
            elif pts < 0:
                out.append(
                    (
                        (*field_loc, factor),
                        _("points must not be negative (got {value})").format(value=pts),
                    )
                )

    allowed = {
        "single": {"choices"},
        "multi": {"choices", "max_points"},
        "yesno": {"points", "points_no"},
        "number": {"min", "max", "unit", "unit_one", "integer", "score", "intake_mg"},
        "scale": {"min", "max", "min_label", "max_label", "score"},
        "text": {"max_length"},
    }[q.type]
    for field in (
        "choices",
        "max_points",
        "points",
        "points_no",
        "min",
        "max",
        "unit",
        "unit_one",
        "min_label",
        "max_label",
        "score",
        "intake_mg",
    ):
        if getattr(q, field) is not None and field not in allowed:
            bad(field, _("a {type} question has no {field}").format(type=q.type, field=field))

    if q.type in ("single", "multi"):
        if not q.choices:
            bad("choices", _("a {type} question needs a list of choices").format(type=q.type))
        else:
            values: set[Any] = set()
            for c, choice in enumerate(q.choices):
                if choice.value in values:
                    out.append(
                        (
                            (*loc, "choices", c, "value"),
                            _("duplicate choice {value}").format(value=repr(choice.value)),
                        )
                    )
                values.add(choice.value)
                points_ok((*loc, "choices", c, "points"), choice.points)
        points_ok((*loc, "max_points"), q.max_points)
    if q.type == "yesno":
        points_ok((*loc, "points"), q.points)
        points_ok((*loc, "points_no"), q.points_no)
    if q.type in ("number", "scale"):
        if q.type == "number" and (q.min is None or q.max is None):
            bad("max" if q.min is not None else "min", _("a number question needs min and max"))
        if q.min is not None and q.max is not None and q.min >= q.max:
            bad("max", _("max ({high}) must be above min ({low})").format(high=q.max, low=q.min))
        for r, rule in enumerate(q.score or []):
            if rule.factor not in factors:
                out.append(
                    (
                        (*loc, "score", r, "factor"),
                        _("unknown factor {id}").format(id=repr(rule.factor)),
                    )
                )
            if rule.map is not None:
                out.append(((*loc, "score", r, "map"), _("map is for derived measures only")))

    if q.screened and q.show_if is None:
        bad("screened", _("a screened follow-up needs the show_if of its screening question"))
    elif q.screened and not _has_healthy_answer(q):
        bad("screened", _("a screened follow-up needs an answer that gives no points"))

    scores = bool(q.max_points_by_factor()) and any(
        v > 0 for v in q.max_points_by_factor().values()
    )
    if q.type in ("single", "multi") and not q.choices:
        pass  # already reported: a choice list without choices
    elif q.type == "text" and q.scores is not False:
        bad("scores", _("free text never scores: add scores: false"))
    elif q.type != "text" and not scores and q.scores is not False and q.intake_mg is None:
        bad("scores", _("this question gives no points to any factor: add points or scores: false"))
    elif scores and q.scores is False:
        bad("scores", _("scores: false, yet the question gives points"))
    return out


def _check_enough(bank: Bank, q: Question, loc: Loc) -> list[tuple[Loc, str]]:
    """An `enough_when` question must feed its measure and be worth nothing once it is healthy:
    it gives no points itself, and every rule on the measure gives none from `at_least` up."""
    rule = q.enough_when
    if rule is None:
        return []
    where = (*loc, "enough_when")
    if rule.measure not in ("magnesium_mg", "magnesium_ratio"):
        return [((*where, "measure"), _("only the magnesium estimate can be enough so far"))]
    if q.intake_mg is None:
        return [(where, _("the question must feed the magnesium estimate (intake_mg)"))]
    if any(v > 0 for v in q.max_points_by_factor().values()):
        return [(where, _("a question left out as enough must give no points itself"))]
    rules = [d for d in bank.derived if d.measure == rule.measure]
    if not rules:
        return [
            (
                (*where, "measure"),
                _("no derived rule scores {measure}").format(measure=rule.measure),
            )
        ]
    for value in (rule.at_least, rule.at_least * 10 + 1000):
        if any(d.points_for(value) > 0 for d in rules):
            return [
                (
                    (*where, "at_least"),
                    _("{measure} at {value} still gives points").format(
                        measure=rule.measure, value=value
                    ),
                )
            ]
    return []


def _has_healthy_answer(q: Question) -> bool:
    """Whether some answer gives no points at all: what a hidden screened follow-up counts as."""
    if q.type == "single":
        return any(not any(c.points.values()) for c in q.choices or [])
    if q.type == "yesno":
        return not any((q.points or {}).values()) or not any((q.points_no or {}).values())
    return True  # a tick list ticks nothing; a number or scale rule starts at no points

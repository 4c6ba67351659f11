"""The action plan: each action's exact counterfactual effect on the combined burden, ranked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import report_support as support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.core import factors, plan, synergy
from assessment.core.bank import Target
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.errors import BankError

DATA = Path(__file__).parent / "data"
BANK = support.bank()
ACTIONS = {a.id: a for a in BANK.actions}
PUBLISHED = ("wpi", "wpi_regions", "sss", "sss_parts", "fs", "fs_band", "acr2016", "ost", "pain")
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def burden(answers: dict[str, Any]) -> float:
    """The combined burden from the factor scores, as the synergy model defines it."""
    edges = [synergy.Edge(link.from_, link.to, link.weight) for link in BANK.links]
    scores = factors.score(BANK, answers).scores
    return synergy.burden({f: s / 100 for f, s in scores.items() if s is not None}, edges)


def listed(answers: dict[str, Any]) -> dict[str, plan.PlannedAction]:
    return {a.id: a for a in assess(BANK, answers).plan.actions}


# --- answers to draw from: the sample, with the actions' questions answered at random ---------


def _values(qid: str) -> st.SearchStrategy:
    question = BANK.question(qid)
    if question.type == "single":
        return st.sampled_from([c.value for c in question.choices])
    if question.type == "multi":
        return st.lists(
            st.sampled_from([c.value for c in question.choices]), unique=True, max_size=4
        )
    if question.type == "yesno":
        return st.booleans()
    low, high = int(question.lower), int(min(question.upper, 400))
    return st.integers(low, high)


ACTION_QUESTIONS = sorted({qid for a in BANK.actions for qid in a.healthy})


@st.composite
def answer_sets(draw, skips: bool = True) -> dict[str, Any]:
    answers = support.sample_answers()
    for qid in ACTION_QUESTIONS:
        value = draw(_values(qid))
        answers[qid] = None if skips and draw(st.integers(0, 9)) == 0 else value
    return answers


# --- the properties ----------------------------------------------------------------------------


@FAST
@given(answers=answer_sets(), action=st.sampled_from(BANK.actions))
def test_an_action_whose_answers_are_already_healthy_is_not_listed(answers, action):
    healthy = plan.counterfactual(BANK, answers, action)
    assert plan.counterfactual(BANK, healthy, action) == healthy
    assert action.id not in listed(healthy)


@FAST
@given(answers=answer_sets())
def test_each_drop_is_the_burden_minus_the_counterfactual_burden_exactly(answers):
    result = assess(BANK, answers)
    before = burden(answers)
    assert result.synergy.combined == round(before, 3)
    for item in result.plan.actions:
        after = burden(plan.counterfactual(BANK, answers, ACTIONS[item.id]))
        assert item.exact == before - after
        assert item.drop == round(before - after, 3)
        assert item.share == round((before - after) / before, 3)
        assert item.exact > 0


def _worse(question, value, healthy) -> st.SearchStrategy:
    """Answers at least as far from healthy as `value`: lower than an at_least target, higher
    than an at_most one, a choice giving every factor at least as many points, a superset."""
    if isinstance(healthy, Target):
        if healthy.at_least is not None:
            return st.integers(int(question.lower), int(value))
        return st.integers(int(value), int(question.upper))
    if question.type == "multi":
        extra = [c.value for c in question.choices if c.value not in value]
        return st.lists(st.sampled_from(extra), unique=True).map(lambda more: [*value, *more])
    now = question.points_for(value)
    dominating = [
        c.value
        for c in question.choices or []
        if all(question.points_for(c.value).get(f, 0) >= p for f, p in now.items())
    ]
    return st.sampled_from(dominating)


@FAST
@given(
    data=st.data(),
    answers=answer_sets(skips=False),
    action=st.sampled_from([a for a in BANK.actions if a.habit is not None]),
)
def test_a_worse_habit_answer_never_lowers_its_actions_drop(data, answers, action):
    qid = data.draw(st.sampled_from(sorted(action.healthy)))
    question = BANK.question(qid)
    # A habit question its screen hides (the bedroom, with good sleep) changes nothing either way.
    worse = dict(answers)
    worse[qid] = data.draw(_worse(question, answers[qid], action.healthy[qid]))
    drop = getattr(listed(answers).get(action.id), "exact", 0.0)
    worse_drop = getattr(listed(worse).get(action.id), "exact", 0.0)
    assert worse_drop >= drop - 1e-12


@FAST
@given(answers=answer_sets())
def test_ranking_is_deterministic_and_by_drop(answers):
    first = assess(BANK, answers).plan
    shuffled = dict(reversed(list(answers.items())))
    again = assess(BANK, shuffled).plan
    assert first == again
    drops = [a.exact for a in first.actions]
    assert drops == sorted(drops, reverse=True)
    ties = [
        (a.id, b.id)
        for a, b in zip(first.actions, first.actions[1:], strict=False)
        if round(a.exact, 12) == round(b.exact, 12)
    ]
    order = [a.id for a in BANK.actions]
    assert all(order.index(a) < order.index(b) for a, b in ties), "ties keep the bank's order"


@FAST
@given(answers=answer_sets(), action=st.sampled_from(BANK.actions))
def test_the_published_instruments_never_change_with_an_action(answers, action):
    changed = plan.counterfactual(BANK, answers, action)
    assert all(not BANK.question(q).published for q in action.healthy)
    before = assess(BANK, answers).to_dict()["instruments"]
    after = assess(BANK, changed).to_dict()["instruments"]
    assert {k: before[k] for k in PUBLISHED} == {k: after[k] for k in PUBLISHED}


# --- how a counterfactual is made --------------------------------------------------------------


def test_a_skipped_answer_stays_unknown_in_the_counterfactual():
    answers = support.sample_answers(water_glasses=None)
    changed = plan.counterfactual(BANK, answers, ACTIONS["water"])
    assert changed["water_glasses"] is None
    assert changed["hab_urine_colour"] == "pale_straw"


def test_an_answer_already_inside_a_healthy_range_stays_as_it_is():
    answers = support.sample_answers(water_glasses=10, hab_sitting_hours=3, hab_seat="car_seat")
    assert plan.counterfactual(BANK, answers, ACTIONS["water"])["water_glasses"] == 10
    sitting = plan.counterfactual(BANK, answers, ACTIONS["sitting"])
    assert sitting["hab_sitting_hours"] == 3 and sitting["hab_seat"] == "car_seat"
    low = plan.counterfactual(BANK, support.sample_answers(), ACTIONS["water"])
    assert low["water_glasses"] == 7


def test_a_multiple_choice_keeps_only_its_healthy_choices():
    answers = support.sample_answers(hab_bedroom=["too_warm", "screens"])
    assert plan.counterfactual(BANK, answers, ACTIONS["naps_screens"])["hab_bedroom"] == [
        "too_warm"
    ]
    assert plan.counterfactual(BANK, answers, ACTIONS["sleep_setup"])["hab_bedroom"] == ["none"]


@pytest.fixture(scope="module")
def small():
    return load_bank(DATA / "banks" / "plan-small.yaml")


def test_the_counterfactual_evaluates_show_if_again(small):
    answers = {"worry": True, "late_screens": True, "screen_hours": 4, "walks": False}
    actions = {a.id: a for a in assess(small, answers).plan.actions}
    # Screens off hides the hours question, so its points go too: sleep falls from 100 to 0,
    # and with it both links (0.5 each): 1 + 0.5 + 0.5.
    assert actions["screens_off"].exact == pytest.approx(2.0)
    assert actions["screens_off"].eases == ["sleep"]
    # Walking reveals the minutes question, which nobody answered: it stays unknown rather
    # than counting as no minutes, so stress is 2 of 3 points (67), not 3 of 4.
    assert actions["walk"].exact == pytest.approx(3.0 - (0.67 + 1 + 0.5 * 0.67 * 2))


def test_together_is_the_fall_with_the_top_three_done_at_once():
    answers = support.sample_answers()
    result = assess(BANK, answers)
    both = answers
    for item in result.plan.top:
        both = plan.counterfactual(BANK, both, ACTIONS[item.id])
    assert result.plan.exact_together == burden(answers) - burden(both)
    assert result.plan.exact_together > max(a.exact for a in result.plan.top)
    assert result.to_dict()["plan"]["together"] == round(result.plan.exact_together, 3)


def test_eases_lists_the_factors_whose_score_falls_largest_first():
    answers = support.sample_answers()
    before = assess(BANK, answers).factors
    for item in assess(BANK, answers).plan.actions:
        after = assess(BANK, plan.counterfactual(BANK, answers, ACTIONS[item.id])).factors
        falls = {f: before[f].score - after[f].score for f in before}
        assert set(item.eases) == {f for f, fall in falls.items() if fall > 0}
        assert [falls[f] for f in item.eases] == sorted(
            (falls[f] for f in item.eases), reverse=True
        )


def test_the_plan_in_json_has_exactly_the_documented_fields():
    data = support.result_for(support.sample_answers())["plan"]
    assert set(data) == {"actions", "together"}
    for item in data["actions"]:
        assert set(item) == {"id", "title", "habit", "eases", "drop", "share", "held_back"}
        assert 0 < item["share"] <= 1 and item["drop"] > 0
        assert item["habit"] is None or item["habit"] in {h.id for h in BANK.habits}
    assert data["actions"][0]["id"] == "ease_stress"


# --- red flags and the fluid limit -------------------------------------------------------------


@pytest.mark.parametrize("flag", ["rf_fever", "rf_leg_weakness"])
def test_a_serious_red_flag_holds_back_exercise_but_keeps_it_in_the_list(flag):
    calm = assess(BANK, support.sample_answers()).plan
    flagged = assess(BANK, support.sample_answers(**{flag: True})).plan
    assert [a.id for a in flagged.actions] == [a.id for a in calm.actions]
    held = {a.id for a in flagged.actions if a.held_back}
    assert held == {"activity"}
    assert "activity" in {a.id for a in calm.top}, "without the flag it is among the top three"
    assert "activity" not in {a.id for a in flagged.top} and len(flagged.top) == 3


def test_a_soon_red_flag_holds_nothing_back():
    result = assess(BANK, support.sample_answers(rf_night_pain=True))
    assert not any(a.held_back for a in result.plan.actions)


def test_a_fluid_limit_takes_the_water_action_off_and_changes_the_water_advice():
    limited = assess(BANK, support.sample_answers(fluid_limit=True))
    assert "water" not in {a.id for a in limited.plan.actions}
    advice = [a.id for a in limited.advice]
    assert "water_fluid_limit" in advice and "water_more" not in advice
    free = assess(BANK, support.sample_answers(fluid_limit=False))
    assert "water" in {a.id for a in free.plan.actions}
    assert "water_more" in [a.id for a in free.advice]


# --- personas: people who differ in one habit get different top actions ------------------------


def healthy_base() -> dict[str, Any]:
    """The sample answers with every action done except eating magnesium-rich foods, which
    stays as in the sample (a common shortfall), so each persona's habit has a rival."""
    answers = support.sample_answers()
    for action in BANK.actions:
        if action.id != "magnesium_foods":
            answers = plan.counterfactual(BANK, answers, action)
    return answers


PERSONAS = {
    "bad sleep set-up": (
        {"hab_mattress_feel": "sagging", "hab_pillow": "too_flat", "hab_sleep_position": "front",
         "hab_bedroom": ["too_light", "noisy", "too_warm"]},
        {"sleep_setup"},
    ),
    "dehydrated": ({"water_glasses": 2, "hab_urine_colour": "amber"}, {"water"}),
    "sitting all day": (
        {"hab_sitting_hours": 11, "hab_seat": "soft_sofa", "hab_sitting_breaks": "rarely"},
        {"sitting"},
    ),
    "poor food": ({"hab_sugary": "several_a_day", "hab_fruit_veg": 0, "hab_dairy": 0}, {"diet"}),
    "head bent and one-sided bags": (
        {"hab_head_position": "well_bent", "hab_carrying": "one_side"},
        {"head_position", "carrying"},
    ),
    "very stressed": (
        {"str_level": 10, "str_too_much": "very_often", "str_worry": "very_often",
         "str_tension": "very_often", "str_on_edge": "very_often",
         "str_switch_off": "nearly_impossible", "str_support": False},
        {"ease_stress"},
    ),
}  # fmt: skip


def persona_plan(name: str) -> plan.Plan:
    return assess(BANK, {**healthy_base(), **PERSONAS[name][0]}).plan


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_each_personas_standout_habit_is_in_its_top_three(name):
    top = [a.id for a in persona_plan(name).top]
    assert PERSONAS[name][1] <= set(top), top


def test_personas_top_actions_differ_except_at_most_one_pair():
    tops = [persona_plan(name).top[0].id for name in PERSONAS]
    pairs = [(a, b) for i, a in enumerate(tops) for b in tops[i + 1 :] if a == b]
    assert len(pairs) <= 1, tops


# --- the bank's cross-checks -------------------------------------------------------------------


def test_action_mistakes_each_name_the_line_and_field():
    path = DATA / "bad-banks" / "action-mistakes.yaml"
    with pytest.raises(BankError) as caught:
        load_bank(path)
    expected = [
        (42, "actions[3].id", "duplicate id 'walk'"),
        (26, "actions[0].habit", "unknown habit 'sleeping'"),
        (28, "actions[0].healthy.wory", "unknown question 'wory'"),
        (32, "actions[1].healthy.walks", "healthy answer 'weekly' is not one of: daily, never"),
        (33, "actions[1].healthy.minutes", "healthy answer 90 is outside 0-60"),
        (37, "actions[2].unless", "unknown question or measure 'nothing_here'"),
        (36, "actions[2].advice[0]", "unknown advice 'calm_advice'"),
        (39, "actions[2].healthy.pain_now", "published instrument, which an action never changes"),
        (40, "actions[2].healthy.walks", "at_least and at_most are for numbers"),
        (41, "actions[2].healthy.minutes", "give a number's healthy answer as at_least or at_most"),
        (45, "actions[3].healthy.worry", "expected true or false, got 'maybe'"),
    ]
    problems = caught.value.problems
    assert len(problems) == len(expected), problems
    for line, field, message in expected:
        prefix = f"{path}:{line}: {field}: "
        assert any(p.startswith(prefix) and message in p for p in problems), (prefix, problems)


def test_every_action_in_the_shipped_bank_can_be_acted_on():
    for action in BANK.actions:
        assert action.why and action.advice, action.id
        assert all(not BANK.question(q).published for q in action.healthy)
    assert {a.habit for a in BANK.actions if a.habit} == {h.id for h in BANK.habits}
    assert [a.id for a in BANK.actions if a.adds_load] == ["activity"]

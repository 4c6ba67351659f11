"""The plan in the report: page one's top three actions, the advice that leads, the reach."""

from __future__ import annotations

import report_support as support

from assessment.report import actions


def view(**changes):
    result = support.result_for(support.sample_answers(**changes))
    return actions.build(support.bank(), result), result


def test_the_top_three_are_the_plans_first_three_not_held_back():
    plan, result = view()
    assert [a.id for a in plan.top] == [a["id"] for a in result["plan"]["actions"][:3]]
    first = plan.top[0]
    assert first.id == "ease_stress" and first.eases == ("Stress",)
    assert first.percent == round(100 * result["plan"]["actions"][0]["share"])
    assert first.why == "Stress keeps muscles braced and narrows the small arteries."
    # stress eases the tangle through its strongest links onward
    assert first.through == (("stress", "poor sleep"), ("stress", "muscle pain"))


def test_each_top_action_carries_the_advice_that_goes_with_it():
    plan, result = view()
    applying = {item["id"] for item in result["advice"]}
    sleep = next(a for a in plan.top if a.id == "sleep_setup")
    assert [item["id"] for item in sleep.advice] == ["bed_mattress", "bed_room"]
    assert all(item["id"] in applying for a in plan.top for item in a.advice)
    assert plan.lead_advice_ids == {item["id"] for a in plan.top for item in a.advice}


def test_held_back_actions_wait_and_leave_the_top_three():
    plan, _ = view(rf_fever=True)
    assert [a.id for a in plan.waiting] == ["activity"]
    assert "activity" not in [a.id for a in plan.top] and len(plan.top) == 3


def test_a_result_without_a_plan_shows_no_actions():
    result = support.result_for(support.sample_answers())
    result.pop("plan")
    plan = actions.build(support.bank(), result)
    assert plan.top == () and plan.together_percent == 0

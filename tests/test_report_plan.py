"""The plan in the report: page one's top three actions, the advice that leads, the reach."""

from __future__ import annotations

import html as htmlmod
import re
from datetime import date

import report_support as support

from assessment.report import actions
from assessment.report import render as report


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


# --- the plan in the page ----------------------------------------------------------------------

TODAY = date(2026, 11, 24)


def page_for(**changes) -> tuple[str, dict]:
    answers = support.sample_answers(**changes)
    result = support.result_for(answers)
    return report.render_html(support.bank(), answers, result, today=TODAY), result


def article(page: str, article_id: str) -> str:
    match = re.search(rf'<article id="{article_id}"[^>]*>(.*?)</article>', page, re.S)
    assert match, f"no article {article_id}"
    inline = re.sub(r"</?(?:strong|em|span)\b[^>]*>", "", match.group(1))
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def test_page_one_lists_the_top_three_with_what_each_eases_and_why_as_model_estimates():
    page, result = page_for()
    summary = article(page, "summary")
    tackle = summary[summary.index("What to tackle first") :]
    assert (
        "Find a daily way to ease stress: eases stress (about 8%), through "
        "stress \u2192 poor sleep." in tackle
    )
    for action in result["plan"]["actions"][:3]:
        assert f"{action['title']}: eases" in tackle
    assert result["plan"]["actions"][3]["title"] not in tackle
    assert "Model estimates from this program's weights, not measurements." in tackle
    assert "All 3 together: about 21% of the combined burden, in which the factors" in tackle
    why = next(a.why for a in support.bank().actions if a.id == "ease_stress")
    assert why in article(page, "advice"), "the reason goes with the first changes"


def test_page_one_says_exercise_waits_for_a_doctor_after_an_urgent_red_flag():
    page, _ = page_for(rf_fever=True)
    tackle = article(page, "summary").split("What to tackle first", 1)[1]
    assert "Move a little more each week waits until a doctor has seen you" in tackle
    assert "Move a little more each week: eases" not in tackle


def test_the_advice_pages_start_with_the_first_changes_dos_and_donts():
    page, result = page_for()
    advice = article(page, "advice")
    # the plan opens with the sample's red flag in full, then the first changes
    assert advice.startswith("Personal advice First: signs that need a doctor, in full SOON")
    changes = advice[advice.index("Your first changes") :]
    assert changes.startswith("Your first changes Find a daily way to ease stress")
    first = re.search(r'<section[^>]*id="first-changes"[^>]*>(.*?)</section>', page, re.S).group(1)
    first = htmlmod.unescape(" ".join(re.sub(r"<[^>]+>", " ", first).split()))
    plan = actions.build(support.bank(), result)
    assert [a.id for a in plan.top] == ["ease_stress", "activity", "sleep_setup"]
    for action in plan.top:
        assert action.advice, action.id
        for item in action.advice:
            for line in item["do"] + item["dont"]:
                assert line in first
            assert advice.count(item["title"]) == 1, "shown once, with its action"


def test_the_interactions_page_shows_which_factors_each_action_reaches():
    page, result = page_for()
    words = article(page, "interactions")
    assert "The most tangled factors" in words and "resolv" not in words.lower()
    reach = words[words.index("Which factors each change reaches") :]
    for action in result["plan"]["actions"]:
        assert action["title"] in reach
    assert (
        "Find a daily way to ease stress stress poor sleep, muscle pain and circulation problems"
        " about 8%" in reach
    )

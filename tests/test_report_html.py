"""The report as HTML, read as text: each section holds what the doctor needs, in order, escaped."""

from __future__ import annotations

import html as htmlmod
import re
import subprocess
import sys
from datetime import date

import jinja2
import markupsafe
import pytest
import report_support as support

from assessment.core import wording
from assessment.core.answer_words import answer_words
from assessment.errors import FibroError, ReportError
from assessment.paths import templates_dir
from assessment.report import render as report

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def sample():
    answers = support.sample_answers()
    return answers, support.result_for(answers)


@pytest.fixture(scope="module")
def page(sample):
    answers, result = sample
    return report.render_html(support.bank(), answers, result, today=TODAY)


def article(page: str, article_id: str) -> str:
    match = re.search(rf'<article id="{article_id}"[^>]*>(.*?)</article>', page, re.S)
    assert match, f"no article {article_id}"
    return match.group(1)


def section(page: str, section_id: str) -> str:
    match = re.search(
        rf'<section id="{section_id}"[^>]*>(.*?)</section>\s*(?:<section|</article)', page, re.S
    )
    assert match, f"no section {section_id}"
    return match.group(1)


def text_of(fragment: str) -> str:
    """Visible text, tags dropped, entities decoded, spaces collapsed."""
    inline = re.sub(r"</?(?:strong|em|span)\b[^>]*>", "", fragment)
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def test_two_parts_in_reading_order_one_article_per_section(page):
    """Issue 10: for your doctor (page one, then page two), your plan (advice, interactions,
    trends when there are any), then the appendix."""
    parts = re.findall(r'<div id="([^"]+)" class="part" data-part="([^"]+)"', page)
    assert parts == [
        ("for-your-doctor", "For your doctor"),
        ("your-plan", "Your plan"),
        ("appendix-part", "Appendix"),
    ]
    ids = re.findall(r'<article id="([^"]+)"', page)
    assert ids == ["summary", "doctor-questions", "advice", "interactions", "appendix", "methods"]
    doctor, plan = page.index('id="for-your-doctor"'), page.index('id="your-plan"')
    assert doctor < page.index('id="doctor-questions"') < plan < page.index('id="advice"')


@pytest.mark.parametrize(
    ("part", "articles"),
    [
        ("doctor", ["summary", "doctor-questions"]),
        ("plan", ["advice", "interactions", "appendix", "methods"]),
    ],
)
def test_a_part_alone_holds_its_own_articles(sample, part, articles):
    answers, result = sample
    page = report.render_html(support.bank(), answers, result, today=TODAY, part=part)
    assert re.findall(r'<article id="([^"]+)"', page) == articles
    title = "your plan" if part == "plan" else "summary for your doctor"
    assert f"<title>Back pain and fibromyalgia self-assessment: {title}</title>" in page
    with pytest.raises(ReportError) as caught:
        report.render_html(support.bank(), answers, result, part="everything")
    assert "everything" in str(caught.value) and "doctor, plan, all" in str(caught.value)


def test_document_has_language_title_and_linked_stylesheet(page):
    assert re.search(r'<html lang="en">', page)
    assert "<title>Back pain and fibromyalgia self-assessment: summary for your doctor</title>" in (
        htmlmod.unescape(page)
    )
    assert '<link rel="stylesheet" href="report.css">' in page
    assert "@page { size: A4; }" in page


def test_summary_holds_person_flags_pain_criteria_factors_and_three_levers(page, sample):
    answers, result = sample
    summary = text_of(article(page, "summary"))
    assert answers["name"] in summary and "age 54" in summary and "Female" in summary
    assert "assessed 24 Nov 2026" in summary
    flag = result["red_flags"][0]
    assert "SOON" in summary and flag["message"] in summary and flag["label"] in summary
    assert "Now 6 moderate" in summary and "Week worst 8 severe" in summary
    assert "Your answers meet the published criteria. Only a doctor can diagnose." in summary
    wpi, sss = result["instruments"]["wpi"], result["instruments"]["sss"]
    assert f"WPI {wpi}/19" in summary and f"SSS {sss}/12" in summary
    assert f"(FS) {result['instruments']['fs']}/31: severe" in summary
    for factor in result["factors"].values():
        assert f"{factor['name']} {factor['score']} {factor['band']}" in summary
    tackle = summary[summary.index("What to tackle first") :]
    titles = [action["title"] for action in result["plan"]["actions"]]
    positions = [tackle.index(f"{title}: eases") for title in titles[:3]]
    assert positions == sorted(positions)
    assert f"{titles[3]}: eases" not in tackle
    assert "Model estimates" in tackle and "resolv" not in tackle


def test_criteria_not_met_is_worded_as_not_meeting_them():
    answers = support.calmer_answers()
    page = report.render_html(support.bank(), answers, support.result_for(answers), today=TODAY)
    summary = text_of(article(page, "summary"))
    assert "Your answers do not meet the published criteria. Only a doctor can diagnose." in summary


def test_body_map_shades_exactly_the_painful_areas(page, sample):
    answers, _ = sample
    painful = set(re.findall(r'class="area painful" data-area="([a-z_]+)"', page))
    assert painful == set(answers["wpi_regions"])
    plain = set(re.findall(r'class="area" data-area="([a-z_]+)"', page))
    areas = {str(choice.value) for choice in support.bank().question("wpi_regions").choices}
    assert plain | painful == areas and len(areas) == 19
    assert "10 of 19" in text_of(article(page, "summary"))


def test_no_red_flags_says_so_calmly():
    answers = support.sample_answers(rf_night_pain=False)
    page = report.render_html(support.bank(), answers, support.result_for(answers), today=TODAY)
    assert "No warning signs that need urgent attention were reported." in page
    assert 'class="box flags' not in page


def _question(qid: str) -> str:
    return " ".join(support.bank().question(qid).text.split())


EMERGENCY_SIGNS = [s.id for s in support.bank().red_flags.signs if s.level == "emergency"]


@pytest.mark.parametrize("night_pain", [False, True], ids=["no flags", "a flag"])
def test_a_skipped_emergency_question_is_named_on_page_one(night_pain):
    """QA round 2: "Prefer not to say" to an emergency-level safety question was invisible on
    page one; now it says so, calmly, under the signs found, so the doctor can ask."""
    skipped, answered = EMERGENCY_SIGNS[0], EMERGENCY_SIGNS[1]
    answers = support.sample_answers(rf_night_pain=night_pain, rf_fever=None)
    answers[skipped] = None
    result = support.result_for(answers)
    assert skipped in result["skipped"] and "rf_fever" in result["skipped"]
    page = report.render_html(support.bank(), answers, result, today=TODAY)
    summary = article(page, "summary")
    block = re.search(
        r'id="red-flags".*?</(?:section|div)>\s*<(?:section id="visit"|div class="row")',
        summary,
        re.S,
    )
    words = text_of(block.group(0))
    assert f"Not answered: {_question(skipped)}" in words
    assert words.count("Not answered:") == 1  # an urgent one (fever) skipped is not named here
    assert _question(answered) not in words and _question("rf_fever") not in words
    assert ('class="box flags' in page) is night_pain


def test_nothing_unanswered_says_nothing_about_it(page):
    assert "Not answered:" not in text_of(article(page, "summary"))


def test_many_red_flags_shrink_to_first_sentences_with_the_full_text_in_the_plan(sample):
    answers = support.sample_answers(**dict.fromkeys(support.RED_FLAG_KEYS, True))
    result = support.result_for(answers)
    page = report.render_html(support.bank(), answers, result, today=TODAY)
    summary = text_of(article(page, "summary"))
    full = text_of(section(page, "red-flags-in-full"))
    assert text_of(article(page, "advice")).startswith(
        "Personal advice First: signs that need a doctor, in full"
    )
    count = len(result["red_flags"])
    assert f"({count}; first sentences here, each in full at the start of the plan)" in summary
    for flag in result["red_flags"]:
        first = report._FIRST_SENTENCE.match(flag["message"]).group(1)
        assert first in summary and flag["message"] in full
    shown = [lv for lv in ("EMERGENCY", "URGENT", "SOON") if lv in summary]
    assert shown[:2] == ["EMERGENCY", "URGENT"]
    assert [summary.index(lv) for lv in shown] == sorted(summary.index(lv) for lv in shown)


def test_interactions_show_diagram_sums_circles_levers_and_the_model_line(page, sample):
    _, result = sample
    part = article(page, "interactions")
    words = text_of(part)
    synergy = result["synergy"]
    strongest = synergy["links"][0]
    names = {fid: f["name"] for fid, f in result["factors"].items()}
    title = re.search(r"<title>(How the factors feed one another[^<]*)</title>", part)[1]
    assert title.startswith(
        "How the factors feed one another, the strongest links: "
        f"{names[strongest['from']]} to {names[strongest['to']]}: "
        f"adds {100 * strongest['contribution']:.0f}"
    )
    widths = [
        float(w)
        for w in re.findall(r'<g class="link"[^>]*><line [^>]*stroke-width="([\d.]+)"', part)
    ]
    assert 0 < len(widths) <= 8 and widths == sorted(widths, reverse=True)
    scores = [f["score"] for f in result["factors"].values() if f["score"] is not None]
    assert f"scores add up to {sum(scores)} out of {100 * len(scores)}" in words
    combined = round(100 * synergy["combined"])
    assert (
        f"adds {combined - sum(scores)}, for a combined burden of {combined}: "
        f"×{synergy['multiplier']:.2f}" in words
    )
    names = {fid: f["name"] for fid, f in result["factors"].items()}
    circle = [names[f] for f in synergy["circles"][0]]
    assert " ⇄ ".join(circle) in words or " → ".join([*circle, circle[0]]) in words
    for lever in synergy["levers"]:
        name, own = names[lever["factor"]], result["factors"][lever["factor"]]["score"]
        drop = round(100 * lever["drop"])
        assert (
            f"{name}: {drop} of the combined burden "
            f"(about {round(100 * lever['drop'] / synergy['combined'])}%), {own} from its own score"
            in words
        )
    assert "The most tangled factors" in words and "resolv" not in words
    assert (
        "The synergy figures are a model: the weights are built from the stated relations above, "
        "not a validated clinical score." in words
    )


def test_a_lever_that_outranks_a_higher_own_score_says_why(page, sample):
    _, result = sample
    words = text_of(article(page, "interactions"))
    scores = {fid: f["score"] for fid, f in result["factors"].items()}
    levers = [lever["factor"] for lever in result["synergy"]["levers"]]
    for rank, fid in enumerate(levers):
        higher_below = [f for f in levers[rank + 1 :] if scores[f] > scores[fid]]
        if higher_below:
            name, other = (result["factors"][f]["name"] for f in (fid, higher_below[0]))
            other = wording.mid(other)  # inside a sentence
            assert f"That is why it ranks above {other}, which scores higher on its own." in words
            assert words.index(f"{name}: ") < words.index(f"ranks above {other}")
            return
    pytest.fail("the sample should have a lever that outranks a higher own score")


def test_advice_in_the_bank_words_grouped_by_factor_most_important_first(page, sample):
    _, result = sample
    words = text_of(article(page, "advice"))
    for item in result["advice"]:
        assert item["title"] in words and item["text"] in words
        for line in item["do"] + item["dont"]:
            assert line in words
    # the plan's first changes lead, with their do's and don'ts; the groups by factor follow,
    # without repeating that advice
    lead = {a["id"] for a in result["plan"]["actions"][:3]}
    led = {aid for action in support.bank().actions if action.id in lead for aid in action.advice}
    rest = [a for a in result["advice"] if a["id"] not in led]
    first_group = rest[0]["factor"] or rest[0]["habit"]
    same = [a["title"] for a in rest if (a["factor"] or a["habit"]) == first_group]
    positions = [words.index(title) for title in same]
    assert positions == sorted(positions)
    assert words.index("Your first changes") < words.index(same[0])
    assert words.index(result["advice"][0]["title"]) < words.index(result["advice"][1]["title"])


def test_page_two_holds_treatments_own_then_suggested_questions_and_the_links_in_brief(
    page, sample
):
    """Issue 10: the doctor's page two: treatments tried and how each helped, the person's own
    questions, then those the answers suggest (the checks among them are on page one, once),
    the notes, and the interactions in brief."""
    answers, result = sample
    words = text_of(article(page, "doctor-questions"))
    assert words.startswith(
        "Treatments and questions Treatments tried Physiotherapy: it helped a little "
        "Massage: it helped a lot Your own questions"
    )
    own = words.index(" ".join(answers["doctor_questions"].split()))
    checks = [q["text"] for q in result["suggested_questions"] if q["check"]]
    others = [q["text"] for q in result["suggested_questions"] if not q["check"]]
    suggested = [words.index(text) for text in others]
    assert checks and suggested and own < min(suggested) and suggested == sorted(suggested)
    assert "Besides the checks suggested in the summary:" in words
    assert not any(text in words for text in checks)
    summary = text_of(article(page, "summary"))
    assert all(summary.count(text) == 1 for text in checks)
    assert " ".join(answers["notes"].split()) in words
    brief = words[words.index("How the factors interact, in brief") :]
    sum_points = sum(f["score"] for f in result["factors"].values() if f["score"] is not None)
    combined = round(100 * result["synergy"]["combined"])
    assert (
        f"The factor scores add up to {sum_points}; counting how they feed one another, the "
        f"combined burden is {combined}, ×{result['synergy']['multiplier']:.2f} the simple sum. "
        "A model estimate" in brief
    )
    # the small diagram and bars carry ids of their own beside the full page's
    assert 'id="links-brief-' in article(page, "doctor-questions")
    assert 'id="burden-brief-hatch"' in article(page, "doctor-questions")


def test_free_text_in_the_doctors_part_is_shortened_and_kept_whole_in_the_appendix(sample):
    answers, _ = sample
    long_questions = "Why does it hurt? " + " ".join(["word"] * 600) + " END"
    answers = {**answers, "doctor_questions": long_questions, "notes": "note " * 300 + "TAIL"}
    page = report.render_html(support.bank(), answers, support.result_for(answers), today=TODAY)
    two = text_of(article(page, "doctor-questions"))
    assert "END" not in two and "TAIL" not in two
    assert two.count("Shortened here: all of it is with your answers in the appendix.") == 2
    own = section(page, "own-questions")
    assert len(text_of(own)) < report.OWN_QUESTIONS_SHOWN + 200 and "word…" in text_of(own)
    appendix = text_of(article(page, "appendix"))
    assert "END" in appendix and "TAIL" in appendix
    assert "First own question: Why does it hurt?" in text_of(article(page, "summary"))


def test_appendix_lists_every_question_with_its_answer_skipped_shown(page, sample):
    answers, result = sample
    bank = support.bank()
    part = article(page, "appendix")
    rows = dict(
        re.findall(r"<tr class=\"[a-z-]+\">\s*<td>(.*?)</td>\s*<td[^>]*>(.*?)</td>", part, re.S)
    )
    rows = {text_of(q): text_of(a) for q, a in rows.items()}
    for question in bank.questions:
        assert text_of(htmlmod.escape(question.text)) in rows, question.id
    for qid in result["skipped"]:
        assert rows[text_of(htmlmod.escape(bank.question(qid).text))] == "skipped"
    shown = {q.id for q in bank.visible(answers)}
    hidden = [q for q in bank.questions if q.id not in shown]
    assert hidden and rows[text_of(htmlmod.escape(hidden[0].text))] == "not asked"
    age = bank.question("age")
    assert rows[text_of(htmlmod.escape(age.text))] == answer_words(age, answers["age"])
    wpi = bank.question("wpi_regions")
    labels = [wpi.choice(area).label for area in answers["wpi_regions"]]
    assert str(markupsafe.escape("\n".join(labels))) in part  # one area a line: labels hold commas
    titles = [text_of(t) for t in re.findall(r"<h2>(.*?)</h2>", part)]
    assert titles == [section.title for section in bank.sections]


def test_methods_show_each_published_score_with_its_source(page, sample):
    answers, result = sample
    words = text_of(article(page, "methods"))
    ins = result["instruments"]
    assert "Semin Arthritis Rheum 2016;46:319–329" in words
    assert "J Rheumatol 2015;42:1494" in words
    assert "Koh LK et al. Osteoporos Int 2001 (women); Adler RA et al." in words
    assert "Serlin RC et al. Pain 1995" in words
    assert f"FS = WPI + SSS = {ins['wpi']} + {ins['sss']} = {ins['fs']}" in words
    assert (
        f"0.2 × ({answers['weight_kg']} − {answers['age']}), decimals dropped = {ins['ost']}"
        in words
    )
    assert "this program's own questions and weights" in words


def test_trends_and_changes_appear_only_with_history(sample):
    answers, result = sample
    earlier_answers = support.calmer_answers()
    earlier = support.result_for(earlier_answers, assessed_at="2026-08-01T09:00:00+00:00")
    page = report.render_html(support.bank(), answers, result, history=[earlier], today=TODAY)
    assert "trends" in re.findall(r'<article id="([^"]+)"', page)
    trends = article(page, "trends")
    assert trends.count('class="chart trend"') == 7 + 4  # the factors, index, pain, PEG, FS
    summary = text_of(article(page, "summary"))
    assert "Since 1 Aug 2026" in summary
    up = result["factors"]["stress"]["score"] - earlier["factors"]["stress"]["score"]
    assert (
        f"Stress {result['factors']['stress']['score']} high" in summary and f"▲ +{up}" in summary
    )
    assert "trends" not in re.findall(
        r'<article id="([^"]+)"',
        report.render_html(support.bank(), answers, result, history=[], today=TODAY),
    )


def test_the_current_assessment_in_the_history_is_not_its_own_trend(sample):
    answers, result = sample
    page = report.render_html(support.bank(), answers, result, history=[result], today=TODAY)
    assert 'id="trends"' not in page


def test_free_text_is_printed_literally_never_as_markup_or_template(sample):
    answers = support.sample_answers(
        name=support.HOSTILE_NAME,
        notes=support.HOSTILE_NOTES,
        doctor_questions=support.HOSTILE_QUESTIONS,
    )
    page = report.render_html(support.bank(), answers, support.result_for(answers), today=TODAY)
    for raw in (
        "<b>x</b>",
        '<img src="file:///etc/passwd"',
        '<link rel="attachment"',
        "<script>",
        '<a rel="attachment"',
        "<style>@import",
    ):
        assert raw not in page
    assert str(markupsafe.escape(support.HOSTILE_NAME)) in page
    assert "{{ 7*7 }}" in page and ">49<" not in page
    assert "{% include &#39;/etc/passwd&#39; %}" in page
    assert "root:" not in page


def test_a_name_longer_than_a_line_is_shortened_on_page_one_only(sample):
    answers = support.sample_answers(name="N" * 300)
    page = report.render_html(support.bank(), answers, support.result_for(answers), today=TODAY)
    assert "N" * 120 + "…" in article(page, "summary")
    assert "N" * 300 in article(page, "appendix")


def test_letter_paper_and_unknown_paper(sample):
    answers, result = sample
    page = report.render_html(support.bank(), answers, result, paper="letter", today=TODAY)
    assert "@page { size: letter; }" in page
    with pytest.raises(ReportError) as caught:
        report.render_html(support.bank(), answers, result, paper="a3")
    assert isinstance(caught.value, FibroError) and "a3" in str(caught.value)


def test_one_strict_autoescaping_environment():
    env = report.environment()
    assert env is report.environment()
    assert env.undefined is jinja2.StrictUndefined
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_every_template_parses_and_is_used():
    env = report.environment()
    names = sorted(p.name for p in templates_dir().glob("*.html"))
    for name in names:
        env.get_template(name)
    used, todo = {"report.html"}, ["report.html"]  # reached from report.html, include by include
    while todo:
        text = (templates_dir() / todo.pop()).read_text()
        for name in names:
            if name not in used and f'"{name}"' in text:
                used.add(name)
                todo.append(name)
    assert used == set(names)


def test_accepts_the_result_object_as_well_as_its_dict(sample):
    from assessment.core.scoring import assess

    answers, _ = sample
    page = report.render_html(support.bank(), answers, assess(support.bank(), answers), today=TODAY)
    assert 'id="summary"' in page


def test_the_report_modules_do_not_import_weasyprint():
    code = (
        "import sys, assessment.cli, assessment.report.render, assessment.report.charts\n"
        "import assessment.report.fetcher\n"
        "print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# Details a reader trips over: units, signs, capitals, the order of the flags


def test_synergy_figures_are_points_on_the_scores_scale_everywhere(page, sample):
    """The scores print as 74, 50...; a sum printed as 3.75 would read as 375 gone wrong."""
    _, result = sample
    for part in ("summary", "interactions"):
        words = text_of(article(page, part))
        decimals = re.findall(r"(.)(\d+\.\d+)", words)
        # The one published decimal score on page one is PEG's (one decimal, as published).
        peg = f"{result['instruments']['peg']['score']:.1f}"
        decimals = [(before, n) for before, n in decimals if n != peg]
        assert decimals and all(before == "×" for before, _ in decimals), decimals
    links = article(page, "interactions")
    shown = [
        int(n) for n in re.findall(r'<td class="num">(\d+)</td><td>', links.split("levers")[0])
    ]
    strongest = [link for link in result["synergy"]["links"] if link["contribution"] > 0][:8]
    assert shown == [round(100 * link["contribution"]) for link in strongest]
    bars = re.search(r"<desc>(Simple sum [^<]+)</desc>", links)[1]
    scores = sum(f["score"] for f in result["factors"].values() if f["score"] is not None)
    assert bars.startswith(f"Simple sum {scores}; combined burden ")


def test_percentages_have_no_space_before_the_sign(page):
    words = text_of(page)
    assert re.search(r"\d%", words)
    assert not re.search(r"\d[\s\u00a0]%", words) and "&nbsp;%" not in page


def test_methods_write_comparisons_one_way(page):
    words = text_of(article(page, "methods"))
    assert "≥" in words and ">=" not in words and "<=" not in words
    assert not re.search(r"WPI \d-\d", words)


def test_factor_names_are_lower_case_inside_sentences(page, sample):
    _, result = sample
    names = [f["name"] for f in result["factors"].values()]
    summary = text_of(article(page, "summary"))
    eased = re.findall(r": eases ([^(]+) \(", summary)
    assert len(eased) == 3
    for phrase in eased:
        assert not any(name in phrase for name in names if wording.mid(name) != name), phrase
    for part in ("interactions",):
        words = text_of(article(page, part))
        inside = re.findall(r"links with ([^.]+)\.", words) + re.findall(
            r"ranks above ([^,]+),", words
        )
        assert inside, part
        for phrase in inside:
            for name in names:
                if wording.mid(name) != name:
                    assert name not in phrase, (name, phrase)
        assert any(wording.mid(name) in " ".join(inside) for name in names if " " in name)


def test_a_name_holding_and_is_never_joined_by_a_bare_and():
    assert wording.listing(["muscle pain"]) == "muscle pain"
    assert wording.listing(["muscle pain", "stress"]) == "muscle pain and stress"
    assert wording.listing(["a", "b", "c"]) == "a, b and c"
    assert (
        wording.listing(["muscle pain", "stress", "joint and spine pain"])
        == "muscle pain, stress as well as joint and spine pain"
    )
    assert (
        wording.listing(["joint and spine pain", "stress"])
        == "joint and spine pain as well as stress"
    )
    assert wording.listing(["Brand names", "stress"]) == "Brand names and stress"  # a word


def test_lever_sentences_name_at_most_three_partners_readably(page, sample):
    """QA round 2: "... its links with muscle pain, stress and joint and spine pain" read as
    four factors. At most three partners, strongest first; "as well as" before the last when
    a name holds an "and"."""
    _, result = sample
    names = {fid: factor["name"] for fid, factor in result["factors"].items()}
    joint = wording.mid(names["joint_pain"])
    assert " and " in joint
    for part in ("interactions",):  # page one lists actions, not levers
        words = text_of(article(page, part))
        lists = re.findall(r"links with ([^.]+)\.", words)
        assert any(joint in listed for listed in lists), part
        for listed in lists:
            parts = re.split(r", | as well as | and ", listed.replace(joint, "JOINT"))
            assert len(parts) <= wording.PARTNERS_SHOWN, listed
            if "JOINT" in parts and len(parts) > 1:
                assert " as well as " in listed and f"and {joint}" not in listed, listed
    via = {lever["factor"]: lever["via"] for lever in result["synergy"]["levers"]}
    for lever in report._levers(result, names):
        strongest = [names[f] for f in via[lever.factor]][: wording.PARTNERS_SHOWN]
        assert lever.partners == strongest


def test_mid_sentence_keeps_acronyms_and_names():
    assert wording.mid("Muscle pain") == "muscle pain"
    assert wording.mid("ACR criteria") == "ACR criteria"
    assert wording.mid("McArdle disease") == "McArdle disease"
    assert wording.mid("Sleep") == "sleep"


def test_red_flags_show_as_given_most_urgent_first(sample):
    """The report adds and drops nothing (redflags decides which signs a combination covers);
    it only puts the most urgent level first, whatever order it is handed."""
    answers = support.sample_answers(**dict.fromkeys(support.RED_FLAG_KEYS, True))
    result = support.result_for(answers)
    given = list(reversed(result["red_flags"]))  # least urgent first, on purpose
    result["red_flags"] = given
    page = report.render_html(support.bank(), answers, result, today=TODAY)
    summary = article(page, "summary")
    assert summary.count('<li class="flag">') == len(given)
    levels = re.findall(r'<div class="flag-group level-([a-z]+)">', summary)
    ranks = {level: spec.rank for level, spec in support.bank().red_flags.levels.items()}
    assert levels == sorted(set(levels), key=lambda level: -ranks[level])
    full = text_of(section(page, "red-flags-in-full"))
    for flag in given:
        assert full.count(" ".join(flag["message"].split())) == 1


def test_scale_answers_put_the_ends_of_the_scale_on_a_line_of_their_own(page, sample):
    answers, _ = sample
    bank = support.bank()
    part = article(page, "appendix")
    cells = dict(re.findall(r"<td>(.*?)</td>\s*<td[^>]*>(.*?)</td>", part, re.S))
    scales = [q for q in bank.questions if q.type == "scale" and answers.get(q.id) is not None]
    assert scales
    for question in scales:
        cell = cells[str(markupsafe.escape(question.text))]
        said = answer_words(question, answers[question.id])
        assert text_of(cell) == " ".join(said.split())
        if said.endswith(")") and " (" in said:
            head, ends = cell.split('<br><span class="ends">')
            assert text_of(head) == said.split(" (")[0] and ends.startswith("(")


def test_split_ends_leaves_an_answer_without_ends_alone():
    assert report._split_ends("4 of 10 (0 = Very poor, 10 = Very good)") == (
        "4 of 10",
        "(0 = Very poor, 10 = Very good)",
    )
    assert report._split_ends("4") == ("4", None)
    assert report._split_ends("4 (about)x") == ("4 (about)x", None)


# ---------------------------------------------------------------------------------------------
# Trends: one person's, and dates that tell assessments apart


def _earlier(name=None, when="2026-08-01T09:00:00+00:00"):
    answers = support.calmer_answers()
    if name is not None:
        answers["name"] = name
    return {"answers": answers, "result": support.result_for(answers, assessed_at=when)}


def test_trends_leave_out_assessments_under_another_name(sample):
    answers, result = sample
    own = _earlier(answers["name"].upper(), "2026-08-01T09:00:00+00:00")  # same, other case
    other = _earlier("Zoë O'Brien", "2026-09-01T09:00:00+00:00")
    page = report.render_html(support.bank(), answers, result, history=[own, other], today=TODAY)
    trends = text_of(article(page, "trends"))
    assert "2 assessments" in trends and "1 Sep 2026" not in trends
    assert "1 earlier assessment on this computer under another name is left out." in trends
    assert "Zoë" not in page and "O&#39;Brien" not in page
    assert "Since 1 Aug 2026" in text_of(article(page, "summary"))


def test_only_another_persons_history_means_no_trends(sample):
    answers, result = sample
    page = report.render_html(
        support.bank(), answers, result, history=[_earlier("Someone Else")], today=TODAY
    )
    assert 'id="trends"' not in page and "Since " not in text_of(article(page, "summary"))


def test_saved_entries_as_objects_and_unnamed_ones_are_kept(sample):
    from types import SimpleNamespace

    answers, result = sample
    unnamed = SimpleNamespace(**_earlier())
    named = SimpleNamespace(**_earlier(answers["name"], "2026-09-01T09:00:00+00:00"))
    page = report.render_html(
        support.bank(), answers, result, history=[unnamed, named], today=TODAY
    )
    trends = text_of(article(page, "trends"))
    assert "3 assessments" in trends and "left out" not in trends


def test_an_unnamed_assessment_says_when_earlier_ones_carry_a_name(sample):
    answers, result = sample
    answers = {**answers, "name": None}
    page = report.render_html(
        support.bank(), answers, result, history=[_earlier("Anyone")], today=TODAY
    )
    trends = text_of(article(page, "trends"))
    assert "This assessment carries no name, while 1 earlier one does" in trends
    assert "Anyone" not in page


def test_assessments_on_one_day_are_told_apart_by_the_time(sample):
    answers, _ = sample
    result = support.result_for(answers, assessed_at="2026-11-24T15:30:00+00:00")
    history = [
        support.result_for(support.calmer_answers(), assessed_at="2026-11-24T09:05:00+00:00")
    ]
    page = report.render_html(support.bank(), answers, result, history=history, today=TODAY)
    trends = article(page, "trends")
    first, last = (report._parse_when(h["meta"]["assessed_at"]) for h in (history[0], result))
    early, late = f"{first:%H:%M}", f"{last:%H:%M}"
    heads = re.findall(r'<th scope="col" class="num">([^<]+)</th>', trends)
    assert heads == [f"24 Nov 2026 {early}", f"24 Nov 2026 {late}"]
    assert f"From 24 Nov 2026 {early} to 24 Nov 2026 {late}" in text_of(trends)
    assert f"Since 24 Nov 2026 {early}" in text_of(article(page, "summary"))


def test_labels_add_seconds_within_one_minute_and_nothing_on_distinct_days():
    from datetime import datetime, timezone

    moments = [
        datetime(2026, 11, 24, 9, 5, 1, tzinfo=timezone.utc),
        datetime(2026, 11, 24, 9, 5, 40, tzinfo=timezone.utc),
        datetime(2026, 11, 25, 9, 5, tzinfo=timezone.utc),
        None,
    ]
    assert report._moment_labels(moments, "24 Nov 2026") == [
        "24 Nov 2026 09:05:01",
        "24 Nov 2026 09:05:40",
        "25 Nov 2026",
        "24 Nov 2026",
    ]


def test_every_trend_line_shows_its_scale(sample):
    answers, result = sample
    earlier = support.result_for(support.calmer_answers(), assessed_at="2026-08-01T09:00:00+00:00")
    page = report.render_html(support.bank(), answers, result, history=[earlier], today=TODAY)
    charts_ = re.findall(r'<svg[^>]*class="chart trend".*?</svg>', article(page, "trends"), re.S)
    assert len(charts_) == 11
    for svg in charts_:
        labels = re.findall(r"<text [^>]*>([^<]+)</text>", svg)
        assert labels[1] == "0" and labels[0] in ("100", "10", "31")


def test_trends_draw_peg_beside_the_other_lines_with_one_decimal(sample):
    """Issue 10: PEG in the trends. An earlier result saved before PEG was asked has none: its
    column shows a dash and its point is left out of the line."""
    answers, result = sample
    older = support.result_for(support.calmer_answers(), assessed_at="2026-05-01T09:00:00+00:00")
    del older["instruments"]["peg"]
    calmer = support.calmer_answers()
    calmer.update(peg_enjoyment=2, peg_activity=3)
    earlier = support.result_for(calmer, assessed_at="2026-08-01T09:00:00+00:00")
    page = report.render_html(
        support.bank(), answers, result, history=[older, earlier], today=TODAY
    )
    trends = article(page, "trends")
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', trends, re.S)
    names = [htmlmod.unescape(name) for name, _ in rows]
    peg_row = names.index("PEG: pain, enjoyment, activity (0–10)")
    assert names[peg_row - 1].startswith("Average back pain") and names[peg_row + 1].startswith(
        "Fibromyalgia severity"
    )
    cells = re.findall(r'<td class="num">([^<]*)</td>', rows[peg_row][1])
    before = earlier["instruments"]["peg"]["score"]
    now = result["instruments"]["peg"]["score"]
    assert before != now
    assert cells == ["–", f"{before:.1f}", f"{now:.1f}"]
    chart = rows[peg_row][1]
    assert f"1 Aug 2026: {before:g}" in chart and "1 May 2026: not known" in chart
    assert chart.count("<circle") == 2  # the two assessments with a PEG score


def test_page_one_carries_the_flag_action_the_visit_lines_and_the_checks():
    from report_support import bank, result_for, sample_answers

    from assessment.report.render import render_html

    answers = sample_answers(rf_sudden_severe=True, rf_faint_sweaty=True)
    html = render_html(bank(), answers, result_for(answers))
    summary = html.split('<article id="summary"', 1)[1].split("</article>", 1)[0]
    assert "Call an ambulance now" in summary and "Do not drive yourself" in summary
    assert "held back for now" in summary
    assert "Wants from this visit" in summary and "ibuprofen is safe" in summary
    words = text_of(summary)
    assert "PEG (0–10) 6.3 moderate" in words
    assert "Back pain for more than 5 years; widespread pain for 1 to 5 years." in words
    assert "(more than a year)" in summary
    assert 'id="checks"' in summary and "Raynaud" in summary


def test_page_one_runs_in_the_planned_order(page, sample):
    """Issue 10 section 4: who and when; red flags and their actions; the main concern and first
    own question; pain, PEG and how long; medicines; the 2016 criteria; the factors (the bone
    row with OST and FRAX) and the body map; checks; the top three actions, model estimates."""
    answers, result = sample
    summary = article(page, "summary")
    words = text_of(summary)
    assert words.startswith(
        f"Summary for your doctor {answers['name']} · assessed 24 Nov 2026 · age 54 · Female"
    )
    order = [
        'id="red-flags"', 'class="flag-action"', 'id="visit"', "Wants from this visit",
        "First own question", 'id="pain"', "PEG", "Back pain for", 'id="medicines"',
        'id="criteria"', 'id="factors"', 'class="row-note"', 'id="body-map"', 'id="checks"',
        'id="actions"', "model estimates",
    ]  # fmt: skip
    positions = [summary.index(mark) for mark in order]
    assert positions == sorted(positions)
    medicines = re.findall(r"<li>(.*?)</li>", section(summary, "medicines"))
    assert medicines == [
        "An anti-inflammatory painkiller (NSAID), such as ibuprofen or naproxen (more than a year)",
        "A stomach-acid tablet, such as omeprazole or lansoprazole (more than a year)",
    ]
    ost = result["instruments"]["ost"]
    assert f"Bone risk {result['factors']['osteoporosis']['score']} low" in words
    assert f"OST {ost}, low risk; FRAX risk factors: none of those asked" in words


@pytest.mark.parametrize(
    ("changes", "note"),
    [
        (
            {"age": 44, "ost_smoking": True},
            "OST {ost}, no band under 45; FRAX risk factors: smoking",
        ),
        (
            {"ost_fracture": True, "ost_parent_hip": True},
            "OST {ost}, low risk; FRAX risk factors: a previous fragility fracture, "
            "a parent's hip fracture",
        ),
    ],
)
def test_the_bone_row_carries_ost_and_the_frax_risk_factors_present(changes, note):
    answers = support.sample_answers(**changes)
    result = support.result_for(answers)
    page = report.render_html(support.bank(), answers, result, today=TODAY)
    words = text_of(article(page, "summary"))
    assert note.format(ost=result["instruments"]["ost"]) in words

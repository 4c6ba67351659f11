"""Clinical rules of issue 10 in the shipped bank: red flags, ASAS, PEG, bone, medicines, wording.

Each rule is checked with worked and boundary cases on the real bank and the real scoring, from
the sample answers with one thing changed at a time (clinical-basis sections 9-14).
"""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from assessment.core import answers as answers_file
from assessment.core import instruments
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.paths import default_bank_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-answers.yaml"
LONG = ("3_to_12_months", "1_to_5_years", "over_5_years")


@pytest.fixture(scope="module")
def bank():
    return load_bank(default_bank_path())


@pytest.fixture(scope="module")
def sample(bank):
    return answers_file.load(bank, SAMPLE)


def run(bank, sample, **changes):
    """The result as its documented JSON, one attribute per top-level key."""
    result = assess(bank, {**sample, **changes}, assessed_at="2026-12-01T10:00:00+00:00")
    return SimpleNamespace(**result.to_dict())


def flag_ids(result):
    return [(f["id"], f["level"]) for f in result.red_flags]


# ------------------------------------------------------------------------------------------
# Red flags: sudden severe pain, the aortic warning, action lines


def test_faint_or_sweaty_is_asked_right_after_a_yes_to_sudden_severe_pain(bank, sample):
    ids = [q.id for q in bank.asked({**sample, "rf_sudden_severe": True})]
    assert ids[ids.index("rf_sudden_severe") + 1] == "rf_faint_sweaty"
    no = {**sample, "rf_sudden_severe": False}
    assert "rf_faint_sweaty" not in [q.id for q in bank.asked(no)]


def test_sudden_severe_pain_alone_is_urgent_the_same_day(bank, sample):
    result = run(bank, sample, rf_night_pain=False, rf_sudden_severe=True, rf_faint_sweaty=False)
    assert flag_ids(result) == [("rf_sudden_severe", "urgent")]
    assert "today" in result.red_flags[0]["action"].lower()


def test_sudden_severe_pain_with_feeling_faint_is_an_emergency_calling_an_ambulance(bank, sample):
    result = run(bank, sample, rf_night_pain=False, rf_sudden_severe=True, rf_faint_sweaty=True)
    assert flag_ids(result) == [("rf_sudden_pain_with_collapse", "emergency")]
    action = result.red_flags[0]["action"]
    assert "ambulance" in action and "999" in action and "112" in action and "911" in action
    assert "do not drive" in action.lower()
    # Not the emergency department's "go there yourself" and not a same-day appointment.
    assert "emergency department" not in action.lower()


def test_a_faint_answer_without_sudden_pain_is_hidden_and_raises_nothing(bank, sample):
    result = run(bank, sample, rf_night_pain=False, rf_sudden_severe=False, rf_faint_sweaty=True)
    assert result.red_flags == []


def test_sudden_pain_with_steroids_is_also_a_possible_fracture(bank, sample):
    result = run(
        bank,
        sample,
        rf_night_pain=False,
        rf_sudden_severe=True,
        rf_faint_sweaty=False,
        medications=["steroid"],
        med_steroid_duration="over_1_year",
        ost_steroid_high_dose=False,
    )
    assert flag_ids(result) == [("rf_fracture_with_steroids", "urgent")]


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ({"rf_bladder_bowel": True}, [("rf_bladder_bowel", "emergency")]),
        ({"rf_saddle_numbness": True}, [("rf_saddle_numbness", "emergency")]),
        ({"rf_leg_weakness": True}, [("rf_leg_weakness", "emergency")]),
        ({"rf_fever": True}, [("rf_fever", "urgent")]),
        ({"rf_trauma": True}, [("rf_trauma", "urgent")]),
        ({"rf_cancer_history": True}, [("rf_cancer_history", "soon")]),
        ({"rf_weight_loss": True}, [("rf_weight_loss", "soon")]),
        ({"rf_night_pain": True}, [("rf_night_pain", "soon")]),
        ({"rf_cancer_history": True, "rf_weight_loss": True},
         [("rf_cancer_with_weight_loss", "urgent")]),
        ({"rf_cancer_history": True, "rf_night_pain": True},
         [("rf_cancer_with_night_pain", "urgent")]),
        ({"rf_cancer_history": True, "rf_leg_weakness": True},
         [("rf_cancer_with_leg_weakness", "emergency")]),
        ({"rf_trauma": True, "age": 80, "weight_kg": 45},
         [("rf_fracture_with_thin_bones", "urgent")]),
        ({"circ_sore_dark": True}, [("rf_circulation_sore_or_dark", "urgent")]),
    ],
)  # fmt: skip
def test_each_sign_and_combination_has_its_level_and_its_own_action_line(
    bank, sample, yes, expected
):
    result = run(bank, sample, **{"rf_night_pain": False, **yes})
    assert flag_ids(result) == expected
    flag = result.red_flags[0]
    source = {s.id: s for s in [*bank.red_flags.signs, *bank.red_flags.combinations]}
    assert flag["action"] == source[flag["id"]].action.strip()
    assert flag["action"] != flag["label"]


def test_every_sign_and_combination_has_an_action_and_a_question_for_the_doctor(bank):
    for item in [*bank.red_flags.signs, *bank.red_flags.combinations]:
        assert item.action and item.action.strip(), item.id
        assert item.question and item.question.strip().endswith("?"), item.id


def test_emergency_actions_say_how_to_get_there(bank):
    for item in [*bank.red_flags.signs, *bank.red_flags.combinations]:
        if item.level == "emergency":
            assert "emergency department" in item.action or "ambulance" in item.action, item.id


def test_a_safety_question_left_unanswered_is_named(bank, sample):
    assert run(bank, sample).safety_unanswered == []
    result = run(bank, sample, rf_fever=None, rf_trauma=None)
    assert result.safety_unanswered == ["rf_fever", "rf_trauma"]
    # A filled one counts only when it could not be filled (the checklist skipped).
    assert run(bank, sample, medications=None).safety_unanswered == ["rf_steroids"]


# ------------------------------------------------------------------------------------------
# Flags lead: questions for the doctor, and exercise advice held back


def test_flag_questions_come_first_and_name_their_flag(bank, sample):
    result = run(bank, sample, rf_sudden_severe=True, rf_faint_sweaty=True)
    first, second = result.suggested_questions[:2]
    assert first["red_flag"] == "rf_sudden_pain_with_collapse"
    assert second["red_flag"] == "rf_night_pain"
    assert all(q["red_flag"] is None for q in result.suggested_questions[2:])


def test_an_urgent_flag_holds_back_advice_that_adds_exercise_or_load(bank, sample):
    calm = run(bank, sample, rf_night_pain=False)
    assert calm.held_back is None
    assert "activity_strength" in [a["id"] for a in calm.advice]
    muscle = next(a for a in calm.advice if a["id"] == "muscle_high")
    assert any("adding a minute" in tip for tip in muscle["do"])

    urgent = run(bank, sample, rf_night_pain=False, rf_fever=True)
    ids = [a["id"] for a in urgent.advice]
    assert "activity_strength" not in ids and "activity_build_up" not in ids
    assert urgent.held_back["advice"] == ["activity_build_up", "activity_strength"]
    assert "doctor has seen you" in urgent.held_back["line"]
    muscle = next(a for a in urgent.advice if a["id"] == "muscle_high")
    assert not any("adding a minute" in tip for tip in muscle["do"])
    # The rest of the advice stays: only exercise and load wait.
    assert len(ids) == len(calm.advice) - 2


def test_a_soon_flag_holds_nothing_back(bank, sample):
    result = run(bank, sample)  # the sample's constant night pain: "soon"
    assert result.red_flags[0]["level"] == "soon"
    assert result.held_back is None


def test_every_exercise_advice_is_marked_as_adding_load(bank):
    marked = {a.id for a in bank.advice if a.adds_load}
    assert {"joint_high", "activity_start", "activity_build_up", "activity_strength"} <= marked


# ------------------------------------------------------------------------------------------
# Inflammatory back pain: ASAS, 4 of 5 (Sieper 2009)


def ibp(**features):
    return {k: features.get(k, False) for k in instruments.IBP_ASAS}


@pytest.mark.parametrize(
    ("yes", "count", "met"),
    [(0, 0, False), (3, 3, False), (4, 4, True), (5, 5, True)],
)
def test_asas_is_met_at_four_of_five(yes, count, met):
    features = [True] * yes + [False] * (5 - yes)
    assert instruments.ibp_asas(features) == {"count": count, "met": met}


def test_asas_three_against_four_in_the_result_and_the_doctor_question(bank, sample):
    three = run(bank, sample)  # the sample: gradual, better with exercise, night pain
    assert three.instruments["ibp_asas"] == {"count": 3, "met": False}
    assert "dq_inflammatory_back_pain" not in [q["id"] for q in three.suggested_questions]

    four = run(bank, sample, ibp_not_better_rest=True)
    assert four.instruments["ibp_asas"] == {"count": 4, "met": True}
    question = next(q for q in four.suggested_questions if q["id"] == "dq_inflammatory_back_pain")
    assert "axial spondyloarthritis" in question["text"]
    assert "common" in question["text"]  # calm: these features are common in widespread pain


def test_asas_is_asked_only_for_back_pain_of_three_months_or_more(bank, sample):
    short = {**sample, "back_pain_duration": "under_3_months"}
    assert not {q.id for q in bank.asked(short)} & set(instruments.IBP_ASAS)
    assert run(bank, sample, back_pain_duration="under_3_months").instruments["ibp_asas"] is None
    for duration in LONG:
        asked = {q.id for q in bank.asked({**sample, "back_pain_duration": duration})}
        assert set(instruments.IBP_ASAS) <= asked


def test_follow_ups_on_psoriasis_uveitis_and_family_are_asked_only_when_met(bank, sample):
    follow = {"ibp_psoriasis", "ibp_uveitis", "ibp_family_history"}
    assert not follow & {q.id for q in bank.asked(sample)}
    met = {**sample, "ibp_not_better_rest": True}
    assert follow <= {q.id for q in bank.asked(met)}
    # Bowel disease is asked once, in the bone section.
    texts = [q.text.lower() for q in bank.questions if q.id.startswith("ibp_")]
    assert not [t for t in texts if "crohn" in t and "relative" not in t]


# ------------------------------------------------------------------------------------------
# PEG (Krebs 2009): mean of three, one decimal; bands a chosen reading


@pytest.mark.parametrize(
    ("items", "score", "band"),
    [
        ((0, 0, 0), 0.0, "mild"),
        ((1, 0, 0), 0.3, "mild"),
        ((1, 1, 0), 0.7, "mild"),
        ((4, 4, 3), 3.7, "mild"),
        ((4, 4, 4), 4.0, "moderate"),
        ((6, 7, 6), 6.3, "moderate"),
        ((7, 7, 6), 6.7, "moderate"),
        ((7, 7, 7), 7.0, "severe"),
        ((10, 10, 10), 10.0, "severe"),
    ],
)
def test_peg_score_rounds_to_one_decimal_and_bands_at_4_and_7(items, score, band):
    assert instruments.peg(*items) == {"score": score, "band": band}


def test_peg_band_edges():
    assert instruments.peg_band(3.9) == "mild"
    assert instruments.peg_band(4.0) == "moderate"
    assert instruments.peg_band(6.9) == "moderate"
    assert instruments.peg_band(7.0) == "severe"


def test_peg_in_the_result_uses_the_average_back_pain_as_p(bank, sample):
    # The sample: average back pain 6, enjoyment 7, activity 6: 19 / 3 = 6.33 -> 6.3.
    assert run(bank, sample).instruments["peg"] == {"score": 6.3, "band": "moderate"}
    assert run(bank, sample, pain_average=9).instruments["peg"] == {"score": 7.3, "band": "severe"}


# ------------------------------------------------------------------------------------------
# Bone: OST under 45, fracture and high-dose steroid rules, very low weight


def test_ost_at_44_shows_the_value_without_a_band_and_says_why(bank, sample):
    result = run(bank, sample, age=44, weight_kg=50)
    assert result.instruments["ost"] == 1  # 0.2 x (50 - 44) = 1.2 -> 1
    assert result.instruments["ost_band"] is None
    assert result.instruments["ost_no_band_reason"] == "under_45"


def test_ost_at_45_has_its_band(bank, sample):
    result = run(bank, sample, age=45, weight_kg=50)
    assert result.instruments["ost"] == 1  # 0.2 x (50 - 45) = 1.0
    assert result.instruments["ost_band"] == "low"
    assert result.instruments["ost_no_band_reason"] is None


def test_a_fragility_fracture_makes_bone_risk_high(bank, sample):
    low = bank.band_for(0)
    high_floor = next(b.min for b in bank.bands if b.id == "high")
    before = run(bank, sample)
    assert before.factors["osteoporosis"]["band"] == low
    after = run(bank, sample, ost_fracture=True)
    assert after.factors["osteoporosis"]["score"] == high_floor
    assert after.factors["osteoporosis"]["band"] == "high"
    assert after.factors["osteoporosis"]["raised_by"] == "bone_after_fracture"
    checks = [q for q in after.suggested_questions if q["check"]]
    assert checks[0]["id"] == "dq_bone_after_fracture"


def test_high_dose_steroids_make_bone_risk_high(bank, sample):
    steroids = {"medications": ["nsaid", "ppi", "steroid"], "med_steroid_duration": "over_1_year"}
    lower = run(bank, sample, **steroids, ost_steroid_high_dose=False)
    assert lower.factors["osteoporosis"]["band"] != "high"
    assert lower.factors["osteoporosis"]["raised_by"] is None
    high = run(bank, sample, **steroids, ost_steroid_high_dose=True)
    assert high.factors["osteoporosis"]["band"] == "high"
    assert high.factors["osteoporosis"]["raised_by"] == "bone_high_dose_steroids"
    checks = [q["id"] for q in high.suggested_questions if q["check"]]
    assert checks[0] == "dq_bone_high_dose_steroids"


def test_the_floor_never_lowers_a_score_already_higher(bank, sample):
    heavy = dict(ost_fracture=True, ost_parent_hip=True, ost_smoking=True, ost_rheumatoid=True,
                 ost_early_menopause=True, ost_immobility=True, ost_gut=True,
                 ost_height_loss=True, ost_rounded_back=True, age=80, weight_kg=45)  # fmt: skip
    result = run(bank, sample, **heavy)
    assert result.factors["osteoporosis"]["score"] > 67
    assert result.factors["osteoporosis"]["raised_by"] is None


def test_the_frax_risk_factors_present_are_named(bank, sample):
    assert run(bank, sample).instruments["frax_risk_factors"] == []
    result = run(bank, sample, ost_fracture=True, ost_smoking=True, weight_kg=50)
    assert result.instruments["frax_risk_factors"] == [
        "a previous fragility fracture", "smoking", "a BMI under 19",
    ]  # fmt: skip


def test_the_steroid_dose_follow_up_is_asked_only_after_steroids_for_3_months(bank, sample):
    def asked(**c):
        return "ost_steroid_high_dose" in {q.id for q in bank.asked({**sample, **c})}

    assert not asked()
    assert not asked(medications=["steroid"], med_steroid_duration="under_3_months")
    assert asked(medications=["steroid"], med_steroid_duration="3_to_12_months")


def test_bmi_boundary_at_17(bank, sample):
    # 165 cm: 46.2 kg gives 16.97 -> 17.0 (not under 17); 46.1 kg gives 16.93 -> 16.9.
    assert run(bank, sample, weight_kg=46.2).instruments["bmi"] == 17.0
    assert "dq_very_low_weight" not in [
        q["id"] for q in run(bank, sample, weight_kg=46.2).suggested_questions
    ]
    assert "dq_very_low_weight" in [
        q["id"] for q in run(bank, sample, weight_kg=46.1).suggested_questions
    ]


# ------------------------------------------------------------------------------------------
# Medicines: the checklist fills the older keys; NSAID review


def test_the_checklist_fills_the_older_keys(bank, sample):
    filled = bank.fill(sample)
    assert filled["mg_ppi"] is True  # omeprazole for over a year
    assert filled["mg_diuretic"] is False
    assert filled["mg_supplement"] is False
    assert filled["rf_steroids"] is False
    assert filled["ost_vitamin_d"] is False


def test_ppi_for_under_a_year_does_not_count_as_long_term(bank, sample):
    assert bank.fill({**sample, "med_ppi_duration": "3_to_12_months"})["mg_ppi"] is False


def test_older_keys_given_in_a_file_still_work(bank, sample):
    old = {k: v for k, v in sample.items() if k != "medications" and not k.startswith("med_")}
    old.update(mg_ppi=True, mg_diuretic=True, mg_supplement=False, rf_steroids=False)
    checked = answers_file.validate(bank, old, partial=True)
    result = assess(bank, checked)
    assert "dq_magnesium_diuretic" in [q.id for q in result.suggested_questions]


def test_no_medicine_is_asked_twice(bank, sample):
    asked = {q.id for q in bank.asked(sample)}
    for older in ("mg_ppi", "mg_diuretic", "mg_supplement", "rf_steroids", "ost_vitamin_d"):
        assert older not in asked


def test_each_ticked_medicine_asks_how_long(bank, sample):
    ticked = {**sample, "medications": ["paracetamol", "duloxetine"]}
    asked = {q.id for q in bank.asked(ticked)}
    assert {"med_paracetamol_duration", "med_duloxetine_duration"} <= asked
    assert "med_nsaid_duration" not in asked and "med_nsaid_daily" not in asked
    values = [c.value for c in bank.question("med_duloxetine_duration").choices]
    assert values == ["under_3_months", "3_to_12_months", "over_1_year"]


def test_medication_values_are_fixed(bank):
    assert [c.value for c in bank.question("medications").choices] == [
        "paracetamol", "nsaid", "opioid_weak", "opioid_strong", "amitriptyline", "duloxetine",
        "other_antidepressant", "pregabalin_gabapentin", "muscle_relaxant", "steroid", "ppi",
        "diuretic", "anticoagulant", "bone_protection", "magnesium_supplement", "vitamin_d",
        "other", "none",
    ]  # fmt: skip


def review(result):
    return [q["id"] for q in result.suggested_questions if q["check"] == "medicine_review"]


def test_daily_nsaids_for_over_3_months_suggest_a_review(bank, sample):
    assert review(run(bank, sample)) == ["dq_nsaid_long_term"]
    assert review(run(bank, sample, med_nsaid_duration="3_to_12_months")) == ["dq_nsaid_long_term"]
    assert review(run(bank, sample, med_nsaid_duration="under_3_months")) == []
    assert review(run(bank, sample, med_nsaid_daily=False)) == []


@pytest.mark.parametrize("partner", ["steroid", "diuretic", "anticoagulant"])
def test_nsaids_with_a_steroid_diuretic_or_blood_thinner_suggest_a_review(bank, sample, partner):
    short = {"med_nsaid_duration": "under_3_months", f"med_{partner}_duration": "over_1_year"}
    meds = ["nsaid", "ppi", partner]
    assert review(run(bank, sample, medications=meds, **short)) == ["dq_nsaid_mixed"]
    both = {f"med_{partner}_duration": "over_1_year"}
    assert review(run(bank, sample, medications=meds, **both)) == ["dq_nsaid_long_and_mixed"]


def test_the_stomach_protector_alone_is_no_reason_for_an_nsaid_review(bank, sample):
    assert review(run(bank, sample, medications=["ppi"])) == []


# ------------------------------------------------------------------------------------------
# What a doctor asks first: durations, treatments, main concern


def test_durations_treatments_and_main_concern_are_fixed_keys(bank):
    values = ["under_3_months", "3_to_12_months", "1_to_5_years", "over_5_years"]
    assert [c.value for c in bank.question("back_pain_duration").choices] == values
    assert [c.value for c in bank.question("widespread_pain_duration").choices][:4] == values
    assert bank.question("main_concern").type == "text"
    assert [c.value for c in bank.question("treatments_tried").choices] == [
        "physiotherapy", "exercise_programme", "cbt_pain_programme", "acupuncture", "massage",
        "injections", "other", "none",
    ]  # fmt: skip
    assert bank.has_question("treatment_massage_helped")


# ------------------------------------------------------------------------------------------
# Wording that keeps people moving (section 13), and the fluids caveat (section 14)

FEARFUL = re.compile(
    r"rounded back|protect(s|ing)? (your|the) (back|spine|joint)|kinder to your back|"
    r"in one piece|wear(s)? (it|them) down|fed from the blood|lift and twist|back-friendly",
    re.I,
)


def test_no_advice_or_link_pictures_the_back_as_fragile(bank):
    texts = [link.reason for link in bank.links]
    for item in bank.advice:
        texts += [item.title, item.text]
        texts += [t if isinstance(t, str) else t.text for t in [*item.do, *item.dont]]
    assert [t for t in texts if FEARFUL.search(t)] == []


def test_link_reasons_say_what_is_thought_or_likely(bank):
    hedges = ("may", "thought", "can", "often", "tend")
    for link in bank.links:
        assert any(h in link.reason for h in hedges), link.reason


def test_every_drinks_advice_carries_the_fluid_limit_caveat(bank):
    for item in bank.advice:
        if item.habit == "water":
            assert "limit how much you drink" in item.text, item.id

"""Published instruments, scored exactly as published, with worked and boundary cases."""

import pytest

from assessment.core import instruments as ins

ALL_AREAS = list(ins.WPI_AREAS)
# Four regions with pain, one area each, and nothing axial.
FOUR_REGIONS = ["shoulder_girdle_left", "shoulder_girdle_right", "hip_left", "hip_right"]


def areas(n, base=ALL_AREAS):
    return base[:n]


class TestWidespreadPainIndex:
    def test_counts_one_point_per_area(self):
        assert ins.wpi([]) == 0
        assert ins.wpi(["neck", "lower_back"]) == 2
        assert ins.wpi(ALL_AREAS) == 19

    def test_ignores_unknown_names_and_repeats(self):
        assert ins.wpi(["neck", "neck", "elbow"]) == 1

    def test_jaw_chest_and_abdomen_count_toward_wpi_but_not_regions(self):
        only_excluded = ["jaw_left", "jaw_right", "chest", "abdomen"]
        assert ins.wpi(only_excluded) == 4
        assert not any(ins.regions_with_pain(only_excluded).values())

    def test_each_region_is_counted_once(self):
        regions = ins.regions_with_pain(["upper_arm_left", "lower_arm_left", "neck"])
        assert regions == {
            "left_upper": True,
            "right_upper": False,
            "left_lower": False,
            "right_lower": False,
            "axial": True,
        }


class TestSymptomSeverity:
    def test_sums_three_items_and_three_symptoms(self):
        assert ins.sss(0, 0, 0, False, False, False) == 0
        assert ins.sss(3, 3, 3, True, True, True) == 12
        assert ins.sss(2, 1, 0, True, False, True) == 5

    @pytest.mark.parametrize("bad", [-1, 4, 7])
    def test_rejects_items_outside_0_to_3(self, bad):
        with pytest.raises(ValueError):
            ins.sss(bad, 0, 0, False, False, False)


class TestCriteria2016:
    def test_wpi_7_with_sss_5_meets(self):
        picked = FOUR_REGIONS + ["neck", "upper_back", "lower_back"]
        result = ins.acr2016(picked, 5, True)
        assert ins.wpi(picked) == 7
        assert result["met"] and result["generalized_pain"]
        assert result["pain_sss_rule"] == "WPI >= 7 and SSS >= 5"

    def test_wpi_7_with_sss_4_does_not_meet(self):
        picked = FOUR_REGIONS + ["neck", "upper_back", "lower_back"]
        assert not ins.acr2016(picked, 4, True)["met"]

    def test_wpi_6_needs_sss_9_not_8(self):
        picked = FOUR_REGIONS + ["neck", "chest"]
        assert ins.wpi(picked) == 6
        assert ins.acr2016(picked, 9, True)["met"]
        assert not ins.acr2016(picked, 8, True)["met"]

    def test_wpi_4_with_sss_9_meets_when_pain_is_generalised(self):
        assert ins.acr2016(FOUR_REGIONS, 9, True)["met"]
        assert ins.acr2016(FOUR_REGIONS, 9, True)["pain_sss_rule"] == "WPI 4-6 and SSS >= 9"

    def test_wpi_3_never_meets_as_the_2010_rule_would(self):
        # The 2010/2011 criteria accepted WPI 3-6 with SSS >= 9; 2016 starts at 4.
        picked = ["shoulder_girdle_left", "hip_right", "neck"]
        assert not ins.pain_sss_rule(3, 12)
        assert not ins.acr2016(picked, 12, True)["met"]

    def test_three_regions_is_not_generalised_even_with_high_wpi(self):
        # 9 areas, but only left upper, right upper and axial regions, plus jaw/chest/abdomen.
        picked = [
            "shoulder_girdle_left",
            "upper_arm_left",
            "shoulder_girdle_right",
            "neck",
            "upper_back",
            "jaw_left",
            "jaw_right",
            "chest",
            "abdomen",
        ]
        result = ins.acr2016(picked, 12, True)
        assert ins.wpi(picked) == 9
        assert result["regions_count"] == 3
        assert not result["generalized_pain"]
        assert not result["met"]

    def test_jaw_chest_abdomen_do_not_make_a_fourth_region(self):
        three = ["shoulder_girdle_left", "shoulder_girdle_right", "hip_left"]
        assert not ins.acr2016(three + ["jaw_left", "chest", "abdomen", "jaw_right"], 12, True)[
            "generalized_pain"
        ]
        assert ins.acr2016(three + ["neck"], 12, True)["generalized_pain"]

    def test_symptoms_under_three_months_do_not_meet(self):
        result = ins.acr2016(ALL_AREAS, 12, False)
        assert result["generalized_pain"] and result["wpi_sss_met"]
        assert not result["duration_ok"]
        assert not result["met"]


class TestFibromyalgiaSeverity:
    @pytest.mark.parametrize(
        ("fs", "band"),
        [
            (0, "none"),
            (3, "none"),
            (4, "mild"),
            (7, "mild"),
            (8, "moderate"),
            (11, "moderate"),
            (12, "severe"),
            (19, "severe"),
            (20, "very_severe"),
            (31, "very_severe"),
        ],
    )
    def test_bands_at_every_boundary(self, fs, band):
        assert ins.fs_band(fs) == band

    def test_rejects_values_outside_0_to_31(self):
        with pytest.raises(ValueError):
            ins.fs_band(32)


class TestOsteoporosisSelfAssessmentTool:
    def test_worked_example(self):
        # 0.2 x (62 - 54) = 1.6 -> 1
        assert ins.ost(62, 54) == 1

    def test_decimals_drop_toward_zero_for_negative_values(self):
        # 0.2 x (50 - 72) = -4.4 -> -4, not -5
        assert ins.ost(50, 72) == -4
        # 0.2 x (48 - 73) = -5.0 exactly
        assert ins.ost(48, 73) == -5

    def test_decimal_weights_are_exact(self):
        # 0.2 x (60.5 - 55.5) = 1.0 exactly; float arithmetic would give 0.999...
        assert ins.ost(60.5, 55.5) == 1

    @pytest.mark.parametrize(
        ("value", "band"),
        [(-5, "high"), (-4, "moderate"), (-1, "moderate"), (0, "low"), (3, "low")],
    )
    def test_women_bands_koh_2001(self, value, band):
        assert ins.ost_band(value, "female") == (band, "women")

    @pytest.mark.parametrize(
        ("value", "band"),
        [(-3, "high"), (-2, "high"), (-1, "moderate"), (3, "moderate"), (4, "low")],
    )
    def test_men_bands_adler_2003(self, value, band):
        assert ins.ost_band(value, "male") == (band, "men")

    def test_other_sex_uses_the_womens_bands(self):
        assert ins.ost_band(-2, "other") == ("moderate", "women")


class TestPainRatings:
    @pytest.mark.parametrize(
        ("value", "band"),
        [
            (0, "none"),
            (1, "mild"),
            (4, "mild"),
            (5, "moderate"),
            (6, "moderate"),
            (7, "severe"),
            (10, "severe"),
        ],
    )
    def test_serlin_bands(self, value, band):
        assert ins.pain_band(value) == band

    def test_rejects_11(self):
        with pytest.raises(ValueError):
            ins.pain_band(11)


def test_bmi_to_one_decimal():
    assert ins.bmi(62, 165) == 22.8
    assert ins.bmi(45, 160) == 17.6


@pytest.mark.parametrize(
    ("age", "sex", "rda"),
    [
        (18, "female", 360),
        (18, "male", 410),
        (19, "female", 310),
        (30, "male", 400),
        (31, "female", 320),
        (31, "male", 420),
        (70, "other", 320),
    ],
)
def test_magnesium_rda_by_age_and_sex(age, sex, rda):
    assert ins.magnesium_rda(age, sex) == rda


def test_round_half_up_rounds_halves_upward():
    assert ins.round_half_up(44.5) == 45
    assert ins.round_half_up(45.5) == 46
    assert ins.round_half_up(44.4999) == 44


class TestMeasuresFromAnswers:
    def test_missing_inputs_leave_measures_unknown(self):
        m = ins.measures({}, [], 0)
        assert all(value is None for value in m.values())

    def test_magnesium_estimate_adds_weekly_and_daily_servings_to_the_baseline(self):
        m = ins.measures({"age": 54, "sex": "female"}, [(7, "week", 80), (1, "day", 60)], 100)
        assert m["magnesium_mg"] == 100 + 80 + 60
        assert m["magnesium_rda"] == 320
        assert m["magnesium_ratio"] == 0.75

    def test_criteria_and_severity_from_answers(self):
        answers = {
            "wpi_regions": FOUR_REGIONS + ["neck", "upper_back", "lower_back"],
            "sss_fatigue": 2, "sss_unrefreshed_sleep": 2, "sss_cognitive": 1,
            "sss_headaches": False, "sss_lower_abdominal_pain": False, "sss_depression": False,
            "symptoms_3_months": True,
        }  # fmt: skip
        m = ins.measures(answers, [], 0)
        assert (m["wpi"], m["sss"], m["fs"], m["fs_band"]) == (7, 5, 12, "severe")
        assert m["acr_met"] is True

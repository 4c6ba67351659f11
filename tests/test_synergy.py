"""Properties of the synergy model (product.md), checked over many generated inputs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.core.synergy import Edge, analyse, burden, vicious_circles

FACTORS = ["muscle_pain", "joint_pain", "osteoporosis", "circulation", "magnesium", "stress",
           "sleep"]  # fmt: skip
EDGES = [
    Edge("stress", "muscle_pain", 0.55), Edge("stress", "circulation", 0.4),
    Edge("circulation", "muscle_pain", 0.5), Edge("circulation", "osteoporosis", 0.35),
    Edge("circulation", "joint_pain", 0.4), Edge("muscle_pain", "joint_pain", 0.55),
    Edge("magnesium", "muscle_pain", 0.45), Edge("magnesium", "circulation", 0.4),
    Edge("magnesium", "osteoporosis", 0.45), Edge("stress", "sleep", 0.6),
    Edge("sleep", "stress", 0.6), Edge("sleep", "muscle_pain", 0.55),
    Edge("sleep", "joint_pain", 0.4), Edge("muscle_pain", "sleep", 0.5),
]  # fmt: skip

fraction = st.floats(min_value=0, max_value=1, allow_nan=False)
maybe_fraction = st.one_of(st.none(), fraction)
scores = st.fixed_dictionaries({f: maybe_fraction for f in FACTORS})
known_scores = st.fixed_dictionaries({f: fraction for f in FACTORS})
weights = st.lists(st.floats(min_value=0, max_value=0.6), min_size=len(EDGES), max_size=len(EDGES))


def reweighted(ws):
    return [Edge(e.source, e.target, w) for e, w in zip(EDGES, ws, strict=True)]


def test_all_zero_gives_zero():
    model = analyse(dict.fromkeys(FACTORS, 0.0), EDGES)
    assert model.simple_sum == model.combined == model.index == 0
    assert model.multiplier == 1


@given(st.sampled_from(FACTORS), fraction, weights)
def test_one_factor_alone_gives_its_own_score_and_multiplier_1(factor, s, ws):
    alone = {f: (s if f == factor else 0.0) for f in FACTORS}
    model = analyse(alone, reweighted(ws))
    assert model.combined == pytest.approx(s)
    assert model.multiplier == pytest.approx(1.0)


@given(scores, st.sampled_from(FACTORS), fraction, weights)
def test_burden_never_falls_when_a_factor_rises(s, factor, rise, ws):
    edges = reweighted(ws)
    before = burden(s, edges)
    higher = dict(s)
    base = s[factor] or 0.0
    higher[factor] = min(1.0, base + rise)
    assert burden(higher, edges) >= before - 1e-12


@given(known_scores, weights)
def test_together_is_at_least_the_sum_of_each_alone(s, ws):
    edges = reweighted(ws)
    alone = sum(burden({f: (v if f == g else 0.0) for f, v in s.items()}, edges) for g in s)
    assert burden(s, edges) >= alone - 1e-12


@given(
    st.sampled_from(EDGES),
    st.floats(min_value=0.01, max_value=1),
    st.floats(min_value=0.01, max_value=1),
)
def test_two_linked_factors_present_make_it_strictly_more(edge, a, b):
    s = {f: 0.0 for f in FACTORS} | {edge.source: a, edge.target: b}
    model = analyse(s, EDGES)
    assert model.combined > a + b
    assert model.multiplier > 1


@given(scores, weights)
def test_each_lever_is_at_least_the_factors_own_score(s, ws):
    model = analyse(s, reweighted(ws))
    for lever in model.levers:
        assert lever.drop >= s[lever.factor] - 1e-12


@given(scores)
def test_unknown_factors_are_left_out_of_every_sum(s):
    model = analyse(s, EDGES)
    known = {f: v for f, v in s.items() if v is not None}
    assert model.simple_sum == pytest.approx(sum(known.values()))
    assert {lv.factor for lv in model.levers} == set(known)
    assert all(link.source in known and link.target in known for link in model.links)


@given(scores)
def test_index_stays_within_0_and_100(s):
    assert 0 <= analyse(s, EDGES).index <= 100 + 1e-9


def test_everything_at_100_gives_index_100_and_multiplier_1_plus_mean_weight_sum():
    model = analyse(dict.fromkeys(FACTORS, 1.0), EDGES)
    assert model.index == pytest.approx(100)
    assert model.multiplier == pytest.approx(1 + sum(e.weight for e in EDGES) / 7)


def test_no_known_factor_gives_multiplier_1():
    model = analyse(dict.fromkeys(FACTORS), EDGES)
    assert model.multiplier == 1 and model.index == 0 and model.levers == []


def test_a_tangled_factor_can_rank_above_one_with_a_higher_own_score():
    # Osteoporosis is high but touches little; stress is lower but feeds sleep and muscles.
    s = {"osteoporosis": 0.8, "stress": 0.6, "sleep": 0.6, "muscle_pain": 0.6}
    model = analyse(s, EDGES)
    ranked = [lv.factor for lv in model.levers]
    assert ranked.index("stress") < ranked.index("osteoporosis")
    assert model.levers[0].via  # it says through which factors


def test_link_contribution_is_weight_times_both_scores():
    model = analyse({"stress": 0.5, "muscle_pain": 0.8}, EDGES)
    (link,) = model.links
    assert (link.source, link.target) == ("stress", "muscle_pain")
    assert link.contribution == pytest.approx(0.55 * 0.5 * 0.8)


def test_vicious_circles_need_both_ways_and_both_at_least_moderate():
    everyone = vicious_circles(EDGES, lambda f: True)
    assert ("sleep", "stress") in everyone
    assert ("muscle_pain", "sleep") in everyone
    only_stress_sleep = vicious_circles(EDGES, lambda f: f in ("stress", "sleep"))
    assert only_stress_sleep == [("sleep", "stress")]
    assert vicious_circles(EDGES, lambda f: f == "stress") == []


def test_longer_loops_are_named_after_pairs():
    circles = vicious_circles(EDGES, lambda f: True)
    assert ("muscle_pain", "sleep", "stress") in circles
    assert [len(c) for c in circles] == sorted(len(c) for c in circles)

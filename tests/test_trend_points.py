"""Long trends draw at most a hundred points a line and keep their shape (LTTB, plus the highest
and the lowest), so a report after a thousand assessments stays quick and small."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.report import charts, downsample

SERIES = st.lists(st.floats(0, 100, allow_nan=False), min_size=0, max_size=600)


@given(SERIES, st.integers(4, 150))
def test_at_most_the_limit_with_first_last_highest_and_lowest_kept(values, limit):
    points = list(enumerate(values))
    kept = downsample.keep(points, limit)
    assert len(kept) <= limit
    assert kept == sorted(set(kept))
    if values:
        assert {0, len(values) - 1} <= set(kept)
        assert max(values) in [values[i] for i in kept]
        assert min(values) in [values[i] for i in kept]


@given(SERIES)
def test_a_short_series_is_drawn_whole(values):
    points = list(enumerate(values))
    if len(points) <= downsample.TREND_POINTS:
        assert downsample.keep(points) == list(range(len(points)))


def test_a_lone_peak_in_a_flat_line_survives():
    values = [10.0] * 1000
    values[637] = 95.0  # one bad week among a thousand quiet ones
    kept = downsample.keep(list(enumerate(values)))
    assert 637 in kept and len(kept) <= downsample.TREND_POINTS


def test_fewer_than_four_points_kept_is_refused():
    with pytest.raises(ValueError):
        downsample.keep([(0, 1.0)] * 10, 3)


def test_a_chart_of_a_thousand_assessments_draws_at_most_a_hundred_points():
    values = [(i * 37) % 101 for i in range(1000)]
    points = [(f"day {i}", float(v)) for i, v in enumerate(values)]
    svg = str(charts.trend_chart(points, label="Stress"))
    circles = svg.count("<circle")
    polyline = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    assert circles == len(polyline) <= downsample.TREND_POINTS
    assert "day 0:" in svg and "day 999:" in svg  # the first and the last are named
    assert "of 1000 assessments drawn" in svg
    assert len(svg) < 12_000


def test_a_chart_of_ten_assessments_draws_them_all():
    points = [(f"day {i}", float(i * 10)) for i in range(10)]
    svg = str(charts.trend_chart(points, label="Stress"))
    assert svg.count("<circle") == 10
    assert "assessments drawn" not in svg


def _history(count: int) -> list[dict]:
    """`count` earlier results, one a week before the report's day, stress going up and down."""
    from datetime import datetime, timedelta, timezone

    import report_support as support

    calm = support.result_for(support.calmer_answers())
    start = datetime(2026, 11, 24, 10, tzinfo=timezone.utc) - timedelta(weeks=count)
    out = []
    for i in range(count):
        entry = {**calm, "meta": {**calm["meta"]}, "factors": dict(calm["factors"])}
        entry["meta"]["assessed_at"] = (start + timedelta(weeks=i)).isoformat()
        entry["factors"]["stress"] = {**calm["factors"]["stress"], "score": (i * 37) % 101}
        out.append(entry)
    return out


@pytest.mark.slow
def test_a_report_after_a_thousand_assessments_stays_small_and_keeps_its_trends(tmp_path):
    import report_support as support

    answers = support.sample_answers()
    out, _result, reader = support.write_pdf(tmp_path, "long.pdf", answers, history=_history(1000))
    assert out.stat().st_size < 250_000
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Trends" in text or "trend" in text.lower()
    from assessment.report import render

    html = render.render_html(support.bank(), answers, _result, history=_history(1000))
    charts_found = re.findall(r'<svg[^>]*class="chart trend".*?</svg>', html, re.S)
    assert len(charts_found) >= 8  # each factor and the headline measures
    for chart in charts_found:
        assert chart.count("<circle") <= downsample.TREND_POINTS
        assert "of 1001 assessments drawn" in chart

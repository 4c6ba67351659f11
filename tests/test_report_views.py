"""The report's views hold data, the templates the layout; one palette colours CSS and SVG."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date

import report_support as support
from markupsafe import Markup

from assessment.paths import templates_dir
from assessment.report import palette, views
from assessment.report import render as report

TODAY = date(2026, 11, 24)
LAYOUT_SIGNS = "\u2192\u21c4\u25b2\u25bc\u00d7\u2026\u2265\u2264\u2212"  # → ⇄ ▲ ▼ × … ≥ ≤ −


def sample_report() -> views.Report:
    answers = support.sample_answers(name="N" * 200)
    earlier = support.result_for(support.calmer_answers(), "2026-08-01T09:00:00+00:00")
    result = support.result_for(answers)
    return report.build_context(support.bank(), answers, result, history=[earlier], today=TODAY)


def strings(value):
    """Every plain string a view holds (the drawn charts aside)."""
    if isinstance(value, Markup):
        return
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def test_the_views_carry_no_arrows_or_signs_of_the_layout():
    built = sample_report()
    assert isinstance(built, views.Report)
    found = sorted({s for s in strings(built) if any(sign in s for sign in LAYOUT_SIGNS)})
    assert found == []
    # while the page made from them does show them
    page = html.unescape(report.environment().get_template(report.TEMPLATE).render(built.names()))
    assert "\u25b2" in page and "\u2026" in page and "\u00d7" in page


def test_report_css_names_no_colour_of_its_own_and_every_colour_it_uses_is_in_the_palette():
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgb\(", css) == []
    own = set(re.findall(r"(--[\w-]+)\s*:", css))
    used = set(re.findall(r"var\((--[\w-]+)\)", css))
    assert used <= own | {f"--{name}" for name in palette.CSS_VARIABLES}


def test_the_page_sets_the_palette_as_css_variables_and_the_charts_draw_with_it():
    answers = support.sample_answers()
    result = support.result_for(answers)
    page = report.render_html(support.bank(), answers, result, today=TODAY)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for name, colour in palette.CSS_VARIABLES.items():
        assert f"--{name}: {colour};" in style
    drawn = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', page))
    assert drawn and drawn <= set(palette.CSS_VARIABLES.values())

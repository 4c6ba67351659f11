"""The SVG charts as text: text equivalents first, escaped labels, bands apart without colour."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from assessment.core import instruments
from assessment.report import charts

SVG = "{http://www.w3.org/2000/svg}"
FACTORS = [
    ("muscle_pain", "Muscle pain", 74, "high"),
    ("joint_pain", "Joint <and> spine pain", 50, "moderate"),
    ("osteoporosis", "Bone health", 12, "low"),
    ("circulation", "Circulation", None, None),
    ("magnesium", "Magnesium", 35, "moderate"),
    ("stress", "Stress", 72, "high"),
    ("sleep", "Sleep", 69, "high"),
]
LINKS = [
    {"from": "sleep", "to": "muscle_pain", "contribution": 0.31},
    {"from": "muscle_pain", "to": "sleep", "contribution": 0.31},
    {"from": "stress", "to": "muscle_pain", "contribution": 0.20},
    {"from": "magnesium", "to": "muscle_pain", "contribution": 0.05},
    {"from": "circulation", "to": "joint_pain", "contribution": 0.0},
]


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def all_charts():
    return [
        charts.factor_bar(50, "moderate", label="Stress & <worry>", uid="b"),
        charts.body_map(["neck", "jaw_left"], names={"neck": "Neck <front>"}),
        charts.link_diagram(FACTORS, LINKS),
        charts.burden_bars(375, 648, 1400),
        charts.trend_chart([("1 Aug", 40), ("24 Nov", None), ("1 Dec", 55)], label="A & B"),
    ]


@pytest.mark.parametrize(
    "svg", all_charts(), ids=lambda s: re.search(r'class="chart ([\w-]+)', s)[1]
)
def test_every_chart_is_well_formed_with_title_and_desc_first(svg):
    root = parse(svg)  # escaped text keeps it well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert [child.tag for child in root[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert root[0].text and root[1].text
    assert "<script" not in svg and "href" not in svg.replace("url(#", "")


def test_labels_are_escaped():
    bar, body, diagram, _, trend = all_charts()
    assert parse(bar)[0].text == "Stress & <worry>: 50 out of 100, moderate band"
    assert "Stress &amp; &lt;worry&gt;" in bar
    assert "Neck &lt;front&gt;" in body
    assert "Joint &lt;and&gt;" in diagram and "<and>" not in diagram
    assert "A &amp; B" in trend


def test_bands_differ_by_pattern_and_tone_not_colour_alone():
    fills = {
        band: parse(charts.factor_bar(60, band, label="x", uid="u"))
        .findall(f"{SVG}rect")[1]
        .get("fill")
        for band in ("low", "moderate", "high")
    }
    assert fills["moderate"] == "url(#u-hatch)"
    assert fills["low"] != fills["high"] and {fills["low"], fills["high"]} <= {"#d9d9d9", "#262626"}
    for fill in (fills["low"], fills["high"]):
        r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
        assert r == g == b, "greys only: the bars must print the same in black and white"


def test_an_unknown_score_draws_an_empty_frame():
    root = parse(charts.factor_bar(None, None, label="Circulation", uid="c"))
    assert root[0].text == "Circulation: not known" and len(root.findall(f"{SVG}rect")) == 1


def test_body_map_has_all_19_areas_and_shades_only_the_painful():
    svg = charts.body_map(["neck", "jaw_left", "lower_back", "not_an_area"])
    areas = re.findall(r'class="area( painful)?" data-area="([a-z_]+)"', svg)
    assert {name for _, name in areas} == set(instruments.WPI_AREAS)
    assert {name for painful, name in areas if painful} == {"neck", "jaw_left", "lower_back"}
    # the title, which the PDF gives screen readers as the figure's text, names them
    title = parse(svg)[0].text
    assert title == (
        "Body map, front and back: painful in the past week in 3 of 19 areas: "
        "neck, jaw left, lower back"
    )
    assert parse(charts.body_map([]))[0].text == "Body map, front and back: no painful areas marked"


def test_link_diagram_draws_the_present_links_thicker_for_more():
    svg = charts.link_diagram(FACTORS, LINKS, max_links=3)
    drawn = re.findall(r'data-from="(\w+)" data-to="(\w+)"><line [^>]*stroke-width="([\d.]+)"', svg)
    assert [(a, b) for a, b, _ in drawn] == [
        ("sleep", "muscle_pain"),
        ("muscle_pain", "sleep"),
        ("stress", "muscle_pain"),
    ]
    widths = [float(w) for _, _, w in drawn]
    assert widths[0] == widths[1] > widths[2]
    assert len(re.findall(r'<circle class="node"', svg)) == len(FACTORS)


def test_scores_on_hatched_circles_sit_on_a_white_backing():
    svg = charts.link_diagram(FACTORS, LINKS)
    for fid, _name, score, band in FACTORS:
        if score is None:
            continue
        node = re.search(
            rf'<circle class="node" [^>]*/>(<circle class="backing" [^>]*/>)?<text [^>]*>{score}<',
            svg,
        )
        assert node, fid
        if band == "moderate":
            assert node[1] and 'fill="#ffffff"' in node[1]
            radius = float(re.search(r'r="([\d.]+)"', node[1])[1])
            assert radius >= 12, "room for three digits"
        else:
            assert node[1] is None


def test_burden_bars_hatch_the_extra_of_the_combined_burden():
    svg = charts.burden_bars(375, 648, 1400, uid="bb")
    assert svg.count('fill="url(#bb-hatch)"') == 1
    assert "Simple sum 375; combined burden 648, of which 273" in svg
    assert re.findall(r">(\d+)</text>", svg) == ["375", "648"]  # whole points, like the scores


def test_trend_chart_skips_unknown_points():
    svg = charts.trend_chart([("a", 10), ("b", None), ("c", 30), ("d", 20)], label="Stress")
    assert svg.count("<circle ") == 3
    assert len(re.search(r'points="([^"]+)"', svg)[1].split()) == 3
    assert "b: not known" in svg


@pytest.mark.parametrize("top", [100, 10, 31])
def test_trend_chart_writes_its_scale(top):
    svg = charts.trend_chart([("a", 1), ("b", 2)], label="x", top=top)
    texts = re.findall(r"<text [^>]*>([^<]+)</text>", svg)
    assert texts == [str(top), "0"]
    root = parse(svg)
    assert f"a scale of 0 to {top}" in root[1].text
    assert root[0].text == "x, oldest to newest: a: 1, b: 2"

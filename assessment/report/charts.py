"""Small inline SVG charts for the report: factor bars, body map, link diagram, burden bars, trends.

Every chart is a string of SVG with a <title> and <desc> for screen readers. All text is escaped.
Meaning never rests on colour: bands are told apart by pattern and are also written in words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from assessment.core.instruments import WPI_AREAS
from assessment.core.numbers import trimmed as _num
from assessment.i18n.words import N_, _, colon, ngettext, semicolon
from assessment.report import downsample
from assessment.report.palette import DARK, FRAME, INK, LIGHT, MID, PAPER

BAND_FILL = {"low": LIGHT, "high": DARK, None: PAPER}  # moderate is hatched (band_fill)

# Body map: each WPI area as a rounded rectangle (x, y, w, h) on a 120 x 250 figure, drawn as
# the viewer sees the person from the front; the back view mirrors left and right.
_FRONT_ONLY = {"jaw_left", "jaw_right", "chest", "abdomen"}
_BACK_ONLY = {"upper_back", "lower_back"}
_SHAPES: dict[str, tuple[float, float, float, float]] = {
    # person's right is on the viewer's left in the front view
    "jaw_right": (50, 30, 9, 8),
    "jaw_left": (61, 30, 9, 8),
    "neck": (53, 39, 14, 9),
    "shoulder_girdle_right": (30, 48, 24, 11),
    "shoulder_girdle_left": (66, 48, 24, 11),
    "chest": (40, 60, 40, 30),
    "upper_back": (40, 60, 40, 30),
    "abdomen": (42, 91, 36, 25),
    "lower_back": (42, 91, 36, 25),
    "upper_arm_right": (25, 60, 13, 35),
    "upper_arm_left": (82, 60, 13, 35),
    "lower_arm_right": (20, 97, 13, 38),
    "lower_arm_left": (87, 97, 13, 38),
    "hip_right": (40, 117, 19, 17),
    "hip_left": (61, 117, 19, 17),
    "upper_leg_right": (41, 136, 17, 52),
    "upper_leg_left": (62, 136, 17, 52),
    "lower_leg_right": (42, 190, 15, 55),
    "lower_leg_left": (63, 190, 15, 55),
}


def _svg(width: float, height: float, title: str, desc: str, body: str, cls: str) -> Markup:
    """Wrap chart content in an <svg> with its text equivalents first (the PDF tags read them)."""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {cls}" role="img" '
        f'width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>"
    )


def _hatch(pid: str, spacing: float = 3.0, color: str = INK) -> str:
    """A diagonal hatch pattern, so shaded areas read in black and white and in grey."""
    return (
        f'<pattern id="{pid}" width="{_num(spacing)}" height="{_num(spacing)}" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="{_num(spacing)}" height="{_num(spacing)}" fill="{PAPER}"/>'
        f'<rect width="{_num(spacing / 2)}" height="{_num(spacing)}" fill="{color}"/></pattern>'
    )


def band_fill(band: str | None, pid: str) -> tuple[str, str]:
    """(defs, fill) for a band: low light grey, moderate hatched, high near black."""
    if band == "moderate":
        return _hatch(pid), f"url(#{pid})"
    return "", BAND_FILL.get(band, PAPER)


def factor_bar(
    score: int | None,
    band: str | None,
    *,
    label: str,
    uid: str,
    ticks: Sequence[float] = (),
    width: float = 90,
    height: float = 9,
) -> Markup:
    """A bar 0-100 filled to the score, with the band's pattern; an empty frame when unknown.

    `ticks` are the scores where one band ends and the next begins (33.5 between 33 and 34)."""
    defs, fill = band_fill(band, f"{uid}-hatch")
    desc = (
        _("not known")
        if score is None
        else _("{score} out of 100, {band} band").format(score=score, band=_(band or "none"))
    )
    filled = 0 if score is None else width * max(0, min(100, score)) / 100
    body = (f"<defs>{defs}</defs>" if defs else "") + (
        f'<rect x="0.5" y="0.5" width="{_num(width - 1)}" height="{_num(height - 1)}" '
        f'fill="{PAPER}" stroke="{FRAME}" stroke-width="0.6"/>'
    )
    if filled:
        body += (
            f'<rect x="0.5" y="0.5" width="{_num(max(filled - 1, 0.5))}" '
            f'height="{_num(height - 1)}" fill="{fill}" stroke="{INK}" stroke-width="0.6"/>'
        )
    for tick in ticks:
        x = width * tick / 100
        body += (
            f'<line x1="{_num(x)}" y1="0" x2="{_num(x)}" y2="{_num(height)}" '
            f'stroke="{FRAME}" stroke-width="0.4" stroke-dasharray="1 1"/>'
        )
    return _svg(
        width,
        height,
        label + colon() + desc,
        _("Bar from 0 to 100; ticks mark the bands."),
        body,
        "factor-bar",
    )


def body_map(
    painful: Iterable[str], *, names: Mapping[str, str] | None = None, uid: str = "bodymap"
) -> Markup:
    """Front and back outlines with the painful WPI areas hatched dark; the rest left white."""
    painful = [area for area in painful if area in _SHAPES]
    hit = set(painful)
    names = names or {}
    pid = f"{uid}-hatch"
    fig_w, fig_h, gap, top = 120, 250, 24, 14
    parts = [f"<defs>{_hatch(pid, 2.6)}</defs>"]
    for index, (view, skip) in enumerate(((N_("Front"), _BACK_ONLY), (N_("Back"), _FRONT_ONLY))):
        ox = index * (fig_w + gap)
        parts.append(f'<g transform="translate({ox},{top})">')
        parts.append(
            f'<circle cx="60" cy="20" r="13" fill="{PAPER}" stroke="{INK}" stroke-width="0.8"/>'
        )
        for area, (x, y, w, h) in _SHAPES.items():
            if area in skip:
                continue
            if view == "Back":  # seen from behind, the person's left is on the viewer's left
                x = fig_w - x - w
            fill = f"url(#{pid})" if area in hit else PAPER
            label = escape(names.get(area, area.replace("_", " ")))
            parts.append(
                f'<rect class="area{" painful" if area in hit else ""}" data-area="{area}" '
                f'x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="3" '
                f'fill="{fill}" stroke="{INK}" stroke-width="{1.2 if area in hit else 0.6}">'
                f"<title>{label}</title></rect>"
            )
        left_x, right_x = (106, 14) if view == "Front" else (14, 106)
        left, right = escape(_("L")), escape(_("R"))  # the person's left and right
        parts.append(
            f'<text x="{left_x}" y="10" font-size="11" text-anchor="middle" fill="{INK}">'
            f"{left}</text>"
            f'<text x="{right_x}" y="10" font-size="11" text-anchor="middle" fill="{INK}">'
            f"{right}</text>"
            f'<text x="60" y="{fig_h + 10}" font-size="11" text-anchor="middle" '
            f'fill="{INK}">{escape(_(view))}</text></g>'
        )
    listed = ", ".join(names.get(area, area.replace("_", " ")) for area in painful)
    shows = (
        _("painful in the past week in {count} of {all} areas: {listed}").format(
            count=len(painful), all=len(WPI_AREAS), listed=listed
        )
        if painful
        else _("no painful areas marked")
    )
    return _svg(
        2 * fig_w + gap,
        fig_h + top + 12,
        _("Body map, front and back: {shows}").format(shows=shows),
        _("Painful areas are hatched dark; the others are left white."),
        "".join(parts),
        "body-map",
    )


def _wrap(text: str, width: int = 14) -> list[str]:
    """Greedy word wrap for SVG labels, which do not wrap by themselves."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def link_diagram(
    factors: Sequence[tuple[str, str, int | None, str | None]],
    links: Sequence[Mapping],
    *,
    uid: str = "links",
    width: float = 400,
    height: float = 300,
    max_links: int = 8,
) -> Markup:
    """The factors on a circle with arrows for the strongest links; stroke width ~ contribution.

    `factors` is (id, name, score, band) in display order; `links` are result links, strongest
    first, each with from, to and contribution.
    """
    shown = [link for link in links if (link.get("contribution") or 0) > 0][:max_links]
    top_c = max((link["contribution"] for link in shown), default=1) or 1
    cx, cy = width / 2, height / 2 + 4
    ring = min(width, height) / 2 - 50
    node_r = 17
    pos = {}
    for i, (fid, *_rest) in enumerate(factors):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(factors), 1)
        pos[fid] = (cx + ring * math.cos(angle), cy + ring * math.sin(angle), angle)
    parts = ["<defs>"]
    for fid, _name, _score, band in factors:
        defs, _fill = band_fill(band, f"{uid}-{fid}-hatch")
        parts.append(defs)
    parts.append("</defs>")
    pairs = {(link["from"], link["to"]) for link in shown}
    for link in shown:
        a, b = link["from"], link["to"]
        if a not in pos or b not in pos:
            continue
        x1, y1, _r = pos[a]
        x2, y2, _r = pos[b]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1
        ux, uy = dx / dist, dy / dist
        nx, ny = -uy, ux  # offset both-way links so the two arrows sit side by side
        off = 4.5 if (b, a) in pairs else 0
        sx, sy = x1 + ux * (node_r + 2) + nx * off, y1 + uy * (node_r + 2) + ny * off
        ex, ey = x2 - ux * (node_r + 2) + nx * off, y2 - uy * (node_r + 2) + ny * off
        stroke = 0.8 + 4.2 * link["contribution"] / top_c
        head = 4 + stroke * 1.1
        bx, by = ex - ux * head, ey - uy * head
        half = head * 0.6
        parts.append(
            f'<g class="link" data-from="{escape(a)}" data-to="{escape(b)}">'
            f'<line x1="{_num(sx)}" y1="{_num(sy)}" x2="{_num(bx)}" y2="{_num(by)}" '
            f'stroke="{INK}" stroke-width="{stroke:.2f}" stroke-linecap="butt"/>'
            f'<polygon points="{_num(ex)},{_num(ey)} {_num(bx + nx * half)},{_num(by + ny * half)}'
            f' {_num(bx - nx * half)},{_num(by - ny * half)}" fill="{INK}"/></g>'
        )
    for fid, name, score, band in factors:
        x, y, angle = pos[fid]
        _defs, fill = band_fill(band, f"{uid}-{fid}-hatch")
        parts.append(
            f'<circle class="node" cx="{_num(x)}" cy="{_num(y)}" r="{node_r}" fill="{fill}" '
            f'stroke="{INK}" stroke-width="1"/>'
        )
        if score is not None:
            text_fill = PAPER if band == "high" else INK
            if band == "moderate":  # a white disc keeps the score readable on the hatch
                parts.append(
                    f'<circle class="backing" cx="{_num(x)}" cy="{_num(y)}" r="{node_r - 4.5}" '
                    f'fill="{PAPER}" stroke="{INK}" stroke-width="0.5"/>'
                )
            parts.append(
                f'<text x="{_num(x)}" y="{_num(y + 3.8)}" font-size="11" font-weight="bold" '
                f'text-anchor="middle" fill="{text_fill}">{score}</text>'
            )
        lines = _wrap(name)
        cos, sin = math.cos(angle), math.sin(angle)
        lx = x + (node_r + 5) * cos
        anchor = "start" if cos > 0.3 else ("end" if cos < -0.3 else "middle")
        if sin < -0.5:  # above the node: the last line sits just over it
            first = y - node_r - 5 - 12 * (len(lines) - 1)
        elif sin > 0.5:  # below the node
            first = y + node_r + 13
        else:  # beside the node, centred on it
            first = y + 4 - 6 * (len(lines) - 1)
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{_num(lx)}" y="{_num(first + 12 * n)}" font-size="11" '
                f'text-anchor="{anchor}" fill="{INK}">{escape(line)}</text>'
            )
    names = {fid: name for fid, name, _s, _b in factors}
    desc = semicolon().join(
        _("{source} to {target}: adds {points}").format(
            source=names.get(link["from"], link["from"]),
            target=names.get(link["to"], link["to"]),
            points=f"{100 * link['contribution']:.0f}",
        )
        for link in shown
    ) or _("No two linked factors are both present")
    return _svg(
        width,
        height,
        _("How the factors feed one another, the strongest links: {desc}").format(desc=desc),
        _("Arrows, thicker for a larger contribution (in points, like the scores)."),
        "".join(parts),
        "link-diagram",
    )


def burden_bars(
    simple_sum: float, combined: float, maximum: float, *, uid: str = "burden", width: float = 260
) -> Markup:
    """Two bars on one scale: the simple sum, and the combined burden with its extra hatched.

    The values are points on the scores' own scale (each factor 0-100), shown as whole numbers.
    """
    scale = (width - 120) / max(maximum, combined, simple_sum, 1e-9)
    pid = f"{uid}-hatch"
    extra = max(combined - simple_sum, 0)
    rows = [
        (_("Simple sum"), simple_sum, 0.0),
        (_("Combined burden"), simple_sum, extra),
    ]
    parts = [f"<defs>{_hatch(pid)}</defs>"]
    for i, (label, base, more) in enumerate(rows):
        y = 6 + i * 24
        parts.append(
            f'<text x="0" y="{y + 11}" font-size="9.5" fill="{INK}">{escape(label)}</text>'
            f'<rect x="92" y="{y}" width="{_num(width - 120)}" height="15" fill="{PAPER}" '
            f'stroke="{FRAME}" stroke-width="0.5" stroke-dasharray="2 1.5"/>'
            f'<rect x="92" y="{y}" width="{_num(base * scale)}" height="15" fill="{MID}" '
            f'stroke="{INK}" stroke-width="0.6"/>'
        )
        if more:
            parts.append(
                f'<rect x="{_num(92 + base * scale)}" y="{y}" width="{_num(more * scale)}" '
                f'height="15" fill="url(#{pid})" stroke="{INK}" stroke-width="0.6"/>'
            )
        parts.append(
            f'<text x="{_num(96 + (base + more) * scale)}" y="{y + 11}" font-size="9.5" '
            f'fill="{INK}">{base + more:.0f}</text>'
        )
    desc = _(
        "Simple sum {simple:.0f}; combined burden {combined:.0f}, of which {extra:.0f} comes from "
        "factors feeding one another (hatched); the dashed frame is the most possible, {most:.0f}."
    ).format(simple=simple_sum, combined=combined, extra=extra, most=maximum)
    title = _("Simple sum {simple:.0f} against combined burden {combined:.0f}").format(
        simple=simple_sum, combined=combined
    )
    return _svg(width, 56, title, desc, "".join(parts), "burden-bars")


def trend_chart(
    points: Sequence[tuple[str, float | None]],
    *,
    label: str,
    width: float = 120,
    height: float = 32,
    top: float = 100,
) -> Markup:
    """A sparkline of (date label, value) from oldest to newest, with its scale (0 and `top`)
    written at the left; unknown values are left out. A long series draws at most
    downsample.TREND_POINTS of its points, chosen to keep its shape, highest and lowest."""
    known = [(i, v) for i, (_d, v) in enumerate(points) if v is not None]
    drawn_all = len(known) <= downsample.TREND_POINTS
    if not drawn_all:
        known = [known[k] for k in downsample.keep(known)]
    left = 16  # room for the scale's numbers
    step = (width - left - 4) / max(len(points) - 1, 1)
    low_y, high_y = height - 3, 3

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, low_y - (low_y - high_y) * max(0.0, min(v, top)) / top

    parts = [
        f'<text x="{left - 3}" y="{_num(high_y + 3)}" font-size="7.5" text-anchor="end" '
        f'fill="{FRAME}">{_num(top)}</text>'
        f'<text x="{left - 3}" y="{_num(low_y + 2)}" font-size="7.5" text-anchor="end" '
        f'fill="{FRAME}">0</text>'
        f'<line x1="{left - 2}" y1="{_num(high_y)}" x2="{width - 2}" y2="{_num(high_y)}" '
        f'stroke="{FRAME}" stroke-width="0.3" stroke-dasharray="1 1.5"/>'
        f'<line x1="{left - 2}" y1="{_num(low_y)}" x2="{width - 2}" y2="{_num(low_y)}" '
        f'stroke="{FRAME}" stroke-width="0.4"/>'
    ]
    line = " ".join(f"{_num(x)},{_num(y)}" for x, y in (xy(i, v) for i, v in known))
    if len(known) > 1:
        parts.append(f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="1.2"/>')
    for n, (i, v) in enumerate(known):
        x, y = xy(i, v)
        last = n == len(known) - 1
        parts.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{2.2 if last else 1.5}" '
            f'fill="{INK if last else PAPER}" stroke="{INK}" stroke-width="0.8"/>'
        )
    listed = points if drawn_all else [(points[i][0], v) for i, v in known]
    unknown = _("not known")
    each = _("{when}: {value}")
    values = ", ".join(
        each.format(when=d, value=unknown if v is None else _num(v)) for d, v in listed
    )
    drawn = ngettext(
        "{drawn} of {count} assessment drawn.", "{drawn} of {count} assessments drawn.", len(points)
    )
    some = "" if drawn_all else " " + drawn.format(drawn=_num(len(known)), count=_num(len(points)))
    return _svg(
        width,
        height,
        _("{label}, oldest to newest: {values}").format(label=label, values=values),
        _("A line on a scale of 0 to {top}, oldest to newest.").format(top=_num(top)) + some,
        "".join(parts),
        "trend",
    )

"""The page plan: lay the report out with WeasyPrint so that the doctor's part keeps to two pages.

Page one must hold what a doctor reads first, and only a layout can tell whether it does. So
the doctor's part is laid out alone (two pages, quick), closing page one up a step at a time
(views.FIT_STEPS) until page two begins where it should; the whole report is then drawn once at
that step. WeasyPrint is imported here only, inside the functions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from assessment.errors import ReportError
from assessment.paths import templates_dir
from assessment.report.views import FIT_STEPS, Fit

PAGE_TWO = "doctor-questions"  # the id of the doctor's page two: it must begin the second page
PLAN = "your-plan"  # the id of the plan part, which follows the doctor's
DOCTOR_PAGES = 2

Draw = Callable[[Fit, str], str]  # (fit, part) -> the report's HTML
LayOut = Callable[[str], Any]  # HTML -> a laid-out WeasyPrint Document: layout, or Prepared's


def quiet_weasyprint() -> None:
    """The renderer's notes (such as which font subsetter it uses) are for developers; without a
    handler of its own Python would print them to the person's terminal."""
    quiet = logging.getLogger("weasyprint")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())


def layout(html: str, fetcher: Any) -> Any:
    """HTML laid out into pages (a WeasyPrint Document); only template files can be loaded."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    quiet_weasyprint()
    try:
        document = HTML(
            string=html, base_url=templates_dir().resolve().as_uri() + "/", url_fetcher=fetcher
        )
        return document.render(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        raise ReportError(f"the report could not be rendered: {error}") from None


def pdf_options() -> dict[str, Any]:
    """How every report is written: tagged PDF/UA-1, nothing attached, header cells scoped."""
    from assessment.report.pdftags import add_header_scopes

    return {
        "pdf_variant": "pdf/ua-1",
        "attachments": None,
        "custom_metadata": False,
        "finisher": add_header_scopes,
    }


def pdf(document: Any) -> bytes:
    """A laid-out document as tagged PDF bytes (attachments, which are refused, load here)."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        return document.write_pdf(**pdf_options())
    except FatalURLFetchingError as error:
        raise ReportError(f"the report could not be rendered: {error}") from None


def render_pdf(html: str, fetcher: Any) -> bytes:
    """HTML to tagged PDF bytes in one go."""
    return pdf(layout(html, fetcher))


def page_of(document: Any, anchor: str) -> int | None:
    """The index of the page on which the element with this id begins, or None."""
    return next((i for i, page in enumerate(document.pages) if anchor in page.anchors), None)


def fits(document: Any) -> bool:
    """Whether page one holds all of itself (page two begins on the second page) and the
    doctor's part keeps to two pages (the plan, if printed, begins on the third)."""
    plan = page_of(document, PLAN)
    return page_of(document, PAGE_TWO) == 1 and (
        plan == DOCTOR_PAGES if plan is not None else len(document.pages) <= DOCTOR_PAGES
    )


def fitted(draw: Draw, lay_out: LayOut, start: int = 0) -> tuple[Fit, Any]:
    """The first fit from `start` at which page one holds and the doctor's part keeps to two
    pages, with its laid-out doctor's part; else the first at which page one holds; else the
    tightest."""
    first_holding = None
    for level in range(start, len(FIT_STEPS) + 1):
        fit = Fit(level)
        document = lay_out(draw(fit, "doctor"))
        if fits(document):
            return fit, document
        if page_of(document, PAGE_TWO) == 1 and first_holding is None:
            first_holding = fit, document
    return first_holding or (fit, document)


def write(
    draw: Draw, part: str, lay_out: LayOut, large_print: bool = False, crowded: bool = False
) -> bytes:
    """The PDF of the part asked for ("doctor", "plan" or "all"), page one fitted: most reports
    fit as they are, and are laid out once.

    A `crowded` page one (an emergency or urgent sign shown in full) seldom fits as it is, so
    its fit is found on the doctor's part alone (two or three pages each try) before the whole
    report is laid out, once; otherwise a report that did not fit would be laid out whole twice.

    Large print is never closed up. At 14 pt page one's content fills about three pages (the
    sample's, with the body map small, the checks moved and the flags short, still two), so
    closing up would cut and shrink for nothing and the last step, smaller type, is what large
    print must not do: the doctor's part is printed whole, in page one's order, on the pages it
    needs, and each part still begins a page.
    """
    if crowded and not large_print and part != "plan":
        fit, doctor = fitted(draw, lay_out)
        if part == "doctor":
            return pdf(doctor)
        return pdf(lay_out(draw(fit, part)))
    document = lay_out(draw(Fit(), part))
    if large_print or part == "plan" or fits(document):  # the plan does not depend on page one
        return pdf(document)
    fit, doctor = fitted(draw, lay_out, start=1)
    if part == "doctor":
        return pdf(doctor)
    return pdf(lay_out(draw(fit, part)))

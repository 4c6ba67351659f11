"""WeasyPrint made ready ahead of time, the report rendered on a thread of its own, and a word
when the fast font subsetter is missing.

Importing WeasyPrint, setting up its fonts, parsing report.css, compiling the templates and the
first layout and PDF of a process take a second or more. The wizard calls `start` as the last
section begins, so a prepared renderer (report/prepared.py, the one batch runs reuse) is made on
a thread of its own while the person is still typing, and a small page in the report's own
stylesheet and fonts is laid out and written once so that the real report pays none of these
first-time costs. `Rendering` then renders the report as soon as the last answer is in, while the
summary is on screen: it waits for `ready` first, so only one thread ever lays out pages.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from assessment.i18n.words import N_

if TYPE_CHECKING:
    from assessment.report.prepared import Prepared

SUBSETTER_TIP = N_(
    "Tip: reports are written faster with HarfBuzz's font subsetter "
    "(on Debian or Ubuntu: sudo apt-get install libharfbuzz-subset0)."
)

# The report's kinds of content in a few words: headings, strong text, a list, a table, a chart,
# the running header and footer. Laid out once, it loads the fonts and faces the report uses.
WARM_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>-</title>
<link rel="stylesheet" href="report.css">
<style>@page { size: A4; }</style></head>
<body><div class="running-footer">-</div>
<div class="part" data-part="-" data-person="-"><article><h1>Aa</h1><h2>Bb</h2><h3>Cc</h3>
<p>Text, <strong>strong</strong> <em>and</em> 0123456789 &middot; %</p><ul><li>-</li></ul>
<table class="factor-table"><thead><tr><th scope="col">A</th><th scope="col">B</th></tr></thead>
<tbody><tr><th scope="row">a</th><td class="num">1</td></tr></tbody></table>
<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img"><title>-</title>
<rect x="1" y="1" width="4" height="4" fill="#888"/><path d="M0 0L9 9" stroke="#000"/>
<text x="1" y="9" font-size="3">a</text></svg><figcaption>-</figcaption></figure>
</article></div></body></html>
"""

_lock = threading.Lock()
_thread: threading.Thread | None = None
_prepared: Prepared | None = None


def start() -> None:
    """Begin getting WeasyPrint ready in the background (once a process; later calls do
    nothing)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_warm, name="weasyprint-ready", daemon=True)
            _thread.start()


def ready() -> Prepared | None:
    """Wait for a background start and hand over its renderer; None without one (or when it
    failed: the report is then rendered the usual way, which reports any problem)."""
    with _lock:
        thread = _thread
    if thread is not None:
        thread.join()
    return _prepared


def _warm() -> None:
    global _prepared
    try:
        from assessment.report import pages, render
        from assessment.report.prepared import Prepared

        prepared = Prepared()
        templates = render.environment()
        for name in templates.list_templates(extensions=["html"]):
            templates.get_template(name)  # compiled now, not during the real report
        pages.pdf(prepared.layout(WARM_PAGE))
    except Exception:  # noqa: BLE001 - the real render, in the main thread, reports any problem
        return
    _prepared = prepared


class Rendering:
    """`work(prepared)` (the report's PDF bytes) on a thread of its own, begun at once; `pdf`
    waits for it and hands over what it made, or raises what it raised there.

    Until then the objects the run has made so far (the bank, the prompts, WeasyPrint's own,
    a hundred thousand or more) are frozen out of garbage collection: the layout makes garbage
    fast, and each full collection would otherwise walk them all again (about 70 ms a report).
    """

    def __init__(self, work: Callable[[Prepared | None], bytes]):
        self._work = work
        self._pdf: bytes | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="report", daemon=True)
        gc.freeze()
        self._thread.start()

    def _run(self) -> None:
        try:
            self._pdf = self._work(ready())
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread, raised there
            self._error = error

    def pdf(self) -> bytes:
        """The PDF once rendered. Ctrl-C while waiting stops the wait (the thread is left to
        end with the process, and writes nothing)."""
        self._thread.join()
        gc.unfreeze()
        if self._error is not None:
            raise self._error
        assert self._pdf is not None
        return self._pdf


def slow_subsetter() -> bool:
    """Whether WeasyPrint will subset fonts with fontTools (slow) for want of HarfBuzz's
    subsetter (libharfbuzz-subset, 4.1 or newer), as WeasyPrint itself decides."""
    from weasyprint.text import ffi

    return not (ffi.harfbuzz_subset and ffi.harfbuzz.hb_version_atleast(4, 1, 0))

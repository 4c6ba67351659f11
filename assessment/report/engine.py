"""WeasyPrint made ready ahead of time, and a word when its fast font subsetter is missing.

Importing WeasyPrint, setting up its fonts, parsing report.css and laying out a first page take a
second or more. The wizard calls `start` as the last section begins, so a prepared renderer
(report/prepared.py, the one batch runs reuse) is made on a thread of its own while the person is
still typing; `ready` waits for it and hands it over, so only one thread ever lays out pages.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assessment.report.prepared import Prepared

SUBSETTER_TIP = (
    "Tip: reports are written faster with HarfBuzz's font subsetter "
    "(on Debian or Ubuntu: sudo apt-get install libharfbuzz-subset0)."
)

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
        import weasyprint

        from assessment.report.prepared import Prepared

        prepared = Prepared()
        weasyprint.HTML(string="<p>.</p>").write_pdf(font_config=prepared.fonts)
    except Exception:  # noqa: BLE001 - the real render, in the main thread, reports any problem
        return
    _prepared = prepared


def slow_subsetter() -> bool:
    """Whether WeasyPrint will subset fonts with fontTools (slow) for want of HarfBuzz's
    subsetter (libharfbuzz-subset, 4.1 or newer), as WeasyPrint itself decides."""
    from weasyprint.text import ffi

    return not (ffi.harfbuzz_subset and ffi.harfbuzz.hb_version_atleast(4, 1, 0))

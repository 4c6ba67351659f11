"""WeasyPrint, made ready ahead of time, and a word when its fast font subsetter is missing.

Importing WeasyPrint and laying out a first page (fonts found, Pango set up) take a second or
more. The wizard calls `start` as the last section begins, so that work is done on a thread of
its own while the person is still typing; `ready` waits for it before the report is rendered,
so only one thread ever lays out pages.
"""

from __future__ import annotations

import threading

SUBSETTER_TIP = (
    "Tip: reports are written faster with HarfBuzz's font subsetter "
    "(on Debian or Ubuntu: sudo apt-get install libharfbuzz-subset0)."
)

_lock = threading.Lock()
_thread: threading.Thread | None = None


def start() -> None:
    """Begin getting WeasyPrint ready in the background (once a process; later calls do
    nothing)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_warm, name="weasyprint-ready", daemon=True)
            _thread.start()


def ready() -> None:
    """Wait for a background start, if one was made; without one, nothing to wait for."""
    with _lock:
        thread = _thread
    if thread is not None:
        thread.join()


def _warm() -> None:
    try:
        import weasyprint

        from assessment.report.render import quiet_weasyprint

        quiet_weasyprint()
        weasyprint.HTML(string="<p>.</p>").write_pdf()
    except Exception:  # noqa: BLE001 - the real render, in the main thread, reports any problem
        return


def slow_subsetter() -> bool:
    """Whether WeasyPrint will subset fonts with fontTools (slow) for want of HarfBuzz's
    subsetter (libharfbuzz-subset, 4.1 or newer), as WeasyPrint itself decides."""
    from weasyprint.text import ffi

    return not (ffi.harfbuzz_subset and ffi.harfbuzz.hb_version_atleast(4, 1, 0))

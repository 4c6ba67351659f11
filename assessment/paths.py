"""Where the program finds its own files and keeps the person's data."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE.parent


def _shipped(name: str) -> Path:
    """Prefer the copy inside the installed wheel; fall back to the source checkout."""
    inside = _PACKAGE / "data" / name
    return inside if inside.exists() else _SOURCE_ROOT / name


def default_bank_path() -> Path:
    """The question bank that ships with the program."""
    return _shipped("questions.yaml")


def templates_dir() -> Path:
    """The report templates that ship with the program."""
    return _shipped("report_templates")


def data_dir(create: bool = True) -> Path:
    """The private folder for drafts and history: FIBRO_ASSESS_HOME or the platform's data dir."""
    home = os.environ.get("FIBRO_ASSESS_HOME")
    if home:
        path = Path(home).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("fibro-assess", appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):  # a folder we do not own keeps its mode
            path.chmod(0o700)
    return path

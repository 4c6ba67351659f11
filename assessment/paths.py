"""Where the program finds its own files and keeps the person's data."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from assessment.errors import FibroError

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


def make_private_dirs(path: Path) -> None:
    """Create `path` and every missing parent as 0700, whatever the umask (a umask of 000
    would otherwise leave the parents world-writable)."""
    missing = []
    folder = path
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, left as it is
        os.chmod(folder, 0o700)  # ours: exactly 0700 even under a umask such as 077 or 777


def data_dir(create: bool = True) -> Path:
    """The private folder for drafts and history: FIBRO_ASSESS_HOME or the platform's data dir.

    A folder that is not ours (another user's, perhaps reached through a symlink) is refused,
    never made private by force; one we make is 0700 with all its new parents.
    """
    home = os.environ.get("FIBRO_ASSESS_HOME")
    if home:
        path = Path(home).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("fibro-assess", appauthor=False))
    if create:
        try:
            make_private_dirs(path)
            info = os.stat(path)
        except OSError as exc:
            raise FibroError(f"cannot use the data folder {path}: {exc.strerror}") from None
        if not stat.S_ISDIR(info.st_mode):
            raise FibroError(
                f"the data folder {path} is a file, not a folder; "
                "set FIBRO_ASSESS_HOME to a folder of your own"
            )
        if info.st_uid != os.getuid():
            raise FibroError(
                f"the data folder {path} belongs to another user; it was left unchanged. "
                "Set FIBRO_ASSESS_HOME to a folder of your own"
            )
        with contextlib.suppress(OSError):
            path.chmod(0o700)
    return path

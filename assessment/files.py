"""Private, all-or-nothing file writes: drafts, answers, reports and exports hold health data.

A write only ever replaces a regular file: never a device (`--out /dev/full` run as root would
otherwise turn the device into a PDF), a fifo, a socket, a folder or a symlink. The temporary
`.part` file is named after the process that made it, so one left by a killed run is removed the
next time the same file is written; SIGTERM and SIGHUP remove it at once (see `cli.main`).
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from assessment.errors import FibroError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe (fifo)"),
    (stat.S_ISSOCK, "a socket"),
)


def refuse_special(path: Path, error: type[FibroError], what: str) -> None:
    """Raise unless `path` is absent or a regular file: only those may be replaced."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise error(f"cannot write {what} to {path}: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise error(f"will not write {what} to {path}: it is {kind}, not a regular file")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process: its file is not ours to judge
    return True


def sweep_leftovers(path: Path) -> None:
    """Remove `.part` files for `path` left by runs that were killed before they could."""
    pattern = f".{glob.escape(path.name)}.*.part"
    for leftover in path.parent.glob(pattern):
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        with suppress(OSError):
            info = os.lstat(leftover)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                leftover.unlink()


def _temporary_beside(path: Path, error: type[FibroError], what: str) -> tuple[int, str]:
    """The private temporary file a write goes through, made beside `path` (its descriptor and
    name); raises `error` when `path` may not or cannot be written."""
    if not str(path).strip() or not path.name:
        raise error(f"cannot write {what}: no file name given")
    refuse_special(path, error, what)
    sweep_leftovers(path)
    try:
        return tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".part"
        )
    except OSError as exc:
        raise error(f"cannot write {what} to {path}: {exc.strerror or exc}") from None


def check_writable(
    path: str | os.PathLike, *, error: type[FibroError] = FibroError, what: str = "the file"
) -> None:
    """Raise `error` now, as `private_atomic` would, if `path` cannot be written: for work that
    is slow and written only at its end (the PDF), so a bad place fails before the work."""
    fd, temp = _temporary_beside(Path(path).expanduser(), error, what)
    os.close(fd)
    Path(temp).unlink(missing_ok=True)


@contextmanager
def private_atomic(
    path: str | os.PathLike,
    mode: str = "w",
    *,
    error: type[FibroError] = FibroError,
    what: str = "the file",
) -> Iterator[IO]:
    """Write through a temporary file beside `path` (mode 0600), then fsync and rename over it.

    The temporary file is made first, so an unwritable place fails before any slow work; a
    failure part-way removes it and leaves an older file at `path` untouched. Anything at `path`
    that is not a regular file is refused before any work, and again just before the rename.
    """
    path = Path(path).expanduser()
    fd, temp = _temporary_beside(path, error, what)
    try:
        text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **text) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        refuse_special(path, error, what)
        os.replace(temp, path)
    except OSError as exc:
        raise error(f"cannot write {what} to {path}: {exc.strerror or exc}") from None
    finally:
        Path(temp).unlink(missing_ok=True)


def write_private(
    path: str | os.PathLike,
    data: str | bytes,
    *,
    error: type[FibroError] = FibroError,
    what: str = "the file",
) -> Path:
    """Write text or bytes privately and atomically; return the path written."""
    with private_atomic(
        path, "wb" if isinstance(data, bytes) else "w", error=error, what=what
    ) as handle:
        handle.write(data)
    return Path(path).expanduser()

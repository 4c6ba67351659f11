"""Private, all-or-nothing file writes: drafts, answers, reports and exports hold health data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from assessment.errors import FibroError


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
    failure part-way removes it and leaves an older file at `path` untouched.
    """
    path = Path(path).expanduser()
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise error(f"cannot write {what} to {path}: {exc.strerror or exc}") from None
    try:
        text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **text) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
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

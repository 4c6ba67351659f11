"""The welcome before the bank: its three facts kept in the data folder, the bank loaded behind it.

Loading even a checked bank builds its schema's classes and its conditions, which takes longer
than starting the terminal itself. The welcome needs only the bank's title, its factors' names and
how many minutes it takes. Once a run has loaded a bank, `keep` puts those in the data folder's
cache under a key made of the bank's bytes (with its translations), the run's language and region,
and this program's version and code; the next run finds them with `cached`, shows the welcome at
once and loads the bank on a thread (`Loading`) while the welcome is read. A key not seen before
(a new or edited bank, another language, an upgrade) finds nothing: the bank is then loaded, and a
broken one refused, before anything is shown, as always.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from assessment import __version__
from assessment.core import translations
from assessment.errors import FibroError
from assessment.i18n import words

if TYPE_CHECKING:
    from assessment.core.bank import Bank

SECONDS_PER_SCREEN = 10  # the pace behind the welcome's minutes and the progress line's
READ_AT_MOST = 10_000_001  # a bank larger than the loader's 10 MB is refused, so never kept
_PACKAGE = Path(__file__).resolve().parent.parent
# The code a bank's facts come from: reading, checking and translating it, and this module.
_CODE = ("core/*.py", "i18n/*.py", "i18n/*.yaml", "bank_cache.py", "terminal/welcome.py")


class Facts(NamedTuple):  # not a dataclass: making one takes about a millisecond of each start
    """What the welcome says of the bank, in the run's language."""

    title: str
    factors: tuple[str, ...]
    minutes: int


def facts_of(bank: Bank) -> Facts:
    return Facts(bank.title, tuple(f.name for f in bank.factors), bank.minutes(SECONDS_PER_SCREEN))


def cached(path: str | Path) -> Facts | None:
    """The facts kept for this very bank in the run's language and region; None if there are
    none (or they cannot be read: they are then made again, never trusted half-read)."""
    where = _file(Path(path))
    if where is None:
        return None
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
        title, factors, minutes = data["title"], data["factors"], data["minutes"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not (
        isinstance(title, str)
        and isinstance(factors, list)
        and factors
        and all(isinstance(name, str) for name in factors)
        and type(minutes) is int
    ):
        return None
    return Facts(title, tuple(factors), minutes)


def keep(path: str | Path, facts: Facts) -> None:
    """Keep the facts of a bank just loaded, for the next run's welcome (never a reason to
    fail: without them the next run loads the bank first)."""
    from assessment.files import write_private
    from assessment.paths import make_private_dirs

    where = _file(Path(path))
    if where is None:
        return
    text = json.dumps(
        {"title": facts.title, "factors": list(facts.factors), "minutes": facts.minutes},
        ensure_ascii=False,
    )
    try:
        make_private_dirs(where.parent)
        write_private(where, text, what="the bank cache")
    except (OSError, FibroError):
        return


def _file(path: Path) -> Path | None:
    from assessment.paths import data_dir

    key = _key(path)
    if key is None:
        return None
    try:
        return data_dir() / "cache" / f"welcome-{key[:32]}.json"
    except FibroError:
        return None  # no data folder of our own: the bank is loaded first every time


def _key(path: Path) -> str | None:
    """The bank's bytes and its translations', the run's language and region, the versions, and
    the size and time of each file of the code that reads a bank (reading them all would cost
    more than the rest); None when the bank cannot be read (the loader then says why)."""
    key = hashlib.sha256(f"{__version__} {sys.version} {words.current()} {words.region()}".encode())
    try:
        with open(path, "rb") as handle:
            key.update(b"\0" + handle.read(READ_AT_MOST))
        for translation in translations.beside(path):
            key.update(b"\0" + translation.name.encode() + b"\0" + translation.read_bytes())
        for pattern in _CODE:  # an edited checkout changes a file's size or time
            for source in sorted(_PACKAGE.glob(pattern)):
                info = source.stat()
                key.update(f"\0{source.name} {info.st_size} {info.st_mtime_ns}".encode())
    except OSError:
        return None
    return key.hexdigest()


class Loading:
    """The bank, loaded on a thread of its own once `start` is called (as the welcome's first
    prompt shows); `bank` waits for it, or loads it there and then if it was never started."""

    def __init__(self, load: Callable[[], Bank]):
        self._load = load
        self._thread: threading.Thread | None = None
        self._bank: Bank | None = None
        self._error: BaseException | None = None

    def start(self) -> None:
        if self._thread is None:
            # A daemon: leaving at the welcome (Not now, Ctrl-C) need not wait for the bank.
            self._thread = threading.Thread(target=self._run, name="bank", daemon=True)
            self._thread.start()

    def bank(self) -> Bank:
        """The bank; the loader's error (a BankError) is raised here, in the caller's thread."""
        if self._thread is None:
            return self._load()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._bank is not None
        return self._bank

    def _run(self) -> None:
        try:
            self._bank = self._load()
        except BaseException as exc:  # noqa: BLE001 - raised again in the thread that needs it
            self._error = exc

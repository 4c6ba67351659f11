"""The checked question bank kept in the data folder, so a run need not check it again.

Reading, validating and cross-checking `questions.yaml` and parsing its conditions is most of
what a run does before its first question. After one run has checked a bank, it is kept (0600,
in `cache/` in the data folder) under a key made of the bank's bytes and the versions of this
program, Python, pydantic and Jinja2 and of the core's code: an edited bank, an upgrade or an
edited checkout is a new key, so it is checked afresh. A cache that is damaged, of another
version or not ours is ignored and made again, never trusted: the file holds its own checksum,
and reading it may only make the bank's own classes and the condition trees (which are checked
again as they are taken in). A translated bank is kept the same way, under a key that also
names its language, the number to call and the code that translates it (i18n/).
"""

from __future__ import annotations

import hashlib
import importlib
import io
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from assessment import __version__
from assessment.core import expressions, translations
from assessment.core.bank import Bank
from assessment.core.loader import MAX_BYTES, load_bank
from assessment.core.records import Record
from assessment.errors import FibroError

_MAGIC = b"fibro-assess bank cache 1\n"
_ALLOWED = {"assessment.core.bank", "jinja2.nodes"}


def load(path: str | Path, variant: str = "", make: Callable[[Bank], Bank] | None = None) -> Bank:
    """The bank at `path`, from the cache when this very bank was checked before. With `make`,
    the bank it makes of the checked one (a translation, with its `variant` naming what else it
    depends on, such as the emergency number filled in), kept under a key of its own."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return _made(load_bank(path), make)  # says what is wrong with the file, as always
    if len(raw) > MAX_BYTES:
        return _made(load_bank(path), make)
    raw += _translations(path)
    if make is not None:
        raw += b"\0variant\0" + variant.encode() + _code(_MADE_BY)
    where = _cache_file(raw)
    bank = _read(where) if where is not None else None
    if bank is not None:
        return bank.model_copy(update={"source": str(path)})
    bank = load(path) if make is not None else load_bank(path)
    bank = _made(bank, make)
    if where is not None:
        _write(where, bank)
    return bank


def _made(bank: Bank, make: Callable[[Bank], Bank] | None) -> Bank:
    return make(bank) if make is not None else bank


def _translations(path: Path) -> bytes:
    """The translations beside the bank: they are part of its hash, so of the key too."""
    return b"".join(
        b"\0" + p.name.encode() + b"\0" + p.read_bytes() for p in translations.beside(path)
    )


def _key(raw: bytes) -> str:
    """The bank's bytes, the versions, and the code that reads and checks a bank (so an edited
    checkout, whose version number has not moved, never reads a bank its code no longer
    makes)."""
    import jinja2
    import pydantic

    versions = f"{__version__} {sys.version} {pydantic.VERSION} {jinja2.__version__}"
    key = hashlib.sha256(versions.encode() + b"\0" + raw)
    key.update(_code(Path(expressions.__file__).parent.glob("*.py")))
    return key.hexdigest()


# What a translated bank is made by, besides the core: the overlay, the emergency numbers.
_MADE_BY = Path(__file__).parent / "i18n"


def _code(files: Iterable[Path] | Path) -> bytes:
    """The names and bytes of these files (a folder: its .py and .yaml files), for a key."""
    if isinstance(files, Path):
        files = [*files.glob("*.py"), *files.glob("*.yaml")]
    return b"".join(f.name.encode() + b"\0" + f.read_bytes() for f in sorted(files))


def _cache_file(raw: bytes) -> Path | None:
    from assessment.paths import data_dir

    try:
        return data_dir() / "cache" / f"bank-{_key(raw)[:32]}.pickle"
    except FibroError:
        return None  # no data folder of our own: check the bank every time


def _read(where: Path) -> Bank | None:
    try:
        data = where.read_bytes()
    except OSError:
        return None
    body = data[len(_MAGIC) + 64 :]
    digest = data[len(_MAGIC) : len(_MAGIC) + 64].decode("ascii", "replace")
    if not data.startswith(_MAGIC) or hashlib.sha256(body).hexdigest() != digest:
        return None
    try:
        bank, trees = _Restricted(io.BytesIO(body)).load()
        if not isinstance(bank, Bank) or not isinstance(trees, dict):
            return None
        expressions.adopt(trees)
    except Exception:  # noqa: BLE001 - any damage at all: check the bank afresh
        return None
    return bank


def _write(where: Path, bank: Bank) -> None:
    from assessment.files import write_private
    from assessment.paths import make_private_dirs

    try:
        body = pickle.dumps((bank, expressions.trees(conditions(bank))), protocol=5)
        make_private_dirs(where.parent)
        digest = hashlib.sha256(body).hexdigest().encode("ascii")
        write_private(where, _MAGIC + digest + body, what="the bank cache")
    except (OSError, FibroError, pickle.PickleError, RecursionError):
        return  # a cache is a saving, never a reason to fail


def conditions(bank: Bank) -> list[str]:
    """Every condition text in the bank: each `show_if`, `when` and `unless`."""
    found: list[str] = []
    pending: list[Any] = [bank.model_dump()]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            found += [v for k, v in value.items() if k in ("show_if", "when", "unless") and v]
            pending += value.values()
        elif isinstance(value, list):
            pending += value
    return list(dict.fromkeys(c for c in found if isinstance(c, str)))


class _Restricted(pickle.Unpickler):
    """Makes only the bank's own records and Jinja's expression nodes."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _ALLOWED and not name.startswith("_"):
            found = getattr(importlib.import_module(module), name, None)
            from jinja2 import nodes

            if isinstance(found, type) and issubclass(found, Record | nodes.Node):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a question bank")

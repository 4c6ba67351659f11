"""Values quoted back in error messages: as Python writes them, cut to a readable length.

A hostile file can hold a 50 MB string or a value built from a million aliases; a message that
echoed it whole would be a "line" of megabytes, or never finish being built.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

from assessment.i18n.words import _, ngettext

LIMIT = 80  # characters of a quoted value

_REPR = reprlib.Repr()
_REPR.maxstring = LIMIT
_REPR.maxother = LIMIT
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 6
_REPR.maxlevel = 3


def quote(value: Any) -> str:
    """`repr(value)`, but never longer than about LIMIT characters and bounded in time."""
    if isinstance(value, int) and value.bit_length() > 1000:
        digits = int(value.bit_length() * 0.30103)
        return _("a number of about {count} digits").format(count=digits)
    text = _REPR.repr(value)
    return text if len(text) <= LIMIT + 10 else text[:LIMIT] + "..."


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]{1,60}")


def key_text(key: Any) -> str:
    """A key as a message names it: plain ids as they are, anything else quoted and cut short."""
    return key if isinstance(key, str) and _PLAIN_KEY.fullmatch(key) else quote(key)


def capped(problems: list[str], source: str, limit: int) -> list[str]:
    """At most `limit` problems, one a line, and a count of the rest: a hostile file can hold
    thousands of mistakes, and a person can act on twenty."""
    if len(problems) <= limit:
        return problems
    more = len(problems) - limit
    rest = ngettext(
        "and {count} more problem like these", "and {count} more problems like these", more
    ).format(count=more)
    return [*problems[:limit], f"{source}: {rest}"]

"""How factor names read inside sentences, shared by the terminal summary and the PDF.

Pure and small on purpose: the summary must not import the report (and with it Jinja2) at start.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

PARTNERS_SHOWN = 3  # a lever's sentence names at most this many of the factors it is linked with

_AND = re.compile(r"\band\b", re.I)


def listing(items: Sequence[str]) -> str:
    """Names as a sentence lists them: "a, b and c"; but when a name holds an "and" of its own
    ("joint and spine pain"), "as well as" before the last, so that no "and" can be read as
    splitting that name: "muscle pain, stress as well as joint and spine pain"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    last = " as well as " if any(_AND.search(item) for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def mid(name: str) -> str:
    """A factor name as it reads inside a sentence: "Muscle pain" -> "muscle pain". A name whose
    first word holds further capitals (an acronym such as "ACR", a name such as "McArdle") is
    left alone."""
    first = name.split(" ", 1)[0]
    if len(first) < 2 or not first[0].isupper() or any(c.isupper() for c in first[1:]):
        return name
    return name[0].lower() + name[1:]


def partners(lever: Mapping[str, Any], links: Sequence[Mapping[str, Any]]) -> list[str]:
    """The factor ids a lever is linked with, the largest shared part first (the result's `via`;
    from the links, which come largest first, for a result saved without it), at most
    PARTNERS_SHOWN of them."""
    fid = lever["factor"]
    out = list(lever.get("via") or [])
    for link in links:
        if (link.get("contribution") or 0) <= 0 or fid not in (link["from"], link["to"]):
            continue
        other = link["to"] if link["from"] == fid else link["from"]
        if other not in out:
            out.append(other)
    return out[:PARTNERS_SHOWN]

"""What a prompt returns besides an answer (BACK, SKIP), and the list rows that stand for them."""

from __future__ import annotations


class _Sentinel:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


BACK = _Sentinel("BACK")
"""The person asked to go back to the previous question."""
SKIP = _Sentinel("SKIP")
"""The person chose "prefer not to say"."""
MISSING = _Sentinel("MISSING")
"""No earlier answer to pre-select."""

BACK_KEY = "action:back"
SKIP_KEY = "action:skip"
NONE_KEY = "extra:none"
ACTIONS = {BACK_KEY: BACK, SKIP_KEY: SKIP}
"""The list rows that act rather than answer, and what choosing each returns."""

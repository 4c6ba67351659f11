"""argparse's own words (usage, options, its errors) in the run's language: argparse looks up
its module-level `_` and `ngettext` when it speaks, so pointing them at ours is enough."""

from __future__ import annotations

import argparse

from assessment.i18n import words
from assessment.i18n.words import N_

# The strings argparse says that a person running fibro-assess can meet (Python 3.10 to 3.13).
ARGPARSE = [
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("optional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
]


def install() -> None:
    """argparse speaks through our catalogue from now on."""
    argparse._ = words._  # type: ignore[attr-defined]
    argparse.ngettext = words.ngettext  # type: ignore[attr-defined]

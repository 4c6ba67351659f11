"""Languages: which one a run speaks, its program strings, its dates and numbers, and the
bank's translations.

English is the source everywhere; French and Spanish are overlays on it (gettext catalogues for
the program's own words, `questions.<lang>.yaml` beside the bank for the bank's), so an English
run loads none of this.
"""

from __future__ import annotations

LANGS = ("en", "fr", "es")
SOURCE = "en"
NAMES = {"en": "English", "fr": "français", "es": "español"}

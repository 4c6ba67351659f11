"""Which files are a bank's translations: `questions.fr.yaml` beside `questions.yaml`.

One answer for the bank's hash, the bank cache's key and the welcome's, so a translation added
beside a bank changes all three alike. Imports nothing heavy: the welcome asks before the bank.
"""

from __future__ import annotations

from pathlib import Path


def beside(bank: Path) -> list[Path]:
    """The translations of the bank at this path, in the order of their names."""
    return sorted(bank.parent.glob(f"{bank.stem}.[a-z][a-z]{bank.suffix}"))

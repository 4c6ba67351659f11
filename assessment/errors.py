"""Errors the person can act on: each prints as one line and exits with status 2."""

from __future__ import annotations


class FibroError(Exception):
    """Base for every error shown to the person as one line, never a traceback."""

    exit_code = 2


class BankError(FibroError):
    """Raised when the question bank has mistakes; carries every problem found, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class AnswersError(FibroError):
    """Raised when an answers file is unreadable, incomplete or holds a value out of range."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class ReportError(FibroError):
    """Raised when the PDF cannot be rendered or written where asked."""


class StoreError(FibroError):
    """Raised when the history or draft file is unreadable, foreign or cannot be written."""

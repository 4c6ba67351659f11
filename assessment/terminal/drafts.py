"""The draft of an unfinished assessment: saved after every answer, offered again at the next start.

A draft is a small private JSON file (mode 0600) in the data directory, written atomically so a
closed terminal or a crash mid-write never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessment.errors import StoreError
from assessment.files import write_private
from assessment.paths import data_dir

if TYPE_CHECKING:
    from assessment.core.bank import Bank

FORMAT = "fibro-assess-draft"
VERSION = 1
FILE_NAME = "draft.json"


@dataclass
class Draft:
    """Answers so far (None for "prefer not to say"), the question to ask next, and when."""

    answers: dict[str, Any]
    position: str | None
    bank_sha256: str
    saved_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "saved_at": self.saved_at.isoformat(timespec="seconds"),
                "bank_sha256": self.bank_sha256,
                "position": self.position,
                "answers": self.answers,
            },
            indent=2,
            ensure_ascii=False,
        )


def default_path() -> Path:
    """Where the draft lives: the data directory (FIBRO_ASSESS_HOME or the platform's)."""
    return data_dir() / FILE_NAME


def save(draft: Draft, path: Path | None = None, now: datetime | None = None) -> Path:
    """Save the draft, stamped with the time of saving (`now`, by default the clock's)."""
    path = Path(path) if path else default_path()
    draft.saved_at = now or datetime.now(timezone.utc)
    return write_private(path, draft.to_json() + "\n", error=StoreError, what="your answers so far")


def load(path: Path | None = None) -> Draft | None:
    """The saved draft, or None when there is none; StoreError when it cannot be read."""
    path = Path(path) if path else default_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: cannot read the saved draft: {exc}") from None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a fibro-assess draft")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("its version is not a whole number")
        if version > VERSION:
            raise NewerDraft(path, version)
        answers = data["answers"]
        if not isinstance(answers, dict):
            raise ValueError("answers is not a mapping")
        saved_at = datetime.fromisoformat(data["saved_at"])
        position = data.get("position")
        if position is not None and not isinstance(position, str):
            raise ValueError("position is not a question id")
        return Draft(dict(answers), position, str(data.get("bank_sha256", "")), saved_at)
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise StoreError(f"{path}: the saved draft is damaged: {exc}") from None


class NewerDraft(StoreError):
    """The draft was saved by a newer fibro-assess: this one cannot know what it holds."""

    def __init__(self, path: Path, version: int):
        self.path = path
        self.version = version
        super().__init__(f"{path}: the saved draft was made by a newer fibro-assess")


def own_path(path: Path) -> Path:
    """Where this version keeps its draft while a newer version's draft sits at `path`."""
    return path.with_name(f"{path.stem}-v{VERSION}{path.suffix}")


def remove(path: Path | None = None) -> None:
    """Forget the draft (after a finished assessment, or when starting over)."""
    path = Path(path) if path else default_path()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def fit(bank: Bank, draft: Draft) -> tuple[Draft, list[str]]:
    """The draft with only answers this bank knows and accepts, and the ids that were dropped.

    A draft made with the same bank passes through unchanged; after the bank changed, answers to
    removed questions, or whose value no longer fits, are left out so they are asked again.
    """
    from assessment.core.answers import check_value, normalise

    kept: dict[str, Any] = {}
    dropped: list[str] = []
    for qid, value in draft.answers.items():
        if not bank.has_question(qid):
            dropped.append(qid)
            continue
        question = bank.question(qid)
        if value is None:
            if question.skippable:
                kept[qid] = None
            else:
                dropped.append(qid)
        elif check_value(question, value) is None:
            kept[qid] = normalise(question, value)
        else:
            dropped.append(qid)
    position = draft.position if draft.position and bank.has_screen(draft.position) else None
    return Draft(kept, position, draft.bank_sha256, draft.saved_at), dropped

"""The limits the bank's fields are validated against, as the pydantic types of its schema.

The bank's records (core/bank.py) name these in their annotations; core/records.py reads them
only when a bank is validated, so a bank from the cache (bank_cache.py) never imports them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
# Every number in the bank is finite and of a size a questionnaire can mean, so no score can
# overflow or come out as NaN (which is not even valid JSON).
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1_000_000, le=1_000_000)]
Whole = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]
PointValue = Annotated[float, Field(allow_inf_nan=False, ge=-1000, le=1000)]
Milligrams = Annotated[float, Field(allow_inf_nan=False, ge=0, le=100_000)]
Points = dict[str, PointValue]
ChoiceValue = Annotated[str | int, Field(union_mode="left_to_right")]
QuestionType = Literal["single", "multi", "yesno", "number", "scale", "text"]

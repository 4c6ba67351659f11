"""The program's bytecode, compiled before a benchmark as an installed program's is.

pip compiles an installed package's modules; an editable checkout run with
PYTHONDONTWRITEBYTECODE set (as here) would compile every module of the program on every run,
while the bare libraries it is measured against load theirs compiled. Compiling once first
makes the two alike; it changes nothing when the bytecode is already there.
"""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assessment"


def compile_program() -> None:
    compileall.compile_dir(str(PACKAGE), quiet=1)

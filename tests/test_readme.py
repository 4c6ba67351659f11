"""The README's commands and its sample output stay true to the program."""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def is_subset(part, whole, path="result"):
    """Every key and value in `part` appears in `whole`; lists match item by item from the start."""
    if isinstance(part, dict):
        assert isinstance(whole, dict), path
        for key, value in part.items():
            assert key in whole, f"{path}.{key} is not in the output"
            is_subset(value, whole[key], f"{path}.{key}")
    elif isinstance(part, list):
        assert isinstance(whole, list) and len(whole) >= len(part), path
        for i, value in enumerate(part):
            is_subset(value, whole[i], f"{path}[{i}]")
    else:
        assert part == whole, f"{path}: README says {part!r}, the program prints {whole!r}"


def test_readme_json_sample_matches_the_real_output(tmp_path):
    block = re.search(r"```json\n(.*?)```", README, re.S).group(1)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assessment",
            "--answers",
            str(ROOT / "examples" / "sample-answers.yaml"),
            "--json",
            "--no-save",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"FIBRO_ASSESS_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    is_subset(json.loads(block), json.loads(done.stdout))


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert len(commands) == 2
    assert commands[0].endswith("fibro-assess")
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_every_option_in_help_is_in_the_readme():
    helptext = subprocess.run(
        [sys.executable, "-m", "assessment", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    for option in re.findall(r"(--[a-z][a-z-]+)", helptext):
        if option in ("--help", "--version"):
            continue
        assert option in README, f"{option} is not documented in the README"

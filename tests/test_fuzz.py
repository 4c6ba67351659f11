"""Property-based fuzzing of what a person or a clinician may hand the program: random answers
files (wrong types, nesting, aliases, huge values, bytes) and random mutations of a bank. Each
case runs the real `cli.main` in a forked child under a memory limit and a 30 s hang guard
(tests/fuzz_worker.py). Whatever the input, the program finishes with its own result: status 0,
or status 2 with every stderr line its own `fibro-assess: ...` (no traceback, no hang, no crash),
valid JSON when asked for it, and nothing written outside the data folder and --out.

Counts and time (2 shared cores): 150 answers files (about 15 s), 150 mutated banks (11 s) and
40 history rows (about 45 s, most of it rendering PDFs), about 75 s in all; derandomised, so
every run tries the same cases. `--hypothesis-show-statistics` shows how the cases ended.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import hostile_support
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
SMALL = HERE / "data" / "banks" / "small.yaml"
ANSWERS_CASES = 150
BANK_CASES = 150
HISTORY_CASES = 40
FUZZ = settings(
    max_examples=ANSWERS_CASES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

GOOD = {
    "rf_cancer_history": False, "rf_weight_loss": False,
    "wpi_regions": ["neck", "lower_back"], "tense_muscles": "often", "pain_now": 6,
    "stress_level": 8, "worry": True, "worry_nights": False, "sss_unrefreshed_sleep": 2,
    "water_glasses": 5, "nuts": 3, "notes": "Tired after work.",
}  # fmt: skip
IDS = [*GOOD, "name", "doctor_questions", "__class__", "", "1"]


@pytest.fixture(scope="module")
def worker():
    return hostile_support.worker()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def fresh(sandbox: Path) -> tuple[Path, Path, Path]:
    """An empty place for one case: inputs/ (read only to the program), run/ (its cwd) holding
    home/ and out/, the only places it may write."""
    for name in ("inputs", "run"):
        shutil.rmtree(sandbox / name, ignore_errors=True)
    inputs, run = sandbox / "inputs", sandbox / "run"
    inputs.mkdir()
    (run / "out").mkdir(parents=True)
    return inputs, run, run / "home"


def assert_its_own_outcome(done: dict, inputs_before: list[str], inputs: Path, run: Path) -> None:
    event(f"exit {done['status']}")  # --hypothesis-show-statistics shows how the cases ended
    assert done["signal"] is None, f"killed by signal {done['signal']} (30 s guard: 14)"
    assert "Traceback" not in done["stderr"], done["stderr"][-4000:]
    assert done["status"] in (0, 2), (done["status"], done["stderr"][-4000:])
    if done["status"] == 2:
        lines = done["stderr"].splitlines()
        own = ("fibro-assess: ", "Note: ")  # errors, and the notes some commands print first
        assert lines and all(line.startswith(own) for line in lines), lines[:5]
        assert lines[-1].startswith("fibro-assess: "), lines[-1]
        assert all(len(line) < 2000 for line in lines), "a message line is bounded"
    assert sorted(p.name for p in inputs.iterdir()) == inputs_before, "inputs are not touched"
    outside = [p.name for p in run.iterdir() if p.name not in ("home", "out")]
    assert outside == [], f"written outside the home and --out: {outside}"


def strict_json(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} in the JSON output")

    return json.loads(text, parse_constant=refuse)


# --- answers files ---------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp"])),
    st.sampled_from(["often", "never", "neck", "\x1b]52;c;aGk=\x07", "\u202e"]),
    st.integers(1000, 100_000).map(lambda n: "x" * n),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
mappings = st.dictionaries(st.one_of(st.sampled_from(IDS), st.text(max_size=12)), values)


def with_good(data: dict) -> dict:
    return {**GOOD, **data}


def alias_text(depth: int, width: int) -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    for i in range(1, depth):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + f"\nwpi_regions: *a{depth - 1}\n"


def as_yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=False, width=80)


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


answers_files = st.one_of(
    mappings.map(as_yaml),
    mappings.map(with_good).map(as_yaml),
    mappings.map(with_good).map(as_json),
    values.map(as_json),
    st.builds(alias_text, st.integers(1, 9), st.integers(1, 9)),
    st.binary(max_size=300),
    st.text(max_size=300),
    st.builds(lambda d: "[" * d + "]" * d, st.integers(1, 5000)),
    st.builds(lambda d: "a: " + "{b: " * d + "1" + "}" * d, st.integers(1, 3000)),
    st.builds(lambda n: "".join(f"k{i}: {i}\n" for i in range(n)), st.integers(900, 1100)),
    mappings.map(with_good)
    .map(as_yaml)
    .flatmap(lambda text: st.integers(0, len(text)).map(lambda cut: text[:cut])),
)


@FUZZ
@given(text=answers_files, partial=st.booleans(), out=st.booleans(), json_out=st.booleans())
def test_any_answers_file_ends_in_a_result_or_one_line_errors(
    worker, sandbox, text, partial, out, json_out
):
    inputs, run, home = fresh(sandbox)
    path = inputs / "answers.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    argv = ["--questions", str(SMALL), "--answers", str(path)]
    argv += ["--partial"] * partial + ["--json"] * json_out
    argv += ["--out", str(run / "out" / "report.pdf")] if out else []
    before = sorted(p.name for p in inputs.iterdir())
    done = worker.run(argv, run, home)
    assert_its_own_outcome(done, before, inputs, run)
    if done["status"] == 0 and json_out:
        result = strict_json(done["stdout"])
        assert 0 <= result["synergy"]["index"] <= 100


# --- banks -----------------------------------------------------------------------------------

BASE_BANK = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
hostile = st.one_of(
    values,
    st.sampled_from([
        math.nan, math.inf, -math.inf, 1e308, -1e308, 10**400, "'a' * 10000000000",
        "not " * 5000 + "worry", "(" * 3000 + "worry" + ")" * 3000, "worry.__class__",
        "[1] * 99999999999 == []", "", None, [], {}, "band.stress == 'high'",
        "score.nope > 1", "worry * 100000000 == 1",
    ]),
)  # fmt: skip


def paths_in(data, prefix=()):
    """Every place in the bank a value sits, as a path of keys and indexes."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, (*prefix, index))


PLACES = list(paths_in(BASE_BANK))[1:]


def mutate(bank, place, value, how):
    import copy

    bank = copy.deepcopy(bank)
    *parent_path, last = place
    parent = bank
    for part in parent_path:
        parent = parent[part]
    if how == "drop":
        del parent[last]
    elif how == "copy" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    else:
        parent[last] = value
    return bank


mutations = st.lists(
    st.tuples(st.sampled_from(PLACES), hostile, st.sampled_from(["set", "set", "drop", "copy"])),
    min_size=1,
    max_size=3,
)


def mutated_bank(changes) -> str:
    bank = BASE_BANK
    for place, value, how in changes:
        try:
            bank = mutate(bank, place, value, how)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    return yaml.safe_dump(bank, allow_unicode=True, sort_keys=False)


@settings(FUZZ, max_examples=BANK_CASES)
@given(changes=mutations, command=st.sampled_from(["check", "run"]))
def test_any_mutated_bank_ends_in_a_result_or_one_line_errors(worker, sandbox, changes, command):
    inputs, run, home = fresh(sandbox)
    bank = inputs / "bank.yaml"
    bank.write_text(mutated_bank(changes), encoding="utf-8", errors="surrogatepass")
    answers = inputs / "answers.json"
    answers.write_text(json.dumps(GOOD))
    if command == "check":
        argv = ["check", str(bank)]
    else:
        argv = ["--questions", str(bank), "--answers", str(answers), "--partial", "--json"]
    before = sorted(p.name for p in inputs.iterdir())
    done = worker.run(argv, run, home)
    assert_its_own_outcome(done, before, inputs, run)
    if done["status"] == 0 and command == "run":
        strict_json(done["stdout"])


# --- the history commands on a damaged or hostile history ------------------------------------


def real_result() -> dict:
    from assessment.core.loader import load_bank
    from assessment.core.scoring import assess

    bank = load_bank(SMALL)
    return assess(bank, GOOD, assessed_at="2026-11-24T10:00:00+00:00").to_dict()


REAL_RESULT = real_result()
RESULT_PLACES = list(paths_in(REAL_RESULT))[1:]
mutated_results = st.lists(
    st.tuples(st.sampled_from(RESULT_PLACES), values, st.sampled_from(["set", "drop"])),
    min_size=1,
    max_size=3,
).map(
    lambda changes: json.dumps(
        _apply(REAL_RESULT, changes), ensure_ascii=False, default=str, allow_nan=True
    )
)


def _apply(data, changes):
    for place, value, how in changes:
        try:
            data = mutate(data, place, value, how)
        except (KeyError, IndexError, TypeError):
            continue
    return data


@settings(FUZZ, max_examples=HISTORY_CASES)
@given(
    command=st.sampled_from([
        ["history"], ["export"], ["export", "--format", "csv"], ["report", "1"],
        ["delete", "1", "--yes"], ["report", "9" * 30], ["export", "--format", "fhir"],
        ["--questions", str(SMALL), "--answers", str(HERE / "data" / "fuzz-answers.json")],
    ]),
    answers_json=st.one_of(values.map(as_json), st.text(max_size=30)),
    result_json=st.one_of(values.map(as_json), st.text(max_size=30), mutated_results),
)  # fmt: skip
def test_the_history_commands_survive_any_saved_row(
    worker, sandbox, command, answers_json, result_json
):
    import sqlite3

    from assessment.history.store import History

    inputs, run, home = fresh(sandbox)
    with History(home / "history.sqlite3") as history:
        history.save({}, {"meta": {}}, program_version="0", bank_hash="")
    with sqlite3.connect(home / "history.sqlite3") as con:
        con.execute(
            "UPDATE assessment SET answers_json = ?, result_json = ?", (answers_json, result_json)
        )
    argv = [*command]
    if command[0] in ("report", "export", "--questions"):
        argv += ["--out", str(run / "out" / "file")]
    done = worker.run(argv, run, home)
    assert_its_own_outcome(done, [], inputs, run)


@pytest.mark.parametrize(
    ("python", "verdict"),
    [
        ("raise RuntimeError('boom')", {"status": 99, "signal": None}),
        ("while True: pass", {"status": None, "signal": 14}),
        ("'x' * (3 * 1024 ** 3)", {"status": 99, "signal": None}),
    ],
    ids=["traceback", "hang", "memory"],
)
def test_the_worker_catches_a_traceback_a_hang_and_a_memory_bomb(worker, sandbox, python, verdict):
    """The guards themselves work, so a pass above means something."""
    inputs, run, home = fresh(sandbox)
    done = worker.request({"python": python, "guard": 2, "cwd": str(run), "home": str(home)})
    assert {k: done[k] for k in verdict} == verdict
    if verdict["status"] == 99:
        assert "Traceback" in done["stderr"]

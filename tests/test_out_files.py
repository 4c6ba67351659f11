"""`--out` only ever replaces a regular file: never a device, fifo, socket, folder or symlink;
an empty `--out` is refused; a `.part` file left by a killed run is removed."""

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap

import pytest
from hostile_support import SMALL, assert_one_line_errors, run_limited

from assessment.errors import ReportError
from assessment.files import write_private

ANSWERS = {
    "rf_cancer_history": False, "rf_weight_loss": False,
    "wpi_regions": ["neck", "lower_back"], "tense_muscles": "often", "pain_now": 6,
    "stress_level": 8, "worry": True, "worry_nights": False, "sss_unrefreshed_sleep": 2,
    "water_glasses": 5, "nuts": 3, "notes": "Tired after work.",
}  # fmt: skip


def special(tmp_path, kind):
    """A thing at tmp_path/target that is not a regular file, and how to tell it is unchanged."""
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
        sock.close()
    elif kind == "folder":
        target.mkdir()
    elif kind == "symlink":
        (tmp_path / "elsewhere.txt").write_text("not yours")
        target.symlink_to(tmp_path / "elsewhere.txt")
    elif kind == "device":
        try:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    return target, os.lstat(target)


KINDS = ["device", "fifo", "socket", "folder", "symlink"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_never_replaces_what_is_not_a_regular_file(tmp_path, kind):
    target, before = special(tmp_path, kind)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS))
    done = run_limited(
        "--questions", str(SMALL), "--answers", str(answers), "--out", str(target), "--no-save",
        home=tmp_path / "home",
    )  # fmt: skip
    (line,) = assert_one_line_errors(done)
    assert str(target) in line and ("not a regular file" in line or "it is a folder" in line)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("kind", KINDS)
def test_an_export_never_replaces_what_is_not_a_regular_file(tmp_path, kind):
    target, before = special(tmp_path, kind)
    done = run_limited("export", "--out", str(target), home=tmp_path / "home")
    (line,) = assert_one_line_errors(done)
    assert f"will not write the export to {target}: it is " in line, line
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.parametrize("command", [["export"], ["report", "1"], ["--answers", "a.yaml"]])
def test_an_empty_out_is_refused_not_ignored(tmp_path, command):
    done = run_limited(*command, "--out", "", home=tmp_path / "home", cwd=tmp_path)
    (line,) = assert_one_line_errors(done)
    assert line == "fibro-assess: --out needs a file name; it was given an empty one"
    assert list(tmp_path.iterdir()) == []


def test_a_regular_file_is_still_replaced(tmp_path):
    target = tmp_path / "old.txt"
    target.write_text("old")
    write_private(target, "new", error=ReportError)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


WRITER = textwrap.dedent(
    """
    import sys, time
    from assessment import cli, files
    cli.install_signal_handlers()
    try:
        with files.private_atomic(sys.argv[1]) as handle:
            handle.write("half")
            handle.flush()
            print("ready", flush=True)
            time.sleep(60)
    except SystemExit as stop:
        sys.exit(stop.code)
    """
)


def start_writer(target):
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "ready"
    return child


def parts(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_part_file_left_by_a_killed_run_is_removed_on_the_next_write(tmp_path):
    target = tmp_path / "report.pdf"
    child = start_writer(target)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert len(parts(tmp_path)) == 1, "SIGKILL leaves the half-written file"
    write_private(target, b"%PDF-1.7 whole", error=ReportError)
    assert parts(tmp_path) == []
    assert target.read_bytes() == b"%PDF-1.7 whole"


def test_a_part_file_of_a_run_still_going_is_left_alone(tmp_path):
    target = tmp_path / "report.pdf"
    child = start_writer(target)
    try:
        write_private(target, b"other", error=ReportError)
        assert len(parts(tmp_path)) == 1
    finally:
        child.kill()
        child.wait(timeout=30)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_remove_the_part_file_at_once(tmp_path, signum):
    target = tmp_path / "report.pdf"
    child = start_writer(target)
    child.send_signal(signum)
    assert child.wait(timeout=30) == 128 + signum
    assert parts(tmp_path) == [] and not target.exists()

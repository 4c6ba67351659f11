"""The data folder and ids: a home that is a file, another user's folder or a 30-digit id is one
clear line (exit 2); every folder the program makes is 0700, whatever the umask."""

import os
import stat

import pytest
from hostile_support import assert_one_line_errors, run_limited

BIG_ID = "1" * 30


def test_a_home_that_is_a_regular_file_is_one_line_and_left_alone(tmp_path):
    home = tmp_path / "home"
    home.write_text("mine")
    done = run_limited("history", home=home)
    (line,) = assert_one_line_errors(done)
    assert line.startswith(f"fibro-assess: the data folder {home} is a file, not a folder")
    assert home.read_text() == "mine"


@pytest.mark.parametrize("command", [["report", BIG_ID], ["delete", BIG_ID, "--yes"]])
def test_a_30_digit_id_is_simply_not_there(tmp_path, command):
    done = run_limited(*command, home=tmp_path / "home", cwd=tmp_path)
    (line,) = assert_one_line_errors(done)
    assert line.startswith(f"fibro-assess: There is no assessment {BIG_ID} in the history")


def test_under_umask_000_every_folder_made_is_private(tmp_path):
    tmp_path.chmod(0o755)
    home = tmp_path / "a" / "b" / "c"
    done = run_limited("history", home=home, umask=0)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", home):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
    assert stat.S_IMODE(os.stat(tmp_path).st_mode) != 0o700, (
        "a folder we did not make keeps its mode"
    )


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
def test_a_home_linked_to_another_users_folder_is_refused_and_not_chmod_ed(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    theirs.chmod(0o755)
    os.chown(theirs, 54321, 54321)
    home = tmp_path / "home"
    home.symlink_to(theirs)
    done = run_limited("history", home=home)
    (line,) = assert_one_line_errors(done)
    assert line.startswith(f"fibro-assess: the data folder {home} belongs to another user")
    info = os.stat(theirs)
    assert (stat.S_IMODE(info.st_mode), info.st_uid) == (0o755, 54321)
    assert list(theirs.iterdir()) == []

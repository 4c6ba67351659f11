"""The built wheel carries the bank and the templates and runs from any directory."""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel and install it alone into a fresh virtual environment, offline.

    The wheel is built with the hatchling of this environment (no download of a build backend),
    and installed without dependencies; the new environment borrows this one's installed
    libraries through a .pth line, after its own site-packages, so `assessment` itself can only
    come from the wheel.
    """
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(work), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = work.glob("fibro_assess-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
         "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = subprocess.run(
        [str(venv / "bin" / "python"), "-c", purelib],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout.strip()  # fmt: skip
    Path(site, "borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return wheel, venv


@pytest.mark.slow
def test_wheel_holds_the_bank_and_the_templates(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "assessment/data/questions.yaml" in names
    assert "assessment/data/questions.fr.yaml" in names
    assert "assessment/data/questions.es.yaml" in names
    assert "assessment/i18n/glossary.yaml" in names
    assert "assessment/i18n/emergency.yaml" in names
    assert "assessment/data/report_templates/report.html" in names
    assert "assessment/data/report_templates/report.css" in names


@pytest.mark.slow
def test_installed_command_runs_from_another_directory(installed, tmp_path):
    _, venv = installed
    env = {**os.environ, "FIBRO_ASSESS_HOME": str(tmp_path / "home")}
    exe = str(venv / "bin" / "fibro-assess")
    done = subprocess.run(
        [exe, "check"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert str(venv) in done.stdout, "the bank comes from the installed package"

    sample = ROOT / "examples" / "sample-answers.yaml"
    out = tmp_path / "report.pdf"
    done = subprocess.run(
        [exe, "--answers", str(sample), "--json", "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)["factors"]) >= {"muscle_pain", "sleep"}
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.slow
def test_version_and_help(installed):
    _, venv = installed
    exe = str(venv / "bin" / "fibro-assess")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("fibro-assess 0.")
    helptext = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60)
    for option in (
        "--answers",
        "--partial",
        "--json",
        "--out",
        "--paper",
        "--questions",
        "--no-save",
        "check",
    ):
        assert option in helptext.stdout

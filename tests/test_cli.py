"""The command line: help that explains, exit codes, and errors that say what to do."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mllabs.cli import main
from mllabs.kit import SOLUTIONS_DIR


@pytest.mark.parametrize("command", [[], ["check"], ["grade"], ["build"]])
def test_help_explains_every_command(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert "mllabs" in capsys.readouterr().out


def test_check_exit_codes_follow_the_outcome(capsys):
    assert main(["check", "perceptron"]) == 1  # the stubs in student/
    assert "not implemented yet" in capsys.readouterr().out
    assert main(["check", "perceptron", "--path", str(SOLUTIONS_DIR)]) == 0
    assert "All public checks pass." in capsys.readouterr().out


def test_usage_errors_name_the_problem_and_exit_2(tmp_path, capsys):
    assert main(["check", "no_such_lab"]) == 2
    assert "unknown lab(s): no_such_lab" in capsys.readouterr().err
    assert main(["check", "--path", str(tmp_path / "missing")]) == 2
    assert "pass the folder holding your lab files" in capsys.readouterr().err
    assert main(["grade", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2


def test_build_check_passes_on_a_clean_tree():
    assert main(["build", "--check"]) == 0


def test_grade_writes_its_files_and_prints_a_summary(tmp_path):
    class_dir = tmp_path / "class"
    (class_dir / "ana").mkdir(parents=True)
    (class_dir / "ana" / "perceptron.py").write_text((SOLUTIONS_DIR / "perceptron.py").read_text())
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mllabs",
            "grade",
            str(class_dir),
            "--out",
            str(tmp_path / "out"),
            "--lab",
            "perceptron",
            "--jobs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "ana" in run.stdout and "isolation:" in run.stderr
    assert (tmp_path / "out" / "grades.csv").is_file() and (tmp_path / "out" / "feedback" / "ana.md").is_file()

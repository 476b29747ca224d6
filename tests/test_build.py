"""The build: student/ is generated and fresh, stubs import and fail loudly, the release leaks nothing."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys

import pytest

from mllabs.build import run_build, write_release
from mllabs.checks import all_labs
from mllabs.kit import SOLUTIONS_DIR, STUDENT_DIR
from mllabs.regions import has_markers


def test_student_folder_and_frozen_values_are_up_to_date():
    assert run_build(check=True).stale == []


@pytest.mark.parametrize("lab", sorted(path.stem for path in SOLUTIONS_DIR.glob("*.py")))
def test_every_stub_imports_cleanly_and_has_placeholders(lab):
    stub = (STUDENT_DIR / f"{lab}.py").read_text()
    assert "XXXX" in stub and not has_markers(stub)
    spec = importlib.util.spec_from_file_location(f"stub_{lab}", STUDENT_DIR / f"{lab}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)  # no NameError at import


@pytest.mark.parametrize("lab", sorted(path.stem for path in SOLUTIONS_DIR.glob("*.py")))
def test_every_public_function_and_class_has_a_docstring(lab):
    tree = ast.parse((STUDENT_DIR / f"{lab}.py").read_text())
    assert ast.get_docstring(tree), f"student/{lab}.py has no module docstring"
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_") and node.name != "main":
            assert ast.get_docstring(node), f"student/{lab}.py: {node.name} has no docstring"


def test_every_lab_has_public_and_hidden_checks():
    for lab in all_labs().values():
        assert any(not check.hidden for check in lab.checks), lab.name
        assert any(check.hidden for check in lab.checks), lab.name


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    folder = tmp_path_factory.mktemp("release") / "mllabs-student"
    archive = write_release(folder)
    return folder, archive


def test_release_holds_no_solution_and_no_hidden_check(release):
    folder, archive = release
    assert archive.is_file() and archive.suffix == ".zip"
    assert not (folder / "solutions").exists() and not (folder / "tests").exists()
    assert not (folder / "examples").exists()
    for path in [*folder.glob("student/*.py"), *folder.glob("autograder/labs/*.py")]:
        text = path.read_text()
        assert not has_markers(text), path
        assert "hidden=True" not in text, path
    for lab in SOLUTIONS_DIR.glob("*.py"):
        assert (folder / "student" / lab.name).read_text() == (STUDENT_DIR / lab.name).read_text()


def test_check_runs_inside_the_release(release, tmp_path):
    folder, _ = release
    site = tmp_path / "site"  # stands in for `pip install -e .` in the release
    site.mkdir()
    (site / "mllabs").symlink_to(folder / "autograder")
    (site / "mllabs_data").symlink_to(folder / "data")
    env = {**os.environ, "PYTHONPATH": str(site)}
    stub_run = subprocess.run([sys.executable, "-m", "mllabs", "check", "perceptron"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
    assert stub_run.returncode == 1, stub_run.stderr
    assert "not implemented yet" in stub_run.stdout and "Public total: 0/" in stub_run.stdout
    assert "hidden" not in stub_run.stdout

    solved = tmp_path / "solved"
    solved.mkdir()
    (solved / "perceptron.py").write_text((SOLUTIONS_DIR / "perceptron.py").read_text())
    solved_run = subprocess.run([sys.executable, "-m", "mllabs", "check", "perceptron", "--path", str(solved)],
                                cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert solved_run.returncode == 0, solved_run.stdout + solved_run.stderr
    assert "All public checks pass." in solved_run.stdout

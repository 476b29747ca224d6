"""Staging what students hand in: zips, nested folders, notebooks, and what must never get through."""

from __future__ import annotations

import json
import zipfile

import pytest

from mllabs.errors import SubmissionError
from mllabs.submissions import find_submissions, notebook_to_module, stage, student_name


def _zip(path, files: dict[str, str]):
    with zipfile.ZipFile(path, "w") as bundle:
        for name, text in files.items():
            bundle.writestr(name, text)
    return path


def test_lab_files_are_found_at_any_depth_of_a_zip_with_their_helpers(tmp_path):
    archive = _zip(
        tmp_path / "alice.zip",
        {
            "alice/labs/perceptron.py": "from helpers import x\n",
            "alice/labs/helpers.py": "x = 1\n",
            "__MACOSX/perceptron.py": "junk",
        },
    )
    staging = tmp_path / "staged"
    assert stage(archive, ["perceptron", "rnn"], staging) == {"rnn": "no rnn.py (or rnn.ipynb) in the submission"}
    assert sorted(p.name for p in staging.iterdir()) == ["helpers.py", "perceptron.py"]


@pytest.mark.parametrize("member", ["../escape.py", "/etc/perceptron.py"])
def test_zip_with_paths_outside_the_folder_is_refused(tmp_path, member):
    archive = _zip(tmp_path / "bad.zip", {member: "x = 1\n"})
    with pytest.raises(SubmissionError, match="unsafe path"):
        stage(archive, ["perceptron"], tmp_path / "staged")


def test_truncated_zip_gets_a_readable_error(tmp_path):
    archive = tmp_path / "cut.zip"
    archive.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(SubmissionError, match="not a valid zip file"):
        stage(archive, ["perceptron"], tmp_path / "staged")


def test_symlinks_cannot_smuggle_in_the_graders_files(tmp_path):
    folder = tmp_path / "mallory"
    folder.mkdir()
    secret = tmp_path / "secret.py"
    secret.write_text("ANSWER = 42\n")
    (folder / "perceptron.py").symlink_to(secret)
    (folder / "helpers.py").symlink_to(secret)
    missing = stage(folder, ["perceptron"], tmp_path / "staged")
    assert "perceptron" in missing and not any((tmp_path / "staged").iterdir())


def test_notebooks_become_modules_with_magics_commented_out(tmp_path):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["# title"]},
            {"cell_type": "code", "source": ["%matplotlib inline\n", "!pip install x\n", "x = 1\n"]},
            {"cell_type": "code", "source": "def f():\n    return x"},
        ]
    }
    path = tmp_path / "perceptron.ipynb"
    path.write_text(json.dumps(notebook))
    module = notebook_to_module(path)
    assert module == "# %matplotlib inline\n# !pip install x\nx = 1\n\ndef f():\n    return x\n"
    compile(module, "perceptron.py", "exec")


@pytest.mark.parametrize("text, message", [("{not json", "bad JSON at line 1"), ('{"cells": 3}', "no list of cells")])
def test_broken_notebooks_are_reported_for_their_lab_only(tmp_path, text, message):
    folder = tmp_path / "bob"
    folder.mkdir()
    (folder / "rnn.ipynb").write_text(text)
    (folder / "perceptron.py").write_text("x = 1\n")
    missing = stage(folder, ["perceptron", "rnn"], tmp_path / "staged")
    assert list(missing) == ["rnn"] and message in missing["rnn"]


def test_submission_entries_and_names(tmp_path):
    (tmp_path / "b student").mkdir()
    (tmp_path / "a.zip").write_bytes(b"")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "notes.txt").write_text("")
    assert [p.name for p in find_submissions(tmp_path)] == ["a.zip", "b student"]
    assert student_name(tmp_path / "b student") == "b_student"
    assert student_name(tmp_path / "a.zip") == "a"
    with pytest.raises(SubmissionError, match="not a folder"):
        find_submissions(tmp_path / "missing")

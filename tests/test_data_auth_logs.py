"""Tests for the synthetic authentication logs (``data/_auth_logs.py``, ``data/auth_logs/``)."""

from __future__ import annotations

import gzip
import shutil

import numpy as np
import pytest

from mllabs_data import _files
from mllabs_data._auth_logs import (
    AuthEvent,
    AuthLogConfig,
    RedTeamEvent,
    auth_sample_paths,
    generate_auth_log,
    read_auth_log,
    read_lines,
    read_redteam,
    redteam_labels,
    write_auth_log,
)
from mllabs_data._files import DATA_DIR, DataError


def test_shipped_sample_events_and_labels():
    events = list(read_auth_log())
    assert len(events) == 37586
    assert all(isinstance(event, AuthEvent) for event in events)
    times = np.array([event.time for event in events])
    assert (np.diff(times) >= 0).all() and times[0] >= 1 and times[-1] < 2 * 86_400
    redteam = read_redteam()
    assert len(redteam) == 35 and isinstance(redteam[0], RedTeamEvent)
    labels = redteam_labels(events, redteam)
    assert labels.shape == (37586,) and labels.dtype == bool
    assert labels.sum() == 35  # class balance: 0.093 % red team
    failures = np.array([not event.success for event in events])
    assert failures.sum() == 212 and (failures & labels).sum() == 5
    assert {event.src_user for event, label in zip(events, labels, strict=True) if label} == {
        event.user for event in redteam
    }


def test_lines_have_the_lanl_format():
    auth_path, _ = auth_sample_paths()
    for line in read_lines(auth_path, limit=500):
        fields = line.split(",")
        assert len(fields) == 9 and fields[0].isdigit()
        assert fields[5] in {"Kerberos", "NTLM", "Negotiate", "?"}
        assert fields[7] in {"LogOn", "LogOff", "TGS", "TGT"} and fields[8] in {"Success", "Fail"}


def test_read_lines_is_lazy_and_reads_plain_text(tmp_path):
    plain = tmp_path / "dmesg.txt"
    plain.write_bytes(b"[    0.000000] Linux version 6.1\n[    0.000001] bad byte \xff\n[    0.2] last")
    assert list(read_lines(plain)) == [
        "[    0.000000] Linux version 6.1",
        "[    0.000001] bad byte \ufffd",
        "[    0.2] last",
    ]
    assert list(read_lines(plain, limit=1)) == ["[    0.000000] Linux version 6.1"]
    truncated = tmp_path / "auth.txt.gz"
    truncated.write_bytes(gzip.compress(b"1,U1@DOM1,U1@DOM1,C1,C2,NTLM,Network,LogOn,Success\n" * 1000)[:200])
    assert len(list(read_auth_log(truncated, limit=2))) == 2  # only the first lines are read
    with pytest.raises(DataError, match="auth.txt.gz cannot be read"):
        list(read_auth_log(truncated))
    with pytest.raises(DataError, match="nowhere.log does not exist"):
        list(read_lines(tmp_path / "nowhere.log"))


def test_malformed_lines_raise_data_error(tmp_path):
    path = tmp_path / "auth.txt"
    path.write_text("1,U1@DOM1,U1@DOM1,C1,C2,NTLM,Network,LogOn,Success\n2,U1@DOM1,C1\n")
    with pytest.raises(DataError, match="line 2"):
        list(read_auth_log(path))
    with pytest.raises(DataError, match="line 1"):
        read_redteam(path)


def test_generator_is_seeded():
    small = AuthLogConfig(n_users=20, n_admins=2, n_workstations=25, n_servers=6, n_days=1, n_attacks=1)
    first, second = generate_auth_log(small), generate_auth_log(small)
    assert first == second
    auth, redteam = first
    assert 0 < len(redteam) < len(auth)
    other = generate_auth_log(AuthLogConfig(**{**small.__dict__, "seed": 1}))
    assert other[0] != auth


def test_rebuild_reproduces_the_shipped_files(tmp_path):
    write_auth_log(tmp_path, AuthLogConfig())
    for name in ("auth.txt.gz", "redteam.txt"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / "auth_logs" / name).read_bytes(), name


def test_corrupt_shipped_file_raises_data_error(tmp_path, monkeypatch):
    shutil.copytree(DATA_DIR / "auth_logs", tmp_path / "auth_logs")
    with open(tmp_path / "auth_logs" / "redteam.txt", "a") as stream:
        stream.write("1,U1@DOM1,C1,C2\n")
    monkeypatch.setattr(_files, "DATA_DIR", tmp_path)
    with pytest.raises(DataError, match="redteam.txt is corrupt"):
        read_redteam()
    with pytest.raises(DataError, match="redteam.txt is corrupt"):
        next(read_auth_log())

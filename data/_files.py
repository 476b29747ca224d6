"""Where the shipped data files live, and the checksum check every loader runs before reading one.

Each dataset folder holds a ``SHA256SUMS`` file in ``sha256sum`` format (``<hex digest>  <file name>``).
A loader asks :func:`shipped_file` for a file by dataset and name; it gets a path whose content was
verified, or a :class:`DataError` that names the file and says what to do.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


class DataError(Exception):
    """A data file is missing, corrupt or malformed; the message names the file and the fix."""


def shipped_file(dataset: str, filename: str) -> Path:
    """Return the path of ``data/<dataset>/<filename>`` after checking it against ``SHA256SUMS``."""
    path = DATA_DIR / dataset / filename
    if not path.is_file():
        raise DataError(
            f"data file {path} is missing. It ships with the kit: restore it from the kit's repository "
            f"(or rebuild it with data/{dataset}/rebuild.py)."
        )
    expected = _expected_digests(dataset).get(filename)
    if expected is None:
        raise DataError(f"{path} has no entry in data/{dataset}/SHA256SUMS; the dataset folder is inconsistent.")
    actual = _sha256(path)
    if actual != expected:
        raise DataError(
            f"data file {path} is corrupt (sha256 {actual[:12]}..., expected {expected[:12]}...). "
            f"Restore it from the kit's repository or rebuild it with data/{dataset}/rebuild.py."
        )
    return path


@functools.cache
def _expected_digests(dataset: str) -> dict[str, str]:
    sums = DATA_DIR / dataset / "SHA256SUMS"
    if not sums.is_file():
        raise DataError(f"{sums} is missing: the dataset {dataset!r} cannot be verified.")
    digests = {}
    for line in sums.read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            digests[name.lstrip("*")] = digest
    return digests


@functools.cache
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

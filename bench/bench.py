"""Benchmark the kit: self-check time per lab, batch throughput, and what the sandbox costs.

    python bench/bench.py [--copies N]

Prints three tables (Markdown):
1. ``mllabs check LAB --path solutions`` wall time per lab (a fresh process: what a student waits for);
2. ``mllabs grade`` throughput on N copies of the example class, with 1 and with 2 workers;
3. grading the reference submission with the sandbox (bubblewrap, then limits only) against the same
   checks answered in-process with no child at all, to show the per-submission overhead of isolation.

This is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mllabs.batch import run_grade
from mllabs.checks import all_labs
from mllabs.kit import DATA_DIR, EXAMPLES_DIR, SOLUTIONS_DIR
from mllabs.runner import grade_submission
from mllabs.sandbox import isolation as isolation_module
from mllabs.sandbox.child import _Child, respond
from mllabs.sandbox.session import Session


class InProcessSession(Session):
    """The checks' requests answered in this process (same protocol, no child): the no-sandbox baseline."""

    def start(self) -> None:
        sys.path.insert(0, str(self.submission_dir))
        self._child = _Child()

    @property
    def alive(self) -> bool:
        return getattr(self, "_child", None) is not None

    def _round_trip(self, message: dict):
        return json.loads(json.dumps(respond(self._child, json.loads(json.dumps(message)))))

    def close(self) -> None:
        self._child = None


def time_self_checks() -> list[tuple[str, float]]:
    rows = []
    for lab in all_labs():
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mllabs", "check", lab, "--path", str(SOLUTIONS_DIR)],
                       check=True, capture_output=True)  # fmt: skip
        rows.append((lab, time.perf_counter() - started))
    return rows


def time_batches(copies: int) -> list[tuple[int, int, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "class"
        batch.mkdir()
        for copy in range(copies):
            for entry in EXAMPLES_DIR.iterdir():
                target = batch / f"{entry.stem}_{copy}{entry.suffix}"
                (shutil.copytree if entry.is_dir() else shutil.copyfile)(entry, target)
        count = len(list(batch.iterdir()))
        for workers in (1, 2):
            output = Path(tmp) / f"out{workers}"
            started = time.perf_counter()
            run_grade(submissions=batch, output=output, jobs=workers)
            rows.append((workers, count, time.perf_counter() - started))
    return rows


def time_sandbox_overhead(repeats: int = 3) -> list[tuple[str, float]]:
    labs = list(all_labs().values())
    modes = {
        "in-process, no sandbox": lambda: InProcessSession,
        "child, limits only": lambda: _with_isolation(isolation_module._limits_only("benchmark")),
        "child, bubblewrap": lambda: _with_isolation(isolation_module.detect_isolation()),
    }
    rows = []
    for mode, session_class in modes.items():
        if "bubblewrap" in mode and isolation_module.detect_isolation().level != "bubblewrap":
            continue
        best = min(_grade_once(labs, session_class()) for _ in range(repeats))
        rows.append((mode, best))
    return rows


def _with_isolation(isolation):
    class IsolatedSession(Session):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **{**kwargs, "isolation": isolation})

    return IsolatedSession


def _grade_once(labs, session_class) -> float:
    import mllabs.runner as runner

    original = runner.Session
    runner.Session = session_class
    try:
        with tempfile.TemporaryDirectory() as tmp:
            staging = Path(shutil.copytree(SOLUTIONS_DIR, Path(tmp) / "submission"))
            started = time.perf_counter()
            report = grade_submission("bench", staging, labs, include_hidden=True)
            elapsed = time.perf_counter() - started
    finally:
        runner.Session = original
    assert report.score == report.max_score, [r for r in report.results if r.points < r.max_points]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="copies of the example class to grade (default 2)")
    args = parser.parse_args()
    print(f"isolation: {isolation_module.detect_isolation().description}; data: {DATA_DIR}\n")
    print("| self-check (`mllabs check LAB`, reference) | seconds |\n|---|---|")
    for lab, seconds in time_self_checks():
        print(f"| {lab} | {seconds:.2f} |")
    print("\n| batch (`mllabs grade`) | submissions | seconds | submissions/min |\n|---|---|---|---|")
    for workers, count, seconds in time_batches(args.copies):
        print(f"| {workers} worker(s) | {count} | {seconds:.1f} | {60 * count / seconds:.1f} |")
    print("\n| reference submission, all labs, hidden checks included | seconds (best of 3) |\n|---|---|")
    for mode, seconds in time_sandbox_overhead():
        print(f"| {mode} | {seconds:.2f} |")


if __name__ == "__main__":
    main()

"""The sandbox: plain data only, every way a child can end, and the limits and isolation that hold."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import needs_bubblewrap

from mllabs.errors import BadData, SubmissionDied, SubmissionRaised, SubmissionTimeout
from mllabs.kit import DATA_DIR, KIT_ROOT
from mllabs.sandbox.child import decode, encode
from mllabs.sandbox.isolation import Limits
from mllabs.sandbox.session import Session, Tensor

MODULE = """
import os, socket, time
import numpy as np

def echo(value):
    return value

def stub():
    return XXXX

def raises():
    raise ValueError("bad input")

def exits():
    os._exit(0)

def calls_sys_exit():
    raise SystemExit(3)

def loops():
    while True:
        pass

def sleeps_in_a_child_process():
    if os.fork() == 0:
        time.sleep(60)
    while True:
        time.sleep(1)

def allocates(megabytes):
    return len(bytearray(megabytes << 20))

def forks_without_end():
    children = 0
    try:
        while True:
            if os.fork() == 0:
                time.sleep(30)
                os._exit(0)
            children += 1
    except OSError:
        return children

def writes(megabytes):
    with open("big.bin", "wb") as stream:
        stream.write(b"x" * (megabytes << 20))
    return os.path.getsize("big.bin")

def connects():
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=3).close()
        return "connected"
    except OSError as exc:
        return type(exc).__name__

def reads(path):
    try:
        with open(path) as stream:
            return stream.read(100)
    except OSError as exc:
        return type(exc).__name__

def imports(name):
    try:
        __import__(name)
        return "imported"
    except ImportError as exc:
        return type(exc).__name__

def prints_then_returns():
    print("{\\"ok\\": true, \\"value\\": 1000}")
    return 1

class Anything:
    def __eq__(self, other):
        return True

def anything():
    return Anything()

def tensor_sum(x):
    return x.sum()

def environment():
    import torch
    return {"threads": torch.get_num_threads(), "omp": os.environ.get("OMP_NUM_THREADS"), "home": os.environ["HOME"]}
"""


@pytest.fixture
def session(submission):
    folder = submission({"probe.py": MODULE})
    with Session(folder, DATA_DIR, limits=Limits(memory_mb=2048, processes=64, file_size_mb=8)) as session:
        session.deadline = time.monotonic() + 30
        yield session


def probe(session, name, *args, timeout=30):
    session.deadline = time.monotonic() + timeout
    return getattr(session.module("probe"), name)(*args).fetch()


@pytest.mark.parametrize(
    "value",
    [None, True, 3, -2.5, float("inf"), "é", [1, [2]], (1, "a"), {"k": (1, 2)}, {3: "int key"},
     np.arange(6, dtype=np.int32).reshape(2, 3), np.array(2.5), np.zeros((0, 4))],
)  # fmt: skip
def test_plain_data_round_trips(value):
    decoded = decode(json.loads(json.dumps(encode(value))))
    if isinstance(value, np.ndarray):
        assert decoded.dtype == value.dtype and decoded.shape == value.shape and np.array_equal(decoded, value)
    else:
        assert decoded == value and type(decoded) is type(value)


@pytest.mark.parametrize(
    "data",
    [
        {"__ndarray__": "AAAA", "dtype": "object", "shape": [1]},
        {"__ndarray__": "AAAA", "dtype": "float64", "shape": [5]},
        {"__handle__": 1},
        {"unexpected": 1},
        {"__dict__": [[[1], 2]]},
    ],
)
def test_decoding_rejects_malformed_or_unsafe_data(data):
    with pytest.raises(ValueError):
        decode(data)


def test_values_cross_back_as_plain_data(session):
    assert probe(session, "echo", {"a": [1, 2.5]}) == {"a": [1, 2.5]}
    array = probe(session, "echo", np.arange(4.0))
    assert isinstance(array, np.ndarray) and array.tolist() == [0, 1, 2, 3]
    assert probe(session, "tensor_sum", Tensor(np.ones(3))) == pytest.approx(3.0)


def test_child_runs_single_threaded_in_a_small_explicit_environment(session):
    environment = probe(session, "environment")
    assert environment["threads"] == 1 and environment["omp"] == "1"  # a batch runs children side by side
    assert environment["home"] != str(Path.home())


def test_output_printed_by_the_submission_cannot_forge_a_response(session):
    assert probe(session, "prints_then_returns") == 1


def test_objects_that_are_not_plain_data_are_refused(session):
    with pytest.raises(BadData, match="Anything cannot be sent"):
        probe(session, "anything")


def test_placeholder_is_reported_as_not_implemented(session):
    with pytest.raises(SubmissionRaised) as raised:
        probe(session, "stub")
    assert raised.value.not_implemented


def test_exceptions_and_sys_exit_are_reported_and_the_child_survives(session):
    with pytest.raises(SubmissionRaised, match="ValueError: bad input"):
        probe(session, "raises")
    with pytest.raises(SubmissionRaised, match="SystemExit"):
        probe(session, "calls_sys_exit")
    assert probe(session, "echo", 5) == 5


def test_os_exit_ends_the_child_and_the_next_request_starts_a_new_one(session):
    with pytest.raises(SubmissionDied, match="exited with code 0"):
        probe(session, "exits")
    assert not session.alive
    assert probe(session, "echo", 1) == 1


def test_infinite_loop_is_stopped_at_the_deadline(session):
    started = time.monotonic()
    with pytest.raises(SubmissionTimeout):
        probe(session, "loops", timeout=1.5)
    assert time.monotonic() - started < 5
    assert not session.alive


@needs_bubblewrap
def test_timeout_kills_every_process_the_submission_started(session):
    with pytest.raises(SubmissionTimeout):
        probe(session, "sleeps_in_a_child_process", timeout=1.5)
    session.deadline = time.monotonic() + 30
    assert probe(session, "echo", "fresh") == "fresh"


def test_memory_bomb_hits_the_memory_limit(session):
    with pytest.raises((SubmissionRaised, SubmissionDied), match="MemoryError|memory"):
        probe(session, "allocates", 4096)


@needs_bubblewrap
def test_fork_bomb_is_capped_by_the_process_limit(session):
    children = probe(session, "forks_without_end", timeout=20)
    assert 0 < children <= 64


def test_file_size_is_limited(session):
    with pytest.raises((SubmissionRaised, SubmissionDied), match="File too large|file size"):
        probe(session, "writes", 16)


@needs_bubblewrap
def test_network_is_unreachable(session):
    assert probe(session, "connects") != "connected"


@needs_bubblewrap
def test_kit_files_and_reference_solutions_are_out_of_reach(session):
    assert probe(session, "reads", str(KIT_ROOT / "solutions" / "perceptron.py")) == "FileNotFoundError"
    assert probe(session, "reads", str(KIT_ROOT / "autograder" / "checks.py")) == "FileNotFoundError"
    assert probe(session, "reads", "/etc/shadow") in ("PermissionError", "FileNotFoundError")
    for module in ("solutions", "solutions.perceptron", "mllabs", "mllabs.labs.perceptron"):
        assert probe(session, "imports", module) in ("ModuleNotFoundError", "ImportError")
    assert probe(session, "imports", "mllabs_data") == "imported"  # the datasets are meant to be reachable


def test_reduced_isolation_still_enforces_limits_and_deadlines(submission):
    from mllabs.sandbox.isolation import _limits_only

    folder = submission({"probe.py": MODULE})
    with Session(folder, DATA_DIR, isolation=_limits_only("testing"), limits=Limits(memory_mb=2048)) as session:
        assert probe(session, "echo", 2) == 2
        assert probe(session, "imports", "mllabs") == "ModuleNotFoundError"
        with pytest.raises(SubmissionTimeout):
            probe(session, "loops", timeout=1.5)
        with pytest.raises((SubmissionRaised, SubmissionDied)):
            probe(session, "allocates", 4096)


@needs_bubblewrap
def test_scratch_space_is_capped_so_the_disk_cannot_fill(submission):
    folder = submission({"probe.py": MODULE})
    with Session(folder, DATA_DIR, limits=Limits(file_size_mb=64, scratch_mb=16)) as session:
        with pytest.raises(SubmissionRaised, match="No space left"):
            probe(session, "writes", 32)

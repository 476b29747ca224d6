"""The parent's side of the sandbox: a child process per submission, and proxies that read like Python.

A check holds :class:`Remote` proxies to objects that live in the child: attribute access, calls and
indexing are forwarded (each a request, see ``child.py``), and ``remote.fetch()`` brings the object back as
plain data. Any failure of the child becomes one typed exception from ``mllabs.errors``; a timeout or a
dead child ends the process, and the next request starts a fresh one.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from ..errors import BadData, SubmissionDied, SubmissionRaised, SubmissionTimeout
from .child import decode, encode
from .isolation import (
    ChildLayout,
    Isolation,
    Limits,
    child_command,
    child_uid,
    detect_isolation,
    process_limit,
)

LOG_TAIL_CHARS = 600
START_TIMEOUT = 30.0


class Tensor:
    """Marks a numpy array to arrive in the child as a ``torch.Tensor`` (a plain array arrives as numpy)."""

    def __init__(self, array, *, requires_grad: bool = False):
        self.array = np.asarray(array)
        self.requires_grad = requires_grad


class Remote:
    """A proxy to an object that lives in the child process."""

    __slots__ = ("_session", "_id", "type_name")

    def __init__(self, session: Session, handle_id: int, type_name: str):
        self._session = session
        self._id = handle_id
        self.type_name = type_name

    def __getattr__(self, name: str) -> Remote:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._session.request_handle({"op": "getattr", "target": self._id, "name": name})

    def __call__(self, *args, **kwargs) -> Remote:
        request = {"op": "call", "target": self._id, "args": _encode_arg(list(args)), "kwargs": _encode_arg(kwargs)}
        return self._session.request_handle(request)

    def __getitem__(self, key) -> Remote:
        return self._session.request_handle({"op": "getitem", "target": self._id, "key": _encode_arg(key)})

    def __len__(self) -> int:
        length = self._session.request({"op": "len", "target": self._id})
        if type(length) is not int or length < 0:
            raise BadData(f"len() of a {self.type_name} gave {length!r}")
        return length

    def __iter__(self):
        for index in range(len(self)):
            yield self[index]

    def fetch(self):
        """Bring the object back as plain data (numbers, strings, lists, tuples, dicts, numpy arrays)."""
        return self._session.request({"op": "fetch", "target": self._id})

    def __repr__(self) -> str:
        return f"<remote {self.type_name}>"


def _encode_arg(value):
    """Plain data for the child, where handles and ``Tensor`` marks may sit anywhere in ``value``."""
    return encode(value, special=_parent_side_value)


def _parent_side_value(value) -> dict | None:
    if isinstance(value, Remote):
        return {"__handle__": value._id}
    if isinstance(value, Tensor):
        encoded = encode(value.array)
        return {"__tensor__": encoded["__ndarray__"], "dtype": encoded["dtype"], "shape": encoded["shape"],
                "requires_grad": value.requires_grad}  # fmt: skip
    return None


class Session:
    """One child process running a submission's code, restarted on demand after a timeout or a crash."""

    def __init__(self, submission_dir: Path, data_dir: Path, *, limits: Limits | None = None,
                 isolation: Isolation | None = None):  # fmt: skip
        self.submission_dir = Path(submission_dir)
        self.data_dir = Path(data_dir)
        self.limits = limits or Limits()
        self.isolation = isolation or detect_isolation()
        self.deadline = float("inf")
        self._process: subprocess.Popen | None = None
        self._tmp: Path | None = None
        self._log = None

    # --- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start a fresh child; its start-up counts against the current deadline."""
        self.close()
        self._tmp = Path(tempfile.mkdtemp(prefix="mllabs-child-"))
        workdir = self._tmp / "work"
        workdir.mkdir()
        self.submission_dir.chmod(0o755)  # readable by the sandbox's unprivileged uid
        layout = ChildLayout(self.submission_dir, self.data_dir, workdir)
        argv, sys_path, env = child_command(self.isolation, layout, self.limits)
        self._log = open(self._tmp / "child.log", "w+b")  # noqa: SIM115 - closed in close()
        self._process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            cwd=workdir,
            env=env,
            start_new_session=True,
        )
        limits = {**vars(self.limits), "processes": process_limit(self.limits)}
        del limits["scratch_mb"]  # enforced by the sandbox's mounts, not by the child
        config = {"sys_path": sys_path, "limits": limits, "uid": child_uid(self.isolation)}
        previous_deadline = self.deadline
        self.deadline = min(self.deadline, time.monotonic() + START_TIMEOUT)
        try:
            self._exchange(config)
        finally:
            self.deadline = previous_deadline

    def close(self) -> None:
        """Kill the child and everything it started, and remove its private files."""
        if self._process is not None:
            _kill_group(self._process)
            for stream in (self._process.stdin, self._process.stdout):
                stream.close()
            self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # --- requests --------------------------------------------------------------------------------

    def module(self, name: str) -> Remote:
        """Import one of the submission's modules in the child."""
        return self.request_handle({"op": "import", "module": name})

    def seed(self, seed: int) -> None:
        self.request({"op": "seed", "seed": seed})

    def request_handle(self, request: dict) -> Remote:
        value = self._send(request)
        if type(value) is not dict or type(value.get("__handle__")) is not int:
            raise BadData("the child answered a request with something other than a handle")
        return Remote(self, value["__handle__"], str(value.get("type", "object")))

    def request(self, request: dict):
        try:
            return decode(self._send(request))
        except (ValueError, TypeError) as exc:
            raise BadData(f"the submission sent back malformed data ({exc})") from None

    def _send(self, request: dict):
        if not self.alive:
            self.start()
        return self._exchange(request)

    def _exchange(self, message: dict):
        """Send one message, wait for its response, and return its value or raise what it reports."""
        response = self._round_trip(message)
        if type(response) is not dict:
            raise BadData("the submission's process sent back something that is not a protocol message")
        if response.get("ok") is True:
            return response.get("value")
        error = response.get("error")
        if type(error) is not dict:
            raise BadData("the submission's process sent back a malformed error")
        text = {key: str(error.get(key, ""))[:2000] for key in ("kind", "type", "message", "where")}
        if text["kind"] == "unsendable":
            raise BadData(text["message"])
        not_implemented = text["kind"] == "not_implemented"
        raise SubmissionRaised(text["type"], text["message"], text["where"], not_implemented=not_implemented)

    def _round_trip(self, message: dict):
        """The transport: one JSON line to the child, one JSON line back (parsed, not yet trusted)."""
        assert self._process is not None
        try:
            self._process.stdin.write(json.dumps(message).encode() + b"\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._died() from None
        line = self._read_line()
        try:
            return json.loads(line)
        except (ValueError, UnicodeDecodeError):
            self.close()
            raise BadData("the submission's process sent back something that is not a protocol message") from None

    def _read_line(self) -> bytes:
        stream = self._process.stdout
        chunks = []
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.close()
                raise SubmissionTimeout("the time limit ran out; the submission's process was stopped")
            ready, _, _ = select.select([stream], [], [], min(remaining, 1.0))
            if not ready:
                continue
            chunk = stream.read1(1 << 20)
            if not chunk:
                raise self._died()
            chunks.append(chunk)
            if chunk.endswith(b"\n"):
                return b"".join(chunks)

    def _died(self) -> SubmissionDied:
        process = self._process
        code = process.wait(timeout=5) if process is not None else None
        tail = self.log_tail()
        self.close()
        if code is not None and code < 0:
            how = f"was killed by {signal.Signals(-code).name}"
            if -code == signal.SIGKILL:
                how += " (often the memory limit)"
            elif -code == signal.SIGXCPU:
                how += " (CPU time limit)"
            elif -code == signal.SIGXFSZ:
                how += " (file size limit)"
        else:
            how = f"exited with code {code}"
        printed = f" Last output: {tail}" if tail else ""
        return SubmissionDied(f"the submission's process {how}.{printed}")

    def log_tail(self) -> str:
        """The end of what the child printed (to show a student why it crashed)."""
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0, os.SEEK_END)
        size = self._log.tell()
        self._log.seek(max(0, size - LOG_TAIL_CHARS))
        return self._log.read().decode("utf-8", "replace").strip()


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()

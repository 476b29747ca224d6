"""The sandboxed child: runs a submission's code and answers the grader's requests with plain data.

This file is the only piece of the engine that runs in the untrusted process, so it imports nothing from
the kit (it is copied into the sandbox alone and started as ``python -I -S child.py``). It holds no secret:
the checks, their expected values and the reference solutions stay in the parent, which decides every
verdict from the plain data this child sends back.

Protocol
--------
Messages are single lines of JSON in UTF-8. The parent writes requests to the child's standard input and
reads responses from its standard output. Before any submission code runs, the child moves that channel
to private file descriptors and points fds 0, 1 and 2 at ``/dev/null`` and the log file (the child's
standard error as opened by the parent), so nothing a submission prints can corrupt the channel.

1. The first line is the configuration::

       {"sys_path": [...], "limits": {"memory_mb": int, "cpu_seconds": int, "file_size_mb": int,
        "processes": int|null, "open_files": int}, "uid": int|null}

   The child applies the resource limits, drops to ``uid`` (when it runs as root), sets ``sys.path`` and
   answers ``{"ok": true, "value": null}``.
2. Each later line is one request ``{"op": OP, ...}``, answered by exactly one response line:
   ``{"ok": true, "value": V}`` or ``{"ok": false, "error": {"kind": K, "type": T, "message": M,
   "where": W}}`` where ``kind`` is ``not_implemented`` (a ``NameError`` on the ``XXXX`` placeholder),
   ``exception`` (the submission raised) or ``unsendable`` (a result that is not plain data).

   ======== ================================= ===============================================
   op       fields                            value
   ======== ================================= ===============================================
   seed     seed                              null; seeds random and numpy, and torch once loaded
   import   module                            a handle to the imported module
   getattr  target, name                      a handle to ``target.name``
   getitem  target, key                       a handle to ``target[key]``
   call     target, args, kwargs              a handle to ``target(*args, **kwargs)``
   len      target                            ``len(target)`` as an int
   fetch    target                            ``target`` encoded as plain data
   reset                                      null; forgets every handle (sent after each check)
   ======== ================================= ===============================================

   A handle is ``{"__handle__": id, "type": "module.QualifiedName"}``; it names an object kept in the
   child. Arguments may contain handles, which the child resolves.

Plain data (both directions) is JSON where ``null``, booleans, numbers (NaN and infinities included),
strings and lists mean themselves, and objects are tagged: ``{"__tuple__": [...]}``,
``{"__dict__": [[key, value], ...]}``, ``{"__ndarray__": base64 of the raw bytes, "dtype": "float64",
"shape": [...]}`` and, parent to child only, ``{"__tensor__": ..., "dtype", "shape", "requires_grad"}``
which the child turns into a ``torch.Tensor``. Fetched tensors travel as ``__ndarray__`` (detached, on the
CPU). Nothing is ever pickled.
"""

from __future__ import annotations

import base64
import json
import os
import random
import resource
import sys
import traceback

PLACEHOLDER = "XXXX"
ARRAY_DTYPES = frozenset("bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 float16 float32 float64".split())
MAX_DEPTH = 32


class UnsendableError(TypeError):
    """A value that cannot cross the boundary as plain data."""


def encode(value, *, special=None, _depth: int = 0):
    """Turn ``value`` into JSON-compatible plain data (see the module docstring), or raise UnsendableError.

    ``special``, when given, is tried first on every value and may return its encoding, or None for the
    plain rules (the parent uses it for handles and tensors in call arguments).
    """
    if _depth > MAX_DEPTH:
        raise UnsendableError("the value is nested too deeply")
    if special is not None and (encoded := special(value)) is not None:
        return encoded
    if value is None or isinstance(value, (bool, int, float, str)):
        return value  # subclasses serialise as their base type; the parent decodes strictly anyway
    if isinstance(value, (list, tuple)):
        items = [encode(item, special=special, _depth=_depth + 1) for item in value]
        return items if isinstance(value, list) else {"__tuple__": items}
    if isinstance(value, dict):
        pairs = value.items()
        return {"__dict__": [[encode(part, special=special, _depth=_depth + 1) for part in pair] for pair in pairs]}
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        if isinstance(value, numpy.ndarray):
            return _encode_array(value)
        if isinstance(value, numpy.generic):
            return encode(value.item(), _depth=_depth + 1)
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        return _encode_array(value.detach().cpu().numpy())
    raise UnsendableError(
        f"an object of type {type(value).__qualname__} cannot be sent to the grader; "
        "return numbers, strings, lists, tuples, dicts, numpy arrays or torch tensors"
    )


def _encode_array(array) -> dict:
    dtype = str(array.dtype)
    if dtype not in ARRAY_DTYPES:
        raise UnsendableError(f"arrays of dtype {dtype} cannot be sent to the grader; use a numeric dtype")
    import numpy

    raw = numpy.ascontiguousarray(array).tobytes()
    return {"__ndarray__": base64.b64encode(raw).decode("ascii"), "dtype": dtype, "shape": list(array.shape)}


def decode(data, resolve_handle=None, *, _depth: int = 0):
    """Turn plain data back into Python values; strict, since the other side may be hostile.

    ``resolve_handle`` maps a handle id to an object (the child's side); without it a handle is an error.
    Arrays come back as read-only-free numpy arrays; raises ValueError on anything malformed.
    """
    if _depth > MAX_DEPTH:
        raise ValueError("the data is nested too deeply")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(item, resolve_handle, _depth=_depth + 1) for item in data]
    if type(data) is not dict:
        raise ValueError(f"unexpected JSON value of type {type(data).__name__}")
    if set(data) == {"__tuple__"} and type(data["__tuple__"]) is list:
        return tuple(decode(item, resolve_handle, _depth=_depth + 1) for item in data["__tuple__"])
    if set(data) == {"__dict__"} and type(data["__dict__"]) is list:
        pairs = data["__dict__"]
        if not all(type(pair) is list and len(pair) == 2 for pair in pairs):
            raise ValueError("malformed dict")
        return {
            _hashable(decode(k, resolve_handle, _depth=_depth + 1)): decode(v, resolve_handle, _depth=_depth + 1)
            for k, v in pairs
        }
    if "__ndarray__" in data or "__tensor__" in data:
        return _decode_array(data)
    if "__handle__" in data:
        if resolve_handle is None:
            raise ValueError("a handle where plain data was expected")
        return resolve_handle(data["__handle__"])
    raise ValueError(f"unexpected object with keys {sorted(data)[:5]}")


def _hashable(key):
    if type(key) in (str, int, float, bool, type(None)) or type(key) is tuple:
        return key
    raise ValueError(f"a dict key of type {type(key).__name__}")


def _decode_array(data: dict):
    import numpy

    tensor = "__tensor__" in data
    payload = data["__tensor__" if tensor else "__ndarray__"]
    dtype, shape = data.get("dtype"), data.get("shape")
    if dtype not in ARRAY_DTYPES or type(payload) is not str or type(shape) is not list:
        raise ValueError("malformed array")
    if not all(type(n) is int and n >= 0 for n in shape):
        raise ValueError("malformed array shape")
    raw = base64.b64decode(payload, validate=True)
    count = 1
    for n in shape:
        count *= n
    if count * numpy.dtype(dtype).itemsize != len(raw):
        raise ValueError("array size does not match its shape")
    array = numpy.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if not tensor:
        return array
    import torch

    return torch.from_numpy(array).requires_grad_(bool(data.get("requires_grad", False)))


# --- the child's side ------------------------------------------------------------------------------


class _Child:
    """Holds the objects the parent refers to by handle and answers requests."""

    def __init__(self) -> None:
        self.objects: dict[int, object] = {}
        self.next_id = 1
        self.seed: int | None = None

    def handle(self, value) -> dict:
        handle_id = self.next_id
        self.next_id += 1
        self.objects[handle_id] = value
        kind = type(value)
        return {"__handle__": handle_id, "type": f"{kind.__module__}.{kind.__qualname__}"}

    def resolve(self, handle_id):
        if type(handle_id) is not int or handle_id not in self.objects:
            raise ValueError(f"unknown handle {handle_id!r}")
        return self.objects[handle_id]

    def answer(self, request: dict):
        op = request.get("op")
        if op == "seed":
            self.seed = request["seed"]
            return _seed(self.seed)
        if op == "import":
            import importlib

            torch_was_loaded = "torch" in sys.modules
            module = importlib.import_module(request["module"])
            if not torch_was_loaded and "torch" in sys.modules and self.seed is not None:
                sys.modules["torch"].manual_seed(self.seed)  # the module just loaded torch: seed it too
            return self.handle(module)
        if op == "reset":
            self.objects.clear()
            return None
        target = self.resolve(request["target"])
        if op == "getattr":
            return self.handle(getattr(target, request["name"]))
        if op == "getitem":
            return self.handle(target[decode(request["key"], self.resolve)])
        if op == "call":
            args = decode(request["args"], self.resolve)
            kwargs = decode(request["kwargs"], self.resolve)
            return self.handle(target(*args, **kwargs))
        if op == "len":
            return int(len(target))
        if op == "fetch":
            return encode(target)
        raise ValueError(f"unknown op {op!r}")


def _seed(seed: int) -> None:
    """Seed random and numpy now, and torch if it is loaded (importing torch for nothing costs seconds)."""
    random.seed(seed)
    try:
        import numpy
    except ImportError:
        pass
    else:
        numpy.random.seed(seed)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)


def _error(exc: BaseException) -> dict:
    if isinstance(exc, UnsendableError):
        kind = "unsendable"
    elif isinstance(exc, NameError) and getattr(exc, "name", None) == PLACEHOLDER:
        kind = "not_implemented"
    else:
        kind = "exception"
    frames = traceback.extract_tb(exc.__traceback__)
    user_frames = [f for f in frames if not f.filename.endswith("child.py")]
    where = f"{os.path.basename(user_frames[-1].filename)}, line {user_frames[-1].lineno}" if user_frames else ""
    return {"kind": kind, "type": type(exc).__name__, "message": str(exc)[:2000], "where": where}


def _apply_limits(limits: dict, uid) -> None:
    megabyte = 1 << 20
    caps = {
        resource.RLIMIT_AS: limits["memory_mb"] * megabyte,
        resource.RLIMIT_CPU: limits["cpu_seconds"],
        resource.RLIMIT_FSIZE: limits["file_size_mb"] * megabyte,
        resource.RLIMIT_NOFILE: limits["open_files"],
        resource.RLIMIT_CORE: 0,
    }
    if limits.get("processes") is not None:
        caps[resource.RLIMIT_NPROC] = limits["processes"]
    for which, value in caps.items():
        resource.setrlimit(which, (value, value))
    if uid is not None and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)


def _open_channel():
    """Move the protocol to private fds; point 0 at /dev/null and 1 at the log (fd 2)."""
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    responses = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return requests, responses


def main() -> None:
    requests, responses = _open_channel()

    def reply(message: dict) -> None:
        try:
            line = json.dumps(message)
        except (TypeError, ValueError) as exc:
            line = json.dumps({"ok": False, "error": _error(UnsendableError(str(exc)))})
        responses.write(line + "\n")
        responses.flush()

    config = json.loads(requests.readline())
    _apply_limits(config["limits"], config.get("uid"))
    sys.path[:] = config["sys_path"] + sys.path
    sys.dont_write_bytecode = True
    reply({"ok": True, "value": None})

    child = _Child()
    for line in requests:
        reply(respond(child, json.loads(line)))


def respond(child: _Child, request: dict) -> dict:
    """The response to one request: its value, or the error it raised (a submission's SystemExit too)."""
    try:
        return {"ok": True, "value": child.answer(request)}
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt from a submission too
        return {"ok": False, "error": _error(exc)}


if __name__ == "__main__":
    main()

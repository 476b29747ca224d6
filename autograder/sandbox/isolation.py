"""How the child process is confined: resource limits always, bubblewrap namespaces where available.

Two levels, reported in every command's output:

- ``bubblewrap``: the child sees a private filesystem holding only the system's libraries, the Python
  installation (with the kit's own package masked), the submission (read-only), the datasets (read-only)
  and an empty writable working directory. It has no network, its own PID namespace (so killing it kills
  everything it started), and when the grader runs as root it drops to an unprivileged uid of its own, so
  the process-count limit holds.
- ``limits-only``: bubblewrap is missing or cannot run here. The child still gets the resource limits, a
  private working directory and a ``sys.path`` without the kit, but it can read the user's files and reach
  the network. Every command says so in a warning.
"""

from __future__ import annotations

import functools
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

CHILD_SCRIPT = Path(__file__).with_name("child.py")
KIT_PACKAGE_DIR = Path(__file__).resolve().parent.parent

# Where things appear inside the bubblewrap sandbox.
SANDBOX_SUBMISSION = "/submission"
SANDBOX_KIT = "/kit"
SANDBOX_WORKDIR = "/tmp/work"
SANDBOX_CHILD = f"{SANDBOX_KIT}/runner/child.py"

UNPRIVILEGED_UID_BASE = 200_000


@dataclass(frozen=True)
class Limits:
    """Resource limits applied to every child process (defaults sized for the course's labs)."""

    memory_mb: int = 6144  # address space; torch alone reserves ~1.5 GB of it
    cpu_seconds: int = 900  # CPU time over the child's whole life (wall-clock limits are per check)
    file_size_mb: int = 64  # largest file the child may write, its log included
    processes: int = 256  # processes and threads of the child's uid
    open_files: int = 256
    scratch_mb: int = 256  # the sandbox's in-memory /tmp, its working directory included


@dataclass(frozen=True)
class Isolation:
    """The isolation level in force, with the sentence that describes it to a user."""

    level: str
    description: str
    warning: str | None = None


@dataclass(frozen=True)
class ChildLayout:
    """Where one child's files are outside the sandbox (its working directory serves only without bubblewrap)."""

    submission_dir: Path
    data_dir: Path
    workdir: Path


@functools.cache
def detect_isolation() -> Isolation:
    """Probe once per process whether bubblewrap can start a sandbox here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return _limits_only("bubblewrap is not installed (Debian/Ubuntu: apt install bubblewrap)")
    probe = [bwrap, *_namespace_flags(), *_system_binds(), "--", sys.executable, "-I", "-S", "-c", "pass"]
    try:
        completed = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _limits_only(f"bubblewrap could not be started ({exc})")
    if completed.returncode != 0:
        return _limits_only(f"bubblewrap cannot create a sandbox here ({completed.stderr.strip()[:200]})")
    return Isolation(
        "bubblewrap",
        "bubblewrap: private read-only filesystem, no network, own PID namespace, resource limits"
        + (", unprivileged uid" if os.geteuid() == 0 else ""),
    )


def _limits_only(reason: str) -> Isolation:
    return Isolation(
        "limits-only",
        "resource limits and a private working directory only",
        f"Reduced isolation: {reason}. Submissions can read your files and use the network"
        + (", and as root the process limit does not hold." if os.geteuid() == 0 else "."),
    )


def child_command(
    isolation: Isolation, layout: ChildLayout, limits: Limits
) -> tuple[list[str], list[str], dict[str, str]]:
    """Return the argv that starts the child, the ``sys.path`` it should use and its environment."""
    if isolation.level != "bubblewrap":
        kit_dir = layout.workdir.parent / "kit"
        kit_dir.mkdir(exist_ok=True)
        (kit_dir / "mllabs_data").symlink_to(layout.data_dir, target_is_directory=True)
        argv = [sys.executable, "-I", "-S", str(CHILD_SCRIPT)]
        return argv, [str(layout.submission_dir), str(kit_dir), *_site_dirs()], child_environment(str(layout.workdir))
    binds = [
        # Scratch space lives in memory, capped, so a submission cannot fill the grader's disk.
        "--perms", "01777", "--size", str(limits.scratch_mb << 20), "--tmpfs", "/tmp",
        *_system_binds(),
        *_masks(),
        "--perms", "0755", "--dir", SANDBOX_KIT,  # folders bwrap creates are 0700 otherwise
        "--perms", "0755", "--dir", str(Path(SANDBOX_CHILD).parent),
        "--ro-bind", str(layout.submission_dir), SANDBOX_SUBMISSION,
        "--ro-bind", str(layout.data_dir), f"{SANDBOX_KIT}/mllabs_data",
        "--ro-bind", str(CHILD_SCRIPT), SANDBOX_CHILD,
        "--perms", "01777", "--dir", SANDBOX_WORKDIR,
        "--chdir", SANDBOX_WORKDIR,
    ]  # fmt: skip
    env = child_environment(SANDBOX_WORKDIR)
    setenv = [arg for name, value in env.items() for arg in ("--setenv", name, value)]  # after --clearenv
    argv = [
        shutil.which("bwrap"),
        *_namespace_flags(),
        *setenv,
        *binds,
        "--",
        sys.executable,
        "-I",
        "-S",
        SANDBOX_CHILD,
    ]
    return argv, [SANDBOX_SUBMISSION, SANDBOX_KIT, *_site_dirs()], env


def child_uid(isolation: Isolation) -> int | None:
    """The unprivileged uid a sandboxed child drops to: one per grading process, when running as root.

    Only inside bubblewrap: outside it, the Python installation may sit where no other uid can read
    (``/root/.pyenv``), so a root grader with reduced isolation keeps root and loses the process limit.
    """
    if isolation.level == "bubblewrap" and os.geteuid() == 0:
        return UNPRIVILEGED_UID_BASE + os.getpid() % 100_000
    return None


def process_limit(limits: Limits) -> int | None:
    """RLIMIT_NPROC counts every process of the uid, so a non-root user's limit sits above their current count.

    Root is exempt from RLIMIT_NPROC, which is why a root grader drops the child to its own uid.
    """
    if os.geteuid() == 0:
        return limits.processes
    uid = os.getuid()
    running = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"\nUid:\t{uid}\t" in status.read_text():
                running += 1
        except OSError:
            continue
    return running + limits.processes


def child_environment(workdir: str) -> dict[str, str]:
    """A small, explicit environment: one thread per child (a batch runs children in parallel)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": workdir,
        "TMPDIR": workdir,
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": workdir,
        **{name: "1" for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
    }
    # Some processors need these to keep OpenBLAS correct (see the machine's notes); pass them through.
    env.update({k: v for k, v in os.environ.items() if k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")})
    return env


def _namespace_flags() -> list[str]:
    flags = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if os.geteuid() != 0:
        flags.append("--unshare-user")
    return [*flags, "--die-with-parent", "--new-session", "--clearenv"]


@functools.cache
def _python_roots() -> tuple[str, ...]:
    """Folders that hold the interpreter, its standard library and its installed packages."""
    candidates = {sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"], *_site_dirs()}
    roots = sorted({str(Path(p).resolve()) for p in candidates if Path(p).is_dir()})
    return tuple(r for r in roots if not any(r != o and r.startswith(o + os.sep) for o in roots))


@functools.cache
def _site_dirs() -> tuple[str, ...]:
    dirs = [*site.getsitepackages(), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    return tuple(dict.fromkeys(d for d in dirs if Path(d).is_dir()))


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev"]
    for name in ("bin", "lib", "lib64", "sbin", "lib32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    created: set[str] = {"/", "/usr", "/etc", "/tmp", "/bin", "/lib", "/lib64", "/sbin", "/lib32"}
    for root in _python_roots():
        if root.startswith("/usr/"):
            continue
        for parent in reversed(Path(root).parents):
            if str(parent) not in created:
                created.add(str(parent))
                args += ["--perms", "0755", "--dir", str(parent)]  # else bwrap makes them 0700
        args += ["--ro-bind", root, root]
    return args


def _masks() -> list[str]:
    """Hide the kit's own package when it was installed inside a bound Python folder."""
    package = str(KIT_PACKAGE_DIR)
    if any(package.startswith(root + os.sep) for root in _python_roots()):
        return ["--tmpfs", package]
    return []

"""Authentication logs in the LANL format, for the transformer lab ("detect the attacker in the logs").

The course used the Los Alamos National Laboratory "Comprehensive, Multi-Source Cyber-Security Events"
data (``auth.txt``, 58 days, ~1 billion lines, with red-team labels in ``redteam.txt``). No copy can be had
offline, so the kit ships a **synthetic** sample made by :func:`generate_auth_log` (``data/auth_logs/``;
``auth.txt.gz`` and ``redteam.txt``), and readers that stream real LANL files for those who have them,
or any text log (e.g. ``dmesg`` output) for quick local tests.

``auth.txt`` format, one event per line, comma-separated, 9 fields::

    time,source user@domain,destination user@domain,source computer,destination computer,
        authentication type,logon type,authentication orientation,success/failure
    7,C1065$@DOM1,C1065$@DOM1,C1065,C586,Kerberos,Network,LogOn,Success

``redteam.txt`` format, one labelled event per line: ``time,user@domain,source computer,destination computer``.
``time`` is in seconds from the start of the log (in the synthetic sample, second 0 is day 0, 00:00).
"""

from __future__ import annotations

import dataclasses
import gzip
import math
import struct
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ._files import DataError, shipped_file

DOMAIN = "DOM1"
DAY = 86_400  # seconds
HOUR = 3_600


class AuthEvent(NamedTuple):
    """One line of ``auth.txt``. ``success`` is True for ``Success``, False for ``Fail``."""

    time: int
    src_user: str
    dst_user: str
    src_computer: str
    dst_computer: str
    auth_type: str
    logon_type: str
    orientation: str
    success: bool


class RedTeamEvent(NamedTuple):
    """One line of ``redteam.txt``: a logon attempt by the red team."""

    time: int
    user: str
    src_computer: str
    dst_computer: str


# --------------------------------------------------------------------------------------------- readers


def read_lines(path: str | Path, limit: int | None = None, *, encoding: str = "utf-8") -> Iterator[str]:
    """Stream the lines of any text file lazily (gzip-compressed if the name ends in ``.gz``).

    Yields each line without its line end, at most ``limit`` lines (all if None). Nothing is read before
    the first line is asked for, and only as much as needed, so ``read_lines("auth.txt.gz", 10_000)`` on a
    70 GB LANL file is quick. Undecodable bytes become U+FFFD, so a ``dmesg`` dump never fails.

    Raises: DataError naming the file if it does not exist or cannot be read.
    """
    path = Path(path)
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, got {limit}")
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding=encoding, errors="replace", newline=None) as stream:
            for count, line in enumerate(stream):
                if limit is not None and count >= limit:
                    return
                yield line.rstrip("\n")
    except FileNotFoundError:
        raise DataError(f"log file {path} does not exist.") from None
    except (OSError, EOFError) as error:
        raise DataError(f"log file {path} cannot be read: {error}") from None


def auth_sample_paths() -> tuple[Path, Path]:
    """Paths of the shipped synthetic sample, ``(auth.txt.gz, redteam.txt)``, after checking their sha256.

    Raises: DataError (naming the file) if a file is missing or corrupt.
    """
    return shipped_file("auth_logs", "auth.txt.gz"), shipped_file("auth_logs", "redteam.txt")


def read_auth_log(path: str | Path | None = None, limit: int | None = None) -> Iterator[AuthEvent]:
    """Stream the events of an ``auth.txt`` file (plain or ``.gz``) lazily, in file order.

    Inputs:
    - path: a LANL ``auth.txt``/``auth.txt.gz``, or None for the shipped synthetic sample (checked first).
    - limit: read at most this many lines (all if None).

    Yields :class:`AuthEvent` tuples. Raises DataError naming the file and line if a line does not have
    9 fields, an integer time and ``Success``/``Fail`` last.
    """
    path = auth_sample_paths()[0] if path is None else Path(path)
    for number, line in enumerate(read_lines(path, limit), start=1):
        fields = line.split(",")
        if len(fields) != 9 or fields[8] not in ("Success", "Fail") or not fields[0].isdigit():
            raise DataError(f"{path}, line {number}: not an auth.txt event: {line[:120]!r}")
        yield AuthEvent(int(fields[0]), *fields[1:8], fields[8] == "Success")


def read_redteam(path: str | Path | None = None) -> list[RedTeamEvent]:
    """Read a ``redteam.txt`` file (plain or ``.gz``), or the shipped one if ``path`` is None.

    Returns the list of :class:`RedTeamEvent`, in file order. Raises DataError on a malformed line.
    """
    path = auth_sample_paths()[1] if path is None else Path(path)
    events = []
    for number, line in enumerate(read_lines(path), start=1):
        fields = line.split(",")
        if len(fields) != 4 or not fields[0].isdigit():
            raise DataError(f"{path}, line {number}: not a redteam.txt event: {line[:120]!r}")
        events.append(RedTeamEvent(int(fields[0]), *fields[1:]))
    return events


def redteam_labels(events: Iterable[AuthEvent], redteam: Iterable[RedTeamEvent]) -> np.ndarray:
    """Label events as the red team's (True) or not (False), as LANL users do.

    An event is the red team's if its (time, src_user, src_computer, dst_computer) equals a redteam.txt
    line's (time, user, src_computer, dst_computer). Returns a bool array of shape (N,) for N events.
    """
    marked = {tuple(event) for event in redteam}
    keys = ((e.time, e.src_user, e.src_computer, e.dst_computer) for e in events)
    return np.fromiter((key in marked for key in keys), dtype=bool)


# ------------------------------------------------------------------------------------------- generator


@dataclasses.dataclass(frozen=True)
class AuthLogConfig:
    """Settings of the synthetic network; the defaults made the shipped sample."""

    n_users: int = 200  # people, each with a home workstation; ids U<random>
    n_admins: int = 8  # of whom administrators: remote logons to many servers
    n_workstations: int = 240  # user machines (n_users of them are homes, the rest shared)
    n_servers: int = 24  # the first 2 are domain controllers
    n_days: int = 2  # the log covers days 0..n_days-1, from 00:00
    n_attacks: int = 2  # compromised user accounts, one red-team campaign each, on the last day
    seed: int = 0  # seed of np.random.default_rng


def generate_auth_log(config: AuthLogConfig | None = None) -> tuple[list[str], list[str]]:
    """Generate a synthetic LANL-style authentication log with labelled red-team activity.

    Structure (every random draw comes from one ``np.random.default_rng(config.seed)``):
    - computers and users get random LANL-style ids (``C<number>``, ``U<number>@DOM1``);
    - every computer account ``C..$@DOM1`` logs on to a domain controller periodically (period 50-70
      minutes, its own phase); every computer starts services as ``SYSTEM@C..`` a few times a day;
    - people arrive around 08:30 (sd 45 min) and stay about 9 hours: a Kerberos ticket (TGT) from a domain
      controller, an interactive logon at their home workstation (3 % of mornings start with a failed
      password), logons to their 2-4 usual servers with a rate that dips at lunch, each followed by a
      logoff, screen unlocks, and a logoff in the evening; administrators also open remote sessions on
      random servers;
    - benign failures: 2 % of server visits are first rejected (NTLM ``Fail``) then retried, and 3
      workstations run a job with a stale password that fails on a server every ~2 hours, day and night;
    - service accounts: a backup account visits every server each night from the backup server, a
      monitoring account polls 4 servers every 15 minutes with NTLM, and anonymous NTLM logons hit the
      domain controllers at random;
    - red team: on the last day, each compromised user account, from its home workstation, tries NTLM
      network logons on computers it never used (each fails with probability 1/3), then hops on from a reached
      computer, 3 hops in all, within about an hour. Each attempt (success or failure) is a line of
      ``redteam.txt``; the logoffs that follow the attacker's logons are in ``auth.txt`` only.

    Returns (auth_lines, redteam_lines): lists of str without line ends, sorted by time (then text).
    """
    config = config or AuthLogConfig()
    generator = _Generator(config)
    return generator.run()


class _Generator:
    """The network and its event lists; ``run`` draws all events in a fixed order."""

    def __init__(self, config: AuthLogConfig) -> None:
        self.config = config
        self.rng = np.random.default_rng(config.seed)
        self.events: list[tuple[int, str]] = []
        self.redteam: list[tuple[int, str]] = []
        n_computers = config.n_workstations + config.n_servers
        computer_ids = self._sample_ids(n_computers, 1, 20_000)
        user_ids = self._sample_ids(config.n_users + 2, 1, 30_000)
        self.workstations = [f"C{i}" for i in computer_ids[: config.n_workstations]]
        self.servers = [f"C{i}" for i in computer_ids[config.n_workstations :]]
        self.controllers = self.servers[:2]
        self.users = [f"U{i}@{DOMAIN}" for i in user_ids[: config.n_users]]
        self.backup_user, self.monitor_user = (f"U{i}@{DOMAIN}" for i in user_ids[config.n_users :])
        self.home = dict(zip(self.users, self.workstations, strict=False))
        self.admins = set(self.users[: config.n_admins])
        self.usual = {user: self._usual_servers() for user in self.users}

    # -- random helpers that use only rng.random(), whose stream NumPy keeps stable across versions
    def _uniform(self, low: float, high: float) -> float:
        return low + (high - low) * float(self.rng.random())

    def _index(self, n: int) -> int:
        return min(int(self.rng.random() * n), n - 1)

    def _exponential(self, mean: float) -> float:
        return -mean * math.log(1.0 - float(self.rng.random()))

    def _normal(self, mean: float, sd: float) -> float:
        u, v = float(self.rng.random()), float(self.rng.random())
        return mean + sd * math.sqrt(-2.0 * math.log(1.0 - u)) * math.cos(2.0 * math.pi * v)

    def _sample_ids(self, n: int, low: int, high: int) -> list[int]:
        chosen: list[int] = []
        seen = set()
        while len(chosen) < n:
            candidate = low + self._index(high - low)
            if candidate not in seen:
                seen.add(candidate)
                chosen.append(candidate)
        return chosen

    def _usual_servers(self) -> list[str]:
        file_servers = self.servers[2:]
        count = 2 + self._index(3)
        return [file_servers[self._index(len(file_servers))] for _ in range(count)]

    # -- event writers
    def _emit(self, time: float, src_user: str, dst_user: str, src: str, dst: str, *rest: str) -> None:
        second = max(1, int(time))
        self.events.append((second, ",".join([str(second), src_user, dst_user, src, dst, *rest])))

    def _session(self, time: float, user: str, src: str, dst: str, auth: str, logon: str, length: float) -> None:
        """A logon from src to dst and its logoff on dst ``length`` seconds later."""
        self._emit(time, user, user, src, dst, auth, logon, "LogOn", "Success")
        self._emit(time + length, user, user, dst, dst, "?", logon, "LogOff", "Success")

    # -- the network's behaviour
    def run(self) -> tuple[list[str], list[str]]:
        end = self.config.n_days * DAY
        self._computer_accounts(end)
        self._services(end)
        for day in range(self.config.n_days):
            for user in self.users:
                self._workday(user, day)
        for attack in range(self.config.n_attacks):
            self._attack(attack)
        auth = [line for _, line in sorted(self.events)]
        redteam = [line for _, line in sorted(self.redteam)]
        return auth, redteam

    def _computer_accounts(self, end: int) -> None:
        for computer in self.workstations + self.servers:
            account = f"{computer}$@{DOMAIN}"
            period = self._uniform(50, 70) * 60
            time = self._uniform(0, period)
            while time < end:
                controller = self.controllers[self._index(2)]
                self._emit(time, account, account, computer, controller, "Kerberos", "Network", "LogOn", "Success")
                time += period + self._normal(0, 20)
            time = self._exponential(DAY / 3)
            while time < end:
                system = f"SYSTEM@{computer}"
                self._emit(time, system, system, computer, computer, "Negotiate", "Service", "LogOn", "Success")
                time += self._exponential(DAY / 3)

    def _services(self, end: int) -> None:
        backup_server, monitor_server = self.servers[-1], self.servers[-2]
        for day in range(self.config.n_days):
            time = day * DAY + self._normal(1 * HOUR, 300)
            for server in self.servers[:-1]:
                length = self._uniform(300, 1200)
                self._session(time, self.backup_user, backup_server, server, "Kerberos", "Network", length)
                time += self._uniform(30, 120)
        polled = self.servers[:4]
        for tick in range(int(end // (15 * 60))):
            for server in polled:
                time = tick * 15 * 60 + self._uniform(0, 30)
                self._session(time, self.monitor_user, monitor_server, server, "NTLM", "Network", 2)
        for stale in range(3):  # a scheduled job still using an old password: fails every ~2 hours
            user, source = self.users[-1 - stale], self.workstations[-1 - stale]
            server = self.servers[2 + self._index(len(self.servers) - 2)]
            time = self._uniform(0, 2 * HOUR)
            while time < end:
                self._emit(time, user, user, source, server, "NTLM", "Network", "LogOn", "Fail")
                time += self._normal(2 * HOUR, 60)
        time = self._exponential(HOUR / 10)
        while time < end:
            controller = self.controllers[self._index(2)]
            source = self.workstations[self._index(len(self.workstations))]
            anonymous = f"ANONYMOUS LOGON@{controller}"
            self._emit(time, anonymous, anonymous, source, controller, "NTLM", "Network", "LogOn", "Success")
            time += self._exponential(HOUR / 10)

    def _workday(self, user: str, day: int) -> None:
        home = self.home[user]
        arrival = day * DAY + min(max(self._normal(8.5 * HOUR, 0.75 * HOUR), 6 * HOUR), 11 * HOUR)
        departure = arrival + self._normal(9 * HOUR, 0.75 * HOUR)
        controller = self.controllers[self._index(2)]
        if self.rng.random() < 0.03:  # mistyped password
            self._emit(arrival - 20, user, user, home, home, "Kerberos", "Interactive", "LogOn", "Fail")
        self._emit(arrival, user, user, home, controller, "Kerberos", "?", "TGT", "Success")
        self._emit(arrival + 1, user, user, home, home, "Kerberos", "Interactive", "LogOn", "Success")
        time = arrival + self._exponential(HOUR / 2)
        while time < departure:  # server visits, fewer at lunch (12:00-13:30)
            hour_of_day = (time - day * DAY) / HOUR
            if not (12 <= hour_of_day < 13.5 and self.rng.random() < 0.7):
                server = self.usual[user][self._index(len(self.usual[user]))]
                self._emit(time - 1, user, user, home, server, "Kerberos", "Network", "TGS", "Success")
                if self.rng.random() < 0.02:  # rejected once (expired ticket, wrong password), then retried
                    self._emit(time - 5, user, user, home, server, "NTLM", "Network", "LogOn", "Fail")
                self._session(time, user, home, server, "Kerberos", "Network", self._exponential(600))
            time += self._exponential(HOUR / 2)
        for _ in range(1 + self._index(3)):
            unlock = self._uniform(arrival + HOUR, departure)
            self._emit(unlock, user, user, home, home, "Kerberos", "Unlock", "LogOn", "Success")
        if user in self.admins:
            for _ in range(2 + self._index(6)):
                server = self.servers[self._index(len(self.servers))]
                start = self._uniform(arrival, departure)
                self._session(start, user, home, server, "Kerberos", "RemoteInteractive", self._exponential(1800))
        self._emit(departure, user, user, home, home, "?", "Interactive", "LogOff", "Success")

    def _attack(self, attack: int) -> None:
        """One red-team campaign: a compromised account spreads from its home over never-used computers."""
        victims = [user for user in self.users if user not in self.admins]
        user = victims[self._index(len(victims))]
        visited = {self.home[user], *self.usual[user]}
        source = self.home[user]
        time = (self.config.n_days - 1) * DAY + self._uniform(10 * HOUR, 16 * HOUR) + attack * 600
        for _ in range(3):  # hops
            reached = []
            for _ in range(3 + self._index(6)):
                candidates = [c for c in self.workstations + self.servers if c not in visited]
                target = candidates[self._index(len(candidates))]
                visited.add(target)
                success = self.rng.random() >= 1 / 3
                outcome = "Success" if success else "Fail"
                self._emit(time, user, user, source, target, "NTLM", "Network", "LogOn", outcome)
                self.redteam.append((max(1, int(time)), f"{max(1, int(time))},{user},{source},{target}"))
                if success:
                    reached.append(target)
                    self._emit(
                        time + self._uniform(5, 120), user, user, target, target, "?", "Network", "LogOff", "Success"
                    )
                time += self._uniform(2, 90)
            if reached:
                source = reached[self._index(len(reached))]
            time += self._uniform(300, 1200)


def write_auth_log(folder: str | Path, config: AuthLogConfig | None = None) -> tuple[Path, Path]:
    """Generate a log and write ``auth.txt.gz`` and ``redteam.txt`` into ``folder``; return their paths.

    Both files end every line with ``\\n``; the gzip stream has no name and mtime 0, so the bytes depend
    only on the config (and on zlib's compressor, level 9).
    """
    folder = Path(folder)
    auth, redteam = generate_auth_log(config)
    auth_path, redteam_path = folder / "auth.txt.gz", folder / "redteam.txt"
    auth_path.write_bytes(_gzip_bytes("".join(line + "\n" for line in auth).encode("ascii")))
    redteam_path.write_bytes("".join(line + "\n" for line in redteam).encode("ascii"))
    return auth_path, redteam_path


def _gzip_bytes(data: bytes) -> bytes:
    """``data`` as a gzip member: fixed 10-byte header (no name, mtime 0, OS 255), deflate level 9, trailer.

    Written by hand rather than with ``gzip.compress``, whose header bytes vary with Python version and OS.
    """
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # magic, deflate, no flags, mtime 0, max, OS
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = compressor.compress(data) + compressor.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return header + body + trailer

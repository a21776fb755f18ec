"""A cache of figure commands' output, checked against every file of the data directory.

Cron jobs and people run the same ``alarm summary 2024`` many times a day on data that
changed once. The first run validates the data directory and computes the figures; the
cache keeps what it printed, keyed by the command line, the language settings, alarmcli's
version and a fingerprint of **every** file below the data directory: its path, size,
modification time and a BLAKE2 hash of its bytes. The fingerprint is computed again on
every run, so a file edited in the same second, replaced, removed or added, a changed
``taxonomy.toml`` or ``alarm.toml``, all miss the cache: it is never trusted over the
files. A hit prints the same bytes without importing polars, pydantic or typer.

Only output to a pipe or file descriptor (not a terminal, whose width shapes tables) and
only successful runs (exit 0) are kept. ``alarm --no-cache …`` or ``ALARM_CACHE=off``
bypasses it; ``ALARM_CACHE_DIR`` moves it (default: ``$XDG_CACHE_HOME/alarmcli``);
``alarm --clear-cache`` empties it. An output not kept again for :data:`MAX_AGE` is
removed when another is kept, so the cache does not grow with every month's data.

The outputs hold unsuppressed counts about children, so they are private to the user who
ran the command: the directory is created ``0700`` (one that exists keeps its mode) and
each entry is written ``0600``; an entry that another user owns or could have written, or
that is a link, is not trusted (not read, and recomputed), so a shared ``ALARM_CACHE_DIR``
can neither show figures to others nor be fed false ones.

Standard library only: this module runs before anything else is imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from stat import S_ISREG

#: Commands whose output depends only on the command line and the data directory.
CACHED = frozenset(
    {
        "summary",
        "series",
        "compare",
        "sites",
        "breakdown",
        "crosstab",
        "audit",
        "web",
        "opening",
        "times",
    }
)
#: Options that write a file: such a run is not served from the cache.
WRITES = frozenset({"-o", "--output"})
NO_CACHE = "--no-cache"
ENV = ("LANG", "LC_ALL", "LC_MESSAGES", "ALARM_DATA_DIR", "NO_COLOR", "COLUMNS", "TERM")
DATA_DIR_OPTIONS = ("--data-dir", "-d")
#: Bytes read at a time when hashing a file.
CHUNK = 1 << 20
#: Seconds an output is kept after it was last stored: 30 days.
MAX_AGE = 30 * 24 * 3600
#: The names of the files the cache writes: kept outputs, and ones being written.
_ENTRY = re.compile(r"[0-9a-f]{40}\.json|\.[0-9a-f]{40}\.[0-9]+\.tmp")


def directory() -> Path:
    """Where cached outputs live."""
    explicit = os.environ.get("ALARM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "alarmcli"


def enabled(argv: Sequence[str]) -> bool:
    """Whether this command line may be served from, and stored in, the cache."""
    if os.environ.get("ALARM_CACHE", "").lower() in {"off", "0", "no"} or NO_CACHE in argv:
        return False
    if len(argv) < 2 or argv[1] not in CACHED:
        return False
    if any(a in WRITES or a.startswith("--output=") or a in {"-h", "--help"} for a in argv):
        return False
    return not sys.stdout.isatty()


def data_dir(argv: Sequence[str]) -> Path:
    """The data directory the command line names, as the CLI resolves it."""
    for i, arg in enumerate(argv):
        if arg in DATA_DIR_OPTIONS and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--data-dir="):
            return Path(arg.split("=", 1)[1])
    return Path(os.environ.get("ALARM_DATA_DIR") or "data")


def fingerprint(root: Path) -> str:
    """A hash of every file below ``root``: path, size, mtime and content, in path order.

    ``""`` when ``root`` is not a directory (the command will say so; nothing is kept).
    """
    if not root.is_dir():
        return ""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def key(argv: Sequence[str], version: str) -> str | None:
    """The cache key of a command line, or ``None`` where its data directory is missing."""
    root = data_dir(argv)
    files = fingerprint(root)
    if not files:
        return None
    code = Path(__file__).parent
    parts = {
        "version": version,
        # the program itself: an upgrade or a local edit must not print old figures
        "code": [
            (str(p.relative_to(code)), p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(code.rglob("*.py"))
        ],
        "argv": list(argv[1:]),
        "env": {name: os.environ.get(name) for name in ENV},
        "root": str(root.resolve()),
        "files": files,
    }
    return hashlib.blake2b(json.dumps(parts, sort_keys=True).encode(), digest_size=20).hexdigest()


def lookup(cache_key: str) -> tuple[bytes, bytes] | None:
    """The standard output and error a run with this key printed, if kept and trusted."""
    path = directory() / f"{cache_key}.json"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # never a link's target
        with os.fdopen(fd, "rb") as handle:
            stat = os.fstat(handle.fileno())
            if not (S_ISREG(stat.st_mode) and _private(stat)):
                return None
            if stat.st_mode & 0o077:  # kept by an older alarmcli, readable by others
                os.fchmod(handle.fileno(), 0o600)
            entry = json.loads(handle.read().decode("utf-8"))
        return entry["stdout"].encode("utf-8"), entry["stderr"].encode("utf-8")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _private(stat: os.stat_result) -> bool:
    """Whether a kept output is this user's own, and nobody else could have written it."""
    owner = getattr(os, "getuid", None)  # (not on Windows, where modes mean little)
    return owner is None or (stat.st_uid == owner() and not stat.st_mode & 0o022)


def store(cache_key: str, stdout: str, stderr: str) -> None:
    """Keep a successful run's output; a cache that cannot be written is no error.

    Outputs older than :data:`MAX_AGE` go at the same time.
    """
    folder = directory()
    tmp = folder / f".{cache_key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()  # (left by a killed run that had this process id)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"stdout": stdout, "stderr": stderr}))
        tmp.replace(folder / f"{cache_key}.json")
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return
    clear(older_than=time.time() - MAX_AGE)


def clear(older_than: float | None = None) -> int:
    """Remove the kept outputs (those last stored before ``older_than``); how many went.

    Only files the cache wrote are removed; anything else in its directory stays.
    """
    removed = 0
    try:
        entries = list(directory().iterdir())
    except OSError:
        return 0
    for path in entries:
        if not _ENTRY.fullmatch(path.name):
            continue
        try:
            if older_than is None or path.stat().st_mtime < older_than:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed

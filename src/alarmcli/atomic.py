"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Every file alarm writes goes through here: one file with :func:`atomic_writer`, several
that belong together (the months of ``alarm aggregate``) with :class:`Stage`. Each is
written in full to a hidden temporary file beside its target (``.2024-03.csv.XXXX.tmp``)
and synced, then renamed into place. Only a process killed outright leaves such files
behind; :func:`leftovers` finds them.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from alarmcli.errors import AlarmError
from alarmcli.messages import msg

if TYPE_CHECKING:
    import polars as pl

#: The name of a temporary file beside ``TARGET``: ``.TARGET.<random>.tmp``.
TEMPORARY_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "w") -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    The temporary file is flushed and synced before the rename, and removed if the
    block raises, so an interrupted write leaves ``path`` as it was. A link is followed
    (its target is replaced, the link kept); a replaced file keeps its permissions, a
    new one gets the umask's. A target that is not a regular file (``/dev/stdout``, a
    pipe) is written directly, since it cannot be replaced.
    """
    with named(path):
        if path.exists() and not path.is_file():
            with path.open(mode, encoding="utf-8", newline="") as handle:
                yield handle
            return
        with _replacing(path, mode) as handle:
            yield handle


@contextlib.contextmanager
def named(path: Path) -> Iterator[None]:
    """Give an ``OSError`` that names no file (a full disk on write) the name ``path``."""
    try:
        yield
    except OSError as error:
        if error.filename is not None or error.errno is None:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from error


@contextlib.contextmanager
def _replacing(path: Path, mode: str) -> Iterator[IO[str]]:
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    permissions = target.stat().st_mode & 0o777 if target.exists() else default_permissions()
    fd, tmp = _temporary_beside(target)
    try:
        encoding, newline = (None, None) if "b" in mode else ("utf-8", "")
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fchmod(handle.fileno(), permissions)
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def default_permissions() -> int:
    """The permissions a new file gets under the process's umask (``0o644`` under 022)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_writer(path) as handle:
        handle.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a spreadsheet)."""
    with named(path), _replacing(path, "wb") as handle:
        handle.write(data)  # type: ignore[arg-type]


def _temporary_beside(target: Path) -> tuple[int, Path]:
    """A new hidden temporary file beside ``target``, open: its descriptor and path."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    return fd, Path(name)


@contextlib.contextmanager
def exclusive(directory: Path) -> Iterator[None]:
    """Hold ``directory`` for one writer: another run that asks meanwhile is refused.

    An advisory lock on the directory itself (nothing is written to take it); a
    directory that does not exist yet has nothing to guard.

    Raises:
        AlarmError: another process holds the directory.
    """
    import fcntl

    if not directory.is_dir():
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlarmError(msg("aggregate.busy", path=str(directory))) from None
        yield
    finally:
        os.close(fd)


def leftovers(directory: Path) -> list[Path]:
    """The temporary files at or below ``directory`` that a killed write left behind."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob(".*.tmp") if TEMPORARY_RE.match(p.name))


class Stage:
    """Files written in full to hidden temporary files first, then renamed into place.

    Used as a context manager: leaving it with an exception removes every temporary
    file, and the directories the stage created, so the target directories are left
    as they were.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path, bool]] = []  # (temporary, target, keep old)
        self._created: list[Path] = []
        self._direct: list[tuple[Path, pl.DataFrame]] = []  # written on commit, in place

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            return
        for tmp, _, _ in self._staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        for directory in reversed(self._created):
            with contextlib.suppress(OSError):
                directory.rmdir()

    def _temporary(self, target: Path, *, keep_old: bool) -> Path:
        missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
        target.parent.mkdir(parents=True, exist_ok=True)
        self._created.extend(reversed(missing))
        fd, tmp = _temporary_beside(target)
        old = target.stat().st_mode & 0o777 if target.is_file() else None
        os.fchmod(fd, old if old is not None else default_permissions())
        os.close(fd)
        self._staged.append((tmp, target, keep_old))
        return tmp

    def add_text(self, target: Path, text: str, *, keep_old: bool) -> None:
        """Stage ``text`` (UTF-8, as given) for ``target``; ``keep_old``: back up the old."""
        tmp = self._temporary(target, keep_old=keep_old)
        with named(target), tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    def add_frame(self, target: Path, frame: pl.DataFrame) -> None:
        """Stage a frame as CSV for ``target``, to replace any old one.

        A link is followed (its target is replaced, the link kept); a target that is
        not a regular file (``/dev/null``, a terminal) is written directly on commit,
        never replaced.
        """
        target = target.resolve() if target.is_symlink() else target
        if target.exists() and not target.is_file():
            self._direct.append((target, frame))
            return
        tmp = self._temporary(target, keep_old=False)
        with named(target):
            frame.write_csv(tmp)
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())

    def commit(self) -> list[Path]:
        """Rename every staged file into place, keeping replaced ones as backups.

        Returns:
            The backups made.

        Raises:
            OSError: a rename failed; the renames made before it are undone.
        """
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")  # local time: read by people
        done: list[tuple[Path, Path | None]] = []
        try:
            for tmp, target, keep_old in self._staged:
                kept = _keep(target, stamp) if keep_old and target.exists() else None
                done.append((target, kept))
                tmp.replace(target)
        except BaseException:
            for target, kept in reversed(done):
                with contextlib.suppress(OSError):
                    if kept is not None:
                        kept.replace(target)
                    else:
                        target.unlink()
            raise
        for directory in {target.parent for _, target, _ in self._staged}:
            _sync_directory(directory)
        for target, frame in self._direct:
            with named(target), target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(frame.write_csv())
        return [kept for _, kept in done if kept is not None]


def _sync_directory(directory: Path) -> None:
    """Make the renames in ``directory`` durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep(target: Path, stamp: str) -> Path:
    """Keep ``target`` as ``TARGET.<stamp>.bak`` beside it (a hard link where possible)."""
    for n in range(1000):
        suffix = f".{stamp}.bak" if n == 0 else f".{stamp}-{n}.bak"
        backup = target.with_name(target.name + suffix)
        try:
            os.link(target, backup)
        except FileExistsError:
            continue
        except OSError:
            if backup.exists():
                continue
            shutil.copy2(target, backup)
        return backup
    raise AlarmError(msg("aggregate.no-backup-name", path=str(target)))

"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


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
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as handle:
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

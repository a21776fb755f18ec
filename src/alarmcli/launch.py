"""The ``alarm`` entry point: the cache first (standard library only), then the CLI.

A figure command whose data directory has not changed prints its kept output without
importing polars, pydantic or typer (:mod:`alarmcli.cache`); any other run goes to the
Typer app, and a successful figure command's output is kept for next time. The process
then ends without the interpreter's teardown (:func:`run`).
"""

from __future__ import annotations

import sys
from typing import IO, Any

from alarmcli import __version__, cache


class _Tee:
    """A text stream that writes through and remembers what was written."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.written: list[str] = []

    def write(self, text: str) -> int:
        self.written.append(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401  (the stream's other methods)
        return getattr(self.stream, name)


def _replay(stdout: bytes, stderr: bytes) -> None:
    """Print a kept run's output.

    A standard output that cannot take it is an error, as in the CLI (exit 1, naming it),
    never a traceback.
    """
    import os

    try:
        sys.stdout.buffer.write(stdout)
        sys.stdout.flush()
    except OSError as error:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.stderr.write(f"error: cannot write or read standard output: {error.strerror}\n")
        raise SystemExit(1) from None
    sys.stderr.buffer.write(stderr)
    sys.stderr.flush()


def main() -> None:
    """Run ``alarm``, from the cache where the data has not changed."""
    argv = list(sys.argv)
    use = cache.enabled(argv)
    if cache.NO_CACHE in argv:
        sys.argv = [a for a in argv if a != cache.NO_CACHE]
    key = cache.key(argv, __version__) if use else None
    if key is not None:
        hit = cache.lookup(key)
        if hit is not None:
            _replay(*hit)
            return
    from alarmcli.cli import app

    if key is None:
        app()
        return
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        app()
    except SystemExit as done:
        if done.code in (0, None):
            cache.store(key, "".join(out.written), "".join(err.written))
        raise
    else:
        cache.store(key, "".join(out.written), "".join(err.written))
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream


def run() -> None:
    """Run ``alarm`` (:func:`main`), then end the process at once with its exit code.

    Tearing the interpreter down (polars and some 900 modules) takes 60-90 ms after
    the work is done: a fifth of an uncached figure command. By then the command has
    written and closed its files (atomically) and written its output; the standard
    streams are flushed here, and nothing else is left to finish, so the process skips
    that teardown. An error the command did not turn into a message (there should be
    none) still ends the usual way, with its traceback.
    """
    import os

    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
        if isinstance(done.code, str):
            sys.stderr.write(done.code + "\n")
    try:
        sys.stdout.flush()
    except OSError as error:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.stderr.write(f"error: cannot write or read standard output: {error.strerror}\n")
        code = code or 1
    sys.stderr.flush()
    os._exit(code)

"""The one exception family the core raises; the CLI turns it into an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from alarmcli.problems import Problem


class AlarmError(Exception):
    """A failure the user can act on; the CLI prints it and exits with ``exit_code``."""

    exit_code = 1


class DataError(AlarmError):
    """The data is invalid: carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem], message: str | None = None) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        super().__init__(message or f"{n} problem{'s' if n != 1 else ''} found")


class NoDataError(AlarmError):
    """The data has nothing for what was asked (a year, a channel)."""


class UsageError(AlarmError):
    """The command line asks for something that cannot be (exit 2)."""

    exit_code = 2

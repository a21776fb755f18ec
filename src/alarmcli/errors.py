"""The one exception family the core raises; the CLI turns it into an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alarmcli.messages import Message, msg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from alarmcli.problems import Problem


class AlarmError(Exception):
    """A failure the user can act on; the CLI prints it and exits with ``exit_code``.

    The message is a catalogue :class:`Message` (worded at the edge in the reader's
    language) or, from older code, an English sentence.
    """

    exit_code = 1

    def __init__(self, message: str | Message) -> None:
        self.detail = message if isinstance(message, Message) else None
        super().__init__(str(message))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        return self.detail.text(lang) if self.detail else str(self)


class DataError(AlarmError):
    """The data is invalid: carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem], message: str | Message | None = None) -> None:
        self.problems = list(problems)
        super().__init__(message or msg("error.problems", n=len(self.problems)))


class NoDataError(AlarmError):
    """The data has nothing for what was asked (a year, a channel)."""


class UsageError(AlarmError):
    """The command line asks for something that cannot be (exit 2)."""

    exit_code = 2

"""A data directory's settings: ``DATA_DIR/alarm.toml``, read once, checked with file and line.

```toml
[suppression]
threshold = 3   # hide every published count from 1 to 2
```

A cron job reads the same file as a person, so what it sets cannot be forgotten on the
command line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from alarmcli.errors import DataError
from alarmcli.messages import Message, msg
from alarmcli.problems import Code, Problem, sort_key

if TYPE_CHECKING:
    from pathlib import Path

    from alarmcli.schemas import ReportSettings

CONFIG_FILE = "alarm.toml"


def _report_defaults() -> ReportSettings:
    from alarmcli.schemas import ReportSettings

    return ReportSettings()


@dataclass(frozen=True)
class Config:
    """The settings of a data directory; the defaults where it has no ``alarm.toml``."""

    #: counts from 1 to ``threshold`` − 1 are hidden in every published figure; 0: none
    threshold: int = 0
    #: ``[report]``: name, logo, colours, chapters of ``alarm report``
    report: ReportSettings = field(default_factory=_report_defaults)


def load(data_dir: Path) -> Config:
    """``data_dir/alarm.toml``, or the defaults when there is none.

    Raises:
        DataError: the file is not valid TOML or holds a key or value it cannot have.
    """
    from pydantic import ValidationError

    from alarmcli.schemas import ConfigFile
    from alarmcli.taxonomy import _locate, loads_toml

    path = data_dir / CONFIG_FILE
    if not path.is_file():
        return Config()
    name = str(path)
    try:
        text = path.read_text("utf-8-sig")
        raw = loads_toml(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        match = re.search(r"\(at line (\d+), column \d+\)", str(err))
        reason = re.sub(r"\s*\(at line.*\)$", "", str(err))
        raise DataError(
            [
                _problem(
                    name, int(match[1]) if match else None, msg("config.unreadable", reason=reason)
                )
            ]
        ) from None
    try:
        model = ConfigFile.model_validate(raw)
    except ValidationError as err:
        lines = text.splitlines()
        problems = [
            _problem(
                name,
                _locate(lines, e["loc"]),
                _message(e["loc"], e["type"]),
            )
            for e in err.errors()
        ]
        raise DataError(sorted(problems, key=sort_key)) from None
    return Config(
        threshold=model.suppression.threshold if model.suppression else 0,
        report=model.report or _report_defaults(),
    )


#: Where each table's settings are described.
_DOCS = {"suppression": "docs/suppression.md", "report": "docs/report.md"}


def _message(loc: tuple[int | str, ...], kind: str) -> Message:
    """A pydantic error in ``alarm.toml`` (its location and type) in our words."""
    from alarmcli.taxonomy import key_path

    path, table = key_path(loc), str(loc[0])
    if kind == "missing":
        return msg("toml.missing", path=path)
    if kind == "extra_forbidden":  # (an unknown table, too)
        return msg("config.unknown-key", path=path, doc=_DOCS.get(table, ", ".join(_DOCS.values())))
    return msg("config.invalid-report" if table == "report" else "config.invalid", path=path)


def _problem(file: str, line: int | None, message: Message) -> Problem:
    return Problem(file, line, None, Code.CONFIG, message.text(), message)

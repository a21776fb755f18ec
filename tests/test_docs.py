"""The documentation cannot drift from the code.

``docs/commands.md`` is the ``--help`` of every command; set ``UPDATE_GOLDEN=1`` to
regenerate it after changing a command.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alarmcli.cli import app
from conftest import invoke

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(c.name or "" for c in app.registered_commands)


def help_text(command: str) -> str:
    result = invoke(command, "--help", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.stdout.splitlines())


def test_every_command_is_registered() -> None:
    """The app has every command the README promises."""
    assert (
        sorted(
            [
                "aggregate",
                "audit",
                "breakdown",
                "chart",
                "compare",
                "crosstab",
                "import",
                "opening",
                "report",
                "schema",
                "series",
                "sites",
                "summary",
                "times",
                "validate",
                "web",
            ]
        )
        == COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_help_ends_with_an_example(command: str) -> None:
    """Every command's help shows an example that uses the command."""
    text = help_text(command)
    assert f"Example: alarm {command}" in text


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_names_every_command(command: str) -> None:
    """The README's table lists every command."""
    assert f"`alarm {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_command_reference_is_current() -> None:
    """docs/commands.md is exactly the --help of every command."""
    parts = [
        "# Command reference\n",
        "Generated from `alarm COMMAND --help` by `tests/test_docs.py`.\n",
    ]
    for command in COMMANDS:
        parts.append(f"## alarm {command}\n\n```text\n{help_text(command)}\n```\n")
    text = "\n".join(parts)
    path = ROOT / "docs" / "commands.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def test_version() -> None:
    """--version prints the package version."""
    from alarmcli import __version__

    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"alarm {__version__}\n")


def test_no_heavy_imports_for_version() -> None:
    """`alarm --version` runs without importing polars, pydantic, rich's tables or tabulate."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.argv = ['alarm', '--version']\n"
        "from alarmcli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('polars', 'pydantic', 'rich.table', 'tabulate')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from alarmcli import __version__

    assert out.stdout.splitlines() == [f"alarm {__version__}", ""]


def test_help_does_not_import_the_data_stack() -> None:
    """`alarm --help` imports neither polars nor pydantic (Typer itself draws it with rich)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.argv = ['alarm', '--help']\n"
        "from alarmcli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('|' + ','.join(m for m in ('polars', 'pydantic') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "|"

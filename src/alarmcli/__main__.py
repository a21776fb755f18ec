"""Run the CLI as ``python -m alarmcli``."""

from alarmcli.cli import main

main()

"""Run the CLI as ``python -m alarmcli``."""

from alarmcli.launch import run

run()

"""Run the CLI as ``python -m alarmcli``."""

from alarmcli.launch import main

main()

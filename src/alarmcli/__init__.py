"""alarmcli: exact, validated annual figures for child helplines."""

__version__ = "0.1.0"

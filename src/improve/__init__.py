"""improve: ITIL 4 continual improvement as a daily habit."""

__version__ = "0.1.0"

"""Importing every command module registers it on the `cli` group."""

from salesdesk.cli import data_cmds  # noqa: F401

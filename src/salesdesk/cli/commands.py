"""Importing every command module registers it on the `cli` group."""

from salesdesk.cli import (  # noqa: F401
    audit_cmds,
    close_cmds,
    data_cmds,
    demo_cmd,
    department_cmds,
    ops_cmds,
    report_cmds,
    web_cmds,
    whatif_cmd,
)

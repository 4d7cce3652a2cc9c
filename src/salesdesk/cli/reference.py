"""The CLI reference (docs/cli.md), generated from the commands' own --help.

    python -m salesdesk.cli.reference > docs/cli.md

A test regenerates it and fails when docs/cli.md is out of date, so no command
or option goes undocumented.
"""

from __future__ import annotations

import click

from salesdesk.cli.main import cli


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


def reference() -> str:
    from salesdesk.cli import commands  # noqa: F401  (registers every command)

    parts = [
        "# salesdesk 命令参考 / CLI reference",
        "",
        "Generated from `--help`; do not edit by hand.",
        "",
    ]
    for path, command in [("salesdesk", cli), *_commands(cli, "salesdesk")]:
        with click.Context(
            command, info_name=path, terminal_width=100, max_content_width=100
        ) as ctx:
            parts += [f"## `{path}`", "", "```text", command.get_help(ctx), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")

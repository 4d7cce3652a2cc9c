"""docs/cli.md is the commands' own --help: regenerate it when a command changes."""

from __future__ import annotations

from salesdesk.cli.reference import reference


def test_cli_reference_is_up_to_date(repo):
    written = (repo / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == reference(), (
        "docs/cli.md is stale: python -m salesdesk.cli.reference > docs/cli.md"
    )


def test_every_setting_is_in_the_readme(repo):
    from salesdesk.conf.env import DECLARED

    readme = (repo / "README.md").read_text(encoding="utf-8")
    missing = [name for name in DECLARED if f"`{name}`" not in readme]
    assert not missing, f"settings missing from README.md: {missing}"

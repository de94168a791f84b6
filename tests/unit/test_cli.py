"""The `marsad` entry point: every registered command loads and explains itself."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from marsad.cli import COMMANDS, main
from marsad.commands.bench import SUBCOMMANDS as BENCH
from marsad.commands.eval import SUBCOMMANDS as EVAL


def test_help_lists_every_command():
    out = CliRunner().invoke(main, ["--help"]).output
    assert all(name in out for name in COMMANDS)


@pytest.mark.parametrize("argv", [[n, "--help"] for n in COMMANDS]
                         + [["eval", n, "--help"] for n in EVAL] + [["bench", n, "--help"] for n in BENCH])
def test_each_command_loads_and_has_help(argv):
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["nope"])
    assert result.exit_code == 2 and "No such command" in result.output

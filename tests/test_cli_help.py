"""Every command explains itself with an example, appears in the README, and starts instantly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from diplograph.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path
        if isinstance(command, click.Group):
            yield from _commands(command, path)


COMMANDS = sorted(_commands(cli))


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_has_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    assert f"diplograph {' '.join(path)}" in result.stdout.split("Example:")[1]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_readme_mentions_every_command(path):
    assert f"diplograph {' '.join(path)}" in (ROOT / "README.md").read_text()


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "diplograph, version" in result.stdout


def test_help_imports_no_heavy_library():
    code = ("import sys; from diplograph.cli import main; sys.argv = ['diplograph', '--help'];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('spacy', 'pyoxigraph', 'neo4j', 'rdflib', 'networkx', 'pycountry')"
            " if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout
